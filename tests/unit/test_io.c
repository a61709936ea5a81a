/*
 * tests/unit/test_io.c - check suite for lib/io: ISO dates, the streaming CSV
 * reader (well-formed and malformed input, read-buffer boundaries), tables
 * (columns, attributes, CSV and JSON text known by hand, streams, reading
 * CSV), and out-of-memory loops through the allocator hook.
 *
 * Expected day numbers come from Python's datetime (date.fromisoformat(s) -
 * date(1970, 1, 1)).days; expected fields are the values each test wrote.
 */
#define _POSIX_C_SOURCE 200809L /* mkstemp and fdopen, in tmpfile.h */
#define CXM_EXPERIMENTAL        /* cxm_table_read_csv */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "oom.h"
#include "io/io_internal.h"
#define TMP_PREFIX "cxm_test_io_"
#include "tmpfile.h"

/* ---- helpers ------------------------------------------------------------- */

/* Open `text` as a CSV file; the file is removed at once (the reader keeps it open). */
static cxm_csv *open_text(const char *text, char delimiter)
{
	char path[TMP_PATH_SIZE];
	cxm_csv *csv = NULL;
	write_tmp_str(path, text);
	ck_assert_status(cxm_csv_open(&csv, path, delimiter), CXM_OK);
	remove(path);
	return csv;
}

/* Open must fail with `code`; returns nothing, leaves the message for the caller. */
static void open_fails(const char *text, int code)
{
	char path[TMP_PATH_SIZE];
	cxm_csv *csv = (cxm_csv *)1;
	write_tmp_str(path, text);
	ck_assert_status(cxm_csv_open(&csv, path, ','), code);
	ck_assert_ptr_null(csv);
	remove(path);
}

static void next_row(cxm_csv *csv)
{
	int has_row = -1;
	ck_assert_status(cxm_csv_next(&has_row, csv), CXM_OK);
	ck_assert_int_eq(has_row, 1);
}

static void next_eof(cxm_csv *csv)
{
	int has_row = -1;
	ck_assert_status(cxm_csv_next(&has_row, csv), CXM_OK);
	ck_assert_int_eq(has_row, 0);
}

static void field_is(const cxm_csv *csv, size_t col, const char *expected)
{
	size_t len = 12345;
	const char *f = cxm_csv_field(&len, csv, col);
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(f, expected);
	ck_assert_uint_eq(len, strlen(expected));
}

/* ---- dates ----------------------------------------------------------------- */

START_TEST(test_date_known_days)
{
	static const struct { const char *text; double day; } cases[] = {
		{ "1970-01-01", 0 },       { "2006-12-31", 13513 },   { "2000-02-29", 11016 },
		{ "2024-02-29", 19782 },   { "1969-12-31", -1 },      { "0001-01-01", -719162 },
		{ "9999-12-31", 2932896 }, { "1600-03-01", -135080 },
		{ "2024-03-15T13:45:12Z", 19797 }, { "2024-03-15 13:45", 19797 },
		/* the basic form YYYYMMDD (the CDNOW files), with the same time rule */
		{ "19700101", 0 },         { "20001231", 11322 },     { "20000229", 11016 },
		{ "00010101", -719162 },   { "99991231", 2932896 },   { "20240315T134512Z", 19797 },
		{ "20240315 13:45", 19797 }, { "20240315t1345", 19797 },
	};
	size_t i;
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		double day = 1e300;
		ck_assert_status(cxm_date_parse(&day, cases[i].text), CXM_OK);
		ck_assert_msg(day == cases[i].day, "%s -> %.17g, expected %.17g", cases[i].text, day,
			      cases[i].day);
	}
}
END_TEST

START_TEST(test_date_invalid)
{
	static const char *const bad[] = {
		"1900-02-29", "2023-02-29", "2023-13-01", "2023-00-10", "2023-04-31", "2023-01-00",
		"2023-01-32", "0000-01-01", "garbage", "", "2023-1-01", "2023-01-1", "2023/01/01",
		"2023-01-01x", " 2023-01-01", "-2023-01-01", "2023-01-01Z",
		/* the basic form gets the same checks */
		"19000229", "20230229", "20231301", "20230010", "20230431", "20230100", "00000101",
		"2023011", "202301011", "20230101x", "20230101Z", "2023-0101", "202301-01", " 20230101",
	};
	size_t i;
	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		double day = 42.0;
		ck_assert_status(cxm_date_parse(&day, bad[i]), CXM_EPARSE);
		ck_assert_msg(day == 42.0, "%s wrote *day", bad[i]);
		ck_assert_int_eq(cxm_error_last()->code, CXM_EPARSE);
	}
	cxm_date_parse(&(double){ 0 }, "1900-02-29");
	assert_message_has("'1900-02-29'");
	assert_message_has("not a leap year");
	cxm_date_parse(&(double){ 0 }, "2023-13-01");
	assert_message_has("'2023-13-01'");
	assert_message_has("month");
	cxm_date_parse(&(double){ 0 }, "20230229");
	assert_message_has("'20230229' is not a date: day 29 is not in 01..28 for 2023-02 (not a leap year)");
	cxm_date_parse(&(double){ 0 }, "2023/01/01");
	assert_message_has("expected YYYY-MM-DD or YYYYMMDD");
	cxm_date_parse(&(double){ 0 }, "202301011");
	assert_message_has("after YYYYMMDD");
	ck_assert_status(cxm_date_parse(NULL, "2023-01-01"), CXM_EBAD_ARG);
	ck_assert_status(cxm_date_parse(&(double){ 0 }, NULL), CXM_EBAD_ARG);
}
END_TEST

/* Day numbers back to text (lib/io, what the table writers print): the
 * days of test_date_known_days, and the edges of 0001..9999. */
START_TEST(test_date_format)
{
	static const struct { double day; const char *text; } cases[] = {
		{ 0, "1970-01-01" },       { 13513, "2006-12-31" },   { 11016, "2000-02-29" },
		{ -1, "1969-12-31" },      { -719162, "0001-01-01" }, { 2932896, "9999-12-31" },
		{ -135080, "1600-03-01" }, { 19797, "2024-03-15" },
	};
	char buf[CXM__DATE_MAX];
	size_t i;
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		ck_assert_str_eq(cxm__date_format(buf, cases[i].day), cases[i].text);
		ck_assert_status(cxm__check_date_day(cases[i].day, "day", 0, 0), CXM_OK);
	}
	ck_assert_str_eq(cxm__date_format(buf, -719163), "?");
	ck_assert_str_eq(cxm__date_format(buf, 0.5), "?");
	ck_assert_status(cxm__check_date_day(2932897, "days", 1, 4), CXM_EBAD_ARG);
	assert_message_has("days[4] = 2932897 is not a day of the years 0001..9999");
	ck_assert_status(cxm__check_date_day(NAN, "end", 0, 0), CXM_ENAN);
	assert_message_has("end is NaN");
	ck_assert_status(cxm__check_date_day(1.5, "end", 0, 0), CXM_EBAD_ARG);
	assert_message_has("end = 1.5");
}
END_TEST

/* ---- well-formed CSV ---------------------------------------------------------- */

START_TEST(test_csv_basic)
{
	cxm_csv *csv = open_text("id,name,score\n1,ann,9\n2,bob,\n", ',');
	size_t idx = 99;
	ck_assert_uint_eq(cxm_csv_column_count(csv), 3);
	ck_assert_str_eq(cxm_csv_column_name(csv, 0), "id");
	ck_assert_str_eq(cxm_csv_column_name(csv, 2), "score");
	ck_assert_ptr_null(cxm_csv_column_name(csv, 3));
	ck_assert_status(cxm_csv_column_index(&idx, csv, "name"), CXM_OK);
	ck_assert_uint_eq(idx, 1);
	ck_assert_uint_eq(cxm_csv_line(csv), 0);
	ck_assert_ptr_null(cxm_csv_field(NULL, csv, 0)); /* no record yet */
	ck_assert_ptr_nonnull(strstr(cxm_csv_path(csv), "cxm_test_io_"));
	next_row(csv);
	ck_assert_uint_eq(cxm_csv_line(csv), 2);
	field_is(csv, 0, "1");
	field_is(csv, 1, "ann");
	field_is(csv, 2, "9");
	ck_assert_ptr_null(cxm_csv_field(NULL, csv, 3));
	next_row(csv);
	ck_assert_uint_eq(cxm_csv_line(csv), 3);
	field_is(csv, 1, "bob");
	field_is(csv, 2, "");
	next_eof(csv);
	next_eof(csv); /* stays at the end */
	cxm_csv_free(csv);
}
END_TEST

/* Closed before it is freed: reads fail and say so, the header stays. */
START_TEST(test_csv_close)
{
	cxm_csv *csv = open_text("id,score\n1,9\n2,7\n", ',');
	size_t idx = 99;
	int has_row = 1;
	double x = 0.0;
	ck_assert_uint_eq(cxm_csv_closed(csv), 0);
	next_row(csv);
	field_is(csv, 1, "9");
	ck_assert_status(cxm_csv_close(csv), CXM_OK);
	ck_assert_uint_eq(cxm_csv_closed(csv), 1);
	ck_assert_status(cxm_csv_next(&has_row, csv), CXM_EBAD_ARG);
	assert_message_has("the reader is closed");
	ck_assert_int_eq(has_row, 0);
	ck_assert_ptr_null(cxm_csv_field(NULL, csv, 1));
	ck_assert_status(cxm_csv_field_double(&x, csv, 1), CXM_EBAD_ARG);
	assert_message_has("the reader is closed");
	ck_assert_status(cxm_csv_column_index(&idx, csv, "score"), CXM_OK);
	ck_assert_uint_eq(idx, 1);
	ck_assert_str_eq(cxm_csv_column_name(csv, 0), "id");
	ck_assert_status(cxm_csv_close(csv), CXM_OK); /* again: nothing to do */
	ck_assert_status(cxm_csv_close(NULL), CXM_EBAD_ARG);
	ck_assert_uint_eq(cxm_csv_closed(NULL), 1);
	cxm_csv_free(csv);
}
END_TEST

START_TEST(test_csv_quoting)
{
	/* RFC 4180: quoted delimiter, doubled quotes, quoted line break (CRLF inside
	 * quotes counts as one line), empty quoted field, a quote inside an unquoted field */
	cxm_csv *csv = open_text("a,b,c\r\n"
				 "\"x, y\",\"say \"\"hi\"\"\",\"\"\r\n"
				 "\"two\r\nlines\",5\" screen,\"\"\"\"\r\n"
				 "last,row,here\r\n",
				 ',');
	next_row(csv);
	ck_assert_uint_eq(cxm_csv_line(csv), 2);
	field_is(csv, 0, "x, y");
	field_is(csv, 1, "say \"hi\"");
	field_is(csv, 2, "");
	next_row(csv);
	ck_assert_uint_eq(cxm_csv_line(csv), 3);
	field_is(csv, 0, "two\r\nlines");
	field_is(csv, 1, "5\" screen");
	field_is(csv, 2, "\"");
	next_row(csv);
	ck_assert_uint_eq(cxm_csv_line(csv), 5);
	field_is(csv, 2, "here");
	next_eof(csv);
	cxm_csv_free(csv);
}
END_TEST

START_TEST(test_csv_line_ends_and_blank_lines)
{
	/* LF, CRLF and lone CR mixed; empty lines skipped but counted; no final newline */
	cxm_csv *csv = open_text("h1,h2\n\n1,2\r\n\r\n3,4\r5,6\n\n\n7,", ',');
	next_row(csv);
	ck_assert_uint_eq(cxm_csv_line(csv), 3);
	field_is(csv, 0, "1");
	next_row(csv);
	ck_assert_uint_eq(cxm_csv_line(csv), 5);
	field_is(csv, 1, "4");
	next_row(csv);
	ck_assert_uint_eq(cxm_csv_line(csv), 6);
	field_is(csv, 0, "5");
	next_row(csv);
	ck_assert_uint_eq(cxm_csv_line(csv), 9);
	field_is(csv, 0, "7");
	field_is(csv, 1, ""); /* "7," then EOF: an empty last field */
	next_eof(csv);
	cxm_csv_free(csv);
}
END_TEST

START_TEST(test_csv_bom_and_delimiters)
{
	cxm_csv *csv = open_text("\xEF\xBB\xBFnps;comment\n9;\"a; b\"\n", ';');
	size_t idx = 9;
	ck_assert_str_eq(cxm_csv_column_name(csv, 0), "nps"); /* BOM gone */
	ck_assert_status(cxm_csv_column_index(&idx, csv, "nps"), CXM_OK);
	ck_assert_uint_eq(idx, 0);
	next_row(csv);
	field_is(csv, 1, "a; b");
	cxm_csv_free(csv);

	csv = open_text("a\tb\n1,5\t\"x\ty\"\n", '\t');
	next_row(csv);
	field_is(csv, 0, "1,5");
	field_is(csv, 1, "x\ty");
	cxm_csv_free(csv);

	/* a single column: every line is one field */
	csv = open_text("only\nx\n\"\"\n", ',');
	next_row(csv);
	field_is(csv, 0, "x");
	next_row(csv);
	field_is(csv, 0, "");
	next_eof(csv);
	cxm_csv_free(csv);
}
END_TEST

START_TEST(test_csv_header_only_and_quoted_header)
{
	cxm_csv *csv = open_text("\"first, name\",\"x\"\"y\"\r\n", ',');
	ck_assert_uint_eq(cxm_csv_column_count(csv), 2);
	ck_assert_str_eq(cxm_csv_column_name(csv, 0), "first, name");
	ck_assert_str_eq(cxm_csv_column_name(csv, 1), "x\"y");
	next_eof(csv);
	ck_assert_uint_eq(cxm_csv_line(csv), 0);
	cxm_csv_free(csv);
}
END_TEST

START_TEST(test_csv_field_double)
{
	cxm_csv *csv = open_text("a,b,c,d,e,f,g\n7, 8 ,,2.5,-3,abc,1e1\n", ',');
	double v = 0.0;
	ck_assert_status(cxm_csv_field_double(&v, csv, 0), CXM_EBAD_ARG); /* no record yet */
	next_row(csv);
	ck_assert_status(cxm_csv_field_double(&v, csv, 0), CXM_OK);
	ck_assert(v == 7.0);
	ck_assert_status(cxm_csv_field_double(&v, csv, 1), CXM_OK);
	ck_assert(v == 8.0);
	ck_assert_status(cxm_csv_field_double(&v, csv, 2), CXM_OK);
	ck_assert(isnan(v)); /* empty: a missing answer */
	ck_assert_status(cxm_csv_field_double(&v, csv, 3), CXM_OK);
	ck_assert(v == 2.5);
	ck_assert_status(cxm_csv_field_double(&v, csv, 4), CXM_OK);
	ck_assert(v == -3.0);
	ck_assert_status(cxm_csv_field_double(&v, csv, 6), CXM_OK);
	ck_assert(v == 10.0);
	ck_assert_status(cxm_csv_field_double(&v, csv, 5), CXM_EPARSE);
	assert_message_has(":2:6 'f': 'abc' is not a number");
	ck_assert_status(cxm_csv_field_double(&v, csv, 7), CXM_EBAD_ARG);
	ck_assert_status(cxm_csv_field_double(NULL, csv, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_csv_field_double(&v, NULL, 0), CXM_EBAD_ARG);
	cxm_csv_free(csv);
}
END_TEST

/* One decimal grammar (spec §0.10): what strtod alone would take but is not a decimal number
 * (hexadecimal, inf / nan words, a bare sign or point, an exponent without digits, a decimal
 * comma) is PARSE naming line, column and value; 1e999 is OUT_OF_RANGE, not infinity. */
START_TEST(test_csv_field_double_grammar)
{
	static const char *const good[] = { "+3", "-0", "1.", ".5", "-.5e-3", "1E+2", " \t4.25\t ", "0012",
					     "123456789012", "1e-400" };
	static const double good_v[] = { 3, -0.0, 1, 0.5, -0.0005, 100, 4.25, 12, 123456789012.0, 0.0 };
	static const char *const bad[] = { "0x4", "0X1p3", "inf", "-Infinity", "nan", "NAN(1)", "+", "-", ".",
					   "e5", "1e", "1e+", "1.5.2", "1,5", "1_000", "--1", "1 2", "4a", "\xd9\xa1" };
	char text[512];
	size_t i;
	double v;
	for (i = 0; i < sizeof good / sizeof *good; i++) {
		cxm_csv *csv;
		snprintf(text, sizeof text, "x\n%s\n", good[i]);
		csv = open_text(text, ',');
		next_row(csv);
		ck_assert_msg(cxm_csv_field_double(&v, csv, 0) == CXM_OK, "'%s': %s", good[i], cxm_error_last()->message);
		ck_assert_msg(v == good_v[i] && signbit(v) == signbit(good_v[i]), "'%s' read as %.17g", good[i], v);
		cxm_csv_free(csv);
	}
	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		cxm_csv *csv;
		snprintf(text, sizeof text, "a,x\n1,\"%s\"\n", bad[i]);
		csv = open_text(text, ',');
		next_row(csv);
		ck_assert_msg(cxm_csv_field_double(&v, csv, 1) == CXM_EPARSE, "'%s' was taken as %.17g", bad[i], v);
		assert_message_has(":2:2 'x': '");
		assert_message_has("is not a number (digits with an optional sign, decimal point and exponent");
		cxm_csv_free(csv);
	}
	{
		cxm_csv *csv = open_text("x\n1e999\n-2E400\n", ',');
		next_row(csv);
		ck_assert_status(cxm_csv_field_double(&v, csv, 0), CXM_EOUT_OF_RANGE);
		assert_message_has(":2:1 'x': '1e999' is too large for a number");
		next_row(csv);
		ck_assert_status(cxm_csv_field_double(&v, csv, 0), CXM_EOUT_OF_RANGE);
		cxm_csv_free(csv);
	}
}
END_TEST

/* The grammar as a function of its own (spec §0.10): what the command line's numbers go through. */
START_TEST(test_parse_number)
{
	double v = 0.0;
	ck_assert_status(cxm_parse_number(&v, " -1.5e3\t"), CXM_OK);
	ck_assert(v == -1500.0);
	ck_assert_status(cxm_parse_number(&v, ".25"), CXM_OK);
	ck_assert(v == 0.25);
	ck_assert_status(cxm_parse_number(&v, "0x10"), CXM_EPARSE);
	assert_message_has("'0x10' is not a number");
	ck_assert_status(cxm_parse_number(&v, "nan"), CXM_EPARSE);
	ck_assert_status(cxm_parse_number(&v, "Infinity"), CXM_EPARSE);
	ck_assert_status(cxm_parse_number(&v, ""), CXM_EPARSE); /* blank: no number, not a missing one */
	ck_assert_status(cxm_parse_number(&v, "  "), CXM_EPARSE);
	ck_assert_status(cxm_parse_number(&v, "1e999"), CXM_EOUT_OF_RANGE);
	assert_message_has("'1e999' is too large for a number");
	ck_assert_status(cxm_parse_number(NULL, "1"), CXM_EBAD_ARG);
	ck_assert_status(cxm_parse_number(&v, NULL), CXM_EBAD_ARG);
}
END_TEST

START_TEST(test_csv_unknown_column)
{
	cxm_csv *csv = open_text("response_id,nps,csat\n", ',');
	size_t idx = 7;
	ck_assert_status(cxm_csv_column_index(&idx, csv, "ces"), CXM_EBAD_ARG);
	ck_assert_uint_eq(idx, 7);
	assert_message_has("no column 'ces'");
	assert_message_has("response_id, nps, csat");
	ck_assert_status(cxm_csv_column_index(NULL, csv, "nps"), CXM_EBAD_ARG);
	ck_assert_status(cxm_csv_column_index(&idx, NULL, "nps"), CXM_EBAD_ARG);
	ck_assert_status(cxm_csv_column_index(&idx, csv, NULL), CXM_EBAD_ARG);
	cxm_csv_free(csv);
}
END_TEST

/* ---- malformed CSV ---------------------------------------------------------- */

START_TEST(test_csv_unterminated_quote)
{
	cxm_csv *csv = open_text("id,comment\n1,ok\n2,\"never closed\n3,x\n", ',');
	int has_row = -1;
	next_row(csv);
	ck_assert_status(cxm_csv_next(&has_row, csv), CXM_EPARSE);
	ck_assert_int_eq(has_row, 0);
	assert_message_has(":3: column 2 'comment'");
	assert_message_has("unterminated quote");
	cxm_csv_free(csv);
}
END_TEST

START_TEST(test_csv_text_after_closing_quote)
{
	cxm_csv *csv = open_text("a,b\n\"x\"y,2\n", ',');
	int has_row = -1;
	ck_assert_status(cxm_csv_next(&has_row, csv), CXM_EPARSE);
	assert_message_has(":2: column 1 'a'");
	assert_message_has("'y' after the closing quote");
	cxm_csv_free(csv);
}
END_TEST

START_TEST(test_csv_wrong_field_count)
{
	cxm_csv *csv = open_text("a,b,c\n1,2,3\n4,5\n", ',');
	int has_row = -1;
	next_row(csv);
	ck_assert_status(cxm_csv_next(&has_row, csv), CXM_EPARSE);
	assert_message_has(":3: 2 fields, but the header has 3 columns");
	cxm_csv_free(csv);

	csv = open_text("a,b\n1,2,3\n", ',');
	ck_assert_status(cxm_csv_next(&has_row, csv), CXM_EPARSE);
	assert_message_has(":2: 3 fields, but the header has 2 columns");
	assert_message_has("quotes");
	cxm_csv_free(csv);
}
END_TEST

START_TEST(test_csv_empty_files)
{
	open_fails("", CXM_EEMPTY);
	assert_message_has("no header line");
	open_fails("\n\r\n\n", CXM_EEMPTY);
	open_fails("\xEF\xBB\xBF", CXM_EEMPTY);
	open_fails("\"unterminated header\n", CXM_EPARSE);
	assert_message_has(":1: column 1:");
}
END_TEST

START_TEST(test_csv_open_errors)
{
	cxm_csv *csv = (cxm_csv *)1;
	char path[TMP_PATH_SIZE];
	ck_assert_status(cxm_csv_open(&csv, "/nonexistent/dir/survey.csv", ','), CXM_EIO);
	ck_assert_ptr_null(csv);
	assert_message_has("cannot open '/nonexistent/dir/survey.csv'");
	assert_message_has("No such file");
	ck_assert_status(cxm_csv_open(&csv, "/", ','), CXM_EIO); /* a directory */
	ck_assert_ptr_null(csv);
	ck_assert_status(cxm_csv_open(NULL, "x.csv", ','), CXM_EBAD_ARG);
	ck_assert_status(cxm_csv_open(&csv, NULL, ','), CXM_EBAD_ARG);
	write_tmp_str(path, "a,b\n");
	ck_assert_status(cxm_csv_open(&csv, path, '"'), CXM_EBAD_ARG);
	ck_assert_status(cxm_csv_open(&csv, path, '\n'), CXM_EBAD_ARG);
	ck_assert_status(cxm_csv_open(&csv, path, '\0'), CXM_EBAD_ARG);
	remove(path);
	ck_assert_status(cxm_csv_next(&(int){ 0 }, NULL), CXM_EBAD_ARG);
	/* the NULL-tolerant accessors */
	ck_assert_uint_eq(cxm_csv_column_count(NULL), 0);
	ck_assert_ptr_null(cxm_csv_column_name(NULL, 0));
	ck_assert_ptr_null(cxm_csv_field(NULL, NULL, 0));
	ck_assert_uint_eq(cxm_csv_line(NULL), 0);
	ck_assert_ptr_null(cxm_csv_path(NULL));
	cxm_csv_free(NULL);
	cxm_free(NULL);
}
END_TEST

/* ---- read-buffer boundaries ------------------------------------------------------ */

/*
 * 6000 records whose fields cycle through the awkward cases (quoted delimiter,
 * doubled quotes, CRLF inside quotes, empty, long): the file is ~1.3 MB, so
 * every construct lands on a 64 KiB read boundary somewhere. Each field read
 * back must equal the value written.
 */
#define STRESS_ROWS 6000

static void stress_value(char *out, size_t cap, size_t row, size_t col)
{
	switch ((row + col) % 6) {
	case 0: snprintf(out, cap, "%zu", row * 7 + col); break;
	case 1: snprintf(out, cap, "a,b %zu", row); break;
	case 2: snprintf(out, cap, "say \"%zu\"", row); break;
	case 3: snprintf(out, cap, "line\r\nbreak %zu", row); break;
	case 4: out[0] = '\0'; break;
	default: {
		size_t i, n = 50 + row % 200;
		for (i = 0; i < n && i + 1 < cap; i++)
			out[i] = (char)('a' + (row + i) % 26);
		out[i] = '\0';
	}
	}
}

static void stress_write(FILE *f, const char *v)
{
	if (strpbrk(v, ",\"\r\n") == NULL) {
		fputs(v, f);
		return;
	}
	fputc('"', f);
	for (; *v; v++) {
		if (*v == '"')
			fputc('"', f);
		fputc(*v, f);
	}
	fputc('"', f);
}

START_TEST(test_csv_buffer_boundaries)
{
	char path[TMP_PATH_SIZE], v[512];
	cxm_csv *csv = NULL;
	size_t row, col, line = 2;
	FILE *f = open_tmp(path);
	fputs("c0,c1,c2,c3,c4\r\n", f);
	for (row = 0; row < STRESS_ROWS; row++) {
		for (col = 0; col < 5; col++) {
			if (col)
				fputc(',', f);
			stress_value(v, sizeof v, row, col);
			stress_write(f, v);
		}
		fputs(row % 2 ? "\r\n" : "\n", f);
	}
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_status(cxm_csv_open(&csv, path, ','), CXM_OK);
	for (row = 0; row < STRESS_ROWS; row++) {
		size_t breaks = 0;
		next_row(csv);
		ck_assert_uint_eq(cxm_csv_line(csv), line);
		for (col = 0; col < 5; col++) {
			stress_value(v, sizeof v, row, col);
			field_is(csv, col, v);
			breaks += strstr(v, "\r\n") != NULL;
		}
		line += 1 + breaks;
	}
	next_eof(csv);
	cxm_csv_free(csv);
	remove(path);
}
END_TEST

START_TEST(test_csv_long_field)
{
	/* one 300 000-byte quoted field: the record buffer grows across many reads */
	size_t n = 300000, i;
	char *text = malloc(n + 64), path[TMP_PATH_SIZE];
	cxm_csv *csv = NULL;
	size_t len = 0;
	const char *f;
	ck_assert_ptr_nonnull(text);
	memcpy(text, "a,b\n1,\"", 7);
	for (i = 0; i < n; i++)
		text[7 + i] = (char)('A' + i % 26);
	memcpy(text + 7 + n, "\"\n", 3);
	write_tmp(path, text, n + 9);
	ck_assert_status(cxm_csv_open(&csv, path, ','), CXM_OK);
	next_row(csv);
	f = cxm_csv_field(&len, csv, 1);
	ck_assert_uint_eq(len, n);
	ck_assert_int_eq(memcmp(f, text + 7, n), 0);
	next_eof(csv);
	cxm_csv_free(csv);
	remove(path);
	free(text);
}
END_TEST

/* ---- text from the input in messages (regressions found by tests/fuzz) ------------ */

/* The last error's message is one line: no line break or other control byte. */
static void assert_message_one_line(void)
{
	const char *m = cxm_error_last()->message;
	size_t i;
	for (i = 0; m[i]; i++)
		ck_assert_msg((unsigned char)m[i] >= 0x20 && m[i] != 0x7f,
			      "control byte 0x%02x at %zu in the message '%s'", (unsigned)(unsigned char)m[i], i, m);
}

/* fuzz_date: a bad date was quoted as it was, control bytes and all. */
START_TEST(test_date_message_quotes_text)
{
	double day = 42.0;
	ck_assert_status(cxm_date_parse(&day, "2\x12" "04-02-0230x"), CXM_EPARSE);
	assert_message_has("'2?04-02-0230x' is not a date");
	assert_message_one_line();
	ck_assert_status(cxm_date_parse(&day, "2024-01-01\nand more"), CXM_EPARSE);
	assert_message_has("'2024-01-01?and more' is not a date");
	assert_message_one_line();
	/* long text is still cut at 40 bytes */
	ck_assert_status(cxm_date_parse(&day, "2024-01-01 is a date but this text goes on and on"), CXM_OK);
	ck_assert_status(cxm_date_parse(&day, "x024-01-01 is not a date and this text goes on and on"), CXM_EPARSE);
	assert_message_has("'x024-01-01 is not a date and this text g...'");
	ck_assert(day == 19723.0);
}
END_TEST

/* fuzz_csv: a header name with a line break (quoted) went into messages as it was. */
START_TEST(test_csv_messages_quote_header_names)
{
	cxm_csv *csv = open_text("\"multi\nline\",b\nabc,1\n\"open\n", ',');
	size_t idx = 99;
	double v = 0.0;
	int has_row = -1;
	ck_assert_str_eq(cxm_csv_column_name(csv, 0), "multi\nline"); /* the name itself is data */
	ck_assert_status(cxm_csv_column_index(&idx, csv, "nope\tnope"), CXM_EBAD_ARG);
	assert_message_has("no column 'nope\\tnope'"); /* a tab reads \t */
	assert_message_has("its columns are: multi?line, b");
	assert_message_one_line();
	/* messages are UTF-8: a byte that is not is '?', a character is never cut */
	ck_assert_status(cxm_csv_column_index(&idx, csv, "caf\xe9 cr\xc3\xa8me \xe2\x82"), CXM_EBAD_ARG);
	assert_message_has("no column 'caf? cr\xc3\xa8me ?" "?'");
	ck_assert_status(cxm_csv_column_index(&idx, csv, "\xc3\xa8\xc3\xa8\xc3\xa8\xc3\xa8\xc3\xa8\xc3\xa8\xc3\xa8"
						    "\xc3\xa8\xc3\xa8\xc3\xa8\xc3\xa8\xc3\xa8\xc3\xa8\xc3\xa8"
						    "\xc3\xa8\xc3\xa8\xc3\xa8\xc3\xa8\xc3\xa8\xc3\xa8\xc3\xa8"), CXM_EBAD_ARG);
	/* 21 two-byte characters, 42 bytes: the first 20 (40 bytes) and "..." */
	assert_message_has("no column '\xc3\xa8\xc3\xa8\xc3\xa8\xc3\xa8\xc3\xa8\xc3\xa8\xc3\xa8\xc3\xa8\xc3\xa8\xc3\xa8"
			   "\xc3\xa8\xc3\xa8\xc3\xa8\xc3\xa8\xc3\xa8\xc3\xa8\xc3\xa8\xc3\xa8\xc3\xa8\xc3\xa8...'");
	next_row(csv);
	ck_assert_status(cxm_csv_field_double(&v, csv, 0), CXM_EPARSE);
	assert_message_has(":3:1 'multi?line': 'abc' is not a number");
	assert_message_one_line();
	ck_assert_status(cxm_csv_next(&has_row, csv), CXM_EPARSE);
	assert_message_has(":4: column 1 'multi?line'");
	assert_message_has("unterminated quote");
	assert_message_one_line();
	cxm_csv_free(csv);
}
END_TEST

/* fuzz_json: an unknown model name was quoted as it was. */
START_TEST(test_fit_json_message_quotes_model)
{
	static const char js[] = "{\"model\": \"sbg\\u0001x\\n\", \"params\": {\"al\\npha\": 1}}";
	cxm_clv_fit_result fit = CXM_CLV_FIT_RESULT_INIT;
	ck_assert_status(cxm_clv_fit_result_from_json(&fit, js, strlen(js)), CXM_EBAD_ARG);
	assert_message_has("fit JSON: model must be bgnbd, mbgnbd, pnbd, gg, bgbb or sbg, not 'sbg?x?'");
	assert_message_one_line();
	ck_assert_status(cxm_clv_fit_result_from_json(&fit, "{\"model\": \"bgnbd2\"}", strlen("{\"model\": \"bgnbd2\"}")),
			 CXM_EBAD_ARG);
	assert_message_has("not 'bgnbd2'");
}
END_TEST

/* ---- tables (table.h, experimental.h) ----------------------------------------------- */

/* A table of three customers, by hand: every column type, a quoted text, a
 * NaN, a repeated id, attributes of each type. */
static cxm_table *hand_table(void)
{
	static const char *const ids[] = { "a", "b,2", "a" };
	static const double freq[] = { 2, 0, 1 };
	static const double rec[] = { 213.0 / 7.0, 0, 0.1 };
	static const double first[] = { 9861, 19723, -719162 }; /* 1996-12-31, 2024-01-01, 0001-01-01 */
	double nan_col[3] = { 0.5, NAN, INFINITY };
	cxm_table *t = NULL;
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "id", ids, 3), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "frequency", freq, 3), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "recency", rec, 3), CXM_OK);
	ck_assert_status(cxm_table_add_days(t, "first", first, 3), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "x", nan_col, 3), CXM_OK);
	ck_assert_status(cxm_table_set_attr_text(t, "period", "week"), CXM_OK);
	ck_assert_status(cxm_table_set_attr_day(t, "calibration_end", 10134), CXM_OK); /* 1997-09-30 */
	ck_assert_status(cxm_table_set_attr_number(t, "dropped", 2), CXM_OK);
	ck_assert_status(cxm_table_set_attr_number(t, "missing", NAN), CXM_OK);
	ck_assert_status(cxm_table_set_row_name(t, "customers"), CXM_OK);
	return t;
}

static const char hand_csv[] =
	"id,frequency,recency,first,x\n"
	"a,2,30.428571428571427,1996-12-31,0.5\n"
	"\"b,2\",0,0,2024-01-01,\n"
	"a,1,0.1,0001-01-01,\n";

static const char hand_json[] =
	"{\n"
	"  \"period\": \"week\",\n"
	"  \"calibration_end\": \"1997-09-30\",\n"
	"  \"dropped\": 2,\n"
	"  \"missing\": null,\n"
	"  \"n_customers\": 3,\n"
	"  \"customers\": [\n"
	"    {\"id\": \"a\", \"frequency\": 2, \"recency\": 30.428571428571427, \"first\": \"1996-12-31\", \"x\": 0.5},\n"
	"    {\"id\": \"b,2\", \"frequency\": 0, \"recency\": 0, \"first\": \"2024-01-01\", \"x\": null},\n"
	"    {\"id\": \"a\", \"frequency\": 1, \"recency\": 0.1, \"first\": \"0001-01-01\", \"x\": null}\n"
	"  ]\n"
	"}\n";

START_TEST(test_table_columns)
{
	cxm_table *t = hand_table();
	const char *const *texts;
	const double *num;
	double copy[4] = { 7, 7, 7, 7 };
	uint32_t codes[3] = { 9, 9, 9 };
	size_t idx = 99;
	int type = -1;
	ck_assert_uint_eq(cxm_table_rows(t), 3);
	ck_assert_uint_eq(cxm_table_column_count(t), 5);
	ck_assert_str_eq(cxm_table_column_name(t, 0), "id");
	ck_assert_str_eq(cxm_table_column_name(t, 4), "x");
	ck_assert_ptr_null(cxm_table_column_name(t, 5));
	ck_assert_status(cxm_table_column_type(&type, t, 3), CXM_OK);
	ck_assert_int_eq(type, CXM_TABLE_DAY);
	ck_assert_status(cxm_table_column_type(&type, t, 0), CXM_OK);
	ck_assert_int_eq(type, CXM_TABLE_TEXT);
	ck_assert_status(cxm_table_column_type(&type, t, 5), CXM_EBAD_ARG);
	assert_message_has("col = 5 is out of range: the table has 5 columns");
	ck_assert_status(cxm_table_column_index(&idx, t, "recency"), CXM_OK);
	ck_assert_uint_eq(idx, 2);
	ck_assert_status(cxm_table_column_index(&idx, t, "T"), CXM_EBAD_ARG);
	assert_message_has("no column 'T' in the table; its columns are: id, frequency, recency, first, x");
	/* borrowed: the texts share one copy per distinct string */
	texts = cxm_table_texts(t, 0);
	ck_assert_ptr_nonnull(texts);
	ck_assert_str_eq(texts[0], "a");
	ck_assert_str_eq(texts[1], "b,2");
	ck_assert_ptr_eq(texts[0], texts[2]);
	ck_assert_ptr_null(cxm_table_texts(t, 1));
	ck_assert_ptr_null(cxm_table_numbers(t, 0));
	num = cxm_table_numbers(t, 3);
	ck_assert(num && num[0] == 9861 && num[2] == -719162);
	/* copies */
	ck_assert_status(cxm_table_copy_numbers(copy, 4, t, 1), CXM_OK);
	ck_assert(copy[0] == 2 && copy[1] == 0 && copy[2] == 1 && copy[3] == 7);
	ck_assert_status(cxm_table_copy_numbers(copy, 2, t, 1), CXM_EBAD_ARG);
	assert_message_has("n_out = 2 is smaller than the 3 rows");
	ck_assert_status(cxm_table_copy_numbers(copy, 3, t, 0), CXM_EBAD_ARG);
	assert_message_has("column 'id' is a text column");
	ck_assert_status(cxm_table_copy_numbers(NULL, 3, t, 1), CXM_EBAD_ARG);
	ck_assert_status(cxm_table_copy_codes(codes, 3, t, 0), CXM_OK);
	/* levels in first-seen order: "a" 0, "b,2" 1 */
	ck_assert(codes[0] == 0 && codes[1] == 1 && codes[2] == 0);
	ck_assert_uint_eq(cxm_table_level_count(t, 0), 2);
	ck_assert_str_eq(cxm_table_level(t, 0, 1), "b,2");
	ck_assert_ptr_null(cxm_table_level(t, 0, 2));
	ck_assert_uint_eq(cxm_table_level_count(t, 1), 0);
	ck_assert_status(cxm_table_copy_codes(codes, 3, t, 1), CXM_EBAD_ARG);
	assert_message_has("column 'frequency' is not a text column");
	ck_assert_status(cxm_table_copy_codes(codes, 3, t, 9), CXM_EBAD_ARG);
	cxm_table_free(t);
}
END_TEST

START_TEST(test_table_column_errors)
{
	static const double v[] = { 1, 2, 3 };
	static const char *const with_null[] = { "a", NULL };
	double days[2] = { 0, 0.5 };
	cxm_table *t = NULL;
	ck_assert_status(cxm_table_new(NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(t), 0);
	ck_assert_str_eq(cxm_table_row_name(t), "rows");
	ck_assert_status(cxm_table_add_numbers(NULL, "a", v, 3), CXM_EBAD_ARG);
	ck_assert_status(cxm_table_add_numbers(t, NULL, v, 3), CXM_EBAD_ARG);
	ck_assert_status(cxm_table_add_numbers(t, "", v, 3), CXM_EBAD_ARG);
	assert_message_has("name is empty");
	ck_assert_status(cxm_table_add_numbers(t, "a", NULL, 3), CXM_EBAD_ARG);
	assert_message_has("values is NULL");
	ck_assert_status(cxm_table_add_numbers(t, "a", v, 3), CXM_OK);
	/* the first column set the rows */
	ck_assert_status(cxm_table_add_numbers(t, "b", v, 2), CXM_EBAD_ARG);
	assert_message_has("column 'b' has 2 rows, but the table has 3");
	ck_assert_status(cxm_table_add_numbers(t, "a", v, 3), CXM_EBAD_ARG);
	assert_message_has("the table has a column 'a' already");
	ck_assert_status(cxm_table_add_texts(t, "s", with_null, 2), CXM_EBAD_ARG);
	assert_message_has("column 's' has 2 rows");
	ck_assert_status(cxm_table_add_days(t, "d", days, 2), CXM_EBAD_ARG);
	ck_assert_uint_eq(cxm_table_column_count(t), 1);
	cxm_table_free(t);

	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "s", with_null, 2), CXM_EBAD_ARG);
	assert_message_has("texts[1] is NULL");
	ck_assert_status(cxm_table_add_days(t, "d", days, 2), CXM_EBAD_ARG);
	assert_message_has("days[1] = 0.5");
	days[1] = NAN;
	ck_assert_status(cxm_table_add_days(t, "d", days, 2), CXM_ENAN);
	assert_message_has("days[1] is NaN");
	days[1] = 2932897; /* 10000-01-01 */
	ck_assert_status(cxm_table_add_days(t, "d", days, 2), CXM_EBAD_ARG);
	assert_message_has("years 0001..9999");
	/* nothing was added: the table still takes any row count */
	ck_assert_uint_eq(cxm_table_column_count(t), 0);
	ck_assert_status(cxm_table_add_numbers(t, "empty", NULL, 0), CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(t), 0);
	ck_assert_ptr_null(cxm_table_numbers(t, 0));
	cxm_table_free(t);
	cxm_table_free(NULL);
	ck_assert_uint_eq(cxm_table_rows(NULL), 0);
	ck_assert_uint_eq(cxm_table_column_count(NULL), 0);
	ck_assert_ptr_null(cxm_table_row_name(NULL));
}
END_TEST

START_TEST(test_table_attributes)
{
	cxm_table *t = hand_table();
	const char *text = NULL;
	double x = 0.0;
	int type = -1;
	ck_assert_uint_eq(cxm_table_attr_count(t), 4);
	ck_assert_str_eq(cxm_table_attr_name(t, 1), "calibration_end");
	ck_assert_ptr_null(cxm_table_attr_name(t, 4));
	ck_assert_status(cxm_table_attr_type(&type, t, 1), CXM_OK);
	ck_assert_int_eq(type, CXM_TABLE_DAY);
	ck_assert_status(cxm_table_attr_type(&type, t, 4), CXM_EBAD_ARG);
	assert_message_has("i = 4 is out of range: the table has 4 attributes");
	ck_assert_status(cxm_table_get_attr_number(&x, t, "calibration_end"), CXM_OK);
	ck_assert(x == 10134);
	ck_assert_status(cxm_table_get_attr_text(&text, t, "period"), CXM_OK);
	ck_assert_str_eq(text, "week");
	ck_assert_status(cxm_table_get_attr_number(&x, t, "period"), CXM_EBAD_ARG);
	assert_message_has("attribute 'period' is a text, not a number");
	ck_assert_status(cxm_table_get_attr_text(&text, t, "dropped"), CXM_EBAD_ARG);
	assert_message_has("attribute 'dropped' is not a text");
	ck_assert_status(cxm_table_get_attr_number(&x, t, "holdout"), CXM_EBAD_ARG);
	assert_message_has("no attribute 'holdout'; its attributes are: period, calibration_end, dropped, missing");
	/* setting a name again replaces the value (and the type) in place */
	ck_assert_status(cxm_table_set_attr_number(t, "period", 7), CXM_OK);
	ck_assert_uint_eq(cxm_table_attr_count(t), 4);
	ck_assert_str_eq(cxm_table_attr_name(t, 0), "period");
	ck_assert_status(cxm_table_get_attr_number(&x, t, "period"), CXM_OK);
	ck_assert(x == 7);
	ck_assert_status(cxm_table_set_attr_day(t, "calibration_end", 0.5), CXM_EBAD_ARG);
	ck_assert_status(cxm_table_set_attr_text(t, "", "x"), CXM_EBAD_ARG);
	ck_assert_status(cxm_table_set_attr_text(t, "x", NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_table_set_row_name(t, ""), CXM_EBAD_ARG);
	ck_assert_str_eq(cxm_table_row_name(t), "customers");
	ck_assert_uint_eq(cxm_table_attr_count(NULL), 0);
	cxm_table_free(t);
}
END_TEST

START_TEST(test_table_render)
{
	cxm_table *t = hand_table(), *one = NULL;
	static const char *const empty[] = { "", "x" };
	char *text = NULL;
	ck_assert_status(cxm_table_render(&text, t, CXM_FORMAT_CSV), CXM_OK);
	ck_assert_str_eq(text, hand_csv);
	cxm_free(text);
	ck_assert_status(cxm_table_render(&text, t, CXM_FORMAT_JSON), CXM_OK);
	ck_assert_str_eq(text, hand_json);
	cxm_free(text);
	ck_assert_status(cxm_table_render(&text, t, CXM_FORMAT_TEXT), CXM_EBAD_ARG);
	assert_message_has("format is text; a table is written as csv or json");
	ck_assert_ptr_null(text);
	ck_assert_status(cxm_table_render(&text, t, 7), CXM_EBAD_ARG);
	/* an attribute with the JSON key of the rows or their count */
	ck_assert_status(cxm_table_set_attr_number(t, "n_customers", 1), CXM_OK);
	ck_assert_status(cxm_table_render(&text, t, CXM_FORMAT_JSON), CXM_EBAD_ARG);
	assert_message_has("the attribute 'n_customers' has the JSON key of the row count");
	ck_assert_status(cxm_table_render(&text, t, CXM_FORMAT_CSV), CXM_OK); /* CSV has no attributes */
	cxm_free(text);
	cxm_table_free(t);
	/* a lone column: an empty text is "", so that the line is not blank */
	ck_assert_status(cxm_table_new(&one), CXM_OK);
	ck_assert_status(cxm_table_render(&text, one, CXM_FORMAT_CSV), CXM_OK);
	ck_assert_str_eq(text, "");
	cxm_free(text);
	ck_assert_status(cxm_table_render(&text, one, CXM_FORMAT_JSON), CXM_OK);
	ck_assert_str_eq(text, "{\n  \"n_rows\": 0,\n  \"rows\": []\n}\n");
	cxm_free(text);
	ck_assert_status(cxm_table_add_texts(one, "name \"q\"", empty, 2), CXM_OK);
	ck_assert_status(cxm_table_render(&text, one, CXM_FORMAT_CSV), CXM_OK);
	ck_assert_str_eq(text, "\"name \"\"q\"\"\"\n\"\"\nx\n");
	cxm_free(text);
	ck_assert_status(cxm_table_render(&text, one, CXM_FORMAT_JSON), CXM_OK);
	ck_assert_str_eq(text, "{\n  \"n_rows\": 2,\n  \"rows\": [\n    {\"name \\\"q\\\"\": \"\"},\n"
			       "    {\"name \\\"q\\\"\": \"x\"}\n  ]\n}\n");
	cxm_free(text);
	cxm_table_free(one);
	/* a text that starts with a byte-order mark is quoted: a reader skips
	 * one at the start of a file */
	ck_assert_status(cxm_table_new(&one), CXM_OK);
	ck_assert_status(cxm_table_add_texts(one, "\xEF\xBB\xBFname", empty, 2), CXM_OK);
	ck_assert_status(cxm_table_render(&text, one, CXM_FORMAT_CSV), CXM_OK);
	ck_assert_str_eq(text, "\"\xEF\xBB\xBFname\"\n\"\"\nx\n");
	cxm_free(text);
	ck_assert_status(cxm_table_render(NULL, one, CXM_FORMAT_CSV), CXM_EBAD_ARG);
	ck_assert_status(cxm_table_render(&text, NULL, CXM_FORMAT_CSV), CXM_EBAD_ARG);
	cxm_table_free(one);
}
END_TEST

/* The whole of a file. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *text;
	long size;
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	size = ftell(f);
	ck_assert_int_ge(size, 0);
	rewind(f);
	text = malloc((size_t)size + 1);
	ck_assert_ptr_nonnull(text);
	ck_assert_uint_eq(fread(text, 1, (size_t)size, f), (size_t)size);
	text[size] = '\0';
	fclose(f);
	*len = (size_t)size;
	return text;
}

/* 20000 rows, several of the 64 KiB chunks a stream gets: the same text as
 * cxm_table_render, in both formats. */
START_TEST(test_table_write_stream)
{
	enum { N = 20000 };
	static double v[N];
	char path[TMP_PATH_SIZE], *rendered = NULL, *written;
	cxm_table *t = NULL;
	size_t i, len;
	int format;
	FILE *f;
	for (i = 0; i < N; i++)
		v[i] = (double)i / 7.0;
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "v", v, N), CXM_OK);
	ck_assert_status(cxm_table_add_days(t, "d", v, N / 2), CXM_EBAD_ARG);
	for (format = CXM_FORMAT_JSON; format <= CXM_FORMAT_CSV; format++) {
		f = open_tmp(path);
		ck_assert_status(cxm_table_write(f, t, format), CXM_OK);
		ck_assert_int_eq(fclose(f), 0);
		written = slurp(path, &len);
		remove(path);
		ck_assert_status(cxm_table_render(&rendered, t, format), CXM_OK);
		ck_assert_uint_gt(len, 200000);
		ck_assert_uint_eq(len, strlen(rendered));
		ck_assert(memcmp(written, rendered, len) == 0);
		cxm_free(rendered);
		free(written);
	}
	/* a stream that cannot be written */
	f = fopen("/dev/null", "rb");
	ck_assert_ptr_nonnull(f);
	ck_assert_status(cxm_table_write(f, t, CXM_FORMAT_CSV), CXM_EIO);
	assert_message_has("cannot write the table");
	fclose(f);
	ck_assert_status(cxm_table_write(NULL, t, CXM_FORMAT_CSV), CXM_EBAD_ARG);
	cxm_table_free(t);
}
END_TEST

/* ---- reading CSV into a table (experimental.h) ---- */

static cxm_csv_spec *summary_spec(void)
{
	cxm_csv_spec *spec = NULL;
	ck_assert_status(cxm_csv_spec_new(&spec), CXM_OK);
	ck_assert_status(cxm_csv_spec_add_column(spec, "customer", CXM_TABLE_TEXT, CXM_CSV_REQUIRED | CXM_CSV_NOT_EMPTY),
			 CXM_OK);
	ck_assert_status(cxm_csv_spec_add_column(spec, "date", CXM_TABLE_DAY, CXM_CSV_REQUIRED), CXM_OK);
	ck_assert_status(cxm_csv_spec_add_column(spec, "amount", CXM_TABLE_NUMBER, CXM_CSV_REQUIRED), CXM_OK);
	ck_assert_status(cxm_csv_spec_add_column(spec, "note", CXM_TABLE_TEXT, 0), CXM_OK);
	return spec;
}

/* Read `text` as a file with `spec`: the status, the table (or NULL). */
static int read_text(cxm_table **t, const char *text, const cxm_csv_spec *spec)
{
	char path[TMP_PATH_SIZE];
	int rc;
	write_tmp_str(path, text);
	*t = (cxm_table *)1;
	rc = cxm_table_read_csv(t, path, spec);
	if (rc < 0)
		ck_assert_ptr_null(*t);
	remove(path);
	return rc;
}

START_TEST(test_table_read_csv)
{
	cxm_csv_spec *spec = summary_spec();
	cxm_table *t = NULL;
	const double *d, *a;
	const char *const *c;
	char *text = NULL;
	/* columns in spec order, whatever the file's; "extra" is not read; the
	 * date forms of cxm_date_parse; a quoted id with a comma */
	ck_assert_status(read_text(&t, "amount,extra,date,customer\n"
				       "10.5,x,1997-01-01,0001\n"
				       " 4 ,y,19970118,\"b,2\"\n"
				       "-3,z,1997-08-02 13:45,0001\n", spec),
			 CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(t), 3);
	ck_assert_uint_eq(cxm_table_column_count(t), 3); /* no "note" in the file: optional */
	ck_assert_str_eq(cxm_table_column_name(t, 0), "customer");
	ck_assert_str_eq(cxm_table_column_name(t, 2), "amount");
	c = cxm_table_texts(t, 0);
	d = cxm_table_numbers(t, 1);
	a = cxm_table_numbers(t, 2);
	ck_assert_str_eq(c[0], "0001");
	ck_assert_str_eq(c[1], "b,2");
	ck_assert_ptr_eq(c[0], c[2]);
	/* days of 1997-01-01, 1997-01-18, 1997-08-02 (Python's datetime) */
	ck_assert(d[0] == 9862 && d[1] == 9879 && d[2] == 10075);
	ck_assert(a[0] == 10.5 && a[1] == 4 && a[2] == -3);
	ck_assert_status(cxm_table_render(&text, t, CXM_FORMAT_CSV), CXM_OK);
	ck_assert_str_eq(text, "customer,date,amount\n0001,1997-01-01,10.5\n\"b,2\",1997-01-18,4\n"
			       "0001,1997-08-02,-3\n");
	cxm_free(text);
	cxm_table_free(t);
	/* a header only: a table of 0 rows */
	ck_assert_status(read_text(&t, "customer,date,amount,note\n", spec), CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(t), 0);
	ck_assert_uint_eq(cxm_table_column_count(t), 4);
	cxm_table_free(t);
	/* no spec: every column as text, in file order; semicolons */
	ck_assert_status(read_text(&t, "a,b\n1,\n", NULL), CXM_OK);
	ck_assert_uint_eq(cxm_table_column_count(t), 2);
	ck_assert_str_eq(cxm_table_texts(t, 0)[0], "1");
	ck_assert_str_eq(cxm_table_texts(t, 1)[0], "");
	cxm_table_free(t);
	ck_assert_status(cxm_csv_spec_set_delimiter(spec, ';'), CXM_OK);
	ck_assert_status(read_text(&t, "customer;date;amount\nx;2024-01-01;1,5\n", spec), CXM_EPARSE);
	assert_message_has(":2:3 'amount': '1,5' is not a number");
	ck_assert_status(read_text(&t, "customer;date;amount\nx;2024-01-01;1.5\n", spec), CXM_OK);
	cxm_table_free(t);
	cxm_csv_spec_free(spec);
}
END_TEST

START_TEST(test_table_read_csv_errors)
{
	cxm_csv_spec *spec = summary_spec();
	cxm_table *t = NULL;
	ck_assert_status(read_text(&t, "customer,date\nx,2024-01-01\n", spec), CXM_EBAD_ARG);
	assert_message_has("no column 'amount' in ");
	assert_message_has("its columns are: customer, date");
	ck_assert_status(read_text(&t, "customer,date,amount\nx,2024-01-01,1\ny,2024-02-30,2\n", spec), CXM_EPARSE);
	assert_message_has(":3:2 'date': '2024-02-30' is not a date: day 30 is not in 01..29 for 2024-02");
	ck_assert_status(read_text(&t, "customer,date,amount\nx,,1\n", spec), CXM_EPARSE);
	assert_message_has(":2:2 'date': the field is empty; a date is needed");
	ck_assert_status(read_text(&t, "customer,date,amount\nx,2024-01-01,1\n,2024-01-02,1\n", spec), CXM_EPARSE);
	assert_message_has(":3:1 'customer': the field is empty; a value is needed");
	/* an empty text is a value where CXM_CSV_NOT_EMPTY is not asked for */
	ck_assert_status(read_text(&t, "customer,date,amount,note\nx,2024-01-01,1,\n", spec), CXM_OK);
	ck_assert_str_eq(cxm_table_texts(t, 3)[0], "");
	cxm_table_free(t);
	ck_assert_status(read_text(&t, "customer,date,amount\nx,2024-01-01, \t\n", spec), CXM_EPARSE);
	assert_message_has(":2:3 'amount': the field is empty; a number is needed");
	ck_assert_status(read_text(&t, "customer,date,amount\nx,2024-01-01,abc\n", spec), CXM_EPARSE);
	assert_message_has(":2:3 'amount': 'abc' is not a number");
	ck_assert_status(read_text(&t, "customer,date,amount\nx,2024-01-01,1,2\n", spec), CXM_EPARSE);
	assert_message_has(":2: 4 fields, but the header has 3 columns");
	ck_assert_status(read_text(&t, "", spec), CXM_EEMPTY);
	/* without a spec, the header names the columns */
	ck_assert_status(read_text(&t, "a,b,a\n1,2,3\n", NULL), CXM_EPARSE);
	assert_message_has(":1: columns 1 and 3 are both named 'a'");
	ck_assert_status(read_text(&t, "a,,b\n1,2,3\n", NULL), CXM_EPARSE);
	assert_message_has(": column 2 of the header has no name");
	/* with one, only the columns it names; a repeated name is refused all the
	 * same (which of the two would it be?), empty names are not names */
	ck_assert_status(read_text(&t, "customer,,date,amount,\nx,,2024-01-01,1,y\n", spec), CXM_OK);
	ck_assert_str_eq(cxm_table_texts(t, 0)[0], "x");
	cxm_table_free(t);
	ck_assert_status(read_text(&t, "customer,,date,amount,customer\nx,,2024-01-01,1,y\n", spec), CXM_EPARSE);
	assert_message_has(":1: columns 1 and 5 are both named 'customer'");
	{
		/* NUL bytes: in a text (or a date) they would cut the string short */
		static const char nul[] = "customer,date,amount\nx\0y,2024-01-01,1\n";
		char path[TMP_PATH_SIZE];
		write_tmp(path, nul, sizeof nul - 1);
		t = (cxm_table *)1;
		ck_assert_status(cxm_table_read_csv(&t, path, spec), CXM_EPARSE);
		assert_message_has(":2:1 'customer': the field holds a NUL byte");
		ck_assert_ptr_null(t);
		remove(path);
	}
	ck_assert_status(cxm_table_read_csv(&t, "/nonexistent/x.csv", spec), CXM_EIO);
	assert_message_has("/nonexistent/x.csv");
	ck_assert_status(cxm_table_read_csv(NULL, "x", spec), CXM_EBAD_ARG);
	ck_assert_status(cxm_table_read_csv(&t, NULL, spec), CXM_EBAD_ARG);
	/* the spec */
	ck_assert_status(cxm_csv_spec_add_column(spec, "date", CXM_TABLE_TEXT, 1), CXM_EBAD_ARG);
	assert_message_has("the spec has a column 'date' already");
	ck_assert_status(cxm_csv_spec_add_column(spec, "", CXM_TABLE_TEXT, 1), CXM_EBAD_ARG);
	ck_assert_status(cxm_csv_spec_add_column(spec, "y", 3, 1), CXM_EBAD_ARG);
	assert_message_has("type is 3");
	ck_assert_status(cxm_csv_spec_add_column(spec, "y", CXM_TABLE_TEXT, 4), CXM_EBAD_ARG);
	assert_message_has("flags is 4");
	ck_assert_status(cxm_csv_spec_set_delimiter(spec, '"'), CXM_EBAD_ARG);
	assert_message_has("the delimiter cannot be");
	ck_assert_status(cxm_csv_spec_set_delimiter(NULL, ','), CXM_EBAD_ARG);
	ck_assert_status(cxm_csv_spec_new(NULL), CXM_EBAD_ARG);
	cxm_csv_spec_free(spec);
	cxm_csv_spec_free(NULL);
}
END_TEST

/* CSV out, CSV in: the same table, value for value (days and numbers that
 * need 17 digits too). */
START_TEST(test_table_csv_round_trip)
{
	char path[TMP_PATH_SIZE], *text = NULL, *again = NULL;
	cxm_table *t = hand_table(), *back = NULL;
	cxm_csv_spec *spec = NULL;
	size_t i;
	ck_assert_status(cxm_table_render(&text, t, CXM_FORMAT_CSV), CXM_OK);
	write_tmp_str(path, text);
	ck_assert_status(cxm_csv_spec_new(&spec), CXM_OK);
	ck_assert_status(cxm_csv_spec_add_column(spec, "id", CXM_TABLE_TEXT, CXM_CSV_REQUIRED), CXM_OK);
	ck_assert_status(cxm_csv_spec_add_column(spec, "frequency", CXM_TABLE_NUMBER, CXM_CSV_REQUIRED), CXM_OK);
	ck_assert_status(cxm_csv_spec_add_column(spec, "recency", CXM_TABLE_NUMBER, CXM_CSV_REQUIRED), CXM_OK);
	ck_assert_status(cxm_csv_spec_add_column(spec, "first", CXM_TABLE_DAY, CXM_CSV_REQUIRED), CXM_OK);
	ck_assert_status(cxm_table_read_csv(&back, path, spec), CXM_OK);
	remove(path);
	for (i = 1; i < 4; i++) {
		const double *a = cxm_table_numbers(t, i), *b = cxm_table_numbers(back, i);
		ck_assert(a[0] == b[0] && a[1] == b[1] && a[2] == b[2]);
	}
	ck_assert_str_eq(cxm_table_texts(back, 0)[1], "b,2");
	ck_assert_status(cxm_table_render(&again, back, CXM_FORMAT_CSV), CXM_OK);
	ck_assert_str_eq(again, "id,frequency,recency,first\na,2,30.428571428571427,1996-12-31\n"
				"\"b,2\",0,0,2024-01-01\na,1,0.1,0001-01-01\n");
	cxm_free(text);
	cxm_free(again);
	cxm_csv_spec_free(spec);
	cxm_table_free(t);
	cxm_table_free(back);
}
END_TEST

/* Every allocation of building, rendering and writing a table can fail:
 * NOMEM, nothing leaked, and the table as it was before the call. */
START_TEST(test_table_oom)
{
	long k;
	for (k = 0;; k++) {
		static const char *const ids[] = { "a", "b", "a" };
		static const double v[] = { 1, 2, 3 };
		cxm_table *t = NULL;
		char *text = NULL;
		int rc;
		oom_arm(k);
		rc = cxm_table_new(&t);
		if (rc == CXM_OK && (rc = cxm_table_add_texts(t, "id", ids, 3)) == CXM_OK &&
		    (rc = cxm_table_add_numbers(t, "v", v, 3)) == CXM_OK && (rc = cxm_table_add_days(t, "d", v, 3)) == CXM_OK &&
		    (rc = cxm_table_set_attr_text(t, "period", "day")) == CXM_OK &&
		    (rc = cxm_table_set_attr_number(t, "n", 3)) == CXM_OK &&
		    (rc = cxm_table_set_row_name(t, "customers")) == CXM_OK)
			rc = cxm_table_render(&text, t, CXM_FORMAT_JSON);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			ck_assert_ptr_nonnull(strstr(text, "{\"id\": \"b\", \"v\": 2, \"d\": \"1970-01-03\"}"));
			cxm_free(text);
			cxm_table_free(t);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		ck_assert_ptr_null(text);
		if (t)
			ck_assert_uint_le(cxm_table_column_count(t), 3);
		cxm_table_free(t);
		oom_assert_no_leak(k);
	}
	oom_disarm();
	ck_assert_int_ge(k, 10);
}
END_TEST

START_TEST(test_table_read_csv_oom)
{
	char path[TMP_PATH_SIZE];
	cxm_csv_spec *spec = NULL;
	long k;
	write_tmp_str(path, "customer,date,amount\n0001,1997-01-01,10.5\n0002,19970118,4\n0001,1997-08-02,-3\n");
	for (k = 0;; k++) {
		cxm_table *t = (cxm_table *)1;
		int rc;
		oom_arm(k);
		rc = cxm_csv_spec_new(&spec);
		if (rc == CXM_OK &&
		    (rc = cxm_csv_spec_add_column(spec, "customer", CXM_TABLE_TEXT, CXM_CSV_REQUIRED)) == CXM_OK &&
		    (rc = cxm_csv_spec_add_column(spec, "date", CXM_TABLE_DAY, CXM_CSV_REQUIRED)) == CXM_OK &&
		    (rc = cxm_csv_spec_add_column(spec, "amount", CXM_TABLE_NUMBER, CXM_CSV_REQUIRED)) == CXM_OK)
			rc = cxm_table_read_csv(&t, path, spec);
		cxm_csv_spec_free(spec);
		spec = NULL;
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			ck_assert_uint_eq(cxm_table_rows(t), 3);
			ck_assert_uint_eq(cxm_table_level_count(t, 0), 2);
			cxm_table_free(t);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		if (t != (cxm_table *)1)
			ck_assert_ptr_null(t);
		oom_assert_no_leak(k);
	}
	oom_disarm();
	ck_assert_int_ge(k, 10);
	remove(path);
}
END_TEST

/* Number inference (cxm_csv_spec_set_infer_numbers): the types and values
 * below are what the rule says field by field, worked by hand. */
START_TEST(test_table_read_csv_infer)
{
	cxm_csv_spec *spec = NULL;
	cxm_table *t = NULL;
	const double *x;
	int type = -1;
	ck_assert_status(cxm_csv_spec_new(&spec), CXM_OK);
	ck_assert_status(cxm_csv_spec_set_infer_numbers(spec, 1), CXM_OK);
	/* num: numbers with a blank field (NaN); id: leading zeros read as numbers;
	 * city: text; mixed: one word makes the column text; empty: no field has a
	 * value, text; hexa: "0x10" is not taken; inf / nan: words, text */
	ck_assert_status(read_text(&t, "num,id,city,mixed,empty,hexa,inf,nan\n"
				       " 1.5 ,007,Lyon,1,,0x10,inf,nan\n"
				       ",8,Paris,x,,1,1,1\n"
				       "-2e3,9,Lyon,3,,2,2,2\n", spec),
			 CXM_OK);
	ck_assert_uint_eq(cxm_table_column_count(t), 8);
	ck_assert_status(cxm_table_column_type(&type, t, 0), CXM_OK);
	ck_assert_int_eq(type, CXM_TABLE_NUMBER);
	x = cxm_table_numbers(t, 0);
	ck_assert(x[0] == 1.5 && isnan(x[1]) && x[2] == -2000);
	ck_assert_status(cxm_table_column_type(&type, t, 1), CXM_OK);
	ck_assert_int_eq(type, CXM_TABLE_NUMBER);
	x = cxm_table_numbers(t, 1);
	ck_assert(x[0] == 7 && x[1] == 8 && x[2] == 9);
	{
		size_t c;
		for (c = 2; c < 8; c++) {
			ck_assert_status(cxm_table_column_type(&type, t, c), CXM_OK);
			ck_assert_msg(type == CXM_TABLE_TEXT, "column %zu", c);
		}
	}
	ck_assert_str_eq(cxm_table_texts(t, 2)[1], "Paris");
	ck_assert_str_eq(cxm_table_texts(t, 3)[1], "x");
	ck_assert_str_eq(cxm_table_texts(t, 5)[0], "0x10");
	ck_assert_uint_eq(cxm_table_level_count(t, 2), 2);
	cxm_table_free(t);
	/* a header only: every column stays text */
	ck_assert_status(read_text(&t, "a,b\n", spec), CXM_OK);
	ck_assert_status(cxm_table_column_type(&type, t, 0), CXM_OK);
	ck_assert_int_eq(type, CXM_TABLE_TEXT);
	cxm_table_free(t);
	/* off again: text */
	ck_assert_status(cxm_csv_spec_set_infer_numbers(spec, 0), CXM_OK);
	ck_assert_status(read_text(&t, "a\n1\n", spec), CXM_OK);
	ck_assert_status(cxm_table_column_type(&type, t, 0), CXM_OK);
	ck_assert_int_eq(type, CXM_TABLE_TEXT);
	cxm_table_free(t);
	/* a spec with columns reads their types, inference or not */
	ck_assert_status(cxm_csv_spec_set_infer_numbers(spec, 1), CXM_OK);
	ck_assert_status(cxm_csv_spec_add_column(spec, "a", CXM_TABLE_TEXT, CXM_CSV_REQUIRED), CXM_OK);
	ck_assert_status(read_text(&t, "a\n1\n", spec), CXM_OK);
	ck_assert_status(cxm_table_column_type(&type, t, 0), CXM_OK);
	ck_assert_int_eq(type, CXM_TABLE_TEXT);
	cxm_table_free(t);
	ck_assert_status(cxm_csv_spec_set_infer_numbers(NULL, 1), CXM_EBAD_ARG);
	ck_assert_status(cxm_csv_spec_set_infer_numbers(spec, 2), CXM_EBAD_ARG);
	assert_message_has("on is 2");
	cxm_csv_spec_free(spec);
}
END_TEST

START_TEST(test_table_read_csv_infer_oom)
{
	char path[TMP_PATH_SIZE];
	cxm_csv_spec *spec = NULL;
	long k;
	write_tmp_str(path, "id,x,city\n1,1.5,Lyon\n2,,Paris\n3,2,Lyon\n");
	for (k = 0;; k++) {
		cxm_table *t = (cxm_table *)1;
		int rc;
		oom_arm(k);
		rc = cxm_csv_spec_new(&spec);
		if (rc == CXM_OK && (rc = cxm_csv_spec_set_infer_numbers(spec, 1)) == CXM_OK)
			rc = cxm_table_read_csv(&t, path, spec);
		cxm_csv_spec_free(spec);
		spec = NULL;
		if (!oom_failed()) {
			int type = -1;
			ck_assert_status(rc, CXM_OK);
			ck_assert_status(cxm_table_column_type(&type, t, 1), CXM_OK);
			ck_assert_int_eq(type, CXM_TABLE_NUMBER);
			cxm_table_free(t);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		if (t != (cxm_table *)1)
			ck_assert_ptr_null(t);
		oom_assert_no_leak(k);
	}
	oom_disarm();
	ck_assert_int_ge(k, 10);
	remove(path);
}
END_TEST

/* ---- out of memory ---------------------------------------------------------------- */

/* 40 header columns (the offset array grows while the header is read) and a
 * 5000-byte field (the record buffer grows while a record is read). */
static void write_growing_csv(char *path)
{
	char text[8192];
	size_t used = 0, i;
	for (i = 0; i < 40; i++)
		used += (size_t)snprintf(text + used, sizeof text - used, "%scol%zu", i ? "," : "", i);
	text[used++] = '\n';
	for (i = 0; i < 40; i++)
		used += (size_t)snprintf(text + used, sizeof text - used, "%s%zu", i ? "," : "", i);
	text[used++] = '\n';
	for (i = 0; i < 39; i++)
		text[used++] = ',';
	for (i = 0; i < 5000; i++)
		text[used++] = 'x';
	text[used++] = '\n';
	write_tmp(path, text, used);
}

START_TEST(test_csv_out_of_memory)
{
	char path[TMP_PATH_SIZE];
	long k;
	write_growing_csv(path);
	for (k = 0;; k++) {
		cxm_csv *csv = (cxm_csv *)1;
		int rc, has_row = 0, rows = 0;
		oom_arm(k);
		rc = cxm_csv_open(&csv, path, ',');
		while (rc == CXM_OK && (rc = cxm_csv_next(&has_row, csv)) == CXM_OK && has_row)
			rows++;
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			ck_assert_int_eq(rows, 2);
			cxm_csv_free(csv);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		if (csv != (cxm_csv *)1)
			cxm_csv_free(csv); /* NULL after a failed open, the reader after a failed next */
		oom_assert_no_leak(k);
	}
	ck_assert_int_ge(k, 6); /* struct, path, input, record, offsets, header growth, ... */
	oom_disarm();
	remove(path);
}
END_TEST

static Suite *io_suite(void)
{
	Suite *s = suite_create("io");
	TCase *dates = tcase_create("dates");
	TCase *csv = tcase_create("csv");
	TCase *bad = tcase_create("malformed");
	TCase *oom = tcase_create("oom");
	TCase *table = tcase_create("table");
	tcase_add_test(dates, test_date_known_days);
	tcase_add_test(dates, test_date_invalid);
	tcase_add_test(dates, test_date_format);
	tcase_add_test(csv, test_csv_basic);
	tcase_add_test(csv, test_csv_close);
	tcase_add_test(csv, test_csv_quoting);
	tcase_add_test(csv, test_csv_line_ends_and_blank_lines);
	tcase_add_test(csv, test_csv_bom_and_delimiters);
	tcase_add_test(csv, test_csv_header_only_and_quoted_header);
	tcase_add_test(csv, test_csv_field_double);
	tcase_add_test(csv, test_csv_field_double_grammar);
	tcase_add_test(csv, test_parse_number);
	tcase_add_test(csv, test_csv_unknown_column);
	tcase_add_test(csv, test_csv_buffer_boundaries);
	tcase_add_test(csv, test_csv_long_field);
	tcase_add_test(bad, test_csv_unterminated_quote);
	tcase_add_test(bad, test_csv_text_after_closing_quote);
	tcase_add_test(bad, test_csv_wrong_field_count);
	tcase_add_test(bad, test_csv_empty_files);
	tcase_add_test(bad, test_csv_open_errors);
	tcase_add_test(bad, test_date_message_quotes_text);
	tcase_add_test(bad, test_csv_messages_quote_header_names);
	tcase_add_test(bad, test_fit_json_message_quotes_model);
	tcase_add_test(oom, test_csv_out_of_memory);
	tcase_add_test(table, test_table_columns);
	tcase_add_test(table, test_table_column_errors);
	tcase_add_test(table, test_table_attributes);
	tcase_add_test(table, test_table_render);
	tcase_add_test(table, test_table_write_stream);
	tcase_add_test(table, test_table_read_csv);
	tcase_add_test(table, test_table_read_csv_errors);
	tcase_add_test(table, test_table_csv_round_trip);
	tcase_add_test(table, test_table_read_csv_infer);
	tcase_add_test(oom, test_table_oom);
	tcase_add_test(oom, test_table_read_csv_oom);
	tcase_add_test(oom, test_table_read_csv_infer_oom);
	tcase_set_timeout(table, 60);
	tcase_set_timeout(csv, 60);
	suite_add_tcase(s, dates);
	suite_add_tcase(s, csv);
	suite_add_tcase(s, bad);
	suite_add_tcase(s, table);
	suite_add_tcase(s, oom);
	return s;
}

CXM_TEST_MAIN(io_suite)
