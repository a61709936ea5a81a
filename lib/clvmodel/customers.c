/*
 * lib/clvmodel/customers.c - the checks of a customer summary (customers.h).
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include "internal.h"
#include "customers.h"

/* Row i of a customer summary, as every model reads it. `discrete`: BG/BB,
 * where recency and T count whole periods. */
int cxm__clv_check_row(const double *x, const double *t_x, const double *T, size_t i, int discrete)
{
	/* The common case first, in a few comparisons (1M rows are checked on
	 * every call): an integer x below 2^53, 0 <= t_x <= T < inf, t_x = 0
	 * when x = 0. NaN fails every comparison and goes to the checks below. */
	if (!discrete && x[i] >= 0.0 && x[i] <= 9007199254740992.0 && (double)(int64_t)x[i] == x[i] &&
	    t_x[i] >= 0.0 && t_x[i] <= T[i] && T[i] <= DBL_MAX && (x[i] > 0.0 || t_x[i] == 0.0))
		return CXM_OK;
	if (isnan(x[i]))
		return cxm__fail(CXM_ENAN, "frequency[%zu] is NaN", i);
	if (isnan(t_x[i]))
		return cxm__fail(CXM_ENAN, "recency[%zu] is NaN", i);
	if (isnan(T[i]))
		return cxm__fail(CXM_ENAN, "T[%zu] is NaN", i);
	if (!(x[i] >= 0.0) || !isfinite(x[i]) || x[i] != floor(x[i]))
		return cxm__fail(CXM_EBAD_ARG, "frequency[%zu] = %.17g must be a non-negative integer "
				 "(the number of repeat purchases)", i, x[i]);
	if (!(t_x[i] >= 0.0) || !isfinite(t_x[i]))
		return cxm__fail(CXM_EBAD_ARG, "recency[%zu] = %.17g must be finite and >= 0", i, t_x[i]);
	if (!(T[i] >= 0.0) || !isfinite(T[i]))
		return cxm__fail(CXM_EBAD_ARG, "T[%zu] = %.17g must be finite and >= 0", i, T[i]);
	if (t_x[i] > T[i])
		return cxm__fail(CXM_EBAD_ARG, "recency[%zu] = %.17g exceeds T[%zu] = %.17g: the last purchase "
				 "cannot follow the end of the calibration period", i, t_x[i], i, T[i]);
	if (x[i] == 0.0 && t_x[i] != 0.0)
		return cxm__fail(CXM_EBAD_ARG, "frequency[%zu] is 0 but recency[%zu] = %.17g; without a repeat "
				 "purchase the recency is 0", i, i, t_x[i]);
	if (discrete) {
		if (t_x[i] != floor(t_x[i]) || T[i] != floor(T[i]))
			return cxm__fail(CXM_EBAD_ARG, "recency[%zu] = %.17g and T[%zu] = %.17g must be whole "
					 "numbers of periods for BG/BB", i, t_x[i], i, T[i]);
		if (x[i] > t_x[i])
			return cxm__fail(CXM_EBAD_ARG, "frequency[%zu] = %.17g exceeds recency[%zu] = %.17g: BG/BB "
					 "has at most one transaction per period", i, x[i], i, t_x[i]);
	}
	return CXM_OK;
}

/* The three columns of n customers: pointers and equal lengths. */
int cxm__clv_check_columns(size_t *n, const double *x, size_t n_x, const double *t_x, size_t n_t_x,
			   const double *T, size_t n_T)
{
	int rc;
	if ((rc = cxm__check_array(x, n_x, "frequency")) < 0 ||
	    (rc = cxm__check_array(t_x, n_t_x, "recency")) < 0 || (rc = cxm__check_array(T, n_T, "T")) < 0)
		return rc;
	if (n_t_x != n_x || n_T != n_x)
		return cxm__fail(CXM_EBAD_ARG, "frequency, recency and T have %zu, %zu and %zu rows; they must "
				 "be equal", n_x, n_t_x, n_T);
	*n = n_x;
	return CXM_OK;
}

/* The three columns of n customers: pointers, equal lengths, valid rows. */
int cxm__clv_check_rows(size_t *n, const double *x, size_t n_x, const double *t_x, size_t n_t_x,
			const double *T, size_t n_T, int discrete)
{
	size_t i;
	int rc;
	if ((rc = cxm__clv_check_columns(n, x, n_x, t_x, n_t_x, T, n_T)) < 0)
		return rc;
	for (i = 0; i < n_x; i++)
		if ((rc = cxm__clv_check_row(x, t_x, T, i, discrete)) < 0)
			return rc;
	return CXM_OK;
}
