#!/usr/bin/python3
"""Speed of libcxmetrics' NMF (cxm_nmf_fit) against scikit-learn's NMF, from the same starting
factors, in one run on the same data (issue 12, H5).

    /usr/bin/python3 bench/bench_nmf.py --build build-bench [--reps 3] [--rows 20000 --cols 500 --k 10]

Data, generated here (seed 12): an interactions matrix of --rows groups x --cols items,
X = Poisson(W* H*) with W* ~ Gamma(0.5, 1) (rows x k) and H* ~ Gamma(0.3, 1) (k x cols),
so that it is sparse-ish, non-negative and near rank k, as views or purchases are. The
starting factors are scikit-learn's init="random" scaling drawn with numpy
(avg = sqrt(X.mean() / k), H0 = avg |N(0,1)|, W0 = avg |N(0,1)|, RandomState(0)), handed to
both sides.

Peer: NMF(n_components=k, init="custom", solver="mu" | "cd", max_iter=200, tol=1e-4)
.fit_transform(X, W=W0, H=H0) under threadpoolctl.threadpool_limits(2) (its BLAS and OpenMP
threads; numpy is linked to the BLAS Debian's python3-numpy uses, printed below) and limited to
1. Ours: cxm_nmf_fit through ctypes on <build>/lib/libcxmetrics.so with the same factors, on
1 and 2 threads (CXM_THREADS).

Checks, same run: the same iteration count as scikit-learn, W and H within 1e-9 of the
largest entry, the error within 1e-9 relative; 1 and 2 threads give bit-identical W and H.

Timing: time.perf_counter, median of --reps runs; before each timed run the bench waits up to
--quiet-wait s for the machine to be quiet (benchutil.wait_quiet), and runs during which other
processes used more than --max-foreign CPUs are left out of the median when at least one
quiet run exists. Peak memory: the rise of the peak RSS over the RSS with the data and the
factors loaded (the peak restarted there), for one 2-thread fit of each, in a fresh child
process. Nothing here is a
test: no exit status on speed.
"""
import argparse
import ctypes as C
import os
import statistics
import subprocess
import sys
import time
import warnings

import numpy as np

from benchutil import Foreign, check, hwm_mb, must, wait_quiet

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SOLVERS = (("mu", 0), ("cd", 1))  # scikit-learn's solver, our method (CXM_NMF_MU, CXM_NMF_HALS)


class Info(C.Structure):
    _fields_ = [("version", C.c_uint), ("iterations", C.c_uint), ("converged", C.c_uint),
                ("error", C.c_double), ("relative_error", C.c_double)]


class Error(C.Structure):
    _fields_ = [("code", C.c_int), ("message", C.c_char_p)]


def load_lib(build):
    lib = C.CDLL(os.path.join(build, "lib", "libcxmetrics.so"))
    vp, sz = C.c_void_p, C.c_size_t
    lib.cxm_error_last.restype = C.POINTER(Error)
    lib.cxm_nmf_fit.argtypes = [vp, sz, vp, sz, C.POINTER(Info), vp, sz, sz, sz, C.c_int, C.c_int, C.c_uint64,
                                C.c_uint, C.c_double]
    lib.cxm_nmf_fit.restype = C.c_int
    return lib


def make_data(rows, cols, k):
    rs = np.random.RandomState(12)
    X = rs.poisson(rs.gamma(0.5, 1.0, (rows, k)) @ rs.gamma(0.3, 1.0, (k, cols))).astype(np.float64)
    rs = np.random.RandomState(0)
    avg = np.sqrt(X.mean() / k)
    H0 = avg * np.abs(rs.standard_normal((k, cols)))
    W0 = avg * np.abs(rs.standard_normal((rows, k)))
    return X, W0, H0


def ours(lib, X, W0, H0, method, threads, max_iter, tol):
    os.environ["CXM_THREADS"] = str(threads)
    W, H = W0.copy(), H0.copy()
    info = Info(version=1)
    t = time.perf_counter()
    rc = lib.cxm_nmf_fit(W.ctypes.data, W.size, H.ctypes.data, H.size, C.byref(info), X.ctypes.data, X.size,
                         X.shape[1], W.shape[1], method, 1, 0, max_iter, tol)
    t = time.perf_counter() - t
    check(rc, lib, "cxm_nmf_fit")
    return t, W, H, info.iterations, info.error


def sklearn_fit(X, W0, H0, solver, threads, max_iter, tol):
    from sklearn.decomposition import NMF
    from threadpoolctl import threadpool_limits
    with threadpool_limits(threads), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = NMF(n_components=W0.shape[1], init="custom", solver=solver, max_iter=max_iter, tol=tol)
        t = time.perf_counter()
        W = m.fit_transform(X, W=W0.copy(), H=H0.copy())
        t = time.perf_counter() - t
    return t, W, m.components_, m.n_iter_, m.reconstruction_err_


def timed(fn, reps, args):
    """Median seconds of the quiet runs (all runs when none was quiet), their count, the last result."""
    quiet, loud, res = [], [], None
    for _ in range(reps):
        wait_quiet(args.max_foreign, args.quiet_wait)
        with Foreign() as f:
            res = fn()
        (quiet if f.cpus <= args.max_foreign else loud).append(res[0])
    return statistics.median(quiet or loud), len(quiet), res


def _status_mb(key):
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith(key + ":")) / 1024.0


def peak_child(args):
    """In a fresh process: make the data, then one 2-thread fit; print the rise of the peak RSS."""
    side, solver = args.peak_child.split(",")
    X, W0, H0 = make_data(args.rows, args.cols, args.k)
    method = dict(SOLVERS)[solver]
    lib = load_lib(args.build) if side == "ours" else None
    import sklearn.decomposition  # noqa: F401  (imported before the baseline)
    base = _status_mb("VmRSS")
    hwm_mb(reset=True)  # the peak of making the data (its temporaries) is not the fit's
    if side == "ours":
        ours(lib, X, W0, H0, method, 2, args.max_iter, args.tol)
    else:
        sklearn_fit(X, W0, H0, solver, 2, args.max_iter, args.tol)
    print("%.1f" % max(0.0, _status_mb("VmHWM") - base))
    return 0


def peak_mb(args, side, solver):
    out = subprocess.run([sys.executable, os.path.abspath(__file__), "--build", args.build, "--rows",
                          str(args.rows), "--cols", str(args.cols), "--k", str(args.k), "--max-iter",
                          str(args.max_iter), "--tol", repr(args.tol), "--peak-child", "%s,%s" % (side, solver)],
                         capture_output=True, text=True, check=True).stdout
    return float(out.strip().splitlines()[-1])


def blas_name():
    try:
        from threadpoolctl import threadpool_info
        libs = [i for i in threadpool_info() if i.get("user_api") == "blas"]
        if libs:
            return ", ".join("%s %s" % (i.get("internal_api"), i.get("version")) for i in libs)
    except Exception:  # noqa: BLE001 (only for the printout)
        pass
    return "reference BLAS (libblas3; threadpoolctl sees no BLAS it can limit)"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build-bench"))
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--rows", type=int, default=20000)
    ap.add_argument("--cols", type=int, default=500)
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--max-iter", type=int, default=200)
    ap.add_argument("--tol", type=float, default=1e-4)
    ap.add_argument("--max-foreign", type=float, default=0.25)
    ap.add_argument("--quiet-wait", type=float, default=10.0)
    ap.add_argument("--solvers", default="mu,cd")
    ap.add_argument("--no-sklearn-1", action="store_true", help="skip scikit-learn on 1 thread")
    ap.add_argument("--peak-child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.peak_child:
        return peak_child(args)
    import sklearn
    lib = load_lib(args.build)
    X, W0, H0 = make_data(args.rows, args.cols, args.k)
    print("scikit-learn %s, numpy %s (%s); library %s; %d CPUs" % (
        sklearn.__version__, np.__version__, blas_name(), os.path.join(args.build, "lib", "libcxmetrics.so"),
        os.cpu_count()))
    print("X: %d x %d, %.1f%% zeros, k = %d, max_iter %d, tol %g, the same W0 and H0" % (
        X.shape[0], X.shape[1], 100.0 * np.mean(X == 0), args.k, args.max_iter, args.tol))
    for solver, method in SOLVERS:
        if solver not in args.solvers.split(","):
            continue
        print("\n== solver %r (ours: %s) ==" % (solver, "MU" if method == 0 else "HALS"))
        s2, q_s2, (_, sw, sh, sn, se) = timed(
            lambda: sklearn_fit(X, W0, H0, solver, 2, args.max_iter, args.tol), args.reps, args)
        if not args.no_sklearn_1:
            s1, q_s1, _ = timed(lambda: sklearn_fit(X, W0, H0, solver, 1, args.max_iter, args.tol),
                                max(1, args.reps // 2), args)
        o2, q_o2, (_, w2, h2, n2, e2) = timed(
            lambda: ours(lib, X, W0, H0, method, 2, args.max_iter, args.tol), args.reps, args)
        o1, q_o1, (_, w1, h1, n1, e1) = timed(
            lambda: ours(lib, X, W0, H0, method, 1, args.max_iter, args.tol), args.reps, args)
        must(n2 == sn, "iterations %d, scikit-learn %d" % (n2, sn))
        dw = np.abs(w2 - sw).max() / np.abs(sw).max()
        dh = np.abs(h2 - sh).max() / np.abs(sh).max()
        must(dw <= 1e-9 and dh <= 1e-9, "W, H differ from scikit-learn's by %.3g, %.3g" % (dw, dh))
        must(abs(e2 - se) <= 1e-9 * se, "error %.17g, scikit-learn %.17g" % (e2, se))
        must(np.array_equal(w1, w2) and np.array_equal(h1, h2) and n1 == n2 and e1 == e2,
             "1 and 2 threads differ")
        print("same %d iterations; W, H within %.1e, %.1e of scikit-learn's largest entry; error %.10g "
              "(relative difference %.1e); 1 and 2 threads bit-identical" % (n2, dw, dh, e2, abs(e2 - se) / se))
        print("scikit-learn, 2 threads: %8.3f s  (%d quiet runs)" % (s2, q_s2))
        if not args.no_sklearn_1:
            print("scikit-learn, 1 thread : %8.3f s  (%d quiet runs)" % (s1, q_s1))
        print("ours, 2 threads        : %8.3f s  (%d quiet runs)   ratio %.1fx" % (o2, q_o2, s2 / o2))
        print("ours, 1 thread         : %8.3f s  (%d quiet runs)   ratio %.1fx (1 thread vs scikit-learn 2)" % (
            o1, q_o1, s2 / o1))
        print("peak memory beyond the data, 2 threads: ours %.1f MB, scikit-learn %.1f MB" % (
            peak_mb(args, "ours", solver), peak_mb(args, "sklearn", solver)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
