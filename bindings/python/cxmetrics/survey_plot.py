"""Plots of the survey report by group and period (spec §18.9) on
matplotlib, imported only when a plot is made.

Both functions take the report's CELLS table in its tidy form (spec §18: the
group columns, then period, metric, n, score, lower, upper, change, p_value,
p_adjusted, suppressed, missing, promoters, passives, detractors, ...): a
pandas DataFrame, a cxmetrics Table (dict of arrays), or any object with a
`.cells` attribute holding one (the survey report object). They draw what
the table says and compute nothing: the numbers, the intervals and the
suppression come from the C library.

plot_trend: per group one line of the score over the periods (the "(all)"
total black and thicker), its interval as a translucent band
(fill_between), significant changes (p_adjusted < 1 - conf) marked with
triangles, suppressed cells as gaps with a hollow marker at the bottom of the
axes; without periods, a dot with its interval whisker per group.
plot_breakdown: promoters / passives / detractors of each group as stacked
horizontal bars, for one period (default the latest: the report has no total
over periods).

Both draw on `ax` (default: a new figure from matplotlib.pyplot) and return
the Axes. With no display, select a non-interactive backend first
(matplotlib.use("Agg")).
"""

from typing import Any, Optional

import numpy as np

from . import _convert as _c
from . import _table

__all__ = ["plot_trend", "plot_breakdown"]

TOTAL = "(all)"
# Okabe & Ito's colour-blind-safe palette, in the order of the HTML report
# (lib/report/svg.c), so that a group has the same colour on the page and in
# the notebook; the total is black.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9"]
SHARE_COLOURS = {"detractors": "#D55E00", "passives": "#BBBBBB", "promoters": "#009E73"}


def _axes(ax):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt  # lazily: matplotlib is optional
    return plt.subplots()[1]


def _cells(data):
    """The cells table of a report object, or data itself; a DataFrame whose
    first group column is its index (as cxmetrics' tables come) gets it back
    as a column, so that the group columns are those before `period`."""
    if hasattr(data, "cells") and not hasattr(data, "columns") and not isinstance(data, dict):
        data = data.cells
    index = getattr(data, "index", None)
    if hasattr(data, "columns") and getattr(index, "name", None) and index.name not in data.columns:
        data = data.reset_index()
    return data


def _need(cells, names):
    have = _table.columns_of(cells)
    for name in names:
        if name not in have:
            raise _c.bad_arg(f"the cells table has no column '{name}' (spec §18 schema; columns: "
                             f"{', '.join(have)})")
    return have


def _rows(data, metric, extra=()):
    """(cells, group column names, row indices of `metric`)."""
    cells = _cells(data)
    have = _need(cells, ["period", "metric", "n", "score", "lower", "upper", "suppressed"] + list(extra))
    gcols = have[:have.index("period")]
    metrics = np.asarray(_table._values(cells, "metric")).astype(str)
    rows = np.flatnonzero(metrics == metric)
    if rows.size == 0:
        raise _c.bad_arg(f"no cells of metric '{metric}' (the table has: "
                         f"{', '.join(dict.fromkeys(metrics.tolist()))})")
    return cells, gcols, rows


def _periods(cells):
    """The period of each row as "YYYY-MM-DD", "" without one (a text column as
    the C table has it, or dates / NaT if the caller converted it)."""
    values = np.asarray(_table._values(cells, "period"))
    if np.issubdtype(values.dtype, np.datetime64):
        days = values.astype("datetime64[D]")
        return np.array(["" if np.isnat(d) else str(d) for d in days], dtype=object).astype(str)
    return np.array(["" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v)[:10]
                     for v in values], dtype=object).astype(str)


def _num(cells, name):
    return np.asarray(_table._values(cells, name), dtype=np.float64)


def _groups(cells, gcols, rows):
    """Group names of rows (values joined by " / ", the total "(all)") and the
    distinct names in order, the total first."""
    if not gcols:
        names = np.array(["all rows"] * len(rows), dtype=object)
    else:
        cols = [np.asarray(_table._values(cells, g)).astype(str)[rows] for g in gcols]
        names = np.array([TOTAL if all(v == TOTAL for v in vals) else " / ".join(vals)
                          for vals in zip(*cols)], dtype=object)
    order = list(dict.fromkeys(names.tolist()))
    order.sort(key=lambda g: g != TOTAL)  # stable: the total first, the others as in the table
    return names, order


def _style(name, i_other):
    if name in (TOTAL, "all rows"):
        return {"color": "#000000", "linewidth": 3.0, "zorder": 4}
    return {"color": PALETTE[i_other % len(PALETTE)], "linewidth": 1.8, "zorder": 3}


def _alpha(cells):
    """1 - conf of the table's attribute (the report's confidence level; 0.95 when absent)."""
    conf = (getattr(cells, "attrs", None) or {}).get("conf", 0.95)
    try:
        conf = float(conf)
    except (TypeError, ValueError):
        conf = 0.95
    return 1.0 - conf if 0.0 < conf < 1.0 else 0.05


def plot_trend(data: Any, metric: Any = "nps", ax: Any = None) -> Any:
    """The score of `metric` per group over the periods, with its interval
    band (see the module). Without periods (no time column): a dot and an
    interval whisker per group. Returns the matplotlib Axes.

    Lines carry the group's name as label; bands are fill_between
    collections with gid "band:<group>"; suppressed cells are drawn by a
    line with gid "suppressed:<group>" (hollow markers at the axes' bottom)."""
    cells, gcols, rows = _rows(data, metric)
    names, order = _groups(cells, gcols, rows)
    periods = _periods(cells)[rows]
    score, lower, upper = (_num(cells, c)[rows] for c in ("score", "lower", "upper"))
    supp = _num(cells, "suppressed")[rows] == 1
    padj = _num(cells, "p_adjusted")[rows] if "p_adjusted" in _table.columns_of(cells) else np.full(len(rows), np.nan)
    change = _num(cells, "change")[rows] if "change" in _table.columns_of(cells) else np.full(len(rows), np.nan)
    alpha = _alpha(cells)
    ax = _axes(ax)
    has_time = any(p != "" for p in periods)
    if not has_time:
        return _dots(ax, metric, names, order, score, lower, upper, supp)
    all_periods = sorted(set(periods.tolist()))
    x = np.array(all_periods, dtype="datetime64[D]")
    slot = {p: i for i, p in enumerate(all_periods)}
    others = 0
    noted = False
    for name in order:
        style = _style(name, others)
        others += name not in (TOTAL, "all rows")
        y, lo, hi = (np.full(len(all_periods), np.nan) for _ in range(3))
        sig = np.zeros(len(all_periods))
        hollow = []
        for r in np.flatnonzero(names == name):
            k = slot[periods[r]]
            if supp[r]:
                hollow.append(k)
                continue
            y[k], lo[k], hi[k] = score[r], lower[r], upper[r]
            if np.isfinite(padj[r]) and padj[r] < alpha and np.isfinite(change[r]) and change[r] != 0:
                sig[k] = np.sign(change[r])
        ax.plot(x, y, marker="o", markersize=4, label=name, **style)
        ok = np.isfinite(lo) & np.isfinite(hi)
        if ok.any():
            ax.fill_between(x, np.where(ok, lo, 0.0), np.where(ok, hi, 0.0), where=ok, color=style["color"],
                            alpha=0.15, linewidth=0, gid="band:" + name, zorder=1)
        for k in np.flatnonzero(sig):
            ax.annotate("\u25B2" if sig[k] > 0 else "\u25BC", (x[k], y[k]), textcoords="offset points",
                        xytext=(0, 7 if sig[k] > 0 else -14), ha="center", color=style["color"], fontsize=9)
        if hollow:
            ax.plot(x[hollow], np.full(len(hollow), 0.03), linestyle="none", marker="o", markersize=7,
                    markerfacecolor="white", markeredgecolor=style["color"], markeredgewidth=1.5,
                    transform=ax.get_xaxis_transform(), gid="suppressed:" + name,
                    label="suppressed (n < min_n)" if not noted else "_nolegend_", zorder=5)
            noted = True
    ax.set_xlabel("period (first day)")
    ax.set_ylabel(metric)
    ax.set_title(f"{metric} by period, {round(100 * (1 - alpha))}% intervals; \u25B2\u25BC significant change")
    ax.legend(fontsize=8)
    return ax


def _dots(ax, metric, names, order, score, lower, upper, supp):
    """Without periods: one dot and whisker per group, top to bottom."""
    others = 0
    labels = []
    for i, name in enumerate(order):
        style = _style(name, others)
        others += name not in (TOTAL, "all rows")
        r = np.flatnonzero(names == name)[0]
        labels.append(name)
        if supp[r]:
            ax.plot([0.02], [i], linestyle="none", marker="o", markerfacecolor="white",
                    markeredgecolor=style["color"], transform=ax.get_yaxis_transform(), gid="suppressed:" + name)
            ax.text(0.04, i, "suppressed (n < min_n)", transform=ax.get_yaxis_transform(), va="center",
                    fontsize=8, color="#52606d")
            continue
        s, lo, hi = score[r], lower[r], upper[r]
        err = None
        if np.isfinite(lo) and np.isfinite(hi):
            err = [[s - lo], [hi - s]]
        ax.errorbar([s], [i], xerr=err, fmt="o", color=style["color"], capsize=3, label=name,
                    linewidth=style["linewidth"])
    ax.set_yticks(np.arange(len(labels)), labels)
    ax.invert_yaxis()
    ax.set_xlabel(metric)
    ax.set_title(f"{metric} by group")
    return ax


def plot_breakdown(data: Any, metric: Any = "nps", period: Optional[str] = None, ax: Any = None) -> Any:
    """Promoters, passives and detractors (% of answers) of each group as
    stacked horizontal bars (detractors from 0, then passives, then
    promoters), for `period` ("YYYY-MM-DD"; default the latest in the
    table: there is no total over periods). metric: "nps" or "nps:<column>".
    Suppressed groups get no bar and a note. Returns the matplotlib Axes;
    the bars are three BarContainers labelled detractors, passives,
    promoters, one bar per group in the legend's order."""
    if not (metric == "nps" or metric.startswith("nps:")):
        raise _c.bad_arg(f"plot_breakdown draws NPS shares; metric must be nps or nps:<column>, not '{metric}'")
    cells, gcols, rows = _rows(data, metric, extra=("promoters", "passives", "detractors"))
    periods = _periods(cells)[rows]
    if period is None:
        period = max(periods.tolist())
    rows = rows[periods == str(period)]
    if rows.size == 0:
        raise _c.bad_arg(f"no cells of metric '{metric}' in period '{period}' (periods: "
                         f"{', '.join(sorted(set(periods.tolist())))})")
    names, order = _groups(cells, gcols, rows)
    first = [int(np.flatnonzero(names == g)[0]) for g in order]
    supp = _num(cells, "suppressed")[rows][first] == 1
    ax = _axes(ax)
    pos = np.arange(len(order))
    left = np.zeros(len(order))
    for part in ("detractors", "passives", "promoters"):
        w = np.nan_to_num(_num(cells, part)[rows][first])
        ax.barh(pos, w, left=left, color=SHARE_COLOURS[part], label=part, height=0.6)
        for i in np.flatnonzero(w >= 8):
            ax.text(left[i] + w[i] / 2, pos[i], f"{w[i]:.0f}%", ha="center", va="center", fontsize=8,
                    color="#1f2933" if part == "passives" else "white")
        left = left + w
    for i in np.flatnonzero(supp):
        ax.text(1, pos[i], "suppressed (n < min_n)", va="center", fontsize=8, color="#52606d")
    ax.set_yticks(pos, order)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of answers")
    when = f"period {period}" if period else "all rows"
    ax.set_title(f"promoters, passives and detractors: {when}")
    ax.legend(fontsize=8, loc="lower right")
    return ax
