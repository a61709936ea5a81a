/* lib/times/summary.c - mean, median and p90 of durations (spec §4). */
#include <math.h>
#include "internal.h"
#include "xsum.h"
#include "stats/stats_internal.h"

cxm_status cxm_time_summarize(cxm_time_summary *out, const double *durations, size_t n, int nan_policy)
{
	size_t i, m = 0, nans = 0, first_nan = n, first_bad = n;
	double *xs;
	cxm__xsum total;
	int rc;

	if ((rc = CXM__CHECK_OUT(out, CXM_TIME_SUMMARY_VERSION, "cxm_time_summary")) < 0 ||
	    (rc = cxm__check_array(durations, n, "durations")) < 0 ||
	    (rc = cxm__check_nan_policy(nan_policy)) < 0)
		return rc;
	/* The reference applies the NaN policy before anything else (§0.3), so a
	 * NaN is reported ahead of an out-of-range value wherever it sits. */
	for (i = 0; i < n; i++) {
		double x = durations[i];
		if (isnan(x)) {
			if (nans++ == 0)
				first_nan = i;
		} else if (!(isfinite(x) && x >= 0.0) && first_bad == n) {
			first_bad = i;
		}
	}
	if (nans && nan_policy == CXM_NAN_ERROR)
		return cxm__fail(CXM_ENAN,
				 "durations[%zu] is NaN (an unanswered request; %zu NaN in all; "
				 "pass nan_policy=omit to drop them)", first_nan, nans);
	if (first_bad < n)
		return cxm__fail(CXM_EOUT_OF_RANGE, "durations[%zu] = %.17g; durations must be finite and >= 0",
				 first_bad, durations[first_bad]);
	m = n - nans;
	if (m == 0)
		return cxm__fail(CXM_EEMPTY, "no durations%s", n ? " left after omitting NaN" : "");
	if ((rc = cxm__alloc_array(&xs, m, sizeof *xs, "cxm_time_summarize")) < 0)
		return rc;
	/* The total is exact and rounded once, as the reference's math.fsum. */
	cxm__xsum_init(&total);
	for (i = 0, m = 0; i < n; i++) {
		if (!isnan(durations[i])) {
			xs[m++] = durations[i];
			cxm__xsum_add(&total, durations[i]);
		}
	}
	cxm__sort_doubles(xs, m);
	out->n = m;
	out->total = cxm__xsum_round(&total);
	out->mean = out->total / (double)m;
	out->median = cxm__q7_sorted(xs, m, 0.5);
	out->p90 = cxm__q7_sorted(xs, m, 0.9);
	out->min = xs[0];
	out->max = xs[m - 1];
	cxm__free(xs);
	return CXM_OK;
}

cxm_status cxm_time_average_from_total(double *out, double total_time, double n_requests)
{
	uint64_t n;
	int rc;

	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	if (isnan(total_time))
		return cxm__fail(CXM_ENAN, "total_time is NaN");
	if (!(isfinite(total_time) && total_time >= 0.0))
		return cxm__fail(CXM_EBAD_ARG, "total_time must be finite and >= 0, got %.17g", total_time);
	if ((rc = cxm__count(&n, n_requests, "n_requests")) < 0)
		return rc;
	if (n == 0)
		return cxm__fail(CXM_EEMPTY, "n_requests = 0: no request to average over");
	*out = total_time / (double)n;
	return CXM_OK;
}
