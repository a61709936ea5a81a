# frozen_string_literal: true

module Cxmetrics
  # The simple CLV formulas of clv.h. The probabilistic models (BG/NBD,
  # Gamma-Gamma, discounted CLV, ...) are Cxmetrics::ClvModel (clvmodel.rb).
  module_function

  # Historic CLV = AOV x purchase frequency x lifespan x gross margin (spec §6.1).
  #   Cxmetrics.clv_historic(70, 3, 3)                     # => 630.0
  #   Cxmetrics.clv_historic(70, 3, 3, gross_margin: 0.3)  # => 189.0
  def clv_historic(aov, purchase_frequency, lifespan, gross_margin: 1.0)
    Native.clv_historic(aov, purchase_frequency, lifespan, gross_margin)
  end

  # Historic CLV from period totals -> ClvTotals (aov, purchase_frequency, clv).
  def clv_historic_from_totals(total_revenue, n_orders, n_customers, lifespan)
    ClvTotals.from_native(Native.clv_historic_from_totals(total_revenue, n_orders, n_customers,
                                                          lifespan))
  end

  # Margin CLV m r / (1 + d - r) (Gupta & Lehmann, §6.2).
  def clv_margin(margin, retention, discount)
    Native.clv_margin(margin, retention, discount)
  end
end
