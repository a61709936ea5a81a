# frozen_string_literal: true

require_relative "test_helper"
require "csv"
require "tmpdir"

# The survey report by group and period (issue 10, spec §18) through
# Cxmetrics::Native, the C API as SWIG wraps it: the cells table against
# Ruby's CSV library and the formulas worked here (NPS, % satisfied, the
# pooled two-proportion z of a change), suppression under min_n, skipped rows.
class TestSurveyGrouped < Minitest::Test
  N = Cxmetrics::Native

  def setup
    @dir = Dir.mktmpdir("cxm-ruby-grouped")
    @path = File.join(@dir, "survey.csv")
    rng = Random.new(10)
    CSV.open(@path, "w") do |csv|
      csv << %w[channel date nps csat]
      300.times do |i|
        ch = %w[chat email phone][i % 3]
        month = 1 + (i % 2)
        next if ch == "phone" && month == 2 && i > 20 # phone in February: a few rows only
        csv << [ch, format("2026-%02d-%02d", month, 1 + rng.rand(28)), rng.rand(11), 1 + rng.rand(5)]
      end
    end
    @rows = CSV.read(@path, headers: true).map(&:to_h)
  end

  def teardown
    FileUtils.remove_entry(@dir)
  end

  def report(min_n: 10, skip: false, path: @path)
    o = N.survey_opts_new
    N.survey_opts_add_group(o, "channel")
    N.survey_opts_set_time(o, "date", 2, 0)
    N.survey_opts_set_min_n(o, min_n)
    N.survey_opts_set_skip_bad_rows(o, skip ? 1 : 0)
    N.survey_report_from_csv(path, o)
  end

  # The cells table as an array of hashes.
  def cells(r)
    t = N.survey_report_cells(r)
    n = N.table_rows(t)
    names = Array.new(N.table_column_count(t)) { |i| N.table_column_name(t, i) }
    cols = names.each_index.map do |c|
      if N.table_column_type(t, c) == N::TABLE_TEXT
        N.table_copy_codes(n, t, c).map { |k| N.table_level(t, c, k) }
      else
        N.table_copy_numbers(n, t, c)
      end
    end
    Array.new(n) { |i| names.each_with_index.to_h { |name, c| [name, cols[c][i]] } }
  end

  def nps(rows)
    s = rows.map { |r| r["nps"].to_i }
    100.0 * (s.count { |x| x >= 9 } - s.count { |x| x <= 6 }) / s.size
  end

  def test_cells_against_plain_arithmetic
    got = cells(report(min_n: 0))
    months = %w[2026-01-01 2026-02-01]
    groups = [["(all)", @rows]] + @rows.group_by { |r| r["channel"] }.sort
    assert_equal groups.size * months.size * 3, got.size # nps, csat, csat_mean
    groups.each do |name, rows|
      months.each do |m|
        cell = rows.select { |r| r["date"].start_with?(m[0, 8]) }
        row = got.find { |g| g["channel"] == name && g["period"] == m && g["metric"] == "nps" }
        assert_equal cell.size.to_f, row["n"]
        assert_in_delta nps(cell), row["score"], 1e-9
        csat = got.find { |g| g["channel"] == name && g["period"] == m && g["metric"] == "csat" }
        assert_in_delta 100.0 * cell.count { |r| r["csat"].to_i >= 4 } / cell.size, csat["score"], 1e-9
      end
    end
  end

  # Phone in February has under 10 answers: suppressed, and so is the smaller
  # of chat and email that month (else total - the others would give it).
  def test_suppression
    got = cells(report)
    feb = @rows.select { |r| r["date"][5, 2] == "02" }.group_by { |r| r["channel"] }.transform_values(&:size)
    assert_operator feb["phone"], :<, 10
    smaller = feb["chat"] <= feb["email"] ? "chat" : "email"
    got.select { |g| g["period"] == "2026-02-01" }.each do |g|
      expect = %w[phone].include?(g["channel"]) || g["channel"] == smaller
      assert_equal(expect ? 1.0 : 0.0, g["suppressed"], g.inspect)
      assert g["score"].nan? if expect
    end
  end

  def test_change_and_its_test
    got = cells(report(min_n: 0))
    chat = @rows.select { |r| r["channel"] == "chat" }
    jan, feb = %w[01 02].map { |m| chat.select { |r| r["date"][5, 2] == m } }
    x = [feb, jan].map { |c| c.count { |r| r["csat"].to_i >= 4 }.to_f }
    n = [feb.size.to_f, jan.size.to_f]
    pooled = (x[0] + x[1]) / (n[0] + n[1])
    z = (x[0] / n[0] - x[1] / n[1]) / Math.sqrt(pooled * (1 - pooled) * (1 / n[0] + 1 / n[1]))
    p = Math.erfc(z.abs / Math.sqrt(2))
    row = got.find { |g| g["channel"] == "chat" && g["period"] == "2026-02-01" && g["metric"] == "csat" }
    assert_in_delta 100.0 * (x[0] / n[0] - x[1] / n[1]), row["change"], 1e-9
    assert_in_delta p, row["p_value"], 1e-12
    assert row["p_adjusted"] >= row["p_value"]
  end

  def test_one_and_two_threads_same_bytes
    out = [1, 2].map do |t|
      o = N.survey_opts_new
      N.survey_opts_add_group(o, "channel")
      N.survey_opts_set_time(o, "date", 2, 0)
      N.survey_opts_set_threads(o, t)
      N.survey_report_render(N.survey_report_from_csv(@path, o), N::FORMAT_JSON)
    end
    assert_equal out[0], out[1]
  end

  def test_bad_rows
    bad = File.join(@dir, "bad.csv")
    File.write(bad, "channel,date,nps,csat\na,2026-01-02,9,5\na,2026-01-03,12,5\na,someday,9,5\n")
    err = assert_raises(Cxmetrics::Error) { report(path: bad) }
    assert_match(/:3:3 'nps': value 12 is outside 0..10/, err.message)
    r = report(path: bad, skip: true)
    assert_equal 3, N.survey_report_rows(r)
    assert_equal 1, N.survey_report_skipped(r, N::SURVEY_SKIP_OFF_SCALE)
    assert_equal 1, N.survey_report_skipped(r, N::SURVEY_SKIP_BAD_TIMESTAMP)
  end
  # Themes by hand: 5 comments; price in 3 (NPS 9, 3, 0), the other commenters 10, 10.
  def test_themes_by_hand
    path = File.join(@dir, "themes.csv")
    File.write(path, "g,nps,comment\na,10,Great staff\na,9,too EXPENSIVE\na,3,\"Price too high, rude staff\"\n" \
                     "a,8,\nb,0,expensive!\nb,10,nice\n")
    th = N.themes_from_json('{"price": ["price", "expensive"], "staff": ["staff"]}')
    o = N.survey_opts_new
    N.survey_opts_set_themes(o, th, "comment")
    t = N.survey_report_themes(N.survey_report_from_csv(path, o))
    col = ->(name) { N.table_copy_numbers(2, t, N.table_column_index(t, name)) }
    assert_equal [5.0, 5.0], col.call("comments")
    assert_equal [3.0, 2.0], col.call("mentions")
    assert_in_delta 100.0 * (1 - 2) / 3, col.call("score_mentioned")[0], 1e-9
    assert_in_delta 100.0, col.call("score_other")[0], 1e-9
    assert_in_delta 100.0 / 3, col.call("score_other")[1], 1e-9
  end

  # Drivers: with one numeric driver, R² is the squared Pearson correlation.
  def test_drivers_one_driver
    o = N.survey_opts_new
    N.survey_opts_set_drivers(o, "nps", ["csat"])
    t = N.survey_report_drivers(N.survey_report_from_csv(@path, o))
    x = @rows.map { |r| r["csat"].to_f }
    y = @rows.map { |r| r["nps"].to_f }
    mx = x.sum / x.size
    my = y.sum / y.size
    cov = x.zip(y).sum { |a, b| (a - mx) * (b - my) }
    r = cov / Math.sqrt(x.sum { |a| (a - mx)**2 } * y.sum { |b| (b - my)**2 })
    assert_in_delta r * r, N.table_get_attr_number(t, "r2"), 1e-12
  end
end
