/*
 * tests/unit/clvmodel_test.h - what the CLV model suites share: a fit result with
 * given parameters, and model data over caller arrays. Included by one .c per
 * test program.
 */
#ifndef CXM_TEST_CLVTEST_H
#define CXM_TEST_CLVTEST_H

#include <stdlib.h>
#include <string.h>
#include "cxmetrics.h"
#include "clvmodel/models.h"

/* A fitted model with these parameters (as if cxm_clv_fit had found them). */
static inline cxm_clv_fit_result fit_with(int model, const double *params, size_t n)
{
	cxm_clv_fit_result r = CXM_CLV_FIT_RESULT_INIT;
	size_t i;
	r.model = model;
	r.n_params = n;
	for (i = 0; i < n; i++)
		r.params[i] = params[i];
	return r;
}

/* Fit options with `threads` threads and at most `max_iterations` steps (0:
 * the defaults); free them with cxm_clv_fit_opts_free. */
static inline cxm_clv_fit_opts *opts_with(unsigned int threads, unsigned int max_iterations)
{
	cxm_clv_fit_opts *o = NULL;
	if (cxm_clv_fit_opts_new(&o) != CXM_OK || cxm_clv_fit_opts_set_threads(o, threads) != CXM_OK ||
	    cxm_clv_fit_opts_set_max_iterations(o, max_iterations) != CXM_OK)
		abort();
	return o;
}

/* Model data over (x, t_x, T) rows with optional weights, as fit_customers.c builds it. */
static inline cxm__clv_data data_of(const double *x, const double *tx, const double *T, const double *w,
			     size_t n, unsigned threads)
{
	cxm__clv_data d;
	size_t i;
	memset(&d, 0, sizeof d);
	d.n = n;
	d.x = x;
	d.t_x = tx;
	d.T = T;
	d.w = w;
	for (i = 0; i < n; i++)
		d.total_weight += w ? w[i] : 1.0;
	d.threads = threads;
	return d;
}

#endif
