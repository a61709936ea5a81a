"""The harness shared by the cxm end-to-end scripts (run_cli_tests.py,
run_clv_cli_tests.py): run cxm from the source root, count passed and failed checks,
print "N passed, N failed" and exit 1 if anything failed.

meson runs the scripts as `python3 tests/cli/run_*.py`, so this sibling module is
importable without installing anything.
"""
import json
import os
import subprocess
import sys


class Cli:
    """cxm at `cxm` (made absolute: meson may pass it relative to the build directory, our
    starting directory), run with `root` as working directory, each run limited to `timeout` s."""

    def __init__(self, cxm, root, timeout):
        self.cxm, self.root, self.timeout = os.path.abspath(cxm), root, timeout
        self.passed = 0
        self.failed = 0

    def run(self, *args):
        p = subprocess.run([self.cxm, *args], cwd=self.root, capture_output=True, text=True,
                           timeout=self.timeout)
        return p.returncode, p.stdout, p.stderr

    def check(self, name, cond, detail=""):
        if cond:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL {name}{': ' + detail if detail else ''}")

    def ok(self, name, *args, quiet=True, output_on_failure=False):
        """Run cxm; it must succeed (and, when quiet, write nothing on stderr). Returns stdout
        ("" if cxm failed, unless output_on_failure)."""
        rc, out, err = self.run(*args)
        self.check(name + " exits 0", rc == 0, f"rc={rc} stderr={err!r}")
        if quiet:
            self.check(name + " writes nothing on stderr", err == "", repr(err))
        return out if rc == 0 or output_on_failure else ""

    def ok_json(self, name, *args, **kw):
        """ok() on a command printing JSON; the parsed document, {} if it is not JSON."""
        out = self.ok(name, *args, **kw)
        try:
            return json.loads(out)
        except ValueError as e:
            self.check(name + " prints valid JSON", False, f"{e}: {out[:200]!r}")
            return {}

    def fails(self, name, code, needles, *args):
        """Run cxm; it must fail with `code` and one stderr line 'cxm: ...' holding every needle."""
        rc, out, err = self.run(*args)
        self.check(name + f" exits {code}", rc == code, f"rc={rc} stderr={err!r}")
        self.check(name + " prints nothing on stdout", out == "", repr(out[:200]))
        lines = err.splitlines()
        self.check(name + " prints one line 'cxm: ...'", len(lines) == 1 and lines[0].startswith("cxm: "),
                   repr(err))
        for n in needles:
            self.check(name + f" message names {n!r}", n in err, repr(err))

    def finish(self):
        """Print the counts and exit: 1 if any check failed, else 0."""
        print(f"{self.passed} passed, {self.failed} failed")
        sys.exit(1 if self.failed else 0)
