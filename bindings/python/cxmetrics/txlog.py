"""Raw transaction logs (spec §16): a shop's export as it comes into the clean
log the CLV summary and RFM read, with every row left out counted.

txlog: rows (a CSV file, a DataFrame / dict of columns, or arrays) -> the
clean log (customer_id, order_day, amount, cancelled, line) whose attrs hold
the policies and the counts by reason (rows, kept_rows, missing_id_rows,
return_rows, dropped_return_rows, dropped_rows). A missing customer id (None,
NaN, pd.NA, NaT, an empty text) is never a customer: an error naming its row,
or (missing_ids="drop") left out and counted. Every rule is the C library's
(cxm_txlog_*); this module converts.
"""

from typing import Any, Optional

from numpy.typing import ArrayLike

import math

import numpy as np

from . import _convert as _c
from . import _table
from . import native
from .io import day_number, day_numbers

__all__ = ["txlog", "summary_from_log", "missing_ids_words"]

_NONE = np.empty(0)
_WHOLE = ("cancelled", "line")


def missing_ids_words() -> Any:
    """The missing-id policies, as the C library lists them: error, drop."""
    return _c.words(native.NAMES_MISSING_IDS)


def _missing(v):
    """True for what pandas and numpy write for "no value": None, NaN, pd.NA, NaT."""
    if v is None:
        return True
    if isinstance(v, float):
        return math.isnan(v)
    if isinstance(v, (np.floating, np.datetime64, np.timedelta64)):
        return bool(np.isnan(v)) if isinstance(v, np.floating) else bool(np.isnat(v))
    pd = _table.pandas()
    return pd is not None and (v is pd.NA or v is pd.NaT)


def _id_text(v):
    if isinstance(v, (str, bytes)):
        return v
    if isinstance(v, (float, np.floating)) and float(v).is_integer():
        # pandas makes int ids float when one is missing: 12346.0 is id "12346",
        # as the file and the command line read it
        return str(int(v))
    return str(v)


def text_ids(values: Any) -> Any:
    """Customer ids as a list of str, with None where an id is missing (None,
    NaN, pd.NA, NaT): the library then refuses or drops that row, never makes
    it a customer named "nan" or "None". Whole floats are written as integers."""
    if isinstance(values, (str, bytes)):
        raise TypeError("customer_ids must be a sequence of ids, not a single string")
    if isinstance(values, np.ndarray) and values.dtype.kind == "U":
        return values.tolist()
    if isinstance(values, np.ndarray) and values.dtype.kind in "iu":
        return values.astype(str).tolist()
    if hasattr(values, "to_numpy") and not isinstance(values, list):
        values = values.to_numpy(dtype=object)  # pandas Series / Index: pd.NA stays pd.NA
    if hasattr(values, "tolist") and not isinstance(values, list):
        values = values.tolist()
    return [None if _missing(v) else _id_text(v) for v in values]


def has_missing(values: Any) -> Any:
    """Whether any id is missing (see text_ids)."""
    return any(v is None for v in values)


def dates_of(values: Any, date_format: Any) -> Any:
    """Day numbers of the dates: through the format (cxm_dates_parse) when one
    is given, else as io.day_numbers reads them."""
    if date_format is None:
        return day_numbers(values)
    texts = [None if _missing(v) else (v if isinstance(v, str) else str(v)) for v in
             (values.tolist() if hasattr(values, "tolist") else list(values))]
    return native.dates_parse(len(texts), texts, date_format)


def options(customer: Any = None, date: Any = None, amount: Any = None, quantity: Any = None,
            price: Any = None, status: Any = None, cancel_words: Any = None, returns: str = "error",
            missing_ids: str = "error", date_format: Any = None, delimiter: Any = None,
            decimal_comma: bool = False) -> Any:
    """A native cxm_txlog_opts with these settings (None: the library's default)."""
    o = native.txlog_opts_new()
    if customer is not None or date is not None:
        native.txlog_opts_set_columns(o, customer or "customer_id", date or "date", amount)
    if quantity is not None or price is not None:
        native.txlog_opts_set_quantity_price(o, quantity, price)
    if status is not None or cancel_words:
        native.txlog_opts_set_status(o, status, list(cancel_words or []))
    native.txlog_opts_set_returns(o, _c.option(returns, native.NAMES_RFM_RETURNS))
    native.txlog_opts_set_missing_ids(o, _c.option(missing_ids, native.NAMES_MISSING_IDS))
    if date_format is not None:
        native.txlog_opts_set_date_format(o, date_format)
    if delimiter is not None:
        native.txlog_opts_set_delimiter(o, delimiter)
    if decimal_comma:
        native.txlog_opts_set_decimal_comma(o, 1)
    return o


def native_log(ids: Any, dates: Any, amounts: Optional[ArrayLike] = None,
               quantity: Optional[ArrayLike] = None, price: Optional[ArrayLike] = None,
               cancelled: Any = None, returns: str = "error", missing_ids: str = "error",
               date_format: Any = None) -> Any:
    """The native clean log of arrays (cxm_txlog_from_arrays)."""
    o = options(returns=returns, missing_ids=missing_ids)
    ids = text_ids(ids)
    days = dates_of(dates, date_format)
    amt = _NONE if amounts is None else _c.f64(amounts)
    q = _NONE if quantity is None else _c.f64(quantity)
    p = _NONE if price is None else _c.f64(price)
    return native.txlog_from_arrays(ids, days, amt, q, p, _c.u8_flags(cancelled), o)


def native_log_csv(path: Any, customer: Any, date: Any, amount: Any = None, quantity: Any = None,
                   price: Any = None, status: Any = None, cancel_words: Any = None, returns: str = "error",
                   missing_ids: str = "error", date_format: Any = None, delimiter: Any = None,
                   decimal_comma: bool = False) -> Any:
    """The native clean log of a CSV file (cxm_txlog_read_csv)."""
    o = options(customer, date, amount, quantity, price, status, cancel_words, returns, missing_ids,
                date_format, delimiter, decimal_comma)
    return native.txlog_read_csv(str(path), o)


def is_path(data: Any) -> Any:
    return isinstance(data, (str, bytes)) or hasattr(data, "__fspath__")


def txlog(data: Any = None, customer: Any = "customer_id", date: Any = "date", amount: Any = None, *,
          quantity: Any = None, price: Any = None, status: Any = None, cancel_words: Any = None,
          cancelled: Any = None, returns: str = "error", missing_ids: str = "error",
          date_format: Any = None, delimiter: Any = None, decimal_comma: bool = False,
          as_frame: Optional[bool] = None) -> Any:
    """A raw transaction log cleaned (spec §16.2).

    data: the path of a CSV file (gzip and "-" for stdin too) whose columns
    customer, date and amount (or quantity and price; status with
    cancel_words) name; or a DataFrame / dict of columns so named (cancelled:
    a column of flags); or None, with customer, date, amount (quantity,
    price, cancelled) the arrays themselves.
    The amount is amount, or quantity x price, or 0 without either.
    missing_ids: "error" (default: InvalidArgument naming the row) or "drop"
    (left out, counted). A missing id is None, NaN, pd.NA, NaT or "".
    returns: a row with a negative amount or quantity, or a cancelled flag /
    status, is a return: "error" (default, Inconsistent naming the row),
    "drop" (left out, counted), "net" or "keep" (kept with cancelled = 1).
    date_format: strptime-style ("%m/%d/%Y %H:%M"); default ISO dates.
    delimiter, decimal_comma (a file's "1,5"; with a delimiter other than ",").
    Returns the log (a DataFrame, or a Table with as_frame=False): columns
    customer_id, order_day (day numbers), amount, cancelled, line (the file
    line, or the row index); attrs missing_ids, returns, rows, kept_rows,
    missing_id_rows, return_rows, dropped_return_rows, dropped_rows.
    """
    if is_path(data):
        path = data.decode() if isinstance(data, bytes) else data
        h = native_log_csv(path, customer, date, amount, quantity, price, status, cancel_words, returns,
                           missing_ids, date_format, delimiter, decimal_comma)
        return _table.frame(h, as_frame, _WHOLE)
    if data is not None:
        def col(name):
            return None if name is None else _table._values(data, name)
        ids, dates, amounts, q, p = col(customer), col(date), col(amount), col(quantity), col(price)
        if isinstance(cancelled, str):
            cancelled = col(cancelled)
    else:
        ids, dates, amounts, q, p = customer, date, amount, quantity, price
    h = native_log(ids, dates, amounts, q, p, cancelled, returns, missing_ids, date_format)
    return _table.frame(h, as_frame, _WHOLE)


def _native_log_of(log):
    """A native table of txlog's result (a DataFrame or Table), its attrs included:
    the returns policy there says how summary_from_log counts returns."""
    if isinstance(log, native.table):
        return log
    h = _table.native_of(log)
    for k, v in _table.attrs_of(log).items():
        if isinstance(v, str):
            native.table_set_attr_text(h, str(k), v)
        elif isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool):
            native.table_set_attr_number(h, str(k), float(v))
    return h


def summary_from_log(log: Any, calibration_end: Any = None, observation_end: Any = None, *, period: str,
                     as_frame: Optional[bool] = None) -> Any:
    """The CLV summary of a clean log (txlog's result; spec §16.4), as
    summary_from_transactions: under the log's returns="net" a return is taken
    off its customer's spend that day and a day of returns only is no purchase
    day (attrs return_only_rows, return_only_amount); the log's counts come
    along in attrs. period: "day", "week" or "month"."""
    code = _c.option(period, native.NAMES_CLV_PERIOD)
    cal = math.nan if calibration_end is None else day_number(calibration_end)
    obs = math.nan if observation_end is None else day_number(observation_end)
    return _table.frame(native.clv_summary_from_log(_native_log_of(log), cal, obs, code), as_frame)
