# frozen_string_literal: true

module Cxmetrics
  # RFM from orders to segments (spec §7.6, §7.7, §7.9, §7.10), every rule in
  # the C library:
  #
  #   orders = [{customer: "a", date: "2024-01-02", amount: 10.0}, ...]
  #   customers = Cxmetrics::Rfm.orders(orders, customer: :customer, date: :date,
  #                                     amount: :amount, analysis_date: "2024-03-31",
  #                                     returns: :net)
  #   result = Cxmetrics::Rfm.score(customers, binning: :jenks)
  #   result.scored.segment            # one segment per customer
  #   result.breaks.to_h               # {dimension: [...], score: [...], lower:, upper:}
  #   Cxmetrics::Rfm.summary(result.scored).to_h
  #
  # Tables come back as Cxmetrics::Table (to_h: {column => Array}; rows as
  # Hashes through each; attributes in attrs).
  module Rfm
    DIMENSIONS = { recency: Native::RFM_RECENCY, frequency: Native::RFM_FREQUENCY,
                   monetary: Native::RFM_MONETARY }.freeze

    # A scored customer table and the break points used (rfm_score_customers).
    Scored = Struct.new(:scored, :breaks) do
      def to_h
        { scored: scored.to_h, breaks: breaks.to_h }
      end

      # Both tables whole (Table#as_json: columns, attributes, types).
      def as_json(*)
        { "scored" => scored.as_json, "breaks" => breaks.as_json }
      end

      def to_json(*args)
        as_json.to_json(*args)
      end

      def self.from_h(hash)
        h = Serial.fields(hash, %i[scored breaks], name)
        new(Table.from_h(h[:scored]), Table.from_h(h[:breaks]))
      end

      extend Serial::ClassMethods # from_json: from_h of the parsed text
    end

    module_function

    # The returns policies, from the library: ["keep", "net", "drop", "error"].
    def returns_words
      Convert.words(Native::NAMES_RFM_RETURNS)
    end

    # The binning methods: ["quantile", "rank", "fixed", "jenks"].
    def binning_words
      Convert.words(Native::NAMES_RFM_BINNING)
    end

    # Order rows -> one row per customer (recency_days, transaction_count,
    # amount), one hash pass (spec §7.6). rows: an Array of Hashes (keys
    # customer, date, amount, and cancelled when given: a flag, true/1 for a
    # cancelled order), or a CSV path (then status: the status column and
    # cancel_words: the statuses that mark a cancellation). Integer ids go
    # the numeric way, others are texts; from Hashes, customers come back in
    # the order of their first order with the ids given (Integer stays
    # Integer; Orders.restore), from a file as the library orders them.
    # returns: :keep (as R rfm), :net, :drop or :error.
    # A missing id (nil, NaN, "") is never a customer (spec §16.3):
    # missing_ids: :error (default) or :drop (left out, counted in attrs).
    # quantity:, price: the amount as quantity x price; date_format:
    # strptime-style ("%m/%d/%Y %H:%M").
    def orders(rows, customer: :customer_id, date: :order_date, amount: :amount, cancelled: nil,
               analysis_date:, returns: :keep, status: nil, cancel_words: [], missing_ids: :error,
               quantity: nil, price: nil, date_format: nil, delimiter: nil)
      policy = Convert.word(Native::NAMES_RFM_RETURNS, returns)
      day = Convert.day(analysis_date).to_f
      drop = Convert.word(Native::NAMES_MISSING_IDS, missing_ids) != Native::MISSING_IDS_ERROR
      if rows.is_a?(String)
        # the raw-log reader (spec §16): returns pass flagged, the aggregate applies the policy
        log = Txlog.native_log_csv(rows, customer: customer, date: date, amount: quantity ? nil : amount,
                                         quantity: quantity, price: price, status: status,
                                         cancel_words: cancel_words, returns: returns, missing_ids: missing_ids,
                                         date_format: date_format, delimiter: delimiter)
        return RfmCustomers.from_native(Native.rfm_orders_aggregate_table(log, day, Float::NAN, policy))
      end
      ids, dates, amounts, q, p, flags = Txlog.columns(rows, customer, date, amount, quantity, price, cancelled)
      if drop || quantity || date_format
        log = Txlog.native_log(ids, dates, amounts: amounts, quantity: q, price: p, cancelled: flags,
                                           returns: returns, missing_ids: missing_ids, date_format: date_format)
        table = RfmCustomers.from_native(Native.rfm_orders_aggregate_table(log, day, Float::NAN, policy))
        return Orders.restore(table, ids, Txlog.ids(ids, "customer ids"), :customer_id)
      end
      days = Convert.days(dates, "dates").map(&:to_f)
      flags = flags ? flags.map { |v| flag(v) } : []
      if ids.all?(Integer)
        keys = ids.map(&:to_f)
        handle = Native.rfm_orders_aggregate_numeric(keys, days, amounts, flags, day, policy)
      else
        keys = Txlog.ids(ids, "customer ids")
        handle = Native.rfm_orders_aggregate(keys, days, amounts, flags, day, policy)
      end
      Orders.restore(RfmCustomers.from_native(handle), ids, keys, :customer_id)
    end

    # Scores and segments of a customer table (spec §7.7) -> Scored. bins:
    # 2..9 (default: the rules' own); binning: :quantile (R rfm), :rank,
    # :fixed (breaks: {recency: [...], frequency: [...], monetary: [...]}) or
    # :jenks; rules: a built-in name or an RfmRules; match: :first or :last.
    def score(customers, bins: nil, binning: nil, breaks: nil, rules: nil, match: nil)
      opts = Native.rfm_opts_new
      Native.rfm_opts_set_bins(opts, bins) if bins
      Native.rfm_opts_set_binning(opts, Convert.word(Native::NAMES_RFM_BINNING, binning)) if binning
      (breaks || {}).each do |dim, values|
        d = DIMENSIONS.fetch(dim.to_sym) do
          raise InvalidArgument, "breaks: unknown dimension #{dim.inspect} (recency, frequency, monetary)"
        end
        Native.rfm_opts_set_breaks(opts, d, Convert.array(values, "breaks").map(&:to_f))
      end
      Native.rfm_opts_set_match(opts, RfmRules.match(match)) if match
      scored, brk = Native.rfm_score_customers(native_of(customers), rules_of(rules), opts)
      Scored.new(Table.from_native(scored), Table.from_native(brk))
    end

    # One row per segment (spec §7.9), rule order then "Others" -> Table.
    def summary(scored, rules: nil)
      scored = scored.scored if scored.is_a?(Scored)
      Table.from_native(Native.rfm_segment_summary(native_of(scored), rules_of(rules)))
    end

    # Customers moving between segments (spec §7.10) -> Table of
    # from_segment, to_segment, customers, share.
    def migration(from, to, rules: nil)
      from = from.scored if from.is_a?(Scored)
      to = to.scored if to.is_a?(Scored)
      Table.from_native(Native.rfm_migration(native_of(from), native_of(to), rules_of(rules)))
    end

    # Fisher-Jenks natural breaks: the least values of classes 2..bins.
    def jenks_breaks(values, bins: 5)
      Native.rfm_jenks_breaks(bins - 1, Convert.array(values, "values").map { |v| v.nil? ? Float::NAN : v.to_f })
    end

    def fetch(row, key)
      row.fetch(key.to_sym) { row.fetch(key.to_s) { raise KeyError, "row has no #{key.inspect}: #{row.inspect}" } }
    end

    def flag(value)
      value && value != 0 ? 1 : 0
    end

    # A Table, or an Array of row Hashes (every row with the same keys).
    def native_of(table)
      if table.is_a?(Array)
        rows = Convert.rows(table, "customers")
        keys = rows.empty? ? [] : rows.first.keys
        table = Table.new(keys.to_h { |k| [k, rows.map { |r| r.fetch(k) }] })
      end
      Convert.table(table, "customers").native
    end

    def rules_of(rules)
      return nil if rules.nil?

      RfmRules.load(rules).native
    end
    private_class_method :fetch, :flag, :native_of, :rules_of
  end
end
