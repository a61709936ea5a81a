"""`cxm` under a decimal-comma locale (spec §0.14): the command never calls
setlocale, and its output is the same bytes with LC_ALL=de_DE.UTF-8 as with
LC_ALL=C, so a later change that makes it follow the environment's locale
cannot go unnoticed. de_DE.UTF-8 is generated with localedef into a temporary
directory (LOCPATH); without localedef the script says so and exits 77 (skip).
Usage: run_locale_cli_tests.py CXM SRCROOT
"""
import os
import shutil
import subprocess
import sys
import tempfile

from clitest import Cli

CXM, ROOT = os.path.abspath(sys.argv[1]), sys.argv[2]
DATA = "tests/cli/data/"
TMP = tempfile.mkdtemp(prefix="cxm_locale_cli_")

if subprocess.run(["localedef", "-i", "de_DE", "-f", "UTF-8", os.path.join(TMP, "de_DE.UTF-8")],
                  capture_output=True).returncode != 0:
    print("SKIP: could not generate de_DE.UTF-8 with localedef (Debian package 'locales')")
    shutil.rmtree(TMP)
    sys.exit(77)

cli = Cli(CXM, ROOT, timeout=120)
check = cli.check

# The binary imports no setlocale: it stays in the "C" locale whatever the environment.
syms = subprocess.run(["nm", "-D", "--undefined-only", CXM], capture_output=True, text=True).stdout
check("cxm does not call setlocale", "setlocale" not in syms, syms)

COMMANDS = [
    ["survey", "examples/data/survey_responses.csv"],
    ["survey", "examples/data/survey_responses.csv", "--format", "json", "--conf", "0.9"],
    ["clv", "fit", "tests/data/cdnow/cdnow_customers_summary.csv", "--model", "bgnbd"],
    ["clv", "summary", DATA + "clv_tx_small.csv", "--customer", "customer", "--date", "date",
     "--amount", "amount"],
    ["rfm", DATA + "rfm_orders.csv", "--customer", "customer", "--date", "order_date", "--amount", "amount"],
    ["personas", "examples/data/ecommerce_customers.csv", "--id", "customer_id", "--comment", "comment",
     "--nps", "nps", "--seed", "5", "--reference-year", "2025", "--min-n", "12", "--format", "md"],
    ["personas", "examples/data/ecommerce_customers.csv", "--id", "customer_id", "--comment", "comment",
     "--nps", "nps", "--seed", "5", "--reference-year", "2025", "--min-n", "12", "--format", "html"],
    ["survey", "examples/data/survey_responses.csv", "--conf", "1.5"],   # an error message with a number
]


def run(args, env_locale):
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k != "LANG"}
    env.update(env_locale)
    p = subprocess.run([CXM, *args], cwd=ROOT, capture_output=True, env=env, timeout=120)
    return p.returncode, p.stdout, p.stderr


for args in COMMANDS:
    name = " ".join(args)
    c = run(args, {"LC_ALL": "C"})
    de = run(args, {"LC_ALL": "de_DE.UTF-8", "LOCPATH": TMP})
    check(f"{name}: produces output", c[1] != b"" or c[2] != b"", repr(c))
    check(f"{name}: same exit status, stdout and stderr under de_DE.UTF-8", de == c,
          f"C: {c!r:.300} de_DE: {de!r:.300}")

# The locale really has a decimal comma (the check above means something).
probe = subprocess.run([sys.executable, "-c", "import locale; locale.setlocale(locale.LC_ALL, ''); "
                        "print(locale.localeconv()['decimal_point'])"],
                       capture_output=True, text=True, env=dict(os.environ, LC_ALL="de_DE.UTF-8", LOCPATH=TMP))
check("de_DE.UTF-8 has a decimal comma", probe.stdout == ",\n", repr(probe.stdout + probe.stderr))

shutil.rmtree(TMP)
cli.finish()
