/*
 * lib/cluster/stability.c - stability of a clustering by the bootstrap,
 * after Hennig (2007) and his fpc::clusterboot (spec §14.6).
 *
 * The reference clustering is the fit of the options on the data. Sample b
 * (b = 0 .. B - 1) draws n row numbers with replacement from the stream
 * CXM__STREAM_BOOT + b of the seed and fits the same method, with the same
 * options, to those rows (a row drawn twice is there twice). Then:
 *  - Jaccard (Hennig's measure): over the n draws, with multiplicity as
 *    clusterboot counts them, reference cluster C (the draws whose row is in
 *    C) and each bootstrap cluster D give |C n D| / |C u D|; C's value for
 *    the sample is the largest over D (0 when no row of C was drawn). Its
 *    mean and minimum over the samples are reported, and how often it is
 *    below 0.5 ("dissolved") and above 0.75 ("recovered"), clusterboot's
 *    dissolution and recovery thresholds.
 *  - ARI: the bootstrap model labels every row of the data (the nearest
 *    centre or prototype) and the adjusted Rand index compares those labels
 *    with the reference ones; mean, standard deviation (divisor B - 1; NaN
 *    for one sample) and minimum over the samples.
 * Every fit uses the options' seed; each sample's rows depend on b alone,
 * so the results do not depend on the threads.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "internal.h"
#include "quality.h"
#include "rng.h"

cxm_status cxm_cluster_stability(cxm_table **out, const double *x, size_t n_x, size_t n_cols,
				 const uint32_t *codes, size_t n_codes, size_t n_cat,
				 const uint32_t *levels, size_t n_levels, size_t samples,
				 const cxm_cluster_opts *opts)
{
	cxm_cluster_opts o;
	cxm__qfit d = { x, n_x, n_cols, codes, n_codes, n_cat, levels, n_levels }, bd;
	cxm_cluster_progress_fn progress = opts ? opts->progress : NULL;
	void *user = opts ? opts->progress_user : NULL;
	cxm_cluster_model *ref = NULL;
	cxm_cluster_info info = CXM_CLUSTER_INFO_INIT;
	size_t rows, k = 0, b, i, j, c, *idx = NULL, cnt_cap;
	uint32_t *lab = NULL, *blab = NULL, *all = NULL, *cb = NULL;
	double *xb = NULL, *jac = NULL, *ari = NULL, *cnt = NULL;
	double *col_cluster = NULL, *col_size = NULL, *col_mean = NULL, *col_min = NULL, *col_dis = NULL,
	       *col_rec = NULL, *sizes = NULL;
	cxm_table *t = NULL;
	int st;

	if ((st = cxm__check_ptr(out, "out")) < 0)
		return st;
	*out = NULL;
	if (samples == 0)
		return cxm__fail(CXM_EBAD_ARG, "samples = 0: stability needs at least one bootstrap sample");
	if (samples > 100000)
		return cxm__fail(CXM_EBAD_ARG, "samples = %zu is more than 100000", samples);
	if ((st = cxm__quality_check_features(&rows, x, n_x, n_cols, codes, n_codes, n_cat, 0.0)) < 0)
		return st;
	cxm__qfit_opts(&o, opts, 0);
	if ((st = cxm__alloc_array(&lab, rows, sizeof *lab, "stability labels")) < 0 ||
	    (st = cxm__alloc_array(&blab, rows, sizeof *blab, "stability labels")) < 0 ||
	    (st = cxm__alloc_array(&all, rows, sizeof *all, "stability labels")) < 0 ||
	    (st = cxm__alloc_array(&idx, rows, sizeof *idx, "bootstrap rows")) < 0 ||
	    (st = cxm__alloc_array(&xb, rows * n_cols + 1, sizeof *xb, "bootstrap data")) < 0 ||
	    (st = cxm__alloc_array(&cb, rows * n_cat + 1, sizeof *cb, "bootstrap data")) < 0 ||
	    (st = cxm__alloc_array(&ari, samples, sizeof *ari, "stability ARI")) < 0)
		goto done;
	if ((st = cxm__qfit_run(&ref, lab, rows, &d, &o)) < 0) {
		st = cxm__error_context("the reference fit");
		goto done;
	}
	cxm_cluster_model_info(&info, ref);
	k = info.k;
	if ((st = cxm__alloc_array(&jac, k * samples, sizeof *jac, "stability Jaccard")) < 0 ||
	    (st = cxm__alloc_array(&cnt, (k + 1) * (k + 1), sizeof *cnt, "stability counts")) < 0 ||
	    (st = cxm__alloc_array(&sizes, k, sizeof *sizes, "stability sizes")) < 0)
		goto done;
	cnt_cap = (k + 1) * (k + 1);
	memset(sizes, 0, k * sizeof *sizes);
	for (i = 0; i < rows; i++)
		sizes[lab[i]] += 1.0;
	bd = d;
	bd.x = n_cols ? xb : NULL;
	bd.codes = n_cat ? cb : NULL;
	for (b = 0; b < samples; b++) {
		cxm_cluster_model *m = NULL;
		cxm_cluster_info bi = CXM_CLUSTER_INFO_INIT;
		cxm__rng g;
		size_t kb;
		cxm__rng_init(&g, o.seed, CXM__STREAM_BOOT + b);
		for (i = 0; i < rows; i++) {
			idx[i] = (size_t)cxm__rng_below(&g, rows);
			if (n_cols)
				memcpy(xb + i * n_cols, x + idx[i] * n_cols, n_cols * sizeof *xb);
			if (n_cat)
				memcpy(cb + i * n_cat, codes + idx[i] * n_cat, n_cat * sizeof *cb);
		}
		if ((st = cxm__qfit_run(&m, blab, rows, &bd, &o)) < 0) {
			char what[48];
			cxm__snprintf_c(what, sizeof what, "bootstrap sample %zu", b);
			st = cxm__error_context(what);
			goto done;
		}
		cxm_cluster_model_info(&bi, m);
		kb = bi.k;
		if ((k + 1) * (kb + 1) > cnt_cap) { /* a bootstrap fit of another k (given centres cannot, but be safe) */
			double *bigger;
			if ((st = cxm__alloc_array(&bigger, (k + 1) * (kb + 1), sizeof *bigger, "stability counts")) < 0) {
				cxm_cluster_model_free(m);
				goto done;
			}
			cxm__free(cnt);
			cnt = bigger;
			cnt_cap = (k + 1) * (kb + 1);
		}
		/* Jaccard over the draws: counts n_cd, row sums |C|, column sums |D| */
		memset(cnt, 0, (k + 1) * (kb + 1) * sizeof *cnt);
		for (i = 0; i < rows; i++) {
			uint32_t cc = lab[idx[i]], dd = blab[i];
			cnt[cc * (kb + 1) + dd] += 1.0;
			cnt[cc * (kb + 1) + kb] += 1.0;
			cnt[k * (kb + 1) + dd] += 1.0;
		}
		for (c = 0; c < k; c++) {
			double best = 0.0, nc = cnt[c * (kb + 1) + kb];
			for (j = 0; j < kb && nc > 0; j++) {
				double both = cnt[c * (kb + 1) + j], v = both / (nc + cnt[k * (kb + 1) + j] - both);
				if (v > best)
					best = v;
			}
			jac[c * samples + b] = best;
		}
		/* ARI: the bootstrap model labels every row */
		st = cxm_cluster_assign(all, rows, NULL, 0, m, x, n_x, n_cols, codes, n_codes, n_cat);
		cxm_cluster_model_free(m);
		if (st < 0 || (st = cxm__ari_compact(&ari[b], lab, k, all, kb, rows)) < 0)
			goto done;
		if (progress && progress(user, b + 1, samples, NAN) != 0) {
			st = cxm__fail(CXM_ECANCELLED, "stability stopped by the progress callback after sample %zu of %zu",
				       b + 1, samples);
			goto done;
		}
	}
	if ((st = cxm__alloc_array(&col_cluster, k, sizeof(double), "stability table")) < 0 ||
	    (st = cxm__alloc_array(&col_size, k, sizeof(double), "stability table")) < 0 ||
	    (st = cxm__alloc_array(&col_mean, k, sizeof(double), "stability table")) < 0 ||
	    (st = cxm__alloc_array(&col_min, k, sizeof(double), "stability table")) < 0 ||
	    (st = cxm__alloc_array(&col_dis, k, sizeof(double), "stability table")) < 0 ||
	    (st = cxm__alloc_array(&col_rec, k, sizeof(double), "stability table")) < 0)
		goto done;
	for (c = 0; c < k; c++) {
		double s = 0.0, mn = INFINITY, dis = 0, rec = 0;
		for (b = 0; b < samples; b++) {
			double v = jac[c * samples + b];
			s += v;
			if (v < mn)
				mn = v;
			dis += v < 0.5;
			rec += v > 0.75;
		}
		col_cluster[c] = (double)c;
		col_size[c] = sizes[c];
		col_mean[c] = s / (double)samples;
		col_min[c] = mn;
		col_dis[c] = dis;
		col_rec[c] = rec;
	}
	{
		double s = 0.0, ss = 0.0, mn = INFINITY, mean;
		for (b = 0; b < samples; b++) {
			s += ari[b];
			if (ari[b] < mn)
				mn = ari[b];
		}
		mean = s / (double)samples;
		for (b = 0; b < samples; b++)
			ss += (ari[b] - mean) * (ari[b] - mean);
		if ((st = cxm_table_new(&t)) < 0 || (st = cxm_table_set_row_name(t, "clusters")) < 0 ||
		    (st = cxm_table_add_numbers(t, "cluster", col_cluster, k)) < 0 ||
		    (st = cxm_table_add_numbers(t, "size", col_size, k)) < 0 ||
		    (st = cxm_table_add_numbers(t, "jaccard_mean", col_mean, k)) < 0 ||
		    (st = cxm_table_add_numbers(t, "jaccard_min", col_min, k)) < 0 ||
		    (st = cxm_table_add_numbers(t, "dissolved", col_dis, k)) < 0 ||
		    (st = cxm_table_add_numbers(t, "recovered", col_rec, k)) < 0 ||
		    (st = cxm_table_set_attr_number(t, "ari_mean", mean)) < 0 ||
		    (st = cxm_table_set_attr_number(t, "ari_sd", samples > 1 ? sqrt(ss / (double)(samples - 1)) : NAN)) < 0 ||
		    (st = cxm_table_set_attr_number(t, "ari_min", mn)) < 0 ||
		    (st = cxm_table_set_attr_number(t, "samples", (double)samples)) < 0) {
			cxm_table_free(t);
			goto done;
		}
	}
	*out = t;
done:
	cxm_cluster_model_free(ref);
	cxm__free(lab);
	cxm__free(blab);
	cxm__free(all);
	cxm__free(idx);
	cxm__free(xb);
	cxm__free(cb);
	cxm__free(jac);
	cxm__free(ari);
	cxm__free(cnt);
	cxm__free(sizes);
	cxm__free(col_cluster);
	cxm__free(col_size);
	cxm__free(col_mean);
	cxm__free(col_min);
	cxm__free(col_dis);
	cxm__free(col_rec);
	return st;
}
