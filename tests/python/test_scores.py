"""NPS, CSAT and CES through the binding, against published worked examples (spec §12)."""

import math

import numpy as np
import pytest

import cxmetrics

from conftest import close

DELIGHTED_CSAT = [5] * 42 + [4] * 32 + [3] * 10 + [2] * 9 + [1] * 14   # 74/107


def test_nps_rocks():
    r = cxmetrics.nps([0, 7, 7, 9, 9, 9])
    assert (r.n, r.promoters, r.passives, r.detractors) == (6, 3, 2, 1)
    assert close(r.nps, 100 / 3)
    assert close(r.pct_promoters, 50.0) and close(r.pct_passives, 100 / 3)
    assert close(r.pct_detractors, 100 / 6)


def test_nps_every_point_and_boundaries():
    r = cxmetrics.nps(range(11))
    assert (r.promoters, r.passives, r.detractors) == (2, 2, 7)
    assert close(r.nps, -500 / 11)
    r = cxmetrics.nps([6, 7, 8, 9])
    assert (r.promoters, r.passives, r.detractors) == (1, 2, 1) and r.nps == 0.0


def test_nps_scale_1_10():
    r = cxmetrics.nps([1, 6, 7, 8, 9, 10], scale="1-10")
    assert (r.promoters, r.passives, r.detractors) == (2, 2, 2)
    with pytest.raises(cxmetrics.OutOfRange):
        cxmetrics.nps([0, 9], scale="1-10")
    # the C constants are accepted too
    assert cxmetrics.nps([1, 10], scale=cxmetrics.native.NPS_1_10).n == 2


def test_nps_nan_policy():
    r = cxmetrics.nps([9, math.nan, 3, 10], nan_policy="omit")
    assert r.n == 3 and close(r.nps, 100 / 3)
    with pytest.raises(cxmetrics.NanInput):
        cxmetrics.nps([9, math.nan])
    with pytest.raises(cxmetrics.EmptyInput):
        cxmetrics.nps([math.nan, math.nan], nan_policy="omit")
    # None in a list is a missing answer (NaN)
    assert cxmetrics.nps([9, None, 10], nan_policy="omit").n == 2


def test_nps_u8_fast_path_same_result(nps_scores_100k):
    u8 = nps_scores_100k.astype(np.uint8)
    assert cxmetrics.nps(u8) == cxmetrics.nps(nps_scores_100k)
    with pytest.raises(cxmetrics.OutOfRange):
        cxmetrics.nps(np.array([3, 11], dtype=np.uint8))
    with pytest.raises(cxmetrics.OutOfRange):
        cxmetrics.nps(np.array([0, 3], dtype=np.uint8), scale="1-10")


def test_nps_counts():
    r = cxmetrics.nps_counts(45, 30, 25)
    assert (r.n, r.nps) == (100, 20.0)
    assert cxmetrics.nps_counts(np.int64(45), 30.0, np.float32(25)).nps == 20.0
    with pytest.raises(cxmetrics.EmptyInput):
        cxmetrics.nps_counts(0, 0, 0)
    for bad in (-1, 4.5, math.nan, math.inf):
        with pytest.raises(cxmetrics.InvalidArgument):
            cxmetrics.nps_counts(bad, 1, 1)
    with pytest.raises(TypeError):
        cxmetrics.nps_counts("3", 1, 1)


def test_nps_wald_rocks_and_talkstats():
    r = cxmetrics.nps_wald(3, 2, 1)
    assert close(r.var_unit, 5 / 9) and close(r.se, 30.429030972509224)
    assert close(r.z, 1.959963984540054, rel=1e-15)
    assert r.nps_adj == r.nps and r.n_adj == r.n == 6
    assert close(cxmetrics.nps_wald(1, 1, 1).se, 47.14045207910317)
    assert close(cxmetrics.nps_wald(1, 0, 1).se, 70.71067811865476)
    t = cxmetrics.nps_wald(291, 476, 395, z=1.96)          # talkstats: NPS -9, "4.4"
    assert round(t.nps, 2) == -8.95 and round(t.moe, 3) == 4.388
    assert close(t.lower, t.nps - t.moe) and close(t.upper, t.nps + t.moe)
    assert t.z == 1.96
    c90 = cxmetrics.nps_wald(3, 2, 1, conf=0.90)
    assert close(c90.z, 1.6448536269514722, rel=1e-14)


def test_nps_adjusted_wald():
    r = cxmetrics.nps_adjusted_wald(3, 2, 1)          # MeasuringU recipe = Rocks
    assert r.n_adj == 9.0 and close(r.nps_adj, 200 / 9) and close(r.se, 24.982847339318596)
    assert close(r.nps, 100 / 3)
    r = cxmetrics.nps_adjusted_wald(10, 0, 0)
    assert close(r.upper, 106.34260230136364)          # not clipped


def test_nps_trinomial_t():
    r = cxmetrics.nps_trinomial_t(3, 2, 1)
    assert r.df == 5 and close(r.t, 2.570581835636314, rel=1e-14)
    assert close(r.sd_unit, 0.816496580927726) and close(r.se, 100 / 3)
    with pytest.raises(cxmetrics.TooFew):
        cxmetrics.nps_trinomial_t(1, 0, 0)


def test_nps_compare():
    r = cxmetrics.nps_compare((40, 30, 30), (30, 30, 40))
    assert r.method == "adjusted_wald"
    assert close(r.diff, 19.417475728155342) and close(r.p_value, 0.0921901676321192)
    w = cxmetrics.nps_compare([40, 30, 30], np.array([30, 30, 40]), method="wald")
    assert w.method == "wald" and close(w.z_stat, 1.702513061517498)
    d = cxmetrics.nps_compare((5, 0, 0), (7, 0, 0), method="wald")   # se = 0, diff = 0
    assert d.z_stat == 0.0 and d.p_value == 1.0
    with pytest.raises(cxmetrics.EmptyInput):
        cxmetrics.nps_compare((5, 1, 1), (0, 0, 0))


def test_nps_weighted():
    r = cxmetrics.nps_weighted([0, 7, 7, 9, 9, 9], [2.5] * 6)
    assert close(r.nps, 100 / 3) and r.n_eff == 6.0 and r.deff == 1.0 and r.sum_w == 15.0
    r = cxmetrics.nps_weighted([10, 9, 8, 7, 6, 5, 0, 10],
                               [0.5, 1.5, 1.0, 2.0, 0.25, 1.0, 3.0, 0.75])
    assert close(r.n_eff, 10 * 10 / 18.125) and close(r.deff, 1.45) and close(r.nps, -15.0)
    r = cxmetrics.nps_weighted([10, math.nan, 0, 9], [1, 100, 2, 1], nan_policy="omit")
    assert r.n == 3 and r.sum_w == 4.0
    with pytest.raises(cxmetrics.BadWeights):
        cxmetrics.nps_weighted([10, 0], [0, 0])
    with pytest.raises(cxmetrics.InvalidArgument):
        cxmetrics.nps_weighted([10, 0, 5], [1, 1])


def test_csat_delighted_and_defaults():
    r = cxmetrics.csat(DELIGHTED_CSAT)
    assert (r.n, r.threshold, r.n_satisfied) == (107, 4, 74)
    assert close(r.pct_satisfied, 7400 / 107)
    assert cxmetrics.round_half_away(r.pct_satisfied) == 69.0
    assert r.wilson_lower < r.pct_satisfied < r.wilson_upper
    assert close(r.mean, sum(DELIGHTED_CSAT) / 107)
    # Intercom 10/20/10/5/5 -> 60 %
    assert cxmetrics.csat([5] * 10 + [4] * 20 + [3] * 10 + [2] * 5 + [1] * 5).pct_satisfied == 60.0


def test_csat_scales_thresholds():
    assert cxmetrics.csat([1, 2, 3, 3, 2, 3], scale=(1, 3)).threshold == 3    # top-box
    r = cxmetrics.csat([10, 9, 8, 7, 1, 10], scale=(1, 10))
    assert r.threshold == 9 and r.n_satisfied == 3
    r = cxmetrics.csat([10, 9, 8, 7, 1, 10], scale=(1, 10), threshold=8)
    assert r.n_satisfied == 4
    with pytest.raises(cxmetrics.InvalidArgument):
        cxmetrics.csat([5, 1], threshold=6)
    with pytest.raises(cxmetrics.InvalidArgument):
        cxmetrics.csat([5, 1], threshold=4.5)
    with pytest.raises(cxmetrics.OutOfRange):
        cxmetrics.csat([0, 5])
    with pytest.raises(cxmetrics.EmptyInput):
        cxmetrics.csat([])


def test_csat_sd_none_for_one_answer_and_u8():
    r = cxmetrics.csat([5])
    assert r.sd is None and r.wilson_upper == 100.0
    a = np.array(DELIGHTED_CSAT, dtype=np.uint8)
    assert cxmetrics.csat(a) == cxmetrics.csat(DELIGHTED_CSAT)
    assert cxmetrics.csat(a, conf=0.9, z=None) == cxmetrics.csat(DELIGHTED_CSAT, conf=0.9)


def test_ces():
    r = cxmetrics.ces([1, 2, 1, 2, 1, 3, 3, 3, 3, 3, 4, 5, 4, 5, 4, 5, 4, 5, 4, 5])
    assert (r.n, r.n_agree, r.pct_agree, r.mean) == (20, 10, 50.0, 3.35)
    assert cxmetrics.ces(np.array([4, 5, 1], dtype=np.uint8)) == cxmetrics.ces([4, 5, 1])
    with pytest.raises(cxmetrics.OutOfRange):
        cxmetrics.ces([0, 4])
    r = cxmetrics.ces([4, 5, 6, 7, 7], points=7)
    assert r.mean == 5.8 and close(r.sd, 1.3038404810405297) and r.pct_agree == 80.0
    assert r.n_disagree == 0
    assert cxmetrics.ces([5], points=7).sd is None
    assert cxmetrics.ces(np.array([1, 7], dtype=np.uint8), points=7) == \
        cxmetrics.ces([1, 7], points=7)
    with pytest.raises(cxmetrics.OutOfRange):
        cxmetrics.ces([8, 5], points=7)
    with pytest.raises(cxmetrics.NanInput):
        cxmetrics.ces([5, math.nan], points=7)
    assert cxmetrics.ces([5, math.nan], points=7, nan_policy="omit").n == 1
