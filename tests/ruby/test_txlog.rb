# frozen_string_literal: true

require_relative "test_helper"
require "tmpdir"

# Raw transaction logs and missing ids (spec §16) through Ruby. Before: nil
# became the customer "" and NaN the customer "NaN" in the CLV summary and in
# RFM. Expected values: the hand-worked rows of tests/unit/test_txlog.c.
class TestTxlog < Minitest::Test
  IDS = ["a", nil, "b", "a", "", "a", "b", "b"].freeze
  DAYS = [10, 10, 11, 12, 12, 12, 15, 13].freeze
  QTY = [2, 1, 1, -1, 3, 4, 2, -2].freeze
  PRICE = [1.5, 4, 2.25, 1.5, 1, 0.5, 1, 0.5].freeze
  DATES = %w[2024-01-01 2024-01-02 2024-01-03 2024-01-04].freeze

  def test_nil_and_nan_are_never_customers
    [nil, Float::NAN].each do |missing|
      ids = ["a", missing, "b", "a"]
      e = assert_raises(Cxmetrics::InvalidArgument) do
        Cxmetrics::ClvModel.summary_from_transactions(ids, DATES, amounts: [1, 2, 3, 4], period: :day)
      end
      assert_includes e.message, "customer_ids[1] (row 2) is missing"
      rows = ids.each_with_index.map { |c, i| { customer_id: c, order_date: DATES[i], amount: i + 1.0 } }
      e = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics::Rfm.orders(rows, analysis_date: "2024-02-01") }
      assert_includes e.message, "is missing"
      s = Cxmetrics::ClvModel.summary_from_transactions(ids, DATES, amounts: [1, 2, 3, 4], period: :day,
                                                                     missing_ids: :drop)
      assert_equal %w[a b], s.id
      assert_equal 1.0, s.attrs[:missing_id_rows]
      assert_equal [1.0, 0.0], s.frequency
      assert_equal 4.0, s.monetary_value[0]
      c = Cxmetrics::Rfm.orders(rows, analysis_date: "2024-02-01", missing_ids: :drop)
      assert_equal %w[a b], c.customer_id
      assert_equal [2.0, 1.0], c.transaction_count
      assert_equal 1.0, c.attrs[:missing_id_rows]
    end
  end

  def test_float_ids
    s = Cxmetrics::ClvModel.summary_from_transactions([12_346.0, Float::NAN, 12_347.0, 12_346.0], DATES,
                                                      period: :day, missing_ids: :drop)
    assert_equal [12_346.0, 12_347.0], s.id # the ids as given (the library keys them "12346", "12347")
  end

  def test_txlog_by_hand
    rows = IDS.each_index.map { |i| { id: IDS[i], d: DAYS[i], q: QTY[i], p: PRICE[i] } }
    log = Cxmetrics.txlog(rows, customer: :id, date: :d, quantity: :q, price: :p, missing_ids: :drop, returns: :drop)
    assert_equal [3.0, 2.25, 2.0, 2.0], log.amount
    assert_equal [0.0, 2.0, 5.0, 6.0], log.line
    assert_equal({ rows: 8.0, kept_rows: 4.0, missing_id_rows: 2.0, return_rows: 2.0, dropped_return_rows: 2.0,
                   dropped_rows: 4.0 }, log.attrs.slice(:rows, :kept_rows, :missing_id_rows, :return_rows,
                                                        :dropped_return_rows, :dropped_rows))
    e = assert_raises(Cxmetrics::Inconsistent) do
      Cxmetrics.txlog(rows, customer: :id, date: :d, quantity: :q, price: :p, missing_ids: :drop)
    end
    assert_includes e.message, "row 4 (customer_ids[3] = \"a\") is a return"
    s = Cxmetrics::ClvModel.summary_from_transactions(IDS, DAYS, quantity: QTY, price: PRICE, missing_ids: :drop,
                                                                 returns: :net, period: :day)
    assert_equal [0.5, 2.0], s.monetary_value
    assert_equal 1.0, s.attrs[:return_only_rows]
  end

  def test_file_with_date_format
    Dir.mktmpdir do |dir|
      path = File.join(dir, "raw.csv")
      File.write(path, "InvoiceNo,Quantity,InvoiceDate,UnitPrice,CustomerID\n" \
                       "1,6,12/1/2010 8:26,2.55,17850\n2,2,12/1/2010 9:01,4,\n" \
                       "C3,-1,12/5/2010 9:41,27.5,17850\n4,24,12/8/2010 8:45,3.75,12583\n")
      opts = { customer: "CustomerID", date: "InvoiceDate", quantity: "Quantity", price: "UnitPrice",
               date_format: "%m/%d/%Y %H:%M" }
      e = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.txlog(path, **opts) }
      assert_includes e.message, "#{path}:3:5 'CustomerID': the customer id is missing"
      c = Cxmetrics::Rfm.orders(path, analysis_date: "2010-12-10", missing_ids: :drop, returns: :drop, **opts)
      assert_equal %w[12583 17850], c.customer_id
      assert_equal [2.0, 9.0], c.recency_days
      assert_equal [90.0, 6 * 2.55], c.amount
      assert_equal 1.0, c.attrs[:dropped_return_rows]
    end
  end

  def test_segment_value_customers_missing_ids
    e = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics::Segment.value_customers(["a", nil, "b"], [1.0, 2, 3]) }
    assert_includes e.message, "customer_ids[1] (row 2) is missing (NULL)"
  end

  def test_summary_from_log
    rows = IDS.each_index.map { |i| { id: IDS[i], d: DAYS[i], q: QTY[i], p: PRICE[i] } }
    log = Cxmetrics.txlog(rows, customer: :id, date: :d, quantity: :q, price: :p, missing_ids: :drop, returns: :net)
    s = Cxmetrics::ClvModel.summary_from_log(log, period: :day)
    assert_equal %w[a b], s.id
    assert_equal [0.5, 2.0], s.monetary_value
    assert_equal 1.0, s.attrs[:return_only_rows]
  end

  # issue 11, item 5: the caller gave ids, so a bad value is named by its customer
  def test_bad_values_name_the_customer
    e = assert_raises(Cxmetrics::NanInput) do
      Cxmetrics::ClvModel.summary_from_transactions(%w[a b], %w[2024-01-01 2024-01-02], amounts: [1.0, Float::NAN],
                                                    period: :day)
    end
    assert_equal "NAN: customer 'b' (row 2): amounts[1] is NaN", e.message
    e = assert_raises(Cxmetrics::NanInput) do
      Cxmetrics.txlog([{ id: nil, d: "2024-01-01", a: Float::NAN }], customer: :id, date: :d, amount: :a,
                      missing_ids: :drop)
    end
    assert_includes e.message, "a row without a customer id (row 1): amounts[0] is NaN"
  end

  def test_words
    assert_equal %w[error drop], Cxmetrics::Txlog.missing_ids_words
    e = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.txlog([], missing_ids: :skip) }
    assert_includes e.message, "missing_ids must be error or drop"
  end
end
