"""Times (§4), rates (§5) and CLV (§6) through the binding."""

import math

import numpy as np
import pytest

import cxmetrics

from conftest import close


def test_time_summary():
    r = cxmetrics.time_summary([10, 20, 30, 40, 100])
    assert (r.n, r.total, r.mean, r.median, r.min, r.max) == (5, 200.0, 40.0, 30.0, 10.0, 100.0)
    assert close(r.p90, 76.0)
    r = cxmetrics.time_summary([120, 60, 30, 90])
    assert r.median == 75.0
    r = cxmetrics.time_summary([10, math.nan, 30], nan_policy="omit")
    assert r.n == 2 and r.mean == 20.0
    with pytest.raises(cxmetrics.NanInput):
        cxmetrics.time_summary([10, math.nan])
    with pytest.raises(cxmetrics.OutOfRange):
        cxmetrics.time_summary([10, -1])
    with pytest.raises(cxmetrics.EmptyInput):
        cxmetrics.time_summary([])


def test_durations():
    d = cxmetrics.durations([0, 100, 200, 300], [60, 160, math.nan, 900], nan_policy="omit")
    assert isinstance(d, np.ndarray) and d.dtype == np.float64
    assert d.tolist() == [60.0, 60.0, 600.0]
    assert cxmetrics.durations([], []).tolist() == []
    with pytest.raises(cxmetrics.NanInput):
        cxmetrics.durations([0, 1], [5, math.nan])
    with pytest.raises(cxmetrics.NanInput):
        cxmetrics.durations([math.nan], [5], nan_policy="omit")
    with pytest.raises(cxmetrics.OutOfRange):
        cxmetrics.durations([100], [50])
    with pytest.raises(cxmetrics.InvalidArgument):
        cxmetrics.durations([1, 2], [3])


def test_average_from_total():
    assert cxmetrics.average_from_total(25000, 500) == 50.0      # generatekpi
    with pytest.raises(cxmetrics.EmptyInput):
        cxmetrics.average_from_total(0, 0)
    with pytest.raises(cxmetrics.InvalidArgument):
        cxmetrics.average_from_total(-1, 3)
    with pytest.raises(cxmetrics.NanInput):
        cxmetrics.average_from_total(math.nan, 3)


def test_ratio_rates():
    assert cxmetrics.churn_rate(200, 30) == 15.0
    assert cxmetrics.retention_rate(200, 180, 50) == 65.0
    assert cxmetrics.repeat_purchase_rate_counts(30, 120) == 25.0
    assert close(cxmetrics.repeat_purchase_rate_counts(1000, 3000), 100 / 3)
    assert cxmetrics.referral_rate(50, 1000) == 5.0 and cxmetrics.referral_rate(45, 600) == 7.5
    assert cxmetrics.error_rate(3, 40) == 7.5
    assert close(cxmetrics.bounce_rate_counts(874, 1898), 46.048472075869334)
    with pytest.raises(cxmetrics.EmptyInput):
        cxmetrics.churn_rate(0, 0)
    with pytest.raises(cxmetrics.Inconsistent):
        cxmetrics.churn_rate(10, 11)
    with pytest.raises(cxmetrics.Inconsistent):
        cxmetrics.retention_rate(100, 40, 50)
    with pytest.raises(cxmetrics.Inconsistent):
        cxmetrics.retention_rate(100, 200, 50)
    with pytest.raises(cxmetrics.EmptyInput):
        cxmetrics.error_rate(0, 0)
    with pytest.raises(cxmetrics.Inconsistent):
        cxmetrics.referral_rate(3, 2)
    with pytest.raises(cxmetrics.InvalidArgument):
        cxmetrics.bounce_rate_counts(1.5, 3)


def test_per_entity_rates():
    r = cxmetrics.repeat_purchase_rate([1, 2, 3, 1, 0, 5])
    assert (r.customers, r.repeat_customers, r.rate) == (5, 3, 60.0)
    with pytest.raises(cxmetrics.EmptyInput):
        cxmetrics.repeat_purchase_rate([0, 0])
    with pytest.raises(cxmetrics.NonInteger):
        cxmetrics.repeat_purchase_rate([1.5])
    b = cxmetrics.bounce_rate([1, 3, 1, 2, 1])
    assert (b.sessions, b.bounces, b.rate) == (5, 3, 60.0)
    with pytest.raises(cxmetrics.OutOfRange):
        cxmetrics.bounce_rate([0, 2])


def test_task_success():
    r = cxmetrics.task_success([1, 1, 1, 1, 0], z=1.96)      # Tullis, measuringux.com
    assert (r.n, r.successes, r.rate) == (5, 4, 80.0)
    assert (round(r.adjwald_lower, 2), round(r.adjwald_upper, 2)) == (35.96, 97.97)
    assert close(r.wilson_lower, 37.55282641185388, rel=1e-12)
    r = cxmetrics.task_success(np.ones(5))
    assert r.wilson_upper == 100.0 and r.adjwald_upper > 100.0
    assert cxmetrics.task_success_rate is cxmetrics.task_success
    with pytest.raises(cxmetrics.OutOfRange):
        cxmetrics.task_success([1, 2])


def test_monthly_active_users():
    ids = ["a", "b", "a", "c", "d", "e", "b"]
    ts = [0, 10, 20, 2592000, 2591999.5, -1, 100]
    assert cxmetrics.monthly_active_users(ids, ts, 0, 2592000) == 3
    assert cxmetrics.monthly_active_users(tuple(ids), np.array(ts, dtype=float), 0, 2592000) == 3
    assert cxmetrics.monthly_active_users(np.array(ids), ts, 0, 2592000) == 3
    assert cxmetrics.monthly_active_users([], [], 0, 10) == 0
    # ids are compared byte for byte as UTF-8; bytes are accepted as they are
    assert cxmetrics.monthly_active_users(["é", b"\xc3\xa9", "e"], [1, 2, 3], 0, 10) == 2
    assert cxmetrics.monthly_active_users(["a", "b"], [1, math.nan], 0, 10,
                                          nan_policy="omit") == 1
    with pytest.raises(cxmetrics.NanInput):
        cxmetrics.monthly_active_users(["a", "b"], [1, math.nan], 0, 10)
    with pytest.raises(cxmetrics.InvalidArgument):
        cxmetrics.monthly_active_users(["a"], [1, 2], 0, 10)
    with pytest.raises(cxmetrics.InvalidArgument):
        cxmetrics.monthly_active_users(["a"], [1], 10, 0)
    with pytest.raises(TypeError, match=r"user_ids\[1\]"):
        cxmetrics.monthly_active_users(["a", 7], [1, 2], 0, 10)
    with pytest.raises(TypeError):
        cxmetrics.monthly_active_users("abc", [1, 2, 3], 0, 10)
    with pytest.raises(ValueError, match="NUL"):
        cxmetrics.monthly_active_users(["a\0b"], [1], 0, 10)


def test_clv():
    assert cxmetrics.clv_historic(70, 3, 3) == 630.0                     # feverbee
    assert close(cxmetrics.clv_historic(70, 3, 3, gross_margin=0.3), 189.0)
    t = cxmetrics.clv_historic_from_totals(900, 3, 1, 3)
    assert (t.aov, t.purchase_frequency, t.clv) == (300.0, 3.0, 2700.0)
    assert close(cxmetrics.clv_margin(100, 0.8, 0.1), 800 / 3)          # multiple 2.67
    assert cxmetrics.clv_margin(50, 0.0, 0.05) == 0.0
    with pytest.raises(cxmetrics.DomainError):
        cxmetrics.clv_margin(50, 1.0, 0.0)
    with pytest.raises(cxmetrics.InvalidArgument):
        cxmetrics.clv_historic(70, 3, 3, gross_margin=1.5)
    with pytest.raises(cxmetrics.NanInput):
        cxmetrics.clv_historic(math.nan, 3, 3)
    with pytest.raises(cxmetrics.EmptyInput):
        cxmetrics.clv_historic_from_totals(900, 0, 1, 3)
