/*
 * lib/scores/cxi.c - Forrester's CX Index as R marketr's cxi_calc computes it,
 * and the CX pyramid (spec §25). Everything comes from one histogram of the
 * respondents' answer classes (64 cells: 4 classes - missing, LOW, MID, HIGH -
 * per question, three questions), so the one-shot cxm_cxi and the survey
 * report's pyramid cells (lib/report/pyramid.c), whose histograms are merged
 * integer counts, compute the same numbers the same way.
 */
#include <math.h>
#include "scores_internal.h"

int cxm__cxi_class(double v, int high, int low)
{
	if (isnan(v))
		return CXM__CXI_NA;
	if (v >= high)
		return CXM__CXI_HIGH;
	return v <= low ? CXM__CXI_LOW : CXM__CXI_MID;
}

int cxm__cxi_check(int lo, int hi, int high, int low)
{
	int rc;
	if ((rc = cxm__check_scale(lo, hi)) < 0)
		return rc;
	/* low < high: an answer cannot be both; both on the scale, else a class is empty by construction */
	if (!(lo <= low && low < high && high <= hi))
		return cxm__fail(CXM_EBAD_ARG,
				 "the CXi cut points need lo <= low < high <= hi: got low = %d, high = %d on the "
				 "scale %d..%d",
				 low, high, lo, hi);
	return CXM_OK;
}

static const char *const question_name[3] = { "needs", "ease", "emotion" };

/* The class of question q (0 needs, 1 ease, 2 emotion) in histogram cell c. */
static int class_of(int c, int q)
{
	return (c >> (2 * (2 - q))) & 3;
}

int cxm__cxi_from_counts(cxm_cxi_result *out, const uint64_t counts[CXM__CXI_CELLS], double conf)
{
	uint64_t cls[3][4] = { { 0 } }, level[3] = { 0 }, by_sum[7] = { 0 }, complete = 0, n = 0;
	double score[3], lower[3], upper[3], mean_d = 0.0, ss = 0.0, sum_scores = 0.0;
	int c, q, k;
	for (c = 0; c < CXM__CXI_CELLS; c++) {
		uint64_t x = counts[c];
		int d = 0, all = 1, reached = 1;
		if (!x)
			continue;
		n += x;
		for (q = 0; q < 3; q++) {
			int k2 = class_of(c, q);
			cls[q][k2] += x;
			all &= k2 != CXM__CXI_NA;
			d += k2 == CXM__CXI_HIGH ? 1 : k2 == CXM__CXI_LOW ? -1 : 0;
		}
		if (!all)
			continue;
		complete += x;
		by_sum[d + 3] += x;
		/* the pyramid is climbed in order: a level needs every level below it */
		for (q = 0; q < 3; q++) {
			reached &= class_of(c, q) == CXM__CXI_HIGH;
			if (reached)
				level[q] += x;
		}
	}
	out->n = (size_t)n;
	out->n_complete = (size_t)complete;
	for (q = 0; q < 3; q++) {
		uint64_t hi_ = cls[q][CXM__CXI_HIGH], mid = cls[q][CXM__CXI_MID], lo_ = cls[q][CXM__CXI_LOW];
		uint64_t m = hi_ + mid + lo_;
		cxm_nps_ci ci = CXM_NPS_CI_INIT;
		score[q] = lower[q] = upper[q] = NAN;
		if (m > 0) {
			/* marketr's question_score: (HIGH - LOW) / (HIGH + MID + LOW) x 100 */
			score[q] = ((double)hi_ - (double)lo_) / (double)m * 100.0;
			/* a question score is an NPS of HIGH / MID / LOW answers: spec §1.4's adjusted Wald */
			if (cxm_nps_adjusted_wald(&ci, (double)hi_, (double)mid, (double)lo_, conf, CXM_Z_FROM_CONF) < 0)
				return cxm__error_context(question_name[q]);
			lower[q] = ci.lower;
			upper[q] = ci.upper;
		}
		sum_scores += score[q];
	}
	out->n_needs = (size_t)(cls[0][1] + cls[0][2] + cls[0][3]);
	out->n_ease = (size_t)(cls[1][1] + cls[1][2] + cls[1][3]);
	out->n_emotion = (size_t)(cls[2][1] + cls[2][2] + cls[2][3]);
	out->needs = score[0], out->needs_lower = lower[0], out->needs_upper = upper[0];
	out->ease = score[1], out->ease_lower = lower[1], out->ease_upper = upper[1];
	out->emotion = score[2], out->emotion_lower = lower[2], out->emotion_upper = upper[2];
	/* marketr's cxi: the mean of the three question scores (NaN when one has no answer) */
	out->cxi = sum_scores / 3.0;
	out->cxi_lower = out->cxi_upper = NAN;
	if (complete >= 2 && isfinite(out->cxi)) {
		/* the per-respondent score s = (100/3) sum_q (1[HIGH] - 1[LOW]) takes 7 values: its
		 * mean and SD from their counts; the t interval (spec §17) is centred on the cxi */
		cxm_interval ci = CXM_INTERVAL_INIT;
		for (k = 0; k < 7; k++)
			mean_d += (double)(k - 3) * (double)by_sum[k];
		mean_d /= (double)complete;
		for (k = 0; k < 7; k++)
			ss += (double)by_sum[k] * ((double)(k - 3) - mean_d) * ((double)(k - 3) - mean_d);
		if (cxm_mean_t_interval(&ci, out->cxi, sqrt(ss / (double)(complete - 1)) * 100.0 / 3.0,
					(double)complete, conf) < 0)
			return cxm__error_context("cxi");
		out->cxi_lower = ci.lower;
		out->cxi_upper = ci.upper;
	}
	{
		double *lv[3][3] = { { &out->level1, &out->level1_lower, &out->level1_upper },
				     { &out->level2, &out->level2_lower, &out->level2_upper },
				     { &out->level3, &out->level3_lower, &out->level3_upper } };
		for (q = 0; q < 3; q++) {
			cxm_interval w = CXM_INTERVAL_INIT;
			*lv[q][0] = *lv[q][1] = *lv[q][2] = NAN;
			if (complete == 0)
				continue;
			*lv[q][0] = (double)level[q] / (double)complete * 100.0;
			if (cxm_wilson(&w, (double)level[q], (double)complete, conf, CXM_Z_FROM_CONF) < 0)
				return cxm__error_context("pyramid level");
			*lv[q][1] = w.lower * 100.0;
			*lv[q][2] = w.upper * 100.0;
		}
	}
	return CXM_OK;
}

cxm_status cxm_cxi(cxm_cxi_result *out, const double *needs, size_t n_needs, const double *ease, size_t n_ease,
		   const double *emotion, size_t n_emotion, int lo, int hi, int high, int low, int nan_policy,
		   double conf)
{
	uint64_t counts[CXM__CXI_CELLS] = { 0 };
	const double *x[3] = { needs, ease, emotion };
	cxm_cxi_result r;
	double z;
	size_t i;
	int q, rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_CXI_RESULT_VERSION, "cxm_cxi_result")) < 0 ||
	    (rc = cxm__cxi_check(lo, hi, high, low)) < 0 || (rc = cxm__check_nan_policy(nan_policy)) < 0 ||
	    (rc = cxm__crit(&z, conf, CXM_Z_FROM_CONF)) < 0)
		return rc;
	if (n_ease != n_needs || n_emotion != n_needs)
		return cxm__fail(CXM_EBAD_ARG,
				 "the three questions need one answer per respondent: n_needs = %zu, n_ease = %zu, "
				 "n_emotion = %zu",
				 n_needs, n_ease, n_emotion);
	if (n_needs == 0)
		return cxm__fail(CXM_EEMPTY, "cxm_cxi: no respondents (n_needs = 0)");
	for (q = 0; q < 3; q++)
		if ((rc = cxm__check_scores(x[q], n_needs, lo, hi, nan_policy, NULL, question_name[q])) < 0)
			return rc;
	for (i = 0; i < n_needs; i++)
		counts[cxm__cxi_class(needs[i], high, low) * 16 + cxm__cxi_class(ease[i], high, low) * 4 +
		       cxm__cxi_class(emotion[i], high, low)]++;
	r = (cxm_cxi_result)CXM_CXI_RESULT_INIT;
	if ((rc = cxm__cxi_from_counts(&r, counts, conf)) < 0)
		return rc;
	{
		size_t m[3] = { r.n_needs, r.n_ease, r.n_emotion };
		for (q = 0; q < 3; q++)
			if (m[q] == 0)
				return cxm__fail(CXM_EEMPTY, "cxm_cxi: question %s has no answer: all %zu are missing",
						 question_name[q], n_needs);
	}
	r.version = out->version;
	*out = r; /* one version so far: every field is the caller's */
	return CXM_OK;
}
