# frozen_string_literal: true

module Cxmetrics
  module_function

  # Every rate is a percentage (spec §5). Counts are integers >= 0 (Integer or
  # integral Float); the C functions reject anything else with InvalidArgument.

  # Churn 100 lost / start (§5.1).
  def churn_rate(customers_start, customers_lost)
    Native.churn_rate(customers_start, customers_lost)
  end

  # Customer retention rate 100 (end - new) / start (§5.2).
  #   Cxmetrics.retention_rate(200, 180, 50)  # => 65.0
  def retention_rate(customers_start, customers_end, customers_new)
    Native.retention_rate(customers_start, customers_end, customers_new)
  end

  # Repeat purchase rate from per-customer order counts (§5.3) -> RepeatPurchase;
  # customers with no order are left out of the denominator.
  def repeat_purchase_rate(orders_per_customer)
    RepeatPurchase.from_native(Native.repeat_purchase_rate(Convert.array(orders_per_customer,
                                                                         "orders_per_customer")))
  end

  # 100 repeat / total.
  def repeat_purchase_rate_counts(repeat_customers, total_customers)
    Native.repeat_purchase_rate_counts(repeat_customers, total_customers)
  end

  # Referral rate 100 referred / total (§5.4).
  def referral_rate(referred_customers, total_customers)
    Native.referral_rate(referred_customers, total_customers)
  end

  # Error rate 100 errors / opportunities (§5.7).
  def error_rate(errors, opportunities)
    Native.error_rate(errors, opportunities)
  end

  # Bounce rate from pageviews per session (§5.6, Universal Analytics) -> Bounce.
  def bounce_rate(pageviews_per_session)
    Bounce.from_native(Native.bounce_rate(Convert.array(pageviews_per_session,
                                                        "pageviews_per_session")))
  end

  # 100 single-page sessions / sessions.
  def bounce_rate_counts(single_page_sessions, sessions)
    Native.bounce_rate_counts(single_page_sessions, sessions)
  end

  # Task success rate of 0/1 outcomes with Wilson and adjusted-Wald intervals,
  # all in percent (§5.8) -> TaskSuccess. true/false count as 1/0.
  def task_success(outcomes, conf: Native::CONF_DEFAULT, z: nil)
    outcomes = Convert.array(outcomes, "outcomes")
    outcomes = outcomes.map { |o| o == true ? 1 : o == false ? 0 : o } if outcomes.any? { |o| o == true || o == false }
    TaskSuccess.from_native(Native.task_success_rate(outcomes, conf, Convert.z(z)))
  end

  # The C name (cxm_task_success_rate).
  def task_success_rate(outcomes, conf: Native::CONF_DEFAULT, z: nil)
    task_success(outcomes, conf: conf, z: z)
  end

  # Distinct users with >= 1 event in [window_start, window_end) (§5.5) -> Integer.
  # user_ids: Strings (others through to_s), compared byte for byte; timestamps
  # and the window: numbers or Time objects; nil timestamps are NaN.
  def monthly_active_users(user_ids, timestamps, window_start:, window_end:, nan_policy: :error)
    Native.monthly_active_users(Convert.ids(user_ids, "user_ids"), Convert.timestamps(timestamps),
                                Convert.timestamp(window_start), Convert.timestamp(window_end),
                                Convert.nan_policy(nan_policy))
  end
end
