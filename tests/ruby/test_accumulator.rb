# frozen_string_literal: true

require_relative "test_helper"

# Cxmetrics::ScoreAccumulator: chunks merged == one-shot, every field, exactly
# (scores.h: "bit-identical to the one-shot functions on the same rows").
class TestAccumulator < Minitest::Test
  def sample(n, lo, hi, seed)
    rng = Random.new(seed)
    Array.new(n) { rng.rand(lo..hi) }
  end

  def chunks(values, k)
    values.each_slice((values.size + k - 1) / k).to_a
  end

  def merged(scale, parts)
    accs = parts.map { |p| Cxmetrics::ScoreAccumulator.new(scale: scale).add(p) }
    accs.drop(1).each_with_object(accs.first) { |a, total| total.merge(a) }
  end

  def test_nps_merge_equals_one_shot
    scores = sample(10_001, 0, 10, 1)
    acc = merged(0..10, chunks(scores, 3))
    assert_equal scores.size, acc.n
    assert_same_result Cxmetrics.nps(scores), acc.nps
    c = Cxmetrics.nps(scores)
    assert_same_result Cxmetrics.nps_weighted(scores, [1] * scores.size), acc.nps_weighted
    assert_same_result Cxmetrics.nps_weighted(scores, [1] * scores.size, conf: 0.9),
                       acc.nps_weighted(conf: 0.9)
    assert_equal c.promoters, acc.count(9) + acc.count(10)
    assert_equal scores.tally.sort.to_h, acc.counts.reject { |_, v| v.zero? }
  end

  def test_nps_1_10_scale
    scores = sample(500, 1, 10, 2)
    acc = Cxmetrics::ScoreAccumulator.new(scale: 1..10).add(scores)
    assert_same_result Cxmetrics.nps(scores, scale: "1-10"), acc.nps
  end

  def test_weighted_merge_equals_one_shot
    rng = Random.new(3)
    scores = sample(3000, 0, 10, 4)
    weights = Array.new(scores.size) { 0.5 + 2 * rng.rand }
    accs = chunks(scores.zip(weights), 4).map do |part|
      s, w = part.transpose
      Cxmetrics::ScoreAccumulator.new.add_weighted(s, w)
    end
    acc = accs.reduce { |a, b| a.merge(b) }
    assert_same_result Cxmetrics.nps_weighted(scores, weights), acc.nps_weighted
    assert_same_result Cxmetrics.nps_weighted(scores, weights, z: 1.96), acc.nps_weighted(z: 1.96)
    # weighted and unweighted rows together: unweighted rows weigh 1
    mixed = Cxmetrics::ScoreAccumulator.new.add([9, 0]).add_weighted([10, 7], [2, 0.5])
    assert_same_result Cxmetrics.nps_weighted([9, 0, 10, 7], [1, 1, 2, 0.5]), mixed.nps_weighted
    omit = Cxmetrics::ScoreAccumulator.new.add_weighted([10, nil, 0], [1, 5, 1], nan_policy: :omit)
    assert_equal 2, omit.n
  end

  def test_csat_and_ces_merge_equal_one_shot
    s5 = sample(4001, 1, 5, 5)
    acc5 = merged(1..5, chunks(s5, 5))
    assert_same_result Cxmetrics.csat(s5), acc5.csat
    assert_same_result Cxmetrics.csat(s5, threshold: 5, conf: 0.9), acc5.csat(threshold: 5, conf: 0.9)
    assert_same_result Cxmetrics.csat(s5, z: 1.96), acc5.csat(z: 1.96)
    assert_same_result Cxmetrics.ces5(s5), acc5.ces
    assert_same_result Cxmetrics.ces(s5, conf: 0.9), acc5.ces(conf: 0.9)
    assert_same_result Cxmetrics.ces(s5, z: 1.96), acc5.ces(z: 1.96)
    s7 = sample(2999, 1, 7, 6)
    acc7 = merged([1, 7], chunks(s7, 2))
    assert_same_result Cxmetrics.ces7(s7), acc7.ces
    assert_same_result Cxmetrics.csat(s7, scale: 1..7), acc7.csat
    s10 = sample(999, 1, 10, 7)
    assert_same_result Cxmetrics.csat(s10, scale: 1..10, threshold: 8),
                       merged(1..10, chunks(s10, 3)).csat(threshold: 8)
  end

  def test_single_row_sd_is_nil
    acc = Cxmetrics::ScoreAccumulator.new(scale: 1..7) << 6
    assert_nil acc.ces.sd
    assert_nil acc.csat.sd
  end

  def test_u8_and_binary_strings
    scores = sample(1000, 0, 10, 8)
    a = Cxmetrics::ScoreAccumulator.new.add_u8(scores.pack("C*"))
    b = Cxmetrics::ScoreAccumulator.new.add_u8(scores)
    c = Cxmetrics::ScoreAccumulator.new.add(scores.pack("C*")) # BINARY String -> add_u8
    [a, b, c].each { |x| assert_same_result Cxmetrics.nps(scores), x.nps }
    assert_raises(Cxmetrics::OutOfRange) { Cxmetrics::ScoreAccumulator.new.add_u8([11]) }
  end

  def test_errors_add_nothing
    acc = Cxmetrics::ScoreAccumulator.new.add([9, 10])
    assert_raises(Cxmetrics::OutOfRange) { acc.add([9, 11]) }
    assert_raises(Cxmetrics::NanInput) { acc.add([9, nil]) }
    assert_raises(Cxmetrics::NonInteger) { acc.add([9.5]) }
    assert_raises(Cxmetrics::BadWeights) { acc.add_weighted([9], [-1]) }
    assert_raises(Cxmetrics::InvalidArgument) { acc.add_weighted([9, 8], [1]) }
    assert_raises(Cxmetrics::ArgumentTypeError) { acc.add([9, :x]) }
    assert_equal 2, acc.n
    assert_equal 2, acc.count(9) + acc.count(10)
    assert_equal 0, acc.count(42)
  end

  def test_scale_rules
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics::ScoreAccumulator.new(scale: 5..1) }
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics::ScoreAccumulator.new(scale: 0..2000) }
    ces = Cxmetrics::ScoreAccumulator.new(scale: 1..5).add([5])
    assert_raises(Cxmetrics::InvalidArgument) { ces.nps }
    # CES on 0..10 needs an agree threshold: the scale has no default (spec §3.4)
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics::ScoreAccumulator.new.add([5]).ces }
    assert_raises(Cxmetrics::InvalidArgument) { ces.merge(Cxmetrics::ScoreAccumulator.new(scale: 1..7)) }
    assert_raises(Cxmetrics::ArgumentTypeError) { ces.merge([5]) }
    assert_raises(Cxmetrics::EmptyInput) { Cxmetrics::ScoreAccumulator.new.nps }
    assert_equal 1..5, ces.scale
    assert_match(/scale=1\.\.5 n=1/, ces.inspect)
  end

  def test_scale_words_and_pairs
    assert_equal 1..10, Cxmetrics::ScoreAccumulator.new(scale: "1-10").scale
    assert_equal 1..7, Cxmetrics::ScoreAccumulator.new(scale: [1, 7]).scale
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics::ScoreAccumulator.new(scale: "2-10") }
  end

  def test_reset_and_self_merge
    acc = Cxmetrics::ScoreAccumulator.new.add([9, 0, 7])
    acc.merge(acc)
    assert_equal 6, acc.n
    assert_same_result Cxmetrics.nps([9, 0, 7, 9, 0, 7]), acc.nps
    assert_same acc, acc.reset
    assert_equal 0, acc.n
    assert_raises(Cxmetrics::EmptyInput) { acc.nps }
    acc << 10
    assert_equal 100.0, acc.nps.nps
  end

  # One accumulator per thread, merged at the end == one-shot; and a shared one
  # stays consistent (the object locks itself).
  def test_threads
    scores = sample(400_000, 0, 10, 9)
    parts = chunks(scores, 4)
    accs = parts.map { |p| Thread.new { Cxmetrics::ScoreAccumulator.new.add(p) } }.map(&:value)
    total = accs.reduce { |a, b| a.merge(b) }
    assert_same_result Cxmetrics.nps(scores), total.nps
    shared = Cxmetrics::ScoreAccumulator.new
    parts.map { |p| Thread.new { shared.add(p) } }.each(&:join)
    assert_same_result Cxmetrics.nps(scores), shared.nps
  end
end
