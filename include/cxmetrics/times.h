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
 * Errors: BAD_ARG, VERSION, NAN, OUT_OF_RANGE (negative or infinite), EMPTY, NOMEM.
 */
CXM_API cxm_status cxm_time_summarize(cxm_time_summary *out, const double *durations, size_t n,
				     int nan_policy);

/**
 * Durations responded[i] - created[i]. A NaN `responded` is an unanswered
 * request: CXM_ENAN under CXM_NAN_ERROR, dropped under CXM_NAN_OMIT.
 * A NaN `created` is always CXM_ENAN.
 * @param out      capacity `cap` (>= n_created suffices).
 * @param n_written  out: the number of durations written.
 * Errors: BAD_ARG (NULL, lengths, cap), NAN, OUT_OF_RANGE (negative or infinite).
 */
CXM_API cxm_status cxm_time_durations(double *out, size_t cap, size_t *n_written, const double *created,
			       size_t n_created, const double *responded, size_t n_responded,
			       int nan_policy);

/**
 * Average time from aggregates: total_time / n_requests.
 * Errors: BAD_ARG (total negative or infinite, count not an integer >= 0), NAN, EMPTY.
 */
CXM_API cxm_status cxm_time_average_from_total(double *out, double total_time, double n_requests);

CXM_END_DECL

#endif
