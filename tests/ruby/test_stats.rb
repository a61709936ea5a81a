# frozen_string_literal: true

require_relative "test_helper"

# Quantiles, critical values, rounding, proportion intervals, Kish (spec §0, §2.3, §5.8).
class TestStats < Minitest::Test
  def test_quantile7_pandas_and_dolphindb
    assert_equal [1.75, 2.5, 3.25], [0.25, 0.5, 0.75].map { |p| Cxmetrics.quantile7([1, 2, 3, 4], p) }
    x = [6, 47, 49, 15, 42, 41, 7, 39, 43, 40, 36]
    assert_equal [25.5, 40.0, 42.5], [0.25, 0.5, 0.75].map { |p| Cxmetrics.quantile7(x, p) }
    assert_equal x, [6, 47, 49, 15, 42, 41, 7, 39, 43, 40, 36], "input untouched"
    assert_equal 2.5, Cxmetrics.quantile7([4, nil, 1], 0.5, nan_policy: :omit)
    assert_raises(Cxmetrics::NanInput) { Cxmetrics.quantile7([4, nil, 1], 0.5) }
    assert_raises(Cxmetrics::EmptyInput) { Cxmetrics.quantile7([], 0.5) }
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.quantile7([1], 1.5) }
    assert_raises(Cxmetrics::OutOfRange) { Cxmetrics.quantile7([1, Float::INFINITY], 0.5) }
  end

  def test_critical_values
    assert_close 1.959963984540054, Cxmetrics.z_crit, 1e-15
    assert_close 1.959963984540054, Cxmetrics.z_crit(0.95), 1e-15
    assert_close 1.6448536269514722, Cxmetrics.z_crit(0.9), 1e-15
    assert_close 12.706204736174707, Cxmetrics.t_crit(0.95, 1), 1e-13 # R qt(0.975, 1)
    assert_close 2.570581835636314, Cxmetrics.t_crit(0.95, 5), 1e-13  # R qt(0.975, 5)
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.z_crit(0) }
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.t_crit(0.95, 0) }
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.t_crit(0.95, 2.5) }
  end

  def test_p_two_sided
    assert_close 0.05, Cxmetrics.p_two_sided(1.959963984540054), 1e-12
    assert_close 0.05, Cxmetrics.p_two_sided(-1.959963984540054), 1e-12
    assert_equal 1.0, Cxmetrics.p_two_sided(0.0)
    assert_equal 0.0, Cxmetrics.p_two_sided(Float::INFINITY)
    assert Cxmetrics.p_two_sided(Float::NAN).nan?
  end

  def test_round_half_away
    assert_equal 13.0, Cxmetrics.round_half_away(12.5)
    assert_equal(-13.0, Cxmetrics.round_half_away(-12.5))
    assert_equal 3.0, Cxmetrics.round_half_away(2.5)
    assert_equal 0.0, Cxmetrics.round_half_away(0.49999999999999994)
    assert_equal 69.0, Cxmetrics.round_half_away(69.1588785046729)
    assert Cxmetrics.round_half_away(Float::NAN).nan?
    assert_equal(-Float::INFINITY, Cxmetrics.round_half_away(-Float::INFINITY))
  end

  def test_wilson_newcombe_and_commons_math
    {
      [81, 263] => [0.2553, 0.3662], [15, 148] => [0.0624, 0.1605],
      [0, 20] => [0.0, 0.1611], [1, 29] => [0.0061, 0.1718]
    }.each do |(x, n), (lo, hi)|
      i = Cxmetrics.wilson(x, n)
      assert_kind_of Cxmetrics::Interval, i
      assert_in_delta lo, i.lower, 5e-5, "#{x}/#{n}"
      assert_in_delta hi, i.upper, 5e-5, "#{x}/#{n}"
    end
    assert_equal 0.0, Cxmetrics.wilson(0, 20).lower
    assert_equal 1.0, Cxmetrics.wilson(20, 20).upper
    i = Cxmetrics.wilson(50, 500, conf: 0.9)
    assert_in_delta 0.08003919, i.lower, 5e-9
    assert_in_delta 0.1242664, i.upper, 5e-8
    assert_raises(Cxmetrics::Inconsistent) { Cxmetrics.wilson(5, 4) }
    assert_raises(Cxmetrics::EmptyInput) { Cxmetrics.wilson(0, 0) }
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.wilson(1.5, 4) }
  end

  def test_adjusted_wald_tullis
    i = Cxmetrics.adjusted_wald(4, 5, z: 1.96) # measuringux.com: .3596 .. .9796
    assert_kind_of Cxmetrics::Interval, i
    assert_in_delta 0.35962, i.lower, 1e-4
    assert_in_delta 0.97968, i.upper, 1e-4
    assert_operator Cxmetrics.adjusted_wald(5, 5).upper, :>, 1.0 # not clipped
    assert_raises(Cxmetrics::Inconsistent) { Cxmetrics.adjusted_wald(6, 5) }
  end

  def test_kish
    assert_close 90.0, Cxmetrics.kish_n_eff([1] * 50 + [2] * 50)
    assert_close 4.0, Cxmetrics.kish_n_eff([3, 3, 3, 3])
    assert_raises(Cxmetrics::EmptyInput) { Cxmetrics.kish_n_eff([]) }
    assert_raises(Cxmetrics::BadWeights) { Cxmetrics.kish_n_eff([1, -1]) }
    assert_raises(Cxmetrics::BadWeights) { Cxmetrics.kish_n_eff([0, 0]) }
  end
end
