/* lib/rfm/bins.c - R package rfm break points and scores (spec §7.2). */
#include <limits.h>
#include <math.h>
#include <string.h>
#include "rfm_internal.h"
#include "stats/stats_internal.h"

/* RFM values: NaN is NAN (R's quantile() stops), +-inf OUT_OF_RANGE, none EMPTY. */
static int check_values(const double *x, size_t n, const char *what)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (isnan(x[i]))
			return cxm__fail(CXM_ENAN, "%s[%zu] is NaN", what, i);
	for (i = 0; i < n; i++)
		if (isinf(x[i]))
			return cxm__fail(CXM_EOUT_OF_RANGE, "%s[%zu] = %.17g is infinite", what, i, x[i]);
	if (n == 0)
		return cxm__fail(CXM_EEMPTY, "%s is empty: no customers", what);
	return CXM_OK;
}

cxm_status cxm_rfm_breaks(double *breaks, size_t n_breaks, const double *x, size_t n)
{
	double *xs, by;
	size_t k, n_bins = n_breaks + 1;
	int rc;
	if ((rc = cxm__check_array(breaks, n_breaks, "breaks")) < 0 || (rc = cxm__check_array(x, n, "x")) < 0)
		return rc;
	if (n_breaks == 0)
		return cxm__fail(CXM_EBAD_ARG, "n_breaks = 0; at least 1 break point (2 bins) is needed");
	if (n_breaks >= UINT_MAX)
		return cxm__fail(CXM_EBAD_ARG, "n_breaks = %zu; scores of %zu bins would not fit an unsigned int",
				 n_breaks, n_bins);
	if ((rc = check_values(x, n, "x")) < 0)
		return rc;
	if ((rc = cxm__alloc_array(&xs, n, sizeof *xs, "cxm_rfm_breaks")) < 0)
		return rc;
	memcpy(xs, x, n * sizeof *xs);
	if ((rc = cxm__rfm_sort(xs, n, "cxm_rfm_breaks")) < 0) {
		cxm__free(xs);
		return rc;
	}
	/* p_k = k * (1/B), not k / B: this is what R's seq(0, 1, length.out = B + 1)
	 * computes (p_3 = 0.6000000000000001 for B = 5), and the breaks are compared
	 * with < and >=, so the last bit decides scores. The +1 is the package's. */
	by = 1.0 / (double)n_bins;
	for (k = 1; k < n_bins; k++)
		breaks[k - 1] = cxm__q7_sorted(xs, n, (double)k * by) + 1.0;
	cxm__free(xs);
	return CXM_OK;
}

/* One dimension to score: values, break points, and the bin edges they imply. */
typedef struct dim {
	const double *x, *b;
	size_t n, nb;
	double min, max1; /* min x and max x + 1: the outer edges */
	const char *what, *bwhat;
} dim;

static double lower_edge(const dim *d, size_t i)
{
	return i == 0 ? d->min : d->b[i - 1];
}

static double upper_edge(const dim *d, size_t i)
{
	return i == d->nb ? d->max1 : d->b[i];
}

/* 1-based bin of v, 0 when it is in none. R assigns bins 1..K in turn and a
 * later bin overwrites an earlier one, so the LAST interval holding v wins;
 * custom breaks need not be sorted, so every interval is looked at (K is
 * small: 5 by default). */
static size_t bin_of(const dim *d, double v)
{
	size_t i = d->nb + 1;
	while (i-- > 0)
		if (lower_edge(d, i) <= v && v < upper_edge(d, i))
			return i + 1;
	return 0;
}

static int dim_check(dim *d)
{
	size_t i;
	int rc;
	if ((rc = cxm__check_array(d->b, d->nb, d->bwhat)) < 0)
		return rc;
	if (d->nb == 0)
		return cxm__fail(CXM_EBAD_ARG, "%s is empty; at least one break point is needed", d->bwhat);
	if (d->nb >= UINT_MAX)
		return cxm__fail(CXM_EBAD_ARG, "%s has %zu break points; scores would not fit an unsigned int",
				 d->bwhat, d->nb);
	for (i = 0; i < d->nb; i++)
		if (!isfinite(d->b[i]))
			return cxm__fail(CXM_EBAD_ARG, "%s[%zu] = %.17g; break points must be finite",
					 d->bwhat, i, d->b[i]);
	if ((rc = check_values(d->x, d->n, d->what)) < 0)
		return rc;
	d->min = d->max1 = d->x[0];
	for (i = 1; i < d->n; i++) {
		if (d->x[i] < d->min)
			d->min = d->x[i];
		if (d->x[i] > d->max1)
			d->max1 = d->x[i];
	}
	d->max1 += 1.0;
	/* The intervals step from min through every break to max + 1, so each
	 * value lies under some upward step, sorted breaks or not; only when
	 * max + 1 rounds back to max (|max| >= 2^53) do values fall in no bin,
	 * where R would leave NA. */
	for (i = 0; i < d->n; i++)
		if (bin_of(d, d->x[i]) == 0)
			return cxm__fail(CXM_EBAD_ARG, "%s[%zu] = %.17g falls in no bin of the break points %s",
					 d->what, i, d->x[i], d->bwhat);
	return CXM_OK;
}

static void dim_fill(const dim *d, unsigned int *scores, double *lower, double *upper, int descending)
{
	unsigned int k = (unsigned int)d->nb + 1;
	size_t i;
	for (i = 0; i < d->n; i++) {
		unsigned int bin = (unsigned int)bin_of(d, d->x[i]);
		scores[i] = descending ? k + 1 - bin : bin; /* recency: fewest days scores K */
	}
	for (i = 0; i < k; i++) {
		if (lower)
			lower[i] = lower_edge(d, i);
		if (upper)
			upper[i] = upper_edge(d, i);
	}
}

cxm_status cxm_rfm_score(unsigned int *scores, size_t n_scores, double *lower, size_t n_lower, double *upper,
			 size_t n_upper, const double *x, size_t n, const double *breaks, size_t n_breaks,
			 int descending)
{
	dim d = { x, breaks, n, n_breaks, 0.0, 0.0, "x", "breaks" };
	int rc;
	if ((rc = cxm__check_array(x, n, "x")) < 0 ||
	    (rc = cxm__rfm_check_out(scores, n_scores, n, "scores", "customers")) < 0 ||
	    (rc = dim_check(&d)) < 0)
		return rc;
	/* the edges, when wanted: one per bin */
	if ((lower || n_lower) && (rc = cxm__rfm_check_out(lower, n_lower, n_breaks + 1, "lower", "bins")) < 0)
		return rc;
	if ((upper || n_upper) && (rc = cxm__rfm_check_out(upper, n_upper, n_breaks + 1, "upper", "bins")) < 0)
		return rc;
	dim_fill(&d, scores, lower, upper, descending);
	return CXM_OK;
}

cxm_status cxm_rfm_table(unsigned int *recency_score, size_t n_recency_score, unsigned int *frequency_score,
			 size_t n_frequency_score, unsigned int *monetary_score, size_t n_monetary_score,
			 unsigned int *rfm_score, size_t n_rfm_score, const double *recency_days,
		  size_t n_recency, const double *frequency, size_t n_frequency, const double *monetary,
		  size_t n_monetary, const double *recency_breaks, size_t n_recency_breaks,
		  const double *frequency_breaks, size_t n_frequency_breaks,
		  const double *monetary_breaks, size_t n_monetary_breaks)
{
	dim r = { recency_days, recency_breaks, n_recency, n_recency_breaks, 0.0, 0.0,
		  "recency_days", "recency_breaks" };
	dim f = { frequency, frequency_breaks, n_frequency, n_frequency_breaks, 0.0, 0.0,
		  "frequency", "frequency_breaks" };
	dim m = { monetary, monetary_breaks, n_monetary, n_monetary_breaks, 0.0, 0.0,
		  "monetary", "monetary_breaks" };
	size_t i, n = n_recency;
	int rc;
	if ((rc = cxm__check_array(recency_days, n_recency, "recency_days")) < 0 ||
	    (rc = cxm__check_array(frequency, n_frequency, "frequency")) < 0 ||
	    (rc = cxm__check_array(monetary, n_monetary, "monetary")) < 0)
		return rc;
	if (n_frequency != n || n_monetary != n)
		return cxm__fail(CXM_EBAD_ARG,
				 "recency_days, frequency and monetary have %zu, %zu and %zu entries; "
				 "they must be equal", n_recency, n_frequency, n_monetary);
	if ((rc = cxm__rfm_check_out(recency_score, n_recency_score, n, "recency_score", "customers")) < 0 ||
	    (rc = cxm__rfm_check_out(frequency_score, n_frequency_score, n, "frequency_score", "customers")) < 0 ||
	    (rc = cxm__rfm_check_out(monetary_score, n_monetary_score, n, "monetary_score", "customers")) < 0 ||
	    (rc = cxm__rfm_check_out(rfm_score, n_rfm_score, n, "rfm_score", "customers")) < 0)
		return rc;
	/* All three are checked before any output is written. */
	if ((rc = dim_check(&r)) < 0 || (rc = dim_check(&f)) < 0 || (rc = dim_check(&m)) < 0)
		return rc;
	dim_fill(&r, recency_score, NULL, NULL, 1);
	dim_fill(&f, frequency_score, NULL, NULL, 0);
	dim_fill(&m, monetary_score, NULL, NULL, 0);
	for (i = 0; i < n; i++)
		rfm_score[i] = 100u * recency_score[i] + 10u * frequency_score[i] + monetary_score[i];
	return CXM_OK;
}
