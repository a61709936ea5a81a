#!/usr/bin/python3
"""Speed of libcxmetrics' uint8 NPS/CSAT/CES paths against the best numpy forms
(anchors §1) and a plain memory-read pass, all in one run on the same arrays.

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/bench_scores.py

Inputs: scores_{nps,csat,ces}_100M.npy in $CXB_DATA (default ~/.cache/cx-baselines),
written by the seeded generator gen_scores.py (bench/README.md); md5s are checked.
The library is called through ctypes on <build>/lib/libcxmetrics.so, so this bench
does not depend on the SWIG binding; the memory-read pass is <build>/bench/
libcxb_memread.so (bench/memread.c). Debian's /usr/bin/python3 with python3-numpy.

Each round times, per workload: numpy, the memory read of the same array (16/32/64-byte
loads, 1 and 2 threads; the fastest is "memread"), then the library. Medians over rounds. Rounds
during which other processes used more than --max-foreign CPUs are dropped (this
machine is shared); before each round the bench waits up to --quiet-wait seconds
for a quiet machine. Nothing here is a test: no thresholds, no exit status on speed.
"""
import argparse
import ctypes as C
import hashlib
import os
import statistics
import time

import numpy as np

from benchutil import Foreign, check, hwm_mb, must, wait_quiet

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.environ.get("CXB_DATA", os.path.expanduser("~/.cache/cx-baselines"))
N = 100_000_000
# From bench-data/data_md5.txt: the seeded generator's exact output.
MD5 = {
    "scores_nps_100M.npy": "171b8e700eb411fbaf1da0bed4ed704e",
    "scores_csat_100M.npy": "7d03032828130a12c89a70d854d2f8a7",
    "scores_ces_100M.npy": "716e875dcafa55d68055ed3fff709dc3",
}
# anchors §1: what users run today, medians on this class of machine.
ANCHOR_MS = {"NPS 0-10": 51.7, "CSAT 1-5": 60.0, "CES 1-5": 84.0}
CXM_NPS_0_10 = 0
CXM_CSAT_DEFAULT_THRESHOLD = -2147483648
CXM_EOUT_OF_RANGE = -3


class NpsResult(C.Structure):
    _fields_ = [("version", C.c_uint), ("n", C.c_size_t), ("promoters", C.c_size_t),
                ("passives", C.c_size_t), ("detractors", C.c_size_t),
                ("pct_promoters", C.c_double), ("pct_passives", C.c_double),
                ("pct_detractors", C.c_double), ("nps", C.c_double)]


class CsatResult(C.Structure):
    _fields_ = [("version", C.c_uint), ("n", C.c_size_t), ("threshold", C.c_int),
                ("n_satisfied", C.c_size_t), ("pct_satisfied", C.c_double), ("mean", C.c_double),
                ("sd", C.c_double), ("wilson_lower", C.c_double), ("wilson_upper", C.c_double)]


class CesResult(C.Structure):
    _fields_ = [("version", C.c_uint), ("points", C.c_int), ("n", C.c_size_t),
                ("n_agree", C.c_size_t), ("pct_agree", C.c_double), ("n_disagree", C.c_size_t),
                ("pct_disagree", C.c_double), ("mean", C.c_double), ("sd", C.c_double),
                ("wilson_lower", C.c_double), ("wilson_upper", C.c_double)]


class Error(C.Structure):
    _fields_ = [("code", C.c_int), ("message", C.c_char_p)]


def load_lib(build):
    lib = C.CDLL(os.path.join(build, "lib", "libcxmetrics.so"))
    u8p = C.c_void_p
    lib.cxm_nps_u8.argtypes = [C.POINTER(NpsResult), u8p, C.c_size_t, C.c_int]
    lib.cxm_csat_u8.argtypes = [C.POINTER(CsatResult), u8p, C.c_size_t, C.c_int, C.c_int, C.c_int,
                                C.c_double, C.c_double]
    lib.cxm_ces_u8.argtypes = [C.POINTER(CesResult), u8p, C.c_size_t, C.c_int, C.c_double,
                               C.c_double]
    lib.cxm_error_last.restype = C.POINTER(Error)
    lib.cxm_score_acc_new.argtypes = [C.POINTER(C.c_void_p), C.c_int, C.c_int]
    lib.cxm_score_acc_add_u8.argtypes = [C.c_void_p, u8p, C.c_size_t]
    lib.cxm_score_acc_count.argtypes = [C.c_void_p, C.c_int]
    lib.cxm_score_acc_count.restype = C.c_size_t
    lib.cxm_score_acc_free.argtypes = [C.c_void_p]
    for f in ("cxm_nps_u8", "cxm_csat_u8", "cxm_ces_u8", "cxm_score_acc_new", "cxm_score_acc_add_u8"):
        getattr(lib, f).restype = C.c_int
    mr = C.CDLL(os.path.join(build, "bench", "libcxb_memread.so"))
    mr.cxb_memread.argtypes = [u8p, C.c_size_t, C.c_int, C.c_int]
    mr.cxb_memread.restype = C.c_uint64
    mr.cxb_memread_has.argtypes = [C.c_int]
    return lib, mr


def ptr(a):
    return a.ctypes.data


# ---- workloads: the best numpy forms (anchors §1) and the library calls ----------------------

def np_nps(a):
    p = np.count_nonzero(a >= 9)
    d = np.count_nonzero(a <= 6)
    return p, d, 100.0 * (p - d) / a.size


def np_topbox(a):  # CSAT and CES 1-5: top-2-box count and percentage, mean
    x = np.count_nonzero(a >= 4)
    return x, 100.0 * x / a.size, a.mean()


def cx_nps(lib, a):
    r = NpsResult(version=1)
    check(lib.cxm_nps_u8(C.byref(r), ptr(a), a.size, CXM_NPS_0_10), lib, "cxm_nps_u8")
    return r


def cx_csat(lib, a):
    r = CsatResult(version=1)
    check(lib.cxm_csat_u8(C.byref(r), ptr(a), a.size, 1, 5, CXM_CSAT_DEFAULT_THRESHOLD, 0.95, 0.0),
          lib, "cxm_csat_u8")
    return r


def cx_ces(lib, a):
    r = CesResult(version=1)
    check(lib.cxm_ces_u8(C.byref(r), ptr(a), a.size, 5, 0.95, 0.0), lib, "cxm_ces_u8")
    return r


_SCRATCH = {}


def timed(fn):
    """Milliseconds of one call of fn. Before it, an untimed read of a 64 MB scratch
    buffer leaves the caches in the same state for every pass: full of clean lines
    (without it, a pass right after numpy also pays for writing back numpy's
    temporaries, and one right after a read of the same array does not)."""
    s = _SCRATCH.get("buf")
    if s is not None:
        _SCRATCH["mr"].cxb_memread(s.ctypes.data, s.size, 2, 16)
    t = time.perf_counter_ns()
    out = fn()
    return (time.perf_counter_ns() - t) / 1e6, out



def md5(path):
    h = hashlib.md5()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 24), b""):
            h.update(block)
    return h.hexdigest()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build-bench"), help="meson build dir")
    ap.add_argument("--rounds", type=int, default=11)
    ap.add_argument("--max-foreign", type=float, default=0.25, help="drop rounds above this many foreign CPUs")
    ap.add_argument("--quiet-wait", type=float, default=10.0, help="seconds to wait for quiet before a round")
    ap.add_argument("--no-md5", action="store_true")
    args = ap.parse_args()

    lib, mr = load_lib(args.build)
    _SCRATCH.update(mr=mr, buf=np.ones(64 << 20, dtype=np.uint8))
    names = {"NPS 0-10": "scores_nps_100M.npy", "CSAT 1-5": "scores_csat_100M.npy",
             "CES 1-5": "scores_ces_100M.npy"}
    arrays = {}
    for w, fn in names.items():
        path = os.path.join(DATA, fn)
        if not os.path.exists(path):
            raise SystemExit("missing %s: run gen_scores.py (bench/README.md)" % path)
        if not args.no_md5 and md5(path) != MD5[fn]:
            raise SystemExit("%s: md5 differs from the generator's; regenerate it" % path)
        a = np.load(path)
        must(a.dtype == np.uint8 and a.ndim == 1 and a.size == N and a.flags.c_contiguous,
             "%s is not %d contiguous uint8" % (path, N))
        arrays[w] = a
    ours_fn = {"NPS 0-10": cx_nps, "CSAT 1-5": cx_csat, "CES 1-5": cx_ces}
    np_fn = {"NPS 0-10": np_nps, "CSAT 1-5": np_topbox, "CES 1-5": np_topbox}

    # ---- peak RSS of each side alone (also the warm-up) ---------------------------------------
    hwm_mb(reset=True)
    rss_base = hwm_mb()
    for w, a in arrays.items():
        ours_fn[w](lib, a)
    rss_ours = hwm_mb(reset=True)
    for w, a in arrays.items():
        np_fn[w](a)
    rss_numpy = hwm_mb(reset=True)

    # ---- correctness, same run: counts must equal numpy's --------------------------------------
    a = arrays["NPS 0-10"]
    r = cx_nps(lib, a)
    p, d, nps = np_nps(a)
    must((r.n, r.promoters, r.detractors, r.passives) == (N, p, d, N - p - d), "NPS counts differ")
    must(abs(r.nps - nps) <= 1e-12 * abs(nps), (r.nps, nps))
    for w, f in (("CSAT 1-5", cx_csat), ("CES 1-5", cx_ces)):
        a = arrays[w]
        r = f(lib, a)
        x, pct, mean = np_topbox(a)
        got = r.n_satisfied if w.startswith("CSAT") else r.n_agree
        must((r.n, got) == (N, x), "%s counts differ" % w)
        must(abs(r.mean - mean) <= 1e-12 * mean, (w, r.mean, mean))
    for w, (lo, hi) in (("NPS 0-10", (0, 10)), ("CSAT 1-5", (1, 5)), ("CES 1-5", (1, 5))):
        a = arrays[w]
        acc = C.c_void_p()
        check(lib.cxm_score_acc_new(C.byref(acc), lo, hi), lib, "acc_new")
        check(lib.cxm_score_acc_add_u8(acc, ptr(a), a.size), lib, "acc_add_u8")
        ours = [lib.cxm_score_acc_count(acc, v) for v in range(lo, hi + 1)]
        lib.cxm_score_acc_free(acc)
        must(ours == np.bincount(a, minlength=hi + 1)[lo:].tolist(), "%s per-point counts differ" % w)
    bad = arrays["NPS 0-10"][:3_000_000].copy()
    bad[2_345_678] = 11
    bad[2_999_999] = 12
    rr = NpsResult(version=1)
    rc = lib.cxm_nps_u8(C.byref(rr), ptr(bad), bad.size, CXM_NPS_0_10)
    msg = lib.cxm_error_last().contents.message.decode()
    must(rc == CXM_EOUT_OF_RANGE and "scores[2345678] = 11" in msg, (rc, msg))
    del bad
    print("check: library counts == numpy counts (NPS P/Pa/D, CSAT/CES top-2-box, per-point "
          "bincount, means); out-of-range names the first offender: OK")

    # ---- timing -----------------------------------------------------------------------------
    widths = [w for w in (16, 32, 64) if mr.cxb_memread_has(w)]

    rounds, foreign = [], []
    for _ in range(args.rounds):
        wait_quiet(args.max_foreign, args.quiet_wait)
        t = {}
        with Foreign() as f:
            for w, a in arrays.items():
                t["np " + w] = timed(lambda: np_fn[w](a))[0]
                for th in (1, 2):
                    for wd in widths:
                        t["mem%d_%d %s" % (wd, th, w)] = timed(
                            lambda: mr.cxb_memread(ptr(a), a.size, th, wd))[0]
                t["cx " + w] = timed(lambda: ours_fn[w](lib, a))[0]
        for th in (1, 2):
            for wd in widths:
                t["mem%d_%d" % (wd, th)] = statistics.median(
                    t.pop("mem%d_%d %s" % (wd, th, w)) for w in arrays)
        rounds.append(t)
        foreign.append(f.cpus)
    quiet = [t for t, fc in zip(rounds, foreign) if fc <= args.max_foreign]
    used = quiet if len(quiet) >= 3 else rounds
    med = {k: statistics.median(t[k] for t in used) for k in used[0]}

    gb = N / 1e9
    print("\n%d rounds, %d used (foreign CPUs per round: median %.2f, max %.2f; limit %.2f)%s"
          % (len(rounds), len(used), statistics.median(foreign), max(foreign), args.max_foreign,
             "" if used is quiet else "  [too few quiet rounds: using all]"))
    print("memory read of the same arrays (%d bytes), median ms (GB/s):" % N)
    best = {}
    for th in (1, 2):
        cells = []
        for wd in widths:
            ms = med["mem%d_%d" % (wd, th)]
            cells.append("%d-byte loads %.2f (%.1f)" % (wd, ms, gb / ms * 1e3))
            best[th] = min(best.get(th, 1e9), ms)
        print("  %d thread%s: %s" % (th, "s" if th > 1 else " ", ", ".join(cells)))
    print("  memread rate = the fastest: 1 thread %.1f GB/s, 2 threads %.1f GB/s"
          % (gb / best[1] * 1e3, gb / best[2] * 1e3))
    print()
    hdr = ("workload", "anchor ms", "numpy ms", "ours ms", "ratio", "ours GB/s", "% memread 2T", "% memread 1T")
    print("%-10s %10s %9s %8s %7s %10s %13s %13s" % hdr)
    for w in arrays:
        n_ms, c_ms = med["np " + w], med["cx " + w]
        gbs = gb / c_ms * 1e3
        print("%-10s %10.1f %9.2f %8.2f %6.1fx %10.1f %12.0f%% %12.0f%%"
              % (w, ANCHOR_MS[w], n_ms, c_ms, n_ms / c_ms, gbs, 100 * best[2] / c_ms, 100 * best[1] / c_ms))
    print("\npeak RSS (3 arrays of 100 MB + 64 MB scratch): %.0f MB before, %.0f MB while the library ran, "
          "%.0f MB while numpy ran (boolean temporaries)" % (rss_base, rss_ours, rss_numpy))
    try:
        import cxmetrics  # noqa: F401  (optional: the SWIG binding, if on PYTHONPATH)
        from cxmetrics import native
        a = arrays["NPS 0-10"]
        native.nps_u8(a, CXM_NPS_0_10)
        ts = sorted(timed(lambda: native.nps_u8(a, CXM_NPS_0_10))[0] for _ in range(7))
        print("SWIG binding cxmetrics.native.nps_u8 (%s, with the library it was built against): "
              "median %.2f ms"
              % (os.path.dirname(cxmetrics.__file__), ts[3]))
    except Exception as e:  # noqa: BLE001  (the binding is optional and still changing)
        print("SWIG binding not timed (%s: %s)" % (type(e).__name__, str(e).splitlines()[0] if str(e) else ""))
    print("numpy %s, OPENBLAS_CORETYPE=%s, OPENBLAS_L2_SIZE=%s"
          % (np.__version__, os.environ.get("OPENBLAS_CORETYPE", "unset"),
             os.environ.get("OPENBLAS_L2_SIZE", "unset")))


if __name__ == "__main__":
    main()
