#!/usr/bin/python3
"""Run the README's C, Python and Ruby examples and compare their output.

A fenced ```c, ```python or ```ruby block followed by a ```text block is an
example: it is compiled / run and its standard output must equal the text
block. Usage: check_readme.py README.md LIBDIR INCLUDEDIR LANG...
(LANG: c, python, ruby - the languages whose binding was built; the
others' examples are skipped, and CI builds all three). Python runs
with the environment's PYTHONPATH, Ruby with its RUBYLIB, every example in the
README's directory (so it can read the repo's data files).
Prints "N passed, N failed".
"""
import os
import re
import subprocess
import sys
import tempfile

BLOCK = re.compile(r"```(\w+)\n(.*?)```", re.S)


def examples(text):
    blocks = [(m.group(1), m.group(2)) for m in BLOCK.finditer(text)]
    for (lang, code), (next_lang, output) in zip(blocks, blocks[1:]):
        if lang in ("c", "python", "ruby") and next_lang == "text":
            yield lang, code, output


def run(lang, code, libdir, incdir, tmp, cwd):
    if lang == "c":
        src = os.path.join(tmp, "example.c")
        exe = os.path.join(tmp, "example")
        with open(src, "w") as f:
            f.write(code)
        subprocess.run(["cc", "-std=c11", "-Wall", "-Werror", "-I", incdir, src, "-L", libdir,
                        "-lcxmetrics", "-Wl,-rpath," + libdir, "-o", exe], check=True)
        cmd = [exe]
    elif lang == "python":
        cmd = ["/usr/bin/python3", "-c", code]
    else:
        cmd = ["ruby", "-e", code]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=cwd).stdout


def main():
    readme, libdir, incdir, langs = sys.argv[1], sys.argv[2], sys.argv[3], set(sys.argv[4:])
    with open(readme) as f:
        found = list(examples(f.read()))
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for lang, code, expected in found:
            if lang not in langs:
                print(f"skipped the {lang} example: that binding was not built here")
                continue
            try:
                got = run(lang, code, libdir, incdir, tmp, os.path.dirname(os.path.abspath(readme)))
            except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as e:
                got = f"<{e}>"
            if got == expected:
                passed += 1
            else:
                failed += 1
                print(f"FAIL {lang} example: expected\n{expected}got\n{got}")
    if {lang for lang, _, _ in found} != {"c", "python", "ruby"}:
        print("FAIL the README must show an example in each of C, Python and Ruby")
        failed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
