"""NPS, CSAT and CES by channel and month from a survey CSV (spec §18), as a tidy
pandas DataFrame: which channels moved, and whether the move is more than noise
(Holm-adjusted p-values); the self-contained HTML report next to it.

    PYTHONPATH=build/bindings/python python3 examples/python/survey_grouped.py \
        tests/data/survey-grouped/front_responses.csv [OUT.html]
"""
import os
import sys

import cxmetrics

here = os.path.dirname(os.path.abspath(__file__))
path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "tests", "data", "survey-grouped",
                                                          "front_responses.csv")
report = cxmetrics.survey_report(path, by="channel", time="timestamp", every="month", ces_scale="1-7",
                                 times=("created", "first_reply", "resolved"))
cells = report.cells
nps = cells[(cells["metric"] == "nps") & (cells["suppressed"] == 0)]
print(f"{report.rows} responses, {len(nps)} NPS cells shown, {int(cells['suppressed'].sum())} withheld")
print(nps.pivot(index="period", columns="channel", values="score").round(1).to_string())
moved = nps[nps["p_adjusted"] < 0.05]
print("significant month-over-month changes (Holm, 5 %):", len(moved))
for _, row in moved.iterrows():
    print(f"  {row['channel']} {row['period']}: {row['change']:+.1f} points (p = {row['p_adjusted']:.3g})")
rest = report.vs_rest
print(rest[rest["metric"] == "csat"][["channel", "period", "score", "rest_score", "diff", "p_adjusted"]]
      .head(6).round(3).to_string(index=False))
if len(sys.argv) > 2:
    with open(sys.argv[2], "w") as f:
        f.write(report.render("html"))
