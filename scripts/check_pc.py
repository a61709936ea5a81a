#!/usr/bin/env python3
"""Check a generated cxmetrics.pc (issue 14, items 4 and 7): every field once, no
requirement or flag listed twice (meson 1.0 wrote `libcjson >=  1.7.13, libcjson >= 1.7.13`
when lib/meson.build named a dependency the library already had), and the metadata equal to
meson.build's, its one owner: Version, URL (the homepage) and the `license` variable.

Usage: check_pc.py --version V --url U --license L FILE.pc...
       check_pc.py --self-test
Prints one line per problem, naming the file, the line and the value; exits 1 on any.
With pkg-config on PATH, each file must also pass `pkg-config --validate`.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

# pkg-config's fields (pkg-config(1), pkgconf's pc(5)); any other "Key:" line is a typo.
FIELDS = {"Name", "Description", "URL", "Version", "Requires", "Requires.private",
          "Conflicts", "Provides", "Libs", "Libs.private", "Cflags", "Cflags.private"}
REQUIRED = ("Name", "Description", "URL", "Version", "Libs", "Cflags")
LINE = re.compile(r"^(?:(?P<var>[A-Za-z0-9_.]+)\s*=\s*(?P<val>.*)|(?P<key>[A-Za-z0-9_.]+):\s*(?P<fval>.*))$")
# A requirement: a module name, optionally an operator and a version.
REQ = re.compile(r"\s*([^\s,<>=!]+)\s*(?:(<=|>=|!=|=|<|>)\s*([^\s,]+))?\s*,?")


def requirements(text):
    """The module names of a Requires line, in order ("a >= 1, b" → ["a", "b"])."""
    names, pos = [], 0
    text = text.strip()
    while pos < len(text):
        m = REQ.match(text, pos)
        if not m or m.end() == pos:
            raise ValueError(f"cannot read the requirement at {text[pos:]!r}")
        names.append(m.group(1))
        pos = m.end()
    return names


def check(path, text, version, url, license_):
    """The problems of one .pc file's text, each a line naming path:line and the value."""
    problems = []
    fields, variables = {}, {}
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        m = LINE.match(line)
        where = f"{path}:{number}"
        if not m:
            problems.append(f"{where}: neither a variable nor a field: {raw!r}")
        elif m.group("var"):
            if m.group("var") in variables:
                problems.append(f"{where}: variable {m.group('var')} set twice")
            variables[m.group("var")] = (m.group("val").strip(), number)
        elif m.group("key") not in FIELDS:
            problems.append(f"{where}: unknown field {m.group('key')!r}")
        elif m.group("key") in fields:
            problems.append(f"{where}: field {m.group('key')} given twice "
                            f"(first on line {fields[m.group('key')][1]})")
        else:
            fields[m.group("key")] = (m.group("fval").strip(), number)
    for key in REQUIRED:
        if key not in fields:
            problems.append(f"{path}: no {key} field")
    for key, want in (("Version", version), ("URL", url)):
        if key in fields and fields[key][0] != want:
            problems.append(f"{path}:{fields[key][1]}: {key} is {fields[key][0]!r}, "
                            f"meson.build says {want!r}")
    if "license" not in variables:
        problems.append(f"{path}: no license variable (meson.build says {license_!r})")
    elif variables["license"][0] != license_:
        problems.append(f"{path}:{variables['license'][1]}: license is "
                        f"{variables['license'][0]!r}, meson.build says {license_!r}")
    # A module in Requires and in Requires.private, or twice in one, is a duplicate.
    seen = {}
    for key in ("Requires", "Requires.private"):
        if key not in fields:
            continue
        value, number = fields[key]
        try:
            names = requirements(value)
        except ValueError as e:
            problems.append(f"{path}:{number}: {key}: {e}")
            continue
        for name in names:
            if name in seen:
                problems.append(f"{path}:{number}: {key} lists {name} again "
                                f"(already in {seen[name]}): {value!r}")
            else:
                seen[name] = key
    for key in ("Libs", "Libs.private", "Cflags", "Cflags.private"):
        if key not in fields:
            continue
        value, number = fields[key]
        flags = value.split()
        for flag in sorted({f for f in flags if flags.count(f) > 1}):
            problems.append(f"{path}:{number}: {key} has {flag} {flags.count(flag)} times: {value!r}")
    if "Libs" in fields and "-lcxmetrics" not in fields["Libs"][0].split():
        problems.append(f"{path}:{fields['Libs'][1]}: Libs has no -lcxmetrics: {fields['Libs'][0]!r}")
    return problems


def validate(path):
    """pkg-config's own reading of the file (the package named by the file's name)."""
    if not shutil.which("pkg-config"):
        return []
    name = os.path.basename(path)[:-len(".pc")]
    env = dict(os.environ, PKG_CONFIG_PATH=os.path.dirname(os.path.abspath(path)))
    r = subprocess.run(["pkg-config", "--validate", name], capture_output=True, text=True, env=env)
    if r.returncode != 0:
        return [f"{path}: pkg-config --validate {name} failed: {(r.stdout + r.stderr).strip()}"]
    return []


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    args, files = {}, []
    it = iter(argv[1:])
    for a in it:
        if a in ("--version", "--url", "--license"):
            args[a[2:]] = next(it, None)
        else:
            files.append(a)
    if None in args.values() or len(args) != 3 or not files:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    problems = []
    for path in files:
        with open(path, encoding="utf-8") as f:
            problems += check(path, f.read(), args["version"], args["url"], args["license"])
        problems += validate(path)
    for p in problems:
        print(p)
    print(f"{len(files)} file(s) checked, {len(problems)} problem(s)")
    return 1 if problems else 0


# ---- self-test: the checker must catch what it is for ------------------------
_GOOD = """prefix=/usr/local
includedir=${prefix}/include
libdir=${prefix}/lib/x86_64-linux-gnu

license=MIT

Name: cxmetrics
Description: Customer-experience analytics
URL: https://example.org/cxm
Version: 1.2.3
Requires.private: libcjson >= 1.7.13, zlib
Libs: -L${libdir} -lcxmetrics
Libs.private: -lm -lmvec -pthread
Cflags: -I${includedir}
"""
_BAD = [  # (what to replace in _GOOD, by what, words the problem must contain)
    ("libcjson >= 1.7.13, zlib", "libcjson >=  1.7.13, libcjson >= 1.7.13, zlib",
     "lists libcjson again"),
    ("libcjson >= 1.7.13, zlib", "libcjson >= 1.7.13 zlib zlib", "lists zlib again"),
    ("Libs: -L", "Requires: zlib\nLibs: -L", "zlib again (already in Requires)"),
    ("URL: https://example.org/cxm", "URL: https://example.org/other", "URL is"),
    ("URL: https://example.org/cxm\n", "", "no URL field"),
    ("Version: 1.2.3", "Version: 1.2.4", "Version is"),
    ("license=MIT", "license=GPL", "license is"),
    ("license=MIT", "", "no license variable"),
    ("Cflags:", "Name: again\nCflags:", "field Name given twice"),
    ("-lm -lmvec", "-lm -lmvec -lm", "-lm 2 times"),
    ("-lcxmetrics", "-lcxm", "no -lcxmetrics"),
    ("Cflags:", "Clfags: -I.\nCflags:", "unknown field 'Clfags'"),
]


def self_test():
    failures = 0
    problems = check("good.pc", _GOOD, "1.2.3", "https://example.org/cxm", "MIT")
    if problems:
        print(f"self-test: the good file gives {problems}")
        failures += 1
    for old, new, expected in _BAD:
        assert old in _GOOD, old
        text = _GOOD.replace(old, new, 1)
        problems = check("bad.pc", text, "1.2.3", "https://example.org/cxm", "MIT")
        if not any(expected in p for p in problems):
            print(f"self-test: expected a problem with {expected!r} after {new!r}, got {problems}")
            failures += 1
    # pkg-config itself on the good file (the lint passes it on the generated ones)
    if shutil.which("pkg-config"):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "selftest.pc")
            with open(path, "w") as f:
                f.write(_GOOD.replace("Requires.private: libcjson >= 1.7.13, zlib\n", ""))
            if validate(path):
                print(f"self-test: pkg-config --validate refuses the good file: {validate(path)}")
                failures += 1
    print(f"self-test: {1 + len(_BAD) - failures} of {1 + len(_BAD)} cases pass")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
