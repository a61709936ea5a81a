/*
 * lib/report/journey_html.c - cxm_journey_render_html: the journey tables
 * (funnels, drop-off destinations, breakdown tests, cohorts, the CX pyramid,
 * transitions, paths, touchpoints) as ONE self-contained HTML page (spec
 * §26): inline CSS and SVG, no URL, nothing loaded, and a few lines of inline
 * script that only sort the tables (the page reads the same without it).
 *
 * Each table says what it is in its `kind` attribute, which picks its
 * section; the page is drawn from the public tables only, so it shows what
 * the CSV and JSON writers show. It looks like the survey report's page
 * (lib/report/html.c): the same CSS rules under the same .cxs class, the
 * same palette and scales (svg.h); the journey's own rules are under .cxj.
 */
#include <string.h>
#include "internal.h"
#include "journey_internal.h"

/* The survey page's rules (lib/report/html.c), which the journey page shares
 * its look with, then the journey's own. Every rule is scoped, so the page can
 * sit inside another (a notebook's _repr_html_). */
static const char css[] =
	".cxs{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;"
	"color:#1f2933;background:#fff;padding:16px 20px;line-height:1.4;font-size:13px;max-width:1100px}\n"
	".cxs h1{font-size:22px;margin:0 0 6px}\n"
	".cxs h2{font-size:17px;margin:22px 0 6px;padding-bottom:3px;border-bottom:2px solid #e4e7eb}\n"
	".cxs h3{font-size:14px;margin:14px 0 4px}\n"
	".cxs-fig{margin:8px 0 14px;break-inside:avoid;page-break-inside:avoid}\n"
	".cxs-chart{display:block;max-width:100%;height:auto;background:#fff}\n"
	".cxs-chart text{font-size:11px;fill:#3e4c59}\n"
	".cxs-chart .cxs-lab{font-size:12px;fill:#1f2933}\n"
	".cxs-grid{stroke:#e4e7eb;stroke-width:1}\n"
	".cxs-zero{stroke:#7b8794}\n"
	".cxs-note{color:#52606d;font-size:12px;margin:2px 0}\n"
	".cxs-legend{display:flex;flex-wrap:wrap;gap:4px 14px;font-size:12px;margin:4px 0}\n"
	".cxs-key i{display:inline-block;width:16px;height:4px;margin:0 5px 3px 0;vertical-align:middle}\n"
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
	".cxj .cxj-steplab{font-weight:600}\n"
	".cxj .cxj-cell text{font-size:10px}\n"
	".cxj .cxj-grad{height:10px;width:220px;display:inline-block;vertical-align:middle;margin:0 6px;"
	"border:1px solid #e4e7eb}\n"
	"@media print{.cxs{padding:0;max-width:none}.cxs th{position:static}"
	".cxs-wrap{overflow:visible}.cxs h2{break-after:avoid}}\n";

/* A table drawn as a table only, after a check of the columns its section
 * names (NULL-terminated), with the group columns before `groups_before`. */
static int plain(cxm__buf *b, const cxm__jt *jt, const char *const *need, const char *groups_before)
{
	size_t c, n_gcols = 0;
	int rc;
	for (; *need; need++)
		if ((rc = cxm__journey_need(&c, jt, *need, strcmp(*need, "event") == 0 || strcmp(*need, "next_event") == 0
						      ? CXM_TABLE_TEXT : CXM_TABLE_NUMBER)) < 0)
			return rc;
	if (groups_before) {
		if ((rc = cxm__journey_need(&c, jt, groups_before, CXM_TABLE_NUMBER)) < 0 ||
		    (rc = cxm__journey_group_columns(&n_gcols, jt, c)) < 0)
			return rc;
	}
	cxm__journey_table(b, jt->t, n_gcols);
	return CXM_OK;
}

static int funnel_next(cxm__buf *b, const cxm__jt *jt)
{
	static const char *const need[] = { "step", "event", "next_event", "customers", "share", NULL };
	cxm__buf_puts(b, "<p class=\"cxs-note\">For the customers whose furthest step was this one: the event right "
			 "after it (\"(end)\" when none), with its share of the step's drop-offs.</p>\n");
	return plain(b, jt, need, NULL);
}

static int funnel_tests(cxm__buf *b, const cxm__jt *jt)
{
	static const char *const need[] = { "step", "event", "customers", "conversion", "rest_customers",
					    "rest_conversion", "diff", "p_value", "p_adjusted", NULL };
	const char *adjust = cxm__journey_attr_text(jt->t, "adjust");
	size_t c;
	int rc;
	if (cxm_table_rows(jt->t) == 0) {
		/* cxm_funnel_tests without a breakdown: its columns and no rows */
		if ((rc = cxm__journey_need(&c, jt, "step", CXM_TABLE_NUMBER)) < 0)
			return rc;
		cxm__buf_puts(b, "<p class=\"cxs-note\">No tests: the funnel has no breakdown by group.</p>\n");
		return CXM_OK;
	}
	cxm__buf_puts(b, "<p class=\"cxs-note\">Each group's conversion into the step (from the previous one) against "
			 "the other groups pooled: two-proportion test, p-values adjusted across the table");
	if (adjust && adjust[0]) {
		cxm__buf_puts(b, " (");
		cxm__buf_html(b, adjust);
		cxm__buf_puts(b, ")");
	}
	cxm__buf_puts(b, "; diff in percentage points.</p>\n");
	return plain(b, jt, need, "step");
}

static int transitions(cxm__buf *b, const cxm__jt *jt)
{
	static const char *const need[] = { NULL };
	cxm__buf_puts(b, "<p class=\"cxs-note\">Consecutive events of each customer: how often one follows another, "
			 "the share of the transitions out of the first, the median time between them.</p>\n");
	return plain(b, jt, need, NULL);
}

static int paths(cxm__buf *b, const cxm__jt *jt)
{
	static const char *const need[] = { NULL };
	cxm__buf_puts(b, "<p class=\"cxs-note\">The most frequent paths from (or to) the anchor event, by customers.</p>\n");
	return plain(b, jt, need, NULL);
}

static int touchpoints(cxm__buf *b, const cxm__jt *jt)
{
	static const char *const need[] = { NULL };
	cxm__buf_puts(b, "<p class=\"cxs-note\">Touchpoints ranked by friction (the mean of the components shown: "
			 "drop-off, % not satisfied, % not finding it easy).</p>\n");
	return plain(b, jt, need, NULL);
}

typedef struct kind_desc {
	const char *kind, *spec, *title;
	int (*draw)(cxm__buf *b, const cxm__jt *jt);
} kind_desc;

/* The kinds in the order the error message lists them. */
static const kind_desc kinds[] = {
	{ "funnel", "§22", "Funnel", cxm__journey_funnel },
	{ "funnel_next", "§22", "Where drop-offs go", funnel_next },
	{ "funnel_tests", "§22", "Funnel by group: each group against the rest", funnel_tests },
	{ "cohort", "§24", "Retention by cohort", cxm__journey_cohort },
	{ "pyramid", "§25", "The CX pyramid", cxm__journey_pyramid },
	{ "transitions", "§23", "Transitions between touchpoints", transitions },
	{ "paths", "§23", "Most frequent paths", paths },
	{ "touchpoints", "§23", "Touchpoints and friction", touchpoints },
};
#define N_KINDS (sizeof kinds / sizeof *kinds)

static const char *kind_at(const void *ctx, size_t i)
{
	(void)ctx;
	return kinds[i].kind;
}

/* Table i's kind, or an error; *skip for a table with no kind and no columns. */
static int kind_of(const kind_desc **k, int *skip, const cxm_table *t, size_t i)
{
	char list[256];
	const char *kind = cxm__journey_attr_text(t, "kind");
	size_t j;
	*k = NULL;
	*skip = 0;
	cxm__join_names(list, sizeof list, N_KINDS, kind_at, NULL, 0, ", ");
	if (kind == NULL) {
		if (cxm_table_column_count(t) == 0) {
			/* what cxm_funnel_tests gives without a breakdown: nothing to show */
			*skip = 1;
			return CXM_OK;
		}
		return cxm__fail(CXM_EBAD_ARG, "tables[%zu] has no TEXT attribute 'kind' (kinds: %s)", i, list);
	}
	for (j = 0; j < N_KINDS; j++)
		if (strcmp(kind, kinds[j].kind) == 0) {
			*k = &kinds[j];
			return CXM_OK;
		}
	{
		char quoted[CXM__QUOTE_MAX * 4 + 8];
		cxm__quote_text(quoted, sizeof quoted, kind, strlen(kind));
		return cxm__fail(CXM_EBAD_ARG, "tables[%zu]: unknown kind '%s' (kinds: %s)", i, quoted, list);
	}
}

static int page(cxm__buf *b, const cxm_table *const *tables, size_t n_tables, const char *title)
{
	size_t i;
	int rc, skip;
	const kind_desc *k;
	/* every table is checked for its kind before anything is drawn, so that a
	 * wrong one is named whatever its place */
	for (i = 0; i < n_tables; i++) {
		if (tables[i] == NULL)
			return cxm__fail(CXM_EBAD_ARG, "tables[%zu] is NULL", i);
		if ((rc = kind_of(&k, &skip, tables[i], i)) < 0)
			return rc;
	}
	if (title == NULL)
		title = "Customer journey";
	cxm__buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
			 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	cxm__buf_html(b, title);
	cxm__buf_puts(b, "</title>\n<style>\n");
	cxm__buf_puts(b, css);
	cxm__buf_puts(b, "</style>\n</head>\n<body>\n<main class=\"cxs cxj\">\n<h1>");
	cxm__buf_html(b, title);
	cxm__buf_puts(b, "</h1>\n");
	for (i = 0; i < n_tables; i++) {
		cxm__jt jt;
		kind_of(&k, &skip, tables[i], i);
		if (skip)
			continue;
		jt.t = tables[i];
		jt.index = i;
		jt.kind = k->kind;
		jt.spec = k->spec;
		cxm__buf_printf(b, "<section class=\"cxj-%s\" id=\"table-%zu\"><h2>%s</h2>\n", k->kind, i, k->title);
		if ((rc = k->draw(b, &jt)) < 0)
			return rc;
		cxm__buf_puts(b, "</section>\n");
	}
	cxm__buf_puts(b, "<footer class=\"cxs-note\">Written by libcxmetrics; the numbers are those of the tables "
			 "(spec §21&#8211;§26).</footer>\n</main>\n<script>\n");
	cxm__buf_puts(b, cxm__page_sort_script);
	cxm__buf_puts(b, "</script>\n</body>\n</html>\n");
	return CXM_OK;
}

cxm_status cxm_journey_render_html(char **out, const cxm_table *const *tables, size_t n_tables, const char *title)
{
	cxm__buf b;
	int rc;
	if (out == NULL)
		return cxm__fail(CXM_EBAD_ARG, "char **out is NULL");
	*out = NULL;
	if (tables == NULL)
		return cxm__fail(CXM_EBAD_ARG, "tables is NULL");
	if (n_tables == 0)
		return cxm__fail(CXM_EBAD_ARG, "n_tables is 0: no table to draw");
	cxm__buf_init(&b);
	if ((rc = page(&b, tables, n_tables, title)) < 0) {
		cxm__buf_free(&b);
		return rc;
	}
	return cxm__buf_finish(&b, out);
}
