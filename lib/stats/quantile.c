/* lib/stats/quantile.c - Hyndman & Fan type-7 quantiles (spec §0.4). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "stats_internal.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

void cxm__sort_doubles(double *x, size_t n)
{
	qsort(x, n, sizeof *x, cmp_double);
}

double cxm__q7_sorted(const double *xs, size_t n, double p)
{
	/* R 4.2.2 stats:::quantile.default, type 7: index = 1 + (n - 1) p,
	 * Q = x[lo] when h == 0 or x[hi] == x[lo], else (1 - h) x[lo] + h x[hi]. */
	double index = 1.0 + (double)(n - 1) * p;
	double lo = floor(index), hi = ceil(index);
	double qlo = xs[(size_t)lo - 1], qhi = xs[(size_t)hi - 1];
	if (index > lo && qhi != qlo) {
		double h = index - lo;
		return (1.0 - h) * qlo + h * qhi;
	}
	return qlo;
}

cxm_status cxm_quantile7(double *out, const double *x, size_t n, double p, int nan_policy)
{
	double *xs;
	size_t i, m = 0;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0 || (rc = cxm__check_array(x, n, "x")) < 0 ||
	    (rc = cxm__check_nan_policy(nan_policy)) < 0)
		return rc;
	if (!(p >= 0.0 && p <= 1.0))
		return cxm__fail(CXM_EBAD_ARG, "p must be in [0, 1], got %.17g", p);
	for (i = 0; i < n; i++) {
		if (isnan(x[i])) {
			if (nan_policy == CXM_NAN_ERROR)
				return cxm__fail(CXM_ENAN, "x[%zu] is NaN (pass nan_policy=omit to drop NaN)", i);
		} else {
			m++;
		}
	}
	if (m == 0)
		return cxm__fail(CXM_EEMPTY, "no values%s", n ? " after omitting NaN" : "");
	for (i = 0; i < n; i++)
		if (isinf(x[i]))
			return cxm__fail(CXM_EOUT_OF_RANGE, "x[%zu] is infinite", i);
	if ((rc = cxm__alloc_array(&xs, m, sizeof *xs, "cxm_quantile7")) < 0)
		return rc;
	for (i = 0, m = 0; i < n; i++)
		if (!isnan(x[i]))
			xs[m++] = x[i];
	cxm__sort_doubles(xs, m);
	*out = cxm__q7_sorted(xs, m, p);
	cxm__free(xs);
	return CXM_OK;
}
