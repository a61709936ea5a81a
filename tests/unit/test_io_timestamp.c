/*
 * tests/unit/test_io_timestamp.c - check suite for ISO-8601 timestamps and
 * calendar periods (spec §0.15): cxm_timestamp_parse, cxm_period_start,
 * cxm_timestamp_period, and the internal fast path cxm__timestamp_parse_n.
 *
 * Expected values are worked by hand from the calendar (days since
 * 1970-01-01: 2024-03-15 is 54 years of which 13 leap, 19723 days to
 * 2024-01-01, + 31 + 29 + 14 = 19797) and agree with Python's
 * datetime.fromisoformat(...).timestamp() and date.isocalendar(); the
 * Python test checks many random timestamps against datetime itself.
 */
#include <math.h>
#include <string.h>
#include "harness.h"
#include "io/io_internal.h"

static double ts(const char *text, int *is_date)
{
	double s = NAN;
	ck_assert_status(cxm_timestamp_parse(&s, is_date, text), CXM_OK);
	return s;
}

START_TEST(test_parse_values)
{
	int d = -1;
	/* 19797 days * 86400 + 13:45:12 - 1 h */
	ck_assert_double_eq(ts("2024-03-15T13:45:12+01:00", &d), 19797.0 * 86400 + 12 * 3600 + 45 * 60 + 12);
	ck_assert_int_eq(d, 0);
	ck_assert_double_eq(ts("2024-03-15T13:45:12+0100", NULL), 1710506712.0);
	ck_assert_double_eq(ts("2024-03-15 12:45:12Z", NULL), 1710506712.0);
	ck_assert_double_eq(ts("2024-03-15t12:45:12z", NULL), 1710506712.0);
	ck_assert_double_eq(ts("1970-01-01T00:00Z", &d), 0.0);
	ck_assert_double_eq(ts("1969-12-31T23:59:59.25Z", NULL), -0.75);
	/* 2000-02-29 is day 11016; 23:59:59.5 at -05:30 is 05:29:59.5 the next day UTC */
	ck_assert_double_eq(ts("2000-02-29 23:59:59.5-05:30", NULL), 11016.0 * 86400 + 86399.5 + 5.5 * 3600);
	ck_assert_double_eq(ts("0001-01-01T00:00:00Z", NULL), -719162.0 * 86400);
	ck_assert_double_eq(ts("9999-12-31T23:59:59+00:00", NULL), 253402300799.0);
	ck_assert_double_eq(ts("2024-03-15", &d), 19797.0 * 86400);
	ck_assert_int_eq(d, 1);
	ck_assert_double_eq(ts("1969-12-31", &d), -86400.0);
}
END_TEST

/* The message quotes the text and says what is wrong. */
static void assert_bad(const char *text, const char *why)
{
	double s = 42;
	char expected[256];
	ck_assert_status(cxm_timestamp_parse(&s, NULL, text), CXM_EPARSE);
	ck_assert_double_eq(s, 42);
	snprintf(expected, sizeof expected, "PARSE: '%s' is not a timestamp: %s", text, why);
	ck_assert_str_eq(cxm_error_last()->message, expected);
}

START_TEST(test_parse_errors)
{
	assert_bad("2024-13-01T00:00Z", "month 13 is not in 01..12");
	assert_bad("2024-02-30", "day 30 is not in 01..29 for 2024-02");
	assert_bad("2023-02-29T10:00Z", "day 29 is not in 01..28 for 2023-02 (not a leap year)");
	assert_bad("2024-03-15T25:00Z", "hour 25 is not in 00..23");
	assert_bad("2024-03-15T23:60Z", "minute 60 is not in 00..59");
	assert_bad("2024-03-15T23:59:60Z", "second 60 is not in 00..59");
	assert_bad("2024-03-15T13:45:12", "no UTC offset: add Z or +HH:MM");
	assert_bad("2024-03-15T13:45", "no UTC offset: add Z or +HH:MM");
	assert_bad("2024-03-15T13:45Zx", "expected the end of the text after the UTC offset at character 18, not 'x'");
	assert_bad("2024-03-15T13:45+01:00 ", "expected the end of the text after the UTC offset at character 23, not ' '");
	assert_bad("2024-03-15x", "expected the end of the text, or 'T' and a time, after YYYY-MM-DD at character 11, not 'x'");
	assert_bad("", "the text is empty (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS+HH:MM)");
	assert_bad("2024-3-15", "expected a month of 2 digits (YYYY-MM-DD) at character 6, not '3'");
	assert_bad("15/03/2024", "expected a year of 4 digits (YYYY-MM-DD) at character 1, not '1'");
	assert_bad("0000-01-01", "year 0000 is not in 0001..9999");
	assert_bad("2024-03-15T13:45+25:00", "the UTC offset +25:00 is not in -23:59..+23:59");
	assert_bad("2024-03-15T13:45+1", "expected an offset of the form +HH:MM or +HHMM at character 18, not '1'");
	assert_bad("2024-03-15T13:45:12.Z", "expected digits of a fraction of a second at character 21, not 'Z'");
	assert_bad("2024-03-15T", "it ends after character 11; expected an hour of 2 digits (THH:MM)");
	ck_assert_status(cxm_timestamp_parse(NULL, NULL, "2024-01-01"), CXM_EBAD_ARG);
	{
		double s;
		ck_assert_status(cxm_timestamp_parse(&s, NULL, NULL), CXM_EBAD_ARG);
	}
}
END_TEST

/* The fast path reads a field that is not NUL-terminated. */
START_TEST(test_parse_n)
{
	const char buf[] = "2024-03-15T13:45:12+01:00,2024-03-15";
	double s;
	int d;
	ck_assert_status(cxm__timestamp_parse_n(buf, 25, &s, &d), CXM_OK);
	ck_assert_double_eq(s, 1710506712.0);
	ck_assert_int_eq(d, 0);
	ck_assert_status(cxm__timestamp_parse_n(buf + 26, 10, &s, &d), CXM_OK);
	ck_assert_double_eq(s, 19797.0 * 86400);
	ck_assert_int_eq(d, 1);
	ck_assert_status(cxm__timestamp_parse_n(buf, 26, &s, &d), CXM_EPARSE);
	ck_assert_status(cxm__timestamp_parse_n(buf, 7, &s, &d), CXM_EPARSE);
}
END_TEST

START_TEST(test_period_start)
{
	double out;
	/* 2024-03-15 (day 19797) was a Friday: Monday 19793; month 19783 (Mar 1);
	 * quarter and year 19723 (Jan 1) */
	ck_assert_status(cxm_period_start(&out, 19797, CXM_PERIOD_DAY), CXM_OK);
	ck_assert_double_eq(out, 19797);
	ck_assert_status(cxm_period_start(&out, 19797, CXM_PERIOD_WEEK), CXM_OK);
	ck_assert_double_eq(out, 19793);
	ck_assert_status(cxm_period_start(&out, 19793, CXM_PERIOD_WEEK), CXM_OK);
	ck_assert_double_eq(out, 19793);
	ck_assert_status(cxm_period_start(&out, 19797, CXM_PERIOD_MONTH), CXM_OK);
	ck_assert_double_eq(out, 19783);
	ck_assert_status(cxm_period_start(&out, 19797, CXM_PERIOD_QUARTER), CXM_OK);
	ck_assert_double_eq(out, 19723);
	ck_assert_status(cxm_period_start(&out, 19797, CXM_PERIOD_YEAR), CXM_OK);
	ck_assert_double_eq(out, 19723);
	/* 2024-12-31 (20088), a Tuesday: week from Monday 20087; Q4 from Oct 1 (19997) */
	ck_assert_status(cxm_period_start(&out, 20088, CXM_PERIOD_WEEK), CXM_OK);
	ck_assert_double_eq(out, 20087);
	ck_assert_status(cxm_period_start(&out, 20088, CXM_PERIOD_QUARTER), CXM_OK);
	ck_assert_double_eq(out, 19997);
	/* 2021-01-01 (18628), a Friday of ISO week 2020-W53: its Monday is 2020-12-28 (18624) */
	ck_assert_status(cxm_period_start(&out, 18628, CXM_PERIOD_WEEK), CXM_OK);
	ck_assert_double_eq(out, 18624);
	/* before 1970: 1969-12-31 (-1) was a Wednesday, its Monday 1969-12-29 (-3) */
	ck_assert_status(cxm_period_start(&out, -1, CXM_PERIOD_WEEK), CXM_OK);
	ck_assert_double_eq(out, -3);
	ck_assert_status(cxm_period_start(&out, -1, CXM_PERIOD_MONTH), CXM_OK);
	ck_assert_double_eq(out, -31);
	/* 0001-01-01 was a Monday (proleptic Gregorian) */
	ck_assert_status(cxm_period_start(&out, -719162, CXM_PERIOD_WEEK), CXM_OK);
	ck_assert_double_eq(out, -719162);
	/* errors */
	ck_assert_status(cxm_period_start(&out, 19797, 5), CXM_EBAD_ARG);
	assert_message_has("day, week, month, quarter or year");
	ck_assert_status(cxm_period_start(&out, 19797.5, CXM_PERIOD_DAY), CXM_EBAD_ARG);
	ck_assert_status(cxm_period_start(&out, NAN, CXM_PERIOD_DAY), CXM_ENAN);
	ck_assert_status(cxm_period_start(&out, 1e9, CXM_PERIOD_DAY), CXM_EBAD_ARG);
	ck_assert_status(cxm_period_start(NULL, 1, CXM_PERIOD_DAY), CXM_EBAD_ARG);
}
END_TEST

START_TEST(test_timestamp_period)
{
	double out;
	/* 2024-03-31T23:30Z: March in UTC, April 1 (19814) at +01:00 */
	ck_assert_status(cxm_timestamp_period(&out, "2024-03-31T23:30Z", CXM_PERIOD_MONTH, 0), CXM_OK);
	ck_assert_double_eq(out, 19783);
	ck_assert_status(cxm_timestamp_period(&out, "2024-03-31T23:30Z", CXM_PERIOD_MONTH, 60), CXM_OK);
	ck_assert_double_eq(out, 19814);
	ck_assert_status(cxm_timestamp_period(&out, "2024-04-01T00:30+02:00", CXM_PERIOD_DAY, 0), CXM_OK);
	ck_assert_double_eq(out, 19813); /* 2024-03-31T22:30Z */
	/* a date is its own day whatever the offset */
	ck_assert_status(cxm_timestamp_period(&out, "2024-04-01", CXM_PERIOD_DAY, -600), CXM_OK);
	ck_assert_double_eq(out, 19814);
	ck_assert_status(cxm_timestamp_period(&out, "2024-04-01", CXM_PERIOD_DAY, 841), CXM_EBAD_ARG);
	assert_message_has("841");
	ck_assert_status(cxm_timestamp_period(&out, "2024-04-01", 9, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_timestamp_period(&out, "2024-04-01T10:00", CXM_PERIOD_DAY, 0), CXM_EPARSE);
	assert_message_has("no UTC offset");
	ck_assert_status(cxm_timestamp_period(&out, "0001-01-01T00:30Z", CXM_PERIOD_DAY, -60), CXM_EOUT_OF_RANGE);
}
END_TEST

START_TEST(test_period_names)
{
	int v;
	ck_assert_status(cxm_names_parse(&v, CXM_NAMES_PERIOD, "quarter"), CXM_OK);
	ck_assert_int_eq(v, CXM_PERIOD_QUARTER);
	ck_assert_str_eq(cxm_names_word(CXM_NAMES_PERIOD, CXM_PERIOD_WEEK), "week");
	ck_assert_uint_eq(cxm_names_count(CXM_NAMES_PERIOD), 5);
	ck_assert_status(cxm_names_parse(&v, CXM_NAMES_PERIOD, "fortnight"), CXM_EBAD_ARG);
	ck_assert_str_eq(cxm_error_last()->message,
			 "BAD_ARG: period must be day, week, month, quarter or year, not 'fortnight'");
}
END_TEST

static Suite *io_timestamp_suite(void)
{
	Suite *s = suite_create("io_timestamp");
	TCase *tc = tcase_create("timestamps");
	tcase_add_test(tc, test_parse_values);
	tcase_add_test(tc, test_parse_errors);
	tcase_add_test(tc, test_parse_n);
	tcase_add_test(tc, test_period_start);
	tcase_add_test(tc, test_timestamp_period);
	tcase_add_test(tc, test_period_names);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(io_timestamp_suite)
