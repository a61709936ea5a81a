# frozen_string_literal: true

require_relative "test_helper"
require_relative "cdnow_data"

# How a CLV fit ended (spec §8.14) and the limits of the predictions (§8.15):
# a fit that did not converge warns (Kernel#warn, at the caller's line) and
# its #status says how it ended. Known values: Fader, Hardie & Lee's (2005)
# BG/NBD parameters for CDNOW; for one customer (x 3, t_x 20, T 30) the BG/NBD
# likelihood has no maximum inside, and its supremum is the Poisson limit
# x ln(x / T) - x, worked by hand.
class TestClvModelStatus < Minitest::Test
  C = Cxmetrics::ClvModel
  include CdnowData
  SBG_REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241].freeze
  DONATIONS = %w[frequency recency periods weights].to_h do |k|
    [k.to_sym, CdnowData.table("donations.csv").map { |r| r[k] }]
  end.freeze
  BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }.freeze

  def test_converged_fit_is_silent
    m = nil
    assert_output(nil, "") { m = C::BetaGeo.new.fit(F, R, T) }
    assert_equal :converged, m.status
    assert m.converged?
    assert_nil m.boundary_param
    BG.each { |k, v| assert_in_delta v, m.params[k], 5e-4 }
  end

  def test_iteration_limit_every_model
    fits = [
      ["bgnbd", -> { C::BetaGeo.new.fit(F, R, T, max_iterations: 2) }],
      ["pnbd", -> { C::ParetoNBD.new.fit(F, R, T, max_iterations: 2) }],
      ["gg", -> { C::GammaGamma.new.fit(F, M, max_iterations: 2) }],
      ["bgbb", -> { C::BetaGeoBetaBinom.new.fit(DONATIONS, max_iterations: 2) }],
      ["sbg", -> { C::ShiftedBetaGeometric.new.fit(SBG_REGULAR, max_iterations: 1) }]
    ]
    fits.each do |name, fit|
      m = nil
      _, err = capture_io { m = fit.call }
      assert_equal :iteration_limit, m.status, name
      refute m.converged?
      want = "#{name} fit did not converge: stopped at the iteration limit (#{m.iterations} iterations; " \
             "largest gradient #{format('%.3g', m.gradient_norm)}); raise max_iterations"
      # "FILE:LINE: warning: MESSAGE", the line of this file that called fit
      assert_equal 1, err.lines.size, err
      assert_match(/\A#{Regexp.escape(__FILE__)}:\d+: warning: #{Regexp.escape(want)}\n\z/, err)
      assert_includes m.inspect, "NOT converged: iteration_limit"
    end
  end

  def test_one_customer_boundary
    m = nil
    _, err = capture_io { m = C::BetaGeo.new.fit([3], [20], [30]) }
    assert_match(/warning: bgnbd fit did not converge: parameter r ran off to infinity \(r = /, err)
    assert_includes err, "the data cannot identify the model"
    assert_equal :boundary, m.status
    assert_equal :r, m.boundary_param
    refute m.converged?
    assert_operator m.params[:r], :>, 1e6
    assert_in_delta 0.1, m.params[:r] / m.params[:alpha], 1e-3
    assert_in_delta 3 * Math.log(0.1) - 3, m.loglik, 1e-5
    back = nil
    assert_output(nil, "") { back = C::BetaGeo.from_json(m.to_json) }
    assert_equal :boundary, back.status
    assert_equal :r, back.boundary_param
  end

  def test_given_parameters
    m = nil
    assert_output(nil, "") { m = C::BetaGeo.from_params(**BG) }
    assert_equal :given, m.status
    assert_nil m.boundary_param
  end

  def test_too_few
    e = assert_raises(Cxmetrics::TooFew) { C::BetaGeo.new.fit([0, 0], [0, 0], [30, 20]) }
    assert_includes e.message, "no customer made a repeat purchase (every frequency is 0 among 2 customers): " \
                               "bgnbd cannot be fitted"
    e = assert_raises(Cxmetrics::TooFew) { C::GammaGamma.new.fit([0, 2], [0, 12.5]) }
    assert_includes e.message, "Gamma-Gamma needs at least 2 repeat buyers"
  end

  def test_limits
    m = C::BetaGeo.from_params(**BG)
    gg = C::GammaGamma.from_params(p: 6.25, q: 3.74, v: 15.44)
    e = assert_raises(Cxmetrics::InvalidArgument) { m.expected_purchases(1e308, 2, 30, 38) }
    assert_includes e.message, "t = 1e+308 is above the longest horizon, 1000000 periods (CXM_CLV_MAX_HORIZON)"
    summary = { id: %w[a b], frequency: [2.0, 0.0], recency: [30.0, 0.0], T: [38.0, 38.0],
                monetary_value: [20.0, 0.0] }
    e = assert_raises(Cxmetrics::InvalidArgument) do
      C.predict(m, summary, t: 10, spend_model: gg, months: 100_000, period: :week)
    end
    assert_includes e.message, "months = 100000 must be a whole number from 1 to 1200 (CXM_CLV_MAX_MONTHS)"
  end

  def test_predict_names_the_customer
    m = C::BetaGeo.from_params(**BG)
    summary = { id: %w[alice bob carol], frequency: [2.0, 2.5, 0.0], recency: [30.0, 20.0, 0.0],
                T: [38.0, 38.0, 38.0] }
    e = assert_raises(Cxmetrics::InvalidArgument) { C.predict(m, summary, t: 10) }
    assert_includes e.message, "customer 'bob' (row 2 of the summary): frequency = 2.5 must be a non-negative integer"
  end

  def test_fit_names_the_customer
    summary = { id: %w[alice bob carol], frequency: [2.0, 2.5, 0.0], recency: [30.0, 20.0, 0.0],
                T: [38.0, 38.0, 38.0] }
    e = assert_raises(Cxmetrics::InvalidArgument) { C::BetaGeo.new.fit(summary) }
    assert_includes e.message, "customer 'bob' (row 2 of the summary): frequency[1] = 2.5 must be a non-negative integer"
  end
end
