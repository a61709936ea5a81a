# frozen_string_literal: true

require_relative "test_helper"
require "tmpdir"

# Cxmetrics::Native mirrors the C API: one module function per C function,
# positional arguments, integer enums, caller-sized outputs given their
# length, results as struct objects, handles freed by the collector; plus
# versions and load-time wiring.
class TestNative < Minitest::Test
  N = Cxmetrics::Native

  def test_module_layout
    assert_equal "Cxmetrics::Native", N.name
    assert_includes $LOADED_FEATURES.grep(/native/).join(" "), "cxmetrics/native"
    # one handle class per opaque type, one struct class per result
    %i[Score_acc Rfm_rules Csv Csv_spec Table Survey_opts Survey_report Clv_fit_opts
       Nps_result Ces_result Clv_fit_result Clv_model_info].each do |c|
      assert N.const_defined?(c, false), c
    end
    # the old hand-written classes are gone
    %i[ScoreAccumulator RfmRules RfmCustomers SurveyReport ClvSummary].each do |c|
      refute N.const_defined?(c, false), c
    end
    refute N.respond_to?(:free), "cxm_free is not wrapped"
  end

  def test_versions
    major, minor, patch = N.version
    assert_equal [N::VERSION_MAJOR, N::VERSION_MINOR, N::VERSION_PATCH], [major, minor, patch]
    assert_equal "#{major}.#{minor}.#{patch}", N.version_string
    assert_equal N.version_string, Cxmetrics.library_version
    assert_equal N::VERSION_STRING, Cxmetrics::VERSION
    assert_equal major * 10_000 + minor * 100 + patch, N::VERSION_NUMBER
  end

  def test_enum_constants
    assert_equal [0, 1], [N::NAN_ERROR, N::NAN_OMIT]
    assert_equal [0, 1], [N::NPS_0_10, N::NPS_1_10]
    assert_equal [0, 1], [N::NPS_ADJUSTED_WALD, N::NPS_WALD]
    assert_equal [0, 1], [N::RFM_FIRST_MATCH, N::RFM_LAST_MATCH]
    assert_equal 0.0, N::Z_FROM_CONF
    assert_equal 0.95, N::CONF_DEFAULT
    assert_equal 5, N::RFM_BINS_DEFAULT
    assert_equal "Others", N::RFM_NO_SEGMENT
    assert_equal(-2_147_483_648, N::CSAT_DEFAULT_THRESHOLD)
    assert_equal(-1, N::EEMPTY)
    assert_equal [0, 1, 2], [N::FORMAT_TEXT, N::FORMAT_JSON, N::FORMAT_CSV]
    assert_equal [0, 1, 2], [N::TABLE_NUMBER, N::TABLE_DAY, N::TABLE_TEXT]
  end

  def test_names_tables_both_ways
    assert_equal N::NAN_OMIT, N.names_parse(N::NAMES_NAN_POLICY, "omit")
    assert_equal "1-10", N.names_word(N::NAMES_NPS_SCALE, N::NPS_1_10)
    assert_equal %w[day week month], Array.new(N.names_count(N::NAMES_CLV_PERIOD)) { |i| N.names_at(N::NAMES_CLV_PERIOD, i) }
    assert_equal N::CLV_DAYS, N.names_parse(N::NAMES_CLV_PERIOD, "D") # lifetimes' letter, an alias
    assert_equal "period", N.names_what(N::NAMES_CLV_PERIOD)
    assert_nil N.names_word(N::NAMES_NAN_POLICY, 7)
    err = assert_raises(Cxmetrics::InvalidArgument) { N.names_parse(N::NAMES_NAN_POLICY, "drop") }
    assert_match(/nan_policy must be omit or error, not 'drop'/, err.message)
  end

  def test_results_are_struct_objects_with_the_struct_fields
    r = N.nps([0, 7, 7, 9, 9, 9], N::NPS_0_10, N::NAN_ERROR)
    assert_kind_of N::Nps_result, r
    assert_equal 6, r.n
    assert_equal [6, 3, 2, 1], N::RESULT_FIELDS[:nps_result].first(4).map { |f| r.public_send(f) }
    refute r.respond_to?(:n=), "fields are read-only"
    assert N::RESULT_FIELDS.frozen?
    %i[interval nps_result nps_ci nps_t_ci nps_comparison nps_weighted_result csat_result ces_result
       time_summary repeat_purchase bounce task_success clv_totals clv_fit_result clv_holdout_errors
       clv_model_info].each do |t|
      refute_includes N::RESULT_FIELDS.fetch(t), :version, t
    end
    assert_equal %i[lower upper], N::RESULT_FIELDS[:interval]
    w = N.wilson(1, 2, 0.95, 0.0)
    assert_equal [w.lower, w.upper], N::RESULT_FIELDS[:interval].map { |f| w.public_send(f) }
    assert N.csat([5], 1, 5, N::CSAT_DEFAULT_THRESHOLD, 0, 0.95, 0.0).sd.nan?
  end

  def test_positional_mirror_of_c
    assert_equal 1.75, N.quantile7([1, 2, 3, 4], 0.25, N::NAN_ERROR)
    assert_equal 65.0, N.retention_rate(200, 180, 50)
    assert_equal 3, N.monthly_active_users(%w[a b c], [1, 2, 3], 0, 10, 0)
    assert_equal 50.0, N.time_average_from_total(25_000, 500)
    # caller-sized outputs: the length in the output's place
    assert_equal [[60.0], 1], N.time_durations(1, [0], [60], 0)
    assert_equal [1, 2], N.rfm_rank_qcut(2, [9, 10], 2, 0)
    scores, lower, upper = N.rfm_score(2, 2, 2, [1, 5], [3.0], 0)
    assert_equal [[1, 2], [1.0, 3.0], [3.0, 6.0]], [scores, lower, upper]
    assert_equal 4, N.rfm_table(2, 2, 2, 2, [1, 2], [1, 2], [1, 2], [2.0], [2.0], [2.0]).size
    err = assert_raises(Cxmetrics::InvalidArgument) { N.rfm_rank_qcut(1, [9, 10], 2, 0) }
    assert_match(/1.*2/, err.message) # names both numbers
    assert_equal :adjusted_wald, Cxmetrics.nps_compare([1, 1, 1], [1, 1, 1]).method
    assert_equal 0, N.nps_compare(1, 1, 1, 1, 1, 1, 0, 0.95, 0.0).method
    assert_equal [0, 10], N.nps_scale_range(N::NPS_0_10)
  end

  def test_handles
    acc = N.score_acc_new(0, 10)
    assert_kind_of N::Score_acc, acc
    assert_nil N.score_acc_add(acc, [9, 10, 0], 0)
    assert_nil N.score_acc_add_u8(acc, "\x07".b)
    assert_nil N.score_acc_add_weighted(acc, [9], [2.0], 0)
    assert_equal 5, N.score_acc_n(acc)
    assert_equal 1, N.score_acc_count(acc, 7)
    other = N.score_acc_new(0, 10)
    N.score_acc_add(other, [9], 0)
    assert_nil N.score_acc_merge(acc, other)
    assert_kind_of N::Nps_result, N.score_acc_nps(acc)
    assert_nil N.score_acc_reset(acc)
    assert_equal 0, N.score_acc_n(acc)
    assert_raises(Cxmetrics::InvalidArgument) { N.score_acc_new(3, 1) }

    rules = N.rfm_rules_new
    assert_equal 0, N.rfm_rules_count(rules)
    assert_nil N.rfm_rules_add(rules, "All", 1, 5, 1, 5, 1, 5)
    assert_equal "All", N.rfm_rules_name(rules, 0)
    assert_nil N.rfm_rules_name(rules, 1)
    assert_equal "All", N.rfm_segment(rules, 3, 3, 3, 0)
    assert_equal [0, 1], N.rfm_segment_many(2, rules, [3, 0], [3, 0], [3, 0], 0)
    assert_equal 10, N.rfm_rules_count(N.rfm_rules_builtin("r_02x"))

    c = N.rfm_customers_aggregate(%w[x y x], [1.0, 2.0, 3.0], [5, 6, 7], 3.0)
    assert_kind_of N::Table, c
    assert_equal 2, N.table_rows(c)
    assert_equal %w[customer_id recency_days transaction_count amount],
                 Array.new(N.table_column_count(c)) { |i| N.table_column_name(c, i) }
    assert_equal [0, 1], N.table_copy_codes(2, c, 0)
    assert_equal %w[x y], [N.table_level(c, 0, 0), N.table_level(c, 0, 1)]
    assert_nil N.table_level(c, 0, 5)
    assert_equal [[0.0, 1.0], [2.0, 1.0], [12.0, 6.0]], (1..3).map { |col| N.table_copy_numbers(2, c, col) }
    assert_equal 2, N.table_column_index(c, "transaction_count")
    assert_equal 3.0, N.table_get_attr_number(c, "analysis_day")
  end

  def test_strings_come_back_utf8
    c = N.rfm_customers_aggregate(["zoë", "ann"], [1.0, 1.0], [1, 1], 1.0)
    codes = N.table_copy_codes(2, c, 0)
    names = codes.map { |k| N.table_level(c, 0, k) }
    assert_equal %w[ann zoë], names
    assert_equal Encoding::UTF_8, names[1].encoding
  end

  # cxm_csv_field gives the field with its length: a NUL byte inside survives.
  def test_csv_field_keeps_its_length
    Dir.mktmpdir("cxm-ruby") do |dir|
      path = File.join(dir, "nul.csv")
      File.binwrite(path, "a,b\nx\0y,2\n")
      csv = N.csv_open(path, ",")
      assert_equal 1, N.csv_next(csv)
      assert_equal "x\0y", N.csv_field(csv, 0)
      assert_nil N.csv_field(csv, 5)
      assert_nil N.csv_close(csv)
      assert_equal 1, N.csv_closed(csv)
      assert_nil N.csv_field(csv, 0), "no current record once closed"
    end
  end
end
