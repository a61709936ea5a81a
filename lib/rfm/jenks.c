/*
 * lib/rfm/jenks.c - Fisher-Jenks natural breaks, the exact optimum (spec §7.7).
 *
 * Fisher (1958): the partition of ordered values into K classes of
 * consecutive values that minimises the total within-class sum of squared
 * deviations is found by dynamic programming. Classes never split equal
 * values, so the DP runs over the m distinct values with their
 * multiplicities as weights:
 *
 *   D[1][j] = SSE(0..j),   D[c][j] = min over c-1 <= i <= j of D[c-1][i-1] + SSE(i..j)
 *
 * SSE(i..j) comes from prefix sums of w, w d and w d^2 with d = v - mean
 * (centred, so that the differences of large sums lose little). The least
 * argmin i of row c never decreases with j (SSE satisfies the quadrangle
 * inequality), so each row is filled by divide and conquer in O(m log m):
 * O(K m log m) in all, about a second for 1M distinct values.
 */
#include <math.h>
#include <string.h>
#include "rfm_internal.h"

typedef struct jenks {
	const double *w, *s1, *s2; /* prefix sums, m + 1 entries */
	const double *prev;        /* D[c-1][.] */
	double *cur;               /* D[c][.] */
	uint32_t *arg;             /* the least argmin i of D[c][j] */
	size_t c;                  /* class index, 0-based: the row being filled */
} jenks;

/* SSE of the distinct values i..j (inclusive). */
static inline double sse(const jenks *J, size_t i, size_t j)
{
	double w = J->w[j + 1] - J->w[i], s = J->s1[j + 1] - J->s1[i];
	double v = (J->s2[j + 1] - J->s2[i]) - s * s / w;
	return v > 0.0 ? v : 0.0;
}

/* D[c][j] for j in [jlo, jhi], knowing its argmin lies in [ilo, ihi]. */
static void fill(jenks *J, size_t jlo, size_t jhi, size_t ilo, size_t ihi)
{
	while (jlo <= jhi) {
		size_t mid = jlo + (jhi - jlo) / 2, i, best = ilo, top = ihi < mid ? ihi : mid;
		double bestv = INFINITY;
		for (i = ilo; i <= top; i++) {
			double v = J->prev[i - 1] + sse(J, i, mid);
			if (v < bestv) {
				bestv = v;
				best = i;
			}
		}
		J->cur[mid] = bestv;
		J->arg[mid] = (uint32_t)best;
		/* the left half recursively, the right half by looping */
		if (mid > jlo)
			fill(J, jlo, mid - 1, ilo, best);
		jlo = mid + 1;
		ilo = best;
	}
}

cxm_status cxm_rfm_jenks_breaks(double *breaks, size_t n_breaks, const double *x, size_t n)
{
	double *v = NULL, *w = NULL, *s1 = NULL, *s2 = NULL, *d0 = NULL, *d1 = NULL, mean = 0.0;
	uint32_t *arg = NULL;
	size_t i, m, c, k = n_breaks + 1;
	jenks J;
	int rc;
	if ((rc = cxm__check_array(breaks, n_breaks, "breaks")) < 0 || (rc = cxm__check_array(x, n, "x")) < 0)
		return rc;
	if (n_breaks == 0)
		return cxm__fail(CXM_EBAD_ARG, "n_breaks = 0; at least 1 break point (2 classes) is needed");
	for (i = 0; i < n; i++)
		if (isnan(x[i]))
			return cxm__fail(CXM_ENAN, "x[%zu] is NaN", i);
	for (i = 0; i < n; i++)
		if (isinf(x[i]))
			return cxm__fail(CXM_EOUT_OF_RANGE, "x[%zu] = %.17g is infinite", i, x[i]);
	if (n == 0)
		return cxm__fail(CXM_EEMPTY, "x is empty: no customers");
	if ((rc = cxm__alloc_array(&v, n, sizeof *v, "cxm_rfm_jenks_breaks")) < 0 ||
	    (rc = cxm__alloc_array(&w, n + 1, sizeof *w, "cxm_rfm_jenks_breaks")) < 0)
		goto done;
	memcpy(v, x, n * sizeof *v);
	if ((rc = cxm__rfm_sort(v, n, "cxm_rfm_jenks_breaks")) < 0)
		goto done;
	/* distinct values and their counts */
	for (i = 0, m = 0; i < n; i++) {
		if (m > 0 && v[m - 1] == v[i]) {
			w[m - 1] += 1.0;
		} else {
			v[m] = v[i];
			w[m++] = 1.0;
		}
	}
	if (m < k) {
		rc = cxm__fail(CXM_ETOO_FEW, "%zu classes need at least %zu distinct values; x has %zu", k, k, m);
		goto done;
	}
	if (m > UINT32_MAX) {
		rc = cxm__fail(CXM_EBAD_ARG, "x has %zu distinct values; at most %u are supported", m, UINT32_MAX);
		goto done;
	}
	if ((rc = cxm__alloc_array(&s1, m + 1, sizeof *s1, "cxm_rfm_jenks_breaks")) < 0 ||
	    (rc = cxm__alloc_array(&s2, m + 1, sizeof *s2, "cxm_rfm_jenks_breaks")) < 0 ||
	    (rc = cxm__alloc_array(&d0, m, sizeof *d0, "cxm_rfm_jenks_breaks")) < 0 ||
	    (rc = cxm__alloc_array(&d1, m, sizeof *d1, "cxm_rfm_jenks_breaks")) < 0 ||
	    (rc = cxm__alloc_array(&arg, k * m, sizeof *arg, "cxm_rfm_jenks_breaks")) < 0)
		goto done;
	for (i = 0; i < m; i++)
		mean += w[i] * v[i];
	mean /= (double)n;
	/* prefix sums, w turned into its own prefix sums last (from the top) */
	s1[0] = s2[0] = 0.0;
	for (i = 0; i < m; i++) {
		double d = v[i] - mean;
		s1[i + 1] = s1[i] + w[i] * d;
		s2[i + 1] = s2[i] + w[i] * d * d;
	}
	for (i = m; i > 0; i--)
		w[i] = w[i - 1];
	w[0] = 0.0;
	for (i = 1; i <= m; i++)
		w[i] += w[i - 1];
	J.w = w;
	J.s1 = s1;
	J.s2 = s2;
	for (i = 0; i < m; i++) {
		d0[i] = sse(&J, 0, i);
		arg[i] = 0;
	}
	for (c = 1; c < k; c++) {
		double *t;
		J.prev = d0;
		J.cur = d1;
		J.arg = arg + c * m;
		J.c = c;
		/* D[c][j] needs j >= c (c + 1 classes of distinct values) */
		fill(&J, c, m - 1, c, m - 1);
		t = d0;
		d0 = d1;
		d1 = t;
	}
	/* back from the last value: class c starts at arg[c][end] */
	{
		size_t end = m - 1;
		for (c = k - 1; c > 0; c--) {
			size_t start = arg[c * m + end];
			breaks[c - 1] = v[start];
			end = start - 1;
		}
	}
	rc = CXM_OK;
done:
	cxm__free(arg);
	cxm__free(d1);
	cxm__free(d0);
	cxm__free(s2);
	cxm__free(s1);
	cxm__free(w);
	cxm__free(v);
	return rc;
}
