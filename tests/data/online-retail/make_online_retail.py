#!/usr/bin/env python3
"""Write a small, seeded, messy raw transaction export shaped as the UCI
Online Retail data set (Chen, Sain and Guo 2012; UCI Machine Learning
Repository, https://archive.ics.uci.edu/dataset/352/online+retail):
one row per invoice line, columns InvoiceNo, StockCode, Description,
Quantity, InvoiceDate ("12/1/2010 8:26": month/day/year, no leading zeros),
UnitPrice, CustomerID (blank for anonymous sales), Country. As in the real
export, about a quarter of the lines have no CustomerID, cancellations are
invoices numbered "C..." with negative quantities, some lines have a unit
price of 0, descriptions hold commas (quoted fields), and a customer may
buy several times a day. Nothing here comes from the real data: it is drawn
from a seeded generator, so the file is the same on every run.

    python3 tests/data/online-retail/make_online_retail.py [OUT]

OUT defaults to online_retail_raw.csv.gz beside this script (gzip when the
name ends in .gz, written with mtime 0 so the bytes do not change).
"""
import csv
import datetime
import gzip
import io
import os
import sys

import numpy as np

SEED = 20101201
CUSTOMERS = 160
INVOICES = 1300
START = datetime.datetime(2010, 12, 1)
DAYS = 374  # up to 2011-12-09, the last day of the real export
COUNTRIES = ["United Kingdom"] * 8 + ["France", "Germany", "EIRE", "Spain"]
ITEMS = [("85123A", "WHITE HANGING HEART T-LIGHT HOLDER", 2.55), ("71053", "WHITE METAL LANTERN", 3.39),
         ("84406B", "CREAM CUPID HEARTS COAT HANGER", 2.75), ("22752", "SET 7 BABUSHKA NESTING BOXES", 7.65),
         ("21730", "GLASS STAR FROSTED T-LIGHT HOLDER", 4.25), ("22633", "HAND WARMER UNION JACK", 1.85),
         ("84879", "ASSORTED COLOUR BIRD ORNAMENT", 1.69), ("22960", "JAM MAKING SET WITH JARS", 4.25),
         ("22720", "SET OF 3 CAKE TINS, PANTRY DESIGN", 4.95), ("21212", "PACK OF 72 RETROSPOT CAKE CASES", 0.55),
         ("22423", "REGENCY CAKESTAND 3 TIER", 12.75), ("85099B", "JUMBO BAG RED RETROSPOT", 1.95),
         ("47566", "PARTY BUNTING", 4.95), ("23166", "MEDIUM CERAMIC TOP STORAGE JAR", 1.04),
         ("POST", "POSTAGE", 18.0), ("22197", "POPCORN HOLDER, SMALL", 0.72)]


def when(t):
    return f"{t.month}/{t.day}/{t.year} {t.hour}:{t.minute:02d}"


def rows():
    rng = np.random.default_rng(SEED)
    ids = 12346 + np.sort(rng.choice(6000, CUSTOMERS, replace=False))
    country = {int(c): COUNTRIES[rng.integers(len(COUNTRIES))] for c in ids}
    # customers differ in how often they buy: a few regulars, many one-off buyers
    weight = rng.gamma(0.6, 1.0, CUSTOMERS)
    weight /= weight.sum()
    out, sold = [], []
    number = 536365
    for _ in range(INVOICES):
        anonymous = rng.random() < 0.25
        cust = None if anonymous else int(rng.choice(ids, p=weight))
        t = START + datetime.timedelta(days=int(rng.integers(DAYS)), hours=int(rng.integers(8, 20)),
                                       minutes=int(rng.integers(60)))
        lines = []
        for _ in range(int(rng.integers(1, 7))):
            code, desc, price = ITEMS[rng.integers(len(ITEMS))]
            if rng.random() < 0.02:
                price = 0.0  # a free line, as the real export has
            q = int(rng.choice([1, 2, 3, 4, 6, 8, 12, 24, 48]))
            lines.append((code, desc, q, price))
        for code, desc, q, price in lines:
            out.append([str(number), code, desc, q, t, price, cust])
        sold.append((number, t, cust, lines))
        number += 1
        # now and then an earlier invoice is cancelled in part: "C" + a new number, negative quantities
        if rng.random() < 0.06 and sold:
            _, t0, c0, lines0 = sold[int(rng.integers(len(sold)))]
            tc = max(t, t0) + datetime.timedelta(days=int(rng.integers(0, 20)), minutes=int(rng.integers(1, 300)))
            if tc < START + datetime.timedelta(days=DAYS):
                code, desc, q, price = lines0[int(rng.integers(len(lines0)))]
                out.append(["C" + str(number), code, desc, -q, tc, price, c0])
                number += 1
    out.sort(key=lambda r: (r[4], r[0]))
    for r in out:
        c = r[6]
        yield [r[0], r[1], r[2], r[3], when(r[4]), f"{r[5]:.2f}".rstrip("0").rstrip(".") if r[5] else "0",
               "" if c is None else str(c), "United Kingdom" if c is None else country[c]]


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                              "online_retail_raw.csv.gz")
    text = io.StringIO()
    w = csv.writer(text, lineterminator="\n")
    w.writerow(["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID",
                "Country"])
    w.writerows(rows())
    data = text.getvalue().encode("utf-8")
    if path.endswith(".gz"):
        with open(path, "wb") as f, gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0) as g:
            g.write(data)
    else:
        with open(path, "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
