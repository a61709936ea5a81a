#!/usr/bin/python3
"""Speed of libcxmetrics' key drivers (spec §19: relative weights, the exact Shapley value
of R², bootstrap intervals) against the numpy / statsmodels way a user writes it, both
timed in this run on the same data.

    PYTHONPATH=build/bindings/python /usr/bin/python3 bench/bench_drivers.py [--rows N]

Data (seeded, made here): --rows rows (default 20,000) of --numeric numeric drivers
(default 8, correlated), one categorical driver of 4 levels, and an outcome.

Peer (what a user writes without the library):
  - Shapley / LMG: statsmodels OLS(y, add_constant(X_S)).fit().rsquared for every subset
    of the players (numpy.linalg.lstsq when statsmodels is not installed), then the
    Shapley weights;
  - relative weights: numpy.corrcoef, numpy.linalg.eigh, Λ = V diag(√w) V', β = Λ⁻¹ r;
  - bootstrap: the same on rows resampled with numpy (default_rng(1).integers); timed on
    --peer-reps replicates and scaled to --bootstrap (it is linear in them).
Ours: cxmetrics.key_drivers (one C call: one pass for the correlation matrix, every
subset's R² from it by Cholesky, the bootstrap on both cores), point estimates alone
(--bootstrap 0) and with --bootstrap replicates on 1 and on 2 threads.
Checks, same run: our Shapley values and relative weights equal the peer's within 1e-9.

Timing: time.perf_counter, median of --reps runs after one untimed warm-up, each after a
wait of up to --quiet-wait s for a quiet machine; "other CPUs" is what other processes
used. Nothing here is a test: no exit status on speed.
"""
import argparse
import itertools
import statistics
import time
from math import factorial

import numpy as np

import cxmetrics
from benchutil import Foreign, hwm_mb, must, wait_quiet

try:
    import statsmodels.api as sm
except ImportError:  # pragma: no cover
    sm = None


def make_data(rows, numeric, seed=20261207):
    rng = np.random.default_rng(seed)
    base = rng.normal(size=rows)
    cols = {}
    for j in range(numeric):
        cols[f"x{j}"] = 0.4 * base + rng.normal(size=rows)
    g = rng.choice(np.array(["a", "b", "c", "d"], dtype=object), size=rows, p=[0.4, 0.3, 0.2, 0.1])
    y = sum((0.5 / (j + 1)) * cols[f"x{j}"] for j in range(numeric)) + np.where(g == "b", 0.3, 0.0) + \
        rng.normal(size=rows)
    cols["g"] = g
    cols["y"] = y
    return cols


def design(cols, players):
    out = {}
    for p in players:
        v = cols[p]
        if v.dtype.kind == "f":
            out[p] = v[:, None]
        else:
            levels, counts = np.unique(v, return_counts=True)
            ref = levels[np.argmax(counts)]
            out[p] = np.column_stack([(v == lv).astype(float) for lv in levels if lv != ref])
    return out


def r2_ols(y, X):
    if sm is not None:
        return sm.OLS(y, sm.add_constant(X, has_constant="add")).fit().rsquared
    A = np.column_stack([np.ones(len(y)), X])
    e = y - A @ np.linalg.lstsq(A, y, rcond=None)[0]
    return 1.0 - e @ e / ((y - y.mean()) @ (y - y.mean()))


def peer(cols, players, idx=None):
    """(shapley, relative weights) the way a user writes them."""
    y = cols["y"] if idx is None else cols["y"][idx]
    X = design(cols, players)
    if idx is not None:
        X = {k: v[idx] for k, v in X.items()}
    p = len(players)
    r2 = {frozenset(): 0.0}
    for k in range(1, p + 1):
        for S in itertools.combinations(players, k):
            r2[frozenset(S)] = r2_ols(y, np.column_stack([X[s] for s in S]))
    phi = []
    for j in players:
        others = [q for q in players if q != j]
        phi.append(sum(factorial(k) * factorial(p - k - 1) / factorial(p) * (r2[frozenset(S) | {j}] - r2[frozenset(S)])
                       for k in range(p) for S in itertools.combinations(others, k)))
    Z = np.column_stack([X[q] for q in players])
    owner = [q for q in players for _ in range(X[q].shape[1])]
    R = np.corrcoef(np.column_stack([y, Z]), rowvar=False)
    w, V = np.linalg.eigh(R[1:, 1:])
    lam = V @ np.diag(np.sqrt(w)) @ V.T
    eps = (lam ** 2) @ (np.linalg.solve(lam, R[1:, 0]) ** 2)
    rw = [sum(e for e, o in zip(eps, owner) if o == q) for q in players]
    return np.array(phi), np.array(rw)


def timed(fn, reps, quiet_wait):
    fn()  # warm-up
    times, other = [], []
    for _ in range(reps):
        wait_quiet(0.2, quiet_wait)
        with Foreign() as f:
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        other.append(f.cpus)
    return statistics.median(times), max(other)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=20000)
    ap.add_argument("--numeric", type=int, default=8)
    ap.add_argument("--bootstrap", type=int, default=200)
    ap.add_argument("--peer-reps", type=int, default=5, help="bootstrap replicates the peer is timed on")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--quiet-wait", type=float, default=5.0)
    a = ap.parse_args()

    cols = make_data(a.rows, a.numeric)
    players = [f"x{j}" for j in range(a.numeric)] + ["g"]
    print(f"{a.rows} rows, {len(players)} players ({a.numeric} numeric, 1 categorical of 4 levels), "
          f"{2 ** len(players)} subsets; peer R² by {'statsmodels OLS' if sm else 'numpy lstsq'}")

    # the same numbers first
    ours = cxmetrics.key_drivers(cols, "y", players, bootstrap=0)
    phi, rw = peer(cols, players)
    must(np.allclose(ours.table["shapley"], phi, rtol=0, atol=1e-9), "Shapley values equal the peer's")
    must(np.allclose(ours.table["relative_weight"], rw, rtol=0, atol=1e-9), "relative weights equal the peer's")

    hwm_mb(reset=True)
    t_ours0, o1 = timed(lambda: cxmetrics.key_drivers(cols, "y", players, bootstrap=0), a.reps, a.quiet_wait)
    rss_ours = hwm_mb()
    t_ours1, o2 = timed(lambda: cxmetrics.key_drivers(cols, "y", players, bootstrap=a.bootstrap, threads=1),
                        a.reps, a.quiet_wait)
    t_ours2, o3 = timed(lambda: cxmetrics.key_drivers(cols, "y", players, bootstrap=a.bootstrap, threads=2),
                        a.reps, a.quiet_wait)
    t_peer0, o4 = timed(lambda: peer(cols, players), 1, a.quiet_wait)
    rng = np.random.default_rng(1)

    def peer_boot():
        for _ in range(a.peer_reps):
            peer(cols, players, rng.integers(0, a.rows, a.rows))

    t_peerb, o5 = timed(peer_boot, 1, a.quiet_wait)
    t_peerB = t_peer0 + t_peerb * a.bootstrap / a.peer_reps

    print(f"{'':44} {'time':>10} {'vs peer':>9} {'other CPUs':>10}")
    print(f"{'peer point estimates':44} {t_peer0:10.3f}s {'':>9} {o4:10.2f}")
    print(f"{'ours point estimates':44} {t_ours0:10.4f}s {t_peer0 / t_ours0:8.0f}x {o1:10.2f}")
    print(f"{'peer + bootstrap %d (scaled from %d)' % (a.bootstrap, a.peer_reps):44} {t_peerB:10.1f}s {'':>9} {o5:10.2f}")
    print(f"{'ours + bootstrap %d, 1 thread' % a.bootstrap:44} {t_ours1:10.3f}s {t_peerB / t_ours1:8.0f}x {o2:10.2f}")
    print(f"{'ours + bootstrap %d, 2 threads' % a.bootstrap:44} {t_ours2:10.3f}s {t_peerB / t_ours2:8.0f}x {o3:10.2f}")
    print(f"peak RSS of this process during ours (point estimates): {rss_ours:.0f} MB")


if __name__ == "__main__":
    main()
