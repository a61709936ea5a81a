# frozen_string_literal: true

require_relative "test_helper"
require "date"
require "time"

# Timestamps and periods (spec §0.15) through the Ruby binding. The reference
# is Ruby's own calendar: Time.iso8601 for the seconds, Date#cwday for the
# Monday of an ISO week, Date.new(y, m, 1) for month / quarter / year starts,
# all in the proleptic Gregorian calendar (Date::GREGORIAN; Ruby's default
# switches to the Julian calendar before 1582).
class TestIoTimestamp < Minitest::Test
  G = Date::GREGORIAN
  EPOCH = Date.new(1970, 1, 1, G)

  def day(d)
    (d - EPOCH).to_i
  end

  def period_start_rb(d, period)
    case period
    when :day then d
    when :week then d - (d.cwday - 1)
    when :month then Date.new(d.year, d.month, 1, G)
    when :quarter then Date.new(d.year, 3 * ((d.month - 1) / 3) + 1, 1, G)
    else Date.new(d.year, 1, 1, G)
    end
  end

  def test_random_timestamps_against_time_iso8601
    r = Random.new(20_261_207)
    3000.times do
      d = Date.new(1900, 1, 1) + r.rand(73_000)
      off = [0, 60, -300, 330, 545, -600, 840].sample(random: r)
      zone = off.zero? ? "Z" : format("%s%02d:%02d", off.negative? ? "-" : "+", off.abs / 60, off.abs % 60)
      text = format("%sT%02d:%02d:%02d%s", d.iso8601, r.rand(24), r.rand(60), r.rand(60), zone)
      seconds, is_date = Cxmetrics.timestamp_parse(text)
      assert_equal false, is_date
      assert_equal Time.iso8601(text).to_i.to_f, seconds, text
    end
    seconds, is_date = Cxmetrics.timestamp_parse("2024-03-15")
    assert_equal true, is_date
    assert_equal day(Date.new(2024, 3, 15)) * 86_400.0, seconds
  end

  def test_random_periods
    r = Random.new(7)
    2000.times do
      d = Date.new(1, 1, 8, G) + r.rand(3_652_040)
      %i[day week month quarter year].each do |p|
        assert_equal day(period_start_rb(d, p)), Cxmetrics.period_start(day(d), p), "#{d} #{p}"
      end
    end
    # 2021-01-01 is in ISO week 2020-W53, which starts on Monday 2020-12-28
    assert_equal [2020, 53], [Date.new(2021, 1, 1).cwyear, Date.new(2021, 1, 1).cweek]
    assert_equal day(Date.new(2020, 12, 28)), Cxmetrics.period_start(day(Date.new(2021, 1, 1)), "week")
  end

  def test_timestamp_period_with_offset
    # 2024-03-31T23:30Z seen at +01:00 is April 1
    assert_equal day(Date.new(2024, 3, 1)), Cxmetrics.timestamp_period("2024-03-31T23:30Z", :month)
    assert_equal day(Date.new(2024, 4, 1)),
                 Cxmetrics.timestamp_period("2024-03-31T23:30Z", :month, utc_offset_minutes: 60)
    assert_equal day(Date.new(2024, 4, 1)), Cxmetrics.timestamp_period("2024-04-01", :day, utc_offset_minutes: -600)
  end

  def test_bad_input
    {
      "2024-13-01T00:00Z" => "month 13 is not in 01..12",
      "2024-02-30" => "day 30 is not in 01..29 for 2024-02",
      "2024-03-15T25:00Z" => "hour 25 is not in 00..23",
      "2024-03-15T13:45:12" => "no UTC offset: add Z or +HH:MM",
      "2024-03-15T13:45Zx" => "expected the end of the text after the UTC offset at character 18, not 'x'",
      "" => "the text is empty (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS+HH:MM)"
    }.each do |text, why|
      e = assert_raises(Cxmetrics::ParseError) { Cxmetrics.timestamp_parse(text) }
      assert_includes e.message, "'#{text}' is not a timestamp: #{why}"
    end
    e = assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.period_start(19_797, :fortnight) }
    assert_includes e.message, "day, week, month, quarter or year"
    assert_raises(Cxmetrics::InvalidArgument) { Cxmetrics.timestamp_period("2024-01-01", :day, utc_offset_minutes: 841) }
  end
end
