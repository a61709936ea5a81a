#!/usr/bin/python3
"""`cxm survey` with codes that mean "no answer" (--na-values, --<metric>-na-values) and
several columns of one kind (--csat-column a,b,c): issue 11, item 7; spec §0.13.

Usage: run_survey_items_cli_tests.py CXM SOURCE_ROOT
Runs cxm with the source root as working directory. Prints "N passed, N failed"; exits 1
if anything failed.

The fixture, tests/cli/data/survey_na_codes.csv (60 respondents, written once by a seeded
script), is shaped like a satisfaction export: `recommend` is NPS 0-10 with 99 = refused,
`wifi`, `seat` and `food` are service items 1-5 with 0 = not applicable, `effort` is CES
1-5, and some fields are blank. Every expected number is computed here with pandas on
the same file (codes and blanks taken out, then the definitions of spec §1-§3).
"""
import math
import os
import sys
import tempfile

import pandas as pd

from clitest import Cli

CXM, ROOT = os.path.abspath(sys.argv[1]), sys.argv[2]
FILE = "tests/cli/data/survey_na_codes.csv"
ITEMS = ["wifi", "seat", "food"]
Z = 1.959963984540054  # Phi^-1(0.975)

cli = Cli(CXM, ROOT, timeout=60)
run, check, fails = cli.run, cli.check, cli.fails
df = pd.read_csv(os.path.join(ROOT, FILE))


def close(got, exp):
    return got is not None and exp is not None and abs(got - exp) <= 1e-9 + 1e-9 * abs(exp)


def answers(col, codes):
    s = df[col]
    return s[s.notna() & ~s.isin(codes)].astype(float)


def wilson(k, n):
    p = k / n
    centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    half = Z / (1 + Z * Z / n) * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
    return 100 * (centre - half), 100 * (centre + half)


def ok_json(name, *args):
    return cli.ok_json(name, *args, "--format", "json", output_on_failure=True)


BASE = ["survey", FILE, "--nps-column", "recommend", "--ces-column", "effort"]

# ---- the items with their codes: one block per column, each equal to pandas
j = ok_json("items with codes", *BASE, "--csat-column", "wifi,seat,food", "--csat-na-values", "0",
            "--nps-na-values", "99")
blocks = j.get("csat") or []
check("csat is an array of 3 blocks", isinstance(blocks, list) and [b.get("column") for b in blocks] == ITEMS,
      str(blocks)[:200])
for b, col in zip(blocks, ITEMS):
    v = answers(col, [0])
    k = int((v >= 4).sum())
    lo, hi = wilson(k, len(v))
    check(f"{col}: n, satisfied", (b.get("n"), b.get("n_satisfied")) == (len(v), k), str(b))
    check(f"{col}: % satisfied", close(b.get("pct_satisfied"), 100 * k / len(v)), str(b))
    check(f"{col}: mean, sd", close(b.get("mean"), v.mean()) and close(b.get("sd"), v.std(ddof=1)), str(b))
    check(f"{col}: Wilson", close(b.get("wilson_lower"), lo) and close(b.get("wilson_upper"), hi), str(b))
check("missing per item", (j.get("missing") or {}).get("csat") == [int(df[c].isna().sum()) for c in ITEMS],
      str(j.get("missing")))
check("no answer per item", (j.get("no_answer") or {}).get("csat") == [int((df[c] == 0).sum()) for c in ITEMS],
      str(j.get("no_answer")))
check("no answer in the NPS column", (j.get("no_answer") or {}).get("nps") == int((df["recommend"] == 99).sum()),
      str(j.get("no_answer")))
check("no codes for CES", (j.get("no_answer") or {}).get("ces") == 0, str(j.get("no_answer")))
check("the codes", j.get("na_values") == {"nps": [99], "csat": [0], "ces": []}, str(j.get("na_values")))
v = answers("recommend", [99])
p, d = int((v >= 9).sum()), int((v <= 6).sum())
n = j.get("nps") or {}
check("NPS without the refusals", (n.get("n"), n.get("promoters"), n.get("detractors")) == (len(v), p, d)
      and close(n.get("nps"), 100 * (p - d) / len(v)), str(n)[:200])
check("NPS keeps its object shape", isinstance(j.get("nps"), dict) and isinstance(j.get("ces"), dict))

text = cli.ok("items text", *BASE, "--csat-column", "wifi,seat,food", "--csat-na-values", "0",
              "--nps-na-values", "99", output_on_failure=True)
for col in ITEMS:
    check(f"a text block for {col}", f"CSAT - Customer Satisfaction (column '{col}', answers 1-5)\n" in text)
food0 = int((df["food"] == 0).sum())
check("the no-answer row", f"  {'no answer (0)':<24} {food0:>15}  skipped\n" in text, text[-600:])
check("NPS no-answer row", "no answer (99)" in text)

# ---- --na-values for every metric; 0 is an NPS answer, so it is refused with NPS in the file
j2 = ok_json("--na-values 99 with --csat-na-values 0", *BASE, "--csat-column", "wifi,seat,food",
             "--na-values", "99", "--csat-na-values", "0")
check("the same numbers", j2.get("csat") == j.get("csat") and j2.get("nps") == j.get("nps"))
check("codes merged", (j2.get("na_values") or {}).get("csat") == [0, 99] and
      (j2.get("na_values") or {}).get("ces") == [99], str(j2.get("na_values")))
fails("--na-values 0 on the NPS scale", 1,
      ["the no-answer code 0, given for every metric, is a point of the NPS scale 0..10 of column 'recommend'"],
      *BASE, "--csat-column", "wifi", "--na-values", "0,99")
j3 = ok_json("--na-values 0,99 without NPS", "survey", FILE, "--no-nps", "--no-ces", "--csat-column", "food",
             "--na-values", "0,99")
check("food alone", (j3.get("csat") or {}).get("n") == len(answers("food", [0, 99])), str(j3.get("csat")))

# ---- without codes the first 0 is an error naming file, line, column and value
first = int(df.index[df["wifi"] == 0][0]) + 2  # the header is line 1
fails("a code without --na-values", 1, [f"{FILE}:{first}:3 'wifi': value 0 is outside 1..5 (the CSAT scale)"],
      "survey", FILE, "--no-nps", "--no-ces", "--csat-column", "wifi")
fails("an NPS code on its scale", 2, ["--nps-na-values '0'", "the no-answer code 0 is a point of the NPS scale"],
      *BASE, "--nps-na-values", "0")
fails("a code that is no number", 2, ["--na-values must be numbers", "'n/a'"], *BASE, "--na-values", "99,n/a")
fails("hexadecimal code", 2, ["--na-values must be numbers", "'0x63'"], *BASE, "--na-values", "0x63")
fails("an empty column name", 2, ["--csat-column 'wifi,,seat'", "an empty, too long or badly quoted column name"],
      *BASE, "--csat-column", "wifi,,seat")
fails("an unterminated quote", 2, ["--csat-column '\"wifi'", "badly quoted"], *BASE, "--csat-column", '"wifi')

# ---- a header name that holds a comma: quoted in the list, as in the file's header
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "question_text.csv")
    with open(path, "w") as f:
        f.write('id,"Overall, how satisfied were you?",seat\n1,5,0\n2,2,4\n3,0,5\n')
    j = ok_json("a quoted name with a comma", "survey", path, "--no-nps", "--no-ces",
                "--csat-column", '"Overall, how satisfied were you?",seat', "--csat-na-values", "0")
    blocks = j.get("csat") or []
    check("the quoted name is one column", [b.get("column") for b in blocks] ==
          ["Overall, how satisfied were you?", "seat"], str(blocks)[:200])
    check("its answers: 5 and 2 of 3, one code", [b.get("n") for b in blocks] == [2, 2] and
          (j.get("no_answer") or {}).get("csat") == [1, 1], str(j.get("no_answer")))
    rc, out, err = run("survey", path, "--no-nps", "--no-ces", "--csat-column", "Overall, how satisfied were you?")
    check("unquoted, it is split, and the one error line says how to quote", rc == 1 and out == "" and
          "no column 'Overall'" in err and "write a name that holds a comma in double quotes" in err and
          err.count("\n") == 1, err)
fails("a column given twice", 2, ["--csat-column 'wifi,wifi'", "given twice"], *BASE, "--csat-column", "wifi,wifi")
fails("an absent item", 1, ["no column 'legroom'"], *BASE, "--csat-column", "wifi,legroom")
fails("a code under --nan error", 1, [f"{FILE}:", "'recommend': missing answer ('99', a no-answer code)"],
      *BASE, "--no-csat", "--nps-na-values", "99", "--nan", "error")
rc, out, _ = run("survey", "--help")
for needle in ["--na-values CODE[,CODE...]", "--csat-column NAME[,NAME...]", "--csat-na-values"]:
    check(f"help mentions {needle}", rc == 0 and needle in out)

cli.finish()
