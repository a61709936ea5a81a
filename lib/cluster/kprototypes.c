/*
 * lib/cluster/kprototypes.c - k-prototypes (Huang 1998) for mixed numeric and
 * categorical rows: numeric means, categorical modes, the cost
 * sum_i [ sum_j (x_ij - c_j)^2 + gamma x mismatches ], rows moved one at a
 * time with the prototypes updated after each move, in the order kmodes'
 * KPrototypes uses (spec §14.2).
 */
#include <math.h>
#include <string.h>
#include "internal.h"
#include "parallel.h"
#include "rng.h"
#include "cluster_internal.h"
#include "kprototypes.h"

/* ---- the dissimilarity (shared with assign.c) ------------------------------------- */

/*
 * sum_l (c_l - x_l)^2 in numpy's pairwise order (as np.sum(..., axis=1) adds a
 * row of kmodes' euclidean_dissim): straight for fewer than 8 terms, eight
 * running sums for up to 128, halves (cut at a multiple of 8) above.
 */
static double sqdiff_pairwise(const double *x, const double *c, size_t n)
{
	size_t i;
	if (n < 8) {
		double s = 0.0;
		for (i = 0; i < n; i++) {
			double t = c[i] - x[i];
			s += t * t;
		}
		return s;
	}
	if (n <= 128) {
		double r[8], s;
		size_t j;
		for (j = 0; j < 8; j++) {
			double t = c[j] - x[j];
			r[j] = t * t;
		}
		for (i = 8; i < n - n % 8; i += 8)
			for (j = 0; j < 8; j++) {
				double t = c[i + j] - x[i + j];
				r[j] += t * t;
			}
		s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
		for (; i < n; i++) {
			double t = c[i] - x[i];
			s += t * t;
		}
		return s;
	}
	{
		size_t h = n / 2;
		h -= h % 8;
		return sqdiff_pairwise(x, c, h) + sqdiff_pairwise(x + h, c + h, n - h);
	}
}

void cxm__kproto_dissim(double *d, const double *x, const uint32_t *codes, const double *centres,
			const uint32_t *modes, size_t k, size_t n_cols, size_t n_cat, double gamma)
{
	size_t j, l;
	for (j = 0; j < k; j++) {
		const uint32_t *mj = modes + j * n_cat;
		size_t miss = 0;
		for (l = 0; l < n_cat; l++)
			miss += mj[l] != codes[l];
		d[j] = (n_cols ? sqdiff_pairwise(x, centres + j * n_cols, n_cols) : 0.0) + gamma * (double)miss;
	}
}

uint32_t cxm__kproto_nearest(double *cost, const double *x, const uint32_t *codes, const double *centres,
			     const uint32_t *modes, size_t k, size_t n_cols, size_t n_cat, double gamma)
{
	size_t j, l, best = 0;
	double bd = 0.0;
	for (j = 0; j < k; j++) {
		const uint32_t *mj = modes + j * n_cat;
		size_t miss = 0;
		double dj;
		for (l = 0; l < n_cat; l++)
			miss += mj[l] != codes[l];
		dj = (n_cols ? sqdiff_pairwise(x, centres + j * n_cols, n_cols) : 0.0) + gamma * (double)miss;
		if (j == 0 || dj < bd) { /* np.argmin: the first of equal minima */
			bd = dj;
			best = j;
		}
	}
	*cost = bd;
	return (uint32_t)best;
}

/* ---- one run ------------------------------------------------------------------------ */

/* The state of one run: prototypes, the sums and level counts behind them, members. */
typedef struct kp_run {
	const cxm__kp_data *d;
	size_t k, n_freq;        /* n_freq = sum of the level counts */
	const uint32_t *levels;
	const size_t *offset;    /* offset[l]: where column l's counts start in a cluster's block */
	double *centres;         /* k x p */
	uint32_t *modes;         /* k x m */
	double *sums;            /* k x p: sums of the members' values */
	double *counts;          /* k: members */
	double *freq;            /* k x n_freq: members per level */
	uint32_t *memb;          /* rows: each row's cluster */
	uint32_t *labels;        /* rows: the labels of the last pass over fixed prototypes */
	cxm__rng *rng;
} kp_run;

#define D_ROW(d, i) ((d)->x + (size_t)(i) * (d)->p)
#define C_ROW(d, i) ((d)->codes + (size_t)(i) * (d)->m)

/* The level of column l with the most members of cluster c, the lowest code on ties. */
static uint32_t mode_of(const kp_run *s, size_t c, size_t l)
{
	const double *f = s->freq + c * s->n_freq + s->offset[l];
	uint32_t v, best = 0;
	for (v = 1; v < s->levels[l]; v++)
		if (f[v] > f[best])
			best = v;
	return best;
}

/* Numeric prototype of cluster c from its sums (0 for an empty cluster, as kmodes). */
static void update_centre(kp_run *s, size_t c)
{
	size_t l, p = s->d->p;
	for (l = 0; l < p; l++)
		s->centres[c * p + l] = s->counts[c] != 0.0 ? s->sums[c * p + l] / s->counts[c] : 0.0;
}

/*
 * Move row i from cluster `from` to `to`: sums and counts, then per column the
 * level counts and modes - the mode of `to` changes only when the row's level
 * now has more members than it (a tie keeps it), the mode of `from` is found
 * again when the row had its level - then both numeric prototypes.
 */
static void move_row(kp_run *s, size_t i, uint32_t to, uint32_t from)
{
	const cxm__kp_data *d = s->d;
	const double *x = D_ROW(d, i);
	const uint32_t *c = C_ROW(d, i);
	size_t l, p = d->p, m = d->m;
	for (l = 0; l < p; l++) {
		s->sums[to * p + l] += x[l];
		s->sums[from * p + l] -= x[l];
	}
	s->counts[to] += 1.0;
	s->counts[from] -= 1.0;
	s->memb[i] = to;
	for (l = 0; l < m; l++) {
		double *ft = s->freq + to * s->n_freq + s->offset[l];
		double *ff = s->freq + from * s->n_freq + s->offset[l];
		ft[c[l]] += 1.0;
		if (ft[s->modes[to * m + l]] < ft[c[l]])
			s->modes[to * m + l] = c[l];
		ff[c[l]] -= 1.0;
		if (s->modes[from * m + l] == c[l])
			s->modes[from * m + l] = mode_of(s, from, l);
	}
	update_centre(s, to);
	update_centre(s, from);
}

/*
 * An empty cluster e takes a row drawn uniformly from the largest cluster
 * (the lowest-numbered of equal sizes), as kmodes does; unlike kmodes, both
 * numeric prototypes are then updated.
 */
static void refill(kp_run *s, uint32_t e)
{
	size_t j, i, r, big = 0;
	for (j = 1; j < s->k; j++)
		if (s->counts[j] > s->counts[big])
			big = j;
	r = (size_t)cxm__rng_below(s->rng, (uint64_t)s->counts[big]);
	for (i = 0; i < s->d->rows; i++)
		if (s->memb[i] == big && r-- == 0)
			break;
	move_row(s, i, e, (uint32_t)big);
}

/* Labels and cost of every row over the fixed prototypes, in chunks of rows. */
static void label_chunk(double *acc, size_t begin, size_t end, void *ctx)
{
	kp_run *s = ctx;
	const cxm__kp_data *d = s->d;
	size_t i;
	double cost, sum = 0.0;
	for (i = begin; i < end; i++) {
		s->labels[i] = cxm__kproto_nearest(&cost, D_ROW(d, i), C_ROW(d, i), s->centres, s->modes, s->k,
						   d->p, d->m, d->gamma);
		sum += cost;
	}
	acc[0] = sum;
}

static int label_all(double *cost, kp_run *s, unsigned threads)
{
	return cxm__parallel_sum(cost, 1, s->d->rows, label_chunk, s, threads);
}

/*
 * Initial assignment to the given prototypes, prototypes from the members,
 * then iterations until no row moves or the cost does not fall.
 */
static int run(kp_run *s, double *cost_out, unsigned *iterations, unsigned *converged,
	       const cxm_cluster_opts *o)
{
	const cxm__kp_data *d = s->d;
	size_t i, j, l, p = d->p, m = d->m;
	double cost, ncost, dummy;
	unsigned itr = 0, done = 0;
	int rc;

	memset(s->sums, 0, s->k * p * sizeof *s->sums);
	memset(s->counts, 0, s->k * sizeof *s->counts);
	memset(s->freq, 0, s->k * s->n_freq * sizeof *s->freq);
	for (i = 0; i < d->rows; i++) {
		const double *x = D_ROW(d, i);
		const uint32_t *c = C_ROW(d, i);
		uint32_t to = cxm__kproto_nearest(&dummy, x, c, s->centres, s->modes, s->k, p, m, d->gamma);
		s->memb[i] = to;
		s->counts[to] += 1.0;
		for (l = 0; l < p; l++)
			s->sums[to * p + l] += x[l];
		for (l = 0; l < m; l++)
			s->freq[to * s->n_freq + s->offset[l] + c[l]] += 1.0;
	}
	for (j = 0; j < s->k; j++) {
		update_centre(s, j);
		for (l = 0; l < m; l++)
			s->modes[j * m + l] = mode_of(s, j, l);
	}
	/* a prototype no row chose takes a row of the largest cluster */
	for (j = 0; j < s->k; j++)
		if (s->counts[j] == 0.0)
			refill(s, (uint32_t)j);

	if ((rc = label_all(&cost, s, cxm__cluster_threads(o))) != CXM_OK)
		return rc;
	while (itr < o->max_iterations && !done) {
		size_t moves = 0;
		itr++;
		for (i = 0; i < d->rows; i++) {
			uint32_t to = cxm__kproto_nearest(&dummy, D_ROW(d, i), C_ROW(d, i), s->centres, s->modes, s->k,
							  p, m, d->gamma);
			uint32_t from = s->memb[i];
			if (to == from)
				continue;
			moves++;
			move_row(s, i, to, from);
			if (s->counts[from] == 0.0)
				refill(s, from);
		}
		if ((rc = label_all(&ncost, s, cxm__cluster_threads(o))) != CXM_OK)
			return rc;
		done = moves == 0 || ncost >= cost;
		cost = ncost;
		if (o->progress && o->progress(o->progress_user, itr, o->max_iterations, cost) != 0)
			return cxm__fail(CXM_ECANCELLED, "k-prototypes: stopped by the progress callback at iteration %u",
					 itr);
	}
	*cost_out = cost;
	*iterations = itr;
	*converged = done;
	return CXM_OK;
}

/* ---- checks -------------------------------------------------------------------------- */

/*
 * codes: shape, each code below its column's level count, no column of one
 * level. (A column whose rows happen to share one value is harmless - it adds
 * 0 to every dissimilarity - and is let through: a bootstrap sample may draw
 * one such, spec §14.6.)
 */
static int check_codes(size_t *rows, const uint32_t *codes, size_t n_codes, size_t n_cat, const uint32_t *levels,
		       size_t n_levels)
{
	size_t i, l, r;
	int rc;
	if (n_cat == 0)
		return cxm__fail(CXM_EBAD_ARG, "k-prototypes needs categorical columns: n_cat = 0 (use k-means)");
	if ((rc = cxm__check_array(codes, n_codes, "codes")) < 0)
		return rc;
	if (levels == NULL)
		return cxm__fail(CXM_EBAD_ARG, "levels is NULL");
	if (n_levels != n_cat)
		return cxm__fail(CXM_EBAD_ARG, "n_levels = %zu, expected one level count per categorical column (n_cat = %zu)",
				 n_levels, n_cat);
	if (n_codes % n_cat != 0)
		return cxm__fail(CXM_EBAD_ARG, "n_codes = %zu is not a multiple of n_cat = %zu", n_codes, n_cat);
	r = n_codes / n_cat;
	for (l = 0; l < n_cat; l++) {
		if (levels[l] == 0)
			return cxm__fail(CXM_EBAD_ARG, "levels[%zu] = %u: a column needs at least one level", l,
					 (unsigned)levels[l]);
		if (levels[l] == 1)
			return cxm__fail(CXM_EINCONSISTENT,
					 "categorical column %zu has one level: it cannot separate clusters; drop it", l);
	}
	for (i = 0; i < r; i++)
		for (l = 0; l < n_cat; l++)
			if (codes[i * n_cat + l] >= levels[l])
				return cxm__fail(CXM_EBAD_ARG,
						 "codes row %zu, column %zu: code %u is not below the column's %u levels", i,
						 l, (unsigned)codes[i * n_cat + l], (unsigned)levels[l]);
	*rows = r;
	return CXM_OK;
}

/*
 * sum_i t(a[i * stride]) in numpy's pairwise order (np.add.reduce over a
 * column), t the value itself (mean NaN) or its squared deviation from mean.
 */
static double column_sum(const double *a, size_t n, size_t stride, double mean)
{
#define TERM(v) (isnan(mean) ? (v) : ((v) - mean) * ((v) - mean))
	size_t i, j;
	if (n < 8) {
		double s = 0.0;
		for (i = 0; i < n; i++)
			s += TERM(a[i * stride]);
		return s;
	}
	if (n <= 128) {
		double r[8], s;
		for (j = 0; j < 8; j++)
			r[j] = TERM(a[j * stride]);
		for (i = 8; i < n - n % 8; i += 8)
			for (j = 0; j < 8; j++)
				r[j] += TERM(a[(i + j) * stride]);
		s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
		for (; i < n; i++)
			s += TERM(a[i * stride]);
		return s;
	}
#undef TERM
	{
		size_t h = n / 2;
		h -= h % 8;
		return column_sum(a, h, stride, mean) + column_sum(a + h * stride, n - h, stride, mean);
	}
}

/* gamma by Huang's rule (cluster_internal.h), every sum in numpy's order, so
 * that it is the double kmodes computes (0.5 * np.mean(Xnum.std(axis=0))). */
int cxm__kproto_huang_gamma(double *gamma, const double *x, size_t rows, size_t p)
{
	size_t l;
	double *sd;
	int rc;
	if (p == 0) {
		*gamma = 1.0;
		return CXM_OK;
	}
	if ((rc = cxm__alloc_array(&sd, p, sizeof *sd, "k-prototypes deviations")) != CXM_OK)
		return rc;
	for (l = 0; l < p; l++) {
		double mean = column_sum(x + l, rows, p, NAN) / (double)rows;
		sd[l] = sqrt(column_sum(x + l, rows, p, mean) / (double)rows);
	}
	*gamma = 0.5 * (column_sum(sd, p, 1, NAN) / (double)p);
	cxm__free(sd);
	return CXM_OK;
}

/*
 * k (cxm__cluster_resolve_k: the rows of the given prototypes, else the
 * options' k) and whether initial prototypes are given: then both parts
 * (the centres only when there are numeric columns), modes below the level
 * counts. 1 given, 0 seeded, < 0 an error.
 */
static int given_init(size_t *k, const cxm_cluster_opts *o, size_t p, size_t m, const uint32_t *levels)
{
	size_t i, l;
	int rc;
	if ((rc = cxm__cluster_resolve_k(k, o, p, m)) < 0)
		return rc;
	if (o->n_init_modes == 0) {
		if (o->n_init_values == 0)
			return 0;
		return cxm__fail(CXM_EBAD_ARG, "k-prototypes: initial centres are set but not the initial modes "
				 "(cxm_cluster_opts_set_init_modes)");
	}
	if (p > 0 && o->n_init_values == 0)
		return cxm__fail(CXM_EBAD_ARG, "k-prototypes: initial modes are set but not the initial centres "
				 "(cxm_cluster_opts_set_init)");
	for (i = 0; i < *k; i++)
		for (l = 0; l < m; l++)
			if (o->init_modes[i * m + l] >= levels[l])
				return cxm__fail(CXM_EBAD_ARG, "initial mode %zu, column %zu: code %u is not below the "
						 "column's %u levels",
						 i, l, (unsigned)o->init_modes[i * m + l], (unsigned)levels[l]);
	return 1;
}

/* ---- the fit ----------------------------------------------------------------------------- */

CXM_API cxm_status cxm_kprototypes_fit(cxm_cluster_model **out, uint32_t *labels, size_t n_labels,
				       const double *x, size_t n_x, size_t n_cols,
				       const uint32_t *codes, size_t n_codes, size_t n_cat,
				       const uint32_t *levels, size_t n_levels, const cxm_cluster_opts *opts)
{
	static const double no_numbers[1] = { 0.0 };
	const cxm_cluster_opts *o = opts ? opts : &cxm__cluster_opts_default;
	cxm__kp_data d;
	kp_run s;
	cxm_cluster_model *model = NULL;
	size_t rows = 0, k = o->k, distinct, l, j, *offset = NULL, n_freq = 0;
	double *work = NULL, best_cost = 0.0;
	uint32_t *iwork = NULL, *best_labels, *best_modes;
	double *best_centres;
	unsigned run_no, n_runs, best_iter = 0, best_conv = 0, have_best = 0;
	int rc, given;
	cxm__rng rng;

	if (out == NULL)
		return cxm__fail(CXM_EBAD_ARG, "out is NULL");
	*out = NULL;
	if ((rc = check_codes(&rows, codes, n_codes, n_cat, levels, n_levels)) != CXM_OK)
		return rc;
	if (n_cols > 0) {
		size_t xrows;
		if (n_x == 0 && rows > 0)
			return cxm__fail(CXM_EBAD_ARG, "x has 0 rows but codes has %zu", rows);
		if ((rc = cxm__cluster_check_x(&xrows, x, n_x, n_cols, "x")) != CXM_OK)
			return rc;
		if (xrows != rows)
			return cxm__fail(CXM_EBAD_ARG, "x has %zu rows but codes has %zu", xrows, rows);
	} else if (n_x != 0) {
		return cxm__fail(CXM_EBAD_ARG, "n_x = %zu with n_cols = 0", n_x);
	}
	if (labels == NULL && n_labels > 0)
		return cxm__fail(CXM_EBAD_ARG, "labels is NULL with n_labels = %zu", n_labels);
	if (labels != NULL && n_labels < rows)
		return cxm__fail(CXM_EBAD_ARG, "n_labels = %zu is smaller than the %zu rows", n_labels, rows);
	if (rows == 0)
		return cxm__fail(CXM_EEMPTY, "k-prototypes: no rows");
	if ((given = given_init(&k, o, n_cols, n_cat, levels)) < 0)
		return given;

	d.x = n_cols ? x : no_numbers;
	d.codes = codes;
	d.rows = rows;
	d.p = n_cols;
	d.m = n_cat;
	d.gamma = o->gamma;
	if (isnan(d.gamma) && (rc = cxm__kproto_huang_gamma(&d.gamma, d.x, d.rows, d.p)) != CXM_OK)
		return rc;
	if (!isfinite(d.gamma))
		return cxm__fail(CXM_EOUT_OF_RANGE, "k-prototypes: gamma by Huang's rule is %g (numeric columns too large)",
				 d.gamma);
	if (k > rows)
		return cxm__fail(CXM_ETOO_FEW, "k = %zu clusters but only %zu rows", k, rows);
	if ((rc = cxm__kp_distinct_at_least(&d, k, &distinct)) < 0)
		return rc;
	if (rc == 0)
		return cxm__fail(CXM_ETOO_FEW, "k = %zu clusters but only %zu distinct rows", k, distinct);

	if ((rc = cxm__alloc_array(&offset, n_cat, sizeof *offset, "k-prototypes level offsets")) != CXM_OK)
		return rc;
	for (l = 0; l < n_cat; l++) {
		offset[l] = n_freq;
		n_freq += levels[l];
	}
	if (n_freq > SIZE_MAX / sizeof(double) / k) {
		cxm__free(offset);
		return cxm__fail(CXM_ENOMEM, "k-prototypes: k x levels = %zu x %zu level counts are too many", k, n_freq);
	}
	memset(&s, 0, sizeof s);
	s.d = &d;
	s.k = k;
	s.n_freq = n_freq;
	s.levels = levels;
	s.offset = offset;
	s.rng = &rng;
	/* doubles: centres, sums, best centres (k x p each), counts (k), freq (k x n_freq) */
	rc = cxm__alloc_array(&work, 3 * k * n_cols + k + k * n_freq, sizeof *work, "k-prototypes state");
	/* codes: modes, best modes (k x m each), memb, labels, best labels (rows each) */
	if (rc == CXM_OK)
		rc = cxm__alloc_array(&iwork, 2 * k * n_cat + 3 * rows, sizeof *iwork, "k-prototypes labels");
	if (rc != CXM_OK)
		goto done;
	s.centres = work;
	s.sums = s.centres + k * n_cols;
	best_centres = s.sums + k * n_cols;
	s.counts = best_centres + k * n_cols;
	s.freq = s.counts + k;
	s.modes = iwork;
	best_modes = s.modes + k * n_cat;
	s.memb = best_modes + k * n_cat;
	s.labels = s.memb + rows;
	best_labels = s.labels + rows;

	n_runs = given ? 1u : o->n_init;
	for (run_no = 0; run_no < n_runs; run_no++) {
		double cost = 0.0;
		unsigned iters = 0, conv = 0;
		cxm__rng_init(&rng, o->seed, run_no);
		if (given) {
			if (n_cols)
				memcpy(s.centres, o->init, k * n_cols * sizeof *s.centres);
			memcpy(s.modes, o->init_modes, k * n_cat * sizeof *s.modes);
		} else {
			cxm__kp_init_huang(s.centres, s.modes, &d, k, &rng);
		}
		if ((rc = run(&s, &cost, &iters, &conv, o)) != CXM_OK)
			goto done;
		if (!have_best || cost < best_cost) {
			have_best = 1;
			best_cost = cost;
			best_iter = iters;
			best_conv = conv;
			memcpy(best_centres, s.centres, k * n_cols * sizeof *best_centres);
			memcpy(best_modes, s.modes, k * n_cat * sizeof *best_modes);
			memcpy(best_labels, s.labels, rows * sizeof *best_labels);
		}
	}

	if ((model = cxm__cluster_model_alloc(CXM_CLUSTER_KPROTOTYPES, k, n_cols, n_cat)) == NULL) {
		rc = CXM_ENOMEM;
		goto done;
	}
	if (n_cols)
		memcpy(model->centres, best_centres, k * n_cols * sizeof *best_centres);
	memcpy(model->modes, best_modes, k * n_cat * sizeof *best_modes);
	memcpy(model->levels, levels, n_cat * sizeof *levels);
	for (j = 0; j < k; j++)
		model->sizes[j] = 0.0;
	for (j = 0; j < rows; j++)
		model->sizes[best_labels[j]] += 1.0;
	model->rows = rows;
	model->cost = best_cost;
	model->gamma = d.gamma;
	model->iterations = best_iter;
	model->converged = best_conv;
	if (labels)
		memcpy(labels, best_labels, rows * sizeof *labels);
	*out = model;
	rc = CXM_OK;
done:
	cxm__free(offset);
	cxm__free(work);
	cxm__free(iwork);
	return rc;
}
