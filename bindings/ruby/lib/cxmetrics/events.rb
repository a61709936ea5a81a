# frozen_string_literal: true

module Cxmetrics
  # Event logs (spec §21): the shared input of funnels, paths, touchpoints
  # and cohorts.
  #
  #   log = Cxmetrics::Events.new("events.csv", customer: "user", time: "ts", event: "page",
  #                               properties: ["channel"], values: ["csat"])
  #   log.size; log.customers; log.skipped
  #   log.table        # Cxmetrics::Table of the events sorted: customer, time, event, ..., row
  #
  # A source is a CSV path (gzip, "-"), an Array of Hashes (one per event:
  # [{customer_id: "a", time: "2024-01-01T10:00:00Z", event: "view"}, ...])
  # or a Hash of Arrays { column => values }. Times are ISO-8601 texts
  # (with Z or an offset, or dates), Time objects or Unix seconds; a missing
  # id or event (nil, "") is a bad row. event: nil: no event column, every
  # row is the event "event". Every rule is the C library's (cxm_events_*);
  # this class converts. The journey functions take an Events or anything
  # Events.new takes (Events.wrap).
  class Events
    attr_reader :columns, :utc_offset

    # The reasons a row is skipped, as the C library lists them.
    def self.skip_words
      Convert.words(Native::NAMES_EVENTS_SKIP)
    end

    # source: a path, an Array of Hashes or a Hash of Arrays. customer:,
    # time:, event: column names (event: nil: none); properties: text columns
    # (up to 8), values: number columns (up to 16, empty = NaN); utc_offset:
    # ("+02:00" or minutes) places times in calendar days (cohorts);
    # skip_bad_rows: count bad rows (#skipped) instead of raising; delimiter:
    # (files); threads: (0: one per core). Raises Cxmetrics::Error subclasses
    # (InvalidArgument, ParseError, EmptyInput, IOError) with the file, line,
    # column and value.
    def initialize(source, customer: "customer_id", time: "time", event: "event", properties: [], values: [],
                   utc_offset: 0, skip_bad_rows: false, delimiter: nil, threads: 0)
      raise InvalidArgument, "BAD_ARG: source is already an Events; use it as it is (Events.wrap)" \
        if source.is_a?(Events)

      properties = Events.names(properties, "properties")
      values = Events.names(values, "values")
      @utc_offset = GroupedOptions.offset_minutes(utc_offset)
      o = Events.options(customer, time, event, properties, values, @utc_offset, skip_bad_rows, delimiter, threads)
      @columns = { customer: customer.to_s, time: time.to_s, event: event&.to_s,
                   properties: properties.freeze, values: values.freeze }.freeze
      names = [customer.to_s, time.to_s] + (event.nil? ? [] : [event.to_s]) + properties + values
      @handle = case source
                when String then Native.events_read_csv(source, o)
                when Hash then Native.events_from_table(Events.native_table(source, names), o)
                when Array then Native.events_from_table(Events.native_table(Events.columns_of(source, names), names), o)
                else
                  raise InvalidArgument, "BAD_ARG: source must be a path, an Array of Hashes or a Hash of Arrays, " \
                                         "not #{source.class}"
                end
    end

    # source itself when it is an Events (a column keyword given must agree
    # with how it was built: InvalidArgument otherwise), else Events.new.
    def self.wrap(source, **cols)
      return new(source, **cols) unless source.is_a?(Events)

      %i[customer time event].each do |k|
        next unless cols.key?(k)

        given = cols[k]&.to_s
        next if given == source.columns[k]

        raise InvalidArgument, "BAD_ARG: #{k}: #{given.inspect}, but the Events was built with " \
                               "#{k}: #{source.columns[k].inspect}; give the column when the Events is built"
      end
      %i[properties values].each do |k|
        next unless cols.key?(k)

        missing = names(cols[k], k.to_s) - source.columns[k]
        next if missing.empty?

        raise InvalidArgument, "BAD_ARG: #{k} #{missing.inspect} are not in the Events (its #{k}: " \
                               "#{source.columns[k].inspect}); give them when the Events is built"
      end
      source
    end

    # The native cxm_events handle (for the journey functions).
    def native
      @handle
    end

    def size
      Native.events_count(@handle)
    end
    alias length size
    alias count size

    # The number of distinct customers.
    def customers
      Native.events_customers(@handle)
    end

    # Rows skipped by reason ({ragged: 0, invalid_utf8: 0, ...}); all 0 unless skip_bad_rows.
    def skipped
      Events.skip_words.each_with_index.to_h { |w, i| [w.to_sym, Native.events_skipped(@handle, i)] }
    end

    # The events in sorted order as a Cxmetrics::Table: the customer column,
    # the time column (Unix seconds UTC), the event column, the properties,
    # the values, row (the 1-based input row); attrs kind, utc_offset,
    # customers, rows_read, skipped_<reason>.
    def table
      Table.from_native(Native.events_table(@handle))
    end

    # { columns: [...], events: [one Hash per event], attrs: {...} } (NaN as nil).
    def to_h
      t = table
      rows = Array.new(t.size) do |i|
        t.column_names.to_h do |c|
          v = t[c][i]
          v = nil if v.is_a?(Float) && v.nan?
          v = v.to_i if c.to_s == "row"
          [c, v]
        end
      end
      { columns: t.column_names, events: rows, attrs: t.attrs }
    end

    def to_json(*args)
      to_h.to_json(*args)
    end

    def inspect
      "#<Cxmetrics::Events #{size} events, #{customers} customers, columns " \
        "#{@columns[:customer].inspect}, #{@columns[:time].inspect}, #{@columns[:event].inspect}>"
    end
    alias to_s inspect

    # --- conversions ------------------------------------------------------

    def self.names(x, what)
      return [] if x.nil?
      return [x.to_s] if x.is_a?(String) || x.is_a?(Symbol)
      raise InvalidArgument, "BAD_ARG: #{what} must be a column name or an Array of them, not #{x.class}" \
        unless x.respond_to?(:to_a)

      x.to_a.map(&:to_s)
    end

    def self.options(customer, time, event, properties, values, offset, skip_bad_rows, delimiter, threads)
      o = Native.events_opts_new
      Native.events_opts_set_columns(o, customer.to_s, time.to_s, event&.to_s)
      properties.each { |p| Native.events_opts_add_property(o, p) }
      values.each { |v| Native.events_opts_add_value(o, v) }
      Native.events_opts_set_utc_offset(o, offset)
      raise InvalidArgument, "BAD_ARG: skip_bad_rows must be true or false, not #{skip_bad_rows.inspect}" \
        unless [true, false].include?(skip_bad_rows)

      Native.events_opts_set_skip_bad_rows(o, skip_bad_rows ? 1 : 0)
      unless delimiter.nil?
        d = delimiter.to_s == "tab" ? "\t" : delimiter.to_s
        raise InvalidArgument, "BAD_ARG: delimiter must be one character (or 'tab'), not #{delimiter.inspect}" \
          unless d.size == 1

        Native.events_opts_set_delimiter(o, d)
      end
      raise InvalidArgument, "BAD_ARG: threads must be a whole number >= 0 (0: one per core), not #{threads.inspect}" \
        unless threads.is_a?(Integer) && threads >= 0

      Native.events_opts_set_threads(o, threads)
      o
    end

    # An Array of Hashes as a Hash of Arrays of the named keys (Symbol or
    # String keys; a key absent from every row stays absent, for the library
    # to name; absent from some: nil).
    def self.columns_of(rows, names)
      rows.each_with_index do |r, i|
        raise InvalidArgument, "BAD_ARG: events[#{i}] is a #{r.class}; an Array of events holds Hashes" \
          unless r.is_a?(Hash)
      end
      names.each_with_object({}) do |n, out|
        next unless rows.any? { |r| r.key?(n.to_sym) || r.key?(n) }

        out[n] = rows.map { |r| r.key?(n.to_sym) ? r[n.to_sym] : r[n] }
      end
    end

    # The named columns of a Hash of Arrays as a native table (every column
    # when one is missing, so that the library's message lists them).
    def self.native_table(source, names)
      keys = source.keys.map(&:to_s)
      if names.all? { |n| keys.include?(n) }
        source = names.to_h { |n| [n, source.key?(n) ? source[n] : source[n.to_sym]] }
      end
      source.each_value do |v|
        raise InvalidArgument, "BAD_ARG: a Hash of Arrays holds Arrays, not #{v.class}" unless v.respond_to?(:to_a)
      end
      GroupedOptions.native_table(source)
    end
  end
end
