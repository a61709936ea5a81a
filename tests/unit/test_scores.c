/* tests/unit/test_scores.c - NPS, CSAT, CES and the mergeable accumulators.
 * Expected values: golden vectors (ids in comments) and spec §12's published checks. */
#include <stdint.h>
#include <string.h>
#include "harness.h"
#include "scores/scores_internal.h"

/* ---- NPS ---- */

START_TEST(test_nps_published)
{
	cxm_nps_result r = CXM_NPS_RESULT_INIT;
	double rocks[] = { 0, 7, 7, 9, 9, 9 }; /* Rocks' NPS tests: 1/3 */
	double all[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
	double six[] = { 6 }; /* spec §1.2: 6 is a detractor, not "below 6" */
	double one_ten[] = { 1, 6, 7, 8, 9, 10 };
	ck_assert_status(cxm_nps(&r, rocks, 6, CXM_NPS_0_10, CXM_NAN_ERROR), CXM_OK);
	ck_assert_int_eq(r.n, 6);
	ck_assert_int_eq(r.promoters, 3);
	ck_assert_int_eq(r.passives, 2);
	ck_assert_int_eq(r.detractors, 1);
	ck_assert_close(r.nps, 33.333333333333336);
	ck_assert_close(r.pct_passives, 33.333333333333336);
	ck_assert_status(cxm_nps(&r, all, 11, CXM_NPS_0_10, CXM_NAN_ERROR), CXM_OK);
	ck_assert_close(r.nps, -45.45454545454545); /* nps_scores_all_points */
	ck_assert_status(cxm_nps(&r, six, 1, CXM_NPS_0_10, CXM_NAN_ERROR), CXM_OK);
	ck_assert_int_eq(r.detractors, 1);
	ck_assert_close(r.nps, -100.0);
	ck_assert_status(cxm_nps(&r, one_ten, 6, CXM_NPS_1_10, CXM_NAN_ERROR), CXM_OK);
	ck_assert_close(r.nps, 0.0); /* nps_scale_1_10_valid: 2 / 2 / 2 */
	ck_assert_status(cxm_nps(&r, all, 11, CXM_NPS_1_10, CXM_NAN_ERROR), CXM_EOUT_OF_RANGE);
}
END_TEST

START_TEST(test_nps_errors_and_nan)
{
	cxm_nps_result r = CXM_NPS_RESULT_INIT;
	double high[] = { 9, 11, 5 }, frac[] = { 9, 6.5 }, withnan[] = { 9, NAN, 3 };
	double allnan[] = { NAN, NAN }, inf[] = { INFINITY };
	ck_assert_status(cxm_nps(&r, high, 3, CXM_NPS_0_10, CXM_NAN_ERROR), CXM_EOUT_OF_RANGE);
	ck_assert_status(cxm_nps(&r, frac, 2, CXM_NPS_0_10, CXM_NAN_ERROR), CXM_ENON_INTEGER);
	ck_assert_status(cxm_nps(&r, withnan, 3, CXM_NPS_0_10, CXM_NAN_ERROR), CXM_ENAN);
	ck_assert_status(cxm_nps(&r, inf, 1, CXM_NPS_0_10, CXM_NAN_ERROR), CXM_EOUT_OF_RANGE);
	ck_assert_status(cxm_nps(&r, withnan, 3, CXM_NPS_0_10, CXM_NAN_OMIT), CXM_OK);
	ck_assert_int_eq(r.n, 2);
	ck_assert_close(r.nps, 0.0); /* one promoter, one detractor */
	ck_assert_status(cxm_nps(&r, allnan, 2, CXM_NPS_0_10, CXM_NAN_OMIT), CXM_EEMPTY);
	ck_assert_status(cxm_nps(&r, NULL, 0, CXM_NPS_0_10, CXM_NAN_ERROR), CXM_EEMPTY);
	ck_assert_status(cxm_nps(&r, NULL, 2, CXM_NPS_0_10, CXM_NAN_ERROR), CXM_EBAD_ARG);
	ck_assert_status(cxm_nps(&r, high, 3, 5, CXM_NAN_ERROR), CXM_EBAD_ARG);
	ck_assert_status(cxm_nps(&r, high, 3, CXM_NPS_0_10, 2), CXM_EBAD_ARG);
	ck_assert_status(cxm_nps(NULL, high, 3, CXM_NPS_0_10, CXM_NAN_ERROR), CXM_EBAD_ARG);
}
END_TEST

START_TEST(test_nps_scale_range)
{
	/* spec §1.2: 0-10, or 1-10 with the same cut points */
	int lo = -1, hi = -1, scale;
	ck_assert_status(cxm_nps_scale_range(&lo, &hi, CXM_NPS_0_10), CXM_OK);
	ck_assert_int_eq(lo, 0);
	ck_assert_int_eq(hi, 10);
	ck_assert_status(cxm_names_parse(&scale, CXM_NAMES_NPS_SCALE, "1-10"), CXM_OK);
	ck_assert_status(cxm_nps_scale_range(&lo, &hi, scale), CXM_OK);
	ck_assert_int_eq(lo, 1);
	ck_assert_int_eq(hi, 10);
	ck_assert_status(cxm_nps_scale_range(&lo, &hi, 2), CXM_EBAD_ARG);
	assert_message_has("scale is 2");
	ck_assert_status(cxm_nps_scale_range(NULL, &hi, CXM_NPS_0_10), CXM_EBAD_ARG);
	ck_assert_status(cxm_nps_scale_range(&lo, NULL, CXM_NPS_0_10), CXM_EBAD_ARG);
}
END_TEST

START_TEST(test_nps_counts)
{
	cxm_nps_result r = CXM_NPS_RESULT_INIT;
	ck_assert_status(cxm_nps_counts(&r, 291, 476, 395), CXM_OK);
	ck_assert_close(r.nps, -8.95008605851979); /* talkstats: "-9" */
	ck_assert(cxm_round_half_away(r.nps) == -9.0);
	ck_assert_status(cxm_nps_counts(&r, 0, 0, 0), CXM_EEMPTY);
	ck_assert_status(cxm_nps_counts(&r, 4.5, 3, 2), CXM_EBAD_ARG);
	ck_assert_status(cxm_nps_counts(&r, -1, 3, 2), CXM_EBAD_ARG);
	ck_assert_status(cxm_nps_counts(&r, NAN, 3, 2), CXM_EBAD_ARG);
	ck_assert_status(cxm_nps_counts(&r, INFINITY, 3, 2), CXM_EBAD_ARG);
}
END_TEST

START_TEST(test_nps_wald)
{
	cxm_nps_ci c = CXM_NPS_CI_INIT;
	/* Rocks: counts (1,1,1) se .471; (3,2,1) var 5/9, se .304 (nps_wald_rocks_*) */
	ck_assert_status(cxm_nps_wald(&c, 1, 1, 1, 0.95, CXM_Z_FROM_CONF), CXM_OK);
	ck_assert_close(c.se, 47.14045207910317);
	ck_assert_status(cxm_nps_wald(&c, 3, 2, 1, 0.95, CXM_Z_FROM_CONF), CXM_OK);
	ck_assert_close(c.var_unit, 0.5555555555555555);
	ck_assert_close(c.se, 30.429030972509224);
	ck_assert_close(c.lower, -26.30647145723856);
	ck_assert_close(c.upper, 92.97313812390523);
	ck_assert(c.nps_adj == c.nps && c.n_adj == 6.0);
	/* talkstats thread: MoE "4.4" at z = 1.96 (nps_wald_talkstats_1162) */
	ck_assert_status(cxm_nps_wald(&c, 291, 476, 395, 0.95, 1.96), CXM_OK);
	ck_assert_close(c.moe, 4.3877859753409405);
	ck_assert(c.z == 1.96);
	/* n = 1: se 0 (Rocks: nps_se(1) == 0) */
	ck_assert_status(cxm_nps_wald(&c, 1, 0, 0, 0.95, CXM_Z_FROM_CONF), CXM_OK);
	ck_assert(c.se == 0.0 && c.lower == 100.0 && c.upper == 100.0);
	ck_assert_status(cxm_nps_wald(&c, 0, 0, 0, 0.95, 0), CXM_EEMPTY);
	ck_assert_status(cxm_nps_wald(&c, 4.5, 3, 2, 0.95, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_nps_wald(&c, 4, 3, 2, 1.0, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_nps_wald(&c, 4, 3, 2, 0.95, NAN), CXM_EBAD_ARG);
}
END_TEST

START_TEST(test_nps_adjusted_wald)
{
	cxm_nps_ci c = CXM_NPS_CI_INIT;
	/* MeasuringU recipe == Rocks adjusted.wald: (3,2,1) -> NPS_adj 22.22, se 24.98 */
	ck_assert_status(cxm_nps_adjusted_wald(&c, 3, 2, 1, 0.95, CXM_Z_FROM_CONF), CXM_OK);
	ck_assert_close(c.nps, 33.333333333333336);
	ck_assert_close(c.nps_adj, 22.222222222222225);
	ck_assert_close(c.n_adj, 9.0);
	ck_assert_close(c.se, 24.982847339318596);
	ck_assert_close(c.lower, -26.743258794104538);
	/* unclipped upper bound above 100 (nps_adjwald_all_promoters_n10) */
	ck_assert_status(cxm_nps_adjusted_wald(&c, 10, 0, 0, 0.95, CXM_Z_FROM_CONF), CXM_OK);
	ck_assert_close(c.upper, 106.34260230136364);
	ck_assert_status(cxm_nps_adjusted_wald(&c, 0, 0, 0, 0.95, 0), CXM_EEMPTY);
}
END_TEST

START_TEST(test_nps_trinomial_t)
{
	cxm_nps_t_ci t = CXM_NPS_T_CI_INIT;
	ck_assert_status(cxm_nps_trinomial_t(&t, 3, 2, 1, 0.95), CXM_OK); /* nps_t_123 */
	ck_assert_close(t.sd_unit, 0.816496580927726);
	ck_assert_close(t.se, 33.333333333333336);
	ck_assert_int_eq(t.df, 5);
	ck_assert_close(t.t, 2.570581835636314);
	ck_assert_close(t.upper, 119.01939452121047);
	ck_assert_status(cxm_nps_trinomial_t(&t, 1, 0, 0, 0.95), CXM_ETOO_FEW);
	ck_assert_status(cxm_nps_trinomial_t(&t, 0, 0, 0, 0.95), CXM_EEMPTY);
	ck_assert_status(cxm_nps_trinomial_t(&t, 3, 2, 1, 0.0), CXM_EBAD_ARG);
}
END_TEST

START_TEST(test_nps_compare)
{
	cxm_nps_comparison c = CXM_NPS_COMPARISON_INIT;
	/* nps_cmp_adjwald */
	ck_assert_status(cxm_nps_compare(&c, 40, 30, 30, 30, 30, 40, CXM_NPS_ADJUSTED_WALD, 0.95, 0), CXM_OK);
	ck_assert_close(c.diff, 19.417475728155342);
	ck_assert_close(c.se, 11.53086864409705);
	ck_assert_close(c.z_stat, 1.6839560251252754);
	ck_assert_close(c.p_value, 0.0921901676321192);
	ck_assert_close(c.lower, -3.18261152473708);
	/* nps_cmp_wald, signed a - b */
	ck_assert_status(cxm_nps_compare(&c, 30, 30, 40, 40, 30, 30, CXM_NPS_WALD, 0.95, 0), CXM_OK);
	ck_assert_close(c.diff, -20.000000000000007);
	ck_assert_close(c.p_value, 0.0886592320827471);
	/* both se 0, diff 0 -> z 0, p 1 (nps_cmp_wald_degenerate_equal) */
	ck_assert_status(cxm_nps_compare(&c, 5, 0, 0, 7, 0, 0, CXM_NPS_WALD, 0.95, 0), CXM_OK);
	ck_assert(c.z_stat == 0.0 && c.p_value == 1.0);
	/* se 0, diff != 0 -> z = inf, p = 0 */
	ck_assert_status(cxm_nps_compare(&c, 5, 0, 0, 0, 0, 7, CXM_NPS_WALD, 0.95, 0), CXM_OK);
	ck_assert(isinf(c.z_stat) && c.z_stat > 0 && c.p_value == 0.0);
	ck_assert_status(cxm_nps_compare(&c, 5, 1, 1, 0, 0, 0, CXM_NPS_ADJUSTED_WALD, 0.95, 0), CXM_EEMPTY);
	ck_assert_ptr_nonnull(strstr(cxm_error_last()->message, "sample b"));
	ck_assert_status(cxm_nps_compare(&c, 5, 1, 1, 1, 1, 1, 7, 0.95, 0), CXM_EBAD_ARG);
}
END_TEST

START_TEST(test_nps_weighted)
{
	cxm_nps_weighted_result w = CXM_NPS_WEIGHTED_RESULT_INIT;
	cxm_nps_ci c = CXM_NPS_CI_INIT;
	double s[] = { 0, 7, 7, 9, 9, 9 }, ones[] = { 1, 1, 1, 1, 1, 1 }, threes[] = { 3, 3, 3, 3, 3, 3 };
	double su[] = { 10, 9, 8, 7, 6, 5, 0, 10 }, wu[] = { 0.5, 1.5, 1.0, 2.0, 0.25, 1.0, 3.0, 0.75 };
	double sz[] = { 10, 0, 9, 8 }, wz[] = { 1, 0, 1, 1 }, neg[] = { 1, -1 }, zero[] = { 0, 0 };
	double snan[] = { 10, NAN, 0 }, wnan[] = { 1, NAN, 1 }, w3[] = { 1, 5, 1 };
	/* equal weights reproduce Wald exactly (nps_w_unit_weights) */
	ck_assert_status(cxm_nps_weighted(&w, s, 6, ones, 6, CXM_NPS_0_10, CXM_NAN_ERROR, 0.95, 0), CXM_OK);
	ck_assert_status(cxm_nps_wald(&c, 3, 2, 1, 0.95, 0), CXM_OK);
	ck_assert_close(w.se, c.se);
	ck_assert_close(w.n_eff, 6.0);
	ck_assert_close(w.deff, 1.0);
	/* scaling weights changes only sum_w and sum_w2 */
	ck_assert_status(cxm_nps_weighted(&w, s, 6, threes, 6, CXM_NPS_0_10, CXM_NAN_ERROR, 0.95, 0), CXM_OK);
	ck_assert_close(w.se, c.se);
	ck_assert_close(w.sum_w, 18.0);
	ck_assert_close(w.sum_w2, 54.0);
	/* nps_w_unequal */
	ck_assert_status(cxm_nps_weighted(&w, su, 8, wu, 8, CXM_NPS_0_10, CXM_NAN_ERROR, 0.95, 0), CXM_OK);
	ck_assert_close(w.sum_w2, 18.125);
	ck_assert_close(w.n_eff, 5.517241379310345);
	ck_assert_close(w.deff, 1.45);
	ck_assert_close(w.nps, -14.999999999999996);
	ck_assert_close(w.se, 35.042385050107534);
	/* zero weights count in n but not n_pos (nps_w_zero_weights_some) */
	ck_assert_status(cxm_nps_weighted(&w, sz, 4, wz, 4, CXM_NPS_0_10, CXM_NAN_ERROR, 0.95, 0), CXM_OK);
	ck_assert_int_eq(w.n, 4);
	ck_assert_int_eq(w.n_pos, 3);
	ck_assert_close(w.upper, 120.0101297372812);
	/* a NaN score with omit drops its row, weight included */
	ck_assert_status(cxm_nps_weighted(&w, snan, 3, w3, 3, CXM_NPS_0_10, CXM_NAN_OMIT, 0.95, 0), CXM_OK);
	ck_assert_int_eq(w.n, 2);
	ck_assert_close(w.sum_w, 2.0);
	ck_assert_status(cxm_nps_weighted(&w, snan, 3, w3, 3, CXM_NPS_0_10, CXM_NAN_ERROR, 0.95, 0), CXM_ENAN);
	ck_assert_status(cxm_nps_weighted(&w, s, 3, wnan, 3, CXM_NPS_0_10, CXM_NAN_ERROR, 0.95, 0), CXM_EBAD_WEIGHTS);
	ck_assert_status(cxm_nps_weighted(&w, sz, 2, neg, 2, CXM_NPS_0_10, CXM_NAN_ERROR, 0.95, 0), CXM_EBAD_WEIGHTS);
	ck_assert_status(cxm_nps_weighted(&w, sz, 2, zero, 2, CXM_NPS_0_10, CXM_NAN_ERROR, 0.95, 0), CXM_EBAD_WEIGHTS);
	{ /* regression: a weight whose square overflows gave n_eff = inf and se = 0 */
		double huge[] = { 1e200, 1.0 };
		ck_assert_status(cxm_nps_weighted(&w, sz, 2, huge, 2, CXM_NPS_0_10, CXM_NAN_ERROR, 0.95, 0),
				 CXM_EBAD_WEIGHTS);
		assert_message_has("at most 2^256");
	}
	ck_assert_status(cxm_nps_weighted(&w, su, 3, wu, 2, CXM_NPS_0_10, CXM_NAN_ERROR, 0.95, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_nps_weighted(&w, NULL, 0, NULL, 0, CXM_NPS_0_10, CXM_NAN_ERROR, 0.95, 0), CXM_EEMPTY);
}
END_TEST

/* ---- CSAT and CES ---- */

static size_t fill(double *out, const int *counts, int lo, int hi)
{
	size_t n = 0;
	int v, k;
	for (v = hi; v >= lo; v--)
		for (k = 0; k < counts[v - lo]; k++)
			out[n++] = v;
	return n;
}

START_TEST(test_csat_published)
{
	cxm_csat_result r = CXM_CSAT_RESULT_INIT;
	double s[200];
	int delighted[] = { 14, 9, 10, 32, 42 }, intercom[] = { 5, 5, 10, 20, 10 };
	double s13[] = { 1, 2, 3, 3, 2, 3 }, s110[] = { 10, 9, 8, 7, 1, 10 }, one[] = { 4 };
	size_t n = fill(s, delighted, 1, 5);
	/* Delighted: 42/32/10/9/14 -> 74/107 = 69.16 -> 69 */
	ck_assert_status(cxm_csat(&r, s, n, 1, 5, CXM_CSAT_DEFAULT_THRESHOLD, CXM_NAN_ERROR, 0.95, 0), CXM_OK);
	ck_assert_int_eq(r.n, 107);
	ck_assert_int_eq(r.threshold, 4);
	ck_assert_int_eq(r.n_satisfied, 74);
	ck_assert_close(r.pct_satisfied, 69.1588785046729);
	ck_assert(cxm_round_half_away(r.pct_satisfied) == 69.0);
	ck_assert_close(r.mean, 3.7383177570093458);
	ck_assert_close(r.sd, 1.3963324508054233);
	ck_assert_close(r.wilson_lower, 59.871509132198554);
	ck_assert_close(r.wilson_upper, 77.11826025212977);
	/* Intercom: 10/20/10/5/5 -> 60 % */
	n = fill(s, intercom, 1, 5);
	ck_assert_status(cxm_csat(&r, s, n, 1, 5, CXM_CSAT_DEFAULT_THRESHOLD, CXM_NAN_ERROR, 0.95, 0), CXM_OK);
	ck_assert_close(r.pct_satisfied, 60.0);
	/* top box on 1-3; top-2 on 1-10, or 8 when asked */
	ck_assert_status(cxm_csat(&r, s13, 6, 1, 3, CXM_CSAT_DEFAULT_THRESHOLD, CXM_NAN_ERROR, 0.95, 0), CXM_OK);
	ck_assert_int_eq(r.threshold, 3);
	ck_assert_close(r.pct_satisfied, 50.0);
	ck_assert_status(cxm_csat(&r, s110, 6, 1, 10, CXM_CSAT_DEFAULT_THRESHOLD, CXM_NAN_ERROR, 0.95, 0), CXM_OK);
	ck_assert_int_eq(r.threshold, 9);
	ck_assert_status(cxm_csat(&r, s110, 6, 1, 10, 8, CXM_NAN_ERROR, 0.95, 0), CXM_OK);
	ck_assert_close(r.pct_satisfied, 66.66666666666667);
	ck_assert_close(r.wilson_lower, 29.999331513839202);
	/* sd undefined for n = 1 */
	ck_assert_status(cxm_csat(&r, one, 1, 1, 5, CXM_CSAT_DEFAULT_THRESHOLD, CXM_NAN_ERROR, 0.95, 0), CXM_OK);
	ck_assert(isnan(r.sd));
}
END_TEST

START_TEST(test_csat_errors)
{
	cxm_csat_result r = CXM_CSAT_RESULT_INIT;
	double zero[] = { 0, 5 }, six[] = { 6, 5 }, ok[] = { 5, 1 };
	ck_assert_status(cxm_csat(&r, zero, 2, 1, 5, CXM_CSAT_DEFAULT_THRESHOLD, 0, 0.95, 0), CXM_EOUT_OF_RANGE);
	ck_assert_status(cxm_csat(&r, six, 2, 1, 5, CXM_CSAT_DEFAULT_THRESHOLD, 0, 0.95, 0), CXM_EOUT_OF_RANGE);
	ck_assert_status(cxm_csat(&r, ok, 0, 1, 5, CXM_CSAT_DEFAULT_THRESHOLD, 0, 0.95, 0), CXM_EEMPTY);
	ck_assert_status(cxm_csat(&r, ok, 2, 1, 5, 6, 0, 0.95, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_csat(&r, ok, 2, 5, 1, CXM_CSAT_DEFAULT_THRESHOLD, 0, 0.95, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_csat(&r, ok, 2, 1, 5, CXM_CSAT_DEFAULT_THRESHOLD, 0, 2.0, 0), CXM_EBAD_ARG);
}
END_TEST

START_TEST(test_ces)
{
	cxm_ces_result c = CXM_CES_RESULT_INIT;
	double delighted[] = { 1, 2, 1, 2, 1, 3, 3, 3, 3, 3, 4, 5, 4, 5, 4, 5, 4, 5, 4, 5 };
	double calc[] = { 4, 5, 6, 7, 7 }, mixed[] = { 1, 2, 3, 4, 5, 6, 7, 7, 6, 5 };
	double bad5[] = { 0, 4 }, bad7[] = { 8, 5 }, nan7[] = { 7, NAN }, frac[] = { 4.5 };
	/* Delighted CES (spec §3.1, vector ces5_delighted): 5 disagree (1-2), 5
	 * neutral, 10 agree (4-5) -> 50; mean 67/20 = 3.35 */
	ck_assert_status(cxm_ces(&c, delighted, 20, 5, CXM_NAN_ERROR, 0.95, CXM_Z_FROM_CONF), CXM_OK);
	ck_assert_int_eq(c.points, 5);
	ck_assert_uint_eq(c.n, 20);
	ck_assert_uint_eq(c.n_agree, 10);
	ck_assert_close(c.pct_agree, 50.0);
	ck_assert_uint_eq(c.n_disagree, 5);
	ck_assert_close(c.pct_disagree, 25.0);
	ck_assert_close(c.mean, 3.35);
	/* Wilson of 10/20 at 95 %, the report's CES interval, now in scores: the
	 * reference oracle shared/spec/cxref.py 1.0.0, wilson(10, 20) =
	 * (0.2992980081982123, 0.7007019918017877); R's prop.test(10, 20,
	 * correct = FALSE) prints 0.2992980 0.7007020 */
	ck_assert_close(c.wilson_lower, 29.92980081982123);
	ck_assert_close(c.wilson_upper, 70.07019918017877);
	/* z given explicitly instead of conf */
	ck_assert_status(cxm_ces(&c, delighted, 20, 5, CXM_NAN_ERROR, 0.5, 1.959963984540054), CXM_OK);
	ck_assert_close(c.wilson_lower, 29.92980081982123);
	/* calculator.academy 4+5+6+7+7: mean 5.8 (the page's 4.8 is a slip, spec §9.16) */
	ck_assert_status(cxm_ces(&c, calc, 5, 7, CXM_NAN_ERROR, 0.95, 0), CXM_OK);
	ck_assert_int_eq(c.points, 7);
	ck_assert_close(c.mean, 5.8);
	ck_assert_close(c.sd, 1.3038404810405297);
	ck_assert_close(c.pct_agree, 80.0);
	ck_assert_uint_eq(c.n_disagree, 0);
	ck_assert_status(cxm_ces(&c, mixed, 10, 7, CXM_NAN_ERROR, 0.95, 0), CXM_OK); /* ces7_mixed */
	ck_assert_close(c.sd, 2.065591117977289);
	ck_assert_uint_eq(c.n_agree, 6);    /* 5 6 7 7 6 5 */
	ck_assert_uint_eq(c.n_disagree, 3); /* 1 2 3; 4 is neutral */
	ck_assert_close(c.pct_disagree, 30.0);
	/* the same answers on 1..5 count 4-5 as agree and 1-2 as disagree */
	ck_assert_status(cxm_ces(&c, mixed, 5, 5, CXM_NAN_ERROR, 0.95, 0), CXM_OK); /* 1 2 3 4 5 */
	ck_assert_uint_eq(c.n_agree, 2);
	ck_assert_uint_eq(c.n_disagree, 2);
	ck_assert_close(c.mean, 3.0);
	/* errors */
	ck_assert_status(cxm_ces(&c, bad5, 2, 5, CXM_NAN_ERROR, 0.95, 0), CXM_EOUT_OF_RANGE);
	assert_message_has("scores[0] = 0 is outside the scale 1..5");
	ck_assert_status(cxm_ces(&c, bad5, 0, 5, CXM_NAN_ERROR, 0.95, 0), CXM_EEMPTY);
	ck_assert_status(cxm_ces(&c, bad7, 2, 7, CXM_NAN_ERROR, 0.95, 0), CXM_EOUT_OF_RANGE);
	ck_assert_status(cxm_ces(&c, bad7 + 1, 1, 4, CXM_NAN_ERROR, 0.95, 0), CXM_EBAD_ARG);
	assert_message_has("points is 4");
	ck_assert_status(cxm_ces(&c, frac, 1, 5, CXM_NAN_ERROR, 0.95, 0), CXM_ENON_INTEGER);
	ck_assert_status(cxm_ces(&c, calc, 5, 7, CXM_NAN_ERROR, 1.0, 0), CXM_EBAD_ARG);
	assert_message_has("conf");
	ck_assert_status(cxm_ces(&c, calc, 5, 7, CXM_NAN_ERROR, 0.95, -1.0), CXM_EBAD_ARG);
	ck_assert_status(cxm_ces(&c, nan7, 2, 7, CXM_NAN_ERROR, 0.95, 0), CXM_ENAN);
	ck_assert_status(cxm_ces(&c, nan7, 2, 7, CXM_NAN_OMIT, 0.95, 0), CXM_OK);
	ck_assert(isnan(c.sd));
	ck_assert_close(c.wilson_upper, 100.0); /* 1 of 1 agree: upper is 1 exactly (spec §2.3) */
	ck_assert_status(cxm_ces(NULL, calc, 5, 7, CXM_NAN_ERROR, 0.95, 0), CXM_EBAD_ARG);
	c.version = 3; /* version 2 is known since the scale fields (spec §3.4) */
	ck_assert_status(cxm_ces(&c, calc, 5, 7, CXM_NAN_ERROR, 0.95, 0), CXM_EVERSION);
}
END_TEST

/* ---- the byte fast path against the double path ---- */

/* Results are compared with memcmp (bit for bit), so padding must be zero too:
 * an initialiser does not promise that, memset does. */
#define ZEROED(var, VERSION) (memset(&(var), 0, sizeof(var)), (var).version = (VERSION))

/* Deterministic pseudo-random answers on lo..hi (xorshift; any stream will do). */
static void answers(uint8_t *b, double *d, size_t n, int lo, int hi, uint64_t seed)
{
	size_t i;
	for (i = 0; i < n; i++) {
		seed ^= seed << 13;
		seed ^= seed >> 7;
		seed ^= seed << 17;
		b[i] = (uint8_t)(lo + (int)(seed % (uint64_t)(hi - lo + 1)));
		d[i] = b[i];
	}
}

START_TEST(test_u8_matches_double)
{
	/* lengths around vector widths, the 255-step counter flush and threading */
	static const size_t lengths[] = { 0, 1, 31, 32, 33, 255, 256, 8159, 8160, 8161,
					  65537, (1u << 22) - 1, (1u << 22) + 1 };
	size_t max = (1u << 22) + 8, k;
	uint8_t *b = malloc(max + 1);
	double *d = malloc(max * sizeof *d);
	answers(b + 1, d, max, 0, 10, 42);
	for (k = 0; k < sizeof lengths / sizeof lengths[0]; k++) {
		size_t n = lengths[k];
		cxm_nps_result r1, r2;
		int rc1, rc2;
		ZEROED(r1, CXM_NPS_RESULT_VERSION);
		ZEROED(r2, CXM_NPS_RESULT_VERSION);
		rc1 = cxm_nps_u8(&r1, b + 1, n, CXM_NPS_0_10); /* b + 1: unaligned */
		rc2 = cxm_nps(&r2, d, n, CXM_NPS_0_10, CXM_NAN_ERROR);
		ck_assert_int_eq(rc1, rc2);
		ck_assert_msg(memcmp(&r1, &r2, sizeof r1) == 0, "nps differs at n = %zu", n);
	}
	answers(b, d, max, 1, 5, 7);
	for (k = 1; k < sizeof lengths / sizeof lengths[0]; k++) {
		size_t n = lengths[k];
		cxm_csat_result c1, c2;
		cxm_ces_result e1, e2;
		ZEROED(c1, CXM_CSAT_RESULT_VERSION);
		ZEROED(c2, CXM_CSAT_RESULT_VERSION);
		ZEROED(e1, CXM_CES_RESULT_VERSION);
		ZEROED(e2, CXM_CES_RESULT_VERSION);
		ck_assert_status(cxm_csat_u8(&c1, b, n, 1, 5, CXM_CSAT_DEFAULT_THRESHOLD, 0.95, 0), CXM_OK);
		ck_assert_status(cxm_csat(&c2, d, n, 1, 5, CXM_CSAT_DEFAULT_THRESHOLD, CXM_NAN_ERROR, 0.95, 0), CXM_OK);
		ck_assert_msg(memcmp(&c1, &c2, sizeof c1) == 0, "csat differs at n = %zu", n);
		ck_assert_status(cxm_ces_u8(&e1, b, n, 5, 0.95, 0), CXM_OK);
		ck_assert_status(cxm_ces(&e2, d, n, 5, CXM_NAN_ERROR, 0.95, 0), CXM_OK);
		ck_assert_msg(memcmp(&e1, &e2, sizeof e1) == 0, "ces differs at n = %zu", n);
	}
	free(b);
	free(d);
}
END_TEST

START_TEST(test_u8_out_of_range_anywhere)
{
	/* a bad byte first, last, in the middle, on either side of the scale */
	size_t n = (1u << 22) + 3, pos[] = { 0, 17, 8160, (1u << 21) + 5, (1u << 22) + 2 }, k;
	uint8_t *b = malloc(n);
	double *d = malloc(n * sizeof *d);
	cxm_nps_result r = CXM_NPS_RESULT_INIT;
	cxm_ces_result c = CXM_CES_RESULT_INIT;
	char expect[64];
	answers(b, d, n, 1, 7, 99);
	for (k = 0; k < sizeof pos / sizeof pos[0]; k++) {
		uint8_t keep = b[pos[k]];
		b[pos[k]] = 0;
		ck_assert_status(cxm_ces_u8(&c, b, n, 7, 0.95, 0), CXM_EOUT_OF_RANGE);
		snprintf(expect, sizeof expect, "scores[%zu] = 0", pos[k]);
		ck_assert_msg(strstr(cxm_error_last()->message, expect) != NULL, "%s", cxm_error_last()->message);
		b[pos[k]] = 255;
		ck_assert_status(cxm_ces_u8(&c, b, n, 7, 0.95, 0), CXM_EOUT_OF_RANGE);
		ck_assert_status(cxm_nps_u8(&r, b, n, CXM_NPS_0_10), CXM_EOUT_OF_RANGE);
		b[pos[k]] = keep;
	}
	ck_assert_status(cxm_ces_u8(&c, b, n, 7, 0.95, 0), CXM_OK);
	b[5] = 0;
	ck_assert_status(cxm_nps_u8(&r, b, 100, CXM_NPS_1_10), CXM_EOUT_OF_RANGE);
	ck_assert_status(cxm_nps_u8(&r, b, 100, CXM_NPS_0_10), CXM_OK);
	ck_assert_status(cxm_nps_u8(&r, NULL, 1, CXM_NPS_0_10), CXM_EBAD_ARG);
	ck_assert_status(cxm_csat_u8(NULL, b, 1, 1, 5, 4, 0.95, 0), CXM_EBAD_ARG);
	free(b);
	free(d);
}
END_TEST

/* The byte kernel against a naive tally: lengths around every vector width and
 * counter flush, unaligned starts, many scales, and offenders anywhere,
 * including either side of the two-thread split. */
static int naive_tally(uint64_t *counts, const uint8_t *s, size_t n, int lo, int hi, size_t *first_bad)
{
	size_t i;
	memset(counts, 0, (size_t)(hi - lo + 1) * sizeof *counts);
	for (i = 0; i < n; i++) {
		if (s[i] < lo || s[i] > hi) {
			*first_bad = i;
			return CXM_EOUT_OF_RANGE;
		}
		counts[s[i] - lo]++;
	}
	return CXM_OK;
}

static void check_kernel(const uint8_t *s, size_t n, int lo, int hi)
{
	uint64_t got[256], want[256];
	size_t bad = 0;
	int rc_want = naive_tally(want, s, n, lo, hi, &bad);
	int rc_got = cxm__tally_u8(got, s, n, lo, hi);
	ck_assert_msg(rc_got == rc_want, "n = %zu, scale %d..%d: status %d, expected %d", n, lo, hi,
		      rc_got, rc_want);
	if (rc_want == CXM_OK) {
		ck_assert_msg(memcmp(got, want, (size_t)(hi - lo + 1) * sizeof *got) == 0,
			      "n = %zu, scale %d..%d: counts differ", n, lo, hi);
	} else {
		char expect[80];
		snprintf(expect, sizeof expect, "scores[%zu] = %d is outside the scale %d..%d", bad, s[bad], lo, hi);
		assert_message_has(expect);
	}
}

START_TEST(test_u8_kernel_edges)
{
	static const size_t lengths[] = { 0, 1, 15, 16, 17, 31, 32, 33, 63, 64, 65, 4079, 4080, 4081,
					  8159, 8160, 8161, 16319, 16320, 16321, 100003 };
	static const size_t offsets[] = { 0, 1, 37, 63 };
	static const int scales[][2] = { { 0, 10 }, { 1, 10 }, { 1, 5 }, { 1, 7 }, { 1, 3 }, { 4, 5 },
					 { 0, 11 }, { 1, 16 }, { 0, 16 }, { 3, 30 }, { 0, 255 },
					 { 1, 255 }, { 240, 255 }, { 128, 130 } };
	size_t big = CXM__U8_THREADS_MIN + 300, li, oi, si;
	uint8_t *buf = malloc(big + 64);
	double *unused = malloc((big + 64) * sizeof *unused);
	for (si = 0; si < sizeof scales / sizeof scales[0]; si++) {
		int lo = scales[si][0], hi = scales[si][1];
		answers(buf, unused, 100003 + 64, lo, hi, 1234 + si);
		for (li = 0; li < sizeof lengths / sizeof lengths[0]; li++)
			for (oi = 0; oi < sizeof offsets / sizeof offsets[0]; oi++)
				check_kernel(buf + offsets[oi], lengths[li], lo, hi);
		memset(buf, lo, 1000); /* all equal to lo, then to hi */
		check_kernel(buf + 3, 997, lo, hi);
		memset(buf, hi, 1000);
		check_kernel(buf + 3, 997, lo, hi);
	}
	/* every byte value at the first, a middle and the last position, on 1..7 */
	for (si = 0; si < 256; si++) {
		size_t pos[] = { 0, 500, 999 }, k;
		answers(buf, unused, 1000, 1, 7, 77);
		for (k = 0; k < 3; k++) {
			uint8_t keep = buf[pos[k]];
			buf[pos[k]] = (uint8_t)si;
			check_kernel(buf, 1000, 1, 7);
			buf[pos[k]] = keep;
		}
	}
	/* two offenders: the first is named */
	answers(buf, unused, 5000, 1, 5, 5);
	buf[4000] = 9;
	buf[1234] = 0;
	check_kernel(buf, 5000, 1, 5);
	/* around the two-thread threshold, offenders in the second half */
	answers(buf, unused, big, 0, 10, 31);
	{
		size_t ns[] = { CXM__U8_THREADS_MIN - 1, CXM__U8_THREADS_MIN, CXM__U8_THREADS_MIN + 1,
				CXM__U8_THREADS_MIN + 299 }, k;
		for (k = 0; k < 4; k++) {
			size_t n = ns[k], where[] = { n / 2 - 1, n / 2, n - 1 }, w;
			check_kernel(buf, n, 0, 10);
			for (w = 0; w < 3; w++) {
				uint8_t keep = buf[where[w]];
				buf[where[w]] = 11;
				check_kernel(buf, n, 0, 10);
				buf[where[w]] = keep;
			}
		}
	}
	free(buf);
	free(unused);
}
END_TEST

/* ---- accumulators ---- */

START_TEST(test_acc_merge_is_bit_identical)
{
	enum { N = 30011 };
	double *d = malloc(N * sizeof *d), *w = malloc(N * sizeof *w);
	uint8_t *b = malloc(N);
	cxm_score_acc *parts[3] = { NULL, NULL, NULL }, *wparts[2] = { NULL, NULL };
	cxm_nps_result one, merged;
	cxm_csat_result c1, c2;
	cxm_nps_weighted_result w1, w2;
	size_t i;
	ZEROED(one, CXM_NPS_RESULT_VERSION);
	ZEROED(merged, CXM_NPS_RESULT_VERSION);
	ZEROED(c1, CXM_CSAT_RESULT_VERSION);
	ZEROED(c2, CXM_CSAT_RESULT_VERSION);
	ZEROED(w1, CXM_NPS_WEIGHTED_RESULT_VERSION);
	ZEROED(w2, CXM_NPS_WEIGHTED_RESULT_VERSION);
	answers(b, d, N, 0, 10, 2024);
	for (i = 0; i < N; i++)
		w[i] = 0.5 + (double)(i % 97) / 37.0; /* unequal weights with inexact sums */
	for (i = 0; i < 3; i++)
		ck_assert_status(cxm_score_acc_new(&parts[i], 0, 10), CXM_OK);
	/* the same rows, split unevenly and through both input types */
	ck_assert_status(cxm_score_acc_add(parts[0], d, 1000, CXM_NAN_ERROR), CXM_OK);
	ck_assert_status(cxm_score_acc_add_u8(parts[1], b + 1000, 20000), CXM_OK);
	ck_assert_status(cxm_score_acc_add(parts[2], d + 21000, N - 21000, CXM_NAN_ERROR), CXM_OK);
	ck_assert_status(cxm_score_acc_merge(parts[2], parts[0]), CXM_OK);
	ck_assert_status(cxm_score_acc_merge(parts[2], parts[1]), CXM_OK);
	ck_assert_int_eq(cxm_score_acc_n(parts[2]), N);
	ck_assert_status(cxm_nps(&one, d, N, CXM_NPS_0_10, CXM_NAN_ERROR), CXM_OK);
	ck_assert_status(cxm_score_acc_nps(&merged, parts[2]), CXM_OK);
	ck_assert(memcmp(&one, &merged, sizeof one) == 0);
	ck_assert_int_eq(cxm_score_acc_count(parts[2], 10) + cxm_score_acc_count(parts[2], 9), one.promoters);
	ck_assert_int_eq(cxm_score_acc_count(parts[2], 11), 0);
	ck_assert_status(cxm_csat(&c1, d, N, 0, 10, 8, CXM_NAN_ERROR, 0.95, 0), CXM_OK);
	ck_assert_status(cxm_score_acc_csat(&c2, parts[2], 8, 0.95, 0), CXM_OK);
	ck_assert(memcmp(&c1, &c2, sizeof c1) == 0);

	/* weighted: one-shot vs two parts merged, bit for bit */
	ck_assert_status(cxm_nps_weighted(&w1, d, N, w, N, CXM_NPS_0_10, CXM_NAN_ERROR, 0.95, 0), CXM_OK);
	ck_assert_status(cxm_score_acc_new(&wparts[0], 0, 10), CXM_OK);
	ck_assert_status(cxm_score_acc_new(&wparts[1], 0, 10), CXM_OK);
	ck_assert_status(cxm_score_acc_add_weighted(wparts[1], d + 7777, N - 7777, w + 7777, N - 7777, CXM_NAN_ERROR), CXM_OK);
	ck_assert_status(cxm_score_acc_add_weighted(wparts[0], d, 7777, w, 7777, CXM_NAN_ERROR), CXM_OK);
	ck_assert_status(cxm_score_acc_merge(wparts[1], wparts[0]), CXM_OK);
	ck_assert_status(cxm_score_acc_nps_weighted(&w2, wparts[1], 0.95, 0), CXM_OK);
	ck_assert(memcmp(&w1, &w2, sizeof w1) == 0);
	/* unweighted rows count with weight 1: equals Wald */
	{
		cxm_nps_ci wald = CXM_NPS_CI_INIT;
		ck_assert_status(cxm_score_acc_nps_weighted(&w2, parts[2], 0.95, 0), CXM_OK);
		ck_assert_status(cxm_nps_wald(&wald, one.promoters, one.passives, one.detractors, 0.95, 0), CXM_OK);
		ck_assert_close(w2.se, wald.se);
		ck_assert_close(w2.n_eff, (double)N);
	}
	ck_assert_status(cxm_score_acc_reset(parts[2]), CXM_OK);
	ck_assert_int_eq(cxm_score_acc_n(parts[2]), 0);
	ck_assert_status(cxm_score_acc_nps(&merged, parts[2]), CXM_EEMPTY);
	{
		cxm_ces_result ce = CXM_CES_RESULT_INIT;
		ck_assert_status(cxm_score_acc_ces(&ce, parts[2], 0.95, 0), CXM_EBAD_ARG); /* 0..10 */
		assert_message_has("CES needs a 1..5 or 1..7 accumulator, not 0..10");
	}
	for (i = 0; i < 3; i++)
		cxm_score_acc_free(parts[i]);
	cxm_score_acc_free(wparts[0]);
	cxm_score_acc_free(wparts[1]);
	free(d);
	free(w);
	free(b);
}
END_TEST

START_TEST(test_acc_errors)
{
	cxm_score_acc *acc = NULL, *other = NULL;
	cxm_nps_result r = CXM_NPS_RESULT_INIT;
	cxm_ces_result c = CXM_CES_RESULT_INIT;
	double bad[] = { 3, 12 }, good[] = { 1, 2, 3 }, w[] = { 1, -2, 1 };
	uint8_t b[] = { 1, 2, 9 };
	ck_assert_status(cxm_score_acc_new(&acc, 5, 5), CXM_EBAD_ARG);
	ck_assert_ptr_null(acc);
	ck_assert_status(cxm_score_acc_new(NULL, 1, 5), CXM_EBAD_ARG);
	ck_assert_status(cxm_score_acc_new(&acc, 1, 5), CXM_OK);
	ck_assert_status(cxm_score_acc_new(&other, 1, 7), CXM_OK);
	/* a failed add adds nothing */
	ck_assert_status(cxm_score_acc_add(acc, bad, 2, CXM_NAN_ERROR), CXM_EOUT_OF_RANGE);
	ck_assert_status(cxm_score_acc_add_u8(acc, b, 3), CXM_EOUT_OF_RANGE);
	ck_assert_status(cxm_score_acc_add_weighted(acc, good, 3, w, 3, CXM_NAN_ERROR), CXM_EBAD_WEIGHTS);
	ck_assert_status(cxm_score_acc_add_weighted(acc, good, 3, w, 2, CXM_NAN_ERROR), CXM_EBAD_ARG);
	ck_assert_int_eq(cxm_score_acc_n(acc), 0);
	ck_assert_status(cxm_score_acc_merge(acc, other), CXM_EBAD_ARG);
	ck_assert_status(cxm_score_acc_merge(acc, NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_score_acc_nps(&r, acc), CXM_EBAD_ARG); /* 1..5 is no NPS scale */
	ck_assert_status(cxm_score_acc_ces(&c, acc, 0.95, 0), CXM_EEMPTY);
	ck_assert_status(cxm_score_acc_ces(&c, other, 0.95, 0), CXM_EEMPTY); /* 1..7: CES 2.0 */
	ck_assert_status(cxm_score_acc_add(acc, good, 3, CXM_NAN_ERROR), CXM_OK);
	ck_assert_status(cxm_score_acc_ces(&c, acc, 0.95, 0), CXM_OK);
	ck_assert_int_eq(c.points, 5);
	ck_assert_close(c.mean, 2.0);
	ck_assert_uint_eq(c.n_disagree, 2); /* 1 and 2 */
	ck_assert_status(cxm_score_acc_ces(&c, acc, 0.0, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_score_acc_ces(NULL, acc, 0.95, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_score_acc_ces(&c, NULL, 0.95, 0), CXM_EBAD_ARG);
	{
		/* the accumulator and the one-shot function agree bit for bit */
		cxm_ces_result one;
		ZEROED(one, CXM_CES_RESULT_VERSION);
		ZEROED(c, CXM_CES_RESULT_VERSION);
		ck_assert_status(cxm_score_acc_ces(&c, acc, 0.9, 0), CXM_OK);
		ck_assert_status(cxm_ces(&one, good, 3, 5, CXM_NAN_ERROR, 0.9, 0), CXM_OK);
		ck_assert(memcmp(&one, &c, sizeof c) == 0);
	}
	ck_assert_status(cxm_score_acc_add(NULL, good, 3, CXM_NAN_ERROR), CXM_EBAD_ARG);
	ck_assert_int_eq(cxm_score_acc_n(NULL), 0);
	cxm_score_acc_free(acc);
	cxm_score_acc_free(other);
	cxm_score_acc_free(NULL);
}
END_TEST

START_TEST(test_acc_add_at_names_the_first_bad_answer)
{
	/* The survey report's entry point: the first bad answer by position,
	 * whatever its kind (cxm_score_acc_add reports NaN first, spec §0.3). */
	cxm_score_acc *acc = NULL;
	double range_then_nan[] = { 9, 11, NAN, 3 }, nan_then_frac[] = { 9, NAN, 7.5, 11 };
	double frac_first[] = { 2.5, 11 }, ok[] = { 10, NAN, 0, 6 };
	size_t bad = 99;
	ck_assert_status(cxm_score_acc_new(&acc, 0, 10), CXM_OK);
	ck_assert_status(cxm__score_acc_add_at(acc, range_then_nan, 4, CXM_NAN_ERROR, &bad), CXM_EOUT_OF_RANGE);
	ck_assert_uint_eq(bad, 1);
	assert_message_has("scores[1] = 11 is outside the scale 0..10");
	ck_assert_status(cxm_score_acc_add(acc, range_then_nan, 4, CXM_NAN_ERROR), CXM_ENAN); /* spec order */
	ck_assert_status(cxm__score_acc_add_at(acc, nan_then_frac, 4, CXM_NAN_ERROR, &bad), CXM_ENAN);
	ck_assert_uint_eq(bad, 1);
	assert_message_has("scores[1] is NaN");
	ck_assert_status(cxm__score_acc_add_at(acc, nan_then_frac, 4, CXM_NAN_OMIT, &bad), CXM_ENON_INTEGER);
	ck_assert_uint_eq(bad, 2);
	assert_message_has("scores[2] = 7.5 is not an integer point");
	ck_assert_status(cxm__score_acc_add_at(acc, frac_first, 2, CXM_NAN_OMIT, &bad), CXM_ENON_INTEGER);
	ck_assert_uint_eq(bad, 0);
	ck_assert_uint_eq(cxm_score_acc_n(acc), 0); /* nothing added by a failed call */
	ck_assert_status(cxm__score_acc_add_at(acc, ok, 4, CXM_NAN_ERROR, &bad), CXM_ENAN);
	ck_assert_uint_eq(bad, 1);
	ck_assert_status(cxm__score_acc_add_at(acc, ok, 4, CXM_NAN_OMIT, &bad), CXM_OK);
	ck_assert_uint_eq(bad, 4); /* n: none bad */
	ck_assert_uint_eq(cxm_score_acc_n(acc), 3);
	ck_assert_uint_eq(cxm_score_acc_count(acc, 10), 1);
	ck_assert_uint_eq(cxm_score_acc_count(acc, 0), 1);
	ck_assert_uint_eq(cxm_score_acc_count(acc, 6), 1);
	ck_assert_status(cxm__score_acc_add_at(acc, NULL, 1, CXM_NAN_OMIT, &bad), CXM_EBAD_ARG);
	ck_assert_status(cxm__score_acc_add_at(acc, ok, 4, 7, &bad), CXM_EBAD_ARG);
	ck_assert_status(cxm__score_acc_add_at(NULL, ok, 4, CXM_NAN_OMIT, &bad), CXM_EBAD_ARG);
	cxm_score_acc_free(acc);
}
END_TEST

static Suite *scores_suite(void)
{
	Suite *s = suite_create("scores");
	TCase *tc = tcase_create("scores");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_nps_published);
	tcase_add_test(tc, test_nps_errors_and_nan);
	tcase_add_test(tc, test_nps_scale_range);
	tcase_add_test(tc, test_nps_counts);
	tcase_add_test(tc, test_nps_wald);
	tcase_add_test(tc, test_nps_adjusted_wald);
	tcase_add_test(tc, test_nps_trinomial_t);
	tcase_add_test(tc, test_nps_compare);
	tcase_add_test(tc, test_nps_weighted);
	tcase_add_test(tc, test_csat_published);
	tcase_add_test(tc, test_csat_errors);
	tcase_add_test(tc, test_ces);
	tcase_add_test(tc, test_u8_matches_double);
	tcase_add_test(tc, test_u8_out_of_range_anywhere);
	tcase_add_test(tc, test_u8_kernel_edges);
	tcase_add_test(tc, test_acc_merge_is_bit_identical);
	tcase_add_test(tc, test_acc_errors);
	tcase_add_test(tc, test_acc_add_at_names_the_first_bad_answer);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(scores_suite)
