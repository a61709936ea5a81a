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

/** Churn 100 L / S (§5.1). Errors: BAD_ARG, EMPTY (S == 0), INCONSISTENT (L > S). */
CXM_API cxm_status cxm_churn_rate(double *out, double customers_start, double customers_lost);

/** CRR 100 (E - N) / S (§5.2). Errors: BAD_ARG, EMPTY (S == 0), INCONSISTENT (N > E or E - N > S). */
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
 * Zero-order customers are left out of the denominator.
 * Errors: BAD_ARG, VERSION, NAN, OUT_OF_RANGE (negative, infinite), NON_INTEGER, EMPTY (no buyer).
 */
CXM_API cxm_status cxm_repeat_purchase_rate(cxm_repeat_purchase *out, const double *orders_per_customer,
				     size_t n);
/** 100 repeat / total. Errors: BAD_ARG, EMPTY, INCONSISTENT. */
CXM_API cxm_status cxm_repeat_purchase_rate_counts(double *out, double repeat_customers,
					    double total_customers);

/** Referral rate 100 referred / total (§5.4). Errors: BAD_ARG, EMPTY, INCONSISTENT. */
CXM_API cxm_status cxm_referral_rate(double *out, double referred_customers, double total_customers);

/** Error rate 100 errors / opportunities (§5.7). Errors: BAD_ARG, EMPTY, INCONSISTENT. */
CXM_API cxm_status cxm_error_rate(double *out, double errors, double opportunities);

/** Bounce rate from pageviews per session (§5.6, Universal Analytics). */
typedef struct cxm_bounce {
	unsigned int version; /**< CXM_BOUNCE_VERSION */
	size_t sessions, bounces;
	double rate;
} cxm_bounce;
#define CXM_BOUNCE_VERSION 1
#define CXM_BOUNCE_INIT { CXM_BOUNCE_VERSION, 0, 0, 0.0 }

/** Errors: BAD_ARG, VERSION, NAN, OUT_OF_RANGE (< 1 pageview), NON_INTEGER, EMPTY. */
CXM_API cxm_status cxm_bounce_rate(cxm_bounce *out, const double *pageviews_per_session, size_t n);
/** 100 single-page sessions / sessions. Errors: BAD_ARG, EMPTY, INCONSISTENT. */
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

/** outcomes are 0 or 1. Errors: BAD_ARG, VERSION, NAN, OUT_OF_RANGE, EMPTY. */
CXM_API cxm_status cxm_task_success_rate(cxm_task_success *out, const double *outcomes, size_t n,
				  double conf, double z);

/**
 * Distinct users with >= 1 event in [window_start, window_end) (§5.5).
 * user_ids are NUL-terminated strings compared byte for byte.
 * No events gives 0, not an error.
 * Errors: BAD_ARG (NULL, lengths, window not finite or start >= end, policy),
 *         NAN (NaN timestamp under CXM_NAN_ERROR), NOMEM.
 */
CXM_API cxm_status cxm_monthly_active_users(size_t *out, const char *const *user_ids, size_t n_ids,
				     const double *timestamps, size_t n_timestamps,
				     double window_start, double window_end, int nan_policy);

CXM_END_DECL

#endif
