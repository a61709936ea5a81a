/*
 * lib/cluster/gap.c - the gap statistic (Tibshirani, Walther & Hastie 2001)
 * for cxm_cluster_choose_k (spec §14.5).
 *
 * W_k is the cost of the fit with k clusters: for squared Euclidean
 * distance, sum_r D_r / (2 n_r) of the paper is the within-cluster sum of
 * squares, the k-means inertia (the k-prototypes cost on mixed data).
 * Reference set b (b = 0 .. B - 1) has as many rows as the data, each
 * numeric column uniform over the column's range in the data (the paper's
 * choice (a)), each categorical column uniform over its levels; its numbers
 * come from the stream CXM__STREAM_GAP + b of the seed, so a set does not
 * depend on the others or on the threads. Every reference set is fitted at
 * every k with the same options as the data (k-prototypes: the data's
 * gamma), and
 *   gap(k) = mean_b log W*_kb - log W_k,
 *   sd_k = sqrt(mean_b (log W*_kb - mean)^2),   s_k = sd_k sqrt(1 + 1/B).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "internal.h"
#include "quality.h"
#include "rng.h"

int cxm__gap(double *gap, double *sd, const double *log_w, const cxm__qfit *d, size_t rows, size_t k_min,
	     size_t k_max, size_t references, cxm_cluster_opts *o, cxm_cluster_progress_fn progress, void *user,
	     size_t *step, size_t total)
{
	size_t nk = k_max - k_min + 1, p = d->n_cols, i, j, b, kk;
	double *lo = NULL, *hi = NULL, *xr = NULL, *lw = NULL;
	uint32_t *cr = NULL, *lab = NULL;
	cxm__qfit r = *d;
	int st;

	if ((st = cxm__alloc_array(&lo, p + 1, sizeof *lo, "gap ranges")) < 0 ||
	    (st = cxm__alloc_array(&hi, p + 1, sizeof *hi, "gap ranges")) < 0 ||
	    (st = cxm__alloc_array(&xr, rows * p + 1, sizeof *xr, "gap reference")) < 0 ||
	    (st = cxm__alloc_array(&cr, rows * d->n_cat + 1, sizeof *cr, "gap reference")) < 0 ||
	    (st = cxm__alloc_array(&lab, rows, sizeof *lab, "gap labels")) < 0 ||
	    (st = cxm__alloc_array(&lw, references * nk, sizeof *lw, "gap costs")) < 0)
		goto done;
	for (j = 0; j < p; j++) {
		lo[j] = hi[j] = d->x[j];
		for (i = 1; i < rows; i++) {
			double v = d->x[i * p + j];
			if (v < lo[j])
				lo[j] = v;
			if (v > hi[j])
				hi[j] = v;
		}
	}
	r.x = p ? xr : NULL;
	r.codes = d->n_cat ? cr : NULL;
	for (b = 0; b < references; b++) {
		cxm__rng g;
		cxm__rng_init(&g, o->seed, CXM__STREAM_GAP + b);
		for (i = 0; i < rows; i++) { /* row by row: numbers, then codes */
			for (j = 0; j < p; j++)
				xr[i * p + j] = lo[j] + (hi[j] - lo[j]) * cxm__rng_uniform(&g);
			for (j = 0; j < d->n_cat; j++)
				cr[i * d->n_cat + j] = (uint32_t)cxm__rng_below(&g, d->levels[j]);
		}
		for (kk = 0; kk < nk; kk++) {
			cxm_cluster_model *m = NULL;
			cxm_cluster_info info = CXM_CLUSTER_INFO_INIT;
			o->k = k_min + kk;
			if ((st = cxm__qfit_run(&m, lab, rows, &r, o)) < 0) {
				char what[80];
				cxm__snprintf_c(what, sizeof what, "gap reference %zu, k = %zu", b, k_min + kk);
				st = cxm__error_context(what);
				goto done;
			}
			cxm_cluster_model_info(&info, m);
			cxm_cluster_model_free(m);
			lw[b * nk + kk] = log(info.cost);
			++*step;
			if (progress && progress(user, *step, total, NAN) != 0) {
				st = cxm__fail(CXM_ECANCELLED, "choose_k stopped by the progress callback at step %zu of %zu",
					       *step, total);
				goto done;
			}
		}
	}
	for (kk = 0; kk < nk; kk++) {
		double mean = 0.0, ss = 0.0;
		for (b = 0; b < references; b++)
			mean += lw[b * nk + kk];
		mean /= (double)references;
		for (b = 0; b < references; b++)
			ss += (lw[b * nk + kk] - mean) * (lw[b * nk + kk] - mean);
		gap[kk] = mean - log_w[kk];
		sd[kk] = sqrt(ss / (double)references) * sqrt(1.0 + 1.0 / (double)references);
	}
done:
	cxm__free(lo);
	cxm__free(hi);
	cxm__free(xr);
	cxm__free(cr);
	cxm__free(lab);
	cxm__free(lw);
	return st;
}
