/* lib/stats/stats_internal.h - quantiles on sorted data, shared with times and rfm. */
#ifndef CXM_STATS_INTERNAL_H
#define CXM_STATS_INTERNAL_H

#include <stddef.h>

/** Type-7 quantile of ascending xs[0..n-1], n >= 1, with R's arithmetic (spec §0.4). */
double cxm__q7_sorted(const double *xs, size_t n, double p);

/** Sort doubles ascending in place (no NaN). */
void cxm__sort_doubles(double *x, size_t n);

#endif
