#!/usr/bin/env python3
"""Fail when a text file of the repo names an absolute path of one machine (a home
directory, a checkout under a work or farm root), which breaks on every other machine
and in every other worktree: paths in the repo are relative to the repo root, or to
../shared, the shared folder beside it. Suite `lint` of meson test.

Checks the files git would commit: tracked ones and untracked ones it does not ignore,
so a new file is caught before its first commit. Binary files (a NUL byte) are skipped.
Usage: check_paths.py SRCROOT. Exit 0 clean, 1 paths found, 77 (skipped) outside git."""
import re
import subprocess
import sys
from pathlib import Path

# The roots this project's machines keep checkouts and homes under; a path that
# starts with one of them is machine-specific. The character before the slash
# must not belong to a word or a relative path ("x/home/", "../work/" pass).
MACHINE_PATH = re.compile(r"(^|[^A-Za-z0-9_.])/(work|farm|root|home)/")


def candidates(root: Path):
    out = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "--cached", "--others",
                          "--exclude-standard"], capture_output=True, check=True).stdout
    return sorted({name for name in out.decode().split("\0") if name})


def main():
    root = Path(sys.argv[1])
    try:
        names = candidates(root)
    except (OSError, subprocess.CalledProcessError):
        print(f"{root} is not a git checkout: nothing to check (skipped)")
        return 77
    checked = found = 0
    for name in names:
        path = root / name
        if not path.is_file():  # deleted in the worktree, not yet in the index
            continue
        data = path.read_bytes()
        if b"\0" in data:
            continue
        checked += 1
        for number, line in enumerate(data.decode("utf-8", "replace").splitlines(), 1):
            if MACHINE_PATH.search(line):
                print(f"{name}:{number}: machine-specific absolute path: {line.strip()}")
                found += 1
    print(f"{checked} text files checked, {found} machine-specific paths "
          "(write them relative to the repo root or to ../shared)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
