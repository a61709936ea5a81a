#!/usr/bin/python3
"""Write a seeded synthetic e-commerce customer base: customers and their orders.

    /usr/bin/python3 examples/data/make_ecommerce_customers.py [OUTDIR] [--customers N] [--seed S]

Writes OUTDIR/ecommerce_customers.csv (one row per customer: customer_id, gender,
birth_year, country, city, job, channel, device, nps, comment) and
OUTDIR/ecommerce_orders.csv (customer_id, order_date, amount). OUTDIR defaults to this
file's folder, where the committed copies (1,200 customers, seed 12) live; the examples
and their tests read those.

The base is made of four kinds of customer, mixed 35/30/20/15, each with its own ages,
jobs, cities, channel, device, order rhythm, basket size and NPS, so that RFM and a
clustering find them again and each persona has identifiers to show:
  - urban professionals: 28-42, engineers / consultants / designers, Lyon and Paris
    over-represented, web, desktop, frequent mid-size orders, NPS around 8;
  - young app shoppers: 18-27, students and baristas, the app on a mobile, many small
    orders, NPS around 6;
  - families: 34-50, teachers / nurses / accountants, web on a tablet, monthly large
    baskets, NPS around 7;
  - seniors: 60-80, retired, the phone line, a few large orders, NPS around 9.
Nothing is drawn from real people: names never appear, comments are templates. Some
comments carry an e-mail address or a phone number, which the quotes must leave out
(spec §15.6). Only the standard library (random.Random, which gives the same numbers
for the same seed on every Python 3), so the files are the same everywhere.
"""
import argparse
import csv
import datetime
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))

COUNTRIES = {
    "FR": ["Paris", "Lyon", "Marseille", "Toulouse", "Lille"],
    "GB": ["London", "Manchester", "Leeds", "Bristol"],
    "DE": ["Berlin", "Hamburg", "Munich", "Cologne"],
    "US": ["New York", "Chicago", "Austin", "Seattle"],
}

KINDS = [
    {
        "name": "urban professionals", "weight": 35, "age": (28, 42), "female": 0.45,
        "countries": {"FR": 0.7, "GB": 0.1, "DE": 0.1, "US": 0.1},
        "cities": {"FR": {"Lyon": 0.55, "Paris": 0.35}},  # the rest spread over the others
        "jobs": ["software engineer", "consultant", "designer", "product manager"],
        "channel": {"web": 0.8, "app": 0.15, "phone": 0.05},
        "device": {"desktop": 0.75, "mobile": 0.2, "tablet": 0.05},
        "orders": (6, 14), "basket": (60, 25), "nps": (8, 1.2),
        "comments": [
            "Delivery to the office is quick and the tracking page is clear.",
            "I like that the checkout remembers my company address for invoices.",
            "Good range of work gear, though some sizes sell out fast.",
            "The desktop site is fast and the filters save me time at lunch.",
            "Reorder button is great, I buy the same coffee beans every month.",
            "Please add more premium brands, I would pay for better quality.",
        ],
    },
    {
        "name": "young app shoppers", "weight": 30, "age": (18, 27), "female": 0.6,
        "countries": {"FR": 0.25, "GB": 0.3, "DE": 0.2, "US": 0.25},
        "cities": {},
        "jobs": ["student", "barista", "intern", "sales assistant"],
        "channel": {"app": 0.85, "web": 0.15},
        "device": {"mobile": 0.9, "tablet": 0.05, "desktop": 0.05},
        "orders": (8, 20), "basket": (22, 8), "nps": (6, 2.0),
        "comments": [
            "The app is fun but the discount codes often do not work for me.",
            "Shipping costs too much for small orders, I wait for free shipping days.",
            "Love the flash sales, I check the app every evening for new deals.",
            "Returns are annoying, I had to print a label and I have no printer.",
            "Cheap and fast, but the sizes are not always what the app says.",
            "Text me at 0612345678 when the sneakers are back in stock please.",
            "Write to me at sam.k@example.org about the student discount.",
        ],
    },
    {
        "name": "families", "weight": 20, "age": (34, 50), "female": 0.65,
        "countries": {"FR": 0.2, "GB": 0.2, "DE": 0.4, "US": 0.2},
        "cities": {},
        "jobs": ["teacher", "nurse", "accountant", "electrician"],
        "channel": {"web": 0.7, "app": 0.3},
        "device": {"tablet": 0.6, "desktop": 0.3, "mobile": 0.1},
        "orders": (4, 10), "basket": (140, 40), "nps": (7, 1.5),
        "comments": [
            "We order the weekly groceries here, the bulk packs save us money.",
            "Delivery slots in the evening would help a lot with the kids at school.",
            "Some items arrived damaged twice, but customer service refunded quickly.",
            "The school supplies bundle in August was very practical for us.",
            "I wish the family subscription included free delivery on weekends.",
        ],
    },
    {
        "name": "seniors", "weight": 15, "age": (60, 80), "female": 0.5,
        "countries": {"FR": 0.3, "GB": 0.3, "DE": 0.2, "US": 0.2},
        "cities": {},
        "jobs": ["retired"],
        "channel": {"phone": 0.7, "web": 0.3},
        "device": {"desktop": 0.8, "tablet": 0.2},
        "orders": (1, 4), "basket": (210, 60), "nps": (9, 0.8),
        "comments": [
            "The people on the phone line are patient and always very helpful.",
            "I prefer ordering by telephone, the website font is too small for me.",
            "Delivery men carry the heavy boxes inside, which I appreciate greatly.",
            "Good quality garden tools, they last for years and years.",
        ],
    },
]


def pick(rng, weights):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def make(n_customers, seed, start=datetime.date(2024, 1, 1), end=datetime.date(2025, 12, 31)):
    """The customers and the orders (lists of dicts), the same for the same arguments."""
    rng = random.Random(seed)
    span = (end - start).days
    customers, orders = [], []
    for i in range(n_customers):
        kind = rng.choices(KINDS, weights=[k["weight"] for k in KINDS])[0]
        country = pick(rng, kind["countries"])
        cities = dict(kind["cities"].get(country, {}))
        rest = [c for c in COUNTRIES[country] if c not in cities]
        left = max(0.0, 1.0 - sum(cities.values()))
        for c in rest:
            cities[c] = left / len(rest)
        age = rng.randint(*kind["age"])
        comment = ""
        if rng.random() < 0.55:
            comment = rng.choice(kind["comments"])
        nps = min(10, max(0, round(rng.gauss(*kind["nps"]))))
        cid = f"C{i + 1:05d}"
        customers.append({
            "customer_id": cid,
            "gender": "female" if rng.random() < kind["female"] else "male",
            "birth_year": 2025 - age,
            "country": country,
            "city": pick(rng, cities),
            "job": rng.choice(kind["jobs"]),
            "channel": pick(rng, kind["channel"]),
            "device": pick(rng, kind["device"]),
            "nps": nps if rng.random() < 0.8 else "",  # a fifth were not asked
            "comment": comment,
        })
        # orders: the customer's count over the window; recent customers (a share
        # of each kind) ordered in the last months only
        n_orders = rng.randint(*kind["orders"])
        first = rng.randint(0, span - 1) if rng.random() < 0.2 else rng.randint(0, span // 3)
        lapsed = rng.random() < 0.25
        last = first + (span - first) // 3 if lapsed else span
        for _ in range(n_orders):
            day = start + datetime.timedelta(days=rng.randint(first, max(first, last)))
            amount = max(3.0, rng.gauss(*kind["basket"]))
            orders.append({"customer_id": cid, "order_date": day.isoformat(), "amount": f"{amount:.2f}"})
    orders.sort(key=lambda o: (o["order_date"], o["customer_id"]))
    return customers, orders


def write(rows, path):
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir", nargs="?", default=HERE)
    ap.add_argument("--customers", type=int, default=1200)
    ap.add_argument("--seed", type=int, default=12)
    a = ap.parse_args()
    customers, orders = make(a.customers, a.seed)
    write(customers, os.path.join(a.outdir, "ecommerce_customers.csv"))
    write(orders, os.path.join(a.outdir, "ecommerce_orders.csv"))
    print(f"{len(customers)} customers, {len(orders)} orders in {a.outdir}")


if __name__ == "__main__":
    main()
