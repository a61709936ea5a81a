"""Shared helpers of the Python binding tests (tests/python).

Run through meson (`meson test --suite python`), which puts the build tree's
package on PYTHONPATH, or by hand:
    PYTHONPATH=build-py/bindings/python /usr/bin/python3 -m pytest tests/python
"""

import math
import os

import numpy as np
import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def close(got, exp, rel=1e-12, abs_=1e-12):
    """|got - exp| <= abs_ + rel |exp| (NaN matches NaN)."""
    if isinstance(exp, float) and math.isnan(exp):
        return isinstance(got, float) and math.isnan(got)
    return abs(got - exp) <= abs_ + rel * abs(exp)


def gen_scores(seed, n, probs, offset=0):
    """cxref.gen_scores: categorical draws from default_rng(seed).random(n)."""
    u = np.random.default_rng(seed).random(n)
    p = np.asarray(probs, dtype=float)
    cdf = np.cumsum(p) / p.sum()
    cdf[-1] = 1.0
    return (np.searchsorted(cdf, u, side="right") + offset).astype(np.float64)


@pytest.fixture
def nps_scores_100k():
    # 0..10 with a realistic mix
    return gen_scores(20240501, 100_000,
                      [3, 2, 2, 3, 3, 5, 7, 12, 15, 20, 28])
