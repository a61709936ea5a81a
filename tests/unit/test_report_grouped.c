/*
 * tests/unit/test_report_grouped.c - the survey report by group and period
 * (spec §18): cells, changes, p-values and adjusted p-values, group vs
 * rest, privacy (min_n and the complementary rule), support times, skipped
 * rows, the same bytes from 1 and 2 threads. The expected numbers are
 * pandas' and scipy's (report_grouped_refs.py -> report_grouped_refs.h) on
 * tests/data/survey-grouped/survey.csv.
 */
#define _POSIX_C_SOURCE 200809L
#define TMP_PREFIX "cxm_test_report_grouped_"
#include <unistd.h>
#include "harness.h"
#include "report_grouped_refs.h"
#include "report/report_internal.h"
#include "tmpfile.h"

static const char *data_path(const char *rel)
{
	static char path[1024];
	const char *root = getenv("CXM_SOURCE_ROOT");
	const char *self = __FILE__, *tail = "tests/unit/test_report_grouped.c";
	size_t n = strlen(self), t = strlen(tail);
	if (root && root[0])
		snprintf(path, sizeof path, "%s/%s", root, rel);
	else if (n >= t && strcmp(self + n - t, tail) == 0)
		snprintf(path, sizeof path, "%.*s%s", (int)(n - t), self, rel);
	else
		snprintf(path, sizeof path, "%s", rel);
	return path;
}

#define SURVEY "tests/data/survey-grouped/survey.csv"

/* A temporary file holding text (the caller removes it: drop_tmp). */
static char *tmp_csv(const char *text)
{
	static char paths[8][TMP_PATH_SIZE];
	static int next;
	char *path = paths[next++ % 8];
	write_tmp_str(path, text);
	return path;
}

static void drop_tmp(char *path)
{
	unlink(path);
}

/* The settings of report_grouped_refs.py. */
static cxm_survey_opts *ref_opts(unsigned threads, int adjust)
{
	cxm_survey_opts *o = NULL;
	ck_assert_status(cxm_survey_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_survey_opts_add_group(o, "channel"), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_time(o, "timestamp", 2, 60), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_times(o, "created", "first_reply", "resolved"), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_threads(o, threads), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_adjust(o, adjust), CXM_OK);
	return o;
}

static cxm_survey_report *ref_report(unsigned threads, int adjust)
{
	cxm_survey_opts *o = ref_opts(threads, adjust);
	cxm_survey_report *r = NULL;
	ck_assert_status(cxm_survey_report_from_csv(&r, data_path(SURVEY), o), CXM_OK);
	cxm_survey_opts_free(o);
	return r;
}

static size_t col(const cxm_table *t, const char *name)
{
	size_t c = 0;
	ck_assert_status(cxm_table_column_index(&c, t, name), CXM_OK);
	return c;
}

/* got equals exp (both NaN, or within the spec's tolerance, §0.7). */
static void assert_num(double got, double exp, const char *what, size_t row)
{
	if (isnan(exp)) {
		ck_assert_msg(isnan(got), "%s of row %zu is %.17g, expected NaN", what, row, got);
		return;
	}
	ck_assert_msg(fabs(got - exp) <= 1e-9 + 1e-9 * fabs(exp), "%s of row %zu = %.17g, expected %.17g", what, row,
		      got, exp);
}

static void assert_keys(const cxm_table *t, size_t i, const char *channel, const char *period, const char *metric)
{
	ck_assert_str_eq(cxm_table_texts(t, 0)[i], channel); /* the group column comes first */
	ck_assert_str_eq(cxm_table_texts(t, col(t, "period"))[i], period);
	ck_assert_str_eq(cxm_table_texts(t, col(t, "metric"))[i], metric);
}

START_TEST(test_cells_match_pandas)
{
	static const char *const names[] = { "n", "score", "lower", "upper", "change", "p_value", "p_adjusted",
					     "suppressed" };
	cxm_survey_report *r = ref_report(1, 1);
	cxm_table *t = NULL;
	size_t i, j, n = sizeof ref_cells / sizeof *ref_cells;
	ck_assert_status(cxm_survey_report_cells(&t, r), CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(t), n);
	ck_assert_str_eq(cxm_table_column_name(t, 0), "channel");
	ck_assert_str_eq(cxm_table_column_name(t, 1), "period");
	ck_assert_str_eq(cxm_table_column_name(t, 2), "metric");
	ck_assert_str_eq(cxm_table_column_name(t, 16), "wald_upper");
	ck_assert_uint_eq(cxm_table_column_count(t), 17);
	for (i = 0; i < n; i++) {
		assert_keys(t, i, ref_cells[i].channel, ref_cells[i].period, ref_cells[i].metric);
		for (j = 0; j < 8; j++)
			assert_num(cxm_table_numbers(t, col(t, names[j]))[i], ref_cells[i].v[j], names[j], i);
	}
	cxm_table_free(t);
	cxm_survey_report_free(r);
}
END_TEST

START_TEST(test_benjamini_hochberg)
{
	cxm_survey_report *r = ref_report(1, 2);
	cxm_table *t = NULL;
	size_t i, n = sizeof ref_cells / sizeof *ref_cells;
	ck_assert_status(cxm_survey_report_cells(&t, r), CXM_OK);
	for (i = 0; i < n; i++)
		assert_num(cxm_table_numbers(t, col(t, "p_adjusted"))[i], ref_cells[i].v[8], "p_adjusted (BH)", i);
	cxm_table_free(t);
	cxm_survey_report_free(r);
}
END_TEST

START_TEST(test_vs_rest_match_pandas)
{
	static const char *const names[] = { "n", "score", "rest_n", "rest_score", "diff", "p_value", "p_adjusted",
					     "suppressed" };
	cxm_survey_report *r = ref_report(2, 1);
	cxm_table *t = NULL;
	size_t i, j, n = sizeof ref_vs_rest / sizeof *ref_vs_rest;
	ck_assert_status(cxm_survey_report_vs_rest(&t, r), CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(t), n);
	for (i = 0; i < n; i++) {
		assert_keys(t, i, ref_vs_rest[i].channel, ref_vs_rest[i].period, ref_vs_rest[i].metric);
		for (j = 0; j < 8; j++)
			assert_num(cxm_table_numbers(t, col(t, names[j]))[i], ref_vs_rest[i].v[j], names[j], i);
	}
	cxm_table_free(t);
	cxm_survey_report_free(r);
}
END_TEST

/* The same bytes out, whatever the number of threads (and chunks of a few
 * hundred bytes, so that both threads get many of them). */
START_TEST(test_threads_same_bytes)
{
	cxm_survey_report *a, *b, *c;
	int f;
	a = ref_report(1, 1);
	cxm__survey_test_block_size(300);
	b = ref_report(2, 1);
	c = ref_report(1, 1);
	cxm__survey_test_block_size(0);
	for (f = 0; f < 4; f++) { /* text, json, csv, html */
		char *x = NULL, *y = NULL;
		ck_assert_status(cxm_survey_report_render(&x, a, f), CXM_OK);
		ck_assert_status(cxm_survey_report_render(&y, b, f), CXM_OK);
		ck_assert_str_eq(x, y);
		cxm_free(y);
		ck_assert_status(cxm_survey_report_render(&y, c, f), CXM_OK);
		ck_assert_str_eq(x, y);
		cxm_free(x);
		cxm_free(y);
	}
	cxm_survey_report_free(a);
	cxm_survey_report_free(b);
	cxm_survey_report_free(c);
}
END_TEST

/* Hand-worked: 12 rows, two groups, no time; min_n 0. */
static const char small_csv[] = "g,nps,csat\n"
				"a,10,5\n"
				"a,9,4\n"
				"a,0,1\n"
				"a,,3\n"
				"b,7,5\n"
				"b,8,5\n";

START_TEST(test_hand_worked_groups)
{
	char *path = tmp_csv(small_csv);
	cxm_survey_opts *o = NULL;
	cxm_survey_report *r = NULL;
	cxm_table *t = NULL;
	size_t score, n;
	ck_assert_status(cxm_survey_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_survey_opts_add_group(o, "g"), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_min_n(o, 0), CXM_OK);
	ck_assert_status(cxm_survey_report_from_csv(&r, path, o), CXM_OK);
	ck_assert_status(cxm_survey_report_cells(&t, r), CXM_OK);
	/* (all): nps csat csat_mean; a: ...; b: ... */
	ck_assert_uint_eq(cxm_table_rows(t), 9);
	score = col(t, "score");
	n = col(t, "n");
	assert_keys(t, 0, "(all)", "", "nps");
	assert_num(cxm_table_numbers(t, n)[0], 5, "n", 0);
	assert_num(cxm_table_numbers(t, score)[0], 100.0 * (2 - 1) / 5, "score", 0); /* 2 promoters, 1 detractor */
	assert_keys(t, 3, "a", "", "nps");
	assert_num(cxm_table_numbers(t, score)[3], 100.0 * (2 - 1) / 3, "score", 3);
	assert_num(cxm_table_numbers(t, col(t, "missing"))[3], 1, "missing", 3);
	assert_keys(t, 7, "b", "", "csat");
	assert_num(cxm_table_numbers(t, score)[7], 100.0, "score", 7);
	assert_keys(t, 8, "b", "", "csat_mean");
	assert_num(cxm_table_numbers(t, score)[8], 5.0, "score", 8);
	assert_num(cxm_table_numbers(t, col(t, "change"))[8], NAN, "change", 8); /* no time: no change */
	cxm_table_free(t);
	cxm_survey_report_free(r);
	cxm_survey_opts_free(o);
	drop_tmp(path);
}
END_TEST

/* A plain report is one cell, never suppressed. */
START_TEST(test_plain_report_one_cell)
{
	char *path = tmp_csv(small_csv);
	cxm_survey_report *r = NULL;
	cxm_table *t = NULL;
	char *csv = NULL;
	ck_assert_status(cxm_survey_report_from_csv(&r, path, NULL), CXM_OK);
	ck_assert_status(cxm_survey_report_cells(&t, r), CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(t), 3);
	ck_assert_uint_eq(cxm_table_column_count(t), 16); /* period, metric, n ... wald_upper */
	assert_num(cxm_table_numbers(t, col(t, "suppressed"))[0], 0, "suppressed", 0);
	assert_num(cxm_table_numbers(t, col(t, "n"))[0], 5, "n", 0);
	cxm_table_free(t);
	t = NULL;
	ck_assert_status(cxm_survey_report_vs_rest(&t, r), CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(t), 0);
	cxm_table_free(t);
	/* the plain report keeps its formats: csv is refused as before; html is its one cell */
	ck_assert_status(cxm_survey_report_render(&csv, r, CXM_FORMAT_CSV), CXM_EBAD_ARG);
	ck_assert_status(cxm_survey_report_render(&csv, r, CXM_FORMAT_HTML), CXM_OK);
	ck_assert_ptr_nonnull(strstr(csv, "<!DOCTYPE html>"));
	cxm_free(csv);
	cxm_survey_report_free(r);
	drop_tmp(path);
}
END_TEST

/* The complementary rule, by hand: b has 2 answers (suppressed), so the
 * smaller of a (12) and c (11) is suppressed too; the total (25) shows. */
START_TEST(test_complementary_suppression)
{
	char csv[2048] = "g,csat\n";
	char *path;
	cxm_survey_opts *o = NULL;
	cxm_survey_report *r = NULL;
	cxm_table *t = NULL;
	size_t i, sup, m;
	for (i = 0; i < 12; i++)
		strcat(csv, "a,5\n");
	for (i = 0; i < 2; i++)
		strcat(csv, "b,4\n");
	for (i = 0; i < 11; i++)
		strcat(csv, "c,3\n");
	path = tmp_csv(csv);
	ck_assert_status(cxm_survey_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_column(o, CXM_SURVEY_NPS, NULL), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_column(o, CXM_SURVEY_CES, NULL), CXM_OK);
	ck_assert_status(cxm_survey_opts_add_group(o, "g"), CXM_OK);
	ck_assert_status(cxm_survey_report_from_csv(&r, path, o), CXM_OK);
	ck_assert_status(cxm_survey_report_cells(&t, r), CXM_OK);
	sup = col(t, "suppressed");
	m = col(t, "metric");
	ck_assert_uint_eq(cxm_table_rows(t), 8); /* (all), a, b, c x csat, csat_mean */
	for (i = 0; i < 8; i++) {
		const char *g = cxm_table_texts(t, 0)[i];
		double expect = strcmp(g, "b") == 0 || strcmp(g, "c") == 0;
		assert_num(cxm_table_numbers(t, sup)[i], expect, cxm_table_texts(t, m)[i], i);
		if (expect)
			assert_num(cxm_table_numbers(t, col(t, "score"))[i], NAN, "score", i);
	}
	cxm_table_free(t);
	cxm_survey_report_free(r);
	cxm_survey_opts_free(o);
	drop_tmp(path);
}
END_TEST

static const char bad_csv[] = "g,t,nps\n"
			      "a,2026-01-05,9\n"
			      "a,2026-01-06,11\n"
			      "a,2026-01-07,x\n"
			      "a,2026-13-07,5\n"
			      "a,2026-01-08T10:00,5\n"
			      "a,2026-01-09,8\n";

START_TEST(test_bad_rows_stop_or_skip)
{
	char *path = tmp_csv(bad_csv);
	cxm_survey_opts *o = NULL;
	cxm_survey_report *r = NULL;
	cxm_table *t = NULL;
	double x;
	ck_assert_status(cxm_survey_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_survey_opts_add_group(o, "g"), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_time(o, "t", 0, 0), CXM_OK);
	ck_assert_status(cxm_survey_report_from_csv(&r, path, o), CXM_EOUT_OF_RANGE);
	assert_message_has(":3:3 'nps': value 11 is outside 0..10 (the NPS scale)");
	ck_assert_status(cxm_survey_opts_set_skip_bad_rows(o, 1), CXM_OK);
	ck_assert_status(cxm_survey_report_from_csv(&r, path, o), CXM_OK);
	ck_assert_uint_eq(cxm_survey_report_rows(r), 6);
	ck_assert_uint_eq(cxm_survey_report_skipped(r, CXM_SURVEY_SKIP_OFF_SCALE), 1);
	ck_assert_uint_eq(cxm_survey_report_skipped(r, CXM_SURVEY_SKIP_NOT_A_NUMBER), 1);
	ck_assert_uint_eq(cxm_survey_report_skipped(r, CXM_SURVEY_SKIP_BAD_TIMESTAMP), 2);
	ck_assert_uint_eq(cxm_survey_report_skipped(r, CXM_SURVEY_SKIP_RAGGED), 0);
	ck_assert_status(cxm_survey_report_cells(&t, r), CXM_OK);
	ck_assert_status(cxm_table_get_attr_number(&x, t, "rows_skipped"), CXM_OK);
	assert_num(x, 4, "rows_skipped", 0);
	ck_assert_status(cxm_table_get_attr_number(&x, t, "skipped_bad_timestamp"), CXM_OK);
	assert_num(x, 2, "skipped_bad_timestamp", 0);
	cxm_table_free(t);
	cxm_survey_report_free(r);
	/* without skipping, a bad timestamp names its place */
	ck_assert_status(cxm_survey_opts_set_skip_bad_rows(o, 0), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_column(o, CXM_SURVEY_NPS, NULL), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_column(o, CXM_SURVEY_CSAT, "g"), CXM_OK);
	ck_assert_status(cxm_survey_report_from_csv(&r, path, o), CXM_EPARSE);
	assert_message_has(":2:1 'g': 'a' is not a number");
	cxm_survey_opts_free(o);
	drop_tmp(path);
}
END_TEST

START_TEST(test_bad_timestamp_message)
{
	char *path = tmp_csv("g,t,nps\na,2026-01-05,9\na,2026-01-08T10:00,5\n");
	cxm_survey_opts *o = NULL;
	cxm_survey_report *r = NULL;
	ck_assert_status(cxm_survey_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_time(o, "t", 1, 0), CXM_OK);
	ck_assert_status(cxm_survey_report_from_csv(&r, path, o), CXM_EPARSE);
	assert_message_has(":3:2 't': '2026-01-08T10:00' is not a timestamp: no UTC offset: add Z or +HH:MM");
	cxm_survey_opts_free(o);
	drop_tmp(path);
}
END_TEST

START_TEST(test_all_is_refused)
{
	char *path = tmp_csv("g,nps\na,9\n(all),5\n");
	cxm_survey_opts *o = NULL;
	cxm_survey_report *r = NULL;
	ck_assert_status(cxm_survey_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_survey_opts_add_group(o, "g"), CXM_OK);
	ck_assert_status(cxm_survey_report_from_csv(&r, path, o), CXM_EBAD_ARG);
	assert_message_has(":3:1 'g': the group value '(all)'");
	cxm_survey_opts_free(o);
	drop_tmp(path);
}
END_TEST

START_TEST(test_unknown_group_column)
{
	char *path = tmp_csv("g,nps\na,9\n");
	cxm_survey_opts *o = NULL;
	cxm_survey_report *r = NULL;
	ck_assert_status(cxm_survey_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_survey_opts_add_group(o, "region"), CXM_OK);
	ck_assert_status(cxm_survey_report_from_csv(&r, path, o), CXM_EBAD_ARG);
	assert_message_has("region");
	cxm_survey_opts_free(o);
	drop_tmp(path);
}
END_TEST

START_TEST(test_option_setters)
{
	cxm_survey_opts *o = NULL;
	int i;
	char name[16];
	ck_assert_status(cxm_survey_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_survey_opts_add_group(NULL, "a"), CXM_EBAD_ARG);
	ck_assert_status(cxm_survey_opts_add_group(o, NULL), CXM_EBAD_ARG);
	for (i = 0; i < CXM_SURVEY_GROUPS_MAX; i++) {
		snprintf(name, sizeof name, "g%d", i);
		ck_assert_status(cxm_survey_opts_add_group(o, name), CXM_OK);
	}
	ck_assert_status(cxm_survey_opts_add_group(o, "one more"), CXM_EBAD_ARG);
	ck_assert_status(cxm_survey_opts_add_group(o, "g0"), CXM_EBAD_ARG);
	assert_message_has("twice");
	ck_assert_status(cxm_survey_opts_set_time(o, "t", 5, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_survey_opts_set_time(o, "t", 2, 841), CXM_EBAD_ARG);
	ck_assert_status(cxm_survey_opts_set_time(o, "t", 2, -840), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_time(o, NULL, 0, 0), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_adjust(o, 3), CXM_EBAD_ARG);
	ck_assert_status(cxm_survey_opts_set_adjust(o, 0), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_threads(o, 65), CXM_EBAD_ARG);
	ck_assert_status(cxm_survey_opts_set_times(o, "c", NULL, NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_survey_opts_set_times(o, "c", "f", NULL), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_times(o, NULL, NULL, NULL), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_min_n(NULL, 3), CXM_EBAD_ARG);
	ck_assert_status(cxm_survey_opts_set_skip_bad_rows(NULL, 1), CXM_EBAD_ARG);
	ck_assert_status(cxm_survey_opts_set_progress(NULL, NULL, NULL), CXM_EBAD_ARG);
	ck_assert_uint_eq(cxm_survey_report_skipped(NULL, 0), 0);
	ck_assert_str_eq(cxm_names_word(CXM_NAMES_SURVEY_SKIP, CXM_SURVEY_SKIP_BAD_TIMESTAMP), "bad_timestamp");
	cxm_survey_opts_free(o);
}
END_TEST

/* A table gives the cells its CSV twin gives: texts, days, Unix seconds, NaN. */
START_TEST(test_from_table_equals_csv)
{
	static const char *const g[] = { "a", "a", "b", "b", "a", "b", "a", "b" };
	static const double day[] = { 20454, 20455, 20456, 20484, 20485, 20486, 20487, 20488 }; /* 2026-01-01.. */
	static const double nps[] = { 9, 10, NAN, 3, 8, 9, 0, 10 };
	static const double csat[] = { 5, 4, 3, 2, 1, 5, NAN, 4 };
	const char *csv_text = "g,t,nps,csat\n"
			       "a,2026-01-01,9,5\n"
			       "a,2026-01-02,10,4\n"
			       "b,2026-01-03,,3\n"
			       "b,2026-01-31,3,2\n"
			       "a,2026-02-01,8,1\n"
			       "b,2026-02-02,9,5\n"
			       "a,2026-02-03,0,\n"
			       "b,2026-02-04,10,4\n";
	char *path = tmp_csv(csv_text);
	double seconds[8];
	cxm_table *t = NULL;
	cxm_survey_opts *o = NULL;
	cxm_survey_report *a = NULL, *b = NULL, *c = NULL;
	char *x = NULL, *y = NULL, *z = NULL;
	size_t i;
	for (i = 0; i < 8; i++)
		seconds[i] = day[i] * 86400.0 + 3600.0; /* 01:00 UTC the same day */
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "g", g, 8), CXM_OK);
	ck_assert_status(cxm_table_add_days(t, "t", day, 8), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "nps", nps, 8), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "csat", csat, 8), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "ts", seconds, 8), CXM_OK);
	ck_assert_status(cxm_survey_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_survey_opts_add_group(o, "g"), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_time(o, "t", 2, 0), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_min_n(o, 1), CXM_OK);
	ck_assert_status(cxm_survey_report_from_csv(&a, path, o), CXM_OK);
	ck_assert_status(cxm_survey_report_from_table(&b, t, o), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_time(o, "ts", 2, 0), CXM_OK); /* Unix seconds */
	ck_assert_status(cxm_survey_report_from_table(&c, t, o), CXM_OK);
	ck_assert_status(cxm_survey_report_render(&x, a, CXM_FORMAT_CSV), CXM_OK);
	ck_assert_status(cxm_survey_report_render(&y, b, CXM_FORMAT_CSV), CXM_OK);
	ck_assert_status(cxm_survey_report_render(&z, c, CXM_FORMAT_CSV), CXM_OK);
	ck_assert_str_eq(x, y);
	ck_assert_str_eq(x, z);
	ck_assert_ptr_nonnull(strstr(x, "\na,2026-02-01,nps,2,"));
	cxm_free(x);
	cxm_free(y);
	cxm_free(z);
	cxm_survey_report_free(a);
	cxm_survey_report_free(b);
	cxm_survey_report_free(c);
	/* a bad answer names the row and column of the table */
	{
		static const double bad[] = { 9, 10, 11, 3, 8, 9, 0, 10 };
		ck_assert_status(cxm_table_add_numbers(t, "nps2", bad, 8), CXM_OK);
		ck_assert_status(cxm_survey_opts_set_column(o, CXM_SURVEY_NPS, "nps2"), CXM_OK);
		ck_assert_status(cxm_survey_report_from_table(&a, t, o), CXM_EOUT_OF_RANGE);
		assert_message_has("table:3:6 'nps2': value 11 is outside 0..10");
	}
	cxm_table_free(t);
	cxm_survey_opts_free(o);
	drop_tmp(path);
}
END_TEST

/* The report's drivers are cxm_drivers_fit on its rows, in file order. */
START_TEST(test_drivers_are_the_fit_of_the_rows)
{
	static const char csv[] = "g,nps,csat,ces,region\n"
				  "a,10,5,2,north\n" "a,9,4,3,south\n" "a,3,2,5,north\n" "b,0,1,5,east\n"
				  "b,7,3,3,south\n" "b,8,4,2,north\n" "a,,4,3,east\n" "b,6,3,4,south\n"
				  "a,10,5,1,north\n" "b,2,2,4,east\n" "a,9,5,2,south\n" "b,5,3,3,east\n"
				  "a,7,4,3,north\n" "b,4,2,4,south\n";
	static const double nps[] = { 10, 9, 3, 0, 7, 8, NAN, 6, 10, 2, 9, 5, 7, 4 };
	static const double csat[] = { 5, 4, 2, 1, 3, 4, 4, 3, 5, 2, 5, 3, 4, 2 };
	static const double ces[] = { 2, 3, 5, 5, 3, 2, 3, 4, 1, 4, 2, 3, 3, 4 };
	static const char *const region[] = { "north", "south", "north", "east", "south", "north", "east",
					       "south", "north", "east", "south", "east", "north", "south" };
	static const char *const drivers[] = { "csat", "ces", "region" };
	char *path = tmp_csv(csv);
	cxm_survey_opts *o = NULL;
	cxm_survey_report *r = NULL;
	cxm_drivers_opts *dop = NULL;
	cxm_drivers_result *fit = NULL;
	cxm_table *t = NULL, *mine = NULL, *theirs = NULL;
	char *a = NULL, *b = NULL;
	double x;
	ck_assert_status(cxm_survey_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_survey_opts_add_group(o, "g"), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_drivers(o, NULL, drivers, 3), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_threads(o, 2), CXM_OK);
	ck_assert_status(cxm_survey_report_from_csv(&r, path, o), CXM_OK);
	ck_assert_status(cxm_survey_report_drivers(&mine, r), CXM_OK);
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "nps", nps, 14), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "csat", csat, 14), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "ces", ces, 14), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "region", region, 14), CXM_OK);
	ck_assert_status(cxm_drivers_opts_new(&dop), CXM_OK);
	ck_assert_status(cxm_drivers_opts_set_nan_policy(dop, CXM_NAN_OMIT), CXM_OK);
	ck_assert_status(cxm_drivers_fit(&fit, t, "nps", drivers, 3, dop), CXM_OK);
	ck_assert_status(cxm_drivers_table(&theirs, fit), CXM_OK);
	ck_assert_status(cxm_table_render(&a, mine, CXM_FORMAT_CSV), CXM_OK);
	ck_assert_status(cxm_table_render(&b, theirs, CXM_FORMAT_CSV), CXM_OK);
	ck_assert_str_eq(a, b);
	ck_assert_status(cxm_table_get_attr_number(&x, mine, "rows_dropped"), CXM_OK);
	assert_num(x, 1, "rows_dropped", 0);
	ck_assert_status(cxm_table_get_attr_number(&x, mine, "r2"), CXM_OK);
	assert_num(x, cxm_drivers_r2(fit), "r2", 0);
	cxm_free(a);
	cxm_free(b);
	cxm_table_free(t);
	cxm_table_free(mine);
	cxm_table_free(theirs);
	cxm_drivers_result_free(fit);
	cxm_drivers_opts_free(dop);
	cxm_survey_report_free(r);
	/* no drivers asked: an empty table */
	ck_assert_status(cxm_survey_opts_set_drivers(o, NULL, NULL, 0), CXM_OK);
	ck_assert_status(cxm_survey_report_from_csv(&r, path, o), CXM_OK);
	ck_assert_status(cxm_survey_report_drivers(&mine, r), CXM_OK);
	ck_assert_uint_eq(cxm_table_column_count(mine), 0);
	cxm_table_free(mine);
	cxm_survey_report_free(r);
	ck_assert_status(cxm_survey_opts_set_drivers(o, "nps", drivers, 1), CXM_OK);
	{
		static const char *const twice[] = { "csat", "csat" };
		static const char *const outcome[] = { "nps" };
		ck_assert_status(cxm_survey_opts_set_drivers(o, NULL, twice, 2), CXM_EBAD_ARG);
		ck_assert_status(cxm_survey_opts_set_drivers(o, "nps", outcome, 1), CXM_EBAD_ARG);
	}
	cxm_survey_opts_free(o);
	drop_tmp(path);
}
END_TEST

/* Adjusted-Wald centre and SE (spec §1.4) for the hand-worked themes test. */
static void adjusted_wald(double *centre, double *se, double p, double pa, double d)
{
	double n = p + pa + d + 3.0, pp = (p + 0.75) / n, dd = (d + 0.75) / n;
	(void)pa;
	*centre = 100.0 * (pp - dd);
	*se = 100.0 * sqrt((pp + dd - (pp - dd) * (pp - dd)) / n);
}

/* Themes by hand: 5 comments (one row has none); price in 3 (9, 3, 0), staff in 2 (10, 3). */
START_TEST(test_themes_by_hand)
{
	static const char csv[] = "g,nps,comment\n"
				  "a,10,Great staff\n"
				  "a,9,too EXPENSIVE\n"
				  "a,3,\"Price too high, and rude staff\"\n"
				  "a,8,\n"
				  "b,0,expensive!\n"
				  "b,10,nice\n";
	char *path = tmp_csv(csv);
	cxm_themes *th = NULL;
	cxm_survey_opts *o = NULL;
	cxm_survey_report *r = NULL;
	cxm_table *t = NULL;
	double ca, sa, cb, sb, z, p;
	ck_assert_status(cxm_themes_from_json(&th, "{\"price\": [\"price\", \"expensive\"], \"staff\": [\"staff\"]}"),
			 CXM_OK);
	ck_assert_status(cxm_survey_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_themes(o, th, "comment"), CXM_OK);
	ck_assert_status(cxm_survey_report_from_csv(&r, path, o), CXM_OK);
	ck_assert_status(cxm_survey_report_themes(&t, r), CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(t), 2);
	ck_assert_str_eq(cxm_table_texts(t, col(t, "theme"))[0], "price");
	ck_assert_str_eq(cxm_table_texts(t, col(t, "metric"))[0], "nps");
	assert_num(cxm_table_numbers(t, col(t, "comments"))[0], 5, "comments", 0);
	assert_num(cxm_table_numbers(t, col(t, "mentions"))[0], 3, "mentions", 0);
	assert_num(cxm_table_numbers(t, col(t, "share"))[0], 60, "share", 0);
	assert_num(cxm_table_numbers(t, col(t, "score_mentioned"))[0], 100.0 * (1 - 2) / 3, "mentioned", 0);
	assert_num(cxm_table_numbers(t, col(t, "score_other"))[0], 100.0, "other", 0);
	adjusted_wald(&ca, &sa, 1, 0, 2);
	adjusted_wald(&cb, &sb, 2, 0, 0);
	z = (ca - cb) / sqrt(sa * sa + sb * sb);
	p = erfc(fabs(z) / sqrt(2.0));
	assert_num(cxm_table_numbers(t, col(t, "p_value"))[0], p, "p_value", 0);
	assert_num(cxm_table_numbers(t, col(t, "mentions"))[1], 2, "mentions", 1);
	assert_num(cxm_table_numbers(t, col(t, "score_mentioned"))[1], 0.0, "mentioned", 1);
	assert_num(cxm_table_numbers(t, col(t, "score_other"))[1], 100.0 / 3, "other", 1);
	assert_num(cxm_table_numbers(t, col(t, "suppressed"))[1], 0, "suppressed", 1); /* no groups: no privacy */
	cxm_table_free(t);
	cxm_survey_report_free(r);
	/* by group with min_n 2: b has 2 comments, 1 mention of price (1 other): suppressed */
	ck_assert_status(cxm_survey_opts_add_group(o, "g"), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_min_n(o, 1), CXM_OK);
	ck_assert_status(cxm_survey_report_from_csv(&r, path, o), CXM_OK);
	ck_assert_status(cxm_survey_report_themes(&t, r), CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(t), 6); /* (all), a, b x 2 themes */
	ck_assert_str_eq(cxm_table_texts(t, 0)[4], "b");
	assert_num(cxm_table_numbers(t, col(t, "mentions"))[4], 1, "mentions b price", 4);
	assert_num(cxm_table_numbers(t, col(t, "suppressed"))[5], 1, "b staff: no mention", 5);
	cxm_table_free(t);
	cxm_survey_report_free(r);
	cxm_survey_opts_free(o);
	cxm_themes_free(th);
	drop_tmp(path);
}
END_TEST

/* Malformed files fail in the grouped report with the reader's own messages;
 * ragged rows are skipped and counted under skip_bad_rows. */
START_TEST(test_malformed_files)
{
	char *quote = tmp_csv("g,nps\na,9\n\"b,5\n");
	char *empty = tmp_csv("g,nps\n");
	char *ragged = tmp_csv("g,nps\na,9\nb,5,7\na,10\n");
	cxm_survey_opts *o = NULL;
	cxm_survey_report *r = NULL;
	ck_assert_status(cxm_survey_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_survey_opts_add_group(o, "g"), CXM_OK);
	ck_assert_status(cxm_survey_report_from_csv(&r, quote, o), CXM_EPARSE);
	assert_message_has(":3");
	assert_message_has("quote");
	ck_assert_status(cxm_survey_report_from_csv(&r, empty, o), CXM_EEMPTY);
	assert_message_has("has a header but no data rows");
	ck_assert_status(cxm_survey_report_from_csv(&r, ragged, o), CXM_EPARSE);
	assert_message_has(":3");
	ck_assert_status(cxm_survey_opts_set_skip_bad_rows(o, 1), CXM_OK);
	ck_assert_status(cxm_survey_report_from_csv(&r, ragged, o), CXM_OK);
	ck_assert_uint_eq(cxm_survey_report_rows(r), 3);
	ck_assert_uint_eq(cxm_survey_report_skipped(r, CXM_SURVEY_SKIP_RAGGED), 1);
	cxm_survey_report_free(r);
	cxm_survey_opts_free(o);
	drop_tmp(quote);
	drop_tmp(empty);
	drop_tmp(ragged);
}
END_TEST

static Suite *report_grouped_suite(void)
{
	Suite *s = suite_create("report_grouped");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_cells_match_pandas);
	tcase_add_test(tc, test_benjamini_hochberg);
	tcase_add_test(tc, test_vs_rest_match_pandas);
	tcase_add_test(tc, test_threads_same_bytes);
	tcase_add_test(tc, test_hand_worked_groups);
	tcase_add_test(tc, test_plain_report_one_cell);
	tcase_add_test(tc, test_complementary_suppression);
	tcase_add_test(tc, test_bad_rows_stop_or_skip);
	tcase_add_test(tc, test_bad_timestamp_message);
	tcase_add_test(tc, test_all_is_refused);
	tcase_add_test(tc, test_unknown_group_column);
	tcase_add_test(tc, test_option_setters);
	tcase_add_test(tc, test_from_table_equals_csv);
	tcase_add_test(tc, test_drivers_are_the_fit_of_the_rows);
	tcase_add_test(tc, test_themes_by_hand);
	tcase_add_test(tc, test_malformed_files);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(report_grouped_suite)
