"""The low-level module cxmetrics.native: mirrors the C API (names without cxm_)."""

import numpy as np
import pytest

import cxmetrics
from cxmetrics import native


def test_names_are_stripped():
    for name in ("nps", "nps_u8", "nps_counts", "nps_wald", "nps_adjusted_wald",
                 "nps_trinomial_t", "nps_compare", "nps_weighted", "csat", "csat_u8", "ces5",
                 "ces5_u8", "ces7", "ces7_u8", "quantile7", "z_crit", "t_crit", "p_two_sided",
                 "round_half_away", "wilson", "adjusted_wald", "kish_n_eff", "time_summarize",
                 "time_durations", "time_average_from_total", "churn_rate", "retention_rate",
                 "repeat_purchase_rate", "repeat_purchase_rate_counts", "referral_rate",
                 "error_rate", "bounce_rate", "bounce_rate_counts", "task_success_rate",
                 "monthly_active_users", "clv_historic", "clv_historic_from_totals",
                 "clv_margin", "rfm_breaks", "rfm_score", "rfm_table", "rfm_rank_qcut",
                 "date_parse", "error_last", "error_clear", "error_name", "error_describe",
                 "version", "version_string"):
        assert callable(getattr(native, name)), name
    for cls in ("score_acc", "rfm_rules", "rfm_customers", "csv", "survey_report",
                "nps_result", "interval"):
        assert isinstance(getattr(native, cls), type), cls
    assert not hasattr(native, "cxm_nps")
    assert not hasattr(native, "set_allocator")
    assert native.NAN_OMIT == 1 and native.NPS_1_10 == 1 and native.EBAD_ARG == -7
    assert native.RFM_NO_SEGMENT == "Others"


def test_result_structs_come_with_version_set():
    r = native.nps(np.array([9.0, 3.0]), native.NPS_0_10, native.NAN_ERROR)
    assert isinstance(r, native.nps_result)
    assert r.version == native.NPS_RESULT_VERSION and r.n == 2 and r.nps == 0.0
    iv = native.wilson(1, 2, 0.95, native.Z_FROM_CONF)
    assert iv.version == native.INTERVAL_VERSION
    c = native.csat(np.array([5.0]), 1, 5, native.CSAT_DEFAULT_THRESHOLD, native.NAN_ERROR,
                    0.95, 0.0)
    assert c.threshold == 4 and np.isnan(c.sd)          # NaN in C, None in the package


def test_scalar_outputs_and_void_functions():
    assert native.z_crit(0.95) == cxmetrics.z_crit()
    assert native.monthly_active_users(["a", "b", "a"], np.array([1.0, 2, 3]), 0, 10,
                                       native.NAN_ERROR) == 2
    assert list(native.version()) == [native.VERSION_MAJOR, native.VERSION_MINOR,
                                      native.VERSION_PATCH]
    assert native.version_string() == native.VERSION_STRING == cxmetrics.__version__
    assert cxmetrics.version_info == tuple(native.version())
    assert native.error_name(0) == "OK" and native.error_name(-999) == "UNKNOWN"


def test_output_arrays():
    d = native.time_durations(np.array([0.0, 1.0]), np.array([5.0, 7.0]), native.NAN_ERROR)
    assert isinstance(d, np.ndarray) and d.tolist() == [5.0, 6.0]
    assert d.flags.owndata is False and d.base is not None    # owns the malloc'd buffer
    s, lo, hi = native.rfm_score(np.array([1.0, 2, 3]), np.array([2.0]), 0)
    assert s.tolist() == [1, 2, 2] and lo.tolist() == [1.0, 2.0] and hi.tolist() == [2.0, 4.0]
    r, f, m, t = native.rfm_table(np.array([1.0]), np.array([1.0]), np.array([1.0]),
                                  np.array([2.0]), np.array([2.0]), np.array([2.0]))
    assert t.tolist() == [211]


def test_handles():
    acc = native.score_acc(0, 10)
    acc.add(np.array([9.0, 10.0, 0.0]), native.NAN_ERROR)
    acc.add_u8(np.array([7], dtype=np.uint8))
    acc.add_weighted(np.array([9.0]), np.array([2.0]), native.NAN_ERROR)
    assert acc.n() == 5 and acc.count(9) == 2
    other = native.score_acc(0, 10)
    other.add(np.array([1.0]), native.NAN_ERROR)
    acc.merge(other)
    assert acc.nps().n == 6 and acc.nps().version == native.NPS_RESULT_VERSION
    assert acc.nps_weighted(0.95, 0.0).sum_w == 7.0
    assert acc.csat(native.CSAT_DEFAULT_THRESHOLD, 0.95, 0.0).threshold == 9
    acc.reset()
    assert acc.n() == 0
    rules = native.rfm_rules("r_02x")
    assert rules.count() == 10 and rules.name(0) == "Champions" and rules.name(10) is None
    assert rules.segment(5, 5, 5, native.RFM_FIRST_MATCH) == "Champions"
    idx = rules.segment_many(np.array([5, 1], dtype=np.uintc), np.array([5, 1], dtype=np.uintc),
                             np.array([5, 3], dtype=np.uintc), native.RFM_FIRST_MATCH)
    assert idx.tolist() == [0, 10]
    empty = native.rfm_rules(None)
    empty.add("All", 1, 5, 1, 5, 1, 5)
    assert empty.count() == 1
    cust = native.rfm_customers(["b", "a"], np.array([10.0, 12.0]), np.array([1.0, 2.0]), 20.0)
    assert cust.count() == 2 and cust.id(0) == "a" and cust.id(2) is None
    rec, cnt, amt = cust.columns()
    assert rec.tolist() == [8.0, 10.0] and cnt.tolist() == [1.0, 1.0] and amt.tolist() == [2.0, 1.0]


def test_csv_and_report_handles(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text("nps,x\n9,a\n0,b\n", encoding="utf-8")
    c = native.csv(str(p), ",")
    assert c.column_count() == 2 and c.column_name(1) == "x" and c.column_index("x") == 1
    assert c.next() == 1 and c.field(1) == "a" and c.field_double(0) == 9.0 and c.line() == 2
    assert c.next() == 1 and c.next() == 0
    assert c.path() == str(p)
    assert c.closed() is False
    c.close()
    c.close()                                    # idempotent
    assert c.closed() is True
    for call in (c.column_count, c.next, c.line, c.path, lambda: c.column_name(0),
                 lambda: c.column_index("x"), lambda: c.field(0), lambda: c.field_double(0)):
        with pytest.raises(cxmetrics.InvalidArgument, match="closed"):
            call()
    rep = native.survey_report(str(p), "nps", None, None, native.NPS_0_10, 1, 5,
                               native.CSAT_DEFAULT_THRESHOLD, 5, native.NAN_OMIT, 0.95, ",", 0)
    assert rep.rows() == 2 and rep.has(native.SURVEY_NPS) == 1 and rep.has(native.SURVEY_CSAT) == 0
    assert rep.nps().nps == 0.0 and rep.column(native.SURVEY_NPS) == "nps"
    assert rep.nps_interval(native.NPS_WALD).n == 2
    assert rep.render("json").startswith("{")
    with pytest.raises(cxmetrics.EmptyInput):
        rep.csat()


def _public_functions():
    """Every CXM_API function declared in the public headers."""
    import os
    import re
    from conftest import ROOT
    names = []
    inc = os.path.join(ROOT, "include", "cxmetrics")
    for dirpath, _, files in os.walk(inc):
        for f in files:
            if f.endswith(".h"):
                with open(os.path.join(dirpath, f), encoding="utf-8") as fh:
                    text = fh.read()
                names += re.findall(r"CXM_API\s+[^;(]*?\bcxm_(\w+)\s*\(", text)
    assert len(names) > 80
    return sorted(set(names))


HANDLES = {"score_acc_": "score_acc", "rfm_rules_": "rfm_rules",
           "rfm_customers_": "rfm_customers", "csv_": "csv", "survey_report_": "survey_report",
           "clv_summary_": "clv_summary"}
CONSTRUCTORS = {"score_acc_new", "rfm_rules_new", "rfm_rules_builtin", "rfm_customers_aggregate",
                "csv_open", "survey_report_from_csv", "clv_summary_from_transactions"}
DESTRUCTORS = {"score_acc_free", "rfm_rules_free", "rfm_customers_free", "csv_free",
               "survey_report_free", "clv_summary_free"}
METHODS_ELSEWHERE = {"rfm_segment": ("rfm_rules", "segment"),
                     "rfm_segment_many": ("rfm_rules", "segment_many")}
# Not wrapped on purpose: the allocator hook is process-global and takes C
# function pointers; strings are freed by the binding itself; the options
# struct is filled in by the survey_report constructor.
NOT_WRAPPED = {"set_allocator", "free", "survey_opts_init"}


@pytest.mark.parametrize("name", _public_functions())
def test_every_public_c_function_is_reachable(name):
    if name in NOT_WRAPPED:
        return
    if name in METHODS_ELSEWHERE:
        cls, meth = METHODS_ELSEWHERE[name]
        assert hasattr(getattr(native, cls), meth)
        return
    for prefix, cls in HANDLES.items():
        if name.startswith(prefix):
            k = getattr(native, cls)
            if name in CONSTRUCTORS:
                assert "__init__" in vars(k)
            elif name in DESTRUCTORS:
                assert "__swig_destroy__" in vars(k)
            else:
                assert hasattr(k, name[len(prefix):]), f"{cls}.{name[len(prefix):]}"
            return
    assert callable(getattr(native, name, None)), f"native.{name} is missing"


def _native_callables():
    import inspect
    out = []
    for name, obj in vars(native).items():
        if inspect.isfunction(obj) and not name.startswith("_"):
            out.append((name, obj))
        elif isinstance(obj, type):
            for mname, m in vars(obj).items():
                if inspect.isfunction(m) and not mname.startswith("_"):
                    out.append((f"{name}.{mname}", m))
    return out


def test_no_output_parameter_leaks_into_python_signatures():
    """Every out-parameter of the C API has a typemap: none shows up as a
    Python argument (a new result struct without CXM_PY_RESULT would)."""
    import inspect
    bad = []
    for name, fn in _native_callables():
        params = list(inspect.signature(fn).parameters)
        for p in params:
            if p in ("out", "day", "index", "has_row", "segment", "major", "minor", "patch") \
                    or p.startswith("out_") or p.startswith("n_out_"):
                bad.append(f"{name}({', '.join(params)})")
    assert not bad, bad
