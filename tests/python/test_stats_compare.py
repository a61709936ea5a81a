"""Comparing two samples and many tests (spec §17): two-proportion z, Welch t,
the t interval of a mean, Holm and Benjamini-Hochberg.

References computed here: scipy (chi2_contingency: the pooled two-proportion z
test is the 2x2 chi-square test without continuity correction, z^2 = chi2;
ttest_ind_from_stats, ttest_ind, t.interval, t.ppf), mpmath for the t quantile
at fractional df (scipy's t.ppf is off by up to 1e-9 there), and the
definitions of Holm and BH evaluated by brute force with numpy. statsmodels is
not installed on the build machines; its proportions_ztest is the same pooled z.
"""

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


def t_quantile(conf, df):
    """t_{(1+conf)/2, df} for real df: mpmath at 40 digits when present."""
    guess = sps.t.ppf((1 + conf) / 2, df)
    if mpmath is None:
        return guess
    with mpmath.workdps(40):
        dfm = mpmath.mpf(df)
        f = lambda t: mpmath.betainc(dfm / 2, mpmath.mpf(1) / 2, 0, dfm / (dfm + t * t),
                                     regularized=True) - (1 - mpmath.mpf(conf))
        return float(mpmath.findroot(f, guess))


@pytest.mark.parametrize("xa,na,xb,nb", [(45, 60, 30, 55), (1, 1000, 3, 900), (10, 10, 0, 10),
                                         (17, 23, 170, 230), (0, 40, 3, 41)])
def test_two_proportion_against_scipy(xa, na, xb, nb):
    r = cxmetrics.two_proportion_test(xa, na, xb, nb)
    chi2, p, _, _ = sps.chi2_contingency([[xa, na - xa], [xb, nb - xb]], correction=False)
    pa, pb = xa / na, xb / nb
    assert close(r.stat, math.copysign(math.sqrt(chi2), pa - pb), 1e-12, 1e-12)
    assert close(r.p_value, p, 1e-11, 1e-15)
    se = 100 * math.sqrt(pa * (1 - pa) / na + pb * (1 - pb) / nb)
    zc = sps.norm.ppf(0.975)
    assert close(r.diff, 100 * (pa - pb)) and close(r.se, se)
    assert close(r.lower, 100 * (pa - pb) - zc * se, 1e-12, 1e-12)
    assert close(r.upper, 100 * (pa - pb) + zc * se, 1e-12, 1e-12)
    assert r.df == math.inf


def test_two_proportion_edges_and_errors():
    r = cxmetrics.two_proportion_test(5, 5, 8, 8, conf=0.9)
    assert (r.diff, r.stat, r.p_value, r.lower, r.upper) == (0.0, 0.0, 1.0, 0.0, 0.0)
    with pytest.raises(cxmetrics.EmptyInput, match="sample b"):
        cxmetrics.two_proportion_test(1, 5, 0, 0)
    with pytest.raises(cxmetrics.Inconsistent, match="x_a = 6"):
        cxmetrics.two_proportion_test(6, 5, 0, 3)
    with pytest.raises(cxmetrics.InvalidArgument, match="n_b"):
        cxmetrics.two_proportion_test(1, 5, 0, 3.5)
    with pytest.raises(cxmetrics.InvalidArgument, match="conf"):
        cxmetrics.two_proportion_test(1, 5, 0, 3, conf=1.0)


@pytest.mark.parametrize("a", [(3.9, 1.1, 40, 3.5, 1.4, 55), (7.2, 2.0, 12, 6.1, 0.5, 7),
                               (50, 10, 1000000, 49.99, 12, 2000000), (0, 1, 2, 1, 3, 2),
                               (4, 0, 5, 3, 1.5, 9)])
def test_welch_against_scipy(a):
    ma, sa, na, mb, sb, nb = a
    r = cxmetrics.welch_t_test(*a)
    ref = sps.ttest_ind_from_stats(*a, equal_var=False)
    va, vb = sa ** 2 / na, sb ** 2 / nb
    df = (va + vb) ** 2 / (va ** 2 / (na - 1) + vb ** 2 / (nb - 1))
    assert close(r.stat, ref.statistic, 1e-12, 0)
    assert close(r.p_value, ref.pvalue, 1e-9, 1e-15)   # scipy's stdtr at large df: ~6e-11
    assert close(r.df, df, 1e-13, 0)
    assert close(r.se, math.sqrt(va + vb), 1e-14, 0)
    t = t_quantile(0.95, df)
    assert close(r.lower, ma - mb - t * r.se, 1e-10, 1e-12)
    assert close(r.upper, ma - mb + t * r.se, 1e-10, 1e-12)


def test_welch_raw_data_wikipedia_example():
    # Wikipedia "Welch's t-test", example 1: t = -2.46, df = 24.99, p = 0.021
    a1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4]
    a2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4]
    r = cxmetrics.welch_t_test(np.mean(a1), np.std(a1, ddof=1), len(a1),
                               np.mean(a2), np.std(a2, ddof=1), len(a2))
    ref = sps.ttest_ind(a1, a2, equal_var=False)
    assert close(r.stat, ref.statistic, 1e-12, 0) and close(r.p_value, ref.pvalue, 1e-10, 0)
    assert round(r.stat, 2) == -2.46 and round(r.df, 2) == 24.99 and round(r.p_value, 3) == 0.021


def test_welch_edges_and_errors():
    r = cxmetrics.welch_t_test(4, 0, 5, 4, 0, 9)
    assert (r.stat, r.p_value) == (0.0, 1.0) and math.isnan(r.df)
    r = cxmetrics.welch_t_test(3, 0, 5, 4, 0, 9)
    assert r.stat == -math.inf and r.p_value == 0.0 and (r.lower, r.upper) == (-1.0, -1.0)
    with pytest.raises(cxmetrics.EmptyInput, match="n_a = 0"):
        cxmetrics.welch_t_test(4, 1, 0, 3, 1, 9)
    with pytest.raises(cxmetrics.TooFew, match="n_b = 1"):
        cxmetrics.welch_t_test(4, 1, 5, 3, 1, 1)
    with pytest.raises(cxmetrics.InvalidArgument, match="sd_b"):
        cxmetrics.welch_t_test(4, 1, 5, 3, -1, 9)
    with pytest.raises(cxmetrics.InvalidArgument, match="mean_a"):
        cxmetrics.welch_t_test(math.nan, 1, 5, 3, 1, 9)


@pytest.mark.parametrize("mean,sd,n,conf", [(3.2, 1.1, 10, 0.9), (3.2, 1.1, 2, 0.95),
                                             (4.1, 0.8, 250, 0.99), (-7.5, 30.0, 12345, 0.95)])
def test_mean_t_interval_against_scipy(mean, sd, n, conf):
    lo, hi = cxmetrics.mean_t_interval(mean, sd, n, conf=conf)
    half = t_quantile(conf, n - 1) * sd / math.sqrt(n)
    ref = sps.t.interval(conf, n - 1, loc=mean, scale=sd / math.sqrt(n))
    assert close(lo, mean - half, 1e-12, 1e-12) and close(hi, mean + half, 1e-12, 1e-12)
    assert close(lo, ref[0], 1e-9, 1e-9) and close(hi, ref[1], 1e-9, 1e-9)


def test_mean_t_interval_errors():
    assert cxmetrics.mean_t_interval(3.0, 0.0, 4) == (3.0, 3.0)
    with pytest.raises(cxmetrics.EmptyInput):
        cxmetrics.mean_t_interval(3.0, 1.0, 0)
    with pytest.raises(cxmetrics.TooFew):
        cxmetrics.mean_t_interval(3.0, 1.0, 1)
    with pytest.raises(cxmetrics.InvalidArgument, match="conf"):
        cxmetrics.mean_t_interval(3.0, 1.0, 5, conf=0)


def holm_brute(p):
    """Holm's adjusted p: max over j <= i of min(1, (m - j + 1) p_(j)) (1-based ranks)."""
    p = np.asarray(p, dtype=float)
    m = len(p)
    o = np.argsort(p, kind="stable")
    s = p[o]
    adj = [max(min(1.0, (m - j) * s[j]) for j in range(i + 1)) for i in range(m)]
    out = np.empty(m)
    out[o] = adj
    return out


def bh_brute(p):
    """BH's adjusted p: min over j >= i of min(1, m p_(j) / j) (1-based ranks)."""
    p = np.asarray(p, dtype=float)
    m = len(p)
    o = np.argsort(p, kind="stable")
    s = p[o]
    adj = [min(min(1.0, m * s[j] / (j + 1)) for j in range(i, m)) for i in range(m)]
    out = np.empty(m)
    out[o] = adj
    return out


BH95 = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262,
        0.5719, 0.6528, 0.7590, 1.000]


def test_p_adjust_published_examples():
    # Benjamini & Hochberg (1995), section 4: at q = 0.05 BH rejects the 4
    # smallest of these 15 p-values (the Bonferroni-type procedure 3)
    bh = cxmetrics.p_adjust(BH95, method="bh")
    assert int(np.sum(bh <= 0.05)) == 4
    assert np.allclose(bh, bh_brute(BH95), rtol=1e-14, atol=0)
    holm = cxmetrics.p_adjust(BH95)            # holm is the default
    assert int(np.sum(holm <= 0.05)) == 3
    assert np.allclose(holm, holm_brute(BH95), rtol=1e-14, atol=0)
    # Wikipedia "Holm-Bonferroni method": 0.01, 0.04, 0.03, 0.005 -> H1, H4 rejected at 0.05
    h = cxmetrics.p_adjust([0.01, 0.04, 0.03, 0.005], "holm")
    assert np.allclose(h, [0.03, 0.06, 0.06, 0.02], rtol=1e-14)
    assert list(cxmetrics.p_adjust([0.01, 0.04], "none")) == [0.01, 0.04]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_p_adjust_random_against_definitions(seed):
    rng = np.random.default_rng(seed)
    p = rng.random(200) ** 3
    p[::17] = p[3]                                  # ties
    assert np.allclose(cxmetrics.p_adjust(p, "holm"), holm_brute(p), rtol=1e-14, atol=0)
    assert np.allclose(cxmetrics.p_adjust(p, "bh"), bh_brute(p), rtol=1e-14, atol=0)


def test_p_adjust_nan_not_counted_and_errors():
    p = [math.nan, 0.01, 0.04, None, 0.03, 0.005]
    out = cxmetrics.p_adjust(p, "bh")
    assert math.isnan(out[0]) and math.isnan(out[3])
    assert np.allclose(out[[1, 2, 4, 5]], bh_brute([0.01, 0.04, 0.03, 0.005]), rtol=1e-14)
    assert cxmetrics.p_adjust([], "bh").size == 0
    with pytest.raises(cxmetrics.InvalidArgument, match=r"p\[1\] = 1.5"):
        cxmetrics.p_adjust([0.1, 1.5])
    with pytest.raises(cxmetrics.InvalidArgument, match="none, holm or bh"):
        cxmetrics.p_adjust([0.1], "bonferroni")
