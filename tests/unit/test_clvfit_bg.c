/* tests/unit/test_clvfit_bg.c - check suite (being written). */
#include "harness.h"

START_TEST(test_model_names)
{
	ck_assert_str_eq(cxm_error_name(CXM_EBAD_ARG), "BAD_ARG");
}
END_TEST

static Suite *clvfit_bg_suite(void)
{
	Suite *s = suite_create("clvfit_bg");
	TCase *tc = tcase_create("clvfit_bg");
	tcase_add_test(tc, test_model_names);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(clvfit_bg_suite)
