"""The GIL is released during C calls (swig -threads), errors raised on a
thread carry that thread's own message, and Ctrl-C reaches a fit running
without the GIL."""

import math
import os
import signal
import threading
import time

import numpy as np
import pytest

import cxmetrics


@pytest.fixture(scope="module")
def big():
    # 20 million answers, 160 MB of float64, shared by the threads (zero-copy)
    return (np.arange(20_000_000, dtype=np.float64) * 7) % 11


def _run(targets):
    errors = []

    def wrap(fn):
        def run():
            try:
                fn()
            except BaseException as e:  # noqa: BLE001 - report anything
                errors.append(e)
        return run
    threads = [threading.Thread(target=wrap(t)) for t in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
        assert not t.is_alive(), "thread did not finish (deadlock?)"
    return errors


def test_two_threads_long_calls_no_deadlock(big):
    want = cxmetrics.nps(big)
    results = [None, None]

    def work(i):
        def run():
            results[i] = cxmetrics.nps(big)
        return run
    errors = _run([work(0), work(1)])
    assert not errors
    assert results[0] == results[1] == want
    assert want.n == 20_000_000


def test_gil_is_released_during_the_call(big):
    """A pure-Python thread keeps running while the main thread is inside C.

    The spinning thread stamps the time on every iteration. Had the wrapper
    kept the GIL, the stamps would stop for the whole C call (a gap as long
    as the call, ~50-100 ms here); with the GIL released the gaps stay short.
    A few attempts absorb scheduling noise on a busy machine."""
    stamps = []
    stop = threading.Event()

    def spin():
        clock = time.perf_counter
        while not stop.is_set():
            stamps.append(clock())
    t = threading.Thread(target=spin)
    t.start()
    ratios = []
    try:
        for _ in range(5):
            time.sleep(0.02)
            t0 = time.perf_counter()
            cxmetrics.nps(big)
            t1 = time.perf_counter()
            inside = [x for x in list(stamps) if t0 <= x <= t1]
            points = [t0] + inside + [t1]
            gap = max(b - a for a, b in zip(points, points[1:]))
            ratios.append(gap / (t1 - t0))
            if gap < 0.5 * (t1 - t0):
                break
        else:
            pytest.fail(f"the Python thread stalled during the C call (largest gap / call "
                        f"time per attempt: {[round(r, 2) for r in ratios]})")
    finally:
        stop.set()
        t.join()


def test_exceptions_from_threads_carry_their_own_message(big):
    bad_range = big.copy()
    bad_range[-1] = 12.0                # found after a long scan
    bad_nan = big.copy()
    bad_nan[-1] = math.nan
    seen = {}

    def fail(key, data):
        def run():
            for _ in range(3):
                try:
                    cxmetrics.nps(data)
                except cxmetrics.Error as e:
                    seen.setdefault(key, []).append((type(e), str(e)))
        return run
    errors = _run([fail("range", bad_range), fail("nan", bad_nan)])
    assert not errors
    assert len(seen["range"]) == 3 and len(seen["nan"]) == 3
    for cls, msg in seen["range"]:
        assert cls is cxmetrics.OutOfRange and "12" in msg and "19999999" in msg, msg
    for cls, msg in seen["nan"]:
        assert cls is cxmetrics.NanInput and "NaN" in msg, msg


def test_accumulators_per_thread_then_merge(big):
    parts = np.array_split(big[:2_000_000], 4)
    accs = [cxmetrics.ScoreAccumulator(scale=(0, 10)) for _ in parts]
    errors = _run([lambda a=a, p=p: a.add(p) for a, p in zip(accs, parts)])
    assert not errors
    total = accs[0]
    for a in accs[1:]:
        total.merge(a)
    assert total.nps() == cxmetrics.nps(big[:2_000_000])


@pytest.mark.parametrize("progress", ["omitted", None])
def test_ctrl_c_stops_a_fit_without_a_callback(progress):
    """The progress setter is called for every fit, None too: its trampoline
    is where a fit sees Ctrl-C. Another thread sends SIGINT while the main
    thread is inside a long fit (235,700 distinct customers: the CDNOW
    summary 100 times, T moved by a millionth per row; 13 iterations); the
    KeyboardInterrupt comes out of the fit after the iteration running when
    the signal came, not after the whole fit: from the first signal to the
    exception is a fraction of an uninterrupted fit (with no trampoline, the
    handler would run only once the C call returned). A few attempts absorb
    scheduling noise, as in test_gil_is_released_during_the_call."""
    import csv

    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "cdnow",
                           "cdnow_customers_summary_with_transactions.csv"),
              newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    f, r, T = (np.tile(np.array([float(row[k]) for row in rows]), 100) for k in ("x", "t_x", "T"))
    T = T + np.arange(T.size) * 1e-6
    kw = {} if progress == "omitted" else {"progress": progress}
    t0 = time.perf_counter()
    whole = cxmetrics.BetaGeo().fit(f, r, T, threads=1)
    full = time.perf_counter() - t0
    assert whole.converged and whole.iterations >= 5

    ratios = []
    for _ in range(3):
        armed, done = threading.Event(), threading.Event()
        first = []

        def handler(signum, frame):
            if armed.is_set():   # one KeyboardInterrupt; later signals are ignored
                armed.clear()
                raise KeyboardInterrupt

        def ctrl_c():
            time.sleep(full / 5)     # the fit is under way
            while not done.is_set():
                first.append(time.perf_counter())
                os.kill(os.getpid(), signal.SIGINT)
                time.sleep(0.002)

        old = signal.signal(signal.SIGINT, handler)
        killer = threading.Thread(target=ctrl_c)
        try:
            armed.set()
            killer.start()
            with pytest.raises(KeyboardInterrupt):
                cxmetrics.BetaGeo().fit(f, r, T, threads=1, **kw)
            stopped = time.perf_counter()
        finally:
            armed.clear()
            done.set()
            killer.join()
            signal.signal(signal.SIGINT, old)
        ratios.append((stopped - first[0]) / full)
        if ratios[-1] < 0.4:
            break
    else:
        pytest.fail(f"the fit ran on after Ctrl-C (time from the signal to the exception / "
                    f"time of a whole fit, per attempt: {[round(x, 2) for x in ratios]})")
