"""The non-negative factorisation and personas from behaviour through Python
(cxmetrics.nmf, cxmetrics.behaviour_personas; spec §15.8), against scikit-learn
1.2.1 live.

Independent references:
- scikit-learn's NMF(init="custom", solver="mu" | "cd", beta_loss="frobenius")
  from the same starting factors: the same iteration count, W, H and
  reconstruction_err_, at the defaults (max_iter 200, tol 1e-4) and others,
  on matrices large enough for the library's threads;
- for personas from behaviour, a planted table of groups x items whose
  behaviours and mixes are known by construction, and scikit-learn's NMF
  (solver "cd", init "nndsvda", run to a tight tolerance) on the same kept
  groups for the normalised H rows and the groups' mixes.
"""

import warnings

import numpy as np
import pandas as pd
import pytest

import cxmetrics as cx

sk = pytest.importorskip("sklearn.decomposition")


def start(X, k, seed):
    """scikit-learn's init="random" scaling, drawn with numpy."""
    rs = np.random.RandomState(seed)
    avg = np.sqrt(X.mean() / k)
    H0 = avg * np.abs(rs.standard_normal((k, X.shape[1])))
    W0 = avg * np.abs(rs.standard_normal((X.shape[0], k)))
    return W0, H0


def sklearn_nmf(X, W0, H0, solver, max_iter=200, tol=1e-4):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ConvergenceWarning at max_iter
        m = sk.NMF(W0.shape[1], init="custom", solver=solver, beta_loss="frobenius", max_iter=max_iter, tol=tol)
        W = m.fit_transform(X, W=W0.copy(), H=H0.copy())
    return W, m.components_, m.n_iter_, m.reconstruction_err_


CASES = [  # rows, cols, k, seed: small, tall, and 3000 x 120 x 8 (enough work per pass for threads)
    (30, 7, 3, 1),
    (500, 40, 6, 2),
    (3000, 120, 8, 3),
]


@pytest.mark.parametrize("rows,cols,k,seed", CASES)
@pytest.mark.parametrize("method,solver", [("mu", "mu"), ("hals", "cd")])
def test_nmf_matches_scikit_learn_at_defaults(rows, cols, k, seed, method, solver):
    rs = np.random.RandomState(100 + seed)
    X = rs.poisson(rs.gamma(0.5, 1.0, (rows, k)) @ rs.gamma(0.5, 1.0, (k, cols))).astype(float)
    W0, H0 = start(X, k, seed)
    r = cx.nmf(X, k, method=method, w=W0, h=H0)
    W, H, n_iter, err = sklearn_nmf(X, W0, H0, solver)
    assert r.iterations == n_iter
    np.testing.assert_allclose(r.w, W, rtol=0, atol=1e-10 * np.abs(W).max())
    np.testing.assert_allclose(r.h, H, rtol=0, atol=1e-10 * np.abs(H).max())
    assert r.error == pytest.approx(err, rel=1e-10)
    assert r.relative_error == pytest.approx(err / np.linalg.norm(X), rel=1e-10)
    assert r.converged == (n_iter < 200)


@pytest.mark.parametrize("method,solver", [("mu", "mu"), ("hals", "cd")])
def test_nmf_tolerances_and_limits(method, solver):
    rs = np.random.RandomState(7)
    X = rs.gamma(1.0, 2.0, (60, 12))
    W0, H0 = start(X, 4, 7)
    for max_iter, tol in ((3, 0.0), (35, 0.0), (400, 1e-6), (400, 1e-2)):
        r = cx.nmf(X, 4, method=method, w=W0, h=H0, max_iter=max_iter, tol=tol)
        W, H, n_iter, err = sklearn_nmf(X, W0, H0, solver, max_iter, tol)
        assert r.iterations == n_iter, (max_iter, tol)
        np.testing.assert_allclose(r.w, W, rtol=0, atol=1e-10 * np.abs(W).max())
        np.testing.assert_allclose(r.h, H, rtol=0, atol=1e-10 * np.abs(H).max())
        assert r.error == pytest.approx(err, rel=1e-10)
    # tol 0 never stops early
    assert cx.nmf(X, 4, method=method, w=W0, h=H0, max_iter=35, tol=0.0).iterations == 35


def test_nmf_seeded_start():
    """From the seeded start, a rank-1 matrix (the outer product of 1..40 and 1..8) is
    factorised exactly; the same seed gives the same bits."""
    X = np.outer(np.arange(1, 41, dtype=float), np.arange(1, 9, dtype=float))
    r = cx.nmf(X, 1, method="hals", seed=9, max_iter=500, tol=1e-12)
    assert r.relative_error < 1e-10
    np.testing.assert_allclose(r.w @ r.h, X, rtol=1e-9)
    a, b = cx.nmf(X, 1, seed=9, max_iter=20), cx.nmf(X, 1, seed=9, max_iter=20)
    assert np.array_equal(a.w, b.w) and np.array_equal(a.h, b.h)


def test_nmf_errors():
    X = np.arange(12, dtype=float).reshape(4, 3) + 1
    with pytest.raises(cx.InvalidArgument):
        cx.nmf(X, 4)  # k > min(rows, columns)
    with pytest.raises(cx.InvalidArgument):
        cx.nmf(X, 2, method="svd")
    bad = X.copy()
    bad[2, 1] = np.nan
    with pytest.raises(cx.NanInput, match="row 2, column 1"):
        cx.nmf(bad, 2)
    bad[2, 1] = -1.0
    with pytest.raises(cx.OutOfRange, match="row 2, column 1"):
        cx.nmf(bad, 2)
    with pytest.raises(cx.EmptyInput):
        cx.nmf(np.zeros((4, 3)), 2)


# ---- personas from behaviour ---------------------------------------------------------------

ITEMS = ["yoga", "recipes", "travel", "books", "gaming", "cars", "tech", "sports"]


def planted():
    """Behaviour A = 4:3:2:1 over the first four items, B over the last four; mixes by
    construction (each pattern sums to 10 per unit)."""
    groups = [("women 25-34 US", "female", "25-34", "US", 100, 0),
              ("women 35-44 GB", "female", "35-44", "GB", 70, 30),
              ("men 18-24 US", "male", "18-24", "US", 0, 80),
              ("men 45-54 DE", "male", "45-54", "DE", 40, 60),
              ("few", "female", "65+", "US", 0, 0)]
    rows = []
    for name, gender, band, country, a, b in groups:
        r = {"group": name, "gender": gender, "age_band": band, "country": country}
        for j, item in enumerate(ITEMS):
            r[item] = float((a if j < 4 else b) * (4 - j % 4))
        rows.append(r)
    rows[-1]["yoga"] = 3.0  # 3 interactions: under min_n = 10
    return pd.DataFrame(rows)


@pytest.mark.parametrize("method", ["mu", "hals"])
def test_behaviour_personas_planted(method):
    df = planted()
    ps, weights = cx.behaviour_personas(df, 2, top=3, method=method, seed=5)
    assert len(ps) == 2
    prov = ps.provenance
    assert prov["method"] == "nmf-" + method
    assert prov["k"] == 2 and prov["quality_measure"] == "relative_error"
    assert prov["customers"] == 4 and prov["excluded_customers"] == 1
    tol = 2e-3 if method == "mu" else 1e-4
    by_first = {p.interests[0]["item"]: p for p in ps}
    assert set(by_first) == {"yoga", "gaming"}
    for first, group, gender, band in (("yoga", "women 25-34 US", "female", "25-34"),
                                       ("gaming", "men 18-24 US", "male", "18-24")):
        p = by_first[first]
        assert p.group == group and p.gender == gender and p.age_band == band and p.country == "US"
        assert p.size == 2 and p.share == pytest.approx(50.0)
        assert [i["weight"] for i in p.interests] == pytest.approx([0.4, 0.3, 0.2], abs=tol)
        assert p.group_weight == pytest.approx(1.0, abs=10 * tol)
        assert isinstance(p.name, str) and p.name
    # the mixes, known by construction: 1, 0.7, 0, 0.4 for A
    a = by_first["yoga"].id
    assert list(weights.index) == ["women 25-34 US", "women 35-44 GB", "men 18-24 US", "men 45-54 DE"]
    np.testing.assert_allclose(weights[a].to_numpy(), [1.0, 0.7, 0.0, 0.4], atol=10 * tol)


def test_behaviour_personas_vs_scikit_learn():
    """Noisy behaviours: the interests' weights and the groups' mixes equal those of
    scikit-learn's NMF fitted to a tight tolerance on the same kept groups (the
    factorisation of a near-separable matrix is unique up to order and scale)."""
    rs = np.random.RandomState(21)
    k, n_groups = 3, 40
    H = rs.gamma(0.3, 1.0, (k, 15))
    for f in range(k):  # an anchor item per behaviour keeps the factors identifiable
        H[:, f] = 0.0
        H[f, f] = 3.0
    W = rs.gamma(0.4, 50.0, (n_groups, k))
    W[:k] = np.eye(k) * 80.0  # a pure group per behaviour
    X = W @ H
    df = pd.DataFrame(X, columns=["item%d" % j for j in range(X.shape[1])])
    df.insert(0, "group", ["g%d" % i for i in range(n_groups)])
    kept = X.sum(axis=1) >= 10
    ps, weights = cx.behaviour_personas(df, k, top=15, method="hals", seed=2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = sk.NMF(k, init="nndsvda", solver="cd", max_iter=5000, tol=1e-12)
        Ws = m.fit_transform(X[kept])
    Hs = m.components_
    hn = Hs / Hs.sum(axis=1, keepdims=True)
    mix = Ws * Hs.sum(axis=1)
    mix = mix / mix.sum(axis=1, keepdims=True)
    for p in ps:
        w = np.zeros(X.shape[1])
        for it in p.interests:
            w[int(it["item"][4:])] = it["weight"]
        f = int(np.argmin(np.abs(hn - w).sum(axis=1)))  # scikit-learn's factor of this persona
        np.testing.assert_allclose(w, hn[f], atol=2e-3)
        np.testing.assert_allclose(weights[p.id].to_numpy(), mix[:, f], atol=5e-3)
        assert p.group == df["group"][np.flatnonzero(kept)[int(np.argmax(mix[:, f]))]]


def test_behaviour_personas_errors():
    df = planted()
    with pytest.raises(cx.TooFew):
        cx.behaviour_personas(df, 5)  # 4 groups of 10 or more interactions
    with pytest.raises(cx.InvalidArgument):
        cx.behaviour_personas(df, 2, top=0)
    bad = df.copy()
    bad.loc[1, "cars"] = -2.0
    with pytest.raises(cx.OutOfRange, match="row 2, column cars"):
        cx.behaviour_personas(bad, 2)
    with pytest.raises(cx.InvalidArgument, match="no TEXT column"):
        cx.behaviour_personas(df[ITEMS], 2)
