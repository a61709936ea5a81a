/*
 * lib/core/distinct.h - distinct keys numbered in the order they are first
 * seen: the one hash table of the library. Merging customers with the same
 * (frequency, recency, T) into weighted patterns, indexing the distinct
 * times of a fit, the Gamma-Gamma (x, m) patterns, the per-(x, T) prediction
 * tables and Pareto/NBD's per-(x, T) terms, counting distinct users and
 * interning the text of a table all go through it.
 *
 * Keys are 1 to 3 doubles (cxm__distinct), each optionally followed by
 * values of the caller's (a weight, a term computed once per key), or byte
 * strings (cxm__texts). Open addressing with linear probing in a power-of-two
 * table kept at most half full; it grows by doubling. The keys stay in
 * first-seen order in an array of their own; a slot holds a key's number + 1
 * (32 bits; a string's slot adds 32 bits of its hash, so that a probe reads
 * only the strings that may be equal, and growing never reads a string).
 * A key's hash picks its first slot and nothing else: numbers, and so
 * results, never depend on it. -0 and +0 are one key; NaN is never equal to
 * itself, so callers reject NaN keys first.
 *
 * A caller with a large table (many more keys than fit in the cache) asks for
 * a key's slot some keys ahead of adding it (cxm__distinct_prefetch_n,
 * cxm__texts_prefetch).
 */
#ifndef CXM_DISTINCT_H
#define CXM_DISTINCT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "hash.h"
#include "internal.h"

/** Ask for the cache line at p ahead of its use (a hint: nothing where the compiler has none). */
static inline void cxm__prefetch(const void *p)
{
#if defined(__GNUC__)
	__builtin_prefetch(p);
#else
	(void)p;
#endif
}

/* The most keys a table holds: indices (and slots' index + 1) are 32 bits. */
#define CXM__DISTINCT_MAX ((size_t)UINT32_MAX / 2)
/* The most values a key may carry. */
#define CXM__DISTINCT_MAX_VALUES 13u

typedef struct cxm__distinct {
	uint32_t *slot;   /* key index + 1; 0 = empty */
	size_t mask;      /* slots - 1 */
	size_t shift;     /* 64 - log2(slots): a key's first slot is its hash >> shift */
	double *keys;     /* per key, in first-seen order: its `width` doubles, then its values */
	size_t count;     /* distinct keys so far */
	size_t cap;       /* room in keys, in keys */
	size_t stride;    /* doubles per key in keys: width + values (= width without values) */
	unsigned width;   /* doubles per key, 1..3 */
	const char *what; /* named by an out-of-memory message */
} cxm__distinct;

/**
 * An empty table for keys of `width` doubles with room for `expected` keys
 * before it first grows. Errors: NOMEM (message names `what`, which must
 * outlive the table), BAD_ARG (width not 1..3).
 */
int cxm__distinct_init(cxm__distinct *d, unsigned width, size_t expected, const char *what);

/**
 * The same for keys that carry `values` doubles of the caller's after them
 * (cxm__distinct_row): 0.0 when the key is added, moved with it when the
 * table grows. Errors: as cxm__distinct_init, BAD_ARG (values above
 * CXM__DISTINCT_MAX_VALUES).
 */
int cxm__distinct_init_values(cxm__distinct *d, unsigned width, unsigned values, size_t expected,
			      const char *what);

void cxm__distinct_free(cxm__distinct *d);

/** Empty the table, keeping its room (one table for many small groups in turn). */
void cxm__distinct_clear(cxm__distinct *d);

/** Grow to room for `keys` keys (called by cxm__distinct_add). Errors: NOMEM. */
int cxm__distinct_grow(cxm__distinct *d, size_t keys);

/** Key `index`: its width doubles, then its values. Valid until the table next grows. */
static inline double *cxm__distinct_row(const cxm__distinct *d, size_t index)
{
	return d->keys + index * d->stride;
}

/*
 * The functions below take the width as an argument: a call site that passes
 * a constant (cxm__distinct_add_n(&d, key, 3, &i)) gets its loops unrolled
 * for it; cxm__distinct_add and _find pass d->width. The width passed must be
 * the table's.
 */

/*
 * The key's hash, whose high bits pick its first slot (multiplicative
 * hashing: every bit of a double reaches the high bits of its product with
 * an odd constant). One double: one multiplication. Two or three: the
 * products' high bits alone cluster keys of small whole numbers (x, and T
 * in days or weeks: in the Pareto/NBD table of the 1M synthetic set one
 * lookup in 17 needed a second slot), so their xor is folded and multiplied
 * once more (one lookup in 120, as with splitmix64's finaliser).
 */
static inline uint64_t cxm__distinct_hash_n(const double *key, unsigned width)
{
	static const uint64_t spread[3] = { CXM__HASH_K1, CXM__HASH_K2, CXM__HASH_K3 };
	uint64_t h = 0;
	unsigned i;
	for (i = 0; i < width; i++)
		h ^= cxm__double_bits(key[i]) * spread[i];
	if (width > 1)
		h = (h ^ h >> 32) * CXM__HASH_K1;
	return h;
}

/* All of the width doubles equal (compared all, without a branch each). */
static inline int cxm__distinct_equal_n(const double *a, const double *b, unsigned width)
{
	int eq = 1;
	unsigned i;
	for (i = 0; i < width; i++)
		eq &= a[i] == b[i];
	return eq;
}

/** The slot where key is, or the empty slot where it would go. */
static inline size_t cxm__distinct_slot_n(const cxm__distinct *d, const double *key, unsigned width)
{
	size_t h = (size_t)(cxm__distinct_hash_n(key, width) >> d->shift);
	uint32_t s;
	while ((s = d->slot[h]) != 0 && !cxm__distinct_equal_n(cxm__distinct_row(d, s - 1), key, width))
		h = (h + 1) & d->mask;
	return h;
}

/** The index of key (< count, in first-seen order), added when it is new. Errors: NOMEM. */
static inline int cxm__distinct_add_n(cxm__distinct *d, const double *key, unsigned width, size_t *index)
{
	size_t h = cxm__distinct_slot_n(d, key, width);
	int rc;
	if (d->slot[h] == 0) {
		double *row;
		unsigned i;
		if (d->count == d->cap) {
			if ((rc = cxm__distinct_grow(d, d->cap * 2)) < 0)
				return rc;
			h = cxm__distinct_slot_n(d, key, width);
		}
		row = cxm__distinct_row(d, d->count);
		for (i = 0; i < width; i++)
			row[i] = key[i];
		for (; i < d->stride; i++)
			row[i] = 0.0;
		d->slot[h] = (uint32_t)++d->count;
	}
	*index = d->slot[h] - 1;
	return CXM_OK;
}

/** The index of key, or SIZE_MAX when it is not in the table. */
static inline size_t cxm__distinct_find_n(const cxm__distinct *d, const double *key, unsigned width)
{
	uint32_t s = d->slot[cxm__distinct_slot_n(d, key, width)];
	return s ? (size_t)(s - 1) : SIZE_MAX;
}

/** Ask for key's first slot ahead of a cxm__distinct_add_n or _find_n of it. */
static inline void cxm__distinct_prefetch_n(const cxm__distinct *d, const double *key, unsigned width)
{
	cxm__prefetch(d->slot + (size_t)(cxm__distinct_hash_n(key, width) >> d->shift));
}

/** cxm__distinct_slot_n with the table's width. */
static inline size_t cxm__distinct_slot(const cxm__distinct *d, const double *key)
{
	return cxm__distinct_slot_n(d, key, d->width);
}

/** cxm__distinct_add_n with the table's width. */
static inline int cxm__distinct_add(cxm__distinct *d, const double *key, size_t *index)
{
	return cxm__distinct_add_n(d, key, d->width, index);
}

/** cxm__distinct_find_n with the table's width. */
static inline size_t cxm__distinct_find(const cxm__distinct *d, const double *key)
{
	return cxm__distinct_find_n(d, key, d->width);
}

/* ---- text ------------------------------------------------------------------ */

/* A block of interned text; strings never move once added. */
typedef struct cxm__text_block cxm__text_block;

typedef struct cxm__texts {
	uint64_t *slot;         /* high 32 bits of the string's hash, then its index + 1; 0 = empty */
	size_t mask;            /* slots - 1 */
	size_t shift;           /* 64 - log2(slots): a string's first slot is its hash >> shift */
	const char **str;       /* the strings, in first-seen order (NUL-terminated copies, or the
				 * caller's own strings in a borrowing set) */
	size_t *len;            /* their lengths (a string may hold NUL bytes) */
	size_t count, cap;
	cxm__text_block *blocks;
	int borrowed;           /* 1: str holds the caller's pointers, nothing is copied */
	const char *what;
} cxm__texts;

/** An empty set of strings with room for `expected` before it first grows. Errors: NOMEM (names `what`). */
int cxm__texts_init(cxm__texts *t, size_t expected, const char *what);

/**
 * The same for a set that copies nothing: t->str[index] is the s given when
 * the string was first added, which must stay where it is while the set is
 * used (counting the distinct strings of a column the caller holds).
 */
int cxm__texts_init_borrowed(cxm__texts *t, size_t expected, const char *what);

void cxm__texts_free(cxm__texts *t);

/**
 * The index of the len bytes at s, copied in (with a NUL after them) when
 * new. The copy stays where it is until cxm__texts_free: t->str[index] may
 * be kept. A borrowing set keeps s itself. Errors: NOMEM.
 */
int cxm__texts_add(cxm__texts *t, const char *s, size_t len, size_t *index);

/*
 * For a caller that adds many strings to a large set: hash each string once,
 * ask for its slot with the hash some strings ahead (a large set's slots miss
 * the cache), then add it with the hash.
 */

/** The hash of the len bytes at s that cxm__texts_add_hashed takes. */
uint64_t cxm__texts_hash(const char *s, size_t len);

/** Ask for the slot of the string whose hash this is. */
void cxm__texts_prefetch(const cxm__texts *t, uint64_t hash);

/** cxm__texts_add with hash = cxm__texts_hash(s, len). */
int cxm__texts_add_hashed(cxm__texts *t, const char *s, size_t len, uint64_t hash, size_t *index);

#endif
