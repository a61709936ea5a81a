/*
 * lib/cluster/assign.c - label new rows with a fitted model (spec §14.1,
 * §14.2): each kind by the rule of its own fit (the k-means kernel, the
 * k-prototypes dissimilarity in kmodes' summation order), so the rows of a
 * fit get the fit's labels back; ties to the lowest label. A code at or
 * above a column's level count matches no mode.
 */
#include <math.h>
#include <string.h>
#include "internal.h"
#include "parallel.h"
#include "cluster_internal.h"

struct kp {
	const cxm_cluster_model *m;
	const double *x;
	const uint32_t *codes;
	uint32_t *labels;
	double *cost;
};

/* The fit's own nearest-prototype rule (kprototypes.c), so that the rows of a
 * fit get the fit's labels back, near ties included. */
static void kp_chunk(double *acc, size_t begin, size_t end, void *ctx)
{
	const struct kp *s = ctx;
	const cxm_cluster_model *m = s->m;
	size_t i, p = m->n_cols, q = m->n_cat;
	for (i = begin; i < end; i++) {
		double best;
		uint32_t lab = cxm__kproto_nearest(&best, p ? s->x + i * p : NULL, s->codes + i * q, m->centres,
						   m->modes, m->k, p, q, m->gamma);
		if (s->labels)
			s->labels[i] = lab;
		if (s->cost)
			s->cost[i] = best;
		acc[0] += best;
	}
}

cxm_status cxm_cluster_assign(uint32_t *labels, size_t n_labels, double *cost, size_t n_cost,
			      const cxm_cluster_model *model, const double *x, size_t n_x, size_t n_cols,
			      const uint32_t *codes, size_t n_codes, size_t n_cat)
{
	size_t rows = 0, rows_cat;
	uint32_t *work = NULL;
	int rc;
	if ((rc = cxm__check_ptr(model, "model")) < 0 || (rc = cxm__check_array(labels, n_labels, "labels")) < 0 ||
	    (rc = cxm__check_array(cost, n_cost, "cost")) < 0 || (rc = cxm__check_array(codes, n_codes, "codes")) < 0)
		return rc;
	/* an output of length 0 is not wanted, whatever its pointer (the bindings
	 * pass an empty buffer rather than NULL) */
	if (n_labels == 0)
		labels = NULL;
	if (n_cost == 0)
		cost = NULL;
	if (n_cols != model->n_cols || n_cat != model->n_cat)
		return cxm__fail(CXM_EBAD_ARG, "the rows have %zu numeric and %zu categorical columns; the model has "
				 "%zu and %zu", n_cols, n_cat, model->n_cols, model->n_cat);
	if (!labels && !cost)
		return cxm__fail(CXM_EBAD_ARG, "labels and cost are both NULL; ask for at least one");
	if (n_cols) {
		if ((rc = cxm__cluster_check_x(&rows, x, n_x, n_cols, "x")) < 0)
			return rc;
	} else if ((rc = cxm__check_array(x, n_x, "x")) < 0) {
		return rc;
	} else if (n_x) {
		return cxm__fail(CXM_EBAD_ARG, "n_x is %zu but the model has no numeric columns", n_x);
	}
	if (n_cat) {
		if (n_codes % n_cat != 0)
			return cxm__fail(CXM_EBAD_ARG, "n_codes = %zu is not a multiple of n_cat = %zu", n_codes, n_cat);
		rows_cat = n_codes / n_cat;
		if (n_cols && rows_cat != rows)
			return cxm__fail(CXM_EBAD_ARG, "x has %zu rows but codes %zu", rows, rows_cat);
		rows = rows_cat;
		if (rows == 0)
			return cxm__fail(CXM_EEMPTY, "codes has no rows");
	} else if (n_codes) {
		return cxm__fail(CXM_EBAD_ARG, "n_codes is %zu but the model has no categorical columns", n_codes);
	}
	if (labels && n_labels < rows)
		return cxm__fail(CXM_EBAD_ARG, "n_labels = %zu is smaller than the %zu rows", n_labels, rows);
	if (cost && n_cost < rows)
		return cxm__fail(CXM_EBAD_ARG, "n_cost = %zu is smaller than the %zu rows", n_cost, rows);
	if (model->kind == CXM_CLUSTER_KMEANS) {
		cxm__kcentres kc;
		if (!labels && (rc = cxm__alloc_array(&work, rows, sizeof *work, "labels")) < 0)
			return rc;
		if ((rc = cxm__kcentres_init(&kc, model->centres, model->k, model->n_cols)) == CXM_OK) {
			rc = cxm__kmeans_assign(labels ? labels : work, cost, x, rows, &kc, model->centres, 0);
			cxm__kcentres_free(&kc);
		}
		cxm__free(work);
		return rc;
	} else {
		struct kp s = { model, x, codes, labels, cost };
		double total;
		return cxm__parallel_sum(&total, 1, rows, kp_chunk, &s, 0);
	}
}
