/*
 * lib/report/journey_pyramid.c - the CX pyramid of the journey page (spec
 * §26.4), from the PYRAMID table of cxm_survey_report_pyramid (spec §25):
 * per group (the "(all)" total first, then the groups in table order, at
 * most CXM__JOURNEY_MAX_SERIES), at the latest period, a pyramid of three
 * stacked bands, "meets needs" (level 1) at the base, "easy" (level 2),
 * "enjoyable" (level 3) at the top. Each band is the slice of a full grey
 * pyramid (100 %), filled from its centre to the level's share of
 * respondents, so the filled area narrows as customers fail to climb; the
 * % is written beside each band, and the CXi with its interval, n and the
 * three question scores under the pyramid. A suppressed cell (fewer
 * respondents than min_n) draws the outline only, dashed, and says so.
 */
#include <math.h>
#include <string.h>
#include "internal.h"
#include "journey_internal.h"
#include "svg.h"

#define TW 900
#define PER_ROW 3
#define CELL_W 300.0
#define CELL_H 178.0
#define BASE 170.0   /* the pyramid's base width */
#define TOP 20.0     /* its top width: a flat top leaves room for the level-3 band */
#define BAND 28.0    /* a level's height */

/* Level colours (Okabe & Ito): sky blue, blue, bluish green, in climbing order. */
static const char *const level_fill[3] = { "#56B4E9", "#0072B2", "#009E73" };
static const char *const level_name[3] = { "meets needs", "easy", "enjoyable" };
static const char *const level_col[3] = { "level1", "level2", "level3" };

typedef struct pyr_cols {
	size_t period, n, cxi, lower, upper, needs, ease, emotion, level[3], supp;
} pyr_cols;

static int find_columns(pyr_cols *c, const cxm__jt *jt)
{
	int rc, k;
	if ((rc = cxm__journey_need(&c->period, jt, "period", CXM__JOURNEY_LABEL)) < 0 ||
	    (rc = cxm__journey_need(&c->n, jt, "n", CXM_TABLE_NUMBER)) < 0 ||
	    (rc = cxm__journey_need(&c->cxi, jt, "cxi", CXM_TABLE_NUMBER)) < 0 ||
	    (rc = cxm__journey_need(&c->needs, jt, "needs", CXM_TABLE_NUMBER)) < 0 ||
	    (rc = cxm__journey_need(&c->ease, jt, "ease", CXM_TABLE_NUMBER)) < 0 ||
	    (rc = cxm__journey_need(&c->emotion, jt, "emotion", CXM_TABLE_NUMBER)) < 0)
		return rc;
	for (k = 0; k < 3; k++)
		if ((rc = cxm__journey_need(&c->level[k], jt, level_col[k], CXM_TABLE_NUMBER)) < 0)
			return rc;
	if ((rc = cxm__journey_want(&c->lower, jt, "cxi_lower", CXM_TABLE_NUMBER)) < 0 ||
	    (rc = cxm__journey_want(&c->upper, jt, "cxi_upper", CXM_TABLE_NUMBER)) < 0)
		return rc;
	return cxm__journey_want(&c->supp, jt, "suppressed", CXM_TABLE_NUMBER);
}

static double num(const cxm_table *t, size_t c, size_t r)
{
	return c == SIZE_MAX ? NAN : cxm_table_numbers(t, c)[r];
}

/* Period labels compare as texts (bytewise: "2024-01" < "2024-02"; the
 * survey report's period words sort so) or as day numbers. */
static int cmp_period(const cxm_table *t, size_t c, size_t x, size_t y)
{
	int type = CXM_TABLE_TEXT;
	cxm_table_column_type(&type, t, c);
	if (type == CXM_TABLE_TEXT)
		return strcmp(cxm_table_texts(t, c)[x], cxm_table_texts(t, c)[y]);
	return (cxm_table_numbers(t, c)[x] > cxm_table_numbers(t, c)[y]) - (cxm_table_numbers(t, c)[x] < cxm_table_numbers(t, c)[y]);
}

/* The half-width of the grey pyramid at height h above the base (0..3 BAND). */
static double half_at(double h)
{
	return (BASE - (BASE - TOP) * h / (3 * BAND)) / 2;
}

static void pyramid(cxm__buf *b, const cxm__jt *jt, const pyr_cols *c, const cxm__jgroups *g, size_t slot,
		    size_t pos, size_t r)
{
	const cxm_table *t = jt->t;
	double ox = CELL_W * (double)(pos % PER_ROW), oy = CELL_H * (double)(pos / PER_ROW), cx = ox + 95;
	double base_y = oy + 24 + 3 * BAND;
	int supp = !isnan(num(t, c->supp, r)) && num(t, c->supp, r) != 0.0, k;
	cxm__buf_printf(b, "<g class=\"cxj-pyramid\" data-group=\"%zu\"><text class=\"cxs-lab\" x=\"%.1f\" y=\"%.1f\" "
			"text-anchor=\"middle\">", slot, cx, oy + 14);
	cxm__jgroups_name(b, g, t, g->drawn[slot], 44); /* a pyramid's width */
	cxm__buf_puts(b, "</text>\n");
	for (k = 0; k < 3; k++) {
		double y0 = base_y - BAND * k, y1 = y0 - BAND, w0 = half_at(BAND * k), w1 = half_at(BAND * (k + 1));
		double level = num(t, c->level[k], r), f = isfinite(level) ? level / 100.0 : 0.0;
		f = f < 0 ? 0 : f > 1 ? 1 : f;
		/* the full band (100 %), then its filled part, scaled from the centre */
		cxm__buf_printf(b, "<polygon class=\"cxj-band\" points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f\" "
				"fill=\"#f4f5f7\" stroke=\"#9aa5b1\"%s/>", cx - w0, y0, cx + w0, y0, cx + w1, y1, cx - w1, y1,
				supp ? " stroke-dasharray=\"4 3\"" : "");
		if (!supp && f > 0)
			cxm__buf_printf(b, "<polygon class=\"cxj-level\" data-level=\"%d\" points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f "
					"%.1f,%.1f\" fill=\"%s\"><title>level %d (%s): ", k + 1, cx - w0 * f, y0, cx + w0 * f, y0,
					cx + w1 * f, y1, cx - w1 * f, y1, level_fill[k], k + 1, level_name[k]);
		if (!supp && f > 0) {
			cxm__page_value(b, level);
			cxm__buf_puts(b, "%</title></polygon>");
		}
		cxm__buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\">%s ", cx + half_at(BAND * (k + 0.5)) + 6,
				y0 - BAND / 2 + 4, level_name[k]);
		if (supp)
			cxm__buf_puts(b, "&#8211;");
		else {
			cxm__page_value(b, level);
			cxm__buf_puts(b, "%");
		}
		cxm__buf_puts(b, "</text>\n");
	}
	cxm__buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", cx, base_y + 18);
	if (supp) {
		cxm__buf_puts(b, "suppressed (n &lt; min_n)</text>");
	} else {
		cxm__buf_puts(b, "CXi ");
		cxm__page_value(b, num(t, c->cxi, r));
		if (c->lower != SIZE_MAX && c->upper != SIZE_MAX) {
			cxm__buf_puts(b, " [");
			cxm__page_value(b, num(t, c->lower, r));
			cxm__buf_puts(b, ", ");
			cxm__page_value(b, num(t, c->upper, r));
			cxm__buf_puts(b, "]");
		}
		cxm__buf_puts(b, " &#183; n ");
		cxm__page_value(b, num(t, c->n, r));
		cxm__buf_printf(b, "</text><text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">needs ", cx, base_y + 34);
		cxm__page_value(b, num(t, c->needs, r));
		cxm__buf_puts(b, " &#183; ease ");
		cxm__page_value(b, num(t, c->ease, r));
		cxm__buf_puts(b, " &#183; emotion ");
		cxm__page_value(b, num(t, c->emotion, r));
		cxm__buf_puts(b, "</text>");
	}
	cxm__buf_puts(b, "</g>\n");
}

int cxm__journey_pyramid(cxm__buf *b, const cxm__jt *jt)
{
	pyr_cols c;
	cxm__jgroups g;
	size_t n_gcols, rows = cxm_table_rows(jt->t), latest = 0, i, slot, at[CXM__JOURNEY_MAX_SERIES];
	int rc, k;
	double high = cxm__journey_attr_number(jt->t, "high"), low = cxm__journey_attr_number(jt->t, "low");
	double min_n = cxm__journey_attr_number(jt->t, "min_n");
	if ((rc = find_columns(&c, jt)) < 0 || (rc = cxm__journey_group_columns(&n_gcols, jt, c.period)) < 0 ||
	    (rc = cxm__jgroups_init(&g, jt->t, n_gcols)) < 0)
		return rc;
	for (i = 1; i < rows; i++)
		if (cmp_period(jt->t, c.period, i, latest) > 0)
			latest = i;
	/* each drawn group's row at the latest period (none: that group is not drawn) */
	for (slot = 0; slot < g.n_drawn; slot++)
		at[slot] = SIZE_MAX;
	for (i = 0; i < rows; i++) {
		if (cmp_period(jt->t, c.period, i, latest) != 0)
			continue;
		for (slot = 0; slot < g.n_drawn; slot++)
			if (g.drawn[slot] == g.of_row[i] && at[slot] == SIZE_MAX)
				at[slot] = i;
	}
	cxm__buf_puts(b, "<p class=\"cxs-note\">Level 1: respondents whose needs answer is high");
	if (!isnan(high)) {
		cxm__buf_puts(b, " (&#8805; ");
		cxm__page_value(b, high);
		cxm__buf_puts(b, ")");
	}
	cxm__buf_puts(b, "; level 2: also easy; level 3: also enjoyable (% of the respondents who answered all three). "
			 "CXi: the mean of the three question scores (% high &#8722; % low");
	if (!isnan(low)) {
		cxm__buf_puts(b, ", low &#8804; ");
		cxm__page_value(b, low);
	}
	cxm__buf_puts(b, ").");
	if (rows > 0) {
		int type = CXM_TABLE_TEXT;
		cxm_table_column_type(&type, jt->t, c.period);
		if (type != CXM_TABLE_TEXT || cxm_table_texts(jt->t, c.period)[latest][0]) {
			cxm__buf_puts(b, " Latest period: ");
			cxm__journey_label(b, jt->t, c.period, latest);
			cxm__buf_puts(b, " (all periods are in the table).");
		}
	}
	if (!isnan(min_n)) {
		cxm__buf_puts(b, " Cells with fewer than ");
		cxm__page_value(b, min_n);
		cxm__buf_puts(b, " respondents are suppressed.");
	}
	cxm__buf_puts(b, "</p>\n");
	if (g.n > g.n_drawn)
		cxm__buf_printf(b, "<p class=\"cxs-note\">The chart draws %zu of the %zu groups; all are in the table.</p>\n",
				g.n_drawn, g.n);
	if (rows > 0) {
		size_t shown = 0;
		for (slot = 0; slot < g.n_drawn; slot++)
			shown += at[slot] != SIZE_MAX;
		cxm__buf_puts(b, "<figure class=\"cxs-fig\">");
		cxm__svg_open(b, TW, (int)(CELL_H * (double)((shown + PER_ROW - 1) / PER_ROW)),
			      "the CX pyramid: the share of respondents reaching each level");
		for (slot = 0, i = 0; slot < g.n_drawn; slot++)
			if (at[slot] != SIZE_MAX)
				pyramid(b, jt, &c, &g, slot, i++, at[slot]);
		cxm__svg_close(b);
		cxm__buf_puts(b, "<div class=\"cxs-legend\">");
		for (k = 0; k < 3; k++)
			cxm__buf_printf(b, "<span class=\"cxs-key\"><i class=\"cxs-box\" style=\"background:%s\"></i>level %d: %s"
					"</span>", level_fill[k], k + 1, level_name[k]);
		cxm__buf_puts(b, "</div></figure>\n");
	}
	cxm__journey_table(b, jt->t, n_gcols);
	cxm__jgroups_free(&g);
	return CXM_OK;
}
