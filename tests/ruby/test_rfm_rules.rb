# frozen_string_literal: true

require_relative "test_helper"
require "json"
require "tmpdir"

# RFM rule tables as JSON, the presets and the validator (spec §7.8). The
# findings are checked against a brute force written here (every score cell
# given to the first, or last, rule holding it); §7.3 states the quirks of
# sets A and B that the validator must find.
class TestRfmRules < Minitest::Test
  include CxmTest

  DIMS = %w[recency frequency monetary].freeze

  def preset(name)
    JSON.parse(File.read(File.join(ROOT, "lib", "rfm", "presets", "#{name}.json")))
  end

  # [names with no cell, uncovered cells, {[a, b] => cells in both}]
  def brute(segments, k, last)
    order = last ? segments.reverse : segments
    owned = segments.to_h { |s| [s["name"], 0] }
    uncovered = 0
    (1..k).to_a.repeated_permutation(3).each do |cell|
      hit = order.find { |s| DIMS.each_with_index.all? { |d, i| s[d][0] <= cell[i] && cell[i] <= s[d][1] } }
      hit ? owned[hit["name"]] += 1 : uncovered += 1
    end
    pairs = {}
    segments.combination(2).each do |a, b|
      n = DIMS.map { |d| [[a[d][1], b[d][1]].min - [a[d][0], b[d][0]].max + 1, 0].max }.reduce(:*)
      pairs[[a["name"], b["name"]]] = n.to_f if n.positive?
    end
    [owned.select { |_, c| c.zero? }.keys, uncovered, pairs]
  end

  def check(findings, segments, k, last)
    unreachable, uncovered, pairs = brute(segments, k, last)
    rows = findings.to_a
    assert_equal unreachable.sort, rows.select { |r| r[:kind] == "unreachable" }.map { |r| r[:rule] }.sort
    assert_equal uncovered.to_f, findings.attrs[:uncovered_cells]
    assert_equal pairs, rows.select { |r| r[:kind] == "overlap" }.to_h { |r| [[r[:rule], r[:other]], r[:cells]] }
  end

  def test_presets_against_brute_force
    assert_equal %w[r_02x vignette_11 r_030 py_rfm klaviyo_3], Cxmetrics::RfmRules.builtin_names
    Cxmetrics::RfmRules.builtin_names.each do |name|
      p = preset(name)
      %i[first last].each do |m|
        check(Cxmetrics.rfm_rules_validate(name, match: m), p["segments"], p["scores"], m == :last)
      end
    end
  end

  def test_known_quirks_of_sets_a_and_b
    b = Cxmetrics::RfmRules.builtin("r_02x").validate.select { |r| r[:kind] == "unreachable" }
    assert_equal ["New Customers", "Promising", "Can't Lose Them"], b.map { |r| r[:rule] }
    assert_equal ["Potential Loyalist", "Potential Loyalist", "At Risk"], b.map { |r| r[:other] }
    a = Cxmetrics.rfm_rules_validate("vignette_11")
    assert_equal 4.0, a.attrs[:unreachable]
    lost = a.find { |r| r[:kind] == "overlap" && r[:rule] == "Hibernating" && r[:other] == "Lost" }
    assert_equal [1, 2, 1, 2, 1, 2, 8], %i[r_lo r_hi f_lo f_hi m_lo m_hi cells].map { |c| lost[c].to_i }
  end

  def test_random_tables_against_brute_force
    rng = Random.new(4242)
    40.times do
      k = rng.rand(2..5)
      segs = Array.new(rng.rand(0..6)) do |i|
        DIMS.to_h { |d| lo = rng.rand(1..k); [d, [lo, rng.rand(lo..k)]] }.merge("name" => "S#{i}")
      end
      rules = Cxmetrics::RfmRules.from_json(JSON.generate("scores" => k, "segments" => segs))
      assert_equal k, rules.scores
      %i[first last].each { |m| check(rules.validate(match: m), segs, k, m == :last) }
    end
  end

  def test_json_round_trip
    Cxmetrics::RfmRules.builtin_names.each do |name|
      rules = Cxmetrics::RfmRules.builtin(name)
      assert_equal preset(name), JSON.parse(rules.to_json)
      assert_equal rules.names, Cxmetrics::RfmRules.from_json(rules.to_json).names
    end
    k = Cxmetrics::RfmRules.builtin("klaviyo_3")
    assert_equal [3, :first, "Champions"], [k.scores, k.match_mode, k.segment(3, 3, 3)]
  end

  def test_from_file_and_errors
    Dir.mktmpdir do |dir|
      path = File.join(dir, "mine.json")
      File.write(path, '{"match": "last", "segments": [{"name": "Top", "recency": 5}, {"name": "All"}]}')
      r = Cxmetrics::RfmRules.from_file(path)
      assert_equal [%w[Top All], :last], [r.names, r.match_mode]
      # load: a file by its path, a built-in set by its word (cxm_rfm_rules_load)
      assert_equal %w[Top All], Cxmetrics::RfmRules.load(path).names
      assert_equal 3, Cxmetrics::RfmRules.load("klaviyo_3").scores
      err = assert_raises(Cxmetrics::IOFailure) { Cxmetrics::RfmRules.load(File.join(dir, "none.json")) }
      assert_match(/klaviyo_3/, err.message)
      assert_equal ["Top"], r.validate.select { |x| x[:kind] == "unreachable" }.map { |x| x[:rule] }
      # the table's own K and match mode, set in code
      r.match_mode = :first
      assert_equal [:first, []], [r.match_mode, r.validate.select { |x| x[:kind] == "unreachable" }]
      r.scores = 6
      assert_equal [6, 6], [r.scores, JSON.parse(r.to_json)["scores"]]
      err = assert_raises(Cxmetrics::InvalidArgument) { r.scores = 4 } # Top's recency 5 is outside 1..4
      assert_match(/Top/, err.message)
      assert_equal 6, r.scores
      File.write(path, '{"segments": [{"name": "A"},]}')
      err = assert_raises(Cxmetrics::ParseError) { Cxmetrics::RfmRules.from_file(path) }
      assert_includes err.message, path
      assert_includes err.message, "not valid JSON at byte 28"
    end
    err = assert_raises(Cxmetrics::OutOfRange) do
      Cxmetrics::RfmRules.from_json('{"segments": [{"name": "A", "monetary": [1, 6]}]}')
    end
    assert_includes err.message, 'segment 1 ("A"): "monetary" has 6'
    assert_raises(Cxmetrics::ParseError) { Cxmetrics::RfmRules.from_json('{"segments": [}') }
    assert_raises(Cxmetrics::Inconsistent) { Cxmetrics::RfmRules.from_json('{"segments": [{"name": "A"}, {"name": "A"}]}') }
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.rfm_rules_validate("r_02x", scores: 1) }
  end
end
