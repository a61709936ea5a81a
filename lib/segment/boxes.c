/* lib/segment/boxes.c - overlaps, unreachable rules and uncovered cells of a box rule table (spec §7.8). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "boxes.h"
#include "internal.h"

enum { KIND_OVERLAP, KIND_UNREACHABLE, KIND_UNCOVERED };
static const char *const kind_words[] = { "overlap", "unreachable", "uncovered" };

/* The findings, column by column, growing together. */
typedef struct findings {
	size_t d, count, cap;
	const char **kind, **rule, **other; /* other[i] points into owned[] or a literal */
	char **owned;                        /* texts allocated here (joined names), or NULL */
	double *bound;                       /* count x 2d: lo, hi per dimension */
	double *cells;
} findings;

static void findings_free(findings *f)
{
	size_t i;
	for (i = 0; i < f->count; i++)
		cxm__free(f->owned[i]);
	cxm__free(f->kind);
	cxm__free(f->rule);
	cxm__free(f->other);
	cxm__free(f->owned);
	cxm__free(f->bound);
	cxm__free(f->cells);
}

static int grow(void *pp, size_t cap, size_t size)
{
	void *q = cxm__realloc(*(void **)pp, cap * size);
	if (!q)
		return -1;
	*(void **)pp = q;
	return 0;
}

/* Append a finding; `owned` (may be NULL) is taken over, freed on failure. */
static int add(findings *f, int kind, const char *rule, const char *other, char *owned, const double *lo,
	       const double *hi, double cells)
{
	size_t k;
	if (f->count == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 16;
		if (cap > SIZE_MAX / (2 * f->d * sizeof(double) + 64) ||
		    grow(&f->kind, cap, sizeof *f->kind) || grow(&f->rule, cap, sizeof *f->rule) ||
		    grow(&f->other, cap, sizeof *f->other) || grow(&f->owned, cap, sizeof *f->owned) ||
		    grow(&f->bound, cap * 2 * f->d, sizeof *f->bound) || grow(&f->cells, cap, sizeof *f->cells)) {
			cxm__free(owned);
			return cxm__fail(CXM_ENOMEM, "rule validator: no memory for %zu findings", cap);
		}
		f->cap = cap;
	}
	f->kind[f->count] = kind_words[kind];
	f->rule[f->count] = rule;
	f->other[f->count] = owned ? owned : other;
	f->owned[f->count] = owned;
	for (k = 0; k < f->d; k++) {
		f->bound[f->count * 2 * f->d + 2 * k] = lo[k];
		f->bound[f->count * 2 * f->d + 2 * k + 1] = hi[k];
	}
	f->cells[f->count] = cells;
	f->count++;
	return CXM_OK;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The index of v in the sorted cuts c[0..m] (v is one of them). */
static size_t cut_index(const double *c, size_t m, double v)
{
	size_t lo = 0, hi = m;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

typedef struct grid {
	size_t d;
	double **cut;   /* per dimension the sorted distinct cuts, m[k] + 1 of them */
	size_t *m;      /* intervals per dimension */
	size_t *stride; /* linear index = sum idx[k] stride[k] */
	size_t total;
	const unsigned char *integer;
} grid;

static double cell_weight(const grid *g, const size_t *idx)
{
	double w = 1.0;
	size_t k;
	for (k = 0; k < g->d; k++)
		if (g->integer[k])
			w *= g->cut[k][idx[k] + 1] - g->cut[k][idx[k]];
	return w;
}

/* First cell of box [a, b) into idx; then step like an odometer: 0 at the end. */
static size_t box_first(size_t *idx, const size_t *a, size_t d)
{
	size_t k;
	for (k = 0; k < d; k++)
		idx[k] = a[k];
	return 1;
}

static int box_next(size_t *idx, const size_t *a, const size_t *b, size_t d)
{
	size_t k;
	for (k = 0; k < d; k++) {
		if (++idx[k] < b[k])
			return 1;
		idx[k] = a[k];
	}
	return 0;
}

static size_t linear(const grid *g, const size_t *idx)
{
	size_t k, at = 0;
	for (k = 0; k < g->d; k++)
		at += idx[k] * g->stride[k];
	return at;
}

static double box_weight(const grid *g, const size_t *a, const size_t *b, size_t *idx)
{
	double w = 0.0;
	for (box_first(idx, a, g->d);;) {
		w += cell_weight(g, idx);
		if (!box_next(idx, a, b, g->d))
			break;
	}
	return w;
}

/* The printed bounds of box [a, b) of the grid. */
static void box_bounds(double *lo, double *hi, const grid *g, const cxm__box_set *s, const size_t *a,
		       const size_t *b)
{
	size_t k;
	for (k = 0; k < g->d; k++) {
		double l = g->cut[k][a[k]], h = g->cut[k][b[k]];
		if (g->integer[k])
			h -= 1.0;
		else if (h == s->dom_hi[k] && s->show_dom_hi)
			h = s->show_dom_hi[k];
		lo[k] = isinf(l) ? NAN : l;
		hi[k] = isinf(h) ? NAN : h;
	}
}

/* "A, B, C": the names of the rules flagged in take[] (rule order). */
static char *join_flagged(const cxm__box_set *s, const unsigned char *take)
{
	size_t i, len = 1, at = 0;
	char *t;
	for (i = 0; i < s->n; i++)
		if (take[i])
			len += strlen(s->names[i]) + 2;
	if (!(t = cxm__malloc(len)))
		return NULL;
	for (i = 0; i < s->n; i++) {
		if (!take[i])
			continue;
		if (at) {
			memcpy(t + at, ", ", 2);
			at += 2;
		}
		memcpy(t + at, s->names[i], strlen(s->names[i]));
		at += strlen(s->names[i]);
	}
	t[at] = '\0';
	return t;
}

static int build_grid(grid *g, const cxm__box_set *s, size_t **a_all, size_t **b_all, unsigned char **empty)
{
	size_t i, k, d = s->d, n = s->n;
	g->d = d;
	g->integer = s->integer;
	if (!(g->cut = cxm__calloc(d, sizeof *g->cut)))
		return cxm__fail(CXM_ENOMEM, "rule validator: no memory for the grid");
	if (cxm__alloc_array(&g->m, d, sizeof *g->m, "the validator's grid") < 0 ||
	    cxm__alloc_array(&g->stride, d, sizeof *g->stride, "the validator's grid") < 0 ||
	    cxm__alloc_array(a_all, n * d + 1, sizeof **a_all, "the validator's boxes") < 0 ||
	    cxm__alloc_array(b_all, n * d + 1, sizeof **b_all, "the validator's boxes") < 0 ||
	    cxm__alloc_array(empty, n + 1, 1, "the validator's boxes") < 0)
		return CXM_ENOMEM;
	g->total = 1;
	for (k = 0; k < d; k++) {
		double *c;
		size_t m = 0;
		if (cxm__alloc_array(&g->cut[k], 2 * n + 2, sizeof *c, "the validator's cuts") < 0)
			return CXM_ENOMEM;
		c = g->cut[k];
		c[m++] = s->dom_lo[k];
		c[m++] = s->dom_hi[k];
		for (i = 0; i < n; i++) {
			double l = s->lo[i * d + k], h = s->hi[i * d + k];
			if (l > s->dom_lo[k] && l < s->dom_hi[k])
				c[m++] = l;
			if (h > s->dom_lo[k] && h < s->dom_hi[k])
				c[m++] = h;
		}
		qsort(c, m, sizeof *c, cmp_double);
		for (i = 1, g->m[k] = 1; i < m; i++) /* distinct: m[k] + 1 cuts */
			if (c[i] != c[g->m[k] - 1])
				c[g->m[k]++] = c[i];
		g->m[k]--;
		g->stride[k] = g->total;
		if (g->m[k] && g->total > CXM__BOX_MAX_CELLS / g->m[k])
			return cxm__fail(CXM_EBAD_ARG, "rule validator: the rules cut the domain into more than "
					 "%zu cells; use fewer distinct thresholds", CXM__BOX_MAX_CELLS);
		g->total *= g->m[k];
	}
	for (i = 0; i < n; i++) {
		(*empty)[i] = g->total == 0;
		for (k = 0; k < d; k++) {
			double l = s->lo[i * d + k], h = s->hi[i * d + k];
			if (l < s->dom_lo[k])
				l = s->dom_lo[k];
			if (h > s->dom_hi[k])
				h = s->dom_hi[k];
			if (!(l < h)) {
				(*empty)[i] = 1;
				l = h = s->dom_lo[k];
			}
			(*a_all)[i * d + k] = cut_index(g->cut[k], g->m[k], l);
			(*b_all)[i * d + k] = cut_index(g->cut[k], g->m[k], h);
		}
	}
	return CXM_OK;
}

static void grid_free(grid *g)
{
	size_t k;
	if (g->cut)
		for (k = 0; k < g->d; k++)
			cxm__free(g->cut[k]);
	cxm__free(g->cut);
	cxm__free(g->m);
	cxm__free(g->stride);
}

static int to_table(cxm_table **out, const findings *f, const cxm__box_set *s, size_t overlaps,
		    size_t unreachable, size_t shadowed, double uncovered)
{
	cxm_table *t = NULL;
	double *col = NULL;
	size_t k, i;
	int rc;
	if ((rc = cxm_table_new(&t)) < 0)
		return rc;
	if ((rc = cxm_table_set_row_name(t, "findings")) < 0 ||
	    (rc = cxm_table_add_texts(t, "kind", f->kind, f->count)) < 0 ||
	    (rc = cxm_table_add_texts(t, "rule", f->rule, f->count)) < 0 ||
	    (rc = cxm_table_add_texts(t, "other", f->other, f->count)) < 0)
		goto fail;
	if ((rc = cxm__alloc_array(&col, f->count + 1, sizeof *col, "the findings table")) < 0)
		goto fail;
	for (k = 0; k < 2 * s->d; k++) {
		for (i = 0; i < f->count; i++)
			col[i] = f->bound[i * 2 * s->d + k];
		if ((rc = cxm_table_add_numbers(t, k % 2 ? s->hi_col[k / 2] : s->lo_col[k / 2], col, f->count)) < 0)
			goto fail;
	}
	if ((rc = cxm_table_add_numbers(t, "cells", f->cells, f->count)) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "overlaps", (double)overlaps)) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "unreachable", (double)unreachable)) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "shadowed", (double)shadowed)) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "uncovered_cells", uncovered)) < 0)
		goto fail;
	cxm__free(col);
	*out = t;
	return CXM_OK;
fail:
	cxm__free(col);
	cxm_table_free(t);
	return rc;
}

int cxm__boxes_validate(cxm_table **out, const cxm__box_set *s)
{
	size_t d = s->d, n = s->n, i, j, k, r, at;
	size_t *a_all = NULL, *b_all = NULL, *idx = NULL, *ia = NULL, *ib = NULL;
	size_t overlaps = 0, unreachable = 0, shadowed = 0;
	unsigned char *empty = NULL, *flag = NULL, *done = NULL;
	uint32_t *owner = NULL;
	double *owned = NULL, *lo = NULL, *hi = NULL, uncovered = 0.0;
	findings f;
	grid g;
	int rc;
	*out = NULL;
	memset(&f, 0, sizeof f);
	memset(&g, 0, sizeof g);
	f.d = d;
	if ((rc = build_grid(&g, s, &a_all, &b_all, &empty)) < 0)
		goto done;
	if ((rc = cxm__alloc_array(&idx, d, sizeof *idx, "the validator")) < 0 ||
	    (rc = cxm__alloc_array(&ia, d, sizeof *ia, "the validator")) < 0 ||
	    (rc = cxm__alloc_array(&ib, d, sizeof *ib, "the validator")) < 0 ||
	    (rc = cxm__alloc_array(&lo, d, sizeof *lo, "the validator")) < 0 ||
	    (rc = cxm__alloc_array(&hi, d, sizeof *hi, "the validator")) < 0 ||
	    (rc = cxm__alloc_array(&flag, n + 1, 1, "the validator")) < 0 ||
	    (rc = cxm__alloc_array(&owned, n + 1, sizeof *owned, "the validator")) < 0 ||
	    (rc = cxm__alloc_array(&owner, g.total + 1, sizeof *owner, "the validator's cells")) < 0 ||
	    (rc = cxm__alloc_array(&done, g.total + 1, 1, "the validator's cells")) < 0)
		goto done;
	memset(owner, 0, (g.total + 1) * sizeof *owner);
	memset(done, 0, g.total + 1);

	/* overlaps: every pair whose boxes meet, in rule order */
	for (i = 0; i < n; i++) {
		if (empty[i])
			continue;
		for (j = i + 1; j < n; j++) {
			if (empty[j])
				continue;
			for (k = 0; k < d; k++) {
				ia[k] = a_all[i * d + k] > a_all[j * d + k] ? a_all[i * d + k] : a_all[j * d + k];
				ib[k] = b_all[i * d + k] < b_all[j * d + k] ? b_all[i * d + k] : b_all[j * d + k];
				if (ia[k] >= ib[k])
					break;
			}
			if (k < d)
				continue;
			box_bounds(lo, hi, &g, s, ia, ib);
			if ((rc = add(&f, KIND_OVERLAP, s->names[i], s->names[j], NULL, lo, hi,
				      box_weight(&g, ia, ib, idx))) < 0)
				goto done;
			overlaps++;
		}
	}

	/* first (last) match: each cell to the first (last) rule that holds it */
	for (r = 0; r < n; r++) {
		i = s->last_match ? n - 1 - r : r;
		owned[i] = 0.0;
		if (empty[i])
			continue;
		for (box_first(idx, &a_all[i * d], d);;) {
			at = linear(&g, idx);
			if (!owner[at]) {
				owner[at] = (uint32_t)(i + 1);
				owned[i] += cell_weight(&g, idx);
			}
			if (!box_next(idx, &a_all[i * d], &b_all[i * d], d))
				break;
		}
	}
	for (i = 0; i < n; i++) {
		double size;
		char *names;
		if (!empty[i]) {
			size = box_weight(&g, &a_all[i * d], &b_all[i * d], idx);
			if (owned[i] > 0.0) {
				shadowed += owned[i] < size;
				continue;
			}
			memset(flag, 0, n);
			for (box_first(idx, &a_all[i * d], d);;) {
				flag[owner[linear(&g, idx)] - 1] = 1;
				if (!box_next(idx, &a_all[i * d], &b_all[i * d], d))
					break;
			}
			if (!(names = join_flagged(s, flag))) {
				rc = cxm__fail(CXM_ENOMEM, "rule validator: no memory for the names of rules");
				goto done;
			}
			box_bounds(lo, hi, &g, s, &a_all[i * d], &b_all[i * d]);
			rc = add(&f, KIND_UNREACHABLE, s->names[i], NULL, names, lo, hi, size);
		} else {
			for (k = 0; k < d; k++) {
				lo[k] = s->lo[i * d + k];
				hi[k] = s->hi[i * d + k] - (s->integer[k] ? 1.0 : 0.0);
				lo[k] = isinf(lo[k]) ? NAN : lo[k];
				hi[k] = isinf(hi[k]) ? NAN : hi[k];
			}
			rc = add(&f, KIND_UNREACHABLE, s->names[i], "(outside the domain)", NULL, lo, hi, 0.0);
		}
		if (rc < 0)
			goto done;
		unreachable++;
	}

	/* uncovered cells, merged greedily into boxes: from the first free cell,
	 * grow along each dimension in turn while the whole slab is free */
	for (at = 0; at < g.total; at++) {
		size_t rest = at;
		if (owner[at] || done[at])
			continue;
		for (k = d; k-- > 0;) {
			ia[k] = rest / g.stride[k];
			rest %= g.stride[k];
			ib[k] = ia[k] + 1;
		}
		for (k = 0; k < d; k++) {
			while (ib[k] < g.m[k]) {
				size_t keep_a = ia[k], ok = 1;
				ia[k] = ib[k];
				ib[k]++;
				for (box_first(idx, ia, d);;) {
					size_t c = linear(&g, idx);
					if (owner[c] || done[c]) {
						ok = 0;
						break;
					}
					if (!box_next(idx, ia, ib, d))
						break;
				}
				ia[k] = keep_a;
				if (!ok) {
					ib[k]--;
					break;
				}
			}
		}
		for (box_first(idx, ia, d);;) {
			done[linear(&g, idx)] = 1;
			if (!box_next(idx, ia, ib, d))
				break;
		}
		box_bounds(lo, hi, &g, s, ia, ib);
		{
			double w = box_weight(&g, ia, ib, idx);
			uncovered += w;
			if ((rc = add(&f, KIND_UNCOVERED, "", "", NULL, lo, hi, w)) < 0)
				goto done;
		}
	}
	rc = to_table(out, &f, s, overlaps, unreachable, shadowed, uncovered);
done:
	findings_free(&f);
	grid_free(&g);
	cxm__free(a_all);
	cxm__free(b_all);
	cxm__free(empty);
	cxm__free(idx);
	cxm__free(ia);
	cxm__free(ib);
	cxm__free(lo);
	cxm__free(hi);
	cxm__free(flag);
	cxm__free(owned);
	cxm__free(owner);
	cxm__free(done);
	return rc;
}
