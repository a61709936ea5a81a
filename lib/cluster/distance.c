/*
 * lib/cluster/distance.c - what every clustering file shares: squared
 * Euclidean distances of a block of rows to the centres, row norms, and the
 * check of a numeric feature matrix (spec §14).
 */
#include <math.h>
#include "internal.h"
#include "cluster_internal.h"

void cxm__row_norms(double *out, const double *x, size_t m, size_t p)
{
	size_t i, f;
	for (i = 0; i < m; i++) {
		const double *r = x + i * p;
		double s = 0.0;
		for (f = 0; f < p; f++)
			s += r[f] * r[f];
		out[i] = s;
	}
}

/* Rows of this many are done against all centres before the next ones, so
 * that a row stays in L1 while its k distances are formed; the centres (k x
 * p doubles) are read once per row from L1/L2. */
void cxm__sqdist_block(double *d, const double *x, size_t m, const double *c, size_t k, size_t p,
		       const double *xnorm, const double *cnorm)
{
	size_t i, j, f;
	for (i = 0; i < m; i++) {
		const double *r = x + i * p;
		double *di = d + i * k;
		for (j = 0; j < k; j++) {
			const double *cj = c + j * p;
			double dot = 0.0, v;
			for (f = 0; f < p; f++)
				dot += r[f] * cj[f];
			v = xnorm[i] - 2.0 * dot + cnorm[j];
			di[j] = v > 0.0 ? v : 0.0;
		}
	}
}

/* Where the first NaN or infinity of x[from..to) is (to when none). The
 * common case, no bad value, costs one pass of x - x over the block. */
static size_t first_bad(const double *x, size_t from, size_t to)
{
	size_t i, b;
	for (b = from; b < to; b += 4096) {
		size_t e = b + 4096 < to ? b + 4096 : to;
		double s = 0.0;
		for (i = b; i < e; i++)
			s += x[i] - x[i];
		if (s == s)
			continue;
		for (i = b; i < e; i++)
			if (!isfinite(x[i]))
				return i;
	}
	return to;
}

int cxm__cluster_check_x(size_t *rows, const double *x, size_t n_x, size_t n_cols, const char *what)
{
	size_t at;
	int rc;
	*rows = 0;
	if ((rc = cxm__check_array(x, n_x, what)) < 0)
		return rc;
	if (n_cols == 0)
		return cxm__fail(CXM_EBAD_ARG, "n_cols is 0; %s needs at least one column", what);
	if (n_x % n_cols != 0)
		return cxm__fail(CXM_EBAD_ARG, "n_%s = %zu is not a multiple of n_cols = %zu", what, n_x, n_cols);
	if (n_x == 0)
		return cxm__fail(CXM_EEMPTY, "%s has no rows", what);
	at = first_bad(x, 0, n_x);
	if (at < n_x) {
		if (isnan(x[at]))
			return cxm__fail(CXM_ENAN, "%s has NaN at row %zu, column %zu", what, at / n_cols,
					 at % n_cols);
		return cxm__fail(CXM_EOUT_OF_RANGE, "%s has %g at row %zu, column %zu; features must be finite",
				 what, x[at], at / n_cols, at % n_cols);
	}
	*rows = n_x / n_cols;
	return CXM_OK;
}
