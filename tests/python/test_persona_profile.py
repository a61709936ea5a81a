"""Personas' demographics and identifiers (spec §15.2) and privacy (§15.5) through the Python
binding, against pandas, numpy and scipy computed here on the same seeded table."""
import numpy as np
import pandas as pd
import pytest
from scipy import stats

import cxmetrics

MIN_N = 10


def table(seed=20261207, n=3000):
    rng = np.random.default_rng(seed)
    seg = rng.choice(["A", "B", "C", "D"], n, p=[0.35, 0.3, 0.3, 0.05])
    city = rng.choice(["Paris", "Lyon", "Nice", "Lille", "Brest", ""], n, p=[0.4, 0.2, 0.2, 0.13, 0.004, 0.066])
    city = np.where((seg == "B") & (rng.random(n) < 0.4), "Lyon", city)  # planted
    job = rng.choice(["nurse", "teacher", "engineer", "clerk"], n)
    job = np.where((seg == "C") & (rng.random(n) < 0.3), "engineer", job)
    income = np.round(rng.normal(40000, 9000, n) + np.where(seg == "A", 5000.0, 0.0), 2)
    income[rng.random(n) < 0.04] = np.nan
    return pd.DataFrame({"id": ["c%d" % i for i in range(n)], "segment": seg, "city": city, "job": job,
                         "income": income})


def bh(p):
    """Benjamini-Hochberg step-up q-values (1995), ties in input order."""
    p = np.asarray(p, float)
    m = p.size
    o = np.argsort(p, kind="stable")
    q = np.empty(m)
    q[o] = np.minimum(1, np.minimum.accumulate((p[o] * m / np.arange(1, m + 1))[::-1])[::-1])
    return q


@pytest.fixture(scope="module")
def built():
    df = table()
    ps = cxmetrics.personas(df, id="id", segment="segment", min_n=MIN_N, seed=1, auto_roles=False)
    return df, ps.to_dict()


def test_demographics_match_pandas(built):
    df, d = built
    pop = df  # every segment holds min_n or more customers: the whole table is the population
    for p in d["personas"]:
        assert not p["suppressed"]
        seg = df[df.segment == p["segment"]]
        by = {a["attribute"]: a for a in p["demographics"]}
        assert list(by) == ["city", "job", "income"]
        inc = by["income"]
        x = seg.income.dropna()
        assert inc["n"] == x.size and inc["missing"] == seg.income.isna().sum()
        assert inc["mean"] == pytest.approx(x.mean(), rel=1e-13)
        assert inc["sd"] == pytest.approx(x.std(ddof=1), rel=1e-12)
        assert inc["median"] == pytest.approx(x.median(), rel=1e-14)
        assert inc["p25"] == pytest.approx(np.percentile(x, 25), rel=1e-14)
        assert inc["p75"] == pytest.approx(np.percentile(x, 75), rel=1e-14)
        assert inc["population_mean"] == pytest.approx(pop.income.mean(), rel=1e-13)
        assert inc["population_sd"] == pytest.approx(pop.income.std(ddof=1), rel=1e-12)
        for name in ("city", "job"):
            a = by[name]
            known = seg[name][seg[name] != ""]
            pk = pop[name][pop[name] != ""]
            assert a["n"] == known.size
            for cell in a["levels"]:
                c = (known == cell["level"]).sum()
                if cell["withheld"] is None:
                    assert cell["count"] == c and c >= MIN_N
                    assert cell["share"] == pytest.approx(100 * c / known.size, rel=1e-14)
                else:
                    assert cell["count"] is None and cell["share"] is None
                if cell["population_count"] is not None:
                    C = (pk == cell["level"]).sum()
                    assert cell["population_count"] == C
                    assert cell["population_share"] == pytest.approx(100 * C / pk.size, rel=1e-14)
            # Brest (about 12 customers in all) is withheld everywhere, never leaked through a total
            brest = [c for c in a["levels"] if c["level"] == "Brest"]
            if brest:
                assert brest[0]["withheld"] is not None and brest[0]["population_count"] is None
            shown = sum(c["count"] for c in a["levels"] if c["withheld"] is None)
            assert a["n"] - shown in (0,) or a["n"] - shown >= MIN_N


def test_identifiers_match_scipy(built):
    df, d = built
    tests = []  # (persona index, attribute order, level place, attribute, value, numbers)
    for i, p in enumerate(d["personas"]):
        seg = df.segment == p["segment"]
        for j, a in enumerate(p["demographics"]):
            if a["type"] == "numeric":
                if a["withheld"]:
                    continue
                xs, xr = df.income[seg].dropna(), df.income[~seg].dropna()
                t = stats.ttest_ind(xs, xr, equal_var=False)
                std = (xs.mean() - xr.mean()) / np.sqrt((xs.var(ddof=1) + xr.var(ddof=1)) / 2)
                m = df.income.mean()
                tests.append((i, j, 0, a["attribute"], "higher" if xs.mean() > xr.mean() else "lower",
                              [xs.mean(), m, xs.mean() / m, xs.mean() - m, std, t.pvalue]))
                continue
            col = df[a["attribute"]]
            known = col != ""
            n_s, N = (seg & known).sum(), known.sum()
            for place, cell in enumerate(a["levels"]):
                if cell["withheld"] is not None:
                    continue
                c = ((col == cell["level"]) & seg).sum()
                C = (col == cell["level"]).sum()
                ps_, pr = c / n_s, (C - c) / (N - n_s)
                P = C / N
                z = (ps_ - pr) / np.sqrt(P * (1 - P) * (1 / n_s + 1 / (N - n_s)))
                std = (ps_ - pr) / np.sqrt((ps_ * (1 - ps_) + pr * (1 - pr)) / 2)
                share, pshare = 100 * c / n_s, 100 * C / N
                tests.append((i, j, place, a["attribute"], cell["level"],
                              [share, pshare, share / pshare, share - pshare, std, 2 * stats.norm.sf(abs(z))]))
    q = bh([t[5][5] for t in tests])
    for i, p in enumerate(d["personas"]):
        kept = [k for k in range(len(tests)) if tests[k][0] == i and q[k] <= 0.05]
        kept.sort(key=lambda k: (-np.round(abs(tests[k][5][4]) * 1e9), tests[k][1], tests[k][2]))
        kept = kept[:8]
        got = p["identifiers"]
        assert [(g["attribute"], g["value"]) for g in got] == [(tests[k][3], tests[k][4]) for k in kept]
        for g, k in zip(got, kept):
            want = tests[k][5]
            for f, name in enumerate(("share", "population_share", "lift", "difference", "std_difference")):
                assert g[name] == pytest.approx(want[f], rel=1e-11), name
            assert g["p_value"] == pytest.approx(want[5], rel=1e-8)
            assert g["q_value"] == pytest.approx(q[k], rel=1e-8)
    # the planted levels come first
    first = {p["segment"]: p["identifiers"][0] for p in d["personas"] if p["identifiers"]}
    assert (first["B"]["attribute"], first["B"]["value"]) == ("city", "Lyon")
    b = df[df.segment == "B"]
    share = (b.city == "Lyon").sum() / (b.city != "").sum()
    pshare = (df.city == "Lyon").sum() / (df.city != "").sum()
    assert first["B"]["lift"] == pytest.approx(share / pshare, rel=1e-14)
