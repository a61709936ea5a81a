/*
 * lib/report/cells.c - the cells of a report (cells.h): per-worker hash
 * tables of cells, their merge and their order.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "cells.h"
#include "hash.h"

void cxm__worker_init(cxm__worker *w, const cxm_survey_report *r)
{
	memset(w, 0, sizeof *w);
	w->r = r;
	w->last_day = NAN; /* no day seen */
}

void cxm__cell_free(cxm__cell *c)
{
	int k;
	cxm__free(c->key);
	cxm__free(c->counts);
	cxm__free(c->miss);
	cxm__free(c->m);
	cxm__free(c->group);
	cxm__free(c->theme_counts);
	cxm__free(c->theme_n);
	for (k = 0; k < CXM__TIMES; k++)
		cxm__free(c->t[k].v);
	memset(c, 0, sizeof *c);
}

void cxm__worker_free(cxm__worker *w)
{
	size_t i;
	for (i = 0; i < w->n_cells; i++)
		cxm__cell_free(&w->cells[i]);
	cxm__free(w->cells);
	cxm__free(w->hash);
	cxm__free(w->slot);
	cxm__free(w->key);
	cxm__free(w->hits);
	cxm__driver_rows_free(&w->d);
	memset(w, 0, sizeof *w);
}

/* FNV-1a over the key, the period's bits mixed in. */
static uint64_t hash_key(const char *key, size_t len, double period)
{
	uint64_t h = 1469598103934665603u;
	size_t i;
	for (i = 0; i < len; i++) {
		h ^= (unsigned char)key[i];
		h *= 1099511628211u;
	}
	return cxm__mix64(h ^ cxm__double_bits(isnan(period) ? 0.0 : period) * CXM__HASH_K1);
}

static int same_period(double a, double b)
{
	return (isnan(a) && isnan(b)) || a == b;
}

static int grow_slots(cxm__worker *w)
{
	size_t n = w->n_slots ? 2 * w->n_slots : 64, i;
	size_t *slot = cxm__calloc(n, sizeof *slot);
	if (!slot)
		return cxm__fail(CXM_ENOMEM, "survey report: out of memory for %zu cells", w->n_cells);
	for (i = 0; i < w->n_cells; i++) {
		size_t s = (size_t)w->hash[i] & (n - 1);
		while (slot[s])
			s = (s + 1) & (n - 1);
		slot[s] = i + 1;
	}
	cxm__free(w->slot);
	w->slot = slot;
	w->n_slots = n;
	return CXM_OK;
}

/* A new zeroed cell at the end of the worker's cells. */
static int new_cell(cxm__cell **out, cxm__worker *w, const char *key, size_t key_len, double period, uint64_t h)
{
	const cxm_survey_report *r = w->r;
	cxm__cell *c;
	if (w->n_cells == w->cap) {
		size_t cap = w->cap ? 2 * w->cap : 16;
		cxm__cell *cells = cxm__realloc(w->cells, cap * sizeof *cells);
		uint64_t *hash;
		if (!cells)
			return cxm__fail(CXM_ENOMEM, "survey report: out of memory for %zu cells", cap);
		w->cells = cells;
		if (!(hash = cxm__realloc(w->hash, cap * sizeof *hash)))
			return cxm__fail(CXM_ENOMEM, "survey report: out of memory for %zu cells", cap);
		w->hash = hash;
		w->cap = cap;
	}
	c = &w->cells[w->n_cells];
	memset(c, 0, sizeof *c);
	c->period = period;
	c->key_len = key_len;
	if (!(c->key = cxm__calloc(key_len + 1, 1)) ||
	    !(c->counts = cxm__calloc(r->points ? r->points : 1, sizeof *c->counts)) ||
	    !(c->miss = cxm__calloc(2 * r->n_items + 1, sizeof *c->miss)) ||
	    (r->n_themes && (!(c->theme_counts = cxm__calloc((r->n_themes + 1) * r->theme_points, sizeof(uint64_t))) ||
			     !(c->theme_n = cxm__calloc(r->n_themes + 1, sizeof(size_t)))))) {
		cxm__cell_free(c);
		return cxm__fail(CXM_ENOMEM, "survey report: out of memory for a cell");
	}
	memcpy(c->key, key, key_len);
	w->hash[w->n_cells++] = h;
	*out = c;
	return CXM_OK;
}

int cxm__worker_cell(cxm__cell **out, cxm__worker *w, const char *key, size_t key_len, double period)
{
	uint64_t h = hash_key(key, key_len, period);
	size_t s;
	int rc;
	if (w->n_slots) {
		for (s = (size_t)h & (w->n_slots - 1); w->slot[s]; s = (s + 1) & (w->n_slots - 1)) {
			cxm__cell *c = &w->cells[w->slot[s] - 1];
			if (w->hash[w->slot[s] - 1] == h && c->key_len == key_len && same_period(c->period, period) &&
			    memcmp(c->key, key, key_len) == 0) {
				*out = c;
				return CXM_OK;
			}
		}
	}
	if (2 * (w->n_cells + 1) > w->n_slots && (rc = grow_slots(w)) < 0)
		return rc;
	if ((rc = new_cell(out, w, key, key_len, period, h)) < 0)
		return rc;
	for (s = (size_t)h & (w->n_slots - 1); w->slot[s]; s = (s + 1) & (w->n_slots - 1))
		;
	w->slot[s] = w->n_cells;
	return CXM_OK;
}

int cxm__durations_add(cxm__durations *d, double x)
{
	if (d->n == d->cap) {
		size_t cap = d->cap ? 2 * d->cap : 64;
		double *v = cxm__realloc(d->v, cap * sizeof *v);
		if (!v)
			return cxm__fail(CXM_ENOMEM, "survey report: out of memory for %zu support times", cap);
		d->v = v;
		d->cap = cap;
	}
	d->v[d->n++] = x;
	return CXM_OK;
}

/* dst += src: counts, missing counts, rows, durations. */
static int add_cell(const cxm_survey_report *r, cxm__cell *dst, const cxm__cell *src)
{
	size_t i;
	int k, rc;
	dst->rows += src->rows;
	for (i = 0; i < r->points; i++)
		dst->counts[i] += src->counts[i];
	for (i = 0; i < 2 * r->n_items; i++)
		dst->miss[i] += src->miss[i];
	for (i = 0; r->n_themes && i < (r->n_themes + 1) * r->theme_points; i++)
		dst->theme_counts[i] += src->theme_counts[i];
	for (i = 0; r->n_themes && i <= r->n_themes; i++)
		dst->theme_n[i] += src->theme_n[i];
	for (k = 0; k < CXM__TIMES; k++) {
		dst->t[k].open += src->t[k].open;
		for (i = 0; i < src->t[k].n; i++)
			if ((rc = cxm__durations_add(&dst->t[k], src->t[k].v[i])) < 0)
				return rc;
	}
	return CXM_OK;
}

static _Thread_local size_t n_groups_of_sort; /* set before qsort: qsort has no context argument */

/* Totals first, then group values bytewise, then period. */
static int cell_order(const void *a, const void *b)
{
	const cxm__cell *x = a, *y = b;
	size_t g;
	if (x->total != y->total)
		return x->total ? -1 : 1;
	for (g = 0; g < n_groups_of_sort; g++) {
		int c = strcmp(x->group[g], y->group[g]);
		if (c)
			return c;
	}
	if (isnan(x->period) || isnan(y->period))
		return 0;
	return x->period < y->period ? -1 : x->period > y->period;
}

/* Each group value pointing into the cell's key. */
static int split_key(const cxm_survey_report *r, cxm__cell *c)
{
	size_t g, at = 0;
	if (!(c->group = cxm__calloc(r->g.n_groups + 1, sizeof *c->group)))
		return cxm__fail(CXM_ENOMEM, "survey report: out of memory");
	for (g = 0; g < r->g.n_groups; g++) {
		c->group[g] = c->total ? CXM__ALL : c->key + at;
		if (!c->total)
			at += strlen(c->key + at) + 1;
	}
	return CXM_OK;
}

int cxm__cells_merge(cxm_survey_report *r, cxm__worker *w, size_t n_workers)
{
	cxm__worker all;
	size_t i, j, n_group_cells;
	int rc;
	cxm__worker_init(&all, r);
	/* the workers in order, their cells in the order made: the merge is the
	 * same whatever the split, and the order of durations is sorted away later */
	for (i = 0; i < n_workers; i++) {
		for (j = 0; j < w[i].n_cells; j++) {
			cxm__cell *src = &w[i].cells[j], *dst;
			if ((rc = cxm__worker_cell(&dst, &all, src->key, src->key_len, src->period)) < 0 ||
			    (rc = add_cell(r, dst, src)) < 0)
				goto fail;
		}
		cxm__worker_free(&w[i]);
		cxm__worker_init(&w[i], r);
	}
	n_group_cells = all.n_cells;
	/* a total per period: its key is the empty key with the total flag */
	if (r->g.n_groups > 0) {
		for (j = 0; j < n_group_cells; j++) {
			cxm__cell *dst;
			double period = all.cells[j].period;
			/* "\1" cannot be a key of group cells (they end in NUL bytes) */
			if ((rc = cxm__worker_cell(&dst, &all, "\1", 1, period)) < 0)
				goto fail;
			dst->total = 1;
			if ((rc = add_cell(r, dst, &all.cells[j])) < 0)
				goto fail;
		}
	}
	if (r->g.n_groups == 0 && all.n_cells == 0) {
		/* no rows scored: the plain report still has its one cell */
		cxm__cell *dst;
		if ((rc = cxm__worker_cell(&dst, &all, "", 0, NAN)) < 0)
			goto fail;
	}
	for (j = 0; j < all.n_cells; j++)
		if ((rc = split_key(r, &all.cells[j])) < 0)
			goto fail;
	n_groups_of_sort = r->g.n_groups;
	if (all.n_cells > 1)
		qsort(all.cells, all.n_cells, sizeof *all.cells, cell_order);
	r->cells = all.cells;
	r->n_cells = all.n_cells;
	all.cells = NULL;
	all.n_cells = 0;
	cxm__worker_free(&all);
	return CXM_OK;
fail:
	cxm__worker_free(&all);
	return rc;
}
