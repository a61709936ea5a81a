/*
 * tests/unit/test_report_html.c - the HTML survey report (spec §18.9) drawn
 * from synthetic tables in the §18 schemas (survey_html_sample.h): one <svg>
 * per chart, one line and its bands per group, the suppressed markers and
 * rows, the significance marks, the escaping of data text, nothing external,
 * numbers in the "C" locale whatever the caller's, the schema errors, and the
 * out-of-memory paths. The expected counts are worked out by hand from the
 * sample's layout (see the header's comment).
 */
#define _POSIX_C_SOURCE 200809L
#include "harness.h"
#include "oom.h"
#include "survey_html_sample.h"
#include "report/html.h"
#include <locale.h>
#include <stdio.h>
#include <unistd.h>

static size_t count_of(const char *text, const char *needle)
{
	size_t n = 0, len = strlen(needle);
	const char *at = text;
	while ((at = strstr(at, needle)) != NULL) {
		n++;
		at += len;
	}
	return n;
}

/* The text between the k-th (0-based) "<svg" and its "</svg>", as a copy. */
static char *svg_at(const char *html, size_t k)
{
	const char *at = html, *end;
	char *out;
	size_t i;
	for (i = 0; i <= k; i++) {
		at = strstr(i ? at + 1 : at, "<svg");
		ck_assert_ptr_nonnull(at);
	}
	end = strstr(at, "</svg>");
	ck_assert_ptr_nonnull(end);
	out = malloc((size_t)(end - at) + 1);
	ck_assert_ptr_nonnull(out);
	memcpy(out, at, (size_t)(end - at));
	out[end - at] = '\0';
	return out;
}

static char *render(const cxm_table *cells, const cxm_table *vs, const cxm_table *dr, const cxm_table *th)
{
	char *out = NULL;
	ck_assert_status(cxm__survey_render_html(&out, cells, vs, dr, th), CXM_OK);
	ck_assert_ptr_nonnull(out);
	return out;
}

/* Nothing leaves the page: no URL, no external script or style, no handler attribute. */
static void assert_self_contained(const char *html)
{
	ck_assert_ptr_null(strstr(html, "http"));
	ck_assert_ptr_null(strstr(html, "<script src"));
	ck_assert_ptr_null(strstr(html, "<link"));
	ck_assert_ptr_null(strstr(html, "<img"));
	ck_assert_ptr_null(strstr(html, "url("));
	ck_assert_ptr_null(strstr(html, "@import"));
	ck_assert_ptr_null(strstr(html, " onclick="));
	ck_assert_uint_eq(count_of(html, "<script"), 1);
	ck_assert_uint_eq(count_of(html, "<script>"), 1);
	ck_assert(strncmp(html, "<!DOCTYPE html>\n", 16) == 0);
	ck_assert_ptr_nonnull(strstr(html, "</html>\n"));
}

START_TEST(trend_structure)
{
	cxm_table *cells = sample_cells(1);
	char *html, *nps, *csat, *bars;
	ck_assert_ptr_nonnull(cells);
	html = render(cells, NULL, NULL, NULL);
	assert_self_contained(html);
	/* two trend charts (nps, csat) and the nps breakdown: three <svg> */
	ck_assert_uint_eq(count_of(html, "<svg"), 3);
	ck_assert_uint_eq(count_of(html, "</svg>"), 3);
	nps = svg_at(html, 0);
	bars = svg_at(html, 1);
	csat = svg_at(html, 2);
	ck_assert_ptr_nonnull(strstr(nps, "aria-label=\"trend of NPS (points)\""));
	ck_assert_ptr_nonnull(strstr(csat, "aria-label=\"trend of CSAT (% satisfied)\""));
	/* one series and one line per group (every group has a month with a value) */
	ck_assert_uint_eq(count_of(nps, "<g class=\"cxs-series\""), 5);
	ck_assert_uint_eq(count_of(nps, "<path class=\"cxs-line\""), 5);
	ck_assert_uint_eq(count_of(csat, "<path class=\"cxs-line\""), 5);
	/* the total is black and thicker; the others take the palette in order */
	ck_assert_ptr_nonnull(strstr(nps, "<path class=\"cxs-line\" stroke=\"#000000\" stroke-width=\"3.5\""));
	ck_assert_uint_eq(count_of(nps, "stroke=\"#0072B2\" stroke-width=\"2.5\""), 1);
	ck_assert_uint_eq(count_of(nps, "stroke=\"#E69F00\" stroke-width=\"2.5\""), 1);
	/* web's nps line has a gap at month 2: two subpaths in its one path */
	{
		const char *web = strstr(nps, "<path class=\"cxs-line\" stroke=\"#E69F00\"");
		const char *d, *end;
		size_t moves = 0;
		ck_assert_ptr_nonnull(web);
		d = strstr(web, " d=\"") + 4;
		end = strchr(d, '"');
		for (; d < end; d++)
			moves += *d == 'M';
		ck_assert_uint_eq(moves, 2);
	}
	/* bands: (all), odd, chat one polygon each; email months 1-3; web month 1 is a
	 * whisker and months 3-4 a polygon -> 5 polygons and 1 whisker per metric */
	ck_assert_uint_eq(count_of(nps, "<polygon class=\"cxs-band\""), 5);
	ck_assert_uint_eq(count_of(nps, "<line class=\"cxs-whisker\""), 1);
	ck_assert_uint_eq(count_of(csat, "<polygon class=\"cxs-band\""), 5);
	ck_assert_uint_eq(count_of(csat, "<line class=\"cxs-whisker\""), 1);
	/* a band polygon of 4 months has 8 points */
	{
		const char *poly = strstr(nps, "<polygon class=\"cxs-band\" fill=\"#000000\""), *pts, *end;
		size_t commas = 0;
		ck_assert_ptr_nonnull(poly);
		pts = strstr(poly, "points=\"") + 8;
		end = strchr(pts, '"');
		for (; pts < end; pts++)
			commas += *pts == ',';
		ck_assert_uint_eq(commas, 8);
	}
	/* suppressed: hollow markers (web month 2, email month 4) in nps, one in csat,
	 * and email's bar in the breakdown of the latest month */
	ck_assert_uint_eq(count_of(nps, "class=\"cxs-supp\""), 2);
	ck_assert_uint_eq(count_of(csat, "class=\"cxs-supp\""), 1);
	ck_assert_uint_eq(count_of(bars, "class=\"cxs-supp\""), 1);
	ck_assert_ptr_nonnull(strstr(bars, "suppressed (n &lt; min_n)"));
	ck_assert_ptr_nonnull(strstr(html, "suppressed: fewer answers than min_n"));
	/* points: 20 cells of which 2 (nps) and 1 (csat) are suppressed */
	ck_assert_uint_eq(count_of(nps, "class=\"cxs-pt\""), 18);
	ck_assert_uint_eq(count_of(csat, "class=\"cxs-pt\""), 19);
	/* the breakdown: 4 groups shown x 3 parts; the note names the period */
	ck_assert_uint_eq(count_of(bars, "<rect class=\"cxs-promoters\""), 4);
	ck_assert_uint_eq(count_of(bars, "<rect class=\"cxs-detractors\""), 4);
	ck_assert_ptr_nonnull(strstr(html, "Latest period only: 2024-04-01"));
	/* chat's nps in month 4: 10 + 16 + 9 = 35 points, promoters 57.5% of 550 px */
	ck_assert_ptr_nonnull(strstr(bars, "promoters: 57.5%"));
	ck_assert_ptr_nonnull(strstr(bars, "width=\"316.2\""));
	/* significance: chat month 3 up (nps), email month 2 down (csat); chat month 4 (p_adjusted 0.2) not */
	ck_assert_uint_eq(count_of(nps, "<text class=\"cxs-sig\""), 1);
	ck_assert_uint_eq(count_of(csat, "<text class=\"cxs-sig\""), 1);
	ck_assert_ptr_nonnull(strstr(nps, ">&#9650;</text>"));
	ck_assert_ptr_nonnull(strstr(csat, ">&#9660;</text>"));
	ck_assert_uint_eq(count_of(html, "<span class=\"cxs-up\">&#9650;</span>"), 1);
	ck_assert_uint_eq(count_of(html, "<span class=\"cxs-down\">&#9660;</span>"), 1);
	free(nps);
	free(csat);
	free(bars);
	cxm_free(html);
	cxm_table_free(cells);
}
END_TEST

START_TEST(table_and_metadata)
{
	cxm_table *cells = sample_cells(1);
	char *html = render(cells, NULL, NULL, NULL);
	const char *table = strstr(html, "<table class=\"cxs-sort\">");
	ck_assert_ptr_nonnull(table);
	/* one row per cell; the 3 suppressed cells say so in every number column
	 * (14 columns less `suppressed` itself) */
	ck_assert_uint_eq(count_of(table, "<tr"), 41);
	ck_assert_uint_eq(count_of(table, "<tr class=\"cxs-suppressed\">"), 3);
	ck_assert_uint_eq(count_of(table, ">suppressed</td>"), 3 * 13);
	ck_assert_uint_eq(count_of(table, "<tr class=\"cxs-total\">"), 8);
	ck_assert_uint_eq(count_of(table, "<th scope=\"col\" data-num=\"1\""), 13);
	ck_assert_uint_eq(count_of(table, "<th scope=\"col\" class=\"cxs-t\""), 3);
	/* numbers: the raw value to sort by, a readable one to read */
	ck_assert_ptr_nonnull(strstr(table, "<td data-v=\"0.0004\">&lt;0.001</td>"));
	ck_assert_ptr_nonnull(strstr(table, "<td data-v=\"0.2\">0.200</td>"));
	ck_assert_ptr_nonnull(strstr(table, "<td data-v=\"46.5\">46.5</td>"));
	/* the run: file (escaped), rows, skipped by reason (0 left out), settings */
	ck_assert_ptr_nonnull(strstr(html, "<title>Survey report: survey &lt;2024&gt;.csv</title>"));
	ck_assert_ptr_nonnull(strstr(html, "<dt>rows read</dt><dd>1234</dd>"));
	ck_assert_ptr_nonnull(strstr(html, "<dt>rows skipped</dt><dd>7</dd>"));
	ck_assert_ptr_nonnull(strstr(html, "<dt>skipped by reason</dt><dd>ragged: 3, off_scale: 4</dd>"));
	ck_assert_ptr_nonnull(strstr(html, "<dt>min_n (suppression)</dt><dd>30</dd>"));
	ck_assert_ptr_nonnull(strstr(html, "<dt>confidence level</dt><dd>0.95</dd>"));
	ck_assert_ptr_nonnull(strstr(html, "<dt>p-value adjustment</dt><dd>holm</dd>"));
	ck_assert_ptr_nonnull(strstr(html, "<dt>periods</dt><dd>4: 2024-01-01 to 2024-04-01</dd>"));
	ck_assert_ptr_nonnull(strstr(html, "(4 groups)"));
	cxm_free(html);
	cxm_table_free(cells);
}
END_TEST

START_TEST(escaping)
{
	cxm_table *cells = sample_cells(1);
	char *html = render(cells, NULL, NULL, NULL);
	const char *p;
	/* legend, both charts' tooltips, the breakdown label, the table */
	ck_assert_uint_ge(count_of(html, SAMPLE_ODD_ESCAPED), 5);
	ck_assert_ptr_null(strstr(html, "<b>"));
	ck_assert_ptr_null(strstr(html, "\"q\"'x'"));
	/* no raw '<' or '&' from the data anywhere: every '<' opens a tag or is in the script */
	for (p = html; (p = strchr(p, '&')) != NULL; p++)
		ck_assert_msg(strncmp(p, "&amp;", 5) == 0 || strncmp(p, "&lt;", 4) == 0 || strncmp(p, "&gt;", 4) == 0 ||
			      strncmp(p, "&quot;", 6) == 0 || strncmp(p, "&#", 2) == 0 || strncmp(p, "&&", 2) == 0 ||
			      strstr(html, "<script>") < p,
			      "a bare '&' at %.20s", p);
	cxm_free(html);
	cxm_table_free(cells);
	/* invalid UTF-8 in a text becomes U+FFFD */
	{
		cxm_table *t = sample_cells(1);
		ck_assert_status(cxm_table_set_attr_text(t, "file", "bad\xff.csv"), CXM_OK);
		html = render(t, NULL, NULL, NULL);
		ck_assert_ptr_nonnull(strstr(html, "bad\xEF\xBF\xBD.csv"));
		ck_assert_ptr_null(strstr(html, "\xff"));
		cxm_free(html);
		cxm_table_free(t);
	}
}
END_TEST

START_TEST(without_time)
{
	cxm_table *cells = sample_cells(0);
	char *html = render(cells, NULL, NULL, NULL), *nps;
	assert_self_contained(html);
	ck_assert_uint_eq(count_of(html, "<svg"), 3);
	ck_assert_ptr_null(strstr(html, "class=\"cxs-line\""));
	ck_assert_ptr_null(strstr(html, "class=\"cxs-band\""));
	nps = svg_at(html, 0);
	ck_assert_ptr_nonnull(strstr(nps, "aria-label=\"score by group: NPS (points)\""));
	/* a dot and a whisker per group */
	ck_assert_uint_eq(count_of(nps, "class=\"cxs-pt\""), 5);
	ck_assert_uint_eq(count_of(nps, "<line class=\"cxs-whisker\""), 5);
	ck_assert_ptr_nonnull(strstr(html, "<p class=\"cxs-note\">All rows.</p>"));
	ck_assert_ptr_null(strstr(html, "<dt>periods</dt>"));
	free(nps);
	cxm_free(html);
	cxm_table_free(cells);
}
END_TEST

START_TEST(other_sections)
{
	cxm_table *cells = sample_cells(1), *vs = sample_vs_rest(), *dr = sample_drivers(), *th = sample_themes(), *empty;
	char *html = render(cells, vs, dr, th), *drivers, *share, *diff;
	const char *sec;
	assert_self_contained(html);
	/* 3 survey charts, 1 drivers chart, 2 theme charts */
	ck_assert_uint_eq(count_of(html, "<svg"), 6);
	ck_assert_uint_eq(count_of(html, "<table class=\"cxs-sort\">"), 4);
	sec = strstr(html, "<section id=\"vs-rest\">");
	ck_assert_ptr_nonnull(sec);
	ck_assert_uint_eq(count_of(sec, "<span class=\"cxs-up\">&#9650;</span>"), 1);
	drivers = svg_at(html, 3);
	ck_assert_uint_eq(count_of(drivers, "<rect class=\"cxs-rw\""), 3);
	ck_assert_uint_eq(count_of(drivers, "<rect class=\"cxs-shapley\""), 3);
	ck_assert_uint_eq(count_of(drivers, "<line class=\"cxs-whisker\""), 6);
	ck_assert_ptr_nonnull(strstr(drivers, "plan &lt;tier&gt;"));
	ck_assert_ptr_nonnull(strstr(drivers, "57.14% of R&#178;"));
	ck_assert_ptr_nonnull(strstr(html, "Model R&#178; = 0.35"));
	share = svg_at(html, 4);
	diff = svg_at(html, 5);
	/* themes: the total's three rows of the latest month, not chat's */
	ck_assert_uint_eq(count_of(share, "<rect class=\"cxs-share\""), 3);
	ck_assert_ptr_nonnull(strstr(share, "delivery &amp; returns"));
	ck_assert_uint_eq(count_of(diff, "<rect class=\"cxs-diff\""), 2);
	ck_assert_uint_eq(count_of(diff, "class=\"cxs-supp\""), 1);
	ck_assert_ptr_nonnull(strstr(diff, ">-55 &#9660;</text>"));
	ck_assert_ptr_nonnull(strstr(diff, ">-12</text>"));
	free(drivers);
	free(share);
	free(diff);
	cxm_free(html);
	/* an empty table (the part was not asked) leaves its section out */
	ck_assert_status(cxm_table_new(&empty), CXM_OK);
	html = render(cells, empty, empty, empty);
	ck_assert_uint_eq(count_of(html, "<svg"), 3);
	ck_assert_ptr_null(strstr(html, "id=\"vs-rest\""));
	ck_assert_ptr_null(strstr(html, "id=\"drivers\""));
	ck_assert_ptr_null(strstr(html, "id=\"themes\""));
	cxm_free(html);
	cxm_table_free(empty);
	cxm_table_free(cells);
	cxm_table_free(vs);
	cxm_table_free(dr);
	cxm_table_free(th);
}
END_TEST

START_TEST(errors)
{
	cxm_table *cells = sample_cells(1), *bad, *dr;
	char *out = (char *)1;
	static const char *const one[1] = { "x" };
	static const double x[1] = { 1 };
	ck_assert_status(cxm__survey_render_html(NULL, cells, NULL, NULL, NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm__survey_render_html(&out, NULL, NULL, NULL, NULL), CXM_EBAD_ARG);
	ck_assert_ptr_null(out);
	/* a cells table without `score` */
	ck_assert_status(cxm_table_new(&bad), CXM_OK);
	ck_assert_status(cxm_table_add_texts(bad, "period", one, 1), CXM_OK);
	ck_assert_status(cxm_table_add_texts(bad, "metric", one, 1), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(bad, "n", x, 1), CXM_OK);
	ck_assert_status(cxm__survey_render_html(&out, bad, NULL, NULL, NULL), CXM_EBAD_ARG);
	ck_assert_ptr_null(out);
	assert_message_has("cells table: there is no NUMBER column 'score'");
	/* `score` as text */
	ck_assert_status(cxm_table_add_texts(bad, "score", one, 1), CXM_OK);
	ck_assert_status(cxm__survey_render_html(&out, bad, NULL, NULL, NULL), CXM_EBAD_ARG);
	assert_message_has("cells table: column 'score' is not NUMBER");
	cxm_table_free(bad);
	/* a group column (before period) that is not text */
	ck_assert_status(cxm_table_new(&bad), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(bad, "agent", x, 1), CXM_OK);
	ck_assert_status(cxm_table_add_texts(bad, "period", one, 1), CXM_OK);
	ck_assert_status(cxm__survey_render_html(&out, bad, NULL, NULL, NULL), CXM_EBAD_ARG);
	assert_message_has("group column 'agent' (before 'period') is not TEXT");
	cxm_table_free(bad);
	/* a drivers table without the Shapley columns */
	ck_assert_status(cxm_table_new(&dr), CXM_OK);
	ck_assert_status(cxm_table_add_texts(dr, "driver", one, 1), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(dr, "relative_weight", x, 1), CXM_OK);
	ck_assert_status(cxm__survey_render_html(&out, cells, NULL, dr, NULL), CXM_EBAD_ARG);
	ck_assert_ptr_null(out);
	assert_message_has("drivers table: there is no NUMBER column 'rw_lower'");
	cxm_table_free(dr);
	cxm_table_free(cells);
}
END_TEST

/* Make de_DE.UTF-8 (a decimal-comma locale) under dir; 1 when setlocale takes it. */
static char locale_dir[] = "/tmp/cxm-html-locale-XXXXXX";

static int decimal_comma_locale(void)
{
	char cmd[256];
	if (setlocale(LC_ALL, "de_DE.UTF-8") != NULL)
		return 1;
	if (mkdtemp(locale_dir) == NULL)
		return 0;
	snprintf(cmd, sizeof cmd, "localedef -i de_DE -f UTF-8 %s/de_DE.UTF-8 >/dev/null 2>&1", locale_dir);
	if (system(cmd) != 0)
		return 0;
	setenv("LOCPATH", locale_dir, 1);
	return setlocale(LC_ALL, "de_DE.UTF-8") != NULL;
}

START_TEST(c_locale_numbers)
{
	cxm_table *cells = sample_cells(1), *vs = sample_vs_rest(), *dr = sample_drivers(), *th = sample_themes();
	char *c_page = render(cells, vs, dr, th), *de_page, text[16], cmd[300];
	/* coordinates are "%.1f": a decimal comma would read "123,4" */
	ck_assert_ptr_nonnull(strstr(c_page, "cx=\""));
	if (!decimal_comma_locale()) {
		fprintf(stderr, "c_locale_numbers: no de_DE.UTF-8 locale here; the C page's numbers only\n");
	} else {
		snprintf(text, sizeof text, "%.1f", 6.5);
		ck_assert_str_eq(text, "6,5"); /* the locale is live: the test means something */
		de_page = render(cells, vs, dr, th);
		setlocale(LC_ALL, "C");
		ck_assert_str_eq(de_page, c_page);
		cxm_free(de_page);
	}
	setlocale(LC_ALL, "C");
	if (strcmp(locale_dir, "/tmp/cxm-html-locale-XXXXXX") != 0) {
		snprintf(cmd, sizeof cmd, "rm -rf %s", locale_dir);
		ck_assert_int_eq(system(cmd), 0);
	}
	cxm_free(c_page);
	cxm_table_free(cells);
	cxm_table_free(vs);
	cxm_table_free(dr);
	cxm_table_free(th);
}
END_TEST

START_TEST(out_of_memory)
{
	cxm_table *cells = sample_cells(1), *vs = sample_vs_rest(), *dr = sample_drivers(), *th = sample_themes();
	char *out;
	long k;
	for (k = 0;; k++) {
		int rc;
		oom_arm(k);
		rc = cxm__survey_render_html(&out, cells, vs, dr, th);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			cxm_free(out);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		ck_assert_ptr_null(out);
		oom_assert_no_leak(k);
	}
	oom_disarm();
	cxm_table_free(cells);
	cxm_table_free(vs);
	cxm_table_free(dr);
	cxm_table_free(th);
}
END_TEST

/* The engine's tables (tests/data/survey-grouped/survey.csv by channel and month,
 * with support times) fit the renderer: a section and chart per metric of the
 * cells table, one line per group that has a shown cell, every cell a row,
 * every suppressed cell a greyed row. The expected counts come from the cells
 * table itself (the renderer's input). */
START_TEST(engine_tables)
{
	cxm_survey_opts *o = NULL;
	cxm_survey_report *r = NULL;
	cxm_table *cells = NULL, *vs = NULL;
	char *html, *first, path[1024];
	const char *root = getenv("CXM_SOURCE_ROOT"), *table;
	size_t rows, i, c_metric, c_supp, c_score, c_period, n_metrics = 0, suppressed = 0, lines = 0;
	const char *metrics[32];
	static const char *const driver_columns[2] = { "csat", "ces" };
	ck_assert_ptr_nonnull(root);
	snprintf(path, sizeof path, "%s/tests/data/survey-grouped/survey.csv", root);
	ck_assert_status(cxm_survey_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_survey_opts_add_group(o, "channel"), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_time(o, "timestamp", 2, 0), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_times(o, "created", "first_reply", "resolved"), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_drivers(o, "nps", driver_columns, 2), CXM_OK);
	ck_assert_status(cxm_survey_report_from_csv(&r, path, o), CXM_OK);
	ck_assert_status(cxm_survey_report_cells(&cells, r), CXM_OK);
	ck_assert_status(cxm_survey_report_vs_rest(&vs, r), CXM_OK);
	html = render(cells, vs, NULL, NULL);
	assert_self_contained(html);
	rows = cxm_table_rows(cells);
	ck_assert_uint_gt(rows, 0);
	ck_assert_status(cxm_table_column_index(&c_metric, cells, "metric"), CXM_OK);
	ck_assert_status(cxm_table_column_index(&c_supp, cells, "suppressed"), CXM_OK);
	ck_assert_status(cxm_table_column_index(&c_score, cells, "score"), CXM_OK);
	ck_assert_status(cxm_table_column_index(&c_period, cells, "period"), CXM_OK);
	for (i = 0; i < rows; i++) {
		const char *m = cxm_table_texts(cells, c_metric)[i];
		size_t k;
		for (k = 0; k < n_metrics && strcmp(metrics[k], m) != 0; k++)
			;
		if (k == n_metrics) {
			ck_assert_uint_lt(n_metrics, 32);
			metrics[n_metrics++] = m;
		}
		suppressed += cxm_table_numbers(cells, c_supp)[i] == 1.0;
	}
	/* a trend chart per metric and the nps breakdown */
	ck_assert_uint_eq(count_of(html, "<section class=\"cxs-metric\""), n_metrics);
	ck_assert_uint_eq(count_of(html, "aria-label=\"trend of "), n_metrics);
	ck_assert_uint_eq(count_of(html, "<svg"), n_metrics + 1);
	ck_assert_ptr_nonnull(strstr(html, "<h2>NPS (points)</h2>"));
	ck_assert_ptr_nonnull(strstr(html, "<h2>First response, median (seconds)</h2>"));
	/* the nps chart: one line per group (and the total) with a shown nps cell */
	for (i = 0; i < rows; i++) {
		size_t j;
		int seen = 0;
		if (strcmp(cxm_table_texts(cells, c_metric)[i], "nps") != 0 || cxm_table_numbers(cells, c_supp)[i] == 1.0 ||
		    isnan(cxm_table_numbers(cells, c_score)[i]))
			continue;
		for (j = 0; j < i && !seen; j++)
			seen = strcmp(cxm_table_texts(cells, c_metric)[j], "nps") == 0 &&
			       strcmp(cxm_table_texts(cells, 0)[j], cxm_table_texts(cells, 0)[i]) == 0 &&
			       cxm_table_numbers(cells, c_supp)[j] != 1.0 && !isnan(cxm_table_numbers(cells, c_score)[j]);
		lines += !seen;
	}
	first = svg_at(html, 0);
	ck_assert_uint_eq(count_of(first, "<path class=\"cxs-line\""), lines);
	ck_assert_ptr_nonnull(strstr(first, "stroke=\"#000000\" stroke-width=\"3.5\""));
	free(first);
	/* every cell is a row of the first sortable table; the suppressed ones greyed */
	table = strstr(html, "<section id=\"cells\">");
	ck_assert_ptr_nonnull(table);
	ck_assert_uint_eq(count_of(table, "<tr") - count_of(strstr(table, "<section id=\"vs-rest\">"), "<tr"), rows + 1);
	ck_assert_uint_eq(count_of(table, "<tr class=\"cxs-suppressed\">") -
			  count_of(strstr(table, "<section id=\"vs-rest\">"), "<tr class=\"cxs-suppressed\">"), suppressed);
	ck_assert_ptr_nonnull(strstr(html, "<dt>p-value adjustment</dt><dd>holm</dd>"));
	cxm_free(html);
	/* the whole page: the drivers' chart too, a bar pair per driver */
	ck_assert_status(cxm__survey_report_html(&html, r), CXM_OK);
	ck_assert_uint_eq(count_of(html, "<svg"), n_metrics + 2);
	ck_assert_ptr_nonnull(strstr(html, "<section id=\"drivers\">"));
	ck_assert_uint_eq(count_of(html, "<rect class=\"cxs-rw\""), 2);
	ck_assert_uint_eq(count_of(html, "<rect class=\"cxs-shapley\""), 2);
	ck_assert_ptr_nonnull(strstr(html, "Outcome: nps."));
	cxm_free(html);
	cxm_table_free(cells);
	cxm_table_free(vs);
	cxm_survey_report_free(r);
	cxm_survey_opts_free(o);
}
END_TEST

/* The format word: html is 3, after csv, before the alias "table". */
START_TEST(format_word)
{
	int v = -1;
	char list[128];
	ck_assert_status(cxm_names_parse(&v, CXM_NAMES_FORMAT, "html"), CXM_OK);
	ck_assert_int_eq(v, CXM_FORMAT_HTML);
	ck_assert_int_eq(CXM_FORMAT_HTML, 3);
	ck_assert_str_eq(cxm_names_word(CXM_NAMES_FORMAT, 3), "html");
	ck_assert_status(cxm_names_parse(&v, CXM_NAMES_FORMAT, "table"), CXM_OK);
	ck_assert_int_eq(v, CXM_FORMAT_TEXT);
	ck_assert_status(cxm_names_choices(list, sizeof list, CXM_NAMES_FORMAT), CXM_OK);
	ck_assert_str_eq(list, "text, json, csv or html");
	/* the table writers still write csv and json only */
	{
		cxm_table *t = sample_vs_rest();
		char *out = (char *)1;
		ck_assert_status(cxm_table_render(&out, t, CXM_FORMAT_HTML), CXM_EBAD_ARG);
		ck_assert_ptr_null(out);
		assert_message_has("format is html");
		cxm_table_free(t);
	}
}
END_TEST

/* 16 groups ("(all)" and g00..g14) x 2 months of nps, rows in schema order
 * (group-major) or period-major (each group seen again later). */
static cxm_table *many_groups(int period_major)
{
	enum { G = 16, P = 2 };
	static const char *const months[P] = { "2024-01-01", "2024-02-01" };
	static char names[G][8];
	const char *group[G * P], *period[G * P], *metric[G * P];
	double col[7][G * P];
	static const char *const numeric[7] = { "n", "score", "lower", "upper", "change", "p_value", "p_adjusted" };
	double supp[G * P];
	size_t g, p, r, k;
	cxm_table *t = NULL;
	for (g = 0; g < G; g++)
		snprintf(names[g], sizeof names[g], g == 0 ? "(all)" : "g%02zu", g - 1);
	for (r = 0; r < G * P; r++) {
		g = period_major ? r % G : r / P;
		p = period_major ? r / G : r % P;
		group[r] = names[g];
		period[r] = months[p];
		metric[r] = "nps";
		col[0][r] = 50;
		col[1][r] = (double)g + (double)p;
		col[2][r] = col[1][r] - 5;
		col[3][r] = col[1][r] + 5;
		for (k = 4; k < 7; k++)
			col[k][r] = NAN;
		supp[r] = 0;
	}
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "agent", group, G * P), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "period", period, G * P), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "metric", metric, G * P), CXM_OK);
	for (k = 0; k < 7; k++)
		ck_assert_status(cxm_table_add_numbers(t, numeric[k], col[k], G * P), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "suppressed", supp, G * P), CXM_OK);
	return t;
}

/* More groups than a chart draws: the total and the first 9, each once even
 * when the table is not in the schema's order; every row in the table. */
START_TEST(many_groups_charted)
{
	int major;
	for (major = 0; major < 2; major++) {
		cxm_table *t = many_groups(major);
		char *html = render(t, NULL, NULL, NULL), *chart = svg_at(html, 0);
		ck_assert_uint_eq(count_of(chart, "<path class=\"cxs-line\""), 10);
		ck_assert_uint_eq(count_of(chart, "class=\"cxs-pt\""), 20);
		ck_assert_ptr_nonnull(strstr(chart, ">g08, 2024-02-01: 10 [5, 15], n = 50</title>"));
		ck_assert_ptr_null(strstr(chart, ">g09,"));
		ck_assert_ptr_nonnull(strstr(html, "The charts draw the total and the first 9 groups; all 15 are in the tables."));
		ck_assert_ptr_nonnull(strstr(html, "(15 groups)"));
		ck_assert_uint_eq(count_of(html, "<tr class=\"cxs-total\">"), 2);
		ck_assert_uint_eq(count_of(strstr(html, "<section id=\"cells\">"), "<tr"), 33);
		free(chart);
		cxm_free(html);
		cxm_table_free(t);
	}
}
END_TEST

/* A cells table with its columns and no rows: the page says so. */
START_TEST(no_cells)
{
	cxm_table *t = NULL;
	char *html;
	static const char *const numeric[8] = { "n", "score", "lower", "upper", "change", "p_value", "p_adjusted",
						"suppressed" };
	size_t k;
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "period", NULL, 0), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "metric", NULL, 0), CXM_OK);
	for (k = 0; k < 8; k++)
		ck_assert_status(cxm_table_add_numbers(t, numeric[k], NULL, 0), CXM_OK);
	html = render(t, NULL, NULL, NULL);
	assert_self_contained(html);
	ck_assert_ptr_nonnull(strstr(html, "<p>The report has no cells.</p>"));
	ck_assert_ptr_null(strstr(html, "<svg"));
	cxm_free(html);
	cxm_table_free(t);
}
END_TEST

/* A whole report through cxm__survey_report_html (the page cxm_survey_report_render
 * writes): a table of 80 answers by channel (a, b) and month with comments,
 * themes "price" and "staff" (the JSON theme table), min_n 10. Every part has
 * its section; the charts: the nps trend and breakdown, the two theme charts. */
START_TEST(whole_report)
{
	enum { N = 80 };
	const char *channel[N], *when[N], *comment[N];
	double nps[N];
	size_t i;
	cxm_table *t = NULL;
	cxm_themes *th = NULL;
	cxm_survey_opts *o = NULL;
	cxm_survey_report *r = NULL;
	char *html = (char *)1;
	static const char *const said[4] = { "the price is high", "friendly staff", "", "price and staff both fine" };
	for (i = 0; i < N; i++) {
		channel[i] = i % 2 ? "b" : "a";
		when[i] = i < N / 2 ? "2024-01-15" : "2024-02-15";
		nps[i] = (double)((i * 7) % 11);
		comment[i] = said[i % 4];
	}
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "channel", channel, N), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "when", when, N), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "nps", nps, N), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "comment", comment, N), CXM_OK);
	ck_assert_status(cxm_themes_from_json(&th, "{\"price\": [\"price\"], \"staff\": [\"staff\"]}"), CXM_OK);
	ck_assert_status(cxm_survey_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_survey_opts_add_group(o, "channel"), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_time(o, "when", 2 /* month */, 0), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_themes(o, th, "comment"), CXM_OK);
	ck_assert_status(cxm_survey_report_from_table(&r, t, o), CXM_OK);
	ck_assert_status(cxm__survey_report_html(NULL, r), CXM_EBAD_ARG);
	ck_assert_status(cxm__survey_report_html(&html, NULL), CXM_EBAD_ARG);
	ck_assert_ptr_null(html);
	ck_assert_status(cxm__survey_report_html(&html, r), CXM_OK);
	assert_self_contained(html);
	ck_assert_ptr_nonnull(strstr(html, "<section id=\"cells\">"));
	ck_assert_ptr_nonnull(strstr(html, "<section id=\"vs-rest\">"));
	ck_assert_ptr_nonnull(strstr(html, "<section id=\"themes\">"));
	ck_assert_ptr_null(strstr(html, "<section id=\"drivers\">"));
	ck_assert_uint_eq(count_of(html, "<svg"), 4);
	ck_assert_uint_eq(count_of(html, "<rect class=\"cxs-share\""), 2);
	/* the total, a and b: three lines over the two months */
	ck_assert_uint_eq(count_of(html, "<path class=\"cxs-line\""), 3);
	cxm_free(html);
	/* out of memory anywhere (the four tables, the page): NOMEM, nothing leaked */
	{
		long k;
		for (k = 0;; k++) {
			int rc;
			oom_arm(k);
			rc = cxm__survey_report_html(&html, r);
			if (!oom_failed()) {
				ck_assert_status(rc, CXM_OK);
				cxm_free(html);
				oom_assert_no_leak(k);
				break;
			}
			oom_assert_enomem(rc, k);
			ck_assert_ptr_null(html);
			oom_assert_no_leak(k);
		}
		oom_disarm();
	}
	cxm_survey_report_free(r);
	cxm_survey_opts_free(o);
	cxm_themes_free(th);
	cxm_table_free(t);
}
END_TEST

static Suite *report_html_suite(void)
{
	Suite *s = suite_create("report_html");
	TCase *tc = tcase_create("html");
	tcase_set_timeout(tc, 120); /* localedef (c_locale_numbers) takes seconds on a busy machine */
	tcase_add_test(tc, trend_structure);
	tcase_add_test(tc, table_and_metadata);
	tcase_add_test(tc, escaping);
	tcase_add_test(tc, without_time);
	tcase_add_test(tc, other_sections);
	tcase_add_test(tc, errors);
	tcase_add_test(tc, c_locale_numbers);
	tcase_add_test(tc, out_of_memory);
	tcase_add_test(tc, engine_tables);
	tcase_add_test(tc, format_word);
	tcase_add_test(tc, many_groups_charted);
	tcase_add_test(tc, no_cells);
	tcase_add_test(tc, whole_report);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(report_html_suite)
