#!/usr/bin/python3
"""Write the bundled journey examples (deterministic, standard library only):

examples/data/journey_events.csv — an e-commerce event log of 1,500 customers over
  six months of 2024:
    customer_id,time,event,channel,csat,ces,amount
  A visit starts a session: visit -> view -> cart -> checkout -> purchase, each step
  reached with a probability that depends on the channel, minutes to hours apart
  (some checkouts come back days later, past a 7-day window); noise events
  (search, help_page) fall between steps; some customers open a support_chat after
  checkout and answer CSAT (1..5) and CES (1..7, 7 = easiest) there; a purchase has
  an amount; returning customers come back in later months (cohorts). Times are
  ISO-8601 with Z; rows are written in time order across customers, as an export is.

examples/data/cx_pyramid_survey.csv — 600 answers to Forrester's three CX Index
  questions on 1..5 (needs met, easy, enjoyable), by channel over two quarters:
    response_id,timestamp,channel,needs,ease,emotion
  About 1 % of each answer is left empty (a skipped question).

Only random.Random(SEED).random() is used, whose stream is fixed across Python
versions, so the files are reproducible byte for byte:

    /usr/bin/python3 examples/data/make_journey_events.py [OUT_DIR]
"""
import csv
import datetime
import os
import sys

import random

SEED = 20241207
N_CUSTOMERS = 1500
N_SURVEY = 600
START = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
DAYS = 182

CHANNELS = ["web", "app", "email"]
CHANNEL_P = [0.5, 0.3, 0.2]
# P(reach the next step) per channel: view, cart, checkout, purchase
STEP_P = {"web": [0.85, 0.45, 0.70, 0.80], "app": [0.90, 0.55, 0.75, 0.88], "email": [0.80, 0.35, 0.60, 0.70]}
STEPS = ["visit", "view", "cart", "checkout", "purchase"]


def pick(rng, items, weights):
    x = rng.random() * sum(weights)
    for item, w in zip(items, weights):
        x -= w
        if x < 0:
            return item
    return items[-1]


def session(rng, customer, channel, t, rows):
    """One visit: steps with drop-offs, noise between them; returns the session's end."""
    rows.append((t, customer, "visit", channel, "", "", ""))
    for j, p in enumerate(STEP_P[channel]):
        if rng.random() < 0.15:
            t += datetime.timedelta(seconds=int(30 + rng.random() * 600))
            rows.append((t, customer, "search" if rng.random() < 0.7 else "help_page", channel, "", "", ""))
        if rng.random() >= p:
            return t
        # minutes apart; one checkout in ten comes back days later (some past 7 days)
        gap = 20 + rng.random() * 1800
        if STEPS[j + 1] == "checkout" and rng.random() < 0.1:
            gap = 86400 * (1 + rng.random() * 9)
        t += datetime.timedelta(seconds=int(gap))
        step = STEPS[j + 1]
        amount = "%.2f" % (10 + rng.random() * 190) if step == "purchase" else ""
        rows.append((t, customer, step, channel, "", "", amount))
        if step == "checkout" and rng.random() < 0.12:
            t += datetime.timedelta(seconds=int(60 + rng.random() * 900))
            csat = str(1 + int(rng.random() * 5)) if rng.random() < 0.8 else ""
            ces = str(1 + int(rng.random() * 7)) if rng.random() < 0.8 else ""
            rows.append((t, customer, "support_chat", channel, csat, ces, ""))
    return t


def journey_events(rng):
    rows = []
    for i in range(N_CUSTOMERS):
        customer = "C%05d" % (i + 1)
        channel = pick(rng, CHANNELS, CHANNEL_P)
        t = START + datetime.timedelta(seconds=int(rng.random() * DAYS * 86400 * 0.8))
        end = START + datetime.timedelta(days=DAYS)
        while t < end:
            t = session(rng, customer, channel, t, rows)
            if rng.random() < 0.45:
                break
            t += datetime.timedelta(seconds=int(86400 * (3 + rng.random() * 50)))
    rows = [r for r in rows if r[0] < START + datetime.timedelta(days=DAYS)]
    rows.sort(key=lambda r: r[0])  # stable: same-second events keep their order
    return [(r[1], r[0].strftime("%Y-%m-%dT%H:%M:%SZ")) + r[2:] for r in rows]


def answer(rng, base):
    if rng.random() < 0.01:
        return ""
    return str(min(5, max(1, base + pick(rng, [-2, -1, 0, 1], [0.1, 0.25, 0.45, 0.2]))))


def pyramid_survey(rng):
    rows = []
    for i in range(N_SURVEY):
        t = START + datetime.timedelta(seconds=int(rng.random() * DAYS * 86400))
        channel = pick(rng, CHANNELS, CHANNEL_P)
        base = {"web": 4, "app": 5, "email": 4}[channel]
        rows.append((t, channel, answer(rng, base), answer(rng, base - 1), answer(rng, base - 1)))
    rows.sort(key=lambda r: r[0])
    return [(i + 1, r[0].strftime("%Y-%m-%dT%H:%M:%SZ")) + r[1:] for i, r in enumerate(rows)]


def write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    rng = random.Random(SEED)
    write(os.path.join(out, "journey_events.csv"),
          ["customer_id", "time", "event", "channel", "csat", "ces", "amount"], journey_events(rng))
    write(os.path.join(out, "cx_pyramid_survey.csv"),
          ["response_id", "timestamp", "channel", "needs", "ease", "emotion"], pyramid_survey(rng))


if __name__ == "__main__":
    main()
