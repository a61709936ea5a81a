# frozen_string_literal: true

require_relative "test_helper"
require "csv"
require "json"
require "open3"
require "time"

# The survey report by group and period through Ruby (issue 10, item 8; spec §18):
# cells by channel x month of tests/data/survey-grouped/front_responses.csv against
# plain Ruby arithmetic on the same file (NPS split, adjusted-Wald, Wilson, the
# months cut from the timestamps with Ruby's Time), the same report from a Hash of
# Arrays, the command line's CSV row for row, and the typed errors.
class TestSurveyReport < Minitest::Test
  include CxmTest

  FILE = File.join(CxmTest::ROOT, "tests", "data", "survey-grouped", "front_responses.csv")
  THEMES = File.join(CxmTest::ROOT, "tests", "data", "survey-grouped", "front_themes.json")
  Z = 1.959963984540054 # Phi^-1(0.975)
  OPTS = { by: "channel", time: "timestamp", every: :month, ces_scale: 1..7 }.freeze

  def rows
    @rows ||= CSV.read(FILE, headers: true).map(&:to_h)
  end

  def report
    @report ||= Cxmetrics.survey_report(FILE, **OPTS)
  end

  # The first day of the month of a timestamp at UTC (a bare date: itself).
  def month(text)
    return "#{text[0, 7]}-01" if text.size == 10

    Time.parse(text).utc.strftime("%Y-%m-01")
  end

  def wilson(k, n)
    p = k.fdiv(n)
    denom = 1 + Z * Z / n
    centre = (p + Z * Z / (2 * n)) / denom
    half = Z * Math.sqrt(p * (1 - p) / n + Z * Z / (4.0 * n * n)) / denom
    [100 * (centre - half), 100 * (centre + half)]
  end

  def test_cells_by_hand
    cells = report.cells
    assert_kind_of Cxmetrics::SurveyRow, cells.first
    assert_equal "(all)", cells.first.channel
    groups = rows.group_by { |r| [r["channel"], month(r["timestamp"])] }
    checked = 0
    cells.each do |c|
      next if c.channel == "(all)" || c.suppressed == 1

      sub = groups.fetch([c.channel, c.period])
      case c.metric
      when "nps"
        x = sub.map { |r| r["nps"] }.reject { |v| v.nil? || v.empty? }.map(&:to_i)
        n = x.size
        pr = x.count { |v| v >= 9 }
        de = x.count { |v| v <= 6 }
        assert_equal n, c.n
        assert_close 100.0 * (pr - de) / n, c.score
        na = n + 3.0
        pa = (pr + 0.75) / na
        da = (de + 0.75) / na
        se = 100 * Math.sqrt((pa + da - (pa - da)**2) / na)
        assert_close 100 * (pa - da) - Z * se, c.lower, 1e-9
        assert_close 100 * (pa - da) + Z * se, c.upper, 1e-9
        assert_close 100.0 * pr / n, c.promoters
        checked += 1
      when "csat"
        x = sub.map { |r| r["csat"] }.reject { |v| v.nil? || v.empty? }.map(&:to_i)
        k = x.count { |v| v >= 4 }
        assert_equal x.size, c.n
        assert_close 100.0 * k / x.size, c.score
        lo, hi = wilson(k, x.size)
        assert_close lo, c.lower
        assert_close hi, c.upper
        assert_equal sub.size - x.size, c.missing
        checked += 1
      when "ces_agree"
        x = sub.map { |r| r["ces"] }.reject { |v| v.nil? || v.empty? }.map(&:to_i)
        assert_close 100.0 * x.count { |v| v >= 5 } / x.size, c.score
        checked += 1
      end
    end
    assert_operator checked, :>, 50
    assert(cells.any? { |c| c.suppressed == 1 && c.score.nil? && c.n.nil? }, "suppressed cells withhold numbers")
  end

  def test_hash_of_arrays_equals_the_file
    cols = rows.first.keys.to_h { |k| [k, rows.map { |r| r[k] }] }
    %w[nps csat ces].each { |k| cols[k] = cols[k].map { |v| v.nil? || v.empty? ? nil : v.to_f } }
    # Time objects: Unix seconds UTC; the bare dates as midnight UTC
    cols["timestamp"] = cols["timestamp"].map { |t| t.size == 10 ? Time.utc(*t.split("-").map(&:to_i)) : Time.parse(t) }
    from_hash = Cxmetrics.survey_report(cols, **OPTS)
    assert_equal report.cells.size, from_hash.cells.size
    report.cells.zip(from_hash.cells).each do |a, b|
      a.to_h.each do |k, v|
        w = b[k]
        if v.is_a?(Float) && w.is_a?(Float)
          assert_in_delta v, w, 1e-9 * (1 + v.abs), k
        else
          assert_equal v, w, k
        end
      end
    end
  end

  def test_cli_csv_row_for_row
    exe = ENV.fetch("CXM_EXE", nil)
    skip "CXM_EXE not set (run through meson test)" unless exe
    out, err, st = Open3.capture3(exe, "survey", FILE, "--by", "channel", "--time", "timestamp", "--every", "month",
                                  "--ces-scale", "1-7", "--format", "csv")
    assert st.success?, err
    table = CSV.parse(out, headers: true)
    cells = report.cells
    assert_equal cells.size, table.size
    table.each_with_index do |row, i|
      row.to_h.each do |k, v|
        got = cells[i][k]
        if got.is_a?(Numeric)
          assert_in_delta Float(v), got, 1e-12 * (1 + got.abs), "row #{i} #{k}"
        elsif got.nil?
          assert v.nil? || v.empty? || v.casecmp?("nan"), "row #{i} #{k}: #{v.inspect}"
        else
          assert_equal v, got, "row #{i} #{k}"
        end
      end
    end
  end

  def test_report_object
    h = report.to_h
    assert_equal 2000, h[:rows]
    assert_equal [], h[:drivers]
    assert(h[:skipped].values.all?(&:zero?))
    row = report.cells.first
    assert_equal row.to_h, JSON.parse(row.to_json, symbolize_names: true)
    assert_kind_of String, report.render(:html)
    assert_operator report.vs_rest.size, :>, 0
    assert_kind_of Cxmetrics::NpsResult, report.nps # the plain API still works
  end

  def test_themes_and_times
    r = Cxmetrics.survey_report(FILE, by: "channel", ces_scale: 1..7, comment_column: "comment", themes: THEMES,
                                   times: %w[created first_reply resolved])
    assert(r.themes.any? { |t| t.theme == "delivery" })
    assert(r.cells.any? { |c| c.metric == "first_response_median" })
    words = JSON.parse(File.read(THEMES))
    r2 = Cxmetrics.survey_report(FILE, by: "channel", ces_scale: 1..7, comment_column: "comment", themes: words)
    assert_equal r.themes.map(&:to_h), r2.themes.map(&:to_h)
  end

  def test_errors_are_typed
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.survey_report(FILE, by: "region", ces_scale: 1..7) }
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.survey_report(FILE, time: "timestamp", every: :fortnight) }
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.survey_report(FILE, time: "timestamp") }
    assert_raises(Cxmetrics::InvalidArgument) do
      Cxmetrics.survey_report(FILE, time: "timestamp", every: :month, utc_offset: "2h")
    end
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.survey_report(FILE, adjust: :bonferroni) }
  end
end
