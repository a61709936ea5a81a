#!/usr/bin/env python3
"""Check that lib/cxmetrics.map lists exactly the functions the public headers
declare with CXM_API, and (given the built library) that the library exports
exactly those. Usage: check_exports.py SRCROOT [LIBRARY.so]"""
import re
import subprocess
import sys
from pathlib import Path


def declared(root: Path):
    names = set()
    for h in sorted((root / "include").rglob("*.h")):
        text = re.sub(r"/\*.*?\*/", "", h.read_text(), flags=re.S)
        for m in re.finditer(r"CXM_API\b[^;(]*?\b(cxm_\w+)\s*\(", text):
            names.add(m.group(1))
    return names


def mapped(root: Path):
    text = (root / "lib" / "cxmetrics.map").read_text()
    return set(re.findall(r"\b(cxm_\w+)\s*;", text))


def exported(lib: str):
    out = subprocess.run(["nm", "-D", "--defined-only", lib], capture_output=True, text=True,
                         check=True).stdout
    return {line.split()[-1].split("@")[0] for line in out.splitlines()
            if line.split()[-2:-1] == ["T"]}


def main():
    root = Path(sys.argv[1])
    d, m = declared(root), mapped(root)
    bad = 0
    for name in sorted(d - m):
        print(f"declared in a header but missing from lib/cxmetrics.map: {name}")
        bad += 1
    for name in sorted(m - d):
        print(f"listed in lib/cxmetrics.map but declared in no header: {name}")
        bad += 1
    if len(sys.argv) > 2:
        e = exported(sys.argv[2])
        for name in sorted(d - e):
            print(f"declared but not exported by {sys.argv[2]}: {name}")
            bad += 1
        for name in sorted(e - d):
            print(f"exported but not declared in a public header: {name}")
            bad += 1
    print(f"{len(d) - bad if bad <= len(d) else 0} passed, {bad} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
