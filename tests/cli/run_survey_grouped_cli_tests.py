#!/usr/bin/python3
"""`cxm survey` by group and period (issue 10, item 6; spec §18, §18.10): the CSV
cells against the independent reference (tests/data/survey-grouped/front_reference.py:
pandas, scipy and the spec's formulas), the JSON and HTML forms, -o, stdin, the
option errors (each worded by the library or the command line, exit 2) and the data
errors (exit 1).

Usage: run_survey_grouped_cli_tests.py CXM SOURCE_ROOT
Runs cxm with the source root as working directory. Prints "N passed, N failed"; exits
1 if anything failed.
"""
import json
import os
import sys
import tempfile
from io import StringIO

import numpy as np
import pandas as pd

from clitest import Cli

CXM, ROOT = os.path.abspath(sys.argv[1]), sys.argv[2]
sys.path.insert(0, os.path.join(ROOT, "tests", "data", "survey-grouped"))
import front_reference as ref  # noqa: E402

FILE = "tests/data/survey-grouped/front_responses.csv"
THEMES = "tests/data/survey-grouped/front_themes.json"
BASE = ["survey", FILE, "--by", "channel", "--time", "timestamp", "--every", "month", "--ces-scale", "1-7"]
NUMBERS = ["n", "score", "lower", "upper", "change", "p_value", "p_adjusted", "suppressed"]

cli = Cli(CXM, ROOT, timeout=120)
run, check, fails = cli.run, cli.check, cli.fails
df = ref.read(os.path.join(ROOT, FILE))


def read_csv(text):
    """The tidy CSV: texts as str (an empty period stays ""), empty numbers NaN."""
    t = pd.read_csv(StringIO(text), dtype={"channel": str, "period": str, "metric": str},
                    keep_default_na=False, na_values=[""], float_precision="round_trip")
    return t.fillna({"channel": "", "period": "", "metric": ""})


def same_cells(name, got, want):
    got = got[got["metric"].isin(ref.METRICS)].reset_index(drop=True)
    check(name + ": as many rows as the reference", len(got) == len(want), f"{len(got)} != {len(want)}")
    if len(got) != len(want):
        return
    for k in ("channel", "period", "metric"):
        if k in want:
            check(f"{name}: column {k}", list(got[k]) == list(want[k].astype(str)))
    for k in NUMBERS:
        g, w = got[k].to_numpy(dtype=float), want[k].to_numpy(dtype=float)
        same_nan = np.array_equal(np.isnan(g), np.isnan(w))
        check(f"{name}: {k} NaN where the reference's is", same_nan)
        ok = ~np.isnan(w)
        check(f"{name}: {k} equals the reference", same_nan and np.allclose(g[ok], w[ok], rtol=1e-9, atol=1e-9),
              str(np.max(np.abs(g[ok] - w[ok]))) if same_nan and ok.any() else "")


# ---- the tidy CSV ------------------------------------------------------------------------
out = cli.ok("csv by channel x month", *BASE, "--format", "csv")
cells = read_csv(out)
check("csv header", list(cells.columns[:14]) == ["channel", "period", "metric", "n", "score", "lower", "upper",
                                                 "change", "p_value", "p_adjusted", "suppressed", "missing",
                                                 "promoters", "passives"], str(list(cells.columns)))
same_cells("csv by channel x month", cells, ref.reference(df, ["channel"], "month"))

out = cli.ok("csv week +05:30 bh", *BASE[:6], "--every", "week", "--utc-offset", "+05:30", "--adjust", "bh", "--min-n", "5",
             "--ces-scale", "1-7", "--format", "csv")
same_cells("csv week +05:30 bh", read_csv(out),
           ref.reference(df, ["channel"], "week", offset_min=330, min_n=5, adjust=ref._bh))

# -o writes the same bytes; '-' reads standard input
with tempfile.TemporaryDirectory() as tmp:
    target = os.path.join(tmp, "cells.csv")
    rc, o, e = run(*BASE, "--format", "csv", "-o", target)
    check("-o exits 0 and prints nothing", rc == 0 and o == "" and e == "", e)
    check("-o writes the CSV", os.path.exists(target) and open(target).read() == cli.ok("again", *BASE, "--format", "csv"))
import subprocess  # noqa: E402
p = subprocess.run([CXM, "survey", "-", *BASE[2:], "--format", "csv"], cwd=ROOT, capture_output=True, text=True,
                   stdin=open(os.path.join(ROOT, FILE)))
check("stdin '-' gives the same CSV", p.returncode == 0 and p.stdout == cli.ok("file", *BASE, "--format", "csv"),
      p.stderr)

# 1 and 2 threads: the same bytes
one = cli.ok("1 thread", *BASE, "--format", "csv", "--threads", "1")
two = cli.ok("2 threads", *BASE, "--format", "csv", "--threads", "2")
check("1 and 2 threads give the same bytes", one == two and one != "")

# ---- JSON, text, HTML ------------------------------------------------------------------------
doc = cli.ok_json("json", *BASE, "--format", "json")
check("json has the cells", isinstance(doc, dict) and any(isinstance(v, list) for v in doc.values()), str(doc)[:200])
check("json says the rows read", "2000" in json.dumps(doc))
text = cli.ok("text", *BASE)
check("text is a table naming the channels", all(c in text for c in ("email", "web", "phone", "chat", "(all)")))
html = cli.ok("html", *BASE, "--format", "html")
check("html is one self-contained page", html.lstrip().lower().startswith("<!doctype html") and "<svg" in html
      and "http://" not in html.replace("http://www.w3.org", "") and "<script src" not in html)

# the plain report stays the default and unchanged by the new code (its own tests pin it)
plain = cli.ok("plain report", "survey", FILE, "--ces-scale", "1-7")
check("plain report has no group table", "(all)" not in plain)

# themes, drivers, support times
out = cli.ok("themes", *BASE, "--comment-column", "comment", "--themes", THEMES, "--format", "json")
check("themes in the JSON", "delivery" in out and "website" in out)
out = cli.ok("default themes", *BASE, "--comment-column", "comment", "--format", "json")
out = cli.ok("times", *BASE, "--times", "created,first_reply,resolved", "--format", "csv")
t = read_csv(out)
check("times metrics", set(t["metric"]) >= {"first_response_mean", "first_response_median", "first_response_p90",
                                             "resolution_mean", "resolution_median", "resolution_p90"})
out = cli.ok("drivers", *BASE, "--drivers", "csat,ces,agent", "--format", "json")
check("drivers in the JSON", "relative_weight" in out and "shapley" in out)

# ---- the progress bar: drawn on a terminal for a large file, erased at the end ---------------
# (util-linux `script` gives cxm a pseudo-terminal; a file over the 64 MiB threshold is
# written from the test file's rows; without a terminal nothing is drawn: every other check
# above asserts an empty stderr)
import shutil  # noqa: E402
if shutil.which("script"):
    with tempfile.TemporaryDirectory() as tmp:
        big = os.path.join(tmp, "big.csv")
        with open(os.path.join(ROOT, FILE), "rb") as f:
            head, body = f.readline(), f.read()
        with open(big, "wb") as f:
            f.write(head)
            while f.tell() < 65 * 1024 * 1024:
                f.write(body)
        cmd = " ".join([CXM, "survey", big, "--by", "channel", "--time", "timestamp", "--every", "month",
                        "--ces-scale", "1-7", "--format", "csv", "-o", os.path.join(tmp, "out.csv")])
        p = subprocess.run(["script", "-qfc", cmd, "/dev/null"], cwd=ROOT, capture_output=True, timeout=300)
        tty = p.stdout.decode("utf-8", "replace")
        check("progress bar drawn on a terminal", "reading [" in tty and "100%" in tty, repr(tty[:200]))
        check("progress bar erased at the end", tty.endswith("\r\033[K"), repr(tty[-40:]))
        rc, o, e = run("survey", big, "--by", "channel", "--time", "timestamp", "--every", "month", "--ces-scale",
                       "1-7", "--format", "csv", "-o", os.path.join(tmp, "out2.csv"))
        check("no progress bar without a terminal", rc == 0 and e == "", repr(e[:200]))

# ---- usage errors: exit 2, one line naming the option and the value ---------------------------
fails("--every unknown", 2, ["--every", "fortnight", "day", "month"], *BASE[:6], "--every", "fortnight")
fails("--every without --time", 2, ["--every", "--time"], "survey", FILE, "--every", "month")
fails("--time without --every", 2, ["--time", "--every"], "survey", FILE, "--time", "timestamp")
fails("--utc-offset syntax", 2, ["--utc-offset", "2h"], *BASE, "--utc-offset", "2h")
fails("--utc-offset out of range", 2, ["--utc-offset", "+15:00"], *BASE, "--utc-offset", "+15:00")
fails("--min-n not a number", 2, ["--min-n", "ten"], *BASE, "--min-n", "ten")
fails("--min-n negative", 2, ["--min-n", "-1"], *BASE, "--min-n", "-1")
fails("--adjust unknown", 2, ["--adjust", "bonferroni", "holm", "bh"], *BASE, "--adjust", "bonferroni")
fails("--threads", 2, ["--threads", "two"], *BASE, "--threads", "two")
fails("--times one column", 2, ["--times", "created"], *BASE, "--times", "created")
fails("--themes without --comment-column", 2, ["--themes", "--comment-column"], *BASE, "--themes", THEMES)
fails("--ces-agree not a number", 2, ["--ces-agree", "x"], *BASE, "--ces-agree", "x")
fails("--ces-agree off the scale", 2, ["--ces-agree", "9"], *BASE, "--ces-agree", "9")
fails("--ces-scale without default agree", 1, ["1..9", "--ces-agree"], "survey", FILE, "--ces-scale", "1-9")
fails("--format unknown", 2, ["--format", "xml", "csv", "html"], *BASE, "--format", "xml")
fails("too many --by", 2, ["--by"], *BASE, *sum((["--by", "agent"] for _ in range(9)), []))

# ---- data errors: exit 1, the library's message naming the file and the column ------------------
fails("--by unknown column", 1, [FILE, "region"], "survey", FILE, "--by", "region", "--ces-scale", "1-7")
fails("--time unknown column", 1, [FILE, "when"], "survey", FILE, "--time", "when", "--every", "month",
      "--ces-scale", "1-7")
fails("--comment-column unknown", 1, [FILE, "remarks"], *BASE, "--comment-column", "remarks")
fails("--drivers unknown", 1, [FILE, "speed"], *BASE, "--drivers", "speed")
fails("--times unknown", 1, [FILE, "opened"], *BASE, "--times", "opened,first_reply")
fails("--themes missing file", 1, ["nope.json"], *BASE, "--comment-column", "comment", "--themes", "nope.json")

cli.finish()
