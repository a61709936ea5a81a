# frozen_string_literal: true

module Cxmetrics
  module_function

  # Hyndman & Fan type-7 quantile, R's arithmetic (spec §0.4).
  #   Cxmetrics.quantile7([1, 2, 3, 4], 0.25)  # => 1.75
  def quantile7(values, p, nan_policy: :error)
    Native.quantile7(Convert.array(values, "values"), p, Convert.nan_policy(nan_policy))
  end

  # Two-sided normal critical value Phi^-1((1 + conf) / 2).
  def z_crit(conf = Native::CONF_DEFAULT)
    Native.z_crit(conf)
  end

  # Student t quantile t_{(1 + conf)/2, df}, integer df >= 1.
  def t_crit(conf, df)
    Native.t_crit(conf, df)
  end

  # Two-sided normal p-value 2 Phi(-|z|).
  def p_two_sided(z)
    Native.p_two_sided(z)
  end

  # Round half away from zero, for display (spec §0.5): 12.5 -> 13.0, -12.5 -> -13.0.
  def round_half_away(x)
    Native.round_half_away(x)
  end

  # Wilson score interval for x successes of n, in [0, 1] (spec §2.3) -> Interval.
  # In place of (x, n), a result with its counts: a CsatResult (n_satisfied
  # of n), a CesResult (n_agree of n), a TaskSuccess, ...
  #   Cxmetrics.wilson(Cxmetrics.csat(scores), conf: 0.9)
  def wilson(x, n = nil, conf: Native::CONF_DEFAULT, z: nil)
    Interval.from_native(Native.wilson(*Convert.proportion_args(x, n), Convert.conf(conf), Convert.z(z)))
  end

  # Adjusted-Wald (Agresti-Coull) interval for a proportion, not clipped
  # (§5.8) -> Interval; (x, n) or a result, as wilson.
  def adjusted_wald(x, n = nil, conf: Native::CONF_DEFAULT, z: nil)
    Interval.from_native(Native.adjusted_wald(*Convert.proportion_args(x, n), Convert.conf(conf), Convert.z(z)))
  end

  # Kish effective sample size (sum w)^2 / sum w^2 (spec §1.7).
  def kish_n_eff(weights)
    Native.kish_n_eff(Convert.array(weights, "weights"))
  end
end

module Cxmetrics
  # A test of a - b (spec §17): diff (the sign kept), se (of the interval),
  # stat (z or Welch's t), df (Welch-Satterthwaite; Infinity for a z test, nil
  # when neither sample varies), p_value (two-sided), lower, upper.
  TestResult = Result.for_native(:test_result)

  module_function

  # Two-proportion z test of x_a of n_a against x_b of n_b (spec §17.1): the
  # pooled z and its p (as statsmodels' proportions_ztest), the unpooled Wald
  # interval of the difference; diff, se, lower, upper in percentage points.
  #   Cxmetrics.two_proportion_test(45, 60, 30, 55).p_value  # => 0.0214...
  # In place of (x_a, n_a, x_b, n_b), two results with their counts (a, b:
  # CsatResults, CesResults, TaskSuccesses, as wilson takes).
  #   Cxmetrics.two_proportion_test(Cxmetrics.csat(this_month), Cxmetrics.csat(last_month))
  def two_proportion_test(x_a, n_a, x_b = nil, n_b = nil, conf: Native::CONF_DEFAULT)
    if x_b.nil? && n_b.nil?
      (x_a, n_a), (x_b, n_b) = Convert.proportion_args(x_a, nil, "a"), Convert.proportion_args(n_a, nil, "b")
    else
      x_a, n_a = Convert.proportion_args(x_a, n_a, "x_a")
      x_b, n_b = Convert.proportion_args(x_b, n_b, "x_b")
    end
    TestResult.from_native(Native.two_proportion_test(x_a, n_a, x_b, n_b, Convert.conf(conf)))
  end

  # Welch's t test from means, sample SDs and counts (spec §17.2), as scipy's
  # ttest_ind_from_stats(equal_var=False) -> TestResult.
  def welch_t_test(mean_a, sd_a, n_a, mean_b, sd_b, n_b, conf: Native::CONF_DEFAULT)
    TestResult.from_native(Native.welch_t_test(mean_a, sd_a, n_a, mean_b, sd_b, n_b, conf))
  end

  # Student t interval of a mean, mean -+ t_{(1+conf)/2, n-1} sd / sqrt(n) (§17.3) -> Interval.
  def mean_t_interval(mean, sd, n, conf: Native::CONF_DEFAULT)
    Interval.from_native(Native.mean_t_interval(mean, sd, n, conf))
  end

  # Adjusted p-values as R's p.adjust (spec §17.4, §17.5): method :holm
  # (default), :bh or :none. nil (or NaN) entries are not tests: they come
  # back nil and do not count in the number of tests.
  #   Cxmetrics.p_adjust([0.01, 0.04, 0.03, 0.005])  # => [0.03, 0.06, 0.06, 0.02]
  def p_adjust(p, method: :holm)
    values = Convert.array(p, "p")
    Native.p_adjust(values.size, values, Convert.word(Native::NAMES_P_ADJUST, method))
          .map { |v| Result.value(v) }
  end
end
