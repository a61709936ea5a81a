#!/usr/bin/python3
"""End-to-end tests of `cxm drivers` (spec §19): outputs and exit codes.

Usage: run_drivers_cli_tests.py CXM SOURCE_ROOT
Runs cxm with the source root as working directory. Prints "N passed, N failed";
exits 1 if anything failed.

Where the expected numbers come from (never from cxm's own output): each R² is a
least-squares fit on the rows (numpy.linalg.lstsq of y on [1, X_S]) for every
subset S; Shapley (LMG) = sum over S without j of |S|!(p-|S|-1)!/p! (R²(S+j) - R²(S));
Johnson's (2000) relative weights from numpy.linalg.eigh of R_xx (Λ = V diag(√w) V',
β = Λ^-1 r_xy, RW = Λ² β²); a text column as pandas dummies without its most
frequent level. Data: examples/data/survey_responses.csv (the bundled survey; rows
with a blank answer left out, as pandas dropna) and tests/data/customers (real,
';'-separated).
"""
import csv
import io
import itertools
import os
import sys
import tempfile
from math import factorial

import numpy as np
import pandas as pd

from clitest import Cli

CXM, ROOT = os.path.abspath(sys.argv[1]), sys.argv[2]
SURVEY = "examples/data/survey_responses.csv"
CUSTOMERS = "tests/data/customers/marketing_campaign.csv"
TMP = tempfile.mkdtemp(prefix="cxm_drivers_cli_")

cli = Cli(CXM, ROOT, timeout=120)
run, check, ok, ok_json, fails = cli.run, cli.check, cli.ok, cli.ok_json, cli.fails


def write_tmp(name, text):
    path = os.path.join(TMP, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def reference(df, outcome, drivers):
    y = df[outcome].to_numpy(float)
    cols = {}
    for d in drivers:
        v = df[d]
        if v.dtype.kind in "biuf":
            cols[d] = v.to_numpy(float)[:, None]
        else:
            counts = v.value_counts()
            ref = sorted(counts[counts == counts.max()].index)[0]
            cols[d] = np.column_stack([(v == lv).to_numpy(float) for lv in sorted(counts.index) if lv != ref])

    def r2(S):
        if not S:
            return 0.0
        A = np.column_stack([np.ones(len(y))] + [cols[d] for d in S])
        e = y - A @ np.linalg.lstsq(A, y, rcond=None)[0]
        return 1 - e @ e / ((y - y.mean()) @ (y - y.mean()))

    p = len(drivers)
    R2 = {frozenset(S): r2(S) for k in range(p + 1) for S in itertools.combinations(drivers, k)}
    phi = []
    for j in drivers:
        others = [d for d in drivers if d != j]
        phi.append(sum(factorial(k) * factorial(p - k - 1) / factorial(p) * (R2[frozenset(S) | {j}] - R2[frozenset(S)])
                       for k in range(p) for S in itertools.combinations(others, k)))
    Z = np.column_stack([cols[d] for d in drivers])
    owner = [d for d in drivers for _ in range(cols[d].shape[1])]
    R = np.corrcoef(np.column_stack([y, Z]), rowvar=False)
    w, V = np.linalg.eigh(R[1:, 1:])
    lam = V @ np.diag(np.sqrt(w)) @ V.T
    eps = (lam ** 2) @ (np.linalg.solve(lam, R[1:, 0]) ** 2)
    rw = [sum(e for e, o in zip(eps, owner) if o == d) for d in drivers]
    return R2[frozenset(drivers)], phi, rw


def close(a, b, tol=1e-9):
    return abs(float(a) - float(b)) <= tol


def rows_of(out):
    return list(csv.DictReader(io.StringIO(out)))


# the survey: nps on csat, ces and channel; rows with a blank answer left out
ARGS = ["drivers", SURVEY, "--outcome", "nps", "--drivers", "csat,ces,channel", "--nan-policy", "omit"]
survey = pd.read_csv(os.path.join(ROOT, SURVEY))
kept = survey.dropna(subset=["nps", "csat", "ces", "channel"]).reset_index(drop=True)
r2, phi, rw = reference(kept, "nps", ["csat", "ces", "channel"])

rows = rows_of(ok("survey csv", *ARGS, "--format", "csv", "--bootstrap", "50"))
check("survey csv: one row per driver, in order", [r["driver"] for r in rows] == ["csat", "ces", "channel"],
      repr(rows))
check("survey csv: columns", rows and list(rows[0]) == [
    "driver", "kind", "correlation", "relative_weight", "rw_lower", "rw_upper", "rw_share", "shapley",
    "shapley_lower", "shapley_upper", "shapley_share"], repr(rows[:1]))
for r, s, w in zip(rows, phi, rw):
    check(f"survey csv: shapley of {r['driver']}", close(r["shapley"], s), f"{r['shapley']} vs {s}")
    check(f"survey csv: relative weight of {r['driver']}", close(r["relative_weight"], w), f"{r['relative_weight']} vs {w}")
    check(f"survey csv: share of {r['driver']}", close(r["shapley_share"], 100 * s / r2, 1e-7))
    check(f"survey csv: interval holds {r['driver']}",
          float(r["shapley_lower"]) <= float(r["shapley"]) <= float(r["shapley_upper"]), repr(r))
check("survey csv: kinds", [r["kind"] for r in rows] == ["numeric", "numeric", "categorical"])
check("survey csv: correlation of csat", close(rows[0]["correlation"], np.corrcoef(kept.csat, kept.nps)[0, 1]))

doc = ok_json("survey json", *ARGS, "--format", "json", "--bootstrap", "0")
check("survey json: r2", close(doc.get("r2", 0), r2), repr(doc.get("r2")))
check("survey json: n and rows_dropped", doc.get("n") == len(kept) and doc.get("rows_dropped") == len(survey) - len(kept)
      and doc.get("rows") == len(survey), repr(doc))
check("survey json: outcome, policy", doc.get("outcome") == "nps" and doc.get("nan_policy") == "omit")
check("survey json: no intervals with --bootstrap 0",
      all(d["rw_lower"] is None and d["shapley_upper"] is None for d in doc.get("drivers", [])), repr(doc))
check("survey json: sums to R2", close(sum(d["shapley"] for d in doc.get("drivers", [])), r2, 1e-12)
      and close(sum(d["relative_weight"] for d in doc.get("drivers", [])), r2, 1e-12))

text = ok("survey text", *ARGS)
check("survey text: R2 line", f"R2 = {r2:.4f} on {len(kept)} rows ({len(survey) - len(kept)} left out" in text, text[:300])
check("survey text: the table", "shapley_share" in text and "channel" in text and "categorical" in text)

# seeded: the same bytes with 1 or 2 threads; another seed, other intervals
a = ok("threads 1", *ARGS, "--format", "csv", "--threads", "1", "--seed", "9")
b = ok("threads 2", *ARGS, "--format", "csv", "--threads", "2", "--seed", "9")
c = ok("seed 10", *ARGS, "--format", "csv", "--threads", "2", "--seed", "10")
check("same seed, 1 or 2 threads: same bytes", a == b and a != "")
check("another seed: other intervals", a != c)
d = ok("conf 0.8", *ARGS, "--format", "csv", "--seed", "9", "--conf", "0.8")
narrow, wide = rows_of(d), rows_of(a)
check("conf 0.8 narrower than 0.95", all(float(n["shapley_upper"]) - float(n["shapley_lower"])
                                         <= float(w["shapley_upper"]) - float(w["shapley_lower"])
                                         for n, w in zip(narrow, wide)))

# real data, ';'-separated: Income has 24 blanks
cust = pd.read_csv(os.path.join(ROOT, CUSTOMERS), sep=";").dropna(subset=["Income"]).reset_index(drop=True)
drv = ["Income", "Kidhome", "Recency", "Education"]
r2c, phic, rwc = reference(cust, "MntWines", drv)
rows = rows_of(ok("customers csv", "drivers", CUSTOMERS, "--delimiter", ";", "--outcome", "MntWines", "--drivers",
                  ",".join(drv), "--nan-policy", "omit", "--bootstrap", "0", "--format", "csv"))
for r, s, w in zip(rows, phic, rwc):
    check(f"customers: shapley of {r['driver']}", close(r["shapley"], s), f"{r['shapley']} vs {s}")
    check(f"customers: relative weight of {r['driver']}", close(r["relative_weight"], w))

# refusals: one line each, naming what is wrong
fails("missing value under error", 1, [SURVEY, "column 'ces', row 8", "nan_policy omit"],
      "drivers", SURVEY, "--outcome", "nps", "--drivers", "csat,ces")
fails("unknown driver", 1, ["no column 'effort'", "its columns are: response_id, customer_id"],
      "drivers", SURVEY, "--outcome", "nps", "--drivers", "csat,effort")
fails("unknown outcome", 1, ["outcome: no column 'score'"], "drivers", SURVEY, "--outcome", "score", "--drivers", "csat")
flat = write_tmp("flat.csv", "y,a,b,c,s\n" + "".join(f"{i * 7 % 5},{i},{i * i % 7},3,{i + i * i % 7}\n"
                                                          for i in range(12)))
fails("constant driver", 1, ["driver 'c' is constant", "R_xx is singular"], "drivers", flat, "--outcome", "y",
      "--drivers", "a,c")
fails("collinear drivers", 1, ["drivers 'a', 'b' and 's' are perfectly collinear"], "drivers", flat, "--outcome", "y",
      "--drivers", "a,b,s")
fails("too few rows", 1, ["3 rows", "the columns + 2"], "drivers",
      write_tmp("short.csv", "y,a,b\n1,2,3\n2,1,5\n4,4,1\n"), "--outcome", "y", "--drivers", "a,b")
wide_csv = write_tmp("wide.csv", ",".join(["y"] + [f"m{i}" for i in range(16)]) + "\n" + "".join(
    ",".join(str((r * (i + 3)) % 11) for i in range(17)) + "\n" for r in range(40)))
fails("16 drivers", 1, ["16 drivers: at most 15"], "drivers", wide_csv, "--outcome", "y", "--drivers",
      ",".join(f"m{i}" for i in range(16)))
fails("no outcome", 2, ["--outcome COL and --drivers"], "drivers", SURVEY, "--drivers", "csat")
fails("bad format", 2, ["format", "'xml'"], *ARGS, "--format", "xml")
fails("bad bootstrap", 2, ["--bootstrap must be a whole number 0 .. 100000", "'-1'"], *ARGS, "--bootstrap", "-1")
fails("bad policy", 2, ["nan_policy must be", "'drop'"], *ARGS[:-1], "drop")
fails("bad conf", 2, ["conf is 1.5"], *ARGS, "--conf", "1.5")
fails("empty driver name", 2, ["empty name"], "drivers", SURVEY, "--outcome", "nps", "--drivers", "csat,,ces")
fails("no such file", 1, ["nope.csv"], "drivers", "nope.csv", "--outcome", "y", "--drivers", "a")
rc, out, err = run("drivers", "--help")
check("help exits 0", rc == 0 and "cxm drivers FILE --outcome COL" in out, err)

for name in os.listdir(TMP):
    os.remove(os.path.join(TMP, name))
os.rmdir(TMP)
cli.finish()
