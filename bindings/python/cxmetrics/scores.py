"""NPS, CSAT and CES (spec §1-§3): one-shot functions and ScoreAccumulator.

Units: NPS in points [-100, 100]; CSAT %, CES % in [0, 100]; standard errors
and bounds on the metric's own scale, never clipped. Score arrays may be any
sequence or numpy array (float64 is used without a copy); a uint8 ndarray
takes the C fast path (no NaN possible there). Every error raised by the C
library is a cxmetrics.Error subclass carrying the library's message.
"""

from typing import Any, Optional, Sequence, Tuple, Union

from numpy.typing import ArrayLike

from collections.abc import Mapping

import numpy as np

from . import _convert as _c
from . import native
from ._convert import CONF_DEFAULT, NAN_DEFAULT, NPS_METHOD_DEFAULT, NPS_SCALE_DEFAULT
from ._results import (CesResult, CsatResult, NpsComparison, NpsInterval, NpsResult,
                       NpsTInterval, NpsWeighted)

__all__ = ["nps", "nps_counts", "nps_wald", "nps_adjusted_wald", "nps_trinomial_t",
           "nps_compare", "nps_weighted", "csat", "ces", "ces_default_agree", "ScoreAccumulator"]


def _nps_scale(scale):
    return _c.option(scale, native.NAMES_NPS_SCALE)


def nps(scores: ArrayLike, scale: Any = NPS_SCALE_DEFAULT, nan_policy: str = NAN_DEFAULT) -> "NpsResult":
    """Net Promoter Score from raw likelihood-to-recommend answers (spec §1.1).

    Promoters answer 9-10, passives 7-8, detractors 0-6 (1-6 on "1-10");
    nps = 100 (promoters - detractors) / n, in points [-100, 100].

    scores: answers (sequence or ndarray; uint8 arrays use the fast path).
    scale: "0-10" (default) or "1-10" (0 is then out of range), or the C
    constant (native.NPS_0_10, ...).
    nan_policy: "error" (default: NaN raises NanInput) or "omit" (NaN dropped).
    Returns NpsResult(n, promoters, passives, detractors, pct_promoters,
    pct_passives, pct_detractors, nps).
    Raises EmptyInput (no answers), OutOfRange (off the scale or +-inf),
    NonInteger (fractional answer), NanInput, InvalidArgument (scale, policy).
    """
    sc = _nps_scale(scale)
    pol = _c.nan_policy(nan_policy)
    if _c.is_u8(scores):
        return NpsResult._from_native(native.nps_u8(scores, sc))
    return NpsResult._from_native(native.nps(_c.f64(scores), sc, pol))


def nps_counts(promoters: float, passives: float, detractors: float) -> NpsResult:
    """NPS from category counts (spec §1.1): 100 (promoters - detractors) / n.

    Counts are integers >= 0 (ints or integral floats).
    Returns NpsResult. Raises InvalidArgument (negative, fractional, NaN or
    infinite count), EmptyInput (all zero).
    """
    return NpsResult._from_native(native.nps_counts(
        _c.real(promoters, "promoters"), _c.real(passives, "passives"),
        _c.real(detractors, "detractors")))


_COUNTS = ("promoters", "passives", "detractors")

#: What a function taking NPS counts accepts: the three counts, or one object
#: holding them (an NpsResult, a dict, a (promoters, passives, detractors) tuple).
Counts = Union["NpsResult", Mapping, Sequence[float]]


def counts_of(x: Any, what: str) -> Tuple[float, float, float]:
    """(promoters, passives, detractors) of a result object with those fields
    (NpsResult, a ScoreAccumulator's nps()), a dict with those keys, or a
    sequence of three counts. Raises ArgumentTypeError naming `what` and
    what it got."""
    if all(hasattr(x, k) for k in _COUNTS) and not isinstance(x, Mapping):
        return tuple(_c.real(getattr(x, k), f"{what}.{k}") for k in _COUNTS)  # type: ignore[return-value]
    if isinstance(x, Mapping):
        missing = [k for k in _COUNTS if k not in x]
        if missing:
            raise _c.type_error(f"{what}: a dict of counts needs the keys promoters, passives, "
                                f"detractors; missing {missing}")
        return tuple(_c.real(x[k], f"{what}['{k}']") for k in _COUNTS)  # type: ignore[return-value]
    if isinstance(x, (str, bytes)) or not hasattr(x, "__len__"):
        raise _c.type_error(f"{what} must be (promoters, passives, detractors), an NpsResult "
                            f"or a dict of those counts, not {_c._describe(x)}")
    return tuple(_triple(x, what))  # type: ignore[return-value]


def _counts(promoters: Any, passives: Any, detractors: Any) -> Tuple[float, float, float]:
    """The counts of nps_wald and friends: three numbers, or one object
    holding them as the first argument (passives and detractors left out)."""
    if detractors is None and passives is not None and \
            (hasattr(promoters, "promoters") or isinstance(promoters, (Mapping, tuple, list))):
        raise _c.type_error("with an NpsResult (or a dict / tuple of counts) as the first argument, "
                            "give conf and z as keywords (conf=0.9)")
    if passives is None and detractors is None:
        if isinstance(promoters, (int, float, np.integer, np.floating)) and \
                not isinstance(promoters, bool):
            raise _c.type_error("give passives and detractors with promoters, or one NpsResult / "
                                "dict / (promoters, passives, detractors) as the first argument")
        return counts_of(promoters, "counts")
    if passives is None or detractors is None:
        missing = "passives" if passives is None else "detractors"
        raise _c.type_error(f"{missing} is missing (None): give the three counts or one NpsResult")
    if not isinstance(promoters, (int, float, np.integer, np.floating)) or isinstance(promoters, bool):
        if hasattr(promoters, "promoters") or isinstance(promoters, Mapping):
            raise _c.type_error("with an NpsResult (or a dict of counts) as the first argument, "
                                "give conf and z as keywords (conf=0.9)")
    return (_c.real(promoters, "promoters"), _c.real(passives, "passives"),
            _c.real(detractors, "detractors"))


def nps_wald(promoters: Union[float, Counts], passives: Optional[float] = None,
             detractors: Optional[float] = None, conf: float = CONF_DEFAULT,
             z: Optional[float] = None) -> NpsInterval:
    """Wald interval on NPS from counts (spec §1.3).

    The counts: promoters, passives, detractors; or, alone, an NpsResult
    (nps_wald(cxmetrics.nps(scores))), a dict or a tuple of them.

    p = P/n, d = D/n; var_unit = p + d - (p - d)^2; se = 100 sqrt(var_unit / n);
    interval nps +- z se (points), z = Phi^-1((1 + conf)/2) unless z is given.
    conf: confidence level in (0, 1), default 0.95. z: explicit critical value
    (> 0) or None.
    Returns NpsInterval (nps_adj == nps, n_adj == n).
    Raises InvalidArgument (counts, conf, z), EmptyInput (n == 0).
    """
    return NpsInterval._from_native(native.nps_wald(
        *_counts(promoters, passives, detractors), _c.conf(conf), _c.z(z)))


def nps_adjusted_wald(promoters: Union[float, Counts], passives: Optional[float] = None,
                      detractors: Optional[float] = None, conf: float = CONF_DEFAULT,
                      z: Optional[float] = None) -> NpsInterval:
    """Adjusted-Wald interval on NPS (MeasuringU, spec §1.4).

    The counts as for nps_wald (three numbers, or one NpsResult).

    n_adj = n + 3; p_adj = (P + 3/4) / n_adj; d_adj = (D + 3/4) / n_adj;
    nps_adj = 100 (p_adj - d_adj); se = 100 sqrt((p_adj + d_adj -
    (p_adj - d_adj)^2) / n_adj); interval nps_adj +- z se (points). The raw
    NPS is reported as `nps`.
    Returns NpsInterval. Raises InvalidArgument, EmptyInput.
    """
    return NpsInterval._from_native(native.nps_adjusted_wald(
        *_counts(promoters, passives, detractors), _c.conf(conf), _c.z(z)))


def nps_trinomial_t(promoters: Union[float, Counts], passives: Optional[float] = None,
                    detractors: Optional[float] = None, conf: float = CONF_DEFAULT) -> NpsTInterval:
    """'Trinomial means' t interval on NPS (spec §1.5).

    The counts as for nps_wald (three numbers, or one NpsResult).

    The +1/0/-1 scores' sample SD (n - 1), se = 100 sd / sqrt(n), and the t
    quantile with n - 1 degrees of freedom; interval nps +- t se (points).
    Returns NpsTInterval. Raises InvalidArgument, EmptyInput, TooFew (n < 2).
    """
    return NpsTInterval._from_native(native.nps_trinomial_t(
        *_counts(promoters, passives, detractors), _c.conf(conf)))


def _triple(x: Any, what: str) -> list:
    try:
        items = tuple(x)
    except TypeError:
        raise _c.bad_arg(f"{what} must be (promoters, passives, detractors)") from None
    if len(items) != 3:
        raise _c.bad_arg(f"{what} must be (promoters, passives, detractors), "
                         f"got {len(items)} values")
    return [_c.real(v, what) for v in items]


def nps_compare(a: Counts, b: Counts, method: str = NPS_METHOD_DEFAULT,
                conf: float = CONF_DEFAULT, z: Optional[float] = None) -> NpsComparison:
    """Two-sample z test of NPS_a - NPS_b from counts (spec §1.6).

    a, b: (promoters, passives, detractors) of each sample, or an NpsResult
    (or a dict of those counts) each.
    method: "adjusted_wald" (default, MeasuringU: adjusted centres) or "wald".
    diff = center_a - center_b; se = sqrt(se_a^2 + se_b^2); z_stat = diff / se;
    p_value = 2 Phi(-|z_stat|); interval diff +- z se (points).
    Returns NpsComparison. Raises InvalidArgument (method, counts, conf, z),
    EmptyInput (either sample empty).
    """
    pa, qa, da = counts_of(a, "a")
    pb, qb, db = counts_of(b, "b")
    m = _c.option(method, native.NAMES_NPS_METHOD)
    return NpsComparison._from_native(native.nps_compare(
        pa, qa, da, pb, qb, db, m, _c.conf(conf), _c.z(z)))


def nps_weighted(scores: ArrayLike, weights: ArrayLike, scale: Any = NPS_SCALE_DEFAULT,
                 nan_policy: str = NAN_DEFAULT, conf: float = CONF_DEFAULT,
                 z: Optional[float] = None) -> "NpsWeighted":
    """Weighted NPS with Kish effective sample size (spec §1.7).

    p_w = sum(w | promoter) / sum(w), d_w likewise; nps = 100 (p_w - d_w);
    n_eff = (sum w)^2 / sum w^2; deff = n_pos / n_eff; se = 100 sqrt((p_w +
    d_w - (p_w - d_w)^2) / n_eff); interval nps +- z se (points).
    A NaN score under nan_policy="omit" drops its row, weight included.
    Returns NpsWeighted. Raises InvalidArgument (lengths differ, scale, policy,
    conf, z), NanInput, OutOfRange, NonInteger, EmptyInput, BadWeights (NaN,
    infinite or negative weight, or weights summing to zero).
    """
    return NpsWeighted._from_native(native.nps_weighted(
        _c.f64(scores), _c.f64(weights), _nps_scale(scale), _c.nan_policy(nan_policy),
        _c.conf(conf), _c.z(z)))


def _scale(scale):
    try:
        lo, hi = scale
    except (TypeError, ValueError):
        raise _c.bad_arg(f"scale must be (lo, hi), got {scale!r}") from None
    return _c.integer(lo, "scale[0]"), _c.integer(hi, "scale[1]")


def _threshold(threshold):
    if threshold is None:
        return native.CSAT_DEFAULT_THRESHOLD
    try:
        return _c.integer(threshold, "threshold")
    except TypeError:
        raise _c.type_error(f"threshold must be an integer on the scale, got {threshold!r}") \
            from None


def csat(scores: ArrayLike, scale: Any = (native.CSAT_SCALE_LO_DEFAULT, native.CSAT_SCALE_HI_DEFAULT),
         threshold: Any = None, nan_policy: str = NAN_DEFAULT, conf: float = CONF_DEFAULT,
         z: Optional[float] = None) -> "CsatResult":
    """Customer satisfaction: % of answers >= threshold, with a Wilson interval (spec §2).

    scale: (lo, hi), integer answers, default (1, 5).
    threshold: satisfied means answer >= threshold; None = top-2-box on scales
    of 5 or more points (4 and 5 on 1-5), top-box otherwise.
    pct_satisfied = 100 n_satisfied / n; mean in scale units; sd: sample SD
    (None when n < 2); wilson_lower/upper in percent at `conf` (or `z`).
    A uint8 ndarray uses the fast path.
    Returns CsatResult. Raises InvalidArgument (scale, threshold off the
    scale, policy, conf, z), NanInput, OutOfRange, NonInteger, EmptyInput.
    """
    lo, hi = _scale(scale)
    thr = _threshold(threshold)
    pol = _c.nan_policy(nan_policy)
    if _c.is_u8(scores):
        return CsatResult._from_native(native.csat_u8(scores, lo, hi, thr, _c.conf(conf),
                                                      _c.z(z)))
    return CsatResult._from_native(native.csat(_c.f64(scores), lo, hi, thr, pol,
                                               _c.conf(conf), _c.z(z)))


def _agree(agree):
    if agree is None:
        return native.CES_DEFAULT_AGREE
    return _c.integer(agree, "agree")


def ces_default_agree(scale: Tuple[int, int]) -> int:
    """The default "agree" threshold of a CES scale (spec §3.4): (1, 5) -> 4,
    (1, 7) -> 5, (1, 10) -> 8. Raises InvalidArgument for any other scale
    (its caller must name the threshold)."""
    lo, hi = _scale(scale)
    return native.ces_default_agree(lo, hi)


def ces(scores: ArrayLike, points: int = native.CES_POINTS_DEFAULT, nan_policy: str = NAN_DEFAULT,
        conf: float = CONF_DEFAULT, z: Optional[float] = None, *, scale: Any = None,
        agree: Any = None) -> "CesResult":
    """Customer Effort Score on 1-5, on Gartner's CES 2.0 1-7, or on any scale (spec §3, §3.4).

    points: 5 (answers 1-5, 5 = easiest / strongly agree; the default) or 7
    (answers 1-7, 7 = strongly agree it was easy).
    scale: (lo, hi), any integer scale of at most 1001 points, instead of
    points; agree: the lowest answer that agrees (above the middle of the
    scale). agree=None takes the scale's default (4 on 1-5, 5 on 1-7, 8 on
    1-10); any other scale must name it.
    pct_agree = 100 n_agree / n, the CES (agree: answers >= agree), with a
    Wilson interval in percent at `conf` (or `z`); pct_disagree (answers <=
    lo + hi - agree: 1-2 on 1-5, 1-3 on 1-7); mean in scale units; sd (None
    when n < 2); scale_lo, scale_hi, agree: the scale and threshold used.
    A uint8 ndarray uses the fast path on 1-5 and 1-7. Old CES 1.0 data (1 =
    least effort) must be turned round (6 - x) first.
    Returns CesResult. Raises InvalidArgument (points, scale, agree, a scale
    without a default agree, policy, conf, z), NanInput, OutOfRange,
    NonInteger, EmptyInput.
    """
    pol = _c.nan_policy(nan_policy)
    if scale is not None or agree is not None:
        lo, hi = _scale(scale) if scale is not None else (1, _c.integer(points, "points"))
        return CesResult._from_native(native.ces_scaled(_c.f64(scores), lo, hi, _agree(agree), pol,
                                                        _c.conf(conf), _c.z(z)))
    p = _c.integer(points, "points")
    if _c.is_u8(scores):
        return CesResult._from_native(native.ces_u8(scores, p, _c.conf(conf), _c.z(z)))
    return CesResult._from_native(native.ces(_c.f64(scores), p, pol, _c.conf(conf), _c.z(z)))


class ScoreAccumulator:
    """Mergeable counts of answers on one integer scale, scale=(lo, hi).

    Results are bit-identical to the one-shot functions on the same rows, in
    any order and any split. Use (0, 10) (or (1, 10)) for NPS, (1, 5) or
    (1, 7) for CES, the CSAT scale for CSAT. Not locked: one accumulator per
    thread, then merge().

    Raises InvalidArgument (bad scale, more than 1001 points), OutOfMemory.
    """

    def __init__(self, scale: Any) -> None:
        lo, hi = _scale(scale)
        self._h = native.score_acc_new(lo, hi)
        self._lo, self._hi = lo, hi

    @property
    def scale(self) -> Tuple[int, int]:
        """(lo, hi)."""
        return (self._lo, self._hi)

    def add(self, scores: ArrayLike, nan_policy: str = NAN_DEFAULT) -> "ScoreAccumulator":
        """Add answers with weight 1 (uint8 arrays use the fast path).

        On error nothing is added. Raises NanInput, OutOfRange, NonInteger,
        InvalidArgument. Returns self."""
        pol = _c.nan_policy(nan_policy)
        if _c.is_u8(scores):
            native.score_acc_add_u8(self._h, scores)
        else:
            native.score_acc_add(self._h, _c.f64(scores), pol)
        return self

    def add_weighted(self, scores: ArrayLike, weights: ArrayLike, nan_policy: str = NAN_DEFAULT) -> Any:
        """Add weighted answers; a NaN score under "omit" drops its row and weight.

        On error nothing is added. Raises InvalidArgument (lengths), NanInput,
        OutOfRange, NonInteger, BadWeights. Returns self."""
        native.score_acc_add_weighted(self._h, _c.f64(scores), _c.f64(weights),
                                      _c.nan_policy(nan_policy))
        return self

    def merge(self, other: Any) -> Any:
        """self += other (same scale). Raises InvalidArgument. Returns self."""
        if not isinstance(other, ScoreAccumulator):
            raise TypeError("merge() needs a ScoreAccumulator")
        native.score_acc_merge(self._h, other._h)
        return self

    def reset(self) -> Any:
        """Forget every row (keeps the scale). Returns self."""
        native.score_acc_reset(self._h)
        return self

    @property
    def n(self) -> int:
        """Rows added so far."""
        return native.score_acc_n(self._h)

    def __len__(self):
        return native.score_acc_n(self._h)

    def count(self, score: int) -> int:
        """Rows with this answer (0 for a point off the scale)."""
        return native.score_acc_count(self._h, _c.integer(score, "score"))

    def counts(self) -> Any:
        """{answer: rows} for every point of the scale."""
        return {s: native.score_acc_count(self._h, s) for s in range(self._lo, self._hi + 1)}

    def nps(self) -> "NpsResult":
        """NPS of the rows (scale 0..10 or 1..10). Returns NpsResult.
        Raises InvalidArgument (scale), EmptyInput."""
        return NpsResult._from_native(native.score_acc_nps(self._h))

    def nps_weighted(self, conf: float = CONF_DEFAULT, z: Optional[float] = None) -> "NpsWeighted":
        """Weighted NPS of the rows (unweighted rows weigh 1). Returns NpsWeighted.
        Raises InvalidArgument, EmptyInput, BadWeights."""
        return NpsWeighted._from_native(native.score_acc_nps_weighted(self._h, _c.conf(conf),
                                                                      _c.z(z)))

    def csat(self, threshold: Any = None, conf: float = CONF_DEFAULT,
             z: Optional[float] = None) -> "CsatResult":
        """CSAT of the rows (threshold None: top-2-box / top-box as csat()).
        Returns CsatResult. Raises InvalidArgument, EmptyInput."""
        return CsatResult._from_native(native.score_acc_csat(self._h, _threshold(threshold),
                                                             _c.conf(conf), _c.z(z)))

    def ces(self, conf: float = CONF_DEFAULT, z: Optional[float] = None, agree: Any = None) -> "CesResult":
        """CES of the rows on the accumulator's scale, as ces(scale=..., agree=...):
        agree None is the scale's default (1-5, 1-7, 1-10; any other scale
        must name it). Returns CesResult. Raises InvalidArgument (agree, no
        default for the scale), EmptyInput."""
        return CesResult._from_native(native.score_acc_ces_scaled(self._h, _agree(agree),
                                                                  _c.conf(conf), _c.z(z)))

    def __repr__(self):
        return f"ScoreAccumulator(scale=({self._lo}, {self._hi}), n={self.n})"
