# frozen_string_literal: true

module Cxmetrics
  # Orders as Ruby code holds them (issue 14, item 6): an Array of Hashes,
  # one per order, with the keys customer_id:, date:, amount: (Symbols or
  # Strings), for the RFM and CLV functions that otherwise take parallel
  # Arrays; and their customers given back as the caller knows them. The
  # library keys customers by text and lists them in byte order of their ids
  # (the order its tables define); the caller's ids are Integers as often as
  # Strings, and the order they came in is the one they expect back. So the
  # per-customer tables are put back here: each id the object the caller
  # gave (the first one of that text: 7 and "7" are one customer), customers
  # in the order of their first order. Nothing else changes.
  module Orders
    module_function

    # The keys of an order Hash.
    KEYS = %i[customer_id date amount].freeze

    # True for orders given as an Array of Hashes.
    def rows?(value)
      value.is_a?(Array) && !value.empty? && value.all?(Hash)
    end

    # [ids, dates, amounts] of an Array of order Hashes (or the columns of
    # `keys`). A row that is not a Hash or lacks a key raises an error naming
    # the row and the key.
    def columns(rows, what = "orders", keys: KEYS)
      cols = keys.map { [] }
      Convert.array(rows, what).each_with_index do |row, i|
        Convert.type_error("#{what}[#{i}]", "a Hash with #{keys.map { |k| "#{k}:" }.join(', ')}", row) unless row.is_a?(Hash)
        keys.each_with_index do |k, j|
          cols[j] << row.fetch(k) do
            row.fetch(k.to_s) do
              raise InvalidArgument, "#{what}[#{i}] has no #{k} (Symbol or String key): #{Convert.show(row)}"
            end
          end
        end
      end
      cols
    end

    # `table` (one row per customer, its id column `column` holding the keys
    # the library was given, `keys`: one per order, as passed) with the ids
    # the caller gave (`ids`: one per order) and its customers in the order
    # of their first order. A customer the library left out (a missing id
    # dropped) stays out.
    def restore(table, ids, keys, column)
      first = {}
      keys.each_with_index { |k, i| first[k] = i unless k.nil? || first.key?(k) }
      col = table[column]
      return table if col.nil?

      order = (0...table.size).sort_by { |r| first.fetch(col[r]) { keys.size + r } }
      originals = col.map { |k| first.key?(k) ? ids[first[k]] : k }
      columns = table.columns.to_h do |name, values|
        [name, name == column ? order.map { |r| originals[r] } : order.map { |r| values[r] }]
      end
      types = table.types
      id_type = columns[column].all? { |v| v.is_a?(Numeric) } ? :number : :text
      table.class.new(columns, attrs: table.attrs, row_name: table.row_name,
                               types: { columns: types[:columns].merge(column => id_type), attrs: types[:attrs] })
    end
  end
end
