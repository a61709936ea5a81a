/*
 * tests/unit/journey_html_sample.h - journey tables in the schemas of the
 * issue-13 design (spec §22-§25), built by hand with the public cxm_table
 * API, for the journey page's tests (test_journey_html.c and
 * tests/render/render_journey_sample.c). The numbers are made up but
 * consistent (a 1000 -> 400 -> 100 funnel, Wilson bounds of 400/1000 and
 * 100/400 at 95 % worked with the textbook formula); what the tests check is
 * where they go on the page.
 *
 * FUNNEL: steps view, cart, purchase (JH_ODD as the cart event's name in
 * the odd variant); grouped: channel "(all)", "ads", "email" (email's funnel
 * 1000 -> 500 -> 250). COHORT: monthly cohorts 2024-01-01 (100 customers;
 * retention 100, 40, 25), 2024-02-01 (50; 100, 20), 2024-03-01 (20; 100).
 * PYRAMID: region "(all)", "north", "south" x periods 2024-01, 2024-02;
 * south is suppressed in 2024-02.
 *
 * Include from one .c file only (the functions are static inline: a
 * program may use some of them).
 */
#ifndef CXM_TEST_JOURNEY_HTML_SAMPLE_H
#define CXM_TEST_JOURNEY_HTML_SAMPLE_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cxmetrics.h"

#define JH_ODD "<script>alert('x')</script> & \"co\""
#define JH_ODD_ESCAPED "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;"

/* Wilson 95 % bounds (z = 1.959963984540054): 1000/1000, 400/1000, 100/400, 500/1000, 250/500. */
#define JH_W1_LO 99.61732415144449
#define JH_W2_LO 37.00747812113773
#define JH_W2_HI 43.06905704857338
#define JH_W3_LO 21.00790142364741
#define JH_W3_HI 29.467713293067412

/* Add a NUMBER column; on failure free t and set it NULL. */
static inline void jh_num(cxm_table **t, const char *name, const double *x, size_t n)
{
	if (*t && cxm_table_add_numbers(*t, name, x, n) != CXM_OK) {
		cxm_table_free(*t);
		*t = NULL;
	}
}

static inline void jh_text(cxm_table **t, const char *name, const char *const *x, size_t n)
{
	if (*t && cxm_table_add_texts(*t, name, x, n) != CXM_OK) {
		cxm_table_free(*t);
		*t = NULL;
	}
}

static inline void jh_attr(cxm_table **t, const char *name, const char *text)
{
	if (*t && cxm_table_set_attr_text(*t, name, text) != CXM_OK) {
		cxm_table_free(*t);
		*t = NULL;
	}
}

static inline void jh_attr_num(cxm_table **t, const char *name, double x)
{
	if (*t && cxm_table_set_attr_number(*t, name, x) != CXM_OK) {
		cxm_table_free(*t);
		*t = NULL;
	}
}

static inline cxm_table *jh_new(void)
{
	cxm_table *t = NULL;
	return cxm_table_new(&t) == CXM_OK ? t : NULL;
}

/* The STEPS table: ungrouped (grouped 0) or by channel (1); `odd`: the cart
 * event is named JH_ODD. */
static inline cxm_table *jh_funnel(int grouped, int odd)
{
	enum { K = 3 };
	static const double one[][12] = {
		/* customers, conversion, lower, upper, drop_off, overall, mean, median, p90 */
		{ 1000, 100, JH_W1_LO, 100, 60, 100, 4000, 3600, 9000 },
		{ 400, 40, JH_W2_LO, JH_W2_HI, 75, 40, 8000, 7200, 20000 },
		{ 100, 25, JH_W3_LO, JH_W3_HI, NAN, 10, NAN, NAN, NAN },
	};
	static const double email[][12] = {
		{ 1000, 100, JH_W1_LO, 100, 50, 100, 100, 90, 200 },
		{ 500, 50, 46.9, 53.1, 50, 50, 100, 90, 200 },
		{ 250, 50, 45.6, 54.4, NAN, 25, NAN, NAN, NAN },
	};
	static const char *const names[] = { "customers", "conversion", "lower", "upper", "drop_off", "overall",
					     "mean_seconds_to_next", "median_seconds_to_next", "p90_seconds_to_next" };
	size_t groups = grouped ? 3 : 1, n = groups * K, g, s, k;
	const char *channel[9], *event[9];
	double step[9], col[9][9];
	cxm_table *t = jh_new();
	for (g = 0; g < groups; g++)
		for (s = 0; s < K; s++) {
			size_t r = g * K + s;
			channel[r] = g == 0 ? "(all)" : g == 1 ? "ads" : "email";
			event[r] = s == 0 ? "view" : s == 1 ? (odd ? JH_ODD : "cart") : "purchase";
			step[r] = (double)(s + 1);
			for (k = 0; k < 9; k++)
				col[k][r] = (grouped && g == 2 ? email : one)[s][k];
		}
	if (grouped)
		jh_text(&t, "channel", channel, n);
	jh_num(&t, "step", step, n);
	jh_text(&t, "event", event, n);
	for (k = 0; k < 9; k++)
		jh_num(&t, names[k], col[k], n);
	jh_attr(&t, "kind", "funnel");
	jh_attr(&t, "mode", "ordered");
	jh_attr_num(&t, "window_seconds", 7 * 86400.0);
	jh_attr_num(&t, "conf", 0.95);
	jh_attr_num(&t, "customers_in_log", 1500);
	return t;
}

/* A STEPS table by channel with `groups` groups ("(all)", "g01", ...), 2 steps each. */
static inline cxm_table *jh_funnel_many(size_t groups)
{
	static const char *const names[] = { "customers", "conversion", "lower", "upper", "drop_off", "overall" };
	const char **channel = malloc(2 * groups * sizeof *channel), **event = malloc(2 * groups * sizeof *event);
	char (*label)[8] = malloc(groups * sizeof *label);
	double *col[7];
	size_t g, k, n = 2 * groups;
	cxm_table *t = jh_new();
	for (k = 0; k < 7; k++)
		col[k] = malloc(n * sizeof **col);
	for (g = 0; g < groups; g++) {
		snprintf(label[g], sizeof label[g], "g%02zu", g);
		for (k = 0; k < 2; k++) {
			size_t r = 2 * g + k;
			channel[r] = g == 0 ? "(all)" : label[g];
			event[r] = k ? "buy" : "view";
			col[6][r] = (double)(k + 1);
			col[0][r] = k ? 50 : 100;
			col[1][r] = k ? 50 : 100;
			col[2][r] = k ? 40 : 96;
			col[3][r] = k ? 60 : 100;
			col[4][r] = k ? NAN : 50;
			col[5][r] = k ? 50 : 100;
		}
	}
	jh_text(&t, "channel", channel, n);
	jh_num(&t, "step", col[6], n);
	jh_text(&t, "event", event, n);
	for (k = 0; k < 6; k++)
		jh_num(&t, names[k], col[k], n);
	jh_attr(&t, "kind", "funnel");
	for (k = 0; k < 7; k++)
		free(col[k]);
	free(channel);
	free(event);
	free(label);
	return t;
}

static inline cxm_table *jh_funnel_next(void)
{
	static const double step[] = { 1, 1, 2 }, customers[] = { 400, 200, 300 }, share[] = { 66.66666666666667,
		33.333333333333336, 100 };
	static const char *const event[] = { "view", "view", "cart" }, *const next[] = { "(end)", JH_ODD, "(end)" };
	cxm_table *t = jh_new();
	jh_num(&t, "step", step, 3);
	jh_text(&t, "event", event, 3);
	jh_text(&t, "next_event", next, 3);
	jh_num(&t, "customers", customers, 3);
	jh_num(&t, "share", share, 3);
	jh_attr(&t, "kind", "funnel_next");
	return t;
}

static inline cxm_table *jh_funnel_tests(void)
{
	static const char *const channel[] = { "ads", "ads", "email", "email" };
	static const char *const event[] = { "cart", "purchase", "cart", "purchase" };
	static const double step[] = { 2, 3, 2, 3 }, customers[] = { 1000, 400, 1000, 500 },
			    conversion[] = { 40, 25, 50, 50 }, rest_customers[] = { 1000, 500, 1000, 400 },
			    rest_conversion[] = { 50, 50, 40, 25 }, diff[] = { -10, -25, 10, 25 },
			    p[] = { 7.4e-6, 1.2e-14, 7.4e-6, 1.2e-14 }, padj[] = { 1.48e-5, 4.8e-14, 1.48e-5, 4.8e-14 };
	cxm_table *t = jh_new();
	jh_text(&t, "channel", channel, 4);
	jh_num(&t, "step", step, 4);
	jh_text(&t, "event", event, 4);
	jh_num(&t, "customers", customers, 4);
	jh_num(&t, "conversion", conversion, 4);
	jh_num(&t, "rest_customers", rest_customers, 4);
	jh_num(&t, "rest_conversion", rest_conversion, 4);
	jh_num(&t, "diff", diff, 4);
	jh_num(&t, "p_value", p, 4);
	jh_num(&t, "p_adjusted", padj, 4);
	jh_attr(&t, "kind", "funnel_tests");
	jh_attr(&t, "adjust", "holm");
	return t;
}

/* Day numbers (days since 1970-01-01) of 2024-01-01, 2024-02-01, 2024-03-01. */
#define JH_JAN 19723.0
#define JH_FEB 19754.0
#define JH_MAR 19783.0

static inline cxm_table *jh_cohort(void)
{
	enum { N = 6 };
	static const double cohort[N] = { JH_JAN, JH_JAN, JH_JAN, JH_FEB, JH_FEB, JH_MAR };
	static const double period[N] = { 0, 1, 2, 0, 1, 0 }, customers[N] = { 100, 100, 100, 50, 50, 20 },
			    active[N] = { 100, 40, 25, 50, 10, 20 }, retention[N] = { 100, 40, 25, 100, 20, 100 },
			    revenue[N] = { 1000, 500, 300, 400, 100, 150 }, rpc[N] = { 10, 5, 3, 8, 2, 7.5 },
			    cum[N] = { 10, 15, 18, 8, 10, 7.5 }, churn[N] = { NAN, 60, 37.5, NAN, 80, NAN },
			    pret[N] = { NAN, 40, 62.5, NAN, 20, NAN };
	cxm_table *t = jh_new();
	if (t && cxm_table_add_days(t, "cohort", cohort, N) != CXM_OK) {
		cxm_table_free(t);
		t = NULL;
	}
	jh_num(&t, "period", period, N);
	jh_num(&t, "customers", customers, N);
	jh_num(&t, "active", active, N);
	jh_num(&t, "retention", retention, N);
	jh_num(&t, "revenue", revenue, N);
	jh_num(&t, "revenue_per_customer", rpc, N);
	jh_num(&t, "cumulative_revenue_per_customer", cum, N);
	jh_num(&t, "churn", churn, N);
	jh_num(&t, "period_retention", pret, N);
	jh_attr(&t, "kind", "cohort");
	jh_attr(&t, "every", "month");
	jh_attr(&t, "amount", "amount");
	return t;
}

/* PYRAMID: rows (all)/north/south x 2024-01/2024-02; the 2024-02 levels are
 * (all) 60/35/20, north 70/50/30, south suppressed. */
static inline cxm_table *jh_pyramid(void)
{
	enum { N = 6 };
	static const char *const region[N] = { "(all)", "(all)", "north", "north", "south", "south" };
	static const char *const period[N] = { "2024-01", "2024-02", "2024-01", "2024-02", "2024-01", "2024-02" };
	static const double n[N] = { 200, 220, 120, 200, 80, 20 }, cxi[N] = { 10, 12.5, 15, 20, 5, NAN },
			    lo[N] = { 2, 4.5, 5, 11, -8, NAN }, hi[N] = { 18, 20.5, 25, 29, 18, NAN },
			    needs[N] = { 30, 32, 35, 40, 20, NAN }, ease[N] = { 5, 8, 10, 15, 0, NAN },
			    emotion[N] = { -5, -2.5, 0, 5, -5, NAN }, l1[N] = { 55, 60, 65, 70, 40, NAN },
			    l2[N] = { 30, 35, 40, 50, 20, NAN }, l3[N] = { 15, 20, 25, 30, 10, NAN },
			    supp[N] = { 0, 0, 0, 0, 0, 1 };
	cxm_table *t = jh_new();
	jh_text(&t, "region", region, N);
	jh_text(&t, "period", period, N);
	jh_num(&t, "n", n, N);
	jh_num(&t, "cxi", cxi, N);
	jh_num(&t, "cxi_lower", lo, N);
	jh_num(&t, "cxi_upper", hi, N);
	jh_num(&t, "needs", needs, N);
	jh_num(&t, "ease", ease, N);
	jh_num(&t, "emotion", emotion, N);
	jh_num(&t, "level1", l1, N);
	jh_num(&t, "level2", l2, N);
	jh_num(&t, "level3", l3, N);
	jh_num(&t, "suppressed", supp, N);
	jh_attr(&t, "kind", "pyramid");
	jh_attr_num(&t, "high", 4);
	jh_attr_num(&t, "low", 2);
	jh_attr_num(&t, "min_n", 30);
	return t;
}

static inline cxm_table *jh_transitions(void)
{
	static const char *const from[] = { "cart", "view", "view" }, *const to[] = { "purchase", "cart", "view" };
	static const double count[] = { 100, 400, 50 }, prob[] = { 100, 88.88888888888889, 11.11111111111111 },
			    median[] = { 7200, 3600, 60 };
	cxm_table *t = jh_new();
	jh_text(&t, "from", from, 3);
	jh_text(&t, "to", to, 3);
	jh_num(&t, "count", count, 3);
	jh_num(&t, "probability", prob, 3);
	jh_num(&t, "median_seconds", median, 3);
	jh_attr(&t, "kind", "transitions");
	return t;
}

static inline cxm_table *jh_paths(void)
{
	static const char *const path[] = { "view > cart > purchase", "view > (end)" };
	static const double rank[] = { 1, 2 }, customers[] = { 100, 600 }, share[] = { 10, 60 };
	cxm_table *t = jh_new();
	jh_num(&t, "rank", rank, 2);
	jh_text(&t, "path", path, 2);
	jh_num(&t, "customers", customers, 2);
	jh_num(&t, "share", share, 2);
	jh_attr(&t, "kind", "paths");
	return t;
}

static inline cxm_table *jh_touchpoints(void)
{
	static const char *const tp[] = { "view", "checkout" };
	static const double rank[] = { 1, 2 }, events[] = { 2000, 120 }, customers[] = { 1000, 100 },
			    exits[] = { 600, 40 }, drop[] = { 60, 40 }, csat[] = { NAN, 70 }, friction[] = { 60, 35 };
	cxm_table *t = jh_new();
	jh_num(&t, "rank", rank, 2);
	jh_text(&t, "touchpoint", tp, 2);
	jh_num(&t, "events", events, 2);
	jh_num(&t, "customers", customers, 2);
	jh_num(&t, "exits", exits, 2);
	jh_num(&t, "drop_off", drop, 2);
	jh_num(&t, "csat", csat, 2);
	jh_num(&t, "friction", friction, 2);
	jh_attr(&t, "kind", "touchpoints");
	return t;
}

#endif
