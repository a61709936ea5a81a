"""CSV reader, dates and the survey report through the binding."""

import json
import math
import os

import numpy as np
import pytest

import cxmetrics

CSV = ('id,nps,csat,ces,comment\n'
       '1,9,5,4,"fine, thanks"\n'
       '2,10,4,,"say ""hi"""\n'
       '3,6,2,5,\n'
       '4,,3,2,"two\nlines"\n'
       '5,7,5,5,ok\n')


@pytest.fixture
def survey(tmp_path):
    p = tmp_path / "survey.csv"
    p.write_text(CSV, encoding="utf-8")
    return p


def test_date_parse():
    assert cxmetrics.date_parse("1970-01-01") == 0
    assert cxmetrics.date_parse("1969-12-31") == -1
    assert cxmetrics.date_parse("2006-12-31") == 13513
    assert cxmetrics.date_parse("2000-02-29T13:45:12Z") == 11016
    for bad in ("1900-02-29", "2023-13-01", "yesterday", ""):
        with pytest.raises(cxmetrics.ParseError):
            cxmetrics.date_parse(bad)


def test_csv_reader(survey):
    with cxmetrics.CsvReader(survey) as rd:
        assert rd.columns == ["id", "nps", "csat", "ces", "comment"]
        assert rd.column_index("ces") == 3
        assert rd.path == str(survey) and rd.line == 0
        rows = list(rd)
    assert rows[0] == ("1", "9", "5", "4", "fine, thanks")
    assert rows[1][4] == 'say "hi"' and rows[3][4] == "two\nlines"
    assert len(rows) == 5


def test_csv_reader_fields(survey):
    rd = cxmetrics.CsvReader(str(survey))
    assert rd.next() is True
    assert rd.field(1) == "9" and rd.field_float(1) == 9.0 and rd.field(99) is None
    assert rd.next() and math.isnan(rd.field_float(3))         # empty field = missing
    with pytest.raises(cxmetrics.ParseError, match="comment"):
        rd.field_float(4)
    with pytest.raises(cxmetrics.InvalidArgument, match="nope"):
        rd.column_index("nope")
    rd.close()
    rd.close()
    assert "closed" in repr(rd)
    with pytest.raises(cxmetrics.InvalidArgument, match="closed"):
        rd.next()


def _fds_on(path):
    """Descriptors of this process open on `path` (Linux: /proc/self/fd)."""
    target = os.path.realpath(path)
    n = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            n += os.readlink(f"/proc/self/fd/{fd}") == target
        except OSError:
            pass  # the listing's own descriptor, gone by now
    return n


def test_csv_reader_close(survey):
    rd = cxmetrics.CsvReader(survey)
    assert _fds_on(survey) == 1 and rd.closed is False
    rows = iter(rd)
    assert next(rows)[0] == "1"          # a live iterator holds the native handle
    rd.close()
    assert rd.closed is True
    assert _fds_on(survey) == 0, "close() released the file, iterator or not"
    rd.close()                           # idempotent
    assert rd.closed is True
    reads = {"next": rd.next, "field": lambda: rd.field(0), "field_float": lambda: rd.field_float(0),
             "line": lambda: rd.line, "column_index": lambda: rd.column_index("nps"),
             "iterate": lambda: list(rd), "iterator": lambda: next(rows)}
    for what, read in reads.items():
        with pytest.raises(cxmetrics.InvalidArgument, match="closed") as info:
            read()
        assert info.value.name == "BAD_ARG", what
    assert rd.path == str(survey) and rd.columns[1] == "nps"    # still known
    assert "closed" in repr(rd)


def test_csv_reader_with_block_closes(survey):
    with cxmetrics.io.CsvReader(survey) as rd:
        assert _fds_on(survey) == 1 and not rd.closed
        assert rd.next()
    assert rd.closed and _fds_on(survey) == 0
    with pytest.raises(RuntimeError, match="boom"):
        with cxmetrics.CsvReader(survey) as rd:
            rd.next()
            raise RuntimeError("boom")
    assert rd.closed and _fds_on(survey) == 0
    with pytest.raises(cxmetrics.InvalidArgument, match="closed"):
        rd.field(0)


def test_csv_numbers_follow_one_grammar(tmp_path):
    """Spec §0.10: hexadecimal, inf / nan words and decimal commas are not numbers
    (strtod would take the first three); 1e999 is too large, not infinity."""
    p = tmp_path / "n.csv"
    p.write_text('a,b,c,d,e,f,g\n0x4,inf,nan,"1,5",1e999,-.5e1, 7 \n', encoding="utf-8")
    rd = cxmetrics.CsvReader(str(p))
    assert rd.next() is True
    for col, text in enumerate(["0x4", "inf", "nan", "1,5"]):
        with pytest.raises(cxmetrics.ParseError, match=f"'{text}' is not a number"):
            rd.field_float(col)
    with pytest.raises(cxmetrics.OutOfRange, match="too large"):
        rd.field_float(4)
    assert rd.field_float(5) == -5.0 and rd.field_float(6) == 7.0
    rd.close()


def test_parse_number_is_the_readers_grammar():
    assert cxmetrics.parse_number(" -1.5e3 ") == -1500.0 and cxmetrics.parse_number(".25") == 0.25
    for text in ["0x10", "nan", "inf", "1,5", "", "1e"]:
        with pytest.raises(cxmetrics.ParseError):
            cxmetrics.parse_number(text)
    with pytest.raises(cxmetrics.OutOfRange, match="too large"):
        cxmetrics.parse_number("1e999")


def test_csv_errors(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text('a,b\n1,"unterminated\n', encoding="utf-8")
    with pytest.raises(cxmetrics.ParseError):
        list(cxmetrics.CsvReader(bad))
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(cxmetrics.EmptyInput):
        cxmetrics.CsvReader(empty)
    with pytest.raises(cxmetrics.InvalidArgument):
        cxmetrics.CsvReader(bad, delimiter="ab")


def _column(path, name):
    with cxmetrics.CsvReader(path) as rd:
        i = rd.column_index(name)
        return [float(r[i]) if r[i] else math.nan for r in rd]


def test_survey_report_equals_one_shot(survey):
    r = cxmetrics.survey_report(survey)
    assert r.rows == 5 and r.path == str(survey)
    nps = _column(survey, "nps")
    assert r.nps == cxmetrics.nps(nps, nan_policy="omit")
    n = r.nps
    assert r.nps_wald == cxmetrics.nps_wald(n.promoters, n.passives, n.detractors)
    assert r.nps_adjusted_wald == cxmetrics.nps_adjusted_wald(n.promoters, n.passives,
                                                              n.detractors)
    assert r.csat == cxmetrics.csat(_column(survey, "csat"))
    ces = cxmetrics.ces(_column(survey, "ces"), nan_policy="omit")
    assert (r.ces.n, r.ces.n_agree, r.ces.mean, r.ces.points) == (ces.n, ces.n_agree, ces.mean, 5)
    assert r.ces.pct_agree == ces.pct_agree
    lo, hi = cxmetrics.wilson(ces.n_agree, ces.n)
    assert (r.ces.wilson_lower, r.ces.wilson_upper) == (100 * lo, 100 * hi)
    assert r.missing == {"nps": 1, "csat": 0, "ces": 1}
    assert r.columns == {"nps": "nps", "csat": "csat", "ces": "ces"}
    assert all(r.has(m) for m in ("nps", "csat", "ces"))


def test_survey_report_render(survey):
    r = cxmetrics.survey_report(survey, conf=0.9)
    text = r.render()
    assert text.endswith("\n") and "NPS" in text and str(r) == text
    doc = json.loads(r.render("json"))
    assert doc["rows"] == 5 and doc["conf"] == 0.9
    assert doc["nps"]["nps"] == r.nps.nps
    with pytest.raises(cxmetrics.InvalidArgument):
        r.render("xml")
    assert "SurveyReport(" in repr(r)


def test_survey_report_options(tmp_path, survey):
    r = cxmetrics.survey_report(survey, csat_column=None, ces_column=None)
    assert r.has("nps") and r.csat is None and r.ces is None
    p = tmp_path / "only_nps.csv"
    p.write_text("nps\n9\n3\n", encoding="utf-8")
    r = cxmetrics.survey_report(p)                 # default columns are optional
    assert r.has("nps") and not r.has("csat") and r.csat is None
    with pytest.raises(cxmetrics.InvalidArgument, match="csat"):
        cxmetrics.survey_report(p, csat_column="csat")   # named explicitly: required
    with pytest.raises(cxmetrics.NanInput):
        cxmetrics.survey_report(survey, nan_policy="error")
    p7 = tmp_path / "ces7.csv"
    p7.write_text("effort;nps\n7;10\n3;0\n", encoding="utf-8")
    r = cxmetrics.survey_report(p7, ces_column="effort", ces_scale=(1, 7), delimiter=";",
                                csat_column=None)
    assert r.ces.points == 7 and r.ces.n_agree == 1


# ---- reading a CSV file into a table (cxm_table_read_csv, experimental) ----------

def test_read_table_infers_numbers(tmp_path):
    """infer=True: a column of numbers (a blank is NaN) is float64, one word
    keeps a column text, hexadecimal and "nan" are words (the rule of
    cxm_csv_spec_set_infer_numbers, field by field)."""
    p = tmp_path / "c.csv"
    p.write_text("id,x,city,hexa,w\n007,1.5,Lyon,0x1,nan\n8,,Paris,2,1\n9,-2e3,Lyon,3,2\n")
    t = cxmetrics.read_table(p, infer=True, as_frame=False)
    assert t["id"].tolist() == [7.0, 8.0, 9.0]
    assert t["x"][0] == 1.5 and math.isnan(t["x"][1]) and t["x"][2] == -2000.0
    assert list(t["city"]) == ["Lyon", "Paris", "Lyon"]
    assert list(t["hexa"]) == ["0x1", "2", "3"] and list(t["w"]) == ["nan", "1", "2"]
    assert list(cxmetrics.read_table(p, as_frame=False)["x"]) == ["1.5", "", "-2e3"]   # off: text


def test_read_table_types_columns_by_the_library(tmp_path):
    """Columns typed by C: a day in either ISO form (2024-01-01 is day 19723:
    54 years of 365 days and 13 leap days since 1970), numbers, text; the
    others left out; errors name file:line:column."""
    p = tmp_path / "tx.csv"
    p.write_text("customer;date;amount;note\na;2024-01-01;10;x\na;20240115;5;\nb;2024-01-08;7.5;y\n")
    t = cxmetrics.read_table(p, {"customer": "text", "date": "day", "amount": "number"},
                             delimiter=";", as_frame=False)
    assert list(t) == ["customer", "date", "amount"]
    assert list(t["customer"]) == ["a", "a", "b"]
    assert list(t["date"]) == [19723.0, 19737.0, 19730.0]
    assert list(t["amount"]) == [10.0, 5.0, 7.5]
    every = cxmetrics.read_table(p, delimiter=";", as_frame=False)  # every column, as text
    assert list(every) == ["customer", "date", "amount", "note"]
    assert list(every["note"]) == ["x", "", "y"]
    with pytest.raises(cxmetrics.InvalidArgument, match="numeric"):
        cxmetrics.read_table(p, {"amount": "numeric"}, delimiter=";")
    with pytest.raises(cxmetrics.InvalidArgument, match="price"):
        cxmetrics.read_table(p, {"price": "number"}, delimiter=";")
    assert list(cxmetrics.read_table(p, {"price": "number", "amount": "number"}, delimiter=";",
                                     optional=("price",), as_frame=False)) == ["amount"]
    with pytest.raises(cxmetrics.ParseError, match=r"tx.csv:3:4 'note'"):
        cxmetrics.read_table(p, {"note": "text"}, delimiter=";", not_empty=("note",))
    bad = tmp_path / "bad.csv"
    bad.write_text("date\n2024-02-30\n")
    with pytest.raises(cxmetrics.ParseError, match=r"bad.csv:2:1 'date': '2024-02-30' is not a date"):
        cxmetrics.read_table(bad, {"date": "day"})


def test_render_table_writes_as_the_library_does(tmp_path):
    """The one CSV and JSON writer: shortest exact numbers (0.1, 1/7 in 17
    digits), text quoted as RFC 4180 needs, attrs leading the JSON."""
    import json
    t = {"id": np.array(["a", "b,c"], dtype=object), "x": np.array([0.1, 1.0 / 7.0])}
    assert cxmetrics.render_table(t) == 'id,x\na,0.1\n"b,c",0.14285714285714285\n'
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"x": [2.0, 0.5]}, index=pd.Index(["a", "b"], name="id"))
    df.attrs["period"] = "week"
    doc = json.loads(cxmetrics.render_table(df, "json"))
    assert doc["period"] == "week"
    assert doc["rows"] == [{"id": "a", "x": 2}, {"id": "b", "x": 0.5}]
    with pytest.raises(cxmetrics.InvalidArgument, match="xml"):
        cxmetrics.render_table(df, "xml")
