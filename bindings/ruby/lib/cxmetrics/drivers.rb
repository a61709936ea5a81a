# frozen_string_literal: true

require "json"

module Cxmetrics
  # Key drivers (spec §19): which rating items or categorical attributes move
  # an outcome score, as relative weights (Johnson 2000) and the exact Shapley
  # decomposition of R² (LMG), with seeded bootstrap percentile intervals.
  #
  #   kd = Cxmetrics.key_drivers("survey.csv", outcome: :nps, drivers: %i[csat ces channel],
  #                              nan_policy: :omit)
  #   kd.r2                        # the model's R²
  #   kd.drivers.first.shapley     # one Driver per driver, in the order given
  #   kd.to_h / kd.to_json
  #
  # Every rule (dummies, the reference level, missing values, limits,
  # intervals) is the C library's (cxm_drivers_fit); this module converts.
  module Drivers
    # One driver's row of the result table (cxm_drivers_table).
    FIELDS = %i[driver kind correlation relative_weight rw_lower rw_upper rw_share shapley shapley_lower
                shapley_upper shapley_share].freeze

    # A driver's numbers; NaN (no interval with bootstrap: 0) is nil in to_h.
    Driver = Struct.new(*FIELDS, keyword_init: true) do
      def to_h
        super.transform_values { |v| v.is_a?(Float) && v.nan? ? nil : v }
      end

      include Serial::Methods

      # A driver from a Hash as to_h / as_json gives it (nil for NaN).
      def self.from_h(hash)
        new(**Serial.fields(hash, members, name))
      end

      extend Serial::ClassMethods # from_json: from_h of the parsed text

      # Equal fields, NaN equal to nil (as to_h shows it).
      def ==(other)
        other.is_a?(self.class) && to_h == other.to_h
      end
    end

    # A fitted key-driver analysis: table (a Cxmetrics::Table, one row per
    # driver), drivers (Driver objects), r2, n (rows used), rows_dropped
    # (left out for a missing value), outcome, attrs (the table's attributes).
    class Result
      attr_reader :table, :drivers, :r2, :n, :rows_dropped, :outcome, :attrs

      def initialize(handle)
        @table = Table.from_native(Native.drivers_table(handle))
        @attrs = @table.attrs
        @r2 = Native.drivers_r2(handle)
        @n = Native.drivers_n(handle)
        @outcome = @attrs[:outcome]
        @rows_dropped = @attrs[:rows_dropped].to_i
        @drivers = @table.map { |row| Driver.new(**row.slice(*FIELDS)) }.freeze
        freeze
      end

      def to_h
        { outcome: outcome, r2: r2, n: n, rows_dropped: rows_dropped,
          attrs: attrs.transform_values { |v| v.is_a?(Float) && v.nan? ? nil : v },
          drivers: drivers.map(&:to_h) }
      end

      include Serial::Methods

      # A result from a Hash as to_h / as_json gives it: the drivers and the
      # attributes; table is rebuilt from them (the library's columns,
      # numbers NaN where the Hash has nil).
      def self.from_h(hash)
        h = Serial.fields(hash, %i[outcome r2 n rows_dropped attrs drivers], name)
        drivers = Convert.array(h[:drivers], "drivers").map { |d| Driver.from_h(d) }.freeze
        attrs = (h[:attrs] || {}).to_h { |k, v| [k.to_sym, v.nil? ? Float::NAN : v] }
        columns = FIELDS.to_h do |f|
          [f, drivers.map { |d| v = d[f]; v.nil? && !%i[driver kind].include?(f) ? Float::NAN : v }]
        end
        allocate.tap do |r|
          r.instance_variable_set(:@table, Table.new(columns, attrs: attrs, row_name: "drivers"))
          r.instance_variable_set(:@attrs, r.table.attrs)
          r.instance_variable_set(:@r2, h[:r2].nil? ? Float::NAN : h[:r2])
          r.instance_variable_set(:@n, h[:n])
          r.instance_variable_set(:@outcome, h[:outcome])
          r.instance_variable_set(:@rows_dropped, h[:rows_dropped])
          r.instance_variable_set(:@drivers, drivers)
          r.freeze
        end
      end

      extend Serial::ClassMethods # from_json: from_h of the parsed text

      # The same numbers (as to_h shows them: NaN as nil).
      def ==(other)
        other.is_a?(Result) && Serial.same?(to_h, other.to_h)
      end
      alias eql? ==

      def hash
        to_h.hash
      end

      def inspect
        shown = drivers.map { |d| format("%s: shapley %.4g", d.driver, d.shapley) }.join(", ")
        format("#<Cxmetrics::Drivers::Result outcome=%s r2=%.4g n=%d %s>", outcome, r2, n, shown)
      end
      alias to_s inspect
    end

    module_function

    def missing?(value)
      value.nil? || (value.is_a?(Float) && value.nan?)
    end

    # One column into the native table: Numeric (and nil) as numbers, anything
    # else as text, a missing text as "" (which the library reads as missing).
    def add_column(handle, name, values)
      values = Convert.array(values, name)
      if values.all? { |v| v.nil? || v.is_a?(Numeric) }
        Native.table_add_numbers(handle, name, values.map { |v| v.nil? ? Float::NAN : v.to_f })
      else
        Native.table_add_texts(handle, name, values.map { |v| missing?(v) ? "" : v.to_s })
      end
    end

    # {name => Array} of a Hash of columns, an Array of row Hashes or a Table.
    def columns_of(data)
      return data.columns.transform_keys(&:to_s) if data.is_a?(Table)
      return data.to_h { |k, v| [k.to_s, v] } if data.is_a?(Hash)

      rows = Convert.array(data, "data")
      keys = rows.flat_map(&:keys).uniq
      keys.to_h { |k| [k.to_s, rows.map { |r| r[k] }] }
    end

    # The native table of the named columns; when one is missing every column
    # goes, so that the library's message lists all the columns there are.
    def native_table(data, names)
      cols = columns_of(data)
      t = Native.table_new
      wanted = names.all? { |n| cols.key?(n) } ? names : cols.keys
      wanted.each { |n| add_column(t, n, cols[n]) }
      t
    end

    def csv_table(path, delimiter)
      spec = Native.csv_spec_new
      Native.csv_spec_set_delimiter(spec, delimiter)
      Native.csv_spec_set_infer_numbers(spec, 1)
      Native.table_read_csv(path.to_s, spec)
    end

    def options(bootstrap, seed, conf, nan_policy, threads)
      o = Native.drivers_opts_new
      Native.drivers_opts_set_bootstrap(o, Convert.integer(bootstrap, "bootstrap"))
      Native.drivers_opts_set_seed(o, Convert.integer(seed, "seed"))
      Native.drivers_opts_set_conf(o, Convert.number(conf, "conf"))
      Native.drivers_opts_set_nan_policy(o, Convert.nan_policy(nan_policy))
      Native.drivers_opts_set_threads(o, Convert.integer(threads, "threads"))
      o
    end
  end

  # Key drivers of `outcome` among `drivers` (spec §19). data: the path of a
  # CSV file (numbers inferred, an empty field missing; delimiter: its
  # separator), a Hash {column => Array}, an Array of row Hashes, or a Table.
  # A numeric column is a numeric driver, any other a categorical one (k
  # levels: k - 1 dummies against the most frequent level; one player in the
  # Shapley value). bootstrap: replicates (0: no intervals); seed: the same
  # seed, the same intervals whatever threads; conf; nan_policy: :error
  # (default, NanInput naming column and row) or :omit (left out, counted).
  # Returns a Drivers::Result. Raises InvalidArgument (a missing column,
  # naming the columns; a constant or collinear driver; > 15 drivers),
  # TooFew, NanInput, OutOfRange, IOFailure, ParseError.
  def self.key_drivers(data, outcome:, drivers:, bootstrap: 200, seed: 1, conf: 0.95, nan_policy: :error,
                       threads: 0, delimiter: ",")
    Convert.type_error("drivers", "an Array of column names", drivers) unless drivers.is_a?(Array)

    names = drivers.map(&:to_s)
    handle = if data.is_a?(String)
               Drivers.csv_table(data, delimiter)
             else
               Drivers.native_table(data, [outcome.to_s] + names)
             end
    o = Drivers.options(bootstrap, seed, conf, nan_policy, threads)
    Drivers::Result.new(Native.drivers_fit(handle, outcome.to_s, names, o))
  end
end
