"""Array and argument conversion: lists, dtypes, views, uint8 fast paths."""

import math

import numpy as np
import pytest

import cxmetrics

SCORES = [0, 7, 7, 9, 9, 9, 10, 3, 8, 6]


@pytest.mark.parametrize("make", [
    lambda s: list(s),
    lambda s: tuple(s),
    lambda s: np.array(s, dtype=np.float64),
    lambda s: np.array(s, dtype=np.int64),
    lambda s: np.array(s, dtype=np.int32),
    lambda s: np.array(s, dtype=np.float32),
    lambda s: np.array(s, dtype=np.uint8),
    lambda s: np.array(s, dtype=">f8"),
    lambda s: np.array([float(x) for x in s], dtype=object),
    lambda s: np.array(s, dtype=np.int16),
], ids=["list", "tuple", "f64", "i64", "i32", "f32", "u8", "f64-big-endian", "object", "i16"])
def test_inputs_convert(make):
    want = cxmetrics.nps(np.array(SCORES, dtype=np.float64))
    assert cxmetrics.nps(make(SCORES)) == want
    assert cxmetrics.csat(make([s // 2 for s in SCORES]), scale=(0, 5)) == \
        cxmetrics.csat([s // 2 for s in SCORES], scale=(0, 5))


def test_non_contiguous_views_work():
    base = np.arange(40, dtype=np.float64) % 11
    view = base[::3]
    assert not view.flags.c_contiguous
    assert cxmetrics.nps(view) == cxmetrics.nps(view.copy())
    rev = base[::-1]
    assert cxmetrics.time_summary(rev) == cxmetrics.time_summary(base)
    col = np.asfortranarray(np.stack([base, base], axis=1))[:, 1]
    assert cxmetrics.quantile7(col, 0.3) == cxmetrics.quantile7(list(base), 0.3)
    u8 = np.arange(60, dtype=np.uint8)[::6] % 11
    assert cxmetrics.nps(u8) == cxmetrics.nps(u8.astype(float))


def test_float64_input_not_modified_or_copied_semantics():
    a = np.array([3.0, 1.0, 2.0, 5.0])
    cxmetrics.quantile7(a, 0.5)
    cxmetrics.time_summary(a)
    cxmetrics.rfm_score(a)
    assert a.tolist() == [3.0, 1.0, 2.0, 5.0]


def test_pandas_series():
    pd = pytest.importorskip("pandas")
    s = pd.Series(SCORES, dtype="float64")
    assert cxmetrics.nps(s) == cxmetrics.nps(SCORES)
    assert cxmetrics.nps(pd.Series([9.0, None, 3.0]), nan_policy="omit").n == 2


def test_bad_inputs():
    with pytest.raises(TypeError):
        cxmetrics.nps(np.zeros((2, 2)))           # 1-D only
    with pytest.raises((TypeError, ValueError)):
        cxmetrics.nps(["a", "b"])
    with pytest.raises(TypeError):
        cxmetrics.nps(np.array([1 + 2j]))
    with pytest.raises(TypeError):
        cxmetrics.wilson("3", 10)


def test_scalars_from_numpy():
    assert cxmetrics.wilson(np.int64(81), np.int32(263)) == cxmetrics.wilson(81, 263)
    assert cxmetrics.z_crit(np.float32(0.5)) == cxmetrics.z_crit(float(np.float32(0.5)))
    assert cxmetrics.csat([1, 2], scale=(np.int64(1), np.int8(5)), threshold=np.int64(2)).n == 2
    assert cxmetrics.ScoreAccumulator(scale=(np.int64(0), np.int64(10))).scale == (0, 10)


def test_keywords_and_defaults():
    a = cxmetrics.nps_wald(3, 2, 1)
    b = cxmetrics.nps_wald(promoters=3, passives=2, detractors=1, conf=0.95, z=None)
    assert a == b
    assert cxmetrics.nps_wald(3, 2, 1, z=1.96).z == 1.96
    assert cxmetrics.nps_wald(3, 2, 1, conf=0.9).z < a.z
    assert cxmetrics.csat([5, 4, 1], scale=(1, 5), threshold=None, nan_policy="error",
                          conf=0.95, z=None).threshold == 4
    assert math.isclose(cxmetrics.nps_weighted([9, 0], [1, 1], scale="0-10",
                                               nan_policy="omit", conf=0.95, z=None).nps, 0.0,
                        abs_tol=1e-12)
