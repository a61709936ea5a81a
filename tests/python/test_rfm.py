"""RFM (spec §7): R rfm package breaks and scores, Python rfm qcut, segments, orders."""

import datetime

import numpy as np
import pytest

import cxmetrics

MTCARS_MPG = [21.0, 21.0, 22.8, 21.4, 18.7, 18.1, 14.3, 24.4, 22.8, 19.2, 17.8, 16.4, 17.3,
              15.2, 10.4, 10.4, 14.7, 32.4, 30.4, 33.9, 21.5, 15.5, 15.2, 13.3, 19.2, 27.3,
              26.0, 30.4, 15.8, 19.7, 15.0, 21.4]
MTCARS_SCORES = [3, 3, 4, 3, 2, 2, 1, 4, 4, 3, 2, 2, 2, 1, 1, 1, 1, 5, 5, 5, 3, 1, 1, 1, 3, 5,
                 5, 5, 1, 3, 1, 3]


def test_breaks_mtcars():
    b = cxmetrics.rfm_breaks(MTCARS_MPG)           # rfm test-utils.R: bins(mtcars, "mpg", 5)
    assert isinstance(b, np.ndarray) and b.dtype == np.float64
    assert np.round(b, 2).tolist() == [16.2, 18.92, 22.0, 25.08]
    assert cxmetrics.rfm_breaks(MTCARS_MPG, bins=4).size == 3
    with pytest.raises(cxmetrics.InvalidArgument):
        cxmetrics.rfm_breaks(MTCARS_MPG, bins=1)
    with pytest.raises(cxmetrics.EmptyInput):
        cxmetrics.rfm_breaks([])


def test_score_mtcars():
    r = cxmetrics.rfm_score(MTCARS_MPG)
    assert r.scores.tolist() == MTCARS_SCORES
    assert r.scores.dtype == np.uintc
    assert np.round(r.breaks, 2).tolist() == [16.2, 18.92, 22.0, 25.08]
    assert r.lower[0] == 10.4 and r.upper[-1] == 33.9 + 1
    assert r.lower[1:].tolist() == r.breaks.tolist() == r.upper[:-1].tolist()
    d = cxmetrics.rfm_score(MTCARS_MPG, descending=True)
    assert d.scores.tolist() == [6 - s for s in MTCARS_SCORES]


def test_score_ties_and_custom_breaks():
    r = cxmetrics.rfm_score([1, 1, 1, 1, 1, 1, 2, 2, 3, 5])       # spec §7.2 example
    assert r.scores.tolist() == [1, 1, 1, 1, 1, 1, 3, 3, 4, 5]
    r = cxmetrics.rfm_score([10, 115, 181, 300, 482, 600], [115, 181, 297, 482], descending=True)
    assert r.scores.tolist() == [5, 4, 3, 2, 1, 1]
    assert r.breaks.tolist() == [115, 181, 297, 482]
    # custom breaks in any order still tile [min, max + 1) ...
    assert cxmetrics.rfm_score([1, 50], [10, 5]).scores.tolist() == [1, 3]
    # ... except where max + 1 == max in floating point: that value is in no bin
    with pytest.raises(cxmetrics.InvalidArgument):
        cxmetrics.rfm_score([1, 1e20], [5])
    with pytest.raises(cxmetrics.InvalidArgument):
        cxmetrics.rfm_score([1, 2], [])
    with pytest.raises(cxmetrics.InvalidArgument):
        cxmetrics.rfm_score([1, 2], [float("inf")])
    with pytest.raises(cxmetrics.NanInput):
        cxmetrics.rfm_score([1, float("nan")])


def test_table():
    t = cxmetrics.rfm_table([10], [3], [250])
    assert t.rfm_score.tolist() == [511] and t.recency_breaks.tolist() == [11.0] * 4
    t = cxmetrics.rfm_table([10, 115, 181, 300, 482, 600], [1, 4, 5, 6, 8, 12],
                            [100, 256, 382, 506, 666, 700],
                            recency_bins=[115, 181, 297, 482], frequency_bins=[4, 5, 6, 8],
                            monetary_bins=[256, 382, 506, 666])
    assert t.recency_score.tolist() == [5, 4, 3, 2, 1, 1]
    assert t.frequency_score.tolist() == [1, 2, 3, 4, 5, 5]
    assert t.monetary_score.tolist() == [1, 2, 3, 4, 5, 5]
    assert t.rfm_score.tolist() == [511, 422, 333, 244, 155, 155]
    assert len(t) == 6
    # an int per dimension = quantile bins through rfm_breaks
    t = cxmetrics.rfm_table(MTCARS_MPG, MTCARS_MPG, MTCARS_MPG, recency_bins=3)
    assert t.recency_breaks.size == 2 and t.monetary_score.tolist() == MTCARS_SCORES
    assert (t.rfm_score == 100 * t.recency_score + 10 * t.frequency_score
            + t.monetary_score).all()
    with pytest.raises(cxmetrics.InvalidArgument):
        cxmetrics.rfm_table([1, 2], [1], [5, 6])
    with pytest.raises(cxmetrics.EmptyInput):
        cxmetrics.rfm_table([], [], [])


def test_rank_qcut():
    s = cxmetrics.rfm_rank_qcut([3, 40, 7, 120, 365, 15, 60, 2, 200, 90, 7, 7], descending=True)
    assert s.tolist() == [5, 3, 5, 1, 1, 3, 2, 5, 1, 2, 4, 4]
    assert cxmetrics.rfm_rank_qcut([3, 1, 2, 5, 4]).tolist() == [3, 1, 2, 5, 4]
    with pytest.raises(cxmetrics.TooFew):
        cxmetrics.rfm_rank_qcut([1])


def test_rules_builtin_and_iteration():
    rules = cxmetrics.RfmRules("r_02x")
    names = list(rules)
    assert names[0] == "Champions" and names[-1] == "Lost" and "Hibernating" not in names
    assert len(rules) == 10 and rules[0] == "Champions" and rules[-1] == "Lost"
    assert rules.names == names
    assert "Hibernating" in cxmetrics.RfmRules.builtin("vignette_11")
    sizes = {name: len(cxmetrics.RfmRules(name)) for name in cxmetrics.RfmRules.builtin_names()}
    assert sizes == {"r_02x": 10, "vignette_11": 11, "r_030": 10, "py_rfm": 10, "klaviyo_3": 6}
    assert len(cxmetrics.RfmRules()) == 0
    with pytest.raises(IndexError):
        rules[10]
    with pytest.raises(cxmetrics.InvalidArgument):
        cxmetrics.RfmRules("r_99")
    assert "Champions" in repr(rules)


def test_rules_custom():
    rules = cxmetrics.RfmRules().add("Top", (5, 5), (5, 5), (5, 5)).add("Any", (1, 5), (1, 5),
                                                                        (1, 5))
    assert rules.names == ["Top", "Any"]
    assert rules.segment(5, 5, 5) == "Top" and rules.segment(5, 5, 5, match="last") == "Any"
    assert rules.segment(0, 5, 5) == "Others"
    rows = [("Low", (1, 2), (1, 2), (1, 2))]
    assert cxmetrics.rfm_segment(1, 1, 1, rules=rows) == "Low"
    assert cxmetrics.rfm_segment(3, 3, 3, rules=rows) == cxmetrics.NO_SEGMENT == "Others"
    with pytest.raises(cxmetrics.InvalidArgument):
        cxmetrics.RfmRules().add("bad", (3, 1), (1, 1), (1, 1))
    with pytest.raises(cxmetrics.InvalidArgument):
        cxmetrics.RfmRules().add("", (1, 1), (1, 1), (1, 1))


@pytest.mark.parametrize("rfm,rules,match,want", [
    ((5, 5, 5), "r_02x", "first", "Champions"),
    ((5, 1, 1), "r_02x", "first", "Potential Loyalist"),
    ((1, 5, 5), "r_02x", "first", "At Risk"),
    ((1, 5, 5), "r_02x", "last", "Can't Lose Them"),
    ((1, 1, 3), "r_02x", "first", "Others"),
    ((1, 1, 1), "vignette_11", "first", "Hibernating"),
    ((3, 2, 5), "r_030", "first", "Promising"),
    ((4, 3, 1), "py_rfm", "first", "Low Spenders"),
])
def test_segment(rfm, rules, match, want):
    assert cxmetrics.rfm_segment(*rfm, rules=rules, match=match) == want
    assert cxmetrics.RfmRules(rules).segment(*rfm, match=match) == want


def test_segment_many():
    r, f, m = [5, 5, 1, 1], [5, 1, 5, 1], [5, 1, 5, 3]
    want = ["Champions", "Potential Loyalist", "At Risk", "Others"]
    assert cxmetrics.rfm_segment(r, f, m) == want
    assert cxmetrics.rfm_segment(np.array(r), np.array(f, dtype=np.uint8), np.array(m)) == want
    rules = cxmetrics.RfmRules("r_02x")
    idx = rules.segment_indices(r, f, m)
    assert idx.tolist() == [0, 2, 7, len(rules)]
    assert rules.segment_many(r, f, m, match="last")[2] == "Can't Lose Them"
    assert rules.segment_many([], [], []) == []
    with pytest.raises(cxmetrics.InvalidArgument):
        rules.segment_many([1, 2], [1], [1, 2])
    with pytest.raises(OverflowError):
        rules.segment_many([-1], [1], [1])


ORDERS = dict(customer_ids=["b", "a", "b", "c", "a", "b"],
              order_dates=["2006-12-01", "2006-06-30", "2006-12-20", "2005-01-01", "2006-11-30",
                           "2006-01-15"],
              revenues=[10, 20, 30, 40, 50, 60], analysis_date="2006-12-31")


def test_aggregate_orders_iso_strings():
    pd = pytest.importorskip("pandas")
    c = cxmetrics.rfm_aggregate_orders(**ORDERS)
    assert isinstance(c, pd.DataFrame) and c.index.name == "customer_id"
    assert list(c.index) == ["a", "b", "c"] and len(c) == 3
    assert c["recency_days"].tolist() == [31.0, 11.0, 729.0]
    assert c["transaction_count"].tolist() == [2, 3, 1]
    assert c["transaction_count"].dtype == np.float64      # a NUMBER column of the C table
    assert c["amount"].tolist() == [70.0, 100.0, 40.0]


def test_aggregate_orders_other_date_forms():
    want = cxmetrics.rfm_aggregate_orders(**ORDERS, as_frame=False)
    iso = ORDERS["order_dates"]
    forms = [
        np.array(iso, dtype="datetime64[D]"),
        np.array([d + "T12:30:00" for d in iso], dtype="datetime64[s]"),
        [datetime.date.fromisoformat(d) for d in iso],
        [float(cxmetrics.date_parse(d)) for d in iso],
        np.array([cxmetrics.date_parse(d) for d in iso], dtype=np.int64),
    ]
    for dates in forms:
        got = cxmetrics.rfm_aggregate_orders(ORDERS["customer_ids"], dates, ORDERS["revenues"],
                                             np.datetime64("2006-12-31"), as_frame=False)
        assert got["customer_id"].tolist() == want["customer_id"].tolist()
        assert np.array_equal(got["recency_days"], want["recency_days"])
        assert np.array_equal(got["amount"], want["amount"])
    got = cxmetrics.rfm_aggregate_orders(ORDERS["customer_ids"], iso, ORDERS["revenues"],
                                         datetime.datetime(2006, 12, 31, 23, 59), as_frame=False)
    assert got["recency_days"].tolist() == want["recency_days"].tolist()


def test_aggregate_orders_errors():
    with pytest.raises(cxmetrics.Inconsistent):
        cxmetrics.rfm_aggregate_orders(["a"], ["2007-01-02"], [1], "2006-12-31")
    with pytest.raises(cxmetrics.ParseError):
        cxmetrics.rfm_aggregate_orders(["a"], ["2007-13-02"], [1], "2007-12-31")
    with pytest.raises(cxmetrics.NanInput):
        cxmetrics.rfm_aggregate_orders(["a"], np.array(["NaT"], dtype="datetime64[D]"), [1],
                                       "2007-12-31")
    with pytest.raises(cxmetrics.EmptyInput):
        cxmetrics.rfm_aggregate_orders([], [], [], "2007-12-31")
    with pytest.raises(cxmetrics.InvalidArgument):
        cxmetrics.rfm_aggregate_orders(["a", "b"], ["2006-01-01"], [1, 2], "2007-12-31")
    with pytest.raises(TypeError):
        cxmetrics.rfm_aggregate_orders([1], ["2006-01-01"], [1], "2007-12-31")
