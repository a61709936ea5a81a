/*
 * tests/unit/test_persona_nmf.c - the non-negative factorisation
 * (cxm_nmf_fit) and personas from behaviour (cxm_persona_from_behaviour),
 * spec §15.8.
 *
 * The factorisation from given W0 and H0 is held to scikit-learn 1.2.1's
 * NMF(init="custom", solver="mu" / "cd") on 40 real customers' spend
 * (tests/unit/persona_nmf_refs.h, printed by persona_nmf_refs.py): the same
 * iteration count, W, H and ||X - WH||_F. One MU step is also held to Lee &
 * Seung's formulas worked out in numpy. A planted two-behaviour matrix is
 * recovered; the random start is scikit-learn's scaling of |N(0, 1)|.
 */
#include <float.h>
#include <stdint.h>
#include "harness.h"
#include "oom.h"
#include "persona_nmf_refs.h"
#include "persona/nmf.h"

#define PI 3.14159265358979323846
#define N 40
#define M 6
#define K 3

/* |got - exp| <= tol x the largest |exp| of the array */
static void assert_array(const double *got, const double *exp, size_t n, double tol, const char *what)
{
	double big = 0.0;
	size_t i;
	for (i = 0; i < n; i++)
		big = fabs(exp[i]) > big ? fabs(exp[i]) : big;
	for (i = 0; i < n; i++)
		ck_assert_msg(fabs(got[i] - exp[i]) <= tol * big, "%s[%zu] = %.17g, expected %.17g", what, i, got[i],
			      exp[i]);
}

struct ref {
	const double *w, *h;
	unsigned iterations;
	double error, relative_error;
};

static void fit_case(int method, unsigned max_iter, double tol, const struct ref *r, unsigned converged)
{
	double w[N * K], h[K * M];
	cxm_nmf_info info = CXM_NMF_INFO_INIT;
	memcpy(w, spend_w0, sizeof w);
	memcpy(h, spend_h0, sizeof h);
	ck_assert_status(cxm_nmf_fit(w, N * K, h, K * M, &info, spend, N * M, M, K, method, 1, 0, max_iter, tol),
			 CXM_OK);
	ck_assert_uint_eq(info.iterations, r->iterations);
	ck_assert_uint_eq(info.converged, converged);
	/* scikit-learn's products go through BLAS in another order: 1e-12 of the largest entry */
	assert_array(w, r->w, N * K, 1e-12, "W");
	assert_array(h, r->h, K * M, 1e-12, "H");
	assert_rel(info.error, r->error, 1e-12);
	assert_rel(info.relative_error, r->relative_error, 1e-12);
}

START_TEST(mu_matches_sklearn)
{
	struct ref r200 = { mu200_w, mu200_h, mu200_iterations, mu200_error, mu200_relative_error };
	struct ref r7 = { mu7_w, mu7_h, mu7_iterations, mu7_error, mu7_relative_error };
	struct ref r1 = { mu1_w, mu1_h, mu1_iterations, mu1_error, mu1_relative_error };
	/* stopped by the tolerance at iteration 130 (checked every 10) */
	ck_assert_uint_lt(mu200_iterations, 200);
	fit_case(CXM_NMF_MU, 200, 1e-4, &r200, 1);
	/* tol 0: never checked, runs to the limit */
	fit_case(CXM_NMF_MU, 7, 0.0, &r7, 0);
	fit_case(CXM_NMF_MU, 1, 0.0, &r1, 0);
}
END_TEST

START_TEST(mu_one_step_by_hand)
{
	/* W1 = W0 (X H0') / (W0 H0 H0'), H1 = H0 (W1' X) / (W1' W1 H0), numpy */
	double w[N * K], h[K * M];
	memcpy(w, spend_w0, sizeof w);
	memcpy(h, spend_h0, sizeof h);
	ck_assert_status(cxm_nmf_fit(w, N * K, h, K * M, NULL, spend, N * M, M, K, CXM_NMF_MU, 1, 0, 1, 0.0), CXM_OK);
	assert_array(w, mu1_numpy_w, N * K, 1e-13, "W1");
	assert_array(h, mu1_numpy_h, K * M, 1e-13, "H1");
}
END_TEST

START_TEST(hals_matches_sklearn)
{
	struct ref r200 = { hals200_w, hals200_h, hals200_iterations, hals200_error, hals200_relative_error };
	struct ref r7 = { hals7_w, hals7_h, hals7_iterations, hals7_error, hals7_relative_error };
	struct ref rt = { hals_tight_w, hals_tight_h, hals_tight_iterations, hals_tight_error,
			  hals_tight_relative_error };
	/* violation / first violation <= 1e-4 at iteration 34 */
	fit_case(CXM_NMF_HALS, 200, 1e-4, &r200, 1);
	fit_case(CXM_NMF_HALS, 7, 0.0, &r7, 0);
	fit_case(CXM_NMF_HALS, 1000, 1e-7, &rt, 0);
}
END_TEST

/* X = W* H*: rows 0..19 use items 0-3 only, rows 20..39 items 4-7 only (weights 1..4 x
 * item pattern); a rank-2 exact factorisation the fit must find. */
static void planted(double *x)
{
	size_t i, j;
	for (i = 0; i < 40; i++) {
		double a = 1.0 + (double)(i % 4);
		for (j = 0; j < 8; j++) {
			int block = i < 20 ? j < 4 : j >= 4;
			x[i * 8 + j] = block ? a * (double)(1 + (j % 4)) : 0.0;
		}
	}
}

static void check_planted(int method, unsigned max_iter)
{
	double x[40 * 8], w[40 * 2], h[2 * 8];
	cxm_nmf_info info = CXM_NMF_INFO_INIT;
	size_t i, j, fa, fb;
	planted(x);
	ck_assert_status(cxm_nmf_fit(w, 80, h, 16, &info, x, 320, 8, 2, method, 0, 7, max_iter, 1e-12), CXM_OK);
	ck_assert_msg(info.relative_error < 1e-4, "relative error %g", info.relative_error);
	/* the factor of rows 0..19 puts (almost) all its weight on items 0-3, the other on 4-7 */
	fa = w[0] > w[1] ? 0 : 1;
	fb = 1 - fa;
	for (i = 0; i < 40; i++) {
		size_t f = i < 20 ? fa : fb;
		ck_assert_msg(w[i * 2 + f] > 100.0 * w[i * 2 + (1 - f)], "row %zu: %g %g", i, w[i * 2], w[i * 2 + 1]);
	}
	for (j = 0; j < 8; j++) {
		size_t f = j < 4 ? fa : fb;
		ck_assert_msg(h[f * 8 + j] > 100.0 * h[(1 - f) * 8 + j], "item %zu", j);
	}
	/* H's own block is proportional to 1:2:3:4 */
	for (j = 1; j < 4; j++) {
		assert_rel(h[fa * 8 + j] / h[fa * 8], (double)(j + 1), 1e-3);
		assert_rel(h[fb * 8 + 4 + j] / h[fb * 8 + 4], (double)(j + 1), 1e-3);
	}
}

START_TEST(planted_behaviours_recovered)
{
	check_planted(CXM_NMF_HALS, 2000);
	check_planted(CXM_NMF_MU, 5000);
}
END_TEST

START_TEST(seeded_fits_are_reproducible)
{
	/* the random start comes from the seed: the same seed gives the same bits, another
	 * seed another fit */
	enum { R = 500, C = 20, KK = 10 };
	static double x[R * C], w1[R * KK], h1[KK * C], w2[R * KK], h2[KK * C];
	cxm_nmf_info i1 = CXM_NMF_INFO_INIT, i2 = CXM_NMF_INFO_INIT;
	size_t i;
	for (i = 0; i < R * C; i++)
		x[i] = (double)((i * 7919u) % 13u);
	ck_assert_status(cxm_nmf_fit(w1, R * KK, h1, KK * C, &i1, x, R * C, C, KK, CXM_NMF_MU, 0, 42, 30, 0.0),
			 CXM_OK);
	ck_assert_status(cxm_nmf_fit(w2, R * KK, h2, KK * C, &i2, x, R * C, C, KK, CXM_NMF_MU, 0, 42, 30, 0.0),
			 CXM_OK);
	ck_assert_mem_eq(w1, w2, sizeof w1);
	ck_assert_mem_eq(h1, h2, sizeof h1);
	ck_assert_mem_eq(&i1.error, &i2.error, sizeof i1.error);
	ck_assert_status(cxm_nmf_fit(w2, R * KK, h2, KK * C, &i2, x, R * C, C, KK, CXM_NMF_MU, 0, 43, 30, 0.0),
			 CXM_OK);
	ck_assert_msg(memcmp(w1, w2, sizeof w1) != 0, "seed 43 gave seed 42's W");
}
END_TEST

START_TEST(threads_give_the_same_bits)
{
	/* 6000 x 80, k 5: 15 chunks of 410 rows, enough work per pass (2.4M multiply-adds)
	 * for the threads to start; 1, 2 and 3 threads */
	enum { R = 6000, C = 80, KK = 5 };
	static double x[R * C], w[3][R * KK], h[3][KK * C];
	cxm_nmf_info info[3] = { CXM_NMF_INFO_INIT, CXM_NMF_INFO_INIT, CXM_NMF_INFO_INIT };
	size_t i;
	unsigned t;
	int method;
	for (i = 0; i < R * C; i++)
		x[i] = (double)((i * 2654435761u) % 17u) * 0.25;
	for (method = 0; method < 2; method++) {
		for (t = 0; t < 3; t++)
			ck_assert_status(cxm__nmf_fit(w[t], R * KK, h[t], KK * C, &info[t], x, R * C, C, KK, method, 0, 5,
						      25, 1e-4, t + 1),
					 CXM_OK);
		for (t = 1; t < 3; t++) {
			ck_assert_mem_eq(w[t], w[0], sizeof w[0]);
			ck_assert_mem_eq(h[t], h[0], sizeof h[0]);
			ck_assert_mem_eq(&info[t].error, &info[0].error, sizeof info[0].error);
			ck_assert_uint_eq(info[t].iterations, info[0].iterations);
		}
	}
}
END_TEST

START_TEST(random_start_is_half_normal)
{
	/* scikit-learn's init="random": sqrt(mean(X) / k) |N(0, 1)|. With mean(X) = 1 and
	 * k = 4 the entries are 0.5 |Z|: mean 0.5 sqrt(2 / pi) = 0.398942..., median
	 * 0.5 x 0.674490 (the normal's 75% point), non-negative. 40,000 draws: both
	 * within 5 standard errors. */
	enum { R = 9000, C = 1000, KK = 4 };
	static double w[R * KK], h[KK * C];
	double mean = 0.0, below = 0.0, n = (double)(R * KK + KK * C);
	double se_mean = 0.5 * sqrt(1.0 - 2.0 / PI) / sqrt(n), se_share = 0.5 / sqrt(n);
	size_t i;
	cxm__nmf_random_init(w, h, R, C, KK, 1.0, 3);
	for (i = 0; i < R * KK; i++) {
		ck_assert(w[i] >= 0.0);
		mean += w[i];
		below += w[i] < 0.5 * 0.6744897501960817;
	}
	for (i = 0; i < KK * C; i++) {
		ck_assert(h[i] >= 0.0);
		mean += h[i];
		below += h[i] < 0.5 * 0.6744897501960817;
	}
	assert_abs(mean / n, 0.5 * sqrt(2.0 / PI), 5.0 * se_mean);
	assert_abs(below / n, 0.5, 5.0 * se_share);
	/* the scale follows mean(X) / k: mean 9, k 4 gives 1.5 |Z| */
	{
		static double w9[R * KK], h9[KK * C];
		cxm__nmf_random_init(w9, h9, R, C, KK, 9.0, 3);
		for (i = 0; i < R * KK; i += 997)
			assert_rel(w9[i], 3.0 * w[i], 1e-15);
	}
}
END_TEST

/* ---- errors ---------------------------------------------------------------------------------- */

START_TEST(bad_arguments)
{
	double x[12] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 }, w[8], h[6];
	cxm_nmf_info info = CXM_NMF_INFO_INIT, old = { 99u, 0u, 0u, 0.0, 0.0 };
	size_t i;
	/* x 4 x 3, k 2 */
	ck_assert_status(cxm_nmf_fit(w, 8, h, 6, &info, NULL, 12, 3, 2, CXM_NMF_MU, 0, 0, 10, 1e-4), CXM_EBAD_ARG);
	assert_message_has("x is NULL");
	ck_assert_status(cxm_nmf_fit(NULL, 8, h, 6, &info, x, 12, 3, 2, CXM_NMF_MU, 0, 0, 10, 1e-4), CXM_EBAD_ARG);
	ck_assert_status(cxm_nmf_fit(w, 8, NULL, 6, &info, x, 12, 3, 2, CXM_NMF_MU, 0, 0, 10, 1e-4), CXM_EBAD_ARG);
	ck_assert_status(cxm_nmf_fit(w, 8, h, 6, &info, x, 12, 5, 2, CXM_NMF_MU, 0, 0, 10, 1e-4), CXM_EBAD_ARG);
	assert_message_has("not a multiple");
	ck_assert_status(cxm_nmf_fit(w, 8, h, 6, &info, x, 12, 0, 2, CXM_NMF_MU, 0, 0, 10, 1e-4), CXM_EBAD_ARG);
	ck_assert_status(cxm_nmf_fit(w, 8, h, 6, &info, x, 0, 3, 2, CXM_NMF_MU, 0, 0, 10, 1e-4), CXM_EEMPTY);
	ck_assert_status(cxm_nmf_fit(w, 8, h, 6, &info, x, 12, 3, 0, CXM_NMF_MU, 0, 0, 10, 1e-4), CXM_EBAD_ARG);
	ck_assert_status(cxm_nmf_fit(w, 16, h, 12, &info, x, 12, 3, 4, CXM_NMF_MU, 0, 0, 10, 1e-4), CXM_EBAD_ARG);
	assert_message_has("min(rows, columns) = 3");
	ck_assert_status(cxm_nmf_fit(w, 7, h, 6, &info, x, 12, 3, 2, CXM_NMF_MU, 0, 0, 10, 1e-4), CXM_EBAD_ARG);
	assert_message_has("n_w = 7");
	ck_assert_status(cxm_nmf_fit(w, 8, h, 5, &info, x, 12, 3, 2, CXM_NMF_MU, 0, 0, 10, 1e-4), CXM_EBAD_ARG);
	assert_message_has("n_h = 5");
	ck_assert_status(cxm_nmf_fit(w, 8, h, 6, &info, x, 12, 3, 2, 7, 0, 0, 10, 1e-4), CXM_EBAD_ARG);
	assert_message_has("hals");
	ck_assert_status(cxm_nmf_fit(w, 8, h, 6, &info, x, 12, 3, 2, CXM_NMF_MU, 0, 0, 0, 1e-4), CXM_EBAD_ARG);
	assert_message_has("max_iterations");
	ck_assert_status(cxm_nmf_fit(w, 8, h, 6, &info, x, 12, 3, 2, CXM_NMF_MU, 0, 0, 10, -1.0), CXM_EBAD_ARG);
	ck_assert_status(cxm_nmf_fit(w, 8, h, 6, &info, x, 12, 3, 2, CXM_NMF_MU, 0, 0, 10, NAN), CXM_EBAD_ARG);
	assert_message_has("tol");
	ck_assert_status(cxm_nmf_fit(w, 8, h, 6, &old, x, 12, 3, 2, CXM_NMF_MU, 0, 0, 10, 1e-4), CXM_EVERSION);
	/* bad entries of X, named by row and column (0-based, as the matrix) */
	x[7] = NAN;
	ck_assert_status(cxm_nmf_fit(w, 8, h, 6, &info, x, 12, 3, 2, CXM_NMF_MU, 0, 0, 10, 1e-4), CXM_ENAN);
	assert_message_has("row 2, column 1");
	x[7] = -1.0;
	ck_assert_status(cxm_nmf_fit(w, 8, h, 6, &info, x, 12, 3, 2, CXM_NMF_MU, 0, 0, 10, 1e-4), CXM_EOUT_OF_RANGE);
	assert_message_has("row 2, column 1");
	x[7] = INFINITY;
	ck_assert_status(cxm_nmf_fit(w, 8, h, 6, &info, x, 12, 3, 2, CXM_NMF_MU, 0, 0, 10, 1e-4), CXM_EOUT_OF_RANGE);
	x[7] = 8.0;
	for (i = 0; i < 12; i++)
		x[i] = 0.0;
	ck_assert_status(cxm_nmf_fit(w, 8, h, 6, &info, x, 12, 3, 2, CXM_NMF_HALS, 0, 0, 10, 1e-4), CXM_EEMPTY);
	assert_message_has("x is all zero");
	for (i = 0; i < 12; i++)
		x[i] = (double)(i + 1);
	/* given factors: negative, NaN, all zero */
	for (i = 0; i < 8; i++)
		w[i] = 1.0;
	for (i = 0; i < 6; i++)
		h[i] = 1.0;
	w[5] = -0.5;
	ck_assert_status(cxm_nmf_fit(w, 8, h, 6, &info, x, 12, 3, 2, CXM_NMF_MU, 1, 0, 10, 1e-4), CXM_EOUT_OF_RANGE);
	assert_message_has("w has -0.5 at row 2, column 1");
	w[5] = 1.0;
	h[4] = NAN;
	ck_assert_status(cxm_nmf_fit(w, 8, h, 6, &info, x, 12, 3, 2, CXM_NMF_MU, 1, 0, 10, 1e-4), CXM_ENAN);
	assert_message_has("h has NaN at row 1, column 1");
	for (i = 0; i < 6; i++)
		h[i] = 0.0;
	ck_assert_status(cxm_nmf_fit(w, 8, h, 6, &info, x, 12, 3, 2, CXM_NMF_MU, 1, 0, 10, 1e-4), CXM_EEMPTY);
	assert_message_has("h is all zero");
	/* info may be NULL */
	ck_assert_status(cxm_nmf_fit(w, 8, h, 6, NULL, x, 12, 3, 2, CXM_NMF_MU, 0, 0, 10, 1e-4), CXM_OK);
}
END_TEST

START_TEST(out_of_memory)
{
	double w[N * K], h[K * M];
	cxm_nmf_info info = CXM_NMF_INFO_INIT;
	long k;
	int rc;
	for (k = 0;; k++) {
		memcpy(w, spend_w0, sizeof w);
		memcpy(h, spend_h0, sizeof h);
		oom_arm(k);
		rc = cxm_nmf_fit(w, N * K, h, K * M, &info, spend, N * M, M, K, CXM_NMF_HALS, 1, 0, 7, 0.0);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			assert_array(w, hals7_w, N * K, 1e-12, "W");
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		oom_assert_no_leak(k);
	}
	oom_disarm();
}
END_TEST

/* ---- personas from behaviour ----------------------------------------------------------------- */

#include "persona/persona_internal.h"

/* Five groups x eight items. Behaviour A = (4, 3, 2, 1) on yoga, recipes, travel, books,
 * behaviour B = (4, 3, 2, 1) on gaming, cars, tech, sports (each sums to 10):
 *   women 25-34 US: 100 A          (mix 1 : 0)
 *   women 35-44 GB:  70 A + 30 B   (mix 0.7 : 0.3)
 *   men 18-24 US:    80 B          (mix 0 : 1)
 *   men 45-54 DE:    40 A + 60 B   (mix 0.4 : 0.6)
 *   retirees:        0.5 views of yoga: under min_n = 10, left out. */
static const char *const item_names[8] = { "yoga", "recipes", "travel", "books", "gaming", "cars", "tech", "sports" };

static cxm_table *interactions_table(void)
{
	static const char *const group[5] = { "women 25-34 US", "women 35-44 GB", "men 18-24 US", "men 45-54 DE",
					      "retirees" };
	static const char *const gender[5] = { "female", "female", "male", "male", "female" };
	static const char *const band[5] = { "25-34", "35-44", "18-24", "45-54", "65+" };
	static const char *const country[5] = { "US", "GB", "US", "DE", "US" };
	static const double a[5] = { 100, 70, 0, 40, 0 }, b[5] = { 0, 30, 80, 60, 0 };
	cxm_table *t;
	double col[5];
	size_t i, j;
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "group", group, 5), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "gender", gender, 5), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "age_band", band, 5), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "country", country, 5), CXM_OK);
	for (j = 0; j < 8; j++) {
		double pattern = (double)(4 - j % 4);
		for (i = 0; i < 5; i++)
			col[i] = (j < 4 ? a[i] : b[i]) * pattern;
		col[4] = j == 0 ? 0.5 : 0.0;
		ck_assert_status(cxm_table_add_numbers(t, item_names[j], col, 5), CXM_OK);
	}
	return t;
}

static cxm_persona_opts *behaviour_opts(void)
{
	cxm_persona_opts *o;
	ck_assert_status(cxm_persona_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_seed(o, 11), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_reference_year(o, 2024), CXM_OK);
	return o;
}

static void check_behaviour_persona(const cxm_persona_set *set, size_t f, const char *group, const char *gender,
				    const char *band, const char *country, const char *first_item, double tol)
{
	const cxm__persona *p = &set->personas[f];
	static const double weight[3] = { 0.4, 0.3, 0.2 };
	cxm_persona_names *names;
	char name[256], key[256], id[8];
	size_t j;
	snprintf(id, sizeof id, "P%zu", f + 1);
	ck_assert_str_eq(p->id, id);
	ck_assert_int_eq(p->suppressed, 0);
	ck_assert_str_eq(p->group, group);
	assert_abs(p->group_weight, 1.0, 10 * tol);
	ck_assert_str_eq(p->gender.value, gender);
	ck_assert_str_eq(p->gender.attribute, "gender");
	ck_assert_str_eq(p->age_band, band);
	ck_assert(isnan(p->age));
	ck_assert_str_eq(p->country.value, country);
	ck_assert_ptr_null(p->location.value);
	/* two groups lead each behaviour's mix: 2 of the 4 kept */
	assert_abs(p->size, 2.0, 0.0);
	assert_abs(p->share, 50.0, 1e-12);
	ck_assert(isnan(p->revenue));
	/* top 3 items of the behaviour, weights 4, 3, 2 out of 10 */
	ck_assert_uint_eq(p->n_interests, 3);
	ck_assert_str_eq(p->interests[0].item, first_item);
	for (j = 0; j < 3; j++)
		assert_abs(p->interests[j].weight, weight[j], tol);
	/* the name is the names table's draw for the group's gender, birth year 2024 - 29.5
	 * or so (the band's middle) and country, stream = the persona's index */
	ck_assert_status(cxm_persona_names_builtin(&names), CXM_OK);
	{
		double mid = strcmp(band, "25-34") == 0 ? 29.5 : 21.0;
		ck_assert_status(cxm_persona_names_draw(name, sizeof name, key, sizeof key, names, gender, 2024.0 - mid,
							country, 11, f),
				 CXM_OK);
	}
	cxm_persona_names_free(names);
	ck_assert_str_eq(p->name, name);
	ck_assert_str_eq(p->name_key, key);
}

START_TEST(behaviour_planted)
{
	cxm_table *t = interactions_table(), *wt = NULL;
	cxm_persona_opts *o = behaviour_opts();
	cxm_persona_set *set = NULL;
	int method;
	for (method = 0; method < 2; method++) {
		const cxm__provenance *pv;
		size_t fa, col;
		const double *mix;
		ck_assert_status(cxm_persona_from_behaviour(&set, &wt, t, 2, 3, method, o), CXM_OK);
		ck_assert_uint_eq(cxm_persona_set_count(set), 2);
		/* which persona is behaviour A */
		fa = strcmp(set->personas[0].interests[0].item, "yoga") == 0 ? 0 : 1;
		/* the fit stops at the default tolerance (1e-4): MU is then further from the exact
		 * factorisation than HALS */
		double tol = method == CXM_NMF_MU ? 2e-3 : 1e-4;
		fa = strcmp(set->personas[0].interests[0].item, "yoga") == 0 ? 0 : 1;
		check_behaviour_persona(set, fa, "women 25-34 US", "female", "25-34", "US", "yoga", tol);
		check_behaviour_persona(set, 1 - fa, "men 18-24 US", "male", "18-24", "US", "gaming", tol);
		pv = &set->provenance;
		ck_assert_str_eq(pv->method, method == CXM_NMF_MU ? "nmf-mu" : "nmf-hals");
		ck_assert_uint_eq(pv->k, 2);
		ck_assert_uint_eq(pv->seed, 11);
		ck_assert_str_eq(pv->quality_measure, "relative_error");
		ck_assert_msg(pv->quality >= 0.0 && pv->quality < (method == CXM_NMF_MU ? 5e-3 : 1e-4), "relative error %g",
			      pv->quality);
		ck_assert_uint_eq(pv->min_n, 10);
		ck_assert_int_eq(pv->reference_year, 2024);
		assert_abs(pv->customers, 4.0, 0.0);          /* groups kept */
		assert_abs(pv->excluded_customers, 1.0, 0.0); /* the retirees */
		ck_assert_ptr_nonnull(pv->names_source);
		/* the weights: each kept group's mix, 1 : 0, 0.7 : 0.3, 0 : 1, 0.4 : 0.6 */
		ck_assert_uint_eq(cxm_table_rows(wt), 4);
		ck_assert_str_eq(cxm_table_row_name(wt), "groups");
		ck_assert_uint_eq(cxm_table_column_count(wt), 3);
		ck_assert_str_eq(cxm_table_column_name(wt, 0), "group");
		ck_assert_str_eq(cxm_table_texts(wt, 0)[3], "men 45-54 DE");
		ck_assert_status(cxm_table_column_index(&col, wt, fa == 0 ? "P1" : "P2"), CXM_OK);
		mix = cxm_table_numbers(wt, col);
		assert_abs(mix[0], 1.0, 10 * tol);
		assert_abs(mix[1], 0.7, 10 * tol);
		assert_abs(mix[2], 0.0, 10 * tol);
		assert_abs(mix[3], 0.4, 10 * tol);
		cxm_table_free(wt);
		cxm_persona_set_free(set);
	}
	cxm_persona_opts_free(o);
	cxm_table_free(t);
}
END_TEST

START_TEST(behaviour_deterministic)
{
	cxm_table *t = interactions_table(), *w1, *w2;
	cxm_persona_opts *o = behaviour_opts();
	cxm_persona_set *s1, *s2;
	size_t f, j;
	ck_assert_status(cxm_persona_from_behaviour(&s1, &w1, t, 2, 8, CXM_NMF_MU, o), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_threads(o, 2), CXM_OK);
	ck_assert_status(cxm_persona_from_behaviour(&s2, &w2, t, 2, 8, CXM_NMF_MU, o), CXM_OK);
	for (f = 0; f < 2; f++) {
		const cxm__persona *a = &s1->personas[f], *b = &s2->personas[f];
		ck_assert_str_eq(a->name, b->name);
		ck_assert_uint_eq(a->n_interests, b->n_interests);
		/* 8 asked, only the items with weight > 0 listed */
		ck_assert_uint_le(a->n_interests, 8);
		for (j = 0; j < a->n_interests; j++) {
			ck_assert_str_eq(a->interests[j].item, b->interests[j].item);
			ck_assert_mem_eq(&a->interests[j].weight, &b->interests[j].weight, sizeof(double));
		}
		ck_assert_mem_eq(cxm_table_numbers(w1, f + 1), cxm_table_numbers(w2, f + 1), 4 * sizeof(double));
	}
	ck_assert_mem_eq(&s1->provenance.quality, &s2->provenance.quality, sizeof(double));
	cxm_table_free(w1);
	cxm_table_free(w2);
	cxm_persona_set_free(s1);
	cxm_persona_set_free(s2);
	cxm_persona_opts_free(o);
	cxm_table_free(t);
}
END_TEST

START_TEST(behaviour_errors)
{
	cxm_table *t = interactions_table(), *bad;
	cxm_persona_set *set = (cxm_persona_set *)&set;
	cxm_table *wt = (cxm_table *)&wt;
	const char *g[3] = { "a", "b", "c" };
	double v[3] = { 20, 30, NAN };
	ck_assert_status(cxm_persona_from_behaviour(NULL, NULL, t, 2, 3, CXM_NMF_MU, NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_persona_from_behaviour(&set, &wt, NULL, 2, 3, CXM_NMF_MU, NULL), CXM_EBAD_ARG);
	ck_assert_ptr_null(set);
	ck_assert_ptr_null(wt);
	ck_assert_status(cxm_persona_from_behaviour(&set, NULL, t, 0, 3, CXM_NMF_MU, NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_persona_from_behaviour(&set, NULL, t, 2, 0, CXM_NMF_MU, NULL), CXM_EBAD_ARG);
	assert_message_has("top_items");
	ck_assert_status(cxm_persona_from_behaviour(&set, NULL, t, 2, 3, 9, NULL), CXM_EBAD_ARG);
	/* 4 groups of 10 or more interactions */
	ck_assert_status(cxm_persona_from_behaviour(&set, NULL, t, 5, 3, CXM_NMF_MU, NULL), CXM_ETOO_FEW);
	assert_message_has("4 of the 5 groups");
	ck_assert_status(cxm_persona_from_behaviour(&set, NULL, t, 4, 3, CXM_NMF_HALS, NULL), CXM_OK);
	cxm_persona_set_free(set);
	/* a role given to a column the table does not have */
	{
		cxm_persona_opts *o = behaviour_opts();
		ck_assert_status(cxm_persona_opts_set_role(o, CXM_PERSONA_ROLE_COUNTRY, "nation"), CXM_OK);
		ck_assert_status(cxm_persona_from_behaviour(&set, NULL, t, 2, 3, CXM_NMF_MU, o), CXM_EBAD_ARG);
		assert_message_has("the country column 'nation'");
		cxm_persona_opts_free(o);
	}
	cxm_table_free(t);
	/* no TEXT column; no NUMBER column; NaN and negative values named by row and column */
	ck_assert_status(cxm_table_new(&bad), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(bad, "views", v, 3), CXM_OK);
	ck_assert_status(cxm_persona_from_behaviour(&set, NULL, bad, 1, 3, CXM_NMF_MU, NULL), CXM_EBAD_ARG);
	assert_message_has("no TEXT column");
	cxm_table_free(bad);
	ck_assert_status(cxm_table_new(&bad), CXM_OK);
	ck_assert_status(cxm_table_add_texts(bad, "group", g, 3), CXM_OK);
	ck_assert_status(cxm_persona_from_behaviour(&set, NULL, bad, 1, 3, CXM_NMF_MU, NULL), CXM_EBAD_ARG);
	assert_message_has("no NUMBER column");
	ck_assert_status(cxm_table_add_numbers(bad, "views", v, 3), CXM_OK);
	ck_assert_status(cxm_persona_from_behaviour(&set, NULL, bad, 1, 3, CXM_NMF_MU, NULL), CXM_ENAN);
	assert_message_has("row 3, column views");
	v[2] = -4.0;
	ck_assert_status(cxm_table_add_numbers(bad, "likes", v, 3), CXM_OK);
	v[2] = 1.0;
	{
		cxm_table *b2;
		ck_assert_status(cxm_table_new(&b2), CXM_OK);
		ck_assert_status(cxm_table_add_texts(b2, "group", g, 3), CXM_OK);
		ck_assert_status(cxm_table_add_numbers(b2, "views", v, 3), CXM_OK);
		v[1] = -4.0;
		ck_assert_status(cxm_table_add_numbers(b2, "likes", v, 3), CXM_OK);
		ck_assert_status(cxm_persona_from_behaviour(&set, NULL, b2, 1, 3, CXM_NMF_MU, NULL), CXM_EOUT_OF_RANGE);
		assert_message_has("row 2, column likes: -4");
		/* k above the items */
		v[1] = 30.0;
		cxm_table_free(b2);
		ck_assert_status(cxm_table_new(&b2), CXM_OK);
		ck_assert_status(cxm_table_add_texts(b2, "group", g, 3), CXM_OK);
		ck_assert_status(cxm_table_add_numbers(b2, "views", v, 3), CXM_OK);
		v[2] = 40.0;
		ck_assert_status(cxm_persona_from_behaviour(&set, NULL, b2, 2, 3, CXM_NMF_MU, NULL), CXM_EBAD_ARG);
		assert_message_has("k = 2 is more than the number of items, 1");
		cxm_table_free(b2);
	}
	cxm_table_free(bad);
}
END_TEST

START_TEST(behaviour_out_of_memory)
{
	cxm_table *t = interactions_table(), *wt = NULL;
	cxm_persona_opts *o = behaviour_opts();
	cxm_persona_set *set = NULL;
	long k;
	int rc;
	for (k = 0;; k++) {
		oom_arm(k);
		rc = cxm_persona_from_behaviour(&set, &wt, t, 2, 3, CXM_NMF_HALS, o);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			ck_assert_uint_eq(cxm_persona_set_count(set), 2);
			cxm_persona_set_free(set);
			cxm_table_free(wt);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		ck_assert_ptr_null(set);
		ck_assert_ptr_null(wt);
		oom_assert_no_leak(k);
	}
	oom_disarm();
	cxm_persona_opts_free(o);
	cxm_table_free(t);
}
END_TEST

static Suite *nmf_suite(void)
{
	Suite *s = suite_create("persona_nmf");
	TCase *tc = tcase_create("nmf");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, mu_matches_sklearn);
	tcase_add_test(tc, mu_one_step_by_hand);
	tcase_add_test(tc, hals_matches_sklearn);
	tcase_add_test(tc, planted_behaviours_recovered);
	tcase_add_test(tc, seeded_fits_are_reproducible);
	tcase_add_test(tc, threads_give_the_same_bits);
	tcase_add_test(tc, random_start_is_half_normal);
	tcase_add_test(tc, bad_arguments);
	tcase_add_test(tc, out_of_memory);
	suite_add_tcase(s, tc);
	tc = tcase_create("behaviour");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, behaviour_planted);
	tcase_add_test(tc, behaviour_deterministic);
	tcase_add_test(tc, behaviour_errors);
	tcase_add_test(tc, behaviour_out_of_memory);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(nmf_suite)
