#!/usr/bin/python3
"""End-to-end tests of the files every `cxm` command reads (spec §0.11): gzip files
and standard input ('-') through `cxm survey` and `cxm clv summary`, and the errors of
files that are not what they seem (UTF-16, Latin-1, a repeated column, the delimiter
hint, a truncated gzip file).

Usage: run_reader_cli_tests.py CXM SOURCE_ROOT
Prints "N passed, N failed"; exits 1 if anything failed.

Where the expected values come from (never from cxm's own output): the gzip files are
written here by Python's gzip module; the survey counts are pandas' (read_csv of the
compressed file, promoters = answers >= 9, detractors <= 6); the CLV summary of the
CDNOW sample is lifetimes' shipped cdnow_customers_summary.csv (frequency, 2 decimals
of recency and T); a compressed or piped file must also give the plain file's output
byte for byte.
"""
import csv
import gzip
import io
import json
import os
import subprocess
import sys
import tempfile

import pandas as pd

from clitest import Cli

CXM, ROOT = os.path.abspath(sys.argv[1]), sys.argv[2]
SURVEY = "examples/data/survey_responses.csv"
TX = "tests/cli/data/cdnow_sample_tx.csv"
CDNOW = "tests/data/cdnow/"
TMP = tempfile.mkdtemp(prefix="cxm_reader_cli_")

cli = Cli(CXM, ROOT, timeout=120)
check, ok, fails = cli.check, cli.ok, cli.fails


def run_stdin(data, *args):
    p = subprocess.run([CXM, *args], cwd=ROOT, input=data, capture_output=True, timeout=120)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def gz_copy(src, name):
    path = os.path.join(TMP, name)
    with open(os.path.join(ROOT, src), "rb") as f, gzip.open(path, "wb") as g:
        g.write(f.read())
    return path


def write(name, data):
    path = os.path.join(TMP, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


def without_file(doc):
    return {k: v for k, v in doc.items() if k != "file"}


# ---- cxm survey on a .gz file and on standard input --------------------------------------------
survey_gz = gz_copy(SURVEY, "survey.csv.gz")
plain = json.loads(ok("survey plain", "survey", SURVEY, "--format", "json") or "{}")
j = json.loads(ok("survey gz", "survey", survey_gz, "--format", "json") or "{}")
check("survey gz = plain (but the file name)", without_file(j) == without_file(plain) and j, str(j)[:200])
check("survey gz names the .gz file", j.get("file") == survey_gz, str(j.get("file")))
answers = pd.read_csv(survey_gz)["nps"].dropna()  # pandas infers gzip from the name
nps = j.get("nps") or {}
check("survey gz: pandas' counts", (nps.get("n"), nps.get("promoters"), nps.get("detractors"))
      == (len(answers), int((answers >= 9).sum()), int((answers <= 6).sum())), str(nps))
with open(survey_gz, "rb") as f:
    gz_bytes = f.read()
with open(os.path.join(ROOT, SURVEY), "rb") as f:
    plain_bytes = f.read()
for what, data in (("plain", plain_bytes), ("gzip", gz_bytes)):
    rc, out, err = run_stdin(data, "survey", "-", "--format", "json")
    check(f"survey - ({what} on stdin) exits 0", rc == 0 and err == "", f"rc={rc} {err!r}")
    try:
        doc = json.loads(out)
    except ValueError:
        doc = {}
    check(f"survey - ({what} on stdin) = plain", without_file(doc) == without_file(plain) and doc, out[:200])

# ---- cxm clv summary on a .gz file and on standard input ---------------------------------------
ARGS = ["--customer", "customer", "--date", "date", "--amount", "dollars", "--calibration-end", "1997-09-30",
        "--period", "week"]
tx_gz = gz_copy(TX, "cdnow_tx.csv.gz")
plain_summary = ok("clv summary plain", "clv", "summary", TX, *ARGS)
gz_summary = ok("clv summary gz", "clv", "summary", tx_gz, *ARGS)
check("clv summary gz = plain, byte for byte", gz_summary == plain_summary and plain_summary != "")
rows = list(csv.DictReader(io.StringIO(gz_summary)))
exp = {int(r["ID"]): r for r in csv.DictReader(open(os.path.join(ROOT, CDNOW, "cdnow_customers_summary.csv")))}
got = {int(r["id"]): r for r in rows}
bad = [i for i, e in exp.items() if i not in got or float(got[i]["frequency"]) != float(e["frequency"])
       or round(float(got[i]["recency"]), 2) != round(float(e["recency"]), 2)
       or round(float(got[i]["T"]), 2) != round(float(e["T"]), 2)]
check("clv summary gz = lifetimes' cdnow_customers_summary.csv", len(got) == 2357 and not bad,
      f"{len(got)} customers, {len(bad)} differ")
with open(tx_gz, "rb") as f:
    rc, out, err = run_stdin(f.read(), "clv", "summary", "-", *ARGS)
check("clv summary - (gzip on stdin) = plain", rc == 0 and out == plain_summary, f"rc={rc} {err!r}")

# ---- files that are not what they seem ------------------------------------------------------------
utf16 = write("utf16.csv", "nps,csat\n9,5\n".encode("utf-16"))  # Python writes the mark FF FE
fails("survey UTF-16", 1, [utf16 + ": the file is UTF-16 LE (byte-order mark FF FE); save it as UTF-8 "
                           "(iconv -f UTF-16 -t UTF-8 " + utf16 + ")"], "survey", utf16)
latin1 = write("latin1.csv", "customer,date,dollars\nJosé,1997-01-01,3\n".encode("latin-1"))
fails("clv summary Latin-1", 1, [latin1 + ":2:1 'customer': invalid UTF-8 (byte 0xE9 at offset 3 of the field); "
                                 "the file may be Latin-1 (iconv -f LATIN1 -t UTF-8)"],
      "clv", "summary", latin1, *ARGS)
dup = write("dup.csv", b"nps,csat,nps\n9,5,1\n")
fails("survey repeated column", 1, [dup + ":1: columns 1 and 3 are both named 'nps'"], "survey", dup)
semi = write("semi.csv", b"customer;date;dollars\nx;1997-01-01;3\n")
fails("clv summary ';' file read with ','", 1, ["no column", "; the header has one column: is the delimiter ';'?"],
      "clv", "summary", semi, *ARGS)
cut = write("cut.csv.gz", gz_bytes[:-9])
fails("survey truncated gzip", 1, [cut + ": the gzip data ends early", "(a truncated file?)"], "survey", cut)
rc, out, err = run_stdin(b"nps\n9\nx\n", "survey", "-")
check("survey - names <stdin> in its errors", rc == 1 and "<stdin>:3:1 'nps'" in err, f"rc={rc} {err!r}")

cli.finish()
