# frozen_string_literal: true

module Cxmetrics
  # An ordered table of named RFM segments with inclusive R/F/M ranges (spec
  # §7.3); the first matching rule wins (match: :last gives rfm <= 0.2.1).
  # Enumerable over the rule names, in order.
  #
  #   rules = Cxmetrics::RfmRules.builtin("r_02x")
  #   rules.segment(5, 1, 1)                           # => "Potential Loyalist"
  #   mine = Cxmetrics::RfmRules.new.add("Best", r: 5, f: 4..5, m: 4..5)
  #   mine.segment_many([5, 1], [5, 1], [5, 1])        # => ["Best", "Others"]
  #
  # The object locks itself: segment_many may run without the GVL, and add
  # waits for it. A frozen table (RfmRules[name]) is read without locking.
  class RfmRules
    include Enumerable

    # The segment of a customer no rule matches.
    NO_SEGMENT = Native::RFM_NO_SEGMENT

    @shared = {}
    @shared_lock = Mutex.new

    class << self
      # The names of the built-in rule sets, from the library: "r_02x" (set B,
      # the default), "vignette_11" (set A), "r_030" (set C), "py_rfm" (the
      # Python package's).
      def builtin_names
        Convert.words(Native::NAMES_RFM_RULES)
      end

      # A new table filled with a built-in rule set.
      def builtin(name)
        new(name)
      end

      # A shared, frozen built-in table (cached per name).
      def [](name)
        name = name.to_s
        @shared_lock.synchronize { @shared[name] ||= new(name).freeze }
      end
    end

    # An empty table, or a copy of the built-in table `builtin`.
    def initialize(builtin = nil)
      @native = builtin.nil? ? Native.rfm_rules_new : Native.rfm_rules_builtin(builtin.to_s)
      @lock = Mutex.new
    end

    # Append a rule; r, f and m are an Integer, a Range (4..5) or [lo, hi].
    # Returns self.
    def add(name, r:, f:, m:)
      raise FrozenError, "can't modify frozen #{self.class}" if frozen?

      bounds = [r, f, m].flat_map { |v| RfmRules.bounds(v) }
      @lock.synchronize { Native.rfm_rules_add(@native, name.to_s, *bounds) }
      self
    end

    # Number of rules.
    def size
      locked { Native.rfm_rules_count(@native) }
    end
    alias length size

    def count(*args, &block)
      args.empty? && !block ? size : super
    end

    # Name of rule i (nil when out of range).
    def [](index)
      return nil if index.negative?

      locked { Native.rfm_rules_name(@native, index) }
    end

    # Yields the rule names in order.
    def each(&block)
      return enum_for(:each) { size } unless block

      names.each(&block)
      self
    end

    def names
      locked { Array.new(Native.rfm_rules_count(@native)) { |i| Native.rfm_rules_name(@native, i) } }
    end

    # Segment of one customer: a rule name or "Others".
    def segment(r, f, m, match: :first)
      locked { Native.rfm_segment(@native, r, f, m, RfmRules.match(match)) }
    end

    # Segments of many customers (Arrays of scores) -> Array of names.
    def segment_many(r, f, m, match: :first)
      all, indices = locked { [names, segment_indices(r, f, m, match: match)] }
      indices.map { |i| all[i] || NO_SEGMENT }
    end

    # Rule indices of many customers; size (the rule count) means no segment.
    def segment_indices(r, f, m, match: :first)
      r = Convert.array(r, "r")
      f = Convert.array(f, "f")
      m = Convert.array(m, "m")
      policy = RfmRules.match(match)
      locked { Native.rfm_segment_many(r.size, @native, r, f, m, policy) }
    end

    def inspect
      "#<#{self.class.name} #{names.inspect}>"
    end
    alias to_s inspect

    # The value of a match word (:first, :last) or an Integer.
    def self.match(value)
      Convert.word(Native::NAMES_RFM_MATCH, value)
    end

    # [lo, hi] from an Integer, a Range or a pair.
    def self.bounds(value)
      case value
      when Integer then [value, value]
      when Range then [value.begin, value.exclude_end? ? value.end - 1 : value.end]
      when Array
        Convert.type_error("range", "an Integer, a Range or [lo, hi]", value) unless value.size == 2

        value
      else Convert.type_error("range", "an Integer, a Range or [lo, hi]", value)
      end
    end

    private

    def locked(&block)
      frozen? || @lock.owned? ? yield : @lock.synchronize(&block)
    end
  end

  module_function

  # The R package's interior break points Q7(k / bins) + 1, k = 1..bins-1 (§7.2).
  #   Cxmetrics.rfm_breaks(mtcars_mpg)  # => [16.2, 18.92, 22.0, 25.080000000000002]
  def rfm_breaks(values, bins: Native::RFM_BINS_DEFAULT)
    Native.rfm_breaks(Convert.integer(bins, "bins") - 1, Convert.array(values, "values"))
  end

  # Score one dimension (§7.2) -> RfmScore. bins: an Integer (quantile bins, via
  # rfm_breaks) or an Array of custom break points (used as given).
  # descending: true for recency (fewest days scores highest).
  def rfm_score(values, bins: Native::RFM_BINS_DEFAULT, descending: false)
    values = Convert.array(values, "values")
    breaks = rfm_bins(values, bins)
    k = breaks.size + 1 # bins: the library writes k lower and k upper edges
    scores, lower, upper = Native.rfm_score(values.size, k, k, values, breaks, Convert.flag(descending))
    RfmScore.new(scores: scores, breaks: breaks, lower: lower, upper: upper)
  end

  # The RFM table (§7.2) -> RfmTable: R (descending), F and M scores and
  # rfm_score = 100 R + 10 F + M. Each *_bins is an Integer (quantile bins) or
  # an Array of custom break points.
  def rfm_table(recency_days, frequency, monetary, recency_bins: Native::RFM_BINS_DEFAULT,
                frequency_bins: Native::RFM_BINS_DEFAULT, monetary_bins: Native::RFM_BINS_DEFAULT)
    r = Convert.array(recency_days, "recency_days")
    f = Convert.array(frequency, "frequency")
    m = Convert.array(monetary, "monetary")
    rb = rfm_bins(r, recency_bins)
    fb = rfm_bins(f, frequency_bins)
    mb = rfm_bins(m, monetary_bins)
    n = r.size
    rs, fs, ms, rfm = Native.rfm_table(n, n, n, n, r, f, m, rb, fb, mb)
    RfmTable.new(recency_score: rs, frequency_score: fs, monetary_score: ms, rfm_score: rfm,
                 recency_breaks: rb, frequency_breaks: fb, monetary_breaks: mb)
  end

  # Python `rfm` package mode (§7.4): equal-count bins of ranks, ties broken by
  # input order -> Array of scores.
  def rfm_rank_qcut(values, bins: Native::RFM_BINS_DEFAULT, descending: false)
    values = Convert.array(values, "values")
    Native.rfm_rank_qcut(values.size, values, bins, Convert.flag(descending))
  end

  # Segment of one customer (§7.3) -> String. rules: a built-in name or an RfmRules.
  #   Cxmetrics.rfm_segment(5, 5, 5)  # => "Champions"
  def rfm_segment(r, f, m, rules: Native::RFM_RULES_DEFAULT, match: :first)
    rfm_rules(rules).segment(r, f, m, match: match)
  end

  # Segments of many customers -> Array of names: Arrays of R, F and M scores,
  # or an RfmTable.
  def rfm_segments(r, f = nil, m = nil, rules: Native::RFM_RULES_DEFAULT, match: :first)
    r, f, m = r.recency_score, r.frequency_score, r.monetary_score if r.is_a?(RfmTable)
    rfm_rules(rules).segment_many(r, f, m, match: match)
  end

  # Order rows -> one row per customer, as rfm_prep_table_data does (§7.1) ->
  # RfmCustomers, a Table with the library's columns (customer_id,
  # recency_days, transaction_count, amount) and attribute (analysis_day).
  # The orders: parallel Arrays (customer_ids, order_dates, revenues), or an
  # Array of Hashes {customer_id:, date:, amount:} (Symbol or String keys)
  # followed by the analysis date:
  #   Cxmetrics.rfm_aggregate_orders([{customer_id: 7, date: "2024-01-02", amount: 10.0}, ...],
  #                                  "2024-03-31")
  # Dates are "YYYY-MM-DD" or "YYYYMMDD" strings, Date / Time objects or day
  # numbers. Customers come back in the order of their first order, each id
  # the object given (7 stays 7, "a" stays "a"; the library keys them by
  # their text, so 7 and "7" are one customer).
  def rfm_aggregate_orders(customer_ids, order_dates = nil, revenues = nil, analysis_date = nil)
    if Orders.rows?(customer_ids) && revenues.nil? && analysis_date.nil?
      analysis_date = order_dates
      customer_ids, order_dates, revenues = Orders.columns(customer_ids)
    end
    Convert.type_error("analysis_date", "a date", analysis_date) if analysis_date.nil?
    ids = Convert.array(customer_ids, "customer_ids")
    keys = Convert.ids(ids, "customer_ids")
    table = RfmCustomers.from_native(Native.rfm_customers_aggregate(keys, Convert.days(order_dates, "order_dates"),
                                                                    Convert.array(revenues, "revenues"),
                                                                    Convert.day(analysis_date).to_f))
    Orders.restore(table, ids, keys, :customer_id)
  end

  # Break points for a *_bins argument (internal).
  def rfm_bins(values, bins)
    return rfm_breaks(values, bins: bins) if bins.is_a?(Integer)

    Convert.array(bins, "bins").map { |b| b.is_a?(Numeric) ? b.to_f : b }
  end

  def rfm_rules(rules)
    rules.is_a?(RfmRules) ? rules : RfmRules[rules]
  end
  private_class_method :rfm_bins, :rfm_rules
end

# ---- rule tables as JSON, their K and match, and the validator (spec §7.8) ----
# (kept in one block at the end of the file: the data-path functions above are
# edited separately)
module Cxmetrics
  class RfmRules
    include Serial::Document # as_json (spec §7.8's JSON), from_h, ==, hash from to_json / from_json

    class << self
      # A table from JSON text (spec §7.8): {"name", "scores": K, "match",
      # "segments": [{"name", "recency": [lo, hi], ...}]}. ParseError names
      # the byte offset of text that is not JSON, or the segment and key of a
      # wrong shape; OutOfRange a score outside 1..K.
      def from_json(text)
        wrap(Native.rfm_rules_from_json(text.to_s))
      end

      # from_json on a file (messages start with its path).
      def from_file(path)
        wrap(Native.rfm_rules_from_file(path.to_s))
      end

      # A built-in set by its word (shared, frozen), else a JSON file
      # (cxm_rfm_rules_load, as the command line's --rules NAME|FILE).
      def load(name_or_path)
        return name_or_path if name_or_path.is_a?(RfmRules)

        text = name_or_path.to_s
        builtin_names.include?(text) ? self[text] : wrap(Native.rfm_rules_load(text))
      end

      def wrap(native)
        rules = allocate
        rules.instance_variable_set(:@native, native)
        rules.instance_variable_set(:@lock, Mutex.new)
        rules
      end
      private :wrap
    end

    # The library's handle of the table, for the other Cxmetrics modules
    # (Rfm.score, Rfm.summary); not for users.
    attr_reader :native

    # The table as JSON that from_json reads back to the same table.
    def to_json(*)
      locked { Native.rfm_rules_to_json(@native) }
    end

    # K: the scores per dimension the table is written for (1..K).
    def scores
      locked { Native.rfm_rules_scores(@native) }
    end

    # The match word the table asks for: :first or :last.
    def match_mode
      Convert.symbol(Native::NAMES_RFM_MATCH, locked { Native.rfm_rules_match(@native) })
    end

    # Set K (2..100); InvalidArgument names a rule with a range outside 1..K.
    def scores=(k)
      raise FrozenError, "can't modify frozen #{self.class}" if frozen?

      @lock.synchronize { Native.rfm_rules_set_scores(@native, k) }
    end

    # Set the match mode the table asks for: :first or :last.
    def match_mode=(match)
      raise FrozenError, "can't modify frozen #{self.class}" if frozen?

      @lock.synchronize { Native.rfm_rules_set_match(@native, RfmRules.match(match)) }
    end

    # Findings over the K^3 score cells (spec §7.8) -> Table: kind, rule,
    # other, r_lo, r_hi, f_lo, f_hi, m_lo, m_hi, cells; attrs overlaps,
    # unreachable, shadowed, uncovered_cells, scores. scores: K (default the
    # table's); match: :first or :last (default the table's).
    def validate(scores: nil, match: nil)
      m = match.nil? ? locked { Native.rfm_rules_match(@native) } : RfmRules.match(match)
      Table.from_native(locked { Native.rfm_rules_validate(@native, scores || 0, m) })
    end
  end

  module_function

  # Cxmetrics.rfm_rules_validate("vignette_11").attrs[:unreachable]  # => 4.0
  def rfm_rules_validate(rules = Native::RFM_RULES_DEFAULT, scores: nil, match: nil)
    (rules.is_a?(RfmRules) ? rules : RfmRules.new(rules)).validate(scores: scores, match: match)
  end
end
