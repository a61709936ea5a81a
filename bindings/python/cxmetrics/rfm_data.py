"""RFM from orders to segments (spec §7.6, §7.7, §7.9, §7.10).

rfm_orders: order rows (arrays, a DataFrame, or a CSV file) -> one row per
customer (recency_days, transaction_count, amount) in one hash pass, with
returns and cancellations handled by an explicit policy ("keep" as R rfm,
"net", "drop", "error"). rfm_score: the customers' R, F, M scores by one of
four binnings ("quantile" as R rfm, "rank" as the Python rfm package,
"fixed" break points, "jenks" natural breaks) and their named segment; the
break points used come back as a second table. rfm_summary: one row per
segment. rfm_migration: customers moving between segments from one scored
table to a later one. Every rule is the C library's; this module converts.
"""

from typing import Any, List, Optional

from numpy.typing import ArrayLike

import numpy as np

from . import _convert as _c
from . import _table
from . import native
from .io import day_number, day_numbers
# by name: the package's `txlog` is the function (from .txlog import *), not this module
from .txlog import dates_of as _dates_of, is_path as _is_path, native_log as _native_log, \
    native_log_csv as _native_log_csv, text_ids as _text_ids

__all__ = ["rfm_orders", "rfm_score_customers", "rfm_summary", "rfm_migration", "rfm_jenks_breaks",
           "rfm_returns_words", "rfm_binning_words"]

_DIMS = {"recency": native.RFM_RECENCY, "frequency": native.RFM_FREQUENCY, "monetary": native.RFM_MONETARY}


def rfm_returns_words() -> List[str]:
    """The returns policies, as the C library lists them: keep, net, drop, error."""
    return _c.words(native.NAMES_RFM_RETURNS)


def rfm_binning_words() -> List[str]:
    """The binning methods, as the C library lists them: quantile, rank, fixed, jenks."""
    return _c.words(native.NAMES_RFM_BINNING)


def _is_numeric_ids(ids):
    return isinstance(ids, np.ndarray) and ids.dtype.kind in "iuf"


def _native_orders(data, customer, date, amount, cancelled, quantity, price, date_format):
    """(ids, days, amounts, flags, quantity, price) from a DataFrame/dict and
    column names, or arrays; amounts is None when quantity x price is the amount."""
    if _table.is_table(data):
        cols = _table.columns_of(data)

        def col(name):
            return None if name is None else _table._values(data, name)
        if isinstance(cancelled, str):
            if cancelled not in cols:
                raise _c.bad_arg(f"no column '{cancelled}' in the orders; its columns are: {', '.join(cols)}")
            cancelled = col(cancelled)
        amounts = None if quantity is not None else _c.f64(col(amount))
        return (col(customer), _dates_of(col(date), date_format), amounts, cancelled, col(quantity),
                col(price))
    amounts = None if quantity is not None else _c.f64(amount)
    return customer, _dates_of(date, date_format), amounts, cancelled, quantity, price


def rfm_orders(data: Any = None, customer: Any = "customer_id", date: Any = "order_date",
               amount: Any = "amount", *, analysis_date: Any, returns: str = "keep", cancelled: Any = None,
               status: Any = None, cancel_words: Any = None, missing_ids: str = "error",
               quantity: Any = None, price: Any = None, date_format: Any = None, delimiter: Any = None,
               as_frame: Optional[bool] = None) -> Any:
    """Order rows -> one row per customer (spec §7.6), in one hash pass.

    data: a list of dicts, one per order ({"customer_id": 7, "date":
    "2024-01-05", "amount": 20.0}; the keys named by customer, date
    (default "order_date", "date" accepted too), amount, and cancelled,
    quantity, price when given as names), whose customers come back with
    the caller's ids (an int stays an int, a str a str) in the order of
    their first order; or a pandas DataFrame (or a dict of columns) with the columns named by
    customer, date and amount (and cancelled, a column of flags, when a
    str); or None, with customer, date and amount the arrays themselves; or
    the path of a CSV file (with status: the column of order statuses, and
    cancel_words: the statuses that mark a cancellation).
    Integer customer ids (a numpy int array) are aggregated as numbers
    (customer_id a number column, ascending); other ids as text (ascending
    byte order). Dates: ISO strings, datetime64, dates or day numbers.
    A missing id (None, NaN, pd.NA, NaT, "") is never a customer:
    missing_ids="error" (default) raises InvalidArgument naming its row,
    "drop" leaves the row out and counts it (attrs missing_id_rows).
    quantity, price: the amount as quantity x price (instead of amount).
    date_format: strptime-style ("%m/%d/%Y %H:%M") for dates in that form.
    returns: "keep" (every row an order, negative amounts add; R rfm),
    "net" (a return lowers the amount, is no order and sets no recency),
    "drop" (returns left out) or "error". A row is a return when its amount
    is negative or its cancelled flag is set.
    Returns a DataFrame indexed by customer_id (or a Table, as_frame=False)
    with recency_days, transaction_count, amount; attrs: analysis_day,
    returns, order_rows, return_rows, return_amount,
    customers_without_orders.
    Raises InvalidArgument, EmptyInput, NanInput, OutOfRange, Inconsistent
    (an order after the analysis date; a return under "error"),
    ParseError, IoError, OutOfMemory.
    """
    if _c.is_records(data):
        return _rfm_orders_records(data, customer, date, amount, analysis_date=analysis_date,
                                   returns=returns, cancelled=cancelled, missing_ids=missing_ids,
                                   quantity=quantity, price=price, date_format=date_format,
                                   as_frame=as_frame)
    pol = _c.option(returns, native.NAMES_RFM_RETURNS)
    day = day_number(analysis_date)
    _c.option(missing_ids, native.NAMES_MISSING_IDS)
    if _is_path(data):
        path = data.decode() if isinstance(data, bytes) else data
        # the raw-log reader (spec §16): returns pass flagged, the aggregate applies the policy
        log = _native_log_csv(path, customer, date, None if quantity is not None else amount, quantity,
                                    price, status, cancel_words, returns, missing_ids, date_format, delimiter)
        h = native.rfm_orders_aggregate_table(log, day, float("nan"), pol)
        return _table.frame(h, as_frame, _WHOLE)
    ids, days, amounts, cancelled, q, p = _native_orders(data, customer, date, amount, cancelled, quantity,
                                                         price, date_format)
    numeric = _is_numeric_ids(ids)
    if missing_ids != "error" or q is not None:
        # the raw-log path: missing ids dropped and counted, quantity x price
        log = _native_log(ids, days, amounts, q, p, cancelled, returns, missing_ids)
        h = native.rfm_orders_aggregate_table(log, day, float("nan"), pol)
        return _table.frame(h, as_frame, _WHOLE)
    flags = _c.u8_flags(cancelled)
    if not numeric:
        h = native.rfm_orders_aggregate(_text_ids(ids), days, amounts, flags, day, pol)
        return _table.frame(h, as_frame, _WHOLE)
    h = native.rfm_orders_aggregate_numeric(_c.f64(ids), days, amounts, flags, day, pol)
    # the caller's integer ids come back as integers
    return _frame_ids(h, as_frame, ids.dtype if ids.dtype.kind in "iu" else None)


def _rfm_orders_records(records, customer, date, amount, *, analysis_date, returns, cancelled,
                        missing_ids, quantity, price, date_format, as_frame):
    """rfm_orders of a list of dicts: the columns gathered once, the ids as
    text for the C library, then the caller's ids and order given back."""
    for what, key in (("customer", customer), ("date", date), ("amount", amount)):
        if not isinstance(key, str):
            raise _c.type_error(f"with a list of orders, {what} must name a key (a str), "
                                f"not {_c._describe(key)}")
    if date == "order_date" and all("order_date" not in r and "date" in r for r in records):
        date = "date"  # the issue's {"customer_id", "date", "amount"} rows
    keys = [customer, date]
    optional = []
    for name in (quantity, price) if quantity is not None else (amount,):
        if not isinstance(name, str):
            raise _c.type_error(f"with a list of orders, quantity and price must name keys, "
                                f"not {_c._describe(name)}")
        keys.append(name)
    if isinstance(cancelled, str):
        optional.append(cancelled)
    elif cancelled is not None:
        raise _c.type_error("with a list of orders, cancelled must name a key (a str) of the orders")
    cols, texts, originals, order = _c.records_columns(records, keys, optional)
    data = {customer: np.asarray(texts, dtype=object), date: cols[date]}
    for k in keys[2:]:
        data[k] = _c.f64(cols[k], k)
    flags = cols[cancelled] if isinstance(cancelled, str) else None
    ids_col = data.pop(customer)
    out = rfm_orders(None, ids_col, data[date], None if quantity is not None else data[amount],
                     analysis_date=analysis_date, returns=returns,
                     cancelled=flags, missing_ids=missing_ids,
                     quantity=None if quantity is None else data[quantity],
                     price=None if price is None else data[price],
                     date_format=date_format, as_frame=as_frame)
    return _c.restore_ids(out, "customer_id", originals, order)


def _opts(bins, binning, breaks, match):
    o = native.rfm_opts_new()
    if bins is not None:
        native.rfm_opts_set_bins(o, _c.integer(bins, "bins"))
    if binning is not None:
        native.rfm_opts_set_binning(o, _c.option(binning, native.NAMES_RFM_BINNING))
    for dim, values in (breaks or {}).items():
        if dim not in _DIMS:
            raise _c.bad_arg(f"breaks: unknown dimension '{dim}'; use recency, frequency or monetary")
        native.rfm_opts_set_breaks(o, _DIMS[dim], _c.f64(values))
    if match is not None:
        native.rfm_opts_set_match(o, _c.option(match, native.NAMES_RFM_MATCH))
    return o


def _rules(rules):
    if rules is None:
        return None
    from .rfm import _rules_of  # the rules part of the package
    return _rules_of(rules)._h


def _frame_ids(h, as_frame, dtype=None):
    """frame(h), a DataFrame indexed by customer_id also when the ids are numbers."""
    out = _table.frame(h, as_frame, _WHOLE)
    if hasattr(out, "set_index") and "customer_id" in out.columns:
        attrs = dict(out.attrs)
        if dtype is not None:
            out["customer_id"] = np.asarray(out["customer_id"]).astype(dtype)
        out = out.set_index("customer_id")
        out.attrs.update(attrs)
    elif dtype is not None and "customer_id" in out:
        out["customer_id"] = np.asarray(out["customer_id"]).astype(dtype)
    return out


# Columns that are whole numbers by construction (scores, counts).
_WHOLE = ("transaction_count", "recency_score", "frequency_score", "monetary_score", "rfm_score",
          "score", "customers", "orders")


def _native_table(x):
    return x if isinstance(x, native.table) else _table.native_of(x)


def rfm_score_customers(customers: Any, bins: Any = None, binning: Any = None, breaks: Any = None,
                        rules: Any = None, match: Any = None, as_frame: Optional[bool] = None) -> Any:
    """R, F, M scores and segments of a customer table (spec §7.7).

    customers: rfm_orders' result (or any table with recency_days,
    transaction_count and amount). bins: scores per dimension, 2..9 (default:
    the rules' own, 5 for R rfm's sets). binning: "quantile" (R rfm, the
    default), "rank" (Python rfm: qcut of first-ranks), "fixed" (breaks:
    {"recency": [...], "frequency": [...], "monetary": [...]}, used as
    given) or "jenks" (natural breaks). rules: a built-in set name, an
    RfmRules, or rows (default "r_02x"). match: "first" or "last" (default:
    the rules').
    Returns (scored, breaks): scored has the customers' columns and
    recency_score, frequency_score, monetary_score, rfm_score, segment;
    breaks one row per dimension and score with its [lower, upper).
    Raises InvalidArgument, NanInput, OutOfRange, EmptyInput, TooFew.
    """
    o = _opts(bins, binning, breaks, match)
    scored, br = native.rfm_score_customers(_native_table(customers), _rules(rules), o)
    ids = getattr(customers, "index", None)
    dtype = ids.dtype if ids is not None and ids.name == "customer_id" and ids.dtype.kind in "iu" else None
    return _frame_ids(scored, as_frame, dtype), _table.frame(br, as_frame, _WHOLE)


def rfm_summary(scored: Any, rules: Any = None, as_frame: Optional[bool] = None) -> Any:
    """One row per segment (spec §7.9), in rule order then "Others" (empty
    segments kept): customers, share (%), orders, revenue,
    average_order_value, mean scores, recency_days_mean, amount_mean.
    scored: rfm_score's first table. rules: those it was scored with
    (default "r_02x")."""
    return _table.frame(native.rfm_segment_summary(_native_table(scored), _rules(rules)), as_frame, _WHOLE)


def rfm_migration(from_scored: Any, to_scored: Any, rules: Any = None,
                  as_frame: Optional[bool] = None) -> Any:
    """Customers moving between segments (spec §7.10): one row per
    (from_segment, to_segment) pair with customers, and share (% of the
    from segment). Customers only in to_scored come from "(new)", those
    only in from_scored go to "(gone)"."""
    h = native.rfm_migration(_native_table(from_scored), _native_table(to_scored), _rules(rules))
    return _table.frame(h, as_frame, _WHOLE)


def rfm_jenks_breaks(values: ArrayLike, bins: int = 5) -> np.ndarray:
    """Fisher-Jenks natural breaks (spec §7.7): the bins - 1 least values of
    classes 2..bins of the partition that minimises the within-class sum of
    squares (exact). Raises TooFew (fewer distinct values than bins)."""
    b = _c.integer(bins, "bins")
    return native.rfm_jenks_breaks(max(b - 1, 0), _c.f64(values))
