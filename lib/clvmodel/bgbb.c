/*
 * lib/clvmodel/bgbb.c - the beta-geometric/beta-Bernoulli model of Fader,
 * Hardie & Shang (2010), "Customer-Base Analysis in a Discrete-Time
 * Noncontractual Setting", Marketing Science 29(6).
 *
 * Over n transaction opportunities, a customer alive at an opportunity
 * transacts with probability p ~ Beta(alpha, beta), and dies at the start of
 * each opportunity with probability theta ~ Beta(gamma, delta). A customer's
 * data are x transactions, the last at opportunity t_x, out of n. Writing
 * P(a, b) = B(alpha + a, beta + b) / B(alpha, beta) and
 * Q(u, k) = B(gamma + u, delta + k) / B(gamma, delta), the likelihood (their
 * eq. 5) is
 *
 *   L = P(x, n - x) Q(0, n) + sum_{i=0}^{n-t_x-1} P(x, t_x - x + i) Q(1, t_x + i):
 *
 * alive through all n opportunities, or dead from opportunity t_x + i + 1.
 *
 * Every argument offset is an integer, so each beta ratio is a finite product
 * of (alpha + j) / (alpha + beta + j)-type factors: the code never needs log
 * Gamma (no cancellation between large lgamma values, no thread-unsafe
 * signgam) and the gradient is a sum of reciprocals. All terms are taken
 * relative to C = P(x, t_x - x) Q(0, t_x), common to every term:
 *
 *   L = C [ sum_{i=0}^{K-1} r_i gamma / (gamma + delta + t_x + i) + r_K ],  K = n - t_x,
 *   r_0 = 1,  r_{i+1} = r_i (beta + t_x - x + i) / (alpha + beta + t_x + i)
 *                           (delta + t_x + i) / (gamma + delta + t_x + i),
 *
 * so the bracket never underflows (its first term is at least
 * gamma / (gamma + delta + t_x)) and C is accumulated as a log.
 */
#include <math.h>
#include "internal.h"
#include "models.h"
#include "parallel.h"

/* Every sum over opportunities is a loop: this bounds the work per customer. */
#define MAX_PERIODS ((double)CXM_CLV_MAX_PERIODS) /* clvmodel.h, spec §8.15 */

/* prod *= f, moving the product into *logs before it can underflow. */
static void mul_into(double *prod, double *logs, double f)
{
	*prod *= f;
	if (*prod < 1e-200) {
		*logs += log(*prod);
		*prod = 1.0;
	}
}

/*
 * One pattern: log L into *log_l and, when grad is not NULL, d log L /
 * d(alpha, beta, gamma, delta). *alive (if not NULL) gets the share of L of
 * the "alive through opportunity n" term, r_K / bracket, which is P(alive).
 */
static void pattern(double *log_l, double *grad, double *alive, const double *prm, double x, double tx,
		    double n)
{
	const double a = prm[0], b = prm[1], g = prm[2], d = prm[3];
	double prod = 1.0, logs = 0.0, gc[4] = { 0.0, 0.0, 0.0, 0.0 };
	double r = 1.0, s[4] = { 0.0, 0.0, 0.0, 0.0 }, br = 0.0, dbr[4] = { 0.0, 0.0, 0.0, 0.0 };
	double j, i, k = n - tx;
	int c;

	/* C = prod_{j<x} (a+j)/(a+b+j) prod_{j<tx-x} (b+j)/(a+b+x+j) prod_{j<tx} (d+j)/(g+d+j) */
	for (j = 0.0; j < x; j += 1.0) {
		mul_into(&prod, &logs, (a + j) / (a + b + j));
		if (grad)
			gc[0] += 1.0 / (a + j);
	}
	for (j = 0.0; j < tx - x; j += 1.0) {
		mul_into(&prod, &logs, (b + j) / (a + b + x + j));
		if (grad)
			gc[1] += 1.0 / (b + j);
	}
	for (j = 0.0; j < tx; j += 1.0) {
		mul_into(&prod, &logs, (d + j) / (g + d + j));
		if (grad) {
			double u = 1.0 / (a + b + j), v = 1.0 / (g + d + j);
			gc[0] -= u;
			gc[1] -= u;
			gc[2] -= v;
			gc[3] += 1.0 / (d + j) - v;
		}
	}
	/* the bracket: dead from opportunity tx + i + 1 (i < K), or alive at n */
	for (i = 0.0; i < k; i += 1.0) {
		double inv_gd = 1.0 / (g + d + tx + i), inv_ab = 1.0 / (a + b + tx + i);
		double term = r * g * inv_gd;
		br += term;
		if (grad) {
			dbr[0] += term * s[0];
			dbr[1] += term * s[1];
			dbr[2] += term * (s[2] + 1.0 / g - inv_gd);
			dbr[3] += term * (s[3] - inv_gd);
			s[0] -= inv_ab;
			s[1] += 1.0 / (b + tx - x + i) - inv_ab;
			s[2] -= inv_gd;
			s[3] += 1.0 / (d + tx + i) - inv_gd;
		}
		r *= (b + tx - x + i) * inv_ab * (d + tx + i) * inv_gd;
	}
	br += r;
	*log_l = logs + log(prod) + log(br);
	if (grad) {
		for (c = 0; c < 4; c++)
			grad[c] = gc[c] + (dbr[c] + r * s[c]) / br;
	}
	if (alive)
		*alive = r / br;
}

/* acc: sum of w log L, then sum of w d log L / d(alpha, beta, gamma, delta). */
struct bgbb_ctx {
	const cxm__clv_data *d;
	const double *prm;
};

static void bgbb_chunk(double *acc, size_t begin, size_t end, void *vctx)
{
	const struct bgbb_ctx *c = vctx;
	const cxm__clv_data *d = c->d;
	size_t row;
	for (row = begin; row < end; row++) {
		double w = d->w ? d->w[row] : 1.0, ll, g[4];
		int k;
		if (w == 0.0)
			continue;
		pattern(&ll, g, NULL, c->prm, d->x[row], d->t_x[row], d->T[row]);
		acc[0] += w * ll;
		for (k = 0; k < 4; k++)
			acc[1 + k] += w * g[k];
	}
}

static int bgbb_loglik(double *ll, double *grad_log, const double *params, const cxm__clv_data *d)
{
	struct bgbb_ctx c;
	double acc[5];
	int k, rc;
	c.d = d;
	c.prm = params;
	if ((rc = cxm__parallel_sum(acc, 5, d->n, bgbb_chunk, &c, d->threads)) < 0)
		return rc;
	*ll = acc[0];
	for (k = 0; k < 4; k++)
		grad_log[k] = params[k] * acc[1 + k];
	return CXM_OK;
}

/* Uniform Beta(1, 1) priors on p and theta: the data move it quickly. */
static void bgbb_start(double *params, const cxm__clv_data *d)
{
	(void)d;
	params[0] = params[1] = params[2] = params[3] = 1.0;
}

/* Whole, consistent pattern (the prediction ops have no status: NaN says no). */
static int is_pattern(double x, double tx, double n)
{
	return x >= 0.0 && x == floor(x) && tx == floor(tx) && n == floor(n) && x <= tx && tx <= n &&
	       n <= MAX_PERIODS && (x == 0.0) == (tx == 0.0);
}

/*
 * sum_{k=1}^{m} E[(1 - theta)^k | theta ~ Beta(gamma, delta + n0)]
 *   = sum_{k=1}^{m} prod_{j<k} (delta + n0 + j) / (gamma + delta + n0 + j):
 * expected opportunities alive among the m after n0, for one alive at n0.
 * (lifetimes' closed form divides by gamma - 1; the sum is exact for any gamma.)
 */
static double alive_opportunities(double g, double d, double n0, double m)
{
	double u = 1.0, sum = 0.0, k;
	for (k = 0.0; k < m; k += 1.0) {
		u *= (d + n0 + k) / (g + d + n0 + k);
		sum += u;
	}
	return sum;
}

/*
 * P(alive at opportunity n | x, t_x, n): the share of L of the "alive at n"
 * term (lifetimes' conditional_probability_alive with m_periods_in_future =
 * 0). It is 1 when t_x = n, as P(alive) at t_x = T is in the continuous-time
 * models; FHS 2010 eq. 11, alive at n + 1, is this times (delta + n) /
 * (gamma + delta + n).
 */
static double bgbb_p_alive(const double *params, double x, double tx, double n)
{
	double ll, alive;
	if (!is_pattern(x, tx, n))
		return NAN;
	pattern(&ll, NULL, &alive, params, x, tx, n);
	return alive;
}

/*
 * Expected transactions in opportunities n + 1 .. n + t (FHS 2010 eq. 13;
 * lifetimes' conditional_expected_number_of_purchases_up_to_time): alive at
 * n with P(alive); then p | data ~ Beta(alpha + x, beta + n - x), theta |
 * data ~ Beta(gamma, delta + n), and each later opportunity is a transaction
 * with probability E[p] E[(1 - theta)^k].
 */
static double bgbb_expected(const double *params, double t, double x, double tx, double n)
{
	if (!(t >= 0.0 && t == floor(t) && t <= MAX_PERIODS) || !is_pattern(x, tx, n))
		return NAN;
	return bgbb_p_alive(params, x, tx, n) * (params[0] + x) / (params[0] + params[1] + n) *
	       alive_opportunities(params[2], params[3], n, t);
}

/* Expected transactions in the first t opportunities (FHS 2010 eq. 8). */
static double bgbb_unconditional(const double *params, double t)
{
	if (!(t >= 0.0 && t == floor(t) && t <= MAX_PERIODS))
		return NAN;
	return params[0] / (params[0] + params[1]) * alive_opportunities(params[2], params[3], 0.0, t);
}

const cxm__clv_ops cxm__bgbb_ops = {
	CXM_CLV_BGBB, 4, { "alpha", "beta", "gamma", "delta" }, bgbb_start, bgbb_loglik,
	bgbb_expected, bgbb_p_alive, bgbb_unconditional
};

/*
 * P(X(n) = x) for x = 0..n (FHS 2010 eq. 7):
 *   C(n, x) P(x, n - x) Q(0, n) + sum_{i=x}^{n-1} C(i, x) P(x, i - x) Q(1, i).
 * C(i, x) P(x, i - x) is the beta-binomial probability of x in i, at most 1,
 * so it is carried as one running product (no overflow of the binomial
 * coefficient); per x the start P(x, 0) and Q(0, x) carry over from x - 1.
 */
static void bgbb_pmf(double *out, const double *params, double n)
{
	const double a = params[0], b = params[1], g = params[2], d = params[3];
	double px0 = 1.0, qx = 1.0, x; /* P(x, 0) and Q(0, x) */
	for (x = 0.0; x <= n; x += 1.0) {
		double cp = px0, q0 = qx, sum = 0.0, i;
		/* i = x .. n - 1: cp = C(i, x) P(x, i - x), q0 = Q(0, i) */
		for (i = x; i < n; i += 1.0) {
			sum += cp * q0 * g / (g + d + i);
			cp *= (i + 1.0) / (i + 1.0 - x) * (b + i - x) / (a + b + i);
			q0 *= (d + i) / (g + d + i);
		}
		out[(size_t)x] = sum + cp * q0;
		px0 *= (a + x) / (a + b + x);
		qx *= (d + x) / (g + d + x);
	}
}

static int check_fit(const cxm_clv_fit_result *fit)
{
	int k;
	if (fit == NULL)
		return cxm__fail(CXM_EBAD_ARG, "fit is NULL");
	if (fit->version == 0 || fit->version > CXM_CLV_FIT_RESULT_VERSION)
		return cxm__fail(CXM_EVERSION, "fit->version is %u; this library knows 1..%u", fit->version,
				 CXM_CLV_FIT_RESULT_VERSION);
	if (fit->model != CXM_CLV_BGBB)
		return cxm__fail(CXM_EBAD_ARG, "fit is of model %d; expected BG/BB (%d)", fit->model, CXM_CLV_BGBB);
	for (k = 0; k < 4; k++)
		if (!(fit->params[k] > 0.0 && isfinite(fit->params[k])))
			return cxm__fail(CXM_EBAD_ARG, "BG/BB parameter %s = %.17g must be finite and > 0",
					 cxm__bgbb_ops.param_names[k], fit->params[k]);
	return CXM_OK;
}

cxm_status cxm_clv_bgbb_pmf(double *out, size_t cap, const cxm_clv_fit_result *fit, double n_periods)
{
	int rc;
	if ((rc = check_fit(fit)) < 0 || (rc = cxm__check_array(out, cap, "out")) < 0)
		return rc;
	if (isnan(n_periods))
		return cxm__fail(CXM_ENAN, "n_periods is NaN");
	if (!(n_periods >= 0.0 && n_periods == floor(n_periods) && n_periods <= MAX_PERIODS))
		return cxm__fail(CXM_EBAD_ARG, "n_periods = %.17g must be an integer in 0..%.0f", n_periods,
				 MAX_PERIODS);
	if (cap < (size_t)n_periods + 1)
		return cxm__fail(CXM_EBAD_ARG, "out has room for %zu values; n_periods = %.0f needs %.0f", cap,
				 n_periods, n_periods + 1.0);
	bgbb_pmf(out, fit->params, n_periods);
	return CXM_OK;
}

/* Row i of the patterns: whole numbers with 0 <= x <= t_x <= n, x = 0 iff t_x = 0. */
static int check_row(const double *x, const double *tx, const double *n, const double *w, size_t i)
{
	if (isnan(x[i]) || isnan(tx[i]) || isnan(n[i]))
		return cxm__fail(CXM_ENAN, "row %zu: frequency %.17g, recency %.17g, n_periods %.17g has a NaN", i,
				 x[i], tx[i], n[i]);
	if (!(n[i] >= 1.0 && n[i] <= MAX_PERIODS && n[i] == floor(n[i])))
		return cxm__fail(CXM_EBAD_ARG, "n_periods[%zu] = %.17g must be an integer in 1..%.0f", i, n[i],
				 MAX_PERIODS);
	if (!(x[i] >= 0.0 && x[i] == floor(x[i])))
		return cxm__fail(CXM_EBAD_ARG, "frequency[%zu] = %.17g must be a non-negative integer", i, x[i]);
	if (!(tx[i] >= 0.0 && tx[i] == floor(tx[i]) && tx[i] <= n[i]))
		return cxm__fail(CXM_EBAD_ARG, "recency[%zu] = %.17g must be an integer in 0..n_periods (%.17g)", i,
				 tx[i], n[i]);
	/* t_x is the opportunity of the last transaction, so it is at least x,
	 * and it is 0 exactly when there was none */
	if (x[i] > tx[i] || (x[i] == 0.0) != (tx[i] == 0.0))
		return cxm__fail(CXM_EBAD_ARG, "row %zu: frequency %.17g and recency %.17g are impossible together "
				 "(need x <= t_x, and t_x = 0 exactly when x = 0)", i, x[i], tx[i]);
	if (w && !(w[i] >= 0.0 && isfinite(w[i]) && w[i] == floor(w[i])))
		return cxm__fail(CXM_EBAD_WEIGHTS, "weights[%zu] = %.17g must be a non-negative integer "
				 "(customers with this pattern)", i, w[i]);
	return CXM_OK;
}

cxm_status cxm_clv_fit_bgbb(cxm_clv_fit_result *out, const double *frequency, size_t n_frequency,
		     const double *recency, size_t n_recency, const double *n_periods, size_t n_n_periods,
		     const double *weights, size_t n_weights, const cxm_clv_fit_opts *opts)
{
	cxm__clv_data d = { 0, NULL, NULL, NULL, NULL, NULL, NULL, 0.0, 0u, NULL, 0, NULL, NULL };
	double total = 0.0, buyers = 0.0;
	size_t i, n = n_frequency;
	int rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_CLV_FIT_RESULT_VERSION, "cxm_clv_fit_result")) < 0 ||
	    (rc = cxm__check_array(frequency, n_frequency, "frequency")) < 0 ||
	    (rc = cxm__check_array(recency, n_recency, "recency")) < 0 ||
	    (rc = cxm__check_array(n_periods, n_n_periods, "n_periods")) < 0 ||
	    (rc = cxm__check_array(weights, n_weights, "weights")) < 0)
		return rc;
	if (n_weights == 0) /* an empty array is no weights, whatever its pointer */
		weights = NULL;
	if (n_recency != n || n_n_periods != n || (weights && n_weights != n))
		return cxm__fail(CXM_EBAD_ARG, "frequency, recency, n_periods and weights have %zu, %zu, %zu and "
				 "%zu rows; they must be equal (weights may be NULL with 0)",
				 n, n_recency, n_n_periods, n_weights);
	for (i = 0; i < n; i++) {
		if ((rc = check_row(frequency, recency, n_periods, weights, i)) < 0)
			return rc;
		total += weights ? weights[i] : 1.0;
		if (frequency[i] > 0.0)
			buyers += weights ? weights[i] : 1.0;
	}
	if (n == 0)
		return cxm__fail(CXM_EEMPTY, "no patterns");
	if (!(total > 0.0))
		return cxm__fail(CXM_EBAD_WEIGHTS, "the weights of the %zu patterns sum to 0", n);
	/* without a transaction the likelihood grows as the transaction
	 * probability goes to 0: there is no maximum to find (spec §8.14) */
	if (buyers == 0.0)
		return cxm__fail(CXM_ETOO_FEW, "no customer made a transaction (every frequency is 0 among %.17g "
				 "customers): BG/BB cannot be fitted", total);
	d.n = n;
	d.x = frequency;
	d.t_x = recency;
	d.T = n_periods;
	d.w = weights;
	d.total_weight = total;
	d.threads = opts ? opts->threads : 0u;
	return cxm__clv_fit_data(out, &cxm__bgbb_ops, &d, opts);
}
