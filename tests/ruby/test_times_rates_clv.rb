# frozen_string_literal: true

require_relative "test_helper"

# Response times (§4), rates (§5) and CLV (§6).
class TestTimesRatesClv < Minitest::Test
  def test_time_summary
    t = Cxmetrics.time_summary([10, 20, 30, 40, 100]) # type 7: p90 = 0.4 * 40 + 0.6 * 100
    assert_kind_of Cxmetrics::TimeSummary, t
    assert_equal 5, t.n
    assert_equal [200.0, 40.0, 30.0, 10.0, 100.0], [t.total, t.mean, t.median, t.min, t.max]
    assert_close 76.0, t.p90
    assert_equal 2, Cxmetrics.time_summary([10, nil, 20], nan_policy: :omit).n
    assert_raises(Cxmetrics::NanInput) { Cxmetrics.time_summary([10, nil]) }
    assert_raises(Cxmetrics::OutOfRange) { Cxmetrics.time_summary([10, -1]) }
    assert_raises(Cxmetrics::EmptyInput) { Cxmetrics.time_summary([]) }
  end

  def test_durations
    assert_equal [60.0, 60.0, 600.0],
                 Cxmetrics.durations([0, 100, 200, 300], [60, 160, nil, 900], nan_policy: :omit)
    t0 = Time.at(1_700_000_000)
    assert_equal [90.0], Cxmetrics.durations([t0], [t0 + 90])
    assert_raises(Cxmetrics::NanInput) { Cxmetrics.durations([0, 1], [5, nil]) }
    assert_raises(Cxmetrics::OutOfRange) { Cxmetrics.durations([100], [50]) }
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.durations([1, 2], [3]) }
    assert_equal [], Cxmetrics.durations([], [])
  end

  def test_average_from_total
    assert_equal 50.0, Cxmetrics.average_from_total(25_000, 500) # generatekpi
    assert_raises(Cxmetrics::EmptyInput) { Cxmetrics.average_from_total(0, 0) }
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.average_from_total(-1, 2) }
  end

  def test_count_rates
    assert_equal 5.0, Cxmetrics.churn_rate(1000, 50)
    assert_equal 65.0, Cxmetrics.retention_rate(200, 180, 50)      # exprimere & al.
    assert_close 100.0 / 3, Cxmetrics.repeat_purchase_rate_counts(1000, 3000) # japio
    assert_equal 5.0, Cxmetrics.referral_rate(50, 1000)            # zapscale
    assert_equal 7.5, Cxmetrics.referral_rate(45, 600)             # marketing-calculator
    assert_equal 2.5, Cxmetrics.error_rate(1, 40)
    assert_close 46.048472075869336, Cxmetrics.bounce_rate_counts(874, 1898) # GA sample gist
    assert_raises(Cxmetrics::EmptyInput) { Cxmetrics.churn_rate(0, 0) }
    assert_raises(Cxmetrics::Inconsistent) { Cxmetrics.churn_rate(10, 11) }
    assert_raises(Cxmetrics::Inconsistent) { Cxmetrics.retention_rate(100, 40, 50) }
    assert_raises(Cxmetrics::Inconsistent) { Cxmetrics.retention_rate(100, 200, 50) }
    assert_raises(Cxmetrics::EmptyInput) { Cxmetrics.referral_rate(0, 0) }
    assert_raises(Cxmetrics::EmptyInput) { Cxmetrics.error_rate(0, 0) }
    assert_raises(Cxmetrics::Inconsistent) { Cxmetrics.bounce_rate_counts(3, 2) }
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.repeat_purchase_rate_counts(1.5, 3) }
  end

  def test_repeat_purchase_and_bounce_from_rows
    r = Cxmetrics.repeat_purchase_rate([0, 1, 2, 3, 1, 0])
    assert_kind_of Cxmetrics::RepeatPurchase, r
    assert_equal [4, 2, 50.0], [r.customers, r.repeat_customers, r.rate]
    assert_raises(Cxmetrics::EmptyInput) { Cxmetrics.repeat_purchase_rate([0, 0]) }
    assert_raises(Cxmetrics::NonInteger) { Cxmetrics.repeat_purchase_rate([1.5]) }
    b = Cxmetrics.bounce_rate([1, 3, 1, 2])
    assert_kind_of Cxmetrics::Bounce, b
    assert_equal [4, 2, 50.0], [b.sessions, b.bounces, b.rate]
    assert_raises(Cxmetrics::OutOfRange) { Cxmetrics.bounce_rate([0, 1]) }
  end

  def test_task_success
    t = Cxmetrics.task_success([1, 1, 1, 1, 0], z: 1.96)
    assert_kind_of Cxmetrics::TaskSuccess, t
    assert_equal [5, 4, 80.0], [t.n, t.successes, t.rate]
    assert_in_delta 35.962, t.adjwald_lower, 1e-2 # Tullis, in percent
    assert_in_delta 97.968, t.adjwald_upper, 1e-2
    w = Cxmetrics.wilson(4, 5, z: 1.96)
    assert_close 100 * w.lower, t.wilson_lower
    assert_equal t, Cxmetrics.task_success([true, true, true, true, false], z: 1.96)
    assert_operator Cxmetrics.task_success([1] * 5).adjwald_upper, :>, 100.0 # not clipped
    assert_raises(Cxmetrics::OutOfRange) { Cxmetrics.task_success([1, 2]) }
  end

  def test_monthly_active_users
    ids = %w[a b a c d e b]
    ts = [0, 10, 20, 2_592_000, 2_591_999.5, -1, 100]
    assert_equal 3, Cxmetrics.monthly_active_users(ids, ts, window_start: 0, window_end: 2_592_000)
    assert_equal 0, Cxmetrics.monthly_active_users([], [], window_start: 0, window_end: 10)
    assert_equal 2, Cxmetrics.monthly_active_users([1, 2, 1], [1, 2, 3], window_start: 0, window_end: 10)
    t0 = Time.at(0)
    assert_equal 1, Cxmetrics.monthly_active_users(["x"], [t0 + 5], window_start: t0, window_end: t0 + 10)
    assert_raises(Cxmetrics::NanInput) { Cxmetrics.monthly_active_users(%w[a b], [1, nil], window_start: 0, window_end: 9) }
    assert_equal 1, Cxmetrics.monthly_active_users(%w[a b], [1, nil], window_start: 0, window_end: 9, nan_policy: :omit)
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.monthly_active_users(%w[a], [1], window_start: 5, window_end: 5) }
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.monthly_active_users(%w[a b], [1], window_start: 0, window_end: 5) }
  end

  def test_clv
    assert_equal 630.0, Cxmetrics.clv_historic(70, 3, 3) # feverbee
    assert_close 189.0, Cxmetrics.clv_historic(70, 3, 3, gross_margin: 0.3)
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.clv_historic(-1, 1, 1) }
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.clv_historic(1, 1, 1, gross_margin: 1.5) }
    assert_raises(Cxmetrics::NanInput) { Cxmetrics.clv_historic(Float::NAN, 1, 1) }
    t = Cxmetrics.clv_historic_from_totals(21_000, 300, 100, 3)
    assert_kind_of Cxmetrics::ClvTotals, t
    assert_equal [70.0, 3.0, 630.0], [t.aov, t.purchase_frequency, t.clv]
    assert_raises(Cxmetrics::EmptyInput) { Cxmetrics.clv_historic_from_totals(10, 0, 1, 1) }
    assert_close 8.0 / 3, Cxmetrics.clv_margin(1, 0.8, 0.1) # ealhamed: 2.67 years of margin
    assert_close 10.0, Cxmetrics.clv_margin(1, 1.0, 0.1)     # r = 1 gives m / d
    assert_close(-8.0 / 3, Cxmetrics.clv_margin(-1, 0.8, 0.1))
    assert_raises(Cxmetrics::DomainError) { Cxmetrics.clv_margin(50, 1.0, 0.0) }
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.clv_margin(50, 1.2, 0.0) }
  end
end
