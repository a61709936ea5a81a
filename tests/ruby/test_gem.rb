# frozen_string_literal: true

# The gem (issue 14, item 3) as `meson compile cxmetrics-gem` builds it: its metadata against
# meson.build and LICENSE read here as text (not through the configure step that wrote the
# gemspec), its files against the source tree, and extconf.rb's refusals (no cxmetrics.pc,
# another version) and its success against the build tree's uninstalled cxmetrics.pc. The
# whole path (gem install into a fresh GEM_HOME as a non-root user, the README's example) is
# tests/install/ruby.sh, stage "install" of scripts/run-tests.
# Environment: CXM_GEM (the .gem), CXM_BUILD_ROOT (for meson-uninstalled/cxmetrics*.pc).
require_relative "test_helper"
require "open3"
require "rubygems/package"
require "tmpdir"

class TestGem < Minitest::Test
  GEM = ENV.fetch("CXM_GEM")
  BUILD_ROOT = ENV.fetch("CXM_BUILD_ROOT")
  MESON_BUILD = File.read(File.join(CxmTest::ROOT, "meson.build"))

  def spec
    @spec ||= Gem::Package.new(GEM).spec
  end

  # The gem unpacked into a fresh directory: its tree as a user's `gem install` sees it.
  def with_unpacked
    Dir.mktmpdir("cxm-gem") do |dir|
      Gem::Package.new(GEM).extract_files(dir)
      yield dir
    end
  end

  # ruby extconf.rb in a copy of the gem's ext/cxmetrics, with the given environment:
  # [status, stdout + stderr, the directory's files (Makefile...) as a Hash name => text].
  def extconf(env)
    with_unpacked do |dir|
      ext = File.join(dir, "ext", "cxmetrics")
      out, status = Open3.capture2e(env, RbConfig.ruby, "extconf.rb", chdir: ext)
      made = File.exist?(File.join(ext, "Makefile")) ? File.read(File.join(ext, "Makefile")) : nil
      return [status, out, made]
    end
  end

  def test_metadata_is_meson_builds
    version = MESON_BUILD[/^project\('cxmetrics', 'c',\s*version: '([^']+)'/m, 1]
    homepage = MESON_BUILD[/^cxm_homepage = '([^']+)'/, 1]
    refute_nil version, "project() version in meson.build"
    refute_nil homepage, "cxm_homepage in meson.build"
    assert_equal "cxmetrics", spec.name
    assert_equal Gem::Version.new(version), spec.version
    assert_equal "cxmetrics-#{version}.gem", File.basename(GEM)
    # LICENSE's first line is the licence's name ("MIT License")
    assert_equal File.read(File.join(CxmTest::ROOT, "LICENSE")).lines.first.strip, "#{spec.license} License"
    assert_equal [spec.license], spec.licenses
    assert_equal homepage, spec.homepage
    assert_equal homepage, spec.metadata["source_code_uri"]
    # the library this binding was compiled against is the gem's version
    assert_equal version, Cxmetrics::Native::VERSION_STRING
    assert_equal ["ext/cxmetrics/extconf.rb"], spec.extensions
    assert_equal ["lib"], spec.raw_require_paths
    assert_empty spec.runtime_dependencies, "the gem needs only Ruby's standard library"
  end

  def test_files_are_the_sources_and_the_generated_wrapper
    src = File.join(CxmTest::ROOT, "bindings", "ruby", "lib")
    rb = Dir.chdir(src) { Dir["**/*.rb"] }.map { |f| "lib/#{f}" }
    assert_includes rb, "lib/cxmetrics.rb"
    assert_includes rb, "lib/cxmetrics/convert.rb"
    expected = rb + %w[LICENSE README.md ext/cxmetrics/cxmetrics_ruby_wrap.c ext/cxmetrics/extconf.rb
                       ext/cxmetrics/ruby_gen.h]
    assert_equal expected.sort, spec.files.sort
    with_unpacked do |dir|
      rb.each do |f|
        assert_equal File.binread(File.join(src, f.delete_prefix("lib/"))), File.binread(File.join(dir, f)), f
      end
      assert_equal File.binread(File.join(CxmTest::ROOT, "LICENSE")), File.binread(File.join(dir, "LICENSE"))
      # the wrapper is SWIG's output for this Ruby, as the build tree's extension was made from
      %w[cxmetrics_ruby_wrap.c].each do |f|
        assert_equal File.binread(File.join(BUILD_ROOT, "bindings", "ruby", f)),
                     File.binread(File.join(dir, "ext", "cxmetrics", f)), f
      end
      assert_equal File.binread(File.join(BUILD_ROOT, "bindings", "ruby_gen.h")),
                   File.binread(File.join(dir, "ext", "cxmetrics", "ruby_gen.h"))
      assert_match(/^SWIGEXPORT void Init_native\(void\)/, File.read(File.join(dir, "ext", "cxmetrics", "cxmetrics_ruby_wrap.c")))
      extconf = File.read(File.join(dir, "ext", "cxmetrics", "extconf.rb"))
      refute_match(/@[A-Z]+@/, extconf, "every @VAR@ of extconf.rb.in is substituted")
      assert_includes extconf, %(create_makefile("cxmetrics/native"))
    end
  end

  # No cxmetrics.pc anywhere pkg-config looks: a message naming PKG_CONFIG_PATH, not mkmf's.
  def test_extconf_without_the_library_says_pkg_config_path
    Dir.mktmpdir("cxm-nopc") do |empty|
      status, out, made = extconf("PKG_CONFIG_PATH" => empty, "PKG_CONFIG_LIBDIR" => empty)
      refute status.success?, out
      assert_nil made
      assert_includes out, "cxmetrics: pkg-config cannot find cxmetrics.pc"
      assert_includes out, "Package cxmetrics was not found" # pkg-config's own words
      assert_includes out, "PKG_CONFIG_PATH=#{empty}"
      assert_includes out, "libcxmetrics #{spec.version}"
    end
  end

  # A cxmetrics.pc in a fresh directory, the only one pkg-config searches:
  # extconf's [status, output, Makefile or nil] and the directory.
  def extconf_with_pc(version, extra = "")
    Dir.mktmpdir("cxm-pc") do |dir|
      File.write(File.join(dir, "cxmetrics.pc"), <<~PC)
        prefix=#{dir}
        includedir=${prefix}/include
        libdir=${prefix}/lib
        Name: cxmetrics
        Description: not the real libcxmetrics
        Version: #{version}
        Cflags: -I${includedir}
        Libs: -L${libdir} -lcxmetrics
        #{extra}
      PC
      yield(*extconf("PKG_CONFIG_PATH" => dir, "PKG_CONFIG_LIBDIR" => dir), dir)
    end
  end

  # Another version of the library installed: refused, naming both versions and the .pc file.
  def test_extconf_refuses_another_version
    %w[0.0.9 0.1.1 1.0.0].each do |other|
      extconf_with_pc(other) do |status, out, made, dir|
        refute status.success?, out
        assert_nil made
        assert_includes out, "this gem (cxmetrics #{spec.version}) needs libcxmetrics #{spec.version}, " \
                             "but pkg-config found version '#{other}' (#{dir}/cxmetrics.pc)"
      end
    end
  end

  # A cxmetrics.pc whose Requires are missing (libcjson-dev not installed): pkg-config's
  # message naming the missing package, not a bare "not found".
  def test_extconf_names_a_missing_requirement
    extconf_with_pc(spec.version.to_s, "Requires: cxm-test-missing-dependency") do |status, out, made|
      refute status.success?, out
      assert_nil made
      assert_includes out, "cxmetrics: pkg-config cannot find cxmetrics.pc"
      assert_match(/Package 'cxm-test-missing-dependency', required by 'cxmetrics', not found/, out)
    end
  end

  # The right version but no library where the .pc says: the link test fails, and says so.
  def test_extconf_says_when_the_library_does_not_link
    extconf_with_pc(spec.version.to_s) do |status, out, made, dir|
      refute status.success?, out
      assert_nil made
      assert_includes out, "cxmetrics: cannot link a program with the flags of #{dir}/cxmetrics.pc " \
                           "(pkg-config --libs cxmetrics: -L#{dir}/lib -lcxmetrics)"
    end
  end

  # The build tree's library (meson's uninstalled .pc): a Makefile for cxmetrics/native
  # with the .pc's libdir as rpath, so that no LD_LIBRARY_PATH is needed (that the
  # installed library is then found is tests/install/ruby.sh's).
  def test_extconf_against_the_build_tree_records_the_rpath
    pcdir = File.join(BUILD_ROOT, "meson-uninstalled")
    env = { "PKG_CONFIG_PATH" => pcdir } # the system's .pc files too: libcjson, zlib
    libdir, st = Open3.capture2(env, "pkg-config", "--variable=libdir", "cxmetrics")
    assert st.success?
    status, out, made = extconf(env)
    assert status.success?, out
    refute_nil made
    assert_match(/^TARGET = native$/, made)
    assert_match(%r{^target_prefix = /cxmetrics$}, made)
    assert_includes made, "-Wl,-rpath,#{libdir.strip}"
    assert_includes made, "-fvisibility=hidden"
  end
end
