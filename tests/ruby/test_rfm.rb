# frozen_string_literal: true

require_relative "test_helper"
require "date"

# RFM (spec §7): the R package's bins, the table, custom break points, rank-qcut,
# segment rule tables, transactions -> customers.
class TestRfm < Minitest::Test
  MPG = [21.0, 21.0, 22.8, 21.4, 18.7, 18.1, 14.3, 24.4, 22.8, 19.2, 17.8, 16.4, 17.3, 15.2, 10.4,
         10.4, 14.7, 32.4, 30.4, 33.9, 21.5, 15.5, 15.2, 13.3, 19.2, 27.3, 26.0, 30.4, 15.8, 19.7,
         15.0, 21.4].freeze # R datasets::mtcars$mpg
  MPG_BREAKS = [16.20, 18.92, 22.00, 25.08].freeze # rfm test-utils.R: bins(mtcars, "mpg", 5)

  # Score by hand from break points: [lower_i, upper_i) with later bins winning.
  def by_hand(values, breaks, descending: false)
    values.map do |v|
      bin = breaks.count { |b| v >= b } + 1
      descending ? breaks.size + 2 - bin : bin
    end
  end

  def test_breaks_mtcars
    b = Cxmetrics.rfm_breaks(MPG)
    MPG_BREAKS.zip(b).each { |e, g| assert_close e, g }
    assert_equal 4, b.size
    assert_equal 2, Cxmetrics.rfm_breaks(MPG, bins: 3).size
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.rfm_breaks(MPG, bins: 1) }
    assert_raises(Cxmetrics::EmptyInput) { Cxmetrics.rfm_breaks([]) }
    assert_raises(Cxmetrics::NanInput) { Cxmetrics.rfm_breaks([1, nil]) }
  end

  def test_score_mtcars
    s = Cxmetrics.rfm_score(MPG)
    assert_kind_of Cxmetrics::RfmScore, s
    assert_equal by_hand(MPG, MPG_BREAKS), s.scores
    assert_equal [MPG.min] + s.breaks, s.lower
    assert_equal s.breaks + [MPG.max + 1], s.upper
    assert_equal by_hand(MPG, MPG_BREAKS, descending: true), Cxmetrics.rfm_score(MPG, descending: true).scores
  end

  def test_score_ties_leave_a_bin_empty
    s = Cxmetrics.rfm_score([1, 1, 1, 1, 1, 1, 2, 2, 3, 5])
    [2.0, 2.0, 2.4, 3.2].zip(s.breaks).each { |e, g| assert_close e, g }
    assert_equal [1, 1, 1, 1, 1, 1, 3, 3, 4, 5], s.scores # score 2 is never used
    assert_equal [1, 1, 1, 1], Cxmetrics.rfm_score([4, 4, 4, 4]).scores
  end

  def test_score_custom_breaks
    s = Cxmetrics.rfm_score([10, 115, 181, 300, 482, 600], bins: [115, 181, 297, 482], descending: true)
    assert_equal [5, 4, 3, 2, 1, 1], s.scores
    assert_equal [115.0, 181.0, 297.0, 482.0], s.breaks
    assert_equal [1, 2], Cxmetrics.rfm_score([1, 5], bins: [3]).scores
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.rfm_score([1, 2], bins: [Float::INFINITY]) }
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.rfm_score([1, 2], bins: []) }
  end

  def test_table
    r = [5, 30, 30, 90, 200, 365, 12, 45, 45, 700, 1, 60]
    f = [10, 3, 3, 1, 1, 2, 8, 4, 1, 1, 12, 2]
    m = [1200.5, 300, 299.99, 40, 55, 120, 800, 410, 35, 20, 2500, 150]
    t = Cxmetrics.rfm_table(r, f, m)
    assert_kind_of Cxmetrics::RfmTable, t
    assert_equal 12, t.size
    assert_equal Cxmetrics.rfm_score(r, descending: true).scores, t.recency_score
    assert_equal Cxmetrics.rfm_score(f).scores, t.frequency_score
    assert_equal Cxmetrics.rfm_score(m).scores, t.monetary_score
    assert_equal t.recency_score.zip(t.frequency_score, t.monetary_score).map { |a, b, c| 100 * a + 10 * b + c },
                 t.rfm_score
    assert_equal Cxmetrics.rfm_breaks(m), t.monetary_breaks
    one = Cxmetrics.rfm_table([10], [3], [250]) # n = 1: R = 5, F = 1, M = 1
    assert_equal [511], one.rfm_score
    assert_equal [11.0] * 4, one.recency_breaks
  end

  def test_table_custom_breaks_per_dimension
    t = Cxmetrics.rfm_table([10, 115, 181, 300, 482, 600], [1, 4, 5, 6, 8, 12], [100, 256, 382, 506, 666, 700],
                            recency_bins: [115, 181, 297, 482], frequency_bins: [4, 5, 6, 8],
                            monetary_bins: [256, 382, 506, 666])
    assert_equal [511, 422, 333, 244, 155, 155], t.rfm_score
    mixed = Cxmetrics.rfm_table([1, 2, 3], [1, 2, 3], [1, 2, 3], recency_bins: 3, frequency_bins: [2])
    assert_equal [1, 2, 2], mixed.frequency_score
    assert_equal 2, mixed.recency_breaks.size
  end

  def test_table_errors
    assert_raises(Cxmetrics::EmptyInput) { Cxmetrics.rfm_table([], [], []) }
    assert_raises(Cxmetrics::NanInput) { Cxmetrics.rfm_table([1, nil], [1, 2], [5, 6]) }
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.rfm_table([1, 2], [1], [5, 6]) }
  end

  def test_rank_qcut
    # ranks by value, ties by position: 2 3 7 7 7 15 40 60 90 120 200 365 -> 1..12;
    # edges Q7(ranks, j/5) = 1, 3.2, 5.4, 7.6, 9.8, 12; recency reversed (6 - bin).
    x = [3, 40, 7, 120, 365, 15, 60, 2, 200, 90, 7, 7]
    assert_equal [5, 3, 5, 1, 1, 3, 2, 5, 1, 2, 4, 4], Cxmetrics.rfm_rank_qcut(x, descending: true)
    assert_equal [1, 3, 1, 5, 5, 3, 4, 1, 5, 4, 2, 2], Cxmetrics.rfm_rank_qcut(x)
    assert_equal [1, 2], Cxmetrics.rfm_rank_qcut([9, 10], bins: 2)
    assert_raises(Cxmetrics::TooFew) { Cxmetrics.rfm_rank_qcut([1]) }
    assert_raises(Cxmetrics::EmptyInput) { Cxmetrics.rfm_rank_qcut([]) }
  end

  def test_segments_first_match_quirks
    assert_equal "Champions", Cxmetrics.rfm_segment(5, 5, 5)
    assert_equal "Potential Loyalist", Cxmetrics.rfm_segment(5, 1, 1) # New Customers unreachable
    assert_equal "At Risk", Cxmetrics.rfm_segment(1, 5, 5)            # Can't Lose Them unreachable
    assert_equal "Can't Lose Them", Cxmetrics.rfm_segment(1, 5, 5, match: :last)
    assert_equal "Others", Cxmetrics.rfm_segment(1, 1, 3)
    assert_equal "Hibernating", Cxmetrics.rfm_segment(1, 1, 1, rules: "vignette_11")
    assert_equal "Lost", Cxmetrics.rfm_segment(1, 1, 1, rules: :r_02x)
    assert_equal "Promising", Cxmetrics.rfm_segment(3, 2, 5, rules: "r_030")
    assert_equal "Low Spenders", Cxmetrics.rfm_segment(4, 3, 1, rules: "py_rfm")
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.rfm_segment(1, 1, 1, rules: "nope") }
  end

  def test_segments_many
    t = Cxmetrics.rfm_table([5, 30, 700], [10, 3, 1], [1200, 300, 20])
    names = Cxmetrics.rfm_segments(t)
    assert_equal t.size, names.size
    expected = t.recency_score.each_index.map do |i|
      Cxmetrics.rfm_segment(t.recency_score[i], t.frequency_score[i], t.monetary_score[i])
    end
    assert_equal expected, names
    assert_equal %w[Champions Others], Cxmetrics.rfm_segments([5, 1], [5, 1], [5, 3])
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.rfm_segments([5, 1], [5], [5, 3]) }
  end

  def test_rules_builtin_and_enumerable
    sizes = Cxmetrics::RfmRules.builtin_names.to_h { |n| [n, Cxmetrics::RfmRules.builtin(n).size] }
    assert_equal({ "r_02x" => 10, "vignette_11" => 11, "r_030" => 10, "py_rfm" => 10, "klaviyo_3" => 6 },
                 sizes)
    rules = Cxmetrics::RfmRules.builtin("r_02x")
    assert_equal "Champions", rules.first
    assert_equal "Champions", rules[0]
    assert_nil rules[99]
    assert_includes rules, "Lost"
    refute_includes rules, "Hibernating"
    assert_equal 10, rules.count
    assert_equal 1, rules.count("Lost")
    assert_equal rules.to_a, rules.names
    assert_equal rules.to_a, rules.each.to_a
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics::RfmRules.builtin("r_99") }
  end

  def test_rules_custom
    rules = Cxmetrics::RfmRules.new
    assert_equal 0, rules.size
    assert_equal "Others", rules.segment(5, 5, 5)
    rules.add("Best", r: 5, f: 4..5, m: [4, 5]).add("Rest", r: 1..5, f: 1...6, m: 1..5)
    assert_equal %w[Best Rest], rules.to_a
    assert_equal "Best", rules.segment(5, 5, 4)
    assert_equal "Rest", rules.segment(4, 5, 5)
    assert_equal "Rest", rules.segment(5, 5, 5, match: :last)
    assert_equal %w[Best Rest Others], rules.segment_many([5, 1, 0], [5, 1, 1], [5, 1, 1])
    assert_equal [0, 1, 2], rules.segment_indices([5, 1, 0], [5, 1, 1], [5, 1, 1])
    assert_equal "Best", Cxmetrics.rfm_segment(5, 5, 5, rules: rules)
    assert_raises(Cxmetrics::InvalidArgument) { rules.add("Bad", r: 3..2, f: 1, m: 1) }
    assert_raises(Cxmetrics::InvalidArgument) { rules.add("", r: 1, f: 1, m: 1) }
    assert_equal 2, rules.size, "a failed add adds nothing"
  end

  def test_shared_builtin_is_frozen
    shared = Cxmetrics::RfmRules[:r_02x]
    assert shared.frozen?
    assert_same shared, Cxmetrics::RfmRules["r_02x"]
    assert_raises(FrozenError) { shared.add("X", r: 1, f: 1, m: 1) }
    refute Cxmetrics::RfmRules.builtin("r_02x").frozen?
  end

  def test_aggregate_orders
    ids = %w[b a b c a b]
    dates = %w[2006-12-01 2006-06-30 2006-12-20 2005-01-01 2006-11-30 2006-01-15]
    c = Cxmetrics.rfm_aggregate_orders(ids, dates, [10, 20, 30, 40, 50, 60], "2006-12-31")
    assert_kind_of Cxmetrics::RfmCustomers, c
    day = Date.new(2006, 12, 31)
    # customers in the order of their first order, ids as given
    assert_equal %w[b a c], c.customer_id
    assert_equal [(day - Date.new(2006, 12, 20)), (day - Date.new(2006, 11, 30)),
                  (day - Date.new(2005, 1, 1))].map(&:to_f), c.recency_days
    assert_equal [3, 2, 1], c.transaction_count
    assert_equal [100.0, 70.0, 40.0], c.amount
    assert_equal 3, c.size
    # Date objects, Time objects and day numbers give the same table.
    assert_equal c, Cxmetrics.rfm_aggregate_orders(ids, dates.map { |d| Date.parse(d) }, [10, 20, 30, 40, 50, 60], day)
    numbers = dates.map { |d| Cxmetrics.date_parse(d) }
    assert_equal c, Cxmetrics.rfm_aggregate_orders(ids, numbers, [10, 20, 30, 40, 50, 60],
                                                   Time.utc(2006, 12, 31, 12))
    assert_equal (Date.new(2006, 12, 31) - Date.new(1970, 1, 1)).to_f, Cxmetrics.date_parse("2006-12-31")
  end

  # The customers are a table (table.h), converted with the library's names.
  def test_aggregate_orders_is_a_table
    c = Cxmetrics.rfm_aggregate_orders(%w[b a b], %w[20061201 2006-06-30 2006-12-20], [10, 20, 30], "2006-12-31")
    assert_kind_of Cxmetrics::Table, c
    assert_equal %i[customer_id recency_days transaction_count amount], c.column_names
    assert_equal({ analysis_day: Cxmetrics.date_parse("2006-12-31") }, c.attrs)
    assert_equal "customers", c.row_name
    assert_equal({ customer_id: "a", recency_days: 184.0, transaction_count: 1.0, amount: 20.0 }, c[1])
    assert_equal [11.0], c.select { |row| row[:customer_id] == "b" }.map { |row| row[:recency_days] }
    assert_equal c.columns[:amount], c[:amount]
    assert_equal c.amount, c["amount"]
    assert c.customer_id.all?(&:frozen?)
    assert_match(/\A#<Cxmetrics::RfmCustomers 2 customers \(customer_id, recency_days, transaction_count, amount\), analysis_day: /,
                 c.inspect)
  end

  def test_builtin_names_are_the_librarys
    n = Cxmetrics::Native
    assert_equal Array.new(n.names_count(n::NAMES_RFM_RULES)) { |i| n.names_at(n::NAMES_RFM_RULES, i) },
                 Cxmetrics::RfmRules.builtin_names
    err = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics::RfmRules.builtin("r_99") }
    Cxmetrics::RfmRules.builtin_names.each { |name| assert_includes err.message, name }
  end

  def test_aggregate_orders_errors
    assert_raises(Cxmetrics::Inconsistent) { Cxmetrics.rfm_aggregate_orders(["a"], ["2007-01-02"], [1], "2006-12-31") }
    assert_raises(Cxmetrics::EmptyInput) { Cxmetrics.rfm_aggregate_orders([], [], [], "2006-12-31") }
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.rfm_aggregate_orders(%w[a b], ["2006-01-01"], [1, 2], 0) }
    assert_raises(Cxmetrics::ParseError) { Cxmetrics.rfm_aggregate_orders(["a"], ["yesterday"], [1], 0) }
    assert_raises(Cxmetrics::NanInput) { Cxmetrics.rfm_aggregate_orders(["a"], [0], [nil], 10) }
    err = assert_raises(Cxmetrics::ArgumentTypeError) { Cxmetrics.rfm_aggregate_orders(["a"], [:today], [1], 10) }
    assert_match(/:today \(Symbol\)/, err.message)
  end
end
