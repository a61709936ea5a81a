# frozen_string_literal: true

module Cxmetrics
  # A table of named columns with attributes (table.h): what the library's
  # table producers give (the CLV customer summary, the RFM customers, CLV
  # predictions), converted once, here, in the C order and with the C names.
  #
  #   summary = Cxmetrics::ClvModel.summary_from_transactions(ids, dates, period: :week)
  #   summary.columns.keys   # => [:id, :frequency, :recency, :T, :monetary_value]
  #   summary.attrs[:period] # => "week"
  #   summary.frequency      # a column by its name; summary.period, an attribute
  #   summary[0]             # => {id: "1", frequency: 2.0, ...} (row 0)
  #
  # Columns are Arrays: NUMBER and DAY columns of Float (days as day numbers,
  # as Cxmetrics.date_parse gives them), TEXT columns of frozen Strings (one
  # object per distinct text). Attributes are Strings (TEXT) and Floats
  # (NUMBER, DAY). Enumerable over the rows, each a Hash {column => value}.
  #
  # A table made in Ruby (Table.new(frequency: [...], recency: [...], ...):
  # Numeric columns are numbers, String columns texts) goes to the functions
  # that read tables (ClvModel fits) as it is; a table from the library keeps
  # its C table for them. Tables are frozen values; == compares columns and
  # attributes.
  class Table
    include Enumerable

    attr_reader :columns, :attrs, :row_name

    # A Table (of this class) from a Native::Table: every column and
    # attribute, in the C order.
    def self.from_native(handle)
      rows = Native.table_rows(handle)
      columns = Native.table_column_count(handle).times.to_h do |c|
        [Native.table_column_name(handle, c).to_sym, column_of(handle, c, rows)]
      end
      attrs = Native.table_attr_count(handle).times.to_h do |i|
        name = Native.table_attr_name(handle, i)
        value = if Native.table_attr_type(handle, i) == Native::TABLE_TEXT
                  Native.table_get_attr_text(handle, name)
                else
                  Native.table_get_attr_number(handle, name)
                end
        [name.to_sym, value]
      end
      types = {
        columns: Native.table_column_count(handle).times.to_h do |c|
          [Native.table_column_name(handle, c).to_sym, type_word(Native.table_column_type(handle, c))]
        end,
        attrs: Native.table_attr_count(handle).times.to_h do |i|
          [Native.table_attr_name(handle, i).to_sym, type_word(Native.table_attr_type(handle, i))]
        end
      }
      new(columns, attrs: attrs, row_name: Native.table_row_name(handle), native: handle, types: types)
    end

    def self.type_word(type)
      Convert.symbol(Native::NAMES_TABLE_TYPE, type)
    end
    private_class_method :type_word

    # A table of this class from a Hash as to_value or as_json gives it
    # ({columns:, attrs:, row_name:, types:}, Symbol or String keys), or
    # from a Hash of columns alone (what to_h gives): JSON's
    # nulls in columns and attributes of numbers and days are NaN again, day
    # columns days again (types: {columns: {name => "day"}, attrs: {...}}).
    def self.from_h(hash)
      if hash.is_a?(Hash) && !hash.empty? && hash.values.all?(Array)
        hash = { columns: hash } # to_h: the columns alone
      end
      h = Serial.fields(hash, %i[columns attrs row_name types], name, optional: %i[attrs row_name types])
      types = (h[:types] || {}).to_h { |k, v| [k.to_sym, (v || {}).to_h { |n, t| [n.to_sym, t.to_sym] }] }
      col_types = types[:columns] || {}
      attr_types = types[:attrs] || {}
      unless h[:columns].is_a?(Hash)
        raise ArgumentTypeError, "#{name}.from_h: columns: expected a Hash {name => Array}, " \
                                 "got #{Convert.show(h[:columns])}"
      end
      columns = h[:columns].to_h do |k, v|
        values = Convert.array(v, "columns[#{k.to_s.inspect}]")
        numeric = col_types.key?(k.to_sym) ? col_types[k.to_sym] != :text : values.all? { |x| x.nil? || x.is_a?(Numeric) }
        [k.to_sym, numeric ? values.map { |x| x.nil? ? Float::NAN : x } : values]
      end
      attrs = (h[:attrs] || {}).to_h do |k, v|
        [k.to_sym, v.nil? && attr_types.fetch(k.to_sym, :number) != :text ? Float::NAN : v]
      end
      new(columns, attrs: attrs, row_name: h[:row_name] || "rows",
                   types: { columns: col_types, attrs: attr_types })
    end

    extend Serial::ClassMethods # from_json: from_h of JSON text as to_json writes it

    def self.column_of(handle, col, rows)
      return Native.table_copy_numbers(rows, handle, col) unless Native.table_column_type(handle, col) == Native::TABLE_TEXT

      levels = Array.new(Native.table_level_count(handle, col)) { |i| Native.table_level(handle, col, i).freeze }
      Native.table_copy_codes(rows, handle, col).map { |code| levels[code] }
    end
    private_class_method :column_of

    # Read a CSV file into a table once, typed by the library (experimental:
    # cxm_table_read_csv may change). The file may be gzip-compressed, and "-"
    # is standard input; it must be UTF-8 (spec §0.11).
    # columns: {name => :number, :day (YYYY-MM-DD or YYYYMMDD, or as
    # date_format: says, Cxmetrics.parse_date; as day numbers)
    # or :text} (the words of the library's table types); the other columns
    # are left out; nil reads every column as text. optional: names that may
    # be absent (the others must be there); not_empty: text columns whose
    # fields must not be empty. infer: true (with columns nil): a column whose
    # every non-empty field is a finite number is read as numbers, empty
    # fields NaN (cxm_csv_spec_set_infer_numbers). decimal_comma: true: numbers
    # are written 1,5 (spec §0.10; "1.5" is then an error and the delimiter
    # must not be ","). Errors name the file, line, column and value.
    def self.read_csv(path, columns: nil, delimiter: ",", optional: [], not_empty: [], infer: false,
                      date_format: nil, decimal_comma: false)
      spec = nil
      if columns || delimiter != "," || infer || date_format || decimal_comma
        spec = Native.csv_spec_new
        Native.csv_spec_set_delimiter(spec, delimiter)
        Native.csv_spec_set_infer_numbers(spec, infer ? 1 : 0)
        Native.csv_spec_set_decimal_comma(spec, decimal_comma ? 1 : 0)
        Native.csv_spec_set_date_format(spec, date_format)
        optional = optional.map(&:to_s)
        not_empty = not_empty.map(&:to_s)
        (columns || {}).each do |name, type|
          name = name.to_s
          flags = (optional.include?(name) ? 0 : Native::CSV_REQUIRED) |
                  (not_empty.include?(name) ? Native::CSV_NOT_EMPTY : 0)
          Native.csv_spec_add_column(spec, name, Convert.word(Native::NAMES_TABLE_TYPE, type), flags)
        end
      end
      from_native(Native.table_read_csv(path.to_s, spec))
    end

    # The table as CSV or JSON text (:csv, :json), written by the library as
    # `cxm` writes it: numbers in the shortest text that reads back exactly,
    # days as YYYY-MM-DD, one object per row. (to_json is the value form,
    # which from_json reads back; render(:json) is the command line's layout.)
    def render(format = :csv)
      Native.table_render(native, Convert.word(Native::NAMES_FORMAT, format))
    end

    def to_csv
      render(:csv)
    end

    # {column => Array}: the columns (to_h has always been that; the whole
    # table is #to_value).
    def to_h
      columns
    end

    # The whole table as a Hash: {columns: {name => Array}, attrs: {name =>
    # value}, row_name:, types: {columns: {name => :number, :day or :text},
    # attrs: {...}}} (days are day numbers, as in the columns). from_h reads
    # it back; as_json is it in JSON values (NaN null).
    def to_value
      { columns: columns, attrs: attrs, row_name: row_name, types: types }
    end

    def as_json(*)
      Serial.plain(to_value)
    end

    def to_json(*args)
      as_json.to_json(*args)
    end

    # The column and attribute types (:number, :day, :text): the library's
    # for its tables, else (or where not given) Numeric columns :number and
    # the others :text.
    attr_reader :types

    # A table from a Hash {name => Array} (every Array of one length),
    # attributes {name => String or Number}. types: as #types (days: a
    # column of day numbers that the library then writes as dates).
    def initialize(columns = {}, attrs: {}, row_name: "rows", native: nil, types: nil)
      unless columns.is_a?(Hash)
        raise ArgumentTypeError, "Table.new: columns: expected a Hash {name => Array}, got #{Convert.show(columns)}"
      end

      @columns = columns.to_h { |k, v| [k.to_sym, Convert.array(v, k.to_s).freeze] }.freeze
      @attrs = attrs.to_h { |k, v| [k.to_sym, v] }.freeze
      @row_name = row_name.to_s.freeze
      @native = native
      @types = types_of(types || {})
      freeze
    end

    # The C table (Native::Table): the library's own, or one built from the
    # columns (Numeric columns as numbers, others as texts) and attributes.
    def native
      @native || build_native
    end

    # Number of rows.
    def size
      columns.empty? ? 0 : columns.first[1].size
    end
    alias length size

    def column_names
      columns.keys
    end

    def column?(name)
      columns.key?(name.to_sym)
    end

    # A row (Integer) as a Hash, or a column (Symbol or String) as an Array.
    def [](key)
      return columns[key.to_sym] unless key.is_a?(Integer)
      return nil unless key < size && key >= -size

      row(key)
    end

    # Yields each row as a Hash {column => value}.
    def each
      return enum_for(:each) { size } unless block_given?

      size.times { |i| yield row(i) }
      self
    end

    # Columns and attributes equal (NaN equal to NaN: a table read back from
    # JSON equals the library's).
    def ==(other)
      other.is_a?(Table) && Serial.same?(columns, other.columns) && Serial.same?(attrs, other.attrs)
    end
    alias eql? ==

    def hash
      [columns, attrs].hash
    end

    def inspect
      shown = attrs.map { |k, v| "#{k}: #{v.inspect}" }
      "#<#{self.class.name} #{size} #{row_name} (#{column_names.join(', ')})" \
        "#{shown.empty? ? '' : ", #{shown.join(', ')}"}>"
    end
    alias to_s inspect

    # Columns and attributes by their names: summary.frequency, summary.period.
    def method_missing(name, *args, &block)
      return super unless args.empty? && !block

      return columns[name] if columns.key?(name)
      return attrs[name] if attrs.key?(name)

      super
    end

    def respond_to_missing?(name, include_private = false)
      columns.key?(name) || attrs.key?(name) || super
    end

    private

    # The types given (Symbols or Strings), the others inferred.
    def types_of(given)
      cols = (given[:columns] || {}).to_h { |k, t| [k.to_sym, t.to_sym] }
      atts = (given[:attrs] || {}).to_h { |k, t| [k.to_sym, t.to_sym] }
      { columns: columns.to_h { |k, v| [k, cols[k] || (v.all? { |x| x.nil? || x.is_a?(Numeric) } ? :number : :text)] }.freeze,
        attrs: attrs.to_h { |k, v| [k, atts[k] || (v.is_a?(Numeric) ? :number : :text)] }.freeze }.freeze
    end

    def row(i)
      columns.transform_values { |col| col[i] }
    end

    def build_native
      t = Native.table_new
      col_types = @types ? @types[:columns] : {}
      attr_types = @types ? @types[:attrs] : {}
      columns.each do |name, values|
        if col_types[name] == :day
          Native.table_add_days(t, name.to_s, values)
        elsif values.all? { |v| v.is_a?(Numeric) || v.nil? }
          Native.table_add_numbers(t, name.to_s, values)
        else
          Native.table_add_texts(t, name.to_s, values.map(&:to_s))
        end
      end
      attrs.each do |name, value|
        if value.is_a?(Numeric) && attr_types[name] == :day
          Native.table_set_attr_day(t, name.to_s, value.to_f)
        elsif value.is_a?(Numeric)
          Native.table_set_attr_number(t, name.to_s, value.to_f)
        else
          Native.table_set_attr_text(t, name.to_s, value.to_s)
        end
      end
      Native.table_set_row_name(t, row_name)
      t
    end
  end

  # The RFM customers of Cxmetrics.rfm_aggregate_orders: a Table with the
  # columns and attributes of cxm_rfm_customers_aggregate (rfm.h).
  class RfmCustomers < Table
  end
end
