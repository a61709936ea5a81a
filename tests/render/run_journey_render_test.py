#!/usr/bin/python3
"""The journey page seen from outside (spec §26).

render_journey_sample (tests/render/render_journey_sample.c) writes the pages
of the hand-built tables of tests/unit/journey_html_sample.h: a funnel by
channel ("(all)" and "ads" 1000 -> 400 -> 100 customers, "email" 1000 -> 500
-> 250), a retention heat-map of three monthly cohorts, the CX pyramid by
region (south suppressed), and all eight kinds on one page. This script
checks

* the HTML with the survey page's checker (run_survey_render_test.Checker:
  every element closed, one inline script, nothing external, no handler
  attribute) and the number of charts; the odd event name reads back
  unchanged through Python's parser;
* in headless Chromium screenshots (1200 px wide, scale 1):
  - the funnel: for each group's colour (black total, Okabe-Ito blue and
    vermillion) horizontal runs of that colour as long as its bars, worked
    from the table: 350 px for 100 % of step 1, 140 and 35 px (40 %, 10 %)
    for the total and ads, 175 and 87.5 px for email, each about as tall as a
    bar (16 px); the pale "lost" segments (210 px: 100 % -> 40 %);
  - the heat-map: the three 100 % cells in ColorBrewer Blues' darkest
    (#08306b) stacked in the first column (one cell wide, three cells high),
    and the 40 % and 20 % cells in their interpolated blues (#94c4df,
    #d0e1f2), each about a cell's area;
  - the pyramid: the area of each level's colour equals the trapezoids worked
    from the levels (base 170 px narrowing to 20 px over three 28 px bands,
    filled from the centre to the level's share) plus its legend key, within
    12 %.
Without chromium the browser part is skipped (exit 77) with a message; the
HTML checks have run by then.
"""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from render_util import check  # noqa: E402
from run_survey_render_test import check_html, shoot, near  # noqa: E402

BLACK = (0, 0, 0)
BLUE = (0x00, 0x72, 0xB2)
VERMILLION = (0xD5, 0x5E, 0x00)
LOST = (0xF2, 0xC9, 0xB5)
ODD = "<script>alert('x')</script> & \"co\""  # JH_ODD of journey_html_sample.h


def runs(pixels, rgb, tol):
    """Per row, the longest run of pixels near rgb: {y: length}."""
    out = {}
    for y, row in enumerate(pixels):
        best = cur = 0
        for px in row:
            cur = cur + 1 if near(px, rgb, tol) else 0
            best = max(best, cur)
        if best:
            out[y] = best
    return out


def rows_with(run, length, slack=3):
    return sum(1 for v in run.values() if abs(v - length) <= slack)


def check_funnel(pixels):
    for name, rgb, lengths in (("total", BLACK, (350, 140, 35)), ("ads", BLUE, (350, 140, 35)),
                               ("email", VERMILLION, (350, 175, 87.5))):
        run = runs(pixels, rgb, 10)
        for i, length in enumerate(lengths):
            n = rows_with(run, length)
            # a bar is 16 px tall; antialiased edges may lose a row or two, and
            # from step 2 on the interval whisker's caps (9 px) cut the bar's
            # middle rows where it crosses it
            low = 12 if i == 0 else 5
            check(low <= n <= 18, "%s: %d rows with a %g px run of %r (expected a 16 px bar)" % (name, n, length, rgb))
        print("ok: funnel %s bars %r px long" % (name, lengths))
    run = runs(pixels, LOST, 6)
    # lost segments: 100 % -> 40 % (210 px) for the total and ads, 100 % -> 50 % (175 px) for
    # email; the whisker's upper cap (9 px) falls inside them and cuts those rows
    check(10 <= rows_with(run, 210) <= 36, "lost segments of 210 px: %d rows" % rows_with(run, 210))
    check(5 <= rows_with(run, 175) <= 18, "lost segments of 175 px: %d rows" % rows_with(run, 175))
    print("ok: the lost segments")


def box(pixels, rgb, tol, min_row=1):
    """Count of the pixels near rgb, and the bounding box of those in rows
    holding at least min_row of them (a cell's rows, not the few pixels of the
    legend's gradient that happen to match)."""
    n, b = 0, [10 ** 9, 10 ** 9, -1, -1]
    for y, row in enumerate(pixels):
        xs = [x for x, px in enumerate(row) if near(px, rgb, tol)]
        n += len(xs)
        if len(xs) >= min_row:
            b = [min(b[0], xs[0]), min(b[1], y), max(b[2], xs[-1]), max(b[3], y)]
    return n, b


def check_cohort(pixels):
    cell = 56 * 20
    n, b = box(pixels, (0x08, 0x30, 0x6B), 2, min_row=30)
    # three 100 % cells (their white labels take some pixels), one column, three rows
    check(2 * cell <= n <= 3 * cell, "100 %% cells: %d pixels of #08306b" % n)
    check(50 <= b[2] - b[0] + 1 <= 57, "100 %% cells span %d px across (one cell)" % (b[2] - b[0] + 1))
    check(55 <= b[3] - b[1] + 1 <= 61, "100 %% cells span %d px down (three cells)" % (b[3] - b[1] + 1))
    for rgb, what in (((0x94, 0xC4, 0xDF), "40 %"), ((0xD0, 0xE1, 0xF2), "20 %")):
        n, _ = box(pixels, rgb, 1)
        check(0.6 * cell <= n <= 1.1 * cell, "%s cell: %d pixels of %r" % (what, n, rgb))
    print("ok: heat-map cells in their blues")


def trapezoid(k, level):
    """Area of level k's fill (k 0..2): half-widths at the band's base and top, times level / 100."""
    half = [(170.0 - 150.0 * h / 3.0) / 2.0 for h in (k, k + 1)]
    return 28.0 * (2 * half[0] + 2 * half[1]) / 2.0 * level / 100.0


def check_pyramid(pixels):
    # levels of 2024-02: (all) 60/35/20, north 70/50/30; south suppressed (no fill); legend keys 16 x 10
    levels = {0: (60, 70), 1: (35, 50), 2: (20, 30)}
    colours = {0: (0x56, 0xB4, 0xE9), 1: BLUE, 2: (0x00, 0x9E, 0x73)}
    for k in range(3):
        want = sum(trapezoid(k, v) for v in levels[k]) + 160
        n, _ = box(pixels, colours[k], 8)
        check(abs(n - want) <= 0.12 * want, "level %d: %d pixels of %r, expected about %.0f" % (k + 1, n, colours[k], want))
        print("ok: pyramid level %d, %d pixels (worked: %.0f)" % (k + 1, n, want))


def main():
    if len(sys.argv) != 2:
        print("usage: run_journey_render_test.py RENDER_JOURNEY_SAMPLE")
        return 2
    with tempfile.TemporaryDirectory(prefix="cxm_journey_render_") as out:
        run = subprocess.run([sys.argv[1], out], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        check(run.returncode == 0, "render_journey_sample failed: " + run.stdout.decode(errors="replace"))
        page = {name: os.path.join(out, "journey_%s.html" % name) for name in ("funnel", "cohort", "pyramid", "all")}
        check_html(page["funnel"], 1)
        check_html(page["cohort"], 1)
        check_html(page["pyramid"], 1)
        c = check_html(page["all"], 3)
        check(sum(t == "2. " + ODD[:22] + "\u2026" for t in c.text) == 1, "the odd event name reads back as the step label")
        check(ODD in c.text, "the odd event name reads back in the tables")
        check("Journey <2024> & co" in c.text, "the title reads back")
        check(c.classes.get(("table", "cxs-sort")) == 8, "eight tables")
        with tempfile.TemporaryDirectory(prefix="cxm_journey_png_") as tmp:
            check_funnel(shoot(page["funnel"], tmp, "funnel.png", 900))
            check_cohort(shoot(page["cohort"], tmp, "cohort.png", 700))
            check_pyramid(shoot(page["pyramid"], tmp, "pyramid.png", 700))
    return 0


if __name__ == "__main__":
    sys.exit(main())
