"""The statistics the metrics share (spec §0.4-§0.6, §2.3, §5.8, §1.7), and the
comparisons of two samples and many tests (spec §17)."""

from typing import TYPE_CHECKING, Any, Optional

from numpy.typing import ArrayLike

import numpy as np

from . import _convert as _c
from . import native
from ._convert import CONF_DEFAULT, NAN_DEFAULT
from ._results import Interval, _Generated, _make

__all__ = ["quantile7", "z_crit", "t_crit", "p_two_sided", "round_half_away", "wilson",
           "adjusted_wald", "kish_n_eff", "TestResult", "two_proportion_test", "welch_t_test",
           "mean_t_interval", "p_adjust"]

if TYPE_CHECKING:  # what mypy sees: the fields are the C struct's, read at import
    class TestResult(_Generated):
        ...


TestResult = _make(  # type: ignore  # mypy: the class of the TYPE_CHECKING block
    "TestResult", native.test_result, """A test of a - b (spec §17).

diff = a - b (the sign kept); se: standard error of diff used for the
interval; stat: z (two_proportion_test) or Welch's t; df: Welch-Satterthwaite
degrees of freedom (inf for a z test, NaN when neither sample varies);
p_value: two-sided; lower, upper: the interval of diff at conf. Units: those
of the function (percentage points for proportions, the means' units).""")
TestResult.__test__ = False  # a result class, not a pytest test class


def quantile7(x: ArrayLike, p: float, nan_policy: str = NAN_DEFAULT) -> float:
    """Hyndman & Fan type-7 quantile with R's arithmetic (spec §0.4).

    Sorted x (1-based), h = 1 + (n - 1) p; Q = x[floor h] + (h - floor h)
    (x[ceil h] - x[floor h]). The input is not modified.
    p: in [0, 1]. nan_policy: "error" (default) or "omit".
    Returns float. Raises InvalidArgument (p, policy), NanInput, OutOfRange
    (+-inf), EmptyInput, OutOfMemory.
    """
    return native.quantile7(_c.f64(x), _c.real(p, "p"), _c.nan_policy(nan_policy))


def z_crit(conf: float = CONF_DEFAULT) -> float:
    """Two-sided normal critical value z = Phi^-1((1 + conf) / 2) (spec §0.6).

    conf in (0, 1), default 0.95 (z = 1.959963984540054).
    Returns float. Raises InvalidArgument.
    """
    return native.z_crit(_c.conf(conf))


def t_crit(conf: float, df: float) -> float:
    """Student t quantile t_{(1 + conf)/2, df} (as R qt), for integer df >= 1.

    Returns float. Raises InvalidArgument (conf not in (0, 1), bad df).
    """
    return native.t_crit(_c.conf(conf), _c.real(df, "df"))


def p_two_sided(z: float) -> float:
    """Two-sided normal p-value 2 Phi(-|z|); +-inf gives 0, NaN gives NaN."""
    return native.p_two_sided(_c.real(z, "z"))


def round_half_away(x: float) -> float:
    """Round half away from zero, for display (spec §0.5): 12.5 -> 13.0, -12.5 -> -13.0.

    (Python's round() rounds half to even.) NaN and +-inf come back unchanged.
    Returns float.
    """
    return native.round_half_away(_c.real(x, "x"))


def wilson(x: float, n: float, conf: float = CONF_DEFAULT, z: Optional[float] = None) -> "Interval":
    """Wilson score interval for x successes out of n, on [0, 1] (spec §2.3).

    centre = (p + z^2/2n) / (1 + z^2/n); half = z sqrt(p(1-p)/n + z^2/4n^2) /
    (1 + z^2/n); lower is exactly 0 when x == 0, upper exactly 1 when x == n.
    x, n: integer counts. conf default 0.95; z: explicit critical value or None.
    Returns Interval(lower, upper). Raises InvalidArgument (counts, conf, z),
    EmptyInput (n == 0), Inconsistent (x > n).
    """
    return Interval._from_native(native.wilson(_c.real(x, "x"), _c.real(n, "n"),
                                               _c.conf(conf), _c.z(z)))


def adjusted_wald(x: float, n: float, conf: float = CONF_DEFAULT, z: Optional[float] = None) -> "Interval":
    """Adjusted-Wald (Agresti-Coull) interval for a proportion, not clipped (spec §5.8).

    n_adj = n + z^2; p_adj = (x + z^2/2) / n_adj; p_adj +- z sqrt(p_adj (1 -
    p_adj) / n_adj).
    Returns Interval(lower, upper) in [0, 1] units (may leave [0, 1]).
    Raises InvalidArgument, EmptyInput (n == 0), Inconsistent (x > n).
    """
    return Interval._from_native(native.adjusted_wald(_c.real(x, "x"), _c.real(n, "n"),
                                                      _c.conf(conf), _c.z(z)))


def kish_n_eff(weights: ArrayLike) -> float:
    """Kish effective sample size (sum w)^2 / sum w^2 (spec §1.7).

    Returns float. Raises EmptyInput, BadWeights (NaN, infinite, negative,
    or summing to zero).
    """
    return native.kish_n_eff(_c.f64(weights))


def two_proportion_test(x_a: float, n_a: float, x_b: float, n_b: float,
                        conf: float = CONF_DEFAULT) -> "TestResult":
    """Two-proportion z test of x_a successes of n_a against x_b of n_b (spec §17.1).

    stat = (p_a - p_b) / sqrt(p (1 - p) (1/n_a + 1/n_b)) with the pooled
    p = (x_a + x_b) / (n_a + n_b), p_value its two-sided normal p (as
    statsmodels' proportions_ztest); se, lower, upper: the unpooled Wald
    interval of the difference. diff, se, lower and upper are in percentage
    points (100 x proportion). Counts are integers >= 0.
    Returns TestResult (df = inf). Raises InvalidArgument (counts, conf),
    EmptyInput (n_a or n_b = 0), Inconsistent (x > n).
    """
    return TestResult._from_native(native.two_proportion_test(
        _c.real(x_a, "x_a"), _c.real(n_a, "n_a"), _c.real(x_b, "x_b"), _c.real(n_b, "n_b"),
        _c.conf(conf)))


def welch_t_test(mean_a: float, sd_a: float, n_a: float, mean_b: float, sd_b: float, n_b: float,
                 conf: float = CONF_DEFAULT) -> "TestResult":
    """Welch's t test from summary statistics (spec §17.2).

    As scipy.stats.ttest_ind_from_stats(..., equal_var=False): se =
    sqrt(sd_a^2/n_a + sd_b^2/n_b), stat = (mean_a - mean_b) / se, df by
    Welch-Satterthwaite, p_value two-sided; interval diff -+ t_{(1+conf)/2, df} se.
    sd: sample SDs (n - 1 denominator). Both SDs 0: p_value 1 when the means
    are equal, else 0.
    Returns TestResult. Raises InvalidArgument (a mean or SD not finite, SD <
    0, counts, conf), EmptyInput (n = 0), TooFew (n = 1).
    """
    return TestResult._from_native(native.welch_t_test(
        _c.real(mean_a, "mean_a"), _c.real(sd_a, "sd_a"), _c.real(n_a, "n_a"),
        _c.real(mean_b, "mean_b"), _c.real(sd_b, "sd_b"), _c.real(n_b, "n_b"), _c.conf(conf)))


def mean_t_interval(mean: float, sd: float, n: float, conf: float = CONF_DEFAULT) -> "Interval":
    """Student t interval of a mean: mean -+ t_{(1+conf)/2, n-1} sd / sqrt(n) (spec §17.3).

    Returns Interval(lower, upper) in the mean's units. Raises InvalidArgument
    (mean or sd not finite, sd < 0, n not an integer, conf), EmptyInput
    (n = 0), TooFew (n = 1).
    """
    return Interval._from_native(native.mean_t_interval(
        _c.real(mean, "mean"), _c.real(sd, "sd"), _c.real(n, "n"), _c.conf(conf)))


def p_adjust(p: ArrayLike, method: str = "holm") -> np.ndarray:
    """Adjusted p-values, as R's p.adjust(p, method) (spec §17.4, §17.5).

    method: "holm" (default), "bh" (Benjamini-Hochberg) or "none" (a word of
    the C names table, or native.P_ADJUST_*). NaN (or None) entries are not
    tests: they stay NaN and do not count in the number of tests.
    Returns a float64 numpy array of len(p). Raises InvalidArgument (a p-value
    outside [0, 1], method), OutOfMemory.
    """
    values = _c.f64(p)
    return native.p_adjust(len(values), values, _c.option(method, native.NAMES_P_ADJUST))
