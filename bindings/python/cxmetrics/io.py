"""Reading CSV files and ISO dates through the C library (io.h)."""

from typing import Any, Optional

from numpy.typing import ArrayLike

import datetime
import numbers
import os

import numpy as np

from . import _convert as _c
from . import _table
from . import native

__all__ = ["date_parse", "parse_date", "parse_dates", "parse_number", "CsvReader", "read_table", "render_table",
           "timestamp_parse", "period_start", "timestamp_period"]


def date_parse(text: Any) -> int:
    """Day number of an ISO-8601 date, "YYYY-MM-DD" or "YYYYMMDD": days since 1970-01-01.

    Proleptic Gregorian, years 0001..9999; month and day are checked; a time
    part after 'T' or ' ' is ignored. Returns int.
    Raises ParseError (not a valid date; the message quotes the text).
    """
    return int(native.date_parse(text))


def parse_date(text: Any, format: Optional[str] = None) -> int:
    """Day number (days since 1970-01-01) of a date written as `format` says,
    strptime-style (spec §0.12): "%m/%d/%Y %H:%M" reads "12/1/2010 8:26".
    Directives %Y %y %m %d %j %b %B %a %A %H %I %M %S %f %p %z %%; a space
    matches one or more blanks; time fields are checked, then dropped.
    format None or "": ISO 8601 (as date_parse). Returns int.
    Raises ParseError (the text does not match: "'13/45/2010 8:26' does not
    match %m/%d/%Y %H:%M: month 13 is not 1..12") or InvalidArgument (a bad
    format: an unknown directive, no year).
    """
    return int(native.date_parse_format(text, format))


def parse_dates(texts: Any, format: Optional[str] = None) -> Any:
    """Many dates in one format (parse_date; the format checked once): a
    float64 numpy array of day numbers. Raises as parse_date, the message
    starting with the index ("dates[17]: ...")."""
    texts = list(texts)
    return native.dates_parse(len(texts), texts, format)


def parse_number(text: Any) -> float:
    """A number written as the library's file readers take it (spec §0.10):
    sign, digits, decimal point, exponent; spaces around it allowed. Returns float.
    Raises ParseError (hexadecimal, "inf", "nan", "1,5", blank: the message
    quotes the text) or OutOfRange (too large for a double, as "1e999").
    """
    return native.parse_number(text)


_EPOCH = datetime.date(1970, 1, 1)


def day_number(d: Any) -> float:
    """A date argument as a day number (days since 1970-01-01, the C library's
    day numbers): ISO text through the C parser (cxm_date_parse), a
    datetime.date / datetime, a numpy datetime64 (NaT is NaN), or a number."""
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


def day_numbers(dates: ArrayLike) -> np.ndarray:
    """Many dates as a float64 array of day numbers (see day_number)."""
    if isinstance(dates, np.ndarray):
        if np.issubdtype(dates.dtype, np.datetime64):
            days = dates.astype("datetime64[D]")
            out = days.astype(np.int64).astype(np.float64)
            out[np.isnat(days)] = np.nan
            return out
        if dates.dtype.kind in "biuf":
            return _c.f64(dates)
    return np.array([day_number(d) for d in dates], dtype=np.float64)


def _field(h, col):
    """Field `col` of the current record, or None. native.csv_field gives
    [text, length], or the length alone when there is no field (SWIG drops a
    None return value in front of an output)."""
    r = native.csv_field(h, col)
    return r[0] if isinstance(r, list) else None


class CsvReader:
    """A streaming RFC 4180 CSV reader: one record in memory at a time.

    CsvReader(path, delimiter=",") reads the header; iterating yields each
    record as a tuple of str. The file stays open until close(), or until the
    `with` block exits (also by an exception):

        with cxmetrics.CsvReader("answers.csv") as rd:
            i = rd.column_index("nps")
            scores = [r[i] for r in rd]

    close() is idempotent; any read from a closed reader (next, field,
    line, column_index, iteration, ...) raises InvalidArgument ("the reader
    is closed"). columns and path stay available.
    Raises IOFailure (cannot open), EmptyInput (no header), ParseError
    (malformed CSV: file:line), InvalidArgument (bad delimiter).
    A handle belongs to one thread at a time (close included).
    """

    def __init__(self, path: Any, delimiter: Any = ",") -> None:
        self._h = h = native.csv_open(os.fsdecode(os.fspath(path)), delimiter)
        self.columns = [native.csv_column_name(h, i) for i in range(native.csv_column_count(h))]
        self._path = native.csv_path(h)

    def _open(self):
        """The handle, for a read; on a closed reader the C library's own
        error (cxm_csv_next fails with BAD_ARG "the reader is closed")."""
        h = self._h
        if native.csv_closed(h):
            native.csv_next(h)  # raises
        return h

    @property
    def path(self) -> Any:
        """The path the reader was opened with (also after close())."""
        return self._path

    @property
    def closed(self) -> Any:
        """True once close() was called."""
        return bool(native.csv_closed(self._h))

    @property
    def line(self) -> Any:
        """1-based line on which the current record starts (0 before the first)."""
        return native.csv_line(self._open())

    def column_index(self, name: Any) -> Any:
        """0-based index of the first column with this header name.
        Raises InvalidArgument (no such column; the message lists the columns)."""
        return native.csv_column_index(self._open(), name)

    def next(self) -> Any:
        """Read the next record: True, or False at the end of the file."""
        return bool(native.csv_next(self._h))

    def field(self, col: int) -> Any:
        """Field `col` of the current record as str (None if col is out of range)."""
        return _field(self._open(), _c.integer(col, "col"))

    def field_float(self, col: int) -> Any:
        """Field `col` as a float; an empty field is NaN (a missing answer).
        Raises ParseError ("file:line:column 'name': 'abc' is not a number")."""
        return native.csv_field_double(self._h, _c.integer(col, "col"))

    def __iter__(self):
        n = len(self.columns)
        h = self._h
        next_ = native.csv_next
        while next_(h):
            yield tuple(_field(h, i) for i in range(n))

    def close(self) -> Any:
        """Close the file (idempotent); the handle itself goes with the object."""
        native.csv_close(self._h)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __repr__(self):
        state = "closed" if self.closed else f"line {native.csv_line(self._h)}"
        return f"CsvReader(columns={self.columns!r}, {state})"


def read_table(path: Any, columns: Any = None, delimiter: Any = ",", optional: Any = (),
               not_empty: Any = (), as_frame: Optional[bool] = None, infer: bool = False,
               date_format: Any = None, decimal_comma: bool = False) -> Any:
    """Read a CSV file into a table once, typed by the C library (experimental:
    cxm_table_read_csv may change). The file may be gzip-compressed, and "-"
    is standard input; it must be UTF-8 (spec §0.11).

    columns: {name: type} with type "number", "day" (YYYY-MM-DD or YYYYMMDD,
    or as date_format says, as day numbers: parse_date) or "text" (the words
    of the C library's table types); the
    other columns of the file are left out. None reads every column as text.
    optional: names that may be absent from the file (the others must be
    there); not_empty: text columns whose fields must not be empty.
    infer=True (with columns None): a column whose every non-empty field
    is a finite number is read as numbers, empty fields NaN
    (cxm_csv_spec_set_infer_numbers); the others as text.
    decimal_comma=True: numbers are written 1,5 (spec §0.10; then "1.5" is
    an error and the delimiter must not be ","). Errors
    name the file, line, column and value.
    Returns a DataFrame (the first column as the index when it is text) or a
    Table without pandas. Raises IOFailure, ParseError, InvalidArgument (an
    unknown type word, a missing column), OutOfMemory.
    """
    spec = None
    if columns is not None or delimiter != "," or infer or date_format or decimal_comma:
        spec = native.csv_spec_new()
        native.csv_spec_set_delimiter(spec, delimiter)
        native.csv_spec_set_infer_numbers(spec, 1 if infer else 0)
        native.csv_spec_set_decimal_comma(spec, 1 if decimal_comma else 0)
        native.csv_spec_set_date_format(spec, date_format)
        for name, kind in (columns or {}).items():
            flags = (0 if name in optional else native.CSV_REQUIRED) | \
                (native.CSV_NOT_EMPTY if name in not_empty else 0)
            native.csv_spec_add_column(spec, name, _c.option(kind, native.NAMES_TABLE_TYPE), flags)
    return _table.frame(native.table_read_csv(os.fsdecode(os.fspath(path)), spec), as_frame)


def render_table(table: Any, format: str = "csv") -> Any:
    """A table (a DataFrame, with its named index first, or a dict of
    columns) as CSV or JSON text ("csv", "json"), written by the C library as
    `cxm` writes its tables: numbers in the shortest text that reads back
    exactly, text quoted as RFC 4180 needs; the table's attrs (text or
    numbers) lead the JSON. Raises InvalidArgument (an unknown format, columns
    of different lengths), OutOfMemory."""
    h = _table.native_of(table)
    for name, value in _table.attrs_of(table).items():
        if isinstance(value, str):
            native.table_set_attr_text(h, str(name), value)
        else:
            native.table_set_attr_number(h, str(name), _c.real(value, f"attrs[{name!r}]"))
    return native.table_render(h, _c.option(format, native.NAMES_FORMAT))


def timestamp_parse(text: Any) -> Any:
    """An ISO-8601 timestamp as Unix seconds UTC (spec §0.15): a date
    "YYYY-MM-DD" (its midnight UTC) or a date-time "YYYY-MM-DDTHH:MM[:SS[.fff]]"
    ('T' or ' ') with its UTC offset ("Z", "+HH:MM", "-HH:MM", "+HHMM").
    Returns (seconds, is_date): a float, and True for a date alone.
    Raises ParseError ("'2024-03-15T25:00Z' is not a timestamp: hour 25 is not
    in 00..23"; a date-time without an offset is refused).
    """
    seconds, is_date = native.timestamp_parse(text)
    return float(seconds), bool(is_date)


def period_start(day: float, period: str) -> int:
    """The first day of the period holding `day` (a day number, as date_parse
    gives): period "day", "week" (ISO: the Monday), "month", "quarter" or
    "year". Returns int. Raises InvalidArgument (an unknown period; a day that
    is not a whole day of the years 0001..9999)."""
    return int(native.period_start(_c.real(day, "day"), _c.option(period, native.NAMES_PERIOD)))


def timestamp_period(text: Any, period: str, utc_offset_minutes: Any = 0) -> int:
    """The first day (day number) of the period holding a timestamp seen at a
    UTC offset (minutes, -840..840): a date-time is shifted by the offset and
    its day taken; a date alone is its own day. Returns int. Raises
    ParseError, InvalidArgument, OutOfRange."""
    return int(native.timestamp_period(text, _c.option(period, native.NAMES_PERIOD), int(utc_offset_minutes)))
