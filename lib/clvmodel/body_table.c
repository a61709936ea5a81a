/*
 * lib/clvmodel/body_table.c - the distinct (x, T, d) among many customers
 * (body_table.h).
 *
 * Collecting the keys is one hash probe per row, so the rows are cut into
 * blocks, each block builds a table of its own on some thread, and the
 * blocks' few thousand entries are merged into one table after.
 */
#include <string.h>
#include "internal.h"
#include "body_table.h"
#include "hash.h"
#include "parallel.h"

static double key_d(const struct cxm__body_keys *k, size_t i)
{
	return k->d == NULL ? 0.0 : k->d[k->n_d == 1 ? 0 : i];
}

/* The slot of (x, T, d): its entry's, or the empty one where it would go. */
static size_t key_slot(const struct cxm__body_table *b, double x, double T, double d)
{
	size_t h = (size_t)cxm__hash3(x, T, d) & b->mask;
	while (b->slot[h] != 0) {
		const double *k = b->key + 3 * (b->slot[h] - 1);
		if (k[0] == x && k[1] == T && k[2] == d)
			break;
		h = (h + 1) & b->mask;
	}
	return h;
}

static void table_free(struct cxm__body_table *b)
{
	cxm__free(b->slot);
	cxm__free(b->key);
	memset(b, 0, sizeof *b); /* so that freeing it again is a no-op */
}

/* Room for cap entries in 2 cap slots; the entries so far are rehashed. */
static int table_resize(struct cxm__body_table *b, size_t cap)
{
	struct cxm__body_table nb;
	size_t j;
	int rc;
	memset(&nb, 0, sizeof nb);
	nb.cap = cap;
	nb.mask = 2 * cap - 1;
	if ((rc = cxm__alloc_array(&nb.slot, 2 * cap, sizeof *nb.slot, "prediction table")) < 0 ||
	    (rc = cxm__alloc_array(&nb.key, 3 * cap, sizeof *nb.key, "prediction table")) < 0) {
		table_free(&nb);
		return rc;
	}
	memset(nb.slot, 0, 2 * cap * sizeof *nb.slot);
	/* the keys first: key_slot compares with the entries already placed */
	if (b->used > 0)
		memcpy(nb.key, b->key, 3 * b->used * sizeof *nb.key);
	for (j = 0; j < b->used; j++) {
		const double *k = nb.key + 3 * j;
		nb.slot[key_slot(&nb, k[0], k[1], k[2])] = j + 1;
	}
	nb.used = b->used;
	table_free(b);
	*b = nb;
	return CXM_OK;
}

/* The entry of (x, T, d), added if new. Returns CXM_OK or CXM_ENOMEM. */
static int table_add(struct cxm__body_table *b, double x, double T, double d, size_t *entry)
{
	size_t h = key_slot(b, x, T, d);
	int rc;
	if (b->slot[h] == 0) {
		if (b->used == b->cap) {
			if (b->cap > SIZE_MAX / 8)
				return CXM_ENOMEM;
			if ((rc = table_resize(b, 2 * b->cap)) < 0)
				return rc;
			h = key_slot(b, x, T, d);
		}
		b->key[3 * b->used] = x;
		b->key[3 * b->used + 1] = T;
		b->key[3 * b->used + 2] = d;
		b->slot[h] = ++b->used;
	}
	*entry = b->slot[h] - 1;
	return CXM_OK;
}

/*
 * The usual shape of a customer base gets a shortcut around the hash table:
 * few distinct T (one per cohort day), small whole x and one discount. A
 * block then finds a row's entry as shortcut[T's index][x], through a small
 * table of its T values that stays in the first-level cache; a probe of the
 * main table costs a cache miss and a mispredicted branch per row. Rows
 * outside that shape (x >= SHORT_X, a T beyond the first SHORT_T, discounts
 * per row) take the main table, which always holds every entry.
 */
#define SHORT_X 64
#define SHORT_T 1024
#define SHORT_SLOTS (4 * SHORT_T) /* a T table at most a quarter full */
#define NO_ENTRY UINT32_MAX

struct shortcut {
	double t[SHORT_SLOTS];     /* the T of each slot */
	uint32_t id[SHORT_SLOTS];  /* its index + 1; 0 = empty */
	uint32_t *entry;           /* SHORT_T x SHORT_X entries, row by row as indices are given */
	uint32_t n_t;
};

/* The entry for (x, T) (the common discount), or NULL if the shortcut does not cover it. */
static uint32_t *shortcut_entry(struct shortcut *sc, double x, double T)
{
	size_t h;
	uint32_t k;
	if (!(x < SHORT_X))
		return NULL;
	h = (size_t)(cxm__double_bits(T) * CXM__HASH_K1 >> 52) & (SHORT_SLOTS - 1);
	while (sc->id[h] != 0 && sc->t[h] != T)
		h = (h + 1) & (SHORT_SLOTS - 1);
	if (sc->id[h] == 0) {
		if (sc->n_t == SHORT_T)
			return NULL;
		sc->t[h] = T;
		sc->id[h] = ++sc->n_t;
		for (k = 0; k < SHORT_X; k++)
			sc->entry[(size_t)(sc->n_t - 1) * SHORT_X + k] = NO_ENTRY;
	}
	return &sc->entry[(size_t)(sc->id[h] - 1) * SHORT_X + (size_t)x];
}

/* The distinct keys of rows [begin, end) into a new table b, and in row[i]
 * (unless NULL) the entry of row i. Runs on worker threads: the caller
 * reports a failure. */
static int table_build(struct cxm__body_table *b, const struct cxm__body_keys *keys, size_t begin, size_t end,
		       uint32_t *row)
{
	struct shortcut *sc = NULL;
	size_t i, e;
	int rc;
	memset(b, 0, sizeof *b);
	if ((rc = table_resize(b, 1024)) < 0)
		return rc;
	if (keys->n_d <= 1 && end - begin >= 4 * SHORT_T) {
		if ((rc = cxm__alloc_array(&sc, 1, sizeof *sc, "prediction table")) == CXM_OK &&
		    (rc = cxm__alloc_array(&sc->entry, (size_t)SHORT_T * SHORT_X, sizeof *sc->entry,
					   "prediction table")) < 0)
			cxm__free(sc);
		if (rc < 0) {
			table_free(b);
			return rc;
		}
		memset(sc->id, 0, sizeof sc->id);
		sc->n_t = 0;
	}
	for (i = begin; i < end; i++) {
		double x = keys->x[i], T = keys->T[i], d = key_d(keys, i);
		uint32_t *known = sc ? shortcut_entry(sc, x, T) : NULL;
		if (known != NULL && *known != NO_ENTRY)
			e = *known;
		else if ((rc = table_add(b, x, T, d, &e)) < 0)
			break;
		else if (known != NULL)
			*known = (uint32_t)e;
		if (row)
			row[i] = (uint32_t)e;
	}
	if (sc) {
		cxm__free(sc->entry);
		cxm__free(sc);
	}
	if (rc < 0)
		table_free(b);
	return rc;
}

struct build_job {
	const struct cxm__body_keys *keys;
	struct cxm__body_table *t; /* one table per block */
	int *rc;                   /* per block */
	uint32_t *row;
	size_t n, block;           /* rows, rows per block */
};

/* parallel_sum's chunk c is block c (the rows are not its rows). */
static void build_chunk(double *acc, size_t begin, size_t end, void *vctx)
{
	const struct build_job *job = vctx;
	size_t k = begin / CXM__CHUNK_ROWS, lo = k * job->block, hi = lo + job->block;
	(void)acc;
	(void)end;
	if (hi > job->n)
		hi = job->n;
	job->rc[k] = table_build(&job->t[k], job->keys, lo < hi ? lo : hi, hi, job->row);
}

/* Blocks for n rows: four per thread (parallel_sum runs a thread per four
 * chunks), one below a few hundred thousand rows, where threads cost more. */
static size_t block_count(size_t n)
{
	unsigned t = cxm__default_threads();
	if (n < ((size_t)1 << 17) || t < 2)
		return 1;
	return 4 * (size_t)(t > 16 ? 16 : t);
}

/*
 * Merge the nb blocks' tables into t[0]; block k's entry j becomes entry
 * ix->map[ix->off[k] + j]. t[1..] are freed.
 */
static int table_merge(cxm__body_index *ix, struct cxm__body_table *t, size_t nb)
{
	size_t k, j, e, total = 0;
	int rc;
	if ((rc = cxm__alloc_array(&ix->off, nb, sizeof *ix->off, "prediction table")) < 0)
		return rc;
	for (k = 0; k < nb; k++) {
		ix->off[k] = total;
		total += t[k].used;
	}
	if (total > UINT32_MAX)
		return cxm__fail(CXM_ENOMEM, "prediction table: %zu entries", total);
	if ((rc = cxm__alloc_array(&ix->map, total > 0 ? total : 1, sizeof *ix->map, "prediction table")) < 0)
		return rc;
	for (j = 0; j < t[0].used; j++)
		ix->map[j] = (uint32_t)j;
	for (k = 1; k < nb; k++) {
		for (j = 0; j < t[k].used; j++) {
			const double *key = t[k].key + 3 * j;
			if ((rc = table_add(&t[0], key[0], key[1], key[2], &e)) < 0)
				return cxm__fail(rc, "prediction table: out of memory");
			ix->map[ix->off[k] + j] = (uint32_t)e;
		}
		table_free(&t[k]);
	}
	return CXM_OK;
}

int cxm__body_index_build(cxm__body_index *ix, const struct cxm__body_keys *keys, size_t n)
{
	struct build_job job;
	struct cxm__body_table *t = NULL;
	int *rcs = NULL;
	double unused;
	size_t nb = block_count(n), k;
	int rc;
	memset(ix, 0, sizeof *ix);
	/* row indices need 32 bits; beyond, rows are looked up by probing */
	if (n <= UINT32_MAX && (rc = cxm__alloc_array(&ix->row, n > 0 ? n : 1, sizeof *ix->row,
						       "prediction table")) < 0)
		return rc;
	if ((rc = cxm__alloc_array(&t, nb, sizeof *t, "prediction table")) < 0 ||
	    (rc = cxm__alloc_array(&rcs, nb, sizeof *rcs, "prediction table")) < 0) {
		cxm__free(t);
		return rc;
	}
	memset(t, 0, nb * sizeof *t); /* table_free of a table never built is a no-op */
	job.keys = keys;
	job.t = t;
	job.rc = rcs;
	job.row = ix->row;
	job.n = n;
	job.block = ix->block = (n + nb - 1) / nb;
	if (nb == 1)
		build_chunk(&unused, 0, 1, &job);
	else if ((rc = cxm__parallel_sum(&unused, 1, nb * CXM__CHUNK_ROWS, build_chunk, &job, 0u)) < 0)
		goto done;
	for (k = 0; k < nb && rc == CXM_OK; k++)
		if (rcs[k] < 0)
			rc = cxm__fail(rcs[k], "prediction table: out of memory");
	if (rc == CXM_OK && nb > 1)
		rc = table_merge(ix, t, nb);
	if (rc == CXM_OK) {
		ix->table = t[0];
		memset(&t[0], 0, sizeof t[0]);
	}
done:
	for (k = 0; k < nb; k++)
		table_free(&t[k]);
	cxm__free(t);
	cxm__free(rcs);
	return rc;
}

size_t cxm__body_index_entry(const cxm__body_index *ix, const struct cxm__body_keys *keys, size_t i)
{
	if (ix->row == NULL)
		return ix->table.slot[key_slot(&ix->table, keys->x[i], keys->T[i], key_d(keys, i))] - 1;
	if (ix->map == NULL)
		return ix->row[i];
	return ix->map[ix->off[i / ix->block] + ix->row[i]];
}

void cxm__body_index_free(cxm__body_index *ix)
{
	table_free(&ix->table);
	cxm__free(ix->row);
	cxm__free(ix->map);
	cxm__free(ix->off);
	memset(ix, 0, sizeof *ix);
}
