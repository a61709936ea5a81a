# frozen_string_literal: true

require "date"

module Cxmetrics
  # Argument conversion for the idiomatic layer (internal). Names and symbols
  # become the C enum values (an unknown name raises InvalidArgument, naming the
  # choices); Integers pass through for the C function to check.
  module Convert
    NAN_POLICIES = { error: Native::NAN_ERROR, omit: Native::NAN_OMIT }.freeze
    NPS_SCALES = { "0-10" => Native::NPS_0_10, "1-10" => Native::NPS_1_10 }.freeze
    NPS_METHODS = { adjusted_wald: Native::NPS_ADJUSTED_WALD, wald: Native::NPS_WALD }.freeze
    RFM_MATCHES = { first: Native::RFM_FIRST_MATCH, last: Native::RFM_LAST_MATCH }.freeze
    # Julian day number of 1970-01-01 (day number 0).
    UNIX_EPOCH_JD = 2_440_588

    module_function

    def enum(table, value, what)
      return value if value.is_a?(Integer)

      key = table.keys.first.is_a?(Symbol) ? value.to_s.to_sym : value.to_s
      table.fetch(key) do
        raise InvalidArgument, "#{what} is #{value.inspect}; use one of #{table.keys.map(&:inspect).join(', ')}"
      end
    end

    # :error / :omit (or "error" / "omit").
    def nan_policy(value)
      enum(NAN_POLICIES, value, "nan_policy")
    end

    # "0-10" / "1-10", also the Ranges 0..10 / 1..10.
    def nps_scale(value)
      value = "#{value.begin}-#{value.end}" if value.is_a?(Range)
      enum(NPS_SCALES, value, "scale")
    end

    def nps_method(value)
      enum(NPS_METHODS, value, "method")
    end

    def rfm_match(value)
      enum(RFM_MATCHES, value, "match")
    end

    # A rating scale as [lo, hi]: a Range (1..5, 1...6) or a pair [1, 5].
    def scale(value)
      case value
      when Range
        hi = value.exclude_end? && value.end.is_a?(Integer) ? value.end - 1 : value.end
        [value.begin, hi]
      when Array
        raise ArgumentError, "scale: expected [lo, hi], got #{value.inspect}" unless value.size == 2

        value
      when "0-10", "1-10", :"0-10", :"1-10"
        value.to_s.split("-").map(&:to_i)
      else
        raise TypeError, "scale: expected a Range or [lo, hi], got #{value.inspect}"
      end
    end

    # nil means "derive z from conf" (Native::Z_FROM_CONF).
    def z(value)
      value.nil? ? Native::Z_FROM_CONF : value
    end

    def flag(value)
      value ? 1 : 0
    end

    # Any Enumerable as an Array (Arrays pass through untouched).
    def array(value, what = "argument")
      return value if value.is_a?(Array)
      return value.to_a if value.respond_to?(:to_a) && !value.is_a?(String) && !value.is_a?(Hash)

      raise TypeError, "#{what}: expected an Array, got #{value.class}"
    end

    # Scores for a *_u8 fast path: a String (its bytes) or an Array of Integer.
    def bytes(value, what = "scores")
      value.is_a?(String) ? value : array(value, what)
    end

    # True for a String with BINARY encoding: routed to the *_u8 fast paths.
    def byte_string?(value)
      value.is_a?(String) && value.encoding == Encoding::BINARY
    end

    # An NPS sample as [promoters, passives, detractors]: a 3-element Array or
    # anything that answers promoters / passives / detractors (an NpsResult).
    def counts(sample, what = "sample")
      if sample.respond_to?(:promoters) && sample.respond_to?(:passives) &&
         sample.respond_to?(:detractors)
        return [sample.promoters, sample.passives, sample.detractors]
      end

      sample = array(sample, what)
      return sample if sample.size == 3

      raise ArgumentError, "#{what}: expected [promoters, passives, detractors], got #{sample.inspect}"
    end

    # A timestamp as a number: Numeric as is, Time in seconds since the epoch,
    # nil as NaN (no response yet / missing).
    def timestamp(value)
      case value
      when nil then Float::NAN
      when Time then value.to_f
      else value
      end
    end

    def timestamps(values, what = "timestamps")
      values = array(values, what)
      values.any? { |v| v.is_a?(Time) } ? values.map { |v| timestamp(v) } : values
    end

    # A calendar date as a day number (days since 1970-01-01): "YYYY-MM-DD"
    # strings through the C parser (Native.date_parse), Date / DateTime / Time
    # objects, or day numbers (Numeric) as they are.
    def day(value)
      case value
      when String then Native.date_parse(value)
      when Time then (value.to_date.jd - UNIX_EPOCH_JD).to_f
      when Numeric then value
      else
        return (value.jd - UNIX_EPOCH_JD).to_f if value.respond_to?(:jd)

        raise TypeError, "expected a date (\"YYYY-MM-DD\", Date, Time or day number), got #{value.class}"
      end
    end

    def days(values, what = "dates")
      array(values, what).map { |v| day(v) }
    end

    # Identifiers for the C string arrays: Strings as they are, others (Integer,
    # Symbol, ...) through to_s.
    def ids(values, what = "ids")
      values = array(values, what)
      values.all?(String) ? values : values.map(&:to_s)
    end
  end
end
