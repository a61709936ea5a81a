"""How many threads the library may start: cxmetrics.set_threads / threads
(cxmetrics/threads.h, issue 14 item 5).

The round trip, the refusals (a cxmetrics.InvalidArgument naming the value,
the setting unchanged), the precedence over CXM_THREADS and the cores in a
child process with its own environment, and the same NPS with 1 and 2
threads on 5 MiB of answers, checked against numpy's count.
"""

import os
import subprocess
import sys

import numpy as np
import pytest

import cxmetrics
from cxmetrics import native


def online_cores():
    """What the C library counts as the default: the online cores, 1..1024."""
    return max(1, min(1024, os.sysconf("SC_NPROCESSORS_ONLN")))


@pytest.fixture(autouse=True)
def back_to_default():
    yield
    cxmetrics.set_threads(0)


def test_round_trip():
    cxmetrics.set_threads(1)
    assert cxmetrics.threads() == 1
    cxmetrics.set_threads(np.int64(6))  # numpy integers are integers
    assert cxmetrics.threads() == 6
    cxmetrics.set_threads(cxmetrics.THREADS_MAX)
    assert cxmetrics.threads() == 1024 == cxmetrics.THREADS_MAX
    assert cxmetrics.set_threads(0) is None


@pytest.mark.parametrize("value, text, typed", [
    (-1, "threads = -1 is outside 0..1024", False),
    (1025, "threads = 1025 is outside 0..1024", False),
    (2 ** 40, str(2 ** 40), False),
    (2.0, "not float 2.0", True),
    ("2", "not str '2'", True),
    (None, "not NoneType None", True),
    (True, "not the bool True", True),
    (range(1, 3), "not range range(1, 3)", True),
])
def test_refusals(value, text, typed):
    cxmetrics.set_threads(3)
    with pytest.raises(cxmetrics.InvalidArgument) as e:
        cxmetrics.set_threads(value)
    assert isinstance(e.value, cxmetrics.Error)
    # a wrong type is also a TypeError (cxmetrics.ArgumentTypeError), as elsewhere
    assert isinstance(e.value, cxmetrics.ArgumentTypeError) == typed
    assert isinstance(e.value, TypeError) == typed
    assert str(e.value).startswith("BAD_ARG: ")
    assert text in str(e.value)
    assert "SWIG" not in str(e.value)
    assert cxmetrics.threads() == 3  # unchanged


def test_the_library_refuses_too():
    # the C check itself, through the binding's status typemap
    with pytest.raises(cxmetrics.InvalidArgument, match="threads = 1025 is above 1024"):
        native.set_threads(1025)


CHILD = r'''
import sys
import cxmetrics
if len(sys.argv) > 1:
    cxmetrics.set_threads(int(sys.argv[1]))
print(cxmetrics.threads())
'''


def child_threads(env_value, *args):
    env = {k: v for k, v in os.environ.items() if k != "CXM_THREADS"}
    if env_value is not None:
        env["CXM_THREADS"] = env_value
    out = subprocess.run([sys.executable, "-c", CHILD, *args], env=env, cwd="/",
                         capture_output=True, text=True, check=True)
    return int(out.stdout)


def test_precedence_in_a_child_process():
    assert child_threads(None) == online_cores()
    assert child_threads("3") == 3
    assert child_threads("3", "2") == 2          # set_threads beats CXM_THREADS
    assert child_threads("3", "0") == 3          # 0: back to CXM_THREADS
    for ignored in ("", "0", "-4", "many", "1025", "2.5"):
        assert child_threads(ignored) == online_cores(), ignored


def test_same_result_on_one_and_two_threads():
    # 5 MiB and more are counted by two threads (scores.h); numpy counts too
    rng = np.random.default_rng(14)
    s = rng.integers(0, 11, size=5 << 20, dtype=np.uint8)
    n = s.size
    expected = 100.0 * (np.count_nonzero(s >= 9) - np.count_nonzero(s <= 6)) / n
    cxmetrics.set_threads(1)
    one = cxmetrics.nps(s)
    cxmetrics.set_threads(2)
    two = cxmetrics.nps(s)
    assert one.nps == two.nps
    assert one.nps == pytest.approx(expected, rel=1e-12)
    assert (one.n, one.promoters, one.detractors) == (n, np.count_nonzero(s >= 9), np.count_nonzero(s <= 6))
