/*
 * lib/clvmodel/body_table.h - the distinct (x, T, d) among many customers, and
 * which one each customer has.
 *
 * BG/NBD and MBG/NBD: E[X(T, T + t) | x, t_x, T] = P(alive | x, t_x, T)
 * body(x, T), and the body (a hypergeometric series; twelve of them for a
 * year of CLV, with the monthly discount d) is most of a prediction's cost.
 * A customer base has far fewer distinct (x, T, d) than customers - T takes
 * one value per cohort day: the 1M synthetic set has 2,498 pairs - so
 * predict.c computes each body once per entry of this index.
 */
#ifndef CXM_CLV_BODY_TABLE_H
#define CXM_CLV_BODY_TABLE_H

#include <stddef.h>
#include <stdint.h>
#include "distinct.h"

/** The key columns of n rows. */
struct cxm__body_keys {
	const double *x, *T;
	const double *d; /* one discount per row (n_d = n), one for all (n_d = 1), or NULL: 0 */
	size_t n_d;
};

/** The distinct keys (entries) and the entry of each row. */
typedef struct cxm__body_index {
	cxm__distinct table;          /* the entries: keys (x, T, d) in table.keys, table.count of them */
	uint32_t *row;                /* row i's entry in its block's table; NULL (n >= 2^32): probe */
	uint32_t *map;                /* block k's entry j is entry map[off[k] + j]; NULL: one block */
	size_t *off;
	size_t block;                 /* rows per block */
} cxm__body_index;

/**
 * Index rows [0, n) of keys, on several threads when n is large (blocks of
 * rows build tables of their own, merged after; the entries' order may
 * depend on the thread count, an entry's key does not). Returns CXM_OK or
 * CXM_ENOMEM (reported); ix is then to be freed either way.
 */
int cxm__body_index_build(cxm__body_index *ix, const struct cxm__body_keys *keys, size_t n);

/** The number of entries. */
static inline size_t cxm__body_index_count(const cxm__body_index *ix)
{
	return ix->table.count;
}

/** Entry j's key: x, T, d. */
static inline const double *cxm__body_index_key(const cxm__body_index *ix, size_t j)
{
	return cxm__distinct_row(&ix->table, j);
}

/** The entry of row i (whose key is keys' row i). */
size_t cxm__body_index_entry(const cxm__body_index *ix, const struct cxm__body_keys *keys, size_t i);

/** Free what ix holds (a zeroed or failed index too). */
void cxm__body_index_free(cxm__body_index *ix);

#endif
