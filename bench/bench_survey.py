#!/usr/bin/python3
"""The survey report on the 10M-row survey file (~949 MB, ../shared/bench-data/gen_survey_csv.py):
ours against the pandas way, end to end, and the CSV readers alone.

    CXB_DATA=<data dir> /usr/bin/python3 bench/bench_survey.py [--data DIR] [--build build]
        [--rounds 3] [--reader-only] [--rows N]

The data directory comes from --data or $CXB_DATA (never written into the repo); the file is
DIR/survey_10M.csv (generate it with `CXB_DATA=DIR /usr/bin/python3
../shared/bench-data/gen_survey_csv.py`, md5 in ../shared/bench-data/data_md5.txt).

End to end (the issue's goal: >= 10x pandas, peak RSS < 200 MB):
  ours    `cxm survey FILE --by channel --time timestamp --every month --format csv`
  pandas  read_csv(usecols, dtype={channel: category, nps/csat/ces: int8},
          parse_dates=[timestamp]), then per channel x month: NPS (100 x (share of 9-10 minus
          share of 0-6)), CSAT % satisfied (4-5 of 1..5), CES mean; what a user would write.
  Before timing, the numbers of both are checked equal (each channel x month cell, 1e-9).

The readers alone (--reader-only, or after the end-to-end part): bench/bench_chunks (C, the
build's) counts the rows and sums the nps column
  chunks 1 / chunks 2  the parallel chunk reader (cxm__csv_chunks_read) on 1 and 2 threads
  csv                  the streaming reader (cxm_csv_next + cxm_csv_field_double)
  raw                  no parsing: the file's bytes read and their line ends counted
  pandas               read_csv(usecols=["nps"], dtype int8) and its sum
all checked to give the same row count and sum.

Each variant runs as a child process; wall time (best and median of --rounds, after one
untimed warm-up that also puts the file in the page cache) and the child's peak RSS
(os.wait4's ru_maxrss). The CPUs other processes used meanwhile are reported: a busy
machine makes wall times noisy. Nothing here is a test.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

from benchutil import Foreign, wait_quiet

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

PANDAS_READER = r"""
import sys, pandas as pd
df = pd.read_csv(sys.argv[1], usecols=["nps"], dtype={"nps": "int8"})
print(f"rows={len(df)} sum={int(df.nps.to_numpy().sum(dtype='int64'))}")
"""

PANDAS_REPORT = r"""
import sys, pandas as pd
df = pd.read_csv(sys.argv[1], usecols=["timestamp", "channel", "nps", "csat", "ces"],
                 dtype={"channel": "category", "nps": "int8", "csat": "int8", "ces": "int8"},
                 parse_dates=["timestamp"])
df["month"] = df["timestamp"].dt.tz_localize(None).dt.to_period("M")
df["promoter"] = df["nps"] >= 9
df["detractor"] = df["nps"] <= 6
df["satisfied"] = df["csat"] >= 4
g = df.groupby(["channel", "month"], observed=True).agg(
    n=("nps", "size"), p=("promoter", "mean"), d=("detractor", "mean"),
    csat=("satisfied", "mean"), ces=("ces", "mean"))
for (channel, month), r in g.iterrows():
    month = month.start_time.strftime("%Y-%m-%d")  # the report's period: the first day
    print(f"{channel},{month},nps,{100.0 * (r.p - r.d)!r}")
    print(f"{channel},{month},csat,{100.0 * r.csat!r}")
    print(f"{channel},{month},ces,{r.ces!r}")
"""

PANDAS_SUMMARY = r"""
import json, sys, pandas as pd
df = pd.read_csv(sys.argv[1], usecols=["timestamp", "channel", "nps", "csat", "ces"],
                 dtype={"channel": "category", "nps": "int8", "csat": "int8", "ces": "int8"},
                 parse_dates=["timestamp"])
df["month"] = df["timestamp"].dt.tz_localize(None).dt.to_period("M").dt.start_time.dt.strftime("%Y-%m-%d")
df["channel"] = df["channel"].astype(str)
df["P"] = df["nps"] >= 9
df["D"] = df["nps"] <= 6
df["sat"] = df["csat"] >= 4
df["agree"] = df["ces"] >= 4
spec = dict(n=("nps", "size"), P=("P", "sum"), D=("D", "sum"), sat=("sat", "sum"), agree=("agree", "sum"),
            csat_mean=("csat", "mean"), csat_sd=("csat", "std"), ces_mean=("ces", "mean"), ces_sd=("ces", "std"))
out = []
for keys, g in (("channel", df.groupby(["channel", "month"])), (None, df.groupby(["month"]))):
    for k, r in g.agg(**spec).iterrows():
        ch, month = (k if keys else ("(all)", k if isinstance(k, str) else k[0]))
        out.append(dict(channel=ch, month=month, **{c: float(r[c]) for c in spec}))
print(json.dumps(out))
"""


def data_file(args):
    d = args.data or os.environ.get("CXB_DATA")
    if not d:
        sys.exit("bench_survey: give the data directory with --data DIR or $CXB_DATA")
    path = os.path.join(d, "survey_10M.csv")
    if not os.path.exists(path):
        sys.exit(f"bench_survey: {path} is missing: CXB_DATA={d} /usr/bin/python3 "
                 "../shared/bench-data/gen_survey_csv.py")
    return path


def run_rss(cmd):
    """Run a child: its stdout, wall seconds, own peak RSS (MB) and CPU seconds (wait4 of its pid)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = p.stdout.read()
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({code}): {err.decode()[-2000:]}")
    return out.decode(), wall, usage.ru_maxrss / 1024.0, usage.ru_utime + usage.ru_stime


def parse_kv(out):
    kv = dict(x.split("=", 1) for x in out.split())
    return int(kv["rows"]), float(kv["sum"])


def timed(name, cmd, rounds):
    """Warm-up, then rounds; returns (first output, best, median, peak MB, other CPUs)."""
    out = run_rss(cmd)[0]
    walls, rss, others = [], 0.0, []
    for _ in range(rounds):
        wait_quiet(0.3, 10)
        with Foreign() as f:
            _, wall, peak, cpu = run_rss(cmd)
        walls.append(wall)
        rss = max(rss, peak)
        others.append(max(0.0, f.cpus - cpu / wall))  # Foreign counts the child as another process
    return out, min(walls), statistics.median(walls), rss, statistics.median(others)


def reader_bench(path, args):
    exe = os.path.join(args.build, "bench", "bench_chunks")
    if not os.path.exists(exe):
        sys.exit(f"bench_survey: {exe} is missing: meson compile -C {args.build} bench/bench_chunks")
    variants = [
        ("chunks, 1 thread", [exe, "chunks", path, "1"]),
        ("chunks, 2 threads", [exe, "chunks", path, "2"]),
        ("csv (streaming)", [exe, "csv", path]),
        ("raw bytes", [exe, "raw", path]),
        ("pandas read_csv", [sys.executable, "-c", PANDAS_READER, path]),
    ]
    results = []
    ref = None
    for name, cmd in variants:
        out, best, med, rss, other = timed(name, cmd, args.rounds)
        rows, total = parse_kv(out)
        if name != "raw bytes":
            if ref is None:
                ref = (rows, total)
            elif (rows, total) != ref:
                sys.exit(f"bench_survey: {name} gives rows={rows} sum={total}, expected {ref}")
        elif rows != ref[0]:
            sys.exit(f"bench_survey: {rows} line ends, {ref[0]} rows")
        results.append((name, best, med, rss, other))
        print(f"  {name}: best {best:.3f} s, median {med:.3f} s, peak {rss:.0f} MB, other CPUs {other:.2f}",
              flush=True)
    pandas_med = results[-1][2]
    print(f"\nreaders alone, {path} ({os.path.getsize(path) / 1e6:.0f} MB, {ref[0]} rows, sum of nps {ref[1]:.0f}),"
          f" {args.rounds} rounds")
    print(f"{'variant':<20} {'best s':>8} {'median s':>9} {'peak MB':>8} {'vs pandas':>10} {'other CPUs':>10}")
    for name, best, med, rss, other in results:
        print(f"{name:<20} {best:8.3f} {med:9.3f} {rss:8.0f} {pandas_med / med:9.1f}x {other:10.2f}")


def parse_cells(text):
    """(channel, period, metric) -> score from the CELLS table as CSV (spec §18 schema)."""
    lines = text.splitlines()
    head = lines[0].split(",")
    ci, pi, mi, si = head.index("channel"), head.index("period"), head.index("metric"), head.index("score")
    cells = {}
    for line in lines[1:]:
        f = line.split(",")
        if f[ci] == "(all)" or f[mi] not in ("nps", "csat", "ces"):
            continue
        cells[(f[ci], f[pi], f[mi])] = float(f[si])
    return cells


def verify_tests(path, ours_csv):
    """Changes, p-values and Holm-adjusted p-values of the report's cells against pandas sums
    and the spec's tests written here (§18.3): NPS by §1.6 (adjusted Wald), CSAT % and CES %
    agree by statsmodels' pooled z, the means by Welch's t (scipy, from the summaries).
    Untimed; p-values to 1e-9 absolute (scipy's t tail is not exact to the last bit)."""
    import json
    import math
    from scipy import stats
    from statsmodels.stats.multitest import multipletests
    from statsmodels.stats.proportion import proportions_ztest
    out, _, _, _ = run_rss([sys.executable, "-c", PANDAS_SUMMARY, path])
    cells = {(r["channel"], r["month"]): r for r in json.loads(out)}
    z = stats.norm.ppf(0.975)

    def score(r, metric):
        return {"nps": 100 * (r["P"] - r["D"]) / r["n"], "csat": 100 * r["sat"] / r["n"],
                "ces_agree": 100 * r["agree"] / r["n"], "csat_mean": r["csat_mean"], "ces": r["ces_mean"]}[metric]

    def adj(r):
        n = r["n"] + 3
        p, d = (r["P"] + 0.75) / n, (r["D"] + 0.75) / n
        return 100 * (p - d), 100 * math.sqrt(max(p + d - (p - d) ** 2, 0.0) / n)

    def pvalue(a, b, metric):
        if metric == "nps":
            (ca, sa), (cb, sb) = adj(a), adj(b)
            return 2 * stats.norm.sf(abs(ca - cb) / math.hypot(sa, sb))
        if metric in ("csat", "ces_agree"):
            k = "sat" if metric == "csat" else "agree"
            return proportions_ztest([a[k], b[k]], [a["n"], b["n"]])[1]
        m = "csat" if metric == "csat_mean" else "ces"
        return stats.ttest_ind_from_stats(a[m + "_mean"], a[m + "_sd"], a["n"], b[m + "_mean"], b[m + "_sd"],
                                          b["n"], equal_var=False)[1]

    lines = ours_csv.splitlines()
    head = lines[0].split(",")
    col = {h: i for i, h in enumerate(head)}
    months = sorted({m for _, m in cells})
    rows, family = [], []
    for line in lines[1:]:
        f = line.split(",")
        ch, month, metric = f[col["channel"]], f[col["period"]], f[col["metric"]]
        if metric not in ("nps", "csat", "csat_mean", "ces", "ces_agree") or f[col["suppressed"]] != "0":
            continue
        i = months.index(month)
        if i == 0 or (ch, months[i - 1]) not in cells:
            continue
        a, b = cells[(ch, month)], cells[(ch, months[i - 1])]
        change = score(a, metric) - score(b, metric)
        got_change, got_p = float(f[col["change"]]), float(f[col["p_value"]])
        if abs(got_change - change) > 1e-9 * max(1.0, abs(change)):
            sys.exit(f"bench_survey: change of {(ch, month, metric)}: ours {got_change!r}, pandas {change!r}")
        p = pvalue(a, b, metric)
        if abs(got_p - p) > 1e-9:
            sys.exit(f"bench_survey: p-value of {(ch, month, metric)}: ours {got_p!r}, expected {p!r}")
        rows.append(float(f[col["p_adjusted"]]))
        family.append(p)
    holm = multipletests(family, method="holm")[1]
    for got, want in zip(rows, holm):
        if abs(got - want) > 1e-9:
            sys.exit(f"bench_survey: a Holm-adjusted p-value: ours {got!r}, statsmodels {want!r}")
    print(f"end to end, {len(family)} changes, their p-values and Holm-adjusted p-values equal "
          "(pandas sums, spec §1.6, statsmodels, scipy)")


def report_bench(path, args):
    cxm = os.path.join(args.build, "tools", "cxm", "cxm")
    ours_cmd = [cxm, "survey", path, "--by", "channel", "--time", "timestamp", "--every", "month",
                "--format", "csv"]
    pandas_cmd = [sys.executable, "-c", PANDAS_REPORT, path]
    probe = subprocess.run([cxm, "survey", "--help"], capture_output=True, text=True)
    if "--by" not in probe.stdout + probe.stderr:
        print("end to end: skipped, this build's `cxm survey` has no --by/--time yet (the engine's branch)")
        return
    ours, best_o, med_o, rss_o, oth_o = timed("cxm survey", ours_cmd, args.rounds)
    theirs, best_p, med_p, rss_p, oth_p = timed("pandas", pandas_cmd, args.rounds)
    a = parse_cells(ours)
    b = {}
    for line in theirs.splitlines():
        ch, month, metric, value = line.split(",")
        b[(ch, month, metric)] = float(value)
    if set(a) != set(b):
        sys.exit(f"bench_survey: the cells differ: ours only {sorted(set(a) - set(b))[:5]}, "
                 f"pandas only {sorted(set(b) - set(a))[:5]}")
    for k in b:
        if abs(a[k] - b[k]) > 1e-9 * max(1.0, abs(b[k])):
            sys.exit(f"bench_survey: {k}: ours {a[k]!r}, pandas {b[k]!r}")
    print(f"\nend to end, {len(b)} channel x month x metric cells equal")
    verify_tests(path, ours)
    print(f"{'variant':<12} {'best s':>8} {'median s':>9} {'peak MB':>8} {'other CPUs':>10}")
    print(f"{'cxm survey':<12} {best_o:8.3f} {med_o:9.3f} {rss_o:8.0f} {oth_o:10.2f}")
    print(f"{'pandas':<12} {best_p:8.3f} {med_p:9.3f} {rss_p:8.0f} {oth_p:10.2f}")
    print(f"ratio (median): {med_p / med_o:.1f}x (goal >= 10x); peak RSS {rss_o:.0f} MB (goal < 200 MB)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", help="the data directory (default: $CXB_DATA)")
    ap.add_argument("--build", default=os.path.join(ROOT, "build"), help="the meson build directory")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--reader-only", action="store_true", help="only the CSV readers")
    args = ap.parse_args()
    path = data_file(args)
    if not args.reader_only:
        report_bench(path, args)
    reader_bench(path, args)


if __name__ == "__main__":
    main()
