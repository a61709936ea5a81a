/*
 * lib/core/groupby.h - a transaction log grouped by customer id: what the RFM
 * inputs (rfm/customers.c) and the CLV summaries (clvmodel/summary.c) share.
 *
 * Rows are sorted by id in byte order, then day, then input row. Each
 * customer's rows then come together with their days ascending, customers
 * come in output order (R's group_by and Python's sorted agree with byte
 * order for UTF-8), and the order is deterministic.
 */
#ifndef CXM_GROUPBY_H
#define CXM_GROUPBY_H

#include <stddef.h>

/* One transaction. */
typedef struct cxm__txrow {
	const char *id; /* borrowed from the caller's ids */
	double day;
	size_t i;       /* input row */
} cxm__txrow;

/**
 * *out = the rows (ids[i], days[i], i), i < n, sorted as above, in a new
 * array the caller frees with cxm__free. n > 0, ids[i] not NULL. NOMEM names
 * `what`.
 */
int cxm__txrows_sort(cxm__txrow **out, const char *const *ids, const double *days, size_t n,
		     const char *what);

/** The end of the customer whose rows start at rows[i]: the first row after i with another id, or n. */
size_t cxm__txrows_group_end(const cxm__txrow *rows, size_t n, size_t i);

/* The customer ids of a result: NUL-terminated copies, one after another in one buffer. */
typedef struct cxm__idlist {
	char **id;    /* id[k] points into names */
	char *names;
	size_t count; /* ids added */
	size_t used;  /* bytes of names used */
} cxm__idlist;

/** Room for `count` ids of `bytes` bytes in all, NULs included. NOMEM names `what`; *l is then empty. */
int cxm__idlist_alloc(cxm__idlist *l, size_t count, size_t bytes, const char *what);
/** Append a copy of id (within the room allocated). */
void cxm__idlist_add(cxm__idlist *l, const char *id);
/** Free both arrays (a zeroed or failed list too). */
void cxm__idlist_free(cxm__idlist *l);

#endif
