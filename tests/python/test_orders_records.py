"""Issue 14, item 6: RFM and CLV take orders as a list of dicts, and give the
customers back with the caller's ids (int stays int, str stays str, numpy
int64 becomes int) in the order of their first order. Expected values are
computed here with pandas from the same rows."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

import cxmetrics as cx

ORDERS = [
    {"customer_id": 42, "date": "2024-03-01", "amount": 20.0},
    {"customer_id": 7, "date": "2024-01-15", "amount": 5.5},
    {"customer_id": 42, "date": "2024-03-20", "amount": 30.0},
    {"customer_id": 1001, "date": "2024-02-02", "amount": 12.0},
    {"customer_id": np.int64(7), "date": "2024-03-25", "amount": 4.5},
    {"customer_id": 42, "date": "2024-03-20", "amount": 1.0},
]
ANALYSIS = "2024-04-01"


def _expected_rfm(orders):
    df = pd.DataFrame(orders)
    df["customer_id"] = [int(v) if not isinstance(v, str) else v for v in df["customer_id"]]
    df["day"] = pd.to_datetime(df["date"])
    g = df.groupby("customer_id", sort=False)
    out = pd.DataFrame({
        "recency_days": (pd.Timestamp(ANALYSIS) - g["day"].max()).dt.days.astype(float),
        "transaction_count": g.size(),
        "amount": g["amount"].sum(),
    })
    return out.loc[list(pd.unique(df["customer_id"]))]


def test_rfm_orders_int_ids_first_appearance():
    got = cx.rfm_orders(ORDERS, analysis_date=ANALYSIS)
    exp = _expected_rfm(ORDERS)
    assert list(got.index) == [42, 7, 1001]
    assert [type(v) for v in got.index.tolist()] == [int, int, int]
    np.testing.assert_array_equal(got["recency_days"].to_numpy(), exp["recency_days"].to_numpy())
    np.testing.assert_array_equal(got["transaction_count"].to_numpy(),
                                  exp["transaction_count"].to_numpy())
    np.testing.assert_allclose(got["amount"].to_numpy(), exp["amount"].to_numpy(), rtol=1e-15)
    assert got.attrs["order_rows"] == 6


def test_rfm_orders_str_ids_and_order_date_key():
    orders = [{"customer_id": c, "order_date": d, "amount": a}
              for c, d, a in [("zoe", "2024-03-01", 10.0), ("adam", "2024-03-02", 2.0),
                              ("zoe", "2024-03-03", 1.0)]]
    got = cx.rfm_orders(orders, analysis_date=dt.date(2024, 3, 10), as_frame=False)
    assert got["customer_id"].tolist() == ["zoe", "adam"]
    assert all(type(v) is str for v in got["customer_id"])
    assert got["recency_days"].tolist() == [7.0, 8.0]
    assert got["amount"].tolist() == [11.0, 2.0]


def test_rfm_orders_records_then_scores_keep_ids():
    scored, _ = cx.rfm_score_customers(cx.rfm_orders(ORDERS, analysis_date=ANALYSIS), bins=2)
    assert sorted(scored.index.tolist()) == [7, 42, 1001]


def test_rfm_orders_record_errors():
    with pytest.raises(cx.InvalidArgument) as e:
        cx.rfm_orders([{"customer_id": 1, "date": "2024-01-01"}], analysis_date=ANALYSIS)
    assert "order 0" in str(e.value) and "'amount'" in str(e.value)
    with pytest.raises(cx.InvalidArgument) as e:
        cx.rfm_orders([{"customer_id": 1.5, "date": "2024-01-01", "amount": 1.0}],
                      analysis_date=ANALYSIS)
    assert "order 0" in str(e.value) and "1.5" in str(e.value)
    with pytest.raises(cx.InvalidArgument) as e:
        cx.rfm_orders([{"customer_id": 1, "date": "2024-01-01", "amount": 1.0},
                       {"customer_id": "1", "date": "2024-01-02", "amount": 1.0}],
                      analysis_date=ANALYSIS)
    assert "order 1" in str(e.value)
    with pytest.raises(cx.ArgumentTypeError) as e:
        cx.rfm_orders([{"customer_id": 1, "date": "2024-01-01", "amount": "9"}],
                      analysis_date=ANALYSIS)
    assert "amount[0]" in str(e.value) and "'9'" in str(e.value)


def _expected_summary(rows, period_days):
    df = pd.DataFrame(rows)
    df["day"] = pd.to_datetime(df["date"])
    daily = df.groupby(["customer_id", "day"], sort=False)["amount"].sum().reset_index()
    end = df["day"].max()
    out = {}
    for cid, g in daily.groupby("customer_id", sort=False):
        g = g.sort_values("day")
        first, last = g["day"].iloc[0], g["day"].iloc[-1]
        freq = len(g) - 1
        out[cid] = {"frequency": float(freq),
                    "recency": (last - first).days / period_days,
                    "T": (end - first).days / period_days,
                    "monetary_value": float(g["amount"].iloc[1:].mean()) if freq else 0.0}
    order = list(pd.unique(df["customer_id"]))
    return pd.DataFrame([out[c] for c in order], index=order)


def test_summary_from_transactions_records():
    rows = [{"customer_id": "u9", "date": "2024-01-01", "amount": 10.0},
            {"customer_id": "u2", "date": "2024-01-03", "amount": 4.0},
            {"customer_id": "u9", "date": "2024-01-08", "amount": 6.0},
            {"customer_id": "u9", "date": "2024-01-08", "amount": 2.0},
            {"customer_id": "u9", "date": "2024-01-22", "amount": 12.0},
            {"customer_id": "u2", "date": "2024-01-29", "amount": 3.0}]
    got = cx.summary_from_transactions(rows, period="week")
    exp = _expected_summary(rows, 7.0)
    assert got.index.tolist() == ["u9", "u2"]
    for col in ("frequency", "recency", "T", "monetary_value"):
        np.testing.assert_allclose(got[col].to_numpy(), exp[col].to_numpy(), rtol=1e-12)


def test_summary_from_transactions_records_int_ids_table():
    rows = [{"customer_id": 5, "date": "2024-01-02"}, {"customer_id": 3, "date": "2024-01-01"},
            {"customer_id": 5, "date": "2024-01-04"}]
    got = cx.summary_from_transactions(rows, period="day", as_frame=False)
    assert got["id"].tolist() == [5, 3] and got["id"].dtype == np.int64
    assert got["frequency"].tolist() == [1.0, 0.0]
    with pytest.raises(cx.ArgumentTypeError):
        cx.summary_from_transactions(rows, ["2024-01-01"], period="day")


def test_rfm_aggregate_orders_records():
    got = cx.rfm_aggregate_orders(ORDERS, analysis_date=ANALYSIS)
    exp = _expected_rfm(ORDERS)
    assert got.index.tolist() == [42, 7, 1001]
    np.testing.assert_array_equal(got["recency_days"].to_numpy(), exp["recency_days"].to_numpy())
    np.testing.assert_array_equal(got["transaction_count"].to_numpy(),
                                  exp["transaction_count"].to_numpy())
    np.testing.assert_allclose(got["amount"].to_numpy(), exp["amount"].to_numpy(), rtol=1e-15)
    with pytest.raises(cx.ArgumentTypeError) as e:
        cx.rfm_aggregate_orders(ORDERS)
    assert "analysis_date" in str(e.value)
