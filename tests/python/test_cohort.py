"""Cohorts (spec §24) through Python: cxmetrics.cohort against a plain pandas
implementation written here (to_period / groupby / nunique / cumsum, sets of
active customers for the §5 rates: churn 100 L / S, retention 100 (E - N) / S)
on seeded logs with ISO weeks across New Year, UTC offsets moving events
across midnight, customers with gaps, entry and activity events and amounts;
and the hand-worked log of tests/unit/test_cohort.c.
"""

import math

import numpy as np
import pytest

import cxmetrics

pd = pytest.importorskip("pandas")

FREQ = {"day": "D", "week": "W-SUN", "month": "M"}  # W-SUN: weeks Monday..Sunday (ISO)


def seeded_log(seed=13, customers=240):
    """Visits and purchases from 2024-11-20 to 2025-02-10 (New Year inside),
    hours spread over the whole day so that offsets move events across
    midnight; each customer active on a few random days (gaps between)."""
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2024-11-20T00:00Z")
    rows = []
    for c in range(customers):
        n = int(rng.integers(1, 12))
        first = rng.integers(0, 70)
        offsets = np.sort(first + rng.integers(0, 60, size=n)) * 86400 + rng.integers(0, 86400, size=n)
        for s in offsets:
            t = start + pd.Timedelta(seconds=int(s))
            buy = rng.random() < 0.4
            amount = round(float(rng.gamma(2.0, 20.0)), 2) if buy else math.nan
            rows.append((f"c{c:03d}", t.strftime("%Y-%m-%dT%H:%M:%SZ"), "purchase" if buy else "visit", amount))
    order = rng.permutation(len(rows))  # events need not be sorted
    df = pd.DataFrame([rows[i] for i in order], columns=["customer_id", "time", "event", "amount"])
    return df


def pandas_cohorts(df, every, offset_min=0, amount=None, first_event=None, active_event=None):
    """The cohort table the plain pandas way."""
    d = df.copy()
    d["ord"] = np.arange(len(d))
    d["ts"] = pd.to_datetime(d["time"], utc=True)
    d = d.sort_values(["customer_id", "ts", "ord"], kind="mergesort")
    local = (d["ts"] + pd.Timedelta(minutes=offset_min)).dt.tz_localize(None)
    d["per"] = local.dt.to_period(FREQ[every])
    last = d["per"].max()
    d["pos"] = d.groupby("customer_id").cumcount()
    entries = d if first_event is None else d[d["event"] == first_event]
    entry = entries.groupby("customer_id").first()  # first in time, then input order
    d = d[d["customer_id"].isin(entry.index)].copy()
    d["cohort"] = d["customer_id"].map(entry["per"])
    d = d[d["pos"] >= d["customer_id"].map(entry["pos"])]  # from the entry event on
    act = d if active_event is None else d[d["event"] == active_event]
    act = act.assign(p=[(a - b).n for a, b in zip(act["per"], act["cohort"])])
    sizes = entry.groupby("per").size()
    rows = []
    for cohort, size in sizes.sort_index().items():
        sets = act[act["cohort"] == cohort].groupby("p")["customer_id"].apply(set)
        g = act[act["cohort"] == cohort]
        rev = g.groupby("p")[amount].apply(lambda v: math.fsum(v)) if amount else None
        cum = 0.0
        for p in range((last - cohort).n + 1):
            a = sets.get(p, set())
            r = float(rev.get(p, 0.0)) if amount else math.nan
            cum = math.fsum(g[g["p"] <= p][amount]) if amount else math.nan
            churn = pret = math.nan
            if p > 0 and len(sets.get(p - 1, set())) > 0:
                prev = sets.get(p - 1, set())
                churn = 100.0 * len(prev - a) / len(prev)
                pret = 100.0 * (len(a) - len(a - prev)) / len(prev)
            rows.append({"cohort": cohort.start_time, "period": p, "customers": int(size), "active": len(a),
                         "retention": 100.0 * len(a) / size, "revenue": r, "revenue_per_customer": r / size,
                         "cumulative_revenue_per_customer": cum / size, "churn": churn,
                         "period_retention": pret})
    return pd.DataFrame(rows)


def assert_same(got, exp):
    assert list(got.columns) == list(exp.columns)
    assert len(got) == len(exp)
    np.testing.assert_array_equal(pd.to_datetime(got["cohort"]).to_numpy(), pd.to_datetime(exp["cohort"]).to_numpy())
    for c in exp.columns[1:]:
        np.testing.assert_allclose(got[c].to_numpy(dtype=float), exp[c].to_numpy(dtype=float), rtol=1e-12,
                                   atol=1e-9, equal_nan=True, err_msg=c)


@pytest.mark.parametrize("every", ["day", "week", "month"])
@pytest.mark.parametrize("offset", [0, -300, 330])
def test_against_pandas_any_event(every, offset):
    df = seeded_log()
    got = cxmetrics.cohort(df, every=every, utc_offset=offset)
    exp = pandas_cohorts(df, every, offset)
    assert_same(got.reset_index(drop=True), exp)
    assert got.attrs["kind"] == "cohort" and got.attrs["every"] == every
    assert got.attrs["customers_in_log"] == df["customer_id"].nunique()


@pytest.mark.parametrize("every", ["week", "month"])
def test_against_pandas_purchases_and_revenue(every):
    df = seeded_log(seed=7)
    got = cxmetrics.cohort(df, every=every, amount="amount", first_event="purchase", active_event="purchase",
                           utc_offset=60)
    exp = pandas_cohorts(df, every, 60, amount="amount", first_event="purchase", active_event="purchase")
    assert_same(got.reset_index(drop=True), exp)
    entered = df.loc[df["event"] == "purchase", "customer_id"].nunique()
    assert got.attrs["customers_not_entered"] == df["customer_id"].nunique() - entered
    assert got.attrs["amount"] == "amount"


@pytest.mark.parametrize("first,active", [("purchase", None), (None, "purchase"), ("visit", "purchase")])
def test_against_pandas_entry_and_activity(first, active):
    # events before a customer's entry are not counted; period 0 may be below 100
    df = seeded_log(seed=5)
    got = cxmetrics.cohort(df, every="month", first_event=first, active_event=active, utc_offset=-120)
    assert_same(got.reset_index(drop=True), pandas_cohorts(df, "month", -120, first_event=first, active_event=active))


def test_midnight_and_new_year_by_hand():
    # 2024-12-29 is a Sunday: week of Monday 2024-12-23; 2024-12-30 opens 2025-W01.
    # At +01:00, 2024-12-29T23:30Z is Monday 2024-12-30: x enters a week later.
    df = pd.DataFrame({"customer_id": ["x", "x", "y"],
                       "time": ["2024-12-29T23:30:00Z", "2025-01-06T10:00:00Z", "2024-12-24T10:00:00Z"],
                       "event": ["e", "e", "e"]})
    utc = cxmetrics.cohort(df, every="week")
    assert [str(d)[:10] for d in utc["cohort"]] == ["2024-12-23"] * 3
    assert list(utc["customers"]) == [2, 2, 2] and list(utc["active"]) == [2, 0, 1]
    shifted = cxmetrics.cohort(df, every="week", utc_offset=60)
    assert [str(d)[:10] for d in shifted["cohort"]] == ["2024-12-23"] * 3 + ["2024-12-30"] * 2
    assert list(shifted["active"]) == [1, 0, 0, 1, 1]
    # y: active in p0 only; x's own cohort starts a week later
    assert math.isnan(shifted["churn"].iloc[2]) and shifted["churn"].iloc[1] == 100.0


def test_errors_are_typed_and_named():
    df = seeded_log(customers=20)
    with pytest.raises(cxmetrics.InvalidArgument, match="first_event 'signup' is not an event"):
        cxmetrics.cohort(df, first_event="signup")
    with pytest.raises(cxmetrics.InvalidArgument, match="month"):
        cxmetrics.cohort(df, every="fortnight")
    # visits have no amount: an error naming the customer and the row, unless omitted
    with pytest.raises(cxmetrics.NanInput, match=r"customer 'c\d+' \(row \d+, event 'visit'\)"):
        cxmetrics.cohort(df, amount="amount")
    got = cxmetrics.cohort(df, amount="amount", nan_policy="omit")
    # with any event as entry and activity every visit is counted: each one's missing amount omitted
    assert got.attrs["amounts_omitted"] == int((df["event"] == "visit").sum())


def test_no_pandas_result_is_a_table():
    df = seeded_log(customers=10)
    t = cxmetrics.cohort(df, as_frame=False)
    assert "retention" in t and t.attrs["kind"] == "cohort"


def test_heat_map_and_page_take_the_result():
    # the html helper's plot and page read the table as cohort() returns it
    pytest.importorskip("matplotlib")
    import matplotlib
    matplotlib.use("Agg")
    df = seeded_log(customers=30)
    got = cxmetrics.cohort(df, every="month")
    ax = cxmetrics.plot_retention(got)
    arr = ax.images[0].get_array()
    exp = pandas_cohorts(df, "month").pivot(index="cohort", columns="period", values="retention")
    np.testing.assert_allclose(np.ma.filled(arr.astype(float), np.nan), exp.to_numpy(), equal_nan=True)
    page = cxmetrics.journey_html(got, title="Cohorts")
    assert page.lower().startswith("<!doctype html") and "<svg" in page


def test_orders_file_without_event_column():
    # the bundled orders file (tests/cli/data/cohort_orders.csv): no event column, every row an order
    import os
    path = os.path.join(os.path.dirname(__file__), "..", "cli", "data", "cohort_orders.csv")
    df = pd.read_csv(path, dtype={"customer_id": str, "invoice": str}).assign(event="order")
    got = cxmetrics.cohort(path, event=None, amount="amount", every="month", utc_offset=300)
    exp = pandas_cohorts(df, "month", 300, amount="amount")
    assert_same(got.reset_index(drop=True), exp)
