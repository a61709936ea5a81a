/*
 * lib/report/html.c - the grouped survey report as ONE self-contained HTML
 * page (spec §18.9): inline CSS, inline SVG charts, and a few lines of inline
 * script that sort the tables when a header is clicked. No URL, no external
 * resource, nothing loaded: the page reads the same offline, in a mail, or
 * printed.
 *
 * It is drawn from the public tables only (CELLS, VS_REST, DRIVERS, THEMES
 * of spec §18): the renderer never sees the report's internals, so the page
 * shows exactly what the CSV and JSON show. Every text from the data is
 * HTML-escaped (invalid UTF-8 becomes U+FFFD); every number is printed
 * through cxm__buf_printf, i.e. in the "C" locale.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "buf.h"
#include "html.h"
#include "page.h"
#include "svg.h"

/* Lines drawn per chart: more groups than this are in the table only (a chart
 * of 50 lines shows nothing); the total and the first groups in order. */
#define MAX_SERIES 10

#define UP "&#9650;"   /* ▲ */
#define DOWN "&#9660;" /* ▼ */

/* Every rule is under .cxs: the page may be shown inside another (a notebook's
 * _repr_html_), whose own elements must keep their style. */
static const char css[] =
	".cxs{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;"
	"color:#1f2933;background:#fff;padding:16px 20px;line-height:1.4;font-size:13px;max-width:1100px}\n"
	".cxs h1{font-size:22px;margin:0 0 6px}\n"
	".cxs h2{font-size:17px;margin:22px 0 6px;padding-bottom:3px;border-bottom:2px solid #e4e7eb}\n"
	".cxs h3{font-size:14px;margin:14px 0 4px}\n"
	".cxs-meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:6px 0 10px}\n"
	".cxs-meta dt{color:#52606d}.cxs-meta dd{margin:0}\n"
	".cxs-fig{margin:8px 0 14px;break-inside:avoid;page-break-inside:avoid}\n"
	".cxs-chart{display:block;max-width:100%;height:auto;background:#fff}\n"
	".cxs-chart text{font-size:11px;fill:#3e4c59}\n"
	".cxs-chart .cxs-lab{font-size:12px;fill:#1f2933}\n"
	".cxs-grid{stroke:#e4e7eb;stroke-width:1}\n"
	".cxs-zero{stroke:#7b8794}\n"
	".cxs-axis{stroke:#7b8794;stroke-width:1}\n"
	".cxs-line{fill:none;stroke-linejoin:round;stroke-linecap:round}\n"
	".cxs-band{stroke:none}\n"
	".cxs-supp{fill:#fff;stroke-width:1.8}\n"
	".cxs-note{color:#52606d;font-size:12px;margin:2px 0}\n"
	".cxs-legend{display:flex;flex-wrap:wrap;gap:4px 14px;font-size:12px;margin:4px 0}\n"
	".cxs-key i{display:inline-block;width:16px;height:4px;margin:0 5px 3px 0;vertical-align:middle}\n"
	".cxs-key i.cxs-hollow{width:9px;height:9px;border:2px solid #52606d;border-radius:50%;background:#fff}\n"
	".cxs-key i.cxs-box{height:10px}\n"
	".cxs-wrap{overflow-x:auto;max-width:100%}\n"
	".cxs table{border-collapse:collapse;font-size:12px;margin:4px 0 10px}\n"
	".cxs th,.cxs td{padding:2px 8px;border-bottom:1px solid #e4e7eb;text-align:right;white-space:nowrap}\n"
	".cxs th{background:#f4f5f7;cursor:pointer;user-select:none;position:sticky;top:0}\n"
	".cxs th.cxs-t,.cxs td.cxs-t{text-align:left}\n"
	".cxs th[aria-sort=ascending]::after{content:' \\25B2'}\n"
	".cxs th[aria-sort=descending]::after{content:' \\25BC'}\n"
	".cxs tr.cxs-total td{font-weight:600}\n"
	".cxs tr.cxs-suppressed td{color:#7b8794}\n"
	".cxs .cxs-s{font-style:italic;color:#8d2b0b}\n"
	".cxs .cxs-up{color:#00695c;font-weight:600}\n"
	".cxs .cxs-down{color:#b3261e;font-weight:600}\n"
	"@media print{.cxs{padding:0;max-width:none}.cxs th{position:static}"
	".cxs-wrap{overflow:visible}.cxs h2{break-after:avoid}}\n";


/* ---- text and numbers ------------------------------------------------------------------------ */

/* Text from the data, escaped for HTML text and attributes; invalid UTF-8
 * becomes U+FFFD and control characters spaces. */
static void h(cxm__buf *b, const char *s)
{
	cxm__buf_html(b, s);
}

/* A p-value: "<0.001" below, else three decimals. */
static void p_text(cxm__buf *b, double p)
{
	if (isnan(p))
		cxm__buf_puts(b, "n/a");
	else if (p < 0.001)
		cxm__buf_puts(b, "&lt;0.001");
	else
		cxm__buf_printf(b, "%.3f", p);
}

/* Attribute `name` of t without touching the last error: 1 with *x (NUMBER or
 * DAY) or *s (TEXT) set, 0 when t has no such attribute. */
static int attr(const cxm_table *t, const char *name, double *x, const char **s)
{
	size_t i, n = cxm_table_attr_count(t);
	int type;
	*x = NAN;
	*s = NULL;
	for (i = 0; i < n; i++) {
		if (strcmp(cxm_table_attr_name(t, i), name) != 0 || cxm_table_attr_type(&type, t, i) < 0)
			continue;
		if (type == CXM_TABLE_TEXT)
			return cxm_table_get_attr_text(s, t, name) == CXM_OK;
		return cxm_table_get_attr_number(x, t, name) == CXM_OK;
	}
	return 0;
}

static double attr_number(const cxm_table *t, const char *name)
{
	double x;
	const char *s;
	return attr(t, name, &x, &s) ? x : NAN;
}

static const char *attr_text(const cxm_table *t, const char *name)
{
	double x;
	const char *s;
	return attr(t, name, &x, &s) ? s : NULL;
}

/* ---- the tables' columns --------------------------------------------------------------------- */

/* The index of column `name` of type `type`, or SIZE_MAX when there is none.
 * A column of that name and another type is an error (rc < 0). */
static size_t find(const cxm_table *t, const char *name, int type, int *rc)
{
	size_t i, n = cxm_table_column_count(t);
	int got;
	for (i = 0; i < n; i++) {
		if (strcmp(cxm_table_column_name(t, i), name) != 0)
			continue;
		if (cxm_table_column_type(&got, t, i) < 0 || got != type) {
			*rc = cxm__fail(CXM_EBAD_ARG, "column '%s' is not %s", name,
					type == CXM_TABLE_TEXT ? "TEXT" : "NUMBER");
			return SIZE_MAX;
		}
		return i;
	}
	return SIZE_MAX;
}

/* A required column: its index, or a BAD_ARG naming table and column. */
static int need(size_t *idx, const cxm_table *t, const char *table, const char *name, int type)
{
	int rc = CXM_OK;
	*idx = find(t, name, type, &rc);
	if (rc < 0)
		return cxm__error_context(table);
	if (*idx == SIZE_MAX)
		return cxm__fail(CXM_EBAD_ARG, "%s: there is no %s column '%s' (spec §18 schema)", table,
				 type == CXM_TABLE_TEXT ? "TEXT" : "NUMBER", name);
	return CXM_OK;
}

static const double *numbers(const cxm_table *t, size_t col)
{
	return col == SIZE_MAX ? NULL : cxm_table_numbers(t, col);
}

static double at(const double *col, size_t row)
{
	return col ? col[row] : NAN;
}

/* The group columns of a schema table: the TEXT columns before `period`. */
static int group_columns(size_t *n_groups, size_t *period, const cxm_table *t, const char *table)
{
	int rc;
	size_t i;
	if ((rc = need(period, t, table, "period", CXM_TABLE_TEXT)) < 0)
		return rc;
	for (i = 0; i < *period; i++) {
		int type;
		if (cxm_table_column_type(&type, t, i) < 0 || type != CXM_TABLE_TEXT)
			return cxm__fail(CXM_EBAD_ARG, "%s: group column '%s' (before 'period') is not TEXT", table,
					 cxm_table_column_name(t, i));
	}
	*n_groups = *period;
	return CXM_OK;
}

/* ---- the cells, arranged by group x period x metric ------------------------------------------ */

typedef struct view {
	const cxm_table *t;
	size_t rows, n_gcols;
	size_t c_period, c_metric;
	const double *n, *score, *lower, *upper, *change, *p, *padj, *supp, *prom, *pas, *det;
	/* groups: distinct group-value tuples in first-seen order */
	size_t n_groups, *group_first_row; /* a row of each group, for its values */
	unsigned char *group_total;
	/* the groups the charts draw: the total first, then the first others */
	size_t chart[MAX_SERIES], n_chart, *slot; /* slot[g]: g's place in chart, or SIZE_MAX */
	size_t n_periods;
	const char **periods; /* sorted ascending; "" (no time) sorts first */
	size_t n_metrics;
	const char **metrics; /* in first-seen order */
	size_t *cell;         /* (slot * n_periods + p) * n_metrics + m -> row, or SIZE_MAX */
	int has_time, has_total;
	double alpha, conf;
	double min_n;
} view;

static void view_free(view *v)
{
	cxm__free(v->group_first_row);
	cxm__free(v->group_total);
	cxm__free(v->slot);
	cxm__free((void *)v->periods);
	cxm__free((void *)v->metrics);
	cxm__free(v->cell);
}

/* The group values of rows a and b compared bytewise, column after column
 * (texts are interned: the same text is the same pointer). */
static int cmp_group(const view *v, size_t a, size_t b)
{
	size_t k;
	for (k = 0; k < v->n_gcols; k++) {
		const char *x = cxm_table_texts(v->t, k)[a], *y = cxm_table_texts(v->t, k)[b];
		int c = x == y ? 0 : strcmp(x, y);
		if (c)
			return c;
	}
	return 0;
}

static int cmp_text(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A TEXT column's levels (distinct texts, in the order of their first row) and
 * each row's level; the caller frees *levels and *codes. */
static int levels_of(const char ***levels, size_t *n, uint32_t **codes, const cxm_table *t, size_t col)
{
	size_t i;
	int rc;
	*n = cxm_table_level_count(t, col);
	if ((rc = cxm__alloc_array(levels, *n ? *n : 1, sizeof **levels, "HTML levels")) < 0 ||
	    (rc = cxm__alloc_array(codes, cxm_table_rows(t), sizeof **codes, "HTML codes")) < 0 ||
	    (rc = cxm_table_copy_codes(*codes, cxm_table_rows(t), t, col)) < 0)
		return rc;
	for (i = 0; i < *n; i++)
		(*levels)[i] = cxm_table_level(t, col, i);
	return CXM_OK;
}

/* The groups: a new run of rows whose values differ from the previous row's is
 * a new group unless an earlier group has its values. The schema's rows come
 * sorted by group, so a run above the greatest group so far is new without a
 * search; only a run out of order (a table sorted otherwise, the total first)
 * is looked for among the groups there are. */
static size_t *find_groups(view *v)
{
	size_t i, g = 0, last = SIZE_MAX, top = SIZE_MAX, *row_group;
	if (cxm__alloc_array(&row_group, v->rows, sizeof *row_group, "HTML rows") < 0)
		return NULL;
	for (i = 0; i < v->rows; i++) {
		if (last == SIZE_MAX || cmp_group(v, last, i) != 0) {
			int is_new = top == SIZE_MAX || cmp_group(v, v->group_first_row[top], i) < 0;
			if (!is_new)
				for (g = 0; g < v->n_groups && cmp_group(v, v->group_first_row[g], i) != 0; g++)
					;
			if (is_new || g == v->n_groups) {
				size_t k;
				g = v->n_groups++;
				v->group_first_row[g] = i;
				v->group_total[g] = v->n_gcols > 0;
				for (k = 0; k < v->n_gcols; k++)
					v->group_total[g] &= strcmp(cxm_table_texts(v->t, k)[i], "(all)") == 0;
				v->has_total |= v->group_total[g];
				if (top == SIZE_MAX || cmp_group(v, v->group_first_row[top], i) < 0)
					top = g;
			}
			last = i;
		}
		row_group[i] = g;
	}
	return row_group;
}

/* The charted groups: the total (or the only group without group columns)
 * first, then the others in table order, MAX_SERIES in all. */
static void choose_chart(view *v)
{
	size_t g;
	for (g = 0; g < v->n_groups; g++)
		v->slot[g] = SIZE_MAX;
	for (g = 0; g < v->n_groups && v->n_chart < MAX_SERIES; g++)
		if (v->group_total[g] || v->n_gcols == 0) {
			v->slot[g] = v->n_chart;
			v->chart[v->n_chart++] = g;
		}
	for (g = 0; g < v->n_groups && v->n_chart < MAX_SERIES; g++)
		if (v->slot[g] == SIZE_MAX) {
			v->slot[g] = v->n_chart;
			v->chart[v->n_chart++] = g;
		}
}

static int view_init(view *v, const cxm_table *t)
{
	static const char T[] = "cells table";
	size_t c[9], i, *row_group = NULL, cells;
	uint32_t *period_code = NULL, *metric_code = NULL, *rank = NULL;
	const char **period_levels = NULL;
	static const char *const cols[9] = { "n", "score", "lower", "upper", "change", "p_value", "p_adjusted",
					     "suppressed", NULL };
	int rc = CXM_OK;
	double conf;
	memset(v, 0, sizeof *v);
	v->t = t;
	v->rows = cxm_table_rows(t);
	if ((rc = group_columns(&v->n_gcols, &v->c_period, t, T)) < 0 ||
	    (rc = need(&v->c_metric, t, T, "metric", CXM_TABLE_TEXT)) < 0)
		return rc;
	for (i = 0; cols[i]; i++)
		if ((rc = need(&c[i], t, T, cols[i], CXM_TABLE_NUMBER)) < 0)
			return rc;
	v->n = numbers(t, c[0]);
	v->score = numbers(t, c[1]);
	v->lower = numbers(t, c[2]);
	v->upper = numbers(t, c[3]);
	v->change = numbers(t, c[4]);
	v->p = numbers(t, c[5]);
	v->padj = numbers(t, c[6]);
	v->supp = numbers(t, c[7]);
	/* the shares are optional: without them there is no breakdown chart */
	v->prom = numbers(t, find(t, "promoters", CXM_TABLE_NUMBER, &rc));
	v->pas = numbers(t, find(t, "passives", CXM_TABLE_NUMBER, &rc));
	v->det = numbers(t, find(t, "detractors", CXM_TABLE_NUMBER, &rc));
	if (rc < 0)
		return cxm__error_context(T);
	conf = attr_number(t, "conf");
	v->conf = conf > 0 && conf < 1 ? conf : 0.95; /* the library's default when the table does not say */
	v->alpha = 1.0 - v->conf;
	v->min_n = attr_number(t, "min_n");
	if (v->rows == 0)
		return CXM_OK;
	if ((rc = cxm__alloc_array(&v->group_first_row, v->rows, sizeof *v->group_first_row, "HTML groups")) < 0 ||
	    (rc = cxm__alloc_array(&v->group_total, v->rows, 1, "HTML groups")) < 0 ||
	    (rc = levels_of(&period_levels, &v->n_periods, &period_code, t, v->c_period)) < 0 ||
	    (rc = levels_of(&v->metrics, &v->n_metrics, &metric_code, t, v->c_metric)) < 0 ||
	    (rc = cxm__alloc_array(&v->periods, v->n_periods, sizeof *v->periods, "HTML periods")) < 0 ||
	    (rc = cxm__alloc_array(&rank, v->n_periods, sizeof *rank, "HTML periods")) < 0)
		goto done;
	if (!(row_group = find_groups(v))) {
		rc = CXM_ENOMEM;
		goto done;
	}
	if ((rc = cxm__alloc_array(&v->slot, v->n_groups, sizeof *v->slot, "HTML groups")) < 0)
		goto done;
	choose_chart(v);
	/* periods sorted (ISO dates sort as text); rank[level] = its place */
	memcpy((void *)v->periods, period_levels, v->n_periods * sizeof *v->periods);
	if (v->n_periods > 1)
		qsort((void *)v->periods, v->n_periods, sizeof *v->periods, cmp_text);
	for (i = 0; i < v->n_periods; i++) {
		const char **at = bsearch(&period_levels[i], v->periods, v->n_periods, sizeof *v->periods, cmp_text);
		rank[i] = (uint32_t)(at - v->periods);
		v->has_time |= v->periods[i][0] != '\0';
	}
	cells = v->n_chart * v->n_periods * v->n_metrics;
	if ((rc = cxm__alloc_array(&v->cell, cells, sizeof *v->cell, "HTML cells")) < 0)
		goto done;
	for (i = 0; i < cells; i++)
		v->cell[i] = SIZE_MAX;
	for (i = 0; i < v->rows; i++) {
		size_t s = v->slot[row_group[i]];
		if (s != SIZE_MAX)
			v->cell[(s * v->n_periods + rank[period_code[i]]) * v->n_metrics + metric_code[i]] = i;
	}
done:
	cxm__free(row_group);
	cxm__free(period_code);
	cxm__free(metric_code);
	cxm__free((void *)period_levels);
	cxm__free(rank);
	return rc;
}

/* The row of (group g, period p, metric m), or SIZE_MAX (none, or g not charted). */
static size_t cell(const view *v, size_t g, size_t p, size_t m)
{
	size_t s = v->slot[g];
	return s == SIZE_MAX ? SIZE_MAX : v->cell[(s * v->n_periods + p) * v->n_metrics + m];
}

static int suppressed(const view *v, size_t row)
{
	return at(v->supp, row) != 0.0 && !isnan(at(v->supp, row));
}

/* The group's name: its values joined by " / ", or "all rows" without groups. */
static void group_name(cxm__buf *b, const view *v, size_t g)
{
	size_t k;
	if (v->n_gcols == 0) {
		cxm__buf_puts(b, "all rows");
		return;
	}
	if (v->group_total[g]) {
		cxm__buf_puts(b, "(all)");
		return;
	}
	for (k = 0; k < v->n_gcols; k++) {
		if (k)
			cxm__buf_puts(b, " / ");
		h(b, cxm_table_texts(v->t, k)[v->group_first_row[g]]);
	}
}

/* The colour of the shown-th group of a chart: black for the total, the
 * palette in order for the others (the total, when there is one, is shown first). */
static const char *colour(const view *v, size_t g, size_t shown)
{
	if (v->group_total[g] || v->n_gcols == 0)
		return CXM__SVG_TOTAL;
	return cxm__svg_colour(shown - (v->has_total ? 1 : 0));
}

/* ---- metrics --------------------------------------------------------------------------------- */

typedef struct metric_info {
	const char *word, *title, *unit;
} metric_info;

static const metric_info metric_infos[] = {
	{ "nps", "NPS", "points" },
	{ "csat", "CSAT", "% satisfied" },
	{ "csat_mean", "CSAT mean", "mean answer" },
	{ "ces", "CES", "mean answer" },
	{ "ces_agree", "CES", "% agree" },
	{ "first_response_mean", "First response, mean", "seconds" },
	{ "first_response_median", "First response, median", "seconds" },
	{ "first_response_p90", "First response, 90th percentile", "seconds" },
	{ "resolution_mean", "Resolution, mean", "seconds" },
	{ "resolution_median", "Resolution, median", "seconds" },
	{ "resolution_p90", "Resolution, 90th percentile", "seconds" },
};

/* The metric's title: "NPS (points)", "CSAT (% satisfied) - csat_delivery". */
static void metric_title(cxm__buf *b, const char *metric)
{
	const char *colon = strchr(metric, ':');
	size_t len = colon ? (size_t)(colon - metric) : strlen(metric), i;
	for (i = 0; i < sizeof metric_infos / sizeof *metric_infos; i++)
		if (strlen(metric_infos[i].word) == len && memcmp(metric_infos[i].word, metric, len) == 0)
			break;
	if (i == sizeof metric_infos / sizeof *metric_infos) {
		h(b, metric);
		return;
	}
	cxm__buf_printf(b, "%s (%s)", metric_infos[i].title, metric_infos[i].unit);
	if (colon) {
		cxm__buf_puts(b, " &#8212; ");
		h(b, colon + 1);
	}
}

static int is_nps(const char *metric)
{
	return strncmp(metric, "nps", 3) == 0 && (metric[3] == '\0' || metric[3] == ':');
}

/* The tooltip of a cell: "group, period: score [lower, upper], n = N". */
static void cell_title(cxm__buf *b, const view *v, size_t g, size_t row)
{
	cxm__buf_puts(b, "<title>");
	group_name(b, v, g);
	if (v->has_time) {
		cxm__buf_puts(b, ", ");
		h(b, cxm_table_texts(v->t, v->c_period)[row]);
	}
	if (suppressed(v, row)) {
		cxm__buf_puts(b, ": suppressed (n &lt; min_n)</title>");
		return;
	}
	cxm__buf_puts(b, ": ");
	cxm__page_value(b, at(v->score, row));
	if (!isnan(at(v->lower, row))) {
		cxm__buf_puts(b, " [");
		cxm__page_value(b, at(v->lower, row));
		cxm__buf_puts(b, ", ");
		cxm__page_value(b, at(v->upper, row));
		cxm__buf_puts(b, "]");
	}
	cxm__buf_puts(b, ", n = ");
	cxm__page_value(b, at(v->n, row));
	cxm__buf_puts(b, "</title>");
}

/* Whether the cell's change is significant after adjustment. */
static int significant(const view *v, size_t row)
{
	double q = at(v->padj, row);
	return !isnan(q) && q < v->alpha && !isnan(at(v->change, row)) && at(v->change, row) != 0.0;
}

/* ---- the charts ------------------------------------------------------------------------------ */

#define TW 760
#define TH 300
#define TX0 60.0
#define TX1 744.0
#define TY0 18.0
#define TY1 256.0

/* The range of the shown values (score and interval) of metric m. */
static void metric_range(const view *v, size_t m, const size_t *groups, size_t n, double *lo, double *hi)
{
	size_t i, p;
	*lo = INFINITY;
	*hi = -INFINITY;
	for (i = 0; i < n; i++)
		for (p = 0; p < v->n_periods; p++) {
			size_t r = cell(v, groups[i], p, m);
			double xs[3];
			int k;
			if (r == SIZE_MAX || suppressed(v, r))
				continue;
			xs[0] = at(v->score, r);
			xs[1] = at(v->lower, r);
			xs[2] = at(v->upper, r);
			for (k = 0; k < 3; k++)
				if (isfinite(xs[k])) {
					*lo = xs[k] < *lo ? xs[k] : *lo;
					*hi = xs[k] > *hi ? xs[k] : *hi;
				}
		}
}

static double period_x(const view *v, size_t p)
{
	return v->n_periods == 1 ? (TX0 + TX1) / 2 : TX0 + 16 + p * (TX1 - TX0 - 32) / (double)(v->n_periods - 1);
}

/* Whether the cell has a score to draw. */
static int drawn(const view *v, size_t r)
{
	return r != SIZE_MAX && !suppressed(v, r) && isfinite(at(v->score, r));
}

static int banded(const view *v, size_t r)
{
	return drawn(v, r) && isfinite(at(v->lower, r)) && isfinite(at(v->upper, r));
}

/* The legend under a chart (HTML, so that it wraps); `supp`: a suppressed
 * marker is drawn and gets its note. */
static void legend(cxm__buf *b, const view *v, const size_t *groups, size_t n, int bands, int supp)
{
	size_t i;
	cxm__buf_puts(b, "<div class=\"cxs-legend\">");
	for (i = 0; i < n; i++) {
		cxm__buf_printf(b, "<span class=\"cxs-key\"><i style=\"background:%s\"></i>", colour(v, groups[i], i));
		group_name(b, v, groups[i]);
		cxm__buf_puts(b, "</span>");
	}
	if (bands)
		cxm__buf_printf(b, "<span class=\"cxs-key\">band / whisker: %g%% interval</span>", 100 * v->conf);
	if (supp)
		cxm__buf_puts(b, "<span class=\"cxs-key\"><i class=\"cxs-hollow\"></i>suppressed: fewer answers than "
				 "min_n, no value shown</span>");
	cxm__buf_puts(b, "</div>\n");
}

/* A trend chart of metric m: x = period, one line per group with its band. */
static void trend_chart(cxm__buf *b, const view *v, size_t m, const size_t *groups, size_t n)
{
	cxm__svg_scale ys;
	double lo, hi;
	size_t i, p, every;
	int any_supp = 0, any_band = 0;
	metric_range(v, m, groups, n, &lo, &hi);
	cxm__svg_scale_init(&ys, lo, hi, 5, TY1, TY0);
	cxm__buf_puts(b, "<figure class=\"cxs-fig\">");
	{
		cxm__buf label;
		char *text = NULL;
		cxm__buf_init(&label);
		cxm__buf_puts(&label, "trend of ");
		metric_title(&label, v->metrics[m]);
		if (cxm__buf_finish(&label, &text) < 0) {
			b->rc = b->rc ? b->rc : CXM_ENOMEM;
			return;
		}
		cxm__svg_open(b, TW, TH, text);
		cxm__free(text);
	}
	cxm__svg_grid_y(b, &ys, TX0, TX1, NULL);
	cxm__buf_printf(b, "<line class=\"cxs-axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n", TX0, TY1, TX1,
			TY1);
	every = (v->n_periods + 11) / 12;
	for (p = 0; p < v->n_periods; p += every)
		{
		cxm__buf_printf(b, "<text class=\"cxs-tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
				period_x(v, p), TY1 + 16);
		h(b, v->periods[p]);
		cxm__buf_puts(b, "</text>\n");
	}
	for (i = 0; i < n; i++) {
		size_t g = groups[i], start;
		const char *c = colour(v, g, i);
		int thick = v->group_total[g] || v->n_gcols == 0;
		cxm__buf_printf(b, "<g class=\"cxs-series\" data-series=\"%zu\">\n", i);
		/* bands: one polygon per run of periods with an interval; a lone
		 * period gets a whisker */
		for (p = 0; p < v->n_periods; p = start + 1) {
			size_t q, end;
			start = p;
			if (!banded(v, cell(v, g, p, m)))
				continue;
			for (end = p; end + 1 < v->n_periods && banded(v, cell(v, g, end + 1, m)); end++)
				;
			start = end;
			any_band = 1;
			if (end == p) {
				size_t r = cell(v, g, p, m);
				cxm__buf_printf(b, "<line class=\"cxs-whisker\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
						"stroke=\"%s\" stroke-opacity=\"0.45\" stroke-width=\"5\"/>\n",
						period_x(v, p), cxm__svg_at(&ys, at(v->lower, r)), period_x(v, p),
						cxm__svg_at(&ys, at(v->upper, r)), c);
				continue;
			}
			cxm__buf_printf(b, "<polygon class=\"cxs-band\" fill=\"%s\" fill-opacity=\"%s\" points=\"", c,
					thick ? "0.12" : "0.16");
			for (q = p; q <= end; q++)
				cxm__buf_printf(b, "%s%.1f,%.1f", q == p ? "" : " ", period_x(v, q),
						cxm__svg_at(&ys, at(v->upper, cell(v, g, q, m))));
			for (q = end + 1; q-- > p;)
				cxm__buf_printf(b, " %.1f,%.1f", period_x(v, q), cxm__svg_at(&ys, at(v->lower, cell(v, g, q, m))));
			cxm__buf_puts(b, "\"/>\n");
		}
		/* the line: one path, a new subpath after each gap */
		{
			int pen = 0, any = 0;
			for (p = 0; p < v->n_periods; p++) {
				size_t r = cell(v, g, p, m);
				if (!drawn(v, r)) {
					pen = 0;
					continue;
				}
				if (!any)
					cxm__buf_printf(b, "<path class=\"cxs-line\" stroke=\"%s\" stroke-width=\"%s\" d=\"", c,
							thick ? "3.5" : "2.5");
				cxm__buf_printf(b, "%s%.1f %.1f", pen ? " L" : any ? " M" : "M", period_x(v, p),
						cxm__svg_at(&ys, at(v->score, r)));
				pen = any = 1;
			}
			if (any)
				cxm__buf_puts(b, "\"/>\n");
		}
		/* points, significance marks, suppressed markers */
		for (p = 0; p < v->n_periods; p++) {
			size_t r = cell(v, g, p, m);
			double x = period_x(v, p), y;
			if (r == SIZE_MAX)
				continue;
			if (suppressed(v, r)) {
				/* stacked upwards over the earlier series' markers of the same
				 * period, so that two suppressed groups stay two circles */
				size_t j, below = 0;
				for (j = 0; j < i; j++)
					below += cell(v, groups[j], p, m) != SIZE_MAX && suppressed(v, cell(v, groups[j], p, m));
				any_supp = 1;
				cxm__buf_printf(b, "<circle class=\"cxs-supp\" cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" stroke=\"%s\">", x,
						TY1 - 7 - 11.0 * (double)below, c);
				cell_title(b, v, g, r);
				cxm__buf_puts(b, "</circle>\n");
				continue;
			}
			if (!drawn(v, r))
				continue;
			y = cxm__svg_at(&ys, at(v->score, r));
			cxm__buf_printf(b, "<circle class=\"cxs-pt\" cx=\"%.1f\" cy=\"%.1f\" r=\"%s\" fill=\"%s\">", x, y,
					thick ? "4" : "3", c);
			cell_title(b, v, g, r);
			cxm__buf_puts(b, "</circle>\n");
			if (significant(v, r))
				cxm__buf_printf(b, "<text class=\"cxs-sig\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" style=\"fill:%s\">%s"
						"</text>\n", x, at(v->change, r) > 0 ? y - 8 : y + 16, c,
						at(v->change, r) > 0 ? UP : DOWN);
		}
		cxm__buf_puts(b, "</g>\n");
	}
	cxm__svg_close(b);
	legend(b, v, groups, n, any_band, any_supp);
	cxm__buf_puts(b, "<p class=\"cxs-note\">x: period (first day of each bucket); ");
	cxm__buf_puts(b, UP " / " DOWN ": a change from the period before that is significant after adjustment "
			 "(p_adjusted &lt; ");
	cxm__buf_printf(b, "%g", v->alpha);
	cxm__buf_puts(b, ").</p></figure>\n");
}

/* Without periods: a dot at the score and a whisker over the interval per group. */
static void dot_chart(cxm__buf *b, const view *v, size_t m, const size_t *groups, size_t n)
{
	cxm__svg_scale xs;
	double lo, hi, x0 = 190, x1 = 740;
	int height = 40 + 26 * (int)n, any_supp = 0, any_band = 0;
	size_t i;
	cxm__buf label;
	char *text = NULL;
	metric_range(v, m, groups, n, &lo, &hi);
	cxm__svg_scale_init(&xs, lo, hi, 6, x0, x1);
	cxm__buf_puts(b, "<figure class=\"cxs-fig\">");
	cxm__buf_init(&label);
	cxm__buf_puts(&label, "score by group: ");
	metric_title(&label, v->metrics[m]);
	if (cxm__buf_finish(&label, &text) < 0) {
		b->rc = b->rc ? b->rc : CXM_ENOMEM;
		return;
	}
	cxm__svg_open(b, TW, height, text);
	cxm__free(text);
	cxm__svg_grid_x(b, &xs, 8, height - 26, NULL);
	for (i = 0; i < n; i++) {
		size_t g = groups[i], r = cell(v, g, 0, m);
		double y = 22 + 26 * (double)i;
		const char *c = colour(v, g, i);
		cxm__buf_printf(b, "<g class=\"cxs-series\" data-series=\"%zu\">", i);
		cxm__buf_printf(b, "<text class=\"cxs-lab\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", x0 - 10, y + 4);
		group_name(b, v, g);
		cxm__buf_puts(b, "</text>");
		if (r != SIZE_MAX && suppressed(v, r)) {
			any_supp = 1;
			cxm__buf_printf(b, "<circle class=\"cxs-supp\" cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" stroke=\"%s\">", x0 + 8, y,
					c);
			cell_title(b, v, g, r);
			cxm__buf_printf(b, "</circle><text x=\"%.1f\" y=\"%.1f\">suppressed</text>", x0 + 18, y + 4);
		} else if (drawn(v, r)) {
			if (banded(v, r)) {
				any_band = 1;
				cxm__buf_printf(b, "<line class=\"cxs-whisker\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
						"stroke=\"%s\" stroke-width=\"2\"/>", cxm__svg_at(&xs, at(v->lower, r)), y,
						cxm__svg_at(&xs, at(v->upper, r)), y, c);
			}
			cxm__buf_printf(b, "<circle class=\"cxs-pt\" cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\">",
					cxm__svg_at(&xs, at(v->score, r)), y, c);
			cell_title(b, v, g, r);
			cxm__buf_puts(b, "</circle>");
		}
		cxm__buf_puts(b, "</g>\n");
	}
	cxm__svg_close(b);
	legend(b, v, groups, 0, any_band, any_supp);
	cxm__buf_puts(b, "</figure>\n");
}

/* Promoter / passive / detractor shares of the latest period, one stacked bar per group. */
static void breakdown_chart(cxm__buf *b, const view *v, size_t m, const size_t *groups, size_t n)
{
	static const struct { const char *name, *fill; } parts[3] = {
		{ "detractors", "#D55E00" }, { "passives", "#BBBBBB" }, { "promoters", "#009E73" }
	};
	size_t p = v->n_periods - 1, i, k;
	double x0 = 190, x1 = 740;
	int height = 24 + 26 * (int)n;
	cxm__buf_puts(b, "<figure class=\"cxs-fig\"><h3>Promoters, passives and detractors");
	if (strchr(v->metrics[m], ':')) {
		cxm__buf_puts(b, " &#8212; ");
		h(b, strchr(v->metrics[m], ':') + 1);
	}
	cxm__buf_puts(b, "</h3>\n<p class=\"cxs-note\">");
	if (v->has_time) {
		cxm__buf_puts(b, "Latest period only: ");
		h(b, v->periods[p]);
		cxm__buf_puts(b, " (the report has no total over periods; earlier periods are in the table).");
	} else {
		cxm__buf_puts(b, "All rows.");
	}
	cxm__buf_puts(b, "</p>\n");
	cxm__svg_open(b, TW, height, "promoter, passive and detractor shares by group");
	for (i = 0; i < n; i++) {
		size_t g = groups[i], r = cell(v, g, p, m);
		double y = 8 + 26 * (double)i, x = x0;
		cxm__buf_printf(b, "<g class=\"cxs-stack\"><text class=\"cxs-lab\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">",
				x0 - 10, y + 13);
		group_name(b, v, g);
		cxm__buf_puts(b, "</text>");
		if (r == SIZE_MAX) {
			cxm__buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\">no answers in this period</text>", x0, y + 13);
		} else if (suppressed(v, r)) {
			cxm__buf_printf(b, "<circle class=\"cxs-supp\" cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" stroke=\"#52606d\"/>"
					"<text x=\"%.1f\" y=\"%.1f\">suppressed (n &lt; min_n)</text>", x0 + 8, y + 9, x0 + 18, y + 13);
		} else {
			for (k = 0; k < 3; k++) {
				double share = at(k == 0 ? v->det : k == 1 ? v->pas : v->prom, r);
				double w = isfinite(share) && share > 0 ? share / 100.0 * (x1 - x0) : 0.0;
				cxm__buf_printf(b, "<rect class=\"cxs-%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"18\" "
						"fill=\"%s\"><title>", parts[k].name, x, y, w, parts[k].fill);
				cxm__buf_puts(b, parts[k].name);
				cxm__buf_puts(b, ": ");
				cxm__page_value(b, share);
				cxm__buf_puts(b, "%</title></rect>");
				if (w >= 34) {
					cxm__buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" style=\"fill:%s\">%.0f%%</text>",
							x + w / 2, y + 13, k == 1 ? "#1f2933" : "#ffffff", share);
				}
				x += w;
			}
		}
		cxm__buf_puts(b, "</g>\n");
	}
	cxm__svg_close(b);
	cxm__buf_puts(b, "<div class=\"cxs-legend\">");
	for (k = 0; k < 3; k++)
		cxm__buf_printf(b, "<span class=\"cxs-key\"><i class=\"cxs-box\" style=\"background:%s\"></i>%s</span>",
				parts[k].fill, parts[k].name);
	cxm__buf_puts(b, "</div></figure>\n");
}

/* ---- a sortable table of any schema table ---------------------------------------------------- */

static int is_count(const char *name)
{
	static const char *const counts[] = { "n", "rest_n", "comments", "mentions", "missing" };
	size_t i;
	for (i = 0; i < sizeof counts / sizeof *counts; i++)
		if (strcmp(name, counts[i]) == 0)
			return 1;
	return 0;
}

/*
 * Table t as an HTML table whose headers sort it. `diff`: the column whose
 * value gets ▲/▼ when p_adjusted < alpha (NULL: none). In a row whose
 * `suppressed` is 1 a withheld (NaN) number reads "suppressed"; the
 * `suppressed` column itself is not shown (the row says it). Rows whose group
 * columns (n_gcols first) all read "(all)" are the totals, in bold.
 */
static void sortable(cxm__buf *b, const cxm_table *t, size_t n_gcols, const char *diff, double alpha)
{
	size_t cols = cxm_table_column_count(t), rows = cxm_table_rows(t), i, j, k;
	int rc = CXM_OK;
	size_t c_supp = find(t, "suppressed", CXM_TABLE_NUMBER, &rc);
	size_t c_padj = find(t, "p_adjusted", CXM_TABLE_NUMBER, &rc);
	size_t c_diff = diff ? find(t, diff, CXM_TABLE_NUMBER, &rc) : SIZE_MAX;
	const double *supp = numbers(t, c_supp), *padj = numbers(t, c_padj), *dv = numbers(t, c_diff);
	char num[CXM__NUMBER_MAX];
	cxm__buf_puts(b, "<div class=\"cxs-wrap\"><table class=\"cxs-sort\"><thead><tr>");
	for (j = 0; j < cols; j++) {
		int type = CXM_TABLE_TEXT;
		if (j == c_supp)
			continue;
		cxm_table_column_type(&type, t, j);
		cxm__buf_printf(b, "<th scope=\"col\"%s title=\"click to sort\">",
				type == CXM_TABLE_TEXT ? " class=\"cxs-t\"" : " data-num=\"1\"");
		h(b, cxm_table_column_name(t, j));
		cxm__buf_puts(b, "</th>");
	}
	cxm__buf_puts(b, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < rows && b->rc == CXM_OK; i++) {
		int s = supp && supp[i] != 0.0 && !isnan(supp[i]), total = n_gcols > 0;
		int sig = dv && padj && !s && isfinite(dv[i]) && dv[i] != 0.0 && !isnan(padj[i]) && padj[i] < alpha;
		for (k = 0; k < n_gcols; k++)
			total &= strcmp(cxm_table_texts(t, k)[i], "(all)") == 0;
		cxm__buf_printf(b, "<tr%s>", s ? " class=\"cxs-suppressed\"" : total ? " class=\"cxs-total\"" : "");
		for (j = 0; j < cols; j++) {
			int type = CXM_TABLE_TEXT;
			const char *name = cxm_table_column_name(t, j);
			double x;
			if (j == c_supp)
				continue;
			cxm_table_column_type(&type, t, j);
			if (type == CXM_TABLE_TEXT) {
				cxm__buf_puts(b, "<td class=\"cxs-t\">");
				h(b, cxm_table_texts(t, j)[i]);
				cxm__buf_puts(b, "</td>");
				continue;
			}
			x = cxm_table_numbers(t, j)[i];
			if (isnan(x)) {
				cxm__buf_puts(b, s ? "<td data-v=\"\" class=\"cxs-s\">suppressed</td>" : "<td data-v=\"\">&#8211;</td>");
				continue;
			}
			cxm__buf_printf(b, "<td data-v=\"%s\">", isfinite(x) ? cxm__format_number(num, x) : x > 0 ? "1e999" : "-1e999");
			if (strcmp(name, "p_value") == 0 || strcmp(name, "p_adjusted") == 0)
				p_text(b, x);
			else if (is_count(name))
				cxm__buf_printf(b, "%.0f", x);
			else
				cxm__page_value(b, x);
			if (sig && j == c_diff)
				cxm__buf_puts(b, dv[i] > 0 ? " <span class=\"cxs-up\">" UP "</span>"
							   : " <span class=\"cxs-down\">" DOWN "</span>");
			cxm__buf_puts(b, "</td>");
		}
		cxm__buf_puts(b, "</tr>\n");
	}
	cxm__buf_puts(b, "</tbody></table></div>\n");
}

/* ---- sections -------------------------------------------------------------------------------- */

static void attr_line(cxm__buf *b, const cxm_table *t, const char *name, const char *label)
{
	double x;
	const char *s;
	if (!attr(t, name, &x, &s) || (s && !s[0]))
		return; /* absent, or an empty text (a report read from a table has no file) */
	if (!s) {
		cxm__buf_printf(b, "<dt>%s</dt><dd>", label);
		cxm__page_value(b, x);
		cxm__buf_puts(b, "</dd>");
	} else {
		cxm__buf_printf(b, "<dt>%s</dt><dd>", label);
		h(b, s);
		cxm__buf_puts(b, "</dd>");
	}
}

static void metadata(cxm__buf *b, const view *v)
{
	size_t i, k, n = cxm_table_attr_count(v->t);
	int any = 0;
	cxm__buf_puts(b, "<dl class=\"cxs-meta\">");
	attr_line(b, v->t, "file", "file");
	attr_line(b, v->t, "rows", "rows read");
	attr_line(b, v->t, "rows_skipped", "rows skipped");
	for (i = 0; i < n; i++) {
		const char *name = cxm_table_attr_name(v->t, i);
		double x;
		if (strncmp(name, "skipped_", 8) != 0 || !((x = attr_number(v->t, name)) > 0))
			continue;
		cxm__buf_puts(b, any ? ", " : "<dt>skipped by reason</dt><dd>");
		h(b, name + 8);
		cxm__buf_printf(b, ": %.0f", x);
		any = 1;
	}
	if (any)
		cxm__buf_puts(b, "</dd>");
	attr_line(b, v->t, "min_n", "min_n (suppression)");
	attr_line(b, v->t, "conf", "confidence level");
	attr_line(b, v->t, "adjust", "p-value adjustment");
	if (v->n_gcols) {
		cxm__buf_puts(b, "<dt>groups</dt><dd>");
		for (k = 0; k < v->n_gcols; k++) {
			if (k)
				cxm__buf_puts(b, ", ");
			h(b, cxm_table_column_name(v->t, k));
		}
		cxm__buf_printf(b, " (%zu groups)</dd>", v->n_groups - (v->has_total ? 1 : 0));
	}
	if (v->has_time) {
		cxm__buf_printf(b, "<dt>periods</dt><dd>%zu: ", v->n_periods);
		h(b, v->periods[0]);
		cxm__buf_puts(b, " to ");
		h(b, v->periods[v->n_periods - 1]);
		cxm__buf_puts(b, "</dd>");
	}
	cxm__buf_puts(b, "</dl>\n");
}

static int vs_rest_section(cxm__buf *b, const cxm_table *t, double alpha)
{
	size_t ng = 0, per = 0, c = 0;
	int rc;
	static const char T[] = "vs_rest table";
	static const char *const cols[] = { "n", "score", "rest_n", "rest_score", "diff", "p_value", "p_adjusted",
					    "suppressed" };
	size_t i;
	if ((rc = group_columns(&ng, &per, t, T)) < 0 || (rc = need(&c, t, T, "metric", CXM_TABLE_TEXT)) < 0)
		return rc;
	for (i = 0; i < sizeof cols / sizeof *cols; i++)
		if ((rc = need(&c, t, T, cols[i], CXM_TABLE_NUMBER)) < 0)
			return rc;
	cxm__buf_puts(b, "<section id=\"vs-rest\"><h2>Each group against the rest</h2>\n<p class=\"cxs-note\">diff = group "
			 "minus all other groups together, same period and metric; " UP " / " DOWN
			 ": significant after adjustment.</p>\n");
	sortable(b, t, ng, "diff", alpha);
	cxm__buf_puts(b, "</section>\n");
	return CXM_OK;
}

static int drivers_section(cxm__buf *b, const cxm_table *t)
{
	static const char T[] = "drivers table";
	static const char *const ncols[] = { "relative_weight", "rw_lower", "rw_upper", "rw_share", "shapley",
					     "shapley_lower", "shapley_upper", "shapley_share" };
	size_t c[8], c_driver, i, k, rows = cxm_table_rows(t);
	const double *col[8];
	const char *const *names;
	double hi = 0.0, x0 = 190, x1 = 620, r2;
	const char *outcome;
	cxm__svg_scale xs;
	int rc, height = 40 + 34 * (int)rows;
	if ((rc = need(&c_driver, t, T, "driver", CXM_TABLE_TEXT)) < 0)
		return rc;
	for (k = 0; k < 8; k++) {
		if ((rc = need(&c[k], t, T, ncols[k], CXM_TABLE_NUMBER)) < 0)
			return rc;
		col[k] = cxm_table_numbers(t, c[k]);
	}
	names = cxm_table_texts(t, c_driver);
	for (i = 0; i < rows; i++)
		for (k = 0; k < 8; k++)
			if (k != 3 && k != 7 && isfinite(col[k][i]) && col[k][i] > hi)
				hi = col[k][i];
	cxm__svg_scale_init(&xs, 0.0, hi > 0 ? hi : 1.0, 5, x0, x1);
	cxm__buf_puts(b, "<section id=\"drivers\"><h2>Key drivers</h2>\n<p class=\"cxs-note\">");
	if ((outcome = attr_text(t, "outcome")) != NULL) {
		cxm__buf_puts(b, "Outcome: ");
		h(b, outcome);
		cxm__buf_puts(b, ". ");
	}
	if (!isnan(r2 = attr_number(t, "r2"))) {
		cxm__buf_puts(b, "Model R&#178; = ");
		cxm__page_value(b, r2);
		cxm__buf_puts(b, ". ");
	}
	if (!isnan(r2 = attr_number(t, "n")))
		cxm__buf_printf(b, "n = %.0f. ", r2);
	cxm__buf_puts(b, "Each driver's part of R&#178;: relative weight (Johnson 2000) and Shapley value, with "
			 "bootstrap interval whiskers; the label is the share of R&#178;.</p>\n<figure class=\"cxs-fig\">");
	cxm__svg_open(b, TW, height, "key drivers: relative weights and Shapley values");
	cxm__svg_grid_x(b, &xs, 4, height - 26, NULL);
	for (i = 0; i < rows; i++) {
		double y = 10 + 34 * (double)i;
		cxm__buf_printf(b, "<g class=\"cxs-driver\"><text class=\"cxs-lab\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">",
				x0 - 10, y + 14);
		h(b, names[i]);
		cxm__buf_puts(b, "</text>");
		for (k = 0; k < 2; k++) {
			const double *val = col[4 * k], *lo = col[4 * k + 1], *up = col[4 * k + 2], *share = col[4 * k + 3];
			double yy = y + 12 * (double)k, w = isfinite(val[i]) && val[i] > 0 ? cxm__svg_at(&xs, val[i]) - x0 : 0;
			const char *fill = k == 0 ? "#0072B2" : "#E69F00";
			cxm__buf_printf(b, "<rect class=\"cxs-%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"10\" fill=\"%s\">"
					"<title>%s: ", k == 0 ? "rw" : "shapley", x0, yy, w, fill,
					k == 0 ? "relative weight" : "Shapley value");
			cxm__page_value(b, val[i]);
			cxm__buf_puts(b, "</title></rect>");
			if (isfinite(lo[i]) && isfinite(up[i]))
				cxm__buf_printf(b, "<line class=\"cxs-whisker\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
						"stroke=\"#1f2933\" stroke-width=\"1.5\"/>", cxm__svg_at(&xs, lo[i]), yy + 5,
						cxm__svg_at(&xs, up[i]), yy + 5);
			cxm__buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\">", x1 + 10, yy + 9);
			cxm__page_value(b, share[i]);
			cxm__buf_puts(b, "% of R&#178;</text>");
		}
		cxm__buf_puts(b, "</g>\n");
	}
	cxm__svg_close(b);
	cxm__buf_puts(b, "<div class=\"cxs-legend\"><span class=\"cxs-key\"><i class=\"cxs-box\" style=\"background:#0072B2\">"
			 "</i>relative weight</span><span class=\"cxs-key\"><i class=\"cxs-box\" style=\"background:#E69F00\">"
			 "</i>Shapley value</span><span class=\"cxs-key\">whisker: bootstrap interval</span></div></figure>\n");
	sortable(b, t, 0, NULL, 1.0);
	cxm__buf_puts(b, "</section>\n");
	return CXM_OK;
}

static int themes_section(cxm__buf *b, const cxm_table *t, double alpha)
{
	static const char T[] = "themes table";
	static const char *const ncols[] = { "comments", "mentions", "share", "score_mentioned", "score_other", "diff",
					     "p_value", "p_adjusted", "suppressed" };
	size_t ng = 0, c_per = 0, c_theme, c_metric, c[9], i, k, rows = cxm_table_rows(t), *pick = NULL, n_pick = 0;
	const double *share, *diff, *padj, *supp;
	const char *const *period, *const *theme, *latest = NULL;
	cxm__svg_scale xs, ds;
	double dlo = 0, dhi = 0, x0 = 190, x1 = 700;
	int rc;
	if ((rc = group_columns(&ng, &c_per, t, T)) < 0 || (rc = need(&c_theme, t, T, "theme", CXM_TABLE_TEXT)) < 0 ||
	    (rc = need(&c_metric, t, T, "metric", CXM_TABLE_TEXT)) < 0)
		return rc;
	for (k = 0; k < 9; k++)
		if ((rc = need(&c[k], t, T, ncols[k], CXM_TABLE_NUMBER)) < 0)
			return rc;
	share = cxm_table_numbers(t, c[2]);
	diff = cxm_table_numbers(t, c[5]);
	padj = cxm_table_numbers(t, c[7]);
	supp = cxm_table_numbers(t, c[8]);
	period = cxm_table_texts(t, c_per);
	theme = cxm_table_texts(t, c_theme);
	if ((rc = cxm__alloc_array(&pick, rows, sizeof *pick, "HTML themes")) < 0)
		return rc;
	/* the charts show the total (every group column "(all)", or no groups) of the latest period */
	for (i = 0; i < rows; i++) {
		int total = 1;
		for (k = 0; k < ng; k++)
			total &= strcmp(cxm_table_texts(t, k)[i], "(all)") == 0;
		if (total && (!latest || strcmp(period[i], latest) > 0))
			latest = period[i];
	}
	for (i = 0; latest && i < rows; i++) {
		int total = 1;
		for (k = 0; k < ng; k++)
			total &= strcmp(cxm_table_texts(t, k)[i], "(all)") == 0;
		if (total && strcmp(period[i], latest) == 0) {
			pick[n_pick++] = i;
			if (isfinite(diff[i])) {
				dlo = diff[i] < dlo ? diff[i] : dlo;
				dhi = diff[i] > dhi ? diff[i] : dhi;
			}
		}
	}
	cxm__buf_puts(b, "<section id=\"themes\"><h2>Themes in comments</h2>\n");
	if (n_pick) {
		int height = 34 + 24 * (int)n_pick;
		cxm__buf_puts(b, "<p class=\"cxs-note\">");
		cxm__buf_puts(b, ng ? "All groups together" : "All rows");
		if (latest[0]) {
			cxm__buf_puts(b, ", latest period ");
			h(b, latest);
		}
		cxm__buf_puts(b, "; every group and period is in the table below.</p>\n<figure class=\"cxs-fig\"><h3>Share of "
				 "comments mentioning each theme</h3>");
		cxm__svg_scale_init(&xs, 0.0, 100.0, 5, x0, x1);
		cxm__svg_open(b, TW, height, "share of comments per theme");
		cxm__svg_grid_x(b, &xs, 4, height - 26, "%");
		for (i = 0; i < n_pick; i++) {
			size_t r = pick[i];
			double y = 8 + 24 * (double)i;
			cxm__buf_printf(b, "<g class=\"cxs-theme\"><text class=\"cxs-lab\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">",
					x0 - 10, y + 12);
			h(b, theme[r]);
			cxm__buf_puts(b, "</text>");
			if (isfinite(share[r])) {
				cxm__buf_printf(b, "<rect class=\"cxs-share\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"14\" "
						"fill=\"#0072B2\"/><text x=\"%.1f\" y=\"%.1f\">", x0, y + 1,
						cxm__svg_at(&xs, share[r] < 0 ? 0 : share[r] > 100 ? 100 : share[r]) - x0,
						cxm__svg_at(&xs, share[r] > 100 ? 100 : share[r]) + 6, y + 12);
				cxm__page_value(b, share[r]);
				cxm__buf_puts(b, "%</text>");
			} else {
				cxm__buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\">n/a</text>", x0 + 4, y + 12);
			}
			cxm__buf_puts(b, "</g>\n");
		}
		cxm__svg_close(b);
		cxm__buf_puts(b, "</figure>\n<figure class=\"cxs-fig\"><h3>Score of those who mention the theme minus "
				 "the others'</h3>");
		cxm__svg_scale_init(&ds, dlo, dhi, 6, x0, x1);
		cxm__svg_open(b, TW, height, "score difference per theme");
		cxm__svg_grid_x(b, &ds, 4, height - 26, NULL);
		for (i = 0; i < n_pick; i++) {
			size_t r = pick[i];
			double y = 8 + 24 * (double)i, z = cxm__svg_at(&ds, 0.0);
			cxm__buf_printf(b, "<g class=\"cxs-theme\"><text class=\"cxs-lab\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">",
					x0 - 10, y + 12);
			h(b, theme[r]);
			cxm__buf_puts(b, "</text>");
			if (supp[r] != 0.0 && !isnan(supp[r])) {
				cxm__buf_printf(b, "<circle class=\"cxs-supp\" cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" stroke=\"#52606d\"/>"
						"<text x=\"%.1f\" y=\"%.1f\">suppressed (n &lt; min_n)</text>", x0 + 8, y + 8, x0 + 18,
						y + 12);
			} else if (isfinite(diff[r])) {
				double xd = cxm__svg_at(&ds, diff[r]);
				int sig = !isnan(padj[r]) && padj[r] < alpha && diff[r] != 0.0;
				cxm__buf_printf(b, "<rect class=\"cxs-diff\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"14\" "
						"fill=\"%s\"/><text x=\"%.1f\" y=\"%.1f\">", xd < z ? xd : z, y + 1, fabs(xd - z),
						diff[r] < 0 ? "#D55E00" : "#009E73", (xd > z ? xd : z) + 6, y + 12);
				cxm__page_value(b, diff[r]);
				if (sig)
					cxm__buf_puts(b, diff[r] > 0 ? " " UP : " " DOWN);
				cxm__buf_puts(b, "</text>");
			}
			cxm__buf_puts(b, "</g>\n");
		}
		cxm__svg_close(b);
		cxm__buf_puts(b, "<p class=\"cxs-note\">" UP " / " DOWN ": significant after adjustment (p_adjusted &lt; ");
		cxm__buf_printf(b, "%g", alpha);
		cxm__buf_puts(b, "); the metric of each row is in the table.</p></figure>\n");
	}
	cxm__free(pick);
	sortable(b, t, ng, "diff", alpha);
	cxm__buf_puts(b, "</section>\n");
	return CXM_OK;
}

/* ---- the page -------------------------------------------------------------------------------- */

static int page(cxm__buf *b, const view *v, const cxm_table *vs_rest, const cxm_table *drivers,
		const cxm_table *themes)
{
	size_t m, n = v->n_chart;
	const size_t *groups = v->chart;
	const char *file;
	int rc;
	cxm__buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
			 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Survey report");
	if ((file = attr_text(v->t, "file")) != NULL && file[0]) {
		cxm__buf_puts(b, ": ");
		h(b, file);
	}
	cxm__buf_puts(b, "</title>\n<style>\n");
	cxm__buf_puts(b, css);
	cxm__buf_puts(b, "</style>\n</head>\n<body>\n<main class=\"cxs\">\n<h1>Survey report</h1>\n");
	metadata(b, v);
	if (v->n_groups > n)
		cxm__buf_printf(b, "<p class=\"cxs-note\">The charts draw the total and the first %zu groups; all %zu are in "
				   "the tables.</p>\n", n - (v->has_total ? 1 : 0), v->n_groups - (v->has_total ? 1 : 0));
	if (v->rows == 0)
		cxm__buf_puts(b, "<p>The report has no cells.</p>\n");
	for (m = 0; m < v->n_metrics; m++) {
		cxm__buf_printf(b, "<section class=\"cxs-metric\" id=\"metric-%zu\"><h2>", m);
		metric_title(b, v->metrics[m]);
		cxm__buf_puts(b, "</h2>\n");
		if (v->has_time)
			trend_chart(b, v, m, groups, n);
		else
			dot_chart(b, v, m, groups, n);
		if (is_nps(v->metrics[m]) && v->prom && v->pas && v->det)
			breakdown_chart(b, v, m, groups, n);
		cxm__buf_puts(b, "</section>\n");
	}
	if (v->rows > 0) {
		cxm__buf_puts(b, "<section id=\"cells\"><h2>All cells</h2>\n<p class=\"cxs-note\">Click a column's header to sort; "
				 "change is against the same group's previous period, " UP " / " DOWN
				 " when significant after adjustment. Suppressed cells (fewer answers than min_n) show no "
				 "numbers.</p>\n");
		sortable(b, v->t, v->n_gcols, "change", v->alpha);
		cxm__buf_puts(b, "</section>\n");
	}
	if (vs_rest && cxm_table_rows(vs_rest) > 0 && (rc = vs_rest_section(b, vs_rest, v->alpha)) < 0)
		return rc;
	if (drivers && cxm_table_rows(drivers) > 0 && (rc = drivers_section(b, drivers)) < 0)
		return rc;
	if (themes && cxm_table_rows(themes) > 0 && (rc = themes_section(b, themes, v->alpha)) < 0)
		return rc;
	cxm__buf_puts(b, "<footer class=\"cxs-note\">Written by libcxmetrics; the numbers are those of the report's "
			 "tables (spec §18).</footer>\n</main>\n<script>\n");
	cxm__buf_puts(b, cxm__page_sort_script);
	cxm__buf_puts(b, "</script>\n</body>\n</html>\n");
	return CXM_OK;
}

cxm_status cxm__survey_render_html(char **out, const cxm_table *cells, const cxm_table *vs_rest,
				   const cxm_table *drivers, const cxm_table *themes)
{
	view v;
	cxm__buf b;
	int rc;
	if (out == NULL)
		return cxm__fail(CXM_EBAD_ARG, "char **out is NULL");
	*out = NULL;
	if ((rc = cxm__check_ptr(cells, "cells")) < 0)
		return rc;
	if ((rc = view_init(&v, cells)) < 0) {
		view_free(&v);
		return rc;
	}
	cxm__buf_init(&b);
	if ((rc = page(&b, &v, vs_rest, drivers, themes)) < 0) {
		cxm__buf_free(&b);
		view_free(&v);
		return rc;
	}
	view_free(&v);
	return cxm__buf_finish(&b, out);
}

cxm_status cxm__survey_report_html(char **out, const cxm_survey_report *report)
{
	cxm_table *cells = NULL, *vs_rest = NULL, *drivers = NULL, *themes = NULL;
	int rc;
	if (out == NULL)
		return cxm__fail(CXM_EBAD_ARG, "char **out is NULL");
	*out = NULL;
	if ((rc = cxm__check_ptr(report, "report")) < 0)
		return rc;
	/* the public tables, as every other consumer gets them: a part not asked
	 * for is an empty table, and its section is left out */
	if ((rc = cxm_survey_report_cells(&cells, report)) == CXM_OK &&
	    (rc = cxm_survey_report_vs_rest(&vs_rest, report)) == CXM_OK &&
	    (rc = cxm_survey_report_drivers(&drivers, report)) == CXM_OK &&
	    (rc = cxm_survey_report_themes(&themes, report)) == CXM_OK)
		rc = cxm__survey_render_html(out, cells, vs_rest, drivers, themes);
	cxm_table_free(cells);
	cxm_table_free(vs_rest);
	cxm_table_free(drivers);
	cxm_table_free(themes);
	return rc;
}
