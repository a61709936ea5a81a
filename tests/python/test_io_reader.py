"""Issue 11 through the Python binding: dates in a format (spec §0.12), files
that are not what they seem (gzip, standard input, UTF-16/32, invalid UTF-8, a
repeated column name, the delimiter hint; spec §0.11) and decimal commas
(spec §0.10). Expected values come from Python itself: datetime.strptime,
the gzip module, bytes.decode, pandas.read_csv."""

import datetime
import gzip
import os
import random
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import cxmetrics

EPOCH = datetime.date(1970, 1, 1)


def days(text, fmt):
    return (datetime.datetime.strptime(text, fmt).date() - EPOCH).days


# ---- dates in a format ------------------------------------------------------------------

FORMATS = ["%m/%d/%Y %H:%M", "%d.%m.%Y", "%Y%m%d", "%d %b %Y", "%d %B %Y", "%A, %d %B %Y",
           "%a %d-%b-%y", "%Y-%j", "%m/%d/%Y %I:%M:%S %p", "%Y-%m-%dT%H:%M:%S.%f",
           "%d/%m/%y", "%b %d, %Y", "%Y-%m-%d %H:%M:%S"]


def test_parse_date_agrees_with_strptime():
    rng = random.Random(11)
    checked = 0
    for _ in range(3000):
        d = datetime.datetime(1969, 1, 1) + datetime.timedelta(
            days=rng.randrange(0, 100 * 365), seconds=rng.randrange(86400), microseconds=rng.randrange(10**6))
        fmt = rng.choice(FORMATS)
        text = d.strftime(fmt)
        if rng.random() < 0.5:  # the unpadded forms of exports ("12/1/2010 8:26")
            text = text.replace("/0", "/").lstrip("0") if fmt.startswith("%m/") else text
        assert cxmetrics.parse_date(text, fmt) == days(text, fmt), (text, fmt)
        checked += 1
    assert checked == 3000
    # the examples of the spec
    assert cxmetrics.parse_date("12/1/2010 8:26", "%m/%d/%Y %H:%M") == days("12/1/2010 8:26", "%m/%d/%Y %H:%M")
    assert cxmetrics.parse_date("2024-03-15T13:45:12+01:00", "%Y-%m-%dT%H:%M:%S%z") == \
        days("2024-03-15T13:45:12+01:00", "%Y-%m-%dT%H:%M:%S%z")
    # no format: ISO 8601, as date_parse
    assert cxmetrics.parse_date("2024-03-15") == cxmetrics.parse_date("2024-03-15", "") == \
        (datetime.date(2024, 3, 15) - EPOCH).days
    assert isinstance(cxmetrics.parse_date("1/2/2000", "%m/%d/%Y"), int)


def test_parse_date_errors():
    with pytest.raises(ValueError):  # strptime refuses it too
        datetime.datetime.strptime("13/45/2010 8:26", "%m/%d/%Y %H:%M")
    with pytest.raises(cxmetrics.ParseError) as e:
        cxmetrics.parse_date("13/45/2010 8:26", "%m/%d/%Y %H:%M")
    assert "'13/45/2010 8:26' does not match %m/%d/%Y %H:%M: month 13 is not 1..12" in str(e.value)
    with pytest.raises(cxmetrics.ParseError, match="day 29 is not 1..28 for 2023-02"):
        cxmetrics.parse_date("2/29/2023", "%m/%d/%Y")
    with pytest.raises(cxmetrics.ParseError, match="text left over at character 10"):
        cxmetrics.parse_date("12/1/2010 8:26", "%m/%d/%Y")
    with pytest.raises(cxmetrics.InvalidArgument, match="unknown directive %q"):
        cxmetrics.parse_date("2024", "%Y %q")
    with pytest.raises(cxmetrics.InvalidArgument, match="has no year"):
        cxmetrics.parse_date("12/1", "%m/%d")


def test_parse_dates():
    texts = ["12/1/2010 8:26", "1/9/2011 17:05", "12/31/1999 23:59"]
    got = cxmetrics.parse_dates(texts, "%m/%d/%Y %H:%M")
    assert isinstance(got, np.ndarray) and got.dtype == np.float64
    assert got.tolist() == [days(t, "%m/%d/%Y %H:%M") for t in texts]
    assert cxmetrics.parse_dates(iter(["2024-01-01"])).tolist() == [19723.0]
    assert cxmetrics.parse_dates([], "%Y").tolist() == []
    with pytest.raises(cxmetrics.ParseError, match=r"dates\[2\]: '13/1/2011' does not match"):
        cxmetrics.parse_dates(["1/1/2011", "2/1/2011", "13/1/2011"], "%m/%d/%Y")


def test_read_table_date_format(tmp_path):
    p = tmp_path / "retail.csv"
    rows = [("536365", "12/1/2010 8:26"), ("536366", "1/9/2011 17:05"), ("536367", "12/31/2010 23:59")]
    p.write_text("InvoiceNo,InvoiceDate\n" + "".join(f"{a},{b}\n" for a, b in rows), encoding="utf-8")
    t = cxmetrics.read_table(p, columns={"InvoiceNo": "text", "InvoiceDate": "day"},
                             date_format="%m/%d/%Y %H:%M", as_frame=False)
    want = pd.to_datetime(pd.read_csv(p)["InvoiceDate"], format="%m/%d/%Y %H:%M").dt.normalize()
    want_days = ((want - pd.Timestamp("1970-01-01")) // pd.Timedelta(days=1)).tolist()
    assert list(t["InvoiceDate"]) == want_days
    with pytest.raises(cxmetrics.ParseError, match=r":2:2 'InvoiceDate': '12/1/2010 8:26' is not a date"):
        cxmetrics.read_table(p, columns={"InvoiceDate": "day"})


# ---- files that are not what they seem -------------------------------------------------------

CSV = "id,name,amount\n" + "".join(f"{i},\"name {i}\",{i * 0.25}\n" for i in range(30000))


def test_gzip_reads_as_pandas_reads_it(tmp_path):
    plain, gz = tmp_path / "t.csv", tmp_path / "t.csv.gz"
    plain.write_text(CSV, encoding="utf-8")
    with gzip.open(gz, "wt", encoding="utf-8") as f:
        f.write(CSV)
    want = pd.read_csv(gz)  # pandas infers the compression from the name
    for path in (plain, gz):
        t = cxmetrics.read_table(path, columns={"name": "text", "amount": "number"}, as_frame=False)
        assert list(t["name"]) == want["name"].tolist()
        assert np.array_equal(np.asarray(t["amount"]), want["amount"].to_numpy())
    # the streaming reader too; the name does not matter, the magic bytes do
    renamed = tmp_path / "t.txt"
    renamed.write_bytes(gz.read_bytes())
    with cxmetrics.CsvReader(renamed) as rd:
        assert rd.columns == ["id", "name", "amount"]
        assert sum(1 for _ in rd) == 30000


def test_gzip_damaged(tmp_path):
    data = gzip.compress(CSV.encode())
    cut = tmp_path / "cut.csv.gz"
    cut.write_bytes(data[:-9])
    with pytest.raises(cxmetrics.ParseError, match="the gzip data ends early"):
        cxmetrics.read_table(cut, columns={"amount": "number"})
    with pytest.raises(EOFError):  # the gzip module refuses it too
        gzip.decompress(data[:-9])


def test_stdin(tmp_path):
    """'-' is standard input, plain or gzip (a child process: pytest holds our stdin)."""
    gz = tmp_path / "t.csv.gz"
    gz.write_bytes(gzip.compress(CSV.encode()))
    code = ("import cxmetrics, sys\n"
            "t = cxmetrics.read_table('-', columns={'amount': 'number'}, as_frame=False)\n"
            "print(len(t['amount']), sum(t['amount']))\n")
    for data in (CSV.encode(), gz.read_bytes()):
        out = subprocess.run([sys.executable, "-c", code], input=data, capture_output=True, check=True,
                             env=os.environ)
        assert out.stdout.decode().split() == ["30000", repr(sum(i * 0.25 for i in range(30000)))]
    bad = subprocess.run([sys.executable, "-c", code], input=b"amount\nx\n", capture_output=True, env=os.environ)
    assert bad.returncode != 0
    assert "<stdin>:2:1 'amount': 'x' is not a number" in bad.stderr.decode()


@pytest.mark.parametrize("encoding,name,mark", [("utf-16", "UTF-16 LE", "FF FE"), ("utf-16-be", "UTF-16 BE", "FE FF"),
                                                ("utf-32", "UTF-32 LE", "FF FE 00 00")])
def test_utf16_utf32(tmp_path, encoding, name, mark):
    p = tmp_path / "u.csv"
    text = "id,city\n1,Kraków\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data  # Python's -be codec writes no mark; Windows tools do
    p.write_bytes(data)
    assert data.startswith(bytes.fromhex(mark.replace(" ", "")))
    with pytest.raises(cxmetrics.ParseError) as e:
        cxmetrics.read_table(p)
    assert f"the file is {name} (byte-order mark {mark}); save it as UTF-8 (iconv -f {encoding[:6].upper()} " \
           f"-t UTF-8 {p})" in str(e.value)


def test_latin1(tmp_path):
    p = tmp_path / "l.csv"
    data = "id,name\n1,ok\n2,café crème\n".encode("latin-1")
    p.write_bytes(data)
    with pytest.raises(UnicodeDecodeError) as ue:
        data.decode("utf-8")
    field_start = data.index(b"caf")
    offset = ue.value.start - field_start  # where Python's decoder stops, in the field
    with pytest.raises(cxmetrics.ParseError) as e:
        cxmetrics.read_table(p)
    assert f":3:2 'name': invalid UTF-8 (byte 0x{data[ue.value.start]:02X} at offset {offset} of the field); " \
           "the file may be Latin-1 (iconv -f LATIN1 -t UTF-8)" in str(e.value)
    # the same bytes as UTF-8 read fine
    p.write_bytes(data.decode("latin-1").encode("utf-8"))
    assert list(cxmetrics.read_table(p, as_frame=False)["name"]) == ["ok", "café crème"]


def test_duplicate_column_and_delimiter_hint(tmp_path):
    p = tmp_path / "d.csv"
    p.write_text("id,amount,date,note,amount\n1,2,3,4,5\n", encoding="utf-8")
    with pytest.raises(cxmetrics.ParseError, match=r":1: columns 2 and 5 are both named 'amount'"):
        cxmetrics.read_table(p, columns={"amount": "number"})
    with pytest.raises(cxmetrics.ParseError, match="both named"):
        cxmetrics.CsvReader(p)
    p.write_text("customer;date;amount\nx;2024-01-01;1\n", encoding="utf-8")
    with pytest.raises(cxmetrics.InvalidArgument, match="the header has one column: is the delimiter ';'\\?"):
        cxmetrics.read_table(p, columns={"amount": "number"})


# ---- decimal commas ---------------------------------------------------------------------------

def test_decimal_comma_as_pandas(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text("id;amount;share\n1;1,5;0,25\n2;-1,5e3;\n3;2;1\n4;,5;0,125\n", encoding="utf-8")
    want = pd.read_csv(p, sep=";", decimal=",")
    t = cxmetrics.read_table(p, columns={"amount": "number"}, delimiter=";", decimal_comma=True, as_frame=False)
    assert list(t["amount"]) == want["amount"].tolist()
    t = cxmetrics.read_table(p, delimiter=";", decimal_comma=True, infer=True, as_frame=False)
    assert np.allclose(np.asarray(t["share"]), want["share"].to_numpy(), equal_nan=True, rtol=0, atol=0)
    p.write_text("id;amount\n1;1.5\n", encoding="utf-8")
    with pytest.raises(cxmetrics.ParseError, match=r":2:2 'amount': '1.5' is not a number \(with a decimal comma"):
        cxmetrics.read_table(p, columns={"amount": "number"}, delimiter=";", decimal_comma=True)
    with pytest.raises(cxmetrics.InvalidArgument, match="a decimal comma needs another delimiter"):
        cxmetrics.read_table(p, columns={"amount": "number"}, decimal_comma=True)
