/*
 * lib/report/journey_cohort.c - the retention heat-map of the journey page
 * (spec §26.3), from the table of cxm_cohort_table (spec §24): one row per
 * cohort (ascending), one column per period since the cohort's start (0, 1,
 * ...), each cell coloured by its retention % on a fixed 0-100 scale and
 * labelled with it; the cohort's size beside its row; cells past the log's
 * end (the triangle) left empty. The full table follows.
 *
 * Colours: ColorBrewer's sequential "Blues" (Brewer & Harrower, 2003,
 * colorbrewer2.org; the 9-class scheme), interpolated linearly in sRGB over
 * 0-100 %: light for few retained, dark for many, readable in grey and by
 * every common colour-vision deficiency (one hue). The scale is fixed so
 * that two pages compare: 40 % is the same blue everywhere.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "journey_internal.h"
#include "svg.h"

#define TW 900
#define LABELS 190.0   /* cohort labels and sizes, left of the cells */
#define CELL_H 20.0
#define MAX_COHORTS 60 /* drawn: the latest ones; all are in the table */
#define MAX_PERIODS 60 /* drawn: the first ones */

static const unsigned char blues[9][3] = {
	{ 0xf7, 0xfb, 0xff }, { 0xde, 0xeb, 0xf7 }, { 0xc6, 0xdb, 0xef }, { 0x9e, 0xca, 0xe1 }, { 0x6b, 0xae, 0xd6 },
	{ 0x42, 0x92, 0xc6 }, { 0x21, 0x71, 0xb5 }, { 0x08, 0x51, 0x9c }, { 0x08, 0x30, 0x6b }
};

/* The fill of a retention % (clamped to 0-100) as "#rrggbb"; *dark when white text reads better. */
static void fill_of(char out[8], double pct, int *dark)
{
	double f = (pct < 0.0 ? 0.0 : pct > 100.0 ? 100.0 : pct) / 100.0 * 8.0;
	int i = (int)floor(f), k;
	unsigned rgb[3];
	if (i >= 8)
		i = 7;
	f -= i;
	for (k = 0; k < 3; k++)
		rgb[k] = (unsigned)floor(blues[i][k] + (blues[i + 1][k] - blues[i][k]) * f + 0.5);
	cxm__snprintf_c(out, 8, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
	*dark = pct > 50.0;
}

typedef struct cohort_view {
	const cxm__jt *jt;
	size_t c_cohort, c_period, c_customers, c_active, c_retention;
	int label_type;       /* the cohort column's type: DAY or TEXT */
	size_t *cohorts;      /* a row of each distinct cohort, ascending */
	size_t n_cohorts;
	double *periods;      /* distinct periods, ascending */
	size_t n_periods;
	size_t *cell;         /* [cohort * n_periods + period] -> row, or SIZE_MAX */
} cohort_view;

/* qsort has no context: the table being sorted, for the comparisons (the
 * call that sets it holds it only while it sorts, one call at a time per
 * thread: thread-local). */
static _Thread_local const cohort_view *sorting;

static int cmp_cohort(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	const cxm_table *t = sorting->jt->t;
	if (sorting->label_type == CXM_TABLE_TEXT) {
		int c = strcmp(cxm_table_texts(t, sorting->c_cohort)[x], cxm_table_texts(t, sorting->c_cohort)[y]);
		return c ? c : (x > y) - (x < y);
	} else {
		double u = cxm_table_numbers(t, sorting->c_cohort)[x], v = cxm_table_numbers(t, sorting->c_cohort)[y];
		return u < v ? -1 : u > v ? 1 : (x > y) - (x < y);
	}
}

static int same_cohort(const cohort_view *v, size_t x, size_t y)
{
	const cxm_table *t = v->jt->t;
	if (v->label_type == CXM_TABLE_TEXT)
		return strcmp(cxm_table_texts(t, v->c_cohort)[x], cxm_table_texts(t, v->c_cohort)[y]) == 0;
	return cxm_table_numbers(t, v->c_cohort)[x] == cxm_table_numbers(t, v->c_cohort)[y];
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static void view_free(cohort_view *v)
{
	cxm__free(v->cohorts);
	cxm__free(v->periods);
	cxm__free(v->cell);
}

static int view_init(cohort_view *v, const cxm__jt *jt)
{
	size_t rows = cxm_table_rows(jt->t), i, *order = NULL, *cohort_of = NULL, n = 0;
	const double *period;
	int rc;
	memset(v, 0, sizeof *v);
	v->jt = jt;
	if ((rc = cxm__journey_need(&v->c_cohort, jt, "cohort", CXM__JOURNEY_LABEL)) < 0 ||
	    (rc = cxm__journey_need(&v->c_period, jt, "period", CXM_TABLE_NUMBER)) < 0 ||
	    (rc = cxm__journey_need(&v->c_customers, jt, "customers", CXM_TABLE_NUMBER)) < 0 ||
	    (rc = cxm__journey_need(&v->c_active, jt, "active", CXM_TABLE_NUMBER)) < 0 ||
	    (rc = cxm__journey_need(&v->c_retention, jt, "retention", CXM_TABLE_NUMBER)) < 0)
		return rc;
	cxm_table_column_type(&v->label_type, jt->t, v->c_cohort);
	period = cxm_table_numbers(jt->t, v->c_period);
	if ((rc = cxm__alloc_array(&v->periods, rows ? rows : 1, sizeof *v->periods, "journey cohort periods")) < 0 ||
	    (rc = cxm__alloc_array(&v->cohorts, rows ? rows : 1, sizeof *v->cohorts, "journey cohorts")) < 0 ||
	    (rc = cxm__alloc_array(&order, rows ? rows : 1, sizeof *order, "journey cohort rows")) < 0 ||
	    (rc = cxm__alloc_array(&cohort_of, rows ? rows : 1, sizeof *cohort_of, "journey cohort rows")) < 0)
		goto done;
	for (i = 0; i < rows; i++) {
		if (!isfinite(period[i]) || (v->label_type == CXM_TABLE_DAY &&
					    !isfinite(cxm_table_numbers(jt->t, v->c_cohort)[i]))) {
			rc = cxm__fail(CXM_EBAD_ARG, "tables[%zu] (kind 'cohort'): %s is not a number in row %zu (1-based)",
				       jt->index, isfinite(period[i]) ? "cohort" : "period", i + 1);
			goto done;
		}
		v->periods[i] = period[i];
		order[i] = i;
	}
	qsort(v->periods, rows, sizeof *v->periods, cmp_double);
	for (i = 0; i < rows; i++)
		if (v->n_periods == 0 || v->periods[v->n_periods - 1] != v->periods[i])
			v->periods[v->n_periods++] = v->periods[i];
	sorting = v;
	qsort(order, rows, sizeof *order, cmp_cohort);
	sorting = NULL;
	for (i = 0; i < rows; i++) {
		if (n == 0 || !same_cohort(v, v->cohorts[n - 1], order[i]))
			v->cohorts[n++] = order[i];
		cohort_of[order[i]] = n - 1;
	}
	v->n_cohorts = n;
	if ((rc = cxm__alloc_array(&v->cell, (n ? n : 1) * (v->n_periods ? v->n_periods : 1), sizeof *v->cell,
				   "journey cohort cells")) < 0)
		goto done;
	for (i = 0; i < n * v->n_periods; i++)
		v->cell[i] = SIZE_MAX;
	for (i = 0; i < rows; i++) {
		size_t p = (size_t)((double *)bsearch(&period[i], v->periods, v->n_periods, sizeof *v->periods, cmp_double) -
				    v->periods);
		size_t *c = &v->cell[cohort_of[i] * v->n_periods + p];
		if (*c != SIZE_MAX) {
			rc = cxm__fail(CXM_EBAD_ARG, "tables[%zu] (kind 'cohort'): rows %zu and %zu (1-based) are both period %g "
				       "of one cohort", jt->index, *c + 1, i + 1, period[i]);
			goto done;
		}
		*c = i;
	}
done:
	cxm__free(order);
	cxm__free(cohort_of);
	return rc;
}

static double num(const cohort_view *v, size_t c, size_t r)
{
	return cxm_table_numbers(v->jt->t, c)[r];
}

static void heat_map(cxm__buf *b, const cohort_view *v)
{
	size_t first = v->n_cohorts > MAX_COHORTS ? v->n_cohorts - MAX_COHORTS : 0, np = v->n_periods, i, p;
	double cw;
	int height;
	if (np > MAX_PERIODS)
		np = MAX_PERIODS;
	cw = floor((TW - LABELS - 10) / (double)np);
	if (cw > 56)
		cw = 56;
	height = (int)(30 + CELL_H * (double)(v->n_cohorts - first) + 10);
	cxm__svg_open(b, TW, height, "retention heat-map: cohorts by periods since their start");
	cxm__buf_printf(b, "<text x=\"%.1f\" y=\"12\" text-anchor=\"end\">cohort (customers)</text>", LABELS - 8);
	for (p = 0; p < np; p++)
		cxm__buf_printf(b, "<text class=\"cxj-period\" x=\"%.1f\" y=\"24\" text-anchor=\"middle\">%g</text>",
				LABELS + cw * ((double)p + 0.5), v->periods[p]);
	cxm__buf_puts(b, "\n");
	for (i = first; i < v->n_cohorts; i++) {
		double y = 30 + CELL_H * (double)(i - first);
		size_t r0 = v->cohorts[i];
		cxm__buf_printf(b, "<g class=\"cxj-row\"><text class=\"cxs-lab\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">",
				LABELS - 8, y + 14);
		cxm__journey_label(b, v->jt->t, v->c_cohort, r0);
		cxm__buf_puts(b, " (");
		cxm__page_value(b, num(v, v->c_customers, r0));
		cxm__buf_puts(b, ")</text>");
		for (p = 0; p < np; p++) {
			size_t r = v->cell[i * v->n_periods + p];
			double ret, x = LABELS + cw * (double)p;
			char fill[8];
			int dark = 0;
			if (r == SIZE_MAX)
				continue; /* past the log's end */
			ret = num(v, v->c_retention, r);
			if (isnan(ret))
				memcpy(fill, "#e4e7eb", 8);
			else
				fill_of(fill, ret, &dark);
			cxm__buf_printf(b, "<g class=\"cxj-cell\"><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
					"fill=\"%s\" stroke=\"#ffffff\"><title>", x, y, cw, CELL_H, fill);
			cxm__journey_label(b, v->jt->t, v->c_cohort, r);
			cxm__buf_printf(b, ", period %g: ", v->periods[p]);
			cxm__page_value(b, num(v, v->c_active, r));
			cxm__buf_puts(b, " of ");
			cxm__page_value(b, num(v, v->c_customers, r));
			cxm__buf_puts(b, " active, ");
			cxm__page_value(b, ret);
			cxm__buf_puts(b, "%</title></rect>");
			if (cw >= 26) {
				/* whole percents fit the cell; the title and the table have the exact value */
				cxm__buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" style=\"fill:%s\">",
						x + cw / 2, y + 14, dark ? "#ffffff" : "#1f2933");
				if (isnan(ret))
					cxm__buf_puts(b, "n/a");
				else
					cxm__buf_printf(b, "%.0f%%", ret);
				cxm__buf_puts(b, "</text>");
			}
			cxm__buf_puts(b, "</g>");
		}
		cxm__buf_puts(b, "</g>\n");
	}
	cxm__svg_close(b);
}

static void legend(cxm__buf *b)
{
	int k;
	cxm__buf_puts(b, "<div class=\"cxs-legend\"><span>retention 0%<i class=\"cxj-grad\" style=\"background:"
			 "linear-gradient(to right");
	for (k = 0; k < 9; k++)
		cxm__buf_printf(b, ",#%02x%02x%02x", blues[k][0], blues[k][1], blues[k][2]);
	cxm__buf_puts(b, ")\"></i>100%</span></div>\n");
}

int cxm__journey_cohort(cxm__buf *b, const cxm__jt *jt)
{
	cohort_view v;
	const char *every = cxm__journey_attr_text(jt->t, "every"), *amount = cxm__journey_attr_text(jt->t, "amount");
	int rc;
	if ((rc = view_init(&v, jt)) < 0) {
		view_free(&v);
		return rc;
	}
	cxm__buf_puts(b, "<p class=\"cxs-note\">Customers grouped by the period of their first event");
	if (every && every[0]) {
		cxm__buf_puts(b, " (every ");
		cxm__buf_html(b, every);
		cxm__buf_puts(b, ")");
	}
	cxm__buf_puts(b, "; each cell: the % of the cohort active in that period since its start (colour on a fixed "
			 "0&#8211;100 scale). Cells after the log's last event are empty.");
	if (amount && amount[0]) {
		cxm__buf_puts(b, " Revenue from the column ");
		cxm__buf_html(b, amount);
		cxm__buf_puts(b, " is in the table.");
	}
	cxm__buf_puts(b, "</p>\n");
	if (v.n_cohorts > MAX_COHORTS || v.n_periods > MAX_PERIODS)
		cxm__buf_printf(b, "<p class=\"cxs-note\">The heat-map draws the latest %d cohorts and the first %d periods; "
				   "all %zu cohorts and %zu periods are in the table.</p>\n", MAX_COHORTS, MAX_PERIODS,
				v.n_cohorts, v.n_periods);
	if (v.n_cohorts > 0) {
		cxm__buf_puts(b, "<figure class=\"cxs-fig\">");
		heat_map(b, &v);
		legend(b);
		cxm__buf_puts(b, "</figure>\n");
	}
	cxm__journey_table(b, jt->t, 0);
	view_free(&v);
	return CXM_OK;
}
