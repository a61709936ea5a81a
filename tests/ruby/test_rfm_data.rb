# frozen_string_literal: true

require_relative "test_helper"
require "tmpdir"

# The RFM data path (spec §7.6, §7.7, §7.9, §7.10) through Ruby: arrays of
# hashes in, tables out. Expected values: pandas 1.5.3 groupby + math.fsum on
# the same twelve rows (as tests/unit/test_rfm_data.c), the golden vector
# rfm_table_small with set B applied by hand, jenkspy's published case, and a
# migration counted by hand.
class TestRfmData < Minitest::Test
  IDS = %w[b a c a b d a c b d e a].freeze
  DAYS = [10, 12, 3, 20, 15, 7, 21, 9, 16, 8, 5, 18].freeze
  AMOUNTS = [30.5, 12.25, -5.0, 40.0, -10.0, 8.0, -12.25, 22.0, 5.0, -8.0, -3.0, 0.1].freeze
  CANCELLED = [0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1].freeze

  def rows
    IDS.each_index.map do |i|
      { customer: IDS[i], date: DAYS[i], amount: AMOUNTS[i], cancelled: CANCELLED[i] == 1 }
    end
  end

  def test_orders_policies
    keep = Cxmetrics::Rfm.orders(rows, customer: :customer, date: :date, amount: :amount,
                                       cancelled: :cancelled, analysis_date: 30)
    # customers in the order of their first order (IDS: b a c d e), ids as given
    assert_equal %w[b a c d e], keep.customer_id
    assert_equal [14.0, 9.0, 21.0, 22.0, 25.0], keep.recency_days
    assert_equal [3.0, 4.0, 2.0, 2.0, 1.0], keep.transaction_count
    assert_equal [25.5, 40.1, 17.0, 0.0, -3.0], keep.amount
    assert_equal 7.0, keep.attrs[:return_rows]
    assert_equal 60.35, keep.attrs[:return_amount]
    net = Cxmetrics::Rfm.orders(rows, customer: :customer, date: :date, amount: :amount,
                                      cancelled: :cancelled, analysis_date: 30, returns: :net)
    assert_equal %w[b a d], net.customer_id
    assert_equal [25.5, 39.9, 0.0], net.amount
    assert_equal 2.0, net.attrs[:customers_without_orders]
    drop = Cxmetrics::Rfm.orders(rows, customer: :customer, date: :date, amount: :amount,
                                       cancelled: :cancelled, analysis_date: 30, returns: "drop")
    assert_equal [35.5, 52.25, 8.0], drop.amount
    assert_equal({ customer_id: %w[b a d], recency_days: [14.0, 10.0, 23.0], transaction_count: [2.0, 2.0, 1.0],
                   amount: [35.5, 52.25, 8.0] }, drop.to_h)
    # integer ids: Integers as given (the library's numeric path), first order first
    nums = rows.map { |r| r.merge(customer: r[:customer].ord - 96) }
    n = Cxmetrics::Rfm.orders(nums, customer: :customer, date: :date, amount: :amount, analysis_date: 30)
    assert_equal [2, 1, 3, 4, 5], n.customer_id
    err = assert_raises(Cxmetrics::Inconsistent) do
      Cxmetrics::Rfm.orders(rows, customer: :customer, date: :date, amount: :amount, analysis_date: 30,
                                  returns: :error)
    end
    assert_match(/row 2 \(customer "c"\)/, err.message)
    assert_raises(Cxmetrics::InvalidArgument) do
      Cxmetrics::Rfm.orders(rows, customer: :customer, date: :date, amount: :amount, analysis_date: 30,
                                  returns: :maybe)
    end
    assert_equal %w[keep net drop error], Cxmetrics::Rfm.returns_words
  end

  # rfm_table_small (the golden vector) and set B (spec §7.3) by hand
  RD = [5, 30, 30, 90, 200, 365, 12, 45, 45, 700, 1, 60].freeze
  FR = [10, 3, 3, 1, 1, 2, 8, 4, 1, 1, 12, 2].freeze
  MO = [1200.5, 300, 299.99, 40, 55, 120, 800, 410, 35, 20, 2500, 150].freeze
  RFM = [555, 433, 433, 211, 112, 122, 545, 344, 311, 111, 555, 223].freeze
  SEG = ["Champions", "Loyal Customers", "Loyal Customers", "About To Sleep", "Lost", "At Risk", "Champions",
         "Loyal Customers", "Potential Loyalist", "Lost", "Champions", "Need Attention"].freeze

  def customers
    RD.each_index.map do |i|
      { customer_id: format("c%02d", i + 1), recency_days: RD[i], transaction_count: FR[i], amount: MO[i] }
    end
  end

  def test_score_and_summary
    r = Cxmetrics::Rfm.score(customers)
    assert_equal RFM, r.scored.rfm_score.map(&:to_i)
    assert_equal SEG, r.scored.segment
    assert_equal 15, r.breaks.size
    assert_equal %i[scored breaks], r.to_h.keys
    s = Cxmetrics::Rfm.summary(r)
    assert_equal Cxmetrics::RfmRules["r_02x"].names + ["Others"], s.segment
    # pandas groupby over the vector: Champions 3 customers, 30 orders, 4500.5 revenue
    assert_equal [3.0, 30.0, 4500.5], [s.customers[0], s.orders[0], s.revenue[0]]
    assert_in_delta 150.01666666666668, s.average_order_value[0], 1e-12
    assert_equal 0.0, s.customers[3]
    assert s.average_order_value[3].nan?
    fixed = Cxmetrics::Rfm.score(customers, binning: :fixed,
                                            breaks: { recency: [115, 181, 297, 482], frequency: [4, 5, 6, 8],
                                                      monetary: [256, 382, 506, 666] })
    assert_equal "fixed", fixed.scored.attrs[:binning]
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics::Rfm.score(customers, bins: 10) }
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics::Rfm.score(customers, binning: :fixed) }
    jenks = Cxmetrics::Rfm.score(customers, binning: :jenks, bins: 3)
    assert_equal [1.0, 2.0, 3.0], jenks.scored.monetary_score.uniq.sort
  end

  def test_jenks_published
    # jenkspy tests/test_jenks.py, data2 in 4 classes: classes start at 1, 583, 848, 1223
    data2 = [132, 915, 312, 1424, 1240, 1370, 113, 1028, 1078, 416, 963, 359, 1422, 658, 73, 1326, 245, 848,
             683, 255, 1223, 253, 654, 736, 1079, 39, 583, 1367, 1237, 327, 1083, 328, 951, 678, 927, 301, 96,
             297, 179, 230, 767, 1248, 1, 37, 1352, 1009, 663, 1283, 679, 230]
    assert_equal [583.0, 848.0, 1223.0], Cxmetrics::Rfm.jenks_breaks(data2, bins: 4)
    assert_raises(Cxmetrics::TooFew) { Cxmetrics::Rfm.jenks_breaks([1, 1, 2], bins: 3) }
    assert_raises(Cxmetrics::NanInput) { Cxmetrics::Rfm.jenks_breaks([1, nil, 2], bins: 2) }
  end

  def test_migration
    # by hand: p, q Champions -> p Champions, q At Risk; r Lost -> gone; s Lost -> Champions;
    # t new -> Lost; u new -> Champions
    from = [{ customer_id: "p", segment: "Champions" }, { customer_id: "q", segment: "Champions" },
            { customer_id: "r", segment: "Lost" }, { customer_id: "s", segment: "Lost" }]
    to = [{ customer_id: "u", segment: "Champions" }, { customer_id: "s", segment: "Champions" },
          { customer_id: "q", segment: "At Risk" }, { customer_id: "p", segment: "Champions" },
          { customer_id: "t", segment: "Lost" }]
    m = Cxmetrics::Rfm.migration(from, to)
    assert_equal ["(new)", "(new)", "Champions", "Champions", "Lost", "Lost"], m.from_segment
    assert_equal ["Champions", "Lost", "Champions", "At Risk", "Champions", "(gone)"], m.to_segment
    assert_equal [50.0] * 6, m.share
    assert_equal 2.0, m.attrs[:new_customers]
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics::Rfm.migration(from + [from[0]], to) }
  end

  def test_csv(path = File.join(Dir.tmpdir, "cxm_rfm_data_#{Process.pid}.csv"))
    File.write(path, "who,when,total,state\na,2024-01-02,10,paid\nb,2024-01-05,7.5,cancelled\n" \
                     "a,2024-01-09,-4,refund\nb,2024-01-07,3,paid\n")
    c = Cxmetrics::Rfm.orders(path, customer: "who", date: "when", amount: "total", analysis_date: "2024-01-10",
                                    returns: :net, status: "state", cancel_words: ["cancelled"])
    # by hand: a 10 - 4 = 6 (recency 8), b 3 - 7.5 = -4.5 (recency 3)
    assert_equal [6.0, -4.5], c.amount
    assert_equal [8.0, 3.0], c.recency_days
  ensure
    File.delete(path) if File.exist?(path)
  end
end
