# frozen_string_literal: true

module Cxmetrics
  # CSAT threshold meaning top-2-box on scales of >= 5 points, top-box otherwise.
  CSAT_DEFAULT_THRESHOLD = Native::CSAT_DEFAULT_THRESHOLD

  module_function

  # ---- NPS (spec §1) ---------------------------------------------------------

  # NPS from raw 0-10 (or 1-10) answers -> NpsResult.
  #   Cxmetrics.nps([0, 7, 7, 9, 9, 9]).nps  # => 33.333333333333336
  # A String with BINARY encoding is taken as bytes (the nps_u8 fast path).
  # nil answers are NaN: an error, or dropped with nan_policy: :omit.
  def nps(scores, scale: "0-10", nan_policy: :error)
    return nps_u8(scores, scale: scale) if Convert.byte_string?(scores)

    NpsResult.from_native(Native.nps(Convert.array(scores, "scores"), Convert.nps_scale(scale),
                                     Convert.nan_policy(nan_policy)))
  end

  # NPS on bytes: a String (any encoding, its bytes) or an Array of Integer 0..255.
  def nps_u8(scores, scale: "0-10")
    NpsResult.from_native(Native.nps_u8(Convert.bytes(scores), Convert.nps_scale(scale)))
  end

  # NPS from category counts (integers >= 0, as Integer or Float) -> NpsResult.
  def nps_counts(promoters, passives, detractors)
    NpsResult.from_native(Native.nps_counts(promoters, passives, detractors))
  end

  # Wald interval (§1.3) -> NpsInterval. z: nil derives z from conf.
  #   Cxmetrics.nps_wald(291, 476, 395, z: 1.96).moe  # => 4.3877...
  def nps_wald(promoters, passives, detractors, conf: 0.95, z: nil)
    NpsInterval.from_native(Native.nps_wald(promoters, passives, detractors, conf, Convert.z(z)))
  end

  # Adjusted-Wald interval (§1.4), centred on nps_adj -> NpsInterval.
  def nps_adjusted_wald(promoters, passives, detractors, conf: 0.95, z: nil)
    NpsInterval.from_native(Native.nps_adjusted_wald(promoters, passives, detractors, conf,
                                                     Convert.z(z)))
  end

  # "Trinomial means" t interval, n - 1 df (§1.5) -> NpsTInterval.
  def nps_trinomial_t(promoters, passives, detractors, conf: 0.95)
    NpsTInterval.from_native(Native.nps_trinomial_t(promoters, passives, detractors, conf))
  end

  # Two-sample comparison a - b (§1.6) -> NpsComparison. a and b are
  # [promoters, passives, detractors] (or NpsResults); method :adjusted_wald or :wald.
  def nps_compare(a, b, method: :adjusted_wald, conf: 0.95, z: nil)
    pa, qa, da = Convert.counts(a, "a")
    pb, qb, db = Convert.counts(b, "b")
    NpsComparison.from_native(Native.nps_compare(pa, qa, da, pb, qb, db, Convert.nps_method(method),
                                                 conf, Convert.z(z)))
  end

  # Weighted NPS with Kish n_eff (§1.7) -> NpsWeightedResult.
  def nps_weighted(scores, weights, scale: "0-10", nan_policy: :error, conf: 0.95, z: nil)
    NpsWeightedResult.from_native(
      Native.nps_weighted(Convert.array(scores, "scores"), Convert.array(weights, "weights"),
                          Convert.nps_scale(scale), Convert.nan_policy(nan_policy), conf, Convert.z(z))
    )
  end

  # ---- CSAT and CES (§2, §3) -------------------------------------------------

  # CSAT on an integer scale (§2) -> CsatResult. threshold: nil is top-2-box on
  # scales of >= 5 points, top-box otherwise. A BINARY String takes csat_u8.
  #   Cxmetrics.csat([5] * 42 + [4] * 32 + [3] * 10 + [2] * 9 + [1] * 14).pct_satisfied
  #   # => 69.1588785046729
  def csat(scores, scale: 1..5, threshold: nil, nan_policy: :error, conf: 0.95, z: nil)
    if Convert.byte_string?(scores)
      return csat_u8(scores, scale: scale, threshold: threshold, conf: conf, z: z)
    end

    lo, hi = Convert.scale(scale)
    CsatResult.from_native(Native.csat(Convert.array(scores, "scores"), lo, hi,
                                       threshold || CSAT_DEFAULT_THRESHOLD,
                                       Convert.nan_policy(nan_policy), conf, Convert.z(z)))
  end

  # CSAT on bytes (0 <= lo < hi <= 255).
  def csat_u8(scores, scale: 1..5, threshold: nil, conf: 0.95, z: nil)
    lo, hi = Convert.scale(scale)
    CsatResult.from_native(Native.csat_u8(Convert.bytes(scores), lo, hi,
                                          threshold || CSAT_DEFAULT_THRESHOLD, conf, Convert.z(z)))
  end

  # CES on 1-5, 5 = easiest / strongly agree (§3.1) -> Ces5Result.
  # Re-orient CES 1.0 data (1 = low effort) with 6 - x first.
  def ces5(scores, nan_policy: :error)
    return ces5_u8(scores) if Convert.byte_string?(scores)

    Ces5Result.from_native(Native.ces5(Convert.array(scores, "scores"), Convert.nan_policy(nan_policy)))
  end

  def ces5_u8(scores)
    Ces5Result.from_native(Native.ces5_u8(Convert.bytes(scores)))
  end

  # Gartner CES 2.0 on 1-7, 7 = strongly agree it was easy (§3.2) -> Ces7Result.
  def ces7(scores, nan_policy: :error)
    return ces7_u8(scores) if Convert.byte_string?(scores)

    Ces7Result.from_native(Native.ces7(Convert.array(scores, "scores"), Convert.nan_policy(nan_policy)))
  end

  def ces7_u8(scores)
    Ces7Result.from_native(Native.ces7_u8(Convert.bytes(scores)))
  end
end
