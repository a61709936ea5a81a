/* lib/scores/ces.c - CES on 1-5, 1-7 (spec §3) and on any scale (§3.4): the
 * one-shot functions (the kernel and the default thresholds are in counts.c). */
#include "scores_internal.h"

cxm_status cxm_ces(cxm_ces_result *out, const double *scores, size_t n, int points, int nan_policy,
		   double conf, double z)
{
	uint64_t counts[7] = { 0 };
	int agree, rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_CES_RESULT_VERSION, "cxm_ces_result")) < 0 ||
	    (rc = cxm__ces_points(points)) < 0 ||
	    (rc = cxm__check_scores(scores, n, 1, points, nan_policy, NULL, "scores")) < 0 ||
	    (rc = cxm_ces_default_agree(&agree, 1, points)) < 0)
		return rc;
	cxm__tally_doubles(counts, scores, n, 1);
	return cxm__ces_from_counts(out, counts, 1, points, agree, conf, z);
}

cxm_status cxm_ces_u8(cxm_ces_result *out, const uint8_t *scores, size_t n, int points, double conf, double z)
{
	uint64_t counts[7];
	int agree, rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_CES_RESULT_VERSION, "cxm_ces_result")) < 0 ||
	    (rc = cxm__ces_points(points)) < 0 ||
	    (rc = cxm__check_array(scores, n, "scores")) < 0 ||
	    (rc = cxm__tally_u8(counts, scores, n, 1, points)) < 0 ||
	    (rc = cxm_ces_default_agree(&agree, 1, points)) < 0)
		return rc;
	return cxm__ces_from_counts(out, counts, 1, points, agree, conf, z);
}

cxm_status cxm_ces_scaled(cxm_ces_result *out, const double *scores, size_t n, int lo, int hi, int agree,
			  int nan_policy, double conf, double z)
{
	uint64_t *counts = NULL;
	int a, rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_CES_RESULT_VERSION, "cxm_ces_result")) < 0 ||
	    (rc = cxm__check_scale(lo, hi)) < 0 || (rc = cxm__ces_agree(&a, lo, hi, agree)) < 0 ||
	    (rc = cxm__check_scores(scores, n, lo, hi, nan_policy, NULL, "scores")) < 0)
		return rc;
	if (!(counts = cxm__calloc((size_t)(hi - lo + 1), sizeof *counts)))
		return cxm__fail(CXM_ENOMEM, "cxm_ces_scaled: no memory for %d counts", hi - lo + 1);
	cxm__tally_doubles(counts, scores, n, lo);
	rc = cxm__ces_from_counts(out, counts, lo, hi, a, conf, z);
	cxm__free(counts);
	return rc;
}
