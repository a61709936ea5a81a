# frozen_string_literal: true

# A shop's journey from its event log (spec §21-§26) in a Ruby backend: the rows come as
# an Array of Hashes (as from a database), the funnel by channel, the top paths after a
# cart, and the monthly cohorts' retention.
#
#   RUBYLIB=bindings/ruby/lib:build/bindings/ruby ruby examples/ruby/journey.rb \
#       examples/data/journey_events.csv
require "csv"
require "cxmetrics"

path = ARGV[0] || File.expand_path("../data/journey_events.csv", __dir__)
rows = CSV.foreach(path, headers: true).map do |r|
  { customer_id: r["customer_id"], time: r["time"], event: r["event"], channel: r["channel"],
    amount: r["amount"] ? Float(r["amount"]) : Float::NAN }
end
log = Cxmetrics::Events.new(rows, properties: ["channel"], values: ["amount"])
puts "#{log.size} events of #{log.customers} customers"

funnel = Cxmetrics.funnel(log, steps: %w[visit view cart checkout purchase], window: "7d", by: "channel")
funnel.steps.each do |s|
  next unless s[:channel] == "(all)"

  puts format("%-9s %5d customers %6.1f %%", s[:event], s[:customers], s[:conversion])
end
visitors = rows.select { |r| r[:event] == "visit" }.map { |r| r[:customer_id] }.uniq.size
raise "funnel step 1 is not every visitor" unless funnel.steps.first[:customers] == visitors

Cxmetrics.top_paths(log, start: "cart", length: 3, top: 3).each do |p|
  puts format("%5.1f %%  %s", p[:share], p[:path])
end

cohorts = Cxmetrics.cohort(log, every: :month, amount: "amount", nan_policy: :omit)
month1 = cohorts.select { |c| c[:period] == 1 }.map { |c| c[:retention].round(1) }
puts "month-1 retention by cohort (%): #{month1.join(', ')}"
puts funnel.steps.first.to_h.to_json
