# frozen_string_literal: true

module Cxmetrics
  # CSAT threshold meaning top-2-box on scales of >= 5 points, top-box otherwise.
  CSAT_DEFAULT_THRESHOLD = Native::CSAT_DEFAULT_THRESHOLD

  module_function

  # Words (scale: "0-10", nan_policy: :omit, method: :wald) are looked up in
  # the C names tables; an unknown one raises InvalidArgument with the C
  # message, which lists the choices. Integers (the Native constants) pass
  # through.

  # ---- NPS (spec §1) ---------------------------------------------------------

  # NPS from raw 0-10 (or 1-10) answers -> NpsResult.
  #   Cxmetrics.nps([0, 7, 7, 9, 9, 9]).nps  # => 33.333333333333336
  # A String with BINARY encoding is taken as bytes (the nps_u8 fast path).
  # nil answers are NaN: an error, or dropped with nan_policy: :omit.
  # scale: "0-10" or "1-10" (or 0..10, 1..10).
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
  # An NpsResult (or a Hash of the three) in place of the counts: the same.
  def nps_counts(promoters, passives = nil, detractors = nil)
    NpsResult.from_native(Native.nps_counts(*Convert.count_args(promoters, passives, detractors)))
  end

  # The interval functions take the counts (promoters, passives, detractors)
  # or, in their place, one sample: an NpsResult (Cxmetrics.nps's), a Hash
  # {promoters:, passives:, detractors:} or a triple.
  #   Cxmetrics.nps_wald(Cxmetrics.nps(scores), z: 1.96)

  # Wald interval (§1.3) -> NpsInterval. z: nil derives z from conf.
  #   Cxmetrics.nps_wald(291, 476, 395, z: 1.96).moe  # => 4.3877...
  def nps_wald(promoters, passives = nil, detractors = nil, conf: Native::CONF_DEFAULT, z: nil)
    NpsInterval.from_native(Native.nps_wald(*Convert.count_args(promoters, passives, detractors),
                                            Convert.conf(conf), Convert.z(z)))
  end

  # Adjusted-Wald interval (§1.4), centred on nps_adj -> NpsInterval.
  def nps_adjusted_wald(promoters, passives = nil, detractors = nil, conf: Native::CONF_DEFAULT, z: nil)
    NpsInterval.from_native(Native.nps_adjusted_wald(*Convert.count_args(promoters, passives, detractors),
                                                     Convert.conf(conf), Convert.z(z)))
  end

  # "Trinomial means" t interval, n - 1 df (§1.5) -> NpsTInterval.
  def nps_trinomial_t(promoters, passives = nil, detractors = nil, conf: Native::CONF_DEFAULT)
    NpsTInterval.from_native(Native.nps_trinomial_t(*Convert.count_args(promoters, passives, detractors),
                                                    Convert.conf(conf)))
  end

  # Two-sample comparison a - b (§1.6) -> NpsComparison. a and b are
  # [promoters, passives, detractors] (or NpsResults); method :adjusted_wald or :wald.
  def nps_compare(a, b, method: :adjusted_wald, conf: Native::CONF_DEFAULT, z: nil)
    pa, qa, da = Convert.counts(a, "a")
    pb, qb, db = Convert.counts(b, "b")
    NpsComparison.from_native(Native.nps_compare(pa, qa, da, pb, qb, db,
                                                 Convert.word(Native::NAMES_NPS_METHOD, method, "method"),
                                                 Convert.conf(conf), Convert.z(z)))
  end

  # Weighted NPS with Kish n_eff (§1.7) -> NpsWeightedResult.
  def nps_weighted(scores, weights, scale: "0-10", nan_policy: :error, conf: Native::CONF_DEFAULT, z: nil)
    NpsWeightedResult.from_native(
      Native.nps_weighted(Convert.array(scores, "scores"), Convert.array(weights, "weights"),
                          Convert.nps_scale(scale), Convert.nan_policy(nan_policy), Convert.conf(conf), Convert.z(z))
    )
  end

  # ---- CSAT and CES (§2, §3) -------------------------------------------------

  # CSAT on an integer scale (§2) -> CsatResult. threshold: nil is top-2-box on
  # scales of >= 5 points, top-box otherwise (the C default). A BINARY String
  # takes csat_u8.
  #   Cxmetrics.csat([5] * 42 + [4] * 32 + [3] * 10 + [2] * 9 + [1] * 14).pct_satisfied
  #   # => 69.1588785046729
  def csat(scores, scale: Native::CSAT_SCALE_LO_DEFAULT..Native::CSAT_SCALE_HI_DEFAULT, threshold: nil, nan_policy: :error, conf: Native::CONF_DEFAULT, z: nil)
    if Convert.byte_string?(scores)
      return csat_u8(scores, scale: scale, threshold: threshold, conf: conf, z: z)
    end

    lo, hi = Convert.scale_range(scale)
    CsatResult.from_native(Native.csat(Convert.array(scores, "scores"), lo, hi,
                                       Convert.integer(threshold, "threshold", allow_nil: true) || CSAT_DEFAULT_THRESHOLD,
                                       Convert.nan_policy(nan_policy), Convert.conf(conf), Convert.z(z)))
  end

  # CSAT on bytes (0 <= lo < hi <= 255).
  def csat_u8(scores, scale: Native::CSAT_SCALE_LO_DEFAULT..Native::CSAT_SCALE_HI_DEFAULT, threshold: nil, conf: Native::CONF_DEFAULT, z: nil)
    lo, hi = Convert.scale_range(scale)
    CsatResult.from_native(Native.csat_u8(Convert.bytes(scores), lo, hi,
                                          Convert.integer(threshold, "threshold", allow_nil: true) ||
                                            CSAT_DEFAULT_THRESHOLD, Convert.conf(conf), Convert.z(z)))
  end

  # CES (§3, §3.4) -> CesResult: points 5 (answers 1-5, 5 = easiest / strongly
  # agree) or 7 (Gartner's CES 2.0, 7 = strongly agree it was easy); or scale:
  # any integer scale (a Range or [lo, hi], at most 1001 points) with agree:,
  # the lowest answer that agrees (nil: the scale's default, 4 on 1-5, 5 on
  # 1-7, 8 on 1-10; any other scale must name it). % agree (pct_agree) with a
  # Wilson interval at conf, % disagree (answers <= lo + hi - agree), mean,
  # sd, scale_lo, scale_hi, agree. Re-orient CES 1.0 data (1 = low effort)
  # with 6 - x first. A BINARY String takes ces_u8 (1-5 and 1-7).
  #   Cxmetrics.ces([10, 9, 8, 8, 7, 5, 3, 3, 2, 1], scale: 1..10).pct_agree  # => 40.0
  def ces(scores, points: Native::CES_POINTS_DEFAULT, nan_policy: :error, conf: Native::CONF_DEFAULT, z: nil,
          scale: nil, agree: nil)
    if scale || agree
      lo, hi = scale ? Convert.scale(scale) : [1, points]
      return CesResult.from_native(Native.ces_scaled(Convert.array(scores, "scores"), lo, hi,
                                                     Convert.integer(agree, "agree", allow_nil: true) ||
                                                       Native::CES_DEFAULT_AGREE,
                                                     Convert.nan_policy(nan_policy), Convert.conf(conf), Convert.z(z)))
    end
    return ces_u8(scores, points: points, conf: conf, z: z) if Convert.byte_string?(scores)

    CesResult.from_native(Native.ces(Convert.array(scores, "scores"), Convert.integer(points, "points"),
                                     Convert.nan_policy(nan_policy), Convert.conf(conf), Convert.z(z)))
  end

  # The default agree threshold of a CES scale (§3.4): 1..5 -> 4, 1..7 -> 5,
  # 1..10 -> 8; InvalidArgument for any other scale.
  def ces_default_agree(scale)
    lo, hi = Convert.scale(scale)
    Native.ces_default_agree(lo, hi)
  end

  # CES on bytes: a String (its bytes) or an Array of Integer 0..255.
  def ces_u8(scores, points: 5, conf: Native::CONF_DEFAULT, z: nil)
    CesResult.from_native(Native.ces_u8(Convert.bytes(scores), Convert.integer(points, "points"),
                                        Convert.conf(conf), Convert.z(z)))
  end

  # ces(scores, points: 5, ...): CES on 1-5 (§3.1).
  def ces5(scores, **options)
    ces(scores, points: 5, **options)
  end

  # ces(scores, points: 7, ...): Gartner's CES 2.0 on 1-7 (§3.2).
  def ces7(scores, **options)
    ces(scores, points: 7, **options)
  end
end
