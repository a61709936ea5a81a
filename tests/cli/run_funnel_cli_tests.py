#!/usr/bin/env python3
"""`cxm funnel` end to end (spec §22).

A seeded random event file (ISO-8601 times, many at the same second, a
channel column) through `cxm funnel` in every format: the steps table
(csv and json), the next events and the group tests (json) must equal a
plain Python funnel written here from the §22 rules (greedy attempts, the
best one per customer, the inclusive window), numpy's type-7 percentiles,
statsmodels' Wilson interval, proportions_ztest and multipletests. Then the
refusals: each names the option, the step or the file's line.

    run_funnel_cli_tests.py CXM ROOT
"""
import csv
import io
import json
import math
import os
import sys
import tempfile
from collections import Counter
from datetime import datetime, timezone

import numpy as np
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

from clitest import Cli

CXM, ROOT = os.path.abspath(sys.argv[1]), sys.argv[2]
TMP = tempfile.mkdtemp(prefix="cxm_funnel_cli_")
cli = Cli(CXM, ROOT, timeout=120)
run, check, ok, ok_json, fails = cli.run, cli.check, cli.ok, cli.ok_json, cli.fails

# ---- the file -----------------------------------------------------------------------------
rng = np.random.default_rng(13)
N, C = 3000, 250
names = ["visit", "view", "cart", "buy", "other"]
T0 = 1704067200  # 2024-01-01T00:00:00Z
rows = []
for i in range(N):
    rows.append(("c%d" % rng.integers(0, C), T0 + int(rng.integers(0, 2000)) * 30,
                 names[rng.choice(5, p=[0.3, 0.3, 0.2, 0.1, 0.1])], ["web", "app", "mail"][rng.integers(0, 3)]))
EVENTS = os.path.join(TMP, "events.csv")
with open(EVENTS, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["customer", "ts", "what", "channel"])
    for c, t, e, ch in rows:
        w.writerow([c, datetime.fromtimestamp(t, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), e, ch])
COLS = ["--customer", "customer", "--time", "ts", "--event", "what"]
STEPS = ["visit", "view", "cart", "buy"]
W = 3600.0


# ---- the reference --------------------------------------------------------------------------
def reference(mode):
    per = {}
    for r, (c, t, e, ch) in enumerate(rows):
        per.setdefault(c, []).append((t, r, e, ch))
    res = []
    for c, evs in per.items():
        evs.sort()
        ev = [x[2] for x in evs]
        t = [x[0] for x in evs]
        best = []
        for i in range(len(ev)):
            if (ev[i] not in STEPS) if mode == "any" else ev[i] != STEPS[0]:
                continue
            lim, pos = t[i] + W, ([] if mode == "any" else [i])
            need = Counter(STEPS)
            j = i if mode == "any" else i + 1
            while j < len(ev) and t[j] <= lim and len(pos) < len(STEPS):
                if mode == "any":
                    if need[ev[j]] > 0:
                        need[ev[j]] -= 1
                        pos.append(j)
                elif ev[j] == STEPS[len(pos)]:
                    pos.append(j)
                elif mode == "strict":
                    break
                j += 1
            if len(pos) > len(best):
                best = pos
        res.append((len(best), best, ev, t, evs[best[0]][3] if best else None))
    return res


def steps_rows(res):
    k = len(STEPS)
    cnt = [sum(1 for r in res if r[0] > j) for j in range(k)]
    out = []
    for j in range(k):
        prev = cnt[j - 1] if j else cnt[0]
        lo = hi = None
        if j and prev:
            lo, hi = (100 * v for v in proportion_confint(cnt[j], prev, method="wilson"))
        times = [r[3][r[1][j + 1]] - r[3][r[1][j]] for r in res if r[0] > j + 1] if j + 1 < k else []
        out.append({"step": j + 1, "event": STEPS[j], "customers": cnt[j],
                    "conversion": 100 * cnt[j] / prev if prev else None, "lower": lo, "upper": hi,
                    "drop_off": 100 - 100 * cnt[j + 1] / cnt[j] if j + 1 < k and cnt[j] else None,
                    "overall": 100 * cnt[j] / cnt[0] if cnt[0] else None,
                    "mean_seconds_to_next": float(np.mean(times)) if times else None,
                    "median_seconds_to_next": float(np.percentile(times, 50)) if times else None,
                    "p90_seconds_to_next": float(np.percentile(times, 90)) if times else None})
    return out


def same(name, got, exp):
    good = len(got) == len(exp)
    for g, e in zip(got, exp):
        for key, v in e.items():
            x = g.get(key)
            if v is None or x is None:
                good &= v is None and x is None
            elif isinstance(v, str):
                good &= x == v
            else:
                good &= abs(x - v) <= 1e-9 * (1 + abs(v))
    check(name, good, f"got {got[:3]} expected {exp[:3]}")


for mode in ["ordered", "strict", "any"]:
    res = reference(mode)
    exp = steps_rows(res)
    doc = ok_json(f"{mode} json", "funnel", EVENTS, *COLS, "--steps", ",".join(STEPS), "--window", "1h",
                  "--mode", mode, "--format", "json")
    same(f"{mode}: the steps", doc.get("steps", []), exp)
    check(f"{mode}: attributes", doc.get("kind") == "funnel" and doc.get("mode") == mode
          and doc.get("window_seconds") == 3600 and doc.get("customers_in_log") == len({r[0] for r in rows})
          and doc.get("adjust") == "holm", repr({k: v for k, v in doc.items() if not isinstance(v, list)}))
    # where drop-offs go
    nxt = []
    for j in range(len(STEPS) - 1):
        names_j = []
        for r in res:
            if r[0] == j + 1:
                p = r[1][j] + 1
                names_j.append(r[2][p] if p < len(r[2]) else "(end)")
        for n, c in sorted(Counter(names_j).items(), key=lambda kv: (-kv[1], kv[0]))[:5]:
            nxt.append({"step": j + 1, "event": STEPS[j], "next_event": n, "customers": c,
                        "share": 100 * c / len(names_j)})
    same(f"{mode}: next events", doc.get("next_events", []), nxt)
    check(f"{mode}: no tests without --by", doc.get("tests") == [], repr(doc.get("tests")))

# csv: the steps table, the same numbers
out = ok("csv", "funnel", EVENTS, *COLS, "--steps", ",".join(STEPS), "--window", "3600", "--format", "csv")
got = list(csv.DictReader(io.StringIO(out)))
exp = steps_rows(reference("ordered"))
check("csv header", out.split("\n")[0] == "step,event,customers,conversion,lower,upper,drop_off,overall,"
      "mean_seconds_to_next,median_seconds_to_next,p90_seconds_to_next", out[:200])
same("csv rows", [{k: (v if k == "event" else (float(v) if v != "" else None)) for k, v in r.items()} for r in got],
     exp)

# --by channel: per group, and the tests against statsmodels
res = reference("ordered")
doc = ok_json("by json", "funnel", EVENTS, *COLS, "--steps", ",".join(STEPS), "--window", "1h", "--by", "channel",
              "--adjust", "holm", "--format", "json")
groups = sorted({r[4] for r in res if r[0] > 0})
exp = []
for g in ["(all)"] + groups:
    sub = res if g == "(all)" else [r for r in res if r[0] > 0 and r[4] == g]
    exp += [dict({"channel": g}, **row) for row in steps_rows(sub)]
same("by: the steps per group", doc.get("steps", []), exp)
cnt = {g: [sum(1 for r in res if r[0] > j and (g == "(all)" or r[4] == g)) for j in range(len(STEPS))]
       for g in ["(all)"] + groups}
tests, ps = [], []
for g in groups:
    for j in range(1, len(STEPS)):
        na, xa = cnt[g][j - 1], cnt[g][j]
        nb, xb = cnt["(all)"][j - 1] - na, cnt["(all)"][j] - xa
        p = float(proportions_ztest([xa, xb], [na, nb])[1]) if na and nb and 0 < xa + xb < na + nb else \
            (1.0 if na and nb else None)
        tests.append({"channel": g, "step": j + 1, "customers": na, "rest_customers": nb, "p_value": p,
                      "conversion": 100 * xa / na if na else None,
                      "rest_conversion": 100 * xb / nb if nb else None})
        ps.append(p)
valid = [i for i, p in enumerate(ps) if p is not None]
adj = multipletests([ps[i] for i in valid], method="holm")[1]
for i, a in zip(valid, adj):
    tests[i]["p_adjusted"] = float(a)
same("by: the tests (statsmodels z test, Holm)", doc.get("tests", []), tests)

# table and html formats, -o
out = ok("table", "funnel", EVENTS, *COLS, "--steps", "visit,view", "--by", "channel")
check("table: the three tables", "Funnel steps" in out and "Where drop-offs go" in out and "Group tests" in out,
      out[:300])
page = os.path.join(TMP, "funnel.html")
ok("html -o", "funnel", EVENTS, *COLS, "--steps", "visit,view,cart", "--format", "html", "-o", page)
with open(page, encoding="utf-8") as f:
    html = f.read()
check("html: a page", html.lstrip().lower().startswith("<!doctype html") and "<svg" in html, html[:200])

# ---- refusals ---------------------------------------------------------------------------------
fails("unknown step", 2, ["step 'checkout' is not an event in the log", "visit"],
      "funnel", EVENTS, *COLS, "--steps", "visit,checkout")
fails("negative window", 2, ["--window", "-2d"], "funnel", EVENTS, *COLS, "--steps", "visit,view", "--window", "-2d")
fails("unknown mode", 2, ["sideways", "ordered"], "funnel", EVENTS, *COLS, "--steps", "visit,view",
      "--mode", "sideways")
fails("one step", 2, ["n_steps is 1"], "funnel", EVENTS, *COLS, "--steps", "visit")
fails("empty step", 2, ["empty step"], "funnel", EVENTS, *COLS, "--steps", "visit,,view")
fails("no --steps", 2, ["--steps"], "funnel", EVENTS, *COLS)
BAD = os.path.join(TMP, "bad.csv")
with open(BAD, "w") as f:
    f.write("customer,ts,what\na,2024-01-01T10:00:00Z,visit\nb,yesterday,view\n")
fails("bad timestamp names its line", 1, ["bad.csv:3", "yesterday"], "funnel", BAD, *COLS, "--steps", "visit,view")

print(f"{cli.passed} passed, {cli.failed} failed")
sys.exit(1 if cli.failed else 0)
