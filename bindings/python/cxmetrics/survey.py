"""Conversions for the survey report by group and period (report.py): a
DataFrame or a dict of arrays into a native cxm_table, the report's output
tables into tidy DataFrames (or lists of dicts without pandas), and the few
arguments whose syntax only Python knows (a UTC offset, a theme table given
as a dict). No rule of the report lives here: which column is read how, and
what is valid, is the C library's (cxm_survey_report_from_table).

A source table becomes a cxm_table column by column, every column kept (the
C library picks the ones the options name):
  - numbers (bool, int, float, nullable Int64/Float64 with pd.NA) -> NUMBER,
    missing -> NaN (a missing answer);
  - datetime64 -> NUMBER, Unix seconds UTC (naive values are taken as UTC,
    tz-aware ones converted), NaT -> NaN; so are Python datetime objects
    (naive as UTC), in an object column of them and None;
  - datetime.date objects -> TEXT "YYYY-MM-DD" (a calendar date, bucketed
    as its own day whatever the UTC offset, as in a CSV file);
  - everything else (str, categories, mixed objects) -> TEXT, None/NaN -> ""
    (an empty field, as in a CSV file).
"""

from typing import Any, Optional

import datetime as _dt
import json
import math
import numbers
import os

import numpy as np

from . import _convert as _c
from . import _table
from . import native

__all__ = []  # internal module

_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)


def _is_missing(v):
    if v is None:
        return True
    try:
        return bool(v != v)  # NaN, NaT, pd.NA (whose != raises: caught below)
    except (TypeError, ValueError):
        return True


def _datetime_seconds(values):
    """datetime64 (any unit) -> float Unix seconds, NaT -> NaN."""
    a = np.asarray(values).astype("datetime64[ns]")
    out = a.astype(np.int64).astype(np.float64) / 1e9
    out[np.isnat(a)] = np.nan
    return out


def _object_column(values):
    """('number' | 'text', array) for an object column."""
    present = [v for v in values if not _is_missing(v)]
    if present and all(isinstance(v, _dt.datetime) for v in present):
        def secs(v):
            if _is_missing(v):
                return math.nan
            if v.tzinfo is None:
                v = v.replace(tzinfo=_dt.timezone.utc)
            return (v - _EPOCH).total_seconds()
        return "number", np.array([secs(v) for v in values], dtype=np.float64)
    if present and all(isinstance(v, _dt.date) for v in present):
        return "text", ["" if _is_missing(v) else v.isoformat() for v in values]
    if present and all(isinstance(v, (numbers.Real, np.bool_)) and not isinstance(v, str)
                       for v in present):
        return "number", np.array([math.nan if _is_missing(v) else float(v) for v in values],
                                  dtype=np.float64)
    return "text", ["" if _is_missing(v) else str(v) for v in values]


def _column(x, name):
    """('number' | 'text', values) of column `name` of a DataFrame or a dict."""
    col = x[name]
    dtype = getattr(col, "dtype", None)
    pd = _table.pandas()
    if pd is not None and isinstance(col, pd.Series):
        if isinstance(dtype, pd.DatetimeTZDtype):
            return "number", _datetime_seconds(col.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy())
        if isinstance(dtype, pd.CategoricalDtype):
            return _object_column(np.asarray(col.astype(object)))
        if pd.api.types.is_extension_array_dtype(dtype) and pd.api.types.is_numeric_dtype(dtype):
            return "number", col.to_numpy(dtype=np.float64, na_value=np.nan)
        if pd.api.types.is_bool_dtype(dtype) and dtype != object:
            return "number", col.to_numpy(dtype=np.float64, na_value=np.nan)
        if pd.api.types.is_string_dtype(dtype) and dtype != object:
            return _object_column(col.to_numpy(dtype=object))
        col = col.to_numpy()
    a = np.asarray(col)
    if a.dtype.kind == "M":
        return "number", _datetime_seconds(a)
    if a.dtype.kind in "biuf":
        return "number", a.astype(np.float64)
    if a.dtype.kind in "US":
        return "text", [str(v) for v in a]
    return _object_column(a)


def native_table(source: Any) -> Any:
    """A native cxm_table of every column of a DataFrame or a dict of arrays
    (see the module for the conversions)."""
    names = _table.columns_of(source)
    h = native.table_new()
    for name in names:
        key = name
        if hasattr(source, "columns") and name not in source.columns:
            key = next(c for c in source.columns if str(c) == name)
        elif isinstance(source, dict) and name not in source:
            key = next(c for c in source if str(c) == name)
        kind, values = _column(source, key)
        if kind == "number":
            native.table_add_numbers(h, name, np.ascontiguousarray(values, dtype=np.float64))
        else:
            native.table_add_texts(h, name, list(values))
    return h


def utc_offset_minutes(value: Any) -> Any:
    """"+HH:MM", "-HH:MM", "+HHMM", "Z", a datetime.timedelta or whole minutes
    -> minutes east of UTC. Which offsets exist is the library's rule."""
    if isinstance(value, _dt.timedelta):
        secs = value.total_seconds()
        if secs % 60:
            raise _c.bad_arg(f"utc_offset must be whole minutes, got {value!r}")
        return int(secs // 60)
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, str):
        s = value
        if s == "Z":
            return 0
        ok = len(s) in (5, 6) and s[0] in "+-" and (len(s) == 5 or s[3] == ":")
        digits = s[1:3] + s[-2:]
        if ok and digits.isascii() and digits.isdigit() and int(s[-2:]) < 60:
            m = int(s[1:3]) * 60 + int(s[-2:])
            return -m if s[0] == "-" else m
    raise _c.bad_arg(f"utc_offset must be '+HH:MM' or '-HH:MM' (or 'Z', minutes, a timedelta), "
                     f"e.g. '+02:00'; got {value!r}")


def themes_handle(themes: Any) -> Any:
    """A native theme table: None (the library's default table), a path to a
    JSON file, or a dict {theme: [word or phrase, ...]} (its JSON)."""
    if themes is None:
        return native.themes_default()
    if isinstance(themes, dict):
        return native.themes_from_json(json.dumps(themes, ensure_ascii=False))
    if isinstance(themes, (str, bytes, os.PathLike)):
        return native.themes_read_json(os.fsdecode(os.fspath(themes)))
    raise _c.bad_arg(f"themes must be None, a path to a JSON file or a dict, got {type(themes).__name__}")


def tidy(h: Any, as_frame: Optional[bool] = None) -> Any:
    """An output table of the report as a tidy DataFrame (no index; the
    table's attributes in attrs), or without pandas a list of dicts (one per
    row). `suppressed` is an int column (0/1); every other number a float."""
    rows = native.table_rows(h)
    n = native.table_column_count(h)
    names = [native.table_column_name(h, c) for c in range(n)]
    columns = {name: _table._column(h, c, rows) for c, name in enumerate(names)}
    if "suppressed" in columns:
        columns["suppressed"] = np.asarray(columns["suppressed"]).astype(np.int64)
    attrs = dict(_table._attr(h, i) for i in range(native.table_attr_count(h)))
    pd = _table.pandas() if as_frame is None or as_frame else None
    if pd is not None:
        out = pd.DataFrame(columns)
        out.attrs.update(attrs)
        return out
    return [{k: _plain(v[i]) for k, v in columns.items()} for i in range(rows)]


def _plain(v):
    """A numpy scalar as a Python value (NaN kept: to_json makes it null)."""
    return v.item() if isinstance(v, np.generic) else v


def records(table: Any) -> Any:
    """Rows of a tidy DataFrame or a list of dicts as plain dicts, NaN -> None."""
    if hasattr(table, "to_dict") and hasattr(table, "columns"):
        rows = table.to_dict(orient="records")
    else:
        rows = table
    return [{k: _none(_plain(v)) for k, v in r.items()} for r in rows]


def _none(v):
    return None if isinstance(v, float) and v != v else v
