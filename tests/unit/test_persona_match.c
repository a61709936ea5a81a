/*
 * tests/unit/test_persona_match.c - the linear assignment, persona matching
 * and the Persona Perception Scale (spec §15.9, §15.10).
 *
 * Peer values come from scipy 1.10.1 and numpy on Debian 12's
 * /usr/bin/python3, each with the recipe that gives it in a comment; the
 * assignment is also checked against brute force over every injective map
 * of small random matrices, and Cronbach's alpha against a worked example.
 */
#include <stdint.h>
#include <string.h>
#include "harness.h"
#include "oom.h"
#include "dist.h"
#include "special.h"
#include "persona/persona_internal.h"
#include "persona/match_internal.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))
#define NONE SIZE_MAX

/* A small generator of the test's own (64-bit LCG, Knuth's MMIX constants). */
static uint64_t lcg_state;
static double lcg_uniform(void)
{
	lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (double)(lcg_state >> 11) * (1.0 / 9007199254740992.0);
}

/* ---- the special functions behind Feldt's interval --------------------------------------- */

START_TEST(test_betainc_and_f_quantile)
{
	/* scipy.special.betainc(a, b, x) */
	assert_rel(cxm__betainc(2.5, 3.5, 0.3), 0.29675298929566613, 1e-13);
	assert_rel(cxm__betainc(50, 60, 0.45), 0.46423529143060638, 1e-12);
	assert_rel(cxm__betainc(0.5, 0.5, 0.99), 0.9362314391414801, 1e-13);
	assert_rel(cxm__betainc(1, 1, 0.25), 0.25, 1e-14);
	ck_assert(cxm__betainc(1, 1, 0) == 0.0 && cxm__betainc(1, 1, 1) == 1.0);
	/* large arguments, where scipy 1.10.1's betainc is off by 2e-9, 3e-10 and 2e-12: the
	 * continued fraction of DLMF 8.17.22 in mpmath at 50 digits with mp.loggamma
	 * (0.50119682374941273293, 0.37812700901210109881, 0.48629446459127748048) */
	assert_rel(cxm__betainc(5e5, 5e5 + 3, 0.5), 0.50119682374941273293, 1e-12);
	assert_rel(cxm__betainc(2.5e5, 7, 0.99997), 0.37812700901210109881, 1e-13);
	assert_rel(cxm__betainc(12.5, 3000.5, 0.004), 0.48629446459127748048, 1e-13);
	ck_assert(cxm__betainc_xy(3, 4, 0.25, 0.75) == cxm__betainc(3, 4, 0.25));
	/* scipy.stats.f.ppf at 100,000 respondents x 8 items (scipy good to ~3e-12 here) */
	assert_rel(cxm__f_quantile(0.975, 99999, 699993), 1.009397703461721, 1e-11);
	assert_rel(cxm__f_quantile(0.025, 99999, 699993), 0.99065672216785261, 1e-11);
	ck_assert(isnan(cxm__betainc(0, 1, 0.5)) && isnan(cxm__betainc(1, 1, 1.5)) && isnan(cxm__betainc(1, 1, NAN)));
	/* scipy.stats.f.ppf(q, d1, d2) */
	assert_rel(cxm__f_quantile(0.975, 88, 528), 1.3529008064339321, 1e-13);
	assert_rel(cxm__f_quantile(0.025, 88, 528), 0.71222270841947188, 1e-13);
	assert_rel(cxm__f_quantile(0.975, 4, 12), 4.1212086185234407, 1e-13);
	assert_rel(cxm__f_quantile(0.025, 1, 1), 0.0015437125086741326, 1e-12);
	assert_rel(cxm__f_quantile(0.999, 3, 5), 33.202463184876905, 1e-13);
	ck_assert(isnan(cxm__f_quantile(0, 3, 5)) && isnan(cxm__f_quantile(0.5, 0, 5)));
	/* the CDF inverts the quantile */
	assert_rel(cxm__f_cdf(cxm__f_quantile(0.3, 7, 11), 7, 11), 0.3, 1e-13);
}
END_TEST

/* ---- cxm_linear_assignment ------------------------------------------------------------------ */

static void check_assignment(const double *cost, size_t rows, size_t cols, const size_t *exp_col, double exp_total)
{
	size_t got[8], i;
	double total = NAN;
	ck_assert_status(cxm_linear_assignment(got, rows, &total, cost, rows * cols, cols), CXM_OK);
	for (i = 0; i < rows; i++)
		ck_assert_msg(got[i] == exp_col[i], "row %zu: column %zu, expected %zu", i, got[i], exp_col[i]);
	assert_abs(total, exp_total, 1e-12);
}

START_TEST(test_assignment_scipy)
{
	/* scipy 1.10.1 linear_sum_assignment on matrices from
	 * np.round(np.random.default_rng(20261207).uniform(lo, hi, shape), 3), drawn
	 * in this order: A (-5, 20, (5, 5)), B (0, 10, (4, 6)), C (0, 10, (6, 4)). */
	static const double a[] = { 16.893, 8.712, 3.83, 1.663, 6.548, 4.827, 5.479, 7.733, 18.321, -1.44,
				    12.995, 2.966, 8.455, 11.579, 15.85, 10.195, 18.675, 2.006, -4.827, -0.753,
				    -1.238, 8.916, -0.819, 2.786, 0.761 };
	static const size_t a_col[] = { 2, 4, 1, 3, 0 }; /* total -0.709 */
	static const double b[] = { 9.083, 8.27, 5.971, 2.983, 1.123, 0.823, 1.075, 9.706, 5.167, 4.235, 7.578, 9.805,
				    9.658, 0.537, 7.282, 3.84, 9.816, 8.942, 2.182, 7.139, 9.742, 3.538, 7.711, 1.406 };
	static const size_t b_col[] = { 4, 0, 1, 5 }; /* total 4.141 */
	static const double c[] = { 5.473, 3.812, 0.596, 7.238, 8.621, 1.331, 8.033, 8.24, 0.32, 3.53, 6.487, 7.337,
				    1.252, 5.987, 7.752, 0.502, 5.14, 8.255, 3.787, 7.93, 2.863, 1.254, 4.884, 8.323 };
	/* scipy: rows [0, 2, 3, 5] -> cols [2, 0, 3, 1]; rows 1 and 4 unassigned; total 2.672 */
	static const size_t c_col[] = { 2, NONE, 0, 3, NONE, 1 };
	/* the example of scipy's documentation: [[4, 1, 3], [2, 0, 5], [3, 2, 2]] -> [1, 0, 2], 5 */
	static const double d[] = { 4, 1, 3, 2, 0, 5, 3, 2, 2 };
	static const size_t d_col[] = { 1, 0, 2 };
	/* a constant matrix: every assignment is optimal (scipy's is the identity, ours
	 * another one, always the same): total 4, a permutation */
	static const double e[16] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
	size_t got[4], i;
	unsigned seen = 0;
	double total = 0;
	check_assignment(a, 5, 5, a_col, -0.709);
	check_assignment(b, 4, 6, b_col, 4.141);
	check_assignment(c, 6, 4, c_col, 2.672);
	check_assignment(d, 3, 3, d_col, 5);
	ck_assert_status(cxm_linear_assignment(got, 4, &total, e, 16, 4), CXM_OK);
	ck_assert(total == 4.0);
	for (i = 0; i < 4; i++) {
		ck_assert(got[i] < 4 && !(seen & (1u << got[i])));
		seen |= 1u << got[i];
	}
}
END_TEST

/* cost (i * 37 + j * 91 + i * j * 13) % 101: many ties, so only the total is
 * unique; scipy 1.10.1 linear_sum_assignment on it gives 29 (60 x 80), 73
 * (80 x 60) and 133 (64 x 64). */
START_TEST(test_assignment_scipy_totals)
{
	static const size_t shape[3][2] = { { 60, 80 }, { 80, 60 }, { 64, 64 } };
	static const double totals[3] = { 29, 73, 133 };
	size_t t;
	for (t = 0; t < 3; t++) {
		size_t r = shape[t][0], c = shape[t][1], i, j, n = 0;
		double *cost = malloc(r * c * sizeof *cost), total = 0.0;
		size_t *got = malloc(r * sizeof *got);
		unsigned char *used = calloc(c, 1);
		for (i = 0; i < r; i++)
			for (j = 0; j < c; j++)
				cost[i * c + j] = (double)((i * 37 + j * 91 + i * j * 13) % 101);
		ck_assert_status(cxm_linear_assignment(got, r, &total, cost, r * c, c), CXM_OK);
		ck_assert(total == totals[t]);
		for (i = 0; i < r; i++) {
			if (got[i] == NONE)
				continue;
			ck_assert(got[i] < c && !used[got[i]]);
			used[got[i]] = 1;
			n++;
		}
		ck_assert_uint_eq(n, r < c ? r : c);
		free(cost);
		free(got);
		free(used);
	}
}
END_TEST

/* the least total over every injective map of the smaller side into the larger, by recursion */
static double brute(const double *cost, size_t rows, size_t cols, size_t i, unsigned used, size_t assigned)
{
	double best = INFINITY;
	size_t j;
	size_t need = rows < cols ? rows : cols;
	if (assigned == need)
		return 0.0;
	if (i == rows)
		return INFINITY;
	/* with more rows than columns a row may stay unassigned, as long as enough rows are left */
	if (rows - i - 1 >= need - assigned)
		best = brute(cost, rows, cols, i + 1, used, assigned);
	for (j = 0; j < cols; j++)
		if (!(used & (1u << j))) {
			double v = cost[i * cols + j] + brute(cost, rows, cols, i + 1, used | (1u << j), assigned + 1);
			if (v < best)
				best = v;
		}
	return best;
}

START_TEST(test_assignment_brute_force)
{
	size_t trial;
	lcg_state = 12;
	for (trial = 0; trial < 300; trial++) {
		size_t rows = 1 + (size_t)(lcg_uniform() * 7), cols = 1 + (size_t)(lcg_uniform() * 7), i, n = 0;
		double cost[49], total, sum = 0.0, exp;
		size_t got[7];
		unsigned used = 0;
		int integer = trial % 3 == 0; /* a third with small whole costs: ties */
		for (i = 0; i < rows * cols; i++)
			cost[i] = integer ? floor(lcg_uniform() * 5) : lcg_uniform() * 200 - 100;
		ck_assert_status(cxm_linear_assignment(got, rows, &total, cost, rows * cols, cols), CXM_OK);
		for (i = 0; i < rows; i++) {
			if (got[i] == NONE)
				continue;
			ck_assert(got[i] < cols && !(used & (1u << got[i])));
			used |= 1u << got[i];
			sum += cost[i * cols + got[i]];
			n++;
		}
		ck_assert_uint_eq(n, rows < cols ? rows : cols);
		exp = brute(cost, rows, cols, 0, 0, 0);
		assert_abs(total, exp, 1e-9);
		assert_abs(sum, exp, 1e-9);
	}
}
END_TEST

START_TEST(test_assignment_errors)
{
	static const double cost[6] = { 1, 2, 3, 4, 5, 6 };
	double bad[6] = { 1, 2, 3, 4, 5, 6 }, total = -1;
	size_t out[3];
	ck_assert_status(cxm_linear_assignment(NULL, 2, NULL, cost, 6, 3), CXM_EBAD_ARG);
	ck_assert_status(cxm_linear_assignment(out, 3, NULL, NULL, 6, 3), CXM_EBAD_ARG);
	ck_assert_status(cxm_linear_assignment(out, 3, NULL, cost, 6, 4), CXM_EBAD_ARG);
	assert_message_has("not a multiple");
	ck_assert_status(cxm_linear_assignment(out, 3, NULL, cost, 6, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_linear_assignment(out, 1, NULL, cost, 6, 3), CXM_EBAD_ARG);
	assert_message_has("n_assignment = 1");
	bad[5] = NAN;
	ck_assert_status(cxm_linear_assignment(out, 3, NULL, bad, 6, 3), CXM_ENAN);
	assert_message_has("row 2, column 3");
	bad[5] = -INFINITY;
	ck_assert_status(cxm_linear_assignment(out, 3, NULL, bad, 6, 3), CXM_EOUT_OF_RANGE);
	assert_message_has("row 2, column 3");
	/* empty: nothing to assign */
	ck_assert_status(cxm_linear_assignment(NULL, 0, &total, NULL, 0, 0), CXM_OK);
	ck_assert(total == 0.0);
	ck_assert_status(cxm_linear_assignment(out, 3, &total, NULL, 0, 4), CXM_OK);
	/* one row: the cheapest column; total optional */
	ck_assert_status(cxm_linear_assignment(out, 1, NULL, cost + 3, 3, 3), CXM_OK);
	ck_assert_uint_eq(out[0], 0);
}
END_TEST

START_TEST(test_assignment_oom)
{
	static const double cost[6] = { 5, 1, 3, 2, 4, 6 }; /* 3 x 2: transposed */
	size_t out[3];
	long k;
	int rc;
	for (k = 0;; k++) {
		oom_arm(k);
		rc = cxm_linear_assignment(out, 3, NULL, cost, 6, 2);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			ck_assert(out[0] == 1 && out[1] == 0 && out[2] == NONE);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		oom_assert_no_leak(k);
	}
	oom_disarm();
}
END_TEST

/* ---- Cronbach's alpha, Feldt's interval ------------------------------------------------------- */

START_TEST(test_cronbach_alpha)
{
	/* Worked by hand: 4 respondents x 3 items (rows 4 5 4 / 3 4 3 / 5 5 5 / 2 3 2,
	 * the example of calkulon.com's Cronbach's alpha guide). Item variances
	 * (n - 1): 5/3, 11/12, 5/3, sum 51/12 = 4.25; row sums 13, 10, 15, 7 with
	 * mean 11.25 and variance 36.75 / 3 = 12.25; alpha = 3/2 (1 - 4.25 / 12.25) = 48/49. */
	static const double hand[] = { 4, 5, 4, 3, 4, 3, 5, 5, 5, 2, 3, 2 };
	/* numpy: k/(k-1) * (1 - X.var(0, ddof=1).sum() / X.sum(1).var(ddof=1)) on this 10 x 4 X */
	static const double x[] = { 3, 4, 3, 5, 2, 2, 3, 2, 5, 4, 5, 5, 4, 4, 3, 4, 1, 2, 2, 1,
				    3, 3, 4, 3, 4, 5, 4, 4, 2, 3, 2, 3, 5, 5, 4, 5, 3, 2, 3, 3 };
	double a = NAN, lo, hi;
	ck_assert_status(cxm_cronbach_alpha(&a, hand, N_OF(hand), 3), CXM_OK);
	assert_rel(a, 48.0 / 49.0, 1e-14);
	ck_assert_status(cxm_cronbach_alpha(&a, x, N_OF(x), 4), CXM_OK);
	assert_rel(a, 0.92652745552977556, 1e-14);
	/* Feldt: 1 - (1 - a) scipy.stats.f.ppf(0.975 / 0.025, 9, 27) */
	cxm__feldt_interval(&lo, &hi, a, 10, 4, 0.95);
	assert_rel(lo, 0.806704345821603, 1e-12);
	assert_rel(hi, 0.97950243474975618, 1e-12);
	/* alpha 0.85 of 89 respondents x 7 items (the example of R statpsych's ci.cronbach,
	 * which takes n (k - 1) degrees of freedom and prints 0.7971254, 0.8931436; with
	 * Feldt's (n - 1)(k - 1) scipy gives these): */
	cxm__feldt_interval(&lo, &hi, 0.85, 89, 7, 0.95);
	assert_rel(lo, 0.79706487903491019, 1e-12);
	assert_rel(hi, 0.89316659373707918, 1e-12);
	cxm__feldt_interval(&lo, &hi, NAN, 89, 7, 0.95);
	ck_assert(isnan(lo) && isnan(hi));
	cxm__feldt_interval(&lo, &hi, 0.5, 1, 7, 0.95);
	ck_assert(isnan(lo) && isnan(hi));
}
END_TEST

START_TEST(test_cronbach_alpha_errors)
{
	double x[] = { 1, 2, 3, 4, 5, 6 }, a = -7;
	static const double flat[] = { 1, 2, 2, 1, 1, 2 }; /* row sums 3, 3, 3 */
	ck_assert_status(cxm_cronbach_alpha(NULL, x, 6, 2), CXM_EBAD_ARG);
	ck_assert_status(cxm_cronbach_alpha(&a, NULL, 6, 2), CXM_EBAD_ARG);
	ck_assert_status(cxm_cronbach_alpha(&a, x, 6, 1), CXM_EBAD_ARG);
	ck_assert_status(cxm_cronbach_alpha(&a, x, 6, 4), CXM_EBAD_ARG);
	assert_message_has("n_items = 4");
	ck_assert_status(cxm_cronbach_alpha(&a, x, 3, 3), CXM_ETOO_FEW);
	ck_assert_status(cxm_cronbach_alpha(&a, x, 0, 3), CXM_ETOO_FEW);
	x[3] = NAN;
	ck_assert_status(cxm_cronbach_alpha(&a, x, 6, 2), CXM_ENAN);
	assert_message_has("row 2, item 2");
	x[3] = INFINITY;
	ck_assert_status(cxm_cronbach_alpha(&a, x, 6, 2), CXM_EOUT_OF_RANGE);
	ck_assert_status(cxm_cronbach_alpha(&a, flat, 6, 2), CXM_EINCONSISTENT);
	ck_assert(a == -7); /* untouched on failure */
}
END_TEST

/* ---- cxm_pps_score -------------------------------------------------------------------------------- */

/* Eight respondents on 1..7; credibility_3_r is reverse-keyed (8 - answer).
 * Expected values: numpy over the complete rows of each construct (recipe in
 * the comments of test_pps_score), Feldt via scipy.stats.f.ppf. */
static cxm_table *pps_table(void)
{
	static const double cred1[] = { 6, 5, 7, 3, 4, NAN, 6, 2 };
	static const double cred2[] = { 7, 5, 6, 3, 5, 4, 6, 1 };
	static const double cred3r[] = { 2, 3, 1, 5, 4, 3, NAN, 7 };
	static const double emp1[] = { 5, 4, 6, 2, NAN, 3, 5, NAN };
	static const double emp2[] = { 6, 4, 7, 3, NAN, 3, 4, 2 };
	static const double clar[] = { 7, 6, NAN, 4, 5, 5, 6, 3 };
	static const double age[] = { 30, 41, 25, 60, 33, 47, 52, 38 };
	static const char *const who[] = { "a", "b", "c", "d", "e", "f", "g", "h" };
	cxm_table *t = NULL;
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "respondent", who, 8), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "Credibility_1", cred1, 8), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "credibility_2", cred2, 8), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "credibility_3_r", cred3r, 8), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "empathy1", emp1, 8), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "empathy2", emp2, 8), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "clarity", clar, 8), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "age", age, 8), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "credible", age, 8), CXM_OK); /* not an item */
	return t;
}

static size_t col(const cxm_table *t, const char *name)
{
	size_t i;
	ck_assert_status(cxm_table_column_index(&i, t, name), CXM_OK);
	return i;
}

static double num(const cxm_table *t, const char *name, size_t row)
{
	return cxm_table_numbers(t, col(t, name))[row];
}

static void check_pps(const cxm_table *out, const cxm_table *resp)
{
	/* rows in construct order: credibility, clarity, empathy */
	const char *const *names = cxm_table_texts(out, col(out, "construct"));
	ck_assert_uint_eq(cxm_table_rows(out), 3);
	ck_assert_str_eq(cxm_table_row_name(out), "constructs");
	ck_assert_str_eq(names[0], "credibility");
	ck_assert_str_eq(names[1], "clarity");
	ck_assert_str_eq(names[2], "empathy");
	/* credibility: complete rows 1-5 and 8 (6 respondents); construct means
	 * M.mean(1) of the reversed items; means.mean(), means.std(ddof=1); alpha as above */
	ck_assert(num(out, "items", 0) == 3 && num(out, "respondents", 0) == 6);
	assert_rel(num(out, "mean", 0), 4.4444444444444438, 1e-14);
	assert_rel(num(out, "sd", 0), 2.0294133434366, 1e-13);
	assert_rel(num(out, "alpha", 0), 0.97931654676258995, 1e-13);
	assert_rel(num(out, "alpha_lower", 0), 0.91238312017235745, 1e-12);
	assert_rel(num(out, "alpha_upper", 0), 0.99687521211898422, 1e-12);
	/* clarity: one item, 7 answers: alpha undefined */
	ck_assert(num(out, "items", 1) == 1 && num(out, "respondents", 1) == 7);
	assert_rel(num(out, "mean", 1), 5.1428571428571432, 1e-14);
	assert_rel(num(out, "sd", 1), 1.3451854182690985, 1e-13);
	ck_assert(isnan(num(out, "alpha", 1)) && isnan(num(out, "alpha_lower", 1)) && isnan(num(out, "alpha_upper", 1)));
	/* empathy: 2 items, 6 complete rows */
	ck_assert(num(out, "items", 2) == 2 && num(out, "respondents", 2) == 6);
	assert_rel(num(out, "mean", 2), 4.333333333333333, 1e-14);
	assert_rel(num(out, "sd", 2), 1.505545305418162, 1e-13);
	assert_rel(num(out, "alpha", 2), 0.92647058823529393, 1e-13);
	assert_rel(num(out, "alpha_lower", 2), 0.47453074788729044, 1e-12);
	assert_rel(num(out, "alpha_upper", 2), 0.9897109595419219, 1e-12);
	if (resp) {
		/* per respondent: np.nanmean of the construct's (reversed) items */
		static const double cred[] = { 19.0 / 3, 5, 20.0 / 3, 3, 13.0 / 3, 4.5, 6, 4.0 / 3 };
		static const double emp[] = { 5.5, 4, 6.5, 2.5, NAN, 3, 4.5, 2 };
		size_t i;
		ck_assert_uint_eq(cxm_table_rows(resp), 8);
		ck_assert_uint_eq(cxm_table_column_count(resp), 3);
		ck_assert_str_eq(cxm_table_column_name(resp, 0), "credibility");
		for (i = 0; i < 8; i++) {
			assert_rel(num(resp, "credibility", i), cred[i], 1e-15);
			if (isnan(emp[i]))
				ck_assert(isnan(num(resp, "empathy", i)));
			else
				assert_rel(num(resp, "empathy", i), emp[i], 1e-15);
		}
		ck_assert(isnan(num(resp, "clarity", 2)));
	}
}

START_TEST(test_pps_score)
{
	cxm_table *t = pps_table(), *out = NULL, *resp = NULL;
	double x;
	ck_assert_status(cxm_pps_score(&out, &resp, t, 1, 7), CXM_OK);
	check_pps(out, resp);
	ck_assert_status(cxm_table_get_attr_number(&x, out, "scale_hi"), CXM_OK);
	ck_assert(x == 7);
	cxm_table_free(out);
	cxm_table_free(resp);
	ck_assert_status(cxm_pps_score(&out, NULL, t, 1, 7), CXM_OK);
	check_pps(out, NULL);
	cxm_table_free(out);
	cxm_table_free(t);
}
END_TEST

START_TEST(test_pps_errors)
{
	cxm_table *t = pps_table(), *out = (cxm_table *)1, *bad = NULL;
	static const double off[] = { 1, 8 }, half[] = { 1, 2.5 }, ok[] = { 1, 2 };
	static const char *const txt[] = { "x", "y" };
	ck_assert_status(cxm_pps_score(NULL, NULL, t, 1, 7), CXM_EBAD_ARG);
	ck_assert_status(cxm_pps_score(&out, NULL, NULL, 1, 7), CXM_EBAD_ARG);
	ck_assert(out == NULL);
	ck_assert_status(cxm_pps_score(&out, NULL, t, 7, 7), CXM_EBAD_ARG);
	/* on 1..5 the 7s are off the scale: row 1 of Credibility_1 is 6 */
	ck_assert_status(cxm_pps_score(&out, NULL, t, 1, 5), CXM_EOUT_OF_RANGE);
	assert_message_has("row 1, column 'Credibility_1': 6");
	cxm_table_free(t);

	ck_assert_status(cxm_table_new(&bad), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(bad, "empathy_1", ok, 2), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(bad, "empathy_2", off, 2), CXM_OK);
	ck_assert_status(cxm_pps_score(&out, NULL, bad, 1, 7), CXM_EOUT_OF_RANGE);
	assert_message_has("row 2, column 'empathy_2': 8");
	cxm_table_free(bad);

	ck_assert_status(cxm_table_new(&bad), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(bad, "empathy_1", half, 2), CXM_OK);
	ck_assert_status(cxm_pps_score(&out, NULL, bad, 1, 7), CXM_EOUT_OF_RANGE);
	assert_message_has("not a whole answer");
	cxm_table_free(bad);

	ck_assert_status(cxm_table_new(&bad), CXM_OK);
	ck_assert_status(cxm_table_add_texts(bad, "likability_1", txt, 2), CXM_OK);
	ck_assert_status(cxm_pps_score(&out, NULL, bad, 1, 7), CXM_EBAD_ARG);
	assert_message_has("likability_1");
	cxm_table_free(bad);

	ck_assert_status(cxm_table_new(&bad), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(bad, "score", ok, 2), CXM_OK);
	ck_assert_status(cxm_pps_score(&out, NULL, bad, 1, 7), CXM_EEMPTY);
	cxm_table_free(bad);

	ck_assert_status(cxm_table_new(&bad), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(bad, "similarity_1", NULL, 0), CXM_OK);
	ck_assert_status(cxm_pps_score(&out, NULL, bad, 1, 7), CXM_EEMPTY);
	cxm_table_free(bad);
}
END_TEST

START_TEST(test_pps_oom)
{
	cxm_table *t = pps_table(), *out = NULL, *resp = NULL;
	long k;
	int rc;
	for (k = 0;; k++) {
		oom_arm(k);
		rc = cxm_pps_score(&out, &resp, t, 1, 7);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			check_pps(out, resp); /* reads only */
			cxm_table_free(out);
			cxm_table_free(resp);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		ck_assert(out == NULL && resp == NULL);
		oom_assert_no_leak(k);
	}
	oom_disarm();
	cxm_table_free(t);
}
END_TEST

/* ---- cxm_persona_match ---------------------------------------------------------------------- */

/* Persona sets built through the internal API, as the build and the JSON reader fill them. */
static cxm_persona_set *new_set(size_t n)
{
	cxm_persona_set *s = NULL;
	size_t i;
	ck_assert_int_eq(cxm__persona_set_new(&s), CXM_OK);
	s->personas = CXM__PERSONA_NEW(s, cxm__persona, n);
	s->n_personas = n;
	for (i = 0; i < n; i++) {
		char id[16];
		cxm__persona *p = &s->personas[i];
		cxm__persona_init(p);
		snprintf(id, sizeof id, "P%zu", i + 1);
		p->id = cxm__persona_strdup(s, id);
		p->segment = p->id;
		p->size = 100.0 + 10.0 * (double)i;
		p->share = 10.0 + (double)i;
	}
	return s;
}

static void set_name(cxm_persona_set *s, size_t i, const char *name)
{
	s->personas[i].name = cxm__persona_strdup(s, name);
}

/* demographics: Income (numeric, population sd `sd`), City (levels, shares) */
static void set_profile(cxm_persona_set *s, size_t i, double income, double sd, const char *const *levels,
			const double *shares, size_t n_levels)
{
	cxm__persona *p = &s->personas[i];
	cxm__attribute *a = CXM__PERSONA_NEW(s, cxm__attribute, 2);
	size_t l;
	p->demographics = a;
	p->n_demographics = 2;
	a[0].name = cxm__persona_strdup(s, "Income");
	a[0].role = cxm__persona_strdup(s, "attribute");
	a[0].n = 100;
	a[0].mean = income;
	a[0].population_mean = 50;
	a[0].population_sd = sd;
	a[0].sd = a[0].median = a[0].p25 = a[0].p75 = a[0].population_median = NAN;
	a[1].name = cxm__persona_strdup(s, "City");
	a[1].role = cxm__persona_strdup(s, "location");
	a[1].categorical = 1;
	a[1].n = 100;
	a[1].mean = a[1].sd = a[1].median = a[1].p25 = a[1].p75 = NAN;
	a[1].population_mean = a[1].population_sd = a[1].population_median = NAN;
	a[1].levels = CXM__PERSONA_NEW(s, cxm__cell, n_levels);
	a[1].n_levels = n_levels;
	for (l = 0; l < n_levels; l++) {
		cxm__cell *c = &a[1].levels[l];
		c->level = cxm__persona_strdup(s, levels[l]);
		c->share = shares[l];
		c->count = shares[l];
		c->population_share = c->population_count = NAN;
		if (isnan(shares[l]))
			c->withheld = CXM__WITHHELD_SMALL;
	}
}

static const char *text_at(const cxm_table *t, const char *name, size_t row)
{
	return cxm_table_texts(t, col(t, name))[row];
}

START_TEST(test_match_hand)
{
	/* previous P1: Income 50, City Lyon 60 Paris 40; P2: Income 80, Paris 100.
	 * current P1 "Ana": Income 56, Lyon 50 Paris 30 Nice 20; P2: Income 79, Paris 95 Nice 5.
	 * Both populations' sd 10, so s = 10. Coordinates in the order first seen:
	 * Income, Lyon, Paris, Nice. Current P1 vs previous P1: (0.6, -0.1, -0.1, 0.2),
	 * distance sqrt(0.36 + 0.01 + 0.01 + 0.04) = sqrt(0.42). */
	static const char *const lp[] = { "Lyon", "Paris" }, *const pp[] = { "Paris" };
	static const char *const lc[] = { "Lyon", "Paris", "Nice" }, *const pc[] = { "Paris", "Nice" };
	static const double sp1[] = { 60, 40 }, sp2[] = { 100 }, sc1[] = { 50, 30, 20 }, sc2[] = { 95, 5 };
	cxm_persona_set *prev = new_set(2), *cur = new_set(2);
	cxm_table *m = NULL;
	double x;
	set_profile(prev, 0, 50, 10, lp, sp1, 2);
	set_profile(prev, 1, 80, 10, pp, sp2, 1);
	set_profile(cur, 1, 56, 10, lc, sc1, 3); /* listed second: the pairing, not the order, decides */
	set_profile(cur, 0, 79, 10, pc, sc2, 2);
	set_name(prev, 0, "Anne");
	set_name(cur, 1, "Ana");
	ck_assert_status(cxm_persona_match(&m, prev, cur), CXM_OK);
	ck_assert_str_eq(cxm_table_row_name(m), "matches");
	ck_assert_uint_eq(cxm_table_rows(m), 2);
	ck_assert_status(cxm_table_get_attr_number(&x, m, "coordinates"), CXM_OK);
	ck_assert(x == 4);
	/* current P1 (79, Paris 95 Nice 5) pairs with previous P2; current P2 with previous P1 */
	ck_assert_str_eq(text_at(m, "persona", 0), "P1");
	ck_assert_str_eq(text_at(m, "previous", 0), "P2");
	ck_assert_str_eq(text_at(m, "status", 0), "matched");
	ck_assert_str_eq(text_at(m, "persona", 1), "P2");
	ck_assert_str_eq(text_at(m, "name", 1), "Ana");
	ck_assert_str_eq(text_at(m, "previous", 1), "P1");
	ck_assert_str_eq(text_at(m, "previous_name", 1), "Anne");
	assert_rel(num(m, "distance", 1), sqrt(0.42), 1e-15);
	/* current P1 vs previous P2: (-0.1, 0, -0.05, 0.05): sqrt(0.01 + 0.0025 + 0.0025) */
	assert_rel(num(m, "distance", 0), sqrt(0.015), 1e-14);
	/* sizes 100 + 10 i and shares 10 + i on both sides */
	ck_assert(num(m, "size_change", 1) == 110.0 - 100.0 && num(m, "share_change", 1) == 1.0);
	ck_assert(num(m, "size_change", 0) == -10.0 && num(m, "share_change", 0) == -1.0);
	/* the three largest changes: Income 0.6, Nice 0.2, then Lyon and Paris tie at 0.1 (Lyon first) */
	ck_assert_str_eq(text_at(m, "changes", 1),
			 "Income mean 50 -> 56; City=Nice share 0% -> 20%; City=Lyon share 60% -> 50%");
	ck_assert_str_eq(text_at(m, "changes", 0),
			 "Income mean 80 -> 79; City=Paris share 100% -> 95%; City=Nice share 0% -> 5.0%");
	cxm_table_free(m);
	/* a set against itself: each persona is its own pair, at distance 0, nothing changed */
	ck_assert_status(cxm_persona_match(&m, cur, cur), CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(m), 2);
	ck_assert_str_eq(text_at(m, "previous", 0), "P1");
	ck_assert_str_eq(text_at(m, "previous", 1), "P2");
	ck_assert(num(m, "distance", 0) == 0.0 && num(m, "distance", 1) == 0.0);
	ck_assert_str_eq(text_at(m, "changes", 1), "");
	cxm_table_free(m);
	cxm_persona_set_free(prev);
	cxm_persona_set_free(cur);
}
END_TEST

START_TEST(test_match_withheld_and_scale)
{
	/* previous P1: Income 50, Lyon 60, Paris 40. Current P1: Income 56, Lyon
	 * withheld, Paris 30, Nice 20; current P2 (Income 90, Lyon 10, Paris 90)
	 * shows Lyon, so it stays a coordinate: P1 vs P1 uses Income, Paris, Nice
	 * of K = 4: sqrt(4/3 (0.36 + 0.01 + 0.04)). */
	static const char *const lp[] = { "Lyon", "Paris" }, *const lc[] = { "Lyon", "Paris", "Nice" };
	static const double sp[] = { 60, 40 }, sc[] = { NAN, 30, 20 }, sc2[] = { 10, 90 };
	cxm_persona_set *prev = new_set(1), *cur = new_set(2);
	cxm_table *m = NULL;
	double x;
	set_profile(prev, 0, 50, 10, lp, sp, 2);
	set_profile(cur, 0, 56, 10, lc, sc, 3);
	set_profile(cur, 1, 90, 10, lp, sc2, 2);
	ck_assert_status(cxm_persona_match(&m, prev, cur), CXM_OK);
	ck_assert_str_eq(text_at(m, "previous", 0), "P1");
	ck_assert_str_eq(text_at(m, "status", 1), "new");
	assert_rel(num(m, "distance", 0), sqrt(4.0 / 3.0 * 0.41), 1e-15);
	/* withheld in every current persona, Lyon says nothing: K = 3 */
	cur->personas[1].demographics[1].levels[0].share = NAN;
	cur->personas[1].demographics[1].levels[0].withheld = CXM__WITHHELD_POPULATION;
	cxm_table_free(m);
	ck_assert_status(cxm_persona_match(&m, prev, cur), CXM_OK);
	ck_assert_status(cxm_table_get_attr_number(&x, m, "coordinates"), CXM_OK);
	ck_assert(x == 3);
	assert_rel(num(m, "distance", 0), sqrt(0.41), 1e-15);
	cxm_table_free(m);
	/* Lyon shown again (50); the populations' sds 10 and 20 pool to
	 * s = sqrt((100 + 400) / 2) = sqrt(250) */
	cur->personas[0].demographics[0].population_sd = 20;
	cur->personas[1].demographics[0].population_sd = 20;
	cur->personas[0].demographics[1].levels[0].share = 50;
	cur->personas[0].demographics[1].levels[0].withheld = 0;
	ck_assert_status(cxm_persona_match(&m, prev, cur), CXM_OK);
	assert_rel(num(m, "distance", 0), sqrt(36.0 / 250.0 + 0.06), 1e-15);
	cxm_table_free(m);
	/* the numeric attribute withheld in current P1: Lyon 0.1, Paris 0.1, Nice 0.2 of K = 4 */
	cur->personas[0].demographics[0].withheld = 1;
	cur->personas[0].demographics[0].mean = NAN;
	ck_assert_status(cxm_persona_match(&m, prev, cur), CXM_OK);
	assert_rel(num(m, "distance", 0), sqrt(4.0 / 3.0 * 0.06), 1e-15);
	cxm_table_free(m);
	cxm_persona_set_free(prev);
	cxm_persona_set_free(cur);
}
END_TEST

START_TEST(test_match_new_gone_suppressed)
{
	static const char *const lv[] = { "Lyon", "Paris" };
	static const double a[] = { 90, 10 }, b[] = { 10, 90 }, c[] = { 50, 50 };
	cxm_persona_set *prev = new_set(2), *cur = new_set(4);
	cxm_table *m = NULL;
	/* previous: P1 (20, Lyon), P2 (80, Paris). current: P1 suppressed, P2 ~ previous P2,
	 * P3 ~ previous P1, P4 in between: the assignment leaves P4 new. */
	set_profile(prev, 0, 20, 10, lv, a, 2);
	set_profile(prev, 1, 80, 10, lv, b, 2);
	cur->personas[0].suppressed = 1;
	cur->personas[0].size = cur->personas[0].share = NAN;
	set_profile(cur, 1, 78, 10, lv, b, 2);
	set_profile(cur, 2, 21, 10, lv, a, 2);
	set_profile(cur, 3, 50, 10, lv, c, 2);
	ck_assert_status(cxm_persona_match(&m, prev, cur), CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(m), 4);
	ck_assert_str_eq(text_at(m, "status", 0), "suppressed");
	ck_assert(isnan(num(m, "distance", 0)) && isnan(num(m, "size_change", 0)));
	ck_assert_str_eq(text_at(m, "status", 1), "matched");
	ck_assert_str_eq(text_at(m, "previous", 1), "P2");
	ck_assert_str_eq(text_at(m, "status", 2), "matched");
	ck_assert_str_eq(text_at(m, "previous", 2), "P1");
	ck_assert_str_eq(text_at(m, "status", 3), "new");
	ck_assert_str_eq(text_at(m, "previous", 3), "");
	ck_assert_str_eq(text_at(m, "changes", 3), "");
	ck_assert(isnan(num(m, "share_change", 3)));
	cxm_table_free(m);

	/* the other way round: previous P4 (in between) is gone */
	ck_assert_status(cxm_persona_match(&m, cur, prev), CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(m), 3);
	ck_assert_str_eq(text_at(m, "previous", 0), "P3");
	ck_assert_str_eq(text_at(m, "previous", 1), "P2");
	ck_assert_str_eq(text_at(m, "persona", 2), "");
	ck_assert_str_eq(text_at(m, "previous", 2), "P4");
	ck_assert_str_eq(text_at(m, "status", 2), "gone");
	cxm_table_free(m);
	cxm_persona_set_free(prev);
	cxm_persona_set_free(cur);
}
END_TEST

/* Eight personas with seeded random profiles; the current set is them permuted
 * and perturbed (Income +-1 on a population sd of 15, shares +-2 points); the
 * match must give back the permutation. */
START_TEST(test_match_recovers_permutation)
{
	static const char *const lv[] = { "Lyon", "Paris", "Nice", "Lille" };
	static const size_t perm[8] = { 3, 0, 6, 5, 1, 7, 2, 4 }; /* current i is previous perm[i] */
	cxm_persona_set *prev = new_set(8), *cur = new_set(8);
	double income[8], share[8][4];
	cxm_table *m = NULL;
	size_t i, l, round;
	for (round = 0; round < 5; round++) {
		lcg_state = 1000 + round;
		for (i = 0; i < 8; i++) {
			double tot = 0.0;
			income[i] = 20 + 60 * lcg_uniform();
			for (l = 0; l < 4; l++)
				tot += share[i][l] = lcg_uniform();
			for (l = 0; l < 4; l++)
				share[i][l] *= 100.0 / tot;
			set_profile(prev, i, income[i], 15, lv, share[i], 4);
		}
		for (i = 0; i < 8; i++) {
			double s[4];
			for (l = 0; l < 4; l++)
				s[l] = share[perm[i]][l] + 4 * lcg_uniform() - 2;
			set_profile(cur, i, income[perm[i]] + 2 * lcg_uniform() - 1, 15, lv, s, 4);
		}
		ck_assert_status(cxm_persona_match(&m, prev, cur), CXM_OK);
		ck_assert_uint_eq(cxm_table_rows(m), 8);
		for (i = 0; i < 8; i++) {
			char id[8];
			snprintf(id, sizeof id, "P%zu", perm[i] + 1);
			ck_assert_str_eq(text_at(m, "status", i), "matched");
			ck_assert_str_eq(text_at(m, "previous", i), id);
		}
		cxm_table_free(m);
	}
	cxm_persona_set_free(prev);
	cxm_persona_set_free(cur);
}
END_TEST

static void set_interests(cxm_persona_set *s, size_t i, const char *const *items, const double *w, size_t n)
{
	cxm__persona *p = &s->personas[i];
	size_t k;
	p->interests = CXM__PERSONA_NEW(s, cxm__interest, n);
	p->n_interests = n;
	for (k = 0; k < n; k++) {
		p->interests[k].item = cxm__persona_strdup(s, items[k]);
		p->interests[k].weight = w[k];
	}
}

START_TEST(test_match_interests)
{
	/* behaviour personas: previous A {x .5, y .3, z .2}, B {x .1, y .1, w .8};
	 * current B' {w .7, x .15, y .15}, A' {x .45, y .35, z .2}.
	 * A' vs A over x, y, z, w: (-0.05, 0.05, 0, 0): sqrt(0.005). */
	static const char *const ia[] = { "x", "y", "z" }, *const ib[] = { "x", "y", "w" }, *const ib2[] = { "w", "x", "y" };
	static const double wa[] = { 0.5, 0.3, 0.2 }, wb[] = { 0.1, 0.1, 0.8 }, wb2[] = { 0.7, 0.15, 0.15 },
			    wa2[] = { 0.45, 0.35, 0.2 };
	cxm_persona_set *prev = new_set(2), *cur = new_set(2);
	cxm_table *m = NULL;
	set_interests(prev, 0, ia, wa, 3);
	set_interests(prev, 1, ib, wb, 3);
	set_interests(cur, 0, ib2, wb2, 3);
	set_interests(cur, 1, ia, wa2, 3);
	ck_assert_status(cxm_persona_match(&m, prev, cur), CXM_OK);
	ck_assert_str_eq(text_at(m, "previous", 0), "P2");
	ck_assert_str_eq(text_at(m, "previous", 1), "P1");
	assert_rel(num(m, "distance", 1), sqrt(0.005), 1e-14);
	/* B' vs B: w -0.1, then x and y +0.05 (the same bits: x, seen first, first) */
	ck_assert_str_eq(text_at(m, "changes", 0),
			 "interest w weight 80% -> 70%; interest x weight 10% -> 15%; interest y weight 10% -> 15%");
	cxm_table_free(m);
	cxm_persona_set_free(prev);
	cxm_persona_set_free(cur);
}
END_TEST

START_TEST(test_match_errors)
{
	static const char *const lv[] = { "Lyon" };
	static const double sh[] = { 100 };
	cxm_persona_set *prev = new_set(1), *cur = new_set(1), *none = new_set(1);
	cxm_table *m = (cxm_table *)1;
	set_profile(prev, 0, 50, 10, lv, sh, 1);
	set_profile(cur, 0, 50, 10, lv, sh, 1);
	none->personas[0].suppressed = 1;
	ck_assert_status(cxm_persona_match(NULL, prev, cur), CXM_EBAD_ARG);
	ck_assert_status(cxm_persona_match(&m, NULL, cur), CXM_EBAD_ARG);
	ck_assert(m == NULL);
	ck_assert_status(cxm_persona_match(&m, prev, NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_persona_match(&m, prev, none), CXM_EEMPTY);
	assert_message_has("current");
	ck_assert_status(cxm_persona_match(&m, none, cur), CXM_EEMPTY);
	assert_message_has("previous");
	{ /* personas with no profile at all */
		cxm_persona_set *bare = new_set(2);
		ck_assert_status(cxm_persona_match(&m, bare, bare), CXM_EINCONSISTENT);
		ck_assert(m == NULL);
		cxm_persona_set_free(bare);
	}
	/* nothing in common: the current set's attributes renamed */
	cur->personas[0].demographics[0].name = cxm__persona_strdup(cur, "Age");
	cur->personas[0].demographics[1].name = cxm__persona_strdup(cur, "Country");
	ck_assert_status(cxm_persona_match(&m, prev, cur), CXM_EINCONSISTENT);
	/* populations without spread leave the numeric attribute out: City alone counts */
	cur->personas[0].demographics[0].name = cxm__persona_strdup(cur, "Income");
	cur->personas[0].demographics[1].name = cxm__persona_strdup(cur, "City");
	cur->personas[0].demographics[0].mean = 70;
	prev->personas[0].demographics[0].population_sd = 0;
	cur->personas[0].demographics[0].population_sd = 0;
	ck_assert_status(cxm_persona_match(&m, prev, cur), CXM_OK);
	ck_assert(num(m, "distance", 0) == 0.0);
	cxm_table_free(m);
	cxm_persona_set_free(prev);
	cxm_persona_set_free(cur);
	cxm_persona_set_free(none);
}
END_TEST

START_TEST(test_match_oom)
{
	static const char *const lv[] = { "Lyon", "Paris", "Nice" };
	static const double a[] = { 60, 40, 0 }, b[] = { 10, 50, 40 };
	cxm_persona_set *prev = new_set(2), *cur = new_set(3);
	cxm_table *m = NULL;
	long k;
	int rc;
	set_profile(prev, 0, 40, 10, lv, a, 3);
	set_profile(prev, 1, 60, 10, lv, b, 3);
	set_profile(cur, 0, 61, 12, lv, b, 3);
	set_profile(cur, 1, 39, 12, lv, a, 2);
	set_profile(cur, 2, 50, 12, lv, b, 1);
	for (k = 0;; k++) {
		oom_arm(k);
		rc = cxm_persona_match(&m, prev, cur);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			ck_assert_uint_eq(cxm_table_rows(m), 3);
			ck_assert_str_eq(text_at(m, "previous", 0), "P2");
			ck_assert_str_eq(text_at(m, "previous", 1), "P1");
			ck_assert_str_eq(text_at(m, "status", 2), "new");
			cxm_table_free(m);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		ck_assert(m == NULL);
		oom_assert_no_leak(k);
	}
	oom_disarm();
	cxm_persona_set_free(prev);
	cxm_persona_set_free(cur);
}
END_TEST

static Suite *persona_match_suite(void)
{
	Suite *s = suite_create("persona_match");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_betainc_and_f_quantile);
	tcase_add_test(tc, test_assignment_scipy);
	tcase_add_test(tc, test_assignment_scipy_totals);
	tcase_add_test(tc, test_assignment_brute_force);
	tcase_add_test(tc, test_assignment_errors);
	tcase_add_test(tc, test_assignment_oom);
	tcase_add_test(tc, test_cronbach_alpha);
	tcase_add_test(tc, test_cronbach_alpha_errors);
	tcase_add_test(tc, test_pps_score);
	tcase_add_test(tc, test_pps_errors);
	tcase_add_test(tc, test_pps_oom);
	tcase_add_test(tc, test_match_hand);
	tcase_add_test(tc, test_match_withheld_and_scale);
	tcase_add_test(tc, test_match_new_gone_suppressed);
	tcase_add_test(tc, test_match_recovers_permutation);
	tcase_add_test(tc, test_match_interests);
	tcase_add_test(tc, test_match_errors);
	tcase_add_test(tc, test_match_oom);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(persona_match_suite)
