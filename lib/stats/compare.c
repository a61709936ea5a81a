/*
 * lib/stats/compare.c - comparing two samples (spec §17.1-§17.2) and the t
 * interval of a mean (§17.3): the tests the survey report runs between cells.
 */
#include <math.h>
#include "internal.h"
#include "dist.h"

static int check_conf(double conf)
{
	if (!(conf > 0.0 && conf < 1.0))
		return cxm__fail(CXM_EBAD_ARG, "conf must be in (0, 1), got %.17g", conf);
	return CXM_OK;
}

/* x successes of n in sample `which`: counts, n > 0, x <= n. */
static int proportion_sample(uint64_t *x, uint64_t *n, double dx, double dn, const char *which)
{
	char what[16];
	int rc;
	cxm__snprintf_c(what, sizeof what, "x_%s", which);
	if ((rc = cxm__count(x, dx, what)) < 0)
		return rc;
	cxm__snprintf_c(what, sizeof what, "n_%s", which);
	if ((rc = cxm__count(n, dn, what)) < 0)
		return rc;
	if (*n == 0)
		return cxm__fail(CXM_EEMPTY, "sample %s is empty (n_%s = 0)", which, which);
	if (*x > *n)
		return cxm__fail(CXM_EINCONSISTENT, "x_%s = %llu successes exceeds n_%s = %llu trials", which,
				 (unsigned long long)*x, which, (unsigned long long)*n);
	return CXM_OK;
}

cxm_status cxm_two_proportion_test(cxm_test_result *out, double x_a, double n_a, double x_b, double n_b,
				   double conf)
{
	uint64_t xa, na, xb, nb;
	double pa, pb, pool, se_pool, se, zc;
	int rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_TEST_RESULT_VERSION, "cxm_test_result")) < 0 ||
	    (rc = proportion_sample(&xa, &na, x_a, n_a, "a")) < 0 ||
	    (rc = proportion_sample(&xb, &nb, x_b, n_b, "b")) < 0 || (rc = check_conf(conf)) < 0)
		return rc;
	pa = (double)xa / (double)na;
	pb = (double)xb / (double)nb;
	/* the test: pooled variance under H0 pa = pb (statsmodels proportions_ztest) */
	pool = ((double)xa + (double)xb) / ((double)na + (double)nb);
	se_pool = sqrt(pool * (1.0 - pool) * (1.0 / (double)na + 1.0 / (double)nb));
	/* the interval: each sample's own variance (Wald, no H0 to pool under) */
	se = sqrt(pa * (1.0 - pa) / (double)na + pb * (1.0 - pb) / (double)nb);
	zc = cxm__norm_quantile((1.0 + conf) / 2.0);
	out->diff = 100.0 * (pa - pb);
	out->se = 100.0 * se;
	/* pooled SE 0 means both samples all successes or all failures: diff 0 */
	out->stat = se_pool > 0.0 ? (pa - pb) / se_pool : 0.0;
	out->df = INFINITY;
	out->p_value = se_pool > 0.0 ? cxm_p_two_sided(out->stat) : 1.0;
	out->lower = out->diff - zc * out->se;
	out->upper = out->diff + zc * out->se;
	return CXM_OK;
}

/* mean, sd and n of sample `which` (which may be NULL: a single sample). */
static int mean_sample(uint64_t *n, double mean, double sd, double dn, const char *which)
{
	const char *sep = which ? "_" : "";
	if (!which)
		which = "";
	if (!isfinite(mean))
		return cxm__fail(CXM_EBAD_ARG, "mean%s%s must be finite, got %.17g", sep, which, mean);
	if (!(sd >= 0.0 && isfinite(sd)))
		return cxm__fail(CXM_EBAD_ARG, "sd%s%s must be finite and >= 0, got %.17g", sep, which, sd);
	if (!(dn >= 0.0) || dn > 9007199254740992.0 || dn != floor(dn))
		return cxm__fail(CXM_EBAD_ARG, "n%s%s must be a non-negative integer, got %.17g", sep, which, dn);
	*n = (uint64_t)dn;
	if (*n == 0)
		return cxm__fail(CXM_EEMPTY, "n%s%s = 0: no observations", sep, which);
	if (*n == 1)
		return cxm__fail(CXM_ETOO_FEW, "n%s%s = 1: a standard deviation needs 2 observations", sep,
				 which);
	return CXM_OK;
}

cxm_status cxm_welch_t_test(cxm_test_result *out, double mean_a, double sd_a, double n_a, double mean_b,
			    double sd_b, double n_b, double conf)
{
	uint64_t na, nb;
	double va, vb, v;
	int rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_TEST_RESULT_VERSION, "cxm_test_result")) < 0 ||
	    (rc = mean_sample(&na, mean_a, sd_a, n_a, "a")) < 0 ||
	    (rc = mean_sample(&nb, mean_b, sd_b, n_b, "b")) < 0 || (rc = check_conf(conf)) < 0)
		return rc;
	va = sd_a * sd_a / (double)na;
	vb = sd_b * sd_b / (double)nb;
	v = va + vb;
	out->diff = mean_a - mean_b;
	out->se = sqrt(v);
	if (v == 0.0) {
		/* no spread on either side: the difference is certain (as spec §1.6) */
		out->stat = out->diff == 0.0 ? 0.0 : copysign(INFINITY, out->diff);
		out->df = NAN;
		out->p_value = out->diff == 0.0 ? 1.0 : 0.0;
		out->lower = out->upper = out->diff;
		return CXM_OK;
	}
	/* Welch-Satterthwaite, as scipy's _unequal_var_ttest_denom */
	out->df = v * v / (va * va / (double)(na - 1) + vb * vb / (double)(nb - 1));
	out->stat = out->diff / out->se;
	out->p_value = cxm__t_two_tail(out->stat, out->df);
	{
		double t = cxm__t_crit_real(conf, out->df);
		out->lower = out->diff - t * out->se;
		out->upper = out->diff + t * out->se;
	}
	return CXM_OK;
}

cxm_status cxm_mean_t_interval(cxm_interval *out, double mean, double sd, double n, double conf)
{
	uint64_t un = 0;
	double half;
	int rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_INTERVAL_VERSION, "cxm_interval")) < 0 ||
	    (rc = mean_sample(&un, mean, sd, n, NULL)) < 0 || (rc = check_conf(conf)) < 0)
		return rc;
	half = cxm__t_crit_real(conf, (double)(un - 1)) * sd / sqrt((double)un);
	out->lower = mean - half;
	out->upper = mean + half;
	return CXM_OK;
}
