"""A shop's customer journey from its event log (spec §21-§26): where customers drop off
between visit and purchase, by channel; where the ones who stop go next; which touchpoint
has the most friction; who comes back month after month, and what they spend; and the CX
pyramid of a survey. pandas in, pandas out; one self-contained HTML page of the charts.

    PYTHONPATH=build/bindings/python python3 examples/python/journey.py \
        examples/data/journey_events.csv examples/data/cx_pyramid_survey.csv [OUT.html]
"""
import os
import sys

import pandas as pd

import cxmetrics

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")
events_csv = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "journey_events.csv")
survey_csv = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "cx_pyramid_survey.csv")

# The log is read once (sorted by customer, time, input order) and shared by every call.
df = pd.read_csv(events_csv)
log = cxmetrics.Events(df, properties=["channel"], values=["csat", "ces", "amount"])
print(f"{len(log)} events of {log.customers} customers")

f = cxmetrics.funnel(log, ["visit", "view", "cart", "checkout", "purchase"], window="7d", by="channel")
steps = f.steps
total = steps[steps["channel"] == "(all)"]
print(total[["step", "event", "customers", "conversion", "lower", "upper", "drop_off"]].round(1).to_string(index=False))
# The same count, the plain way: customers who visited at all enter the funnel.
assert int(total["customers"].iloc[0]) == df.loc[df["event"] == "visit", "customer_id"].nunique()
moved = f.tests[f.tests["p_adjusted"] < 0.05]
print(f"channel x step conversions that differ from the other channels (Holm, 5 %): {len(moved)}")
nxt = f.next_events
print("after the cart, the ones who stop go to:",
      ", ".join(f"{r.next_event} {r.share:.0f} %" for r in nxt[nxt["step"] == 3].itertuples()))

tp = cxmetrics.touchpoints(log, csat="csat", ces="ces", goals="purchase")  # ending there is finishing
print(tp[["rank", "event", "customers", "drop_off", "not_satisfied", "not_easy", "friction"]].head(4)
      .round(1).to_string(index=False))

# Only purchases carry an amount: the other events' empty amounts are left out, and counted.
cohorts = cxmetrics.cohort(log, every="month", amount="amount", nan_policy="omit")
print(f"cohorts: {cohorts['cohort'].nunique()}, events without an amount left out: "
      f"{int(cohorts.attrs['amounts_omitted'])}")
first = cohorts[cohorts["period"] == 1]
print("month-1 retention by cohort (%):", first["retention"].round(1).tolist())

pyr = cxmetrics.pyramid(survey_csv, by="channel", nan_policy="omit")
print(pyr[["channel", "n", "cxi", "level1", "level2", "level3"]].round(1).to_string(index=False))

if len(sys.argv) > 3:
    with open(sys.argv[3], "w") as out:
        out.write(cxmetrics.journey_html([f.steps, f.next_events, cohorts, pyr], title="Shop journey"))
