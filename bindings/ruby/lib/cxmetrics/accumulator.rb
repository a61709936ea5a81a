# frozen_string_literal: true

module Cxmetrics
  # Mergeable per-scale-point counts for one integer rating scale (scores.h).
  # Results are bit-identical to the one-shot functions on the same rows, in
  # any order and any split: fill one accumulator per thread or per chunk, then
  # merge.
  #
  #   acc = Cxmetrics::ScoreAccumulator.new(scale: 0..10)
  #   acc.add([9, 10, 7]).add([3])
  #   acc.nps.nps  # => 25.0
  #
  # Scales: 0..10 or 1..10 for NPS, 1..5 for CES 5-point, 1..7 for CES 2.0, any
  # scale of up to 1001 points for CSAT (the library checks them). The object
  # locks itself: adds run without the GVL, and a shared accumulator stays
  # consistent.
  class ScoreAccumulator
    attr_reader :scale

    # scale: a Range (0..10), [lo, hi] or an NPS scale word ("1-10").
    def initialize(scale: 0..10)
      lo, hi = Convert.scale_range(scale)
      @native = Native.score_acc_new(lo, hi)
      @scale = (lo..hi)
      @lock = Mutex.new
    end

    # Add answers (weight 1 each); nil is NaN. On error nothing is added.
    # A BINARY String goes to add_u8. Returns self.
    def add(scores, nan_policy: :error)
      return add_u8(scores) if Convert.byte_string?(scores)

      scores = Convert.array(scores, "scores")
      policy = Convert.nan_policy(nan_policy)
      synchronize { Native.score_acc_add(@native, scores, policy) }
      self
    end

    # Add one answer.
    def <<(score)
      add([score])
    end

    # Add byte answers: a String (its bytes) or an Array of Integer 0..255.
    def add_u8(scores)
      scores = Convert.bytes(scores)
      synchronize { Native.score_acc_add_u8(@native, scores) }
      self
    end

    # Add weighted answers; a NaN score under nan_policy: :omit drops its row.
    def add_weighted(scores, weights, nan_policy: :error)
      scores = Convert.array(scores, "scores")
      weights = Convert.array(weights, "weights")
      policy = Convert.nan_policy(nan_policy)
      synchronize { Native.score_acc_add_weighted(@native, scores, weights, policy) }
      self
    end

    # self += other (same scale). Returns self.
    def merge(other)
      Convert.type_error("merge", "a Cxmetrics::ScoreAccumulator", other) unless other.is_a?(ScoreAccumulator)
      return merge(other.dup_counts) if other.equal?(self)

      first, second = [self, other].sort_by(&:object_id)
      first.synchronize { second.synchronize { Native.score_acc_merge(@native, other.native) } }
      self
    end

    # Forget every row (keeps the scale). Returns self.
    def reset
      synchronize { Native.score_acc_reset(@native) }
      self
    end

    # Rows added so far.
    def n
      synchronize { Native.score_acc_n(@native) }
    end
    alias size n

    # Rows with this score (0 off the scale).
    def count(score)
      synchronize { Native.score_acc_count(@native, score) }
    end

    # {score => rows} for every point of the scale.
    def counts
      synchronize { @scale.to_h { |s| [s, Native.score_acc_count(@native, s)] } }
    end

    # NPS of the rows (scale 0..10 or 1..10) -> NpsResult.
    def nps
      NpsResult.from_native(synchronize { Native.score_acc_nps(@native) })
    end

    # Weighted NPS (unweighted rows count with weight 1) -> NpsWeightedResult.
    def nps_weighted(conf: Native::CONF_DEFAULT, z: nil)
      NpsWeightedResult.from_native(synchronize { Native.score_acc_nps_weighted(@native, conf, Convert.z(z)) })
    end

    # CSAT of the rows -> CsatResult.
    def csat(threshold: nil, conf: Native::CONF_DEFAULT, z: nil)
      thr = threshold || CSAT_DEFAULT_THRESHOLD
      CsatResult.from_native(synchronize { Native.score_acc_csat(@native, thr, conf, Convert.z(z)) })
    end

    # CES of the rows on the accumulator's scale (§3.4) -> CesResult. agree:
    # the lowest answer that agrees; nil is the scale's default (1..5, 1..7,
    # 1..10; any other scale must name it).
    def ces(conf: Native::CONF_DEFAULT, z: nil, agree: nil)
      a = agree || Native::CES_DEFAULT_AGREE
      CesResult.from_native(synchronize { Native.score_acc_ces_scaled(@native, a, conf, Convert.z(z)) })
    end

    def inspect
      "#<#{self.class.name} scale=#{@scale} n=#{n}>"
    end
    alias to_s inspect

    protected

    attr_reader :native

    def synchronize(&block)
      @lock.owned? ? yield : @lock.synchronize(&block)
    end

    # A copy (for acc.merge(acc)).
    def dup_counts
      copy = ScoreAccumulator.new(scale: @scale)
      synchronize { Native.score_acc_merge(copy.native, @native) }
      copy
    end
  end
end
