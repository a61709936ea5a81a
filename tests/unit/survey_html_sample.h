/*
 * tests/unit/survey_html_sample.h - synthetic survey report tables in the
 * spec §18 schemas (CELLS, VS_REST, DRIVERS, THEMES), built with the public
 * cxm_table API, for the HTML renderer's tests (test_report_html.c and
 * tests/render/render_survey_sample.c). The numbers are made up; what the
 * tests check is where they go, not what a report would compute.
 *
 * CELLS: group column "channel" with five groups - "(all)", a name with
 * every HTML-special character and a non-ASCII letter (SAMPLE_ODD), "chat",
 * "email", "web" - times four months (or one period "" without time) times
 * the metrics nps and csat. Suppressed: (web, month 2, nps and csat) and
 * (email, month 4, nps). Significant changes: (chat, month 3, nps) up and
 * (email, month 2, csat) down; (chat, month 4, nps) has p_adjusted 0.2.
 *
 * Include from one .c file only (the functions are static).
 */
#ifndef CXM_TEST_SURVEY_HTML_SAMPLE_H
#define CXM_TEST_SURVEY_HTML_SAMPLE_H

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "cxmetrics.h"

#define SAMPLE_ODD "Caf\xC3\xA9 <b>&\"q\"'x'"
#define SAMPLE_ODD_ESCAPED "Caf\xC3\xA9 &lt;b&gt;&amp;&quot;q&quot;&#39;x&#39;"
#define SAMPLE_GROUPS 5
#define SAMPLE_PERIODS 4
#define SAMPLE_METRICS 2

static const char *const sample_groups[SAMPLE_GROUPS] = { "(all)", SAMPLE_ODD, "chat", "email", "web" };
static const char *const sample_periods[SAMPLE_PERIODS] = { "2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01" };
static const char *const sample_metrics[SAMPLE_METRICS] = { "nps", "csat" };

/* The series colours of the page (lib/report/svg.c, Okabe-Ito), in the order
 * the groups after the total get them; the total is black. */
static const char *const sample_colours[] = { "#0072B2", "#D55E00", "#009E73", "#E69F00" };

static int sample_suppressed(size_t g, size_t p, size_t m)
{
	return (g == 4 && p == 1) || (g == 3 && p == 3 && m == 0);
}

/* The score of a cell (made up): a level per group and metric, a slope per month. */
static double sample_score(size_t g, size_t p, size_t m)
{
	return m == 0 ? 10.0 + 8.0 * (double)g + 3.0 * (double)p : 60.0 + 5.0 * (double)g - 2.0 * (double)p;
}

/* CELLS with four months (with_time) or one period "" (without). */
static cxm_table *sample_cells(int with_time)
{
	enum { N = SAMPLE_GROUPS * SAMPLE_PERIODS * SAMPLE_METRICS };
	static const char *const numeric[] = { "n", "score", "lower", "upper", "change", "p_value", "p_adjusted",
					       "suppressed", "missing", "promoters", "passives", "detractors",
					       "wald_lower", "wald_upper" };
	const char *channel[N], *period[N], *metric[N];
	double col[14][N];
	size_t g, p, m, r = 0, np = with_time ? SAMPLE_PERIODS : 1, k;
	cxm_table *t = NULL;
	for (g = 0; g < SAMPLE_GROUPS; g++)
		for (p = 0; p < np; p++)
			for (m = 0; m < SAMPLE_METRICS; m++, r++) {
				double s = sample_score(g, p, m), half = m == 0 ? 9.0 : 6.0;
				int supp = with_time && sample_suppressed(g, p, m);
				channel[r] = sample_groups[g];
				period[r] = with_time ? sample_periods[p] : "";
				metric[r] = sample_metrics[m];
				col[0][r] = 40.0 + 10.0 * (double)g + (double)p;
				col[1][r] = s;
				col[2][r] = s - half;
				col[3][r] = s + half;
				col[4][r] = with_time && p > 0 ? s - sample_score(g, p - 1, m) : NAN;
				col[5][r] = with_time && p > 0 ? 0.3 : NAN;
				col[6][r] = with_time && p > 0 ? 0.6 : NAN;
				col[7][r] = supp;
				col[8][r] = 2.0;
				col[9][r] = m == 0 ? 40.0 + s / 2 : NAN;  /* promoters - detractors = s */
				col[10][r] = m == 0 ? 20.0 : NAN;
				col[11][r] = m == 0 ? 40.0 - s / 2 : NAN;
				col[12][r] = m == 0 ? s - half - 1 : NAN;
				col[13][r] = m == 0 ? s + half + 1 : NAN;
				if (supp)
					for (k = 0; k < 14; k++)
						if (k != 7)
							col[k][r] = NAN;
			}
	if (with_time) {
		/* (chat, month 3, nps): significant up; (email, month 2, csat): down; (chat, month 4, nps): not */
		size_t up = (2 * SAMPLE_PERIODS + 2) * SAMPLE_METRICS + 0, down = (3 * SAMPLE_PERIODS + 1) * SAMPLE_METRICS + 1,
		       not_sig = (2 * SAMPLE_PERIODS + 3) * SAMPLE_METRICS + 0;
		col[5][up] = 0.0001;
		col[6][up] = 0.0004;
		col[5][down] = 0.002;
		col[6][down] = 0.01;
		col[5][not_sig] = 0.05;
		col[6][not_sig] = 0.2;
	}
	if (cxm_table_new(&t) != CXM_OK || cxm_table_add_texts(t, "channel", channel, r) != CXM_OK ||
	    cxm_table_add_texts(t, "period", period, r) != CXM_OK || cxm_table_add_texts(t, "metric", metric, r) != CXM_OK)
		goto fail;
	for (k = 0; k < 14; k++)
		if (cxm_table_add_numbers(t, numeric[k], col[k], r) != CXM_OK)
			goto fail;
	if (cxm_table_set_attr_number(t, "rows", 1234) != CXM_OK || cxm_table_set_attr_number(t, "rows_skipped", 7) != CXM_OK ||
	    cxm_table_set_attr_number(t, "skipped_ragged", 3) != CXM_OK ||
	    cxm_table_set_attr_number(t, "skipped_invalid_utf8", 0) != CXM_OK ||
	    cxm_table_set_attr_number(t, "skipped_off_scale", 4) != CXM_OK ||
	    cxm_table_set_attr_number(t, "min_n", 30) != CXM_OK || cxm_table_set_attr_number(t, "conf", 0.95) != CXM_OK ||
	    cxm_table_set_attr_text(t, "adjust", "holm") != CXM_OK ||
	    cxm_table_set_attr_text(t, "file", "survey <2024>.csv") != CXM_OK)
		goto fail;
	return t;
fail:
	cxm_table_free(t);
	return NULL;
}

/* VS_REST of the four groups in month 4, nps: chat significantly above the rest. */
static cxm_table *sample_vs_rest(void)
{
	static const char *const numeric[] = { "n", "score", "rest_n", "rest_score", "diff", "p_value", "p_adjusted",
					       "suppressed" };
	const char *channel[4], *period[4], *metric[4];
	double col[8][4];
	size_t g, k;
	cxm_table *t = NULL;
	for (g = 0; g < 4; g++) {
		channel[g] = sample_groups[g + 1];
		period[g] = sample_periods[3];
		metric[g] = "nps";
		col[0][g] = 50.0 + (double)g;
		col[1][g] = sample_score(g + 1, 3, 0);
		col[2][g] = 150.0;
		col[3][g] = 30.0;
		col[4][g] = col[1][g] - 30.0;
		col[5][g] = g == 1 ? 0.0002 : 0.4;
		col[6][g] = g == 1 ? 0.0008 : 0.8;
		col[7][g] = g == 2; /* email is suppressed in month 4 */
		if (g == 2)
			for (k = 0; k < 7; k++)
				col[k][g] = NAN;
	}
	if (cxm_table_new(&t) != CXM_OK || cxm_table_add_texts(t, "channel", channel, 4) != CXM_OK ||
	    cxm_table_add_texts(t, "period", period, 4) != CXM_OK || cxm_table_add_texts(t, "metric", metric, 4) != CXM_OK)
		goto fail;
	for (k = 0; k < 8; k++)
		if (cxm_table_add_numbers(t, numeric[k], col[k], 4) != CXM_OK)
			goto fail;
	return t;
fail:
	cxm_table_free(t);
	return NULL;
}

/* DRIVERS: three drivers, one categorical. */
static cxm_table *sample_drivers(void)
{
	static const char *const numeric[] = { "correlation", "relative_weight", "rw_lower", "rw_upper", "rw_share",
					       "shapley", "shapley_lower", "shapley_upper", "shapley_share" };
	static const char *const driver[3] = { "speed", "friendliness", "plan <tier>" };
	static const char *const kind[3] = { "numeric", "numeric", "categorical" };
	static const double col[9][3] = {
		{ 0.6, 0.4, 0.3 }, { 0.2, 0.1, 0.05 }, { 0.15, 0.06, 0.02 }, { 0.25, 0.14, 0.08 },
		{ 57.142857142857146, 28.571428571428573, 14.285714285714286 },
		{ 0.19, 0.11, 0.05 }, { 0.14, 0.07, 0.02 }, { 0.24, 0.15, 0.08 },
		{ 54.285714285714285, 31.428571428571427, 14.285714285714286 }
	};
	size_t k;
	cxm_table *t = NULL;
	if (cxm_table_new(&t) != CXM_OK || cxm_table_add_texts(t, "driver", driver, 3) != CXM_OK ||
	    cxm_table_add_texts(t, "kind", kind, 3) != CXM_OK)
		goto fail;
	for (k = 0; k < 9; k++)
		if (cxm_table_add_numbers(t, numeric[k], col[k], 3) != CXM_OK)
			goto fail;
	if (cxm_table_set_attr_number(t, "r2", 0.35) != CXM_OK || cxm_table_set_attr_number(t, "n", 500) != CXM_OK ||
	    cxm_table_set_attr_text(t, "outcome", "nps") != CXM_OK)
		goto fail;
	return t;
fail:
	cxm_table_free(t);
	return NULL;
}

/* THEMES: three themes for the total of month 4 and one for chat. */
static cxm_table *sample_themes(void)
{
	static const char *const numeric[] = { "comments", "mentions", "share", "score_mentioned", "score_other", "diff",
					       "p_value", "p_adjusted", "suppressed" };
	static const char *const channel[4] = { "(all)", "(all)", "(all)", "chat" };
	static const char *const period[4] = { "2024-04-01", "2024-04-01", "2024-04-01", "2024-04-01" };
	static const char *const theme[4] = { "price", "delivery & returns", "staff", "price" };
	static const char *const metric[4] = { "nps", "nps", "nps", "nps" };
	static const double col[9][4] = {
		{ 400, 400, 400, 80 }, { 120, 60, 5, 30 }, { 30, 15, 1.25, 37.5 }, { -20, 10, NAN, -5 },
		{ 35, 22, NAN, 40 }, { -55, -12, NAN, -45 }, { 1e-6, 0.3, NAN, 0.01 }, { 3e-6, 0.6, NAN, 0.03 },
		{ 0, 0, 1, 0 }
	};
	size_t k;
	cxm_table *t = NULL;
	if (cxm_table_new(&t) != CXM_OK || cxm_table_add_texts(t, "channel", channel, 4) != CXM_OK ||
	    cxm_table_add_texts(t, "period", period, 4) != CXM_OK || cxm_table_add_texts(t, "theme", theme, 4) != CXM_OK ||
	    cxm_table_add_numbers(t, numeric[0], col[0], 4) != CXM_OK ||
	    cxm_table_add_numbers(t, numeric[1], col[1], 4) != CXM_OK ||
	    cxm_table_add_numbers(t, numeric[2], col[2], 4) != CXM_OK || cxm_table_add_texts(t, "metric", metric, 4) != CXM_OK)
		goto fail;
	for (k = 3; k < 9; k++)
		if (cxm_table_add_numbers(t, numeric[k], col[k], 4) != CXM_OK)
			goto fail;
	return t;
fail:
	cxm_table_free(t);
	return NULL;
}

#endif
