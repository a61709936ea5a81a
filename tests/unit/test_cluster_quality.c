/*
 * tests/unit/test_cluster_quality.c - cluster quality (spec §14.4-§14.7):
 * silhouette (exact and sampled), Davies-Bouldin, Calinski-Harabasz and the
 * adjusted Rand index against scikit-learn's values, mixed data against a
 * brute-force computation (tests/unit/gen_cluster_quality.py writes
 * cluster_quality_data.h with every reference and its provenance), the
 * seeded sample, profiles against hand counts, the choice of k on
 * well-separated blobs, stability on blobs and on noise, bad input, thread
 * independence and out-of-memory.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "harness.h"
#include "cxmetrics/cluster.h"
#include "oom.h"
#include "cluster_quality_data.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* ---- silhouette ------------------------------------------------------------ */

static double sil(const double *x, size_t n_x, size_t p, const uint32_t *y, size_t n, size_t sample, uint64_t seed,
		  unsigned threads)
{
	double s = NAN;
	ck_assert_status(cxm_cluster_silhouette(&s, x, n_x, p, NULL, 0, 0, 0.0, y, n, sample, seed, threads), CXM_OK);
	return s;
}

START_TEST(silhouette_matches_sklearn)
{
	ck_assert_close(sil(iris_x, N_OF(iris_x), 4, iris_y, 150, 0, 0, 0), IRIS_SIL);
	ck_assert_close(sil(iris_x, N_OF(iris_x), 4, iris_km, 150, 0, 0, 1), IRIS_KM_SIL);
	ck_assert_close(sil(wine_x, N_OF(wine_x), 13, wine_y, 178, 0, 0, 2), WINE_SIL);
	/* a sample of every row is the exact value */
	ck_assert_close(sil(iris_x, N_OF(iris_x), 4, iris_y, 150, 150, 99, 0), IRIS_SIL);
}
END_TEST

START_TEST(sample_rows_and_sampled_silhouette)
{
	size_t rows[100], i;
	ck_assert_status(cxm_cluster_sample_rows(rows, 100, 150, 60, 7), CXM_OK);
	for (i = 0; i < N_OF(iris_sample_7); i++)
		ck_assert_uint_eq(rows[i], iris_sample_7[i]);
	ck_assert_status(cxm_cluster_sample_rows(rows, 100, 150, 100, 2026), CXM_OK);
	for (i = 0; i < N_OF(iris_sample_2026); i++)
		ck_assert_uint_eq(rows[i], iris_sample_2026[i]);
	/* sklearn silhouette_score(X[rows], labels[rows]) */
	ck_assert_close(sil(iris_x, N_OF(iris_x), 4, iris_y, 150, 60, 7, 0), IRIS_SIL_SAMPLE_7);
	ck_assert_close(sil(iris_x, N_OF(iris_x), 4, iris_y, 150, 100, 2026, 1), IRIS_SIL_SAMPLE_2026);
	/* all rows, none, distinct and ascending */
	ck_assert_status(cxm_cluster_sample_rows(rows, 100, 5, 5, 1), CXM_OK);
	for (i = 0; i < 5; i++)
		ck_assert_uint_eq(rows[i], i);
	ck_assert_status(cxm_cluster_sample_rows(NULL, 0, 5, 0, 1), CXM_OK);
	ck_assert_status(cxm_cluster_sample_rows(rows, 100, 1000000, 100, 3), CXM_OK);
	for (i = 1; i < 100; i++)
		ck_assert(rows[i] > rows[i - 1]);
	ck_assert(rows[99] < 1000000);
	/* bad arguments */
	ck_assert_status(cxm_cluster_sample_rows(rows, 100, 5, 6, 1), CXM_EBAD_ARG);
	ck_assert_status(cxm_cluster_sample_rows(rows, 3, 50, 4, 1), CXM_EBAD_ARG);
	assert_message_has("n_out = 3");
	ck_assert_status(cxm_cluster_sample_rows(NULL, 4, 50, 4, 1), CXM_EBAD_ARG);
}
END_TEST

/* deterministic data of `rows` x 3 with 4 loose groups */
static void blobs(double *x, uint32_t *y, size_t rows, size_t p, size_t groups, double spread, uint64_t seed)
{
	uint64_t s = seed * 0x9e3779b97f4a7c15ULL + 1;
	size_t i, j;
	for (i = 0; i < rows; i++) {
		y[i] = (uint32_t)(i % groups);
		for (j = 0; j < p; j++) {
			double u = 0;
			int t;
			for (t = 0; t < 4; t++) { /* Irwin-Hall: roughly normal */
				s = s * 6364136223846793005ULL + 1442695040888963407ULL;
				u += (double)(s >> 11) * 0x1.0p-53;
			}
			x[i * p + j] = (u - 2.0) * spread + 10.0 * (double)((y[i] >> j) & 1) + 3.0 * (double)y[i];
		}
	}
}

START_TEST(silhouette_threads_bit_identical)
{
	enum { R = 1500, P = 3 };
	static double x[R * P];
	static uint32_t y[R];
	double s1, s2, s3, s0;
	uint32_t codes[R * 2];
	size_t i;
	blobs(x, y, R, P, 4, 3.0, 11);
	s1 = sil(x, R * P, P, y, R, 0, 0, 1);
	s2 = sil(x, R * P, P, y, R, 0, 0, 2);
	s3 = sil(x, R * P, P, y, R, 0, 0, 3);
	s0 = sil(x, R * P, P, y, R, 0, 0, 0);
	ck_assert(memcmp(&s1, &s2, sizeof s1) == 0);
	ck_assert(memcmp(&s1, &s3, sizeof s1) == 0);
	ck_assert(memcmp(&s1, &s0, sizeof s1) == 0);
	ck_assert(s1 > 0.3 && s1 < 1.0);
	s1 = sil(x, R * P, P, y, R, 1000, 5, 1);
	s2 = sil(x, R * P, P, y, R, 1000, 5, 2);
	ck_assert(memcmp(&s1, &s2, sizeof s1) == 0);
	for (i = 0; i < R * 2; i++)
		codes[i] = (uint32_t)((i * 7) % 5);
	ck_assert_status(cxm_cluster_silhouette(&s1, x, R * P, P, codes, R * 2, 2, 0.7, y, R, 0, 0, 1), CXM_OK);
	ck_assert_status(cxm_cluster_silhouette(&s2, x, R * P, P, codes, R * 2, 2, 0.7, y, R, 0, 0, 2), CXM_OK);
	ck_assert(memcmp(&s1, &s2, sizeof s1) == 0);
}
END_TEST

/* ---- Davies-Bouldin, Calinski-Harabasz ------------------------------------- */

START_TEST(indices_match_sklearn)
{
	double v;
	ck_assert_status(cxm_cluster_davies_bouldin(&v, iris_x, N_OF(iris_x), 4, NULL, 0, 0, 0, iris_y, 150), CXM_OK);
	ck_assert_close(v, IRIS_DB);
	ck_assert_status(cxm_cluster_davies_bouldin(&v, iris_x, N_OF(iris_x), 4, NULL, 0, 0, 0, iris_km, 150), CXM_OK);
	ck_assert_close(v, IRIS_KM_DB);
	ck_assert_status(cxm_cluster_davies_bouldin(&v, wine_x, N_OF(wine_x), 13, NULL, 0, 0, 0, wine_y, 178), CXM_OK);
	ck_assert_close(v, WINE_DB);
	ck_assert_status(cxm_cluster_calinski_harabasz(&v, iris_x, N_OF(iris_x), 4, NULL, 0, 0, 0, iris_y, 150),
			 CXM_OK);
	ck_assert_close(v, IRIS_CH);
	ck_assert_status(cxm_cluster_calinski_harabasz(&v, iris_x, N_OF(iris_x), 4, NULL, 0, 0, 0, iris_km, 150),
			 CXM_OK);
	ck_assert_close(v, IRIS_KM_CH);
	ck_assert_status(cxm_cluster_calinski_harabasz(&v, wine_x, N_OF(wine_x), 13, NULL, 0, 0, 0, wine_y, 178),
			 CXM_OK);
	ck_assert_close(v, WINE_CH);
}
END_TEST

START_TEST(indices_degenerate_cases)
{
	/* sklearn: every row on its centre -> DB 0 and CH 1 */
	const double x[] = { 1, 1, 1, 5, 5, 5 };
	const uint32_t y[] = { 0, 0, 0, 1, 1, 1 };
	double v;
	ck_assert_status(cxm_cluster_davies_bouldin(&v, x, 6, 1, NULL, 0, 0, 0, y, 6), CXM_OK);
	ck_assert_close(v, 0.0);
	ck_assert_status(cxm_cluster_calinski_harabasz(&v, x, 6, 1, NULL, 0, 0, 0, y, 6), CXM_OK);
	ck_assert_close(v, 1.0);
	/* silhouette of the same: a = 0, b = 4 -> 1 */
	ck_assert_status(cxm_cluster_silhouette(&v, x, 6, 1, NULL, 0, 0, 0, y, 6, 0, 0, 0), CXM_OK);
	ck_assert_close(v, 1.0);
}
END_TEST

START_TEST(mixed_matches_brute_force)
{
	double v;
	ck_assert_status(cxm_cluster_silhouette(&v, mixed_x, N_OF(mixed_x), 2, mixed_codes, N_OF(mixed_codes), 2,
						MIXED_GAMMA, mixed_y, 60, 0, 0, 0),
			 CXM_OK);
	ck_assert_close(v, MIXED_SIL);
	ck_assert_status(cxm_cluster_davies_bouldin(&v, mixed_x, N_OF(mixed_x), 2, mixed_codes, N_OF(mixed_codes), 2,
						    MIXED_GAMMA, mixed_y, 60),
			 CXM_OK);
	ck_assert_close(v, MIXED_DB);
	ck_assert_status(cxm_cluster_calinski_harabasz(&v, mixed_x, N_OF(mixed_x), 2, mixed_codes,
						       N_OF(mixed_codes), 2, MIXED_GAMMA, mixed_y, 60),
			 CXM_OK);
	ck_assert_close(v, MIXED_CH);
	/* codes alone: hand-worked. rows (0), (0), (1), (1) in clusters 0 0 1 1, gamma 4:
	 * d = 0 within, 2 across; a = 0, b = 2: silhouette 1 */
	{
		const uint32_t c[] = { 0, 0, 1, 1 }, y[] = { 0, 0, 1, 1 };
		ck_assert_status(cxm_cluster_silhouette(&v, NULL, 0, 0, c, 4, 1, 4.0, y, 4, 0, 0, 0), CXM_OK);
		ck_assert_close(v, 1.0);
	}
}
END_TEST

/* ---- adjusted Rand index ------------------------------------------------------ */

START_TEST(ari_matches_sklearn)
{
	const uint32_t a[] = { 0, 0, 1, 1 }, b[] = { 0, 1, 0, 1 }, c[] = { 1, 1, 0, 0 };
	const uint32_t d[] = { 0, 0, 1, 2 }, e[] = { 0, 0, 1, 1 };
	const uint32_t big[] = { 4000000000u, 4000000000u, 7, 7 };
	double v;
	/* sklearn's documented examples */
	ck_assert_status(cxm_adjusted_rand_index(&v, a, 4, b, 4), CXM_OK);
	ck_assert_close(v, -0.5);
	ck_assert_status(cxm_adjusted_rand_index(&v, a, 4, c, 4), CXM_OK);
	ck_assert_close(v, 1.0);
	ck_assert_status(cxm_adjusted_rand_index(&v, d, 4, e, 4), CXM_OK);
	ck_assert_close(v, 0.5714285714285714); /* adjusted_rand_score([0,0,1,2],[0,0,1,1]) */
	ck_assert_status(cxm_adjusted_rand_index(&v, big, 4, a, 4), CXM_OK);
	ck_assert_close(v, 1.0);
	ck_assert_status(cxm_adjusted_rand_index(&v, iris_y, 150, iris_km, 150), CXM_OK);
	ck_assert_close(v, IRIS_ARI);
	/* one cluster each: the same partition */
	ck_assert_status(cxm_adjusted_rand_index(&v, e, 1, a, 1), CXM_OK);
	ck_assert_close(v, 1.0);
	ck_assert_status(cxm_adjusted_rand_index(&v, a, 4, b, 3), CXM_EBAD_ARG);
	assert_message_has("n_b = 3");
	ck_assert_status(cxm_adjusted_rand_index(&v, a, 0, b, 0), CXM_EEMPTY);
	ck_assert_status(cxm_adjusted_rand_index(NULL, a, 4, b, 4), CXM_EBAD_ARG);
	ck_assert_status(cxm_adjusted_rand_index(&v, NULL, 4, b, 4), CXM_EBAD_ARG);
}
END_TEST

/* ---- bad input ------------------------------------------------------------------- */

START_TEST(bad_input)
{
	double x[] = { 0, 0, 0, 1, 5, 5, 5, 6 }, v;
	uint32_t y[] = { 0, 0, 1, 1 }, y1[] = { 0, 0, 0, 0 }, ygap[] = { 0, 0, 2, 2 }, yall[] = { 0, 1, 2, 3 };
	uint32_t ybig[] = { 0, 0, 1, 9 };
	uint32_t codes[] = { 0, 1, 0, 1 };
	int f;
	for (f = 0; f < 3; f++) {
#define CALL(X, NX, P, C, NC, NCAT, G, Y, NY)                                                                    \
	(f == 0	  ? cxm_cluster_silhouette(&v, X, NX, P, C, NC, NCAT, G, Y, NY, 0, 0, 0)                          \
	 : f == 1 ? cxm_cluster_davies_bouldin(&v, X, NX, P, C, NC, NCAT, G, Y, NY)                               \
		  : cxm_cluster_calinski_harabasz(&v, X, NX, P, C, NC, NCAT, G, Y, NY))
		ck_assert_status(CALL(x, 8, 2, NULL, 0, 0, 0.0, y, 4), CXM_OK);
		x[5] = NAN;
		ck_assert_status(CALL(x, 8, 2, NULL, 0, 0, 0.0, y, 4), CXM_ENAN);
		assert_message_has("row 2");
		assert_message_has("column 1");
		x[5] = INFINITY;
		ck_assert_status(CALL(x, 8, 2, NULL, 0, 0, 0.0, y, 4), CXM_EOUT_OF_RANGE);
		x[5] = 5;
		ck_assert_status(CALL(x, 8, 2, NULL, 0, 0, 0.0, ygap, 4), CXM_EBAD_ARG);
		assert_message_has("label 1 has no row");
		ck_assert_status(CALL(x, 8, 2, NULL, 0, 0, 0.0, ybig, 4), CXM_EBAD_ARG);
		assert_message_has("label 2 has no row");
		ck_assert_status(CALL(x, 8, 2, NULL, 0, 0, 0.0, y1, 4), CXM_ETOO_FEW);
		assert_message_has("fewer than 2 clusters");
		ck_assert_status(CALL(x, 8, 2, NULL, 0, 0, 0.0, yall, 4), CXM_ETOO_FEW);
		ck_assert_status(CALL(x, 8, 2, NULL, 0, 0, 0.0, y, 3), CXM_EBAD_ARG);
		assert_message_has("n_labels = 3");
		ck_assert_status(CALL(x, 7, 2, NULL, 0, 0, 0.0, y, 4), CXM_EBAD_ARG);
		ck_assert_status(CALL(x, 0, 2, NULL, 0, 0, 0.0, y, 0), CXM_EEMPTY);
		ck_assert_status(CALL(NULL, 8, 2, NULL, 0, 0, 0.0, y, 4), CXM_EBAD_ARG);
		ck_assert_status(CALL(x, 8, 2, NULL, 0, 0, 0.0, NULL, 4), CXM_EBAD_ARG);
		ck_assert_status(CALL(NULL, 0, 0, NULL, 0, 0, 0.0, y, 4), CXM_EBAD_ARG);
		assert_message_has("no features");
		/* codes: shape, rows, gamma */
		ck_assert_status(CALL(x, 8, 2, codes, 4, 1, 1.0, y, 4), CXM_OK);
		ck_assert_status(CALL(x, 8, 2, codes, 3, 1, 1.0, y, 4), CXM_EBAD_ARG);
		assert_message_has("codes has 3");
		ck_assert_status(CALL(x, 8, 2, codes, 4, 3, 1.0, y, 4), CXM_EBAD_ARG);
		ck_assert_status(CALL(x, 8, 2, codes, 4, 1, -1.0, y, 4), CXM_EBAD_ARG);
		assert_message_has("gamma");
		ck_assert_status(CALL(x, 8, 2, codes, 4, 1, INFINITY, y, 4), CXM_EBAD_ARG);
		/* NaN: Huang's rule, 0.5 x the mean population deviation of the
		 * columns (0,0,5,5: 2.5; 0,1,5,6: sqrt(6.5)), as the fit's default */
		{
			double by_rule, given;
			ck_assert_status(CALL(x, 8, 2, codes, 4, 1, NAN, y, 4), CXM_OK);
			by_rule = v;
			ck_assert_status(CALL(x, 8, 2, codes, 4, 1, 0.5 * ((2.5 + sqrt(6.5)) / 2), y, 4), CXM_OK);
			given = v;
			ck_assert(by_rule == given);
		}
		ck_assert_status(CALL(x, 8, 2, codes, 4, 0, 1.0, y, 4), CXM_EBAD_ARG);
#undef CALL
	}
	ck_assert_status(cxm_cluster_silhouette(NULL, x, 8, 2, NULL, 0, 0, 0, y, 4, 0, 0, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_cluster_davies_bouldin(NULL, x, 8, 2, NULL, 0, 0, 0, y, 4), CXM_EBAD_ARG);
	ck_assert_status(cxm_cluster_calinski_harabasz(NULL, x, 8, 2, NULL, 0, 0, 0, y, 4), CXM_EBAD_ARG);
	/* the sample: as many rows as there are or more is every row (the same
	 * double as sample = 0); a sample holding one cluster */
	{
		double all = NAN;
		ck_assert_status(cxm_cluster_silhouette(&all, x, 8, 2, NULL, 0, 0, 0, y, 4, 0, 0, 0), CXM_OK);
		ck_assert_status(cxm_cluster_silhouette(&v, x, 8, 2, NULL, 0, 0, 0, y, 4, 5, 0, 0), CXM_OK);
		ck_assert(v == all);
		ck_assert_status(cxm_cluster_silhouette(&v, x, 8, 2, NULL, 0, 0, 0, y, 4, 4, 0, 0), CXM_OK);
		ck_assert(v == all);
	}
	ck_assert_status(cxm_cluster_silhouette(&v, x, 8, 2, NULL, 0, 0, 0, y, 4, 1, 0, 0), CXM_ETOO_FEW);
	ck_assert_status(cxm_cluster_silhouette(&v, x, 8, 2, NULL, 0, 0, 0, y, 4, 0, 0, 2000), CXM_EBAD_ARG);
}
END_TEST

/* ---- profiles ------------------------------------------------------------------- */

START_TEST(profiles_hand_counts)
{
	/* 6 customers, clusters 0 0 0 1 1 1 (labels given out of order) */
	const double spend[] = { 10, 20, 30, 100, 200, 300 };
	const char *const channel[] = { "web", "web", "store", "store", "store", "web" };
	const uint32_t lab[] = { 0, 1, 0, 1, 0, 1 };
	const char *const cols[] = { "spend", "channel" };
	cxm_table *t = NULL, *p = NULL;
	const double *num;
	const char *const *txt;
	size_t ci;
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "spend", spend, 6), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "channel", channel, 6), CXM_OK);
	ck_assert_status(cxm_cluster_profiles(&p, t, cols, 2, lab, 6), CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(p), 4);
	ck_assert_str_eq(cxm_table_row_name(p), "profiles");
	/* cluster 0: rows 0, 2, 4: spend 10, 30, 200 (mean 80); channel web, store, store (mode store 2/3)
	 * cluster 1: rows 1, 3, 5: spend 20, 100, 300 (mean 140); web, store, web (mode web 2/3)
	 * population: mean spend 110; store 3/6, web 3/6 */
	ck_assert_status(cxm_table_column_index(&ci, p, "value"), CXM_OK);
	num = cxm_table_numbers(p, ci);
	ck_assert_close(num[0], 80.0);
	ck_assert(isnan(num[1]));
	ck_assert_close(num[2], 140.0);
	ck_assert_status(cxm_table_column_index(&ci, p, "lift"), CXM_OK);
	num = cxm_table_numbers(p, ci);
	ck_assert_close(num[0], 80.0 / 110.0);
	ck_assert_close(num[1], (200.0 / 3.0) / 50.0);
	ck_assert_close(num[2], 140.0 / 110.0);
	ck_assert_close(num[3], (200.0 / 3.0) / 50.0);
	ck_assert_status(cxm_table_column_index(&ci, p, "level_share"), CXM_OK);
	num = cxm_table_numbers(p, ci);
	ck_assert(isnan(num[0]));
	ck_assert_close(num[1], 200.0 / 3.0);
	ck_assert_status(cxm_table_column_index(&ci, p, "population"), CXM_OK);
	num = cxm_table_numbers(p, ci);
	ck_assert_close(num[0], 110.0);
	ck_assert_close(num[1], 50.0);
	ck_assert_status(cxm_table_column_index(&ci, p, "share"), CXM_OK);
	ck_assert_close(cxm_table_numbers(p, ci)[3], 50.0);
	ck_assert_status(cxm_table_column_index(&ci, p, "size"), CXM_OK);
	ck_assert_close(cxm_table_numbers(p, ci)[3], 3.0);
	ck_assert_status(cxm_table_column_index(&ci, p, "cluster"), CXM_OK);
	ck_assert_close(cxm_table_numbers(p, ci)[2], 1.0);
	ck_assert_status(cxm_table_column_index(&ci, p, "level"), CXM_OK);
	txt = cxm_table_texts(p, ci);
	ck_assert_str_eq(txt[0], "");
	ck_assert_str_eq(txt[1], "store");
	ck_assert_str_eq(txt[3], "web");
	ck_assert_status(cxm_table_column_index(&ci, p, "statistic"), CXM_OK);
	txt = cxm_table_texts(p, ci);
	ck_assert_str_eq(txt[0], "mean");
	ck_assert_str_eq(txt[1], "mode");
	ck_assert_status(cxm_table_column_index(&ci, p, "attribute"), CXM_OK);
	ck_assert_str_eq(cxm_table_texts(p, ci)[3], "channel");
	cxm_table_free(p);
	p = NULL;
	/* bad input */
	{
		const char *const unknown[] = { "spend", "nope" };
		const uint32_t gap[] = { 0, 2, 0, 2, 0, 2 };
		const double day[] = { 1, 2, 3, 4, 5, 6 };
		const double withnan[] = { 1, 2, NAN, 4, 5, 6 };
		const char *const dcol[] = { "day" }, *const ncol[] = { "n" };
		ck_assert_status(cxm_cluster_profiles(&p, t, unknown, 2, lab, 6), CXM_EBAD_ARG);
		assert_message_has("nope");
		ck_assert(p == NULL);
		ck_assert_status(cxm_cluster_profiles(&p, t, cols, 2, lab, 5), CXM_EBAD_ARG);
		ck_assert_status(cxm_cluster_profiles(&p, t, cols, 2, gap, 6), CXM_EBAD_ARG);
		assert_message_has("label 1 has no row");
		ck_assert_status(cxm_cluster_profiles(&p, t, cols, 0, lab, 6), CXM_EBAD_ARG);
		ck_assert_status(cxm_cluster_profiles(&p, NULL, cols, 2, lab, 6), CXM_EBAD_ARG);
		ck_assert_status(cxm_cluster_profiles(NULL, t, cols, 2, lab, 6), CXM_EBAD_ARG);
		ck_assert_status(cxm_table_add_days(t, "day", day, 6), CXM_OK);
		ck_assert_status(cxm_cluster_profiles(&p, t, dcol, 1, lab, 6), CXM_EBAD_ARG);
		assert_message_has("days");
		ck_assert_status(cxm_table_add_numbers(t, "n", withnan, 6), CXM_OK);
		ck_assert_status(cxm_cluster_profiles(&p, t, ncol, 1, lab, 6), CXM_ENAN);
		assert_message_has("row 2");
		assert_message_has("'n'");
		ck_assert(p == NULL);
	}
	cxm_table_free(t);
}
END_TEST


/* ---- choose_k and stability --------------------------------------------------- */

/* 4 well-separated groups of 60 rows in 2-D, centres (0,0) (10,0) (0,10) (10,10), spread ~0.5 */
static void four_blobs(double *x, uint32_t *codes, size_t rows)
{
	uint64_t s = 12345;
	size_t i, j;
	for (i = 0; i < rows; i++) {
		size_t g = i % 4;
		for (j = 0; j < 2; j++) {
			double u = 0;
			int t;
			for (t = 0; t < 4; t++) {
				s = s * 6364136223846793005ULL + 1442695040888963407ULL;
				u += (double)(s >> 11) * 0x1.0p-53;
			}
			x[i * 2 + j] = (u - 2.0) * 0.9 + 10.0 * (double)((g >> j) & 1);
		}
		if (codes)
			codes[i] = (uint32_t)g; /* a categorical column that agrees with the groups */
	}
}

static double attr(const cxm_table *t, const char *name)
{
	double v = NAN;
	ck_assert_status(cxm_table_get_attr_number(&v, t, name), CXM_OK);
	return v;
}

static double cell(const cxm_table *t, const char *col, size_t row)
{
	size_t ci;
	ck_assert_status(cxm_table_column_index(&ci, t, col), CXM_OK);
	return cxm_table_numbers(t, ci)[row];
}

static int stop_at_3(void *user, size_t step, size_t total, double value)
{
	(void)value;
	(void)total;
	*(size_t *)user = step;
	return step >= 3;
}

START_TEST(choose_k_finds_four_blobs)
{
	enum { R = 240 };
	static double x[R * 2];
	cxm_cluster_opts *o = NULL;
	cxm_table *t = NULL, *t2 = NULL;
	uint32_t lab[R];
	double s4;
	size_t i, seen = 0;
	four_blobs(x, NULL, R);
	ck_assert_status(cxm_cluster_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_seed(o, 3), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_n_init(o, 4), CXM_OK);
	ck_assert_status(cxm_cluster_choose_k(&t, x, R * 2, 2, NULL, 0, 0, NULL, 0, 2, 7, 0, 10, o), CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(t), 6);
	ck_assert_str_eq(cxm_table_row_name(t), "k");
	ck_assert_close(attr(t, "best_silhouette"), 4.0);
	ck_assert_close(attr(t, "best_elbow"), 4.0);
	ck_assert_close(attr(t, "best_gap"), 4.0);
	ck_assert_close(attr(t, "references"), 10.0);
	for (i = 0; i < 6; i++) {
		ck_assert_close(cell(t, "k", i), 2.0 + (double)i);
		ck_assert(cell(t, "gap_sd", i) > 0);
		if (i > 0) /* more clusters, lower cost */
			ck_assert(cell(t, "cost", i) < cell(t, "cost", i - 1));
	}
	/* the silhouette column is cxm_cluster_silhouette of the fit at that k */
	ck_assert_status(cxm_cluster_opts_set_k(o, 4), CXM_OK);
	{
		cxm_cluster_model *m = NULL;
		ck_assert_status(cxm_kmeans_fit(&m, lab, R, x, R * 2, 2, o), CXM_OK);
		cxm_cluster_model_free(m);
	}
	ck_assert_status(cxm_cluster_silhouette(&s4, x, R * 2, 2, NULL, 0, 0, 0, lab, R, 0, 0, 1), CXM_OK);
	ck_assert_close(cell(t, "silhouette", 2), s4);
	/* the same for any thread count, bit for bit */
	ck_assert_status(cxm_cluster_opts_set_threads(o, 1), CXM_OK);
	ck_assert_status(cxm_cluster_choose_k(&t2, x, R * 2, 2, NULL, 0, 0, NULL, 0, 2, 7, 0, 10, o), CXM_OK);
	for (i = 0; i < 6; i++) {
		double a = cell(t, "gap", i), b = cell(t2, "gap", i);
		ck_assert(memcmp(&a, &b, sizeof a) == 0);
	}
	cxm_table_free(t2);
	t2 = NULL;
	/* no references: no gap */
	ck_assert_status(cxm_cluster_choose_k(&t2, x, R * 2, 2, NULL, 0, 0, NULL, 0, 2, 3, 100, 0, o), CXM_OK);
	ck_assert(isnan(attr(t2, "best_gap")));
	ck_assert(isnan(cell(t2, "gap", 0)));
	ck_assert(isnan(attr(t2, "best_elbow"))); /* two values of k: no elbow */
	ck_assert_close(attr(t2, "silhouette_rows"), 100.0);
	cxm_table_free(t2);
	t2 = NULL;
	/* progress, and cancelling */
	ck_assert_status(cxm_cluster_opts_set_progress(o, stop_at_3, &seen), CXM_OK);
	ck_assert_status(cxm_cluster_choose_k(&t2, x, R * 2, 2, NULL, 0, 0, NULL, 0, 2, 7, 0, 2, o), CXM_ECANCELLED);
	ck_assert_uint_eq(seen, 3);
	ck_assert(t2 == NULL);
	ck_assert_status(cxm_cluster_opts_set_progress(o, NULL, NULL), CXM_OK);
	/* bad input */
	ck_assert_status(cxm_cluster_choose_k(&t2, x, R * 2, 2, NULL, 0, 0, NULL, 0, 1, 7, 0, 0, o), CXM_EBAD_ARG);
	ck_assert_status(cxm_cluster_choose_k(&t2, x, R * 2, 2, NULL, 0, 0, NULL, 0, 5, 4, 0, 0, o), CXM_EBAD_ARG);
	ck_assert_status(cxm_cluster_choose_k(NULL, x, R * 2, 2, NULL, 0, 0, NULL, 0, 2, 4, 0, 0, o), CXM_EBAD_ARG);
	x[7] = NAN;
	ck_assert_status(cxm_cluster_choose_k(&t2, x, R * 2, 2, NULL, 0, 0, NULL, 0, 2, 4, 0, 0, o), CXM_ENAN);
	assert_message_has("row 3");
	x[7] = 1.0;
	ck_assert_status(cxm_cluster_choose_k(&t2, x, 10, 2, NULL, 0, 0, NULL, 0, 2, 6, 0, 0, o), CXM_ETOO_FEW);
	cxm_table_free(t);
	cxm_cluster_opts_free(o);
}
END_TEST

START_TEST(choose_k_mixed)
{
	enum { R = 240 };
	static double x[R * 2];
	static uint32_t codes[R];
	const uint32_t levels[] = { 4 };
	cxm_cluster_opts *o = NULL;
	cxm_table *t = NULL;
	four_blobs(x, codes, R);
	ck_assert_status(cxm_cluster_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_seed(o, 5), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_n_init(o, 4), CXM_OK);
	ck_assert_status(cxm_cluster_choose_k(&t, x, R * 2, 2, codes, R, 1, levels, 1, 2, 6, 0, 5, o), CXM_OK);
	ck_assert_close(attr(t, "best_silhouette"), 4.0);
	ck_assert_close(attr(t, "best_elbow"), 4.0);
	ck_assert_close(attr(t, "best_gap"), 4.0);
	cxm_table_free(t);
	t = NULL;
	/* stability of k-prototypes on the same data: every cluster recovered */
	ck_assert_status(cxm_cluster_opts_set_k(o, 4), CXM_OK);
	ck_assert_status(cxm_cluster_stability(&t, x, R * 2, 2, codes, R, 1, levels, 1, 5, o), CXM_OK);
	ck_assert(attr(t, "ari_mean") > 0.99);
	ck_assert_close(cell(t, "recovered", 0) + cell(t, "recovered", 1) + cell(t, "recovered", 2) +
				cell(t, "recovered", 3),
			20.0);
	cxm_table_free(t);
	cxm_cluster_opts_free(o);
}
END_TEST

START_TEST(stability_blobs_and_noise)
{
	enum { R = 240 };
	static double x[R * 2], u[R * 4];
	cxm_cluster_opts *o = NULL;
	cxm_table *t = NULL, *t1 = NULL;
	size_t i;
	uint64_t s = 99;
	four_blobs(x, NULL, R);
	ck_assert_status(cxm_cluster_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_k(o, 4), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_seed(o, 1), CXM_OK);
	ck_assert_status(cxm_cluster_stability(&t, x, R * 2, 2, NULL, 0, 0, NULL, 0, 20, o), CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(t), 4);
	ck_assert_str_eq(cxm_table_row_name(t), "clusters");
	ck_assert(attr(t, "ari_mean") > 0.99);
	ck_assert(attr(t, "ari_min") > 0.95);
	ck_assert_close(attr(t, "samples"), 20.0);
	for (i = 0; i < 4; i++) {
		ck_assert(cell(t, "jaccard_mean", i) > 0.95);
		ck_assert_close(cell(t, "dissolved", i), 0.0);
		ck_assert_close(cell(t, "recovered", i), 20.0);
		ck_assert_close(cell(t, "size", i), 60.0);
	}
	/* threads do not matter */
	ck_assert_status(cxm_cluster_opts_set_threads(o, 1), CXM_OK);
	ck_assert_status(cxm_cluster_stability(&t1, x, R * 2, 2, NULL, 0, 0, NULL, 0, 20, o), CXM_OK);
	{
		double a = attr(t, "ari_mean"), b = attr(t1, "ari_mean");
		ck_assert(memcmp(&a, &b, sizeof a) == 0);
	}
	cxm_table_free(t);
	cxm_table_free(t1);
	t = NULL;
	/* uniform noise in 4-D cut into 6: no structure to recover */
	for (i = 0; i < R * 4; i++) {
		s = s * 6364136223846793005ULL + 1442695040888963407ULL;
		u[i] = (double)(s >> 11) * 0x1.0p-53;
	}
	ck_assert_status(cxm_cluster_opts_set_k(o, 6), CXM_OK);
	ck_assert_status(cxm_cluster_stability(&t, u, R * 4, 4, NULL, 0, 0, NULL, 0, 20, o), CXM_OK);
	ck_assert(attr(t, "ari_mean") < 0.8);
	{
		double dissolved = 0, jmin = 1;
		for (i = 0; i < 6; i++) {
			dissolved += cell(t, "dissolved", i);
			if (cell(t, "jaccard_mean", i) < jmin)
				jmin = cell(t, "jaccard_mean", i);
		}
		ck_assert(dissolved > 0);
		ck_assert(jmin < 0.75);
	}
	cxm_table_free(t);
	t = NULL;
	ck_assert_status(cxm_cluster_stability(&t, u, R * 4, 4, NULL, 0, 0, NULL, 0, 0, o), CXM_EBAD_ARG);
	ck_assert_status(cxm_cluster_stability(NULL, u, R * 4, 4, NULL, 0, 0, NULL, 0, 5, o), CXM_EBAD_ARG);
	ck_assert_status(cxm_cluster_stability(&t, u, 0, 4, NULL, 0, 0, NULL, 0, 5, o), CXM_EEMPTY);
	ck_assert(t == NULL);
	cxm_cluster_opts_free(o);
}
END_TEST

/* ---- out of memory ------------------------------------------------------------- */

START_TEST(oom_quality)
{
	long k;
	int which;
	static double bx[40 * 2];
	four_blobs(bx, NULL, 40);
	for (which = 0; which < 7; which++) {
		for (k = 0;; k++) {
			double v = 0;
			int rc;
			cxm_table *t = NULL, *p = NULL;
			const char *const cols[] = { "a" };
			if (which == 4) { /* the input table outside the armed window */
				const double a[] = { 1, 2, 3, 4 };
				ck_assert_status(cxm_table_new(&t), CXM_OK);
				ck_assert_status(cxm_table_add_numbers(t, "a", a, 4), CXM_OK);
			}
			oom_arm(k);
			switch (which) {
			case 0:
				rc = cxm_cluster_silhouette(&v, iris_x, N_OF(iris_x), 4, NULL, 0, 0, 0, iris_y, 150, 60, 7,
							    2);
				break;
			case 1:
				rc = cxm_cluster_davies_bouldin(&v, mixed_x, N_OF(mixed_x), 2, mixed_codes,
								N_OF(mixed_codes), 2, 1.0, mixed_y, 60);
				break;
			case 2:
				rc = cxm_cluster_calinski_harabasz(&v, mixed_x, N_OF(mixed_x), 2, mixed_codes,
								   N_OF(mixed_codes), 2, 1.0, mixed_y, 60);
				break;
			case 3:
				rc = cxm_adjusted_rand_index(&v, iris_y, 150, iris_km, 150);
				break;
			case 4: {
				const uint32_t lab[] = { 0, 1, 0, 1 };
				rc = cxm_cluster_profiles(&p, t, cols, 1, lab, 4);
				break;
			}
			case 5:
				rc = cxm_cluster_choose_k(&p, bx, 80, 2, NULL, 0, 0, NULL, 0, 2, 4, 20, 1, NULL);
				break;
			default: {
				cxm_cluster_opts *o = NULL;
				oom_disarm();
				ck_assert_status(cxm_cluster_opts_new(&o), CXM_OK);
				ck_assert_status(cxm_cluster_opts_set_k(o, 3), CXM_OK);
				oom_arm(k);
				rc = cxm_cluster_stability(&p, bx, 80, 2, NULL, 0, 0, NULL, 0, 2, o);
				if (!oom_failed()) {
					ck_assert_status(rc, CXM_OK);
					cxm_table_free(p);
					p = NULL;
					oom_assert_no_leak(k);
					oom_disarm();
					cxm_cluster_opts_free(o);
					goto next;
				}
				oom_assert_enomem(rc, k);
				ck_assert(p == NULL);
				oom_assert_no_leak(k);
				oom_disarm();
				cxm_cluster_opts_free(o);
				continue;
			}
			}
			if (!oom_failed()) {
				ck_assert_status(rc, CXM_OK);
				cxm_table_free(p);
				oom_assert_no_leak(k);
				oom_disarm();
				cxm_table_free(t);
				break;
			}
			oom_assert_enomem(rc, k);
			ck_assert(p == NULL);
			oom_assert_no_leak(k);
			oom_disarm();
			cxm_table_free(t);
		}
	next:;
	}
	oom_disarm();
}
END_TEST

static Suite *quality_suite(void)
{
	Suite *s = suite_create("cluster_quality");
	TCase *tc = tcase_create("quality");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, silhouette_matches_sklearn);
	tcase_add_test(tc, sample_rows_and_sampled_silhouette);
	tcase_add_test(tc, silhouette_threads_bit_identical);
	tcase_add_test(tc, indices_match_sklearn);
	tcase_add_test(tc, indices_degenerate_cases);
	tcase_add_test(tc, mixed_matches_brute_force);
	tcase_add_test(tc, ari_matches_sklearn);
	tcase_add_test(tc, bad_input);
	tcase_add_test(tc, profiles_hand_counts);
	tcase_add_test(tc, choose_k_finds_four_blobs);
	tcase_add_test(tc, choose_k_mixed);
	tcase_add_test(tc, stability_blobs_and_noise);
	tcase_add_test(tc, oom_quality);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(quality_suite)
