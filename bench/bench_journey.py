#!/usr/bin/python3
"""Funnel and cohorts on the seeded event log (issue 13): `cxm funnel` and `cxm cohort` against
the pandas way, in one run on the same file.

    CXB_DATA=<data dir> /usr/bin/python3 bench/bench_journey.py [--data DIR] [--small]
        [--build build-bench] [--rounds 1] [--no-md5] [--only funnel|cohort]

The file is DIR/events_10M.csv (--small: events_100k.csv) from bench/gen_events.py, its md5
checked against the one recorded there (--no-md5 skips the check). The data directory comes
from --data or $CXB_DATA, never from the repository.

  funnel  ours    `cxm funnel FILE --customer customer_id --time time --event event
                   --steps visit,view,cart,checkout,purchase --window 7d --mode ordered --format csv`
          pandas  read_csv(dtype) and to_datetime(utc=True) (faster than parse_dates on these
                  times in pandas 1.5), a sort by customer, time and file row, then per step a
                  merge_asof (forward, by customer, on the position in that order) of the step's
                  events onto the attempts that reached the step before, keeping the matches
                  within 7 days of the attempt's first step; per customer the attempt reaching
                  the most steps (the earliest on a tie); customers per step and seconds to the
                  next step (mean, median, p90).
  cohort  ours    `cxm cohort FILE --customer customer_id --time time --event event --amount amount
                   --every month --nan-policy omit --format csv` (only purchases have an amount:
                   omit leaves the empty ones out of the revenue, as pandas' sum skips NaN)
          pandas  read_csv and to_datetime, month number of each event, the customer's first month (groupby
                  transform min), then groupby(cohort, months since): active customers and revenue.

Before anything is reported the numbers are checked equal: funnel customers per step (exact)
and the seconds to the next step (1e-9 relative); cohort customers and active customers (exact)
and revenue per cohort and period (1e-9 relative: the sums add in a different order).

Each side runs as a child process: wall time and CPU time (median of --rounds; the first
round's output is the one checked), the child's own peak RSS (os.wait4's ru_maxrss), and the
CPUs other processes used meanwhile (a busy machine makes wall times noisy: rerun quietly).
The file is read once beforehand so that the page cache favours no side.
"""
import argparse
import csv
import hashlib
import io
import json
import math
import os
import statistics
import sys

from bench_survey import run_rss
from benchutil import Foreign, wait_quiet
import gen_events

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

STEPS = ["visit", "view", "cart", "checkout", "purchase"]
WINDOW = "7d"

# The funnel as a data scientist writes it in pandas (argv: file, steps, window in days).
PANDAS_FUNNEL = r"""
import json, sys
import numpy as np
import pandas as pd

path, steps, window = sys.argv[1], sys.argv[2].split(","), pd.Timedelta(days=float(sys.argv[3]))
df = pd.read_csv(path, usecols=["customer_id", "time", "event"], dtype={"event": "category"})
df["time"] = pd.to_datetime(df["time"], utc=True)
# Each customer's events in time order, same-second events in the file's order.
df["row"] = np.arange(len(df))
df = df.sort_values(["customer_id", "time", "row"], ignore_index=True)
df["pos"] = np.arange(len(df))  # "later" = a larger position (same second, later row included)

# An attempt starts at every event of step 1; step j is the first step-j event after the
# attempt's step j-1, if it lies within the window from step 1.
attempts = df.loc[df["event"] == steps[0], ["customer_id", "pos", "time"]]
attempts = attempts.rename(columns={"pos": "pos1", "time": "t1"})
alive = attempts
for j in range(2, len(steps) + 1):
    step = df.loc[df["event"] == steps[j - 1], ["customer_id", "pos", "time"]]
    step = step.rename(columns={"pos": f"pos{j}", "time": f"t{j}"})
    alive = pd.merge_asof(alive, step, left_on=f"pos{j - 1}", right_on=f"pos{j}", by="customer_id",
                          direction="forward", allow_exact_matches=False)
    alive = alive[alive[f"t{j}"] <= alive["t1"] + window]
    alive = alive.astype({f"pos{j}": "int64"}).sort_values(f"pos{j}")
    attempts = attempts.merge(alive[["pos1", f"t{j}"]], on="pos1", how="left")

# Per customer the attempt reaching the most steps; the attempts are in the log's order, so
# a stable sort by steps keeps the earliest first among equals.
t = [f"t{j}" for j in range(1, len(steps) + 1)]
attempts["steps"] = attempts[t].notna().sum(axis=1)
best = attempts.sort_values("steps", ascending=False, kind="stable").drop_duplicates("customer_id")
out = []
for j in range(1, len(steps) + 1):
    row = {"step": j, "event": steps[j - 1], "customers": int((best["steps"] >= j).sum())}
    if j < len(steps):
        s = (best[f"t{j + 1}"] - best[f"t{j}"]).dt.total_seconds().dropna()
        row.update(mean=s.mean(), median=s.median(), p90=s.quantile(0.9))
    out.append(row)
print(json.dumps(out))
"""

# Monthly cohorts with revenue, as a data scientist writes them in pandas (argv: file).
PANDAS_COHORT = r"""
import json, sys
import pandas as pd

df = pd.read_csv(sys.argv[1], usecols=["customer_id", "time", "amount"])
df["time"] = pd.to_datetime(df["time"], utc=True)
df["month"] = df["time"].dt.year * 12 + df["time"].dt.month - 1
df["cohort"] = df.groupby("customer_id")["month"].transform("min")
df["period"] = df["month"] - df["cohort"]
size = df.groupby("cohort")["customer_id"].nunique()
table = df.groupby(["cohort", "period"]).agg(active=("customer_id", "nunique"), revenue=("amount", "sum"))
out = [{"cohort": f"{c // 12:04d}-{c % 12 + 1:02d}-01", "period": int(p), "customers": int(size[c]),
        "active": int(r.active), "revenue": float(r.revenue)} for (c, p), r in table.iterrows()]
print(json.dumps(out))
"""


def data_file(args):
    d = args.data or os.environ.get("CXB_DATA")
    if not d:
        sys.exit("bench_journey: give the data directory with --data DIR or $CXB_DATA")
    customers = gen_events.SMALL_CUSTOMERS if args.small else gen_events.CUSTOMERS
    path = os.path.join(d, gen_events.default_name(customers))
    if not os.path.exists(path):
        sys.exit(f"bench_journey: {path} is missing: CXB_DATA={d} /usr/bin/python3 bench/gen_events.py"
                 + (" --small" if args.small else ""))
    # Reading it all also puts it in the page cache before either side runs.
    md5 = hashlib.md5()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 22), b""):
            md5.update(chunk)
    want = gen_events.RECORDED_MD5[customers]
    if not args.no_md5 and md5.hexdigest() != want:
        sys.exit(f"bench_journey: {path} has md5 {md5.hexdigest()}, not the recorded {want}: "
                 "regenerate it with bench/gen_events.py")
    return path


def timed(cmd, rounds):
    """rounds runs of a child: (first output, median wall, median CPU, peak MB, other CPUs)."""
    walls, cpus, others, peak, first = [], [], [], 0.0, None
    for _ in range(rounds):
        wait_quiet(0.3, 10)
        with Foreign() as f:
            out, wall, rss, cpu = run_rss(cmd)
        first = out if first is None else first
        walls.append(wall)
        cpus.append(cpu)
        peak = max(peak, rss)
        others.append(max(0.0, f.cpus - cpu / wall))  # Foreign counts the child as another process
    return first, statistics.median(walls), statistics.median(cpus), peak, statistics.median(others)


def csv_rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def close(a, b):
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return abs(a - b) <= 1e-9 * max(1.0, abs(b))


def number(text):
    return float(text) if text != "" else math.nan  # the writers print NaN as an empty field


def check_funnel(ours_csv, pandas_json):
    ours, theirs = csv_rows(ours_csv), json.loads(pandas_json)
    if [int(r["step"]) for r in ours] != [r["step"] for r in theirs]:
        sys.exit(f"bench_journey: funnel steps differ: ours {[r['step'] for r in ours]}")
    for o, p in zip(ours, theirs):
        if int(number(o["customers"])) != p["customers"]:
            sys.exit(f"bench_journey: funnel step {p['step']} ({p['event']}): ours {o['customers']} "
                     f"customers, pandas {p['customers']}")
        for ours_col, key in (("mean_seconds_to_next", "mean"), ("median_seconds_to_next", "median"),
                              ("p90_seconds_to_next", "p90")):
            want = p.get(key, math.nan)
            if not close(number(o[ours_col]), want):
                sys.exit(f"bench_journey: funnel step {p['step']} {ours_col}: ours {o[ours_col]}, pandas {want!r}")
    return [p["customers"] for p in theirs]


def check_cohort(ours_csv, pandas_json):
    ours = {(r["cohort"], int(number(r["period"]))): r for r in csv_rows(ours_csv)}
    theirs = {(r["cohort"], r["period"]): r for r in json.loads(pandas_json)}
    missing = sorted(set(theirs) - set(ours))
    if missing:
        sys.exit(f"bench_journey: cohort cells pandas has and ours lacks: {missing[:5]}")
    for key, o in ours.items():
        # The triangle can hold cells where nobody was active: pandas has no row for them.
        p = theirs.get(key, {"customers": None, "active": 0, "revenue": 0.0})
        if p["customers"] is not None and int(number(o["customers"])) != p["customers"]:
            sys.exit(f"bench_journey: cohort {key} customers: ours {o['customers']}, pandas {p['customers']}")
        if int(number(o["active"])) != p["active"]:
            sys.exit(f"bench_journey: cohort {key} active: ours {o['active']}, pandas {p['active']}")
        if not close(number(o["revenue"]), p["revenue"]):
            sys.exit(f"bench_journey: cohort {key} revenue: ours {o['revenue']}, pandas {p['revenue']!r}")
    return len(ours)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", help="the data directory (default: $CXB_DATA)")
    ap.add_argument("--small", action="store_true", help="the 100k-event file (events_100k.csv)")
    ap.add_argument("--build", default=os.path.join(ROOT, "build-bench"),
                    help="the meson build directory of a release build [build-bench]")
    ap.add_argument("--rounds", type=int, default=1, help="timed runs of each side [1]")
    ap.add_argument("--no-md5", action="store_true", help="do not check the file's md5")
    ap.add_argument("--only", choices=("funnel", "cohort"), help="one of the two workloads")
    args = ap.parse_args()
    path = data_file(args)
    cxm = os.path.join(args.build, "tools", "cxm", "cxm")
    if not os.path.exists(cxm):
        sys.exit(f"bench_journey: {cxm} is missing: build it (bench/README.md, 'Issue 13 at a glance')")
    columns = ["--customer", "customer_id", "--time", "time", "--event", "event"]
    work = {
        "funnel": ([cxm, "funnel", path, *columns, "--steps", ",".join(STEPS), "--window", WINDOW,
                    "--mode", "ordered", "--format", "csv"],
                   [sys.executable, "-c", PANDAS_FUNNEL, path, ",".join(STEPS), WINDOW.rstrip("d")],
                   check_funnel),
        "cohort": ([cxm, "cohort", path, *columns, "--amount", "amount", "--every", "month",
                    "--nan-policy", "omit", "--format", "csv"],
                   [sys.executable, "-c", PANDAS_COHORT, path],
                   check_cohort),
    }
    size_mb = os.path.getsize(path) / 1e6
    print(f"{path}: {size_mb:.0f} MB; {args.rounds} round(s) per side", flush=True)
    results = []
    for name, (ours_cmd, pandas_cmd, check) in work.items():
        if args.only and name != args.only:
            continue
        ours = timed(ours_cmd, args.rounds)
        theirs = timed(pandas_cmd, args.rounds)
        what = check(ours[0], theirs[0])
        if name == "funnel":
            print(f"funnel: customers per step equal ({' > '.join(map(str, what))}), and the seconds to next")
        else:
            print(f"cohort: {what} cohort x period cells equal (customers, active, revenue)")
        results.append((f"cxm {name}", *ours[1:]))
        results.append((f"pandas {name}", *theirs[1:]))
    # The ratio is pandas over ours, of wall time (what a user waits) and of CPU time (what a
    # shared machine distorts least; ours may use both cores, pandas one).
    print(f"\n{'variant':<15} {'wall s':>8} {'CPU s':>8} {'peak MB':>8} {'other CPUs':>10} "
          f"{'ratio wall':>10} {'ratio CPU':>10}")
    for i, (name, wall, cpu, rss, other) in enumerate(results):
        ratios = (f"{results[i + 1][1] / wall:9.1f}x {results[i + 1][2] / cpu:9.1f}x" if i % 2 == 0 else "")
        print(f"{name:<15} {wall:8.2f} {cpu:8.2f} {rss:8.0f} {other:10.2f} {ratios}")
    if len(results) == 4:
        ours_s, pandas_s = results[0][1] + results[2][1], results[1][1] + results[3][1]
        print(f"both: ours {ours_s:.2f} s, pandas {pandas_s:.2f} s (wall): {pandas_s / ours_s:.1f}x (goal >= 10x)")


if __name__ == "__main__":
    main()
