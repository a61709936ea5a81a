/*
 * lib/report/pyramid.c - the CX pyramid and the CX Index in the survey
 * report (spec §25): its option (cxm_survey_opts_set_pyramid) and its table
 * (PYRAMID). The rows are read by the report's engine (rows.c puts each
 * respondent's three answer classes in one of 64 counts of its cell, merged
 * with the cell's other counts by cells.c); each cell's numbers come from
 * those counts through the one kernel of cxm_cxi (lib/scores/cxi.c), and the
 * privacy rules are the CELLS table's (cxm__survey_suppress).
 */
#include <math.h>
#include <string.h>
#include "cells.h"
#include "io/io_internal.h"
#include "scores/scores_internal.h"

cxm_status cxm_survey_opts_set_pyramid(cxm_survey_opts *opts, const char *needs, const char *ease,
				       const char *emotion, int lo, int hi, int high, int low)
{
	const char *col[3] = { needs, ease, emotion };
	static const char *const what[3] = { "needs", "ease", "emotion" };
	char *copy[3] = { NULL, NULL, NULL };
	int q, rc;
	if ((rc = cxm__check_ptr(opts, "cxm_survey_opts *opts")) < 0)
		return rc;
	if (needs != NULL) {
		for (q = 1; q < 3; q++)
			if (col[q] == NULL)
				return cxm__fail(CXM_EBAD_ARG, "the pyramid's %s column is NULL (needs is '%s'): give all three",
						 what[q], needs);
		for (q = 0; q < 3; q++)
			if (strcmp(col[q], col[(q + 1) % 3]) == 0)
				return cxm__fail(CXM_EBAD_ARG, "the pyramid's %s and %s columns are both '%s': one column per "
						 "question", what[q], what[(q + 1) % 3], col[q]);
		if ((rc = cxm__cxi_check(lo, hi, high, low)) < 0)
			return rc;
		for (q = 0; q < 3; q++)
			if (!(copy[q] = cxm__strdup(col[q]))) {
				cxm__free(copy[0]);
				cxm__free(copy[1]);
				return cxm__fail(CXM_ENOMEM, "cxm_survey_opts_set_pyramid: out of memory");
			}
	}
	for (q = 0; q < 3; q++) {
		cxm__free(opts->g.pyr[q]);
		opts->g.pyr[q] = copy[q];
	}
	opts->g.pyr_lo = needs ? lo : 0;
	opts->g.pyr_hi = needs ? hi : 0;
	opts->g.pyr_high = needs ? high : 0;
	opts->g.pyr_low = needs ? low : 0;
	return CXM_OK;
}

/* One row of PYRAMID: a cell's numbers. */
typedef struct prow {
	size_t cell;
	int suppressed;
	cxm_cxi_result v;
} prow;

static size_t prow_cell(const void *rows, size_t i)
{
	return ((const prow *)rows)[i].cell;
}

/* min_n counts the complete respondents: the levels' and the interval's n */
static double prow_n(const void *rows, size_t i)
{
	return (double)((const prow *)rows)[i].v.n_complete;
}

static int *prow_flag(void *rows, size_t i)
{
	return &((prow *)rows)[i].suppressed;
}

static int prow_same(const void *rows, size_t i, size_t j)
{
	(void)rows, (void)i, (void)j;
	return 1; /* one metric: the pyramid */
}

/* The number columns, in order: name and member. */
#define M(name, member) { name, offsetof(cxm_cxi_result, member) }
static const struct {
	const char *name;
	size_t offset;
} head[] = { M("cxi", cxi), M("cxi_lower", cxi_lower), M("cxi_upper", cxi_upper), M("needs", needs),
	     M("ease", ease), M("emotion", emotion), M("level1", level1), M("level2", level2),
	     M("level3", level3) },
  tail[] = { M("needs_lower", needs_lower), M("needs_upper", needs_upper), M("ease_lower", ease_lower),
	     M("ease_upper", ease_upper), M("emotion_lower", emotion_lower), M("emotion_upper", emotion_upper),
	     M("level1_lower", level1_lower), M("level1_upper", level1_upper), M("level2_lower", level2_lower),
	     M("level2_upper", level2_upper), M("level3_lower", level3_lower), M("level3_upper", level3_upper) };
#undef M

/* A column of doubles at `offset` of each row's result (NaN when suppressed). */
static int add_member(cxm_table *tab, const char *name, const prow *row, size_t n, size_t offset, double *col)
{
	size_t i;
	for (i = 0; i < n; i++) {
		col[i] = NAN;
		if (!row[i].suppressed)
			memcpy(&col[i], (const char *)&row[i].v + offset, sizeof(double));
	}
	return cxm_table_add_numbers(tab, name, col, n);
}

/* A column of counts: n_complete, n, or a question's answers (NaN when suppressed). */
static int add_count(cxm_table *tab, const char *name, const prow *row, size_t n, size_t offset, double *col)
{
	size_t i, x;
	for (i = 0; i < n; i++) {
		memcpy(&x, (const char *)&row[i].v + offset, sizeof x);
		col[i] = row[i].suppressed ? NAN : (double)x;
	}
	return cxm_table_add_numbers(tab, name, col, n);
}

static int set_attrs(cxm_table *tab, const cxm_survey_report *r)
{
	const cxm__grouped_cfg *g = &r->g;
	int rc;
	if ((rc = cxm_table_set_attr_text(tab, "kind", "pyramid")) < 0 ||
	    (rc = cxm_table_set_attr_number(tab, "high", g->pyr_high)) < 0 ||
	    (rc = cxm_table_set_attr_number(tab, "low", g->pyr_low)) < 0 ||
	    (rc = cxm_table_set_attr_number(tab, "lo", g->pyr_lo)) < 0 ||
	    (rc = cxm_table_set_attr_number(tab, "hi", g->pyr_hi)) < 0 ||
	    (rc = cxm_table_set_attr_number(tab, "min_n", r->grouped ? (double)g->min_n : 0.0)) < 0 ||
	    (rc = cxm_table_set_attr_number(tab, "conf", r->conf)) < 0 ||
	    (rc = cxm_table_set_attr_text(tab, "nan_policy", cxm__names_word(&cxm__nan_policy_names, r->nan_policy))) <
		    0 ||
	    (rc = cxm_table_set_attr_text(tab, "needs_column", g->pyr[0])) < 0 ||
	    (rc = cxm_table_set_attr_text(tab, "ease_column", g->pyr[1])) < 0 ||
	    (rc = cxm_table_set_attr_text(tab, "emotion_column", g->pyr[2])) < 0 ||
	    (rc = cxm_table_set_attr_number(tab, "rows_read", (double)r->rows)) < 0 ||
	    (rc = cxm_table_set_attr_text(tab, "file", r->path)) < 0)
		return rc;
	return CXM_OK;
}

int cxm__survey_pyramid(cxm_survey_report *r)
{
	cxm_table *tab = NULL;
	prow *row = NULL;
	double *col = NULL;
	size_t c, j, n = r->n_cells;
	int rc;
	if ((rc = cxm__alloc_array(&row, n + 1, sizeof *row, "survey report: pyramid")) < 0 ||
	    (rc = cxm__alloc_array(&col, n + 1, sizeof *col, "survey report: pyramid")) < 0)
		goto done;
	for (c = 0; c < n; c++) {
		row[c].cell = c;
		row[c].suppressed = 0;
		row[c].v = (cxm_cxi_result)CXM_CXI_RESULT_INIT;
		if ((rc = cxm__cxi_from_counts(&row[c].v, r->cells[c].counts + r->pyr_offset, r->conf)) < 0)
			goto done;
	}
	{
		cxm__supp_view v = { row, n, prow_cell, prow_n, prow_flag, prow_same };
		cxm__survey_suppress(r, &v);
	}
	if ((rc = cxm_table_new(&tab)) < 0 || (rc = cxm__survey_add_cell_keys(tab, r, row, n, prow_cell)) < 0 ||
	    (rc = add_count(tab, "n", row, n, offsetof(cxm_cxi_result, n_complete), col)) < 0)
		goto done;
	for (j = 0; j < CXM__COUNT_OF(head); j++)
		if ((rc = add_member(tab, head[j].name, row, n, head[j].offset, col)) < 0)
			goto done;
	for (c = 0; c < n; c++)
		col[c] = row[c].suppressed;
	if ((rc = cxm_table_add_numbers(tab, "suppressed", col, n)) < 0)
		goto done;
	for (j = 0; j < CXM__COUNT_OF(tail); j++)
		if ((rc = add_member(tab, tail[j].name, row, n, tail[j].offset, col)) < 0)
			goto done;
	if ((rc = add_count(tab, "respondents", row, n, offsetof(cxm_cxi_result, n), col)) < 0 ||
	    (rc = add_count(tab, "n_needs", row, n, offsetof(cxm_cxi_result, n_needs), col)) < 0 ||
	    (rc = add_count(tab, "n_ease", row, n, offsetof(cxm_cxi_result, n_ease), col)) < 0 ||
	    (rc = add_count(tab, "n_emotion", row, n, offsetof(cxm_cxi_result, n_emotion), col)) < 0 ||
	    (rc = set_attrs(tab, r)) < 0)
		goto done;
	r->pyramid_table = tab;
	tab = NULL;
done:
	cxm_table_free(tab);
	cxm__free(row);
	cxm__free(col);
	return rc;
}
