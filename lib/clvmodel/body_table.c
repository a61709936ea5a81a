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
#include "parallel.h"

/* Entries a block's table has room for at first (it grows from there). */
#define TABLE_START 1024

static double key_d(const struct cxm__body_keys *k, size_t i)
{
	return k->d == NULL ? 0.0 : k->d[k->n_d == 1 ? 0 : i];
}

/*
 * The usual shape of a customer base gets a shortcut around the table of
 * (x, T, d): few distinct T (one per cohort day), small whole x and one
 * discount. A block then finds a row's entry as entry[T's index][x], T's
 * index coming from a small table of its first SHORT_T values that stays in
 * the first-level cache; a probe of the main table costs a cache miss and a
 * mispredicted branch per row. Rows outside that shape (x >= SHORT_X, a T
 * beyond the first SHORT_T, discounts per row) take the main table, which
 * always holds every entry.
 */
#define SHORT_X 64
#define SHORT_T 1024
#define NO_ENTRY UINT32_MAX

struct shortcut {
	cxm__distinct t;  /* the first SHORT_T distinct T, with room for twice as many: a quarter full */
	uint32_t *entry;  /* SHORT_T x SHORT_X entries, by T's index, then x */
};

/* The entry for (x, T) (the common discount), or NULL if the shortcut does not cover it. */
static uint32_t *shortcut_entry(struct shortcut *sc, double x, double T)
{
	size_t h, k;
	if (!(x < SHORT_X))
		return NULL;
	h = cxm__distinct_slot_n(&sc->t, &T, 1);
	if (sc->t.slot[h] != 0)
		return &sc->entry[(size_t)(sc->t.slot[h] - 1) * SHORT_X + (size_t)x];
	/* a new T: room for 2 SHORT_T keys, so adding one of the first SHORT_T cannot fail */
	if (sc->t.count == SHORT_T || cxm__distinct_add_n(&sc->t, &T, 1, &k) < 0)
		return NULL;
	for (h = 0; h < SHORT_X; h++)
		sc->entry[k * SHORT_X + h] = NO_ENTRY;
	return &sc->entry[k * SHORT_X + (size_t)x];
}

/* The distinct keys of rows [begin, end) into a new table b, and in row[i]
 * (unless NULL) the entry of row i. Runs on worker threads: the caller
 * reports a failure. */
static int table_build(cxm__distinct *b, const struct cxm__body_keys *keys, size_t begin, size_t end,
		       uint32_t *row)
{
	struct shortcut sc;
	int use_sc = keys->n_d <= 1 && end - begin >= 4 * SHORT_T, rc;
	size_t i, e;
	double key[3];
	memset(&sc, 0, sizeof sc);
	if ((rc = cxm__distinct_init(b, 3, TABLE_START, "prediction table")) < 0)
		return rc;
	if (use_sc && ((rc = cxm__distinct_init(&sc.t, 1, 2 * SHORT_T, "prediction table")) < 0 ||
		       (rc = cxm__alloc_array(&sc.entry, (size_t)SHORT_T * SHORT_X, sizeof *sc.entry,
					      "prediction table")) < 0))
		goto done;
	for (i = begin; i < end; i++) {
		uint32_t *known;
		key[0] = keys->x[i];
		key[1] = keys->T[i];
		key[2] = key_d(keys, i);
		known = use_sc ? shortcut_entry(&sc, key[0], key[1]) : NULL;
		if (known != NULL && *known != NO_ENTRY)
			e = *known;
		else if ((rc = cxm__distinct_add_n(b, key, 3, &e)) < 0)
			break;
		else if (known != NULL)
			*known = (uint32_t)e;
		if (row)
			row[i] = (uint32_t)e;
	}
done:
	cxm__distinct_free(&sc.t);
	cxm__free(sc.entry);
	if (rc < 0)
		cxm__distinct_free(b);
	return rc;
}

struct build_job {
	const struct cxm__body_keys *keys;
	cxm__distinct *t; /* one table per block */
	int *rc;          /* per block */
	uint32_t *row;
	size_t n, block;  /* rows, rows per block */
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
static int table_merge(cxm__body_index *ix, cxm__distinct *t, size_t nb)
{
	size_t k, j, e, total = 0;
	int rc;
	if ((rc = cxm__alloc_array(&ix->off, nb, sizeof *ix->off, "prediction table")) < 0)
		return rc;
	for (k = 0; k < nb; k++) {
		ix->off[k] = total;
		total += t[k].count;
	}
	if (total > UINT32_MAX)
		return cxm__fail(CXM_ENOMEM, "prediction table: %zu entries", total);
	if ((rc = cxm__alloc_array(&ix->map, total > 0 ? total : 1, sizeof *ix->map, "prediction table")) < 0)
		return rc;
	for (j = 0; j < t[0].count; j++)
		ix->map[j] = (uint32_t)j;
	for (k = 1; k < nb; k++) {
		for (j = 0; j < t[k].count; j++) {
			if ((rc = cxm__distinct_add_n(&t[0], cxm__distinct_row(&t[k], j), 3, &e)) < 0)
				return rc;
			ix->map[ix->off[k] + j] = (uint32_t)e;
		}
		cxm__distinct_free(&t[k]);
	}
	return CXM_OK;
}

int cxm__body_index_build(cxm__body_index *ix, const struct cxm__body_keys *keys, size_t n)
{
	struct build_job job;
	cxm__distinct *t = NULL;
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
	memset(t, 0, nb * sizeof *t); /* freeing a table never built is a no-op */
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
	/* a block's failure is reported on this thread (the message of a worker's is lost) */
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
		cxm__distinct_free(&t[k]);
	cxm__free(t);
	cxm__free(rcs);
	return rc;
}

size_t cxm__body_index_entry(const cxm__body_index *ix, const struct cxm__body_keys *keys, size_t i)
{
	if (ix->row == NULL) {
		double key[3];
		key[0] = keys->x[i];
		key[1] = keys->T[i];
		key[2] = key_d(keys, i);
		return cxm__distinct_find_n(&ix->table, key, 3);
	}
	if (ix->map == NULL)
		return ix->row[i];
	return ix->map[ix->off[i / ix->block] + ix->row[i]];
}

void cxm__body_index_free(cxm__body_index *ix)
{
	cxm__distinct_free(&ix->table);
	cxm__free(ix->row);
	cxm__free(ix->map);
	cxm__free(ix->off);
	memset(ix, 0, sizeof *ix);
}
