"""The survey report by group and period (issue 10, items 2, 5, 6, 8; spec §18):
cxmetrics.survey_report against an independent computation on the same file
(tests/data/survey-grouped/front_reference.py: pandas, scipy and the spec's
formulas, written out; never the library's output), from a path, a DataFrame
and a dict of arrays; the command line's CSV equals the DataFrame.
"""

import datetime as dt
import json
import math
import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import cxmetrics

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "data", "survey-grouped"))
from front_reference import (FILE, METRICS, MIN_N, THEMES, _bh, _day, _holm, _mean, _metric_cells,  # noqa: E402
                             _period, _test, read, reference)


# ---- fixtures -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def df():
    return read()


@pytest.fixture(scope="module")
def report():
    return cxmetrics.survey_report(FILE, by="channel", time="timestamp", every="month", ces_scale="1-7")


NUMBERS = ["n", "score", "lower", "upper", "change", "p_value", "p_adjusted", "suppressed", "missing",
           "promoters", "passives", "detractors", "wald_lower", "wald_upper"]


def _compare(got, want, keys):
    got = got.reset_index(drop=True)
    want = want.reset_index(drop=True)
    assert len(got) == len(want)
    for k in keys:
        assert list(got[k].astype(str)) == list(want[k].astype(str)), k
    for k in NUMBERS:
        g = got[k].to_numpy(dtype=float)
        w = want[k].to_numpy(dtype=float)
        assert np.array_equal(np.isnan(g), np.isnan(w)), k
        ok = ~np.isnan(w)
        np.testing.assert_allclose(g[ok], w[ok], rtol=1e-9, atol=1e-9, err_msg=k)


# ---- the tests ---------------------------------------------------------------------------

def test_cells_match_pandas_and_the_formulas(df, report):
    cells = report.cells
    assert isinstance(cells, pd.DataFrame)
    assert list(cells.columns[:3]) == ["channel", "period", "metric"]
    want = reference(df, ["channel"], "month")
    got = cells[cells["metric"].isin(METRICS)]
    _compare(got, want, ["channel", "period", "metric"])
    assert got["suppressed"].sum() > 0  # the small "chat" channel has suppressed months
    assert report.rows == len(df)


def test_week_in_an_offset_and_bh(df):
    r = cxmetrics.survey_report(FILE, by=["channel"], time="timestamp", every="week", utc_offset="+05:30",
                                ces_scale=(1, 7), adjust="bh", min_n=5)
    want = reference(df, ["channel"], "week", offset_min=330, min_n=5, adjust=_bh)
    got = r.cells[r.cells["metric"].isin(METRICS)]
    _compare(got, want, ["channel", "period", "metric"])


def test_quarters_without_groups(df):
    r = cxmetrics.survey_report(FILE, time="timestamp", every="quarter", ces_scale="1-7")
    want = reference(df, [], "quarter")
    got = r.cells[r.cells["metric"].isin(METRICS)]
    _compare(got, want, ["period", "metric"])


def test_dataframe_and_dict_sources_equal_the_file(df, report):
    frame = df.copy()
    # a datetime64 column: Unix seconds UTC in the C table (the bare dates,
    # midnight UTC, fall on their own day at offset 0)
    frame["timestamp"] = pd.to_datetime([dt.datetime.fromisoformat(t.replace("Z", "+00:00"))
                                         if len(t) > 10 else dt.datetime.fromisoformat(t + "T00:00:00+00:00")
                                         for t in df["timestamp"]], utc=True)
    from_frame = cxmetrics.survey_report(frame, by="channel", time="timestamp", every="month",
                                         ces_scale="1-7")
    pd.testing.assert_frame_equal(from_frame.cells, report.cells, check_exact=False, rtol=1e-12)
    naive = frame.assign(timestamp=frame["timestamp"].dt.tz_convert("UTC").dt.tz_localize(None))
    as_dict = {c: naive[c].to_numpy() for c in naive.columns}
    from_dict = cxmetrics.survey_report(as_dict, by="channel", time="timestamp", every="month",
                                        ces_scale="1-7")
    pd.testing.assert_frame_equal(from_dict.cells, report.cells, check_exact=False, rtol=1e-12)


def test_nat_is_a_missing_timestamp_not_a_crash():
    d = {"channel": ["a", "a"], "timestamp": np.array(["2024-01-02T00:00", "NaT"], dtype="datetime64[s]"),
         "nps": [9.0, 10.0]}
    with pytest.raises(cxmetrics.Error):  # the library names the row; nothing silently dropped
        cxmetrics.survey_report(d, by="channel", time="timestamp", every="month", min_n=0)


def test_vs_rest_matches_the_formulas(df, report):
    v = report.vs_rest
    assert list(v.columns[:3]) == ["channel", "period", "metric"]
    for col in ("n", "score", "rest_n", "rest_score", "diff", "p_value", "p_adjusted", "suppressed"):
        assert col in v.columns
    frame = df.copy()
    frame["period"] = [_period(_day(t, 0), "month").isoformat() for t in frame["timestamp"]]
    # a cell the cells table withholds (under min_n, or by the complementary rule)
    # is withheld here too: its n beside the rest's would give it away
    ref = reference(df, ["channel"], "month").set_index(["channel", "period", "metric"])["suppressed"]
    pvals = []
    for _, row in v.iterrows():
        sub = frame[frame["period"] == row["period"]]
        a = _metric_cells(sub[sub["channel"] == row["channel"]])[row["metric"]]
        b = _metric_cells(sub[sub["channel"] != row["channel"]])[row["metric"]]
        if a["n"] < MIN_N or b["n"] < MIN_N or ref[(row["channel"], row["period"], row["metric"])]:
            assert row["suppressed"] == 1 and math.isnan(row["diff"])
            pvals.append(math.nan)
            continue
        diff, p = _test(row["metric"], a, b)
        assert row["n"] == a["n"] and row["rest_n"] == b["n"]
        assert row["score"] == pytest.approx(a["score"], rel=1e-9)
        assert row["rest_score"] == pytest.approx(b["score"], rel=1e-9)
        assert row["diff"] == pytest.approx(diff, rel=1e-9, abs=1e-9)
        assert row["p_value"] == pytest.approx(p, rel=1e-9, abs=1e-12)
        pvals.append(p)
    np.testing.assert_allclose(v["p_adjusted"].to_numpy(dtype=float), _holm(pvals), rtol=1e-9, atol=1e-12)


def test_support_times(df):
    r = cxmetrics.survey_report(FILE, by="channel", time="timestamp", every="quarter", ces_scale="1-7",
                                times=("created", "first_reply", "resolved"))
    cells = r.cells
    frame = df.copy()
    frame["period"] = [_period(_day(t, 0), "quarter").isoformat() for t in frame["timestamp"]]

    def secs(col):
        return pd.to_datetime(frame[col].replace("", None), utc=True)
    frame["first_response"] = (secs("first_reply") - secs("created")).dt.total_seconds()
    frame["resolution"] = (secs("resolved") - secs("created")).dt.total_seconds()
    for (channel, period), sub in frame.groupby(["channel", "period"]):
        for what in ("first_response", "resolution"):
            x = sub[what].dropna().to_numpy()
            got = cells[(cells["channel"] == channel) & (cells["period"] == period)].set_index("metric")
            assert got.loc[f"{what}_mean", "n"] == len(x)
            assert got.loc[f"{what}_mean", "missing"] == sub[what].isna().sum()
            assert got.loc[f"{what}_mean", "score"] == pytest.approx(x.mean(), rel=1e-12)
            m = _mean(x)
            assert got.loc[f"{what}_mean", "lower"] == pytest.approx(m["lower"], rel=1e-9)
            assert got.loc[f"{what}_median", "score"] == pytest.approx(np.median(x), rel=1e-12)
            assert got.loc[f"{what}_p90", "score"] == pytest.approx(np.quantile(x, 0.9), rel=1e-12)


def test_cli_csv_equals_the_dataframe(report):
    exe = os.environ.get("CXM_EXE")
    if not exe:
        pytest.skip("CXM_EXE not set (run through meson test)")
    out = subprocess.run([exe, "survey", FILE, "--by", "channel", "--time", "timestamp", "--every", "month",
                          "--ces-scale", "1-7", "--format", "csv"], capture_output=True, text=True, check=True)
    from io import StringIO
    cli = pd.read_csv(StringIO(out.stdout), dtype={"channel": str, "period": str, "metric": str},
                      keep_default_na=False, na_values=[""], float_precision="round_trip")
    cli = cli.fillna({"channel": "", "period": "", "metric": ""})
    cells = report.cells
    assert list(cli.columns) == list(cells.columns)[:len(cli.columns)]
    for col in cli.columns:
        if cells[col].dtype == object:
            assert list(cli[col]) == list(cells[col]), col
        else:
            np.testing.assert_allclose(cli[col].to_numpy(dtype=float), cells[col].to_numpy(dtype=float),
                                       rtol=0, atol=0, equal_nan=True, err_msg=col)


def test_report_object(report):
    d = report.to_dict()
    assert set(d) >= {"rows", "skipped", "cells", "vs_rest", "drivers", "themes"}
    assert d["rows"] == 2000 and d["drivers"] == [] and d["themes"] == []
    text = report.to_json()
    assert "NaN" not in text
    back = json.loads(text)
    assert len(back["cells"]) == len(report.cells)
    assert any(c["score"] is None for c in back["cells"])  # suppressed: null
    assert report.skipped == {w: 0 for w in report.skipped}
    html = report._repr_html_()
    assert html.lstrip().lower().startswith("<!doctype html") and "<svg" in html
    # the plain report API still works on the same object
    assert report.nps is not None and report.rows == 2000


def test_plain_report_has_empty_tables():
    r = cxmetrics.survey_report(FILE, ces_scale="1-7")
    assert len(r.vs_rest) == 0 and len(r.drivers) == 0 and len(r.themes) == 0


def test_themes_per_cell(df):
    r = cxmetrics.survey_report(FILE, by="channel", time="timestamp", every="year", ces_scale="1-7",
                                comment_column="comment", themes=THEMES, min_n=0)
    th = r.themes
    words = json.load(open(THEMES))
    for (channel, theme), got in th[th["channel"] != "(all)"].groupby(["channel", "theme"]):
        sub = df[(df["channel"] == channel) & (df["comment"] != "")]
        hit = sub["comment"].str.lower().apply(lambda s: any(w in s for w in words[theme]))
        # the file's comments are plain ASCII phrases: substring = whole-word match here
        assert got["comments"].iloc[0] == len(sub)
        assert got["mentions"].iloc[0] == hit.sum()
        assert got["share"].iloc[0] == pytest.approx(100 * hit.mean(), rel=1e-12)


def test_themes_as_a_dict_equal_the_file():
    a = cxmetrics.survey_report(FILE, by="channel", ces_scale="1-7", comment_column="comment", themes=THEMES)
    b = cxmetrics.survey_report(FILE, by="channel", ces_scale="1-7", comment_column="comment",
                                themes=json.load(open(THEMES)))
    pd.testing.assert_frame_equal(a.themes, b.themes)


def test_errors_are_typed():
    with pytest.raises(cxmetrics.InvalidArgument, match="every"):
        cxmetrics.survey_report(FILE, time="timestamp")
    with pytest.raises(cxmetrics.InvalidArgument, match="utc_offset"):
        cxmetrics.survey_report(FILE, time="timestamp", every="month", utc_offset="2 hours")
    with pytest.raises(cxmetrics.InvalidArgument):
        cxmetrics.survey_report(FILE, time="timestamp", every="fortnight")
    with pytest.raises(cxmetrics.InvalidArgument):
        cxmetrics.survey_report(FILE, by="no_such_column", ces_scale="1-7")
    with pytest.raises(cxmetrics.InvalidArgument):
        cxmetrics.survey_report(FILE, adjust="bonferroni")
    with pytest.raises(cxmetrics.InvalidArgument):
        cxmetrics.survey_report(FILE, ces_scale="1-9")  # no default agree threshold on 1..9


def test_without_pandas_lists_of_dicts(report, monkeypatch):
    from cxmetrics import _table
    monkeypatch.setattr(_table, "pandas", lambda: None)
    cells = report.cells
    assert isinstance(cells, list) and isinstance(cells[0], dict)
    assert cells[0]["channel"] == "(all)" and cells[0]["metric"] == "nps"


def test_plots_delegate_to_survey_plot(report):
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    ax = report.plot_trend(metric="nps")
    labels = [t.get_text() for t in ax.get_legend().get_texts()] if ax.get_legend() else \
        [line.get_label() for line in ax.get_lines()]
    assert any("(all)" in s for s in labels) and any("email" in s for s in labels)
    # the total's line is the (all) scores of the cells, month by month
    cells = report.cells
    total = cells[(cells["channel"] == "(all)") & (cells["metric"] == "nps")]["score"].to_numpy()
    ys = [np.asarray(line.get_ydata(), dtype=float) for line in ax.get_lines()]
    assert any(y.shape == total.shape and np.allclose(y, total) for y in ys)
    plt.close("all")
    ax = report.plot_breakdown()
    assert len(ax.patches) > 0
    plt.close("all")


def test_dataframe_dtypes_nullable_categorical_tz(df, report):
    """Nullable Int64 answers (pd.NA missing), a categorical group column and a
    tz-aware timestamp column in another zone give the file's cells."""
    frame = df.copy()
    for col in ("nps", "csat", "ces"):
        frame[col] = frame[col].astype("Int64")
    frame["channel"] = frame["channel"].astype("category")
    stamps = [dt.datetime.fromisoformat(t.replace("Z", "+00:00")) if len(t) > 10
              else dt.datetime.fromisoformat(t + "T00:00:00+00:00") for t in df["timestamp"]]
    frame["timestamp"] = pd.to_datetime(stamps, utc=True).tz_convert("America/New_York")
    r = cxmetrics.survey_report(frame, by="channel", time="timestamp", every="month", ces_scale="1-7")
    pd.testing.assert_frame_equal(r.cells, report.cells, check_exact=False, rtol=1e-12)


def test_drivers_by_least_squares(df):
    """Key drivers of the NPS in the report: R² by numpy least squares on the
    complete rows, each driver's Pearson r, and the two-player Shapley values
    (R²(a) + R²(all) - R²(b)) / 2 written out."""
    r = cxmetrics.survey_report(FILE, by="channel", ces_scale="1-7", drivers=["csat", "ces"])
    d = r.drivers
    rows = df[["nps", "csat", "ces"]].dropna().to_numpy(dtype=float)
    y = rows[:, 0]

    def r2(cols):
        x = np.column_stack([np.ones(len(y))] + [rows[:, c] for c in cols])
        beta, *_ = np.linalg.lstsq(x, y, rcond=None)
        resid = y - x @ beta
        return 1 - resid @ resid / ((y - y.mean()) @ (y - y.mean()))
    full = r2([1, 2])
    assert d.attrs["outcome"] == "nps" and d.attrs["n"] == len(y)
    assert d.attrs["rows_dropped"] == len(df) - len(y)  # counted, not silently dropped
    assert d.attrs["r2"] == pytest.approx(full, rel=1e-10)
    assert list(d["driver"]) == ["csat", "ces"]
    for i, (own, other) in enumerate(((1, 2), (2, 1))):
        assert d["correlation"][i] == pytest.approx(np.corrcoef(rows[:, own], y)[0, 1], rel=1e-10)
        assert d["shapley"][i] == pytest.approx((r2([own]) + full - r2([other])) / 2, rel=1e-9)
