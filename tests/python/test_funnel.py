"""Funnels (spec §22) through Python, against a plain pandas/Python funnel
written in this file: the three modes on the issue's edge cases (repeated
steps, events at the same second, the window boundary exactly, a customer
whose first event is not step 1, strict mode broken by another event, any
order) and on seeded random logs, comparing the whole steps table, the next
events, and the breakdown's tests against statsmodels' proportions_ztest
and multipletests. Wilson bounds from statsmodels' proportion_confint,
quantiles from numpy (linear = type 7).
"""

import json
import math
from collections import Counter

import numpy as np
import pytest

import cxmetrics

pd = pytest.importorskip("pandas")
sm_prop = pytest.importorskip("statsmodels.stats.proportion")
sm_mt = pytest.importorskip("statsmodels.stats.multitest")


# ---- the reference: a funnel written plainly --------------------------------------------

def _attempt(ev, t, i, steps, W, mode):
    """Positions of the steps one attempt from event i reaches (greedy, as §22.2 says)."""
    lim = t[i] + W
    if mode == "any":
        need = Counter(steps)
        pos = []
        j = i
        while j < len(ev) and t[j] <= lim and len(pos) < len(steps):
            if need[ev[j]] > 0:
                need[ev[j]] -= 1
                pos.append(j)
            j += 1
        return pos
    pos = [i]
    j = i + 1
    while j < len(ev) and t[j] <= lim and len(pos) < len(steps):
        if ev[j] == steps[len(pos)]:
            pos.append(j)
        elif mode == "strict":
            break
        j += 1
    return pos


def ref_customers(df, steps, W, mode, by=None):
    """Per customer: (reached, positions, events, times, group)."""
    d = df.reset_index(drop=True).copy()
    d["row"] = np.arange(len(d))
    d = d.sort_values(["time", "row"], kind="stable")
    out = {}
    for cust, g in d.groupby("customer", sort=False):
        ev, t = g["event"].tolist(), g["time"].tolist()
        best = []
        for i in range(len(ev)):
            start_ok = ev[i] in steps if mode == "any" else ev[i] == steps[0]
            if not start_ok:
                continue
            pos = _attempt(ev, t, i, steps, W, mode)
            if len(pos) > len(best):
                best = pos
        grp = g[by].tolist()[best[0]] if (by and best) else None
        out[cust] = (len(best), best, ev, t, grp)
    return out


def ref_steps(res, steps, conf=0.95):
    """The steps table of one group's customers, as plain lists."""
    k = len(steps)
    c = [sum(1 for r in res if r[0] >= j + 1) for j in range(k)]
    rows = []
    for j in range(k):
        prev = c[j - 1] if j else c[0]
        conv = 100.0 * c[j] / prev if prev else math.nan
        lo = hi = math.nan
        if j and prev:
            lo, hi = sm_prop.proportion_confint(c[j], prev, alpha=1 - conf, method="wilson")
            lo, hi = 100 * lo, 100 * hi
        drop = 100.0 - 100.0 * c[j + 1] / c[j] if j + 1 < k and c[j] else math.nan
        times = [r[3][r[1][j + 1]] - r[3][r[1][j]] for r in res if r[0] >= j + 2] if j + 1 < k else []
        mean = float(np.mean(times)) if times else math.nan
        med = float(np.percentile(times, 50)) if times else math.nan
        p90 = float(np.percentile(times, 90)) if times else math.nan
        rows.append(dict(step=j + 1, event=steps[j], customers=c[j], conversion=conv, lower=lo, upper=hi,
                         drop_off=drop, overall=100.0 * c[j] / c[0] if c[0] else math.nan,
                         mean_seconds_to_next=mean, median_seconds_to_next=med, p90_seconds_to_next=p90))
    return rows


def ref_next(res, steps, top=5):
    k = len(steps)
    rows = []
    for j in range(k - 1):
        nxt = []
        for r in res:
            if r[0] == j + 1:
                p = r[1][j] + 1
                nxt.append(r[2][p] if p < len(r[2]) else "(end)")
        cnt = Counter(nxt)
        ordered = sorted(cnt.items(), key=lambda kv: (-kv[1], kv[0].encode()))[:top]
        for name, n in ordered:
            rows.append(dict(step=j + 1, event=steps[j], next_event=name, customers=n,
                             share=100.0 * n / len(nxt)))
    return rows


def assert_table(got, rows):
    """The DataFrame equals the reference rows, column by column (NaN matches NaN)."""
    assert len(got) == len(rows)
    for col in rows[0]:
        exp = [r[col] for r in rows]
        g = list(got[col])
        if isinstance(exp[0], str):
            assert g == exp, col
        else:
            np.testing.assert_allclose(np.asarray(g, float), np.asarray(exp, float), rtol=1e-12, atol=1e-9,
                                       equal_nan=True, err_msg=col)


# ---- the edge cases of the issue -------------------------------------------------------

# see tests/unit/test_funnel.c for these customers worked by hand
EDGE = pd.DataFrame({
    "customer": ["a", "b", "c", "d", "e", "h", "a", "b", "c", "d", "e", "h", "a", "b", "c", "d", "e", "h",
                 "f", "f", "f", "g", "g"],
    "time": [0, 0, 0, 0, 0, 0, 10, 5, 10, 100, 1, 1, 20, 50, 200, 101, 2, 2, 7, 7, 7, 3, 4],
    "event": ["view", "home", "view", "view", "cart", "view", "cart", "view", "view", "cart", "view", "home",
              "buy", "cart", "cart", "buy", "buy", "cart", "view", "view", "cart", "view", "cart"],
})


def events_of(df, **kw):
    return cxmetrics.Events(df, customer="customer", time="time", event="event", **kw)


@pytest.mark.parametrize("mode", ["ordered", "strict", "any"])
@pytest.mark.parametrize("steps", [["view", "cart", "buy"], ["view", "view", "cart"], ["cart", "buy"]])
def test_edge_cases_against_reference(mode, steps):
    f = cxmetrics.funnel(events_of(EDGE), steps, window=100, mode=mode)
    res = list(ref_customers(EDGE, steps, 100, mode).values())
    assert_table(f.steps, ref_steps(res, steps))
    exp_next = ref_next(res, steps)
    if exp_next:
        assert_table(f.next_events, exp_next)
    else:
        assert len(f.next_events) == 0


def test_edge_cases_by_hand():
    # worked by hand (tests/unit/test_funnel.c): ordered view > cart > buy, window 100 s
    f = cxmetrics.funnel(events_of(EDGE), ["view", "cart", "buy"], window=100)
    # b (first event home), d (cart at exactly 0 + 100), h (home between) reach cart; f g too
    assert list(f.steps["customers"]) == [8, 6, 1]
    # strict: h's home between view and cart breaks it; f's second view starts the attempt that works
    s = cxmetrics.funnel(events_of(EDGE), ["view", "cart", "buy"], window=100, mode="strict")
    assert list(s.steps["customers"]) == [8, 5, 1]
    # window 99: d's cart at 100 is outside
    w = cxmetrics.funnel(events_of(EDGE), ["view", "cart", "buy"], window=99)
    assert list(w.steps["customers"]) == [8, 5, 1]
    # repeated step: f has view, view, cart at the same second (input order); g one view only
    r = cxmetrics.funnel(events_of(EDGE), ["view", "view", "cart"], window="2m")
    # c: view@0 view@10 but cart@200 > 0 + 120: 2 steps; f: all three; the others one view
    assert list(r.steps["customers"]) == [8, 2, 1]
    assert r.steps.attrs["window_seconds"] == 120
    assert r.steps.attrs["kind"] == "funnel" and r.steps.attrs["mode"] == "ordered"


# ---- seeded random logs ------------------------------------------------------------------

def random_log(seed, n_customers=300, n_events=4000):
    rng = np.random.default_rng(seed)
    names = np.array(["visit", "view", "cart", "buy", "other"])
    cust = rng.integers(0, n_customers, n_events)
    return pd.DataFrame({
        "customer": ["c%d" % c for c in cust],
        # coarse times: many events at the same second
        "time": rng.integers(0, 3000, n_events).astype(float) * 10.0,
        "event": names[rng.choice(5, n_events, p=[0.3, 0.3, 0.2, 0.1, 0.1])],
        "channel": np.array(["web", "app", "mail"])[rng.integers(0, 3, n_events)],
    })


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("mode", ["ordered", "strict", "any"])
def test_random_against_reference(seed, mode):
    df = random_log(seed)
    steps = ["visit", "view", "cart", "view", "buy"] if seed == 2 else ["visit", "view", "cart", "buy"]
    W = 600.0
    f = cxmetrics.funnel(events_of(df, properties=["channel"]), steps, window=W, mode=mode, by="channel",
                         threads=2)
    cust = ref_customers(df, steps, W, mode, by="channel")
    res = list(cust.values())
    groups = sorted({r[4] for r in res if r[0] > 0})
    exp = []
    for g in ["(all)"] + groups:
        sub = res if g == "(all)" else [r for r in res if r[0] > 0 and r[4] == g]
        for row in ref_steps(sub, steps):
            exp.append(dict({"channel": g}, **row))
    assert list(f.steps.columns[:3]) == ["channel", "step", "event"]
    assert_table(f.steps, exp)
    assert_table(f.next_events, ref_next(res, steps))
    assert f.steps.attrs["customers_in_log"] == df["customer"].nunique()

    # the tests: each group against the others pooled, statsmodels z test, Holm
    k = len(steps)
    cnt = {g: [sum(1 for r in res if r[0] >= j + 1 and (g == "(all)" or r[4] == g)) for j in range(k)]
           for g in ["(all)"] + groups}
    rows, pvals = [], []
    for g in groups:
        for j in range(1, k):
            na, xa = cnt[g][j - 1], cnt[g][j]
            nb, xb = cnt["(all)"][j - 1] - na, cnt["(all)"][j] - xa
            p = math.nan
            if na and nb:
                if (xa + xb) in (0, na + nb):
                    p = 1.0  # no variance: statsmodels gives nan, the spec §17.1 says p = 1
                else:
                    p = float(sm_prop.proportions_ztest([xa, xb], [na, nb])[1])
            rows.append(dict(channel=g, step=j + 1, event=steps[j], customers=na,
                             conversion=100.0 * xa / na if na else math.nan, rest_customers=nb,
                             rest_conversion=100.0 * xb / nb if nb else math.nan,
                             diff=(100.0 * xa / na - 100.0 * xb / nb) if na and nb else math.nan, p_value=p))
            pvals.append(p)
    pv = np.array(pvals)
    ok = ~np.isnan(pv)
    adj = np.full(len(pv), math.nan)
    adj[ok] = sm_mt.multipletests(pv[ok], method="holm")[1]
    for r, a in zip(rows, adj):
        r["p_adjusted"] = a
    assert_table(f.tests, rows)
    assert f.tests.attrs["adjust"] == "holm"


def test_bh_adjustment_and_threads_do_not_matter():
    df = random_log(5)
    steps = ["visit", "view", "buy"]
    ev = events_of(df, properties=["channel"])
    a = cxmetrics.funnel(ev, steps, window=900, by="channel", adjust="bh", threads=1)
    b = cxmetrics.funnel(ev, steps, window=900, by="channel", adjust="bh", threads=4)
    assert a.to_json() == b.to_json()
    p = np.asarray(a.tests["p_value"], float)
    ok = ~np.isnan(p)
    np.testing.assert_allclose(np.asarray(a.tests["p_adjusted"], float)[ok],
                               sm_mt.multipletests(p[ok], method="fdr_bh")[1], rtol=1e-12)


def test_to_dict_and_json():
    f = cxmetrics.funnel(events_of(EDGE), ["view", "cart", "buy"], window=100)
    d = f.to_dict()
    assert set(d) >= {"steps", "next_events", "tests", "kind", "mode", "window_seconds", "adjust"}
    assert d["steps"][0]["lower"] is None  # NaN -> None
    j = json.loads(f.to_json())
    assert j["steps"][2]["drop_off"] is None and j["steps"][1]["customers"] == 6
    assert "NaN" not in f.to_json()
    assert cxmetrics.funnel_mode_words() == ["ordered", "strict", "any"]


def test_from_a_dataframe_with_column_keywords():
    f = cxmetrics.funnel(EDGE, ["view", "cart"], window="100s", customer="customer", time="time", event="event")
    assert list(f.steps["customers"]) == [8, 6]


# ---- bad input ---------------------------------------------------------------------------

def test_bad_input():
    ev = events_of(EDGE)
    with pytest.raises(cxmetrics.InvalidArgument, match=r"step 'checkout' is not an event in the log "
                                                         r"\(events: .*buy\)"):
        cxmetrics.funnel(ev, ["view", "checkout"], window=100)
    with pytest.raises(cxmetrics.InvalidArgument, match=r"-5"):
        cxmetrics.funnel(ev, ["view", "cart"], window=-5)
    with pytest.raises(cxmetrics.InvalidArgument, match=r"-2d"):
        cxmetrics.funnel(ev, ["view", "cart"], window="-2d")
    with pytest.raises(cxmetrics.InvalidArgument, match=r"sideways"):
        cxmetrics.funnel(ev, ["view", "cart"], window=100, mode="sideways")
    with pytest.raises(cxmetrics.InvalidArgument, match=r"n_steps is 1"):
        cxmetrics.funnel(ev, ["view"], window=100)
    with pytest.raises(cxmetrics.InvalidArgument, match=r"channel"):
        cxmetrics.funnel(ev, ["view", "cart"], window=100, by="channel")
    with pytest.raises(TypeError):
        cxmetrics.funnel(ev, "view,cart", window=100)
    with pytest.raises(cxmetrics.Error):
        cxmetrics.funnel(ev, ["view", "cart"], window=100, top_next=0)


def test_all_as_a_group_value_is_refused():
    df = EDGE.assign(channel=["(all)"] * len(EDGE))
    with pytest.raises(cxmetrics.InvalidArgument, match=r"\(all\)"):
        cxmetrics.funnel(events_of(df, properties=["channel"]), ["view", "cart"], window=100, by="channel")


def test_bad_timestamp_names_its_line(tmp_path):
    p = tmp_path / "events.csv"
    p.write_text("customer,time,event\na,2024-01-01T10:00:00Z,view\nb,yesterday,cart\n")
    with pytest.raises(cxmetrics.Error, match=r"events\.csv:3"):
        cxmetrics.funnel(str(p), ["view", "cart"], customer="customer", time="time", event="event")
