/* lib/scores/nps.c - Net Promoter Score and its intervals (spec §1); weighted NPS through the accumulators of acc.c. */
#include <math.h>
#include "scores_internal.h"
#include "dist.h"
#include "names.h"

static const cxm__word nps_scale_words[] = { { "0-10", CXM_NPS_0_10 }, { "1-10", CXM_NPS_1_10 } };
const cxm__names cxm__nps_scale_names = CXM__NAMES("scale", nps_scale_words, 0);

static const cxm__word nps_method_words[] = {
	{ "adjusted_wald", CXM_NPS_ADJUSTED_WALD }, { "wald", CXM_NPS_WALD }
};
const cxm__names cxm__nps_method_names = CXM__NAMES("method", nps_method_words, 0);

cxm_status cxm_nps_scale_range(int *lo, int *hi, int scale)
{
	int rc;
	if ((rc = cxm__check_ptr(lo, "lo")) < 0 || (rc = cxm__check_ptr(hi, "hi")) < 0)
		return rc;
	switch (scale) {
	case CXM_NPS_0_10: *lo = 0; *hi = 10; return CXM_OK;
	case CXM_NPS_1_10: *lo = 1; *hi = 10; return CXM_OK;
	default:
		return cxm__names_check(&cxm__nps_scale_names, scale);
	}
}

cxm_status cxm_nps(cxm_nps_result *out, const double *scores, size_t n, int scale, int nan_policy)
{
	uint64_t counts[11] = { 0 }, p = 0, pa = 0, d = 0;
	int lo = 0, hi = 0, rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_NPS_RESULT_VERSION, "cxm_nps_result")) < 0 ||
	    (rc = cxm_nps_scale_range(&lo, &hi, scale)) < 0 ||
	    (rc = cxm__check_scores(scores, n, lo, hi, nan_policy, NULL, "scores")) < 0)
		return rc;
	cxm__tally_doubles(counts, scores, n, lo);
	cxm__nps_split(&p, &pa, &d, counts, lo, hi);
	return cxm__nps_from_counts(out, p, pa, d);
}

cxm_status cxm_nps_u8(cxm_nps_result *out, const uint8_t *scores, size_t n, int scale)
{
	uint64_t counts[11] = { 0 }, p = 0, pa = 0, d = 0;
	int lo = 0, hi = 0, rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_NPS_RESULT_VERSION, "cxm_nps_result")) < 0 ||
	    (rc = cxm_nps_scale_range(&lo, &hi, scale)) < 0 ||
	    (rc = cxm__check_array(scores, n, "scores")) < 0 ||
	    (rc = cxm__tally_u8(counts, scores, n, lo, hi)) < 0)
		return rc;
	cxm__nps_split(&p, &pa, &d, counts, lo, hi);
	return cxm__nps_from_counts(out, p, pa, d);
}

static int check_counts(uint64_t *p, uint64_t *pa, uint64_t *d, double promoters, double passives,
			double detractors)
{
	int rc;
	if ((rc = cxm__count(p, promoters, "promoters")) < 0 ||
	    (rc = cxm__count(pa, passives, "passives")) < 0 ||
	    (rc = cxm__count(d, detractors, "detractors")) < 0)
		return rc;
	return CXM_OK;
}

cxm_status cxm_nps_counts(cxm_nps_result *out, double promoters, double passives, double detractors)
{
	uint64_t p, pa, d;
	int rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_NPS_RESULT_VERSION, "cxm_nps_result")) < 0 ||
	    (rc = check_counts(&p, &pa, &d, promoters, passives, detractors)) < 0)
		return rc;
	return cxm__nps_from_counts(out, p, pa, d);
}

/* Variance of one +1/0/-1 response, p + d - (p - d)^2, never below 0 (spec §1.3). */
static double var_unit(double p, double d)
{
	double v = p + d - (p - d) * (p - d);
	return v > 0.0 ? v : 0.0;
}

/* Shared by Wald and adjusted-Wald: `pseudo` is 3/4 for adjusted-Wald, 0 for Wald. */
static int nps_interval(cxm_nps_ci *out, double promoters, double passives, double detractors,
			double conf, double z, int adjusted)
{
	uint64_t P, Pa, D, n;
	double zc, p, d, nn;
	int rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_NPS_CI_VERSION, "cxm_nps_ci")) < 0 ||
	    (rc = check_counts(&P, &Pa, &D, promoters, passives, detractors)) < 0)
		return rc;
	n = P + Pa + D;
	if (n == 0)
		return cxm__fail(CXM_EEMPTY, "no responses (promoters + passives + detractors = 0)");
	if ((rc = cxm__crit(&zc, conf, z)) < 0)
		return rc;
	out->n = (size_t)n;
	if (adjusted) {
		/* MeasuringU / Rocks: +3/4 promoters, +3/4 detractors, +3/2 passives */
		nn = (double)n + 3.0;
		p = ((double)P + 0.75) / nn;
		d = ((double)D + 0.75) / nn;
		out->nps = 100.0 * ((double)P - (double)D) / (double)n;
		out->nps_adj = 100.0 * (p - d);
	} else {
		nn = (double)n;
		p = (double)P / nn;
		d = (double)D / nn;
		out->nps = 100.0 * (p - d);
		out->nps_adj = out->nps;
	}
	out->n_adj = nn;
	out->var_unit = var_unit(p, d);
	out->se = 100.0 * sqrt(out->var_unit / nn);
	out->z = zc;
	out->moe = zc * out->se;
	out->lower = out->nps_adj - out->moe;
	out->upper = out->nps_adj + out->moe;
	return CXM_OK;
}

cxm_status cxm_nps_wald(cxm_nps_ci *out, double promoters, double passives, double detractors,
		 double conf, double z)
{
	return nps_interval(out, promoters, passives, detractors, conf, z, 0);
}

cxm_status cxm_nps_adjusted_wald(cxm_nps_ci *out, double promoters, double passives, double detractors,
			  double conf, double z)
{
	return nps_interval(out, promoters, passives, detractors, conf, z, 1);
}

cxm_status cxm_nps_trinomial_t(cxm_nps_t_ci *out, double promoters, double passives, double detractors,
			double conf)
{
	uint64_t P, Pa, D, n;
	double p, d, dn;
	int rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_NPS_T_CI_VERSION, "cxm_nps_t_ci")) < 0 ||
	    (rc = check_counts(&P, &Pa, &D, promoters, passives, detractors)) < 0)
		return rc;
	n = P + Pa + D;
	if (n == 0)
		return cxm__fail(CXM_EEMPTY, "no responses (promoters + passives + detractors = 0)");
	if (n < 2)
		return cxm__fail(CXM_ETOO_FEW, "the t interval needs n >= 2 responses, got %llu",
				 (unsigned long long)n);
	if (!(conf > 0.0 && conf < 1.0))
		return cxm__fail(CXM_EBAD_ARG, "conf must be in (0, 1), got %.17g", conf);
	dn = (double)n;
	p = (double)P / dn;
	d = (double)D / dn;
	out->n = (size_t)n;
	out->nps = 100.0 * (p - d);
	out->sd_unit = sqrt(var_unit(p, d) * dn / (dn - 1.0));
	out->se = 100.0 * out->sd_unit / sqrt(dn);
	out->df = (size_t)(n - 1);
	out->t = cxm__t_quantile((1.0 + conf) / 2.0, (unsigned long)(n - 1));
	out->moe = out->t * out->se;
	out->lower = out->nps - out->moe;
	out->upper = out->nps + out->moe;
	return CXM_OK;
}

cxm_status cxm_nps_compare(cxm_nps_comparison *out, double promoters_a, double passives_a,
		    double detractors_a, double promoters_b, double passives_b, double detractors_b,
		    int method, double conf, double z)
{
	cxm_nps_ci a = CXM_NPS_CI_INIT, b = CXM_NPS_CI_INIT;
	int rc, adjusted;
	if ((rc = CXM__CHECK_OUT(out, CXM_NPS_COMPARISON_VERSION,
				 "cxm_nps_comparison")) < 0)
		return rc;
	if ((rc = cxm__names_check(&cxm__nps_method_names, method)) < 0)
		return rc;
	adjusted = method == CXM_NPS_ADJUSTED_WALD;
	if ((rc = nps_interval(&a, promoters_a, passives_a, detractors_a, conf, z, adjusted)) < 0)
		return cxm__error_context("sample a");
	if ((rc = nps_interval(&b, promoters_b, passives_b, detractors_b, conf, z, adjusted)) < 0)
		return cxm__error_context("sample b");
	out->method = method;
	out->nps_a = a.nps;
	out->nps_b = b.nps;
	out->center_a = a.nps_adj;
	out->center_b = b.nps_adj;
	out->diff = a.nps_adj - b.nps_adj;
	out->se = sqrt(a.se * a.se + b.se * b.se);
	if (out->se == 0.0)
		out->z_stat = out->diff == 0.0 ? 0.0 : copysign(INFINITY, out->diff);
	else
		out->z_stat = out->diff / out->se;
	out->p_value = (out->se == 0.0 && out->diff == 0.0) ? 1.0 : cxm_p_two_sided(out->z_stat);
	out->z = a.z;
	out->lower = out->diff - a.z * out->se;
	out->upper = out->diff + a.z * out->se;
	return CXM_OK;
}

cxm_status cxm_nps_weighted(cxm_nps_weighted_result *out, const double *scores, size_t n_scores,
		     const double *weights, size_t n_weights, int scale, int nan_policy, double conf,
		     double z)
{
	cxm_score_acc *acc = NULL;
	int lo = 0, hi = 0, rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_NPS_WEIGHTED_RESULT_VERSION,
				 "cxm_nps_weighted_result")) < 0 ||
	    (rc = cxm_nps_scale_range(&lo, &hi, scale)) < 0 ||
	    (rc = cxm_score_acc_new(&acc, lo, hi)) < 0)
		return rc;
	rc = cxm_score_acc_add_weighted(acc, scores, n_scores, weights, n_weights, nan_policy);
	if (rc == CXM_OK)
		rc = cxm_score_acc_nps_weighted(out, acc, conf, z);
	cxm_score_acc_free(acc);
	return rc;
}
