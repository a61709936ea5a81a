"""The independent reference for the survey report by group and period (spec §18),
shared by tests/python/test_survey_report.py and tests/cli/run_survey_grouped_cli_tests.py:
the expected CELLS of front_responses.csv written from the spec's formulas with
pandas and scipy (never from the library's output).

statsmodels is not installed on the build machines, so its proportions_ztest (the
pooled two-proportion z) and multipletests (R's p.adjust "holm" and "BH") are written
out here from their definitions:
  NPS          100 (P - D) / n, adjusted-Wald interval (spec §1.4: +3/4 promoter,
               +3/4 detractor, n + 3), Wald interval (§1.3); change tested as §1.6;
  CSAT %       top-2-box share with the Wilson interval (§2.3), pooled z;
  means        t interval, Welch's t (scipy.stats.ttest_ind_from_stats);
  CES % agree  answers >= 5 on 1..7, Wilson, pooled z;
  p_adjusted   Holm (or BH) over every p-value of the table.
Periods are cut with Python's datetime (an offset-aware instant moved to the
report's UTC offset; a bare date is its own day).
"""

import datetime as dt
import math
import os

import numpy as np
import pandas as pd
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
FILE = os.path.join(HERE, "front_responses.csv")
THEMES = os.path.join(HERE, "front_themes.json")
Z = stats.norm.ppf(0.975)
MIN_N = 10


def read(path=FILE):
    """The file as pandas reads it: texts as str ("" kept), empty answers NaN."""
    return pd.read_csv(path, dtype={"channel": str, "agent": str, "comment": str}, keep_default_na=False,
                       na_values={"nps": [""], "csat": [""], "ces": [""]})


def _day(text, offset_min):
    """The calendar day of a timestamp seen at a UTC offset (a date: itself)."""
    if len(text) == 10:
        return dt.date.fromisoformat(text)
    t = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return (t.astimezone(dt.timezone.utc) + dt.timedelta(minutes=offset_min)).date()


def _period(day, every):
    if every == "day":
        return day
    if every == "week":
        return day - dt.timedelta(days=day.weekday())
    if every == "month":
        return day.replace(day=1)
    if every == "quarter":
        return day.replace(month=3 * ((day.month - 1) // 3) + 1, day=1)
    return day.replace(month=1, day=1)


def _previous(period, every):
    if every == "day":
        return period - dt.timedelta(days=1)
    if every == "week":
        return period - dt.timedelta(days=7)
    months = {"month": 1, "quarter": 3, "year": 12}[every]
    m = period.year * 12 + period.month - 1 - months
    return dt.date(m // 12, m % 12 + 1, 1)


def _wilson(k, n):
    p = k / n
    denom = 1 + Z * Z / n
    centre = (p + Z * Z / (2 * n)) / denom
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / denom
    lo = 0.0 if k == 0 else max(0.0, centre - half)
    hi = 1.0 if k == n else min(1.0, centre + half)
    return 100 * lo, 100 * hi


def _nps(x):
    """Score and everything the tests need of NPS answers x (a float array)."""
    n = len(x)
    P, D = float((x >= 9).sum()), float((x <= 6).sum())
    p, d = P / n, D / n
    se_w = 100 * math.sqrt(max(p + d - (p - d) ** 2, 0) / n)
    na = n + 3
    pa, da = (P + 0.75) / na, (D + 0.75) / na
    centre = 100 * (pa - da)
    se_a = 100 * math.sqrt(max(pa + da - (pa - da) ** 2, 0) / na)
    score = 100 * (p - d)
    return dict(n=n, score=score, lower=centre - Z * se_a, upper=centre + Z * se_a,
                promoters=100 * p, passives=100 * (n - P - D) / n, detractors=100 * d,
                wald_lower=score - Z * se_w, wald_upper=score + Z * se_w, centre=centre, se=se_a)


def _share(k, n):
    lo, hi = _wilson(k, n)
    return dict(n=n, score=100 * k / n, lower=lo, upper=hi, k=k)


def _mean(x):
    n = len(x)
    m, sd = float(np.mean(x)), float(np.std(x, ddof=1)) if n > 1 else math.nan
    h = stats.t.ppf(0.975, n - 1) * sd / math.sqrt(n) if n > 1 else math.nan
    return dict(n=n, score=m, lower=m - h, upper=m + h, sd=sd)


def _test(metric, a, b):
    """(change, p) of cell a against cell b (this period against the previous,
    or a group against the rest)."""
    if metric == "nps":
        diff = a["centre"] - b["centre"]
        se = math.hypot(a["se"], b["se"])
        return a["score"] - b["score"], 2 * stats.norm.sf(abs(diff / se)) if se > 0 else \
            (1.0 if diff == 0 else 0.0)
    if metric in ("csat", "ces_agree"):
        pooled = (a["k"] + b["k"]) / (a["n"] + b["n"])
        se = math.sqrt(pooled * (1 - pooled) * (1 / a["n"] + 1 / b["n"]))
        diff = a["score"] - b["score"]
        return diff, 2 * stats.norm.sf(abs(diff / 100 / se)) if se > 0 else \
            (1.0 if diff == 0 else 0.0)
    if metric.endswith(("_median", "_p90")):
        return a["score"] - b["score"], math.nan
    r = stats.ttest_ind_from_stats(a["score"], a["sd"], a["n"], b["score"], b["sd"], b["n"],
                                   equal_var=False)
    return a["score"] - b["score"], float(r.pvalue)


def _holm(p):
    """R p.adjust(p, "holm") over the non-NaN entries."""
    p = np.asarray(p, dtype=float)
    out = np.full_like(p, np.nan)
    idx = np.flatnonzero(~np.isnan(p))
    m = idx.size
    order = idx[np.argsort(p[idx], kind="stable")]
    running = 0.0
    for i, j in enumerate(order):
        running = max(running, min(1.0, (m - i) * p[j]))
        out[j] = running
    return out


def _bh(p):
    """R p.adjust(p, "BH") over the non-NaN entries."""
    p = np.asarray(p, dtype=float)
    out = np.full_like(p, np.nan)
    idx = np.flatnonzero(~np.isnan(p))
    m = idx.size
    order = idx[np.argsort(p[idx], kind="stable")][::-1]
    running = 1.0
    for i, j in enumerate(order):
        rank = m - i
        running = min(running, m / rank * p[j])
        out[j] = running
    return out


METRICS = ["nps", "csat", "csat_mean", "ces", "ces_agree"]


def _metric_cells(sub):
    """{metric: cell dict} of one cell's rows (ces on 1..7, agree 5)."""
    out = {}
    for metric in METRICS:
        col = {"nps": "nps", "csat": "csat", "csat_mean": "csat", "ces": "ces", "ces_agree": "ces"}[metric]
        x = sub[col].dropna().to_numpy(dtype=float)
        missing = int(sub[col].isna().sum())
        if len(x) == 0:
            c = dict(n=0, score=math.nan, lower=math.nan, upper=math.nan)
        elif metric == "nps":
            c = _nps(x)
        elif metric == "csat":
            c = _share(int((x >= 4).sum()), len(x))
        elif metric == "ces_agree":
            c = _share(int((x >= 5).sum()), len(x))
        else:
            c = _mean(x)
        c["missing"] = missing
        out[metric] = c
    return out


def reference(df, by, every, offset_min=0, min_n=MIN_N, adjust=_holm):
    """The expected CELLS table (the columns the tests compare) as a DataFrame."""
    df = df.copy()
    df["period"] = [_period(_day(t, offset_min), every) for t in df["timestamp"]] if every else ""
    cells = {}  # (group tuple, period) -> {metric: cell}
    for period, sub in df.groupby("period"):
        if by:
            cells[(("(all)",) * len(by), period)] = _metric_cells(sub)
            for g, gsub in sub.groupby(by[0] if len(by) == 1 else by):
                g = g if isinstance(g, tuple) else (g,)
                cells[(tuple(str(v) for v in g), period)] = _metric_cells(gsub)
        else:
            cells[((), period)] = _metric_cells(sub)
    # suppression, then the complementary rule per period and metric
    for c in cells.values():
        for m in c.values():
            m["suppressed"] = m["n"] < min_n
    if by:
        periods = sorted({p for _, p in cells})
        for period in periods:
            for metric in METRICS:
                total = cells[(("(all)",) * len(by), period)][metric]
                groups = [c[metric] for (g, p), c in cells.items()
                          if p == period and g != ("(all)",) * len(by)]
                hidden = [m for m in groups if m["suppressed"]]
                if len(hidden) == 1 and not total["suppressed"]:
                    shown = sorted((m for m in groups if not m["suppressed"]), key=lambda m: m["n"])
                    if shown:
                        shown[0]["suppressed"] = True
    rows = []
    for (g, period), c in sorted(cells.items(), key=lambda kv: ([v.encode() if v != "(all)" else b""
                                                                  for v in kv[0][0]], kv[0][1])):
        prev = cells.get((g, _previous(period, every))) if every else None
        for metric in METRICS:
            m = c[metric]
            row = dict(zip(by, g))
            row.update(period=period.isoformat() if every else "", metric=metric, suppressed=int(m["suppressed"]))
            if m["suppressed"]:
                row.update(n=math.nan, score=math.nan, lower=math.nan, upper=math.nan,
                           change=math.nan, p_value=math.nan, missing=math.nan)
            else:
                row.update(n=m["n"], score=m["score"], lower=m["lower"], upper=m["upper"],
                           missing=m["missing"], change=math.nan, p_value=math.nan)
                if prev is not None and not prev[metric]["suppressed"] and prev[metric]["n"] > 0 and m["n"] > 0:
                    row["change"], row["p_value"] = _test(metric, m, prev[metric])
            for k in ("promoters", "passives", "detractors", "wald_lower", "wald_upper"):
                row[k] = m.get(k, math.nan) if metric == "nps" and not m["suppressed"] else math.nan
            rows.append(row)
    out = pd.DataFrame(rows)
    out["p_adjusted"] = adjust(out["p_value"].to_numpy())
    return out


