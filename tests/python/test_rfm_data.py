"""RFM data path (spec §7.6, §7.7, §7.9, §7.10): orders -> customers with a returns
policy, binnings incl. Jenks, the scored table, segment summary, migration, plots.

Expected values come from pandas (groupby, qcut, crosstab) and numpy written here,
from a brute-force O(k n^2) dynamic programme for Jenks, from jenkspy's published
test case, and from the golden vector big_rfm_5000 (tests/data/vectors_expanded.json,
computed by the reference oracle cxref.py).
"""

import json
import math
import os

import numpy as np
import pytest

import cxmetrics

pd = pytest.importorskip("pandas")

HERE = os.path.dirname(os.path.abspath(__file__))
VECTORS = os.path.join(HERE, "..", "data", "vectors_expanded.json")


def random_orders(seed=3, n=4000, customers=600):
    rng = np.random.default_rng(seed)
    ids = rng.integers(0, customers, size=n)
    day = rng.integers(0, 400, size=n).astype(np.float64)
    amount = np.round(rng.lognormal(3, 1, size=n), 2)
    amount[rng.random(n) < 0.05] *= -1               # refunds
    cancelled = (rng.random(n) < 0.04).astype(np.uint8)
    return ids, day, amount, cancelled


def pandas_customers(ids, day, amount, cancelled, analysis, returns):
    df = pd.DataFrame({"id": ids, "day": day, "amount": amount, "ret": (amount < 0) | (cancelled != 0)})
    if returns == "keep":
        orders = df
        value = df.groupby("id")["amount"].apply(math.fsum)
    else:
        orders = df[~df["ret"]]
        if returns == "net":
            v = np.where(df["ret"], -df["amount"].abs(), df["amount"])
            value = pd.Series(v, index=df.index).groupby(df["id"]).apply(math.fsum)
        else:
            value = orders.groupby("id")["amount"].apply(math.fsum)
    g = orders.groupby("id").agg(last=("day", "max"), n=("day", "size"))
    g["amount"] = value.reindex(g.index)
    g["recency"] = analysis - g["last"]
    return g, int(df["ret"].sum())


@pytest.mark.parametrize("returns", ["keep", "net", "drop"])
def test_orders_against_pandas(returns):
    ids, day, amount, cancelled = random_orders()
    exp, n_ret = pandas_customers(ids, day, amount, cancelled, 420.0, returns)
    # integer ids: the numeric path, ascending ids
    got = cxmetrics.rfm_orders(None, ids, day, amount, analysis_date=420.0, returns=returns, cancelled=cancelled)
    assert list(got.index) == list(exp.index)
    assert got["recency_days"].tolist() == exp["recency"].tolist()
    assert got["transaction_count"].tolist() == exp["n"].tolist()
    assert got["amount"].tolist() == exp["amount"].tolist()       # exact sums, as math.fsum
    assert got.attrs["return_rows"] == n_ret and got.attrs["returns"] == returns
    # text ids, from a DataFrame: the same numbers, ids in byte order
    df = pd.DataFrame({"cust": [f"c{i:04d}" for i in ids], "d": day, "a": amount, "x": cancelled})
    got2 = cxmetrics.rfm_orders(df, "cust", "d", "a", analysis_date=420.0, returns=returns, cancelled="x")
    assert list(got2.index) == [f"c{int(i):04d}" for i in exp.index]
    assert got2["amount"].tolist() == exp["amount"].tolist()


def test_orders_csv_and_errors(tmp_path):
    p = tmp_path / "o.csv"
    p.write_text("who,when,total,state\na,2024-01-02,10,paid\nb,2024-01-05,7.5,cancelled\n"
                 "a,2024-01-09,-4,refund\nb,2024-01-07,3,paid\n")
    got = cxmetrics.rfm_orders(str(p), "who", "when", "total", analysis_date="2024-01-10", returns="net",
                               status="state", cancel_words=["cancelled"])
    # by hand: a: order 01-02 (10), refund -4 -> 6, recency 8; b: order 01-07 (3), 7.5 cancelled -> -4.5
    assert got.loc["a"].tolist() == [8.0, 1.0, 6.0]
    assert got.loc["b"].tolist() == [3.0, 1.0, -4.5]
    with pytest.raises(cxmetrics.Inconsistent, match="returns = error"):
        cxmetrics.rfm_orders(str(p), "who", "when", "total", analysis_date="2024-01-10", returns="error")
    with pytest.raises(cxmetrics.InvalidArgument, match="keep, net, drop or error"):
        cxmetrics.rfm_orders(None, ["a"], [1.0], [1.0], analysis_date=5.0, returns="maybe")
    with pytest.raises(cxmetrics.NanInput):
        cxmetrics.rfm_orders(None, ["a"], [1.0], [float("nan")], analysis_date=5.0)
    with pytest.raises(cxmetrics.EmptyInput):
        cxmetrics.rfm_orders(None, [], [], [], analysis_date=5.0)
    assert cxmetrics.rfm_returns_words() == ["keep", "net", "drop", "error"]


# ---- Jenks ---------------------------------------------------------------------------------

def brute_jenks(x, k):
    """O(k n^2) Fisher DP over the sorted distinct values with weights: least total SSE and the
    least value of classes 2..k (first minimum wins, as a plain scan)."""
    v, w = np.unique(np.asarray(x, dtype=float), return_counts=True)
    m = v.size

    def sse(i, j):  # inclusive, two-pass
        vv, ww = v[i:j + 1], w[i:j + 1]
        mu = (vv * ww).sum() / ww.sum()
        return float((ww * (vv - mu) ** 2).sum())

    D = [[math.inf] * m for _ in range(k)]
    A = [[0] * m for _ in range(k)]
    for j in range(m):
        D[0][j] = sse(0, j)
    for c in range(1, k):
        for j in range(c, m):
            for i in range(c, j + 1):
                val = D[c - 1][i - 1] + sse(i, j)
                if D[c][j] == math.inf or val < D[c][j] - 1e-9 * max(1.0, D[c][j]):
                    D[c][j], A[c][j] = val, i
    breaks, end = [], m - 1
    for c in range(k - 1, 0, -1):
        start = A[c][end]
        breaks.append(v[start])
        end = start - 1
    return D[k - 1][m - 1], breaks[::-1]


def class_sse(x, breaks):
    x = np.sort(np.asarray(x, dtype=float))
    cls = np.searchsorted(np.asarray(breaks), x, side="right")
    return sum(float(((x[cls == c] - x[cls == c].mean()) ** 2).sum()) for c in np.unique(cls))


@pytest.mark.parametrize("seed", range(8))
def test_jenks_against_brute_force(seed):
    rng = np.random.default_rng(seed)
    x = np.round(rng.lognormal(2, 0.8, size=60), 1)
    for k in (2, 3, 5):
        best, exp_breaks = brute_jenks(x, k)
        got = cxmetrics.rfm_jenks_breaks(x, k)
        assert class_sse(x, got) == pytest.approx(best, rel=1e-9, abs=1e-9)
        assert got.tolist() == pytest.approx(exp_breaks)


def test_jenks_published():
    # jenkspy tests/test_jenks.py: data2 in 4 classes, upper bounds 416, 767, 1083 (classes from 1,
    # 583, 848, 1223)
    data2 = [132, 915, 312, 1424, 1240, 1370, 113, 1028, 1078, 416, 963, 359, 1422, 658, 73, 1326, 245, 848,
             683, 255, 1223, 253, 654, 736, 1079, 39, 583, 1367, 1237, 327, 1083, 328, 951, 678, 927, 301, 96,
             297, 179, 230, 767, 1248, 1, 37, 1352, 1009, 663, 1283, 679, 230]
    assert cxmetrics.rfm_jenks_breaks(data2, 4).tolist() == [583, 848, 1223]
    with pytest.raises(cxmetrics.TooFew):
        cxmetrics.rfm_jenks_breaks([1, 1, 2], 3)


# ---- scores, summary (the 5000-customer golden vector) ---------------------------------------

@pytest.fixture(scope="module")
def big():
    with open(VECTORS) as f:
        v = next(x for x in json.load(f)["vectors"] if x["id"] == "big_rfm_5000")
    a = v["args"]
    cust = pd.DataFrame({"recency_days": a["recency_days"], "transaction_count": a["frequency"],
                         "amount": a["monetary"]},
                        index=pd.Index([f"k{i:05d}" for i in range(len(a["frequency"]))], name="customer_id"))
    return cust, v["expected"]


def test_score_quantile_golden(big):
    cust, exp = big
    scored, breaks = cxmetrics.rfm_score_customers(cust)
    counts = scored["segment"].value_counts().to_dict()
    assert counts == exp["segments_r_02x"]
    assert scored["rfm_score"].astype(int).tolist()[:20] == exp["first20_rfm"]
    for dim in ("recency", "frequency", "monetary"):
        hist = scored[f"{dim}_score"].astype(int).value_counts().to_dict()
        assert {str(k): v for k, v in hist.items()} == exp[f"{dim}_hist"]
    # scores and counts are whole numbers: int64 columns, not the C table's doubles
    for col in ("recency_score", "frequency_score", "monetary_score", "rfm_score", "transaction_count"):
        assert scored[col].dtype == np.int64, col
    assert breaks["score"].dtype == np.int64
    breaks = breaks.reset_index()
    rb = breaks[breaks["dimension"] == "recency"].sort_values("score")
    # recency score 5 is [min, b1), score 4 [b1, b2) ... score 1 [b4, max + 1)
    assert rb["upper"].tolist()[1:][::-1] == pytest.approx(exp["recency_breaks"], rel=1e-12)


def test_summary_against_pandas(big):
    cust, exp = big
    scored, _ = cxmetrics.rfm_score_customers(cust)
    summ = cxmetrics.rfm_summary(scored)
    assert summ["customers"].dtype == np.int64 and summ["orders"].dtype == np.int64
    names = list(summ.index) if summ.index.name == "segment" else summ["segment"].tolist()
    assert names == cxmetrics.RfmRules("r_02x").names + ["Others"]
    s = summ.reset_index() if summ.index.name == "segment" else summ
    g = scored.groupby("segment")
    for _, row in s.iterrows():
        name = row["segment"]
        if name not in g.groups:
            assert row["customers"] == 0 and math.isnan(row["average_order_value"])
            continue
        d = g.get_group(name)
        assert row["customers"] == exp["segments_r_02x"][name] == len(d)
        assert row["orders"] == d["transaction_count"].sum()
        assert row["revenue"] == math.fsum(d["amount"])
        assert row["share"] == pytest.approx(100 * len(d) / len(scored), rel=1e-12)
        assert row["monetary_score_mean"] == pytest.approx(d["monetary_score"].mean(), rel=1e-12)
        assert row["recency_days_mean"] == pytest.approx(d["recency_days"].mean(), rel=1e-12)


def test_rank_and_fixed_binnings(big):
    cust, _ = big
    scored, _ = cxmetrics.rfm_score_customers(cust, binning="rank")
    exp = pd.qcut(cust["transaction_count"].rank(method="first"), 5, labels=[1, 2, 3, 4, 5]).astype(int)
    assert scored["frequency_score"].astype(int).tolist() == exp.tolist()
    exp_r = pd.qcut(cust["recency_days"].rank(method="first"), 5, labels=[5, 4, 3, 2, 1]).astype(int)
    assert scored["recency_score"].astype(int).tolist() == exp_r.tolist()
    br = {"recency": [30, 90, 180, 365], "frequency": [2, 3, 5, 8], "monetary": [50, 100, 200, 400]}
    scored, breaks = cxmetrics.rfm_score_customers(cust, binning="fixed", breaks=br)
    exp_m = 1 + np.searchsorted([50, 100, 200, 400], cust["amount"].to_numpy(), side="right")
    assert scored["monetary_score"].astype(int).tolist() == exp_m.tolist()
    with pytest.raises(cxmetrics.InvalidArgument, match="bins"):
        cxmetrics.rfm_score_customers(cust, bins=12)
    with pytest.raises(cxmetrics.InvalidArgument):
        cxmetrics.rfm_score_customers(cust, binning="fixed")


def test_migration_against_pandas():
    ids, day, amount, cancelled = random_orders(seed=11)
    mask = day <= 200
    early = cxmetrics.rfm_orders(None, ids[mask], day[mask], amount[mask], analysis_date=200.0)
    late = cxmetrics.rfm_orders(None, ids, day, amount, analysis_date=420.0)
    s1, _ = cxmetrics.rfm_score_customers(early)
    s2, _ = cxmetrics.rfm_score_customers(late)
    mig = cxmetrics.rfm_migration(s1, s2)
    m = pd.merge(s1[["segment"]], s2[["segment"]], left_index=True, right_index=True, how="outer",
                 suffixes=("_from", "_to")).fillna({"segment_from": "(new)", "segment_to": "(gone)"})
    exp = m.groupby(["segment_from", "segment_to"]).size().to_dict()
    mm = mig.reset_index() if "from_segment" not in mig.columns else mig
    got = {(r["from_segment"], r["to_segment"]): r["customers"] for _, r in mm.iterrows()}
    assert got == exp
    tot = m.groupby("segment_from").size()
    for _, r in mm.iterrows():
        assert r["share"] == pytest.approx(100 * r["customers"] / tot[r["from_segment"]], rel=1e-12)


def test_plots(big):
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    cust, _ = big
    scored, _ = cxmetrics.rfm_score_customers(cust)
    grid, rs, fs = cxmetrics.rfm_heatmap_grid(scored)
    exp = scored.pivot_table(index="frequency_score", columns="recency_score", values="amount", aggfunc="mean")
    for f in exp.index:
        for r in exp.columns:
            assert grid[int(f) - 1, int(r) - 1] == pytest.approx(exp.loc[f, r], rel=1e-12, nan_ok=True)
    counts, _, _ = cxmetrics.rfm_heatmap_grid(scored, "customers")
    assert counts.sum() == len(scored)
    ax = cxmetrics.rfm_heatmap(scored)
    assert ax.get_xlabel() == "recency score"
    summ = cxmetrics.rfm_summary(scored)
    ax = cxmetrics.segment_bars(summ)
    heights = [p.get_width() for p in ax.patches]
    assert heights == summ["customers"].tolist()
    import matplotlib.pyplot as plt
    plt.close("all")
