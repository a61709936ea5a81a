#!/usr/bin/env python3
"""`cxm cohort` end to end (spec §24) on the bundled orders file
tests/cli/data/cohort_orders.csv (derived from the seeded Online Retail-shaped
export by make_cohort_orders.py): the CSV output must equal a plain pandas
computation written here (to_period / groupby / nunique / cumsum of sets of
customers; churn 100 L / S and retention 100 (E - N) / S as spec §5 defines
them), monthly and weekly, at UTC and at +05:00 (evening orders move to the
next day, some across a month end). Then JSON, the HTML page, and the errors:
bad words are usage errors (exit 2), a missing column or a bad timestamp names
the file, line and value (exit 1).

    run_cohort_cli_tests.py CXM ROOT
"""
import io
import json
import math
import os
import sys
import tempfile

import pandas as pd

from clitest import Cli

CXM, ROOT = os.path.abspath(sys.argv[1]), sys.argv[2]
ORDERS = "tests/cli/data/cohort_orders.csv"
FREQ = {"day": "D", "week": "W-SUN", "month": "M"}
TMP = tempfile.mkdtemp(prefix="cxm_cohort_cli_")

cli = Cli(CXM, ROOT, timeout=120)
run, check, ok, ok_json, fails = cli.run, cli.check, cli.ok, cli.ok_json, cli.fails
BASE = ["cohort", ORDERS, "--customer", "customer_id", "--time", "time"]


def pandas_cohorts(df, every, offset_min):
    """Every order is activity and revenue; a customer's cohort is the period of their first order."""
    d = df.copy()
    ts = pd.to_datetime(d["time"], utc=True) + pd.Timedelta(minutes=offset_min)
    d["per"] = ts.dt.tz_localize(None).dt.to_period(FREQ[every])
    first = d.groupby("customer_id")["per"].min()
    d["cohort"] = d["customer_id"].map(first)
    d["p"] = [(a - b).n for a, b in zip(d["per"], d["cohort"])]
    last = d["per"].max()
    rows = []
    for cohort, members in first.groupby(first).groups.items():
        size = len(members)
        g = d[d["cohort"] == cohort]
        sets = g.groupby("p")["customer_id"].apply(set)
        revenue = g.groupby("p")["amount"].apply(math.fsum)
        cum = revenue.reindex(range((last - cohort).n + 1), fill_value=0.0).cumsum()
        for p in range((last - cohort).n + 1):
            a = sets.get(p, set())
            prev = sets.get(p - 1, set()) if p > 0 else set()
            churn = 100.0 * len(prev - a) / len(prev) if prev else math.nan
            pret = 100.0 * len(prev & a) / len(prev) if prev else math.nan
            r = float(revenue.get(p, 0.0))
            rows.append([cohort.start_time.strftime("%Y-%m-%d"), p, size, len(a), 100.0 * len(a) / size, r,
                         r / size, float(cum[p]) / size, churn, pret])
    rows.sort(key=lambda r: (r[0], r[1]))
    return rows


def same(a, b):
    if isinstance(b, float) and math.isnan(b):
        return a == ""
    if isinstance(b, str):
        return a == b
    return abs(float(a) - b) <= 1e-9 * (1 + abs(b))


df = pd.read_csv(os.path.join(ROOT, ORDERS), dtype={"customer_id": str, "invoice": str})
check("the orders file spans a year of months", pd.to_datetime(df["time"]).dt.to_period("M").nunique() >= 12)
for every, offset, flag in [("month", 0, "+00:00"), ("week", 0, "+00:00"), ("month", 300, "+05:00"),
                            ("week", 300, "+05:00")]:
    name = f"orders by {every} at {flag}"
    out = ok(name, *BASE, "--amount", "amount", "--every", every, "--utc-offset", flag, "--format", "csv")
    got = list(pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=False).itertuples(index=False)) if out else []
    exp = pandas_cohorts(df, every, offset)
    check(name + ": rows", len(got) == len(exp), f"{len(got)} != {len(exp)}")
    bad = [(g, e) for g, e in zip(got, exp) if not all(same(x, y) for x, y in zip(g, e))]
    check(name + ": every value equals pandas", not bad, str(bad[:2]))

# the offset must matter on this file: evening orders change day, some across a month end
utc, east = pandas_cohorts(df, "month", 0), pandas_cohorts(df, "month", 300)
check("the +05:00 table differs from the UTC one", utc != east)

doc = ok_json("json", *BASE, "--amount", "amount", "--format", "json")
text = json.dumps(doc)
check("json names the kind and the period", '"cohort"' in text and '"month"' in text, text[:300])

out = ok("html", *BASE, "--amount", "amount", "--format", "html")
check("html is one page", out.lstrip().lower().startswith("<!doctype html") and "</html>" in out, out[:200])
check("html draws the retention heat-map", "retention heat-map" in out, out[:400])

out = ok("table", *BASE, "--every", "month")
check("the table shows cohorts as dates", "\n2010-12-01 " in out, out[:300])
check("the table says how many customers are in the log", f"{df['customer_id'].nunique()} customers in the log"
      in out, out[-300:])

# errors
fails("unknown period", 2, ["every", "month", "fortnight"], *BASE, "--every", "fortnight")
fails("unknown nan policy", 2, ["nan_policy", "drop"], *BASE, "--nan-policy", "drop")
fails("unknown format", 2, ["format"], *BASE, "--format", "xml")
fails("amount column missing", 1, ["revenue"], *BASE, "--amount", "revenue")
fails("first event absent", 1, ["first_event 'purchase'", "event"], *BASE, "--first-event", "purchase")
bad = os.path.join(TMP, "bad_time.csv")
with open(bad, "w") as f:
    f.write("customer_id,time,amount\na,2024-01-05T10:00:00Z,3\nb,2024-13-05T10:00:00Z,4\n")
fails("bad timestamp", 1, [bad, ":3", "2024-13-05T10:00:00Z"], "cohort", bad, "--customer", "customer_id", "--time",
      "time")
cli.finish()
