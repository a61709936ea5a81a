/* tests/unit/test_rfm.c - check suite for lib/rfm. */
#include "harness.h"

START_TEST(test_error_names)
{
	ck_assert_str_eq(cxm_error_name(CXM_EBAD_ARG), "BAD_ARG");
}
END_TEST

static Suite *rfm_suite(void)
{
	Suite *s = suite_create("rfm");
	TCase *tc = tcase_create("rfm");
	tcase_add_test(tc, test_error_names);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(rfm_suite)
