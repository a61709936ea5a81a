#!/usr/bin/env python3
"""Check that no file of lib/ calls the C library's locale-dependent number
functions directly: printf-family formatting and strtod follow LC_NUMERIC, so
a host's setlocale(LC_ALL, "") in de_DE would turn 0.5 into "0,5" (spec §0.14).
They go through lib/core/locale.c (cxm__snprintf_c, cxm__vsnprintf_c,
cxm__strtod_c), the one file allowed to call them. Usage: check_locale_calls.py SRCROOT"""
import re
import sys
from pathlib import Path

BANNED = re.compile(r"(?<![\w])(v?s?n?printf|fprintf|sprintf|strto[fd]|strtold|atof|sscanf|setlocale)\s*\(")


def main() -> int:
    root = Path(sys.argv[1])
    bad = []
    for f in sorted((root / "lib").rglob("*.[ch]")):
        if f.name == "locale.c":
            continue
        text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), f.read_text(), flags=re.S)
        text = re.sub(r'"(?:\\.|[^"\\\n])*"', '""', text)
        for n, line in enumerate(text.splitlines(), 1):
            for m in BANNED.finditer(line):
                bad.append(f"{f.relative_to(root)}:{n}: {m.group(1)}() follows the locale; "
                           "use cxm__snprintf_c / cxm__vsnprintf_c / cxm__strtod_c (lib/core/locale.c)")
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
