#!/usr/bin/python3
"""Speed of libcxmetrics' k-means against scikit-learn's KMeans, from the same initial
centres, in one run on the same data (issue 9 item 6; anchors §1: 1M x 8, k = 8,
scikit-learn 1.2.1 on 2 threads 0.68 s, inertia 3565065.558...; 100k x 16, k = 16, 0.10 s).

    /usr/bin/python3 bench/bench_kmeans.py --build build-bench [--reps 5]

Inputs: customers_1M_8.npy and customers_100k_16.npy in $CXB_DATA (../shared/bench-data/
gen_customers.py; md5s in data_md5.txt), loaded before any timing. The initial centres are
sklearn.cluster.kmeans_plusplus(X, k, random_state=0), handed to both sides.

Peer: KMeans(n_clusters=k, init=<centres>, n_init=1, algorithm="lloyd") (tol 1e-4,
max_iter 300 on both sides) under threadpoolctl.threadpool_limits(2) (its OpenMP and BLAS
threads), and limited to 1 thread for reference. Ours: cxm_kmeans_fit through ctypes on
<build>/lib/libcxmetrics.so with the same centres, threads = 1 and 2 (fit option).

Checks, same run: labels equal to scikit-learn's, inertia within 1e-6 relative, the same
iteration count; 1 and 2 threads give bit-identical centres, inertia and labels. Also
timed: the whole fit with our k-means++ seeding (other draws than scikit-learn's, so only
the time and the inertia ratio are shown).

Timing: time.perf_counter, median of --reps runs; before each timed run the bench waits up
to --quiet-wait s for the machine to be quiet, and runs during which other processes used
more than --max-foreign CPUs are left out of the median when at least one quiet run exists.
Peak memory: the rise of the peak RSS over the RSS with the data loaded, for one 2-thread fit
of each, in a fresh child process (ours allocates the labels and per-chunk sums; scikit-learn
copies and centres X). Nothing here is a test: no exit status on speed.
"""
import argparse
import ctypes as C
import os
import statistics
import sys
import time

import numpy as np

from benchutil import Foreign, check, must, wait_quiet

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.environ.get("CXB_DATA", os.path.expanduser("~/.cache/cx-baselines"))
CASES = (("customers_1M_8", 8, 0.68), ("customers_100k_16", 16, 0.10))  # anchors §1, seconds
GOAL = 3.0


class Info(C.Structure):
    _fields_ = [("version", C.c_uint), ("kind", C.c_int), ("k", C.c_size_t), ("n_cols", C.c_size_t),
                ("n_cat", C.c_size_t), ("rows", C.c_size_t), ("cost", C.c_double),
                ("gamma", C.c_double), ("iterations", C.c_uint), ("converged", C.c_uint)]


class Error(C.Structure):
    _fields_ = [("code", C.c_int), ("message", C.c_char_p)]


def load_lib(build):
    lib = C.CDLL(os.path.join(build, "lib", "libcxmetrics.so"))
    vp, sz = C.c_void_p, C.c_size_t
    lib.cxm_error_last.restype = C.POINTER(Error)
    sigs = {
        "cxm_cluster_opts_new": [C.POINTER(vp)],
        "cxm_cluster_opts_set_k": [vp, sz],
        "cxm_cluster_opts_set_init": [vp, vp, sz],
        "cxm_cluster_opts_set_threads": [vp, C.c_uint],
        "cxm_cluster_opts_set_seed": [vp, C.c_uint64],
        "cxm_kmeans_fit": [C.POINTER(vp), vp, sz, vp, sz, sz, vp],
        "cxm_cluster_model_info": [C.POINTER(Info), vp],
        "cxm_cluster_model_centres": [vp, sz, vp],
    }
    for name, args in sigs.items():
        getattr(lib, name).argtypes = args
        getattr(lib, name).restype = C.c_int
    lib.cxm_cluster_model_free.argtypes = [vp]
    lib.cxm_cluster_model_free.restype = None
    lib.cxm_cluster_opts_free.argtypes = [vp]
    lib.cxm_cluster_opts_free.restype = None
    return lib


def ours(lib, X, k, init, threads, seed=0):
    """One fit; returns (seconds, labels, inertia, iterations, centres)."""
    n, p = X.shape
    o = C.c_void_p()
    check(lib.cxm_cluster_opts_new(C.byref(o)), lib, "opts")
    check(lib.cxm_cluster_opts_set_k(o, k), lib, "set_k")
    if init is not None:
        check(lib.cxm_cluster_opts_set_init(o, init.ctypes.data, init.size), lib, "set_init")
    check(lib.cxm_cluster_opts_set_threads(o, threads), lib, "set_threads")
    check(lib.cxm_cluster_opts_set_seed(o, seed), lib, "set_seed")
    labels = np.empty(n, dtype=np.uint32)
    m = C.c_void_p()
    t = time.perf_counter()
    rc = lib.cxm_kmeans_fit(C.byref(m), labels.ctypes.data, n, X.ctypes.data, X.size, p, o)
    t = time.perf_counter() - t
    check(rc, lib, "cxm_kmeans_fit")
    info = Info(version=1)
    check(lib.cxm_cluster_model_info(C.byref(info), m), lib, "info")
    centres = np.empty((k, p))
    check(lib.cxm_cluster_model_centres(centres.ctypes.data, centres.size, m), lib, "centres")
    lib.cxm_cluster_model_free(m)
    lib.cxm_cluster_opts_free(o)
    return t, labels, info.cost, info.iterations, centres


def sklearn_fit(X, k, init, threads):
    from sklearn.cluster import KMeans
    from threadpoolctl import threadpool_limits
    with threadpool_limits(threads):
        t = time.perf_counter()
        km = KMeans(n_clusters=k, init=init if init is not None else "k-means++", n_init=1,
                    algorithm="lloyd", random_state=0).fit(X)
        t = time.perf_counter() - t
    return t, km.labels_, km.inertia_, km.n_iter_, km.cluster_centers_


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


def _status_mb(key):
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith(key + ":")) / 1024.0


def peak_child(args):
    """In a fresh process: load the data, then one fit; print the rise of the peak RSS."""
    side, name, k = args.peak_child.split(",")
    k = int(k)
    X = np.load(os.path.join(DATA, name + ".npy"))
    init = np.load(args.peak_init)
    lib = load_lib(args.build) if side == "ours" else None
    import sklearn.cluster  # noqa: F401  (imported before the baseline)
    base = _status_mb("VmRSS")
    if side == "ours":
        ours(lib, X, k, init, 2)
    else:
        sklearn_fit(X, k, init, 2)
    print("%.1f" % max(0.0, _status_mb("VmHWM") - base))
    return 0


def peak_mb(args, side, name, k, init):
    """Peak memory of one fit beyond the loaded data, measured in a child process."""
    import subprocess
    import tempfile
    with tempfile.NamedTemporaryFile(suffix=".npy", delete=False) as f:
        np.save(f, init)
    try:
        out = subprocess.run([sys.executable, os.path.abspath(__file__), "--build", args.build,
                              "--peak-child", "%s,%s,%d" % (side, name, k), "--peak-init", f.name],
                             capture_output=True, text=True, check=True).stdout
        return float(out.strip().splitlines()[-1])
    finally:
        os.unlink(f.name)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build-bench"))
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--max-foreign", type=float, default=0.25)
    ap.add_argument("--quiet-wait", type=float, default=10.0)
    ap.add_argument("--cases", default="customers_1M_8,customers_100k_16")
    ap.add_argument("--peak-child", help=argparse.SUPPRESS)
    ap.add_argument("--peak-init", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.peak_child:
        return peak_child(args)
    import sklearn
    from sklearn.cluster import kmeans_plusplus
    lib = load_lib(args.build)
    print("scikit-learn %s, numpy %s; library %s; %d CPUs" % (sklearn.__version__, np.__version__,
          os.path.join(args.build, "lib", "libcxmetrics.so"), os.cpu_count()))
    for name, k, anchor in CASES:
        if name not in args.cases.split(","):
            continue
        path = os.path.join(DATA, name + ".npy")
        if not os.path.exists(path):
            print("%s: missing (run ../shared/bench-data/gen_customers.py)" % path)
            continue
        X = np.load(path)
        must(X.flags.c_contiguous and X.dtype == np.float64, "C-contiguous float64 input")
        init, _ = kmeans_plusplus(X, k, random_state=0)
        init = np.ascontiguousarray(init)
        print("\n== %s: %d x %d, k = %d, the same k-means++ centres (random_state=0) ==" % (
              name, X.shape[0], X.shape[1], k))
        s2, q_s2, (_, sl, si, sn, sc) = timed(lambda: sklearn_fit(X, k, init, 2), args.reps, args)
        s1, q_s1, _ = timed(lambda: sklearn_fit(X, k, init, 1), max(1, args.reps // 2), args)
        o2, q_o2, (_, l2, i2, n2, c2) = timed(lambda: ours(lib, X, k, init, 2), args.reps, args)
        o1, q_o1, (_, l1, i1, n1, c1) = timed(lambda: ours(lib, X, k, init, 1), args.reps, args)
        rel = abs(i2 - si) / si
        must(np.array_equal(l2, sl), "labels equal to scikit-learn's (%d differ)" % int((l2 != sl).sum()))
        must(rel <= 1e-6, "inertia within 1e-6 of scikit-learn's (rel %.3g)" % rel)
        must(n2 == sn, "iterations %d, scikit-learn %d" % (n2, sn))
        must(np.array_equal(l1, l2) and i1 == i2 and np.array_equal(c1, c2),
             "1 and 2 threads bit-identical")
        mem_s = peak_mb(args, "sklearn", name, k, init)
        mem_o = peak_mb(args, "ours", name, k, init)
        print("inertia: ours %.10f, scikit-learn %.10f (rel %.2g); iterations %d = %d; labels equal; "
              "1 = 2 threads bit-identical" % (i2, si, rel, n2, sn))
        print("%-34s %9s %7s %10s" % ("", "seconds", "quiet", "peak MB"))
        print("%-34s %9.4f %4d/%-2d %10.1f" % ("scikit-learn, 2 threads", s2, q_s2, args.reps, mem_s))
        print("%-34s %9.4f %4d/%-2d" % ("scikit-learn, 1 thread", s1, q_s1, max(1, args.reps // 2)))
        print("%-34s %9.4f %4d/%-2d %10.1f" % ("libcxmetrics, 2 threads", o2, q_o2, args.reps, mem_o))
        print("%-34s %9.4f %4d/%-2d" % ("libcxmetrics, 1 thread", o1, q_o1, args.reps))
        print("ratio vs scikit-learn 2 threads: %.2fx on 2 threads, %.2fx on 1 (goal >= %.0fx); "
              "anchor %.2f s -> %.2fx" % (s2 / o2, s2 / o1, GOAL, anchor, anchor / o2))
        # CPU seconds of one 1-thread fit: what a busy machine disturbs least
        cpu = time.process_time()
        ours(lib, X, k, init, 1)
        cpu = time.process_time() - cpu
        print("libcxmetrics, 1 thread, CPU time of one fit: %.4f s (%.2f ms per pass over the rows)"
              % (cpu, 1000.0 * cpu / (n2 + 2)))
        # the whole fit with seeding (different draws: time and inertia only)
        sp, _, (_, _, spi, spn, _) = timed(lambda: sklearn_fit(X, k, None, 2), max(1, args.reps // 2), args)
        op, _, (_, _, opi, opn, _) = timed(lambda: ours(lib, X, k, None, 2, seed=0), max(1, args.reps // 2), args)
        print("with k-means++ seeding (own draws): scikit-learn %.4f s (inertia %.6g, %d it), ours %.4f s "
              "(inertia %.6g, %d it): %.2fx" % (sp, spi, spn, op, opi, opn, sp / op))
    return 0


if __name__ == "__main__":
    sys.exit(main())
