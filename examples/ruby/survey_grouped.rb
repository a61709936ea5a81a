# frozen_string_literal: true

# NPS by channel and month from a survey CSV (spec §18): rows of
# Cxmetrics::SurveyRow, each month's change and its Holm-adjusted p-value.
#
#   RUBYLIB=bindings/ruby/lib:build/bindings/ruby ruby examples/ruby/survey_grouped.rb \
#       tests/data/survey-grouped/front_responses.csv
require "cxmetrics"

path = ARGV[0] || File.expand_path("../../tests/data/survey-grouped/front_responses.csv", __dir__)
report = Cxmetrics.survey_report(path, by: "channel", time: "timestamp", every: :month, ces_scale: 1..7)
nps = report.cells.select { |c| c.metric == "nps" }
puts "#{report.rows} responses; NPS by channel and month"
nps.each do |c|
  if c.suppressed == 1
    puts format("%-8s %-10s  (fewer than 10 answers: withheld)", c.channel, c.period)
  else
    change = c.change ? format("%+6.1f p=%.3f", c.change, c.p_adjusted) : "     -"
    puts format("%-8s %-10s %4d %+6.1f %s", c.channel, c.period, c.n, c.score, change)
  end
end
puts report.cells.first.to_json
