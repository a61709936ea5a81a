# frozen_string_literal: true

# The `cxmetrics-gem` target of bindings/ruby/meson.build: stages the gem's files and builds
# the gem (issue 14, item 3).
#   ruby gem_build.rb GEMSPEC EXTCONF WRAP_C RUBY_GEN_H LICENSE README LIBDIR STAGEDIR OUTPUT
# STAGEDIR is emptied and filled with the gem's tree:
#   cxmetrics.gemspec  LICENSE  README.md
#   lib/cxmetrics.rb  lib/cxmetrics/*.rb            (every .rb under LIBDIR)
#   ext/cxmetrics/extconf.rb  cxmetrics_ruby_wrap.c  ruby_gen.h
# then the gem is built there as `gem build cxmetrics.gemspec` builds it (Gem::Package.build,
# in this Ruby: the one meson found, whose headers the wrapper was generated for) and moved
# to OUTPUT; when the tree is unchanged and OUTPUT exists, nothing is done. Anything missing
# stops the build with a message naming the file.
require "fileutils"
require "rubygems/package"

if ARGV.size != 9
  abort "usage: gem_build.rb GEMSPEC EXTCONF WRAP_C RUBY_GEN_H LICENSE README LIBDIR STAGEDIR OUTPUT"
end
gemspec, extconf, wrap_c, ruby_gen_h, license, readme, libdir, stage, output = ARGV.map { |a| File.expand_path(a) }
[gemspec, extconf, wrap_c, ruby_gen_h, license, readme, File.join(libdir, "cxmetrics.rb")].each do |f|
  abort "gem_build.rb: #{f} does not exist" unless File.file?(f)
end

# Staged next to STAGEDIR first: when the tree is the same as the one the existing OUTPUT
# was built from, nothing is done. The target runs at every build (meson cannot know when a
# .rb file is added to lib/), and this keeps that to a comparison.
fresh = "#{stage}.new"
FileUtils.rm_rf(fresh)
ext = File.join(fresh, "ext", "cxmetrics")
FileUtils.mkdir_p(ext)
FileUtils.cp(gemspec, File.join(fresh, "cxmetrics.gemspec"))
FileUtils.cp(license, File.join(fresh, "LICENSE"))
FileUtils.cp(readme, File.join(fresh, "README.md"))
FileUtils.cp([extconf, wrap_c, ruby_gen_h], ext)
Dir.chdir(libdir) do
  Dir["**/*.rb"].each do |rb|
    FileUtils.mkdir_p(File.join(fresh, "lib", File.dirname(rb)))
    FileUtils.cp(rb, File.join(fresh, "lib", rb))
  end
end

def tree(dir)
  return nil unless File.directory?(dir)

  Dir.chdir(dir) { Dir.glob("**/*", File::FNM_DOTMATCH).select { |f| File.file?(f) }.sort.map { |f| [f, File.binread(f)] } }
end

if File.file?(output) && tree(fresh) == tree(stage)
  FileUtils.rm_rf(fresh)
  exit
end
FileUtils.rm_rf(stage)
File.rename(fresh, stage)
FileUtils.rm_f(output)

Dir.chdir(stage) do
  spec = Gem::Specification.load("cxmetrics.gemspec") or abort "gem_build.rb: #{gemspec} does not load"
  # Gem::Package.build validates the spec (name, version, licence, files) and raises on an
  # invalid one; its warnings go to stderr.
  built = Gem::Package.build(spec)
  FileUtils.mv(built, output)
end
