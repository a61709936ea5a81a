"""Paths and touchpoints of an event log (spec §23).

transitions: the transition matrix (from, to, count, probability %,
median_seconds); top_paths: the most frequent k-event paths from (start=)
or to (end=) each customer's first anchor event; touchpoints: per event
name its customers, exits and drop-off, the NPS / CSAT / CES answers given
there with their intervals, and friction (the mean of drop_off,
not_satisfied and not_easy), ranked. Every rule is the C library's
(cxm_paths_*, cxm_touchpoints); this module converts. `events` is an Events
or anything Events(...) takes (a CSV path, a DataFrame, a dict of arrays),
with its column keywords (customer=, time=, event=, ...).
"""

from typing import Any, Optional

from . import _convert as _c
from . import _table
from . import native
from .events import as_events

__all__ = ["transitions", "top_paths", "touchpoints"]

_METRICS = (("nps", native.SURVEY_NPS), ("csat", native.SURVEY_CSAT), ("ces", native.SURVEY_CES))


def _frame(h, as_frame, whole):
    out = _table.frame(h, as_frame, whole)
    # frame() makes a first TEXT column the index (ids elsewhere); `from` is no id
    if hasattr(out, "reset_index") and out.index.name is not None:
        out = out.reset_index()
    return out


def transitions(events: Any, *, as_frame: Optional[bool] = None, **columns: Any) -> Any:
    """The transition matrix: each pair of consecutive events of a customer
    (sorted by time, same-second events in input order). Columns from, to,
    count, probability (% of the transitions out of `from`), median_seconds
    (type 7); rows by from, then count descending, then to. attrs: kind
    "transitions", customers, events, transitions."""
    ev = as_events(events, **columns)
    return _frame(native.paths_transitions(ev.native), as_frame, ("count",))


def top_paths(events: Any, *, start: Any = None, end: Any = None, length: int = 3, top: int = 10,
              as_frame: Optional[bool] = None, **columns: Any) -> Any:
    """The `top` most frequent paths of `length` events (2..10) from each
    customer's first `start` event, or to their first `end` event (give one).
    A customer with fewer events is counted with a shorter path ending in
    "(end)" (beginning with "(start)"). Columns rank, path ("a > b > c"),
    customers, share (% of the customers with the anchor event)."""
    if (start is None) == (end is None):
        raise _c.bad_arg("top_paths needs start= (paths from an event) or end= (paths to an event), one of them")
    ev = as_events(events, **columns)
    anchor, name = (native.PATHS_FROM, start) if start is not None else (native.PATHS_TO, end)
    h = native.paths_top(ev.native, str(name), anchor, _c.integer(length, "length"), _c.integer(top, "top"))
    return _frame(h, as_frame, ("rank", "customers"))


def _scale(value, what):
    if isinstance(value, str):
        lo, sep, hi = value.partition("-")
        if sep and lo.strip().lstrip("-").isdigit() and hi.strip().isdigit():
            return int(lo), int(hi)
        raise _c.bad_arg(f"{what} must be 'LO-HI' or (lo, hi), not {value!r}")
    try:
        lo, hi = value
    except (TypeError, ValueError):
        raise _c.bad_arg(f"{what} must be 'LO-HI' or (lo, hi), not {value!r}") from None
    return _c.integer(lo, what), _c.integer(hi, what)


def touchpoint_options(nps: Any = None, csat: Any = None, ces: Any = None, nps_scale: Any = None,
                       csat_scale: Any = None, csat_threshold: Optional[int] = None, ces_scale: Any = None,
                       ces_agree: Optional[int] = None, conf: float = 0.95, goals: Any = ()) -> Any:
    """A native cxm_touchpoint_opts (None settings: the library's defaults)."""
    o = native.touchpoint_opts_new()
    for (key, metric), column in zip(_METRICS, (nps, csat, ces)):
        if column is not None:
            native.touchpoint_opts_set_score(o, metric, str(column))
    for (key, metric), scale in zip(_METRICS, (nps_scale, csat_scale, ces_scale)):
        if scale is not None:
            native.touchpoint_opts_set_scale(o, metric, *_scale(scale, f"{key}_scale"))
    if csat_threshold is not None:
        native.touchpoint_opts_set_threshold(o, native.SURVEY_CSAT, _c.integer(csat_threshold, "csat_threshold"))
    if ces_agree is not None:
        native.touchpoint_opts_set_threshold(o, native.SURVEY_CES, _c.integer(ces_agree, "ces_agree"))
    native.touchpoint_opts_set_conf(o, _c.conf(conf))
    for goal in [goals] if isinstance(goals, str) else goals:
        native.touchpoint_opts_add_goal(o, str(goal))
    return o


def touchpoints(events: Any, *, nps: Any = None, csat: Any = None, ces: Any = None, nps_scale: Any = None,
                csat_scale: Any = None, csat_threshold: Any = None, ces_scale: Any = None,
                ces_agree: Any = None, conf: float = 0.95, goals: Any = (),
                as_frame: Optional[bool] = None, **columns: Any) -> Any:
    """Touchpoint scores and friction (spec §23.3), one row per event name.

    nps / csat / ces: value columns of the log holding the answers given at
    that event (NaN: none); a source that is not an Events yet reads them as
    values. Scales: NPS 0-10, CSAT 1-5 satisfied from 4, CES 1-7 agreeing
    from 5 unless set ("1-5" or (1, 5); csat_threshold, ces_agree).
    Columns rank, event, events, customers, exits, drop_off, nps_n, nps,
    nps_lower, nps_upper (adjusted Wald), csat_n, csat, csat_lower,
    csat_upper, ces_n, ces, ces_lower, ces_upper (Wilson), not_satisfied,
    not_easy, friction_components, friction, goal; ranked by friction.
    goals: goal events (a name or a list, e.g. "purchase"): ending there is
    finishing, so they have no drop_off (spec §23.3)."""
    wanted = [str(c) for c in (nps, csat, ces) if c is not None]
    if wanted:
        values = list(columns.pop("values", ()))
        columns["values"] = values + [c for c in wanted if c not in values]
    o = touchpoint_options(nps, csat, ces, nps_scale, csat_scale, csat_threshold, ces_scale, ces_agree, conf, goals)
    ev = as_events(events, **columns)
    whole = ("rank", "events", "customers", "exits", "nps_n", "csat_n", "ces_n", "friction_components", "goal")
    return _frame(native.touchpoints(ev.native, o), as_frame, whole)
