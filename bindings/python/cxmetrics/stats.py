"""The statistics the metrics share (spec §0.4-§0.6, §2.3, §5.8, §1.7)."""

from . import _convert as _c
from . import native
from ._convert import CONF_DEFAULT, NAN_DEFAULT
from ._results import Interval

__all__ = ["quantile7", "z_crit", "t_crit", "p_two_sided", "round_half_away", "wilson",
           "adjusted_wald", "kish_n_eff"]


def quantile7(x, p, nan_policy=NAN_DEFAULT):
    """Hyndman & Fan type-7 quantile with R's arithmetic (spec §0.4).

    Sorted x (1-based), h = 1 + (n - 1) p; Q = x[floor h] + (h - floor h)
    (x[ceil h] - x[floor h]). The input is not modified.
    p: in [0, 1]. nan_policy: "error" (default) or "omit".
    Returns float. Raises InvalidArgument (p, policy), NanInput, OutOfRange
    (+-inf), EmptyInput, OutOfMemory.
    """
    return native.quantile7(_c.f64(x), _c.real(p, "p"), _c.nan_policy(nan_policy))


def z_crit(conf=CONF_DEFAULT):
    """Two-sided normal critical value z = Phi^-1((1 + conf) / 2) (spec §0.6).

    conf in (0, 1), default 0.95 (z = 1.959963984540054).
    Returns float. Raises InvalidArgument.
    """
    return native.z_crit(_c.conf(conf))


def t_crit(conf, df):
    """Student t quantile t_{(1 + conf)/2, df} (as R qt), for integer df >= 1.

    Returns float. Raises InvalidArgument (conf not in (0, 1), bad df).
    """
    return native.t_crit(_c.conf(conf), _c.real(df, "df"))


def p_two_sided(z):
    """Two-sided normal p-value 2 Phi(-|z|); +-inf gives 0, NaN gives NaN."""
    return native.p_two_sided(_c.real(z, "z"))


def round_half_away(x):
    """Round half away from zero, for display (spec §0.5): 12.5 -> 13.0, -12.5 -> -13.0.

    (Python's round() rounds half to even.) NaN and +-inf come back unchanged.
    Returns float.
    """
    return native.round_half_away(_c.real(x, "x"))


def wilson(x, n, conf=CONF_DEFAULT, z=None):
    """Wilson score interval for x successes out of n, on [0, 1] (spec §2.3).

    centre = (p + z^2/2n) / (1 + z^2/n); half = z sqrt(p(1-p)/n + z^2/4n^2) /
    (1 + z^2/n); lower is exactly 0 when x == 0, upper exactly 1 when x == n.
    x, n: integer counts. conf default 0.95; z: explicit critical value or None.
    Returns Interval(lower, upper). Raises InvalidArgument (counts, conf, z),
    EmptyInput (n == 0), Inconsistent (x > n).
    """
    return Interval._from_native(native.wilson(_c.real(x, "x"), _c.real(n, "n"),
                                               _c.conf(conf), _c.z(z)))


def adjusted_wald(x, n, conf=CONF_DEFAULT, z=None):
    """Adjusted-Wald (Agresti-Coull) interval for a proportion, not clipped (spec §5.8).

    n_adj = n + z^2; p_adj = (x + z^2/2) / n_adj; p_adj +- z sqrt(p_adj (1 -
    p_adj) / n_adj).
    Returns Interval(lower, upper) in [0, 1] units (may leave [0, 1]).
    Raises InvalidArgument, EmptyInput (n == 0), Inconsistent (x > n).
    """
    return Interval._from_native(native.adjusted_wald(_c.real(x, "x"), _c.real(n, "n"),
                                                      _c.conf(conf), _c.z(z)))


def kish_n_eff(weights):
    """Kish effective sample size (sum w)^2 / sum w^2 (spec §1.7).

    Returns float. Raises EmptyInput, BadWeights (NaN, infinite, negative,
    or summing to zero).
    """
    return native.kish_n_eff(_c.f64(weights))
