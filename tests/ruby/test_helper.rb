# frozen_string_literal: true

# Shared by the tests/ruby minitest files: run one with
#   RUBYLIB=bindings/ruby/lib:build-rb/bindings/ruby ruby tests/ruby/test_scores.rb
# or all of them with `meson test -C build-rb --suite ruby`.
require "minitest/autorun"
require "cxmetrics"

module CxmTest
  ROOT = File.expand_path("../..", __dir__)

  # |got - exp| <= tol + tol |exp| (the vectors' rule, spec §0.7, by default).
  def assert_close(exp, got, tol = 1e-9, msg = nil)
    assert_kind_of Numeric, got, msg
    ok = (got - exp).abs <= tol + tol * exp.abs
    assert ok, "#{msg && "#{msg}: "}expected #{exp.inspect} +- #{tol}, got #{got.inspect}"
  end

  # Every numeric field of two results equal within tol (nil == nil).
  def assert_same_result(a, b, tol = 0.0)
    assert_equal a.class, b.class
    a.to_h.each do |k, v|
      w = b.to_h.fetch(k)
      if v.is_a?(Float) && w.is_a?(Float)
        assert((v - w).abs <= tol * (1 + v.abs) || (v.nan? && w.nan?), "#{k}: #{v} vs #{w}")
      else
        assert_equal v, w, k.to_s
      end
    end
  end

  # Resident set size of this process in kB (Linux).
  def rss_kb
    File.read("/proc/self/status")[/^VmRSS:\s+(\d+)/, 1].to_i
  end
end

Minitest::Test.include CxmTest
