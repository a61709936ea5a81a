/* lib/scores/csat.c - CSAT (spec §2) and CES (spec §3) from per-point counts. */
#include <math.h>
#include "scores_internal.h"

void cxm__counts_moments(double *mean, double *sd, const uint64_t *counts, int lo, int hi)
{
	/* Integer scales: the sum is exact in 64 bits (as the reference's fsum), and
	 * the SD comes from exact integer moments, n S2 - S1^2, in long double. */
	int64_t s1 = 0;
	long double s2 = 0.0L, n = 0.0L;
	uint64_t total = 0;
	int v;
	for (v = lo; v <= hi; v++) {
		uint64_t c = counts[v - lo];
		total += c;
		s1 += (int64_t)c * v;
		s2 += (long double)c * v * v;
	}
	n = (long double)total;
	*mean = (double)s1 / (double)total;
	if (total < 2) {
		*sd = NAN;
		return;
	}
	{
		long double num = n * s2 - (long double)s1 * (long double)s1;
		*sd = num > 0.0L ? (double)sqrtl(num / (n * (n - 1.0L))) : 0.0;
	}
}

static uint64_t count_between(const uint64_t *counts, int lo, int from, int to)
{
	uint64_t c = 0;
	int v;
	for (v = from; v <= to; v++)
		c += counts[v - lo];
	return c;
}

static uint64_t count_total(const uint64_t *counts, int lo, int hi)
{
	return count_between(counts, lo, lo, hi);
}

int cxm__csat_from_counts(cxm_csat_result *out, const uint64_t *counts, int lo, int hi,
			  int threshold, double conf, double z)
{
	cxm_interval w = CXM_INTERVAL_INIT;
	uint64_t n = count_total(counts, lo, hi), x;
	int thr, rc;
	if ((rc = cxm__csat_threshold(&thr, lo, hi, threshold)) < 0)
		return rc;
	if (n == 0)
		return cxm__fail(CXM_EEMPTY, "no CSAT answers");
	x = count_between(counts, lo, thr, hi);
	if ((rc = cxm_wilson(&w, (double)x, (double)n, conf, z)) < 0)
		return rc;
	out->n = (size_t)n;
	out->threshold = thr;
	out->n_satisfied = (size_t)x;
	out->pct_satisfied = 100.0 * (double)x / (double)n;
	cxm__counts_moments(&out->mean, &out->sd, counts, lo, hi);
	out->wilson_lower = 100.0 * w.lower;
	out->wilson_upper = 100.0 * w.upper;
	return CXM_OK;
}

int cxm__ces5_from_counts(cxm_ces5_result *out, const uint64_t *counts)
{
	uint64_t n = count_total(counts, 1, 5), x = count_between(counts, 1, 4, 5);
	double sd;
	if (n == 0)
		return cxm__fail(CXM_EEMPTY, "no CES answers");
	out->n = (size_t)n;
	out->n_agree = (size_t)x;
	out->ces_pct = 100.0 * (double)x / (double)n;
	cxm__counts_moments(&out->mean, &sd, counts, 1, 5);
	return CXM_OK;
}

int cxm__ces7_from_counts(cxm_ces7_result *out, const uint64_t *counts)
{
	uint64_t n = count_total(counts, 1, 7);
	if (n == 0)
		return cxm__fail(CXM_EEMPTY, "no CES answers");
	out->n = (size_t)n;
	cxm__counts_moments(&out->mean, &out->sd, counts, 1, 7);
	out->n_agree = (size_t)count_between(counts, 1, 5, 7);
	out->n_disagree = (size_t)count_between(counts, 1, 1, 3);
	out->pct_agree = 100.0 * (double)out->n_agree / (double)n;
	out->pct_disagree = 100.0 * (double)out->n_disagree / (double)n;
	return CXM_OK;
}

static int check_scale(int lo, int hi)
{
	if (lo >= hi || (long)hi - (long)lo + 1 > CXM__MAX_POINTS)
		return cxm__fail(CXM_EBAD_ARG, "scale %d..%d must have scale_lo < scale_hi and at most %d points",
				 lo, hi, CXM__MAX_POINTS);
	return CXM_OK;
}

/* One-shot functions: tally into counts, then the shared *_from_counts. */
cxm_status cxm_csat(cxm_csat_result *out, const double *scores, size_t n, int scale_lo, int scale_hi,
	     int threshold, int nan_policy, double conf, double z)
{
	uint64_t *counts = NULL;
	int thr, rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_CSAT_RESULT_VERSION, "cxm_csat_result")) < 0 ||
	    (rc = check_scale(scale_lo, scale_hi)) < 0 ||
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

cxm_status cxm_ces5(cxm_ces5_result *out, const double *scores, size_t n, int nan_policy)
{
	uint64_t counts[5] = { 0 };
	int rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_CES5_RESULT_VERSION, "cxm_ces5_result")) < 0 ||
	    (rc = cxm__check_scores(scores, n, 1, 5, nan_policy, NULL, "scores")) < 0)
		return rc;
	cxm__tally_doubles(counts, scores, n, 1);
	return cxm__ces5_from_counts(out, counts);
}

cxm_status cxm_ces5_u8(cxm_ces5_result *out, const uint8_t *scores, size_t n)
{
	uint64_t counts[5];
	int rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_CES5_RESULT_VERSION, "cxm_ces5_result")) < 0 ||
	    (rc = cxm__check_array(scores, n, "scores")) < 0 ||
	    (rc = cxm__tally_u8(counts, scores, n, 1, 5)) < 0)
		return rc;
	return cxm__ces5_from_counts(out, counts);
}

cxm_status cxm_ces7(cxm_ces7_result *out, const double *scores, size_t n, int nan_policy)
{
	uint64_t counts[7] = { 0 };
	int rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_CES7_RESULT_VERSION, "cxm_ces7_result")) < 0 ||
	    (rc = cxm__check_scores(scores, n, 1, 7, nan_policy, NULL, "scores")) < 0)
		return rc;
	cxm__tally_doubles(counts, scores, n, 1);
	return cxm__ces7_from_counts(out, counts);
}

cxm_status cxm_ces7_u8(cxm_ces7_result *out, const uint8_t *scores, size_t n)
{
	uint64_t counts[7];
	int rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_CES7_RESULT_VERSION, "cxm_ces7_result")) < 0 ||
	    (rc = cxm__check_array(scores, n, "scores")) < 0 ||
	    (rc = cxm__tally_u8(counts, scores, n, 1, 7)) < 0)
		return rc;
	return cxm__ces7_from_counts(out, counts);
}
