#!/usr/bin/python3
"""Speed of libcxmetrics' sampled silhouette against scikit-learn's
silhouette_score(sample_size=10000), in one run on the same data (issue 9 item 6;
anchors §1: a 10k sample of the 1M x 8 set, scikit-learn 1.2.1, 0.86 s; goal >= 5x).

    /usr/bin/python3 bench/bench_silhouette.py --build build-bench [--reps 5] [--exact 20000]

Input: customers_1M_8.npy and its labels customers_1M_8_truth.npy (the 8 generating
segments) in $CXB_DATA (../shared/bench-data/gen_customers.py; md5s in data_md5.txt), loaded
before any timing.

Peer: silhouette_score(X, labels, sample_size=10000, random_state=0) under
threadpoolctl.threadpool_limits(2) (its BLAS threads), and limited to 1 thread for reference.
Ours: cxm_cluster_silhouette(sample = 10000, seed 0) through ctypes on
<build>/lib/libcxmetrics.so, threads = 1 and 2. Both draw the sample, check the whole input
and score the sample inside the timed call.

Checks, same run: our value equals scikit-learn's silhouette_score(X[rows], labels[rows]) on
the rows of cxm_cluster_sample_rows(1M, 10000, 0) to 1e-9; 1 and 2 threads bit-identical;
the two samples' values (different rows) differ by sampling error only (printed). With
--exact N: the exact silhouette of the first N rows against silhouette_score on them.

Timing: time.perf_counter, median of --reps runs; before each timed run the bench waits up
to --quiet-wait s for the machine to be quiet, and runs during which other processes used
more than --max-foreign CPUs are left out of the median when at least one quiet run exists.
Peak memory: the rise of VmHWM during one call of each, each in a fresh process that loaded
the data first (--peak). Nothing here is a test: no exit
status on speed.
"""
import argparse
import ctypes as C
import os
import statistics
import sys
import time

import numpy as np

from benchutil import Foreign, check, hwm_mb, must, wait_quiet

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.environ.get("CXB_DATA", os.path.expanduser("~/.cache/cx-baselines"))
ANCHOR = 0.86  # anchors §1, seconds
GOAL = 5.0
SAMPLE = 10000


class Error(C.Structure):
    _fields_ = [("code", C.c_int), ("message", C.c_char_p)]


def load_lib(build):
    lib = C.CDLL(os.path.join(build, "lib", "libcxmetrics.so"))
    vp, sz = C.c_void_p, C.c_size_t
    lib.cxm_error_last.restype = C.POINTER(Error)
    lib.cxm_cluster_silhouette.argtypes = [C.POINTER(C.c_double), vp, sz, sz, vp, sz, sz, C.c_double,
                                           vp, sz, sz, C.c_uint64, C.c_uint]
    lib.cxm_cluster_silhouette.restype = C.c_int
    lib.cxm_cluster_sample_rows.argtypes = [vp, sz, sz, sz, C.c_uint64]
    lib.cxm_cluster_sample_rows.restype = C.c_int
    return lib


def ours(lib, X, labels, sample, threads, seed=0):
    """(seconds, value)"""
    n, p = X.shape
    out = C.c_double()
    t = time.perf_counter()
    rc = lib.cxm_cluster_silhouette(C.byref(out), X.ctypes.data, X.size, p, None, 0, 0, 0.0,
                                    labels.ctypes.data, n, sample, seed, threads)
    t = time.perf_counter() - t
    check(rc, lib, "cxm_cluster_silhouette")
    return t, out.value


def sklearn_score(X, labels, sample, threads):
    from sklearn.metrics import silhouette_score
    from threadpoolctl import threadpool_limits
    with threadpool_limits(threads):
        t = time.perf_counter()
        v = silhouette_score(X, labels, sample_size=sample, random_state=0) if sample else \
            silhouette_score(X, labels)
        t = time.perf_counter() - t
    return t, v


def timed(fn, reps, args):
    """Median seconds of the quiet runs (all runs when none was quiet), the last result."""
    quiet, loud, res = [], [], None
    for _ in range(reps):
        wait_quiet(args.max_foreign, args.quiet_wait)
        with Foreign() as f:
            res = fn()
        (quiet if f.cpus <= args.max_foreign else loud).append(res[0])
    runs = quiet or loud
    return statistics.median(runs), len(quiet), res


def peak_mb(side, args):
    """The rise of VmHWM over one call in a fresh process (after loading the data there):
    clear_refs cannot reset the peak everywhere, and a peak of an earlier run would hide it."""
    import subprocess
    out = subprocess.run([sys.executable, os.path.abspath(__file__), "--build", args.build,
                          "--peak", side], capture_output=True, text=True, check=True).stdout
    return float(out.split()[-1])


def peak_child(side, args):
    X = np.load(os.path.join(DATA, "customers_1M_8.npy"))
    labels = np.load(os.path.join(DATA, "customers_1M_8_truth.npy")).astype(np.uint32)
    if side == "ours":
        lib = load_lib(args.build)
        ours(lib, X[:100], labels[:100], 50, 2)  # load the library's pages first
        base = hwm_mb()
        ours(lib, X, labels, SAMPLE, 2)
    else:
        sklearn_score(X[:100], labels[:100], 50, 2)  # import scikit-learn first
        base = hwm_mb()
        sklearn_score(X, labels, SAMPLE, 2)
    print("%.1f" % max(0.0, hwm_mb() - base))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build-bench"))
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--max-foreign", type=float, default=0.25)
    ap.add_argument("--quiet-wait", type=float, default=10.0)
    ap.add_argument("--exact", type=int, default=0, help="also the exact silhouette of the first N rows")
    ap.add_argument("--peak", choices=("ours", "sklearn"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.peak:
        peak_child(args.peak, args)
        return 0
    import sklearn
    from sklearn.metrics import silhouette_score
    lib = load_lib(args.build)
    print("scikit-learn %s, numpy %s; library %s; %d CPUs" % (sklearn.__version__, np.__version__,
          os.path.join(args.build, "lib", "libcxmetrics.so"), os.cpu_count()))
    path = os.path.join(DATA, "customers_1M_8.npy")
    if not os.path.exists(path):
        print("%s: missing (run ../shared/bench-data/gen_customers.py)" % path)
        return 0
    X = np.load(path)
    labels = np.load(os.path.join(DATA, "customers_1M_8_truth.npy")).astype(np.uint32)
    must(X.flags.c_contiguous and X.dtype == np.float64, "C-contiguous float64 input")
    n = X.shape[0]
    print("\n== sampled silhouette: %d of %d x %d rows, %d clusters ==" % (SAMPLE, n, X.shape[1],
                                                                          int(labels.max()) + 1))
    # correctness on our rows (untimed)
    rows = np.empty(SAMPLE, dtype=np.uintp)
    check(lib.cxm_cluster_sample_rows(rows.ctypes.data, SAMPLE, n, SAMPLE, 0), lib, "sample_rows")
    ref = silhouette_score(X[rows], labels[rows])
    s2, q_s2, (_, sv) = timed(lambda: sklearn_score(X, labels, SAMPLE, 2), args.reps, args)
    s1, q_s1, _ = timed(lambda: sklearn_score(X, labels, SAMPLE, 1), max(1, args.reps // 2), args)
    o2, q_o2, (_, v2) = timed(lambda: ours(lib, X, labels, SAMPLE, 2), args.reps, args)
    o1, q_o1, (_, v1) = timed(lambda: ours(lib, X, labels, SAMPLE, 1), args.reps, args)
    must(abs(v2 - ref) <= 1e-9 + 1e-9 * abs(ref),
         "ours %.17g = silhouette_score on our rows %.17g" % (v2, ref))
    must(v1 == v2, "1 and 2 threads bit-identical")
    mem_s = peak_mb("sklearn", args)
    mem_o = peak_mb("ours", args)
    print("value: ours %.15f = scikit-learn on our rows %.15f (diff %.2g); scikit-learn's own "
          "sample %.6f (another sample: diff %.2g); 1 = 2 threads bit-identical"
          % (v2, ref, v2 - ref, sv, v2 - sv))
    print("%-34s %9s %7s %10s" % ("", "seconds", "quiet", "peak MB"))
    print("%-34s %9.4f %4d/%-2d %10.1f" % ("scikit-learn, 2 threads", s2, q_s2, args.reps, mem_s))
    print("%-34s %9.4f %4d/%-2d" % ("scikit-learn, 1 thread", s1, q_s1, max(1, args.reps // 2)))
    print("%-34s %9.4f %4d/%-2d %10.1f" % ("libcxmetrics, 2 threads", o2, q_o2, args.reps, mem_o))
    print("%-34s %9.4f %4d/%-2d" % ("libcxmetrics, 1 thread", o1, q_o1, args.reps))
    print("ratio vs scikit-learn 2 threads: %.2fx on 2 threads, %.2fx on 1 (goal >= %.0fx); "
          "anchor %.2f s -> %.2fx" % (s2 / o2, s2 / o1, GOAL, ANCHOR, ANCHOR / o2))
    if args.exact:
        m = min(args.exact, n)
        Xe, le = np.ascontiguousarray(X[:m]), np.ascontiguousarray(labels[:m])
        print("\n== exact silhouette of the first %d rows ==" % m)
        se, q_se, (_, sev) = timed(lambda: sklearn_score(Xe, le, 0, 2), max(1, args.reps // 2), args)
        oe, q_oe, (_, oev) = timed(lambda: ours(lib, Xe, le, 0, 2), max(1, args.reps // 2), args)
        must(abs(oev - sev) <= 1e-9 + 1e-9 * abs(sev), "exact: ours %.17g = scikit-learn %.17g" % (oev, sev))
        print("value %.15f (scikit-learn %.15f); scikit-learn %.4f s (%d quiet), ours %.4f s (%d quiet) "
              "on 2 threads: %.2fx" % (oev, sev, se, q_se, oe, q_oe, se / oe))
    return 0


if __name__ == "__main__":
    sys.exit(main())
