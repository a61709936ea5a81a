"""Event logs (spec §21): the shared input of funnels, paths, touchpoints and
cohorts.

    log = cxmetrics.Events("events.csv", customer="user", time="ts",
                           event="page", properties=["channel"], values=["csat"])
    len(log), log.customers, log.skipped
    log.table()        # the events sorted: customer, time (Unix seconds), event, ..., row

A source is a path (CSV; gzip and "-" for standard input), a DataFrame, a
dict of arrays or a list of dicts (one per event). In a DataFrame or dict,
times may be ISO-8601 texts ("2024-03-15T10:22:33Z", "+02:00" offsets, dates),
datetime64 / datetime objects (naive ones taken as UTC) or Unix seconds;
missing ids and names (None, NaN, "") are bad rows. event=None: the source has
no event column and every row is the event "event" (an orders file).

Every rule (the sort, what a bad row is, the messages) is the C library's
(cxm_events_*); this module converts. The journey functions take an Events or
anything Events(...) takes, with the same column keywords (as_events).
"""

from typing import Any, Optional

import os

from . import _convert as _c
from . import _table
from . import native
from . import survey as _survey

__all__ = ["Events", "as_events", "events_skip_words", "duration_seconds"]

_UNSET = object()


def events_skip_words() -> Any:
    """The reasons a row is skipped, as the C library lists them."""
    return _c.words(native.NAMES_EVENTS_SKIP)


def duration_seconds(value: Any) -> Any:
    """A duration in seconds: "90", "30s", "15m", "12h", "7d", "2w" (the C
    library's cxm_duration_parse), a datetime.timedelta, or a number of
    seconds (>= 0)."""
    if hasattr(value, "total_seconds"):
        value = value.total_seconds()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = repr(float(value)) if value == value else "nan"
    if not isinstance(value, str):
        raise _c.bad_arg(f"a duration must be a text such as '7d', a timedelta or seconds, not "
                         f"{type(value).__name__}")
    return native.duration_parse(value)


def _is_path(x):
    return isinstance(x, (str, bytes)) or hasattr(x, "__fspath__")


def _records_to_columns(rows, names):
    """A list of dicts as a dict of lists of the named keys (a key absent from
    every row stays absent, for the library to name; absent in some: None)."""
    for i, r in enumerate(rows):
        if not isinstance(r, dict):
            raise _c.bad_arg(f"events[{i}] is a {type(r).__name__}; a list of events holds dicts")
    present = [n for n in names if any(n in r for r in rows)]
    return {n: [r.get(n) for r in rows] for n in present}


def _native_table(source, names):
    """The columns `names` of a DataFrame / dict as a native table; every
    column when one of them is missing, so that the library's message lists
    the source's columns."""
    cols = [str(c) for c in _table.columns_of(source)] if hasattr(source, "columns") else [str(c) for c in source]
    if all(n in cols for n in names):
        if hasattr(source, "columns"):
            source = source[[next(c for c in source.columns if str(c) == n) for n in names]]
        else:
            source = {n: source[next(c for c in source if str(c) == n)] for n in names}
    return _survey.native_table(source)


def _options(customer, time, event, properties, values, utc_offset, skip_bad_rows, delimiter, threads):
    o = native.events_opts_new()
    native.events_opts_set_columns(o, str(customer), str(time), None if event is None else str(event))
    for p in properties:
        native.events_opts_add_property(o, str(p))
    for v in values:
        native.events_opts_add_value(o, str(v))
    native.events_opts_set_utc_offset(o, _survey.utc_offset_minutes(utc_offset))
    if skip_bad_rows not in (True, False, 0, 1):
        raise _c.bad_arg(f"skip_bad_rows must be True or False, not {skip_bad_rows!r}")
    native.events_opts_set_skip_bad_rows(o, int(bool(skip_bad_rows)))
    if delimiter is not None:
        if delimiter == "tab":
            delimiter = "\t"
        if not isinstance(delimiter, str) or len(delimiter) != 1:
            raise _c.bad_arg(f"delimiter must be one character (or 'tab'), not {delimiter!r}")
        native.events_opts_set_delimiter(o, delimiter)
    if isinstance(threads, bool) or not isinstance(threads, int) or threads < 0:
        raise _c.bad_arg(f"threads must be a whole number >= 0 (0: one per core), not {threads!r}")
    native.events_opts_set_threads(o, threads)
    return o


def _names(x, what):
    if x is None:
        return []
    if isinstance(x, (str, bytes)):
        return [x]
    try:
        return list(x)
    except TypeError:
        raise _c.bad_arg(f"{what} must be a column name or a list of them, not {type(x).__name__}") from None


class Events:
    """An event log, sorted by customer (in order of first appearance), then
    time, then input order (spec §21). Read-only once built.

    source: a CSV path, a DataFrame, a dict of arrays or a list of dicts.
    customer, time, event: the column names (event=None: no event column,
    every row is the event "event"); properties: text columns kept with each
    event (channel, segment; up to 8); values: number columns (scores,
    amounts; up to 16; empty = NaN); utc_offset: "+HH:MM" or minutes, used
    to place times in calendar days (cohorts); skip_bad_rows: count bad rows
    (see .skipped) instead of raising on the first; delimiter (files);
    threads: 0 = one per core (results never depend on it).

    Raises cxmetrics.Error subclasses: InvalidArgument (a missing column,
    naming the source's columns; an empty id or event), ParseError (a time
    that is no timestamp; a number that is none; each with file:line:column
    and the value), EmptyInput (no event), IOError.
    """

    def __init__(self, source: Any, customer: Any = "customer_id", time: Any = "time",
                 event: Any = "event", properties: Any = (), values: Any = (), utc_offset: Any = 0,
                 skip_bad_rows: bool = False, delimiter: Any = None, threads: Any = 0) -> None:
        if isinstance(source, Events):
            raise _c.bad_arg("source is already an Events; use it as it is (cxmetrics.as_events)")
        properties = _names(properties, "properties")
        values = _names(values, "values")
        o = _options(customer, time, event, properties, values, utc_offset, skip_bad_rows, delimiter, threads)
        names = [str(customer), str(time)] + ([] if event is None else [str(event)])
        names += [str(p) for p in properties] + [str(v) for v in values]
        if _is_path(source):
            self._h = native.events_read_csv(os.fsdecode(os.fspath(source)), o)
        else:
            if isinstance(source, (list, tuple)):
                source = _records_to_columns(source, names)
            elif not (isinstance(source, dict) or hasattr(source, "columns")):
                raise _c.bad_arg(f"source must be a path, a DataFrame, a dict of arrays or a list of dicts, "
                                 f"not {type(source).__name__}")
            self._h = native.events_from_table(_native_table(source, names), o)
        self.columns = {"customer": str(customer), "time": str(time),
                        "event": None if event is None else str(event),
                        "properties": tuple(str(p) for p in properties), "values": tuple(str(v) for v in values)}
        self.utc_offset = _survey.utc_offset_minutes(utc_offset)

    @property
    def native(self) -> Any:
        """The native cxm_events handle (for the journey functions)."""
        return self._h

    def __len__(self):
        return native.events_count(self._h)

    @property
    def customers(self) -> Any:
        """The number of distinct customers."""
        return native.events_customers(self._h)

    @property
    def skipped(self) -> Any:
        """Rows skipped by reason ({"ragged": 0, "invalid_utf8": 0, ...}); all 0 unless skip_bad_rows."""
        return {w: native.events_skipped(self._h, i) for i, w in enumerate(events_skip_words())}

    def table(self, as_frame: Optional[bool] = None) -> Any:
        """The events in sorted order: the customer column, the time column
        (Unix seconds UTC, float), the event column, the properties, the
        values, `row` (the 1-based input row, int). A DataFrame (attrs: kind,
        utc_offset, customers, rows_read, skipped_<reason>), or without
        pandas a list of dicts."""
        out = _survey.tidy(native.events_table(self._h), as_frame)
        if hasattr(out, "columns"):
            out["row"] = out["row"].astype("int64")
        else:
            for r in out:
                r["row"] = int(r["row"])
        return out

    def to_dict(self) -> Any:
        """{"columns": [...], "events": [one dict per event], "attrs": {...}} (NaN as None)."""
        t = self.table(as_frame=False)
        h = native.events_table(self._h)
        attrs = dict(_table._attr(h, i) for i in range(native.table_attr_count(h)))
        return {"columns": list(t[0].keys()) if t else [], "events": _survey.records(t), "attrs": attrs}

    def to_json(self, **kwargs: Any) -> Any:
        """to_dict() as JSON text (NaN as null)."""
        import json
        return json.dumps(self.to_dict(), **kwargs)

    def __repr__(self):
        return (f"Events({len(self)} events, {self.customers} customers, columns "
                f"{self.columns['customer']!r}, {self.columns['time']!r}, {self.columns['event']!r})")


def as_events(source: Any, customer: Any = _UNSET, time: Any = _UNSET, event: Any = _UNSET,
              properties: Any = _UNSET, values: Any = _UNSET, utc_offset: Any = _UNSET,
              skip_bad_rows: Any = _UNSET, delimiter: Any = _UNSET, threads: Any = _UNSET) -> Any:
    """An Events of source: source itself when it is one (a column keyword
    given then must agree with how it was built: InvalidArgument otherwise),
    else Events(source, **the keywords given). The journey functions
    (funnel, paths, cohort) take their events through this."""
    given = {k: v for k, v in dict(customer=customer, time=time, event=event, properties=properties, values=values,
                                   utc_offset=utc_offset, skip_bad_rows=skip_bad_rows, delimiter=delimiter,
                                   threads=threads).items() if v is not _UNSET}
    if isinstance(source, Events):
        for k in ("customer", "time", "event"):
            if k in given and given[k] != source.columns[k]:
                raise _c.bad_arg(f"{k}={given[k]!r}, but the Events was built with {k}={source.columns[k]!r}; "
                                 f"give the column when the Events is built")
        for k in ("properties", "values"):
            if k in given:
                missing = [str(c) for c in _names(given[k], k) if str(c) not in source.columns[k]]
                if missing:
                    raise _c.bad_arg(f"{k} {missing!r} are not in the Events (its {k}: "
                                     f"{list(source.columns[k])!r}); give them when the Events is built")
        return source
    return Events(source, **given)
