# frozen_string_literal: true

module Cxmetrics
  # Argument conversion for the idiomatic layer (internal). It knows Ruby's
  # types, not the library's rules: a word becomes its value through the C
  # names tables (Native.names_parse, whose error names the choices), a date
  # becomes a day number through the C date parser, and Integers pass through
  # for the C function to check.
  module Convert
    module_function

    # A value as a message shows it: inspect (cut at 40 characters) and its
    # class, so that a form's "9" is told from 9 and from "abc".
    def show(value)
      text = value.inspect
      text = "#{text[0, 40]}..." if text.size > 40
      "#{text} (#{value.class})"
    end

    # A Ruby value of the wrong type: ArgumentTypeError (an InvalidArgument)
    # naming the argument, what it must be and what it was.
    def type_error(what, expected, value)
      raise ArgumentTypeError, "#{what}: expected #{expected}, got #{show(value)}"
    end

    # A number argument (Integer or Float; nil only when allowed): anything
    # else, a String from a form ("9") included, is ArgumentTypeError. The
    # library checks the value (range, integrality) itself.
    def number(value, what, allow_nil: false)
      return value if value.is_a?(Integer) || value.is_a?(Float)
      return value if allow_nil && value.nil?
      return value.to_f if value.is_a?(Numeric) && value.real? # Rational, BigDecimal

      type_error(what, allow_nil ? "a number or nil" : "a number", value)
    end

    # An Integer argument (a whole Float such as 5.0 too, as an Integer).
    def integer(value, what, allow_nil: false)
      return value if value.is_a?(Integer)
      return nil if allow_nil && value.nil?
      return value.to_i if value.is_a?(Float) && value.finite? && value == value.floor

      type_error(what, allow_nil ? "an Integer or nil" : "an Integer", value)
    end

    # The value of a word (Symbol or String) in a C names table
    # (Native::NAMES_*); an Integer as it is.
    #   Convert.word(Native::NAMES_NAN_POLICY, :omit)  # => Native::NAN_OMIT
    def word(table, value, what = nil)
      return value if value.is_a?(Integer)
      unless value.is_a?(String) || value.is_a?(Symbol)
        type_error(what || "word", "one of #{words(table).join(', ')} (a Symbol or String)", value)
      end

      Native.names_parse(table, value.to_s)
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
      word(Native::NAMES_NAN_POLICY, value, "nan_policy")
    end

    # An NPS scale: its word ("0-10", "1-10"), its value, or the Range / pair
    # of its answers (0..10), matched against Native.nps_scale_range.
    def nps_scale(value)
      return word(Native::NAMES_NPS_SCALE, value, "scale") unless value.is_a?(Range) || value.is_a?(Array)

      lo, hi = scale(value)
      found = words(Native::NAMES_NPS_SCALE).map { |w| word(Native::NAMES_NPS_SCALE, w) }
                                            .find { |v| Native.nps_scale_range(v) == [lo, hi] }
      found || word(Native::NAMES_NPS_SCALE, "#{lo}-#{hi}") # raises with the C message
    end

    # A rating scale as [lo, hi] of Integers: a Range (1..5, 1...6) or a pair
    # [1, 5]. Answers are whole points, so a Float range (1.0..5.0), an
    # endless range or text ("1".."5") is ArgumentTypeError saying so.
    def scale(value, what = "scale")
      lo, hi = case value
               when Range
                 [value.begin, value.exclude_end? && value.end.is_a?(Integer) ? value.end - 1 : value.end]
               when Array
                 type_error(what, "a Range of Integers (1..5) or [lo, hi]", value) unless value.size == 2
                 value
               else
                 type_error(what, "a Range of Integers (1..5) or [lo, hi]", value)
               end
      unless lo.is_a?(Integer) && hi.is_a?(Integer)
        type_error(what, "a Range of Integers such as 1..5 (answers are whole points)", value)
      end

      [lo, hi]
    end

    # [lo, hi] of a scale given as a Range, a pair or an NPS scale word ("1-10").
    def scale_range(value)
      value.is_a?(Range) || value.is_a?(Array) ? scale(value) : Native.nps_scale_range(nps_scale(value))
    end

    # nil means "derive z from conf" (Native::Z_FROM_CONF).
    def z(value)
      value.nil? ? Native::Z_FROM_CONF : number(value, "z", allow_nil: true)
    end

    # A confidence level (a number; the library checks 0 < conf < 1).
    def conf(value)
      number(value, "conf")
    end

    def flag(value)
      value ? 1 : 0
    end

    # Any Enumerable as an Array (Arrays pass through untouched).
    # A Range of Floats (1.0..5.0) cannot be listed, text and a Hash are not
    # lists of values: ArgumentTypeError naming the argument.
    def array(value, what = "argument")
      return value if value.is_a?(Array)
      if value.is_a?(Range) && !(value.begin.is_a?(Integer) && value.end.is_a?(Integer))
        type_error(what, "an Array (a Range only of Integers, 1..5)", value)
      end
      return value.to_a if value.respond_to?(:to_a) && !value.is_a?(String) && !value.is_a?(Hash) && !value.nil?

      type_error(what, "an Array", value)
    end

    # The rows of a table given as a Hash {name => Array} (columns), checked.
    def columns(value, what = "columns")
      type_error(what, "a Hash {column name => Array of values}", value) unless value.is_a?(Hash)

      value.to_h { |k, v| [k, array(v, "#{what}[#{k.inspect}]")] }
    end

    # A matrix as an Array of rows (Arrays of one length), checked.
    def matrix(value, what = "matrix")
      rows = array(value, what)
      rows.each_with_index { |r, i| array(r, "#{what}[#{i}]") }
      rows.map(&:to_a)
    end

    # A Cxmetrics::Table, checked (the library's tables: Table.new builds one).
    def table(value, what = "table")
      return value if value.is_a?(Table)
      return Table.new(columns(value, what)) if value.is_a?(Hash)

      type_error(what, "a Cxmetrics::Table or a Hash {column name => Array}", value)
    end

    # An Array of row Hashes, checked.
    def rows(value, what = "rows")
      array(value, what).each_with_index do |r, i|
        type_error("#{what}[#{i}]", "a Hash {column name => value}", r) unless r.is_a?(Hash)
      end
    end

    # Scores for a *_u8 fast path: a String (its bytes) or an Array of Integer.
    def bytes(value, what = "scores")
      value.is_a?(String) ? value : array(value, what)
    end

    # True for a String with BINARY encoding: routed to the *_u8 fast paths.
    def byte_string?(value)
      value.is_a?(String) && value.encoding == Encoding::BINARY
    end

    # An NPS sample as [promoters, passives, detractors]: a 3-element Array,
    # a Hash with those keys or anything that answers promoters / passives /
    # detractors (an NpsResult, an NpsInterval has none: its n only).
    def counts(sample, what = "sample")
      if sample.respond_to?(:promoters) && sample.respond_to?(:passives) &&
         sample.respond_to?(:detractors)
        sample = [sample.promoters, sample.passives, sample.detractors]
      elsif sample.is_a?(Hash)
        h = sample.transform_keys(&:to_sym)
        unless (%i[promoters passives detractors] - h.keys).empty?
          type_error(what, "[promoters, passives, detractors], a Hash with those keys or an NpsResult", sample)
        end
        sample = h.values_at(:promoters, :passives, :detractors)
      elsif !sample.is_a?(Array) || sample.size != 3
        type_error(what, "[promoters, passives, detractors] or an NpsResult", sample)
      end
      %w[promoters passives detractors].zip(sample).map { |name, v| number(v, "#{what}: #{name}") }
    end

    # The counts of an NPS call: (promoters, passives, detractors) as given,
    # or one sample (an NpsResult, a Hash or a triple) in place of the three.
    def count_args(promoters, passives, detractors, what = "promoters")
      return counts(promoters, what) if passives.nil? && detractors.nil?

      [number(promoters, "promoters"), number(passives, "passives"), number(detractors, "detractors")]
    end

    # A proportion's (x, n): as given, or a result with successes and a total
    # in place of both: a CsatResult (n_satisfied of n), a CesResult
    # (n_agree of n), a TaskSuccess (successes of n), a RepeatPurchase
    # (repeat_customers of customers), a Bounce (bounces of sessions).
    def proportion_args(x, n, what = "x")
      return [number(x, what), number(n, "n")] unless n.nil?

      pair = PROPORTION_FIELDS.find { |s, t| x.respond_to?(s) && x.respond_to?(t) }
      type_error(what, "x and n, or a result with counts (CsatResult, CesResult, TaskSuccess)", x) unless pair
      pair.map { |f| x.public_send(f) }
    end
    PROPORTION_FIELDS = [%i[n_satisfied n], %i[n_agree n], %i[successes n], %i[repeat_customers customers],
                         %i[bounces sessions]].freeze

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

        type_error("date", "a date (\"YYYY-MM-DD\", Date, Time or day number)", value)
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
