/*
 * lib/clvmodel/fit_customers.c - cxm_clv_fit: BG/NBD, MBG/NBD and Pareto/NBD
 * fitted to customer summaries. The rows are merged into weighted patterns
 * and their times indexed here; the models' likelihoods and the optimiser
 * take it from there (fit.c).
 */
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "internal.h"
#include "customers.h"
#include "distinct.h"
#include "models.h"
#include "names.h"

/* Distinct times a fit's table has room for at first (or 2n, when less): T
 * and t_x take a few thousand values in most data (days, or weeks to two
 * decimals: 3,883 in the 1M synthetic set), so the table stays sparse and in
 * cache; with more it grows. */
#define TIMES_START 65536
/* Rows ahead whose slot the merge asks for (a cache miss takes that long). */
#define PREFETCH 8

/*
 * Merge customers with identical (frequency, recency, T) into one weighted
 * row: the log-likelihood is a sum over customers, so a pattern shared by w
 * of them counts w times. Summaries built from dates repeat patterns a lot
 * (all non-repeaters of one cohort share (0, 0, T); the 1M synthetic set
 * shrinks to 321,400 rows), which makes every likelihood evaluation of the
 * fit that much cheaper. Rows keep the order of their first occurrence, so
 * the data, and the fit, do not depend on the thread count. Rows of weight
 * 0 are left out.
 */
static int merge_patterns(cxm__clv_data *d, double **store, const double *x, const double *t_x,
			  const double *T, const double *w, size_t n)
{
	cxm__distinct pat;
	double total = 0.0, key[3], *row;
	size_t i, k, m;
	int rc;
	*store = NULL;
	/* (x, t_x, T) and the weight; room for every row, so the table never grows */
	if ((rc = cxm__distinct_init_values(&pat, 3, 1, n < CXM__DISTINCT_MAX ? n : CXM__DISTINCT_MAX,
					    "frequency/recency/T patterns")) < 0)
		return rc;
	for (i = 0; i < n; i++) {
		double wi = w ? w[i] : 1.0;
		if (wi == 0.0)
			continue;
		if (i + PREFETCH < n) { /* the table is large: ask for a later row's slot now */
			key[0] = x[i + PREFETCH];
			key[1] = t_x[i + PREFETCH];
			key[2] = T[i + PREFETCH];
			cxm__distinct_prefetch_n(&pat, key, 3);
		}
		key[0] = x[i];
		key[1] = t_x[i];
		key[2] = T[i];
		if ((rc = cxm__distinct_add_n(&pat, key, 3, &k)) < 0)
			goto done;
		cxm__distinct_row(&pat, k)[3] += wi;
		total += wi;
	}
	/* the patterns as the columns of cxm__clv_data */
	m = pat.count;
	if ((rc = cxm__alloc_array(store, m > 0 ? m : 1, 4 * sizeof **store, "frequency/recency/T patterns")) < 0)
		goto done;
	for (k = 0; k < m; k++) {
		row = cxm__distinct_row(&pat, k);
		(*store)[k] = row[0];
		(*store)[m + k] = row[1];
		(*store)[2 * m + k] = row[2];
		(*store)[3 * m + k] = row[3];
	}
	d->n = m;
	d->x = *store;
	d->t_x = *store + m;
	d->T = *store + 2 * m;
	d->w = *store + 3 * m;
	d->total_weight = total;
done:
	cxm__distinct_free(&pat);
	return rc;
}

int cxm__clv_index_times(cxm__clv_data *d, void **block)
{
	cxm__distinct times;
	size_t n = d->n, i, k;
	uint32_t *ids;
	double *tv;
	int rc;
	*block = NULL;
	/* 32-bit indices, for up to 2n distinct times */
	if (n == 0 || n > CXM__DISTINCT_MAX / 2)
		return CXM_OK;
	if ((rc = cxm__distinct_init(&times, 1, 2 * n < TIMES_START ? 2 * n : TIMES_START, "distinct times")) < 0)
		return rc;
	/* the ids of t_x of every row, then T of every row, then the times they number */
	if ((rc = cxm__alloc_array(block, n, 2 * sizeof *ids + 2 * sizeof *tv, "distinct times")) < 0)
		goto done;
	ids = *block;
	for (i = 0; i < 2 * n; i++) {
		if ((rc = cxm__distinct_add_n(&times, i < n ? &d->t_x[i] : &d->T[i - n], 1, &k)) < 0)
			goto done;
		ids[i] = (uint32_t)k;
	}
	tv = (double *)(ids + 2 * n);
	memcpy(tv, times.keys, times.count * sizeof *tv);
	d->times = tv;
	d->n_times = times.count;
	d->t_x_id = ids;
	d->T_id = ids + n;
done:
	if (rc < 0) {
		cxm__free(*block);
		*block = NULL;
	}
	cxm__distinct_free(&times);
	return rc;
}

cxm_status cxm_clv_fit(cxm_clv_fit_result *out, int model, const double *frequency, size_t n_frequency,
		const double *recency, size_t n_recency, const double *T, size_t n_T, const double *weights,
		size_t n_weights, const cxm_clv_fit_opts *opts)
{
	cxm__clv_data d = { 0, NULL, NULL, NULL, NULL, NULL, NULL, 0.0, 0u, NULL, 0, NULL, NULL };
	const cxm__clv_ops *ops;
	double *store = NULL;
	void *times = NULL;
	size_t n, i;
	int rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_CLV_FIT_RESULT_VERSION, "cxm_clv_fit_result")) < 0)
		return rc;
	if (model != CXM_CLV_BGNBD && model != CXM_CLV_MBGNBD && model != CXM_CLV_PNBD) {
		const char *name = cxm__names_word(&cxm__clv_model_names, model);
		if (name)
			return cxm__fail(CXM_EBAD_ARG, "model %d (%s) is fitted by its own function; cxm_clv_fit fits "
					 "bgnbd, mbgnbd and pnbd", model, name);
		return cxm__fail(CXM_EBAD_ARG, "model is %d; cxm_clv_fit fits CXM_CLV_BGNBD (0), CXM_CLV_MBGNBD (1) "
				 "and CXM_CLV_PNBD (2)", model);
	}
	if ((ops = cxm__clv_ops_of(model)) == NULL)
		return cxm_error_last()->code;
	if ((rc = cxm__clv_check_rows(&n, frequency, n_frequency, recency, n_recency, T, n_T, 0)) < 0 ||
	    (rc = cxm__check_array(weights, n_weights, "weights")) < 0)
		return rc;
	if (n_weights == 0) /* an empty array is no weights, whatever its pointer */
		weights = NULL;
	if (weights != NULL && n_weights != n)
		return cxm__fail(CXM_EBAD_ARG, "weights has %zu entries but there are %zu customers (pass NULL "
				 "and 0 for one customer per row)", n_weights, n);
	for (i = 0; weights != NULL && i < n; i++) {
		if (isnan(weights[i]))
			return cxm__fail(CXM_ENAN, "weights[%zu] is NaN", i);
		if (!(weights[i] >= 0.0) || !isfinite(weights[i]) || weights[i] != floor(weights[i]))
			return cxm__fail(CXM_EBAD_ARG, "weights[%zu] = %.17g must be a whole number of customers >= 0",
					 i, weights[i]);
	}
	if (n == 0)
		return cxm__fail(CXM_EEMPTY, "no customer: frequency, recency and T are empty");
	if ((rc = merge_patterns(&d, &store, frequency, recency, T, weights, n)) < 0)
		return rc;
	if (d.total_weight == 0.0) {
		cxm__free(store);
		return cxm__fail(CXM_EEMPTY, "every weight is 0: no customer to fit");
	}
	/* without a repeat purchase the likelihood grows as the purchase rate
	 * goes to 0: there is no maximum to find (spec §8.14) */
	for (i = 0; i < d.n && d.x[i] == 0.0; i++)
		;
	if (i == d.n) {
		cxm__free(store);
		return cxm__fail(CXM_ETOO_FEW, "no customer made a repeat purchase (every frequency is 0 among "
				 "%.17g customers): %s cannot be fitted", d.total_weight, cxm__clv_model_word(model));
	}
	if ((rc = cxm__clv_index_times(&d, &times)) < 0) {
		cxm__free(store);
		return rc;
	}
	d.threads = opts ? opts->threads : 0u;
	rc = cxm__clv_fit_data(out, ops, &d, opts);
	cxm__free(times);
	cxm__free(store);
	return rc;
}

