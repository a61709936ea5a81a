/*
 * tests/fuzz/fuzz_csv.c - libFuzzer target for the streaming CSV reader
 * (lib/io/csv.c, cxmetrics/io.h).
 *
 * The input is the file. It is read to the end twice: with ',' and with its
 * own first byte as the delimiter (a refused one must give BAD_ARG). Every
 * record is read, every field fetched as text and as a number; a number is
 * checked against strtod on the trimmed text (spec §0.10's grammar). The fuzz build gives the reader
 * a 7-byte read buffer (meson.build), so that read boundaries fall in every
 * parser state (a CRLF, a doubled quote, a quoted line break split across reads).
 *
 * Then the same file is read into a table (cxm_table_read_csv, experimental.h)
 * with every column as text: it must fail exactly when the reader did (or
 * the header names a column twice or not at all, or a field holds a NUL
 * byte), hold the reader's rows, and survive being written as CSV and read
 * back, string for string; and with a spec of numbers, dates and texts it
 * must fail only with PARSE (or OUT_OF_RANGE for 1e999), naming the file.
 *
 * Issue 11 (spec §0.11): every field the reader gives is UTF-8 (checked by a
 * decoder written here); the same bytes gzip-compressed (zlib's deflate,
 * written here) read exactly as the plain file does, same rows, same
 * fields, same failure; and with ';' and a decimal comma (spec §0.10) each
 * column the table reader infers as numbers holds, row by row, strtod of
 * its text with '.' for ','.
 */
#define _GNU_SOURCE
#define CXM_EXPERIMENTAL
#include <math.h>
#include <zlib.h>
#include "fuzz_common.h"

static size_t line_breaks(const uint8_t *data, size_t size)
{
	size_t i, n = 0;
	for (i = 0; i < size; i++)
		n += data[i] == '\n' || data[i] == '\r';
	return n;
}

/* cxm_csv_field_double against strtod on the same text (spaces and tabs around it trimmed),
 * restricted to the characters of spec §0.10's decimal grammar: over digits, signs, a point
 * and e / E, C's decimal syntax is that grammar, so strtod reading all of such a text is the
 * independent verdict (hexadecimal, inf / nan words and anything else are PARSE; a finite
 * text read as infinity is OUT_OF_RANGE). */
static void check_number(const cxm_csv *csv, size_t col, const char *f, size_t len)
{
	double d = -1.0, ref;
	const char *s = f;
	size_t n = len;
	char *copy, *end;
	int rc = cxm_csv_field_double(&d, csv, col), decimal;
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0) {
		FUZZ_ASSERT(rc == CXM_OK && isnan(d), "a blank field must read as NaN (rc %d)", rc);
		return;
	}
	copy = malloc(n + 1);
	FUZZ_ASSERT(copy != NULL, "malloc failed");
	memcpy(copy, s, n);
	copy[n] = '\0';
	ref = strtod(copy, &end);
	decimal = end == copy + n && strspn(copy, "0123456789+-.eE") == n;
	if (rc == CXM_OK) {
		FUZZ_ASSERT(decimal && isfinite(ref), "field %zu '%s' read as %.17g, but it is not a decimal number",
			    col, copy, d);
		FUZZ_ASSERT(d == ref, "field %zu '%s' read as %.17g, strtod gives %.17g", col, copy, d, ref);
	} else {
		fuzz_check_error(rc, "cxm_csv_field_double");
		if (rc == CXM_EOUT_OF_RANGE)
			FUZZ_ASSERT(decimal && isinf(ref), "field %zu '%s' OUT_OF_RANGE, but strtod gives %.17g", col,
				    copy, ref);
		else
			FUZZ_ASSERT(rc == CXM_EPARSE && !decimal, "field %zu '%s' rejected (%d), but it is a decimal number",
				    col, copy, rc);
	}
	free(copy);
}

/* Is s[0..n) UTF-8 (RFC 3629)? Decodes each character and checks its value:
 * the shortest form, not a surrogate, at most U+10FFFF. */
static int is_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned long cp;
		size_t k, len;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if ((s[i] & 0xE0) == 0xC0)
			len = 2, cp = s[i] & 0x1F;
		else if ((s[i] & 0xF0) == 0xE0)
			len = 3, cp = s[i] & 0x0F;
		else if ((s[i] & 0xF8) == 0xF0)
			len = 4, cp = s[i] & 0x07;
		else
			return 0;
		if (i + len > n)
			return 0;
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i + k] & 0x3F);
		}
		if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
		    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
			return 0;
		i += len;
	}
	return 1;
}

/* What read_all saw, for the table reader (and the gzip copy) to agree with. */
typedef struct seen {
	int complete;      /* every record was read without an error */
	int header_bad;    /* a header name empty or repeated */
	int has_nul;       /* a field holds a NUL byte */
	size_t rows, cols;
	int open_rc;       /* cxm_csv_open's status */
	int next_rc;       /* the failing cxm_csv_next's status, or 0 */
	uLong digest;      /* CRC-32 of every field read, with its length */
} seen;

/* data[0..size) is the text the reader sees (for gzip input, the inflated
 * text is not known here: the bounds from the input's size do not apply). */
static void read_all(const char *path, char delim, const uint8_t *data, size_t size, seen *sn)
{
	cxm_csv *csv = (cxm_csv *)1;
	size_t n, i, idx, prev_line = 1, rows = 0;
	size_t max_line = 1 + line_breaks(data, size);
	if (size >= 2 && data[0] == 0x1F && data[1] == 0x8B) {
		size = (size_t)-1 / 2;
		max_line = (size_t)-1 / 2;
	}
	double d;
	int rc, has_row;

	rc = cxm_csv_open(&csv, path, delim);
	memset(sn, 0, sizeof *sn);
	sn->open_rc = rc;
	if (delim == '"' || delim == '\r' || delim == '\n' || delim == '\0') {
		FUZZ_ASSERT(rc == CXM_EBAD_ARG && csv == NULL, "delimiter 0x%02x accepted", (unsigned)(unsigned char)delim);
		fuzz_check_error(rc, "cxm_csv_open");
		return;
	}
	if (rc < 0) {
		fuzz_check_error(rc, "cxm_csv_open");
		FUZZ_ASSERT(csv == NULL, "cxm_csv_open failed but *out is not NULL");
		FUZZ_ASSERT(rc == CXM_EPARSE || rc == CXM_EEMPTY, "cxm_csv_open: unexpected code %d", rc);
		FUZZ_ASSERT(strstr(cxm_error_last()->message, path) != NULL,
			    "cxm_csv_open: the message does not name the file: %s", cxm_error_last()->message);
		return;
	}
	FUZZ_ASSERT(csv != NULL, "cxm_csv_open succeeded with *out NULL");
	FUZZ_ASSERT(strcmp(cxm_csv_path(csv), path) == 0, "cxm_csv_path is not the path given");

	/* the header */
	n = cxm_csv_column_count(csv);
	FUZZ_ASSERT(n >= 1 && n <= size + 1, "%zu columns from %zu bytes", n, size);
	sn->digest = crc32(0L, Z_NULL, 0);
	for (i = 0; i < n; i++) {
		const char *name = cxm_csv_column_name(csv, i);
		FUZZ_ASSERT(name != NULL, "column %zu of %zu has no name", i, n);
		FUZZ_ASSERT(is_utf8((const unsigned char *)name, strlen(name)), "column %zu's name is not UTF-8", i);
		sn->digest = crc32(sn->digest, (const Bytef *)name, (uInt)strlen(name) + 1);
		FUZZ_ASSERT(strlen(name) <= size, "column name longer than the input");
		rc = cxm_csv_column_index(&idx, csv, name);
		FUZZ_ASSERT(rc == CXM_OK && idx <= i && strcmp(cxm_csv_column_name(csv, idx), name) == 0,
			    "cxm_csv_column_index('%s') gives %d, %zu (column %zu)", name, rc, idx, i);
		FUZZ_ASSERT(name[0] == '\0' || idx == i, "the header names '%s' twice, but the file opened", name);
		if (name[0] == '\0')
			sn->header_bad = 1;
	}
	sn->cols = n;
	FUZZ_ASSERT(cxm_csv_column_name(csv, n) == NULL, "a name past the last column");
	/* a missing column: the message lists the header (names from the file) */
	rc = cxm_csv_column_index(&idx, csv, "no such column");
	if (rc == CXM_OK) {
		FUZZ_ASSERT(strcmp(cxm_csv_column_name(csv, idx), "no such column") == 0, "wrong column found");
	} else {
		FUZZ_ASSERT(rc == CXM_EBAD_ARG, "a column that is not there: %d", rc);
		fuzz_check_error(rc, "cxm_csv_column_index");
	}

	/* no record yet */
	FUZZ_ASSERT(cxm_csv_line(csv) == 0, "cxm_csv_line before the first record");
	FUZZ_ASSERT(cxm_csv_field(NULL, csv, 0) == NULL, "a field before the first record");
	rc = cxm_csv_field_double(&d, csv, 0);
	FUZZ_ASSERT(rc == CXM_EBAD_ARG, "a number before the first record: %d", rc);
	fuzz_check_error(rc, "cxm_csv_field_double");

	for (;;) {
		size_t line, total = 0;
		has_row = -1;
		rc = cxm_csv_next(&has_row, csv);
		if (rc < 0) {
			fuzz_check_error(rc, "cxm_csv_next");
			FUZZ_ASSERT(rc == CXM_EPARSE, "cxm_csv_next: unexpected code %d", rc);
			sn->next_rc = rc;
			FUZZ_ASSERT(has_row == 0, "cxm_csv_next failed with has_row %d", has_row);
			FUZZ_ASSERT(strstr(cxm_error_last()->message, path) != NULL,
				    "cxm_csv_next: the message does not name the file: %s", cxm_error_last()->message);
			FUZZ_ASSERT(cxm_csv_field(NULL, csv, 0) == NULL, "a field after a failed record");
			sn->rows = rows;
			break; /* the reader is at an unknown place: free it */
		}
		FUZZ_ASSERT(has_row == 0 || has_row == 1, "has_row is %d", has_row);
		if (!has_row) {
			FUZZ_ASSERT(cxm_csv_next(&has_row, csv) == CXM_OK && has_row == 0,
				    "the reader does not stay at the end");
			sn->complete = 1;
			sn->rows = rows;
			break;
		}
		rows++;
		line = cxm_csv_line(csv);
		FUZZ_ASSERT(line > prev_line && line <= max_line,
			    "record %zu on line %zu (previous %zu, at most %zu)", rows, line, prev_line, max_line);
		prev_line = line;
		for (i = 0; i < n; i++) {
			size_t len = (size_t)-1;
			const char *f = cxm_csv_field(&len, csv, i);
			FUZZ_ASSERT(f != NULL, "record %zu has no field %zu", rows, i);
			FUZZ_ASSERT(len <= size && f[len] == '\0', "field %zu: length %zu, not NUL-terminated there",
				    i, len);
			FUZZ_ASSERT(cxm_csv_field(NULL, csv, i) == f, "the field moved");
			total += len;
			if (memchr(f, '\0', len) != NULL)
				sn->has_nul = 1;
			FUZZ_ASSERT(is_utf8((const unsigned char *)f, len), "record %zu field %zu is not UTF-8", rows, i);
			sn->digest = crc32(sn->digest, (const Bytef *)f, (uInt)len + 1);
			check_number(csv, i, f, len);
		}
		FUZZ_ASSERT(total <= size, "%zu bytes of fields from %zu bytes of input", total, size);
		FUZZ_ASSERT(cxm_csv_field(NULL, csv, n) == NULL, "a field past the last column");
		rc = cxm_csv_field_double(&d, csv, n);
		FUZZ_ASSERT(rc == CXM_EBAD_ARG, "a number past the last column: %d", rc);
		fuzz_check_error(rc, "cxm_csv_field_double");
	}
	FUZZ_ASSERT(rows <= max_line, "%zu records from %zu lines", rows, max_line);
	cxm_csv_free(csv);
}

/* The table of every column as text, against what the reader saw; then
 * written as CSV (into the fuzz file) and read back. */
static void read_table(const char *path, const seen *sn)
{
	cxm_table *t = (cxm_table *)1, *back = (cxm_table *)1;
	char *csv_text = NULL, *json = NULL;
	size_t c, i;
	int rc = cxm_table_read_csv(&t, path, NULL);
	if (sn->open_rc < 0) {
		FUZZ_ASSERT(rc == sn->open_rc && t == NULL, "the table reader gave %d where the reader's open gave %d",
			    rc, sn->open_rc);
		return;
	}
	if (!sn->complete || sn->header_bad || sn->has_nul) {
		FUZZ_ASSERT(rc == CXM_EPARSE && t == NULL, "a bad file read as a table: %d", rc);
		fuzz_check_error(rc, "cxm_table_read_csv");
		FUZZ_ASSERT(strstr(cxm_error_last()->message, path) != NULL,
			    "cxm_table_read_csv: the message does not name the file: %s", cxm_error_last()->message);
		return;
	}
	if (rc < 0)
		fuzz_check_error(rc, "cxm_table_read_csv");
	FUZZ_ASSERT(rc == CXM_OK && t != NULL, "a good file did not read as a table: %s", cxm_error_last()->message);
	FUZZ_ASSERT(cxm_table_rows(t) == sn->rows && cxm_table_column_count(t) == sn->cols,
		    "the table has %zu rows, %zu columns; the reader saw %zu and %zu", cxm_table_rows(t),
		    cxm_table_column_count(t), sn->rows, sn->cols);
	FUZZ_ASSERT(cxm_table_render(&json, t, CXM_FORMAT_JSON) == CXM_OK && json != NULL, "no JSON of the table");
	rc = cxm_table_render(&csv_text, t, CXM_FORMAT_CSV);
	FUZZ_ASSERT(rc == CXM_OK && csv_text != NULL, "no CSV of the table");
	rc = cxm_table_read_csv(&back, fuzz_file_write((const uint8_t *)csv_text, strlen(csv_text)), NULL);
	if (rc < 0)
		fuzz_check_error(rc, "cxm_table_read_csv");
	FUZZ_ASSERT(rc == CXM_OK, "the table's own CSV does not read back: %s\n%s", cxm_error_last()->message,
		    csv_text);
	FUZZ_ASSERT(cxm_table_rows(back) == cxm_table_rows(t) && cxm_table_column_count(back) == cxm_table_column_count(t),
		    "CSV round trip: %zu x %zu became %zu x %zu", cxm_table_rows(t), cxm_table_column_count(t),
		    cxm_table_rows(back), cxm_table_column_count(back));
	for (c = 0; c < cxm_table_column_count(t); c++) {
		const char *const *a = cxm_table_texts(t, c), *const *b = cxm_table_texts(back, c);
		FUZZ_ASSERT(strcmp(cxm_table_column_name(t, c), cxm_table_column_name(back, c)) == 0,
			    "column %zu: name '%s' became '%s'", c, cxm_table_column_name(t, c),
			    cxm_table_column_name(back, c));
		for (i = 0; i < cxm_table_rows(t); i++)
			FUZZ_ASSERT(strcmp(a[i], b[i]) == 0, "row %zu column %zu: '%s' became '%s'", i, c, a[i], b[i]);
	}
	cxm_free(json);
	cxm_free(csv_text);
	cxm_table_free(back);
	cxm_table_free(t);
}

/* With a spec: the header's columns (once each) as numbers, dates and
 * texts in turn; a field that is none of them is PARSE naming the file (a number too
 * large for a double OUT_OF_RANGE, spec §0.10). */
static void read_typed(const char *path, const seen *sn)
{
	cxm_csv_spec *spec = NULL;
	cxm_csv *csv = NULL;
	cxm_table *t = (cxm_table *)1;
	size_t i;
	int rc;
	if (sn->open_rc < 0 || cxm_csv_open(&csv, path, ',') < 0)
		return;
	FUZZ_ASSERT(cxm_csv_spec_new(&spec) == CXM_OK, "cxm_csv_spec_new");
	for (i = 0; i < cxm_csv_column_count(csv); i++) {
		const char *name = cxm_csv_column_name(csv, i);
		size_t first = i;
		if (name[0] == '\0' || (cxm_csv_column_index(&first, csv, name) == CXM_OK && first < i))
			continue;
		FUZZ_ASSERT(cxm_csv_spec_add_column(spec, name, (int)(i % 3), i % 2 ? CXM_CSV_REQUIRED : 0) == CXM_OK,
			    "cxm_csv_spec_add_column('%s')", name);
	}
	cxm_csv_free(csv);
	rc = cxm_table_read_csv(&t, path, spec);
	if (rc < 0) {
		fuzz_check_error(rc, "cxm_table_read_csv");
		FUZZ_ASSERT((rc == CXM_EPARSE || rc == CXM_EOUT_OF_RANGE) && t == NULL, "cxm_table_read_csv with a spec: %d",
			    rc);
		FUZZ_ASSERT(strstr(cxm_error_last()->message, path) != NULL,
			    "cxm_table_read_csv: the message does not name the file: %s", cxm_error_last()->message);
	} else {
		FUZZ_ASSERT(sn->complete && cxm_table_rows(t) == sn->rows, "a typed table of %zu rows; the reader saw %zu",
			    cxm_table_rows(t), sn->rows);
		cxm_table_free(t);
	}
	cxm_csv_spec_free(spec);
}

/* Read with ';' and a decimal comma, numbers inferred: a column that came
 * out as numbers holds strtod of each of its texts (read again as text)
 * with '.' for ',', and a text with a '.' never made it a number. */
static void read_comma(const char *path)
{
	cxm_csv_spec *spec = NULL, *text_spec = NULL;
	cxm_table *t = NULL, *texts = NULL;
	size_t c, i;
	int rc, rc_text;
	FUZZ_ASSERT(cxm_csv_spec_new(&spec) == CXM_OK && cxm_csv_spec_new(&text_spec) == CXM_OK, "cxm_csv_spec_new");
	FUZZ_ASSERT(cxm_csv_spec_set_decimal_comma(spec, 1) == CXM_EBAD_ARG, "a decimal comma with ',' accepted");
	FUZZ_ASSERT(cxm_csv_spec_set_delimiter(spec, ';') == CXM_OK && cxm_csv_spec_set_decimal_comma(spec, 1) == CXM_OK &&
		    cxm_csv_spec_set_infer_numbers(spec, 1) == CXM_OK && cxm_csv_spec_set_delimiter(text_spec, ';') == CXM_OK,
		    "the comma spec");
	rc = cxm_table_read_csv(&t, path, spec);
	rc_text = cxm_table_read_csv(&texts, path, text_spec);
	FUZZ_ASSERT(rc == rc_text, "with a decimal comma %d, as text %d", rc, rc_text);
	if (rc < 0) {
		fuzz_check_error(rc, "cxm_table_read_csv");
		FUZZ_ASSERT(rc == CXM_EPARSE || rc == CXM_EEMPTY, "cxm_table_read_csv with a decimal comma: %d", rc);
	} else {
		for (c = 0; c < cxm_table_column_count(t); c++) {
			const double *v = cxm_table_numbers(t, c);
			const char *const *s = cxm_table_texts(texts, c);
			if (v == NULL)
				continue; /* still text */
			for (i = 0; i < cxm_table_rows(t); i++) {
				char *copy = strdup(s[i]), *p, *end;
				size_t len;
				double ref;
				FUZZ_ASSERT(copy != NULL, "strdup");
				FUZZ_ASSERT(strchr(copy, '.') == NULL, "'%s' read as a number with a decimal comma", copy);
				for (p = copy; *p == ' ' || *p == '\t'; p++)
					;
				len = strlen(p);
				while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
					p[--len] = '\0';
				if (len == 0) {
					FUZZ_ASSERT(isnan(v[i]), "a blank text read as %.17g", v[i]);
				} else {
					char *comma = strchr(p, ',');
					if (comma)
						*comma = '.';
					ref = strtod(p, &end);
					FUZZ_ASSERT(*end == '\0' && ref == v[i] && strspn(p, "0123456789+-.eE") == len,
						    "'%s' read as %.17g with a decimal comma; strtod gives %.17g", s[i], v[i], ref);
				}
				free(copy);
			}
		}
		cxm_table_free(t);
		cxm_table_free(texts);
	}
	cxm_csv_spec_free(spec);
	cxm_csv_spec_free(text_spec);
}

/* The input gzip-compressed (one member, or two: the second half appended as
 * `cat a.gz b.gz` would) must read as the plain input did. */
static void read_gzip(const uint8_t *data, size_t size, const seen *plain)
{
	size_t cap = compressBound((uLong)size) * 2 + 64, used = 0, half = size / 2, part;
	unsigned char *gz = malloc(cap);
	int m, members = size % 2 ? 2 : 1;
	const char *path;
	seen sn;
	FUZZ_ASSERT(gz != NULL, "malloc");
	for (m = 0; m < members; m++) {
		z_stream z;
		const uint8_t *src = members == 1 ? data : m == 0 ? data : data + half;
		part = members == 1 ? size : m == 0 ? half : size - half;
		memset(&z, 0, sizeof z);
		FUZZ_ASSERT(deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK, "deflateInit2");
		z.next_in = (Bytef *)src;
		z.avail_in = (uInt)part;
		z.next_out = gz + used;
		z.avail_out = (uInt)(cap - used);
		FUZZ_ASSERT(deflate(&z, Z_FINISH) == Z_STREAM_END, "deflate");
		used += z.total_out;
		deflateEnd(&z);
	}
	path = fuzz_file_write(gz, used);
	read_all(path, ',', data, size, &sn);
	FUZZ_ASSERT(sn.open_rc == plain->open_rc && sn.next_rc == plain->next_rc && sn.complete == plain->complete &&
		    sn.rows == plain->rows && sn.cols == plain->cols && (sn.open_rc < 0 || sn.digest == plain->digest),
		    "gzip (%d member%s) read otherwise: open %d/%d, next %d/%d, %zu/%zu rows, %zu/%zu columns, "
		    "fields %s", members, members == 1 ? "" : "s", sn.open_rc, plain->open_rc, sn.next_rc,
		    plain->next_rc, sn.rows, plain->rows, sn.cols, plain->cols,
		    sn.digest == plain->digest ? "the same" : "differ");
	free(gz);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file_write(data, size);
	seen comma, other;
	read_all(path, ',', data, size, &comma);
	if (size > 0 && data[0] != ',')
		read_all(path, (char)data[0], data, size, &other);
	read_typed(path, &comma);
	read_comma(path);
	read_table(path, &comma); /* it writes the file anew */
	if (!(size >= 2 && data[0] == 0x1F && data[1] == 0x8B)) /* gzip of gzip reads as the inner gzip */
		read_gzip(data, size, &comma);                    /* it writes the file anew too */
	return 0;
}
