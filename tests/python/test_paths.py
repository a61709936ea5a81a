"""Paths and touchpoints (spec §23) through Python.

Every expected value is computed here, independently of the C library: a
plain pandas implementation of the transition matrix, the top paths and the
touchpoint table (sort by customer, time, input row; shift; groupby), on
seeded random logs with many same-second ties and on the hand log of
tests/unit/test_paths.c; score intervals from statsmodels'
proportion_confint(method="wilson") and the adjusted-Wald formula of spec
§1.4 written out here.
"""

import math

import numpy as np
import pytest

import cxmetrics

pd = pytest.importorskip("pandas")
smp = pytest.importorskip("statsmodels.stats.proportion")

# the hand log of tests/unit/test_paths.c, in its scrambled input order
HAND = {
    "customer_id": ["b", "a", "a", "c", "b", "a", "a", "b"],
    "time": [100.0, 10.0, 50.0, 3.0, 5.0, 0.0, 10.0, 7.0],
    "event": ["cart", "cart", "view", "cart", "view", "view", "pay", "view"],
}
NAMES = ["view", "cart", "pay", "help", "search"]


def random_log(seed, n=600, customers=60, with_scores=False):
    rng = np.random.default_rng(seed)
    df = pd.DataFrame({
        "customer_id": [f"c{k:02d}" for k in rng.integers(0, customers, n)],
        # few distinct seconds: many events of one customer share a second
        "time": rng.integers(0, 40, n).astype(float) * 60.0,
        "event": rng.choice(NAMES, n),
    })
    if with_scores:
        def answers(lo, hi):
            v = rng.integers(lo, hi + 1, n).astype(float)
            v[rng.random(n) < 0.6] = np.nan
            return v
        df["nps"] = answers(0, 10)
        df["csat"] = answers(1, 5)
        df["ces"] = answers(1, 7)
    return df


def sorted_log(df):
    """The log in the library's order: customer, then time, then input row."""
    d = pd.DataFrame(df).reset_index(drop=True)
    d["row"] = np.arange(len(d))
    return d.sort_values(["customer_id", "time", "row"], kind="mergesort").reset_index(drop=True)


def pandas_transitions(df):
    s = sorted_log(df)
    g = s.groupby("customer_id", sort=False)
    s["to"] = g["event"].shift(-1)
    s["dt"] = g["time"].shift(-1) - s["time"]
    pairs = s.dropna(subset=["to"]).rename(columns={"event": "from"})
    t = pairs.groupby(["from", "to"]).agg(count=("dt", "size"), median_seconds=("dt", "median")).reset_index()
    t["probability"] = 100.0 * t["count"] / t.groupby("from")["count"].transform("sum")
    t["neg"] = -t["count"]
    t = t.sort_values(["from", "neg", "to"]).reset_index(drop=True)
    return t[["from", "to", "count", "probability", "median_seconds"]]


def pandas_top_paths(df, event, anchor, length, top):
    s = sorted_log(df)
    counts, anchored = {}, 0
    for _, g in s.groupby("customer_id", sort=False):
        ev = list(g["event"])
        if event not in ev:
            continue
        anchored += 1
        i = ev.index(event)
        if anchor == "from":
            p = ev[i:i + length]
            if len(p) < length:
                p = p + ["(end)"]
        else:
            p = ev[max(0, i - length + 1):i + 1]
            if len(p) < length:
                p = ["(start)"] + p
        key = " > ".join(p)
        counts[key] = counts.get(key, 0) + 1
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].encode()))[:top]
    return [(k, c, 100.0 * c / anchored) for k, c in rows], anchored


def wilson(x, n, conf=0.95):
    lo, hi = smp.proportion_confint(x, n, alpha=1 - conf, method="wilson")
    return 100 * lo, 100 * hi


def adjusted_wald(p, pa, d, conf=0.95):
    """Spec §1.4 written out: +3/4 promoters, +3/4 detractors, n + 3."""
    from scipy.stats import norm
    z = norm.ppf(0.5 + conf / 2)
    n_adj = p + pa + d + 3
    pp, dd = (p + 0.75) / n_adj, (d + 0.75) / n_adj
    var = max(pp + dd - (pp - dd) ** 2, 0.0)
    se = 100 * math.sqrt(var / n_adj)
    centre = 100 * (pp - dd)
    return centre - z * se, centre + z * se


def pandas_touchpoints(df, conf=0.95):
    s = sorted_log(df)
    last = s.groupby("customer_id", sort=False)["event"].last().value_counts()
    rows = []
    for name, g in s.groupby("event"):
        r = {"event": name, "events": len(g), "customers": g["customer_id"].nunique(),
             "exits": int(last.get(name, 0))}
        r["drop_off"] = 100.0 * r["exits"] / r["customers"]
        comps = [r["drop_off"]]
        if "nps" in g:
            a = g["nps"].dropna()
            r["nps_n"] = len(a)
            if len(a):
                p, d = int((a >= 9).sum()), int((a <= 6).sum())
                r["nps"] = 100.0 * (p - d) / len(a)
                r["nps_lower"], r["nps_upper"] = adjusted_wald(p, len(a) - p - d, d, conf)
        if "csat" in g:
            a = g["csat"].dropna()
            r["csat_n"] = len(a)
            if len(a):
                x = int((a >= 4).sum())
                r["csat"] = 100.0 * x / len(a)
                r["csat_lower"], r["csat_upper"] = wilson(x, len(a), conf)
                comps.append(100.0 - r["csat"])
        if "ces" in g:
            a = g["ces"].dropna()
            r["ces_n"] = len(a)
            if len(a):
                x = int((a >= 5).sum())
                r["ces"] = 100.0 * x / len(a)
                r["ces_lower"], r["ces_upper"] = wilson(x, len(a), conf)
                comps.append(100.0 - r["ces"])
        r["friction_components"] = len(comps)
        r["friction"] = sum(comps) / len(comps)
        rows.append(r)
    rows.sort(key=lambda r: (-r["friction"], r["event"].encode()))
    for k, r in enumerate(rows):
        r["rank"] = k + 1
    return rows


def test_transitions_hand():
    t = cxmetrics.transitions(HAND)
    assert list(t.columns) == ["from", "to", "count", "probability", "median_seconds"]
    assert list(t["from"]) == ["cart", "pay", "view", "view"]
    assert list(t["to"]) == ["pay", "view", "cart", "view"]
    assert list(t["count"]) == [1, 1, 2, 1]
    np.testing.assert_allclose(t["probability"], [100, 100, 200 / 3, 100 / 3], rtol=1e-12)
    np.testing.assert_allclose(t["median_seconds"], [0, 40, 51.5, 2], rtol=1e-12)
    assert t.attrs["kind"] == "transitions" and t.attrs["transitions"] == 5


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_transitions_random_vs_pandas(seed):
    df = random_log(seed)
    got = cxmetrics.transitions(df)
    exp = pandas_transitions(df)
    assert list(got["from"]) == list(exp["from"])
    assert list(got["to"]) == list(exp["to"])
    assert list(got["count"]) == list(exp["count"])
    np.testing.assert_allclose(got["probability"], exp["probability"], rtol=1e-12)
    np.testing.assert_allclose(got["median_seconds"], exp["median_seconds"], rtol=1e-12, atol=1e-9)
    assert got.attrs["transitions"] == exp["count"].sum()


def test_same_second_ties_follow_input_order():
    # a's two events share a second: input order view, then pay
    df = {"customer_id": ["a", "a", "a"], "time": [5.0, 5.0, 1.0], "event": ["view", "pay", "home"]}
    t = cxmetrics.transitions(df)
    assert list(zip(t["from"], t["to"])) == [("home", "view"), ("view", "pay")]
    df2 = {"customer_id": ["a", "a", "a"], "time": [5.0, 5.0, 1.0], "event": ["pay", "view", "home"]}
    t2 = cxmetrics.transitions(df2)
    assert list(zip(t2["from"], t2["to"])) == [("home", "pay"), ("pay", "view")]


def test_top_paths_hand():
    p = cxmetrics.top_paths(HAND, start="view", length=4)
    assert list(p["path"]) == ["view > cart > pay > view", "view > view > cart > (end)"]
    assert list(p["rank"]) == [1, 2] and list(p["customers"]) == [1, 1]
    np.testing.assert_allclose(p["share"], [50, 50])
    q = cxmetrics.top_paths(HAND, end="cart", length=3)
    assert list(q["path"]) == ["(start) > cart", "(start) > view > cart", "view > view > cart"]
    assert q.attrs["customers_with_anchor"] == 3 and q.attrs["anchor"] == "to"


@pytest.mark.parametrize("seed,anchor,length,top", [(4, "from", 3, 10), (5, "to", 3, 10), (6, "from", 2, 5),
                                                    (7, "to", 5, 1000), (8, "from", 10, 20)])
def test_top_paths_random_vs_pandas(seed, anchor, length, top):
    df = random_log(seed, n=300, customers=80)
    kw = {"start": "cart"} if anchor == "from" else {"end": "pay"}
    got = cxmetrics.top_paths(df, length=length, top=top, **kw)
    exp, anchored = pandas_top_paths(df, kw.get("start", kw.get("end")), anchor, length, top)
    assert list(got["path"]) == [e[0] for e in exp]
    assert list(got["customers"]) == [e[1] for e in exp]
    np.testing.assert_allclose(got["share"], [e[2] for e in exp], rtol=1e-12)
    assert got.attrs["customers_with_anchor"] == anchored


def test_touchpoints_hand_counts():
    t = cxmetrics.touchpoints(HAND)
    assert list(t["event"]) == ["cart", "view", "pay"]
    assert list(t["exits"]) == [2, 1, 0] and list(t["customers"]) == [3, 2, 1]
    np.testing.assert_allclose(t["friction"], [200 / 3, 50, 0])
    assert t.attrs["kind"] == "touchpoints"


@pytest.mark.parametrize("seed", [13, 14])
def test_touchpoints_goals_vs_pandas(seed):
    # a goal's exits are finishes: drop_off NaN; friction = mean of the other components
    df = random_log(seed, with_scores=True)
    got = cxmetrics.touchpoints(df, csat="csat", ces="ces", goals=["pay", "search"]).set_index("event")
    order = df.reset_index().sort_values(["customer_id", "time", "index"], kind="stable")
    last = order.groupby("customer_id")["event"].last().value_counts()
    custs = df.groupby("event")["customer_id"].nunique()
    for ev, row in got.iterrows():
        goal = ev in ("pay", "search")
        assert row["goal"] == int(goal)
        assert row["exits"] == last.get(ev, 0)
        comps = [] if goal else [100.0 * last.get(ev, 0) / custs[ev]]
        comps += [v for v in (row["not_satisfied"], row["not_easy"]) if not math.isnan(v)]
        assert math.isnan(row["drop_off"]) == goal
        assert row["friction_components"] == len(comps)
        assert row["friction"] == pytest.approx(sum(comps) / len(comps), rel=1e-12)
    assert list(got["rank"]) == list(range(1, len(got) + 1))
    with pytest.raises(cxmetrics.InvalidArgument, match="goal 'refund' is not an event in the log"):
        cxmetrics.touchpoints(df, goals="refund")
    with pytest.raises(cxmetrics.InvalidArgument, match="already a goal"):
        cxmetrics.touchpoints(df, goals=["pay", "pay"])


@pytest.mark.parametrize("seed", [11, 12])
def test_touchpoints_random_vs_pandas(seed):
    df = random_log(seed, with_scores=True)
    got = cxmetrics.touchpoints(df, nps="nps", csat="csat", ces="ces")
    exp = pandas_touchpoints(df)
    assert list(got["event"]) == [r["event"] for r in exp]
    for col in ("rank", "events", "customers", "exits", "nps_n", "csat_n", "ces_n", "friction_components"):
        assert list(got[col]) == [r[col] for r in exp], col
    for col in ("drop_off", "nps", "nps_lower", "nps_upper", "csat", "csat_lower", "csat_upper", "ces",
                "ces_lower", "ces_upper", "friction"):
        np.testing.assert_allclose(got[col], [r.get(col, np.nan) for r in exp], rtol=1e-9, atol=1e-9,
                                   err_msg=col)
    np.testing.assert_allclose(got["not_satisfied"], 100 - got["csat"])
    assert got.attrs["csat_column"] == "csat"


def test_touchpoints_scales_and_conf():
    df = random_log(13, with_scores=True)
    df["ces"] = df["ces"].where(df["ces"] <= 5)  # answers on 1-5
    got = cxmetrics.touchpoints(df, csat="csat", ces="ces", ces_scale="1-5", csat_threshold=5, conf=0.9)
    s = sorted_log(df)
    for _, r in got.iterrows():
        g = s[s["event"] == r["event"]]
        a = g["csat"].dropna()
        x = int((a >= 5).sum())
        assert r["csat"] == pytest.approx(100 * x / len(a))
        lo, hi = wilson(x, len(a), 0.9)
        assert r["csat_lower"] == pytest.approx(lo, rel=1e-9) and r["csat_upper"] == pytest.approx(hi, rel=1e-9)
        c = g["ces"].dropna()
        assert r["ces"] == pytest.approx(100 * int((c >= 4).sum()) / len(c))


def test_bad_input():
    with pytest.raises(cxmetrics.InvalidArgument, match=r"'checkout'.*events: "):
        cxmetrics.top_paths(HAND, start="checkout")
    with pytest.raises(cxmetrics.InvalidArgument, match="start= .* or end="):
        cxmetrics.top_paths(HAND)
    with pytest.raises(cxmetrics.InvalidArgument, match="length"):
        cxmetrics.top_paths(HAND, start="view", length=11)
    with pytest.raises(cxmetrics.InvalidArgument, match="top"):
        cxmetrics.top_paths(HAND, start="view", top=0)
    with pytest.raises(cxmetrics.InvalidArgument, match="NPS scale"):
        cxmetrics.touchpoints(HAND, nps_scale="1-5")
    with pytest.raises(cxmetrics.InvalidArgument, match="conf"):
        cxmetrics.touchpoints(HAND, conf=1.5)
    bad = dict(HAND, csat=[5, 9, 4, np.nan, np.nan, np.nan, np.nan, np.nan])
    # the 9 is customer a's cart at input row 2
    with pytest.raises(cxmetrics.OutOfRange, match=r"column 'csat', customer 'a', input row 2 \(event 'cart'\)"):
        cxmetrics.touchpoints(bad, csat="csat")
    frac = dict(HAND, csat=[5, 3.5, 4, np.nan, np.nan, np.nan, np.nan, np.nan])
    with pytest.raises(cxmetrics.NonInteger, match=r"input row 2"):
        cxmetrics.touchpoints(frac, csat="csat")


def test_to_dict_and_json_friendly():
    t = cxmetrics.touchpoints(HAND, as_frame=False)
    assert list(t["event"]) == ["cart", "view", "pay"]
    assert t.attrs["kind"] == "touchpoints"


def test_events_object_and_iso_times():
    # the same log as HAND with ISO times (seconds after 2024-03-01T00:00:00Z) and a score column
    base = pd.Timestamp("2024-03-01T00:00:00Z")
    iso = [(base + pd.Timedelta(seconds=s)).strftime("%Y-%m-%dT%H:%M:%SZ") for s in HAND["time"]]
    df = pd.DataFrame(dict(HAND, time=iso, csat=[4, 2, np.nan, 5, np.nan, np.nan, 5, np.nan]))
    ev = cxmetrics.Events(df, values=["csat"])
    t = cxmetrics.transitions(ev)
    np.testing.assert_allclose(t["median_seconds"], [0, 40, 51.5, 2])
    tp = cxmetrics.touchpoints(ev, csat="csat")
    # cart: 2 of 3 satisfied; friction (66.67 + 33.33) / 2 = 50, tied with view (50): bytewise cart first
    assert list(tp["event"]) == ["cart", "view", "pay"]
    assert tp["csat"].iloc[0] == pytest.approx(200 / 3)
    lo, hi = wilson(2, 3)
    assert tp["csat_lower"].iloc[0] == pytest.approx(lo) and tp["csat_upper"].iloc[0] == pytest.approx(hi)
    with pytest.raises(cxmetrics.InvalidArgument, match="ces"):
        cxmetrics.touchpoints(ev, ces="ces")  # not a value column of the Events


def test_journey_page_takes_the_tables():
    # each table carries its `kind`, which the journey page (spec §26) draws as a table
    page = cxmetrics.journey_html([cxmetrics.transitions(HAND), cxmetrics.top_paths(HAND, start="view"),
                                   cxmetrics.touchpoints(HAND)])
    assert page.count("<table") == 3
    assert "view &gt; cart &gt; pay" in page
