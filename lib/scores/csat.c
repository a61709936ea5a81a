/* lib/scores/csat.c - CSAT (spec §2): the one-shot functions (the kernel is in counts.c). */
#include "scores_internal.h"

/* One-shot functions: tally into counts, then the shared *_from_counts. */
cxm_status cxm_csat(cxm_csat_result *out, const double *scores, size_t n, int scale_lo, int scale_hi,
	     int threshold, int nan_policy, double conf, double z)
{
	uint64_t *counts = NULL;
	int thr, rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_CSAT_RESULT_VERSION, "cxm_csat_result")) < 0 ||
	    (rc = cxm__check_scale(scale_lo, scale_hi)) < 0 ||
	    (rc = cxm__csat_threshold(&thr, scale_lo, scale_hi, threshold)) < 0 ||
	    (rc = cxm__check_scores(scores, n, scale_lo, scale_hi, nan_policy, NULL, "scores")) < 0)
		return rc;
	if (!(counts = cxm__calloc((size_t)(scale_hi - scale_lo + 1), sizeof *counts)))
		return cxm__fail(CXM_ENOMEM, "cxm_csat: no memory for %d counts", scale_hi - scale_lo + 1);
	cxm__tally_doubles(counts, scores, n, scale_lo);
	rc = cxm__csat_from_counts(out, counts, scale_lo, scale_hi, thr, conf, z);
	cxm__free(counts);
	return rc;
}

cxm_status cxm_csat_u8(cxm_csat_result *out, const uint8_t *scores, size_t n, int scale_lo, int scale_hi,
		int threshold, double conf, double z)
{
	uint64_t counts[256];
	int thr, rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_CSAT_RESULT_VERSION, "cxm_csat_result")) < 0)
		return rc;
	if (scale_lo < 0 || scale_hi > 255 || scale_lo >= scale_hi)
		return cxm__fail(CXM_EBAD_ARG, "byte scale %d..%d must satisfy 0 <= scale_lo < scale_hi <= 255",
				 scale_lo, scale_hi);
	if ((rc = cxm__csat_threshold(&thr, scale_lo, scale_hi, threshold)) < 0 ||
	    (rc = cxm__check_array(scores, n, "scores")) < 0 ||
	    (rc = cxm__tally_u8(counts, scores, n, scale_lo, scale_hi)) < 0)
		return rc;
	return cxm__csat_from_counts(out, counts, scale_lo, scale_hi, thr, conf, z);
}
