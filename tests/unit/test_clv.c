/* tests/unit/test_clv.c - check suite for lib/clv. */
#include "harness.h"

START_TEST(test_error_names)
{
	ck_assert_str_eq(cxm_error_name(CXM_EBAD_ARG), "BAD_ARG");
}
END_TEST

static Suite *clv_suite(void)
{
	Suite *s = suite_create("clv");
	TCase *tc = tcase_create("clv");
	tcase_add_test(tc, test_error_names);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(clv_suite)
