/*
 * tests/unit/test_io.c - check suite for lib/io: ISO dates, the streaming CSV
 * reader (well-formed and malformed input, read-buffer boundaries), and an
 * out-of-memory loop through the allocator hook.
 *
 * Expected day numbers come from Python's datetime (date.fromisoformat(s) -
 * date(1970, 1, 1)).days; expected fields are the values each test wrote.
 */
#define _POSIX_C_SOURCE 200809L /* mkstemp and fdopen, in tmpfile.h */
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
	ck_assert_status(cxm_csv_next(csv, &has_row), CXM_OK);
	ck_assert_int_eq(has_row, 1);
}

static void next_eof(cxm_csv *csv)
{
	int has_row = -1;
	ck_assert_status(cxm_csv_next(csv, &has_row), CXM_OK);
	ck_assert_int_eq(has_row, 0);
}

static void field_is(const cxm_csv *csv, size_t col, const char *expected)
{
	size_t len = 12345;
	const char *f = cxm_csv_field(csv, col, &len);
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
	ck_assert_ptr_null(cxm_csv_field(csv, 0, NULL)); /* no record yet */
	ck_assert_ptr_nonnull(strstr(cxm_csv_path(csv), "cxm_test_io_"));
	next_row(csv);
	ck_assert_uint_eq(cxm_csv_line(csv), 2);
	field_is(csv, 0, "1");
	field_is(csv, 1, "ann");
	field_is(csv, 2, "9");
	ck_assert_ptr_null(cxm_csv_field(csv, 3, NULL));
	next_row(csv);
	ck_assert_uint_eq(cxm_csv_line(csv), 3);
	field_is(csv, 1, "bob");
	field_is(csv, 2, "");
	next_eof(csv);
	next_eof(csv); /* stays at the end */
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
	ck_assert_status(cxm_csv_next(csv, &has_row), CXM_EPARSE);
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
	ck_assert_status(cxm_csv_next(csv, &has_row), CXM_EPARSE);
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
	ck_assert_status(cxm_csv_next(csv, &has_row), CXM_EPARSE);
	assert_message_has(":3: 2 fields, but the header has 3 columns");
	cxm_csv_free(csv);

	csv = open_text("a,b\n1,2,3\n", ',');
	ck_assert_status(cxm_csv_next(csv, &has_row), CXM_EPARSE);
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
	ck_assert_status(cxm_csv_next(NULL, &(int){ 0 }), CXM_EBAD_ARG);
	/* the NULL-tolerant accessors */
	ck_assert_uint_eq(cxm_csv_column_count(NULL), 0);
	ck_assert_ptr_null(cxm_csv_column_name(NULL, 0));
	ck_assert_ptr_null(cxm_csv_field(NULL, 0, NULL));
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
	f = cxm_csv_field(csv, 1, &len);
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
	assert_message_has("no column 'nope?nope'");
	assert_message_has("its columns are: multi?line, b");
	assert_message_one_line();
	next_row(csv);
	ck_assert_status(cxm_csv_field_double(&v, csv, 0), CXM_EPARSE);
	assert_message_has(":3:1 'multi?line': 'abc' is not a number");
	assert_message_one_line();
	ck_assert_status(cxm_csv_next(csv, &has_row), CXM_EPARSE);
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
	assert_message_has("fit JSON: unknown model 'sbg?x?'; use bgnbd, mbgnbd, pnbd, gg, bgbb or sbg");
	assert_message_one_line();
	ck_assert_status(cxm_clv_fit_result_from_json(&fit, "{\"model\": \"bgnbd2\"}", strlen("{\"model\": \"bgnbd2\"}")),
			 CXM_EBAD_ARG);
	assert_message_has("unknown model 'bgnbd2'");
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
		while (rc == CXM_OK && (rc = cxm_csv_next(csv, &has_row)) == CXM_OK && has_row)
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
	tcase_add_test(dates, test_date_known_days);
	tcase_add_test(dates, test_date_invalid);
	tcase_add_test(dates, test_date_format);
	tcase_add_test(csv, test_csv_basic);
	tcase_add_test(csv, test_csv_quoting);
	tcase_add_test(csv, test_csv_line_ends_and_blank_lines);
	tcase_add_test(csv, test_csv_bom_and_delimiters);
	tcase_add_test(csv, test_csv_header_only_and_quoted_header);
	tcase_add_test(csv, test_csv_field_double);
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
	tcase_set_timeout(csv, 60);
	suite_add_tcase(s, dates);
	suite_add_tcase(s, csv);
	suite_add_tcase(s, bad);
	suite_add_tcase(s, oom);
	return s;
}

CXM_TEST_MAIN(io_suite)
