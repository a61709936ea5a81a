/*
 * tests/unit/test_io_date.c - check suite for dates in a format of the
 * caller's (lib/io/date_format.c): cxm_date_parse_format, cxm_dates_parse
 * and cxm_csv_spec_set_date_format (spec §0.12).
 *
 * Expected day numbers come from Python: (datetime.strptime(text,
 * format).date() - date(1970, 1, 1)).days; the refusals are ones strptime
 * refuses too (or, for formats without a year, ones we refuse by design).
 */
#define _POSIX_C_SOURCE 200809L /* mkstemp and fdopen, in tmpfile.h */
#define CXM_EXPERIMENTAL        /* cxm_csv_spec_set_date_format */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#define TMP_PREFIX "cxm_test_io_date_"
#include "tmpfile.h"

START_TEST(test_date_format_known_days)
{
	static const struct { const char *text, *format; double day; } cases[] = {
		{ "12/1/2010 8:26", "%m/%d/%Y %H:%M", 14944 },
		{ "12/01/2010 08:26", "%m/%d/%Y %H:%M", 14944 },
		{ "1/9/2011 17:05", "%m/%d/%Y %H:%M", 14983 },
		{ "15.03.2024", "%d.%m.%Y", 19797 },
		{ "20240315", "%Y%m%d", 19797 },
		{ "15 Mar 2024", "%d %b %Y", 19797 },
		{ "15 march 2024", "%d %B %Y", 19797 },
		{ "Friday, 15 MARCH 2024", "%A, %d %B %Y", 19797 },
		{ "Fri 15-Mar-24", "%a %d-%b-%y", 19797 },
		{ "01-Jan-69", "%d-%b-%y", -365 },
		{ "31-Dec-68", "%d-%b-%y", 36159 },
		{ "2024-060", "%Y-%j", 19782 },
		{ "2023-365", "%Y-%j", 19722 },
		{ "2/29/2000 11:59:59 PM", "%m/%d/%Y %I:%M:%S %p", 11016 },
		{ "2024-03-15T13:45:12.123456+01:00", "%Y-%m-%dT%H:%M:%S.%f%z", 19797 },
		{ "2024-03-15T13:45:12Z", "%Y-%m-%dT%H:%M:%S%z", 19797 },
		{ "100% 2024/3", "100%% %Y/%m", 19783 },
		{ "0001-01-01", "%Y-%m-%d", -719162 },
		{ "9999-12-31", "%Y-%m-%d", 2932896 },
		{ "3/1/1600", "%m/%d/%Y", -135080 },
		/* a space matches one or more blanks; trailing blanks are allowed */
		{ "15   Mar\t2024  ", "%d %b %Y", 19797 },
		/* NULL and "" are ISO 8601: cxm_date_parse */
		{ "2024-03-15", NULL, 19797 },
		{ "20240315 13:45", "", 19797 },
	};
	size_t i;
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		double day = 1e300;
		ck_assert_status(cxm_date_parse_format(&day, cases[i].text, cases[i].format), CXM_OK);
		ck_assert_msg(day == cases[i].day, "'%s' with '%s' -> %.17g, expected %.17g", cases[i].text,
			      cases[i].format ? cases[i].format : "NULL", day, cases[i].day);
	}
}
END_TEST

/* Texts that do not match: PARSE quoting the text, the format and what failed. */
START_TEST(test_date_format_mismatch)
{
	static const struct { const char *text, *format, *message; } cases[] = {
		{ "13/45/2010 8:26", "%m/%d/%Y %H:%M",
		  "'13/45/2010 8:26' does not match %m/%d/%Y %H:%M: month 13 is not 1..12" },
		{ "12/45/2010 8:26", "%m/%d/%Y %H:%M", ": day 45 is not 1..31" },
		{ "4/31/2023", "%m/%d/%Y", ": day 31 is not 1..30 for 2023-04" },
		{ "2/29/2023", "%m/%d/%Y", ": day 29 is not 1..28 for 2023-02 (not a leap year)" },
		{ "12/1/2010 24:00", "%m/%d/%Y %H:%M", ": hour 24 is not 0..23" },
		{ "12/1/2010 8:60", "%m/%d/%Y %H:%M", ": minute 60 is not 0..59" },
		{ "12/1/2010 0:10 AM", "%m/%d/%Y %I:%M %p", ": hour 0 is not 1..12" },
		{ "12/1/2010 1:10 XM", "%m/%d/%Y %I:%M %p", ": %p needs AM or PM at character 16, found 'XM'" },
		{ "12-1-2010", "%m/%d/%Y", ": expected '/' at character 3, found '-1-2010'" },
		{ "12/1", "%m/%d/%Y", ": expected '/' at character 5, found the end of the text" },
		{ "12/1/10", "%m/%d/%Y", ": %Y needs 4 digits (the year) at character 6, found '10'" },
		{ "x/1/2010", "%m/%d/%Y", ": %m needs 1 to 2 digits (the month) at character 1, found 'x/1/2010'" },
		{ "0000-01-01", "%Y-%m-%d", ": year 0000 is not 0001..9999" },
		{ "12/1/2010 8:26", "%m/%d/%Y", ": text left over at character 10: ' 8:26'" },
		{ "15 Sept 2024", "%d %b %Y", ": expected a blank at character 7, found 't 2024'" },
		{ "15 Mai 2024", "%d %b %Y", ": %b needs a month in English (Jan..Dec) at character 4" },
		{ "2023-366", "%Y-%j", ": day of the year 366 is not 1..365 for 2023" },
		{ "2024-03-15T10:00+25:00", "%Y-%m-%dT%H:%M%z", ": UTC offset +25:00 is not -23:59..+23:59" },
		{ "20243", "%Y%m%d", ": %m needs 2 digits (the month) at character 5, found '3'" },
		{ "1503 2024", "%d %m %Y", ": expected a blank at character 3" },
		{ " 2024-01-01", "%Y-%m-%d", ": %Y needs 4 digits" },
	};
	size_t i;
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		double day = 42;
		ck_assert_status(cxm_date_parse_format(&day, cases[i].text, cases[i].format), CXM_EPARSE);
		ck_assert_msg(day == 42, "'%s' wrote *day", cases[i].text);
		assert_message_has(cases[i].message);
	}
}
END_TEST

START_TEST(test_date_format_bad_formats)
{
	static const struct { const char *format, *message; } cases[] = {
		{ "%m/%q/%Y", "the date format '%m/%q/%Y' has an unknown directive %q (the directives: %Y %y" },
		{ "%m/%d", "the date format '%m/%d' has no year (%Y or %y)" },
		{ "%Y-%m-%d %Y", "gives the year twice (%Y)" },
		{ "%Y %m %b", "gives the month twice (%b)" },
		{ "%Y-%m-%d %", "ends with a lone % (write %% for a percent sign)" },
		{ "%Y-%j-%m", "has a day of the year (%j) and a month or day too" },
		{ "%Y %d", "has a day (%d) but no month (%m, %b or %B)" },
	};
	size_t i;
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		double day = 42;
		ck_assert_status(cxm_date_parse_format(&day, "2024-01-01", cases[i].format), CXM_EBAD_ARG);
		ck_assert(day == 42);
		assert_message_has(cases[i].message);
	}
	ck_assert_status(cxm_date_parse_format(NULL, "2024-01-01", "%Y"), CXM_EBAD_ARG);
	ck_assert_status(cxm_date_parse_format(&(double){ 0 }, NULL, "%Y"), CXM_EBAD_ARG);
	/* a format of 65 steps is refused rather than cut */
	{
		char longf[200];
		double day;
		memset(longf, '-', 64);
		strcpy(longf + 64, "%Y");
		ck_assert_status(cxm_date_parse_format(&day, "x", longf), CXM_EBAD_ARG);
		assert_message_has("is longer than 64 steps");
	}
	/* %Y alone: January 1 (strptime's defaults for the month and the day) */
	{
		double day = 0;
		ck_assert_status(cxm_date_parse_format(&day, "2024", "%Y"), CXM_OK);
		ck_assert(day == 19723);
		ck_assert_status(cxm_date_parse_format(&day, "Mar 2024", "%b %Y"), CXM_OK);
		ck_assert(day == 19783);
	}
}
END_TEST

START_TEST(test_dates_parse)
{
	const char *texts[] = { "12/1/2010 8:26", NULL, "1/9/2011 17:05" };
	const char *iso[] = { "2024-03-15", "20240101" };
	const char *bad[] = { "12/1/2010 8:26", "1/9/2011 17:05", "13/1/2011 1:00" };
	double out[4] = { 7, 7, 7, 7 };
	ck_assert_status(cxm_dates_parse(out, 4, texts, 3, "%m/%d/%Y %H:%M"), CXM_OK);
	ck_assert(out[0] == 14944 && isnan(out[1]) && out[2] == 14983 && out[3] == 7);
	ck_assert_status(cxm_dates_parse(out, 2, iso, 2, NULL), CXM_OK);
	ck_assert(out[0] == 19797 && out[1] == 19723);
	ck_assert_status(cxm_dates_parse(out, 3, bad, 3, "%m/%d/%Y %H:%M"), CXM_EPARSE);
	assert_message_has("dates[2]: '13/1/2011 1:00' does not match %m/%d/%Y %H:%M: month 13 is not 1..12");
	ck_assert_status(cxm_dates_parse(out, 2, texts, 3, "%m/%d/%Y %H:%M"), CXM_EBAD_ARG);
	assert_message_has("n_out = 2 is smaller than the 3 dates");
	ck_assert_status(cxm_dates_parse(out, 3, texts, 3, "%m/%d"), CXM_EBAD_ARG);
	assert_message_has("has no year");
	ck_assert_status(cxm_dates_parse(out, 3, iso, 1, "%Y%m%d"), CXM_EPARSE);
	assert_message_has("dates[0]: '2024-03-15' does not match %Y%m%d: %m needs 2 digits");
	ck_assert_status(cxm_dates_parse(NULL, 0, NULL, 0, "%Y"), CXM_OK);
	ck_assert_status(cxm_dates_parse(NULL, 1, texts, 1, NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_dates_parse(out, 1, NULL, 1, NULL), CXM_EBAD_ARG);
}
END_TEST

START_TEST(test_csv_spec_date_format)
{
	char path[TMP_PATH_SIZE];
	cxm_csv_spec *spec = NULL;
	cxm_table *t = NULL;
	const double *d;
	ck_assert_status(cxm_csv_spec_new(&spec), CXM_OK);
	ck_assert_status(cxm_csv_spec_add_column(spec, "InvoiceDate", CXM_TABLE_DAY, CXM_CSV_REQUIRED), CXM_OK);
	ck_assert_status(cxm_csv_spec_set_date_format(spec, "%m/%d/%Y %H:%M"), CXM_OK);
	write_tmp_str(path, "InvoiceNo,InvoiceDate\n536365,12/1/2010 8:26\n536366,1/9/2011 17:05\n");
	ck_assert_status(cxm_table_read_csv(&t, path, spec), CXM_OK);
	d = cxm_table_numbers(t, 0);
	ck_assert_uint_eq(cxm_table_rows(t), 2);
	ck_assert(d[0] == 14944 && d[1] == 14983);
	cxm_table_free(t);
	/* a refused format leaves the spec's format as it was */
	ck_assert_status(cxm_csv_spec_set_date_format(spec, "%m/%d/%Q"), CXM_EBAD_ARG);
	assert_message_has("unknown directive %Q");
	ck_assert_status(cxm_table_read_csv(&t, path, spec), CXM_OK);
	cxm_table_free(t);
	/* back to ISO: the same file is now wrong, naming file, line, column */
	ck_assert_status(cxm_csv_spec_set_date_format(spec, NULL), CXM_OK);
	ck_assert_status(cxm_table_read_csv(&t, path, spec), CXM_EPARSE);
	assert_message_has(":2:2 'InvoiceDate': '12/1/2010 8:26' is not a date");
	remove(path);
	write_tmp_str(path, "InvoiceNo,InvoiceDate\n536365,12/1/2010 8:26\n536366,13/9/2011 17:05\n");
	ck_assert_status(cxm_csv_spec_set_date_format(spec, "%m/%d/%Y %H:%M"), CXM_OK);
	ck_assert_status(cxm_table_read_csv(&t, path, spec), CXM_EPARSE);
	ck_assert_ptr_null(t);
	assert_message_has(":3:2 'InvoiceDate': '13/9/2011 17:05' does not match %m/%d/%Y %H:%M: month 13 is not 1..12");
	remove(path);
	ck_assert_status(cxm_csv_spec_set_date_format(NULL, "%Y"), CXM_EBAD_ARG);
	cxm_csv_spec_free(spec);
}
END_TEST

static Suite *io_date_suite(void)
{
	Suite *s = suite_create("io_date");
	TCase *tc = tcase_create("date_format");
	tcase_add_test(tc, test_date_format_known_days);
	tcase_add_test(tc, test_date_format_mismatch);
	tcase_add_test(tc, test_date_format_bad_formats);
	tcase_add_test(tc, test_dates_parse);
	tcase_add_test(tc, test_csv_spec_date_format);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(io_date_suite)
