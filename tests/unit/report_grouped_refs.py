#!/usr/bin/python3
"""The values tests/unit/test_report_grouped.c asserts, computed with pandas and scipy, as C.

    /usr/bin/python3 tests/unit/report_grouped_refs.py > tests/unit/report_grouped_refs.h

Input: tests/data/survey-grouped/survey.csv (gen_survey_grouped.py), read with pandas; the
report's settings: by channel, time timestamp by month at UTC+01:00, min_n 10, Holm, 95 %,
support times created/first_reply/resolved. Independent of the library: pandas groupby for the
cells, pd.to_datetime for the timestamps, the formulas of spec §1.3-1.6 and §2.3 written out
here, scipy.stats.t for t intervals, scipy.stats.ttest_ind_from_stats(equal_var=False) for Welch,
the pooled two-proportion z (statsmodels' proportions_ztest formula; statsmodels is not installed
on Debian 12 here), numpy.percentile (linear = type 7), R's p.adjust definitions of Holm and BH.
The module is imported by tests/python/test_survey_grouped.py too (expected_cells / expected_vs_rest).
"""
import math
import os
import sys

import numpy as np
import pandas as pd
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
CSV = os.path.join(HERE, "..", "data", "survey-grouped", "survey.csv")
CONF, MIN_N, OFFSET_MIN = 0.95, 10, 60
Z = stats.norm.ppf(0.5 + CONF / 2)
KINDS = ["nps", "csat", "csat_mean", "ces", "ces_agree", "first_response_mean", "first_response_median",
         "first_response_p90", "resolution_mean", "resolution_median", "resolution_p90"]
NAN = float("nan")


def load(path=CSV):
    df = pd.read_csv(path, dtype={"channel": str, "timestamp": str})
    ts = df["timestamp"]
    is_date = ts.str.len() == 10
    t = pd.to_datetime(ts.where(~is_date, ts + "T00:00:00Z").map(lambda x: pd.Timestamp(x).tz_convert("UTC")),
                       utc=True)
    local = (t + pd.Timedelta(minutes=OFFSET_MIN)).dt.tz_localize(None)
    day = local.dt.floor("D").where(~is_date, t.dt.tz_localize(None))
    df["period"] = day.dt.to_period("M").dt.start_time.dt.strftime("%Y-%m-%d")
    created = pd.to_datetime(df["created"], utc=True)
    df["fr"] = (pd.to_datetime(df["first_reply"], utc=True) - created).dt.total_seconds()
    df["rs"] = (pd.to_datetime(df["resolved"], utc=True) - created).dt.total_seconds()
    return df


def nps_vals(s):
    s = s.dropna()
    n = len(s)
    P, D = (s >= 9).sum(), (s <= 6).sum()
    Pa = n - P - D
    p, d = P / n, D / n
    wv = max(p + d - (p - d) ** 2, 0.0)
    wse = 100 * math.sqrt(wv / n)
    na = n + 3
    pa, da = (P + 0.75) / na, (D + 0.75) / na
    av = max(pa + da - (pa - da) ** 2, 0.0)
    ase = 100 * math.sqrt(av / na)
    c = 100 * (pa - da)
    return dict(n=n, score=100 * (p - d), lower=c - Z * ase, upper=c + Z * ase, wald_lower=100 * (p - d) - Z * wse,
                wald_upper=100 * (p - d) + Z * wse, promoters=100 * P / n, passives=100 * Pa / n,
                detractors=100 * D / n, centre=c, se=ase)


def wilson(x, n):
    p = x / n
    den = 1 + Z * Z / n
    c = (p + Z * Z / (2 * n)) / den
    h = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / den
    lo = 0.0 if x == 0 else max(0.0, c - h)
    hi = 1.0 if x == n else min(1.0, c + h)
    return 100 * lo, 100 * hi


def prop_vals(s, thr):
    s = s.dropna()
    n, x = len(s), int((s >= thr).sum())
    lo, hi = wilson(x, n)
    return dict(n=n, score=100 * x / n, lower=lo, upper=hi, x=x)


def mean_vals(s):
    s = s.dropna().astype(float)
    n, m = len(s), s.mean()
    sd = s.std(ddof=1) if n > 1 else NAN
    lo, hi = stats.t.interval(CONF, n - 1, loc=m, scale=sd / math.sqrt(n)) if n > 1 else (NAN, NAN)
    return dict(n=n, score=m, lower=lo, upper=hi, mean=m, sd=sd)


def cell_vals(g):
    out = {}
    if len(g["nps"].dropna()):
        out["nps"] = nps_vals(g["nps"])
    out["csat"] = prop_vals(g["csat"], 4)
    out["csat_mean"] = mean_vals(g["csat"])
    out["ces"] = mean_vals(g["ces"])
    out["ces_agree"] = prop_vals(g["ces"], 4)
    for key, col in (("first_response", "fr"), ("resolution", "rs")):
        d = g[col].dropna()
        open_ = int(g[col].isna().sum())
        out[key + "_mean"] = dict(mean_vals(d), missing=open_)
        for q, name in ((50, "median"), (90, "p90")):
            v = float(np.percentile(d, q)) if len(d) else NAN
            out[key + "_" + name] = dict(n=len(d), score=v, lower=NAN, upper=NAN, missing=open_)
    out["nps"]["missing"] = int(g["nps"].isna().sum())
    for k in ("csat", "csat_mean"):
        out[k]["missing"] = int(g["csat"].isna().sum())
    for k in ("ces", "ces_agree"):
        out[k]["missing"] = int(g["ces"].isna().sum())
    return out


def test(kind, a, b):
    """Two-sided p of a against b (spec §18.3)."""
    if kind == "nps":
        se = math.sqrt(a["se"] ** 2 + b["se"] ** 2)
        return 2 * stats.norm.sf(abs((a["centre"] - b["centre"]) / se))
    if kind in ("csat", "ces_agree"):
        pp = (a["x"] + b["x"]) / (a["n"] + b["n"])
        se = math.sqrt(pp * (1 - pp) * (1 / a["n"] + 1 / b["n"]))
        return 2 * stats.norm.sf(abs((a["x"] / a["n"] - b["x"] / b["n"]) / se))
    if kind.endswith("mean") or kind == "ces":
        return stats.ttest_ind_from_stats(a["mean"], a["sd"], a["n"], b["mean"], b["sd"], b["n"],
                                          equal_var=False).pvalue
    return NAN


def holm(p):
    p = np.asarray(p, float)
    out = np.full(len(p), NAN)
    idx = np.where(~np.isnan(p))[0]
    m = len(idx)
    order = idx[np.argsort(p[idx], kind="stable")]
    run = 0.0
    for k, i in enumerate(order):
        run = max(run, (m - k) * p[i])
        out[i] = min(run, 1.0)
    return out


def bh(p):
    p = np.asarray(p, float)
    out = np.full(len(p), NAN)
    idx = np.where(~np.isnan(p))[0]
    m = len(idx)
    order = idx[np.argsort(p[idx], kind="stable")]
    run = 1.0
    for k in range(m - 1, -1, -1):
        i = order[k]
        run = min(run, m / (k + 1) * p[i])
        out[i] = run
    return out


def expected_cells(path=CSV):
    df = load(path)
    periods = sorted(df["period"].unique())
    groups = [("(all)", df)] + [(ch, g) for ch, g in sorted(df.groupby("channel"), key=lambda x: x[0].encode())]
    rows = []
    vals = {}
    for name, g in groups:
        for per in periods:
            vals[(name, per)] = cell_vals(g[g["period"] == per])
    for name, _ in groups:
        for per in periods:
            for kind in KINDS:
                v = vals[(name, per)][kind]
                rows.append(dict(channel=name, period=per, metric=kind, v=v, suppressed=int(v["n"] < MIN_N)))
    # the complementary rule: one suppressed group beside a shown total
    for per in periods:
        for kind in KINDS:
            tot = [r for r in rows if r["channel"] == "(all)" and r["period"] == per and r["metric"] == kind][0]
            grp = [r for r in rows if r["channel"] != "(all)" and r["period"] == per and r["metric"] == kind]
            if not tot["suppressed"] and sum(r["suppressed"] for r in grp) == 1:
                rest = [r for r in grp if not r["suppressed"]]
                min(rest, key=lambda r: r["v"]["n"])["suppressed"] = 1
    for r in rows:
        r["change"] = r["p_value"] = NAN
        i = periods.index(r["period"])
        if i == 0 or r["suppressed"]:
            continue
        prev = [q for q in rows if q["channel"] == r["channel"] and q["period"] == periods[i - 1]
                and q["metric"] == r["metric"]][0]
        if prev["suppressed"]:
            continue
        r["change"] = r["v"]["score"] - prev["v"]["score"]
        r["p_value"] = test(r["metric"], r["v"], prev["v"])
    adj = holm([r["p_value"] for r in rows])
    adj_bh = bh([r["p_value"] for r in rows])
    for r, a, b in zip(rows, adj, adj_bh):
        r["p_adjusted"] = a
        r["p_bh"] = b
    return rows


def expected_vs_rest(path=CSV):
    """Each group cell against the rest of its period; a group cell suppressed in the cells table
    (under min_n or by the complementary rule) or a rest under min_n is suppressed here too."""
    df = load(path)
    shown = {(r["channel"], r["period"], r["metric"]): not r["suppressed"] for r in expected_cells(path)}
    periods = sorted(df["period"].unique())
    out = []
    for ch, g in sorted(df.groupby("channel"), key=lambda x: x[0].encode()):
        for per in periods:
            a_all = cell_vals(g[g["period"] == per])
            rest = df[(df["channel"] != ch) & (df["period"] == per)]
            b_all = cell_vals(rest)
            for kind in KINDS[:5]:
                a, b = a_all[kind], b_all[kind]
                sup = int(not shown[(ch, per, kind)] or b["n"] < MIN_N)
                out.append(dict(channel=ch, period=per, metric=kind, n=a["n"], score=a["score"], rest_n=b["n"],
                                rest_score=b["score"], diff=a["score"] - b["score"],
                                p_value=NAN if sup else test(kind, a, b), suppressed=sup))
    adj = holm([r["p_value"] for r in out])
    for r, a in zip(out, adj):
        r["p_adjusted"] = a
    return out


def c_num(x):
    return "NAN" if x is None or (isinstance(x, float) and math.isnan(x)) else "%.17g" % x


def main():
    rows = expected_cells()
    vs = expected_vs_rest()
    cols = ["n", "score", "lower", "upper", "change", "p_value", "p_adjusted", "suppressed"]
    print("/* tests/unit/report_grouped_refs.h - generated by tests/unit/report_grouped_refs.py"
          " (pandas %s, scipy %s): do not edit. */" % (pd.__version__, __import__("scipy").__version__))
    print("#include <math.h>")
    print("typedef struct ref_cell { const char *channel, *period, *metric; double v[%d]; } ref_cell;" % (len(cols) + 1))
    print("static const ref_cell ref_cells[] = {")
    for r in rows:
        v = r["v"]
        nums = [v["n"], v["score"], v["lower"], v["upper"], r["change"], r["p_value"], r["p_adjusted"],
                r["suppressed"], r["p_bh"]]
        if r["suppressed"]:
            nums = [NAN] * 7 + [1, NAN]
        print('\t{ "%s", "%s", "%s", { %s } },' % (r["channel"], r["period"], r["metric"],
                                                  ", ".join(c_num(float(x)) for x in nums)))
    print("};")
    print("typedef struct ref_rest { const char *channel, *period, *metric; double v[8]; } ref_rest;")
    print("static const ref_rest ref_vs_rest[] = {")
    for r in vs:
        nums = [r[k] for k in ("n", "score", "rest_n", "rest_score", "diff", "p_value", "p_adjusted", "suppressed")]
        if r["suppressed"]:
            nums = [NAN] * 7 + [1]
        print('\t{ "%s", "%s", "%s", { %s } },' % (r["channel"], r["period"], r["metric"],
                                                  ", ".join(c_num(float(x)) for x in nums)))
    print("};")


if __name__ == "__main__":
    main()
