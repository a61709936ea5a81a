# frozen_string_literal: true

# examples/ruby/personas.rb - personas of the seeded e-commerce base
# (examples/data/make_ecommerce_customers.py) from Ruby: rows of hashes as
# Ruby's CSV reads them, the segments from the library's k-prototypes, each
# persona's identity and what sets it apart, and the page of cards.
#
#   RUBYLIB=bindings/ruby/lib:build/bindings/ruby ruby examples/ruby/personas.rb [OUT.html]
require "csv"
require "cxmetrics"

DATA = File.expand_path("../data/ecommerce_customers.csv", __dir__)

rows = CSV.read(DATA, headers: true, converters: :numeric).map(&:to_h)
set = Cxmetrics::Personas.build(rows, id: "customer_id", nps: "nps", comment: "comment", seed: 12,
                                      reference_year: 2025, k_max: 6)
puts "#{rows.size} customers, #{set.size} personas (#{set.provenance['method']}, k = #{set.provenance['k']})"
set.each do |p|
  next puts("#{p.id}: withheld (fewer than #{set.provenance['min_n']} customers)") if p.suppressed

  top = p.identifiers.first(3).map { |i| "#{i['attribute']}=#{i['value']} (lift #{i['lift'].round(2)})" }
  puts "#{p.id} #{p.name} (#{p.gender}, #{p.age_band}, #{p.location}): #{p.size.round} customers, " \
       "#{p.share.round(1)}%; #{top.join(', ')}"
  puts "    \"#{p.quotes.first['text']}\"" unless p.quotes.empty?
end
puts set.summary.to_csv
if ARGV[0]
  File.write(ARGV[0], set.to_html(title: "Personas of the e-commerce base"))
  puts "cards written to #{ARGV[0]}"
end
