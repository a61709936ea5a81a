#!/usr/bin/env python3
"""`cxm paths` and `cxm touchpoints` (issue 13; spec §23) end to end.

A seeded event log with ISO times (many events at the same second, answers
left empty) is written to a temporary folder; the transition table, top
paths and touchpoint table the command prints (CSV) must equal a plain
pandas computation written here (sort by customer, time, file row; shift;
groupby), the Wilson bounds statsmodels' proportion_confint. Then the
errors: an answer off its scale (named by column, customer, row and
event; exit 1), an unknown event and bad options (usage errors, exit 2).

    run_paths_cli_tests.py CXM ROOT
"""
import io
import os
import sys
import tempfile

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import proportion_confint

from clitest import Cli

CXM, ROOT = os.path.abspath(sys.argv[1]), sys.argv[2]
TMP = tempfile.mkdtemp(prefix="cxm_paths_cli_")
cli = Cli(CXM, ROOT, timeout=120)
check, ok, fails = cli.check, cli.ok, cli.fails

rng = np.random.default_rng(20261207)
n = 500
secs = rng.integers(0, 30, n) * 60
log = pd.DataFrame({
    "user": [f"u{k}" for k in rng.integers(0, 50, n)],
    "ts": pd.to_datetime(secs, unit="s", utc=True).strftime("%Y-%m-%dT%H:%M:%SZ"),
    "step": rng.choice(["home", "search", "cart", "pay", "help"], n),
    "sat": np.where(rng.random(n) < 0.5, rng.integers(1, 6, n), np.nan),
})
PATH = os.path.join(TMP, "events.csv")
log.to_csv(PATH, index=False, float_format="%.0f")
EV = [PATH, "--customer", "user", "--time", "ts", "--event", "step"]

s = log.assign(t=secs, row=np.arange(n)).sort_values(["user", "t", "row"], kind="mergesort")


def csv_of(out):
    return pd.read_csv(io.StringIO(out), keep_default_na=False, na_values=[""])


# transitions
g = s.groupby("user", sort=False)
pairs = s.assign(to=g["step"].shift(-1), dt=g["t"].shift(-1) - s["t"]).dropna(subset=["to"])
exp = pairs.groupby(["step", "to"]).agg(count=("dt", "size"), median_seconds=("dt", "median")).reset_index()
exp["probability"] = 100 * exp["count"] / exp.groupby("step")["count"].transform("sum")
exp = exp.assign(neg=-exp["count"]).sort_values(["step", "neg", "to"]).reset_index(drop=True)
got = csv_of(ok("paths transitions", "paths", *EV, "--format", "csv"))
check("transitions: pairs", list(zip(got["from"], got["to"])) == list(zip(exp["step"], exp["to"])))
check("transitions: counts", list(got["count"]) == list(exp["count"]))
check("transitions: probability", np.allclose(got["probability"], exp["probability"], rtol=1e-12))
check("transitions: median", np.allclose(got["median_seconds"], exp["median_seconds"], rtol=1e-12))

# top paths from each user's first "search", 3 events
counts, anchored = {}, 0
for _, grp in s.groupby("user", sort=False):
    ev = list(grp["step"])
    if "search" not in ev:
        continue
    anchored += 1
    i = ev.index("search")
    p = ev[i:i + 3] + (["(end)"] if len(ev) - i < 3 else [])
    counts[" > ".join(p)] = counts.get(" > ".join(p), 0) + 1
rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].encode()))[:5]
got = csv_of(ok("paths --from", "paths", *EV, "--from", "search", "--top", "5", "--format", "csv"))
check("top paths: paths", list(got["path"]) == [r[0] for r in rows], f"{list(got['path'])} vs {rows}")
check("top paths: customers", list(got["customers"]) == [r[1] for r in rows])
check("top paths: share", np.allclose(got["share"], [100 * r[1] / anchored for r in rows]))

# touchpoints with CSAT
last = s.groupby("user", sort=False)["step"].last().value_counts()
exp = []
for name, grp in s.groupby("step"):
    cust = grp["user"].nunique()
    drop = 100 * last.get(name, 0) / cust
    a = grp["sat"].dropna()
    x = int((a >= 4).sum())
    lo, hi = proportion_confint(x, len(a), alpha=0.05, method="wilson")
    csat = 100 * x / len(a)
    exp.append((name, cust, drop, csat, 100 * lo, 100 * hi, (drop + 100 - csat) / 2))
exp.sort(key=lambda r: (-r[6], r[0]))
got = csv_of(ok("touchpoints", "touchpoints", *EV, "--csat", "sat", "--format", "csv"))
check("touchpoints: order", list(got["event"]) == [r[0] for r in exp])
for k, col in ((1, "customers"), (2, "drop_off"), (3, "csat"), (4, "csat_lower"), (5, "csat_upper"), (6, "friction")):
    check(f"touchpoints: {col}", np.allclose(got[col], [r[k] for r in exp], rtol=1e-9), f"{list(got[col])}")
table = ok("touchpoints table", "touchpoints", *EV, "--csat", "sat")
check("touchpoints: table format has the header", table.splitlines()[0].split()[:3] == ["rank", "event", "events"])

# errors
fails("unknown start event", 2, ["the start event 'checkout' is not an event in the log", "events: "],
      "paths", *EV, "--from", "checkout")
bad = log.copy()
bad.loc[0, "sat"] = 7
BAD = os.path.join(TMP, "bad.csv")
bad.to_csv(BAD, index=False, float_format="%.0f")
fails("answer off the scale", 1, ["column 'sat'", f"customer '{log.loc[0, 'user']}'", "input row 1",
                                   f"(event '{log.loc[0, 'step']}')", "the answer 7 is off the CSAT scale 1..5"],
      "touchpoints", BAD, *EV[1:], "--csat", "sat")
fails("--from and --to", 2, ["--from EVENT or --to EVENT, not both"], "paths", *EV, "--from", "home", "--to", "pay")
fails("--length 11", 2, ["length must be 2..10 events, not 11"], "paths", *EV, "--from", "home", "--length", "11")
fails("--length not a number", 2, ["--length must be a whole number"], "paths", *EV, "--from", "home", "--length", "x")
fails("--format xml", 2, ["--format must be table, csv, json or html"], "paths", *EV, "--format", "xml")
page = ok("paths html", "paths", *EV, "--format", "html")
check("paths html: a page with the table", page.lstrip().lower().startswith("<!doctype html") and "search" in page)
page = ok("touchpoints html", "touchpoints", *EV, "--csat", "sat", "--format", "html")
check("touchpoints html: a page", "<svg" in page or "<table" in page)
fails("--csat-scale", 2, ["--csat-scale", "5..1"], "touchpoints", *EV, "--csat", "sat", "--csat-scale", "5-1")
fails("--nps-scale", 2, ["NPS scale must be 0..10 or 1..10"], "touchpoints", *EV, "--nps-scale", "1-5")
fails("--conf", 2, ["conf must be in (0, 1)"], "touchpoints", *EV, "--conf", "1.5")

cli.finish()
