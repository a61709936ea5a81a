#!/usr/bin/python3
"""Generate the seeded event log of the journey benchmark (issue 13): ~10M events of 1M customers.

    CXB_DATA=<data dir> /usr/bin/python3 bench/gen_events.py [--small] [--customers N]
        [--seed S] [--out FILE]

Writes $CXB_DATA/events_10M.csv (--small: events_100k.csv, 10,000 customers, ~100k events)
or --out FILE; prints the number of rows and customers, the size and the md5 of the bytes
written, and checks that md5 against the one recorded below for the default seed and sizes
(a mismatch exits 1: the file is not the one the recorded figures were measured on).
Standard library only; the rows are written as they are generated (memory stays flat).

Columns: customer_id,time,event,channel,amount
  customer_id  "C" + 7 digits, a fixed permutation of the customer's number (ids do not come
               in the order of first appearance)
  time         ISO-8601 UTC with Z, whole seconds, 2025-01-01 .. 2025-12-31 (events that would
               fall after the year are not written)
  event        the journey visit > view > cart > checkout > purchase, and noise between its
               steps: search, wishlist, support_chat, review, email_open
  channel      the session's channel: web, app, email, social, search_ads
  amount       the order value of a purchase (2 decimals); empty on every other event

The journey, per customer: a first activity uniform over the year, then 1 + Geometric(0.67)
sessions (mean 3), the next one usually days later (mean 14 days), sometimes hours
later (30 %: then a cart left in one session is often checked out in the next, which puts
a funnel across sessions inside or outside the 7-day window). A session is a visit (10 %
of sessions open with an email_open or a search first: customers whose first event is not
step 1), then a bounce (25 %: the visit alone) or one or more views, a cart (35 %,
sometimes twice), a checkout (55 % of carts) and a purchase (75 % of checkouts); 12 % of
steps are followed by a noise event. Seconds between events of a session are exponential
(mean 45 s) rounded down, so ~2 % of consecutive events share their second (ties, broken
by input order).

Row order: blocks of 5,000 customers, each block's rows sorted by time (stable, so a
customer's same-second events keep their order): a time-ordered export in pieces, neither
grouped by customer nor sorted as a whole, as the event readers must accept.

Determinism: only random.Random(seed).random() draws (Mersenne Twister, the same stream in
every CPython 3) turned into choices by arithmetic and, for exponential gaps, math.log.
"""
import argparse
import bisect
import hashlib
import math
import os
import random
import sys
import time

SEED = 20261207
CUSTOMERS = 1_000_000
SMALL_CUSTOMERS = 10_000
# md5 of the bytes written with the default seed, per customer count (what bench_journey.py
# checks its input against); recorded from a run of this script.
RECORDED_MD5 = {
    CUSTOMERS: "e7cbb73686b49c25c9a5f483141bf526",
    SMALL_CUSTOMERS: "5c6dc2064aeaaae50046f82d2853d22b",
}

START = 1735689600          # 2025-01-01T00:00:00Z
DAYS = 365
END = START + DAYS * 86400  # exclusive: nothing is written at or after 2026-01-01
BLOCK = 5_000               # customers per time-sorted block

CHANNELS = ("web", "app", "email", "social", "search_ads")
CHANNEL_CUM = (0.40, 0.70, 0.85, 0.95, 1.0)
NOISE = ("search", "wishlist", "support_chat", "review", "email_open")
NOISE_CUM = (0.40, 0.60, 0.75, 0.85, 1.0)
# Prices in cents: a purchase is a price times a quantity of 1 + Geometric(0.3).
PRICES = (999, 1450, 1999, 2400, 2999, 3990, 4999, 7900, 9999, 14900, 24900)


def default_name(customers):
    return {CUSTOMERS: "events_10M.csv", SMALL_CUSTOMERS: "events_100k.csv"}.get(
        customers, f"events_{customers}c.csv")


def day_prefixes():
    """'YYYY-MM-DDT' for each day of the year, from the calendar itself."""
    return [time.strftime("%Y-%m-%dT", time.gmtime(START + d * 86400)) for d in range(DAYS)]


def clock_suffixes():
    """'HH:MM:SSZ' for each second of a day: a time is then two list lookups, not a strftime."""
    return [f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}Z" for s in range(86400)]


class Journeys:
    """One customer's rows at a time, from one random stream."""

    def __init__(self, seed):
        self.u = random.Random(seed).random

    def pick(self, names, cum):
        return names[bisect.bisect_right(cum, self.u())]

    def gap(self, mean):
        # Exponential seconds rounded down (0 = the same second as the event before).
        return int(-mean * math.log(1.0 - self.u()))

    def customer(self, rows):
        """Append (time, event, channel, amount) of one customer, in time order, to rows."""
        u = self.u
        t = START + int(u() * DAYS * 86400)
        open_cart = False
        while t < END:
            channel = self.pick(CHANNELS, CHANNEL_CUM)
            if u() < 0.20 and rows:
                # A newsletter between sessions, on its own.
                rows.append((t, "email_open", "email", ""))
                t += self.gap(3600)
            if u() < 0.10:
                rows.append((t, "email_open" if u() < 0.5 else "search", channel, ""))
                t += self.gap(45)
            t, open_cart = self.session(rows, t, channel, open_cart)
            if u() >= 0.67:
                break
            t += self.gap(6 * 3600) if u() < 0.30 else self.gap(14 * 86400)
        # Rows past the year's end are cut off as an export would.
        while rows and rows[-1][0] >= END:
            rows.pop()

    def session(self, rows, t, channel, open_cart):
        """Append one session from time t; returns the time after it and whether it left a
        cart (or a checkout) without a purchase."""
        u = self.u
        add = rows.append

        def step(name, amount=""):
            nonlocal t
            add((t, name, channel, amount))
            t += self.gap(45)
            if u() < 0.12:
                add((t, self.pick(NOISE, NOISE_CUM), channel, ""))
                t += self.gap(45)

        step("visit")
        if open_cart and u() < 0.40:
            pass  # back for the cart left last time: straight to checkout
        elif u() < 0.25:
            return t, open_cart  # a bounce: the visit alone
        else:
            step("view")
            while u() < 0.45:
                step("view")
            if u() >= 0.35:
                return t, False
            step("cart")
            if u() < 0.15:
                step("view")
                step("cart")
        if u() >= 0.55:
            return t, True
        step("checkout")
        if u() >= 0.75:
            return t, True
        qty = 1
        while u() < 0.30:
            qty += 1
        cents = PRICES[int(u() * len(PRICES))] * qty
        step("purchase", f"{cents // 100}.{cents % 100:02d}")
        return t, False


def customer_id(i):
    # i -> (i * a + b) mod 10^7 with a coprime to 10^7: distinct ids, not in the order of i.
    return f"C{(i * 3_141_593 + 2_718_281) % 10_000_000:07d}"


def generate(out, customers, seed):
    days, clock = day_prefixes(), clock_suffixes()
    j = Journeys(seed)
    md5 = hashlib.md5()
    n_rows = 0
    with open(out, "wb") as f:
        head = b"customer_id,time,event,channel,amount\n"
        f.write(head)
        md5.update(head)
        for b0 in range(0, customers, BLOCK):
            block = []
            for i in range(b0, min(b0 + BLOCK, customers)):
                rows = []
                j.customer(rows)
                cid = customer_id(i)
                block.extend((t, cid, e, c, a) for t, e, c, a in rows)
            block.sort(key=lambda r: r[0])  # stable: a customer's ties keep their order
            text = "".join(f"{cid},{days[(t - START) // 86400]}{clock[(t - START) % 86400]},{e},{c},{a}\n"
                           for t, cid, e, c, a in block).encode()
            f.write(text)
            md5.update(text)
            n_rows += len(block)
    return n_rows, md5.hexdigest()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--small", action="store_true", help=f"{SMALL_CUSTOMERS:,} customers (~100k events)")
    ap.add_argument("--customers", type=int, help=f"number of customers [{CUSTOMERS:,}]")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--out", help="output file [$CXB_DATA/events_10M.csv, or events_100k.csv with --small]")
    args = ap.parse_args()
    customers = args.customers or (SMALL_CUSTOMERS if args.small else CUSTOMERS)
    out = args.out
    if not out:
        data = os.environ.get("CXB_DATA")
        if not data:
            sys.exit("gen_events: give the output with --out FILE or the data directory in $CXB_DATA")
        os.makedirs(data, exist_ok=True)
        out = os.path.join(data, default_name(customers))
    t0 = time.perf_counter()
    n_rows, digest = generate(out, customers, args.seed)
    print(f"wrote {out}: {n_rows:,} events of {customers:,} customers, "
          f"{os.path.getsize(out) / 1e6:.1f} MB, {time.perf_counter() - t0:.1f} s, md5 {digest}")
    want = RECORDED_MD5.get(customers) if args.seed == SEED else None
    if want is None:
        print("md5: nothing recorded for this seed and size")
    elif digest != want:
        sys.exit(f"gen_events: md5 {digest} differs from the recorded {want}: not the benchmark's file")
    else:
        print("md5: equal to the recorded one")


if __name__ == "__main__":
    main()
