"""The low-level module cxmetrics.native: mirrors the C API (names without cxm_),
one function per C function, handles first, caller-sized outputs by their length."""

import os
import re

import numpy as np
import pytest

import cxmetrics
from cxmetrics import native

from conftest import ROOT


def test_names_are_stripped():
    for name in ("nps", "nps_u8", "nps_counts", "nps_wald", "nps_adjusted_wald",
                 "nps_trinomial_t", "nps_compare", "nps_weighted", "csat", "csat_u8", "ces",
                 "ces_u8", "quantile7", "z_crit", "t_crit", "p_two_sided",
                 "round_half_away", "wilson", "adjusted_wald", "kish_n_eff", "time_summarize",
                 "time_durations", "time_average_from_total", "churn_rate", "retention_rate",
                 "repeat_purchase_rate", "repeat_purchase_rate_counts", "referral_rate",
                 "error_rate", "bounce_rate", "bounce_rate_counts", "task_success_rate",
                 "monthly_active_users", "clv_historic", "clv_historic_from_totals",
                 "clv_margin", "rfm_breaks", "rfm_score", "rfm_table", "rfm_rank_qcut",
                 "date_parse", "error_last", "error_clear", "error_name", "error_describe",
                 "version", "version_string", "names_parse", "names_word", "names_count",
                 "names_at", "names_what", "score_acc_new", "score_acc_add", "table_new",
                 "table_rows", "csv_open", "csv_close", "survey_opts_new",
                 "survey_report_from_csv", "clv_fit_opts_new", "clv_model_describe"):
        assert callable(getattr(native, name)), name
    for cls in ("score_acc", "rfm_rules", "csv", "csv_spec", "table", "survey_opts",
                "survey_report", "clv_fit_opts", "nps_result", "interval", "ces_result",
                "clv_model_info"):
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
    e = native.ces(np.array([4.0, 5.0, 1.0]), 5, native.NAN_ERROR, 0.95, native.Z_FROM_CONF)
    assert e.version == native.CES_RESULT_VERSION and e.points == 5 and e.n_agree == 2


def test_scalar_outputs_and_void_functions():
    assert native.z_crit(0.95) == cxmetrics.z_crit()
    assert native.monthly_active_users(["a", "b", "a"], np.array([1.0, 2, 3]), 0, 10,
                                       native.NAN_ERROR) == 2
    assert list(native.version()) == [native.VERSION_MAJOR, native.VERSION_MINOR,
                                      native.VERSION_PATCH]
    assert native.version_string() == native.VERSION_STRING == cxmetrics.__version__
    assert cxmetrics.version_info == tuple(native.version())
    assert native.error_name(0) == "OK" and native.error_name(-999) == "UNKNOWN"
    assert native.nps_scale_range(native.NPS_1_10) == [1, 10]
    assert native.date_parse("19700102") == 1.0


def test_names_tables():
    """Words both ways through the C tables; an unknown word names the choices."""
    assert native.names_parse(native.NAMES_NAN_POLICY, "omit") == native.NAN_OMIT
    assert native.names_word(native.NAMES_NAN_POLICY, native.NAN_ERROR) == "error"
    assert native.names_parse(native.NAMES_CLV_PERIOD, "W") == native.CLV_WEEKS   # an alias
    assert [native.names_at(native.NAMES_CLV_PERIOD, i)
            for i in range(native.names_count(native.NAMES_CLV_PERIOD))] == \
        ["day", "week", "month"]
    assert native.names_at(native.NAMES_CLV_PERIOD, 3) is None
    assert native.names_word(native.NAMES_CLV_COLUMN, native.CLV_N_PERIODS) == "periods"
    assert native.names_what(native.NAMES_NPS_SCALE) == "scale"
    with pytest.raises(cxmetrics.InvalidArgument, match="omit or error, not 'drop'"):
        native.names_parse(native.NAMES_NAN_POLICY, "drop")


def test_output_arrays():
    """A caller-sized output takes its length in its place and comes back as a
    numpy array; several outputs come back as a list."""
    d, n = native.time_durations(2, np.array([0.0, 1.0]), np.array([5.0, 7.0]), native.NAN_ERROR)
    assert isinstance(d, np.ndarray) and d.tolist() == [5.0, 6.0] and n == 2
    with pytest.raises(cxmetrics.InvalidArgument, match="capacity 1"):
        native.time_durations(1, np.array([0.0, 1.0]), np.array([5.0, 7.0]), native.NAN_ERROR)
    s, lo, hi = native.rfm_score(3, 2, 2, np.array([1.0, 2, 3]), np.array([2.0]), 0)
    assert s.tolist() == [1, 2, 2] and lo.tolist() == [1.0, 2.0] and hi.tolist() == [2.0, 4.0]
    r, f, m, t = native.rfm_table(1, 1, 1, 1, np.array([1.0]), np.array([1.0]), np.array([1.0]),
                                  np.array([2.0]), np.array([2.0]), np.array([2.0]))
    assert t.tolist() == [211]
    assert native.rfm_breaks(4, np.arange(10.0)).size == 4


def test_handles():
    acc = native.score_acc_new(0, 10)
    native.score_acc_add(acc, np.array([9.0, 10.0, 0.0]), native.NAN_ERROR)
    native.score_acc_add_u8(acc, np.array([7], dtype=np.uint8))
    native.score_acc_add_weighted(acc, np.array([9.0]), np.array([2.0]), native.NAN_ERROR)
    assert native.score_acc_n(acc) == 5 and native.score_acc_count(acc, 9) == 2
    other = native.score_acc_new(0, 10)
    native.score_acc_add(other, np.array([1.0]), native.NAN_ERROR)
    native.score_acc_merge(acc, other)
    assert native.score_acc_nps(acc).n == 6
    assert native.score_acc_nps(acc).version == native.NPS_RESULT_VERSION
    assert native.score_acc_nps_weighted(acc, 0.95, 0.0).sum_w == 7.0
    assert native.score_acc_csat(acc, native.CSAT_DEFAULT_THRESHOLD, 0.95, 0.0).threshold == 9
    native.score_acc_reset(acc)
    assert native.score_acc_n(acc) == 0
    rules = native.rfm_rules_builtin("r_02x")
    assert native.rfm_rules_count(rules) == 10 and native.rfm_rules_name(rules, 0) == "Champions"
    assert native.rfm_rules_name(rules, 10) is None
    assert native.rfm_segment(rules, 5, 5, 5, native.RFM_FIRST_MATCH) == "Champions"
    u = np.uintc
    idx = native.rfm_segment_many(2, rules, np.array([5, 1], dtype=u), np.array([5, 1], dtype=u),
                                  np.array([5, 3], dtype=u), native.RFM_FIRST_MATCH)
    assert idx.tolist() == [0, 10]
    empty = native.rfm_rules_new()
    native.rfm_rules_add(empty, "All", 1, 5, 1, 5, 1, 5)
    assert native.rfm_rules_count(empty) == 1
    cust = native.rfm_customers_aggregate(["b", "a"], np.array([10.0, 12.0]),
                                          np.array([1.0, 2.0]), 20.0)
    assert isinstance(cust, native.table) and native.table_rows(cust) == 2
    assert [native.table_column_name(cust, i) for i in range(native.table_column_count(cust))] \
        == ["customer_id", "recency_days", "transaction_count", "amount"]
    codes = native.table_copy_codes(2, cust, 0)
    assert [native.table_level(cust, 0, c) for c in codes.tolist()] == ["a", "b"]
    assert native.table_level(cust, 0, 2) is None
    assert native.table_copy_numbers(2, cust, 1).tolist() == [8.0, 10.0]
    assert native.table_copy_numbers(2, cust, 3).tolist() == [2.0, 1.0]
    assert native.table_get_attr_number(cust, "analysis_day") == 20.0


def test_table_attributes_are_borrowed():
    """A text attribute read through the binding stays the table's: reading it
    twice and rendering the table afterwards give the same text (the binding
    freed it once, and the table wrote garbage)."""
    s = native.clv_summary_from_transactions(["a", "a", "b"], np.array([0.0, 7, 3]), np.empty(0),
                                             np.nan, np.nan, native.CLV_WEEKS)
    assert native.table_get_attr_text(s, "period") == "week"
    assert native.table_get_attr_text(s, "period") == "week"
    assert '"period": "week"' in native.table_render(s, native.FORMAT_JSON)
    assert native.table_render(s, native.FORMAT_CSV).splitlines()[0] == \
        "id,frequency,recency,T,monetary_value"


def test_csv_and_report_handles(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text("nps,x\n9,a\n0,b\n", encoding="utf-8")
    c = native.csv_open(str(p), ",")
    assert native.csv_column_count(c) == 2 and native.csv_column_name(c, 1) == "x"
    assert native.csv_column_index(c, "x") == 1
    assert native.csv_next(c) == 1 and native.csv_field(c, 1) == ["a", 1]
    assert native.csv_field_double(c, 0) == 9.0 and native.csv_line(c) == 2
    assert native.csv_next(c) == 1 and native.csv_next(c) == 0
    assert native.csv_path(c) == str(p)
    assert native.csv_closed(c) == 0
    native.csv_close(c)
    native.csv_close(c)                          # idempotent
    assert native.csv_closed(c) == 1
    # io.h: reads fail, the header and the path stay readable
    for call in (lambda: native.csv_next(c), lambda: native.csv_field_double(c, 0)):
        with pytest.raises(cxmetrics.InvalidArgument, match="closed"):
            call()
    # no field (NULL): SWIG drops the None in front of the output, its length 0
    assert native.csv_field(c, 0) == 0
    assert native.csv_column_count(c) == 2 and native.csv_column_index(c, "x") == 1
    assert native.csv_path(c) == str(p)
    o = native.survey_opts_new()
    native.survey_opts_set_column(o, native.SURVEY_NPS, "nps")
    native.survey_opts_set_column(o, native.SURVEY_CSAT, None)
    native.survey_opts_set_column(o, native.SURVEY_CES, None)
    rep = native.survey_report_from_csv(str(p), o)
    assert native.survey_report_rows(rep) == 2
    assert native.survey_report_has(rep, native.SURVEY_NPS) == 1
    assert native.survey_report_has(rep, native.SURVEY_CSAT) == 0
    assert native.survey_report_nps(rep).nps == 0.0
    assert native.survey_report_column(rep, native.SURVEY_NPS) == "nps"
    assert native.survey_report_nps_interval(rep, native.NPS_WALD).n == 2
    assert native.survey_report_render(rep, native.FORMAT_JSON).startswith("{")
    with pytest.raises(cxmetrics.EmptyInput):
        native.survey_report_csat(rep)
    with pytest.raises(cxmetrics.InvalidArgument, match="delimiter"):
        native.survey_opts_set_delimiter(o, ";;")


def _public_functions():
    """Every CXM_API function declared in the public headers: {name: its parameters}."""
    out = {}
    inc = os.path.join(ROOT, "include", "cxmetrics")
    for dirpath, _, files in os.walk(inc):
        for f in files:
            if f.endswith(".h"):
                with open(os.path.join(dirpath, f), encoding="utf-8") as fh:
                    text = fh.read()
                for name, params in re.findall(r"CXM_API\s+[^;(]*?\bcxm_(\w+)\s*\(([^)]*)\)",
                                               text):
                    out[name] = [p.strip() for p in params.split(",")]
    assert len(out) > 80
    return out


PUBLIC = _public_functions()
# Not wrapped on purpose (bindings/core.i): the allocator hook is process-global
# and takes C function pointers; strings are freed by the binding itself; a
# FILE * means nothing in Python; the borrowed column pointers are read through
# the table_copy_* functions; the choices of a names table come in the errors;
# the survey report's progress callback draws the command line's bar.
NOT_WRAPPED = {"set_allocator", "free", "table_write", "table_numbers", "table_texts",
               "names_choices"}
NOT_WRAPPED |= {"survey_opts_set_progress"}  # issue 10: a C callback with no trampoline yet (core.i)


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_every_public_c_function_is_reachable(name):
    if name in NOT_WRAPPED:
        assert not hasattr(native, name)
        return
    assert callable(getattr(native, name, None)), f"native.{name} is missing"


def _outputs(params):
    """The out-parameters of a C function's declaration that are not
    caller-sized arrays: pointers to scalars, strings, results and handles
    (`T *name` not followed by its size_t length, not const)."""
    names = []
    for i, p in enumerate(params):
        m = re.match(r"(?!const\b)[\w ]+?\s*(\*+)\s*(\w+)$", p) or \
            re.match(r"const char\s*\*\*\s*(\w+)$", p)
        if not m:
            continue
        name = m.group(m.lastindex)
        sized = i + 1 < len(params) and params[i + 1].startswith("size_t ")
        base = p.split("*")[0].strip()
        handle_in = len(m.group(1)) == 1 if m.lastindex == 2 else False
        if sized or (handle_in and base in HANDLE_TYPES):
            continue
        names.append(name)
    return names


HANDLE_TYPES = {"cxm_score_acc", "cxm_rfm_rules", "cxm_rfm_opts", "cxm_segment_rules", "cxm_csv", "cxm_csv_spec",
                "cxm_table", "cxm_survey_opts", "cxm_survey_report", "cxm_clv_fit_opts", "cxm_cluster_opts",
                "cxm_cluster_model", "cxm_persona_names", "cxm_persona_rules", "cxm_persona_opts",
                "cxm_persona_set", "cxm_txlog_opts", "cxm_themes"}
HANDLE_TYPES |= {"cxm_drivers_opts", "cxm_drivers_result"}  # issue 10: key drivers (drivers.h)
HANDLE_TYPES |= {"cxm_funnel_opts", "cxm_funnel"}  # issue 13: funnels (funnel.h)
HANDLE_TYPES |= {"cxm_events", "cxm_events_opts"}  # issue 13: event logs (events.h)
HANDLE_TYPES |= {"cxm_touchpoint_opts"}  # issue 13: paths and touchpoints (paths.h)
HANDLE_TYPES |= {"cxm_cohort_opts"}  # issue 13: cohorts (cohort.h)


def test_no_output_parameter_leaks_into_python_signatures():
    """Every out-parameter of the C API has a typemap: a scalar output, a
    string, a result struct or a new handle never shows up as a Python
    argument (a new kind without a typemap would); a caller-sized output shows
    up as its length only."""
    import inspect
    bad = []
    seen = 0
    for name, params in PUBLIC.items():
        fn = getattr(native, name, None)
        if fn is None:
            continue
        outs = _outputs(params)
        seen += len(outs)
        args = list(inspect.signature(fn).parameters)
        if set(outs) & set(args):
            bad.append(f"{name}({', '.join(args)}): {sorted(set(outs) & set(args))}")
    assert seen > 60 and not bad, bad
