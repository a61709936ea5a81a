# frozen_string_literal: true

require_relative "test_helper"

# Cxmetrics::Native mirrors the C API: positional arguments, integer enums,
# results as Hashes; plus versions and load-time wiring.
class TestNative < Minitest::Test
  N = Cxmetrics::Native

  def test_module_layout
    assert_equal "Cxmetrics::Native", N.name
    assert_includes $LOADED_FEATURES.grep(/native/).join(" "), "cxmetrics/native"
    %i[ScoreAccumulator RfmRules RfmCustomers Csv SurveyReport].each do |c|
      assert N.const_defined?(c, false), c
    end
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
  end

  def test_results_are_hashes_with_the_struct_fields
    h = N.nps([0, 7, 7, 9, 9, 9], N::NPS_0_10, N::NAN_ERROR)
    assert_kind_of Hash, h
    assert_equal N::RESULT_FIELDS[:nps_result], h.keys
    assert_equal 6, h[:n]
    assert N::RESULT_FIELDS.frozen?
    %i[interval nps_result nps_ci nps_t_ci nps_comparison nps_weighted_result csat_result ces5_result
       ces7_result time_summary repeat_purchase bounce task_success clv_totals survey_ces_result].each do |t|
      refute_includes N::RESULT_FIELDS.fetch(t), :version, t
    end
    assert_equal %i[lower upper], N.wilson(1, 2, 0.95, 0.0).keys
    assert_nil N.csat([5], 1, 5, N::CSAT_DEFAULT_THRESHOLD, 0, 0.95, 0.0)[:sd]
  end

  def test_positional_mirror_of_c
    assert_equal 1.75, N.quantile7([1, 2, 3, 4], 0.25, N::NAN_ERROR)
    assert_equal 65.0, N.retention_rate(200, 180, 50)
    assert_equal 3, N.monthly_active_users(%w[a b c], [1, 2, 3], 0, 10, 0)
    assert_equal 50.0, N.time_average_from_total(25_000, 500)
    assert_equal [60.0], N.time_durations([0], [60], 0)
    assert_equal [1, 2], N.rfm_rank_qcut([9, 10], 2, 0)
    scores, lower, upper = N.rfm_score([1, 5], [3.0], 0)
    assert_equal [[1, 2], [1.0, 3.0], [3.0, 6.0]], [scores, lower, upper]
    assert_equal 4, N.rfm_table([1, 2], [1, 2], [1, 2], [2.0], [2.0], [2.0]).size
    assert_equal :adjusted_wald, Cxmetrics.nps_compare([1, 1, 1], [1, 1, 1]).method
    assert_equal 0, N.nps_compare(1, 1, 1, 1, 1, 1, 0, 0.95, 0.0)[:method]
  end

  def test_handles
    acc = N::ScoreAccumulator.new(0, 10)
    assert_nil acc.add([9, 10, 0], 0)
    assert_nil acc.add_u8("\x07".b)
    assert_nil acc.add_weighted([9], [2.0], 0)
    assert_equal 5, acc.n
    assert_equal 1, acc.count(7)
    other = N::ScoreAccumulator.new(0, 10)
    other.add([9], 0)
    assert_nil acc.merge(other)
    assert_kind_of Hash, acc.nps
    assert_nil acc.reset
    assert_equal 0, acc.n
    assert_raises(Cxmetrics::InvalidArgument) { N::ScoreAccumulator.new(3, 1) }

    rules = N::RfmRules.new(nil)
    assert_equal 0, rules.count
    assert_nil rules.add("All", 1, 5, 1, 5, 1, 5)
    assert_equal "All", rules.name(0)
    assert_nil rules.name(1)
    assert_equal "All", rules.segment(3, 3, 3, 0)
    assert_equal [0, 1], rules.segment_many([3, 0], [3, 0], [3, 0], 0)

    c = N::RfmCustomers.new(%w[x y x], [1.0, 2.0, 3.0], [5, 6, 7], 3.0)
    assert_equal 2, c.count
    assert_equal %w[x y], [c.id(0), c.id(1)]
    assert_nil c.id(5)
    assert_equal [[0.0, 1.0], [2.0, 1.0], [12.0, 6.0]], c.columns
  end

  def test_strings_come_back_utf8
    c = N::RfmCustomers.new(["zoë", "ann"], [1.0, 1.0], [1, 1], 1.0)
    assert_equal %w[ann zoë], [c.id(0), c.id(1)]
    assert_equal Encoding::UTF_8, c.id(1).encoding
  end
end
