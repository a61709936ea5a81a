"""CES on any scale (spec §3.4), and CSAT / CES on 1-10 in the survey report.

References: numpy / pandas counts, means and SDs, and the Wilson interval by
its textbook formula with scipy's normal quantile, all computed here.
"""

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps

import cxmetrics

from conftest import close


def wilson(x, n, conf=0.95):
    z = sps.norm.ppf((1 + conf) / 2)
    p = x / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return 100 * (c - h), 100 * (c + h)


def check_against_numpy(r, s, lo, hi, agree):
    s = np.asarray(s, dtype=float)
    n_agree = int((s >= agree).sum())
    assert (r.scale_lo, r.scale_hi, r.agree, r.points) == (lo, hi, agree, hi - lo + 1)
    assert r.n == len(s) and r.n_agree == n_agree
    assert r.n_disagree == int((s <= lo + hi - agree).sum())
    assert close(r.pct_agree, 100 * n_agree / len(s))
    assert close(r.mean, s.mean(), 1e-13) and close(r.sd, s.std(ddof=1), 1e-12)
    wl, wu = wilson(n_agree, len(s))
    assert close(r.wilson_lower, wl, 1e-12) and close(r.wilson_upper, wu, 1e-12)


@pytest.mark.parametrize("lo,hi,agree,default", [(1, 10, None, 8), (1, 10, 7, 7), (0, 10, 7, 7),
                                                  (1, 5, None, 4), (1, 7, None, 5), (-3, 3, 2, 2),
                                                  (0, 100, 80, 80)])
def test_ces_scaled_against_numpy(lo, hi, agree, default):
    s = np.random.default_rng(hi - lo).integers(lo, hi + 1, 500)
    r = cxmetrics.ces(s, scale=(lo, hi), agree=agree)
    check_against_numpy(r, s, lo, hi, default)
    acc = cxmetrics.ScoreAccumulator((lo, hi)).add(s[:123]).merge(
        cxmetrics.ScoreAccumulator((lo, hi)).add(s[123:]))
    assert acc.ces(agree=agree) == r                 # merged accumulators: the same, exactly


def test_old_scales_unchanged():
    s5 = [5, 4, 4, 3, 2, 1, 5, 5, 2]
    assert cxmetrics.ces(s5) == cxmetrics.ces(s5, scale=(1, 5))
    assert cxmetrics.ces(np.array(s5, dtype=np.uint8)) == cxmetrics.ces(s5, scale=(1, 5))
    s7 = [7, 6, 5, 4, 3, 2, 1, 7, 5]
    assert cxmetrics.ces(s7, points=7) == cxmetrics.ces(s7, scale=(1, 7), agree=5)
    assert cxmetrics.ces_default_agree((1, 10)) == 8
    assert cxmetrics.ces(s5, agree=5).n_agree == 3  # points 5 with a named threshold


def test_errors_name_the_fix():
    with pytest.raises(cxmetrics.InvalidArgument, match="0..10 has no default agree threshold"):
        cxmetrics.ces([0, 10], scale=(0, 10))
    with pytest.raises(cxmetrics.InvalidArgument, match="above its middle"):
        cxmetrics.ces([0, 10], scale=(0, 10), agree=5)
    with pytest.raises(cxmetrics.InvalidArgument, match="1001 points"):
        cxmetrics.ces([0, 10], scale=(0, 1001), agree=900)
    with pytest.raises(cxmetrics.OutOfRange):
        cxmetrics.ces([0, 11], scale=(0, 10), agree=7)
    with pytest.raises(cxmetrics.InvalidArgument):
        cxmetrics.ces_default_agree((0, 10))


def test_report_csat_and_ces_on_1_10(tmp_path):
    rng = np.random.default_rng(10)
    df = pd.DataFrame({"csat": rng.integers(1, 11, 300), "ces": rng.integers(1, 11, 300)})
    df.loc[::37, "ces"] = np.nan                      # empty fields: missing
    path = tmp_path / "s.csv"
    df.to_csv(path, index=False, float_format="%.0f")
    rep = cxmetrics.survey_report(path, nps_column=None, csat_scale=(1, 10), ces_scale=(1, 10))
    csat = df["csat"]
    assert rep.csat.threshold == 9                    # top-2-box on 1-10
    assert rep.csat.n_satisfied == int((csat >= 9).sum())
    assert close(rep.csat.mean, csat.mean(), 1e-13)
    ces = df["ces"].dropna()
    check_against_numpy(rep.ces, ces, 1, 10, 8)
    assert rep.ces == cxmetrics.ces(ces, scale=(1, 10))   # the report and the function agree
    text = rep.render("text")
    assert "(column 'ces', answers 1-10, 10 = easiest; agree 8-10)" in text
    assert "agree it was easy (8-10)" in text
