/* lib/rates/mau.c - distinct active users in a half-open window (spec §5.5). */
#include <math.h>
#include <string.h>
#include "internal.h"
#include "distinct.h"

/* Events between asking for an id's slot and adding it. */
#define AHEAD 8

cxm_status cxm_monthly_active_users(size_t *out, const char *const *user_ids, size_t n_ids,
			     const double *timestamps, size_t n_timestamps, double window_start,
			     double window_end, int nan_policy)
{
	cxm__texts seen;
	size_t i, k, len[AHEAD], in_window = 0;
	uint64_t hash[AHEAD];
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
	if ((rc = cxm__texts_init_borrowed(&seen, in_window, "cxm_monthly_active_users")) < 0)
		return rc;
	/* Event i's id is asked for 2 AHEAD events, and its slot (from its hash)
	 * AHEAD events, before it is added: a large set's slots and the ids
	 * themselves miss the cache. len and hash hold the AHEAD events between. */
	for (i = 0; i < n_ids + AHEAD && rc == CXM_OK; i++) {
		size_t j = i - AHEAD, r = i % AHEAD;
		if (i >= AHEAD && timestamps[j] >= window_start && timestamps[j] < window_end) /* false for NaN */
			rc = cxm__texts_add_hashed(&seen, user_ids[j], len[r], hash[r], &k);
		if (i + AHEAD < n_ids)
			cxm__prefetch(user_ids[i + AHEAD]);
		if (i < n_ids && timestamps[i] >= window_start && timestamps[i] < window_end) {
			len[r] = strlen(user_ids[i]);
			hash[r] = cxm__texts_hash(user_ids[i], len[r]);
			cxm__texts_prefetch(&seen, hash[r]);
		}
	}
	if (rc == CXM_OK)
		*out = seen.count;
	cxm__texts_free(&seen);
	return rc;
}
