"""Result objects: frozen dataclasses with the fields of the C result structs.

The fields are read from the SWIG proxy classes of cxmetrics.native (every
struct field but `version`, in declaration order), so they follow the
headers without a second list to keep in step. Each class has a readable
repr, `_asdict()` / `to_dict()` and `_fields`.
"""

import dataclasses
from typing import NamedTuple

import numpy as np

from . import native
from ._convert import nan_to_none, word

__all__ = [
    "Interval", "NpsResult", "NpsInterval", "NpsTInterval", "NpsComparison",
    "NpsWeighted", "CsatResult", "CesResult", "TimeSummary", "RepeatPurchase", "Bounce",
    "TaskSuccess", "ClvTotals", "RfmScore", "RfmTable",
]


class Interval(NamedTuple):
    """A two-sided confidence interval (lower, upper) on a proportion, in [0, 1]."""

    lower: float
    upper: float

    def to_dict(self):
        """{"lower": ..., "upper": ...}, as _asdict()."""
        return self._asdict()

    @classmethod
    def _from_native(cls, proxy):
        return cls(proxy.lower, proxy.upper)


class _Result:
    """Mixin of the generated result classes."""

    __slots__ = ()
    _fields = ()
    _convert = {}

    def _asdict(self):
        """The fields as a dict, in C declaration order."""
        return {f: getattr(self, f) for f in self._fields}

    def to_dict(self):
        """Same as _asdict()."""
        return self._asdict()

    @classmethod
    def _from_native(cls, proxy):
        values = {}
        for f in cls._fields:
            v = getattr(proxy, f)
            conv = cls._convert.get(f)
            values[f] = conv(v) if conv else v
        return cls(**values)


def _proxy_fields(proxy_cls):
    return tuple(k for k, v in vars(proxy_cls).items()
                 if isinstance(v, property) and k not in ("version", "thisown", "this"))


def _make(name, proxy_cls, doc, convert=None):
    fields = _proxy_fields(proxy_cls)
    cls = dataclasses.make_dataclass(
        name, [(f, object) for f in fields], bases=(_Result,), frozen=True,
        namespace={"__doc__": doc, "__module__": "cxmetrics",
                   "_fields": fields, "_convert": dict(convert or {})})
    return cls


_sd = {"sd": nan_to_none}

NpsResult = _make("NpsResult", native.nps_result, """NPS with its split (spec §1.1).

n, promoters, passives, detractors: counts; pct_*: percent of n;
nps = 100 (promoters - detractors) / n, in points [-100, 100].""")

NpsInterval = _make("NpsInterval", native.nps_ci, """Wald (§1.3) or adjusted-Wald (§1.4) NPS interval.

nps: raw NPS (points); nps_adj / n_adj: centre and n of the interval
(equal to nps and n for Wald); var_unit: variance of one +1/0/-1 answer;
se, moe = z se, lower, upper: in NPS points.""")

NpsTInterval = _make("NpsTInterval", native.nps_t_ci, """'Trinomial means' t interval (§1.5).

sd_unit: sample SD of the +1/0/-1 scores; df = n - 1; t: the t quantile;
se, moe, lower, upper: NPS points.""")

NpsComparison = _make("NpsComparison", native.nps_comparison, """NPS_a - NPS_b z test (§1.6).

method: its word ('adjusted_wald' or 'wald'); center_*: the centres compared;
diff = center_a - center_b (points); se; z_stat = diff / se; p_value
(two-sided); z: critical value; lower, upper: interval on diff.""",
                      {"method": lambda m: word(native.NAMES_NPS_METHOD, m) or m})

NpsWeighted = _make("NpsWeighted", native.nps_weighted_result, """Weighted NPS (§1.7).

n: rows used; n_pos: rows with weight > 0; sum_w, sum_w2; n_eff = sum_w^2 /
sum_w2 (Kish); deff = n_pos / n_eff; pct_* and nps in percent / points;
var_unit, se, z, moe, lower, upper as for NpsInterval, with n_eff.""")

CsatResult = _make("CsatResult", native.csat_result, """CSAT (§2).

threshold: answers >= threshold are satisfied; n_satisfied; pct_satisfied
(percent); mean (scale units); sd: sample SD, None when n < 2;
wilson_lower, wilson_upper: Wilson interval in percent.""", _sd)

CesResult = _make("CesResult", native.ces_result, """CES on 1-5, 1-7 or any scale (spec §3, §3.4).

points: number of scale points (5 on 1-5, 7 on 1-7, CES 2.0); n; n_agree /
pct_agree: answers >= agree (4-5 on 1-5, 5-7 on 1-7; pct_agree, "% agree",
is the CES); n_disagree / pct_disagree: answers <= lo + hi - agree (1-2 on
1-5, 1-3 on 1-7); mean (scale units); sd (None when n < 2); wilson_lower,
wilson_upper: Wilson interval of pct_agree, in percent; scale_lo, scale_hi,
agree: the scale and the threshold used.""", _sd)

TimeSummary = _make("TimeSummary", native.time_summary, """Durations summary (§4).

n: durations used; total, mean, median (type-7), p90 (type-7), min, max:
in the caller's units.""")

RepeatPurchase = _make("RepeatPurchase", native.repeat_purchase, """Repeat purchase rate (§5.3).

customers: with >= 1 order; repeat_customers: with >= 2 orders;
rate = 100 repeat_customers / customers.""")

Bounce = _make("Bounce", native.bounce, """Bounce rate (§5.6).

sessions; bounces: sessions with one pageview; rate = 100 bounces / sessions.""")

TaskSuccess = _make("TaskSuccess", native.task_success, """Task success rate (§5.8).

n, successes, rate (percent); wilson_* and adjwald_* (not clipped)
intervals in percent.""")

ClvTotals = _make("ClvTotals", native.clv_totals, """Historic CLV from totals (§6.1).

aov = revenue / orders; purchase_frequency = orders / customers;
clv = aov x purchase_frequency x lifespan.""")


def _array_repr(self):
    parts = []
    for f in dataclasses.fields(self):
        v = getattr(self, f.name)
        if isinstance(v, np.ndarray):
            v = np.array2string(v, threshold=12, edgeitems=3, separator=", ")
        else:
            v = repr(v)
        parts.append(f"{f.name}={v}")
    return f"{type(self).__name__}({', '.join(parts)})"


@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class RfmScore(_Result):
    """One RFM dimension scored against break points (spec §7.2).

    scores: 1..K per value (uint32; K + 1 - bin when descending); breaks: the
    K - 1 interior break points used; lower, upper: the K bin bounds,
    [lower_i, upper_i)."""

    scores: np.ndarray
    breaks: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    _fields = ("scores", "breaks", "lower", "upper")
    __repr__ = _array_repr


@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class RfmTable(_Result):
    """R, F and M scores per customer and rfm_score = 100 R + 10 F + M (uint32
    arrays), with the break points of each dimension (spec §7)."""

    recency_score: np.ndarray
    frequency_score: np.ndarray
    monetary_score: np.ndarray
    rfm_score: np.ndarray
    recency_breaks: np.ndarray
    frequency_breaks: np.ndarray
    monetary_breaks: np.ndarray
    _fields = ("recency_score", "frequency_score", "monetary_score", "rfm_score",
               "recency_breaks", "frequency_breaks", "monetary_breaks")
    __repr__ = _array_repr

    def __len__(self):
        return len(self.rfm_score)
