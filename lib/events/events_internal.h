/*
 * lib/events/events_internal.h - the event log as the journey modules
 * (funnel, paths, cohort) read it (spec §21). The layout is the contract
 * those modules code against: fields are only ever appended.
 */
#ifndef CXM_EVENTS_INTERNAL_H
#define CXM_EVENTS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "cxmetrics/events.h"
#include "internal.h"
#include "distinct.h"

struct cxm_events {
	size_t n;                 /* events */
	size_t n_customers;
	size_t *start;            /* n_customers + 1: customer c's events are [start[c], start[c+1]) */
	double *t;                /* n: seconds UTC, ascending within a customer */
	uint32_t *event;          /* n: code into event_names */
	size_t *row;              /* n: 0-based input row (ties are in input order) */
	uint32_t **prop;          /* n_props arrays of n codes into prop_names[k]; code 0 = "" */
	double **value;           /* n_values arrays of n doubles (NaN = none) */
	size_t n_props, n_values;
	char **prop_column, **value_column;  /* column names */
	cxm__texts customers;     /* customer ids, code = customer index c */
	cxm__texts event_names;   /* event names by code */
	cxm__texts *prop_names;   /* n_props tables; "" is interned first as code 0 */
	int utc_offset;           /* minutes */
	size_t skipped[5];        /* per cxm_events_skip */
	/* appended after the design's contract: */
	char *customer_column, *time_column, *event_column; /* the input's names (event: "event" when none) */
	size_t rows_read;         /* input rows seen, kept or skipped */
};

/* lookups the other modules use: an event name's code, or UINT32_MAX when absent */
uint32_t cxm__events_code(const cxm_events *e, const char *name);
int cxm__events_prop_index(const cxm_events *e, const char *column, size_t *k); /* BAD_ARG naming column + list */
int cxm__events_value_index(const cxm_events *e, const char *column, size_t *k);

/* ---- inside lib/events ---------------------------------------------------- */

/* The options (opts.c). */
struct cxm_events_opts {
	char *customer, *time, *event;            /* event NULL: every row is the event "event" */
	char *prop[CXM_EVENTS_MAX_PROPERTIES];
	char *value[CXM_EVENTS_MAX_VALUES];
	size_t n_props, n_values;
	int utc_offset;
	unsigned int skip_bad_rows;
	char delimiter;
	unsigned int threads;
};

/* The event name of every row of a log read without an event column. */
#define CXM__EVENTS_CONSTANT_EVENT "event"

/*
 * Rows collected in input order (builder.c), then sorted into a cxm_events
 * by cxm__events_builder_finish. Customers, events and property texts are
 * interned as rows come, so customer codes are first-appearance numbers.
 */
typedef struct cxm__events_builder {
	cxm_events *e;            /* texts, columns, counts; arrays filled at finish */
	size_t n, cap;            /* rows kept so far, room */
	uint32_t *cust;           /* per row: customer code */
	double *t;
	uint32_t *event;
	size_t *row;
	uint32_t *prop[CXM_EVENTS_MAX_PROPERTIES];
	double *value[CXM_EVENTS_MAX_VALUES];
	const char *what;
} cxm__events_builder;

/* A builder for the columns of o (NULL: defaults), room for `expected` rows. */
int cxm__events_builder_init(cxm__events_builder *b, const cxm_events_opts *o, size_t expected, const char *what);
/* Room for one more row; its index is b->n (the caller fills the arrays, then b->n++). */
int cxm__events_builder_reserve(cxm__events_builder *b, size_t rows);
/* Intern texts into the builder's log. */
int cxm__events_intern_customer(cxm__events_builder *b, const char *s, size_t len, uint32_t *code);
int cxm__events_intern_event(cxm__events_builder *b, const char *s, size_t len, uint32_t *code);
int cxm__events_intern_prop(cxm__events_builder *b, size_t k, const char *s, size_t len, uint32_t *code);
/* Sort the rows into the log and hand it out (the builder is freed either way). EMPTY when no rows. */
int cxm__events_builder_finish(cxm__events_builder *b, cxm_events **out, unsigned int threads);
void cxm__events_builder_free(cxm__events_builder *b);

/*
 * The sort in steps, for a reader that holds its rows elsewhere (read_csv.c
 * scatters each chunk straight into the log, with no copy of every column in
 * between). layout_alloc: the log's arrays for n events of its customers,
 * start[] zeroed; the caller adds 1 to start[c + 1] per event of customer c;
 * layout_offsets makes start[] offsets and *fill (the caller frees it) the
 * next place of each customer: event i of customer c goes to fill[c]++,
 * in input order; sort_runs then sorts each customer's run by time.
 */
int cxm__events_layout_alloc(cxm_events *e, size_t n, const char *what);
int cxm__events_layout_offsets(cxm_events *e, size_t **fill, const char *what);
int cxm__events_sort_runs(cxm_events *e, const char *what);

/* dst[dest[i]] = src[i] for i < n. */
#define CXM__EVENTS_SCATTER(dst, src, dest, n)              \
	do {                                                \
		size_t i_;                                  \
		for (i_ = 0; i_ < (n); i_++)                \
			(dst)[(dest)[i_]] = (src)[i_];      \
	} while (0)

/* Tests: the block size of the parallel CSV reader (0: its default), so
 * that a small file is cut into many chunks (read_csv.c). Not thread-safe. */
void cxm__events_test_block_size(size_t bytes);

/* The options used when the caller gives NULL. */
const cxm_events_opts *cxm__events_default_opts(void);

#endif
