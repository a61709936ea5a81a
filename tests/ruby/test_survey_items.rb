# frozen_string_literal: true

require_relative "test_helper"
require "csv"
require "json"
require "open3"
require "tmpdir"

# The survey report on a satisfaction export with "no answer" codes and several
# items of one kind (issue 11, item 7; spec §0.13): every number against Ruby's
# CSV library and plain arithmetic on the same file. The service items are rated
# 1-5 with 0 = "not applicable", the NPS question 0-10 with 99 = "refused", some
# fields blank (the shape of the public airline passenger-satisfaction survey).
class TestSurveyItems < Minitest::Test
  ITEMS = ["Inflight wifi service", "Seat comfort", "Food and drink"].freeze

  def setup
    @dir = Dir.mktmpdir("cxm-ruby-items")
    @path = File.join(@dir, "airline.csv")
    rng = Random.new(7)
    CSV.open(@path, "w") do |csv|
      csv << ["id", *ITEMS, "nps"]
      1200.times do |i|
        items = ITEMS.each_index.map do |j|
          u = rng.rand
          u < 0.05 + 0.03 * j ? 0 : u < 0.07 + 0.03 * j ? nil : 1 + rng.rand(5)
        end
        u = rng.rand
        csv << [i + 1, *items, u < 0.04 ? 99 : u < 0.05 ? nil : rng.rand(11)]
      end
    end
    @rows = CSV.read(@path, headers: true)
  end

  def teardown
    FileUtils.remove_entry(@dir)
  end

  # The answers of a column once blanks and codes are taken out.
  def answers(col, codes)
    @rows.map { |r| r[col] }.compact.map(&:to_f).reject { |v| codes.include?(v) }
  end

  # The Wilson score interval in percent, z = Phi^-1(0.975) (spec §2.3).
  def wilson(k, n)
    z = 1.959963984540054
    p = k.to_f / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n))
    [100 * (centre - half), 100 * (centre + half)]
  end

  def count(col, value)
    @rows.count { |r| value.nil? ? r[col].nil? : r[col] == value }
  end

  def report(**opts)
    Cxmetrics::SurveyReport.from_csv(@path, csat_column: ITEMS, ces_column: nil, **opts)
  end

  def test_items_with_codes_match_plain_arithmetic
    r = report(csat_na_values: [0], nps_na_values: 99)
    assert_equal @rows.size, r.rows
    assert_equal ITEMS, r.columns_of(:csat)
    results = r.results(:csat)
    assert_equal ITEMS, results.keys
    ITEMS.each do |col|
      v = answers(col, [0.0])
      sat = v.count { |x| x >= 4 }
      mean = v.sum / v.size
      sd = Math.sqrt(v.sum { |x| (x - mean)**2 } / (v.size - 1))
      c = results[col]
      assert_equal [v.size, sat, 4], [c.n, c.n_satisfied, c.threshold]
      assert_close 100.0 * sat / v.size, c.pct_satisfied, 1e-12
      assert_close mean, c.mean, 1e-12
      assert_close sd, c.sd, 1e-12
      lo, hi = wilson(sat, v.size)
      assert_close lo, c.wilson_lower, 1e-12
      assert_close hi, c.wilson_upper, 1e-12
      assert_equal count(col, "0"), r.no_answer_by_column(:csat)[col]
      assert_equal count(col, nil), r.missing_by_column(:csat)[col]
    end
    v = answers("nps", [99.0])
    p = v.count { |x| x >= 9 }
    d = v.count { |x| x <= 6 }
    assert_equal [v.size, p, d], [r.nps.n, r.nps.promoters, r.nps.detractors]
    assert_close 100.0 * (p - d) / v.size, r.nps.nps, 1e-12
    assert_equal count("nps", "99"), r.no_answer(:nps)
    assert_equal count("nps", nil), r.missing(:nps)
    assert_equal results[ITEMS[0]].to_h, r.csat.to_h
    assert_equal r.nps_interval(method: :wald).to_h, r.nps_intervals(method: :wald)["nps"].to_h
  end

  def test_codes_for_every_metric
    err = assert_raises(Cxmetrics::InvalidArgument) { report(na_values: [0, 99]) }
    assert_match(/code 0, given for every metric, is a point of the NPS scale 0..10 of column 'nps'/, err.message)
    r = report(na_values: [99], csat_na_values: [0])
    assert_equal(ITEMS.to_h { |c| [c, count(c, "0")] }, r.no_answer_by_column(:csat))
    only = Cxmetrics::SurveyReport.from_csv(@path, csat_column: ITEMS[1], nps_column: nil, ces_column: nil,
                                                   na_values: [0, 99])
    assert_equal r.results(:csat)[ITEMS[1]].to_h, only.csat.to_h
  end

  def test_errors
    line = @rows.each_with_index.find { |row, _| row[ITEMS[0]] == "0" }[1] + 2 # the header is line 1
    err = assert_raises(Cxmetrics::OutOfRange) do
      Cxmetrics::SurveyReport.from_csv(@path, csat_column: ITEMS[0], nps_column: nil, ces_column: nil)
    end
    assert_match(/:#{line}:2 'Inflight wifi service': value 0 is outside 1..5/, err.message)
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics::SurveyReport.from_csv(@path, nps_na_values: [0]) }
    err = assert_raises(Cxmetrics::NanInput) { report(csat_na_values: [0], nps_na_values: 99, nan_policy: :error) }
    assert_match(/a no-answer code/, err.message)
    assert_raises(Cxmetrics::InvalidArgument) { report(csat_column: [ITEMS[0], ITEMS[0]]) }
    assert_raises(Cxmetrics::InvalidArgument) { report(csat_column: []) }
    assert_raises(Cxmetrics::ArgumentTypeError) { report(csat_na_values: ["x"]) }
  end

  def test_json_and_the_command_line
    r = report(csat_na_values: [0], nps_na_values: [99])
    doc = JSON.parse(r.render(:json))
    assert_equal ITEMS, doc["csat"].map { |b| b["column"] }
    assert_equal "nps", doc["nps"]["column"]
    assert_equal r.no_answer_by_column(:csat).values, doc["no_answer"]["csat"]
    assert_equal r.missing_by_column(:csat).values, doc["missing"]["csat"]
    assert_equal({ "nps" => [99], "csat" => [0], "ces" => nil }, doc["na_values"])
    text = r.render
    ITEMS.each { |c| assert_includes text, "CSAT - Customer Satisfaction (column '#{c}', answers 1-5)" }
    exe = ENV.fetch("CXM_EXE", nil)
    return unless exe

    out, status = Open3.capture2(exe, "survey", @path, "--csat-column", ITEMS.join(","), "--no-ces",
                                 "--csat-na-values", "0", "--nps-na-values", "99", "--format", "json")
    assert status.success?
    assert_equal r.render(:json), out
  end
end
