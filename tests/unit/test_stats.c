/* tests/unit/test_stats.c - quantiles, critical values, proportion intervals, Kish, rounding.
 * Expected values: the golden vectors (ids in comments) and spec §12's published checks. */
#include "harness.h"
#include "dist.h"

START_TEST(test_quantile7_published)
{
	double pandas[] = { 1, 2, 3, 4 };
	double dolphin[] = { 6, 47, 49, 15, 42, 41, 7, 39, 43, 40, 36 };
	double durations[] = { 10, 20, 30, 40, 100 };
	double q;
	/* pandas Series.quantile docs: 1.75 / 2.5 / 3.25 (q7_pandas_*) */
	ck_assert_status(cxm_quantile7(&q, pandas, 4, 0.25, CXM_NAN_ERROR), CXM_OK);
	ck_assert_close(q, 1.75);
	ck_assert_status(cxm_quantile7(&q, pandas, 4, 0.5, CXM_NAN_ERROR), CXM_OK);
	ck_assert_close(q, 2.5);
	ck_assert_status(cxm_quantile7(&q, pandas, 4, 0.75, CXM_NAN_ERROR), CXM_OK);
	ck_assert_close(q, 3.25);
	/* DolphinDB docs: 25.5 / 40 / 42.5 */
	ck_assert_status(cxm_quantile7(&q, dolphin, 11, 0.25, CXM_NAN_ERROR), CXM_OK);
	ck_assert_close(q, 25.5);
	ck_assert_status(cxm_quantile7(&q, dolphin, 11, 0.5, CXM_NAN_ERROR), CXM_OK);
	ck_assert_close(q, 40.0);
	ck_assert_status(cxm_quantile7(&q, dolphin, 11, 0.75, CXM_NAN_ERROR), CXM_OK);
	ck_assert_close(q, 42.5);
	/* spec §4: p90 of [10, 20, 30, 40, 100] = 0.4 * 40 + 0.6 * 100 (time_basic) */
	ck_assert_status(cxm_quantile7(&q, durations, 5, 0.9, CXM_NAN_ERROR), CXM_OK);
	ck_assert_close(q, 75.99999999999997);
	ck_assert(dolphin[0] == 6); /* the input is not sorted in place */
}
END_TEST

START_TEST(test_quantile7_errors)
{
	double x[] = { 3, NAN, 1 }, inf[] = { 1, INFINITY }, q = 0;
	ck_assert_status(cxm_quantile7(&q, x, 3, 0.5, CXM_NAN_ERROR), CXM_ENAN);
	ck_assert_status(cxm_quantile7(&q, x, 3, 1.0, CXM_NAN_OMIT), CXM_OK);
	ck_assert_close(q, 3.0);
	ck_assert_status(cxm_quantile7(&q, x + 1, 1, 0.5, CXM_NAN_OMIT), CXM_EEMPTY);
	ck_assert_status(cxm_quantile7(&q, x, 0, 0.5, CXM_NAN_ERROR), CXM_EEMPTY);
	ck_assert_status(cxm_quantile7(&q, inf, 2, 0.5, CXM_NAN_ERROR), CXM_EOUT_OF_RANGE);
	ck_assert_status(cxm_quantile7(&q, x, 3, 1.5, CXM_NAN_OMIT), CXM_EBAD_ARG);
	ck_assert_status(cxm_quantile7(&q, x, 3, NAN, CXM_NAN_OMIT), CXM_EBAD_ARG);
	ck_assert_status(cxm_quantile7(&q, x, 3, 0.5, 7), CXM_EBAD_ARG);
	ck_assert_status(cxm_quantile7(NULL, x, 3, 0.5, CXM_NAN_OMIT), CXM_EBAD_ARG);
	ck_assert_status(cxm_quantile7(&q, NULL, 3, 0.5, CXM_NAN_OMIT), CXM_EBAD_ARG);
}
END_TEST

START_TEST(test_critical_values)
{
	double v;
	ck_assert_status(cxm_z_crit(&v, 0.95), CXM_OK);
	ck_assert_close(v, 1.959963984540054); /* spec §0.6 */
	ck_assert_status(cxm_z_crit(&v, 0.99), CXM_OK);
	ck_assert_close(v, 2.5758293035489004);
	ck_assert_status(cxm_z_crit(&v, 1.0), CXM_EBAD_ARG);
	ck_assert_status(cxm_z_crit(&v, 0.0), CXM_EBAD_ARG);
	ck_assert_status(cxm_z_crit(NULL, 0.9), CXM_EBAD_ARG);
	ck_assert_status(cxm_t_crit(&v, 0.95, 5), CXM_OK);
	ck_assert_close(v, 2.570581835636314); /* nps_t_123: t with 5 df */
	ck_assert_status(cxm_t_crit(&v, 0.95, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_t_crit(&v, 0.95, 2.5), CXM_EBAD_ARG);
	ck_assert_status(cxm_t_crit(&v, 1.5, 3), CXM_EBAD_ARG);
	/* two-sided p: 2 Phi(-|z|) */
	ck_assert_close(cxm_p_two_sided(1.959963984540054), 0.05);
	ck_assert_close(cxm_p_two_sided(-3.0), 0.0026997960632601866);
	ck_assert(cxm_p_two_sided(INFINITY) == 0.0);
	ck_assert(cxm_p_two_sided(0.0) == 1.0);
}
END_TEST

/* Large df: above 5000 the t quantile is A&S 26.7.5's expansion (lib/core/dist.c),
 * below it the exact CDF; both against mpmath 1.3 at 40 digits:
 *   q = (1 + conf) / 2; findroot(betainc(v/2, 1/2, 0, v/(v+t^2), regularized=True)/2 - (1-q), 2)
 * The expansion within 5e-15 relative; the exact path within 1e-13 (its cos^2 series is
 * 6e-14 off at df 999, conf 0.99: inside spec §0.7's 1e-9, as before this change).
 * 999 is the last df of the exact path (the golden vectors' largest), 1000 the first of the
 * expansion. */
START_TEST(test_t_crit_large_df)
{
	static const double ref[][3] = {
		{ 0.90, 999.0, 1.6463803454275357546 },    { 0.95, 999.0, 1.9623414611334495975 },
		{ 0.99, 999.0, 2.5807596372676365285 },    { 0.90, 1000.0, 1.6463788172854648235 },
		{ 0.95, 1000.0, 1.9623390808264081039 },    { 0.99, 1000.0, 2.5807546980659507706 },
		{ 0.90, 4999.0, 1.6451584985826648729 },    { 0.95, 4999.0, 1.9604386466615245211 },
		{ 0.99, 4999.0, 2.5768131633989819503 },    { 0.90, 5000.0, 1.6451584375969715909 },
		{ 0.95, 5000.0, 1.9604385517065075384 },    { 0.99, 5000.0, 2.576812966556280814 },
		{ 0.90, 123457.0, 1.6448659695537656279 },  { 0.95, 123457.0, 1.9599832000895380175 },
		{ 0.99, 123457.0, 2.5758691280964017459 },  { 0.90, 10000000.0, 1.6448537793284017819 },
		{ 0.95, 10000000.0, 1.9599642217672051104 }, { 0.99, 10000000.0, 2.5758297952037486634 },
		{ 0.90, 7654.5, 1.6450527196032019387 },    { 0.95, 7654.5, 1.9602739512277652562 },
		{ 0.99, 7654.5, 2.5764717624943364345 },
	};
	size_t i;
	for (i = 0; i < sizeof ref / sizeof *ref; i++) {
		double v = cxm__t_crit_real(ref[i][0], ref[i][1]);
		double tol = (ref[i][1] >= 1000.0 ? 5e-15 : 1e-13) * ref[i][2];
		ck_assert_msg(fabs(v - ref[i][2]) <= tol, "conf %g df %g: %.17g, not %.17g", ref[i][0],
			      ref[i][1], v, ref[i][2]);
		if (ref[i][1] == floor(ref[i][1])) {
			ck_assert_status(cxm_t_crit(&v, ref[i][0], ref[i][1]), CXM_OK);
			ck_assert_msg(fabs(v - ref[i][2]) <= tol, "cxm_t_crit(%g, %g) = %.17g", ref[i][0],
				      ref[i][1], v);
		}
	}
}
END_TEST

START_TEST(test_round_half_away)
{
	/* round_* vectors and spec §0.5 */
	ck_assert(cxm_round_half_away(69.1588785046729) == 69.0);
	ck_assert(cxm_round_half_away(12.5) == 13.0);
	ck_assert(cxm_round_half_away(-12.5) == -13.0);
	ck_assert(cxm_round_half_away(0.5) == 1.0);
	ck_assert(cxm_round_half_away(-0.5) == -1.0);
	ck_assert(cxm_round_half_away(2.4999999999999996) == 2.0);
	ck_assert(cxm_round_half_away(0.49999999999999994) == 0.0);
	ck_assert(cxm_round_half_away(-45.45454545454545) == -45.0);
	ck_assert(isnan(cxm_round_half_away(NAN)));
}
END_TEST

START_TEST(test_wilson_published)
{
	cxm_interval w = CXM_INTERVAL_INIT;
	/* Newcombe (1998) Table I, to 4 dp; exact values from the wilson_newcombe_* vectors */
	ck_assert_status(cxm_wilson(&w, 81, 263, 0.95, CXM_Z_FROM_CONF), CXM_OK);
	ck_assert_close(w.lower, 0.2552885198782742);
	ck_assert_close(w.upper, 0.36620957698280004);
	ck_assert_status(cxm_wilson(&w, 0, 20, 0.95, CXM_Z_FROM_CONF), CXM_OK);
	ck_assert(w.lower == 0.0); /* exact end, as prop.test */
	ck_assert(fabs(w.upper - 0.1611) < 5e-5);
	ck_assert_status(cxm_wilson(&w, 1, 29, 0.95, CXM_Z_FROM_CONF), CXM_OK);
	ck_assert(fabs(w.lower - 0.0061) < 5e-5 && fabs(w.upper - 0.1718) < 5e-5);
	/* apache commons-math WilsonScoreIntervalTest: 50/500 at 90 % */
	ck_assert_status(cxm_wilson(&w, 50, 500, 0.9, CXM_Z_FROM_CONF), CXM_OK);
	ck_assert(fabs(w.lower - 0.08003919) < 1e-8 && fabs(w.upper - 0.1242664) < 1e-7);
	ck_assert_status(cxm_wilson(&w, 5, 5, 0.95, CXM_Z_FROM_CONF), CXM_OK);
	ck_assert(w.upper == 1.0);
}
END_TEST

START_TEST(test_adjusted_wald_published)
{
	cxm_interval w = CXM_INTERVAL_INIT;
	/* Tullis, measuringux.com: 4/5 at z = 1.96 -> 0.3596 .. 0.9796 (source rounds) */
	ck_assert_status(cxm_adjusted_wald(&w, 4, 5, 0.95, 1.96), CXM_OK);
	ck_assert_close(w.lower, 0.3596245776932015);
	ck_assert_close(w.upper, 0.9796805254555498);
	/* not clipped: 5/5 goes above 1 (task_success_5_of_5: 105.457...%) */
	ck_assert_status(cxm_adjusted_wald(&w, 5, 5, 0.95, CXM_Z_FROM_CONF), CXM_OK);
	ck_assert_close(w.upper, 1.0545723948496854);
}
END_TEST

START_TEST(test_interval_errors)
{
	cxm_interval w = CXM_INTERVAL_INIT;
	ck_assert_status(cxm_wilson(&w, 5, 4, 0.95, 0), CXM_EINCONSISTENT); /* wilson_x_gt_n */
	ck_assert_status(cxm_wilson(&w, 0, 0, 0.95, 0), CXM_EEMPTY);
	ck_assert_status(cxm_wilson(&w, 1.5, 4, 0.95, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_wilson(&w, -1, 4, 0.95, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_wilson(&w, 1, NAN, 0.95, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_wilson(&w, 1, 4, 1.95, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_wilson(&w, 1, 4, 0.95, -1.96), CXM_EBAD_ARG);
	ck_assert_status(cxm_wilson(&w, 1, 4, 0.95, INFINITY), CXM_EBAD_ARG);
	ck_assert_status(cxm_adjusted_wald(&w, 5, 4, 0.95, 0), CXM_EINCONSISTENT);
	ck_assert_status(cxm_adjusted_wald(NULL, 1, 4, 0.95, 0), CXM_EBAD_ARG);
	w.version = 7;
	ck_assert_status(cxm_wilson(&w, 1, 4, 0.95, 0), CXM_EVERSION);
}
END_TEST

START_TEST(test_kish)
{
	double w[100], v = 0, bad[] = { 1, -1 }, zero[] = { 0, 0 }, nanw[] = { 1, NAN };
	int i;
	for (i = 0; i < 100; i++)
		w[i] = i < 50 ? 1.0 : 2.0;
	/* askvity.info: 50 weights of 1 and 50 of 2 -> 150^2 / 250 = 90 */
	ck_assert_status(cxm_kish_n_eff(&v, w, 100), CXM_OK);
	ck_assert_close(v, 90.0);
	ck_assert_status(cxm_kish_n_eff(&v, bad, 2), CXM_EBAD_WEIGHTS);
	ck_assert_status(cxm_kish_n_eff(&v, zero, 2), CXM_EBAD_WEIGHTS);
	ck_assert_status(cxm_kish_n_eff(&v, nanw, 2), CXM_EBAD_WEIGHTS);
	ck_assert_status(cxm_kish_n_eff(&v, w, 0), CXM_EEMPTY);
	/* regression: a weight whose square overflows gave n_eff = inf */
	{
		double huge[] = { 1e200, 1.0 }, edge[] = { 0x1p256, 0x1p256 };
		ck_assert_status(cxm_kish_n_eff(&v, huge, 2), CXM_EBAD_WEIGHTS);
		assert_message_has("weights[0] = 9.9999999999999997e+199");
		/* the largest weight: two equal weights are 2 effective rows */
		ck_assert_status(cxm_kish_n_eff(&v, edge, 2), CXM_OK);
		ck_assert(v == 2.0);
	}
	ck_assert_status(cxm_kish_n_eff(&v, NULL, 3), CXM_EBAD_ARG);
}
END_TEST

static Suite *stats_suite(void)
{
	Suite *s = suite_create("stats");
	TCase *tc = tcase_create("stats");
	tcase_add_test(tc, test_quantile7_published);
	tcase_add_test(tc, test_quantile7_errors);
	tcase_add_test(tc, test_critical_values);
	tcase_add_test(tc, test_t_crit_large_df);
	tcase_add_test(tc, test_round_half_away);
	tcase_add_test(tc, test_wilson_published);
	tcase_add_test(tc, test_adjusted_wald_published);
	tcase_add_test(tc, test_interval_errors);
	tcase_add_test(tc, test_kish);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(stats_suite)
