"""Issue 14, item 6: the package's type hints (PEP 561, py.typed).

mypy (Debian's python3-mypy) checks typing_check.py, which uses the public
API as a user would, against the package under test; and inspect checks
that every public function and method carries annotations."""

import inspect
import os
import subprocess
import sys

import pytest

import cxmetrics as cx

HERE = os.path.dirname(os.path.abspath(__file__))


def _has_mypy():
    try:
        import mypy  # noqa: F401
    except ImportError:
        return False
    return True


def test_py_typed_is_shipped():
    # PEP 561: a type checker reads the package's annotations only with this marker
    assert os.path.isfile(os.path.join(os.path.dirname(cx.__file__), "py.typed"))


@pytest.mark.skipif(not _has_mypy(), reason="mypy is not installed (Debian: python3-mypy)")
def test_mypy(tmp_path):
    """One mypy run (it takes a while): typing_check.py, the API in use, has
    no error; bad.py, two wrong calls, has exactly those two (the check has
    teeth)."""
    bad = tmp_path / "bad.py"
    bad.write_text("import cxmetrics as cx\nx: str = cx.z_crit(0.95)\ncx.wilson('81', 263)\n")
    env = dict(os.environ, MYPYPATH=os.path.dirname(os.path.dirname(cx.__file__)))
    # --follow-imports=silent: errors are reported for the user's files,
    # checked against the package's annotations; the package's own bodies
    # (and the SWIG-generated native.py) are not the subject here.
    cmd = [sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir", str(tmp_path / "cache"),
           "--follow-imports=silent", "--ignore-missing-imports", "--no-error-summary",
           "--show-column-numbers", os.path.join(HERE, "typing_check.py"), str(bad)]
    p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    errors = [line for line in p.stdout.splitlines() if ": error:" in line]
    assert [e for e in errors if "typing_check.py" in e] == [], p.stdout + p.stderr
    assert sorted(e.split(":")[1] for e in errors if "bad.py" in e) == ["2", "3"], p.stdout + p.stderr


def _public_callables():
    out = []
    for name in cx.__all__:
        obj = getattr(cx, name)
        if inspect.isfunction(obj):
            out.append((name, obj))
        elif inspect.isclass(obj) and not issubclass(obj, BaseException) \
                and obj.__module__.startswith("cxmetrics"):
            for mname, m in vars(obj).items():
                if isinstance(m, (classmethod, staticmethod)):
                    m = m.__func__
                if isinstance(m, property):
                    m = m.fget
                if inspect.isfunction(m) and (not mname.startswith("_") or mname == "__init__") \
                        and m.__module__.startswith("cxmetrics"):
                    out.append((f"{name}.{mname}", m))
    return out


def test_every_public_function_is_annotated():
    missing = []
    for name, f in _public_callables():
        sig = inspect.signature(f)
        for p in sig.parameters.values():
            if p.name in ("self", "cls"):
                continue
            if p.annotation is inspect.Parameter.empty:
                missing.append(f"{name}({p.name})")
        if sig.return_annotation is inspect.Signature.empty:
            missing.append(f"{name} -> ?")
    assert missing == [], f"{len(missing)} without annotations: {missing[:40]}"
