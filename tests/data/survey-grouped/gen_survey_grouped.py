#!/usr/bin/python3
"""Write survey.csv, the small survey of the grouped-report tests (spec §18).

    /usr/bin/python3 tests/data/survey-grouped/gen_survey_grouped.py > tests/data/survey-grouped/survey.csv

Three channels over three months of 2026, with: ISO date-times in UTC and at offsets, plain dates,
times just before midnight (their month depends on the report's UTC offset), empty answers, a
channel with 4 answers in March (suppressed at min_n 10, which suppresses a second cell by the
complementary rule), support times with unanswered and unresolved tickets. Deterministic (seed 10).
"""
import numpy as np

rng = np.random.default_rng(10)
rows = []
plan = {  # (channel, month): rows
    ("chat", 1): 40, ("chat", 2): 35, ("chat", 3): 30,
    ("email", 1): 30, ("email", 2): 32, ("email", 3): 12,
    ("phone", 1): 25, ("phone", 2): 20, ("phone", 3): 4,
}
bias = {"chat": 1.0, "email": 0.0, "phone": -1.0}
i = 0
for (ch, month), n in plan.items():
    for _ in range(n):
        i += 1
        day = int(rng.integers(1, 28))
        hour = int(rng.integers(0, 24))
        minute = int(rng.integers(0, 60))
        kind = i % 5
        if kind == 0:
            ts = "2026-%02d-%02d" % (month, day)
        elif kind == 1:
            ts = "2026-%02d-%02dT%02d:%02d:00+02:00" % (month, day, hour, minute)
        elif kind == 2:
            ts = "2026-%02d-%02d %02d:%02d:30Z" % (month, day, hour, minute)
        else:
            ts = "2026-%02d-%02dT%02d:%02dZ" % (month, day, hour, minute)
        nps = int(np.clip(round(rng.normal(7.5 + bias[ch] + 0.4 * month, 2.2)), 0, 10))
        csat = int(np.clip(round(rng.normal(3.8 + 0.4 * bias[ch], 1.0)), 1, 5))
        ces = int(np.clip(round(rng.normal(3.6 - 0.3 * bias[ch], 1.1)), 1, 5))
        nps_s = "" if i % 17 == 0 else str(nps)
        csat_s = "" if i % 13 == 0 else str(csat)
        created = 1767225600 + (month - 1) * 2678400 + day * 86400 + hour * 3600
        fr = created + int(rng.gamma(2.0, 1800.0 * (2 + bias[ch])))
        rs = fr + int(rng.gamma(2.0, 20000.0))
        iso = lambda t: np.datetime_as_string(np.datetime64(int(t), "s")) + "Z"
        fr_s = "" if i % 11 == 0 else iso(fr)
        rs_s = "" if i % 7 == 0 or fr_s == "" else iso(rs)
        rows.append((i, ch, ts, nps_s, csat_s, str(ces), iso(created), fr_s, rs_s))
# the edge of a month: 23:30 UTC on Jan 31 is February at UTC+01:00
rows.append((i + 1, "chat", "2026-01-31T23:30:00Z", "10", "5", "5", "2026-01-31T23:30:00Z", "2026-02-01T00:10:00Z", ""))
rows.append((i + 2, "email", "2026-03-01T00:30:00+01:00", "3", "2", "2", "2026-02-28T23:30:00Z", "", ""))
print("id,channel,timestamp,nps,csat,ces,created,first_reply,resolved")
for r in rows:
    print(",".join(str(x) for x in r))
