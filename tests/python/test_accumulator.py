"""ScoreAccumulator: merged chunks give the one-shot results bit for bit."""

import math

import numpy as np
import pytest

import cxmetrics

from conftest import gen_scores


def _chunks(a, cuts=(17_389, 61_002)):
    return np.split(a, list(cuts))


def _fields_equal(x, y):
    dx, dy = x._asdict(), y._asdict()
    assert list(dx) == list(dy)
    for k in dx:
        assert dx[k] == dy[k] or (dx[k] is None and dy[k] is None), (k, dx[k], dy[k])


def test_nps_merge_bit_for_bit(nps_scores_100k):
    parts = _chunks(nps_scores_100k)
    accs = [cxmetrics.ScoreAccumulator(scale=(0, 10)).add(p) for p in parts]
    total = accs[0].merge(accs[1]).merge(accs[2])
    assert total.n == len(total) == 100_000
    _fields_equal(total.nps(), cxmetrics.nps(nps_scores_100k))
    _fields_equal(total.csat(), cxmetrics.csat(nps_scores_100k, scale=(0, 10)))
    _fields_equal(total.csat(threshold=7, conf=0.9),
                  cxmetrics.csat(nps_scores_100k, scale=(0, 10), threshold=7, conf=0.9))
    assert total.counts() == {s: int((nps_scores_100k == s).sum()) for s in range(11)}
    assert total.count(11) == 0


def test_order_does_not_matter(nps_scores_100k):
    one = cxmetrics.ScoreAccumulator(scale=(0, 10)).add(nps_scores_100k[::-1])
    parts = _chunks(nps_scores_100k, (5, 99_000))
    many = cxmetrics.ScoreAccumulator(scale=(0, 10))
    for p in reversed(parts):
        many.merge(cxmetrics.ScoreAccumulator(scale=(0, 10)).add(p))
    _fields_equal(one.nps(), many.nps())


def test_weighted_merge_bit_for_bit(nps_scores_100k):
    w = 0.5 + 2.0 * np.random.default_rng(3).random(nps_scores_100k.size)
    accs = []
    for s, ww in zip(_chunks(nps_scores_100k), _chunks(w)):
        accs.append(cxmetrics.ScoreAccumulator(scale=(0, 10)).add_weighted(s, ww))
    total = accs[2].merge(accs[0]).merge(accs[1])
    _fields_equal(total.nps_weighted(), cxmetrics.nps_weighted(nps_scores_100k, w))
    _fields_equal(total.nps_weighted(conf=0.99),
                  cxmetrics.nps_weighted(nps_scores_100k, w, conf=0.99))


def test_ces_accumulators():
    s5 = gen_scores(11, 30_000, [1, 2, 3, 4, 5], offset=1)
    a = cxmetrics.ScoreAccumulator(scale=(1, 5))
    for part in _chunks(s5, (1000, 20_000)):
        a.merge(cxmetrics.ScoreAccumulator(scale=(1, 5)).add(part))
    _fields_equal(a.ces(), cxmetrics.ces(s5))
    s7 = gen_scores(12, 30_000, [1, 1, 2, 3, 4, 5, 6], offset=1)
    b = cxmetrics.ScoreAccumulator(scale=(1, 7)).add(s7[:10]).add(s7[10:].astype(np.uint8))
    _fields_equal(b.ces(), cxmetrics.ces(s7, points=7))


def test_u8_nan_reset_and_errors():
    a = cxmetrics.ScoreAccumulator(scale=(0, 10))
    a.add(np.array([9, 10, 3], dtype=np.uint8)).add([7, math.nan], nan_policy="omit")
    assert a.n == 4 and a.count(9) == 1 and a.scale == (0, 10)
    with pytest.raises(cxmetrics.OutOfRange):
        a.add([1, 2, 11])
    assert a.n == 4                                    # nothing added on error
    with pytest.raises(cxmetrics.NanInput):
        a.add([math.nan])
    with pytest.raises(cxmetrics.BadWeights):
        a.add_weighted([1], [-1])
    with pytest.raises(cxmetrics.InvalidArgument):
        a.merge(cxmetrics.ScoreAccumulator(scale=(1, 10)))
    with pytest.raises(TypeError):
        a.merge(None)
    with pytest.raises(cxmetrics.InvalidArgument):
        a.ces()                                        # 0..10: no default agree (spec §3.4)
    assert "n=4" in repr(a)
    a.reset()
    assert a.n == 0
    with pytest.raises(cxmetrics.EmptyInput):
        a.nps()
    with pytest.raises(cxmetrics.InvalidArgument):
        cxmetrics.ScoreAccumulator(scale=(5, 1))
    with pytest.raises(cxmetrics.InvalidArgument):
        cxmetrics.ScoreAccumulator(scale=(0, 5000))
