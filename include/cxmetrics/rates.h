/*
 * cxmetrics/rates.h - churn, retention, repeat purchase, referral, MAU, bounce,
 * error and task-success rates (spec §5). Every rate is a percentage (x 100).
 *
 * Counts are doubles that must be integers >= 0 (BAD_ARG otherwise).
 * Every function here is pure and thread-safe.
 */
#ifndef CXMETRICS_RATES_H
#define CXMETRICS_RATES_H

#include "common.h"

CXM_BEGIN_DECL

/**
 * Churn 100 L / S (§5.1).
 * @param out              out: the rate, in percent.
 * @param customers_start  S, customers at the start of the period.
 * @param customers_lost   L, customers lost during it.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out; a count negative, fractional, NaN, infinite or
 *         above 2^53), EMPTY (S == 0), INCONSISTENT (L > S).
 * Ownership: nothing allocated.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_churn_rate(double *out, double customers_start, double customers_lost);

/**
 * Customer retention rate 100 (E - N) / S (§5.2).
 * @param out              out: the rate, in percent.
 * @param customers_start  S, customers at the start of the period.
 * @param customers_end    E, customers at its end.
 * @param customers_new    N, customers acquired during it.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out; a count negative, fractional, NaN, infinite or
 *         above 2^53), EMPTY (S == 0), INCONSISTENT (N > E or E - N > S).
 * Ownership: nothing allocated.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_retention_rate(double *out, double customers_start, double customers_end,
			       double customers_new);

/** Repeat purchase rate from per-customer order counts (§5.3). */
typedef struct cxm_repeat_purchase {
	unsigned int version; /**< CXM_REPEAT_PURCHASE_VERSION */
	size_t customers;        /**< customers with >= 1 order */
	size_t repeat_customers; /**< customers with >= 2 orders */
	double rate;
} cxm_repeat_purchase;
#define CXM_REPEAT_PURCHASE_VERSION 1
#define CXM_REPEAT_PURCHASE_INIT { CXM_REPEAT_PURCHASE_VERSION, 0, 0, 0.0 }

/**
 * Repeat purchase rate 100 (customers with >= 2 orders) / (customers with
 * >= 1 order). Zero-order customers are left out of the denominator.
 * @param out                  out->version must be set (CXM_REPEAT_PURCHASE_INIT).
 * @param orders_per_customer  n order counts (whole numbers >= 0); NULL
 *                             allowed only when n == 0.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out; NULL orders_per_customer with n > 0), VERSION,
 *         NAN (any NaN: there is no nan_policy), OUT_OF_RANGE (negative,
 *         infinite), NON_INTEGER, EMPTY (no buyer, n == 0 included).
 * Ownership: nothing allocated.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_repeat_purchase_rate(cxm_repeat_purchase *out, const double *orders_per_customer,
				     size_t n);
/**
 * Repeat purchase rate from counts: 100 repeat / total (§5.3).
 * @param out  out: the rate, in percent.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out; a count negative, fractional, NaN, infinite or
 *         above 2^53), EMPTY (total_customers == 0), INCONSISTENT (repeat > total).
 * Ownership: nothing allocated.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_repeat_purchase_rate_counts(double *out, double repeat_customers,
					    double total_customers);

/**
 * Referral rate 100 referred / total (§5.4).
 * @param out  out: the rate, in percent.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out; a count negative, fractional, NaN, infinite or
 *         above 2^53), EMPTY (total_customers == 0), INCONSISTENT (referred > total).
 * Ownership: nothing allocated.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_referral_rate(double *out, double referred_customers, double total_customers);

/**
 * Error rate 100 errors / opportunities (§5.7).
 * @param out  out: the rate, in percent.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out; a count negative, fractional, NaN, infinite or
 *         above 2^53), EMPTY (opportunities == 0),
 *         INCONSISTENT (errors > opportunities).
 * Ownership: nothing allocated.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_error_rate(double *out, double errors, double opportunities);

/** Bounce rate from pageviews per session (§5.6, Universal Analytics). */
typedef struct cxm_bounce {
	unsigned int version; /**< CXM_BOUNCE_VERSION */
	size_t sessions, bounces;
	double rate;
} cxm_bounce;
#define CXM_BOUNCE_VERSION 1
#define CXM_BOUNCE_INIT { CXM_BOUNCE_VERSION, 0, 0, 0.0 }

/**
 * Bounce rate: 100 (sessions with exactly 1 pageview) / sessions.
 * @param out                    out->version must be set (CXM_BOUNCE_INIT).
 * @param pageviews_per_session  n counts (whole numbers >= 1); NULL allowed
 *                               only when n == 0.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out; NULL pageviews_per_session with n > 0), VERSION,
 *         NAN (any NaN: there is no nan_policy), OUT_OF_RANGE (< 1 pageview
 *         or infinite), NON_INTEGER, EMPTY (n == 0).
 * Ownership: nothing allocated.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_bounce_rate(cxm_bounce *out, const double *pageviews_per_session, size_t n);
/**
 * Bounce rate from counts: 100 single-page sessions / sessions (§5.6).
 * @param out  out: the rate, in percent.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out; a count negative, fractional, NaN, infinite or
 *         above 2^53), EMPTY (sessions == 0),
 *         INCONSISTENT (single_page_sessions > sessions).
 * Ownership: nothing allocated.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_bounce_rate_counts(double *out, double single_page_sessions, double sessions);

/** Task success with Wilson and adjusted-Wald intervals, all in percent (§5.8). */
typedef struct cxm_task_success {
	unsigned int version; /**< CXM_TASK_SUCCESS_VERSION */
	size_t n, successes;
	double rate;
	double wilson_lower, wilson_upper;
	double adjwald_lower, adjwald_upper; /**< not clipped */
} cxm_task_success;
#define CXM_TASK_SUCCESS_VERSION 1
#define CXM_TASK_SUCCESS_INIT { CXM_TASK_SUCCESS_VERSION, 0, 0, 0.0, 0.0, 0.0, 0.0, 0.0 }

/**
 * Task success rate with its Wilson and adjusted-Wald intervals, in percent.
 * @param out       out->version must be set (CXM_TASK_SUCCESS_INIT).
 * @param outcomes  n outcomes, each 0 (failure) or 1 (success); NULL allowed
 *                  only when n == 0.
 * @param conf      confidence in (0, 1), used when z == CXM_Z_FROM_CONF.
 * @param z         explicit critical value (finite, > 0) or CXM_Z_FROM_CONF.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out; NULL outcomes with n > 0; conf, z), VERSION,
 *         NAN (any NaN: there is no nan_policy), OUT_OF_RANGE (an outcome
 *         other than 0 or 1), EMPTY (n == 0).
 * Ownership: nothing allocated.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_task_success_rate(cxm_task_success *out, const double *outcomes, size_t n,
				  double conf, double z);

/**
 * Distinct users with >= 1 event in [window_start, window_end) (§5.5).
 * user_ids are NUL-terminated strings compared byte for byte.
 * No events gives 0, not an error.
 * @param out         out: the number of distinct users.
 * @param user_ids    n_ids user ids, one per event, none NULL.
 * @param timestamps  n_timestamps event times (n_timestamps == n_ids), in
 *                    the window's units; a NaN one is handled per nan_policy.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out; NULL arrays with a length > 0; n_ids !=
 *         n_timestamps; window not finite or start >= end; policy; a NULL
 *         user id), NAN (NaN timestamp under CXM_NAN_ERROR), NOMEM.
 * Ownership: user_ids are only read during the call; the set of ids seen is
 *         freed before it returns (nothing allocated for the caller).
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_monthly_active_users(size_t *out, const char *const *user_ids, size_t n_ids,
				     const double *timestamps, size_t n_timestamps,
				     double window_start, double window_end, int nan_policy);

CXM_END_DECL

#endif
