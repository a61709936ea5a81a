#!/usr/bin/python3
"""Check that every spec section the sources cite exists in docs/spec.md.

Usage: check_spec_refs.py SOURCE_ROOT

Collects every citation of a spec section - a section sign followed by N or
N.M - in the text files under lib/, include/, tools/, bindings/, tests/ and
docs/ (so docs/spec.md's own cross-references count too), and fails, naming
file:line, for each one that docs/spec.md has no heading for. A heading is a
Markdown heading line whose text starts with the section sign and number
("### §1.3 Wald interval"). Also fails when docs/spec.md numbers a section
twice.

A list written with one section sign and bare numbers of the same major
section ("spec §5.1, 5.2, 5.3") counts every number, and a range ("§0.4-§0.6",
"§1-§3") every section in it. A citation of another
document (the shared anchors README: "anchors §2", "anchors/README.md §2") is
not a spec citation and is skipped.

Prints a summary and exits 0 when everything resolves, 1 otherwise.
"""
import os
import re
import sys

SCAN_DIRS = ("lib", "include", "tools", "bindings", "tests", "docs")
SPEC = os.path.join("docs", "spec.md")
SIGN = "\u00a7"

# A citation, with any bare numbers of the same major section listed after it.
CITATION = re.compile(SIGN + r"(\d+(?:\.\d+)?)((?:\s*,\s*\d+\.\d+)*)")
BARE = re.compile(r"\d+\.\d+")
HEADING = re.compile(r"^#{1,6}\s+" + SIGN + r"(\d+(?:\.\d+)?)(?=\s|$)")
# What may precede a citation of another document on the same line.
FOREIGN = re.compile(r"\banchors(?:/README\.md)?\s*$")


def headings(spec_path):
    """{section: first line number} of the spec's headings, and duplicates."""
    found, dups = {}, []
    with open(spec_path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            m = HEADING.match(line)
            if not m:
                continue
            sec = m.group(1)
            if sec in found:
                dups.append((lineno, sec, found[sec]))
            else:
                found[sec] = lineno
    return found, dups


def text_lines(path):
    """The lines of a text file, or None for a binary or non-UTF-8 file."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return None
    if b"\0" in data:
        return None
    try:
        return data.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        return None


def between(a, b):
    """The sections strictly between a and b when "a-b" is a range of one
    level (1-3, or 0.4-0.6 within one major section); else none."""
    pa, pb = a.split("."), b.split(".")
    if len(pa) != len(pb) or pa[:-1] != pb[:-1]:
        return []
    lo, hi = int(pa[-1]), int(pb[-1])
    return [".".join(pa[:-1] + [str(k)]) for k in range(lo + 1, hi)]


def citations(line):
    """The sections a line cites (in order, repeats kept)."""
    out = []
    prev_end, prev_sec = None, None
    for m in CITATION.finditer(line):
        if FOREIGN.search(line[:m.start()]):
            prev_end = None
            continue
        first = m.group(1)
        if prev_end is not None and line[prev_end:m.start()].strip() in ("-", "\u2013"):
            out.extend(between(prev_sec, first))
        out.append(first)
        major = first.split(".")[0]
        bares = [b for b in BARE.findall(m.group(2)) if b.split(".")[0] == major]
        out.extend(bares)
        prev_end, prev_sec = m.end(), (bares[-1] if bares else first)
    return out


def source_files(root):
    for top in SCAN_DIRS:
        base = os.path.join(root, top)
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "__pycache__")
            for name in sorted(filenames):
                yield os.path.join(dirpath, name)


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: check_spec_refs.py SOURCE_ROOT\n")
        return 2
    root = sys.argv[1]
    spec_path = os.path.join(root, SPEC)
    if not os.path.isfile(spec_path):
        print(f"{SPEC}: missing")
        return 1
    sections, dups = headings(spec_path)
    failures = 0
    for lineno, sec, first in dups:
        print(f"{SPEC}:{lineno}: heading {SIGN}{sec} repeats the one on line {first}")
        failures += 1
    n_cites, n_files, cited = 0, 0, set()
    for path in source_files(root):
        lines = text_lines(path)
        if lines is None:
            continue
        rel = os.path.relpath(path, root)
        seen_here = False
        for lineno, line in enumerate(lines, 1):
            if SIGN not in line:
                continue
            for sec in citations(line):
                n_cites += 1
                seen_here = True
                cited.add(sec)
                if sec not in sections:
                    print(f"{rel}:{lineno}: cites {SIGN}{sec}, which {SPEC} has no heading for")
                    failures += 1
        n_files += seen_here
    if failures:
        print(f"{failures} problem(s); {n_cites} citations in {n_files} files, "
              f"{len(sections)} headings in {SPEC}")
        return 1
    print(f"ok: {n_cites} citations of {len(cited)} sections in {n_files} files; "
          f"all have a heading in {SPEC} ({len(sections)} headings)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
