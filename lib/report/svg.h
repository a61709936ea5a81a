/*
 * lib/report/svg.h - the small pieces of inline SVG the HTML survey report
 * (html.c, spec §18.9) draws its charts with: a linear scale with "nice"
 * ticks, the colour-blind-safe palette, and the <svg> element itself. Every
 * number goes through cxm__buf_printf, so coordinates are written in the
 * "C" locale whatever the caller's.
 */
#ifndef CXM_REPORT_SVG_H
#define CXM_REPORT_SVG_H

#include <stddef.h>
#include "buf.h"

/* A linear map from data values [lo, hi] to pixels [px_lo, px_hi]. */
typedef struct cxm__svg_scale {
	double lo, hi;       /* data range, lo < hi */
	double px_lo, px_hi; /* pixels (px_lo > px_hi for a y axis: up is smaller) */
	double step;         /* tick step (a 1, 2 or 5 times a power of ten) */
} cxm__svg_scale;

/*
 * A scale over [min, max] (finite; NaN or min > max: [0, 1]) widened to
 * multiples of a nice step giving about `ticks` intervals; a zero-width range
 * is widened by one unit either side (or 1% of its size).
 */
void cxm__svg_scale_init(cxm__svg_scale *s, double min, double max, int ticks, double px_lo, double px_hi);

/* The pixel of value v. */
double cxm__svg_at(const cxm__svg_scale *s, double v);

/* The number of decimals that shows the ticks of s distinctly (0..6). */
int cxm__svg_tick_decimals(const cxm__svg_scale *s);

/*
 * Colour i of the series palette: Okabe & Ito (2008), "Color Universal
 * Design", without its yellow (too pale on white paper) and black (kept for
 * the total); it repeats after CXM__SVG_COLOURS.
 */
#define CXM__SVG_COLOURS 6
const char *cxm__svg_colour(size_t i);

/* The total's colour (black, drawn thicker). */
#define CXM__SVG_TOTAL "#000000"

/* <svg class="cxs-chart" viewBox="0 0 w h" ...> with an accessible label
 * (already escaped by the caller). */
void cxm__svg_open(cxm__buf *b, int w, int h, const char *label_html);
void cxm__svg_close(cxm__buf *b);

/*
 * Horizontal grid lines and labels of a y scale (left of x0), or vertical
 * ones of an x scale (below y0) when `vertical` is set; the plot spans
 * [x0, x1] x [y0 top, y1 bottom].
 */
void cxm__svg_grid_y(cxm__buf *b, const cxm__svg_scale *s, double x0, double x1, const char *unit);
void cxm__svg_grid_x(cxm__buf *b, const cxm__svg_scale *s, double y_top, double y_bottom, const char *unit);

#endif
