#!/usr/bin/python3
"""End-to-end tests of `cxm personas` (build, behaviour, match, pps): outputs and exit codes.

Usage: run_personas_cli_tests.py CXM SOURCE_ROOT
Runs cxm with the source root as working directory. Prints "N passed, N failed";
exits 1 if anything failed.

Where the expected numbers come from (never from cxm's own output):
- a planted customer file written here: segment B has 30 of its 60 customers in
  Lyon, A 10 of 60, so city=Lyon is B's top identifier with share 50%, lift
  (30/60) / (40/120) = 1.5, and Austin's standardised difference and the pooled
  two-proportion z p-value written out below (math.erfc);
- the role words of the library's names table (cxm_names_*: the flags are
  derived from them) and the spec's recognition of common column names;
- PPS: a 6-respondent answer file whose construct means and Cronbach's alpha are
  worked out below (k / (k - 1) (1 - sum of item variances / variance of the sums));
- match: a set against itself (every persona matched, distance 0), and against
  the set of a file whose segments come in the other order (the pairs follow the
  segments, not the order).
"""
import csv
import io
import json
import math
import os
import shutil
import statistics
import sys
import tempfile

from clitest import Cli

CXM, ROOT = os.path.abspath(sys.argv[1]), sys.argv[2]
TMP = tempfile.mkdtemp(prefix="cxm_personas_cli_")

cli = Cli(CXM, ROOT, timeout=120)
run, check, ok, ok_json, fails = cli.run, cli.check, cli.ok, cli.ok_json, cli.fails


def write_tmp(name, text):
    path = os.path.join(TMP, name)
    with open(path, "w", newline="") as f:
        f.write(text)
    return path


def planted_rows(order=("A", "B")):
    counts = {"A": (10, 25, 25), "B": (30, 15, 15)}
    rows = []
    for seg in order:
        cities = [c for c, n in zip(("Lyon", "Paris", "Nice"), counts[seg]) for _ in range(n)]
        for i, city in enumerate(cities):
            rows.append((f"{seg}{i:03d}", seg, city, ("web", "app")[i % 2], 1950 + (i * 7) % 50))
    return rows


def csv_text(header, rows):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return out.getvalue()


PLANTED = write_tmp("planted.csv", csv_text(["customer_id", "segment", "city", "channel", "year_birth"],
                                            planted_rows()))
COMMON = ["--seed", "3", "--reference-year", "2025"]

# ---- the build, JSON ----------------------------------------------------------------
doc = ok_json("planted json", "personas", PLANTED, *COMMON)
ps = doc.get("personas", [])
check("planted schema", doc.get("schema") == "cxmetrics.personas/1", repr(doc.get("schema")))
check("planted two personas in first-row order", [p.get("segment") for p in ps] == ["A", "B"], repr(ps)[:200])
prov = doc.get("provenance", {})
check("planted provenance: segments from the column (recognised by name)",
      prov.get("method") == "caller" and prov.get("segment_column") == "segment", repr(prov)[:300])
check("planted provenance: seed, min_n, reference year, customers",
      (prov.get("seed"), prov.get("min_n"), prov.get("reference_year"), prov.get("customers")) == (3, 10, 2025, 120),
      repr(prov)[:300])
if len(ps) == 2:
    top = ps[1]["identifiers"][0] if ps[1]["identifiers"] else {}
    p1, p2, pop = 30 / 60, 10 / 60, 40 / 120
    check("B's top identifier is city=Lyon", (top.get("attribute"), top.get("value")) == ("city", "Lyon"), repr(top))
    check("B's Lyon share 50", top.get("share") == 50, repr(top))
    check("B's Lyon lift 1.5", abs(top.get("lift", 0) - 1.5) < 1e-14, repr(top))
    d = (p1 - p2) / math.sqrt((p1 * (1 - p1) + p2 * (1 - p2)) / 2)
    check("B's Lyon standardised difference", abs(top.get("std_difference", 0) - d) < 1e-12 * d, repr(top))
    z = (p1 - p2) / math.sqrt(pop * (1 - pop) * (2 / 60))
    pz = math.erfc(z / math.sqrt(2))
    check("B's Lyon p-value", abs(top.get("p_value", 0) - pz) < 1e-9 * pz, f"{top.get('p_value')} vs {pz}")
    check("B's location is Lyon (the modal city)", (ps[1].get("location"), ps[1].get("location_share")) == ("Lyon", 50),
          repr(ps[1].get("location")))
    # year_birth is recognised as the birth year: ages 2025 - year
    ages = sorted(2025 - r[4] for r in planted_rows() if r[1] == "B")
    check("B's median age from year_birth", ps[1].get("age") == statistics.median(ages), repr(ps[1].get("age")))
    check("every persona has a name", all(p.get("name") for p in ps), repr([p.get("name") for p in ps]))

# same arguments, same bytes; -o writes what stdout gets
first = ok("planted json again", "personas", PLANTED, *COMMON)
check("same seed, same bytes", first == ok("planted json thrice", "personas", PLANTED, *COMMON))
out_path = os.path.join(TMP, "out.json")
ok("planted -o", "personas", PLANTED, *COMMON, "-o", out_path)
with open(out_path) as f:
    check("-o writes the same bytes", f.read() == first)
ok("planted --output", "personas", PLANTED, *COMMON, "--output", out_path)
with open(out_path) as f:
    check("--output writes the same bytes", f.read() == first)

# explicit role flags, derived from the role words ('_' as '-'); --comments is --comment
flags = ok_json("role flags", "personas", PLANTED, *COMMON, "--id", "customer_id", "--segment", "segment",
                "--location", "city", "--birth-year", "year_birth", "--no-auto-roles")
check("role flags give the same personas", json.dumps(flags, sort_keys=True) == json.dumps(doc, sort_keys=True),
      "differ")
# ignoring the city: it is no identifier any more
ign = ok_json("--ignore", "personas", PLANTED, *COMMON, "--ignore", "city", "--ignore", "channel")
check("--ignore (repeated) drops the columns",
      all(i["attribute"] not in ("city", "channel") for p in ign.get("personas", []) for i in p["identifiers"]),
      repr(ign)[:200])

# min_n: with 40 the segments of 60 stay, Lyon in A (10) is withheld
big = ok_json("--min-n 40", "personas", PLANTED, *COMMON, "--min-n", "40")
check("--min-n 40 in provenance", big.get("provenance", {}).get("min_n") == 40)
if big.get("personas"):
    city = next(d for d in big["personas"][0]["demographics"] if d["attribute"] == "city")
    lyon = next(lv for lv in city["levels"] if lv["level"] == "Lyon")
    check("A's Lyon cell (10 < 40) is withheld", lyon["withheld"] is not None and lyon["count"] is None, repr(lyon))

# ---- Markdown and HTML --------------------------------------------------------------
md = ok("planted md", "personas", PLANTED, *COMMON, "--format", "md")
check("markdown names both personas", all(p["name"] in md for p in ps), md[:200])
check("markdown alias", md == ok("planted markdown", "personas", PLANTED, *COMMON, "--format", "markdown"))
html = ok("planted html", "personas", PLANTED, *COMMON, "--format", "html", "--title", "Planted <cities>")
check("html is a page", html.lstrip().lower().startswith("<!doctype html"), html[:80])
check("html has no script and no network", "<script" not in html and "http" not in html)
check("html title escaped", "Planted &lt;cities&gt;" in html)
check("html shows the Lyon identifier", "Lyon" in html)

# ---- the e-commerce example: automatic segments -------------------------------------
auto = ok_json("ecommerce auto segments", "personas", "examples/data/ecommerce_customers.csv", "--id",
               "customer_id", "--comment", "comment", "--nps", "nps", *COMMON)
ap = auto.get("provenance", {})
check("no segment column: k-prototypes with k chosen by silhouette",
      ap.get("method") == "kprototypes" and ap.get("quality_measure") == "silhouette" and 2 <= ap.get("k", 0) <= 8,
      repr(ap)[:300])
check("no segment column: segment_column null", ap.get("segment_column", "x") is None)
check("customers all counted", ap.get("customers", 0) + (ap.get("excluded_customers") or 0) == 1200, repr(ap)[:200])
quotes = [q["text"] for p in auto.get("personas", []) for q in p.get("quotes", [])]
check("quotes never carry an e-mail address or a phone number",
      all("@" not in q and "0612345678" not in q for q in quotes), repr(quotes))
check("some quotes", len(quotes) > 0, repr(quotes))
# --progress: one stderr line per k tried (2..8 on 1,200 customers: 7 lines, 1 of 7 .. 7 of 7),
# the same JSON on stdout
rc, out, err = run("personas", "examples/data/ecommerce_customers.csv", "--id", "customer_id", "--comment",
                   "comment", "--nps", "nps", *COMMON, "--progress")
check("--progress exits 0", rc == 0, err[-300:])
check("--progress reports each k tried", err.splitlines() == [
    f"cxm personas: segmenting: k {i} of 7 tried" for i in range(1, 8)], repr(err[:400]))
check("--progress leaves the output alone", out == json.dumps(auto, ensure_ascii=False, indent=None) or
      json.loads(out or "{}") == auto)
rc, out, err = run("personas", PLANTED, "--progress", *COMMON)
check("--progress with a segment column says nothing", rc == 0 and err == "", repr(err))

# ---- match -------------------------------------------------------------------------
old = os.path.join(TMP, "old.json")
ok("match: old set", "personas", PLANTED, *COMMON, "-o", old)
m = ok_json("match itself json", "personas", "match", old, old, "--format", "json")
rows = m.get("matches", m.get("rows", []))
check("match itself: every persona matched at distance 0",
      len(rows) == 2 and all(r["status"] == "matched" and r["distance"] == 0 for r in rows), repr(m)[:300])
flipped = write_tmp("flipped.csv", csv_text(["customer_id", "segment", "city", "channel", "year_birth"],
                                            planted_rows(("B", "A"))))
new = os.path.join(TMP, "new.json")
ok("match: new set (segments in the other order)", "personas", flipped, *COMMON, "-o", new)
m = ok("match flipped csv", "personas", "match", old, new, "--format", "csv")
mr = list(csv.DictReader(io.StringIO(m)))
check("match follows the segments: new P1 (B) <- old P2, new P2 (A) <- old P1",
      [(r["persona"], r["previous"], r["status"]) for r in mr] == [("P1", "P2", "matched"), ("P2", "P1", "matched")],
      repr(mr))
txt = ok("match table", "personas", "match", old, new)
check("match table has a header line", txt.splitlines()[0].split()[:3] == ["persona", "name", "previous"], txt[:200])

# ---- pps -------------------------------------------------------------------------
answers = [  # credibility_1, credibility_2, clarity_1, clarity_2_r (reverse-keyed on 1..7)
    (5, 6, 7, 1), (4, 4, 6, 2), (6, 7, 5, 3), (3, 2, 6, 2), (7, 6, 4, 4), (5, 5, 7, 1)]
PPS = write_tmp("pps.csv", csv_text(["respondent", "credibility_1", "credibility_2", "clarity_1", "clarity_2_r"],
                                    [(f"r{i}", *a) for i, a in enumerate(answers)]))
out = ok("pps csv", "personas", "pps", PPS, "--format", "csv")
cons = {r["construct"]: r for r in csv.DictReader(io.StringIO(out))}


def alpha(items):
    k = len(items[0])
    var = lambda xs: statistics.variance(xs)  # n - 1
    return k / (k - 1) * (1 - sum(var([r[j] for r in items]) for j in range(k)) / var([sum(r) for r in items]))


cred = [(a[0], a[1]) for a in answers]
clar = [(a[2], 8 - a[3]) for a in answers]  # 1 + 7 - answer
for name, items in (("credibility", cred), ("clarity", clar)):
    r = cons.get(name, {})
    check(f"pps {name} mean", r and abs(float(r["mean"]) - statistics.mean(sum(x) / 2 for x in items)) < 1e-12,
          repr(r))
    check(f"pps {name} alpha", r and abs(float(r["alpha"]) - alpha(items)) < 1e-12, f"{r} vs {alpha(items)}")
    check(f"pps {name} respondents", r and float(r["respondents"]) == 6, repr(r))
check("pps: constructs without items are left out", set(cons) == {"credibility", "clarity"}, repr(list(cons)))
fails("pps scale off: row, column, value", 1, ["row 3", "credibility_1", "off the scale 1..5"], "personas", "pps", PPS, "--scale", "1-5")
fails("pps bad scale word", 2, ["--scale", "LO-HI"], "personas", "pps", PPS, "--scale", "seven")

# ---- behaviour ---------------------------------------------------------------------
# groups x items: two planted behaviours (groups g0..g5 watch items a, b; g6..g11 watch c, d)
brows = []
for g in range(12):
    base = (40, 30, 1, 0) if g < 6 else (0, 2, 35, 45)
    brows.append((f"g{g}", "female" if g % 2 else "male", *[b + (g % 3) for b in base]))
BEH = write_tmp("behaviour.csv", csv_text(["group", "gender", "a", "b", "c", "d"], brows))
beh = ok_json("behaviour json", "personas", "behaviour", BEH, "--k", "2", "--top", "2", "--seed", "1",
              "--weights", os.path.join(TMP, "w.csv"))
bp = beh.get("personas", [])
tops = sorted(sorted(i["item"] for i in p.get("interests", [])) for p in bp)
check("behaviour: two personas with the planted item pairs", tops == [["a", "b"], ["c", "d"]], repr(tops))
check("behaviour: provenance method nmf-mu", beh.get("provenance", {}).get("method") == "nmf-mu",
      repr(beh.get("provenance", {}).get("method")))
wr = []
if os.path.exists(os.path.join(TMP, "w.csv")):
    with open(os.path.join(TMP, "w.csv")) as f:
        wr = list(csv.DictReader(f))
check("behaviour: --weights has a row per group", [r["group"] for r in wr] == [f"g{g}" for g in range(12)], repr(wr)[:200])
fails("behaviour without --k", 2, ["--k"], "personas", "behaviour", BEH)
fails("behaviour bad method", 2, ["method", "mu"], "personas", "behaviour", BEH, "--k", "2", "--method", "als")

# ---- usage and data errors -----------------------------------------------------------
fails("no file", 2, ["no input file"], "personas")
fails("unknown option", 2, ["--colour"], "personas", PLANTED, "--colour", "red")
fails("bad format", 2, ["--format", "xml"], "personas", PLANTED, "--format", "xml")
fails("min-n 0", 2, ["--min-n", "0"], "personas", PLANTED, "--min-n", "0")
fails("reference year off", 2, ["--reference-year"], "personas", PLANTED, "--reference-year", "1700")
fails("k-max 1", 2, ["--k-max"], "personas", PLANTED, "--k-max", "1")
fails("missing file", 1, ["nosuch.csv"], "personas", "nosuch.csv")
fails("segment column missing", 1, ["nosuch", "customer_id"], "personas", PLANTED, "--segment", "nosuch")
bad_names = write_tmp("names.json", '{"schema": "cxmetrics.names/1", "entries": [')
fails("malformed names file: path and byte offset", 1, ["names.json", "byte"], "personas", PLANTED,
      "--names", bad_names)
fails("match needs two files", 2, ["NEW.json is needed"], "personas", "match", old)
wrong = write_tmp("v9.json", '{"schema": "cxmetrics.personas/9", "provenance": {}, "personas": []}')
fails("match: another schema version", 1, ["cxmetrics.personas/9"], "personas", "match", wrong, old)
rc, out, err = run("personas", "--help")
check("help exits 0 and names the subcommands", rc == 0 and "behaviour" in out and "match" in out and "pps" in out,
      err)
rc, out, err = run("--help")
check("cxm --help lists personas", rc == 0 and "cxm personas" in out)

shutil.rmtree(TMP)
cli.finish()
