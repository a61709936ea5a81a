# examples/ruby/score_answers.rb - NPS with intervals, CSAT and CES from Ruby arrays.
#
#   RUBYLIB=bindings/ruby/lib:build/bindings/ruby ruby examples/ruby/score_answers.rb
require "cxmetrics"

answers = [10, 9, 9, 8, 7, 10, 6, 3, 9, 10, 8, 9]
nps = Cxmetrics.nps(answers)
ci = Cxmetrics.nps_adjusted_wald(nps.promoters, nps.passives, nps.detractors)
puts format("NPS %.1f, 95%% CI %.1f .. %.1f", nps.nps, ci.lower, ci.upper)

csat = Cxmetrics.csat([5, 4, 4, 3, 5, 2, 5, 4], scale: 1..5)
puts format("CSAT %.1f%% (Wilson %.1f .. %.1f)", csat.pct_satisfied, csat.wilson_lower, csat.wilson_upper)

ces = Cxmetrics.ces([5, 4, 4, 3, 5, 2, 5, 4, 1, 5], points: 5)
puts format("CES %.1f%% agree (Wilson %.1f .. %.1f), mean %.2f", ces.pct_agree, ces.wilson_lower,
            ces.wilson_upper, ces.mean)

begin
  Cxmetrics.nps([9, 11])
rescue Cxmetrics::OutOfRange => e
  puts "rejected: #{e.message}"
end
