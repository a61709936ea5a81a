#!/usr/bin/python3
"""Write examples/data/survey_responses.csv, the bundled example survey (deterministic).

Same header as shared/bench-data/gen_survey_csv.py:
    response_id,customer_id,timestamp,channel,nps,csat,ces,comment
  nps 0..10, csat 1..5, ces 1..5 (5 = easiest), drawn from the benchmark's distributions;
  about 2 % of each score column is left empty (a skipped question: a missing answer);
  comments are free text: some empty, some with commas (written "quoted"), some with
  "quoted" words (written as ""doubled"" quotes inside a quoted field) and a few with a
  line break inside the quotes, as exported free-text answers have.
Only the Python standard library, and only random.Random(SEED).random(), whose stream is
fixed across Python versions, so the file is reproducible byte for byte:

    /usr/bin/python3 examples/data/make_survey_responses.py [OUT]
"""
import csv
import datetime
import os
import sys

import random

SEED = 20240611
N_ROWS = 400
MISSING_P = 0.02

# Answer distributions of shared/bench-data/common.py (NPS_P, CSAT_P, CES_P).
NPS_P = [0.03, 0.01, 0.02, 0.03, 0.03, 0.07, 0.06, 0.12, 0.18, 0.20, 0.25]  # 0..10
CSAT_P = [0.05, 0.08, 0.17, 0.35, 0.35]  # 1..5
CES_P = [0.06, 0.10, 0.22, 0.34, 0.28]   # 1..5
CHANNELS = ["email", "web", "app", "sms", "phone", "in_store"]
CHANNEL_P = [0.35, 0.25, 0.15, 0.10, 0.10, 0.05]

COMMENTS = [
    "Great service",
    "Fast delivery, friendly driver",
    "The app crashed twice during checkout",
    "Support agent solved my issue on the first call",
    "Waited 40 minutes on hold, then got cut off",
    "Love the product, but the price is too high",
    'The "express" shipping took a week',
    "Refund was quick and painless",
    "Website is confusing, could not find the returns page",
    'Agent said "no problem" and fixed it, thanks!',
    "Package arrived damaged",
    "Easy checkout",
    "Billing error on my last invoice, still not fixed",
    "Would recommend to friends",
    'Product is "as described", nothing more',
    "Clean store, helpful staff",
    "Login is broken on mobile",
    "Good value for money",
    "Wrong item sent, replacement arrived in 2 days",
    "Instructions were clear and simple",
    "Rude manager at the counter",
    "Update improved the app a lot",
    "Nothing to add",
    "Delivery slot changed twice, no notice",
    "Order arrived late.\nSecond time this month",
    'Called three times.\nEach agent said "it is escalated"',
]
COMMENT_EMPTY_P = 0.10


def pick(r, probs):
    """Index drawn from a categorical distribution with one uniform."""
    u = r.random()
    acc = 0.0
    for i, p in enumerate(probs):
        acc += p
        if u < acc:
            return i
    return len(probs) - 1


def answer(r, probs, offset):
    value = pick(r, probs) + offset
    return "" if r.random() < MISSING_P else str(value)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                            "survey_responses.csv")
    r = random.Random(SEED)
    t0 = datetime.datetime(2024, 1, 1, 8, 0, 0)
    span = 181 * 86400  # January .. June 2024
    offsets = sorted(int(r.random() * span) for _ in range(N_ROWS))
    with open(out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(["response_id", "customer_id", "timestamp", "channel", "nps", "csat", "ces", "comment"])
        for i in range(N_ROWS):
            ts = (t0 + datetime.timedelta(seconds=offsets[i])).strftime("%Y-%m-%dT%H:%M:%SZ")
            customer = 1_000_000_000 + int(r.random() * 5000)
            channel = CHANNELS[pick(r, CHANNEL_P)]
            nps = answer(r, NPS_P, 0)
            csat = answer(r, CSAT_P, 1)
            ces = answer(r, CES_P, 1)
            comment = "" if r.random() < COMMENT_EMPTY_P else COMMENTS[int(r.random() * len(COMMENTS))]
            w.writerow([i + 1, customer, ts, channel, nps, csat, ces, comment])
    print("wrote %s: %d rows" % (out, N_ROWS), file=sys.stderr)


if __name__ == "__main__":
    main()
