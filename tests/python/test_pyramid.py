"""The CX Index and the CX pyramid (spec §25): cxmetrics.cxi and
cxmetrics.pyramid against marketr's definition computed here, plainly, with
pandas (cxi_calc(survey_data, grps) and cxi_trend(survey_data, month), as
marketr's vignette does on random 2..5 answers), and the intervals against
statsmodels (Wilson), scipy (t) and the adjusted-Wald formula of spec §1.4
written out with scipy's normal quantile."""
import json
import math
import os
import tempfile

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

import cxmetrics

HIGH, LOW = 4, 2

WORKED = pd.DataFrame({
    "grp": ["a", "a", "a", "b", "b", "b", "a", "b"],
    "site": ["x", "x", "x", "x", "x", "y", "y", "z"],
    "time": pd.to_datetime(["2024-01-05", "2024-01-10", "2024-02-03", "2024-01-20", "2024-02-11",
                            "2024-02-14", "2024-02-20", "2024-01-25"]),
    "needs": [5, 4, 3, 2, 5, 1, 4, 5],
    "ease": [4, 2, 5, 3, 5, 4, 4, 3],
    "emotion": [3, 5, 1, 4, 5, 2, 4, 2],
})

QUESTIONS = ["needs", "ease", "emotion"]


def marketr_cxi(df):
    """marketr's cxi_calc written plainly: per question, (HIGH - LOW) / (HIGH
    + MID + LOW) x 100 over the question's answers; cxi the mean of the three.
    Missing answers are dropped per question (our omit, not marketr's MID)."""
    scores = {}
    for q in QUESTIONS:
        x = df[q].dropna()
        scores[q] = ((x >= HIGH).sum() - (x <= LOW).sum()) / len(x) * 100
    scores["cxi"] = np.mean([scores[q] for q in QUESTIONS])
    complete = df.dropna(subset=QUESTIONS)
    l1 = complete["needs"] >= HIGH
    l2 = l1 & (complete["ease"] >= HIGH)
    l3 = l2 & (complete["emotion"] >= HIGH)
    for k, lv in enumerate([l1, l2, l3], 1):
        scores[f"level{k}"] = lv.mean() * 100
    scores["n"] = len(complete)
    return scores


def adjusted_wald(x):
    """Spec §1.4 (Sauro & Lewis): +3/4 to HIGH and LOW, n + 3."""
    x = x.dropna()
    n = len(x) + 3
    p = ((x >= HIGH).sum() + 0.75) / n
    d = ((x <= LOW).sum() + 0.75) / n
    se = math.sqrt((p + d - (p - d) ** 2) / n)
    z = stats.norm.ppf(0.975)
    return (p - d - z * se) * 100, (p - d + z * se) * 100


def close(a, b, tol=1e-9):
    return abs(a - b) <= tol + tol * abs(b)


def test_cxi_worked_example_and_intervals():
    r = cxmetrics.cxi(WORKED["needs"], WORKED["ease"], WORKED["emotion"])
    ref = marketr_cxi(WORKED)
    assert r.n == 8 and r.n_complete == 8
    for k in ["needs", "ease", "emotion", "cxi", "level1", "level2", "level3"]:
        assert close(getattr(r, k), ref[k]), k
    assert close(r.cxi, 100 / 3) and close(r.needs, 37.5) and close(r.level3, 25.0)
    for q in QUESTIONS:
        lo, up = adjusted_wald(WORKED[q])
        assert close(getattr(r, q + "_lower"), lo) and close(getattr(r, q + "_upper"), up)
    # levels: statsmodels' Wilson
    l1 = WORKED["needs"] >= HIGH
    l2 = l1 & (WORKED["ease"] >= HIGH)
    l3 = l2 & (WORKED["emotion"] >= HIGH)
    for k, lv in enumerate([l1, l2, l3], 1):
        lo, up = proportion_confint(lv.sum(), len(lv), alpha=0.05, method="wilson")
        assert close(getattr(r, f"level{k}_lower"), lo * 100) and close(getattr(r, f"level{k}_upper"), up * 100)
    # cxi: scipy's t interval of the per-respondent score
    s = sum((WORKED[q] >= HIGH).astype(float) - (WORKED[q] <= LOW).astype(float) for q in QUESTIONS) / 3 * 100
    lo, up = stats.t.interval(0.95, len(s) - 1, loc=s.mean(), scale=stats.sem(s))
    # scipy 1.10's t.ppf(0.975, 7) is 2.5e-10 relative below mpmath's 2.3646242515927853
    # (the C library's, spec §17.3): compare at 1e-8
    assert close(r.cxi_lower, lo, 1e-8) and close(r.cxi_upper, up, 1e-8)
    d = json.loads(r.to_json())
    assert d["n"] == 8 and close(d["cxi"], 100 / 3)


def test_pyramid_groups_and_months_worked():
    df = cxmetrics.pyramid(WORKED, by="grp", min_n=1)
    assert df.attrs["kind"] == "pyramid" and df.attrs["high"] == 4 and df.attrs["low"] == 2
    assert list(df.columns[:13]) == ["grp", "period", "n", "cxi", "cxi_lower", "cxi_upper", "needs", "ease",
                                     "emotion", "level1", "level2", "level3", "suppressed"]
    assert list(df["grp"]) == ["(all)", "a", "b"]
    for _, row in df.iterrows():
        part = WORKED if row["grp"] == "(all)" else WORKED[WORKED["grp"] == row["grp"]]
        ref = marketr_cxi(part)
        for k in ["cxi", "needs", "ease", "emotion", "level1", "level2", "level3", "n"]:
            assert close(row[k], ref[k]), (row["grp"], k)
    trend = cxmetrics.pyramid(WORKED, time="time", every="month", min_n=1)
    assert list(trend["period"]) == ["2024-01-01", "2024-02-01"]
    for _, row in trend.iterrows():
        month = int(row["period"][5:7])
        ref = marketr_cxi(WORKED[WORKED["time"].dt.month == month])
        for k in ["cxi", "needs", "ease", "emotion", "level1", "level2", "level3"]:
            assert close(row[k], ref[k]), (month, k)


def vignette_data(seed=2020, n=1000):
    # marketr's vignette: needs, ease, emotion from 2:5, nps 3:10, grps a/b/c, months 1..12
    rng = np.random.default_rng(seed)
    months = rng.integers(1, 13, n)
    return pd.DataFrame({
        "needs": rng.integers(2, 6, n), "ease": rng.integers(2, 6, n), "emotion": rng.integers(2, 6, n),
        "nps_question": rng.integers(3, 11, n), "grps": rng.choice(["a", "b", "c"], n),
        "month": pd.to_datetime([f"2024-{m:02d}-15" for m in months]),
    })


def test_vignette_cxi_calc_by_group_and_trend():
    data = vignette_data()
    # cxi_calc(survey_data, grps)
    df = cxmetrics.pyramid(data, by="grps", min_n=0)
    for _, row in df.iterrows():
        part = data if row["grps"] == "(all)" else data[data["grps"] == row["grps"]]
        ref = marketr_cxi(part)
        for k in ["cxi", "needs", "ease", "emotion", "level1", "level2", "level3", "n"]:
            assert close(row[k], ref[k]), (row["grps"], k)
    assert (df["suppressed"] == 0).all()
    # cxi_trend(survey_data, month): one row per month, in order
    trend = cxmetrics.pyramid(data, time="month", every="month", min_n=0)
    assert len(trend) == 12
    for _, row in trend.iterrows():
        ref = marketr_cxi(data[data["month"].dt.strftime("%Y-%m-%d").str[:7] == row["period"][:7]])
        assert close(row["cxi"], ref["cxi"]) and close(row["level2"], ref["level2"])
    # by group and month together, with statsmodels' Wilson bounds
    both = cxmetrics.pyramid(data, by="grps", time="month", every="month", min_n=0)
    row = both[(both["grps"] == "b") & (both["period"] == "2024-03-01")].iloc[0]
    part = data[(data["grps"] == "b") & (data["month"].dt.month == 3)]
    l1 = (part["needs"] >= HIGH).sum()
    lo, up = proportion_confint(l1, len(part), alpha=0.05, method="wilson")
    assert close(row["level1_lower"], lo * 100) and close(row["level1_upper"], up * 100)


def test_pyramid_path_equals_frame_and_suppression():
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "survey.csv")
        WORKED.assign(time=WORKED["time"].dt.strftime("%Y-%m-%d")).to_csv(path, index=False)
        a = cxmetrics.pyramid(path, by="site", min_n=2)
    b = cxmetrics.pyramid(WORKED, by="site", min_n=2)
    pd.testing.assert_frame_equal(a.drop(columns=[]), b, check_like=False)
    # z has 1 respondent (< min_n), y is the smallest other cell: complementary suppression
    assert list(b["site"]) == ["(all)", "x", "y", "z"]
    assert list(b["suppressed"]) == [0, 0, 1, 1]
    assert b["cxi"].isna().tolist() == [False, False, True, True]


def test_missing_answers_omit_versus_marketr():
    df = pd.concat([WORKED, pd.DataFrame({"grp": ["a"], "site": ["x"], "time": pd.to_datetime(["2024-02-25"]),
                                          "needs": [5], "ease": [np.nan], "emotion": [1]})],
                   ignore_index=True)
    r = cxmetrics.cxi(df["needs"], df["ease"], df["emotion"], nan_policy="omit")
    ref = marketr_cxi(df)
    assert r.n == 9 and r.n_complete == 8 and r.n_ease == 8
    assert close(r.ease, ref["ease"]) and close(r.cxi, ref["cxi"]) and close(r.level1, ref["level1"])
    # marketr's survey_transpose_cxi would count the missing ease as MID: (5 - 1) / 9
    assert not close(r.ease, (5 - 1) / 9 * 100)
    t = cxmetrics.pyramid(df, nan_policy="omit")
    assert t["n"][0] == 8 and t["respondents"][0] == 9 and close(t["ease"][0], ref["ease"])
    with pytest.raises(cxmetrics.NanInput, match="ease"):
        cxmetrics.cxi(df["needs"], df["ease"], df["emotion"])


def test_bad_input_is_typed_and_named():
    with pytest.raises(cxmetrics.InvalidArgument, match="n_ease = 2"):
        cxmetrics.cxi([5, 4, 3], [4, 2], [3, 5, 1])
    with pytest.raises(cxmetrics.OutOfRange, match="needs"):
        cxmetrics.cxi([5, 6], [4, 2], [3, 5])
    with pytest.raises(cxmetrics.NonInteger):
        cxmetrics.cxi([5, 4.5], [4, 2], [3, 5])
    with pytest.raises(cxmetrics.InvalidArgument, match="low = 3, high = 3"):
        cxmetrics.cxi([5, 4], [4, 2], [3, 5], high=3, low=3)
    with pytest.raises(cxmetrics.EmptyInput):
        cxmetrics.cxi([], [], [])
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "bad.csv")
        with open(path, "w") as f:
            f.write("needs,ease,emotion\n5,4,3\n4,7,5\n")
        with pytest.raises(cxmetrics.OutOfRange, match=r"bad\.csv:3:2 'ease': value 7 is outside 1\.\.5"):
            cxmetrics.pyramid(path)
        with pytest.raises(cxmetrics.InvalidArgument, match="enjoy"):
            cxmetrics.pyramid(path, emotion="enjoy")
    with pytest.raises(cxmetrics.Error):
        cxmetrics.pyramid(WORKED, needs="needs", ease="needs")


def test_other_scale_and_cut_points():
    # a 0-10 scale with high 9, low 6 (NPS-like cut points): each question score is an NPS
    rng = np.random.default_rng(7)
    x = {q: rng.integers(0, 11, 200).astype(float) for q in QUESTIONS}
    r = cxmetrics.cxi(x["needs"], x["ease"], x["emotion"], scale=(0, 10), high=9, low=6)
    for q in QUESTIONS:
        assert close(getattr(r, q), cxmetrics.nps(x[q]).nps)


def test_plot_pyramid_and_page():
    # the chart (journey_plot, Agg) draws three levels per group from this table, and the
    # journey page recognises the table by its kind
    import matplotlib
    matplotlib.use("Agg")
    df = cxmetrics.pyramid(WORKED, by="grp", min_n=1)
    ax = cxmetrics.plot_pyramid(df)
    gids = {p.get_gid() for p in ax.patches}
    assert {f"level{k}:{g}" for k in (1, 2, 3) for g in ("a", "b")} <= gids
    page = cxmetrics.journey_html([df])
    assert page.startswith("<!DOCTYPE html>") or "<html" in page[:200]
