# frozen_string_literal: true

module Cxmetrics
  # A value-segment rule table (spec §13.2): named segments bounding named
  # dimensions by numbers or population quantiles, first match by default.
  # The built-in "value_price" (SegmentRules.builtin) or JSON of your own
  # (SegmentRules.from_json / from_file). Enumerable over the rule names.
  # Read-only, so it may be shared between threads.
  #
  #   rules = Cxmetrics::SegmentRules.builtin
  #   rules.dimensions  # => ["spend", "orders", "discount_share", "full_price_share"]
  #   rules.validate.attrs[:unreachable]  # => 0.0
  class SegmentRules
    include Enumerable

    attr_reader :native

    class << self
      # The names of the built-in tables, from the library (the first is the default).
      def builtin_names
        Convert.words(Native::NAMES_SEGMENT_RULES)
      end

      def builtin(name = Native::SEGMENT_RULES_DEFAULT)
        new(Native.segment_rules_builtin(name.to_s))
      end

      # From JSON text (spec §13.2); ParseError names the byte offset of text
      # that is not JSON, or the segment and key of a wrong shape.
      def from_json(text)
        new(Native.segment_rules_from_json(text.to_s))
      end

      def from_file(path)
        new(Native.segment_rules_from_file(path.to_s))
      end

      # A SegmentRules as it is; a built-in set by its word, else a JSON file
      # (cxm_segment_rules_load, as the command line's --rules NAME|FILE).
      def [](rules)
        return rules if rules.is_a?(SegmentRules)

        new(Native.segment_rules_load(rules.to_s))
      end
    end

    def initialize(native)
      @native = native
      freeze
    end

    # The table as JSON that from_json reads back to the same table.
    def to_json(*)
      Native.segment_rules_to_json(@native)
    end

    def size
      Native.segment_rules_count(@native)
    end
    alias length size

    def names
      Array.new(size) { |i| Native.segment_rules_name(@native, i) }
    end

    def each(&block)
      return enum_for(:each) { size } unless block

      names.each(&block)
      self
    end

    def dimensions
      Array.new(Native.segment_rules_dimension_count(@native)) { |i| Native.segment_rules_dimension(@native, i) }
    end

    # The match word the table asks for: :first or :last.
    def match
      Convert.symbol(Native::NAMES_RFM_MATCH, Native.segment_rules_match(@native))
    end
    alias match_mode match # as RfmRules#match_mode

    # Findings (spec §7.8, §13.4) as a Table: kind, rule, other, <dim>_min,
    # <dim>_max, cells; attrs overlaps, unreachable, shadowed,
    # uncovered_cells, quantile_dimensions. customers (a Table, a Hash of
    # columns or an Array of Hashes): quantiles become their values there.
    def validate(customers: nil, match: nil)
      c = customers.nil? ? nil : Segment.table(customers).native
      Table.from_native(Native.segment_rules_validate(@native, c, Segment.match_of(match, self)))
    end

    def inspect
      "#<#{self.class.name} #{names.inspect}>"
    end
    alias to_s inspect
  end

  # value_segments' result: per customer (with segment), the thresholds used
  # and the summary per segment, each a Table.
  ValueSegments = Struct.new(:customers, :thresholds, :summary, keyword_init: true) do
    def to_h
      { customers: customers.to_h, thresholds: thresholds.to_h, summary: summary.to_h }
    end

    # The three tables whole (Table#as_json: columns, attributes, types).
    def as_json(*)
      { "customers" => customers.as_json, "thresholds" => thresholds.as_json, "summary" => summary.as_json }
    end

    def to_json(*args)
      as_json.to_json(*args)
    end

    def self.from_h(hash)
      h = Serial.fields(hash, members, name)
      new(**h.transform_values { |t| Table.from_h(t) })
    end

    extend Serial::ClassMethods # from_json: from_h of the parsed text
  end

  # Value x price-sensitivity segments (spec §13).
  #
  #   orders = [{ customer: "a", paid: 100.0, discount: 0.0 }, ...]
  #   res = Cxmetrics::Segment.value(orders, customer: :customer, amount: :paid, discount: :discount)
  #   res.summary.segment  # => ["Luxury / Aspirational", ...]
  module Segment
    module_function

    # Order rows -> per-customer value and price sensitivity (spec §13.1): a
    # Table (customer_id, spend, orders, discount_share, full_price_share,
    # average_order_value) in ascending byte order of the ids. discounts nil:
    # every order at full price.
    def value_customers(customer_ids, amounts, discounts = nil)
      ids = Txlog.ids(customer_ids, "customer_ids") # nil / NaN: a missing id, never a customer ""
      a = Convert.array(amounts, "amounts")
      d = discounts.nil? ? Array.new(a.size, 0.0) : Convert.array(discounts, "discounts")
      Table.from_native(Native.segment_value_customers(ids, a, d))
    end

    # Each customer's segment (spec §13.3) -> [customers with a segment
    # column, thresholds (rule, dimension, bound, quantile (nil for a number),
    # value)], both Tables. match: :first or :last (default: the table's).
    def assign(customers, rules: Native::SEGMENT_RULES_DEFAULT, match: nil)
      rs = SegmentRules[rules]
      out, th = Native.segment_assign(table(customers).native, rs.native, match_of(match, rs))
      [Table.from_native(out), Table.from_native(th)]
    end

    # Per segment, in rule order then "Others" (spec §13.5) -> Table.
    def summary(assigned, rules: Native::SEGMENT_RULES_DEFAULT)
      Table.from_native(Native.segment_summary(table(assigned).native, SegmentRules[rules].native))
    end

    # Orders (an Array of Hashes, one per order) -> ValueSegments. customer,
    # amount, discount: the keys of the columns (discount nil: full price).
    def value(orders, customer:, amount:, discount: nil, rules: Native::SEGMENT_RULES_DEFAULT, match: nil)
      rows = Convert.array(orders, "orders")
      cust = value_customers(rows.map { |o| o.fetch(customer) }, rows.map { |o| o.fetch(amount) },
                             discount && rows.map { |o| o.fetch(discount) })
      assigned, thresholds = assign(cust, rules: rules, match: match)
      ValueSegments.new(customers: assigned, thresholds: thresholds, summary: summary(assigned, rules: rules))
    end

    # A Table from a Table, a Hash of columns or an Array of row Hashes (internal).
    def table(x)
      return x if x.is_a?(Table)
      return Table.new(x) if x.is_a?(Hash)

      rows = Convert.array(x, "customers")
      keys = rows.flat_map(&:keys).uniq
      Table.new(keys.to_h { |k| [k.to_sym, rows.map { |r| r[k] }] })
    end

    def match_of(match, rules)
      match.nil? ? Native.segment_rules_match(rules.native) : Convert.word(Native::NAMES_RFM_MATCH, match)
    end
  end
end
