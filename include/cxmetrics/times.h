/*
 * cxmetrics/times.h - first-response and resolution times (spec §4).
 *
 * Units are the caller's (seconds recommended). NaN means "no response yet".
 * Every function here is pure and thread-safe.
 */
#ifndef CXMETRICS_TIMES_H
#define CXMETRICS_TIMES_H

#include "common.h"

CXM_BEGIN_DECL

/** Mean, type-7 median and p90 of durations (spec §4). */
typedef struct cxm_time_summary {
	unsigned int version; /**< CXM_TIME_SUMMARY_VERSION */
	size_t n;             /**< durations used (after NaN omission) */
	double total, mean, median, p90, min, max;
} cxm_time_summary;
#define CXM_TIME_SUMMARY_VERSION 1
#define CXM_TIME_SUMMARY_INIT { CXM_TIME_SUMMARY_VERSION, 0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 }

/**
 * Summary of per-request durations.
 * @param out         out->version must be set (CXM_TIME_SUMMARY_INIT).
 * @param durations   n durations; NULL allowed only when n == 0.
 * @param nan_policy  a cxm_nan_policy (NaN: no response yet).
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out; NULL durations with n > 0; policy), VERSION,
 *         NAN (a NaN under CXM_NAN_ERROR), OUT_OF_RANGE (negative or
 *         infinite), EMPTY (n == 0, or every duration NaN under
 *         CXM_NAN_OMIT), NOMEM (the sorted copy).
 * Ownership: durations is not modified (a sorted copy is made, and freed
 *         before return); nothing allocated for the caller.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_time_summarize(cxm_time_summary *out, const double *durations, size_t n,
				     int nan_policy);

/**
 * Durations responded[i] - created[i], in input order. A NaN `responded` (or
 * a NaN difference, inf - inf) is an unanswered request: CXM_ENAN under
 * CXM_NAN_ERROR, dropped under CXM_NAN_OMIT (no request answered gives 0
 * durations, not an error). A NaN `created` is always CXM_ENAN.
 * @param out        capacity `cap` (>= n_created suffices); NULL allowed only
 *                   when cap == 0.
 * @param n_written  out: the number of durations written.
 * @param created    n_created request times; NULL allowed only when n_created == 0.
 * @param responded  n_responded response times (n_responded == n_created).
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL n_written; NULL arrays with a length > 0; policy;
 *         n_created != n_responded; cap smaller than the durations to write),
 *         NAN (a NaN created; an unanswered request under CXM_NAN_ERROR),
 *         OUT_OF_RANGE (a duration negative or infinite).
 *         On failure nothing is written.
 * Ownership: nothing allocated; out is the caller's.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_time_durations(double *out, size_t cap, size_t *n_written, const double *created,
			       size_t n_created, const double *responded, size_t n_responded,
			       int nan_policy);

/**
 * Average time from aggregates: total_time / n_requests.
 * @param out         out: the average.
 * @param n_requests  an integer >= 0 (a count given as a double).
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out; total_time negative or infinite; n_requests
 *         negative, fractional, NaN, infinite or above 2^53), NAN (total_time
 *         NaN), EMPTY (n_requests == 0).
 * Ownership: nothing allocated.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_time_average_from_total(double *out, double total_time, double n_requests);

CXM_END_DECL

#endif
