/* lib/scores/validate.c - checking and tallying rating-scale answers (spec §0.3). */
#include <math.h>
#include "scores_internal.h"

int cxm__check_scores(const double *s, size_t n, int lo, int hi, int nan_policy, size_t *n_nan,
		      const char *what)
{
	size_t i, nans = 0, first_nan = n, first_range = n, first_frac = n;
	int rc;

	if ((rc = cxm__check_array(s, n, what)) < 0 || (rc = cxm__check_nan_policy(nan_policy)) < 0)
		return rc;
	for (i = 0; i < n; i++) {
		double x = s[i];
		if (isnan(x)) {
			if (nans++ == 0)
				first_nan = i;
		} else if (!(x >= lo && x <= hi)) {
			if (first_range == n)
				first_range = i;
		} else if (x != floor(x) && first_frac == n) {
			first_frac = i;
		}
	}
	if (nans && nan_policy == CXM_NAN_ERROR)
		return cxm__fail(CXM_ENAN, "%s[%zu] is NaN (%zu NaN in all; pass nan_policy=omit to drop them)",
				 what, first_nan, nans);
	if (first_range < n)
		return cxm__fail(CXM_EOUT_OF_RANGE, "%s[%zu] = %.17g is outside the scale %d..%d",
				 what, first_range, s[first_range], lo, hi);
	if (first_frac < n)
		return cxm__fail(CXM_ENON_INTEGER, "%s[%zu] = %.17g is not an integer point of the scale %d..%d",
				 what, first_frac, s[first_frac], lo, hi);
	if (n_nan)
		*n_nan = nans;
	return CXM_OK;
}

void cxm__tally_doubles(uint64_t *counts, const double *s, size_t n, int lo)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!isnan(s[i]))
			counts[(int)s[i] - lo]++;
}

int cxm__csat_threshold(int *out, int lo, int hi, int threshold)
{
	if (threshold == CXM_CSAT_DEFAULT_THRESHOLD) {
		/* top-2-box on scales of 5 or more points, top box on shorter ones */
		*out = hi - lo + 1 >= 5 ? hi - 1 : hi;
		return CXM_OK;
	}
	if (threshold < lo || threshold > hi)
		return cxm__fail(CXM_EBAD_ARG, "threshold %d is off the scale %d..%d", threshold, lo, hi);
	*out = threshold;
	return CXM_OK;
}
