"""Key drivers (spec §19) through the Python binding: cxmetrics.key_drivers
against an independent computation on a seeded synthetic data set and on
real data (tests/data/customers: the Kaggle "Customer Personality Analysis"
customers; examples/data/survey_responses.csv: the bundled survey).

The references are computed here from the rows, not from the library's
method (which takes every R² from the correlation matrix by Cholesky):
  R²(S): statsmodels OLS(y, add_constant(X_S)).rsquared when statsmodels is
    installed (python3-statsmodels), else the same fit by numpy.linalg.lstsq;
  Shapley / LMG (Lindeman, Merenda & Gold 1980; Grömping 2006):
    phi_j = sum over S not holding j of |S|! (p - |S| - 1)! / p! (R²(S + j) - R²(S));
  relative weights (Johnson 2000): R_xx = V diag(w) V' (numpy.linalg.eigh),
    Λ = V diag(√w) V', β = Λ^-1 r_xy, RW_k = Σ_j Λ_kj² β_j²;
  a categorical driver: pandas.get_dummies without the most frequent level.
"""

import itertools
import math
import os
from math import factorial

import numpy as np
import pandas as pd
import pytest

import cxmetrics
from conftest import ROOT

try:  # pragma: no cover - depends on the machine
    import statsmodels.api as sm
except ImportError:  # pragma: no cover
    sm = None

CUSTOMERS = os.path.join(ROOT, "tests", "data", "customers", "marketing_campaign.csv")
SURVEY = os.path.join(ROOT, "examples", "data", "survey_responses.csv")


def ols_r2(y, X):
    """R² of y on [1, X] fitted on the rows."""
    if X.shape[1] == 0:
        return 0.0
    if sm is not None:
        return sm.OLS(y, sm.add_constant(X, has_constant="add")).fit().rsquared
    A = np.column_stack([np.ones(len(y)), X])
    b = np.linalg.lstsq(A, y, rcond=None)[0]
    e = y - A @ b
    d = y - y.mean()
    return 1.0 - e @ e / (d @ d)


def design(df, drivers):
    """Each driver's columns: numeric as is, text as dummies without the most
    frequent level (ties: the bytewise first)."""
    cols = {}
    for d in drivers:
        v = df[d]
        if v.dtype.kind in "biuf":
            cols[d] = v.to_numpy(float)[:, None]
        else:
            counts = v.value_counts()
            ref = sorted(counts[counts == counts.max()].index)[0]
            levels = sorted(x for x in counts.index if x != ref)
            cols[d] = np.column_stack([(v == lv).to_numpy(float) for lv in levels])
    return cols


def reference(df, outcome, drivers):
    """(R², Shapley, relative weights, correlations) of the independent computation."""
    y = df[outcome].to_numpy(float)
    cols = design(df, drivers)
    p = len(drivers)
    r2 = {}
    for k in range(p + 1):
        for S in itertools.combinations(drivers, k):
            X = np.column_stack([cols[d] for d in S]) if S else np.empty((len(y), 0))
            r2[frozenset(S)] = ols_r2(y, X)
    phi = []
    for j in drivers:
        others = [d for d in drivers if d != j]
        s = 0.0
        for k in range(p):
            for S in itertools.combinations(others, k):
                s += factorial(k) * factorial(p - k - 1) / factorial(p) * (r2[frozenset(S) | {j}] - r2[frozenset(S)])
        phi.append(s)
    Z = np.column_stack([cols[d] for d in drivers])
    owner = [d for d in drivers for _ in range(cols[d].shape[1])]
    R = np.corrcoef(np.column_stack([y, Z]), rowvar=False)
    w, V = np.linalg.eigh(R[1:, 1:])
    lam = V @ np.diag(np.sqrt(w)) @ V.T
    beta = np.linalg.solve(lam, R[1:, 0])
    eps = (lam ** 2) @ (beta ** 2)
    rw = [sum(e for e, o in zip(eps, owner) if o == d) for d in drivers]
    corr = [np.corrcoef(cols[d][:, 0], y)[0, 1] if cols[d].shape[1] == 1 and df[d].dtype.kind in "biuf"
            else math.sqrt(r2[frozenset({d})]) for d in drivers]
    return r2[frozenset(drivers)], np.array(phi), np.array(rw), np.array(corr)


def synthetic(n=400, seed=20261207):
    rng = np.random.default_rng(seed)
    x1 = rng.normal(7, 2, n)
    x2 = 0.5 * x1 + rng.normal(0, 1.5, n)
    x3 = rng.normal(0, 1, n)
    x4 = 0.3 * x2 - 0.4 * x3 + rng.normal(0, 1, n)
    g = rng.choice(["north", "south", "east", "west"], size=n, p=[0.4, 0.3, 0.2, 0.1])
    y = (1 + 0.6 * x1 + 0.3 * x2 + 0.1 * x3 + 0.2 * x4 + np.select([g == "south", g == "east"], [0.8, -0.5], 0.0)
         + rng.normal(0, 1.3, n))
    return pd.DataFrame({"y": y, "x1": x1, "x2": x2, "x3": x3, "x4": x4, "g": g})


def check_against_reference(res, df, outcome, drivers, tol=1e-9):
    r2, phi, rw, corr = reference(df, outcome, drivers)
    t = res.table
    assert list(t["driver"]) == drivers
    assert res.r2 == pytest.approx(r2, abs=tol)
    np.testing.assert_allclose(t["shapley"], phi, atol=tol, rtol=0)
    np.testing.assert_allclose(t["relative_weight"], rw, atol=tol, rtol=0)
    np.testing.assert_allclose(t["correlation"], corr, atol=tol, rtol=0)
    # both decompositions share out R² (of the reference and of ours)
    assert phi.sum() == pytest.approx(r2, abs=1e-12)
    assert rw.sum() == pytest.approx(r2, abs=1e-12)
    assert t["shapley"].sum() == pytest.approx(res.r2, abs=1e-12)
    assert t["relative_weight"].sum() == pytest.approx(res.r2, abs=1e-12)
    np.testing.assert_allclose(t["shapley_share"], 100 * phi / r2, atol=1e-7)
    np.testing.assert_allclose(t["rw_share"], 100 * rw / r2, atol=1e-7)


def test_synthetic_against_independent_fit():
    df = synthetic()
    drivers = ["x1", "x2", "x3", "x4", "g"]
    res = cxmetrics.key_drivers(df, outcome="y", drivers=drivers, bootstrap=0)
    check_against_reference(res, df, "y", drivers)
    assert res.n == len(df) and res.rows_dropped == 0
    assert list(res.table["kind"]) == ["numeric"] * 4 + ["categorical"]
    assert res.table["rw_lower"].isna().all() and res.table["shapley_upper"].isna().all()


def test_real_customers_against_independent_fit():
    df = pd.read_csv(CUSTOMERS, sep=";")
    drivers = ["Income", "Kidhome", "Teenhome", "Recency", "NumWebVisitsMonth", "Education"]
    res = cxmetrics.key_drivers(CUSTOMERS, outcome="MntWines", drivers=drivers, delimiter=";", bootstrap=0,
                                nan_policy="omit")
    kept = df.dropna(subset=["Income"])
    assert res.rows_dropped == len(df) - len(kept) == 24
    assert res.n == len(kept)
    check_against_reference(res, kept.reset_index(drop=True), "MntWines", drivers, tol=1e-9)
    # the same from the DataFrame
    res2 = cxmetrics.key_drivers(df, outcome="MntWines", drivers=drivers, bootstrap=0, nan_policy="omit")
    np.testing.assert_allclose(res2.table["shapley"], res.table["shapley"], rtol=0, atol=1e-13)


def test_survey_example_from_path():
    df = pd.read_csv(SURVEY)
    drivers = ["csat", "ces", "channel"]
    # some answers are blank: under error the first names its column and row
    with pytest.raises(cxmetrics.NanInput, match=r"column '(csat|ces|nps)', row \d+"):
        cxmetrics.key_drivers(SURVEY, outcome="nps", drivers=drivers)
    res = cxmetrics.key_drivers(SURVEY, outcome="nps", drivers=drivers, bootstrap=0, nan_policy="omit")
    kept = df.dropna(subset=["nps", "csat", "ces", "channel"]).reset_index(drop=True)
    assert res.rows_dropped == len(df) - len(kept) > 0
    check_against_reference(res, kept, "nps", drivers)


def test_bootstrap_seeded_and_thread_independent():
    df = synthetic(n=250)
    drivers = ["x1", "x2", "x3", "g"]
    a = cxmetrics.key_drivers(df, "y", drivers, bootstrap=150, seed=11, threads=1)
    b = cxmetrics.key_drivers(df, "y", drivers, bootstrap=150, seed=11, threads=2)
    c = cxmetrics.key_drivers(df, "y", drivers, bootstrap=150, seed=11)
    d = cxmetrics.key_drivers(df, "y", drivers, bootstrap=150, seed=12, threads=2)
    bounds = ["rw_lower", "rw_upper", "shapley_lower", "shapley_upper"]
    for col in bounds:
        assert a.table[col].tolist() == b.table[col].tolist() == c.table[col].tolist()
    assert a.table[bounds].to_numpy().tolist() != d.table[bounds].to_numpy().tolist()
    t = a.table
    assert (t["shapley_lower"] <= t["shapley"]).all() and (t["shapley"] <= t["shapley_upper"]).all()
    assert (t["rw_lower"] <= t["relative_weight"]).all() and (t["relative_weight"] <= t["rw_upper"]).all()
    assert a.attrs["bootstrap"] == 150 and a.attrs["seed"] == 11


def test_bootstrap_percentiles_match_a_numpy_bootstrap_in_distribution():
    # one driver: Shapley = R² = r²; the library's percentile interval and a
    # numpy bootstrap of r² (another generator) agree to sampling error
    rng = np.random.default_rng(5)
    x = rng.normal(size=300)
    y = 0.6 * x + rng.normal(size=300)
    res = cxmetrics.key_drivers({"y": y, "x": x}, "y", ["x"], bootstrap=2000, seed=3, conf=0.9)
    boot = []
    for _ in range(2000):
        i = rng.integers(0, 300, 300)
        boot.append(np.corrcoef(x[i], y[i])[0, 1] ** 2)
    lo, hi = np.quantile(boot, [0.05, 0.95])
    assert res.table["shapley_lower"][0] == pytest.approx(lo, abs=0.02)
    assert res.table["shapley_upper"][0] == pytest.approx(hi, abs=0.02)


def test_missing_values():
    df = synthetic(n=120)
    df.loc[3, "x1"] = np.nan
    df.loc[7, "g"] = None
    with pytest.raises(cxmetrics.NanInput, match=r"column 'x1', row 4"):
        cxmetrics.key_drivers(df, "y", ["x1", "g"])
    res = cxmetrics.key_drivers(df, "y", ["x1", "g"], nan_policy="omit", bootstrap=0)
    assert res.rows_dropped == 2 and res.n == 118
    check_against_reference(res, df.dropna().reset_index(drop=True), "y", ["x1", "g"])
    # pandas' nullable dtypes: pd.NA is missing too (a rating as Int64, a level as string)
    nd = df.copy()
    nd["r"] = pd.array(np.round(nd["x2"]).astype(int), dtype="Int64")
    nd.loc[9, "r"] = pd.NA
    nd["g"] = nd["g"].astype("string")
    res = cxmetrics.key_drivers(nd, "y", ["x1", "r", "g"], nan_policy="omit", bootstrap=0)
    assert res.rows_dropped == 3 and list(res.table["kind"]) == ["numeric", "numeric", "categorical"]
    ref = nd.dropna().reset_index(drop=True).astype({"r": float, "g": object})
    check_against_reference(res, ref, "y", ["x1", "r", "g"])


def test_refusals():
    df = synthetic(n=60)
    df["const"] = 4.0
    df["sum"] = df["x1"] + df["x2"]
    with pytest.raises(cxmetrics.InvalidArgument, match=r"no column 'nope'.*its columns are: y, x1, x2, x3, x4, g"):
        cxmetrics.key_drivers(df, "y", ["x1", "nope"])
    with pytest.raises(cxmetrics.InvalidArgument, match=r"outcome: no column 'score'"):
        cxmetrics.key_drivers(df, "score", ["x1"])
    with pytest.raises(cxmetrics.InvalidArgument, match=r"driver 'const' is constant.*R_xx is singular"):
        cxmetrics.key_drivers(df, "y", ["x1", "const"])
    with pytest.raises(cxmetrics.InvalidArgument, match=r"drivers 'x1', 'x2' and 'sum' are perfectly collinear"):
        cxmetrics.key_drivers(df, "y", ["x1", "x2", "sum"])
    many = {f"m{i}": np.arange(60.0) % (i + 2) for i in range(16)}
    many["y"] = np.arange(60.0)
    with pytest.raises(cxmetrics.InvalidArgument, match=r"16 drivers: at most 15"):
        cxmetrics.key_drivers(many, "y", [f"m{i}" for i in range(16)])
    with pytest.raises(cxmetrics.TooFew, match=r"3 rows .* for 2 design columns"):
        cxmetrics.key_drivers(df.head(3), "y", ["x1", "x2"])
    with pytest.raises(cxmetrics.InvalidArgument, match=r"nan_policy must be"):
        cxmetrics.key_drivers(df, "y", ["x1"], nan_policy="drop")
    with pytest.raises(cxmetrics.InvalidArgument, match=r"conf"):
        cxmetrics.key_drivers(df, "y", ["x1"], conf=1.5)
    with pytest.raises(cxmetrics.InvalidArgument, match=r"bootstrap is 100001"):
        cxmetrics.key_drivers(df, "y", ["x1"], bootstrap=100001)
    with pytest.raises(cxmetrics.InvalidArgument, match=r"single string"):
        cxmetrics.key_drivers(df, "y", "x1")


def test_dict_input_and_results():
    df = synthetic(n=80)
    d = {k: df[k].tolist() for k in df.columns}
    a = cxmetrics.key_drivers(d, "y", ["x1", "g"], bootstrap=20)
    b = cxmetrics.key_drivers(df, "y", ["x1", "g"], bootstrap=20)
    assert a.table.equals(b.table)
    out = a.to_dict()
    assert out["outcome"] == "y" and out["n"] == 80 and out["r2"] == a.r2
    assert [r["driver"] for r in out["drivers"]] == ["x1", "g"]
    assert out["drivers"][1]["kind"] == "categorical"
    assert '"shapley"' in a.to_json()
    assert "KeyDrivers(outcome='y'" in repr(a)
    plain = cxmetrics.key_drivers(d, "y", ["x1", "g"], bootstrap=0, as_frame=False)
    assert isinstance(plain.table, dict) and list(plain.table["driver"]) == ["x1", "g"]
    assert plain.to_dict()["drivers"][0]["rw_lower"] is None


# ---- the bootstrap, replayed independently -----------------------------------------------
# lib/core/rng.h names its generator: xoshiro256** (Blackman & Vigna 2018) seeded through
# splitmix64, replicate b on the sequence (seed, b), rows drawn by Lemire's (2019) unbiased
# bounded draw (spec §19.4). Written out here in Python integers, the resamples are the
# library's; each replicate's statistics are then computed by numpy on the repeated rows, and
# the interval is numpy.percentile (linear, type 7) of them.
_M = (1 << 64) - 1


def _splitmix(x):
    x = (x + 0x9E3779B97F4A7C15) & _M
    z = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _M
    return x, z ^ (z >> 31)


def _rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & _M


class _Xoshiro:
    def __init__(self, seed, stream):
        _, v = _splitmix(stream)
        x = seed ^ ((v * 0xD1342543DE82EF95) & _M)
        self.s = []
        for _ in range(4):
            x, z = _splitmix(x)
            self.s.append(z)

    def next(self):
        s = self.s
        result = (_rotl((s[1] * 5) & _M, 7) * 9) & _M
        t = (s[1] << 17) & _M
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = _rotl(s[3], 45)
        return result

    def below(self, n):
        m = self.next() * n
        if (m & _M) < n:
            t = ((1 << 64) - n) % n
            while (m & _M) < t:
                m = self.next() * n
        return m >> 64


def test_bootstrap_intervals_replayed_with_numpy():
    df = synthetic(n=60, seed=99)
    drivers = ["x1", "x2", "x3"]
    B, seed, conf = 40, 2026, 0.9
    res = cxmetrics.key_drivers(df, "y", drivers, bootstrap=B, seed=seed, conf=conf, threads=2)
    shap, rw = [], []
    for b in range(B):
        g = _Xoshiro(seed, b)
        idx = [g.below(len(df)) for _ in range(len(df))]
        _, phi, w, _ = reference(df.iloc[idx].reset_index(drop=True), "y", drivers)
        shap.append(phi)
        rw.append(w)
    lo, hi = (1 - conf) / 2 * 100, (1 + conf) / 2 * 100
    np.testing.assert_allclose(res.table["shapley_lower"], np.percentile(shap, lo, axis=0), atol=1e-9, rtol=0)
    np.testing.assert_allclose(res.table["shapley_upper"], np.percentile(shap, hi, axis=0), atol=1e-9, rtol=0)
    np.testing.assert_allclose(res.table["rw_lower"], np.percentile(rw, lo, axis=0), atol=1e-9, rtol=0)
    np.testing.assert_allclose(res.table["rw_upper"], np.percentile(rw, hi, axis=0), atol=1e-9, rtol=0)
    assert res.attrs["bootstrap_redrawn"] == 0
