# frozen_string_literal: true

require_relative "test_helper"
require_relative "cdnow_data"
require "date"

# Probabilistic CLV through the Ruby binding (Cxmetrics::ClvModel, clvmodel.h).
# Expected values are independent of this library: the anchors
# (shared/anchors/README.md §2: lifetimes and the papers on the CDNOW data),
# Fader & Hardie (2007) for the sBG example, and hand calculations.
class TestClvModel < Minitest::Test
  N = Cxmetrics::Native
  C = Cxmetrics::ClvModel
  include CdnowData

  BG_LIFETIMES = { r: 0.24259292827982198, alpha: 4.413532265271817, a: 0.7928859664406002,
                   b: 2.4257523826255123 }.freeze
  BG_TIGHT = { r: 0.2425929072044656, alpha: 4.413531561205421, a: 0.7928861480987858,
               b: 2.4257534364936904 }.freeze
  BG_LL = -9582.425560567366
  MBG_TIGHT = { r: 0.5248379836655767, alpha: 6.182992019671973, a: 0.8913561553315758,
                b: 1.6139993347306487 }.freeze
  MBG_LL = -9582.13268489992
  PNBD_TIGHT = { r: 0.5532755223076004, alpha: 10.577612430770866, s: 0.6062135450395916,
                 beta: 11.66791021820297 }.freeze
  PNBD_LL = -9594.973929826863
  GG_LIFETIMES = { p: 6.248802496077898, q: 3.744588460922642, v: 15.447748064920148 }.freeze
  GG_TIGHT = { p: 6.248802489706987, q: 3.7445884532878337, v: 15.44774800947096 }.freeze
  GG_LL = -4055.9232435028675
  BGBB_LIFETIMES = { alpha: 1.203522393608002, beta: 0.7497163581757513,
                     gamma: 0.6567181695499895, delta: 2.783441982887859 }.freeze
  BGBB_TIGHT = { alpha: 1.2035223516003593, beta: 0.7497163581727705, gamma: 0.6567182084490306,
                 delta: 2.7834422326190307 }.freeze
  BGBB_LL = -33225.58127434614


  def assert_params(model, expected, tol)
    assert_equal expected.keys, model.params.keys
    expected.each { |k, v| assert_close v, model.params[k], tol, k.to_s }
  end

  def transactions
    rows = File.readlines(File.join(DATA, "CDNOW_sample.txt")).map(&:split).reject(&:empty?)
    [rows.map { |x| x[1] }, rows.map { |x| Date.strptime(x[2], "%Y%m%d") }, rows.map { |x| x[4].to_f }]
  end

  # ---- summary ------------------------------------------------------------------

  def test_summary_reproduces_the_cdnow_summary
    ids, dates, amounts = transactions
    s = C.summary_from_transactions(ids, dates, amounts: amounts, calibration_end: "1997-09-30", period: :week)
    assert_equal 2357, s.size
    assert_equal "week", s.period
    assert_equal 0, s.dropped
    refute s.holdout?
    by_id = s.to_a.to_h { |row| [row[:id].to_i, row] }
    CDNOW.each do |ref|
      row = by_id.fetch(ref["ID"].to_i)
      assert_equal ref["x"], row[:frequency]
      assert_equal ref["t_x"], row[:recency].round(2)
      assert_equal ref["T"], row[:T].round(2)
      assert_operator (row[:monetary_value] - ref["zbar"]).abs, :<=, 0.005 + 1e-9
    end
    assert_equal 2457.0, s.frequency.sum
    assert_equal 946, s.frequency.count(&:positive?)
  end

  def test_summary_by_hand_with_holdout
    s = C.summary_from_transactions(%w[a a b a a c],
                                    %w[2024-01-01 2024-01-15 2024-01-08 2024-02-05 2024-02-05 2024-02-01],
                                    amounts: [10, 30, 5, 10, 20, 7], calibration_end: Date.new(2024, 1, 29),
                                    observation_end: "2024-02-12", period: :week)
    assert s.holdout?
    assert_equal 1, s.dropped
    assert_equal 2.0, s.holdout_duration
    assert_equal({ id: "a", frequency: 1.0, recency: 2.0, T: 4.0, monetary_value: 30.0,
                   holdout_frequency: 1.0, holdout_monetary_value: 30.0 }, s[0])
    assert_equal [0.0, 0.0], [s[1][:frequency], s[1][:holdout_frequency]]
    assert_equal %w[a b], s.columns[:id]
    d = C.summary_from_transactions([1, 1], [0, 3], period: :day)
    assert_equal [[1], [3.0], [3.0]], [d.id, d.recency, d.T] # the id as given
    assert_raises(Cxmetrics::InvalidArgument) { C.summary_from_transactions(["a"], [0], period: :fortnight) }
    assert_raises(Cxmetrics::InvalidArgument) { C.summary_from_transactions(["a"], [1.5], period: :week) }
    assert_raises(Cxmetrics::EmptyInput) { C.summary_from_transactions([], [], period: :week) }
  end

  # ---- BG/NBD ----------------------------------------------------------------------

  def test_bgnbd_fit_reaches_the_tight_optimum
    m = C::BetaGeo.new.fit(F, R, T)
    assert_params m, BG_TIGHT, 1e-5
    assert_in_delta BG_LL, m.loglik, 1e-6
    assert m.converged?
    assert_equal 2357, m.n_customers
    assert(m.se.values.all? { |v| v.is_a?(Float) && v.positive? })
    one = C::BetaGeo.new.fit(F, R, T, threads: 1)
    assert_equal one.params, C::BetaGeo.new.fit(F, R, T, threads: 2).params
    assert_match(/\A#<Cxmetrics::ClvModel::BetaGeo r=0.2426 alpha=4.414/, m.inspect)
  end

  def test_bgnbd_predictions_match_the_anchors
    m = C::BetaGeo.from_params(**BG_LIFETIMES)
    e = m.expected_purchases(39, 2, 30.43, 38.86)
    assert_kind_of Float, e
    assert_close 1.2259104241744192, e, 1e-10 # Hardie: 1.226
    assert_in_delta 0.7266091368, m.p_alive(2, 30.43, 38.86), 1e-10
    assert_equal 1.0, m.p_alive(0, 0, 38.86)
    assert_close 1653.4232833307158, m.expected_purchases(39, F, R, T).sum, 1e-10
    assert_close 1917.2763169746681, m.p_alive(F, R, T).sum, 1e-10
    [0.05318, 0.15063, 1.04374, 1.85797].zip(m.unconditional_purchases([1, 3, 32, 78])) do |want, got|
      assert_in_delta want, got, 5e-6
    end
    assert_raises(Cxmetrics::InvalidArgument) { m.p_alive(1, 5, 2) } # recency > T
    assert_raises(Cxmetrics::InvalidArgument) { C::BetaGeo.new.p_alive(1, 1, 2) } # not fitted
  end

  def test_discounted_clv_matches_lifetimes
    bg = C::BetaGeo.from_params(BG_LIFETIMES)
    gg = C::GammaGamma.from_params(GG_LIFETIMES.values)
    assert_close 71_509.89931936648, C.clv(bg, gg, F, R, T, M, months: 12, discount: 0.01, period: :week).sum, 1e-10
    per_customer = C.clv(bg, gg, F, R, T, M, discount: Array.new(F.size, 0.01), period: :week)
    assert_close 71_509.89931936648, per_customer.sum, 1e-10
    assert_raises(Cxmetrics::InvalidArgument) { C.clv(gg, bg, F, R, T, M, period: :week) }
  end

  # ---- other models -----------------------------------------------------------------

  def test_mbgnbd_fit
    m = C::ModifiedBetaGeo.new.fit(F, R, T)
    assert_params m, MBG_TIGHT, 1e-5
    assert_in_delta MBG_LL, m.loglik, 1e-6
  end

  def test_pareto_nbd
    m = C::ParetoNBD.new.fit(F, R, T)
    assert_params m, PNBD_TIGHT, 1e-4
    assert_in_delta PNBD_LL, m.loglik, 1e-6
    assert_in_delta 25.45680049702658, m.expected_purchases(52, 26, 30.86, 31), 1e-3 # BTYD: 25.46
    assert_in_delta 1.0, m.p_alive(3, 20.0, 20.0), 1e-12
  end

  def test_gamma_gamma
    m = C::GammaGamma.new.fit(F, M)
    assert_params m, GG_TIGHT, 1e-6 # Hardie note 025: 6.25, 3.74, 15.44
    assert_in_delta GG_LL, m.loglik, 1e-6
    assert_equal 946, m.n_customers
    lt = C::GammaGamma.from_params(**GG_LIFETIMES)
    assert_close 83_091.22242094981, lt.expected_profit(F, M).sum, 1e-10
    assert_close 35.17100215250679, lt.expected_profit(0, 0), 1e-12
    assert_raises(Cxmetrics::EmptyInput) { C::GammaGamma.new.fit([0, 0], [0, 0]) }
    # a fit written by hand (clvmodel.h's own example), read back exactly
    hand = C.model_from_json('{"model": "gg", "params": {"p": 6.25, "q": 3.74, "v": 15.44}}')
    assert_kind_of C::GammaGamma, hand
    assert_equal({ p: 6.25, q: 3.74, v: 15.44 }, hand.params)
    assert_equal [nil, nil, nil], hand.se.values
    assert_raises(Cxmetrics::ParseError) do
      C::GammaGamma.from_json('{"model": "gg", "params": {"p": 6.25, "q": 3.74, "w": 1}}')
    end
  end

  def test_bgbb_donations
    d = CdnowData.table("donations.csv")
    cols = %w[frequency recency periods weights].to_h { |k| [k.to_sym, d.map { |r| r[k] }] }
    m = C::BetaGeoBetaBinom.new.fit(cols)
    assert_params m, BGBB_TIGHT, 1e-5
    assert_in_delta BGBB_LL, m.loglik, 1e-6
    assert_equal 11_104, m.n_customers
    lt = C::BetaGeoBetaBinom.from_params(**BGBB_LIFETIMES)
    e5 = lt.expected_purchases(5, cols[:frequency], cols[:recency], cols[:periods])
    assert_close 12_884.156963748705, e5.zip(cols[:weights]).sum { |e, w| e * w }, 1e-10
    hist = lt.pmf(6).map { |p| p * 11_104 }
    assert_equal 7, hist.size
    assert_in_delta 3454.88, hist[0], 0.005
    assert_in_delta 1253.11, hist[6], 0.005
  end

  # Fader & Hardie (2007), "How to project customer retention": regular and high end.
  def test_sbg_published_estimates
    { [1000, 631, 468, 382, 326, 289, 262, 241] => [0.704, 1.182],
      [1000, 869, 743, 653, 593, 551, 517, 491] => [0.668, 3.806] }.each do |survivors, (alpha, beta)|
      m = C::ShiftedBetaGeometric.new.fit(survivors)
      assert_in_delta alpha, m.params[:alpha], 5e-4
      assert_in_delta beta, m.params[:beta], 5e-4
      a, b = m.params.values
      s, r = m.curves(3)
      want = (1..3).map { |t| (b + t - 1) / (a + b + t - 1) }
      want.zip(r).each { |w, g| assert_close w, g, 1e-12 }
      assert_close want.inject(:*), s[2], 1e-12
    end
    assert_raises(Cxmetrics::Error) { C::ShiftedBetaGeometric.new.fit([100, 120, 90]) }
  end

  # ---- holdout evaluation (hand-checked) --------------------------------------------

  def test_holdout_errors_and_calibration_table
    e = C.holdout_errors([1.0, 2.0, 4.0], [1, 3, 2])
    assert_kind_of C::HoldoutErrors, e
    assert_equal 3, e.n
    assert_close 1.0, e.mae, 1e-15
    assert_close Math.sqrt(5.0 / 3), e.rmse, 1e-15
    assert_equal [7.0, 6.0], [e.total_predicted, e.total_actual]
    rows = C.calibration_table([0, 0, 1, 3, 9], [0.5, 1.5, 1.0, 2.0, 4.0], [0, 1, 2, 2, 6], max_frequency: 2)
    assert_equal [{ frequency: 0, predicted: 1.0, actual: 0.5, count: 2 },
                  { frequency: 1, predicted: 1.0, actual: 2.0, count: 1 },
                  { frequency: 2, predicted: 3.0, actual: 4.0, count: 2 }], rows
    assert C.calibration_table([0], [1.0], [1.0], max_frequency: 1)[1][:predicted].nan?
    assert_raises(Cxmetrics::InvalidArgument) { C.holdout_errors([1.0], [1.0, 2.0]) }
  end

  def test_json_round_trip_and_native_fits
    bg = C::BetaGeo.new.fit(F, R, T)
    back = C::BetaGeo.from_json(bg.to_json)
    assert_equal bg.params, back.params
    assert_equal bg.loglik, back.loglik
    assert back.converged?
    assert_kind_of C::BetaGeo, C.model_from_json(bg.to_json)
    assert_raises(Cxmetrics::InvalidArgument) { C::GammaGamma.from_json(bg.to_json) }
    m = C::GammaGamma.new.fit(F, M)
    assert_equal %i[model params se loglik iterations converged gradient_norm n_customers status boundary_param period],
                 m.to_h.keys
    assert_equal [:gg, true, :converged], m.to_h.values_at(:model, :converged, :status)
    assert m.to_h.frozen?
    # Native functions take the fit (a struct object), the output's length first
    assert_kind_of N::Clv_fit_result, m.fit_result
    assert_equal lt_profit = N.clv_expected_profit(1, m.fit_result, [2], [20.0]), m.expected_profit([2], [20.0])
    assert_kind_of Float, lt_profit.first
    err = assert_raises(Cxmetrics::ArgumentTypeError) { N.clv_expected_profit(1, 5, [2], [20.0]) }
    refute_match(/SWIG|Expected argument/, err.message)
    assert_raises(Cxmetrics::InvalidArgument) { C::GammaGamma.from_params(p: 1.0) }
  end

  # ---- tables, names and derived numbers from the library ------------------------

  # The summary is a table (table.h) with the library's column and attribute
  # names; the calibration end left out is the last transaction day (in C).
  def test_summary_is_a_table_with_the_librarys_names
    ids, dates, amounts = transactions
    s = C.summary_from_transactions(ids, dates, amounts: amounts, calibration_end: "19970930", period: :week)
    assert_kind_of Cxmetrics::Table, s
    assert_equal %i[id frequency recency T monetary_value], s.column_names
    assert_equal %i[period calibration_end observation_end holdout_duration dropped], s.attrs.keys
    assert_equal Cxmetrics.date_parse("1997-09-30"), s.calibration_end
    assert_equal "customers", s.row_name
    assert_equal s.columns[:T], s.T
    assert_equal s.frequency, s[:frequency]
    last = C.summary_from_transactions(ids, dates, amounts: amounts, period: :week)
    assert_equal dates.map { |d| Cxmetrics.date_parse(d.strftime("%F")) }.max, last.calibration_end
    assert_equal last, C.summary_from_transactions(ids, dates, amounts: amounts, calibration_end: last.calibration_end, period: :week)
    refute last.holdout?
    weeks = C.summary_from_transactions(%w[a a], %w[2024-01-01 2024-01-15], period: :week)
    days = C.summary_from_transactions(%w[a a], %w[2024-01-01 2024-01-15], period: "D") # lifetimes' letter
    assert_equal [[2.0], "week"], [weeks.recency, weeks.period]
    assert_equal [[14.0], "day"], [days.recency, days.period]
    err = assert_raises(Cxmetrics::InvalidArgument) { C.summary_from_transactions(["a"], [0], period: :fortnight) }
    assert_match(/day, week or month/, err.message)
  end

  # Periods per month come from the library, for the summary's period, a
  # period: argument or the period the model was fitted on; with none, an error.
  def test_periods_per_month_from_the_period
    assert_equal [30.4375, 4.345, 1.0], %i[day week month].map { |pd| C.periods_per_month(pd) }
    assert_equal N.clv_periods_per_month(N::CLV_WEEKS), C.periods_per_month("W")
    ids, dates, amounts = transactions
    s = C.summary_from_transactions(ids, dates, amounts: amounts, calibration_end: "1997-09-30", period: :week)
    bg = C::BetaGeo.from_params(BG_LIFETIMES)
    gg = C::GammaGamma.from_params(GG_LIFETIMES)
    weekly = C.clv(bg, gg, s.frequency, s.recency, s.T, s.monetary_value, periods_per_month: 4.345)
    assert_equal weekly, C.clv(bg, gg, s)                     # the summary's period
    assert_equal weekly, C.clv(bg, gg, s.frequency, s.recency, s.T, s.monetary_value, period: :week)
    fitted = C::BetaGeo.new.fit(s)
    assert_equal "week", fitted.period
    assert_equal C.clv(fitted, gg, s), C.clv(fitted, gg, s.frequency, s.recency, s.T, s.monetary_value)
    daily = C.clv(bg, gg, s, period: :day)                  # period: wins over the summary's
    assert_equal daily, C.clv(bg, gg, s, periods_per_month: 30.4375)
    refute_equal weekly, daily
    err = assert_raises(Cxmetrics::InvalidArgument) { C.clv(bg, gg, F, R, T, M) }
    assert_match(/period: \(day, week, month\) or periods_per_month:/, err.message)
    assert_nil C::BetaGeo.new.fit(F, R, T).period
    assert_raises(Cxmetrics::InvalidArgument) { C.clv(bg, gg, s, period: :week, periods_per_month: 4.345) }
    assert_raises(Cxmetrics::InvalidArgument) { C.clv(bg, gg, s, period: :fortnight) }
  end

  # A fit on a table reads the columns the library names for the model.
  def test_fits_on_tables
    ids, dates, amounts = transactions
    s = C.summary_from_transactions(ids, dates, amounts: amounts, calibration_end: "1997-09-30", period: :week)
    # the same fit; a fit on the table knows the table's period
    assert_equal C::BetaGeo.new.fit(s.frequency, s.recency, s.T).to_h.merge(period: :week), C::BetaGeo.new.fit(s).to_h
    assert_equal C::GammaGamma.new.fit(s.frequency, s.monetary_value).to_h.merge(period: :week),
                 C::GammaGamma.new.fit(s).to_h
    hash = { frequency: F, recency: R, T: T }
    assert_equal C::BetaGeo.new.fit(F, R, T).params, C::BetaGeo.new.fit(hash).params
    assert_equal C::BetaGeo.new.fit(F, R, T, weights: [1] * F.size).params,
                 C::BetaGeo.new.fit(hash, weights: [1] * F.size).params
    err = assert_raises(Cxmetrics::InvalidArgument) { C::BetaGeo.new.fit({ frequency: F, recency: R }) }
    assert_match(/no column 'T'/, err.message) # the library names the column it misses
    sbg = C::ShiftedBetaGeometric.new.fit({ survivors: [1000, 631, 468, 382, 326, 289, 262, 241] })
    assert_in_delta 0.704, sbg.params[:alpha], 5e-4
    # predictions on a table: the model's columns
    bg = C::BetaGeo.from_params(BG_LIFETIMES)
    assert_equal bg.expected_purchases(39, s.frequency, s.recency, s.T), bg.expected_purchases(39, s)
    assert_equal bg.p_alive(s.frequency, s.recency, s.T), bg.p_alive(s)
    gg = C::GammaGamma.from_params(GG_LIFETIMES)
    assert_equal gg.expected_profit(s.frequency, s.monetary_value), gg.expected_profit(s)
  end

  # What a model is comes from the library (cxm_clv_model_describe).
  def test_model_descriptions
    info = C::BetaGeo.info
    assert_kind_of C::ModelInfo, info
    assert_equal ["bgnbd", "BG/NBD", 4], [info.name, info.label, info.n_params]
    assert_equal %i[frequency recency T weights], info.columns
    assert_equal %i[weights], info.optional
    assert_includes info.predictions, :p_alive
    assert_equal %i[frequency recency periods weights], C::BetaGeoBetaBinom.info.columns
    assert_equal %i[frequency monetary_value], C::GammaGamma.info.columns
    assert_equal %i[survival retention], C::ShiftedBetaGeometric.info.predictions
    assert_equal %i[r alpha s beta], C::ParetoNBD.param_names
    assert_equal %i[alpha beta], C::ShiftedBetaGeometric.param_names
    C::Model::CLASSES.each do |number, klass|
      assert_equal number, klass.model
      assert_equal N.names_word(N::NAMES_CLV_MODEL, number), klass.info.name
    end
    refute C::BetaGeo.respond_to?(:available?), "available? is gone"
  end

  # from_params: the library checks the parameters (cxm_clv_fit_result_from_params).
  def test_from_params_is_checked_by_the_library
    err = assert_raises(Cxmetrics::OutOfRange) { C::BetaGeo.from_params(r: -0.5, alpha: 4.4, a: 0.79, b: 2.4) }
    assert_match(/r.*-0\.5/, err.message)
    assert_raises(Cxmetrics::InvalidArgument) { C::GammaGamma.from_params([1.0, 2.0]) } # n_params
    m = C::GammaGamma.from_params(GG_LIFETIMES)
    assert_nil m.loglik, "unknown: NaN in C, nil here"
    assert_equal [nil, nil, nil], m.se.values
    assert_equal 0, m.n_customers
    refute m.converged?
  end

  # Predictions as a table (cxm_clv_predict_table).
  def test_predict_table
    ids, dates, amounts = transactions
    s = C.summary_from_transactions(ids, dates, amounts: amounts, calibration_end: "1997-09-30", period: :week)
    bg = C::BetaGeo.from_params(BG_LIFETIMES)
    gg = C::GammaGamma.from_params(GG_LIFETIMES)
    p = C.predict(bg, s, t: 39, spend_model: gg)
    assert_kind_of Cxmetrics::Table, p
    assert_equal %i[id expected_purchases p_alive expected_profit clv], p.column_names
    assert_equal s.id, p.id
    assert_equal bg.expected_purchases(39, s), p.expected_purchases
    assert_equal C.clv(bg, gg, s), p.clv
    assert_equal [4.345, 12.0, 0.01], p.attrs.values_at(:periods_per_month, :months, :discount)
    assert_equal C.clv(bg, gg, s, period: :day), C.predict(bg, s, t: 39, spend_model: gg, period: :day).clv
    plain = C.predict(bg, s, t: 39)
    assert_equal %i[id expected_purchases p_alive], plain.column_names
    # a summary made in Ruby has no period: the library says to give it
    err = assert_raises(Cxmetrics::InvalidArgument) do
      C.predict(bg, { frequency: F, recency: R, T: T, monetary_value: M }, t: 39, spend_model: gg)
    end
    assert_match(/period/, err.message)
  end

  # Every function of clvmodel.h is reachable from Ruby as a Native module
  # function (cxm_ stripped).
  def test_every_clvmodel_function_is_wrapped
    header = File.read(File.join(ROOT, "include", "cxmetrics", "clvmodel.h"))
    names = header.scan(/CXM_API\s+[^;(]*?\bcxm_(\w+)\s*\(/).flatten
    assert_operator names.size, :>=, 25
    names.each { |name| assert N.respond_to?(name), "Native.#{name} is missing" }
  end

  # The P(alive) grid comes from C: cells against mpmath (Fader, Hardie & Lee's
  # formula, 50 digits) for the CDNOW fit, frequency 0 alive, BG/BB's
  # impossible cells nil.
  def test_p_alive_matrix
    m = C::BetaGeo.from_params(r: 0.24259292827982198, alpha: 4.413532265271817,
                               a: 0.7928859664406002, b: 2.4257523826255123)
    grid = m.p_alive_matrix(7, 39, 39)
    assert_equal [40, 8], [grid.size, grid.first.size]
    assert_close 0.54301468631043008987, grid[20][2], 1e-13
    assert_close 0.70566528898534866425, grid[30][5], 1e-13
    assert_close 0.011189883992665034487, grid[2][3], 1e-13
    assert(grid.all? { |row| row[0] == 1.0 })
    bb = C::BetaGeoBetaBinom.from_params(alpha: 1.204, beta: 0.750, gamma: 0.657, delta: 2.783)
    g = bb.p_alive_matrix(6, 6)
    assert_nil g[2][3]
    assert_in_delta bb.p_alive(3, 4, 6), g[4][3], 0
    assert_raises(Cxmetrics::InvalidArgument) { m.p_alive_matrix(7, 39, 20) } # recency > T
  end
end
