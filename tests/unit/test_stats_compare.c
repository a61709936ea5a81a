/*
 * tests/unit/test_stats_compare.c - two-sample tests, the t interval of a
 * mean and adjusted p-values (spec §17).
 *
 * The reference values were computed outside the library with scipy 1.10 and
 * mpmath 1.2 (Debian 12), by the commands quoted next to them; the published
 * examples are cited where used.
 */
#include "harness.h"
#include "oom.h"

START_TEST(test_two_proportion_scipy)
{
	cxm_test_result r = CXM_TEST_RESULT_INIT;
	/* chi2, p = scipy.stats.chi2_contingency([[45, 15], [30, 25]], correction=False)[:2];
	 * z = sqrt(chi2) (the pooled z test is the 2x2 chi-square test, z^2 = chi2);
	 * se = 100 sqrt(pa (1 - pa) / na + pb (1 - pb) / nb); bounds diff -+ norm.ppf(0.975) se */
	ck_assert_status(cxm_two_proportion_test(&r, 45, 60, 30, 55, 0.95), CXM_OK);
	ck_assert_close(r.diff, 20.45454545454546);
	ck_assert_close(r.se, 8.736640547378304);
	ck_assert_close(r.stat, 2.3005681116549535);
	ck_assert(isinf(r.df) && r.df > 0);
	ck_assert_close(r.p_value, 0.02141605522326675);
	ck_assert_close(r.lower, 3.331044635811679);
	ck_assert_close(r.upper, 37.57804627327924);
	/* the same for [[1, 999], [3, 897]]: the sign of a - b is kept */
	ck_assert_status(cxm_two_proportion_test(&r, 1, 1000, 3, 900, 0.95), CXM_OK);
	ck_assert_close(r.diff, -0.23333333333333336);
	ck_assert_close(r.se, 0.21657234414142906);
	ck_assert_close(r.stat, -1.1079640735085474);
	ck_assert_close(r.p_value, 0.2678773318956865);
	ck_assert_close(r.lower, -0.6578073278979485);
	ck_assert_close(r.upper, 0.1911406612312818);
	/* 10 of 10 against 0 of 10: pooled p = 1/2, z = 1 / sqrt(1/4 * 2/10) = sqrt(20);
	 * each sample has no spread, so the Wald interval is the point 100 */
	ck_assert_status(cxm_two_proportion_test(&r, 10, 10, 0, 10, 0.95), CXM_OK);
	ck_assert_close(r.stat, sqrt(20.0));
	ck_assert_close(r.p_value, 7.744216431044088e-06); /* scipy chi2_contingency, as above */
	ck_assert(r.se == 0.0 && r.lower == 100.0 && r.upper == 100.0);
}
END_TEST

START_TEST(test_two_proportion_edges)
{
	cxm_test_result r = CXM_TEST_RESULT_INIT;
	/* both samples all successes: no pooled spread, diff 0 -> stat 0, p 1 (spec §17.1) */
	ck_assert_status(cxm_two_proportion_test(&r, 5, 5, 8, 8, 0.95), CXM_OK);
	ck_assert(r.diff == 0.0 && r.stat == 0.0 && r.p_value == 1.0 && r.lower == 0.0 && r.upper == 0.0);
	ck_assert_status(cxm_two_proportion_test(&r, 0, 5, 0, 8, 0.95), CXM_OK);
	ck_assert(r.p_value == 1.0);
	ck_assert_status(cxm_two_proportion_test(&r, 0, 0, 1, 8, 0.95), CXM_EEMPTY);
	assert_message_has("sample a");
	ck_assert_status(cxm_two_proportion_test(&r, 1, 8, 0, 0, 0.95), CXM_EEMPTY);
	assert_message_has("sample b");
	ck_assert_status(cxm_two_proportion_test(&r, 9, 8, 1, 8, 0.95), CXM_EINCONSISTENT);
	assert_message_has("x_a = 9");
	ck_assert_status(cxm_two_proportion_test(&r, 1, 8, 1.5, 8, 0.95), CXM_EBAD_ARG);
	assert_message_has("x_b");
	ck_assert_status(cxm_two_proportion_test(&r, 1, -8, 1, 8, 0.95), CXM_EBAD_ARG);
	ck_assert_status(cxm_two_proportion_test(&r, 1, NAN, 1, 8, 0.95), CXM_EBAD_ARG);
	ck_assert_status(cxm_two_proportion_test(&r, 1, 8, 1, 8, 1.0), CXM_EBAD_ARG);
	assert_message_has("conf");
	ck_assert_status(cxm_two_proportion_test(&r, 1, 8, 1, 8, 0.0), CXM_EBAD_ARG);
	ck_assert_status(cxm_two_proportion_test(&r, 1, 8, 1, 8, NAN), CXM_EBAD_ARG);
	ck_assert_status(cxm_two_proportion_test(NULL, 1, 8, 1, 8, 0.95), CXM_EBAD_ARG);
	r.version = 2;
	ck_assert_status(cxm_two_proportion_test(&r, 1, 8, 1, 8, 0.95), CXM_EVERSION);
}
END_TEST

START_TEST(test_welch_scipy)
{
	cxm_test_result r = CXM_TEST_RESULT_INIT;
	/* t, p = scipy.stats.ttest_ind_from_stats(3.9, 1.1, 40, 3.5, 1.4, 55, equal_var=False);
	 * df = (va + vb)^2 / (va^2 / 39 + vb^2 / 54), va = 1.1^2 / 40, vb = 1.4^2 / 55;
	 * bounds 0.4 -+ t* se with t* the root of mpmath.betainc(df/2, 1/2, 0, df/(df+t^2),
	 * regularized=True) = 0.05 at 40 digits (scipy's t.ppf is 5.5e-11 low here) */
	ck_assert_status(cxm_welch_t_test(&r, 3.9, 1.1, 40, 3.5, 1.4, 55, 0.95), CXM_OK);
	ck_assert_close(r.diff, 0.4);
	ck_assert_close(r.stat, 1.558340012430816);
	ck_assert_close(r.p_value, 0.12257134250848359);
	ck_assert_close(r.df, 92.3998386536238);
	ck_assert_close(r.se, 0.2566833918202805);
	ck_assert_close(r.lower, -0.10976598112162805);
	ck_assert_close(r.upper, 0.9097659811216279);
	/* (7.2, 2.0, 12) against (6.1, 0.5, 7), as above */
	ck_assert_status(cxm_welch_t_test(&r, 7.2, 2.0, 12, 6.1, 0.5, 7, 0.95), CXM_OK);
	ck_assert_close(r.stat, 1.8107207618568244);
	ck_assert_close(r.p_value, 0.09298582214500652);
	ck_assert_close(r.df, 13.205496564647094);
	ck_assert_close(r.lower, -0.21033557472691045);
	ck_assert_close(r.upper, 2.4103355747269113);
}
END_TEST

START_TEST(test_welch_published)
{
	/* Wikipedia, "Welch's t-test", example 1: A1 and A2 of 15 values each give
	 * t = -2.46, df = 24.99, p = 0.021 (rounded there). Their means and SDs:
	 * A1 20.82, 2.8048936827317665; A2 22.986666666666665, 1.9526050974702152
	 * (numpy mean, std(ddof=1)); scipy.stats.ttest_ind(A1, A2, equal_var=False)
	 * gives t = -2.455356398286006, p = 0.021378001462866985. */
	cxm_test_result r = CXM_TEST_RESULT_INIT;
	ck_assert_status(cxm_welch_t_test(&r, 20.82, 2.8048936827317665, 15, 22.986666666666665,
					  1.9526050974702152, 15, 0.95),
			 CXM_OK);
	assert_abs(r.stat, -2.46, 0.005);
	assert_abs(r.df, 24.99, 0.005);
	assert_abs(r.p_value, 0.021, 0.0005);
	assert_rel(r.stat, -2.455356398286006, 1e-12);
	assert_rel(r.p_value, 0.021378001462866985, 1e-12);
}
END_TEST

START_TEST(test_welch_edges)
{
	cxm_test_result r = CXM_TEST_RESULT_INIT;
	/* no spread on either side (spec §17.2, as §1.6) */
	ck_assert_status(cxm_welch_t_test(&r, 4, 0, 5, 4, 0, 9, 0.95), CXM_OK);
	ck_assert(r.diff == 0.0 && r.stat == 0.0 && r.p_value == 1.0 && isnan(r.df));
	ck_assert(r.lower == 0.0 && r.upper == 0.0);
	ck_assert_status(cxm_welch_t_test(&r, 3, 0, 5, 4, 0, 9, 0.95), CXM_OK);
	ck_assert(r.diff == -1.0 && isinf(r.stat) && r.stat < 0 && r.p_value == 0.0);
	ck_assert(r.lower == -1.0 && r.upper == -1.0);
	/* one side without spread: df = n_b - 1 exactly, p from t with 8 df:
	 * scipy.stats.ttest_ind_from_stats(4, 0, 5, 3, 1.5, 9, equal_var=False) */
	ck_assert_status(cxm_welch_t_test(&r, 4, 0, 5, 3, 1.5, 9, 0.95), CXM_OK);
	ck_assert_close(r.df, 8.0);
	ck_assert_close(r.stat, 2.0);
	ck_assert_close(r.p_value, 0.08051623795726257);
	ck_assert_status(cxm_welch_t_test(&r, 4, 1, 0, 3, 1.5, 9, 0.95), CXM_EEMPTY);
	assert_message_has("n_a = 0");
	ck_assert_status(cxm_welch_t_test(&r, 4, 1, 5, 3, 1.5, 1, 0.95), CXM_ETOO_FEW);
	assert_message_has("n_b = 1");
	ck_assert_status(cxm_welch_t_test(&r, 4, 1, 5.5, 3, 1.5, 9, 0.95), CXM_EBAD_ARG);
	assert_message_has("n_a");
	ck_assert_status(cxm_welch_t_test(&r, 4, -1, 5, 3, 1.5, 9, 0.95), CXM_EBAD_ARG);
	assert_message_has("sd_a");
	ck_assert_status(cxm_welch_t_test(&r, 4, 1, 5, NAN, 1.5, 9, 0.95), CXM_EBAD_ARG);
	assert_message_has("mean_b");
	ck_assert_status(cxm_welch_t_test(&r, 4, 1, 5, 3, INFINITY, 9, 0.95), CXM_EBAD_ARG);
	ck_assert_status(cxm_welch_t_test(&r, 4, 1, 5, 3, 1.5, 9, 1.5), CXM_EBAD_ARG);
	assert_message_has("conf");
	ck_assert_status(cxm_welch_t_test(NULL, 4, 1, 5, 3, 1.5, 9, 0.95), CXM_EBAD_ARG);
}
END_TEST

START_TEST(test_mean_t_interval)
{
	cxm_interval iv = CXM_INTERVAL_INIT;
	/* scipy.stats.t.interval(0.9, 9, loc=3.2, scale=1.1 / sqrt(10)) */
	ck_assert_status(cxm_mean_t_interval(&iv, 3.2, 1.1, 10, 0.9), CXM_OK);
	ck_assert_close(iv.lower, 2.562350671695404);
	ck_assert_close(iv.upper, 3.8376493283045963);
	/* df 1: t = tan(0.475 pi) = 12.706204736174694 (mpmath), half 12.7062 * 1.1 / sqrt 2 */
	ck_assert_status(cxm_mean_t_interval(&iv, 3.2, 1.1, 2, 0.95), CXM_OK);
	ck_assert_close(iv.lower, 3.2 - 12.706204736174694 * 1.1 / sqrt(2.0));
	ck_assert_close(iv.upper, 3.2 + 12.706204736174694 * 1.1 / sqrt(2.0));
	ck_assert_status(cxm_mean_t_interval(&iv, 3.2, 0, 7, 0.95), CXM_OK);
	ck_assert(iv.lower == 3.2 && iv.upper == 3.2);
	ck_assert_status(cxm_mean_t_interval(&iv, 3.2, 1.1, 0, 0.95), CXM_EEMPTY);
	ck_assert_status(cxm_mean_t_interval(&iv, 3.2, 1.1, 1, 0.95), CXM_ETOO_FEW);
	ck_assert_status(cxm_mean_t_interval(&iv, 3.2, 1.1, 2.5, 0.95), CXM_EBAD_ARG);
	ck_assert_status(cxm_mean_t_interval(&iv, 3.2, -1, 5, 0.95), CXM_EBAD_ARG);
	ck_assert_status(cxm_mean_t_interval(&iv, NAN, 1, 5, 0.95), CXM_EBAD_ARG);
	ck_assert_status(cxm_mean_t_interval(&iv, 3.2, 1, 5, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_mean_t_interval(NULL, 3.2, 1, 5, 0.95), CXM_EBAD_ARG);
	iv.version = 0;
	ck_assert_status(cxm_mean_t_interval(&iv, 3.2, 1, 5, 0.95), CXM_EVERSION);
}
END_TEST

/* Benjamini & Hochberg (1995), section 4: 15 p-values of a study; at q = 0.05
 * the BH procedure rejects the 4 smallest, Holm's the 3 smallest. */
static const double bh95[] = { 0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344,
			       0.0459, 0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.000 };

START_TEST(test_p_adjust_published)
{
	/* Adjusted values by the definitions (spec §17.4-§17.5), worked by hand
	 * (and by a numpy brute force over all j: max_{j<=i} (m-j+1) p_(j);
	 * min_{j>=i} m p_(j) / j): */
	static const double bh[] = { 0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.06385714285714286,
				     0.06385714285714286, 0.0645, 0.0765, 0.486, 0.5811818181818182,
				     0.714875, 0.7532307692307694, 0.8132142857142857, 1.0 };
	static const double holm[] = { 0.0015, 0.0056, 0.0247, 0.114, 0.2211, 0.278, 0.278, 0.278,
				       0.3213, 1, 1, 1, 1, 1, 1 };
	double out[15];
	size_t i, rejected = 0;
	ck_assert_status(cxm_p_adjust(out, 15, bh95, 15, CXM_P_ADJUST_BH), CXM_OK);
	for (i = 0; i < 15; i++) {
		ck_assert_close(out[i], bh[i]);
		rejected += out[i] <= 0.05;
	}
	ck_assert_uint_eq(rejected, 4);
	ck_assert_status(cxm_p_adjust(out, 15, bh95, 15, CXM_P_ADJUST_HOLM), CXM_OK);
	for (i = 0, rejected = 0; i < 15; i++) {
		ck_assert_close(out[i], holm[i]);
		rejected += out[i] <= 0.05;
	}
	ck_assert_uint_eq(rejected, 3);
	/* Wikipedia, "Holm-Bonferroni method", example: 0.01, 0.04, 0.03, 0.005 at
	 * alpha 0.05 reject H1 and H4 only; adjusted 0.03, 0.06, 0.06, 0.02 by hand
	 * (0.005 x 4, 0.01 x 3, max(0.03 x 2, 0.04 x 1)) */
	{
		double p[] = { 0.01, 0.04, 0.03, 0.005 }, h[4], b[4];
		ck_assert_status(cxm_p_adjust(h, 4, p, 4, CXM_P_ADJUST_HOLM), CXM_OK);
		ck_assert_close(h[0], 0.03);
		ck_assert_close(h[1], 0.06);
		ck_assert_close(h[2], 0.06);
		ck_assert_close(h[3], 0.02);
		/* BH by hand: 0.005 x 4/1, 0.01 x 4/2, 0.03 x 4/3, 0.04 x 4/4 -> cummin from the top */
		ck_assert_status(cxm_p_adjust(b, 4, p, 4, CXM_P_ADJUST_BH), CXM_OK);
		ck_assert_close(b[0], 0.02);
		ck_assert_close(b[1], 0.04);
		ck_assert_close(b[2], 0.04);
		ck_assert_close(b[3], 0.02);
		/* in place, and none = unchanged */
		ck_assert_status(cxm_p_adjust(p, 4, p, 4, CXM_P_ADJUST_HOLM), CXM_OK);
		ck_assert(memcmp(p, h, sizeof h) == 0);
		ck_assert_status(cxm_p_adjust(b, 4, p, 4, CXM_P_ADJUST_NONE), CXM_OK);
		ck_assert(memcmp(p, b, sizeof b) == 0);
	}
}
END_TEST

START_TEST(test_p_adjust_nan_and_errors)
{
	/* NaN entries are not tests: they stay NaN and m counts the others, so
	 * the answer is the adjustment of the NaN-free values, put back in place */
	double p[] = { NAN, 0.01, 0.04, NAN, 0.03, 0.005 }, out[7], bad[] = { 0.5, 1.5 };
	ck_assert_status(cxm_p_adjust(out, 7, p, 6, CXM_P_ADJUST_HOLM), CXM_OK);
	ck_assert(isnan(out[0]) && isnan(out[3]));
	ck_assert_close(out[1], 0.03);
	ck_assert_close(out[2], 0.06);
	ck_assert_close(out[4], 0.06);
	ck_assert_close(out[5], 0.02);
	ck_assert_status(cxm_p_adjust(out, 7, p, 6, CXM_P_ADJUST_BH), CXM_OK);
	ck_assert(isnan(out[0]) && isnan(out[3]));
	ck_assert_close(out[1], 0.02);
	ck_assert_close(out[5], 0.02);
	/* nothing to adjust is no error */
	ck_assert_status(cxm_p_adjust(out, 1, p, 1, CXM_P_ADJUST_BH), CXM_OK);
	ck_assert(isnan(out[0]));
	ck_assert_status(cxm_p_adjust(NULL, 0, NULL, 0, CXM_P_ADJUST_HOLM), CXM_OK);
	/* ties share their adjusted value (R: cummax / cummin) */
	{
		double t[] = { 0.02, 0.02, 0.02 }, o[3];
		ck_assert_status(cxm_p_adjust(o, 3, t, 3, CXM_P_ADJUST_HOLM), CXM_OK);
		ck_assert_close(o[0], 0.06);
		ck_assert_close(o[2], 0.06);
		ck_assert_status(cxm_p_adjust(o, 3, t, 3, CXM_P_ADJUST_BH), CXM_OK);
		ck_assert_close(o[0], 0.02);
		ck_assert_close(o[1], 0.02);
	}
	ck_assert_status(cxm_p_adjust(out, 7, bad, 2, CXM_P_ADJUST_HOLM), CXM_EBAD_ARG);
	assert_message_has("p[1] = 1.5");
	ck_assert_status(cxm_p_adjust(out, 5, p, 6, CXM_P_ADJUST_HOLM), CXM_EBAD_ARG);
	assert_message_has("n_out = 5");
	ck_assert_status(cxm_p_adjust(out, 7, p, 6, 3), CXM_EBAD_ARG);
	assert_message_has("holm");
	ck_assert_status(cxm_p_adjust(out, 7, NULL, 6, CXM_P_ADJUST_HOLM), CXM_EBAD_ARG);
	ck_assert_status(cxm_p_adjust(NULL, 7, p, 6, CXM_P_ADJUST_HOLM), CXM_EBAD_ARG);
}
END_TEST

START_TEST(test_p_adjust_names)
{
	int v = -1;
	ck_assert_status(cxm_names_parse(&v, CXM_NAMES_P_ADJUST, "bh"), CXM_OK);
	ck_assert_int_eq(v, CXM_P_ADJUST_BH);
	ck_assert_str_eq(cxm_names_word(CXM_NAMES_P_ADJUST, CXM_P_ADJUST_HOLM), "holm");
	ck_assert_uint_eq(cxm_names_count(CXM_NAMES_P_ADJUST), 3);
	ck_assert_status(cxm_names_parse(&v, CXM_NAMES_P_ADJUST, "bonferroni"), CXM_EBAD_ARG);
	assert_message_has("none, holm or bh");
}
END_TEST

START_TEST(test_p_adjust_oom)
{
	double out[15];
	long k;
	int rc;
	for (k = 0;; k++) {
		oom_arm(k);
		rc = cxm_p_adjust(out, 15, bh95, 15, CXM_P_ADJUST_BH);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			ck_assert_close(out[3], 0.035625);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		oom_assert_no_leak(k);
	}
	oom_disarm();
}
END_TEST

static Suite *stats_compare_suite(void)
{
	Suite *s = suite_create("stats_compare");
	TCase *tc = tcase_create("stats_compare");
	tcase_add_test(tc, test_two_proportion_scipy);
	tcase_add_test(tc, test_two_proportion_edges);
	tcase_add_test(tc, test_welch_scipy);
	tcase_add_test(tc, test_welch_published);
	tcase_add_test(tc, test_welch_edges);
	tcase_add_test(tc, test_mean_t_interval);
	tcase_add_test(tc, test_p_adjust_published);
	tcase_add_test(tc, test_p_adjust_nan_and_errors);
	tcase_add_test(tc, test_p_adjust_names);
	tcase_add_test(tc, test_p_adjust_oom);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(stats_compare_suite)
