/*
 * tests/unit/test_times.c - check suite for lib/times (spec §4).
 *
 * Expected numbers come from the golden vectors (vector id in a comment), the
 * spec's worked examples, or the reference oracle cxref.py (said so where used).
 */
#include <stdint.h>
#include <string.h>
#include "harness.h"
#include "oom.h"

/* ---- cxm_time_summarize ------------------------------------------------------ */

static void check_summary(const double *d, size_t n, int policy, size_t en, double total, double mean,
			  double median, double p90, double min, double max)
{
	cxm_time_summary s = CXM_TIME_SUMMARY_INIT;
	ck_assert_status(cxm_time_summarize(&s, d, n, policy), CXM_OK);
	ck_assert_uint_eq(s.n, en);
	ck_assert_close(s.total, total);
	ck_assert_close(s.mean, mean);
	ck_assert_close(s.median, median);
	ck_assert_close(s.p90, p90);
	ck_assert_close(s.min, min);
	ck_assert_close(s.max, max);
}

START_TEST(test_summary_vectors)
{
	/* time_basic, and the spec §4 worked example: mean 40, median 30,
	 * p90 = 0.4 * 40 + 0.6 * 100 = 76 (type 7; nearest rank would say 100) */
	static const double basic[] = { 10, 20, 30, 40, 100 };
	static const double even[] = { 120, 60, 30, 90 };
	static const double ties[] = { 5, 5, 5, 5, 5, 5, 5, 5, 5, 500 };
	static const double one[] = { 42.5 };
	static const double zeros[] = { 0, 0, 0 };
	check_summary(basic, 5, CXM_NAN_ERROR, 5, 200, 40, 30, 75.99999999999997, 10, 100);
	/* time_even_n */
	check_summary(even, 4, CXM_NAN_ERROR, 4, 300, 75, 75, 111.00000000000001, 30, 120);
	/* time_ties */
	check_summary(ties, 10, CXM_NAN_ERROR, 10, 545, 54.5, 5, 54.49999999999982, 5, 500);
	/* time_n1 */
	check_summary(one, 1, CXM_NAN_ERROR, 1, 42.5, 42.5, 42.5, 42.5, 42.5, 42.5);
	/* time_zero_durations */
	check_summary(zeros, 3, CXM_NAN_ERROR, 3, 0, 0, 0, 0, 0, 0);
}
END_TEST

START_TEST(test_summary_p90_is_type7)
{
	/* spec §4: 76 within the vector tolerance; 100 is the nearest-rank answer */
	static const double basic[] = { 100, 40, 30, 20, 10 }; /* order does not matter */
	cxm_time_summary s = CXM_TIME_SUMMARY_INIT;
	ck_assert_status(cxm_time_summarize(&s, basic, 5, CXM_NAN_ERROR), CXM_OK);
	ck_assert(fabs(s.p90 - 76.0) < 1e-12);
	ck_assert_close(s.median, 30.0);
}
END_TEST

START_TEST(test_summary_nan_policy)
{
	/* values from cxref.time_summary([10, nan, 30, 20], 'omit') and
	 * cxref.time_summary([3600, 60, nan, 7200, 30], 'omit') */
	static const double a[] = { 10, NAN, 30, 20 };
	static const double b[] = { 3600, 60, NAN, 7200, 30 };
	static const double all_nan[] = { NAN, NAN };
	cxm_time_summary s = CXM_TIME_SUMMARY_INIT;
	check_summary(a, 4, CXM_NAN_OMIT, 3, 60, 20, 20, 27.999999999999996, 10, 30);
	check_summary(b, 5, CXM_NAN_OMIT, 4, 10890, 2722.5, 1830, 6120, 30, 7200);
	/* time_nan_error */
	{
		static const double v[] = { 10, NAN };
		ck_assert_status(cxm_time_summarize(&s, v, 2, CXM_NAN_ERROR), CXM_ENAN);
	}
	/* spec §0.3: "omit" on an all-NaN input leaves nothing: EMPTY */
	ck_assert_status(cxm_time_summarize(&s, all_nan, 2, CXM_NAN_OMIT), CXM_EEMPTY);
	ck_assert_status(cxm_time_summarize(&s, a, 4, 7), CXM_EBAD_ARG);
	ck_assert_status(cxm_time_summarize(&s, a, 4, -1), CXM_EBAD_ARG);
}
END_TEST

START_TEST(test_summary_errors)
{
	static const double neg[] = { 10, -1 };
	static const double inf[] = { 10, INFINITY };
	static const double ninf[] = { -INFINITY };
	static const double nan_and_neg[] = { -5, NAN };
	cxm_time_summary s = CXM_TIME_SUMMARY_INIT;
	cxm_time_summary v0 = CXM_TIME_SUMMARY_INIT, v99 = CXM_TIME_SUMMARY_INIT;
	/* time_negative */
	ck_assert_status(cxm_time_summarize(&s, neg, 2, CXM_NAN_ERROR), CXM_EOUT_OF_RANGE);
	ck_assert_status(cxm_time_summarize(&s, inf, 2, CXM_NAN_ERROR), CXM_EOUT_OF_RANGE);
	ck_assert_status(cxm_time_summarize(&s, ninf, 1, CXM_NAN_OMIT), CXM_EOUT_OF_RANGE);
	/* the NaN policy runs first, as in the reference */
	ck_assert_status(cxm_time_summarize(&s, nan_and_neg, 2, CXM_NAN_ERROR), CXM_ENAN);
	ck_assert_status(cxm_time_summarize(&s, nan_and_neg, 2, CXM_NAN_OMIT), CXM_EOUT_OF_RANGE);
	ck_assert_status(cxm_time_summarize(&s, NULL, 0, CXM_NAN_ERROR), CXM_EEMPTY);
	ck_assert_status(cxm_time_summarize(&s, NULL, 3, CXM_NAN_ERROR), CXM_EBAD_ARG);
	ck_assert_status(cxm_time_summarize(NULL, neg, 1, CXM_NAN_ERROR), CXM_EBAD_ARG);
	v0.version = 0;
	v99.version = 99;
	ck_assert_status(cxm_time_summarize(&v0, neg, 1, CXM_NAN_ERROR), CXM_EVERSION);
	ck_assert_status(cxm_time_summarize(&v99, neg, 1, CXM_NAN_ERROR), CXM_EVERSION);
	ck_assert_str_eq(cxm_error_name(cxm_error_last()->code), "VERSION");
}
END_TEST

START_TEST(test_summary_message_names_index)
{
	static const double d[] = { 1, 2, -3.5 };
	cxm_time_summary s = CXM_TIME_SUMMARY_INIT;
	ck_assert_status(cxm_time_summarize(&s, d, 3, CXM_NAN_ERROR), CXM_EOUT_OF_RANGE);
	ck_assert_ptr_nonnull(strstr(cxm_error_last()->message, "durations[2]"));
	ck_assert_ptr_nonnull(strstr(cxm_error_last()->message, "-3.5"));
}
END_TEST

START_TEST(test_summary_exact_total)
{
	/* The total is exact and rounded once (the reference uses math.fsum):
	 * ten 0.1 sum to 1.0 exactly, not 0.9999999999999999. */
	double d[10];
	int i;
	cxm_time_summary s = CXM_TIME_SUMMARY_INIT;
	for (i = 0; i < 10; i++)
		d[i] = 0.1;
	ck_assert_status(cxm_time_summarize(&s, d, 10, CXM_NAN_ERROR), CXM_OK);
	ck_assert(s.total == 1.0);
	ck_assert(s.mean == 0.1);
}
END_TEST

/* ---- cxm_time_average_from_total --------------------------------------------- */

START_TEST(test_average_from_total)
{
	double out = -1;
	/* time_avg_from_total: generatekpi, 25 000 min / 500 tickets = 50 min */
	ck_assert_status(cxm_time_average_from_total(&out, 25000, 500), CXM_OK);
	ck_assert_close(out, 50.0);
	/* time_avg_from_total_zero */
	ck_assert_status(cxm_time_average_from_total(&out, 0, 0), CXM_EEMPTY);
	ck_assert_status(cxm_time_average_from_total(&out, NAN, 5), CXM_ENAN);
	ck_assert_status(cxm_time_average_from_total(&out, -1, 5), CXM_EBAD_ARG);
	ck_assert_status(cxm_time_average_from_total(&out, INFINITY, 5), CXM_EBAD_ARG);
	ck_assert_status(cxm_time_average_from_total(&out, 10, 4.5), CXM_EBAD_ARG);
	ck_assert_status(cxm_time_average_from_total(&out, 10, -1), CXM_EBAD_ARG);
	ck_assert_status(cxm_time_average_from_total(&out, 10, NAN), CXM_EBAD_ARG);
	ck_assert_status(cxm_time_average_from_total(&out, 10, INFINITY), CXM_EBAD_ARG);
	ck_assert_status(cxm_time_average_from_total(NULL, 10, 2), CXM_EBAD_ARG);
	ck_assert_status(cxm_time_average_from_total(&out, 0, 3), CXM_OK);
	ck_assert(out == 0.0);
}
END_TEST

/* ---- cxm_time_durations ------------------------------------------------------ */

START_TEST(test_durations_vectors)
{
	/* durations_ts: NaN reply omitted -> [60, 60, 600] */
	static const double created[] = { 0, 100, 200, 300 };
	static const double responded[] = { 60, 160, NAN, 900 };
	double out[4] = { -1, -1, -1, -1 };
	size_t n = 99;
	ck_assert_status(cxm_time_durations(out, 4, &n, created, 4, responded, 4, CXM_NAN_OMIT), CXM_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_close(out[0], 60.0);
	ck_assert_close(out[1], 60.0);
	ck_assert_close(out[2], 600.0);
	/* capacity equal to the survivors is enough */
	ck_assert_status(cxm_time_durations(out, 3, &n, created, 4, responded, 4, CXM_NAN_OMIT), CXM_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_status(cxm_time_durations(out, 2, &n, created, 4, responded, 4, CXM_NAN_OMIT), CXM_EBAD_ARG);
	/* the unanswered request is an error under the default policy */
	ck_assert_status(cxm_time_durations(out, 4, &n, created, 4, responded, 4, CXM_NAN_ERROR), CXM_ENAN);
	{
		/* durations_ts_negative: reply before creation */
		static const double c1[] = { 100 }, r1[] = { 50 };
		ck_assert_status(cxm_time_durations(out, 1, &n, c1, 1, r1, 1, CXM_NAN_ERROR), CXM_EOUT_OF_RANGE);
	}
}
END_TEST

START_TEST(test_durations_errors)
{
	static const double c[] = { 0, 10 }, r[] = { 5, 20 };
	static const double c_nan[] = { NAN, 10 };
	static const double r_inf[] = { 5, INFINITY };
	double out[2];
	size_t n = 0;
	/* a NaN creation time is broken data, even under omit */
	ck_assert_status(cxm_time_durations(out, 2, &n, c_nan, 2, r, 2, CXM_NAN_OMIT), CXM_ENAN);
	ck_assert_status(cxm_time_durations(out, 2, &n, c, 2, r_inf, 2, CXM_NAN_ERROR), CXM_EOUT_OF_RANGE);
	ck_assert_status(cxm_time_durations(out, 2, &n, c, 2, r, 1, CXM_NAN_ERROR), CXM_EBAD_ARG);
	ck_assert_status(cxm_time_durations(out, 2, NULL, c, 2, r, 2, CXM_NAN_ERROR), CXM_EBAD_ARG);
	ck_assert_status(cxm_time_durations(NULL, 2, &n, c, 2, r, 2, CXM_NAN_ERROR), CXM_EBAD_ARG);
	ck_assert_status(cxm_time_durations(out, 2, &n, NULL, 2, r, 2, CXM_NAN_ERROR), CXM_EBAD_ARG);
	ck_assert_status(cxm_time_durations(out, 2, &n, c, 2, NULL, 2, CXM_NAN_ERROR), CXM_EBAD_ARG);
	ck_assert_status(cxm_time_durations(out, 2, &n, c, 2, r, 2, 3), CXM_EBAD_ARG);
	ck_assert_status(cxm_time_durations(out, 1, &n, c, 2, r, 2, CXM_NAN_ERROR), CXM_EBAD_ARG);
	/* nothing in, nothing out */
	n = 7;
	ck_assert_status(cxm_time_durations(NULL, 0, &n, NULL, 0, NULL, 0, CXM_NAN_ERROR), CXM_OK);
	ck_assert_uint_eq(n, 0);
	ck_assert_status(cxm_time_durations(out, 2, &n, c, 2, r, 2, CXM_NAN_ERROR), CXM_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_close(out[0], 5.0);
	ck_assert_close(out[1], 10.0);
}
END_TEST

START_TEST(test_durations_feed_summary)
{
	/* first response times -> average as "total / requests answered" (§4) */
	static const double created[] = { 0, 0, 0, 0, 0 };
	static const double responded[] = { 10, 20, NAN, 30, 40 };
	double d[5];
	size_t n = 0;
	cxm_time_summary s = CXM_TIME_SUMMARY_INIT;
	ck_assert_status(cxm_time_durations(d, 5, &n, created, 5, responded, 5, CXM_NAN_OMIT), CXM_OK);
	ck_assert_status(cxm_time_summarize(&s, d, n, CXM_NAN_ERROR), CXM_OK);
	ck_assert_uint_eq(s.n, 4);
	ck_assert_close(s.mean, 25.0);
	ck_assert_close(s.median, 25.0);
}
END_TEST

/* ---- out of memory ------------------------------------------------------------ */

START_TEST(test_summary_oom)
{
	static const double d[] = { 10, 20, 30, 40, 100 };
	long k;
	int rc;
	for (k = 0;; k++) {
		cxm_time_summary s = CXM_TIME_SUMMARY_INIT;
		oom_arm(k);
		rc = cxm_time_summarize(&s, d, 5, CXM_NAN_ERROR);
		oom_assert_no_leak(k);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			ck_assert_close(s.mean, 40.0);
			break;
		}
		oom_assert_enomem(rc, k);
	}
	ck_assert_int_ge(k, 1); /* it does allocate (the sorted copy) */
	oom_disarm();
}
END_TEST

static Suite *times_suite(void)
{
	Suite *s = suite_create("times");
	TCase *tc = tcase_create("summary");
	tcase_add_test(tc, test_summary_vectors);
	tcase_add_test(tc, test_summary_p90_is_type7);
	tcase_add_test(tc, test_summary_nan_policy);
	tcase_add_test(tc, test_summary_errors);
	tcase_add_test(tc, test_summary_message_names_index);
	tcase_add_test(tc, test_summary_exact_total);
	tcase_add_test(tc, test_summary_oom);
	suite_add_tcase(s, tc);
	tc = tcase_create("aggregates");
	tcase_add_test(tc, test_average_from_total);
	suite_add_tcase(s, tc);
	tc = tcase_create("durations");
	tcase_add_test(tc, test_durations_vectors);
	tcase_add_test(tc, test_durations_errors);
	tcase_add_test(tc, test_durations_feed_summary);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(times_suite)
