#!/usr/bin/env bash
# Install check, C (issue 14, items 4 and 8; run by tests/install/run after `meson install`
# into $CXM_PREFIX): README "Install / C" as a user follows it, with pkg-config only.
#   1. the user's build is meson.build's default: release, warnings not errors
#   2. the installed cxmetrics.pc: found under $CXM_PREFIX, metadata as meson.build says,
#      no duplicates (scripts/check_pc.py), its prefix/includedir/libdir inside $CXM_PREFIX
#   3. the README's example of "Five minutes in C" built with the README's own commands
#      (each must be a line of the README's ```sh blocks, so the two cannot drift):
#      without rpath it runs with LD_LIBRARY_PATH, with rpath without it, each printing the
#      README's output and using the library under $CXM_PREFIX (ldd); `pkg-config --static`
#      resolves the private requirements (libcjson, zlib) and links too.
# The README's commands are quoted as the README writes them and run with eval:
# shellcheck disable=SC2016
set -euo pipefail
work=$CXM_INSTALL_TMP/c
mkdir -p "$work"
readme=$CXM_SRC/README.md
section="C: the library"
fail() {
	echo "c.sh: $*" >&2
	exit 1
}
# Nothing of the caller's environment may find the library for us.
unset LD_LIBRARY_PATH PKG_CONFIG_PATH PKG_CONFIG_LIBDIR

echo "c.sh: the user's build options, cxmetrics.pc under $CXM_PREFIX"
read -r buildtype werror < <(meson introspect "$CXM_BUILD" --buildoptions | /usr/bin/python3 -c '
import json, sys
o = {x["name"]: x["value"] for x in json.load(sys.stdin)}
print(o["buildtype"], str(o["werror"]).lower())')
if [ "$buildtype" != release ] || [ "$werror" != false ]; then
	fail "the user's build is buildtype=$buildtype werror=$werror; meson.build's defaults must be release without -Werror"
fi

pc=$(find "$CXM_PREFIX" -path '*/pkgconfig/cxmetrics.pc' -print -quit)
[ -n "$pc" ] || fail "meson install wrote no pkgconfig/cxmetrics.pc under $CXM_PREFIX"
pcdir=$(dirname "$pc")
export PKG_CONFIG_PATH=$pcdir
# The metadata: one owner, meson.build (project() and cxm_homepage).
# (meson 1.0's introspection has the version but not the licence: read project()'s line.)
version=$(meson introspect "$CXM_BUILD" --projectinfo | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["version"])')
license=$(sed -n "s/^  license: '\([^']*\)',\$/\1/p" "$CXM_SRC/meson.build")
homepage=$(sed -n "s/^cxm_homepage = '\(.*\)'.*/\1/p" "$CXM_SRC/meson.build")
if [ -z "$version" ] || [ -z "$license" ] || [ -z "$homepage" ]; then
	fail "cannot read the version, \"  license: '...',\" and \"cxm_homepage = '...'\" of meson.build"
fi
/usr/bin/python3 "$CXM_SRC/scripts/check_pc.py" --version "$version" --url "$homepage" \
	--license "$license" "$pc" >"$work/check_pc.log" || { cat "$work/check_pc.log"; fail "the installed $pc is wrong"; }
[ "$(pkg-config --modversion cxmetrics)" = "$version" ] ||
	fail "pkg-config --modversion cxmetrics is $(pkg-config --modversion cxmetrics), not $version: another cxmetrics.pc?"
for var in prefix includedir libdir; do
	value=$(pkg-config --variable="$var" cxmetrics)
	case $value in
	"$CXM_PREFIX" | "$CXM_PREFIX"/*) ;;
	*) fail "pkg-config --variable=$var cxmetrics is $value, outside the prefix $CXM_PREFIX" ;;
	esac
done
libdir=$(pkg-config --variable=libdir cxmetrics)
[ -f "$(pkg-config --variable=includedir cxmetrics)/cxmetrics.h" ] || fail "no cxmetrics.h in the .pc's includedir"
[ "$libdir/pkgconfig" = "$pcdir" ] || fail "cxmetrics.pc is in $pcdir, not in its libdir $libdir/pkgconfig"
# The README's PKG_CONFIG_PATH line names Debian amd64's libdir: check it is meson's.
/usr/bin/python3 "$CXM_SRC/tests/install/readme_example.py" commands "$readme" "$section" >"$work/readme.sh"
if [ "$(uname -m)" = x86_64 ] && [ -f /etc/debian_version ]; then
	want="export PKG_CONFIG_PATH=\"\$HOME/.local/${pcdir#"$CXM_PREFIX"/}\""
	grep -Fqx -- "$want" "$work/readme.sh" || fail "README \"$section\" does not show the line: $want"
fi

echo "c.sh: the README's C example built with pkg-config, run with LD_LIBRARY_PATH and with rpath"
/usr/bin/python3 "$CXM_SRC/tests/install/readme_example.py" example "$readme" \
	"Five minutes in C, Python and Ruby" c "$work"
mv "$work/example.c" "$work/app.c"
# readme_cmd COMMAND: COMMAND must be a line of the README's section; run it in $work.
readme_cmd() {
	grep -Fqx -- "$1" "$work/readme.sh" || fail "README \"$section\" no longer shows the command: $1"
	(cd "$work" && eval "$1")
}
# uses_prefix BINARY [ENV...]: ldd finds libcxmetrics.so.0 under $CXM_PREFIX.
uses_prefix() {
	local binary=$1 found
	shift
	found=$(cd "$work" && env "$@" ldd "$binary" | awk '$1 ~ /^libcxmetrics\.so/ { print $3 }')
	case $found in
	"$CXM_PREFIX"/*) ;;
	*) fail "$binary ${*:+($*) }loads libcxmetrics from '${found:-nowhere}', not from $CXM_PREFIX" ;;
	esac
}
same_output() { # same_output FILE WHAT
	diff -u "$work/expected.txt" "$1" >"$work/diff.txt" ||
		{ cat "$work/diff.txt"; fail "$2 does not print the README's output (above: README, then ours)"; }
}

readme_cmd 'cc app.c $(pkg-config --cflags --libs cxmetrics) -o app'
# Without rpath or LD_LIBRARY_PATH the dynamic linker cannot know the prefix: the reason
# the README shows both. (A copy installed on this machine, e.g. in /usr/local, would be
# found instead: say so, it is not this check's failure.)
plain=$(cd "$work" && { ldd ./app || true; } | awk '$1 ~ /^libcxmetrics\.so/ { print $3, $4 }')
case $plain in
"not found") ;;
*) echo "c.sh: note: without LD_LIBRARY_PATH the program would load libcxmetrics from $plain (installed on this machine)" ;;
esac
uses_prefix ./app LD_LIBRARY_PATH="$libdir"
readme_cmd 'LD_LIBRARY_PATH="$(pkg-config --variable=libdir cxmetrics)" ./app' >"$work/out-ld-library-path.txt"
same_output "$work/out-ld-library-path.txt" "the example run with LD_LIBRARY_PATH"

readme_cmd 'cc app.c $(pkg-config --cflags --libs cxmetrics) -Wl,-rpath,"$(pkg-config --variable=libdir cxmetrics)" -o app'
readelf -d "$work/app" | grep -E '\((RUNPATH|RPATH)\)' | grep -Fq "[$libdir]" ||
	fail "the rpath build records no run path $libdir: $(readelf -d "$work/app" | grep -E 'RUNPATH|RPATH' || echo none)"
uses_prefix ./app
readme_cmd './app' >"$work/out-rpath.txt"
same_output "$work/out-rpath.txt" "the example built with rpath"

echo "c.sh: pkg-config --static --libs cxmetrics"
static=$(pkg-config --static --libs cxmetrics) || fail "pkg-config --static --libs cxmetrics failed (Requires.private not found?)"
for lib in -lcxmetrics -lcjson -lz; do
	case " $static " in
	*" $lib "*) ;;
	*) fail "pkg-config --static --libs cxmetrics has no $lib: $static" ;;
	esac
done
# shellcheck disable=SC2046  # word splitting of pkg-config's flags is the point
(cd "$work" && cc app.c $(pkg-config --cflags --static --libs cxmetrics) -Wl,-rpath,"$libdir" -o app-static)
"$work/app-static" >"$work/out-static.txt"
same_output "$work/out-static.txt" "the example linked with pkg-config --static"
echo "c.sh: ok ($pc, version $version)"
