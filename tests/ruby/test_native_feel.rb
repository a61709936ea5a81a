# frozen_string_literal: true

require_relative "test_helper"
require "json"
require "date"
require "tmpdir"

# Issue 14, item 6 (Ruby): results that convert to JSON and back, words as
# Symbols, orders as an Array of Hashes with the customers' ids as given, a
# result where counts are expected, and bad argument types as
# Cxmetrics::ArgumentTypeError, never a SWIG message.
#
# Expected values are worked by hand here (the RFM and CLV customers of four
# orders, the historic CLV of their totals, the Wald interval of 3 / 2 / 1
# written out from spec §1.3) or are the other form of the same call (a
# result in place of its counts equals the counts themselves); the JSON
# round trips compare a real result with the one read back.
class TestNativeFeel < Minitest::Test
  include CxmTest

  C = Cxmetrics

  # ---- JSON: every result class ---------------------------------------------

  # One real result of each class, with a NaN (or nil for NaN) where the class
  # has one: CsatResult of one answer (sd), Welch's test of two constant
  # samples (df), a fit from parameters (se, loglik), a table with an empty
  # number (NaN) and a day column.
  def samples
    orders = [{ customer_id: 7, date: "2024-01-02", amount: 10.0 }, { customer_id: "b", date: "2024-02-01", amount: 5.0 },
              { customer_id: 7, date: "2024-03-01", amount: 2.5 }]
    customers = C.rfm_aggregate_orders(orders, "2024-03-31")
    summary = C::ClvModel.summary_from_transactions(orders, period: :day)
    bg = C::ClvModel::BetaGeo.new.fit(summary)
    funnel_rows = [%w[a 0 view], %w[a 10 cart], %w[b 0 view], %w[c 0 view], %w[c 5 cart], %w[c 9 buy]]
                  .map { |c, t, e| { customer: c, time: Float(t), event: e } }
    scored = C::Rfm.score(C.rfm_aggregate_orders(%w[a b c d e f], [1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6], 10))
    report = C::SurveyReport.from_csv(File.join(ROOT, "examples/data/survey_responses.csv"))
    # by group and quarter with themes and drivers: every table has rows,
    # a first quarter's change is NaN (nil)
    grouped_dir = File.join(ROOT, "tests", "data", "survey-grouped")
    grouped = C.survey_report(File.join(grouped_dir, "front_responses.csv"), by: "channel", time: "timestamp",
                                                                              every: :quarter, ces_scale: 1..7,
                                                                              comment_column: "comment",
                                                                              themes: File.join(grouped_dir, "front_themes.json"),
                                                                              drivers: %w[csat ces])
    personas = C::Personas.build(persona_rows, id: "id", segment: "segment", location: "city", seed: 3,
                                                 reference_year: 2025)
    {
      C::NpsResult => C.nps([0, 7, 7, 9, 9, 9]),
      C::NpsInterval => C.nps_wald(3, 2, 1),
      C::NpsTInterval => C.nps_trinomial_t(3, 2, 1),
      C::NpsComparison => C.nps_compare([5, 3, 2], [3, 3, 4]),
      C::NpsWeightedResult => C.nps_weighted([10, 0, 8], [1.0, 2.0, 0.5]),
      C::CsatResult => C.csat([5]),
      C::CesResult => C.ces([5, 4, 1, 2]),
      C::Interval => C.wilson(3, 10),
      C::TimeSummary => C.time_summary([1.0, 2.0, 9.0]),
      C::RepeatPurchase => C.repeat_purchase_rate([1, 2, 3]),
      C::Bounce => C.bounce_rate([1, 2, 1]),
      C::TaskSuccess => C.task_success([1, 0, 1]),
      C::ClvTotals => C.clv_historic_from_totals(100.0, 10, 4, 3),
      C::RfmScore => C.rfm_score([5, 1, 3, 9, 7]),
      C::RfmTable => C.rfm_table([5, 30, 90, 1], [10, 3, 1, 2], [50.0, 20.0, 5.0, 8.0]),
      C::TestResult => C.welch_t_test(5.0, 0.0, 10, 5.0, 0.0, 12),
      C::CxiResult => C.cxi([5, 4, 2], [4, 2, 5], [3, 5, 5]),
      C::ClvModel::HoldoutErrors => C::ClvModel.holdout_errors([1.0, 2.0], [1.0, 4.0]),
      C::ClvModel::ModelInfo => C::ClvModel::BetaGeo.info,
      C::Table => C::Table.new({ x: [1.0, Float::NAN], s: %w[a b] }, attrs: { conf: Float::NAN, name: "n" }),
      C::RfmCustomers => customers,
      C::ClvModel::Summary => summary,
      C::ClvModel::BetaGeo => bg,
      C::ClvModel::ModifiedBetaGeo => C::ClvModel::ModifiedBetaGeo.from_params(r: 0.5, alpha: 4.0, a: 0.8, b: 2.0),
      C::ClvModel::ParetoNBD => C::ClvModel::ParetoNBD.from_params(r: 0.5, alpha: 10.0, s: 0.6, beta: 12.0),
      C::ClvModel::GammaGamma => C::ClvModel::GammaGamma.from_params(p: 6.25, q: 3.74, v: 15.44),
      C::ClvModel::BetaGeoBetaBinom => C::ClvModel::BetaGeoBetaBinom.from_params(alpha: 1.2, beta: 0.75, gamma: 0.66,
                                                                               delta: 2.78),
      C::ClvModel::ShiftedBetaGeometric => C::ClvModel::ShiftedBetaGeometric.from_params(alpha: 0.7, beta: 1.2),
      C::Cluster::Model => C::Cluster.kmeans([[0.0, 0.0], [0.1, 0.0], [5.0, 5.0], [5.1, 5.0]], k: 2, seed: 1).model,
      C::Cluster::Result => C::Cluster.kmeans([[0.0, 0.0], [0.1, 0.0], [5.0, 5.0], [5.1, 5.0]], k: 2, seed: 1),
      C::Drivers::Result => C.key_drivers({ "y" => [1.0, 2.0, 3.0, 5.0, 4.0, 6.0], "x1" => [1.0, 2.0, 2.0, 4.0, 5.0, 6.0],
                                            "x2" => [2.0, 1.0, 4.0, 3.0, 6.0, 5.0] }, outcome: "y", drivers: %w[x1 x2],
                                                                                       bootstrap: 0),
      C::ThemeSummary => C.theme_summary(%w[late fine late ok], [0, 10, 3, 9], themes: '{"d": ["late"]}'),
      C::Pyramid => C.pyramid({ "needs" => [5, 4, 2], "ease" => [4, 2, 5], "emotion" => [3, 5, 5] }),
      C::Rfm::Scored => scored,
      C::ValueSegments => C::Segment.value([{ c: "a", p: 100.0 }, { c: "b", p: 20.0 }, { c: "a", p: 10.0 }],
                                           customer: :c, amount: :p),
      C::Funnel => C.funnel(funnel_rows, steps: %w[view cart buy], window: 100, customer: "customer", time: "time",
                                         event: "event"),
      C::SurveyRow => report.cells.first,
      C::RfmRules => C::RfmRules.new.add("Best", r: 4..5, f: 4..5, m: 3..5).add("Rest", r: 1..5, f: 1..5, m: 1..5),
      C::PersonaSet => personas,
      # a persona read alone: its fields (nulls among them), not its card
      C::Persona => personas.first,
      C::SurveyReport => grouped
    }
  end

  # Two segments of customers in three cities (as tests/ruby/test_persona.rb).
  def persona_rows
    { "A" => [10, 25, 25], "B" => [30, 15, 15] }.flat_map do |seg, counts|
      %w[Lyon Paris Nice].zip(counts).flat_map { |c, n| [c] * n }.each_with_index.map do |city, i|
        { "id" => format("%s%03d", seg, i), "segment" => seg, "city" => city }
      end
    end
  end

  # Driver and ThemeSummaryRow travel inside Drivers::Result and
  # ThemeSummary, and are checked there too.
  PARTS = { C::Drivers::Driver => ->(s) { s[C::Drivers::Result].drivers.first },
            C::ThemeSummaryRow => ->(s) { s[C::ThemeSummary].first } }.freeze

  def test_every_result_class_round_trips_through_json
    all = samples
    PARTS.each { |klass, part| all[klass] = part.call(all) }
    all.each do |klass, value|
      assert_instance_of klass, value
      text = value.to_json
      doc = JSON.parse(text)
      assert_equal doc, value.as_json, "#{klass}: to_json is as_json as text"
      back = klass.from_json(text)
      assert_instance_of klass, back
      assert_equal value, back, "#{klass}: from_json(to_json) equals the result"
      assert_equal value, klass.from_h(value.as_json), "#{klass}: from_h(as_json)" unless klass == C::SurveyRow
      refute_match(/NaN|Infinity/, text, "#{klass}: JSON has no NaN")
      # nested in a document, as a web handler would write it
      assert_equal doc, JSON.parse(JSON.generate({ "result" => value }))["result"], klass.to_s
    end
  end

  # Every class that reads itself back from a Hash is in samples: a new
  # result class must join the round trip above.
  def test_the_round_trip_covers_every_class_with_from_h
    covered = samples.keys + PARTS.keys + [C::Table] # Table's subclasses are in samples
    with_from_h = ObjectSpace.each_object(Class).select do |k|
      k.name&.start_with?("Cxmetrics::") && k.respond_to?(:from_h) && !k.name.start_with?("Cxmetrics::Native")
    end
    abstract = [C::ClvModel::Model, C::ClvModel::PurchaseModel, C::ClvModel::NBDModel] # no fit of their own
    missing = with_from_h.reject { |k| covered.include?(k) || abstract.include?(k) }
    assert_empty missing.map(&:name)
    # the Result classes are every Struct made by Result.define
    results = ObjectSpace.each_object(Class).select { |k| k.include?(C::Result::Methods) && k.name }
    assert_empty results.reject { |k| covered.include?(k) }.map(&:name)
  end

  # A class whose values write themselves as JSON (as_json, or a to_h of its
  # own) must read them back: without this, one with as_json and no from_h
  # would escape the ObjectSpace check above.
  INPUTS = %w[Cxmetrics::Events].freeze # an event log the caller gives, not a result

  def test_every_class_that_writes_json_reads_it_back
    writers = ObjectSpace.each_object(Class).select do |k|
      k.name&.start_with?("Cxmetrics::") && !k.name.start_with?("Cxmetrics::Native") && !(k < Exception) &&
        (k.method_defined?(:as_json) || k.instance_methods(false).include?(:to_h))
    end
    assert_empty writers.reject { |k| k.respond_to?(:from_h) || INPUTS.include?(k.name) }.map(&:name)
  end

  # What a report read from JSON answers: every data accessor as the report
  # did; render (the library's) raises, saying why.
  def test_survey_report_read_back_answers_the_accessors
    r = samples[C::SurveyReport]
    b = C::SurveyReport.from_json(r.to_json)
    assert_equal [r.rows, r.path, r.skipped, r.metrics], [b.rows, b.path, b.skipped, b.metrics]
    assert_equal [r.nps, r.csat, r.ces, r.nps_interval(method: :wald)], [b.nps, b.csat, b.ces, b.nps_interval(method: :wald)]
    %i[nps csat ces].each do |m|
      assert_equal [r.column(m), r.missing(m), r.no_answer(m), r.columns_of(m), r.results(m)],
                   [b.column(m), b.missing(m), b.no_answer(m), b.columns_of(m), b.results(m)], m.to_s
      assert_equal [r.missing_by_column(m), r.no_answer_by_column(m)], [b.missing_by_column(m), b.no_answer_by_column(m)]
    end
    assert_equal r.nps_intervals(method: :wald), b.nps_intervals(method: :wald)
    %i[cells vs_rest drivers themes].each do |t|
      refute_empty r.public_send(t), t.to_s
      assert_equal r.public_send(t), b.public_send(t), t.to_s
    end
    assert(b.cells.any? { |c| c.change.nil? }) # a first period has no change: NaN as nil, as in the report
    assert C::Serial.same?(r.cells_attrs, b.cells_attrs)
    err = assert_raises(C::InvalidArgument) { b.render(:html) }
    assert_match(/read from JSON/, err.message)
    assert_match(/SurveyReport/, b.to_s)
    err = assert_raises(C::InvalidArgument) { C::SurveyReport.from_h(r.as_json.merge("rows" => -1)) }
    assert_match(/rows is -1/, err.message)
    err = assert_raises(C::InvalidArgument) { C::SurveyReport.from_h(r.as_json.merge("rowz" => 1)) }
    assert_match(/rowz/, err.message)
  end

  def test_persona_read_back
    p1 = samples[C::PersonaSet].first
    b = C::Persona.from_json(p1.to_json)
    assert_equal [p1.id, p1.name, p1.keys], [b.id, b.name, b.keys]
    err = assert_raises(C::InvalidArgument) { b.to_markdown }
    assert_match(/read from JSON/, err.message)
    err = assert_raises(C::InvalidArgument) { C::Persona.from_h(p1.as_json.merge("id" => 7)) }
    assert_match(/id is 7/, err.message)
  end

  def test_nan_is_null_and_reads_back
    csat = C.csat([5])
    assert_nil csat.sd # NaN (the SD of one answer) is nil
    assert_includes csat.to_json, '"sd":null'
    assert_equal csat, C::CsatResult.from_json(csat.to_json)
    t = C::Table.new({ x: [1.0, Float::NAN], s: %w[a b] }, attrs: { conf: Float::NAN, name: "n" })
    doc = t.as_json
    assert_equal [1.0, nil], doc["columns"]["x"]
    assert_nil doc["attrs"]["conf"]
    back = C::Table.from_json(t.to_json)
    assert back.x[1].nan?
    assert back.attrs[:conf].nan?
    assert_equal t, back
    gg = C::ClvModel::GammaGamma.from_params(p: 6.25, q: 3.74, v: 15.44)
    assert_equal({ "p" => nil, "q" => nil, "v" => nil }, gg.as_json["se"])
    # the library's reader reads the same text (its own JSON layout plus period)
    assert_equal gg.params, C::ClvModel.model_from_json(gg.fit_json).params
  end

  def test_day_columns_stay_days
    path = File.join(Dir.mktmpdir("cxm-days"), "d.csv")
    File.write(path, "id,day\na,2024-02-29\n")
    t = C::Table.read_csv(path, columns: { id: :text, day: :day })
    assert_equal({ id: :text, day: :day }, t.types[:columns])
    back = C::Table.from_json(t.to_json)
    assert_equal "id,day\na,2024-02-29\n", back.to_csv # written as a date again
  ensure
    FileUtils.rm_rf(File.dirname(path)) if path
  end

  def test_from_h_refuses_unknown_and_missing_keys
    h = C.wilson(3, 10).to_h
    err = assert_raises(C::InvalidArgument) { C::Interval.from_h(h.merge(lowr: 0.1)) }
    assert_match(/unknown keys \["lowr"\]/, err.message)
    err = assert_raises(C::InvalidArgument) { C::Interval.from_h({ "lower" => 0.1 }) }
    assert_match(/missing keys \["upper"\]/, err.message)
    assert_equal C.wilson(3, 10), C::Interval.from_h(h.transform_keys(&:to_s)) # String keys too
    err = assert_raises(C::ParseError) { C::Interval.from_json("{\"lower\": ") }
    assert_match(/not JSON/, err.message)
    assert_raises(C::ArgumentTypeError) { C::Interval.from_json(nil) }
    assert_raises(C::ArgumentTypeError) { C::NpsResult.from_h([1, 2]) }
    err = assert_raises(C::InvalidArgument) { C::ClvModel::GammaGamma.from_h(C::ClvModel::BetaGeo.from_params(r: 1, alpha: 1, a: 1, b: 1).to_h) }
    assert_match(/bgnbd fit, not/, err.message)
  end

  # ---- words as Symbols, booleans as booleans ---------------------------------

  def test_enum_fields_are_symbols
    assert_equal :adjusted_wald, C.nps_compare([5, 3, 2], [3, 3, 4]).method
    assert_equal :wald, C.nps_compare([5, 3, 2], [3, 3, 4], method: "wald").method
    info = C::ClvModel::BetaGeo.info
    assert_equal :bgnbd, info.model
    assert_equal "bgnbd", info.name # a name stays text
    assert_equal %i[frequency recency T], info.columns - info.optional
    fit = C::ClvModel::GammaGamma.from_params(p: 6.25, q: 3.74, v: 15.44)
    h = fit.to_h
    assert_equal [:gg, false, :given, nil], h.values_at(:model, :converged, :status, :boundary_param)
    assert_equal :given, fit.status
    assert_equal "gg", fit.as_json["model"]
    assert_includes fit.to_s, "GammaGamma" # to_s stays readable
    assert_equal "CsatResult(n: 1, threshold: 4, n_satisfied: 1, pct_satisfied: 100, mean: 5, sd: nil, " \
                 "wilson_lower: 20.6549, wilson_upper: 100)", C.csat([5]).to_s
  end

  # ---- orders as Hashes, ids as given ----------------------------------------

  ORDERS = [{ customer_id: 7, date: "2024-01-02", amount: 10.0 },
            { "customer_id" => "b", "date" => "2024-02-01", "amount" => 5 },
            { customer_id: 7, date: Date.new(2024, 3, 1), amount: 2.5 },
            { customer_id: 3, date: "2024-03-10", amount: 1 }].freeze

  # By hand, analysis date 2024-03-31: customer 7 last bought on 03-01 (30
  # days), 2 orders, 12.5; "b" 02-01 (59 days), 1, 5; 3 on 03-10 (21 days), 1, 1.
  def test_rfm_from_order_hashes
    t = C.rfm_aggregate_orders(ORDERS, "2024-03-31")
    assert_equal [7, "b", 3], t.customer_id
    assert_equal [30.0, 59.0, 21.0], t.recency_days
    assert_equal [2.0, 1.0, 1.0], t.transaction_count
    assert_equal [12.5, 5.0, 1.0], t.amount
    # parallel Arrays: the same table
    ids = ORDERS.map { |o| o[:customer_id] || o["customer_id"] }
    dates = ORDERS.map { |o| o[:date] || o["date"] }
    amounts = ORDERS.map { |o| o[:amount] || o["amount"] }
    assert_equal t, C.rfm_aggregate_orders(ids, dates, amounts, "2024-03-31")
    # Rfm.orders: Integer ids go the numeric way and come back Integers
    n = C::Rfm.orders([{ customer_id: 20, order_date: 5, amount: 1.0 }, { customer_id: 3, order_date: 6, amount: 2.0 },
                       { customer_id: 20, order_date: 8, amount: 4.0 }], analysis_date: 10)
    assert_equal [20, 3], n.customer_id
    assert_equal [2.0, 4.0], n.recency_days
    assert_equal [5.0, 2.0], n.amount
  end

  # The golden vector's customers (tests/vectors rfm prep: ids b a b c a b)
  # in the order of their first order.
  def test_rfm_first_appearance_order_of_the_golden_orders
    ids = %w[b a b c a b]
    dates = %w[2006-12-01 2006-06-30 2006-12-20 2005-01-01 2006-11-30 2006-01-15]
    orders = ids.zip(dates, [10, 20, 30, 40, 50, 60]).map { |c, d, a| { "customer_id" => c, "date" => d, "amount" => a } }
    t = C.rfm_aggregate_orders(orders, "2006-12-31")
    assert_equal %w[b a c], t.customer_id
    assert_equal [3.0, 2.0, 1.0], t.transaction_count
    assert_equal [100.0, 70.0, 40.0], t.amount
  end

  # lifetimes' rules by hand, period day: 7 bought on 2024-01-02 and
  # 2024-03-01 (frequency 1, recency 59, T 68 to the last day 2024-03-10,
  # monetary 2.5: the repeat's amount); "b" and 3 once.
  def test_clv_summary_from_order_hashes
    s = C::ClvModel.summary_from_transactions(ORDERS, period: :day)
    assert_equal [7, "b", 3], s.id
    assert_equal [1.0, 0.0, 0.0], s.frequency
    assert_equal [59.0, 0.0, 0.0], s.recency
    assert_equal [68.0, 38.0, 0.0], s.T
    assert_equal [2.5, 0.0, 0.0], s.monetary_value
    assert_kind_of C::ClvModel::Summary, s
    no_amounts = ORDERS.map { |o| o.reject { |k, _| k.to_s == "amount" } }
    assert_equal s.frequency, C::ClvModel.summary_from_transactions(no_amounts, period: :day).frequency
    # predictions keep the summary's rows and ids
    pred = C::ClvModel.predict(C::ClvModel::BetaGeo.from_params(r: 0.24, alpha: 4.4, a: 0.79, b: 2.4), s, t: 10)
    assert_equal [7, "b", 3], pred.id
    ints = C::ClvModel.summary_from_transactions([{ customer_id: 5, date: 0 }, { customer_id: 2, date: 3 }], period: :day)
    assert_equal [5, 2], C::ClvModel.predict(C::ClvModel::BetaGeo.from_params(r: 0.24, alpha: 4.4, a: 0.79, b: 2.4),
                                            ints, t: 10).id
  end

  # Historic CLV of the orders' totals: revenue 18.5, 4 orders, 3 customers:
  # aov 4.625, frequency 4/3, clv over 3 periods 4.625 x 4/3 x 3 = 18.5.
  def test_historic_clv_from_order_hashes
    r = C.clv_historic_from_totals(ORDERS, 3)
    assert_close 4.625, r.aov
    assert_close 4.0 / 3, r.purchase_frequency
    assert_close 18.5, r.clv
    assert_equal r, C.clv_historic_from_totals(18.5, 4, 3, 3)
  end

  def test_order_hash_errors_name_the_row
    err = assert_raises(C::InvalidArgument) { C.rfm_aggregate_orders([{ customer_id: 1, date: "2024-01-01" }], "2024-02-01") }
    assert_match(/orders\[0\] has no amount/, err.message)
    err = assert_raises(C::ArgumentTypeError) { C.rfm_aggregate_orders([{ customer_id: 1, date: "2024-01-01", amount: 1 }, 5], "2024-02-01") }
    assert_match(/orders\[1\]: expected a Hash/, err.message) if err.message.include?("orders[1]")
    err = assert_raises(C::ArgumentTypeError) do
      C.clv_historic_from_totals([{ customer_id: 1, amount: "9" }], 3)
    end
    assert_equal 'orders[0]: amount: expected a number, got "9" (String)', err.message
  end

  # ---- a result where counts are expected -------------------------------------

  # Wald (spec §1.3) of 3 promoters, 2 passives, 1 detractor, by hand:
  # NPS = 100 (3 - 1) / 6; var = (p + d - (p - d)^2) / n with p = 1/2, d = 1/6.
  def test_results_in_place_of_counts
    r = C.nps([9, 10, 9, 7, 8, 3])
    assert_equal [3, 2, 1], [r.promoters, r.passives, r.detractors]
    w = C.nps_wald(r, z: 1.96)
    p = 0.5
    d = 1.0 / 6
    assert_close 100 * (p - d), w.nps
    assert_close 100 * Math.sqrt((p + d - (p - d)**2) / 6), w.se
    assert_equal w, C.nps_wald(3, 2, 1, z: 1.96)
    assert_equal C.nps_adjusted_wald(3, 2, 1), C.nps_adjusted_wald(r)
    assert_equal C.nps_trinomial_t(3, 2, 1), C.nps_trinomial_t(r)
    assert_equal C.nps_adjusted_wald(3, 2, 1), C.nps_adjusted_wald({ promoters: 3, passives: 2, detractors: 1 })
    assert_equal C.nps_counts(3, 2, 1), C.nps_counts(r)
    assert_equal C.nps_compare([3, 2, 1], [1, 1, 4]), C.nps_compare(r, C.nps_counts(1, 1, 4))
    csat = C.csat([5, 4, 2, 1, 5]) # 3 of 5 satisfied
    assert_equal C.wilson(3, 5), C.wilson(csat)
    assert_equal C.adjusted_wald(3, 5, conf: 0.9), C.adjusted_wald(csat, conf: 0.9)
    ces = C.ces([5, 4, 1, 2]) # 2 of 4 agree
    assert_equal C.two_proportion_test(3, 5, 2, 4), C.two_proportion_test(csat, ces)
    err = assert_raises(C::ArgumentTypeError) { C.wilson(C.nps_wald(3, 2, 1)) }
    assert_match(/CsatResult/, err.message)
  end

  # ---- bad types: Cxmetrics errors, never SWIG's ------------------------------

  BAD = [1.0..5.0, "9", nil, { a: 1 }].freeze

  def assert_typed(what)
    yield
  rescue C::Error => e
    refute_match(/SWIG|Expected argument|in method/, e.message, what)
    refute_empty e.message, what
  rescue StandardError, NotImplementedError => e
    flunk "#{what}: #{e.class}: #{e.message[0, 200]} (not a Cxmetrics::Error)"
  end

  # Internal helpers that are module functions for the other modules' use,
  # not the user's (each takes what the public functions already checked).
  INTERNAL = { C::Txlog => :all, C::Segment => %i[match_of table] }.freeze

  def test_every_public_function_refuses_bad_types_with_a_cxmetrics_error
    [C, C::ClvModel, C::Rfm, C::Segment, C::Cluster, C::Personas, C::Txlog].each do |mod|
      next if INTERNAL[mod] == :all

      (mod.singleton_methods - Module.instance_methods - Array(INTERNAL[mod])).sort.each do |name|
        meth = mod.method(name)
        req = meth.parameters.count { |t, _| t == :req }
        opt = meth.parameters.count { |t, _| t == :opt }
        keyreq = meth.parameters.select { |t, _| t == :keyreq }.map(&:last)
        n = req.zero? && opt.zero? ? 0 : [req, 1].max
        BAD.each do |bad|
          assert_typed("#{mod}.#{name}(#{bad.inspect})") { meth.call(*Array.new(n, bad), **keyreq.to_h { |k| [k, bad] }) }
        end
      end
    end
  end

  # Each keyword of the score and test functions, with good positional
  # arguments: a bad keyword is named.
  GOOD = {
    nps: [[9, 7, 0]], nps_weighted: [[9, 7, 0], [1, 1, 1]], csat: [[5, 4, 1]], ces: [[5, 4, 1]],
    ces_u8: [[5, 4, 1]], csat_u8: [[5, 4, 1]], nps_u8: [[9, 7, 0]],
    nps_wald: [3, 2, 1], nps_adjusted_wald: [3, 2, 1], nps_trinomial_t: [3, 2, 1],
    nps_compare: [[3, 2, 1], [1, 2, 3]], wilson: [3, 10], adjusted_wald: [3, 10],
    two_proportion_test: [3, 10, 5, 10], welch_t_test: [1.0, 1.0, 10, 2.0, 1.0, 10], mean_t_interval: [1.0, 1.0, 10],
    quantile7: [[1, 2, 3], 0.5], p_adjust: [[0.01, 0.2]], rfm_score: [[1, 2, 3, 4, 5]], rfm_breaks: [[1, 2, 3, 4, 5]],
    rfm_segment: [5, 5, 5], time_summary: [[1.0, 2.0]], task_success: [[1, 0, 1]],
    cxi: [[5, 4], [4, 2], [3, 5]], theme_summary: [%w[late fine], [0, 10]], durations: [[0.0, 1.0], [2.0, 3.0]]
  }.freeze

  def test_bad_keywords_are_named
    GOOD.each do |name, args|
      keys = C.method(name).parameters.select { |t, _| t == :key }.map(&:last)
      refute_empty keys, name.to_s
      keys.each do |key|
        BAD.each do |bad|
          assert_typed("Cxmetrics.#{name}(#{key}: #{bad.inspect})") { C.public_send(name, *args, key => bad) }
        end
      end
    end
  end

  def test_the_issue_cases
    err = assert_raises(C::ArgumentTypeError) { C.csat([5, 4], scale: 1.0..5.0) }
    assert_equal "scale: expected a Range of Integers such as 1..5 (answers are whole points), got 1.0..5.0 (Range)",
                 err.message
    err = assert_raises(C::ArgumentTypeError) { C.nps_wald("9", 2, 3) }
    assert_equal 'promoters: expected a number, got "9" (String)', err.message
    err = assert_raises(C::ArgumentTypeError) { C.wilson(3, 10, conf: "0.9") }
    assert_equal 'conf: expected a number, got "0.9" (String)', err.message
    err = assert_raises(C::ArgumentTypeError) { C.csat([5], threshold: "4") }
    assert_match(/threshold: expected an Integer or nil, got "4"/, err.message)
    err = assert_raises(C::ArgumentTypeError) { C.nps(nil) }
    assert_equal "scores: expected an Array, got nil (NilClass)", err.message
    err = assert_raises(C::ArgumentTypeError) { C.quantile7([1, 2], { p: 1 }) }
    assert_match(/\{:p=>1\} \(Hash\)/, err.message)
    assert_kind_of C::InvalidArgument, err
    assert_equal [-7, "BAD_ARG"], [err.code, err.name]
  end

  # The net under the idiomatic layer: SWIG's own conversion failures, on
  # the Native functions themselves.
  def test_native_conversion_errors_are_typed
    err = assert_raises(C::ArgumentTypeError) { C::Native.nps_wald("9", 2, 3, 0.95, 0) }
    assert_equal 'cxm_nps_wald: C parameter 2: expected a number (C double), got "9" (String)', err.message
    err = assert_raises(C::ArgumentTypeError) { C::Native.nps_u8([9], "0-10") }
    assert_match(/expected an Integer \(C int\), got "0-10" \(String\)/, err.message)
    err = assert_raises(C::ArgumentTypeError) { C::Native.table_rows("t") }
    refute_match(/SWIG/, err.message)
    err = assert_raises(C::InvalidArgument) { C::Native.rfm_breaks(-1, [1.0]) }
    refute_match(/SWIG|Expected argument/, err.message)
  end
end
