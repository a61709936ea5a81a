"""No domain rule in the Python package: its words, defaults and derived
numbers come from the C library (issue 8). The expected values here are the
C library's own (its names tables, its constants), read through cxmetrics.native,
or the published numbers the header states (4.345 weeks a month, lifetimes')."""

import inspect

import numpy as np
import pytest

import cxmetrics
from cxmetrics import native


def _words(table):
    return [native.names_at(table, i) for i in range(native.names_count(table))]


def test_no_word_lists_left_in_python():
    for mod, name in ((cxmetrics._convert, "NAN_POLICIES"), (cxmetrics._convert, "NPS_SCALES"),
                      (cxmetrics._convert, "NPS_METHODS"), (cxmetrics._convert, "RFM_MATCHES"),
                      (cxmetrics.clvmodel, "PERIODS"), (cxmetrics.clvmodel, "PERIODS_PER_MONTH"),
                      (cxmetrics.RfmRules, "BUILTIN"), (cxmetrics.report, "_METRICS"),
                      (cxmetrics.BetaGeo, "available")):
        assert not hasattr(mod, name), f"{mod.__name__}.{name}"


def test_unknown_words_are_reported_by_c():
    """The C message lists the choices, the same for every front end."""
    cases = [
        (lambda: cxmetrics.nps([9], nan_policy="drop"), "nan_policy must be omit or error, not 'drop'"),
        (lambda: cxmetrics.nps([9], scale="0-5"), "scale must be 0-10 or 1-10, not '0-5'"),
        (lambda: cxmetrics.nps_compare((1, 1, 1), (1, 1, 1), method="exact"),
         "method must be adjusted_wald or wald, not 'exact'"),
        (lambda: cxmetrics.rfm_segment(5, 5, 5, match="any"), "first or last"),
        (lambda: cxmetrics.RfmRules("r_99"), "r_02x, vignette_11, r_030, py_rfm or klaviyo_3"),
        (lambda: cxmetrics.periods_per_month("fortnight"), "day, week or month"),
        (lambda: cxmetrics.summary_from_transactions(["a"], ["2024-01-01"], period="year"),
         "day, week or month"),
    ]
    for call, text in cases:
        with pytest.raises(cxmetrics.InvalidArgument) as info:
            call()
        assert text in str(info.value), str(info.value)


def test_aliases_of_the_c_tables_are_accepted():
    a = cxmetrics.summary_from_transactions(["a", "a"], ["2024-01-01", "2024-01-15"],
                                            period="W", as_frame=False)
    b = cxmetrics.summary_from_transactions(["a", "a"], ["2024-01-01", "2024-01-15"],
                                            period="weeks", as_frame=False)
    assert a.attrs["period"] == b.attrs["period"] == "week"       # the canonical word
    assert a["recency"].tolist() == b["recency"].tolist() == [2.0]
    assert cxmetrics.periods_per_month("D") == cxmetrics.periods_per_month("day")
    # the C constants pass through
    assert cxmetrics.nps([9, 1], nan_policy=native.NAN_OMIT) == cxmetrics.nps([9, 1])


def test_listings_come_from_c():
    assert cxmetrics.RfmRules.builtin_names() == _words(native.NAMES_RFM_RULES)
    r = cxmetrics.nps_compare((40, 30, 30), (30, 30, 40), method=native.NPS_WALD)
    assert r.method == native.names_word(native.NAMES_NPS_METHOD, native.NPS_WALD) == "wald"


def test_defaults_are_the_c_librarys():
    def default(fn, arg):
        return inspect.signature(fn).parameters[arg].default
    nan_default = native.names_word(native.NAMES_NAN_POLICY, native.NAN_ERROR)
    for fn in (cxmetrics.nps, cxmetrics.nps_weighted, cxmetrics.csat, cxmetrics.ces,
               cxmetrics.quantile7, cxmetrics.time_summary, cxmetrics.durations,
               cxmetrics.monthly_active_users):
        assert default(fn, "nan_policy") == nan_default, fn.__name__
    for fn in (cxmetrics.nps_wald, cxmetrics.nps_adjusted_wald, cxmetrics.nps_trinomial_t,
               cxmetrics.nps_compare, cxmetrics.nps_weighted, cxmetrics.csat, cxmetrics.ces,
               cxmetrics.wilson, cxmetrics.adjusted_wald, cxmetrics.task_success):
        assert default(fn, "conf") == native.CONF_DEFAULT, fn.__name__
    assert default(cxmetrics.z_crit, "conf") == native.CONF_DEFAULT
    assert default(cxmetrics.nps, "scale") == native.names_word(native.NAMES_NPS_SCALE,
                                                                  native.NPS_0_10)
    assert default(cxmetrics.nps_compare, "method") == \
        native.names_word(native.NAMES_NPS_METHOD, native.NPS_ADJUSTED_WALD)
    for fn, arg in ((cxmetrics.rfm_breaks, "bins"), (cxmetrics.rfm_score, "bins"),
                    (cxmetrics.rfm_rank_qcut, "bins"), (cxmetrics.rfm_table, "recency_bins")):
        assert default(fn, arg) == native.RFM_BINS_DEFAULT
    assert default(cxmetrics.rfm_segment, "rules") == \
        native.names_word(native.NAMES_RFM_RULES, 0) == cxmetrics.RfmRules.builtin_names()[0]
    assert default(cxmetrics.rfm_segment, "match") == \
        native.names_word(native.NAMES_RFM_MATCH, native.RFM_FIRST_MATCH)


def test_periods_per_month_from_c():
    # clvmodel.h: 30.4375 (365.25 / 12) days, 4.345 weeks (lifetimes'), 1 month
    assert cxmetrics.periods_per_month("day") == 30.4375 == native.clv_periods_per_month(
        native.CLV_DAYS)
    assert cxmetrics.periods_per_month("week") == 4.345
    assert cxmetrics.periods_per_month("month") == 1.0
    assert cxmetrics.periods_per_month(native.CLV_WEEKS) == 4.345


def test_model_descriptions_from_c():
    d = cxmetrics.BetaGeoBetaBinom.describe()
    assert d["name"] == "bgbb" and d["label"] == "BG/BB"
    assert d["params"] == ["alpha", "beta", "gamma", "delta"]
    assert d["columns"] == ["frequency", "recency", "periods", "weights"]
    assert d["optional"] == ["weights"]
    assert "pmf" in d["predictions"] and "expected_profit" not in d["predictions"]
    g = cxmetrics.GammaGamma.describe()
    assert g["columns"] == ["frequency", "monetary_value"] and g["optional"] == []
    assert g["predictions"] == ["expected_profit"]
    assert cxmetrics.ShiftedBetaGeometric.describe()["columns"] == ["survivors"]
    for cls in (cxmetrics.BetaGeo, cxmetrics.ModifiedBetaGeo, cxmetrics.ParetoNBD,
                cxmetrics.GammaGamma, cxmetrics.BetaGeoBetaBinom, cxmetrics.ShiftedBetaGeometric):
        info = native.clv_model_describe(cls._model)
        assert cls.param_names() == [native.clv_param_name(cls._model, i)
                                     for i in range(info.n_params)]


def test_calibration_end_defaults_to_the_last_transaction_day():
    """The C library's default (NaN -> the last transaction day), not Python's."""
    s = cxmetrics.summary_from_transactions(["a", "b", "a"], ["2024-01-01", "2024-01-20",
                                                              "2024-01-08"],
                                            period="day", as_frame=False)
    assert s.attrs["calibration_end"] == cxmetrics.date_parse("2024-01-20")
    assert s.attrs["observation_end"] == s.attrs["calibration_end"]   # no holdout
    assert s["T"].tolist() == [19.0, 0.0] and "holdout_frequency" not in s


def test_survey_report_defaults_are_the_c_librarys(tmp_path):
    p = tmp_path / "s.csv"
    p.write_text("nps,csat,ces\n9,5,4\n3,2,\n10,4,5\n", encoding="utf-8")
    r = cxmetrics.survey_report(p)                 # no option set: cxm_survey_opts_new's
    assert r.columns == {w: w for w in _words(native.NAMES_SURVEY_METRIC)}
    assert r.csat.threshold == 4                   # CSAT 1..5, top-2-box
    assert r.ces.points == 5 and r.missing["ces"] == 1   # CES 1..5; empty answers omitted
    lo, hi = cxmetrics.wilson(r.csat.n_satisfied, r.csat.n)        # 95 %
    assert (r.csat.wilson_lower, r.csat.wilson_upper) == (100 * lo, 100 * hi)
    # every metric the C library lists has an accessor here
    assert set(r.missing) == set(r.columns) == {"nps", "csat", "ces"}
    assert np.isfinite(r.nps.nps)
