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
#include "hash.h"
#include "models.h"
#include "names.h"

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
	size_t *slot, mask, i, m = 0;
	double *ux, *ut, *uT, *uw, total = 0.0;
	int rc;
	if ((rc = cxm__alloc_array(store, n > 0 ? n : 1, 4 * sizeof **store, "frequency/recency/T patterns")) < 0)
		return rc;
	if ((rc = cxm__alloc_slots(&slot, &mask, n <= SIZE_MAX / 2 ? 2 * n : n, sizeof *slot,
				   "frequency/recency/T patterns")) < 0) {
		cxm__free(*store);
		*store = NULL;
		return rc;
	}
	ux = *store;
	ut = ux + n;
	uT = ut + n;
	uw = uT + n;
	for (i = 0; i < n; i++) {
		double wi = w ? w[i] : 1.0;
		size_t h;
		if (wi == 0.0)
			continue;
		h = (size_t)cxm__hash3(x[i], t_x[i], T[i]) & mask;
		/* open addressing; slot holds row + 1, 0 = empty */
		while (slot[h] != 0) {
			size_t j = slot[h] - 1;
			if (ux[j] == x[i] && ut[j] == t_x[i] && uT[j] == T[i])
				break;
			h = (h + 1) & mask;
		}
		if (slot[h] == 0) {
			ux[m] = x[i];
			ut[m] = t_x[i];
			uT[m] = T[i];
			uw[m] = 0.0;
			slot[h] = ++m;
		}
		uw[slot[h] - 1] += wi;
		total += wi;
	}
	cxm__free(slot);
	d->n = m;
	d->x = ux;
	d->t_x = ut;
	d->T = uT;
	d->w = uw;
	d->total_weight = total;
	return CXM_OK;
}

int cxm__clv_index_times(cxm__clv_data *d, void **block)
{
	size_t n = d->n, mask, i, k = 0;
	uint32_t *slot, *ids;
	double *times;
	int rc;
	*block = NULL;
	/* indices (and the slots' row + 1) must fit 32 bits; the table below
	 * stays at most half full with all 2n times distinct */
	if (n == 0 || n > UINT32_MAX / 4 || n > SIZE_MAX / 32)
		return CXM_OK;
	if ((rc = cxm__alloc_array(block, n, 2 * sizeof *times + 2 * sizeof *ids, "distinct times")) < 0)
		return rc;
	if ((rc = cxm__alloc_slots(&slot, &mask, 4 * n, sizeof *slot, "distinct times")) < 0) {
		cxm__free(*block);
		*block = NULL;
		return rc;
	}
	times = *block;
	ids = (uint32_t *)(times + 2 * n);
	/* t_x of every row, then T of every row; slot holds index + 1, 0 = empty */
	for (i = 0; i < 2 * n; i++) {
		double v = i < n ? d->t_x[i] : d->T[i - n];
		size_t h = (size_t)cxm__mix64(cxm__double_bits(v)) & mask;
		while (slot[h] != 0 && times[slot[h] - 1] != v)
			h = (h + 1) & mask;
		if (slot[h] == 0) {
			times[k] = v;
			slot[h] = (uint32_t)++k;
		}
		ids[i] = slot[h] - 1;
	}
	cxm__free(slot);
	d->times = times;
	d->n_times = k;
	d->t_x_id = ids;
	d->T_id = ids + n;
	return CXM_OK;
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

