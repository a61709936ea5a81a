/*
 * lib/paths/paths_internal.h - what the transition, path and touchpoint
 * tables share: the bytewise order of the log's event names and the message
 * for an event name the log does not have.
 */
#ifndef CXM_PATHS_INTERNAL_H
#define CXM_PATHS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "internal.h"
#include "distinct.h"
#include "events/events_internal.h"
#include "cxmetrics/paths.h"

/* The touchpoint options (touchpoint_opts.c), by cxm_survey_metric. */
#define CXM__TOUCHPOINT_METRICS 3
struct cxm_touchpoint_opts {
	char *column[CXM__TOUCHPOINT_METRICS];   /* value column, or NULL: not scored */
	int lo[CXM__TOUCHPOINT_METRICS], hi[CXM__TOUCHPOINT_METRICS];
	int threshold[CXM__TOUCHPOINT_METRICS];  /* CSAT satisfied from / CES agree from, or the default marker */
	double conf;
	char *goal[CXM_TOUCHPOINT_GOALS_MAX];    /* goal (conversion) events, our copies */
	size_t n_goals;
};

/** The defaults of cxm_touchpoint_opts_new, for a call without options. */
void cxm__touchpoint_opts_defaults(cxm_touchpoint_opts *o);

/**
 * rank[code] = the position of event name `code` among the log's event
 * names sorted bytewise (memcmp, then the shorter first), so that rows are
 * ordered by comparing two integers. Errors: NOMEM (names `what`).
 * Ownership: *rank is the caller's (cxm__free).
 */
int cxm__paths_name_rank(uint32_t **rank, const cxm_events *e, const char *what);

/** BAD_ARG "<what> 'x' is not an event in the log (events: a, b, ...)". */
int cxm__paths_unknown_event(const cxm_events *e, const char *what, const char *name);

/** Bytewise comparison of two interned strings (memcmp, then the shorter first). */
int cxm__paths_cmp_bytes(const char *a, size_t la, const char *b, size_t lb);

#endif
