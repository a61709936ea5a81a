/*
 * tests/unit/test_locale.c - numbers never depend on the locale (spec §0.14).
 *
 * A host may call setlocale(LC_ALL, "") in a decimal-comma locale; the
 * library's output must then be the same bytes as in the "C" locale, and its
 * readers must still take "0.5". The de_DE.UTF-8 locale is generated here
 * with localedef into a temporary directory (LOCPATH), so the test needs no
 * root and no locale installed on the machine; without localedef it is
 * skipped (exit 77) with a message saying why.
 */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, setenv */
#define CXM_EXPERIMENTAL        /* cxm_table_read_csv */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "harness.h"

#define DE "de_DE.UTF-8"

static char dir[] = "/tmp/cxm-locale-XXXXXX";

/* Make de_DE.UTF-8 under dir; 1 when setlocale then takes it. */
static int make_locale(void)
{
	char cmd[256];
	if (mkdtemp(dir) == NULL)
		return 0;
	snprintf(cmd, sizeof cmd, "localedef -i de_DE -f UTF-8 %s/" DE " >/dev/null 2>&1", dir);
	if (system(cmd) != 0)
		return 0;
	setenv("LOCPATH", dir, 1);
	if (setlocale(LC_ALL, DE) == NULL)
		return 0;
	setlocale(LC_ALL, "C");
	return 1;
}

static void to_de(void)
{
	char text[16];
	ck_assert_ptr_nonnull(setlocale(LC_ALL, DE));
	/* the C library itself writes a comma here: the test means something */
	snprintf(text, sizeof text, "%.2f", 6.25);
	ck_assert_str_eq(text, "6,25");
}

static void to_c(void)
{
	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C"));
}

static const char *write_file(const char *name, const char *text)
{
	static char path[512];
	FILE *f;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	return path;
}

static const char fit_json[] = "{\"model\": \"gg\", \"params\": {\"p\": 6.25, \"q\": 3.5, \"v\": 15.125}, "
			       "\"converged\": true, \"status\": \"converged\"}";

static char *fit_text(void)
{
	cxm_clv_fit_result fit = { .version = CXM_CLV_FIT_RESULT_VERSION };
	char *text = NULL;
	ck_assert_status(cxm_clv_fit_result_from_json(&fit, fit_json, strlen(fit_json)), CXM_OK);
	ck_assert_status(cxm_clv_fit_result_to_json(&text, &fit), CXM_OK);
	return text;
}

START_TEST(fit_json_round_trip)
{
	char *c_text = fit_text(), *de_text, *again;
	cxm_clv_fit_result back = { .version = CXM_CLV_FIT_RESULT_VERSION };
	ck_assert(strstr(c_text, "6.25") != NULL);
	to_de();
	de_text = fit_text();
	ck_assert_str_eq(de_text, c_text);
	ck_assert_status(cxm_clv_fit_result_from_json(&back, de_text, strlen(de_text)), CXM_OK);
	ck_assert_status(cxm_clv_fit_result_to_json(&again, &back), CXM_OK);
	ck_assert_str_eq(again, c_text);
	to_c();
	cxm_free(c_text);
	cxm_free(de_text);
	cxm_free(again);
}
END_TEST

START_TEST(parse_number)
{
	double x = 0;
	to_de();
	ck_assert_status(cxm_parse_number(&x, "0.5"), CXM_OK);
	ck_assert(x == 0.5);
	ck_assert_status(cxm_parse_number(&x, "-1.25e2"), CXM_OK);
	ck_assert(x == -125.0);
	ck_assert_status(cxm_parse_number(&x, "0,5"), CXM_EPARSE);
	to_c();
}
END_TEST

START_TEST(csv_reader)
{
	const char *path = write_file("numbers.csv", "id,x\na,0.5\nb,1.25\n");
	cxm_csv *csv = NULL;
	int has_row = 0;
	double x = 0;
	to_de();
	ck_assert_status(cxm_csv_open(&csv, path, ','), CXM_OK);
	ck_assert_status(cxm_csv_next(&has_row, csv), CXM_OK);
	ck_assert(has_row);
	ck_assert_status(cxm_csv_field_double(&x, csv, 1), CXM_OK);
	ck_assert(x == 0.5);
	cxm_csv_free(csv);
	to_c();
}
END_TEST

/* A table read from CSV (typed: text, days, numbers), rendered as CSV and as JSON. */
static void table_texts(char **csv_text, char **json_text)
{
	const char *path = write_file("table.csv", "id,day,x\na,2024-02-29,0.5\nb,2024-03-01,1e-7\nc,2023-12-31,"
						   "30.428571428571427\n");
	cxm_table *t = NULL;
	cxm_csv_spec *spec = NULL;
	ck_assert_status(cxm_csv_spec_new(&spec), CXM_OK);
	ck_assert_status(cxm_csv_spec_add_column(spec, "id", CXM_TABLE_TEXT, 0), CXM_OK);
	ck_assert_status(cxm_csv_spec_add_column(spec, "day", CXM_TABLE_DAY, 0), CXM_OK);
	ck_assert_status(cxm_csv_spec_add_column(spec, "x", CXM_TABLE_NUMBER, 0), CXM_OK);
	ck_assert_status(cxm_table_read_csv(&t, path, spec), CXM_OK);
	cxm_csv_spec_free(spec);
	ck_assert(cxm_table_numbers(t, 2)[0] == 0.5); /* read in the locale of the caller */
	ck_assert_status(cxm_table_set_attr_number(t, "scale", 2.5), CXM_OK);
	ck_assert_status(cxm_table_render(csv_text, t, CXM_FORMAT_CSV), CXM_OK);
	ck_assert_status(cxm_table_render(json_text, t, CXM_FORMAT_JSON), CXM_OK);
	cxm_table_free(t);
}

START_TEST(table_render)
{
	char *c_csv, *c_json, *de_csv, *de_json;
	table_texts(&c_csv, &c_json);
	ck_assert_str_eq(c_csv, "id,day,x\na,2024-02-29,0.5\nb,2024-03-01,1e-07\nc,2023-12-31,30.428571428571427\n");
	to_de();
	table_texts(&de_csv, &de_json);
	to_c();
	ck_assert_str_eq(de_csv, c_csv);
	ck_assert_str_eq(de_json, c_json);
	cxm_free(c_csv);
	cxm_free(c_json);
	cxm_free(de_csv);
	cxm_free(de_json);
}
END_TEST

static const char *example_path(void)
{
	static char path[1024];
	const char *root = getenv("CXM_SOURCE_ROOT");
	snprintf(path, sizeof path, "%s/examples/data/survey_responses.csv", root ? root : "..");
	return path;
}

static void report_texts(char **text, char **json)
{
	cxm_survey_report *r = NULL;
	ck_assert_status(cxm_survey_report_from_csv(&r, example_path(), NULL), CXM_OK);
	ck_assert_status(cxm_survey_report_render(text, r, CXM_FORMAT_TEXT), CXM_OK);
	ck_assert_status(cxm_survey_report_render(json, r, CXM_FORMAT_JSON), CXM_OK);
	cxm_survey_report_free(r);
}

START_TEST(survey_report)
{
	char *c_text, *c_json, *de_text, *de_json;
	report_texts(&c_text, &c_json);
	ck_assert(strstr(c_text, "95% confidence") != NULL);
	to_de();
	report_texts(&de_text, &de_json);
	to_c();
	ck_assert_str_eq(de_text, c_text);
	ck_assert_str_eq(de_json, c_json);
	cxm_free(c_text);
	cxm_free(c_json);
	cxm_free(de_text);
	cxm_free(de_json);
}
END_TEST

/* An error message that quotes a computed number. */
START_TEST(error_message)
{
	double x = 0;
	char c_msg[1024];
	ck_assert_status(cxm_parse_number(&x, "1e999"), CXM_EOUT_OF_RANGE);
	snprintf(c_msg, sizeof c_msg, "%s", cxm_error_last()->message);
	to_de();
	ck_assert_status(cxm_parse_number(&x, "1e999"), CXM_EOUT_OF_RANGE);
	ck_assert_str_eq(cxm_error_last()->message, c_msg);
	to_c();
}
END_TEST

static Suite *locale_suite(void)
{
	Suite *s = suite_create("locale");
	TCase *tc = tcase_create("decimal comma");
	tcase_add_test(tc, fit_json_round_trip);
	tcase_add_test(tc, parse_number);
	tcase_add_test(tc, csv_reader);
	tcase_add_test(tc, table_render);
	tcase_add_test(tc, survey_report);
	tcase_add_test(tc, error_message);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr;
	int failed;
	char cmd[600];
	if (!make_locale()) {
		printf("SKIP: could not generate " DE " with localedef (Debian package 'locales') into %s\n", dir);
		return 77;
	}
	sr = srunner_create(locale_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("note: could not remove %s\n", dir);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
