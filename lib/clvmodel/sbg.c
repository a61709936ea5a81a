/*
 * lib/clvmodel/sbg.c - the shifted-beta-geometric model of contractual
 * retention (Fader & Hardie 2007, "How to Project Customer Retention",
 * Journal of Interactive Marketing 21(1)).
 *
 * Each customer renews at the end of every period with probability 1 - theta,
 * theta ~ Beta(alpha, beta) across customers. The lifetime T (periods until
 * churn) then has
 *
 *   P(T = t) = B(alpha + 1, beta + t - 1) / B(alpha, beta),
 *   S(t)     = P(T > t) = B(alpha, beta + t) / B(alpha, beta),
 *   r(t)     = S(t) / S(t - 1) = (beta + t - 1) / (alpha + beta + t - 1),
 *
 * and a cohort observed over periods 0..n-1 gives the log-likelihood (their
 * eq. 6) sum_{t=1}^{n-1} (S_{t-1} - S_t) log P(T = t) + S_{n-1} log S(n - 1),
 * with S_t the survivor counts. Both probabilities are products of the
 * ratios r(t) (P(T = t) = S(t - 1) alpha / (alpha + beta + t - 1)), so the
 * code runs the recurrences instead of log Beta functions: exact, and the
 * gradient is a sum of reciprocals.
 */
#include <math.h>
#include "internal.h"
#include "models.h"

/* The likelihood of a few dozen periods: a loop, no threads, no allocation. */
static int sbg_loglik(double *ll, double *grad_log, const double *params, const cxm__clv_data *d)
{
	const double a = params[0], b = params[1], *s = d->survivors;
	double log_s = 0.0, ds_a = 0.0, ds_b = 0.0; /* log S(t - 1) and its derivatives */
	double sum = 0.0, ga = 0.0, gb = 0.0;
	size_t t;
	for (t = 1; t < d->n; t++) {
		double inv = 1.0 / (a + b + (double)t - 1.0), churned = s[t - 1] - s[t];
		if (churned > 0.0) {
			/* log P(T = t) = log S(t - 1) + log alpha - log(alpha + beta + t - 1) */
			sum += churned * (log_s + log(a) + log(inv));
			ga += churned * (ds_a + 1.0 / a - inv);
			gb += churned * (ds_b - inv);
		}
		/* log S(t) = log S(t - 1) + log(beta + t - 1) - log(alpha + beta + t - 1) */
		log_s += log((b + (double)t - 1.0) * inv);
		ds_a -= inv;
		ds_b += 1.0 / (b + (double)t - 1.0) - inv;
	}
	if (s[d->n - 1] > 0.0) {
		sum += s[d->n - 1] * log_s;
		ga += s[d->n - 1] * ds_a;
		gb += s[d->n - 1] * ds_b;
	}
	*ll = sum;
	grad_log[0] = a * ga;
	grad_log[1] = b * gb;
	return CXM_OK;
}

/* theta ~ Beta(1, 1), uniform churn probabilities: the paper's examples
 * (alpha, beta around 0.7 and 1..4) are a few Newton steps away. */
static void sbg_start(double *params, const cxm__clv_data *d)
{
	(void)d;
	params[0] = params[1] = 1.0;
}

const cxm__clv_ops cxm__sbg_ops = {
	CXM_CLV_SBG, 2, { "alpha", "beta", NULL, NULL }, sbg_start, sbg_loglik, NULL, NULL, NULL
};

cxm_status cxm_clv_fit_sbg(cxm_clv_fit_result *out, const double *survivors, size_t n, const cxm_clv_fit_opts *opts)
{
	cxm__clv_data d = { 0, NULL, NULL, NULL, NULL, NULL, NULL, 0.0, 0u, NULL, 0, NULL, NULL };
	size_t t;
	int rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_CLV_FIT_RESULT_VERSION, "cxm_clv_fit_result")) < 0 ||
	    (rc = cxm__check_array(survivors, n, "survivors")) < 0)
		return rc;
	/* every iteration of the fit runs over the periods: the limit first (spec §8.15) */
	if (n > (size_t)CXM_CLV_MAX_PERIODS + 1)
		return cxm__fail(CXM_EBAD_ARG, "survivors has %zu entries, above the limit of %d periods after the "
				 "start (CXM_CLV_MAX_PERIODS)", n, CXM_CLV_MAX_PERIODS);
	for (t = 0; t < n; t++) {
		if (isnan(survivors[t]))
			return cxm__fail(CXM_ENAN, "survivors[%zu] is NaN", t);
		/* 2^53: counts must stay exact in a double */
		if (!(survivors[t] >= 0.0 && survivors[t] <= 9007199254740992.0 &&
		      survivors[t] == floor(survivors[t])))
			return cxm__fail(CXM_EBAD_ARG, "survivors[%zu] = %.17g must be a whole number of customers", t,
					 survivors[t]);
		if (t > 0 && survivors[t] > survivors[t - 1])
			return cxm__fail(CXM_EINCONSISTENT,
					 "survivors[%zu] = %.17g exceeds survivors[%zu] = %.17g; a cohort can only shrink",
					 t, survivors[t], t - 1, survivors[t - 1]);
	}
	if (n < 2)
		return cxm__fail(CXM_EEMPTY, "survivors has %zu entries; it needs the cohort size and at least one "
				 "later period", n);
	if (survivors[0] == 0.0)
		return cxm__fail(CXM_EEMPTY, "survivors[0] = 0: the cohort has no customers");
	d.n = n;
	d.survivors = survivors;
	d.total_weight = survivors[0];
	d.threads = 1u;
	return cxm__clv_fit_data(out, &cxm__sbg_ops, &d, opts);
}

cxm_status cxm_clv_sbg_curves(double *survival, size_t n_survival, double *retention, size_t n_retention,
			      const cxm_clv_fit_result *sbg)
{
	double a, b, s = 1.0;
	size_t t, n = n_survival > n_retention ? n_survival : n_retention;
	int rc;
	if (sbg == NULL)
		return cxm__fail(CXM_EBAD_ARG, "sbg (the sBG fit) is NULL");
	if ((rc = cxm__check_array(survival, n_survival, "survival")) < 0 ||
	    (rc = cxm__check_array(retention, n_retention, "retention")) < 0)
		return rc;
	/* the cost is linear in the lengths: refuse a typo before the loop (spec §8.15) */
	if (n > CXM_CLV_MAX_PERIODS)
		return cxm__fail(CXM_EBAD_ARG, "%s = %zu is above the limit of %d periods (CXM_CLV_MAX_PERIODS)",
				 n_survival >= n_retention ? "n_survival" : "n_retention", n, CXM_CLV_MAX_PERIODS);
	if (sbg->version == 0 || sbg->version > CXM_CLV_FIT_RESULT_VERSION)
		return cxm__fail(CXM_EVERSION, "sbg->version is %u; this library knows 1..%u", sbg->version,
				 CXM_CLV_FIT_RESULT_VERSION);
	if (sbg->model != CXM_CLV_SBG)
		return cxm__fail(CXM_EBAD_ARG, "sbg is a fit of model %d; expected sBG (%d)", sbg->model, CXM_CLV_SBG);
	a = sbg->params[0];
	b = sbg->params[1];
	if (!(a > 0.0 && isfinite(a) && b > 0.0 && isfinite(b)))
		return cxm__fail(CXM_EBAD_ARG, "sBG parameters alpha = %.17g, beta = %.17g must be finite and > 0", a,
				 b);
	/* each output has its own length: a caller may want one curve, or
	 * curves of different lengths */
	for (t = 1; t <= n; t++) {
		double r = (b + (double)t - 1.0) / (a + b + (double)t - 1.0);
		s *= r;
		if (t <= n_survival)
			survival[t - 1] = s;
		if (t <= n_retention)
			retention[t - 1] = r;
	}
	return CXM_OK;
}
