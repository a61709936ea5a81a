"""The one conversion of a C table (cxmetrics/table.h) into Python.

The library's table producers (the CLV customer summary, the RFM customers)
return a native cxm_table; frame() turns it into a pandas DataFrame when
pandas is importable (or as_frame=True), else into a Table (a dict of numpy
arrays), both with the table's attributes in `attrs`:
  - NUMBER and DAY columns: float64 arrays (days as day numbers, days since
    1970-01-01, as everywhere in the package) through cxm_table_copy_numbers;
  - TEXT columns: object arrays of str, from the column's codes
    (cxm_table_copy_codes) into its levels (cxm_table_level);
  - a DataFrame's index is the first column when it is TEXT (the customers'
    ids: "id" of the CLV summary, "customer_id" of the RFM customers); a
    Table keeps it as a column;
  - attributes: TEXT as str, NUMBER and DAY as floats (day numbers).
Nothing here knows a column or an attribute by name.
"""

import json
import math
from typing import Any, Dict, Mapping, Optional, Type, TypeVar

import numpy as np

from . import native

__all__ = []  # internal module


def pandas():
    """The pandas module, or None when it is not installed (it is optional)."""
    try:
        import pandas
    except ImportError:  # pragma: no cover - pandas is optional
        return None
    return pandas


class Table(dict):
    """A table as a dict of numpy arrays (column name -> array), in the C
    table's column order, with the table's attributes in `attrs` (as a
    DataFrame's)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.attrs = {}

    def __repr__(self):
        cols = ", ".join(f"{k}: {v.dtype}[{len(v)}]" for k, v in self.items())
        return f"Table({{{cols}}}, attrs={self.attrs!r})"

    def __eq__(self, other: object) -> bool:
        """Same columns (names, order, dtypes, values: NaN equal to NaN) and attrs."""
        if not isinstance(other, Table):
            return NotImplemented
        from ._results import _same
        return (list(self) == list(other) and all(_same(self[k], other[k]) for k in self)
                and list(self.attrs) == list(other.attrs)
                and all(_same(v, other.attrs[k]) for k, v in self.attrs.items()))

    __hash__ = None  # type: ignore[assignment]  # a dict: not hashable

    def to_dict(self) -> Dict[str, Any]:
        """{"columns": {name: [values]}, "dtypes": {name: "float64" | "int64" |
        "object" | ...}, "attrs": {...}}: plain Python values, NaN as None; the
        dtypes let from_dict() rebuild the same arrays."""
        from ._results import to_plain
        return {"columns": {k: to_plain(v) for k, v in self.items()},
                "dtypes": {k: str(v.dtype) for k, v in self.items()},
                "attrs": to_plain(self.attrs)}

    def to_json(self) -> str:
        """to_dict() as JSON text (NaN as null)."""
        return json.dumps(self.to_dict(), allow_nan=False)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Table":
        """The Table of a to_dict(): None in a float column or attribute is
        read back as NaN. Raises InvalidArgument (keys, a column of another
        length, a value its dtype cannot hold) naming the column."""
        from ._convert import bad_arg
        if not isinstance(d, Mapping) or set(d) != {"columns", "dtypes", "attrs"}:
            raise bad_arg("Table.from_dict needs a dict with keys columns, dtypes and attrs")
        columns, dtypes = d["columns"], d["dtypes"]
        if not isinstance(columns, Mapping) or not isinstance(dtypes, Mapping) \
                or set(columns) != set(dtypes):
            raise bad_arg("Table.from_dict: columns and dtypes must name the same columns")
        out = cls()
        lengths = set()
        for name, values in columns.items():
            try:
                dt = np.dtype(dtypes[name])
                if dt.kind == "O":
                    a = np.empty(len(values), dtype=object)
                    a[:] = list(values)
                else:
                    a = np.asarray([math.nan if v is None else v for v in values], dtype=dt)
            except (TypeError, ValueError, OverflowError) as e:
                raise bad_arg(f"Table.from_dict: column '{name}' ({dtypes[name]!r}): {e}") from None
            lengths.add(len(a))
            out[name] = a
        if len(lengths) > 1:
            raise bad_arg(f"Table.from_dict: columns of different lengths {sorted(lengths)}")
        attrs = d["attrs"] if isinstance(d["attrs"], Mapping) else {}
        out.attrs = {k: (math.nan if v is None else v) for k, v in attrs.items()}
        return out

    @classmethod
    def from_json(cls, text: str) -> "Table":
        """The Table of to_json() text. Raises ParseError, InvalidArgument."""
        from ._results import _loads
        return cls.from_dict(_loads(text, "Table"))


_T = TypeVar("_T", bound="TablesBacked")


class TablesBacked:
    """Mixin of the results that hold tables (Funnel, KeyDrivers, SurveyReport):
    to_json() is the subclass's to_dict() as JSON (NaN as null), from_json()
    reads it back through the subclass's from_dict(d, as_frame), and two are
    equal when their dicts are (NaN is None there, so NaN equals NaN). Not
    hashable: their tables are mutable."""

    def to_json(self, **kwargs: Any) -> Any:
        """to_dict() as JSON text (NaN as null); keyword arguments go to json.dumps."""
        return json.dumps(self.to_dict(), allow_nan=False, **kwargs)  # type: ignore[attr-defined]

    @classmethod
    def from_json(cls: Type[_T], text: Any, as_frame: Optional[bool] = None) -> _T:
        """The object of to_json() text. Raises ParseError (line, column), InvalidArgument."""
        from ._results import _loads
        return cls.from_dict(_loads(text, cls.__name__), as_frame)  # type: ignore[attr-defined]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, type(self)):
            return NotImplemented
        return self.to_dict() == other.to_dict()  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]


def _column(h, col, rows):
    kind = native.table_column_type(h, col)
    if kind != native.TABLE_TEXT:
        return native.table_copy_numbers(rows, h, col)
    levels = np.empty(native.table_level_count(h, col), dtype=object)
    levels[:] = [native.table_level(h, col, i) for i in range(levels.size)]
    return levels[native.table_copy_codes(rows, h, col)]


def _attr(h, i):
    name = native.table_attr_name(h, i)
    if native.table_attr_type(h, i) == native.TABLE_TEXT:
        return name, native.table_get_attr_text(h, name)
    return name, native.table_get_attr_number(h, name)


def use_pandas(as_frame):
    """The pandas module when the result is to be a DataFrame, else None.
    as_frame: None (a DataFrame when pandas is importable), True or False."""
    pd = pandas() if as_frame is None or as_frame else None
    if as_frame and pd is None:  # pragma: no cover
        raise ImportError("as_frame=True needs pandas")
    return pd


def make(columns, attrs=None, index=None, as_frame=None):
    """A DataFrame (pandas importable and as_frame not False) or a Table of
    `columns` (name -> array, in order), with `attrs`. index: the name of the
    column that becomes a DataFrame's index (a Table keeps it as a column)."""
    pd = use_pandas(as_frame)
    if pd is None:
        out = Table(columns)
    else:
        cols = dict(columns)
        idx = pd.Index(cols.pop(index), name=index) if index is not None else None
        out = pd.DataFrame(cols, index=idx)
    out.attrs.update(attrs or {})
    return out


# ---- tables of a result read back from JSON (issue 14, item 6) -------------
# The handle-backed results (Funnel, KeyDrivers, SurveyReport) write their
# tables as lists of records, which their callers read; a list of records
# cannot say a column's dtype, nor its name when the table is empty, nor the
# table's attributes. schema() is that part, kept beside the records, so that
# from_records() rebuilds the same table (same columns, dtypes, attrs).

def schema(t: Any) -> Dict[str, Any]:
    """{"dtypes": {column: dtype name}, "attrs": {...}} of a DataFrame or a
    Table (a list of dicts, survey.tidy without pandas: dtypes from its
    values), plain Python values (NaN attributes as None)."""
    from ._results import to_plain
    if isinstance(t, list):
        names = list(t[0]) if t else []
        dtypes = {k: ("object" if isinstance(t[0][k], str) else "int64" if isinstance(t[0][k], int)
                      else "float64") for k in names}
        return {"dtypes": dtypes, "attrs": {}}
    names = list(t.columns) if hasattr(t, "columns") else list(t)
    return {"dtypes": {str(k): str(np.asarray(t[k]).dtype) for k in names},
            "attrs": to_plain(dict(getattr(t, "attrs", {}) or {}))}


def records(t: Any) -> Any:
    """The rows of a DataFrame / Table as dicts of plain Python values, NaN as None."""
    names = list(t.keys()) if isinstance(t, dict) else list(t.columns)
    cols = {k: np.asarray(t[k]) for k in names}
    n = len(cols[names[0]]) if names else 0
    out = []
    for i in range(n):
        row = {}
        for k in names:
            v = cols[k][i]
            if isinstance(v, (np.integer,)):
                v = int(v)
            elif isinstance(v, (np.floating, float)):
                v = float(v)
                v = None if math.isnan(v) or math.isinf(v) else v
            row[k] = v
        out.append(row)
    return out


def from_records(rows: Any, sch: Any, what: str, as_frame: Any = None) -> Any:
    """The table of a list of records and its schema(): a DataFrame or a
    Table as make() gives (no index), None read back as NaN in a float
    column and attribute. Raises InvalidArgument naming `what`, the row, the
    key and the value for a row that does not fit the schema."""
    from ._convert import bad_arg
    if not isinstance(rows, list):
        raise bad_arg(f"{what}: expected a list of records, not {type(rows).__name__} {rows!r:.80}")
    if not isinstance(sch, Mapping) or set(sch) != {"dtypes", "attrs"} \
            or not isinstance(sch["dtypes"], Mapping) or not isinstance(sch["attrs"], Mapping):
        raise bad_arg(f"{what}: the schema must be a dict with keys dtypes and attrs, not {sch!r:.80}")
    names = list(sch["dtypes"])
    for i, r in enumerate(rows):
        if not isinstance(r, Mapping) or list(r) != names:
            got = list(r) if isinstance(r, Mapping) else r
            raise bad_arg(f"{what}: row {i} has keys {got!r:.120}, the schema {names}")
    columns = {}
    for name in names:
        values = [r[name] for r in rows]
        try:
            dt = np.dtype(sch["dtypes"][name])
            if dt.kind == "O":
                a = np.empty(len(values), dtype=object)
                a[:] = values
            else:
                a = np.asarray([math.nan if v is None else v for v in values], dtype=dt)
        except (TypeError, ValueError, OverflowError) as e:
            bad = next((v for v in values if not isinstance(v, (int, float)) or isinstance(v, bool)), None)
            raise bad_arg(f"{what}: column '{name}' ({sch['dtypes'][name]!r}) holds {bad!r}: {e}") from None
        columns[name] = a
    attrs = {k: (math.nan if v is None else v) for k, v in sch["attrs"].items()}
    return make(columns, attrs, None, as_frame)


def frame(h, as_frame=None, whole=()):
    """The native table `h` as a DataFrame or a Table (see the module).
    whole: names of columns that are whole numbers by construction (counts,
    scores, cluster labels), given as int64 (C tables hold numbers as doubles)."""
    rows = native.table_rows(h)
    n = native.table_column_count(h)
    names = [native.table_column_name(h, c) for c in range(n)]
    columns = {name: _column(h, c, rows) for c, name in enumerate(names)}
    for name in whole:
        if name in columns:
            columns[name] = np.asarray(columns[name]).astype(np.int64)
    attrs = dict(_attr(h, i) for i in range(native.table_attr_count(h)))
    first_text = n > 0 and native.table_column_type(h, 0) == native.TABLE_TEXT
    return make(columns, attrs, names[0] if first_text else None, as_frame)


def is_table(x):
    """A DataFrame or a dict of columns (what frame() gives, or the caller's own)."""
    return isinstance(x, dict) or (hasattr(x, "columns") and hasattr(x, "index"))


def attrs_of(x):
    """The attributes of a table argument ({} for one without)."""
    return getattr(x, "attrs", None) or {}


def columns_of(x):
    """The column names of a table argument (a DataFrame's index too when it is named)."""
    names = list(x.columns) if hasattr(x, "columns") and hasattr(x, "index") else list(x)
    return [str(c) for c in names]


def _values(x, name):
    """Column `name` of a table argument; a DataFrame's named index too."""
    index = getattr(x, "index", None)
    if index is not None and hasattr(x, "columns") and name not in x.columns and index.name == name:
        return np.asarray(index)
    return np.asarray(x[name])


def native_of(x, keep=None):
    """A native table holding the columns of the table argument `x` (a
    DataFrame's named index first) whose names keep(name) accepts, under the
    name keep returns (keep None: every column, as named): text columns
    (str or object) as TEXT, the others as NUMBER. The C functions that read
    tables (cxm_clv_fit_table, cxm_clv_predict_table) find their columns,
    and name a missing one, themselves."""
    h = native.table_new()
    names = columns_of(x)
    index = getattr(x, "index", None)
    if index is not None and hasattr(x, "columns") and index.name is not None \
            and str(index.name) not in names:
        names.insert(0, str(index.name))
    for name in names:
        as_ = name if keep is None else keep(name)
        if as_ is None:
            continue
        values = _values(x, name)
        if values.dtype.kind in "OUS":
            native.table_add_texts(h, as_, [str(v) for v in values])
        else:
            native.table_add_numbers(h, as_, np.asarray(values, dtype=np.float64))
    return h
