"""Recency / frequency / monetary scoring and segments (spec §7).

Scoring reproduces the R package `rfm` bit for bit: breaks b_k = Q7(k/B) + 1,
bins [lower_i, upper_i), later bins overwrite earlier ones, recency scored in
reverse. Custom break points are used as given. Segments come from rule
tables (first match wins by default).
"""

import datetime
import numbers

import numpy as np

from . import _convert as _c
from . import native
from ._results import RfmCustomers, RfmScore, RfmTable

__all__ = ["rfm_breaks", "rfm_score", "rfm_table", "rfm_rank_qcut", "RfmRules",
           "rfm_segment", "rfm_aggregate_orders", "NO_SEGMENT"]

#: The name given to a customer no rule matches.
NO_SEGMENT = native.RFM_NO_SEGMENT


def rfm_breaks(values, n_bins=5):
    """Interior break points Q7(k / n_bins) + 1, k = 1..n_bins-1, of R rfm (spec §7.2).

    Returns a float64 array of n_bins - 1 values. Raises InvalidArgument
    (n_bins < 2), NanInput, OutOfRange (+-inf), EmptyInput, OutOfMemory.
    """
    return native.rfm_breaks(_c.f64(values), _c.integer(n_bins, "n_bins"))


def _breaks(values, bins, what):
    """An int -> quantile breaks of values (rfm_breaks); else custom break points."""
    if isinstance(bins, numbers.Integral) and not isinstance(bins, bool):
        return rfm_breaks(values, bins)
    if isinstance(bins, (str, bytes)):
        raise TypeError(f"{what} must be an int or a sequence of break points")
    return _c.f64(bins)


def rfm_score(values, breaks=5, descending=False):
    """Score one RFM dimension against break points (spec §7.2).

    breaks: an int (number of quantile bins, via rfm_breaks; default 5) or a
    sequence of custom break points, used as given. K = len(breaks) + 1 bins:
    lower = (min x, b...), upper = (b..., max x + 1); each value gets the bin
    i with lower_i <= x < upper_i (later bins win), or K + 1 - i when
    descending (recency: fewest days scores K).
    Returns RfmScore(scores (uint32), breaks, lower, upper). Raises
    InvalidArgument (no break, non-finite break, a value in no bin),
    NanInput, OutOfRange, EmptyInput.
    """
    x = _c.f64(values)
    b = _breaks(x, breaks, "breaks")
    scores, lower, upper = native.rfm_score(x, b, 1 if descending else 0)
    return RfmScore(scores=scores, breaks=np.array(b, dtype=np.float64), lower=lower,
                    upper=upper)


def rfm_table(recency_days, frequency, monetary, recency_bins=5, frequency_bins=5,
              monetary_bins=5):
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
    rs, fs, ms, s = native.rfm_table(r, f, m, rb, fb, mb)
    return RfmTable(recency_score=rs, frequency_score=fs, monetary_score=ms, rfm_score=s,
                    recency_breaks=np.array(rb, dtype=np.float64),
                    frequency_breaks=np.array(fb, dtype=np.float64),
                    monetary_breaks=np.array(mb, dtype=np.float64))


def rfm_rank_qcut(values, n_bins=5, descending=False):
    """Python `rfm` package scores (spec §7.4): equal-count bins of ranks.

    pandas qcut(rank(method='first'), n_bins): ties broken by input order.
    Returns a uint32 array of scores 1..n_bins (reversed when descending).
    Raises InvalidArgument, NanInput, OutOfRange, EmptyInput, TooFew (n < 2),
    OutOfMemory.
    """
    return native.rfm_rank_qcut(_c.f64(values), _c.integer(n_bins, "n_bins"),
                                1 if descending else 0)


class RfmRules:
    """An ordered table of named segments with inclusive R/F/M score ranges (spec §7.3).

    RfmRules() is empty; RfmRules("r_02x") loads a built-in table ("r_02x",
    the rfm 0.2.x default; "vignette_11"; "r_030"; "py_rfm"); RfmRules(rows)
    builds one from (name, (r_lo, r_hi), (f_lo, f_hi), (m_lo, m_hi)) rows.
    Iterating gives the rule names in order. May be read from many threads,
    modified by one.
    """

    BUILTIN = ("r_02x", "vignette_11", "r_030", "py_rfm")

    def __init__(self, rules=None):
        if rules is None or isinstance(rules, str):
            self._h = native.rfm_rules(rules)
        else:
            self._h = native.rfm_rules(None)
            for row in rules:
                self.add(*row)

    @classmethod
    def builtin(cls, name):
        """A built-in table by name. Raises InvalidArgument for an unknown name."""
        return cls(str(name))

    def add(self, name, r, f, m):
        """Append a rule; r, f, m are inclusive (lo, hi) score ranges.
        Raises InvalidArgument (empty name, lo > hi). Returns self."""
        (rl, rh), (fl, fh), (ml, mh) = r, f, m
        self._h.add(name, *(_c.integer(v, "range") for v in (rl, rh, fl, fh, ml, mh)))
        return self

    def __len__(self):
        return self._h.count()

    def __getitem__(self, i):
        n = len(self)
        i = _c.integer(i, "index")
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("rule index out of range")
        return self._h.name(i)

    def __iter__(self):
        for i in range(len(self)):
            yield self._h.name(i)

    @property
    def names(self):
        """The rule names, in order."""
        return list(self)

    def segment(self, r, f, m, match="first"):
        """Segment name of one customer's scores, or "Others" when no rule matches.

        match: "first" (rfm >= 0.2.2, default) or "last" (rfm <= 0.2.1)."""
        return self._h.segment(_c.integer(r, "r"), _c.integer(f, "f"), _c.integer(m, "m"),
                               _c.option(match, _c.RFM_MATCHES, "match"))

    def segment_indices(self, r, f, m, match="first"):
        """Rule index per customer (uint array); len(self) means no segment.
        Raises InvalidArgument (lengths differ)."""
        return self._h.segment_many(
            _c.uint_array(r, "r"), _c.uint_array(f, "f"), _c.uint_array(m, "m"),
            _c.option(match, _c.RFM_MATCHES, "match"))

    def segment_many(self, r, f, m, match="first"):
        """Segment names of many customers (list of str; "Others" for no match)."""
        idx = self.segment_indices(r, f, m, match)
        names = self.names + [NO_SEGMENT]
        return [names[i] for i in idx.tolist()]

    def __repr__(self):
        return f"RfmRules({self.names!r})"


_builtin_cache = {}


def _rules_of(rules):
    if isinstance(rules, RfmRules):
        return rules
    if isinstance(rules, str):
        h = _builtin_cache.get(rules)
        if h is None:
            h = _builtin_cache[rules] = RfmRules(rules)  # read-only once cached
        return h
    return RfmRules(rules)


def rfm_segment(r, f, m, rules="r_02x", match="first"):
    """Segment of customers from their R, F, M scores (spec §7.3).

    rules: a built-in table name (default "r_02x"), an RfmRules, or rows of
    (name, (r_lo, r_hi), (f_lo, f_hi), (m_lo, m_hi)).
    match: "first" (default) or "last".
    Scalars give one name; arrays give a list of names. "Others" when no
    rule matches. Raises InvalidArgument.
    """
    rs = _rules_of(rules)
    if np.ndim(r) == 0 and np.ndim(f) == 0 and np.ndim(m) == 0:
        return rs.segment(r, f, m, match)
    return rs.segment_many(r, f, m, match)


_EPOCH = datetime.date(1970, 1, 1)


def _day_number(d):
    if isinstance(d, bytes):
        d = d.decode("utf-8")
    if isinstance(d, str):
        return native.date_parse(d)
    if isinstance(d, np.datetime64):
        day = d.astype("datetime64[D]")
        return float("nan") if np.isnat(day) else float(day.astype(np.int64))
    if isinstance(d, datetime.datetime):
        d = d.date()
    if isinstance(d, datetime.date):
        return float((d - _EPOCH).days)
    if isinstance(d, numbers.Real):
        return float(d)
    raise TypeError(f"a date must be an ISO string, a date, a datetime64 or a day number, "
                    f"not {type(d).__name__}")


def _day_numbers(dates):
    if isinstance(dates, np.ndarray):
        if np.issubdtype(dates.dtype, np.datetime64):
            days = dates.astype("datetime64[D]")
            out = days.astype(np.int64).astype(np.float64)
            out[np.isnat(days)] = np.nan
            return out
        if dates.dtype.kind in "biuf":
            return _c.f64(dates)
    return np.array([_day_number(d) for d in dates], dtype=np.float64)


def rfm_aggregate_orders(customer_ids, order_dates, revenues, analysis_date):
    """Order rows -> per-customer recency, transaction count and amount (spec §7.1).

    As rfm_prep_table_data: recency_days = analysis_date - last order date
    (days); transaction_count = orders; amount = summed revenue. Customers
    come out in ascending byte order of their ids.
    customer_ids: sequence of str. order_dates / analysis_date: ISO
    "YYYY-MM-DD" strings (parsed by the C library), datetime.date,
    numpy datetime64, or day numbers (days since 1970-01-01).
    Returns RfmCustomers. Raises InvalidArgument (lengths, fractional day),
    EmptyInput, NanInput, OutOfRange (infinite revenue), Inconsistent (an
    order after the analysis date), ParseError (bad date text), OutOfMemory.
    """
    days = _day_numbers(order_dates)
    h = native.rfm_customers(customer_ids, days, _c.f64(revenues),
                             _day_number(analysis_date))
    recency, count, amount = h.columns()
    ids = [h.id(i) for i in range(h.count())]
    return RfmCustomers(customer_id=ids, recency_days=recency,
                        transaction_count=count.astype(np.int64), amount=amount)
