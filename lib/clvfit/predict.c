/*
 * lib/clvfit/predict.c - the public entry points of the transaction models
 * (BG/NBD, MBG/NBD, Pareto/NBD, BG/BB): fitting to customer summaries and the
 * per-customer predictions, dispatched through each model's ops (models.h).
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "internal.h"
#include "bgnbd.h"
#include "parallel.h"

/* ---- argument checks ------------------------------------------------------ */

/* Row i of a customer summary, as every model reads it. `discrete`: BG/BB,
 * where recency and T count whole periods. */
static int check_customer(const double *x, const double *t_x, const double *T, size_t i, int discrete)
{
	/* The common case first, in a few comparisons (1M rows are checked on
	 * every call): an integer x below 2^53, 0 <= t_x <= T < inf, t_x = 0
	 * when x = 0. NaN fails every comparison and goes to the checks below. */
	if (!discrete && x[i] >= 0.0 && x[i] <= 9007199254740992.0 && (double)(int64_t)x[i] == x[i] &&
	    t_x[i] >= 0.0 && t_x[i] <= T[i] && T[i] <= DBL_MAX && (x[i] > 0.0 || t_x[i] == 0.0))
		return CXM_OK;
	if (isnan(x[i]))
		return cxm__fail(CXM_ENAN, "frequency[%zu] is NaN", i);
	if (isnan(t_x[i]))
		return cxm__fail(CXM_ENAN, "recency[%zu] is NaN", i);
	if (isnan(T[i]))
		return cxm__fail(CXM_ENAN, "T[%zu] is NaN", i);
	if (!(x[i] >= 0.0) || !isfinite(x[i]) || x[i] != floor(x[i]))
		return cxm__fail(CXM_EBAD_ARG, "frequency[%zu] = %.17g must be a non-negative integer "
				 "(the number of repeat purchases)", i, x[i]);
	if (!(t_x[i] >= 0.0) || !isfinite(t_x[i]))
		return cxm__fail(CXM_EBAD_ARG, "recency[%zu] = %.17g must be finite and >= 0", i, t_x[i]);
	if (!(T[i] >= 0.0) || !isfinite(T[i]))
		return cxm__fail(CXM_EBAD_ARG, "T[%zu] = %.17g must be finite and >= 0", i, T[i]);
	if (t_x[i] > T[i])
		return cxm__fail(CXM_EBAD_ARG, "recency[%zu] = %.17g exceeds T[%zu] = %.17g: the last purchase "
				 "cannot follow the end of the calibration period", i, t_x[i], i, T[i]);
	if (x[i] == 0.0 && t_x[i] != 0.0)
		return cxm__fail(CXM_EBAD_ARG, "frequency[%zu] is 0 but recency[%zu] = %.17g; without a repeat "
				 "purchase the recency is 0", i, i, t_x[i]);
	if (discrete) {
		if (t_x[i] != floor(t_x[i]) || T[i] != floor(T[i]))
			return cxm__fail(CXM_EBAD_ARG, "recency[%zu] = %.17g and T[%zu] = %.17g must be whole "
					 "numbers of periods for BG/BB", i, t_x[i], i, T[i]);
		if (x[i] > t_x[i])
			return cxm__fail(CXM_EBAD_ARG, "frequency[%zu] = %.17g exceeds recency[%zu] = %.17g: BG/BB "
					 "has at most one transaction per period", i, x[i], i, t_x[i]);
	}
	return CXM_OK;
}

/* The three columns of n customers: pointers and equal lengths. */
static int check_columns(size_t *n, const double *x, size_t n_x, const double *t_x, size_t n_t_x,
			 const double *T, size_t n_T)
{
	int rc;
	if ((rc = cxm__check_array(x, n_x, "frequency")) < 0 ||
	    (rc = cxm__check_array(t_x, n_t_x, "recency")) < 0 || (rc = cxm__check_array(T, n_T, "T")) < 0)
		return rc;
	if (n_t_x != n_x || n_T != n_x)
		return cxm__fail(CXM_EBAD_ARG, "frequency, recency and T have %zu, %zu and %zu rows; they must "
				 "be equal", n_x, n_t_x, n_T);
	*n = n_x;
	return CXM_OK;
}

/* The three columns of n customers: pointers, equal lengths, valid rows. */
static int check_customers(size_t *n, const double *x, size_t n_x, const double *t_x, size_t n_t_x,
			   const double *T, size_t n_T, int discrete)
{
	size_t i;
	int rc;
	if ((rc = check_columns(n, x, n_x, t_x, n_t_x, T, n_T)) < 0)
		return rc;
	for (i = 0; i < n_x; i++)
		if ((rc = check_customer(x, t_x, T, i, discrete)) < 0)
			return rc;
	return CXM_OK;
}

enum pred_need { NEED_EXPECTED, NEED_P_ALIVE, NEED_UNCONDITIONAL };

/* A fitted model handed to a prediction: a known struct version, a model
 * that has the prediction (Gamma-Gamma and sBG have none), usable parameters. */
static int check_fit(const cxm__clv_ops **ops_out, const cxm_clv_fit_result *fit, enum pred_need need)
{
	static const char *const what[] = { "conditional expected purchases", "probability of being alive",
					    "unconditional expected purchases" };
	const cxm__clv_ops *ops;
	size_t i;
	int has;
	if (fit == NULL)
		return cxm__fail(CXM_EBAD_ARG, "fit is NULL");
	if (fit->version == 0 || fit->version > CXM_CLV_FIT_RESULT_VERSION)
		return cxm__fail(CXM_EVERSION, "fit->version is %u; this library knows versions 1..%u", fit->version,
				 CXM_CLV_FIT_RESULT_VERSION);
	if ((ops = cxm__clv_ops_of(fit->model)) == NULL)
		return cxm__error_context("fit->model");
	has = need == NEED_EXPECTED ? ops->expected != NULL
	      : need == NEED_P_ALIVE ? ops->p_alive != NULL : ops->unconditional != NULL;
	if (!has)
		return cxm__fail(CXM_EBAD_ARG, "fit is a %s model, which has no %s; use bgnbd, mbgnbd, pnbd or bgbb",
				 ops->name, what[need]);
	if (fit->n_params != ops->n_params)
		return cxm__fail(CXM_EBAD_ARG, "fit->n_params is %zu; model %s has %zu parameters", fit->n_params,
				 ops->name, ops->n_params);
	for (i = 0; i < ops->n_params; i++) {
		if (isnan(fit->params[i]))
			return cxm__fail(CXM_ENAN, "fit->params[%zu] (%s) is NaN", i, ops->param_names[i]);
		if (!(fit->params[i] > 0.0) || !isfinite(fit->params[i]))
			return cxm__fail(CXM_EBAD_ARG, "fit->params[%zu] (%s) = %.17g must be finite and > 0", i,
					 ops->param_names[i], fit->params[i]);
	}
	*ops_out = ops;
	return CXM_OK;
}

/* A horizon t: finite, >= 0, whole periods for BG/BB. */
static int check_horizon(double t, int model)
{
	if (isnan(t))
		return cxm__fail(CXM_ENAN, "t is NaN");
	if (!(t >= 0.0) || !isfinite(t))
		return cxm__fail(CXM_EBAD_ARG, "t = %.17g must be finite and >= 0", t);
	if (model == CXM_CLV_BGBB && t != floor(t))
		return cxm__fail(CXM_EBAD_ARG, "t = %.17g must be a whole number of periods for BG/BB", t);
	return CXM_OK;
}

static int check_out(const double *out, size_t cap, size_t n)
{
	int rc;
	if ((rc = cxm__check_array(out, cap, "out")) < 0)
		return rc;
	if (cap < n)
		return cxm__fail(CXM_EBAD_ARG, "out has room for %zu values but there are %zu customers", cap, n);
	return CXM_OK;
}

/* ---- fitting -------------------------------------------------------------- */

/* 64-bit mixer (splitmix64's finaliser). */
static uint64_t mix64(uint64_t h)
{
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9u;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebu;
	return h ^ (h >> 31);
}

static uint64_t bits_of(double v)
{
	uint64_t u;
	v += 0.0; /* -0 and +0 are the same value: give them the same bits */
	memcpy(&u, &v, sizeof u);
	return u;
}

/*
 * Merge customers with identical (frequency, recency, T) into one weighted
 * row: the log-likelihood is a sum over customers, so a pattern shared by w
 * of them counts w times. Summaries built from dates repeat patterns a lot
 * (all non-repeaters of one cohort share (0, 0, T); the 1M synthetic set
 * shrinks to 321,400 rows), which makes every likelihood evaluation of the
 * fit that much cheaper. Rows keep the order of their first occurrence, so
 * the data, and the fit, do not depend on the thread count. Rows of weight
 * 0 are left out.
 */
static int merge_patterns(cxm__clv_data *d, double **store, const double *x, const double *t_x,
			  const double *T, const double *w, size_t n)
{
	size_t *slot, size = 16, mask, i, m = 0;
	double *ux, *ut, *uT, *uw, total = 0.0;
	int rc;
	while (size < 2 * n && size < SIZE_MAX / 4)
		size *= 2;
	mask = size - 1;
	if ((rc = cxm__alloc_array(store, n > 0 ? n : 1, 4 * sizeof **store, "frequency/recency/T patterns")) < 0)
		return rc;
	if ((rc = cxm__alloc_array(&slot, size, sizeof *slot, "frequency/recency/T patterns")) < 0) {
		cxm__free(*store);
		*store = NULL;
		return rc;
	}
	memset(slot, 0, size * sizeof *slot);
	ux = *store;
	ut = ux + n;
	uT = ut + n;
	uw = uT + n;
	for (i = 0; i < n; i++) {
		double wi = w ? w[i] : 1.0;
		size_t h;
		if (wi == 0.0)
			continue;
		h = (size_t)mix64(bits_of(x[i]) * 0x9e3779b97f4a7c15u ^ bits_of(t_x[i]) * 0xc2b2ae3d27d4eb4fu ^
				  bits_of(T[i])) & mask;
		/* open addressing; slot holds row + 1, 0 = empty */
		while (slot[h] != 0) {
			size_t j = slot[h] - 1;
			if (ux[j] == x[i] && ut[j] == t_x[i] && uT[j] == T[i])
				break;
			h = (h + 1) & mask;
		}
		if (slot[h] == 0) {
			ux[m] = x[i];
			ut[m] = t_x[i];
			uT[m] = T[i];
			uw[m] = 0.0;
			slot[h] = ++m;
		}
		uw[slot[h] - 1] += wi;
		total += wi;
	}
	cxm__free(slot);
	d->n = m;
	d->x = ux;
	d->t_x = ut;
	d->T = uT;
	d->w = uw;
	d->total_weight = total;
	return CXM_OK;
}

int cxm__clv_index_times(cxm__clv_data *d, void **block)
{
	size_t n = d->n, size = 16, mask, i, k = 0;
	uint32_t *slot, *ids;
	double *times;
	int rc;
	*block = NULL;
	/* indices (and the slots' row + 1) must fit 32 bits; the table below
	 * stays at most half full with all 2n times distinct */
	if (n == 0 || n > UINT32_MAX / 4 || n > SIZE_MAX / 32)
		return CXM_OK;
	while (size < 4 * n)
		size *= 2;
	mask = size - 1;
	if ((rc = cxm__alloc_array(block, n, 2 * sizeof *times + 2 * sizeof *ids, "distinct times")) < 0)
		return rc;
	if ((rc = cxm__alloc_array(&slot, size, sizeof *slot, "distinct times")) < 0) {
		cxm__free(*block);
		*block = NULL;
		return rc;
	}
	memset(slot, 0, size * sizeof *slot);
	times = *block;
	ids = (uint32_t *)(times + 2 * n);
	/* t_x of every row, then T of every row; slot holds index + 1, 0 = empty */
	for (i = 0; i < 2 * n; i++) {
		double v = i < n ? d->t_x[i] : d->T[i - n];
		size_t h = (size_t)mix64(bits_of(v)) & mask;
		while (slot[h] != 0 && times[slot[h] - 1] != v)
			h = (h + 1) & mask;
		if (slot[h] == 0) {
			times[k] = v;
			slot[h] = (uint32_t)++k;
		}
		ids[i] = slot[h] - 1;
	}
	cxm__free(slot);
	d->times = times;
	d->n_times = k;
	d->t_x_id = ids;
	d->T_id = ids + n;
	return CXM_OK;
}

int cxm_clv_fit(cxm_clv_fit_result *out, int model, const double *frequency, size_t n_frequency,
		const double *recency, size_t n_recency, const double *T, size_t n_T, const double *weights,
		size_t n_weights, const cxm_clv_fit_opts *opts)
{
	cxm__clv_data d = { 0, NULL, NULL, NULL, NULL, NULL, NULL, 0.0, 0u, NULL, 0, NULL, NULL };
	const cxm__clv_ops *ops;
	double *store = NULL;
	void *times = NULL;
	size_t n, i;
	int rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_CLV_FIT_RESULT_VERSION, "cxm_clv_fit_result")) < 0)
		return rc;
	if (model != CXM_CLV_BGNBD && model != CXM_CLV_MBGNBD && model != CXM_CLV_PNBD) {
		const char *name = model >= CXM_CLV_BGNBD && model <= CXM_CLV_SBG ? cxm_clv_model_name(model) : NULL;
		if (name)
			return cxm__fail(CXM_EBAD_ARG, "model %d (%s) is fitted by its own function; cxm_clv_fit fits "
					 "bgnbd, mbgnbd and pnbd", model, name);
		return cxm__fail(CXM_EBAD_ARG, "model is %d; cxm_clv_fit fits CXM_CLV_BGNBD (0), CXM_CLV_MBGNBD (1) "
				 "and CXM_CLV_PNBD (2)", model);
	}
	if ((ops = cxm__clv_ops_of(model)) == NULL)
		return cxm_error_last()->code;
	if ((rc = check_customers(&n, frequency, n_frequency, recency, n_recency, T, n_T, 0)) < 0 ||
	    (rc = cxm__check_array(weights, n_weights, "weights")) < 0)
		return rc;
	if (weights != NULL && n_weights != n)
		return cxm__fail(CXM_EBAD_ARG, "weights has %zu entries but there are %zu customers (pass NULL "
				 "and 0 for one customer per row)", n_weights, n);
	for (i = 0; weights != NULL && i < n; i++) {
		if (isnan(weights[i]))
			return cxm__fail(CXM_ENAN, "weights[%zu] is NaN", i);
		if (!(weights[i] >= 0.0) || !isfinite(weights[i]) || weights[i] != floor(weights[i]))
			return cxm__fail(CXM_EBAD_ARG, "weights[%zu] = %.17g must be a whole number of customers >= 0",
					 i, weights[i]);
	}
	if (n == 0)
		return cxm__fail(CXM_EEMPTY, "no customer: frequency, recency and T are empty");
	if ((rc = merge_patterns(&d, &store, frequency, recency, T, weights, n)) < 0)
		return rc;
	if (d.total_weight == 0.0) {
		cxm__free(store);
		return cxm__fail(CXM_EEMPTY, "every weight is 0: no customer to fit");
	}
	if ((rc = cxm__clv_index_times(&d, &times)) < 0) {
		cxm__free(store);
		return rc;
	}
	d.threads = opts ? opts->threads : 0u;
	rc = cxm__clv_fit_data(out, ops, &d, opts);
	cxm__free(times);
	cxm__free(store);
	return rc;
}

/* ---- predictions ---------------------------------------------------------- */

enum pred_kind { PRED_EXPECTED, PRED_P_ALIVE, PRED_CLV };

struct pred_ctx {
	enum pred_kind kind;
	const cxm__clv_ops *ops;
	int bg_shift;            /* BG/NBD 0, MBG/NBD 1 (bgnbd.h); -1 for the other models */
	const double *params;
	const double *x, *t_x, *T;
	double *out;
	double t;                /* PRED_EXPECTED: the horizon */
	unsigned long months;    /* PRED_CLV: out holds the profit per transaction on entry */
	double f;                /* periods per month */
	const double *discount;  /* one rate, or one per customer */
	size_t n_discount;
};

/*
 * lifetimes' customer_lifetime_value: month k brings the purchases of
 * (T + (k - 1) f, T + k f] at the profit per purchase, discounted by
 * (1 + d)^k. `expected(t)` is E[X(T, T + t)] (or, for the BG family, the
 * same without the factor P(alive), which the caller applies).
 */
static double discounted_sum(const struct pred_ctx *c, double x, double t_x, double T, double d)
{
	double prev = 0.0, sum = 0.0;
	unsigned long k;
	for (k = 1; k <= c->months; k++) {
		double t = (double)k * c->f;
		double cur = c->bg_shift >= 0 ? cxm__bgfam_body(c->params, c->bg_shift, t, x, T)
					      : c->ops->expected(c->params, t, x, t_x, T);
		sum += (cur - prev) / pow(1.0 + d, (double)k);
		prev = cur;
	}
	return sum;
}

/*
 * BG/NBD and MBG/NBD: E[X(T, T + t) | x, t_x, T] = P(alive | x, t_x, T)
 * body(x, T), and the body (a hypergeometric series; twelve of them for a
 * year of CLV) is most of the cost. A customer base has far fewer distinct
 * (x, T) than customers - T takes one value per cohort day: the 1M
 * synthetic set has 6,800 pairs - so predict_rows first collects the
 * distinct (x, T, discount) of the rows in a hash table, computes each body
 * once, and then gives every row its body times its P(alive). Each row gets
 * exactly the value it would get alone.
 */
struct body_table {
	size_t *slot;    /* open addressing: entry + 1, 0 = empty */
	size_t mask;     /* slots - 1 */
	double *key;     /* x, T, d of entry j at 3 j */
	double *v;       /* body of entry j */
	double *lx;      /* cxm__bgfam_log_odds_x of entry j's x: one log per entry, not per row */
	size_t used, cap;
};

static size_t key_slot(const struct body_table *b, double x, double T, double d)
{
	size_t h = (size_t)mix64(bits_of(x) * 0x9e3779b97f4a7c15u ^ bits_of(T) * 0xc2b2ae3d27d4eb4fu ^
				 bits_of(d)) & b->mask;
	while (b->slot[h] != 0) {
		const double *k = b->key + 3 * (b->slot[h] - 1);
		if (k[0] == x && k[1] == T && k[2] == d)
			break;
		h = (h + 1) & b->mask;
	}
	return h;
}

static void table_free(struct body_table *b)
{
	cxm__free(b->slot);
	cxm__free(b->key);
	cxm__free(b->v);
	cxm__free(b->lx);
	memset(b, 0, sizeof *b); /* so that freeing it again is a no-op */
}

/* Room for cap entries in 2 cap slots; the entries so far are rehashed. */
static int table_resize(struct body_table *b, size_t cap)
{
	struct body_table nb;
	size_t j;
	int rc;
	memset(&nb, 0, sizeof nb);
	nb.cap = cap;
	nb.mask = 2 * cap - 1;
	if ((rc = cxm__alloc_array(&nb.slot, 2 * cap, sizeof *nb.slot, "prediction table")) < 0 ||
	    (rc = cxm__alloc_array(&nb.key, 3 * cap, sizeof *nb.key, "prediction table")) < 0 ||
	    (rc = cxm__alloc_array(&nb.v, cap, sizeof *nb.v, "prediction table")) < 0 ||
	    (rc = cxm__alloc_array(&nb.lx, cap, sizeof *nb.lx, "prediction table")) < 0) {
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

static double row_discount(const struct pred_ctx *c, size_t i)
{
	return c->kind == PRED_CLV ? c->discount[c->n_discount == 1 ? 0 : i] : 0.0;
}

/*
 * The distinct (x, T, d) of rows [begin, end), and in row[i] (unless NULL)
 * the entry of row i. With `check` the rows are validated here too
 * (check_customer, continuous models), in the pass that reads them anyway,
 * rather than in a pass of their own; *bad is then the first invalid row.
 * Runs on worker threads, so it leaves the error message to the caller.
 */
static int table_build(struct body_table *b, const struct pred_ctx *c, size_t begin, size_t end, int check,
		       uint32_t *row, size_t *bad)
{
	size_t i;
	int rc;
	memset(b, 0, sizeof *b);
	if ((rc = table_resize(b, 1024)) < 0)
		return rc;
	for (i = begin; i < end; i++) {
		double x = c->x[i], T = c->T[i], d = row_discount(c, i);
		size_t h;
		if (check && (rc = check_customer(c->x, c->t_x, c->T, i, 0)) < 0) {
			*bad = i;
			table_free(b);
			return rc;
		}
		h = key_slot(b, x, T, d);
		if (b->slot[h] != 0) {
			if (row)
				row[i] = (uint32_t)(b->slot[h] - 1);
			continue;
		}
		if (b->used == b->cap) {
			if (b->cap > SIZE_MAX / 8) {
				table_free(b);
				return CXM_ENOMEM;
			}
			if ((rc = table_resize(b, 2 * b->cap)) < 0) {
				table_free(b);
				return rc;
			}
			h = key_slot(b, x, T, d);
		}
		b->key[3 * b->used] = x;
		b->key[3 * b->used + 1] = T;
		b->key[3 * b->used + 2] = d;
		if (row)
			row[i] = (uint32_t)b->used;
		b->slot[h] = ++b->used;
	}
	return CXM_OK;
}

/*
 * Collecting the distinct keys was the serial half of a prediction (a hash
 * probe and a check per row), so the rows are cut into blocks, each block
 * builds a table of its own on some thread, and the blocks' few thousand
 * entries are merged into one table after. An entry's body depends on its
 * key only, so neither the blocks nor the entries' order change any value.
 */
struct build_job {
	const struct pred_ctx *c;
	struct body_table *t; /* one table per block */
	int *rc;              /* per block */
	size_t *bad;          /* per block: the first invalid row */
	uint32_t *row;        /* the entry of each row in its block's table, or NULL */
	size_t n, block;      /* rows, rows per block */
	int check;
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
	job->rc[k] = table_build(&job->t[k], job->c, lo < hi ? lo : hi, hi, job->check, job->row, &job->bad[k]);
}

struct body_job {
	const struct pred_ctx *c;
	struct body_table *b;
	const uint32_t *row;  /* the entry of row i in its block's table, or NULL: probe b */
	const uint32_t *map;  /* block k's entry j is entry map[off[k] + j] of b; NULL: one block */
	const size_t *off;
	size_t block;
};

/* The bodies of entries [begin, end): independent, so on several threads. */
static void body_chunk(double *acc, size_t begin, size_t end, void *vctx)
{
	const struct body_job *job = vctx;
	const struct pred_ctx *c = job->c;
	size_t j;
	(void)acc;
	for (j = begin; j < end; j++) {
		const double *k = job->b->key + 3 * j;
		job->b->v[j] = c->kind == PRED_CLV ? discounted_sum(c, k[0], 0.0, k[1], k[2])
						   : cxm__bgfam_body(c->params, c->bg_shift, c->t, k[0], k[1]);
		job->b->lx[j] = cxm__bgfam_log_odds_x(c->params, c->bg_shift, k[0]);
	}
}

static size_t entry_of(const struct body_job *job, size_t i, double x, double T, double d)
{
	if (job->row == NULL)
		return job->b->slot[key_slot(job->b, x, T, d)] - 1;
	if (job->map == NULL)
		return job->row[i];
	return job->map[job->off[i / job->block] + job->row[i]];
}

/*
 * Each row is independent, so rows are predicted on several threads through
 * the chunked sum (parallel.h); the "sum" counts the rows whose value is not
 * finite, which the caller reports.
 */
static void pred_chunk(double *acc, size_t begin, size_t end, void *vctx)
{
	const struct body_job *job = vctx;
	const struct pred_ctx *c = job->c;
	size_t i;
	for (i = begin; i < end; i++) {
		double v, x = c->x[i], t_x = c->t_x[i], T = c->T[i], d = row_discount(c, i);
		if (c->kind == PRED_P_ALIVE)
			v = c->ops->p_alive(c->params, x, t_x, T);
		else if (job->b != NULL) {
			size_t j = entry_of(job, i, x, T, d);
			v = job->b->v[j] * cxm__bgfam_p_alive_lx(c->params, c->bg_shift, job->b->lx[j], x, t_x, T);
		} else if (c->kind == PRED_EXPECTED)
			v = c->ops->expected(c->params, c->t, x, t_x, T);
		else
			v = discounted_sum(c, x, t_x, T, d);
		if (c->kind == PRED_CLV)
			v *= c->out[i]; /* the profit per transaction */
		c->out[i] = v;
		if (!isfinite(v))
			acc[0] += 1.0;
	}
}

/* The BG family's shift (bgnbd.h), or -1. */
static int bg_shift_of(const cxm__clv_ops *ops)
{
	return ops == &cxm__bgnbd_ops ? 0 : ops == &cxm__mbgnbd_ops ? 1 : -1;
}

/*
 * Run pred_chunk over n rows; name the first row that could not be evaluated.
 * check_rows: the rows are not validated yet (BG family only, where the
 * table build does it).
 */
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
 * map[off[k] + j] (map and off allocated here). t[1..] are freed.
 */
static int table_merge(struct body_table *t, size_t nb, uint32_t **map, size_t **off)
{
	size_t k, j, total = 0;
	int rc;
	if ((rc = cxm__alloc_array(off, nb, sizeof **off, "prediction table")) < 0)
		return rc;
	for (k = 0; k < nb; k++) {
		(*off)[k] = total;
		total += t[k].used;
	}
	if (total > UINT32_MAX)
		return cxm__fail(CXM_ENOMEM, "prediction table: %zu entries", total);
	if ((rc = cxm__alloc_array(map, total > 0 ? total : 1, sizeof **map, "prediction table")) < 0)
		return rc;
	for (j = 0; j < t[0].used; j++)
		(*map)[j] = (uint32_t)j;
	for (k = 1; k < nb; k++) {
		for (j = 0; j < t[k].used; j++) {
			const double *key = t[k].key + 3 * j;
			size_t h = key_slot(&t[0], key[0], key[1], key[2]);
			if (t[0].slot[h] == 0) {
				if (t[0].used == t[0].cap) {
					if ((rc = table_resize(&t[0], 2 * t[0].cap)) < 0)
						return rc;
					h = key_slot(&t[0], key[0], key[1], key[2]);
				}
				memcpy(t[0].key + 3 * t[0].used, key, 3 * sizeof *key);
				t[0].slot[h] = ++t[0].used;
			}
			(*map)[(*off)[k] + j] = (uint32_t)(t[0].slot[h] - 1);
		}
		table_free(&t[k]);
	}
	return CXM_OK;
}

/*
 * The BG family's table of n rows into job (job->b = &t[0]); t has room for
 * block_count(n) tables, all freed by the caller.
 */
static int table_collect(struct body_job *job, struct body_table *t, int *rcs, size_t *bad, size_t nb,
			 const struct pred_ctx *c, size_t n, int check)
{
	struct build_job bj;
	uint32_t *row = NULL;
	double unused;
	size_t k, first = SIZE_MAX;
	int rc;
	if (n <= UINT32_MAX && (rc = cxm__alloc_array(&row, n > 0 ? n : 1, sizeof *row, "prediction table")) < 0)
		return rc;
	job->row = row;
	bj.c = c;
	bj.t = t;
	bj.rc = rcs;
	bj.bad = bad;
	bj.row = row;
	bj.n = n;
	bj.block = (n + nb - 1) / nb;
	bj.check = check;
	for (k = 0; k < nb; k++) {
		rcs[k] = CXM_OK;
		bad[k] = SIZE_MAX;
	}
	if (nb == 1)
		build_chunk(&unused, 0, 1, &bj);
	else if ((rc = cxm__parallel_sum(&unused, 1, nb * CXM__CHUNK_ROWS, build_chunk, &bj, 0u)) < 0)
		return rc;
	for (k = 0; k < nb; k++)
		if (bad[k] < first)
			first = bad[k];
	/* the first invalid row of all, named again here (on this thread) */
	if (first != SIZE_MAX)
		return check_customer(c->x, c->t_x, c->T, first, 0);
	for (k = 0; k < nb; k++)
		if (rcs[k] < 0)
			return cxm__fail(rcs[k], "prediction table: out of memory");
	job->b = &t[0];
	job->block = bj.block;
	if (nb > 1)
		return table_merge(t, nb, (uint32_t **)&job->map, (size_t **)&job->off);
	return CXM_OK;
}

/*
 * Run pred_chunk over n rows; name the first row that could not be evaluated.
 * check_rows: the rows are not validated yet (BG family only, where the
 * table build does it).
 */
static int predict_rows(struct pred_ctx *c, size_t n, const char *what, int check_rows)
{
	struct body_table *t = NULL;
	int *rcs = NULL;
	size_t *bad = NULL;
	struct body_job job;
	double bad_rows = 0.0, unused;
	size_t i, k, nb = 0;
	int rc = CXM_OK;
	memset(&job, 0, sizeof job);
	job.c = c;
	if (c->bg_shift >= 0 && c->kind != PRED_P_ALIVE) {
		nb = block_count(n);
		if ((rc = cxm__alloc_array(&t, nb, sizeof *t, "prediction table")) == CXM_OK)
			memset(t, 0, nb * sizeof *t); /* table_free of a table never built is a no-op */
		if (rc == CXM_OK && (rc = cxm__alloc_array(&rcs, nb, sizeof *rcs, "prediction table")) == CXM_OK &&
		    (rc = cxm__alloc_array(&bad, nb, sizeof *bad, "prediction table")) == CXM_OK &&
		    (rc = table_collect(&job, t, rcs, bad, nb, c, n, check_rows)) == CXM_OK)
			rc = cxm__parallel_sum(&unused, 1, t[0].used, body_chunk, &job, 0u);
	}
	if (rc == CXM_OK)
		rc = cxm__parallel_sum(&bad_rows, 1, n, pred_chunk, &job, 0u);
	if (t != NULL)
		for (k = 0; k < nb; k++)
			table_free(&t[k]);
	cxm__free(t);
	cxm__free(rcs);
	cxm__free(bad);
	cxm__free((void *)job.row);
	cxm__free((void *)job.map);
	cxm__free((void *)job.off);
	if (rc < 0)
		return rc;
	if (bad_rows == 0.0)
		return CXM_OK;
	for (i = 0; i < n && isfinite(c->out[i]); i++)
		;
	return cxm__fail(CXM_EDOMAIN, "%s of customer %zu (frequency %.17g, recency %.17g, T %.17g) could not "
			 "be evaluated with model %s", what, i, c->x[i], c->t_x[i], c->T[i], c->ops->name);
}

int cxm_clv_expected_purchases(double *out, size_t cap, const cxm_clv_fit_result *fit, double t,
			       const double *frequency, size_t n_frequency, const double *recency,
			       size_t n_recency, const double *T, size_t n_T)
{
	struct pred_ctx c;
	size_t n;
	int rc, fused;
	if ((rc = check_fit(&c.ops, fit, NEED_EXPECTED)) < 0 ||
	    (rc = check_horizon(t, fit->model)) < 0 ||
	    (rc = check_columns(&n, frequency, n_frequency, recency, n_recency, T, n_T)) < 0)
		return rc;
	/* the BG family validates the rows while it collects their (x, T)
	 * (predict_rows); the other models here, before anything is computed */
	fused = bg_shift_of(c.ops) >= 0;
	if (!fused && (rc = check_customers(&n, frequency, n_frequency, recency, n_recency, T, n_T,
					    fit->model == CXM_CLV_BGBB)) < 0)
		return rc;
	if ((rc = check_out(out, cap, n)) < 0)
		return rc;
	c.kind = PRED_EXPECTED;
	c.bg_shift = bg_shift_of(c.ops);
	c.params = fit->params;
	c.x = frequency;
	c.t_x = recency;
	c.T = T;
	c.out = out;
	c.t = t;
	return predict_rows(&c, n, "the expected purchases", fused);
}

int cxm_clv_p_alive(double *out, size_t cap, const cxm_clv_fit_result *fit, const double *frequency,
		    size_t n_frequency, const double *recency, size_t n_recency, const double *T, size_t n_T)
{
	struct pred_ctx c;
	size_t n;
	int rc;
	if ((rc = check_fit(&c.ops, fit, NEED_P_ALIVE)) < 0 ||
	    (rc = check_customers(&n, frequency, n_frequency, recency, n_recency, T, n_T,
				  fit->model == CXM_CLV_BGBB)) < 0 ||
	    (rc = check_out(out, cap, n)) < 0)
		return rc;
	c.kind = PRED_P_ALIVE;
	c.bg_shift = bg_shift_of(c.ops);
	c.params = fit->params;
	c.x = frequency;
	c.t_x = recency;
	c.T = T;
	c.out = out;
	return predict_rows(&c, n, "P(alive)", 0);
}

int cxm_clv_unconditional_purchases(double *out, const cxm_clv_fit_result *fit, double t)
{
	const cxm__clv_ops *ops;
	double v;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0 ||
	    (rc = check_fit(&ops, fit, NEED_UNCONDITIONAL)) < 0 ||
	    (rc = check_horizon(t, fit->model)) < 0)
		return rc;
	v = ops->unconditional(fit->params, t);
	if (!isfinite(v))
		return cxm__fail(CXM_EDOMAIN, "the expected purchases in (0, %.17g] could not be evaluated with model %s",
				 t, ops->name);
	*out = v;
	return CXM_OK;
}

int cxm_clv_discounted(double *out, size_t cap, const cxm_clv_fit_result *fit, const cxm_clv_fit_result *gg,
		       const double *frequency, size_t n_frequency, const double *recency, size_t n_recency,
		       const double *T, size_t n_T, const double *monetary_value, size_t n_monetary,
		       double months, const double *discount, size_t n_discount, double periods_per_month)
{
	struct pred_ctx c;
	size_t n, i;
	int rc;
	if ((rc = check_fit(&c.ops, fit, NEED_EXPECTED)) < 0 ||
	    (rc = check_customers(&n, frequency, n_frequency, recency, n_recency, T, n_T,
				  fit->model == CXM_CLV_BGBB)) < 0 ||
	    (rc = check_out(out, cap, n)) < 0 || (rc = cxm__check_array(discount, n_discount, "discount")) < 0)
		return rc;
	if (gg == NULL)
		return cxm__fail(CXM_EBAD_ARG, "gg (the Gamma-Gamma fit) is NULL");
	if (n_monetary != n)
		return cxm__fail(CXM_EBAD_ARG, "monetary_value has %zu entries but there are %zu customers",
				 n_monetary, n);
	if (isnan(months))
		return cxm__fail(CXM_ENAN, "months is NaN");
	if (!(months >= 1.0) || months > 1e7 || months != floor(months))
		return cxm__fail(CXM_EBAD_ARG, "months = %.17g must be a whole number in 1..10000000", months);
	if (isnan(periods_per_month))
		return cxm__fail(CXM_ENAN, "periods_per_month is NaN");
	if (!(periods_per_month > 0.0) || !isfinite(periods_per_month))
		return cxm__fail(CXM_EBAD_ARG, "periods_per_month = %.17g must be finite and > 0 (4.345 for "
				 "weeks, 30.4375 for days, 1 for months)", periods_per_month);
	if (fit->model == CXM_CLV_BGBB && periods_per_month != floor(periods_per_month))
		return cxm__fail(CXM_EBAD_ARG, "periods_per_month = %.17g must be a whole number of periods for "
				 "BG/BB", periods_per_month);
	if (n_discount != 1 && n_discount != n)
		return cxm__fail(CXM_EBAD_ARG, "discount has %zu entries; give one rate or one per customer (%zu)",
				 n_discount, n);
	for (i = 0; i < n_discount; i++) {
		if (isnan(discount[i]))
			return cxm__fail(CXM_ENAN, "discount[%zu] is NaN", i);
		if (!(discount[i] > -1.0) || !isfinite(discount[i]))
			return cxm__fail(CXM_EBAD_ARG, "discount[%zu] = %.17g must be finite and > -1 (a monthly rate)",
					 i, discount[i]);
	}
	/* the profit per transaction goes to out first; pred_chunk scales it */
	if ((rc = cxm_clv_expected_profit(out, cap, gg, frequency, n_frequency, monetary_value, n_monetary)) < 0)
		return rc;
	c.kind = PRED_CLV;
	c.bg_shift = bg_shift_of(c.ops);
	c.params = fit->params;
	c.x = frequency;
	c.t_x = recency;
	c.T = T;
	c.out = out;
	c.months = (unsigned long)months;
	c.f = periods_per_month;
	c.discount = discount;
	c.n_discount = n_discount;
	return predict_rows(&c, n, "the discounted CLV", 0);
}
