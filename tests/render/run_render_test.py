#!/usr/bin/python3
"""The persona writers seen from outside (spec §15.7).

render_sample (tests/render/render_sample.c) writes the sample set of
tests/unit/persona_sample.h as JSON, Markdown, the HTML page and P1's card.
This script checks

* the JSON with Python's json module: it parses, every object has exactly the
  schema's keys in the schema's order, NaN is null, the numbers are the
  sample's (computed here again), a suppressed persona has 4 keys;
* the HTML with Python's html.parser: every element closed, no script, no
  external resource (no <link>, <img>, <iframe>, <object>, <embed>, no URL in
  an attribute, no url( in CSS), no event handler;
* the page in headless Chromium: a 1200 x 1600 screenshot (into a temporary
  directory deleted afterwards) that is not blank: many distinct colours in
  the card area, each unsuppressed persona's colour (from its id, FNV-1a as
  the library computes it, hsl(h, 55%, 42%)) on enough pixels to be its
  avatar, white cards on the page's grey.

Without chromium the browser part is skipped (exit 77) with a message; the
other checks have run by then.
"""
import colorsys
import html.parser
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from render_util import check, read_png  # noqa: E402

SKIP = 77

PERSONA_KEYS = [
    "id", "segment", "suppressed", "name", "name_key", "gender", "gender_share", "age", "age_band",
    "location", "location_share", "country", "country_share", "career", "career_share", "size", "share",
    "revenue", "revenue_share", "identifiers", "demographics", "behaviour", "goals", "problems",
    "solutions", "quotes", "interests", "group", "group_weight", "provenance"]
PROVENANCE_KEYS = [
    "method", "k", "seed", "quality_measure", "quality", "data_window", "min_n", "fdr", "reference_year",
    "customers", "excluded_customers", "suppressed_personas", "names_source", "rules", "segment_column"]
IDENTIFIER_KEYS = ["attribute", "value", "type", "share", "population_share", "lift", "difference",
                   "std_difference", "p_value", "q_value"]
NUMERIC_KEYS = ["attribute", "role", "type", "n", "missing", "withheld", "mean", "sd", "median", "p25", "p75",
                "population_mean", "population_sd", "population_median"]
CATEGORICAL_KEYS = ["attribute", "role", "type", "n", "missing", "withheld", "levels", "withheld_count"]
LEVEL_KEYS = ["level", "count", "share", "population_count", "population_share", "withheld"]
SCORE_KEYS = ["name", "kind", "n", "value", "lower", "upper", "population_value", "scale_lo", "scale_hi",
              "withheld"]


def keys_of(pairs, where, expected):
    got = [k for k, _ in pairs]
    check(got == expected, "%s: keys %s, expected %s" % (where, got, expected))
    return dict(pairs)


def check_attribute(pairs, where):
    kinds = dict(pairs)
    if kinds.get("type") == "numeric":
        a = keys_of(pairs, where, NUMERIC_KEYS)
    else:
        a = keys_of(pairs, where, CATEGORICAL_KEYS)
        for j, level in enumerate(a["levels"]):
            c = keys_of(level, "%s.levels[%d]" % (where, j), LEVEL_KEYS)
            check(c["withheld"] in (None, "small", "secondary", "population"), where + ": withheld word")
            if c["withheld"]:
                check(c["count"] is None and c["share"] is None, where + ": a withheld cell shows numbers")
    return a


def check_json(path):
    with open(path, "rb") as f:
        raw = f.read()
    text = raw.decode("utf-8")  # strict: the writer gives valid UTF-8
    doc = json.loads(text, object_pairs_hook=lambda pairs: pairs)
    top = keys_of(doc, "top", ["schema", "provenance", "personas"])
    check(top["schema"] == "cxmetrics.personas/1", "schema word")
    prov = keys_of(top["provenance"], "provenance", PROVENANCE_KEYS)
    check(prov["quality"] is None and prov["excluded_customers"] is None, "NaN as null in provenance")
    check(prov["seed"] == 42 and prov["min_n"] == 10 and prov["fdr"] == 0.05, "provenance numbers")
    personas = top["personas"]
    check(len(personas) == 3, "three personas")
    for i, pairs in enumerate(personas):
        where = "personas[%d]" % i
        p = dict(pairs)
        if p["suppressed"]:
            keys_of(pairs, where, ["id", "segment", "suppressed", "provenance"])
        else:
            keys_of(pairs, where, PERSONA_KEYS)
            for j, d in enumerate(p["identifiers"]):
                keys_of(d, "%s.identifiers[%d]" % (where, j), IDENTIFIER_KEYS)
            for j, a in enumerate(p["demographics"]):
                check_attribute(a, "%s.demographics[%d]" % (where, j))
            b = keys_of(p["behaviour"], where + ".behaviour", ["rfm_mix", "clv_mean", "clv_median", "scores"])
            if b["rfm_mix"] is not None:
                check_attribute(b["rfm_mix"], where + ".behaviour.rfm_mix")
            for j, s in enumerate(b["scores"]):
                keys_of(s, "%s.behaviour.scores[%d]" % (where, j), SCORE_KEYS)
            for key in ("goals", "problems", "solutions"):
                for j, s in enumerate(p[key]):
                    keys_of(s, "%s.%s[%d]" % (where, key, j), ["text", "source"])
            for j, q in enumerate(p["quotes"]):
                keys_of(q, "%s.quotes[%d]" % (where, j), ["text", "distance"])
            for j, q in enumerate(p["interests"]):
                keys_of(q, "%s.interests[%d]" % (where, j), ["item", "weight"])
        check([k for k, _ in p["provenance"]] == PROVENANCE_KEYS, where + ": provenance keys")
        check(dict(p["provenance"]) == prov, where + ": provenance differs from the set's")
    p1 = dict(personas[0])
    check(p1["name"] == "Zo\u00eb \u00c5ngstr\u00f6m", "P1's name, UTF-8")
    check(p1["segment"] == 'Champions <&> "A"', "P1's segment, escaped and back")
    lyon = dict(p1["identifiers"][0])
    check(lyon["lift"] == 31.25 / 22.0, "lift read back exactly: %r" % lyon["lift"])
    check(dict(p1["quotes"][0])["text"].startswith('She said "great" <b>twice</b>\tand left\nhappy'),
          "quote text")
    p2 = dict(personas[1])
    check(p2["gender"] is None and p2["age"] is None and p2["revenue_share"] is None, "P2's unknowns as null")
    check(dict(p2["behaviour"])["rfm_mix"] is None and p2["quotes"] == [], "P2's absent parts as null / []")
    print("ok: JSON shape, keys in order, null for NaN, %d bytes" % len(raw))
    return [dict(p)["id"] for p in personas if not dict(p)["suppressed"]]


class Checker(html.parser.HTMLParser):
    VOID = {"meta", "br", "hr", "img", "input", "link", "source", "wbr", "col", "area", "base", "embed",
            "param", "track"}
    FORBIDDEN = {"script", "link", "img", "iframe", "object", "embed", "frame", "base", "audio", "video",
                 "source", "form"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.problems = []
        self.style = []
        self.in_style = False
        self.counts = {}

    def attrs_ok(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append("event handler %s on <%s>" % (name, tag))
            v = (value or "").lower()
            if "http" in v or "//" in v or "url(" in v or "javascript:" in v:
                self.problems.append("a URL in %s of <%s>: %s" % (name, tag, value))
            if name in ("href", "src", "srcset", "xlink:href", "action"):
                self.problems.append("attribute %s on <%s>" % (name, tag))

    def handle_starttag(self, tag, attrs):
        self.counts[tag] = self.counts.get(tag, 0) + 1
        if tag in self.FORBIDDEN:
            self.problems.append("<%s>" % tag)
        self.attrs_ok(tag, attrs)
        if tag == "style":
            self.in_style = True
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.counts[tag] = self.counts.get(tag, 0) + 1
        if tag in self.FORBIDDEN:
            self.problems.append("<%s>" % tag)
        self.attrs_ok(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style = False
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append("</%s> closes <%s>" % (tag, self.stack[-1] if self.stack else "nothing"))
            return
        self.stack.pop()

    def handle_data(self, data):
        if self.in_style:
            self.style.append(data)


def check_html(path, whole_page):
    with open(path, "rb") as f:
        text = f.read().decode("utf-8")
    c = Checker()
    c.feed(text)
    c.close()
    check(not c.problems, "%s: %s" % (path, "; ".join(c.problems[:5])))
    check(not c.stack, "%s: unclosed %s" % (path, c.stack))
    css = "".join(c.style).lower()
    check("url(" not in css and "@import" not in css and "http" not in css, path + ": CSS loads something")
    check("http" not in text.lower(), path + ": the text has 'http'")
    if whole_page:
        check(text.startswith("<!DOCTYPE html>"), "doctype")
        check(c.counts.get("article") == 3 and c.counts.get("svg", 0) >= 3, "three cards with avatars")
    else:
        check(c.counts.get("article") == 1 and c.counts.get("style") == 1, "one card with its style")
    print("ok: %s well-formed, no script, no external resource" % os.path.basename(path))


# ---- PNG ------------------------------------------------------------------------------------------

def fnv1a(text):
    x = 2166136261
    for byte in text.encode("utf-8"):
        x = ((x ^ byte) * 16777619) & 0xFFFFFFFF
    return x


def persona_rgb(persona_id):
    """hsl(h, 55%, 42%) with h = FNV-1a(id) mod 360, as sRGB bytes (CSS Color 3)."""
    r, g, b = colorsys.hls_to_rgb((fnv1a(persona_id) % 360) / 360.0, 0.42, 0.55)
    return tuple(int(math.floor(v * 255 + 0.5)) for v in (r, g, b))


def near(a, b, tol=3):
    return all(abs(x - y) <= tol for x, y in zip(a, b))


def screenshot(page, ids):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("SKIP: chromium is not installed (Debian: apt-get install chromium); the screenshot was not taken")
        sys.exit(SKIP)
    with tempfile.TemporaryDirectory(prefix="cxm_render_") as tmp:
        png = os.path.join(tmp, "cards.png")
        env = dict(os.environ, HOME=tmp)
        cmd = [chromium, "--headless", "--screenshot=" + png, "--window-size=1200,1600", "--no-sandbox",
               "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1", "--no-first-run",
               "--disable-extensions", "--user-data-dir=" + os.path.join(tmp, "profile"),
               "file://" + os.path.abspath(page)]
        run = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=240, env=env)
        check(run.returncode == 0 and os.path.exists(png),
              "chromium failed (%d): %s" % (run.returncode, run.stdout.decode(errors="replace")[-2000:]))
        width, height, pixels = read_png(png)
    check((width, height) == (1200, 1600), "screenshot is %dx%d, expected 1200x1600" % (width, height))
    # the card area: below the heading, above the page's end
    area = [px for row in pixels[60:1300] for px in row[0:1200]]
    counts = {}
    for px in area:
        counts[px] = counts.get(px, 0) + 1
    background = (0xf4, 0xf5, 0xf7)
    white = (255, 255, 255)
    check(len(counts) >= 30, "only %d distinct colours in the card area" % len(counts))
    check(counts.get(white, 0) >= 100000, "the cards are not white (%d white pixels)" % counts.get(white, 0))
    check(counts.get(background, 0) >= 50000, "the page's grey is missing (%d pixels)" % counts.get(background, 0))
    shown = len(area) - counts.get(background, 0)
    check(shown >= 0.2 * len(area), "the card area is mostly blank (%d of %d pixels)" % (shown, len(area)))
    for pid in ids:
        rgb = persona_rgb(pid)
        n = sum(c for px, c in counts.items() if near(px, rgb))
        # the avatar alone is a disc of radius 28 (2463 px) less its initials
        check(n >= 1500, "%s's colour %r on only %d pixels" % (pid, rgb, n))
        print("ok: %s's colour %r on %d pixels" % (pid, rgb, n))
    print("ok: screenshot %dx%d, %d distinct colours in the card area" % (width, height, len(counts)))


def main():
    if len(sys.argv) != 2:
        print("usage: run_render_test.py RENDER_SAMPLE")
        return 2
    with tempfile.TemporaryDirectory(prefix="cxm_render_") as out:
        run = subprocess.run([sys.argv[1], out], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        check(run.returncode == 0, "render_sample failed: " + run.stdout.decode(errors="replace"))
        ids = check_json(os.path.join(out, "personas.json"))
        check_html(os.path.join(out, "personas.html"), True)
        check_html(os.path.join(out, "p1.html"), False)
        with open(os.path.join(out, "personas.md"), encoding="utf-8") as f:
            md = f.read()
        check(md.startswith("# Personas\n") and md.count("\n## ") == 3, "Markdown: a heading per persona")
        screenshot(os.path.join(out, "personas.html"), ids)
    return 0


if __name__ == "__main__":
    sys.exit(main())
