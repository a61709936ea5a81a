#!/usr/bin/env python3
"""`cxm pyramid` end to end (spec §25).

The worked example of tests/unit/test_pyramid.c, written here to a file, against
marketr's definition computed with pandas in this script (per question (HIGH -
LOW) / n x 100, cxi their mean; levels of complete respondents): overall, by
group, by month, suppression; the formats (table, csv, json, html); then the
errors, each naming the file, line and column or the option.

    run_pyramid_cli_tests.py CXM ROOT
"""
import csv
import io
import os
import sys
import tempfile

import pandas as pd

from clitest import Cli

CXM, ROOT = os.path.abspath(sys.argv[1]), sys.argv[2]
TMP = tempfile.mkdtemp(prefix="cxm_pyramid_cli_")
cli = Cli(CXM, ROOT, timeout=120)
run, check, ok, ok_json, fails = cli.run, cli.check, cli.ok, cli.ok_json, cli.fails

DATA = pd.DataFrame({
    "grp": ["a", "a", "a", "b", "b", "b", "a", "b"],
    "site": ["x", "x", "x", "x", "x", "y", "y", "z"],
    "date": ["2024-01-05", "2024-01-10", "2024-02-03", "2024-01-20", "2024-02-11", "2024-02-14", "2024-02-20",
             "2024-01-25"],
    "q_needs": [5, 4, 3, 2, 5, 1, 4, 5], "q_ease": [4, 2, 5, 3, 5, 4, 4, 3], "q_emotion": [3, 5, 1, 4, 5, 2, 4, 2],
})
PATH = os.path.join(TMP, "survey.csv")
DATA.to_csv(PATH, index=False)
COLS = ["--needs", "q_needs", "--ease", "q_ease", "--emotion", "q_emotion"]


def marketr(df):
    out = {}
    for q in ["needs", "ease", "emotion"]:
        x = df["q_" + q]
        out[q] = ((x >= 4).sum() - (x <= 2).sum()) / len(x) * 100
    out["cxi"] = (out["needs"] + out["ease"] + out["emotion"]) / 3
    l1 = df["q_needs"] >= 4
    l2 = l1 & (df["q_ease"] >= 4)
    l3 = l2 & (df["q_emotion"] >= 4)
    out.update(level1=l1.mean() * 100, level2=l2.mean() * 100, level3=l3.mean() * 100, n=len(df))
    return out


def close(a, b):
    return abs(float(a) - b) <= 1e-9 + 1e-9 * abs(b)


def rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def same(name, row, ref):
    for k, v in ref.items():
        check(f"{name} {k}", close(row[k], v), f"{row[k]} != {v}")


got = rows(ok("by group", "pyramid", PATH, *COLS, "--by", "grp", "--min-n", "1", "--format", "csv"))
check("by group: (all), a, b", [r["grp"] for r in got] == ["(all)", "a", "b"], str(got))
for r in got:
    same("group " + r["grp"], r, marketr(DATA if r["grp"] == "(all)" else DATA[DATA["grp"] == r["grp"]]))
got = rows(ok("by month", "pyramid", PATH, *COLS, "--time", "date", "--every", "month", "--min-n", "1",
              "--format", "csv"))
check("by month: two periods", [r["period"] for r in got] == ["2024-01-01", "2024-02-01"], str(got))
for r in got:
    same("month " + r["period"], r, marketr(DATA[DATA["date"].str[:7] == r["period"][:7]]))
got = rows(ok("suppression", "pyramid", PATH, *COLS, "--by", "site", "--min-n", "2", "--format", "csv"))
check("z under min-n and y by the complementary rule",
      [(r["site"], r["suppressed"], r["cxi"]) for r in got]
      == [("(all)", "0", got[0]["cxi"]), ("x", "0", got[1]["cxi"]), ("y", "1", ""), ("z", "1", "")], str(got))
doc = ok_json("json", "pyramid", PATH, *COLS, "--format", "json")
check("json kind and one row", doc.get("kind") == "pyramid" and len(doc.get("rows", [])) == 1, str(doc)[:200])
if doc.get("rows"):
    same("json overall", doc["rows"][0], marketr(DATA))
out = ok("table", "pyramid", PATH, *COLS)
check("table has a header line", out.splitlines()[0].split()[:3] == ["period", "n", "cxi"], out[:120])
page = ok("html", "pyramid", PATH, *COLS, "--by", "grp", "--min-n", "1", "--format", "html")
check("html is one page with an svg", "<svg" in page and "</html>" in page, page[:120])
outfile = os.path.join(TMP, "p.csv")
ok("-o", "pyramid", PATH, *COLS, "--format", "csv", "-o", outfile)
with open(outfile) as f:
    same("-o file", rows(f.read())[0], marketr(DATA))

bad = os.path.join(TMP, "bad.csv")
with open(bad, "w") as f:
    f.write("needs,ease,emotion\n5,4,3\n4,2,9\n")
fails("off the scale", 1, [bad + ":3:3 'emotion': value 9 is outside 1..5"], "pyramid", bad)
fails("missing column", 1, ["no column 'q_needs'", "needs, ease, emotion"], "pyramid", bad, *COLS)
fails("bad cut points", 2, ["low = 3, high = 3"], "pyramid", PATH, *COLS, "--high", "3", "--low", "3")
fails("bad scale", 2, ["--scale must be LO-HI"], "pyramid", PATH, *COLS, "--scale", "five")
fails("survey-only option", 2, ["--drivers is an option of cxm survey"], "pyramid", PATH, *COLS, "--drivers", "a")
fails("bad format", 2, ["--format must be"], "pyramid", PATH, *COLS, "--format", "xml")
fails("no file", 2, ["no FILE"], "pyramid")
out = ok("help", "pyramid", "--help")
check("pyramid help starts with Usage", out.startswith("Usage: cxm pyramid"), out[:60])
check("main help lists pyramid", "cxm pyramid FILE" in ok("--help", "--help"))

cli.finish()
