"""Customer lifetime value: simple formulas (spec §6) and probabilistic models.

The probabilistic part (clvmodel.h) lives in cxmetrics.clvmodel and
cxmetrics.clvplot and is re-exported here: summary_from_transactions, the
model classes BetaGeo, ModifiedBetaGeo, ParetoNBD, GammaGamma,
BetaGeoBetaBinom and ShiftedBetaGeometric, clv (discounted CLV),
holdout_errors, calibration_table and the plot helpers.

`clv` is deliberately not in __all__: the package does `from .clv import *`,
which would replace the submodule cxmetrics.clv by the function. Call it as
cxmetrics.clv.clv(...).
"""

from . import _convert as _c
from . import native
from ._results import ClvTotals
from .clvmodel import *  # noqa: F401,F403
from .clvmodel import __all__ as _clvmodel_all
from .clvmodel import clv  # noqa: F401
from .clvplot import *  # noqa: F401,F403
from .clvplot import __all__ as _clvplot_all

__all__ = ["clv_historic", "clv_historic_from_totals", "clv_margin"] + _clvmodel_all \
    + _clvplot_all


def clv_historic(aov, purchase_frequency, lifespan, gross_margin=1.0):
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


def clv_historic_from_totals(total_revenue, n_orders, n_customers, lifespan):
    """Historic CLV from period totals (spec §6.1).

    aov = total_revenue / n_orders; purchase_frequency = n_orders /
    n_customers; clv = aov x purchase_frequency x lifespan.
    Returns ClvTotals(aov, purchase_frequency, clv). Raises NanInput,
    InvalidArgument, EmptyInput (no orders or no customers).
    """
    return ClvTotals._from_native(native.clv_historic_from_totals(
        _c.real(total_revenue, "total_revenue"), _c.real(n_orders, "n_orders"),
        _c.real(n_customers, "n_customers"), _c.real(lifespan, "lifespan")))


def clv_margin(margin, retention, discount):
    """Margin CLV = m r / (1 + d - r) (Gupta & Lehmann, spec §6.2).

    margin: per-period margin (any finite value), received at period ends;
    retention r in [0, 1]; discount d >= 0 per period.
    Returns float. Raises NanInput, InvalidArgument, DomainError (1 + d - r <= 0).
    """
    return native.clv_margin(_c.real(margin, "margin"), _c.real(retention, "retention"),
                             _c.real(discount, "discount"))
