"""Key drivers (spec §19): which rating items or categorical attributes move
an outcome score, as relative weights (Johnson 2000) and the exact Shapley
decomposition of R² (LMG), with seeded bootstrap percentile intervals.

key_drivers(data, outcome=..., drivers=[...]) -> KeyDrivers, whose .table
is a DataFrame (or a Table, a dict of arrays, without pandas) with one row per
driver: driver, kind, correlation, relative_weight, rw_lower, rw_upper,
rw_share, shapley, shapley_lower, shapley_upper, shapley_share. Every rule
(dummies, reference level, missing values, limits, intervals) is the C
library's (cxm_drivers_fit); this module converts.
"""

from typing import Any, Optional

import math
import os

import numpy as np

from . import _convert as _c
from . import _table
from . import native

__all__ = ["key_drivers", "KeyDrivers"]


def _is_path(data):
    return isinstance(data, (str, bytes)) or hasattr(data, "__fspath__")


def _missing(v):
    """None, NaN, pd.NA, NaT: no value (a categorical driver's missing value
    goes to C as the empty text, which the library reads as missing)."""
    if v is None:
        return True
    if isinstance(v, (float, np.floating)):
        return math.isnan(v)
    pd = _table.pandas()
    return pd is not None and (v is pd.NA or v is pd.NaT)


def _add_column(h, name, values):
    """One column of the caller's table into the native table: numbers (bool,
    int, float; an object column of numbers and missing values) as NUMBER,
    anything else (str, categorical) as TEXT, a missing text as ""."""
    if hasattr(values, "dtype") and str(values.dtype) == "category":
        values = values.astype(object)
    a = np.asarray(values)
    if a.dtype.kind in "biuf":
        native.table_add_numbers(h, name, np.asarray(a, dtype=np.float64))
        return
    items = a.tolist()
    if a.dtype.kind == "O" and all(_missing(v) or (isinstance(v, (int, float, np.number)) and not isinstance(v, bool))
                                   for v in items):
        native.table_add_numbers(h, name, np.array([math.nan if _missing(v) else float(v) for v in items]))
        return
    native.table_add_texts(h, name, ["" if _missing(v) else str(v) for v in items])


def _native_table(data, names):
    """The native table of the columns `names` of a DataFrame or a dict of
    arrays. When one is missing, every column goes, so that the C library's
    message names it and lists all the columns there are."""
    h = native.table_new()
    have = _table.columns_of(data)
    for name in (names if set(names) <= set(have) else have):
        _add_column(h, name, _table._values(data, name) if not hasattr(data, "columns") else data[name])
    return h


def _csv_table(path, delimiter):
    """A CSV file read once by the C library, numbers inferred (an empty field
    is NaN, a missing value; other columns are text)."""
    spec = native.csv_spec_new()
    native.csv_spec_set_delimiter(spec, delimiter)
    native.csv_spec_set_infer_numbers(spec, 1)
    return native.table_read_csv(os.fsdecode(os.fspath(path)), spec)


def _options(bootstrap, seed, conf, nan_policy, threads):
    o = native.drivers_opts_new()
    native.drivers_opts_set_bootstrap(o, _c.integer(bootstrap, "bootstrap"))
    native.drivers_opts_set_seed(o, _c.integer(seed, "seed"))
    native.drivers_opts_set_conf(o, _c.conf(conf))
    native.drivers_opts_set_nan_policy(o, _c.nan_policy(nan_policy))
    native.drivers_opts_set_threads(o, _c.integer(threads, "threads"))
    return o


class KeyDrivers(_table.TablesBacked):
    """A fitted key-driver analysis (spec §19).

    table: one row per driver, in the order given (a DataFrame with a
    `driver` column, or a Table without pandas); r2: the model's R² (the sum
    of the Shapley values and of the relative weights); n: rows used;
    rows_dropped: rows left out for a missing value (nan_policy="omit");
    outcome; attrs: every attribute of the C table (bootstrap, seed, conf,
    bootstrap_redrawn, nan_policy, rows)."""

    def __init__(self, handle: Any, as_frame: Optional[bool] = None) -> None:
        self._handle = handle
        table = _table.frame(native.drivers_table(handle), as_frame)
        if hasattr(table, "reset_index"):
            table = table.reset_index()  # the driver as a column: a tidy frame
        self.table = table
        self.attrs = dict(table.attrs)
        self.r2 = native.drivers_r2(handle)
        self.n = native.drivers_n(handle)
        self.outcome = self.attrs["outcome"]
        self.rows_dropped = int(self.attrs["rows_dropped"])

    def _rows(self):
        t = self.table
        names = list(t.columns) if hasattr(t, "columns") else list(t)
        cols = {k: np.asarray(t[k]) for k in names}
        count = len(cols["driver"])
        return [{k: (_c.nan_to_none(float(v[i])) if v.dtype.kind == "f" else str(v[i])) for k, v in cols.items()}
                for i in range(count)]

    def to_dict(self) -> Any:
        """{"outcome", "r2", "n", "rows_dropped", "attrs", "drivers": [one dict per row]}; NaN as None."""
        return {"outcome": self.outcome, "r2": _c.nan_to_none(self.r2), "n": self.n, "rows_dropped": self.rows_dropped,
                "attrs": {k: (_c.nan_to_none(v) if isinstance(v, float) else v) for k, v in self.attrs.items()},
                "drivers": self._rows(),
                # the records cannot say the columns' dtypes (nor their names
                # with no driver): kept so that from_dict rebuilds the table
                "table": _table.schema(self.table)}

    @classmethod
    def from_dict(cls, d: Any, as_frame: Optional[bool] = None) -> "KeyDrivers":
        """The KeyDrivers of a to_dict(): table, attrs, r2, n, outcome,
        rows_dropped as the fit gave them (no C object is needed: the fit is
        done). Raises InvalidArgument naming the key and the value of a dict
        that is not one."""
        if not isinstance(d, dict):
            raise _c.bad_arg(f"KeyDrivers.from_dict needs a dict, not {type(d).__name__}")
        want = ("outcome", "r2", "n", "rows_dropped", "attrs", "drivers", "table")
        missing = [k for k in want if k not in d]
        unknown = sorted(str(k) for k in d if k not in want)
        if missing or unknown:
            raise _c.bad_arg(f"KeyDrivers.from_dict: missing keys {missing}, unknown keys {unknown}")
        table = _table.from_records(d["drivers"], d["table"], "KeyDrivers.from_dict: 'drivers'", as_frame)
        k = cls.__new__(cls)
        k._handle = None
        k.table = table
        k.attrs = dict(table.attrs)
        for key, kind in (("r2", float), ("n", int), ("rows_dropped", int), ("outcome", str)):
            v = d[key]
            # r2 may be None (NaN written as null); a bool is not a count
            ok = (v is None or isinstance(v, (int, float))) if kind is float else isinstance(v, kind)
            ok = ok and not isinstance(v, bool)
            if not ok:
                raise _c.bad_arg(f"KeyDrivers.from_dict: key '{key}' holds {v!r:.80}, not a {kind.__name__}")
        k.r2 = math.nan if d["r2"] is None else float(d["r2"])
        k.n, k.outcome, k.rows_dropped = d["n"], d["outcome"], d["rows_dropped"]
        if k.to_dict()["attrs"] != d["attrs"]:
            raise _c.bad_arg(f"KeyDrivers.from_dict: key 'attrs' holds {d['attrs']!r:.80}, "
                             f"the table's attrs are {k.to_dict()['attrs']!r:.80}")
        return k

    def __repr__(self):
        parts = ", ".join(f"{row['driver']}: shapley {row['shapley']:.4g}" for row in self._rows())
        return f"KeyDrivers(outcome={self.outcome!r}, r2={self.r2:.4g}, n={self.n}, {parts})"


def key_drivers(data: Any, outcome: Any, drivers: Any, *, bootstrap: Any = 200, seed: Any = 1,
                conf: float = 0.95, nan_policy: str = "error", threads: Any = 0, delimiter: Any = ",",
                as_frame: Optional[bool] = None) -> Any:
    """Key drivers of `outcome` among `drivers` (spec §19).

    data: a pandas DataFrame, a dict of arrays, or the path of a CSV file
    (read by the C library: numeric columns inferred, an empty field
    missing; delimiter: its field separator). A numeric column is a numeric
    driver; a text (or categorical) column a categorical one: k levels give
    k - 1 dummies, the reference the most frequent level, one player in the
    Shapley decomposition. The Python layer keeps no rule: a missing text
    (None, NaN) goes to C as "", which the library reads as missing.
    bootstrap: replicates for the percentile intervals (0: none, NaN bounds);
    seed: the bootstrap's seed (the same seed, the same intervals, whatever
    threads); conf: the intervals' level; nan_policy: "error" (default: a
    missing value raises NanInput naming the column and row) or "omit" (the
    row is left out and counted: rows_dropped).
    Raises InvalidArgument (a missing column, naming the columns there are; a
    constant or collinear driver; more than 15 drivers), TooFew, NanInput,
    OutOfRange (an infinite value), IOFailure / ParseError (a file).
    """
    if isinstance(drivers, str):
        raise _c.bad_arg("drivers must be a list of column names, not a single string")
    drivers = [str(d) for d in drivers]
    if _is_path(data):
        h = _csv_table(data.decode() if isinstance(data, bytes) else data, delimiter)
    elif isinstance(data, native.table):
        h = data
    elif _table.is_table(data):
        h = _native_table(data, [str(outcome)] + drivers)
    else:
        raise TypeError(f"data must be a DataFrame, a dict of arrays or a path, not {type(data).__name__}")
    o = _options(bootstrap, seed, conf, nan_policy, threads)
    return KeyDrivers(native.drivers_fit(h, str(outcome), drivers, o), as_frame)
