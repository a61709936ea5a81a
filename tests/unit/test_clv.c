/*
 * tests/unit/test_clv.c - check suite for lib/clv (spec §6).
 *
 * Expected numbers come from the golden vectors (vector id in a comment), the
 * spec's worked examples (§6, §12 rows 17-18), or the reference oracle cxref.py
 * (said so where used).
 */
#include <string.h>
#include "harness.h"

START_TEST(test_historic_vectors)
{
	double out = -1;
	/* clv_hist_feverbee: 3 purchases/yr x $70 x 3 yrs = $630 */
	ck_assert_status(cxm_clv_historic(&out, 70, 3, 3, 1), CXM_OK);
	ck_assert_close(out, 630.0);
	/* clv_hist_feverbee_margin: x 30 % = $189 */
	ck_assert_status(cxm_clv_historic(&out, 70, 3, 3, 0.3), CXM_OK);
	ck_assert_close(out, 189.0);
	/* clv_hist_allabout: exactly 1500 (the source's $1,005 is a slip, §9.16) */
	ck_assert_status(cxm_clv_historic(&out, 300, 1.6666666666666667, 3, 1), CXM_OK);
	ck_assert_close(out, 1500.0);
	/* clv_hist_negative */
	ck_assert_status(cxm_clv_historic(&out, -1, 1, 1, 1), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_historic(&out, 70, 3, 3, 0), CXM_OK);
	ck_assert(out == 0.0);
}
END_TEST

START_TEST(test_historic_errors)
{
	double out;
	ck_assert_status(cxm_clv_historic(&out, NAN, 1, 1, 1), CXM_ENAN);
	ck_assert_status(cxm_clv_historic(&out, 1, NAN, 1, 1), CXM_ENAN);
	ck_assert_status(cxm_clv_historic(&out, 1, 1, NAN, 1), CXM_ENAN);
	ck_assert_status(cxm_clv_historic(&out, 1, 1, 1, NAN), CXM_ENAN);
	ck_assert_status(cxm_clv_historic(&out, INFINITY, 1, 1, 1), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_historic(&out, 1, -2, 1, 1), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_historic(&out, 1, 1, -INFINITY, 1), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_historic(&out, 1, 1, 1, 1.01), CXM_EBAD_ARG);
	ck_assert_ptr_nonnull(strstr(cxm_error_last()->message, "gross_margin"));
	ck_assert_status(cxm_clv_historic(&out, 1, 1, 1, -0.1), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_historic(NULL, 1, 1, 1, 1), CXM_EBAD_ARG);
}
END_TEST

START_TEST(test_totals)
{
	cxm_clv_totals t = CXM_CLV_TOTALS_INIT;
	cxm_clv_totals v0 = CXM_CLV_TOTALS_INIT, v99 = CXM_CLV_TOTALS_INIT;
	/* clv_hist_totals */
	ck_assert_status(cxm_clv_historic_from_totals(&t, 900, 3, 1, 3), CXM_OK);
	ck_assert_close(t.aov, 300.0);
	ck_assert_close(t.purchase_frequency, 3.0);
	ck_assert_close(t.clv, 2700.0);
	/* feverbee (§6.1) from totals: 100 customers, 300 orders, $21 000 -> $630 over 3 yrs */
	ck_assert_status(cxm_clv_historic_from_totals(&t, 21000, 300, 100, 3), CXM_OK);
	ck_assert_close(t.aov, 70.0);
	ck_assert_close(t.purchase_frequency, 3.0);
	ck_assert_close(t.clv, 630.0);
	ck_assert_status(cxm_clv_historic_from_totals(&t, 900, 0, 1, 3), CXM_EEMPTY);
	ck_assert_status(cxm_clv_historic_from_totals(&t, 900, 3, 0, 3), CXM_EEMPTY);
	ck_assert_status(cxm_clv_historic_from_totals(&t, NAN, 3, 1, 3), CXM_ENAN);
	ck_assert_status(cxm_clv_historic_from_totals(&t, 900, 3, 1, NAN), CXM_ENAN);
	ck_assert_status(cxm_clv_historic_from_totals(&t, -900, 3, 1, 3), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_historic_from_totals(&t, 900, 2.5, 1, 3), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_historic_from_totals(&t, 900, 3, -1, 3), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_historic_from_totals(&t, 900, 3, 1, INFINITY), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_historic_from_totals(NULL, 900, 3, 1, 3), CXM_EBAD_ARG);
	v0.version = 0;
	v99.version = 99;
	ck_assert_status(cxm_clv_historic_from_totals(&v0, 900, 3, 1, 3), CXM_EVERSION);
	ck_assert_status(cxm_clv_historic_from_totals(&v99, 900, 3, 1, 3), CXM_EVERSION);
}
END_TEST

START_TEST(test_margin_vectors)
{
	double out = -1;
	/* clv_margin_basic: ealhamed (Gupta et al.), r = 80 %, i = 10 % -> 2.67 x margin */
	ck_assert_status(cxm_clv_margin(&out, 100, 0.8, 0.1), CXM_OK);
	ck_assert_close(out, 266.66666666666663);
	/* §12 row 18: the multiple itself (m = 1); 2.6666666666666665 from
	 * cxref.clv_margin(1, .8, .1), published as 2.67 */
	ck_assert_status(cxm_clv_margin(&out, 1, 0.8, 0.1), CXM_OK);
	ck_assert_close(out, 2.6666666666666665);
	ck_assert(fabs(out - 2.67) < 0.005);
	/* clv_margin_r0 */
	ck_assert_status(cxm_clv_margin(&out, 50, 0.0, 0.05), CXM_OK);
	ck_assert_close(out, 0.0);
	/* clv_margin_negative_margin: a loss-making customer */
	ck_assert_status(cxm_clv_margin(&out, -20, 0.5, 0.1), CXM_OK);
	ck_assert_close(out, -16.666666666666664);
	/* §6.2: r = 1 gives m / d; 499.99999999999955 from cxref.clv_margin(50, 1, 0.1) */
	ck_assert_status(cxm_clv_margin(&out, 50, 1.0, 0.1), CXM_OK);
	ck_assert_close(out, 499.99999999999955);
	/* clv_margin_domain: 1 + d - r = 0 */
	ck_assert_status(cxm_clv_margin(&out, 50, 1.0, 0.0), CXM_EDOMAIN);
}
END_TEST

START_TEST(test_margin_errors)
{
	double out;
	ck_assert_status(cxm_clv_margin(&out, NAN, 0.5, 0.1), CXM_ENAN);
	ck_assert_status(cxm_clv_margin(&out, 10, NAN, 0.1), CXM_ENAN);
	ck_assert_status(cxm_clv_margin(&out, 10, 0.5, NAN), CXM_ENAN);
	ck_assert_status(cxm_clv_margin(&out, INFINITY, 0.5, 0.1), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_margin(&out, -INFINITY, 0.5, 0.1), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_margin(&out, 10, 1.5, 0.1), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_margin(&out, 10, -0.1, 0.1), CXM_EBAD_ARG);
	ck_assert_ptr_nonnull(strstr(cxm_error_last()->message, "retention"));
	ck_assert_status(cxm_clv_margin(&out, 10, 0.5, -0.1), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_margin(&out, 10, 0.5, INFINITY), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_margin(NULL, 10, 0.5, 0.1), CXM_EBAD_ARG);
}
END_TEST

static Suite *clv_suite(void)
{
	Suite *s = suite_create("clv");
	TCase *tc = tcase_create("historic");
	tcase_add_test(tc, test_historic_vectors);
	tcase_add_test(tc, test_historic_errors);
	tcase_add_test(tc, test_totals);
	suite_add_tcase(s, tc);
	tc = tcase_create("margin");
	tcase_add_test(tc, test_margin_vectors);
	tcase_add_test(tc, test_margin_errors);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(clv_suite)
