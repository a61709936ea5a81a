# frozen_string_literal: true

require "csv"

# The CDNOW data of tests/data/cdnow, as the CLV test files read it: the
# 2,357-customer summary (x, t_x, T, zbar per customer, in weeks) and other
# tables of that folder.
module CdnowData
  DATA = File.expand_path("../data/cdnow", __dir__)

  # A CSV of DATA as an array of { column => Float } rows.
  def self.table(name)
    CSV.read(File.join(DATA, name), headers: true).map { |r| r.to_h.transform_values(&:to_f) }
  end

  CDNOW = table("cdnow_customers_summary_with_transactions.csv").freeze
  F = CDNOW.map { |r| r["x"] }.freeze
  R = CDNOW.map { |r| r["t_x"] }.freeze
  T = CDNOW.map { |r| r["T"] }.freeze
  M = CDNOW.map { |r| r["zbar"] }.freeze
end
