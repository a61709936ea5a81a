"""Issue 14, item 6: nps_wald and friends take a result object (or a dict,
or a tuple) where the three counts are expected. Expected values: the
textbook formulas computed here (Wald: var = p + d - (p - d)^2; the
adjusted Wald of MeasuringU adds 3/4 to each of P and D and 3 to n)."""

import math

import pytest

import cxmetrics as cx
from conftest import close

SCORES = [10, 9, 9, 8, 7, 6, 3, 10, 10, 0]  # P = 5, passives = 2, D = 3


def _wald(P, Q, D, z=1.959963984540054):
    n = P + Q + D
    p, d = P / n, D / n
    se = 100 * math.sqrt((p + d - (p - d) ** 2) / n)
    return 100 * (p - d), se, 100 * (p - d) - z * se, 100 * (p - d) + z * se


def test_nps_wald_from_result_equals_counts():
    r = cx.nps(SCORES)
    assert (r.promoters, r.passives, r.detractors) == (5, 2, 3)
    got = cx.nps_wald(r)
    nps, se, lo, hi = _wald(5, 2, 3)
    assert close(got.nps, nps) and close(got.se, se) and close(got.lower, lo) and close(got.upper, hi)
    assert cx.nps_wald(r, conf=0.9) == cx.nps_wald(5, 2, 3, conf=0.9)
    assert cx.nps_wald({"promoters": 5, "passives": 2, "detractors": 3}) == got
    assert cx.nps_wald((5, 2, 3)) == got


def test_adjusted_wald_and_t_from_result():
    r = cx.nps(SCORES)
    got = cx.nps_adjusted_wald(r)
    n_adj = 13
    p, d = 5.75 / n_adj, 3.75 / n_adj
    assert close(got.nps_adj, 100 * (p - d))
    assert close(got.se, 100 * math.sqrt((p + d - (p - d) ** 2) / n_adj))
    assert cx.nps_trinomial_t(r) == cx.nps_trinomial_t(5, 2, 3)


def test_compare_takes_results():
    a, b = cx.nps(SCORES), cx.nps([10, 10, 9, 0])
    assert cx.nps_compare(a, b) == cx.nps_compare((5, 2, 3), (3, 0, 1))


def test_accumulator_result_is_accepted():
    acc = cx.ScoreAccumulator((0, 10))
    acc.add(SCORES)
    assert cx.nps_wald(acc.nps()) == cx.nps_wald(5, 2, 3)


@pytest.mark.parametrize("call, words", [
    (lambda: cx.nps_wald(5), ["passives and detractors"]),
    (lambda: cx.nps_wald(5, 2), ["detractors is missing"]),
    (lambda: cx.nps_wald(cx.nps(SCORES), 0.9), ["conf and z as keywords"]),
    (lambda: cx.nps_wald({"promoters": 5}), ["missing ['passives', 'detractors']"]),
    (lambda: cx.nps_wald("5,2,3"), ["str"]),
    (lambda: cx.nps_compare((5, 2), (3, 0, 1)), ["got 2 values"]),
])
def test_count_errors(call, words):
    with pytest.raises(cx.InvalidArgument) as e:
        call()
    for w in words:
        assert w in str(e.value), str(e.value)
