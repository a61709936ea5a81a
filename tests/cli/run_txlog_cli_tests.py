#!/usr/bin/env python3
"""Raw transaction exports in (issue 11, "Done when"; spec §16).

A messy raw export shaped as the UCI Online Retail data set (anonymous rows,
C-prefixed cancellations with negative quantities, "12/1/2010 8:26" dates,
gzip-compressed: tests/data/online-retail, written by its seeded generator)
goes through `cxm clv summary`, `cxm rfm` and `cxm txlog` with --quantity
--price --returns drop --missing-ids drop --date-format, through the C
library (examples/c/txlog.c), Python and Ruby; each must give what pandas
gives when the cleaning and the summaries are written by hand here (a
lifetimes-style summary, R rfm's customer table), with the rows left out
counted by reason. Then the command line's errors: a missing id and a return
under error name the line, bad options are usage errors.

    run_txlog_cli_tests.py CXM ROOT TXLOG_EXAMPLE [RUBY]

PYTHONPATH and RUBYLIB point at the build's bindings (meson sets them).
"""
import csv
import io
import json
import math
import os
import subprocess
import sys
import tempfile

import pandas as pd

from clitest import Cli

CXM, ROOT, EXAMPLE = os.path.abspath(sys.argv[1]), sys.argv[2], os.path.abspath(sys.argv[3])
RUBY = sys.argv[4] if len(sys.argv) > 4 else ""
RAW = "tests/data/online-retail/online_retail_raw.csv.gz"
FORMAT = "%m/%d/%Y %H:%M"
ANALYSIS = "2011-12-10"
TMP = tempfile.mkdtemp(prefix="cxm_txlog_cli_")

cli = Cli(CXM, ROOT, timeout=120)
run, check, ok, ok_json, fails = cli.run, cli.check, cli.ok, cli.ok_json, cli.fails
RAW_OPTS = ["--customer", "CustomerID", "--date", "InvoiceDate", "--date-format", FORMAT, "--quantity", "Quantity",
            "--price", "UnitPrice"]
DROP = ["--returns", "drop", "--missing-ids", "drop"]

# ---- the reference: pandas, by hand --------------------------------------------------------------
raw = pd.read_csv(os.path.join(ROOT, RAW), dtype={"InvoiceNo": str, "StockCode": str, "CustomerID": "string"})
missing = raw["CustomerID"].isna()
returned = (raw["Quantity"] < 0) & ~missing  # a row is counted under one reason: its missing id first
COUNTS = {"rows": len(raw), "kept_rows": int((~missing & ~returned).sum()), "missing_id_rows": int(missing.sum()),
          "return_rows": int(returned.sum()), "dropped_return_rows": int(returned.sum()),
          "dropped_rows": int(missing.sum() + returned.sum())}
check("the export is messy: anonymous rows, cancellations",
      COUNTS["missing_id_rows"] > 500 and COUNTS["return_rows"] > 20 and raw["InvoiceNo"].str.startswith("C").any(),
      str(COUNTS))
clean = raw[~missing & ~returned].copy()
clean["amount"] = clean["Quantity"] * clean["UnitPrice"]
clean["day"] = pd.to_datetime(clean["InvoiceDate"], format=FORMAT).dt.normalize()
clean["id"] = clean["CustomerID"].astype(str)
cal = clean["day"].max()


def lifetimes_summary(df):
    """summary_data_from_transaction_data(freq='D') by hand: per customer the purchase days
    (same-day amounts added exactly), frequency = days - 1, recency = last - first, T = end -
    first, monetary_value = mean of the repeat days' totals (0 without)."""
    out = {}
    daily = df.groupby(["id", "day"])["amount"].apply(math.fsum)
    for cid, g in daily.groupby(level=0):
        days = [d for _, d in g.index]
        totals = list(g.values)
        first, last = min(days), max(days)
        rep = totals[1:]
        out[cid] = (len(days) - 1, (last - first).days, (cal - first).days,
                    math.fsum(rep) / len(rep) if rep else 0.0)
    return out


def rfm_customers(df):
    """R rfm's rfm_prep_table_data by hand: days since the last order, order rows, exact sum."""
    g = df.groupby("id").agg(last=("day", "max"), n=("day", "size"))
    amt = df.groupby("id")["amount"].apply(math.fsum)
    return {cid: ((pd.Timestamp(ANALYSIS) - r["last"]).days, int(r["n"]), amt[cid]) for cid, r in g.iterrows()}


SUMMARY, RFM = lifetimes_summary(clean), rfm_customers(clean)


def close(a, b):
    return a == b or abs(a - b) <= 1e-12 * max(abs(a), abs(b))


def same_summary(name, got):
    """got: {id: (frequency, recency, T, monetary_value)}."""
    bad = [(k, got.get(k), v) for k, v in SUMMARY.items()
           if got.get(k) is None or got[k][:3] != v[:3] or not close(got[k][3], v[3])]
    check(f"{name}: the CLV summary = pandas ({len(SUMMARY)} customers)", not bad and len(got) == len(SUMMARY),
          f"{bad[:3]} {len(got)} vs {len(SUMMARY)}")


def same_rfm(name, got):
    """got: {id: (recency_days, transaction_count, amount)}."""
    bad = [(k, got.get(k), v) for k, v in RFM.items()
           if got.get(k) is None or got[k][:2] != v[:2] or not close(got[k][2], v[2])]
    check(f"{name}: the RFM customers = pandas ({len(RFM)} customers)", not bad and len(got) == len(RFM),
          f"{bad[:3]} {len(got)} vs {len(RFM)}")


def same_counts(name, attrs):
    got = {k: int(attrs.get(k, -1)) for k in COUNTS}
    check(f"{name}: rows left out counted by reason", got == COUNTS, f"{got} vs {COUNTS}")


def summary_rows(text):
    return {r["id"]: (int(r["frequency"]), int(float(r["recency"])), int(float(r["T"])), float(r["monetary_value"]))
            for r in csv.DictReader(io.StringIO(text))}


def rfm_rows(text):
    return {r["customer_id"]: (int(float(r["recency_days"])), int(float(r["transaction_count"])), float(r["amount"]))
            for r in csv.DictReader(io.StringIO(text))}


# ---- the command line ------------------------------------------------------------------------------
rc, out, err = run("clv", "summary", RAW, *RAW_OPTS, *DROP, "--period", "day")
check("clv summary exits 0", rc == 0, err)
same_summary("cxm clv summary", summary_rows(out))
check("clv summary: the note counts the rows left out",
      err == f"cxm: note: of {COUNTS['rows']} rows, {COUNTS['missing_id_rows']} without a customer id and "
             f"{COUNTS['dropped_return_rows']} returns were left out\n", repr(err))
j = ok_json("clv summary json", "clv", "summary", RAW, *RAW_OPTS, *DROP, "--period", "day", "--format", "json")
same_counts("cxm clv summary --format json", j)
check("clv summary json: the policies", j.get("missing_ids") == "drop" and j.get("returns") == "drop", str(j)[:200])

rc, out, err = run("rfm", RAW, *RAW_OPTS, *DROP, "--analysis-date", ANALYSIS, "--format", "csv")
check("rfm exits 0", rc == 0, err)
same_rfm("cxm rfm", rfm_rows(out))
j = ok_json("rfm json", "rfm", RAW, *RAW_OPTS, *DROP, "--analysis-date", ANALYSIS, "--format", "json")
same_counts("cxm rfm --format json (log)", j.get("log", {}))

j = ok_json("txlog json", "txlog", RAW, *RAW_OPTS, *DROP, "--format", "json")
same_counts("cxm txlog --format json", j)
orders = j.get("orders", [])
check("txlog: the kept rows, quantity x price, file lines",
      len(orders) == COUNTS["kept_rows"] and all(o["cancelled"] == 0 for o in orders)
      and [o["line"] for o in orders] == [i + 2 for i in clean.index]
      and all(o["amount"] == a for o, a in zip(orders, clean["amount"])), str(orders[:2]))

# stdin, and the plain text after gunzip: the same numbers
with open(os.path.join(ROOT, RAW), "rb") as f:
    p = subprocess.run([CXM, "clv", "summary", "-", *RAW_OPTS, *DROP, "--period", "day"], input=f.read(),
                       capture_output=True, cwd=ROOT)
check("clv summary of '-' (gzip on stdin) exits 0", p.returncode == 0, p.stderr.decode()[:200])
same_summary("cxm clv summary -", summary_rows(p.stdout.decode()))

# ---- C (examples/c/txlog.c) -----------------------------------------------------------------------
p = subprocess.run([EXAMPLE, RAW, ANALYSIS], capture_output=True, text=True, cwd=ROOT)
check("the C example exits 0", p.returncode == 0, p.stderr)
parts = p.stdout.split("\n\n")
if len(parts) == 2:
    same_summary("C", summary_rows(parts[0]))
    same_rfm("C", rfm_rows(parts[1]))
counts_c = dict(line.split() for line in p.stderr.splitlines())
check("C: the counts", {k: int(v) for k, v in counts_c.items()} == {k: COUNTS[k] for k in counts_c}
      and len(counts_c) == 5, p.stderr)

# ---- Python ---------------------------------------------------------------------------------------
import cxmetrics  # noqa: E402 - the build's package (PYTHONPATH)

# pandas reads CustomerID as float64 with NaN for the anonymous rows: NaN is a
# missing id (never a customer "nan"), 12346.0 is customer "12346"
df = pd.read_csv(os.path.join(ROOT, RAW))
s = cxmetrics.summary_from_transactions(df["CustomerID"], df["InvoiceDate"], quantity=df["Quantity"],
                                        price=df["UnitPrice"], missing_ids="drop", returns="drop",
                                        date_format=FORMAT, period="day")
same_summary("Python summary_from_transactions", {str(k): (int(r.frequency), int(r.recency), int(r["T"]),
                                                           float(r.monetary_value)) for k, r in s.iterrows()})
same_counts("Python summary attrs", s.attrs)
c = cxmetrics.rfm_orders(df, customer="CustomerID", date="InvoiceDate", quantity="Quantity", price="UnitPrice",
                         missing_ids="drop", returns="drop", date_format=FORMAT, analysis_date=ANALYSIS)
same_rfm("Python rfm_orders (DataFrame)", {str(k): (int(r.recency_days), int(r.transaction_count), float(r.amount))
                                           for k, r in c.iterrows()})
c = cxmetrics.rfm_orders(os.path.join(ROOT, RAW), customer="CustomerID", date="InvoiceDate", quantity="Quantity",
                         price="UnitPrice", missing_ids="drop", returns="drop", date_format=FORMAT,
                         analysis_date=ANALYSIS)
same_rfm("Python rfm_orders (file)", {str(k): (int(r.recency_days), int(r.transaction_count), float(r.amount))
                                      for k, r in c.iterrows()})
log = cxmetrics.txlog(os.path.join(ROOT, RAW), customer="CustomerID", date="InvoiceDate", quantity="Quantity",
                      price="UnitPrice", missing_ids="drop", returns="drop", date_format=FORMAT)
same_counts("Python txlog (file)", log.attrs)
try:
    cxmetrics.summary_from_transactions(df["CustomerID"], df["InvoiceDate"], quantity=df["Quantity"],
                                        price=df["UnitPrice"], returns="drop", date_format=FORMAT, period="day")
    check("Python: a missing id is an error by default", False)
except cxmetrics.InvalidArgument as e:
    first = int(missing.idxmax())
    check("Python: a missing id is an error naming its row", f"customer_ids[{first}] (row {first + 1}) is missing"
          in str(e), str(e))

# ---- Ruby -----------------------------------------------------------------------------------------
RUBY_SCRIPT = r'''
require "cxmetrics"
require "csv"
require "json"
require "zlib"
raw, fmt, day = ARGV
rows = CSV.parse(Zlib::GzipReader.open(raw, &:read), headers: true).map do |r|
  { id: r["CustomerID"], date: r["InvoiceDate"], q: r["Quantity"].to_f, p: r["UnitPrice"].to_f }
end
s = Cxmetrics::ClvModel.summary_from_transactions(rows.map { |r| r[:id] }, rows.map { |r| r[:date] },
                                                  quantity: rows.map { |r| r[:q] }, price: rows.map { |r| r[:p] },
                                                  missing_ids: :drop, returns: :drop, date_format: fmt,
                                                  period: :day)
c = Cxmetrics::Rfm.orders(raw, customer: "CustomerID", date: "InvoiceDate", quantity: "Quantity",
                          price: "UnitPrice", missing_ids: :drop, returns: :drop, date_format: fmt,
                          analysis_date: day)
log = Cxmetrics.txlog(rows, customer: :id, date: :date, quantity: :q, price: :p, missing_ids: :drop,
                      returns: :drop, date_format: fmt)
puts JSON.generate({ summary: s.to_h, summary_attrs: s.attrs, rfm: c.to_h, log_attrs: log.attrs })
'''
if RUBY:
    p = subprocess.run([RUBY, "-e", RUBY_SCRIPT, RAW, FORMAT, ANALYSIS], capture_output=True, text=True, cwd=ROOT)
    check("Ruby exits 0", p.returncode == 0, p.stderr[-500:])
    try:
        r = json.loads(p.stdout)
    except ValueError:
        r = {}
    sm = r.get("summary", {})
    same_summary("Ruby summary_from_transactions",
                 {i: (int(f), int(rc_), int(t), float(m)) for i, f, rc_, t, m in
                  zip(sm.get("id", []), sm.get("frequency", []), sm.get("recency", []), sm.get("T", []),
                      sm.get("monetary_value", []))})
    same_counts("Ruby summary attrs", r.get("summary_attrs", {}))
    rm = r.get("rfm", {})
    same_rfm("Ruby Rfm.orders (file)", {i: (int(a), int(b), float(m)) for i, a, b, m in
                                        zip(rm.get("customer_id", []), rm.get("recency_days", []),
                                            rm.get("transaction_count", []), rm.get("amount", []))})
    same_counts("Ruby Cxmetrics.txlog (rows)", r.get("log_attrs", {}))

# ---- errors and usage ------------------------------------------------------------------------------
first_missing = int(missing.idxmax()) + 2  # the header is line 1
fails("a missing id under the default error", 1,
      [f"{RAW}:{first_missing}:7 'CustomerID': the customer id is missing", "--missing-ids drop"],
      "clv", "summary", RAW, *RAW_OPTS, "--returns", "drop", "--period", "day")
first_return = int(returned.idxmax()) + 2
fails("a return under --returns error", 1,
      [f"{RAW}:{first_return}:{list(raw.columns).index('Quantity') + 1} 'Quantity': "
       f"customer '{raw['CustomerID'][returned].iloc[0]}'", "is a return",
       "returns = error"], "rfm", RAW, *RAW_OPTS, "--missing-ids", "drop", "--returns", "error",
      "--analysis-date", ANALYSIS)
fails("clv summary refuses --returns keep", 2, ["--returns must be error, drop or net"],
      "clv", "summary", RAW, *RAW_OPTS, "--returns", "keep", "--period", "day")
fails("--missing-ids: an unknown word", 2, ["missing_ids must be error or drop, not 'skip'"],
      "txlog", RAW, *RAW_OPTS, "--missing-ids", "skip")
fails("--quantity without --price", 2, ["--quantity COL and --price COL go together"],
      "txlog", RAW, "--customer", "CustomerID", "--date", "InvoiceDate", "--quantity", "Quantity")
fails("--amount with --quantity", 2, ["not both"], "rfm", RAW, *RAW_OPTS, "--amount", "UnitPrice",
      "--analysis-date", ANALYSIS)
fails("a bad --date-format", 2, ["--date-format"], "txlog", RAW, "--customer", "CustomerID", "--date",
      "InvoiceDate", "--date-format", "%m/%Q/%Y")
fails("a date that does not match the format", 1, [f"{RAW}:2:5 'InvoiceDate'", "does not match %d.%m.%Y"],
      "txlog", RAW, "--customer", "CustomerID", "--date", "InvoiceDate", "--date-format", "%d.%m.%Y")
fails("dates that are not ISO without --date-format", 1,
      [f"{RAW}:2:5 'InvoiceDate'", "is not a date", "need their format (date_format; e.g. --date-format"],
      "rfm", RAW, "--customer", "CustomerID", "--date", "InvoiceDate", "--quantity", "Quantity", "--price",
      "UnitPrice", "--analysis-date", ANALYSIS)
fails("a column the file lacks", 1, ["no column 'Qty'"], "txlog", RAW, "--customer", "CustomerID", "--date",
      "InvoiceDate", "--quantity", "Qty", "--price", "UnitPrice", "--date-format", FORMAT)

# the decimal comma: a ';' file with "1,5" prices
semi = os.path.join(TMP, "comma.csv")
with open(semi, "w") as f:
    f.write("id;day;q;p\na;2024-01-02;2;1,25\n;2024-01-03;1;3,5\na;2024-01-05;-1;1,25\nb;2024-01-05;4;0,5\n")
rc, out, err = run("txlog", semi, "--customer", "id", "--date", "day", "--quantity", "q", "--price", "p",
                   "--delimiter", ";", "--decimal-comma", "--missing-ids", "drop", "--returns", "net")
check("txlog --decimal-comma: quantity x price, a return kept flagged under net",
      rc == 0 and out == "customer_id,order_day,amount,cancelled,line\na,2024-01-02,2.5,0,2\n"
                         "a,2024-01-05,-1.25,1,4\nb,2024-01-05,2,0,5\n", repr(out) + err)
check("txlog --decimal-comma: the note", err == "cxm: note: of 4 rows, 1 without a customer id "
      "was left out\n", repr(err))
# the same file through the summaries: --decimal-comma is theirs too (hand-worked:
# a's days 01-02 (2.50) and 01-05 (-1.25 under net: a day of returns only, no purchase
# day), b's 01-05 (2.00); R rfm's amount sums every kept row)
rc, out, err = run("clv", "summary", semi, "--customer", "id", "--date", "day", "--quantity", "q", "--price",
                   "p", "--delimiter", ";", "--decimal-comma", "--missing-ids", "drop", "--returns", "drop",
                   "--period", "day")
check("clv summary --decimal-comma", rc == 0 and out == "id,frequency,recency,T,monetary_value\n"
      "a,0,0,3,0\nb,0,0,0,0\n", repr(out) + err)
rc, out, err = run("rfm", semi, "--customer", "id", "--date", "day", "--quantity", "q", "--price", "p",
                   "--delimiter", ";", "--decimal-comma", "--missing-ids", "drop", "--analysis-date",
                   "2024-01-10", "--format", "csv")
check("rfm --decimal-comma: amounts 2.5 - 1.25 and 2 (keep, as R rfm)",
      rc == 0 and [l.split(",")[:4] for l in out.splitlines()[1:]] ==
      [["a", "5", "2", "1.25"], ["b", "5", "1", "2"]], repr(out) + err)
fails("--decimal-comma with the ',' delimiter", 2, ["--decimal-comma", "another delimiter than ','"],
      "clv", "summary", semi, "--customer", "id", "--date", "day", "--amount", "q", "--decimal-comma",
      "--period", "day")
out = ok("help", "txlog", "--help")
check("txlog help starts with Usage", out.startswith("Usage: cxm txlog"), out[:60])
check("main help lists txlog", "cxm txlog FILE" in ok("--help", "--help"))

cli.finish()
