# frozen_string_literal: true

module Cxmetrics
  module_function

  # Mean, type-7 median and p90 of per-request durations (spec §4) -> TimeSummary.
  # nil / NaN means "no response yet": an error, or dropped with nan_policy: :omit.
  #   Cxmetrics.time_summary([10, 20, 30, 40, 100]).p90  # => 76.0
  def time_summary(durations, nan_policy: :error)
    TimeSummary.from_native(Native.time_summarize(Convert.array(durations, "durations"),
                                                  Convert.nan_policy(nan_policy)))
  end

  # Durations responded[i] - created[i] -> Array of Float. Timestamps are
  # numbers or Time objects; a nil / NaN `responded` is an unanswered request.
  def durations(created, responded, nan_policy: :error)
    created = Convert.timestamps(created, "created")
    out, n = Native.time_durations(created.size, created, Convert.timestamps(responded, "responded"),
                                   Convert.nan_policy(nan_policy))
    out.first(n)
  end

  # Average time from aggregates: total_time / n_requests.
  #   Cxmetrics.average_from_total(25_000, 500)  # => 50.0
  def average_from_total(total_time, n_requests)
    Native.time_average_from_total(total_time, n_requests)
  end
end
