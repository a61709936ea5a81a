/*
 * lib/stats/adjust.c - adjusted p-values for many tests (spec §17.4 Holm,
 * §17.5 Benjamini-Hochberg), with R's p.adjust arithmetic, and the names
 * table of the methods.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "names.h"

static const cxm__word p_adjust_words[] = {
	{ "none", CXM_P_ADJUST_NONE }, { "holm", CXM_P_ADJUST_HOLM }, { "bh", CXM_P_ADJUST_BH }
};
const cxm__names cxm__p_adjust_names = CXM__NAMES("adjust", p_adjust_words, 0);

typedef struct ranked {
	double p;
	size_t i; /* index in the caller's array; breaks ties so the order is total */
} ranked;

static int by_p_ascending(const void *a, const void *b)
{
	const ranked *x = a, *y = b;
	if (x->p != y->p)
		return x->p < y->p ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

cxm_status cxm_p_adjust(double *out, size_t n_out, const double *p, size_t n, int method)
{
	ranked *r = NULL;
	size_t i, m = 0;
	int rc;
	if ((rc = cxm__check_array(out, n_out, "out")) < 0 || (rc = cxm__check_array(p, n, "p")) < 0 ||
	    (rc = cxm__names_check(&cxm__p_adjust_names, method)) < 0)
		return rc;
	if (n_out < n)
		return cxm__fail(CXM_EBAD_ARG, "n_out = %zu is smaller than the %zu p-values", n_out, n);
	for (i = 0; i < n; i++) {
		if (isnan(p[i]))
			continue;
		if (!(p[i] >= 0.0 && p[i] <= 1.0))
			return cxm__fail(CXM_EBAD_ARG, "p[%zu] = %.17g; a p-value must be in [0, 1] (or NaN: no test)",
					 i, p[i]);
		m++;
	}
	if (method == CXM_P_ADJUST_NONE || m == 0) {
		if (out != p)
			memmove(out, p, n * sizeof *out);
		return CXM_OK;
	}
	if ((rc = cxm__alloc_array(&r, m, sizeof *r, "the p-values' order")) < 0)
		return rc;
	for (i = 0, m = 0; i < n; i++)
		if (!isnan(p[i]))
			r[m++] = (ranked){ p[i], i };
	for (i = 0; i < n; i++) /* after p is read: out may be p */
		out[i] = NAN;
	qsort(r, m, sizeof *r, by_p_ascending);
	if (method == CXM_P_ADJUST_HOLM) {
		/* R: pmin(1, cummax((n - i + 1) * p[o])), p ascending, i = 1..n */
		double run = 0.0;
		for (i = 0; i < m; i++) {
			double a = (double)(m - i) * r[i].p;
			if (a > run)
				run = a;
			out[r[i].i] = fmin(1.0, run);
		}
	} else {
		/* R: pmin(1, cummin(n / i * p[o])), p descending, i = n..1 */
		double run = INFINITY;
		for (i = m; i-- > 0;) {
			double a = (double)m / (double)(i + 1) * r[i].p;
			if (a < run)
				run = a;
			out[r[i].i] = fmin(1.0, run);
		}
	}
	cxm__free(r);
	return CXM_OK;
}
