#!/usr/bin/python3
"""Write front_responses.csv: a small, realistic grouped-survey file for the
`cxm survey --by/--time` tests (CLI, Python, Ruby and the examples).

2,000 responses over 8 months (2024-01-01 .. 2024-08-31), one row each:
  id           1..2000
  channel      email / web / phone / chat (unequal shares; "chat" is small, so
               some of its monthly cells fall under the default min_n of 10)
  agent        a01 .. a12
  timestamp    ISO-8601 date-times written with assorted UTC offsets (Z, +02:00,
               -05:00, +05:30, +0100) and a few bare dates, so bucketing in an
               offset matters near midnight and month ends
  nps          0..10, empty (missing) in ~3 % of rows; web improves over time
  csat         1..5, empty in ~4 %
  ces          1..7 (CES 2.0 scale), empty in ~5 %
  comment      short free text, some quoted with commas, ~20 % empty
  created, first_reply, resolved
               ticket times (ISO, Z): first_reply empty for ~6 % (unanswered),
               resolved empty for ~10 % (unresolved)
Deterministic: numpy PCG64 seed 20261207. Run from anywhere:
    /usr/bin/python3 front_gen_responses.py   (writes next to this script)
"""
import csv
import os

import numpy as np

N = 2000
SEED = 20261207
CHANNELS = ["email", "web", "phone", "chat"]
CHANNEL_P = [0.41, 0.33, 0.21, 0.05]
AGENTS = [f"a{i:02d}" for i in range(1, 13)]
OFFSETS = [("Z", 0), ("+02:00", 120), ("-05:00", -300), ("+05:30", 330), ("+0100", 60)]
PHRASES = ["fast delivery", "slow delivery", "friendly staff", "rude agent", "app crashed",
           "easy checkout", "price too high", "refund took weeks", "great support",
           "waited on hold", "helpful, quick answer", "website confusing, hard to find help",
           "love the product", "billing error"]
T0 = np.datetime64("2024-01-01T00:00:00", "s")
SPAN = int((np.datetime64("2024-09-01T00:00:00", "s") - T0).astype(np.int64))


def iso(ts, off_text, off_min):
    """The local wall time of UTC instant ts at an offset, written with it."""
    local = ts + np.timedelta64(off_min * 60, "s")
    s = str(local)  # YYYY-MM-DDTHH:MM:SS
    return s + off_text


def main():
    rng = np.random.Generator(np.random.PCG64(SEED))
    ts = np.sort(T0 + rng.integers(0, SPAN, N).astype("timedelta64[s]"))
    frac = (ts - T0).astype(np.int64) / SPAN
    rows = []
    for i in range(N):
        ch = rng.choice(len(CHANNELS), p=CHANNEL_P)
        channel = CHANNELS[ch]
        agent = AGENTS[rng.integers(0, len(AGENTS))]
        if rng.random() < 0.03:
            stamp = str(ts[i])[:10]  # a bare date: its own day whatever the offset
        else:
            text, minutes = OFFSETS[rng.integers(0, len(OFFSETS))]
            stamp = iso(ts[i], text, minutes)
        # NPS: a latent satisfaction, better on phone, web improving over time
        mood = rng.normal(7.2 + (0.6 if channel == "phone" else 0.0)
                          + (1.5 * frac[i] - 0.5 if channel == "web" else 0.0)
                          - (0.7 if channel == "chat" else 0.0), 2.0)
        nps = "" if rng.random() < 0.03 else str(int(np.clip(np.rint(mood), 0, 10)))
        csat = "" if rng.random() < 0.04 else str(int(np.clip(np.rint(mood / 2.2 + rng.normal(0, 0.6)), 1, 5)))
        ces = "" if rng.random() < 0.05 else str(int(np.clip(np.rint(mood * 0.6 + rng.normal(0, 1.0)), 1, 7)))
        comment = "" if rng.random() < 0.2 else PHRASES[rng.integers(0, len(PHRASES))]
        created = ts[i] - np.timedelta64(int(rng.integers(3600, 5 * 86400)), "s")
        first = "" if rng.random() < 0.06 else \
            str(created + np.timedelta64(int(rng.exponential(4 * 3600)) + 60, "s")) + "Z"
        resolved = "" if rng.random() < 0.10 else \
            str(created + np.timedelta64(int(rng.exponential(30 * 3600)) + 600, "s")) + "Z"
        rows.append([i + 1, channel, agent, stamp, nps, csat, ces, comment, str(created) + "Z", first, resolved])
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "front_responses.csv")
    with open(out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "channel", "agent", "timestamp", "nps", "csat", "ces", "comment",
                    "created", "first_reply", "resolved"])
        w.writerows(rows)


if __name__ == "__main__":
    main()
