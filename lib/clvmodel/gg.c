/*
 * lib/clvmodel/gg.c - the Gamma-Gamma model of spend per transaction (Fader,
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
#include <stdint.h>
#include <string.h>
#include "distinct.h"
#include "internal.h"
#include "models.h"
#include "parallel.h"
#include "special.h"

/*
 * What the likelihood needs, prepared once per fit. The buyers (x > 0) are
 * merged into weighted rows of distinct (x, m) - spend is recorded in cents,
 * so the 402,684 repeat buyers of the 1M synthetic set hold 74,604 pairs -
 * and their distinct x (57 there) are listed apart: the special functions of
 * the likelihood depend on x and the parameters only, so a pass takes them
 * once per distinct x, and log m and log x once per fit, leaving one log and
 * one division per merged row and pass. Rows and x keep the order of their
 * first occurrence, so the data, and the fit, do not depend on the thread
 * count.
 *
 * fit.c hands ops->start and ops->loglik the cxm__clv_data it was given,
 * which is the first member here: the callbacks get back to the rest.
 */
struct gg_data {
	cxm__clv_data d;     /* d.n merged rows: d.x, d.m, d.w */
	double start_sum;    /* sum of m over the buyers, in input order (gg_start) */
	const double *lm;    /* per row: log m */
	const uint32_t *xi;  /* per row: the index of its x among xv */
	size_t n_x;
	const double *xv;    /* the distinct x */
	const double *lx;    /* log xv */
	/* Per distinct x, rewritten by every likelihood pass before the row sum
	 * (which only reads them): lgamma(p x + q) - lgamma(p x) + p x log x,
	 * digamma(p x + q) - digamma(p x) + log x, and digamma(p x + q). */
	double *ta, *tb, *tc;
};

static const struct gg_data *gg_data_of(const cxm__clv_data *d)
{
	return (const struct gg_data *)(const void *)d;
}

/* Distinct x a fit's table has room for at first; it grows from there (the
 * CDNOW buyers have 22, the 1M synthetic set's 57). */
#define X_START 16
/* Rows ahead whose slot among the (x, m) pairs is asked for (a cache miss takes that long). */
#define PREFETCH 8

/*
 * Fill g from the `used` buyers among the n validated rows. *block receives
 * the one allocation behind g (cxm__free it after the fit). Returns CXM_OK
 * or CXM_ENOMEM, with nothing left allocated on failure.
 */
static int gg_prepare(struct gg_data *g, void **block, const double *x, const double *m, size_t n,
		      size_t used)
{
	cxm__distinct pairs, xs;
	double *ux, *um, *ulm, *uw, *xv, *lx, sum = 0.0, key[2];
	uint32_t *xi;
	size_t i, j, k, nx;
	int rc;
	*block = NULL;
	/* (x, m) and its count of buyers; room for every buyer, so it never grows */
	if ((rc = cxm__distinct_init_values(&pairs, 2, 1, used < CXM__DISTINCT_MAX ? used : CXM__DISTINCT_MAX,
					    "Gamma-Gamma patterns")) < 0)
		return rc;
	if ((rc = cxm__distinct_init(&xs, 1, X_START, "Gamma-Gamma patterns")) < 0)
		goto done;
	for (i = 0; i < n; i++) {
		if (i + PREFETCH < n && x[i + PREFETCH] > 0.0) { /* ask for a later buyer's slot now */
			key[0] = x[i + PREFETCH];
			key[1] = m[i + PREFETCH];
			cxm__distinct_prefetch_n(&pairs, key, 2);
		}
		if (!(x[i] > 0.0))
			continue;
		sum += m[i];
		key[0] = x[i];
		key[1] = m[i];
		if ((rc = cxm__distinct_add_n(&pairs, key, 2, &j)) < 0)
			goto done;
		cxm__distinct_row(&pairs, j)[2] += 1.0;
	}
	k = pairs.count;
	/* per row x, m, log m, w, index; per distinct x (at most k): x, log x and three terms */
	if ((rc = cxm__alloc_array(block, k, 9 * sizeof *ux + sizeof *xi, "Gamma-Gamma patterns")) < 0)
		goto done;
	ux = *block;
	um = ux + k;
	ulm = um + k;
	uw = ulm + k;
	xv = uw + k;
	lx = xv + k;
	g->ta = lx + k;
	g->tb = g->ta + k;
	g->tc = g->tb + k;
	xi = (uint32_t *)(g->tc + k);
	for (i = 0; i < k; i++) {
		const double *row = cxm__distinct_row(&pairs, i);
		nx = xs.count;
		ux[i] = row[0];
		um[i] = row[1];
		uw[i] = row[2];
		ulm[i] = log(um[i]);
		/* the distinct x of the merged rows */
		if ((rc = cxm__distinct_add_n(&xs, row, 1, &j)) < 0)
			goto done;
		if (j == nx) {
			xv[j] = ux[i];
			lx[j] = log(ux[i]);
		}
		xi[i] = (uint32_t)j;
	}
	g->d.n = k;
	g->d.x = ux;
	g->d.m = um;
	g->d.w = uw;
	g->d.total_weight = (double)used;
	g->start_sum = sum;
	g->lm = ulm;
	g->xi = xi;
	g->n_x = xs.count;
	g->xv = xv;
	g->lx = lx;
done:
	if (rc < 0) {
		cxm__free(*block);
		*block = NULL;
	}
	cxm__distinct_free(&pairs);
	cxm__distinct_free(&xs);
	return rc;
}

struct gg_ctx {
	const struct gg_data *g;
	double p, q, v;
};

/* The x-only terms of distinct x [begin, end) (no sums: acc is unused). */
static void gg_table_chunk(double *acc, size_t begin, size_t end, void *vctx)
{
	const struct gg_ctx *c = vctx;
	const struct gg_data *g = c->g;
	size_t j;
	(void)acc;
	for (j = begin; j < end; j++) {
		double px = c->p * g->xv[j], psi_pxq = cxm__digamma(px + c->q);
		g->ta[j] = cxm__lgamma(px + c->q) - cxm__lgamma(px) + px * g->lx[j];
		g->tb[j] = psi_pxq - cxm__digamma(px) + g->lx[j];
		g->tc[j] = psi_pxq;
	}
}

/*
 * acc: the row-dependent parts of LL, dLL/dp, dLL/dq, dLL/dv. They are summed
 * in locals and stored once: the chunks' acc are neighbours in one array, and
 * stores to it on every row made the two threads fight over its cache lines
 * (two threads ran slower than one).
 */
static void gg_chunk(double *acc, size_t begin, size_t end, void *vctx)
{
	const struct gg_ctx *c = vctx;
	const struct gg_data *g = c->g;
	const double *xs = g->d.x, *ms = g->d.m, *ws = g->d.w, *lms = g->lm;
	const double *ta = g->ta, *tb = g->tb, *tc = g->tc;
	const uint32_t *xi = g->xi;
	double p = c->p, q = c->q, v = c->v, s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
	size_t i;
	for (i = begin; i < end; i++) {
		double x = xs[i], w = ws[i], lm = lms[i], px = p * x, den = x * ms[i] + v, lxm = log(den);
		uint32_t k = xi[i];
		s0 += w * (ta[k] + (px - 1.0) * lm - (px + q) * lxm);
		s1 += w * x * (tb[k] + lm - lxm);
		s2 += w * (tc[k] - lxm);
		s3 -= w * (px + q) / den;
	}
	acc[0] += s0;
	acc[1] += s1;
	acc[2] += s2;
	acc[3] += s3;
}

static int gg_loglik(double *ll, double *grad_log, const double *params, const cxm__clv_data *d)
{
	struct gg_ctx c;
	double acc[4], unused, k = d->total_weight;
	int rc;
	c.g = gg_data_of(d);
	c.p = params[0];
	c.q = params[1];
	c.v = params[2];
	/* the tables first, complete before the row sum reads them */
	if ((rc = cxm__parallel_sum(&unused, 1, c.g->n_x, gg_table_chunk, &c, d->threads)) < 0 ||
	    (rc = cxm__parallel_sum(acc, 4, d->n, gg_chunk, &c, d->threads)) < 0)
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
	double sum = gg_data_of(d)->start_sum, k = d->total_weight;
	params[0] = 4.0;
	params[1] = 4.0;
	params[2] = k > 0.0 && sum > 0.0 && isfinite(sum) ? (sum / k) * 3.0 / 4.0 : 1.0;
}

const cxm__clv_ops cxm__gg_ops = {
	CXM_CLV_GG, 3, { "p", "q", "v", NULL }, gg_start, gg_loglik, NULL, NULL, NULL
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

cxm_status cxm_clv_fit_gamma_gamma(cxm_clv_fit_result *out, const double *frequency, size_t n_frequency,
			    const double *monetary_value, size_t n_monetary, const cxm_clv_fit_opts *opts)
{
	struct gg_data g;
	void *block;
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
	/* one buyer's spend says nothing of how spend varies between customers (q, v) */
	if (used == 1)
		return cxm__fail(CXM_ETOO_FEW, "one customer with frequency > 0 among %zu rows; Gamma-Gamma needs "
				 "at least 2 repeat buyers to tell how spend varies between customers", n_frequency);
	memset(&g, 0, sizeof g);
	if ((rc = gg_prepare(&g, &block, frequency, monetary_value, n_frequency, used)) < 0)
		return rc;
	g.d.threads = opts ? opts->threads : 0u;
	rc = cxm__clv_fit_data(out, &cxm__gg_ops, &g.d, opts);
	cxm__free(block);
	return rc;
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

cxm_status cxm_clv_expected_profit(double *out, size_t cap, const cxm_clv_fit_result *gg, const double *frequency,
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
