"""Issue 14, item 6: a value of the wrong type (a str from a form, None, a
range of floats, a dict) gives a cxmetrics.Error subclass whose message says
which argument and what was wrong; never SWIG's own message.

The sweep calls every public function of the package with such a value in
every required argument; the per-function tests check the message."""

import inspect
import math

import numpy as np
import pytest

import cxmetrics as cx

SWIG_WORDS = ("SWIG", "in method", "Expected argument", "of type '", "Wrong number or type")

# A str from a form, None, a dict, an object of no numeric kind, and a float
# range (slice(1.0, 5.0): Python's range takes ints only, a slice is its 1.0..5.0).
BAD = ["9", None, {"a": 1}, object(), slice(1.0, 5.0)]
BAD_IDS = ["str", "None", "dict", "object", "float-range"]

# Functions that take anything by design, and why.
ANY_VALUE = {
    "to_plain": "raises TypeError for what JSON cannot hold, tested below",
}


# (function, bad value id) pairs where the value is valid input, and why.
VALID = {
    ("parse_number", "str"): "parses the text of a number",
    ("duration_seconds", "str"): "parses the text of a duration",
    ("theme_summary", "dict"): "a dict of theme -> words is a theme list",
}


def _functions():
    out = []
    for name in cx.__all__:
        f = getattr(cx, name)
        if inspect.isfunction(f) and name not in ANY_VALUE:
            out.append(name)
    return out


def _required(f):
    pos, kw = [], []
    for p in inspect.signature(f).parameters.values():
        if p.default is not inspect.Parameter.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        (kw if p.kind == p.KEYWORD_ONLY else pos).append(p.name)
    return pos, kw


@pytest.mark.parametrize("bad", BAD, ids=BAD_IDS)
@pytest.mark.parametrize("name", _functions())
def test_sweep(name, bad):
    f = getattr(cx, name)
    bad_id = BAD_IDS[[b is bad for b in BAD].index(True)]
    if (name, bad_id) in VALID:
        pytest.skip(VALID[(name, bad_id)])
    pos, kw = _required(f)
    if not pos and not kw:
        pytest.skip(f"{name} has no required argument")
    with pytest.raises(Exception) as e:
        f(*[bad] * len(pos), **{k: bad for k in kw})
    msg = str(e.value)
    assert not any(w in msg for w in SWIG_WORDS), f"{name}: {type(e.value).__name__}: {msg}"
    assert isinstance(e.value, cx.Error), f"{name}: {type(e.value).__name__}: {msg}"


def test_native_safety_net():
    # cxmetrics.native called directly with a wrong type: translated, typed
    with pytest.raises(cx.ArgumentTypeError) as e:
        cx.native.nps_wald("a", 1.0, 1.0, 0.95, 0.0)
    assert str(e.value) == "BAD_ARG: nps_wald: an argument must be a C double"
    assert isinstance(e.value, TypeError) and isinstance(e.value, cx.InvalidArgument)
    assert e.value.name == "BAD_ARG"


@pytest.mark.parametrize("call, words", [
    (lambda: cx.nps(["9", "10"]), ["values[0]", "'9'"]),
    (lambda: cx.nps("9"), ["str", "'9'"]),
    (lambda: cx.nps(None), ["NoneType"]),
    (lambda: cx.csat([4, 5], threshold="4"), ["threshold", "'4'"]),
    (lambda: cx.wilson("81", 263), ["x", "'81'"]),
    (lambda: cx.nps_wald(None, 20, 20), ["promoters", "NoneType"]),
    (lambda: cx.nps_wald(60, "20", 20), ["passives", "'20'"]),
    (lambda: cx.nps_compare((60, 20, 20), "x"), ["b", "'x'"]),
    (lambda: cx.z_crit({"conf": 0.9}), ["conf", "dict"]),
    (lambda: cx.rfm_score([1.0, 2.0, 3.0], bins=2.5), ["bins", "2.5"]),
    (lambda: cx.nps([0, 10], scale=None), ["NoneType"]),
])
def test_messages_name_argument_and_value(call, words):
    with pytest.raises(cx.ArgumentTypeError) as e:
        call()
    assert isinstance(e.value, TypeError)
    for w in words:
        assert w in str(e.value), str(e.value)
    assert str(e.value).startswith("BAD_ARG: ")


def test_none_inside_data_is_missing_not_a_type_error():
    # None among numbers is a missing value: the nan_policy decides
    assert cx.nps([0, None, 10], nan_policy="omit").n == 2
    with pytest.raises(cx.NanInput):
        cx.nps([0, None, 10])


def test_to_plain_refuses_what_json_cannot_hold():
    with pytest.raises(TypeError):
        cx.to_plain({"x": object()})
    assert cx.to_plain([math.inf, -math.inf]) == [None, None]
