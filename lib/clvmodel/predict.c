/*
 * lib/clvmodel/predict.c - the per-customer predictions of the transaction
 * models (BG/NBD, MBG/NBD, Pareto/NBD, BG/BB): conditional expected
 * purchases, P(alive) and discounted CLV, dispatched through each model's
 * ops (models.h), on several threads for many customers.
 *
 * The BG family takes a faster road (predict_bg): its P(alive) goes through
 * the vector kernel of palive.c, which also validates the rows, and its
 * expected purchases are P(alive) times a body that depends on (x, T) only
 * (body_table.h), computed once per distinct key.
 */
#include <math.h>
#include <string.h>
#include "internal.h"
#include "models.h"
#include "bgnbd.h"
#include "body_table.h"
#include "customers.h"
#include "parallel.h"

/* ---- argument checks ------------------------------------------------------ */

enum pred_need { NEED_EXPECTED, NEED_P_ALIVE, NEED_UNCONDITIONAL };

/* A fitted model handed to a prediction: a known struct version, a model
 * that has the prediction (Gamma-Gamma and sBG have none), usable parameters. */
static int check_fit(const cxm__clv_ops **ops_out, const cxm_clv_fit_result *fit, enum pred_need need)
{
	static const char *const what[] = { "conditional expected purchases", "probability of being alive",
					    "unconditional expected purchases" };
	const cxm__clv_ops *ops;
	size_t i;
	int has;
	if (fit == NULL)
		return cxm__fail(CXM_EBAD_ARG, "fit is NULL");
	if (fit->version == 0 || fit->version > CXM_CLV_FIT_RESULT_VERSION)
		return cxm__fail(CXM_EVERSION, "fit->version is %u; this library knows versions 1..%u", fit->version,
				 CXM_CLV_FIT_RESULT_VERSION);
	if ((ops = cxm__clv_ops_of(fit->model)) == NULL)
		return cxm__error_context("fit->model");
	has = need == NEED_EXPECTED ? ops->expected != NULL
	      : need == NEED_P_ALIVE ? ops->p_alive != NULL : ops->unconditional != NULL;
	if (!has)
		return cxm__fail(CXM_EBAD_ARG, "fit is a %s model, which has no %s; use bgnbd, mbgnbd, pnbd or bgbb",
				 cxm__clv_model_word(ops->model), what[need]);
	if (fit->n_params != ops->n_params)
		return cxm__fail(CXM_EBAD_ARG, "fit->n_params is %zu; model %s has %zu parameters", fit->n_params,
				 cxm__clv_model_word(ops->model), ops->n_params);
	for (i = 0; i < ops->n_params; i++) {
		if (isnan(fit->params[i]))
			return cxm__fail(CXM_ENAN, "fit->params[%zu] (%s) is NaN", i, ops->param_names[i]);
		if (!(fit->params[i] > 0.0) || !isfinite(fit->params[i]))
			return cxm__fail(CXM_EBAD_ARG, "fit->params[%zu] (%s) = %.17g must be finite and > 0", i,
					 ops->param_names[i], fit->params[i]);
	}
	*ops_out = ops;
	return CXM_OK;
}

/* A horizon t: finite, >= 0, at most CXM_CLV_MAX_HORIZON (the series of the
 * predictions take longer the longer it is: spec §8.15), whole periods for BG/BB. */
int cxm__clv_check_horizon(double t, int model)
{
	if (isnan(t))
		return cxm__fail(CXM_ENAN, "t is NaN");
	if (!(t >= 0.0) || !isfinite(t))
		return cxm__fail(CXM_EBAD_ARG, "t = %.17g must be finite and >= 0", t);
	if (t > CXM_CLV_MAX_HORIZON)
		return cxm__fail(CXM_EBAD_ARG, "t = %.17g is above the longest horizon, %.17g periods "
				 "(CXM_CLV_MAX_HORIZON)", t, CXM_CLV_MAX_HORIZON);
	if (model == CXM_CLV_BGBB && t != floor(t))
		return cxm__fail(CXM_EBAD_ARG, "t = %.17g must be a whole number of periods for BG/BB", t);
	return CXM_OK;
}

/* Months of CLV: whole, 1..CXM_CLV_MAX_MONTHS; with f periods a month (NaN:
 * not known yet) the horizon months x f at most CXM_CLV_MAX_HORIZON (spec §8.15). */
int cxm__clv_check_months(double months, double f)
{
	if (isnan(months))
		return cxm__fail(CXM_ENAN, "months is NaN");
	if (!(months >= 1.0) || months > CXM_CLV_MAX_MONTHS || months != floor(months))
		return cxm__fail(CXM_EBAD_ARG, "months = %.17g must be a whole number from 1 to %d "
				 "(CXM_CLV_MAX_MONTHS)", months, CXM_CLV_MAX_MONTHS);
	if (isfinite(f) && months * f > CXM_CLV_MAX_HORIZON)
		return cxm__fail(CXM_EBAD_ARG, "months x periods_per_month = %.17g x %.17g is above the longest "
				 "horizon, %.17g periods (CXM_CLV_MAX_HORIZON)", months, f, CXM_CLV_MAX_HORIZON);
	return CXM_OK;
}

static int check_out(const double *out, size_t cap, size_t n)
{
	int rc;
	if ((rc = cxm__check_array(out, cap, "out")) < 0)
		return rc;
	if (cap < n)
		return cxm__fail(CXM_EBAD_ARG, "out has room for %zu values but there are %zu customers", cap, n);
	return CXM_OK;
}


/* ---- predictions ---------------------------------------------------------- */

enum pred_kind { PRED_EXPECTED, PRED_P_ALIVE, PRED_CLV };

struct pred_ctx {
	enum pred_kind kind;
	const cxm__clv_ops *ops;
	int bg_shift;            /* BG/NBD 0, MBG/NBD 1 (bgnbd.h); -1 for the other models */
	const double *params;
	const double *x, *t_x, *T;
	double *out;
	double t;                /* PRED_EXPECTED: the horizon */
	unsigned long months;    /* PRED_CLV: out holds the profit per transaction on entry */
	double f;                /* periods per month */
	const double *discount;  /* one rate, or one per customer */
	size_t n_discount;
};

/*
 * lifetimes' customer_lifetime_value: month k brings the purchases of
 * (T + (k - 1) f, T + k f] at the profit per purchase, discounted by
 * (1 + d)^k. `expected(t)` is E[X(T, T + t)] (or, for the BG family, the
 * same without the factor P(alive), which the caller applies).
 */
static double discounted_sum(const struct pred_ctx *c, double x, double t_x, double T, double d)
{
	double prev = 0.0, sum = 0.0;
	unsigned long k;
	for (k = 1; k <= c->months; k++) {
		double t = (double)k * c->f;
		double cur = c->bg_shift >= 0 ? cxm__bgfam_body(c->params, c->bg_shift, t, x, T)
					      : c->ops->expected(c->params, t, x, t_x, T);
		sum += (cur - prev) / pow(1.0 + d, (double)k);
		prev = cur;
	}
	return sum;
}

/* The BG family's shift (bgnbd.h), or -1. */
static int bg_shift_of(const cxm__clv_ops *ops)
{
	return ops == &cxm__bgnbd_ops ? 0 : ops == &cxm__mbgnbd_ops ? 1 : -1;
}

/* After a pass whose sum counted the rows without a finite value: name the first. */
static int report_not_finite(const struct pred_ctx *c, size_t n, double bad_rows, const char *what)
{
	size_t i;
	if (bad_rows == 0.0)
		return CXM_OK;
	for (i = 0; i < n && isfinite(c->out[i]); i++)
		;
	return cxm__fail(CXM_EDOMAIN, "%s of customer %zu (frequency %.17g, recency %.17g, T %.17g) could not "
			 "be evaluated with model %s", what, i, c->x[i], c->t_x[i], c->T[i],
			 cxm__clv_model_word(c->ops->model));
}

/* Pareto/NBD and BG/BB, whose rows are validated already: row by row. */
static void row_chunk(double *acc, size_t begin, size_t end, void *vctx)
{
	const struct pred_ctx *c = vctx;
	size_t i;
	for (i = begin; i < end; i++) {
		double v, x = c->x[i], t_x = c->t_x[i], T = c->T[i];
		if (c->kind == PRED_P_ALIVE)
			v = c->ops->p_alive(c->params, x, t_x, T);
		else if (c->kind == PRED_EXPECTED)
			v = c->ops->expected(c->params, c->t, x, t_x, T);
		else /* out holds the profit per transaction */
			v = discounted_sum(c, x, t_x, T, c->discount[c->n_discount == 1 ? 0 : i]) * c->out[i];
		c->out[i] = v;
		if (!isfinite(v))
			acc[0] += 1.0;
	}
}

struct bg_job {
	const struct pred_ctx *c;
	struct cxm__bgfam_rows rows;
	struct cxm__body_keys keys;
	cxm__body_index ix;
	double *body; /* per entry of ix */
};

/* P(alive) of the rows (times the profit for CLV); the sum counts invalid rows. */
static void palive_chunk(double *acc, size_t begin, size_t end, void *vctx)
{
	const struct bg_job *job = vctx;
	acc[0] += (double)cxm__bgfam_p_alive_rows(&job->rows, begin, end);
}

/* The bodies of entries [begin, end). */
static void body_chunk(double *acc, size_t begin, size_t end, void *vctx)
{
	const struct bg_job *job = vctx;
	const struct pred_ctx *c = job->c;
	size_t j;
	(void)acc;
	for (j = begin; j < end; j++) {
		const double *k = cxm__body_index_key(&job->ix, j);
		job->body[j] = c->kind == PRED_CLV ? discounted_sum(c, k[0], 0.0, k[1], k[2])
						   : cxm__bgfam_body(c->params, c->bg_shift, c->t, k[0], k[1]);
	}
}

/* Each row's P(alive) times its body; the sum counts values not finite. */
static void times_body_chunk(double *acc, size_t begin, size_t end, void *vctx)
{
	const struct bg_job *job = vctx;
	double *out = job->c->out;
	size_t i;
	for (i = begin; i < end; i++) {
		out[i] *= job->body[cxm__body_index_entry(&job->ix, &job->keys, i)];
		if (!isfinite(out[i]))
			acc[0] += 1.0;
	}
}

/* The BG family's predictions of n rows (not validated yet). */
static int predict_bg(const struct pred_ctx *c, size_t n, const char *what)
{
	struct bg_job job;
	double bad = 0.0;
	size_t i;
	int rc;
	memset(&job, 0, sizeof job);
	job.c = c;
	job.rows.params = c->params;
	job.rows.shift = c->bg_shift;
	job.rows.x = c->x;
	job.rows.t_x = c->t_x;
	job.rows.T = c->T;
	job.rows.scale = c->kind == PRED_CLV ? c->out : NULL;
	job.rows.out = c->out;
	if ((rc = cxm__parallel_sum(&bad, 1, n, palive_chunk, &job, 0u)) < 0)
		return rc;
	for (i = 0; bad > 0.0 && i < n; i++) /* the first invalid row, named */
		if ((rc = cxm__clv_check_row(c->x, c->t_x, c->T, i, 0)) < 0)
			return rc;
	if (bad > 0.0) /* the kernel and the row check disagree: never silently */
		return cxm__fail(CXM_EBAD_ARG, "%.0f customers are invalid", bad);
	if (c->kind == PRED_P_ALIVE)
		return CXM_OK; /* always in [0, 1] */
	job.keys.x = c->x;
	job.keys.T = c->T;
	job.keys.d = c->kind == PRED_CLV ? c->discount : NULL;
	job.keys.n_d = c->n_discount;
	if ((rc = cxm__body_index_build(&job.ix, &job.keys, n)) == CXM_OK &&
	    (rc = cxm__alloc_array(&job.body, cxm__body_index_count(&job.ix) > 0 ? cxm__body_index_count(&job.ix) : 1,
				   sizeof *job.body, "prediction table")) == CXM_OK &&
	    (rc = cxm__parallel_sum(&bad, 1, cxm__body_index_count(&job.ix), body_chunk, &job, 0u)) == CXM_OK)
		rc = cxm__parallel_sum(&bad, 1, n, times_body_chunk, &job, 0u);
	cxm__body_index_free(&job.ix);
	cxm__free(job.body);
	return rc < 0 ? rc : report_not_finite(c, n, bad, what);
}

/* The predictions of n validated rows of Pareto/NBD or BG/BB. */
static int predict_rows(struct pred_ctx *c, size_t n, const char *what)
{
	double bad = 0.0;
	int rc;
	if ((rc = cxm__parallel_sum(&bad, 1, n, row_chunk, c, 0u)) < 0)
		return rc;
	return report_not_finite(c, n, bad, what);
}

/* Validate the rows (but for the BG family, whose kernel does) and predict. */
static int predict(struct pred_ctx *c, size_t n, const char *what)
{
	size_t m;
	int rc;
	if (c->bg_shift >= 0)
		return predict_bg(c, n, what);
	if ((rc = cxm__clv_check_rows(&m, c->x, n, c->t_x, n, c->T, n, c->ops == &cxm__bgbb_ops)) < 0)
		return rc;
	return predict_rows(c, n, what);
}

/* What every prediction starts with: the checks of fit, columns and out, and c. */
static int pred_begin(struct pred_ctx *c, size_t *n, enum pred_kind kind, const cxm_clv_fit_result *fit,
		      double *out, size_t cap, const double *frequency, size_t n_frequency, const double *recency,
		      size_t n_recency, const double *T, size_t n_T)
{
	int rc;
	memset(c, 0, sizeof *c);
	if ((rc = check_fit(&c->ops, fit, kind == PRED_P_ALIVE ? NEED_P_ALIVE : NEED_EXPECTED)) < 0 ||
	    (rc = cxm__clv_check_columns(n, frequency, n_frequency, recency, n_recency, T, n_T)) < 0 ||
	    (rc = check_out(out, cap, *n)) < 0)
		return rc;
	c->kind = kind;
	c->bg_shift = bg_shift_of(c->ops);
	c->params = fit->params;
	c->x = frequency;
	c->t_x = recency;
	c->T = T;
	c->out = out;
	return CXM_OK;
}

cxm_status cxm_clv_expected_purchases(double *out, size_t cap, const cxm_clv_fit_result *fit, double t,
			       const double *frequency, size_t n_frequency, const double *recency,
			       size_t n_recency, const double *T, size_t n_T)
{
	struct pred_ctx c;
	size_t n;
	int rc;
	if ((rc = pred_begin(&c, &n, PRED_EXPECTED, fit, out, cap, frequency, n_frequency, recency, n_recency, T,
			     n_T)) < 0 ||
	    (rc = cxm__clv_check_horizon(t, fit->model)) < 0)
		return rc;
	c.t = t;
	return predict(&c, n, "the expected purchases");
}

cxm_status cxm_clv_p_alive(double *out, size_t cap, const cxm_clv_fit_result *fit, const double *frequency,
		    size_t n_frequency, const double *recency, size_t n_recency, const double *T, size_t n_T)
{
	struct pred_ctx c;
	size_t n;
	int rc;
	if ((rc = pred_begin(&c, &n, PRED_P_ALIVE, fit, out, cap, frequency, n_frequency, recency, n_recency, T,
			     n_T)) < 0)
		return rc;
	return predict(&c, n, "P(alive)");
}

cxm_status cxm_clv_unconditional_purchases(double *out, const cxm_clv_fit_result *fit, double t)
{
	const cxm__clv_ops *ops;
	double v;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0 ||
	    (rc = check_fit(&ops, fit, NEED_UNCONDITIONAL)) < 0 ||
	    (rc = cxm__clv_check_horizon(t, fit->model)) < 0)
		return rc;
	v = ops->unconditional(fit->params, t);
	if (!isfinite(v))
		return cxm__fail(CXM_EDOMAIN, "the expected purchases in (0, %.17g] could not be evaluated with model %s",
				 t, cxm__clv_model_word(ops->model));
	*out = v;
	return CXM_OK;
}

cxm_status cxm_clv_discounted(double *out, size_t cap, const cxm_clv_fit_result *fit, const cxm_clv_fit_result *gg,
		       const double *frequency, size_t n_frequency, const double *recency, size_t n_recency,
		       const double *T, size_t n_T, const double *monetary_value, size_t n_monetary,
		       double months, const double *discount, size_t n_discount, double periods_per_month)
{
	struct pred_ctx c;
	size_t n, i;
	int rc;
	if ((rc = pred_begin(&c, &n, PRED_CLV, fit, out, cap, frequency, n_frequency, recency, n_recency, T,
			     n_T)) < 0 ||
	    (rc = cxm__check_array(discount, n_discount, "discount")) < 0)
		return rc;
	if (gg == NULL)
		return cxm__fail(CXM_EBAD_ARG, "gg (the Gamma-Gamma fit) is NULL");
	if (n_monetary != n)
		return cxm__fail(CXM_EBAD_ARG, "monetary_value has %zu entries but there are %zu customers",
				 n_monetary, n);
	if ((rc = cxm__clv_check_months(months, NAN)) < 0)
		return rc;
	/* NaN and 0 mean "derive it" where a summary's period is known
	 * (cxm_clv_predict_table); these columns carry none */
	if (isnan(periods_per_month))
		return cxm__fail(CXM_ENAN, "periods_per_month is NaN; give the summary's time units in a month "
				 "(cxm_clv_periods_per_month: 4.345 for weeks, 30.4375 for days, 1 for months)");
	if (!(periods_per_month > 0.0) || !isfinite(periods_per_month))
		return cxm__fail(CXM_EBAD_ARG, "periods_per_month = %.17g must be finite and > 0: the summary's "
				 "time units in a month (cxm_clv_periods_per_month: 4.345 for weeks, 30.4375 for "
				 "days, 1 for months)", periods_per_month);
	if (fit->model == CXM_CLV_BGBB && periods_per_month != floor(periods_per_month))
		return cxm__fail(CXM_EBAD_ARG, "periods_per_month = %.17g must be a whole number of periods for "
				 "BG/BB", periods_per_month);
	if ((rc = cxm__clv_check_months(months, periods_per_month)) < 0)
		return rc;
	if (n_discount != 1 && n_discount != n)
		return cxm__fail(CXM_EBAD_ARG, "discount has %zu entries; give one rate or one per customer (%zu)",
				 n_discount, n);
	for (i = 0; i < n_discount; i++) {
		if (isnan(discount[i]))
			return cxm__fail(CXM_ENAN, "discount[%zu] is NaN", i);
		if (!(discount[i] > -1.0) || !isfinite(discount[i]))
			return cxm__fail(CXM_EBAD_ARG, "discount[%zu] = %.17g must be finite and > -1 (a monthly rate)",
					 i, discount[i]);
	}
	/* the profit per transaction goes to out first; predict scales it */
	if ((rc = cxm_clv_expected_profit(out, cap, gg, frequency, n_frequency, monetary_value, n_monetary)) < 0)
		return rc;
	c.months = (unsigned long)months;
	c.f = periods_per_month;
	c.discount = discount;
	c.n_discount = n_discount;
	return predict(&c, n, "the discounted CLV");
}
