/*
 * lib/cluster/quality_data.c - the checks every quality measure makes on its
 * data and labels (spec §14.4).
 */
#include <math.h>
#include <string.h>
#include "internal.h"
#include "quality.h"

int cxm__quality_check_features(size_t *rows, const double *x, size_t n_x, size_t n_cols, const uint32_t *codes,
				size_t n_codes, size_t n_cat, double gamma)
{
	size_t rx = 0, rc = 0;
	int st;

	*rows = 0;
	if (n_cols == 0 && n_cat == 0)
		return cxm__fail(CXM_EBAD_ARG, "no features: n_cols and n_cat are both 0");
	if (n_cols > 0) {
		if ((st = cxm__cluster_check_x(&rx, x, n_x, n_cols, "x")) < 0)
			return st;
	} else if (n_x != 0) {
		return cxm__fail(CXM_EBAD_ARG, "n_x = %zu values with n_cols = 0", n_x);
	}
	if (n_cat > 0) {
		if ((st = cxm__check_array(codes, n_codes, "codes")) < 0)
			return st;
		if (n_codes % n_cat != 0)
			return cxm__fail(CXM_EBAD_ARG, "n_codes = %zu is not a multiple of n_cat = %zu", n_codes, n_cat);
		rc = n_codes / n_cat;
		if (n_cols > 0 && rc != rx)
			return cxm__fail(CXM_EBAD_ARG, "x has %zu rows but codes has %zu", rx, rc);
		if (!isnan(gamma) && (!isfinite(gamma) || gamma < 0))
			return cxm__fail(CXM_EBAD_ARG, "gamma must be finite and >= 0 (NaN: Huang's rule), not %.17g",
					 gamma);
	} else if (n_codes != 0) {
		return cxm__fail(CXM_EBAD_ARG, "n_codes = %zu codes with n_cat = 0", n_codes);
	}
	*rows = n_cols > 0 ? rx : rc;
	if (*rows == 0)
		return cxm__fail(CXM_EEMPTY, "no rows to cluster");
	return CXM_OK;
}

int cxm__quality_labels(size_t *k, size_t **sizes, const uint32_t *labels, size_t n_labels, size_t rows)
{
	size_t i, kk, *cnt;
	uint32_t max = 0;
	int st;

	*k = 0;
	*sizes = NULL;
	if ((st = cxm__check_array(labels, n_labels, "labels")) < 0)
		return st;
	if (n_labels != rows)
		return cxm__fail(CXM_EBAD_ARG, "n_labels = %zu labels for %zu rows", n_labels, rows);
	for (i = 0; i < n_labels; i++)
		if (labels[i] > max)
			max = labels[i];
	/* labels beyond the rows cannot all have a row: count only those below
	 * the rows; when max >= rows, one of them has no row (rows labels
	 * cannot cover 0 .. rows - 1 and max too) */
	kk = (size_t)max + 1 <= rows ? (size_t)max + 1 : rows;
	if ((st = cxm__alloc_array(&cnt, kk, sizeof *cnt, "label counts")) < 0)
		return st;
	memset(cnt, 0, kk * sizeof *cnt);
	for (i = 0; i < n_labels; i++)
		if (labels[i] < kk)
			cnt[labels[i]]++;
	for (i = 0; i < kk; i++)
		if (cnt[i] == 0) {
			cxm__free(cnt);
			return cxm__fail(CXM_EBAD_ARG, "label %zu has no row (labels run from 0 to %u)", i, (unsigned)max);
		}
	*k = kk;
	*sizes = cnt;
	return CXM_OK;
}

int cxm__quality_check(cxm__qdata *q, const double *x, size_t n_x, size_t n_cols, const uint32_t *codes,
		       size_t n_codes, size_t n_cat, double gamma, const uint32_t *labels, size_t n_labels)
{
	int st;

	memset(q, 0, sizeof *q);
	if ((st = cxm__quality_check_features(&q->rows, x, n_x, n_cols, codes, n_codes, n_cat, gamma)) < 0)
		return st;
	q->x = n_cols > 0 ? x : NULL;
	q->p = n_cols;
	q->codes = n_cat > 0 ? codes : NULL;
	q->n_cat = n_cat;
	q->gamma = n_cat > 0 ? gamma : 0.0;
	if (isnan(q->gamma) && (st = cxm__kproto_huang_gamma(&q->gamma, x, q->rows, n_cols)) < 0)
		return st;
	q->labels = labels;
	if ((st = cxm__quality_labels(&q->k, &q->sizes, labels, n_labels, q->rows)) < 0)
		return st;
	if (q->k < 2) {
		cxm__qdata_free(q);
		return cxm__fail(CXM_ETOO_FEW, "fewer than 2 clusters: every row has label 0");
	}
	if (q->k >= q->rows) {
		size_t k = q->k, rows = q->rows;
		cxm__qdata_free(q);
		return cxm__fail(CXM_ETOO_FEW, "%zu clusters of %zu rows: the measures need fewer clusters than rows", k,
				 rows);
	}
	return CXM_OK;
}

void cxm__qdata_free(cxm__qdata *q)
{
	cxm__free(q->sizes);
	q->sizes = NULL;
}
