"""RFM rule tables as JSON, the presets and the validator (spec §7.8).

The validator's findings are checked against a brute force written here: every
score cell (r, f, m) in 1..K is given to the first (or last) rule holding it,
so unreachable rules, uncovered cells and overlapping pairs are counted
directly. Malformed-JSON byte offsets are checked against Python's json
module, which reports the same offsets for these texts.
"""

import itertools
import json
import os
import random

import pytest

import cxmetrics
from conftest import ROOT

PRESETS = os.path.join(ROOT, "lib", "rfm", "presets")
DIMS = ("recency", "frequency", "monetary")


def load_preset(name):
    with open(os.path.join(PRESETS, name + ".json")) as f:
        return json.load(f)


def brute(segments, K, last=False):
    """{name: cells owned}, uncovered cell count, {(a, b): cells in both} for a < b."""
    order = list(reversed(segments)) if last else segments
    owned = {s["name"]: 0 for s in segments}
    owners = {s["name"]: set() for s in segments}
    uncovered = 0
    for cell in itertools.product(range(1, K + 1), repeat=3):
        hold = [s for s in order if all(s[d][0] <= v <= s[d][1] for d, v in zip(DIMS, cell))]
        if hold:
            owned[hold[0]["name"]] += 1
            for s in hold:
                owners[s["name"]].add(hold[0]["name"])
        else:
            uncovered += 1
    pairs = {}
    for a, b in itertools.combinations(segments, 2):
        n = 1
        for d in DIMS:
            n *= max(0, min(a[d][1], b[d][1]) - max(a[d][0], b[d][0]) + 1)
        if n:
            pairs[(a["name"], b["name"])] = n
    return owned, uncovered, pairs, owners


def check_against_brute(findings, segments, K, last):
    owned, uncovered, pairs, owners = brute(segments, K, last)
    rows = findings.to_dict("records")
    unreach = {r["rule"]: r for r in rows if r["kind"] == "unreachable"}
    assert set(unreach) == {n for n, c in owned.items() if c == 0}
    names = [s["name"] for s in segments]
    for n, r in unreach.items():
        takers = [m for m in names if m in owners[n] and m != n]
        assert r["other"] == ", ".join(takers)
    assert findings.attrs["uncovered_cells"] == uncovered
    assert sum(r["cells"] for r in rows if r["kind"] == "uncovered") == uncovered
    got = {(r["rule"], r["other"]): r["cells"] for r in rows if r["kind"] == "overlap"}
    assert got == pairs
    assert findings.attrs["overlaps"] == len(pairs)


@pytest.mark.parametrize("name", ["r_02x", "vignette_11", "r_030", "py_rfm", "klaviyo_3"])
@pytest.mark.parametrize("match", ["first", "last"])
def test_presets_against_brute_force(name, match):
    p = load_preset(name)
    f = cxmetrics.rfm_rules_validate(name, match=match)
    check_against_brute(f, p["segments"], p["scores"], match == "last")
    assert f.attrs["scores"] == p["scores"]


def test_known_quirks_of_sets_a_and_b():
    # spec §7.3: New Customers and Promising inside Potential Loyalist, Can't
    # Lose Them inside At Risk; in A, Lost repeats Hibernating
    b = cxmetrics.RfmRules("r_02x").validate()
    u = b[b.kind == "unreachable"]
    assert u.rule.tolist() == ["New Customers", "Promising", "Can't Lose Them"]
    assert u.other.tolist() == ["Potential Loyalist", "Potential Loyalist", "At Risk"]
    a = cxmetrics.RfmRules("vignette_11").validate()
    assert a[a.kind == "unreachable"].rule.tolist() == ["New Customers", "Promising", "Can't Lose Them", "Lost"]
    o = a[(a.kind == "overlap") & (a.rule == "Hibernating") & (a.other == "Lost")]
    assert o[["r_lo", "r_hi", "f_lo", "f_hi", "m_lo", "m_hi", "cells"]].values.tolist() == [[1, 2, 1, 2, 1, 2, 8]]


def test_random_tables_against_brute_force():
    rng = random.Random(20260912)
    for _ in range(60):
        K = rng.choice([2, 3, 4, 5])
        segs = []
        for i in range(rng.randint(0, 7)):
            s = {"name": f"S{i}"}
            for d in DIMS:
                lo = rng.randint(1, K)
                s[d] = [lo, rng.randint(lo, K)]
            segs.append(s)
        text = json.dumps({"scores": K, "segments": segs})
        rules = cxmetrics.rfm_rules_from_json(text)
        for match in ("first", "last"):
            check_against_brute(rules.validate(match=match), segs, K, match == "last")


def test_json_round_trip_and_presets_match_files():
    for name in cxmetrics.RfmRules.builtin_names():
        rules = cxmetrics.RfmRules(name)
        doc = json.loads(rules.to_json())
        assert doc == load_preset(name)      # every preset file writes every range as [lo, hi]
        again = cxmetrics.rfm_rules_from_json(rules.to_json())
        assert again.names == rules.names and again.to_json() == rules.to_json()
    assert cxmetrics.RfmRules.builtin_names() == ["r_02x", "vignette_11", "r_030", "py_rfm", "klaviyo_3"]
    k = cxmetrics.RfmRules("klaviyo_3")
    assert k.scores == 3 and k.match == "first"
    assert k.segment(3, 3, 3) == "Champions" and k.segment(1, 1, 2) == "Inactive"


def test_from_file(tmp_path):
    p = tmp_path / "mine.json"
    p.write_text('{"scores": 3, "match": "last", "segments": [{"name": "Top", "recency": 3}, {"name": "All"}]}')
    r = cxmetrics.rfm_rules_from_file(p)
    assert r.names == ["Top", "All"] and r.scores == 3 and r.match == "last"
    assert cxmetrics.RfmRules.from_file(str(p)).names == ["Top", "All"]
    # rules= takes a file's path as it takes a built-in set's word (cxm_rfm_rules_load)
    assert cxmetrics.rfm_segment(3, 1, 1, rules=str(p), match="first") == "Top"
    assert cxmetrics.rfm_segment(3, 1, 1, rules=p, match="first") == "Top"
    with pytest.raises(cxmetrics.IOFailure, match="klaviyo_3"):
        cxmetrics.rfm_segment(3, 1, 1, rules=str(tmp_path / "no-such.json"))
    # last match (the table's): All, later, takes every cell of Top
    f = r.validate()
    assert f[f.kind == "unreachable"].rule.tolist() == ["Top"]
    assert r.validate(match="first").attrs["unreachable"] == 0
    # the table's own K and match mode, set in code
    r.match = "first"
    assert r.match == "first" and r.validate().attrs["unreachable"] == 0
    r.scores = 4
    assert r.scores == 4 and json.loads(r.to_json())["scores"] == 4
    with pytest.raises(cxmetrics.InvalidArgument, match="Top"):
        r.scores = 2   # Top's recency 3 is outside 1..2
    assert r.scores == 4
    with pytest.raises(cxmetrics.IOFailure):
        cxmetrics.rfm_rules_from_file(tmp_path / "missing.json")


@pytest.mark.parametrize("text", [
    '{"segments": [}',
    '{"segments": [{"name": "A", "recency": [1, 2,]}]}',
    '{"name": "x" "scores": 5}',
])
def test_malformed_json_byte_offset(text):
    with pytest.raises(json.JSONDecodeError) as py:
        json.loads(text)
    with pytest.raises(cxmetrics.ParseError) as ours:
        cxmetrics.rfm_rules_from_json(text)
    assert f"not valid JSON at byte {py.value.pos}" in str(ours.value)


def test_errors_name_segment_and_key():
    with pytest.raises(cxmetrics.OutOfRange, match=r'segment 2 \("B"\): "monetary" has 6'):
        cxmetrics.rfm_rules_from_json('{"segments": [{"name": "A"}, {"name": "B", "monetary": [1, 6]}]}')
    with pytest.raises(cxmetrics.ParseError, match='unknown key "recencey"'):
        cxmetrics.rfm_rules_from_json('{"segments": [{"name": "A", "recencey": [1, 2]}]}')
    with pytest.raises(cxmetrics.Inconsistent):
        cxmetrics.rfm_rules_from_json('{"segments": [{"name": "A"}, {"name": "A"}]}')
    with pytest.raises(cxmetrics.InvalidArgument):
        cxmetrics.rfm_rules_validate("r_02x", scores=1)
    with pytest.raises(cxmetrics.InvalidArgument):
        cxmetrics.rfm_rules_validate("r_02x", match="middle")
