/*
 * tests/unit/test_io_reader.c - check suite for the files that are not what
 * they seem (spec §0.11): gzip files, standard input, UTF-16/32 byte-order
 * marks, invalid UTF-8, a header naming a column twice, the delimiter hint.
 *
 * The gzip files are written here with zlib's gzwrite (deflate, the other
 * half of zlib from the reader's inflate), so the expected fields are the
 * text the test compressed; damaged ones are those files cut or altered.
 */
#define _POSIX_C_SOURCE 200809L /* mkstemp and fdopen, in tmpfile.h */
#define CXM_EXPERIMENTAL        /* cxm_table_read_csv */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "harness.h"
#include "oom.h"
#define TMP_PREFIX "cxm_test_io_reader_"
#include "tmpfile.h"

/* ---- helpers ------------------------------------------------------------- */

/* `text` gzip-compressed into a new temporary file (`members` gzip members,
 * the text split between them, as `cat a.gz b.gz` makes). */
static void write_gz(char *path, const char *text, size_t len, int members)
{
	size_t done = 0;
	int m;
	FILE *f = open_tmp(path);
	ck_assert_int_eq(fclose(f), 0);
	for (m = 0; m < members; m++) {
		size_t part = m + 1 == members ? len - done : len / (size_t)members;
		gzFile gz = gzopen(path, m == 0 ? "wb" : "ab");
		ck_assert_ptr_nonnull(gz);
		if (part)
			ck_assert_int_eq(gzwrite(gz, text + done, (unsigned)part), (int)part);
		ck_assert_int_eq(gzclose(gz), Z_OK);
		done += part;
	}
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;
	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* A CSV of `rows` rows "id,name,amount" (row i: i, "name i", i * 0.5), larger than the read buffer. */
static char *make_csv(size_t rows, size_t *len)
{
	size_t cap = 64 + rows * 40, used, i;
	char *text = malloc(cap);
	ck_assert_ptr_nonnull(text);
	used = (size_t)snprintf(text, cap, "id,name,amount\n");
	for (i = 0; i < rows; i++)
		used += (size_t)snprintf(text + used, cap - used, "%zu,\"name %zu\",%g\n", i, i, (double)i * 0.5);
	*len = used;
	return text;
}

/* Read every row of the file; each must be make_csv's. Returns the row count. */
static size_t check_rows(const char *path)
{
	cxm_csv *csv = NULL;
	size_t rows = 0;
	int has_row = 0;
	char want[64];
	ck_assert_status(cxm_csv_open(&csv, path, ','), CXM_OK);
	ck_assert_uint_eq(cxm_csv_column_count(csv), 3);
	ck_assert_str_eq(cxm_csv_column_name(csv, 2), "amount");
	while (1) {
		double v = -1;
		ck_assert_status(cxm_csv_next(&has_row, csv), CXM_OK);
		if (!has_row)
			break;
		snprintf(want, sizeof want, "name %zu", rows);
		ck_assert_str_eq(cxm_csv_field(NULL, csv, 1), want);
		ck_assert_status(cxm_csv_field_double(&v, csv, 2), CXM_OK);
		ck_assert(v == (double)rows * 0.5);
		ck_assert_uint_eq(cxm_csv_line(csv), rows + 2);
		rows++;
	}
	cxm_csv_free(csv);
	return rows;
}

static void open_fails_bytes(const char *bytes, size_t len, int code, const char *message)
{
	char path[TMP_PATH_SIZE];
	cxm_csv *csv = (cxm_csv *)1;
	write_tmp(path, bytes, len);
	ck_assert_status(cxm_csv_open(&csv, path, ','), code);
	ck_assert_ptr_null(csv);
	assert_message_has(message);
	remove(path);
}

/* The first record of `bytes` must fail with PARSE and `message`. */
static void next_fails_bytes(const char *bytes, size_t len, const char *message)
{
	char path[TMP_PATH_SIZE];
	cxm_csv *csv = NULL;
	int has_row = 0;
	write_tmp(path, bytes, len);
	ck_assert_status(cxm_csv_open(&csv, path, ','), CXM_OK);
	ck_assert_status(cxm_csv_next(&has_row, csv), CXM_EPARSE);
	assert_message_has(message);
	cxm_csv_free(csv);
	remove(path);
}

/* ---- gzip ---------------------------------------------------------------------- */

START_TEST(test_gzip_reads_as_plain)
{
	char path[TMP_PATH_SIZE];
	size_t len;
	char *text = make_csv(20000, &len); /* ~450 KB: many read buffers, inflated and raw */
	int members;
	ck_assert_uint_gt(len, 4 * 64 * 1024);
	write_tmp(path, text, len);
	ck_assert_uint_eq(check_rows(path), 20000);
	remove(path);
	for (members = 1; members <= 3; members++) {
		write_gz(path, text, len, members);
		ck_assert_uint_eq(check_rows(path), 20000);
		remove(path);
	}
	free(text);
}
END_TEST

START_TEST(test_gzip_through_table_reader)
{
	static const char csv[] = "customer,date,amount\nann,2024-01-01,1.5\nbob,20240102,2\n";
	char path[TMP_PATH_SIZE];
	cxm_table *t = NULL;
	write_gz(path, csv, sizeof csv - 1, 1);
	ck_assert_status(cxm_table_read_csv(&t, path, NULL), CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(t), 2);
	ck_assert_str_eq(cxm_table_texts(t, 0)[1], "bob");
	ck_assert_str_eq(cxm_table_texts(t, 2)[0], "1.5");
	cxm_table_free(t);
	remove(path);
	/* an empty text compressed is an empty file */
	write_gz(path, "", 0, 1);
	ck_assert_status(cxm_table_read_csv(&t, path, NULL), CXM_EEMPTY);
	remove(path);
}
END_TEST

START_TEST(test_gzip_damaged)
{
	char path[TMP_PATH_SIZE], cut[TMP_PATH_SIZE];
	size_t len, glen, rows;
	char *text = make_csv(5000, &len), *gz;
	cxm_csv *csv = NULL;
	int has_row = 1, rc;
	write_gz(path, text, len, 1);
	gz = read_file(path, &glen);
	remove(path);
	/* cut: the rows come until the data ends, then PARSE, never a short file read as whole */
	write_tmp(cut, gz, glen - 9);
	ck_assert_status(cxm_csv_open(&csv, cut, ','), CXM_OK);
	for (rows = 0; (rc = cxm_csv_next(&has_row, csv)) == CXM_OK && has_row; rows++)
		;
	ck_assert_status(rc, CXM_EPARSE);
	assert_message_has(": the gzip data ends early, after ");
	assert_message_has("compressed bytes (a truncated file?)");
	ck_assert_str_eq(strstr(cxm_error_last()->message, cut), cxm_error_last()->message + strlen("PARSE: "));
	cxm_csv_free(csv);
	remove(cut);
	/* a wrong CRC-32 in the trailer: rows read until the check at the end fails */
	gz[glen - 8] ^= 0x55;
	write_tmp(cut, gz, glen);
	ck_assert_status(cxm_csv_open(&csv, cut, ','), CXM_OK);
	for (rows = 0; (rc = cxm_csv_next(&has_row, csv)) == CXM_OK && has_row; rows++)
		;
	ck_assert_status(rc, CXM_EPARSE);
	ck_assert_uint_gt(rows, 0); /* the rows inflated before the trailer came */
	assert_message_has(": the gzip data is damaged near compressed byte ");
	assert_message_has("(zlib: incorrect data check)");
	cxm_csv_free(csv);
	remove(cut);
	gz[glen - 8] ^= 0x55;
	/* a reserved block type (BTYPE 11) in the first deflate block, after the 10-byte header */
	{
		char saved = gz[10];
		gz[10] = (char)0xFF;
		write_tmp(cut, gz, glen);
		ck_assert_status(cxm_csv_open(&csv, cut, ','), CXM_EPARSE);
		assert_message_has(": the gzip data is damaged near compressed byte 11 (zlib: invalid block type)");
		remove(cut);
		gz[10] = saved;
	}
	/* bytes after the gzip data that are not another member */
	gz = realloc(gz, glen + 4);
	memcpy(gz + glen, "junk", 4);
	write_tmp(cut, gz, glen + 4);
	ck_assert_status(cxm_csv_open(&csv, cut, ','), CXM_OK);
	while ((rc = cxm_csv_next(&has_row, csv)) == CXM_OK && has_row)
		;
	ck_assert_status(rc, CXM_EPARSE);
	{
		char want[96];
		snprintf(want, sizeof want, "data that is not gzip follows the end of the gzip data (at compressed byte %zu;",
			 glen + 1);
		assert_message_has(want);
	}
	cxm_csv_free(csv);
	remove(cut);
	/* the magic bytes alone */
	open_fails_bytes("\x1f\x8b", 2, CXM_EPARSE, ": the gzip data ends early, after 2 compressed bytes");
	open_fails_bytes("\x1f\x8bxxxxxxxxxxxxxxxxxx", 20, CXM_EPARSE, ": the gzip data is damaged near compressed byte");
	free(gz);
	free(text);
}
END_TEST

START_TEST(test_gzip_out_of_memory)
{
	static const char text[] = "a,b\n1,2\n3,4\n";
	char path[TMP_PATH_SIZE];
	long k;
	write_gz(path, text, sizeof text - 1, 1);
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
			cxm_csv_free(csv);
		oom_assert_no_leak(k);
	}
	ck_assert_int_ge(k, 6); /* struct, path, input, record, offsets, gzip buffer, zlib's state and window */
	oom_disarm();
	remove(path);
}
END_TEST

/* ---- standard input ----------------------------------------------------------------- */

START_TEST(test_stdin)
{
	char path[TMP_PATH_SIZE];
	size_t len;
	char *text = make_csv(3000, &len);
	cxm_csv *csv = NULL;
	int has_row;
	/* plain, then gzip: "-" is whatever arrives on standard input */
	write_tmp(path, text, len);
	ck_assert_ptr_nonnull(freopen(path, "rb", stdin));
	ck_assert_uint_eq(check_rows("-"), 3000);
	remove(path);
	write_gz(path, text, len, 2);
	ck_assert_ptr_nonnull(freopen(path, "rb", stdin));
	ck_assert_uint_eq(check_rows("-"), 3000);
	remove(path);
	/* messages name it <stdin>; closing the reader leaves stdin open */
	write_tmp_str(path, "a,b\n1,2,3\n");
	ck_assert_ptr_nonnull(freopen(path, "rb", stdin));
	ck_assert_status(cxm_csv_open(&csv, "-", ','), CXM_OK);
	ck_assert_str_eq(cxm_csv_path(csv), "<stdin>");
	ck_assert_status(cxm_csv_next(&has_row, csv), CXM_EPARSE);
	assert_message_has("<stdin>:2: 3 fields, but the header has 2 columns");
	cxm_csv_free(csv);
	ck_assert_int_eq(fileno(stdin), 0);
	ck_assert_int_eq(ferror(stdin), 0);
	remove(path);
	write_tmp_str(path, "");
	ck_assert_ptr_nonnull(freopen(path, "rb", stdin));
	ck_assert_status(cxm_csv_open(&csv, "-", ','), CXM_EEMPTY);
	assert_message_has("<stdin> is empty: there is no header line");
	remove(path);
	free(text);
}
END_TEST

/* ---- encodings ---------------------------------------------------------------------- */

START_TEST(test_byte_order_marks)
{
	/* "a,b\n" in each encoding, with its mark */
	open_fails_bytes("\xff\xfe" "a\0,\0b\0\n\0", 10, CXM_EPARSE,
			 ": the file is UTF-16 LE (byte-order mark FF FE); save it as UTF-8 (iconv -f UTF-16 -t UTF-8 ");
	open_fails_bytes("\xfe\xff" "\0a\0,\0b\0\n", 10, CXM_EPARSE,
			 ": the file is UTF-16 BE (byte-order mark FE FF); save it as UTF-8 (iconv -f UTF-16 -t UTF-8 ");
	open_fails_bytes("\xff\xfe\0\0" "a\0\0\0\n\0\0\0", 12, CXM_EPARSE,
			 ": the file is UTF-32 LE (byte-order mark FF FE 00 00); save it as UTF-8 (iconv -f UTF-32 ");
	open_fails_bytes("\0\0\xfe\xff" "\0\0\0a\0\0\0\n", 12, CXM_EPARSE,
			 ": the file is UTF-32 BE (byte-order mark 00 00 FE FF); save it as UTF-8 (iconv -f UTF-32 ");
	/* UTF-16 without a mark: NUL bytes in the header */
	open_fails_bytes("i\0d\0,\0n\0\n\0", 10, CXM_EPARSE,
			 ":1:1 (the header): a NUL byte at offset 1 of the name; the file may be UTF-16 without a "
			 "byte-order mark (iconv -f UTF-16LE -t UTF-8 ");
	open_fails_bytes("\0i\0d\0,\0n\0\n", 10, CXM_EPARSE, ":1:1 (the header): a NUL byte at offset 0 of the name; "
			 "the file may be UTF-16 without a byte-order mark (iconv -f UTF-16BE");
	open_fails_bytes("id,n\0\n1,2\n", 10, CXM_EPARSE, ":1:2 (the header): a NUL byte at offset 1 of the name");
	/* the mark alone, and inside a gzip file */
	open_fails_bytes("\xff\xfe", 2, CXM_EPARSE, "is UTF-16 LE");
	{
		char path[TMP_PATH_SIZE];
		cxm_csv *csv = NULL;
		write_gz(path, "\xfe\xff\0a\0\n", 6, 1);
		ck_assert_status(cxm_csv_open(&csv, path, ','), CXM_EPARSE);
		assert_message_has("is UTF-16 BE");
		remove(path);
		/* the UTF-8 mark is still skipped, in a gzip file too */
		write_gz(path, "\xef\xbb\xbfid\n1\n", 9, 1);
		ck_assert_status(cxm_csv_open(&csv, path, ','), CXM_OK);
		ck_assert_str_eq(cxm_csv_column_name(csv, 0), "id");
		cxm_csv_free(csv);
		remove(path);
	}
}
END_TEST

START_TEST(test_utf8_valid_passes)
{
	/* 2-, 3- and 4-byte characters, the edges of each range */
	static const char text[] = "name,city\n"
				   "Zoë,Kraków\n"                         /* C3 AB, C3 B3 */
				   "\xc2\x80\xdf\xbf,\xe0\xa0\x80\xed\x9f\xbf\n" /* U+0080 U+07FF, U+0800 U+D7FF */
				   "\xee\x80\x80\xef\xbf\xbf,\xf0\x90\x80\x80\xf4\x8f\xbf\xbf\n"; /* U+E000 U+FFFF, U+10000 U+10FFFF */
	char path[TMP_PATH_SIZE];
	cxm_csv *csv = NULL;
	int has_row, rows = 0;
	write_tmp_str(path, text);
	ck_assert_status(cxm_csv_open(&csv, path, ','), CXM_OK);
	while (cxm_csv_next(&has_row, csv) == CXM_OK && has_row) {
		if (++rows == 1)
			ck_assert_str_eq(cxm_csv_field(NULL, csv, 1), "Kraków");
	}
	ck_assert_int_eq(rows, 3);
	cxm_csv_free(csv);
	remove(path);
	/* a quoted field with a delimiter, and a 4-byte character: as written */
	write_tmp_str(path, "a,b\n\"東京, 日本\",😀\n");
	ck_assert_status(cxm_csv_open(&csv, path, ','), CXM_OK);
	ck_assert_status(cxm_csv_next(&has_row, csv), CXM_OK);
	ck_assert_str_eq(cxm_csv_field(NULL, csv, 0), "東京, 日本");
	ck_assert_str_eq(cxm_csv_field(NULL, csv, 1), "😀");
	cxm_csv_free(csv);
	remove(path);
}
END_TEST

START_TEST(test_utf8_invalid)
{
	static const struct { const char *bytes; const char *message; } cases[] = {
		/* Latin-1 é in the second field, after "caf" */
		{ "id,name\n1,caf\xe9\n", ":2:2 'name': invalid UTF-8 (byte 0xE9 at offset 3 of the field); "
					  "the file may be Latin-1 (iconv -f LATIN1 -t UTF-8)" },
		{ "id,name\n1,\xe9t\xe9\n", ":2:2 'name': invalid UTF-8 (byte 0xE9 at offset 0 of the field)" },
		{ "id,name\n\x80,x\n", ":2:1 'id': invalid UTF-8 (byte 0x80 at offset 0" },        /* a lone continuation */
		{ "id,name\n1,\xc0\x80\n", ":2:2 'name': invalid UTF-8 (byte 0xC0 at offset 0" },   /* overlong NUL */
		{ "id,name\n1,\xe0\x80\xaf\n", "(byte 0xE0 at offset 0" },                         /* overlong '/' */
		{ "id,name\n1,ab\xed\xa0\x80\n", "(byte 0xED at offset 2" },                       /* a surrogate */
		{ "id,name\n1,\xf4\x90\x80\x80\n", "(byte 0xF4 at offset 0" },                     /* above U+10FFFF */
		{ "id,name\n1,\xf5\x80\x80\x80\n", "(byte 0xF5 at offset 0" },
		{ "id,name\n1,x\xe2\x82\n", "(byte 0xE2 at offset 1 of the field)" },              /* cut at the field's end */
		{ "id,name\n1,\"a\nb\xe2\x82\"\n", ":2:2 'name': invalid UTF-8 (byte 0xE2 at offset 3" }, /* quoted, 2 lines */
		{ "id,name\n1,ok\n2,\xff\n", ":3:2 'name'" },
	};
	size_t i;
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *b = cases[i].bytes;
		char path[TMP_PATH_SIZE];
		cxm_csv *csv = NULL;
		int has_row = 0, rc;
		write_tmp_str(path, b);
		ck_assert_status(cxm_csv_open(&csv, path, ','), CXM_OK);
		while ((rc = cxm_csv_next(&has_row, csv)) == CXM_OK && has_row)
			;
		ck_assert_msg(rc == CXM_EPARSE, "case %zu: %d", i, rc);
		assert_message_has(cases[i].message);
		cxm_csv_free(csv);
		remove(path);
	}
	/* in the header: the column's number, not its name */
	open_fails_bytes("id,caf\xe9\n1,2\n", 13, CXM_EPARSE,
			 ":1:2 (the header): invalid UTF-8 (byte 0xE9 at offset 3 of the name); the file may be Latin-1");
	next_fails_bytes("a\n\xe9\n", 4, ":2:1 'a': invalid UTF-8 (byte 0xE9 at offset 0 of the field)");
}
END_TEST

/* ---- the header ----------------------------------------------------------------------- */

START_TEST(test_duplicate_header_names)
{
	char wide[4096], path[TMP_PATH_SIZE];
	size_t used = 0, i;
	cxm_csv *csv = NULL;
	open_fails_bytes("id,amount,date,note,amount\n1,2,3,4,5\n", 37, CXM_EPARSE,
			 ":1: columns 2 and 5 are both named 'amount'");
	/* after skipped blank lines the header is on its own line */
	open_fails_bytes("\n\nx,x\n", 6, CXM_EPARSE, ":3: columns 1 and 2 are both named 'x'");
	/* a wide header goes through the hash table: the same answer */
	for (i = 0; i < 200; i++)
		used += (size_t)snprintf(wide + used, sizeof wide - used, "%sc%zu", i ? "," : "", i == 150 ? (size_t)70 : i);
	used += (size_t)snprintf(wide + used, sizeof wide - used, "\n");
	open_fails_bytes(wide, used, CXM_EPARSE, ":1: columns 71 and 151 are both named 'c70'");
	/* empty names are not names: two of them are no repetition */
	write_tmp_str(path, "a,,b,,\n1,2,3,4,5\n");
	ck_assert_status(cxm_csv_open(&csv, path, ','), CXM_OK);
	ck_assert_uint_eq(cxm_csv_column_count(csv), 5);
	cxm_csv_free(csv);
	remove(path);
	/* the hash table's allocations, refused one by one: NOMEM, nothing leaked */
	{
		long k;
		used = 0;
		for (i = 0; i < 40; i++)
			used += (size_t)snprintf(wide + used, sizeof wide - used, "%sc%zu", i ? "," : "", i);
		used += (size_t)snprintf(wide + used, sizeof wide - used, "\n");
		write_tmp(path, wide, used);
		for (k = 0;; k++) {
			cxm_csv *w = (cxm_csv *)1;
			int rc;
			oom_arm(k);
			rc = cxm_csv_open(&w, path, ',');
			if (!oom_failed()) {
				ck_assert_status(rc, CXM_OK);
				ck_assert_uint_eq(cxm_csv_column_count(w), 40);
				cxm_csv_free(w);
				oom_assert_no_leak(k);
				break;
			}
			oom_assert_enomem(rc, k);
			ck_assert_ptr_null(w);
			oom_assert_no_leak(k);
		}
		oom_disarm();
		remove(path);
	}
	/* names differ by case: two columns */
	write_tmp_str(path, "Amount,amount\n1,2\n");
	ck_assert_status(cxm_csv_open(&csv, path, ','), CXM_OK);
	cxm_csv_free(csv);
	remove(path);
}
END_TEST

START_TEST(test_delimiter_hint)
{
	char path[TMP_PATH_SIZE];
	cxm_csv *csv = NULL;
	cxm_table *t = NULL;
	cxm_csv_spec *spec = NULL;
	size_t idx;
	write_tmp_str(path, "customer;date;amount\nx;2024-01-01;1\n");
	ck_assert_status(cxm_csv_open(&csv, path, ','), CXM_OK);
	ck_assert_status(cxm_csv_column_index(&idx, csv, "amount"), CXM_EBAD_ARG);
	assert_message_has("no column 'amount' in ");
	assert_message_has("; its columns are: customer;date;amount; the header has one column: is the delimiter ';'?");
	cxm_csv_free(csv);
	/* the table reader's "no such column" is the same message */
	ck_assert_status(cxm_csv_spec_new(&spec), CXM_OK);
	ck_assert_status(cxm_csv_spec_add_column(spec, "amount", CXM_TABLE_NUMBER, CXM_CSV_REQUIRED), CXM_OK);
	ck_assert_status(cxm_table_read_csv(&t, path, spec), CXM_EBAD_ARG);
	assert_message_has("; the header has one column: is the delimiter ';'?");
	remove(path);
	/* tabs; and a ',' file read with ';' */
	write_tmp_str(path, "customer\tamount\nx\t1\n");
	ck_assert_status(cxm_table_read_csv(&t, path, spec), CXM_EBAD_ARG);
	assert_message_has("; the header has one column: is the delimiter a tab?");
	remove(path);
	write_tmp_str(path, "customer,amount\nx,1\n");
	ck_assert_status(cxm_csv_spec_set_delimiter(spec, ';'), CXM_OK);
	ck_assert_status(cxm_table_read_csv(&t, path, spec), CXM_EBAD_ARG);
	assert_message_has("; the header has one column: is the delimiter ','?");
	remove(path);
	/* one column and nothing like a delimiter, or several columns: no hint */
	write_tmp_str(path, "customer\nx\n");
	ck_assert_status(cxm_table_read_csv(&t, path, spec), CXM_EBAD_ARG);
	ck_assert_ptr_null(strstr(cxm_error_last()->message, "delimiter"));
	remove(path);
	write_tmp_str(path, "customer;x,b;y\n1,2\n");
	ck_assert_status(cxm_csv_spec_set_delimiter(spec, ','), CXM_OK);
	ck_assert_status(cxm_table_read_csv(&t, path, spec), CXM_EBAD_ARG);
	ck_assert_ptr_null(strstr(cxm_error_last()->message, "delimiter"));
	remove(path);
	cxm_csv_spec_free(spec);
}
END_TEST

/* ---- decimal commas ------------------------------------------------------------------- */

static int read_text(cxm_table **t, const char *text, const cxm_csv_spec *spec)
{
	char path[TMP_PATH_SIZE];
	int rc;
	write_tmp_str(path, text);
	rc = cxm_table_read_csv(t, path, spec);
	remove(path);
	return rc;
}

START_TEST(test_decimal_comma)
{
	cxm_csv_spec *spec = NULL, *infer = NULL;
	cxm_table *t = NULL;
	const double *a;
	char *longnum;
	size_t i;
	ck_assert_status(cxm_csv_spec_new(&spec), CXM_OK);
	ck_assert_status(cxm_csv_spec_add_column(spec, "amount", CXM_TABLE_NUMBER, CXM_CSV_REQUIRED), CXM_OK);
	/* refused with the ',' delimiter, either way round */
	ck_assert_status(cxm_csv_spec_set_decimal_comma(spec, 1), CXM_EBAD_ARG);
	assert_message_has("a decimal comma needs another delimiter than ','");
	ck_assert_status(cxm_csv_spec_set_delimiter(spec, ';'), CXM_OK);
	ck_assert_status(cxm_csv_spec_set_decimal_comma(spec, 1), CXM_OK);
	ck_assert_status(cxm_csv_spec_set_delimiter(spec, ','), CXM_EBAD_ARG);
	assert_message_has("the delimiter cannot be ',' while numbers have a decimal comma");
	ck_assert_status(cxm_csv_spec_set_decimal_comma(spec, 2), CXM_EBAD_ARG);
	ck_assert_status(cxm_csv_spec_set_decimal_comma(NULL, 1), CXM_EBAD_ARG);
	/* values known by hand */
	ck_assert_status(read_text(&t, "id;amount\n1;1,5\n2; -1,5e3 \n3;2\n4;,25\n5;7,\n6;+0,125E+2\n", spec), CXM_OK);
	a = cxm_table_numbers(t, 0);
	ck_assert(a[0] == 1.5 && a[1] == -1500 && a[2] == 2 && a[3] == 0.25 && a[4] == 7 && a[5] == 12.5);
	cxm_table_free(t);
	/* a point is then not a number, nor a thousands separator */
	ck_assert_status(read_text(&t, "id;amount\n1;1,5\n2;1.5\n", spec), CXM_EPARSE);
	assert_message_has(":3:2 'amount': '1.5' is not a number (with a decimal comma: digits with an optional "
			   "sign, decimal comma and exponent, as -1,5e3)");
	ck_assert_status(read_text(&t, "id;amount\n1;1.234,5\n", spec), CXM_EPARSE);
	assert_message_has("'1.234,5' is not a number");
	ck_assert_status(read_text(&t, "id;amount\n1;1,5,0\n", spec), CXM_EPARSE);
	ck_assert_status(read_text(&t, "id;amount\n1;1e999\n", spec), CXM_EOUT_OF_RANGE);
	/* a number longer than the stack copy: 0,1 followed by 400 zeros */
	longnum = malloc(512);
	ck_assert_ptr_nonnull(longnum);
	strcpy(longnum, "id;amount\n1;0,1");
	for (i = 0; i < 400; i++)
		strcat(longnum, "0");
	strcat(longnum, "\n");
	ck_assert_status(read_text(&t, longnum, spec), CXM_OK);
	ck_assert(cxm_table_numbers(t, 0)[0] == 0.1);
	cxm_table_free(t);
	/* back to the point */
	ck_assert_status(cxm_csv_spec_set_decimal_comma(spec, 0), CXM_OK);
	ck_assert_status(read_text(&t, "id;amount\n1;1,5\n", spec), CXM_EPARSE);
	assert_message_has("'1,5' is not a number (digits with an optional sign, decimal point");
	/* inference: a column of comma numbers is NUMBER, one with a point stays TEXT */
	ck_assert_status(cxm_csv_spec_new(&infer), CXM_OK);
	ck_assert_status(cxm_csv_spec_set_delimiter(infer, '\t'), CXM_OK);
	ck_assert_status(cxm_csv_spec_set_decimal_comma(infer, 1), CXM_OK);
	ck_assert_status(cxm_csv_spec_set_infer_numbers(infer, 1), CXM_OK);
	ck_assert_status(read_text(&t, "a\tb\tc\n1,5\t1.5\t\n-2\tx\t3\n", infer), CXM_OK);
	{
		int types[3] = { -1, -1, -1 };
		for (i = 0; i < 3; i++)
			ck_assert_status(cxm_table_column_type(&types[i], t, i), CXM_OK);
		ck_assert(types[0] == CXM_TABLE_NUMBER && types[1] == CXM_TABLE_TEXT && types[2] == CXM_TABLE_NUMBER);
	}
	ck_assert(cxm_table_numbers(t, 0)[0] == 1.5 && cxm_table_numbers(t, 0)[1] == -2);
	ck_assert(isnan(cxm_table_numbers(t, 2)[0]) && cxm_table_numbers(t, 2)[1] == 3);
	cxm_table_free(t);
	/* the long number's copy, out of memory, in both readers */
	ck_assert_status(cxm_csv_spec_set_decimal_comma(spec, 1), CXM_OK);
	{
		long k;
		for (k = 0;; k++) {
			cxm_table *u = (cxm_table *)1;
			int rc;
			oom_arm(k);
			rc = read_text(&u, longnum, spec);
			if (!oom_failed()) {
				ck_assert_status(rc, CXM_OK);
				cxm_table_free(u);
				oom_assert_no_leak(k);
				break;
			}
			oom_assert_enomem(rc, k);
			oom_assert_no_leak(k);
		}
		oom_disarm();
	}
	free(longnum);
	cxm_csv_spec_free(spec);
	cxm_csv_spec_free(infer);
}
END_TEST

static Suite *io_reader_suite(void)
{
	Suite *s = suite_create("io_reader");
	TCase *gz = tcase_create("gzip");
	TCase *in = tcase_create("stdin");
	TCase *enc = tcase_create("encodings");
	TCase *hdr = tcase_create("header");
	tcase_add_test(gz, test_gzip_reads_as_plain);
	tcase_add_test(gz, test_gzip_through_table_reader);
	tcase_add_test(gz, test_gzip_damaged);
	tcase_add_test(gz, test_gzip_out_of_memory);
	tcase_add_test(in, test_stdin);
	tcase_add_test(enc, test_byte_order_marks);
	tcase_add_test(enc, test_utf8_valid_passes);
	tcase_add_test(enc, test_utf8_invalid);
	tcase_add_test(hdr, test_duplicate_header_names);
	tcase_add_test(hdr, test_delimiter_hint);
	tcase_add_test(hdr, test_decimal_comma);
	tcase_set_timeout(gz, 60);
	suite_add_tcase(s, gz);
	suite_add_tcase(s, in);
	suite_add_tcase(s, enc);
	suite_add_tcase(s, hdr);
	return s;
}

CXM_TEST_MAIN(io_reader_suite)
