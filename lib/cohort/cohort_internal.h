/*
 * lib/cohort/cohort_internal.h - the options of a cohort table (spec §24),
 * shared by opts.c (the setters) and table.c (the one reader).
 */
#ifndef CXM_COHORT_INTERNAL_H
#define CXM_COHORT_INTERNAL_H

#include "cxmetrics/cohort.h"

struct cxm_cohort_opts {
	int period;         /* a cxm_period */
	int nan_policy;     /* a cxm_nan_policy, for amounts */
	char *amount;       /* value column, or NULL */
	char *first_event;  /* entry event, or NULL = any */
	char *active_event; /* activity event, or NULL = any */
};

#endif
