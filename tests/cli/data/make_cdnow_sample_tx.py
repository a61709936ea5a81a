#!/usr/bin/python3
"""Write cdnow_sample_tx.csv, the CSV fixture of the `cxm clv summary` tests, from
tests/data/cdnow/CDNOW_sample.txt (lifetimes' CDNOW 1/10 sample; provenance and
licence notes in tests/data/cdnow/README.md).

The source is whitespace-separated with CRLF line ends and no header; its columns are
the master customer id, the sample id (1..2357), the date YYYYMMDD, the number of CDs
and the dollar value. The fixture keeps every row and every field as written (the
dates stay YYYYMMDD, the amounts keep their text), adds a header and uses commas and
LF: master_id,customer,date,cds,dollars. `customer` is the sample id, the customer
id of lifetimes' cdnow_customers_summary.csv.

Usage (from the source root): /usr/bin/python3 tests/cli/data/make_cdnow_sample_tx.py
"""
from pathlib import Path

here = Path(__file__).resolve().parent
src = here.parent.parent / "data" / "cdnow" / "CDNOW_sample.txt"
rows = [line.split() for line in src.read_text().splitlines() if line.strip()]
assert all(len(r) == 5 for r in rows)
with open(here / "cdnow_sample_tx.csv", "w", newline="\n") as out:
    out.write("master_id,customer,date,cds,dollars\n")
    for r in rows:
        out.write(",".join(r) + "\n")
print(f"{len(rows)} rows")
