#!/usr/bin/python3
"""Speed of libcxmetrics' raw-log path (spec §16: a raw export file -> the clean log -> the
CLV summary) against the pandas cleaning and summary a user writes, both timed in this run
on the same file.

    CXB_DATA=<dir> PYTHONPATH=build/bindings/python /usr/bin/python3 bench/bench_txlog.py

Input: the first --rows (default 1,000,000) rows of txn_customer_id.npy, txn_day.npy,
txn_amount.npy in $CXB_DATA (../shared/bench-data/gen_transactions.py), written once as a
raw export in the UCI Online Retail shape (seeded, cached in $CXB_DATA as
txlog_raw_<rows>.csv): CustomerID blank on 20% of the rows, Quantity 1..6 (negated on 2%:
returns), UnitPrice = amount / quantity rounded to cents, InvoiceDate "12/1/2010 8:26".

Peer (pandas, what a user writes before lifetimes' summary_data_from_transaction_data):
    df = pd.read_csv(path)
    df = df[df["CustomerID"].notna() & (df["Quantity"] > 0)]
    df["day"] = pd.to_datetime(df["InvoiceDate"], format="%m/%d/%Y %H:%M").dt.normalize()
    df["amount"] = df["Quantity"] * df["UnitPrice"]
    daily = df.groupby(["CustomerID", "day"])["amount"].sum()   # then first, last, count,
    ... frequency = days - 1, recency, T, monetary_value = (total - first day) / frequency
Ours:
  - C: cxm_txlog_read_csv + cxm_clv_summary_from_log through the binding's native calls
    (the tables left in C);
  - CLI: `cxm clv summary FILE --quantity --price --missing-ids drop --returns drop
    --date-format ... --period day` (a process, its CSV written to /dev/null).
Checks, same run: the same customers, frequency, recency and T equal pandas', monetary
within 1e-9 relative (pandas' sums round, ours are exact), the rows left out counted alike.

Timing: time.perf_counter, median of --reps runs after one untimed warm-up, each after a
wait of up to --quiet-wait s for a quiet machine; "other CPUs" is what other processes used.
Nothing here is a test: no exit status on speed.
"""
import argparse
import datetime
import os
import statistics
import subprocess
import sys
import time

import numpy as np
import pandas as pd

from benchutil import Foreign, hwm_mb, must, wait_quiet

FORMAT = "%m/%d/%Y %H:%M"
START = datetime.date(2010, 12, 1)


def raw_export(data, rows):
    """The cached raw export of the first `rows` transactions (written once)."""
    path = os.path.join(data, f"txlog_raw_{rows}.csv")
    if os.path.exists(path):
        return path
    ids = np.load(os.path.join(data, "txn_customer_id.npy"), mmap_mode="r")[:rows]
    day = np.load(os.path.join(data, "txn_day.npy"), mmap_mode="r")[:rows]
    amount = np.load(os.path.join(data, "txn_amount.npy"), mmap_mode="r")[:rows]
    rng = np.random.default_rng(11)
    qty = rng.integers(1, 7, rows)
    price = np.round(np.asarray(amount) / qty, 2)
    qty = np.where(rng.random(rows) < 0.02, -qty, qty)
    hour, minute = rng.integers(6, 22, rows), rng.integers(0, 60, rows)
    dates = [START + datetime.timedelta(days=int(d)) for d in range(int(day.max()) + 1)]
    text = [f"{d.month}/{d.day}/{d.year}" for d in dates]
    cust = np.where(rng.random(rows) < 0.2, "", np.asarray(ids).astype(str))
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write("InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n")
        for i in range(rows):
            f.write(f"{536365 + i},85123A,{qty[i]},{text[day[i]]} {hour[i]}:{minute[i]:02d},{price[i]:.2f},"
                    f"{cust[i]},United Kingdom\n")
    os.replace(tmp, path)
    return path


def pandas_summary(path):
    df = pd.read_csv(path)
    n = len(df)
    missing = int(df["CustomerID"].isna().sum())
    df = df[df["CustomerID"].notna()]
    returns = int((df["Quantity"] < 0).sum())
    df = df[df["Quantity"] > 0].copy()
    df["day"] = pd.to_datetime(df["InvoiceDate"], format=FORMAT).dt.normalize()
    df["amount"] = df["Quantity"] * df["UnitPrice"]
    end = df["day"].max()
    daily = df.groupby(["CustomerID", "day"])["amount"].sum().reset_index()
    g = daily.groupby("CustomerID")
    first, last = g["day"].min(), g["day"].max()
    freq = g.size() - 1
    total, first_amount = g["amount"].sum(), g["amount"].first()
    out = pd.DataFrame({"frequency": freq, "recency": (last - first).dt.days, "T": (end - first).dt.days,
                        "monetary_value": np.where(freq > 0, (total - first_amount) / freq.where(freq > 0, 1), 0.0)})
    out.index = out.index.astype(np.int64).astype(str)
    return out.sort_index(), (n, missing, returns)


def ours_c(cx, path):
    log = sys.modules["cxmetrics.txlog"].native_log_csv(path, "CustomerID", "InvoiceDate", None, "Quantity", "UnitPrice",
                                  returns="drop", missing_ids="drop", date_format=FORMAT)
    return cx.native.clv_summary_from_log(log, float("nan"), float("nan"), cx.native.CLV_DAYS)


def ours_cli(cxm, path):
    with open(os.devnull, "w") as null:
        subprocess.run([cxm, "clv", "summary", path, "--customer", "CustomerID", "--date", "InvoiceDate",
                        "--date-format", FORMAT, "--quantity", "Quantity", "--price", "UnitPrice",
                        "--missing-ids", "drop", "--returns", "drop", "--period", "day"],
                       stdout=null, stderr=subprocess.DEVNULL, check=True)


def timed(fn, reps, quiet_wait, max_foreign):
    fn()  # warm-up (page cache, imports)
    times, foreign = [], []
    for _ in range(reps):
        wait_quiet(max_foreign, quiet_wait)
        with Foreign() as f:
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        foreign.append(f.cpus)
    return statistics.median(times), min(times), max(foreign)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.environ.get("CXB_DATA", os.path.expanduser("~/.cache/cx-baselines")))
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--quiet-wait", type=float, default=20.0)
    ap.add_argument("--max-foreign", type=float, default=0.3)
    ap.add_argument("--cxm", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "build",
                                                  "tools", "cxm", "cxm"))
    args = ap.parse_args()
    if not os.path.exists(os.path.join(args.data, "txn_customer_id.npy")):
        print(f"no txn_*.npy in {args.data}: run ../shared/bench-data/gen_transactions.py (CXB_DATA)",
              file=sys.stderr)
        return 77
    import cxmetrics as cx

    path = raw_export(args.data, args.rows)
    print(f"data: {path} ({os.path.getsize(path) / 1e6:.0f} MB, {args.rows:,} rows)")

    # correctness, same run
    ref, (n, missing, returns) = pandas_summary(path)
    s = cx._table.frame(ours_c(cx, path), as_frame=True)
    must(list(s.index) == list(ref.index), "the same customers")
    for col in ("frequency", "recency", "T"):
        must(np.array_equal(s[col].to_numpy(), ref[col].to_numpy(np.float64)), col + " = pandas")
    m, r = s["monetary_value"].to_numpy(), ref["monetary_value"].to_numpy()
    rel = np.max(np.abs(m - r) / np.maximum(np.abs(r), 1e-300))
    must(rel <= 1e-9, f"monetary_value within 1e-9 (max rel {rel:.1e})")
    must((s.attrs["rows"], s.attrs["missing_id_rows"], s.attrs["dropped_return_rows"]) == (n, missing, returns),
         "the rows left out, by reason")
    print(f"check: {len(s):,} customers: frequency, recency, T equal pandas'; monetary max rel diff {rel:.1e}; "
          f"{missing:,} rows without an id and {returns:,} returns left out, as pandas counts them")
    del s, ref

    rows = []
    for name, fn in (("pandas read_csv + cleaning + summary", lambda: pandas_summary(path)),
                     ("ours C (txlog_read_csv + summary)", lambda: ours_c(cx, path)),
                     ("ours cxm clv summary (a process)", lambda: ours_cli(args.cxm, path))):
        hwm_mb(reset=True)
        base = hwm_mb()
        med, best, foreign = timed(fn, args.reps, args.quiet_wait, args.max_foreign)
        rows.append((name, med, best, foreign, hwm_mb() - base))
    pandas_s = rows[0][1]
    print(f"\n{'variant':38s} {'median s':>9s} {'best s':>8s} {'vs pandas':>9s} {'other CPUs':>10s} {'peak +MB':>9s}")
    for name, med, best, foreign, peak in rows:
        print(f"{name:38s} {med:9.3f} {best:8.3f} {pandas_s / med:8.2f}x {foreign:10.2f} {peak:9.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
