"""Value x price-sensitivity segments (spec §13).

Independent references: pandas groupby for the per-customer inputs and the
summary; numpy.quantile (linear, type 7) for the thresholds; a direct
evaluation of the preset's JSON file, rule by rule, for the segments; a brute
force over the grid of bounds for the validator.
"""

import itertools
import json
import math
import os
import random

import numpy as np
import pandas as pd
import pytest

import cxmetrics
from conftest import ROOT

PRESET = os.path.join(ROOT, "lib", "segment", "presets", "value_price.json")


def orders(seed=7, n=4000, customers=600):
    rng = np.random.default_rng(seed)
    ids = np.array([f"c{i:04d}" for i in rng.integers(0, customers, n)], dtype=object)
    list_price = np.round(rng.gamma(2.0, 40.0, n), 2)
    off = np.where(rng.random(n) < 0.35, np.round(list_price * rng.choice([0.1, 0.2, 0.3, 0.5], n), 2), 0.0)
    return pd.DataFrame({"customer": ids, "paid": list_price - off, "discount": off})


def reference_customers(df):
    g = df.assign(full=(df.discount == 0).astype(float)).groupby("customer", sort=True)
    spend = g.paid.sum()
    disc = g.discount.sum()
    n = g.size().astype(float)
    return pd.DataFrame({"spend": spend, "orders": n, "discount_share": disc / (spend + disc),
                         "full_price_share": g.full.sum() / n, "average_order_value": spend / n})


def bound_value(b, col):
    return float(np.quantile(col, b["quantile"])) if isinstance(b, dict) else float(b)


def reference_segments(cust, preset, last=False):
    segs = preset["segments"][::-1] if last else preset["segments"]
    lim = {s["name"]: {d: {k: bound_value(v, cust[d].values) for k, v in s.get(d, {}).items()}
                       for d in [x["name"] for x in preset["dimensions"]]} for s in segs}
    out = []
    for _, row in cust.iterrows():
        name = "Others"
        for s in segs:
            if all((("min" not in b) or row[d] >= b["min"]) and (("max" not in b) or row[d] < b["max"])
                   for d, b in lim[s["name"]].items()):
                name = s["name"]
                break
        out.append(name)
    return out


def test_value_customers_against_pandas():
    df = orders()
    got = cxmetrics.value_customers(df.customer, df.paid, df.discount)
    ref = reference_customers(df)
    assert got.index.tolist() == ref.index.tolist()
    assert got.columns.tolist() == ref.columns.tolist()
    np.testing.assert_allclose(got.values, ref.values, rtol=1e-12, atol=1e-12)
    # no discounts: everything at full price
    t = cxmetrics.value_customers(["a", "a", "b"], [1.0, 2.0, 3.0], as_frame=False)
    assert t["discount_share"].tolist() == [0.0, 0.0] and t["full_price_share"].tolist() == [1.0, 1.0]


def test_sums_are_math_fsum():
    # spec §0.9: exact, rounded once; values spread over many magnitudes
    rng = np.random.default_rng(3)
    n = 5000
    ids = np.array([f"k{i}" for i in rng.integers(0, 50, n)], dtype=object)
    paid = rng.random(n) * 10.0 ** rng.integers(-20, 20, n)
    off = np.where(rng.random(n) < 0.5, rng.random(n) * 10.0 ** rng.integers(-20, 20, n), 0.0)
    got = cxmetrics.value_customers(ids, paid, off)
    for k, row in got.iterrows():
        sel = ids == k
        assert row.spend == math.fsum(paid[sel])
        disc, lst = math.fsum(off[sel]), math.fsum(np.concatenate([paid[sel], off[sel]]))
        assert row.discount_share == disc / lst


def test_assign_thresholds_and_summary_against_references():
    with open(PRESET) as f:
        preset = json.load(f)
    df = orders()
    cust = cxmetrics.value_customers(df.customer, df.paid, df.discount)
    for match in ("first", "last"):
        assigned, th = cxmetrics.segment_assign(cust, "value_price", match=match)
        assert assigned.segment.tolist() == reference_segments(cust, preset, match == "last")
    assigned, th = cxmetrics.segment_assign(cust)
    # thresholds: one row per bound, quantiles as numpy's (type 7)
    rows = [(s["name"], d, k, v) for s in preset["segments"] for d in [x["name"] for x in preset["dimensions"]]
            for k, v in s.get(d, {}).items()]
    assert len(th) == len(rows)
    for (name, d, k, v), (_, r) in zip(rows, th.iterrows()):
        assert (r.rule, r.dimension, r.bound) == (name, d, k)
        if isinstance(v, dict):
            assert r["quantile"] == v["quantile"]
            assert r.value == pytest.approx(np.quantile(cust[d].values, v["quantile"]), rel=1e-12)
        else:
            assert np.isnan(r["quantile"]) and r.value == v
    # summary: pandas groupby on the assigned table
    s = cxmetrics.segment_summary(assigned)
    assert s.index.tolist() == [x["name"] for x in preset["segments"]] + ["Others"]
    g = assigned.groupby("segment")
    for name, row in s.iterrows():
        n = int(g.size().get(name, 0))
        assert row.customers == n
        assert row.share == pytest.approx(100.0 * n / len(assigned))
        if n:
            assert row.spend == pytest.approx(g.spend.sum()[name], rel=1e-12)
            assert row.orders == g.orders.sum()[name]
            assert row.average_order_value == pytest.approx(g.spend.sum()[name] / g.orders.sum()[name])
            assert row.discount_share_mean == pytest.approx(g.discount_share.mean()[name], rel=1e-12)
        else:
            assert np.isnan(row.average_order_value)
    assert s.spend_share.sum() == pytest.approx(100.0)
    # the convenience gives the same, from arrays or from the orders DataFrame
    v = cxmetrics.value_segments(df.customer, df.paid, df.discount)
    w = cxmetrics.value_segments(df, customer="customer", amount="paid", discount="discount")
    assert w.customers.segment.tolist() == assigned.segment.tolist()
    with pytest.raises(TypeError):
        cxmetrics.value_segments(df)
    assert v.customers.segment.tolist() == assigned.segment.tolist()
    assert v.summary.customers.tolist() == s.customers.tolist()


def brute_value(rules_doc, dims, doms, last=False):
    """Brute force of the validator in value space: the domain [lo, hi] cut at
    every bound (hi closed: the last cut is the next double after it), a
    point (the left end) of each interval, owners by first/last match."""
    segs = rules_doc["segments"][::-1] if last else rules_doc["segments"]
    cuts = {}
    for d in dims:
        top = np.nextafter(doms[d][1], np.inf)
        c = {doms[d][0], top}
        for s in segs:
            c.update(s.get(d, {}).values())
        cuts[d] = sorted(x for x in c if doms[d][0] <= x <= top)
    pts = {d: cuts[d][:-1] for d in dims}
    owned = {s["name"]: 0 for s in segs}
    uncovered = 0
    for p in itertools.product(*(pts[d] for d in dims)):
        hit = [s for s in segs if all(s.get(d, {}).get("min", -np.inf) <= v < s.get(d, {}).get("max", np.inf)
                                      for d, v in zip(dims, p))]
        if hit:
            owned[hit[0]["name"]] += 1
        else:
            uncovered += 1
    return {n for n, c in owned.items() if c == 0}, uncovered


def test_validate_random_tables_against_brute_force():
    rng = random.Random(913)
    for _ in range(40):
        dims = ["x", "y"][: rng.randint(1, 2)]
        doms = {d: (0, 10) for d in dims}
        segs = []
        for i in range(rng.randint(1, 5)):
            s = {"name": f"S{i}"}
            for d in dims:
                if rng.random() < 0.8:
                    lo = rng.randint(0, 9)
                    s[d] = {"min": lo, "max": rng.randint(lo + 1, 10)}
            segs.append(s)
        doc = {"dimensions": [{"name": d, "min": 0, "max": 10} for d in dims], "segments": segs}
        rules = cxmetrics.SegmentRules.from_json(json.dumps(doc))
        for match in ("first", "last"):
            f = rules.validate(match=match)
            unreach, uncovered = brute_value(doc, dims, doms, match == "last")
            assert set(f[f.kind == "unreachable"].rule) == unreach
            assert (f.attrs["uncovered_cells"] == 0) == (uncovered == 0)
            assert f.attrs["uncovered_cells"] == uncovered


def test_preset_validates_clean():
    r = cxmetrics.SegmentRules()
    assert r.names[0] == "Luxury / Aspirational" and r.dimensions[0] == "spend" and r.match == "first"
    assert cxmetrics.SegmentRules.builtin_names() == ["value_price"]
    f = r.validate()
    assert f.attrs["unreachable"] == 0 and f.attrs["uncovered_cells"] == 0
    assert f.attrs["quantile_dimensions"] == "spend"
    df = orders()
    f2 = r.validate(customers=cxmetrics.value_customers(df.customer, df.paid, df.discount))
    assert f2.attrs["unreachable"] == 0 and f2.attrs["quantile_dimensions"] == ""
    assert json.loads(r.to_json()) == json.load(open(PRESET))


def test_rules_from_a_file_path(tmp_path):
    p = tmp_path / "mine.json"
    p.write_text('{"dimensions": ["spend"], "segments": [{"name": "Big", "spend": {"min": 100}}]}')
    v = cxmetrics.value_segments(["a", "b"], [150.0, 50.0], rules=p)
    assert v.customers.segment.tolist() == ["Big", "Others"]
    assert cxmetrics.value_segments(["a"], [1.0], rules=str(p)).summary.index.tolist() == ["Big", "Others"]


def test_errors():
    with pytest.raises(json.JSONDecodeError) as py:
        json.loads('{"dimensions": ["x",]}')
    with pytest.raises(cxmetrics.ParseError, match=f"byte {py.value.pos}"):
        cxmetrics.SegmentRules.from_json('{"dimensions": ["x",]}')
    with pytest.raises(cxmetrics.OutOfRange, match=r'segment 1 \("A"\): "x"."min" has quantile 1.5'):
        cxmetrics.SegmentRules.from_json('{"dimensions": ["x"], "segments": [{"name": "A", "x": {"min": {"quantile": 1.5}}}]}')
    with pytest.raises(cxmetrics.Inconsistent):
        cxmetrics.SegmentRules.from_json('{"dimensions": ["x"], "segments": [{"name": "A", "x": {"min": 1}}, '
                                         '{"name": "B", "x": {"min": {"quantile": 0.5}}}]}').validate()
    with pytest.raises(cxmetrics.InvalidArgument, match="no column \"spend\""):
        cxmetrics.segment_assign({"x": [1.0]})
    with pytest.raises(cxmetrics.NanInput, match=r"amounts\[1\] \(customer \"b\"\)"):
        cxmetrics.value_customers(["a", "b"], [1.0, float("nan")])
    with pytest.raises(cxmetrics.OutOfRange, match='customer "b"'):
        cxmetrics.value_customers(["a", "b"], [1.0, -1.0])
    with pytest.raises(cxmetrics.InvalidArgument):
        cxmetrics.SegmentRules("nope")
    with pytest.raises(cxmetrics.IOFailure):
        cxmetrics.SegmentRules.from_file("/nonexistent/rules.json")
