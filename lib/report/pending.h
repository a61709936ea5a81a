/*
 * lib/report/pending.h - stand-ins for functions other issue-10 modules own
 * (lib/stats: tests and p-value adjustment, spec §17; lib/io: timestamps
 * and periods, spec §0.15), with the signatures of the design, until those
 * land. When they do, each macro below points at the real function and
 * pending.c goes away: the report calls nothing else of them.
 */
#ifndef CXM_REPORT_PENDING_H
#define CXM_REPORT_PENDING_H

#include <stddef.h>
#include "internal.h"

typedef struct cxm__test_result {
	unsigned int version;
	double diff, se, stat, df, p_value, lower, upper;
} cxm__test_result;

/* Two proportions x/n, percentage points: pooled z test, unpooled Wald interval. */
int cxm__pending_two_proportion_test(cxm__test_result *out, double x_a, double n_a, double x_b, double n_b,
				     double conf);
/* Welch t from summary statistics. */
int cxm__pending_welch_t_test(cxm__test_result *out, double mean_a, double sd_a, double n_a, double mean_b,
			      double sd_b, double n_b, double conf);
/* mean -+ t_{(1+conf)/2, n-1} sd / sqrt(n). */
int cxm__pending_mean_t_interval(cxm_interval *out, double mean, double sd, double n, double conf);
/* R's p.adjust: method 0 none, 1 holm, 2 BH; NaN entries are not tests. */
int cxm__pending_p_adjust(double *out, size_t n_out, const double *p, size_t n, int method);

/* ISO-8601 date or date-time with Z / offset: Unix seconds; 1 when parsed, 0 when not. */
int cxm__pending_timestamp_parse_n(const char *s, size_t len, double *seconds, int *is_date);
/* The first day of the period (0 day .. 4 year) holding `day`. */
double cxm__pending_period_start(double day, int period);

#endif
