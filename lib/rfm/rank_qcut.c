/* lib/rfm/rank_qcut.c - Python rfm package scoring: qcut of first-ranks (spec §7.4). */
#include <math.h>
#include <stdlib.h>
#include "rfm_internal.h"


/*
 * numpy.quantile(ranks, linspace(0, 1, B + 1)) for ranks 1..n, with numpy's
 * arithmetic: linspace gives q_j = j * (1/B) and q_B = 1 exactly; the "linear"
 * method takes v = (n - 1) q, a = sorted[floor v] = floor v + 1, b = a + 1
 * (b = a at the top), g = v - floor v, and lerps as a + (b - a) g, or as
 * b - (b - a)(1 - g) when g >= 1/2.
 */
static void qcut_edges(double *edges, size_t n, unsigned int n_bins)
{
	double step = 1.0 / (double)n_bins, top = (double)(n - 1);
	size_t j; /* j <= n_bins must not wrap when n_bins == UINT_MAX */
	for (j = 0; j <= n_bins; j++) {
		double q = j == n_bins ? 1.0 : (double)j * step;
		double v = top * q, fl = floor(v), g = v - fl, a, b;
		if (v >= top) {
			edges[j] = (double)n;
			continue;
		}
		a = fl + 1.0;
		b = a + 1.0;
		edges[j] = g >= 0.5 ? b - (b - a) * (1.0 - g) : a + (b - a) * g;
	}
}

cxm_status cxm_rfm_rank_qcut(unsigned int *scores, size_t n_scores, const double *x, size_t n,
			     unsigned int n_bins, int descending)
{
	size_t *order = NULL;
	void *order_block = NULL;
	double *edges = NULL;
	size_t i, j;
	int rc;
	if ((rc = cxm__check_array(x, n, "x")) < 0 ||
	    (rc = cxm__rfm_check_out(scores, n_scores, n, "scores", "customers")) < 0)
		return rc;
	if (n_bins == 0)
		return cxm__fail(CXM_EBAD_ARG, "n_bins = 0; at least 1 bin is needed");
	for (i = 0; i < n; i++)
		if (isnan(x[i]))
			return cxm__fail(CXM_ENAN, "x[%zu] is NaN", i);
	for (i = 0; i < n; i++)
		if (isinf(x[i]))
			return cxm__fail(CXM_EOUT_OF_RANGE, "x[%zu] = %.17g is infinite", i, x[i]);
	if (n == 0)
		return cxm__fail(CXM_EEMPTY, "x is empty: no customers");
	if (n < 2)
		return cxm__fail(CXM_ETOO_FEW, "rank qcut needs at least 2 values (pandas: bin edges must be unique)");
	if ((rc = cxm__alloc_array(&edges, (size_t)n_bins + 1, sizeof *edges, "cxm_rfm_rank_qcut")) < 0)
		return rc;
	qcut_edges(edges, n, n_bins);
	/* The edges never decrease (each is one rounding of an increasing exact
	 * value), so pandas' "bin edges must be unique" is a check of neighbours. */
	for (j = 1; j <= n_bins; j++) {
		if (edges[j] == edges[j - 1]) {
			rc = cxm__fail(CXM_ETOO_FEW, "%u bins of %zu ranks give the duplicate bin edge %.17g",
				       n_bins, n, edges[j]);
			cxm__free(edges);
			return rc;
		}
	}
	/* by value, ties by input position: rank(method='first') is a stable
	 * argsort (radix.c) */
	if ((rc = cxm__alloc_big(&order, &order_block, n, sizeof *order, "cxm_rfm_rank_qcut")) < 0 ||
	    (rc = cxm__rfm_radix_order(order, x, n, "cxm_rfm_rank_qcut")) < 0) {
		cxm__free_big(order_block);
		cxm__free(edges);
		return rc;
	}
	for (i = 0; i < n; i++) {
		/* rank r is in bin j when e_{j-1} < r <= e_j (bin 1 closed): the first
		 * j in 1..B-1 with r <= e_j, else B; binary search on increasing edges */
		double r = (double)(i + 1);
		unsigned int lo = 1, hi = n_bins;
		while (lo < hi) {
			unsigned int mid = lo + (hi - lo) / 2;
			if (r <= edges[mid])
				hi = mid;
			else
				lo = mid + 1;
		}
		scores[order[i]] = descending ? n_bins + 1 - lo : lo;
	}
	cxm__free_big(order_block);
	cxm__free(edges);
	return CXM_OK;
}
