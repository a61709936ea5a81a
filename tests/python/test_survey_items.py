"""The survey report on a satisfaction export with "no answer" codes and several
items of one kind (issue 11, item 7; spec §0.13): every number against pandas on
the same file.

The file is shaped like the public airline passenger-satisfaction survey: service
items rated 1-5 where 0 means "not applicable", an NPS question where 99 means
"refused", and some blank fields. Before the change, such a file could only be
scored after pandas had turned the codes into NaN: the report refused the first 0
as off the scale, and scored one CSAT column per run.
"""

import json
import os
import subprocess

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm

import cxmetrics

ITEMS = ["Inflight wifi service", "Seat comfort", "Food and drink"]


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    rng = np.random.default_rng(11)
    n = 1500
    df = pd.DataFrame({"id": np.arange(1, n + 1)})
    for j, col in enumerate(ITEMS):
        x = rng.choice([1, 2, 3, 4, 5], size=n, p=[0.08, 0.12, 0.2, 0.3, 0.3]).astype(object)
        x[rng.random(n) < 0.05 + 0.03 * j] = 0           # not applicable
        x[rng.random(n) < 0.02] = ""                      # left blank
        df[col] = x
    nps = rng.integers(0, 11, size=n).astype(object)
    nps[rng.random(n) < 0.04] = 99                        # refused
    nps[rng.random(n) < 0.01] = ""
    df["nps"] = nps
    p = tmp_path_factory.mktemp("survey") / "airline.csv"
    df.to_csv(p, index=False)
    return p


def _answers(series, codes):
    """pandas: the answers left when blanks and codes are taken out."""
    return series[series.notna() & ~series.isin(codes)].astype(float)


def _wilson(k, n, conf=0.95):
    z = norm.ppf((1 + conf) / 2)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return 100 * (centre - half), 100 * (centre + half)


def test_items_with_codes_match_pandas(export):
    df = pd.read_csv(export)
    r = cxmetrics.survey_report(export, csat_column=ITEMS, ces_column=None, csat_na_values=[0],
                                nps_na_values=99)
    assert r.rows == len(df)
    assert r.columns_of("csat") == ITEMS
    results = r.results("csat")
    assert list(results) == ITEMS
    for col in ITEMS:
        v = _answers(df[col], [0])
        c = results[col]
        assert c.n == len(v) and c.n_satisfied == (v >= 4).sum() and c.threshold == 4
        assert c.pct_satisfied == pytest.approx(100 * (v >= 4).mean(), rel=1e-12)
        assert c.mean == pytest.approx(v.mean(), rel=1e-12)
        assert c.sd == pytest.approx(v.std(ddof=1), rel=1e-12)
        lo, hi = _wilson((v >= 4).sum(), len(v))
        assert (c.wilson_lower, c.wilson_upper) == (pytest.approx(lo, rel=1e-12), pytest.approx(hi, rel=1e-12))
        assert r.no_answer_by_column("csat")[col] == (df[col] == 0).sum()
        assert r.missing_by_column("csat")[col] == df[col].isna().sum()
    v = _answers(df["nps"], [99])
    p, d = (v >= 9).sum(), (v <= 6).sum()
    assert (r.nps.n, r.nps.promoters, r.nps.detractors) == (len(v), p, d)
    assert r.nps.nps == pytest.approx(100 * (p - d) / len(v), rel=1e-12)
    assert r.no_answer == {"nps": (df["nps"] == 99).sum(), "csat": (df[ITEMS[0]] == 0).sum(), "ces": 0}
    assert r.missing["nps"] == df["nps"].isna().sum()
    assert r.csat == results[ITEMS[0]]                    # the first column, as before
    assert r.nps_intervals("wald")["nps"] == r.nps_wald


def test_codes_for_every_metric(export):
    """na_values applies to every column; a code on a scale the file has is refused."""
    with pytest.raises(cxmetrics.InvalidArgument, match="code 0, given for every metric, is a point "
                                                        "of the NPS scale 0..10 of column 'nps'"):
        cxmetrics.survey_report(export, csat_column=ITEMS, ces_column=None, na_values=[0, 99])
    r = cxmetrics.survey_report(export, csat_column=ITEMS, ces_column=None, na_values=[99],
                                csat_na_values=np.array([0.0]))
    assert r.no_answer_by_column("csat") == {c: (pd.read_csv(export)[c] == 0).sum() for c in ITEMS}
    r2 = cxmetrics.survey_report(export, csat_column=ITEMS[1], nps_column=None, ces_column=None,
                                 na_values=(0, 99))        # 0 is off CSAT's 1-5: fine without NPS
    assert r2.csat == r.results("csat")[ITEMS[1]]


def test_without_codes_the_first_code_is_an_error(export):
    df = pd.read_csv(export)
    line = int(np.flatnonzero((df[ITEMS[0]] == 0).to_numpy())[0]) + 2   # the header is line 1
    with pytest.raises(cxmetrics.OutOfRange, match=f":{line}:2 'Inflight wifi service': value 0 is outside 1..5"):
        cxmetrics.survey_report(export, csat_column=ITEMS[0], nps_column=None, ces_column=None)
    with pytest.raises(cxmetrics.InvalidArgument, match="code 0 is a point of the NPS scale"):
        cxmetrics.survey_report(export, nps_na_values=[0])
    with pytest.raises(cxmetrics.NanInput, match="a no-answer code"):
        cxmetrics.survey_report(export, csat_column=ITEMS, ces_column=None, csat_na_values=[0],
                                nps_na_values=99, nan_policy="error")
    with pytest.raises(cxmetrics.InvalidArgument, match="given twice"):
        cxmetrics.survey_report(export, csat_column=[ITEMS[0], ITEMS[0]])
    with pytest.raises(cxmetrics.InvalidArgument, match="at least one column"):
        cxmetrics.survey_report(export, csat_column=[])


def test_json_and_the_command_line(export):
    r = cxmetrics.survey_report(export, csat_column=ITEMS, ces_column=None, csat_na_values=[0],
                                nps_na_values=[99])
    doc = json.loads(r.render("json"))
    assert [b["column"] for b in doc["csat"]] == ITEMS and doc["nps"]["column"] == "nps"
    assert doc["no_answer"]["csat"] == list(r.no_answer_by_column("csat").values())
    assert doc["missing"]["csat"] == list(r.missing_by_column("csat").values())
    assert doc["na_values"] == {"nps": [99], "csat": [0], "ces": None}
    assert doc["csat"][2]["mean"] == r.results("csat")[ITEMS[2]].mean
    text = r.render()
    for col in ITEMS:
        assert f"CSAT - Customer Satisfaction (column '{col}', answers 1-5)" in text
    assert "no answer (0)" in text and "no answer (99)" in text
    exe = os.environ.get("CXM_EXE")
    if exe:
        out = subprocess.run([exe, "survey", str(export), "--csat-column", ",".join(ITEMS), "--no-ces",
                              "--csat-na-values", "0", "--nps-na-values", "99", "--format", "json"],
                             capture_output=True, text=True, check=True).stdout
        assert out == r.render("json")
