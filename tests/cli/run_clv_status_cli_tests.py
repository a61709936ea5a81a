#!/usr/bin/python3
"""End-to-end tests of what `cxm clv fit|predict` say about a fit that did not
converge and of the limits of their arguments (spec §8.14, §8.15).

Usage: run_clv_status_cli_tests.py CXM SOURCE_ROOT
Runs cxm with the source root as working directory. Prints "N passed, N failed";
exits 1 if anything failed.

Where the expected values come from (never from cxm's own output):
- BG/NBD on CDNOW: Fader, Hardie & Lee (2005), r 0.243, alpha 4.414, a 0.793, b 2.426.
- one customer (frequency 3, recency 20, T 30): the BG/NBD likelihood has no maximum
  inside; its supremum is the Poisson limit (r, alpha -> infinity with r / alpha = x / T,
  no dropout), log-likelihood x ln(x / T) - x = 3 ln 0.1 - 3, worked by hand.
- the messages and exit codes are those the spec and `cxm clv fit --help` document.
"""
import json
import math
import os
import sys
import tempfile

from clitest import Cli

CXM, ROOT = os.path.abspath(sys.argv[1]), sys.argv[2]
CDNOW = "tests/data/cdnow/"
SUMMARY = CDNOW + "cdnow_customers_summary.csv"
TMP = tempfile.mkdtemp(prefix="cxm_clv_status_")

cli = Cli(CXM, ROOT, timeout=120)
run, check, ok, ok_json, fails = cli.run, cli.check, cli.ok, cli.ok_json, cli.fails
WARNING = "cxm: warning: "


def write_tmp(name, text):
    path = os.path.join(TMP, name)
    with open(path, "w") as f:
        f.write(text)
    return path


# ---- a converged fit: no warning, status converged -------------------------------
fit = ok_json("fit bgnbd", "clv", "fit", SUMMARY, "--model", "bgnbd")
check("converged status", fit.get("status") == "converged" and fit.get("converged") is True, repr(fit))
check("converged has no boundary_param", "boundary_param" not in fit, repr(fit))
want = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
check("Fader-Hardie-Lee parameters", all(abs(fit["params"][k] - v) < 5e-4 for k, v in want.items()),
      repr(fit.get("params")))
good = write_tmp("good.json", json.dumps(fit))

# ---- the iteration limit: a warning, exit 0; --strict: an error, exit 1 -----------
rc, out, err = run("clv", "fit", SUMMARY, "--model", "bgnbd", "--max-iterations", "2")
check("iteration limit exits 0", rc == 0, f"rc={rc} {err!r}")
limited = json.loads(out) if rc == 0 else {}
check("iteration limit status", limited.get("status") == "iteration_limit" and limited.get("converged") is False
      and limited.get("iterations") == 2, repr(limited))
check("iteration limit warning", err == WARNING + "bgnbd fit did not converge: stopped at the iteration limit "
      f"(2 iterations; largest gradient {limited.get('gradient_norm', 0):.3g}); raise max_iterations\n", repr(err))
fails("iteration limit --strict", 1, ["bgnbd fit did not converge: stopped at the iteration limit (2 iterations",
                                      "(--strict)"],
      "clv", "fit", SUMMARY, "--model", "bgnbd", "--max-iterations", "2", "--strict")
ok("converged fit --strict", "clv", "fit", SUMMARY, "--model", "bgnbd", "--strict")
fails("bad --max-iterations", 2, ["--max-iterations", "'0'"], "clv", "fit", SUMMARY, "--model", "bgnbd",
      "--max-iterations", "0")

# ---- one customer: the boundary --------------------------------------------------------
one = write_tmp("one.csv", "id,frequency,recency,T\nc1,3,20,30\n")
rc, out, err = run("clv", "fit", one, "--model", "bgnbd")
check("one customer exits 0", rc == 0, f"rc={rc} {err!r}")
b = json.loads(out) if rc == 0 else {}
check("one customer status boundary", b.get("status") == "boundary" and b.get("boundary_param") == "r"
      and b.get("converged") is False, repr(b))
check("one customer at the Poisson limit", abs(b.get("loglik", 0) - (3 * math.log(0.1) - 3)) < 1e-5, repr(b))
check("one customer r / alpha = x / T", abs(b["params"]["r"] / b["params"]["alpha"] - 0.1) < 1e-3 if b else False)
check("one customer warning", err.startswith(WARNING + "bgnbd fit did not converge: parameter r ran off to "
                                             "infinity (r = ") and err.count("\n") == 1
      and "the data cannot identify the model" in err, repr(err))
fails("one customer --strict", 1, ["parameter r ran off to infinity", "(--strict)"], "clv", "fit", one,
      "--model", "bgnbd", "--strict")
boundary = write_tmp("boundary.json", out)

# ---- too few to fit at all ---------------------------------------------------------------
none = write_tmp("none.csv", "id,frequency,recency,T\nc1,0,0,30\nc2,0,0,20\n")
fails("no repeat buyer", 1, [none, "no customer made a repeat purchase (every frequency is 0 among 2 "
                             "customers): bgnbd cannot be fitted"], "clv", "fit", none, "--model", "bgnbd")

# ---- predict with a fit that did not converge --------------------------------------------
rc, out, err = run("clv", "predict", SUMMARY, "--fit", boundary, "--t", "10")
check("predict with a boundary fit exits 0", rc == 0 and out.startswith("id,expected_purchases,p_alive\n"),
      f"rc={rc}")
check("predict warns about the fit file", err.startswith(WARNING + boundary + ": bgnbd fit did not converge: "
                                                         "parameter r ran off"), repr(err))
fails("predict --strict", 1, [boundary, "(--strict)"], "clv", "predict", SUMMARY, "--fit", boundary, "--t", "10",
      "--strict")
ok("predict with a converged fit --strict", "clv", "predict", SUMMARY, "--fit", good, "--t", "10", "--strict")
given = write_tmp("given.json", '{"model": "bgnbd", "params": {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}}')
ok("predict with given parameters: no warning", "clv", "predict", SUMMARY, "--fit", given, "--t", "10", "--strict")

# ---- limits, refused before the file is read --------------------------------------------
fails("--t 1e308", 2, ["--t must be a number from 0 to 1000000 (the limit CXM_CLV_MAX_HORIZON, in the "
                       "summary's time unit); got '1e308'"],
      "clv", "predict", "no-such-file.csv", "--fit", good, "--t", "1e308")
gg = write_tmp("gg.json", '{"model": "gg", "params": {"p": 6.25, "q": 3.74, "v": 15.44}}')
fails("--months 100000", 2, ["--months must be a whole number from 1 to 1200 (the limit CXM_CLV_MAX_MONTHS), "
                             "e.g. 12; got '100000'"],
      "clv", "predict", "no-such-file.csv", "--fit", good, "--spend-fit", gg, "--t", "10", "--period", "week",
      "--months", "100000")
ok("--t at the limit", "clv", "predict", SUMMARY, "--fit", good, "--t", "1000000")

# ---- errors name the customer id ------------------------------------------------------------
bad = write_tmp("bad_row.csv", "id,frequency,recency,T\nalice,2,30,38\nbob,2.5,20,38\ncarol,0,0,38\n")
fails("predict names the customer", 1, [bad, "customer 'bob' (row 2 of the summary): frequency = 2.5 must be a "
                                        "non-negative integer"],
      "clv", "predict", bad, "--fit", good, "--t", "10")

fails("fit names the customer", 1, [bad, "customer 'bob' (row 2 of the summary): frequency[1] = 2.5 must be a "
                                    "non-negative integer"],
      "clv", "fit", bad, "--model", "bgnbd")

for name in os.listdir(TMP):
    os.remove(os.path.join(TMP, name))
os.rmdir(TMP)
cli.finish()
