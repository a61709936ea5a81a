"""The survey report by group and period (spec §18) through the SWIG-level
API (cxmetrics.native), against pandas and scipy computed here, live, by
tests/unit/report_grouped_refs.py (which the C test's numbers also come from)
on tests/data/survey-grouped/survey.csv."""
import math
import os
import sys

import numpy as np
import pandas as pd
import pytest

from cxmetrics import native, _table
import cxmetrics

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "unit"))
import report_grouped_refs as refs  # noqa: E402

CSV = os.path.join(HERE, "..", "data", "survey-grouped", "survey.csv")


def report(path=CSV, threads=1, adjust=1, **kw):
    # the handles (options, report, tables) free themselves with their proxies
    o = native.survey_opts_new()
    native.survey_opts_add_group(o, "channel")
    native.survey_opts_set_time(o, "timestamp", 2, 60)
    native.survey_opts_set_times(o, "created", "first_reply", "resolved")
    native.survey_opts_set_threads(o, threads)
    native.survey_opts_set_adjust(o, adjust)
    if kw.get("skip"):
        native.survey_opts_set_skip_bad_rows(o, 1)
    return native.survey_report_from_csv(path, o)


def frame(h):
    df = _table.frame(h, as_frame=True)
    return df.reset_index()


def close(a, b):
    if isinstance(b, float) and math.isnan(b):
        return isinstance(a, float) and math.isnan(a)
    return abs(a - b) <= 1e-9 + 1e-9 * abs(b)


def test_cells_against_pandas():
    r = report()
    got = frame(native.survey_report_cells(r))
    exp = refs.expected_cells()
    assert list(got.columns) == ["channel", "period", "metric", "n", "score", "lower", "upper", "change",
                                 "p_value", "p_adjusted", "suppressed", "missing", "promoters", "passives",
                                 "detractors", "wald_lower", "wald_upper"]
    assert len(got) == len(exp)
    for (_, g), e in zip(got.iterrows(), exp):
        assert (g["channel"], g["period"], g["metric"]) == (e["channel"], e["period"], e["metric"])
        assert g["suppressed"] == e["suppressed"]
        if e["suppressed"]:
            assert math.isnan(g["score"]) and math.isnan(g["n"])
            continue
        for key in ("n", "score", "lower", "upper"):
            assert close(g[key], float(e["v"][key])), (key, g.to_dict(), e)
        for key in ("change", "p_value", "p_adjusted"):
            assert close(g[key], float(e[key])), (key, g.to_dict(), e)


def test_nps_cells_against_pandas_groupby():
    """The NPS of every unsuppressed channel x month straight from a pandas groupby."""
    df = refs.load()
    r = report()
    got = frame(native.survey_report_cells(r))
    nps = got[(got["metric"] == "nps") & (got["channel"] != "(all)") & (got["suppressed"] == 0)]
    s = df.dropna(subset=["nps"]).groupby(["channel", "period"])["nps"]
    want = (100 * (s.apply(lambda x: (x >= 9).mean() - (x <= 6).mean()))).to_dict()
    assert len(nps) == 7
    for _, row in nps.iterrows():
        assert close(row["score"], want[(row["channel"], row["period"])])
        assert row["n"] == s.size()[(row["channel"], row["period"])]


def test_vs_rest_against_pandas():
    r = report(threads=2)
    got = frame(native.survey_report_vs_rest(r))
    exp = refs.expected_vs_rest()
    assert len(got) == len(exp)
    for (_, g), e in zip(got.iterrows(), exp):
        assert (g["channel"], g["period"], g["metric"]) == (e["channel"], e["period"], e["metric"])
        assert g["suppressed"] == e["suppressed"]
        if not e["suppressed"]:
            for key in ("n", "score", "rest_n", "rest_score", "diff", "p_value", "p_adjusted"):
                assert close(g[key], float(e[key])), (key, g.to_dict(), e)


def test_one_and_two_threads_same_bytes():
    a, b = report(threads=1), report(threads=2)
    for f in (0, 1, 2):
        assert native.survey_report_render(a, f) == native.survey_report_render(b, f)


def test_skipped_rows_counted(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_text("channel,timestamp,nps,csat,ces,created,first_reply,resolved\n"
                 "a,2026-01-05,9,5,4,2026-01-05T10:00Z,2026-01-05T11:00Z,\n"
                 "a,2026-01-05,11,5,4,2026-01-05T10:00Z,2026-01-05T11:00Z,\n"
                 "a,2026-01-05,x,5,4,2026-01-05T10:00Z,2026-01-05T11:00Z,\n"
                 "a,2026-01-05T10:00,9,5,4,2026-01-05T10:00Z,2026-01-05T11:00Z,\n"
                 "a,2026-01-05,9,5,4,2026-01-05T10:00Z,2026-01-05T09:00Z,\n")
    with pytest.raises(cxmetrics.Error) as e:
        report(str(p))
    assert ":3:3 'nps': value 11 is outside 0..10" in str(e.value)
    r = report(str(p), skip=True)
    assert native.survey_report_rows(r) == 5
    assert [native.survey_report_skipped(r, k) for k in range(5)] == [0, 0, 1, 1, 2]
    cells = frame(native.survey_report_cells(r))
    assert cells.attrs["rows_skipped"] == 4
    assert cells.attrs["skipped_bad_timestamp"] == 2


def test_from_table_equals_csv():
    df = pd.read_csv(CSV, dtype=str, keep_default_na=False)
    h = native.table_new()
    for name in df.columns:
        if name in ("nps", "csat", "ces"):
            vals = pd.to_numeric(df[name].replace("", np.nan)).to_numpy(float)
            native.table_add_numbers(h, name, vals)
        else:
            native.table_add_texts(h, name, list(df[name]))
    o = native.survey_opts_new()
    native.survey_opts_add_group(o, "channel")
    native.survey_opts_set_time(o, "timestamp", 2, 60)
    t = native.survey_report_from_table(h, o)
    c = native.survey_report_from_csv(CSV, o)
    assert native.survey_report_render(t, 2) == native.survey_report_render(c, 2)
