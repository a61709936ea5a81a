/*
 * lib/txlog/txlog_internal.h - what the raw-log readers share (spec §16):
 * the options, the builder that classifies each row (missing id, return)
 * and makes the clean log, and the missing-id message every function that
 * groups by customer gives.
 */
#ifndef CXM_TXLOG_INTERNAL_H
#define CXM_TXLOG_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "cxmetrics/rfm.h"
#include "cxmetrics/txlog.h"
#include "distinct.h"
#include "internal.h"

struct cxm_txlog_opts {
	int missing_ids;  /* a cxm_missing_ids */
	int returns;      /* a cxm_rfm_returns */
	char *customer, *date, *amount, *quantity, *price, *status;
	char **cancel_words;
	size_t n_cancel_words;
	char *date_format; /* NULL: ISO */
	char delimiter;
	char mark; /* the decimal mark: '.' or ',' */
};

/**
 * BAD_ARG "<what>[i] (row i + 1) is missing (<kind>): ..." : the message of
 * a missing customer id in every function that groups by customer (kind:
 * "NULL", "an empty text", "NaN").
 */
int cxm__missing_id_fail(const char *what, size_t i, const char *kind);

/** Copy the attributes of src that dst does not have yet (a log's counts
 * and policies to a summary), in src's order. Errors: NOMEM. */
int cxm__txlog_copy_attrs(cxm_table *dst, const cxm_table *src);

/* The clean log as it is built, row by row. */
typedef struct cxm__txlog_builder {
	int missing_ids, returns;
	cxm__texts ids;
	size_t *code;
	double *day, *amount, *line;
	uint8_t *cancelled;
	size_t n, cap;
	size_t rows, missing_id_rows, return_rows, dropped_return_rows;
	const char *what;
	int have_ids;
} cxm__txlog_builder;

/** An empty builder with the policies of opts (NULL: the defaults). Errors: NOMEM. */
int cxm__txlog_builder_init(cxm__txlog_builder *b, const cxm_txlog_opts *opts, size_t expected, const char *what);
void cxm__txlog_builder_free(cxm__txlog_builder *b);

/* What cxm__txlog_classify says of a row. */
enum { CXM__TXLOG_KEEP = 0, CXM__TXLOG_SKIP = 1, CXM__TXLOG_MISSING_ERROR = 2, CXM__TXLOG_RETURN_ERROR = 3 };

/**
 * Count a row and say what becomes of it: KEEP (then *flag is 1 for a
 * return passed on), SKIP (left out, counted), or the policy's error, which
 * the caller reports with its own names of the row (an index or a file line).
 */
int cxm__txlog_classify(cxm__txlog_builder *b, int missing, int is_return, uint8_t *flag);

/** Append a kept row. Errors: NOMEM. */
int cxm__txlog_push(cxm__txlog_builder *b, const char *id, size_t id_len, double day, double amount,
		    uint8_t cancelled, double line);

/** The table of the rows pushed, with the counts as attributes (EMPTY when
 * no row is left). */
int cxm__txlog_finish(cxm_table **out, cxm__txlog_builder *b);

#endif
