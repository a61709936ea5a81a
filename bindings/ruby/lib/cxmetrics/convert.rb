# frozen_string_literal: true

module Cxmetrics
  # Argument conversion for the idiomatic layer (internal). It knows Ruby's
  # types, not the library's rules: a word becomes its value through the C
  # names tables (Native.names_parse, whose error names the choices), a date
  # becomes a day number through the C date parser, and Integers pass through
  # for the C function to check.
  module Convert
    module_function

    # The value of a word (Symbol or String) in a C names table
    # (Native::NAMES_*); an Integer as it is.
    #   Convert.word(Native::NAMES_NAN_POLICY, :omit)  # => Native::NAN_OMIT
    def word(table, value)
      value.is_a?(Integer) ? value : Native.names_parse(table, value.to_s)
    end

    # The canonical words of a names table, in its listing order.
    def words(table)
      Array.new(Native.names_count(table)) { |i| Native.names_at(table, i) }
    end

    # The canonical word of a value as a Symbol (the value itself when the
    # table has no word for it).
    def symbol(table, value)
      Native.names_word(table, value)&.to_sym || value
    end

    # The words of the bits set in a mask (1 << value, as CXM_CLV_BIT), as
    # Symbols in the order of their values.
    def bits(table, mask)
      words(table).map { |w| [word(table, w), w] }.select { |v, _| mask[v] == 1 }.sort.map { |_, w| w.to_sym }
    end

    def nan_policy(value)
      word(Native::NAMES_NAN_POLICY, value)
    end

    # An NPS scale: its word ("0-10", "1-10"), its value, or the Range / pair
    # of its answers (0..10), matched against Native.nps_scale_range.
    def nps_scale(value)
      return word(Native::NAMES_NPS_SCALE, value) unless value.is_a?(Range) || value.is_a?(Array)

      lo, hi = scale(value)
      found = words(Native::NAMES_NPS_SCALE).map { |w| word(Native::NAMES_NPS_SCALE, w) }
                                            .find { |v| Native.nps_scale_range(v) == [lo, hi] }
      found || word(Native::NAMES_NPS_SCALE, "#{lo}-#{hi}") # raises with the C message
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
      else
        raise TypeError, "scale: expected a Range or [lo, hi], got #{value.inspect}"
      end
    end

    # [lo, hi] of a scale given as a Range, a pair or an NPS scale word ("1-10").
    def scale_range(value)
      value.is_a?(Range) || value.is_a?(Array) ? scale(value) : Native.nps_scale_range(nps_scale(value))
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

    # A calendar date as a day number (days since 1970-01-01): text through
    # the C parser (Native.date_parse: "YYYY-MM-DD" or "YYYYMMDD"), Date,
    # DateTime and Time objects by their calendar date, the same way; day
    # numbers (Numeric) as they are.
    def day(value)
      case value
      when String then Native.date_parse(value)
      when Numeric then value
      else
        return Native.date_parse(value.strftime("%Y-%m-%d")) if value.respond_to?(:strftime)

        raise TypeError, "expected a date (\"YYYY-MM-DD\", Date, Time or day number), got #{value.class}"
      end
    end

    def days(values, what = "dates")
      array(values, what).map { |v| day(v) }
    end

    # A day that may be left out: nil is NaN (the C function then derives it).
    def day_or_nan(value)
      value.nil? ? Float::NAN : day(value).to_f
    end

    # Identifiers for the C string arrays: Strings as they are, others (Integer,
    # Symbol, ...) through to_s.
    def ids(values, what = "ids")
      values = array(values, what)
      values.all?(String) ? values : values.map(&:to_s)
    end
  end
end
