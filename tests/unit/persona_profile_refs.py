#!/usr/bin/python3
"""The values tests/unit/test_persona_profile.c asserts, computed with numpy and scipy, printed as C.

    /usr/bin/python3 tests/unit/persona_profile_refs.py > tests/unit/persona_profile_refs.h

numpy 1.24.2, scipy 1.10.1 (Debian 12). The data: 240 customers drawn here with a fixed seed
(numpy default_rng(20261207)); 3 segments and 20 rows outside the population (segment -1);
city (6 levels and "" missing; segment 1 over-represents "Lyon": planted), gender (2 levels
and ""), income (normal per segment, 5% missing), an RFM segment column (levels only in the
RFM mix, never an identifier). min_n = 1, so the only withheld cells are those of 0 customers.

Every formula is written out here from its source, independently of the library:
  share = 100 c / n_s; population_share = 100 C / N; lift = share / population_share;
  difference = share - population_share;
  std_difference (Austin 2009, binary) = (p_s - p_r) / sqrt((p_s (1 - p_s) + p_r (1 - p_r)) / 2),
  p_r the share of the rest (population minus segment);
  p-value (levels) = 2 scipy.stats.norm.sf(|z|), z = (p_s - p_r) / sqrt(P (1 - P) (1/n_s + 1/n_r)),
  P = C / N pooled;
  numeric: std_difference = (m_s - m_r) / sqrt((s_s^2 + s_r^2) / 2) (ddof 1), p-value
  scipy.stats.ttest_ind(segment, rest, equal_var=False).pvalue;
  q-values: Benjamini & Hochberg (1995) step-up over every test of the set, in numpy:
  o = argsort(p, kind="stable"); q[o] = minimum.accumulate((p[o] * m / arange(1, m + 1))[::-1])[::-1],
  clipped at 1;
  kept: q <= 0.05, ranked by |std_difference| desc (to 9 decimals: round(|d| 1e9)); at most 3 per persona (the test's option).
  Quantiles: numpy.percentile(..., method="linear") (R type 7).
Also scipy.stats.t.sf at a few points.
"""
import numpy as np
from scipy import stats

rng = np.random.default_rng(20261207)
N = 240
CITY = ["Paris", "Lyon", "", "Nice", "Lille", "Brest"]
GENDER = ["female", "male", ""]
RFM = ["Champions", "At risk", "Lost"]

seg = rng.integers(0, 3, N)
seg[rng.choice(N, 20, replace=False)] = -1
city = np.empty(N, dtype=int)
for i in range(N):
    if seg[i] == 1 and rng.random() < 0.55:
        city[i] = 1
    else:
        city[i] = rng.choice([0, 1, 2, 3, 4, 5], p=[0.35, 0.15, 0.05, 0.2, 0.2, 0.05])
gender = rng.choice([0, 1, 2], size=N, p=[0.48, 0.48, 0.04])
gender[seg == 2] = rng.choice([0, 1], size=(seg == 2).sum(), p=[0.8, 0.2])
income = rng.normal(40000, 9000, N) + np.where(seg == 0, 6000.0, 0.0)
income = np.round(income, 2)
income[rng.random(N) < 0.05] = np.nan
rfm = rng.integers(0, 3, N)

pop = seg >= 0
K = 3


def carr(name, v, fmt="%.17g", per=6, ctype="double"):
    v = list(v)
    body = ",".join(("\n\t" if i % per == 0 else " ") + (fmt % x) for i, x in enumerate(v))
    print("static const %s %s[%d] = {%s\n};" % (ctype, name, len(v), body))


def cstr(name, v):
    print("static const char *const %s[%d] = {%s};" % (name, len(v), ", ".join('"%s"' % s for s in v)))


tests = []  # (persona, attribute, position, value, share, pop_share, lift, diff, std, p)
demo = {}


def cat_tests(attr_index, codes, levels):
    valid = np.array([levels[c] != "" for c in codes])
    C = np.array([np.sum(pop & valid & (codes == l)) for l in range(len(levels))], float)
    Ntot = np.sum(pop & valid)
    out = []
    for s in range(K):
        ins = (seg == s) & valid
        n_s = ins.sum()
        c = np.array([np.sum(ins & (codes == l)) for l in range(len(levels))], float)
        lv = [l for l in range(len(levels)) if levels[l] != "" and C[l] > 0]
        shown = sorted([l for l in lv if c[l] > 0], key=lambda l: (-c[l], -C[l], l))
        withheld = sorted([l for l in lv if c[l] == 0])
        order = shown + withheld
        out.append((order, c, C, n_s, Ntot))
        for pos, l in enumerate(shown):
            n_r = Ntot - n_s
            ps, pr = c[l] / n_s, (C[l] - c[l]) / n_r
            P = C[l] / Ntot
            z = (ps - pr) / np.sqrt(P * (1 - P) * (1 / n_s + 1 / n_r))
            p = 2 * stats.norm.sf(abs(z))
            std = (ps - pr) / np.sqrt((ps * (1 - ps) + pr * (1 - pr)) / 2)
            share, pshare = 100 * c[l] / n_s, 100 * C[l] / Ntot
            tests.append((s, attr_index, pos, levels[l], share, pshare, share / pshare, share - pshare, std, p))
    return out


city_demo = cat_tests(0, city, CITY)
gender_demo = cat_tests(1, gender, GENDER)
num = []
ok = pop & ~np.isnan(income)
pm = income[ok].mean()
for s in range(K):
    a = income[(seg == s) & ok]
    b = income[(seg != s) & ok]
    std = (a.mean() - b.mean()) / np.sqrt((a.var(ddof=1) + b.var(ddof=1)) / 2)
    p = stats.ttest_ind(a, b, equal_var=False).pvalue
    tests.append((s, 2, 0, "higher" if a.mean() > b.mean() else "lower", a.mean(), pm, a.mean() / pm,
                  a.mean() - pm, std, p))
    num.append([a.size, np.sum((seg == s) & np.isnan(income)), a.mean(), a.std(ddof=1), np.percentile(a, 50),
                np.percentile(a, 25), np.percentile(a, 75)])

p = np.array([t[9] for t in tests])
m = len(p)
o = np.argsort(p, kind="stable")
q = np.empty(m)
q[o] = np.minimum(1, np.minimum.accumulate((p[o] * m / np.arange(1, m + 1))[::-1])[::-1])

print("/* tests/unit/persona_profile_refs.h - numpy / scipy values for test_persona_profile.c")
print("   (generated by tests/unit/persona_profile_refs.py: numpy 1.24.2, scipy 1.10.1; see it for every formula). */")
print("#ifndef CXM_TEST_PERSONA_PROFILE_REFS_H\n#define CXM_TEST_PERSONA_PROFILE_REFS_H\n#include <math.h>\n#include <stdint.h>")
print("#define REF_N %d\n#define REF_K %d\n#define REF_MOST 3\n#define REF_TESTS %d" % (N, K, m))
carr("ref_seg", [int(s) if s >= 0 else 4294967295 for s in seg], "%du", 12, "uint32_t")
carr("ref_city", city, "%d", 20, "uint32_t")
carr("ref_gender", gender, "%d", 20, "uint32_t")
carr("ref_rfm", rfm, "%d", 20, "uint32_t")
print("static const double ref_income[%d] = {%s\n};" % (N, ",".join(
    ("\n\t" if i % 6 == 0 else " ") + ("NAN" if np.isnan(x) else "%.17g" % x) for i, x in enumerate(income))))
cstr("ref_city_levels", CITY)
cstr("ref_gender_levels", GENDER)
cstr("ref_rfm_levels", RFM)

# population and per-persona income statistics
print("/* income: n, missing, mean, sd, median, p25, p75 per persona; then the population's mean, sd (ddof 1), median */")
carr("ref_income_stats", [x for row in num for x in row], per=7)
a = income[ok]
carr("ref_income_pop", [a.mean(), a.std(ddof=1), np.percentile(a, 50)])
# city cells of every persona, in the library's order: levels, counts, shares, population counts and shares
for s in range(K):
    order, c, C, n_s, Ntot = city_demo[s]
    print("/* persona %d city: n = %d */" % (s, n_s))
    cstr("ref_city_order_%d" % s, [CITY[l] for l in order])
    carr("ref_city_count_%d" % s, [c[l] if c[l] > 0 else float("nan") for l in order])
    carr("ref_city_popshare_%d" % s, [100 * C[l] / Ntot for l in order])
    carr("ref_city_n_%d" % s, [n_s, np.sum((seg == s) & (city == 2))])
# kept identifiers
rows = []
for s in range(K):
    kept = [i for i in range(m) if tests[i][0] == s and q[i] <= 0.05]
    kept.sort(key=lambda i: (-np.round(abs(tests[i][8]) * 1e9), tests[i][1], tests[i][2]))
    rows.append(kept[:3])
carr("ref_ident_count", [len(r) for r in rows], "%d", 3, "size_t")
flat = [i for r in rows for i in r]
cstr("ref_ident_attr", [["city", "gender", "income"][tests[i][1]] for i in flat])
cstr("ref_ident_value", [tests[i][3] for i in flat])
print("/* share, population_share, lift, difference, std_difference, p_value, q_value */")
carr("ref_ident", [x for i in flat for x in list(tests[i][4:10]) + [q[i]]], per=7)
# every test's p and q, in the library's test order is not fixed here: the smallest q of all
carr("ref_q_min", [q.min()])
# the planted level: segment 1's Lyon share / population share, by hand counts
n1 = np.sum((seg == 1) & (city != 2))
c1 = np.sum((seg == 1) & (city == 1))
Cl = np.sum(pop & (city == 1))
Nv = np.sum(pop & (city != 2))
print("/* planted: segment 1 has %d of its %d cities Lyon; the population %d of %d */" % (c1, n1, Cl, Nv))
carr("ref_planted", [c1, n1, Cl, Nv])

# t and beta
pts = [(2.1, 3.0), (0.5, 1.5), (4.0, 17.3), (12.0, 250.7), (0.01, 1e6), (3.3, 5e5), (40.0, 2e5), (1e-6, 7.5),
       (0.2, 2.5), (1.0, 1.0), (6.0, 40.0), (30.0, 3.5)]
print("/* t, df, scipy.stats.t.sf(|t|, df) * 2 */")
carr("ref_t", [x for t, df in pts for x in (t, df, 2 * stats.t.sf(t, df))], per=3)
print("#endif")
