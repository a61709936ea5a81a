/*
 * tests/unit/test_journey_html.c - the journey page, cxm_journey_render_html
 * (spec §26), drawn from hand-built tables in the design's schemas
 * (journey_html_sample.h): the funnel's bars, lost segments, whiskers and
 * annotations; one bar per group with the palette; the retention heat-map's
 * cells and colours; the pyramid's levels and the suppressed cell; the plain
 * tables; escaping of every text from the data; nothing external; numbers in
 * the "C" locale; the errors (NULLs, no or unknown kind, a missing column, a
 * column of another type, duplicate rows); out of memory.
 *
 * The expected coordinates are worked by hand from the layout of
 * lib/report/journey_funnel.c (bars from x = 170 to x = 520 for 0-100 % of
 * step 1), journey_cohort.c (ColorBrewer Blues interpolated in sRGB) and
 * journey_pyramid.c (base 170 wide, top 20, bands 28 high, centre x = 95).
 */
#define _POSIX_C_SOURCE 200809L
#include "harness.h"
#include "oom.h"
#include "journey_html_sample.h"
#include <locale.h>

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

#define assert_has(text, needle) ck_assert_msg(strstr((text), (needle)) != NULL, "page lacks '%s'", (needle))
#define assert_count(text, needle, n) \
	ck_assert_msg(count_of((text), (needle)) == (n), "'%s' %zu times, expected %zu", (needle), \
		      count_of((text), (needle)), (size_t)(n))

static char *render1(const cxm_table *t, const char *title)
{
	char *out = NULL;
	const cxm_table *ts[1];
	ts[0] = t;
	ck_assert_status(cxm_journey_render_html(&out, ts, 1, title), CXM_OK);
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
	ck_assert_ptr_null(strstr(html, " onclick="));
	assert_count(html, "<script", 1);
	ck_assert(strncmp(html, "<!DOCTYPE html>\n", 16) == 0);
	assert_has(html, "</html>\n");
}

START_TEST(funnel_bars)
{
	cxm_table *t = jh_funnel(0, 0);
	char *html;
	ck_assert_ptr_nonnull(t);
	html = render1(t, NULL);
	assert_self_contained(html);
	assert_has(html, "<title>Customer journey</title>");
	assert_count(html, "<svg", 1);
	/* bars: 100 %, 40 %, 10 % of 350 px */
	assert_count(html, "class=\"cxj-bar\"", 3);
	assert_has(html, "class=\"cxj-bar\" x=\"170.0\" y=\"8.0\" width=\"350.0\" height=\"16\" fill=\"#0072B2\"");
	assert_has(html, "width=\"140.0\" height=\"16\" fill=\"#0072B2\"");
	assert_has(html, "width=\"35.0\" height=\"16\" fill=\"#0072B2\"");
	/* lost since the previous step: 100 -> 40 (x 310, 210 px), 40 -> 10 (x 205, 105 px) */
	assert_count(html, "class=\"cxj-lost\"", 2);
	assert_has(html, "class=\"cxj-lost\" x=\"310.0\" y=\"38.0\" width=\"210.0\"");
	assert_has(html, "class=\"cxj-lost\" x=\"205.0\" y=\"68.0\" width=\"105.0\"");
	/* whiskers: 100 x [37.007, 43.069] % and 40 x [21.008, 29.468] % of 350 px from 170 */
	assert_count(html, "class=\"cxj-whisker\"", 2);
	assert_has(html, "d=\"M299.5 46.0H320.7M");
	assert_has(html, "d=\"M199.4 76.0H211.3M");
	/* annotations */
	assert_has(html, ">1000 customers &#183; drop-off 60% &#183; median 60 min</text>");
	assert_has(html, ">400 &#183; 40% [37.01, 43.07] &#183; drop-off 75% &#183; median 2 h</text>");
	assert_has(html, ">100 &#183; 25% [21.01, 29.47]</text>");
	/* step labels and the settings */
	assert_has(html, ">1. view</text>");
	assert_has(html, ">2. cart</text>");
	assert_has(html, ">3. purchase</text>");
	assert_has(html, "Mode: ordered.");
	assert_has(html, "Window: 7 d.");
	assert_has(html, "95% Wilson interval");
	assert_has(html, "Customers in the log: 1500.");
	/* the axis: 0, 20, ..., 100 % */
	assert_count(html, "<line class=\"cxs-grid", 6);
	assert_has(html, ">100%</text>");
	/* the table: 11 columns (no breakdown), 3 rows */
	assert_count(html, "<th scope=\"col\"", 11);
	assert_count(html, "<tr>", 4);
	assert_has(html, "<td data-v=\"37.00747812113773\">37.01</td>");
	cxm_free(html);
	cxm_table_free(t);
}
END_TEST

START_TEST(funnel_groups)
{
	cxm_table *t = jh_funnel(1, 0);
	char *html;
	ck_assert_ptr_nonnull(t);
	html = render1(t, "Funnel by channel");
	assert_count(html, "class=\"cxj-bar\"", 9);
	/* the total in black, then the palette in table order */
	assert_count(html, "height=\"16\" fill=\"#000000\"", 3);
	assert_count(html, "height=\"16\" fill=\"#0072B2\"", 3);
	assert_count(html, "height=\"16\" fill=\"#D55E00\"", 3);
	/* email's 1000 -> 500 -> 250: 350, 175, 87.5 px */
	assert_has(html, "width=\"175.0\" height=\"16\" fill=\"#D55E00\"");
	assert_has(html, "width=\"87.5\" height=\"16\" fill=\"#D55E00\"");
	/* group labels per step, legend, the total row in bold */
	assert_count(html, ">(all)</text>", 3);
	assert_count(html, ">ads</text>", 3);
	assert_count(html, ">email</text>", 3);
	assert_count(html, "<span class=\"cxs-key\"><i class=\"cxs-box\"", 4);
	assert_count(html, "<tr class=\"cxs-total\">", 3);
	assert_has(html, "<title>Funnel by channel</title>");
	cxm_free(html);
	cxm_table_free(t);
}
END_TEST

START_TEST(funnel_many_groups)
{
	cxm_table *t = jh_funnel_many(12);
	char *html;
	ck_assert_ptr_nonnull(t);
	html = render1(t, NULL);
	/* 10 groups drawn (the total and g01..g09) x 2 steps; all 12 in the table */
	assert_count(html, "class=\"cxj-bar\"", 20);
	assert_has(html, "The chart draws 10 of the 12 groups; all are in the table.");
	assert_has(html, ">g09</text>");
	ck_assert_ptr_null(strstr(html, ">g10</text>"));
	assert_has(html, "<td class=\"cxs-t\">g11</td>");
	cxm_free(html);
	cxm_table_free(t);
}
END_TEST

START_TEST(cohort_heat_map)
{
	cxm_table *t = jh_cohort();
	char *html;
	ck_assert_ptr_nonnull(t);
	html = render1(t, NULL);
	assert_self_contained(html);
	assert_count(html, "<g class=\"cxj-cell\">", 6);
	/* Blues over 0-100: 100 -> #08306b; 40 -> 3.2 classes: 20 % from #9ecae1 to #6baed6 = #94c4df;
	 * 25 -> class 2 exactly, #c6dbef; 20 -> 1.6 classes: 60 % from #deebf7 to #c6dbef = #d0e1f2 */
	assert_count(html, "fill=\"#08306b\"", 3);
	assert_count(html, "fill=\"#94c4df\"", 1);
	assert_count(html, "fill=\"#c6dbef\"", 1);
	assert_count(html, "fill=\"#d0e1f2\"", 1);
	/* the value in each cell, white on the dark ones */
	assert_count(html, "style=\"fill:#ffffff\">100%</text>", 3);
	assert_has(html, "style=\"fill:#1f2933\">40%</text>");
	assert_has(html, "style=\"fill:#1f2933\">25%</text>");
	assert_has(html, "style=\"fill:#1f2933\">20%</text>");
	/* rows: the cohort and its size; columns: periods 0..2 */
	assert_has(html, ">2024-01-01 (100)</text>");
	assert_has(html, ">2024-02-01 (50)</text>");
	assert_has(html, ">2024-03-01 (20)</text>");
	assert_count(html, "class=\"cxj-period\"", 3);
	assert_has(html, "<title>2024-02-01, period 1: 10 of 50 active, 20%</title>");
	/* the first cohort's first cell: x 190 (after the labels), y 30; cells 56 wide */
	assert_has(html, "<rect x=\"190.0\" y=\"30.0\" width=\"56.0\" height=\"20.0\" fill=\"#08306b\"");
	assert_has(html, "<rect x=\"246.0\" y=\"50.0\" width=\"56.0\" height=\"20.0\" fill=\"#d0e1f2\"");
	assert_has(html, "(every month)");
	assert_has(html, "linear-gradient(to right,#f7fbff,");
	/* the table: days as dates */
	assert_count(html, "<td class=\"cxs-t\">2024-01-01</td>", 3);
	cxm_free(html);
	cxm_table_free(t);
}
END_TEST

START_TEST(pyramid_levels)
{
	cxm_table *t = jh_pyramid();
	char *html;
	ck_assert_ptr_nonnull(t);
	html = render1(t, NULL);
	assert_self_contained(html);
	/* three groups at the latest period (2024-02); south suppressed: its bands dashed, no levels */
	assert_count(html, "<g class=\"cxj-pyramid\"", 3);
	assert_count(html, "class=\"cxj-band\"", 9);
	assert_count(html, "stroke-dasharray=\"4 3\"", 3);
	assert_count(html, "class=\"cxj-level\"", 6);
	assert_count(html, "fill=\"#56B4E9\"", 2);
	assert_count(html, "fill=\"#0072B2\"", 2);
	assert_count(html, "fill=\"#009E73\"", 2);
	/* (all)'s level 1, 60 % of the base band: half-widths 85 and 60 at x = 95, y 108 to 80 */
	assert_has(html, "data-level=\"1\" points=\"44.0,108.0 146.0,108.0 131.0,80.0 59.0,80.0\"");
	/* north (second, x + 300): level 3, 30 % of the top band: half-widths 35 and 10, y 52 to 24 */
	assert_has(html, "data-level=\"3\" points=\"384.5,52.0 405.5,52.0 398.0,24.0 392.0,24.0\"");
	assert_has(html, ">CXi 12.5 [4.5, 20.5] &#183; n 220</text>");
	assert_has(html, ">needs 32 &#183; ease 8 &#183; emotion -2.5</text>");
	assert_has(html, ">CXi 20 [11, 29] &#183; n 200</text>");
	assert_has(html, "suppressed (n &lt; min_n)");
	assert_has(html, "Latest period: 2024-02");
	assert_has(html, "fewer than 30 respondents are suppressed");
	assert_has(html, ">meets needs 60%</text>");
	/* the table: the suppressed row greyed with "suppressed" for its numbers, no suppressed column */
	assert_count(html, "<tr class=\"cxs-suppressed\">", 1);
	assert_count(html, ">suppressed</td>", 9);
	ck_assert_ptr_null(strstr(html, ">suppressed</th>"));
	cxm_free(html);
	cxm_table_free(t);
}
END_TEST

/* Every kind on one page, in the order given; the empty tests table (no kind, no columns) draws nothing. */
START_TEST(all_kinds)
{
	cxm_table *ts[9], *empty = NULL;
	char *html = NULL;
	size_t i;
	ts[0] = jh_funnel(1, 1);
	ts[1] = jh_funnel_next();
	ts[2] = jh_funnel_tests();
	ck_assert_status(cxm_table_new(&empty), CXM_OK);
	ts[3] = empty;
	ts[4] = jh_cohort();
	ts[5] = jh_pyramid();
	ts[6] = jh_transitions();
	ts[7] = jh_paths();
	ts[8] = jh_touchpoints();
	for (i = 0; i < 9; i++)
		ck_assert_ptr_nonnull(ts[i]);
	ck_assert_status(cxm_journey_render_html(&html, (const cxm_table *const *)ts, 9, "Journey <2024> & \"co\""), CXM_OK);
	assert_self_contained(html);
	assert_count(html, "<section class=\"cxj-", 8);
	{
		static const char *const order[] = { "cxj-funnel\"", "cxj-funnel_next\"", "cxj-funnel_tests\"", "cxj-cohort\"",
						     "cxj-pyramid\"", "cxj-transitions\"", "cxj-paths\"", "cxj-touchpoints\"" };
		const char *at = html;
		for (i = 0; i < 8; i++) {
			at = strstr(at, order[i]);
			ck_assert_msg(at != NULL, "section %s missing or out of order", order[i]);
		}
	}
	assert_has(html, "<section class=\"cxj-cohort\" id=\"table-4\">");
	assert_count(html, "<svg", 3);
	/* the title and every data text escaped; the raw text never appears */
	assert_has(html, "<title>Journey &lt;2024&gt; &amp; &quot;co&quot;</title>");
	assert_has(html, "<h1>Journey &lt;2024&gt; &amp; &quot;co&quot;</h1>");
	ck_assert_ptr_null(strstr(html, JH_ODD));
	ck_assert_ptr_null(strstr(html, "<script>alert"));
	/* the step label is cut to fit left of the bars (23 characters, the last an ellipsis), whole in its title */
	assert_has(html, "<title>" JH_ODD_ESCAPED "</title>2. &lt;script&gt;alert(&#39;x&#39;)&lt;/sc&#8230;</text>");
	assert_has(html, "<td class=\"cxs-t\">" JH_ODD_ESCAPED "</td>");
	/* tests: p-values below 0.001 as "<0.001", the adjustment named */
	assert_count(html, ">&lt;0.001</td>", 8);
	assert_has(html, "adjusted across the table (holm)");
	/* plain tables: the paths with their ">" escaped, touchpoints ranked */
	assert_has(html, "<td class=\"cxs-t\">view &gt; cart &gt; purchase</td>");
	assert_has(html, "<td class=\"cxs-t\">checkout</td>");
	assert_has(html, "<td data-v=\"88.88888888888889\">88.89</td>");
	cxm_free(html);
	for (i = 0; i < 9; i++)
		cxm_table_free(ts[i]);
}
END_TEST

/* Long group names are cut at a character boundary (2-byte UTF-8 letters
 * count as one), 26 characters with the ellipsis; the legend keeps them whole. */
START_TEST(long_labels)
{
	char name[64 + 1] = "";
	const char *channel[2];
	cxm_table *t = NULL;
	char *html;
	size_t k;
	static const char *const cols[] = { "customers", "conversion", "lower", "upper", "drop_off", "overall" };
	for (k = 0; k < 30; k++)
		strcat(name, "\xC3\xA9"); /* é */
	channel[0] = channel[1] = name;
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "channel", channel, 2), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "step", (const double[]){ 1, 2 }, 2), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "event", (const char *const[]){ "view", "buy" }, 2), CXM_OK);
	for (k = 0; k < 6; k++)
		ck_assert_status(cxm_table_add_numbers(t, cols[k], (const double[]){ 100, 50 }, 2), CXM_OK);
	ck_assert_status(cxm_table_set_attr_text(t, "kind", "funnel"), CXM_OK);
	html = render1(t, NULL);
	name[25 * 2] = '\0';
	{
		char want[128];
		snprintf(want, sizeof want, ">%s&#8230;</text>", name);
		assert_count(html, want, 2);
	}
	name[25 * 2] = '\xC3';
	assert_count(html, name, 1 + 2); /* the legend's key and the table's two rows */
	cxm_free(html);
	cxm_table_free(t);
}
END_TEST

/* A table's kind decides; a table without rows draws its note only. */
START_TEST(no_rows)
{
	cxm_table *t = NULL;
	char *html;
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "step", NULL, 0), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "event", NULL, 0), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "customers", NULL, 0), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "conversion", NULL, 0), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "lower", NULL, 0), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "upper", NULL, 0), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "drop_off", NULL, 0), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "overall", NULL, 0), CXM_OK);
	ck_assert_status(cxm_table_set_attr_text(t, "kind", "funnel"), CXM_OK);
	html = render1(t, NULL);
	assert_count(html, "<svg", 0);
	assert_has(html, "The table has no rows.");
	cxm_free(html);
	cxm_table_free(t);
}
END_TEST

/* A copy of `src` without column `drop` and with column `retype` as TEXT ("x" in every row). */
static cxm_table *variant(const cxm_table *src, const char *drop, const char *retype)
{
	cxm_table *t = NULL;
	size_t j, rows = cxm_table_rows(src), i;
	const char **x = malloc((rows ? rows : 1) * sizeof *x);
	for (i = 0; i < rows; i++)
		x[i] = "x";
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	for (j = 0; j < cxm_table_column_count(src); j++) {
		const char *name = cxm_table_column_name(src, j);
		int type;
		ck_assert_status(cxm_table_column_type(&type, src, j), CXM_OK);
		if (drop && strcmp(name, drop) == 0)
			continue;
		if (retype && strcmp(name, retype) == 0)
			ck_assert_status(cxm_table_add_texts(t, name, x, rows), CXM_OK);
		else if (type == CXM_TABLE_TEXT)
			ck_assert_status(cxm_table_add_texts(t, name, cxm_table_texts(src, j), rows), CXM_OK);
		else if (type == CXM_TABLE_DAY)
			ck_assert_status(cxm_table_add_days(t, name, cxm_table_numbers(src, j), rows), CXM_OK);
		else
			ck_assert_status(cxm_table_add_numbers(t, name, cxm_table_numbers(src, j), rows), CXM_OK);
	}
	{
		const char *kind = NULL;
		ck_assert_status(cxm_table_get_attr_text(&kind, src, "kind"), CXM_OK);
		ck_assert_status(cxm_table_set_attr_text(t, "kind", kind), CXM_OK);
	}
	free(x);
	return t;
}

START_TEST(errors)
{
	cxm_table *f = jh_funnel(0, 0), *c = jh_cohort(), *p = jh_pyramid(), *bad = NULL;
	const cxm_table *ts[2];
	char *out = (char *)"untouched";
	ts[0] = f;
	ts[1] = NULL;
	/* NULLs and counts */
	ck_assert_status(cxm_journey_render_html(NULL, ts, 1, NULL), CXM_EBAD_ARG);
	assert_message_has("out");
	ck_assert_status(cxm_journey_render_html(&out, NULL, 1, NULL), CXM_EBAD_ARG);
	ck_assert_ptr_null(out);
	assert_message_has("tables is NULL");
	ck_assert_status(cxm_journey_render_html(&out, ts, 0, NULL), CXM_EBAD_ARG);
	assert_message_has("n_tables is 0");
	ck_assert_status(cxm_journey_render_html(&out, ts, 2, NULL), CXM_EBAD_ARG);
	assert_message_has("tables[1] is NULL");
	ck_assert_ptr_null(out);
	/* no kind; an unknown kind (named, with the kinds) */
	ck_assert_status(cxm_table_new(&bad), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(bad, "x", (const double[]){ 1 }, 1), CXM_OK);
	ts[1] = bad;
	ck_assert_status(cxm_journey_render_html(&out, ts, 2, NULL), CXM_EBAD_ARG);
	assert_message_has("tables[1] has no TEXT attribute 'kind'");
	assert_message_has("funnel, funnel_next, funnel_tests, cohort, pyramid, transitions, paths, touchpoints");
	ck_assert_status(cxm_table_set_attr_text(bad, "kind", "sankey"), CXM_OK);
	ck_assert_status(cxm_journey_render_html(&out, ts, 2, NULL), CXM_EBAD_ARG);
	assert_message_has("tables[1]: unknown kind 'sankey' (kinds: funnel, funnel_next,");
	/* a kind given as a number is no kind */
	cxm_table_free(bad);
	ck_assert_status(cxm_table_new(&bad), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(bad, "x", (const double[]){ 1 }, 1), CXM_OK);
	ck_assert_status(cxm_table_set_attr_number(bad, "kind", 1), CXM_OK);
	ts[1] = bad;
	ck_assert_status(cxm_journey_render_html(&out, ts, 2, NULL), CXM_EBAD_ARG);
	assert_message_has("has no TEXT attribute 'kind'");
	cxm_table_free(bad);
	/* a missing column, named with the kind, the table's place and its columns */
	bad = variant(f, "overall", NULL);
	ts[0] = c;
	ts[1] = bad;
	ck_assert_status(cxm_journey_render_html(&out, ts, 2, NULL), CXM_EBAD_ARG);
	assert_message_has("tables[1] (kind 'funnel'): there is no NUMBER column 'overall' (spec §22 schema); its columns are: "
			   "step, event, customers, conversion, lower, upper, drop_off, mean_seconds_to_next");
	ck_assert_ptr_null(out);
	cxm_table_free(bad);
	/* a column of another type */
	bad = variant(f, NULL, "conversion");
	ts[1] = bad;
	ck_assert_status(cxm_journey_render_html(&out, ts, 2, NULL), CXM_EBAD_ARG);
	assert_message_has("tables[1] (kind 'funnel'): column 'conversion' is TEXT, not NUMBER");
	cxm_table_free(bad);
	bad = variant(c, "retention", NULL);
	ts[1] = bad;
	ck_assert_status(cxm_journey_render_html(&out, ts, 2, NULL), CXM_EBAD_ARG);
	assert_message_has("tables[1] (kind 'cohort'): there is no NUMBER column 'retention' (spec §24 schema)");
	cxm_table_free(bad);
	bad = variant(p, NULL, "level2");
	ts[1] = bad;
	ck_assert_status(cxm_journey_render_html(&out, ts, 2, NULL), CXM_EBAD_ARG);
	assert_message_has("tables[1] (kind 'pyramid'): column 'level2' is TEXT, not NUMBER (spec §25 schema)");
	cxm_table_free(bad);
	/* cohort given as numbers: a cohort is a TEXT or DAY label */
	ck_assert_status(cxm_table_new(&bad), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(bad, "cohort", (const double[]){ 19723 }, 1), CXM_OK);
	ck_assert_status(cxm_table_set_attr_text(bad, "kind", "cohort"), CXM_OK);
	ts[1] = bad;
	ck_assert_status(cxm_journey_render_html(&out, ts, 2, NULL), CXM_EBAD_ARG);
	assert_message_has("column 'cohort' is NUMBER, not TEXT or DAY");
	cxm_table_free(bad);
	/* a group column that is not TEXT (a NUMBER before `step`) */
	ck_assert_status(cxm_table_new(&bad), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(bad, "segment", (const double[]){ 1 }, 1), CXM_OK);
	{
		static const char *const names[] = { "step", "customers", "conversion", "lower", "upper", "drop_off", "overall" };
		size_t k;
		for (k = 0; k < 7; k++) {
			ck_assert_status(cxm_table_add_numbers(bad, names[k], (const double[]){ 1 }, 1), CXM_OK);
			if (k == 0)
				ck_assert_status(cxm_table_add_texts(bad, "event", (const char *const[]){ "view" }, 1), CXM_OK);
		}
	}
	ck_assert_status(cxm_table_set_attr_text(bad, "kind", "funnel"), CXM_OK);
	ts[1] = bad;
	ck_assert_status(cxm_journey_render_html(&out, ts, 2, NULL), CXM_EBAD_ARG);
	assert_message_has("tables[1] (kind 'funnel'): group column 'segment' (before 'step') is NUMBER, not TEXT");
	cxm_table_free(bad);
	cxm_table_free(f);
	cxm_table_free(c);
	cxm_table_free(p);
}
END_TEST

/* Two rows for one step of a group, a step that is not a number, a cohort cell twice. */
START_TEST(ambiguous_rows)
{
	static const char *const names[] = { "customers", "conversion", "lower", "upper", "drop_off", "overall" };
	static const double one[] = { 1, 1 };
	cxm_table *t = NULL;
	const cxm_table *ts[1];
	char *out = NULL;
	size_t k;
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "step", (const double[]){ 1, 1 }, 2), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "event", (const char *const[]){ "view", "view" }, 2), CXM_OK);
	for (k = 0; k < 6; k++)
		ck_assert_status(cxm_table_add_numbers(t, names[k], one, 2), CXM_OK);
	ck_assert_status(cxm_table_set_attr_text(t, "kind", "funnel"), CXM_OK);
	ts[0] = t;
	ck_assert_status(cxm_journey_render_html(&out, ts, 1, NULL), CXM_EBAD_ARG);
	assert_message_has("tables[0] (kind 'funnel'): rows 1 and 2 (1-based) are both step 1 of one group");
	cxm_table_free(t);
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "step", (const double[]){ 1, NAN }, 2), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "event", (const char *const[]){ "view", "cart" }, 2), CXM_OK);
	for (k = 0; k < 6; k++)
		ck_assert_status(cxm_table_add_numbers(t, names[k], one, 2), CXM_OK);
	ck_assert_status(cxm_table_set_attr_text(t, "kind", "funnel"), CXM_OK);
	ts[0] = t;
	ck_assert_status(cxm_journey_render_html(&out, ts, 1, NULL), CXM_EBAD_ARG);
	assert_message_has("tables[0] (kind 'funnel'): step is not a number in row 2 (1-based)");
	cxm_table_free(t);
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_days(t, "cohort", (const double[]){ JH_JAN, JH_JAN }, 2), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "period", (const double[]){ 0, 0 }, 2), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "customers", one, 2), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "active", one, 2), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "retention", one, 2), CXM_OK);
	ck_assert_status(cxm_table_set_attr_text(t, "kind", "cohort"), CXM_OK);
	ts[0] = t;
	ck_assert_status(cxm_journey_render_html(&out, ts, 1, NULL), CXM_EBAD_ARG);
	assert_message_has("tables[0] (kind 'cohort'): rows 1 and 2 (1-based) are both period 0 of one cohort");
	ck_assert_ptr_null(out);
	cxm_table_free(t);
}
END_TEST

/* Numbers never depend on the caller's locale (spec §0.14). */
START_TEST(c_locale_numbers)
{
	cxm_table *t = jh_funnel(0, 0);
	char *c_page = render1(t, NULL), *de_page, text[16];
	if (setlocale(LC_ALL, "de_DE.UTF-8") == NULL && setlocale(LC_ALL, "de_DE.utf8") == NULL) {
		fprintf(stderr, "c_locale_numbers: no de_DE locale here; the C page's numbers only\n");
		assert_has(c_page, "x=\"310.0\"");
	} else {
		snprintf(text, sizeof text, "%.1f", 6.5);
		ck_assert_str_eq(text, "6,5"); /* the locale is live: the test means something */
		de_page = render1(t, NULL);
		setlocale(LC_ALL, "C");
		ck_assert_str_eq(de_page, c_page);
		cxm_free(de_page);
	}
	setlocale(LC_ALL, "C");
	cxm_free(c_page);
	cxm_table_free(t);
}
END_TEST

START_TEST(out_of_memory)
{
	cxm_table *ts[8];
	char *out;
	size_t i;
	long k;
	ts[0] = jh_funnel(1, 1);
	ts[1] = jh_funnel_next();
	ts[2] = jh_funnel_tests();
	ts[3] = jh_cohort();
	ts[4] = jh_pyramid();
	ts[5] = jh_transitions();
	ts[6] = jh_paths();
	ts[7] = jh_touchpoints();
	for (k = 0;; k++) {
		int rc;
		oom_arm(k);
		rc = cxm_journey_render_html(&out, (const cxm_table *const *)ts, 8, NULL);
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
	for (i = 0; i < 8; i++)
		cxm_table_free(ts[i]);
}
END_TEST

static Suite *journey_html_suite(void)
{
	Suite *s = suite_create("journey_html");
	TCase *tc = tcase_create("html");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, funnel_bars);
	tcase_add_test(tc, funnel_groups);
	tcase_add_test(tc, funnel_many_groups);
	tcase_add_test(tc, cohort_heat_map);
	tcase_add_test(tc, pyramid_levels);
	tcase_add_test(tc, all_kinds);
	tcase_add_test(tc, no_rows);
	tcase_add_test(tc, long_labels);
	tcase_add_test(tc, errors);
	tcase_add_test(tc, ambiguous_rows);
	tcase_add_test(tc, c_locale_numbers);
	tcase_add_test(tc, out_of_memory);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(journey_html_suite)
