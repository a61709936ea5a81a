"""examples/python/score_answers.py - NPS with intervals, CSAT and CES from numpy arrays and lists.

    PYTHONPATH=build/bindings/python /usr/bin/python3 examples/python/score_answers.py
"""
import numpy as np

import cxmetrics

answers = np.array([10, 9, 9, 8, 7, 10, 6, 3, 9, 10, 8, 9], dtype=np.float64)
nps = cxmetrics.nps(answers)
ci = cxmetrics.nps_adjusted_wald(nps.promoters, nps.passives, nps.detractors)
print(f"NPS {nps.nps:.1f}, 95% CI {ci.lower:.1f} .. {ci.upper:.1f}")

csat = cxmetrics.csat([5, 4, 4, 3, 5, 2, 5, 4], scale=(1, 5))
print(f"CSAT {csat.pct_satisfied:.1f}% (Wilson {csat.wilson_lower:.1f} .. {csat.wilson_upper:.1f})")

ces = cxmetrics.ces([5, 4, 2, 5, 3, 4, 4, 1], points=5)
print(f"CES {ces.pct_agree:.1f}% agree it was easy (Wilson {ces.wilson_lower:.1f} .. {ces.wilson_upper:.1f})")

try:
    cxmetrics.nps([9, 11])
except cxmetrics.OutOfRange as e:
    print("rejected:", e)
