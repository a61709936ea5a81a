/*
 * tests/unit/test_report.c - check suite for lib/report: the survey report on
 * the bundled example (numbers from the reference oracle), on small files with
 * hand-checkable counts, its options and their checks, its errors (the first
 * bad answer in the file, named by file, line, column and text), both
 * renderings, and out-of-memory loops.
 */
#define _POSIX_C_SOURCE 200809L /* mkstemp and fdopen, in tmpfile.h */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "oom.h"
#define TMP_PREFIX "cxm_test_report_"
#include "tmpfile.h"

/* ---- helpers ------------------------------------------------------------- */

/* A report on `text` with `opts` (NULL: defaults); the temporary file is removed. */
static int report_on(cxm_survey_report **out, const char *text, const cxm_survey_opts *opts)
{
	char path[TMP_PATH_SIZE];
	int rc;
	write_tmp_str(path, text);
	rc = cxm_survey_report_from_csv(out, path, opts);
	remove(path);
	return rc;
}

/* New default options; the test frees them. */
static cxm_survey_opts *new_opts(void)
{
	cxm_survey_opts *o = NULL;
	ck_assert_status(cxm_survey_opts_new(&o), CXM_OK);
	ck_assert_ptr_nonnull(o);
	return o;
}

/*
 * The bundled example, examples/data/survey_responses.csv: found from
 * $CXM_SOURCE_ROOT, else from this file's own path (meson compiles it as
 * ../tests/unit/test_report.c relative to the build directory, which is
 * where meson test runs it).
 */
static const char *example_path(void)
{
	static char path[1024];
	const char *root = getenv("CXM_SOURCE_ROOT");
	const char *self = __FILE__, *tail = "tests/unit/test_report.c";
	size_t n = strlen(self), t = strlen(tail);
	if (root && root[0])
		snprintf(path, sizeof path, "%s/examples/data/survey_responses.csv", root);
	else if (n >= t && strcmp(self + n - t, tail) == 0)
		snprintf(path, sizeof path, "%.*sexamples/data/survey_responses.csv", (int)(n - t), self);
	else
		snprintf(path, sizeof path, "examples/data/survey_responses.csv");
	return path;
}

/* The number after "key": in the JSON text, searching after the first `from_key`. */
static double json_number(const char *json, const char *from_key, const char *key)
{
	char pattern[96];
	const char *p = strstr(json, from_key);
	ck_assert_msg(p != NULL, "no %s in the JSON", from_key);
	snprintf(pattern, sizeof pattern, "\"%s\":", key);
	p = strstr(p + strlen(from_key), pattern);
	ck_assert_msg(p != NULL, "no %s after %s in the JSON", pattern, from_key);
	return strtod(p + strlen(pattern), NULL);
}

/* ---- the bundled example against the oracle --------------------------------------- */

/*
 * Expected values: /usr/bin/python3 with shared/spec/cxref.py 1.0.0 on the same
 * columns of examples/data/survey_responses.csv read by Python's csv module
 * (empty field -> NaN, nan_policy="omit", conf=0.95):
 *   nps_from_scores(nps), nps_wald(174, 133, 88), nps_adjusted_wald(174, 133, 88),
 *   csat(csat, scale=(1, 5)), ces_5pt(ces), wilson(241, 386).
 * The missing counts (5, 7, 14 empty fields) and rows (400), the CES answers
 * 1-2 (67, the 5-point "disagree") and statistics.stdev of the CES answers
 * were counted by the same script.
 */
START_TEST(test_example_matches_oracle)
{
	cxm_survey_report *r = NULL;
	cxm_nps_result n = CXM_NPS_RESULT_INIT;
	cxm_nps_ci w = CXM_NPS_CI_INIT, a = CXM_NPS_CI_INIT;
	cxm_csat_result c = CXM_CSAT_RESULT_INIT;
	cxm_ces_result e = CXM_CES_RESULT_INIT;
	ck_assert_status(cxm_survey_report_from_csv(&r, example_path(), NULL), CXM_OK);
	ck_assert_uint_eq(cxm_survey_report_rows(r), 400);
	ck_assert_str_eq(cxm_survey_report_path(r), example_path());
	ck_assert_uint_eq(cxm_survey_report_missing(r, CXM_SURVEY_NPS), 5);
	ck_assert_uint_eq(cxm_survey_report_missing(r, CXM_SURVEY_CSAT), 7);
	ck_assert_uint_eq(cxm_survey_report_missing(r, CXM_SURVEY_CES), 14);

	ck_assert_status(cxm_survey_report_nps(&n, r), CXM_OK);
	ck_assert_uint_eq(n.n, 395);
	ck_assert_uint_eq(n.promoters, 174);
	ck_assert_uint_eq(n.passives, 133);
	ck_assert_uint_eq(n.detractors, 88);
	ck_assert_close(n.pct_promoters, 44.050632911392405);
	ck_assert_close(n.pct_passives, 33.67088607594937);
	ck_assert_close(n.pct_detractors, 22.27848101265823);
	ck_assert_close(n.nps, 21.772151898734176);

	ck_assert_status(cxm_survey_report_nps_interval(&w, r, CXM_NPS_WALD), CXM_OK);
	ck_assert_close(w.se, 3.948685021978037);
	ck_assert_close(w.z, 1.959963984540054);
	ck_assert_close(w.moe, 7.739280429369704);
	ck_assert_close(w.lower, 14.032871469364476);
	ck_assert_close(w.upper, 29.511432328103883);

	ck_assert_status(cxm_survey_report_nps_interval(&a, r, CXM_NPS_ADJUSTED_WALD), CXM_OK);
	ck_assert_close(a.nps, 21.772151898734176);
	ck_assert_close(a.n_adj, 398.0);
	ck_assert_close(a.nps_adj, 21.60804020100503);
	ck_assert_close(a.se, 3.9321173390692277);
	ck_assert_close(a.moe, 7.706808367561158);
	ck_assert_close(a.lower, 13.90123183344387);
	ck_assert_close(a.upper, 29.314848568566187);

	ck_assert_status(cxm_survey_report_csat(&c, r), CXM_OK);
	ck_assert_uint_eq(c.n, 393);
	ck_assert_int_eq(c.threshold, 4);
	ck_assert_uint_eq(c.n_satisfied, 284);
	ck_assert_close(c.pct_satisfied, 72.264631043257);
	ck_assert_close(c.mean, 3.910941475826972);
	ck_assert_close(c.sd, 1.106431743578806);
	ck_assert_close(c.wilson_lower, 67.63910639769372);
	ck_assert_close(c.wilson_upper, 76.45910867289211);

	ck_assert_status(cxm_survey_report_ces(&e, r), CXM_OK);
	ck_assert_int_eq(e.points, 5);
	ck_assert_uint_eq(e.n, 386);
	ck_assert_uint_eq(e.n_agree, 241);
	ck_assert_close(e.pct_agree, 62.43523316062176);
	ck_assert_close(e.mean, 3.6632124352331608);
	ck_assert_close(e.wilson_lower, 57.50374686410933);
	ck_assert_close(e.wilson_upper, 67.12164836460974);
	ck_assert_uint_eq(e.n_disagree, 67);
	ck_assert_close(e.pct_disagree, 17.357512953367877);
	ck_assert_close(e.sd, 1.1646499017795404);
	cxm_survey_report_free(r);
}
END_TEST

/*
 * The whole text report of the example, byte for byte: the text the report
 * has printed since it was written (the README shows its NPS part); its
 * numbers are the oracle's above, rounded for reading.
 */
static const char example_text[] =
	"Survey report: examples/data/survey_responses.csv\n"
	"400 data rows; intervals at 95% confidence\n"
	"\n"
	"NPS - Net Promoter Score (column 'nps', answers 0-10)\n"
	"  answers                              395\n"
	"  missing (empty)                        5  skipped\n"
	"  promoters (9-10)                     174   44.1%\n"
	"  passives (7-8)                       133   33.7%\n"
	"  detractors (0-6)                      88   22.3%\n"
	"  NPS                                +21.8  % promoters - % detractors, -100..+100\n"
	"  95% CI, Wald              [+14.0, +29.5]  se 3.95, margin 7.74\n"
	"  95% CI, adjusted-Wald     [+13.9, +29.3]  se 3.93, margin 7.71, centre +21.6\n"
	"\n"
	"CSAT - Customer Satisfaction (column 'csat', answers 1-5)\n"
	"  answers                              393\n"
	"  missing (empty)                        7  skipped\n"
	"  satisfied (4-5)                      284   72.3%\n"
	"  95% CI, Wilson            [67.6%, 76.5%]\n"
	"  mean answer                         3.91  sd 1.11\n"
	"\n"
	"CES - Customer Effort Score (column 'ces', answers 1-5, 5 = easiest)\n"
	"  answers                              386\n"
	"  missing (empty)                       14  skipped\n"
	"  agree it was easy (4-5)              241   62.4%\n"
	"  95% CI, Wilson            [57.5%, 67.1%]\n"
	"  mean answer                         3.66\n";

START_TEST(test_example_json_and_text)
{
	cxm_survey_report *r = NULL;
	char *json = NULL, *text = NULL, *expected;
	const char *path = example_path();
	ck_assert_status(cxm_survey_report_from_csv(&r, path, NULL), CXM_OK);
	ck_assert_status(cxm_survey_report_render(&json, r, CXM_FORMAT_JSON), CXM_OK);
	/* full precision survives printing: the oracle's values again (see above) */
	ck_assert_close(json_number(json, "\"nps\":", "nps"), 21.772151898734176);
	ck_assert_close(json_number(json, "\"wald\":", "lower"), 14.032871469364476);
	ck_assert_close(json_number(json, "\"adjusted_wald\":", "upper"), 29.314848568566187);
	ck_assert_close(json_number(json, "\"adjusted_wald\":", "nps_adj"), 21.60804020100503);
	ck_assert_close(json_number(json, "\"csat\":", "wilson_lower"), 67.63910639769372);
	ck_assert_close(json_number(json, "\"csat\":", "sd"), 1.106431743578806);
	ck_assert_close(json_number(json, "\"ces\":", "pct_agree"), 62.43523316062176);
	ck_assert_close(json_number(json, "\"ces\":", "wilson_upper"), 67.12164836460974);
	ck_assert_close(json_number(json, "\"missing\":", "ces"), 14);
	ck_assert_close(json_number(json, "\"file\":", "rows"), 400);
	/* the exact doubles, in the shortest text that reads back (not 15 digits) */
	ck_assert_ptr_nonnull(strstr(json, "\"pct_promoters\": 44.050632911392405,"));
	ck_assert_ptr_nonnull(strstr(json, "\"nan_policy\": \"omit\""));
	ck_assert_ptr_nonnull(strstr(json, "\"notes\": []"));
	ck_assert_int_eq(json[strlen(json) - 1], '\n');

	ck_assert_status(cxm_survey_report_render(&text, r, CXM_FORMAT_TEXT), CXM_OK);
	/* the example's path is absolute here: the expected text names it too */
	expected = malloc(sizeof example_text + strlen(path));
	ck_assert_ptr_nonnull(expected);
	snprintf(expected, sizeof example_text + strlen(path), "Survey report: %s%s", path,
		 strchr(example_text, '\n'));
	ck_assert_str_eq(text, expected);
	free(expected);
	cxm_free(json);
	cxm_free(text);
	cxm_survey_report_free(r);
}
END_TEST

/* ---- hand-checkable files ------------------------------------------------------------ */

START_TEST(test_hand_counts)
{
	/* nps: 10 9 8 7 6 0 and one empty -> P 2, Pa 2, D 2, NPS 0;
	 * csat 1-5: 5 4 4 3 1 2 3 (none empty) -> 3 of 7 satisfied, mean 22/7;
	 * ces 1-5: 5 4 "" 2 1 3 -> 2 of 5 agree, mean 3 */
	cxm_survey_report *r = NULL;
	cxm_nps_result n = CXM_NPS_RESULT_INIT;
	cxm_csat_result c = CXM_CSAT_RESULT_INIT;
	cxm_ces_result e = CXM_CES_RESULT_INIT;
	ck_assert_status(report_on(&r,
				   "nps,csat,ces,comment\n"
				   "10,5,5,\"great, thanks\"\n"
				   "9,4,4,\n"
				   "8,4,,\"said \"\"ok\"\"\"\n"
				   "7,3,2,\n"
				   "6,1,1,\"two\nlines\"\n"
				   "0,2,3,x\n"
				   ",3,3, \n",
				   NULL),
			 CXM_OK);
	ck_assert_uint_eq(cxm_survey_report_rows(r), 7);
	ck_assert_status(cxm_survey_report_nps(&n, r), CXM_OK);
	ck_assert_uint_eq(n.n, 6);
	ck_assert_uint_eq(n.promoters, 2);
	ck_assert_uint_eq(n.passives, 2);
	ck_assert_uint_eq(n.detractors, 2);
	ck_assert_close(n.nps, 0.0);
	ck_assert_uint_eq(cxm_survey_report_missing(r, CXM_SURVEY_NPS), 1);
	ck_assert_status(cxm_survey_report_csat(&c, r), CXM_OK);
	ck_assert_uint_eq(c.n, 7);
	ck_assert_uint_eq(c.n_satisfied, 3);
	ck_assert_close(c.mean, 22.0 / 7.0);
	ck_assert_uint_eq(cxm_survey_report_missing(r, CXM_SURVEY_CSAT), 0);
	ck_assert_status(cxm_survey_report_ces(&e, r), CXM_OK);
	ck_assert_uint_eq(e.n, 6);
	ck_assert_uint_eq(e.n_agree, 2);
	ck_assert_close(e.pct_agree, 100.0 / 3.0);
	ck_assert_close(e.mean, 18.0 / 6.0);
	ck_assert_uint_eq(cxm_survey_report_missing(r, CXM_SURVEY_CES), 1);
	cxm_survey_report_free(r);
}
END_TEST

START_TEST(test_many_rows_and_options)
{
	/* 1500 rows (several accumulator batches): row i has nps = i % 11,
	 * csat = i % 7 + 1 on 1-7, ces = i % 7 + 1 on 1-7, ';'-separated.
	 * nps: 1500 = 136 * 11 + 4, so 0..3 appear 137 times and 4..10 136 times:
	 * P = 272, Pa = 272, D = 4 * 137 + 3 * 136 = 956.
	 * 1-7: 1500 = 214 * 7 + 2, so 1 and 2 appear 215 times, 3..7 214 times:
	 * csat threshold 5 -> 642 satisfied; ces agree (5-7) = 642, disagree
	 * (1-3) = 215 + 215 + 214 = 644. */
	static char text[1500 * 16 + 64];
	cxm_survey_opts *o = new_opts();
	cxm_survey_report *r = NULL;
	cxm_nps_result n = CXM_NPS_RESULT_INIT;
	cxm_nps_ci w = CXM_NPS_CI_INIT;
	cxm_csat_result c = CXM_CSAT_RESULT_INIT;
	cxm_ces_result e = CXM_CES_RESULT_INIT;
	size_t used, i;
	used = (size_t)snprintf(text, sizeof text, "id;ltr;sat;effort\r\n");
	for (i = 0; i < 1500; i++)
		used += (size_t)snprintf(text + used, sizeof text - used, "%zu;%zu;%zu;%zu\r\n", i, i % 11,
					 i % 7 + 1, i % 7 + 1);
	ck_assert_status(cxm_survey_opts_set_column(o, CXM_SURVEY_NPS, "ltr"), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_column(o, CXM_SURVEY_CSAT, "sat"), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_column(o, CXM_SURVEY_CES, "effort"), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_scale(o, CXM_SURVEY_CSAT, 1, 7), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_threshold(o, CXM_SURVEY_CSAT, 5), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_scale(o, CXM_SURVEY_CES, 1, 7), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_conf(o, 0.90), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_delimiter(o, ';'), CXM_OK);
	ck_assert_status(report_on(&r, text, o), CXM_OK);
	ck_assert_uint_eq(cxm_survey_report_rows(r), 1500);
	ck_assert_status(cxm_survey_report_nps(&n, r), CXM_OK);
	ck_assert_uint_eq(n.promoters, 272);
	ck_assert_uint_eq(n.passives, 272);
	ck_assert_uint_eq(n.detractors, 956);
	ck_assert_close(n.nps, 100.0 * (272.0 - 956.0) / 1500.0);
	ck_assert_status(cxm_survey_report_nps_interval(&w, r, CXM_NPS_WALD), CXM_OK);
	ck_assert_close(w.z, 1.6448536269514722); /* Phi^-1(0.95): conf 0.90 reached the interval */
	ck_assert_status(cxm_survey_report_csat(&c, r), CXM_OK);
	ck_assert_uint_eq(c.n, 1500);
	ck_assert_int_eq(c.threshold, 5);
	ck_assert_uint_eq(c.n_satisfied, 642);
	ck_assert_status(cxm_survey_report_ces(&e, r), CXM_OK);
	ck_assert_int_eq(e.points, 7);
	ck_assert_uint_eq(e.n_agree, 642);
	ck_assert_uint_eq(e.n_disagree, 644);
	ck_assert_close(e.mean, (215.0 * 3 + 214.0 * 25) / 1500.0);
	cxm_survey_report_free(r);
	cxm_survey_opts_free(o);
}
END_TEST

START_TEST(test_optional_and_missing_columns)
{
	cxm_survey_opts *o = new_opts();
	cxm_survey_report *r = (cxm_survey_report *)1;
	cxm_csat_result c = CXM_CSAT_RESULT_INIT;
	char *json = NULL, *text = NULL;
	/* defaults: the absent csat and ces columns are skipped, with a note */
	ck_assert_status(report_on(&r, "id,nps\n1,9\n2,3\n", NULL), CXM_OK);
	ck_assert_uint_eq(cxm_survey_report_has(r, CXM_SURVEY_NPS), 1);
	ck_assert_uint_eq(cxm_survey_report_has(r, CXM_SURVEY_CSAT), 0);
	ck_assert_uint_eq(cxm_survey_report_has(r, CXM_SURVEY_CES), 0);
	ck_assert_uint_eq(cxm_survey_report_has(r, 7), 0);
	ck_assert_str_eq(cxm_survey_report_column(r, CXM_SURVEY_CES), "ces");
	ck_assert_ptr_null(cxm_survey_report_column(r, -1));
	ck_assert_status(cxm_survey_report_csat(&c, r), CXM_EEMPTY);
	assert_message_has("no column 'csat'");
	ck_assert_status(cxm_survey_report_render(&json, r, CXM_FORMAT_JSON), CXM_OK);
	ck_assert_ptr_nonnull(strstr(json, "\"csat\": null"));
	ck_assert_ptr_nonnull(strstr(json, "\"missing\": {\"nps\": 0, \"csat\": null, \"ces\": null}"));
	ck_assert_ptr_nonnull(strstr(json, "CES skipped: there is no column 'ces' in the file"));
	ck_assert_status(cxm_survey_report_render(&text, r, CXM_FORMAT_TEXT), CXM_OK);
	ck_assert_ptr_nonnull(strstr(text, "note: CSAT skipped: there is no column 'csat' in the file"));
	ck_assert_ptr_null(strstr(text, "CES - "));
	cxm_free(json);
	cxm_free(text);
	cxm_survey_report_free(r);

	/* a column set explicitly must exist, even one named like the default;
	 * the message lists the header */
	ck_assert_status(cxm_survey_opts_set_column(o, CXM_SURVEY_CSAT, "satisfaction"), CXM_OK);
	ck_assert_status(report_on(&r, "id,nps,csat\n1,9,4\n", o), CXM_EBAD_ARG);
	ck_assert_ptr_null(r);
	assert_message_has("no column 'satisfaction'");
	assert_message_has("id, nps, csat");
	ck_assert_status(cxm_survey_opts_set_column(o, CXM_SURVEY_CSAT, "csat"), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_column(o, CXM_SURVEY_CES, "ces"), CXM_OK);
	ck_assert_status(report_on(&r, "id,nps,csat\n1,9,4\n", o), CXM_EBAD_ARG);
	assert_message_has("no column 'ces'");

	/* none of the columns there */
	ck_assert_status(report_on(&r, "id,score\n1,9\n", NULL), CXM_EBAD_ARG);
	assert_message_has("none of the columns to score ('nps', 'csat', 'ces')");
	assert_message_has("id, score");
	/* header names come from the file: quoted, control bytes as '?' (found by
	 * tests/fuzz/fuzz_survey: the message went over two lines) */
	ck_assert_status(report_on(&r, "\"i\nd\",sc\fore\n1,9\n", NULL), CXM_EBAD_ARG);
	assert_message_has("its columns are: i?d, sc?ore");
	ck_assert_ptr_null(strchr(cxm_error_last()->message, '\n'));

	/* metrics left out (NULL columns) */
	cxm_survey_opts_free(o);
	o = new_opts();
	ck_assert_status(cxm_survey_opts_set_column(o, CXM_SURVEY_CSAT, NULL), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_column(o, CXM_SURVEY_CES, NULL), CXM_OK);
	ck_assert_status(report_on(&r, "nps,csat\n9,4\n", o), CXM_OK);
	ck_assert_ptr_null(cxm_survey_report_column(r, CXM_SURVEY_CSAT));
	ck_assert_status(cxm_survey_report_csat(&c, r), CXM_EEMPTY);
	assert_message_has("no CSAT column was configured");
	ck_assert_status(cxm_survey_report_render(&json, r, CXM_FORMAT_JSON), CXM_OK);
	ck_assert_ptr_nonnull(strstr(json, "\"notes\": []")); /* left out: no note */
	cxm_free(json);
	cxm_survey_report_free(r);
	ck_assert_status(cxm_survey_opts_set_column(o, CXM_SURVEY_NPS, NULL), CXM_OK);
	ck_assert_status(report_on(&r, "nps,csat\n9,4\n", o), CXM_EBAD_ARG);
	assert_message_has("no column to score");
	cxm_survey_opts_free(o);
}
END_TEST

/* ---- options ------------------------------------------------------------------------ */

START_TEST(test_options)
{
	cxm_survey_opts *o = new_opts(), *p = (cxm_survey_opts *)1;
	cxm_survey_report *r = NULL;
	cxm_csat_result c = CXM_CSAT_RESULT_INIT;
	cxm_nps_result n = CXM_NPS_RESULT_INIT;
	cxm_ces_result e = CXM_CES_RESULT_INIT;
	char *text = NULL;
	ck_assert_status(cxm_survey_opts_new(NULL), CXM_EBAD_ARG);
	cxm_survey_opts_free(NULL);

	/* every setter checks its value at once, naming the option and the value */
	ck_assert_status(cxm_survey_opts_set_scale(o, CXM_SURVEY_NPS, 2, 10), CXM_EBAD_ARG);
	assert_message_has("the NPS scale must be 0..10 or 1..10, not 2..10");
	/* CES takes any scale of at most 1001 points since spec §3.4 */
	ck_assert_status(cxm_survey_opts_set_scale(o, CXM_SURVEY_CES, 0, 1001), CXM_EBAD_ARG);
	assert_message_has("the CES scale must have lo < hi and at most 1001 points, not 0..1001");
	ck_assert_status(cxm_survey_opts_set_scale(o, CXM_SURVEY_CES, 1, 6), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_scale(o, CXM_SURVEY_CES, 1, 5), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_scale(o, CXM_SURVEY_CSAT, 5, 5), CXM_EBAD_ARG);
	assert_message_has("the CSAT scale must have lo < hi and at most 1001 points, not 5..5");
	ck_assert_status(cxm_survey_opts_set_scale(o, CXM_SURVEY_CSAT, 0, 1001), CXM_EBAD_ARG); /* 1002 points */
	ck_assert_status(cxm_survey_opts_set_scale(o, CXM_SURVEY_CSAT, -500, 500), CXM_OK);   /* 1001 */
	ck_assert_status(cxm_survey_opts_set_scale(o, CXM_SURVEY_CSAT, 1, 5), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_scale(o, 3, 1, 5), CXM_EBAD_ARG);
	assert_message_has("metric is 3");
	assert_message_has("nps, csat or ces");
	ck_assert_status(cxm_survey_opts_set_threshold(o, CXM_SURVEY_CSAT, 6), CXM_EBAD_ARG);
	assert_message_has("the CSAT threshold 6 is off the CSAT scale 1..5");
	ck_assert_status(cxm_survey_opts_set_threshold(o, CXM_SURVEY_NPS, 9), CXM_EBAD_ARG);
	assert_message_has("NPS has no threshold");
	/* CES has an agree threshold since spec §3.4: on the scale, above its middle */
	ck_assert_status(cxm_survey_opts_set_threshold(o, CXM_SURVEY_CES, 6), CXM_EBAD_ARG);
	assert_message_has("the CES threshold 6 is off the CES scale 1..5");
	ck_assert_status(cxm_survey_opts_set_threshold(o, CXM_SURVEY_CES, 3), CXM_EBAD_ARG);
	assert_message_has("above its middle");
	ck_assert_status(cxm_survey_opts_set_threshold(o, CXM_SURVEY_CES, 5), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_scale(o, CXM_SURVEY_CES, 1, 10), CXM_EBAD_ARG); /* 5 below 5.5 */
	assert_message_has("set the scale first");
	ck_assert_status(cxm_survey_opts_set_threshold(o, CXM_SURVEY_CES, CXM_CSAT_DEFAULT_THRESHOLD), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_nan_policy(o, 3), CXM_EBAD_ARG);
	assert_message_has("nan_policy is 3");
	assert_message_has("omit or error");
	ck_assert_status(cxm_survey_opts_set_conf(o, 1.0), CXM_EBAD_ARG);
	assert_message_has("conf must be in (0, 1)");
	ck_assert_status(cxm_survey_opts_set_conf(o, 0.0), CXM_EBAD_ARG);
	ck_assert_status(cxm_survey_opts_set_conf(o, NAN), CXM_EBAD_ARG);
	ck_assert_status(cxm_survey_opts_set_delimiter(o, '"'), CXM_EBAD_ARG);
	assert_message_has("delimiter");
	ck_assert_status(cxm_survey_opts_set_delimiter(o, '\n'), CXM_EBAD_ARG);
	ck_assert_status(cxm_survey_opts_set_column(o, -1, "x"), CXM_EBAD_ARG);
	ck_assert_status(cxm_survey_opts_set_column(NULL, CXM_SURVEY_NPS, "x"), CXM_EBAD_ARG);
	ck_assert_status(cxm_survey_opts_set_scale(NULL, CXM_SURVEY_NPS, 0, 10), CXM_EBAD_ARG);
	ck_assert_status(cxm_survey_opts_set_threshold(NULL, CXM_SURVEY_CSAT, 4), CXM_EBAD_ARG);
	ck_assert_status(cxm_survey_opts_set_nan_policy(NULL, CXM_NAN_OMIT), CXM_EBAD_ARG);
	ck_assert_status(cxm_survey_opts_set_conf(NULL, 0.9), CXM_EBAD_ARG);
	ck_assert_status(cxm_survey_opts_set_delimiter(NULL, ';'), CXM_EBAD_ARG);

	/* a refused value leaves the options as they were: still the defaults */
	ck_assert_status(report_on(&r, "nps,csat,ces\n9,4,5\n10,2,1\n", o), CXM_OK);
	ck_assert_status(cxm_survey_report_csat(&c, r), CXM_OK);
	ck_assert_int_eq(c.threshold, 4);
	ck_assert_status(cxm_survey_report_render(&text, r, CXM_FORMAT_TEXT), CXM_OK);
	ck_assert_ptr_nonnull(strstr(text, "intervals at 95% confidence"));
	cxm_free(text);
	cxm_survey_report_free(r);

	/* the threshold lies on the scale set before it; a new scale that leaves
	 * it out is refused; CXM_CSAT_DEFAULT_THRESHOLD goes back to top-2-box */
	ck_assert_status(cxm_survey_opts_set_scale(o, CXM_SURVEY_CSAT, 1, 7), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_threshold(o, CXM_SURVEY_CSAT, 6), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_scale(o, CXM_SURVEY_CSAT, 1, 5), CXM_EBAD_ARG);
	assert_message_has("the CSAT scale 1..5 leaves out the threshold 6");
	ck_assert_status(cxm_survey_opts_set_scale(o, CXM_SURVEY_CSAT, 0, 10), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_threshold(o, CXM_SURVEY_CSAT, CXM_CSAT_DEFAULT_THRESHOLD), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_scale(o, CXM_SURVEY_NPS, 1, 10), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_scale(o, CXM_SURVEY_CES, 1, 7), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_nan_policy(o, CXM_NAN_ERROR), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_delimiter(o, '\t'), CXM_OK);
	/* nps 1-10: 10 1 -> P 1, D 1; csat 0-10 top-2-box 9-10: 9 of (9, 0) -> 1;
	 * ces 1-7: 7 and 2 -> 1 agree (5-7), 1 disagree (1-3) */
	ck_assert_status(report_on(&r, "nps\tcsat\tces\n10\t9\t7\n1\t0\t2\n", o), CXM_OK);
	ck_assert_status(cxm_survey_report_nps(&n, r), CXM_OK);
	ck_assert_uint_eq(n.promoters, 1);
	ck_assert_uint_eq(n.detractors, 1);
	ck_assert_status(cxm_survey_report_csat(&c, r), CXM_OK);
	ck_assert_int_eq(c.threshold, 9);
	ck_assert_uint_eq(c.n_satisfied, 1);
	ck_assert_status(cxm_survey_report_ces(&e, r), CXM_OK);
	ck_assert_uint_eq(e.n_agree, 1);
	ck_assert_uint_eq(e.n_disagree, 1);
	cxm_survey_report_free(r);
	/* the options are not kept by the report: freed and reused at will */
	ck_assert_status(report_on(&r, "nps\tcsat\tces\n10\t\t7\n", o), CXM_ENAN); /* nan_policy error */
	cxm_survey_opts_free(o);

	/* out of memory: every allocating setter and the constructor */
	{
		long k;
		for (k = 0;; k++) {
			int rc;
			p = (cxm_survey_opts *)1;
			oom_arm(k);
			rc = cxm_survey_opts_new(&p);
			if (!oom_failed()) {
				ck_assert_status(rc, CXM_OK);
				cxm_survey_opts_free(p);
				oom_assert_no_leak(k);
				break;
			}
			oom_assert_enomem(rc, k);
			ck_assert_ptr_null(p);
			oom_assert_no_leak(k);
		}
		ck_assert_int_ge(k, 4); /* the object and the three default columns */
		oom_disarm();
		p = new_opts();
		oom_arm(0);
		ck_assert_status(cxm_survey_opts_set_column(p, CXM_SURVEY_NPS, "likely"), CXM_ENOMEM);
		oom_disarm();
		/* a failed setter left the column as it was: the default "nps" */
		ck_assert_status(report_on(&r, "id,nps\n1,9\n", p), CXM_OK);
		ck_assert_str_eq(cxm_survey_report_column(r, CXM_SURVEY_NPS), "nps");
		cxm_survey_report_free(r);
		cxm_survey_opts_free(p);
	}
}
END_TEST

/* ---- data errors ------------------------------------------------------------------- */

START_TEST(test_data_errors)
{
	cxm_survey_opts *o = new_opts();
	cxm_survey_report *r = (cxm_survey_report *)1;
	ck_assert_status(report_on(&r, "id,nps\n1,9\n2,11\n", NULL), CXM_EOUT_OF_RANGE);
	ck_assert_ptr_null(r);
	assert_message_has(":3:2 'nps': value 11 is outside 0..10 (the NPS scale)");
	ck_assert_status(report_on(&r, "id,nps\n1,9\n2,7.5\n", NULL), CXM_ENON_INTEGER);
	assert_message_has(":3:2 'nps': value 7.5 is not a whole point of the NPS scale 0..10");
	ck_assert_status(report_on(&r, "id,nps\n1,nine\n", NULL), CXM_EPARSE);
	assert_message_has(":2:2 'nps': 'nine' is not a number");
	/* "inf" is a word, not a number (spec §0.10) */
	ck_assert_status(report_on(&r, "id,nps\n1,inf\n", NULL), CXM_EPARSE);
	assert_message_has(":2:2 'nps': 'inf' is not a number");
	/* the text found, as it was written */
	ck_assert_status(report_on(&r, "id,nps\n1, 1e1 \n2,010.0\n3,12.00\n", NULL), CXM_EOUT_OF_RANGE);
	assert_message_has(":4:2 'nps': value 12.00 is outside 0..10");
	ck_assert_status(report_on(&r, "id,csat\n1,0\n", NULL), CXM_EOUT_OF_RANGE);
	assert_message_has(":2:2 'csat': value 0 is outside 1..5 (the CSAT scale)");
	ck_assert_status(report_on(&r, "ces\n6\n", NULL), CXM_EOUT_OF_RANGE);
	assert_message_has(":2:1 'ces': value 6 is outside 1..5 (the CES scale)");
	ck_assert_status(report_on(&r, "id,nps\n", NULL), CXM_EEMPTY);
	assert_message_has("has a header but no data rows");
	ck_assert_status(report_on(&r, "", NULL), CXM_EEMPTY);
	ck_assert_status(report_on(&r, "id,nps\n1,\n2,\n", NULL), CXM_EEMPTY);
	assert_message_has("column 'nps'");
	assert_message_has("empty on all 2 rows");
	ck_assert_status(report_on(&r, "id,nps,c\n1,9,\"open\n", NULL), CXM_EPARSE);
	assert_message_has("unterminated quote");
	ck_assert_status(report_on(&r, "id,nps\n1,9,9\n", NULL), CXM_EPARSE);
	ck_assert_status(cxm_survey_report_from_csv(&r, "/nonexistent/survey.csv", NULL), CXM_EIO);
	assert_message_has("/nonexistent/survey.csv");
	/* an empty answer under nan_policy error */
	ck_assert_status(cxm_survey_opts_set_nan_policy(o, CXM_NAN_ERROR), CXM_OK);
	ck_assert_status(report_on(&r, "id,nps\n1,9\n2,\n", o), CXM_ENAN);
	assert_message_has(":3:2 'nps': missing answer (empty field) while nan_policy is error");
	ck_assert_status(report_on(&r, "id,nps\n1,9\n2,  \n", o), CXM_ENAN);
	assert_message_has(":3:2 'nps': missing answer ('  ')");
	/* "nan" is a word, not a missing answer (spec §0.10) */
	ck_assert_status(report_on(&r, "id,nps\n1,9\n2, nan\n", o), CXM_EPARSE);
	assert_message_has(":3:2 'nps': ' nan' is not a number");
	/* the 1-10 NPS scale has no 0 */
	ck_assert_status(cxm_survey_opts_set_nan_policy(o, CXM_NAN_OMIT), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_scale(o, CXM_SURVEY_NPS, 1, 10), CXM_OK);
	ck_assert_status(report_on(&r, "nps\n0\n", o), CXM_EOUT_OF_RANGE);
	assert_message_has("outside 1..10");
	/* a long answer is quoted short, on one line */
	ck_assert_status(report_on(&r, "nps\n12345678901234567890123456789012345678901234567890\n", NULL),
			 CXM_EOUT_OF_RANGE);
	assert_message_has("value 1234567890123456789012345678901234567890... is outside");
	cxm_survey_opts_free(o);
}
END_TEST

/* A file of `rows` rows: nps 9 and csat 4 everywhere, csat empty on every
 * tenth row (so the NPS and CSAT answers waiting for their accumulators are
 * not in step), with the given lines (1-based, the header is line 1)
 * replaced by `bad` text in one column. */
static void write_rows(char *path, size_t rows, size_t bad_nps_line, const char *bad_nps, size_t bad_csat_line,
		       const char *bad_csat, size_t ragged_line)
{
	FILE *f = open_tmp(path);
	size_t i;
	fputs("nps,csat\n", f);
	for (i = 0; i < rows; i++) {
		size_t line = i + 2;
		const char *nps = line == bad_nps_line ? bad_nps : "9";
		const char *csat = line == bad_csat_line ? bad_csat : i % 10 == 0 ? "" : "4";
		fprintf(f, "%s,%s%s\n", nps, csat, line == ragged_line ? ",x" : "");
	}
	ck_assert_int_eq(fclose(f), 0);
}

static int report_on_file(cxm_survey_report **r, const char *path, const cxm_survey_opts *o)
{
	int rc = cxm_survey_report_from_csv(r, path, o);
	remove(path);
	return rc;
}

START_TEST(test_first_bad_answer_in_the_file)
{
	/* Answers are checked by the accumulators in batches, but the error named
	 * is the first bad answer in the file, as if each were checked when read:
	 * by line, then (on one line) by metric, before a later CSV error. */
	char path[TMP_PATH_SIZE];
	cxm_survey_opts *o = new_opts();
	cxm_survey_report *r = NULL;
	/* CSAT's bad answer (line 650) comes before NPS's (line 700), in the same batch */
	write_rows(path, 1200, 700, "11", 650, "6", 0);
	ck_assert_status(report_on_file(&r, path, NULL), CXM_EOUT_OF_RANGE);
	assert_message_has(":650:2 'csat': value 6 is outside 1..5");
	write_rows(path, 1200, 600, "11", 650, "6", 0);
	ck_assert_status(report_on_file(&r, path, NULL), CXM_EOUT_OF_RANGE);
	assert_message_has(":600:1 'nps': value 11 is outside 0..10");
	/* on one line: NPS before CSAT (the metrics' order) */
	write_rows(path, 30, 20, "7.5", 20, "0", 0);
	ck_assert_status(report_on_file(&r, path, NULL), CXM_ENON_INTEGER);
	assert_message_has(":20:1 'nps': value 7.5 is not a whole point");
	/* an earlier bad answer beats a later unparsable one and a later CSV error */
	write_rows(path, 30, 25, "ten", 12, "9", 0);
	ck_assert_status(report_on_file(&r, path, NULL), CXM_EOUT_OF_RANGE);
	assert_message_has(":12:2 'csat': value 9 is outside 1..5");
	write_rows(path, 30, 5, "-1", 0, "", 28);
	ck_assert_status(report_on_file(&r, path, NULL), CXM_EOUT_OF_RANGE);
	assert_message_has(":5:1 'nps': value -1 is outside 0..10");
	write_rows(path, 30, 0, "", 0, "", 28);
	ck_assert_status(report_on_file(&r, path, NULL), CXM_EPARSE);
	assert_message_has(":28: 3 fields, but the header has 2 columns");
	/* a missing answer (nan_policy error) is the first bad one when it comes first,
	 * whatever the kinds: NaN is not checked before range here */
	ck_assert_status(cxm_survey_opts_set_nan_policy(o, CXM_NAN_ERROR), CXM_OK);
	write_rows(path, 30, 8, "12", 0, "", 0); /* csat empty on line 2 (row 0) */
	ck_assert_status(report_on_file(&r, path, o), CXM_ENAN);
	assert_message_has(":2:2 'csat': missing answer (empty field)");
	ck_assert_status(cxm_survey_opts_set_nan_policy(o, CXM_NAN_OMIT), CXM_OK);
	write_rows(path, 30, 3, "12", 0, "", 0);
	ck_assert_status(report_on_file(&r, path, o), CXM_EOUT_OF_RANGE);
	assert_message_has(":3:1 'nps': value 12 is outside 0..10");
	/* good files of as many rows: the missing CSAT answers are counted */
	write_rows(path, 1200, 0, "", 0, "", 0);
	ck_assert_status(report_on_file(&r, path, o), CXM_OK);
	ck_assert_uint_eq(cxm_survey_report_missing(r, CXM_SURVEY_CSAT), 120);
	ck_assert_uint_eq(cxm_survey_report_missing(r, CXM_SURVEY_NPS), 0);
	cxm_survey_report_free(r);
	cxm_survey_opts_free(o);
}
END_TEST

START_TEST(test_bad_arguments)
{
	cxm_survey_report *r = (cxm_survey_report *)1;
	cxm_nps_ci ci = CXM_NPS_CI_INIT;
	cxm_nps_result n = CXM_NPS_RESULT_INIT;
	cxm_ces_result e = CXM_CES_RESULT_INIT;
	char *out = (char *)1;
	static const char csv[] = "nps,csat,ces\n9,4,5\n";
	ck_assert_status(cxm_survey_report_from_csv(NULL, "x.csv", NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_survey_report_from_csv(&r, NULL, NULL), CXM_EBAD_ARG);
	ck_assert_ptr_null(r);

	ck_assert_status(report_on(&r, csv, NULL), CXM_OK);
	ck_assert_status(cxm_survey_report_render(&out, r, 7), CXM_EBAD_ARG);
	ck_assert_ptr_null(out);
	assert_message_has("format is 7");
	assert_message_has("text, json, csv or html"); /* the format words (names.c), html since issue 10 */
	ck_assert_status(cxm_survey_report_render(&out, r, CXM_FORMAT_CSV), CXM_EBAD_ARG);
	assert_message_has("rendered as text or json, not csv");
	ck_assert_status(cxm_survey_report_render(NULL, r, CXM_FORMAT_TEXT), CXM_EBAD_ARG);
	ck_assert_status(cxm_survey_report_render(&out, NULL, CXM_FORMAT_TEXT), CXM_EBAD_ARG);
	ck_assert_status(cxm_survey_report_nps_interval(&ci, r, 5), CXM_EBAD_ARG);
	ck_assert_status(cxm_survey_report_nps_interval(NULL, r, CXM_NPS_WALD), CXM_EBAD_ARG);
	ci.version = 0;
	ck_assert_status(cxm_survey_report_nps_interval(&ci, r, CXM_NPS_WALD), CXM_EVERSION);
	n.version = 9;
	ck_assert_status(cxm_survey_report_nps(&n, r), CXM_EVERSION);
	e.version = 3; /* version 2 is known since the scale fields (spec §3.4) */
	ck_assert_status(cxm_survey_report_ces(&e, r), CXM_EVERSION);
	ck_assert_status(cxm_survey_report_nps(&(cxm_nps_result)CXM_NPS_RESULT_INIT, NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_survey_report_ces(&(cxm_ces_result)CXM_CES_RESULT_INIT, NULL), CXM_EBAD_ARG);
	cxm_survey_report_free(r);

	/* the NULL-tolerant accessors */
	ck_assert_uint_eq(cxm_survey_report_rows(NULL), 0);
	ck_assert_ptr_null(cxm_survey_report_path(NULL));
	ck_assert_uint_eq(cxm_survey_report_has(NULL, CXM_SURVEY_NPS), 0);
	ck_assert_ptr_null(cxm_survey_report_column(NULL, CXM_SURVEY_NPS));
	ck_assert_uint_eq(cxm_survey_report_missing(NULL, CXM_SURVEY_NPS), 0);
	cxm_survey_report_free(NULL);
}
END_TEST

START_TEST(test_single_answer_sd_is_null)
{
	/* one CSAT answer: the SD is undefined (NaN), printed as null / "n/a" */
	cxm_survey_report *r = NULL;
	cxm_csat_result c = CXM_CSAT_RESULT_INIT;
	char *json = NULL, *text = NULL;
	ck_assert_status(report_on(&r, "csat\n5\n", NULL), CXM_OK);
	ck_assert_status(cxm_survey_report_csat(&c, r), CXM_OK);
	ck_assert(isnan(c.sd));
	ck_assert_close(c.wilson_upper, 100.0);
	ck_assert_status(cxm_survey_report_render(&json, r, CXM_FORMAT_JSON), CXM_OK);
	ck_assert_ptr_nonnull(strstr(json, "\"sd\": null"));
	ck_assert_ptr_nonnull(strstr(json, "\"nps\": null"));
	ck_assert_status(cxm_survey_report_render(&text, r, CXM_FORMAT_TEXT), CXM_OK);
	ck_assert_ptr_nonnull(strstr(text, "mean answer                         5.00  sd n/a (one answer)\n"));
	ck_assert_ptr_nonnull(strstr(text, "1 data row; intervals"));
	ck_assert_ptr_nonnull(strstr(text, "satisfied (4-5)                        1  100.0%\n"));
	cxm_free(json);
	cxm_free(text);
	cxm_survey_report_free(r);
}
END_TEST

/* ---- out of memory ---------------------------------------------------------------- */

START_TEST(test_report_out_of_memory)
{
	const char *path = example_path();
	cxm_survey_opts *o = new_opts();
	int with;
	ck_assert_status(cxm_survey_opts_set_column(o, CXM_SURVEY_CES, "ces"), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_threshold(o, CXM_SURVEY_CSAT, 5), CXM_OK);
	for (with = 0; with < 2; with++) {
		long k;
		for (k = 0;; k++) {
			cxm_survey_report *r = (cxm_survey_report *)1;
			int rc;
			oom_arm(k);
			rc = cxm_survey_report_from_csv(&r, path, with ? o : NULL);
			if (!oom_failed()) {
				ck_assert_status(rc, CXM_OK);
				ck_assert_uint_eq(cxm_survey_report_rows(r), 400);
				cxm_survey_report_free(r);
				oom_assert_no_leak(k);
				break;
			}
			oom_assert_enomem(rc, k);
			ck_assert_ptr_null(r);
			oom_assert_no_leak(k);
		}
		ck_assert_int_ge(k, 8);
	}
	oom_disarm();
	cxm_survey_opts_free(o);
}
END_TEST

START_TEST(test_render_out_of_memory)
{
	static const int formats[] = { CXM_FORMAT_TEXT, CXM_FORMAT_JSON };
	cxm_survey_report *r = NULL;
	size_t f;
	ck_assert_status(cxm_survey_report_from_csv(&r, example_path(), NULL), CXM_OK);
	for (f = 0; f < 2; f++) {
		long k;
		for (k = 0;; k++) {
			char *out = (char *)1;
			int rc;
			oom_arm(k);
			rc = cxm_survey_report_render(&out, r, formats[f]);
			if (!oom_failed()) {
				ck_assert_status(rc, CXM_OK);
				ck_assert_ptr_nonnull(strstr(out, f ? "\"nps\":" : "NPS - Net Promoter Score"));
				cxm_free(out);
				oom_assert_no_leak(k);
				break;
			}
			ck_assert_msg(rc == CXM_ENOMEM, "format %d, k = %ld: rc = %d", formats[f], k, rc);
			ck_assert_ptr_null(out);
			ck_assert_msg(oom_live() == 0, "format %d, k = %ld: %ld leaked", formats[f], k, oom_live());
		}
		ck_assert_int_ge(k, 1);
	}
	oom_disarm();
	cxm_survey_report_free(r);
}
END_TEST

/* ---- no-answer codes and several columns per metric (spec §0.13) ---------------------------- */

/*
 * A survey export with codes for "no answer": NPS 99 = refused, the CSAT
 * items q1..q3 (1-5) with 0 = not applicable, and 99 in q3 too. Counted by
 * hand, column by column (codes: 99 for every metric, 0 for CSAT):
 *   nps 10 0 99 7 9 99      -> 2 codes; 10 0 7 9: P 2, Pa 1, D 1, NPS +25
 *   q1  5 4 0 3 "" 1        -> 1 code, 1 empty; 5 4 3 1: 2 of 4 satisfied, mean 13/4
 *   q2  0 3 5 2 4 0         -> 2 codes; 3 5 2 4: 2 of 4 satisfied, mean 14/4
 *   q3  4 0 5 99 3 ""       -> 2 codes, 1 empty; 4 5 3: 2 of 3 satisfied, mean 4
 */
static const char items_csv[] = "id,nps,q1,q2,q3\n"
				"1,10,5,0,4\n"
				"2,0,4,3,0\n"
				"3,99,0,5,5\n"
				"4,7,3,2, 99.0\n"
				"5,9,,4,3\n"
				"6,99,1,0,\n";

static cxm_survey_opts *items_opts(void)
{
	static const double all[] = { 99 }, csat[] = { 0 };
	cxm_survey_opts *o = new_opts();
	ck_assert_status(cxm_survey_opts_set_column(o, CXM_SURVEY_CSAT, "q1"), CXM_OK);
	ck_assert_status(cxm_survey_opts_add_column(o, CXM_SURVEY_CSAT, "q2"), CXM_OK);
	ck_assert_status(cxm_survey_opts_add_column(o, CXM_SURVEY_CSAT, "q3"), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_na_values(o, CXM_SURVEY_ALL, all, 1), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_na_values(o, CXM_SURVEY_CSAT, csat, 1), CXM_OK);
	return o;
}

START_TEST(test_na_values_and_items)
{
	static const size_t no_answer[] = { 1, 2, 2 }, missing[] = { 1, 0, 1 }, n[] = { 4, 4, 3 };
	static const double mean[] = { 13.0 / 4, 14.0 / 4, 4.0 };
	static const char *const names[] = { "q1", "q2", "q3" };
	cxm_survey_opts *o = items_opts();
	cxm_survey_report *r = NULL;
	cxm_nps_result np = CXM_NPS_RESULT_INIT;
	cxm_nps_ci ci = CXM_NPS_CI_INIT;
	cxm_csat_result c = CXM_CSAT_RESULT_INIT;
	char *json = NULL, *text = NULL;
	size_t i;
	ck_assert_status(report_on(&r, items_csv, o), CXM_OK);
	ck_assert_uint_eq(cxm_survey_report_rows(r), 6);
	ck_assert_uint_eq(cxm_survey_report_columns(r, CXM_SURVEY_NPS), 1);
	ck_assert_uint_eq(cxm_survey_report_columns(r, CXM_SURVEY_CSAT), 3);
	ck_assert_uint_eq(cxm_survey_report_columns(r, CXM_SURVEY_CES), 0); /* no column 'ces' */
	ck_assert_status(cxm_survey_report_nps(&np, r), CXM_OK);
	ck_assert_uint_eq(np.n, 4);
	ck_assert_uint_eq(np.promoters, 2);
	ck_assert_uint_eq(np.passives, 1);
	ck_assert_uint_eq(np.detractors, 1);
	ck_assert_close(np.nps, 25.0);
	ck_assert_uint_eq(cxm_survey_report_missing(r, CXM_SURVEY_NPS), 0);
	ck_assert_uint_eq(cxm_survey_report_no_answer_at(r, CXM_SURVEY_NPS, 0), 2);
	ck_assert_status(cxm_survey_report_nps_interval_at(&ci, r, 0, CXM_NPS_WALD), CXM_OK);
	ck_assert_close(ci.nps, 25.0);
	ck_assert_uint_eq(ci.n, 4);
	for (i = 0; i < 3; i++) {
		ck_assert_str_eq(cxm_survey_report_column_at(r, CXM_SURVEY_CSAT, i), names[i]);
		ck_assert_status(cxm_survey_report_csat_at(&c, r, i), CXM_OK);
		ck_assert_uint_eq(c.n, n[i]);
		ck_assert_uint_eq(c.n_satisfied, 2);
		ck_assert_close(c.mean, mean[i]);
		ck_assert_close(c.pct_satisfied, 200.0 / (double)n[i]);
		ck_assert_uint_eq(cxm_survey_report_missing_at(r, CXM_SURVEY_CSAT, i), missing[i]);
		ck_assert_uint_eq(cxm_survey_report_no_answer_at(r, CXM_SURVEY_CSAT, i), no_answer[i]);
	}
	/* column 0 is what the one-column accessors give */
	ck_assert_str_eq(cxm_survey_report_column(r, CXM_SURVEY_CSAT), "q1");
	ck_assert_status(cxm_survey_report_csat(&c, r), CXM_OK);
	ck_assert_close(c.mean, 13.0 / 4);
	ck_assert_uint_eq(cxm_survey_report_missing(r, CXM_SURVEY_CSAT), 1);
	/* out of range: BAD_ARG naming the columns there are; NULL-tolerant counts */
	ck_assert_status(cxm_survey_report_csat_at(&c, r, 3), CXM_EBAD_ARG);
	assert_message_has("no CSAT column 3: it scored 3 CSAT columns (0..2)");
	ck_assert_status(cxm_survey_report_nps_at(&np, r, 1), CXM_EBAD_ARG);
	ck_assert_status(cxm_survey_report_nps_interval_at(&ci, r, 1, CXM_NPS_ADJUSTED_WALD), CXM_EBAD_ARG);
	ck_assert_status(cxm_survey_report_ces_at(&(cxm_ces_result)CXM_CES_RESULT_INIT, r, 0), CXM_EEMPTY);
	ck_assert_ptr_null(cxm_survey_report_column_at(r, CXM_SURVEY_CSAT, 3));
	ck_assert_ptr_null(cxm_survey_report_column_at(r, 9, 0));
	ck_assert_uint_eq(cxm_survey_report_missing_at(r, CXM_SURVEY_CSAT, 3), 0);
	ck_assert_uint_eq(cxm_survey_report_no_answer_at(NULL, CXM_SURVEY_CSAT, 0), 0);
	ck_assert_uint_eq(cxm_survey_report_columns(NULL, CXM_SURVEY_CSAT), 0);

	/* JSON: one object for NPS (as before), an array for the CSAT items; the
	 * counts and the codes of each metric */
	ck_assert_status(cxm_survey_report_render(&json, r, CXM_FORMAT_JSON), CXM_OK);
	ck_assert_ptr_nonnull(strstr(json, "\"nps\": {\n    \"column\": \"nps\","));
	ck_assert_ptr_nonnull(strstr(json, "\"csat\": [\n    {\n      \"column\": \"q1\","));
	ck_assert_ptr_nonnull(strstr(json, "\"column\": \"q3\","));
	ck_assert_ptr_nonnull(strstr(json, "\"missing\": {\"nps\": 0, \"csat\": [1, 0, 1], \"ces\": null},"));
	ck_assert_ptr_nonnull(strstr(json, "\"no_answer\": {\"nps\": 2, \"csat\": [1, 2, 2], \"ces\": null},"));
	ck_assert_ptr_nonnull(strstr(json, "\"na_values\": {\"nps\": [99], \"csat\": [0, 99], \"ces\": null},"));
	ck_assert_close(json_number(json, "\"column\": \"q2\"", "mean"), 3.5);
	/* text: a block per column, the codes counted apart from the empty fields */
	ck_assert_status(cxm_survey_report_render(&text, r, CXM_FORMAT_TEXT), CXM_OK);
	ck_assert_ptr_nonnull(strstr(text, "CSAT - Customer Satisfaction (column 'q2', answers 1-5)\n"
					   "  answers                                4\n"
					   "  missing (empty)                        0  skipped\n"
					   "  no answer (0, 99)                      2  skipped\n"));
	ck_assert_ptr_nonnull(strstr(text, "  no answer (99)                         2  skipped\n"));
	ck_assert_ptr_nonnull(strstr(text, "column 'q3'"));
	cxm_free(json);
	cxm_free(text);
	cxm_survey_report_free(r);

	/* without the codes the file is refused at its first code */
	cxm_survey_opts_free(o);
	o = new_opts();
	ck_assert_status(cxm_survey_opts_set_column(o, CXM_SURVEY_CSAT, "q1"), CXM_OK);
	ck_assert_status(report_on(&r, items_csv, o), CXM_EOUT_OF_RANGE);
	assert_message_has(":4:2 'nps': value 99 is outside 0..10 (the NPS scale)");
	cxm_survey_opts_free(o);
}
END_TEST

START_TEST(test_na_values_rules)
{
	static const double zero[] = { 0 }, ninety_nine[] = { 99, 99.0, -0.0 }, bad[] = { 99, NAN },
			    many[CXM_SURVEY_NA_VALUES_MAX + 1] = { 0 }, six[] = { 6 };
	cxm_survey_opts *o = new_opts();
	cxm_survey_report *r = (cxm_survey_report *)1;
	cxm_nps_result np = CXM_NPS_RESULT_INIT;
	char *json = NULL;
	/* a metric's code on its scale would drop real answers: refused */
	ck_assert_status(cxm_survey_opts_set_na_values(o, CXM_SURVEY_NPS, zero, 1), CXM_EBAD_ARG);
	assert_message_has("the no-answer code 0 is a point of the NPS scale 0..10");
	ck_assert_status(cxm_survey_opts_set_na_values(o, CXM_SURVEY_CSAT, bad, 2), CXM_EBAD_ARG);
	assert_message_has("no-answer code 1 is nan");
	ck_assert_status(cxm_survey_opts_set_na_values(o, CXM_SURVEY_CSAT, many, CXM_SURVEY_NA_VALUES_MAX + 1),
			 CXM_EBAD_ARG);
	assert_message_has("33 no-answer codes for CSAT are more than the 32");
	ck_assert_status(cxm_survey_opts_set_na_values(o, CXM_SURVEY_CSAT, NULL, 2), CXM_EBAD_ARG);
	ck_assert_status(cxm_survey_opts_set_na_values(o, 5, zero, 1), CXM_EBAD_ARG);
	assert_message_has("metric is 5");
	ck_assert_status(cxm_survey_opts_set_na_values(NULL, CXM_SURVEY_CSAT, zero, 1), CXM_EBAD_ARG);
	ck_assert_status(cxm_survey_opts_set_na_values(o, CXM_SURVEY_CSAT, NULL, 0), CXM_OK); /* none */
	/* a scale that takes in a code set before: refused, the code stays */
	ck_assert_status(cxm_survey_opts_set_na_values(o, CXM_SURVEY_CSAT, six, 1), CXM_OK);
	ck_assert_status(cxm_survey_opts_set_scale(o, CXM_SURVEY_CSAT, 1, 7), CXM_EBAD_ARG);
	assert_message_has("the CSAT scale 1..7 takes in the no-answer code 6 set before it");
	/* off-scale answers that are no code are still errors naming file, line, column, value */
	ck_assert_status(report_on(&r, "nps,csat\n9,6\n8,7\n", o), CXM_EOUT_OF_RANGE);
	ck_assert_ptr_null(r);
	assert_message_has(":3:2 'csat': value 7 is outside 1..5 (the CSAT scale) and is no no-answer code");
	/* a code for every metric that is a point of a metric the file has: refused by the report */
	ck_assert_status(cxm_survey_opts_set_na_values(o, CXM_SURVEY_ALL, zero, 1), CXM_OK);
	ck_assert_status(report_on(&r, "nps,csat\n9,0\n", o), CXM_EBAD_ARG);
	assert_message_has("the no-answer code 0, given for every metric, is a point of the NPS scale 0..10 of "
			   "column 'nps'");
	/* ... but not when that metric is not in the file (CSAT 1-5 takes 0 as a code) */
	ck_assert_status(report_on(&r, "id,csat\n1,0\n2,5\n", o), CXM_OK);
	ck_assert_uint_eq(cxm_survey_report_no_answer_at(r, CXM_SURVEY_CSAT, 0), 1);
	cxm_survey_report_free(r);
	/* codes match as numbers; duplicates count once; -0 is 0 */
	ck_assert_status(cxm_survey_opts_set_na_values(o, CXM_SURVEY_ALL, ninety_nine, 3), CXM_OK);
	ck_assert_status(report_on(&r, "nps\n99\n", o), CXM_EBAD_ARG);
	assert_message_has("the no-answer code 0, given for every metric");
	ck_assert_status(cxm_survey_opts_set_na_values(o, CXM_SURVEY_ALL, ninety_nine, 2), CXM_OK);
	ck_assert_status(report_on(&r, "nps\n99\n 99 \n99.00\n9.9e1\n10\n", o), CXM_OK);
	ck_assert_uint_eq(cxm_survey_report_no_answer_at(r, CXM_SURVEY_NPS, 0), 4);
	ck_assert_status(cxm_survey_report_nps(&np, r), CXM_OK);
	ck_assert_uint_eq(np.n, 1);
	ck_assert_status(cxm_survey_report_render(&json, r, CXM_FORMAT_JSON), CXM_OK);
	ck_assert_ptr_nonnull(strstr(json, "\"na_values\": {\"nps\": [99], \"csat\": null, \"ces\": null}"));
	cxm_free(json);
	cxm_survey_report_free(r);
	/* every answer a code: EMPTY, saying so */
	ck_assert_status(report_on(&r, "nps,x\n99,1\n,1\n", o), CXM_EEMPTY);
	assert_message_has("column 'nps' of");
	assert_message_has("has no answers: of its 2 rows, 1 is a no-answer code and 1 empty");
	/* under nan_policy error a code is a missing answer: an error naming it */
	ck_assert_status(cxm_survey_opts_set_nan_policy(o, CXM_NAN_ERROR), CXM_OK);
	ck_assert_status(report_on(&r, "nps\n9\n99\n", o), CXM_ENAN);
	assert_message_has(":3:1 'nps': missing answer ('99', a no-answer code) while nan_policy is error");
	/* without codes, nothing changes: no no-answer row or key */
	ck_assert_status(report_on(&r, "nps\n9\n", NULL), CXM_OK);
	ck_assert_status(cxm_survey_report_render(&json, r, CXM_FORMAT_JSON), CXM_OK);
	ck_assert_ptr_null(strstr(json, "no_answer"));
	ck_assert_ptr_null(strstr(json, "na_values"));
	cxm_free(json);
	cxm_survey_report_free(r);
	/* nor with codes only for a metric the file does not have */
	cxm_survey_opts_free(o);
	o = new_opts();
	ck_assert_status(cxm_survey_opts_set_na_values(o, CXM_SURVEY_CES, six, 1), CXM_OK);
	ck_assert_status(report_on(&r, "nps\n9\n", o), CXM_OK);
	ck_assert_status(cxm_survey_report_render(&json, r, CXM_FORMAT_JSON), CXM_OK);
	ck_assert_ptr_null(strstr(json, "no_answer"));
	cxm_free(json);
	ck_assert_status(cxm_survey_report_render(&json, r, CXM_FORMAT_TEXT), CXM_OK);
	ck_assert_ptr_null(strstr(json, "no answer"));
	cxm_free(json);
	cxm_survey_report_free(r);
	cxm_survey_opts_free(o);
}
END_TEST

START_TEST(test_add_column_rules)
{
	cxm_survey_opts *o = new_opts();
	cxm_survey_report *r = (cxm_survey_report *)1;
	char name[16];
	int i;
	/* the first column added replaces the default */
	ck_assert_status(cxm_survey_opts_add_column(o, CXM_SURVEY_NPS, "a"), CXM_OK);
	ck_assert_status(cxm_survey_opts_add_column(o, CXM_SURVEY_NPS, "b"), CXM_OK);
	ck_assert_status(cxm_survey_opts_add_column(o, CXM_SURVEY_NPS, "a"), CXM_EBAD_ARG);
	assert_message_has("the NPS column 'a' is given twice");
	ck_assert_status(cxm_survey_opts_add_column(o, CXM_SURVEY_NPS, NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_survey_opts_add_column(o, 3, "c"), CXM_EBAD_ARG);
	ck_assert_status(cxm_survey_opts_add_column(NULL, CXM_SURVEY_NPS, "c"), CXM_EBAD_ARG);
	ck_assert_status(report_on(&r, "nps,a,b\n0,9,1\n0,10,\n", o), CXM_OK);
	ck_assert_uint_eq(cxm_survey_report_columns(r, CXM_SURVEY_NPS), 2);
	ck_assert_str_eq(cxm_survey_report_column_at(r, CXM_SURVEY_NPS, 0), "a");
	ck_assert_str_eq(cxm_survey_report_column_at(r, CXM_SURVEY_NPS, 1), "b");
	ck_assert_uint_eq(cxm_survey_report_missing_at(r, CXM_SURVEY_NPS, 1), 1);
	cxm_survey_report_free(r);
	/* every column added must be in the file */
	ck_assert_status(report_on(&r, "nps,a\n0,9\n", o), CXM_EBAD_ARG);
	ck_assert_ptr_null(r);
	assert_message_has("no column 'b'");
	/* set_column replaces the list; add after it appends */
	ck_assert_status(cxm_survey_opts_set_column(o, CXM_SURVEY_NPS, "b"), CXM_OK);
	ck_assert_status(cxm_survey_opts_add_column(o, CXM_SURVEY_NPS, "nps"), CXM_OK);
	ck_assert_status(report_on(&r, "nps,a,b\n0,9,1\n", o), CXM_OK);
	ck_assert_str_eq(cxm_survey_report_column_at(r, CXM_SURVEY_NPS, 0), "b");
	ck_assert_str_eq(cxm_survey_report_column_at(r, CXM_SURVEY_NPS, 1), "nps");
	cxm_survey_report_free(r);
	/* the first bad answer in the file, whatever column it is in */
	ck_assert_status(report_on(&r, "nps,a,b\n0,9,1\n0,9,11\n11,9,1\n", o), CXM_EOUT_OF_RANGE);
	assert_message_has(":3:3 'b': value 11 is outside 0..10");
	/* at most CXM_SURVEY_COLUMNS_MAX columns */
	ck_assert_status(cxm_survey_opts_set_column(o, CXM_SURVEY_CES, "c0"), CXM_OK);
	for (i = 1; i < CXM_SURVEY_COLUMNS_MAX; i++) {
		snprintf(name, sizeof name, "c%d", i);
		ck_assert_status(cxm_survey_opts_add_column(o, CXM_SURVEY_CES, name), CXM_OK);
	}
	ck_assert_status(cxm_survey_opts_add_column(o, CXM_SURVEY_CES, "one more"), CXM_EBAD_ARG);
	assert_message_has("CES has 64 columns already");
	/* left out, then added again */
	ck_assert_status(cxm_survey_opts_set_column(o, CXM_SURVEY_CES, NULL), CXM_OK);
	ck_assert_status(cxm_survey_opts_add_column(o, CXM_SURVEY_CES, "e"), CXM_OK);
	ck_assert_status(report_on(&r, "b,nps,e\n1,2,5\n", o), CXM_OK);
	ck_assert_str_eq(cxm_survey_report_column(r, CXM_SURVEY_CES), "e");
	cxm_survey_report_free(r);
	cxm_survey_opts_free(o);
}
END_TEST

START_TEST(test_items_out_of_memory)
{
	static const double codes[] = { 0, 99 };
	long k;
	char path[TMP_PATH_SIZE];
	write_tmp_str(path, items_csv);
	for (k = 0;; k++) {
		cxm_survey_opts *o = (cxm_survey_opts *)1;
		cxm_survey_report *r = (cxm_survey_report *)1;
		char *text = NULL;
		int rc;
		oom_arm(k);
		rc = cxm_survey_opts_new(&o);
		if (rc == CXM_OK) {
			rc = cxm_survey_opts_set_column(o, CXM_SURVEY_CSAT, "q1");
			if (rc == CXM_OK)
				rc = cxm_survey_opts_add_column(o, CXM_SURVEY_CSAT, "q2");
			if (rc == CXM_OK)
				rc = cxm_survey_opts_add_column(o, CXM_SURVEY_CSAT, "q3");
			if (rc == CXM_OK)
				rc = cxm_survey_opts_set_na_values(o, CXM_SURVEY_CSAT, codes, 2);
			if (rc == CXM_OK)
				rc = cxm_survey_opts_set_na_values(o, CXM_SURVEY_NPS, codes + 1, 1);
			if (rc == CXM_OK)
				rc = cxm_survey_report_from_csv(&r, path, o);
			if (rc == CXM_OK) {
				rc = cxm_survey_report_render(&text, r, CXM_FORMAT_JSON);
				cxm_free(text);
				cxm_survey_report_free(r);
			}
			cxm_survey_opts_free(o);
		}
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		oom_assert_no_leak(k);
	}
	ck_assert_int_ge(k, 10);
	oom_disarm();
	remove(path);
}
END_TEST

static Suite *report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *example = tcase_create("example");
	TCase *files = tcase_create("files");
	TCase *errors = tcase_create("errors");
	TCase *oom = tcase_create("oom");
	tcase_add_test(example, test_example_matches_oracle);
	tcase_add_test(example, test_example_json_and_text);
	tcase_add_test(files, test_hand_counts);
	tcase_add_test(files, test_many_rows_and_options);
	tcase_add_test(files, test_optional_and_missing_columns);
	tcase_add_test(files, test_options);
	tcase_add_test(files, test_single_answer_sd_is_null);
	tcase_add_test(files, test_na_values_and_items);
	tcase_add_test(files, test_na_values_rules);
	tcase_add_test(files, test_add_column_rules);
	tcase_add_test(errors, test_data_errors);
	tcase_add_test(errors, test_first_bad_answer_in_the_file);
	tcase_add_test(errors, test_bad_arguments);
	tcase_add_test(oom, test_report_out_of_memory);
	tcase_add_test(oom, test_render_out_of_memory);
	tcase_add_test(oom, test_items_out_of_memory);
	tcase_set_timeout(oom, 120);
	suite_add_tcase(s, example);
	suite_add_tcase(s, files);
	suite_add_tcase(s, errors);
	suite_add_tcase(s, oom);
	return s;
}

CXM_TEST_MAIN(report_suite)
