"""The bad-input catalogue through Python (tests/badinput/README.md): every case of
cases.json, by the call it names, must raise the exception class the manifest gives with
the library's message, or succeed with the manifest's values. A case or a call with a key
this runner does not know fails, so that no expectation is silently left out."""
import json
import math
import os
import warnings

import pytest

import cxmetrics
import cxmetrics.clvmodel

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
with open(os.path.join(HERE, "cases.json"), encoding="utf-8") as f:
    CASES = json.load(f)["cases"]


# The keys of a case (README.md); "cli", "exit", "stdout" and "stderr" are the command line's.
CASE_KEYS = {"name", "about", "file", "generate", "stdin", "call", "cli", "status", "exit", "python", "ruby",
             "message", "result", "stdout", "stderr"}


def fill(text, path):
    return text.replace("{FILE}", path).replace("{DATA}", DATA)


def table_read_csv(path, call):
    columns, optional, not_empty = {}, [], []
    for name, kind, flags in call["columns"]:
        columns[name] = kind
        if "required" not in flags.split(","):
            optional.append(name)
        if "not_empty" in flags.split(","):
            not_empty.append(name)
    return cxmetrics.read_table(path, columns=columns, delimiter=call.get("delimiter", ","),
                                optional=optional, not_empty=not_empty, as_frame=False,
                                date_format=call.get("date_format"), decimal_comma=call.get("decimal_comma", False))


SURVEY_CODES = ("na_values", "nps_na_values", "csat_na_values", "ces_na_values")


def survey(path, call):
    codes = {k: call[k] for k in SURVEY_CODES if k in call}
    return cxmetrics.survey_report(path, delimiter=call.get("delimiter"), **codes)


GROUPED_KEYS = ("by", "time", "every", "utc_offset", "min_n", "adjust", "times", "drivers", "comment_column",
                "themes", "ces_scale", "ces_agree", "skip_bad_rows")


def survey_grouped(path, call):
    """The report by group and period; "themes" is a file of data/, "ces_scale" [lo, hi]."""
    kw = {k: call[k] for k in GROUPED_KEYS if k in call}
    if "themes" in kw:
        kw["themes"] = os.path.join(DATA, kw["themes"])
    if "ces_scale" in kw:
        kw["ces_scale"] = tuple(kw["ces_scale"])
    return cxmetrics.survey_report(path, **kw)


TXLOG_KEYS = ("customer", "date", "amount", "quantity", "price", "missing_ids", "returns", "date_format",
              "delimiter", "decimal_comma")


def txlog_read_csv(path, call):
    return cxmetrics.txlog(path, as_frame=False, **{k: call[k] for k in TXLOG_KEYS if k in call})


class Fitted:
    """A fit of clv_fit: the model, and the warnings its fit emitted."""

    def __init__(self, model, caught):
        self.model, self.caught = model, caught


def clv_fit(path, call):
    models = [cls for cls in (cxmetrics.clvmodel.BetaGeo, cxmetrics.clvmodel.ModifiedBetaGeo,
                              cxmetrics.clvmodel.ParetoNBD, cxmetrics.clvmodel.GammaGamma,
                              cxmetrics.clvmodel.BetaGeoBetaBinom, cxmetrics.clvmodel.ShiftedBetaGeometric)
              if cls.describe()["name"] == call["model"]]
    assert len(models) == 1, f"no model class named {call['model']!r}"
    summary = cxmetrics.read_table(path, infer=True, as_frame=False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model = models[0]().fit(summary)
    return Fitted(model, caught)


def rfm_orders(path, call):
    return cxmetrics.rfm_orders(path, customer=call["customer"], date=call["date"], amount=call["amount"],
                                analysis_date=call["analysis_date"], as_frame=False)


def clv_predict(path, call):
    def fit(name):
        with open(os.path.join(DATA, name), encoding="utf-8") as f:
            return cxmetrics.native.clv_fit_result_from_json(f.read())
    summary = cxmetrics.read_table(path, infer=True, as_frame=False)
    extra = {k: call[k] for k in ("months", "discount", "period") if k in call}
    return cxmetrics.clvmodel.predict(fit(call["fit"]), summary, call["t"],
                                      spend_model=fit(call["spend_fit"]) if "spend_fit" in call else None,
                                      as_frame=False, **extra)


# Each call and the keys it reads: a key it does not know fails the case, so that no
# option of the manifest is silently left out.
FUNNEL_KEYS = ("customer", "time", "event", "steps", "window", "mode")


def funnel(path, call):
    kw = {k: call[k] for k in ("customer", "time", "event", "window", "mode") if k in call}
    return cxmetrics.funnel(path, call["steps"], as_frame=False, **kw).steps


CALLS = {
    "table_read_csv": (table_read_csv, {"columns", "delimiter", "date_format", "decimal_comma"}),
    "survey": (survey, {"delimiter", *SURVEY_CODES}),
    "survey_grouped": (survey_grouped, set(GROUPED_KEYS)),
    "txlog_read_csv": (txlog_read_csv, set(TXLOG_KEYS)),
    "clv_fit": (clv_fit, {"model"}),
    "rfm_orders": (rfm_orders, {"customer", "date", "amount", "analysis_date"}),
    "clv_predict": (clv_predict, {"fit", "t", "spend_fit", "period", "months", "discount"}),
    # issue 13: the CX pyramid alone (spec §25)
    "pyramid": (lambda path, call: cxmetrics.pyramid(path, as_frame=False,
                                                     **{k: v for k, v in call.items() if k != "fn"}),
                {"needs", "ease", "emotion", "by", "nan_policy"}),
    "funnel": (funnel, set(FUNNEL_KEYS)),
}


def subset(expected, got, where="json"):
    """Every key of `expected` is in `got` with an equal value (numbers exactly)."""
    if isinstance(expected, dict):
        assert isinstance(got, dict), f"{where}: {got!r} is not an object"
        for k, v in expected.items():
            assert k in got, f"{where}: no key {k!r}"
            subset(v, got[k], f"{where}.{k}")
    else:
        assert got == expected, f"{where} = {got!r}, expected {expected!r}"


def check_result(case, got):
    want = case["result"]
    if isinstance(got, Fitted):
        # a fit that did not converge: its status, and one ConvergenceWarning with the
        # library's sentence (cxm_clv_fit_warning); a fit that converged warns nothing
        assert got.model.status == want["fit_status"]
        caught = [(w.category, str(w.message)) for w in got.caught]
        expected = [(cxmetrics.ConvergenceWarning, want["warning"])] if want["warning"] else []
        assert caught == expected
        return
    if "json" in want:
        subset(want["json"], json.loads(got.render("json")))
    if "rows" in want:
        assert len(next(iter(got.values()))) == want["rows"]
    for name, values in want.get("columns", {}).items():
        col = list(got[name])
        assert len(col) == len(values), name
        for i, (g, e) in enumerate(zip(col, values)):
            ok = g == e or (isinstance(g, float) and math.isnan(g) and e is None)
            assert ok, f"{name}[{i}] = {g!r}, expected {e!r}"
    for name, value in want.get("attrs", {}).items():
        assert got.attrs[name] == value, name


@pytest.fixture
def case_path(request, tmp_path):
    """The path the case is read from, and the open file behind standard input when the
    case reads '-'."""
    case = request.param
    if "generate" in case:
        g = case["generate"]
        path = str(tmp_path / g["name"])
        with open(path, "wb") as f:
            f.write(g["head"].encode())
            f.write(g["repeat"].encode() * g["count"])
            f.write(g["tail"].encode())
        return case, path
    return case, os.path.join(DATA, case["file"])


@pytest.mark.parametrize("case_path", CASES, ids=[c["name"] for c in CASES], indirect=True)
def test_case(case_path):
    case, path = case_path
    assert not set(case) - CASE_KEYS, f"unknown keys {sorted(set(case) - CASE_KEYS)} (README.md)"
    assert case["call"]["fn"] in CALLS, f"this runner has no call {case['call']['fn']!r} (README.md: adding a call)"
    fn, keys = CALLS[case["call"]["fn"]]
    unknown = set(case["call"]) - keys - {"fn"}
    assert not unknown, f"call {case['call']['fn']!r} has no key {sorted(unknown)} (README.md)"
    saved = None
    if case.get("stdin"):
        saved = os.dup(0)
        fd = os.open(path, os.O_RDONLY)
        os.dup2(fd, 0)
        os.close(fd)
        path = "-"
    try:
        if case["status"] != "OK":
            cls = getattr(cxmetrics, case["python"])
            with pytest.raises(cls) as e:
                fn(path, case["call"])
            assert type(e.value) is cls
            assert str(e.value) == f"{case['status']}: {fill(case['message'], path)}"
        else:
            check_result(case, fn(path, case["call"]))
    finally:
        if saved is not None:
            os.dup2(saved, 0)
            os.close(saved)


def test_manifest_classes():
    """Each error case's Python class is the one the library's error table gives its status,
    and the Ruby class has the same name (one table generates both)."""
    for case in CASES:
        if case["status"] != "OK":
            cls = getattr(cxmetrics, case["python"])
            assert issubclass(cls, cxmetrics.Error) and cls.name == case["status"], case["name"]
            assert case["ruby"] == case["python"], case["name"]
