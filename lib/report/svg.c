/*
 * lib/report/svg.c - scales, ticks, palette and axes for the inline SVG
 * charts of the HTML survey report (spec §18.9). See svg.h.
 */
#include <math.h>
#include "internal.h"
#include "svg.h"

static const char *const palette[CXM__SVG_COLOURS] = {
	/* Okabe-Ito blue, vermillion, bluish green, orange, reddish purple, sky blue:
	 * told apart with every common colour-vision deficiency */
	"#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9"
};

const char *cxm__svg_colour(size_t i)
{
	return palette[i % CXM__SVG_COLOURS];
}

/* The nice step (1, 2, 5 x 10^k) nearest above span / ticks. */
static double nice_step(double span, int ticks)
{
	double raw = span / (ticks > 0 ? ticks : 5), mag, f;
	if (!(raw > 0.0) || !isfinite(raw))
		return 1.0;
	mag = pow(10.0, floor(log10(raw)));
	f = raw / mag;
	return (f <= 1.0 ? 1.0 : f <= 2.0 ? 2.0 : f <= 5.0 ? 5.0 : 10.0) * mag;
}

void cxm__svg_scale_init(cxm__svg_scale *s, double min, double max, int ticks, double px_lo, double px_hi)
{
	double pad;
	if (!isfinite(min) || !isfinite(max) || min > max) {
		min = 0.0;
		max = 1.0;
	}
	if (min == max) {
		/* one value: a unit either side (1% for large values) so the point sits mid-chart */
		pad = fabs(min) > 100.0 ? fabs(min) * 0.01 : 1.0;
		min -= pad;
		max += pad;
	}
	s->step = nice_step(max - min, ticks);
	s->lo = floor(min / s->step) * s->step;
	s->hi = ceil(max / s->step) * s->step;
	if (s->hi <= s->lo)
		s->hi = s->lo + s->step;
	s->px_lo = px_lo;
	s->px_hi = px_hi;
}

double cxm__svg_at(const cxm__svg_scale *s, double v)
{
	return s->px_lo + (v - s->lo) / (s->hi - s->lo) * (s->px_hi - s->px_lo);
}

int cxm__svg_tick_decimals(const cxm__svg_scale *s)
{
	int d = 0;
	double step = s->step;
	while (d < 6 && fabs(step - floor(step + 0.5)) > 1e-9 * (step > 1 ? step : 1)) {
		step *= 10.0;
		d++;
	}
	return d;
}

void cxm__svg_open(cxm__buf *b, int w, int h, const char *label_html)
{
	/* no xmlns: inline SVG in HTML needs none, and the page holds no URL at all */
	cxm__buf_printf(b, "<svg class=\"cxs-chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\""
			" aria-label=\"", w, h, w, h);
	cxm__buf_puts(b, label_html);
	cxm__buf_puts(b, "\">\n");
}

void cxm__svg_close(cxm__buf *b)
{
	cxm__buf_puts(b, "</svg>\n");
}

/* Ticks of s from lo to hi (at most 50, whatever the step rounding does). */
static int tick_count(const cxm__svg_scale *s)
{
	double k = floor((s->hi - s->lo) / s->step + 0.5);
	return k > 50 ? 50 : (int)k;
}

void cxm__svg_grid_y(cxm__buf *b, const cxm__svg_scale *s, double x0, double x1, const char *unit)
{
	int i, n = tick_count(s), dec = cxm__svg_tick_decimals(s);
	for (i = 0; i <= n; i++) {
		double v = s->lo + i * s->step, y = cxm__svg_at(s, v);
		if (fabs(v) < s->step * 1e-9)
			v = 0.0; /* never "-0" */
		cxm__buf_printf(b, "<line class=\"cxs-grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
				"<text class=\"cxs-tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%.*f%s</text>\n",
				x0, y, x1, y, x0 - 4, y + 4, dec, v, unit ? unit : "");
	}
}

void cxm__svg_grid_x(cxm__buf *b, const cxm__svg_scale *s, double y_top, double y_bottom, const char *unit)
{
	int i, n = tick_count(s), dec = cxm__svg_tick_decimals(s);
	for (i = 0; i <= n; i++) {
		double v = s->lo + i * s->step, x = cxm__svg_at(s, v);
		if (fabs(v) < s->step * 1e-9)
			v = 0.0;
		cxm__buf_printf(b, "<line class=\"cxs-grid%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
				"<text class=\"cxs-tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%.*f%s</text>\n",
				v == 0.0 ? " cxs-zero" : "", x, y_top, x, y_bottom, x, y_bottom + 14, dec, v,
				unit ? unit : "");
	}
}
