# frozen_string_literal: true

module Cxmetrics
  # Cohorts of an event log (spec §24): customers grouped by the calendar
  # period of their first event (or first purchase); per cohort x period
  # since entry the active customers, retention, revenue per customer,
  # cumulative revenue per customer and the §5 churn and retention rates
  # between consecutive periods. Every rule is the C library's
  # (cxm_cohort_table); this file converts.
  #
  #   t = Cxmetrics.cohort([{ customer_id: "a", time: "2024-01-05T10:00:00Z", event: "view" }, ...],
  #                        every: :month)
  #   t.retention          # => [100.0, 50.0, ...]
  #   t.attrs[:every]      # => "month"
  #
  # source: an Events, or what Events.new takes (a CSV path, an Array of
  # Hashes, a Hash of arrays) with its column keywords (customer:, time:,
  # event:, utc_offset:, ...). amount: a value column summed as revenue (added
  # to the log's values when the log is built here). first_event /
  # active_event: the entry and activity events (nil: any). nan_policy:
  # :error (a missing amount of an activity event raises NanInput naming the
  # customer and row) or :omit (left out, counted in attrs[:amounts_omitted]).
  # Returns a Table: cohort (day numbers), period, customers, active,
  # retention, revenue, revenue_per_customer, cumulative_revenue_per_customer,
  # churn, period_retention (NaN where undefined); attrs as the C table's.
  def self.cohort(source, every: :month, amount: nil, first_event: nil, active_event: nil, nan_policy: :error,
                  **columns)
    if amount && !source.is_a?(Events)
      values = Array(columns.delete(:values)).map(&:to_s)
      values << amount.to_s unless values.include?(amount.to_s)
      columns[:values] = values
    end
    events = Events.wrap(source, **columns)
    o = Native.cohort_opts_new
    Native.cohort_opts_set_period(o, Convert.word(Native::NAMES_PERIOD, every))
    Native.cohort_opts_set_nan_policy(o, Convert.nan_policy(nan_policy))
    Native.cohort_opts_set_amount(o, amount&.to_s)
    Native.cohort_opts_set_first_event(o, first_event&.to_s)
    Native.cohort_opts_set_active_event(o, active_event&.to_s)
    Table.from_native(Native.cohort_table(events.native, o))
  end
end
