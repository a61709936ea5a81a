# frozen_string_literal: true

require_relative "test_helper"
require "json"
require "tmpdir"

# Funnels (spec §22) through Ruby. Expected values: the customers worked by
# hand in tests/unit/test_funnel.c (the issue's edge cases: a first event
# that is not step 1, the window boundary exactly, strict mode broken by
# another event, repeated steps at the same second, any order), the Wilson
# bounds from the textbook formula written out here; the funnel against a
# plain pandas implementation on random logs is tests/python/test_funnel.py.
class TestFunnel < Minitest::Test
  include CxmTest

  # customer, seconds, event (shuffled; see tests/unit/test_funnel.c)
  ROWS = [
    %w[a 0 view], %w[b 0 home], %w[c 0 view], %w[d 0 view], %w[e 0 cart], %w[h 0 view],
    %w[a 10 cart], %w[b 5 view], %w[c 10 view], %w[d 100 cart], %w[e 1 view], %w[h 1 home],
    %w[a 20 buy], %w[b 50 cart], %w[c 200 cart], %w[d 101 buy], %w[e 2 buy], %w[h 2 cart]
  ].map { |c, t, e| { customer: c, time: Float(t), event: e } }.freeze
  COLS = { customer: "customer", time: "time", event: "event" }.freeze

  def wilson(x, n)
    z = 1.959963984540054
    p = x.fdiv(n)
    d = 1 + z * z / n
    c = p + z * z / (2 * n)
    h = z * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    [100 * (c - h) / d, 100 * (c + h) / d]
  end

  def test_ordered_by_hand
    f = Cxmetrics.funnel(ROWS, steps: %w[view cart buy], window: 100, **COLS)
    assert_equal [6, 4, 1], f.steps.map { |r| r[:customers] }
    assert_equal [1, 2, 3], f.steps.map { |r| r[:step] }
    assert_close 100.0, f.steps[0][:conversion]
    assert_close 400.0 / 6, f.steps[1][:conversion]
    lo, hi = wilson(4, 6)
    assert_close lo, f.steps[1][:lower]
    assert_close hi, f.steps[1][:upper]
    assert_nil f.steps[0][:lower]
    assert_nil f.steps[2][:drop_off]
    # view -> cart: 2 10 45 100 s: mean 39.25, median 27.5, p90 83.5 (type 7)
    assert_close 39.25, f.steps[0][:mean_seconds_to_next]
    assert_close 27.5, f.steps[0][:median_seconds_to_next]
    assert_close 83.5, f.steps[0][:p90_seconds_to_next]
    assert_equal "funnel", f.attrs[:kind]
    assert_equal "ordered", f.attrs[:mode]
    assert_equal [], f.tests
  end

  def test_next_events_by_hand
    f = Cxmetrics.funnel(ROWS, steps: %w[view cart buy], window: "100s", **COLS)
    got = f.next_events.map { |r| [r[:step], r[:next_event], r[:customers]] }
    assert_equal [[1, "buy", 1], [1, "view", 1], [2, "(end)", 2], [2, "buy", 1]], got
    assert_close 200.0 / 3, f.next_events[2][:share]
  end

  def test_modes_and_window
    strict = Cxmetrics.funnel(ROWS, steps: %w[view cart buy], window: 100, mode: :strict, **COLS)
    assert_equal [6, 3, 1], strict.steps.map { |r| r[:customers] }
    any = Cxmetrics.funnel(ROWS, steps: %w[view cart buy], window: 100, mode: "any", **COLS)
    assert_equal [6, 5, 2], any.steps.map { |r| r[:customers] }
    narrow = Cxmetrics.funnel(ROWS, steps: %w[view cart buy], window: 99, **COLS)
    assert_equal [6, 3, 1], narrow.steps.map { |r| r[:customers] } # d's cart at exactly 100 is out
  end

  def test_repeated_steps_at_the_same_second
    rows = [%w[f 0 view], %w[f 0 view], %w[f 0 cart], %w[g 0 view], %w[g 1 cart]]
           .map { |c, t, e| { customer: c, time: Float(t), event: e } }
    f = Cxmetrics.funnel(rows, steps: %w[view view cart], window: 0, **COLS)
    assert_equal [2, 1, 1], f.steps.map { |r| r[:customers] }
  end

  def test_breakdown_tests_by_hand
    # channel at the step-1 event; web: 4 customers view, 3 cart; app: 4 view, 1 cart
    rows = []
    %w[w1 w2 w3 w4 a1 a2 a3 a4].each do |c|
      ch = c.start_with?("w") ? "web" : "app"
      rows << { customer: c, time: 0.0, event: "view", channel: ch }
      rows << { customer: c, time: 1.0, event: "cart", channel: ch } if %w[w1 w2 w3 a1].include?(c)
    end
    f = Cxmetrics.funnel(rows, steps: %w[view cart], window: 60, by: "channel", properties: ["channel"], **COLS)
    assert_equal ["(all)", "(all)", "app", "app", "web", "web"], f.steps.map { |r| r[:channel] }
    assert_equal [8, 4, 4, 1, 4, 3], f.steps.map { |r| r[:customers] }
    # pooled z: p = 4/8, se = sqrt(0.25 (1/4 + 1/4)) = 0.353553..., z = (0.25 - 0.75) / se
    z = (0.25 - 0.75) / Math.sqrt(0.25 * 0.5)
    p = Math.erfc(z.abs / Math.sqrt(2))
    app = f.tests.find { |r| r[:channel] == "app" }
    assert_close p, app[:p_value]
    assert_close(-50.0, app[:diff])
    assert_close [2 * p, 1.0].min, app[:p_adjusted] # Holm over two equal p-values
    assert_equal "holm", f.attrs[:adjust]
  end

  def test_to_h_and_json
    f = Cxmetrics.funnel(ROWS, steps: %w[view cart], window: 100, **COLS)
    h = f.to_h
    assert_equal %i[steps next_events tests], h.keys.first(3)
    j = JSON.parse(f.to_json)
    assert_nil j["steps"][0]["lower"]
    assert_equal 4, j["steps"][1]["customers"]
    assert_equal %w[ordered strict any], Cxmetrics.funnel_mode_words
    assert_includes f.to_html, "<svg"
  end

  def test_bad_input
    e = assert_raises(Cxmetrics::InvalidArgument) do
      Cxmetrics.funnel(ROWS, steps: %w[view checkout], window: 100, **COLS)
    end
    assert_match(/step 'checkout' is not an event in the log \(events: .*buy\)/, e.message)
    e = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.funnel(ROWS, steps: %w[view cart], window: -1, **COLS) }
    assert_match(/-1/, e.message)
    e = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.funnel(ROWS, steps: %w[view cart], window: "-3d", **COLS) }
    assert_match(/-3d/, e.message)
    e = assert_raises(Cxmetrics::InvalidArgument) do
      Cxmetrics.funnel(ROWS, steps: %w[view cart], window: 100, mode: :sideways, **COLS)
    end
    assert_match(/sideways/, e.message)
    assert_raises(Cxmetrics::ArgumentTypeError) { Cxmetrics.funnel(ROWS, steps: "view,cart", **COLS) }
  end

  def test_bad_timestamp_names_its_line
    Dir.mktmpdir do |dir|
      path = File.join(dir, "events.csv")
      File.write(path, "customer,time,event\na,2024-01-01T10:00:00Z,view\nb,yesterday,cart\n")
      e = assert_raises(Cxmetrics::Error) { Cxmetrics.funnel(path, steps: %w[view cart], **COLS) }
      assert_match(/events\.csv:3/, e.message)
    end
  end
end
