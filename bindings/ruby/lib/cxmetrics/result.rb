# frozen_string_literal: true

module Cxmetrics
  # Value objects for results: a Struct with keyword construction, frozen
  # instances, #to_h, #as_json / #to_json and from_h / from_json (Serial), a
  # readable #to_s and an #inspect that abbreviates long arrays. Enum-like
  # fields (a method, a model) are Symbols, the words of the C names tables. The field lists of the C result structs come from
  # Native::RESULT_FIELDS (generated from the headers by bindings/gen_swig.py),
  # and the values from the struct objects the Native functions return, so
  # they follow the C headers.
  module Result
    INSPECT_ARRAY_MAX = 10

    # A new result class with these fields (Symbols).
    def self.define(fields, &block)
      klass = Struct.new(*fields, keyword_init: true)
      klass.include(Methods)
      klass.extend(ClassMethods)
      klass.class_eval(&block) if block
      klass
    end

    # A new result class for a C struct (its tag in Native::RESULT_FIELDS).
    def self.for_native(tag, &block)
      define(Native::RESULT_FIELDS.fetch(tag), &block)
    end

    # A value of a C result as Ruby shows it: a NaN, which the headers use
    # for "undefined" (the SD of one answer, the standard error of a singular
    # Hessian), is nil.
    def self.value(v)
      v.is_a?(Float) && v.nan? ? nil : v
    end

    module ClassMethods
      include Serial::ClassMethods

      # Build from the struct object a Native function returned: every field
      # read by its name.
      def from_native(proxy)
        new(**members.to_h { |f| [f, Result.value(proxy.public_send(f))] })
      end

      # The result of a Hash with every field (Symbol or String keys), as
      # to_h or as_json gave it: Symbol fields come back as Symbols.
      def from_h(hash)
        new(**Serial.fields(hash, members, name).to_h { |k, v| [k, json_field(k, v)] })
      end

      # The fields that hold words as Symbols (each, or an Array of them).
      def symbol_fields
        @symbol_fields || []
      end

      private

      def symbols(*names)
        @symbol_fields = names.freeze
      end

      def json_field(key, value)
        return value if value.nil? || !symbol_fields.include?(key)

        value.is_a?(Array) ? value.map(&:to_sym) : value.to_sym
      end
    end

    module Methods
      include Serial::Methods

      def initialize(**fields)
        super
        freeze
      end

      def to_s
        "#{self.class.name.to_s.sub(/\ACxmetrics::/, '')}(" +
          each_pair.map { |k, v| "#{k}: #{Result.show(v, true)}" }.join(", ") + ")"
      end

      def inspect
        "#<#{self.class.name} " + each_pair.map { |k, v| "#{k}=#{Result.show(v, false)}" }.join(" ") + ">"
      end
    end

    # to_s rounds floats to 6 significant digits; inspect shows them in full.
    def self.show(v, short)
      case v
      when Float
        short && v.finite? ? format("%.6g", v) : v.inspect
      when Array
        shown = v.first(INSPECT_ARRAY_MAX).map { |e| show(e, short) }
        shown << "... (#{v.size} items)" if v.size > INSPECT_ARRAY_MAX
        "[#{shown.join(', ')}]"
      else
        v.inspect
      end
    end
  end

  # NPS with the promoter / passive / detractor split (spec §1.1).
  NpsResult = Result.for_native(:nps_result)
  # Wald or adjusted-Wald interval on NPS (§1.3, §1.4); nps is the raw NPS,
  # nps_adj the centre of the interval.
  NpsInterval = Result.for_native(:nps_ci)
  # "Trinomial means" t interval (§1.5).
  NpsTInterval = Result.for_native(:nps_t_ci)
  # Two-sample comparison a - b (§1.6); method is the word of the method
  # (:adjusted_wald or :wald, from the C names table).
  NpsComparison = Result.for_native(:nps_comparison) do
    symbols :method

    def self.from_native(proxy)
      r = super
      new(**r.to_h.merge(method: Convert.symbol(Native::NAMES_NPS_METHOD, r[:method])))
    end
  end
  # Weighted NPS with Kish n_eff and deff (§1.7).
  NpsWeightedResult = Result.for_native(:nps_weighted_result)
  # CSAT % satisfied with a Wilson interval, mean and sd (nil when n < 2) (§2).
  CsatResult = Result.for_native(:csat_result)
  # CES on 1-5, 1-7 or any scale (§3, §3.4): points, % agree (pct_agree) with
  # its Wilson interval, % disagree, mean and sd (nil when n < 2), scale_lo,
  # scale_hi and agree.
  CesResult = Result.for_native(:ces_result)
  # A two-sided interval on a proportion, in [0, 1].
  Interval = Result.for_native(:interval)
  # Durations: n, total, mean, type-7 median and p90, min, max (§4).
  TimeSummary = Result.for_native(:time_summary)
  # Repeat purchase rate from per-customer order counts (§5.3).
  RepeatPurchase = Result.for_native(:repeat_purchase)
  # Bounce rate from pageviews per session (§5.6).
  Bounce = Result.for_native(:bounce)
  # Task success rate with Wilson and adjusted-Wald intervals, percent (§5.8).
  TaskSuccess = Result.for_native(:task_success)
  # Historic CLV from period totals (§6.1).
  ClvTotals = Result.for_native(:clv_totals)

  # One RFM dimension scored (§7.2): scores 1..K, the break points used and the
  # K bins [lower[i], upper[i]).
  RfmScore = Result.define(%i[scores breaks lower upper])
  # The RFM table (§7.2): per-customer scores, rfm_score = 100 R + 10 F + M, and
  # the break points of each dimension.
  RfmTable = Result.define(%i[recency_score frequency_score monetary_score rfm_score
                              recency_breaks frequency_breaks monetary_breaks]) do
    # Number of customers.
    def size
      rfm_score.size
    end
  end
end
