#!/usr/bin/env bash
# Install check for Python (issue 14, item 2), run by tests/install/run after `meson install`
# into $CXM_PREFIX (the variables are the driver's):
#   (a) Debian's python3 imports the package `meson install` put under $CXM_PREFIX with the
#       PYTHONPATH the README gives, and runs the README's first Python example;
#   (b) `pip install --no-build-isolation --no-index` of a copy of the clone into a fresh
#       `python3 -m venv --system-site-packages`, then the same example from / with the
#       venv's python.
# Both: the extension holds the core (no NEEDED libcxmetrics.so, only PyInit__native
# exported); the wheel carries the Python package alone, with meson.build's metadata.
set -euo pipefail

fail() {
	echo "python.sh: $*" >&2
	exit 1
}

work=$CXM_INSTALL_TMP/python
mkdir -p "$work"
py=/usr/bin/python3 # Debian's, with numpy (docs/conventions.md, pitfall 1)
pyver=$("$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])')

# The README's first Python example and the output it shows (the same pairing of a python
# block with the text block after it as tests/docs/check_readme.py, so the README cannot
# drift from what is run here).
"$py" - "$CXM_SRC/README.md" "$work" <<'EOF'
import sys
sys.path.insert(0, sys.argv[1].rsplit("/", 1)[0] + "/tests/docs")
import check_readme
with open(sys.argv[1]) as f:
    code, output = next((c, o) for lang, c, o in check_readme.examples(f.read()) if lang == "python")
with open(sys.argv[2] + "/example.py", "w") as f:
    f.write(code)
with open(sys.argv[2] + "/expected.txt", "w") as f:
    f.write(output)
EOF

# run_example PYTHON DIR: the example with that interpreter in that directory, output compared.
run_example() {
	local got
	got=$(cd "$2" && "$1" "$work/example.py") || fail "the README example failed with $1 in $2"
	[ "$got" == "$(cat "$work/expected.txt")" ] ||
		fail "the README example printed, with $1 in $2:"$'\n'"$got"$'\n'"instead of:"$'\n'"$(cat "$work/expected.txt")"
}

# check_extension PACKAGE_DIR: the core is inside the extension: it needs no libcxmetrics.so
# and exports nothing but PyInit__native (the core's symbols stay local).
check_extension() {
	local ext
	ext=$(find "$1" -maxdepth 1 -name '_native*.so')
	[ -n "$ext" ] || fail "no _native extension in $1"
	if readelf -d "$ext" | grep -q 'NEEDED.*libcxmetrics'; then
		fail "$ext needs libcxmetrics.so: the core must be linked in statically"
	fi
	local exported
	exported=$(readelf --dyn-syms -W "$ext" | awk '$7 != "UND" && ($5 == "GLOBAL" || $5 == "WEAK") && $4 != "NOTYPE" { print $8 }' | sort -u)
	[ "$exported" == "PyInit__native" ] ||
		fail "$ext exports more than PyInit__native:"$'\n'"$exported"
}

echo "(a) meson install: the package under $CXM_PREFIX, imported by $py through PYTHONPATH"
site=$CXM_PREFIX/lib/python$pyver/dist-packages
[ -f "$site/cxmetrics/__init__.py" ] ||
	fail "meson install did not put the package in $site (the README's PYTHONPATH); it installed: $(find "$CXM_PREFIX" -name __init__.py -path '*cxmetrics*')"
[ ! -e "$CXM_PREFIX/lib/python3/dist-packages" ] ||
	fail "meson install used $CXM_PREFIX/lib/python3/dist-packages, which Debian's python3 does not search"
check_extension "$site/cxmetrics"
where=$(cd "$work" && PYTHONPATH=$site "$py" -c 'import cxmetrics; print(cxmetrics.__file__)')
[ "$where" == "$site/cxmetrics/__init__.py" ] || fail "PYTHONPATH=$site imported cxmetrics from $where"
export PYTHONPATH=$site
run_example "$py" "$work"
unset PYTHONPATH

echo "(b) pip install --no-build-isolation --no-index into a venv --system-site-packages, used from /"
# A copy of the clone (its tracked and untracked, not ignored files as they are now), so that
# pip's build (meson-python writes .mesonpy-* into the tree it builds) leaves the clone alone.
git -C "$CXM_SRC" rev-parse --is-inside-work-tree >/dev/null 2>&1 ||
	fail "$CXM_SRC is not a git clone (the copy for pip takes git's list of files)"
mkdir -p "$work/src"
(cd "$CXM_SRC" && git ls-files -z --cached --others --exclude-standard |
	while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
	xargs -0 cp --parents -t "$work/src")
"$py" -m venv --system-site-packages "$work/venv"
vpy=$work/venv/bin/python
if ! "$vpy" -m pip install --no-build-isolation --no-index "$work/src" >"$work/pip.log" 2>&1; then
	tail -n 60 "$work/pip.log" >&2
	fail "pip install --no-build-isolation --no-index failed (the log's end is above)"
fi
vsite=$("$vpy" -c 'import sysconfig; print(sysconfig.get_path("platlib"))')
where=$(cd / && "$vpy" -c 'import cxmetrics; print(cxmetrics.__file__)')
[ "$where" == "$vsite/cxmetrics/__init__.py" ] || fail "the venv imported cxmetrics from $where, not from $vsite"
check_extension "$vsite/cxmetrics"
run_example "$vpy" /

# What the wheel installed: the package and its dist-info, nothing of the C library, headers,
# cxm, data files or Ruby (-Dpython_only=true from pyproject.toml), and no bundled libraries.
"$vpy" - "$CXM_SRC" "$CXM_BUILD" <<'EOF'
import importlib.metadata as md
import json
import re
import subprocess
import sys

src, build = sys.argv[1], sys.argv[2]
dist = md.distribution("cxmetrics")
extra = [str(f) for f in dist.files
         if not (str(f).startswith("cxmetrics/") or str(f).startswith("cxmetrics-"))]
if extra:
    sys.exit("python.sh: the wheel installed files outside the package: " + ", ".join(extra))
# The metadata's one owner is meson.build (project() version and licence, cxm_homepage): the
# version as the user's build configured it, the licence and homepage from its text (meson
# 1.0's introspection has no licence).
info = json.loads(subprocess.run(["meson", "introspect", "--projectinfo", build],
                                 capture_output=True, text=True, check=True).stdout)
with open(src + "/meson.build") as f:
    text = f.read()
homepage = re.search(r"^cxm_homepage = '([^']*)'", text, re.M).group(1)
licence_meson = re.search(r"^project\(.*?\blicense: '([^']*)'", text, re.S | re.M).group(1)
meta = dist.metadata
problems = []
if meta["Version"] != info["version"]:
    problems.append(f"Version {meta['Version']} but meson.build says {info['version']}")
urls = meta.get_all("Project-URL") or []
if f"Homepage, {homepage}" not in urls:
    problems.append(f"Project-URL {urls} lacks Homepage, {homepage}")
# License: the text of LICENSE (pyproject's license = {file = "LICENSE"}), whose first line
# names the licence meson.build declares ("MIT License" for 'MIT').
licence = meta.get("License") or ""
if licence.splitlines()[:1] != [f"{licence_meson} License"]:
    problems.append(f"License {licence[:40]!r} does not match meson.build's '{licence_meson}'")
if problems:
    sys.exit("python.sh: the wheel's metadata: " + "; ".join(problems))
print(f"the wheel: {len(dist.files)} files, cxmetrics {meta['Version']}, metadata as meson.build")
EOF
echo "python.sh: both installs run the README example"
