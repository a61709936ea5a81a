# frozen_string_literal: true

module Cxmetrics
  # Raw transaction logs (spec §16): a shop's export as it comes into the
  # clean log the CLV summary and RFM read, every row left out counted.
  #
  #   log = Cxmetrics.txlog("online_retail.csv.gz", customer: "CustomerID",
  #                         date: "InvoiceDate", date_format: "%m/%d/%Y %H:%M",
  #                         quantity: "Quantity", price: "UnitPrice",
  #                         missing_ids: :drop, returns: :drop)
  #   log.attrs["missing_id_rows"]   # anonymous rows left out
  #
  # A missing customer id (nil, NaN, "") is never a customer: an error naming
  # its row, or (missing_ids: :drop) left out and counted. Every rule is the C
  # library's (cxm_txlog_*); this module converts.
  module Txlog
    module_function

    # The missing-id policies, as the C library lists them: error, drop.
    def missing_ids_words
      Convert.words(Native::NAMES_MISSING_IDS)
    end

    def missing?(value)
      value.nil? || (value.is_a?(Float) && value.nan?)
    end

    # Customer ids for the C string arrays: nil where an id is missing (nil,
    # NaN), never the text "" or "NaN"; whole Floats as integers.
    def ids(values, what = "customer_ids")
      Convert.array(values, what).map do |v|
        if missing?(v) then nil
        elsif v.is_a?(String) then v
        elsif v.is_a?(Float) && v == v.floor then v.to_i.to_s
        else v.to_s
        end
      end
    end

    # Day numbers: through date_format (cxm_dates_parse) when given, else as Convert.days.
    def dates(values, date_format = nil)
      values = Convert.array(values, "dates")
      return Convert.days(values).map(&:to_f) if date_format.nil?

      Native.dates_parse(values.size, values.map { |v| missing?(v) ? nil : v.to_s }, date_format.to_s)
    end

    def numbers(values, what)
      values.nil? ? [] : Convert.array(values, what).map { |v| v.nil? ? Float::NAN : v.to_f }
    end

    # A native cxm_txlog_opts (nil settings: the library's defaults).
    def options(customer: nil, date: nil, amount: nil, quantity: nil, price: nil, status: nil, cancel_words: [],
                returns: :error, missing_ids: :error, date_format: nil, delimiter: nil, decimal_comma: false)
      o = Native.txlog_opts_new
      Native.txlog_opts_set_columns(o, (customer || :customer_id).to_s, (date || :date).to_s, amount&.to_s) \
        if customer || date
      Native.txlog_opts_set_quantity_price(o, quantity&.to_s, price&.to_s) if quantity || price
      words = Convert.array(cancel_words || [], "cancel_words").map(&:to_s)
      Native.txlog_opts_set_status(o, status&.to_s, words) if status || !words.empty?
      Native.txlog_opts_set_returns(o, Convert.word(Native::NAMES_RFM_RETURNS, returns))
      Native.txlog_opts_set_missing_ids(o, Convert.word(Native::NAMES_MISSING_IDS, missing_ids))
      Native.txlog_opts_set_date_format(o, date_format.to_s) if date_format
      Native.txlog_opts_set_delimiter(o, delimiter.to_s) if delimiter
      Native.txlog_opts_set_decimal_comma(o, 1) if decimal_comma
      o
    end

    # The native clean log of arrays (cxm_txlog_from_arrays).
    def native_log(ids, dates, amounts: nil, quantity: nil, price: nil, cancelled: nil, returns: :error,
                   missing_ids: :error, date_format: nil)
      o = options(returns: returns, missing_ids: missing_ids)
      flags = cancelled.nil? ? [] : Convert.array(cancelled, "cancelled").map { |v| v && v != 0 ? 1 : 0 }
      Native.txlog_from_arrays(self.ids(ids), self.dates(dates, date_format), numbers(amounts, "amounts"),
                               numbers(quantity, "quantity"), numbers(price, "price"), flags, o)
    end

    # The native clean log of a CSV file (cxm_txlog_read_csv).
    def native_log_csv(path, **settings)
      Native.txlog_read_csv(path.to_s, options(**settings))
    end

    def fetch(row, key)
      return nil if key.nil?

      row.fetch(key.to_sym) { row.fetch(key.to_s) { raise KeyError, "row has no #{key.inspect}: #{row.inspect}" } }
    end

    # Columns of an Array of Hashes: ids, dates, amounts, quantity, price, cancelled.
    def columns(rows, customer, date, amount, quantity, price, cancelled)
      rows = Convert.array(rows, "rows")
      col = ->(key) { key.nil? ? nil : rows.map { |r| fetch(r, key) } }
      [col.call(customer), col.call(date), quantity ? nil : col.call(amount), col.call(quantity), col.call(price),
       col.call(cancelled)]
    end
  end

  # A raw transaction log cleaned (spec §16.2). rows: a CSV path (gzip, "-")
  # with the columns customer, date, amount or quantity and price (status
  # with cancel_words), or an Array of Hashes with those keys (cancelled: a
  # key of flags). returns: :error (default), :drop, :net or :keep;
  # missing_ids: :error (default) or :drop; date_format: strptime-style;
  # delimiter:, decimal_comma: (a file's "1,5", with a delimiter other than ",").
  # Returns a Table (customer_id, order_day, amount, cancelled, line) whose
  # attrs hold the policies and the counts by reason.
  def self.txlog(rows, customer: :customer_id, date: :date, amount: nil, quantity: nil, price: nil,
                 cancelled: nil, status: nil, cancel_words: [], returns: :error, missing_ids: :error,
                 date_format: nil, delimiter: nil, decimal_comma: false)
    if rows.is_a?(String)
      return Table.from_native(Txlog.native_log_csv(rows, customer: customer, date: date, amount: amount,
                                                    quantity: quantity, price: price, status: status,
                                                    cancel_words: cancel_words, returns: returns,
                                                    missing_ids: missing_ids, date_format: date_format,
                                                    delimiter: delimiter, decimal_comma: decimal_comma))
    end
    ids, dates, amounts, q, p, flags = Txlog.columns(rows, customer, date, amount, quantity, price, cancelled)
    Table.from_native(Txlog.native_log(ids, dates, amounts: amounts, quantity: q, price: p, cancelled: flags,
                                       returns: returns, missing_ids: missing_ids, date_format: date_format))
  end

  module ClvModel
    # The CLV summary of a clean log (Cxmetrics.txlog's Table; spec §16.4), as
    # summary_from_transactions: under the log's returns: :net a return is
    # taken off its customer's spend that day and a day of returns only is no
    # purchase day; the log's counts come along in attrs.
    def self.summary_from_log(log, calibration_end: nil, observation_end: nil, period:)
      Summary.from_native(Native.clv_summary_from_log(Convert.table(log, "log").native, Convert.day_or_nan(calibration_end),
                                                      Convert.day_or_nan(observation_end),
                                                      Convert.word(Native::NAMES_CLV_PERIOD, period)))
    end
  end
end
