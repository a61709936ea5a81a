# frozen_string_literal: true

require_relative "test_helper"

# The linear assignment, persona matching and the Persona Perception Scale
# (spec §15.9, §15.10) through Ruby, on the cases of
# tests/unit/test_persona_match.c with the same peer values (scipy 1.10.1
# linear_sum_assignment and stats.f.ppf, numpy), so that C, Python and Ruby
# agree; and a match of two persona sets built here from customers whose
# segments are renamed and reordered.
class TestPersonaMatch < Minitest::Test
  def test_linear_assignment_scipy
    # the example of scipy's documentation: [1, 0, 2], total 5
    cols, total = Cxmetrics::Personas.linear_assignment([[4, 1, 3], [2, 0, 5], [3, 2, 2]])
    assert_equal [1, 0, 2], cols
    assert_close 5.0, total
    # matrix C of the C test (np.random.default_rng(20261207), third draw):
    # scipy pairs rows [0, 2, 3, 5] with columns [2, 0, 3, 1], total 2.672
    c = [[5.473, 3.812, 0.596, 7.238], [8.621, 1.331, 8.033, 8.24], [0.32, 3.53, 6.487, 7.337],
         [1.252, 5.987, 7.752, 0.502], [5.14, 8.255, 3.787, 7.93], [2.863, 1.254, 4.884, 8.323]]
    cols, total = Cxmetrics::Personas.linear_assignment(c)
    assert_equal [2, nil, 0, 3, nil, 1], cols
    assert_close 2.672, total, 1e-12
    assert_raises(Cxmetrics::NanInput) { Cxmetrics::Personas.linear_assignment([[1.0, Float::NAN]]) }
  end

  def test_cronbach_alpha
    # worked by hand in the C test: 48/49
    assert_close 48.0 / 49.0, Cxmetrics::Personas.cronbach_alpha([[4, 5, 4], [3, 4, 3], [5, 5, 5], [2, 3, 2]]),
                 1e-14
    assert_raises(Cxmetrics::TooFew) { Cxmetrics::Personas.cronbach_alpha([[1.0, 2.0]]) }
    assert_raises(Cxmetrics::Inconsistent) { Cxmetrics::Personas.cronbach_alpha([[1.0, 2.0], [2.0, 1.0]]) }
  end

  NAN = Float::NAN

  def test_pps
    answers = {
      "respondent" => %w[a b c d e f g h],
      "Credibility_1" => [6, 5, 7, 3, 4, nil, 6, 2],
      "credibility_2" => [7, 5, 6, 3, 5, 4, 6, 1],
      "credibility_3_r" => [2, 3, 1, 5, 4, 3, nil, 7],
      "empathy1" => [5, 4, 6, 2, nil, 3, 5, nil],
      "empathy2" => [6, 4, 7, 3, nil, 3, 4, 2],
      "clarity" => [7, 6, nil, 4, 5, 5, 6, 3]
    }
    out, resp = Cxmetrics::Personas.pps(answers, scale: 1..7)
    assert_equal %w[credibility clarity empathy], out[:construct]
    assert_equal [3, 1, 2], out[:items].map(&:to_i)
    assert_equal [6, 7, 6], out[:respondents].map(&:to_i)
    # numpy / scipy values of the C test
    [4.4444444444444438, 5.1428571428571432, 4.333333333333333].zip(out[:mean]) { |e, g| assert_close e, g, 1e-13 }
    [2.0294133434366, 1.3451854182690985, 1.505545305418162].zip(out[:sd]) { |e, g| assert_close e, g, 1e-12 }
    assert_close 0.97931654676258995, out[:alpha][0], 1e-12
    assert out[:alpha][1].nan?
    assert_close 0.92647058823529393, out[:alpha][2], 1e-12
    assert_close 0.91238312017235745, out[:alpha_lower][0], 1e-11
    assert_close 0.99687521211898422, out[:alpha_upper][0], 1e-11
    assert_close 0.47453074788729044, out[:alpha_lower][2], 1e-11
    assert_close 0.9897109595419219, out[:alpha_upper][2], 1e-11
    assert_close 19.0 / 3, resp[:credibility][0], 1e-14
    assert resp[:empathy][4].nan?
    err = assert_raises(Cxmetrics::OutOfRange) { Cxmetrics::Personas.pps(answers, scale: 1..5) }
    assert_includes err.message, "row 1, column 'Credibility_1': 6"
  end

  # 30 customers per segment; each segment's city and job lean one way.
  SEGMENTS = { "savers" => %w[Lyon nurse], "urban" => %w[Paris engineer], "sunny" => %w[Nice teacher] }.freeze
  CITIES = %w[Lyon Paris Nice].freeze
  JOBS = %w[nurse engineer teacher].freeze

  def customers(names, order, shift)
    rows = []
    order.each do |seg|
      city, job = SEGMENTS[seg]
      30.times do |i|
        rows << { "id" => "#{names[seg]}-#{i}", "segment" => names[seg],
                  "city" => i < 24 - shift ? city : CITIES[(CITIES.index(city) + 1 + i % 2) % 3],
                  "job" => i < 22 + shift ? job : JOBS[(JOBS.index(job) + 1 + i % 2) % 3],
                  "income" => 1000.0 * (CITIES.index(city) + 3) + 37.0 * i }
      end
    end
    rows
  end

  def test_match_renamed_segments
    old = customers({ "savers" => "savers", "urban" => "urban", "sunny" => "sunny" }, %w[savers urban sunny], 0)
    renamed = { "savers" => "S1", "urban" => "S2", "sunny" => "S3" }
    new = customers(renamed, %w[sunny savers urban], 2)
    a = Cxmetrics::Personas.build(old, id: "id", segment: "segment", location: "city", career: "job", seed: 1,
                                       reference_year: 2026)
    b = Cxmetrics::Personas.build(new, id: "id", segment: "segment", location: "city", career: "job", seed: 1,
                                       reference_year: 2026)
    m = Cxmetrics::Personas.match(a, b)
    seg_a = a.to_h["personas"].to_h { |p| [p["id"], p["segment"]] }
    seg_b = b.to_h["personas"].to_h { |p| [p["id"], p["segment"]] }
    back = renamed.invert
    assert_equal %w[matched matched matched], m[:status]
    m[:persona].zip(m[:previous]) { |cur, prev| assert_equal seg_a[prev], back[seg_b[cur]] }
    # the sets read back from their JSON match the same way
    m2 = Cxmetrics::Personas.match(Cxmetrics::PersonaSet.from_json(a.to_json),
                                   Cxmetrics::PersonaSet.from_json(b.to_json))
    assert_equal m[:previous], m2[:previous]
    assert_equal m[:distance], m2[:distance]
  end
end
