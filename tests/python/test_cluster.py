"""cxmetrics.cluster against scikit-learn, computed live in the test:

- k-means from the same initial centres as KMeans(init=centres, n_init=1,
  algorithm="lloyd"): labels equal, inertia and centres to 1e-9 relative;
- silhouette_score (exact, and on the rows of our seeded sample),
  davies_bouldin_score, calinski_harabasz_score, adjusted_rand_score to 1e-9;
- StandardScaler's means and scales;
on scikit-learn's bundled iris and wine data and seeded synthetic blobs.
k-prototypes is checked against its definition (cost recomputed from the
labels and prototypes in numpy; every row at its nearest prototype) and,
when the peer is present, against kmodes' KPrototypes from the same init.
Profiles are checked against pandas group means / shares computed here.
"""

import json
import math
import os
import sys

import numpy as np
import pandas as pd
import pytest

import cxmetrics
from cxmetrics import native

sklearn = pytest.importorskip("sklearn")
from sklearn.cluster import KMeans  # noqa: E402
from sklearn.datasets import load_iris, load_wine  # noqa: E402
from sklearn.metrics import (adjusted_rand_score, calinski_harabasz_score,  # noqa: E402
                             davies_bouldin_score, silhouette_score)
from sklearn.preprocessing import StandardScaler  # noqa: E402

REL = 1e-9


def rel_close(got, exp, rel=REL):
    return abs(got - exp) <= rel * max(abs(exp), 1e-300)


@pytest.fixture(scope="module")
def iris():
    return np.ascontiguousarray(load_iris().data, dtype=np.float64)


@pytest.fixture(scope="module")
def wine_std():
    return np.ascontiguousarray(StandardScaler().fit_transform(load_wine().data))


def blobs(seed=7, n=300, k=4, p=3):
    rng = np.random.default_rng(seed)
    centres = rng.uniform(-10, 10, size=(k, p))
    return np.ascontiguousarray(centres[rng.integers(0, k, n)] + rng.normal(size=(n, p)))


def sk_kmeans(X, init):
    return KMeans(n_clusters=len(init), init=init, n_init=1, algorithm="lloyd", max_iter=300,
                  tol=1e-4).fit(X)


# ---- k-means ------------------------------------------------------------------

@pytest.mark.parametrize("k,rows", [(3, [0, 50, 100]), (4, [3, 60, 70, 140]), (5, [1, 2, 3, 4, 5])])
def test_kmeans_matches_sklearn_from_same_centres_iris(iris, k, rows):
    init = iris[rows]
    ours = cxmetrics.kmeans(iris, k, init=init)
    sk = sk_kmeans(iris, init)
    assert ours.labels.tolist() == sk.labels_.tolist()
    assert rel_close(ours.inertia, sk.inertia_)
    np.testing.assert_allclose(ours.model.centres, sk.cluster_centers_, rtol=REL, atol=1e-12)
    assert ours.kind == "kmeans" and ours.k == k and ours.converged
    np.testing.assert_array_equal(ours.sizes, np.bincount(sk.labels_, minlength=k))


def test_kmeans_matches_sklearn_wine_and_blobs(wine_std):
    for X, rows in ((wine_std, [0, 70, 140, 10, 100]), (blobs(), [0, 1, 2, 3])):
        init = X[rows]
        ours = cxmetrics.kmeans(X, len(rows), init=init, threads=2)
        sk = sk_kmeans(X, init)
        assert ours.labels.tolist() == sk.labels_.tolist()
        assert rel_close(ours.inertia, sk.inertia_)
        one = cxmetrics.kmeans(X, len(rows), init=init, threads=1)
        assert one.labels.tolist() == ours.labels.tolist() and one.inertia == ours.inertia


def test_kmeans_plusplus_fit_quality_and_seed(iris):
    a = cxmetrics.kmeans(iris, 3, seed=11, n_init=4)
    b = cxmetrics.kmeans(iris, 3, seed=11, n_init=4)
    assert a.labels.tolist() == b.labels.tolist() and a.inertia == b.inertia
    # the well-known optimum of k = 3 on iris (sklearn reaches the same)
    best = KMeans(n_clusters=3, n_init=10, random_state=0).fit(iris).inertia_
    assert a.inertia <= best * (1 + 1e-9)
    # the result is a fixed point: every row at its nearest centre
    d = ((iris[:, None, :] - a.model.centres[None]) ** 2).sum(-1)
    assert (d.argmin(1) == a.labels).all()


def test_minibatch_labels_are_the_final_assignment(iris):
    r = cxmetrics.kmeans(iris, 3, seed=5, batch_size=32)
    labels, cost = r.model.assign(iris, return_cost=True)
    assert labels.tolist() == r.labels.tolist()
    assert rel_close(r.inertia, float(cost.sum()))


def test_contiguous_float64_is_read_in_place(iris, monkeypatch):
    seen = []
    real = native.kmeans_fit

    def spy(n, x, n_cols, opts):
        seen.append(x)
        return real(n, x, n_cols, opts)
    monkeypatch.setattr(native, "kmeans_fit", spy)
    init = iris[[0, 50, 100]]
    a = cxmetrics.kmeans(iris, 3, init=init)
    assert np.shares_memory(seen[-1], iris)          # the caller's buffer, no copy
    fortran = np.asfortranarray(iris)
    b = cxmetrics.kmeans(fortran, 3, init=init)       # converted once
    assert not np.shares_memory(seen[-1], fortran) and seen[-1].flags.c_contiguous
    c = cxmetrics.kmeans(iris.astype(np.float32).astype(np.float64)[:, :], 3, init=init)
    ints = cxmetrics.kmeans((iris * 10).astype(np.int64), 3, init=init * 10)
    assert seen[-1].dtype == np.float64
    assert a.labels.tolist() == b.labels.tolist() == c.labels.tolist()
    assert len(ints.labels) == len(iris)
    assert a.inertia == b.inertia


def test_dataframe_numeric_columns_and_names(iris):
    names = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
    df = pd.DataFrame(iris, columns=names, index=[f"c{i}" for i in range(len(iris))])
    init = iris[[0, 50, 100]]
    r = cxmetrics.kmeans(df, init=pd.DataFrame(init, columns=names))
    sk = sk_kmeans(iris, init)
    assert r.labels.tolist() == sk.labels_.tolist()
    cen = r.centroids
    assert list(cen.columns) == names and cen.index.name == "cluster"
    np.testing.assert_allclose(cen.to_numpy(), sk.cluster_centers_, rtol=REL)
    assert r.model.names == names
    s = r.labels_series()
    assert list(s.index[:2]) == ["c0", "c1"]
    # columns= picks features
    r2 = cxmetrics.kmeans(df, 3, columns=["petal_length", "petal_width"], init=init[:, 2:])
    assert r2.labels.tolist() == sk_kmeans(iris[:, 2:], init[:, 2:]).labels_.tolist()


def test_model_json_round_trip_and_assign(iris):
    r = cxmetrics.kmeans(iris, 4, seed=3)
    text = r.model.to_json()
    doc = json.loads(text)
    assert doc["kind"] == "kmeans" and doc["k"] == 4
    m = cxmetrics.ClusterModel.from_json(text)
    np.testing.assert_array_equal(m.centres, r.model.centres)   # shortest round-trip numbers
    assert m.cost == r.inertia and m.k == 4 and m.kind == "kmeans"
    assert m.assign(iris).tolist() == r.labels.tolist()
    labels, cost = m.assign(iris[:5], return_cost=True)
    d = ((iris[:5, None, :] - m.centres[None]) ** 2).sum(-1)
    np.testing.assert_allclose(cost, d.min(1), rtol=1e-12, atol=1e-12)
    with pytest.raises(cxmetrics.ParseError):
        cxmetrics.ClusterModel.from_json(text[:40])


# ---- k-prototypes -----------------------------------------------------------------

def mixed_frame(seed=3, n=120):
    rng = np.random.default_rng(seed)
    g = rng.integers(0, 3, n)
    return pd.DataFrame({
        "spend": np.array([10.0, 50.0, 200.0])[g] + rng.normal(0, 5, n),
        "visits": np.array([1.0, 4.0, 2.0])[g] + rng.normal(0, 0.5, n),
        "channel": np.where(rng.random(n) < 0.8, np.array(["web", "store", "app"])[g], "web"),
        "tier": pd.Categorical(np.array(["bronze", "silver", "gold"])[g],
                               categories=["bronze", "silver", "gold", "platinum"]),
    })


def kproto_cost(X, codes, labels, centres, modes, gamma):
    return float(sum(((X[i] - centres[l]) ** 2).sum() + gamma * (codes[i] != modes[l]).sum()
                     for i, l in enumerate(labels)))


def test_kprototypes_from_a_dataframe():
    df = mixed_frame()
    r = cxmetrics.cluster(df, 3, seed=2)
    assert r.kind == "kprototypes"
    X = df[["spend", "visits"]].to_numpy()
    # Huang's gamma: 0.5 x the mean population standard deviation of the numbers
    assert rel_close(r.gamma, 0.5 * X.std(axis=0).mean())
    m = r.model
    assert m.names == ["spend", "visits", "channel", "tier"]
    assert m.level_names[1] == ["bronze", "silver", "gold", "platinum"]  # the categories
    channel_levels = m.level_names[0]
    assert sorted(channel_levels) == ["app", "store", "web"]
    codes = np.column_stack([[channel_levels.index(v) for v in df["channel"]],
                             df["tier"].cat.codes.to_numpy()])
    assert rel_close(r.cost, kproto_cost(X, codes, r.labels, m.centres, m.modes, r.gamma))
    labels, cost = m.assign(df, return_cost=True)
    assert labels.tolist() == r.labels.tolist()
    cen = r.centroids
    assert list(cen.columns) == ["spend", "visits", "channel", "tier"]
    plain = m.centroids(as_frame=False)          # a dict of arrays without pandas
    assert list(plain) == ["cluster", "spend", "visits", "channel", "tier"]
    np.testing.assert_array_equal(plain["spend"], cen["spend"].to_numpy())
    assert set(cen["tier"]) <= {"bronze", "silver", "gold", "platinum"}
    # JSON keeps the level texts: a new row with an unseen level is a mismatch everywhere
    m2 = cxmetrics.ClusterModel.from_json(m.to_json())
    assert m2.level_names == m.level_names
    new = pd.DataFrame({"spend": [200.0], "visits": [2.0], "channel": ["phone"], "tier": ["gold"]})
    lab, c = m2.assign(new, return_cost=True)
    d = ((np.array([200.0, 2.0]) - m.centres) ** 2).sum(1) + r.gamma * (
        1 + (m.modes[:, 1] != 2))
    assert lab[0] == int(d.argmin()) and rel_close(c[0], d.min())


def test_kprototypes_matches_kmodes_peer_from_the_same_init():
    peer = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "peers", "kmodes")
    if not os.path.isdir(peer):
        pytest.skip("the kmodes peer is not next to the project (../shared/peers/kmodes)")
    sys.path.insert(0, peer)
    try:
        from kmodes.kprototypes import KPrototypes
    finally:
        sys.path.pop(0)
    df = mixed_frame(seed=9, n=90)
    X = df[["spend", "visits"]].to_numpy()
    r0 = cxmetrics.cluster(df, 3, seed=1)
    lv = r0.model.level_names
    codes = np.column_stack([[lv[0].index(v) for v in df["channel"]], df["tier"].cat.codes]).astype(int)
    rows = [0, 1, 2]
    init_num, init_cat = X[rows], codes[rows]
    ours = cxmetrics.kprototypes(X, codes=codes, levels=[3, 4], init=(init_num, init_cat))
    kp = KPrototypes(n_clusters=3, init=[init_num, init_cat], n_init=1, gamma=ours.gamma,
                     max_iter=300).fit(np.column_stack([X, codes]).astype(object), categorical=[2, 3])
    assert ours.labels.tolist() == kp.labels_.tolist()
    assert rel_close(ours.cost, kp.cost_)


def test_kprototypes_codes_arrays_and_init_texts():
    df = mixed_frame(seed=4, n=60)
    X = df[["spend", "visits"]].to_numpy()
    a = cxmetrics.cluster(df, 2, init=(X[[0, 1]], [["web", "bronze"], ["store", "silver"]]))
    lv = a.model.level_names
    codes = np.column_stack([[lv[0].index(v) for v in df["channel"]], df["tier"].cat.codes])
    b = cxmetrics.kprototypes(X, codes=codes, levels=[len(lv[0]), 4],
                              init=(X[[0, 1]], [[lv[0].index("web"), 0], [lv[0].index("store"), 1]]))
    assert a.labels.tolist() == b.labels.tolist() and a.cost == b.cost


# ---- quality ------------------------------------------------------------------------

def test_quality_measures_match_sklearn(iris, wine_std):
    for X, k in ((iris, 3), (wine_std, 4)):
        labels = KMeans(n_clusters=k, n_init=3, random_state=1).fit(X).labels_
        assert rel_close(cxmetrics.silhouette(X, labels), silhouette_score(X, labels))
        assert rel_close(cxmetrics.davies_bouldin(X, labels), davies_bouldin_score(X, labels))
        assert rel_close(cxmetrics.calinski_harabasz(X, labels), calinski_harabasz_score(X, labels))


def test_sampled_silhouette_is_sklearns_on_our_rows(wine_std):
    labels = KMeans(n_clusters=3, n_init=3, random_state=2).fit(wine_std).labels_
    idx = cxmetrics.sample_rows(len(wine_std), 60, seed=8)
    assert len(set(idx.tolist())) == 60 and idx.min() >= 0 and idx.max() < len(wine_std)
    exp = silhouette_score(wine_std[idx], labels[idx])
    assert rel_close(cxmetrics.silhouette(wine_std, labels, sample=60, seed=8), exp)


def test_adjusted_rand_index_matches_sklearn():
    rng = np.random.default_rng(1)
    a, b = rng.integers(0, 4, 500), rng.integers(0, 3, 500)
    b[:300] = a[:300] % 3
    assert rel_close(cxmetrics.adjusted_rand_index(a, b), adjusted_rand_score(a, b))
    assert cxmetrics.adjusted_rand_index([0, 0, 1, 1], [1, 1, 0, 0]) == 1.0


def test_standardize_is_standard_scaler(wine_std):
    raw = load_wine().data
    z, means, scales = cxmetrics.standardize(raw)
    sc = StandardScaler().fit(raw)
    np.testing.assert_allclose(means, sc.mean_, rtol=1e-12)
    np.testing.assert_allclose(scales, sc.scale_, rtol=1e-12)
    np.testing.assert_allclose(z, sc.transform(raw), rtol=1e-9, atol=1e-12)
    df = pd.DataFrame(raw[:, :3], columns=["a", "b", "c"])
    zd, md, sd = cxmetrics.standardize(df)
    assert list(zd.columns) == ["a", "b", "c"] and list(md.index) == ["a", "b", "c"]
    np.testing.assert_allclose(cxmetrics.standardize_apply(df, md, sd).to_numpy(), zd.to_numpy())
    # a constant column gets scale 1
    _, _, s = cxmetrics.standardize(np.array([[1.0, 2.0], [1.0, 3.0]]))
    assert s[0] == 1.0


def test_cluster_standardize_fits_the_standardised_data(wine_std):
    raw = load_wine().data
    init = wine_std[[0, 70, 140]]
    r = cxmetrics.cluster(raw, 3, standardize=True, init=init)
    sk = sk_kmeans(wine_std, init)
    assert r.labels.tolist() == sk.labels_.tolist()
    assert rel_close(r.inertia, sk.inertia_, 1e-8)
    assert r.assign(raw).tolist() == r.labels.tolist()


# ---- choose_k, stability, profiles ------------------------------------------------

def test_choose_k_table(iris):
    t = cxmetrics.choose_k(iris, 2, 6, seed=0, references=5)
    assert t["k"].tolist() == [2, 3, 4, 5, 6]
    for k in (2, 3, 4):
        row = t[t["k"] == k].iloc[0]
        # silhouette of the fit for that k, as sklearn scores the same labels
        fit = cxmetrics.kmeans(iris, k, seed=0)
        assert rel_close(row["cost"], fit.inertia)
        assert rel_close(row["silhouette"], silhouette_score(iris, fit.labels))
    assert t.attrs["best_silhouette"] == int(t.loc[t["silhouette"].idxmax(), "k"])
    assert t.attrs["best_elbow"] in range(2, 7) and t.attrs["best_gap"] in range(2, 7)
    r = cxmetrics.cluster(iris, "auto", k_min=2, k_max=6, seed=0, references=5)
    assert r.k == t.attrs["best_silhouette"] and r.choose_k is not None


def test_stability_table(iris):
    t = cxmetrics.stability(iris, 3, samples=5, seed=1)
    assert len(t) == 3 and set(t.columns) >= {"cluster", "size", "jaccard_mean", "jaccard_min",
                                              "dissolved"}
    assert t.attrs["samples"] == 5
    assert -1.0 <= t.attrs["ari_min"] <= t.attrs["ari_mean"] <= 1.0
    assert ((0 <= t["jaccard_min"]) & (t["jaccard_min"] <= t["jaccard_mean"]) &
            (t["jaccard_mean"] <= 1)).all()
    assert t["size"].sum() == len(iris)
    assert t["cluster"].dtype == np.int64 and t["size"].dtype == np.int64  # whole numbers


def test_profiles_against_pandas():
    df = mixed_frame(seed=5, n=80)
    labels = (df["spend"] > 100).astype(int).to_numpy()
    p = cxmetrics.profiles(df, labels, ["spend", "channel"])
    assert list(p.columns[:6]) == ["cluster", "size", "share", "attribute", "statistic", "value"]
    assert p["cluster"].dtype == np.int64 and p["size"].dtype == np.int64
    for c in (0, 1):
        sub = df[labels == c]
        row = p[(p["cluster"] == c) & (p["attribute"] == "spend")].iloc[0]
        assert row["size"] == len(sub) and rel_close(row["share"], 100 * len(sub) / len(df))
        assert row["statistic"] == "mean" and rel_close(row["value"], sub["spend"].mean())
        assert rel_close(row["lift"], sub["spend"].mean() / df["spend"].mean())
        row = p[(p["cluster"] == c) & (p["attribute"] == "channel")].iloc[0]
        shares = sub["channel"].value_counts()
        assert row["statistic"] == "mode" and row["level"] == shares.index[0]
        pop = (df["channel"] == row["level"]).mean() * 100
        assert rel_close(row["level_share"], 100 * shares.iloc[0] / len(sub))
        assert rel_close(row["lift"], row["level_share"] / pop)


# ---- progress and errors ---------------------------------------------------------------

def test_progress_called_and_can_stop(iris):
    calls = []
    cxmetrics.kmeans(iris, 3, seed=1, progress=lambda s, t, v: calls.append((s, t, v)))
    assert calls and calls[0][1] == native.CLUSTER_MAX_ITERATIONS_DEFAULT
    assert all(v >= 0 for _, _, v in calls)
    with pytest.raises(cxmetrics.Cancelled):
        cxmetrics.kmeans(iris, 3, seed=1, progress=lambda s, t, v: True)

    def boom(s, t, v):
        raise KeyError("from the callback")
    with pytest.raises(KeyError):
        cxmetrics.kmeans(iris, 3, seed=1, progress=boom)


def test_progress_of_choose_k_and_stability(iris):
    for run in (lambda cb: cxmetrics.choose_k(iris, 2, 4, references=2, progress=cb),
                lambda cb: cxmetrics.stability(iris, 3, samples=3, progress=cb)):
        calls = []
        run(lambda s, t, v: calls.append((s, t, v)))
        assert calls and calls[-1][0] == calls[-1][1]
        assert [c[0] for c in calls] == list(range(1, len(calls) + 1))
        assert all(math.isnan(v) for _, _, v in calls)
        with pytest.raises(cxmetrics.Cancelled):
            run(lambda s, t, v: s >= 2)


def test_bad_input_raises_typed_errors():
    X = np.array([[0.0, 1.0], [np.nan, 2.0], [3.0, 4.0]])
    with pytest.raises(cxmetrics.NanInput, match=r"row 1, column 0"):
        cxmetrics.kmeans(X, 2)
    df = pd.DataFrame({"u": [1.0, 2.0, 3.0], "v": [1.0, np.nan, 2.0]})
    with pytest.raises(cxmetrics.NanInput, match=r"row 1, column 1 \('v'\)"):
        cxmetrics.kmeans(df, 2)
    with pytest.raises(cxmetrics.OutOfRange):
        cxmetrics.kmeans(np.array([[0.0], [np.inf], [1.0]]), 2)
    with pytest.raises(cxmetrics.TooFew):
        cxmetrics.kmeans(X[[0, 2]], 3)
    with pytest.raises(cxmetrics.EmptyInput):
        cxmetrics.kmeans(np.empty((0, 2)), 2)
    with pytest.raises(cxmetrics.InvalidArgument, match="2-D"):
        cxmetrics.kmeans(np.arange(5.0), 2)
    with pytest.raises(cxmetrics.InvalidArgument):
        cxmetrics.kmeans(X[[0, 2]], 0)
    with pytest.raises(cxmetrics.InvalidArgument):   # k and the initial centres disagree
        cxmetrics.kmeans(np.arange(8.0).reshape(4, 2), 3, init=[[0.0, 1.0], [6.0, 7.0]])
    with pytest.raises(cxmetrics.InvalidArgument):
        cxmetrics.cluster(np.arange(8.0).reshape(4, 2), "auto", init=[[0.0, 1.0], [6.0, 7.0]])
    one = pd.DataFrame({"a": [0.0, 1.0, 5.0, 6.0], "c": ["x", "x", "x", "x"]})
    with pytest.raises(cxmetrics.Inconsistent, match=r"categorical column 0 \('c'\)"):
        cxmetrics.cluster(one, 2)
    miss = pd.DataFrame({"a": [0.0, 1.0, 5.0], "c": ["x", None, "y"]})
    with pytest.raises(cxmetrics.NanInput, match=r"row 1, column 'c'"):
        cxmetrics.cluster(miss, 2)
    with pytest.raises(cxmetrics.InvalidArgument, match="no column 'zz'"):
        cxmetrics.kmeans(df, 2, columns=["u", "zz"])
    with pytest.raises(cxmetrics.InvalidArgument):
        cxmetrics.kmeans(one, 2)   # kmeans takes numbers only: 'c' is text
    with pytest.raises(cxmetrics.TooFew):
        cxmetrics.silhouette(X[[0, 2]], [0, 0])
    with pytest.raises(cxmetrics.InvalidArgument):
        cxmetrics.adjusted_rand_index([0, 1], [0, 1, 1])


# ---- plots -----------------------------------------------------------------------------

def test_plots_draw_what_the_tables_say():
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    from cxmetrics import cluster_plot
    t = pd.DataFrame({"k": [2, 3, 4], "cost": [10.0, 5.0, 4.0], "silhouette": [0.5, 0.6, 0.4],
                      "gap": [0.1, 0.3, 0.2], "gap_sd": [0.01, 0.02, 0.02]})
    t.attrs.update(best_silhouette=3, best_elbow=3, best_gap=3)
    axes = cluster_plot.plot_k_selection(t)
    assert [a.get_title() for a in axes] == ["cost (inertia) (k = 3)", "mean silhouette (k = 3)",
                                             "gap statistic (k = 3)"]
    assert axes[0].lines[0].get_ydata().tolist() == [10.0, 5.0, 4.0]
    df = mixed_frame(seed=5, n=80)
    labels = (df["spend"] > 100).astype(int).to_numpy()
    p = cxmetrics.profiles(df, labels, ["spend", "visits", "channel"])
    m, ks, cols, notes = cluster_plot.profile_lift_matrix(p)
    assert ks == [0, 1] and cols == ["spend", "visits", "channel"]
    assert rel_close(m[1, 0], df["spend"][labels == 1].mean() / df["spend"].mean())
    ax = cluster_plot.plot_profile_lift(p)
    assert len(ax.texts) == 6 and ax.images[0].get_array().shape == (2, 3)
    assert math.isclose(ax.images[0].get_array()[1, 0], math.log2(m[1, 0]))
