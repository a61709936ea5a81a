#!/usr/bin/env bash
# The Ruby install check of tests/install/run (issue 14, items 3 and 8): the README's
# "Install / Ruby" commands and its first Ruby example ("Five minutes in C, Python and Ruby"),
# taken from README.md so that the README cannot drift from what works:
#   (a) `meson install`'s files under $CXM_PREFIX, found with the README's RUBYLIB line;
#   (b) the gem: `meson compile cxmetrics-gem` in the user's build, then the README's
#       `gem install` block in a fresh GEM_HOME against the library in $CXM_PREFIX (through
#       pkg-config), as a non-root user when this runs as root, with no SWIG on PATH, and the
#       example again with that GEM_HOME, without LD_LIBRARY_PATH.
# The README's Debian paths ($HOME/.local, $HOME/.gem/cxmetrics, build-release) are replaced
# by this run's ($CXM_PREFIX, a GEM_HOME here, $CXM_BUILD).
set -euo pipefail
: "${CXM_SRC:?}" "${CXM_BUILD:?}" "${CXM_PREFIX:?}" "${CXM_INSTALL_TMP:?}"
work=$CXM_INSTALL_TMP/ruby
mkdir -p "$work"

fail() {
	echo "ruby.sh: $*" >&2
	exit 1
}

# A build configured without the Ruby binding (CXM_INSTALL_SETUP_ARGS=-Druby=disabled while
# debugging) has nothing to check; any other build must have made the gem target.
ruby_opt=$(meson introspect --buildoptions "$CXM_BUILD" |
	/usr/bin/python3 -c 'import json, sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == "ruby"))')
if [ "$ruby_opt" = disabled ]; then
	echo "ruby.sh: skipped: the build was configured with -Druby=disabled"
	exit 0
fi

# The README's pieces: the Ruby example and its output, and the sh blocks of "### Ruby: a
# gem" (1: build the gem, 2: install it, 3: meson install + RUBYLIB).
/usr/bin/python3 - "$CXM_SRC/README.md" "$work" <<'EOF'
import os, re, sys
sys.path.insert(0, os.path.join(os.path.dirname(sys.argv[1]), "tests", "docs"))
import check_readme

text = open(sys.argv[1]).read()
def section(start, end):
    a = text.index(start)
    return text[a:text.index(end, a + len(start))]
five = section("### Ruby\n", "\n## ")
ruby = [(code, out) for lang, code, out in check_readme.examples(five) if lang == "ruby"]
install = section("### Ruby: a gem\n", "\n## ")
sh = re.findall(r"```sh\n(.*?)```", install, re.S)
if not ruby or len(sh) != 3:
    sys.exit(f"README.md: expected a Ruby example under '### Ruby' and 3 sh blocks under "
             f"'### Ruby: a gem', found {len(ruby)} and {len(sh)}")
for name, body in [("example.rb", ruby[0][0]), ("example.out", ruby[0][1]),
                   ("gem-build.sh", sh[0]), ("gem-install.sh", sh[1]), ("meson-install.sh", sh[2])]:
    with open(os.path.join(sys.argv[2], name), "w") as f:
        f.write(body)
EOF

# The README's paths -> this run's. Each replacement must have happened: a README that no
# longer says build-release / $HOME/.local fails here rather than testing something else.
localize() { # FILE: prints it with the README's paths replaced
	sed -e "s|build-release|$CXM_BUILD|g" -e "s|\$HOME/\.gem/cxmetrics|$work/gem-home|g" \
		-e "s|\$HOME/\.local|$CXM_PREFIX|g" "$1"
}

# The example's output, compared with the README's text block; the loaded extension must be
# the one under $2 (not another install that happens to be on the load path).
run_example() { # LABEL WHERE [runner...]
	local label=$1 where=$2
	shift 2
	local got
	# shellcheck disable=SC2016 # Ruby's $LOADED_FEATURES
	got=$("$@" ruby -e 'require "cxmetrics"; puts $LOADED_FEATURES.grep(%r{/cxmetrics/native\.[^/]+\z}).first') ||
		fail "$label: require \"cxmetrics\" failed"
	case $got in
	"$where"/*) ;;
	*) fail "$label: loaded $got, not the extension under $where" ;;
	esac
	(cd "$work" && "$@" ruby example.rb) >"$work/$label.out" 2>"$work/$label.err" ||
		{ cat "$work/$label.err" >&2; fail "$label: the README's Ruby example failed"; }
	diff -u "$work/example.out" "$work/$label.out" >&2 ||
		fail "$label: the README's Ruby example printed something else than the README shows"
	echo "ruby.sh: $label: the README's example printed the README's output (extension $got)"
}

# Nothing from the environment that could find another cxmetrics.
unset RUBYLIB RUBYOPT GEM_HOME GEM_PATH LD_LIBRARY_PATH PKG_CONFIG_PATH

# (a) meson install: the README's RUBYLIB line with this prefix.
rubylib_line=$(localize "$work/meson-install.sh" | grep '^export RUBYLIB=') ||
	fail "README.md '### Ruby: a gem': no 'export RUBYLIB=' line"
case $rubylib_line in *"$CXM_PREFIX"*) ;; *) fail "README.md's RUBYLIB line does not use \$HOME/.local: $rubylib_line" ;; esac
rubylib=${rubylib_line#export RUBYLIB=}
[ -f "${rubylib%%:*}/cxmetrics.rb" ] ||
	fail "meson install did not put cxmetrics.rb where the README's RUBYLIB says (${rubylib%%:*}); installed: $(find "$CXM_PREFIX" -name cxmetrics.rb)"
echo "ruby.sh: (a) meson install's files with RUBYLIB=$rubylib"
run_example meson-install "$CXM_PREFIX" env RUBYLIB="$rubylib"

# (b) the gem, built in the user's build directory by the README's command.
echo "ruby.sh: (b) the gem: $(localize "$work/gem-build.sh")"
(cd "$work" && bash -euo pipefail -c "$(localize "$work/gem-build.sh")") >"$work/gem-build.log" 2>&1 ||
	{ cat "$work/gem-build.log" >&2; fail "the README's gem build command failed"; }
gems=("$CXM_BUILD"/bindings/ruby/cxmetrics-*.gem)
if [ "${#gems[@]}" -ne 1 ] || [ ! -f "${gems[0]}" ]; then
	fail "expected one cxmetrics-*.gem in $CXM_BUILD/bindings/ruby, found: ${gems[*]}"
fi

# A PATH on which swig fails: the gem must not need it.
mkdir -p "$work/no-swig"
printf '#!/bin/sh\necho "swig was called: the gem must ship its wrapper" >&2\nexit 1\n' >"$work/no-swig/swig"
chmod +x "$work/no-swig/swig"
user_path=$work/no-swig:$PATH

# As root (CI), the gem is installed and used by nobody, a user who owns nothing but its
# GEM_HOME and HOME here; the scratch directory (mode 700) is opened to let it through.
as_user=()
user_home=$work/home
mkdir -p "$user_home" "$work/gem-home"
if [ "$(id -u)" -eq 0 ]; then
	if command -v runuser >/dev/null && id nobody >/dev/null 2>&1; then
		chmod a+x "$CXM_INSTALL_TMP"
		chmod -R a+rX "$work" "$CXM_PREFIX" "$CXM_BUILD/bindings/ruby"
		chown nobody "$user_home" "$work/gem-home"
		as_user=(runuser -u nobody --)
		echo "ruby.sh: (b) gem install as the non-root user nobody"
	else
		echo "ruby.sh: (b) no runuser or no user nobody: gem install as root"
	fi
fi
user_env=(env -i PATH="$user_path" HOME="$user_home" LANG=C.UTF-8)

# The README's install block, in a fresh login-like environment.
(cd "$work" && "${as_user[@]}" "${user_env[@]}" bash -euo pipefail -c "$(localize "$work/gem-install.sh")") \
	>"$work/gem-install.log" 2>&1 ||
	{ cat "$work/gem-install.log" >&2; fail "the README's gem install block failed"; }
version=$(PKG_CONFIG_PATH=$(dirname "$(find "$CXM_PREFIX" -name cxmetrics.pc -print -quit)") pkg-config --modversion cxmetrics)
[ "$(tail -1 "$work/gem-install.log")" = "$version" ] ||
	{ cat "$work/gem-install.log" >&2; fail "after gem install, the README's ruby -e line did not print the library version $version"; }
native=$(find "$work/gem-home" -path '*/cxmetrics/native.so' -print -quit)
[ -n "$native" ] || fail "no cxmetrics/native.so under the GEM_HOME"
dynamic=$(readelf -d "$native")
grep -q "R.*PATH.*$CXM_PREFIX" <<<"$dynamic" ||
	fail "$native has no rpath to the library under $CXM_PREFIX: $(grep -i path <<<"$dynamic")"
exported=$(nm -D --defined-only "$native" | awk '$2 == "T" { print $3 }')
[ "$exported" = Init_native ] || fail "$native exports more than Init_native: $exported"
gem_home=$work/gem-home
run_example gem "$gem_home" "${as_user[@]}" "${user_env[@]}" GEM_HOME="$gem_home"
