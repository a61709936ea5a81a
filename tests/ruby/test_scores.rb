# frozen_string_literal: true

require_relative "test_helper"

# NPS, CSAT and CES through the binding, against the spec's worked examples
# (docs/spec.md §12) and relations between the functions.
class TestScores < Minitest::Test
  ROCKS = [0, 7, 7, 9, 9, 9].freeze # Rocks' NPS package tests: NPS 1/3, var 5/9

  def test_nps_rocks_example
    r = Cxmetrics.nps(ROCKS)
    assert_kind_of Cxmetrics::NpsResult, r
    assert_close 100.0 / 3, r.nps
    assert_equal [6, 3, 2, 1], [r.n, r.promoters, r.passives, r.detractors]
    assert_close 50.0, r.pct_promoters
    assert_close 100.0 / 3, r.pct_passives
    assert_close 100.0 / 6, r.pct_detractors
  end

  def test_nps_six_is_a_detractor_and_scales
    assert_equal 1, Cxmetrics.nps([6]).detractors
    assert_equal(-100.0, Cxmetrics.nps([6]).nps)
    r = Cxmetrics.nps([1, 7, 9, 10], scale: "1-10")
    assert_equal [1, 1, 2], [r.detractors, r.passives, r.promoters]
    assert_equal r, Cxmetrics.nps([1, 7, 9, 10], scale: 1..10)
    assert_raises(Cxmetrics::OutOfRange) { Cxmetrics.nps([0, 9], scale: "1-10") }
  end

  def test_nps_nan_policy_and_nil
    assert_raises(Cxmetrics::NanInput) { Cxmetrics.nps([9, nil, 3]) }
    assert_raises(Cxmetrics::NanInput) { Cxmetrics.nps([9, Float::NAN]) }
    assert_equal Cxmetrics.nps([9, 3]), Cxmetrics.nps([9, nil, Float::NAN, 3], nan_policy: :omit)
    assert_equal Cxmetrics.nps([9, 3]), Cxmetrics.nps([9, nil, 3], nan_policy: "omit")
    assert_raises(Cxmetrics::EmptyInput) { Cxmetrics.nps([nil, nil], nan_policy: :omit) }
  end

  def test_nps_accepts_enumerables_and_floats
    assert_equal Cxmetrics.nps(ROCKS), Cxmetrics.nps(ROCKS.map(&:to_f))
    assert_equal Cxmetrics.nps((0..10).to_a), Cxmetrics.nps(0..10)
    assert_equal Cxmetrics.nps([9, 9, 10]), Cxmetrics.nps([9, 9, 10].each)
  end

  def test_nps_u8_fast_path
    bytes = ROCKS.pack("C*")
    assert_equal Encoding::BINARY, bytes.encoding
    assert_equal Cxmetrics.nps(ROCKS), Cxmetrics.nps_u8(bytes)
    assert_equal Cxmetrics.nps(ROCKS), Cxmetrics.nps_u8(ROCKS)
    assert_equal Cxmetrics.nps(ROCKS), Cxmetrics.nps(bytes) # a BINARY String is routed to nps_u8
    assert_equal Cxmetrics.nps([1, 9], scale: "1-10"), Cxmetrics.nps_u8([1, 9].pack("C*"), scale: "1-10")
    assert_raises(Cxmetrics::OutOfRange) { Cxmetrics.nps_u8([9, 11].pack("C*")) }
    assert_raises(Cxmetrics::EmptyInput) { Cxmetrics.nps_u8("".b) }
  end

  def test_nps_counts
    assert_equal Cxmetrics.nps(ROCKS), Cxmetrics.nps_counts(3, 2, 1)
    assert_equal Cxmetrics.nps(ROCKS), Cxmetrics.nps_counts(3.0, 2.0, 1.0)
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.nps_counts(4.5, 3, 2) }
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.nps_counts(-1, 3, 2) }
    assert_raises(Cxmetrics::EmptyInput) { Cxmetrics.nps_counts(0, 0, 0) }
  end

  def test_wald_rocks_standard_errors
    # Rocks: se 0.304 for the 6 answers; counts (1,1,1), (1,0,1), (1,1,0) -> .471, .707, .354
    assert_in_delta 30.429, Cxmetrics.nps_wald(3, 2, 1).se, 0.0005
    assert_close 100 * Math.sqrt(5.0 / 9 / 6), Cxmetrics.nps_wald(3, 2, 1).se
    assert_close 5.0 / 9, Cxmetrics.nps_wald(3, 2, 1).var_unit
    assert_in_delta 47.14, Cxmetrics.nps_wald(1, 1, 1).se, 0.005
    assert_in_delta 70.71, Cxmetrics.nps_wald(1, 0, 1).se, 0.005
    assert_in_delta 35.36, Cxmetrics.nps_wald(1, 1, 0).se, 0.005
    assert_close 100 * Math.sqrt(0.125), Cxmetrics.nps_wald(1, 1, 0).se
  end

  def test_wald_talkstats
    # 291 P / 476 Pa / 395 D: NPS -8.950 (-> -9), "4.4" = the Wald MoE 4.388 at z = 1.96
    r = Cxmetrics.nps_wald(291, 476, 395, z: 1.96)
    assert_kind_of Cxmetrics::NpsInterval, r
    assert_equal 1162, r.n
    assert_close(-8.950, r.nps, 1e-4)
    assert_equal(-9.0, Cxmetrics.round_half_away(r.nps))
    assert_close 4.388, r.moe, 1e-4
    assert_equal 1.96, r.z
    assert_close r.nps - r.moe, r.lower
    assert_close r.nps + r.moe, r.upper
    assert_equal r.nps, r.nps_adj
  end

  def test_wald_z_from_conf
    r = Cxmetrics.nps_wald(291, 476, 395)
    assert_close 1.959963984540054, r.z, 1e-15
    assert_close Cxmetrics.z_crit(0.9), Cxmetrics.nps_wald(291, 476, 395, conf: 0.9).z, 1e-15
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.nps_wald(1, 1, 1, conf: 1.0) }
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.nps_wald(1, 1, 1, z: -1) }
  end

  def test_adjusted_wald_measuringu_recipe
    # (3, 2, 1): +3/4 promoters and detractors, n + 3: NPS_adj 22.22, se 24.98
    r = Cxmetrics.nps_adjusted_wald(3, 2, 1)
    assert_close 100.0 / 3, r.nps
    assert_close 22.22, r.nps_adj, 1e-3
    assert_close 24.98, r.se, 1e-3
    assert_equal 9.0, r.n_adj
    assert_close r.nps_adj - r.moe, r.lower
    # not clipped: all 10 promoters -> upper bound 106.34
    assert_close 106.34, Cxmetrics.nps_adjusted_wald(10, 0, 0).upper, 1e-4
    assert_raises(Cxmetrics::EmptyInput) { Cxmetrics.nps_adjusted_wald(0, 0, 0) }
  end

  def test_trinomial_t
    r = Cxmetrics.nps_trinomial_t(3, 2, 1)
    assert_kind_of Cxmetrics::NpsTInterval, r
    assert_equal 5, r.df
    assert_close Math.sqrt(5.0 / 9 * 6 / 5), r.sd_unit
    assert_close Cxmetrics.t_crit(0.95, 5), r.t
    assert_close 2.570581835636314, r.t, 1e-12 # R: qt(0.975, 5)
    assert_close r.t * r.se, r.moe
    assert_raises(Cxmetrics::TooFew) { Cxmetrics.nps_trinomial_t(1, 0, 0) }
  end

  def test_compare_keeps_the_sign_and_matches_the_one_sample_intervals
    a = [3, 2, 1]
    b = [1, 2, 3]
    r = Cxmetrics.nps_compare(a, b)
    assert_kind_of Cxmetrics::NpsComparison, r
    assert_equal :adjusted_wald, r.method
    ia = Cxmetrics.nps_adjusted_wald(*a)
    ib = Cxmetrics.nps_adjusted_wald(*b)
    assert_close ia.nps_adj - ib.nps_adj, r.diff
    assert_close Math.hypot(ia.se, ib.se), r.se
    assert_close r.diff / r.se, r.z_stat
    assert_close Cxmetrics.p_two_sided(r.z_stat), r.p_value
    assert_close(-r.diff, Cxmetrics.nps_compare(b, a).diff)

    w = Cxmetrics.nps_compare(a, b, method: :wald, z: 1.96)
    assert_equal :wald, w.method
    assert_close Cxmetrics.nps_wald(*a).nps - Cxmetrics.nps_wald(*b).nps, w.diff
    assert_close w.diff - 1.96 * w.se, w.lower
    # NpsResults work as samples
    assert_equal r, Cxmetrics.nps_compare(Cxmetrics.nps_counts(*a), Cxmetrics.nps_counts(*b))
  end

  def test_compare_zero_se
    same = Cxmetrics.nps_compare([5, 0, 0], [5, 0, 0], method: :wald)
    assert_equal [0.0, 0.0, 1.0], [same.diff, same.z_stat, same.p_value]
    diff = Cxmetrics.nps_compare([5, 0, 0], [0, 0, 5], method: :wald)
    assert_equal Float::INFINITY, diff.z_stat
    assert_equal 0.0, diff.p_value
    assert_raises(Cxmetrics::EmptyInput) { Cxmetrics.nps_compare([5, 1, 1], [0, 0, 0]) }
    assert_raises(Cxmetrics::ArgumentTypeError) { Cxmetrics.nps_compare([5, 1], [1, 1, 1]) }
  end

  def test_weighted_unit_weights_reproduce_wald
    scores = [10, 9, 8, 7, 6, 0, 9, 10, 3, 9]
    c = Cxmetrics.nps(scores)
    wald = Cxmetrics.nps_wald(c.promoters, c.passives, c.detractors)
    w = Cxmetrics.nps_weighted(scores, [1] * scores.size)
    assert_kind_of Cxmetrics::NpsWeightedResult, w
    assert_close wald.nps, w.nps
    assert_close wald.se, w.se
    assert_close wald.lower, w.lower
    assert_close scores.size, w.n_eff
    assert_close 1.0, w.deff
    scaled = Cxmetrics.nps_weighted(scores, [2.5] * scores.size)
    assert_close w.nps, scaled.nps
    assert_close w.se, scaled.se
    assert_close 25.0, scaled.sum_w
  end

  def test_weighted_kish_and_rules
    scores = [10] * 50 + [0] * 50
    w = Cxmetrics.nps_weighted(scores, [1] * 50 + [2] * 50)
    assert_close 90.0, w.n_eff # askvity: 150^2 / 250
    assert_close 100.0 / 90, w.deff
    assert_close 100 * (50 - 100) / 150.0, w.nps
    assert_equal 100, w.n_pos
    omit = Cxmetrics.nps_weighted([10, nil, 0], [1, 5, 1], nan_policy: :omit)
    assert_equal 2, omit.n
    assert_close 2.0, omit.sum_w
    assert_raises(Cxmetrics::BadWeights) { Cxmetrics.nps_weighted([10, 0], [0, 0]) }
    assert_raises(Cxmetrics::BadWeights) { Cxmetrics.nps_weighted([10, 0], [1, nil]) }
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.nps_weighted([10, 0, 5], [1, 1]) }
  end

  def test_csat_delighted_intercom_wyapy
    delighted = [5] * 42 + [4] * 32 + [3] * 10 + [2] * 9 + [1] * 14
    r = Cxmetrics.csat(delighted)
    assert_kind_of Cxmetrics::CsatResult, r
    assert_equal [107, 4, 74], [r.n, r.threshold, r.n_satisfied]
    assert_close 7400.0 / 107, r.pct_satisfied
    assert_equal 69.0, Cxmetrics.round_half_away(r.pct_satisfied)
    assert_close (42 * 5 + 32 * 4 + 30 + 18 + 14) / 107.0, r.mean
    i = Cxmetrics.wilson(74, 107)
    assert_close 100 * i.lower, r.wilson_lower
    assert_close 100 * i.upper, r.wilson_upper

    intercom = [5] * 10 + [4] * 20 + [3] * 10 + [2] * 5 + [1] * 5
    assert_close 60.0, Cxmetrics.csat(intercom, scale: 1..5).pct_satisfied
    wyapy = [10] * 100 + [9] * 60 + [5] * 40 # 1-10: 9 and 10 are satisfied
    assert_close 80.0, Cxmetrics.csat(wyapy, scale: 1..10).pct_satisfied
    assert_equal 9, Cxmetrics.csat(wyapy, scale: [1, 10]).threshold
    assert_close 100.0, Cxmetrics.csat(wyapy, scale: 1..10, threshold: 5).pct_satisfied
    assert_equal 3, Cxmetrics.csat([3, 2, 1], scale: 1..3).threshold # top-box below 5 points
  end

  def test_csat_sd_and_errors
    assert_nil Cxmetrics.csat([5]).sd
    assert_close Math.sqrt(0.5), Cxmetrics.csat([4, 5]).sd
    assert_raises(Cxmetrics::OutOfRange) { Cxmetrics.csat([0, 5]) }
    assert_raises(Cxmetrics::OutOfRange) { Cxmetrics.csat([6, 5]) }
    assert_raises(Cxmetrics::EmptyInput) { Cxmetrics.csat([]) }
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.csat([5, 1], threshold: 6) }
    assert_raises(Cxmetrics::NonInteger) { Cxmetrics.csat([4.5]) }
  end

  def test_csat_u8
    delighted = [5] * 42 + [4] * 32 + [3] * 10 + [2] * 9 + [1] * 14
    assert_equal Cxmetrics.csat(delighted), Cxmetrics.csat_u8(delighted.pack("C*"))
    assert_equal Cxmetrics.csat(delighted), Cxmetrics.csat_u8(delighted)
    assert_equal Cxmetrics.csat(delighted), Cxmetrics.csat(delighted.pack("C*"))
    assert_equal Cxmetrics.csat([9, 10, 3], scale: 0..10, threshold: 9),
                 Cxmetrics.csat_u8([9, 10, 3], scale: 0..10, threshold: 9)
    assert_raises(Cxmetrics::OutOfRange) { Cxmetrics.csat_u8([0, 5]) }
  end

  def test_ces5_delighted_and_cys
    r = Cxmetrics.ces5([1] * 3 + [2] * 2 + [3] * 5 + [4] * 4 + [5] * 6) # 10 agree of 20
    assert_kind_of Cxmetrics::CesResult, r
    assert_equal [20, 10], [r.n, r.n_agree]
    assert_close 50.0, r.pct_agree
    cys = [1] * 190 + [2] * 240 + [3] * 110 + [4] * 330 + [5] * 140 # 1010 answers, sum 3020
    assert_close 3020.0 / 1010, Cxmetrics.ces5(cys).mean
    assert_equal Cxmetrics.ces5(cys), Cxmetrics.ces_u8(cys.pack("C*"))
    assert_equal Cxmetrics.ces5(cys), Cxmetrics.ces5(cys.pack("C*"))
    assert_raises(Cxmetrics::OutOfRange) { Cxmetrics.ces5([0, 4]) }
    assert_raises(Cxmetrics::OutOfRange) { Cxmetrics.ces_u8([6]) }
    assert_raises(Cxmetrics::EmptyInput) { Cxmetrics.ces5([]) }
  end

  def test_ces7
    r = Cxmetrics.ces7([4, 5, 6, 7, 7]) # calculator.academy: mean 5.8 (the page says 4.8)
    assert_kind_of Cxmetrics::CesResult, r
    assert_close 5.8, r.mean
    all = Cxmetrics.ces7((1..7).to_a)
    assert_equal [3, 3], [all.n_agree, all.n_disagree]
    assert_close 300.0 / 7, all.pct_agree
    assert_close 300.0 / 7, all.pct_disagree
    assert_close Math.sqrt(28.0 / 6), all.sd
    assert_nil Cxmetrics.ces7([7]).sd
    assert_equal all, Cxmetrics.ces_u8((1..7).to_a.pack("C*"), points: 7)
    assert_equal all, Cxmetrics.ces7((1..7).to_a.pack("C*"))
    assert_equal Cxmetrics.ces7([7, 1]), Cxmetrics.ces7([7, nil, 1], nan_policy: :omit)
    assert_raises(Cxmetrics::OutOfRange) { Cxmetrics.ces7([8, 5]) }
    assert_raises(Cxmetrics::NanInput) { Cxmetrics.ces7([7, nil]) }
  end

  # One CES: ces(points:) with its Wilson interval; ces5 / ces7 are ces with
  # the points set. Delighted: "Disagree 1-2, Neutral 3, Agree 4-5".
  def test_ces_one_result
    scores = [1] * 3 + [2] * 2 + [3] * 5 + [4] * 4 + [5] * 6
    r = Cxmetrics.ces(scores)
    assert_equal Cxmetrics.ces5(scores), r
    assert_equal [5, 20, 10, 5], [r.points, r.n, r.n_agree, r.n_disagree]
    assert_close 25.0, r.pct_disagree
    w = Cxmetrics.wilson(10, 20)
    assert_close 100 * w.lower, r.wilson_lower
    assert_close 100 * w.upper, r.wilson_upper
    w90 = Cxmetrics.wilson(10, 20, conf: 0.9)
    assert_close 100 * w90.lower, Cxmetrics.ces(scores, conf: 0.9).wilson_lower
    assert_close 100 * Cxmetrics.wilson(10, 20, z: 1.96).upper, Cxmetrics.ces(scores, z: 1.96).wilson_upper
    assert_equal Cxmetrics.ces7([7, 1]), Cxmetrics.ces([7, 1], points: 7)
    assert_equal 7, Cxmetrics.ces([7, 1], points: 7).points
    assert_equal r, Cxmetrics.ces(scores.pack("C*"))
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.ces([3], points: 6) }
    assert_equal Cxmetrics::Native::RESULT_FIELDS[:ces_result], r.to_h.keys
    assert_nil Cxmetrics.ces([4]).sd, "the SD of one answer is nil"
  end

  # Words go through the library's names tables: the C message lists the choices.
  def test_words_from_the_library
    err = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.nps([1], scale: "0-5") }
    assert_match(/0-10 or 1-10/, err.message)
    err = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.nps([1], scale: 0..5) }
    assert_match(/0-10 or 1-10, not '0-5'/, err.message)
    assert_equal Cxmetrics.nps([1, 9], scale: "1-10"), Cxmetrics.nps([1, 9], scale: :"1-10")
    assert_equal Cxmetrics.nps([1, 9], scale: "1-10"), Cxmetrics.nps([1, 9], scale: Cxmetrics::Native::NPS_1_10)
    err = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.nps_compare([1, 1, 1], [1, 1, 1], method: :t) }
    assert_match(/adjusted_wald or wald/, err.message)
    assert_equal :wald, Cxmetrics.nps_compare([1, 1, 1], [1, 1, 1], method: "wald").method
  end

  def test_results_are_frozen_value_objects
    r = Cxmetrics.nps(ROCKS)
    assert r.frozen?
    assert_raises(FrozenError) { r.nps = 1 }
    assert_equal Cxmetrics::Native::RESULT_FIELDS[:nps_result], r.to_h.keys
    assert_equal r, Cxmetrics::NpsResult.new(**r.to_h)
    assert_match(/\ANpsResult\(n: 6, .*nps: 33\.3333\)\z/, r.to_s)
    assert_match(/\A#<Cxmetrics::NpsResult n=6 .*nps=33\.333333333333336>\z/, r.inspect)
    long = Cxmetrics.rfm_score((1..40).to_a)
    assert_match(/\.\.\. \(40 items\)/, long.inspect)
  end
end
