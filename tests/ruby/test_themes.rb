# frozen_string_literal: true

require_relative "test_helper"
require "json"
require "tmpdir"

# Themes in comments (spec §20) through Ruby. Expected values: the §20
# definitions applied by hand, and the NPS and CSAT comparisons worked by
# hand in tests/unit/test_themes.c (spec §1.4, §1.6, §17.1). The matcher
# against Python's re on thousands of comments is tests/python/test_themes.py.
class TestThemes < Minitest::Test
  TABLE = '{"delivery": ["late", "never arrived"], "greek": ["οδος"], "road": ["straße"], "x": ["nothing"]}'

  def test_table_and_names
    t = Cxmetrics::Themes.from_json(TABLE)
    assert_equal %w[delivery greek road x], t.names
    assert_equal 4, t.size
    d = Cxmetrics::Themes.default
    assert_includes d.names, "delivery"
    assert_equal ["delivery"], d.match("My parcel NEVER arrived")
  end

  def test_match_by_hand
    t = Cxmetrics::Themes.from_json(TABLE)
    assert_equal ["delivery"], t.match("It was LATE.")
    assert_equal [], t.match("chocolate")                  # inside a word
    assert_equal ["delivery"], t.match("late_")            # '_' is not a letter
    assert_equal ["delivery"], t.match("never \t\u00a0arrived")
    assert_equal [], t.match("never-arrived")              # punctuation is no space
    assert_equal ["greek"], t.match("ΟΔΟΣ")                # Σ and ς fold to σ
    assert_equal ["road"], t.match("STRASSE")              # ß folds to ss
    assert_equal ["delivery", "road"], t.match("Straße, late😀")
    assert_equal [], t.match("late中")                      # a CJK letter is a letter
    assert_equal [], t.match(nil)
  end

  def test_errors
    e = assert_raises(Cxmetrics::ParseError) { Cxmetrics::Themes.from_json(%({\n  "a": ["x", ]\n})) }
    assert_includes e.message, "not valid JSON at line 2, column 14 (byte 15)"
    e = assert_raises(Cxmetrics::ParseError) { Cxmetrics::Themes.from_json('{"price": ["cheap", 2]}') }
    assert_includes e.message, "theme 'price': word 2 is a number"
    e = assert_raises(Cxmetrics::ParseError) { Cxmetrics::Themes.from_json('{"a": ["x"], "a": ["y"]}') }
    assert_includes e.message, "theme 'a' is given twice"
    assert_raises(Cxmetrics::EmptyInput) { Cxmetrics::Themes.from_json("{}") }
    Dir.mktmpdir do |dir|
      path = File.join(dir, "t.json")
      File.binwrite(path, "{\"bad\": [\"caf\xC3\"]}")
      e = assert_raises(Cxmetrics::ParseError) { Cxmetrics::Themes.from_json(path) }
      assert_includes e.message, path
      assert_includes e.message, "theme 'bad': word 1 has invalid UTF-8 at byte 3"
    end
    t = Cxmetrics::Themes.from_json(TABLE)
    e = assert_raises(Cxmetrics::ParseError) { t.match("ok \xFF".b) }
    assert_includes e.message, "invalid UTF-8 at byte 3 of the comment"
  end

  # tests/unit/test_themes.c, worked by hand: p = 0.42184797545336294.
  def test_summary_nps_by_hand
    comments = ["late", "LATE!", "fine", "ok", nil, "", "late", " \t"]
    scores = [10, 0, 10, 9, 5, 3, nil, 7]
    rows = Cxmetrics.theme_summary(comments, scores, themes: '{"d": ["late"], "x": ["nothing"]}')
    d = rows.first
    assert_equal "d", d.theme
    assert_equal [5.0, 3.0, 60.0, 2.0, 2.0], [d.comments, d.mentions, d.share, d.n_mentioned, d.n_other]
    assert_equal [0.0, 100.0, -100.0], [d.score_mentioned, d.score_other, d.diff]
    assert_in_delta 0.42184797545336294, d.p_value, 1e-12
    assert_in_delta(-137.60541929279046, d.lower, 1e-10)
    assert_in_delta 57.60541929279046, d.upper, 1e-10
    assert_nil rows[1].p_value
    assert_equal 1.0, rows.attrs[:missing]
    assert_equal 2.0, rows.attrs[:empty]
    assert_equal 1.0, rows.attrs[:unscored]
    assert_equal "holm", rows.attrs[:adjust]
    doc = JSON.parse(rows.to_json)
    assert_equal "d", doc["themes"][0]["theme"]
    assert_equal "d", JSON.parse(d.to_json)["theme"]
  end

  # CSAT 1..5, satisfied >= 4: 1 of 2 against 1 of 3; pooled z p = 0.7093881150142263.
  def test_summary_csat_by_hand
    rows = Cxmetrics.theme_summary(%w[late late fine fine fine], [5, 2, 4, 1, 1], themes: '{"d": ["late"]}',
                                                                               metric: :csat, adjust: :bh)
    d = rows.first
    assert_equal 50.0, d.score_mentioned
    assert_in_delta 100.0 / 3, d.score_other, 1e-12
    assert_in_delta 0.7093881150142263, d.p_value, 1e-12
    e = assert_raises(Cxmetrics::OutOfRange) { Cxmetrics.theme_summary(%w[a b], [1, 11], themes: '{"d": ["x"]}') }
    assert_includes e.message, "scores[1] = 11 is outside the scale 0..10"
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.theme_summary(%w[a], [1], adjust: :sidak) }
  end
end
