/*
 * tests/unit/test_rfm.c - check suite for lib/rfm (spec §7).
 *
 * Expected numbers come from the golden vectors (vector id in a comment), the
 * spec's worked examples (§7.2, §7.3, §12 row 14), or the reference oracle
 * cxref.py (said so where used).
 */
#include <stdint.h>
#include <string.h>
#include "harness.h"
#include "oom.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static void assert_scores(const unsigned int *got, const unsigned int *exp, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		ck_assert_msg(got[i] == exp[i], "score[%zu] = %u, expected %u", i, got[i], exp[i]);
}

/* mtcars$mpg, as in rsquaredacademy/rfm tests/testthat/test-utils.R */
static const double mpg[] = { 21.0, 21.0, 22.8, 21.4, 18.7, 18.1, 14.3, 24.4, 22.8, 19.2, 17.8,
			      16.4, 17.3, 15.2, 10.4, 10.4, 14.7, 32.4, 30.4, 33.9, 21.5, 15.5,
			      15.2, 13.3, 19.2, 27.3, 26.0, 30.4, 15.8, 19.7, 15.0, 21.4 };

/* §7.2: F = [1,1,1,1,1,1,2,2,3,5] */
static const double ties[] = { 1, 1, 1, 1, 1, 1, 2, 2, 3, 5 };

/* ---- cxm_rfm_breaks ------------------------------------------------------------ */

START_TEST(test_breaks_vectors)
{
	double b[4];
	/* rfm_bins_mtcars; §12 row 14: bins(mtcars, "mpg", 5) = 16.20, 18.92, 22.00, 25.08 */
	ck_assert_status(cxm_rfm_breaks(b, 4, mpg, N_OF(mpg)), CXM_OK);
	ck_assert_close(b[0], 16.2);
	ck_assert_close(b[1], 18.92);
	ck_assert_close(b[2], 22.0);
	ck_assert_close(b[3], 25.080000000000002);
	/* rfm_freq_ties_empty_bin; §7.2: breaks 2, 2, 2.4, 3.2 */
	ck_assert_status(cxm_rfm_breaks(b, 4, ties, N_OF(ties)), CXM_OK);
	ck_assert_close(b[0], 2.0);
	ck_assert_close(b[1], 2.0);
	ck_assert_close(b[2], 2.4000000000000004);
	ck_assert_close(b[3], 3.1999999999999993);
}
END_TEST

START_TEST(test_breaks_p_k_arithmetic)
{
	/* §7.5: p_k = k * (1/B) is normative because breaks are compared with < and
	 * >=. For x = [18, 2, 8, 3], p_3 = 0.6000000000000001 gives the third break
	 * 8.000000000000002 and x = 8 scores 3; k / B = 0.6 would give
	 * 7.999999999999999 and score 4 (both from cxref.py). */
	static const double x[] = { 18, 2, 8, 3 };
	static const unsigned int exp[] = { 5, 1, 3, 1 };
	double b[4];
	unsigned int s[4];
	ck_assert_status(cxm_rfm_breaks(b, 4, x, 4), CXM_OK);
	ck_assert(b[0] == 3.6);
	ck_assert(b[1] == 5.000000000000001);
	ck_assert(b[2] == 8.000000000000002);
	ck_assert(b[3] == 13.000000000000004);
	ck_assert_status(cxm_rfm_score(s, 4, NULL, 0, NULL, 0, x, 4, b, 4, 0), CXM_OK);
	assert_scores(s, exp, 4);
}
END_TEST

START_TEST(test_breaks_other_bins)
{
	/* n = 1: every break is x + 1 (rfm_single_customer); B = 2: the median + 1 */
	static const double one[] = { 10 };
	static const double four[] = { 1, 2, 3, 4 };
	double b[9];
	size_t k;
	ck_assert_status(cxm_rfm_breaks(b, 4, one, 1), CXM_OK);
	for (k = 0; k < 4; k++)
		ck_assert_close(b[k], 11.0);
	ck_assert_status(cxm_rfm_breaks(b, 1, four, 4), CXM_OK);
	ck_assert_close(b[0], 3.5);
	/* B = 10 on 1..4: Q7(k/10) = 1 + 0.3 k, plus 1 */
	ck_assert_status(cxm_rfm_breaks(b, 9, four, 4), CXM_OK);
	for (k = 0; k < 9; k++)
		ck_assert(fabs(b[k] - (2.0 + 0.3 * (double)(k + 1))) < 1e-12);
}
END_TEST

START_TEST(test_breaks_errors)
{
	static const double nan[] = { 1, NAN };
	static const double inf[] = { 1, -INFINITY };
	double b[4];
	ck_assert_status(cxm_rfm_breaks(b, 0, mpg, N_OF(mpg)), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_breaks(b, 0, mpg, N_OF(mpg)), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_breaks(NULL, 4, mpg, N_OF(mpg)), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_breaks(b, 4, NULL, 3), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_breaks(b, 4, nan, 2), CXM_ENAN);
	ck_assert_status(cxm_rfm_breaks(b, 4, inf, 2), CXM_EOUT_OF_RANGE);
	ck_assert_status(cxm_rfm_breaks(b, 4, NULL, 0), CXM_EEMPTY);
}
END_TEST

/* ---- cxm_rfm_score ---------------------------------------------------------------- */

START_TEST(test_score_vectors)
{
	/* rfm_score_mtcars */
	static const unsigned int mpg_scores[] = { 3, 3, 4, 3, 2, 2, 1, 4, 4, 3, 2, 2, 2, 1, 1, 1,
						   1, 5, 5, 5, 3, 1, 1, 1, 3, 5, 5, 5, 1, 3, 1, 3 };
	/* rfm_freq_ties_empty_bin, §7.2: score 2 is never used */
	static const unsigned int tie_scores[] = { 1, 1, 1, 1, 1, 1, 3, 3, 4, 5 };
	static const double four[] = { 4, 4, 4, 4 };
	double b[4], lo[5], up[5];
	unsigned int s[32];
	size_t i;
	ck_assert_status(cxm_rfm_breaks(b, 4, mpg, N_OF(mpg)), CXM_OK);
	ck_assert_status(cxm_rfm_score(s, N_OF(mpg), lo, 5, up, 5, mpg, N_OF(mpg), b, 4, 0), CXM_OK);
	assert_scores(s, mpg_scores, N_OF(mpg));
	ck_assert_close(lo[0], 10.4);
	ck_assert_close(up[4], 34.9);
	for (i = 0; i < 4; i++) {
		ck_assert(lo[i + 1] == b[i]);
		ck_assert(up[i] == b[i]);
	}
	ck_assert_status(cxm_rfm_breaks(b, 4, ties, N_OF(ties)), CXM_OK);
	ck_assert_status(cxm_rfm_score(s, N_OF(ties), lo, 5, up, 5, ties, N_OF(ties), b, 4, 0), CXM_OK);
	assert_scores(s, tie_scores, N_OF(ties));
	ck_assert_close(lo[0], 1.0);
	ck_assert_close(up[4], 6.0);
	/* rfm_all_equal: every value in bin 1, breaks 5 */
	ck_assert_status(cxm_rfm_breaks(b, 4, four, 4), CXM_OK);
	ck_assert_status(cxm_rfm_score(s, 4, lo, 5, up, 5, four, 4, b, 4, 0), CXM_OK);
	for (i = 0; i < 4; i++)
		ck_assert_uint_eq(s[i], 1);
	ck_assert_close(lo[0], 4.0);
	ck_assert_close(up[4], 5.0);
}
END_TEST

START_TEST(test_score_descending)
{
	/* recency is scored in reverse: bin i scores K + 1 - i (§7.2) */
	static const unsigned int tie_desc[] = { 5, 5, 5, 5, 5, 5, 3, 3, 2, 1 };
	double b[4];
	unsigned int s[10];
	ck_assert_status(cxm_rfm_breaks(b, 4, ties, N_OF(ties)), CXM_OK);
	ck_assert_status(cxm_rfm_score(s, N_OF(ties), NULL, 0, NULL, 0, ties, N_OF(ties), b, 4, 1), CXM_OK);
	assert_scores(s, tie_desc, N_OF(ties));
}
END_TEST

START_TEST(test_score_custom)
{
	/* custom break points are used as given, no +1 (rfm_custom_thresholds,
	 * frequency column); K = 3 with two breaks */
	static const double f[] = { 1, 4, 5, 6, 8, 12 };
	static const double fb[] = { 4, 5, 6, 8 };
	static const unsigned int fs[] = { 1, 2, 3, 4, 5, 5 };
	static const double two[] = { 5, 10 };
	static const double x[] = { 1, 5, 7, 10, 20 };
	static const unsigned int xs[] = { 1, 2, 2, 3, 3 };
	static const unsigned int xs_desc[] = { 3, 2, 2, 1, 1 };
	unsigned int s[6];
	double lo[3], up[3];
	ck_assert_status(cxm_rfm_score(s, 6, NULL, 0, NULL, 0, f, 6, fb, 4, 0), CXM_OK);
	assert_scores(s, fs, 6);
	ck_assert_status(cxm_rfm_score(s, 5, lo, 3, up, 3, x, 5, two, 2, 0), CXM_OK);
	assert_scores(s, xs, 5);
	ck_assert(lo[0] == 1 && lo[1] == 5 && lo[2] == 10);
	ck_assert(up[0] == 5 && up[1] == 10 && up[2] == 21);
	ck_assert_status(cxm_rfm_score(s, 5, NULL, 0, NULL, 0, x, 5, two, 2, 1), CXM_OK);
	assert_scores(s, xs_desc, 5);
}
END_TEST

START_TEST(test_score_errors)
{
	static const double x[] = { 1, 5, 20 };
	static const double b2[] = { 2, 50 };
	static const double nan_b[] = { 2, NAN };
	static const double inf_b[] = { INFINITY };
	static const double nan_x[] = { 1, NAN };
	static const double inf_x[] = { 1, INFINITY };
	unsigned int s[3];
	ck_assert_status(cxm_rfm_score(s, 3, NULL, 0, NULL, 0, x, 3, nan_b, 2, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_score(s, 3, NULL, 0, NULL, 0, x, 3, inf_b, 1, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_score(s, 3, NULL, 0, NULL, 0, x, 3, b2, 0, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_score(s, 3, NULL, 0, NULL, 0, x, 3, NULL, 2, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_score(NULL, 3, NULL, 0, NULL, 0, x, 3, b2, 2, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_score(s, 3, NULL, 0, NULL, 0, NULL, 3, b2, 2, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_score(s, 2, NULL, 0, NULL, 0, nan_x, 2, b2, 2, 0), CXM_ENAN);
	ck_assert_status(cxm_rfm_score(s, 2, NULL, 0, NULL, 0, inf_x, 2, b2, 2, 0), CXM_EOUT_OF_RANGE);
	ck_assert_status(cxm_rfm_score(s, 0, NULL, 0, NULL, 0, NULL, 0, b2, 2, 0), CXM_EEMPTY);
}
END_TEST

START_TEST(test_score_unsorted_custom_breaks)
{
	/* cxref.rfm_rpkg_score([1, 5, 20], thresholds=[30, 2]): bins [1, 30),
	 * [30, 2), [2, 21); the later bin 3 overwrites bin 1 -> scores 1, 3, 3 */
	static const double x[] = { 1, 5, 20 };
	static const double b[] = { 30, 2 };
	static const unsigned int exp[] = { 1, 3, 3 };
	unsigned int s[3];
	ck_assert_status(cxm_rfm_score(s, 3, NULL, 0, NULL, 0, x, 3, b, 2, 0), CXM_OK);
	assert_scores(s, exp, 3);
}
END_TEST

START_TEST(test_score_value_in_no_bin)
{
	/* The intervals step from min x to max x + 1, so a value can only fall in
	 * no bin when max + 1 rounds to max. cxref.rfm_rpkg_score gives BAD_ARG
	 * for [1e17, 3] with thresholds [5] and for [1e17] with computed breaks. */
	static const double big[] = { 1e17, 3 };
	static const double five[] = { 5 };
	static const double one_big[] = { 1e17 };
	double b[4];
	unsigned int s[2] = { 77, 77 };
	ck_assert_status(cxm_rfm_score(s, 2, NULL, 0, NULL, 0, big, 2, five, 1, 0), CXM_EBAD_ARG);
	ck_assert_ptr_nonnull(strstr(cxm_error_last()->message, "x[0]"));
	ck_assert_uint_eq(s[1], 77); /* nothing written on failure */
	ck_assert_status(cxm_rfm_breaks(b, 4, one_big, 1), CXM_OK);
	ck_assert_status(cxm_rfm_score(s, 1, NULL, 0, NULL, 0, one_big, 1, b, 4, 0), CXM_EBAD_ARG);
}
END_TEST

/* ---- cxm_rfm_table ------------------------------------------------------------------- */

/* Breaks with cxm_rfm_breaks (5 bins) for each column, then the table. */
static int table_auto(unsigned int *r, unsigned int *f, unsigned int *m, unsigned int *rfm,
		      const double *rd, const double *fr, const double *mo, size_t n, double *rb,
		      double *fb, double *mb)
{
	int rc;
	if ((rc = cxm_rfm_breaks(rb, 4, rd, n)) < 0 || (rc = cxm_rfm_breaks(fb, 4, fr, n)) < 0 ||
	    (rc = cxm_rfm_breaks(mb, 4, mo, n)) < 0)
		return rc;
	return cxm_rfm_table(r, n, f, n, m, n, rfm, n, rd, n, fr, n, mo, n, rb, 4, fb, 4, mb, 4);
}

START_TEST(test_table_vectors)
{
	/* rfm_table_small */
	static const double rd[] = { 5, 30, 30, 90, 200, 365, 12, 45, 45, 700, 1, 60 };
	static const double fr[] = { 10, 3, 3, 1, 1, 2, 8, 4, 1, 1, 12, 2 };
	static const double mo[] = { 1200.5, 300, 299.99, 40, 55, 120, 800, 410, 35, 20, 2500, 150 };
	static const unsigned int er[] = { 5, 4, 4, 2, 1, 1, 5, 3, 3, 1, 5, 2 };
	static const unsigned int ef[] = { 5, 3, 3, 1, 1, 2, 4, 4, 1, 1, 5, 2 };
	static const unsigned int em[] = { 5, 3, 3, 1, 2, 2, 5, 4, 1, 1, 5, 3 };
	static const unsigned int erfm[] = { 555, 433, 433, 211, 112, 122, 545, 344, 311, 111, 555, 223 };
	static const double erb[] = { 16.6, 37.0, 55.00000000000002, 179.00000000000009 };
	static const double efb[] = { 2.0, 3.0, 4.0, 8.200000000000003 };
	static const double emb[] = { 44.0, 133.0, 300.996, 723.0000000000002 };
	unsigned int r[12], f[12], m[12], rfm[12];
	double rb[4], fb[4], mb[4];
	size_t i;
	ck_assert_status(table_auto(r, f, m, rfm, rd, fr, mo, 12, rb, fb, mb), CXM_OK);
	assert_scores(r, er, 12);
	assert_scores(f, ef, 12);
	assert_scores(m, em, 12);
	assert_scores(rfm, erfm, 12);
	for (i = 0; i < 4; i++) {
		ck_assert_close(rb[i], erb[i]);
		ck_assert_close(fb[i], efb[i]);
		ck_assert_close(mb[i], emb[i]);
	}
}
END_TEST

START_TEST(test_table_single_customer)
{
	/* rfm_single_customer; §7.2: n = 1 -> R = 5, F = 1, M = 1 (511) */
	static const double rd[] = { 10 }, fr[] = { 3 }, mo[] = { 250 };
	unsigned int r, f, m, rfm;
	double rb[4], fb[4], mb[4];
	ck_assert_status(table_auto(&r, &f, &m, &rfm, rd, fr, mo, 1, rb, fb, mb), CXM_OK);
	ck_assert_uint_eq(r, 5);
	ck_assert_uint_eq(f, 1);
	ck_assert_uint_eq(m, 1);
	ck_assert_uint_eq(rfm, 511);
	ck_assert_close(rb[0], 11.0);
	ck_assert_close(fb[3], 4.0);
	ck_assert_close(mb[2], 251.0);
}
END_TEST

START_TEST(test_table_custom)
{
	/* rfm_custom_thresholds: the rfm docs' example thresholds, used as given */
	static const double rd[] = { 10, 115, 181, 300, 482, 600 };
	static const double fr[] = { 1, 4, 5, 6, 8, 12 };
	static const double mo[] = { 100, 256, 382, 506, 666, 700 };
	static const double rb[] = { 115, 181, 297, 482 };
	static const double fb[] = { 4, 5, 6, 8 };
	static const double mb[] = { 256, 382, 506, 666 };
	static const unsigned int er[] = { 5, 4, 3, 2, 1, 1 };
	static const unsigned int ef[] = { 1, 2, 3, 4, 5, 5 };
	static const unsigned int erfm[] = { 511, 422, 333, 244, 155, 155 };
	unsigned int r[6], f[6], m[6], rfm[6];
	ck_assert_status(cxm_rfm_table(r, 6, f, 6, m, 6, rfm, 6, rd, 6, fr, 6, mo, 6, rb, 4, fb, 4, mb, 4), CXM_OK);
	assert_scores(r, er, 6);
	assert_scores(f, ef, 6);
	assert_scores(m, ef, 6);
	assert_scores(rfm, erfm, 6);
}
END_TEST

START_TEST(test_table_errors)
{
	static const double a[] = { 1, 2 }, nan[] = { 1, NAN }, inf[] = { 1, INFINITY };
	static const double b[] = { 1.5 };
	unsigned int r[2], f[2], m[2], rfm[2];
	/* rfm_empty */
	ck_assert_status(cxm_rfm_table(r, 0, f, 0, m, 0, rfm, 0, NULL, 0, NULL, 0, NULL, 0, b, 1, b, 1, b, 1), CXM_EEMPTY);
	/* rfm_nan */
	ck_assert_status(cxm_rfm_table(r, 2, f, 2, m, 2, rfm, 2, nan, 2, a, 2, a, 2, b, 1, b, 1, b, 1), CXM_ENAN);
	ck_assert_status(cxm_rfm_table(r, 2, f, 2, m, 2, rfm, 2, a, 2, a, 2, nan, 2, b, 1, b, 1, b, 1), CXM_ENAN);
	ck_assert_status(cxm_rfm_table(r, 2, f, 2, m, 2, rfm, 2, a, 2, inf, 2, a, 2, b, 1, b, 1, b, 1), CXM_EOUT_OF_RANGE);
	/* rfm_len_mismatch */
	ck_assert_status(cxm_rfm_table(r, 2, f, 2, m, 2, rfm, 2, a, 2, a, 1, a, 2, b, 1, b, 1, b, 1), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_table(r, 2, f, 2, m, 2, rfm, 2, a, 2, a, 2, a, 1, b, 1, b, 1, b, 1), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_table(r, 2, f, 2, m, 2, rfm, 2, a, 2, a, 2, a, 2, b, 1, b, 0, b, 1), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_table(r, 2, f, 2, m, 2, NULL, 2, a, 2, a, 2, a, 2, b, 1, b, 1, b, 1), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_table(NULL, 2, f, 2, m, 2, rfm, 2, a, 2, a, 2, a, 2, b, 1, b, 1, b, 1), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_table(r, 2, f, 2, m, 2, rfm, 2, a, 2, a, 2, a, 2, NULL, 1, b, 1, b, 1), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_table(r, 2, f, 2, m, 2, rfm, 2, a, 2, NULL, 2, a, 2, b, 1, b, 1, b, 1), CXM_EBAD_ARG);
	/* two bins each: recency reversed */
	ck_assert_status(cxm_rfm_table(r, 2, f, 2, m, 2, rfm, 2, a, 2, a, 2, a, 2, b, 1, b, 1, b, 1), CXM_OK);
	ck_assert_uint_eq(rfm[0], 211);
	ck_assert_uint_eq(rfm[1], 122);
}
END_TEST

/* ---- cxm_rfm_rank_qcut ---------------------------------------------------------------- */

START_TEST(test_rank_qcut)
{
	/* rfm_rankqcut_recency */
	static const double rec[] = { 3, 40, 7, 120, 365, 15, 60, 2, 200, 90, 7, 7 };
	static const unsigned int erec[] = { 5, 3, 5, 1, 1, 3, 2, 5, 1, 2, 4, 4 };
	/* ties broken by input order: cxref.rfm_rank_qcut_scores([7]*5, 5) = 1..5 */
	static const double same[] = { 7, 7, 7, 7, 7 };
	static const unsigned int esame[] = { 1, 2, 3, 4, 5 };
	static const unsigned int esame_desc[] = { 5, 4, 3, 2, 1 };
	/* cxref.rfm_rank_qcut_scores([10, 1, 5, 5, 3, 8, 2], 3) */
	static const double seven[] = { 10, 1, 5, 5, 3, 8, 2 };
	static const unsigned int eseven[] = { 3, 1, 2, 2, 1, 3, 1 };
	static const double two[] = { 9, 1 };
	unsigned int s[12];
	ck_assert_status(cxm_rfm_rank_qcut(s, 12, rec, 12, 5, 1), CXM_OK);
	assert_scores(s, erec, 12);
	ck_assert_status(cxm_rfm_rank_qcut(s, 5, same, 5, 5, 0), CXM_OK);
	assert_scores(s, esame, 5);
	ck_assert_status(cxm_rfm_rank_qcut(s, 5, same, 5, 5, 1), CXM_OK);
	assert_scores(s, esame_desc, 5);
	ck_assert_status(cxm_rfm_rank_qcut(s, 7, seven, 7, 3, 0), CXM_OK);
	assert_scores(s, eseven, 7);
	/* one bin: everything scores 1 */
	ck_assert_status(cxm_rfm_rank_qcut(s, 2, two, 2, 1, 0), CXM_OK);
	ck_assert(s[0] == 1 && s[1] == 1);
}
END_TEST

START_TEST(test_rank_qcut_errors)
{
	static const double one[] = { 4 }, nan[] = { 1, NAN }, inf[] = { -INFINITY, 1 };
	static const double ok[] = { 1, 2, 3 };
	unsigned int s[3];
	/* §7.4: n = 1 makes duplicate edges in pandas -> TOO_FEW */
	ck_assert_status(cxm_rfm_rank_qcut(s, 1, one, 1, 5, 0), CXM_ETOO_FEW);
	ck_assert_status(cxm_rfm_rank_qcut(s, 0, NULL, 0, 5, 0), CXM_EEMPTY);
	ck_assert_status(cxm_rfm_rank_qcut(s, 2, nan, 2, 5, 0), CXM_ENAN);
	ck_assert_status(cxm_rfm_rank_qcut(s, 2, inf, 2, 5, 0), CXM_EOUT_OF_RANGE);
	ck_assert_status(cxm_rfm_rank_qcut(s, 3, ok, 3, 0, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_rank_qcut(NULL, 3, ok, 3, 5, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_rank_qcut(s, 3, NULL, 3, 5, 0), CXM_EBAD_ARG);
}
END_TEST

/* ---- rule tables and segments ------------------------------------------------------------ */

START_TEST(test_rules_builtin_tables)
{
	static const char *const b_names[] = { "Champions", "Loyal Customers", "Potential Loyalist",
					       "New Customers", "Promising", "Need Attention",
					       "About To Sleep", "At Risk", "Can't Lose Them", "Lost" };
	static const char *const c_names[] = { "Champions", "Potential Loyalist", "Loyal Customers",
					       "Promising", "New Customers", "Can't Lose Them",
					       "At Risk", "Need Attention", "About To Sleep", "Lost" };
	cxm_rfm_rules *t = NULL;
	size_t i;
	/* set B (§7.3), the default */
	ck_assert_status(cxm_rfm_rules_builtin(&t, "r_02x"), CXM_OK);
	ck_assert_uint_eq(cxm_rfm_rules_count(t), 10);
	for (i = 0; i < 10; i++)
		ck_assert_str_eq(cxm_rfm_rules_name(t, i), b_names[i]);
	ck_assert_ptr_null(cxm_rfm_rules_name(t, 10));
	cxm_rfm_rules_free(t);
	/* set A: set B plus Hibernating before Lost */
	ck_assert_status(cxm_rfm_rules_builtin(&t, "vignette_11"), CXM_OK);
	ck_assert_uint_eq(cxm_rfm_rules_count(t), 11);
	ck_assert_str_eq(cxm_rfm_rules_name(t, 9), "Hibernating");
	ck_assert_str_eq(cxm_rfm_rules_name(t, 10), "Lost");
	cxm_rfm_rules_free(t);
	/* set C */
	ck_assert_status(cxm_rfm_rules_builtin(&t, "r_030"), CXM_OK);
	ck_assert_uint_eq(cxm_rfm_rules_count(t), 10);
	for (i = 0; i < 10; i++)
		ck_assert_str_eq(cxm_rfm_rules_name(t, i), c_names[i]);
	cxm_rfm_rules_free(t);
	/* the Python package's (§7.4) */
	ck_assert_status(cxm_rfm_rules_builtin(&t, "py_rfm"), CXM_OK);
	ck_assert_uint_eq(cxm_rfm_rules_count(t), 10);
	ck_assert_str_eq(cxm_rfm_rules_name(t, 4), "New Active Accounts");
	ck_assert_str_eq(cxm_rfm_rules_name(t, 7), "About to Sleep");
	cxm_rfm_rules_free(t);
	t = (cxm_rfm_rules *)&t; /* must be reset to NULL on failure */
	ck_assert_status(cxm_rfm_rules_builtin(&t, "R_02X"), CXM_EBAD_ARG);
	ck_assert_ptr_null(t);
	ck_assert_ptr_nonnull(strstr(cxm_error_last()->message, "R_02X"));
	ck_assert_status(cxm_rfm_rules_builtin(&t, NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_rules_builtin(NULL, "r_02x"), CXM_EBAD_ARG);
}
END_TEST

typedef struct seg_case {
	const char *table;
	unsigned int r, f, m;
	int match;
	const char *expect;
} seg_case;

START_TEST(test_segment_vectors)
{
	/* the rfm_seg_* vectors, by id */
	static const seg_case cases[] = {
		{ "r_02x", 5, 5, 5, CXM_RFM_FIRST_MATCH, "Champions" },          /* rfm_seg_02x_555 */
		{ "r_02x", 5, 1, 1, CXM_RFM_FIRST_MATCH, "Potential Loyalist" }, /* rfm_seg_02x_511 */
		{ "r_02x", 3, 1, 1, CXM_RFM_FIRST_MATCH, "Potential Loyalist" }, /* rfm_seg_02x_311 */
		{ "r_02x", 1, 5, 5, CXM_RFM_FIRST_MATCH, "At Risk" },            /* rfm_seg_02x_155 */
		{ "r_02x", 2, 2, 2, CXM_RFM_FIRST_MATCH, "Need Attention" },     /* rfm_seg_02x_222 */
		{ "r_02x", 1, 1, 1, CXM_RFM_FIRST_MATCH, "Lost" },               /* rfm_seg_02x_111 */
		{ "r_02x", 1, 1, 3, CXM_RFM_FIRST_MATCH, "Others" },             /* rfm_seg_02x_113 */
		{ "r_02x", 3, 4, 2, CXM_RFM_FIRST_MATCH, "Others" },             /* rfm_seg_02x_342 */
		{ "vignette_11", 1, 1, 1, CXM_RFM_FIRST_MATCH, "Hibernating" },  /* rfm_seg_vignette11_111 */
		{ "r_02x", 1, 5, 5, CXM_RFM_LAST_MATCH, "Can't Lose Them" },     /* rfm_seg_02x_last_155 */
		{ "r_030", 5, 5, 5, CXM_RFM_FIRST_MATCH, "Champions" },          /* rfm_seg_030_555 */
		{ "r_030", 4, 4, 4, CXM_RFM_FIRST_MATCH, "Potential Loyalist" }, /* rfm_seg_030_444 */
		{ "r_030", 3, 2, 5, CXM_RFM_FIRST_MATCH, "Promising" },          /* rfm_seg_030_325 */
		{ "r_030", 2, 1, 1, CXM_RFM_FIRST_MATCH, "About To Sleep" },     /* rfm_seg_030_211 */
		{ "py_rfm", 5, 5, 5, CXM_RFM_FIRST_MATCH, "Champions" },         /* rfm_seg_py_555 */
		{ "py_rfm", 4, 3, 1, CXM_RFM_FIRST_MATCH, "Low Spenders" },      /* rfm_seg_py_431 */
		{ "py_rfm", 2, 2, 5, CXM_RFM_FIRST_MATCH, "Need Attention" },    /* rfm_seg_py_225 */
		{ "py_rfm", 3, 4, 2, CXM_RFM_FIRST_MATCH, "Low Spenders" },      /* rfm_seg_py_342 */
		{ "py_rfm", 1, 3, 3, CXM_RFM_FIRST_MATCH, "At Risk" },           /* rfm_seg_py_133 */
		{ "py_rfm", 2, 4, 4, CXM_RFM_FIRST_MATCH, "At Risk" },           /* rfm_seg_py_244 */
		/* §7.3 quirks: New Customers and Promising sit inside the earlier
		 * Potential Loyalist, Can't Lose Them inside At Risk; Lost (set A) is
		 * shadowed by Hibernating. Last match (rfm <= 0.2.1) reaches them. */
		{ "r_02x", 4, 1, 1, CXM_RFM_FIRST_MATCH, "Potential Loyalist" },
		{ "r_02x", 4, 1, 1, CXM_RFM_LAST_MATCH, "Promising" },
		{ "r_02x", 5, 1, 1, CXM_RFM_LAST_MATCH, "New Customers" },
		{ "vignette_11", 1, 1, 1, CXM_RFM_LAST_MATCH, "Lost" },
	};
	size_t i;
	for (i = 0; i < N_OF(cases); i++) {
		cxm_rfm_rules *t = NULL;
		const char *seg = NULL;
		ck_assert_status(cxm_rfm_rules_builtin(&t, cases[i].table), CXM_OK);
		ck_assert_status(cxm_rfm_segment(&seg, t, cases[i].r, cases[i].f, cases[i].m, cases[i].match),
				 CXM_OK);
		ck_assert_msg(strcmp(seg, cases[i].expect) == 0, "%s (%u,%u,%u) match %d: got %s, expected %s",
			      cases[i].table, cases[i].r, cases[i].f, cases[i].m, cases[i].match, seg,
			      cases[i].expect);
		cxm_rfm_rules_free(t);
	}
}
END_TEST

typedef struct name_count {
	const char *name;
	size_t count;
} name_count;

/* Tally the segments of all 125 cells (r, f, m in 1..5) against expected counts. */
static void check_grid(const char *table, int match, const name_count *exp, size_t n_exp)
{
	unsigned int r[125], f[125], m[125];
	size_t idx[125], tally[16] = { 0 }, i, k, total = 0;
	cxm_rfm_rules *t = NULL;
	for (i = 0; i < 125; i++) {
		r[i] = (unsigned int)(i / 25) + 1;
		f[i] = (unsigned int)(i / 5 % 5) + 1;
		m[i] = (unsigned int)(i % 5) + 1;
	}
	ck_assert_status(cxm_rfm_rules_builtin(&t, table), CXM_OK);
	ck_assert_status(cxm_rfm_segment_many(idx, 125, t, r, 125, f, 125, m, 125, match), CXM_OK);
	for (i = 0; i < 125; i++) {
		const char *seg;
		ck_assert_uint_le(idx[i], cxm_rfm_rules_count(t));
		tally[idx[i]]++;
		/* the one-at-a-time call agrees */
		ck_assert_status(cxm_rfm_segment(&seg, t, r[i], f[i], m[i], match), CXM_OK);
		ck_assert_str_eq(seg, idx[i] < cxm_rfm_rules_count(t) ? cxm_rfm_rules_name(t, idx[i])
								   : CXM_RFM_NO_SEGMENT);
	}
	for (k = 0; k < n_exp; k++) {
		size_t got = 0;
		if (strcmp(exp[k].name, CXM_RFM_NO_SEGMENT) == 0) {
			got = tally[cxm_rfm_rules_count(t)];
		} else {
			/* names may repeat in principle; sum every rule of that name */
			for (i = 0; i < cxm_rfm_rules_count(t); i++)
				if (strcmp(cxm_rfm_rules_name(t, i), exp[k].name) == 0)
					got += tally[i];
		}
		ck_assert_msg(got == exp[k].count, "%s match %d: %s has %zu cells, expected %zu", table, match,
			      exp[k].name, got, exp[k].count);
		total += got;
	}
	ck_assert_uint_eq(total, 125); /* every segment with cells is listed */
	cxm_rfm_rules_free(t);
}

START_TEST(test_segment_grid)
{
	/* Counts over the 5 x 5 x 5 grid from cxref.rfm_segment(r, f, m, table, match). */
	static const name_count b_first[] = {
		{ "About To Sleep", 3 }, { "At Risk", 20 }, { "Champions", 8 }, { "Lost", 3 },
		{ "Loyal Customers", 28 }, { "Need Attention", 3 }, { "Others", 36 },
		{ "Potential Loyalist", 24 } };
	static const name_count b_last[] = {
		{ "About To Sleep", 4 }, { "At Risk", 26 }, { "Can't Lose Them", 4 }, { "Lost", 8 },
		{ "Loyal Customers", 24 }, { "Need Attention", 3 }, { "New Customers", 1 }, { "Others", 36 },
		{ "Potential Loyalist", 18 }, { "Promising", 1 } };
	static const name_count a_first[] = {
		{ "About To Sleep", 3 }, { "At Risk", 20 }, { "Champions", 8 }, { "Hibernating", 3 },
		{ "Loyal Customers", 28 }, { "Need Attention", 3 }, { "Others", 36 },
		{ "Potential Loyalist", 24 } };
	static const name_count c_first[] = {
		{ "About To Sleep", 10 }, { "At Risk", 7 }, { "Can't Lose Them", 6 }, { "Champions", 1 },
		{ "Lost", 14 }, { "Loyal Customers", 15 }, { "Need Attention", 4 }, { "New Customers", 15 },
		{ "Others", 10 }, { "Potential Loyalist", 35 }, { "Promising", 8 } };
	static const name_count c_last[] = {
		{ "About To Sleep", 24 }, { "At Risk", 1 }, { "Lost", 25 }, { "Loyal Customers", 5 },
		{ "Need Attention", 14 }, { "New Customers", 30 }, { "Others", 10 },
		{ "Potential Loyalist", 14 }, { "Promising", 2 } };
	static const name_count py_first[] = {
		{ "About to Sleep", 7 }, { "At Risk", 24 }, { "Champions", 8 }, { "Lost", 16 },
		{ "Low Spenders", 22 }, { "Loyal Accounts", 19 }, { "Need Attention", 7 },
		{ "New Active Accounts", 2 }, { "Potential Loyalist", 8 }, { "Promising", 12 } };
	check_grid("r_02x", CXM_RFM_FIRST_MATCH, b_first, N_OF(b_first));
	check_grid("r_02x", CXM_RFM_LAST_MATCH, b_last, N_OF(b_last));
	check_grid("vignette_11", CXM_RFM_FIRST_MATCH, a_first, N_OF(a_first));
	check_grid("r_030", CXM_RFM_FIRST_MATCH, c_first, N_OF(c_first));
	check_grid("r_030", CXM_RFM_LAST_MATCH, c_last, N_OF(c_last));
	check_grid("py_rfm", CXM_RFM_FIRST_MATCH, py_first, N_OF(py_first));
}
END_TEST

START_TEST(test_rules_custom)
{
	cxm_rfm_rules *t = NULL;
	const char *seg = NULL;
	char name[8] = "Top";
	static const unsigned int r[] = { 5, 1, 3 }, f[] = { 5, 1, 3 }, m[] = { 5, 1, 3 };
	size_t idx[3];
	ck_assert_status(cxm_rfm_rules_new(&t), CXM_OK);
	ck_assert_uint_eq(cxm_rfm_rules_count(t), 0);
	/* an empty table: everyone is "Others", index count = 0 */
	ck_assert_status(cxm_rfm_segment(&seg, t, 5, 5, 5, CXM_RFM_FIRST_MATCH), CXM_OK);
	ck_assert_str_eq(seg, CXM_RFM_NO_SEGMENT);
	ck_assert_status(cxm_rfm_rules_add(t, name, 4, 5, 4, 5, 4, 5), CXM_OK);
	name[0] = 'X'; /* the table keeps its own copy */
	ck_assert_status(cxm_rfm_rules_add(t, "Any", 1, 5, 1, 5, 1, 5), CXM_OK);
	ck_assert_uint_eq(cxm_rfm_rules_count(t), 2);
	ck_assert_str_eq(cxm_rfm_rules_name(t, 0), "Top");
	ck_assert_str_eq(cxm_rfm_rules_name(t, 1), "Any");
	ck_assert_status(cxm_rfm_segment(&seg, t, 5, 4, 5, CXM_RFM_FIRST_MATCH), CXM_OK);
	ck_assert_str_eq(seg, "Top");
	ck_assert_status(cxm_rfm_segment(&seg, t, 5, 4, 5, CXM_RFM_LAST_MATCH), CXM_OK);
	ck_assert_str_eq(seg, "Any");
	ck_assert_status(cxm_rfm_segment(&seg, t, 6, 1, 1, CXM_RFM_FIRST_MATCH), CXM_OK);
	ck_assert_str_eq(seg, "Others");
	ck_assert_status(cxm_rfm_segment_many(idx, 3, t, r, 3, f, 3, m, 3, CXM_RFM_FIRST_MATCH), CXM_OK);
	ck_assert(idx[0] == 0 && idx[1] == 1 && idx[2] == 1);
	/* the table grows past its first allocation */
	{
		int i;
		for (i = 0; i < 40; i++)
			ck_assert_status(cxm_rfm_rules_add(t, "More", 9, 9, 9, 9, 9, 9), CXM_OK);
		ck_assert_uint_eq(cxm_rfm_rules_count(t), 42);
		ck_assert_str_eq(cxm_rfm_rules_name(t, 41), "More");
		ck_assert_str_eq(cxm_rfm_rules_name(t, 0), "Top");
	}
	/* add errors leave the table as it was */
	ck_assert_status(cxm_rfm_rules_add(t, "", 1, 1, 1, 1, 1, 1), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_rules_add(t, NULL, 1, 1, 1, 1, 1, 1), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_rules_add(t, "Bad", 3, 2, 1, 1, 1, 1), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_rules_add(t, "Bad", 1, 1, 2, 1, 1, 1), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_rules_add(t, "Bad", 1, 1, 1, 1, 5, 4), CXM_EBAD_ARG);
	ck_assert_ptr_nonnull(strstr(cxm_error_last()->message, "monetary"));
	ck_assert_status(cxm_rfm_rules_add(NULL, "X", 1, 1, 1, 1, 1, 1), CXM_EBAD_ARG);
	ck_assert_uint_eq(cxm_rfm_rules_count(t), 42);
	/* segment errors */
	ck_assert_status(cxm_rfm_segment(&seg, t, 1, 1, 1, 2), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_segment(&seg, t, 1, 1, 1, -1), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_segment(NULL, t, 1, 1, 1, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_segment(&seg, NULL, 1, 1, 1, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_segment_many(idx, 3, t, r, 3, f, 2, m, 3, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_segment_many(idx, 3, t, r, 3, f, 3, m, 1, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_segment_many(NULL, 3, t, r, 3, f, 3, m, 3, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_segment_many(idx, 3, NULL, r, 3, f, 3, m, 3, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_segment_many(idx, 3, t, NULL, 3, f, 3, m, 3, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_segment_many(idx, 3, t, r, 3, f, 3, m, 3, 5), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_segment_many(NULL, 0, t, NULL, 0, NULL, 0, NULL, 0, 0), CXM_OK);
	cxm_rfm_rules_free(t);
	/* NULL handles */
	cxm_rfm_rules_free(NULL);
	ck_assert_uint_eq(cxm_rfm_rules_count(NULL), 0);
	ck_assert_ptr_null(cxm_rfm_rules_name(NULL, 0));
	ck_assert_status(cxm_rfm_rules_new(NULL), CXM_EBAD_ARG);
}
END_TEST

/* Every output comes with its capacity: too small is BAD_ARG naming both
 * numbers, and nothing is written; larger is fine (the rest untouched). */
START_TEST(test_output_capacities)
{
	static const double x[] = { 1, 5, 3 }, b2[] = { 2, 4 };
	static const unsigned int one[] = { 1, 1, 1 };
	unsigned int s[4] = { 9, 9, 9, 9 }, s2[3], s3[3], s4[3];
	double lo[4] = { -1, -1, -1, -1 }, up[3], b[2];
	size_t idx[4] = { 7, 7, 7, 7 };
	cxm_rfm_rules *t = NULL;
	/* scores: n entries, edges: n_breaks + 1 = 3 */
	ck_assert_status(cxm_rfm_score(s, 2, NULL, 0, NULL, 0, x, 3, b2, 2, 0), CXM_EBAD_ARG);
	assert_message_has("n_scores = 2 is smaller than the 3 customers");
	ck_assert(s[0] == 9);
	ck_assert_status(cxm_rfm_score(s, 3, lo, 2, up, 3, x, 3, b2, 2, 0), CXM_EBAD_ARG);
	assert_message_has("n_lower = 2 is smaller than the 3 bins");
	ck_assert_status(cxm_rfm_score(s, 3, lo, 3, up, 2, x, 3, b2, 2, 0), CXM_EBAD_ARG);
	assert_message_has("n_upper = 2 is smaller than the 3 bins");
	ck_assert_status(cxm_rfm_score(s, 3, NULL, 3, NULL, 0, x, 3, b2, 2, 0), CXM_EBAD_ARG);
	assert_message_has("lower is NULL");
	ck_assert(s[0] == 9 && lo[0] == -1);
	/* bins [1, 2), [2, 4), [4, 6): 1, 3, 2 */
	ck_assert_status(cxm_rfm_score(s, 4, lo, 4, up, 3, x, 3, b2, 2, 0), CXM_OK);
	ck_assert(s[0] == 1 && s[1] == 3 && s[2] == 2 && s[3] == 9);
	ck_assert(lo[0] == 1 && lo[1] == 2 && lo[2] == 4 && lo[3] == -1 && up[2] == 6);
	/* breaks: n_breaks of them */
	ck_assert_status(cxm_rfm_breaks(NULL, 2, x, 3), CXM_EBAD_ARG);
	assert_message_has("breaks is NULL");
	ck_assert_status(cxm_rfm_breaks(b, 0, x, 3), CXM_EBAD_ARG);
	assert_message_has("n_breaks = 0; at least 1 break point (2 bins) is needed");
	/* 3 bins of 1, 3, 5: Q7 at 1/3 and 2/3 is 1 + 4/3 and 1 + 8/3, + 1 each */
	ck_assert_status(cxm_rfm_breaks(b, 2, x, 3), CXM_OK);
	ck_assert_close(b[0], 1.0 + 4.0 * (1.0 / 3.0) + 1.0);
	ck_assert_close(b[1], 1.0 + 4.0 * (2.0 / 3.0) + 1.0);
	/* the table: one per customer in each of the four */
	ck_assert_status(cxm_rfm_table(s, 3, s2, 3, s3, 2, s4, 3, x, 3, x, 3, x, 3, b2, 2, b2, 2, b2, 2),
			 CXM_EBAD_ARG);
	assert_message_has("n_monetary_score = 2 is smaller than the 3 customers");
	ck_assert_status(cxm_rfm_table(s, 3, s2, 3, s3, 3, s4, 2, x, 3, x, 3, x, 3, b2, 2, b2, 2, b2, 2),
			 CXM_EBAD_ARG);
	assert_message_has("n_rfm_score = 2");
	ck_assert_status(cxm_rfm_table(s, 3, s2, 3, s3, 3, s4, 3, x, 3, x, 3, x, 3, b2, 2, b2, 2, b2, 2), CXM_OK);
	/* recency descending: 3, 1, 2; then 100 R + 10 F + M */
	ck_assert(s4[0] == 311 && s4[1] == 133 && s4[2] == 222);
	/* rank qcut */
	ck_assert_status(cxm_rfm_rank_qcut(s, 2, x, 3, 3, 0), CXM_EBAD_ARG);
	assert_message_has("n_scores = 2 is smaller than the 3 customers");
	ck_assert_status(cxm_rfm_rank_qcut(s, 3, x, 3, 3, 0), CXM_OK);
	ck_assert(s[0] == 1 && s[1] == 3 && s[2] == 2);
	/* segments: one index per customer; the match words are the names table's */
	ck_assert_status(cxm_rfm_rules_builtin(&t, "r_02x"), CXM_OK);
	ck_assert_status(cxm_rfm_segment_many(idx, 2, t, one, 3, one, 3, one, 3, CXM_RFM_FIRST_MATCH), CXM_EBAD_ARG);
	assert_message_has("n_index = 2 is smaller than the 3 customers");
	ck_assert(idx[0] == 7);
	ck_assert_status(cxm_rfm_segment_many(idx, 4, t, one, 3, one, 3, one, 3, 2), CXM_EBAD_ARG);
	assert_message_has("match is 2, which is not one of its values (first or last)");
	ck_assert_status(cxm_rfm_segment_many(idx, 4, t, one, 3, one, 3, one, 3, CXM_RFM_FIRST_MATCH), CXM_OK);
	/* (1, 1, 1) is Lost, the last rule of set B */
	ck_assert(idx[0] == cxm_rfm_rules_count(t) - 1 && idx[2] == idx[0] && idx[3] == 7);
	ck_assert_str_eq(cxm_rfm_rules_name(t, idx[0]), "Lost");
	cxm_rfm_rules_free(t);
	ck_assert_status(cxm_rfm_rules_builtin(&t, "r_03"), CXM_EBAD_ARG);
	assert_message_has("must be r_02x, vignette_11, r_030, py_rfm or klaviyo_3, not 'r_03'");
}
END_TEST

/* ---- transactions -> customers -------------------------------------------------------------- */

/* Day numbers (Python date.toordinal) of the dates in rfm_orders_aggregate. */
#define D_2005_01_01 731947.0
#define D_2006_01_15 732326.0
#define D_2006_06_30 732492.0
#define D_2006_11_30 732645.0
#define D_2006_12_01 732646.0
#define D_2006_12_20 732665.0
#define D_2006_12_31 732676.0
#define D_2007_01_02 732678.0

/* The customer table's columns (cxm_rfm_customers_aggregate), borrowed. */
typedef struct rfm_cols {
	const char *const *id;
	const double *r, *t, *a;
} rfm_cols;

static rfm_cols rfm_cols_of(const cxm_table *c)
{
	rfm_cols k;
	ck_assert_uint_eq(cxm_table_column_count(c), 4);
	ck_assert_str_eq(cxm_table_column_name(c, 0), "customer_id");
	ck_assert_str_eq(cxm_table_column_name(c, 1), "recency_days");
	ck_assert_str_eq(cxm_table_column_name(c, 2), "transaction_count");
	ck_assert_str_eq(cxm_table_column_name(c, 3), "amount");
	k.id = cxm_table_texts(c, 0);
	k.r = cxm_table_numbers(c, 1);
	k.t = cxm_table_numbers(c, 2);
	k.a = cxm_table_numbers(c, 3);
	ck_assert(k.id && k.r && k.t && k.a);
	return k;
}

START_TEST(test_customers_vector)
{
	/* rfm_orders_aggregate */
	static const char *const ids[] = { "b", "a", "b", "c", "a", "b" };
	static const double days[] = { D_2006_12_01, D_2006_06_30, D_2006_12_20,
				       D_2005_01_01, D_2006_11_30, D_2006_01_15 };
	static const double rev[] = { 10, 20, 30, 40, 50, 60 };
	cxm_table *c = NULL;
	double day = 0.0, r[4] = { -1, -1, -1, -1 };
	char *text = NULL;
	rfm_cols k;
	ck_assert_status(cxm_rfm_customers_aggregate(&c, ids, 6, days, 6, rev, 6, D_2006_12_31), CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(c), 3);
	k = rfm_cols_of(c);
	ck_assert_str_eq(k.id[0], "a");
	ck_assert_str_eq(k.id[1], "b");
	ck_assert_str_eq(k.id[2], "c");
	ck_assert_close(k.r[0], 31.0);
	ck_assert_close(k.r[1], 11.0);
	ck_assert_close(k.r[2], 729.0);
	ck_assert_close(k.t[0], 2.0);
	ck_assert_close(k.t[1], 3.0);
	ck_assert_close(k.t[2], 1.0);
	ck_assert_close(k.a[0], 70.0);
	ck_assert_close(k.a[1], 100.0);
	ck_assert_close(k.a[2], 40.0);
	ck_assert_status(cxm_table_get_attr_number(&day, c, "analysis_day"), CXM_OK);
	ck_assert(day == D_2006_12_31);
	ck_assert_str_eq(cxm_table_row_name(c), "customers");
	/* the bindings copy columns into buffers of their own (caller-sized) */
	ck_assert_status(cxm_table_copy_numbers(r, 4, c, 1), CXM_OK);
	ck_assert(r[0] == 31.0 && r[2] == 729.0 && r[3] == -1);
	ck_assert_status(cxm_table_copy_numbers(r, 2, c, 1), CXM_EBAD_ARG);
	assert_message_has("n_out = 2 is smaller than the 3 rows");
	/* as CSV: the same numbers, by hand */
	ck_assert_status(cxm_table_render(&text, c, CXM_FORMAT_CSV), CXM_OK);
	ck_assert_str_eq(text, "customer_id,recency_days,transaction_count,amount\na,31,2,70\nb,11,3,100\n"
			       "c,729,1,40\n");
	cxm_free(text);
	cxm_table_free(c);
}
END_TEST

START_TEST(test_customers_exact_amounts)
{
	/* amounts are exact sums rounded once, as math.fsum, negatives included:
	 * cxref.rfm_aggregate_orders(['x','y','x','x','y'], [10,12,11,10,5],
	 * [1e16, 0.1, 1.0, -1e16, 0.2], 20) -> x: 9 days, 3 rows, 1.0;
	 * y: 8 days, 2 rows, 0.30000000000000004 */
	static const char *const ids[] = { "x", "y", "x", "x", "y" };
	static const double days[] = { 10, 12, 11, 10, 5 };
	static const double rev[] = { 1e16, 0.1, 1.0, -1e16, 0.2 };
	/* ten 0.1 -> 1.0 (a naive sum gives 0.9999999999999999); a refund cancels
	 * to 0 (cxref, same call shape) */
	static const char *const ids2[] = { "r", "r", "r", "r", "r", "r", "r", "r", "r", "r", "s", "s" };
	static const double days2[] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
	static const double rev2[] = { 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 5.0, -5.0 };
	cxm_table *c = NULL;
	rfm_cols k;
	ck_assert_status(cxm_rfm_customers_aggregate(&c, ids, 5, days, 5, rev, 5, 20), CXM_OK);
	k = rfm_cols_of(c);
	ck_assert(k.r[0] == 9.0 && k.r[1] == 8.0);
	ck_assert(k.t[0] == 3.0 && k.t[1] == 2.0);
	ck_assert(k.a[0] == 1.0);
	ck_assert(k.a[1] == 0.30000000000000004);
	cxm_table_free(c);
	ck_assert_status(cxm_rfm_customers_aggregate(&c, ids2, 12, days2, 12, rev2, 12, 3), CXM_OK);
	k = rfm_cols_of(c);
	ck_assert(k.a[0] == 1.0);
	ck_assert(k.a[1] == 0.0);
	ck_assert(k.t[0] == 10.0 && k.r[0] == 2.0);
	cxm_table_free(c);
	/* a bad value is named by the customer the caller gave (issue 11, item 5) */
	{
		double nan_rev[12], frac_days[12];
		memcpy(nan_rev, rev2, sizeof nan_rev);
		memcpy(frac_days, days2, sizeof frac_days);
		nan_rev[10] = NAN;
		frac_days[11] = 1.5;
		ck_assert_status(cxm_rfm_customers_aggregate(&c, ids2, 12, days2, 12, nan_rev, 12, 3), CXM_ENAN);
		assert_message_has("NAN: customer 's' (row 11): revenues[10] is NaN");
		ck_assert_status(cxm_rfm_customers_aggregate(&c, ids2, 12, frac_days, 12, rev2, 12, 3), CXM_EBAD_ARG);
		assert_message_has("customer 's' (row 12): order_days[11] = 1.5");
	}
}
END_TEST

START_TEST(test_customers_byte_order)
{
	/* ascending byte order (strcmp): "B" < "a" < "ab" < "b" < "\xc3\xa9"; an empty id is
	 * no customer (spec §16.3) */
	static const char *const ids[] = { "b", "\xc3\xa9", "ab", "a", "B", "a" };
	static const char *const with_empty[] = { "b", "\xc3\xa9", "ab", "a", "B", "", "a" };
	static const double days[] = { 1, 2, 3, 4, 5, 7, 7 };
	static const double rev[] = { 1, 2, 3, 4, 5, 7, 7 };
	static const char *const exp[] = { "B", "a", "ab", "b", "\xc3\xa9" };
	cxm_table *c = NULL;
	size_t i;
	rfm_cols k;
	ck_assert_status(cxm_rfm_customers_aggregate(&c, with_empty, 7, days, 7, rev, 7, 10), CXM_EBAD_ARG);
	assert_message_has("customer_ids[5] (row 6) is missing (an empty text)");
	ck_assert_status(cxm_rfm_customers_aggregate(&c, ids, 6, days, 6, rev, 6, 10), CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(c), 5);
	k = rfm_cols_of(c);
	for (i = 0; i < 5; i++)
		ck_assert_str_eq(k.id[i], exp[i]);
	/* "a" has rows on days 4 and 7, revenues 4 and 7 */
	ck_assert(k.r[1] == 3.0 && k.t[1] == 2.0 && k.a[1] == 11.0);
	cxm_table_free(c);
}
END_TEST

START_TEST(test_customers_errors)
{
	static const char *const ids[] = { "a", "b" };
	static const char *const null_id[] = { "a", NULL };
	static const double days[] = { 1, 2 }, rev[] = { 1, 2 };
	static const double frac_day[] = { 1, 2.5 }, nan_day[] = { NAN, 2 }, inf_day[] = { 1, INFINITY };
	static const double nan_rev[] = { 1, NAN }, inf_rev[] = { -INFINITY, 1 };
	/* rfm_orders_after_analysis */
	static const char *const one[] = { "a" };
	static const double late[] = { D_2007_01_02 }, one_rev[] = { 1 };
	cxm_table *c = (cxm_table *)&c;
	ck_assert_status(cxm_rfm_customers_aggregate(&c, one, 1, late, 1, one_rev, 1, D_2006_12_31),
			 CXM_EINCONSISTENT);
	ck_assert_ptr_null(c); /* reset on failure */
	ck_assert_ptr_nonnull(strstr(cxm_error_last()->message, "order_days[0]"));
	ck_assert_status(cxm_rfm_customers_aggregate(&c, ids, 2, frac_day, 2, rev, 2, 10), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_customers_aggregate(&c, ids, 2, inf_day, 2, rev, 2, 10), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_customers_aggregate(&c, ids, 2, nan_day, 2, rev, 2, 10), CXM_ENAN);
	ck_assert_status(cxm_rfm_customers_aggregate(&c, ids, 2, days, 2, rev, 2, 10.5), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_customers_aggregate(&c, ids, 2, days, 2, rev, 2, NAN), CXM_ENAN);
	ck_assert_status(cxm_rfm_customers_aggregate(&c, ids, 2, days, 2, rev, 2, INFINITY), CXM_EBAD_ARG);
	/* the analysis day is written as a date: it must be one */
	ck_assert_status(cxm_rfm_customers_aggregate(&c, ids, 2, days, 2, rev, 2, 1e9), CXM_EBAD_ARG);
	assert_message_has("analysis_day = 1000000000 is not a day of the years 0001..9999");
	ck_assert_status(cxm_rfm_customers_aggregate(&c, ids, 2, days, 2, nan_rev, 2, 10), CXM_ENAN);
	ck_assert_status(cxm_rfm_customers_aggregate(&c, ids, 2, days, 2, inf_rev, 2, 10), CXM_EOUT_OF_RANGE);
	ck_assert_status(cxm_rfm_customers_aggregate(&c, ids, 2, days, 1, rev, 2, 10), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_customers_aggregate(&c, ids, 2, days, 2, rev, 3, 10), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_customers_aggregate(&c, null_id, 2, days, 2, rev, 2, 10), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_customers_aggregate(&c, NULL, 2, days, 2, rev, 2, 10), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_customers_aggregate(&c, NULL, 0, NULL, 0, NULL, 0, 10), CXM_EEMPTY);
	ck_assert_status(cxm_rfm_customers_aggregate(NULL, ids, 2, days, 2, rev, 2, 10), CXM_EBAD_ARG);
	ck_assert_ptr_null(c);
	/* an order on the analysis day itself is fine: recency 0 */
	ck_assert_status(cxm_rfm_customers_aggregate(&c, ids, 2, days, 2, rev, 2, 2), CXM_OK);
	ck_assert(cxm_table_numbers(c, 1)[1] == 0.0);
	cxm_table_free(c);
}
END_TEST

START_TEST(test_customers_to_table)
{
	/* the pipeline of §7: orders -> customers -> breaks -> scores -> segments,
	 * on rfm_orders_aggregate (recency 31, 11, 729; frequency 2, 3, 1; amounts
	 * 70, 100, 40). By hand (Q7 + 1, n = 3): recency breaks 20, 28, 171.6,
	 * 450.8; frequency 2.4, 2.8, 3.2, 3.6; amount 53, 65, 77, 89; so a, b, c
	 * score 313, 535, 111: Potential Loyalist, Loyal Customers, Lost in set B
	 * (confirmed with cxref.rfm_rpkg_table and cxref.rfm_segment). */
	static const char *const ids[] = { "b", "a", "b", "c", "a", "b" };
	static const double days[] = { D_2006_12_01, D_2006_06_30, D_2006_12_20,
				       D_2005_01_01, D_2006_11_30, D_2006_01_15 };
	static const double rev[] = { 10, 20, 30, 40, 50, 60 };
	static const unsigned int erfm[] = { 313, 535, 111 };
	cxm_table *c = NULL;
	cxm_rfm_rules *t = NULL;
	double r[3], f[3], m[3], rb[4], fb[4], mb[4];
	unsigned int rs[3], fs[3], ms[3], rfm[3];
	const char *seg;
	ck_assert_status(cxm_rfm_customers_aggregate(&c, ids, 6, days, 6, rev, 6, D_2006_12_31), CXM_OK);
	ck_assert_status(cxm_table_copy_numbers(r, 3, c, 1), CXM_OK);
	ck_assert_status(cxm_table_copy_numbers(f, 3, c, 2), CXM_OK);
	ck_assert_status(cxm_table_copy_numbers(m, 3, c, 3), CXM_OK);
	ck_assert_status(table_auto(rs, fs, ms, rfm, r, f, m, 3, rb, fb, mb), CXM_OK);
	assert_scores(rfm, erfm, 3);
	ck_assert_close(rb[0], 20.0);
	ck_assert_close(rb[2], 171.6);
	ck_assert_close(fb[3], 3.6);
	ck_assert_close(mb[1], 65.0);
	ck_assert_status(cxm_rfm_rules_builtin(&t, "r_02x"), CXM_OK);
	ck_assert_status(cxm_rfm_segment(&seg, t, rs[0], fs[0], ms[0], CXM_RFM_FIRST_MATCH), CXM_OK);
	ck_assert_str_eq(seg, "Potential Loyalist"); /* (3, 1, 3) */
	ck_assert_status(cxm_rfm_segment(&seg, t, rs[1], fs[1], ms[1], CXM_RFM_FIRST_MATCH), CXM_OK);
	ck_assert_str_eq(seg, "Loyal Customers"); /* (5, 3, 5) */
	ck_assert_status(cxm_rfm_segment(&seg, t, rs[2], fs[2], ms[2], CXM_RFM_FIRST_MATCH), CXM_OK);
	ck_assert_str_eq(seg, "Lost"); /* (1, 1, 1) */
	cxm_rfm_rules_free(t);
	cxm_table_free(c);
}
END_TEST

/* ---- out of memory: every allocating entry point ---------------------------------------------- */

typedef int (*oom_step)(void **result);
typedef void (*oom_free)(void *result);

/* Fail allocation k = 0, 1, 2, ...: each failure must be CXM_ENOMEM with
 * nothing leaked, until the call succeeds. Returns the allocations it took. */
static long oom_loop(oom_step step, oom_free release)
{
	long k;
	int rc;
	for (k = 0;; k++) {
		void *result = NULL;
		oom_arm(k);
		rc = step(&result);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			if (release)
				release(result);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		oom_assert_no_leak(k);
	}
	oom_disarm();
	return k;
}

static int step_rules_new(void **res)
{
	return cxm_rfm_rules_new((cxm_rfm_rules **)res);
}

static int step_rules_builtin(void **res)
{
	return cxm_rfm_rules_builtin((cxm_rfm_rules **)res, "vignette_11");
}

static int step_rules_add(void **res)
{
	cxm_rfm_rules *t = NULL;
	int rc, i;
	if ((rc = cxm_rfm_rules_new(&t)) < 0)
		return rc;
	for (i = 0; i < 20; i++) {
		if ((rc = cxm_rfm_rules_add(t, "Segment", 1, 5, 1, 5, 1, 5)) < 0) {
			/* a failed add leaves a usable table with the rules before it */
			ck_assert_uint_eq(cxm_rfm_rules_count(t), (size_t)i);
			cxm_rfm_rules_free(t);
			return rc;
		}
	}
	*res = t;
	return CXM_OK;
}

static void free_rules(void *p)
{
	cxm_rfm_rules_free(p);
}

static int step_customers(void **res)
{
	static const char *const ids[] = { "b", "a", "b", "c", "a", "b" };
	static const double days[] = { 5, 1, 6, 2, 3, 4 };
	static const double rev[] = { 10, 20, -30, 40, 50, 60 };
	return cxm_rfm_customers_aggregate((cxm_table **)res, ids, 6, days, 6, rev, 6, 10);
}

static void free_customers(void *p)
{
	cxm_table_free(p);
}

static int step_rank_qcut(void **res)
{
	static const double x[] = { 3, 40, 7, 120, 365, 15, 60, 2, 200, 90, 7, 7 };
	unsigned int s[12];
	(void)res;
	return cxm_rfm_rank_qcut(s, 12, x, 12, 5, 1);
}

static int step_breaks(void **res)
{
	double b[4];
	(void)res;
	return cxm_rfm_breaks(b, 4, mpg, N_OF(mpg));
}

START_TEST(test_oom)
{
	ck_assert_int_ge(oom_loop(step_rules_new, free_rules), 1);
	ck_assert_int_ge(oom_loop(step_rules_builtin, free_rules), 12); /* table + 11 names */
	ck_assert_int_ge(oom_loop(step_rules_add, free_rules), 22);     /* grows past 8 and 16 */
	ck_assert_int_ge(oom_loop(step_customers, free_customers), 10); /* rows, ids, the table */
	ck_assert_int_ge(oom_loop(step_rank_qcut, NULL), 2);
	ck_assert_int_ge(oom_loop(step_breaks, NULL), 1);
}
END_TEST

static Suite *rfm_suite(void)
{
	Suite *s = suite_create("rfm");
	TCase *tc = tcase_create("scores");
	tcase_add_test(tc, test_breaks_vectors);
	tcase_add_test(tc, test_breaks_p_k_arithmetic);
	tcase_add_test(tc, test_breaks_other_bins);
	tcase_add_test(tc, test_breaks_errors);
	tcase_add_test(tc, test_score_vectors);
	tcase_add_test(tc, test_score_descending);
	tcase_add_test(tc, test_score_custom);
	tcase_add_test(tc, test_score_errors);
	tcase_add_test(tc, test_score_unsorted_custom_breaks);
	tcase_add_test(tc, test_score_value_in_no_bin);
	tcase_add_test(tc, test_table_vectors);
	tcase_add_test(tc, test_table_single_customer);
	tcase_add_test(tc, test_table_custom);
	tcase_add_test(tc, test_table_errors);
	tcase_add_test(tc, test_rank_qcut);
	tcase_add_test(tc, test_rank_qcut_errors);
	suite_add_tcase(s, tc);
	tc = tcase_create("segments");
	tcase_add_test(tc, test_rules_builtin_tables);
	tcase_add_test(tc, test_segment_vectors);
	tcase_add_test(tc, test_segment_grid);
	tcase_add_test(tc, test_rules_custom);
	tcase_add_test(tc, test_output_capacities);
	suite_add_tcase(s, tc);
	tc = tcase_create("customers");
	tcase_add_test(tc, test_customers_vector);
	tcase_add_test(tc, test_customers_exact_amounts);
	tcase_add_test(tc, test_customers_byte_order);
	tcase_add_test(tc, test_customers_errors);
	tcase_add_test(tc, test_customers_to_table);
	suite_add_tcase(s, tc);
	tc = tcase_create("oom");
	tcase_add_test(tc, test_oom);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(rfm_suite)
