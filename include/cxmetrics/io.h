/*
 * cxmetrics/io.h - reading CSV files and dates; freeing library strings.
 *
 * The CSV reader streams: it holds one record at a time, whatever the file
 * size. RFC 4180 quoting ("a, b", "say ""hi""") and LF or CRLF line ends.
 * Errors name the file, line and column.
 *
 * Thread safety: a cxm_csv handle belongs to one thread at a time; the other
 * functions are pure.
 */
#ifndef CXMETRICS_IO_H
#define CXMETRICS_IO_H

#include "common.h"

CXM_BEGIN_DECL

/** Free memory the library allocated for the caller (strings). NULL is a no-op. */
CXM_API void cxm_free(void *p);

/**
 * Parse an ISO-8601 calendar date "YYYY-MM-DD" (a following "T..." time part
 * is ignored) into a day number: days since 1970-01-01, negative before.
 * Errors: BAD_ARG (NULL), PARSE (names the text).
 */
CXM_API int cxm_date_parse(double *day, const char *iso_date);

/** A streaming CSV reader positioned after the header line. */
typedef struct cxm_csv cxm_csv;

/**
 * Open a CSV file and read its header.
 * @param delimiter  ',' usually; ';' and '\t' work too.
 * Errors: BAD_ARG (NULL), IO (cannot open: names the file and the OS reason),
 *         EMPTY (no header line), PARSE, NOMEM.
 * Ownership: *out is the caller's; close with cxm_csv_free.
 */
CXM_API int cxm_csv_open(cxm_csv **out, const char *path, char delimiter);

/** Close the file and free the reader; NULL is a no-op. */
CXM_API void cxm_csv_free(cxm_csv *csv);

/** Number of header columns. */
CXM_API size_t cxm_csv_column_count(const cxm_csv *csv);

/** Header name of column i (NULL when out of range). Ownership: borrowed. */
CXM_API const char *cxm_csv_column_name(const cxm_csv *csv, size_t i);

/**
 * Index of the column with this header name.
 * Errors: BAD_ARG (NULL, or no such column: the message lists the columns there are).
 */
CXM_API int cxm_csv_column_index(size_t *index, const cxm_csv *csv, const char *name);

/**
 * Read the next record.
 * @param has_row  out: 1 when a record was read, 0 at end of file.
 * Errors: BAD_ARG, PARSE (unterminated quote, wrong number of fields: file:line),
 *         IO, NOMEM.
 */
CXM_API int cxm_csv_next(cxm_csv *csv, int *has_row);

/**
 * Field `col` of the current record, NUL-terminated, quotes removed.
 * @param len  out (may be NULL): its length in bytes.
 * Ownership: borrowed; valid until the next cxm_csv_next. NULL if col is out of range.
 */
CXM_API const char *cxm_csv_field(const cxm_csv *csv, size_t col, size_t *len);

/**
 * Field `col` as a number. An empty field is NaN (a missing answer).
 * Errors: BAD_ARG (col), PARSE ("file:line:column 'name': 'abc' is not a number").
 */
CXM_API int cxm_csv_field_double(double *out, const cxm_csv *csv, size_t col);

/** 1-based line number of the current record (0 before the first). */
CXM_API size_t cxm_csv_line(const cxm_csv *csv);

/** The path the reader was opened with. Ownership: borrowed. */
CXM_API const char *cxm_csv_path(const cxm_csv *csv);

CXM_END_DECL

#endif
