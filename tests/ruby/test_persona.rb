# frozen_string_literal: true

require_relative "test_helper"
require "csv"
require "json"
require "open3"

# Personas through Ruby (persona.h, spec §15). Independent references: the
# planted city written out by hand (segment B: 30 of 60 customers in Lyon,
# A: 10 of 60; lift, Austin's standardised difference, the pooled
# two-proportion z p-value by Math.erfc); the command line (`cxm personas`,
# the C library reading the CSV file itself) gives the same JSON bytes as
# Ruby from rows that Ruby's own CSV library parsed: C and Ruby agree, as
# tests/python/test_persona.py shows for C and Python.
class TestPersona < Minitest::Test
  ECOM = File.join(CxmTest::ROOT, "examples", "data", "ecommerce_customers.csv")

  def planted(extra_small = 0)
    rows = []
    { "A" => [10, 25, 25], "B" => [30, 15, 15] }.each do |seg, counts|
      cities = %w[Lyon Paris Nice].zip(counts).flat_map { |c, n| [c] * n }
      cities.each_with_index do |city, i|
        rows << { "id" => format("%s%03d", seg, i), "segment" => seg, "city" => city, "channel" => %w[web app][i % 2] }
      end
    end
    extra_small.times { |i| rows << { "id" => format("C%03d", i), "segment" => "C", "city" => "Lyon", "channel" => "web" } }
    rows
  end

  def build(rows, **kw)
    Cxmetrics::Personas.build(rows, id: "id", segment: "segment", location: "city", seed: 3, reference_year: 2025, **kw)
  end

  def test_planted_city_is_the_top_identifier
    set = build(planted)
    assert_equal %w[A B], set.map(&:segment)
    top = set["P2"].identifiers.first
    assert_equal %w[city Lyon categorical], [top["attribute"], top["value"], top["type"]]
    p1 = 30.0 / 60
    p2 = 10.0 / 60
    pop = 40.0 / 120
    assert_close 50.0, top["share"], 1e-15
    assert_close p1 / pop, top["lift"], 1e-14
    assert_close (p1 - p2) / Math.sqrt((p1 * (1 - p1) + p2 * (1 - p2)) / 2), top["std_difference"], 1e-12
    z = (p1 - p2) / Math.sqrt(pop * (1 - pop) * (2.0 / 60))
    assert_close Math.erfc(z.abs / Math.sqrt(2)), top["p_value"], 1e-9
    assert_equal ["Lyon", 50.0], [set[1].location, set[1].location_share]
    assert(set.none? { |p| p.identifiers.any? { |i| i["attribute"] == "channel" } })
  end

  def test_c_and_ruby_agree
    exe = ENV.fetch("CXM_EXE", nil)
    skip "CXM_EXE is not set (meson sets it)" unless exe
    args = %w[--id customer_id --comment comment --nps nps --seed 5 --reference-year 2025 --min-n 12]
    out, err, st = Open3.capture3(exe, "personas", ECOM, *args, "--format", "json")
    assert st.success?, err
    # Ruby's CSV: numbers where a field is one, nil for an empty field
    rows = CSV.read(ECOM, headers: true, converters: :numeric).map(&:to_h)
    set = Cxmetrics::Personas.build(rows, id: "customer_id", comment: "comment", nps: "nps", seed: 5,
                                          reference_year: 2025, min_n: 12)
    assert_equal out, set.to_json
    # the library's own reading, through the binding
    t = Cxmetrics::Table.read_csv(ECOM, infer: true)
    assert_equal out, Cxmetrics::Personas.build(t, id: "customer_id", comment: "comment", nps: "nps", seed: 5,
                                                   reference_year: 2025, min_n: 12).to_json
    html, err, st = Open3.capture3(exe, "personas", ECOM, *args, "--format", "html")
    assert st.success?, err
    assert_equal html, set.to_html
  end

  def test_round_trip_and_hashes
    set = build(planted)
    back = Cxmetrics::PersonaSet.from_json(set.to_json)
    assert_equal set.to_json, back.to_json
    assert_equal JSON.parse(set.to_json), set.to_h
    assert_equal set.to_h["personas"][1], set[1].to_h
    assert_equal "cxmetrics.personas/1", set.to_h["schema"]
    assert_equal 120.0, set.sum(&:size)
    assert_includes set.to_markdown, set[1].name
    card = set[1].to_html
    assert_includes card, "<svg"
    refute_includes set.to_html, "<script"
  end

  def test_small_segment_is_suppressed
    set = build(planted(4))
    c = set[2]
    assert_equal true, c.suppressed
    assert_equal %w[id segment suppressed provenance], c.keys
    prov = set.provenance
    assert_equal 120, prov["customers"]
    assert_nil prov["excluded_customers"]
    assert_equal [50.0, 50.0], set.reject(&:suppressed).map(&:share)
    assert_equal [0.0, 0.0, 1.0], set.summary.suppressed
  end

  def test_tables_and_names
    set = build(planted)
    assert_equal %w[P1 P2], set.summary.id
    ids = set.identifiers
    assert_equal set.flat_map { |p| p.identifiers.map { |i| [p.id, i["attribute"], i["value"]] } },
                 ids.persona.zip(ids.attribute, ids.value)
    names = Cxmetrics::PersonaNames.builtin
    assert_operator names.size, :>, 0
    a = names.draw(gender: "female", birth_year: 1985, country: "US", seed: 1)
    assert_equal a, names.draw(gender: "female", birth_year: 1985, country: "US", seed: 1)
    assert_equal "female/1980/US", a[1]
    mine = Cxmetrics::PersonaNames.from_json('{"schema": "cxmetrics.names/1", "source": "test", "entries": ' \
                                             '[{"gender": "*", "decade": "*", "country": "*", "names": ["Alex"]}]}')
    assert_equal "Alex", build(planted, names: mine)[0].name
    err = assert_raises(Cxmetrics::ParseError) { Cxmetrics::PersonaNames.from_json('{"schema": ') }
    assert_match(/byte/, err.message)
  end

  def test_errors
    err = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics::Personas.build(planted, id: "id", segment: "nosuch") }
    assert_match(/nosuch/, err.message)
    assert_raises(ArgumentError) { Cxmetrics::Personas.build(planted, colour: "x") }
    assert_raises(Cxmetrics::VersionMismatch) do
      Cxmetrics::PersonaSet.from_json('{"schema": "cxmetrics.personas/9", "provenance": {}, "personas": []}')
    end
  end

  # scipy.optimize.linear_sum_assignment([[4, 1, 3], [2, 0, 5], [3, 2, 2]]) -> rows 0, 1, 2 to
  # columns 1, 0, 2, cost 5 (scipy 1.10.1; the textbook example of its documentation); a 2 x 3
  # matrix leaves one column out: [[1, 2, 3], [3, 1, 2]] -> 0 -> 0, 1 -> 1, cost 2 (by hand).
  def test_assignment_and_alpha
    assert_equal [[1, 0, 2], 5.0], Cxmetrics::Personas.linear_assignment([[4, 1, 3], [2, 0, 5], [3, 2, 2]])
    assert_equal [[0, 1], 2.0], Cxmetrics::Personas.linear_assignment([[1, 2, 3], [3, 1, 2]])
    assert_equal [[1, nil, 0], 2.0], Cxmetrics::Personas.linear_assignment([[5, 1], [9, 9], [1, 5]])
    rows = [[1, 2, 3], [2, 3, 3], [3, 3, 4], [4, 5, 5]]
    # k / (k - 1) (1 - sum of item variances / variance of the sums), by hand:
    # item variances 5/3, 19/12, 11/12 (sum 50/12); sums 6, 8, 10, 14: variance 35/3
    assert_close 1.5 * (1 - (50.0 / 12) / (35.0 / 3)), Cxmetrics::Personas.cronbach_alpha(rows), 1e-14
  end

  def test_from_behaviour_recovers_planted_behaviours
    rows = 12.times.map do |g|
      base = g < 6 ? [40, 30, 1, 0] : [0, 2, 35, 45]
      { "group" => "g#{g}", "gender" => g.odd? ? "female" : "male" }.merge(%w[a b c d].zip(base.map { |b| (b + (g % 3)).to_f }).to_h)
    end
    set, weights = Cxmetrics::Personas.from_behaviour(rows, k: 2, top: 2, seed: 1)
    assert_equal [%w[a b], %w[c d]], set.map { |p| p.interests.map { |i| i["item"] }.sort }.sort
    assert_equal "nmf-mu", set.provenance["method"]
    assert_equal 12, weights.size
  end
  # 60 customers in two plain groups (as test_persona_build.c's): with min_n 10 the
  # automatic segmentation tries k = 2..6, one report each.
  def two_groups
    (0...60).map do |i|
      { "id" => "k#{i}", "spend" => (i.odd? ? 100.0 : 10.0) + i % 7, "visits" => (i.odd? ? 20.0 : 1.0) + i % 3,
        "channel" => i.odd? ? "store" : "web" }
    end
  end

  def test_progress_of_the_automatic_segmentation
    calls = []
    set = Cxmetrics::Personas.build(two_groups, reference_year: 2024,
                                    progress: ->(step, total, _v) { calls << [step, total]; false })
    assert_equal((1..5).map { |s| [s, 5] }, calls)
    assert_equal "kprototypes", set.provenance["method"]
    assert_raises(Cxmetrics::Cancelled) do
      Cxmetrics::Personas.build(two_groups, reference_year: 2024, progress: ->(step, *) { step == 2 })
    end
    assert_raises(KeyError) do
      Cxmetrics::Personas.build(two_groups, reference_year: 2024, progress: ->(*) { raise KeyError, "x" })
    end
    calls.clear
    rows = two_groups.each_with_index.map { |r, i| r.merge("segment" => i.odd? ? "B" : "A") }
    Cxmetrics::Personas.build(rows, reference_year: 2024, progress: ->(s, *) { calls << s; false })
    assert_empty calls
  end
end
