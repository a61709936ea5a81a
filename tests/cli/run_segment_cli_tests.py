#!/usr/bin/python3
"""End-to-end tests of `cxm segment value` and `cxm segment --validate`: outputs and
exit codes.

Usage: run_segment_cli_tests.py CXM SOURCE_ROOT
Runs cxm with the source root as working directory. Prints "N passed, N failed";
exits 1 if anything failed.

Where the expected numbers come from (never from cxm's own output):
- tests/cli/data/segment_orders.csv: seven customers worked by hand (the same as
  tests/unit/test_segment.c): spends 220, 20, 50, 60, 23, 300, 100; type-7
  quantiles of them (numpy.quantile's default, computed here) give the
  thresholds; each segment follows from the value_price table of spec §13.3.
- the validator's findings on value_price are recomputed here by brute force: every
  cell of the grid cut at the table's bounds is assigned by first match.
"""
import csv
import io
import itertools
import json
import os
import sys
import tempfile

from clitest import Cli

CXM, ROOT = os.path.abspath(sys.argv[1]), sys.argv[2]
DATA = "tests/cli/data/"
ORDERS = DATA + "segment_orders.csv"
PRESET = "lib/segment/presets/value_price.json"
TMP = tempfile.mkdtemp(prefix="cxm_segment_cli_")

cli = Cli(CXM, ROOT, timeout=120)
run, check, ok, ok_json, fails = cli.run, cli.check, cli.ok, cli.ok_json, cli.fails


def write_tmp(name, text):
    path = os.path.join(TMP, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def q7(xs, p):
    """Hyndman & Fan type 7 (spec §0.4), written out."""
    xs = sorted(xs)
    h = (len(xs) - 1) * p
    lo = int(h)
    return xs[lo] + (h - lo) * (xs[min(lo + 1, len(xs) - 1)] - xs[lo])


ARGS = ["segment", "value", ORDERS, "--customer", "customer", "--amount", "paid", "--discount", "discount"]
SPEND = {"a": 220, "b": 20, "c": 50, "d": 60, "e": 23, "f": 300, "g": 100}
EXPECTED = {"a": "Luxury / Aspirational", "b": "Bargain Hunters", "c": "One-Time Buyers",
            "d": "Bargain Hunters", "e": "Low-Value Regulars", "f": "Luxury / Aspirational",
            "g": "Mainstream Backbone"}

# csv: one row per customer, in id order, with the segment
out = ok("value csv", *ARGS, "--format", "csv")
rows = list(csv.DictReader(io.StringIO(out)))
check("value csv header", out.splitlines()[0] == "customer_id,spend,orders,discount_share,full_price_share,"
      "average_order_value,segment", out[:120])
check("value csv customers", [r["customer_id"] for r in rows] == sorted(SPEND), repr(rows))
for r in rows:
    check(f"value csv spend {r['customer_id']}", float(r["spend"]) == SPEND[r["customer_id"]], repr(r))
    check(f"value csv segment {r['customer_id']}", r["segment"] == EXPECTED[r["customer_id"]], repr(r))
check("value csv discount share of d", abs(float(rows[3]["discount_share"]) - 20 / 80) < 1e-15, repr(rows[3]))

# json: summary, thresholds, customers
doc = ok_json("value json", *ARGS, "--format", "json")
check("value json keys", list(doc) == ["summary", "thresholds", "customers"], repr(list(doc)))
if doc:
    seg = {s["segment"]: s for s in doc["summary"]["segments"]}
    check("value json summary rows", list(seg)[-1] == "Others" and len(seg) == 7, repr(list(seg)))
    check("value json luxury customers", seg["Luxury / Aspirational"]["customers"] == 2, repr(seg))
    check("value json luxury spend", seg["Luxury / Aspirational"]["spend"] == 520, repr(seg))
    check("value json empty segment kept", seg["Discount-Driven High Value"]["customers"] == 0, repr(seg))
    th = doc["thresholds"]["thresholds"]
    spends = list(SPEND.values())
    for t in th:
        if t["quantile"] is not None:
            exp = q7(spends, t["quantile"])
            check(f"threshold {t['rule']} {t['bound']}", abs(t["value"] - exp) <= 1e-9 * abs(exp), repr(t))
    check("thresholds count", len(th) == 10, repr(th))
    check("value json customers", len(doc["customers"]["customers"]) == 7, repr(doc["customers"])[:200])

# table: the summary and the thresholds
out = ok("value table", *ARGS)
check("value table names the rules", "rules value_price, first match" in out, out[:200])
check("value table has the thresholds", "\nthresholds\n" in out, out)
check("value table lists Others", "\nOthers " in out, out)

# no --discount: every order at full price, so nobody is a bargain hunter
out = ok("value without discount", "segment", "value", ORDERS, "--customer", "customer", "--amount", "paid",
         "--format", "csv")
check("value without discount: no bargain hunters", "Bargain Hunters" not in out, out)

# last match, and a table of one's own from a file
out = ok("value last match", *ARGS, "--match", "last", "--format", "csv")
d = [r for r in csv.DictReader(io.StringIO(out)) if r["customer_id"] == "d"]
check("value last match: d", d and d[0]["segment"] == "Mainstream Backbone", repr(d))
own = write_tmp("own.json", '{"dimensions": ["spend"], "segments": [{"name": "Big", "spend": {"min": 100}}]}')
out = ok("value own rules", *ARGS, "--rules", own, "--format", "csv")
segs = {r["customer_id"]: r["segment"] for r in csv.DictReader(io.StringIO(out))}
check("value own rules", segs == {k: ("Big" if v >= 100 else "Others") for k, v in SPEND.items()}, repr(segs))

# --validate: brute force over the grid of the preset's bounds (spend in quantile levels)
with open(os.path.join(ROOT, PRESET)) as f:
    preset = json.load(f)
dims = [d["name"] for d in preset["dimensions"]]
dom = {d["name"]: (d.get("min", float("-inf")), d.get("max", float("inf"))) for d in preset["dimensions"]}
dom["spend"] = (0.0, 1.0)  # every spend bound is a quantile: checked in levels


def bound(b):
    return b["quantile"] if isinstance(b, dict) else b


cuts = {}
for dname in dims:
    c = {dom[dname][0], dom[dname][1]}
    for s in preset["segments"]:
        for k in ("min", "max"):
            if k in s.get(dname, {}):
                c.add(bound(s[dname][k]))
    cuts[dname] = sorted(x for x in c if dom[dname][0] <= x <= dom[dname][1])


def holds(s, point):
    for dname, v in zip(dims, point):
        r = s.get(dname, {})
        if "min" in r and not v >= bound(r["min"]):
            return False
        if "max" in r and not v < bound(r["max"]):
            return False
    return True


def sample_points(dname):
    """a point inside each interval between cuts, and the closed top of the domain"""
    c = cuts[dname]
    pts = [(a + b) / 2 if b != float("inf") else a + 1 for a, b in zip(c, c[1:])]
    if dom[dname][1] != float("inf"):
        pts.append(dom[dname][1])
    return pts


owned = {s["name"]: 0 for s in preset["segments"]}
uncovered = 0
for point in itertools.product(*(sample_points(dn) for dn in dims)):
    m = [s for s in preset["segments"] if holds(s, point)]
    if m:
        owned[m[0]["name"]] += 1
    else:
        uncovered += 1
pairs = 0
for a, b in itertools.combinations(preset["segments"], 2):
    pairs += all(max(bound(a.get(dn, {}).get("min", float("-inf"))), bound(b.get(dn, {}).get("min", float("-inf"))))
                 < min(bound(a.get(dn, {}).get("max", float("inf"))), bound(b.get(dn, {}).get("max", float("inf"))))
                 for dn in dims)
doc = ok_json("validate json", "segment", "--validate", PRESET, "--format", "json")
if doc:
    check("validate unreachable", doc["unreachable"] == sum(1 for v in owned.values() if v == 0), repr(owned))
    check("validate uncovered", (doc["uncovered_cells"] == 0) == (uncovered == 0), f"{doc['uncovered_cells']} {uncovered}")
    check("validate overlaps", doc["overlaps"] == pairs, f"{doc['overlaps']} {pairs}")
    check("validate quantile dimensions", doc["quantile_dimensions"] == "spend", repr(doc))
out = ok("validate table by name", "segment", "--validate", "value_price")
check("validate table summary line", "10 overlapping pairs, 0 unreachable rules" in out, out[:300])
out = ok("validate csv", "segment", "--validate", "value_price", "--format", "csv")
check("validate csv header", out.startswith("kind,rule,other,spend_min,spend_max,"), out[:100])

# a table with an unreachable rule and gaps: x in [0, 10]; B inside A
gaps = write_tmp("gaps.json", '{"dimensions": [{"name": "x", "min": 0, "max": 10}], "segments": ['
                 '{"name": "A", "x": {"min": 2, "max": 5}}, {"name": "B", "x": {"min": 3, "max": 4}}]}')
out = ok("validate gaps", "segment", "--validate", gaps, "--format", "csv")
rows = list(csv.DictReader(io.StringIO(out)))
check("validate gaps: B unreachable behind A",
      any(r["kind"] == "unreachable" and r["rule"] == "B" and r["other"] == "A" for r in rows), out)
check("validate gaps: uncovered [0, 2) and [5, 10]",
      [(r["x_min"], r["x_max"]) for r in rows if r["kind"] == "uncovered"] == [("0", "2"), ("5", "10")], out)

# errors
bad = write_tmp("bad.json", '{"dimensions": ["x"], "segments": [{"name": "A", "x": {"min": 1}},]}')
fails("validate malformed JSON", 1, [bad, "not valid JSON at byte 66"], "segment", "--validate", bad)
badq = write_tmp("badq.json", '{"dimensions": ["x"], "segments": [{"name": "A", "x": {"min": {"quantile": 2}}}]}')
fails("validate quantile out of range", 1, [badq, "segment 1 (\"A\")", "quantile 2"], "segment", "--validate", badq)
fails("validate missing file", 1, ["no_such.json"], "segment", "--validate", os.path.join(TMP, "no_such.json"))
fails("value rules malformed", 1, ["byte 66"], *ARGS, "--rules", bad)
fails("value without --amount", 2, ["--amount COL"], "segment", "value", ORDERS, "--customer", "customer")
fails("value unknown column", 1, ["'nope'", "customer, paid, discount"], "segment", "value", ORDERS,
      "--customer", "customer", "--amount", "nope")
negative = write_tmp("neg.csv", "customer,paid\nx,10\ny,-5\n")
fails("value negative amount", 1, ["amounts[1]", "\"y\"", "-5"], "segment", "value", negative, "--customer",
      "customer", "--amount", "paid")
empty = write_tmp("empty.csv", "customer,paid\n")
fails("value empty file", 1, ["no order rows"], "segment", "value", empty, "--customer", "customer",
      "--amount", "paid")
fails("value bad format", 2, ["--format", "'xml'"], *ARGS, "--format", "xml")
fails("value bad match", 2, ["--match", "'middle'"], *ARGS, "--match", "middle")
fails("unknown subcommand", 2, ["'foo'"], "segment", "foo")
fails("no subcommand", 2, ["value FILE"], "segment")
rc, out, err = run("segment", "--help")
check("help exits 0", rc == 0 and "cxm segment value ORDERS.csv" in out, err)

for name in os.listdir(TMP):
    os.remove(os.path.join(TMP, name))
os.rmdir(TMP)
cli.finish()
