"""Cluster quality (spec §14.4-§14.7) recomputed independently in Python:

- the seeded sample: cxmetrics.sample_rows equals a Python transcription of the
  library's generator and Algorithm S (tests/unit/gen_cluster_quality.py), and
  the sampled silhouette is scikit-learn's silhouette_score on those rows;
- silhouette / Davies-Bouldin / Calinski-Harabasz of mixed data against a
  brute-force numpy computation over every pair (the same script);
- the silhouette, DB and CH of numeric data against scikit-learn on data
  whose rows have large norms and duplicates, and the same for any thread count;
- choose_k's elbow and gap recomputed here from the costs and from reference
  sets drawn by the Python transcription of the generator and fitted with
  cxmetrics.kmeans;
- stability recomputed here: the bootstrap rows drawn by the transcription,
  fits by cxmetrics.kmeans, Jaccard with multiplicity as fpc::clusterboot,
  ARI by scikit-learn's adjusted_rand_score.
"""

import importlib.util
import math
import os

import numpy as np
import pytest

import cxmetrics

sklearn = pytest.importorskip("sklearn")
from sklearn.datasets import load_iris  # noqa: E402
from sklearn.metrics import (adjusted_rand_score, calinski_harabasz_score,  # noqa: E402
                             davies_bouldin_score, silhouette_score)

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location(
    "gen_cluster_quality", os.path.join(HERE, "..", "unit", "gen_cluster_quality.py"))
gen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gen)

M64 = (1 << 64) - 1
STREAM_GAP = 0x6A900000
STREAM_BOOT = 0xB0070000


def close(got, exp, tol=1e-9):
    return abs(got - exp) <= tol + tol * abs(exp)


def below(r, n):
    """cxm__rng_below: Lemire's unbiased multiply-shift."""
    x = r.next()
    m = x * n
    lo = m & M64
    if lo < n:
        t = ((1 << 64) - n) % n
        while lo < t:
            x = r.next()
            m = x * n
            lo = m & M64
    return m >> 64


def blobs(n=240, seed=4):
    rng = np.random.default_rng(seed)
    centres = np.array([[0, 0], [10, 0], [0, 10], [10, 10]], float)
    g = np.arange(n) % 4
    return centres[g] + rng.normal(0, 0.6, (n, 2)), g


@pytest.fixture(scope="module")
def iris():
    d = load_iris()
    return np.ascontiguousarray(d.data, dtype=float), d.target


@pytest.mark.parametrize("rows,size,seed", [(150, 60, 7), (150, 100, 2026), (100000, 500, 3), (10, 10, 1)])
def test_sample_rows_is_the_transcribed_algorithm(rows, size, seed):
    got = cxmetrics.sample_rows(rows, size, seed)
    assert got.tolist() == gen.sample_rows(rows, size, seed)


def test_sampled_silhouette_on_our_rows(iris):
    X, y = iris
    for size, seed in ((40, 0), (75, 11), (149, 5)):
        idx = cxmetrics.sample_rows(len(X), size, seed)
        want = silhouette_score(X[idx], y[idx])
        assert close(cxmetrics.silhouette(X, y, sample=size, seed=seed), want)


def test_numeric_measures_large_norms_duplicates_and_threads():
    rng = np.random.default_rng(9)
    X = rng.normal(0, 1, (700, 5)) * [1, 10, 100, 0.1, 1] + [1000, -50, 3e4, 0, 7]
    X[100:140] = X[100]  # duplicates, inside one cluster and across
    y = (np.arange(700) * 7) % 5
    y[100:120] = 2
    want = silhouette_score(X, y)
    for threads in (1, 2, 3):
        assert close(cxmetrics.silhouette(X, y, threads=threads), want)
    assert close(cxmetrics.calinski_harabasz(X, y), calinski_harabasz_score(X, y))
    # Davies-Bouldin: scikit-learn forms the distances to the centres as
    # ||x||^2 - 2 x.c + ||c||^2, which loses ~1e-8 here (norms ~3e4, spread ~1);
    # the library subtracts first (spec §14.4): compare with the same formula
    # in long double, and with scikit-learn at its own accuracy
    Xl = X.astype(np.longdouble)
    cen = np.array([Xl[y == c].mean(axis=0) for c in range(5)])
    S = np.array([np.sqrt(((Xl[y == c] - cen[c]) ** 2).sum(axis=1)).mean() for c in range(5)])
    M = np.sqrt(((cen[:, None, :] - cen[None, :, :]) ** 2).sum(axis=2))
    db = float(np.mean([max((S[i] + S[j]) / M[i, j] for j in range(5) if j != i) for i in range(5)]))
    assert close(cxmetrics.davies_bouldin(X, y), db, 1e-11)
    assert close(cxmetrics.davies_bouldin(X, y), davies_bouldin_score(X, y), 1e-7)
    a = rng.integers(0, 6, 700)
    assert close(cxmetrics.adjusted_rand_index(a, y), adjusted_rand_score(a, y))


def test_mixed_measures_against_brute_force():
    rng = np.random.default_rng(21)
    n = 90
    x = rng.normal(0, 1, (n, 3))
    codes = rng.integers(0, 4, (n, 2)).astype(np.uint32)
    y = rng.integers(0, 3, n)
    x[y == 1] += 2
    codes[y == 2, 0] = 3
    gamma = 0.8
    sil, db, ch = gen.mixed_refs(x, codes, gamma, y)
    assert close(cxmetrics.silhouette(x, y, codes=codes, gamma=gamma), sil)
    assert close(cxmetrics.davies_bouldin(x, y, codes=codes, gamma=gamma), db)
    assert close(cxmetrics.calinski_harabasz(x, y, codes=codes, gamma=gamma), ch)


def test_choose_k_elbow_and_gap_recomputed():
    X, _ = blobs()
    seed, refs, k_min, k_max = 3, 6, 2, 6
    t = cxmetrics.choose_k(X, k_min, k_max, seed=seed, references=refs)
    ks = list(range(k_min, k_max + 1))
    cost = np.asarray(t["cost"], float)
    # costs are the fits at each k with the same seed
    for i, k in enumerate(ks):
        assert close(cost[i], cxmetrics.kmeans(X, k, seed=seed).inertia)
    # the elbow: farthest point below the chord of the normalised curve
    y = (cost - cost.min()) / (cost.max() - cost.min())
    x = (np.array(ks) - k_min) / (k_max - k_min)
    below_chord = (y[0] + (y[-1] - y[0]) * x) - y
    assert t.attrs["best_elbow"] == ks[int(np.argmax(below_chord))] == 4
    # the gap: uniform references over the bounding box, stream 0x6a900000 + b
    lo, hi = X.min(axis=0), X.max(axis=0)
    logw = np.empty((refs, len(ks)))
    for b in range(refs):
        r = gen.Rng(seed, STREAM_GAP + b)
        ref = np.array([[lo[j] + (hi[j] - lo[j]) * r.uniform() for j in range(2)] for _ in range(len(X))])
        for i, k in enumerate(ks):
            logw[b, i] = math.log(cxmetrics.kmeans(ref, k, seed=seed).inertia)
    gap = logw.mean(axis=0) - np.log(cost)
    s = logw.std(axis=0) * math.sqrt(1 + 1 / refs)
    assert all(close(a, b) for a, b in zip(t["gap"], gap))
    assert all(close(a, b) for a, b in zip(t["gap_sd"], s))
    best = next((k for i, k in enumerate(ks[:-1]) if gap[i] >= gap[i + 1] - s[i + 1]), k_max)
    assert t.attrs["best_gap"] == best == 4
    assert t.attrs["best_silhouette"] == 4


def test_stability_recomputed():
    X, _ = blobs(160, 8)
    X[:40] += np.random.default_rng(1).normal(0, 3, (40, 2))  # some overlap
    seed, k, samples = 2, 4, 5
    t = cxmetrics.stability(X, k, samples=samples, seed=seed)
    ref = cxmetrics.kmeans(X, k, seed=seed).labels
    n = len(X)
    jac = np.zeros((k, samples))
    aris = []
    for b in range(samples):
        r = gen.Rng(seed, STREAM_BOOT + b)
        idx = np.array([below(r, n) for _ in range(n)])
        fit = cxmetrics.kmeans(X[idx], k, seed=seed)
        lb = np.asarray(fit.labels)
        for c in range(k):
            inc = ref[idx] == c
            best = 0.0
            if inc.any():
                for d in range(k):
                    ind = lb == d
                    best = max(best, (inc & ind).sum() / (inc | ind).sum())
            jac[c, b] = best
        aris.append(adjusted_rand_score(ref, fit.assign(X)))
    assert np.allclose(np.asarray(t["jaccard_mean"]), jac.mean(axis=1), rtol=1e-12, atol=1e-12)
    assert np.allclose(np.asarray(t["jaccard_min"]), jac.min(axis=1), rtol=1e-12, atol=1e-12)
    assert np.asarray(t["dissolved"]).tolist() == (jac < 0.5).sum(axis=1).tolist()
    assert np.asarray(t["recovered"]).tolist() == (jac > 0.75).sum(axis=1).tolist()
    assert close(t.attrs["ari_mean"], float(np.mean(aris)))
    assert close(t.attrs["ari_sd"], float(np.std(aris, ddof=1)))
    assert close(t.attrs["ari_min"], float(np.min(aris)))
    assert np.asarray(t["size"]).tolist() == np.bincount(ref, minlength=k).tolist()


def test_bad_input_names_row_and_column(iris):
    X, y = iris
    X = X.copy()
    X[5, 2] = np.nan
    with pytest.raises(cxmetrics.NanInput, match="row 5, column 2"):
        cxmetrics.silhouette(X, y)
    with pytest.raises(cxmetrics.TooFew):
        cxmetrics.davies_bouldin(iris[0], np.zeros(150, dtype=np.uint32))
    gap = iris[1].copy()
    gap[gap == 1] = 2
    with pytest.raises(cxmetrics.InvalidArgument, match="label 1 has no row"):
        cxmetrics.calinski_harabasz(iris[0], gap)
