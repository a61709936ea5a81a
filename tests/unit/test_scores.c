/* tests/unit/test_scores.c - check suite for lib/scores. */
#include "harness.h"

START_TEST(test_error_names)
{
	ck_assert_str_eq(cxm_error_name(CXM_EBAD_ARG), "BAD_ARG");
}
END_TEST

static Suite *scores_suite(void)
{
	Suite *s = suite_create("scores");
	TCase *tc = tcase_create("scores");
	tcase_add_test(tc, test_error_names);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(scores_suite)
