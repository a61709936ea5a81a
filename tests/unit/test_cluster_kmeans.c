/*
 * tests/unit/test_cluster_kmeans.c - k-means, mini-batch k-means,
 * standardisation, assign and model JSON (spec §14.1, §14.3).
 *
 * Independent values: scikit-learn 1.2.1's KMeans(algorithm="lloyd",
 * n_init=1) from the same initial centres and StandardScaler, on iris and on
 * 60 real customers (tests/unit/cluster_kmeans_refs.h, printed by
 * cluster_kmeans_refs.py). Labels must be equal, inertia and centres within
 * 1e-9 (spec §0.7); thread counts must give the same bits.
 */
#include <float.h>
#include <stdint.h>
#include "harness.h"
#include "oom.h"
#include "cluster_kmeans_refs.h"
#include "cluster/cluster_internal.h"

#define IRIS_ROWS 150
#define CUST_ROWS 60

static cxm_cluster_opts *opts_init(const double *init, size_t n_init)
{
	cxm_cluster_opts *o = NULL;
	ck_assert_status(cxm_cluster_opts_new(&o), CXM_OK);
	if (init)
		ck_assert_status(cxm_cluster_opts_set_init(o, init, n_init), CXM_OK);
	return o;
}

/* Fit from the given centres and compare with scikit-learn's result. */
static void check_sklearn(const double *x, size_t rows, size_t p, const double *init, size_t k, double tol,
			  unsigned max_iter, const uint32_t *labels_exp, double inertia_exp, unsigned iter_exp,
			  const double *centres_exp)
{
	cxm_cluster_opts *o = opts_init(init, k * p);
	cxm_cluster_model *m = NULL;
	cxm_cluster_info info = CXM_CLUSTER_INFO_INIT;
	uint32_t labels[IRIS_ROWS];
	double centres[8 * 5], sizes[8], total = 0.0;
	size_t i;
	ck_assert_uint_le(rows, IRIS_ROWS);
	if (tol >= 0.0)
		ck_assert_status(cxm_cluster_opts_set_tol(o, tol), CXM_OK);
	if (max_iter)
		ck_assert_status(cxm_cluster_opts_set_max_iterations(o, max_iter), CXM_OK);
	ck_assert_status(cxm_kmeans_fit(&m, labels, rows, x, rows * p, p, o), CXM_OK);
	ck_assert_status(cxm_cluster_model_info(&info, m), CXM_OK);
	ck_assert_int_eq(info.kind, CXM_CLUSTER_KMEANS);
	ck_assert_uint_eq(info.k, k);
	ck_assert_uint_eq(info.n_cols, p);
	ck_assert_uint_eq(info.n_cat, 0);
	ck_assert_uint_eq(info.rows, rows);
	ck_assert(isnan(info.gamma));
	for (i = 0; i < rows; i++)
		ck_assert_msg(labels[i] == labels_exp[i], "row %zu: label %u, scikit-learn %u", i, labels[i],
			      labels_exp[i]);
	ck_assert_close(info.cost, inertia_exp);
	ck_assert_uint_eq(info.iterations, iter_exp);
	ck_assert_status(cxm_cluster_model_centres(centres, k * p, m), CXM_OK);
	for (i = 0; i < k * p; i++)
		ck_assert_close(centres[i], centres_exp[i]);
	ck_assert_status(cxm_cluster_model_sizes(sizes, k, m), CXM_OK);
	for (i = 0; i < k; i++)
		total += sizes[i];
	ck_assert_double_eq(total, (double)rows);
	cxm_cluster_model_free(m);
	cxm_cluster_opts_free(o);
}

static void rows_of(double *out, const double *x, size_t p, const size_t *idx, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		memcpy(out + i * p, x + idx[i] * p, p * sizeof *out);
}

START_TEST(test_iris_sklearn)
{
	static const size_t i3[] = { 0, 50, 100 }, i5[] = { 0, 50, 100, 25, 75 }, i012[] = { 0, 1, 2 };
	double init[5 * 4];
	rows_of(init, iris, 4, i3, 3);
	check_sklearn(iris, IRIS_ROWS, 4, init, 3, -1.0, 0, iris3_labels, iris3_inertia, iris3_iterations,
		      iris3_centres);
	rows_of(init, iris, 4, i5, 5);
	check_sklearn(iris, IRIS_ROWS, 4, init, 5, -1.0, 0, iris5_labels, iris5_inertia, iris5_iterations,
		      iris5_centres);
	/* stopped by the centre shift (tol 1e-2), then labelled once more */
	rows_of(init, iris, 4, i012, 3);
	check_sklearn(iris, IRIS_ROWS, 4, init, 3, 1e-2, 0, iris3_tol_labels, iris3_tol_inertia,
		      iris3_tol_iterations, iris3_tol_centres);
	/* stopped by the iteration limit */
	check_sklearn(iris, IRIS_ROWS, 4, init, 3, -1.0, 2, iris3_max2_labels, iris3_max2_inertia,
		      iris3_max2_iterations, iris3_max2_centres);
}
END_TEST

START_TEST(test_empty_cluster_relocated)
{
	/* a centre far from every row gets none; it takes the row farthest from its centre */
	static const size_t i3[] = { 0, 50, 100 };
	double init[4 * 4];
	rows_of(init, iris, 4, i3, 3);
	init[12] = init[13] = init[14] = init[15] = 100.0;
	check_sklearn(iris, IRIS_ROWS, 4, init, 4, -1.0, 0, iris_empty_labels, iris_empty_inertia,
		      iris_empty_iterations, iris_empty_centres);
}
END_TEST

START_TEST(test_customers_standardised_sklearn)
{
	static const size_t i4[] = { 0, 1, 2, 3 };
	double means[5], scales[5], z[CUST_ROWS * 5], init[4 * 5];
	size_t i;
	ck_assert_status(cxm_standardize_fit(means, 5, scales, 5, cust, CUST_ROWS * 5, 5), CXM_OK);
	for (i = 0; i < 5; i++) {
		assert_rel(means[i], cust_means[i], 1e-14);
		assert_rel(scales[i], cust_scales[i], 1e-14);
	}
	ck_assert_status(cxm_standardize_apply(z, CUST_ROWS * 5, cust, CUST_ROWS * 5, 5, means, 5, scales, 5), CXM_OK);
	for (i = 0; i < CUST_ROWS * 5; i++)
		assert_abs(z[i], cust_z[i], 1e-13);
	/* in place */
	memcpy(z, cust, sizeof z);
	ck_assert_status(cxm_standardize_apply(z, CUST_ROWS * 5, z, CUST_ROWS * 5, 5, means, 5, scales, 5), CXM_OK);
	for (i = 0; i < CUST_ROWS * 5; i++)
		assert_abs(z[i], cust_z[i], 1e-13);
	rows_of(init, cust_z, 5, i4, 4);
	check_sklearn(cust_z, CUST_ROWS, 5, init, 4, -1.0, 0, cust4_labels, cust4_inertia, cust4_iterations,
		      cust4_centres);
}
END_TEST

START_TEST(test_standardize_constant_and_errors)
{
	const double x[] = { 1, 5, 2, 5, 3, 5 }, bad[] = { 1, 2, NAN, 4 };
	double means[2], scales[2], out[6];
	ck_assert_status(cxm_standardize_fit(means, 2, scales, 2, x, 6, 2), CXM_OK);
	ck_assert_double_eq(means[0], 2.0);
	ck_assert_double_eq(means[1], 5.0);
	ck_assert_double_eq(scales[0], sqrt(2.0 / 3.0));
	ck_assert_double_eq(scales[1], 1.0); /* constant: scale 1, as StandardScaler */
	ck_assert_status(cxm_standardize_fit(means, 1, scales, 2, x, 6, 2), CXM_EBAD_ARG);
	assert_message_has("n_means = 1");
	ck_assert_status(cxm_standardize_fit(means, 2, scales, 2, x, 5, 2), CXM_EBAD_ARG);
	ck_assert_status(cxm_standardize_fit(means, 2, scales, 2, NULL, 0, 2), CXM_EEMPTY);
	ck_assert_status(cxm_standardize_fit(means, 2, scales, 2, bad, 4, 2), CXM_ENAN);
	assert_message_has("row 1, column 0");
	ck_assert_status(cxm_standardize_fit(NULL, 0, scales, 2, x, 6, 2), CXM_EBAD_ARG);
	scales[0] = 0.0;
	ck_assert_status(cxm_standardize_apply(out, 6, x, 6, 2, means, 2, scales, 2), CXM_EBAD_ARG);
	assert_message_has("scales[0]");
	scales[0] = 1.0;
	ck_assert_status(cxm_standardize_apply(out, 5, x, 6, 2, means, 2, scales, 2), CXM_EBAD_ARG);
	ck_assert_status(cxm_standardize_apply(out, 6, x, 6, 2, means, 1, scales, 2), CXM_EBAD_ARG);
	means[1] = NAN;
	ck_assert_status(cxm_standardize_apply(out, 6, x, 6, 2, means, 2, scales, 2), CXM_ENAN);
}
END_TEST

/* Rows from a fixed generator: 5 blobs in 3 columns, enough rows for two threads. */
#define SYN_ROWS 70000 /* two threads need 2 x 4 x 8192 rows (parallel.c) */
static double *synthetic(size_t rows)
{
	double *x = malloc(rows * 3 * sizeof *x);
	uint64_t s = 12345;
	size_t i, f;
	ck_assert_ptr_nonnull(x);
	for (i = 0; i < rows; i++) {
		size_t blob = i % 5;
		for (f = 0; f < 3; f++) {
			double u = 0.0;
			int t;
			for (t = 0; t < 4; t++) { /* roughly normal: a sum of uniforms */
				s = s * 6364136223846793005ULL + 1442695040888963407ULL;
				u += (double)(s >> 11) * 0x1.0p-53;
			}
			x[i * 3 + f] = (double)(blob * (f + 1)) * 1.5 + (u - 2.0);
		}
	}
	return x;
}

static void fit_threads(cxm_cluster_model **m, uint32_t *labels, const double *x, size_t rows, unsigned threads,
			size_t batch)
{
	cxm_cluster_opts *o = opts_init(NULL, 0);
	ck_assert_status(cxm_cluster_opts_set_k(o, 5), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_seed(o, 42), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_n_init(o, 2), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_threads(o, threads), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_batch_size(o, batch), CXM_OK);
	ck_assert_status(cxm_kmeans_fit(m, labels, rows, x, rows * 3, 3, o), CXM_OK);
	cxm_cluster_opts_free(o);
}

static void assert_same_model(const cxm_cluster_model *a, const cxm_cluster_model *b)
{
	ck_assert_uint_eq(a->k, b->k);
	ck_assert_mem_eq(a->centres, b->centres, a->k * a->n_cols * sizeof *a->centres);
	ck_assert_mem_eq(a->sizes, b->sizes, a->k * sizeof *a->sizes);
	ck_assert_mem_eq(&a->cost, &b->cost, sizeof a->cost);
	ck_assert_uint_eq(a->iterations, b->iterations);
	ck_assert_uint_eq(a->converged, b->converged);
}

START_TEST(test_threads_bit_identical)
{
	double *x = synthetic(SYN_ROWS);
	uint32_t *l1 = malloc(SYN_ROWS * sizeof *l1), *l2 = malloc(SYN_ROWS * sizeof *l2);
	cxm_cluster_model *m1 = NULL, *m2 = NULL, *m3 = NULL;
	size_t batch;
	for (batch = 0; batch <= 2048; batch += 2048) { /* Lloyd, then mini-batch */
		fit_threads(&m1, l1, x, SYN_ROWS, 1, batch);
		fit_threads(&m2, l2, x, SYN_ROWS, 2, batch);
		assert_same_model(m1, m2);
		ck_assert_mem_eq(l1, l2, SYN_ROWS * sizeof *l1);
		fit_threads(&m3, l2, x, SYN_ROWS, 3, batch);
		assert_same_model(m1, m3);
		ck_assert_mem_eq(l1, l2, SYN_ROWS * sizeof *l1);
		cxm_cluster_model_free(m1);
		cxm_cluster_model_free(m2);
		cxm_cluster_model_free(m3);
	}
	free(x);
	free(l1);
	free(l2);
}
END_TEST

START_TEST(test_kmeanspp_and_minibatch_quality)
{
	cxm_cluster_opts *o = opts_init(NULL, 0);
	cxm_cluster_model *m = NULL, *mb = NULL;
	double centres[3 * 4], *x = synthetic(SYN_ROWS);
	uint32_t labels[IRIS_ROWS], *l1 = malloc(SYN_ROWS * sizeof *l1), *l2 = malloc(SYN_ROWS * sizeof *l2);
	size_t i, j, r, agree = 0;
	/* scikit-learn 1.2.1 KMeans(3, n_init=10, random_state=0) on iris: inertia
	 * 78.851441426146 (the optimum); ten seeded k-means++ starts reach it too */
	ck_assert_status(cxm_cluster_opts_set_k(o, 3), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_n_init(o, 10), CXM_OK);
	ck_assert_status(cxm_kmeans_fit(&m, labels, IRIS_ROWS, iris, IRIS_ROWS * 4, 4, o), CXM_OK);
	ck_assert_close(m->cost, 78.851441426146);
	cxm_cluster_model_free(m);
	/* one k-means++ start: its centres are rows of the data, all different */
	ck_assert_status(cxm_cluster_opts_set_n_init(o, 1), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_max_iterations(o, 1), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_tol(o, 0.0), CXM_OK);
	for (r = 0; r < 5; r++) {
		size_t hit[3] = { 0 };
		double seeds[3 * 4];
		ck_assert_status(cxm_cluster_opts_set_seed(o, r), CXM_OK);
		ck_assert_status(cxm__kmeans_plusplus(seeds, iris, IRIS_ROWS, 4, 3, r, 0, 1), CXM_OK);
		for (j = 0; j < 3; j++)
			for (i = 0; i < IRIS_ROWS; i++)
				hit[j] += memcmp(seeds + j * 4, iris + i * 4, 4 * sizeof *seeds) == 0;
		ck_assert(hit[0] && hit[1] && hit[2]);
		ck_assert(memcmp(seeds, seeds + 4, 32) && memcmp(seeds, seeds + 8, 32) && memcmp(seeds + 4, seeds + 8, 32));
	}
	cxm_cluster_opts_free(o);
	/* mini-batch on five separated blobs: nearly Lloyd's inertia, the same partition */
	fit_threads(&m, l1, x, SYN_ROWS, 0, 0);
	fit_threads(&mb, l2, x, SYN_ROWS, 0, 1024);
	ck_assert_msg(mb->cost <= 1.01 * m->cost, "mini-batch inertia %g, Lloyd %g", mb->cost, m->cost);
	ck_assert_msg(mb->cost >= m->cost * (1.0 - 1e-12), "mini-batch %g below Lloyd %g", mb->cost, m->cost);
	{
		/* the same partition up to the numbering of clusters */
		uint32_t map[5];
		for (j = 0; j < 5; j++)
			map[j] = UINT32_MAX;
		for (i = 0; i < SYN_ROWS; i++) {
			if (map[l1[i]] == UINT32_MAX)
				map[l1[i]] = l2[i];
			agree += map[l1[i]] == l2[i];
		}
		ck_assert_msg(agree >= SYN_ROWS - SYN_ROWS / 100, "%zu of %d rows agree", agree, SYN_ROWS);
	}
	ck_assert_uint_gt(mb->iterations, 0);
	(void)centres;
	cxm_cluster_model_free(m);
	cxm_cluster_model_free(mb);
	free(x);
	free(l1);
	free(l2);
}
END_TEST

START_TEST(test_bad_input)
{
	double x[12] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 }, init[6] = { 1, 2, 3, 4, 5, 6 };
	const double dup[8] = { 1, 1, 1, 1, 2, 2, 1, 1 };
	cxm_cluster_opts *o = opts_init(NULL, 0);
	cxm_cluster_model *m = (cxm_cluster_model *)&m;
	uint32_t labels[6];
	ck_assert_status(cxm_cluster_opts_set_k(o, 2), CXM_OK);
	ck_assert_status(cxm_kmeans_fit(NULL, labels, 6, x, 12, 2, o), CXM_EBAD_ARG);
	x[7] = NAN;
	ck_assert_status(cxm_kmeans_fit(&m, labels, 6, x, 12, 2, o), CXM_ENAN);
	ck_assert_ptr_null(m);
	assert_message_has("row 3, column 1");
	x[7] = -INFINITY;
	ck_assert_status(cxm_kmeans_fit(&m, labels, 6, x, 12, 2, o), CXM_EOUT_OF_RANGE);
	assert_message_has("row 3, column 1");
	x[7] = 8;
	{	/* finite values whose column sum overflows */
		const double huge[4] = { 1e308, 1, 1e308, 2 };
		ck_assert_status(cxm_kmeans_fit(&m, NULL, 0, huge, 4, 2, o), CXM_EOUT_OF_RANGE);
		assert_message_has("column 0");
	}
	ck_assert_status(cxm_kmeans_fit(&m, labels, 6, NULL, 0, 2, o), CXM_EEMPTY);
	ck_assert_status(cxm_kmeans_fit(&m, labels, 6, x, 11, 2, o), CXM_EBAD_ARG);
	ck_assert_status(cxm_kmeans_fit(&m, labels, 6, x, 12, 0, o), CXM_EBAD_ARG);
	ck_assert_status(cxm_kmeans_fit(&m, labels, 5, x, 12, 2, o), CXM_EBAD_ARG);
	assert_message_has("n_labels = 5");
	ck_assert_status(cxm_kmeans_fit(&m, NULL, 6, x, 12, 2, o), CXM_EBAD_ARG);
	/* k > rows */
	ck_assert_status(cxm_cluster_opts_set_k(o, 7), CXM_OK);
	ck_assert_status(cxm_kmeans_fit(&m, labels, 6, x, 12, 2, o), CXM_ETOO_FEW);
	assert_message_has("k is 7");
	/* fewer distinct rows than k (k-means++ runs out of rows) */
	ck_assert_status(cxm_cluster_opts_set_k(o, 3), CXM_OK);
	ck_assert_status(cxm_kmeans_fit(&m, NULL, 0, dup, 8, 2, o), CXM_ETOO_FEW);
	assert_message_has("distinct");
	/* initial centres: whole rows, agreeing with a k that was set */
	ck_assert_status(cxm_cluster_opts_set_init(o, init, 5), CXM_OK);
	ck_assert_status(cxm_kmeans_fit(&m, labels, 6, x, 12, 2, o), CXM_EBAD_ARG);
	assert_message_has("not whole rows");
	ck_assert_status(cxm_cluster_opts_set_init(o, init, 4), CXM_OK);
	ck_assert_status(cxm_kmeans_fit(&m, labels, 6, x, 12, 2, o), CXM_EBAD_ARG);
	assert_message_has("k is 3");
	ck_assert_status(cxm_cluster_opts_set_init(o, init, 6), CXM_OK);
	ck_assert_status(cxm_kmeans_fit(&m, labels, 6, x, 12, 2, o), CXM_OK);
	cxm_cluster_model_free(m);
	ck_assert_status(cxm_kmeans_fit(&m, labels, 6, x, 12, 3, o), CXM_EBAD_ARG); /* 6 values = 2 rows of 3 != k 3 */
	cxm_cluster_opts_free(o);
	/* without set_k, the initial centres give k */
	o = opts_init(init, 4);
	ck_assert_status(cxm_kmeans_fit(&m, labels, 6, x, 12, 2, o), CXM_OK);
	ck_assert_uint_eq(m->k, 2);
	cxm_cluster_model_free(m);
	cxm_cluster_opts_free(o);
}
END_TEST

START_TEST(test_opts_setters)
{
	cxm_cluster_opts *o = NULL;
	const double bad[2] = { 1, NAN }, inf[2] = { 1, INFINITY };
	const uint32_t modes[2] = { 0, 1 };
	ck_assert_status(cxm_cluster_opts_new(NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_cluster_opts_new(&o), CXM_OK);
	ck_assert_uint_eq(o->k, 8);
	ck_assert_uint_eq(o->max_iterations, CXM_CLUSTER_MAX_ITERATIONS_DEFAULT);
	ck_assert_double_eq(o->tol, CXM_CLUSTER_TOL_DEFAULT);
	ck_assert(isnan(o->gamma));
	ck_assert_status(cxm_cluster_opts_set_k(o, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_cluster_opts_set_k(NULL, 3), CXM_EBAD_ARG);
	ck_assert_status(cxm_cluster_opts_set_n_init(o, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_cluster_opts_set_n_init(o, 1001), CXM_EBAD_ARG);
	ck_assert_status(cxm_cluster_opts_set_tol(o, -1.0), CXM_EBAD_ARG);
	ck_assert_status(cxm_cluster_opts_set_tol(o, NAN), CXM_EBAD_ARG);
	ck_assert_status(cxm_cluster_opts_set_gamma(o, -0.5), CXM_EBAD_ARG);
	ck_assert_status(cxm_cluster_opts_set_gamma(o, INFINITY), CXM_EBAD_ARG);
	ck_assert_status(cxm_cluster_opts_set_gamma(o, 0.25), CXM_OK);
	ck_assert_double_eq(o->gamma, 0.25);
	ck_assert_status(cxm_cluster_opts_set_gamma(o, NAN), CXM_OK);
	ck_assert(isnan(o->gamma));
	ck_assert_status(cxm_cluster_opts_set_threads(o, 1025), CXM_EBAD_ARG);
	ck_assert_status(cxm_cluster_opts_set_max_iterations(o, 0), CXM_OK);
	ck_assert_uint_eq(o->max_iterations, CXM_CLUSTER_MAX_ITERATIONS_DEFAULT);
	ck_assert_status(cxm_cluster_opts_set_init(o, bad, 2), CXM_ENAN);
	ck_assert_status(cxm_cluster_opts_set_init(o, inf, 2), CXM_EOUT_OF_RANGE);
	ck_assert_ptr_null(o->init); /* a failed setter changes nothing */
	ck_assert_status(cxm_cluster_opts_set_init(o, NULL, 2), CXM_EBAD_ARG);
	ck_assert_status(cxm_cluster_opts_set_init_modes(o, modes, 2), CXM_OK);
	ck_assert_uint_eq(o->n_init_modes, 2);
	ck_assert_status(cxm_cluster_opts_set_init_modes(o, NULL, 0), CXM_OK);
	ck_assert_ptr_null(o->init_modes);
	ck_assert_status(cxm_cluster_opts_set_progress(NULL, NULL, NULL), CXM_EBAD_ARG);
	cxm_cluster_opts_free(o);
	cxm_cluster_opts_free(NULL);
	/* the kind's words */
	{
		int v = -1;
		ck_assert_status(cxm_names_parse(&v, CXM_NAMES_CLUSTER_KIND, "kprototypes"), CXM_OK);
		ck_assert_int_eq(v, CXM_CLUSTER_KPROTOTYPES);
		ck_assert_str_eq(cxm_names_word(CXM_NAMES_CLUSTER_KIND, CXM_CLUSTER_KMEANS), "kmeans");
	}
}
END_TEST

struct progress_log {
	size_t calls, stop_at;
	double last;
};

static int progress(void *user, size_t step, size_t total, double value)
{
	struct progress_log *l = user;
	ck_assert_uint_eq(step, l->calls + 1);
	ck_assert_uint_eq(total, CXM_CLUSTER_MAX_ITERATIONS_DEFAULT);
	l->calls++;
	l->last = value;
	return l->stop_at && l->calls >= l->stop_at;
}

START_TEST(test_progress_and_cancel)
{
	static const size_t i5[] = { 0, 50, 100, 25, 75 };
	double init[5 * 4];
	struct progress_log log = { 0, 0, 0.0 };
	cxm_cluster_opts *o;
	cxm_cluster_model *m = NULL;
	rows_of(init, iris, 4, i5, 5);
	o = opts_init(init, 20);
	ck_assert_status(cxm_cluster_opts_set_progress(o, progress, &log), CXM_OK);
	ck_assert_status(cxm_kmeans_fit(&m, NULL, 0, iris, IRIS_ROWS * 4, 4, o), CXM_OK);
	ck_assert_uint_eq(log.calls, iris5_iterations);
	/* the last iteration's labels are the final ones: its cost is the inertia */
	assert_rel(log.last, iris5_inertia, 1e-12);
	cxm_cluster_model_free(m);
	log.calls = 0;
	log.stop_at = 2;
	ck_assert_status(cxm_kmeans_fit(&m, NULL, 0, iris, IRIS_ROWS * 4, 4, o), CXM_ECANCELLED);
	ck_assert_ptr_null(m);
	ck_assert_uint_eq(log.calls, 2);
	cxm_cluster_opts_free(o);
}
END_TEST

static cxm_cluster_model *iris_model(void)
{
	static const size_t i3[] = { 0, 50, 100 };
	static const char *const names[] = { "sepal_length", "sepal_width", "petal_length", "petal_width" };
	double init[3 * 4];
	cxm_cluster_opts *o;
	cxm_cluster_model *m = NULL;
	rows_of(init, iris, 4, i3, 3);
	o = opts_init(init, 12);
	ck_assert_status(cxm_kmeans_fit(&m, NULL, 0, iris, IRIS_ROWS * 4, 4, o), CXM_OK);
	ck_assert_status(cxm_cluster_model_set_names(m, names, 4), CXM_OK);
	cxm_cluster_opts_free(o);
	return m;
}

START_TEST(test_assign)
{
	cxm_cluster_model *m = iris_model();
	uint32_t labels[IRIS_ROWS];
	double cost[IRIS_ROWS], total = 0.0;
	size_t i;
	ck_assert_status(cxm_cluster_assign(labels, IRIS_ROWS, cost, IRIS_ROWS, m, iris, IRIS_ROWS * 4, 4, NULL, 0, 0),
			 CXM_OK);
	for (i = 0; i < IRIS_ROWS; i++) {
		ck_assert_uint_eq(labels[i], iris3_labels[i]);
		/* the kernel may fuse multiply and add: equal to rounding */
		assert_abs(cost[i], cxm__sqdist(iris + i * 4, m->centres + labels[i] * 4, 4), 1e-13);
		total += cost[i];
	}
	ck_assert_close(total, iris3_inertia);
	/* labels only, cost only */
	ck_assert_status(cxm_cluster_assign(labels, IRIS_ROWS, NULL, 0, m, iris, IRIS_ROWS * 4, 4, NULL, 0, 0), CXM_OK);
	ck_assert_status(cxm_cluster_assign(NULL, 0, cost, IRIS_ROWS, m, iris, IRIS_ROWS * 4, 4, NULL, 0, 0), CXM_OK);
	ck_assert_status(cxm_cluster_assign(NULL, 0, NULL, 0, m, iris, IRIS_ROWS * 4, 4, NULL, 0, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_cluster_assign(labels, IRIS_ROWS, NULL, 0, m, iris, IRIS_ROWS * 3, 3, NULL, 0, 0),
			 CXM_EBAD_ARG);
	assert_message_has("the model has 4");
	ck_assert_status(cxm_cluster_assign(labels, 10, NULL, 0, m, iris, IRIS_ROWS * 4, 4, NULL, 0, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_cluster_assign(labels, 1, NULL, 0, m, NULL, 0, 4, NULL, 0, 0), CXM_EEMPTY);
	ck_assert_status(cxm_cluster_assign(labels, 1, NULL, 0, NULL, iris, 4, 4, NULL, 0, 0), CXM_EBAD_ARG);
	{
		const double nan_row[4] = { 1, 2, NAN, 4 };
		ck_assert_status(cxm_cluster_assign(labels, 1, NULL, 0, m, nan_row, 4, 4, NULL, 0, 0), CXM_ENAN);
		assert_message_has("row 0, column 2");
	}
	cxm_cluster_model_free(m);
}
END_TEST

START_TEST(test_assign_kprototypes_model)
{
	/* a hand-made k-prototypes model: d = sq. distance + gamma x mismatches */
	cxm_cluster_model *m = cxm__cluster_model_alloc(CXM_CLUSTER_KPROTOTYPES, 2, 1, 2);
	const double x[3] = { 0.0, 1.0, 0.4 };
	const uint32_t codes[6] = { 1, 1, 0, 0, 7, 0 }; /* 7: a level the model never saw */
	uint32_t labels[3];
	double cost[3];
	ck_assert_ptr_nonnull(m);
	m->centres[0] = 0.0;
	m->centres[1] = 1.0;
	m->modes[0] = 0; m->modes[1] = 0; /* prototype 0: (0; 0, 0) */
	m->modes[2] = 1; m->modes[3] = 1; /* prototype 1: (1; 1, 1) */
	m->levels[0] = 2;
	m->levels[1] = 2;
	m->gamma = 0.5;
	ck_assert_status(cxm_cluster_assign(labels, 3, cost, 3, m, x, 3, 1, codes, 6, 2), CXM_OK);
	/* row 0: (0; 1,1): 0 + 0.5*2 = 1 vs 1 + 0 = 1: a tie, the lower label */
	ck_assert_uint_eq(labels[0], 0);
	ck_assert_double_eq(cost[0], 1.0);
	/* row 1: (1; 0,0): 1 + 0 = 1 vs 0 + 1 = 1: tie -> 0 */
	ck_assert_uint_eq(labels[1], 0);
	/* row 2: (0.4; 7,0): 0.16 + 0.5 = 0.66 vs 0.36 + 1.0 = 1.36 -> 0 */
	ck_assert_uint_eq(labels[2], 0);
	ck_assert_double_eq(cost[2], 0.16000000000000003 + 0.5);
	ck_assert_status(cxm_cluster_assign(labels, 3, cost, 3, m, x, 3, 1, codes, 5, 2), CXM_EBAD_ARG);
	ck_assert_status(cxm_cluster_assign(labels, 3, cost, 3, m, x, 2, 1, codes, 6, 2), CXM_EBAD_ARG);
	cxm_cluster_model_free(m);
}
END_TEST

static void assert_models_equal(const cxm_cluster_model *a, const cxm_cluster_model *b)
{
	size_t i, j;
	ck_assert_int_eq(a->kind, b->kind);
	ck_assert_uint_eq(a->k, b->k);
	ck_assert_uint_eq(a->n_cols, b->n_cols);
	ck_assert_uint_eq(a->n_cat, b->n_cat);
	ck_assert_uint_eq(a->rows, b->rows);
	ck_assert_uint_eq(a->iterations, b->iterations);
	ck_assert_uint_eq(a->converged, b->converged);
	if (a->n_cols)
		ck_assert_mem_eq(a->centres, b->centres, a->k * a->n_cols * sizeof(double));
	if (a->n_cat) {
		ck_assert_mem_eq(a->modes, b->modes, a->k * a->n_cat * sizeof(uint32_t));
		ck_assert_mem_eq(a->levels, b->levels, a->n_cat * sizeof(uint32_t));
	}
	ck_assert_mem_eq(a->sizes, b->sizes, a->k * sizeof(double));
	ck_assert_mem_eq(&a->cost, &b->cost, sizeof(double));
	ck_assert(isnan(a->gamma) ? isnan(b->gamma) : a->gamma == b->gamma);
	for (i = 0; i < a->n_cols + a->n_cat; i++) {
		const char *na = cxm_cluster_model_name(a, i), *nb = cxm_cluster_model_name(b, i);
		ck_assert(na ? nb && strcmp(na, nb) == 0 : nb == NULL);
	}
	ck_assert((a->level_names == NULL) == (b->level_names == NULL));
	for (j = 0; a->level_names && j < a->n_cat; j++) {
		ck_assert((a->level_names[j] == NULL) == (b->level_names[j] == NULL));
		for (i = 0; a->level_names[j] && i < a->levels[j]; i++)
			ck_assert_str_eq(a->level_names[j][i], b->level_names[j][i]);
	}
}

static void round_trip(const cxm_cluster_model *m)
{
	char *json = NULL, *again = NULL;
	cxm_cluster_model *back = NULL;
	ck_assert_status(cxm_cluster_model_to_json(&json, m), CXM_OK);
	ck_assert_status(cxm_cluster_model_from_json(&back, json, strlen(json)), CXM_OK);
	assert_models_equal(m, back);
	ck_assert_status(cxm_cluster_model_to_json(&again, back), CXM_OK);
	ck_assert_str_eq(json, again);
	cxm_free(json);
	cxm_free(again);
	cxm_cluster_model_free(back);
}

static cxm_cluster_model *kproto_model(void)
{
	static const char *const names[] = { "spend", "channel", "region" };
	static const char *const channel[] = { "web", "store", "" };
	cxm_cluster_model *m = cxm__cluster_model_alloc(CXM_CLUSTER_KPROTOTYPES, 2, 1, 2);
	ck_assert_ptr_nonnull(m);
	m->centres[0] = 0.1;
	m->centres[1] = -1.0 / 3.0;
	m->modes[0] = 2; m->modes[1] = 0; m->modes[2] = 1; m->modes[3] = 3;
	m->levels[0] = 3;
	m->levels[1] = 4;
	m->sizes[0] = 10;
	m->sizes[1] = 7;
	m->gamma = 0.7071067811865476;
	m->cost = 12.345678901234567;
	m->rows = 17;
	m->iterations = 3;
	m->converged = 1;
	ck_assert_status(cxm_cluster_model_set_names(m, names, 3), CXM_OK);
	ck_assert_status(cxm_cluster_model_set_levels(m, 0, channel, 3), CXM_OK);
	return m;
}

START_TEST(test_json_round_trip)
{
	cxm_cluster_model *m = iris_model(), *k = kproto_model();
	round_trip(m);
	round_trip(k);
	/* the level getters: column 0 named, column 1 (4 levels) not */
	ck_assert_uint_eq(cxm_cluster_model_level_count(k, 0), 3);
	ck_assert_uint_eq(cxm_cluster_model_level_count(k, 1), 4);
	ck_assert_uint_eq(cxm_cluster_model_level_count(k, 2), 0);
	ck_assert_uint_eq(cxm_cluster_model_level_count(NULL, 0), 0);
	ck_assert_str_eq(cxm_cluster_model_level(k, 0, 0), "web");
	ck_assert_str_eq(cxm_cluster_model_level(k, 0, 2), "");
	ck_assert_ptr_null(cxm_cluster_model_level(k, 0, 3));
	ck_assert_ptr_null(cxm_cluster_model_level(k, 1, 0));
	ck_assert_ptr_null(cxm_cluster_model_level(k, 2, 0));
	ck_assert_ptr_null(cxm_cluster_model_level(NULL, 0, 0));
	ck_assert_uint_eq(cxm_cluster_model_level_count(m, 0), 0); /* k-means: no categorical column */
	/* without names */
	cxm_cluster_model_free(m);
	{
		static const size_t i5[] = { 0, 50, 100, 25, 75 };
		double init[5 * 4];
		cxm_cluster_opts *o;
		rows_of(init, iris, 4, i5, 5);
		o = opts_init(init, 20);
		ck_assert_status(cxm_kmeans_fit(&m, NULL, 0, iris, IRIS_ROWS * 4, 4, o), CXM_OK);
		round_trip(m);
		cxm_cluster_opts_free(o);
	}
	cxm_cluster_model_free(m);
	cxm_cluster_model_free(k);
}
END_TEST

static void from_json_fails(const char *json, int code, const char *needle)
{
	cxm_cluster_model *m = (cxm_cluster_model *)&m;
	ck_assert_status(cxm_cluster_model_from_json(&m, json, strlen(json)), code);
	ck_assert_ptr_null(m);
	assert_message_has(needle);
}

START_TEST(test_json_errors)
{
	cxm_cluster_model *m = NULL;
	const char *ok = "{\"kind\": \"kmeans\", \"k\": 2, \"n_cols\": 1, \"n_cat\": 0, \"rows\": 3, "
			 "\"iterations\": 1, \"centres\": [[1], [2]]}";
	ck_assert_status(cxm_cluster_model_from_json(&m, ok, strlen(ok)), CXM_OK);
	ck_assert_double_eq(m->centres[1], 2.0);
	ck_assert(isnan(m->cost));
	cxm_cluster_model_free(m);
	/* malformed: the byte offset */
	from_json_fails("{\"kind\": \"kmeans\", \"k\": 2,, }", CXM_EPARSE, "at byte 27"); /* cJSON stops just past the second comma */
	from_json_fails("{\"kind\": \"kmeans\"} x", CXM_EPARSE, "at byte 19");
	from_json_fails("", CXM_EPARSE, "empty");
	from_json_fails("[1]", CXM_EPARSE, "not a JSON object");
	/* missing and mistyped keys name the key */
	from_json_fails("{\"k\": 2}", CXM_EPARSE, "\"kind\"");
	from_json_fails("{\"kind\": \"kmeans\", \"n_cols\": 1}", CXM_EPARSE, "\"k\"");
	from_json_fails("{\"kind\": \"kmedoids\", \"k\": 1}", CXM_EBAD_ARG, "kmedoids");
	from_json_fails("{\"kind\": \"kmeans\", \"k\": 2, \"n_cols\": 1, \"n_cat\": 0, \"rows\": 3, \"iterations\": 1, "
			"\"centres\": [[1]]}", CXM_EINCONSISTENT, "\"centres\" has 1 entries");
	from_json_fails("{\"kind\": \"kmeans\", \"k\": 2, \"n_cols\": 1, \"n_cat\": 0, \"rows\": 3, \"iterations\": 1, "
			"\"centres\": [[1], [2, 3]]}", CXM_EINCONSISTENT, "centres[1] has 2 values");
	from_json_fails("{\"kind\": \"kmeans\", \"k\": 2, \"n_cols\": 1, \"n_cat\": 0, \"rows\": 3, \"iterations\": 1, "
			"\"centres\": [[1], [null]]}", CXM_ENAN, "centres[1][0]");
	from_json_fails("{\"kind\": \"kmeans\", \"k\": 2, \"n_cols\": 1, \"n_cat\": 0, \"rows\": 3, \"iterations\": 1, "
			"\"centres\": [[1], [1e999]]}", CXM_EOUT_OF_RANGE, "centres[1][0]");
	/* shapes that the arrays do not have are refused before anything of their
	 * size is allocated (the fuzzer's 2^31 - 1 clusters of 8 GB; 10^9 columns) */
	from_json_fails("{\"kind\": \"kmeans\", \"k\": 2100757925, \"n_cols\": 2, \"n_cat\": 0, \"rows\": 3, "
			"\"iterations\": 1, \"centres\": [[1, 2]]}", CXM_EINCONSISTENT, "\"centres\" has 1 entries");
	from_json_fails("{\"kind\": \"kmeans\", \"k\": 1, \"n_cols\": 1000000000, \"n_cat\": 0, \"rows\": 3, "
			"\"iterations\": 1, \"centres\": [[1, 2]]}", CXM_EINCONSISTENT, "centres[0] has 2 values");
	from_json_fails("{\"kind\": \"kprototypes\", \"k\": 1, \"n_cols\": 0, \"n_cat\": 1000000000, \"rows\": 3, "
			"\"iterations\": 1, \"levels\": [2], \"modes\": [[1]], \"gamma\": 1}", CXM_EINCONSISTENT,
			"modes[0] has 1 values");
	from_json_fails("{\"kind\": \"kmeans\", \"k\": 2.5, \"n_cols\": 1, \"n_cat\": 0, \"rows\": 3, \"iterations\": 1, "
			"\"centres\": [[1], [2]]}", CXM_EOUT_OF_RANGE, "\"k\"");
	from_json_fails("{\"kind\": \"kmeans\", \"k\": 2, \"n_cols\": 1, \"n_cat\": 1, \"rows\": 3, \"iterations\": 1, "
			"\"centres\": [[1], [2]]}", CXM_EINCONSISTENT, "numeric columns only");
	from_json_fails("{\"kind\": \"kprototypes\", \"k\": 1, \"n_cols\": 0, \"n_cat\": 1, \"rows\": 3, "
			"\"iterations\": 1, \"levels\": [2], \"modes\": [[2]], \"gamma\": 1}",
			CXM_EOUT_OF_RANGE, "modes[0][0]");
	from_json_fails("{\"kind\": \"kprototypes\", \"k\": 1, \"n_cols\": 0, \"n_cat\": 1, \"rows\": 3, "
			"\"iterations\": 1, \"levels\": [2], \"modes\": [[1]]}", CXM_EOUT_OF_RANGE, "gamma");
	from_json_fails("{\"kind\": \"kprototypes\", \"k\": 1, \"n_cols\": 0, \"n_cat\": 1, \"rows\": 3, "
			"\"iterations\": 1, \"levels\": [2], \"modes\": [[1]], \"gamma\": 1, "
			"\"level_names\": [[\"a\", \"a\"]]}", CXM_EBAD_ARG, "twice");
	from_json_fails("{\"kind\": \"kmeans\", \"k\": 2, \"n_cols\": 1, \"n_cat\": 0, \"rows\": 3, \"iterations\": 1, "
			"\"centres\": [[1], [2]], \"names\": [\"a\", \"b\"]}", CXM_EINCONSISTENT, "\"names\"");
	from_json_fails("{\"kind\": \"kmeans\", \"k\": 2, \"n_cols\": 1, \"n_cat\": 0, \"rows\": 3, \"iterations\": 1, "
			"\"centres\": [[1], [2]], \"converged\": 1}", CXM_EPARSE, "\"converged\"");
	ck_assert_status(cxm_cluster_model_from_json(NULL, ok, strlen(ok)), CXM_EBAD_ARG);
	ck_assert_status(cxm_cluster_model_from_json(&m, NULL, 3), CXM_EBAD_ARG);
	ck_assert_status(cxm_cluster_model_to_json(NULL, NULL), CXM_EBAD_ARG);
}
END_TEST

START_TEST(test_model_getters)
{
	cxm_cluster_model *m = iris_model(), *k = kproto_model();
	cxm_cluster_info info = CXM_CLUSTER_INFO_INIT;
	static const char *const dup[] = { "a", "b", "a", "c" }, *const empty[] = { "a", "", "b", "c" };
	static const char *const lv[] = { "x", "y" };
	double centres[12];
	uint32_t modes[4];
	ck_assert_status(cxm_cluster_model_centres(centres, 11, m), CXM_EBAD_ARG);
	assert_message_has("n_out = 11");
	ck_assert_status(cxm_cluster_model_centres(centres, 12, m), CXM_OK);
	ck_assert_status(cxm_cluster_model_modes(modes, 4, k), CXM_OK);
	ck_assert_uint_eq(modes[3], 3);
	ck_assert_status(cxm_cluster_model_modes(modes, 3, k), CXM_EBAD_ARG);
	ck_assert_status(cxm_cluster_model_sizes(centres, 2, m), CXM_EBAD_ARG);
	ck_assert_status(cxm_cluster_model_info(NULL, m), CXM_EBAD_ARG);
	info.version = 99;
	ck_assert_status(cxm_cluster_model_info(&info, m), CXM_EVERSION);
	ck_assert_str_eq(cxm_cluster_model_name(m, 3), "petal_width");
	ck_assert_ptr_null(cxm_cluster_model_name(m, 4));
	ck_assert_ptr_null(cxm_cluster_model_name(NULL, 0));
	ck_assert_status(cxm_cluster_model_set_names(m, dup, 4), CXM_EBAD_ARG);
	assert_message_has("twice");
	ck_assert_status(cxm_cluster_model_set_names(m, empty, 4), CXM_EBAD_ARG);
	ck_assert_status(cxm_cluster_model_set_names(m, dup, 3), CXM_EBAD_ARG);
	ck_assert_str_eq(cxm_cluster_model_name(m, 0), "sepal_length"); /* unchanged */
	ck_assert_status(cxm_cluster_model_set_levels(m, 0, lv, 2), CXM_EBAD_ARG);
	ck_assert_status(cxm_cluster_model_set_levels(k, 1, lv, 2), CXM_EBAD_ARG);
	assert_message_has("4 levels");
	cxm_cluster_model_free(m);
	cxm_cluster_model_free(k);
	cxm_cluster_model_free(NULL);
}
END_TEST

START_TEST(test_out_of_memory)
{
	static const size_t i3[] = { 0, 50, 100 };
	double init[3 * 4];
	cxm_cluster_opts *o;
	cxm_cluster_model *m = NULL, *back = NULL;
	uint32_t labels[IRIS_ROWS];
	char *json = NULL;
	long k;
	int rc;
	rows_of(init, iris, 4, i3, 3);
	o = opts_init(init, 12);
	for (k = 0;; k++) {
		oom_arm(k);
		rc = cxm_kmeans_fit(&m, labels, IRIS_ROWS, iris, IRIS_ROWS * 4, 4, o);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			ck_assert_close(m->cost, iris3_inertia);
			cxm_cluster_model_free(m);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		ck_assert_ptr_null(m);
		oom_assert_no_leak(k);
	}
	oom_disarm();
	/* k-means++ and mini-batch */
	ck_assert_status(cxm_cluster_opts_set_init(o, NULL, 0), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_k(o, 3), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_batch_size(o, 32), CXM_OK);
	for (k = 0;; k++) {
		oom_arm(k);
		rc = cxm_kmeans_fit(&m, NULL, 0, iris, IRIS_ROWS * 4, 4, o);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			cxm_cluster_model_free(m);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		oom_assert_no_leak(k);
	}
	oom_disarm();
	cxm_cluster_opts_free(o);
	m = kproto_model();
	for (k = 0;; k++) {
		oom_arm(k);
		rc = cxm_cluster_model_to_json(&json, m);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			break;
		}
		oom_assert_enomem(rc, k);
		ck_assert_ptr_null(json);
	}
	oom_disarm();
	for (k = 0;; k++) {
		oom_arm(k);
		rc = cxm_cluster_model_from_json(&back, json, strlen(json));
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			cxm_cluster_model_free(back);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		ck_assert_ptr_null(back);
		oom_assert_no_leak(k);
	}
	oom_disarm();
	cxm_free(json);
	cxm_cluster_model_free(m);
}
END_TEST

START_TEST(test_sqdist_block)
{
	/* the block kernel against the formula, term by term: widths 5 (tiles) and
	 * 70 (the scalar loop), 13 centres (a tile and a part) */
	static const size_t widths[] = { 5, 70 };
	size_t w, i, j, f;
	for (w = 0; w < 2; w++) {
		size_t p = widths[w], m = 9, k = 13;
		double *x = malloc(m * p * sizeof *x), *c = malloc(k * p * sizeof *c), xn[9], cn[13], d[9 * 13];
		ck_assert_ptr_nonnull(x);
		ck_assert_ptr_nonnull(c);
		for (i = 0; i < m * p; i++)
			x[i] = sin((double)i) * 3.0;
		for (i = 0; i < k * p; i++)
			c[i] = cos((double)i * 0.7) * 2.0;
		memcpy(c + 2 * p, x + 4 * p, p * sizeof *c); /* centre 2 is row 4: distance 0 */
		cxm__row_norms(xn, x, m, p);
		cxm__row_norms(cn, c, k, p);
		cxm__sqdist_block(d, x, m, c, k, p, xn, cn);
		for (i = 0; i < m; i++) {
			for (j = 0; j < k; j++) {
				double dot = 0.0, v;
				for (f = 0; f < p; f++)
					dot += x[i * p + f] * c[j * p + f];
				v = xn[i] - 2.0 * dot + cn[j];
				ck_assert_double_eq(d[i * k + j], v > 0.0 ? v : 0.0);
				assert_abs(d[i * k + j], cxm__sqdist(x + i * p, c + j * p, p), 1e-12);
			}
		}
		ck_assert(d[4 * k + 2] >= 0.0 && d[4 * k + 2] < 1e-12);
		free(x);
		free(c);
	}
}
END_TEST

static Suite *cluster_kmeans_suite(void)
{
	Suite *s = suite_create("cluster_kmeans");
	TCase *tc = tcase_create("kmeans");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_iris_sklearn);
	tcase_add_test(tc, test_empty_cluster_relocated);
	tcase_add_test(tc, test_customers_standardised_sklearn);
	tcase_add_test(tc, test_standardize_constant_and_errors);
	tcase_add_test(tc, test_threads_bit_identical);
	tcase_add_test(tc, test_kmeanspp_and_minibatch_quality);
	tcase_add_test(tc, test_bad_input);
	tcase_add_test(tc, test_opts_setters);
	tcase_add_test(tc, test_progress_and_cancel);
	tcase_add_test(tc, test_assign);
	tcase_add_test(tc, test_assign_kprototypes_model);
	tcase_add_test(tc, test_json_round_trip);
	tcase_add_test(tc, test_json_errors);
	tcase_add_test(tc, test_model_getters);
	tcase_add_test(tc, test_out_of_memory);
	tcase_add_test(tc, test_sqdist_block);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(cluster_kmeans_suite)
