"""Cohorts of an event log (spec §24): customers grouped by the calendar period
of their first event (or first purchase), and per cohort x period since entry
the active customers, retention, revenue per customer, cumulative revenue per
customer, and the §5 churn and retention rates between consecutive periods.

Every rule is the C library's (cxm_cohort_table); this module converts.
"""

from typing import Any, Optional

import numpy as np

from . import _convert as _c
from . import _table
from . import native
from .events import Events, as_events

__all__ = ["cohort"]

_WHOLE = ("period", "customers", "active")


def _options(every, amount, first_event, active_event, nan_policy):
    o = native.cohort_opts_new()
    native.cohort_opts_set_period(o, _c.option(every, native.NAMES_PERIOD))
    native.cohort_opts_set_nan_policy(o, _c.nan_policy(nan_policy))
    native.cohort_opts_set_amount(o, amount)
    native.cohort_opts_set_first_event(o, first_event)
    native.cohort_opts_set_active_event(o, active_event)
    return o


def cohort_native(source: Any, every: Any = "month", amount: Any = None, first_event: Any = None,
                  active_event: Any = None, nan_policy: str = "error", **columns: Any) -> Any:
    """The native cohort table (a cxm_table handle) of `source` (see cohort)."""
    if amount is not None and not isinstance(source, Events):
        values = tuple(columns.pop("values", ()) or ())
        columns["values"] = values if amount in values else values + (amount,)
    ev = as_events(source, **columns)
    return native.cohort_table(ev.native, _options(every, amount, first_event, active_event, nan_policy))


def cohort(source: Any, every: Any = "month", amount: Any = None, *, first_event: Any = None,
           active_event: Any = None, nan_policy: str = "error", as_frame: Optional[bool] = None,
           **columns: Any) -> Any:
    """The cohort table of an event log (spec §24).

    source: an Events, or anything Events(...) accepts (a CSV path, a
    DataFrame, a dict of arrays) with its column keywords (customer, time,
    event, utc_offset, skip_bad_rows, ...); without an event column every
    row is one event (event=None).
    every: "day", "week" (ISO, Monday), "month" (default), "quarter", "year".
    amount: a value column summed as revenue (added to the log's values when
    the log is built here); None: the revenue columns are NaN.
    first_event: the event whose first occurrence enters a customer (e.g.
    "purchase"); None: any event. active_event: the event counted as
    activity (and whose amounts are revenue); None: any event.
    nan_policy: a NaN amount of an activity event is an error ("error",
    NanInput naming the customer and row) or left out and counted ("omit",
    attrs["amounts_omitted"]).

    Returns a DataFrame (or a Table with as_frame=False): cohort (the first
    day of the cohort's period, datetime64), period, customers, active,
    retention, revenue, revenue_per_customer, cumulative_revenue_per_customer,
    churn, period_retention; attrs kind="cohort", every, amount, first_event,
    active_event, utc_offset_minutes, customers_in_log,
    customers_not_entered, amounts_omitted. Its heat-map:
    cxmetrics.plot_retention (journey_plot); its page: cxmetrics.journey_html.
    """
    h = cohort_native(source, every, amount, first_event, active_event, nan_policy, **columns)
    out = _table.frame(h, as_frame, _WHOLE)
    days = np.asarray(out["cohort"], dtype=np.float64)
    out["cohort"] = days.astype(np.int64).astype("datetime64[D]")
    return out

