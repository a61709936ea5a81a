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
  # In place of the totals, the period's orders as an Array of Hashes
  # {customer_id:, amount:} (Symbol or String keys) and the lifespan:
  # total_revenue is their sum, n_orders their number, n_customers the
  # distinct customer ids (by their text, as everywhere in the library).
  #   Cxmetrics.clv_historic_from_totals(orders, 3)
  def clv_historic_from_totals(total_revenue, n_orders, n_customers = nil, lifespan = nil)
    if Orders.rows?(total_revenue) && n_customers.nil? && lifespan.nil?
      lifespan = n_orders
      ids, amounts = Orders.columns(total_revenue, keys: %i[customer_id amount])
      amounts.each_with_index { |a, i| Convert.number(a, "orders[#{i}]: amount") }
      keys = Txlog.ids(ids, "orders: customer_id")
      if (i = keys.index(nil))
        raise InvalidArgument, "orders[#{i}]: customer_id is missing (#{Convert.show(ids[i])}): a missing id is never a customer"
      end

      total_revenue = amounts.sum(0.0)
      n_orders = amounts.size
      n_customers = keys.uniq.size
    end
    ClvTotals.from_native(Native.clv_historic_from_totals(Convert.number(total_revenue, "total_revenue"),
                                                          Convert.number(n_orders, "n_orders"),
                                                          Convert.number(n_customers, "n_customers"),
                                                          Convert.number(lifespan, "lifespan")))
  end

  # Margin CLV m r / (1 + d - r) (Gupta & Lehmann, §6.2).
  def clv_margin(margin, retention, discount)
    Native.clv_margin(margin, retention, discount)
  end
end
