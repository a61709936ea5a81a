/*
 * tests/unit/test_rates.c - check suite for lib/rates (spec §5).
 *
 * Expected numbers come from the golden vectors (vector id in a comment), the
 * spec's worked examples (§5, §12), or counts known by construction.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "harness.h"
#include "oom.h"

/* ---- churn and retention ------------------------------------------------------- */

START_TEST(test_churn)
{
	double out = -1;
	/* churn_basic */
	ck_assert_status(cxm_churn_rate(&out, 200, 30), CXM_OK);
	ck_assert_close(out, 15.0);
	ck_assert_status(cxm_churn_rate(&out, 200, 0), CXM_OK);
	ck_assert_close(out, 0.0);
	ck_assert_status(cxm_churn_rate(&out, 200, 200), CXM_OK);
	ck_assert_close(out, 100.0);
	/* churn_zero_start */
	ck_assert_status(cxm_churn_rate(&out, 0, 0), CXM_EEMPTY);
	ck_assert_status(cxm_churn_rate(&out, 10, 11), CXM_EINCONSISTENT);
	ck_assert_status(cxm_churn_rate(&out, 10.5, 1), CXM_EBAD_ARG);
	ck_assert_status(cxm_churn_rate(&out, 10, -1), CXM_EBAD_ARG);
	ck_assert_status(cxm_churn_rate(&out, NAN, 1), CXM_EBAD_ARG);
	ck_assert_status(cxm_churn_rate(&out, INFINITY, 1), CXM_EBAD_ARG);
	ck_assert_status(cxm_churn_rate(NULL, 10, 1), CXM_EBAD_ARG);
}
END_TEST

START_TEST(test_retention)
{
	double out = -1, churn = -1;
	/* crr_basic, spec §5.2: 200 at start, 180 at end, 50 new -> 65 % */
	ck_assert_status(cxm_retention_rate(&out, 200, 180, 50), CXM_OK);
	ck_assert_close(out, 65.0);
	/* §5.2: with L = S - (E - N) = 70 lost, churn = 100 - CRR = 35 */
	ck_assert_status(cxm_churn_rate(&churn, 200, 70), CXM_OK);
	ck_assert_close(churn, 100.0 - out);
	/* crr_new_gt_end, crr_retained_gt_start, crr_zero_start */
	ck_assert_status(cxm_retention_rate(&out, 100, 40, 50), CXM_EINCONSISTENT);
	ck_assert_status(cxm_retention_rate(&out, 100, 200, 50), CXM_EINCONSISTENT);
	ck_assert_status(cxm_retention_rate(&out, 0, 5, 5), CXM_EEMPTY);
	ck_assert_status(cxm_retention_rate(&out, 100, 100, 0), CXM_OK);
	ck_assert_close(out, 100.0);
	ck_assert_status(cxm_retention_rate(&out, 100, 50, 50), CXM_OK);
	ck_assert_close(out, 0.0);
	ck_assert_status(cxm_retention_rate(&out, -1, 5, 5), CXM_EBAD_ARG);
	ck_assert_status(cxm_retention_rate(&out, 10, 5.5, 5), CXM_EBAD_ARG);
	ck_assert_status(cxm_retention_rate(&out, 10, 5, NAN), CXM_EBAD_ARG);
	ck_assert_status(cxm_retention_rate(NULL, 10, 5, 5), CXM_EBAD_ARG);
}
END_TEST

/* ---- ratios of two counts -------------------------------------------------------- */

typedef int (*ratio_fn)(double *, double, double);

static void check_ratio_errors(ratio_fn fn)
{
	double out;
	ck_assert_status(fn(&out, 0, 0), CXM_EEMPTY);
	ck_assert_status(fn(&out, 5, 0), CXM_EEMPTY);
	ck_assert_status(fn(&out, 11, 10), CXM_EINCONSISTENT);
	ck_assert_status(fn(&out, 1.5, 10), CXM_EBAD_ARG);
	ck_assert_status(fn(&out, 1, 10.25), CXM_EBAD_ARG);
	ck_assert_status(fn(&out, -1, 10), CXM_EBAD_ARG);
	ck_assert_status(fn(&out, 1, NAN), CXM_EBAD_ARG);
	ck_assert_status(fn(&out, 1, INFINITY), CXM_EBAD_ARG);
	ck_assert_status(fn(&out, 1, 1e300), CXM_EBAD_ARG); /* beyond 2^53 */
	ck_assert_status(fn(NULL, 1, 10), CXM_EBAD_ARG);
}

START_TEST(test_repeat_counts)
{
	double out = -1;
	/* repeat_counts */
	ck_assert_status(cxm_repeat_purchase_rate_counts(&out, 30, 120), CXM_OK);
	ck_assert_close(out, 25.0);
	/* repeat_counts_japio: 1 000 of 3 000 -> 33.3 % */
	ck_assert_status(cxm_repeat_purchase_rate_counts(&out, 1000, 3000), CXM_OK);
	ck_assert_close(out, 33.333333333333336);
	check_ratio_errors(cxm_repeat_purchase_rate_counts);
}
END_TEST

START_TEST(test_referral)
{
	double out = -1;
	/* referral_basic, referral_zapscale (5 %), referral_marketing_calc (7.5 %) */
	ck_assert_status(cxm_referral_rate(&out, 25, 200), CXM_OK);
	ck_assert_close(out, 12.5);
	ck_assert_status(cxm_referral_rate(&out, 50, 1000), CXM_OK);
	ck_assert_close(out, 5.0);
	ck_assert_status(cxm_referral_rate(&out, 45, 600), CXM_OK);
	ck_assert_close(out, 7.5);
	/* referral_zero */
	ck_assert_status(cxm_referral_rate(&out, 0, 0), CXM_EEMPTY);
	check_ratio_errors(cxm_referral_rate);
}
END_TEST

START_TEST(test_error_rate)
{
	double out = -1;
	/* error_rate_basic */
	ck_assert_status(cxm_error_rate(&out, 3, 40), CXM_OK);
	ck_assert_close(out, 7.5);
	/* error_rate_zero_opp */
	ck_assert_status(cxm_error_rate(&out, 0, 0), CXM_EEMPTY);
	check_ratio_errors(cxm_error_rate);
}
END_TEST

START_TEST(test_bounce_counts)
{
	double out = -1;
	/* bounce_counts: GA BigQuery sample gist, 874 / 1898 = 0.46048472 */
	ck_assert_status(cxm_bounce_rate_counts(&out, 874, 1898), CXM_OK);
	ck_assert_close(out, 46.048472075869334);
	check_ratio_errors(cxm_bounce_rate_counts);
}
END_TEST

START_TEST(test_ratio_message)
{
	double out;
	ck_assert_status(cxm_churn_rate(&out, 10, 11), CXM_EINCONSISTENT);
	ck_assert_ptr_nonnull(strstr(cxm_error_last()->message, "customers_lost"));
	ck_assert_ptr_nonnull(strstr(cxm_error_last()->message, "11"));
	ck_assert_status(cxm_error_rate(&out, 2.5, 10), CXM_EBAD_ARG);
	ck_assert_ptr_nonnull(strstr(cxm_error_last()->message, "errors"));
	ck_assert_ptr_nonnull(strstr(cxm_error_last()->message, "2.5"));
}
END_TEST

/* ---- per-customer and per-session arrays ---------------------------------------- */

START_TEST(test_repeat_purchase)
{
	static const double orders[] = { 1, 2, 3, 1, 0, 5 };
	static const double zeros[] = { 0, 0 };
	static const double with_nan[] = { 1, NAN };
	static const double neg[] = { 1, -1 };
	static const double inf[] = { 1, INFINITY };
	static const double frac[] = { 1, 2.5 };
	static const double nan_and_frac[] = { 2.5, NAN };
	cxm_repeat_purchase r = CXM_REPEAT_PURCHASE_INIT;
	cxm_repeat_purchase v0 = CXM_REPEAT_PURCHASE_INIT, v99 = CXM_REPEAT_PURCHASE_INIT;
	/* repeat_per_customer: the zero-order customer is out of the denominator */
	ck_assert_status(cxm_repeat_purchase_rate(&r, orders, 6), CXM_OK);
	ck_assert_uint_eq(r.customers, 5);
	ck_assert_uint_eq(r.repeat_customers, 3);
	ck_assert_close(r.rate, 60.0);
	ck_assert_status(cxm_repeat_purchase_rate(&r, zeros, 2), CXM_EEMPTY);
	ck_assert_status(cxm_repeat_purchase_rate(&r, NULL, 0), CXM_EEMPTY);
	ck_assert_status(cxm_repeat_purchase_rate(&r, with_nan, 2), CXM_ENAN);
	ck_assert_status(cxm_repeat_purchase_rate(&r, neg, 2), CXM_EOUT_OF_RANGE);
	ck_assert_status(cxm_repeat_purchase_rate(&r, inf, 2), CXM_EOUT_OF_RANGE);
	ck_assert_status(cxm_repeat_purchase_rate(&r, frac, 2), CXM_ENON_INTEGER);
	ck_assert_status(cxm_repeat_purchase_rate(&r, nan_and_frac, 2), CXM_ENAN);
	ck_assert_status(cxm_repeat_purchase_rate(&r, NULL, 2), CXM_EBAD_ARG);
	ck_assert_status(cxm_repeat_purchase_rate(NULL, orders, 6), CXM_EBAD_ARG);
	v0.version = 0;
	v99.version = 99;
	ck_assert_status(cxm_repeat_purchase_rate(&v0, orders, 6), CXM_EVERSION);
	ck_assert_status(cxm_repeat_purchase_rate(&v99, orders, 6), CXM_EVERSION);
}
END_TEST

START_TEST(test_bounce)
{
	static const double pv[] = { 1, 3, 1, 2, 1 };
	static const double zero[] = { 1, 0 };
	static const double frac[] = { 1, 1.5 };
	static const double nan[] = { 1, NAN };
	static const double inf[] = { INFINITY };
	cxm_bounce b = CXM_BOUNCE_INIT;
	cxm_bounce v0 = CXM_BOUNCE_INIT, v99 = CXM_BOUNCE_INIT;
	/* bounce_basic */
	ck_assert_status(cxm_bounce_rate(&b, pv, 5), CXM_OK);
	ck_assert_uint_eq(b.sessions, 5);
	ck_assert_uint_eq(b.bounces, 3);
	ck_assert_close(b.rate, 60.0);
	/* spec §5.6: a session with 0 pageviews is OUT_OF_RANGE */
	ck_assert_status(cxm_bounce_rate(&b, zero, 2), CXM_EOUT_OF_RANGE);
	ck_assert_status(cxm_bounce_rate(&b, inf, 1), CXM_EOUT_OF_RANGE);
	ck_assert_status(cxm_bounce_rate(&b, frac, 2), CXM_ENON_INTEGER);
	ck_assert_status(cxm_bounce_rate(&b, nan, 2), CXM_ENAN);
	ck_assert_status(cxm_bounce_rate(&b, NULL, 0), CXM_EEMPTY);
	ck_assert_status(cxm_bounce_rate(&b, NULL, 1), CXM_EBAD_ARG);
	ck_assert_status(cxm_bounce_rate(NULL, pv, 5), CXM_EBAD_ARG);
	v0.version = 0;
	v99.version = 99;
	ck_assert_status(cxm_bounce_rate(&v0, pv, 5), CXM_EVERSION);
	ck_assert_status(cxm_bounce_rate(&v99, pv, 5), CXM_EVERSION);
}
END_TEST

/* ---- task success ----------------------------------------------------------------- */

START_TEST(test_task_success)
{
	static const double four[] = { 1, 1, 1, 1, 0 };
	static const double five[] = { 1, 1, 1, 1, 1 };
	static const double bad[] = { 1, 2 };
	static const double nan[] = { 1, NAN };
	cxm_task_success t = CXM_TASK_SUCCESS_INIT;
	cxm_task_success v0 = CXM_TASK_SUCCESS_INIT, v99 = CXM_TASK_SUCCESS_INIT;
	/* task_success_4_of_5_z196 */
	ck_assert_status(cxm_task_success_rate(&t, four, 5, CXM_CONF_DEFAULT, 1.96), CXM_OK);
	ck_assert_uint_eq(t.n, 5);
	ck_assert_uint_eq(t.successes, 4);
	ck_assert_close(t.rate, 80.0);
	ck_assert_close(t.wilson_lower, 37.55282641185388);
	ck_assert_close(t.wilson_upper, 96.37768390302125);
	ck_assert_close(t.adjwald_lower, 35.96245776932015);
	ck_assert_close(t.adjwald_upper, 97.96805254555498);
	/* spec §5.8 hand check: Tullis (measuringux.com), 4/5 at z = 1.96 ->
	 * 0.3596 .. 0.9796; the source rounds intermediates, hence 1e-4 (in %: 1e-2) */
	ck_assert(fabs(t.adjwald_lower - 35.96) < 1e-2);
	ck_assert(fabs(t.adjwald_upper - 97.96) < 1e-2);
	/* task_success_5_of_5: the adjusted-Wald upper bound is not clipped */
	ck_assert_status(cxm_task_success_rate(&t, five, 5, CXM_CONF_DEFAULT, CXM_Z_FROM_CONF), CXM_OK);
	ck_assert_uint_eq(t.successes, 5);
	ck_assert_close(t.rate, 100.0);
	ck_assert_close(t.wilson_lower, 56.551753521682514);
	ck_assert_close(t.wilson_upper, 100.0);
	ck_assert_close(t.adjwald_lower, 51.09451403671397);
	ck_assert_close(t.adjwald_upper, 105.45723948496854);
	/* task_success_bad_value */
	ck_assert_status(cxm_task_success_rate(&t, bad, 2, CXM_CONF_DEFAULT, 0), CXM_EOUT_OF_RANGE);
	ck_assert_status(cxm_task_success_rate(&t, nan, 2, CXM_CONF_DEFAULT, 0), CXM_ENAN);
	ck_assert_status(cxm_task_success_rate(&t, NULL, 0, CXM_CONF_DEFAULT, 0), CXM_EEMPTY);
	ck_assert_status(cxm_task_success_rate(&t, NULL, 3, CXM_CONF_DEFAULT, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_task_success_rate(&t, four, 5, 1.0, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_task_success_rate(&t, four, 5, 0.0, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_task_success_rate(&t, four, 5, NAN, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_task_success_rate(&t, four, 5, CXM_CONF_DEFAULT, -1.96), CXM_EBAD_ARG);
	ck_assert_status(cxm_task_success_rate(&t, four, 5, CXM_CONF_DEFAULT, INFINITY), CXM_EBAD_ARG);
	ck_assert_status(cxm_task_success_rate(NULL, four, 5, CXM_CONF_DEFAULT, 0), CXM_EBAD_ARG);
	v0.version = 0;
	v99.version = 99;
	ck_assert_status(cxm_task_success_rate(&v0, four, 5, CXM_CONF_DEFAULT, 0), CXM_EVERSION);
	ck_assert_status(cxm_task_success_rate(&v99, four, 5, CXM_CONF_DEFAULT, 0), CXM_EVERSION);
}
END_TEST

START_TEST(test_task_success_matches_intervals)
{
	/* the interval fields are cxm_wilson / cxm_adjusted_wald of (x, n), in % */
	static const double o[] = { 0, 1, 0, 0, 1, 1, 0, 1, 1, 1, 0, 1 };
	cxm_task_success t = CXM_TASK_SUCCESS_INIT;
	cxm_interval w = CXM_INTERVAL_INIT, a = CXM_INTERVAL_INIT;
	ck_assert_status(cxm_task_success_rate(&t, o, 12, 0.9, 0), CXM_OK);
	ck_assert_status(cxm_wilson(&w, 7, 12, 0.9, 0), CXM_OK);
	ck_assert_status(cxm_adjusted_wald(&a, 7, 12, 0.9, 0), CXM_OK);
	ck_assert_uint_eq(t.successes, 7);
	ck_assert(t.wilson_lower == 100.0 * w.lower && t.wilson_upper == 100.0 * w.upper);
	ck_assert(t.adjwald_lower == 100.0 * a.lower && t.adjwald_upper == 100.0 * a.upper);
}
END_TEST

/* ---- monthly active users ----------------------------------------------------------- */

START_TEST(test_mau_vectors)
{
	/* mau_basic: [start, end) half-open; c at the end and e before the start
	 * are out -> a, b, d = 3 */
	static const char *const ids[] = { "a", "b", "a", "c", "d", "e", "b" };
	static const double ts[] = { 0, 10, 20, 2592000, 2591999.5, -1, 100 };
	size_t out = 99;
	ck_assert_status(cxm_monthly_active_users(&out, ids, 7, ts, 7, 0, 2592000, CXM_NAN_ERROR), CXM_OK);
	ck_assert_uint_eq(out, 3);
	/* mau_empty: no events -> 0, not an error */
	out = 99;
	ck_assert_status(cxm_monthly_active_users(&out, NULL, 0, NULL, 0, 0, 10, CXM_NAN_ERROR), CXM_OK);
	ck_assert_uint_eq(out, 0);
	/* events, none in the window -> 0 */
	out = 99;
	ck_assert_status(cxm_monthly_active_users(&out, ids, 7, ts, 7, 1e9, 2e9, CXM_NAN_ERROR), CXM_OK);
	ck_assert_uint_eq(out, 0);
}
END_TEST

START_TEST(test_mau_ids_and_nan)
{
	/* ids are compared byte for byte: case and Unicode normalisation matter
	 * ("\xc3\xa9" is precomposed e-acute, "e\xcc\x81" the decomposed form) */
	static const char *const ids[] = { "user", "User", "user", "\xc3\xa9", "e\xcc\x81", "", "" };
	static const double ts[] = { 1, 2, 3, 4, 5, 6, 7 };
	static const double ts_nan[] = { 1, NAN, 3, 4, NAN, 6, 7 };
	size_t out = 0;
	ck_assert_status(cxm_monthly_active_users(&out, ids, 7, ts, 7, 0, 10, CXM_NAN_ERROR), CXM_OK);
	ck_assert_uint_eq(out, 5); /* user, User, é, é (decomposed), "" */
	ck_assert_status(cxm_monthly_active_users(&out, ids, 7, ts_nan, 7, 0, 10, CXM_NAN_ERROR), CXM_ENAN);
	ck_assert_ptr_nonnull(strstr(cxm_error_last()->message, "timestamps[1]"));
	/* omit: "User" and the decomposed é only occur at NaN times */
	ck_assert_status(cxm_monthly_active_users(&out, ids, 7, ts_nan, 7, 0, 10, CXM_NAN_OMIT), CXM_OK);
	ck_assert_uint_eq(out, 3);
}
END_TEST

START_TEST(test_mau_errors)
{
	static const char *const ids[] = { "a", "b" };
	static const char *const with_null[] = { "a", NULL };
	static const double ts[] = { 1, 2 };
	size_t out;
	ck_assert_status(cxm_monthly_active_users(&out, ids, 2, ts, 1, 0, 10, CXM_NAN_ERROR), CXM_EBAD_ARG);
	ck_assert_status(cxm_monthly_active_users(&out, ids, 2, ts, 2, 10, 10, CXM_NAN_ERROR), CXM_EBAD_ARG);
	ck_assert_status(cxm_monthly_active_users(&out, ids, 2, ts, 2, 10, 0, CXM_NAN_ERROR), CXM_EBAD_ARG);
	ck_assert_status(cxm_monthly_active_users(&out, ids, 2, ts, 2, NAN, 10, CXM_NAN_ERROR), CXM_EBAD_ARG);
	ck_assert_status(cxm_monthly_active_users(&out, ids, 2, ts, 2, 0, INFINITY, CXM_NAN_ERROR), CXM_EBAD_ARG);
	ck_assert_status(cxm_monthly_active_users(&out, ids, 2, ts, 2, -INFINITY, 0, CXM_NAN_ERROR), CXM_EBAD_ARG);
	ck_assert_status(cxm_monthly_active_users(&out, ids, 2, ts, 2, 0, 10, 2), CXM_EBAD_ARG);
	ck_assert_status(cxm_monthly_active_users(&out, with_null, 2, ts, 2, 0, 10, CXM_NAN_ERROR), CXM_EBAD_ARG);
	ck_assert_status(cxm_monthly_active_users(&out, NULL, 2, ts, 2, 0, 10, CXM_NAN_ERROR), CXM_EBAD_ARG);
	ck_assert_status(cxm_monthly_active_users(&out, ids, 2, NULL, 2, 0, 10, CXM_NAN_ERROR), CXM_EBAD_ARG);
	ck_assert_status(cxm_monthly_active_users(NULL, ids, 2, ts, 2, 0, 10, CXM_NAN_ERROR), CXM_EBAD_ARG);
}
END_TEST

#define MANY 20000
#define DISTINCT 7919 /* a prime, so i % DISTINCT cycles through every id */

START_TEST(test_mau_many_users)
{
	/* event i is user "u<i % DISTINCT>" at time i: over [0, MANY) that is
	 * DISTINCT users by construction; over [0, 1000) it is 1000. */
	static char buf[MANY][16];
	static const char *ids[MANY];
	static double ts[MANY];
	size_t i, out = 0;
	for (i = 0; i < MANY; i++) {
		snprintf(buf[i], sizeof buf[i], "u%zu", i % DISTINCT);
		ids[i] = buf[i];
		ts[i] = (double)i;
	}
	ck_assert_status(cxm_monthly_active_users(&out, ids, MANY, ts, MANY, 0, MANY, CXM_NAN_ERROR), CXM_OK);
	ck_assert_uint_eq(out, DISTINCT);
	ck_assert_status(cxm_monthly_active_users(&out, ids, MANY, ts, MANY, 0, 1000, CXM_NAN_ERROR), CXM_OK);
	ck_assert_uint_eq(out, 1000);
	ck_assert_status(cxm_monthly_active_users(&out, ids, MANY, ts, MANY, 19999, 1e9, CXM_NAN_ERROR), CXM_OK);
	ck_assert_uint_eq(out, 1);
}
END_TEST

START_TEST(test_mau_oom)
{
	static const char *const ids[] = { "a", "b", "a", "c", "d", "e", "b" };
	static const double ts[] = { 0, 10, 20, 2592000, 2591999.5, -1, 100 };
	long k;
	int rc;
	size_t out = 0;
	for (k = 0;; k++) {
		oom_arm(k);
		rc = cxm_monthly_active_users(&out, ids, 7, ts, 7, 0, 2592000, CXM_NAN_ERROR);
		oom_assert_no_leak(k);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			break;
		}
		oom_assert_enomem(rc, k);
	}
	ck_assert_int_ge(k, 1);
	ck_assert_uint_eq(out, 3); /* mau_basic */
	oom_disarm();
}
END_TEST

static Suite *rates_suite(void)
{
	Suite *s = suite_create("rates");
	TCase *tc = tcase_create("counts");
	tcase_add_test(tc, test_churn);
	tcase_add_test(tc, test_retention);
	tcase_add_test(tc, test_repeat_counts);
	tcase_add_test(tc, test_referral);
	tcase_add_test(tc, test_error_rate);
	tcase_add_test(tc, test_bounce_counts);
	tcase_add_test(tc, test_ratio_message);
	suite_add_tcase(s, tc);
	tc = tcase_create("arrays");
	tcase_add_test(tc, test_repeat_purchase);
	tcase_add_test(tc, test_bounce);
	tcase_add_test(tc, test_task_success);
	tcase_add_test(tc, test_task_success_matches_intervals);
	suite_add_tcase(s, tc);
	tc = tcase_create("mau");
	tcase_add_test(tc, test_mau_vectors);
	tcase_add_test(tc, test_mau_ids_and_nan);
	tcase_add_test(tc, test_mau_errors);
	tcase_add_test(tc, test_mau_many_users);
	tcase_add_test(tc, test_mau_oom);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(rates_suite)
