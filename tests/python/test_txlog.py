"""Raw transaction logs and missing ids (spec §16) through Python.

Before: ids [1, None, nan] made customers "1", "None" and "nan" in the CLV
summary and in RFM. Now None, NaN, pd.NA and NaT are missing ids: an error
naming the row, or (missing_ids="drop") left out and counted in attrs.
Expected values: pandas written here, and the hand-worked rows of
tests/unit/test_txlog.c.
"""

import math
import os

import numpy as np
import pytest

import cxmetrics

pd = pytest.importorskip("pandas")

DAYS = ["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04"]


@pytest.mark.parametrize("missing", [None, float("nan"), np.nan, "NA", "NaT"])
def test_missing_id_is_never_a_customer(missing):
    value = {"NA": pd.NA, "NaT": pd.NaT}.get(missing, missing) if isinstance(missing, str) else missing
    ids = pd.Series(["a", value, "b", "a"], dtype=object)
    with pytest.raises(cxmetrics.InvalidArgument, match=r"customer_ids\[1\] \(row 2\) is missing"):
        cxmetrics.summary_from_transactions(ids, DAYS, [1.0, 2.0, 3.0, 4.0], period="day")
    with pytest.raises(cxmetrics.InvalidArgument, match=r"customer_ids\[1\] \(row 2\) is missing"):
        cxmetrics.rfm_orders(None, ids, DAYS, [1.0, 2.0, 3.0, 4.0], analysis_date="2024-02-01")
    s = cxmetrics.summary_from_transactions(ids, DAYS, [1.0, 2.0, 3.0, 4.0], period="day", missing_ids="drop")
    assert list(s.index) == ["a", "b"]
    assert s.attrs["missing_id_rows"] == 1 and s.attrs["rows"] == 4
    assert s.loc["a", "frequency"] == 1 and s.loc["a", "monetary_value"] == 4.0
    c = cxmetrics.rfm_orders(None, ids, DAYS, [1.0, 2.0, 3.0, 4.0], analysis_date="2024-02-01", missing_ids="drop")
    assert list(c.index) == ["a", "b"] and c.attrs["missing_id_rows"] == 1
    assert list(c["transaction_count"]) == [2, 1]


def test_float_ids_with_nan():
    # pandas makes integer ids float when one is missing: 12346.0 is customer "12346", NaN is none
    ids = np.array([12346.0, np.nan, 12347.0, 12346.0])
    s = cxmetrics.summary_from_transactions(ids, DAYS, period="day", missing_ids="drop")
    assert list(s.index) == ["12346", "12347"]
    with pytest.raises(cxmetrics.InvalidArgument, match=r"customer_ids\[1\] \(row 2\) is missing \(NaN\)"):
        cxmetrics.rfm_orders(None, ids, DAYS, [1.0, 2.0, 3.0, 4.0], analysis_date="2024-02-01")
    c = cxmetrics.rfm_orders(None, ids, DAYS, [1.0, 2.0, 3.0, 4.0], analysis_date="2024-02-01", missing_ids="drop")
    assert list(c.index) == ["12346", "12347"] and list(c["amount"]) == [5.0, 3.0]


def test_txlog_arrays_by_hand():
    # the eight rows of tests/unit/test_txlog.c
    ids = ["a", None, "b", "a", "", "a", "b", "b"]
    days = [10, 10, 11, 12, 12, 12, 15, 13]
    qty = [2, 1, 1, -1, 3, 4, 2, -2]
    price = [1.5, 4, 2.25, 1.5, 1, 0.5, 1, 0.5]
    log = cxmetrics.txlog(None, ids, days, quantity=qty, price=price, missing_ids="drop", returns="drop")
    assert list(log["amount"]) == [3.0, 2.25, 2.0, 2.0]
    assert list(log["line"]) == [0, 2, 5, 6]
    assert {k: log.attrs[k] for k in ("rows", "kept_rows", "missing_id_rows", "return_rows",
                                      "dropped_return_rows", "dropped_rows")} == \
        {"rows": 8, "kept_rows": 4, "missing_id_rows": 2, "return_rows": 2, "dropped_return_rows": 2,
         "dropped_rows": 4}
    with pytest.raises(cxmetrics.Inconsistent, match=r"row 4 \(customer_ids\[3\] = \"a\"\) is a return"):
        cxmetrics.txlog(None, ids, days, quantity=qty, price=price, missing_ids="drop")
    s = cxmetrics.summary_from_transactions(ids, days, quantity=qty, price=price, missing_ids="drop",
                                            returns="net", period="day")
    assert list(s["frequency"]) == [1, 1] and list(s["monetary_value"]) == [0.5, 2.0]
    assert s.attrs["return_only_rows"] == 1 and s.attrs["return_only_amount"] == 1.0


def test_txlog_dataframe_against_pandas(tmp_path):
    rng = np.random.default_rng(11)
    n = 400
    df = pd.DataFrame({
        "cust": np.where(rng.random(n) < 0.2, np.nan, rng.integers(100, 130, n).astype(float)),
        "when": [f"{m}/{d}/2011 {h}:{mi:02d}" for m, d, h, mi in
                 zip(rng.integers(1, 13, n), rng.integers(1, 29, n), rng.integers(0, 24, n), rng.integers(0, 60, n))],
        "q": np.where(rng.random(n) < 0.05, -1, rng.integers(1, 10, n)),
        "p": np.round(rng.uniform(0.1, 20, n), 2),
    })
    s = cxmetrics.summary_from_transactions(df["cust"], df["when"], quantity=df["q"], price=df["p"],
                                            missing_ids="drop", returns="drop", date_format="%m/%d/%Y %H:%M",
                                            period="day")
    keep = df[df["cust"].notna() & (df["q"] > 0)].copy()
    keep["day"] = pd.to_datetime(keep["when"], format="%m/%d/%Y %H:%M").dt.normalize()
    keep["amount"] = keep["q"] * keep["p"]
    keep["id"] = keep["cust"].astype(int).astype(str)
    end = keep["day"].max()
    daily = keep.groupby(["id", "day"])["amount"].apply(math.fsum).reset_index()
    for cid, g in daily.groupby("id"):
        g = g.sort_values("day")
        rep = list(g["amount"])[1:]
        row = s.loc[cid]
        assert row["frequency"] == len(g) - 1
        assert row["recency"] == (g["day"].iloc[-1] - g["day"].iloc[0]).days
        assert row["T"] == (end - g["day"].iloc[0]).days
        assert row["monetary_value"] == pytest.approx(math.fsum(rep) / len(rep) if rep else 0.0, rel=1e-12)
    assert len(s) == keep["id"].nunique()
    assert s.attrs["missing_id_rows"] == int(df["cust"].isna().sum())
    assert s.attrs["dropped_return_rows"] == int(((df["q"] < 0) & df["cust"].notna()).sum())
    # the same rows from a file (gzip through pandas), through txlog and rfm_orders
    path = os.path.join(tmp_path, "raw.csv.gz")
    df.assign(cust=df["cust"].astype("Int64")).to_csv(path, index=False)  # ids as the file writes them: 100
    log = cxmetrics.txlog(path, customer="cust", date="when", quantity="q", price="p", missing_ids="drop",
                          returns="drop", date_format="%m/%d/%Y %H:%M")
    assert len(log) == len(keep) and log.attrs["missing_id_rows"] == s.attrs["missing_id_rows"]
    c = cxmetrics.rfm_orders(path, customer="cust", date="when", quantity="q", price="p", missing_ids="drop",
                             returns="drop", date_format="%m/%d/%Y %H:%M", analysis_date="2012-01-01")
    exp = keep.groupby("id")["amount"].apply(math.fsum)
    assert sorted(c.index) == sorted(exp.index)
    assert all(c.loc[k, "amount"] == exp[k] for k in exp.index)
    assert all(c.loc[k, "transaction_count"] == (keep["id"] == k).sum() for k in exp.index)


def test_words_and_errors(tmp_path):
    assert cxmetrics.missing_ids_words() == ["error", "drop"]
    with pytest.raises(cxmetrics.InvalidArgument, match="missing_ids must be error or drop, not 'skip'"):
        cxmetrics.txlog(None, ["a"], [1], missing_ids="skip")
    with pytest.raises(cxmetrics.InvalidArgument, match="quantity and price have 1 and 0 entries"):
        cxmetrics.txlog(None, ["a"], [1], quantity=[1])
    path = os.path.join(tmp_path, "x.csv")
    with open(path, "w") as f:
        f.write("customer_id;date;amount\na;2024-01-02;1,5\n;2024-01-03;2\n")
    with pytest.raises(cxmetrics.InvalidArgument, match=r"x.csv:3:1 'customer_id': the customer id is missing"):
        cxmetrics.txlog(path, date="date", amount="amount", delimiter=";", decimal_comma=True)
    log = cxmetrics.txlog(path, date="date", amount="amount", delimiter=";", decimal_comma=True,
                          missing_ids="drop")
    assert list(log["amount"]) == [1.5] and log.attrs["missing_id_rows"] == 1


def test_segment_value_customers_missing_ids():
    # the value segments group orders by customer too (spec §13.1): NaN is no customer "nan"
    with pytest.raises(cxmetrics.InvalidArgument, match=r"customer_ids\[1\] \(row 2\) is missing \(NULL\)"):
        cxmetrics.value_customers(["a", float("nan"), "b"], [1.0, 2.0, 3.0])


def test_summary_from_log():
    # the log of tests/unit/test_txlog.c under net: its policy goes with the frame's attrs
    ids = ["a", None, "b", "a", "", "a", "b", "b"]
    log = cxmetrics.txlog(None, ids, [10, 10, 11, 12, 12, 12, 15, 13], quantity=[2, 1, 1, -1, 3, 4, 2, -2],
                          price=[1.5, 4, 2.25, 1.5, 1, 0.5, 1, 0.5], missing_ids="drop", returns="net")
    s = cxmetrics.summary_from_log(log, period="day")
    assert list(s.index) == ["a", "b"] and list(s["monetary_value"]) == [0.5, 2.0]
    assert s.attrs["return_only_rows"] == 1 and s.attrs["missing_id_rows"] == 2
    t = cxmetrics.summary_from_log(log, period="day", as_frame=False)
    assert list(t["frequency"]) == [1, 1]


def test_bad_values_name_the_customer():
    # issue 11, item 5: the caller gave ids, so a bad value is named by its customer
    with pytest.raises(cxmetrics.NanInput, match=r"^NAN: customer 'b' \(row 2\): amounts\[1\] is NaN$"):
        cxmetrics.summary_from_transactions(["a", "b"], ["2024-01-01", "2024-01-02"], [1.0, float("nan")],
                                            period="day")
    with pytest.raises(cxmetrics.NanInput, match=r"customer 'y' \(row 2\): amounts\[1\] is NaN"):
        cxmetrics.txlog({"id": ["x", "y"], "d": [19000, 19001], "a": [1.0, float("nan")]}, "id", "d", "a")
    with pytest.raises(cxmetrics.NanInput, match=r"a row without a customer id \(row 2\): amounts\[1\] is NaN"):
        cxmetrics.txlog({"id": ["x", None], "d": [19000, 19001], "a": [1.0, float("nan")]}, "id", "d", "a",
                        missing_ids="drop")
