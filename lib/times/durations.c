/* lib/times/durations.c - per-request durations from timestamps (spec §4). */
#include <math.h>
#include "internal.h"

cxm_status cxm_time_durations(double *out, size_t cap, size_t *n_written, const double *created,
		       size_t n_created, const double *responded, size_t n_responded, int nan_policy)
{
	size_t i, m, nans = 0, first_nan = 0, first_bad = n_created;
	int rc;

	if ((rc = cxm__check_ptr(n_written, "n_written")) < 0 || (rc = cxm__check_array(out, cap, "out")) < 0 ||
	    (rc = cxm__check_array(created, n_created, "created")) < 0 ||
	    (rc = cxm__check_array(responded, n_responded, "responded")) < 0 ||
	    (rc = cxm__check_nan_policy(nan_policy)) < 0)
		return rc;
	if (n_created != n_responded)
		return cxm__fail(CXM_EBAD_ARG, "created has %zu entries but responded has %zu",
				 n_created, n_responded);
	/* A request without a creation time is broken data, not "unanswered". */
	for (i = 0; i < n_created; i++)
		if (isnan(created[i]))
			return cxm__fail(CXM_ENAN, "created[%zu] is NaN", i);
	/* The reference subtracts first and then applies the NaN policy to the
	 * differences, so inf - inf (NaN) counts as unanswered like a NaN reply. */
	for (i = 0; i < n_created; i++) {
		double d = responded[i] - created[i];
		if (isnan(d)) {
			if (nans++ == 0)
				first_nan = i;
		} else if (!(isfinite(d) && d >= 0.0) && first_bad == n_created) {
			first_bad = i;
		}
	}
	if (nans && nan_policy == CXM_NAN_ERROR)
		return cxm__fail(CXM_ENAN,
				 "responded[%zu] is NaN (an unanswered request; %zu in all; "
				 "pass nan_policy=omit to drop them)", first_nan, nans);
	if (first_bad < n_created)
		return cxm__fail(CXM_EOUT_OF_RANGE,
				 "request %zu: responded %.17g - created %.17g = %.17g; a duration must be "
				 "finite and >= 0", first_bad, responded[first_bad], created[first_bad],
				 responded[first_bad] - created[first_bad]);
	m = n_created - nans;
	if (cap < m)
		return cxm__fail(CXM_EBAD_ARG, "out has capacity %zu but %zu durations are needed", cap, m);
	for (i = 0, m = 0; i < n_created; i++) {
		double d = responded[i] - created[i];
		if (!isnan(d))
			out[m++] = d;
	}
	*n_written = m;
	return CXM_OK;
}
