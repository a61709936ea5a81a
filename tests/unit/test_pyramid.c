/*
 * tests/unit/test_pyramid.c - the CX Index and the CX pyramid (spec §25):
 * cxm_cxi and the PYRAMID table of the survey report. Every expected
 * number is worked by hand below from marketr's definition (question score
 * = (HIGH - LOW) / (HIGH + MID + LOW) x 100, cxi = their mean), the spec's
 * adjusted-Wald (§1.4) and Wilson (§2.3) formulas, and a printed t table
 * value (t_{0.975, 7} = 2.364624251592785). The Python test checks the same
 * numbers against pandas, scipy and statsmodels.
 */
#define _POSIX_C_SOURCE 200809L
#define TMP_PREFIX "cxm_test_pyramid_"
#include <unistd.h>
#include "harness.h"
#include "oom.h"
#include "report/report_internal.h"
#include "tmpfile.h"

/*
 * The worked example (1-5, high 4, low 2):
 *   row grp site month   needs ease emotion   d = sum of +1 HIGH / -1 LOW
 *   1   a   x    2024-01  5     4    3        +1 +1  0 =  2
 *   2   a   x    2024-01  4     2    5        +1 -1 +1 =  1
 *   3   a   x    2024-02  3     5    1         0 +1 -1 =  0
 *   4   b   x    2024-01  2     3    4        -1  0 +1 =  0
 *   5   b   x    2024-02  5     5    5        +1 +1 +1 =  3
 *   6   b   y    2024-02  1     4    2        -1 +1 -1 = -1
 *   7   a   y    2024-02  4     4    4        +1 +1 +1 =  3
 *   8   b   z    2024-01  5     3    2        +1  0 -1 =  0
 * needs HIGH 5 MID 1 LOW 2 -> 37.5; ease HIGH 5 MID 2 LOW 1 -> 50;
 * emotion HIGH 4 MID 1 LOW 3 -> 12.5; cxi = 100 / 3.
 * level1 (needs HIGH) rows 1 2 5 7 8 = 5/8; level2 (and ease) rows 1 5 7 =
 * 3/8; level3 (and emotion) rows 5 7 = 2/8.
 */
static const double needs8[] = { 5, 4, 3, 2, 5, 1, 4, 5 };
static const double ease8[] = { 4, 2, 5, 3, 5, 4, 4, 3 };
static const double emotion8[] = { 3, 5, 1, 4, 5, 2, 4, 2 };

#define CSV_HEAD "id,grp,site,time,needs,ease,emotion\n"
#define CSV_ROWS                                                                                                   \
	"1,a,x,2024-01-05,5,4,3\n"                                                                                  \
	"2,a,x,2024-01-10,4,2,5\n"                                                                                  \
	"3,a,x,2024-02-03,3,5,1\n"                                                                                  \
	"4,b,x,2024-01-20,2,3,4\n"                                                                                  \
	"5,b,x,2024-02-11,5,5,5\n"                                                                                  \
	"6,b,y,2024-02-14,1,4,2\n"                                                                                  \
	"7,a,y,2024-02-20,4,4,4\n"                                                                                  \
	"8,b,z,2024-01-25,5,3,2\n"

static const double Z95 = 1.959963984540054;  /* Phi^-1(0.975) */
static const double T95_7 = 2.364624251592785; /* t_{0.975, 7}, any t table */

/* spec §1.4: +3/4 HIGH, +3/4 LOW, n + 3 */
static void adj_wald(double *lo, double *up, double h, double m, double l)
{
	double n = h + m + l + 3.0, p = (h + 0.75) / n, d = (l + 0.75) / n, c = p - d;
	double se = sqrt((p + d - c * c) / n);
	*lo = (c - Z95 * se) * 100.0;
	*up = (c + Z95 * se) * 100.0;
}

/* spec §2.3: Wilson, in % */
static void wilson(double *lo, double *up, double x, double n)
{
	double p = x / n, z2 = Z95 * Z95, c = (p + z2 / (2 * n)) / (1 + z2 / n);
	double h = Z95 / (1 + z2 / n) * sqrt(p * (1 - p) / n + z2 / (4 * n * n));
	*lo = (c - h) * 100.0;
	*up = (c + h) * 100.0;
}

static void check_worked(const cxm_cxi_result *r)
{
	double lo, up, half;
	ck_assert_uint_eq(r->n, 8);
	ck_assert_uint_eq(r->n_complete, 8);
	ck_assert_uint_eq(r->n_needs, 8);
	ck_assert_close(r->needs, 37.5);
	ck_assert_close(r->ease, 50.0);
	ck_assert_close(r->emotion, 12.5);
	ck_assert_close(r->cxi, 100.0 / 3.0);
	ck_assert_close(r->level1, 62.5);
	ck_assert_close(r->level2, 37.5);
	ck_assert_close(r->level3, 25.0);
	adj_wald(&lo, &up, 5, 1, 2);
	assert_abs(r->needs_lower, lo, 1e-9);
	assert_abs(r->needs_upper, up, 1e-9);
	adj_wald(&lo, &up, 4, 1, 3);
	assert_abs(r->emotion_lower, lo, 1e-9);
	assert_abs(r->emotion_upper, up, 1e-9);
	wilson(&lo, &up, 5, 8);
	assert_abs(r->level1_lower, lo, 1e-9);
	assert_abs(r->level1_upper, up, 1e-9);
	wilson(&lo, &up, 2, 8);
	assert_abs(r->level3_lower, lo, 1e-9);
	assert_abs(r->level3_upper, up, 1e-9);
	/* d: mean 1, squared deviations 1 0 1 1 4 4 4 1 = 16: sd(s) = 100/3 sqrt(16/7) */
	half = T95_7 * (100.0 / 3.0) * sqrt(16.0 / 7.0) / sqrt(8.0);
	assert_abs(r->cxi_lower, 100.0 / 3.0 - half, 1e-9);
	assert_abs(r->cxi_upper, 100.0 / 3.0 + half, 1e-9);
}

START_TEST(test_cxi_worked_example)
{
	cxm_cxi_result r = CXM_CXI_RESULT_INIT;
	ck_assert_status(cxm_cxi(&r, needs8, 8, ease8, 8, emotion8, 8, 1, 5, 4, 2, CXM_NAN_ERROR, 0.95), CXM_OK);
	check_worked(&r);
}
END_TEST

START_TEST(test_cxi_missing_answers)
{
	/* row 9: needs 5, ease missing, emotion 1. omit: needs HIGH 6 MID 1 LOW 2 of 9
	 * -> 400/9; ease stays 50 of 8; emotion HIGH 4 MID 1 LOW 4 of 9 -> 0; the
	 * levels keep the 8 complete respondents. (marketr would count the missing
	 * ease as MID: (5 - 1) / 9.) */
	double n9[9], e9[9], m9[9];
	cxm_cxi_result r = CXM_CXI_RESULT_INIT;
	memcpy(n9, needs8, sizeof needs8);
	memcpy(e9, ease8, sizeof ease8);
	memcpy(m9, emotion8, sizeof emotion8);
	n9[8] = 5;
	e9[8] = NAN;
	m9[8] = 1;
	ck_assert_status(cxm_cxi(&r, n9, 9, e9, 9, m9, 9, 1, 5, 4, 2, CXM_NAN_OMIT, 0.95), CXM_OK);
	ck_assert_uint_eq(r.n, 9);
	ck_assert_uint_eq(r.n_complete, 8);
	ck_assert_uint_eq(r.n_ease, 8);
	ck_assert_uint_eq(r.n_emotion, 9);
	ck_assert_close(r.needs, 400.0 / 9.0);
	ck_assert_close(r.ease, 50.0);
	ck_assert_close(r.emotion, 0.0);
	ck_assert_close(r.cxi, (400.0 / 9.0 + 50.0) / 3.0);
	ck_assert_close(r.level1, 62.5);
	ck_assert_close(r.level3, 25.0);
	r = (cxm_cxi_result)CXM_CXI_RESULT_INIT;
	ck_assert_status(cxm_cxi(&r, n9, 9, e9, 9, m9, 9, 1, 5, 4, 2, CXM_NAN_ERROR, 0.95), CXM_ENAN);
	assert_message_has("ease");
	assert_message_has("8"); /* the row (0-based index) */
}
END_TEST

START_TEST(test_cxi_edges)
{
	/* everyone at the top: every score 100, the levels 100 with Wilson upper exactly 100;
	 * a one-respondent sample has no t interval (NaN), not an error */
	const double top[] = { 7, 7 }, one[] = { 1 };
	cxm_cxi_result r = CXM_CXI_RESULT_INIT;
	ck_assert_status(cxm_cxi(&r, top, 2, top, 2, top, 2, 1, 7, 6, 3, CXM_NAN_ERROR, 0.9), CXM_OK);
	ck_assert_close(r.cxi, 100.0);
	ck_assert_close(r.level3, 100.0);
	ck_assert_close(r.level3_upper, 100.0);
	ck_assert_close(r.cxi_lower, 100.0); /* sd 0 */
	r = (cxm_cxi_result)CXM_CXI_RESULT_INIT;
	ck_assert_status(cxm_cxi(&r, one, 1, one, 1, one, 1, 1, 5, 4, 2, CXM_NAN_ERROR, 0.95), CXM_OK);
	ck_assert_close(r.cxi, -100.0);
	ck_assert_close(r.level1, 0.0);
	ck_assert(isnan(r.cxi_lower) && isnan(r.cxi_upper));
}
END_TEST

START_TEST(test_cxi_bad_input)
{
	const double bad[] = { 5, 6, 3 }, frac[] = { 5, 4.5, 3 }, ok[] = { 1, 2, 3 }, nan3[] = { NAN, NAN, NAN };
	cxm_cxi_result r = CXM_CXI_RESULT_INIT;
	ck_assert_status(cxm_cxi(NULL, ok, 3, ok, 3, ok, 3, 1, 5, 4, 2, 0, 0.95), CXM_EBAD_ARG);
	ck_assert_status(cxm_cxi(&r, ok, 3, ok, 2, ok, 3, 1, 5, 4, 2, 0, 0.95), CXM_EBAD_ARG);
	assert_message_has("n_ease = 2");
	ck_assert_status(cxm_cxi(&r, bad, 3, ok, 3, ok, 3, 1, 5, 4, 2, 0, 0.95), CXM_EOUT_OF_RANGE);
	assert_message_has("needs");
	assert_message_has("6");
	ck_assert_status(cxm_cxi(&r, ok, 3, ok, 3, frac, 3, 1, 5, 4, 2, 0, 0.95), CXM_ENON_INTEGER);
	assert_message_has("emotion");
	ck_assert_status(cxm_cxi(&r, ok, 3, ok, 3, ok, 3, 1, 5, 2, 2, 0, 0.95), CXM_EBAD_ARG); /* low == high */
	assert_message_has("low = 2, high = 2");
	ck_assert_status(cxm_cxi(&r, ok, 3, ok, 3, ok, 3, 1, 5, 6, 2, 0, 0.95), CXM_EBAD_ARG); /* high > hi */
	ck_assert_status(cxm_cxi(&r, ok, 3, ok, 3, ok, 3, 5, 1, 4, 2, 0, 0.95), CXM_EBAD_ARG); /* lo > hi */
	ck_assert_status(cxm_cxi(&r, ok, 3, ok, 3, ok, 3, 1, 5, 4, 2, 7, 0.95), CXM_EBAD_ARG); /* policy */
	ck_assert_status(cxm_cxi(&r, ok, 3, ok, 3, ok, 3, 1, 5, 4, 2, 0, 1.0), CXM_EBAD_ARG);  /* conf */
	ck_assert_status(cxm_cxi(&r, NULL, 0, NULL, 0, NULL, 0, 1, 5, 4, 2, 0, 0.95), CXM_EEMPTY);
	ck_assert_status(cxm_cxi(&r, ok, 3, nan3, 3, ok, 3, 1, 5, 4, 2, CXM_NAN_OMIT, 0.95), CXM_EEMPTY);
	assert_message_has("ease");
	r.version = 99;
	ck_assert_status(cxm_cxi(&r, ok, 3, ok, 3, ok, 3, 1, 5, 4, 2, 0, 0.95), CXM_EVERSION);
}
END_TEST

/* ---- the report --------------------------------------------------------------- */

static char *tmp_csv(const char *text)
{
	static char paths[8][TMP_PATH_SIZE];
	static int next;
	char *path = paths[next++ % 8];
	write_tmp_str(path, text);
	return path;
}

static cxm_survey_opts *pyr_opts(void)
{
	cxm_survey_opts *o = NULL;
	ck_assert_status(cxm_survey_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_pyramid(o, "needs", "ease", "emotion", 1, 5, 4, 2), CXM_OK);
	return o;
}

static cxm_table *pyramid_of(const char *csv, cxm_survey_opts *o)
{
	cxm_survey_report *r = NULL;
	cxm_table *t = NULL;
	char *path = tmp_csv(csv);
	ck_assert_status(cxm_survey_report_from_csv(&r, path, o), CXM_OK);
	ck_assert_status(cxm_survey_report_pyramid(&t, r), CXM_OK);
	cxm_survey_report_free(r);
	unlink(path);
	return t;
}

static double num(const cxm_table *t, const char *col, size_t row)
{
	size_t c;
	ck_assert_status(cxm_table_column_index(&c, t, col), CXM_OK);
	return cxm_table_numbers(t, c)[row];
}

static const char *text(const cxm_table *t, const char *col, size_t row)
{
	size_t c;
	ck_assert_status(cxm_table_column_index(&c, t, col), CXM_OK);
	return cxm_table_texts(t, c)[row];
}

START_TEST(test_report_pyramid_only)
{
	/* no NPS/CSAT/CES column in the file: the pyramid alone */
	cxm_survey_opts *o = pyr_opts();
	cxm_table *t = pyramid_of(CSV_HEAD CSV_ROWS, o);
	static const char *const schema[] = { "period", "n", "cxi", "cxi_lower", "cxi_upper", "needs", "ease",
					      "emotion", "level1", "level2", "level3", "suppressed" };
	const char *kind = NULL;
	double x;
	size_t i;
	cxm_cxi_result one = CXM_CXI_RESULT_INIT;
	ck_assert_uint_eq(cxm_table_rows(t), 1);
	for (i = 0; i < sizeof schema / sizeof *schema; i++)
		ck_assert_str_eq(cxm_table_column_name(t, i), schema[i]);
	ck_assert_status(cxm_table_get_attr_text(&kind, t, "kind"), CXM_OK);
	ck_assert_str_eq(kind, "pyramid");
	ck_assert_status(cxm_table_get_attr_number(&x, t, "high"), CXM_OK);
	ck_assert_close(x, 4);
	ck_assert_status(cxm_table_get_attr_number(&x, t, "low"), CXM_OK);
	ck_assert_close(x, 2);
	ck_assert_str_eq(text(t, "period", 0), "");
	one.n = 8;
	one.n_complete = (size_t)num(t, "n", 0);
	one.n_needs = (size_t)num(t, "n_needs", 0);
	one.needs = num(t, "needs", 0), one.ease = num(t, "ease", 0), one.emotion = num(t, "emotion", 0);
	one.cxi = num(t, "cxi", 0), one.cxi_lower = num(t, "cxi_lower", 0), one.cxi_upper = num(t, "cxi_upper", 0);
	one.level1 = num(t, "level1", 0), one.level2 = num(t, "level2", 0), one.level3 = num(t, "level3", 0);
	one.needs_lower = num(t, "needs_lower", 0), one.needs_upper = num(t, "needs_upper", 0);
	one.emotion_lower = num(t, "emotion_lower", 0), one.emotion_upper = num(t, "emotion_upper", 0);
	one.level1_lower = num(t, "level1_lower", 0), one.level1_upper = num(t, "level1_upper", 0);
	one.level3_lower = num(t, "level3_lower", 0), one.level3_upper = num(t, "level3_upper", 0);
	check_worked(&one);
	ck_assert_close(num(t, "suppressed", 0), 0);
	cxm_table_free(t);
	cxm_survey_opts_free(o);
}
END_TEST

START_TEST(test_report_pyramid_groups_and_months)
{
	/* marketr's cxi_calc(survey_data, grps): a 3 HIGH 1 MID needs (75), ease H3 L1 (50),
	 * emotion H2 M1 L1 (25) -> 50; b needs H2 L2 (0), ease H2 M2 (50), emotion H2 L2 (0) -> 50/3 */
	cxm_survey_opts *o = pyr_opts();
	cxm_table *t;
	ck_assert_status(cxm_survey_opts_add_group(o, "grp"), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_min_n(o, 1), CXM_OK);
	t = pyramid_of(CSV_HEAD CSV_ROWS, o);
	ck_assert_uint_eq(cxm_table_rows(t), 3);
	ck_assert_str_eq(text(t, "grp", 0), "(all)");
	ck_assert_close(num(t, "cxi", 0), 100.0 / 3.0);
	ck_assert_str_eq(text(t, "grp", 1), "a");
	ck_assert_close(num(t, "needs", 1), 75.0);
	ck_assert_close(num(t, "ease", 1), 50.0);
	ck_assert_close(num(t, "emotion", 1), 25.0);
	ck_assert_close(num(t, "cxi", 1), 50.0);
	ck_assert_close(num(t, "level1", 1), 75.0);
	ck_assert_close(num(t, "level2", 1), 50.0);
	ck_assert_close(num(t, "level3", 1), 25.0);
	ck_assert_str_eq(text(t, "grp", 2), "b");
	ck_assert_close(num(t, "cxi", 2), 50.0 / 3.0);
	ck_assert_close(num(t, "level1", 2), 50.0);
	ck_assert_close(num(t, "level2", 2), 25.0);
	ck_assert_close(num(t, "level3", 2), 25.0);
	cxm_table_free(t);
	cxm_survey_opts_free(o);

	/* cxi_trend(survey_data, month): January needs H3 L1 (50), ease H1 M2 L1 (0), emotion
	 * H2 M1 L1 (25) -> 25; February needs H2 M1 L1 (25), ease H4 (100), emotion H2 L2 (0) -> 125/3 */
	o = pyr_opts();
	ck_assert_status(cxm_survey_opts_set_time(o, "time", CXM_PERIOD_MONTH, 0), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_min_n(o, 1), CXM_OK);
	t = pyramid_of(CSV_HEAD CSV_ROWS, o);
	ck_assert_uint_eq(cxm_table_rows(t), 2);
	ck_assert_str_eq(text(t, "period", 0), "2024-01-01");
	ck_assert_close(num(t, "cxi", 0), 25.0);
	ck_assert_close(num(t, "level1", 0), 75.0);
	ck_assert_close(num(t, "level2", 0), 25.0);
	ck_assert_close(num(t, "level3", 0), 0.0);
	ck_assert_str_eq(text(t, "period", 1), "2024-02-01");
	ck_assert_close(num(t, "cxi", 1), 125.0 / 3.0);
	ck_assert_close(num(t, "ease", 1), 100.0);
	ck_assert_close(num(t, "level3", 1), 50.0);
	cxm_table_free(t);
	cxm_survey_opts_free(o);
}
END_TEST

START_TEST(test_report_pyramid_suppression)
{
	/* by site, min_n 2: z (1 respondent) is under min_n; beside the shown total it
	 * would be the total minus x and y, so the smallest other, y (2), goes too */
	cxm_survey_opts *o = pyr_opts();
	cxm_table *t;
	ck_assert_status(cxm_survey_opts_add_group(o, "site"), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_min_n(o, 2), CXM_OK);
	t = pyramid_of(CSV_HEAD CSV_ROWS, o);
	ck_assert_uint_eq(cxm_table_rows(t), 4);
	ck_assert_str_eq(text(t, "site", 0), "(all)");
	ck_assert_close(num(t, "suppressed", 0), 0);
	ck_assert_str_eq(text(t, "site", 1), "x");
	ck_assert_close(num(t, "suppressed", 1), 0);
	ck_assert_close(num(t, "n", 1), 5);
	ck_assert_str_eq(text(t, "site", 2), "y");
	ck_assert_close(num(t, "suppressed", 2), 1);
	ck_assert(isnan(num(t, "cxi", 2)) && isnan(num(t, "n", 2)));
	ck_assert_str_eq(text(t, "site", 3), "z");
	ck_assert_close(num(t, "suppressed", 3), 1);
	ck_assert(isnan(num(t, "level1", 3)));
	cxm_table_free(t);
	cxm_survey_opts_free(o);
}
END_TEST

START_TEST(test_report_pyramid_missing)
{
	cxm_survey_opts *o = pyr_opts();
	cxm_survey_report *r = NULL;
	cxm_table *t;
	char *path;
	ck_assert_status(cxm_survey_opts_set_nan_policy(o, CXM_NAN_OMIT), CXM_OK);
	t = pyramid_of(CSV_HEAD CSV_ROWS "9,a,x,2024-02-25,5,,1\n", o);
	ck_assert_close(num(t, "n", 0), 8);
	ck_assert_close(num(t, "respondents", 0), 9);
	ck_assert_close(num(t, "n_ease", 0), 8);
	ck_assert_close(num(t, "needs", 0), 400.0 / 9.0);
	ck_assert_close(num(t, "ease", 0), 50.0);
	ck_assert_close(num(t, "emotion", 0), 0.0);
	ck_assert_close(num(t, "level2", 0), 37.5);
	cxm_table_free(t);
	/* nan_policy error: the file, line, column and the empty field */
	ck_assert_status(cxm_survey_opts_set_nan_policy(o, CXM_NAN_ERROR), CXM_OK);
	path = tmp_csv(CSV_HEAD CSV_ROWS "9,a,x,2024-02-25,5,,1\n");
	ck_assert_status(cxm_survey_report_from_csv(&r, path, o), CXM_ENAN);
	assert_message_has(":10:6 'ease': missing answer");
	unlink(path);
	cxm_survey_opts_free(o);
}
END_TEST

START_TEST(test_report_pyramid_bad_rows)
{
	cxm_survey_opts *o = pyr_opts();
	cxm_survey_report *r = NULL;
	char *path = tmp_csv(CSV_HEAD CSV_ROWS "9,a,x,2024-02-25,5,6,1\n");
	ck_assert_status(cxm_survey_report_from_csv(&r, path, o), CXM_EOUT_OF_RANGE);
	assert_message_has(":10:6 'ease': value 6 is outside 1..5 (the CXi scale)");
	unlink(path);
	path = tmp_csv(CSV_HEAD CSV_ROWS "9,a,x,2024-02-25,4.5,3,1\n");
	ck_assert_status(cxm_survey_report_from_csv(&r, path, o), CXM_ENON_INTEGER);
	assert_message_has(":10:5 'needs': value 4.5 is not a whole point");
	unlink(path);
	path = tmp_csv(CSV_HEAD CSV_ROWS "9,a,x,2024-02-25,good,3,1\n");
	ck_assert_status(cxm_survey_report_from_csv(&r, path, o), CXM_EPARSE);
	assert_message_has("'good' is not a number");
	unlink(path);
	/* skipped and counted under skip_bad */
	ck_assert_status(cxm_survey_opts_set_skip_bad_rows(o, 1), CXM_OK);
	path = tmp_csv(CSV_HEAD CSV_ROWS "9,a,x,2024-02-25,5,6,1\n");
	ck_assert_status(cxm_survey_report_from_csv(&r, path, o), CXM_OK);
	ck_assert_uint_eq(cxm_survey_report_skipped(r, CXM_SURVEY_SKIP_OFF_SCALE), 1);
	cxm_survey_report_free(r);
	unlink(path);
	ck_assert_status(cxm_survey_opts_set_skip_bad_rows(o, 0), CXM_OK);
	/* a column the file lacks: named, with the file's columns */
	ck_assert_status(cxm_survey_opts_set_pyramid(o, "needs", "easy", "emotion", 1, 5, 4, 2), CXM_OK);
	path = tmp_csv(CSV_HEAD CSV_ROWS);
	ck_assert_status(cxm_survey_report_from_csv(&r, path, o), CXM_EBAD_ARG);
	assert_message_has("easy");
	unlink(path);
	/* the setter */
	ck_assert_status(cxm_survey_opts_set_pyramid(NULL, "a", "b", "c", 1, 5, 4, 2), CXM_EBAD_ARG);
	ck_assert_status(cxm_survey_opts_set_pyramid(o, "a", NULL, "c", 1, 5, 4, 2), CXM_EBAD_ARG);
	assert_message_has("ease");
	ck_assert_status(cxm_survey_opts_set_pyramid(o, "a", "b", "a", 1, 5, 4, 2), CXM_EBAD_ARG);
	assert_message_has("'a'");
	ck_assert_status(cxm_survey_opts_set_pyramid(o, "a", "b", "c", 1, 5, 3, 3), CXM_EBAD_ARG);
	ck_assert_status(cxm_survey_opts_set_pyramid(o, "a", "b", "c", 0, 11, 9, 6), CXM_OK); /* any scale */
	ck_assert_status(cxm_survey_opts_set_pyramid(o, NULL, NULL, NULL, 0, 0, 0, 0), CXM_OK); /* cleared */
	cxm_survey_opts_free(o);
}
END_TEST

START_TEST(test_report_unchanged_and_threads)
{
	/* the plain report's JSON is the same with the pyramid asked; the pyramid is the
	 * same from 1 and 2 threads with the file read in many small chunks */
	const char *csv = "nps,needs,ease,emotion,grp\n9,5,4,3,a\n10,4,2,5,b\n3,3,5,1,a\n7,2,3,4,b\n"
			  "8,5,5,5,a\n0,1,4,2,b\n9,4,4,4,a\n6,5,3,2,b\n";
	cxm_survey_opts *plain = NULL, *o = pyr_opts();
	cxm_survey_report *a = NULL, *b = NULL;
	char *ja = NULL, *jb = NULL, *ca = NULL, *cb = NULL, *path = tmp_csv(csv);
	cxm_table *ta = NULL, *tb = NULL;
	ck_assert_status(cxm_survey_opts_new(&plain), CXM_OK);
	ck_assert_status(cxm_survey_report_from_csv(&a, path, plain), CXM_OK);
	ck_assert_status(cxm_survey_report_from_csv(&b, path, o), CXM_OK);
	ck_assert_status(cxm_survey_report_render(&ja, a, CXM_FORMAT_JSON), CXM_OK);
	ck_assert_status(cxm_survey_report_render(&jb, b, CXM_FORMAT_JSON), CXM_OK);
	ck_assert_str_eq(ja, jb);
	/* no pyramid asked: an empty table */
	ck_assert_status(cxm_survey_report_pyramid(&ta, a), CXM_OK);
	ck_assert_uint_eq(cxm_table_column_count(ta), 0);
	cxm_table_free(ta);
	cxm_free(ja);
	cxm_free(jb);
	cxm_survey_report_free(a);
	cxm_survey_report_free(b);
	a = b = NULL;
	ck_assert_status(cxm_survey_opts_add_group(o, "grp"), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_min_n(o, 1), CXM_OK);
	cxm__survey_test_block_size(16);
	ck_assert_status(cxm_survey_opts_set_threads(o, 1), CXM_OK);
	ck_assert_status(cxm_survey_report_from_csv(&a, path, o), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_threads(o, 2), CXM_OK);
	ck_assert_status(cxm_survey_report_from_csv(&b, path, o), CXM_OK);
	cxm__survey_test_block_size(0);
	ck_assert_status(cxm_survey_report_pyramid(&ta, a), CXM_OK);
	ck_assert_status(cxm_survey_report_pyramid(&tb, b), CXM_OK);
	ck_assert_status(cxm_table_render(&ca, ta, CXM_FORMAT_CSV), CXM_OK);
	ck_assert_status(cxm_table_render(&cb, tb, CXM_FORMAT_CSV), CXM_OK);
	ck_assert_str_eq(ca, cb);
	ck_assert_close(num(ta, "cxi", 0), 100.0 / 3.0);
	cxm_free(ca);
	cxm_free(cb);
	cxm_table_free(ta);
	cxm_table_free(tb);
	cxm_survey_report_free(a);
	cxm_survey_report_free(b);
	cxm_survey_opts_free(plain);
	cxm_survey_opts_free(o);
	unlink(path);
}
END_TEST

START_TEST(test_report_pyramid_from_table)
{
	/* a cxm_table in: the same numbers as the file */
	static const char *const grp[] = { "a", "a", "a", "b", "b", "b", "a", "b" };
	cxm_table *in = NULL, *t = NULL;
	cxm_survey_report *r = NULL;
	cxm_survey_opts *o = pyr_opts();
	ck_assert_status(cxm_table_new(&in), CXM_OK);
	ck_assert_status(cxm_table_add_texts(in, "grp", grp, 8), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(in, "needs", needs8, 8), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(in, "ease", ease8, 8), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(in, "emotion", emotion8, 8), CXM_OK);
	ck_assert_status(cxm_survey_opts_add_group(o, "grp"), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_min_n(o, 1), CXM_OK);
	ck_assert_status(cxm_survey_report_from_table(&r, in, o), CXM_OK);
	ck_assert_status(cxm_survey_report_pyramid(&t, r), CXM_OK);
	ck_assert_close(num(t, "cxi", 1), 50.0);
	ck_assert_close(num(t, "cxi", 2), 50.0 / 3.0);
	cxm_table_free(t);
	cxm_survey_report_free(r);
	cxm_table_free(in);
	cxm_survey_opts_free(o);
}
END_TEST

START_TEST(test_report_pyramid_oom)
{
	cxm_survey_opts *o = pyr_opts();
	char *path = tmp_csv(CSV_HEAD CSV_ROWS);
	long k;
	ck_assert_status(cxm_survey_opts_add_group(o, "grp"), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_threads(o, 1), CXM_OK);
	for (k = 0;; k++) {
		cxm_survey_report *r = NULL;
		cxm_table *t = NULL;
		int rc;
		oom_arm(k);
		rc = cxm_survey_report_from_csv(&r, path, o);
		if (rc == CXM_OK)
			rc = cxm_survey_report_pyramid(&t, r);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			cxm_table_free(t);
			cxm_survey_report_free(r);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		cxm_table_free(t);
		cxm_survey_report_free(r);
		oom_assert_no_leak(k);
	}
	oom_disarm();
	unlink(path);
	cxm_survey_opts_free(o);
}
END_TEST

static Suite *pyramid_suite(void)
{
	Suite *s = suite_create("pyramid");
	TCase *tc = tcase_create("cxi");
	tcase_add_test(tc, test_cxi_worked_example);
	tcase_add_test(tc, test_cxi_missing_answers);
	tcase_add_test(tc, test_cxi_edges);
	tcase_add_test(tc, test_cxi_bad_input);
	tcase_add_test(tc, test_report_pyramid_only);
	tcase_add_test(tc, test_report_pyramid_groups_and_months);
	tcase_add_test(tc, test_report_pyramid_suppression);
	tcase_add_test(tc, test_report_pyramid_missing);
	tcase_add_test(tc, test_report_pyramid_bad_rows);
	tcase_add_test(tc, test_report_unchanged_and_threads);
	tcase_add_test(tc, test_report_pyramid_from_table);
	tcase_add_test(tc, test_report_pyramid_oom);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(pyramid_suite)
