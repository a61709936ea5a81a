#!/usr/bin/python3
"""End-to-end tests of the `cxm` command: outputs and exit codes on good and bad input.

Usage: run_cli_tests.py CXM SOURCE_ROOT VERSION
Runs cxm with the source root as working directory, so paths in messages are the
relative ones given here. Prints "N passed, N failed"; exits 1 if anything failed.

Expected numbers: for examples/data/survey_responses.csv they come from the reference
oracle shared/spec/cxref.py 1.0.0 (nps_from_scores, nps_wald, nps_adjusted_wald, csat,
ces_5pt, wilson on the same columns, empty fields omitted, conf 0.95), the same values
tests/unit/test_report.c uses; for the fixtures in tests/cli/data they are counted by
hand in the comments below.
"""
import os
import sys

from clitest import Cli

# meson may pass the program relative to the build directory, our starting directory
CXM, ROOT, VERSION = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3]
EXAMPLE = "examples/data/survey_responses.csv"
DATA = "tests/cli/data/"

cli = Cli(CXM, ROOT, timeout=60)
run, check, fails = cli.run, cli.check, cli.fails


def close(got, exp):
    return got is not None and abs(got - exp) <= 1e-9 + 1e-9 * abs(exp)


def ok(name, *args):
    """Run cxm; it must succeed quietly. Returns stdout."""
    return cli.ok(name, *args, output_on_failure=True)


def ok_json(name, *args):
    return cli.ok_json(name, *args, "--format", "json", output_on_failure=True)


# ---- the bundled example ----------------------------------------------------------------
text = ok("example text", "survey", EXAMPLE)
for needle in ["Survey report: " + EXAMPLE,
               "400 data rows; intervals at 95% confidence",
               "NPS - Net Promoter Score (column 'nps', answers 0-10)",
               "promoters (9-10)                     174   44.1%",
               "NPS                                +21.8",
               "95% CI, Wald              [+14.0, +29.5]",
               "95% CI, adjusted-Wald     [+13.9, +29.3]",
               "satisfied (4-5)                      284   72.3%",
               "95% CI, Wilson            [67.6%, 76.5%]",
               "agree it was easy (4-5)              241   62.4%",
               "95% CI, Wilson            [57.5%, 67.1%]",
               "missing (empty)                       14  skipped"]:
    check(f"example text has {needle!r}", needle in text, text)

j = ok_json("example json", "survey", EXAMPLE)
check("json file", j.get("file") == EXAMPLE)
check("json rows", j.get("rows") == 400)
check("json keys", set(j) == {"file", "rows", "conf", "nan_policy", "nps", "csat", "ces", "missing", "notes"},
      sorted(j))
nps = j.get("nps") or {}
check("json nps counts", (nps.get("n"), nps.get("promoters"), nps.get("passives"), nps.get("detractors"))
      == (395, 174, 133, 88), str(nps))
for key, exp in [("pct_promoters", 44.050632911392405), ("pct_passives", 33.67088607594937),
                 ("pct_detractors", 22.27848101265823), ("nps", 21.772151898734176)]:
    check(f"json nps.{key}", close(nps.get(key), exp), str(nps.get(key)))
for group, vals in [("wald", {"lower": 14.032871469364476, "upper": 29.511432328103883,
                              "se": 3.948685021978037, "moe": 7.739280429369704, "z": 1.959963984540054}),
                    ("adjusted_wald", {"lower": 13.90123183344387, "upper": 29.314848568566187,
                                       "se": 3.9321173390692277, "moe": 7.706808367561158,
                                       "z": 1.959963984540054, "nps_adj": 21.60804020100503})]:
    for key, exp in vals.items():
        check(f"json nps.{group}.{key}", close((nps.get(group) or {}).get(key), exp), str(nps.get(group)))
csat = j.get("csat") or {}
check("json csat counts", (csat.get("n"), csat.get("threshold"), csat.get("n_satisfied")) == (393, 4, 284))
for key, exp in [("pct_satisfied", 72.264631043257), ("mean", 3.910941475826972), ("sd", 1.106431743578806),
                 ("wilson_lower", 67.63910639769372), ("wilson_upper", 76.45910867289211)]:
    check(f"json csat.{key}", close(csat.get(key), exp), str(csat.get(key)))
ces = j.get("ces") or {}
check("json ces counts", (ces.get("points"), ces.get("n"), ces.get("n_agree")) == (5, 386, 241))
for key, exp in [("pct_agree", 62.43523316062176), ("mean", 3.6632124352331608),
                 ("wilson_lower", 57.50374686410933), ("wilson_upper", 67.12164836460974)]:
    check(f"json ces.{key}", close(ces.get(key), exp), str(ces.get(key)))
check("json missing", j.get("missing") == {"nps": 5, "csat": 7, "ces": 14}, str(j.get("missing")))
check("json notes", j.get("notes") == [])

j = ok_json("example --conf 0.90", "survey", EXAMPLE, "--conf", "0.90")
fails("--conf in hexadecimal", 2, ["--conf must be a number", "'0x1p-1'"], "survey", EXAMPLE, "--conf", "0x1p-1")
check("--conf reaches the intervals", close(((j.get("nps") or {}).get("wald") or {}).get("z"), 1.6448536269514722))
check("--conf reported", j.get("conf") == 0.9)

# ---- small.csv: quoted commas, doubled quotes, a line break in a comment, one empty
# answer per column. nps 10 9 8 7 6 0 _ 10 -> n 7, P 3, Pa 2, D 2, NPS 100/7;
# csat 5 4 4 3 2 1 5 _ -> n 7, 4 satisfied, mean 24/7; ces 5 4 _ 2 1 3 5 4 -> n 7, 4 agree, mean 24/7.
j = ok_json("small.csv", "survey", DATA + "small.csv")
n = j.get("nps") or {}
check("small rows", j.get("rows") == 8)
check("small nps split", (n.get("n"), n.get("promoters"), n.get("passives"), n.get("detractors")) == (7, 3, 2, 2))
check("small nps", close(n.get("nps"), 100.0 / 7.0), str(n.get("nps")))
c = j.get("csat") or {}
check("small csat", (c.get("n"), c.get("n_satisfied")) == (7, 4) and close(c.get("mean"), 24.0 / 7.0), str(c))
e = j.get("ces") or {}
check("small ces", (e.get("n"), e.get("n_agree")) == (7, 4) and close(e.get("mean"), 24.0 / 7.0), str(e))
check("small missing", j.get("missing") == {"nps": 1, "csat": 1, "ces": 1}, str(j.get("missing")))

# --nan error stops at the first empty answer: ces on line 4 (response 3)
fails("--nan error", 1, ["tests/cli/data/small.csv:4:7 'ces'", "missing answer"],
      "survey", DATA + "small.csv", "--nan", "error")

# ---- custom_columns.csv: BOM, CRLF, ';'. recommend on 1-10: 10 3 9 1 -> P 2, D 2, NPS 0;
# sat on 1-7, top-2-box 6-7: 7 6 2 5 -> 2 of 4; with --csat-threshold 5 -> 3 of 4;
# effort on 1-7 (agree 5-7): 7 5 4 1 -> 2 of 4, mean 17/4.
args = ["survey", DATA + "custom_columns.csv", "--delimiter", ";", "--nps-column", "recommend",
        "--nps-scale", "1-10", "--csat-column", "sat", "--csat-scale", "1-7", "--ces-column=effort",
        "--ces-scale", "7"]
j = ok_json("custom columns", *args)
n, c, e = j.get("nps") or {}, j.get("csat") or {}, j.get("ces") or {}
check("custom nps", (n.get("scale"), n.get("promoters"), n.get("detractors"), n.get("nps")) == ("1-10", 2, 2, 0), str(n))
check("custom csat", (c.get("scale_lo"), c.get("scale_hi"), c.get("threshold"), c.get("n_satisfied"))
      == (1, 7, 6, 2), str(c))
check("custom ces", (e.get("points"), e.get("n_agree")) == (7, 2) and close(e.get("mean"), 4.25), str(e))
j = ok_json("custom threshold", *args, "--csat-threshold", "5")
check("--csat-threshold", ((j.get("csat") or {}).get("n_satisfied")) == 3, str(j.get("csat")))
text = ok("custom text", *args)
check("custom text names the 1-7 CES", "answers 1-7, 7 = easiest" in text and "(5-7)" in text, text)
fails("custom file with the default delimiter", 1, ["no column 'recommend'"],
      *[a for a in args if a not in ("--delimiter", ";")])

# ---- absent default columns are skipped with a note; explicit ones must exist
j = ok_json("nps only", "survey", DATA + "nps_only.csv")
check("nps only: nps", ((j.get("nps") or {}).get("promoters"), (j.get("nps") or {}).get("detractors")) == (2, 1))
check("nps only: csat, ces null", j.get("csat") is None and j.get("ces") is None)
check("nps only: notes", j.get("notes") == ["CSAT skipped: there is no column 'csat' in the file",
                                           "CES skipped: there is no column 'ces' in the file"], str(j.get("notes")))
text = ok("nps only text", "survey", DATA + "nps_only.csv")
check("nps only text note", "note: CES skipped: there is no column 'ces' in the file" in text, text)
j = ok_json("--no-csat --no-ces", "survey", DATA + "nps_only.csv", "--no-csat", "--no-ces")
check("--no-* leaves no notes", j.get("notes") == [] and j.get("csat") is None, str(j))
fails("explicit missing column", 1, ["no column 'ces'", "nps_only.csv", "id, nps"],
      "survey", DATA + "nps_only.csv", "--ces-column", "ces")
fails("no scorable column", 1, ["none of the columns to score", "id, nps"],
      "survey", DATA + "nps_only.csv", "--no-nps")

# ---- data errors: exit 1, one line naming file, line, column, value
fails("missing file", 1, ["cannot open 'tests/cli/data/no_such_file.csv'", "No such file"],
      "survey", DATA + "no_such_file.csv")
fails("empty file", 1, ["tests/cli/data/empty.csv is empty", "no header line"], "survey", DATA + "empty.csv")
fails("header only", 1, ["header_only.csv has a header but no data rows"], "survey", DATA + "header_only.csv")
fails("off-scale score", 1, ["tests/cli/data/off_scale.csv:4:5 'nps': value 11 is outside 0..10"],
      "survey", DATA + "off_scale.csv")
fails("non-numeric score", 1, ["tests/cli/data/not_a_number.csv:3:6 'csat': 'good' is not a number"],
      "survey", DATA + "not_a_number.csv")
# spec §0.10: strtod would read 0x9 as 9 and 1e999 as infinity; neither is an answer
fails("hexadecimal score", 1, ["tests/cli/data/hex_score.csv:3:5 'nps': '0x9' is not a number"],
      "survey", DATA + "hex_score.csv")
fails("huge score", 1, ["tests/cli/data/huge_score.csv:3:7 'ces': '1e999' is too large for a number"],
      "survey", DATA + "huge_score.csv")
fails("unterminated quote", 1, ["unterminated.csv:3: column 8 'comment'", "unterminated quote"],
      "survey", DATA + "unterminated.csv")
fails("wrong field count", 1, ["ragged.csv:2: 9 fields, but the header has 8 columns"],
      "survey", DATA + "ragged.csv")

# ---- usage errors: exit 2
fails("no arguments", 2, ["no FILE"], "survey")
fails("two files", 2, ["one FILE only"], "survey", "a.csv", "b.csv")
fails("unknown option", 2, ["unknown option '--bogus'"], "survey", EXAMPLE, "--bogus")
fails("missing value", 2, ["--format needs a value"], "survey", EXAMPLE, "--format")
fails("bad format", 2, ["--format must be text, json, csv or html", "'xml'"], "survey", EXAMPLE, "--format", "xml")
fails("bad conf", 2, ["--conf", "'95'"], "survey", EXAMPLE, "--conf", "95")
# CES takes any scale of at most 1001 points (spec §3.4)
fails("bad ces scale", 2, ["--ces-scale '5-1'", "the CES scale must have lo < hi and at most 1001 points"],
      "survey", EXAMPLE, "--ces-scale", "5-1")
fails("bad csat scale", 2, ["--csat-scale", "'5-1'"], "survey", EXAMPLE, "--csat-scale", "5-1")
fails("threshold off scale", 2, ["--csat-threshold '9'", "threshold 9 is off the CSAT scale 1..5"],
      "survey", EXAMPLE, "--csat-threshold", "9")
fails("bad nan", 2, ["--nan must be omit or error"], "survey", EXAMPLE, "--nan", "drop")
fails("bad delimiter", 2, ["--delimiter"], "survey", EXAMPLE, "--delimiter", "ab")
fails("contradiction", 2, ["--no-nps"], "survey", EXAMPLE, "--no-nps", "--nps-column", "nps")
fails("nothing to score", 2, ["nothing to score"], "survey", EXAMPLE, "--no-nps", "--no-csat", "--no-ces")
fails("unknown command", 2, ["unknown command 'serve'"], "serve")
fails("unknown top-level option", 2, ["unknown option '--frobnicate'"], "--frobnicate")
rc, out, err = run()
check("no command exits 2 with the usage on stderr", rc == 2 and out == "" and "Usage:" in err, repr(err))

# ---- help and version
rc, out, err = run("--version")
check("--version", rc == 0 and out == f"cxm {VERSION}\n" and err == "", repr(out))
rc, out, err = run("--help")
check("--help", rc == 0 and "cxm survey FILE" in out and err == "", repr(out[:200]))
rc, out, err = run("survey", "--help")
for needle in ["Usage: cxm survey FILE [options]", "Promoters answer 9-10", "% promoters - % detractors",
               "Wilson", "adjusted-Wald", "--csat-scale LO-HI", "--ces-scale N|LO-HI", "--conf LEVEL",
               "--nan omit|error", "--format text|json", "Examples:",
               "cxm survey examples/data/survey_responses.csv", "Exit status"]:
    check(f"survey --help mentions {needle!r}", rc == 0 and needle in out, repr(out[:100]))
rc2, out2, _ = run("help", "survey")
check("cxm help survey", rc2 == 0 and out2 == out)
rc, out, err = run("survey", EXAMPLE, "-h")
check("survey FILE -h shows help", rc == 0 and out.startswith("Usage: cxm survey"))

# ---- cxm --threads N before the command (cxmetrics/threads.h): the same output
plain = ok("survey for --threads", "survey", EXAMPLE, "--format", "json")
for args in (["--threads", "1"], ["--threads=2"], ["--threads", "0"], ["--threads", "3", "--threads", "1"]):
    check(f"cxm {' '.join(args)} survey: the same output", ok(f"{args}", *args, "survey", EXAMPLE, "--format", "json") == plain)
fails("--threads not a number", 2, ["--threads must be a whole number 0..1024", "not 'two'"],
      "--threads", "two", "survey", EXAMPLE)
fails("--threads too many", 2, ["not '1025'"], "--threads", "1025", "survey", EXAMPLE)
fails("--threads negative", 2, ["not '-1'"], "--threads=-1", "survey", EXAMPLE)
fails("--threads without its value", 2, ["--threads needs a value"], "--threads")
rc, out, err = run("--threads", "2")
check("--threads without a command exits 2 with the usage", rc == 2 and "Usage:" in err, repr(err))
rc, out, err = run("--help")
check("--help mentions --threads", "cxm --threads N COMMAND" in out, repr(out[-400:]))

cli.finish()
