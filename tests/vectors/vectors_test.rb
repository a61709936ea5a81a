# frozen_string_literal: true

# The golden vectors (spec §11) through the Ruby binding.
#
#   ruby tests/vectors/vectors_test.rb            # tests/data/vectors_expanded.json
#   CXM_VECTORS=/path/to/vectors_expanded.json ruby tests/vectors/vectors_test.rb
#
# One minitest test per vector. Each cxref function name maps to the idiomatic
# Ruby API (DISPATCH below); a vector naming a function missing from the table,
# or an argument the table does not take, fails. Floats match when
# |got - exp| <= 1e-9 + 1e-9 |exp|; integers, strings and nil exactly;
# expected_error is the raised Cxmetrics::Error's #name. Big rfm_rpkg_table
# vectors are compared through the summary cxref.summarize_rfm makes.
# Generated inputs must be inlined (vectors_expanded.json); when the vector has
# an input_digest, the inputs are checked against it first.
# Prints "N passed, N failed" last; the exit status is non-zero on any failure.

require "minitest/autorun"
require "json"
require "digest"
require "cxmetrics"

module CxmVectors
  PATH = ENV.fetch("CXM_VECTORS") { File.expand_path("../data/vectors_expanded.json", __dir__) }
  ABS_TOL = 1e-9
  REL_TOL = 1e-9

  # "NaN" / "Infinity" / "-Infinity" -> Float (as cxref._decode).
  def self.decode(x)
    case x
    when Hash then x.transform_values { |v| decode(v) }
    when Array then x.map { |v| decode(v) }
    when "NaN" then Float::NAN
    when "Infinity" then Float::INFINITY
    when "-Infinity" then -Float::INFINITY
    else x
    end
  end

  # Keyword arguments from vector args: { "vector arg" => :ruby_keyword }.
  def self.kw(args, map)
    map.each_with_object({}) { |(k, sym), h| h[sym] = args[k] if args.key?(k) }
  end

  def self.value(v)
    { "value" => v }
  end

  # cxref rule tables given as data: [[name, [r_lo, r_hi], [f_lo, f_hi], [m_lo, m_hi]], ...].
  def self.rules(rows)
    rows.each_with_object(Cxmetrics::RfmRules.new) { |(name, r, f, m), t| t.add(name, r: r, f: f, m: m) }
  end

  def self.hash(result)
    result.to_h.transform_keys(&:to_s)
  end

  # cxref function name -> [argument names it takes, lambda(args) -> Hash].
  DISPATCH = {
    "nps_from_scores" => [%w[scores scale nan_policy], lambda { |a|
      hash(Cxmetrics.nps(a["scores"], **kw(a, "scale" => :scale, "nan_policy" => :nan_policy)))
    }],
    "nps_from_counts" => [%w[promoters passives detractors], lambda { |a|
      hash(Cxmetrics.nps_counts(a["promoters"], a["passives"], a["detractors"]))
    }],
    "nps_wald" => [%w[promoters passives detractors conf z], lambda { |a|
      hash(Cxmetrics.nps_wald(a["promoters"], a["passives"], a["detractors"],
                              **kw(a, "conf" => :conf, "z" => :z)))
    }],
    "nps_adjusted_wald" => [%w[promoters passives detractors conf z], lambda { |a|
      hash(Cxmetrics.nps_adjusted_wald(a["promoters"], a["passives"], a["detractors"],
                                       **kw(a, "conf" => :conf, "z" => :z)))
    }],
    "nps_trinomial_t" => [%w[promoters passives detractors conf], lambda { |a|
      hash(Cxmetrics.nps_trinomial_t(a["promoters"], a["passives"], a["detractors"],
                                     **kw(a, "conf" => :conf)))
    }],
    "nps_compare" => [%w[a b method conf z], lambda { |a|
      hash(Cxmetrics.nps_compare(a["a"], a["b"], **kw(a, "method" => :method, "conf" => :conf, "z" => :z)))
    }],
    "nps_weighted" => [%w[scores weights scale nan_policy conf z], lambda { |a|
      hash(Cxmetrics.nps_weighted(a["scores"], a["weights"],
                                  **kw(a, "scale" => :scale, "nan_policy" => :nan_policy,
                                          "conf" => :conf, "z" => :z)))
    }],
    "kish_n_eff" => [%w[weights], ->(a) { value(Cxmetrics.kish_n_eff(a["weights"])) }],
    "csat" => [%w[scores scale threshold nan_policy conf z], lambda { |a|
      hash(Cxmetrics.csat(a["scores"], **kw(a, "scale" => :scale, "threshold" => :threshold,
                                               "nan_policy" => :nan_policy, "conf" => :conf, "z" => :z)))
    }],
    "wilson" => [%w[x n conf z], lambda { |a|
      hash(Cxmetrics.wilson(a["x"], a["n"], **kw(a, "conf" => :conf, "z" => :z)))
    }],
    "adjusted_wald_proportion" => [%w[x n conf z], lambda { |a|
      hash(Cxmetrics.adjusted_wald(a["x"], a["n"], **kw(a, "conf" => :conf, "z" => :z)))
    }],
    # cxref's CES 5 names "% agree" ces_pct; the library's one CES result says pct_agree
    "ces_5pt" => [%w[scores nan_policy], lambda { |a|
      h = hash(Cxmetrics.ces(a["scores"], points: 5, **kw(a, "nan_policy" => :nan_policy)))
      h.merge("ces_pct" => h["pct_agree"])
    }],
    "ces_7pt" => [%w[scores nan_policy], lambda { |a|
      hash(Cxmetrics.ces(a["scores"], points: 7, **kw(a, "nan_policy" => :nan_policy)))
    }],
    "time_summary" => [%w[durations nan_policy], lambda { |a|
      hash(Cxmetrics.time_summary(a["durations"], **kw(a, "nan_policy" => :nan_policy)))
    }],
    "average_from_total" => [%w[total_time n_requests], lambda { |a|
      value(Cxmetrics.average_from_total(a["total_time"], a["n_requests"]))
    }],
    "quantile_type7" => [%w[values p nan_policy], lambda { |a|
      value(Cxmetrics.quantile7(a["values"], a["p"], **kw(a, "nan_policy" => :nan_policy)))
    }],
    "durations_from_timestamps" => [%w[created responded nan_policy], lambda { |a|
      value(Cxmetrics.durations(a["created"], a["responded"], **kw(a, "nan_policy" => :nan_policy)))
    }],
    "churn_rate" => [%w[customers_start customers_lost], lambda { |a|
      value(Cxmetrics.churn_rate(a["customers_start"], a["customers_lost"]))
    }],
    "retention_rate" => [%w[customers_start customers_end customers_new], lambda { |a|
      value(Cxmetrics.retention_rate(a["customers_start"], a["customers_end"], a["customers_new"]))
    }],
    "repeat_purchase_rate" => [%w[orders_per_customer], lambda { |a|
      hash(Cxmetrics.repeat_purchase_rate(a["orders_per_customer"]))
    }],
    "repeat_purchase_rate_counts" => [%w[repeat_customers total_customers], lambda { |a|
      value(Cxmetrics.repeat_purchase_rate_counts(a["repeat_customers"], a["total_customers"]))
    }],
    "referral_rate" => [%w[referred_customers total_customers], lambda { |a|
      value(Cxmetrics.referral_rate(a["referred_customers"], a["total_customers"]))
    }],
    "error_rate" => [%w[errors opportunities], lambda { |a|
      value(Cxmetrics.error_rate(a["errors"], a["opportunities"]))
    }],
    "bounce_rate" => [%w[pageviews_per_session], lambda { |a|
      hash(Cxmetrics.bounce_rate(a["pageviews_per_session"]))
    }],
    "bounce_rate_counts" => [%w[single_page_sessions sessions], lambda { |a|
      value(Cxmetrics.bounce_rate_counts(a["single_page_sessions"], a["sessions"]))
    }],
    "task_success" => [%w[outcomes conf z], lambda { |a|
      hash(Cxmetrics.task_success(a["outcomes"], **kw(a, "conf" => :conf, "z" => :z)))
    }],
    "monthly_active_users" => [%w[user_ids timestamps window_start window_end nan_policy], lambda { |a|
      value(Cxmetrics.monthly_active_users(a["user_ids"], a["timestamps"],
                                           window_start: a["window_start"], window_end: a["window_end"],
                                           **kw(a, "nan_policy" => :nan_policy)))
    }],
    "clv_historic" => [%w[aov purchase_frequency lifespan gross_margin], lambda { |a|
      value(Cxmetrics.clv_historic(a["aov"], a["purchase_frequency"], a["lifespan"],
                                   **kw(a, "gross_margin" => :gross_margin)))
    }],
    "clv_historic_from_totals" => [%w[total_revenue n_orders n_customers lifespan], lambda { |a|
      hash(Cxmetrics.clv_historic_from_totals(a["total_revenue"], a["n_orders"], a["n_customers"],
                                              a["lifespan"]))
    }],
    "clv_margin" => [%w[margin retention discount], lambda { |a|
      value(Cxmetrics.clv_margin(a["margin"], a["retention"], a["discount"]))
    }],
    "rfm_rpkg_thresholds" => [%w[values n_bins], lambda { |a|
      value(Cxmetrics.rfm_breaks(a["values"], **kw(a, "n_bins" => :bins)))
    }],
    "rfm_rpkg_score" => [%w[values n_bins descending thresholds], lambda { |a|
      bins = a["thresholds"] || a["n_bins"]
      opts = kw(a, "descending" => :descending)
      opts[:bins] = bins unless bins.nil?
      hash(Cxmetrics.rfm_score(a["values"], **opts))
    }],
    "rfm_rpkg_table" => [%w[recency_days frequency monetary recency_bins frequency_bins monetary_bins],
                         lambda { |a|
                           hash(Cxmetrics.rfm_table(a["recency_days"], a["frequency"], a["monetary"],
                                                    **kw(a, "recency_bins" => :recency_bins,
                                                            "frequency_bins" => :frequency_bins,
                                                            "monetary_bins" => :monetary_bins)))
                         }],
    # the customers are a table of numbers; cxref's transaction_count is integers.
    # Ruby lists the customers in the order of their first order (issue 14);
    # the vector, as the library, in byte order of the ids: sorted so here.
    "rfm_aggregate_orders" => [%w[customer_ids order_dates revenues analysis_date], lambda { |a|
      t = Cxmetrics.rfm_aggregate_orders(a["customer_ids"], a["order_dates"], a["revenues"], a["analysis_date"])
      rows = (0...t.size).sort_by { |i| t.customer_id[i].to_s.b }
      h = hash(t).transform_values { |col| col.is_a?(Array) ? rows.map { |i| col[i] } : col }
      h.merge("transaction_count" => h["transaction_count"].map { |x| x == x.to_i ? x.to_i : x })
    }],
    "rfm_rank_qcut_scores" => [%w[values n_bins descending], lambda { |a|
      value(Cxmetrics.rfm_rank_qcut(a["values"], **kw(a, "n_bins" => :bins, "descending" => :descending)))
    }],
    "rfm_segment" => [%w[r f m rules match], lambda { |a|
      opts = kw(a, "rules" => :rules, "match" => :match)
      opts[:rules] = rules(opts[:rules]) if opts[:rules].is_a?(Array)
      value(Cxmetrics.rfm_segment(a["r"], a["f"], a["m"], **opts))
    }],
    "round_half_away" => [%w[x], ->(a) { value(Cxmetrics.round_half_away(a["x"])) }],
  }.freeze

  SUMMARY_KEYS = %w[recency_hist frequency_hist monetary_hist rfm_checksum first20_rfm].freeze

  # cxref.summarize_rfm on our rfm_rpkg_table result; the segment counts use the
  # rule set named by the expected key (segments_<rules>).
  def self.summarize_rfm(res, expected)
    rs, fs, ms, rfm = res.values_at("recency_score", "frequency_score", "monetary_score", "rfm_score")
    hist = ->(scores) { scores.tally.sort.to_h.transform_keys(&:to_s) }
    out = {
      "recency_breaks" => res["recency_breaks"], "frequency_breaks" => res["frequency_breaks"],
      "monetary_breaks" => res["monetary_breaks"],
      "recency_hist" => hist.(rs), "frequency_hist" => hist.(fs), "monetary_hist" => hist.(ms),
      "rfm_checksum" => rfm.each_with_index.sum { |s, i| (i + 1) * s },
      "first20_rfm" => rfm.first(20)
    }
    expected.each_key do |key|
      next unless key.start_with?("segments_")

      rules = key.delete_prefix("segments_")
      out[key] = Cxmetrics.rfm_segments(rs, fs, ms, rules: rules).tally.sort.to_h
    end
    out
  end

  # Where got and exp differ, as a message; nil when they match.
  def self.mismatch(got, exp, path)
    case exp
    when Float
      return "#{path}: expected #{exp}, got #{got.inspect}" unless got.is_a?(Numeric)

      got = got.to_f
      return nil if exp.nan? && got.nan?
      return nil if exp.infinite? && got == exp
      return nil if (got - exp).abs <= ABS_TOL + REL_TOL * exp.abs

      "#{path}: expected #{exp.inspect}, got #{got.inspect} (diff #{(got - exp).abs})"
    when Integer
      got.is_a?(Integer) && got == exp ? nil : "#{path}: expected #{exp.inspect}, got #{got.inspect}"
    when String
      got = got.to_s if got.is_a?(Symbol)
      got == exp ? nil : "#{path}: expected #{exp.inspect}, got #{got.inspect}"
    when nil, true, false
      got.equal?(exp) ? nil : "#{path}: expected #{exp.inspect}, got #{got.inspect}"
    when Array
      return "#{path}: expected an Array of #{exp.size}, got #{got.inspect[0, 200]}" unless got.is_a?(Array)
      return "#{path}: expected #{exp.size} items, got #{got.size}" unless got.size == exp.size

      exp.each_index do |i|
        m = mismatch(got[i], exp[i], "#{path}[#{i}]")
        return m if m
      end
      nil
    when Hash
      return "#{path}: expected a Hash, got #{got.inspect[0, 200]}" unless got.is_a?(Hash)

      got = got.transform_keys(&:to_s)
      exp.each do |k, v|
        return "#{path}: missing key #{k.inspect} (got #{got.keys.inspect})" unless got.key?(k)

        m = mismatch(got[k], v, "#{path}.#{k}")
        return m if m
      end
      return "#{path}: unexpected keys #{(got.keys - exp.keys).inspect}" unless (got.keys - exp.keys).empty?

      nil
    else
      got == exp ? nil : "#{path}: expected #{exp.inspect}, got #{got.inspect}"
    end
  end

  # sha256 of the float64 little-endian bytes, as cxref._digest.
  def self.digest_mismatch(args, digests)
    return nil unless digests.is_a?(Hash)

    digests.each do |name, d|
      next unless args.key?(name)

      values = Array(args[name]).flatten
      sha = Digest::SHA256.hexdigest(values.map(&:to_f).pack("E*"))
      return "input #{name}: sha256 #{sha} != generator digest #{d['sha256_f64le']}" unless sha == d["sha256_f64le"]
    end
    nil
  end

  @passed = 0
  @failed = 0
  class << self
    attr_accessor :passed, :failed
  end

  # Counts the vector tests for the last line.
  class CountReporter < Minitest::AbstractReporter
    def record(result)
      return unless result.klass == "CxmVectorsTest"

      if result.passed?
        CxmVectors.passed += 1
      else
        CxmVectors.failed += 1 # failures, errors and skips alike
      end
    end
  end
end

module Minitest
  def self.plugin_cxm_vectors_init(_options)
    reporter << CxmVectors::CountReporter.new
  end
end
Minitest.extensions << "cxm_vectors"
Minitest.after_run { puts "#{CxmVectors.passed} passed, #{CxmVectors.failed} failed" }

class CxmVectorsTest < Minitest::Test
  make_my_diffs_pretty!

  data = JSON.parse(File.read(CxmVectors::PATH))
  vectors = data.fetch("vectors")
  raise "#{CxmVectors::PATH}: no vectors" if vectors.empty?

  vectors.each_with_index do |v, idx|
    id = v["id"] || "vector_#{idx}"
    define_method("test_#{format('%03d', idx)}_#{id.gsub(/\W/, '_')}") do
      takes, fn = CxmVectors::DISPATCH[v["function"]]
      flunk "#{id}: no Ruby dispatch for cxref function #{v['function'].inspect}" unless fn

      args = CxmVectors.decode(v.fetch("args", {}))
      extra = args.keys - takes
      flunk "#{id}: #{v['function']} argument(s) #{extra.inspect} not supported by the dispatch" unless extra.empty?
      if v["generator"]
        bad = CxmVectors.digest_mismatch(args, v["input_digest"])
        flunk "#{id}: #{bad}" if bad
        flunk "#{id}: generated inputs are not inlined; use vectors_expanded.json" if args.empty?
      end

      if v.key?("expected_error")
        err = assert_raises(Cxmetrics::Error, "#{id}: expected #{v['expected_error']}") { fn.call(args) }
        assert_equal v["expected_error"], err.name, "#{id}: raised #{err.class}: #{err.message}"
      else
        expected = CxmVectors.decode(v.fetch("expected"))
        got = fn.call(args)
        if v["function"] == "rfm_rpkg_table" && CxmVectors::SUMMARY_KEYS.any? { |k| expected.key?(k) }
          got = CxmVectors.summarize_rfm(got, expected)
        end
        got = got.slice(*expected.keys) if expected.is_a?(Hash) && got.is_a?(Hash)
        msg = CxmVectors.mismatch(got, expected, id)
        assert msg.nil?, msg
      end
    end
  end
end
