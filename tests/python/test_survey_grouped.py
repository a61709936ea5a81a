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


def _tidy_survey(path, n=600, seed=3):
    """A survey with comments: channel, nps, csat, ces, region, comment."""
    rng = np.random.default_rng(seed)
    words = ["price", "Expensive", "staff", "slow", "delivery", "great", "rude", "fast", "refund"]
    rows = []
    for i in range(n):
        ch = ["chat", "email", "phone"][i % 3]
        region = ["north", "south", "east"][rng.integers(0, 3)]
        csat = int(rng.integers(1, 6))
        ces = int(rng.integers(1, 6))
        nps = int(np.clip(round(2 * csat - 0.5 * ces + rng.normal(1.5, 1.5) + (region == "north")), 0, 10))
        k = int(rng.integers(0, 4))
        comment = " ".join(rng.choice(words, k)) + ("!" if k and rng.random() < 0.3 else "")
        rows.append((ch, "" if i % 29 == 0 else nps, csat, ces, region, comment))
    pd.DataFrame(rows, columns=["channel", "nps", "csat", "ces", "region", "comment"]).to_csv(path, index=False)


def test_drivers_r2_against_numpy(tmp_path):
    """R² of the report's drivers = least squares of NPS on csat, ces and the region dummies (numpy)."""
    p = str(tmp_path / "s.csv")
    _tidy_survey(p)
    o = native.survey_opts_new()
    native.survey_opts_add_group(o, "channel")
    native.survey_opts_set_drivers(o, None, ["csat", "ces", "region"])
    r = native.survey_report_from_csv(p, o)
    d = _table.frame(native.survey_report_drivers(r), as_frame=True).reset_index()
    df = pd.read_csv(p).dropna(subset=["nps"])
    X = np.column_stack([np.ones(len(df)), df["csat"], df["ces"],
                         pd.get_dummies(df["region"], drop_first=True).to_numpy(float)])
    y = df["nps"].to_numpy(float)
    beta, *_ = np.linalg.lstsq(X, y, rcond=None)
    r2 = 1 - ((y - X @ beta) ** 2).sum() / ((y - y.mean()) ** 2).sum()
    assert close(d.attrs["r2"], r2)
    assert d.attrs["n"] == len(df)
    assert d.attrs["rows_dropped"] == 600 - len(df)
    assert list(d["driver"]) == ["csat", "ces", "region"]
    assert list(d["kind"]) == ["numeric", "numeric", "categorical"]
    assert close(d["correlation"][0], np.corrcoef(df["csat"], y)[0, 1])
    assert close(d["shapley"].sum(), r2)


def test_themes_against_pandas(tmp_path):
    """Comments, mentions and the NPS of mentioners against the other commenters, per channel,
    with pandas (case-insensitive whole words) and the adjusted-Wald test of spec §1.6."""
    from scipy import stats
    p = str(tmp_path / "s.csv")
    _tidy_survey(p)
    th = native.themes_from_json('{"price": ["price", "expensive"], "people": ["staff", "rude"]}')
    o = native.survey_opts_new()
    native.survey_opts_add_group(o, "channel")
    native.survey_opts_set_min_n(o, 0)
    native.survey_opts_set_themes(o, th, "comment")
    r = native.survey_report_from_csv(p, o)
    got = _table.frame(native.survey_report_themes(r), as_frame=True).reset_index()
    df = pd.read_csv(p, keep_default_na=False, dtype={"comment": str})
    df["nps"] = pd.to_numeric(df["nps"].replace("", np.nan))
    themes = {"price": r"\b(?:price|expensive)\b", "people": r"\b(?:staff|rude)\b"}

    def centre_se(s):
        n = len(s) + 3
        pp, dd = ((s >= 9).sum() + 0.75) / n, ((s <= 6).sum() + 0.75) / n
        return 100 * (pp - dd), 100 * math.sqrt((pp + dd - (pp - dd) ** 2) / n)

    groups = [("(all)", df)] + sorted(df.groupby("channel"), key=lambda x: x[0])
    i = 0
    for name, g in groups:
        c = g[g["comment"].str.strip() != ""]
        for theme, rx in themes.items():
            row = got.iloc[i]
            i += 1
            assert (row["channel"], row["theme"]) == (name, theme)
            hit = c["comment"].str.contains(rx, case=False, regex=True)
            assert row["comments"] == len(c) and row["mentions"] == hit.sum()
            a, b = c[hit]["nps"].dropna(), c[~hit]["nps"].dropna()
            nps = lambda s: 100 * ((s >= 9).mean() - (s <= 6).mean())
            assert close(row["score_mentioned"], nps(a)) and close(row["score_other"], nps(b))
            (ca, sa), (cb, sb) = centre_se(a), centre_se(b)
            pv = 2 * stats.norm.sf(abs(ca - cb) / math.hypot(sa, sb))
            assert close(row["p_value"], pv)
    assert i == len(got)
