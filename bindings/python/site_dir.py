#!/usr/bin/python3
"""Print the site-packages directory of a prefix for the running python3 (issue 14, item 2).

Usage: site_dir.py PREFIX. bindings/python/cxmetrics/meson.build runs it with the
python3 the binding is built for, to install the package where that python3 looks for a
prefix's packages. Debian's python3 (its sysconfig has the scheme deb_system) searches
<prefix>/lib/python3.X/dist-packages for /usr/local and its own dist-packages for /usr,
never <prefix>/lib/python3/dist-packages (meson's default there); any other python3
searches its posix_prefix scheme's platlib (lib/python3.X/site-packages, or lib64 where
the platform says so).
"""
import sys
import sysconfig


def main():
    if len(sys.argv) != 2 or not sys.argv[1].startswith("/"):
        sys.exit(f"usage: {sys.argv[0]} /absolute/prefix")
    prefix = sys.argv[1].rstrip("/") or "/"
    if "deb_system" in sysconfig.get_scheme_names():
        major, minor = sys.version_info[:2]
        print(f"{prefix}/lib/python{major}.{minor}/dist-packages")
    else:
        print(sysconfig.get_path("platlib", "posix_prefix",
                                 vars={"base": prefix, "platbase": prefix,
                                       "installed_base": prefix, "installed_platbase": prefix}))


if __name__ == "__main__":
    main()
