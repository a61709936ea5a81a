"""Plots of probabilistic CLV models (cxmetrics.clvmodel) on matplotlib, imported
only when a plot is made.

Both helpers draw on `ax` (default: a new figure from matplotlib.pyplot) and
return the Axes; the numbers come from the C library (calibration_table,
p_alive). With no display, select a non-interactive backend first
(matplotlib.use("Agg")).
"""

from typing import Any, Optional

import numpy as np

from . import _convert as _c
from . import native
from .clvmodel import (_age_column, _PurchaseModel, _summary_column,
                       calibration_table)

__all__ = ["plot_calibration_purchases_vs_holdout", "plot_p_alive_matrix", "p_alive_matrix"]


def _axes(ax):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt  # lazily: matplotlib is optional
    return plt.subplots()[1]


def plot_calibration_purchases_vs_holdout(model: Any = None, summary: Any = None, duration: Any = None,
                                          max_frequency: Any = native.CLV_CALIBRATION_ROWS_DEFAULT - 1,
                                          table: Any = None, ax: Any = None) -> Any:
    """Mean predicted against mean actual holdout purchases by calibration frequency.

    As lifetimes' plot_calibration_purchases_vs_holdout_purchases: summary
    is a calibration/holdout table from summary_from_transactions(...,
    observation_end=...) (columns frequency, recency, T, holdout_frequency);
    duration, the holdout length in the summary's unit, defaults to
    summary.attrs["holdout_duration"]; the model predicts each customer's
    purchases in it (expected_purchases), and customers are grouped by
    calibration frequency 0..max_frequency (the last group gathers every
    higher frequency). A ready table from calibration_table() may be given
    instead of model and summary.
    Returns the matplotlib Axes. Raises InvalidArgument (missing columns or
    duration), and what calibration_table and expected_purchases raise.
    """
    if table is None:
        if model is None or summary is None:
            raise _c.bad_arg("give a model and a calibration/holdout summary, or a table")
        f = _summary_column(summary, native.CLV_FREQUENCY)
        if duration is None:
            duration = getattr(summary, "attrs", {}).get("holdout_duration")
            if not duration:
                raise _c.bad_arg("the summary has no holdout period: pass duration=")
        age = _summary_column(summary, _age_column(model.fit_result.model))
        predicted = model.expected_purchases(duration, f,
                                             _summary_column(summary, native.CLV_RECENCY), age)
        table = calibration_table(f, predicted,
                                  _summary_column(summary, native.CLV_HOLDOUT_FREQUENCY),
                                  max_frequency)
    x = np.asarray(table.index if hasattr(table, "index") else table["frequency"])
    ax = _axes(ax)
    ax.plot(x, np.asarray(table["actual"]), marker="o", label="Actual")
    ax.plot(x, np.asarray(table["predicted"]), marker="s", label="Model")
    ax.set_xticks(x)
    labels = [str(int(v)) for v in x]
    if labels:
        labels[-1] += "+"
    ax.set_xticklabels(labels)
    ax.set_xlabel("Purchases in the calibration period")
    ax.set_ylabel("Average purchases in the holdout period")
    ax.set_title("Actual vs predicted purchases in the holdout period")
    ax.legend()
    return ax


def p_alive_matrix(model: Any, max_frequency: Optional[float] = None, max_recency: Optional[float] = None,
                   T: Optional[float] = None) -> Any:
    """P(alive) on the grid frequency 0..max_frequency x recency 0..max_recency.

    Returns a float64 array m with m[recency, frequency] =
    model.p_alive(frequency, recency, T) (lifetimes'
    conditional_probability_alive_matrix). The defaults come from the data
    the model was fitted to: max_frequency = the largest frequency,
    max_recency = T = the largest T (for BetaGeoBetaBinom: n_periods).
    The cells are the C library's (cxm_clv_p_alive_grid): recency is
    irrelevant for frequency 0, so that column is P(alive | 0, 0, T); BG/BB
    cells with frequency > recency are impossible and NaN.
    Raises InvalidArgument (a model without P(alive), no defaults for a model
    made from parameters, max_recency > T).
    """
    if not isinstance(model, _PurchaseModel):
        raise _c.bad_arg(f"{type(model).__name__} has no P(alive)")
    data_max = model._data_max
    if max_frequency is None or (max_recency is None and T is None):
        if data_max is None:
            raise _c.bad_arg("the model was not fitted to data: give max_frequency, "
                             "max_recency and T")
    if max_frequency is None:
        max_frequency = data_max[0]
    if max_recency is None:
        max_recency = T if T is not None else data_max[1]
    if T is None:
        T = max_recency
    nf = int(np.floor(_c.real(max_frequency, "max_frequency")))
    nr = int(np.floor(_c.real(max_recency, "max_recency")))
    if nf < 0 or nr < 0:
        raise _c.bad_arg("max_frequency and max_recency must be >= 0")
    grid = native.clv_p_alive_grid((nr + 1) * (nf + 1), model.fit_result, nf, nr, _c.real(T, "T"))
    return np.asarray(grid).reshape(nr + 1, nf + 1)


def plot_p_alive_matrix(model: Any, max_frequency: Any = None, max_recency: Any = None, T: Any = None,
                        ax: Any = None, cmap: Any = None) -> Any:
    """Heat map of P(alive) over frequency x recency (lifetimes'
    plot_probability_alive_matrix), recency increasing upwards.

    Arguments as for p_alive_matrix; the image's data is that matrix
    (ax.images[0].get_array()[recency, frequency]). cmap: a matplotlib
    colormap name or object (default: matplotlib's).
    Returns the matplotlib Axes. Raises what p_alive_matrix raises.
    """
    m = p_alive_matrix(model, max_frequency, max_recency, T)
    ax = _axes(ax)
    im = ax.imshow(m, origin="lower", aspect="auto", vmin=0.0, vmax=1.0, cmap=cmap,
                   interpolation="nearest")
    ax.figure.colorbar(im, ax=ax, label="P(alive)")
    ax.set_xlabel("Frequency (repeat purchases)")
    ax.set_ylabel("Recency (age at last purchase)")
    T_used = T if T is not None else (max_recency if max_recency is not None
                                      else model._data_max[1])
    ax.set_title(f"P(alive) by frequency and recency, T = {float(T_used):g}")
    return ax
