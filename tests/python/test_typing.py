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
def test_mypy_accepts_the_api_in_use(tmp_path):
    pkg_root = os.path.dirname(os.path.dirname(cx.__file__))
    env = dict(os.environ, MYPYPATH=pkg_root)
    # --follow-imports=silent: errors are reported for typing_check.py, the
    # user's code, with the package's annotations; the package's own bodies
    # (and the SWIG-generated native.py) are not the subject here.
    cmd = [sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir", str(tmp_path),
           "--follow-imports=silent", "--ignore-missing-imports", "--no-error-summary",
           "--python-version", f"{sys.version_info[0]}.{sys.version_info[1]}",
           os.path.join(HERE, "typing_check.py")]
    p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stdout + p.stderr


@pytest.mark.skipif(not _has_mypy(), reason="mypy is not installed (Debian: python3-mypy)")
def test_mypy_catches_a_wrong_call(tmp_path):
    # the check has teeth: a wrong type at a call is reported
    bad = tmp_path / "bad.py"
    bad.write_text("import cxmetrics as cx\nx: str = cx.z_crit(0.95)\ncx.wilson('81', 263)\n")
    env = dict(os.environ, MYPYPATH=os.path.dirname(os.path.dirname(cx.__file__)))
    p = subprocess.run([sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir",
                        str(tmp_path / "cache"), "--follow-imports=silent",
                        "--ignore-missing-imports", str(bad)],
                       env=env, capture_output=True, text=True, timeout=300)
    assert p.returncode == 1, p.stdout + p.stderr
    assert "bad.py:2" in p.stdout and "bad.py:3" in p.stdout


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
