"""Golden vectors through the Python binding: one pytest case per vector id.

Reads the file named by $CXM_VECTORS, else tests/data/vectors_expanded.json
next to this directory. Each vector calls the cxref function named in
v["function"] through the `cxmetrics` package (a table maps every cxref name
to our API; an unknown name is a failure, never a skip) and compares every
expected key: floats within |got - exp| <= 1e-9 + 1e-9 |exp|, ints, strings
and None exactly; "NaN"/"Infinity"/"-Infinity" strings decode to floats.
An expected_error must equal the raised exception's code name (EMPTY,
BAD_ARG, ...). The run ends with the line "N passed, N failed". From the
repo root, with the shared folder beside it:

    CXM_VECTORS=../shared/spec/vectors_expanded.json \
    PYTHONPATH=build/bindings/python python3 -m pytest -q tests/vectors/test_vectors.py
"""

import json
import math
import os
import sys
from collections import Counter

import numpy as np
import pytest

import cxmetrics

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT = os.path.join(HERE, "..", "data", "vectors_expanded.json")
VECTORS_PATH = os.environ.get("CXM_VECTORS") or DEFAULT
ABS_TOL = 1e-9
REL_TOL = 1e-9


def _decode(x):
    """'NaN' / 'Infinity' / '-Infinity' -> floats, recursively (cxref._decode)."""
    if isinstance(x, dict):
        return {k: _decode(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_decode(v) for v in x]
    if x == "NaN":
        return math.nan
    if x == "Infinity":
        return math.inf
    if x == "-Infinity":
        return -math.inf
    return x


def _load(path):
    with open(path, encoding="utf-8") as fh:
        doc = json.load(fh)
    return doc["vectors"] if isinstance(doc, dict) else doc


# Inputs of the big vectors in vectors.json (the _expanded file inlines them):
# the generators of cxref.py, numpy default_rng (PCG64) uniforms mapped with
# explicit formulas.
def _categorical(u, probs, offset=0):
    p = np.asarray(probs, dtype=float)
    cdf = np.cumsum(p) / p.sum()
    cdf[-1] = 1.0
    return np.searchsorted(cdf, u, side="right").astype(np.int64) + offset


def _gen_scores(seed, n, probs, offset=0):
    return _categorical(np.random.default_rng(seed).random(n), probs, offset)


def _materialize(g):
    name = g["name"]
    if name == "nps_counts_from_gen_scores":
        s = _gen_scores(g["seed"], g["n"], g["probs"], g.get("offset", 0))
        p, d = int((s >= 9).sum()), int((s <= 6).sum())
        return {"promoters": p, "passives": int(s.size) - p - d, "detractors": d}
    if name == "gen_scores":
        return {g.get("arg", "scores"):
                _gen_scores(g["seed"], g["n"], g["probs"], g.get("offset", 0)).tolist()}
    if name == "gen_scores_weights":
        return {"scores": _gen_scores(g["seed"], g["n"], g["probs"], g.get("offset", 0)).tolist(),
                "weights": (0.5 + 2.0 * np.random.default_rng(g["weight_seed"]).random(g["n"]))
                .tolist()}
    if name == "gen_durations":
        u = np.random.default_rng(g["seed"]).random(g["n"])
        return {"durations": np.floor(-g.get("mean_seconds", 3600.0) * np.log1p(-u)).tolist()}
    if name == "gen_rfm_customers":
        u = np.random.default_rng(g["seed"]).random((g["n"], 3))
        return {"recency_days": np.floor(730.0 * u[:, 0]).tolist(),
                "frequency": (1.0 + np.floor(-3.0 * np.log1p(-u[:, 1]))).tolist(),
                "monetary": (20.0 + np.floor(-150.0 * np.log1p(-u[:, 2]))).tolist()}
    if name == "nps_compare_gen":
        def cnt(seed):
            s = _gen_scores(seed, g["n"], g["probs"])
            p, d = int((s >= 9).sum()), int((s <= 6).sum())
            return [p, int(s.size) - p - d, d]
        return {"a": cnt(g["seed_a"]), "b": cnt(g["seed_b"])}
    raise KeyError(f"unknown generator {name!r}")


def _args(v):
    args = dict(v.get("args", {}))
    gen = v.get("generator")
    if gen is not None:
        keys = _GEN_KEYS.get(gen["name"], ()) or (gen.get("arg", "scores"),)
        if not all(k in args for k in keys):  # the expanded file inlines them
            for k, val in _materialize(gen).items():
                args.setdefault(k, val)
    return _decode(args)


_GEN_KEYS = {
    "nps_counts_from_gen_scores": ("promoters", "passives", "detractors"),
    "gen_scores": (),
    "gen_scores_weights": ("scores", "weights"),
    "gen_durations": ("durations",),
    "gen_rfm_customers": ("recency_days", "frequency", "monetary"),
    "nps_compare_gen": ("a", "b"),
}


VECTORS = _load(VECTORS_PATH)


# ---- adapters: cxref name -> our API -> dict of named results -------------------

def _plain(x):
    """numpy arrays and scalars -> lists and Python numbers, for comparison."""
    if isinstance(x, np.ndarray):
        return x.tolist()
    if isinstance(x, np.generic):
        return x.item()
    if isinstance(x, dict):
        return {k: _plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_plain(v) for v in x]
    return x


def _value(v):
    return {"value": _plain(v)}


def _fields(result):
    return _plain(result._asdict())


def _bins(a):
    """cxref's n_bins is the package's bins (the same word in Python and Ruby)."""
    if "n_bins" in a:
        a["bins"] = a.pop("n_bins")
    return a


def _rfm_rpkg_score(a):
    values = a.pop("values")
    thresholds = a.pop("thresholds", None)
    bins = _bins(a).pop("bins", cxmetrics.rfm.BINS_DEFAULT)
    res = cxmetrics.rfm_score(values, thresholds if thresholds is not None else bins,
                              descending=a.pop("descending", False))
    return {"scores": _plain(res.scores), "breaks": _plain(res.breaks),
            "lower": _plain(res.lower), "upper": _plain(res.upper)}


def _rfm_rpkg_table(a):
    res = cxmetrics.rfm_table(**a)
    return _fields(res)


def _csat(a):
    if "scale" in a:
        a["scale"] = tuple(a["scale"])
    return _fields(cxmetrics.csat(**a))


def _nps_compare(a):
    return _fields(cxmetrics.nps_compare(tuple(a.pop("a")), tuple(a.pop("b")), **a))


def _ces(points):
    """One CES function for both scales; cxref's 1-5 result calls "% agree" ces_pct."""
    def call(a):
        res = _fields(cxmetrics.ces(**a, points=points))
        if points == 5:
            res["ces_pct"] = res["pct_agree"]
        return res
    return call


def _table(t):
    """A table of the package (here a dict of numpy arrays) as lists."""
    return {k: _plain(v) for k, v in t.items()}


def _interval(fn):
    def call(a):
        lo, hi = fn(**a)
        return {"lower": lo, "upper": hi}
    return call


FUNCTIONS = {
    "nps_from_scores": lambda a: _fields(cxmetrics.nps(**a)),
    "nps_from_counts": lambda a: _fields(cxmetrics.nps_counts(**a)),
    "nps_wald": lambda a: _fields(cxmetrics.nps_wald(**a)),
    "nps_adjusted_wald": lambda a: _fields(cxmetrics.nps_adjusted_wald(**a)),
    "nps_trinomial_t": lambda a: _fields(cxmetrics.nps_trinomial_t(**a)),
    "nps_compare": _nps_compare,
    "nps_weighted": lambda a: _fields(cxmetrics.nps_weighted(**a)),
    "kish_n_eff": lambda a: _value(cxmetrics.kish_n_eff(**a)),
    "csat": _csat,
    "wilson": _interval(cxmetrics.wilson),
    "adjusted_wald_proportion": _interval(cxmetrics.adjusted_wald),
    "ces_5pt": _ces(5),
    "ces_7pt": _ces(7),
    "time_summary": lambda a: _fields(cxmetrics.time_summary(**a)),
    "average_from_total": lambda a: _value(cxmetrics.average_from_total(**a)),
    "quantile_type7": lambda a: _value(cxmetrics.quantile7(a.pop("values"), **a)),
    "durations_from_timestamps": lambda a: _value(cxmetrics.durations(**a)),
    "churn_rate": lambda a: _value(cxmetrics.churn_rate(**a)),
    "retention_rate": lambda a: _value(cxmetrics.retention_rate(**a)),
    "repeat_purchase_rate": lambda a: _fields(cxmetrics.repeat_purchase_rate(**a)),
    "repeat_purchase_rate_counts": lambda a: _value(cxmetrics.repeat_purchase_rate_counts(**a)),
    "referral_rate": lambda a: _value(cxmetrics.referral_rate(**a)),
    "error_rate": lambda a: _value(cxmetrics.error_rate(**a)),
    "bounce_rate": lambda a: _fields(cxmetrics.bounce_rate(**a)),
    "bounce_rate_counts": lambda a: _value(cxmetrics.bounce_rate_counts(**a)),
    "task_success": lambda a: _fields(cxmetrics.task_success(**a)),
    "monthly_active_users": lambda a: _value(cxmetrics.monthly_active_users(**a)),
    "clv_historic": lambda a: _value(cxmetrics.clv_historic(**a)),
    "clv_historic_from_totals": lambda a: _fields(cxmetrics.clv_historic_from_totals(**a)),
    "clv_margin": lambda a: _value(cxmetrics.clv_margin(**a)),
    "rfm_rpkg_thresholds": lambda a: _value(cxmetrics.rfm_breaks(a.pop("values"), **_bins(a))),
    "rfm_rpkg_score": _rfm_rpkg_score,
    "rfm_rpkg_table": _rfm_rpkg_table,
    "rfm_aggregate_orders": lambda a: _table(cxmetrics.rfm_aggregate_orders(**a, as_frame=False)),
    "rfm_rank_qcut_scores": lambda a: _value(cxmetrics.rfm_rank_qcut(a.pop("values"), **_bins(a))),
    "rfm_segment": lambda a: _value(cxmetrics.rfm_segment(**a)),
    "round_half_away": lambda a: _value(cxmetrics.round_half_away(**a)),
}

SUMMARY_KEYS = {"recency_hist", "frequency_hist", "monetary_hist", "rfm_checksum",
                "first20_rfm"}


def _summarize_rfm(res, rules="r_02x"):
    """cxref.summarize_rfm on our result; segments through our binding."""
    rs, fs, ms, rfm = (res["recency_score"], res["frequency_score"],
                       res["monetary_score"], res["rfm_score"])
    segs = Counter(cxmetrics.rfm_segment(np.asarray(rs), np.asarray(fs), np.asarray(ms),
                                         rules=rules))
    return {
        "recency_breaks": res["recency_breaks"], "frequency_breaks": res["frequency_breaks"],
        "monetary_breaks": res["monetary_breaks"],
        "recency_hist": {str(k): v for k, v in sorted(Counter(rs).items())},
        "frequency_hist": {str(k): v for k, v in sorted(Counter(fs).items())},
        "monetary_hist": {str(k): v for k, v in sorted(Counter(ms).items())},
        "rfm_checksum": int(sum((i + 1) * s for i, s in enumerate(rfm))),
        "first20_rfm": rfm[:20],
        "segments_" + rules: dict(sorted(segs.items())),
    }


# ---- comparison --------------------------------------------------------------------

def _close(got, exp):
    if isinstance(exp, float):
        if not isinstance(got, (int, float)) or isinstance(got, bool):
            return False
        got = float(got)
        if math.isnan(exp):
            return math.isnan(got)
        if math.isinf(exp):
            return got == exp
        return abs(got - exp) <= ABS_TOL + REL_TOL * abs(exp)
    if isinstance(exp, bool) or exp is None or isinstance(exp, str):
        return got is exp if (exp is None or isinstance(exp, bool)) else got == exp
    if isinstance(exp, int):
        if isinstance(got, float):
            return got.is_integer() and int(got) == exp
        return isinstance(got, int) and not isinstance(got, bool) and got == exp
    if isinstance(exp, list):
        return isinstance(got, list) and len(got) == len(exp) and \
            all(_close(g, e) for g, e in zip(got, exp))
    if isinstance(exp, dict):
        return isinstance(got, dict) and set(got) == set(exp) and \
            all(_close(got[k], exp[k]) for k in exp)
    return got == exp


def _short(x, limit=300):
    s = repr(x)
    return s if len(s) <= limit else s[:limit] + "..."


def _ids(vectors):
    seen = Counter()
    out = []
    for v in vectors:
        vid = str(v.get("id", "?"))
        seen[vid] += 1
        out.append(vid if seen[vid] == 1 else f"{vid}#{seen[vid]}")
    return out


@pytest.fixture(scope="session", autouse=True)
def _final_line(request):
    """Print "N passed, N failed" as the very last line of the run."""
    request.config.pluginmanager.register(_FinalLine(), "cxm-vectors-final-line")
    yield


class _FinalLine:
    def pytest_unconfigure(self, config):
        tr = config.pluginmanager.get_plugin("terminalreporter")
        stats = tr.stats if tr is not None else {}
        passed = len(stats.get("passed", []))
        failed = len(stats.get("failed", [])) + len(stats.get("error", []))
        sys.stdout.write(f"{passed} passed, {failed} failed\n")
        sys.stdout.flush()


@pytest.mark.parametrize("v", VECTORS, ids=_ids(VECTORS))
def test_vector(v):
    fname = v.get("function")
    fn = FUNCTIONS.get(fname)
    if fn is None:
        pytest.fail(f"unknown function {fname!r}: no mapping to the cxmetrics API")
    args = _args(v)
    if "expected_error" in v:
        exp_err = v["expected_error"]
        with pytest.raises(cxmetrics.Error) as info:
            got = fn(dict(args))
            pytest.fail(f"expected error {exp_err}, got result {_short(got)}")
        assert info.value.name == exp_err, \
            f"expected error {exp_err}, got {info.value.name}: {info.value}"
        return
    expected = _decode(v["expected"])
    got = fn(dict(args))
    if fname == "rfm_rpkg_table" and SUMMARY_KEYS & set(expected):
        rules = next((k[len("segments_"):] for k in expected if k.startswith("segments_")),
                     "r_02x")
        got = _summarize_rfm(got, rules)
    bad = []
    for key, exp in expected.items():
        if key not in got:
            bad.append(f"{key}: missing from the result (keys: {sorted(got)})")
        elif not _close(got[key], exp):
            bad.append(f"{key}: got {_short(got[key])}, expected {_short(exp)}")
    assert not bad, f"{v.get('id')} ({fname}): " + "; ".join(bad)
