#!/usr/bin/env python3
"""A raw shop export (the UCI Online Retail layout: anonymous rows,
cancellations, quantity x unit price, "12/1/2010 8:26" dates) into a CLV
summary and RFM segments, with the rows left out counted by reason.

    python3 examples/python/txlog.py tests/data/online-retail/online_retail_raw.csv.gz
"""
import sys

import cxmetrics

path = sys.argv[1] if len(sys.argv) > 1 else "tests/data/online-retail/online_retail_raw.csv.gz"
raw = dict(customer="CustomerID", date="InvoiceDate", quantity="Quantity", price="UnitPrice",
           date_format="%m/%d/%Y %H:%M", missing_ids="drop", returns="drop")

# the clean log: what was kept, and why the rest was left out
log = cxmetrics.txlog(path, **raw)
a = log.attrs
print(f"{a['rows']:.0f} rows: {a['missing_id_rows']:.0f} without a customer id and "
      f"{a['dropped_return_rows']:.0f} cancellations left out, {a['kept_rows']:.0f} kept")

# lifetimes' summary from the raw rows (pandas read CustomerID as floats with NaN: NaN is no customer)
import pandas as pd  # noqa: E402

df = pd.read_csv(path)
summary = cxmetrics.summary_from_transactions(df["CustomerID"], df["InvoiceDate"], quantity=df["Quantity"],
                                              price=df["UnitPrice"], missing_ids="drop", returns="drop",
                                              date_format="%m/%d/%Y %H:%M", period="week")
print(summary.head())

# R rfm's segments of the same file
customers = cxmetrics.rfm_orders(path, analysis_date="2011-12-10", **raw)
scored, _ = cxmetrics.rfm_score_customers(customers)
print(cxmetrics.rfm_summary(scored)[["customers", "revenue"]])
