"""Conversion funnels over an event log (spec §22).

funnel(events, steps, window="7d", mode="ordered", by=None, ...) -> Funnel,
whose .steps, .next_events and .tests are DataFrames (Tables without pandas)
with the C tables' attributes. Every rule (the modes, the window, the best
attempt, Wilson intervals, the tests and their adjustment) is the C
library's (cxm_funnel_*); this module converts arguments and results.
"""

from typing import Any, Optional

import math
import numbers

import numpy as np

from . import _convert as _c
from . import _table
from . import events as _events
from . import native

__all__ = ["funnel", "Funnel", "funnel_mode_words"]

# the three tables, in the order of to_dict
_TABLES = ("steps", "next_events", "tests")


def _check_keys(obj, d, name):
    """A dict read back must have exactly the keys of the rebuilt object's
    to_dict (a typo or a stray key is refused, never ignored), and the
    values those keys derive from the tables (the steps' attrs at the top)."""
    want = obj.to_dict()
    unknown = sorted(str(k) for k in d if k not in want)
    missing = [k for k in want if k not in d]
    if unknown or missing:
        raise _c.bad_arg(f"{name}.from_dict: missing keys {missing}, unknown keys {unknown}")
    for k, v in want.items():
        if d[k] != v:
            raise _c.bad_arg(f"{name}.from_dict: key '{k}' holds {d[k]!r:.80}, its tables say {v!r:.80}")


# columns that are counts by construction: int64 in Python
_WHOLE = ("step", "customers", "rest_customers")


def funnel_mode_words() -> Any:
    """The funnel modes, as the C library lists them: ordered, strict, any."""
    return _c.words(native.NAMES_FUNNEL_MODE)


def _window(window):
    """Seconds as given (the library checks them: >= 0, not NaN, naming the
    value), else a duration text or timedelta through events.duration_seconds."""
    if isinstance(window, numbers.Real) and not isinstance(window, bool):
        return float(window)
    return _events.duration_seconds(window)


def _frame(h, as_frame):
    """A native table as a DataFrame / Table with every column a column (no index)."""
    rows = native.table_rows(h)
    n = native.table_column_count(h)
    columns = {}
    for c in range(n):
        name = native.table_column_name(h, c)
        col = _table._column(h, c, rows)
        if name in _WHOLE:
            col = np.asarray(col).astype(np.int64)
        columns[name] = col
    attrs = dict(_table._attr(h, i) for i in range(native.table_attr_count(h)))
    return _table.make(columns, attrs, None, as_frame)


_records = _table.records


class Funnel(_table.TablesBacked):
    """A computed funnel: .steps (per group and step: customers, conversion
    with its Wilson lower/upper, drop_off, overall, mean/median/p90 seconds to
    the next step), .next_events (where the customers who stop at each step
    go next), .tests (with by: each group's step conversion against the rest
    of the groups, p_value and p_adjusted); each with the C table's attrs."""

    def __init__(self, handle: Any, as_frame: Optional[bool] = None) -> None:
        self._h = handle
        self._tables = (native.funnel_steps(handle), native.funnel_next_events(handle),
                        native.funnel_tests(handle))
        self.steps = _frame(self._tables[0], as_frame)
        self.next_events = _frame(self._tables[1], as_frame)
        self.tests = _frame(self._tables[2], as_frame)

    @property
    def attrs(self) -> Any:
        """The steps table's attributes: kind, mode, window_seconds, conf, customers_in_log (by)."""
        return dict(self.steps.attrs)

    def to_dict(self) -> Any:
        """{"steps": [...], "next_events": [...], "tests": [...], and the steps
        table's attributes, plus the tests' "adjust"}, NaN as None."""
        out = {"steps": _records(self.steps), "next_events": _records(self.next_events),
               "tests": _records(self.tests)}
        for k, v in self.steps.attrs.items():
            out[k] = None if isinstance(v, float) and math.isnan(v) else v
        out["adjust"] = self.tests.attrs.get("adjust")
        # what the records cannot say (dtypes, an empty table's columns, each
        # table's attrs), so that from_dict rebuilds the same tables
        out["tables"] = {k: _table.schema(getattr(self, k)) for k in _TABLES}
        return out

    @classmethod
    def from_dict(cls, d: Any, as_frame: Optional[bool] = None) -> "Funnel":
        """The Funnel of a to_dict(): its tables and attrs, every data
        accessor as the funnel made; to_html (the C library's page) raises
        InvalidArgument, the tables it drew from being gone. Raises
        InvalidArgument naming the key and value of a dict that is not one."""
        if not isinstance(d, dict):
            raise _c.bad_arg(f"Funnel.from_dict needs a dict, not {type(d).__name__}")
        missing = [k for k in _TABLES + ("tables",) if k not in d]
        if missing or not isinstance(d["tables"], dict) or set(d["tables"]) != set(_TABLES):
            raise _c.bad_arg(f"Funnel.from_dict: missing keys {missing}, or 'tables' "
                             f"{d.get('tables')!r:.80} does not name {list(_TABLES)}")
        f = cls.__new__(cls)
        f._h = None
        f._tables = None
        for k in _TABLES:
            setattr(f, k, _table.from_records(d[k], d["tables"][k], f"Funnel.from_dict: '{k}'", as_frame))
        _check_keys(f, d, "Funnel")
        return f

    def to_html(self, title: str = "Funnel") -> Any:
        """The journey page of the three tables (cxm_journey_render_html)."""
        if self._tables is None:
            raise _c.bad_arg("Funnel.to_html: this Funnel was read from JSON; the page needs "
                             "the funnel cxmetrics.funnel() made")
        return native.journey_render_html(list(self._tables), title)

    def _repr_html_(self):
        return self.to_html()

    def plot(self, ax: Any = None) -> Any:
        """Funnel bars with Wilson whiskers (journey_plot.plot_funnel); matplotlib
        is imported when drawn."""
        from .journey_plot import plot_funnel
        return plot_funnel(self, ax=ax)

    def __repr__(self):
        a = self.steps.attrs
        return (f"Funnel(mode={a.get('mode')!r}, window_seconds={a.get('window_seconds')!r}, "
                f"steps={len(self.steps['step'])} rows)")


def funnel(events: Any, steps: Any, window: Any = "7d", mode: str = "ordered", by: Any = None,
           top_next: int = 5, conf: float = 0.95, adjust: str = "holm", threads: int = 0,
           as_frame: Optional[bool] = None, **columns: Any) -> Any:
    """A funnel (spec §22) over `events`: an Events, or anything Events()
    accepts (a CSV path, a DataFrame, a dict of arrays) with its column
    keywords (customer=, time=, event=, properties=, ...; `by` is added to
    the properties when missing).

    steps: 2..32 event names in order (a name may repeat). window: seconds,
    a duration text ("7d", "12h", "90") or a timedelta; every step within
    [t1, t1 + window] of the attempt's first step, both ends included.
    mode: "ordered" (other events allowed between steps), "strict" (each
    step the very next event) or "any" (the steps in any order). by: a
    property column to break the funnel down by (the value at the step-1
    event). top_next: next events kept per step. conf: the Wilson intervals'
    confidence. adjust: "holm", "bh" or "none" for the group tests' p-values.
    threads: 0 = every core (results do not depend on it).

    Raises InvalidArgument for an unknown step (the message lists the log's
    events), a negative window, an unknown mode or by column; the events
    reader's errors (a bad timestamp with its file and line) as they come.
    """
    if isinstance(steps, str):
        raise TypeError("steps must be a sequence of event names, not one string "
                        "(split 'a,b,c' yourself)")
    steps = [str(s) for s in steps]
    if by is not None and not isinstance(events, _events.Events):
        props = list(columns.pop("properties", ()) or ())
        if by not in props:
            props.append(by)
        columns["properties"] = props
    ev = _events.as_events(events, **columns)
    o = native.funnel_opts_new()
    native.funnel_opts_set_mode(o, _c.option(mode, native.NAMES_FUNNEL_MODE))
    if by is not None:
        native.funnel_opts_set_by(o, str(by))
    native.funnel_opts_set_conf(o, _c.real(conf, "conf"))
    native.funnel_opts_set_adjust(o, _c.option(adjust, native.NAMES_P_ADJUST))
    native.funnel_opts_set_top_next(o, _c.integer(top_next, "top_next"))
    native.funnel_opts_set_threads(o, _c.integer(threads, "threads"))
    h = native.funnel_run(ev.native, steps, _window(window), o)
    return Funnel(h, as_frame)
