/* tests/unit/test_report.c - check suite for lib/report. */
#include "harness.h"

START_TEST(test_error_names)
{
	ck_assert_str_eq(cxm_error_name(CXM_EBAD_ARG), "BAD_ARG");
}
END_TEST

static Suite *report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("report");
	tcase_add_test(tc, test_error_names);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(report_suite)
