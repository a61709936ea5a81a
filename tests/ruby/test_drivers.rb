# frozen_string_literal: true

require_relative "test_helper"
require "json"

# Key drivers (spec §19) through Ruby. Expected values: numpy's, read from
# tests/unit/drivers_refs.h (written by tests/unit/drivers_refs.py: least
# squares on the rows for every subset's R², eigh for the relative weights),
# and a case worked by hand (orthogonal drivers keep their r²).
class TestDrivers < Minitest::Test
  REFS = File.read(File.join(CxmTest::ROOT, "tests", "unit", "drivers_refs.h"))

  def self.ref_array(name)
    body = REFS[/#{name}\[\d+\] = \{(.*?)\};/m, 1] or raise "no #{name} in drivers_refs.h"
    body.scan(/"([^"]*)"/).flatten.then { |s| s.empty? ? body.split(",").map { |v| Float(v.strip) } : s }
  end

  def self.ref_scalar(name)
    Float(REFS[/#{name} = ([-0-9.e]+)/, 1])
  end

  DATA = { "y" => ref_array("ref_y"), "x1" => ref_array("ref_x1"), "x2" => ref_array("ref_x2"),
           "x3" => ref_array("ref_x3"), "g" => ref_array("ref_g") }.freeze
  DRIVERS = %w[x1 x2 x3 g].freeze

  def test_against_numpy
    kd = Cxmetrics.key_drivers(DATA, outcome: "y", drivers: DRIVERS, bootstrap: 0)
    assert_close self.class.ref_scalar("ref_r2"), kd.r2, 1e-12
    assert_equal 40, kd.n
    assert_equal DRIVERS, kd.drivers.map(&:driver)
    assert_equal %w[numeric numeric numeric categorical], kd.drivers.map(&:kind)
    self.class.ref_array("ref_shapley").zip(kd.drivers) { |e, d| assert_close e, d.shapley, 1e-12 }
    self.class.ref_array("ref_rw").zip(kd.drivers) { |e, d| assert_close e, d.relative_weight, 1e-12 }
    self.class.ref_array("ref_corr").zip(kd.drivers) { |e, d| assert_close e, d.correlation, 1e-12 }
    assert_close kd.r2, kd.drivers.sum(&:shapley), 1e-12
    assert_close kd.r2, kd.drivers.sum(&:relative_weight), 1e-12
    assert_nil kd.drivers.first.to_h[:rw_lower]
  end

  def test_hand_worked_orthogonal
    x1 = [1, -1, 1, -1, 1, -1, 1, -1]
    x2 = [1, 1, -1, -1, 1, 1, -1, -1]
    rows = x1.zip(x2).map { |a, b| { y: a + 2 * b, x1: a, x2: b } }
    kd = Cxmetrics.key_drivers(rows, outcome: :y, drivers: %i[x1 x2], bootstrap: 0)
    assert_close 1.0, kd.r2, 1e-14
    assert_close 0.2, kd.drivers[0].shapley, 1e-14
    assert_close 0.8, kd.drivers[1].relative_weight, 1e-14
    assert_close 80.0, kd.drivers[1].shapley_share, 1e-12
  end

  def test_bootstrap_seeded_and_thread_independent
    a = Cxmetrics.key_drivers(DATA, outcome: "y", drivers: DRIVERS, bootstrap: 60, seed: 5, threads: 1)
    b = Cxmetrics.key_drivers(DATA, outcome: "y", drivers: DRIVERS, bootstrap: 60, seed: 5, threads: 2)
    c = Cxmetrics.key_drivers(DATA, outcome: "y", drivers: DRIVERS, bootstrap: 60, seed: 6, threads: 2)
    assert_equal a.to_h, b.to_h
    refute_equal a.drivers.map(&:shapley_lower), c.drivers.map(&:shapley_lower)
    a.drivers.each do |d|
      assert_operator d.shapley_lower, :<=, d.shapley
      assert_operator d.shapley, :<=, d.shapley_upper
      assert_operator d.rw_lower, :<=, d.relative_weight
      assert_operator d.relative_weight, :<=, d.rw_upper
    end
  end

  def test_missing_values
    data = DATA.transform_values(&:dup)
    data["x3"][10] = nil
    data["g"][20] = nil
    e = assert_raises(Cxmetrics::NanInput) { Cxmetrics.key_drivers(data, outcome: "y", drivers: DRIVERS) }
    assert_includes e.message, "column 'x3', row 11"
    kd = Cxmetrics.key_drivers(data, outcome: "y", drivers: DRIVERS, nan_policy: :omit, bootstrap: 0)
    assert_equal 2, kd.rows_dropped
    assert_equal 38, kd.n
  end

  def test_refusals
    e = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.key_drivers(DATA, outcome: "y", drivers: %w[x1 nope]) }
    assert_includes e.message, "drivers[1]: no column 'nope' in the table; its columns are: y, x1, x2, x3, g"
    data = DATA.merge("c" => Array.new(40, 2.0), "s" => DATA["x1"].zip(DATA["x2"]).map(&:sum))
    e = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.key_drivers(data, outcome: "y", drivers: %w[x1 c]) }
    assert_includes e.message, "driver 'c' is constant"
    e = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.key_drivers(data, outcome: "y", drivers: %w[x1 x2 s]) }
    assert_includes e.message, "drivers 'x1', 'x2' and 's' are perfectly collinear"
    many = (0...16).to_h { |i| ["m#{i}", Array.new(40) { |r| (r * (i + 3)) % 11 }] }.merge("y" => (0...40).to_a)
    e = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.key_drivers(many, outcome: "y", drivers: many.keys[0, 16]) }
    assert_includes e.message, "16 drivers: at most 15"
    short = DATA.transform_values { |v| v.first(3) }
    assert_raises(Cxmetrics::TooFew) { Cxmetrics.key_drivers(short, outcome: "y", drivers: %w[x1 x2]) }
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.key_drivers(DATA, outcome: "y", drivers: %w[x1], nan_policy: :drop) }
  end

  def test_path_and_json
    path = File.join(CxmTest::ROOT, "examples", "data", "survey_responses.csv")
    kd = Cxmetrics.key_drivers(path, outcome: "nps", drivers: %w[csat ces channel], nan_policy: :omit, bootstrap: 10)
    assert_operator kd.rows_dropped, :>, 0
    doc = JSON.parse(kd.to_json)
    assert_equal "nps", doc["outcome"]
    assert_equal %w[csat ces channel], doc["drivers"].map { |d| d["driver"] }
    assert_includes kd.inspect, "outcome=nps"
    assert_kind_of Cxmetrics::Table, kd.table
  end
end
