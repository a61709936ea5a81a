#!/usr/bin/python3
"""Speed of libcxmetrics' linear assignment (cxm_linear_assignment) against scipy's
linear_sum_assignment, in one run on the same matrices (issue 12, H6).

    /usr/bin/python3 bench/bench_assignment.py --build build [--reps 3] [--n 2000]

Inputs, generated here with numpy.random.default_rng(12) before any timing:
  uniform   n x n doubles, U(0, 1): the optimum is unique, so both must give the same pairs;
  integer   n x n whole numbers 0..999: many optima, both must give the same total;
  wide      n/2 x 3n/2 doubles, U(0, 1) (rectangular: n/2 rows assigned).

Peer: scipy.optimize.linear_sum_assignment (scipy's C++ implementation of the same shortest
augmenting path method, Crouse 2016). Ours: cxm_linear_assignment through ctypes on
<build>/lib/libcxmetrics.so. Both single-threaded (neither has threads).

Checks, same run: uniform and wide give identical pairs; every case the same total (exact
for integers, 1e-12 relative for doubles).

Timing: time.perf_counter, median of --reps runs; before each timed run the bench waits up
to --quiet-wait s for a quiet machine, and runs during which other processes used more than
--max-foreign CPUs are left out of the median when at least one quiet run exists (the count
of quiet runs is printed). Also printed: the least CPU seconds (time.process_time) of the
runs, which other work on a shared machine disturbs far less than wall time (both sides
are single-threaded). Peak memory: the rise of the peak RSS over the RSS with the
matrix loaded (the peak reset after the matrices are made), for one solve of each, in a
fresh child process. Nothing here is a test: no
exit status on speed.
"""
import argparse
import ctypes as C
import os
import statistics
import subprocess
import sys
import time

import numpy as np

from benchutil import Foreign, check, hwm_mb, must, wait_quiet

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
NONE = (1 << 64) - 1  # SIZE_MAX


class Error(C.Structure):
    _fields_ = [("code", C.c_int), ("message", C.c_char_p)]


def load_lib(build):
    lib = C.CDLL(os.path.join(build, "lib", "libcxmetrics.so"))
    lib.cxm_error_last.restype = C.POINTER(Error)
    lib.cxm_linear_assignment.argtypes = [C.c_void_p, C.c_size_t, C.POINTER(C.c_double), C.c_void_p,
                                          C.c_size_t, C.c_size_t]
    lib.cxm_linear_assignment.restype = C.c_int
    return lib


def matrices(n):
    rng = np.random.default_rng(12)
    return {
        "uniform": rng.random((n, n)),
        "integer": rng.integers(0, 1000, (n, n)).astype(np.float64),
        "wide": rng.random((n // 2, 3 * n // 2)),
    }


def ours(lib, M):
    """One solve; returns ((wall, CPU seconds), columns per row (-1: unassigned), total)."""
    M = np.ascontiguousarray(M, dtype=np.float64)
    rows, cols = M.shape
    out = np.empty(rows, dtype=np.uint64)
    total = C.c_double()
    t, c = time.perf_counter(), time.process_time()
    rc = lib.cxm_linear_assignment(out.ctypes.data, rows, C.byref(total), M.ctypes.data, M.size, cols)
    t, c = time.perf_counter() - t, time.process_time() - c
    check(rc, lib, "cxm_linear_assignment")
    col = np.where(out == NONE, -1, out.astype(np.int64))
    return (t, c), col, total.value


def scipy_lsa(M):
    from scipy.optimize import linear_sum_assignment
    t, c = time.perf_counter(), time.process_time()
    r, cols = linear_sum_assignment(M)
    t, c = time.perf_counter() - t, time.process_time() - c
    col = np.full(M.shape[0], -1, dtype=np.int64)
    col[r] = cols
    return (t, c), col, float(M[r, cols].sum())


def timed(fn, reps, args):
    """Median wall seconds of the quiet runs (all runs when none was quiet), the least CPU
    seconds of all runs (single-threaded code: robust to other work on the machine), the
    number of quiet runs, and the last result."""
    quiet, loud, cpu, res = [], [], [], None
    for _ in range(reps):
        wait_quiet(args.max_foreign, args.quiet_wait)
        with Foreign() as f:
            res = fn()
        (quiet if f.cpus <= args.max_foreign else loud).append(res[0][0])
        cpu.append(res[0][1])
    runs = quiet or loud
    return statistics.median(runs), min(cpu), len(quiet), res


def _status_mb(key):
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith(key + ":")) / 1024.0


def peak_child(args):
    """In a fresh process: make the matrix, then one solve; print the rise of the peak RSS."""
    side, name = args.peak_child.split(",")
    M = matrices(args.n)[name]
    lib = load_lib(args.build) if side == "ours" else None
    import scipy.optimize  # noqa: F401  (imported before the baseline)
    hwm_mb(reset=True)  # the peak from here on: not the other matrices' generation
    base = _status_mb("VmRSS")
    if side == "ours":
        ours(lib, M)
    else:
        scipy_lsa(M)
    print("%.1f" % max(0.0, hwm_mb() - base))
    return 0


def peak_mb(args, side, name):
    out = subprocess.run([sys.executable, os.path.abspath(__file__), "--build", args.build, "--n", str(args.n),
                          "--peak-child", "%s,%s" % (side, name)],
                         capture_output=True, text=True, check=True).stdout
    return float(out.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--max-foreign", type=float, default=0.25)
    ap.add_argument("--quiet-wait", type=float, default=10.0)
    ap.add_argument("--peak-child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.peak_child:
        return peak_child(args)
    import scipy
    lib = load_lib(args.build)
    print("scipy %s, numpy %s; library %s; %d CPUs" % (scipy.__version__, np.__version__,
          os.path.join(args.build, "lib", "libcxmetrics.so"), os.cpu_count()))
    print("%-8s %11s %10s %10s %7s %9s %9s %7s %8s %14s" % (
          "case", "shape", "scipy s", "ours s", "ratio", "scipy cpu", "ours cpu", "ratio", "quiet", "peak MB s/o"))
    for name, M in matrices(args.n).items():
        s, s_cpu, qs, (_, sc, st) = timed(lambda: scipy_lsa(M), args.reps, args)
        o, o_cpu, qo, (_, oc, ot) = timed(lambda: ours(lib, M), args.reps, args)
        if name == "integer":
            must(ot == st, "%s: total %r, scipy %r" % (name, ot, st))
        else:
            must(abs(ot - st) <= 1e-12 * abs(st), "%s: total %r, scipy %r" % (name, ot, st))
            must(np.array_equal(oc, sc), "%s: the same pairs as scipy" % name)
        ps, po = peak_mb(args, "scipy", name), peak_mb(args, "ours", name)
        print("%-8s %11s %10.4f %10.4f %6.2fx %9.4f %9.4f %6.2fx %4d/%-3d %6.1f/%-6.1f" % (
              name, "%dx%d" % M.shape, s, o, s / o, s_cpu, o_cpu, s_cpu / o_cpu, min(qs, qo), args.reps, ps, po))
    return 0


if __name__ == "__main__":
    sys.exit(main())
