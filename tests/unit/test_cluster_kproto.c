/*
 * tests/unit/test_cluster_kproto.c - check suite for k-prototypes
 * (cxm_kprototypes_fit, lib/cluster/kprototypes*.c; spec §14.2).
 *
 * The expected numbers are worked by hand in the comments (Huang's
 * algorithm as kmodes runs it: initial assignment, prototypes from the
 * members, passes that move one row at a time), or are kmodes' own
 * (cluster_kproto_refs.h, printed by cluster_kproto_refs.py from the peer
 * kmodes' KPrototypes: 80 real customers, and tie-heavy data). The Python
 * test tests/python/test_kprototypes_kmodes.py runs the peer live on more
 * data.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "harness.h"
#include "oom.h"
#include "cluster/cluster_internal.h"
#include "cluster_kproto_refs.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static cxm_cluster_opts *opts_k(size_t k)
{
	cxm_cluster_opts *o = NULL;
	ck_assert_status(cxm_cluster_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_k(o, k), CXM_OK);
	return o;
}

static cxm_cluster_info info_of(const cxm_cluster_model *m)
{
	cxm_cluster_info info = CXM_CLUSTER_INFO_INIT;
	ck_assert_status(cxm_cluster_model_info(&info, m), CXM_OK);
	return info;
}

/* ---- a worked example -------------------------------------------------------------- */

/*
 * Five rows (x; level), gamma = 2, initial prototypes P0 = (0; 0), P1 = (1; 1).
 *   row  x  level   d(P0)        d(P1)
 *   0    0  0       0            1 + 2 = 3   -> 0
 *   1    1  0       1            0 + 2 = 2   -> 0
 *   2    2  1       4 + 2 = 6    1           -> 1
 *   3    6  1       36 + 2       25          -> 1
 *   4    7  1       49 + 2       36          -> 1
 * Prototypes from the members: A = {0, 1}: 0.5, level 0; B = {2, 3, 4}: 5, level 1.
 * Cost: 0.25 + 0.25 + 9 + 1 + 4 = 14.5.
 * Pass 1: row 2: d(A) = 1.5^2 + 2 = 4.25 < d(B) = 9, so it moves: A = {0, 1, 2}
 * (mean 1; levels 0, 0, 1: the mode stays 0), B = {3, 4} (mean 6.5, mode 1).
 * Rows 3, 4 stay. Cost over the new prototypes: 1 + 0 + (1 + 2) + 0.25 + 0.25
 * = 4.5 < 14.5, go on. Pass 2: nothing moves (row 2: 3 against 20.25): stop.
 */
static const double ex_x[] = { 0, 1, 2, 6, 7 };
static const uint32_t ex_codes[] = { 0, 0, 1, 1, 1 };
static const uint32_t ex_levels[] = { 2 };

static cxm_cluster_opts *ex_opts(void)
{
	static const double init[] = { 0, 1 };
	static const uint32_t modes[] = { 0, 1 };
	cxm_cluster_opts *o = NULL;
	ck_assert_status(cxm_cluster_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_init(o, init, 2), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_init_modes(o, modes, 2), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_gamma(o, 2.0), CXM_OK);
	return o;
}

START_TEST(test_worked_example)
{
	static const uint32_t exp_labels[] = { 0, 0, 0, 1, 1 };
	cxm_cluster_opts *o = ex_opts();
	cxm_cluster_model *m = NULL;
	cxm_cluster_info info;
	uint32_t labels[5], modes[2];
	double centres[2], sizes[2];
	size_t i;
	ck_assert_status(cxm_kprototypes_fit(&m, labels, 5, ex_x, 5, 1, ex_codes, 5, 1, ex_levels, 1, o), CXM_OK);
	for (i = 0; i < 5; i++)
		ck_assert_uint_eq(labels[i], exp_labels[i]);
	info = info_of(m);
	ck_assert_int_eq(info.kind, CXM_CLUSTER_KPROTOTYPES);
	ck_assert_uint_eq(info.k, 2);
	ck_assert_uint_eq(info.n_cols, 1);
	ck_assert_uint_eq(info.n_cat, 1);
	ck_assert_uint_eq(info.rows, 5);
	ck_assert(info.cost == 4.5);
	ck_assert(info.gamma == 2.0);
	ck_assert_uint_eq(info.iterations, 2);
	ck_assert_uint_eq(info.converged, 1);
	ck_assert_status(cxm_cluster_model_centres(centres, 2, m), CXM_OK);
	ck_assert(centres[0] == 1.0 && centres[1] == 6.5);
	ck_assert_status(cxm_cluster_model_modes(modes, 2, m), CXM_OK);
	ck_assert_uint_eq(modes[0], 0);
	ck_assert_uint_eq(modes[1], 1);
	ck_assert_status(cxm_cluster_model_sizes(sizes, 2, m), CXM_OK);
	ck_assert(sizes[0] == 3.0 && sizes[1] == 2.0);
	cxm_cluster_model_free(m);
	cxm_cluster_opts_free(o);
}
END_TEST

START_TEST(test_iteration_limit)
{
	/* one pass allowed: the move of row 2 happens, the stop rule is not reached */
	cxm_cluster_opts *o = ex_opts();
	cxm_cluster_model *m = NULL;
	cxm_cluster_info info;
	ck_assert_status(cxm_cluster_opts_set_max_iterations(o, 1), CXM_OK);
	ck_assert_status(cxm_kprototypes_fit(&m, NULL, 0, ex_x, 5, 1, ex_codes, 5, 1, ex_levels, 1, o), CXM_OK);
	info = info_of(m);
	ck_assert_uint_eq(info.iterations, 1);
	ck_assert_uint_eq(info.converged, 0);
	ck_assert(info.cost == 4.5);
	cxm_cluster_model_free(m);
	cxm_cluster_opts_free(o);
}
END_TEST

START_TEST(test_default_gamma)
{
	/* Huang's rule: x = 0 1 2 6 7, mean 3.2, squared deviations 10.24 4.84
	 * 1.44 7.84 14.44, sum 38.8, population variance 7.76: gamma = 0.5 sqrt(7.76) */
	static const double init[] = { 0, 1 };
	static const uint32_t modes[] = { 0, 1 };
	cxm_cluster_opts *o = NULL;
	cxm_cluster_model *m = NULL;
	ck_assert_status(cxm_cluster_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_init(o, init, 2), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_init_modes(o, modes, 2), CXM_OK);
	ck_assert_status(cxm_kprototypes_fit(&m, NULL, 0, ex_x, 5, 1, ex_codes, 5, 1, ex_levels, 1, o), CXM_OK);
	ck_assert_close(info_of(m).gamma, 0.5 * sqrt(7.76));
	/* NaN restores the rule after a value was set */
	cxm_cluster_model_free(m);
	ck_assert_status(cxm_cluster_opts_set_gamma(o, 3.0), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_gamma(o, NAN), CXM_OK);
	ck_assert_status(cxm_kprototypes_fit(&m, NULL, 0, ex_x, 5, 1, ex_codes, 5, 1, ex_levels, 1, o), CXM_OK);
	ck_assert_close(info_of(m).gamma, 0.5 * sqrt(7.76));
	cxm_cluster_model_free(m);
	cxm_cluster_opts_free(o);
}
END_TEST

START_TEST(test_categorical_only)
{
	/*
	 * No numeric columns (k-modes), gamma 1 by default. Modes (0, 0), (1, 1):
	 * rows (0,1) and (1,0) are one mismatch from both and go to the lower
	 * cluster 0. Cluster 0 = rows 0, 1, 2, 5: column 0 levels 0 0 0 1, column
	 * 1 levels 0 0 1 0: mode (0, 0); cluster 1 = rows 3, 4: mode (1, 1).
	 * Cost 0 + 0 + 1 + 0 + 0 + 1 = 2. Pass 1: the tied rows stay (the lowest
	 * cluster is theirs): no move, stop.
	 */
	static const uint32_t codes[] = { 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0 };
	static const uint32_t levels[] = { 2, 2 };
	static const uint32_t init[] = { 0, 0, 1, 1 };
	static const uint32_t exp_labels[] = { 0, 0, 0, 1, 1, 0 };
	cxm_cluster_opts *o = NULL;
	cxm_cluster_model *m = NULL;
	cxm_cluster_info info;
	uint32_t labels[6], modes[4];
	size_t i;
	ck_assert_status(cxm_cluster_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_init_modes(o, init, 4), CXM_OK);
	ck_assert_status(cxm_kprototypes_fit(&m, labels, 6, NULL, 0, 0, codes, 12, 2, levels, 2, o), CXM_OK);
	for (i = 0; i < 6; i++)
		ck_assert_uint_eq(labels[i], exp_labels[i]);
	info = info_of(m);
	ck_assert(info.gamma == 1.0);
	ck_assert(info.cost == 2.0);
	ck_assert_uint_eq(info.iterations, 1);
	ck_assert_uint_eq(info.converged, 1);
	ck_assert_status(cxm_cluster_model_modes(modes, 4, m), CXM_OK);
	for (i = 0; i < 4; i++)
		ck_assert_uint_eq(modes[i], init[i]);
	cxm_cluster_model_free(m);
	cxm_cluster_opts_free(o);
}
END_TEST

/* ---- kmodes' results (cluster_kproto_refs.h) --------------------------------------- */

static void check_peer_case(const double *x, size_t n_x, size_t n_cols, const uint32_t *codes, size_t n_codes,
			    size_t n_cat, const uint32_t *levels, const double *init, size_t n_init,
			    const uint32_t *init_modes, size_t n_init_modes, double gamma,
			    const uint32_t *exp_labels, double exp_cost, double exp_gamma, unsigned exp_iterations,
			    const double *exp_centres, const uint32_t *exp_modes)
{
	size_t rows = n_codes / n_cat, k = n_init_modes / n_cat, i;
	uint32_t *labels = malloc(rows * sizeof *labels), *modes = malloc(k * n_cat * sizeof *modes);
	double *centres = malloc(k * n_cols * sizeof *centres);
	cxm_cluster_opts *o = NULL;
	cxm_cluster_model *m = NULL;
	cxm_cluster_info info;
	ck_assert(labels && modes && centres);
	ck_assert_status(cxm_cluster_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_init(o, init, n_init), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_init_modes(o, init_modes, n_init_modes), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_max_iterations(o, 100), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_gamma(o, gamma), CXM_OK);
	ck_assert_status(cxm_kprototypes_fit(&m, labels, rows, x, n_x, n_cols, codes, n_codes, n_cat, levels, n_cat, o),
			 CXM_OK);
	for (i = 0; i < rows; i++)
		ck_assert_msg(labels[i] == exp_labels[i], "label %zu: %u, kmodes %u", i, labels[i], exp_labels[i]);
	info = info_of(m);
	/* the same sums in the same order: the same doubles */
	ck_assert_msg(info.cost == exp_cost, "cost %.17g, kmodes %.17g", info.cost, exp_cost);
	ck_assert_msg(info.gamma == exp_gamma, "gamma %.17g, kmodes %.17g", info.gamma, exp_gamma);
	ck_assert_uint_eq(info.iterations, exp_iterations);
	ck_assert_uint_eq(info.converged, 1);
	ck_assert_status(cxm_cluster_model_centres(centres, k * n_cols, m), CXM_OK);
	for (i = 0; i < k * n_cols; i++)
		ck_assert_msg(centres[i] == exp_centres[i], "centre %zu: %.17g, kmodes %.17g", i, centres[i],
			      exp_centres[i]);
	ck_assert_status(cxm_cluster_model_modes(modes, k * n_cat, m), CXM_OK);
	for (i = 0; i < k * n_cat; i++)
		ck_assert_uint_eq(modes[i], exp_modes[i]);
	cxm_cluster_model_free(m);
	cxm_cluster_opts_free(o);
	free(labels);
	free(modes);
	free(centres);
}

START_TEST(test_kmodes_customers)
{
	/* 80 customers, 4 numeric and 2 categorical columns, k = 4, gamma by Huang's rule */
	check_peer_case(customers_x, N_OF(customers_x), 4, customers_codes, N_OF(customers_codes), 2,
			customers_levels, customers_init, N_OF(customers_init), customers_init_modes,
			N_OF(customers_init_modes), NAN, customers_labels, customers_cost, customers_gamma,
			customers_iterations, customers_centres, customers_modes);
}
END_TEST

START_TEST(test_kmodes_ties)
{
	/* equal dissimilarities and equal level counts everywhere; the run stops
	 * because a pass moved rows without lowering the cost */
	check_peer_case(ties_x, N_OF(ties_x), 2, ties_codes, N_OF(ties_codes), 3, ties_levels, ties_init,
			N_OF(ties_init), ties_init_modes, N_OF(ties_init_modes), 1.0, ties_labels, ties_cost,
			ties_gamma, ties_iterations, ties_centres, ties_modes);
}
END_TEST

/* ---- the dissimilarity ---------------------------------------------------------------- */

START_TEST(test_dissimilarity_numpy_order)
{
	/* Nine numeric columns: numpy (1.24) np.sum((c - x) ** 2, axis=1), as
	 * kmodes' euclidean_dissim adds them, gives 1534.8391000000001; adding in
	 * column order gives 1534.8391. The second prototype differs in one level:
	 * + gamma. */
	static const double c[] = { 8.76, 2.56, -0.95, -2.59, 10.56, -22.51, -1.39, 0.33, -14.25,
				    8.76, 2.56, -0.95, -2.59, 10.56, -22.51, -1.39, 0.33, -14.25 };
	static const double x[] = { 3.33, -6.51, 8.62, -1.26, 6.69, 12.19, 3.83, -8.76, -15.14 };
	static const uint32_t modes[] = { 4, 5 }, code[] = { 4 };
	double d[2], cost;
	ck_assert_uint_eq(cxm__kproto_nearest(&cost, x, code, c, modes, 2, 9, 1, 0.25), 0);
	cxm__kproto_dissim(d, x, code, c, modes, 2, 9, 1, 0.25);
	ck_assert(d[0] == 1534.8391000000001);
	ck_assert(d[0] != 1534.8391);
	ck_assert(d[1] == 1534.8391000000001 + 0.25);
	ck_assert(cost == d[0]);
	/* equal dissimilarities: the lowest prototype */
	ck_assert_uint_eq(cxm__kproto_nearest(&cost, x, code, c, modes, 2, 9, 1, 0.0), 0);
}
END_TEST

/* ---- seeded initial prototypes -------------------------------------------------------- */

/* Three blobs of 40 rows: numbers near 0, 10, 20 (two columns), levels 0, 1, 2. */
static void blobs(double *x, uint32_t *codes, uint32_t *truth, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		size_t b = i % 3;
		double e = (double)((i * 7919) % 13) / 13.0 - 0.5;
		x[2 * i] = 10.0 * (double)b + e;
		x[2 * i + 1] = 10.0 * (double)b - e;
		codes[i] = (uint32_t)((i % 11) == 0 ? (b + 1) % 3 : b);
		truth[i] = (uint32_t)b;
	}
}

START_TEST(test_seeded_recovers_blobs)
{
	enum { N = 120 };
	double x[2 * N];
	uint32_t codes[N], truth[N], labels[N], labels2[N], map[3] = { 9, 9, 9 };
	static const uint32_t levels[] = { 3 };
	cxm_cluster_opts *o = opts_k(3);
	cxm_cluster_model *m = NULL, *m2 = NULL;
	double sizes[3];
	size_t i;
	blobs(x, codes, truth, N);
	ck_assert_status(cxm_cluster_opts_set_seed(o, 42), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_n_init(o, 4), CXM_OK);
	ck_assert_status(cxm_kprototypes_fit(&m, labels, N, x, 2 * N, 2, codes, N, 1, levels, 1, o), CXM_OK);
	/* the labels are the blobs, up to a renumbering */
	for (i = 0; i < N; i++) {
		if (map[truth[i]] == 9)
			map[truth[i]] = labels[i];
		ck_assert_uint_eq(labels[i], map[truth[i]]);
	}
	ck_assert(map[0] != map[1] && map[1] != map[2] && map[0] != map[2]);
	ck_assert_status(cxm_cluster_model_sizes(sizes, 3, m), CXM_OK);
	ck_assert(sizes[0] == 40.0 && sizes[1] == 40.0 && sizes[2] == 40.0);
	/* the same seed, the same fit */
	ck_assert_status(cxm_kprototypes_fit(&m2, labels2, N, x, 2 * N, 2, codes, N, 1, levels, 1, o), CXM_OK);
	ck_assert(memcmp(labels, labels2, sizeof labels) == 0);
	ck_assert(info_of(m).cost == info_of(m2).cost);
	cxm_cluster_model_free(m);
	cxm_cluster_model_free(m2);
	cxm_cluster_opts_free(o);
}
END_TEST

START_TEST(test_n_init_keeps_lowest)
{
	/* n_init runs use streams 0, 1, ...: the kept cost is at most run 0's (the
	 * n_init = 1 fit), and equal to the least of the single runs */
	enum { N = 90 };
	double x[2 * N];
	uint32_t codes[N], truth[N];
	static const uint32_t levels[] = { 3 };
	cxm_cluster_opts *o = opts_k(5);
	cxm_cluster_model *m = NULL;
	double c1, c4;
	blobs(x, codes, truth, N);
	ck_assert_status(cxm_kprototypes_fit(&m, NULL, 0, x, 2 * N, 2, codes, N, 1, levels, 1, o), CXM_OK);
	c1 = info_of(m).cost;
	cxm_cluster_model_free(m);
	ck_assert_status(cxm_cluster_opts_set_n_init(o, 4), CXM_OK);
	ck_assert_status(cxm_kprototypes_fit(&m, NULL, 0, x, 2 * N, 2, codes, N, 1, levels, 1, o), CXM_OK);
	c4 = info_of(m).cost;
	ck_assert(c4 <= c1);
	cxm_cluster_model_free(m);
	cxm_cluster_opts_free(o);
}
END_TEST

START_TEST(test_k_equals_distinct_rows)
{
	/* four distinct rows, each twice, k = 4: every cluster one distinct row, cost 0 */
	static const double x[] = { 1, 1, 2, 2, 1, 1, 2, 2 };
	static const uint32_t codes[] = { 0, 1, 0, 1, 0, 1, 0, 1 };
	static const uint32_t levels[] = { 2 };
	uint32_t labels[8];
	cxm_cluster_opts *o = opts_k(4);
	cxm_cluster_model *m = NULL;
	size_t i;
	ck_assert_status(cxm_cluster_opts_set_seed(o, 7), CXM_OK);
	ck_assert_status(cxm_kprototypes_fit(&m, labels, 8, x, 8, 1, codes, 8, 1, levels, 1, o), CXM_OK);
	ck_assert(info_of(m).cost == 0.0);
	for (i = 0; i < 4; i++)
		ck_assert_uint_eq(labels[i], labels[i + 4]);
	ck_assert(labels[0] != labels[1] && labels[0] != labels[2] && labels[0] != labels[3] &&
		  labels[1] != labels[2] && labels[1] != labels[3] && labels[2] != labels[3]);
	cxm_cluster_model_free(m);
	cxm_cluster_opts_free(o);
}
END_TEST

/* ---- threads -------------------------------------------------------------------------- */

START_TEST(test_threads_identical)
{
	/* more rows than one chunk of the cost pass: 1 and 2 threads, the same bits */
	enum { N = 20000 };
	double *x = malloc(2 * N * sizeof *x);
	uint32_t *codes = malloc(N * sizeof *codes), *truth = malloc(N * sizeof *truth);
	uint32_t *l1 = malloc(N * sizeof *l1), *l2 = malloc(N * sizeof *l2);
	static const uint32_t levels[] = { 3 };
	cxm_cluster_opts *o = opts_k(4);
	cxm_cluster_model *m1 = NULL, *m2 = NULL;
	double c1[8], c2[8];
	ck_assert(x && codes && truth && l1 && l2);
	blobs(x, codes, truth, N);
	ck_assert_status(cxm_cluster_opts_set_threads(o, 1), CXM_OK);
	ck_assert_status(cxm_kprototypes_fit(&m1, l1, N, x, 2 * N, 2, codes, N, 1, levels, 1, o), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_threads(o, 2), CXM_OK);
	ck_assert_status(cxm_kprototypes_fit(&m2, l2, N, x, 2 * N, 2, codes, N, 1, levels, 1, o), CXM_OK);
	ck_assert(memcmp(l1, l2, N * sizeof *l1) == 0);
	ck_assert(info_of(m1).cost == info_of(m2).cost);
	ck_assert_status(cxm_cluster_model_centres(c1, 8, m1), CXM_OK);
	ck_assert_status(cxm_cluster_model_centres(c2, 8, m2), CXM_OK);
	ck_assert(memcmp(c1, c2, sizeof c1) == 0);
	cxm_cluster_model_free(m1);
	cxm_cluster_model_free(m2);
	cxm_cluster_opts_free(o);
	free(x);
	free(codes);
	free(truth);
	free(l1);
	free(l2);
}
END_TEST

/* ---- progress -------------------------------------------------------------------------- */

struct seen {
	size_t calls, last_step, total;
	double last_cost;
	int stop_at;
};

static int progress(void *user, size_t step, size_t total, double value)
{
	struct seen *s = user;
	s->calls++;
	s->last_step = step;
	s->total = total;
	s->last_cost = value;
	return s->stop_at && (int)step >= s->stop_at;
}

START_TEST(test_progress_and_cancel)
{
	cxm_cluster_opts *o = ex_opts();
	cxm_cluster_model *m = NULL;
	struct seen s = { 0, 0, 0, 0.0, 0 };
	ck_assert_status(cxm_cluster_opts_set_progress(o, progress, &s), CXM_OK);
	ck_assert_status(cxm_kprototypes_fit(&m, NULL, 0, ex_x, 5, 1, ex_codes, 5, 1, ex_levels, 1, o), CXM_OK);
	ck_assert_uint_eq(s.calls, 2); /* two passes (worked example) */
	ck_assert_uint_eq(s.last_step, 2);
	ck_assert_uint_eq(s.total, CXM_CLUSTER_MAX_ITERATIONS_DEFAULT);
	ck_assert(s.last_cost == 4.5);
	cxm_cluster_model_free(m);
	m = NULL;
	s.calls = 0;
	s.stop_at = 1;
	ck_assert_status(cxm_kprototypes_fit(&m, NULL, 0, ex_x, 5, 1, ex_codes, 5, 1, ex_levels, 1, o), CXM_ECANCELLED);
	ck_assert_ptr_null(m);
	ck_assert_uint_eq(s.calls, 1);
	cxm_cluster_opts_free(o);
}
END_TEST

/* ---- bad input --------------------------------------------------------------------------- */

START_TEST(test_bad_input)
{
	static const double x[] = { 0, 1, 2, 6, 7 };
	static const double x_nan[] = { 0, 1, 2, 6, 7, 1, 2, NAN, 3, 4 };
	static const double x_inf[] = { 0, 1, INFINITY, 6, 7 };
	static const uint32_t codes[] = { 0, 0, 1, 1, 1 };
	static const uint32_t codes2[] = { 0, 1, 0, 1, 1, 0, 1, 1, 0, 0 };
	static const uint32_t same[] = { 1, 1, 1, 1, 1 };
	static const uint32_t big[] = { 0, 1, 0, 2, 1 };
	static const uint32_t two[] = { 2 }, one[] = { 1 }, none[] = { 0 }, two2[] = { 2, 2 };
	static const uint32_t bad_modes[] = { 0, 2 };
	static const double init[] = { 0, 1 };
	uint32_t labels[5];
	cxm_cluster_model *m = NULL;
	cxm_cluster_opts *o = opts_k(2), *k3 = opts_k(3), *k6 = opts_k(6), *oi = NULL;

	ck_assert_status(cxm_kprototypes_fit(NULL, NULL, 0, x, 5, 1, codes, 5, 1, two, 1, o), CXM_EBAD_ARG);
	/* NaN and infinity: row and column named */
	ck_assert_status(cxm_kprototypes_fit(&m, NULL, 0, x_nan, 10, 2, codes, 5, 1, two, 1, o), CXM_ENAN);
	assert_message_has("row 3, column 1");
	ck_assert_status(cxm_kprototypes_fit(&m, NULL, 0, x_inf, 5, 1, codes, 5, 1, two, 1, o), CXM_EOUT_OF_RANGE);
	assert_message_has("row 2, column 0");
	ck_assert_ptr_null(m);
	/* a categorical column of one level (a column of two levels whose rows all
	 * have one of them only adds 0 to every dissimilarity: it is fitted) */
	ck_assert_status(cxm_kprototypes_fit(&m, NULL, 0, x, 5, 1, same, 5, 1, one, 1, o), CXM_EINCONSISTENT);
	assert_message_has("categorical column 0 has one level");
	ck_assert_status(cxm_kprototypes_fit(&m, NULL, 0, x, 5, 1, same, 5, 1, two, 1, o), CXM_OK);
	cxm_cluster_model_free(m);
	m = NULL;
	ck_assert_status(cxm_kprototypes_fit(&m, NULL, 0, x, 5, 1, codes, 5, 1, none, 1, o), CXM_EBAD_ARG);
	/* a code at or above its column's level count */
	ck_assert_status(cxm_kprototypes_fit(&m, NULL, 0, x, 5, 1, big, 5, 1, two, 1, o), CXM_EBAD_ARG);
	assert_message_has("row 3, column 0: code 2");
	/* shapes */
	ck_assert_status(cxm_kprototypes_fit(&m, NULL, 0, x, 5, 1, codes, 5, 0, two, 1, o), CXM_EBAD_ARG);
	ck_assert_status(cxm_kprototypes_fit(&m, NULL, 0, x, 5, 1, NULL, 5, 1, two, 1, o), CXM_EBAD_ARG);
	ck_assert_status(cxm_kprototypes_fit(&m, NULL, 0, x, 5, 1, codes, 5, 1, NULL, 1, o), CXM_EBAD_ARG);
	ck_assert_status(cxm_kprototypes_fit(&m, NULL, 0, x, 5, 1, codes, 5, 1, two2, 2, o), CXM_EBAD_ARG);
	ck_assert_status(cxm_kprototypes_fit(&m, NULL, 0, x, 5, 1, codes2, 10, 2, two2, 2, o), CXM_OK);
	cxm_cluster_model_free(m);
	m = NULL;
	ck_assert_status(cxm_kprototypes_fit(&m, NULL, 0, x, 4, 1, codes, 5, 1, two, 1, o), CXM_EBAD_ARG);
	assert_message_has("4 rows");
	ck_assert_status(cxm_kprototypes_fit(&m, NULL, 0, NULL, 5, 1, codes, 5, 1, two, 1, o), CXM_EBAD_ARG);
	ck_assert_status(cxm_kprototypes_fit(&m, NULL, 0, NULL, 0, 1, codes, 5, 1, two, 1, o), CXM_EBAD_ARG);
	assert_message_has("x has 0 rows but codes has 5");
	ck_assert_status(cxm_kprototypes_fit(&m, NULL, 0, x, 5, 0, codes, 5, 1, two, 1, o), CXM_EBAD_ARG);
	ck_assert_status(cxm_kprototypes_fit(&m, labels, 4, x, 5, 1, codes, 5, 1, two, 1, o), CXM_EBAD_ARG);
	assert_message_has("n_labels = 4");
	ck_assert_status(cxm_kprototypes_fit(&m, NULL, 3, x, 5, 1, codes, 5, 1, two, 1, o), CXM_EBAD_ARG);
	/* empty */
	ck_assert_status(cxm_kprototypes_fit(&m, NULL, 0, NULL, 0, 1, NULL, 0, 1, two, 1, o), CXM_EEMPTY);
	ck_assert_status(cxm_kprototypes_fit(&m, NULL, 0, NULL, 0, 0, NULL, 0, 1, two, 1, o), CXM_EEMPTY);
	/* k above the rows, above the distinct rows (the 5 rows are 5 distinct ones;
	 * rows 0 and 1 of `codes` with x = 1 1 1 1 1 are 2 distinct) */
	ck_assert_status(cxm_kprototypes_fit(&m, NULL, 0, x, 5, 1, codes, 5, 1, two, 1, k6), CXM_ETOO_FEW);
	assert_message_has("6");
	{
		static const double ones[] = { 1, 1, 1, 1, 1 };
		ck_assert_status(cxm_kprototypes_fit(&m, NULL, 0, ones, 5, 1, codes, 5, 1, two, 1, k3), CXM_ETOO_FEW);
		assert_message_has("only 2 distinct rows");
	}
	/* initial prototypes: both parts, codes in range, k agreeing */
	ck_assert_status(cxm_cluster_opts_new(&oi), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_init(oi, init, 2), CXM_OK);
	ck_assert_status(cxm_kprototypes_fit(&m, NULL, 0, x, 5, 1, codes, 5, 1, two, 1, oi), CXM_EBAD_ARG);
	assert_message_has("initial modes");
	ck_assert_status(cxm_cluster_opts_set_init(oi, NULL, 0), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_init_modes(oi, bad_modes, 2), CXM_OK);
	ck_assert_status(cxm_kprototypes_fit(&m, NULL, 0, x, 5, 1, codes, 5, 1, two, 1, oi), CXM_EBAD_ARG);
	assert_message_has("initial centres");
	ck_assert_status(cxm_cluster_opts_set_init(oi, init, 2), CXM_OK);
	ck_assert_status(cxm_kprototypes_fit(&m, NULL, 0, x, 5, 1, codes, 5, 1, two, 1, oi), CXM_EBAD_ARG);
	assert_message_has("initial mode 1, column 0: code 2");
	ck_assert_status(cxm_cluster_opts_set_k(oi, 3), CXM_OK);
	ck_assert_status(cxm_kprototypes_fit(&m, NULL, 0, x, 5, 1, codes, 5, 1, two, 1, oi), CXM_EBAD_ARG);
	ck_assert_ptr_null(m);
	cxm_cluster_opts_free(oi);
	cxm_cluster_opts_free(o);
	cxm_cluster_opts_free(k3);
	cxm_cluster_opts_free(k6);
}
END_TEST

START_TEST(test_given_prototype_left_empty)
{
	/* P1 = (100; 1) is nobody's nearest: it takes a row of the largest
	 * cluster, and the fit still ends with two non-empty clusters */
	static const double init[] = { 0, 100 };
	static const uint32_t modes[] = { 0, 1 };
	cxm_cluster_opts *o = NULL;
	cxm_cluster_model *m = NULL;
	double sizes[2];
	ck_assert_status(cxm_cluster_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_init(o, init, 2), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_init_modes(o, modes, 2), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_gamma(o, 0.5), CXM_OK);
	{
		static const double x[] = { 0, 1, 2, 3, 4, 5 };
		static const uint32_t c[] = { 0, 0, 1, 0, 1, 1 };
		ck_assert_status(cxm_kprototypes_fit(&m, NULL, 0, x, 6, 1, c, 6, 1, ex_levels, 1, o), CXM_OK);
	}
	ck_assert_status(cxm_cluster_model_sizes(sizes, 2, m), CXM_OK);
	ck_assert(sizes[0] > 0.0 && sizes[1] > 0.0 && sizes[0] + sizes[1] == 6.0);
	cxm_cluster_model_free(m);
	cxm_cluster_opts_free(o);
}
END_TEST

START_TEST(test_out_of_memory)
{
	enum { N = 60 };
	double x[2 * N];
	uint32_t codes[N], truth[N], labels[N];
	static const uint32_t levels[] = { 3 };
	cxm_cluster_opts *o = opts_k(3);
	cxm_cluster_model *m = NULL;
	long k;
	int rc;
	blobs(x, codes, truth, N);
	ck_assert_status(cxm_cluster_opts_set_n_init(o, 2), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_threads(o, 1), CXM_OK);
	for (k = 0;; k++) {
		oom_arm(k);
		rc = cxm_kprototypes_fit(&m, labels, N, x, 2 * N, 2, codes, N, 1, levels, 1, o);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			cxm_cluster_model_free(m);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		ck_assert_ptr_null(m);
		oom_assert_no_leak(k);
	}
	oom_disarm();
	cxm_cluster_opts_free(o);
}
END_TEST

static Suite *kproto_suite(void)
{
	Suite *s = suite_create("cluster_kproto");
	TCase *tc = tcase_create("kproto");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_worked_example);
	tcase_add_test(tc, test_iteration_limit);
	tcase_add_test(tc, test_default_gamma);
	tcase_add_test(tc, test_categorical_only);
	tcase_add_test(tc, test_kmodes_customers);
	tcase_add_test(tc, test_kmodes_ties);
	tcase_add_test(tc, test_dissimilarity_numpy_order);
	tcase_add_test(tc, test_seeded_recovers_blobs);
	tcase_add_test(tc, test_n_init_keeps_lowest);
	tcase_add_test(tc, test_k_equals_distinct_rows);
	tcase_add_test(tc, test_threads_identical);
	tcase_add_test(tc, test_progress_and_cancel);
	tcase_add_test(tc, test_bad_input);
	tcase_add_test(tc, test_given_prototype_left_empty);
	tcase_add_test(tc, test_out_of_memory);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(kproto_suite)
