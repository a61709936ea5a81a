/*
 * cxmetrics/clvmodel.h - probabilistic customer lifetime value: customer
 * summaries from transactions, BG/NBD, MBG/NBD, Pareto/NBD, Gamma-Gamma,
 * BG/BB and shifted-beta-geometric models fitted by maximum likelihood,
 * per-customer predictions, discounted CLV and holdout evaluation.
 * Formulas, edge cases and sources: spec §8 (docs/spec.md).
 *
 * Parameters keep the models' usual names (cxm_clv_param_name):
 *   BG/NBD, MBG/NBD  r, alpha, a, b        Pareto/NBD  r, alpha, s, beta
 *   Gamma-Gamma      p, q, v               BG/BB       alpha, beta, gamma, delta
 *   sBG              alpha, beta
 * Time is in the summary's unit (days, weeks or months); log-likelihoods are
 * totals over customers, in that unit.
 *
 * What each model reads and predicts is data: cxm_clv_model_describe. The
 * words of the enumerations (models, periods, columns, predictions) are in
 * the names tables of names.h (CXM_NAMES_CLV_*).
 *
 * Thread safety: fits and predictions are pure; they use up to
 * cxm_clv_fit_opts_set_threads threads on large inputs and give the same
 * result with 1 or 2 threads. Tables (table.h) may be read from many threads.
 */
#ifndef CXMETRICS_CLVMODEL_H
#define CXMETRICS_CLVMODEL_H

#include "common.h"
#include "table.h"

CXM_BEGIN_DECL

/** Time units of a summary (spec §8.1; CXM_NAMES_CLV_PERIOD: "day", "week", "month"; aliases
 * "days", "weeks", "months" and lifetimes' "D", "W", "M"). */
typedef enum cxm_clv_period {
	CXM_CLV_DAYS = 0,
	CXM_CLV_WEEKS = 1, /**< 7 days */
	CXM_CLV_MONTHS = 2 /**< 365.25 / 12 days */
} cxm_clv_period;

/**
 * Time units of a period in a month, as CLV counts months: 30.4375 for days
 * (365.25 / 12), 4.345 for weeks (lifetimes' value, which its users'
 * results carry; 30.4375 / 7 would be 4.348...), 1 for months. The one place
 * these numbers live: cxm_clv_predict_table takes them from here when its
 * summary's period is known (cxm_clv_discounted takes columns without a
 * period, so its caller passes the number, from here).
 * @param out     out: the number.
 * @param period  a cxm_clv_period.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out, unknown period: the message lists the words).
 * Ownership: nothing allocated. Thread safety: pure.
 */
CXM_API cxm_status cxm_clv_periods_per_month(double *out, int period);

/** The columns of customer summaries, as models read them (cxm_names_word
 * with CXM_NAMES_CLV_COLUMN gives their names: "frequency", "T", ...). */
typedef enum cxm_clv_column {
	CXM_CLV_FREQUENCY = 0,              /**< repeat purchases */
	CXM_CLV_RECENCY = 1,                /**< age at the last purchase */
	CXM_CLV_T = 2,                      /**< age at the end of the calibration period */
	CXM_CLV_MONETARY_VALUE = 3,         /**< mean amount of the repeat purchases */
	CXM_CLV_N_PERIODS = 4,              /**< BG/BB: transaction opportunities */
	CXM_CLV_WEIGHTS = 5,                /**< customers with this row's pattern */
	CXM_CLV_SURVIVORS = 6,              /**< sBG: customers still active after t periods */
	CXM_CLV_HOLDOUT_FREQUENCY = 7,      /**< purchases in the holdout period */
	CXM_CLV_HOLDOUT_MONETARY_VALUE = 8  /**< their mean amount */
} cxm_clv_column;

/* ---- transaction log -> customer summary ----------------------------------- */

/**
 * Summarise a transaction log as lifetimes' summary_data_from_transaction_data
 * (and calibration_and_holdout_data) do: purchases on the same day count
 * once; frequency = repeat purchase days in the calibration period; recency
 * = last - first purchase; T = calibration_end - first purchase;
 * monetary_value = mean amount of the repeat purchase days (0 when frequency
 * is 0). Customers whose first purchase is after calibration_end are left
 * out (and counted: the attribute "dropped"). Holdout: purchases in
 * (calibration_end, observation_end]; later ones are ignored.
 *
 * The result is a table (table.h), one row per customer in ascending byte
 * order of the ids ("10" before "9"), row name "customers", with columns
 *   id (TEXT), frequency, recency, T, monetary_value (NUMBER; the names of
 *   CXM_NAMES_CLV_COLUMN), and, when there is a holdout period,
 *   holdout_frequency, holdout_monetary_value (0 without a purchase there);
 * and attributes, in this order:
 *   period (TEXT: "day", "week" or "month"), calibration_end (DAY),
 *   observation_end (DAY; calibration_end without a holdout),
 *   holdout_duration (NUMBER: observation_end - calibration_end in the
 *   period's unit), dropped (NUMBER).
 * cxm_clv_fit_table and cxm_clv_predict_table read it as it is.
 * @param out              out: the table, or NULL on failure.
 * @param customer_ids     one id per transaction (NUL-terminated, not NULL).
 * @param days             transaction days (day numbers, integral; see cxm_date_parse).
 * @param amounts          amounts per transaction, or NULL with n_amounts = 0.
 * @param calibration_end  last day of the calibration period; NaN: the last
 *                         transaction day.
 * @param observation_end  last day of the holdout period, not before
 *                         calibration_end; NaN: no holdout period.
 * @param period           a cxm_clv_period.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL, lengths, a NULL id, a fractional day or one outside
 *         the years 0001..9999, observation_end < calibration_end, period),
 *         NAN (a day or an amount), OUT_OF_RANGE (infinite amount, amounts
 *         whose sum overflows), EMPTY (no transaction; no customer with a
 *         purchase on or before calibration_end: the message gives the date),
 *         NOMEM.
 * Ownership: *out is the caller's; free it with cxm_table_free.
 * Thread safety: pure.
 * See spec §8.2.
 */
CXM_API cxm_status cxm_clv_summary_from_transactions(cxm_table **out,
					      const char *const *customer_ids, size_t n_ids,
					      const double *days, size_t n_days,
					      const double *amounts, size_t n_amounts,
					      double calibration_end, double observation_end,
					      int period);

/* ---- models ------------------------------------------------------------------- */

/** The models (spec §8.4-§8.9). */
typedef enum cxm_clv_model {
	CXM_CLV_BGNBD = 0,  /**< Fader, Hardie & Lee (2005) */
	CXM_CLV_MBGNBD = 1, /**< Batislam et al. (2007), as in lifetimes */
	CXM_CLV_PNBD = 2,   /**< Schmittlein, Morrison & Colombo (1987) */
	CXM_CLV_GG = 3,     /**< Gamma-Gamma spend (Fader, Hardie & Lee 2005; Hardie note 025) */
	CXM_CLV_BGBB = 4,   /**< discrete time, Fader, Hardie & Shang (2010) */
	CXM_CLV_SBG = 5     /**< shifted-beta-geometric retention, Fader & Hardie (2007) */
} cxm_clv_model;

#define CXM_CLV_MAX_PARAMS 4

/* The usual choices, the defaults of `cxm clv predict` and of both bindings:
 * a year of CLV, discounted at 1% a month (about 12.7% a year), and a
 * calibration table of frequencies 0..7, the last row gathering the rest
 * (as lifetimes' plot_calibration_purchases_vs_holdout_purchases). */
#define CXM_CLV_MONTHS_DEFAULT 12
#define CXM_CLV_DISCOUNT_DEFAULT 0.01
#define CXM_CLV_CALIBRATION_ROWS_DEFAULT 8

/** What the models predict (CXM_NAMES_CLV_PREDICTION gives the words, which
 * are also the column names of cxm_clv_predict_table). */
typedef enum cxm_clv_prediction {
	CXM_CLV_PREDICT_EXPECTED_PURCHASES = 0,      /**< "expected_purchases": cxm_clv_expected_purchases */
	CXM_CLV_PREDICT_P_ALIVE = 1,                 /**< "p_alive": cxm_clv_p_alive */
	CXM_CLV_PREDICT_UNCONDITIONAL_PURCHASES = 2, /**< "unconditional_purchases": cxm_clv_unconditional_purchases */
	CXM_CLV_PREDICT_EXPECTED_PROFIT = 3,         /**< "expected_profit": cxm_clv_expected_profit */
	CXM_CLV_PREDICT_CLV = 4,                     /**< "clv": cxm_clv_discounted (with a Gamma-Gamma fit) */
	CXM_CLV_PREDICT_SURVIVAL = 5,                /**< "survival": cxm_clv_sbg_curves */
	CXM_CLV_PREDICT_RETENTION = 6,               /**< "retention": cxm_clv_sbg_curves */
	CXM_CLV_PREDICT_PMF = 7                      /**< "pmf": cxm_clv_bgbb_pmf */
} cxm_clv_prediction;

/** The bit of a cxm_clv_column or a cxm_clv_prediction in the masks of cxm_clv_model_info. */
#define CXM_CLV_BIT(x) (1u << (x))

/** What a model is: its names, what its fit reads and what it predicts. */
typedef struct cxm_clv_model_info {
	unsigned int version;      /**< CXM_CLV_MODEL_INFO_VERSION */
	int model;                 /**< a cxm_clv_model */
	const char *name;          /**< its word: "bgnbd" (static) */
	const char *label;         /**< as papers write it: "BG/NBD" (static) */
	size_t n_params;           /**< names: cxm_clv_param_name(model, 0 .. n_params - 1) */
	unsigned int columns;      /**< CXM_CLV_BIT(cxm_clv_column): the summary columns its fit reads */
	unsigned int optional;     /**< of those, the ones it can do without (weights) */
	unsigned int predictions;  /**< CXM_CLV_BIT(cxm_clv_prediction): what a fit of it predicts */
} cxm_clv_model_info;
#define CXM_CLV_MODEL_INFO_VERSION 1
#define CXM_CLV_MODEL_INFO_INIT { CXM_CLV_MODEL_INFO_VERSION, 0, NULL, NULL, 0, 0u, 0u, 0u }

/**
 * Describe a model:
 *   bgnbd, mbgnbd, pnbd  frequency, recency, T, [weights]; expected_purchases,
 *                        p_alive, unconditional_purchases, clv
 *   gg                   frequency, monetary_value; expected_profit
 *   bgbb                 frequency, recency, periods, [weights];
 *                        expected_purchases, p_alive, unconditional_purchases,
 *                        clv, pmf
 *   sbg                  survivors; survival, retention
 * @param out    out: the description; its version must be set (CXM_CLV_MODEL_INFO_INIT).
 * @param model  a cxm_clv_model.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out, unknown model: the message lists the words), VERSION (out->version).
 * Ownership: the strings are static. Thread safety: pure.
 */
CXM_API cxm_status cxm_clv_model_describe(cxm_clv_model_info *out, int model);

/**
 * Fit options (opaque): new, one setter per option, free. A NULL options
 * pointer means the defaults: no penalty, 500 iterations, gradient
 * tolerance 1e-10, all cores, no progress callback.
 */
typedef struct cxm_clv_fit_opts cxm_clv_fit_opts;

/**
 * New options with the defaults.
 * @param out  out: the options, or NULL on failure.
 * Errors: BAD_ARG (NULL out), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_clv_fit_opts_free.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_clv_fit_opts_new(cxm_clv_fit_opts **out);

/** Free options; NULL is a no-op. Errors: none. Thread safety: not while a fit uses them.
 * Ownership: frees opts.
 */
CXM_API void cxm_clv_fit_opts_free(cxm_clv_fit_opts *opts);

/**
 * L2 penalty c: the fit minimises the mean negative log-likelihood plus
 * c * sum(params^2), as lifetimes' penalizer_coef (0, the default: none).
 * Errors: BAD_ARG (NULL opts; c negative, NaN or infinite: the message names
 *         the option and the value).
 * Ownership: nothing allocated. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_clv_fit_opts_set_l2_penalty(cxm_clv_fit_opts *opts, double c);

/**
 * The most optimiser iterations; 0 restores the default, 500. A fit that
 * reaches it is returned with converged = 0 and status ITERATION_LIMIT
 * (or BOUNDARY when a parameter has run off by then).
 * Errors: BAD_ARG (NULL opts). Ownership: nothing allocated. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_clv_fit_opts_set_max_iterations(cxm_clv_fit_opts *opts, unsigned int n);

/**
 * Convergence: the largest gradient component (in log-parameters) at most
 * tol (1 + |objective|); 0 restores the default, 1e-10.
 * Errors: BAD_ARG (NULL opts; tol negative, NaN or infinite).
 * Ownership: nothing allocated. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_clv_fit_opts_set_gradient_tol(cxm_clv_fit_opts *opts, double tol);

/**
 * Threads for large inputs: 0 (the default) cxm_threads() (threads.h:
 * cxm_set_threads, else CXM_THREADS, else all cores), 1 the calling thread
 * only, at most 1024; the library starts at most 64, so a larger number
 * works as 64. The fit is the same whatever the number.
 * Errors: BAD_ARG (NULL opts, n > 1024).
 * Ownership: nothing allocated. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_clv_fit_opts_set_threads(cxm_clv_fit_opts *opts, unsigned int n);

/**
 * Progress of a fit, called by the fit on the calling thread after every
 * iteration of the optimiser.
 * @param user           the user pointer given to cxm_clv_fit_opts_set_progress.
 * @param iteration      iterations so far: 1, 2, 3, ...
 * @param loglik         the total log-likelihood at the current parameters,
 *                       without the penalty (as cxm_clv_fit_result.loglik).
 * @param gradient_norm  the current max |d(-LL)/d log(param)| (as
 *                       cxm_clv_fit_result.gradient_norm).
 * @return 0 to go on; anything else stops the fit, which then fails with
 *         CXM_ECANCELLED (the message names the model and the iteration).
 * Thread safety: called only on the thread that called the fit, never
 * concurrently; it must not call the fit it is reporting on.
 */
typedef int (*cxm_clv_progress_fn)(void *user, unsigned int iteration, double loglik, double gradient_norm);

/**
 * Report every iteration to fn (NULL: no reports, the default), which may
 * stop the fit.
 * @param user  passed to fn as its first argument.
 * Errors: BAD_ARG (NULL opts). Ownership: user stays the caller's.
 * Thread safety: modifies opts.
 * See spec §8.3.
 */
CXM_API cxm_status cxm_clv_fit_opts_set_progress(cxm_clv_fit_opts *opts, cxm_clv_progress_fn fn, void *user);

/**
 * How a fit ended (spec §8.14; CXM_NAMES_CLV_FIT_STATUS: "converged",
 * "iteration_limit", "boundary", "stalled", "given"). Only CONVERGED is a
 * maximum of the likelihood that the parameters can be trusted at; the
 * command line warns about the others (and fails with --strict), Python
 * warns with cxmetrics.ConvergenceWarning and Ruby with Kernel#warn.
 * cxm_clv_fit_warning says what happened in one sentence.
 */
typedef enum cxm_clv_fit_status {
	CXM_CLV_FIT_CONVERGED = 0,       /**< the gradient test was met, every parameter inside its bounds */
	CXM_CLV_FIT_ITERATION_LIMIT = 1, /**< stopped at max_iterations before the gradient test was met */
	CXM_CLV_FIT_BOUNDARY = 2,        /**< a parameter ran off to 0 or infinity (CXM_CLV_BOUNDARY_RATIO) */
	CXM_CLV_FIT_STALLED = 3,         /**< no step lowered the objective, yet the gradient test failed */
	CXM_CLV_FIT_GIVEN = 4            /**< parameters given, not fitted (cxm_clv_fit_result_from_params,
					      or fit JSON without "status" or "converged": true) */
} cxm_clv_fit_status;

/**
 * A parameter is at a boundary when it is more than this many times larger,
 * or smaller, than its natural scale: 1 for the shape parameters (r, a, b,
 * s, p, q and those of BG/BB and sBG), the longest customer age T for the
 * time scales (alpha of BG/NBD and MBG/NBD, alpha and beta of Pareto/NBD),
 * the mean spend of the repeat buyers for Gamma-Gamma's v (spec §8.14).
 * There the likelihood is flat along that parameter: its value, however
 * precise it looks, says only "as large (small) as the data allow".
 */
#define CXM_CLV_BOUNDARY_RATIO 1e6

/* ---- limits (spec §8.15): arguments that cost time or memory in proportion
 * to their value are checked against these before any work, so that a typo
 * (--t 1e308, --months 100000) fails at once with a message naming the limit. */
/** The longest horizon t of expected purchases (in the summary's time
 * unit), and of months x periods_per_month in the CLV: 10^6 (2,738 years of days). */
#define CXM_CLV_MAX_HORIZON 1e6
/** The most months of discounted CLV: 1200 (a century). */
#define CXM_CLV_MAX_MONTHS 1200
/** The most periods: BG/BB opportunities (n_periods of cxm_clv_bgbb_pmf and
 * the summaries' periods), the lengths of the sBG curves, and the largest
 * frequency and recency of the P(alive) grid. */
#define CXM_CLV_MAX_PERIODS 1000000
/** The most cells of the P(alive) grid ((max_frequency + 1) x (max_recency + 1)). */
#define CXM_CLV_MAX_GRID_CELLS 100000000

/** A fitted model. Version 2 added status and boundary_param; a caller of
 * version 1 gets the fields of version 1 only (converged is there too). */
typedef struct cxm_clv_fit_result {
	unsigned int version; /**< CXM_CLV_FIT_RESULT_VERSION */
	int model;            /**< a cxm_clv_model */
	size_t n_params;
	double params[CXM_CLV_MAX_PARAMS]; /**< in the order of cxm_clv_param_name */
	double se[CXM_CLV_MAX_PARAMS];     /**< from the inverse Hessian; NaN when it is singular */
	double loglik;                     /**< total log-likelihood (without the penalty) */
	unsigned int iterations;
	int converged;                     /**< 1 when the gradient test was met */
	double gradient_norm;              /**< max |d(-LL)/d log(param)| at the end */
	size_t n_customers;                /**< customers (or weighted patterns' total) used */
	/* version 2 */
	int status;                        /**< a cxm_clv_fit_status; converged = (status == CONVERGED) */
	int boundary_param;                /**< status BOUNDARY: the index of the parameter at the
					        boundary (the first one); else -1 */
} cxm_clv_fit_result;
#define CXM_CLV_FIT_RESULT_VERSION 2
#define CXM_CLV_FIT_RESULT_INIT { CXM_CLV_FIT_RESULT_VERSION, 0, 0, { 0.0, 0.0, 0.0, 0.0 }, { 0.0, 0.0, 0.0, 0.0 }, 0.0, 0u, 0, 0.0, 0, CXM_CLV_FIT_GIVEN, -1 }

/**
 * Name of parameter i of a model ("r", "alpha", ...).
 * @return a static string; NULL for an unknown model or i >= its n_params.
 * Errors: none. Thread safety: pure.
 * Ownership: static.
 */
CXM_API const char *cxm_clv_param_name(int model, size_t i);

/**
 * A fit from known parameters (published ones, or a fit saved elsewhere):
 * what every front end builds a fit with (the JSON reader of fits too), so
 * that "valid parameters" is one rule. The standard errors, loglik and
 * gradient_norm are NaN; iterations, converged and n_customers 0; status
 * CXM_CLV_FIT_GIVEN and boundary_param -1 (a caller of version 2).
 * @param out       out: the fit; its version must be set (CXM_CLV_FIT_RESULT_INIT).
 *                  Written only on success.
 * @param model     a cxm_clv_model.
 * @param params    the model's parameters in the order of cxm_clv_param_name.
 * @param n_params  their number: the model's n_params.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL, unknown model, n_params not the model's), VERSION
 *         (out->version), NAN (a NaN parameter), OUT_OF_RANGE (a parameter
 *         that is not a finite number > 0: 'params."r" is -0.5; it must be a
 *         finite number > 0').
 * Ownership: nothing allocated. Thread safety: pure.
 */
CXM_API cxm_status cxm_clv_fit_result_from_params(cxm_clv_fit_result *out, int model, const double *params,
					   size_t n_params);

/**
 * What a fit's status means, as one sentence for a warning, the same in
 * every front end: "" (empty) for a converged fit and for given parameters;
 * otherwise, e.g. "bgnbd fit did not converge: stopped at the iteration
 * limit (2 iterations; largest gradient 0.0123); raise max_iterations" or
 * "bgnbd fit did not converge: parameter r ran off to infinity (1.5e+07);
 * the data cannot identify the model (too few customers, or too little
 * variation between them)". The command line prints it after
 * "cxm: warning: ", Python as a cxmetrics.ConvergenceWarning, Ruby with warn.
 * @param out  receives the sentence, NUL-terminated, cut to cap - 1 bytes
 *             (512 bytes always suffice).
 * @param cap  its capacity, > 0.
 * @param fit  a fit of version 2 (a version-1 fit has no status: its
 *             converged field decides between "" and "did not converge").
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL, cap 0, unknown model or status), VERSION (fit->version).
 * Ownership: out is the caller's. Thread safety: pure.
 * See spec §8.14.
 */
CXM_API cxm_status cxm_clv_fit_warning(char *out, size_t cap, const cxm_clv_fit_result *fit);

/**
 * Fit BG/NBD, MBG/NBD or Pareto/NBD to (frequency, recency, T) per customer.
 * @param out      result; out->version must be set (CXM_CLV_FIT_RESULT_INIT).
 * @param weights  customers per row (integral >= 0), or none: n_weights = 0 (any pointer).
 * @param opts     NULL for defaults; with a progress callback
 *                 (cxm_clv_fit_opts_set_progress) the fit reports each
 *                 iteration and can be stopped (as every cxm_clv_fit*
 *                 function below).
 * Errors: BAD_ARG (model, NULL, lengths, recency > T, negative or fractional
 *         frequency, frequency 0 with recency > 0), NAN, EMPTY, VERSION, NOMEM,
 *         TOO_FEW (no customer with a repeat purchase: without one the
 *         likelihood grows as the purchase rate goes to 0 and has no
 *         maximum; spec §8.14),
 *         DOMAIN (the likelihood is not finite at the starting values: data
 *         too extreme, such as T = 1e308 for pnbd),
 *         CANCELLED (the progress callback returned non-zero: the message
 *         names the model and the iteration; out->converged is then 0,
 *         out->iterations that iteration, and out's other fields are left as
 *         they were).
 * Ownership: out is the caller's; nothing is allocated for it.
 * Thread safety: pure; on large inputs it uses the threads of the options.
 * See spec §8.3 (fitting) and §8.4-§8.6 (the models).
 */
CXM_API cxm_status cxm_clv_fit(cxm_clv_fit_result *out, int model, const double *frequency,
			size_t n_frequency, const double *recency, size_t n_recency, const double *T,
			size_t n_T, const double *weights, size_t n_weights, const cxm_clv_fit_opts *opts);

/**
 * Fit Gamma-Gamma to repeat buyers: rows with frequency > 0 are used; their
 * monetary_value must be > 0. Errors: BAD_ARG, NAN, OUT_OF_RANGE, EMPTY (no
 * repeat buyer), TOO_FEW (one repeat buyer: the spread of spend between
 * customers, q and v, needs two), VERSION, NOMEM,
 * DOMAIN (the likelihood is not finite at the starting values, e.g. spends
 * of 1e308), CANCELLED (as cxm_clv_fit).
 * @param out  result; out->version must be set (CXM_CLV_FIT_RESULT_INIT).
 * Ownership: out is the caller's; nothing is allocated for it.
 * Thread safety: pure; on large inputs it uses the threads of the options.
 * See spec §8.7.
 */
CXM_API cxm_status cxm_clv_fit_gamma_gamma(cxm_clv_fit_result *out, const double *frequency, size_t n_frequency,
				    const double *monetary_value, size_t n_monetary,
				    const cxm_clv_fit_opts *opts);

/**
 * Fit BG/BB to discrete-time patterns: frequency x and recency t_x (0..n) out
 * of n_periods opportunities, with weights (number of customers per pattern).
 * @param out  result; out->version must be set (CXM_CLV_FIT_RESULT_INIT).
 * Errors: BAD_ARG, NAN, EMPTY, TOO_FEW (no pattern with a transaction: the
 *         transaction probability has no maximum above 0), VERSION, NOMEM,
 *         CANCELLED (as cxm_clv_fit).
 * Ownership: out is the caller's; nothing is allocated for it.
 * Thread safety: pure; on large inputs it uses the threads of the options.
 * See spec §8.8.
 */
CXM_API cxm_status cxm_clv_fit_bgbb(cxm_clv_fit_result *out, const double *frequency, size_t n_frequency,
			     const double *recency, size_t n_recency, const double *n_periods,
			     size_t n_n_periods, const double *weights, size_t n_weights,
			     const cxm_clv_fit_opts *opts);

/**
 * Fit the shifted-beta-geometric model to a contractual cohort: survivors[0]
 * customers at the start, survivors[t] still active after t periods
 * (non-increasing).
 * @param out  result; out->version must be set (CXM_CLV_FIT_RESULT_INIT).
 * Errors: BAD_ARG (NULL out or survivors; more than CXM_CLV_MAX_PERIODS + 1
 *         entries (checked first); a count that is negative, not a
 *         whole number, infinite or above 2^53), NAN (a NaN count),
 *         INCONSISTENT (increasing), EMPTY (fewer than 2 entries, or
 *         survivors[0] = 0), VERSION (out->version), CANCELLED (as cxm_clv_fit).
 * Ownership: out is the caller's; nothing is allocated for it.
 * Thread safety: pure.
 * See spec §8.9.
 */
CXM_API cxm_status cxm_clv_fit_sbg(cxm_clv_fit_result *out, const double *survivors, size_t n,
			    const cxm_clv_fit_opts *opts);

/**
 * Fit a model to a customer summary table (cxm_clv_summary_from_transactions,
 * cxm_table_read_csv, or any table with the columns): the NUMBER columns
 * cxm_clv_model_describe lists for the model, by their names
 * (CXM_NAMES_CLV_COLUMN: "frequency", "recency", "T", "monetary_value",
 * "periods", "survivors"), and "weights" when the table has it and the model
 * takes weights. With an "id" (or "ID") column, an error about one row names
 * the customer first: "customer 'bob' (row 2 of the summary): frequency[1] =
 * 2.5 must be ..." (spec §8.15).
 * @param out      out: the fit (its version set: CXM_CLV_FIT_RESULT_INIT).
 * @param model    a cxm_clv_model.
 * @param summary  the table.
 * @param opts     NULL for defaults.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL, unknown model, a column the table lacks: the
 *         message names the table's columns; a column that is not NUMBER),
 *         and those of cxm_clv_fit, cxm_clv_fit_gamma_gamma, cxm_clv_fit_bgbb
 *         and cxm_clv_fit_sbg (their messages name the columns).
 * Ownership: nothing allocated for the caller. Thread safety: pure.
 */
CXM_API cxm_status cxm_clv_fit_table(cxm_clv_fit_result *out, int model, const cxm_table *summary,
			      const cxm_clv_fit_opts *opts);

/* ---- predictions ----------------------------------------------------------------- */

/**
 * The predictions of a fit for every customer of a summary table, as a
 * table: column "id" (the summary's "id" or "ID" column, copied; without
 * one, the row numbers 1, 2, ...), then expected_purchases (in the next t
 * periods) and p_alive, and with a Gamma-Gamma fit gg also expected_profit
 * and clv (discounted over `months` months at the monthly rate `discount`);
 * row name "customers"; attributes model (TEXT), t and, with gg, months,
 * discount and periods_per_month (NUMBER). The summary's columns are those
 * of cxm_clv_model_describe for fit's model ("frequency", "recency", "T";
 * "periods" in place of "T" for BG/BB) and, with gg, "monetary_value".
 * @param out                out: the table, or NULL on failure.
 * @param summary            the customers.
 * @param fit                a fit of a model that predicts expected_purchases
 *                           (bgnbd, mbgnbd, pnbd, bgbb).
 * @param gg                 a Gamma-Gamma fit, or NULL for no CLV.
 * @param t                  the horizon of expected_purchases, at most
 *                           CXM_CLV_MAX_HORIZON (checked before any work).
 * @param months             with gg: months of CLV (12 is usual), at most
 *                           CXM_CLV_MAX_MONTHS (checked before any work).
 * @param discount           with gg: the monthly discount rate (0.01 is usual).
 * @param periods_per_month  with gg: the summary's time units in a month;
 *                           NaN or 0: from the summary's "period" attribute
 *                           (cxm_clv_periods_per_month).
 * @return CXM_OK or a negative code.
 * An error about one customer names it by its id rather than an index
 * (spec §8.15): "customer 'bob' (row 2 of the summary): frequency = 2.5 must
 * be a non-negative integer (the number of repeat purchases)".
 * Errors: BAD_ARG (NULL; a fit whose model does not predict purchases; gg not
 *         a Gamma-Gamma fit; a column the summary lacks; periods_per_month NaN
 *         or 0 and the summary has no period: the message says to give it;
 *         t or months beyond their limits),
 *         and those of cxm_clv_expected_purchases, cxm_clv_p_alive,
 *         cxm_clv_expected_profit and cxm_clv_discounted, NOMEM.
 * Ownership: *out is the caller's; free it with cxm_table_free.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_clv_predict_table(cxm_table **out, const cxm_table *summary, const cxm_clv_fit_result *fit,
				  const cxm_clv_fit_result *gg, double t, double months, double discount,
				  double periods_per_month);

/**
 * Conditional expected purchases in (T, T + t] per customer (BG/NBD, MBG/NBD,
 * Pareto/NBD; BG/BB with t in whole periods and T = n_periods).
 * @param out  capacity cap >= n (the common length of the inputs); on error
 *             its contents are unspecified (here and in the other per-customer
 *             predictions below).
 * Errors: BAD_ARG (NULL fit, out or column; fit->model unknown or without this
 *         prediction: gg, sbg; fit->n_params not the model's; a parameter not
 *         finite and > 0; unequal lengths or cap < n; t < 0, infinite or above
 *         CXM_CLV_MAX_HORIZON ("t = 1e+308 is above the longest horizon,
 *         1000000 periods (CXM_CLV_MAX_HORIZON)"), checked before any work; a
 *         frequency that is not a whole number >= 0, a recency or T that is
 *         negative or infinite, recency > T, recency > 0 with frequency 0;
 *         BG/BB: t, recency and T not whole numbers, or frequency > recency),
 *         NAN (t, a parameter or a summary value), VERSION (fit->version),
 *         DOMAIN (a customer's value is not finite, e.g. a hypergeometric
 *         series that does not converge), NOMEM.
 * Ownership: out is the caller's. Thread safety: pure (both cores on many customers).
 * See spec §8.4-§8.6 and §8.8.
 */
CXM_API cxm_status cxm_clv_expected_purchases(double *out, size_t cap, const cxm_clv_fit_result *fit, double t,
				       const double *frequency, size_t n_frequency,
				       const double *recency, size_t n_recency,
				       const double *T, size_t n_T);

/**
 * Probability each customer is still alive (same models and arguments).
 * BG/NBD and MBG/NBD evaluate it 8 or 4 customers at a time where the CPU has
 * AVX-512 or AVX2 (glibc's vector exp and log, within 4 ulp): a customer's
 * value does not depend on its row or the thread count, but may differ in
 * the last bits between CPUs.
 * @param out        receives one value per customer: capacity cap >= n (the
 *                   common length of the inputs).
 * @param frequency  repeat purchases of each customer, n of them.
 * @param recency    the age at the last purchase of each (n_recency = n).
 * @param T          the age of each at the end of calibration (n_T = n).
 * Errors: as cxm_clv_expected_purchases, without t.
 * Ownership: out is the caller's. Thread safety: pure (both cores on many customers).
 * See spec §8.4-§8.6 and §8.8.
 */
CXM_API cxm_status cxm_clv_p_alive(double *out, size_t cap, const cxm_clv_fit_result *fit,
			    const double *frequency, size_t n_frequency, const double *recency,
			    size_t n_recency, const double *T, size_t n_T);

/**
 * P(alive) on the grid of frequency 0..max_frequency and recency
 * 0..max_recency at age T, as lifetimes' conditional_probability_alive_matrix
 * (the data of its P(alive) heat map): out[r * (max_frequency + 1) + f] for
 * recency r and frequency f. Frequency 0 has no recency (its recency is 0 by
 * definition), so that column is P(alive | 0, 0, T) all the way up; for
 * BG/BB a cell with f > r is impossible and NaN.
 * @param out    (max_recency + 1) * (max_frequency + 1) values, recency major.
 * @param n_out  at least that many.
 * Errors: BAD_ARG (NULL out; n_out too small; max_frequency or max_recency
 *         above CXM_CLV_MAX_PERIODS, or more than CXM_CLV_MAX_GRID_CELLS cells
 *         (checked first);
 *         max_recency > T; T negative or infinite, or not whole for BG/BB;
 *         the fit checks of cxm_clv_p_alive), NAN (T), VERSION, NOMEM.
 * Ownership: out is the caller's. Thread safety: pure.
 * See spec §8.4-§8.8.
 */
CXM_API cxm_status cxm_clv_p_alive_grid(double *out, size_t n_out, const cxm_clv_fit_result *fit,
					size_t max_frequency, size_t max_recency, double T);

/**
 * Expected purchases in (0, t] of a new customer.
 * Errors: BAD_ARG (NULL out or fit; the fit checks and t of
 *         cxm_clv_expected_purchases), NAN (t, a parameter), VERSION
 *         (fit->version), DOMAIN (the value is not finite).
 * Ownership: out is the caller's. Thread safety: pure.
 * See spec §8.4-§8.6 and §8.8.
 */
CXM_API cxm_status cxm_clv_unconditional_purchases(double *out, const cxm_clv_fit_result *fit, double t);

/**
 * Gamma-Gamma expected average profit per transaction of each customer
 * (population mean for frequency 0).
 * @param out  receives one value per customer: capacity cap >= n (the
 *             common length of frequency and monetary_value).
 * Errors: BAD_ARG (NULL gg, out or column; gg not a Gamma-Gamma fit; p, q or v
 *         not finite and > 0; unequal lengths or cap < n; a frequency that is
 *         not a whole number >= 0), VERSION (gg->version), DOMAIN (q <= 1: the
 *         population mean spend p v / (q - 1) does not exist), NAN (a NaN
 *         frequency or monetary value), OUT_OF_RANGE (a monetary value < 0 or
 *         infinite).
 * Ownership: out is the caller's. Thread safety: pure.
 * See spec §8.7.
 */
CXM_API cxm_status cxm_clv_expected_profit(double *out, size_t cap, const cxm_clv_fit_result *gg,
				    const double *frequency, size_t n_frequency,
				    const double *monetary_value, size_t n_monetary);

/**
 * Discounted CLV over `months` months: sum over months i = 1..months of
 * (E[X(T, T + i f)] - E[X(T, T + (i - 1) f)]) x profit / (1 + d)^i, with f =
 * periods_per_month and d the monthly discount rate (one rate, or one per
 * customer).
 * @param out  receives one value per customer: capacity cap >= n (the
 *             common length of the summary columns).
 * @param frequency       the summary: repeat purchases of each customer, n of them.
 * @param recency         the age at the last purchase of each (n_recency = n).
 * @param T               the age of each at the end of calibration (n_T = n).
 * @param monetary_value  the average spend per repeat purchase (n_monetary = n).
 * @param discount        the monthly discount rate d: one (n_discount = 1) or
 *                        one per customer (n_discount = n).
 * @param periods_per_month  the summary's time units in a month: these
 *        columns carry no period, so f must be given (cxm_clv_periods_per_month
 *        gives it for a period: 4.345 for weeks, 30.4375 for days, 1 for
 *        months); cxm_clv_predict_table derives it from a summary table.
 * Errors: BAD_ARG (the checks of cxm_clv_expected_purchases on fit and the
 *         summary, those of cxm_clv_expected_profit on gg and monetary_value;
 *         months not a whole number in 1..CXM_CLV_MAX_MONTHS (1200), or
 *         months x f above CXM_CLV_MAX_HORIZON; f not finite and > 0 (0 and
 *         NaN, "derive it" elsewhere, name cxm_clv_periods_per_month), or
 *         not a whole number for BG/BB; n_discount neither 1 nor n; d <= -1
 *         or infinite), NAN (months, f, d, a parameter of fit, a summary or
 *         monetary value), VERSION (fit->version, gg->version), DOMAIN (gg's
 *         q <= 1; a customer's value is not finite), OUT_OF_RANGE (a monetary
 *         value < 0 or infinite), NOMEM.
 * Ownership: out is the caller's. Thread safety: pure (both cores on many customers).
 * See spec §8.10.
 */
CXM_API cxm_status cxm_clv_discounted(double *out, size_t cap, const cxm_clv_fit_result *fit,
			       const cxm_clv_fit_result *gg, const double *frequency, size_t n_frequency,
			       const double *recency, size_t n_recency, const double *T, size_t n_T,
			       const double *monetary_value, size_t n_monetary, double months,
			       const double *discount, size_t n_discount, double periods_per_month);

/**
 * sBG: survival S(t) for t = 1..n_survival and retention r(t) = S(t) / S(t - 1)
 * for t = 1..n_retention (Fader & Hardie 2007). Either output may be NULL
 * with its length 0.
 * @param survival     receives n_survival values.
 * @param retention    receives n_retention values.
 * Errors: BAD_ARG (NULL sbg; an output NULL with a length > 0; a length above
 *         CXM_CLV_MAX_PERIODS; not an sBG
 *         fit; alpha or beta not finite and > 0), VERSION (sbg->version).
 * Ownership: the outputs are the caller's. Thread safety: pure.
 * See spec §8.9.
 */
CXM_API cxm_status cxm_clv_sbg_curves(double *survival, size_t n_survival, double *retention, size_t n_retention,
			       const cxm_clv_fit_result *sbg);

/* ---- holdout evaluation ---------------------------------------------------------- */

/** Errors of predicted against actual holdout purchases. */
typedef struct cxm_clv_holdout_errors {
	unsigned int version; /**< CXM_CLV_HOLDOUT_ERRORS_VERSION */
	size_t n;
	double mae, rmse;
	double total_predicted, total_actual;
} cxm_clv_holdout_errors;
#define CXM_CLV_HOLDOUT_ERRORS_VERSION 1
#define CXM_CLV_HOLDOUT_ERRORS_INIT { CXM_CLV_HOLDOUT_ERRORS_VERSION, 0, 0.0, 0.0, 0.0, 0.0 }

/**
 * MAE and RMSE.
 * @param out        result; out->version must be set (CXM_CLV_HOLDOUT_ERRORS_INIT).
 * @param predicted  the predicted holdout purchases of each customer, n of them.
 * @param actual     the actual holdout purchases of each (n_actual = n_predicted).
 * Errors: BAD_ARG (NULL out or array, unequal lengths, an infinite value), NAN
 *         (a NaN value), EMPTY (no customer), VERSION (out->version).
 * Ownership: out is the caller's. Thread safety: pure.
 * See spec §8.11.
 */
CXM_API cxm_status cxm_clv_holdout_evaluate(cxm_clv_holdout_errors *out, const double *predicted,
				     size_t n_predicted, const double *actual, size_t n_actual);

/**
 * Calibration table: mean predicted and mean actual holdout purchases by
 * calibration frequency 0, 1, ..., rows - 1 (the last row gathers every
 * higher frequency), as in lifetimes'
 * plot_calibration_purchases_vs_holdout_purchases (whose max_frequency is
 * rows - 1). Rows with no customer get NaN means and count 0.
 * @param mean_predicted  receives `rows` = n_mean_predicted values.
 * @param mean_actual     receives n_mean_actual = rows values.
 * @param count           receives n_count = rows values.
 * Errors: BAD_ARG (NULL output or input; no rows; output lengths that
 *         differ; input lengths that differ; a frequency that is not a whole
 *         number >= 0, an infinite predicted or actual value), NAN (a NaN
 *         frequency, predicted or actual value). The outputs are written only
 *         on success.
 * Ownership: the outputs are the caller's. Thread safety: pure.
 * See spec §8.12.
 */
CXM_API cxm_status cxm_clv_calibration_table(double *mean_predicted, size_t n_mean_predicted, double *mean_actual,
				      size_t n_mean_actual, double *count, size_t n_count,
				      const double *frequency, size_t n_frequency, const double *predicted,
				      size_t n_predicted, const double *actual, size_t n_actual);

/* ---- fitted models as JSON ------------------------------------------------------- */

/**
 * A fitted model as a JSON object, for saving a fit and predicting later:
 *   {"model": "bgnbd", "params": {"r": ..., "alpha": ..., "a": ..., "b": ...},
 *    "se": {same keys}, "loglik": ..., "iterations": N, "converged": true,
 *    "gradient_norm": ..., "n_customers": N, "status": "converged"}
 * "status" (a word of CXM_NAMES_CLV_FIT_STATUS) and, for status boundary,
 * "boundary_param": "r" are written for a fit of version 2 (spec §8.14).
 * Parameters keep the names of cxm_clv_param_name; numbers are printed in
 * the shortest text that reads back exactly (0.1, not 0.10000000000000001);
 * a NaN or infinite value (a standard error of a singular Hessian) is
 * printed as null. The text ends with a newline.
 * @param out  out: the text, or NULL on failure.
 * @param fit  a result of one of the cxm_clv_fit* functions (or read back).
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL, unknown model, n_params not the model's, an unknown
 *         status), VERSION (fit->version), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_free (io.h).
 * Thread safety: pure.
 * See spec §8.13.
 */
CXM_API cxm_status cxm_clv_fit_result_to_json(char **out, const cxm_clv_fit_result *fit);

/**
 * Read a fitted model back from JSON in the format of cxm_clv_fit_result_to_json.
 * "model" and every parameter under "params" are required (so a fit can be
 * written by hand: {"model": "gg", "params": {"p": 6.25, "q": 3.74, "v": 15.44}});
 * the other keys are optional (missing or null: se, loglik and gradient_norm
 * NaN, iterations, converged and n_customers 0) and unknown top-level keys are
 * ignored. A parameter the model does not have is an error (a misspelt name).
 * "status" sets status and converged (converged = status is "converged");
 * without it, "converged": true reads as converged and anything else as
 * CXM_CLV_FIT_GIVEN. A caller of version 1 gets the fields of version 1.
 * @param out   out: the fit; its version must be set (CXM_CLV_FIT_RESULT_INIT).
 *              Written only on success.
 * @param json  the text (need not be NUL-terminated).
 * @param len   its length in bytes.
 * @return CXM_OK or a negative code.
 * The parameters are checked by cxm_clv_fit_result_from_params.
 * Errors: BAD_ARG (NULL, unknown model name), VERSION (out->version),
 *         PARSE (not JSON: the message gives the byte offset; or not a fit:
 *         a key missing or of the wrong type, a parameter the model lacks, a
 *         status that is not a word of CXM_NAMES_CLV_FIT_STATUS, status
 *         "boundary" without a "boundary_param" of the model),
 *         OUT_OF_RANGE (a parameter not a finite number > 0, a count not a
 *         whole number >= 0). cJSON allocates outside sys/alloc.h, and its
 *         running out of memory reads as PARSE (not valid JSON), not NOMEM.
 * Ownership: nothing allocated for the caller.
 * Thread safety: pure.
 * See spec §8.13.
 */
CXM_API cxm_status cxm_clv_fit_result_from_json(cxm_clv_fit_result *out, const char *json, size_t len);

/**
 * BG/BB: the probability that a new customer makes x transactions in the
 * first n_periods opportunities, P(X(n) = x) for x = 0..n_periods (Fader,
 * Hardie & Shang 2010, eq. 7; lifetimes'
 * BetaGeoBetaBinomFitter.probability_of_n_purchases_up_to_time). Multiplied
 * by the number of customers, it is the expected histogram of transactions.
 * @param out         receives n_periods + 1 probabilities (they sum to 1).
 * @param cap         capacity of out, at least n_periods + 1.
 * @param fit         a BG/BB fit (cxm_clv_fit_bgbb, or parameters set by hand).
 * @param n_periods   number of opportunities, an integer in 0..CXM_CLV_MAX_PERIODS.
 * @return CXM_OK or a negative cxm_error_code.
 * Errors: BAD_ARG (NULL, not a BG/BB fit, parameters not finite > 0,
 *         n_periods not a whole number in range, cap too small), NAN
 *         (n_periods), VERSION (fit->version).
 * Ownership: out is the caller's; nothing is allocated.
 * Thread safety: pure; safe from any number of threads.
 * See spec §8.8.
 */
CXM_API cxm_status cxm_clv_bgbb_pmf(double *out, size_t cap, const cxm_clv_fit_result *fit, double n_periods);

CXM_END_DECL

#endif
