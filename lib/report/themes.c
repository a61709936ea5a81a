/*
 * lib/report/themes.c - the THEMES table of the survey report (spec §18.7,
 * §20): per cell and theme, the comments, the mentions, their share, and
 * the NPS (else % satisfied) of the mentioners against the other
 * commenters, from the cell's histograms (rows.c counted them through
 * cxm_themes_match); the test as the themes module's (NPS §1.6
 * cxm_nps_compare, CSAT cxm_two_proportion_test), p-values adjusted over
 * the table as one family; privacy as the cells'.
 */
#include <math.h>
#include <string.h>
#include "cells.h"
#include "io/io_internal.h"
#include "scores/scores_internal.h"

typedef struct side {
	double n, x, score;           /* answers, satisfied (csat), score */
	double p, pa, d;              /* nps counts */
} side;

static void score_of(side *s, const cxm_survey_report *r, const uint64_t *h, int threshold)
{
	const cxm__item *it = &r->items[r->theme_item];
	const cxm__metric_cfg *m = &r->m[it->metric];
	size_t i;
	memset(s, 0, sizeof *s);
	for (i = 0; i < r->theme_points; i++) {
		int v = m->lo + (int)i;
		double c = (double)h[i];
		s->n += c;
		if (v >= threshold)
			s->x += c;
		if (v >= CXM__NPS_PROMOTER_MIN)
			s->p += c;
		else if (v <= CXM__NPS_DETRACTOR_MAX)
			s->d += c;
		else
			s->pa += c;
	}
	if (s->n == 0)
		s->score = NAN;
	else if (it->metric == CXM_SURVEY_NPS)
		s->score = 100.0 * (s->p - s->d) / s->n;
	else
		s->score = 100.0 * s->x / s->n;
}

static double p_of(const cxm_survey_report *r, const side *a, const side *b)
{
	double p = NAN;
	if (a->n == 0 || b->n == 0)
		return NAN;
	if (r->items[r->theme_item].metric == CXM_SURVEY_NPS) {
		cxm_nps_comparison c = CXM_NPS_COMPARISON_INIT;
		if (cxm_nps_compare(&c, a->p, a->pa, a->d, b->p, b->pa, b->d, CXM_NPS_ADJUSTED_WALD, r->conf,
				    CXM_Z_FROM_CONF) == CXM_OK)
			p = c.p_value;
	} else {
		cxm_test_result t = CXM_TEST_RESULT_INIT;
		if (cxm_two_proportion_test(&t, a->x, a->n, b->x, b->n, r->conf) == CXM_OK)
			p = t.p_value;
	}
	if (isnan(p))
		cxm_error_clear();
	return p;
}

enum { COMMENTS, MENTIONS, SHARE, MENTIONED, OTHER, DIFF, P_VALUE, P_ADJ, SUPPRESSED, NUMS };
static const char *const num_names[NUMS] = { "comments", "mentions", "share", "score_mentioned", "score_other",
					     "diff", "p_value", "p_adjusted", "suppressed" };

int cxm__survey_themes(cxm_survey_report *r, const unsigned char *cell_suppressed)
{
	const cxm__item *it;
	const cxm__metric_cfg *m;
	size_t rows, c, t, i, g, T = r->n_themes, pts = r->theme_points;
	double *num[NUMS] = { NULL };
	const char **text = NULL;
	char *periods = NULL;
	uint64_t *other = NULL;
	cxm_table *tab = NULL;
	int threshold = 0, k, rc;
	if (T == 0)
		return CXM_OK;
	it = &r->items[r->theme_item];
	m = &r->m[it->metric];
	if (it->metric == CXM_SURVEY_CSAT && (rc = cxm__csat_threshold(&threshold, m->lo, m->hi, m->threshold)) < 0)
		return rc;
	rows = r->n_cells * T;
	for (k = 0; k < NUMS; k++)
		if ((rc = cxm__alloc_array(&num[k], rows + 1, sizeof(double), "survey report: themes")) < 0)
			goto done;
	if ((rc = cxm__alloc_array(&text, rows + 1, sizeof *text, "survey report: themes")) < 0 ||
	    (rc = cxm__alloc_array(&periods, r->n_cells + 1, CXM__DATE_MAX, "survey report: themes")) < 0 ||
	    (rc = cxm__alloc_array(&other, pts + 1, sizeof *other, "survey report: themes")) < 0 ||
	    (rc = cxm_table_new(&tab)) < 0)
		goto done;
	for (c = 0, i = 0; c < r->n_cells; c++) {
		const cxm__cell *cell = &r->cells[c];
		for (t = 0; t < T; t++, i++) {
			const uint64_t *all = cell->theme_counts, *men = cell->theme_counts + (1 + t) * pts;
			double comments = (double)cell->theme_n[0], mentions = (double)cell->theme_n[1 + t];
			side a, b;
			size_t q;
			int sup;
			for (q = 0; q < pts; q++)
				other[q] = all[q] - men[q];
			score_of(&a, r, men, threshold);
			score_of(&b, r, other, threshold);
			sup = r->g.n_groups + (r->g.time != NULL) > 0 &&
			      (cell_suppressed[c] || mentions < (double)r->g.min_n ||
			       comments - mentions < (double)r->g.min_n);
			num[COMMENTS][i] = comments;
			num[MENTIONS][i] = mentions;
			num[SHARE][i] = comments > 0 ? 100.0 * mentions / comments : NAN;
			num[MENTIONED][i] = a.score;
			num[OTHER][i] = b.score;
			num[DIFF][i] = a.score - b.score;
			num[P_VALUE][i] = p_of(r, &a, &b);
			num[SUPPRESSED][i] = sup;
			if (sup)
				for (k = 0; k < SUPPRESSED; k++)
					num[k][i] = NAN;
		}
	}
	if ((rc = cxm_p_adjust(num[P_ADJ], rows, num[P_VALUE], rows, r->g.adjust)) < 0)
		goto done;
	for (g = 0; g < r->g.n_groups; g++) {
		for (c = 0, i = 0; c < r->n_cells; c++)
			for (t = 0; t < T; t++)
				text[i++] = r->cells[c].group[g];
		if ((rc = cxm_table_add_texts(tab, r->g.group[g], text, rows)) < 0)
			goto done;
	}
	for (c = 0, i = 0; c < r->n_cells; c++) {
		char *s = periods + c * CXM__DATE_MAX;
		if (isnan(r->cells[c].period))
			s[0] = '\0';
		else
			cxm__date_format(s, r->cells[c].period);
		for (t = 0; t < T; t++)
			text[i++] = s;
	}
	if ((rc = cxm_table_add_texts(tab, "period", text, rows)) < 0)
		goto done;
	for (c = 0, i = 0; c < r->n_cells; c++)
		for (t = 0; t < T; t++)
			text[i++] = cxm_themes_name(r->g.themes, t);
	if ((rc = cxm_table_add_texts(tab, "theme", text, rows)) < 0)
		goto done;
	for (k = COMMENTS; k <= SHARE; k++)
		if ((rc = cxm_table_add_numbers(tab, num_names[k], num[k], rows)) < 0)
			goto done;
	for (i = 0; i < rows; i++)
		text[i] = it->metric == CXM_SURVEY_NPS ? "nps" : "csat";
	if ((rc = cxm_table_add_texts(tab, "metric", text, rows)) < 0)
		goto done;
	for (k = MENTIONED; k < NUMS; k++)
		if ((rc = cxm_table_add_numbers(tab, num_names[k], num[k], rows)) < 0)
			goto done;
	r->themes_table = tab;
	tab = NULL;
done:
	for (k = 0; k < NUMS; k++)
		cxm__free(num[k]);
	cxm__free(text);
	cxm__free(periods);
	cxm__free(other);
	cxm_table_free(tab);
	return rc;
}
