"""Plots of RFM results on matplotlib, imported only when a plot is made.

rfm_heatmap: the recency x frequency grid of a scored table (mean monetary
value, or customers, per cell), as R rfm's rfm_heatmap draws it.
segment_bars: one bar per segment of a segment summary (customers, share,
revenue, ...). Both draw on `ax` (default: a new figure from
matplotlib.pyplot) and return the Axes; the numbers come from the C
library's tables (rfm_score_customers, rfm_summary). With no display,
select a non-interactive backend first (matplotlib.use("Agg")).
"""

from typing import Any, Optional

import numpy as np

from . import _convert as _c
from . import _table

__all__ = ["rfm_heatmap", "rfm_heatmap_grid", "segment_bars"]


def _axes(ax):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt  # lazily: matplotlib is optional
    return plt.subplots()[1]


def rfm_heatmap_grid(scored: Any, value: Any = "amount") -> Any:
    """The grid a heat map shows: rows frequency score 1..F, columns recency
    score 1..R; each cell the mean of `value` (a column of scored, default
    amount) over its customers, or their count for value="customers" (NaN,
    or 0, for an empty cell). Returns (grid, recency_scores,
    frequency_scores)."""
    r = np.asarray(_table._values(scored, "recency_score"), dtype=np.int64)
    f = np.asarray(_table._values(scored, "frequency_score"), dtype=np.int64)
    if r.size == 0:
        raise _c.bad_arg("the scored table has no customers")
    rs, fs = np.arange(1, r.max() + 1), np.arange(1, f.max() + 1)
    count = np.zeros((fs.size, rs.size))
    np.add.at(count, (f - 1, r - 1), 1.0)
    if value == "customers":
        return count, rs, fs
    if value not in _table.columns_of(scored):
        raise _c.bad_arg(f"no column '{value}' in the scored table")
    total = np.zeros_like(count)
    np.add.at(total, (f - 1, r - 1), np.asarray(_table._values(scored, value), dtype=np.float64))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / count, np.nan), rs, fs


def rfm_heatmap(scored: Any, value: Any = "amount", ax: Any = None, cmap: Any = "YlGnBu",
                annotate: bool = True) -> Any:
    """Heat map of the recency x frequency grid (rfm_heatmap_grid): mean
    `value` per cell (default the monetary amount) or customers.
    Returns the matplotlib Axes."""
    grid, rs, fs = rfm_heatmap_grid(scored, value)
    ax = _axes(ax)
    im = ax.imshow(grid, origin="lower", cmap=cmap, aspect="auto")
    ax.set_xticks(np.arange(rs.size), [str(v) for v in rs])
    ax.set_yticks(np.arange(fs.size), [str(v) for v in fs])
    ax.set_xlabel("recency score")
    ax.set_ylabel("frequency score")
    ax.set_title(f"{'customers' if value == 'customers' else 'mean ' + value} by recency and frequency")
    if annotate:
        for i in range(fs.size):
            for j in range(rs.size):
                if np.isfinite(grid[i, j]):
                    ax.text(j, i, f"{grid[i, j]:.0f}", ha="center", va="center", fontsize=8)
    ax.figure.colorbar(im, ax=ax)
    return ax


def segment_bars(summary: Any, value: Any = "customers", ax: Any = None, horizontal: bool = True) -> Any:
    """Bars of one column of a segment summary (rfm_summary), one per
    segment in the summary's order (default: customers). Returns the Axes."""
    names = [str(s) for s in _table._values(summary, "segment")]
    if value not in _table.columns_of(summary):
        raise _c.bad_arg(f"no column '{value}' in the summary")
    v = np.asarray(_table._values(summary, value), dtype=np.float64)
    ax = _axes(ax)
    pos = np.arange(len(names))
    if horizontal:
        ax.barh(pos, np.nan_to_num(v), tick_label=names)
        ax.invert_yaxis()
        ax.set_xlabel(value)
    else:
        ax.bar(pos, np.nan_to_num(v), tick_label=names)
        ax.set_ylabel(value)
        ax.tick_params(axis="x", labelrotation=45)
    ax.set_title(f"{value} by segment")
    return ax
