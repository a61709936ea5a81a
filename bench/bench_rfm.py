#!/usr/bin/python3
"""Speed of libcxmetrics' RFM data path (orders -> customers -> R/F/M scores) against
pandas groupby + rank + qcut, both timed in this run on the same data (anchors §1: 10M
transactions of 1M customers, pandas 1.64 s, goal >= 5x).

    CXB_DATA=<dir> PYTHONPATH=build/bindings/python /usr/bin/python3 bench/bench_rfm.py

Inputs: txn_customer_id.npy (int64), txn_day.npy (int32, days 0..729), txn_amount.npy
(float64) in $CXB_DATA, written by ../shared/bench-data/gen_transactions.py (md5s in
../shared/bench-data/data_md5.txt), loaded with numpy before any timing. Analysis day 730.

Peer (pandas, what a user writes, the Python rfm package's scoring):
    g = df.groupby("customer_id").agg(last=("day", "max"), frequency=("day", "size"),
                                      monetary=("amount", "sum"))
    recency = 730 - g["last"]
    R = pd.qcut(recency.rank(method="first"), 5, labels=[5, 4, 3, 2, 1]), F and M likewise.
Ours, the same scores (binning "rank" is exactly that qcut, spec §7.4):
  - C: native.rfm_orders_aggregate_numeric + native.rfm_score_customers (the ids cast to
    float64 once, inside the timing), the tables left in C;
  - API: cxmetrics.rfm_orders + cxmetrics.rfm_score_customers, DataFrames out.
  - and the R-package quantile scores (binning "quantile", the default) for reference.
Checks, same run: recency, frequency and R/F/M scores equal pandas' customer by customer
(both sort customers by id; rank ties broken alike), monetary within 1e-9 relative (pandas'
sum is not exact; ours is, spec §7.6).

Timing: time.perf_counter, median of --reps runs after one untimed warm-up; before each run
the bench waits up to --quiet-wait s for the machine to be quiet and records the CPUs other
processes used during the run. Peak memory: VmHWM growth during each variant's runs.
Nothing here is a test: no exit status on speed.
"""
import argparse
import os
import statistics
import sys
import time

import numpy as np
import pandas as pd

from benchutil import Foreign, hwm_mb, must, wait_quiet

ANCHOR_S = 1.64       # anchors §1: pandas groupby + rank + qcut, 10M -> 1M
GOAL = 5.0
ANALYSIS_DAY = 730.0


def load(data):
    ids = np.load(os.path.join(data, "txn_customer_id.npy"))
    day = np.load(os.path.join(data, "txn_day.npy"))
    amount = np.load(os.path.join(data, "txn_amount.npy"))
    return ids, day, amount


def pandas_rfm(ids, day, amount):
    df = pd.DataFrame({"customer_id": ids, "day": day, "amount": amount})
    g = df.groupby("customer_id").agg(last=("day", "max"), frequency=("day", "size"),
                                      monetary=("amount", "sum"))
    g["recency"] = ANALYSIS_DAY - g["last"]
    g["R"] = pd.qcut(g["recency"].rank(method="first"), 5, labels=[5, 4, 3, 2, 1]).astype(np.int64)
    g["F"] = pd.qcut(g["frequency"].rank(method="first"), 5, labels=[1, 2, 3, 4, 5]).astype(np.int64)
    g["M"] = pd.qcut(g["monetary"].rank(method="first"), 5, labels=[1, 2, 3, 4, 5]).astype(np.int64)
    return g


def ours_c(cx, ids, day, amount, binning):
    native = cx.native
    none = np.zeros(0, dtype=np.uint8)
    h = native.rfm_orders_aggregate_numeric(ids.astype(np.float64), day.astype(np.float64), amount, none,
                                            ANALYSIS_DAY, native.RFM_RETURNS_KEEP)
    o = native.rfm_opts_new()
    native.rfm_opts_set_binning(o, binning)
    scored, breaks = native.rfm_score_customers(h, None, o)
    return scored


def ours_api(cx, ids, day, amount):
    customers = cx.rfm_orders(None, ids, day, amount, analysis_date=ANALYSIS_DAY)
    scored, breaks = cx.rfm_score_customers(customers, binning="rank")
    return scored


def timed(fn, reps, quiet_wait, max_foreign):
    fn()  # warm-up (page faults of the first run, imports)
    times, foreign = [], []
    for _ in range(reps):
        wait_quiet(max_foreign, quiet_wait)
        with Foreign() as f:
            t0 = time.perf_counter()
            fn()
            t = time.perf_counter() - t0
        times.append(t)
        foreign.append(f.cpus)
    return statistics.median(times), min(times), max(foreign)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.environ.get("CXB_DATA",
                                                     os.path.expanduser("~/.cache/cx-baselines")))
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--quiet-wait", type=float, default=20.0)
    ap.add_argument("--max-foreign", type=float, default=0.3)
    args = ap.parse_args()
    if not os.path.exists(os.path.join(args.data, "txn_customer_id.npy")):
        print(f"no txn_*.npy in {args.data}: run ../shared/bench-data/gen_transactions.py (CXB_DATA)",
              file=sys.stderr)
        return 77
    import cxmetrics as cx

    ids, day, amount = load(args.data)
    print(f"data: {ids.size:,} transactions, {np.unique(ids).size:,} customers; "
          f"threads: {os.environ.get('CXM_THREADS', 'default')} (CPUs: {os.cpu_count()})")

    # correctness, same run
    g = pandas_rfm(ids, day, amount)
    h = ours_c(cx, ids, day, amount, cx.native.RFM_BIN_RANK)
    t = cx._table.frame(h, as_frame=True)
    must(np.array_equal(t["customer_id"].to_numpy(), g.index.to_numpy().astype(np.float64)), "customer ids")
    must(np.array_equal(t["recency_days"].to_numpy(), g["recency"].to_numpy(np.float64)), "recency")
    must(np.array_equal(t["transaction_count"].to_numpy(), g["frequency"].to_numpy(np.float64)), "frequency")
    rel = np.max(np.abs(t["amount"].to_numpy() - g["monetary"].to_numpy()) / np.abs(g["monetary"].to_numpy()))
    must(rel <= 1e-9, f"monetary within 1e-9 (max rel {rel:.2e})")
    for ours, theirs in (("recency_score", "R"), ("frequency_score", "F")):
        must(np.array_equal(t[ours].to_numpy().astype(np.int64), g[theirs].to_numpy()), ours + " = pandas qcut")
    # pandas' sums carry rounding errors (ours are exact), which reorder customers of equal
    # monetary value and so move a few across qcut edges: M is checked as pandas' qcut of our
    # exact amounts, and the customers whose M differs from pandas' own are counted
    m_exact = pd.qcut(t["amount"].rank(method="first"), 5, labels=[1, 2, 3, 4, 5]).astype(np.int64)
    must(np.array_equal(t["monetary_score"].to_numpy().astype(np.int64), m_exact.to_numpy()),
         "monetary_score = pandas qcut of the exact amounts")
    m_diff = int(np.sum(t["monetary_score"].to_numpy().astype(np.int64) != g["M"].to_numpy()))
    print(f"check: {len(g):,} customers: recency, frequency, R and F scores equal pandas'; M equals pandas' "
          f"qcut of the exact sums ({m_diff} customers differ from pandas' own M, from its inexact sums); "
          f"monetary max rel diff {rel:.1e}")
    del g, h, t

    rows = []
    for name, fn in (("pandas groupby+rank+qcut", lambda: pandas_rfm(ids, day, amount)),
                     ("ours C (rank = the same scores)", lambda: ours_c(cx, ids, day, amount, cx.native.RFM_BIN_RANK)),
                     ("ours C (R rfm quantile)", lambda: ours_c(cx, ids, day, amount, cx.native.RFM_BIN_QUANTILE)),
                     ("ours Python API, DataFrames", lambda: ours_api(cx, ids, day, amount))):
        hwm_mb(reset=True)
        base = hwm_mb()
        med, best, foreign = timed(fn, args.reps, args.quiet_wait, args.max_foreign)
        peak = hwm_mb() - base
        rows.append((name, med, best, foreign, peak))
    pandas_s = rows[0][1]
    print(f"\n{'variant':34s} {'median s':>9s} {'best s':>8s} {'vs pandas':>9s} {'vs anchor':>9s} "
          f"{'other CPUs':>10s} {'peak +MB':>9s}")
    for name, med, best, foreign, peak in rows:
        print(f"{name:34s} {med:9.3f} {best:8.3f} {pandas_s / med:8.2f}x {ANCHOR_S / med:8.2f}x "
              f"{foreign:10.2f} {peak:9.0f}")
    print(f"\ngoal: >= {GOAL:.0f}x pandas (anchor {ANCHOR_S} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
