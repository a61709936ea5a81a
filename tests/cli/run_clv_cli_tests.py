#!/usr/bin/python3
"""End-to-end tests of `cxm clv summary|fit|predict`: outputs and exit codes.

Usage: run_clv_cli_tests.py CXM SOURCE_ROOT
Runs cxm with the source root as working directory. Prints "N passed, N failed";
exits 1 if anything failed.

Where the expected numbers come from (never from cxm's own output):
- tests/data/cdnow/ (lifetimes' data files, README.md there): CDNOW_sample.txt
  summarised to 1997-09-30 in weeks must reproduce cdnow_customers_summary.csv after
  rounding to 2 decimals, and the zbar column of
  cdnow_customers_summary_with_transactions.csv to within 0.01 (half cents).
  tests/cli/data/cdnow_sample_tx.csv is CDNOW_sample.txt as CSV, written by
  tests/cli/data/make_cdnow_sample_tx.py (rows and fields unchanged).
- shared/anchors/README.md section 2: fitted parameters (the tight optimum) and
  log-likelihoods of BG/NBD, MBG/NBD, Pareto/NBD, Gamma-Gamma and BG/BB on these
  files, and per-customer and summed predictions for the lifetimes parameters.
- sbg_high_end.csv and sbg_regular.csv: the "High End" and "Regular" subscriber
  cohorts of Fader & Hardie (2007), "How to Project Customer Retention", Journal of
  Interactive Marketing 21(1), years 0-7, with the published fits alpha 0.668, beta
  3.806 and alpha 0.704, beta 1.182 (3 decimals).
- clv_tx_small.csv and the other small fixtures: counted by hand in the comments.
"""
import csv
import io
import json
import os
import sys
import tempfile

from clitest import Cli

# meson may pass the program relative to the build directory, our starting directory
CXM, ROOT = os.path.abspath(sys.argv[1]), sys.argv[2]
DATA = "tests/cli/data/"
CDNOW = "tests/data/cdnow/"
TMP = tempfile.mkdtemp(prefix="cxm_clv_cli_")

cli = Cli(CXM, ROOT, timeout=120)
run, check, ok, ok_json, fails = cli.run, cli.check, cli.ok, cli.ok_json, cli.fails


def rel_close(got, exp, rel):
    return got is not None and abs(got - exp) <= rel * abs(exp)


def ok_csv(name, *args, quiet=True):
    return list(csv.DictReader(io.StringIO(ok(name, *args, quiet=quiet))))


def write_tmp(name, text):
    path = os.path.join(TMP, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def read_csv(path):
    with open(os.path.join(ROOT, path), newline="") as f:
        return list(csv.DictReader(f))


def cents(x):
    # the shipped files round day counts / 7, which never end in a half cent
    return round(float(x) * 100)


# ---- help and dispatch ------------------------------------------------------------------
out = ok("clv --help", "clv", "--help")
check("clv help names the commands", all(w in out for w in ("summary", "fit", "predict", "bgnbd", "sbg")))
for sub in ("summary", "fit", "predict"):
    out = ok(f"clv {sub} --help", "clv", sub, "--help")
    check(f"clv {sub} help starts with Usage", out.startswith(f"Usage: cxm clv {sub}"), out[:80])
check("main help lists clv", "cxm clv COMMAND" in ok("--help", "--help"))
fails("clv unknown command", 2, ["'bogus'", "summary, fit and predict"], "clv", "bogus")
rc, out, err = run("clv")
check("clv alone exits 2 with the help on stderr", rc == 2 and out == "" and "Usage: cxm clv" in err)

# ---- summary: the CDNOW sample against lifetimes' shipped summaries --------------------------
SUMMARY_ARGS = ["clv", "summary", DATA + "cdnow_sample_tx.csv", "--customer", "customer", "--date", "date",
                "--amount", "dollars", "--calibration-end", "1997-09-30", "--period", "week"]
rows = ok_csv("summary cdnow", *SUMMARY_ARGS)
check("summary cdnow columns", rows and list(rows[0]) == ["id", "frequency", "recency", "T", "monetary_value"],
      str(list(rows[0]) if rows else None))
check("summary cdnow 2357 customers", len(rows) == 2357, str(len(rows)))
check("summary cdnow ids in byte order", [r["id"] for r in rows] == sorted(r["id"] for r in rows))
got = {int(r["id"]): r for r in rows}
exp = {int(r["ID"]): r for r in read_csv(CDNOW + "cdnow_customers_summary.csv")}
hardie = {int(r["ID"]): r for r in read_csv(CDNOW + "cdnow_customers_summary_with_transactions.csv")}
bad = [i for i, e in exp.items() if i not in got
       or float(got[i]["frequency"]) != float(e["frequency"])
       or cents(got[i]["recency"]) != cents(e["recency"]) or cents(got[i]["T"]) != cents(e["T"])]
check("summary cdnow = cdnow_customers_summary.csv (2 decimals)", not bad, f"{len(bad)} differ, e.g. {bad[:5]}")
bad = [i for i, h in hardie.items() if i not in got
       or abs(float(got[i]["monetary_value"]) - float(h["zbar"])) > 0.01 + 1e-9]
check("summary cdnow monetary_value = zbar within 0.01", not bad, f"{len(bad)} differ, e.g. {bad[:5]}")
check("summary cdnow sum of frequency 2457", sum(float(r["frequency"]) for r in rows) == 2457)

j = ok_json("summary cdnow json", *SUMMARY_ARGS, "--format", "json")
check("summary json counts", (j.get("n_customers"), j.get("dropped"), j.get("period")) == (2357, 0, "week"),
      str({k: j.get(k) for k in ("n_customers", "dropped", "period")}))
custs = j.get("customers") or [{}]
first = custs[0]
# customer 0001 by hand: first purchase 1997-01-01, repeat days 1997-01-18 and 1997-08-02
check("summary json customer 0001", first.get("id") == "0001" and first.get("frequency") == 2
      and abs(first.get("recency", 0) - 213 / 7) < 1e-12 and abs(first.get("T", 0) - 272 / 7) < 1e-12
      and abs(first.get("monetary_value", 0) - (29.73 + 14.96) / 2) < 1e-12, str(first))

# ---- summary: hand-made log (clv_tx_small.csv) ---------------------------------------------------
# a: 01-01 (10 + 5, one day), repeat days 01-04 (8) and 01-11 (4); holdout days 01-21
#    (2 + 3) and 01-26 (1); 02-10 is after the observation end.
# "b,2": 01-03 twice (two date formats), nothing else. c and d start after the calibration end.
SMALL = ["clv", "summary", DATA + "clv_tx_small.csv", "--customer", "customer", "--date", "date",
         "--amount", "amount", "--calibration-end", "2024-01-15"]
rows = ok_csv("summary small holdout", *SMALL, "--observation-end", "20240129", "--period", "day",
              quiet=False)
check("summary small holdout rows", [(r["id"], r["frequency"], r["recency"], r["T"], r["monetary_value"],
                                      r["holdout_frequency"], r["holdout_monetary_value"]) for r in rows]
      == [("a", "2", "10", "14", "6", "2", "3"), ("b,2", "0", "0", "12", "0", "0", "0")], str(rows))
rc, out, err = run(*SMALL, "--period", "day")
check("summary small notes the 2 dropped customers", rc == 0 and err.startswith("cxm: note: 2 customers"), err)
rows = ok_csv("summary small weeks", *SMALL, "--period", "week", quiet=False)
check("summary small weeks", len(rows) == 2 and float(rows[0]["T"]) == 2.0
      and abs(float(rows[0]["recency"]) - 10 / 7) < 1e-15 and abs(float(rows[1]["T"]) - 12 / 7) < 1e-15
      and "holdout_frequency" not in rows[0], str(rows))
j = ok_json("summary small json", *SMALL, "--observation-end", "2024-01-29", "--period", "day",
            "--format", "json")
check("summary small json", j.get("dropped") == 2 and j.get("holdout_duration") == 14
      and [c.get("id") for c in j.get("customers", [])] == ["a", "b,2"], str(j))
rows = ok_csv("summary small no amount", "clv", "summary", DATA + "clv_tx_small.csv", "--customer", "customer",
              "--date", "date", "--calibration-end", "2024-01-15", "--period", "day", quiet=False)
check("summary without --amount: monetary_value 0", [r["monetary_value"] for r in rows] == ["0", "0"], str(rows))

# without --calibration-end the calibration period ends on the last purchase day, 2024-03-01
# (d's purchase). By hand, in days: a's repeat days 01-04, 01-11, 01-21, 01-26 and 02-10 (5),
# recency 40, T 60 (2024 is a leap year), mean (8 + 4 + 5 + 1 + 100) / 5; "b,2" T 58; c T 45;
# d T 0; nobody is dropped.
NO_CAL = ["clv", "summary", DATA + "clv_tx_small.csv", "--customer", "customer", "--date", "date",
          "--amount", "amount", "--period", "day"]
rows = ok_csv("summary without --calibration-end", *NO_CAL)
check("summary without --calibration-end: the last purchase day ends it",
      [(r["id"], r["frequency"], r["recency"], r["T"], r["monetary_value"]) for r in rows]
      == [("a", "5", "40", "60", "23.6"), ("b,2", "0", "0", "58", "0"), ("c", "0", "0", "45", "0"),
          ("d", "0", "0", "0", "0")], str(rows))
j = ok_json("summary without --calibration-end json", *NO_CAL, "--format", "json")
check("summary json gives the calibration end it took", (j.get("calibration_end"), j.get("observation_end"),
      j.get("holdout_duration"), j.get("dropped")) == ("2024-03-01", "2024-03-01", 0, 0), str(j)[:300])
# the period words of the names table, lifetimes' letters included
check("summary --period W is --period week",
      ok("summary W", *SMALL, "--period", "W", quiet=False) == ok("summary week", *SMALL, "--period", "week", quiet=False))
EMPTY_ID = write_tmp("empty_id.csv", "customer,date\na,2024-01-01\n,2024-01-02\n")

# ---- summary: errors ---------------------------------------------------------------------------------
fails("summary missing column", 1, [DATA + "clv_tx_small.csv", "'cust'", "customer, date, amount"],
      "clv", "summary", DATA + "clv_tx_small.csv", "--customer", "cust", "--date", "date",
      "--calibration-end", "2024-01-15", "--period", "day")
fails("summary bad date", 1, [DATA + "clv_tx_bad_date.csv:3", "'date'", "'2024-02-30'"],
      "clv", "summary", DATA + "clv_tx_bad_date.csv", "--customer", "customer", "--date", "date",
      "--calibration-end", "2024-01-15", "--period", "day")
fails("summary empty amount", 1, [DATA + "clv_tx_empty_amount.csv:2", "'amount'", "empty"],
      "clv", "summary", DATA + "clv_tx_empty_amount.csv", "--customer", "customer", "--date", "date",
      "--amount", "amount", "--calibration-end", "2024-01-15", "--period", "day")
fails("summary missing file", 1, ["nope.csv"], "clv", "summary", "nope.csv", "--customer", "c", "--date", "d",
      "--calibration-end", "2024-01-15", "--period", "day")
fails("summary nobody before the calibration end", 1, ["1999-01-01", DATA + "clv_tx_small.csv"],
      "clv", "summary", DATA + "clv_tx_small.csv", "--customer", "customer", "--date", "date",
      "--calibration-end", "1999-01-01", "--period", "day")
fails("summary bad --calibration-end", 2, ["--calibration-end", "'2024-13-01'"], *SMALL[:-1], "2024-13-01",
      "--period", "day")
fails("summary --observation-end before", 2, ["--observation-end", "2024-01-01"], *SMALL,
      "--observation-end", "2024-01-01", "--period", "day")
fails("summary bad --period", 2, ["--period", "'year'"], *SMALL, "--period", "year")
fails("summary no --period", 2, ["--period"], *SMALL)
fails("summary no --customer", 2, ["--customer"], "clv", "summary", DATA + "clv_tx_small.csv", "--date", "date",
      "--calibration-end", "2024-01-15", "--period", "day")
fails("summary unknown option", 2, ["'--frequency'"], *SMALL, "--period", "day", "--frequency", "D")
fails("summary option without value", 2, ["--period needs a value"], *SMALL, "--period")
fails("summary bad --format", 2, ["--format", "'xml'"], *SMALL, "--period", "day", "--format", "xml")
fails("summary empty customer id", 1, [EMPTY_ID + ":3", "'customer'", "empty"], "clv", "summary", EMPTY_ID,
      "--customer", "customer", "--date", "date", "--period", "day")

# ---- fit: anchors (shared/anchors/README.md section 2, the tight optimum) -------------------------------
# Gamma-Gamma reads monetary_value: Hardie's file with lifetimes' column names, as
# load_cdnow_summary_data_with_monetary_value renames them.
with open(os.path.join(ROOT, CDNOW + "cdnow_customers_summary_with_transactions.csv")) as f:
    lines = f.read().splitlines()
MONETARY = write_tmp("cdnow_monetary.csv", "\n".join(["id,frequency,recency,T,monetary_value"] + lines[1:]) + "\n")

FITS = [
    ("bgnbd", CDNOW + "cdnow_customers_summary.csv",
     {"r": 0.2425929072044656, "alpha": 4.413531561205421, "a": 0.7928861480987858, "b": 2.4257534364936904},
     -9582.425560567366, 1e-6, 2357),
    ("mbgnbd", CDNOW + "cdnow_customers_summary.csv",
     {"r": 0.5248379836655767, "alpha": 6.182992019671973, "a": 0.8913561553315758, "b": 1.6139993347306487},
     -9582.13268489992, 1e-6, 2357),
    ("pnbd", CDNOW + "cdnow_customers_summary.csv",
     {"r": 0.5532755223076004, "alpha": 10.577612430770866, "s": 0.6062135450395916, "beta": 11.66791021820297},
     -9594.973929826863, 1e-5, 2357),
    ("gg", MONETARY,
     {"p": 6.248802489706987, "q": 3.7445884532878337, "v": 15.44774800947096},
     -4055.9232435028675, 1e-6, 946),
    ("bgbb", CDNOW + "donations.csv",
     {"alpha": 1.2035223516003593, "beta": 0.7497163581727705, "gamma": 0.6567182084490306,
      "delta": 2.7834422326190307},
     -33225.58127434614, 1e-6, 11104),
]
fitted = {}
for model, path, params, ll, rel, n in FITS:
    j = ok_json(f"fit {model}", "clv", "fit", path, "--model", model)
    fitted[model] = j
    check(f"fit {model} keys", {"model", "params", "se", "loglik", "iterations", "converged", "n_customers"}
          <= set(j), str(sorted(j)))
    check(f"fit {model} model", j.get("model") == model, str(j.get("model")))
    got = j.get("params") or {}
    check(f"fit {model} parameter names", set(got) == set(params) and set(j.get("se") or {}) == set(params),
          str(sorted(got)))
    for k, v in params.items():
        check(f"fit {model} {k} = {v} (rel {rel})", rel_close(got.get(k), v, rel), str(got.get(k)))
    check(f"fit {model} loglik = {ll} (abs 1e-6)", j.get("loglik") is not None and abs(j["loglik"] - ll) <= 1e-6,
          str(j.get("loglik")))
    check(f"fit {model} converged", j.get("converged") is True, str(j.get("converged")))
    check(f"fit {model} n_customers {n}", j.get("n_customers") == n, str(j.get("n_customers")))

for path, a, b in [(DATA + "sbg_high_end.csv", 0.668, 3.806), (DATA + "sbg_regular.csv", 0.704, 1.182)]:
    j = ok_json(f"fit sbg {path}", "clv", "fit", path, "--model", "sbg")
    got = j.get("params") or {}
    check(f"fit sbg {path}: published alpha {a}, beta {b} (3 decimals)",
          got.get("alpha") is not None and round(got["alpha"], 3) == a
          and got.get("beta") is not None and round(got["beta"], 3) == b, str(got))

j = ok_json("fit bgnbd --threads 1 --penalty 0", "clv", "fit", CDNOW + "cdnow_customers_summary.csv",
            "--model", "bgnbd", "--threads", "1", "--penalty", "0")
check("fit --threads 1 gives the same fit", j.get("params") == (fitted.get("bgnbd") or {}).get("params"),
      f"{j.get('params')} vs {(fitted.get('bgnbd') or {}).get('params')}")
j = ok_json("fit bgnbd --penalty 0.1", "clv", "fit", CDNOW + "cdnow_customers_summary.csv",
            "--model", "bgnbd", "--penalty", "0.1")
# the penalty pulls the parameters towards 0, so the fit loses likelihood
check("fit --penalty lowers the log-likelihood", j.get("loglik") is not None and j["loglik"] < -9582.43,
      str(j.get("loglik")))

# --progress: one line per iteration on stderr, "iteration N: loglik L, gradient G"; the last
# loglik is the fit's (4 decimals) and the JSON on stdout is the same as without the flag
rc, out, err = run("clv", "fit", CDNOW + "cdnow_customers_summary.csv", "--model", "bgnbd", "--progress")
lines = err.splitlines()
check("fit --progress exits 0", rc == 0, f"rc={rc} stderr={err[-200:]!r}")
check("fit --progress prints the same fit on stdout", out and json.loads(out) == fitted.get("bgnbd"), out[:200])
want_its = list(range(1, (fitted.get("bgnbd") or {}).get("iterations", 0) + 1))
got_its = []
last_ll = None
for line in lines:
    head, _, rest = line.partition(": ")
    parts = rest.split(", ")
    if (head.startswith("iteration ") and len(parts) == 2 and parts[0].startswith("loglik ")
            and parts[1].startswith("gradient ")):
        got_its.append(int(head[len("iteration "):]))
        last_ll = parts[0][len("loglik "):]
check("fit --progress: one line per iteration, numbered 1, 2, ...", got_its == want_its and len(lines) == len(got_its)
      and len(want_its) >= 2, f"{got_its} vs {want_its}; {lines[:3]}")
check("fit --progress: the last loglik is the fit's, -9582.4256",
      last_ll == "-9582.4256" and last_ll == f"{(fitted.get('bgnbd') or {}).get('loglik', 0):.4f}", str(last_ll))
check("fit --progress line format", bool(lines) and lines[0].startswith("iteration 1: loglik -")
      and lines[-1].split("gradient ")[-1][-4:-2] in ("e-", "e+"), repr(lines[:1] + lines[-1:]))
check("fit --help documents --progress", "--progress" in ok("fit --help", "clv", "fit", "--help"))
rc, out, err = run("clv", "fit", DATA + "sbg_regular.csv", "--model", "sbg")
check("fit without --progress prints nothing on stderr", rc == 0 and err == "", repr(err))

# ---- fit: errors ------------------------------------------------------------------------------------------
fails("fit unknown model", 2, ["'foo'", "bgnbd"], "clv", "fit", CDNOW + "donations.csv", "--model", "foo")
fails("fit no model", 2, ["--model"], "clv", "fit", CDNOW + "donations.csv")
fails("fit missing column", 1, [CDNOW + "donations.csv", "'T'"], "clv", "fit", CDNOW + "donations.csv",
      "--model", "bgnbd")
fails("fit bad --penalty", 2, ["--penalty", "'-1'"], "clv", "fit", CDNOW + "donations.csv", "--model", "bgbb",
      "--penalty", "-1")
fails("fit bad --threads", 2, ["--threads", "'two'"], "clv", "fit", CDNOW + "donations.csv", "--model", "bgbb",
      "--threads", "two")
fails("fit bad --format", 2, ["--format", "'csv'"], "clv", "fit", CDNOW + "donations.csv", "--model", "bgbb",
      "--format", "csv")

# ---- predict: hand-written fits with the lifetimes parameters (anchors section 2) -------------------------
BGNBD = write_tmp("bgnbd.json", json.dumps({"model": "bgnbd", "params": {
    "r": 0.24259292827982198, "alpha": 4.413532265271817, "a": 0.7928859664406002, "b": 2.4257523826255123}}))
GG = write_tmp("gg.json", json.dumps({"model": "gg", "params": {
    "p": 6.248802496077898, "q": 3.744588460922642, "v": 15.447748064920148}}))
BGBB = write_tmp("bgbb.json", json.dumps({"model": "bgbb", "params": {
    "alpha": 1.203522393608002, "beta": 0.7497163581757513, "gamma": 0.6567181695499895,
    "delta": 2.783441982887859}}))

rows = ok_csv("predict bgnbd", "clv", "predict", CDNOW + "cdnow_customers_summary.csv", "--fit", BGNBD,
              "--t", "39")
check("predict columns", rows and list(rows[0]) == ["id", "expected_purchases", "p_alive"],
      str(list(rows[0]) if rows else None))
check("predict 2357 rows in file order", [r["id"] for r in rows] == [str(i) for i in range(1, 2358)])
if rows:
    e1, p1 = float(rows[0]["expected_purchases"]), float(rows[0]["p_alive"])
    check("predict E[X(39)] of customer 1 = 1.2259104241744192", rel_close(e1, 1.2259104241744192, 1e-9), str(e1))
    check("predict P(alive) of customer 1 = 0.7266091368", abs(p1 - 0.7266091368) <= 1e-9, str(p1))
    s_e = sum(float(r["expected_purchases"]) for r in rows)
    s_p = sum(float(r["p_alive"]) for r in rows)
    check("predict sum E[X(39)] = 1653.4232833307158", rel_close(s_e, 1653.4232833307158, 1e-9), repr(s_e))
    check("predict sum P(alive) = 1917.2763169746681", rel_close(s_p, 1917.2763169746681, 1e-9), repr(s_p))
    x0 = [r for r, e in zip(rows, exp.values()) if float(e["frequency"]) == 0]
    check("predict P(alive) = 1 when frequency is 0", x0 and all(float(r["p_alive"]) == 1.0 for r in x0))

rows = ok_csv("predict with spend", "clv", "predict", MONETARY, "--fit", BGNBD, "--spend-fit", GG, "--t", "39",
              "--months", "12", "--discount", "0.01", "--periods-per-month", "4.345")
check("predict with spend columns", rows and list(rows[0]) == ["id", "expected_purchases", "p_alive",
                                                                "expected_profit", "clv"])
if rows:
    s_g = sum(float(r["expected_profit"]) for r in rows)
    s_c = sum(float(r["clv"]) for r in rows)
    check("predict sum expected_profit = 83091.22242094981", rel_close(s_g, 83091.22242094981, 1e-9), repr(s_g))
    check("predict sum CLV (12 months, 1%, 4.345) = 71509.89931936648", rel_close(s_c, 71509.89931936648, 1e-9),
          repr(s_c))
rows_d = ok_csv("predict defaults 12 months 1%", "clv", "predict", MONETARY, "--fit", BGNBD, "--spend-fit", GG,
                "--t", "39", "--periods-per-month", "4.345")
check("predict --months 12 --discount 0.01 are the defaults", rows_d == rows)
# --period week: the library's 4.345 weeks a month (cxm_clv_periods_per_month)
rows_p = ok_csv("predict --period week", "clv", "predict", MONETARY, "--fit", BGNBD, "--spend-fit", GG,
                "--t", "39", "--period", "week")
check("predict --period week is --periods-per-month 4.345", rows_p == rows)
j = ok_json("predict json", "clv", "predict", MONETARY, "--fit", BGNBD, "--spend-fit", GG, "--t", "39",
            "--period", "week", "--format", "json")
custs = j.get("customers") or [{}]
check("predict json: the CSV's values, with the settings",
      j.get("n_customers") == 2357 and (j.get("model"), j.get("t"), j.get("months"), j.get("discount"),
                                        j.get("periods_per_month")) == ("bgnbd", 39, 12, 0.01, 4.345)
      and rows and custs[0].get("clv") == float(rows[0]["clv"]) and custs[0].get("id") == rows[0]["id"],
      str({k: j.get(k) for k in ("n_customers", "model", "t", "months")}))

donations = read_csv(CDNOW + "donations.csv")
rows = ok_csv("predict bgbb", "clv", "predict", CDNOW + "donations.csv", "--fit", BGBB, "--t", "5")
check("predict bgbb ids are row numbers", [r["id"] for r in rows] == [str(i) for i in range(1, 23)])
if len(rows) == len(donations):
    s = sum(float(d["weights"]) * float(r["expected_purchases"]) for d, r in zip(donations, rows))
    check("predict bgbb sum weights x E[X(5)] = 12884.156963748705", rel_close(s, 12884.156963748705, 1e-9),
          repr(s))

# end to end: the fit cxm prints is the fit cxm predict reads
if fitted.get("bgnbd", {}).get("params"):
    saved = write_tmp("bgnbd_fitted.json", json.dumps(fitted["bgnbd"]))
    rows = ok_csv("predict from cxm clv fit", "clv", "predict", CDNOW + "cdnow_customers_summary.csv",
                  "--fit", saved, "--t", "39")
    s_e = sum(float(r["expected_purchases"]) for r in rows)
    # the tight optimum is within 7.5e-7 (relative) of lifetimes' parameters
    check("predict from the fitted JSON: sum E[X(39)] within 1e-5", rel_close(s_e, 1653.4232833307158, 1e-5),
          repr(s_e))

# ---- predict: errors --------------------------------------------------------------------------------------------
summ = CDNOW + "cdnow_customers_summary.csv"
fails("predict no --fit", 2, ["--fit"], "clv", "predict", summ, "--t", "39")
fails("predict no --t", 2, ["--t"], "clv", "predict", summ, "--fit", BGNBD)
fails("predict negative --t", 2, ["--t", "'-1'"], "clv", "predict", summ, "--fit", BGNBD, "--t", "-1")
# spec §0.10: the arguments' numbers follow the file readers' grammar (strtod would take 0x10 as 16)
fails("predict hexadecimal --t", 2, ["--t", "'0x10'"], "clv", "predict", summ, "--fit", BGNBD, "--t", "0x10")
fails("predict --t inf", 2, ["--t", "'inf'"], "clv", "predict", summ, "--fit", BGNBD, "--t", "inf")
fails("predict --months without --spend-fit", 2, ["--spend-fit"], "clv", "predict", summ, "--fit", BGNBD,
      "--t", "39", "--months", "12")
fails("predict --spend-fit without --periods-per-month", 2, ["--periods-per-month"], "clv", "predict", MONETARY,
      "--fit", BGNBD, "--spend-fit", GG, "--t", "39")
fails("predict --period and --periods-per-month", 2, ["--periods-per-month", "--period"], "clv", "predict",
      MONETARY, "--fit", BGNBD, "--spend-fit", GG, "--t", "39", "--period", "week", "--periods-per-month", "4.345")
fails("predict bad --period", 2, ["--period", "'fortnight'"], "clv", "predict", MONETARY, "--fit", BGNBD,
      "--spend-fit", GG, "--t", "39", "--period", "fortnight")
fails("predict bad --discount", 2, ["--discount", "'-1'"], "clv", "predict", MONETARY, "--fit", BGNBD,
      "--spend-fit", GG, "--t", "39", "--periods-per-month", "4.345", "--discount", "-1")
fails("predict missing fit file", 1, ["nofit.json"], "clv", "predict", summ, "--fit", "nofit.json", "--t", "39")
bad_json = write_tmp("bad.json", '{"model": "bgnbd", "params": {"r": 0.2,, }}')
# cJSON stops just past the stray comma (byte 39), and says so
fails("predict malformed fit JSON", 1, [bad_json, "not valid JSON at byte 40"], "clv", "predict", summ, "--fit", bad_json, "--t", "39")
typo = write_tmp("typo.json", '{"model": "bgnbd", "params": {"r": 0.24, "alpah": 4.4, "a": 0.79, "b": 2.4}}')
fails("predict misspelt parameter", 1, [typo, "alpah"], "clv", "predict", summ, "--fit", typo, "--t", "39")
neg = write_tmp("neg.json", '{"model": "bgnbd", "params": {"r": -0.24, "alpha": 4.4, "a": 0.79, "b": 2.4}}')
fails("predict negative parameter", 1, [neg, "params.\"r\"", "-0.2399"], "clv", "predict", summ, "--fit", neg,
      "--t", "39")
unknown = write_tmp("unknown.json", '{"model": "bgnbd2", "params": {}}')
fails("predict unknown model in fit", 1, [unknown, "bgnbd2"], "clv", "predict", summ, "--fit", unknown, "--t", "39")
fails("predict gg as --fit", 1, [GG, "--spend-fit"], "clv", "predict", MONETARY, "--fit", GG, "--t", "39")
fails("predict bgnbd as --spend-fit", 1, [BGNBD, "gg"], "clv", "predict", MONETARY, "--fit", BGNBD,
      "--spend-fit", BGNBD, "--t", "39", "--periods-per-month", "4.345")
fails("predict without monetary_value", 1, [summ, "'monetary_value'"], "clv", "predict", summ, "--fit", BGNBD,
      "--spend-fit", GG, "--t", "39", "--periods-per-month", "4.345")

for name in os.listdir(TMP):
    os.remove(os.path.join(TMP, name))
os.rmdir(TMP)
cli.finish()
