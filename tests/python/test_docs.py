"""Every public function and class of the package is documented."""

import doctest
import inspect

import cxmetrics


def test_every_public_callable_has_a_docstring():
    missing = []
    for name in cxmetrics.__all__:
        obj = getattr(cxmetrics, name)
        if inspect.isfunction(obj) or inspect.isclass(obj):
            doc = inspect.getdoc(obj) or ""
            # exception classes carry the error table's one-line description
            short_ok = inspect.isclass(obj) and issubclass(obj, BaseException)
            if not doc or (len(doc) < 20 and not short_ok):
                missing.append(name)
            if inspect.isclass(obj) and not issubclass(obj, BaseException):
                for mname, m in vars(obj).items():
                    if inspect.isfunction(m) and not mname.startswith("_") and not m.__doc__:
                        missing.append(f"{name}.{mname}")
    assert not missing, missing


def test_function_docs_name_defaults_and_errors():
    for name in ("nps", "nps_wald", "csat", "wilson", "time_summary", "rfm_table",
                 "monthly_active_users", "clv_margin"):
        doc = getattr(cxmetrics, name).__doc__
        assert "Raises" in doc, name
        assert "Returns" in doc, name


def test_all_names_exist():
    for name in cxmetrics.__all__:
        assert hasattr(cxmetrics, name), name


def test_package_doctest():
    failures, tried = doctest.testmod(cxmetrics, verbose=False)
    assert tried > 0 and failures == 0
