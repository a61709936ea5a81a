#!/usr/bin/python3
"""Speed of the CSV reader (cxm_table_read_csv) on a million transactions, plain and
gzip, for one or more builds of the library side by side (e.g. before and after the UTF-8
check of issue 11), with pandas.read_csv on the same files for reference.

    /usr/bin/python3 bench/bench_csv.py --lib before=/tmp/before/lib/libcxmetrics.so \\
        --lib after=build-bench/lib/libcxmetrics.so [--rows 1000000] [--rounds 7]

The file (seeded, numpy, written once into a temporary directory): customer_id (text,
"C" + 7 digits), date (YYYY-MM-DD, 2023-2024), amount (lognormal, 2 decimals), note
(text: mostly ASCII words, 2 % of rows with a multi-byte UTF-8 word, "Zoë" or "東京"),
about 40 bytes a row; the same bytes gzip-compressed (level 6) for the .gz timings.

What is timed: the table reader with a spec (customer_id TEXT, date DAY, amount NUMBER;
note is parsed, as every byte is, but not kept), called through ctypes, the table freed
outside the timing; pandas.read_csv(usecols=[customer_id, date, amount], parse_dates=
["date"]) for the same three columns. A build that cannot read a file (a library from
before gzip support) shows "-". Checks, same run: every build gives the row count and the
sum of the amounts that pandas gives (sum within 1e-9 relative).

Timing: wall (time.perf_counter) and CPU time of this process (getrusage: user + system;
the reader is single-threaded, and CPU time is what stays fair on a shared machine), best
and median of --rounds runs after one untimed warm-up, the builds interleaved round by
round and taking turns at going first (whichever runs right after another's large table
was freed runs faster: in one order only, "after" looked 36 % slower). Before each run the
bench waits up to 10 s for the machine to be quiet and reports the CPUs other processes
used (median; high values mean noisy wall times). Nothing here is a test.
"""
import argparse
import ctypes
import gzip
import os
import resource
import statistics
import tempfile
import time

import numpy as np
import pandas as pd

from benchutil import Foreign, hwm_mb, must, wait_quiet

NUMBER, DAY, TEXT = 0, 1, 2
REQUIRED = 1


class CxmError(ctypes.Structure):
    _fields_ = [("code", ctypes.c_int), ("message", ctypes.c_char_p)]


def load(path):
    lib = ctypes.CDLL(path)
    lib.cxm_error_last.restype = ctypes.POINTER(CxmError)
    lib.cxm_table_rows.restype = ctypes.c_size_t
    lib.cxm_table_numbers.restype = ctypes.POINTER(ctypes.c_double)
    for f in ("cxm_csv_spec_new", "cxm_csv_spec_add_column", "cxm_table_read_csv"):
        getattr(lib, f).restype = ctypes.c_int
    spec = ctypes.c_void_p()
    must(lib.cxm_csv_spec_new(ctypes.byref(spec)) == 0, "cxm_csv_spec_new")
    for name, kind in ((b"customer_id", TEXT), (b"date", DAY), (b"amount", NUMBER)):
        must(lib.cxm_csv_spec_add_column(spec, name, kind, REQUIRED) == 0, "cxm_csv_spec_add_column")
    return lib, spec


def cpu_s():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def read_c(lib, spec, path):
    """Seconds to read the file into a table; (rows, sum of amounts), or None when it fails."""
    t = ctypes.c_void_p()
    t0 = time.perf_counter()
    rc = lib.cxm_table_read_csv(ctypes.byref(t), path.encode(), spec)
    dt = time.perf_counter() - t0
    if rc != 0:
        return dt, None, lib.cxm_error_last().contents.message.decode(errors="replace")
    rows = lib.cxm_table_rows(t)
    amounts = np.ctypeslib.as_array(lib.cxm_table_numbers(t, 2), shape=(rows,)).copy()
    lib.cxm_table_free(t)
    return dt, (rows, float(amounts.sum())), None


def read_pandas(path):
    t0 = time.perf_counter()
    df = pd.read_csv(path, usecols=["customer_id", "date", "amount"], parse_dates=["date"])
    dt = time.perf_counter() - t0
    return dt, (len(df), float(df["amount"].sum())), None


def peak_in_child(fn, path):
    """The memory one read adds at its peak, in MB, measured in a forked child: in this
    process the freed tables of earlier rounds stay resident and would hide it."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        base = hwm_mb(reset=True)
        fn(path)
        os.write(w, f"{hwm_mb() - base:.1f}".encode())
        os._exit(0)
    os.close(w)
    with os.fdopen(r) as f:
        text = f.read()
    os.waitpid(pid, 0)
    return float(text)


def make_files(rows, directory):
    rng = np.random.default_rng(20261207)
    ids = rng.integers(0, 10_000_000, size=rows)
    day = rng.integers(0, 730, size=rows)
    amount = np.round(rng.lognormal(3.5, 1.0, size=rows), 2)
    words = np.array(["gift", "repeat", "promo", "web", "store", "phone"])
    note = words[rng.integers(0, len(words), size=rows)].astype(object)
    utf8 = rng.random(rows) < 0.02
    note[utf8] = np.where(rng.random(int(utf8.sum())) < 0.5, "Zoë", "東京")
    dates = (np.datetime64("2023-01-01") + day).astype(str)
    df = pd.DataFrame({"customer_id": ["C%07d" % i for i in ids], "date": dates, "amount": amount, "note": note})
    plain = os.path.join(directory, "tx.csv")
    df.to_csv(plain, index=False, float_format="%.2f")
    gz = plain + ".gz"
    with open(plain, "rb") as f, gzip.open(gz, "wb", compresslevel=6) as g:
        g.write(f.read())
    return plain, gz


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lib", action="append", required=True, help="LABEL=path/to/libcxmetrics.so")
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--rounds", type=int, default=7)
    args = ap.parse_args()
    libs = []
    for item in args.lib:
        label, path = item.split("=", 1)
        libs.append((label, *load(os.path.abspath(path))))
    with tempfile.TemporaryDirectory(prefix="cxm_bench_csv_") as d:
        plain, gz = make_files(args.rows, d)
        sizes = os.path.getsize(plain) / 1e6, os.path.getsize(gz) / 1e6
        print(f"{args.rows} rows: {sizes[0]:.1f} MB plain, {sizes[1]:.1f} MB gzip; best / median of {args.rounds}")
        ref = {}
        for name, path in (("csv", plain), ("csv.gz", gz)):
            ref[name] = read_pandas(path)[1]
        runs = [(label, lambda p, lib=lib, spec=spec: read_c(lib, spec, p)) for label, lib, spec in libs]
        runs.append(("pandas", read_pandas))
        for name, path in (("csv", plain), ("csv.gz", gz)):
            live = []
            for label, fn in runs:
                dt, got, err = fn(path)  # warm-up, and the check
                if got is None:
                    print(f"  {label:>8} {name:>6}:        -   ({err[:90]})")
                    continue
                must(got[0] == ref[name][0] and abs(got[1] - ref[name][1]) <= 1e-9 * abs(ref[name][1]),
                     f"{label} {name}: {got} vs pandas {ref[name]}")
                live.append((label, fn, [], [], [], []))
            # rounds interleaved: every build sees the same machine state in each round
            for r in range(args.rounds):
                for label, fn, wall, cpu, foreign, peak in (live if r % 2 == 0 else live[::-1]):
                    wait_quiet(0.25, 10)
                    c0 = cpu_s()
                    with Foreign() as f:
                        dt, _, _ = fn(path)
                    cpu.append(cpu_s() - c0)
                    if r == 0:
                        peak.append(peak_in_child(fn, path))
                    wall.append(dt)
                    foreign.append(f.cpus)
            pandas_cpu = next(statistics.median(c) for l, _, _, c, _, _ in live if l == "pandas")
            for label, fn, wall, cpu, foreign, peak in live:
                print(f"  {label:>8} {name:>6}: {min(wall) * 1e3:7.1f} ms best wall ({statistics.median(wall) * 1e3:7.1f}"
                      f" median), {min(cpu) * 1e3:7.1f} ms best CPU ({statistics.median(cpu) * 1e3:7.1f} median),"
                      f" {sizes[0] / min(cpu):5.0f} MB/s of text per CPU second, other CPUs {statistics.median(foreign):.2f},"
                      f" {pandas_cpu / statistics.median(cpu):4.2f}x pandas (median CPU), peak +{max(peak):.0f} MB")


if __name__ == "__main__":
    main()
