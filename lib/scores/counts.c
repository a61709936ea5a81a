/*
 * lib/scores/counts.c - NPS, CSAT and CES from per-point counts: the kernels
 * every entry point funnels through (the one-shot functions of nps.c,
 * csat.c and ces.c, and the accumulators of acc.c), so that all of them agree
 * bit for bit. This file calls nothing else in lib/scores: the one-shot
 * functions and the accumulators depend on it, never the other way round.
 */
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

/* Answers from..to of a scale that starts at lo. */
static uint64_t count_between(const uint64_t *counts, int lo, int from, int to)
{
	uint64_t c = 0;
	int v;
	for (v = from; v <= to; v++)
		c += counts[v - lo];
	return c;
}

/* ---- NPS (spec §1.1, §1.2) ---------------------------------------------------- */

int cxm__nps_split(uint64_t *p, uint64_t *pa, uint64_t *d, const uint64_t *counts, int lo, int hi)
{
	int v;
	if (!((lo == 0 || lo == 1) && hi == 10))
		return cxm__fail(CXM_EBAD_ARG, "NPS needs a 0..10 or 1..10 scale, not %d..%d", lo, hi);
	*p = *pa = *d = 0;
	for (v = lo; v <= hi; v++) {
		uint64_t c = counts[v - lo];
		if (v >= CXM__NPS_PROMOTER_MIN)
			*p += c;
		else if (v <= CXM__NPS_DETRACTOR_MAX)
			*d += c;
		else
			*pa += c;
	}
	return CXM_OK;
}

int cxm__nps_from_counts(cxm_nps_result *out, uint64_t p, uint64_t pa, uint64_t d)
{
	uint64_t n = p + pa + d;
	double dn = (double)n;
	if (n == 0)
		return cxm__fail(CXM_EEMPTY, "no responses (promoters + passives + detractors = 0)");
	out->n = (size_t)n;
	out->promoters = (size_t)p;
	out->passives = (size_t)pa;
	out->detractors = (size_t)d;
	out->pct_promoters = 100.0 * (double)p / dn;
	out->pct_passives = 100.0 * (double)pa / dn;
	out->pct_detractors = 100.0 * (double)d / dn;
	out->nps = 100.0 * ((double)p - (double)d) / dn;
	return CXM_OK;
}

/* ---- CSAT (spec §2) --------------------------------------------------------------- */

int cxm__csat_from_counts(cxm_csat_result *out, const uint64_t *counts, int lo, int hi,
			  int threshold, double conf, double z)
{
	cxm_interval w = CXM_INTERVAL_INIT;
	uint64_t n = count_between(counts, lo, lo, hi), x;
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

/* ---- CES (spec §3) ------------------------------------------------------------------ */

int cxm__ces_points(int points)
{
	if (points != 5 && points != 7)
		return cxm__fail(CXM_EBAD_ARG, "points is %d; CES is answered on 1..5 (points 5) or 1..7 "
				 "(points 7, CES 2.0)", points);
	return CXM_OK;
}

/* The defaults of spec §3.4: the top two answers of 5 (Delighted), the top
 * three of 7 (Zonka) and of 10 (8-10, the articles' "agree" on 1-10). */
cxm_status cxm_ces_default_agree(int *agree, int lo, int hi)
{
	int rc;
	if ((rc = cxm__check_ptr(agree, "agree")) < 0)
		return rc;
	if (lo == 1 && (hi == 5 || hi == 7 || hi == 10)) {
		*agree = hi == 5 ? 4 : hi == 7 ? 5 : 8;
		return CXM_OK;
	}
	return cxm__fail(CXM_EBAD_ARG,
			 "the CES scale %d..%d has no default agree threshold (only 1..5, 1..7 and 1..10 "
			 "have one): name it, the lowest answer that agrees it was easy",
			 lo, hi);
}

int cxm__ces_agree(int *out, int lo, int hi, int agree)
{
	if (agree == CXM_CES_DEFAULT_AGREE)
		return cxm_ces_default_agree(out, lo, hi);
	/* above the middle, so that agree (>= agree) and disagree (<= lo + hi -
	 * agree) never share an answer */
	if (agree > hi || 2 * (long)agree <= (long)lo + hi)
		return cxm__fail(CXM_EBAD_ARG,
				 "the CES agree threshold %d must be on the scale %d..%d and above its middle "
				 "(agree answers are %d..%d, disagree the mirror image from %d)",
				 agree, lo, hi, agree, hi, lo);
	*out = agree;
	return CXM_OK;
}

int cxm__ces_from_counts(cxm_ces_result *out, const uint64_t *counts, int lo, int hi, int agree,
			 double conf, double z)
{
	cxm_interval w = CXM_INTERVAL_INIT;
	uint64_t n = count_between(counts, lo, lo, hi), x;
	double zc;
	int rc;
	if ((rc = cxm__crit(&zc, conf, z)) < 0)
		return rc;
	if (n == 0)
		return cxm__fail(CXM_EEMPTY, "no CES answers");
	x = count_between(counts, lo, agree, hi);
	if ((rc = cxm_wilson(&w, (double)x, (double)n, conf, z)) < 0)
		return rc;
	out->points = hi - lo + 1;
	out->n = (size_t)n;
	out->n_agree = (size_t)x;
	out->pct_agree = 100.0 * (double)x / (double)n;
	out->n_disagree = (size_t)count_between(counts, lo, lo, lo + hi - agree);
	out->pct_disagree = 100.0 * (double)out->n_disagree / (double)n;
	cxm__counts_moments(&out->mean, &out->sd, counts, lo, hi);
	out->wilson_lower = 100.0 * w.lower;
	out->wilson_upper = 100.0 * w.upper;
	if (out->version >= 2) {
		out->scale_lo = lo;
		out->scale_hi = hi;
		out->agree = agree;
	}
	return CXM_OK;
}
