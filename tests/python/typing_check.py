"""Checked by mypy, never run (tests/python/test_typing.py): the public API
used as a user would, with the annotations the package ships (py.typed).
A wrong annotation, or one mypy cannot read, fails the test."""

from typing import List, Optional

import numpy as np

import cxmetrics as cx

scores: List[float] = [0, 7, 9, 10]
r = cx.nps(scores)
n: float = r.nps
iv: cx.NpsInterval = cx.nps_wald(r)
iv2: cx.NpsInterval = cx.nps_adjusted_wald(60, 20, 20, conf=0.9, z=None)
t: cx.NpsTInterval = cx.nps_trinomial_t(60, 20, 20)
cmp: cx.NpsComparison = cx.nps_compare(r, (40, 30, 30), method="wald")
w: cx.Interval = cx.wilson(81, 263)
lo: float = w.lower
z: float = cx.z_crit(0.95)
q: float = cx.quantile7(np.array([1.0, 2.0, 3.0]), 0.5)
c: cx.CsatResult = cx.csat([4, 5, 3])
e: cx.CesResult = cx.ces([1, 5, 4])
tr: cx.TestResult = cx.welch_t_test(5.0, 1.0, 20, 4.0, 1.5, 25)
ts: cx.TimeSummary = cx.time_summary([1.0, 2.0])
churn: float = cx.churn_rate(100, 5)
clv: float = cx.clv_historic(50.0, 2.0, 3.0)
text: str = r.to_json()
again: cx.NpsResult = cx.NpsResult.from_json(text)
d = again.to_dict()
table = cx.Table.from_dict({"columns": {}, "dtypes": {}, "attrs": {}})
plain = cx.to_plain({"x": np.float64(1.0)})
model = cx.BetaGeo.from_params(r=0.24, alpha=4.41, a=0.79, b=2.43)
mj: str = model.to_json()
ok: bool = model.fitted
err: Optional[type] = cx.error_class(2)
try:
    cx.nps([0, 10], nan_policy="omit")
except cx.ArgumentTypeError as ex:
    msg: str = str(ex)
breaks: np.ndarray = cx.rfm_breaks([1.0, 2.0, 3.0, 4.0], 2)
day: float = cx.io.day_number("2024-01-01")
agree: int = cx.ces_default_agree((1, 5))
