"""Event logs (spec §21) through Python: cxmetrics.Events, as_events,
duration_seconds.

Expected values are computed here with pandas, written plainly and without
the library: the sort is pd.factorize (customers in order of first
appearance) then DataFrame.sort_values(kind="stable") by (customer code,
time), which keeps input order among ties; times are pd.to_datetime(utc=True)
seconds; durations pd.Timedelta.
"""

import datetime as dt
import gzip
import json
import math
import os

import numpy as np
import pytest

import cxmetrics

pd = pytest.importorskip("pandas")

EVENTS = ["visit", "view", "cart", "checkout", "purchase", "help"]


def seeded_log(seed=13, n=2000, customers=150):
    """An unsorted log with many same-second ties (times on a coarse grid)."""
    rng = np.random.default_rng(seed)
    ids = rng.integers(0, customers, n)
    base = pd.Timestamp("2024-01-01T00:00:00Z")
    secs = rng.integers(0, 400, n) * 60  # 400 distinct minutes: many ties per customer
    df = pd.DataFrame({
        "customer_id": [f"c{i:03d}" for i in ids],
        "time": [(base + pd.Timedelta(seconds=int(s))).strftime("%Y-%m-%dT%H:%M:%SZ") for s in secs],
        "event": rng.choice(EVENTS, n),
        "channel": rng.choice(["web", "app", ""], n),
        "csat": np.where(rng.random(n) < 0.3, rng.integers(1, 6, n).astype(float), np.nan),
    })
    return df


def pandas_sorted(df, customer="customer_id", time="time"):
    """The library's order, the pandas way: customer code by first appearance,
    then time, ties in input order (a stable sort)."""
    out = df.copy()
    out["_code"] = pd.factorize(out[customer])[0]
    out["_t"] = pd.to_datetime(out[time], utc=True).astype("int64") / 1e9
    out["row"] = np.arange(len(out)) + 1
    return out.sort_values(["_code", "_t"], kind="stable").reset_index(drop=True)


def assert_log_equals(got, exp, props=(), values=()):
    assert list(got["customer_id"]) == list(exp["customer_id"])
    np.testing.assert_array_equal(got["time"].to_numpy(), exp["_t"].to_numpy())
    assert list(got["event"]) == list(exp["event"])
    assert list(got["row"]) == list(exp["row"])
    for p in props:
        assert list(got[p]) == ["" if isinstance(v, float) else v for v in exp[p]]
    for v in values:
        np.testing.assert_array_equal(got[v].to_numpy(), exp[v].to_numpy(dtype=float))


def test_dataframe_sorted_as_pandas():
    df = seeded_log()
    log = cxmetrics.Events(df, properties=["channel"], values=["csat"])
    exp = pandas_sorted(df)
    got = log.table()
    assert len(log) == len(df)
    assert log.customers == df["customer_id"].nunique()
    assert list(got.columns) == ["customer_id", "time", "event", "channel", "csat", "row"]
    assert got["row"].dtype == np.int64
    assert_log_equals(got, exp, ["channel"], ["csat"])
    assert got.attrs["kind"] == "events"
    assert got.attrs["customers"] == df["customer_id"].nunique()
    assert got.attrs["rows_read"] == len(df)
    assert log.skipped == {w: 0 for w in cxmetrics.events_skip_words()}


@pytest.mark.parametrize("threads", [1, 2, 3])
def test_csv_sorted_as_pandas(tmp_path, threads):
    df = seeded_log(seed=7, n=5000, customers=400)
    path = tmp_path / "events.csv"
    df.to_csv(path, index=False)
    log = cxmetrics.Events(path, properties=["channel"], values=["csat"], threads=threads)
    exp = pandas_sorted(pd.read_csv(path, keep_default_na=False, dtype={"csat": str}).assign(
        csat=lambda d: pd.to_numeric(d["csat"].replace("", np.nan))))
    assert_log_equals(log.table(), exp, ["channel"], ["csat"])


def test_csv_gzip_and_offsets(tmp_path):
    # offsets and dates: pandas converts each to UTC on its own
    times = ["2024-03-15T10:22:33+02:00", "2024-03-15T08:22:33Z", "2024-03-15", "2024-03-14T23:59:59-05:00",
             "2024-03-15T08:22:33.250Z"]
    df = pd.DataFrame({"user": ["u1", "u2", "u1", "u2", "u1"], "ts": times,
                       "page": ["a", "b", "c", "d", "e"]})
    path = tmp_path / "e.csv.gz"
    with gzip.open(path, "wt", newline="") as f:
        df.to_csv(f, index=False)
    log = cxmetrics.Events(str(path), customer="user", time="ts", event="page")
    got = log.table()
    exp = df.copy()
    exp["_t"] = [pd.Timestamp(t).tz_localize("UTC").timestamp() if len(t) == 10 else pd.Timestamp(t).timestamp()
                 for t in times]
    exp["_code"] = pd.factorize(exp["user"])[0]
    exp = exp.sort_values(["_code", "_t"], kind="stable")
    assert list(got["user"]) == list(exp["user"])
    assert list(got["page"]) == list(exp["page"])
    np.testing.assert_array_equal(got["ts"].to_numpy(), exp["_t"].to_numpy())


def test_datetime_and_number_times():
    base = pd.Timestamp("2024-05-01T12:00:00Z")
    df = pd.DataFrame({"customer_id": ["b", "a", "b", "a"],
                       "time": [base + pd.Timedelta(minutes=m) for m in (5, 1, 2, 1)],
                       "event": ["x", "y", "z", "w"]})
    got = cxmetrics.Events(df).table()
    exp = pandas_sorted(df.assign(time=df["time"].astype(str)))
    assert_log_equals(got, exp)
    # Unix seconds as numbers, and ids as numbers (written as integers)
    secs = {"customer_id": [12346, 7, 12346], "time": [100.5, 50.0, 20.0], "event": ["a", "b", "c"]}
    t = cxmetrics.Events(secs).table()
    assert list(t["customer_id"]) == ["12346", "12346", "7"]
    assert list(t["time"]) == [20.0, 100.5, 50.0]
    assert list(t["row"]) == [3, 1, 2]


def test_list_of_dicts_and_no_event_column():
    rows = [{"customer_id": "a", "time": "2024-01-02", "amount": 5.0},
            {"customer_id": "b", "time": "2024-01-01", "amount": 7.5},
            {"customer_id": "a", "time": "2024-01-01", "amount": None}]
    log = cxmetrics.Events(rows, event=None, values=["amount"])
    t = log.table()
    assert list(t["event"]) == ["event"] * 3
    assert list(t["customer_id"]) == ["a", "a", "b"]
    assert list(t["row"]) == [3, 1, 2]
    assert math.isnan(t["amount"][0]) and list(t["amount"][1:]) == [5.0, 7.5]
    d = log.to_dict()
    assert d["events"][0]["amount"] is None
    assert json.loads(log.to_json())["attrs"]["kind"] == "events"


def test_as_events():
    df = seeded_log(n=50)
    log = cxmetrics.as_events(df, properties=["channel"])
    assert isinstance(log, cxmetrics.Events)
    assert cxmetrics.as_events(log) is log
    assert cxmetrics.as_events(log, customer="customer_id", properties=["channel"]) is log
    with pytest.raises(cxmetrics.InvalidArgument, match="built with customer='customer_id'"):
        cxmetrics.as_events(log, customer="user")
    with pytest.raises(cxmetrics.InvalidArgument, match="are not in the Events"):
        cxmetrics.as_events(log, values=["csat"])
    with pytest.raises(cxmetrics.InvalidArgument, match="already an Events"):
        cxmetrics.Events(log)


@pytest.mark.parametrize("text, delta", [("90", pd.Timedelta(seconds=90)), ("30s", pd.Timedelta("30s")),
                                         ("15m", pd.Timedelta("15min")), ("12h", pd.Timedelta("12h")),
                                         ("7d", pd.Timedelta("7D")), ("2w", pd.Timedelta("14D")),
                                         ("1.5h", pd.Timedelta("90min"))])
def test_duration_seconds(text, delta):
    assert cxmetrics.duration_seconds(text) == delta.total_seconds()


def test_duration_seconds_bad():
    assert cxmetrics.duration_seconds(dt.timedelta(days=2)) == 172800.0
    assert cxmetrics.duration_seconds(600) == 600.0
    for bad in ["-1d", "7x", "", "nan", -5, float("nan")]:
        with pytest.raises(cxmetrics.InvalidArgument):
            cxmetrics.duration_seconds(bad)
    with pytest.raises(cxmetrics.InvalidArgument, match="'-1d'.*negative"):
        cxmetrics.duration_seconds("-1d")


def write(tmp_path, text, name="bad.csv"):
    p = tmp_path / name
    p.write_bytes(text.encode() if isinstance(text, str) else text)
    return str(p)


def test_bad_timestamp_names_line(tmp_path):
    p = write(tmp_path, "customer_id,time,event\na,2024-01-01T10:00:00Z,view\nb,2024-13-01T10:00:00Z,view\n")
    with pytest.raises(cxmetrics.ParseError, match=r"bad\.csv:3:2 'time': '2024-13-01T10:00:00Z' is not a "
                                                   r"timestamp: month 13"):
        cxmetrics.Events(p)
    log = cxmetrics.Events(p, skip_bad_rows=True)
    assert len(log) == 1 and log.skipped["bad_timestamp"] == 1


def test_missing_offset_is_refused(tmp_path):
    p = write(tmp_path, "customer_id,time,event\na,2024-01-01T10:00:00,view\n")
    with pytest.raises(cxmetrics.ParseError, match=r"bad\.csv:2:2 'time'.*offset"):
        cxmetrics.Events(p)


def test_missing_column_lists_header(tmp_path):
    p = write(tmp_path, "user,ts,event\na,2024-01-01,view\n")
    with pytest.raises(cxmetrics.InvalidArgument, match=r"customer column: no column 'customer_id' in .*bad\.csv; "
                                                        r"its columns are: user, ts, event"):
        cxmetrics.Events(p)
    with pytest.raises(cxmetrics.InvalidArgument, match=r"no column 'channel'"):
        cxmetrics.Events(p, customer="user", time="ts", properties=["channel"])
    with pytest.raises(cxmetrics.InvalidArgument, match=r"time column: no column 'time'.*user, ts, event"):
        cxmetrics.Events({"user": ["a"], "ts": ["2024-01-01"], "event": ["x"]}, customer="user", time="time")


def test_empty_id_and_ragged_row(tmp_path):
    p = write(tmp_path, "customer_id,time,event\na,2024-01-01,view\n,2024-01-02,view\nc,2024-01-03\n")
    with pytest.raises(cxmetrics.InvalidArgument, match=r"bad\.csv:3:1 'customer_id': the customer id is missing"):
        cxmetrics.Events(p)
    log = cxmetrics.Events(p, skip_bad_rows=True)
    assert len(log) == 1
    assert log.skipped["missing_id"] == 1 and log.skipped["ragged"] == 1
    assert log.table().attrs["rows_read"] == 3
    with pytest.raises(cxmetrics.InvalidArgument, match=r"row 2, column 'customer_id': the customer id is missing"):
        cxmetrics.Events({"customer_id": ["a", None], "time": ["2024-01-01", "2024-01-02"], "event": ["x", "y"]})


def test_ragged_row_error(tmp_path):
    p = write(tmp_path, "customer_id,time,event\na,2024-01-01,view\nc,2024-01-03\n")
    with pytest.raises(cxmetrics.ParseError, match=r"bad\.csv:3"):
        cxmetrics.Events(p)


def test_value_not_a_number(tmp_path):
    p = write(tmp_path, "customer_id,time,event,csat\na,2024-01-01,view,4\nb,2024-01-01,view,four\n")
    with pytest.raises(cxmetrics.ParseError, match=r"bad\.csv:3:4 'csat': 'four' is not a number"):
        cxmetrics.Events(p, values=["csat"])
    log = cxmetrics.Events(p, values=["csat"], skip_bad_rows=True)
    # the skipped row's customer is no customer of the log
    assert log.customers == 1 and log.skipped["not_a_number"] == 1


def test_empty_inputs(tmp_path):
    with pytest.raises(cxmetrics.EmptyInput):
        cxmetrics.Events(write(tmp_path, "customer_id,time,event\n"))
    with pytest.raises(cxmetrics.EmptyInput):
        cxmetrics.Events({"customer_id": [], "time": [], "event": []})
    with pytest.raises(cxmetrics.Error):
        cxmetrics.Events(os.path.join(str(tmp_path), "nope.csv"))


def test_bad_options():
    df = seeded_log(n=10)
    with pytest.raises(cxmetrics.InvalidArgument, match="841"):
        cxmetrics.Events(df, utc_offset=841)
    with pytest.raises(cxmetrics.InvalidArgument, match="at most 8"):
        cxmetrics.Events(df, properties=[f"p{i}" for i in range(9)])
    with pytest.raises(cxmetrics.InvalidArgument, match="threads"):
        cxmetrics.Events(df, threads=-1)
    with pytest.raises(cxmetrics.InvalidArgument, match="source must be"):
        cxmetrics.Events(42)
    with pytest.raises(cxmetrics.InvalidArgument, match="customer and time columns are both"):
        cxmetrics.Events(df, customer="x", time="x")
    assert cxmetrics.Events(df, utc_offset="+02:00").table().attrs["utc_offset"] == 120
