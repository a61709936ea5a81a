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
 * Thread safety: fits and predictions are pure; they use up to
 * cxm_clv_fit_opts.threads threads on large inputs and give the same result
 * with 1 or 2 threads. A cxm_clv_summary may be read from many threads.
 */
#ifndef CXMETRICS_CLVMODEL_H
#define CXMETRICS_CLVMODEL_H

#include "common.h"

CXM_BEGIN_DECL

/** Time units of a summary (spec §8.1). */
typedef enum cxm_clv_period {
	CXM_CLV_DAYS = 0,
	CXM_CLV_WEEKS = 1, /**< 7 days */
	CXM_CLV_MONTHS = 2 /**< 365.25 / 12 days */
} cxm_clv_period;

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

/** Per-customer frequency, recency, age and mean repeat value, with an optional holdout. */
typedef struct cxm_clv_summary cxm_clv_summary;

/**
 * Summarise a transaction log as lifetimes' summary_data_from_transaction_data
 * does: purchases on the same day count once; frequency = repeat purchase
 * days in the calibration period; recency = last - first purchase; T =
 * calibration_end - first purchase; monetary_value = mean amount of the repeat
 * purchase days (0 when frequency is 0). Customers whose first purchase is
 * after calibration_end are left out (and counted: cxm_clv_summary_dropped).
 * Holdout: purchases in (calibration_end, observation_end].
 * @param days             transaction days (day numbers, integral; see cxm_date_parse).
 * @param amounts          amounts per transaction, or NULL with n_amounts = 0.
 * @param calibration_end  last day of the calibration period.
 * @param observation_end  last day of the holdout period; equal to
 *                         calibration_end for no holdout.
 * @param period           a cxm_clv_period.
 * Errors: BAD_ARG (NULL, lengths, fractional day, observation_end < calibration_end,
 *         period), NAN, OUT_OF_RANGE (infinite amount), EMPTY (no customer), NOMEM.
 * Ownership: *out is the caller's; free with cxm_clv_summary_free.
 * See spec §8.2.
 */
CXM_API cxm_status cxm_clv_summary_from_transactions(cxm_clv_summary **out,
					      const char *const *customer_ids, size_t n_ids,
					      const double *days, size_t n_days,
					      const double *amounts, size_t n_amounts,
					      double calibration_end, double observation_end,
					      int period);
/** Free; NULL is a no-op. */
CXM_API void cxm_clv_summary_free(cxm_clv_summary *s);
/** Number of customers (ascending byte order of ids). */
CXM_API size_t cxm_clv_summary_count(const cxm_clv_summary *s);
/** Customers left out because their first purchase follows calibration_end. */
CXM_API size_t cxm_clv_summary_dropped(const cxm_clv_summary *s);
/** Id of customer i (NULL when out of range). Ownership: borrowed. */
CXM_API const char *cxm_clv_summary_id(const cxm_clv_summary *s, size_t i);
/**
 * Copy columns into caller buffers of capacity cap >= count; any may be NULL.
 * holdout_* are 0 without a holdout period; holdout_duration is
 * observation_end - calibration_end in the summary's unit.
 * Errors: BAD_ARG (NULL summary, cap too small).
 */
CXM_API cxm_status cxm_clv_summary_columns(const cxm_clv_summary *s, double *frequency, double *recency,
				    double *T, double *monetary_value, double *holdout_frequency,
				    double *holdout_monetary_value, size_t cap);
/** observation_end - calibration_end in the summary's unit (0 without a holdout). */
CXM_API double cxm_clv_summary_holdout_duration(const cxm_clv_summary *s);

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

/**
 * Progress of a fit, called by the fit on the calling thread after every
 * iteration of the optimiser.
 * @param user           cxm_clv_fit_opts.progress_user, as given.
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
 * Fit options; NULL means defaults. Version 1 ends at threads; a version-1
 * struct is still accepted and never reports progress.
 * See spec §8.3.
 */
typedef struct cxm_clv_fit_opts {
	unsigned int version;        /**< CXM_CLV_FIT_OPTS_VERSION */
	double l2_penalty;           /**< added to the mean negative log-likelihood: c * sum(params^2); 0 = none */
	unsigned int max_iterations; /**< 0: 500 */
	double gradient_tol;         /**< 0: 1e-10 (relative) */
	unsigned int threads;        /**< 0: all cores, 1: the calling thread only */
	/* version 2 */
	cxm_clv_progress_fn progress; /**< called after every iteration; NULL: none */
	void *progress_user;          /**< passed to progress as its first argument */
} cxm_clv_fit_opts;
#define CXM_CLV_FIT_OPTS_VERSION 2
#define CXM_CLV_FIT_OPTS_INIT { CXM_CLV_FIT_OPTS_VERSION, 0.0, 0u, 0.0, 0u, NULL, NULL }

/** A fitted model. */
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
} cxm_clv_fit_result;
#define CXM_CLV_FIT_RESULT_VERSION 1
#define CXM_CLV_FIT_RESULT_INIT { CXM_CLV_FIT_RESULT_VERSION, 0, 0, { 0.0, 0.0, 0.0, 0.0 }, { 0.0, 0.0, 0.0, 0.0 }, 0.0, 0u, 0, 0.0, 0 }

/** "bgnbd", "mbgnbd", "pnbd", "gg", "bgbb", "sbg"; NULL for an unknown model. */
CXM_API const char *cxm_clv_model_name(int model);
/** The model of a name (as above). Errors: BAD_ARG. */
CXM_API cxm_status cxm_clv_model_from_name(int *model, const char *name);
/** Name of parameter i of a model ("r", "alpha", ...); NULL when out of range. */
CXM_API const char *cxm_clv_param_name(int model, size_t i);

/**
 * Fit BG/NBD, MBG/NBD or Pareto/NBD to (frequency, recency, T) per customer.
 * @param weights  customers per row (integral >= 0), or NULL with n_weights = 0.
 * @param opts     NULL for defaults; with opts->progress set (version 2) the
 *                 fit reports each iteration and can be stopped (as every
 *                 cxm_clv_fit* function below).
 * Errors: BAD_ARG (model, NULL, lengths, recency > T, negative or fractional
 *         frequency, frequency 0 with recency > 0), NAN, EMPTY, VERSION, NOMEM,
 *         CANCELLED (opts->progress returned non-zero: the message names the
 *         model and the iteration; out->converged is then 0, out->iterations
 *         that iteration, and out's other fields are left as they were).
 * See spec §8.3 (fitting) and §8.4-§8.6 (the models).
 */
CXM_API cxm_status cxm_clv_fit(cxm_clv_fit_result *out, int model, const double *frequency,
			size_t n_frequency, const double *recency, size_t n_recency, const double *T,
			size_t n_T, const double *weights, size_t n_weights, const cxm_clv_fit_opts *opts);

/**
 * Fit Gamma-Gamma to repeat buyers: rows with frequency > 0 are used; their
 * monetary_value must be > 0. Errors: BAD_ARG, NAN, OUT_OF_RANGE, EMPTY, VERSION, NOMEM,
 * CANCELLED (as cxm_clv_fit).
 * See spec §8.7.
 */
CXM_API cxm_status cxm_clv_fit_gamma_gamma(cxm_clv_fit_result *out, const double *frequency, size_t n_frequency,
				    const double *monetary_value, size_t n_monetary,
				    const cxm_clv_fit_opts *opts);

/**
 * Fit BG/BB to discrete-time patterns: frequency x and recency t_x (0..n) out
 * of n_periods opportunities, with weights (number of customers per pattern).
 * Errors: BAD_ARG, NAN, EMPTY, VERSION, NOMEM, CANCELLED (as cxm_clv_fit).
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
 * Errors: BAD_ARG (NULL out or survivors; a count that is negative, not a
 *         whole number, infinite or above 2^53; opts->l2_penalty or
 *         opts->gradient_tol), NAN (a NaN count), INCONSISTENT (increasing),
 *         EMPTY (fewer than 2 entries, or survivors[0] = 0), VERSION
 *         (out->version, opts->version), CANCELLED (as cxm_clv_fit).
 * See spec §8.9.
 */
CXM_API cxm_status cxm_clv_fit_sbg(cxm_clv_fit_result *out, const double *survivors, size_t n,
			    const cxm_clv_fit_opts *opts);

/* ---- predictions ----------------------------------------------------------------- */

/**
 * Conditional expected purchases in (T, T + t] per customer (BG/NBD, MBG/NBD,
 * Pareto/NBD; BG/BB with t in whole periods and T = n_periods).
 * @param out  capacity cap >= n (the common length of the inputs); on error
 *             its contents are unspecified (here and in the other per-customer
 *             predictions below).
 * Errors: BAD_ARG (NULL fit, out or column; fit->model unknown or without this
 *         prediction: gg, sbg; fit->n_params not the model's; a parameter not
 *         finite and > 0; unequal lengths or cap < n; t < 0 or infinite; a
 *         frequency that is not a whole number >= 0, a recency or T that is
 *         negative or infinite, recency > T, recency > 0 with frequency 0;
 *         BG/BB: t, recency and T not whole numbers, or frequency > recency),
 *         NAN (t, a parameter or a summary value), VERSION (fit->version),
 *         DOMAIN (a customer's value is not finite, e.g. a hypergeometric
 *         series that does not converge), NOMEM.
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
 * Errors: as cxm_clv_expected_purchases, without t.
 * See spec §8.4-§8.6 and §8.8.
 */
CXM_API cxm_status cxm_clv_p_alive(double *out, size_t cap, const cxm_clv_fit_result *fit,
			    const double *frequency, size_t n_frequency, const double *recency,
			    size_t n_recency, const double *T, size_t n_T);

/**
 * Expected purchases in (0, t] of a new customer.
 * Errors: BAD_ARG (NULL out or fit; the fit checks and t of
 *         cxm_clv_expected_purchases), NAN (t, a parameter), VERSION
 *         (fit->version), DOMAIN (the value is not finite).
 * See spec §8.4-§8.6 and §8.8.
 */
CXM_API cxm_status cxm_clv_unconditional_purchases(double *out, const cxm_clv_fit_result *fit, double t);

/**
 * Gamma-Gamma expected average profit per transaction of each customer
 * (population mean for frequency 0).
 * Errors: BAD_ARG (NULL gg, out or column; gg not a Gamma-Gamma fit; p, q or v
 *         not finite and > 0; unequal lengths or cap < n; a frequency that is
 *         not a whole number >= 0), VERSION (gg->version), DOMAIN (q <= 1: the
 *         population mean spend p v / (q - 1) does not exist), NAN (a NaN
 *         frequency or monetary value), OUT_OF_RANGE (a monetary value < 0 or
 *         infinite).
 * See spec §8.7.
 */
CXM_API cxm_status cxm_clv_expected_profit(double *out, size_t cap, const cxm_clv_fit_result *gg,
				    const double *frequency, size_t n_frequency,
				    const double *monetary_value, size_t n_monetary);

/**
 * Discounted CLV over `months` months: sum over months i = 1..months of
 * (E[X(T, T + i f)] - E[X(T, T + (i - 1) f)]) x profit / (1 + d)^i, with f =
 * periods_per_month (4.345 for weeks, 30.4375 for days, 1 for months) and d
 * the monthly discount rate (one rate, or one per customer).
 * Errors: BAD_ARG (the checks of cxm_clv_expected_purchases on fit and the
 *         summary, those of cxm_clv_expected_profit on gg and monetary_value;
 *         months not a whole number in 1..10^7; f not finite and > 0, or not a
 *         whole number for BG/BB; n_discount neither 1 nor n; d <= -1 or
 *         infinite), NAN (months, f, d, a parameter of fit, a summary or
 *         monetary value), VERSION (fit->version, gg->version), DOMAIN (gg's
 *         q <= 1; a customer's value is not finite), OUT_OF_RANGE (a monetary
 *         value < 0 or infinite), NOMEM.
 * See spec §8.10.
 */
CXM_API cxm_status cxm_clv_discounted(double *out, size_t cap, const cxm_clv_fit_result *fit,
			       const cxm_clv_fit_result *gg, const double *frequency, size_t n_frequency,
			       const double *recency, size_t n_recency, const double *T, size_t n_T,
			       const double *monetary_value, size_t n_monetary, double months,
			       const double *discount, size_t n_discount, double periods_per_month);

/**
 * sBG: survival S(t) and retention r(t) = S(t) / S(t - 1) for t = 1..n; either
 * output may be NULL.
 * Errors: BAD_ARG (NULL sbg, not an sBG fit, alpha or beta not finite and
 *         > 0), VERSION (sbg->version).
 * See spec §8.9.
 */
CXM_API cxm_status cxm_clv_sbg_curves(double *survival, double *retention, size_t n, const cxm_clv_fit_result *sbg);

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
 * Errors: BAD_ARG (NULL out or array, unequal lengths, an infinite value), NAN
 *         (a NaN value), EMPTY (no customer), VERSION (out->version).
 * See spec §8.11.
 */
CXM_API cxm_status cxm_clv_holdout_evaluate(cxm_clv_holdout_errors *out, const double *predicted,
				     size_t n_predicted, const double *actual, size_t n_actual);

/**
 * Calibration table: mean predicted and mean actual holdout purchases by
 * calibration frequency 0..max_frequency (the last row gathers every higher
 * frequency), as in lifetimes' plot_calibration_purchases_vs_holdout_purchases.
 * @param mean_predicted, mean_actual, count  max_frequency + 1 entries each
 *        (rows with no customer get NaN means and count 0).
 * Errors: BAD_ARG (NULL output or input, unequal lengths, max_frequency =
 *         SIZE_MAX, a frequency that is not a whole number >= 0, an infinite
 *         predicted or actual value), NAN (a NaN frequency, predicted or
 *         actual value).
 * See spec §8.12.
 */
CXM_API cxm_status cxm_clv_calibration_table(double *mean_predicted, double *mean_actual, double *count,
				      size_t max_frequency, const double *frequency,
				      size_t n_frequency, const double *predicted,
				      size_t n_predicted, const double *actual, size_t n_actual);

/* ---- fitted models as JSON ------------------------------------------------------- */

/**
 * A fitted model as a JSON object, for saving a fit and predicting later:
 *   {"model": "bgnbd", "params": {"r": ..., "alpha": ..., "a": ..., "b": ...},
 *    "se": {same keys}, "loglik": ..., "iterations": N, "converged": true,
 *    "gradient_norm": ..., "n_customers": N}
 * Parameters keep the names of cxm_clv_param_name; numbers are printed with
 * 17 significant digits (%.17g), so they read back exactly; a NaN or infinite
 * value (a standard error of a singular Hessian) is printed as null. The
 * text ends with a newline.
 * @param out  out: the text, or NULL on failure.
 * @param fit  a result of one of the cxm_clv_fit* functions (or read back).
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL, unknown model, n_params not the model's),
 *         VERSION (fit->version), NOMEM.
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
 * @param out   out: the fit; its version must be set (CXM_CLV_FIT_RESULT_INIT).
 *              Written only on success.
 * @param json  the text (need not be NUL-terminated).
 * @param len   its length in bytes.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL, unknown model name), VERSION (out->version),
 *         PARSE (not JSON: the message gives the byte offset; or not a fit:
 *         a key missing or of the wrong type, a parameter the model lacks),
 *         OUT_OF_RANGE (a parameter not a finite number > 0, a count not a
 *         whole number >= 0), NOMEM.
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
 * @param n_periods   number of opportunities, an integer in 0..1000000.
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
