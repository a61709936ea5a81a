"""First-response and resolution times (spec §4). Units are the caller's
(seconds recommended); NaN means "no response yet"."""

from typing import Any, Optional

from numpy.typing import ArrayLike

import numpy as np

from . import _convert as _c
from . import native
from ._convert import NAN_DEFAULT
from ._results import TimeSummary

__all__ = ["time_summary", "durations", "average_from_total"]


def time_summary(durations: ArrayLike, nan_policy: str = NAN_DEFAULT) -> "TimeSummary":
    """Mean, type-7 median and p90, min and max of per-request durations (spec §4).

    mean = total / n ("total time to first response / number of requests").
    nan_policy: "error" (default) or "omit" (unanswered requests dropped).
    Returns TimeSummary(n, total, mean, median, p90, min, max).
    Raises NanInput, OutOfRange (negative or infinite), EmptyInput,
    InvalidArgument, OutOfMemory.
    """
    return TimeSummary._from_native(native.time_summarize(_c.f64(durations),
                                                          _c.nan_policy(nan_policy)))


def durations(created: ArrayLike, responded: ArrayLike, nan_policy: str = NAN_DEFAULT) -> np.ndarray:
    """Durations responded[i] - created[i], as a float64 numpy array.

    A NaN `responded` is an unanswered request: NanInput under "error",
    dropped under "omit". A NaN `created` always raises NanInput.
    Raises InvalidArgument (lengths differ), NanInput, OutOfRange (negative
    or infinite duration).
    """
    c = _c.f64(created)
    # room for one duration per request (cxm_time_durations: cap >= n_created suffices)
    out, n = native.time_durations(c.size, c, _c.f64(responded), _c.nan_policy(nan_policy))
    return out[:n]


def average_from_total(total_time: float, n_requests: float) -> float:
    """Average time from aggregates: total_time / n_requests (spec §4).

    Returns float. Raises InvalidArgument (negative or infinite total, count
    not an integer >= 0), NanInput, EmptyInput (n_requests == 0).
    """
    return native.time_average_from_total(_c.real(total_time, "total_time"),
                                          _c.real(n_requests, "n_requests"))
