/* lib/clvmodel/fit.c - the maximum-likelihood driver shared by every CLV model. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "internal.h"
#include "models.h"
#include "optim.h"
#include "names.h"

/* The models by word; their values index models[] below. */
static const cxm__word model_words[] = {
	{ "bgnbd", CXM_CLV_BGNBD }, { "mbgnbd", CXM_CLV_MBGNBD }, { "pnbd", CXM_CLV_PNBD },
	{ "gg", CXM_CLV_GG },       { "bgbb", CXM_CLV_BGBB },     { "sbg", CXM_CLV_SBG }
};
const cxm__names cxm__clv_model_names = CXM__NAMES("model", model_words, 0);

/* The column names of customer summaries (cxm clv summary writes them;
 * lifetimes' donations data says n_periods where we say periods). */
static const cxm__word column_words[] = {
	{ "frequency", CXM_CLV_FREQUENCY },
	{ "recency", CXM_CLV_RECENCY },
	{ "T", CXM_CLV_T },
	{ "monetary_value", CXM_CLV_MONETARY_VALUE },
	{ "periods", CXM_CLV_N_PERIODS },
	{ "weights", CXM_CLV_WEIGHTS },
	{ "survivors", CXM_CLV_SURVIVORS },
	{ "holdout_frequency", CXM_CLV_HOLDOUT_FREQUENCY },
	{ "holdout_monetary_value", CXM_CLV_HOLDOUT_MONETARY_VALUE },
	{ "n_periods", CXM_CLV_N_PERIODS }
};
const cxm__names cxm__clv_column_names = CXM__NAMES("column", column_words, 1);

/* The predictions, as cxm_clv_predict_table names its columns. */
static const cxm__word prediction_words[] = {
	{ "expected_purchases", CXM_CLV_PREDICT_EXPECTED_PURCHASES },
	{ "p_alive", CXM_CLV_PREDICT_P_ALIVE },
	{ "unconditional_purchases", CXM_CLV_PREDICT_UNCONDITIONAL_PURCHASES },
	{ "expected_profit", CXM_CLV_PREDICT_EXPECTED_PROFIT },
	{ "clv", CXM_CLV_PREDICT_CLV },
	{ "survival", CXM_CLV_PREDICT_SURVIVAL },
	{ "retention", CXM_CLV_PREDICT_RETENTION },
	{ "pmf", CXM_CLV_PREDICT_PMF }
};
const cxm__names cxm__clv_prediction_names = CXM__NAMES("prediction", prediction_words, 0);

/* How fits end (clvmodel.h: cxm_clv_fit_status; spec §8.14). */
static const cxm__word status_words[] = {
	{ "converged", CXM_CLV_FIT_CONVERGED }, { "iteration_limit", CXM_CLV_FIT_ITERATION_LIMIT },
	{ "boundary", CXM_CLV_FIT_BOUNDARY },   { "stalled", CXM_CLV_FIT_STALLED },
	{ "given", CXM_CLV_FIT_GIVEN }
};
const cxm__names cxm__clv_fit_status_names = CXM__NAMES("fit status", status_words, 0);

/* ---- the models ------------------------------------------------------------------------- */

/* The natural scale of each parameter (spec §8.14), against which the
 * boundary test measures it: shapes are pure numbers, scales carry the
 * data's unit of time or money. */
enum param_unit { UNIT_ONE = 0, UNIT_TIME = 1, UNIT_MONEY = 2 };

#define B(x) CXM_CLV_BIT(x)
/* What each fit reads and each model predicts (cxm_clv_model_describe). */
static const struct model_desc {
	const cxm__clv_ops *ops;
	const char *label;
	unsigned int columns, optional, predictions;
	unsigned char units[CXM_CLV_MAX_PARAMS]; /* enum param_unit of each parameter */
} models[] = {
	{ &cxm__bgnbd_ops, "BG/NBD", B(CXM_CLV_FREQUENCY) | B(CXM_CLV_RECENCY) | B(CXM_CLV_T) | B(CXM_CLV_WEIGHTS),
	  B(CXM_CLV_WEIGHTS),
	  B(CXM_CLV_PREDICT_EXPECTED_PURCHASES) | B(CXM_CLV_PREDICT_P_ALIVE) |
		  B(CXM_CLV_PREDICT_UNCONDITIONAL_PURCHASES) | B(CXM_CLV_PREDICT_CLV),
	  { UNIT_ONE, UNIT_TIME, UNIT_ONE, UNIT_ONE } },
	{ &cxm__mbgnbd_ops, "MBG/NBD", B(CXM_CLV_FREQUENCY) | B(CXM_CLV_RECENCY) | B(CXM_CLV_T) | B(CXM_CLV_WEIGHTS),
	  B(CXM_CLV_WEIGHTS),
	  B(CXM_CLV_PREDICT_EXPECTED_PURCHASES) | B(CXM_CLV_PREDICT_P_ALIVE) |
		  B(CXM_CLV_PREDICT_UNCONDITIONAL_PURCHASES) | B(CXM_CLV_PREDICT_CLV),
	  { UNIT_ONE, UNIT_TIME, UNIT_ONE, UNIT_ONE } },
	{ &cxm__pnbd_ops, "Pareto/NBD", B(CXM_CLV_FREQUENCY) | B(CXM_CLV_RECENCY) | B(CXM_CLV_T) | B(CXM_CLV_WEIGHTS),
	  B(CXM_CLV_WEIGHTS),
	  B(CXM_CLV_PREDICT_EXPECTED_PURCHASES) | B(CXM_CLV_PREDICT_P_ALIVE) |
		  B(CXM_CLV_PREDICT_UNCONDITIONAL_PURCHASES) | B(CXM_CLV_PREDICT_CLV),
	  { UNIT_ONE, UNIT_TIME, UNIT_ONE, UNIT_TIME } },
	{ &cxm__gg_ops, "Gamma-Gamma", B(CXM_CLV_FREQUENCY) | B(CXM_CLV_MONETARY_VALUE), 0u,
	  B(CXM_CLV_PREDICT_EXPECTED_PROFIT), { UNIT_ONE, UNIT_ONE, UNIT_MONEY, UNIT_ONE } },
	{ &cxm__bgbb_ops, "BG/BB", B(CXM_CLV_FREQUENCY) | B(CXM_CLV_RECENCY) | B(CXM_CLV_N_PERIODS) | B(CXM_CLV_WEIGHTS),
	  B(CXM_CLV_WEIGHTS),
	  B(CXM_CLV_PREDICT_EXPECTED_PURCHASES) | B(CXM_CLV_PREDICT_P_ALIVE) |
		  B(CXM_CLV_PREDICT_UNCONDITIONAL_PURCHASES) | B(CXM_CLV_PREDICT_CLV) | B(CXM_CLV_PREDICT_PMF),
	  { UNIT_ONE, UNIT_ONE, UNIT_ONE, UNIT_ONE } },
	{ &cxm__sbg_ops, "sBG", B(CXM_CLV_SURVIVORS), 0u, B(CXM_CLV_PREDICT_SURVIVAL) | B(CXM_CLV_PREDICT_RETENTION),
	  { UNIT_ONE, UNIT_ONE, UNIT_ONE, UNIT_ONE } }
};
#undef B
#define N_MODELS (sizeof models / sizeof *models)

/* The models' ops are strong references: a weak one (#pragma weak) does not
 * pull an object out of a static archive, and the unit tests link
 * libcxmetrics_internal.a. models[] is indexed by cxm_clv_model. */
const cxm__clv_ops *cxm__clv_ops_of(int model)
{
	if (cxm__names_check(&cxm__clv_model_names, model) < 0)
		return NULL;
	return models[model].ops;
}

const char *cxm__clv_model_word(int model)
{
	const char *w = cxm__names_word(&cxm__clv_model_names, model);
	return w ? w : "?";
}

cxm_status cxm_clv_model_describe(cxm_clv_model_info *out, int model)
{
	const struct model_desc *m;
	int rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_CLV_MODEL_INFO_VERSION, "cxm_clv_model_info")) < 0 ||
	    (rc = cxm__names_check(&cxm__clv_model_names, model)) < 0)
		return rc;
	m = &models[model];
	out->model = model;
	out->name = cxm__names_word(&cxm__clv_model_names, model);
	out->label = m->label;
	out->n_params = m->ops->n_params;
	out->columns = m->columns;
	out->optional = m->optional;
	out->predictions = m->predictions;
	return CXM_OK;
}

const char *cxm_clv_param_name(int model, size_t i)
{
	const cxm__clv_ops *ops = cxm__names_word(&cxm__clv_model_names, model) ? models[model].ops : NULL;
	return ops && i < ops->n_params ? ops->param_names[i] : NULL;
}

cxm_status cxm_clv_fit_result_from_params(cxm_clv_fit_result *out, int model, const double *params,
				   size_t n_params)
{
	const cxm__clv_ops *ops;
	size_t i;
	int rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_CLV_FIT_RESULT_VERSION, "cxm_clv_fit_result")) < 0 ||
	    (rc = cxm__check_array(params, n_params, "params")) < 0)
		return rc;
	if ((ops = cxm__clv_ops_of(model)) == NULL)
		return CXM_EBAD_ARG;
	if (n_params != ops->n_params)
		return cxm__fail(CXM_EBAD_ARG, "n_params is %zu, but model %s has %zu parameters (%s, ...)", n_params,
				 cxm__clv_model_word(model), ops->n_params, ops->param_names[0]);
	for (i = 0; i < n_params; i++) {
		if (isnan(params[i]))
			return cxm__fail(CXM_ENAN, "params.\"%s\" is NaN", ops->param_names[i]);
		if (!(isfinite(params[i]) && params[i] > 0.0))
			return cxm__fail(CXM_EOUT_OF_RANGE, "params.\"%s\" is %.17g; it must be a finite number > 0",
					 ops->param_names[i], params[i]);
	}
	out->model = model;
	out->n_params = n_params;
	for (i = 0; i < CXM_CLV_MAX_PARAMS; i++) {
		out->params[i] = i < n_params ? params[i] : 0.0;
		out->se[i] = i < n_params ? NAN : 0.0;
	}
	out->loglik = NAN;
	out->iterations = 0;
	out->converged = 0;
	out->gradient_norm = NAN;
	out->n_customers = 0;
	if (out->version >= 2) {
		out->status = CXM_CLV_FIT_GIVEN;
		out->boundary_param = -1;
	}
	return CXM_OK;
}

/* ---- the status of a fit (spec §8.14) --------------------------------------------------------- */

/* The first parameter beyond CXM_CLV_BOUNDARY_RATIO times its natural
 * scale either way, or -1: the longest age for time scales, the repeat
 * buyers' mean spend for money. */
static int boundary_param(const struct model_desc *m, const double *params, const cxm__clv_data *d)
{
	double tmax = 0.0, spend = 0.0, w = 0.0, scale;
	size_t i;
	for (i = 0; i < d->n; i++) {
		double wi = d->w ? d->w[i] : 1.0;
		if (d->T && d->T[i] > tmax)
			tmax = d->T[i];
		if (d->m && wi > 0.0) {
			spend += wi * d->m[i];
			w += wi;
		}
	}
	for (i = 0; i < m->ops->n_params; i++) {
		scale = m->units[i] == UNIT_TIME && tmax > 0.0 ? tmax
			: m->units[i] == UNIT_MONEY && w > 0.0 && spend > 0.0 && isfinite(spend) ? spend / w : 1.0;
		if (!(params[i] <= scale * CXM_CLV_BOUNDARY_RATIO && params[i] >= scale / CXM_CLV_BOUNDARY_RATIO))
			return (int)i;
	}
	return -1;
}

cxm_status cxm_clv_fit_warning(char *out, size_t cap, const cxm_clv_fit_result *fit)
{
	const char *model, *name;
	int rc, status;
	if ((rc = cxm__check_ptr(out, "out")) < 0 || (rc = cxm__check_ptr(fit, "fit")) < 0)
		return rc;
	if (cap == 0)
		return cxm__fail(CXM_EBAD_ARG, "cap is 0; give room for the sentence (512 bytes suffice)");
	if ((rc = CXM__CHECK_OUT(fit, CXM_CLV_FIT_RESULT_VERSION, "cxm_clv_fit_result")) < 0)
		return rc;
	if ((model = cxm__names_word(&cxm__clv_model_names, fit->model)) == NULL)
		return cxm__fail(CXM_EBAD_ARG, "fit->model is %d, not a model (%s)", fit->model,
				 "bgnbd, mbgnbd, pnbd, gg, bgbb or sbg");
	/* a version-1 fit has no status: its converged field, and 0 iterations for given parameters */
	status = fit->version >= 2 ? fit->status
		 : fit->converged ? CXM_CLV_FIT_CONVERGED : fit->iterations == 0 ? CXM_CLV_FIT_GIVEN
		 : CXM_CLV_FIT_ITERATION_LIMIT;
	if ((rc = cxm__names_check(&cxm__clv_fit_status_names, status)) < 0)
		return cxm__error_context("fit->status");
	out[0] = '\0';
	switch (status) {
	case CXM_CLV_FIT_ITERATION_LIMIT:
		cxm__snprintf_c(out, cap, "%s fit did not converge: stopped at the iteration limit (%u iterations; largest "
			 "gradient %.3g); raise max_iterations", model, fit->iterations, fit->gradient_norm);
		break;
	case CXM_CLV_FIT_BOUNDARY:
		name = fit->boundary_param >= 0 ? cxm_clv_param_name(fit->model, (size_t)fit->boundary_param) : NULL;
		if (name == NULL)
			return cxm__fail(CXM_EBAD_ARG, "fit->boundary_param is %d; model %s has no such parameter",
					 fit->boundary_param, model);
		cxm__snprintf_c(out, cap, "%s fit did not converge: parameter %s ran off to %s (%s = %.6g); the data "
			 "cannot identify the model (too few customers, or too little variation between them)",
			 model, name, fit->params[fit->boundary_param] >= 1.0 ? "infinity" : "0", name,
			 fit->params[fit->boundary_param]);
		break;
	case CXM_CLV_FIT_STALLED:
		cxm__snprintf_c(out, cap, "%s fit did not converge: no step lowered the objective after %u iterations "
			 "(largest gradient %.3g); the likelihood is too flat or too rough there (a small penalty "
			 "may help)", model, fit->iterations, fit->gradient_norm);
		break;
	default: /* converged, given */
		break;
	}
	return CXM_OK;
}

/* ---- options -------------------------------------------------------------------------------- */

/* The most threads a fit takes (a bound on what a caller can ask for). */
#define MAX_THREADS 1024u

cxm_status cxm_clv_fit_opts_new(cxm_clv_fit_opts **out)
{
	cxm_clv_fit_opts *o;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((o = cxm__calloc(1, sizeof *o)) == NULL)
		return cxm__fail(CXM_ENOMEM, "cxm_clv_fit_opts_new: no memory for the options");
	*out = o;
	return CXM_OK;
}

void cxm_clv_fit_opts_free(cxm_clv_fit_opts *opts)
{
	cxm__free(opts);
}

cxm_status cxm_clv_fit_opts_set_l2_penalty(cxm_clv_fit_opts *opts, double c)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0)
		return rc;
	if (!(c >= 0.0 && isfinite(c)))
		return cxm__fail(CXM_EBAD_ARG, "l2_penalty must be a finite number >= 0, not %.17g", c);
	opts->l2_penalty = c;
	return CXM_OK;
}

cxm_status cxm_clv_fit_opts_set_max_iterations(cxm_clv_fit_opts *opts, unsigned int n)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0)
		return rc;
	opts->max_iterations = n;
	return CXM_OK;
}

cxm_status cxm_clv_fit_opts_set_gradient_tol(cxm_clv_fit_opts *opts, double tol)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0)
		return rc;
	if (!(tol >= 0.0 && isfinite(tol)))
		return cxm__fail(CXM_EBAD_ARG, "gradient_tol must be a finite number >= 0, not %.17g", tol);
	opts->gradient_tol = tol;
	return CXM_OK;
}

cxm_status cxm_clv_fit_opts_set_threads(cxm_clv_fit_opts *opts, unsigned int n)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0)
		return rc;
	if (n > MAX_THREADS)
		return cxm__fail(CXM_EBAD_ARG, "threads must be 0 (all cores) to %u, not %u", MAX_THREADS, n);
	opts->threads = n;
	return CXM_OK;
}

cxm_status cxm_clv_fit_opts_set_progress(cxm_clv_fit_opts *opts, cxm_clv_progress_fn fn, void *user)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0)
		return rc;
	opts->progress = fn;
	opts->progress_user = fn ? user : NULL;
	return CXM_OK;
}

/* ---- the fit ---------------------------------------------------------------------------------- */

struct objective_ctx {
	const cxm__clv_ops *ops;
	const cxm__clv_data *d;
	double penalty;
	/* The caller's progress callback, and the last point the
	 * objective evaluated with its log-likelihood: the optimiser's accepted
	 * step is its last evaluation, so the callback gets the exact value the
	 * result will report without a second likelihood per iteration. */
	cxm_clv_progress_fn progress;
	void *progress_user;
	int have_last;
	double last_x[CXM_CLV_MAX_PARAMS], last_ll;
};

/* -LL / W + c sum(params^2), over log-parameters (lifetimes' scaling: the
 * penalty weighs against the mean, not the total, log-likelihood). */
static int objective(double *value, double *grad, const double *x, size_t n, void *vctx)
{
	const struct objective_ctx *c = vctx;
	double params[CXM_CLV_MAX_PARAMS], ll = 0.0, g[CXM_CLV_MAX_PARAMS];
	size_t i;
	int rc;
	for (i = 0; i < n; i++) {
		params[i] = exp(x[i]);
		if (!(params[i] > 0.0 && isfinite(params[i]))) {
			*value = INFINITY;
			return CXM_OK;
		}
	}
	if ((rc = c->ops->loglik(&ll, g, params, c->d)) < 0)
		return rc;
	if (c->progress) {
		struct objective_ctx *m = vctx;
		memcpy(m->last_x, x, n * sizeof *x);
		m->last_ll = ll;
		m->have_last = 1;
	}
	*value = -ll / c->d->total_weight;
	for (i = 0; i < n; i++) {
		grad[i] = -g[i] / c->d->total_weight;
		if (c->penalty > 0.0) {
			*value += c->penalty * params[i] * params[i];
			grad[i] += 2.0 * c->penalty * params[i] * params[i];
		}
	}
	if (!isfinite(*value))
		*value = INFINITY;
	return CXM_OK;
}

/* The optimiser's hook: the total log-likelihood (without the penalty) at x,
 * and the caller's callback, which may stop the fit. */
static int progress_hook(void *vctx, unsigned int it, const double *x, double fx, const double *g, size_t n)
{
	struct objective_ctx *c = vctx;
	double ll, params[CXM_CLV_MAX_PARAMS], grad[CXM_CLV_MAX_PARAMS], gnorm = 0.0;
	size_t i;
	int rc;
	(void)fx;
	if (c->have_last && memcmp(c->last_x, x, n * sizeof *x) == 0) {
		ll = c->last_ll;
	} else {
		for (i = 0; i < CXM_CLV_MAX_PARAMS; i++)
			params[i] = i < n ? exp(x[i]) : 1.0;
		if ((rc = c->ops->loglik(&ll, grad, params, c->d)) < 0)
			return rc;
	}
	for (i = 0; i < n; i++)
		gnorm = fmax(gnorm, fabs(g[i]));
	if (c->progress(c->progress_user, it, ll, gnorm * c->d->total_weight) != 0)
		return cxm__fail(CXM_ECANCELLED, "the %s fit was stopped by the progress callback at iteration %u",
				 cxm__clv_model_word(c->ops->model), it);
	return CXM_OK;
}

int cxm__clv_fit_data(cxm_clv_fit_result *out, const cxm__clv_ops *ops, const cxm__clv_data *d,
		      const cxm_clv_fit_opts *opts)
{
	struct objective_ctx ctx;
	cxm__optim_opts o = { 0, 0.0, NULL, NULL };
	cxm__optim_result res;
	double x[CXM_CLV_MAX_PARAMS], params[CXM_CLV_MAX_PARAMS], g[CXM_CLV_MAX_PARAMS], ll;
	double cov[CXM_CLV_MAX_PARAMS * CXM_CLV_MAX_PARAMS];
	size_t i, n = ops->n_params;
	int rc;

	/* the setters checked every option */
	if (opts) {
		o.max_iterations = opts->max_iterations;
		o.gradient_tol = opts->gradient_tol;
	}
	memset(&ctx, 0, sizeof ctx);
	ctx.ops = ops;
	ctx.d = d;
	ctx.penalty = opts ? opts->l2_penalty : 0.0;
	if (opts && opts->progress) {
		ctx.progress = opts->progress;
		ctx.progress_user = opts->progress_user;
		o.hook = progress_hook;
		o.hook_ctx = &ctx;
	}
	ops->start(params, d);
	for (i = 0; i < n; i++)
		x[i] = log(params[i]);
	if ((rc = cxm__minimize(x, n, objective, &ctx, &o, &res)) < 0) {
		if (rc == CXM_ECANCELLED) { /* never a converged fit: say where it stopped */
			out->converged = 0;
			out->iterations = res.iterations;
		}
		return rc;
	}
	for (i = 0; i < n; i++)
		params[i] = exp(x[i]);
	if ((rc = ops->loglik(&ll, g, params, d)) < 0)
		return rc;
	out->model = ops->model;
	out->n_params = n;
	out->loglik = ll;
	out->iterations = res.iterations;
	/* a parameter off to 0 or infinity is what the caller must hear first:
	 * the optimiser may have stopped there for any reason (spec §8.14) */
	{
		int bp = boundary_param(&models[ops->model], params, d);
		int status = bp >= 0 ? CXM_CLV_FIT_BOUNDARY
			     : res.stop == CXM__OPTIM_CONVERGED ? CXM_CLV_FIT_CONVERGED
			     : res.stop == CXM__OPTIM_LIMIT ? CXM_CLV_FIT_ITERATION_LIMIT : CXM_CLV_FIT_STALLED;
		out->converged = status == CXM_CLV_FIT_CONVERGED;
		if (out->version >= 2) {
			out->status = status;
			out->boundary_param = bp;
		}
	}
	out->gradient_norm = res.gradient_norm * d->total_weight;
	out->n_customers = (size_t)d->total_weight;
	/* Standard errors: the observed information of the total log-likelihood in
	 * log-parameters is W * hessian; invert it and map back by the delta method. */
	for (i = 0; i < n * n; i++)
		cov[i] = res.hessian[i] * d->total_weight;
	rc = cxm__spd_inverse(cov, n);
	for (i = 0; i < CXM_CLV_MAX_PARAMS; i++) {
		out->params[i] = i < n ? params[i] : 0.0;
		out->se[i] = i >= n ? 0.0 : rc == 0 && cov[i * n + i] >= 0.0 ? params[i] * sqrt(cov[i * n + i]) : NAN;
	}
	return CXM_OK;
}
