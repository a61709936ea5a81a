/*
 * lib/persona/profile.c - each persona's demographics next to the
 * population's, with what privacy withholds, and the tests its identifiers
 * come from (spec §15.2, §15.5).
 *
 * One pass over the rows per column: a numeric column gives per segment the
 * exact sums (fsum.h) of the values, of their distances to a pivot and of
 * those distances' squares (the variance without cancellation: the pivot
 * is the population's first value), the rest of the population's sums by
 * subtracting partials exactly; the quantiles come from selection on the
 * segment's values. A categorical column gives a segments x levels table of
 * counts, its column sums being the population.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "fsum.h"
#include "parallel.h"
#include "profile_internal.h"

struct ctx {
	cxm_persona_set *set;
	const uint32_t *seg;
	size_t n_rows, k, min_n;
	size_t *off;   /* k + 1 offsets into order (numeric columns only) */
	size_t *order; /* the population's rows grouped by persona, row order within */
	void *order_block; /* cxm__alloc_big's block */
	size_t n_pop;  /* rows in the population */
	cxm__ptests tests;
};

static int nomem(const char *what)
{
	return cxm__fail(CXM_ENOMEM, "out of memory for %s", what);
}

/* ---- quantiles (R type 7) by selection ----------------------------------------------------- */

static void swap(double *a, double *b)
{
	double t = *a;
	*a = *b;
	*b = t;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The k-th smallest of a[0..n) (k < n); a is reordered so that a[k] holds it. */
static double select_kth(double *a, size_t n, size_t k)
{
	size_t lo = 0, hi = n - 1, rounds = 0;
	while (hi > lo) {
		size_t mid = lo + (hi - lo) / 2, i, j;
		double pivot;
		if (++rounds > 64) { /* adversarial orders: sort what is left */
			qsort(a + lo, hi - lo + 1, sizeof *a, cmp_double);
			break;
		}
		/* median of three to a[lo] */
		if (a[mid] < a[lo])
			swap(&a[mid], &a[lo]);
		if (a[hi] < a[lo])
			swap(&a[hi], &a[lo]);
		if (a[hi] < a[mid])
			swap(&a[hi], &a[mid]);
		swap(&a[lo], &a[mid]);
		pivot = a[lo];
		/* Hoare partition */
		i = lo;
		j = hi + 1;
		for (;;) {
			do
				i++;
			while (i <= hi && a[i] < pivot);
			do
				j--;
			while (a[j] > pivot);
			if (i >= j)
				break;
			swap(&a[i], &a[j]);
		}
		swap(&a[lo], &a[j]);
		if (j == k)
			break;
		if (j < k)
			lo = j + 1;
		else
			hi = j - 1;
	}
	return a[k];
}

static double min_of(const double *a, size_t n)
{
	double m = a[0];
	size_t i;
	for (i = 1; i < n; i++)
		if (a[i] < m)
			m = a[i];
	return m;
}

/* Type 7 quantile of a[0..n) (n > 0): x[h] + (h - floor h)(x[floor h + 1] - x[floor h]), h = (n - 1) p. */
static double quantile7(double *a, size_t n, double p)
{
	double h = (double)(n - 1) * p, v;
	size_t lo = (size_t)floor(h);
	v = select_kth(a, n, lo);
	return h == (double)lo ? v : v + (h - (double)lo) * (min_of(a + lo + 1, n - lo - 1) - v);
}

/*
 * Order statistic i of a[0..n) once a[k] = vk holds order statistic k (a[0..k) no
 * larger, a[k + 1..n) no smaller): a selection within the side of k it lies on, which
 * leaves the other side and a[k] alone; *next receives order statistic i + 1 (i + 1 < n).
 */
static double side_stat(double *a, size_t n, size_t k, double vk, size_t i, double *next)
{
	double v;
	if (i == k) {
		*next = k + 1 < n ? min_of(a + k + 1, n - k - 1) : vk;
		return vk;
	}
	if (i < k) {
		v = select_kth(a, k, i);
		*next = i + 1 < k ? min_of(a + i + 1, k - i - 1) : vk;
		return v;
	}
	v = select_kth(a + k + 1, n - k - 1, i - k - 1);
	*next = i + 1 < n ? min_of(a + i + 1, n - i - 1) : v;
	return v;
}

/* the median, then the quartiles by selection in the halves it leaves */
static void quantiles(double *a, size_t n, double *p25, double *med, double *p75)
{
	double h = (double)(n - 1) * 0.5, vk, v, next;
	size_t k = (size_t)floor(h), j;
	const double ps[2] = { 0.25, 0.75 };
	vk = select_kth(a, n, k);
	v = side_stat(a, n, k, vk, k, &next);
	*med = h == (double)k ? v : v + (h - (double)k) * (next - v);
	for (j = 0; j < 2; j++) {
		double hj = (double)(n - 1) * ps[j], q;
		size_t i = (size_t)floor(hj);
		v = side_stat(a, n, k, vk, i, &next);
		q = hj == (double)i ? v : v + (hj - (double)i) * (next - v);
		*(j ? p75 : p25) = q;
	}
}

/* ---- numeric columns ------------------------------------------------------------------------ */

static void fsum_merge(cxm__fsum *dst, const cxm__fsum *src, double sign)
{
	size_t i;
	for (i = 0; i < src->n; i++)
		cxm__fsum_add(dst, sign * src->p[i]);
}

/* mean and variance (n - 1) from the exact sums of x, y = x - pivot and y^2 */
static void moments(double *mean, double *var, const cxm__fsum *sx, const cxm__fsum *sy, const cxm__fsum *syy,
		    double n)
{
	double y = cxm__fsum_round(sy), ss = cxm__fsum_round(syy) - y * y / n;
	*mean = n > 0 ? cxm__fsum_round(sx) / n : NAN;
	*var = n > 1 ? (ss > 0 ? ss : 0.0) / (n - 1.0) : NAN;
}

/* What a numeric column gives, computed apart (on any thread) from the set it goes into. */
struct numres {
	const cxm__pcol *col;
	int st;            /* CXM_OK, CXM_ENOMEM, or CXM_EOUT_OF_RANGE at row bad_row */
	size_t bad_row;
	double *n, *miss;  /* k each */
	unsigned char *wh; /* k */
	double *stat;      /* k x 8: mean, var, median, p25, p75, the rest's mean, var, n */
	double pop_n, pop_mean, pop_var, pop_med;
};

static void numres_free(struct numres *r)
{
	cxm__free(r->n);
	cxm__free(r->miss);
	cxm__free(r->wh);
	cxm__free(r->stat);
}

/* Everything of one numeric column; buf holds n_pop values. Fails without a message
   (r->st): the caller names the column and row on its own thread. */
static void numeric_compute(const struct ctx *c, struct numres *res, double *buf)
{
	const double *x = res->col->x;
	cxm__fsum *sum = NULL, pop[3];
	double pivot = NAN;
	size_t r, s, m, k = c->k;

	res->n = cxm__calloc(k, sizeof *res->n);
	res->miss = cxm__calloc(k, sizeof *res->miss);
	res->wh = cxm__calloc(k, 1);
	res->stat = cxm__calloc(8 * k, sizeof *res->stat);
	sum = cxm__calloc(3 * k, sizeof *sum);
	if (!res->n || !res->miss || !res->wh || !res->stat || !sum) {
		res->st = CXM_ENOMEM;
		goto done;
	}
	for (s = 0; s < 3 * k; s++)
		cxm__fsum_init(&sum[s]);
	for (r = 0; r < c->n_rows; r++) {
		double v = x[r], y;
		if (isinf(v)) {
			res->st = CXM_EOUT_OF_RANGE;
			res->bad_row = r;
			goto done;
		}
		s = c->seg[r];
		if (s == UINT32_MAX)
			continue;
		if (isnan(v)) {
			res->miss[s] += 1.0;
			continue;
		}
		if (isnan(pivot))
			pivot = v;
		y = v - pivot;
		res->n[s] += 1.0;
		cxm__fsum_add(&sum[3 * s], v);
		cxm__fsum_add(&sum[3 * s + 1], y);
		cxm__fsum_add(&sum[3 * s + 2], y * y);
	}
	for (m = 0; m < 3; m++)
		cxm__fsum_init(&pop[m]);
	res->pop_n = 0;
	for (s = 0; s < k; s++) {
		for (m = 0; m < 3; m++)
			fsum_merge(&pop[m], &sum[3 * s + m], 1.0);
		res->pop_n += res->n[s];
	}
	moments(&res->pop_mean, &res->pop_var, &pop[0], &pop[1], &pop[2], res->pop_n);
	res->pop_med = NAN;
	if (res->pop_n >= (double)c->min_n && res->pop_n > 0) {
		size_t i = 0;
		for (r = 0; r < c->n_rows; r++)
			if (c->seg[r] != UINT32_MAX && !isnan(x[r]))
				buf[i++] = x[r];
		res->pop_med = quantile7(buf, i, 0.5);
	} else {
		res->pop_mean = res->pop_var = NAN;
	}
	cxm__persona_withhold_numeric(res->wh, res->n, k, c->min_n);
	for (s = 0; s < k; s++) {
		double *st = res->stat + 8 * s;
		cxm__fsum rest[3];
		size_t i = 0, t;
		for (m = 0; m < 8; m++)
			st[m] = NAN;
		if (res->wh[s])
			continue;
		moments(&st[0], &st[1], &sum[3 * s], &sum[3 * s + 1], &sum[3 * s + 2], res->n[s]);
		for (t = c->off[s]; t < c->off[s + 1]; t++)
			if (!isnan(x[c->order[t]]))
				buf[i++] = x[c->order[t]];
		quantiles(buf, i, &st[3], &st[2], &st[4]);
		for (m = 0; m < 3; m++) {
			cxm__fsum_init(&rest[m]);
			fsum_merge(&rest[m], &pop[m], 1.0);
			fsum_merge(&rest[m], &sum[3 * s + m], -1.0);
		}
		st[7] = res->pop_n - res->n[s];
		moments(&st[5], &st[6], &rest[0], &rest[1], &rest[2], st[7]);
	}
	res->st = CXM_OK;
done:
	cxm__free(sum);
}

/* Into the set: the persona's attribute records and the column's tests. */
static int numeric_fill(struct ctx *c, const struct numres *res, uint32_t j, cxm__attribute **dst, int test)
{
	size_t s;
	int st;
	if (res->st == CXM_EOUT_OF_RANGE)
		return cxm__fail(CXM_EOUT_OF_RANGE, "row %zu, column '%s': %g is not a finite number", res->bad_row + 1,
				 res->col->name, res->col->x[res->bad_row]);
	if (res->st < 0)
		return nomem("a numeric attribute");
	for (s = 0; s < c->k; s++) {
		cxm__attribute *a = dst[s];
		const double *v = res->stat + 8 * s;
		if (!a)
			continue;
		a->categorical = 0;
		a->n = res->n[s];
		a->missing = res->miss[s];
		a->withheld = res->wh[s];
		a->population_mean = res->pop_mean;
		a->population_sd = sqrt(res->pop_var);
		a->population_median = res->pop_med;
		a->mean = v[0];
		a->sd = sqrt(v[1]);
		a->median = v[2];
		a->p25 = v[3];
		a->p75 = v[4];
		a->withheld_count = 0;
		if (test && !res->wh[s] && !isnan(res->pop_mean)) {
			cxm__ptest t;
			memset(&t, 0, sizeof t);
			if (cxm__ptest_numeric(&t, v[0], v[1], res->n[s], v[5], v[6], v[7], res->pop_mean)) {
				t.persona = (uint32_t)s;
				t.attribute = j;
				t.position = 0;
				t.attribute_name = a->name;
				if ((st = cxm__ptests_push(&c->tests, &t)) < 0)
					return st;
			}
		}
	}
	return CXM_OK;
}

/* The numeric columns on `threads` threads: thread w takes columns w, w + threads, ...,
   each with its own scratch, so the results do not depend on the thread count. */
struct numteam {
	const struct ctx *c;
	struct numres *res;
	size_t n_res, threads, w;
	double *buf;
	void *block;
	int st;
};

static void *numeric_worker(void *arg)
{
	struct numteam *t = arg;
	size_t j;
	for (j = t->w; j < t->n_res; j += t->threads)
		numeric_compute(t->c, &t->res[j], t->buf);
	return NULL;
}

static int numeric_all(const struct ctx *c, struct numres *res, size_t n_res, unsigned threads)
{
	struct numteam team[64];
	pthread_t tid[64];
	int started[64];
	size_t T = threads ? threads : cxm__default_threads(), w;
	int st = CXM_OK;
	if (T > n_res)
		T = n_res;
	if (c->n_pop < 2 * CXM__CHUNK_ROWS) /* small tables: not worth a thread */
		T = 1;
	if (T > 64)
		T = 64;
	if (T < 1)
		T = 1;
	for (w = 0; w < T; w++) {
		team[w].c = c;
		team[w].res = res;
		team[w].n_res = n_res;
		team[w].threads = T;
		team[w].w = w;
		team[w].buf = NULL;
		team[w].block = NULL;
		started[w] = 0;
	}
	for (w = 0; w < T; w++)
		if ((st = cxm__alloc_big(&team[w].buf, &team[w].block, c->n_pop ? c->n_pop : 1, sizeof(double),
					 "the values per persona")) < 0) {
			T = w; /* those with scratch */
			goto done;
		}
	for (w = 1; w < T; w++)
		started[w] = cxm__thread_start(&tid[w], numeric_worker, &team[w]);
	numeric_worker(&team[0]);
	for (w = 1; w < T; w++) {
		if (started[w])
			pthread_join(tid[w], NULL);
		else
			numeric_worker(&team[w]); /* no thread: here */
	}
done:
	for (w = 0; w < T; w++)
		cxm__free_big(team[w].block);
	return st;
}

/* ---- categorical columns -------------------------------------------------------------------- */

struct lv {
	double count, pop;
	uint32_t code;
	int withheld;
};

/* shown cells first, by count desc, population count desc, code; then withheld ones by code */
static int cmp_lv(const void *a, const void *b)
{
	const struct lv *x = a, *y = b;
	if ((x->withheld != 0) != (y->withheld != 0))
		return x->withheld ? 1 : -1;
	if (!x->withheld) {
		if (x->count != y->count)
			return x->count > y->count ? -1 : 1;
		if (x->pop != y->pop)
			return x->pop > y->pop ? -1 : 1;
	}
	return x->code < y->code ? -1 : x->code > y->code;
}

static int categorical(struct ctx *c, const cxm__pcol *col, uint32_t j, cxm__attribute **dst, int test)
{
	size_t L = col->n_levels, k = c->k, r, s, l, shown_levels = 0;
	double *cnt = NULL, *pop = NULL, *n = NULL, *miss = NULL, pop_n = 0;
	int *flags = NULL, *pop_flags = NULL, st;
	unsigned char *skip = NULL;
	char **copy = NULL;
	struct lv *lv = NULL;

	if (L == 0 || !col->levels) {
		st = cxm__fail(CXM_EBAD_ARG, "column '%s' has codes but no levels", col->name);
		goto done;
	}
	if ((st = cxm__alloc_array(&cnt, k * L, sizeof *cnt, "a categorical attribute's counts")) < 0 ||
	    (st = cxm__alloc_array(&flags, k * L, sizeof *flags, "a categorical attribute's flags")) < 0 ||
	    (st = cxm__alloc_array(&pop, L, sizeof *pop, "a categorical attribute's counts")) < 0 ||
	    (st = cxm__alloc_array(&pop_flags, L, sizeof *pop_flags, "a categorical attribute's flags")) < 0 ||
	    (st = cxm__alloc_array(&skip, L, 1, "a categorical attribute's levels")) < 0 ||
	    (st = cxm__alloc_array(&copy, L, sizeof *copy, "a categorical attribute's levels")) < 0 ||
	    (st = cxm__alloc_array(&lv, L, sizeof *lv, "a categorical attribute's levels")) < 0 ||
	    (st = cxm__alloc_array(&n, k, sizeof *n, "a categorical attribute's counts")) < 0 ||
	    (st = cxm__alloc_array(&miss, k, sizeof *miss, "a categorical attribute's counts")) < 0)
		goto done;
	memset(cnt, 0, k * L * sizeof *cnt);
	memset(flags, 0, k * L * sizeof *flags);
	memset(pop, 0, L * sizeof *pop);
	memset(pop_flags, 0, L * sizeof *pop_flags);
	memset(copy, 0, L * sizeof *copy);
	memset(n, 0, k * sizeof *n);
	memset(miss, 0, k * sizeof *miss);
	for (l = 0; l < L; l++)
		skip[l] = !col->levels[l] || !col->levels[l][0];
	for (r = 0; r < c->n_rows; r++) {
		uint32_t code = col->codes[r];
		if (code >= L) {
			st = cxm__fail(CXM_EBAD_ARG, "row %zu, column '%s': level code %u of %zu levels", r + 1,
				       col->name, (unsigned)code, L);
			goto done;
		}
		s = c->seg[r];
		if (s == UINT32_MAX)
			continue;
		if (skip[code])
			miss[s] += 1.0;
		else
			cnt[s * L + code] += 1.0;
	}
	for (s = 0; s < k; s++)
		for (l = 0; l < L; l++) {
			pop[l] += cnt[s * L + l];
			n[s] += cnt[s * L + l];
		}
	for (l = 0; l < L; l++) {
		if (!skip[l] && pop[l] == 0.0)
			skip[l] = 1; /* no customer of the population has it */
		if (!skip[l]) {
			pop_n += pop[l];
			shown_levels++;
		}
	}
	cxm__persona_withhold_table(flags, pop_flags, cnt, pop, skip, k, L, c->min_n);

	for (s = 0; s < k; s++) {
		cxm__attribute *a = dst[s];
		size_t i = 0;
		double withheld = 0;
		if (!a)
			continue;
		a->categorical = 1;
		a->n = n[s];
		a->missing = miss[s];
		a->withheld = n[s] < (double)c->min_n;
		a->mean = a->sd = a->median = a->p25 = a->p75 = NAN;
		a->population_mean = a->population_sd = a->population_median = NAN;
		a->levels = CXM__PERSONA_NEW(c->set, cxm__cell, shown_levels ? shown_levels : 1);
		if (!a->levels) {
			st = nomem("a persona's demographics");
			goto done;
		}
		for (l = 0; l < L; l++) {
			if (skip[l])
				continue;
			lv[i].count = cnt[s * L + l];
			lv[i].pop = pop[l];
			lv[i].code = (uint32_t)l;
			lv[i].withheld = flags[s * L + l];
			if (lv[i].withheld)
				withheld += lv[i].count;
			i++;
		}
		qsort(lv, i, sizeof *lv, cmp_lv);
		for (i = 0; i < shown_levels; i++) {
			cxm__cell *cell = &a->levels[i];
			uint32_t code = lv[i].code;
			if (!copy[code] && !(copy[code] = cxm__persona_strdup(c->set, col->levels[code]))) {
				st = nomem("a persona's demographics");
				goto done;
			}
			cell->level = copy[code];
			cell->withheld = lv[i].withheld;
			cell->count = cell->withheld ? NAN : lv[i].count;
			cell->share = cell->withheld ? NAN : 100.0 * lv[i].count / n[s];
			cell->population_count = pop_flags[code] ? NAN : lv[i].pop;
			cell->population_share = pop_flags[code] ? NAN : 100.0 * lv[i].pop / pop_n;
			if (test && !cell->withheld) {
				cxm__ptest t;
				memset(&t, 0, sizeof t);
				if (cxm__ptest_level(&t, lv[i].count, n[s], lv[i].pop, pop_n)) {
					t.persona = (uint32_t)s;
					t.attribute = j;
					t.position = (uint32_t)i;
					t.attribute_name = a->name;
					t.value = cell->level;
					if ((st = cxm__ptests_push(&c->tests, &t)) < 0)
						goto done;
				}
			}
		}
		a->n_levels = shown_levels;
		a->withheld_count = withheld;
	}
	st = CXM_OK;
done:
	cxm__free(cnt);
	cxm__free(flags);
	cxm__free(pop);
	cxm__free(pop_flags);
	cxm__free(skip);
	cxm__free(copy);
	cxm__free(lv);
	cxm__free(n);
	cxm__free(miss);
	return st;
}

/* ---- the whole set ---------------------------------------------------------------------------- */

static int is_rfm(const cxm__pcol *col)
{
	return col->role && strcmp(col->role, "rfm_segment") == 0;
}

int cxm__persona_describe(cxm_persona_set *set, const cxm__pcol *cols, size_t n_cols, const uint32_t *seg,
			  size_t n_rows, const cxm_persona_opts *opts)
{
	struct ctx c;
	size_t min_n = opts ? opts->min_n : CXM_PERSONA_MIN_N_DEFAULT;
	size_t most = opts ? opts->identifiers : CXM_PERSONA_IDENTIFIERS_DEFAULT;
	double fdr = opts ? opts->fdr : CXM_PERSONA_FDR_DEFAULT;
	size_t r, s, j, n_demo = 0, n_rfm = 0, any_numeric = 0, n_num = 0, at_num = 0;
	unsigned threads = opts ? opts->threads : 1;
	cxm__attribute **dst = NULL;
	struct numres *res = NULL;
	int st;

	memset(&c, 0, sizeof c);
	if ((st = cxm__check_ptr(set, "set")) < 0 || (st = cxm__check_array(cols, n_cols, "cols")) < 0 ||
	    (st = cxm__check_array(seg, n_rows, "seg")) < 0)
		return st;
	if (min_n < 1)
		min_n = 1;
	for (j = 0; j < n_cols; j++) {
		const cxm__pcol *col = &cols[j];
		if (!col->name)
			return cxm__fail(CXM_EBAD_ARG, "cols[%zu] has no name", j);
		if (!col->x == !col->codes)
			return cxm__fail(CXM_EBAD_ARG, "column '%s' must have numbers or level codes, one of them",
					 col->name);
		if (is_rfm(col)) {
			if (++n_rfm > 1)
				return cxm__fail(CXM_EBAD_ARG, "column '%s' is a second rfm_segment column", col->name);
		} else {
			n_demo++;
		}
		any_numeric |= col->x != NULL;
	}
	if (set->n_personas >= UINT32_MAX)
		return cxm__fail(CXM_EBAD_ARG, "%zu personas are too many", set->n_personas);
	c.set = set;
	c.seg = seg;
	c.n_rows = n_rows;
	c.k = set->n_personas;
	c.min_n = min_n;
	for (r = 0; r < n_rows; r++) {
		if (seg[r] == UINT32_MAX)
			continue;
		if (seg[r] >= c.k)
			return cxm__fail(CXM_EBAD_ARG, "row %zu: persona %u of a set of %zu", r + 1, (unsigned)seg[r],
					 c.k);
		if (set->personas[seg[r]].suppressed)
			return cxm__fail(CXM_EBAD_ARG, "row %zu: persona %s is suppressed, its rows are outside the population",
					 r + 1, set->personas[seg[r]].id ? set->personas[seg[r]].id : "?");
		c.n_pop++;
	}
	if (c.k == 0)
		return CXM_OK;
	if ((st = cxm__alloc_array(&dst, c.k, sizeof *dst, "the demographics")) < 0)
		return st;
	if (any_numeric) {
		if ((st = cxm__alloc_array(&c.off, c.k + 1, sizeof *c.off, "the rows per persona")) < 0 ||
		    (st = cxm__alloc_big(&c.order, &c.order_block, c.n_pop ? c.n_pop : 1, sizeof *c.order,
					 "the rows per persona")) < 0)
			goto done;
		for (j = 0; j < n_cols; j++)
			n_num += cols[j].x != NULL;
		if ((res = cxm__calloc(n_num, sizeof *res)) == NULL) {
			st = nomem("the numeric attributes");
			goto done;
		}
		for (j = 0, n_num = 0; j < n_cols; j++)
			if (cols[j].x)
				res[n_num++].col = &cols[j];
		memset(c.off, 0, (c.k + 1) * sizeof *c.off);
		for (r = 0; r < n_rows; r++)
			if (seg[r] != UINT32_MAX)
				c.off[seg[r] + 1]++;
		for (s = 0; s < c.k; s++)
			c.off[s + 1] += c.off[s];
		for (r = 0; r < n_rows; r++)
			if (seg[r] != UINT32_MAX)
				c.order[c.off[seg[r]]++] = r;
		for (s = c.k; s > 0; s--)
			c.off[s] = c.off[s - 1];
		c.off[0] = 0;
		if ((st = numeric_all(&c, res, n_num, threads)) < 0)
			goto done;
	}
	/* the records: demographics in column order, the RFM mix apart */
	for (s = 0; s < c.k; s++) {
		cxm__persona *p = &set->personas[s];
		if (p->suppressed)
			continue;
		p->demographics = CXM__PERSONA_NEW(set, cxm__attribute, n_demo ? n_demo : 1);
		p->n_demographics = n_demo;
		if (n_rfm)
			p->rfm_mix = CXM__PERSONA_NEW(set, cxm__attribute, 1);
		p->identifiers = NULL;
		p->n_identifiers = 0;
		if (!p->demographics || (n_rfm && !p->rfm_mix)) {
			st = nomem("a persona's demographics");
			goto done;
		}
	}
	for (j = 0, n_demo = 0; j < n_cols; j++) {
		const cxm__pcol *col = &cols[j];
		int rfm = is_rfm(col);
		for (s = 0; s < c.k; s++) {
			cxm__persona *p = &set->personas[s];
			cxm__attribute *a;
			dst[s] = NULL;
			if (p->suppressed)
				continue;
			a = rfm ? p->rfm_mix : &p->demographics[n_demo];
			a->name = cxm__persona_strdup(set, col->name);
			a->role = cxm__persona_strdup(set, col->role ? col->role : "attribute");
			if (!a->name || !a->role) {
				st = nomem("a persona's demographics");
				goto done;
			}
			dst[s] = a;
		}
		st = col->x ? numeric_fill(&c, &res[at_num++], (uint32_t)n_demo, dst, !rfm)
			    : categorical(&c, col, (uint32_t)n_demo, dst, !rfm);
		if (st < 0)
			goto done;
		if (!rfm)
			n_demo++;
	}
	st = cxm__persona_identify(set, &c.tests, fdr, most);
done:
	cxm__ptests_free(&c.tests);
	cxm__free(dst);
	cxm__free(c.off);
	cxm__free_big(c.order_block);
	for (j = 0; res && j < n_num; j++)
		numres_free(&res[j]);
	cxm__free(res);
	return st;
}
