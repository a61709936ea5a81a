# frozen_string_literal: true

require_relative "test_helper"

# Paths and touchpoints (spec §23) through Ruby. Expected values: the hand
# log of tests/unit/test_paths.c counted by hand, and the Wilson interval
# (spec §2.3) and adjusted Wald (§1.4) written out here.
class TestPaths < Minitest::Test
  ROWS = [
    { customer_id: "b", time: 100.0, event: "cart", csat: 4.0 },
    { customer_id: "a", time: 10.0, event: "cart", csat: 2.0 },
    { customer_id: "a", time: 50.0, event: "view", csat: Float::NAN },
    { customer_id: "c", time: 3.0, event: "cart", csat: 5.0 },
    { customer_id: "b", time: 5.0, event: "view", csat: Float::NAN },
    { customer_id: "a", time: 0.0, event: "view", csat: Float::NAN },
    { customer_id: "a", time: 10.0, event: "pay", csat: 5.0 },
    { customer_id: "b", time: 7.0, event: "view", csat: Float::NAN }
  ].freeze
  Z95 = 1.959963984540054

  def wilson(x, n, z = Z95)
    p = x.to_f / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / (1 + z * z / n)
    [100 * (centre - half), 100 * (centre + half)]
  end

  def test_transitions
    t = Cxmetrics.transitions(ROWS)
    assert_equal %w[cart pay view view], t["from"]
    assert_equal %w[pay view cart view], t["to"]
    assert_equal [1.0, 1.0, 2.0, 1.0], t["count"]
    [100.0, 100.0, 200.0 / 3, 100.0 / 3].zip(t["probability"]).each { |e, g| assert_in_delta e, g, 1e-12 }
    assert_equal [0.0, 40.0, 51.5, 2.0], t["median_seconds"]
    assert_equal "transitions", t.attrs[:kind]
  end

  def test_top_paths
    p = Cxmetrics.top_paths(ROWS, start: "view", length: 4)
    assert_equal ["view > cart > pay > view", "view > view > cart > (end)"], p["path"]
    assert_equal [50.0, 50.0], p["share"]
    q = Cxmetrics.top_paths(ROWS, end: "cart", length: 2)
    assert_equal ["view > cart", "(start) > cart"], q["path"]
    assert_equal [2.0, 1.0], q["customers"]
    assert_equal "paths", q.attrs[:kind]
  end

  # csat answers: cart 4, 2, 5 (2 of 3 satisfied at >= 4); pay 5 (1 of 1).
  # friction: cart (66.67 + 33.33) / 2 = 50; view 50 (drop-off only); pay (0 + 0) / 2 = 0.
  def test_touchpoints
    t = Cxmetrics.touchpoints(ROWS, csat: :csat)
    assert_equal %w[cart view pay], t["event"]
    assert_equal [3.0, 0.0, 1.0], t["csat_n"]
    assert_in_delta 200.0 / 3, t["csat"][0], 1e-12
    lo, hi = wilson(2, 3)
    assert_in_delta lo, t["csat_lower"][0], 1e-9
    assert_in_delta hi, t["csat_upper"][0], 1e-9
    [50.0, 50.0, 0.0].zip(t["friction"]).each { |e, g| assert_in_delta e, g, 1e-12 }
    assert_equal [2.0, 1.0, 2.0], t["friction_components"]
    assert t["csat"][1].nan?
    assert_equal "touchpoints", t.attrs[:kind]
  end

  # cart as a goal: its exits (b, c) are finishes, so no drop_off; with its
  # CSAT (2 of 3 satisfied) its friction is 100 - 200/3 alone.
  def test_touchpoints_goals
    t = Cxmetrics.touchpoints(ROWS, csat: :csat, goals: ["cart"])
    i = t["event"].index("cart")
    assert t["drop_off"][i].nan?
    assert_in_delta 100.0 / 3, t["friction"][i], 1e-12
    assert_equal 1.0, t["goal"][i]
    assert_equal 1.0, t["friction_components"][i]
    err = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.touchpoints(ROWS, goals: ["refund"]) }
    assert_match(/goal 'refund' is not an event in the log/, err.message)
  end

  def test_bad_input
    e = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.top_paths(ROWS, start: "checkout") }
    assert_includes e.message, "'checkout'"
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.top_paths(ROWS) }
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.top_paths(ROWS, start: "view", length: 1) }
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.touchpoints(ROWS, csat: :csat, csat_threshold: 9) }
    bad = ROWS.map(&:dup)
    bad[1][:csat] = 7.0
    e = assert_raises(Cxmetrics::OutOfRange) { Cxmetrics.touchpoints(bad, csat: :csat) }
    assert_includes e.message, "column 'csat', customer 'a', input row 2 (event 'cart')"
  end

  def test_journey_page_takes_the_tables
    page = Cxmetrics.journey_html([Cxmetrics.transitions(ROWS), Cxmetrics.touchpoints(ROWS)])
    assert_equal 2, page.scan("<table").size
  end
end
