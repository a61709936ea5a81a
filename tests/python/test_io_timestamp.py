"""Timestamps and periods (spec §0.15) through the Python binding.

The reference is Python's own calendar: datetime.fromisoformat(...).timestamp()
for the seconds, date.isocalendar() for ISO weeks (the Monday of the week),
and month / quarter / year starts built with date(y, m, 1), over many random
timestamps with random UTC offsets and fractions of a second.
"""
import random
from datetime import date, datetime, timedelta, timezone

import pytest

import cxmetrics as cx

EPOCH = date(1970, 1, 1)


def day_number(d):
    return (d - EPOCH).days


def random_timestamp(r):
    """A random ISO text, and the datetime it stands for."""
    d = date(1, 1, 1) + timedelta(days=r.randrange(3652058))
    if r.random() < 0.2:
        return d.isoformat(), None, d
    h, mi, s = r.randrange(24), r.randrange(60), r.randrange(60)
    off = r.choice([0, 60, -300, 330, 545, -600, 840, -720, r.randrange(-1439, 1440)])
    sign = "-" if off < 0 else "+"
    if off == 0 and r.random() < 0.5:
        zone = "Z"
    elif r.random() < 0.5:
        zone = f"{sign}{abs(off) // 60:02d}:{abs(off) % 60:02d}"
    else:
        zone = f"{sign}{abs(off) // 60:02d}{abs(off) % 60:02d}"
    frac = ""
    micro = 0
    if r.random() < 0.3:
        micro = r.randrange(1000000)
        frac = f".{micro:06d}"
    sep = r.choice("T ")
    text = f"{d.isoformat()}{sep}{h:02d}:{mi:02d}:{s:02d}{frac}{zone}"
    tz = timezone(timedelta(minutes=off))
    return text, datetime(d.year, d.month, d.day, h, mi, s, micro, tzinfo=tz), d


def python_seconds(dt):
    # timestamp() is a float of limited precision far from 1970: work in whole
    # seconds and microseconds instead
    delta = dt - datetime(1970, 1, 1, tzinfo=timezone.utc)
    return delta.days * 86400 + delta.seconds + delta.microseconds / 1e6


def period_start_py(d, period):
    if period == "day":
        return d
    if period == "week":
        return d - timedelta(days=d.isocalendar()[2] - 1)
    if period == "month":
        return date(d.year, d.month, 1)
    if period == "quarter":
        return date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)
    return date(d.year, 1, 1)


def test_random_timestamps_against_datetime():
    r = random.Random(20261207)
    for _ in range(20000):
        text, dt, d = random_timestamp(r)
        seconds, is_date = cx.timestamp_parse(text)
        if dt is None:
            assert is_date is True
            assert seconds == day_number(d) * 86400
        else:
            assert is_date is False
            assert seconds == pytest.approx(python_seconds(dt), abs=1e-6), text


def test_random_periods_against_datetime():
    r = random.Random(7)
    for _ in range(20000):
        d = date(1, 1, 8) + timedelta(days=r.randrange(3652040))
        for period in ("day", "week", "month", "quarter", "year"):
            assert cx.period_start(day_number(d), period) == day_number(period_start_py(d, period)), (d, period)


def test_iso_week_spanning_new_year():
    # 2021-01-01 is in ISO week 2020-W53 (isocalendar), which starts Monday 2020-12-28
    d = date(2021, 1, 1)
    assert d.isocalendar()[:2] == (2020, 53)
    assert cx.period_start(day_number(d), "week") == day_number(date(2020, 12, 28))


def test_timestamp_period_with_offsets():
    r = random.Random(11)
    for _ in range(5000):
        text, dt, d = random_timestamp(r)
        if d.year < 2 or d.year > 9998:
            continue
        view = r.randrange(-840, 841)
        for period in ("day", "week", "month", "quarter", "year"):
            if dt is None:
                local = d
            else:
                local = dt.astimezone(timezone(timedelta(minutes=view))).date()
            got = cx.timestamp_period(text, period, view)
            assert got == day_number(period_start_py(local, period)), (text, view, period)


@pytest.mark.parametrize("text, why", [
    ("2024-13-01T00:00Z", "month 13 is not in 01..12"),
    ("2024-02-30", "day 30 is not in 01..29 for 2024-02"),
    ("2024-03-15T25:00Z", "hour 25 is not in 00..23"),
    ("2024-03-15T13:45:12", "no UTC offset: add Z or +HH:MM"),
    ("2024-03-15T13:45Zx", "expected the end of the text after the UTC offset at character 18, not 'x'"),
    ("", "the text is empty (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS+HH:MM)"),
])
def test_bad_timestamps(text, why):
    with pytest.raises(cx.ParseError) as e:
        cx.timestamp_parse(text)
    assert str(e.value) == f"PARSE: '{text}' is not a timestamp: {why}"
    # Python refuses them too (fromisoformat), except the date-time without an
    # offset, which it reads as a naive local time: that is the one we refuse on purpose
    if why.startswith("no UTC offset"):
        assert datetime.fromisoformat(text).tzinfo is None
    else:
        with pytest.raises(ValueError):
            datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_bad_arguments():
    with pytest.raises(cx.InvalidArgument, match="day, week, month, quarter or year"):
        cx.period_start(19797, "fortnight")
    with pytest.raises(cx.InvalidArgument):
        cx.period_start(19797.5, "day")
    with pytest.raises(cx.InvalidArgument, match="841"):
        cx.timestamp_period("2024-01-01", "day", 841)
