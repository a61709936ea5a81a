"""How a CLV fit ended (spec §8.14) and the limits of the predictions (§8.15).

A fit that did not converge emits cxmetrics.ConvergenceWarning (a UserWarning)
pointing at the caller's line, and its model's ``status`` says how it ended.
Known values: Fader, Hardie & Lee's (2005) BG/NBD parameters for CDNOW; for
one customer (x = 3, t_x = 20, T = 30) the BG/NBD likelihood has no maximum
inside, and its supremum is the Poisson limit x ln(x / T) - x, worked by hand;
lifetimes (../shared/peers, when importable) fits that customer to the same
boundary: huge r and alpha with r / alpha = x / T.
"""

import csv
import math
import os
import sys
import warnings

import numpy as np
import pandas as pd
import pytest

import cxmetrics
from cxmetrics import clvmodel

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "cdnow")
SBG_REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241]


def _read_csv(name):
    with open(os.path.join(DATA, name), newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return {k: np.array([float(r[k]) for r in rows]) for k in rows[0]}


@pytest.fixture(scope="module")
def cdnow():
    return _read_csv("cdnow_customers_summary_with_transactions.csv")


def test_convergence_warning_class():
    assert issubclass(cxmetrics.ConvergenceWarning, UserWarning)
    assert cxmetrics.ConvergenceWarning is clvmodel.ConvergenceWarning
    assert "ConvergenceWarning" in cxmetrics.__all__


def test_converged_fit_is_silent(cdnow):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        m = clvmodel.BetaGeo().fit(cdnow["x"], cdnow["t_x"], cdnow["T"])
    assert m.status == "converged" and m.converged and m.boundary_param is None
    for name, value in {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}.items():
        assert m.params[name] == pytest.approx(value, abs=5e-4)


def test_iteration_limit_every_model(cdnow):
    dn = _read_csv("donations.csv")
    fits = [
        ("bgnbd", lambda: clvmodel.BetaGeo().fit(cdnow["x"], cdnow["t_x"], cdnow["T"], max_iterations=2)),
        ("pnbd", lambda: clvmodel.ParetoNBD().fit(cdnow["x"], cdnow["t_x"], cdnow["T"], max_iterations=2)),
        ("gg", lambda: clvmodel.GammaGamma().fit(cdnow["x"], cdnow["zbar"], max_iterations=2)),
        ("bgbb", lambda: clvmodel.BetaGeoBetaBinom().fit(dn["frequency"], dn["recency"], dn["periods"],
                                                         dn["weights"], max_iterations=2)),
        ("sbg", lambda: clvmodel.ShiftedBetaGeometric().fit(SBG_REGULAR, max_iterations=1)),
    ]
    for name, fit in fits:
        with pytest.warns(cxmetrics.ConvergenceWarning) as record:
            m = fit()
        assert len(record) == 1
        assert m.status == "iteration_limit" and not m.converged
        message = str(record[0].message)
        assert message == (f"{name} fit did not converge: stopped at the iteration limit ({m.iterations} "
                           f"iterations; largest gradient {m.gradient_norm:.3g}); raise max_iterations")
        assert record[0].filename == __file__  # the caller's line, not the package's
        assert "NOT converged: iteration_limit" in repr(m)


def test_iteration_limit_from_a_table(cdnow):
    frame = pd.DataFrame({"frequency": cdnow["x"], "recency": cdnow["t_x"], "T": cdnow["T"]})
    with pytest.warns(cxmetrics.ConvergenceWarning, match="stopped at the iteration limit") as record:
        m = clvmodel.BetaGeo().fit(frame, max_iterations=2)
    assert m.iterations == 2 and m.status == "iteration_limit"
    assert record[0].filename == __file__
    with warnings.catch_warnings():
        warnings.simplefilter("error", cxmetrics.ConvergenceWarning)
        with pytest.raises(cxmetrics.ConvergenceWarning):
            clvmodel.BetaGeo().fit(frame, max_iterations=2)


def test_one_customer_boundary():
    with pytest.warns(cxmetrics.ConvergenceWarning,
                      match=r"^bgnbd fit did not converge: parameter r ran off to infinity \(r = ") as record:
        m = clvmodel.BetaGeo().fit([3], [20], [30])
    assert "the data cannot identify the model" in str(record[0].message)
    assert m.status == "boundary" and m.boundary_param == "r" and not m.converged
    assert m.params["r"] > 1e6
    assert m.params["r"] / m.params["alpha"] == pytest.approx(0.1, abs=1e-3)
    assert m.loglik == pytest.approx(3 * math.log(0.1) - 3, abs=1e-5)
    # the status travels in the JSON; reading it back does not warn again
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        back = clvmodel.BetaGeo.from_json(m.to_json())
    assert back.status == "boundary" and back.boundary_param == "r"


def test_lifetimes_agrees_on_the_boundary():
    peers = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "peers")
    if not os.path.isdir(os.path.join(peers, "lifetimes")):
        pytest.skip("the lifetimes peer is not next to the project (../shared/peers/lifetimes)")
    for name in ("autograd", "lifetimes"):  # lifetimes differentiates with autograd
        if os.path.join(peers, name) not in sys.path:
            sys.path.insert(0, os.path.join(peers, name))
    lifetimes = pytest.importorskip("lifetimes")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        peer = lifetimes.BetaGeoFitter().fit(np.array([3.0]), np.array([20.0]), np.array([30.0]))
    # lifetimes too runs r and alpha off together at the rate x / T
    assert peer.params_["r"] > 1e3
    assert peer.params_["r"] / peer.params_["alpha"] == pytest.approx(0.1, rel=1e-2)


def test_given_parameters():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        m = clvmodel.BetaGeo.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
    assert m.status == "given" and not m.converged and m.boundary_param is None
    assert json_status(m) == "given"


def json_status(model):
    import json
    return json.loads(model.to_json())["status"]


def test_too_few():
    with pytest.raises(cxmetrics.TooFew, match=r"no customer made a repeat purchase \(every frequency is 0 "
                                               r"among 2 customers\): bgnbd cannot be fitted"):
        clvmodel.BetaGeo().fit([0, 0], [0, 0], [30, 20])
    with pytest.raises(cxmetrics.TooFew, match="Gamma-Gamma needs at least 2 repeat buyers"):
        clvmodel.GammaGamma().fit([0, 2], [0, 12.5])


def test_limits():
    m = clvmodel.BetaGeo.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
    gg = clvmodel.GammaGamma.from_params(p=6.25, q=3.74, v=15.44)
    with pytest.raises(cxmetrics.InvalidArgument,
                       match=r"t = 1e\+308 is above the longest horizon, 1000000 periods \(CXM_CLV_MAX_HORIZON\)"):
        m.expected_purchases(1e308, 2, 30, 38)
    summary = pd.DataFrame({"id": ["a", "b"], "frequency": [2.0, 0.0], "recency": [30.0, 0.0],
                            "T": [38.0, 38.0], "monetary_value": [20.0, 0.0]})
    with pytest.raises(cxmetrics.InvalidArgument,
                       match=r"months = 100000 must be a whole number from 1 to 1200 \(CXM_CLV_MAX_MONTHS\)"):
        clvmodel.predict(m, summary, t=10, spend_model=gg, months=100000, period="week")
    with pytest.raises(cxmetrics.InvalidArgument, match=r"CXM_CLV_MAX_PERIODS"):
        clvmodel.ShiftedBetaGeometric.from_params(alpha=1, beta=1).curves(1000001)


def test_predict_names_the_customer():
    m = clvmodel.BetaGeo.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
    summary = pd.DataFrame({"id": ["alice", "bob", "carol"], "frequency": [2.0, 2.5, 0.0],
                            "recency": [30.0, 20.0, 0.0], "T": [38.0, 38.0, 38.0]})
    with pytest.raises(cxmetrics.InvalidArgument,
                       match=r"customer 'bob' \(row 2 of the summary\): frequency = 2.5 must be a "
                             r"non-negative integer"):
        clvmodel.predict(m, summary, t=10)


def test_fit_names_the_customer():
    summary = pd.DataFrame({"id": ["alice", "bob", "carol"], "frequency": [2.0, 2.5, 0.0],
                            "recency": [30.0, 20.0, 0.0], "T": [38.0, 38.0, 38.0]})
    with pytest.raises(cxmetrics.InvalidArgument,
                       match=r"customer 'bob' \(row 2 of the summary\): frequency\[1\] = 2.5 must be a "
                             r"non-negative integer"):
        clvmodel.BetaGeo().fit(summary)
