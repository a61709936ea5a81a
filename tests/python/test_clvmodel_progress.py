"""Progress reporting and cancellation of the CLV model fits (fit(..., progress=)).

The callback sees iterations 1, 2, 3, ...; its last loglik and gradient are
the fitted model's; a true return value raises Cancelled naming the model and
the iteration; an exception it raises (KeyboardInterrupt included) stops the
fit and propagates as itself; Ctrl-C (a pending SIGINT) stops a fit without a
callback. Data: the CDNOW summary, the donations patterns and Fader & Hardie's
(2007) regular cohort, as in test_clvmodel.py.
"""

import csv
import os
import signal

import numpy as np
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
def fits():
    """(label, model name in the C message, fit(model, **kw)) for each entry point."""
    cd = _read_csv("cdnow_customers_summary_with_transactions.csv")
    dn = _read_csv("donations.csv")
    return [
        ("BetaGeo", "bgnbd",
         lambda **kw: clvmodel.BetaGeo().fit(cd["x"], cd["t_x"], cd["T"], **kw)),
        ("ParetoNBD", "pnbd",
         lambda **kw: clvmodel.ParetoNBD().fit(cd["x"], cd["t_x"], cd["T"], **kw)),
        ("GammaGamma", "gg", lambda **kw: clvmodel.GammaGamma().fit(cd["x"], cd["zbar"], **kw)),
        ("BetaGeoBetaBinom", "bgbb",
         lambda **kw: clvmodel.BetaGeoBetaBinom().fit(dn["frequency"], dn["recency"],
                                                      dn["periods"], weights=dn["weights"], **kw)),
        ("ShiftedBetaGeometric", "sbg",
         lambda **kw: clvmodel.ShiftedBetaGeometric().fit(SBG_REGULAR, **kw)),
    ]


def _each(fits):
    for label, name, fit in fits:
        yield label, name, fit


def test_cancelled_is_generated():
    assert issubclass(cxmetrics.Cancelled, cxmetrics.Error)
    assert cxmetrics.Cancelled.code == -14 and cxmetrics.Cancelled.name == "CANCELLED"
    assert cxmetrics.error_class(-14) is cxmetrics.Cancelled


def test_progress_values(fits):
    for label, _, fit in _each(fits):
        seen = []
        m = fit(progress=lambda it, ll, g: seen.append((it, ll, g)))
        plain = fit()
        assert m.converged, label
        assert [s[0] for s in seen] == list(range(1, m.iterations + 1)), label
        assert len(seen) >= 2, label
        # the last call reports what the model reports, exactly
        assert seen[-1][1] == m.loglik, label
        assert seen[-1][2] == m.gradient_norm, label
        assert seen[-1][1] >= seen[0][1], label
        # watching changes nothing
        assert m.params == plain.params and m.loglik == plain.loglik, label
        assert m.iterations == plain.iterations, label


def test_progress_returning_true_cancels(fits):
    for label, name, fit in _each(fits):
        seen = []

        def stop_at_2(it, ll, g):
            seen.append(it)
            return it >= 2

        with pytest.raises(cxmetrics.Cancelled) as info:
            fit(progress=stop_at_2)
        assert seen == [1, 2], label
        msg = str(info.value)
        assert "iteration 2" in msg and name in msg, msg
        assert info.value.code == -14


def test_progress_exception_propagates(fits):
    class Boom(ValueError):
        pass

    for label, _, fit in _each(fits):
        calls = []

        def boom(it, ll, g):
            calls.append(it)
            if it == 2:
                raise Boom(f"stop {label}")

        with pytest.raises(Boom, match=f"stop {label}") as info:
            fit(progress=boom)
        assert not isinstance(info.value, cxmetrics.Error)
        assert calls == [1, 2], label


def test_keyboard_interrupt_in_callback_propagates(fits):
    _, _, fit = fits[0]

    def interrupt(it, ll, g):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        fit(progress=interrupt)


def test_pending_sigint_stops_a_fit(fits):
    """Ctrl-C during a fit: a SIGINT that arrives while C runs is only flagged;
    the trampoline's PyErr_CheckSignals() runs the handler and stops the fit.
    The callable here is C all the way (functools.partial of libc's raise
    through ctypes), so no Python code runs that could handle the signal
    first: raise(SIGINT) returns 0 (go on), and only the check stops the fit."""
    import ctypes
    import functools

    _, _, fit = fits[0]
    libc_raise = ctypes.PyDLL(None)["raise"]
    libc_raise.argtypes = [ctypes.c_int, ctypes.c_uint, ctypes.c_double, ctypes.c_double]
    libc_raise.restype = ctypes.c_int
    old = signal.getsignal(signal.SIGINT)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            fit(progress=functools.partial(libc_raise, signal.SIGINT))
    finally:
        signal.signal(signal.SIGINT, old)


def test_progress_must_be_callable(fits):
    _, _, fit = fits[-1]
    with pytest.raises(TypeError, match="progress"):
        fit(progress=42)


def test_fit_without_callback_unchanged(fits):
    m = clvmodel.ShiftedBetaGeometric().fit(SBG_REGULAR)
    assert abs(m.params["alpha"] - 0.704) <= 5e-4 and abs(m.params["beta"] - 1.182) <= 5e-4
    assert m.converged and m.iterations >= 2
    m2 = clvmodel.ShiftedBetaGeometric().fit(SBG_REGULAR, progress=None)
    assert m2.params == m.params
