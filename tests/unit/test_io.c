/* tests/unit/test_io.c - check suite for lib/io. */
#include "harness.h"

START_TEST(test_error_names)
{
	ck_assert_str_eq(cxm_error_name(CXM_EBAD_ARG), "BAD_ARG");
}
END_TEST

static Suite *io_suite(void)
{
	Suite *s = suite_create("io");
	TCase *tc = tcase_create("io");
	tcase_add_test(tc, test_error_names);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(io_suite)
