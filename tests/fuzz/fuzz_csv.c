/*
 * tests/fuzz/fuzz_csv.c - libFuzzer target for the streaming CSV reader
 * (lib/io/csv.c, cxmetrics/io.h).
 *
 * The input is the file. It is read to the end twice: with ',' and with its
 * own first byte as the delimiter (a refused one must give BAD_ARG). Every
 * record is read, every field fetched as text and as a number; a number is
 * checked against strtod on the trimmed text. The fuzz build gives the reader
 * a 7-byte read buffer (meson.build), so that read boundaries fall in every
 * parser state (a CRLF, a doubled quote, a quoted line break split across reads).
 */
#define _GNU_SOURCE
#include <math.h>
#include "fuzz_common.h"

static size_t line_breaks(const uint8_t *data, size_t size)
{
	size_t i, n = 0;
	for (i = 0; i < size; i++)
		n += data[i] == '\n' || data[i] == '\r';
	return n;
}

/* cxm_csv_field_double against strtod on the same text (spaces and tabs around it trimmed). */
static void check_number(const cxm_csv *csv, size_t col, const char *f, size_t len)
{
	double d = -1.0, ref;
	const char *s = f;
	size_t n = len;
	char *copy, *end;
	int rc = cxm_csv_field_double(&d, csv, col);
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
	if (rc == CXM_OK) {
		FUZZ_ASSERT(end == copy + n, "field %zu '%s' read as %.17g, but strtod stops at byte %zu",
			    col, copy, d, (size_t)(end - copy));
		FUZZ_ASSERT(d == ref || (isnan(d) && isnan(ref)),
			    "field %zu '%s' read as %.17g, strtod gives %.17g", col, copy, d, ref);
	} else {
		fuzz_check_error(rc, "cxm_csv_field_double");
		FUZZ_ASSERT(rc == CXM_EPARSE, "cxm_csv_field_double: %d for a bad number", rc);
		FUZZ_ASSERT(end != copy + n, "field %zu '%s' rejected, but strtod reads all of it", col, copy);
	}
	free(copy);
}

static void read_all(const char *path, char delim, const uint8_t *data, size_t size)
{
	cxm_csv *csv = (cxm_csv *)1;
	size_t n, i, idx, prev_line = 1, rows = 0;
	size_t max_line = 1 + line_breaks(data, size);
	double d;
	int rc, has_row;

	rc = cxm_csv_open(&csv, path, delim);
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
	for (i = 0; i < n; i++) {
		const char *name = cxm_csv_column_name(csv, i);
		FUZZ_ASSERT(name != NULL, "column %zu of %zu has no name", i, n);
		FUZZ_ASSERT(strlen(name) <= size, "column name longer than the input");
		rc = cxm_csv_column_index(&idx, csv, name);
		FUZZ_ASSERT(rc == CXM_OK && idx <= i && strcmp(cxm_csv_column_name(csv, idx), name) == 0,
			    "cxm_csv_column_index('%s') gives %d, %zu (column %zu)", name, rc, idx, i);
	}
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
	FUZZ_ASSERT(cxm_csv_field(csv, 0, NULL) == NULL, "a field before the first record");
	rc = cxm_csv_field_double(&d, csv, 0);
	FUZZ_ASSERT(rc == CXM_EBAD_ARG, "a number before the first record: %d", rc);
	fuzz_check_error(rc, "cxm_csv_field_double");

	for (;;) {
		size_t line, total = 0;
		has_row = -1;
		rc = cxm_csv_next(csv, &has_row);
		if (rc < 0) {
			fuzz_check_error(rc, "cxm_csv_next");
			FUZZ_ASSERT(rc == CXM_EPARSE, "cxm_csv_next: unexpected code %d", rc);
			FUZZ_ASSERT(has_row == 0, "cxm_csv_next failed with has_row %d", has_row);
			FUZZ_ASSERT(strstr(cxm_error_last()->message, path) != NULL,
				    "cxm_csv_next: the message does not name the file: %s", cxm_error_last()->message);
			FUZZ_ASSERT(cxm_csv_field(csv, 0, NULL) == NULL, "a field after a failed record");
			break; /* the reader is at an unknown place: free it */
		}
		FUZZ_ASSERT(has_row == 0 || has_row == 1, "has_row is %d", has_row);
		if (!has_row) {
			FUZZ_ASSERT(cxm_csv_next(csv, &has_row) == CXM_OK && has_row == 0,
				    "the reader does not stay at the end");
			break;
		}
		rows++;
		line = cxm_csv_line(csv);
		FUZZ_ASSERT(line > prev_line && line <= max_line,
			    "record %zu on line %zu (previous %zu, at most %zu)", rows, line, prev_line, max_line);
		prev_line = line;
		for (i = 0; i < n; i++) {
			size_t len = (size_t)-1;
			const char *f = cxm_csv_field(csv, i, &len);
			FUZZ_ASSERT(f != NULL, "record %zu has no field %zu", rows, i);
			FUZZ_ASSERT(len <= size && f[len] == '\0', "field %zu: length %zu, not NUL-terminated there",
				    i, len);
			FUZZ_ASSERT(cxm_csv_field(csv, i, NULL) == f, "the field moved");
			total += len;
			check_number(csv, i, f, len);
		}
		FUZZ_ASSERT(total <= size, "%zu bytes of fields from %zu bytes of input", total, size);
		FUZZ_ASSERT(cxm_csv_field(csv, n, NULL) == NULL, "a field past the last column");
		rc = cxm_csv_field_double(&d, csv, n);
		FUZZ_ASSERT(rc == CXM_EBAD_ARG, "a number past the last column: %d", rc);
		fuzz_check_error(rc, "cxm_csv_field_double");
	}
	FUZZ_ASSERT(rows <= max_line, "%zu records from %zu lines", rows, max_line);
	cxm_csv_free(csv);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file_write(data, size);
	read_all(path, ',', data, size);
	if (size > 0 && data[0] != ',')
		read_all(path, (char)data[0], data, size);
	return 0;
}
