"""The linear assignment, persona matching and the Persona Perception Scale (spec §15.9,
§15.10) against live peers:

- cxmetrics.linear_assignment against scipy.optimize.linear_sum_assignment on seeded
  random matrices of many shapes (the same pairs where the optimum is unique, the same
  total always);
- cxmetrics.cronbach_alpha against the formula in numpy;
- cxmetrics.pps against pandas (complete rows per construct, reverse-keyed items) and
  Feldt's interval from scipy.stats.f;
- cxmetrics.persona_match on two persona sets built from seeded customer tables whose
  segments are relabelled and reordered: every persona finds its segment, and a set read
  back from its JSON matches exactly as the set itself.
"""

import numpy as np
import pytest

import cxmetrics

scipy_optimize = pytest.importorskip("scipy.optimize")
scipy_stats = pytest.importorskip("scipy.stats")
pd = pytest.importorskip("pandas")


# ---- linear assignment ----------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(6))
def test_linear_assignment_matches_scipy(seed):
    rng = np.random.default_rng(seed)
    for _ in range(40):
        r, c = rng.integers(1, 30, 2)
        tied = rng.random() < 0.3
        cost = rng.integers(0, 4, (r, c)).astype(float) if tied else rng.normal(0, 10, (r, c))
        ours, total = cxmetrics.linear_assignment(cost)
        rows, cols = scipy_optimize.linear_sum_assignment(cost)
        expected = cost[rows, cols].sum()
        assert total == pytest.approx(expected, abs=1e-9)
        assigned = ours >= 0
        assert assigned.sum() == min(r, c)
        assert len(set(ours[assigned].tolist())) == min(r, c)
        assert cost[np.nonzero(assigned)[0], ours[assigned]].sum() == pytest.approx(expected, abs=1e-9)
        if not tied:  # continuous costs: the optimum is unique
            want = np.full(r, -1)
            want[rows] = cols
            assert ours.tolist() == want.tolist()


def test_linear_assignment_errors():
    with pytest.raises(cxmetrics.NanInput, match="row 2, column 1"):
        cxmetrics.linear_assignment([[1.0, 2.0], [np.nan, 3.0]])
    with pytest.raises(cxmetrics.OutOfRange):
        cxmetrics.linear_assignment([[1.0, np.inf]])
    with pytest.raises(ValueError):
        cxmetrics.linear_assignment([1.0, 2.0])


# ---- Cronbach's alpha -------------------------------------------------------------------------

def numpy_alpha(x):
    x = np.asarray(x, float)
    k = x.shape[1]
    return k / (k - 1) * (1 - x.var(axis=0, ddof=1).sum() / x.sum(axis=1).var(ddof=1))


@pytest.mark.parametrize("seed", range(4))
def test_cronbach_alpha_matches_numpy(seed):
    rng = np.random.default_rng(100 + seed)
    n, k = rng.integers(5, 300), rng.integers(2, 9)
    trait = rng.normal(size=(n, 1))
    x = np.clip(np.round(4 + 1.2 * trait + rng.normal(size=(n, k))), 1, 7)
    assert cxmetrics.cronbach_alpha(x) == pytest.approx(numpy_alpha(x), rel=1e-12)


def test_cronbach_alpha_errors():
    with pytest.raises(cxmetrics.TooFew):
        cxmetrics.cronbach_alpha([[1.0, 2.0]])
    with pytest.raises(cxmetrics.NanInput, match="row 2, item 1"):
        cxmetrics.cronbach_alpha([[1.0, 2.0], [np.nan, 3.0]])
    with pytest.raises(cxmetrics.Inconsistent):
        cxmetrics.cronbach_alpha([[1.0, 2.0], [2.0, 1.0]])


# ---- Persona Perception Scale ------------------------------------------------------------------

def feldt(alpha, n, k):
    d1, d2 = n - 1, (n - 1) * (k - 1)
    f = scipy_stats.f
    return 1 - (1 - alpha) * f.ppf(0.975, d1, d2), 1 - (1 - alpha) * f.ppf(0.025, d1, d2)


def test_pps_matches_pandas():
    rng = np.random.default_rng(7)
    n = 150
    trait = rng.normal(size=n)
    items = {"credibility_1": 1, "credibility_2": 1, "credibility_3_r": -1, "empathy_1": 1,
             "empathy_2": 1, "clarity_1": 1, "Willingness_to_use_1": 1, "willingness_to_use_2": 1}
    df = pd.DataFrame({"respondent": [f"r{i}" for i in range(n)]})
    for name, sign in items.items():
        v = np.clip(np.round(4 + sign * 1.3 * trait + rng.normal(size=n)), 1, 7)
        v[rng.random(n) < 0.08] = np.nan
        df[name] = v
    out, resp = cxmetrics.pps(df, scale=(1, 7))
    out = out.set_index("construct")
    assert list(out.index) == ["credibility", "clarity", "empathy", "willingness_to_use"]
    groups = {"credibility": ["credibility_1", "credibility_2", "credibility_3_r"],
              "clarity": ["clarity_1"], "empathy": ["empathy_1", "empathy_2"],
              "willingness_to_use": ["Willingness_to_use_1", "willingness_to_use_2"]}
    for construct, cols in groups.items():
        m = df[cols].copy()
        for c in cols:
            if c.endswith("_r"):
                m[c] = 8 - m[c]
        np.testing.assert_allclose(resp[construct].to_numpy(), m.mean(axis=1, skipna=True).to_numpy(),
                                   rtol=1e-14, equal_nan=True)
        complete = m.dropna()
        row = out.loc[construct]
        assert row["items"] == len(cols)
        assert row["respondents"] == len(complete)
        means = complete.mean(axis=1)
        assert row["mean"] == pytest.approx(means.mean(), rel=1e-13)
        assert row["sd"] == pytest.approx(means.std(ddof=1), rel=1e-12)
        if len(cols) == 1:
            assert np.isnan(row["alpha"]) and np.isnan(row["alpha_lower"])
            continue
        a = numpy_alpha(complete.to_numpy())
        lo, hi = feldt(a, len(complete), len(cols))
        assert row["alpha"] == pytest.approx(a, rel=1e-12)
        assert row["alpha_lower"] == pytest.approx(lo, rel=1e-10)
        assert row["alpha_upper"] == pytest.approx(hi, rel=1e-10)


def test_pps_errors():
    with pytest.raises(cxmetrics.OutOfRange, match="row 2, column 'empathy_1': 9"):
        cxmetrics.pps(pd.DataFrame({"empathy_1": [1.0, 9.0]}))
    with pytest.raises(cxmetrics.EmptyInput):
        cxmetrics.pps(pd.DataFrame({"age": [30.0, 40.0]}))


# ---- matching ---------------------------------------------------------------------------------

CITIES = ["Lyon", "Paris", "Nice", "Lille"]
JOBS = ["nurse", "engineer", "teacher"]
PROFILES = {  # segment: (income mean, city probabilities, job probabilities)
    "savers": (30000, [0.7, 0.1, 0.1, 0.1], [0.6, 0.2, 0.2]),
    "urban": (60000, [0.1, 0.7, 0.1, 0.1], [0.2, 0.6, 0.2]),
    "sunny": (45000, [0.1, 0.1, 0.7, 0.1], [0.2, 0.2, 0.6]),
    "north": (38000, [0.1, 0.1, 0.1, 0.7], [0.34, 0.33, 0.33]),
}


def customers(seed, labels, order):
    """200 customers per segment of PROFILES, the segments named by labels and listed in order."""
    rng = np.random.default_rng(seed)
    frames = []
    for seg in order:
        income, cities, jobs = PROFILES[seg]
        n = 200
        frames.append(pd.DataFrame({
            "segment": labels[seg],
            "income": rng.normal(income, 6000, n),
            "city": rng.choice(CITIES, n, p=cities),
            "job": rng.choice(JOBS, n, p=jobs),
        }))
    df = pd.concat(frames, ignore_index=True)
    df.insert(0, "id", [f"c{seed}-{i}" for i in range(len(df))])
    return df


def test_persona_match_recovers_segments():
    old = customers(1, {s: s for s in PROFILES}, ["savers", "urban", "sunny", "north"])
    # next quarter: new customers, segments renamed and in another order, "north" gone
    renamed = {"savers": "S-1", "urban": "S-2", "sunny": "S-3", "north": "S-4"}
    new = customers(2, renamed, ["sunny", "savers", "urban"])
    a = cxmetrics.personas(old, id="id", segment="segment", location="city", career="job",
                           seed=3, reference_year=2026)
    b = cxmetrics.personas(new, id="id", segment="segment", location="city", career="job",
                           seed=3, reference_year=2026)
    m = cxmetrics.persona_match(a, b)
    seg_a = {p.id: p.segment for p in a}
    seg_b = {p.id: p.segment for p in b}
    back = {v: k for k, v in renamed.items()}
    matched = m[m["status"] == "matched"]
    assert len(matched) == 3
    for _, row in matched.iterrows():
        assert seg_a[row["previous"]] == back[seg_b[row["persona"]]]
    gone = m[m["status"] == "gone"]
    assert [seg_a[p] for p in gone["previous"]] == ["north"]
    # the same match from the sets read back from their JSON
    a2 = cxmetrics.PersonaSet.from_json(a.to_json())
    b2 = cxmetrics.PersonaSet.from_json(b.to_json())
    m2 = cxmetrics.persona_match(a2, b2)
    assert m2["previous"].tolist() == m["previous"].tolist()
    np.testing.assert_array_equal(m2["distance"].to_numpy(), m["distance"].to_numpy())
    assert m2["changes"].tolist() == m["changes"].tolist()
