# frozen_string_literal: true

require_relative "test_helper"
require "tmpdir"
require "time"

# Event logs (spec §21) through Ruby: Cxmetrics::Events and Events.wrap.
# Expected orders are worked by hand (the rows of tests/unit/test_events.c)
# or computed here with Ruby's own stable sort (sort_by with the input index
# as the last key) and Time.iso8601, written independently of the library.
class TestEvents < Minitest::Test
  CUST = %w[b a a b c b c a].freeze
  SECS = [50, 20, 20, 10, 7, 10, 7, 5].freeze
  EVS = %w[view cart view visit visit cart buy visit].freeze
  # by hand: customers b, a, c (first appearance); within each, time then input row
  SORTED_ROWS = [3, 5, 0, 7, 1, 2, 4, 6].freeze
  T0 = Time.utc(2024, 1, 1).to_i

  def rows
    CUST.each_index.map do |i|
      { customer_id: CUST[i], time: Time.at(T0 + SECS[i]).utc.iso8601, event: EVS[i] }
    end
  end

  def test_array_of_hashes_sorted_by_hand
    log = Cxmetrics::Events.new(rows)
    assert_equal 8, log.size
    assert_equal 3, log.customers
    t = log.table
    assert_equal %i[customer_id time event row], t.column_names
    assert_equal(SORTED_ROWS.map { |r| CUST[r] }, t[:customer_id])
    assert_equal(SORTED_ROWS.map { |r| (T0 + SECS[r]).to_f }, t[:time])
    assert_equal(SORTED_ROWS.map { |r| EVS[r] }, t[:event])
    assert_equal(SORTED_ROWS.map { |r| r + 1.0 }, t[:row])
    assert_equal "events", t.attrs[:kind]
    assert_equal(Cxmetrics::Events.skip_words.to_h { |w| [w.to_sym, 0] }, log.skipped)
  end

  def test_seeded_against_ruby_stable_sort
    rng = Random.new(13)
    n = 1500
    ids = Array.new(n) { "c#{rng.rand(120)}" }
    secs = Array.new(n) { rng.rand(300) * 60 }
    names = Array.new(n) { %w[visit view cart buy][rng.rand(4)] }
    amount = Array.new(n) { rng.rand < 0.3 ? rng.rand(100).to_f : nil }
    source = { "customer_id" => ids, "time" => secs.map { |s| Time.at(T0 + s).utc }, "event" => names,
               "amount" => amount }
    log = Cxmetrics::Events.new(source, values: ["amount"])
    first = {}
    ids.each_with_index { |c, i| first[c] ||= first.size }
    order = (0...n).sort_by { |i| [first[ids[i]], secs[i], i] }
    t = log.table
    assert_equal(order.map { |i| ids[i] }, t[:customer_id])
    assert_equal(order.map { |i| (T0 + secs[i]).to_f }, t[:time])
    assert_equal(order.map { |i| i + 1.0 }, t[:row])
    order.each_with_index do |i, k|
      if amount[i].nil? then assert t[:amount][k].nan?
      else assert_equal amount[i], t[:amount][k]
      end
    end
    h = log.to_h
    assert_equal order.first + 1, h[:events].first[:row]
  end

  def with_file(text, name = "events.csv")
    Dir.mktmpdir do |dir|
      path = File.join(dir, name)
      File.binwrite(path, text)
      yield path
    end
  end

  def test_csv_with_offsets_and_properties
    text = "user,ts,page,channel,csat\n" \
           "u1,2024-03-15T10:22:33+02:00,a,web,5\n" \
           "u2,2024-03-15T08:22:33Z,b,,\n" \
           "u1,2024-03-15,c,app,3\n"
    with_file(text) do |path|
      log = Cxmetrics::Events.new(path, customer: :user, time: :ts, event: :page, properties: [:channel],
                                        values: "csat", threads: 2)
      t = log.table
      # Time.iso8601 converts each to UTC on its own: 08:22:33Z, 08:22:33Z, 00:00Z
      assert_equal %w[u1 u1 u2], t[:user]
      assert_equal %w[c a b], t[:page]
      assert_equal [Time.utc(2024, 3, 15).to_f, Time.iso8601("2024-03-15T10:22:33+02:00").to_f,
                    Time.iso8601("2024-03-15T08:22:33Z").to_f], t[:ts]
      assert_equal ["app", "web", ""], t[:channel]
      assert_equal [3.0, 5.0], t[:csat][0, 2]
      assert t[:csat][2].nan?
    end
  end

  def test_no_event_column_and_wrap
    log = Cxmetrics::Events.new({ "customer_id" => %w[x y], "time" => %w[2024-01-02 2024-01-01] }, event: nil)
    assert_equal %w[event event], log.table[:event]
    assert_same log, Cxmetrics::Events.wrap(log)
    assert_same log, Cxmetrics::Events.wrap(log, customer: "customer_id", event: nil)
    e = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics::Events.wrap(log, customer: "user") }
    assert_includes e.message, "built with customer"
    e = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics::Events.wrap(log, values: ["amount"]) }
    assert_includes e.message, "not in the Events"
    assert_instance_of Cxmetrics::Events, Cxmetrics::Events.wrap(rows)
  end

  def test_bad_timestamp_names_line
    with_file("customer_id,time,event\na,2024-01-01T10:00:00Z,view\nb,2024-13-01T10:00:00Z,view\n") do |path|
      e = assert_raises(Cxmetrics::ParseError) { Cxmetrics::Events.new(path) }
      assert_includes e.message, "events.csv:3:2 'time': '2024-13-01T10:00:00Z' is not a timestamp"
      log = Cxmetrics::Events.new(path, skip_bad_rows: true)
      assert_equal 1, log.size
      assert_equal 1, log.skipped[:bad_timestamp]
    end
  end

  def test_missing_column_empty_id_ragged
    with_file("user,time,event\na,2024-01-01,x\n") do |path|
      e = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics::Events.new(path) }
      assert_includes e.message, "the customer column: no column 'customer_id'"
      assert_includes e.message, "its columns are: user, time, event"
    end
    with_file("customer_id,time,event\na,2024-01-01,x\n,2024-01-02,y\nc,2024-01-03\n") do |path|
      e = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics::Events.new(path) }
      assert_includes e.message, "events.csv:3:1 'customer_id': the customer id is missing"
      log = Cxmetrics::Events.new(path, skip_bad_rows: true)
      assert_equal 1, log.skipped[:missing_id]
      assert_equal 1, log.skipped[:ragged]
    end
    with_file("customer_id,time,event\na,2024-01-01,x\nc,2024-01-03\n") do |path|
      e = assert_raises(Cxmetrics::ParseError) { Cxmetrics::Events.new(path) }
      assert_includes e.message, "events.csv:3"
    end
    e = assert_raises(Cxmetrics::InvalidArgument) do
      Cxmetrics::Events.new([{ customer_id: nil, time: "2024-01-01", event: "x" }])
    end
    assert_includes e.message, "row 1, column 'customer_id': the customer id is missing"
  end

  def test_bad_options_and_empty
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics::Events.new(rows, utc_offset: 900) }
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics::Events.new(rows, threads: -1) }
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics::Events.new(rows, skip_bad_rows: 1) }
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics::Events.new(42) }
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics::Events.new([1, 2]) }
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics::Events.new(rows, properties: (1..9).map { |i| "p#{i}" }) }
    assert_raises(Cxmetrics::EmptyInput) { Cxmetrics::Events.new([]) }
    assert_equal 120.0, Cxmetrics::Events.new(rows, utc_offset: "+02:00").table.attrs[:utc_offset]
  end

  def test_duration_parse
    # by hand: 1 d = 86400 s, 1 w = 604800 s
    assert_equal 604_800.0, Cxmetrics::Native.duration_parse("7d")
    assert_equal 5400.0, Cxmetrics::Native.duration_parse("1.5h")
    assert_equal 90.0, Cxmetrics::Native.duration_parse("90")
    e = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics::Native.duration_parse("-1d") }
    assert_includes e.message, "negative"
  end
end
