"""Customer lifetime value: the simple formulas (spec §6).

Historic CLV (AOV x frequency x lifespan x margin, or from period totals) and
margin CLV (Gupta & Lehmann). The probabilistic models (BG/NBD, Pareto/NBD,
Gamma-Gamma, ..., discounted CLV from a fitted model) are cxmetrics.clvmodel.
"""

from typing import Any, Optional

from . import _convert as _c
from . import native
from ._results import ClvTotals

__all__ = ["clv_historic", "clv_historic_from_totals", "clv_margin"]


def clv_historic(aov: float, purchase_frequency: float, lifespan: float, gross_margin: float = 1.0) -> float:
    """Historic CLV = AOV x purchase frequency x lifespan x gross margin (spec §6.1).

    aov: average order value (currency); purchase_frequency: orders per
    customer per period; lifespan: periods; gross_margin in [0, 1], default 1
    (revenue CLV).
    Returns float. Raises NanInput, InvalidArgument (negative or infinite
    input, margin > 1).
    """
    return native.clv_historic(_c.real(aov, "aov"),
                               _c.real(purchase_frequency, "purchase_frequency"),
                               _c.real(lifespan, "lifespan"),
                               _c.real(gross_margin, "gross_margin"))


def clv_historic_from_totals(total_revenue: float, n_orders: float, n_customers: float,
                             lifespan: float) -> "ClvTotals":
    """Historic CLV from period totals (spec §6.1).

    aov = total_revenue / n_orders; purchase_frequency = n_orders /
    n_customers; clv = aov x purchase_frequency x lifespan.
    Returns ClvTotals(aov, purchase_frequency, clv). Raises NanInput,
    InvalidArgument, EmptyInput (no orders or no customers).
    """
    return ClvTotals._from_native(native.clv_historic_from_totals(
        _c.real(total_revenue, "total_revenue"), _c.real(n_orders, "n_orders"),
        _c.real(n_customers, "n_customers"), _c.real(lifespan, "lifespan")))


def clv_margin(margin: float, retention: float, discount: float) -> float:
    """Margin CLV = m r / (1 + d - r) (Gupta & Lehmann, spec §6.2).

    margin: per-period margin (any finite value), received at period ends;
    retention r in [0, 1]; discount d >= 0 per period.
    Returns float. Raises NanInput, InvalidArgument, DomainError (1 + d - r <= 0).
    """
    return native.clv_margin(_c.real(margin, "margin"), _c.real(retention, "retention"),
                             _c.real(discount, "discount"))
