"""Probabilistic CLV through the Python binding (cxmetrics.clvmodel, clvmodel.h).

Expected values are independent of this library: the anchors
(shared/anchors/README.md §2: lifetimes and the papers on the CDNOW data),
Fader & Hardie (2007) for the sBG example, and hand calculations.
"""

import csv
import doctest
import math
import os
import struct

import numpy as np
import pytest

import cxmetrics
from cxmetrics import clvmodel, clvmodel_plot

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "cdnow")


def _read_csv(name):
    with open(os.path.join(DATA, name), newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return {k: np.array([float(r[k]) for r in rows]) for k in rows[0]}


def rel(got, exp):
    return abs(got - exp) / abs(exp)


@pytest.fixture(scope="module")
def cdnow():
    """The 2,357-customer CDNOW summary (weeks) with Hardie's zbar."""
    d = _read_csv("cdnow_customers_summary_with_transactions.csv")
    return {"frequency": d["x"], "recency": d["t_x"], "T": d["T"], "monetary_value": d["zbar"]}


# anchors §2: lifetimes' parameters (for the per-customer checks) and the tight optimum
BG_LIFETIMES = dict(r=0.24259292827982198, alpha=4.413532265271817, a=0.7928859664406002,
                    b=2.4257523826255123)
BG_TIGHT = dict(r=0.2425929072044656, alpha=4.413531561205421, a=0.7928861480987858,
                b=2.4257534364936904)
BG_LL = -9582.425560567366
MBG_TIGHT = dict(r=0.5248379836655767, alpha=6.182992019671973, a=0.8913561553315758,
                 b=1.6139993347306487)
MBG_LL = -9582.13268489992
PNBD_TIGHT = dict(r=0.5532755223076004, alpha=10.577612430770866, s=0.6062135450395916,
                  beta=11.66791021820297)
PNBD_LL = -9594.973929826863
GG_LIFETIMES = dict(p=6.248802496077898, q=3.744588460922642, v=15.447748064920148)
GG_TIGHT = dict(p=6.248802489706987, q=3.7445884532878337, v=15.44774800947096)
GG_LL = -4055.9232435028675
BGBB_LIFETIMES = dict(alpha=1.203522393608002, beta=0.7497163581757513,
                      gamma=0.6567181695499895, delta=2.783441982887859)
BGBB_TIGHT = dict(alpha=1.2035223516003593, beta=0.7497163581727705, gamma=0.6567182084490306,
                  delta=2.7834422326190307)
BGBB_LL = -33225.58127434614


def assert_params(model, expected, tol):
    assert list(model.params) == list(expected)
    for k, v in expected.items():
        assert rel(model.params[k], v) <= tol, (k, model.params[k], v)


# ---- transaction log -> summary ----------------------------------------------

def _cdnow_transactions():
    ids, dates, amounts = [], [], []
    with open(os.path.join(DATA, "CDNOW_sample.txt"), encoding="ascii") as fh:
        for line in fh:
            f = line.split()
            if f:
                ids.append(f[1])
                dates.append(np.datetime64(f"{f[2][:4]}-{f[2][4:6]}-{f[2][6:]}"))
                amounts.append(float(f[4]))
    return ids, np.array(dates), np.array(amounts)


@pytest.mark.parametrize("as_frame", [False, True])
def test_summary_reproduces_the_cdnow_summary(as_frame):
    """anchors §2: CDNOW_sample.txt to 1997-09-30 in weeks gives
    cdnow_customers_summary.csv exactly (after rounding to 2 decimals) and
    Hardie's zbar within a half cent."""
    if as_frame:
        pytest.importorskip("pandas")
    ids, dates, amounts = _cdnow_transactions()
    s = clvmodel.summary_from_transactions(ids, dates, amounts, calibration_end="1997-09-30",
                                           period="week", as_frame=as_frame)
    ref = _read_csv("cdnow_customers_summary_with_transactions.csv")
    got_ids = list(s.index) if as_frame else list(s["id"])
    order = np.argsort([int(i) for i in got_ids])
    assert len(got_ids) == 2357 and [int(got_ids[i]) for i in order] == ref["ID"].tolist()
    col = (lambda c: np.asarray(s[c])[order])
    assert np.array_equal(col("frequency"), ref["x"])
    assert np.array_equal(np.round(col("recency"), 2), ref["t_x"])
    assert np.array_equal(np.round(col("T"), 2), ref["T"])
    assert np.all(np.abs(col("monetary_value") - ref["zbar"]) <= 0.005 + 1e-9)
    assert col("frequency").sum() == 2457 and np.count_nonzero(col("frequency")) == 946
    assert s.attrs["period"] == "week" and s.attrs["dropped"] == 0
    assert s.attrs["holdout_duration"] == 0.0
    assert "holdout_frequency" not in (s.columns if as_frame else s)


def test_summary_by_hand_with_holdout():
    # a: first 2024-01-01, again 01-15 (x = 1, t_x = 2 weeks, T = 4 weeks; spend 30),
    #    twice on 02-05 in the holdout (one purchase day, mean 15);
    # b: first 01-08 (T = 3 weeks); c: first purchase after calibration_end (dropped)
    s = clvmodel.summary_from_transactions(
        ["a", "a", "b", "a", "a", "c"],
        ["2024-01-01", "2024-01-15", "2024-01-08", "2024-02-05", "2024-02-05", "2024-02-01"],
        [10, 30, 5, 10, 20, 7], calibration_end="2024-01-29", observation_end="2024-02-12",
        period="week", as_frame=False)
    assert list(s["id"]) == ["a", "b"] and s.attrs["dropped"] == 1
    assert s["frequency"].tolist() == [1.0, 0.0] and s["recency"].tolist() == [2.0, 0.0]
    assert s["T"].tolist() == [4.0, 3.0] and s["monetary_value"].tolist() == [30.0, 0.0]
    assert s["holdout_frequency"].tolist() == [1.0, 0.0]
    assert s["holdout_monetary_value"].tolist() == [30.0, 0.0]
    assert s.attrs["holdout_duration"] == 2.0
    days = clvmodel.summary_from_transactions([1, 1], [0, 3], period="day", as_frame=False)
    assert list(days["id"]) == ["1"] and days["recency"].tolist() == [3.0]
    assert days["T"].tolist() == [3.0]          # calibration_end defaults to the last date


def test_summary_errors():
    with pytest.raises(cxmetrics.InvalidArgument):
        clvmodel.summary_from_transactions(["a"], ["2024-01-01"], period="fortnight")
    with pytest.raises(cxmetrics.InvalidArgument):
        clvmodel.summary_from_transactions(["a", "b"], [1.0], period="week", as_frame=False)
    with pytest.raises(cxmetrics.InvalidArgument):
        clvmodel.summary_from_transactions(["a"], [1.5], period="week", as_frame=False)
    with pytest.raises(cxmetrics.InvalidArgument):
        clvmodel.summary_from_transactions(["a"], [5.0], calibration_end=5, observation_end=4,
                                           period="week")
    with pytest.raises(cxmetrics.EmptyInput):
        clvmodel.summary_from_transactions([], [], period="week", as_frame=False)


# ---- BG/NBD --------------------------------------------------------------------

def test_bgnbd_fit_reaches_the_tight_optimum(cdnow):
    m = clvmodel.BetaGeo().fit(cdnow["frequency"], cdnow["recency"], cdnow["T"])
    assert_params(m, BG_TIGHT, 1e-5)
    assert abs(m.loglik - BG_LL) <= 1e-6
    assert m.converged and m.n_customers == 2357 and m.iterations > 0
    # Fader, Hardie & Lee (2005): r .243, alpha 4.414, a .793, b 2.426, LL -9582.4
    assert round(m.params["r"], 3) == 0.243 and round(m.params["b"], 3) == 2.426
    assert all(np.isfinite(v) and v > 0 for v in m.se.values())
    same = clvmodel.BetaGeo().fit(cdnow, threads=1)      # a table, one thread: the same fit
    assert same.params == clvmodel.BetaGeo().fit(cdnow, threads=2).params
    assert_params(same, BG_TIGHT, 1e-5)


def test_bgnbd_predictions_match_the_anchors(cdnow):
    m = clvmodel.BetaGeo.from_params(**BG_LIFETIMES)
    e = m.expected_purchases(39, 2, 30.43, 38.86)
    assert isinstance(e, float) and rel(e, 1.2259104241744192) <= 1e-10   # Hardie: 1.226
    assert abs(m.p_alive(2, 30.43, 38.86) - 0.7266091368) <= 1e-10
    assert m.p_alive(0, 0, 38.86) == 1.0                                   # by the model
    f, r, T = cdnow["frequency"], cdnow["recency"], cdnow["T"]
    assert rel(m.expected_purchases(39, f, r, T).sum(), 1653.4232833307158) <= 1e-10
    assert rel(m.p_alive(f, r, T).sum(), 1917.2763169746681) <= 1e-10
    u = m.unconditional_purchases([1, 3, 32, 78])
    assert np.allclose(u, [0.05318, 0.15063, 1.04374, 1.85797], rtol=0, atol=5e-6)
    # per-customer horizons: each t gives the same as a call with that t alone
    both = m.expected_purchases([39, 10], [2, 2], [30.43, 30.43], [38.86, 38.86])
    assert rel(both[0], 1.2259104241744192) <= 1e-10
    assert both[1] == m.expected_purchases(10, 2, 30.43, 38.86)


def test_discounted_clv_matches_lifetimes(cdnow):
    """anchors §2: sum of 12-month CLV, monthly discount 0.01, 4.345 weeks a month."""
    bg = clvmodel.BetaGeo.from_params(**BG_LIFETIMES)
    gg = clvmodel.GammaGamma.from_params(**GG_LIFETIMES)
    f, r, T, m = (cdnow[k] for k in ("frequency", "recency", "T", "monetary_value"))
    total = clvmodel.clv(bg, gg, f, r, T, m, months=12, discount=0.01, periods_per_month=4.345)
    assert rel(total.sum(), 71509.89931936648) <= 1e-10
    per_customer = clvmodel.clv(bg, gg, f, r, T, m, discount=np.full(f.size, 0.01),
                                period="week")
    assert rel(per_customer.sum(), 71509.89931936648) <= 1e-10
    with pytest.raises(cxmetrics.InvalidArgument):
        clvmodel.clv(bg, gg, f, r, T, m, discount=[0.01, 0.02], period="week")
    with pytest.raises(cxmetrics.InvalidArgument):
        clvmodel.clv(gg, bg, f, r, T, m, period="week")        # models swapped


# ---- clv(): the periods in a month from the period ---------------------------------

def test_clv_periods_per_month_from_the_period(cdnow):
    """clv() takes the summary's time units in a month from periods_per_month=,
    else from a period: period=, the summary table's, or the one of the summary
    the purchase model was fitted on; with none of them it asks for one (it
    assumed weeks before). The numbers are the C library's (4.345 weeks)."""
    pd = pytest.importorskip("pandas")
    bg = clvmodel.BetaGeo.from_params(**BG_LIFETIMES)
    gg = clvmodel.GammaGamma.from_params(**GG_LIFETIMES)
    f, r, T, m = (cdnow[k] for k in ("frequency", "recency", "T", "monetary_value"))
    weeks = clvmodel.clv(bg, gg, f, r, T, m, period="week")
    assert rel(weeks.sum(), 71509.89931936648) <= 1e-10            # anchors §2
    assert np.array_equal(weeks, clvmodel.clv(bg, gg, f, r, T, m, periods_per_month=4.345))
    table = pd.DataFrame(cdnow)
    table.attrs["period"] = "week"
    assert np.array_equal(clvmodel.clv(bg, gg, table), weeks)       # the table's period
    days = clvmodel.clv(bg, gg, f, r, T, m, periods_per_month=30.4375)
    table.attrs["period"] = "D"                                     # lifetimes' letter
    assert np.array_equal(clvmodel.clv(bg, gg, table), days)
    assert np.array_equal(clvmodel.clv(bg, gg, table, period="week"), weeks)
    assert np.array_equal(clvmodel.clv(bg, gg, table, periods_per_month=4.345), weeks)
    assert bg.period is None
    with pytest.raises(cxmetrics.InvalidArgument, match="period= .* or periods_per_month="):
        clvmodel.clv(bg, gg, f, r, T, m)
    del table.attrs["period"]
    with pytest.raises(cxmetrics.InvalidArgument, match="time unit"):
        clvmodel.clv(bg, gg, table)


def test_clv_from_a_model_fitted_on_a_summary_in_days():
    """The purchase model remembers the period of the summary it was fitted
    on: CLV of a summary in days counts 30.4375 days a month, not 4.345."""
    ids, dates, amounts = _cdnow_transactions()
    s = clvmodel.summary_from_transactions(ids, dates, amounts, calibration_end="1997-09-30",
                                           period="day", as_frame=False)
    bg = clvmodel.BetaGeo().fit(s)
    gg = clvmodel.GammaGamma().fit(s)
    assert bg.period == gg.period == "day"
    f, r, T, m = (s[k] for k in ("frequency", "recency", "T", "monetary_value"))
    want = clvmodel.clv(bg, gg, f, r, T, m, periods_per_month=30.4375)
    assert np.array_equal(clvmodel.clv(bg, gg, f, r, T, m), want)      # the model's period
    assert np.array_equal(clvmodel.clv(bg, gg, s), want)               # the table's
    arrays = clvmodel.BetaGeo().fit(f, r, T)
    assert arrays.params == bg.params and arrays.period is None
    with pytest.raises(cxmetrics.InvalidArgument, match="time unit"):
        clvmodel.clv(arrays, gg, f, r, T, m)


# ---- summary tables ---------------------------------------------------------------------

def test_summary_as_frame_and_as_dict():
    """One conversion of the C table: a DataFrame indexed by the ids, or a dict
    of numpy arrays, with the same values and the same attrs. By hand: b buys
    on 01-01 (5) and 01-15 (9): frequency 1, recency 2 weeks, T 4 weeks, mean
    repeat spend 9; a buys once on 01-08 (7): T 3 weeks; nothing in the
    holdout (01-29, 02-12]."""
    pd = pytest.importorskip("pandas")
    args = (["b", "a", "b"], ["2024-01-01", "2024-01-08", "20240115"], [5, 7, 9])
    kw = dict(calibration_end="2024-01-29", observation_end="2024-02-12", period="week")
    df = clvmodel.summary_from_transactions(*args, **kw)
    d = clvmodel.summary_from_transactions(*args, **kw, as_frame=False)
    assert isinstance(df, pd.DataFrame) and df.index.name == "id" and list(df.index) == ["a", "b"]
    assert list(df.columns) == ["frequency", "recency", "T", "monetary_value",
                                "holdout_frequency", "holdout_monetary_value"]
    assert list(d) == ["id"] + list(df.columns) and d["id"].tolist() == ["a", "b"]
    for c in df.columns:
        assert df[c].tolist() == d[c].tolist()
    assert d["frequency"].tolist() == [0.0, 1.0] and d["recency"].tolist() == [0.0, 2.0]
    assert d["T"].tolist() == [3.0, 4.0] and d["monetary_value"].tolist() == [0.0, 9.0]
    assert d["holdout_frequency"].tolist() == [0.0, 0.0]
    want = {"period": "week", "calibration_end": float(cxmetrics.date_parse("2024-01-29")),
            "observation_end": float(cxmetrics.date_parse("2024-02-12")),
            "holdout_duration": 2.0, "dropped": 0.0}
    assert df.attrs == d.attrs == want
    assert list(df.attrs) == list(want)                      # the C table's order


def test_fit_on_a_table_finds_columns_by_their_c_names():
    """A table fit goes through cxm_clv_fit_table: the columns by their names
    in the C library's table, aliases too (lifetimes' n_periods for periods),
    and a missing one named by the C message."""
    d = _read_csv("donations.csv")
    by_arrays = clvmodel.BetaGeoBetaBinom().fit(d["frequency"], d["recency"], d["periods"],
                                                weights=d["weights"])
    table = {"frequency": d["frequency"], "recency": d["recency"], "n_periods": d["periods"],
             "weights": d["weights"], "other": np.zeros(d["weights"].size)}
    by_table = clvmodel.BetaGeoBetaBinom().fit(table)
    assert by_table.params == by_arrays.params and by_table.n_customers == 11104
    with pytest.raises(cxmetrics.InvalidArgument, match="no column 'recency'.*frequency, T"):
        clvmodel.BetaGeo().fit({"frequency": [1.0], "T": [2.0]})
    with pytest.raises(TypeError, match="weights"):
        clvmodel.BetaGeo().fit({"frequency": [1.0], "recency": [1.0], "T": [2.0]}, weights=[1])


# ---- MBG/NBD, Pareto/NBD ---------------------------------------------------------

def test_mbgnbd_fit(cdnow):
    m = clvmodel.ModifiedBetaGeo().fit(cdnow["frequency"], cdnow["recency"], cdnow["T"])
    assert_params(m, MBG_TIGHT, 1e-5)
    assert abs(m.loglik - MBG_LL) <= 1e-6


def test_pareto_nbd_fit_and_predictions(cdnow):
    m = clvmodel.ParetoNBD().fit(cdnow["frequency"], cdnow["recency"], cdnow["T"])
    assert_params(m, PNBD_TIGHT, 1e-4)
    assert abs(m.loglik - PNBD_LL) <= 1e-6
    # BTYD: .5534, 10.5802, .6061, 11.6562; E[X(52) | 26, 30.86, 31] = 25.46
    assert abs(m.expected_purchases(52, 26, 30.86, 31) - 25.45680049702658) <= 1e-3
    assert m.p_alive(3, 20.0, 20.0) == pytest.approx(1.0, abs=1e-12)   # t_x = T


# ---- Gamma-Gamma ------------------------------------------------------------------

def test_gamma_gamma(cdnow):
    m = clvmodel.GammaGamma().fit(cdnow["frequency"], cdnow["monetary_value"])
    assert_params(m, GG_TIGHT, 1e-6)                 # Hardie note 025: 6.25, 3.74, 15.44
    assert abs(m.loglik - GG_LL) <= 1e-6 and m.n_customers == 946
    lt = clvmodel.GammaGamma.from_params(**GG_LIFETIMES)
    profit = lt.expected_profit(cdnow["frequency"], cdnow["monetary_value"])
    assert rel(profit.sum(), 83091.22242094981) <= 1e-10
    mean = GG_LIFETIMES["v"] * GG_LIFETIMES["p"] / (GG_LIFETIMES["q"] - 1)
    assert rel(lt.expected_profit(0, 0), mean) <= 1e-12
    assert rel(mean, 35.17100215250679) <= 1e-12
    with pytest.raises(cxmetrics.EmptyInput):
        clvmodel.GammaGamma().fit([0, 0], [0, 0])
    # a fit written by hand (clvmodel.h's own example), read back exactly
    hand = clvmodel.clv_model_from_json(
        '{"model": "gg", "params": {"p": 6.25, "q": 3.74, "v": 15.44}}')
    assert type(hand) is clvmodel.GammaGamma and hand.params == {"p": 6.25, "q": 3.74, "v": 15.44}
    assert all(math.isnan(v) for v in hand.se.values()) and hand.iterations == 0
    with pytest.raises(cxmetrics.ParseError):
        clvmodel.GammaGamma.from_json('{"model": "gg", "params": {"p": 6.25, "q": 3.74, "w": 1}}')


# ---- BG/BB ---------------------------------------------------------------------------

def test_bgbb_donations():
    d = _read_csv("donations.csv")
    m = clvmodel.BetaGeoBetaBinom().fit(d["frequency"], d["recency"], d["periods"],
                                   weights=d["weights"])
    assert_params(m, BGBB_TIGHT, 1e-5)
    assert abs(m.loglik - BGBB_LL) <= 1e-6 and m.n_customers == 11104
    lt = clvmodel.BetaGeoBetaBinom.from_params(**BGBB_LIFETIMES)
    e5 = lt.expected_purchases(5, d["frequency"], d["recency"], d["periods"])
    assert rel((e5 * d["weights"]).sum(), 12884.156963748705) <= 1e-10
    hist = lt.pmf(6) * 11104
    assert hist.shape == (7,) and abs(hist.sum() - 11104) <= 1e-6
    assert abs(hist[0] - 3454.88) <= 0.005 and abs(hist[6] - 1253.11) <= 0.005


# ---- sBG ------------------------------------------------------------------------------

@pytest.mark.parametrize("survivors, alpha, beta", [
    # Fader & Hardie (2007), "How to project customer retention", Table 1 / §4
    ([1000, 631, 468, 382, 326, 289, 262, 241], 0.704, 1.182),     # regular
    ([1000, 869, 743, 653, 593, 551, 517, 491], 0.668, 3.806),     # high end
])
def test_sbg_published_estimates(survivors, alpha, beta):
    m = clvmodel.ShiftedBetaGeometric().fit(survivors)
    assert abs(m.params["alpha"] - alpha) <= 5e-4 and abs(m.params["beta"] - beta) <= 5e-4
    a, b = m.params["alpha"], m.params["beta"]
    s, r = m.curves(4)
    # closed forms: r(t) = (b + t - 1) / (a + b + t - 1), S(t) = prod r
    want_r = np.array([(b + t - 1) / (a + b + t - 1) for t in range(1, 5)])
    assert np.allclose(r, want_r, rtol=1e-12) and np.allclose(s, np.cumprod(want_r), rtol=1e-12)
    assert np.array_equal(m.survival(4), s) and np.array_equal(m.retention(4), r)
    with pytest.raises(cxmetrics.Error):
        clvmodel.ShiftedBetaGeometric().fit([100, 120, 90])


# ---- holdout evaluation (hand-checked) -------------------------------------------------

def test_holdout_errors_by_hand():
    e = clvmodel.holdout_errors([1.0, 2.0, 4.0], [1, 3, 2])
    assert isinstance(e, clvmodel.HoldoutErrors) and e.n == 3
    assert e.mae == pytest.approx(1.0) and e.rmse == pytest.approx(math.sqrt(5 / 3))
    assert e.total_predicted == 7.0 and e.total_actual == 6.0
    with pytest.raises(cxmetrics.InvalidArgument):
        clvmodel.holdout_errors([1.0], [1.0, 2.0])


def test_calibration_table_by_hand():
    pd = pytest.importorskip("pandas")
    t = clvmodel.calibration_table([0, 0, 1, 3, 9], [0.5, 1.5, 1.0, 2.0, 4.0], [0, 1, 2, 2, 6],
                              max_frequency=2)
    assert isinstance(t, pd.DataFrame) and list(t.index) == [0, 1, 2]
    assert t["predicted"].tolist() == [1.0, 1.0, 3.0]          # 3 and 9 gather in the last row
    assert t["actual"].tolist() == [0.5, 2.0, 4.0] and t["count"].tolist() == [2, 1, 2]
    empty = clvmodel.calibration_table([0], [1.0], [1.0], max_frequency=1)
    assert np.isnan(empty["predicted"][1]) and empty["count"][1] == 0


# ---- the model objects -----------------------------------------------------------------

def test_model_objects(cdnow):
    pd = pytest.importorskip("pandas")
    m = clvmodel.BetaGeo()
    assert "not fitted" in repr(m) and not m.fitted
    with pytest.raises(cxmetrics.InvalidArgument, match="not fitted"):
        m.p_alive(1, 1, 2)
    m.fit(pd.DataFrame(cdnow))
    assert repr(m).startswith("<BetaGeo: r=0.2426") and "2357 customers" in repr(m)
    s = m.summary()
    assert list(s.index) == ["r", "alpha", "a", "b"] and s.loc["r", "coef"] == m.params["r"]
    assert s.loc["a", "se"] == m.se["a"]
    assert s.loc["a", "lower 95%"] < m.params["a"] < s.loc["a", "upper 95%"]
    series = pd.Series([2.0, 0.0], index=["x", "y"])
    pa = m.p_alive(series, [30.43, 0.0], [38.86, 38.86])
    assert isinstance(pa, pd.Series) and list(pa.index) == ["x", "y"] and pa["y"] == 1.0
    back = clvmodel.BetaGeo.from_json(m.to_json())
    assert back.params == m.params and back.loglik == m.loglik and back.converged
    assert type(clvmodel.clv_model_from_json(m.to_json())) is clvmodel.BetaGeo
    with pytest.raises(cxmetrics.InvalidArgument):
        clvmodel.GammaGamma.from_json(m.to_json())
    with pytest.raises(cxmetrics.InvalidArgument):
        clvmodel.BetaGeo.from_params(r=1.0, alpha=1.0, a=1.0)
    with pytest.raises(cxmetrics.InvalidArgument):
        m.p_alive(1, 5, 2)                                    # recency > T
    with pytest.raises(cxmetrics.InvalidArgument):
        m.expected_purchases(-1, 1, 1, 2)
    assert clvmodel.BetaGeo.param_names() == ["r", "alpha", "a", "b"]
    assert cxmetrics.BetaGeo is clvmodel.BetaGeo and callable(clvmodel.clv)
    assert isinstance(cxmetrics.clv, type(cxmetrics))           # still the submodule


def test_docstring_examples():
    failures, tried = doctest.testmod(cxmetrics.clvmodel, verbose=False)
    assert tried > 0 and failures == 0


# ---- plots -------------------------------------------------------------------------------

def _png_size(path):
    with open(path, "rb") as fh:
        head = fh.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def test_plots_render_to_png(tmp_path):
    pytest.importorskip("pandas")
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    import matplotlib.pyplot as plt

    ids, dates, amounts = _cdnow_transactions()
    s = clvmodel.summary_from_transactions(ids, dates, amounts, calibration_end="1997-09-30",
                                           observation_end="1998-06-30", period="week")
    assert s.attrs["holdout_duration"] == 39.0
    m = clvmodel.BetaGeo().fit(s)

    ax = clvmodel_plot.plot_calibration_purchases_vs_holdout(m, s, max_frequency=7)
    lines = {ln.get_label(): ln.get_ydata() for ln in ax.get_lines()}
    # the actual line is the mean holdout purchases by calibration frequency (hand-grouped)
    f, h = s["frequency"].to_numpy(), s["holdout_frequency"].to_numpy()
    assert lines["Actual"][0] == pytest.approx(h[f == 0].mean(), rel=1e-12)
    assert lines["Actual"][7] == pytest.approx(h[f >= 7].mean(), rel=1e-12)
    p1 = tmp_path / "calibration.png"
    ax.figure.savefig(p1)
    plt.close(ax.figure)

    ax = clvmodel_plot.plot_p_alive_matrix(m, max_frequency=10, max_recency=30, T=39)
    img = np.asarray(ax.images[0].get_array())
    assert img.shape == (31, 11)
    for freq, rec in ((0, 0), (1, 5), (4, 30), (10, 17)):
        assert img[rec, freq] == m.p_alive(freq, rec, 39.0)
    assert np.all(img[:, 0] == 1.0)                           # x = 0: P(alive) 1 for BG/NBD
    p2 = tmp_path / "p_alive.png"
    ax.figure.savefig(p2)
    plt.close(ax.figure)
    for p in (p1, p2):
        w, h = _png_size(p)
        assert os.path.getsize(p) > 1000 and w > 0 and h > 0
    default = clvmodel_plot.p_alive_matrix(m)                           # from the fitted data
    assert default.shape == (int(s["T"].max()) + 1, int(s["frequency"].max()) + 1)


# ---- the prediction table (cxm_clv_predict_table, what `cxm clv predict` prints) ----

def test_predict_table_matches_the_anchors(cdnow):
    """anchors §2: customer 0001's E[X(39)] 1.2259104241744192 and P(alive)
    0.7266091368, and the sum of 12-month CLV 71509.89931936648 (discount
    0.01 a month, 4.345 weeks a month), through the C prediction table."""
    bg = clvmodel.BetaGeo.from_params(**BG_LIFETIMES)
    gg = clvmodel.GammaGamma.from_params(**GG_LIFETIMES)
    ids = np.array([f"{i + 1:04d}" for i in range(cdnow["frequency"].size)], dtype=object)
    summary = dict(cdnow, id=ids)
    out = clvmodel.predict(bg, summary, 39, spend_model=gg, period="week", as_frame=False)
    assert list(out) == ["id", "expected_purchases", "p_alive", "expected_profit", "clv"]
    assert out["id"][0] == "0001"
    assert rel(out["expected_purchases"][0], 1.2259104241744192) <= 1e-10
    assert abs(out["p_alive"][0] - 0.7266091368) <= 1e-10
    assert rel(out["clv"].sum(), 71509.89931936648) <= 1e-10
    # without a spend model: the two purchase columns, and no time unit needed
    bare = clvmodel.predict(bg, summary, 39, as_frame=False)
    assert list(bare) == ["id", "expected_purchases", "p_alive"]
    # with one and no time unit anywhere: the library's question, asked here
    with pytest.raises(cxmetrics.InvalidArgument, match="period"):
        clvmodel.predict(bg, summary, 39, spend_model=gg)
    # a summary without the columns the model reads: named by C
    with pytest.raises(cxmetrics.InvalidArgument, match="recency"):
        clvmodel.predict(bg, {"frequency": cdnow["frequency"]}, 39)


def test_predict_table_from_a_summary_frame():
    """A DataFrame summary from summary_from_transactions keeps its ids (the
    index) and its period, so CLV needs no time unit (by hand: a made 3
    purchases, b one)."""
    pytest.importorskip("pandas")
    s = clvmodel.summary_from_transactions(["a", "a", "b", "a"],
                                           ["2024-01-01", "2024-01-15", "2024-01-08", "2024-02-05"],
                                           [10, 30, 5, 20], period="week")
    bg = clvmodel.BetaGeo.from_params(**BG_LIFETIMES)
    gg = clvmodel.GammaGamma.from_params(**GG_LIFETIMES)
    out = clvmodel.predict(bg, s, 10, spend_model=gg)
    assert list(out.index) == ["a", "b"]
    f, r, T, m = (s[c].to_numpy() for c in ("frequency", "recency", "T", "monetary_value"))
    assert np.array_equal(out["expected_purchases"].to_numpy(), bg.expected_purchases(10, f, r, T))
    assert np.array_equal(out["clv"].to_numpy(), clvmodel.clv(bg, gg, f, r, T, m, period="week"))
