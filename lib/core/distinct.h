/*
 * lib/core/distinct.h - distinct keys numbered in the order they are first
 * seen: the one hash table of the library. Merging customers with the same
 * (frequency, recency, T) into weighted patterns, indexing the distinct
 * times of a fit, the per-(x, T) prediction tables, counting distinct users
 * and interning the text of a table all go through it.
 *
 * Keys are 1 to 3 doubles (cxm__distinct) or byte strings (cxm__texts).
 * Open addressing with linear probing in a power-of-two table kept at most
 * half full; it grows by doubling. -0 and +0 are one key; NaN is never equal
 * to itself, so callers reject NaN keys first.
 */
#ifndef CXM_DISTINCT_H
#define CXM_DISTINCT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "hash.h"
#include "internal.h"

/* The most keys a table holds: indices (and slots' index + 1) are 32 bits. */
#define CXM__DISTINCT_MAX ((size_t)UINT32_MAX / 2)

typedef struct cxm__distinct {
	uint32_t *slot;   /* key index + 1; 0 = empty */
	size_t mask;      /* slots - 1 */
	double *keys;     /* `width` doubles per key, in first-seen order */
	size_t count;     /* distinct keys so far */
	size_t cap;       /* room in keys, in keys */
	unsigned width;   /* doubles per key, 1..3 */
	const char *what; /* named by an out-of-memory message */
} cxm__distinct;

/**
 * An empty table for keys of `width` doubles with room for about `expected`
 * keys before it first grows. Errors: NOMEM (message names `what`, which
 * must outlive the table), BAD_ARG (width not 1..3).
 */
int cxm__distinct_init(cxm__distinct *d, unsigned width, size_t expected, const char *what);

void cxm__distinct_free(cxm__distinct *d);

/** Grow to room for `keys` keys (called by cxm__distinct_add). Errors: NOMEM. */
int cxm__distinct_grow(cxm__distinct *d, size_t keys);

/* cxm__hash3 of the key, zeros standing in for the doubles it does not have. */
static inline uint64_t cxm__distinct_hash(const cxm__distinct *d, const double *key)
{
	static const uint64_t spread[3] = { CXM__HASH_K1, CXM__HASH_K2, 1u };
	uint64_t h = 0;
	unsigned i;
	for (i = 0; i < d->width; i++)
		h ^= cxm__double_bits(key[i]) * spread[i];
	return cxm__mix64(h);
}

static inline int cxm__distinct_equal(const double *a, const double *b, unsigned width)
{
	unsigned i;
	for (i = 0; i < width; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

/** The slot where key is, or the empty slot where it would go. */
static inline size_t cxm__distinct_slot(const cxm__distinct *d, const double *key)
{
	size_t h = (size_t)cxm__distinct_hash(d, key) & d->mask;
	while (d->slot[h] != 0 &&
	       !cxm__distinct_equal(d->keys + (size_t)(d->slot[h] - 1) * d->width, key, d->width))
		h = (h + 1) & d->mask;
	return h;
}

/** The index of key (< count, in first-seen order), added when it is new. Errors: NOMEM. */
static inline int cxm__distinct_add(cxm__distinct *d, const double *key, size_t *index)
{
	size_t h = cxm__distinct_slot(d, key);
	int rc;
	if (d->slot[h] == 0) {
		unsigned i;
		if (d->count == d->cap) {
			if ((rc = cxm__distinct_grow(d, d->cap * 2)) < 0)
				return rc;
			h = cxm__distinct_slot(d, key);
		}
		for (i = 0; i < d->width; i++)
			d->keys[d->count * d->width + i] = key[i];
		d->slot[h] = (uint32_t)++d->count;
	}
	*index = d->slot[h] - 1;
	return CXM_OK;
}

/** The index of key, or SIZE_MAX when it is not in the table. */
static inline size_t cxm__distinct_find(const cxm__distinct *d, const double *key)
{
	size_t h = cxm__distinct_slot(d, key);
	return d->slot[h] ? (size_t)(d->slot[h] - 1) : SIZE_MAX;
}

/* ---- text ------------------------------------------------------------------ */

/* A block of interned text; strings never move once added. */
typedef struct cxm__text_block cxm__text_block;

typedef struct cxm__texts {
	uint32_t *slot;         /* string index + 1; 0 = empty */
	size_t mask;
	const char **str;       /* the strings, in first-seen order (NUL-terminated copies) */
	size_t *len;            /* their lengths (a string may hold NUL bytes) */
	uint64_t *hash;
	size_t count, cap;
	cxm__text_block *blocks;
	const char *what;
} cxm__texts;

/** An empty set of strings. Errors: NOMEM (names `what`). */
int cxm__texts_init(cxm__texts *t, size_t expected, const char *what);

void cxm__texts_free(cxm__texts *t);

/**
 * The index of the len bytes at s, copied in (with a NUL after them) when
 * new. The copy stays where it is until cxm__texts_free: t->str[index] may
 * be kept. Errors: NOMEM.
 */
int cxm__texts_add(cxm__texts *t, const char *s, size_t len, size_t *index);

#endif
