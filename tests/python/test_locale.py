"""Numbers never depend on the locale (spec §0.14).

A child Python sets its locale from the environment, as a notebook or a GUI
host does (locale.setlocale(LC_ALL, "")), then writes what the library
prints and parses. Under de_DE.UTF-8 (decimal comma) the bytes must be those
of the "C" locale. The locale is generated with localedef into a temporary
directory (LOCPATH); without localedef the test is skipped with the reason.
"""

import os
import subprocess
import sys

import pytest

from conftest import ROOT

CHILD = r'''
import locale, sys
locale.setlocale(locale.LC_ALL, "")
import cxmetrics
from cxmetrics import clvmodel
csv_path, survey = sys.argv[1], sys.argv[2]
out = [locale.localeconv()["decimal_point"]]
fit = clvmodel.clv_model_from_json('{"model": "gg", "params": {"p": 6.25, "q": 3.5, "v": 15.125}}')
text = fit.to_json()
out.append(text)
out.append(clvmodel.clv_model_from_json(text).to_json())
out.append(repr(cxmetrics.parse_number("0.5")))
t = cxmetrics.read_table(csv_path, {"id": "text", "day": "day", "x": "number"}, as_frame=False)
out.append(repr(list(t["x"])))
out.append(cxmetrics.render_table(t))
out.append(cxmetrics.render_table(t, "json"))
r = cxmetrics.survey_report(survey)
out.append(r.render())
out.append(r.render("json"))
import pandas as pd
ps = cxmetrics.personas(pd.read_csv(sys.argv[3]), id="customer_id", comment="comment", nps="nps", seed=5,
                        reference_year=2025, min_n=12)
out += [ps.to_json(), ps.to_markdown(), ps.to_html(title="Locale")]
sys.stdout.write("\n----\n".join(out))
'''


@pytest.fixture(scope="module")
def de_locale(tmp_path_factory):
    d = tmp_path_factory.mktemp("locale")
    try:
        subprocess.run(["localedef", "-i", "de_DE", "-f", "UTF-8", str(d / "de_DE.UTF-8")],
                       check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError) as e:
        pytest.skip(f"could not generate de_DE.UTF-8 with localedef (Debian package 'locales'): {e}")
    return str(d)


def run_child(tmp_path, env_locale):
    csv_path = tmp_path / "table.csv"
    csv_path.write_text("id,day,x\na,2024-02-29,0.5\nb,2024-03-01,1e-7\nc,2023-12-31,30.428571428571427\n")
    env = dict(os.environ, **env_locale)
    env.pop("LANG", None)
    env.pop("LC_NUMERIC", None)
    survey = os.path.join(ROOT, "examples", "data", "survey_responses.csv")
    ecom = os.path.join(ROOT, "examples", "data", "ecommerce_customers.csv")
    res = subprocess.run([sys.executable, "-c", CHILD, str(csv_path), survey, ecom], env=env,
                         capture_output=True, text=True, check=True)
    return res.stdout.split("\n----\n")


def test_output_is_the_same_in_a_decimal_comma_locale(tmp_path, de_locale):
    c = run_child(tmp_path, {"LC_ALL": "C"})
    de = run_child(tmp_path, {"LC_ALL": "de_DE.UTF-8", "LOCPATH": de_locale})
    assert c[0] == "." and de[0] == ","          # the child really is in a decimal-comma locale
    assert '"p": 6.25' in c[1] and c[2] == c[1]   # the fit reads back as it was written
    assert c[3] == "0.5" and c[4] == "[0.5, 1e-07, 30.428571428571427]"
    assert c[5] == "id,day,x\na,19782,0.5\nb,19783,1e-07\nc,19722,30.428571428571427\n"  # days as numbers
    assert len(c) == 12 and "<html" in c[11]
    assert de[1:] == c[1:]
