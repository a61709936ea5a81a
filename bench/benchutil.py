"""Helpers shared by the bench scripts (bench_scores.py, bench_clv.py): the check that
survives python -O, the interference meter (CPUs used by other processes, as in
bench-data/common.py) with the wait for a quiet machine, and peak RSS.

The scripts run from bench/ as `python3 bench/bench_*.py`, so this sibling module is
importable without installing anything.
"""
import os
import resource
import time


def must(ok, what):
    """A correctness check of this run (not skipped under python -O, unlike assert)."""
    if not ok:
        raise SystemExit("CHECK FAILED: %s" % (what,))


def check(rc, lib, what):
    """A libcxmetrics call through ctypes (lib.cxm_error_last typed): stop with its message when rc != 0."""
    if rc != 0:
        raise SystemExit("%s failed: %d %s" % (what, rc, lib.cxm_error_last().contents.message.decode()))


# ---- interference meter (as in bench-data/common.py) -----------------------------------------

_HZ = os.sysconf("SC_CLK_TCK")


def _busy_s():
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:9]]
    return (sum(v) - v[3] - v[4]) / _HZ


def _own_s():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


class Foreign:
    """CPUs used by other processes while the block ran (machine busy time minus ours)."""

    def __enter__(self):
        self.b, self.o, self.t = _busy_s(), _own_s(), time.perf_counter()
        return self

    def __exit__(self, *exc):
        wall = max(time.perf_counter() - self.t, 1e-9)
        self.cpus = max(0.0, (_busy_s() - self.b) - (_own_s() - self.o)) / wall
        return False


def wait_quiet(limit, max_wait):
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < max_wait:
        with Foreign() as f:
            time.sleep(0.3)
        if f.cpus < limit:
            return True
    return False


def hwm_mb(reset=False):
    """Peak RSS (VmHWM) in MB; with reset, start a new peak from here (Linux clear_refs 5)."""
    with open("/proc/self/status") as f:
        peak = next(int(l.split()[1]) for l in f if l.startswith("VmHWM:")) / 1024.0
    if reset:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    return peak
