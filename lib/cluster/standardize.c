/*
 * lib/cluster/standardize.c - z-scores as scikit-learn's StandardScaler
 * (spec §14.1): column means and population standard deviations, a
 * constant column scaled by 1.
 *
 * The sums are Neumaier-compensated and the variance is the corrected
 * two-pass form sum((x - mean)^2) - (sum(x - mean))^2 / n (what
 * StandardScaler computes), so the results agree with scikit-learn's to a
 * few units in the last place. A column is constant, as
 * scikit-learn's _is_constant_feature decides, when var <= n eps var +
 * (n |mean| eps)^2.
 */
#include <float.h>
#include <math.h>
#include <string.h>
#include "internal.h"
#include "cluster_internal.h"

/* s + c is the running sum; Neumaier's step */
static inline void neumaier(double *s, double *c, double v)
{
	double t = *s + v;
	if (fabs(*s) >= fabs(v))
		*c += (*s - t) + v;
	else
		*c += (v - t) + *s;
	*s = t;
}

static int check_capacity(size_t n_out, size_t n_cols, const char *what)
{
	if (n_out < n_cols)
		return cxm__fail(CXM_EBAD_ARG, "n_%s = %zu is smaller than the %zu columns", what, n_out, n_cols);
	return CXM_OK;
}

cxm_status cxm_standardize_fit(double *means, size_t n_means, double *scales, size_t n_scales, const double *x,
			       size_t n_x, size_t n_cols)
{
	size_t rows = 0, i, f;
	double *acc;
	int rc;
	if ((rc = cxm__check_array(means, n_means, "means")) < 0 ||
	    (rc = cxm__check_array(scales, n_scales, "scales")) < 0 ||
	    (rc = cxm__check_ptr(means, "means")) < 0 || (rc = cxm__check_ptr(scales, "scales")) < 0 ||
	    (rc = check_capacity(n_means, n_cols, "means")) < 0 ||
	    (rc = check_capacity(n_scales, n_cols, "scales")) < 0 ||
	    (rc = cxm__cluster_check_x(&rows, x, n_x, n_cols, "x")) < 0)
		return rc;
	if ((rc = cxm__alloc_array(&acc, 4 * n_cols, sizeof *acc, "column sums")) < 0)
		return rc;
	memset(acc, 0, 4 * n_cols * sizeof *acc);
	for (i = 0; i < rows; i++)
		for (f = 0; f < n_cols; f++)
			neumaier(&acc[f], &acc[n_cols + f], x[i * n_cols + f]);
	for (f = 0; f < n_cols; f++)
		means[f] = (acc[f] + acc[n_cols + f]) / (double)rows;
	memset(acc, 0, 4 * n_cols * sizeof *acc);
	/* acc: sum of d^2 (+ compensation), sum of d (+ compensation) */
	for (i = 0; i < rows; i++) {
		for (f = 0; f < n_cols; f++) {
			double d = x[i * n_cols + f] - means[f];
			neumaier(&acc[f], &acc[n_cols + f], d * d);
			neumaier(&acc[2 * n_cols + f], &acc[3 * n_cols + f], d);
		}
	}
	for (f = 0; f < n_cols; f++) {
		double ss = acc[f] + acc[n_cols + f], sd = acc[2 * n_cols + f] + acc[3 * n_cols + f];
		double n = (double)rows, var = (ss - sd * sd / n) / n, bound;
		if (var < 0.0)
			var = 0.0;
		bound = n * DBL_EPSILON * var + (n * fabs(means[f]) * DBL_EPSILON) * (n * fabs(means[f]) * DBL_EPSILON);
		scales[f] = var <= bound ? 1.0 : sqrt(var);
	}
	cxm__free(acc);
	return CXM_OK;
}

cxm_status cxm_standardize_apply(double *out, size_t n_out, const double *x, size_t n_x, size_t n_cols,
				 const double *means, size_t n_means, const double *scales, size_t n_scales)
{
	size_t rows = 0, i, f;
	int rc;
	if ((rc = cxm__check_array(out, n_out, "out")) < 0 || (rc = cxm__check_ptr(out, "out")) < 0 ||
	    (rc = cxm__check_array(means, n_means, "means")) < 0 ||
	    (rc = cxm__check_array(scales, n_scales, "scales")) < 0 ||
	    (rc = cxm__cluster_check_x(&rows, x, n_x, n_cols, "x")) < 0)
		return rc;
	if (n_means < n_cols || n_scales < n_cols)
		return cxm__fail(CXM_EBAD_ARG, "n_means = %zu and n_scales = %zu must both be at least n_cols = %zu",
				 n_means, n_scales, n_cols);
	if (n_out < n_x)
		return cxm__fail(CXM_EBAD_ARG, "n_out = %zu is smaller than n_x = %zu", n_out, n_x);
	for (f = 0; f < n_cols; f++) {
		if (isnan(means[f]))
			return cxm__fail(CXM_ENAN, "means[%zu] is NaN", f);
		if (!isfinite(means[f]))
			return cxm__fail(CXM_EOUT_OF_RANGE, "means[%zu] is %g; it must be finite", f, means[f]);
		if (!(scales[f] > 0.0) || !isfinite(scales[f]))
			return cxm__fail(CXM_EBAD_ARG, "scales[%zu] is %g; a scale must be finite and > 0", f,
					 scales[f]);
	}
	for (i = 0; i < rows; i++)
		for (f = 0; f < n_cols; f++)
			out[i * n_cols + f] = (x[i * n_cols + f] - means[f]) / scales[f];
	return CXM_OK;
}
