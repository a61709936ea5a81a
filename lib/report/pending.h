/*
 * lib/report/pending.h - stand-ins for the functions lib/io will own
 * (timestamps and periods, spec §0.15), with the signatures of the design,
 * until they land; then the report calls those and this file goes away.
 */
#ifndef CXM_REPORT_PENDING_H
#define CXM_REPORT_PENDING_H

#include <stddef.h>
#include "internal.h"

/* ISO-8601 date or date-time with Z / offset: Unix seconds; 1 when parsed, 0 when not. */
int cxm__pending_timestamp_parse_n(const char *s, size_t len, double *seconds, int *is_date);
/* The first day of the period (0 day .. 4 year) holding `day`. */
double cxm__pending_period_start(double day, int period);

#endif
