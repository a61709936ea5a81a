# frozen_string_literal: true

require_relative "test_helper"
require "json"
require "tmpdir"

# Value x price-sensitivity segments (spec §13): seven customers worked by hand
# (as tests/unit/test_segment.c): spends 220, 20, 50, 60, 23, 300, 100, so the
# type-7 quantiles are Q(0.2) = 28.4, Q(0.6) = 84, Q(0.8) = 196; each segment
# follows from the value_price rules. Larger data are checked against a
# direct evaluation of the preset's JSON written here.
class TestSegment < Minitest::Test
  include CxmTest

  ORDERS = [["a", 100, 0], ["b", 20, 10], ["a", 120, 0], ["c", 50, 0], ["d", 30, 20], ["d", 30, 0],
            ["e", 10, 0], ["e", 5, 0], ["e", 8, 0], ["f", 300, 0], ["g", 40, 20], ["g", 60, 0]]
                 .map { |c, a, d| { customer: c, paid: a.to_f, discount: d.to_f } }.freeze
  EXPECTED = { "a" => "Luxury / Aspirational", "b" => "Bargain Hunters", "c" => "One-Time Buyers",
               "d" => "Bargain Hunters", "e" => "Low-Value Regulars", "f" => "Luxury / Aspirational",
               "g" => "Mainstream Backbone" }.freeze

  def q7(xs, p)
    s = xs.sort
    h = (s.size - 1) * p
    lo = h.floor
    s[lo] + (h - lo) * (s[[lo + 1, s.size - 1].min] - s[lo])
  end

  def test_value_by_hand
    res = Cxmetrics::Segment.value(ORDERS, customer: :customer, amount: :paid, discount: :discount)
    assert_equal EXPECTED.keys, res.customers.customer_id
    assert_equal EXPECTED.values, res.customers.segment
    assert_equal [220.0, 20.0, 50.0, 60.0, 23.0, 300.0, 100.0], res.customers.spend
    assert_close 0.25, res.customers.discount_share[3]
    th = res.thresholds
    assert_equal 10, th.size
    assert_close 84.0, th.value[0]
    assert_close 196.0, th.value[2]
    assert_close 28.4, th.value[5]
    assert th.quantile[1].nan? # a number bound
    s = res.summary
    assert_equal Cxmetrics::SegmentRules.builtin.names + ["Others"], s.segment
    assert_equal [2.0, 0.0, 2.0, 1.0, 1.0, 1.0, 0.0], s.customers
    assert_equal 520.0, s.spend[0]
    assert_close 100.0 * 520 / 773, s.spend_share[0]
    assert_equal %i[customers thresholds summary], res.to_h.keys
    # last match: d is Mainstream Backbone
    last = Cxmetrics::Segment.value(ORDERS, customer: :customer, amount: :paid, discount: :discount, match: :last)
    assert_equal "Mainstream Backbone", last.customers.segment[3]
  end

  def test_assign_against_direct_evaluation
    preset = JSON.parse(File.read(File.join(ROOT, "lib", "segment", "presets", "value_price.json")))
    rng = Random.new(77)
    ids = Array.new(3000) { "c#{rng.rand(400)}" }
    paid = Array.new(3000) { (rng.rand * 200).round(2) }
    disc = Array.new(3000) { rng.rand < 0.3 ? (rng.rand * 50).round(2) : 0.0 }
    cust = Cxmetrics::Segment.value_customers(ids, paid, disc)
    assigned, = Cxmetrics::Segment.assign(cust)
    cols = preset["dimensions"].map { |d| d["name"] }
    lim = preset["segments"].map do |s|
      cols.to_h do |d|
        b = (s[d] || {}).transform_values { |v| v.is_a?(Hash) ? q7(cust.public_send(d), v["quantile"]) : v }
        [d, b]
      end
    end
    expected = Array.new(cust.size) do |i|
      k = lim.index do |l|
        l.all? do |d, b|
          v = cust.public_send(d)[i]
          (!b.key?("min") || v >= b["min"]) && (!b.key?("max") || v < b["max"])
        end
      end
      k ? preset["segments"][k]["name"] : "Others"
    end
    assert_equal expected, assigned.segment
  end

  def test_rules_and_validate
    r = Cxmetrics::SegmentRules.builtin
    assert_equal ["value_price"], Cxmetrics::SegmentRules.builtin_names
    assert_equal %w[spend orders discount_share full_price_share], r.dimensions
    assert_equal :first, r.match
    f = r.validate
    assert_equal [0.0, 0.0, "spend"], f.attrs.values_at(:unreachable, :uncovered_cells, :quantile_dimensions)
    # x in [0, 10]: B inside A, gaps [0, 2) and [5, 10]
    gaps = Cxmetrics::SegmentRules.from_json('{"dimensions": [{"name": "x", "min": 0, "max": 10}], "segments": [' \
                                             '{"name": "A", "x": {"min": 2, "max": 5}}, {"name": "B", "x": {"min": 3, "max": 4}}]}')
    rows = gaps.validate.to_a
    assert_equal [%w[unreachable B A]], rows.select { |x| x[:kind] == "unreachable" }.map { |x| x.values_at(:kind, :rule, :other) }
    assert_equal [[0.0, 2.0], [5.0, 10.0]], rows.select { |x| x[:kind] == "uncovered" }.map { |x| x.values_at(:x_min, :x_max) }
    assert_equal JSON.parse(File.read(File.join(ROOT, "lib", "segment", "presets", "value_price.json"))), JSON.parse(r.to_json)
  end

  def test_rules_from_a_file_path
    Dir.mktmpdir do |dir|
      path = File.join(dir, "mine.json")
      File.write(path, '{"dimensions": ["spend"], "segments": [{"name": "Big", "spend": {"min": 100}}]}')
      orders = [{ c: "a", p: 150.0 }, { c: "b", p: 50.0 }]
      res = Cxmetrics::Segment.value(orders, customer: :c, amount: :p, rules: path)
      assert_equal %w[Big Others], res.customers.segment
    end
  end

  def test_errors
    err = assert_raises(Cxmetrics::ParseError) { Cxmetrics::SegmentRules.from_json('{"dimensions": ["x",]}') }
    assert_includes err.message, "not valid JSON at byte 20"
    assert_raises(Cxmetrics::OutOfRange) do
      Cxmetrics::SegmentRules.from_json('{"dimensions": ["x"], "segments": [{"name": "A", "x": {"min": {"quantile": 2}}}]}')
    end
    err = assert_raises(Cxmetrics::OutOfRange) { Cxmetrics::Segment.value_customers(%w[a b], [1.0, -2.0]) }
    assert_includes err.message, 'customer "b"'
    err = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics::Segment.assign({ x: [1.0] }) }
    assert_includes err.message, 'no column "spend"'
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics::SegmentRules.builtin("nope") }
    assert_raises(Cxmetrics::IOFailure) { Cxmetrics::SegmentRules.from_file(File.join(Dir.tmpdir, "no_such_rules.json")) }
  end
end
