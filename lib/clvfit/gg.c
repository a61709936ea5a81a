/*
 * lib/clvfit/gg.c - the Gamma-Gamma model of spend per transaction (Fader,
 * Hardie & Lee 2005, "RFM and CLV"; Hardie, note 025 "The Gamma-Gamma Model
 * of Monetary Value").
 *
 * A customer's x repeat transactions have values z_i ~ Gamma(p, nu) with a
 * customer-specific scale nu ~ Gamma(q, v) across customers. The sufficient
 * statistic is the mean zbar = m of the x values; its marginal density is
 *
 *   f(m | p, q, v, x) = Gamma(p x + q) / (Gamma(p x) Gamma(q))
 *                       v^q m^(p x - 1) x^(p x) / (v + x m)^(p x + q),
 *
 * and the log-likelihood is the sum of log f over customers with x > 0 -
 * with every constant term, as lifetimes' GammaGammaFitter and Hardie's
 * spreadsheet report it (CDNOW 946: LL -4055.9232435028675).
 */
#include <math.h>
#include "internal.h"
#include "models.h"
#include "parallel.h"
#include "special.h"

/* Rows with x > 0 only: the others carry no spend. */
struct gg_ctx {
	const cxm__clv_data *d;
	double p, q, v;
};

/* acc: the row-dependent parts of LL, dLL/dp, dLL/dq, dLL/dv. */
static void gg_chunk(double *acc, size_t begin, size_t end, void *vctx)
{
	const struct gg_ctx *c = vctx;
	const double *xs = c->d->x, *ms = c->d->m;
	double p = c->p, q = c->q, v = c->v;
	size_t i;
	for (i = begin; i < end; i++) {
		double x = xs[i], m, px, lxm, psi_pxq, lm, lx;
		if (!(x > 0.0))
			continue;
		m = ms[i];
		px = p * x;
		lxm = log(x * m + v);
		lm = log(m);
		lx = log(x);
		psi_pxq = cxm__digamma(px + q);
		acc[0] += cxm__lgamma(px + q) - cxm__lgamma(px) + (px - 1.0) * lm + px * lx - (px + q) * lxm;
		acc[1] += x * (psi_pxq - cxm__digamma(px) + lm + lx - lxm);
		acc[2] += psi_pxq - lxm;
		acc[3] -= (px + q) / (x * m + v);
	}
}

static int gg_loglik(double *ll, double *grad_log, const double *params, const cxm__clv_data *d)
{
	struct gg_ctx c;
	double acc[4], k = d->total_weight;
	int rc;
	c.d = d;
	c.p = params[0];
	c.q = params[1];
	c.v = params[2];
	if ((rc = cxm__parallel_sum(acc, 4, d->n, gg_chunk, &c, d->threads)) < 0)
		return rc;
	/* -log Gamma(q) + q log v is the same for every customer: added k times */
	*ll = acc[0] + k * (c.q * log(c.v) - cxm__lgamma(c.q));
	grad_log[0] = c.p * acc[1];
	grad_log[1] = c.q * (acc[2] + k * (log(c.v) - cxm__digamma(c.q)));
	grad_log[2] = c.v * (acc[3] + k * c.q / c.v);
	return CXM_OK;
}

/*
 * Start from the method of moments of the spend model: E[z | nu] = p / nu,
 * so with nu ~ Gamma(q, v) the mean spend is p v / (q - 1). p = q = 4 (a
 * moderately peaked spend distribution, q > 2 so that the variance exists)
 * and v matched to the observed mean of m puts the optimiser in the basin of
 * typical data sets; Newton in log-parameters does the rest.
 */
static void gg_start(double *params, const cxm__clv_data *d)
{
	double sum = 0.0;
	size_t i, k = 0;
	for (i = 0; i < d->n; i++) {
		if (d->x[i] > 0.0) {
			sum += d->m[i];
			k++;
		}
	}
	params[0] = 4.0;
	params[1] = 4.0;
	params[2] = k > 0 && sum > 0.0 && isfinite(sum) ? (sum / (double)k) * 3.0 / 4.0 : 1.0;
}

const cxm__clv_ops cxm__gg_ops = {
	CXM_CLV_GG, 3, "gg", { "p", "q", "v", NULL }, gg_start, gg_loglik, NULL, NULL, NULL
};

/* A frequency: finite, integral, >= 0. */
static int check_frequency(const double *f, size_t i)
{
	if (isnan(f[i]))
		return cxm__fail(CXM_ENAN, "frequency[%zu] is NaN", i);
	if (!(f[i] >= 0.0) || !isfinite(f[i]) || f[i] != floor(f[i]))
		return cxm__fail(CXM_EBAD_ARG, "frequency[%zu] = %.17g must be a non-negative integer "
				 "(number of repeat purchases)", i, f[i]);
	return CXM_OK;
}

/* The two columns every Gamma-Gamma entry point takes: arrays of one length. */
static int check_columns(const double *frequency, size_t n_frequency, const double *monetary_value,
			 size_t n_monetary)
{
	int rc;
	if ((rc = cxm__check_array(frequency, n_frequency, "frequency")) < 0 ||
	    (rc = cxm__check_array(monetary_value, n_monetary, "monetary_value")) < 0)
		return rc;
	if (n_frequency != n_monetary)
		return cxm__fail(CXM_EBAD_ARG, "frequency has %zu rows but monetary_value has %zu",
				 n_frequency, n_monetary);
	return CXM_OK;
}

int cxm_clv_fit_gamma_gamma(cxm_clv_fit_result *out, const double *frequency, size_t n_frequency,
			    const double *monetary_value, size_t n_monetary, const cxm_clv_fit_opts *opts)
{
	cxm__clv_data d = { 0, NULL, NULL, NULL, NULL, NULL, NULL, 0.0, 0u, NULL, 0, NULL, NULL };
	size_t i, used = 0;
	int rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_CLV_FIT_RESULT_VERSION, "cxm_clv_fit_result")) < 0 ||
	    (rc = check_columns(frequency, n_frequency, monetary_value, n_monetary)) < 0)
		return rc;
	for (i = 0; i < n_frequency; i++) {
		if ((rc = check_frequency(frequency, i)) < 0)
			return rc;
		if (frequency[i] == 0.0)
			continue; /* no repeat purchase: its monetary value is not looked at */
		if (isnan(monetary_value[i]))
			return cxm__fail(CXM_ENAN, "monetary_value[%zu] is NaN", i);
		/* the gamma density of the mean spend lives on (0, inf): a zero mean
		 * (free items, refunds) has likelihood 0 and must be filtered out */
		if (!(monetary_value[i] > 0.0) || !isfinite(monetary_value[i]))
			return cxm__fail(CXM_EOUT_OF_RANGE,
					 "monetary_value[%zu] = %.17g with frequency %.17g; Gamma-Gamma needs a "
					 "finite mean spend > 0 for every customer with frequency > 0 (filter them)",
					 i, monetary_value[i], frequency[i]);
		used++;
	}
	if (used == 0)
		return cxm__fail(CXM_EEMPTY, "no customer with frequency > 0 among %zu rows", n_frequency);
	d.n = n_frequency;
	d.x = frequency;
	d.m = monetary_value;
	d.total_weight = (double)used;
	d.threads = opts ? opts->threads : 0u;
	return cxm__clv_fit_data(out, &cxm__gg_ops, &d, opts);
}

/* A Gamma-Gamma fit passed to a prediction: the right model, usable parameters. */
static int check_gg_fit(const cxm_clv_fit_result *gg)
{
	if (gg == NULL)
		return cxm__fail(CXM_EBAD_ARG, "gg (the Gamma-Gamma fit) is NULL");
	if (gg->version == 0 || gg->version > CXM_CLV_FIT_RESULT_VERSION)
		return cxm__fail(CXM_EVERSION, "gg->version is %u; this library knows 1..%u", gg->version,
				 CXM_CLV_FIT_RESULT_VERSION);
	if (gg->model != CXM_CLV_GG)
		return cxm__fail(CXM_EBAD_ARG, "gg is a fit of model %d; expected Gamma-Gamma (%d)", gg->model,
				 CXM_CLV_GG);
	if (!(gg->params[0] > 0.0 && isfinite(gg->params[0]) && gg->params[1] > 0.0 &&
	      isfinite(gg->params[1]) && gg->params[2] > 0.0 && isfinite(gg->params[2])))
		return cxm__fail(CXM_EBAD_ARG, "Gamma-Gamma parameters p = %.17g, q = %.17g, v = %.17g must be "
				 "finite and > 0", gg->params[0], gg->params[1], gg->params[2]);
	/* The population mean spend p v / (q - 1) exists only for q > 1. */
	if (!(gg->params[1] > 1.0))
		return cxm__fail(CXM_EDOMAIN, "Gamma-Gamma q = %.17g: the expected spend needs q > 1",
				 gg->params[1]);
	return CXM_OK;
}

int cxm_clv_expected_profit(double *out, size_t cap, const cxm_clv_fit_result *gg, const double *frequency,
			    size_t n_frequency, const double *monetary_value, size_t n_monetary)
{
	double p, q, v;
	size_t i;
	int rc;
	if ((rc = check_gg_fit(gg)) < 0 || (rc = cxm__check_array(out, cap, "out")) < 0 ||
	    (rc = check_columns(frequency, n_frequency, monetary_value, n_monetary)) < 0)
		return rc;
	if (cap < n_frequency)
		return cxm__fail(CXM_EBAD_ARG, "out has room for %zu values but there are %zu customers", cap,
				 n_frequency);
	/* validate everything before writing, so a failed call leaves out untouched */
	for (i = 0; i < n_frequency; i++) {
		if ((rc = check_frequency(frequency, i)) < 0)
			return rc;
		if (isnan(monetary_value[i]))
			return cxm__fail(CXM_ENAN, "monetary_value[%zu] is NaN", i);
		/* 0 is allowed here (unlike in the fit): the shrinkage formula is
		 * defined for it, and a summary may hold a customer whose repeat
		 * purchases were all free; it then gets a weighted-down estimate. */
		if (!(monetary_value[i] >= 0.0) || !isfinite(monetary_value[i]))
			return cxm__fail(CXM_EOUT_OF_RANGE, "monetary_value[%zu] = %.17g must be finite and >= 0", i,
					 monetary_value[i]);
	}
	p = gg->params[0];
	q = gg->params[1];
	v = gg->params[2];
	/*
	 * E[Z | p, q, v, x, m] = (p (v + x m)) / (p x + q - 1): the posterior mean
	 * of p / nu with nu | data ~ Gamma(p x + q, v + x m), a weighted average
	 * of the population mean p v / (q - 1) and the customer's own mean m
	 * (lifetimes' conditional_expected_average_profit). At x = 0 it is the
	 * population mean, whatever m holds.
	 */
	for (i = 0; i < n_frequency; i++) {
		double x = frequency[i];
		out[i] = x > 0.0 ? p * (v + x * monetary_value[i]) / (p * x + q - 1.0) : p * v / (q - 1.0);
	}
	return CXM_OK;
}
