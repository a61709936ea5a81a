/* lib/stats/intervals.c - critical values, proportion intervals, Kish n_eff, rounding. */
#include <math.h>
#include "internal.h"
#include "dist.h"
#include "xsum.h"

cxm_status cxm_z_crit(double *out, double conf)
{
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	return cxm__crit(out, conf, CXM_Z_FROM_CONF);
}

cxm_status cxm_t_crit(double *out, double conf, double df)
{
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	if (!(conf > 0.0 && conf < 1.0))
		return cxm__fail(CXM_EBAD_ARG, "conf must be in (0, 1), got %.17g", conf);
	if (!(df >= 1.0 && df <= 4294967295.0 && df == floor(df)))
		return cxm__fail(CXM_EBAD_ARG, "df must be an integer >= 1, got %.17g", df);
	*out = cxm__t_quantile((1.0 + conf) / 2.0, (unsigned long)df);
	return CXM_OK;
}

double cxm_p_two_sided(double z)
{
	if (isinf(z))
		return 0.0;
	return erfc(fabs(z) / sqrt(2.0)); /* = 2 Phi(-|z|) */
}

double cxm_round_half_away(double x)
{
	return round(x); /* C99 round(): halves away from zero; NaN, inf unchanged */
}

/* x successes of n, checked (spec §2.3 edge cases), and the critical value. */
static int proportion_args(uint64_t *x, uint64_t *n, double *zc, const cxm_interval *out,
			   double dx, double dn, double conf, double z)
{
	int rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_INTERVAL_VERSION, "cxm_interval")) < 0 ||
	    (rc = cxm__count(x, dx, "x")) < 0 || (rc = cxm__count(n, dn, "n")) < 0)
		return rc;
	if (*n == 0)
		return cxm__fail(CXM_EEMPTY, "n = 0 trials");
	if (*x > *n)
		return cxm__fail(CXM_EINCONSISTENT, "x = %llu successes exceeds n = %llu trials",
				 (unsigned long long)*x, (unsigned long long)*n);
	return cxm__crit(zc, conf, z);
}

cxm_status cxm_wilson(cxm_interval *out, double x, double n, double conf, double z)
{
	uint64_t ux, un;
	double zc, p, z2, dn, denom, centre, half;
	int rc;
	if ((rc = proportion_args(&ux, &un, &zc, out, x, n, conf, z)) < 0)
		return rc;
	dn = (double)un;
	p = (double)ux / dn;
	z2 = zc * zc;
	denom = 1.0 + z2 / dn;
	centre = (p + z2 / (2.0 * dn)) / denom;
	half = zc * sqrt(p * (1.0 - p) / dn + z2 / (4.0 * dn * dn)) / denom;
	/* exact ends, as R's prop.test(correct = FALSE) */
	out->lower = ux == 0 ? 0.0 : fmax(0.0, centre - half);
	out->upper = ux == un ? 1.0 : fmin(1.0, centre + half);
	return CXM_OK;
}

cxm_status cxm_adjusted_wald(cxm_interval *out, double x, double n, double conf, double z)
{
	uint64_t ux, un;
	double zc, n_adj, p_adj, half;
	int rc;
	if ((rc = proportion_args(&ux, &un, &zc, out, x, n, conf, z)) < 0)
		return rc;
	n_adj = (double)un + zc * zc;
	p_adj = ((double)ux + zc * zc / 2.0) / n_adj;
	half = zc * sqrt(p_adj * (1.0 - p_adj) / n_adj);
	out->lower = p_adj - half; /* not clipped (spec §0.6) */
	out->upper = p_adj + half;
	return CXM_OK;
}

cxm_status cxm_kish_n_eff(double *out, const double *weights, size_t n)
{
	cxm__xsum w, w2;
	double W;
	size_t i;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0 || (rc = cxm__check_array(weights, n, "weights")) < 0)
		return rc;
	if (n == 0)
		return cxm__fail(CXM_EEMPTY, "no weights");
	cxm__xsum_init(&w);
	cxm__xsum_init(&w2);
	for (i = 0; i < n; i++) {
		if ((rc = cxm__check_weight(weights[i], i)) < 0)
			return rc;
		cxm__xsum_add(&w, weights[i]);
		cxm__xsum_add(&w2, weights[i] * weights[i]);
	}
	W = cxm__xsum_round(&w);
	if (!(W > 0.0))
		return cxm__fail(CXM_EBAD_WEIGHTS, "the weights sum to zero");
	*out = W * W / cxm__xsum_round(&w2);
	return CXM_OK;
}
