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
  def wilson(x, n, conf: Native::CONF_DEFAULT, z: nil)
    Interval.from_native(Native.wilson(x, n, conf, Convert.z(z)))
  end

  # Adjusted-Wald (Agresti-Coull) interval for a proportion, not clipped (§5.8) -> Interval.
  def adjusted_wald(x, n, conf: Native::CONF_DEFAULT, z: nil)
    Interval.from_native(Native.adjusted_wald(x, n, conf, Convert.z(z)))
  end

  # Kish effective sample size (sum w)^2 / sum w^2 (spec §1.7).
  def kish_n_eff(weights)
    Native.kish_n_eff(Convert.array(weights, "weights"))
  end
end
