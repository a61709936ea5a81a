/*
 * lib/rfm/customers.c - order rows to per-customer RFM inputs, as
 * rfm_prep_table_data (spec §7.1), with the returns policy of spec §7.6.
 *
 * One pass over the rows: each row's customer is found in the library's hash
 * table (cxm__texts for text ids, cxm__distinct for numeric ones; a table's
 * TEXT column is interned already, so its codes are the customers) and its
 * accumulator updated. Only the distinct customers are sorted, at the end.
 *
 * Amounts are summed exactly, as math.fsum (§0.9), without an exact
 * accumulator per customer: each customer keeps a double-double (hi, lo)
 * updated by error-free TwoSum steps (hi + x = s + e exactly), and the
 * rounding errors f of folding e into lo (lo + e = t + f exactly, TwoSum
 * again) are the only bits lost: the exact sum is hi + lo + F, F the sum of
 * the f, |F| <= C = the sum of |f| (kept, inflated for its own rounding). At
 * the end r = fl(hi + lo) and its exact error d (TwoSum); r is the correctly
 * rounded exact sum when |d| + C is below half the gap to r's neighbours.
 * The customers for which that cannot be shown (and those whose hi
 * overflowed) are summed again with the exact accumulator (signed_sum.h)
 * in a second pass over their rows only: rare for real amounts.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "distinct.h"
#include "parallel.h"
#include "names.h"
#include "rfm_internal.h"
#include "xsum.h"
#include "io/io_internal.h"
#include "txlog/txlog_internal.h"

static const cxm__word returns_words[] = {
	{ "keep", CXM_RFM_RETURNS_KEEP }, { "net", CXM_RFM_RETURNS_NET },
	{ "drop", CXM_RFM_RETURNS_DROP }, { "error", CXM_RFM_RETURNS_ERROR }
};
const cxm__names cxm__rfm_returns_names = CXM__NAMES("returns", returns_words, 0);


/* One customer's accumulator. */
typedef struct acc {
	double last;     /* latest order day; -inf before the first order */
	double hi, lo;   /* the amount: hi + lo + (at most err) */
	double err;      /* sum of the |f| lost folding errors into lo */
	double orders;   /* order rows */
	int inexact;     /* hi + lo lost bits: summed again exactly */
	int seen;        /* any row (an order or a return) */
} acc;

/* What a pass collects besides the customers. */
typedef struct agg {
	acc *a;
	size_t cap;
	int returns;
	size_t order_rows, return_rows, inexact;
	cxm__xsum return_amount; /* sum of |amount| of return rows */
} agg;

static int agg_room(agg *g, size_t count, const char *what)
{
	size_t cap;
	acc *a;
	if (count <= g->cap)
		return CXM_OK;
	cap = g->cap ? g->cap : 1024;
	while (cap < count)
		cap *= 2;
	if (cap > (size_t)-1 / sizeof *a || !(a = cxm__realloc(g->a, cap * sizeof *a)))
		return cxm__fail(CXM_ENOMEM, "%s: no memory for %zu customers", what, cap);
	g->a = a;
	g->cap = cap;
	return CXM_OK;
}

static void acc_init(acc *a)
{
	a->last = -INFINITY;
	a->hi = a->lo = a->err = 0.0;
	a->orders = 0.0;
	a->inexact = 0;
	a->seen = 0;
}

/* (hi, lo) += x, error-free while it can be (see the file comment). */
static inline void acc_add(acc *a, double x)
{
	double s = a->hi + x, bp = s - a->hi, e = (a->hi - (s - bp)) + (x - bp);
	double t = a->lo + e, tp = t - a->lo, f = (a->lo - (t - tp)) + (e - tp);
	a->hi = s;
	a->lo = t;
	a->err += fabs(f);
	if (!isfinite(s) || !isfinite(t))
		a->inexact = 1;
}

/* fl(hi + lo) when it is provably the correct rounding of hi + lo + F,
 * |F| <= err; else mark the customer inexact. */
static void acc_round(acc *a)
{
	double r = a->hi + a->lo, bp = r - a->hi, d = (a->hi - (r - bp)) + (a->lo - bp), ar, up, down, half;
	if (a->inexact || !isfinite(r)) {
		a->inexact = 1;
		return;
	}
	if (a->err == 0.0) {
		a->hi = r; /* hi + lo is the exact sum */
		a->lo = 0.0;
		return;
	}
	ar = fabs(r);
	up = nextafter(ar, INFINITY) - ar;
	down = ar - nextafter(ar, 0.0);
	half = (ar == 0.0 ? up : (up < down ? up : down)) * 0.5;
	/* err is a float sum of n terms: inflate it well past its own rounding */
	if (fabs(d) + a->err * (1.0 + 0x1p-20) < half) {
		a->hi = r;
		a->lo = 0.0;
		a->err = 0.0;
	} else {
		a->inexact = 1;
	}
}

/* 1 when row i is a return: a negative amount or a cancelled flag. */
static inline int is_return(double amount, const uint8_t *cancelled, size_t i)
{
	return amount < 0.0 || (cancelled && cancelled[i]);
}

/* Row i of customer k, under the policy (checked: ERROR never gets here with a return). */
static inline void agg_row(agg *g, size_t k, double day, double amount, int ret)
{
	acc *a = g->a + k;
	a->seen = 1;
	if (!ret || g->returns == CXM_RFM_RETURNS_KEEP) {
		if (ret) {
			g->return_rows++;
			cxm__xsum_add(&g->return_amount, fabs(amount));
		}
		g->order_rows++;
		a->orders += 1.0;
		if (day > a->last)
			a->last = day;
		acc_add(a, amount);
		return;
	}
	g->return_rows++;
	cxm__xsum_add(&g->return_amount, fabs(amount));
	if (g->returns == CXM_RFM_RETURNS_NET)
		acc_add(a, -fabs(amount));
}

/* ---- checks ------------------------------------------------------------------ */

typedef struct rows_in {
	const char *const *ids; /* text ids, or */
	const double *nids;     /* numeric ids, or */
	const uint32_t *codes;  /* a table's codes (n_customers levels) */
	const char *const *levels;
	size_t n_levels;
	const double *days, *amounts;
	const uint8_t *cancelled;
	size_t n;
	double analysis_day, until_day;
	int returns;
	int fine; /* every row passed rows_fine already */
} rows_in;

#define MAX_EXACT 9007199254740992.0 /* 2^53: numeric ids are whole and at most this */

/* The customer of row i, as a message quotes it. */
static const char *row_id(const rows_in *in, size_t i, char *buf, size_t cap)
{
	const char *s;
	if (in->nids) {
		cxm__snprintf_c(buf, cap, "%.17g", in->nids[i]);
		return buf;
	}
	s = in->ids ? in->ids[i] : in->levels[in->codes[i]];
	cxm__quote_text(buf, cap, s, strlen(s));
	return buf;
}

static int kept(const rows_in *in, size_t i)
{
	return isnan(in->until_day) || in->days[i] <= in->until_day;
}

/* 1 when x is surely whole with |x| <= 2^53, by adding and taking away 2^52
 * (|x| < 2^52 rounds to a whole number, so the sum comes back to |x| only when
 * it is whole): no call to floor() (baseline x86-64 has no rounding
 * instruction) and vectorised. NaN and infinities fail the first test; odd
 * numbers in [2^52, 2^53] fail the second, and are left to the checks. */
static inline int whole_53(double x)
{
	return fabs(x) <= MAX_EXACT && x == (double)(int64_t)x;
}

/* Adds to acc[0] the rows of [begin, end) that a check of the rows may
 * refuse: an amount not finite, a day not whole (or beyond 2^53: left to the
 * checks), a kept day after the analysis day, a kept return under
 * returns = error, a numeric id not whole within +-2^53. */
static void count_bad_rows(double *acc, size_t begin, size_t end, void *ctx)
{
	const rows_in *in = ctx;
	size_t i, bad = 0;
	for (i = begin; i < end; i++) {
		double a = in->amounts[i], d = in->days[i];
		int k = kept(in, i);
		bad += !isfinite(a) | !whole_53(d) | (d < CXM__FIRST_DAY) | (d > CXM__LAST_DAY) |
		       (k & (d > in->analysis_day));
		if (in->returns == CXM_RFM_RETURNS_ERROR)
			bad += k & is_return(a, in->cancelled, i);
		if (in->nids)
			bad += !whole_53(in->nids[i]);
	}
	acc[0] += (double)bad;
}

/* in->fine = 1 when no row breaks a rule: one pass over the rows, on every
 * thread. The checks that name the first offence, in the reference's order,
 * run only when it is 0. Errors: NOMEM. */
static int rows_fine(rows_in *in)
{
	double bad;
	int rc;
	if ((rc = cxm__parallel_sum(&bad, 1, in->n, count_bad_rows, in, 0)) < 0)
		return rc;
	in->fine = bad == 0.0;
	return CXM_OK;
}

/* In the reference's order (§7.1): analysis day, revenues (NaN, then
 * infinite), then row by row the order day; then the returns policy. */
static int check_rows(rows_in *in, const char *amounts_name)
{
	char quoted[CXM__QUOTE_MAX + 4];
	size_t i;
	int rc;
	if (in->n == 0)
		return cxm__fail(CXM_EEMPTY, "no order rows");
	if ((rc = cxm__check_date_day(in->analysis_day, "analysis_day", 0, 0)) < 0)
		return rc;
	if (!in->fine && (rc = rows_fine(in)) < 0)
		return rc;
	if (in->fine)
		return CXM_OK;
	/* a bad value is named by its customer too (the caller gave ids) */
	for (i = 0; i < in->n; i++)
		if (isnan(in->amounts[i]))
			return cxm__fail(CXM_ENAN, "%s[%zu] is NaN", amounts_name, i),
			       cxm__customer_context(row_id(in, i, quoted, sizeof quoted), i);
	for (i = 0; i < in->n; i++)
		if (isinf(in->amounts[i]))
			return cxm__fail(CXM_EOUT_OF_RANGE, "%s[%zu] = %.17g is infinite", amounts_name, i,
					 in->amounts[i]), cxm__customer_context(row_id(in, i, quoted, sizeof quoted), i);
	for (i = 0; i < in->n; i++) {
		/* a day of the years 0001..9999 (the later bound is the analysis day's):
		 * the pass keeps days as 32-bit integers */
		if ((rc = cxm__check_date_day(in->days[i], "order_days", 1, i)) < 0)
			return cxm__customer_context(row_id(in, i, quoted, sizeof quoted), i);
		if (in->days[i] > in->analysis_day && kept(in, i))
			return cxm__fail(CXM_EINCONSISTENT,
					 "order_days[%zu] = %.17g (customer \"%s\") is after analysis_day = %.17g",
					 i, in->days[i], row_id(in, i, quoted, sizeof quoted), in->analysis_day);
	}
	if (in->returns == CXM_RFM_RETURNS_ERROR)
		for (i = 0; i < in->n; i++)
			if (kept(in, i) && is_return(in->amounts[i], in->cancelled, i))
				return cxm__fail(CXM_EINCONSISTENT,
						 "row %zu (customer \"%s\") is a return (amount %.17g%s) and returns = error",
						 i, row_id(in, i, quoted, sizeof quoted), in->amounts[i],
						 in->cancelled && in->cancelled[i] ? ", cancelled" : "");
	return CXM_OK;
}

/* ---- the pass ------------------------------------------------------------------ */

/* ---- partitions: the customers split by hash over threads ------------------------- */

/* Rows between hashing a row's id (and asking for its first slot) and
 * reading that slot to ask for the key and the accumulator, and between that
 * and adding the row; RING > FAR (stage 1 of row i + FAR writes before
 * stage 3 of row i reads), a power of two. */
#define FAR 32
#define NEAR 16
#define RING 64
#define MAX_PARTS 8
/* Rows from which the work is split (threads, buckets): below, one thread. */
#define PARTITION_MIN 65536

/* One partition: the customers whose id hash falls in it, found by its own
 * table, every row scanned in order (so each customer's rows are added in
 * input order: results do not depend on the partition count). */
typedef struct part {
	const rows_in *in;
	unsigned p, np;
	cxm__texts ts;
	cxm__distinct ds;
	int have;
	agg g;
	const char *what;
	int rc;
} part;

static inline unsigned part_of(uint64_t h, unsigned np)
{
	/* middle bits: each table picks slots with the top bits */
	return (unsigned)(h >> 24) & (np - 1);
}

static inline uint64_t id_hash(const rows_in *in, size_t i, size_t *len)
{
	if (in->nids)
		return cxm__distinct_hash_n(in->nids + i, 1);
	*len = strlen(in->ids[i]);
	return cxm__texts_hash(in->ids[i], *len);
}

static void pass_part(part *P)
{
	const rows_in *in = P->in;
	uint64_t hash[RING];
	size_t len[RING], i, k, n = in->n;
	unsigned char mine[RING];
	agg *g = &P->g;
	int rc = CXM_OK;
	for (i = 0; i < n + FAR && rc == CXM_OK; i++) {
		if (i < n) { /* stage 1: hash row i, ask for its first slot */
			size_t r = i % RING;
			if (!in->nids && i + 16 < n)
				cxm__prefetch(in->ids[i + 16]);
			hash[r] = id_hash(in, i, &len[r]);
			mine[r] = part_of(hash[r], P->np) == P->p && kept(in, i);
			if (mine[r]) {
				if (in->nids)
					cxm__prefetch(P->ds.slot + (size_t)(hash[r] >> P->ds.shift));
				else
					cxm__texts_prefetch(&P->ts, hash[r]);
			}
		}
		if (i >= FAR - NEAR && i - (FAR - NEAR) < n) { /* stage 2: the key and the accumulator */
			size_t j = i - (FAR - NEAR), r = j % RING, s;
			if (mine[r]) {
				if (in->nids) {
					s = P->ds.slot[(size_t)(hash[r] >> P->ds.shift)];
					if (s)
						cxm__prefetch(cxm__distinct_row(&P->ds, s - 1));
				} else {
					s = (uint32_t)P->ts.slot[(size_t)(hash[r] >> P->ts.shift)];
					if (s)
						cxm__prefetch(P->ts.str + (s - 1));
				}
				if (s && s - 1 < g->cap)
					cxm__prefetch(g->a + (s - 1));
			}
		}
		if (i >= FAR) { /* stage 3: add row j */
			size_t j = i - FAR, r = j % RING, before;
			if (!mine[r])
				continue;
			if (in->nids) {
				before = P->ds.count;
				rc = cxm__distinct_add_n(&P->ds, in->nids + j, 1, &k);
			} else {
				before = P->ts.count;
				rc = cxm__texts_add_hashed(&P->ts, in->ids[j], len[r], hash[r], &k);
			}
			if (rc < 0 || (rc = agg_room(g, k + 1, P->what)) < 0)
				break;
			if ((in->nids ? P->ds.count : P->ts.count) > before)
				acc_init(g->a + k);
			agg_row(g, k, in->days[j], in->amounts[j], is_return(in->amounts[j], in->cancelled, j));
		}
	}
	P->rc = rc;
}

static void *pass_thread(void *arg)
{
	pass_part(arg);
	return NULL;
}

static int pass_codes(agg *g, const rows_in *in, const char *what)
{
	size_t i;
	int rc;
	if ((rc = agg_room(g, in->n_levels, what)) < 0)
		return rc;
	for (i = 0; i < in->n_levels; i++)
		acc_init(g->a + i);
	for (i = 0; i < in->n; i++)
		if (kept(in, i))
			agg_row(g, in->codes[i], in->days[i], in->amounts[i],
				is_return(in->amounts[i], in->cancelled, i));
	return CXM_OK;
}

/* The customer number (in the merged order) of row i, or SIZE_MAX. */
typedef struct lookup {
	part *parts;
	unsigned np;
	size_t offset[MAX_PARTS];
} lookup;

static int customer_of(size_t *k, const lookup *L, const rows_in *in, size_t i)
{
	size_t len = 0, j;
	uint64_t h;
	part *P;
	int rc;
	if (in->codes) {
		*k = in->codes[i];
		return CXM_OK;
	}
	h = id_hash(in, i, &len);
	P = L->parts + part_of(h, L->np);
	if (in->nids) {
		j = cxm__distinct_find_n(&P->ds, in->nids + i, 1);
	} else if ((rc = cxm__texts_add_hashed(&P->ts, in->ids[i], len, h, &j)) < 0) {
		return rc; /* adding an id the set holds changes nothing */
	}
	*k = j == SIZE_MAX ? SIZE_MAX : L->offset[P->p] + j;
	return CXM_OK;
}

/* The exact sums of the customers marked inexact: a second pass over their rows. */
static int resum(agg *g, size_t count, const rows_in *in, const lookup *L, const char *what)
{
	size_t i, k, m = 0, *slot = NULL;
	cxm__ssum *sum = NULL;
	int rc;
	for (k = 0; k < count; k++)
		m += g->a[k].inexact != 0;
	if (m == 0)
		return CXM_OK;
	if ((rc = cxm__alloc_array(&slot, count, sizeof *slot, what)) < 0 ||
	    (rc = cxm__alloc_array(&sum, m, sizeof *sum, what)) < 0)
		goto done;
	for (k = 0, m = 0; k < count; k++) {
		slot[k] = g->a[k].inexact ? m : SIZE_MAX;
		if (g->a[k].inexact)
			cxm__ssum_init(&sum[m++]);
	}
	for (i = 0; i < in->n; i++) {
		double x = in->amounts[i];
		int ret;
		if (!kept(in, i))
			continue;
		if ((rc = customer_of(&k, L, in, i)) < 0)
			goto done;
		if (k == SIZE_MAX || slot[k] == SIZE_MAX)
			continue;
		ret = is_return(x, in->cancelled, i);
		if (!ret || g->returns == CXM_RFM_RETURNS_KEEP)
			cxm__ssum_add(&sum[slot[k]], x);
		else if (g->returns == CXM_RFM_RETURNS_NET)
			cxm__ssum_add(&sum[slot[k]], -fabs(x));
	}
	for (k = 0; k < count; k++) {
		if (slot[k] != SIZE_MAX) {
			g->a[k].hi = cxm__ssum_round(&sum[slot[k]]);
			g->a[k].lo = 0.0;
		}
	}
	rc = CXM_OK;
done:
	cxm__free(sum);
	cxm__free(slot);
	return rc;
}

/* ---- output -------------------------------------------------------------------- */

/* A customer's id and number, sorted by the id's bytes (qsort has no context). */
typedef struct named {
	const char *id;
	size_t k;
} named;

static int cmp_named(const void *pa, const void *pb)
{
	return strcmp(((const named *)pa)->id, ((const named *)pb)->id);
}

static int sort_texts(size_t *idx, size_t m, const char *const *str, const char *what)
{
	named *v;
	size_t i;
	int rc;
	if ((rc = cxm__alloc_array(&v, m, sizeof *v, what)) < 0)
		return rc;
	for (i = 0; i < m; i++) {
		v[i].id = str[idx[i]];
		v[i].k = idx[i];
	}
	qsort(v, m, sizeof *v, cmp_named);
	for (i = 0; i < m; i++)
		idx[i] = v[i].k;
	cxm__free(v);
	return CXM_OK;
}

/* Sort idx (customer numbers) by their numeric ids (distinct), with the
 * radix sort of radix.c: its byte passes skip the bytes all keys share (the
 * low mantissa bits of whole ids), and 256 counters stay in the cache. */
static int sort_numeric(size_t *idx, size_t m, const double *keys, size_t stride, const char *what)
{
	double *x = NULL;
	size_t *order = NULL, *sorted = NULL, i;
	void *xb = NULL, *ob = NULL, *sb = NULL;
	int rc;
	if ((rc = cxm__alloc_big(&x, &xb, m, sizeof *x, what)) < 0 ||
	    (rc = cxm__alloc_big(&order, &ob, m, sizeof *order, what)) < 0 ||
	    (rc = cxm__alloc_big(&sorted, &sb, m, sizeof *sorted, what)) < 0)
		goto done;
	for (i = 0; i < m; i++)
		x[i] = keys[idx[i] * stride];
	if ((rc = cxm__rfm_radix_order(order, x, m, what)) < 0)
		goto done;
	for (i = 0; i < m; i++)
		sorted[i] = idx[order[i]];
	memcpy(idx, sorted, m * sizeof *idx);
done:
	cxm__free_big(sb);
	cxm__free_big(ob);
	cxm__free_big(xb);
	return rc;
}

static int build_table(cxm_table **out, agg *g, size_t count, const char *const *str, const double *num,
		       size_t num_stride, const rows_in *in, int extra, const char *what)
{
	cxm_table *t = NULL;
	size_t *idx = NULL, i, m = 0;
	void *idx_block = NULL;
	const char **ids = NULL;
	double *nid = NULL, *recency = NULL, *orders = NULL, *amount = NULL;
	int rc;
	for (i = 0; i < count; i++)
		m += g->a[i].orders > 0.0;
	if (m == 0 && g->return_rows == 0)
		return cxm__fail(CXM_EEMPTY, "no order rows on or before until_day");
	if (m == 0)
		return cxm__fail(CXM_EEMPTY, "no customer has an order: the %zu rows are all returns (returns = %s)",
				 g->return_rows, cxm__names_word(&cxm__rfm_returns_names, g->returns));
	if ((rc = cxm__alloc_big(&idx, &idx_block, m, sizeof *idx, what)) < 0)
		return rc;
	for (i = 0, m = 0; i < count; i++)
		if (g->a[i].orders > 0.0)
			idx[m++] = i;
	if ((rc = str ? sort_texts(idx, m, str, what) : sort_numeric(idx, m, num, num_stride, what)) < 0)
		goto done;
	if ((rc = cxm_table_new(&t)) < 0)
		goto done;
	if (str) {
		if ((rc = cxm__alloc_array(&ids, m, sizeof *ids, what)) < 0)
			goto done;
		for (i = 0; i < m; i++)
			ids[i] = str[idx[i]];
		rc = cxm_table_add_texts(t, "customer_id", ids, m);
	} else if ((rc = cxm__table_add_column(&nid, t, "customer_id", CXM_TABLE_NUMBER, m)) == CXM_OK) {
		for (i = 0; i < m; i++)
			nid[i] = num[idx[i] * num_stride];
	}
	if (rc < 0 ||
	    (rc = cxm__table_add_column(&recency, t, "recency_days", CXM_TABLE_NUMBER, m)) < 0 ||
	    (rc = cxm__table_add_column(&orders, t, "transaction_count", CXM_TABLE_NUMBER, m)) < 0 ||
	    (rc = cxm__table_add_column(&amount, t, "amount", CXM_TABLE_NUMBER, m)) < 0 ||
	    (rc = cxm_table_set_attr_day(t, "analysis_day", in->analysis_day)) < 0 ||
	    (rc = cxm_table_set_row_name(t, "customers")) < 0)
		goto done;
	for (i = 0; i < m; i++) {
		const acc *a = g->a + idx[i];
		double total = a->hi + a->lo; /* exact pair, or lo = 0 after resum */
		if (isinf(total)) {
			char quoted[CXM__QUOTE_MAX + 4];
			if (str)
				cxm__quote_text(quoted, sizeof quoted, str[idx[i]], strlen(str[idx[i]]));
			else
				cxm__snprintf_c(quoted, sizeof quoted, "%.17g", num[idx[i] * num_stride]);
			rc = cxm__fail(CXM_EOUT_OF_RANGE, "the amount of customer \"%s\" overflows a double", quoted);
			goto done;
		}
		recency[i] = in->analysis_day - a->last;
		orders[i] = a->orders;
		amount[i] = total;
	}
	if (extra) {
		size_t without = 0;
		for (i = 0; i < count; i++)
			without += g->a[i].seen && g->a[i].orders == 0.0;
		if ((rc = cxm_table_set_attr_text(t, "returns", cxm__names_word(&cxm__rfm_returns_names, g->returns))) < 0 ||
		    (rc = cxm_table_set_attr_number(t, "order_rows", (double)g->order_rows)) < 0 ||
		    (rc = cxm_table_set_attr_number(t, "return_rows", (double)g->return_rows)) < 0 ||
		    (rc = cxm_table_set_attr_number(t, "return_amount", cxm__xsum_round(&g->return_amount))) < 0 ||
		    (rc = cxm_table_set_attr_number(t, "customers_without_orders", (double)without)) < 0)
			goto done;
	}
	*out = t;
	t = NULL;
	rc = CXM_OK;
done:
	cxm_table_free(t);
	cxm__free((void *)ids);
	cxm__free_big(idx_block);
	return rc;
}

/* Partitions for n rows: one per thread, a power of two (1 for small inputs). */
static unsigned part_count(size_t n)
{
	unsigned t = cxm__default_threads(), np = 1;
	if (n < PARTITION_MIN)
		return 1;
	while (np * 2 <= t && np * 2 <= MAX_PARTS)
		np *= 2;
	return np;
}

/* ---- numeric ids, many rows: radix-partitioned aggregation --------------------
 * A table of a million customers does not fit in any cache, so a row's lookup
 * misses it every time. With numeric ids and many rows the rows are first
 * scattered into NB buckets by their id's hash (sequential writes), then
 * each bucket is aggregated alone with a table of a few thousand customers
 * that stays in the cache. A customer's rows all land in one bucket, in input
 * order; buckets go to threads by number and their customers are appended
 * in bucket order, so the result does not depend on the thread count (and
 * the table is sorted by id at the end anyway). */
#define NB 256

typedef struct brow {
	double key, amount;
	int32_t day;     /* days fit: |day| <= 2932896 */
	uint32_t ret;    /* a return row */
} brow;

static inline unsigned bucket_of(uint64_t h)
{
	return (unsigned)(h >> 24) & (NB - 1);
}

/* The rows [begin, end) of one thread's share of the scatter: it counts its
 * rows per bucket, then writes them from the offsets its count gets (after the
 * rows of the shares before it, so each bucket holds its rows in input order
 * whatever the number of shares). */
typedef struct scatter_job {
	const rows_in *in;
	size_t begin, end;
	size_t next[NB]; /* rows per bucket, then where the next one goes */
	brow *rows;
} scatter_job;

static void *count_thread(void *arg)
{
	scatter_job *S = arg;
	const rows_in *in = S->in;
	size_t i;
	memset(S->next, 0, sizeof S->next);
	for (i = S->begin; i < S->end; i++)
		if (kept(in, i))
			S->next[bucket_of(cxm__distinct_hash_n(in->nids + i, 1))]++;
	return NULL;
}

static void *scatter_thread(void *arg)
{
	scatter_job *S = arg;
	const rows_in *in = S->in;
	size_t i;
	for (i = S->begin; i < S->end; i++) {
		brow *r;
		if (!kept(in, i))
			continue;
		r = S->rows + S->next[bucket_of(cxm__distinct_hash_n(in->nids + i, 1))]++;
		r->key = in->nids[i];
		r->amount = in->amounts[i];
		r->day = (int32_t)in->days[i];
		r->ret = (uint32_t)is_return(in->amounts[i], in->cancelled, i);
	}
	return NULL;
}

/* One thread's buckets: first, first + step, ... Their customers go to the
 * job's own arrays, bucket after bucket (room for one per row of its buckets:
 * only what the customers use is ever touched), found with one table emptied
 * for each bucket (a few thousand customers: it stays in the cache). */
typedef struct bucket_job {
	const brow *rows;
	const size_t *start; /* NB + 1 offsets */
	unsigned first, step;
	int returns;
	size_t *cust, *at;   /* per bucket: its customers, and the first one's place in keys / accs */
	double *keys;
	acc *accs;
	void *keys_block, *accs_block;
	size_t used;         /* customers so far */
	cxm__distinct ds;
	int have_ds;
	agg g;               /* order_rows, return_rows, return_amount of the job's buckets */
	const char *what;
	int rc;
} bucket_job;

static int one_bucket(bucket_job *J, unsigned b)
{
	const brow *r = J->rows + J->start[b];
	size_t n = J->start[b + 1] - J->start[b], i, k, m;
	cxm__distinct *ds = &J->ds;
	acc *a = J->accs + J->used;
	agg *g = &J->g;
	int rc = CXM_OK;
	J->cust[b] = 0;
	J->at[b] = J->used;
	if (n == 0)
		return CXM_OK;
	cxm__distinct_clear(ds);
	{
		/* agg_row works on g->a: point it at this bucket's accumulators */
		acc *saved = g->a;
		size_t saved_cap = g->cap;
		g->a = a;
		g->cap = n;
		for (i = 0; i < n; i++) {
			size_t before = ds->count;
			if ((rc = cxm__distinct_add_n(ds, &r[i].key, 1, &k)) < 0)
				break;
			if (ds->count > before)
				acc_init(a + k);
			agg_row(g, k, (double)r[i].day, r[i].amount, (int)r[i].ret);
		}
		g->a = saved;
		g->cap = saved_cap;
		if (rc < 0)
			return rc;
	}
	m = ds->count;
	for (k = 0; k < m; k++)
		acc_round(a + k);
	for (k = 0; k < m && !a[k].inexact; k++)
		;
	if (k < m) {
		/* exact sums for the customers the double-double could not settle */
		cxm__ssum *sum = NULL;
		size_t *slot = NULL, q = 0;
		if ((rc = cxm__alloc_array(&slot, m, sizeof *slot, J->what)) < 0)
			return rc;
		for (k = 0; k < m; k++)
			slot[k] = a[k].inexact ? q++ : SIZE_MAX;
		if ((rc = cxm__alloc_array(&sum, q, sizeof *sum, J->what)) < 0) {
			cxm__free(slot);
			return rc;
		}
		for (k = 0; k < q; k++)
			cxm__ssum_init(&sum[k]);
		for (i = 0; i < n; i++) {
			size_t c = cxm__distinct_find_n(ds, &r[i].key, 1);
			if (slot[c] == SIZE_MAX)
				continue;
			if (!r[i].ret || J->returns == CXM_RFM_RETURNS_KEEP)
				cxm__ssum_add(&sum[slot[c]], r[i].amount);
			else if (J->returns == CXM_RFM_RETURNS_NET)
				cxm__ssum_add(&sum[slot[c]], -fabs(r[i].amount));
		}
		for (k = 0; k < m; k++)
			if (slot[k] != SIZE_MAX) {
				a[k].hi = cxm__ssum_round(&sum[slot[k]]);
				a[k].lo = 0.0;
			}
		cxm__free(sum);
		cxm__free(slot);
	}
	for (k = 0; k < m; k++)
		J->keys[J->used + k] = cxm__distinct_row(ds, k)[0];
	J->cust[b] = m;
	J->used += m;
	return CXM_OK;
}

static void *bucket_thread(void *arg)
{
	bucket_job *J = arg;
	unsigned b;
	for (b = J->first; b < NB && J->rc == CXM_OK; b += J->step)
		J->rc = one_bucket(J, b);
	return NULL;
}

/* fn(jobs[t]) for t < nt, jobs 1.. on threads of their own where they start,
 * job 0 (and any whose thread did not start) here. */
static void run_jobs(void *(*fn)(void *), void *jobs, size_t job_size, unsigned nt)
{
	pthread_t tid[MAX_PARTS];
	int started[MAX_PARTS];
	unsigned t;
	for (t = 1; t < nt; t++)
		started[t] = cxm__thread_start(&tid[t], fn, (char *)jobs + t * job_size);
	fn(jobs);
	for (t = 1; t < nt; t++) {
		if (started[t])
			pthread_join(tid[t], NULL);
		else
			fn((char *)jobs + t * job_size);
	}
}

static int aggregate_partitioned(cxm_table **out, const rows_in *in, int extra, const char *what)
{
	size_t start[NB + 1], cust[NB], at[NB], i, count = 0, b;
	brow *rows = NULL;
	void *rows_block = NULL, *keys_block = NULL, *a_block = NULL;
	double *keys = NULL;
	scatter_job scat[MAX_PARTS];
	bucket_job jobs[MAX_PARTS];
	unsigned t, nt = part_count(in->n);
	agg g;
	int rc = CXM_OK;

	memset(&g, 0, sizeof g);
	memset(jobs, 0, sizeof jobs);
	g.returns = in->returns;
	cxm__xsum_init(&g.return_amount);
	/* count, then scatter, the kept rows by bucket, each share of the rows on a thread */
	for (t = 0; t < nt; t++) {
		scat[t].in = in;
		scat[t].begin = in->n / nt * t;
		scat[t].end = t + 1 == nt ? in->n : in->n / nt * (t + 1);
	}
	run_jobs(count_thread, scat, sizeof *scat, nt);
	for (b = 0, start[0] = 0; b < NB; b++) {
		size_t pos = start[b];
		for (t = 0; t < nt; t++) {
			size_t c = scat[t].next[b];
			scat[t].next[b] = pos;
			pos += c;
		}
		start[b + 1] = pos;
	}
	if ((rc = cxm__alloc_big(&rows, &rows_block, start[NB] ? start[NB] : 1, sizeof *rows, what)) < 0)
		goto done;
	for (t = 0; t < nt; t++)
		scat[t].rows = rows;
	run_jobs(scatter_thread, scat, sizeof *scat, nt);
	/* the buckets, over threads */
	for (t = 0; t < nt; t++) {
		bucket_job *J = jobs + t;
		size_t room = 0;
		for (b = t; b < NB; b += nt)
			room += start[b + 1] - start[b];
		J->rows = rows;
		J->start = start;
		J->first = t;
		J->step = nt;
		J->returns = in->returns;
		J->cust = cust;
		J->at = at;
		J->g.returns = in->returns;
		cxm__xsum_init(&J->g.return_amount);
		J->what = what;
		if ((rc = cxm__alloc_big(&J->keys, &J->keys_block, room ? room : 1, sizeof *J->keys, what)) < 0 ||
		    (rc = cxm__alloc_big(&J->accs, &J->accs_block, room ? room : 1, sizeof *J->accs, what)) < 0 ||
		    (rc = cxm__distinct_init(&J->ds, 1, 4096, what)) < 0)
			goto done;
		J->have_ds = 1;
	}
	run_jobs(bucket_thread, jobs, sizeof *jobs, nt);
	for (t = 0; t < nt; t++) {
		if (rc == CXM_OK)
			rc = jobs[t].rc;
		g.order_rows += jobs[t].g.order_rows;
		g.return_rows += jobs[t].g.return_rows;
		cxm__xsum_merge(&g.return_amount, &jobs[t].g.return_amount);
	}
	if (rc < 0)
		goto done;
	cxm__free_big(rows_block);
	rows_block = NULL;
	/* the customers in bucket order */
	for (b = 0; b < NB; b++)
		count += cust[b];
	if ((rc = cxm__alloc_big(&g.a, &a_block, count ? count : 1, sizeof *g.a, what)) < 0 ||
	    (rc = cxm__alloc_big(&keys, &keys_block, count ? count : 1, sizeof *keys, what)) < 0)
		goto done;
	g.cap = count ? count : 1;
	for (b = 0, i = 0; b < NB; b++) {
		const bucket_job *J = jobs + b % nt;
		if (cust[b]) {
			memcpy(keys + i, J->keys + at[b], cust[b] * sizeof *keys);
			memcpy(g.a + i, J->accs + at[b], cust[b] * sizeof *g.a);
		}
		i += cust[b];
	}
	for (t = 0; t < nt; t++) { /* before the table: its columns take the memory back */
		cxm__free_big(jobs[t].keys_block);
		cxm__free_big(jobs[t].accs_block);
		jobs[t].keys_block = jobs[t].accs_block = NULL;
	}
	rc = build_table(out, &g, count, NULL, keys, 1, in, extra, what);
done:
	for (t = 0; t < nt; t++) {
		cxm__free_big(jobs[t].keys_block);
		cxm__free_big(jobs[t].accs_block);
		if (jobs[t].have_ds)
			cxm__distinct_free(&jobs[t].ds);
	}
	cxm__free_big(keys_block);
	cxm__free_big(rows_block);
	cxm__free_big(a_block);
	return rc;
}

/* The pass and the table, for any of the three kinds of id. */
static int aggregate(cxm_table **out, const rows_in *in, int extra, const char *what)
{
	part parts[MAX_PARTS];
	pthread_t tid[MAX_PARTS];
	int started[MAX_PARTS];
	unsigned np = in->codes ? 1 : part_count(in->n), p;
	size_t expected = in->n / 8 / np < 1024 ? 1024 : in->n / 8 / np;
	agg g;
	lookup L;
	const char **str = NULL;
	double *num = NULL;
	size_t count = 0, k;
	int rc = CXM_OK;

	if (in->nids && in->n >= PARTITION_MIN)
		return aggregate_partitioned(out, in, extra, what);
	memset(parts, 0, sizeof parts);
	memset(&g, 0, sizeof g);
	g.returns = in->returns;
	cxm__xsum_init(&g.return_amount);
	for (p = 0; p < np; p++) {
		part *P = parts + p;
		P->in = in;
		P->p = p;
		P->np = np;
		P->what = what;
		P->g.returns = in->returns;
		cxm__xsum_init(&P->g.return_amount);
		if (in->codes)
			continue;
		/* room for n / 8 customers per partition up front: pages not touched cost
		 * nothing, and growing (rehashing and copying, fresh pages each time) is
		 * what a large table would spend its time on */
		rc = in->nids ? cxm__distinct_init(&P->ds, 1, expected, what)
			      : cxm__texts_init_borrowed(&P->ts, expected, what);
		if (rc < 0)
			goto done;
		P->have = 1;
		if ((rc = agg_room(&P->g, expected, what)) < 0)
			goto done;
	}
	if (in->codes) {
		rc = pass_codes(&parts[0].g, in, what);
	} else {
		/* partitions 1.. on threads of their own where they start, 0 here */
		for (p = 1; p < np; p++)
			started[p] = cxm__thread_start(&tid[p], pass_thread, parts + p);
		pass_part(parts);
		for (p = 1; p < np; p++) {
			if (started[p])
				pthread_join(tid[p], NULL);
			else
				pass_part(parts + p);
		}
		for (p = 0; p < np && rc == CXM_OK; p++)
			rc = parts[p].rc;
	}
	if (rc < 0)
		goto done;
	/* the partitions merged: customers of partition 0, then 1, ... */
	for (p = 0; p < np; p++) {
		L.offset[p] = count;
		count += in->codes ? in->n_levels : in->nids ? parts[p].ds.count : parts[p].ts.count;
	}
	L.parts = parts;
	L.np = np;
	if (np == 1) {
		/* one partition: its arrays are the merged ones, no copy */
		part *P = parts;
		g.a = P->g.a;
		g.cap = P->g.cap;
		P->g.a = NULL;
		P->g.cap = 0;
		g.order_rows = P->g.order_rows;
		g.return_rows = P->g.return_rows;
		cxm__xsum_merge(&g.return_amount, &P->g.return_amount);
	} else {
		if ((rc = agg_room(&g, count, what)) < 0)
			goto done;
		if ((rc = in->nids ? cxm__alloc_array(&num, count ? count : 1, sizeof *num, what)
				   : cxm__alloc_array(&str, count ? count : 1, sizeof *str, what)) < 0)
			goto done;
		for (p = 0; p < np; p++) {
			part *P = parts + p;
			size_t m = in->nids ? P->ds.count : P->ts.count;
			if (m)
				memcpy(g.a + L.offset[p], P->g.a, m * sizeof *g.a);
			for (k = 0; k < m; k++) {
				if (in->nids)
					num[L.offset[p] + k] = cxm__distinct_row(&P->ds, k)[0];
				else
					str[L.offset[p] + k] = P->ts.str[k];
			}
			g.order_rows += P->g.order_rows;
			g.return_rows += P->g.return_rows;
			cxm__xsum_merge(&g.return_amount, &P->g.return_amount);
		}
	}
	for (k = 0; k < count; k++)
		acc_round(g.a + k);
	if ((rc = resum(&g, count, in, &L, what)) < 0)
		goto done;
	if (in->codes)
		rc = build_table(out, &g, count, in->levels, NULL, 0, in, extra, what);
	else if (in->nids)
		rc = build_table(out, &g, count, NULL, np == 1 ? parts[0].ds.keys : num, np == 1 ? parts[0].ds.stride : 1,
				 in, extra, what);
	else
		rc = build_table(out, &g, count, np == 1 ? parts[0].ts.str : str, NULL, 0, in, extra, what);
done:
	for (p = 0; p < np; p++) {
		if (parts[p].have) {
			if (in->nids)
				cxm__distinct_free(&parts[p].ds);
			else
				cxm__texts_free(&parts[p].ts);
		}
		cxm__free(parts[p].g.a);
	}
	cxm__free(num);
	cxm__free((void *)str);
	cxm__free(g.a);
	return rc;
}

/* ---- entry points ----------------------------------------------------------------- */

static int check_arrays(const void *ids, size_t n_ids, const double *days, size_t n_days, const double *amounts,
			size_t n_amounts, const char *amounts_name, const uint8_t *cancelled, size_t n_cancelled)
{
	int rc;
	if ((rc = cxm__check_array(ids, n_ids, "customer_ids")) < 0 ||
	    (rc = cxm__check_array(days, n_days, "order_days")) < 0 ||
	    (rc = cxm__check_array(amounts, n_amounts, amounts_name)) < 0 ||
	    (rc = cxm__check_array(cancelled, n_cancelled, "cancelled")) < 0)
		return rc;
	if (n_days != n_ids || n_amounts != n_ids)
		return cxm__fail(CXM_EBAD_ARG,
				 "customer_ids, order_days and %s have %zu, %zu and %zu entries; "
				 "they must be equal", amounts_name, n_ids, n_days, n_amounts);
	if (n_cancelled != 0 && n_cancelled != n_ids)
		return cxm__fail(CXM_EBAD_ARG, "cancelled has %zu entries but there are %zu rows; "
				 "give one flag per row, or none", n_cancelled, n_ids);
	return CXM_OK;
}

static int check_text_ids(const char *const *ids, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) /* a missing id is no customer (spec §16.3) */
		if (ids[i] == NULL || ids[i][0] == '\0')
			return cxm__missing_id_fail("customer_ids", i, ids[i] ? "an empty text" : "NULL");
	return CXM_OK;
}

cxm_status cxm_rfm_customers_aggregate(cxm_table **out, const char *const *customer_ids, size_t n_ids,
				const double *order_days, size_t n_days, const double *revenues,
				size_t n_revenues, double analysis_day)
{
	rows_in in;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = check_arrays(customer_ids, n_ids, order_days, n_days, revenues, n_revenues, "revenues", NULL, 0)) < 0 ||
	    (rc = check_text_ids(customer_ids, n_ids)) < 0)
		return rc;
	memset(&in, 0, sizeof in);
	in.ids = customer_ids;
	in.days = order_days;
	in.amounts = revenues;
	in.n = n_ids;
	in.analysis_day = analysis_day;
	in.until_day = NAN;
	in.returns = CXM_RFM_RETURNS_KEEP;
	if ((rc = check_rows(&in, "revenues")) < 0)
		return rc;
	return aggregate(out, &in, 0, "cxm_rfm_customers_aggregate");
}

cxm_status cxm_rfm_orders_aggregate(cxm_table **out, const char *const *customer_ids, size_t n_ids,
			     const double *order_days, size_t n_days, const double *amounts, size_t n_amounts,
			     const uint8_t *cancelled, size_t n_cancelled, double analysis_day, int returns)
{
	rows_in in;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = check_arrays(customer_ids, n_ids, order_days, n_days, amounts, n_amounts, "amounts", cancelled,
			       n_cancelled)) < 0 ||
	    (rc = check_text_ids(customer_ids, n_ids)) < 0 ||
	    (rc = cxm__names_check(&cxm__rfm_returns_names, returns)) < 0)
		return rc;
	memset(&in, 0, sizeof in);
	in.ids = customer_ids;
	in.days = order_days;
	in.amounts = amounts;
	in.cancelled = n_cancelled ? cancelled : NULL;
	in.n = n_ids;
	in.analysis_day = analysis_day;
	in.until_day = NAN;
	in.returns = returns;
	if ((rc = check_rows(&in, "amounts")) < 0)
		return rc;
	return aggregate(out, &in, 1, "cxm_rfm_orders_aggregate");
}

cxm_status cxm_rfm_orders_aggregate_numeric(cxm_table **out, const double *customer_ids, size_t n_ids,
				     const double *order_days, size_t n_days, const double *amounts,
				     size_t n_amounts, const uint8_t *cancelled, size_t n_cancelled,
				     double analysis_day, int returns)
{
	rows_in in;
	size_t i;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = check_arrays(customer_ids, n_ids, order_days, n_days, amounts, n_amounts, "amounts", cancelled,
			       n_cancelled)) < 0 ||
	    (rc = cxm__names_check(&cxm__rfm_returns_names, returns)) < 0)
		return rc;
	memset(&in, 0, sizeof in);
	in.nids = customer_ids;
	in.days = order_days;
	in.amounts = amounts;
	in.cancelled = n_cancelled ? cancelled : NULL;
	in.n = n_ids;
	in.analysis_day = analysis_day;
	in.until_day = NAN;
	in.returns = returns;
	/* the ids' check first when something is wrong (rows_fine checks them too) */
	if (n_ids > 0 && (rc = rows_fine(&in)) < 0)
		return rc;
	for (i = 0; !in.fine && i < n_ids; i++) {
		double v = customer_ids[i];
		if (isnan(v))
			return cxm__missing_id_fail("customer_ids", i, "NaN");
		if (!(isfinite(v) && v == floor(v) && fabs(v) <= MAX_EXACT))
			return cxm__fail(isnan(v) ? CXM_ENAN : CXM_EBAD_ARG,
					 "customer_ids[%zu] = %.17g; numeric ids must be whole numbers within +-2^53",
					 i, v);
	}
	if ((rc = check_rows(&in, "amounts")) < 0)
		return rc;
	return aggregate(out, &in, 1, "cxm_rfm_orders_aggregate_numeric");
}

cxm_status cxm_rfm_orders_aggregate_table(cxm_table **out, const cxm_table *orders, double analysis_day,
				   double until_day, int returns)
{
	rows_in in;
	size_t c_id, c_day, c_amount, c_cancel, i, n;
	uint32_t *codes = NULL;
	const char **levels = NULL;
	uint8_t *flags = NULL;
	int type, rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(orders, "orders")) < 0 ||
	    (rc = cxm__names_check(&cxm__rfm_returns_names, returns)) < 0)
		return rc;
	if (!isnan(until_day) && (rc = cxm__check_date_day(until_day, "until_day", 0, 0)) < 0)
		return rc;
	if ((rc = cxm__table_column_typed(&c_id, orders, "customer_id", 1u << CXM_TABLE_TEXT | 1u << CXM_TABLE_NUMBER, 1,
						"orders table")) < 0 ||
	    (rc = cxm__table_column_typed(&c_day, orders, "order_day", 1u << CXM_TABLE_DAY | 1u << CXM_TABLE_NUMBER, 1,
						"orders table")) < 0 ||
	    (rc = cxm__table_column_typed(&c_amount, orders, "amount", 1u << CXM_TABLE_NUMBER, 1,
						"orders table")) < 0 ||
	    (rc = cxm__table_column_typed(&c_cancel, orders, "cancelled", 1u << CXM_TABLE_NUMBER, 0,
						"orders table")) < 0)
		return rc;
	n = cxm_table_rows(orders);
	memset(&in, 0, sizeof in);
	in.days = cxm_table_numbers(orders, c_day);
	in.amounts = cxm_table_numbers(orders, c_amount);
	in.n = n;
	in.analysis_day = analysis_day;
	in.until_day = until_day;
	in.returns = returns;
	if (n == 0)
		return cxm__fail(CXM_EEMPTY, "no order rows");
	if (c_cancel != SIZE_MAX) {
		const double *cv = cxm_table_numbers(orders, c_cancel);
		if ((rc = cxm__alloc_array(&flags, n, 1, "cxm_rfm_orders_aggregate_table")) < 0)
			return rc;
		for (i = 0; i < n; i++) {
			if (isnan(cv[i])) {
				cxm__free(flags);
				return cxm__fail(CXM_ENAN, "cancelled[%zu] is NaN", i);
			}
			flags[i] = cv[i] != 0.0;
		}
		in.cancelled = flags;
	}
	cxm_table_column_type(&type, orders, c_id);
	if (type == CXM_TABLE_NUMBER) {
		in.nids = cxm_table_numbers(orders, c_id);
		for (i = 0; i < n; i++) {
			double v = in.nids[i];
			if (isnan(v)) {
				rc = cxm__missing_id_fail("customer_id", i, "NaN");
				goto done;
			}
			if (!(isfinite(v) && v == floor(v) && fabs(v) <= MAX_EXACT)) {
				rc = cxm__fail(isnan(v) ? CXM_ENAN : CXM_EBAD_ARG,
					       "customer_id[%zu] = %.17g; numeric ids must be whole numbers within +-2^53",
					       i, v);
				goto done;
			}
		}
	} else {
		in.n_levels = cxm_table_level_count(orders, c_id);
		if ((rc = cxm__alloc_array(&codes, n, sizeof *codes, "cxm_rfm_orders_aggregate_table")) < 0 ||
		    (rc = cxm_table_copy_codes(codes, n, orders, c_id)) < 0 ||
		    (rc = cxm__alloc_array(&levels, in.n_levels, sizeof *levels, "cxm_rfm_orders_aggregate_table")) < 0)
			goto done;
		for (i = 0; i < in.n_levels; i++)
			levels[i] = cxm_table_level(orders, c_id, i);
		for (i = 0; i < in.n_levels; i++) /* a missing id is no customer (spec §16.3): its first row */
			if (levels[i][0] == '\0') {
				size_t r = 0;
				while (codes[r] != i)
					r++;
				rc = cxm__missing_id_fail("customer_id", r, "an empty text");
				goto done;
			}
		in.codes = codes;
		in.levels = levels;
	}
	if ((rc = check_rows(&in, "amount")) < 0)
		goto done;
	rc = aggregate(out, &in, 1, "cxm_rfm_orders_aggregate_table");
	/* a clean log's counts (spec §16.2) come along */
	if (rc == CXM_OK && (rc = cxm__txlog_copy_attrs(*out, orders)) < 0) {
		cxm_table_free(*out);
		*out = NULL;
	}
done:
	cxm__free(flags);
	cxm__free(codes);
	cxm__free((void *)levels);
	return rc;
}
