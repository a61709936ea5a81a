# frozen_string_literal: true

require "tempfile"
require_relative "test_helper"

# CES on any scale (spec §3.4), and CSAT / CES on 1-10 in the survey report.
# Expected values are hand counts; the SDs are numpy std(ddof=1) and the
# Wilson bounds the textbook formula with scipy's norm.ppf(0.975), computed
# outside the library (python3, quoted next to them).
class TestCesScaled < Minitest::Test
  TEN = [10, 9, 8, 8, 7, 5, 3, 3, 2, 1].freeze

  def test_ces_1_10_hand
    r = Cxmetrics.ces(TEN, scale: 1..10)
    # agree 8-10: 10 9 8 8; disagree <= 3: 3 3 2 1; mean 56 / 10
    assert_equal [10, 1, 10, 8, 4, 4], [r.points, r.scale_lo, r.scale_hi, r.agree, r.n_agree, r.n_disagree]
    assert_close 40.0, r.pct_agree
    assert_close 5.6, r.mean
    assert_close 3.2041639575194445, r.sd               # numpy std(ddof=1)
    assert_close 16.818032970623616, r.wilson_lower     # Wilson of 4 / 10
    assert_close 68.73262302663417, r.wilson_upper
    assert_equal r, Cxmetrics.ces(TEN, scale: [1, 10], agree: 8)
    acc = Cxmetrics::ScoreAccumulator.new(scale: 1..10)
    acc.add(TEN)
    assert_equal r, acc.ces
    assert_equal 8, Cxmetrics.ces_default_agree(1..10)
  end

  def test_ces_0_10_needs_agree
    s = [0, 10, 7, 6, 5, 4, 3, 2, 9, 8, 10, 0]
    e = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.ces(s, scale: 0..10) }
    assert_match(/0\.\.10 has no default agree threshold/, e.message)
    r = Cxmetrics.ces(s, scale: 0..10, agree: 7)
    # agree >= 7: 10 7 9 8 10; disagree <= 3: 0 3 2 0
    assert_equal [11, 5, 4], [r.points, r.n_agree, r.n_disagree]
    assert_close 3.60134654951408, r.sd
    assert_close 19.326031365875664, r.wilson_lower
    e = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.ces(s, scale: 0..10, agree: 5) }
    assert_match(/above its middle/, e.message)
  end

  def test_old_scales_unchanged
    s5 = [5, 4, 4, 3, 2, 1, 5, 5, 2]
    assert_equal Cxmetrics.ces(s5), Cxmetrics.ces(s5, scale: 1..5)
    assert_equal 4, Cxmetrics.ces(s5).agree
    s7 = [7, 6, 5, 4, 3, 2, 1, 7, 5]
    assert_equal Cxmetrics.ces(s7, points: 7), Cxmetrics.ces(s7, scale: 1..7, agree: 5)
  end

  def test_report_csat_and_ces_on_1_10
    Tempfile.create(["ces10", ".csv"]) do |f|
      f.write("csat,ces\n")
      TEN.each_with_index { |c, i| f.write("#{10 - i},#{c}\n") } # csat 10..1
      f.close
      rep = Cxmetrics::SurveyReport.from_csv(f.path, nps_column: nil, csat_scale: 1..10, ces_scale: 1..10)
      assert_equal [9, 2], [rep.csat.threshold, rep.csat.n_satisfied] # top-2-box: 10 and 9
      assert_close 5.5, rep.csat.mean
      assert_equal Cxmetrics.ces(TEN, scale: 1..10), rep.ces
      assert_includes rep.render(:text), "(column 'ces', answers 1-10, 10 = easiest; agree 8-10)"
      e = assert_raises(Cxmetrics::InvalidArgument) do
        Cxmetrics::SurveyReport.from_csv(f.path, nps_column: nil, csat_column: nil, ces_scale: 0..10)
      end
      assert_match(/--ces-agree N/, e.message)
      rep = Cxmetrics::SurveyReport.from_csv(f.path, nps_column: nil, csat_column: nil, ces_scale: 0..10,
                                             ces_threshold: 7)
      assert_equal [7, 5], [rep.ces.agree, rep.ces.n_agree] # 10 9 8 8 7
    end
  end
end
