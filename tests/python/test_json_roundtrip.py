"""Issue 14, item 6: every result object converts to a dict and JSON and back
without losing a field (NaN included), with plain Python values in the dict.

Every class is produced by a real call; the list of classes is found by
walking the package (any class with from_dict), so a new result class
without a case here fails test_every_result_class_has_a_case.
"""

import dataclasses
import json
import math
import os

import numpy as np
import pytest

import cxmetrics as cx
from cxmetrics import _results


def _plain(x):
    """True when x holds only what json.dumps takes without a default: no
    numpy scalar or array, no NaN / infinity."""
    if x is None or isinstance(x, (bool, str, int)):
        return type(x) in (bool, str, int) or x is None
    if isinstance(x, float):
        return type(x) is float and math.isfinite(x)
    if isinstance(x, list):
        return all(_plain(v) for v in x)
    if isinstance(x, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in x.items())
    return False


def _summary():
    # CDNOW-like toy log: 3 customers; frequency / recency / T checked elsewhere
    ids = ["a", "a", "a", "b", "b", "c", "c", "c", "c"]
    days = ["2024-01-01", "2024-01-05", "2024-02-01", "2024-01-03", "2024-01-20",
            "2024-01-02", "2024-01-09", "2024-01-16", "2024-03-01"]
    amounts = [10.0, 20.0, 30.0, 5.0, 7.0, 3.0, 4.0, 5.0, 6.0]
    return cx.summary_from_transactions(ids, days, amounts, period="week", as_frame=False)


def _persona_set():
    import pandas as pd
    rows = [{"id": f"{seg}{i:03d}", "segment": seg, "city": city}
            for seg, cities in (("A", ["Lyon"] * 10 + ["Paris"] * 25), ("B", ["Lyon"] * 30 + ["Nice"] * 5))
            for i, city in enumerate(cities)]
    return cx.personas(pd.DataFrame(rows), id="id", segment="segment", location="city", seed=3,
                       reference_year=2025)


HERE = os.path.dirname(os.path.abspath(__file__))
SURVEY = os.path.join(HERE, "..", "data", "survey-grouped")


def _funnel():
    # by a property: the tests table has rows (a NaN p-value among them), a
    # step nobody reaches gives NaN bounds (the nulls that must come back NaN)
    log = {"customer": ["a", "b", "c", "d", "e", "a", "b", "c", "d", "a", "e"],
           "time": [0, 0, 0, 0, 0, 10, 5, 10, 100, 20, 1],
           "event": ["view", "view", "view", "home", "view", "cart", "cart", "cart", "view", "buy", "cart"],
           "channel": ["x", "y", "x", "y", "y", "x", "y", "x", "y", "x", "y"]}
    ev = cx.Events(log, customer="customer", time="time", event="event", properties=["channel"])
    return cx.funnel(ev, ["view", "cart", "buy"], window=100, by="channel")


def _key_drivers():
    # bootstrap=0: the intervals are NaN (null in JSON, NaN again when read)
    rng = np.random.default_rng(1)
    x1 = rng.normal(size=60)
    g = rng.choice(["a", "b", "c"], 60)
    y = 2 * x1 + (g == "b") + rng.normal(size=60)
    return cx.key_drivers({"y": y, "x1": x1, "g": g}, "y", ["x1", "g"], bootstrap=0)


def _cluster_result():
    # k chosen (the choose_k table) on standardised data with an index: every
    # part of a ClusterResult that to_dict writes
    import pandas as pd
    X = pd.DataFrame([[0.0, 0.1], [0.2, 0.0], [5.0, 5.1], [5.2, 4.9], [0.1, 0.3], [5.1, 5.0]],
                     columns=["a", "b"], index=list("pqrstu"))
    return cx.cluster(X, k="auto", k_min=2, k_max=3, standardize=True, seed=1)


def _survey_report():
    # by group and quarter, themes and drivers: all four tables have rows
    # (suppressed cells hold NaN scores)
    return cx.survey_report(os.path.join(SURVEY, "front_responses.csv"), by="channel", time="timestamp",
                            every="quarter", ces_scale="1-7", comment_column="comment",
                            themes=os.path.join(SURVEY, "front_themes.json"), drivers=["csat", "ces"])


def _cases():
    rfm_vals = np.array([5.0, 1.0, 3.0, 8.0, 2.0, 9.0, 4.0, 7.0, 6.0, 10.0])
    return {
        "Interval": lambda: cx.wilson(81, 263),
        "NpsResult": lambda: cx.nps([0, 7, 7, 9, 9, 9]),
        "NpsInterval": lambda: cx.nps_wald(60, 20, 20),
        "NpsTInterval": lambda: cx.nps_trinomial_t(60, 20, 20),
        "NpsComparison": lambda: cx.nps_compare((60, 20, 20), (40, 30, 30)),
        "NpsWeighted": lambda: cx.nps_weighted([10, 9, 3, 7], [1.0, 2.0, 1.0, 0.5]),
        # n = 1: the SD is not defined (None)
        "CsatResult": lambda: cx.csat([4]),
        "CesResult": lambda: cx.ces([1, 2, 4, 5, 5]),
        "TimeSummary": lambda: cx.time_summary([1.0, 2.0, 3.5]),
        "RepeatPurchase": lambda: cx.repeat_purchase_rate([1, 2, 3, 1]),
        "Bounce": lambda: cx.bounce_rate([1, 2, 1, 5]),
        "TaskSuccess": lambda: cx.task_success([1, 0, 1, 1]),
        "ClvTotals": lambda: cx.clv_historic_from_totals(1000.0, 50, 20, 3.0),
        "RfmScore": lambda: cx.rfm_score(rfm_vals, 5),
        "RfmTable": lambda: cx.rfm_table(rfm_vals, rfm_vals[::-1].copy(), rfm_vals * 2),
        "TestResult": lambda: cx.welch_t_test(5.0, 1.0, 20, 4.0, 1.5, 25),
        "CxiResult": lambda: cx.cxi([5, 4, 3, 5, 2], [5, 5, 4, 1, 2], [4, 5, 5, 3, 1]),
        "HoldoutErrors": lambda: cx.holdout_errors([1.0, 2.0, 0.5], [1.0, 3.0, 0.0]),
        "Table": _summary,
        "BetaGeo": lambda: cx.BetaGeo.from_params(r=0.24, alpha=4.41, a=0.79, b=2.43),
        "ModifiedBetaGeo": lambda: cx.ModifiedBetaGeo.from_params(r=0.5, alpha=5.0, a=0.8, b=2.5),
        "ParetoNBD": lambda: cx.ParetoNBD.from_params(r=0.55, alpha=10.58, s=0.61, beta=11.67),
        "GammaGamma": lambda: cx.GammaGamma.from_params(p=6.25, q=3.74, v=15.44),
        "BetaGeoBetaBinom": lambda: cx.BetaGeoBetaBinom.from_params(alpha=1.2, beta=0.75,
                                                                    gamma=0.66, delta=2.78),
        "ShiftedBetaGeometric": lambda: cx.ShiftedBetaGeometric.from_params(alpha=0.67, beta=3.81),
        # objects the C library writes and reads as JSON itself
        "ClusterModel": lambda: cx.kmeans(np.array([[0.0, 0.1], [0.2, 0.0], [5.0, 5.1], [5.2, 4.9]]),
                                          k=2, seed=1).model,
        "RfmRules": lambda: cx.RfmRules.builtin(cx.RfmRules.builtin_names()[0]),
        "SegmentRules": lambda: cx.SegmentRules.builtin(),
        "PersonaSet": _persona_set,
        "Persona": lambda: _persona_set()[0],
        # handle-backed results: read back as data, the accessors answer the same
        "Funnel": _funnel,
        "KeyDrivers": _key_drivers,
        "ClusterResult": _cluster_result,
        "SurveyReport": _survey_report,
    }


def _result_classes():
    seen = {}
    for name in cx.__all__:
        obj = getattr(cx, name)
        if isinstance(obj, type) and hasattr(obj, "from_dict") and hasattr(obj, "to_dict") \
                and not issubclass(obj, BaseException):
            seen[name] = obj
    return seen


def test_every_result_class_has_a_case():
    missing = sorted(set(_result_classes()) - set(_cases()))
    assert missing == []


# classes with to_dict that are not results: nothing to read back
_INPUTS = {"Events"}  # an event log the caller gives (its to_dict is for inspection)


def test_every_class_with_to_dict_reads_back():
    # a result class that writes a dict must read it back: without this, a
    # class with to_dict and no from_dict would escape _result_classes()
    lacking = sorted(n for n in cx.__all__
                     if isinstance(getattr(cx, n), type) and hasattr(getattr(cx, n), "to_dict")
                     and not hasattr(getattr(cx, n), "from_dict") and n not in _INPUTS)
    assert lacking == []


@pytest.mark.parametrize("name", sorted(_cases()))
def test_round_trip(name):
    cls = _result_classes().get(name) or getattr(cx, name)
    r = _cases()[name]()
    assert type(r) is cls
    d = r.to_dict()
    assert _plain(d), d
    text = r.to_json()
    assert "NaN" not in text and "Infinity" not in text
    assert json.loads(text) == d
    back = cls.from_json(text)
    assert type(back) is cls
    assert back == r
    assert cls.from_dict(d) == r
    assert back.to_dict() == d


# ---- NaN in a field of every generated class --------------------------------

def _generated():
    return [c for c in _result_classes().values()
            if issubclass(c, _results._Result) and dataclasses.is_dataclass(c)]


@pytest.mark.parametrize("cls", _generated(), ids=lambda c: c.__name__)
def test_nan_field_survives(cls):
    r = _cases()[cls.__name__]()
    floats = [f for f in cls._fields if cls._types.get(f) is float
              and cls._convert.get(f) is None]
    arrays = [f for f in cls._fields if isinstance(cls._types.get(f), np.dtype)
              and cls._types[f].kind == "f"]
    if floats:
        nan = dataclasses.replace(r, **{floats[-1]: math.nan})
    else:
        a = getattr(r, arrays[0]).copy()
        a[0] = math.nan
        nan = dataclasses.replace(r, **{arrays[0]: a})
    text = nan.to_json()
    assert "null" in text and "NaN" not in text
    back = cls.from_json(text)
    assert back == nan
    assert back != r


def test_nan_equal_and_hash():
    a = cx.TestResult.from_dict(dict(cx.welch_t_test(1.0, 0.0, 3, 1.0, 0.0, 3).to_dict(),
                                     p_value=None))
    b = cx.TestResult.from_dict(a.to_dict())
    assert math.isnan(a.p_value) and a == b and hash(a) == hash(b)
    assert {a, b} == {a}


def test_csat_sd_none_stays_none():
    r = cx.csat([4])
    assert r.sd is None
    assert cx.CsatResult.from_json(r.to_json()).sd is None


def test_interval_nan_and_values():
    i = cx.Interval(math.nan, 0.5)
    assert i.to_json() == '{"lower": null, "upper": 0.5}'
    back = cx.Interval.from_json(i.to_json())
    assert math.isnan(back.lower) and back.upper == 0.5


def test_enum_like_fields_are_str():
    # the comparison's method is the C library's word, a str, in the dict and JSON
    r = cx.nps_compare((60, 20, 20), (40, 30, 30), method="wald")
    assert r.to_dict()["method"] == "wald"
    assert json.loads(r.to_json())["method"] == "wald"


def test_numpy_scalars_become_python():
    r = cx.RfmScore(np.array([1, 2], dtype=np.uint32), np.array([1.5]),
                    np.array([0.0, 1.5]), np.array([1.5, 3.0]))
    d = r.to_dict()
    assert type(d["scores"][0]) is int and type(d["breaks"][0]) is float
    assert cx.to_plain({"x": np.int64(3), "y": np.float32(0.5), "z": np.nan}) == \
        {"x": 3, "y": 0.5, "z": None}


def test_model_round_trip_keeps_predictions():
    m = cx.BetaGeo.from_params(r=0.24, alpha=4.41, a=0.79, b=2.43)
    back = cx.BetaGeo.from_dict(m.to_dict())
    assert back == m
    assert back.expected_purchases(1.0, 2, 30.0, 38.0) == m.expected_purchases(1.0, 2, 30.0, 38.0)
    assert math.isnan(back.se["r"])  # from_params: no standard errors, null in JSON


@pytest.mark.parametrize("bad, exc", [
    ("{not json", cx.ParseError),
    ('{"n": 1}', cx.InvalidArgument),
    ('[1, 2]', cx.InvalidArgument),
    (42, cx.InvalidArgument),
])
def test_from_json_errors(bad, exc):
    with pytest.raises(exc) as e:
        cx.NpsResult.from_json(bad)
    assert "NpsResult" in str(e.value)


def test_from_dict_names_key_and_value():
    d = cx.nps([0, 9, 10]).to_dict()
    d["promoters"] = "two"
    with pytest.raises(cx.InvalidArgument) as e:
        cx.NpsResult.from_dict(d)
    assert "'promoters'" in str(e.value) and "'two'" in str(e.value)


def test_parse_error_names_line_and_column():
    with pytest.raises(cx.ParseError) as e:
        cx.NpsResult.from_json('{\n  "n": 1,\n  oops}')
    assert "line 3" in str(e.value) and "column 3" in str(e.value)


def test_handle_backed_read_back_answers_the_accessors():
    f = _funnel()
    fb = cx.Funnel.from_json(f.to_json())
    for name in ("steps", "next_events", "tests"):
        a, b = getattr(f, name), getattr(fb, name)
        assert list(a.columns) == list(b.columns) and dict(a.dtypes) == dict(b.dtypes), name
        assert _same_attrs(a.attrs, b.attrs), name
    assert math.isnan(fb.steps["lower"].iloc[0])  # step 1: conversion has no interval
    with pytest.raises(cx.InvalidArgument, match="read from JSON"):
        fb.to_html()

    k = _key_drivers()
    kb = cx.KeyDrivers.from_json(k.to_json())
    assert (kb.r2, kb.n, kb.outcome, kb.rows_dropped) == (k.r2, k.n, k.outcome, k.rows_dropped)
    assert dict(kb.table.dtypes) == dict(k.table.dtypes)
    assert math.isnan(kb.table["rw_lower"].iloc[0])

    c = _cluster_result()
    cb = cx.ClusterResult.from_json(c.to_json())
    assert cb.labels.dtype == np.uint32 and list(cb.index) == list(c.index)
    assert _same_attrs(cb.choose_k.attrs, c.choose_k.attrs) and math.isnan(cb.choose_k.attrs["best_elbow"])
    X = np.array([[0.0, 0.0], [5.0, 5.0]])
    assert cb.assign(X).tolist() == c.assign(X).tolist()  # the model is a C model again

    r = _survey_report()
    rb = cx.SurveyReport.from_json(r.to_json())
    assert (rb.rows, rb.path, rb.columns, rb.missing, rb.no_answer, rb.skipped) == \
        (r.rows, r.path, r.columns, r.missing, r.no_answer, r.skipped)
    assert (rb.nps, rb.nps_wald, rb.nps_adjusted_wald, rb.csat, rb.ces) == \
        (r.nps, r.nps_wald, r.nps_adjusted_wald, r.csat, r.ces)
    for m in ("nps", "csat", "ces"):
        assert rb.has(m) and rb.results(m) == r.results(m) and rb.columns_of(m) == r.columns_of(m)
        assert rb.missing_by_column(m) == r.missing_by_column(m)
        assert rb.no_answer_by_column(m) == r.no_answer_by_column(m)
    assert rb.nps_intervals("wald") == r.nps_intervals("wald")
    for name in ("cells", "vs_rest", "drivers", "themes"):
        a, b = getattr(r, name), getattr(rb, name)
        assert len(a) > 0 and list(a.columns) == list(b.columns) and dict(a.dtypes) == dict(b.dtypes), name
        assert a.equals(b), name
    with pytest.raises(cx.InvalidArgument, match="read from JSON"):
        rb.render("json")
    assert "SurveyReport(" in str(rb)

    p = _persona_set()[0]
    pb = cx.Persona.from_json(p.to_json())
    assert pb.id == p.id and list(pb.keys()) == list(p.keys())
    with pytest.raises(cx.InvalidArgument, match="read from JSON"):
        pb.to_markdown()


def _same_attrs(a, b):
    return list(a) == list(b) and all(_results._same(v, b[k]) for k, v in a.items())


@pytest.mark.parametrize("cls, case, key, value", [
    ("Funnel", _funnel, "steps", "three"),
    ("KeyDrivers", _key_drivers, "n", "sixty"),
    ("ClusterResult", _cluster_result, "labels", ["x"]),
    ("SurveyReport", _survey_report, "rows", -1),
])
def test_handle_backed_from_dict_names_key_and_value(cls, case, key, value):
    d = case().to_dict()
    d[key] = value
    with pytest.raises(cx.InvalidArgument) as e:
        getattr(cx, cls).from_dict(d)
    assert f"'{key}'" in str(e.value) and repr(value)[:5] in str(e.value)
    d = case().to_dict()
    d["typo"] = 1
    with pytest.raises(cx.InvalidArgument, match="typo"):
        getattr(cx, cls).from_dict(d)


def test_table_round_trip_dtypes():
    t = _summary()
    back = cx.Table.from_json(t.to_json())
    assert back == t
    assert {k: v.dtype for k, v in back.items()} == {k: v.dtype for k, v in t.items()}
    assert back.attrs == t.attrs
