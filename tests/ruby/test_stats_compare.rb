# frozen_string_literal: true

require_relative "test_helper"

# Comparing two samples and many tests (spec §17). The expected values were
# computed outside the library with scipy 1.10 and mpmath 1.2 by the commands
# quoted; the p.adjust values are published examples worked by hand.
class TestStatsCompare < Minitest::Test
  def test_two_proportion_scipy
    # chi2, p = scipy.stats.chi2_contingency([[45, 15], [30, 25]], correction=False)[:2];
    # z = sqrt(chi2); se = 100 sqrt(pa (1 - pa) / na + pb (1 - pb) / nb);
    # bounds = diff -+ scipy.stats.norm.ppf(0.975) * se
    r = Cxmetrics.two_proportion_test(45, 60, 30, 55)
    assert_kind_of Cxmetrics::TestResult, r
    assert_close 20.45454545454546, r.diff, 1e-12
    assert_close 8.736640547378304, r.se, 1e-12
    assert_close 2.3005681116549535, r.stat, 1e-12
    assert_close 0.02141605522326675, r.p_value, 1e-11
    assert_close 3.331044635811679, r.lower, 1e-12
    assert_close 37.57804627327924, r.upper, 1e-12
    assert_equal Float::INFINITY, r.df
    r = Cxmetrics.two_proportion_test(5, 5, 8, 8)
    assert_equal [0.0, 1.0], [r.stat, r.p_value]
    assert_raises(Cxmetrics::EmptyInput) { Cxmetrics.two_proportion_test(1, 5, 0, 0) }
    assert_raises(Cxmetrics::Inconsistent) { Cxmetrics.two_proportion_test(6, 5, 0, 3) }
    e = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.two_proportion_test(1, 5, 0.5, 3) }
    assert_match(/x_b/, e.message)
  end

  def test_welch_scipy
    # t, p = scipy.stats.ttest_ind_from_stats(3.9, 1.1, 40, 3.5, 1.4, 55, equal_var=False);
    # df by Welch-Satterthwaite; bounds 0.4 -+ t* se, t* the 0.975 quantile at that df
    # from mpmath.betainc (40 digits)
    r = Cxmetrics.welch_t_test(3.9, 1.1, 40, 3.5, 1.4, 55)
    assert_close 1.558340012430816, r.stat, 1e-12
    assert_close 0.12257134250848359, r.p_value, 1e-11
    assert_close 92.3998386536238, r.df, 1e-12
    assert_close(-0.10976598112162805, r.lower, 1e-10)
    assert_close 0.9097659811216279, r.upper, 1e-12
    # Wikipedia "Welch's t-test", example 1 (t = -2.46, df = 24.99, p = 0.021), from
    # numpy's mean and std(ddof=1) of its two samples of 15
    r = Cxmetrics.welch_t_test(20.82, 2.8048936827317665, 15, 22.986666666666665, 1.9526050974702152, 15)
    assert_equal [-2.46, 24.99, 0.021], [r.stat.round(2), r.df.round(2), r.p_value.round(3)]
    r = Cxmetrics.welch_t_test(3, 0, 5, 4, 0, 9)
    assert_equal [-Float::INFINITY, 0.0, nil], [r.stat, r.p_value, r.df]
    assert_raises(Cxmetrics::TooFew) { Cxmetrics.welch_t_test(3, 1, 1, 4, 1, 9) }
    assert_raises(Cxmetrics::EmptyInput) { Cxmetrics.welch_t_test(3, 1, 5, 4, 1, 0) }
    e = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.welch_t_test(3, -1, 5, 4, 1, 9) }
    assert_match(/sd_a/, e.message)
  end

  def test_mean_t_interval_scipy
    # scipy.stats.t.interval(0.9, 9, loc=3.2, scale=1.1 / sqrt(10))
    iv = Cxmetrics.mean_t_interval(3.2, 1.1, 10, conf: 0.9)
    assert_close 2.562350671695404, iv.lower, 1e-11
    assert_close 3.8376493283045963, iv.upper, 1e-11
    assert_raises(Cxmetrics::TooFew) { Cxmetrics.mean_t_interval(3.2, 1.1, 1) }
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.mean_t_interval(3.2, 1.1, 10, conf: 1.5) }
  end

  def test_p_adjust_published
    # Wikipedia "Holm-Bonferroni method": 0.005 x 4, 0.01 x 3, max(0.03 x 2, 0.04 x 1)
    h = Cxmetrics.p_adjust([0.01, 0.04, 0.03, 0.005])
    [0.03, 0.06, 0.06, 0.02].zip(h).each { |e, g| assert_close e, g, 1e-14 }
    # Benjamini & Hochberg (1995) section 4: BH rejects 4 of 15 at 0.05, Holm 3
    bh95 = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240,
            0.4262, 0.5719, 0.6528, 0.7590, 1.000]
    bh = Cxmetrics.p_adjust(bh95, method: :bh)
    assert_equal 4, bh.count { |v| v <= 0.05 }
    assert_close 0.035625, bh[3], 1e-14           # 0.0095 x 15 / 4
    assert_close 0.06385714285714286, bh[5], 1e-14 # min(0.0278 x 15/6, 0.0298 x 15/7)
    assert_equal 3, Cxmetrics.p_adjust(bh95, method: "holm").count { |v| v <= 0.05 }
    # nil is no test: it stays nil and m counts the others
    out = Cxmetrics.p_adjust([nil, 0.01, 0.04, 0.03, 0.005], method: :holm)
    assert_nil out[0]
    [0.03, 0.06, 0.06, 0.02].zip(out.drop(1)).each { |e, g| assert_close e, g, 1e-14 }
    assert_equal [0.5], Cxmetrics.p_adjust([0.5], method: :none)
    e = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.p_adjust([0.1], method: :bonferroni) }
    assert_match(/none, holm or bh/, e.message)
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.p_adjust([0.1, 1.5]) }
  end
end
