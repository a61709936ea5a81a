"""Result objects: frozen dataclasses with the fields of the C result structs.

The fields are read from the SWIG proxy classes of cxmetrics.native (every
struct field but `version`, in declaration order), so they follow the
headers without a second list to keep in step. Each class has a readable
repr, `_asdict()` / `to_dict()` and `_fields`, and converts to JSON and back
(issue 14, item 6): `to_dict()` gives plain Python values (numpy scalars as
int/float, arrays as lists, NaN as None), `to_json()` that dict as JSON text
(NaN as null), and the class methods `from_dict()` / `from_json()` rebuild an
equal object. Two results are equal when every field is, NaN equal to NaN:
a NaN field means "not defined" (the p value of a zero-variance test), the
same in both, and a round trip must compare equal.
"""

import dataclasses
import json
import math
from typing import TYPE_CHECKING, Any, ClassVar, Dict, Mapping, NamedTuple, Optional, Tuple, Type, TypeVar

import numpy as np

from . import native
from ._convert import bad_arg, nan_to_none, word

__all__ = [
    "to_plain", "Interval", "NpsResult", "NpsInterval", "NpsTInterval", "NpsComparison",
    "NpsWeighted", "CsatResult", "CesResult", "TimeSummary", "RepeatPurchase", "Bounce",
    "TaskSuccess", "ClvTotals", "RfmScore", "RfmTable",
]


def to_plain(value: Any) -> Any:
    """`value` as plain JSON-ready Python, recursively: numpy scalars as
    int / float / bool / str, arrays and tuples as lists, dict keys as str,
    NaN and infinities as None (JSON has no NaN; the library's NaN means "not
    defined"), objects with a to_dict() through it. Raises TypeError for a
    value JSON cannot hold (a name of the offending type in the message)."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, np.ndarray):
        return [to_plain(v) for v in value.tolist()]
    if isinstance(value, Mapping):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if hasattr(value, "to_dict"):
        return to_plain(value.to_dict())
    raise TypeError(f"cannot convert a {type(value).__name__} to JSON")


def _dumps(d: Any) -> str:
    # allow_nan=False: a NaN that escaped to_plain is a bug, not "NaN" text
    return json.dumps(to_plain(d), allow_nan=False)


def _loads(text: Any, cls_name: str) -> Any:
    if isinstance(text, (bytes, bytearray)):
        text = text.decode("utf-8")
    if not isinstance(text, str):
        raise native.InvalidArgument(
            f"BAD_ARG: {cls_name}.from_json: text must be a str, not {type(text).__name__}")
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise native.ParseError(f"PARSE: {cls_name}.from_json: {e.msg} at line {e.lineno}, "
                                f"column {e.colno}") from None


def _same(a: Any, b: Any) -> bool:
    """Field equality with NaN equal to NaN (arrays: same dtype and values)."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        if not (isinstance(a, np.ndarray) and isinstance(b, np.ndarray)) or a.dtype != b.dtype:
            return False
        return bool(np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
    if isinstance(a, float) and isinstance(b, float) and a != a and b != b:
        return True
    return bool(a == b)


_R = TypeVar("_R", bound="_Result")
_J = TypeVar("_J", bound="JsonBacked")


class JsonBacked:
    """Mixin of the objects the C library writes and reads as JSON itself
    (cluster models, rule tables, persona sets): to_dict() is its to_json()
    read by json.loads, from_dict() gives the dict back to its from_json(),
    and two are equal when their dicts are. The subclass has to_json() and
    the class method from_json()."""

    def to_dict(self) -> Dict[str, Any]:
        """The object as the dict of its JSON (NaN as None); from_dict() reads it back."""
        return json.loads(self.to_json())  # type: ignore[attr-defined]

    @classmethod
    def from_dict(cls: Type[_J], d: Mapping[str, Any]) -> _J:
        """The object of a to_dict() (the C library reads it as JSON). Raises
        InvalidArgument (not a dict) and the errors of from_json."""
        if not isinstance(d, Mapping):
            raise bad_arg(f"{cls.__name__}.from_dict needs a dict, not {type(d).__name__}")
        return cls.from_json(_dumps(d))  # type: ignore[attr-defined]

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.to_dict() == other.to_dict()  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]  # mutable C objects: not hashable


class Interval(NamedTuple):
    """A two-sided confidence interval (lower, upper) on a proportion, in [0, 1]."""

    lower: float
    upper: float

    def to_dict(self) -> Dict[str, Any]:
        """{"lower": ..., "upper": ...} (NaN as None)."""
        return to_plain(self._asdict())

    def to_json(self) -> str:
        """to_dict() as JSON text (NaN as null)."""
        return _dumps(self.to_dict())

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Interval":
        """The interval of to_dict() (None read back as NaN). Raises InvalidArgument."""
        if not isinstance(d, Mapping) or set(d) != {"lower", "upper"}:
            raise bad_arg(f"Interval.from_dict needs a dict with keys lower and upper, got {d!r}")
        return cls(*(math.nan if d[k] is None else float(d[k]) for k in ("lower", "upper")))

    @classmethod
    def from_json(cls, text: str) -> "Interval":
        """The interval of to_json() text. Raises ParseError, InvalidArgument."""
        return cls.from_dict(_loads(text, cls.__name__))

    @classmethod
    def _from_native(cls, proxy: Any) -> "Interval":
        return cls(proxy.lower, proxy.upper)


class _Result:
    """Mixin of the generated result classes."""

    __slots__ = ()
    _fields: ClassVar[Tuple[str, ...]] = ()
    _convert: ClassVar[Dict[str, Any]] = {}
    # field -> type of the C field (int, float, str) or a numpy dtype for array fields:
    # what from_dict turns a JSON value back into (None -> NaN for floats)
    _types: ClassVar[Dict[str, Any]] = {}

    def _asdict(self) -> Dict[str, Any]:
        """The fields as a dict, in C declaration order (values as they are)."""
        return {f: getattr(self, f) for f in self._fields}

    def to_dict(self) -> Dict[str, Any]:
        """The fields as a dict of plain Python values, in C declaration order:
        numpy scalars as int / float, arrays as lists, NaN as None. from_dict()
        rebuilds an equal object."""
        return to_plain(self._asdict())

    def to_json(self) -> str:
        """to_dict() as JSON text (NaN as null)."""
        return _dumps(self.to_dict())

    @classmethod
    def from_dict(cls: Type[_R], d: Mapping[str, Any]) -> _R:
        """The result of a to_dict() (or of its JSON read back): every field
        must be present, no other key. None in a float field is read back as
        NaN (except where the result itself says None, as CsatResult.sd), a
        list in an array field as an array of the field's dtype.
        Raises InvalidArgument (not a dict, a missing or unknown key, a value
        of the wrong type) naming the class, the key and the value."""
        name = cls.__name__
        if not isinstance(d, Mapping):
            raise bad_arg(f"{name}.from_dict needs a dict, not {type(d).__name__}")
        missing = [f for f in cls._fields if f not in d]
        unknown = sorted(str(k) for k in d if k not in cls._fields)
        if missing or unknown:
            raise bad_arg(f"{name}.from_dict: missing keys {missing}, unknown keys {unknown}")
        values = {}
        for f in cls._fields:
            v, t = d[f], cls._types.get(f)
            try:
                values[f] = _field_value(v, t, cls._convert.get(f) is nan_to_none)
            except (TypeError, ValueError, OverflowError):
                raise bad_arg(f"{name}.from_dict: key '{f}' holds {v!r}, "
                              f"not a {getattr(t, '__name__', t)}") from None
        return cls(**values)

    @classmethod
    def from_json(cls: Type[_R], text: str) -> _R:
        """The result of to_json() text. Raises ParseError (not JSON: line and
        column), InvalidArgument (as from_dict)."""
        return cls.from_dict(_loads(text, cls.__name__))

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(_same(getattr(self, f), getattr(other, f)) for f in self._fields)

    def __hash__(self) -> int:
        def key(v: Any) -> Any:
            if isinstance(v, float) and v != v:
                return "nan"  # equal NaNs must hash alike
            if isinstance(v, np.ndarray):
                return (v.dtype.str, v.tobytes())
            return v
        return hash(tuple(key(getattr(self, f)) for f in self._fields))

    @classmethod
    def _from_native(cls: Type[_R], proxy: Any) -> _R:
        values = {}
        for f in cls._fields:
            v = getattr(proxy, f)
            conv = cls._convert.get(f)
            values[f] = conv(v) if conv else v
        return cls(**values)


def _field_value(v: Any, t: Any, none_allowed: bool) -> Any:
    """A JSON value read back as the type of its field (see _Result.from_dict)."""
    if isinstance(t, np.dtype):
        if not isinstance(v, (list, tuple, np.ndarray)):
            raise TypeError("not a list")
        if t.kind in "iu" and any(x is None or isinstance(x, (float, str)) for x in v):
            raise TypeError("not whole numbers")
        return np.asarray([math.nan if x is None else x for x in v], dtype=t)
    if t is float:
        if v is None:
            return None if none_allowed else math.nan
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise TypeError("not a number")
        return float(v)
    if t is int:
        if isinstance(v, bool) or not isinstance(v, int):
            raise TypeError("not an integer")
        return v
    if t is str:
        if not isinstance(v, str):
            raise TypeError("not a str")
        return v
    return v


def _proxy_fields(proxy_cls):
    return tuple(k for k, v in vars(proxy_cls).items()
                 if isinstance(v, property) and k not in ("version", "thisown", "this"))


class _Generated(_Result):
    """What mypy knows of a class _make() generates: its fields are those of
    the C struct (read from the SWIG proxy at import), each Any to mypy."""

    def __init__(self, **fields: Any) -> None: ...

    def __getattr__(self, name: str) -> Any: ...


def _field_types(proxy_cls: Any, fields: Tuple[str, ...], convert: Mapping[str, Any]) -> Dict[str, Any]:
    """The Python type of each field, read from a zeroed C struct (SWIG gives
    an int field as int, a double as float); a converted field (a word of a
    names table) is a str."""
    blank = proxy_cls()
    types: Dict[str, Any] = {}
    for f in fields:
        v = getattr(blank, f)
        if f in convert and convert[f] is not nan_to_none:
            types[f] = str
        elif isinstance(v, float):
            types[f] = float
        elif isinstance(v, int):
            types[f] = int
        else:
            types[f] = None  # anything else: kept as JSON gives it
    return types


def _make(name: str, proxy_cls: Any, doc: str, convert: Optional[Mapping[str, Any]] = None) -> Any:
    fields = _proxy_fields(proxy_cls)
    conv = dict(convert or {})
    cls = dataclasses.make_dataclass(
        name, [(f, object) for f in fields], bases=(_Result,), frozen=True, eq=False,
        namespace={"__doc__": doc, "__module__": "cxmetrics",
                   "_fields": fields, "_convert": conv,
                   "_types": _field_types(proxy_cls, fields, conv)})
    return cls



if TYPE_CHECKING:  # what mypy sees: the fields are the C struct's, read at import
    class NpsResult(_Generated):
        ...

    class NpsInterval(_Generated):
        ...

    class NpsTInterval(_Generated):
        ...

    class NpsComparison(_Generated):
        ...

    class NpsWeighted(_Generated):
        ...

    class CsatResult(_Generated):
        ...

    class CesResult(_Generated):
        ...

    class TimeSummary(_Generated):
        ...

    class RepeatPurchase(_Generated):
        ...

    class Bounce(_Generated):
        ...

    class TaskSuccess(_Generated):
        ...

    class ClvTotals(_Generated):
        ...

_sd = {"sd": nan_to_none}

NpsResult = _make(  # type: ignore  # mypy: the class of the TYPE_CHECKING block
    "NpsResult", native.nps_result, """NPS with its split (spec §1.1).

n, promoters, passives, detractors: counts; pct_*: percent of n;
nps = 100 (promoters - detractors) / n, in points [-100, 100].""")

NpsInterval = _make(  # type: ignore  # mypy: the class of the TYPE_CHECKING block
    "NpsInterval", native.nps_ci, """Wald (§1.3) or adjusted-Wald (§1.4) NPS interval.

nps: raw NPS (points); nps_adj / n_adj: centre and n of the interval
(equal to nps and n for Wald); var_unit: variance of one +1/0/-1 answer;
se, moe = z se, lower, upper: in NPS points.""")

NpsTInterval = _make(  # type: ignore  # mypy: the class of the TYPE_CHECKING block
    "NpsTInterval", native.nps_t_ci, """'Trinomial means' t interval (§1.5).

sd_unit: sample SD of the +1/0/-1 scores; df = n - 1; t: the t quantile;
se, moe, lower, upper: NPS points.""")

NpsComparison = _make(  # type: ignore  # mypy: the class of the TYPE_CHECKING block
    "NpsComparison", native.nps_comparison, """NPS_a - NPS_b z test (§1.6).

method: its word ('adjusted_wald' or 'wald'); center_*: the centres compared;
diff = center_a - center_b (points); se; z_stat = diff / se; p_value
(two-sided); z: critical value; lower, upper: interval on diff.""",
                      {"method": lambda m: word(native.NAMES_NPS_METHOD, m) or m})

NpsWeighted = _make(  # type: ignore  # mypy: the class of the TYPE_CHECKING block
    "NpsWeighted", native.nps_weighted_result, """Weighted NPS (§1.7).

n: rows used; n_pos: rows with weight > 0; sum_w, sum_w2; n_eff = sum_w^2 /
sum_w2 (Kish); deff = n_pos / n_eff; pct_* and nps in percent / points;
var_unit, se, z, moe, lower, upper as for NpsInterval, with n_eff.""")

CsatResult = _make(  # type: ignore  # mypy: the class of the TYPE_CHECKING block
    "CsatResult", native.csat_result, """CSAT (§2).

threshold: answers >= threshold are satisfied; n_satisfied; pct_satisfied
(percent); mean (scale units); sd: sample SD, None when n < 2;
wilson_lower, wilson_upper: Wilson interval in percent.""", _sd)

CesResult = _make(  # type: ignore  # mypy: the class of the TYPE_CHECKING block
    "CesResult", native.ces_result, """CES on 1-5, 1-7 or any scale (spec §3, §3.4).

points: number of scale points (5 on 1-5, 7 on 1-7, CES 2.0); n; n_agree /
pct_agree: answers >= agree (4-5 on 1-5, 5-7 on 1-7; pct_agree, "% agree",
is the CES); n_disagree / pct_disagree: answers <= lo + hi - agree (1-2 on
1-5, 1-3 on 1-7); mean (scale units); sd (None when n < 2); wilson_lower,
wilson_upper: Wilson interval of pct_agree, in percent; scale_lo, scale_hi,
agree: the scale and the threshold used.""", _sd)

TimeSummary = _make(  # type: ignore  # mypy: the class of the TYPE_CHECKING block
    "TimeSummary", native.time_summary, """Durations summary (§4).

n: durations used; total, mean, median (type-7), p90 (type-7), min, max:
in the caller's units.""")

RepeatPurchase = _make(  # type: ignore  # mypy: the class of the TYPE_CHECKING block
    "RepeatPurchase", native.repeat_purchase, """Repeat purchase rate (§5.3).

customers: with >= 1 order; repeat_customers: with >= 2 orders;
rate = 100 repeat_customers / customers.""")

Bounce = _make(  # type: ignore  # mypy: the class of the TYPE_CHECKING block
    "Bounce", native.bounce, """Bounce rate (§5.6).

sessions; bounces: sessions with one pageview; rate = 100 bounces / sessions.""")

TaskSuccess = _make(  # type: ignore  # mypy: the class of the TYPE_CHECKING block
    "TaskSuccess", native.task_success, """Task success rate (§5.8).

n, successes, rate (percent); wilson_* and adjwald_* (not clipped)
intervals in percent.""")

ClvTotals = _make(  # type: ignore  # mypy: the class of the TYPE_CHECKING block
    "ClvTotals", native.clv_totals, """Historic CLV from totals (§6.1).

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
    _types = {"scores": np.dtype(np.uint32), "breaks": np.dtype(np.float64),
              "lower": np.dtype(np.float64), "upper": np.dtype(np.float64)}
    __repr__ = _array_repr
    __eq__ = _Result.__eq__
    __hash__ = None  # type: ignore[assignment]  # arrays: mutable, not hashable


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
    _types = {"recency_score": np.dtype(np.uint32), "frequency_score": np.dtype(np.uint32),
              "monetary_score": np.dtype(np.uint32), "rfm_score": np.dtype(np.uint32),
              "recency_breaks": np.dtype(np.float64), "frequency_breaks": np.dtype(np.float64),
              "monetary_breaks": np.dtype(np.float64)}
    __repr__ = _array_repr
    __eq__ = _Result.__eq__
    __hash__ = None  # type: ignore[assignment]  # arrays: mutable, not hashable

    def __len__(self):
        return len(self.rfm_score)
