"""Shared statistics (spec §0.4-§0.6, §2.3, §5.8, §1.7)."""

import math

import numpy as np
import pytest
from scipy import stats as sps

try:
    import mpmath
except ImportError:  # python3-mpmath; scipy alone is good to ~1e-9
    mpmath = None

import cxmetrics

from conftest import close


def test_quantile7_worked_checks():
    assert [cxmetrics.quantile7([1, 2, 3, 4], p) for p in (0.25, 0.5, 0.75)] == [1.75, 2.5, 3.25]
    x = [6, 47, 49, 15, 42, 41, 7, 39, 43, 40, 36]   # DolphinDB docs
    assert [cxmetrics.quantile7(x, p) for p in (0.25, 0.5, 0.75)] == [25.5, 40.0, 42.5]
    a = np.array(x, dtype=float)
    before = a.copy()
    cxmetrics.quantile7(a, 0.3)
    assert np.array_equal(a, before)            # not modified
    assert cxmetrics.quantile7([3, math.nan, 1], 0.5, nan_policy="omit") == 2.0
    with pytest.raises(cxmetrics.NanInput):
        cxmetrics.quantile7([3, math.nan, 1], 0.5)
    with pytest.raises(cxmetrics.InvalidArgument):
        cxmetrics.quantile7([1, 2], 1.5)
    with pytest.raises(cxmetrics.EmptyInput):
        cxmetrics.quantile7([], 0.5)
    with pytest.raises(cxmetrics.OutOfRange):
        cxmetrics.quantile7([1, math.inf], 0.5)


def test_quantile7_matches_numpy_linear():
    rng = np.random.default_rng(7)
    x = rng.normal(size=1001)
    for p in (0.0, 0.1, 0.5, 0.9, 1.0):
        assert close(cxmetrics.quantile7(x, p), float(np.quantile(x, p)), rel=1e-14, abs_=1e-14)


def _t_quantile_mp(conf, df):
    """t_{(1+conf)/2, df} to ~1e-25 with mpmath: solve F(t) = q from scipy's start
    (scipy's stdtrit alone is only good to ~1e-9 relative)."""
    mpmath.mp.dps = 40
    q = (1 + mpmath.mpf(conf)) / 2

    def cdf(t):
        x = df / (df + t * t)
        return 1 - mpmath.betainc(mpmath.mpf(df) / 2, mpmath.mpf(1) / 2, 0, x,
                                  regularized=True) / 2
    return float(mpmath.findroot(lambda t: cdf(t) - q, mpmath.mpf(sps.t.ppf(float(q), df))))


def test_critical_values_against_scipy_and_mpmath():
    assert close(cxmetrics.z_crit(), 1.959963984540054, rel=1e-15)
    for conf in (0.5, 0.8, 0.9, 0.95, 0.99, 0.999):
        assert close(cxmetrics.z_crit(conf), sps.norm.ppf((1 + conf) / 2), rel=1e-14)
        for df in (1, 2, 5, 30, 999):
            if mpmath is not None:
                assert close(cxmetrics.t_crit(conf, df), _t_quantile_mp(conf, df), rel=1e-13)
            else:
                assert close(cxmetrics.t_crit(conf, df), sps.t.ppf((1 + conf) / 2, df), rel=1e-8)
    assert close(cxmetrics.t_crit(0.95, 5), 2.570581835636314, rel=1e-14)
    for bad in (0.0, 1.0, -0.5, math.nan):
        with pytest.raises(cxmetrics.InvalidArgument):
            cxmetrics.z_crit(bad)
    with pytest.raises(cxmetrics.InvalidArgument):
        cxmetrics.t_crit(0.95, 0)


def test_p_two_sided():
    assert close(cxmetrics.p_two_sided(1.96), 2 * sps.norm.sf(1.96), rel=1e-13)
    assert cxmetrics.p_two_sided(0.0) == 1.0
    assert cxmetrics.p_two_sided(math.inf) == 0.0 and cxmetrics.p_two_sided(-math.inf) == 0.0
    assert math.isnan(cxmetrics.p_two_sided(math.nan))


def test_round_half_away():
    cases = {12.5: 13.0, -12.5: -13.0, 0.5: 1.0, 0.49999999999999994: 0.0,
             69.1588785046729: 69.0, 2.5: 3.0, -0.4: -0.0}
    for x, want in cases.items():
        got = cxmetrics.round_half_away(x)
        assert got == want and math.copysign(1, got) == math.copysign(1, want), (x, got)
    assert math.isnan(cxmetrics.round_half_away(math.nan))
    assert cxmetrics.round_half_away(-math.inf) == -math.inf


@pytest.mark.parametrize("x,n,lo,hi", [
    (81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0, 0.1611), (1, 29, 0.0061, 0.1718)])
def test_wilson_newcombe(x, n, lo, hi):
    r = cxmetrics.wilson(x, n)
    assert (round(r.lower, 4), round(r.upper, 4)) == (lo, hi)
    lower, upper = r                     # unpacks as a pair
    assert (lower, upper) == (r.lower, r.upper)


def test_wilson_edges_and_commons_math():
    r = cxmetrics.wilson(50, 500, conf=0.9)
    assert close(r.lower, 0.08003919, rel=1e-7) and close(r.upper, 0.1242664, rel=1e-6)
    assert cxmetrics.wilson(0, 20).lower == 0.0 and cxmetrics.wilson(20, 20).upper == 1.0
    with pytest.raises(cxmetrics.Inconsistent):
        cxmetrics.wilson(5, 4)
    with pytest.raises(cxmetrics.EmptyInput):
        cxmetrics.wilson(0, 0)
    with pytest.raises(cxmetrics.InvalidArgument):
        cxmetrics.wilson(1.5, 4)


def test_adjusted_wald_tullis():
    r = cxmetrics.adjusted_wald(4, 5, z=1.96)
    assert (round(r.lower, 5), round(r.upper, 5)) == (0.35962, 0.97968)
    assert cxmetrics.adjusted_wald(5, 5).upper > 1.0           # not clipped
    with pytest.raises(cxmetrics.Inconsistent):
        cxmetrics.adjusted_wald(6, 5)


def test_kish():
    assert cxmetrics.kish_n_eff([1.0] * 50 + [2.0] * 50) == 90.0
    assert cxmetrics.kish_n_eff(np.ones(7)) == 7.0
    with pytest.raises(cxmetrics.BadWeights):
        cxmetrics.kish_n_eff([1, -1])
    with pytest.raises(cxmetrics.BadWeights):
        cxmetrics.kish_n_eff([0, 0])
    with pytest.raises(cxmetrics.EmptyInput):
        cxmetrics.kish_n_eff([])
