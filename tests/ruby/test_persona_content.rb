# frozen_string_literal: true

require_relative "test_helper"
require "json"

# Persona content through Ruby (spec §15.3, §15.4). The expected draws are
# those of a pure-Python implementation of the library's generator written
# from the published algorithms (splitmix64 + xoshiro256**, Blackman & Vigna
# 2018; Lemire 2019's bounded integer), as in tests/python/test_persona_content.py
# (ref_draw(seed, stream, n)), printed and pasted here.
class TestPersonaContent < Minitest::Test
  def table(n)
    Cxmetrics::PersonaNames.from_json(JSON.generate(
      "schema" => "cxmetrics.names/1", "source" => "test",
      "entries" => [{ "gender" => "*", "decade" => "*", "country" => "*",
                      "names" => Array.new(n) { |i| "N#{i}" } }]
    ))
  end

  # [seed, stream, n, ref_draw(seed, stream, n)]
  REF = [
    [0, 0, 10, 6],
    [1, 5, 7, 5],
    [42, 3, 33, 0],
    [18_446_744_073_709_551_615, 17, 100, 55],
    [12_345_678_901_234_567_890, 999, 3, 2],
    [7, 1_099_511_627_776, 13, 8]
  ].freeze

  def test_draw_is_the_generator
    REF.each do |seed, stream, n, want|
      name, key = table(n).draw(seed: seed, stream: stream)
      assert_equal "N#{want}", name, "seed #{seed} stream #{stream}"
      assert_equal "*/*/*", key
    end
  end

  def test_builtin_table
    t = Cxmetrics::PersonaNames.builtin
    assert_equal 33, t.size
    # the SSA's ten most popular girls' names of the 1980s
    girls = %w[Jessica Jennifer Amanda Ashley Sarah Stephanie Melissa Nicole Elizabeth Heather]
    seen = (0...200).map { |s| t.draw(gender: "female", birth_year: 1985, country: "US", seed: 1, stream: s)[0] }
    assert_equal girls.sort, seen.uniq.sort
    assert_equal "male/1980/GB", t.draw(gender: "m", birth_year: 1984, country: "UK")[1]
    assert_equal "*/*/*", t.draw(birth_year: 1984, country: "US")[1]
  end

  def test_errors
    err = assert_raises(Cxmetrics::ParseError) do
      Cxmetrics::PersonaNames.from_json('{"schema": "cxmetrics.names/1", "source": "s", "entries": [1,]}')
    end
    assert_match(/byte 61/, err.message)
    err = assert_raises(Cxmetrics::ParseError) do
      Cxmetrics::PersonaRules.from_json('{"schema": "cxmetrics.persona_rules/1", "rules": [{"name": "x", ' \
                                        '"when": [{"attribute": "a", "stat": "avg", "op": ">", "value": 1}], ' \
                                        '"goals": "g"}]}')
    end
    assert_match(/rules\[0\] \("x"\): when\[0\]: "stat"/, err.message)
    rules = Cxmetrics::PersonaRules.from_file(File.join(CxmTest::ROOT, "examples/data/persona_rules.json"))
    assert_equal 11, rules.size
  end
end
