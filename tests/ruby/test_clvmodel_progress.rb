# frozen_string_literal: true

require_relative "test_helper"
require_relative "cdnow_data"

# Progress reporting and cancellation of the CLV fits (fit(..., progress:) or
# a block): iterations 1, 2, 3, ...; the last loglik and gradient are the
# model's; true or :stop raises Cxmetrics::Cancelled naming the model and the
# iteration; an exception in the proc stops the fit and is raised as itself.
# Data: the CDNOW summary (large enough that the fit runs without the GVL, so
# the proc is called through rb_thread_call_with_gvl), the donations patterns
# and Fader & Hardie's (2007) regular cohort (small: the fit keeps the GVL).
class TestClvModelProgress < Minitest::Test
  C = Cxmetrics::ClvModel
  include CdnowData
  SBG_REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241].freeze

  DONATIONS = %w[frequency recency periods weights].to_h do |k|
    [k.to_sym, CdnowData.table("donations.csv").map { |r| r[k] }]
  end.freeze

  # [label, model name in the C message, fit(**kw, &block)]
  FITS = [
    ["BetaGeo", "bgnbd", ->(**kw, &b) { C::BetaGeo.new.fit(F, R, T, **kw, &b) }],
    ["ParetoNBD", "pnbd", ->(**kw, &b) { C::ParetoNBD.new.fit(F, R, T, **kw, &b) }],
    ["GammaGamma", "gg", ->(**kw, &b) { C::GammaGamma.new.fit(F, M, **kw, &b) }],
    ["BetaGeoBetaBinom", "bgbb", ->(**kw, &b) { C::BetaGeoBetaBinom.new.fit(DONATIONS, **kw, &b) }],
    ["ShiftedBetaGeometric", "sbg", ->(**kw, &b) { C::ShiftedBetaGeometric.new.fit(SBG_REGULAR, **kw, &b) }]
  ].freeze

  def test_cancelled_is_generated
    assert_operator Cxmetrics::Cancelled, :<, Cxmetrics::Error
    assert_equal(-14, Cxmetrics::Cancelled::CODE)
    assert_equal "CANCELLED", Cxmetrics::Cancelled::NAME
    assert_same Cxmetrics::Cancelled, Cxmetrics.error_class(-14)
  end

  def test_progress_values_with_a_block
    FITS.each do |label, _, fit|
      seen = []
      m = fit.call { |it, ll, g| seen << [it, ll, g] }
      plain = fit.call
      assert m.converged?, label
      assert_equal (1..m.iterations).to_a, seen.map(&:first), label
      assert_operator seen.size, :>=, 2, label
      assert_equal m.loglik, seen.last[1], label
      assert_equal m.gradient_norm, seen.last[2], label
      assert_operator seen.last[1], :>=, seen.first[1], label
      assert_equal plain.params, m.params, label
      assert_equal plain.iterations, m.iterations, label
    end
  end

  def test_progress_keyword
    FITS.each do |label, _, fit|
      its = []
      m = fit.call(progress: ->(it, _ll, _g) { its << it })
      assert_equal (1..m.iterations).to_a, its, label
    end
  end

  def test_progress_stop_raises_cancelled
    FITS.each do |label, name, fit|
      [true, :stop].each do |stop|
        its = []
        err = assert_raises(Cxmetrics::Cancelled, label) do
          fit.call do |it, _ll, _g|
            its << it
            it >= 2 ? stop : nil
          end
        end
        assert_equal [1, 2], its, label
        assert_match(/iteration 2/, err.message)
        assert_includes err.message, name
        assert_equal(-14, err.code)
      end
    end
  end

  def test_other_return_values_go_on
    _, _, fit = FITS.last
    m = fit.call { |_it, _ll, _g| 1 } # truthy, but neither true nor :stop
    assert m.converged?
  end

  class Boom < StandardError; end

  def test_exception_in_proc_propagates
    FITS.each do |label, _, fit|
      its = []
      err = assert_raises(Boom, label) do
        fit.call(progress: lambda do |it, _ll, _g|
          its << it
          raise Boom, "stop #{label}" if it == 2
        end)
      end
      assert_equal "stop #{label}", err.message
      assert_equal [1, 2], its, label
      # nothing is left parked for the next call
      assert fit.call.converged?, label
    end
  end

  def test_progress_must_be_callable
    _, _, fit = FITS.last
    assert_raises(Cxmetrics::ArgumentTypeError) { fit.call(progress: 42) }
    assert_raises(Cxmetrics::InvalidArgument) { fit.call(progress: ->(*) {}) { nil } }
  end

  def test_fit_without_progress_unchanged
    m = C::ShiftedBetaGeometric.new.fit(SBG_REGULAR)
    assert_in_delta 0.704, m.params[:alpha], 5e-4
    assert_in_delta 1.182, m.params[:beta], 5e-4
    assert m.converged?
  end
end
