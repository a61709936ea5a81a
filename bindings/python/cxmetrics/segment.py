"""Value x price-sensitivity segments (spec §13) and their rule tables.

From order rows each customer gets spend, orders, discount_share,
full_price_share and average_order_value (value_customers); a rule table
(SegmentRules: the built-in "value_price" or JSON of your own) bounds those
columns by numbers or population quantiles, and the first matching rule (or
the last) names each customer's segment (segment_assign), with the
thresholds used reported back; segment_summary sums up each segment.
SegmentRules.validate finds overlapping rules, rules that earlier ones make
unreachable and value ranges no rule covers (spec §7.8). Every rule lives in
the C library; this module converts arguments and results.

    import cxmetrics as cx
    res = cx.value_segments(orders.customer, orders.paid, orders.discount)
    res.summary; res.thresholds; res.customers
"""

from typing import Any, Optional

import collections
import os

import numpy as np

from . import _convert as _c
from . import _table
from . import native
from ._results import JsonBacked
from .txlog import text_ids as _text_ids

__all__ = ["SegmentRules", "value_customers", "segment_assign", "segment_summary", "value_segments",
           "ValueSegments", "SEGMENT_RULES_DEFAULT", "SEGMENT_NO_SEGMENT"]

#: The built-in value-segment table used when none is named.
SEGMENT_RULES_DEFAULT = native.SEGMENT_RULES_DEFAULT
#: The segment of a customer no rule matches.
SEGMENT_NO_SEGMENT = native.SEGMENT_NO_SEGMENT


def _plain(df):
    """A findings or thresholds DataFrame with a 0..n-1 index (their first
    text column is data, not a key)."""
    return df.reset_index() if hasattr(df, "reset_index") else df


def _match(match, rules):
    return rules.match_mode if match is None else _c.option(match, native.NAMES_RFM_MATCH)


class SegmentRules(JsonBacked):
    """An ordered table of named segments over named dimensions (spec §13.2).

    SegmentRules() or SegmentRules("value_price") is a built-in table (their
    names: SegmentRules.builtin_names(), from the C library);
    SegmentRules.from_json(text) and SegmentRules.from_file(path) read your
    own. Read-only: it may be shared between threads.
    """

    def __init__(self, name: Any = SEGMENT_RULES_DEFAULT, _handle: Any = None) -> None:
        self._h = _handle if _handle is not None else native.segment_rules_builtin(str(name))

    @classmethod
    def builtin(cls, name: Any = SEGMENT_RULES_DEFAULT) -> Any:
        """A built-in table. Raises InvalidArgument for an unknown name."""
        return cls(name)

    @staticmethod
    def builtin_names() -> Any:
        """The names of the built-in tables, from the C library (the first is the default)."""
        return _c.words(native.NAMES_SEGMENT_RULES)

    @classmethod
    def from_json(cls, text: Any) -> Any:
        """A table from JSON text (spec §13.2). Raises ParseError (with the
        byte offset for text that is not JSON; naming segment and key for a
        wrong shape), OutOfRange, Inconsistent."""
        return cls(_handle=native.segment_rules_from_json(text))

    @classmethod
    def from_file(cls, path: Any) -> Any:
        """A table from a JSON file; as from_json, and IOFailure."""
        return cls(_handle=native.segment_rules_from_file(str(path)))

    def to_json(self) -> Any:
        """The table as JSON text that from_json reads back to the same table."""
        return native.segment_rules_to_json(self._h)

    def __len__(self):
        return native.segment_rules_count(self._h)

    def __iter__(self):
        for i in range(len(self)):
            yield native.segment_rules_name(self._h, i)

    @property
    def names(self) -> Any:
        """The rule names, in order."""
        return list(self)

    @property
    def dimensions(self) -> Any:
        """The dimension names (columns of the customers table), in order."""
        return [native.segment_rules_dimension(self._h, i)
                for i in range(native.segment_rules_dimension_count(self._h))]

    @property
    def match(self) -> Any:
        """The match word the table asks for: "first" or "last"."""
        return _c.word(native.NAMES_RFM_MATCH, self.match_mode)

    @property
    def match_mode(self) -> Any:
        return native.segment_rules_match(self._h)

    def validate(self, customers: Any = None, match: Any = None, as_frame: Optional[bool] = None) -> Any:
        """Findings (spec §7.8, §13.4): one row per overlap, unreachable rule
        and uncovered block; columns kind, rule, other, <dim>_min, <dim>_max
        (NaN for an open end), cells; attrs overlaps, unreachable, shadowed,
        uncovered_cells, quantile_dimensions. customers (a DataFrame or dict
        with the dimension columns): quantiles become their values there;
        without it a dimension whose bounds are all quantiles is checked in
        quantile levels. Raises Inconsistent (a dimension mixing numbers and
        quantiles, without customers), InvalidArgument, NanInput."""
        c = None if customers is None else _table.native_of(customers)
        h = native.segment_rules_validate(self._h, c, _match(match, self))
        return _plain(_table.frame(h, as_frame))

    def __repr__(self):
        return f"SegmentRules({self.names!r})"


def _rules_of(rules):
    """A SegmentRules; a str (or path) is a built-in set's word, else a JSON
    file (cxm_segment_rules_load, as the command line's --rules NAME|FILE)."""
    if isinstance(rules, SegmentRules):
        return rules
    if isinstance(rules, (str, os.PathLike)):
        return SegmentRules(_handle=native.segment_rules_load(os.fspath(rules)))
    raise TypeError("rules must be a SegmentRules, a built-in name or a JSON file")


def _order_columns(customer_ids, amounts, discounts, customer, amount, discount):
    """(ids, amounts, discounts) from arrays, or from the columns of an orders
    table (a DataFrame or dict) named by customer=, amount=, discount=."""
    if _table.is_table(customer_ids):
        orders = customer_ids
        if customer is None or amount is None:
            raise TypeError("with an orders table, name its columns: customer=, amount= (discount=)")
        customer_ids = orders[customer]
        amounts = orders[amount]
        discounts = None if discount is None else orders[discount]
    elif amounts is None:
        raise TypeError("amounts are required")
    ids = _text_ids(customer_ids)  # None / NaN / pd.NA: a missing id, never a customer "nan"
    a = _c.f64(amounts)
    d = np.zeros(a.size) if discounts is None else _c.f64(discounts)
    return ids, a, d


def value_customers(customer_ids: Any, amounts: Any = None, discounts: Any = None,
                    as_frame: Optional[bool] = None, *, customer: Any = None, amount: Any = None,
                    discount: Any = None) -> Any:
    """Order rows -> per-customer value and price sensitivity (spec §13.1).

    customer_ids: sequence of str; amounts: what each order paid (>= 0);
    discounts: the discount of each order in money (>= 0; None: every order
    at full price). Or an orders DataFrame (or dict of columns) first, with
    its columns named: value_customers(df, customer="id", amount="paid",
    discount="off"). Returns a DataFrame indexed by customer_id (or a Table
    when as_frame=False / pandas is missing): spend, orders, discount_share,
    full_price_share, average_order_value, customers in ascending byte
    order of their ids. Raises InvalidArgument (lengths), EmptyInput,
    NanInput and OutOfRange (naming the row and customer).
    """
    ids, a, d = _order_columns(customer_ids, amounts, discounts, customer, amount, discount)
    return _table.frame(native.segment_value_customers(ids, a, d), as_frame)


def segment_assign(customers: Any, rules: Any = SEGMENT_RULES_DEFAULT, match: Any = None,
                   as_frame: Optional[bool] = None) -> Any:
    """Each customer's segment (spec §13.3). customers: a DataFrame or dict
    with a number column per dimension of the rules (value_customers gives
    one). match: "first" or "last" (default: the table's).
    Returns (customers with a segment column, thresholds: rule, dimension,
    bound, quantile (NaN for a number), value). Raises InvalidArgument (a
    missing dimension column), NanInput, EmptyInput."""
    rs = _rules_of(rules)
    out, th = native.segment_assign(_table.native_of(customers), rs._h, _match(match, rs))
    return _table.frame(out, as_frame), _plain(_table.frame(th, as_frame))


def segment_summary(assigned: Any, rules: Any = SEGMENT_RULES_DEFAULT,
                    as_frame: Optional[bool] = None) -> Any:
    """Per segment, in rule order then "Others" (spec §13.5): customers,
    share (%), spend, spend_share (%), orders, average_order_value, and the
    mean of each dimension. assigned: segment_assign's customers."""
    rs = _rules_of(rules)
    return _table.frame(native.segment_summary(_table.native_of(assigned), rs._h), as_frame)


ValueSegments = collections.namedtuple("ValueSegments", "customers thresholds summary")
ValueSegments.__doc__ = "value_segments' result: per customer (with segment), thresholds used, summary."


def value_segments(customer_ids: Any, amounts: Any = None, discounts: Any = None,
                   rules: Any = SEGMENT_RULES_DEFAULT, match: Any = None, as_frame: Optional[bool] = None,
                   *, customer: Any = None, amount: Any = None, discount: Any = None) -> Any:
    """value_customers, segment_assign and segment_summary in one call (the
    orders as value_customers takes them)."""
    rs = _rules_of(rules)
    ids, a, d = _order_columns(customer_ids, amounts, discounts, customer, amount, discount)
    cust = native.segment_value_customers(ids, a, d)
    out, th = native.segment_assign(cust, rs._h, _match(match, rs))
    summ = native.segment_summary(out, rs._h)
    return ValueSegments(_table.frame(out, as_frame), _plain(_table.frame(th, as_frame)),
                         _table.frame(summ, as_frame))
