/*
 * tests/unit/test_ces_scaled.c - CES on any scale (spec §3.4), through the
 * scores functions, the accumulators and the survey report, and CSAT on
 * 1-10 beside it.
 *
 * Expected values are hand counts; the SDs are numpy's std(ddof=1) and the
 * Wilson bounds the textbook formula evaluated with scipy's norm.ppf(0.975)
 * (python3: centre (p + z^2/2n) / (1 + z^2/n), half z sqrt(p(1-p)/n +
 * z^2/4n^2) / (1 + z^2/n)), as quoted next to them.
 */
#define _POSIX_C_SOURCE 200809L /* mkstemp and fdopen, in tmpfile.h */
#define TMP_PREFIX "cxm_test_ces_scaled_"
#include <stdint.h>
#include <string.h>
#include "harness.h"
#include "oom.h"
#include "tmpfile.h"

/* 1..10: agree 8-10 (10 9 8 8 -> 4), disagree <= 1 + 10 - 8 = 3 (3 3 2 1 -> 4), mean 56/10 */
static const double ten[] = { 10, 9, 8, 8, 7, 5, 3, 3, 2, 1 };

START_TEST(test_default_agree)
{
	int a = 0;
	ck_assert_status(cxm_ces_default_agree(&a, 1, 5), CXM_OK);
	ck_assert_int_eq(a, 4);
	ck_assert_status(cxm_ces_default_agree(&a, 1, 7), CXM_OK);
	ck_assert_int_eq(a, 5);
	ck_assert_status(cxm_ces_default_agree(&a, 1, 10), CXM_OK);
	ck_assert_int_eq(a, 8);
	ck_assert_status(cxm_ces_default_agree(&a, 0, 10), CXM_EBAD_ARG);
	assert_message_has("the CES scale 0..10 has no default agree threshold");
	assert_message_has("name it");
	ck_assert_status(cxm_ces_default_agree(&a, 1, 6), CXM_EBAD_ARG);
	ck_assert_status(cxm_ces_default_agree(NULL, 1, 5), CXM_EBAD_ARG);
}
END_TEST

START_TEST(test_ces_1_10_hand)
{
	cxm_ces_result r = CXM_CES_RESULT_INIT;
	ck_assert_status(cxm_ces_scaled(&r, ten, 10, 1, 10, CXM_CES_DEFAULT_AGREE, CXM_NAN_ERROR, 0.95, 0), CXM_OK);
	ck_assert_int_eq(r.points, 10);
	ck_assert_int_eq(r.scale_lo, 1);
	ck_assert_int_eq(r.scale_hi, 10);
	ck_assert_int_eq(r.agree, 8);
	ck_assert_uint_eq(r.n, 10);
	ck_assert_uint_eq(r.n_agree, 4);
	ck_assert_close(r.pct_agree, 40.0);
	ck_assert_uint_eq(r.n_disagree, 4);
	ck_assert_close(r.pct_disagree, 40.0);
	ck_assert_close(r.mean, 5.6);
	ck_assert_close(r.sd, 3.2041639575194445);      /* numpy std(ddof=1) */
	ck_assert_close(r.wilson_lower, 16.818032970623616); /* Wilson of 4 / 10, see the top */
	ck_assert_close(r.wilson_upper, 68.73262302663417);
	/* the same threshold named: the same result */
	{
		cxm_ces_result s = CXM_CES_RESULT_INIT;
		ck_assert_status(cxm_ces_scaled(&s, ten, 10, 1, 10, 8, CXM_NAN_ERROR, 0.95, 0), CXM_OK);
		ck_assert(memcmp(&r, &s, sizeof r) == 0);
	}
}
END_TEST

START_TEST(test_ces_0_10_named)
{
	/* 0..10 with agree 7: 0 10 7 6 5 4 3 2 9 8 10 0 -> agree (>= 7) 10 7 9 8 10 = 5,
	 * disagree (<= 0 + 10 - 7 = 3) 0 3 2 0 = 4, mean 64/12; numpy std(ddof=1)
	 * 3.60134654951408; Wilson of 5 / 12 as at the top */
	double s[] = { 0, 10, 7, 6, 5, 4, 3, 2, 9, 8, 10, 0 };
	cxm_ces_result r = CXM_CES_RESULT_INIT;
	ck_assert_status(cxm_ces_scaled(&r, s, 12, 0, 10, CXM_CES_DEFAULT_AGREE, CXM_NAN_ERROR, 0.95, 0),
			 CXM_EBAD_ARG);
	assert_message_has("0..10");
	ck_assert_status(cxm_ces_scaled(&r, s, 12, 0, 10, 7, CXM_NAN_ERROR, 0.95, 0), CXM_OK);
	ck_assert_int_eq(r.points, 11);
	ck_assert_uint_eq(r.n_agree, 5);
	ck_assert_uint_eq(r.n_disagree, 4);
	ck_assert_close(r.mean, 64.0 / 12.0);
	ck_assert_close(r.sd, 3.60134654951408);
	ck_assert_close(r.wilson_lower, 19.326031365875664);
	ck_assert_close(r.wilson_upper, 68.04886874504503);
	/* agree must be above the middle (5 on 0..10) and on the scale */
	ck_assert_status(cxm_ces_scaled(&r, s, 12, 0, 10, 5, CXM_NAN_ERROR, 0.95, 0), CXM_EBAD_ARG);
	assert_message_has("above its middle");
	ck_assert_status(cxm_ces_scaled(&r, s, 12, 0, 10, 11, CXM_NAN_ERROR, 0.95, 0), CXM_EBAD_ARG);
	assert_message_has("threshold 11");
	ck_assert_status(cxm_ces_scaled(&r, s, 12, 0, 10, 6, CXM_NAN_ERROR, 0.95, 0), CXM_OK);
	ck_assert_uint_eq(r.n_agree, 6);    /* 10 7 6 9 8 10 */
	ck_assert_uint_eq(r.n_disagree, 5); /* <= 4: 0 4 3 2 0 */
}
END_TEST

START_TEST(test_same_as_ces_on_5_and_7)
{
	/* the version-1 scales through the new path: bit for bit the old results */
	double five[] = { 5, 4, 4, 3, 2, 1, 5, 5, 2 }, seven[] = { 7, 6, 5, 4, 3, 2, 1, 7, 5 };
	cxm_ces_result a = CXM_CES_RESULT_INIT, b = CXM_CES_RESULT_INIT;
	cxm_score_acc *acc = NULL;
	ck_assert_status(cxm_ces(&a, five, 9, 5, CXM_NAN_ERROR, 0.9, 0), CXM_OK);
	ck_assert_status(cxm_ces_scaled(&b, five, 9, 1, 5, CXM_CES_DEFAULT_AGREE, CXM_NAN_ERROR, 0.9, 0), CXM_OK);
	ck_assert(memcmp(&a, &b, sizeof a) == 0);
	ck_assert_int_eq(a.agree, 4);
	ck_assert_uint_eq(a.n_agree, 5);
	ck_assert_uint_eq(a.n_disagree, 3);
	ck_assert_status(cxm_ces(&a, seven, 9, 7, CXM_NAN_ERROR, 0.9, 0), CXM_OK);
	ck_assert_status(cxm_ces_scaled(&b, seven, 9, 1, 7, 5, CXM_NAN_ERROR, 0.9, 0), CXM_OK);
	ck_assert(memcmp(&a, &b, sizeof a) == 0);
	ck_assert_uint_eq(a.n_agree, 5); /* 7 6 5 7 5 */
	ck_assert_uint_eq(a.n_disagree, 3);
	/* the accumulator: the same again, split in two and merged */
	ck_assert_status(cxm_score_acc_new(&acc, 1, 7), CXM_OK);
	ck_assert_status(cxm_score_acc_add(acc, seven, 4, CXM_NAN_ERROR), CXM_OK);
	ck_assert_status(cxm_score_acc_add(acc, seven + 4, 5, CXM_NAN_ERROR), CXM_OK);
	ck_assert_status(cxm_score_acc_ces_scaled(&b, acc, CXM_CES_DEFAULT_AGREE, 0.9, 0), CXM_OK);
	ck_assert(memcmp(&a, &b, sizeof a) == 0);
	ck_assert_status(cxm_score_acc_ces(&b, acc, 0.9, 0), CXM_OK);
	ck_assert(memcmp(&a, &b, sizeof a) == 0);
	cxm_score_acc_free(acc);
	/* 1..10 through an accumulator equals the one-shot function */
	ck_assert_status(cxm_score_acc_new(&acc, 1, 10), CXM_OK);
	ck_assert_status(cxm_score_acc_add(acc, ten, 10, CXM_NAN_ERROR), CXM_OK);
	ck_assert_status(cxm_score_acc_ces_scaled(&a, acc, CXM_CES_DEFAULT_AGREE, 0.95, 0), CXM_OK);
	ck_assert_status(cxm_ces_scaled(&b, ten, 10, 1, 10, CXM_CES_DEFAULT_AGREE, CXM_NAN_ERROR, 0.95, 0), CXM_OK);
	ck_assert(memcmp(&a, &b, sizeof a) == 0);
	ck_assert_status(cxm_score_acc_ces(&a, acc, 0.95, 0), CXM_EBAD_ARG); /* the old call keeps its scales */
	assert_message_has("cxm_score_acc_ces_scaled");
	ck_assert_status(cxm_score_acc_ces_scaled(&a, acc, 3, 0.95, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_score_acc_ces_scaled(&a, NULL, 8, 0.95, 0), CXM_EBAD_ARG);
	cxm_score_acc_free(acc);
}
END_TEST

START_TEST(test_version_1_callers)
{
	/* a version-1 caller's struct ends before scale_lo: nothing is written there */
	cxm_ces_result r = CXM_CES_RESULT_INIT;
	r.version = 1;
	r.scale_lo = r.scale_hi = r.agree = -99;
	ck_assert_status(cxm_ces_scaled(&r, ten, 10, 1, 10, 8, CXM_NAN_ERROR, 0.95, 0), CXM_OK);
	ck_assert_uint_eq(r.n_agree, 4);
	ck_assert(r.scale_lo == -99 && r.scale_hi == -99 && r.agree == -99);
	ck_assert_status(cxm_ces(&r, ten, 5, 5, CXM_NAN_ERROR, 0.95, 0), CXM_EOUT_OF_RANGE); /* 10 is off 1..5 */
	r.version = 3;
	ck_assert_status(cxm_ces_scaled(&r, ten, 10, 1, 10, 8, CXM_NAN_ERROR, 0.95, 0), CXM_EVERSION);
}
END_TEST

START_TEST(test_scaled_errors)
{
	cxm_ces_result r = CXM_CES_RESULT_INIT;
	double bad[] = { 1, 11 }, frac[] = { 1.5 }, nan1[] = { NAN, 9 };
	ck_assert_status(cxm_ces_scaled(&r, bad, 2, 1, 10, 8, CXM_NAN_ERROR, 0.95, 0), CXM_EOUT_OF_RANGE);
	ck_assert_status(cxm_ces_scaled(&r, frac, 1, 1, 10, 8, CXM_NAN_ERROR, 0.95, 0), CXM_ENON_INTEGER);
	ck_assert_status(cxm_ces_scaled(&r, nan1, 2, 1, 10, 8, CXM_NAN_ERROR, 0.95, 0), CXM_ENAN);
	ck_assert_status(cxm_ces_scaled(&r, nan1, 2, 1, 10, 8, CXM_NAN_OMIT, 0.95, 0), CXM_OK);
	ck_assert_uint_eq(r.n, 1);
	ck_assert_status(cxm_ces_scaled(&r, NULL, 0, 1, 10, 8, CXM_NAN_ERROR, 0.95, 0), CXM_EEMPTY);
	ck_assert_status(cxm_ces_scaled(&r, ten, 10, 0, 1001, 900, CXM_NAN_ERROR, 0.95, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_ces_scaled(&r, ten, 10, -500, 500, 10, CXM_NAN_ERROR, 0.95, 0), CXM_OK); /* 1001 points */
	ck_assert_uint_eq(r.n_agree, 1);    /* 10 */
	ck_assert_uint_eq(r.n_disagree, 0); /* <= -10 */
	ck_assert_status(cxm_ces_scaled(&r, ten, 10, 5, 5, 5, CXM_NAN_ERROR, 0.95, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_ces_scaled(&r, ten, 10, 1, 10, 8, CXM_NAN_ERROR, 1.5, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_ces_scaled(NULL, ten, 10, 1, 10, 8, CXM_NAN_ERROR, 0.95, 0), CXM_EBAD_ARG);
}
END_TEST

START_TEST(test_scaled_oom)
{
	cxm_ces_result r = CXM_CES_RESULT_INIT;
	long k;
	int rc;
	for (k = 0;; k++) {
		oom_arm(k);
		rc = cxm_ces_scaled(&r, ten, 10, 1, 10, 8, CXM_NAN_ERROR, 0.95, 0);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			ck_assert_uint_eq(r.n_agree, 4);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		oom_assert_no_leak(k);
	}
	oom_disarm();
}
END_TEST

/* ---- the survey report ---------------------------------------------------------- */

static int report_on(cxm_survey_report **out, const char *text, const cxm_survey_opts *opts)
{
	char path[TMP_PATH_SIZE];
	int rc;
	write_tmp_str(path, text);
	rc = cxm_survey_report_from_csv(out, path, opts);
	remove(path);
	return rc;
}

/* csat 1-10: 10 9 8 7 6 5 4 3 2 1 -> top-2-box 9-10: 2 of 10; mean 5.5;
 * ces 1-10: the answers of `ten` -> 4 of 10 agree (8-10), mean 5.6 */
static const char file_1_10[] = "csat,ces\n"
				"10,10\n9,9\n8,8\n7,8\n6,7\n5,5\n4,3\n3,3\n2,2\n1,1\n";

START_TEST(test_report_csat_and_ces_on_1_10)
{
	cxm_survey_opts *o = NULL;
	cxm_survey_report *r = NULL;
	cxm_csat_result c = CXM_CSAT_RESULT_INIT, c1 = CXM_CSAT_RESULT_INIT;
	cxm_ces_result e = CXM_CES_RESULT_INIT;
	double csat[] = { 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 };
	char *text = NULL;
	ck_assert_status(cxm_survey_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_column(o, CXM_SURVEY_NPS, NULL), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_scale(o, CXM_SURVEY_CSAT, 1, 10), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_scale(o, CXM_SURVEY_CES, 1, 10), CXM_OK);
	ck_assert_status(report_on(&r, file_1_10, o), CXM_OK);
	ck_assert_status(cxm_survey_report_csat(&c, r), CXM_OK);
	ck_assert_int_eq(c.threshold, 9);
	ck_assert_uint_eq(c.n_satisfied, 2);
	ck_assert_close(c.pct_satisfied, 20.0);
	ck_assert_close(c.mean, 5.5);
	/* the function gives the report's numbers */
	ck_assert_status(cxm_csat(&c1, csat, 10, 1, 10, CXM_CSAT_DEFAULT_THRESHOLD, CXM_NAN_ERROR, 0.95, 0), CXM_OK);
	ck_assert(memcmp(&c, &c1, sizeof c) == 0);
	ck_assert_status(cxm_survey_report_ces(&e, r), CXM_OK);
	ck_assert_int_eq(e.agree, 8);
	ck_assert_int_eq(e.scale_lo, 1);
	ck_assert_int_eq(e.scale_hi, 10);
	ck_assert_uint_eq(e.n_agree, 4);
	ck_assert_close(e.pct_agree, 40.0);
	ck_assert_close(e.mean, 5.6);
	ck_assert_close(e.wilson_lower, 16.818032970623616);
	ck_assert_status(cxm_survey_report_render(&text, r, CXM_FORMAT_TEXT), CXM_OK);
	ck_assert_ptr_nonnull(strstr(text, "CES - Customer Effort Score (column 'ces', answers 1-10, "
					   "10 = easiest; agree 8-10)\n"));
	ck_assert_ptr_nonnull(strstr(text, "agree it was easy (8-10)"));
	ck_assert_ptr_nonnull(strstr(text, "satisfied (9-10)"));
	cxm_free(text);
	/* a version-1 caller of the accessor gets its fields only */
	{
		cxm_ces_result v1 = CXM_CES_RESULT_INIT;
		v1.version = 1;
		v1.agree = -99;
		ck_assert_status(cxm_survey_report_ces(&v1, r), CXM_OK);
		ck_assert_uint_eq(v1.version, 1);
		ck_assert_uint_eq(v1.n_agree, 4);
		ck_assert_int_eq(v1.agree, -99);
	}
	cxm_survey_report_free(r);
	cxm_survey_opts_free(o);
}
END_TEST

START_TEST(test_report_ces_scale_needs_threshold)
{
	cxm_survey_opts *o = NULL;
	cxm_survey_report *r = NULL;
	cxm_ces_result e = CXM_CES_RESULT_INIT;
	char *text = NULL;
	static const char file[] = "ces\n0\n10\n7\n6\n5\n4\n3\n2\n9\n8\n10\n0\n";
	ck_assert_status(cxm_survey_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_column(o, CXM_SURVEY_NPS, NULL), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_column(o, CXM_SURVEY_CSAT, NULL), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_scale(o, CXM_SURVEY_CES, 0, 10), CXM_OK);
	ck_assert_status(report_on(&r, file, o), CXM_EBAD_ARG);
	ck_assert_ptr_null(r);
	assert_message_has("the CES scale 0..10 has no default agree threshold");
	assert_message_has("set a threshold");
	assert_message_has("--ces-agree N");
	/* checked before the file is read: a file without one CES answer fails the same way */
	ck_assert_status(report_on(&r, "ces\n\n\n", o), CXM_EBAD_ARG);
	assert_message_has("the CES scale 0..10 has no default agree threshold");
	ck_assert_status(cxm_survey_opts_set_threshold(o, CXM_SURVEY_CES, 5), CXM_EBAD_ARG);
	assert_message_has("above its middle");
	ck_assert_status(cxm_survey_opts_set_threshold(o, CXM_SURVEY_CES, 7), CXM_OK);
	ck_assert_status(report_on(&r, file, o), CXM_OK);
	ck_assert_status(cxm_survey_report_ces(&e, r), CXM_OK);
	ck_assert_int_eq(e.points, 11);
	ck_assert_uint_eq(e.n_agree, 5);
	ck_assert_uint_eq(e.n_disagree, 4);
	ck_assert_status(cxm_survey_report_render(&text, r, CXM_FORMAT_TEXT), CXM_OK);
	ck_assert_ptr_nonnull(strstr(text, "(column 'ces', answers 0-10, 10 = easiest; agree 7-10)\n"));
	ck_assert_ptr_nonnull(strstr(text, "agree it was easy (7-10)"));
	cxm_free(text);
	cxm_survey_report_free(r);
	/* a threshold set before the scale must suit the scale */
	ck_assert_status(cxm_survey_opts_set_scale(o, CXM_SURVEY_CES, 0, 20), CXM_EBAD_ARG);
	assert_message_has("set the scale first");
	cxm_survey_opts_free(o);
}
END_TEST

static Suite *ces_scaled_suite(void)
{
	Suite *s = suite_create("ces_scaled");
	TCase *tc = tcase_create("scores");
	TCase *rep = tcase_create("report");
	tcase_add_test(tc, test_default_agree);
	tcase_add_test(tc, test_ces_1_10_hand);
	tcase_add_test(tc, test_ces_0_10_named);
	tcase_add_test(tc, test_same_as_ces_on_5_and_7);
	tcase_add_test(tc, test_version_1_callers);
	tcase_add_test(tc, test_scaled_errors);
	tcase_add_test(tc, test_scaled_oom);
	tcase_add_test(rep, test_report_csat_and_ces_on_1_10);
	tcase_add_test(rep, test_report_ces_scale_needs_threshold);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, rep);
	return s;
}

CXM_TEST_MAIN(ces_scaled_suite)
