"""Recency / frequency / monetary scoring and segments (spec §7).

Scoring reproduces the R package `rfm` bit for bit: breaks b_k = Q7(k/B) + 1,
bins [lower_i, upper_i), later bins overwrite earlier ones, recency scored in
reverse. Custom break points are used as given. Segments come from rule
tables (first match wins by default).
"""

from typing import Any, List, Optional

from numpy.typing import ArrayLike

import numbers
import os

import numpy as np

from . import _convert as _c
from . import _table
from . import native
from ._results import JsonBacked
from ._convert import RFM_MATCH_DEFAULT, RFM_RULES_DEFAULT
from ._results import RfmScore, RfmTable
from .io import day_number, day_numbers

__all__ = ["rfm_breaks", "rfm_score", "rfm_table", "rfm_rank_qcut", "RfmRules",
           "rfm_segment", "rfm_aggregate_orders", "NO_SEGMENT"]

#: The name given to a customer no rule matches.
NO_SEGMENT = native.RFM_NO_SEGMENT
#: The default number of bins per dimension.
BINS_DEFAULT = native.RFM_BINS_DEFAULT


def rfm_breaks(values: ArrayLike, bins: int = BINS_DEFAULT) -> np.ndarray:
    """Interior break points Q7(k / bins) + 1, k = 1..bins-1, of R rfm (spec §7.2).

    Returns a float64 array of bins - 1 values. Raises InvalidArgument
    (bins < 2), NanInput, OutOfRange (+-inf), EmptyInput, OutOfMemory.
    """
    b = _c.integer(bins, "bins")
    return native.rfm_breaks(max(b - 1, 0), _c.f64(values))


def _breaks(values, bins, what):
    """An int -> quantile breaks of values (rfm_breaks); else custom break points."""
    if isinstance(bins, numbers.Integral) and not isinstance(bins, bool):
        return rfm_breaks(values, bins)
    if isinstance(bins, (str, bytes)) or np.ndim(bins) != 1:
        raise _c.type_error(f"{what} must be an int or a sequence of break points, "
                            f"not {_c._describe(bins)}")
    return _c.f64(bins, what)


def rfm_score(values: ArrayLike, bins: Any = BINS_DEFAULT, descending: bool = False) -> "RfmScore":
    """Score one RFM dimension against break points (spec §7.2).

    bins: an int (number of quantile bins, via rfm_breaks; default 5) or a
    sequence of custom break points, used as given. K = len(breaks) + 1 bins:
    lower = (min x, b...), upper = (b..., max x + 1); each value gets the bin
    i with lower_i <= x < upper_i (later bins win), or K + 1 - i when
    descending (recency: fewest days scores K).
    Returns RfmScore(scores (uint32), breaks, lower, upper). Raises
    InvalidArgument (no break, non-finite break, a value in no bin),
    NanInput, OutOfRange, EmptyInput.
    """
    x = _c.f64(values)
    b = _breaks(x, bins, "bins")
    k = b.size + 1  # K = n_breaks + 1 bins: n scores and K lower and upper edges
    scores, lower, upper = native.rfm_score(x.size, k, k, x, b, 1 if descending else 0)
    return RfmScore(scores=scores, breaks=np.array(b, dtype=np.float64), lower=lower,
                    upper=upper)


def rfm_table(recency_days: ArrayLike, frequency: ArrayLike, monetary: ArrayLike,
              recency_bins: Any = BINS_DEFAULT, frequency_bins: Any = BINS_DEFAULT,
              monetary_bins: Any = BINS_DEFAULT) -> "RfmTable":
    """R, F and M scores per customer, as R rfm::rfm_table_customer (spec §7).

    *_bins: an int (quantile bins, via rfm_breaks; default 5) or a sequence
    of custom break points. Recency is scored descending (fewest days = best).
    rfm_score = 100 R + 10 F + M.
    Returns RfmTable. Raises InvalidArgument (lengths differ, bad breaks),
    NanInput, OutOfRange, EmptyInput.
    """
    r = _c.f64(recency_days)
    f = _c.f64(frequency)
    m = _c.f64(monetary)
    rb = _breaks(r, recency_bins, "recency_bins")
    fb = _breaks(f, frequency_bins, "frequency_bins")
    mb = _breaks(m, monetary_bins, "monetary_bins")
    n = r.size  # one score per customer in each output (the C library checks the lengths)
    rs, fs, ms, s = native.rfm_table(n, n, n, n, r, f, m, rb, fb, mb)
    return RfmTable(recency_score=rs, frequency_score=fs, monetary_score=ms, rfm_score=s,
                    recency_breaks=np.array(rb, dtype=np.float64),
                    frequency_breaks=np.array(fb, dtype=np.float64),
                    monetary_breaks=np.array(mb, dtype=np.float64))


def rfm_rank_qcut(values: ArrayLike, bins: int = BINS_DEFAULT, descending: bool = False) -> np.ndarray:
    """Python `rfm` package scores (spec §7.4): equal-count bins of ranks.

    pandas qcut(rank(method='first'), bins): ties broken by input order.
    Returns a uint32 array of scores 1..bins (reversed when descending).
    Raises InvalidArgument, NanInput, OutOfRange, EmptyInput, TooFew (n < 2),
    OutOfMemory.
    """
    x = _c.f64(values)
    return native.rfm_rank_qcut(x.size, x, _c.integer(bins, "bins"), 1 if descending else 0)


class RfmRules(JsonBacked):
    """An ordered table of named segments with inclusive R/F/M score ranges (spec §7.3).

    RfmRules() is empty; RfmRules("r_02x") loads a built-in table (their
    names: RfmRules.builtin_names(), from the C library: "r_02x", the rfm
    0.2.x default; "vignette_11"; "r_030"; "py_rfm"); RfmRules(rows) builds
    one from (name, (r_lo, r_hi), (f_lo, f_hi), (m_lo, m_hi)) rows.
    Iterating gives the rule names in order. May be read from many threads,
    modified by one.
    """

    def __init__(self, rules: Any = None) -> None:
        if rules is None:
            self._h = native.rfm_rules_new()
        elif isinstance(rules, str):
            self._h = native.rfm_rules_builtin(rules)
        else:
            self._h = native.rfm_rules_new()
            for row in rules:
                self.add(*row)

    @classmethod
    def builtin(cls, name: str) -> "RfmRules":
        """A built-in table by name. Raises InvalidArgument for an unknown name."""
        return cls(str(name))

    @staticmethod
    def builtin_names() -> List[str]:
        """The names of the built-in tables, as the C library lists them (the
        first is the default of rfm_segment)."""
        return _c.words(native.NAMES_RFM_RULES)

    def add(self, name: Any, r: Any, f: Any, m: Any) -> Any:
        """Append a rule; r, f, m are inclusive (lo, hi) score ranges.
        Raises InvalidArgument (empty name, lo > hi). Returns self."""
        (rl, rh), (fl, fh), (ml, mh) = r, f, m
        native.rfm_rules_add(self._h, name,
                             *(_c.integer(v, "range") for v in (rl, rh, fl, fh, ml, mh)))
        return self

    def __len__(self):
        return native.rfm_rules_count(self._h)

    def __getitem__(self, i):
        n = len(self)
        i = _c.integer(i, "index")
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("rule index out of range")
        return native.rfm_rules_name(self._h, i)

    def __iter__(self):
        for i in range(len(self)):
            yield native.rfm_rules_name(self._h, i)

    @property
    def names(self) -> List[str]:
        """The rule names, in order."""
        return list(self)

    def segment(self, r: int, f: int, m: int, match: str = RFM_MATCH_DEFAULT) -> Any:
        """Segment name of one customer's scores, or "Others" when no rule matches.

        match: "first" (rfm >= 0.2.2, default) or "last" (rfm <= 0.2.1)."""
        return native.rfm_segment(self._h, _c.integer(r, "r"), _c.integer(f, "f"),
                                  _c.integer(m, "m"), _c.option(match, native.NAMES_RFM_MATCH))

    def segment_indices(self, r: Any, f: Any, m: Any, match: str = RFM_MATCH_DEFAULT) -> Any:
        """Rule index per customer (uint array); len(self) means no segment.
        Raises InvalidArgument (lengths differ)."""
        ra = _c.uint_array(r, "r")
        return native.rfm_segment_many(ra.size, self._h, ra, _c.uint_array(f, "f"),
                                       _c.uint_array(m, "m"),
                                       _c.option(match, native.NAMES_RFM_MATCH))

    def segment_many(self, r: Any, f: Any, m: Any, match: Any = RFM_MATCH_DEFAULT) -> Any:
        """Segment names of many customers (list of str; "Others" for no match)."""
        idx = self.segment_indices(r, f, m, match)
        names = self.names + [NO_SEGMENT]
        return [names[i] for i in idx.tolist()]

    def __repr__(self):
        return f"RfmRules({self.names!r})"


_builtin_cache = {}


def _rules_of(rules):
    """An RfmRules; a str (or path) is a built-in set's word, else a JSON file
    (cxm_rfm_rules_load, as the command line's --rules NAME|FILE)."""
    if isinstance(rules, RfmRules):
        return rules
    if isinstance(rules, os.PathLike):
        rules = os.fspath(rules)
    if isinstance(rules, str):
        h = _builtin_cache.get(rules)
        if h is None:
            h = _from_handle(native.rfm_rules_load(rules))
            if rules in RfmRules.builtin_names():
                _builtin_cache[rules] = h  # read-only once cached
        return h
    return RfmRules(rules)


def rfm_segment(r: Any, f: Any, m: Any, rules: Any = RFM_RULES_DEFAULT,
                match: Any = RFM_MATCH_DEFAULT) -> Any:
    """Segment of customers from their R, F, M scores (spec §7.3).

    rules: a built-in table name (default "r_02x") or a JSON file's path, an
    RfmRules, or rows of (name, (r_lo, r_hi), (f_lo, f_hi), (m_lo, m_hi)).
    match: "first" (default) or "last".
    Scalars give one name; arrays give a list of names. "Others" when no
    rule matches. Raises InvalidArgument.
    """
    rs = _rules_of(rules)
    if np.ndim(r) == 0 and np.ndim(f) == 0 and np.ndim(m) == 0:
        return rs.segment(r, f, m, match)
    return rs.segment_many(r, f, m, match)


def rfm_aggregate_orders(customer_ids: Any, order_dates: Any = None, revenues: Optional[ArrayLike] = None,
                         analysis_date: Any = None, as_frame: Optional[bool] = None) -> Any:
    """Order rows -> per-customer recency, transaction count and amount (spec §7.1).

    As rfm_prep_table_data: recency_days = analysis_date - last order date
    (days); transaction_count = orders; amount = summed revenue. Customers
    come out in ascending byte order of their ids.
    customer_ids: sequence of str; or a list of dicts, one per order, with
    the keys "customer_id", "date" and "amount" (order_dates and revenues
    left out; analysis_date by keyword): then the customers come back with
    the caller's ids (int stays int, str stays str) in the order of their
    first order. order_dates / analysis_date: ISO
    "YYYY-MM-DD" or "YYYYMMDD" strings (parsed by the C library),
    datetime.date, numpy datetime64, or day numbers (days since 1970-01-01).
    as_frame: True for a pandas DataFrame indexed by customer_id, False for a
    dict of numpy arrays (customer_id: str objects; recency_days,
    transaction_count, amount: float64); default: a DataFrame when pandas is
    importable. Both carry attrs: analysis_day (a day number).
    Returns the table. Raises InvalidArgument (lengths, fractional day),
    EmptyInput, NanInput, OutOfRange (infinite revenue), Inconsistent (an
    order after the analysis date), ParseError (bad date text), OutOfMemory.
    """
    if analysis_date is None:
        raise _c.type_error("analysis_date is missing (a date or a day number)")
    if _c.is_records(customer_ids):
        # a list of dicts {"customer_id", "date", "amount"}: the caller's ids
        # come back, in the order of their first order
        if order_dates is not None or revenues is not None:
            raise _c.type_error("with a list of orders (dicts), leave order_dates and revenues out: "
                                "they are the dicts' 'date' and 'amount'")
        cols, texts, originals, order = _c.records_columns(customer_ids, ("customer_id", "date",
                                                                          "amount"))
        out = rfm_aggregate_orders(texts, cols["date"], _c.f64(cols["amount"], "amount"),
                                   analysis_date, as_frame)
        return _c.restore_ids(out, "customer_id", originals, order)
    if order_dates is None or revenues is None:
        raise _c.type_error("order_dates and revenues are missing: give one per order "
                            "(or a list of dicts as the first argument)")
    h = native.rfm_customers_aggregate(customer_ids, day_numbers(order_dates),
                                       _c.f64(revenues, "revenues"), day_number(analysis_date))
    return _table.frame(h, as_frame)


# ---- rule tables as JSON, their K and match, and the validator (spec §7.8) ----
# (kept in one block at the end of the file: the data-path functions above are
# edited separately)

__all__ += ["rfm_rules_from_json", "rfm_rules_from_file", "rfm_rules_validate"]


def _from_handle(h):
    rules = RfmRules.__new__(RfmRules)
    rules._h = h
    return rules


def rfm_rules_from_json(text: str) -> "RfmRules":
    """An RfmRules from JSON text (spec §7.8): {"name", "scores": K, "match",
    "source", "segments": [{"name", "recency": [lo, hi], "frequency": ...,
    "monetary": ...}, ...]}; a range may be one score or absent (1..K).
    Raises ParseError (not JSON: the message gives the byte offset; a wrong
    shape or an unknown key: it names the segment and key), OutOfRange (a
    score outside 1..K, lo > hi), Inconsistent (two segments with one name)."""
    return _from_handle(native.rfm_rules_from_json(text))


def rfm_rules_from_file(path: Any) -> Any:
    """rfm_rules_from_json on a file (messages start with its path); IOFailure
    when it cannot be read."""
    return _from_handle(native.rfm_rules_from_file(str(path)))


def rfm_rules_validate(rules: Any = RFM_RULES_DEFAULT, scores: Optional[int] = None,
                       match: Optional[str] = None, as_frame: Optional[bool] = None) -> Any:
    """Check a rule table over the K^3 score cells (spec §7.8).

    rules: a built-in name, an RfmRules or rows (as rfm_segment). scores: K
    (default: the table's). match: "first" or "last" (default: the table's).
    Returns a DataFrame (or Table) of findings: kind ("overlap",
    "unreachable", "uncovered"), rule, other, r_lo, r_hi, f_lo, f_hi, m_lo,
    m_hi (inclusive), cells; attrs overlaps, unreachable, shadowed,
    uncovered_cells, scores.
    """
    rs = _rules_of(rules)
    m = native.rfm_rules_match(rs._h) if match is None else _c.option(match, native.NAMES_RFM_MATCH)
    k = 0 if scores is None else _c.integer(scores, "scores")
    t = _table.frame(native.rfm_rules_validate(rs._h, k, m), as_frame)
    return t.reset_index() if hasattr(t, "reset_index") else t


def _rules_to_json(self: "RfmRules") -> str:
    """The table as JSON text (spec §7.8) that rfm_rules_from_json reads back."""
    return native.rfm_rules_to_json(self._h)


def _rules_scores(self: "RfmRules") -> int:
    """K: the scores per dimension the table is written for (1..K)."""
    return native.rfm_rules_scores(self._h)


def _rules_match(self: "RfmRules") -> str:
    """The match word the table asks for: "first" or "last"."""
    return _c.word(native.NAMES_RFM_MATCH, native.rfm_rules_match(self._h))


def _rules_validate(self: "RfmRules", scores: Optional[int] = None, match: Optional[str] = None,
                    as_frame: Optional[bool] = None) -> Any:
    """rfm_rules_validate(self, ...)."""
    return rfm_rules_validate(self, scores, match, as_frame)


RfmRules.from_json = staticmethod(rfm_rules_from_json)
RfmRules.from_file = staticmethod(rfm_rules_from_file)
RfmRules.to_json = _rules_to_json
def _rules_set_scores(self: "RfmRules", k: int) -> None:
    """Set K (2..100); InvalidArgument names a rule with a range outside 1..K."""
    native.rfm_rules_set_scores(self._h, _c.integer(k, "scores"))


def _rules_set_match(self: "RfmRules", match: str) -> None:
    """Set the match mode the table asks for: "first" or "last"."""
    native.rfm_rules_set_match(self._h, _c.option(match, native.NAMES_RFM_MATCH))


RfmRules.scores = property(_rules_scores, _rules_set_scores)
RfmRules.match = property(_rules_match, _rules_set_match)
RfmRules.validate = _rules_validate
