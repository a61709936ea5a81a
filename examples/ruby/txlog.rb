# frozen_string_literal: true

# A raw shop export (the UCI Online Retail layout: anonymous rows,
# cancellations, quantity x unit price, "12/1/2010 8:26" dates) into a CLV
# summary and RFM segments, with the rows left out counted by reason.
#
#   ruby examples/ruby/txlog.rb tests/data/online-retail/online_retail_raw.csv.gz
require "cxmetrics"

path = ARGV[0] || "tests/data/online-retail/online_retail_raw.csv.gz"
raw = { customer: "CustomerID", date: "InvoiceDate", quantity: "Quantity", price: "UnitPrice",
        date_format: "%m/%d/%Y %H:%M", missing_ids: :drop, returns: :drop }

log = Cxmetrics.txlog(path, **raw)
a = log.attrs
puts format("%<rows>d rows: %<missing>d without a customer id and %<returns>d cancellations left out, " \
            "%<kept>d kept", rows: a[:rows], missing: a[:missing_id_rows], returns: a[:dropped_return_rows],
                             kept: a[:kept_rows])

customers = Cxmetrics::Rfm.orders(path, analysis_date: "2011-12-10", **raw)
scored = Cxmetrics::Rfm.score(customers).scored
Cxmetrics::Rfm.summary(scored).each { |row| puts "#{row[:segment]}: #{row[:customers].to_i}" }
