#!/usr/bin/python3
"""The HTML survey report seen from outside (spec §18.9).

render_survey_sample (tests/render/render_survey_sample.c) writes the page of
the synthetic §18 tables of tests/unit/survey_html_sample.h: cells of five
groups ("(all)" and four channels) over four months for nps and csat, three
of them suppressed, plus vs-rest, key drivers and themes; and the same cells
without periods. This script checks

* the HTML with Python's html.parser: every element closed; one inline
  <script> (the table sorting) and no other; no external resource (no <link>,
  <img>, <iframe>, <object>, <embed>, no URL in an attribute, no url( or
  @import in CSS, no "http" anywhere), no event-handler attribute; one <svg>
  per chart (2 trends + 1 breakdown + 1 drivers + 2 themes), in each trend
  one line (<path class="cxs-line">) per group and the band polygons;
* the page in headless Chromium: a 1200 x 2400 screenshot (in a temporary
  directory deleted afterwards) where every series colour of the palette
  (Okabe-Ito, lib/report/svg.c) and the total's black are drawn across the
  width of the trend chart (the lines span the four months), the translucent
  bands are there (the series colour at 16% over white), the breakdown's grey
  passives bar, and the flat page (no periods) shows its dot-and-whisker
  charts;
* the sorting script, in Chromium (--dump-dom of a copy of the page with a
  probe script appended that clicks the cells table's "score" header twice
  and records the column): ascending, then descending, by value, the
  suppressed cells (no value) last both times;
* given the survey CSV (tests/data/survey-grouped/survey.csv), the page of
  the report the library computes from it (by channel and month, support
  times, key drivers of nps): well-formed and self-contained as above, a
  trend chart per metric of its cells table plus the NPS breakdown and the
  drivers' chart, and in Chromium the total's
  black line across the first chart.

Without chromium the browser part is skipped (exit 77) with a message; the
other checks have run by then.
"""
import html.parser
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from render_util import check, read_png  # noqa: E402

SKIP = 77

TOTAL = (0, 0, 0)
SERIES = [(0x00, 0x72, 0xB2), (0xD5, 0x5E, 0x00), (0x00, 0x9E, 0x73), (0xE6, 0x9F, 0x00)]
PASSIVES = (0xBB, 0xBB, 0xBB)


class Checker(html.parser.HTMLParser):
    VOID = {"meta", "br", "hr", "img", "input", "link", "source", "wbr", "col", "area", "base", "embed",
            "param", "track"}
    FORBIDDEN = {"link", "img", "iframe", "object", "embed", "frame", "base", "audio", "video", "source",
                 "form", "image", "use", "foreignobject"}
    # SVG shapes written <x .../> are void for the checker
    SVG_VOID = {"line", "polygon", "polyline", "path", "rect", "circle"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.problems = []
        self.style = []
        self.script = []
        self.in_style = self.in_script = False
        self.counts = {}
        self.classes = {}
        self.svg_stack = []
        self.svgs = []
        self.text = []

    def attrs_ok(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append("event handler %s on <%s>" % (name, tag))
            v = (value or "").lower()
            if "http" in v or "//" in v or "url(" in v or "javascript:" in v:
                self.problems.append("a URL in %s of <%s>: %s" % (name, tag, value))
            if name in ("href", "src", "srcset", "xlink:href", "action"):
                self.problems.append("attribute %s on <%s>" % (name, tag))

    def count(self, tag, attrs):
        self.counts[tag] = self.counts.get(tag, 0) + 1
        cls = dict(attrs).get("class")
        if cls:
            self.classes[(tag, cls)] = self.classes.get((tag, cls), 0) + 1
            if self.svg_stack:
                self.svg_stack[-1][(tag, cls)] = self.svg_stack[-1].get((tag, cls), 0) + 1
        if tag in self.FORBIDDEN:
            self.problems.append("<%s>" % tag)
        if tag == "script" and attrs:
            self.problems.append("<script> with attributes %r" % (attrs,))
        self.attrs_ok(tag, attrs)

    def handle_starttag(self, tag, attrs):
        self.count(tag, attrs)
        if tag == "style":
            self.in_style = True
        if tag == "script":
            self.in_script = True
        if tag == "svg":
            self.svg_stack.append({"label": dict(attrs).get("aria-label", "")})
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.count(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style = False
        if tag == "script":
            self.in_script = False
        if tag == "svg" and self.svg_stack:
            self.svgs.append(self.svg_stack.pop())
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append("</%s> closes <%s>" % (tag, self.stack[-1] if self.stack else "nothing"))
            return
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)
        if self.in_style:
            self.style.append(data)
        if self.in_script:
            self.script.append(data)


def check_html(path, n_svg):
    with open(path, "rb") as f:
        text = f.read().decode("utf-8")  # strict: the page is valid UTF-8
    c = Checker()
    c.feed(text)
    c.close()
    check(not c.problems, "%s: %s" % (path, "; ".join(c.problems[:5])))
    check(not c.stack, "%s: unclosed %s" % (path, c.stack))
    css = "".join(c.style).lower()
    check("url(" not in css and "@import" not in css, path + ": CSS loads something")
    check("http" not in text.lower(), path + ": the text has 'http'")
    check(c.counts.get("script") == 1, path + ": %d scripts" % c.counts.get("script", 0))
    js = "".join(c.script)
    for word in ("fetch", "XMLHttpRequest", "import", "eval", "src", "location", "cookie", "storage"):
        check(word.lower() not in js.lower(), path + ": the script mentions " + word)
    check(text.startswith("<!DOCTYPE html>"), path + ": doctype")
    n_svg = len(c.svgs) if n_svg is None else n_svg
    check(c.counts.get("svg") == n_svg and len(c.svgs) == n_svg,
          "%s: %d <svg>, expected %d" % (path, c.counts.get("svg", 0), n_svg))
    print("ok: %s well-formed, one inline script, no external resource, %d charts" % (os.path.basename(path), n_svg))
    return c


ODD = "Caf\u00e9 <b>&\"q\"'x'"  # SAMPLE_ODD of survey_html_sample.h


def check_survey_text(c):
    """The data's texts read back, by Python's own HTML parser, as they were
    (the escaping is right, whatever the writer did to get there)."""
    texts = c.text
    check(sum(t == ODD for t in texts) >= 3, "the odd group name reads back %d times" % sum(t == ODD for t in texts))
    check("Survey report: survey <2024>.csv" in texts, "the title with the file name")
    check("plan <tier>" in texts and "delivery & returns" in texts, "the driver and theme names")
    print("ok: the data's texts read back unchanged (%d pieces of text)" % len(texts))


def check_survey_structure(c):
    trends = [s for s in c.svgs if s["label"].startswith("trend of")]
    check(len(trends) == 2, "two trend charts, got %d" % len(trends))
    for s in trends:
        check(s.get(("path", "cxs-line")) == 5, "%s: %r lines, expected 5 (one per group)"
              % (s["label"], s.get(("path", "cxs-line"))))
        check(s.get(("polygon", "cxs-band")) == 5, "%s: %r band polygons" % (s["label"], s.get(("polygon", "cxs-band"))))
        check(s.get(("circle", "cxs-supp"), 0) >= 1, s["label"] + ": no suppressed marker")
    check(c.classes.get(("table", "cxs-sort")) == 4, "four sortable tables")
    check(c.classes.get(("tr", "cxs-suppressed"), 0) >= 3, "the suppressed rows")


# ---- PNG ------------------------------------------------------------------------------------------

def near(a, b, tol):
    return all(abs(x - y) <= tol for x, y in zip(a, b))


def over_white(rgb, alpha):
    return tuple(int(round(255 * (1 - alpha) + v * alpha)) for v in rgb)


def shoot(page, tmp, name, height):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("SKIP: chromium is not installed (Debian: apt-get install chromium); the screenshot was not taken")
        sys.exit(SKIP)
    png = os.path.join(tmp, name)
    env = dict(os.environ, HOME=tmp)
    cmd = [chromium, "--headless", "--screenshot=" + png, "--window-size=1200,%d" % height, "--no-sandbox",
           "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1", "--no-first-run",
           "--disable-extensions", "--user-data-dir=" + os.path.join(tmp, "profile"),
           "file://" + os.path.abspath(page)]
    run = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=240, env=env)
    check(run.returncode == 0 and os.path.exists(png),
          "chromium failed (%d): %s" % (run.returncode, run.stdout.decode(errors="replace")[-2000:]))
    width, h, pixels = read_png(png)
    check((width, h) == (1200, height), "screenshot is %dx%d, expected 1200x%d" % (width, h, height))
    return pixels


def where(pixels, rgb, tol, rows=None):
    """Count and bounding box (x0, y0, x1, y1) of the pixels near rgb."""
    n, box = 0, [10 ** 9, 10 ** 9, -1, -1]
    lo, hi = rows if rows else (0, len(pixels))
    for y in range(lo, hi):
        row = pixels[y]
        for x, px in enumerate(row):
            if near(px, rgb, tol):
                n += 1
                box = [min(box[0], x), min(box[1], y), max(box[2], x), max(box[3], y)]
    return n, box


PROBE = """<script>
(function(){
var t=document.querySelector('table.cxs-sort'),hs=t.tHead.rows[0].cells,j=-1;
for(var i=0;i<hs.length;i++)if(hs[i].textContent==='score')j=i;
function col(){return Array.prototype.map.call(t.tBodies[0].rows,function(r){return r.cells[j].getAttribute('data-v');}).join('|');}
hs[j].click();document.body.setAttribute('data-asc',col());
hs[j].click();document.body.setAttribute('data-desc',col());
})();
</script>
</body>"""


def check_sorting(page, tmp):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        return
    with open(page, encoding="utf-8") as f:
        text = f.read()
    probe = os.path.join(tmp, "probe.html")
    with open(probe, "w", encoding="utf-8") as f:
        f.write(text.replace("</body>", PROBE))
    cmd = [chromium, "--headless", "--dump-dom", "--no-sandbox", "--disable-gpu", "--no-first-run",
           "--disable-extensions", "--user-data-dir=" + os.path.join(tmp, "profile-dom"), "file://" + probe]
    run = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=240,
                         env=dict(os.environ, HOME=tmp))
    dom = run.stdout.decode("utf-8", errors="replace")
    got = {}
    for key in ("data-asc", "data-desc"):
        at = dom.find(key + '="')
        check(at >= 0, "sorting probe: no %s in the DOM (the script did not run?)" % key)
        got[key] = dom[at + len(key) + 2:dom.index('"', at + len(key) + 2)].split("|")
    for key, reverse in (("data-asc", False), ("data-desc", True)):
        values = got[key]
        shown = [float(v) for v in values if v != ""]
        check(len(values) == 40 and len(shown) == 37, "%s: %d values, %d shown" % (key, len(values), len(shown)))
        check(values[len(shown):] == [""] * 3, key + ": the suppressed cells are not last")
        check(shown == sorted(shown, reverse=reverse), key + ": not in order: %r" % shown)
    print("ok: sorting by score, ascending and descending, suppressed cells last")


def check_engine_page(path):
    c = check_html(path, None)
    trends = [s for s in c.svgs if s["label"].startswith("trend of")]
    check(len(trends) == c.classes.get(("section", "cxs-metric")) and len(trends) >= 5,
          "engine page: %d trend charts for %r metric sections" % (len(trends), c.classes.get(("section", "cxs-metric"))))
    check(len(c.svgs) == len(trends) + 2, "engine page: the NPS breakdown and the drivers' chart")
    check(c.classes.get(("rect", "cxs-rw")) == 2 and c.classes.get(("rect", "cxs-shapley")) == 2,
          "engine page: a relative weight and a Shapley bar per driver")
    for s in trends:
        check(s.get(("path", "cxs-line"), 0) >= 1, s["label"] + ": no line")


def check_screenshots(survey, flat, engine):
    with tempfile.TemporaryDirectory(prefix="cxm_survey_render_") as tmp:
        pixels = shoot(survey, tmp, "survey.png", 2400)
        flat_pixels = shoot(flat, tmp, "flat.png", 1400)
        engine_pixels = shoot(engine, tmp, "engine.png", 1000) if engine else None
        check_sorting(survey, tmp)
    colours = {}
    for row in pixels:
        for px in row:
            colours[px] = colours.get(px, 0) + 1
    check(len(colours) >= 50, "only %d distinct colours on the page" % len(colours))
    white = colours.get((255, 255, 255), 0)
    check(white < 0.95 * 1200 * 2400, "the page is blank (%d white pixels)" % white)
    # the first trend chart (nps): the total's black line and points, drawn
    # across the chart's width (4 months from x = 76 to 728 in the SVG); the
    # chart's rows are around them
    n, box = where(pixels, TOTAL, 30, rows=(150, 1000))
    check(n >= 600, "the total's black line: %d pixels" % n)
    check(box[2] - box[0] >= 450, "the total's line spans only x %d..%d" % (box[0], box[2]))
    chart = (max(0, box[1] - 160), box[3] + 30)
    # every group's colour (its line and points) across the width
    for rgb in SERIES:
        n, box = where(pixels, rgb, 12, rows=chart)
        check(n >= 40, "series colour %r on only %d pixels in the first chart" % (rgb, n))
        check(box[2] - box[0] >= 450, "series colour %r spans only x %d..%d" % (rgb, box[0], box[2]))
        print("ok: series %r on %d pixels, x %d..%d" % (rgb, n, box[0], box[2]))
    # the bands: light tinted pixels (translucent fills over white, not the grid's grey)
    tinted = sum(1 for y in range(*chart) for px in pixels[y]
                 if min(px) >= 150 and px != (255, 255, 255) and not near(px, (0xe4, 0xe7, 0xeb), 2)
                 and max(px) - min(px) >= 4)
    check(tinted >= 15000, "the interval bands: only %d tinted pixels in the first chart" % tinted)
    print("ok: bands, %d tinted pixels in rows %d..%d" % (tinted, chart[0], chart[1]))
    n, box = where(pixels, PASSIVES, 3)
    check(n >= 2000, "the breakdown's passives bars: %d pixels" % n)
    print("ok: breakdown bars (passives grey) on %d pixels" % n)
    # the flat page: dots and whiskers of every series colour
    for rgb in [TOTAL] + SERIES:
        n, _ = where(flat_pixels, rgb, 12)
        check(n >= 60, "flat page: colour %r on only %d pixels" % (rgb, n))
    if engine_pixels is not None:
        n, box = where(engine_pixels, TOTAL, 30, rows=(150, 1000))
        check(n >= 300 and box[2] - box[0] >= 450, "engine page: the total's line (%d pixels, x %d..%d)"
              % (n, box[0], box[2]))
        print("ok: engine page, the total's line on %d pixels" % n)
    print("ok: screenshots, %d distinct colours" % len(colours))


def main():
    if len(sys.argv) not in (2, 3):
        print("usage: run_survey_render_test.py RENDER_SURVEY_SAMPLE [SURVEY.csv]")
        return 2
    with tempfile.TemporaryDirectory(prefix="cxm_survey_render_") as out:
        run = subprocess.run([sys.argv[1], out] + sys.argv[2:], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        check(run.returncode == 0, "render_survey_sample failed: " + run.stdout.decode(errors="replace"))
        survey = os.path.join(out, "survey.html")
        flat = os.path.join(out, "survey_flat.html")
        c = check_html(survey, 6)
        check_survey_structure(c)
        check_survey_text(c)
        check_html(flat, 3)
        engine = os.path.join(out, "survey_engine.html") if len(sys.argv) == 3 else None
        if engine:
            check_engine_page(engine)
        check_screenshots(survey, flat, engine)
    return 0


if __name__ == "__main__":
    sys.exit(main())
