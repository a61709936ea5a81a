# frozen_string_literal: true

# Numbers never depend on the locale (spec §0.14). A child Ruby sets its C
# locale from the environment (Ruby has no setlocale of its own, so through
# Fiddle, as a host's C extension might), then writes what the library prints
# and parses. Under de_DE.UTF-8 (decimal comma) the bytes must be those of the
# "C" locale. The locale is generated with localedef into a temporary
# directory (LOCPATH); without localedef the test is skipped with the reason.
require_relative "test_helper"
require "open3"
require "rbconfig"
require "tmpdir"
require "fileutils"

class TestLocale < Minitest::Test
  CHILD = <<~'RUBY'
    require "fiddle"
    libc = Fiddle.dlopen(nil)
    setlocale = Fiddle::Function.new(libc["setlocale"], [Fiddle::TYPE_INT, Fiddle::TYPE_VOIDP], Fiddle::TYPE_VOIDP)
    lc_all = 6 # glibc's LC_ALL
    abort "setlocale failed" if setlocale.call(lc_all, "").null?
    printf_ = Fiddle::Function.new(libc["snprintf"], [Fiddle::TYPE_VOIDP, Fiddle::TYPE_SIZE_T, Fiddle::TYPE_VOIDP,
                                                      Fiddle::TYPE_DOUBLE], Fiddle::TYPE_INT)
    buf = "\0" * 16
    printf_.call(buf, 16, "%.1f", 0.5)
    require "cxmetrics"
    require "json"
    csv_path, survey = ARGV
    out = [buf.delete("\0")] # what the C library itself writes in this locale
    fit = Cxmetrics::ClvModel.model_from_json('{"model": "gg", "params": {"p": 6.25, "q": 3.5, "v": 15.125}}')
    out << fit.fit_json << Cxmetrics::ClvModel.model_from_json(fit.fit_json).fit_json
    out << Cxmetrics.parse_number("0.5").inspect
    t = Cxmetrics::Table.read_csv(csv_path, columns: { id: :text, day: :day, x: :number })
    out << t.x.inspect << t.to_csv << t.render(:json)
    r = Cxmetrics::SurveyReport.from_csv(survey)
    out << r.render << r.render(:json)
    out << fit.to_json << t.to_json # the value forms (Ruby's JSON), compared below too
    $stdout.write(out.join("\n----\n"))
  RUBY

  def self.de_locale
    @de_locale ||= begin
      dir = Dir.mktmpdir("cxm-ruby-locale")
      Minitest.after_run { FileUtils.rm_rf(dir) }
      ok = system("localedef", "-i", "de_DE", "-f", "UTF-8", File.join(dir, "de_DE.UTF-8"),
                  out: File::NULL, err: File::NULL)
      ok ? dir : false
    end
  end

  def run_child(dir, env)
    csv_path = File.join(dir, "table.csv")
    File.write(csv_path, "id,day,x\na,2024-02-29,0.5\nb,2024-03-01,1e-7\nc,2023-12-31,30.428571428571427\n")
    env = { "LANG" => nil, "LC_NUMERIC" => nil }.merge(env)
    survey = File.join(CxmTest::ROOT, "examples/data/survey_responses.csv")
    out, err, status = Open3.capture3(env, RbConfig.ruby, "-e", CHILD, csv_path, survey)
    assert status.success?, "child Ruby failed: #{err}"
    out.split("\n----\n", -1)
  end

  def test_output_is_the_same_in_a_decimal_comma_locale
    locpath = self.class.de_locale
    skip "could not generate de_DE.UTF-8 with localedef (Debian package 'locales')" unless locpath
    Dir.mktmpdir("cxm-ruby-locale-run") do |dir|
      c = run_child(dir, { "LC_ALL" => "C" })
      de = run_child(dir, { "LC_ALL" => "de_DE.UTF-8", "LOCPATH" => locpath })
      assert_equal ["0.5", "0,5"], [c[0], de[0]] # the child really is in a decimal-comma locale
      assert_includes c[1], '"p": 6.25'
      assert_equal c[1], c[2] # the fit reads back as it was written
      assert_equal ["0.5", "[0.5, 1.0e-07, 30.428571428571427]"], c[3..4]
      assert_equal "id,day,x\na,2024-02-29,0.5\nb,2024-03-01,1e-07\nc,2023-12-31,30.428571428571427\n", c[5]
      assert_equal c[1..], de[1..]
    end
  end
end
