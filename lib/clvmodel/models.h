/*
 * lib/clvmodel/models.h - what each CLV model provides to the generic fit and
 * prediction drivers (fit.c, predict.c). One cxm__clv_ops per model, defined
 * in the model's own file (bgnbd.c, mbgnbd.c, pnbd.c, gg.c, bgbb.c, sbg.c).
 */
#ifndef CXM_CLV_MODELS_H
#define CXM_CLV_MODELS_H

#include <stddef.h>
#include <stdint.h>
#include "cxmetrics/clvmodel.h"

/** Validated per-row data; columns a model does not use are NULL. */
typedef struct cxm__clv_data {
	size_t n;
	const double *x;         /* frequency (repeat purchases) */
	const double *t_x;       /* recency */
	const double *T;         /* age (BG/BB: number of periods n) */
	const double *w;         /* weights, or NULL for 1 each */
	const double *m;         /* Gamma-Gamma: mean spend */
	const double *survivors; /* sBG: survivors[0..n-1] */
	double total_weight;     /* sum of w (n without weights) */
	unsigned int threads;    /* for cxm__parallel_sum (parallel.h) */
	/* Optional (NULL and 0 when absent; cxm__clv_index_times sets them): the
	 * distinct values of t_x and T, and for each row the index of its t_x and
	 * T among them. Summaries hold few distinct times, so a likelihood can
	 * take ln(alpha + t) once per time instead of once per row. */
	const double *times;
	size_t n_times;
	const uint32_t *t_x_id, *T_id;
} cxm__clv_data;

/* The model's word ("bgnbd") is in the names table (cxm__clv_model_word),
 * its descriptor in fit.c (cxm_clv_model_describe). */
typedef struct cxm__clv_ops {
	int model;
	size_t n_params;
	const char *param_names[CXM_CLV_MAX_PARAMS];
	/** A starting point for the optimiser (natural parameters). */
	void (*start)(double *params, const cxm__clv_data *d);
	/**
	 * Total log-likelihood at params (natural, > 0) and its gradient with
	 * respect to log(params) (so the optimiser works unconstrained).
	 * Returns CXM_OK or CXM_ENOMEM; a non-finite *ll means "outside the domain".
	 */
	int (*loglik)(double *ll, double *grad_log, const double *params, const cxm__clv_data *d);
	/* Per-customer predictions; NULL where the model has none. */
	double (*expected)(const double *params, double t, double x, double t_x, double T);
	double (*p_alive)(const double *params, double x, double t_x, double T);
	double (*unconditional)(const double *params, double t);
} cxm__clv_ops;

/* Fit options (clvmodel.h: opaque there; the setters in fit.c check each). */
struct cxm_clv_fit_opts {
	double l2_penalty;           /* c * sum(params^2) added to the mean -LL; 0 = none */
	unsigned int max_iterations; /* 0: 500 */
	double gradient_tol;         /* 0: 1e-10 (relative) */
	unsigned int threads;        /* 0: all cores, 1: the calling thread only */
	cxm_clv_progress_fn progress; /* NULL: none */
	void *progress_user;
};

extern const cxm__clv_ops cxm__bgnbd_ops, cxm__mbgnbd_ops, cxm__pnbd_ops, cxm__gg_ops,
	cxm__bgbb_ops, cxm__sbg_ops;

/** The ops of a model, or NULL (with CXM_EBAD_ARG set) for an unknown one. */
const cxm__clv_ops *cxm__clv_ops_of(int model);

/** The model's word ("bgnbd"), or "?" for an unknown model: for messages. */
const char *cxm__clv_model_word(int model);

/**
 * Fill d->times, n_times, t_x_id and T_id from d->t_x and d->T (fit_customers.c).
 * *block receives the one allocation behind them (free it with cxm__free,
 * after the last use of d); with more rows than 32-bit indices can number it
 * is NULL and so are the fields. Returns CXM_OK or CXM_ENOMEM (d unchanged).
 */
int cxm__clv_index_times(cxm__clv_data *d, void **block);

/**
 * Maximise the likelihood (fit.c): validated data in, result out. Applies the
 * L2 penalty, records iterations, convergence and standard errors.
 */
int cxm__clv_fit_data(cxm_clv_fit_result *out, const cxm__clv_ops *ops, const cxm__clv_data *d,
		      const cxm_clv_fit_opts *opts);

/**
 * The limits of spec §8.15 (predict.c), for the entry points that check
 * them before any work: a horizon t (finite, >= 0, <= CXM_CLV_MAX_HORIZON,
 * whole for BG/BB) and months of CLV (whole, 1..CXM_CLV_MAX_MONTHS; with f
 * periods a month, not NaN, months x f <= CXM_CLV_MAX_HORIZON). CXM_OK, or
 * BAD_ARG / NAN naming the value and the limit.
 */
int cxm__clv_check_horizon(double t, int model);
int cxm__clv_check_months(double months, double f);

#endif
