#!/usr/bin/env python3
"""Write cohort_orders.csv, the orders file of the cohort tests (spec §24), from
the seeded raw export tests/data/online-retail/online_retail_raw.csv.gz (see
tests/data/README.md; no real data): one row per invoice line with a customer
id and a positive quantity, as customer_id, time (ISO-8601; the export's
"12/1/2010 8:26" read as UTC), amount (quantity x unit price, to the cent),
invoice. The rows keep the export's order (not sorted by time).

    python3 tests/cli/data/make_cohort_orders.py [OUT]
"""
import csv
import datetime
import gzip
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RAW = os.path.join(HERE, "..", "..", "data", "online-retail", "online_retail_raw.csv.gz")


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "cohort_orders.csv")
    with gzip.open(RAW, "rt", newline="", encoding="utf-8") as f, open(out, "w", newline="") as g:
        w = csv.writer(g, lineterminator="\n")
        w.writerow(["customer_id", "time", "amount", "invoice"])
        for r in csv.DictReader(f):
            q = int(r["Quantity"])
            if not r["CustomerID"] or q <= 0:
                continue
            t = datetime.datetime.strptime(r["InvoiceDate"], "%m/%d/%Y %H:%M")
            cents = round(q * float(r["UnitPrice"]) * 100)
            w.writerow([r["CustomerID"], t.strftime("%Y-%m-%dT%H:%M:00Z"), f"{cents // 100}.{cents % 100:02d}",
                        r["InvoiceNo"]])


if __name__ == "__main__":
    main()
