"""Exceptions: generated from CXM_ERRORS, one class per row, raised with the C message."""

import math
import os
import pickle
import re

import pytest

import cxmetrics
from cxmetrics import native

from conftest import ROOT


def _table():
    """The X-macro rows of include/cxmetrics/errors.h: (NAME, value, class, description)."""
    with open(os.path.join(ROOT, "include", "cxmetrics", "errors.h"), encoding="utf-8") as fh:
        text = fh.read()
    rows = re.findall(r'X\(\s*(\w+),\s*(-?\d+),\s*(\w+),\s*"([^"]*)"\)', text)
    assert len(rows) >= 13
    return [(n, int(v), c, d) for n, v, c, d in rows]


TABLE = _table()


def test_base_class():
    assert issubclass(cxmetrics.Error, RuntimeError)
    assert cxmetrics.Error is native.Error
    assert cxmetrics.Error.__module__ == "cxmetrics"
    assert cxmetrics.Error.code is None


@pytest.mark.parametrize("name,value,cls,desc", TABLE, ids=[r[0] for r in TABLE])
def test_every_row_has_a_class(name, value, cls, desc):
    k = getattr(cxmetrics, cls)
    assert k is getattr(native, cls)
    assert issubclass(k, cxmetrics.Error)
    assert k.__name__ == cls and k.__module__ == "cxmetrics"
    assert k.code == value and k.name == name and k.description == desc
    assert k.__doc__ == desc
    assert native.error_name(value) == name
    assert native.error_describe(value) == desc
    assert cxmetrics.error_class(value) is k
    assert cls in cxmetrics.__all__


def test_classes_match_the_table_exactly():
    assert [(c.name, c.code, c.__name__) for c in cxmetrics.error_classes] == \
        [(n, v, c) for n, v, c, _ in TABLE]


def test_out_of_memory_is_a_memory_error():
    assert issubclass(cxmetrics.OutOfMemory, MemoryError)
    assert issubclass(cxmetrics.OutOfMemory, cxmetrics.Error)
    assert not issubclass(cxmetrics.InvalidArgument, MemoryError)
    assert cxmetrics.error_class(12345) is cxmetrics.Error


def test_exceptions_pickle():
    e = cxmetrics.OutOfRange("x")
    e2 = pickle.loads(pickle.dumps(e))
    assert type(e2) is cxmetrics.OutOfRange and e2.args == ("x",)


# One call per error code that the library can raise from Python, with the
# class, the name and the C message.
CASES = [
    ("EMPTY", lambda: cxmetrics.nps([]), "EMPTY"),
    ("TOO_FEW", lambda: cxmetrics.nps_trinomial_t(1, 0, 0), "TOO_FEW"),
    ("OUT_OF_RANGE", lambda: cxmetrics.nps([9, 11, 5]), "11"),
    ("NON_INTEGER", lambda: cxmetrics.nps([9, 6.5]), "6.5"),
    ("NAN", lambda: cxmetrics.nps([9, math.nan, 3]), "NAN"),
    ("BAD_WEIGHTS", lambda: cxmetrics.nps_weighted([10, 0], [1, -1]), "BAD_WEIGHTS"),
    ("BAD_ARG", lambda: cxmetrics.csat([5, 1], threshold=6), "threshold"),
    ("INCONSISTENT", lambda: cxmetrics.wilson(5, 4), "INCONSISTENT"),
    ("DOMAIN", lambda: cxmetrics.clv_margin(50, 1.0, 0.0), "DOMAIN"),
    ("IO", lambda: cxmetrics.CsvReader("/nonexistent/dir/x.csv"), "/nonexistent/dir/x.csv"),
    ("PARSE", lambda: cxmetrics.date_parse("2023-02-30"), "2023-02-30"),
    ("CANCELLED", lambda: cxmetrics.clvmodel.ShiftedBetaGeometric().fit(
        [1000, 631, 468, 382, 326, 289, 262, 241], progress=lambda *a: True), "iteration 1"),
]


@pytest.mark.parametrize("name,call,needle", CASES, ids=[c[0] for c in CASES])
def test_error_raised_with_class_and_message(name, call, needle):
    with pytest.raises(cxmetrics.Error) as info:
        call()
    e = info.value
    assert e.name == name
    assert type(e) is cxmetrics.error_class(e.code)
    msg = str(e)
    assert msg and needle in msg, msg


def test_specific_classes():
    with pytest.raises(cxmetrics.OutOfRange):
        cxmetrics.nps([11])
    with pytest.raises(cxmetrics.InvalidArgument):
        cxmetrics.csat([1, 2], threshold=9)
    with pytest.raises(cxmetrics.EmptyInput):
        cxmetrics.nps([])
    with pytest.raises(cxmetrics.IOFailure):
        cxmetrics.survey_report("/nonexistent.csv")


def test_python_side_argument_errors_use_the_same_classes():
    with pytest.raises(cxmetrics.InvalidArgument, match="nan_policy"):
        cxmetrics.nps([1], nan_policy="drop")
    with pytest.raises(cxmetrics.InvalidArgument, match="scale"):
        cxmetrics.nps([1], scale="0-5")
    with pytest.raises(cxmetrics.InvalidArgument, match="method"):
        cxmetrics.nps_compare((1, 1, 1), (1, 1, 1), method="bootstrap")
    with pytest.raises(cxmetrics.InvalidArgument):
        cxmetrics.nps_compare((1, 1), (1, 1, 1))
    with pytest.raises(cxmetrics.InvalidArgument, match="z"):
        cxmetrics.wilson(1, 2, z=0)


def test_native_raises_too():
    with pytest.raises(cxmetrics.EmptyInput):
        native.nps([], native.NPS_0_10, native.NAN_ERROR)
    with pytest.raises(cxmetrics.InvalidArgument):
        native.score_acc_new(5, 1)  # constructor failure
    with pytest.raises(cxmetrics.InvalidArgument):
        native.rfm_rules_builtin("no-such-table")


def test_error_last_after_failure():
    with pytest.raises(cxmetrics.OutOfRange) as info:
        native.nps([12.0], native.NPS_0_10, native.NAN_ERROR)
    last = native.error_last()
    assert last.code == native.EOUT_OF_RANGE
    assert last.message == str(info.value)
    native.error_clear()
    assert native.error_last().code == native.OK
    assert native.error_last().message == ""
