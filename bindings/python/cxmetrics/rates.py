"""Churn, retention, repeat purchase, referral, MAU, bounce, error and task
success rates (spec §5). Every rate is a percentage (x 100). Counts are
integers >= 0 (ints or integral floats; InvalidArgument otherwise)."""

from typing import Any, Optional

from numpy.typing import ArrayLike

from . import _convert as _c
from . import native
from ._convert import CONF_DEFAULT, NAN_DEFAULT
from ._results import Bounce, RepeatPurchase, TaskSuccess

__all__ = ["churn_rate", "retention_rate", "repeat_purchase_rate",
           "repeat_purchase_rate_counts", "referral_rate", "error_rate", "bounce_rate",
           "bounce_rate_counts", "task_success", "task_success_rate",
           "monthly_active_users"]


def churn_rate(customers_start: float, customers_lost: float) -> float:
    """Churn rate 100 L / S (spec §5.1).

    Returns float (percent). Raises InvalidArgument, EmptyInput (S == 0),
    Inconsistent (L > S).
    """
    return native.churn_rate(_c.real(customers_start, "customers_start"),
                             _c.real(customers_lost, "customers_lost"))


def retention_rate(customers_start: float, customers_end: float, customers_new: float) -> float:
    """Customer retention rate 100 (E - N) / S (spec §5.2).

    Returns float (percent). Raises InvalidArgument, EmptyInput (S == 0),
    Inconsistent (N > E or E - N > S).
    """
    return native.retention_rate(_c.real(customers_start, "customers_start"),
                                 _c.real(customers_end, "customers_end"),
                                 _c.real(customers_new, "customers_new"))


def repeat_purchase_rate(orders_per_customer: ArrayLike) -> "RepeatPurchase":
    """Repeat purchase rate from per-customer order counts (spec §5.3).

    rate = 100 #(>= 2 orders) / #(>= 1 order); zero-order customers are left
    out of the denominator.
    Returns RepeatPurchase(customers, repeat_customers, rate). Raises
    NanInput, OutOfRange (negative, infinite), NonInteger, EmptyInput (no buyer).
    """
    return RepeatPurchase._from_native(native.repeat_purchase_rate(
        _c.f64(orders_per_customer)))


def repeat_purchase_rate_counts(repeat_customers: float, total_customers: float) -> float:
    """Repeat purchase rate 100 repeat / total (spec §5.3).

    Returns float. Raises InvalidArgument, EmptyInput, Inconsistent.
    """
    return native.repeat_purchase_rate_counts(_c.real(repeat_customers, "repeat_customers"),
                                              _c.real(total_customers, "total_customers"))


def referral_rate(referred_customers: float, total_customers: float) -> float:
    """Referral rate 100 referred / total (spec §5.4).

    Returns float. Raises InvalidArgument, EmptyInput, Inconsistent.
    """
    return native.referral_rate(_c.real(referred_customers, "referred_customers"),
                                _c.real(total_customers, "total_customers"))


def error_rate(errors: float, opportunities: float) -> float:
    """Error rate 100 errors / opportunities (spec §5.7).

    Returns float. Raises InvalidArgument, EmptyInput, Inconsistent.
    """
    return native.error_rate(_c.real(errors, "errors"), _c.real(opportunities, "opportunities"))


def bounce_rate(pageviews_per_session: ArrayLike) -> "Bounce":
    """Bounce rate from pageviews per session (spec §5.6, Universal Analytics).

    rate = 100 #(sessions with exactly 1 pageview) / sessions.
    Returns Bounce(sessions, bounces, rate). Raises NanInput, OutOfRange
    (< 1 pageview), NonInteger, EmptyInput.
    """
    return Bounce._from_native(native.bounce_rate(_c.f64(pageviews_per_session)))


def bounce_rate_counts(single_page_sessions: float, sessions: float) -> float:
    """Bounce rate 100 single-page sessions / sessions (spec §5.6).

    Returns float. Raises InvalidArgument, EmptyInput, Inconsistent.
    """
    return native.bounce_rate_counts(_c.real(single_page_sessions, "single_page_sessions"),
                                     _c.real(sessions, "sessions"))


def task_success(outcomes: ArrayLike, conf: float = CONF_DEFAULT, z: Optional[float] = None) -> "TaskSuccess":
    """Task success (completion) rate of 0/1 outcomes (spec §5.8).

    rate = 100 successes / n, with Wilson and adjusted-Wald (not clipped)
    intervals, all in percent, at `conf` (default 0.95) or an explicit z.
    Returns TaskSuccess. Raises NanInput, OutOfRange (not 0 or 1),
    EmptyInput, InvalidArgument.
    """
    return TaskSuccess._from_native(native.task_success_rate(_c.f64(outcomes), _c.conf(conf),
                                                             _c.z(z)))


task_success_rate = task_success


def monthly_active_users(user_ids: Any, timestamps: ArrayLike, window_start: float, window_end: float,
                         nan_policy: str = NAN_DEFAULT) -> int:
    """Distinct users with >= 1 event in [window_start, window_end) (spec §5.5).

    user_ids: any sequence of str (compared byte for byte, as UTF-8);
    timestamps: one per event, in the window's units. No events gives 0.
    nan_policy: "error" (default) or "omit" (NaN timestamps dropped).
    Returns int. Raises InvalidArgument (lengths, window not finite or
    start >= end, policy), NanInput, OutOfMemory; TypeError for a non-str id.
    """
    return native.monthly_active_users(user_ids, _c.f64(timestamps),
                                       _c.real(window_start, "window_start"),
                                       _c.real(window_end, "window_end"),
                                       _c.nan_policy(nan_policy))
