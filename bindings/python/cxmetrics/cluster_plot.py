"""Plots of clusterings (cxmetrics.cluster) on matplotlib, imported only when
a plot is made.

  - plot_k_selection(table): the three curves of choose_k against k — cost
    (the elbow), mean silhouette, gap statistic with its standard error —
    with the k each criterion picks marked;
  - plot_profile_lift(profiles): a heat map of the lift of each cluster on
    each profiled attribute (mean / population mean, or a modal level's share
    / its population share), on a log2 scale centred on 1 (no lift).

Both draw on matplotlib Axes (new ones by default) and return them; the
numbers are the C library's (choose_k, profiles). With no display, select a
non-interactive backend first (matplotlib.use("Agg")).
"""

from typing import Any, Optional

import math

import numpy as np

__all__ = ["plot_k_selection", "plot_profile_lift", "profile_lift_matrix"]


def _column(t, name):
    return np.asarray(t[name], dtype=np.float64)


def plot_k_selection(table: Any, axes: Any = None) -> Any:
    """Cost, silhouette and gap against k, from choose_k's table (its attrs
    best_elbow, best_silhouette and best_gap are marked with a dashed line).
    axes: three Axes (default: a new 1 x 3 figure). Returns the Axes."""
    if axes is None:
        import matplotlib.pyplot as plt  # lazily: matplotlib is optional
        axes = plt.subplots(1, 3, figsize=(12, 3.5))[1]
    k = _column(table, "k")
    attrs = getattr(table, "attrs", {}) or {}
    panels = (("cost", "cost (inertia)", "best_elbow", None),
              ("silhouette", "mean silhouette", "best_silhouette", None),
              ("gap", "gap statistic", "best_gap", "gap_sd"))
    for ax, (col, label, best, err) in zip(axes, panels):
        y = _column(table, col)
        if err is not None and np.any(np.isfinite(y)):
            ax.errorbar(k, y, yerr=_column(table, err), marker="o", capsize=3)
        else:
            ax.plot(k, y, marker="o")
        b = attrs.get(best)
        if isinstance(b, (int, float)) and not (isinstance(b, float) and math.isnan(b)):
            ax.axvline(b, linestyle="--", color="grey")
            ax.set_title(f"{label} (k = {int(b)})")
        else:
            ax.set_title(label)
        ax.set_xlabel("k")
        ax.set_xticks(k)
    return axes


def profile_lift_matrix(profiles: Any) -> Any:
    """The lifts of a profiles table as (matrix clusters x attributes, cluster
    labels, attribute labels): an attribute of a text column is labelled
    "column = level" (its modal level in that cluster differs between
    clusters, so each cluster's row holds the lift of its own mode)."""
    clusters = np.asarray(profiles["cluster"], dtype=np.float64).astype(np.int64)
    attr = np.asarray(profiles["attribute"], dtype=object)
    stat = np.asarray(profiles["statistic"], dtype=object)
    level = np.asarray(profiles["level"], dtype=object)
    lift = _column(profiles, "lift")
    cols = []
    for a, s in zip(attr, stat):
        if a not in cols:
            cols.append(a)
    ks = sorted(set(clusters.tolist()))
    m = np.full((len(ks), len(cols)), np.nan)
    notes = [[""] * len(cols) for _ in ks]
    for c, a, s, lv, v in zip(clusters, attr, stat, level, lift):
        i, j = ks.index(c), cols.index(a)
        m[i, j] = v
        if s == "mode":
            notes[i][j] = str(lv)
    return m, ks, cols, notes


def plot_profile_lift(profiles: Any, ax: Any = None, annotate: bool = True, cmap: Any = "RdBu_r") -> Any:
    """Heat map of the lift of each cluster (rows) on each attribute
    (columns), colour on log2(lift) centred on 0 (lift 1); cells show the
    lift, and a text column's modal level. Returns the Axes."""
    if ax is None:
        import matplotlib.pyplot as plt  # lazily: matplotlib is optional
        ax = plt.subplots(figsize=(1.2 + 0.9 * max(1, len(set(profiles["attribute"]))), 1.0 +
                                   0.5 * max(1, len(set(profiles["cluster"])))))[1]
    m, ks, cols, notes = profile_lift_matrix(profiles)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.log2(m)
    z[~np.isfinite(z)] = np.nan
    lim = np.nanmax(np.abs(z)) if np.any(np.isfinite(z)) else 1.0
    lim = lim if lim > 0 else 1.0
    img = ax.imshow(z, cmap=cmap, vmin=-lim, vmax=lim, aspect="auto")
    ax.set_xticks(range(len(cols)))
    ax.set_xticklabels(cols, rotation=45, ha="right")
    ax.set_yticks(range(len(ks)))
    ax.set_yticklabels([f"cluster {k}" for k in ks])
    if annotate:
        for i in range(len(ks)):
            for j in range(len(cols)):
                if np.isfinite(m[i, j]):
                    text = f"{m[i, j]:.2f}" + (f"\n{notes[i][j]}" if notes[i][j] else "")
                    ax.text(j, i, text, ha="center", va="center", fontsize=7)
    ax.figure.colorbar(img, ax=ax, label="log2(lift)")
    ax.set_title("cluster profiles: lift against the population")
    return ax
