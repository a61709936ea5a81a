"""The bad-input catalogue through the cxm command (tests/badinput/README.md): every case
of cases.json runs `cxm <cli args>` and must exit with the manifest's code, print exactly
the manifest's stderr ("cxm: " and the library's message, unless the case gives its own
line) and, on success, its stdout (exact, or the JSON values of "result"). A case with a
key this runner does not know fails, so that no expectation is silently left out.

usage: run_badinput_cli.py CXM
Prints one line per failed check, then "N passed, N failed"; exits 1 when a check failed.
"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
# The keys of a case (README.md); "call" and "python", "ruby" are the library runners'.
CASE_KEYS = {"name", "about", "file", "generate", "stdin", "call", "cli", "status", "exit", "python", "ruby",
             "message", "result", "stdout", "stderr"}


def fill(text, path):
    return text.replace("{FILE}", path).replace("{DATA}", DATA)


def subset(expected, got, where="json"):
    """Lines naming each key of `expected` that `got` lacks or holds another value for."""
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return [f"{where}: {got!r} is not an object"]
        return [m for k, v in expected.items()
                for m in (subset(v, got[k], f"{where}.{k}") if k in got else [f"{where}: no key {k!r}"])]
    return [] if got == expected else [f"{where} = {got!r}, expected {expected!r}"]


def main():
    cxm = os.path.abspath(sys.argv[1])
    with open(os.path.join(HERE, "cases.json"), encoding="utf-8") as f:
        cases = json.load(f)["cases"]
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="cxm-badinput-") as tmp:
        for case in cases:
            name = case["name"]
            unknown = sorted(set(case) - CASE_KEYS)
            if unknown:
                print(f"FAIL {name}: unknown keys {unknown} (README.md)")
                failed += 1
                continue
            if "generate" in case:
                g = case["generate"]
                path = os.path.join(tmp, g["name"])
                with open(path, "wb") as out:
                    out.write(g["head"].encode())
                    out.write(g["repeat"].encode() * g["count"])
                    out.write(g["tail"].encode())
            else:
                path = os.path.join(DATA, case["file"])
            stdin = open(path, "rb") if case.get("stdin") else subprocess.DEVNULL
            shown = "-" if case.get("stdin") else path
            try:
                p = subprocess.run([cxm, *[fill(a, path) for a in case["cli"]]], stdin=stdin,
                                   capture_output=True, timeout=300)
            finally:
                if stdin is not subprocess.DEVNULL:
                    stdin.close()
            out, err = p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
            problems = []
            if p.returncode != case["exit"]:
                problems.append(f"exit {p.returncode}, expected {case['exit']}")
            if "stderr" in case:
                want_err = fill(case["stderr"], shown)
            elif case["status"] != "OK":
                want_err = "cxm: " + fill(case["message"], shown) + "\n"
            else:
                want_err = ""
            if err != want_err:
                problems.append(f"stderr {err!r}, expected {want_err!r}")
            if "stdout" in case:
                if out != case["stdout"]:
                    problems.append(f"stdout {out!r}, expected {case['stdout']!r}")
            elif case["status"] != "OK" and out != "":
                problems.append(f"stdout {out[:200]!r}, expected nothing")
            if "json" in case.get("result", {}):
                try:
                    problems += subset(case["result"]["json"], json.loads(out))
                except ValueError as e:
                    problems.append(f"stdout is not JSON ({e}): {out[:200]!r}")
            for m in problems:
                print(f"FAIL {name}: {m}")
            failed += bool(problems)
            passed += not problems
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
