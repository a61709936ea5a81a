# frozen_string_literal: true

require_relative "test_helper"
require "date"

# Cohorts (spec §24) through Ruby, on the hand-worked log of
# tests/unit/test_cohort.c (every value worked out there by hand: churn
# 100 L / S and retention 100 (E - N) / S of §5 between consecutive months).
class TestCohort < Minitest::Test
  include CxmTest

  ROWS = [
    { customer_id: "d", time: "2024-03-20T09:00Z", event: "view", amount: Float::NAN },
    { customer_id: "a", time: "2024-01-20T10:00Z", event: "purchase", amount: 10.5 },
    { customer_id: "b", time: "2024-02-01T08:00Z", event: "view", amount: Float::NAN },
    { customer_id: "a", time: "2024-01-05T10:00Z", event: "view", amount: Float::NAN },
    { customer_id: "c", time: "2024-02-10T12:00Z", event: "view", amount: Float::NAN },
    { customer_id: "b", time: "2024-01-31T23:30Z", event: "view", amount: Float::NAN },
    { customer_id: "a", time: "2024-03-02T10:00Z", event: "purchase", amount: 4.25 },
    { customer_id: "d", time: "2024-02-15T10:00Z", event: "purchase", amount: 7.0 }
  ].freeze

  def assert_column(exp, got, name)
    assert_equal exp.size, got.size, name
    exp.zip(got).each_with_index do |(e, g), i|
      if e.nil?
        assert g.nan?, "#{name}[#{i}] = #{g}, expected NaN"
      else
        assert_close e, g, 1e-12, "#{name}[#{i}]"
      end
    end
  end

  def test_monthly_by_hand
    t = Cxmetrics.cohort(ROWS, every: :month)
    jan = (Date.new(2024, 1, 1) - Date.new(1970, 1, 1)).to_f
    feb = (Date.new(2024, 2, 1) - Date.new(1970, 1, 1)).to_f
    assert_equal [jan, jan, jan, feb, feb], t.cohort
    assert_column [0, 1, 2, 0, 1], t.period, "period"
    assert_column [2, 2, 2, 2, 2], t.customers, "customers"
    assert_column [2, 1, 1, 2, 1], t.active, "active"
    assert_column [100, 50, 50, 100, 50], t.retention, "retention"
    assert_column [nil, 50, 100, nil, 50], t.churn, "churn"
    assert_column [nil, 50, 0, nil, 50], t.period_retention, "period_retention"
    assert_equal "cohort", t.attrs[:kind]
    assert_equal "month", t.attrs[:every]
    assert_equal 4.0, t.attrs[:customers_in_log]
  end

  def test_offset_moves_an_event_across_midnight
    # at +01:00 b's 2024-01-31T23:30Z is February 1: b joins the February cohort
    t = Cxmetrics.cohort(ROWS, utc_offset: 60)
    assert_column [1, 1, 1, 3, 3], t.customers, "customers"
    assert_column [1, 0, 1, 3, 1], t.active, "active"
    assert_column [nil, 100, nil, nil, 200.0 / 3], t.churn, "churn"
  end

  def test_purchases_and_revenue
    t = Cxmetrics.cohort(ROWS, amount: :amount, first_event: "purchase", active_event: "purchase")
    assert_column [10.5, 0, 4.25, 7, 0], t.revenue, "revenue"
    assert_column [10.5, 10.5, 14.75, 7, 7], t.cumulative_revenue_per_customer, "cumulative"
    assert_equal 2.0, t.attrs[:customers_not_entered]
    h = t.to_h
    assert_equal t.revenue, h[:revenue]
  end

  def test_errors
    e = assert_raises(Cxmetrics::NanInput) { Cxmetrics.cohort(ROWS, amount: :amount, first_event: "purchase") }
    assert_includes e.message, "customer 'd' (row 1, event 'view')"
    t = Cxmetrics.cohort(ROWS, amount: :amount, first_event: "purchase", nan_policy: :omit)
    assert_equal 1.0, t.attrs[:amounts_omitted]
    e = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.cohort(ROWS, first_event: "signup") }
    assert_includes e.message, "first_event 'signup' is not an event in the log"
    e = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.cohort(ROWS, every: :fortnight) }
    assert_includes e.message, "month"
  end

  def test_orders_file_agrees_with_the_command_line
    # C (cxm cohort's CSV) and Ruby on the bundled orders file, no event column
    path = File.join(CxmTest::ROOT, "tests", "cli", "data", "cohort_orders.csv")
    t = Cxmetrics.cohort(path, event: nil, amount: :amount, every: :week, utc_offset: 300)
    csv = IO.popen([ENV.fetch("CXM_EXE"), "cohort", path, "--amount", "amount", "--every", "week",
                    "--utc-offset", "+05:00", "--format", "csv"], &:read)
    lines = csv.lines.map(&:chomp)
    header = lines.shift.split(",")
    assert_equal t.columns.keys.map(&:to_s), header
    assert_equal t.size, lines.size
    lines.each_with_index do |line, i|
      fields = line.split(",", -1)
      header.each_with_index do |name, k|
        next if name == "cohort"

        got = t.columns[name.to_sym][i]
        if fields[k].empty?
          assert got.nan?, "#{name}[#{i}]"
        else
          assert_equal Float(fields[k]), got, "#{name}[#{i}]"
        end
      end
    end
  end
end
