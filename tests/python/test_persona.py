"""Personas through Python (persona.h, spec §15): cxmetrics.personas and the
functions around it.

Independent references:
- the planted city: a table made here (segment B: 30 of its 60 customers in
  Lyon, A: 10 of 60); share, lift, Austin's standardised difference and the
  pooled two-proportion z p-value written out with scipy.stats.norm;
- the command line (`cxm personas`, the C library read from a CSV file by
  its own reader) gives the same JSON bytes as Python from a DataFrame that
  pandas.read_csv made: C and Python agree (tests/ruby/test_persona.rb does
  the same for Ruby);
- scipy.optimize.linear_sum_assignment for the assignment, Cronbach's
  formula in numpy for alpha, scikit-learn's NMF (init="custom") for the
  factorisation.
"""

import json
import math
import os
import subprocess
import tempfile

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from scipy.optimize import linear_sum_assignment

import cxmetrics as cx
from conftest import ROOT

ECOM = os.path.join(ROOT, "examples", "data", "ecommerce_customers.csv")


def planted(extra_small=0):
    """120 customers: A and B of 60; cities A: Lyon 10, Paris 25, Nice 25; B:
    Lyon 30, Paris 15, Nice 15; channel web/app alternating in both (no
    difference); optionally a segment C of extra_small customers."""
    rows = []
    for seg, cities in (("A", ["Lyon"] * 10 + ["Paris"] * 25 + ["Nice"] * 25),
                        ("B", ["Lyon"] * 30 + ["Paris"] * 15 + ["Nice"] * 15)):
        for i, city in enumerate(cities):
            rows.append({"id": f"{seg}{i:03d}", "segment": seg, "city": city, "channel": ["web", "app"][i % 2]})
    for i in range(extra_small):
        rows.append({"id": f"C{i:03d}", "segment": "C", "city": "Lyon", "channel": "web"})
    return pd.DataFrame(rows)


def test_planted_city_is_the_top_identifier():
    ps = cx.personas(planted(), id="id", segment="segment", location="city", seed=3, reference_year=2025)
    assert [p.segment for p in ps] == ["A", "B"]
    b = ps["P2"]
    top = b.identifiers[0]
    assert (top["attribute"], top["value"], top["type"]) == ("city", "Lyon", "categorical")
    p1, p2 = 30 / 60, 10 / 60          # B vs the rest (A)
    pop = 40 / 120
    assert top["share"] == pytest.approx(50.0, rel=1e-15)
    assert top["population_share"] == pytest.approx(100 * pop, rel=1e-15)
    assert top["lift"] == pytest.approx(p1 / pop, rel=1e-14)            # 1.5
    assert top["difference"] == pytest.approx(100 * (p1 - pop), rel=1e-14)
    # Austin (2009): (p1 - p2) / sqrt((p1 (1 - p1) + p2 (1 - p2)) / 2)
    d = (p1 - p2) / math.sqrt((p1 * (1 - p1) + p2 * (1 - p2)) / 2)
    assert top["std_difference"] == pytest.approx(d, rel=1e-12)
    # pooled two-proportion z, two-sided
    pp = 40 / 120
    z = (p1 - p2) / math.sqrt(pp * (1 - pp) * (1 / 60 + 1 / 60))
    assert top["p_value"] == pytest.approx(2 * stats.norm.sf(abs(z)), rel=1e-9)
    # the location of the identity is the modal city
    assert (b.location, b.location_share) == ("Lyon", 50.0)
    # channel does not differ: never an identifier
    assert all(i["attribute"] != "channel" for p in ps for i in p.identifiers)
    assert b.size == 60 and b.share == 50.0


def test_same_seed_same_bytes_and_round_trip():
    df = pd.read_csv(ECOM)
    a = cx.personas(df, id="customer_id", comment="comment", nps="nps", seed=11, reference_year=2025)
    b = cx.personas(df, id="customer_id", comment="comment", nps="nps", seed=11, reference_year=2025)
    assert a.to_json() == b.to_json()
    back = cx.PersonaSet.from_json(a.to_json())
    assert back.to_json() == a.to_json()
    assert a.to_dict() == json.loads(a.to_json())
    assert a.schema == "cxmetrics.personas/1"
    assert a.provenance["seed"] == 11 and a.provenance["reference_year"] == 2025
    # each persona's own JSON is its item of the set's
    for i, p in enumerate(a):
        assert p.to_dict() == a.to_dict()["personas"][i]
        assert p.name == a.to_dict()["personas"][i]["name"]
    assert sum(p.size for p in a) == 1200


def test_c_and_python_agree():
    """`cxm personas` on the file and Python on pandas' reading of it: the same bytes."""
    exe = os.environ.get("CXM_EXE")
    if not exe:
        pytest.skip("CXM_EXE is not set (meson sets it)")
    args = ["--id", "customer_id", "--comment", "comment", "--nps", "nps", "--seed", "5",
            "--reference-year", "2025", "--min-n", "12"]
    out = subprocess.run([exe, "personas", ECOM, *args, "--format", "json"], capture_output=True,
                         text=True, check=True).stdout
    df = pd.read_csv(ECOM)   # pandas' own parser: int64, float64 with NaN, object with NaN
    ps = cx.personas(df, id="customer_id", comment="comment", nps="nps", seed=5, reference_year=2025, min_n=12)
    assert ps.to_json() == out
    md = subprocess.run([exe, "personas", ECOM, *args, "--format", "md"], capture_output=True, text=True,
                        check=True).stdout
    assert ps.to_markdown() == md


def test_small_segment_is_suppressed_and_never_leaks():
    ps = cx.personas(planted(extra_small=4), id="id", segment="segment", location="city", seed=1,
                     reference_year=2025)
    c = ps[2]
    assert c.segment == "C" and c.suppressed is True
    assert set(c.keys()) == {"id", "segment", "suppressed", "provenance"}
    assert "name" not in c.to_dict()
    prov = ps.provenance
    assert prov["customers"] == 120                 # C's 4 left the population
    assert prov["excluded_customers"] is None       # 0 < 4 < min_n: not shown
    assert prov["suppressed_personas"] == 1
    # the shown personas' shares are of the 120
    assert [p.share for p in ps if not p.suppressed] == [50.0, 50.0]
    s = ps.summary()
    assert list(s["suppressed"]) == [0, 0, 1] and math.isnan(s["size"][2])


def test_summary_and_identifiers_tables():
    ps = cx.personas(planted(), id="id", segment="segment", location="city", seed=3, reference_year=2025)
    s = ps.summary()
    assert list(s.columns) == ["id", "segment", "name", "gender", "age_band", "location", "career", "age",
                               "size", "share", "revenue_share", "suppressed"]
    assert list(s["id"]) == ["P1", "P2"] and list(s["name"]) == [p.name for p in ps]
    ident = ps.identifiers()
    rows = [(p.id, i["attribute"], i["value"], i["lift"]) for p in ps for i in p.identifiers]
    assert list(zip(ident["persona"], ident["attribute"], ident["value"], ident["lift"])) == rows


def test_html_and_markdown():
    ps = cx.personas(planted(), id="id", segment="segment", location="city", seed=3, reference_year=2025)
    page = ps.to_html(title="Planted <cities>")
    assert page.lstrip().lower().startswith("<!doctype html")
    assert "<script" not in page and "http" not in page
    assert "Planted &lt;cities&gt;" in page
    card = ps[1]._repr_html_()
    assert "<svg" in card and ps[1].name in card
    assert ps._repr_html_().count("<svg") >= 2
    assert ps[1].name in ps.to_markdown()
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "p.html")
        ps.save_html(path)
        with open(path, encoding="utf-8") as f:
            assert f.read() == ps.to_html()


def test_dataframe_conversion():
    df = planted()
    df["city"] = df["city"].astype("category")
    df.loc[0, "channel"] = None           # missing, not "None"
    df["since"] = pd.to_datetime("2024-03-01") + pd.to_timedelta(np.arange(len(df)), unit="D")
    ps = cx.personas(df, id="id", segment="segment", location="city", date="since", seed=3,
                     reference_year=2025)
    assert ps.provenance["data_window"] == {"start": "2024-03-01", "end": "2024-06-28"}
    a = ps[0]
    ch = next(d for d in a.demographics if d["attribute"] == "channel")
    assert ch["missing"] == 1 and ch["n"] == 59
    assert all(lv["level"] != "None" for lv in ch["levels"])


def test_names_and_rules_tables():
    names = cx.PersonaNames()
    assert len(names) > 0
    n1 = names.draw("female", 1985, "US", seed=1, stream=0)
    assert n1 == names.draw("female", 1985, "US", seed=1, stream=0)
    assert n1[1] == "female/1980/US"
    mine = cx.PersonaNames.from_json('{"schema": "cxmetrics.names/1", "source": "test", "entries": '
                                     '[{"gender": "*", "decade": "*", "country": "*", "names": ["Alex"]}]}')
    assert mine.draw() == ("Alex", "*/*/*")
    ps = cx.personas(planted(), id="id", segment="segment", location="city", names=mine, seed=3,
                     reference_year=2025)
    assert [p.name for p in ps][0] == "Alex"
    with pytest.raises(cx.ParseError, match="byte"):
        cx.PersonaNames.from_json('{"schema": ')
    rules = cx.PersonaRules.from_json(json.dumps({
        "schema": "cxmetrics.persona_rules/1", "name": "t",
        "rules": [{"name": "lyon", "when": [{"attribute": "city", "level": "Lyon", "stat": "share", "op": ">=",
                                             "value": 40}],
                   "goals": ["Be served in Lyon"]}]}))
    assert len(rules) == 1
    ps = cx.personas(planted(), id="id", segment="segment", location="city", rules=rules, seed=3,
                     reference_year=2025)
    assert ps[0].goals == [] and ps[1].goals == [{"text": "Be served in Lyon", "source": "rule:lyon"}]
    assert ps.provenance["rules"] == "t"


def test_errors_name_what_is_wrong():
    with pytest.raises(cx.InvalidArgument, match="nosuch"):
        cx.personas(planted(), id="id", segment="nosuch")
    with pytest.raises(cx.InvalidArgument):
        cx.personas(planted(), min_n=0)
    with pytest.raises(TypeError):
        cx.personas([1, 2, 3])
    with pytest.raises(cx.ParseError):
        cx.PersonaSet.from_json('{"schema": "cxmetrics.personas/1", "provenance": ')
    with pytest.raises(cx.VersionMismatch):
        cx.PersonaSet.from_json('{"schema": "cxmetrics.personas/9", "provenance": {}, "personas": []}')


def test_linear_assignment_matches_scipy():
    rng = np.random.default_rng(4)
    for shape in [(1, 1), (3, 3), (5, 8), (8, 5), (12, 12)]:
        c = rng.random(shape) * 10
        a, total = cx.linear_assignment(c)
        r, k = linear_sum_assignment(c)
        exp = np.full(shape[0], -1)
        exp[r] = k
        assert a.tolist() == exp.tolist()
        assert total == pytest.approx(c[r, k].sum(), rel=1e-12)


def test_cronbach_alpha_matches_the_formula():
    x = np.random.default_rng(8).integers(1, 8, size=(40, 5)).astype(float)
    x[:, 1] = np.clip(x[:, 0] + np.random.default_rng(9).integers(-1, 2, 40), 1, 7)
    k = x.shape[1]
    alpha = k / (k - 1) * (1 - x.var(axis=0, ddof=1).sum() / x.sum(axis=1).var(ddof=1))
    assert cx.cronbach_alpha(x) == pytest.approx(alpha, rel=1e-12)


@pytest.mark.filterwarnings("ignore::UserWarning")  # scikit-learn: max_iter reached, as asked
def test_nmf_matches_scikit_learn():
    sk = pytest.importorskip("sklearn.decomposition")
    rng = np.random.default_rng(1)
    X = rng.random((20, 8))
    W0, H0 = rng.random((20, 3)), rng.random((3, 8))
    for method, solver in (("mu", "mu"), ("hals", "cd")):
        r = cx.nmf(X, 3, method=method, w=W0, h=H0, max_iter=50, tol=1e-4)
        m = sk.NMF(3, init="custom", solver=solver, max_iter=50, tol=1e-4, beta_loss="frobenius")
        W = m.fit_transform(X, W=W0.copy(), H=H0.copy())
        np.testing.assert_allclose(r.w, W, rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(r.h, m.components_, rtol=1e-9, atol=1e-12)
        assert r.iterations == m.n_iter_
    assert W0.shape == (20, 3)  # the caller's starting factors are not changed
    r2 = cx.nmf(X, 3, seed=4)
    r3 = cx.nmf(X, 3, seed=4)
    assert np.array_equal(r2.w, r3.w) and r2.error == r3.error


def test_pps_constructs():
    rng = np.random.default_rng(2)
    df = pd.DataFrame({"credibility_1": rng.integers(1, 8, 30), "credibility_2": rng.integers(1, 8, 30),
                       "empathy_1": rng.integers(1, 8, 30), "empathy_2_r": rng.integers(1, 8, 30),
                       "note": ["x"] * 30})
    out, resp = cx.pps(df)
    cred = out[out["construct"] == "credibility"].iloc[0]
    items = df[["credibility_1", "credibility_2"]].to_numpy(float)
    assert cred["mean"] == pytest.approx(items.mean(axis=1).mean(), rel=1e-12)
    k = 2
    alpha = k / (k - 1) * (1 - items.var(axis=0, ddof=1).sum() / items.sum(axis=1).var(ddof=1))
    assert cred["alpha"] == pytest.approx(alpha, rel=1e-12)
    emp = np.c_[df["empathy_1"], 8 - df["empathy_2_r"]].astype(float)   # reverse-keyed: 1 + 7 - x
    np.testing.assert_allclose(resp["empathy"], emp.mean(axis=1), rtol=1e-12)


def test_behaviour_personas_recover_planted_behaviours():
    """Groups g0..g5 use items a and b, g6..g11 items c and d: two factors, each
    persona's top two interests are one planted pair, its group one of its groups."""
    rows = []
    for g in range(12):
        base = (40, 30, 1, 0) if g < 6 else (0, 2, 35, 45)
        rows.append({"group": f"g{g}", "gender": "female" if g % 2 else "male",
                     **{item: float(b + g % 3) for item, b in zip("abcd", base)}})
    ps, w = cx.behaviour_personas(pd.DataFrame(rows), 2, top=2, seed=1)
    pairs = sorted(sorted(i["item"] for i in p.interests) for p in ps)
    assert pairs == [["a", "b"], ["c", "d"]]
    for p in ps:
        planted_groups = {f"g{g}" for g in (range(6) if p.interests[0]["item"] in "ab" else range(6, 12))}
        assert p.group in planted_groups
    assert ps.provenance["method"] == "nmf-mu" and ps.provenance["k"] == 2
    assert list(w["group"] if "group" in w else w.index) == [f"g{g}" for g in range(12)]


def test_example_data_is_what_its_generator_writes():
    """examples/data/ecommerce_*.csv are make_ecommerce_customers.py's output (seed 12)."""
    with tempfile.TemporaryDirectory() as d:
        subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "examples", "data", "make_ecommerce_customers.py"), d],
                       check=True, capture_output=True)
        for name in ("ecommerce_customers.csv", "ecommerce_orders.csv"):
            with open(os.path.join(d, name), "rb") as a, open(os.path.join(ROOT, "examples", "data", name), "rb") as b:
                assert a.read() == b.read(), name


def _two_groups():
    """60 customers in two plain groups (as test_persona_build.c's): with min_n 10
    the automatic segmentation tries k = 2..6."""
    i = np.arange(60)
    return pd.DataFrame({"id": [f"k{j}" for j in i],
                         "spend": np.where(i % 2, 100.0, 10.0) + i % 7,
                         "visits": np.where(i % 2, 20.0, 1.0) + i % 3,
                         "channel": np.where(i % 2, "store", "web")})


def test_progress_of_the_automatic_segmentation():
    df = _two_groups()
    calls = []
    ps = cx.personas(df, reference_year=2024, progress=lambda s, t, v: calls.append((s, t)))
    assert calls == [(s, 5) for s in range(1, 6)]
    assert ps.provenance["method"] == "kprototypes" and ps.provenance["k"] == 2
    with pytest.raises(cx.Cancelled):
        cx.personas(df, reference_year=2024, progress=lambda s, t, v: s == 2)

    def boom(s, t, v):
        raise KeyError("from the callback")
    with pytest.raises(KeyError):
        cx.personas(df, reference_year=2024, progress=boom)
    # a segment column: nothing to segment, the callable is never called
    calls.clear()
    cx.personas(df.assign(segment=np.where(np.arange(60) % 2, "B", "A")), reference_year=2024,
                progress=lambda s, t, v: calls.append(s))
    assert calls == []
