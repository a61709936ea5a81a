#!/usr/bin/python3
"""End-to-end tests of `cxm rfm`: outputs and exit codes.

Usage: run_rfm_cli_tests.py CXM SOURCE_ROOT
Prints "N passed, N failed"; exits 1 if anything failed.

Where the expected numbers come from (never from cxm's own output): a pandas
implementation of R rfm's rules written here (spec §7.1-§7.3: groupby max date /
size / math.fsum; breaks numpy.quantile(x, k * (1/5)) + 1, type 7; half-open bins,
later bins overwriting earlier ones, recency reversed; set B, first match) and of
the returns policies of §7.6, run on tests/cli/data/rfm_orders.csv (111 seeded
random orders of 25 customers, a status column with cancelled and refund rows).
"""
import csv
import io
import json
import math
import os
import sys
import tempfile

import numpy as np
import pandas as pd

from clitest import Cli

CXM, ROOT = os.path.abspath(sys.argv[1]), sys.argv[2]
DATA = "tests/cli/data/"
ORDERS = DATA + "rfm_orders.csv"
TMP = tempfile.mkdtemp(prefix="cxm_rfm_cli_")

cli = Cli(CXM, ROOT, timeout=120)
run, check, ok, ok_json, fails = cli.run, cli.check, cli.ok, cli.ok_json, cli.fails

SET_B = [("Champions", (4, 5), (4, 5), (4, 5)), ("Loyal Customers", (2, 5), (3, 5), (3, 5)),
         ("Potential Loyalist", (3, 5), (1, 3), (1, 3)), ("New Customers", (4, 5), (1, 1), (1, 1)),
         ("Promising", (3, 4), (1, 1), (1, 1)), ("Need Attention", (2, 3), (2, 3), (2, 3)),
         ("About To Sleep", (2, 3), (1, 2), (1, 2)), ("At Risk", (1, 2), (2, 5), (2, 5)),
         ("Can't Lose Them", (1, 1), (4, 5), (4, 5)), ("Lost", (1, 2), (1, 2), (1, 2))]


def segment(r, f, m):
    for name, a, b, c in SET_B:
        if a[0] <= r <= a[1] and b[0] <= f <= b[1] and c[0] <= m <= c[1]:
            return name
    return "Others"


def r_scores(x, descending, bins=5):
    x = np.asarray(x, dtype=float)
    p = np.arange(1, bins) * (1.0 / bins)
    b = np.quantile(x, p) + 1.0
    lower = np.concatenate([[x.min()], b])
    upper = np.concatenate([b, [x.max() + 1]])
    s = np.zeros(len(x), dtype=int)
    for i in range(bins):
        s[(x >= lower[i]) & (x < upper[i])] = i + 1
    return bins + 1 - s if descending else s


def reference(analysis, returns="keep", cancel=("cancelled",), until=None):
    df = pd.read_csv(os.path.join(ROOT, ORDERS))
    df["day"] = pd.to_datetime(df["order_date"])
    if until is not None:
        df = df[df["day"] <= pd.Timestamp(until)]
    ret = (df["amount"] < 0) | df["status"].isin(cancel)
    if returns == "keep":
        orders, value = df, df["amount"]
    else:
        orders = df[~ret]
        value = np.where(ret, -df["amount"].abs(), df["amount"]) if returns == "net" else None
    g = orders.groupby("customer").agg(last=("day", "max"), n=("day", "size"))
    if returns == "net":
        amt = pd.Series(value, index=df.index).groupby(df["customer"]).apply(math.fsum)
    else:
        amt = orders.groupby("customer")["amount"].apply(math.fsum)
    g["amount"] = amt.reindex(g.index)
    g["recency"] = (pd.Timestamp(analysis) - g["last"]).dt.days
    g = g.sort_index()
    g["R"] = r_scores(g["recency"], True)
    g["F"] = r_scores(g["n"], False)
    g["M"] = r_scores(g["amount"], False)
    g["segment"] = [segment(*t) for t in zip(g["R"], g["F"], g["M"])]
    return g, int(ret.sum())


def ok_csv(name, *args, quiet=True):
    return list(csv.DictReader(io.StringIO(ok(name, *args, quiet=quiet))))


BASE = ["rfm", ORDERS, "--customer", "customer", "--date", "order_date", "--amount", "amount"]

# ---- help ------------------------------------------------------------------------------------
out = ok("rfm --help", "rfm", "--help")
check("rfm help starts with Usage", out.startswith("Usage: cxm rfm"), out[:60])
check("main help lists rfm", "cxm rfm ORDERS" in ok("--help", "--help"))

# ---- per customer (csv) against the pandas reference -------------------------------------------
for returns in ("keep", "net", "drop"):
    g, n_ret = reference("2024-04-30", returns, cancel=("cancelled",))
    # drop leaves rows out: a note on stderr counts them (spec §16.2), checked below
    rows = ok_csv(f"csv returns={returns}", *BASE, "--analysis-date", "2024-04-30", "--format", "csv",
                  "--returns", returns, "--status", "status", "--cancelled", "cancelled", quiet=returns != "drop")
    if returns == "drop":
        _, _, err = run(*BASE, "--analysis-date", "2024-04-30", "--format", "csv", "--returns", "drop",
                        "--status", "status", "--cancelled", "cancelled")
        check("csv drop: the note counts the returns left out",
              err == f"cxm: note: of {len(pd.read_csv(os.path.join(ROOT, ORDERS)))} rows, {n_ret} returns were "
                     "left out\n", repr(err))
    check(f"csv {returns} columns", rows and list(rows[0]) == [
        "customer_id", "recency_days", "transaction_count", "amount", "recency_score", "frequency_score",
        "monetary_score", "rfm_score", "segment"], str(list(rows[0]) if rows else None))
    got = [(r["customer_id"], int(r["recency_days"]), int(r["transaction_count"]), float(r["amount"]),
            int(r["recency_score"]), int(r["frequency_score"]), int(r["monetary_score"]), int(r["rfm_score"]),
            r["segment"]) for r in rows]
    exp = [(c, int(x.recency), int(x.n), float(x.amount), int(x.R), int(x.F), int(x.M),
            100 * int(x.R) + 10 * int(x.F) + int(x.M), x.segment) for c, x in g.iterrows()]
    check(f"csv {returns} = pandas reference ({len(exp)} customers)", got == exp,
          str([(a, b) for a, b in zip(got, exp) if a != b][:3]) + f" {len(got)} vs {len(exp)}")

# ---- summary (json) ------------------------------------------------------------------------------
g, _ = reference("2024-04-30")
j = ok_json("json summary", *BASE, "--analysis-date", "2024-04-30", "--format", "json")
summ = {s["segment"]: s for s in (j.get("summary") or {}).get("segments", [])}
check("json summary lists every rule and Others", list(summ) == [s[0] for s in SET_B] + ["Others"], str(list(summ)))
bad = []
for name, s in summ.items():
    d = g[g["segment"] == name]
    exp = (len(d), int(d["n"].sum()), math.fsum(d["amount"]))
    if (s["customers"], s["orders"], s["revenue"]) != exp or \
            (len(d) and abs(s["share"] - 100 * len(d) / len(g)) > 1e-12):
        bad.append((name, s, exp))
check("json summary = pandas groupby(segment)", not bad, str(bad[:2]))
br = (j.get("breaks") or {}).get("breaks", [])
rb = np.quantile(g["recency"].astype(float), np.arange(1, 5) * 0.2) + 1
check("json breaks: 15 rows, recency score 4 is [b1, b2)", len(br) == 15 and abs(br[3]["lower"] - rb[0]) < 1e-9
      and abs(br[3]["upper"] - rb[1]) < 1e-9, str(br[:5]))
check("json has no customers unless asked", "customers" not in j)
j = ok_json("json with customers", *BASE, "--analysis-date", "2024-04-30", "--format", "json", "--with-customers")
check("json with customers: 25", len((j.get("customers") or {}).get("customers", [])) == 25)

out = ok("table", *BASE, "--analysis-date", "2024-04-30")
check("table names segments and counts", "Champions" in out and "Others" in out and "25 customers" in out, out[:200])

# ---- other binnings -----------------------------------------------------------------------------
rows = ok_csv("fixed breaks", *BASE, "--analysis-date", "2024-04-30", "--format", "csv", "--binning", "fixed",
              "--breaks-recency", "30,90,180,365", "--breaks-frequency", "2,3,5,8",
              "--breaks-monetary", "50,100,200,400")
exp_r = {c: 5 - int(np.searchsorted([30, 90, 180, 365], x.recency, side="right")) for c, x in g.iterrows()}
check("fixed recency scores by hand", rows and all(int(r["recency_score"]) == exp_r[r["customer_id"]] for r in rows))
rows = ok_csv("jenks 3 bins", *BASE, "--analysis-date", "2024-04-30", "--format", "csv", "--binning", "jenks",
              "--bins", "3")
check("jenks 3 bins: scores 1..3", rows and {r["frequency_score"] for r in rows} == {"1", "2", "3"})
rows = ok_csv("rank", *BASE, "--analysis-date", "2024-04-30", "--format", "csv", "--binning", "rank")
exp_f = pd.qcut(g["n"].rank(method="first"), 5, labels=[1, 2, 3, 4, 5]).astype(int)
check("rank frequency = pandas qcut(rank(first))",
      rows and [int(r["frequency_score"]) for r in rows] == list(exp_f), str([r["frequency_score"] for r in rows]))

# ---- migration ------------------------------------------------------------------------------------
j = ok_json("migration json", *BASE, "--migration", "--from", "2023-12-31", "--to", "2024-04-30", "--format", "json")
mig = (j.get("migration") or {}).get("migration", [])
g1, _ = reference("2023-12-31", until="2023-12-31")
g2, _ = reference("2024-04-30", until="2024-04-30")
pairs = {}
for c in set(g1.index) | set(g2.index):
    key = (g1.loc[c, "segment"] if c in g1.index else "(new)", g2.loc[c, "segment"] if c in g2.index else "(gone)")
    pairs[key] = pairs.get(key, 0) + 1
got = {(m["from_segment"], m["to_segment"]): m["customers"] for m in mig}
check("migration pairs = pandas", got == pairs, f"{got} vs {pairs}")
check("migration new customers", (j.get("migration") or {}).get("new_customers") == len(set(g2.index) - set(g1.index)))

# ---- rules -------------------------------------------------------------------------------------
rows = ok_csv("rules r_030", *BASE, "--analysis-date", "2024-04-30", "--format", "csv", "--rules", "r_030")
check("rules r_030: Lost is R 1", rows and all(r["recency_score"] == "1" for r in rows if r["segment"] == "Lost"))
rows = ok_csv("rules klaviyo_3: 3 bins", *BASE, "--analysis-date", "2024-04-30", "--format", "csv", "--rules",
              "klaviyo_3")
check("klaviyo_3 scores 1..3", rows and max(int(r["recency_score"]) for r in rows) == 3)
rules_file = os.path.join(TMP, "two.json")
with open(rules_file, "w") as f:
    json.dump({"name": "two", "scores": 5, "segments": [
        {"name": "Top", "recency": [4, 5], "frequency": [4, 5], "monetary": [1, 5]},
        {"name": "Also top", "recency": [5, 5], "frequency": [5, 5], "monetary": [5, 5]}]}, f)
rows = ok_csv("rules from a file", *BASE, "--analysis-date", "2024-04-30", "--format", "csv", "--rules", rules_file)
check("rules file: Top or Others", rows and {r["segment"] for r in rows} <= {"Top", "Others"})
out = ok("validate", "rfm", "--validate", rules_file)
check("validate finds Also top unreachable", "unreachable" in out and "Also top" in out, out)
vj = ok_json("validate json", "rfm", "--validate", rules_file, "--format", "json")
check("validate json counts", vj.get("unreachable") == 1 and vj.get("overlaps") == 1, str(vj)[:200])
# a built-in set by its word: set A's quirks (spec §7.3), under its own first match
va = ok_json("validate a built-in set", "rfm", "--validate", "vignette_11", "--format", "json")
unreach = sorted(r["rule"] for r in va.get("findings", []) if r.get("kind") == "unreachable")
check("set A: its 4 unreachable rules", unreach == ["Can't Lose Them", "Lost", "New Customers", "Promising"],
      str(unreach))
# --match last: Champions comes first and every later rule can take its cells
vl = ok_json("validate under last match", "rfm", "--validate", "r_02x", "--match", "last", "--format", "json")
check("set B under last match: Champions unreachable", "Champions" in json.dumps(vl) and vl.get("unreachable", 0) >= 1,
      str(vl)[:300])

# ---- errors --------------------------------------------------------------------------------------
fails("no analysis date", 2, ["--analysis-date"], *BASE)
fails("bad returns word", 2, ["keep, net, drop or error", "'maybe'"], *BASE, "--analysis-date", "2024-04-30",
      "--returns", "maybe")
fails("bad binning", 2, ["quantile, rank, fixed or jenks"], *BASE, "--analysis-date", "2024-04-30", "--binning", "k")
fails("bins 10", 2, ["--bins"], *BASE, "--analysis-date", "2024-04-30", "--bins", "10")
fails("fixed without breaks", 1, ["recency"], *BASE, "--analysis-date", "2024-04-30", "--binning", "fixed")
fails("status without words", 2, ["--cancelled"], *BASE, "--analysis-date", "2024-04-30", "--status", "status")
fails("order after the analysis date", 1, ["after analysis_day"], *BASE, "--analysis-date", "2024-01-01")
fails("returns error", 1, ["returns = error"], *BASE, "--analysis-date", "2024-04-30", "--returns", "error")
fails("missing column", 1, ["'nope'"], "rfm", ORDERS, "--customer", "nope", "--date", "order_date", "--amount",
      "amount", "--analysis-date", "2024-04-30")
fails("empty file", 1, ["empty.csv"], "rfm", DATA + "empty.csv", "--customer", "a", "--date", "b", "--amount", "c",
      "--analysis-date", "2024-04-30")
bad_json = os.path.join(TMP, "bad.json")
with open(bad_json, "w") as f:
    f.write('{"name": "x", "segments": [ {"name": 5 ]}')
fails("validate malformed JSON names the byte offset", 1, ["bad.json", "at byte 39"], "rfm", "--validate", bad_json)
fails("migration without --to", 2, ["--to"], *BASE, "--migration", "--from", "2023-12-31")
fails("validate: neither a built-in word nor a file", 1, ["r_02x, vignette_11", "no-such-rules"], "rfm",
      "--validate", "no-such-rules")

cli.finish()
