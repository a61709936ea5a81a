"""The journey's pictures (spec §26): a funnel chart, a retention heat-map and
the CX pyramid on matplotlib (imported only when a plot is made), and the
journey page (cxm_journey_render_html) as a string.

Each plot takes the table of its kind in the issue-13 schemas: a pandas
DataFrame, a cxmetrics Table (dict of arrays), a native table, or a result
object holding one (a funnel result's `.steps`). They draw what the table
says and compute nothing: conversions, intervals, retention, levels and
suppression come from the C library.

plot_funnel: one horizontal bar per step, its length `overall` (% of step 1's
customers, axis 0-100), step 1 at the top; with a breakdown (the columns
before `step`, or the DataFrame's named index) one bar per group and step,
the "(all)" total black, the groups in the palette of the HTML page; the
conversion's Wilson interval as an error bar put on the overall axis
(overall(j-1) x [lower, upper] / 100); each bar annotated with its customers
and conversion.
plot_retention: cohorts (rows, ascending) x periods since the start
(columns), colour = retention % on a fixed 0-100 "Blues" scale (the page's
ColorBrewer scheme), each cell annotated, a colour bar; cells past the log's
end stay empty.
plot_pyramid: per group (total first, then the others; 10 at most) at one
period (default the latest), the three levels as stacked bands of a grey
pyramid filled from the centre to the level's share; CXi and the question
scores under it; a suppressed cell outlined dashed.

All three draw on `ax` (default: a new figure from matplotlib.pyplot) and
return the Axes. With no display, select a non-interactive backend first
(matplotlib.use("Agg")).
"""

from typing import Any, Optional

import math

import numpy as np

from . import _convert as _c
from . import _table
from . import native

__all__ = ["plot_funnel", "plot_retention", "plot_pyramid", "journey_html"]

TOTAL = "(all)"
# Okabe & Ito, as lib/report/svg.c: a group has one colour on the page and in the notebook.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9"]
LOST = "#F2C9B5"
LEVEL_COLOURS = ["#56B4E9", "#0072B2", "#009E73"]
LEVEL_NAMES = ["meets needs", "easy", "enjoyable"]
MAX_GROUPS = 10


def _axes(ax):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt  # lazily: matplotlib is optional
    return plt.subplots()[1]


def _table_of(data, attr):
    """The table a plot draws: a result's `attr` table, a native table as a
    Table/DataFrame, or data itself; a DataFrame's named index (the first text
    column, as cxmetrics' tables come) back as its first column."""
    if isinstance(data, native.table):
        data = _table.frame(data)
    elif hasattr(data, attr) and not _table.is_table(data):
        data = getattr(data, attr)
        if isinstance(data, native.table):
            data = _table.frame(data)
    if not _table.is_table(data):
        raise _c.bad_arg(f"expected a table (DataFrame, dict of arrays, native table) or an object with "
                         f"`.{attr}`, got {type(data).__name__}")
    index = getattr(data, "index", None)
    if hasattr(data, "columns") and getattr(index, "name", None) and index.name not in data.columns:
        data = data.reset_index()
    return data


def _need(t, kind, names, spec):
    have = _table.columns_of(t)
    for name in names:
        if name not in have:
            raise _c.bad_arg(f"the {kind} table has no column '{name}' (spec {spec} schema; columns: "
                             f"{', '.join(have)})")
    return have


def _num(t, name):
    values = np.asarray(_table._values(t, name))
    try:
        return values.astype(np.float64)
    except (TypeError, ValueError):
        raise _c.bad_arg(f"column '{name}' must be numbers, got {values.dtype}") from None


def _group_names(t, gcols):
    """Each row's group name (values joined by " / "; "all" without group
    columns) and the drawn groups: the total first, then table order, 10 at most."""
    n = len(np.asarray(_table._values(t, _table.columns_of(t)[0]))) if _table.columns_of(t) else 0
    if not gcols:
        return np.array(["all"] * n, dtype=object), ["all"][: 1 if n else 0], 1 if n else 0
    cols = [np.asarray(_table._values(t, g)).astype(str) for g in gcols]
    names = np.array([TOTAL if all(v == TOTAL for v in vals) else " / ".join(vals) for vals in zip(*cols)],
                     dtype=object)
    order = list(dict.fromkeys(names.tolist()))
    order.sort(key=lambda g: g != TOTAL)
    return names, order[:MAX_GROUPS], len(order)


def _colour(name, i, grouped):
    if not grouped:
        return PALETTE[0]
    if name == TOTAL:
        return "#000000"
    return PALETTE[i % len(PALETTE)]


def plot_funnel(funnel_or_df: Any, ax: Any = None) -> Any:
    """The funnel of a STEPS table (spec §22; see the module). Bars are
    matplotlib Rectangles with gid "bar:<group>:<step>" (width = overall),
    lost segments gid "lost:<group>:<step>", whiskers Line2D with gid
    "interval:<group>:<step>". Returns the Axes."""
    t = _table_of(funnel_or_df, "steps")
    have = _need(t, "funnel", ["step", "event", "customers", "conversion", "lower", "upper", "overall"], "§22")
    gcols = have[:have.index("step")]
    names, order, n_groups = _group_names(t, gcols)
    step = _num(t, "step")
    events = np.asarray(_table._values(t, "event")).astype(str)
    customers, conversion, lower, upper, overall = (_num(t, c) for c in
                                                     ("customers", "conversion", "lower", "upper", "overall"))
    steps = sorted(set(step[np.isfinite(step)].tolist()))
    ax = _axes(ax)
    grouped = bool(gcols)
    height = 0.8 / max(len(order), 1)
    others = 0
    for gi, g in enumerate(order):
        colour = _colour(g, others, grouped)
        if g != TOTAL:
            others += 1
        rows = {s: r for r in np.flatnonzero(names == g) for s in [step[r]]}
        prev = None
        for si, s in enumerate(steps):
            r = rows.get(s)
            if r is None:
                continue
            y = si + (gi - (len(order) - 1) / 2) * height
            bar = ax.barh(y, overall[r], height=height * 0.9, color=colour, label=g if si == 0 and grouped else None)
            bar.patches[0].set_gid(f"bar:{g}:{s:g}")
            if prev is not None and np.isfinite(overall[prev]):
                before = overall[prev]
                if before > overall[r]:
                    lost = ax.barh(y, before - overall[r], left=overall[r], height=height * 0.9, color=LOST)
                    lost.patches[0].set_gid(f"lost:{g}:{s:g}")
                if np.isfinite(lower[r]) and np.isfinite(upper[r]):
                    line, = ax.plot([before * lower[r] / 100, before * upper[r] / 100], [y, y], color="#1f2933",
                                    linewidth=1.5, marker="|", markersize=8)
                    line.set_gid(f"interval:{g}:{s:g}")
            text = f"{customers[r]:g}" if si == 0 else f"{customers[r]:g} · {conversion[r]:.1f}%"
            ax.annotate(text, (overall[r], y), xytext=(4, 0), textcoords="offset points", va="center", fontsize=8)
            prev = r
    labels = []
    for s in steps:
        ev = events[np.flatnonzero(step == s)[0]]
        labels.append(f"{s:g}. {ev}")
    ax.set_yticks(range(len(steps)))
    ax.set_yticklabels(labels)
    ax.set_ylim(len(steps) - 0.5, -0.5)  # step 1 at the top
    ax.set_xlim(0, 115)                  # room for the annotations after 100 %
    ax.set_xlabel("% of step 1's customers")
    ax.set_title("Funnel" + (f" ({len(order)} of {n_groups} groups)" if n_groups > len(order) else ""))
    if grouped:
        ax.legend(loc="lower right", fontsize=8)
    return ax


def _days_text(values):
    """Cohort labels: dates as YYYY-MM-DD from datetime64, day numbers (the
    package's DAY columns) or texts."""
    a = np.asarray(values)
    if np.issubdtype(a.dtype, np.datetime64):
        return [str(d) for d in a.astype("datetime64[D]")]
    if a.dtype.kind in "biuf":
        return [str(np.datetime64(int(d), "D")) if np.isfinite(d) else "n/a" for d in a.astype(np.float64)]
    return [str(v) for v in a]


def plot_retention(cohort_df: Any, ax: Any = None) -> Any:
    """The retention heat-map of a cohort table (spec §24; see the module):
    an AxesImage (imshow, cmap "Blues", 0-100) whose array is cohorts x
    periods (NaN past the log's end), one Text per cell ("40%"), a colour
    bar. Returns the Axes."""
    t = _table_of(cohort_df, "table")
    _need(t, "cohort", ["cohort", "period", "retention"], "§24")
    labels = _days_text(_table._values(t, "cohort"))
    period, retention = _num(t, "period"), _num(t, "retention")
    if not np.all(np.isfinite(period)):
        raise _c.bad_arg("the cohort table's period column has a missing value")
    cohorts = sorted(set(labels))
    periods = sorted(set(period.tolist()))
    grid = np.full((len(cohorts), len(periods)), np.nan)
    ci = {c: i for i, c in enumerate(cohorts)}
    pi = {p: i for i, p in enumerate(periods)}
    for lab, p, v in zip(labels, period, retention):
        if not np.isnan(grid[ci[lab], pi[p]]):
            raise _c.bad_arg(f"the cohort table has two rows for cohort {lab}, period {p:g}")
        grid[ci[lab], pi[p]] = v
    ax = _axes(ax)
    image = ax.imshow(np.ma.masked_invalid(grid), cmap="Blues", vmin=0, vmax=100, aspect="auto")
    for i in range(len(cohorts)):
        for j in range(len(periods)):
            if np.isfinite(grid[i, j]):
                ax.text(j, i, f"{grid[i, j]:.0f}%", ha="center", va="center", fontsize=8,
                        color="white" if grid[i, j] > 50 else "#1f2933")
    ax.set_xticks(range(len(periods)))
    ax.set_xticklabels([f"{p:g}" for p in periods])
    ax.set_yticks(range(len(cohorts)))
    ax.set_yticklabels(cohorts)
    every = _table.attrs_of(t).get("every", "")
    ax.set_xlabel(f"{every}s since the first" if every else "periods since the first")
    ax.set_ylabel("cohort")
    ax.set_title("Retention by cohort (%)")
    ax.figure.colorbar(image, ax=ax, label="retention %")
    return ax


def _half(h):
    """Half-width of the grey pyramid at height h (0..3) above the base: 85 -> 10, as on the page."""
    return (170.0 - 150.0 * h / 3.0) / 2.0


def plot_pyramid(pyramid_df: Any, ax: Any = None, period: Optional[str] = None) -> Any:
    """The CX pyramid of a PYRAMID table (spec §25; see the module) at
    `period` (default the latest). Level k of group g is a Polygon with gid
    "level<k>:<group>" whose base spans level_k % of the band's; the bands
    gid "band<k>:<group>". Returns the Axes."""
    from matplotlib.patches import Polygon  # lazily, as pyplot
    t = _table_of(pyramid_df, "pyramid")
    have = _need(t, "pyramid", ["period", "n", "cxi", "needs", "ease", "emotion", "level1", "level2", "level3"],
                 "§25")
    gcols = have[:have.index("period")]
    periods = np.asarray(_table._values(t, "period"))
    periods = np.array(_days_text(periods) if periods.dtype.kind in "Mbiuf" else periods.astype(str))
    if period is None:
        period = max(periods.tolist()) if len(periods) else ""
    names, order, n_groups = _group_names(t, gcols)
    levels = [_num(t, f"level{k}") for k in (1, 2, 3)]
    cxi, n, needs, ease, emotion = (_num(t, c) for c in ("cxi", "n", "needs", "ease", "emotion"))
    supp = _num(t, "suppressed") if "suppressed" in have else np.zeros(len(periods))
    ax = _axes(ax)
    shown = 0
    for g in order:
        rows = np.flatnonzero((names == g) & (periods == str(period)))
        if rows.size == 0:
            continue
        r = rows[0]
        cx = 300.0 * shown + 95.0
        shown += 1
        suppressed = np.isfinite(supp[r]) and supp[r] != 0
        for k in range(3):
            y0, y1 = float(k), float(k + 1)
            w0, w1 = _half(y0), _half(y1)
            band = Polygon([(cx - w0, y0), (cx + w0, y0), (cx + w1, y1), (cx - w1, y1)], closed=True,
                           facecolor="#f4f5f7", edgecolor="#9aa5b1", linestyle="--" if suppressed else "-")
            band.set_gid(f"band{k + 1}:{g}")
            ax.add_patch(band)
            f = levels[k][r] / 100.0 if np.isfinite(levels[k][r]) else 0.0
            f = min(max(f, 0.0), 1.0)
            if not suppressed and f > 0:
                poly = Polygon([(cx - w0 * f, y0), (cx + w0 * f, y0), (cx + w1 * f, y1), (cx - w1 * f, y1)],
                               closed=True, facecolor=LEVEL_COLOURS[k], edgecolor="none",
                               label=LEVEL_NAMES[k] if shown == 1 else None)
                poly.set_gid(f"level{k + 1}:{g}")
                ax.add_patch(poly)
            ax.text(cx + _half(k + 0.5) + 4, k + 0.5, "–" if suppressed else f"{levels[k][r]:.1f}%",
                    va="center", fontsize=8)
        ax.text(cx, 3.25, g, ha="center", fontsize=9, fontweight="bold")
        under = ("suppressed (n < min_n)" if suppressed else
                 f"CXi {cxi[r]:.1f} · n {n[r]:g}\nneeds {needs[r]:.1f} · ease {ease[r]:.1f} · emotion {emotion[r]:.1f}")
        ax.text(cx, -0.2, under, ha="center", va="top", fontsize=8)
    ax.set_xlim(-10, 300.0 * max(shown, 1))
    ax.set_ylim(-1.2, 3.6)
    ax.set_axis_off()
    title = "The CX pyramid" + (f" — {period}" if period else "")
    if n_groups > len(order):
        title += f" ({len(order)} of {n_groups} groups)"
    ax.set_title(title)
    if shown:
        ax.legend(loc="upper right", fontsize=8)
    return ax


# ---- the journey page --------------------------------------------------------------------------

def _native_of(t):
    """A native table of a table argument with its attributes: texts as TEXT,
    datetime64 as DAY, numbers as NUMBER; the cohort kind's `cohort` column
    as DAY when it holds day numbers (what the package gives a DAY column
    back as)."""
    if isinstance(t, native.table):
        return t
    t = _table_of(t, "table")
    attrs = _table.attrs_of(t)
    h = native.table_new()
    for name in _table.columns_of(t):
        values = np.asarray(_table._values(t, name))
        if np.issubdtype(values.dtype, np.datetime64):
            days = values.astype("datetime64[D]").astype(np.int64).astype(np.float64)
            days[np.isnat(values)] = np.nan
            native.table_add_days(h, name, days)
        elif values.dtype.kind in "biuf":
            numbers = values.astype(np.float64)
            if attrs.get("kind") == "cohort" and name == "cohort":
                native.table_add_days(h, name, numbers)
            else:
                native.table_add_numbers(h, name, numbers)
        else:
            native.table_add_texts(h, name, ["" if v is None or (isinstance(v, float) and math.isnan(v))
                                             else str(v) for v in values])
    for key, value in attrs.items():
        if isinstance(value, str):
            native.table_set_attr_text(h, str(key), value)
        elif isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
            native.table_set_attr_number(h, str(key), float(value))
    return h


def journey_html(tables: Any, title: Optional[str] = None) -> Any:
    """The journey page (spec §26): one self-contained HTML string drawing
    `tables` in order, each recognised by its attribute `kind` (funnel,
    funnel_next, funnel_tests, cohort, pyramid, transitions, paths,
    touchpoints). A table is a native table, a DataFrame or a Table with
    its attrs, or an object with a `.table` (a result); a funnel result may
    be given whole (its steps, next events and tests). Errors are the C
    library's (cxmetrics.InvalidArgument naming the table and column)."""
    if _table.is_table(tables) or isinstance(tables, native.table):
        tables = [tables]
    handles = []
    for t in tables:
        if not _table.is_table(t) and not isinstance(t, native.table) and hasattr(t, "steps"):
            for part in ("steps", "next_events", "tests"):
                if getattr(t, part, None) is not None:
                    handles.append(_native_of(getattr(t, part)))
            continue
        handles.append(_native_of(t))
    return native.journey_render_html(handles, title)
