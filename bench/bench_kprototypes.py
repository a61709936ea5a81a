#!/usr/bin/python3
"""Speed of libcxmetrics' k-prototypes (cxm_kprototypes_fit, Huang 1998) against a
straightforward numpy implementation of the same algorithm, written here, on the same
100,000 seeded mixed rows from the same initial prototypes, in one run.

    meson setup build-bench --native-file native.ini --buildtype=release -Dpython=disabled -Druby=disabled
    ninja -C build-bench lib/libcxmetrics.so
    /usr/bin/python3 bench/bench_kprototypes.py --build build-bench

Data (generated here, seed --seed): --rows rows (100,000), 4 numeric columns around 6 centres
(normal, sd 1.5 around centres drawn with sd 3), 3 categorical columns of 3, 5 and 8 levels,
each row's level its blob's preferred one with probability 0.6, else uniform. Initial
prototypes: --k (6) distinct rows drawn with the seed. gamma: Huang's rule (0.5 x the mean
population standard deviation of the numeric columns), both sides.

The library is called through ctypes on <build>/lib/libcxmetrics.so (no binding needed),
threads=1 and threads=2 (fit option). The peer is Huang's algorithm as kmodes' KPrototypes
runs it (../shared/peers/kmodes, which the tests compare with), written with numpy the way a
user would: the prototypes from the initial assignment, then passes over the rows in order,
each row's k dissimilarities by numpy, a row that has a nearer prototype moved at once with
its two clusters' sums, level counts, means and modes updated, then a vectorised pass for
the labels and the cost; stop when nothing moved or the cost did not fall. The per-row pass
is a Python loop: the algorithm moves one row at a time and each move changes the
prototypes the next row sees, so it cannot be one array operation (a batch, Lloyd-style
pass would be a different algorithm with other results).

Timing: time.perf_counter; ours the median of --reps runs per thread count, the peer
--peer-reps runs (it takes tens of seconds). Before each run the bench waits up to
--quiet-wait s for the machine to be quiet and reports the CPUs other processes used
(benchutil.Foreign); runs above --max-foreign are left out of the median when a quiet one
exists. Peak RSS (VmHWM, reset before each block) ours and the peer's separately.

Checks in the same run: both sides give the same labels, iterations, modes, and the same
cost and centres to 1e-9 relative (the peer's vectorised cost is summed in another order).
Nothing here is a test: no exit status on speed.
"""
import argparse
import ctypes as C
import os
import statistics
import sys
import time

import numpy as np

from benchutil import Foreign, hwm_mb, must, wait_quiet

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


# ---- data ------------------------------------------------------------------------------------

def make_data(seed, n, k, p=4, levels=(3, 5, 8)):
    rng = np.random.default_rng(seed)
    blob = rng.integers(0, k, n)
    centres = rng.normal(0.0, 3.0, (k, p))
    xnum = centres[blob] + rng.normal(0.0, 1.5, (n, p))
    xcat = np.empty((n, len(levels)), dtype=np.uint32)
    for j, lv in enumerate(levels):
        pref = rng.integers(0, lv, k)
        keep = rng.random(n) < 0.6
        xcat[:, j] = np.where(keep, pref[blob], rng.integers(0, lv, n))
    rows = rng.choice(n, k, replace=False)
    must(len({tuple(r) for r in np.hstack([xnum[rows], xcat[rows]])}) == k, "distinct initial rows")
    return (np.ascontiguousarray(xnum), np.ascontiguousarray(xcat), np.asarray(levels, dtype=np.uint32),
            np.ascontiguousarray(xnum[rows]), np.ascontiguousarray(xcat[rows]))


# ---- ours, through ctypes ----------------------------------------------------------------------

class Info(C.Structure):
    _fields_ = [("version", C.c_uint), ("kind", C.c_int), ("k", C.c_size_t), ("n_cols", C.c_size_t),
                ("n_cat", C.c_size_t), ("rows", C.c_size_t), ("cost", C.c_double),
                ("gamma", C.c_double), ("iterations", C.c_uint), ("converged", C.c_uint)]


def load_lib(build):
    lib = C.CDLL(os.path.join(build, "lib", "libcxmetrics.so"))
    P, S, D, U = C.c_void_p, C.c_size_t, C.c_double, C.c_uint
    lib.cxm_kprototypes_fit.argtypes = [C.POINTER(P), P, S, P, S, S, P, S, S, P, S, P]
    lib.cxm_cluster_opts_new.argtypes = [C.POINTER(P)]
    lib.cxm_cluster_opts_free.argtypes = [P]
    lib.cxm_cluster_opts_free.restype = None
    lib.cxm_cluster_opts_set_init.argtypes = [P, P, S]
    lib.cxm_cluster_opts_set_init_modes.argtypes = [P, P, S]
    lib.cxm_cluster_opts_set_max_iterations.argtypes = [P, U]
    lib.cxm_cluster_opts_set_threads.argtypes = [P, U]
    lib.cxm_cluster_model_free.argtypes = [P]
    lib.cxm_cluster_model_free.restype = None
    lib.cxm_cluster_model_info.argtypes = [P, P]
    lib.cxm_cluster_model_centres.argtypes = [P, S, P]
    lib.cxm_cluster_model_modes.argtypes = [P, S, P]
    lib.cxm_error_last.restype = C.c_void_p
    return lib


def ptr(a):
    return a.ctypes.data_as(C.c_void_p)


def ours(lib, xnum, xcat, levels, init_num, init_cat, max_iter, threads):
    n, p = xnum.shape
    m, k = xcat.shape[1], init_cat.shape[0]
    opts = C.c_void_p()
    must(lib.cxm_cluster_opts_new(C.byref(opts)) == 0, "opts")
    must(lib.cxm_cluster_opts_set_init(opts, ptr(init_num), init_num.size) == 0, "init")
    must(lib.cxm_cluster_opts_set_init_modes(opts, ptr(init_cat), init_cat.size) == 0, "init modes")
    must(lib.cxm_cluster_opts_set_max_iterations(opts, max_iter) == 0, "max_iter")
    must(lib.cxm_cluster_opts_set_threads(opts, threads) == 0, "threads")
    labels = np.empty(n, dtype=np.uint32)
    model = C.c_void_p()
    rc = lib.cxm_kprototypes_fit(C.byref(model), ptr(labels), n, ptr(xnum), xnum.size, p, ptr(xcat),
                                 xcat.size, m, ptr(levels), m, opts)
    lib.cxm_cluster_opts_free(opts)
    must(rc == 0, "cxm_kprototypes_fit returned %d" % rc)
    info = Info(1)
    centres = np.empty((k, p))
    modes = np.empty((k, m), dtype=np.uint32)
    must(lib.cxm_cluster_model_info(C.byref(info), model) == 0, "info")
    must(lib.cxm_cluster_model_centres(ptr(centres), centres.size, model) == 0, "centres")
    must(lib.cxm_cluster_model_modes(ptr(modes), modes.size, model) == 0, "modes")
    lib.cxm_cluster_model_free(model)
    return labels, centres, modes, info.cost, info.iterations, info.gamma


# ---- the peer: Huang's algorithm with numpy ------------------------------------------------------

def huang_numpy(xnum, xcat, levels, init_num, init_cat, max_iter, seed=0):
    n, p = xnum.shape
    k, m = init_cat.shape
    levels = [int(v) for v in levels]
    gamma = 0.5 * np.mean(xnum.std(axis=0))
    rng = np.random.default_rng(seed)

    def all_dissim(cnum, ccat):
        return (((xnum[:, None, :] - cnum[None, :, :]) ** 2).sum(axis=2)
                + gamma * (xcat[:, None, :] != ccat[None, :, :]).sum(axis=2))

    # initial assignment, then prototypes from the members
    memb = all_dissim(init_num, init_cat).argmin(axis=1)
    counts = np.bincount(memb, minlength=k).astype(np.float64)
    sums = np.zeros((k, p))
    for i in range(n):          # in row order, as the sums are kept incrementally below
        sums[memb[i]] += xnum[i]
    freq = [np.zeros((k, lv)) for lv in levels]
    for j in range(m):
        np.add.at(freq[j], (memb, xcat[:, j]), 1.0)
    must(counts.min() > 0, "every initial prototype has rows")
    cnum = sums / counts[:, None]
    ccat = np.stack([freq[j].argmax(axis=1) for j in range(m)], axis=1).astype(np.uint32)
    d = all_dissim(cnum, ccat)
    cost = d.min(axis=1).sum()
    itr, labels = 0, None
    while itr < max_iter:
        itr += 1
        moves = 0
        for i in range(n):
            xi, ci = xnum[i], xcat[i]
            to = int((((cnum - xi) ** 2).sum(axis=1) + gamma * (ccat != ci).sum(axis=1)).argmin())
            fr = int(memb[i])
            if to == fr:
                continue
            moves += 1
            memb[i] = to
            sums[to] += xi
            sums[fr] -= xi
            counts[to] += 1
            counts[fr] -= 1
            for j in range(m):
                v = ci[j]
                f = freq[j]
                f[to, v] += 1
                if f[to, ccat[to, j]] < f[to, v]:
                    ccat[to, j] = v
                f[fr, v] -= 1
                if ccat[fr, j] == v:
                    ccat[fr, j] = f[fr].argmax()
            for c in (to, fr):
                cnum[c] = sums[c] / counts[c] if counts[c] else 0.0
            if counts[fr] == 0:  # refill from the largest cluster (not reached on this data)
                big = int(counts.argmax())
                r = int(rng.choice(np.flatnonzero(memb == big)))
                memb[r] = fr
                sums[fr] += xnum[r]
                sums[big] -= xnum[r]
                counts[fr] += 1
                counts[big] -= 1
                for j in range(m):
                    freq[j][fr, xcat[r, j]] += 1
                    freq[j][big, xcat[r, j]] -= 1
                    ccat[fr, j] = freq[j][fr].argmax()
                    ccat[big, j] = freq[j][big].argmax()
                for c in (fr, big):
                    cnum[c] = sums[c] / counts[c]
        d = all_dissim(cnum, ccat)
        labels = d.argmin(axis=1)
        ncost = d[np.arange(n), labels].sum()
        done = moves == 0 or ncost >= cost
        cost = ncost
        if done:
            break
    return labels.astype(np.uint32), cnum, ccat, cost, itr, gamma


# ---- timing ---------------------------------------------------------------------------------------

def rss_now_mb():
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmRSS:")) / 1024.0


def timed(fn, reps, args):
    """(median, times, foreign CPUs, all noisy, last result, peak RSS MB, RSS before MB)."""
    times, foreign, out = [], [], None
    hwm_mb(reset=True)
    before = rss_now_mb()
    for _ in range(reps):
        wait_quiet(args.max_foreign, args.quiet_wait)
        with Foreign() as f:
            t0 = time.perf_counter()
            out = fn()
            dt = time.perf_counter() - t0
        times.append(dt)
        foreign.append(f.cpus)
    quiet = [t for t, f in zip(times, foreign) if f <= args.max_foreign]
    med = statistics.median(quiet or times)
    return med, times, foreign, not quiet, out, hwm_mb(), before


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build-bench"), help="meson build dir")
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--k", type=int, default=6)
    ap.add_argument("--seed", type=int, default=20261207)
    ap.add_argument("--max-iter", type=int, default=100)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--peer-reps", type=int, default=1)
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--max-foreign", type=float, default=0.25)
    ap.add_argument("--quiet-wait", type=float, default=10.0)
    args = ap.parse_args()

    xnum, xcat, levels, init_num, init_cat = make_data(args.seed, args.rows, args.k)
    lib = load_lib(args.build)
    print("k-prototypes: %d rows, %d numeric + %d categorical columns (levels %s), k = %d, seed %d"
          % (args.rows, xnum.shape[1], xcat.shape[1], list(levels), args.k, args.seed))

    res = {}
    for t in [int(v) for v in args.threads.split(",")]:
        med, times, foreign, noisy, out, rss, before = timed(
            lambda: ours(lib, xnum, xcat, levels, init_num, init_cat, args.max_iter, t), args.reps, args)
        res[t] = (med, out)
        print("ours threads=%d: median %.4f s [%s] foreign CPUs [%s]%s; peak RSS %.1f MB (+%.1f MB over "
              "the %.1f MB before); cost %.17g, %d iterations, gamma %.17g"
              % (t, med, ", ".join("%.4f" % v for v in times), ", ".join("%.2f" % f for f in foreign),
                 "  NOISY" if noisy else "", rss, rss - before, before, out[3], out[4], out[5]))
    pmed, ptimes, pforeign, pnoisy, pout, prss, pbefore = timed(
        lambda: huang_numpy(xnum, xcat, levels, init_num, init_cat, args.max_iter), args.peer_reps, args)
    print("numpy Huang: median %.3f s [%s] foreign CPUs [%s]%s; peak RSS %.1f MB (+%.1f MB over the "
          "%.1f MB before); cost %.17g, %d iterations"
          % (pmed, ", ".join("%.3f" % v for v in ptimes), ", ".join("%.2f" % f for f in pforeign),
             "  NOISY" if pnoisy else "", prss, prss - pbefore, pbefore, pout[3], pout[4]))

    # the same algorithm: the same result
    for t, (_, out) in res.items():
        labels, centres, modes, cost, itr, gamma = out
        must(np.array_equal(labels, pout[0]), "labels equal (threads=%d)" % t)
        must(itr == pout[4], "iterations equal (threads=%d)" % t)
        must(np.array_equal(modes, pout[2]), "modes equal (threads=%d)" % t)
        must(abs(cost - pout[3]) <= 1e-9 * abs(pout[3]), "cost equal to 1e-9 (threads=%d)" % t)
        must(np.allclose(centres, pout[1], rtol=1e-9, atol=0), "centres equal to 1e-9 (threads=%d)" % t)
        must(abs(gamma - pout[5]) <= 1e-12 * pout[5], "gamma equal (threads=%d)" % t)
    print("checks: labels, iterations and modes equal; cost, centres and gamma equal to rounding")
    for t, (med, _) in res.items():
        print("ratio numpy / ours (threads=%d): %.1fx" % (t, pmed / med))
    print("process peak RSS (ru_maxrss): %.0f MB" % (
        __import__("resource").getrusage(__import__("resource").RUSAGE_SELF).ru_maxrss / 1024.0))


if __name__ == "__main__":
    sys.exit(main())
