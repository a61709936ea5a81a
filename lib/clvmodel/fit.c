/* lib/clvmodel/fit.c - the maximum-likelihood driver shared by every CLV model. */
#include <math.h>
#include <string.h>
#include "internal.h"
#include "models.h"
#include "optim.h"
#include "names.h"

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

/* The models' ops are strong references: a weak one (#pragma weak, used
 * while the models were being written) does not pull an object out of a
 * static archive, and the unit tests link libcxmetrics_internal.a, where
 * every model would then report itself as not available. */

static const cxm__clv_ops *available(const cxm__clv_ops *ops, int model)
{
	if (ops == NULL)
		cxm__fail(CXM_EBAD_ARG, "model %d is not available in this build", model);
	return ops;
}

const cxm__clv_ops *cxm__clv_ops_of(int model)
{
	switch (model) {
	case CXM_CLV_BGNBD: return available(&cxm__bgnbd_ops, model);
	case CXM_CLV_MBGNBD: return available(&cxm__mbgnbd_ops, model);
	case CXM_CLV_PNBD: return available(&cxm__pnbd_ops, model);
	case CXM_CLV_GG: return available(&cxm__gg_ops, model);
	case CXM_CLV_BGBB: return available(&cxm__bgbb_ops, model);
	case CXM_CLV_SBG: return available(&cxm__sbg_ops, model);
	default:
		cxm__fail(CXM_EBAD_ARG, "model is %d; use one of the cxm_clv_model values", model);
		return NULL;
	}
}

const char *cxm_clv_model_name(int model)
{
	const cxm__clv_ops *ops = model >= CXM_CLV_BGNBD && model <= CXM_CLV_SBG ? cxm__clv_ops_of(model) : NULL;
	return ops ? ops->name : NULL;
}

cxm_status cxm_clv_model_from_name(int *model, const char *name)
{
	int m;
	if (model == NULL || name == NULL)
		return cxm__fail(CXM_EBAD_ARG, "model and name must not be NULL");
	for (m = CXM_CLV_BGNBD; m <= CXM_CLV_SBG; m++) {
		const char *known = cxm_clv_model_name(m);
		if (known && strcmp(known, name) == 0) {
			*model = m;
			return CXM_OK;
		}
	}
	return cxm__fail(CXM_EBAD_ARG, "unknown model '%s'; use bgnbd, mbgnbd, pnbd, gg, bgbb or sbg", name);
}

const char *cxm_clv_param_name(int model, size_t i)
{
	const cxm__clv_ops *ops = model >= CXM_CLV_BGNBD && model <= CXM_CLV_SBG ? cxm__clv_ops_of(model) : NULL;
	return ops && i < ops->n_params ? ops->param_names[i] : NULL;
}

struct objective_ctx {
	const cxm__clv_ops *ops;
	const cxm__clv_data *d;
	double penalty;
	/* The caller's progress callback (version-2 opts), and the last point the
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
				 c->ops->name, it);
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

	if (opts) {
		if (opts->version == 0 || opts->version > CXM_CLV_FIT_OPTS_VERSION)
			return cxm__fail(CXM_EVERSION, "cxm_clv_fit_opts.version is %u; this library knows 1..%u",
					 opts->version, CXM_CLV_FIT_OPTS_VERSION);
		if (!(opts->l2_penalty >= 0.0 && isfinite(opts->l2_penalty)))
			return cxm__fail(CXM_EBAD_ARG, "l2_penalty must be finite and >= 0, got %.17g",
					 opts->l2_penalty);
		if (!(opts->gradient_tol >= 0.0))
			return cxm__fail(CXM_EBAD_ARG, "gradient_tol must be >= 0, got %.17g", opts->gradient_tol);
		o.max_iterations = opts->max_iterations;
		o.gradient_tol = opts->gradient_tol;
	}
	memset(&ctx, 0, sizeof ctx);
	ctx.ops = ops;
	ctx.d = d;
	ctx.penalty = opts ? opts->l2_penalty : 0.0;
	/* progress and progress_user came with version 2: a version-1 struct ends
	 * at threads, so they are read only from a version-2 one */
	if (opts && opts->version >= 2 && opts->progress) {
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
	out->converged = res.converged;
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
