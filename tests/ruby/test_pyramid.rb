# frozen_string_literal: true

require_relative "test_helper"
require "tmpdir"

# The CX Index and the CX pyramid (spec §25) through Cxmetrics.cxi and
# Cxmetrics.pyramid: marketr's definition (per question (HIGH - LOW) / n x
# 100, cxi their mean) worked here in plain Ruby on the worked example of
# the C test, with the Wilson bounds written out (spec §2.3); bad input is
# a typed error naming the file, line, column and value.
class TestPyramid < Minitest::Test
  HIGH = 4
  LOW = 2
  ROWS = [
    { grp: "a", month: "2024-01-05", needs: 5, ease: 4, emotion: 3 },
    { grp: "a", month: "2024-01-10", needs: 4, ease: 2, emotion: 5 },
    { grp: "a", month: "2024-02-03", needs: 3, ease: 5, emotion: 1 },
    { grp: "b", month: "2024-01-20", needs: 2, ease: 3, emotion: 4 },
    { grp: "b", month: "2024-02-11", needs: 5, ease: 5, emotion: 5 },
    { grp: "b", month: "2024-02-14", needs: 1, ease: 4, emotion: 2 },
    { grp: "a", month: "2024-02-20", needs: 4, ease: 4, emotion: 4 },
    { grp: "b", month: "2024-01-25", needs: 5, ease: 3, emotion: 2 }
  ].freeze
  QUESTIONS = %i[needs ease emotion].freeze

  def marketr(rows)
    out = QUESTIONS.to_h do |q|
      x = rows.map { |r| r[q] }.compact
      [q, (x.count { |v| v >= HIGH } - x.count { |v| v <= LOW }).fdiv(x.size) * 100]
    end
    out[:cxi] = QUESTIONS.sum { |q| out[q] } / 3.0
    complete = rows.reject { |r| QUESTIONS.any? { |q| r[q].nil? } }
    reach = [->(r) { r[:needs] >= HIGH }, ->(r) { r[:ease] >= HIGH }, ->(r) { r[:emotion] >= HIGH }]
    3.times { |k| out[:"level#{k + 1}"] = complete.count { |r| reach[0..k].all? { |f| f.(r) } }.fdiv(complete.size) * 100 }
    out
  end

  def assert_near(exp, got, what = nil)
    assert_in_delta exp, got, 1e-9 + 1e-9 * exp.abs, what
  end

  def test_cxi_worked_example
    r = Cxmetrics.cxi(ROWS.map { |x| x[:needs] }, ROWS.map { |x| x[:ease] }, ROWS.map { |x| x[:emotion] })
    ref = marketr(ROWS)
    %i[needs ease emotion cxi level1 level2 level3].each { |k| assert_near ref[k], r.public_send(k), k }
    assert_near 100.0 / 3, r.cxi
    assert_equal 8, r.n
    # Wilson (spec §2.3) of level1 = 5 of 8
    z = 1.959963984540054
    p = 5.0 / 8
    c = (p + z * z / 16) / (1 + z * z / 8)
    h = z / (1 + z * z / 8) * Math.sqrt(p * (1 - p) / 8 + z * z / 256)
    assert_near (c - h) * 100, r.level1_lower
    assert_near (c + h) * 100, r.level1_upper
    assert_equal 8, JSON.parse(r.to_h.to_json)["n"]
  end

  def test_pyramid_by_group_and_month
    p = Cxmetrics.pyramid(ROWS.each_with_object(Hash.new { |h, k| h[k] = [] }) { |r, h| r.each { |k, v| h[k.to_s] << v } },
                          by: "grp", min_n: 1)
    assert_equal "pyramid", p.attrs[:kind]
    assert_equal ["(all)", "a", "b"], p.rows.map { |r| r[:grp] }
    p.rows.each do |row|
      part = row[:grp] == "(all)" ? ROWS : ROWS.select { |r| r[:grp] == row[:grp] }
      ref = marketr(part)
      %i[cxi needs ease emotion level1 level2 level3].each { |k| assert_near ref[k], row[k], "#{row[:grp]} #{k}" }
    end
    Dir.mktmpdir do |d|
      path = File.join(d, "s.csv")
      File.write(path, "grp,month,needs,ease,emotion\n" + ROWS.map { |r| r.values.join(",") }.join("\n") + "\n")
      t = Cxmetrics.pyramid(path, time: "month", every: :month, min_n: 1)
      assert_equal %w[2024-01-01 2024-02-01], t.rows.map { |r| r[:period] }
      t.rows.each do |row|
        ref = marketr(ROWS.select { |r| r[:month][0, 7] == row[:period][0, 7] })
        %i[cxi level1 level2 level3].each { |k| assert_near ref[k], row[k], "#{row[:period]} #{k}" }
      end
      assert_equal "pyramid", JSON.parse(t.to_json)["attrs"]["kind"]
    end
  end

  def test_missing_answers
    r = Cxmetrics.cxi([5, 4, 5], [4, nil, 5], [3, 5, 5], nan_policy: :omit)
    assert_equal 2, r.n_complete
    assert_near 100.0, r.ease # 2 answers, both HIGH; marketr would count the nil as MID: 2/3
    assert_raises(Cxmetrics::NanInput) { Cxmetrics.cxi([5, 4], [4, nil], [3, 5]) }
  end

  def test_bad_input
    e = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.cxi([5, 4], [4], [3, 5]) }
    assert_match(/n_ease = 1/, e.message)
    assert_raises(Cxmetrics::OutOfRange) { Cxmetrics.cxi([5, 9], [4, 2], [3, 5]) }
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.cxi([5, 4], [4, 2], [3, 5], high: 2, low: 2) }
    Dir.mktmpdir do |d|
      path = File.join(d, "bad.csv")
      File.write(path, "needs,ease,emotion\n5,4,3\n4,2,x\n")
      e = assert_raises(Cxmetrics::ParseError) { Cxmetrics.pyramid(path) }
      assert_match(/bad\.csv:3:3 'emotion': 'x' is not a number/, e.message)
      assert_kind_of Cxmetrics::Error, e
    end
  end
end
