#!/usr/bin/python3
"""Speed of the personas' demographics and identifiers (cxm__persona_describe, spec §15.2 and
§15.5) against a straightforward pandas + scipy implementation of the same, on one seeded
1M-customer mixed table.

    meson compile -C build cxb_persona lib/libcxmetrics.so
    /usr/bin/python3 bench/bench_personas.py [--build build] [--rows 1000000] [--rounds 3]

The table (numpy default_rng(--seed)): 6 segments; gender (3 levels and missing), city (200
levels, Zipf-like, segment 2 over-represents Lyon), job (30), education (5), channel (4),
device (3); age, income (3% missing) and spend (log-normal). Both sides start from the same
arrays: integer codes with the levels (pandas: categorical columns, missing as NaN) and
float64 columns.

The rival, per categorical column: pd.crosstab(segment, column) → shares, population shares,
lift, difference, Austin's standardised difference and the pooled two-proportion z test
(scipy.stats.norm.sf), cells under min_n masked; per numeric column: groupby count / mean /
std / median / quantile(0.25, 0.75), the population's, and per segment
scipy.stats.ttest_ind(segment, rest, equal_var=False); then Benjamini-Hochberg in numpy over
every test, q <= fdr, ranked by |std_difference|, at most 8 per segment. (Its privacy is only
the cells under min_n; ours also withholds what would give them away, spec §15.5.)

The library is called through ctypes on <build>/bench/libcxb_persona.so (bench/persona_shim.c:
the internal function behind a few exports, linked with the library's objects). Each round
times the rival, then ours (1 thread, then 2); medians over rounds; peak RSS above the data
(malloc_trim, then VmHWM reset before each call). Rounds during which other processes used more than
--max-foreign CPUs are dropped (shared machine). Checks: ours agrees with the rival on every
identifier both keep (shares, lift, standardised difference to 1e-9 relative; p to 1e-6
relative where p > 1e-250) and on every numeric statistic. Nothing here is a test.
"""
import argparse
import ctypes as C
import os
import statistics
import time

import numpy as np
import pandas as pd
from scipy import stats

from benchutil import Foreign, hwm_mb, must, wait_quiet

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
K = 6
MIN_N = 10
FDR = 0.05
MOST = 8


# ---- data ------------------------------------------------------------------------------------

def make_data(seed, n):
    rng = np.random.default_rng(seed)
    seg = rng.integers(0, K, n).astype(np.uint32)
    cats = {}

    def cat(name, levels, probs_by_seg):
        u = rng.random(n)
        cum = np.cumsum(probs_by_seg, axis=1)[seg]
        codes = (u[:, None] > cum).sum(axis=1).astype(np.uint32)
        cats[name] = (np.minimum(codes, len(levels) - 1).astype(np.uint32), levels)

    def base(nl, skew):
        w = 1.0 / np.arange(1, nl + 1) ** skew
        return w / w.sum()

    g = np.tile([0.49, 0.48, 0.01, 0.02], (K, 1))
    g[3] = [0.75, 0.22, 0.01, 0.02]
    cat("gender", ["female", "male", "nonbinary", ""], g)
    cities = ["Paris", "Lyon"] + ["City%03d" % i for i in range(197)] + [""]
    p = np.tile(np.append(base(199, 1.1) * 0.98, 0.02), (K, 1))
    p[2, 1] += 0.15
    p[2] /= p[2].sum()
    cat("city", cities, p)
    cat("job", ["Job%02d" % i for i in range(30)], np.tile(base(30, 0.8), (K, 1)))
    cat("education", ["Basic", "2n Cycle", "Graduation", "Master", "PhD"],
        rng.dirichlet(np.full(5, 8.0), K))
    cat("channel", ["web", "store", "app", "phone"], rng.dirichlet(np.full(4, 6.0), K))
    cat("device", ["mobile", "desktop", "tablet"], rng.dirichlet(np.full(3, 6.0), K))
    nums = {
        "age": np.round(rng.normal(45, 14, n) + seg * 1.5, 0),
        "income": np.round(rng.normal(52000, 18000, n) + (seg == 1) * 9000.0, 2),
        "spend": np.round(rng.lognormal(5.0 + 0.05 * seg, 0.8, n), 2),
    }
    nums["income"][rng.random(n) < 0.03] = np.nan
    return seg, cats, nums


# ---- ours, through ctypes ----------------------------------------------------------------------

def load(build):
    lib = C.CDLL(os.path.join(build, "bench", "libcxb_persona.so"))
    P, S, D = C.c_void_p, C.c_size_t, C.c_double
    lib.cxb_persona_describe.restype = P
    lib.cxb_persona_describe.argtypes = [S, P, S, S, P, P, P, P, P, S, D, S, C.c_uint]
    lib.cxb_persona_free.argtypes = [P]
    lib.cxb_persona_free.restype = None
    lib.cxb_persona_identifiers.argtypes = [P, S]
    lib.cxb_persona_identifiers.restype = S
    lib.cxb_persona_identifier.argtypes = [P, S, S, C.POINTER(C.c_char_p), C.POINTER(C.c_char_p), P]
    lib.cxb_persona_identifier.restype = None
    lib.cxb_persona_numeric.argtypes = [P, S, S, P]
    lib.cxb_persona_numeric.restype = None
    return lib


class Ours:
    def __init__(self, lib, seg, cats, nums):
        self.lib, self.seg = lib, seg
        names, xs, codes, levels, nl = [], [], [], [], []
        self.keep = []
        for name, (c, lv) in cats.items():
            arr = (C.c_char_p * len(lv))(*[s.encode() for s in lv])
            self.keep.append(arr)
            names.append(name.encode())
            xs.append(None)
            codes.append(c.ctypes.data)
            levels.append(C.cast(arr, C.c_void_p).value)
            nl.append(len(lv))
        for name, x in nums.items():
            names.append(name.encode())
            xs.append(x.ctypes.data)
            codes.append(None)
            levels.append(None)
            nl.append(0)
        self.n_cols = len(names)
        self.names = (C.c_char_p * self.n_cols)(*names)
        self.xs = (C.c_void_p * self.n_cols)(*xs)
        self.codes = (C.c_void_p * self.n_cols)(*codes)
        self.levels = (C.c_void_p * self.n_cols)(*levels)
        self.nl = (C.c_size_t * self.n_cols)(*nl)
        self.n_cat = len(cats)

    def run(self, threads):
        s = self.lib.cxb_persona_describe(K, self.seg.ctypes.data, self.seg.size, self.n_cols, self.names,
                                          self.xs, self.codes, self.levels, self.nl, MIN_N, FDR, MOST, threads)
        must(s, "cxb_persona_describe failed")
        return s

    def identifiers(self, s):
        out = {}
        a, v, x = C.c_char_p(), C.c_char_p(), np.empty(7)
        for p in range(K):
            for i in range(self.lib.cxb_persona_identifiers(s, p)):
                self.lib.cxb_persona_identifier(s, p, i, C.byref(a), C.byref(v), x.ctypes.data)
                out[(p, a.value.decode(), v.value.decode())] = (i, x.copy())
        return out

    def numeric(self, s, j):
        x = np.empty(9)
        rows = []
        for p in range(K):
            self.lib.cxb_persona_numeric(s, p, self.n_cat + j, x.ctypes.data)
            rows.append(x.copy())
        return np.array(rows)


# ---- the rival: pandas + scipy -----------------------------------------------------------------

def make_frame(seg, cats, nums):
    d = {"segment": seg}
    for name, (c, lv) in cats.items():
        codes = np.where(np.array(lv)[c] == "", -1, c.astype(np.int64))
        d[name] = pd.Categorical.from_codes(codes, categories=[l if l else "(missing)" for l in lv])
    for name, x in nums.items():
        d[name] = x
    return pd.DataFrame(d)


def rival(df, cat_names, num_names):
    seg = df["segment"]
    tests = []  # persona, attribute index, attribute, value, share, pop_share, lift, diff, std, p
    numeric = {}
    for j, c in enumerate(cat_names):
        ct = pd.crosstab(seg, df[c]).astype(float)
        ct = ct.loc[:, ct.sum(0) > 0]
        popc = ct.sum(0)
        N = popc.sum()
        n_s = ct.sum(1)
        ps = ct.div(n_s, axis=0)
        n_r = N - n_s
        pr = (popc - ct).div(n_r, axis=0)
        P = popc / N
        se = np.sqrt(np.outer(1 / n_s + 1 / n_r, P * (1 - P)))
        z = (ps - pr) / se
        pv = 2 * stats.norm.sf(np.abs(z.values))
        std = (ps - pr) / np.sqrt((ps * (1 - ps) + pr * (1 - pr)) / 2)
        share = 100 * ps
        pshare = 100 * P
        shown = (ct >= MIN_N) & (popc >= MIN_N)
        for s in range(K):
            for l, lv in enumerate(ct.columns):
                if shown.iat[s, l]:
                    sh, psh = share.iat[s, l], pshare.iat[l]
                    tests.append((s, j, c, str(lv), sh, psh, sh / psh, sh - psh, std.iat[s, l], pv[s, l]))
    for j, c in enumerate(num_names):
        g = df.groupby("segment")[c]
        agg = g.agg(["count", "mean", "std", "median"])
        q = g.quantile([0.25, 0.75]).unstack()
        col = df[c]
        pm, psd, pmed = col.mean(), col.std(), col.median()
        numeric[c] = np.column_stack([agg["count"], agg["mean"], agg["std"], agg["median"], q[0.25], q[0.75],
                                      np.full(K, pm), np.full(K, psd), np.full(K, pmed)])
        for s in range(K):
            a = col[seg == s].dropna().values
            b = col[seg != s].dropna().values
            if a.size < MIN_N:
                continue
            t = stats.ttest_ind(a, b, equal_var=False)
            std = (a.mean() - b.mean()) / np.sqrt((a.var(ddof=1) + b.var(ddof=1)) / 2)
            am = a.mean()
            tests.append((s, len(cat_names) + j, c, "higher" if am > b.mean() else "lower", am, pm, am / pm,
                          am - pm, std, t.pvalue))
    p = np.array([t[9] for t in tests])
    m = p.size
    o = np.argsort(p, kind="stable")
    qv = np.empty(m)
    qv[o] = np.minimum(1, np.minimum.accumulate((p[o] * m / np.arange(1, m + 1))[::-1])[::-1])
    kept = {}
    for s in range(K):
        idx = [i for i in range(m) if tests[i][0] == s and qv[i] <= FDR]
        idx.sort(key=lambda i: (-np.round(abs(tests[i][8]) * 1e9), tests[i][1]))
        for r, i in enumerate(idx[:MOST]):
            kept[(s, tests[i][2], tests[i][3])] = (r, np.array(list(tests[i][4:10]) + [qv[i]]))
    alltests = {(t[0], t[2], t[3]): np.array(list(t[4:10]) + [qv[i]]) for i, t in enumerate(tests)}
    return kept, alltests, numeric


# ---- the run -----------------------------------------------------------------------------------

def close(a, b, rel):
    return abs(a - b) <= rel * abs(b) or (np.isinf(a) and np.isinf(b) and np.sign(a) == np.sign(b))


LIBC = C.CDLL("libc.so.6")


def timed(fn):
    """Seconds and peak RSS above the RSS at the start, in MB: free heap memory is given back
    first (malloc_trim), else a call would reuse pages the previous one left resident and
    seem to need none; then VmHWM is reset."""
    LIBC.malloc_trim(0)
    hwm_mb(reset=True)
    start = hwm_mb()
    t0 = time.perf_counter()
    fn()
    t = time.perf_counter() - t0
    return t, hwm_mb() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=20261207)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--max-foreign", type=float, default=0.5)
    ap.add_argument("--quiet-wait", type=float, default=20.0)
    args = ap.parse_args()

    seg, cats, nums = make_data(args.seed, args.rows)
    df = make_frame(seg, cats, nums)
    lib = load(args.build)
    ours = Ours(lib, seg, cats, nums)
    cat_names, num_names = list(cats), list(nums)

    # correctness, once
    kept, alltests, numeric = rival(df, cat_names, num_names)
    s = ours.run(1)
    mine = ours.identifiers(s)
    for key, (rank, x) in mine.items():
        must(key in alltests, "our identifier %s is one of the rival's tests" % (key,))
        y = alltests[key]
        for f in (0, 1, 2, 4):
            must(close(x[f], y[f], 1e-9), "%s field %d: %r vs %r" % (key, f, x[f], y[f]))
        if y[5] > 1e-250:
            must(close(x[5], y[5], 1e-6), "%s p: %r vs %r" % (key, x[5], y[5]))
    for j, c in enumerate(num_names):
        got, want = ours.numeric(s, j), numeric[c]
        must(np.allclose(got, want, rtol=1e-9, atol=0), "numeric %s:\n%s\n%s" % (c, got, want))
    same = sum(1 for k in mine if k in kept)
    two = ours.run(2)
    must(ours.identifiers(two).keys() == mine.keys(), "2 threads: the same identifiers")
    lib.cxb_persona_free(two)
    top2 = [k for k, (r, _) in mine.items() if k[0] == 2 and r == 0]
    print("rows %d, %d categorical + %d numeric columns, %d segments; identifiers: ours %d, rival %d, "
          "both %d; segment 2's top: %s" % (args.rows, len(cats), len(nums), K, len(mine), len(kept), same, top2))
    lib.cxb_persona_free(s)

    times = {"rival": [], "ours 1 thread": [], "ours 2 threads": []}
    mem = {k: 0.0 for k in times}
    foreign = []
    for _ in range(args.rounds):
        wait_quiet(args.max_foreign, args.quiet_wait)
        with Foreign() as f:
            tr, mr = timed(lambda: rival(df, cat_names, num_names))
            t1, m1 = timed(lambda: lib.cxb_persona_free(ours.run(1)))
            t2, m2 = timed(lambda: lib.cxb_persona_free(ours.run(2)))
        if f.cpus > args.max_foreign:
            print("round dropped: other processes used %.2f CPUs" % f.cpus)
            continue
        foreign.append(f.cpus)
        for k, t, m in (("rival", tr, mr), ("ours 1 thread", t1, m1), ("ours 2 threads", t2, m2)):
            times[k].append(t)
            mem[k] = max(mem[k], m)
    if not times["rival"]:
        raise SystemExit("every round was dropped: the machine was busy")
    med = {k: statistics.median(v) for k, v in times.items()}
    print("rounds kept %d; other processes used %.2f CPUs (median) meanwhile" % (len(foreign),
                                                                            statistics.median(foreign)))
    for k in times:
        print("%-15s %8.3f s  (%d rounds)  peak RSS above the data %7.1f MB  rival / this %6.2fx" %
              (k, med[k], len(times[k]), mem[k], med["rival"] / med[k]))


if __name__ == "__main__":
    main()
