/*
 * lib/cluster/choose_k.c - the choice of k by three criteria reported side by
 * side: the highest mean silhouette, the elbow of the cost curve and the gap
 * statistic (spec §14.5).
 *
 * Elbow (after Satopaa et al. 2011, "Kneedle"): the costs c(k) of k = k_min
 * .. k_max are normalised to x = (k - k_min) / (k_max - k_min) and y = (c -
 * min c) / (max c - min c); the elbow is the k whose point lies farthest
 * below the chord from the first point to the last (the largest (y0 + (y1 -
 * y0) x) - y, ties to the smaller k). No k when no point lies below the
 * chord (fewer than three values of k, or a curve that is not convex).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "internal.h"
#include "quality.h"

void cxm__qfit_opts(cxm_cluster_opts *o, const cxm_cluster_opts *opts, int drop_init)
{
	*o = opts ? *opts : cxm__cluster_opts_default;
	o->progress = NULL;
	o->progress_user = NULL;
	if (drop_init) {
		o->init = NULL;
		o->n_init_values = 0;
		o->init_modes = NULL;
		o->n_init_modes = 0;
	}
}

int cxm__qfit_run(cxm_cluster_model **model, uint32_t *labels, size_t n_labels, const cxm__qfit *d,
		  const cxm_cluster_opts *o)
{
	if (d->n_cat > 0)
		return cxm_kprototypes_fit(model, labels, n_labels, d->x, d->n_x, d->n_cols, d->codes, d->n_codes,
					   d->n_cat, d->levels, d->n_levels, o);
	return cxm_kmeans_fit(model, labels, n_labels, d->x, d->n_x, d->n_cols, o);
}

/* the elbow of costs c[0..nk-1] at k_min + i, or NaN */
static double elbow(const double *c, size_t nk, size_t k_min)
{
	double lo = c[0], hi = c[0], best = 0.0, y0, y1, at = NAN;
	size_t i;
	if (nk < 3)
		return NAN;
	for (i = 1; i < nk; i++) {
		if (c[i] < lo)
			lo = c[i];
		if (c[i] > hi)
			hi = c[i];
	}
	if (!(hi > lo))
		return NAN;
	y0 = (c[0] - lo) / (hi - lo);
	y1 = (c[nk - 1] - lo) / (hi - lo);
	for (i = 1; i + 1 < nk; i++) {
		double x = (double)i / (double)(nk - 1), y = (c[i] - lo) / (hi - lo);
		double below = (y0 + (y1 - y0) * x) - y;
		if (below > best) {
			best = below;
			at = (double)(k_min + i);
		}
	}
	return at;
}

cxm_status cxm_cluster_choose_k(cxm_table **out, const double *x, size_t n_x, size_t n_cols,
				const uint32_t *codes, size_t n_codes, size_t n_cat,
				const uint32_t *levels, size_t n_levels, size_t k_min, size_t k_max,
				size_t silhouette_sample, size_t references, const cxm_cluster_opts *opts)
{
	cxm_cluster_opts o;
	cxm__qfit d = { x, n_x, n_cols, codes, n_codes, n_cat, levels, n_levels };
	cxm_cluster_progress_fn progress = opts ? opts->progress : NULL;
	void *user = opts ? opts->progress_user : NULL;
	size_t rows, nk, i, step = 0, total;
	double *kcol = NULL, *cost = NULL, *sil = NULL, *gap = NULL, *gsd = NULL, *logw = NULL;
	double best_sil = NAN, best_gap = NAN, gamma = NAN;
	uint32_t *lab = NULL;
	cxm_table *t = NULL;
	int st;

	if ((st = cxm__check_ptr(out, "out")) < 0)
		return st;
	*out = NULL;
	if (k_min < 2 || k_max < k_min)
		return cxm__fail(CXM_EBAD_ARG, "k from %zu to %zu: k_min must be at least 2 and at most k_max", k_min,
				 k_max);
	if (k_max > ((size_t)1 << 31))
		return cxm__fail(CXM_EBAD_ARG, "k_max = %zu is more than 2^31", k_max);
	if ((st = cxm__quality_check_features(&rows, x, n_x, n_cols, codes, n_codes, n_cat, 0.0)) < 0)
		return st;
	if (references > 10000)
		return cxm__fail(CXM_EBAD_ARG, "references = %zu is more than 10000", references);
	nk = k_max - k_min + 1;
	total = nk * (1 + references);
	cxm__qfit_opts(&o, opts, 1);
	if ((st = cxm__alloc_array(&kcol, nk, sizeof *kcol, "choose_k")) < 0 ||
	    (st = cxm__alloc_array(&cost, nk, sizeof *cost, "choose_k")) < 0 ||
	    (st = cxm__alloc_array(&sil, nk, sizeof *sil, "choose_k")) < 0 ||
	    (st = cxm__alloc_array(&gap, nk, sizeof *gap, "choose_k")) < 0 ||
	    (st = cxm__alloc_array(&gsd, nk, sizeof *gsd, "choose_k")) < 0 ||
	    (st = cxm__alloc_array(&logw, nk, sizeof *logw, "choose_k")) < 0 ||
	    (st = cxm__alloc_array(&lab, rows, sizeof *lab, "choose_k labels")) < 0)
		goto done;
	for (i = 0; i < nk; i++) {
		cxm_cluster_model *m = NULL;
		cxm_cluster_info info = CXM_CLUSTER_INFO_INIT;
		char what[48];
		o.k = k_min + i;
		o.k_set = 1;
		cxm__snprintf_c(what, sizeof what, "k = %zu", o.k);
		if ((st = cxm__qfit_run(&m, lab, rows, &d, &o)) < 0) {
			st = cxm__error_context(what);
			goto done;
		}
		cxm_cluster_model_info(&info, m);
		cxm_cluster_model_free(m);
		kcol[i] = (double)o.k;
		cost[i] = info.cost;
		logw[i] = log(info.cost);
		if (n_cat > 0)
			gamma = info.gamma;
		if ((st = cxm_cluster_silhouette(&sil[i], x, n_x, n_cols, codes, n_codes, n_cat, n_cat ? gamma : 0.0, lab,
						 rows, silhouette_sample, o.seed, o.threads)) < 0) {
			st = cxm__error_context(what);
			goto done;
		}
		if (isnan(best_sil) || sil[i] > sil[(size_t)best_sil - k_min])
			best_sil = (double)o.k;
		gap[i] = gsd[i] = NAN;
		++step;
		if (progress && progress(user, step, total, NAN) != 0) {
			st = cxm__fail(CXM_ECANCELLED, "choose_k stopped by the progress callback at step %zu of %zu", step,
				       total);
			goto done;
		}
	}
	if (references > 0) {
		if (n_cat > 0)
			o.gamma = gamma; /* the references are weighed as the data */
		if ((st = cxm__gap(gap, gsd, logw, &d, rows, k_min, k_max, references, &o, progress, user, &step,
				   total)) < 0)
			goto done;
		/* Tibshirani et al.: the smallest k with gap(k) >= gap(k + 1) - s(k + 1); k_max when none
		 * (as R's cluster::maxSE "Tibs2001SEmax") */
		best_gap = (double)k_max;
		for (i = 0; i + 1 < nk; i++)
			if (gap[i] >= gap[i + 1] - gsd[i + 1]) {
				best_gap = (double)(k_min + i);
				break;
			}
	}
	if ((st = cxm_table_new(&t)) < 0 || (st = cxm_table_set_row_name(t, "k")) < 0 ||
	    (st = cxm_table_add_numbers(t, "k", kcol, nk)) < 0 || (st = cxm_table_add_numbers(t, "cost", cost, nk)) < 0 ||
	    (st = cxm_table_add_numbers(t, "silhouette", sil, nk)) < 0 ||
	    (st = cxm_table_add_numbers(t, "gap", gap, nk)) < 0 ||
	    (st = cxm_table_add_numbers(t, "gap_sd", gsd, nk)) < 0 ||
	    (st = cxm_table_set_attr_number(t, "best_silhouette", best_sil)) < 0 ||
	    (st = cxm_table_set_attr_number(t, "best_elbow", elbow(cost, nk, k_min))) < 0 ||
	    (st = cxm_table_set_attr_number(t, "best_gap", best_gap)) < 0 ||
	    (st = cxm_table_set_attr_number(t, "references", (double)references)) < 0 ||
	    (st = cxm_table_set_attr_number(t, "silhouette_rows",
						(double)(silhouette_sample && silhouette_sample < rows ? silhouette_sample : rows))) < 0) {
		cxm_table_free(t);
		goto done;
	}
	*out = t;
done:
	cxm__free(kcol);
	cxm__free(cost);
	cxm__free(sil);
	cxm__free(gap);
	cxm__free(gsd);
	cxm__free(logw);
	cxm__free(lab);
	return st;
}
