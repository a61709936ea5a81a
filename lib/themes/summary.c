/*
 * lib/themes/summary.c - per theme, how many comments mention it and how the
 * score of those who do differs from the other commenters' (spec §20.5).
 *
 * Which answer is a promoter or satisfied is asked of lib/scores once per
 * point of the scale (cxm_nps, cxm_csat on that one answer), so the rule
 * keeps its one owner; the rows are then counted per theme by class. The
 * tests are those of the report: NPS by spec §1.6 (cxm_nps_compare,
 * adjusted Wald), CSAT by the pooled two-proportion z test
 * (cxm_two_proportion_test); the p-values of the themes are one family for
 * cxm_p_adjust.
 */
#include <math.h>
#include <string.h>
#include "internal.h"
#include "names.h"
#include "themes_internal.h"
#include "cxmetrics/report.h"
#include "cxmetrics/scores.h"
#include "cxmetrics/stats.h"

#define MAX_POINTS 1001 /* the longest CSAT scale (cxm_csat) */

enum { PROMOTER = 0, PASSIVE = 1, DETRACTOR = 2, SATISFIED = 0, UNSATISFIED = 1, N_CLASSES = 3 };

/* The class of each point lo..hi of the scale, from lib/scores. */
static int classes(unsigned char *cls, int metric, int lo, int hi, int threshold, double conf)
{
	int v, rc, scale;
	for (v = lo; v <= hi; v++) {
		double x = v;
		if (metric == CXM_SURVEY_NPS) {
			cxm_nps_result r = CXM_NPS_RESULT_INIT;
			scale = lo == 0 ? CXM_NPS_0_10 : CXM_NPS_1_10;
			if ((rc = cxm_nps(&r, &x, 1, scale, CXM_NAN_ERROR)) < 0)
				return rc;
			cls[v - lo] = r.promoters ? PROMOTER : r.detractors ? DETRACTOR : PASSIVE;
		} else {
			cxm_csat_result r = CXM_CSAT_RESULT_INIT;
			if ((rc = cxm_csat(&r, &x, 1, lo, hi, threshold, CXM_NAN_ERROR, conf, CXM_Z_FROM_CONF)) < 0)
				return rc;
			cls[v - lo] = r.n_satisfied ? SATISFIED : UNSATISFIED;
		}
	}
	return CXM_OK;
}

static int check_args(const cxm_themes *t, const char *const *comments, size_t n_comments, const double *scores,
		      size_t n_scores, int metric, int lo, int hi, int adjust, double conf)
{
	int rc;
	if ((rc = cxm__check_ptr(t, "themes")) < 0 || (rc = cxm__check_array(comments, n_comments, "comments")) < 0 ||
	    (rc = cxm__check_array(scores, n_scores, "scores")) < 0)
		return rc;
	if (n_comments == 0)
		return cxm__fail(CXM_EEMPTY, "no comment to summarise (n_comments = 0)");
	if (n_scores != 0 && n_scores != n_comments)
		return cxm__fail(CXM_EBAD_ARG, "n_scores = %zu must be 0 (no scores) or n_comments = %zu", n_scores,
				 n_comments);
	if ((rc = cxm__names_check(&cxm__p_adjust_names, adjust)) < 0)
		return rc;
	if (!(conf > 0 && conf < 1))
		return cxm__fail(CXM_EBAD_ARG, "conf = %g must be in (0, 1)", conf);
	if (n_scores == 0)
		return CXM_OK;
	if (metric != CXM_SURVEY_NPS && metric != CXM_SURVEY_CSAT)
		return cxm__fail(CXM_EBAD_ARG, "metric = %d must be CXM_SURVEY_NPS (0) or CXM_SURVEY_CSAT (1)", metric);
	if (metric == CXM_SURVEY_NPS && !((lo == 0 || lo == 1) && hi == 10))
		return cxm__fail(CXM_EBAD_ARG, "the NPS scale %d..%d must be 0..10 or 1..10", lo, hi);
	if (metric == CXM_SURVEY_CSAT && !(lo < hi && (long)hi - lo + 1 <= MAX_POINTS))
		return cxm__fail(CXM_EBAD_ARG, "the CSAT scale %d..%d must have lo < hi and at most %d points", lo, hi,
				 MAX_POINTS);
	return CXM_OK;
}

/* The class of scores[i], or N_CLASSES for NaN (no score). */
static int score_class(int *cls, const unsigned char *table, double x, size_t i, int lo, int hi)
{
	char q[64];
	if (isnan(x)) {
		*cls = N_CLASSES;
		return CXM_OK;
	}
	if (!(x >= lo && x <= hi)) {
		cxm__snprintf_c(q, sizeof q, "%.17g", x);
		return cxm__fail(CXM_EOUT_OF_RANGE, "scores[%zu] = %s is outside the scale %d..%d", i, q, lo, hi);
	}
	if (x != floor(x)) {
		cxm__snprintf_c(q, sizeof q, "%.17g", x);
		return cxm__fail(CXM_ENON_INTEGER, "scores[%zu] = %s is not a whole point of the scale", i, q);
	}
	*cls = table[(int)x - lo];
	return CXM_OK;
}

/* 1 when s holds nothing but whitespace (s is valid UTF-8). */
static int blank(const char *s)
{
	size_t pos = 0;
	uint32_t c;
	while ((c = cxm__themes_decode((const unsigned char *)s, &pos)) != CXM__THEMES_END)
		if (!cxm__themes_is_space(c))
			return 0;
	return 1;
}

typedef struct counts {
	size_t rows, missing, empty, comments, scored, unscored;
	size_t *mentions;  /* n_themes */
	double *cls;       /* n_themes x N_CLASSES: mentioners by class */
	double total[N_CLASSES];
} counts;

static int count_rows(counts *c, const cxm_themes *t, const char *const *comments, size_t n, const double *scores,
		      const unsigned char *table, int lo, int hi, unsigned char *hits)
{
	size_t i, k, bad;
	int rc, cls;
	for (i = 0; i < n; i++) {
		c->rows++;
		cls = N_CLASSES;
		if (scores && (rc = score_class(&cls, table, scores[i], i, lo, hi)) < 0)
			return rc;
		if (!comments[i]) {
			c->missing++;
			continue;
		}
		if ((bad = cxm__themes_invalid_at(comments[i])) != SIZE_MAX)
			return cxm__fail(CXM_EPARSE, "comments[%zu]: invalid UTF-8 at byte %zu", i, bad);
		if (blank(comments[i])) {
			c->empty++;
			continue;
		}
		c->comments++;
		if ((rc = cxm_themes_match(hits, t->n_themes, t, comments[i])) < 0)
			return rc;
		if (scores) {
			if (cls == N_CLASSES) {
				c->unscored++;
			} else {
				c->scored++;
				c->total[cls]++;
			}
		}
		for (k = 0; k < t->n_themes; k++) {
			if (!hits[k])
				continue;
			c->mentions[k]++;
			if (cls < N_CLASSES)
				c->cls[k * N_CLASSES + (size_t)cls]++;
		}
	}
	return CXM_OK;
}

/* Columns of the table, in order (spec §20.5). */
enum { C_COMMENTS, C_MENTIONS, C_SHARE, C_N_M, C_N_O, C_SCORE_M, C_SCORE_O, C_DIFF, C_LOWER, C_UPPER, C_P, C_PADJ,
       N_COLS };
static const char *const col_names[N_COLS] = { "comments", "mentions", "share", "n_mentioned", "n_other",
					       "score_mentioned", "score_other", "diff", "lower", "upper",
					       "p_value", "p_adjusted" };

/* One theme's comparison into row[] (NaN where a side has no score). */
static int compare(double *row, const double *m, const double *total, int metric, double conf)
{
	double o[N_CLASSES], n_m, n_o;
	int rc, k;
	for (k = 0; k < N_CLASSES; k++)
		o[k] = total[k] - m[k];
	n_m = m[0] + m[1] + m[2];
	n_o = o[0] + o[1] + o[2];
	row[C_N_M] = n_m;
	row[C_N_O] = n_o;
	if (metric == CXM_SURVEY_NPS) {
		row[C_SCORE_M] = n_m > 0 ? 100.0 * (m[PROMOTER] - m[DETRACTOR]) / n_m : NAN;
		row[C_SCORE_O] = n_o > 0 ? 100.0 * (o[PROMOTER] - o[DETRACTOR]) / n_o : NAN;
	} else {
		row[C_SCORE_M] = n_m > 0 ? 100.0 * m[SATISFIED] / n_m : NAN;
		row[C_SCORE_O] = n_o > 0 ? 100.0 * o[SATISFIED] / n_o : NAN;
	}
	if (!(n_m > 0 && n_o > 0))
		return CXM_OK;
	if (metric == CXM_SURVEY_NPS) {
		cxm_nps_comparison r = CXM_NPS_COMPARISON_INIT;
		if ((rc = cxm_nps_compare(&r, m[PROMOTER], m[PASSIVE], m[DETRACTOR], o[PROMOTER], o[PASSIVE],
					  o[DETRACTOR], CXM_NPS_ADJUSTED_WALD, conf, CXM_Z_FROM_CONF)) < 0)
			return rc;
		/* diff is the raw difference of the two NPS; the interval and p are
		   §1.6's, centred on the difference of the adjusted-Wald centres */
		row[C_DIFF] = row[C_SCORE_M] - row[C_SCORE_O];
		row[C_LOWER] = r.lower;
		row[C_UPPER] = r.upper;
		row[C_P] = r.p_value;
	} else {
		cxm_test_result r = CXM_TEST_RESULT_INIT;
		if ((rc = cxm_two_proportion_test(&r, m[SATISFIED], n_m, o[SATISFIED], n_o, conf)) < 0)
			return rc;
		row[C_DIFF] = r.diff;
		row[C_LOWER] = r.lower;
		row[C_UPPER] = r.upper;
		row[C_P] = r.p_value;
	}
	return CXM_OK;
}

static int make_table(cxm_table **out, const cxm_themes *t, double *cols, const counts *c, int with_scores,
		      int metric, int adjust, double conf)
{
	const char **metric_col = NULL;
	const char *word = !with_scores ? "" : metric == CXM_SURVEY_NPS ? "nps" : "csat";
	size_t n = t->n_themes, k;
	cxm_table *tab = NULL;
	int rc;
	if (!(metric_col = cxm__calloc(n, sizeof *metric_col)))
		return cxm__fail(CXM_ENOMEM, "no memory for the themes table");
	for (k = 0; k < n; k++)
		metric_col[k] = word;
	if ((rc = cxm_table_new(&tab)) < 0 || (rc = cxm_table_set_row_name(tab, "themes")) < 0 ||
	    (rc = cxm_table_add_texts(tab, "theme", (const char *const *)t->names, n)) < 0)
		goto done;
	for (k = 0; k < N_COLS; k++) {
		if (k == C_SHARE + 1 && (rc = cxm_table_add_texts(tab, "metric", metric_col, n)) < 0)
			goto done;
		if ((rc = cxm_table_add_numbers(tab, col_names[k], cols + k * n, n)) < 0)
			goto done;
	}
	if ((rc = cxm_table_set_attr_number(tab, "rows", (double)c->rows)) < 0 ||
	    (rc = cxm_table_set_attr_number(tab, "missing", (double)c->missing)) < 0 ||
	    (rc = cxm_table_set_attr_number(tab, "empty", (double)c->empty)) < 0 ||
	    (rc = cxm_table_set_attr_number(tab, "comments", (double)c->comments)) < 0 ||
	    (rc = cxm_table_set_attr_number(tab, "scored", (double)c->scored)) < 0 ||
	    (rc = cxm_table_set_attr_number(tab, "unscored", (double)c->unscored)) < 0 ||
	    (rc = cxm_table_set_attr_text(tab, "metric", word)) < 0 ||
	    (rc = cxm_table_set_attr_text(tab, "adjust", cxm__names_word(&cxm__p_adjust_names, adjust))) < 0 ||
	    (rc = cxm_table_set_attr_number(tab, "conf", conf)) < 0)
		goto done;
	*out = tab;
	tab = NULL;
done:
	cxm_table_free(tab);
	cxm__free((void *)metric_col);
	return rc;
}

cxm_status cxm_themes_summary(cxm_table **out, const cxm_themes *t, const char *const *comments, size_t n_comments,
			      const double *scores, size_t n_scores, int metric, int lo, int hi, int threshold,
			      int adjust, double conf)
{
	unsigned char table[MAX_POINTS], *hits = NULL;
	double *cols = NULL, *p = NULL;
	counts c;
	size_t n, k, j;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = check_args(t, comments, n_comments, scores, n_scores, metric, lo, hi, adjust, conf)) < 0)
		return rc;
	if (n_scores && (rc = classes(table, metric, lo, hi, threshold, conf)) < 0)
		return rc;
	n = t->n_themes;
	memset(&c, 0, sizeof c);
	c.mentions = cxm__calloc(n, sizeof *c.mentions);
	c.cls = cxm__calloc(n * N_CLASSES, sizeof *c.cls);
	hits = cxm__calloc(n, 1);
	cols = cxm__calloc(n * N_COLS, sizeof *cols);
	p = cxm__calloc(n, sizeof *p);
	if (!c.mentions || !c.cls || !hits || !cols || !p) {
		rc = cxm__fail(CXM_ENOMEM, "no memory to count %zu themes", n);
		goto done;
	}
	if ((rc = count_rows(&c, t, comments, n_comments, n_scores ? scores : NULL, table, lo, hi, hits)) < 0)
		goto done;
	for (k = 0; k < n; k++) {
		double row[N_COLS];
		for (j = 0; j < N_COLS; j++)
			row[j] = NAN;
		row[C_COMMENTS] = (double)c.comments;
		row[C_MENTIONS] = (double)c.mentions[k];
		row[C_SHARE] = c.comments ? 100.0 * (double)c.mentions[k] / (double)c.comments : NAN;
		if (n_scores && (rc = compare(row, c.cls + k * N_CLASSES, c.total, metric, conf)) < 0)
			goto done;
		for (j = 0; j < N_COLS; j++)
			cols[j * n + k] = row[j];
		p[k] = row[C_P];
	}
	if ((rc = cxm_p_adjust(cols + C_PADJ * n, n, p, n, adjust)) < 0)
		goto done;
	rc = make_table(out, t, cols, &c, n_scores > 0, metric, adjust, conf);
done:
	cxm__free(c.mentions);
	cxm__free(c.cls);
	cxm__free(hits);
	cxm__free(cols);
	cxm__free(p);
	return rc;
}
