/* lib/rates/mau.c - distinct active users in a half-open window (spec §5.5). */
#include <math.h>
#include "internal.h"
#include "strset.h"

cxm_status cxm_monthly_active_users(size_t *out, const char *const *user_ids, size_t n_ids,
			     const double *timestamps, size_t n_timestamps, double window_start,
			     double window_end, int nan_policy)
{
	cxm__strset seen;
	size_t i, in_window = 0;
	int rc;

	if ((rc = cxm__check_ptr(out, "out")) < 0 || (rc = cxm__check_array(user_ids, n_ids, "user_ids")) < 0 ||
	    (rc = cxm__check_array(timestamps, n_timestamps, "timestamps")) < 0)
		return rc;
	if (n_ids != n_timestamps)
		return cxm__fail(CXM_EBAD_ARG, "user_ids has %zu entries but timestamps has %zu",
				 n_ids, n_timestamps);
	if (!(isfinite(window_start) && isfinite(window_end) && window_start < window_end))
		return cxm__fail(CXM_EBAD_ARG,
				 "window [%.17g, %.17g) must be finite with window_start < window_end",
				 window_start, window_end);
	if ((rc = cxm__check_nan_policy(nan_policy)) < 0)
		return rc;
	for (i = 0; i < n_ids; i++)
		if (user_ids[i] == NULL)
			return cxm__fail(CXM_EBAD_ARG, "user_ids[%zu] is NULL", i);
	/* First pass: validate and count the events in the window, which bounds
	 * the number of distinct users, so the set is sized once. */
	for (i = 0; i < n_ids; i++) {
		double t = timestamps[i];
		if (isnan(t)) {
			if (nan_policy == CXM_NAN_ERROR)
				return cxm__fail(CXM_ENAN, "timestamps[%zu] is NaN (pass nan_policy=omit to drop it)", i);
		} else if (t >= window_start && t < window_end) {
			in_window++;
		}
	}
	if (in_window == 0) { /* no events is an answer (0), not an error */
		*out = 0;
		return CXM_OK;
	}
	if ((rc = cxm__strset_init(&seen, in_window, "cxm_monthly_active_users")) < 0)
		return rc;
	for (i = 0; i < n_ids; i++)
		if (timestamps[i] >= window_start && timestamps[i] < window_end) /* false for NaN */
			cxm__strset_add(&seen, user_ids[i]);
	*out = seen.count;
	cxm__strset_free(&seen);
	return CXM_OK;
}
