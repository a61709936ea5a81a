/*
 * lib/report/journey_funnel.c - the funnel of the journey page (spec §26.2),
 * drawn from the STEPS table of cxm_funnel_steps (spec §22): one horizontal
 * bar per step whose length is `overall` (% of step 1's customers, on a fixed
 * 0-100 axis, so funnels of different groups compare by eye), a pale segment
 * for the customers lost since the previous step, the Wilson interval of the
 * step's conversion as a whisker, and beside each bar the customers, the
 * conversion with its interval, the drop-off and the median time to the next
 * step. With a breakdown (TEXT columns before `step`), each step has one bar
 * per group, the "(all)" total first in black.
 *
 * The whisker is the conversion's interval put on the overall axis: step j's
 * overall is overall(j-1) x conversion(j) / 100, so its interval there is
 * overall(j-1) x [lower, upper] / 100 (the previous step's count is fixed).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "journey_internal.h"
#include "svg.h"

#define TW 900        /* the chart's width */
#define X0 170.0      /* bars start */
#define X1 520.0      /* 100 % of step 1 */
#define BAR 16.0      /* a bar's height */
#define ROW 22.0      /* a bar's row */
#define LOST "#F2C9B5" /* customers lost since the previous step: a pale vermillion */
#define LABEL_CHARS 26 /* characters of a label that fit left of the bars (12 px type) */

typedef struct funnel_cols {
	size_t step, event, customers, conversion, lower, upper, drop_off, overall, median;
} funnel_cols;

typedef struct funnel_view {
	const cxm__jt *jt;
	funnel_cols c;
	cxm__jgroups g;
	double *steps;   /* distinct step numbers, ascending */
	size_t n_steps;
	size_t *row;     /* [drawn slot * n_steps + step index]: the row, or SIZE_MAX */
} funnel_view;

static const double *col(const funnel_view *v, size_t c)
{
	return c == SIZE_MAX ? NULL : cxm_table_numbers(v->jt->t, c);
}

static double at(const funnel_view *v, size_t c, size_t r)
{
	const double *x = col(v, c);
	return x && r != SIZE_MAX ? x[r] : NAN;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static int find_columns(funnel_cols *c, const cxm__jt *jt)
{
	int rc;
	if ((rc = cxm__journey_need(&c->step, jt, "step", CXM_TABLE_NUMBER)) < 0 ||
	    (rc = cxm__journey_need(&c->event, jt, "event", CXM_TABLE_TEXT)) < 0 ||
	    (rc = cxm__journey_need(&c->customers, jt, "customers", CXM_TABLE_NUMBER)) < 0 ||
	    (rc = cxm__journey_need(&c->conversion, jt, "conversion", CXM_TABLE_NUMBER)) < 0 ||
	    (rc = cxm__journey_need(&c->lower, jt, "lower", CXM_TABLE_NUMBER)) < 0 ||
	    (rc = cxm__journey_need(&c->upper, jt, "upper", CXM_TABLE_NUMBER)) < 0 ||
	    (rc = cxm__journey_need(&c->drop_off, jt, "drop_off", CXM_TABLE_NUMBER)) < 0 ||
	    (rc = cxm__journey_need(&c->overall, jt, "overall", CXM_TABLE_NUMBER)) < 0)
		return rc;
	return cxm__journey_want(&c->median, jt, "median_seconds_to_next", CXM_TABLE_NUMBER);
}

static void view_free(funnel_view *v)
{
	cxm__jgroups_free(&v->g);
	cxm__free(v->steps);
	cxm__free(v->row);
}

/* The drawn groups' rows by step; a step that is not a number, or two rows
 * for one step of a group, is an error (the chart could not say which). */
static int view_init(funnel_view *v, const cxm__jt *jt)
{
	size_t rows = cxm_table_rows(jt->t), i, n = 0, n_gcols, slot;
	const double *step;
	int rc;
	memset(v, 0, sizeof *v);
	v->jt = jt;
	if ((rc = find_columns(&v->c, jt)) < 0 || (rc = cxm__journey_group_columns(&n_gcols, jt, v->c.step)) < 0 ||
	    (rc = cxm__jgroups_init(&v->g, jt->t, n_gcols)) < 0)
		return rc;
	step = col(v, v->c.step);
	if ((rc = cxm__alloc_array(&v->steps, rows ? rows : 1, sizeof *v->steps, "journey funnel steps")) < 0)
		return rc;
	for (i = 0; i < rows; i++) {
		if (!isfinite(step[i]))
			return cxm__fail(CXM_EBAD_ARG, "tables[%zu] (kind 'funnel'): step is not a number in row %zu (1-based)",
					 jt->index, i + 1);
		v->steps[n++] = step[i];
	}
	qsort(v->steps, n, sizeof *v->steps, cmp_double);
	for (i = 0; i < n; i++)
		if (v->n_steps == 0 || v->steps[v->n_steps - 1] != v->steps[i])
			v->steps[v->n_steps++] = v->steps[i];
	if ((rc = cxm__alloc_array(&v->row, (v->g.n_drawn ? v->g.n_drawn : 1) * (v->n_steps ? v->n_steps : 1),
				   sizeof *v->row, "journey funnel rows")) < 0)
		return rc;
	for (i = 0; i < v->g.n_drawn * v->n_steps; i++)
		v->row[i] = SIZE_MAX;
	for (i = 0; i < rows; i++) {
		size_t s, *cell;
		for (slot = 0; slot < v->g.n_drawn && v->g.drawn[slot] != v->g.of_row[i]; slot++)
			;
		if (slot == v->g.n_drawn)
			continue; /* a group beyond the chart's: in the table */
		s = (size_t)((double *)bsearch(&step[i], v->steps, v->n_steps, sizeof *v->steps, cmp_double) - v->steps);
		cell = &v->row[slot * v->n_steps + s];
		if (*cell != SIZE_MAX)
			return cxm__fail(CXM_EBAD_ARG, "tables[%zu] (kind 'funnel'): rows %zu and %zu (1-based) are both step %g "
					 "of one group", jt->index, *cell + 1, i + 1, step[i]);
		*cell = i;
	}
	return CXM_OK;
}

static const char *colour(const funnel_view *v, size_t slot)
{
	if (v->g.n_gcols == 0)
		return cxm__svg_colour(0);
	if (v->g.total[v->g.drawn[slot]])
		return CXM__SVG_TOTAL;
	/* the palette in drawing order after the total(s), as the survey page colours its groups */
	return cxm__svg_colour(slot - (v->g.total[v->g.drawn[0]] ? 1 : 0));
}

static double x_of(double overall)
{
	double f = isfinite(overall) ? overall / 100.0 : 0.0;
	/* the axis is 0-100 % of step 1; a value outside (a hand-made table) is
	 * drawn at the edge and printed as it is */
	f = f < 0.0 ? 0.0 : f > 1.0 ? 1.0 : f;
	return X0 + f * (X1 - X0);
}

/* The text beside a bar: customers, conversion [interval], drop-off, median time. */
static void annotation(cxm__buf *b, const funnel_view *v, size_t r, int first)
{
	cxm__page_value(b, at(v, v->c.customers, r));
	if (!first) {
		cxm__buf_puts(b, " &#183; ");
		cxm__page_value(b, at(v, v->c.conversion, r));
		cxm__buf_puts(b, "% [");
		cxm__page_value(b, at(v, v->c.lower, r));
		cxm__buf_puts(b, ", ");
		cxm__page_value(b, at(v, v->c.upper, r));
		cxm__buf_puts(b, "]");
	} else {
		cxm__buf_puts(b, " customers");
	}
	if (!isnan(at(v, v->c.drop_off, r))) {
		cxm__buf_puts(b, " &#183; drop-off ");
		cxm__page_value(b, at(v, v->c.drop_off, r));
		cxm__buf_puts(b, "%");
	}
	if (!isnan(at(v, v->c.median, r))) {
		cxm__buf_puts(b, " &#183; median ");
		cxm__journey_duration(b, at(v, v->c.median, r));
	}
}

static void bar(cxm__buf *b, const funnel_view *v, size_t slot, size_t s, double y)
{
	size_t r = v->row[slot * v->n_steps + s];
	size_t prev = s > 0 ? v->row[slot * v->n_steps + s - 1] : SIZE_MAX;
	double overall = at(v, v->c.overall, r), before = at(v, v->c.overall, prev), xe = x_of(overall);
	cxm__buf_printf(b, "<g class=\"cxj-step\" data-step=\"%zu\" data-group=\"%zu\">", s + 1, slot);
	if (r == SIZE_MAX) {
		cxm__buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\">no row for this step</text></g>\n", X0 + 4, y + 12);
		return;
	}
	if (prev != SIZE_MAX && isfinite(before) && x_of(before) > xe)
		cxm__buf_printf(b, "<rect class=\"cxj-lost\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.0f\" fill=\"%s\">"
				"<title>lost since the previous step</title></rect>", xe, y, x_of(before) - xe, BAR, LOST);
	cxm__buf_printf(b, "<rect class=\"cxj-bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.0f\" fill=\"%s\"><title>",
			X0, y, xe - X0, BAR, colour(v, slot));
	cxm__journey_label(b, v->jt->t, v->c.event, r);
	cxm__buf_puts(b, ": ");
	cxm__page_value(b, overall);
	cxm__buf_puts(b, "% of step 1</title></rect>");
	if (prev != SIZE_MAX && isfinite(before)) {
		double lo = at(v, v->c.lower, r), hi = at(v, v->c.upper, r);
		if (isfinite(lo) && isfinite(hi)) {
			double xl = x_of(before * lo / 100.0), xh = x_of(before * hi / 100.0), ym = y + BAR / 2;
			cxm__buf_printf(b, "<path class=\"cxj-whisker\" d=\"M%.1f %.1fH%.1fM%.1f %.1fV%.1fM%.1f %.1fV%.1f\" "
					"stroke=\"#1f2933\" stroke-width=\"1.5\" fill=\"none\"/>",
					xl, ym, xh, xl, ym - 4, ym + 4, xh, ym - 4, ym + 4);
		}
	}
	cxm__buf_printf(b, "<text class=\"cxj-ann\" x=\"%.1f\" y=\"%.1f\">", X1 + 10, y + 12);
	annotation(b, v, r, s == 0);
	cxm__buf_puts(b, "</text></g>\n");
}

static void chart(cxm__buf *b, const funnel_view *v)
{
	size_t s, slot, n = v->g.n_drawn;
	int grouped = v->g.n_gcols > 0;
	double block = (grouped ? 18.0 : 0.0) + ROW * (double)n + 8.0, y;
	int height = (int)(10 + block * (double)v->n_steps + 24);
	cxm__svg_scale sx;
	cxm__svg_scale_init(&sx, 0.0, 100.0, 5, X0, X1);
	cxm__svg_open(b, TW, height, "funnel: the share of step 1's customers reaching each step");
	cxm__svg_grid_x(b, &sx, 4, height - 20, "%");
	for (s = 0; s < v->n_steps; s++) {
		size_t r0 = SIZE_MAX;
		y = 8 + block * (double)s;
		for (slot = 0; slot < n && r0 == SIZE_MAX; slot++)
			r0 = v->row[slot * v->n_steps + s];
		cxm__buf_printf(b, "<text class=\"cxs-lab cxj-steplab\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", X0 - 8, y + 12);
		if (r0 != SIZE_MAX) {
			cxm__buf_puts(b, "<title>");
			cxm__journey_label(b, v->jt->t, v->c.event, r0);
			cxm__buf_printf(b, "</title>%g. ", v->steps[s]);
			cxm__journey_short(b, cxm_table_texts(v->jt->t, v->c.event)[r0], LABEL_CHARS - 3);
		} else {
			cxm__buf_printf(b, "%g.", v->steps[s]);
		}
		cxm__buf_puts(b, "</text>\n");
		if (grouped)
			y += 18;
		for (slot = 0; slot < n; slot++) {
			double yr = y + ROW * (double)slot;
			if (grouped) {
				cxm__buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", X0 - 8, yr + 12);
				cxm__jgroups_name(b, &v->g, v->jt->t, v->g.drawn[slot], LABEL_CHARS);
				cxm__buf_puts(b, "</text>");
			}
			bar(b, v, slot, s, yr);
		}
	}
	cxm__svg_close(b);
}

static void legend(cxm__buf *b, const funnel_view *v)
{
	size_t slot;
	cxm__buf_puts(b, "<div class=\"cxs-legend\">");
	if (v->g.n_gcols > 0)
		for (slot = 0; slot < v->g.n_drawn; slot++) {
			cxm__buf_printf(b, "<span class=\"cxs-key\"><i class=\"cxs-box\" style=\"background:%s\"></i>",
					colour(v, slot));
			cxm__jgroups_name(b, &v->g, v->jt->t, v->g.drawn[slot], 0);
			cxm__buf_puts(b, "</span>");
		}
	cxm__buf_puts(b, "<span class=\"cxs-key\"><i class=\"cxs-box\" style=\"background:" LOST "\"></i>"
			 "lost since the previous step</span><span class=\"cxs-key\"><i style=\"background:#1f2933;height:2px\">"
			 "</i>interval of the conversion</span></div>\n");
}

/* The run's settings from the table's attributes, where present. */
static void settings(cxm__buf *b, const cxm_table *t)
{
	const char *mode = cxm__journey_attr_text(t, "mode");
	double window = cxm__journey_attr_number(t, "window_seconds"), conf = cxm__journey_attr_number(t, "conf");
	double in_log = cxm__journey_attr_number(t, "customers_in_log");
	cxm__buf_puts(b, "<p class=\"cxs-note\">Bar length: % of the customers who entered step 1 (axis 0&#8211;100). "
			 "Beside each bar: customers, conversion from the previous step with its ");
	if (!isnan(conf)) {
		cxm__page_value(b, conf * 100.0);
		cxm__buf_puts(b, "% ");
	}
	cxm__buf_puts(b, "Wilson interval, drop-off to the next step, median time to the next step.");
	if (mode && mode[0]) {
		cxm__buf_puts(b, " Mode: ");
		cxm__buf_html(b, mode);
		cxm__buf_puts(b, ".");
	}
	if (!isnan(window)) {
		cxm__buf_puts(b, " Window: ");
		cxm__journey_duration(b, window);
		cxm__buf_puts(b, ".");
	}
	if (!isnan(in_log)) {
		cxm__buf_puts(b, " Customers in the log: ");
		cxm__page_value(b, in_log);
		cxm__buf_puts(b, ".");
	}
	cxm__buf_puts(b, "</p>\n");
}

int cxm__journey_funnel(cxm__buf *b, const cxm__jt *jt)
{
	funnel_view v;
	int rc;
	if ((rc = view_init(&v, jt)) < 0) {
		view_free(&v);
		return rc;
	}
	settings(b, jt->t);
	if (v.g.n > v.g.n_drawn)
		cxm__buf_printf(b, "<p class=\"cxs-note\">The chart draws %zu of the %zu groups; all are in the table.</p>\n",
				v.g.n_drawn, v.g.n);
	if (cxm_table_rows(jt->t) > 0) {
		cxm__buf_puts(b, "<figure class=\"cxs-fig\">");
		chart(b, &v);
		legend(b, &v);
		cxm__buf_puts(b, "</figure>\n");
	}
	cxm__journey_table(b, jt->t, v.g.n_gcols);
	view_free(&v);
	return CXM_OK;
}
