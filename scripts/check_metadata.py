#!/usr/bin/env python3
"""The project's metadata has one owner, meson.build (issue 14, item 7): project() holds
the version and the licence, cxm_homepage the repository, LICENSE the licence's text.
Fail when a copy disagrees: pyproject.toml (the version must be dynamic, i.e. meson's; the
licence and homepage are repeated there because meson-python 0.12 cannot take them from
meson), the gemspec template (it must take all three from meson, never spell them), the
pkg.generate() call behind cxmetrics.pc (its URL must be cxm_homepage) and LICENSE itself.
With a build directory, the generated cxmetrics.pc is checked as well. Suite `lint`.
Usage: check_metadata.py SRCROOT [BUILDDIR]; --self-test checks the checker."""
import re
import sys
import tomllib
from pathlib import Path

# The SPDX names this project could declare, with LICENSE's first line and the trove classifier.
LICENSES = {"MIT": ("MIT License", "License :: OSI Approved :: MIT License")}


def meson_metadata(text):
    proj = re.search(r"project\((.*?)\)\n", text, re.S)
    if not proj:
        raise ValueError("meson.build: no project() call")
    version = re.search(r"version:\s*'([^']+)'", proj.group(1))
    lic = re.search(r"license:\s*'([^']+)'", proj.group(1))
    home = re.search(r"^cxm_homepage\s*=\s*'([^']+)'", text, re.M)
    if not (version and lic and home):
        raise ValueError("meson.build: project() version/license or cxm_homepage missing")
    return {"version": version.group(1), "license": lic.group(1), "homepage": home.group(1)}


def check_pyproject(meta, text):
    errors = []
    proj = tomllib.loads(text).get("project", {})
    if "version" in proj:
        errors.append(f"pyproject.toml: [project] version = {proj['version']!r} is a second "
                      "owner of the version; declare dynamic = [\"version\"] (meson's)")
    if "version" not in proj.get("dynamic", []):
        errors.append("pyproject.toml: [project] dynamic must list \"version\"")
    lic = proj.get("license", {})
    want_first, want_classifier = LICENSES.get(meta["license"], (None, None))
    if lic != {"file": "LICENSE"} and lic != {"text": meta["license"]}:
        errors.append(f"pyproject.toml: license = {lic!r}; want {{file = \"LICENSE\"}} or "
                      f"{{text = \"{meta['license']}\"}} (meson.build says {meta['license']})")
    for c in proj.get("classifiers", []):
        if c.startswith("License ::") and c != want_classifier:
            errors.append(f"pyproject.toml: classifier {c!r} disagrees with meson.build's "
                          f"licence {meta['license']} ({want_classifier!r})")
    home = proj.get("urls", {}).get("Homepage")
    if home != meta["homepage"]:
        errors.append(f"pyproject.toml: urls.Homepage = {home!r}, meson.build's cxm_homepage "
                      f"is {meta['homepage']!r}")
    return errors


def check_gemspec_template(meta, text):
    errors = []
    for key, field in (("version", "s.version"), ("license", "s.license"),
                       ("homepage", "s.homepage")):
        m = re.search(re.escape(field) + r"\s*=\s*\"([^\"]*)\"", text)
        if not m:
            errors.append(f"cxmetrics.gemspec.in: no {field} = \"...\"")
        elif m.group(1) != "@" + key.upper() + "@":
            errors.append(f"cxmetrics.gemspec.in: {field} = {m.group(1)!r} spells the value; "
                          f"use @{key.upper()}@ (meson.build's)")
    return errors


def check_license_file(meta, text):
    want_first = LICENSES.get(meta["license"], (None,))[0]
    if want_first is None:
        return [f"meson.build: licence {meta['license']!r} unknown to check_metadata.py"]
    first = text.splitlines()[0].strip() if text.strip() else ""
    if first != want_first:
        return [f"LICENSE: first line {first!r}, meson.build declares {meta['license']} "
                f"({want_first!r})"]
    return []


def check_pc(meta, text, where):
    errors = []
    fields = dict(re.findall(r"^([A-Za-z.]+):\s*(.*)$", text, re.M))
    if fields.get("Version") != meta["version"]:
        errors.append(f"{where}: Version {fields.get('Version')!r}, meson.build {meta['version']!r}")
    if fields.get("URL") != meta["homepage"]:
        errors.append(f"{where}: URL {fields.get('URL')!r}, meson.build's cxm_homepage "
                      f"{meta['homepage']!r}")
    return errors


def self_test():
    meta = meson_metadata("project('x', 'c',\n  version: '1.2.3',\n  license: 'MIT',\n"
                          "  meson_version: '>=1.0')\ncxm_homepage = 'https://h/x'\n")
    good_py = ('[project]\nname = "x"\ndynamic = ["version"]\nlicense = {file = "LICENSE"}\n'
               'classifiers = ["License :: OSI Approved :: MIT License"]\n'
               '[project.urls]\nHomepage = "https://h/x"\n')
    assert check_pyproject(meta, good_py) == [], check_pyproject(meta, good_py)
    assert check_pyproject(meta, good_py.replace('dynamic = ["version"]', 'version = "1.2.3"'))
    assert check_pyproject(meta, good_py.replace("https://h/x", "https://other"))
    assert check_pyproject(meta, good_py.replace("MIT License\"]", "BSD License\"]"))
    good_gem = 's.version = "@VERSION@"\ns.license = "@LICENSE@"\ns.homepage = "@HOMEPAGE@"\n'
    assert check_gemspec_template(meta, good_gem) == []
    assert check_gemspec_template(meta, good_gem.replace("@LICENSE@", "MIT"))
    assert check_license_file(meta, "MIT License\n\nCopyright\n") == []
    assert check_license_file(meta, "Apache License\n")
    assert check_pc(meta, "Version: 1.2.3\nURL: https://h/x\n", "pc") == []
    assert check_pc(meta, "Version: 1.2.3\n", "pc")
    print("check_metadata self-test: ok")


def main():
    if sys.argv[1:] == ["--self-test"]:
        self_test()
        return 0
    root = Path(sys.argv[1])
    meta = meson_metadata((root / "meson.build").read_text())
    errors = check_license_file(meta, (root / "LICENSE").read_text())
    errors += check_pyproject(meta, (root / "pyproject.toml").read_text())
    errors += check_gemspec_template(meta, (root / "bindings/ruby/cxmetrics.gemspec.in").read_text())
    lib_meson = (root / "lib/meson.build").read_text()
    if not re.search(r"url:\s*cxm_homepage", lib_meson):
        errors.append("lib/meson.build: pkg.generate() must take url: cxm_homepage")
    if len(sys.argv) > 2:
        pc = Path(sys.argv[2]) / "meson-private" / "cxmetrics.pc"
        errors += check_pc(meta, pc.read_text(), str(pc.name))
    for e in errors:
        print(e)
    if not errors:
        print(f"metadata agrees with meson.build: {meta}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
