"""Result objects: named fields mirroring the C structs, readable repr, _asdict."""

import dataclasses

import numpy as np
import pytest

import cxmetrics
from cxmetrics import native


def _struct_fields(proxy_cls):
    return [k for k, v in vars(proxy_cls).items()
            if isinstance(v, property) and k not in ("version", "thisown")]


@pytest.mark.parametrize("cls,proxy", [
    (cxmetrics.NpsResult, native.nps_result), (cxmetrics.NpsInterval, native.nps_ci),
    (cxmetrics.NpsTInterval, native.nps_t_ci), (cxmetrics.NpsComparison, native.nps_comparison),
    (cxmetrics.NpsWeighted, native.nps_weighted_result), (cxmetrics.CsatResult, native.csat_result),
    (cxmetrics.CesResult, native.ces_result),
    (cxmetrics.TimeSummary, native.time_summary), (cxmetrics.RepeatPurchase, native.repeat_purchase),
    (cxmetrics.Bounce, native.bounce), (cxmetrics.TaskSuccess, native.task_success),
    (cxmetrics.ClvTotals, native.clv_totals), (cxmetrics.HoldoutErrors, native.clv_holdout_errors),
])
def test_fields_mirror_the_c_struct(cls, proxy):
    fields = [f.name for f in dataclasses.fields(cls)]
    assert fields == _struct_fields(proxy) == list(cls._fields)
    assert "version" not in fields
    assert cls.__doc__


def test_nps_result_fields_in_c_order():
    assert cxmetrics.NpsResult._fields == ("n", "promoters", "passives", "detractors",
                                          "pct_promoters", "pct_passives", "pct_detractors",
                                          "nps")


def test_repr_asdict_frozen():
    r = cxmetrics.nps([0, 7, 7, 9, 9, 9])
    text = repr(r)
    assert text.startswith("NpsResult(n=6, promoters=3, passives=2, detractors=1,")
    assert "nps=33.33" in text
    d = r._asdict()
    assert d == r.to_dict() and list(d) == list(r._fields) and d["promoters"] == 3
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.nps = 0
    assert isinstance(r.n, int) and isinstance(r.nps, float)
    assert r == cxmetrics.nps_counts(3, 2, 1)


def test_interval_is_a_named_pair():
    iv = cxmetrics.wilson(81, 263)
    lo, hi = iv
    assert iv.lower == lo and iv.upper == hi
    assert repr(iv).startswith("Interval(lower=0.2552")
    assert iv._asdict() == {"lower": lo, "upper": hi} == iv.to_dict()


def test_comparison_method_name_and_sd_none():
    assert cxmetrics.nps_compare((1, 1, 1), (2, 1, 1), method="wald").method == "wald"
    assert cxmetrics.csat([4]).to_dict()["sd"] is None
    assert cxmetrics.ces([4, 5], points=7).sd is not None


def test_array_results_repr():
    t = cxmetrics.rfm_table(np.arange(100.0), np.arange(100.0), np.arange(100.0))
    text = repr(t)
    assert text.startswith("RfmTable(recency_score=[") and "..." in text and len(text) < 900
    assert set(t._asdict()) == {"recency_score", "frequency_score", "monetary_score",
                                "rfm_score", "recency_breaks", "frequency_breaks",
                                "monetary_breaks"}
    s = cxmetrics.rfm_score([1, 2, 3])
    assert repr(s).startswith("RfmScore(scores=[") and list(s.to_dict()) == list(s._fields)
    c = cxmetrics.rfm_aggregate_orders(["x"], ["2020-01-01"], [5.0], "2020-01-31",
                                       as_frame=False)
    assert {k: v.tolist() for k, v in c.items()} == {
        "customer_id": ["x"], "recency_days": [30.0], "transaction_count": [1], "amount": [5.0]}
    assert repr(c).startswith("Table({customer_id: object[1], recency_days: float64[1], ")


def _struct_classes():
    return [k for k in vars(native).values()
            if isinstance(k, type) and "version" in vars(k)]


@pytest.mark.parametrize("proxy", _struct_classes(), ids=lambda k: k.__name__)
def test_every_numeric_struct_field_reads_back(proxy):
    """The status typemap (on cxm_status) must not swallow int struct fields
    (they would read as None): every field of a new struct reads as a number
    (strings and parameter tuples aside), and none can be written."""
    obj = proxy()
    for name, prop in vars(proxy).items():
        if not isinstance(prop, property) or name == "thisown":
            continue
        value = getattr(obj, name)
        if name in ("name", "label") or isinstance(value, tuple):
            continue   # clv_model_info's strings, clv_fit_result's parameter arrays
        assert isinstance(value, (int, float)) and value == 0, f"{proxy.__name__}.{name}"
        with pytest.raises(AttributeError):
            setattr(obj, name, 3)
