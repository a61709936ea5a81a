/* lib/scores/ces.c - CES on 1-5 or 1-7 (spec §3): the one-shot functions (the kernel is in counts.c). */
#include "scores_internal.h"

cxm_status cxm_ces(cxm_ces_result *out, const double *scores, size_t n, int points, int nan_policy,
		   double conf, double z)
{
	uint64_t counts[7] = { 0 };
	int rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_CES_RESULT_VERSION, "cxm_ces_result")) < 0 ||
	    (rc = cxm__ces_points(points)) < 0 ||
	    (rc = cxm__check_scores(scores, n, 1, points, nan_policy, NULL, "scores")) < 0)
		return rc;
	cxm__tally_doubles(counts, scores, n, 1);
	return cxm__ces_from_counts(out, counts, points, conf, z);
}

cxm_status cxm_ces_u8(cxm_ces_result *out, const uint8_t *scores, size_t n, int points, double conf, double z)
{
	uint64_t counts[7];
	int rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_CES_RESULT_VERSION, "cxm_ces_result")) < 0 ||
	    (rc = cxm__ces_points(points)) < 0 ||
	    (rc = cxm__check_array(scores, n, "scores")) < 0 ||
	    (rc = cxm__tally_u8(counts, scores, n, 1, points)) < 0)
		return rc;
	return cxm__ces_from_counts(out, counts, points, conf, z);
}
