"""The grouped survey report on the bundled example (examples/data/survey_responses.csv, the
file `./scripts/setup` reports on), by channel and month, against an independent computation:
pandas for the cells, the spec's formulas written out here for NPS (§1.1, §1.4, §1.6),
statsmodels for the two-proportion z test, Welch's t test and Holm's adjustment, scipy for
Wilson and the t interval. Issue 10's "done when": the bundled example gives the numbers an
independent computation gives (cells, changes, p-values and adjusted p-values).
"""
import math
import os

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportions_ztest
from statsmodels.stats.weightstats import ttest_ind

import cxmetrics

ROOT = os.environ.get("CXM_SOURCE_ROOT") or os.path.join(os.path.dirname(__file__), "..", "..")
SURVEY = os.path.join(ROOT, "examples", "data", "survey_responses.csv")
CONF = 0.95
MIN_N = 10
REL = 1e-9  # spec §0.7


def close(a, b, what):
    assert math.isfinite(a) and math.isfinite(b), (what, a, b)
    assert abs(a - b) <= REL * max(1.0, abs(b)), "%s: %r, expected %r" % (what, a, b)


@pytest.fixture(scope="module")
def data():
    df = pd.read_csv(SURVEY)
    ts = pd.to_datetime(df["timestamp"], utc=True)
    df["period"] = ts.dt.tz_localize(None).dt.to_period("M").dt.start_time.dt.strftime("%Y-%m-%d")
    return df


@pytest.fixture(scope="module")
def expected(data):
    return expected_cells(data)


@pytest.fixture(scope="module")
def report():
    return cxmetrics.survey_report(SURVEY, by="channel", time="timestamp", every="month")


def nps_parts(x):
    """P, passives, D of a Series of 0..10 answers (NaN dropped)."""
    x = x.dropna()
    return int((x >= 9).sum()), int(((x >= 7) & (x <= 8)).sum()), int((x <= 6).sum())


def nps_adjusted(p, pa, d, z):
    """spec §1.4: the adjusted-Wald centre and SE."""
    n_adj = p + pa + d + 3
    pa_, da_ = (p + 0.75) / n_adj, (d + 0.75) / n_adj
    var = max(pa_ + da_ - (pa_ - da_) ** 2, 0.0)
    return 100 * (pa_ - da_), 100 * math.sqrt(var / n_adj)


def expected_cells(df):
    """Per (channel or (all), period, metric): n, score, lower, upper, and the raw answers."""
    z = stats.norm.ppf((1 + CONF) / 2)
    out = {}
    groups = [("(all)", df)] + [(c, g) for c, g in df.groupby("channel")]
    for name, g in groups:
        for period, cell in g.groupby("period"):
            nps = cell["nps"].dropna()
            p, pa, d = nps_parts(nps)
            n = p + pa + d
            centre, se = nps_adjusted(p, pa, d, z)
            out[(name, period, "nps")] = dict(n=n, score=100 * (p - d) / n, lower=centre - z * se,
                                              upper=centre + z * se, answers=nps.to_numpy(), parts=(p, pa, d))
            for metric, col, cut in (("csat", "csat", 4), ("ces_agree", "ces", 4)):
                x = cell[col].dropna()
                k, m = int((x >= cut).sum()), len(x)
                # Wilson (spec §2.3), percent
                centre_w = (k + z * z / 2) / (m + z * z)
                half = z * math.sqrt(k * (m - k) / m + z * z / 4) / (m + z * z)
                out[(name, period, metric)] = dict(n=m, score=100 * k / m, lower=100 * (centre_w - half),
                                                   upper=100 * (centre_w + half), answers=x.to_numpy(), k=k)
            for metric, col in (("csat_mean", "csat"), ("ces", "ces")):
                x = cell[col].dropna().to_numpy(dtype=float)
                if len(x) < 2:  # no interval of one answer (and suppressed under min_n anyway)
                    out[(name, period, metric)] = dict(n=len(x), score=x.mean(), lower=math.nan, upper=math.nan,
                                                       answers=x)
                    continue
                lo, hi = stats.t.interval(CONF, len(x) - 1, loc=x.mean(), scale=x.std(ddof=1) / math.sqrt(len(x)))
                out[(name, period, metric)] = dict(n=len(x), score=x.mean(), lower=lo, upper=hi, answers=x)
    return out


def expected_test(metric, a, b):
    """p-value of cell a against cell b (spec §18.3), independently."""
    if metric == "nps":
        z = stats.norm.ppf((1 + CONF) / 2)
        ca, sa = nps_adjusted(*a["parts"], z)
        cb, sb = nps_adjusted(*b["parts"], z)
        return 2 * stats.norm.sf(abs(ca - cb) / math.sqrt(sa * sa + sb * sb))
    if metric in ("csat", "ces_agree"):
        return proportions_ztest([a["k"], b["k"]], [a["n"], b["n"]])[1]
    return ttest_ind(a["answers"], b["answers"], usevar="unequal")[1]


def test_bundled_cells_changes_and_adjusted_p(data, report, expected):
    cells = report.cells
    exp = expected
    periods = sorted(data["period"].unique())
    assert len(periods) >= 3  # the example spans several months: there are changes to test
    got = {(r.channel, r.period, r.metric): r for r in cells.itertuples(index=False)}
    assert set(got) == set(exp), sorted(set(got) ^ set(exp))[:5]
    tested = []
    for key, e in exp.items():
        r = got[key]
        if r.suppressed:
            for col in ("n", "score", "lower", "upper", "change", "p_value", "p_adjusted"):
                assert math.isnan(getattr(r, col)), (key, col)
            continue
        assert e["n"] >= MIN_N, key  # shown cells are never under min_n
        assert r.n == e["n"], key
        for col in ("score", "lower", "upper"):
            close(getattr(r, col), e[col], "%s %s" % (key, col))
        name, period, metric = key
        i = periods.index(period)
        prev = got.get((name, periods[i - 1], metric)) if i > 0 else None
        if prev is None or prev.suppressed:
            assert math.isnan(r.change) and math.isnan(r.p_value), key
            continue
        close(r.change, e["score"] - exp[(name, periods[i - 1], metric)]["score"], "%s change" % (key,))
        p = expected_test(metric, e, exp[(name, periods[i - 1], metric)])
        close(r.p_value, p, "%s p_value" % (key,))
        tested.append((key, p))
    assert len(tested) >= 20
    # Holm over the table's p-values as one family (spec §18.3), by statsmodels
    adj = multipletests([p for _, p in tested], method="holm")[1]
    for (key, _), a in zip(tested, adj):
        close(got[key].p_adjusted, a, "%s p_adjusted" % (key,))


def test_bundled_suppression_never_leaves_one_cell_to_subtract(report, expected):
    """Every cell under min_n is withheld, and no period x metric has exactly one withheld
    group cell beside a shown total (spec §18.5: it would be the total minus the others)."""
    cells = report.cells
    exp = expected
    for (name, period, metric), e in exp.items():
        row = cells[(cells.channel == name) & (cells.period == period) & (cells.metric == metric)].iloc[0]
        if e["n"] < MIN_N:
            assert row.suppressed, (name, period, metric)
    groups = cells[cells.channel != "(all)"]
    for (period, metric), g in groups.groupby(["period", "metric"]):
        total = cells[(cells.channel == "(all)") & (cells.period == period) & (cells.metric == metric)].iloc[0]
        if not total.suppressed:
            assert int(g.suppressed.sum()) != 1, (period, metric)


def test_bundled_cli_csv_equals_python(report, tmp_path):
    """The command line's tidy CSV is the same table (numbers to the last digit)."""
    import subprocess
    cxm = os.environ.get("CXM_EXE")
    if not cxm:
        cxm = os.path.join(os.path.dirname(cxmetrics.__file__), "..", "..", "..", "tools", "cxm", "cxm")
    if not os.path.exists(cxm):
        pytest.skip("the cxm executable is not beside the Python package (CXM_EXE unset)")
    out = tmp_path / "cells.csv"
    subprocess.run([cxm, "survey", SURVEY, "--by", "channel", "--time", "timestamp", "--every", "month",
                    "--format", "csv", "-o", str(out)], check=True)
    # round_trip: pandas' default float parser is not correctly rounded in the last bit
    cli = pd.read_csv(out, keep_default_na=False, na_values=[""], dtype={"period": str},
                      float_precision="round_trip")
    py = report.cells.reset_index(drop=True)
    assert list(cli.columns[:11]) == ["channel", "period", "metric", "n", "score", "lower", "upper", "change",
                                      "p_value", "p_adjusted", "suppressed"]
    assert len(cli) == len(py)
    for col in ("n", "score", "lower", "upper", "change", "p_value", "p_adjusted"):
        a, b = cli[col].to_numpy(dtype=float), py[col].to_numpy(dtype=float)
        assert np.array_equal(np.isnan(a), np.isnan(b)), col
        assert np.array_equal(a[~np.isnan(a)], b[~np.isnan(b)]), col
