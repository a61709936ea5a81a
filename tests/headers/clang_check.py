#!/usr/bin/python3
"""Compile a header test with clang's extra header warnings (issue 14, item 4).

Usage: clang_check.py COMPILER SOURCE FLAG...     (suite `headers` of meson test)

Runs COMPILER -fsyntax-only FLAG... SOURCE and fails on any diagnostic. The
flags are clang's (-Wdocumentation, -Wreserved-identifier, ...), which GCC,
the compiler of the build, does not have; hence a test of its own rather than
an executable() of the project's compiler.

Skips (exit 77, which meson reports as SKIP) with a message naming the cause
when COMPILER is not installed, or when it does not know one of the -W flags
(clang before 13 has no -Wreserved-identifier): a missing tool must read as
"not checked", never as "clean". Any warning or error fails the test: the
flags include -Werror, and a diagnostic printed without it fails too, so that
a flag that only warns cannot pass unnoticed.
"""
import shutil
import subprocess
import sys


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    compiler, source, flags = argv[1], argv[2], argv[3:]
    path = shutil.which(compiler)
    if path is None:
        print(f"SKIP: {compiler} is not installed (Debian: apt-get install clang); "
              f"the headers were not checked with {' '.join(f for f in flags if f.startswith('-W'))}")
        return 77
    # Does this clang know every warning flag? An unknown one is itself a
    # warning (-Wunknown-warning-option), an error under -Werror=.
    warnings = [f for f in flags if f.startswith("-W") and not f.startswith("-Werror")]
    probe = subprocess.run([path, "-Werror=unknown-warning-option", *warnings, "-fsyntax-only",
                            "-x", "c", "-"], input="", capture_output=True, text=True)
    if probe.returncode != 0:
        print(f"SKIP: {compiler} does not know these flags:\n{probe.stderr.strip()}")
        return 77
    cmd = [path, "-fsyntax-only", *flags, source]
    print(" ".join(cmd))
    run = subprocess.run(cmd, capture_output=True, text=True)
    out = (run.stdout + run.stderr).strip()
    if out:
        print(out)
    if run.returncode != 0 or out:
        print(f"FAIL: {compiler} reports the diagnostics above for the public headers")
        return 1
    print("clean")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
