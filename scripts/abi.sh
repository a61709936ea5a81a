# Sourced by scripts/check-abi and scripts/abi-baseline (conventions C8), from the
# repo root, with $build set: the soversion, the library and the baseline file.
# The soversion is read from meson.build (cxm_soversion), its only home.

abi_soversion=$(sed -n "s/^cxm_soversion = '\([0-9][0-9]*\)'.*/\1/p" meson.build)
if [ -z "$abi_soversion" ]; then
	echo "cannot read cxm_soversion = '<number>' from meson.build" >&2
	exit 1
fi
abi_library=$build/lib/libcxmetrics.so.$abi_soversion
abi_baseline=abi/libcxmetrics.so.$abi_soversion.abi

# abi_need TOOL: libabigail is Debian's abigail-tools (scripts/debian-packages.txt).
abi_need() {
	command -v "$1" >/dev/null && return 0
	echo "$1 not found: install abigail-tools (scripts/install-deps)" >&2
	exit 1
}

if [ ! -e "$abi_library" ]; then
	echo "no $abi_library: build it first (meson compile -C $build), with debug information" >&2
	exit 1
fi
# Without DWARF, abidw and abidiff see symbol names only, and abidiff (2.2) then
# passes a struct change even with --fail-no-debug-info: refuse such a build.
if ! readelf -S -W "$abi_library" | grep -q ' \.debug_info '; then
	echo "$abi_library has no debug information, so its types cannot be compared:" \
		"build with -g (-Dbuildtype=debugoptimized, as scripts/run-tests and scripts/setup configure build/)" >&2
	exit 1
fi
