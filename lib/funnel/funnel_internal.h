/*
 * lib/funnel/funnel_internal.h - the funnel's options and result (spec §22).
 * The result holds the numbers of its three tables, computed once by
 * cxm_funnel_run; the getters only lay them out as tables.
 */
#ifndef CXM_FUNNEL_INTERNAL_H
#define CXM_FUNNEL_INTERNAL_H

#include <stdint.h>
#include "internal.h"
#include "distinct.h"
#include "cxmetrics/funnel.h"

#define CXM__FUNNEL_MAX_STEPS 32
#define CXM__FUNNEL_MAX_TOP 1000
#define CXM__FUNNEL_MAX_THREADS 64
/* The name of the total group and of "no next event". */
#define CXM__FUNNEL_ALL "(all)"
#define CXM__FUNNEL_END "(end)"

struct cxm_funnel_opts {
	int mode;
	char *by;            /* property column, or NULL */
	double conf;
	int adjust;          /* cxm_p_adjust_method */
	size_t top_next;
	unsigned threads;
};

struct cxm_funnel {
	size_t k;                  /* steps */
	int mode, adjust;
	double window, conf;
	size_t customers_in_log;
	cxm__texts names;          /* every text the tables show: steps, groups, next events */
	size_t *step_name;         /* k indices into names */
	size_t by_name;            /* index of the by column's name, SIZE_MAX without one */
	size_t n_groups;           /* with "(all)" first; 1 without a breakdown */
	size_t *group_name;        /* n_groups indices into names */
	/* n_groups * k, group-major: customers reaching the step, and the times to the next */
	double *customers, *mean, *median, *p90;
	/* the next-events rows */
	size_t n_next;
	size_t *next_step, *next_name;   /* step 0-based, index into names */
	double *next_customers, *next_share;
	/* the tests rows: group (1-based into the groups), step (0-based, >= 1) */
	size_t n_tests;
	size_t *test_group, *test_step;
	double *t_n, *t_conv, *t_rest_n, *t_rest_conv, *t_diff, *t_p, *t_padj;
};


/* Each customer's best attempt (run.c), what summarise.c counts. */
typedef struct cxm__funnel_per {
	size_t n, k;          /* customers, steps */
	uint8_t *reached;     /* steps the best attempt reaches, 0..k */
	size_t *first;        /* its step-1 event (an index into the log), when reached > 0 */
	uint32_t *next;       /* the event code after its furthest step; UINT32_MAX: none ("(end)") */
	double *dt;           /* n * (k - 1): seconds from step j to j + 1, for j + 1 < reached */
} cxm__funnel_per;

/* Fill f's numbers from the attempts: by_k is the property index of the
 * breakdown (SIZE_MAX: none), by its column name. Errors: BAD_ARG ("(all)"
 * as a group), NOMEM. */
int cxm__funnel_summarise(cxm_funnel *f, const cxm_events *e, const cxm__funnel_per *p, size_t by_k,
			  const cxm_funnel_opts *o);

#endif
