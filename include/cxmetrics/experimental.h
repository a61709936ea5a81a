/*
 * cxmetrics/experimental.h - functions whose form is not settled yet.
 *
 * Define CXM_EXPERIMENTAL before including cxmetrics.h (or this header) to
 * see them. They are exported under their own version node,
 * CXMETRICS_EXPERIMENTAL, which the ABI check does not hold to: they may
 * change or go in any release, without a new soversion (conventions C8).
 *
 * Now here: reading a CSV file into a table (table.h): numbers inferred on
 * request (cxm_csv_spec_set_infer_numbers), dates in a format
 * (cxm_csv_spec_set_date_format), decimal commas
 * (cxm_csv_spec_set_decimal_comma). The files the reader takes (gzip,
 * standard input, UTF-8 only) are those of cxm_csv_open (io.h).
 */
#ifndef CXMETRICS_EXPERIMENTAL_H
#define CXMETRICS_EXPERIMENTAL_H

#include "common.h"
#include "table.h"

#ifdef CXM_EXPERIMENTAL

CXM_BEGIN_DECL

/** What to read from a CSV file and how (opaque; NULL means: every column, as text). */
typedef struct cxm_csv_spec cxm_csv_spec;

/**
 * A new spec: delimiter ',', no columns (read every column of the file as
 * TEXT, in file order).
 * @param out  out: the spec, or NULL on failure.
 * Errors: BAD_ARG (NULL out), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_csv_spec_free.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_csv_spec_new(cxm_csv_spec **out);

/**
 * Free a spec. @param spec NULL is a no-op.
 * Errors: none. Ownership: nothing borrowed outlives it. Thread safety: not while in use.
 */
CXM_API void cxm_csv_spec_free(cxm_csv_spec *spec);

/**
 * The field separator: ',' (the default), ';', '|', a tab, ...
 * Errors: BAD_ARG (NULL spec; '"', a carriage return, a line feed or NUL: the
 *         message names it; ',' while cxm_csv_spec_set_decimal_comma is on).
 * Ownership: nothing allocated. Thread safety: modifies spec.
 */
CXM_API cxm_status cxm_csv_spec_set_delimiter(cxm_csv_spec *spec, char delimiter);

/**
 * Number inference for a spec without columns (every column read): on 1, a
 * column becomes CXM_TABLE_NUMBER when every non-empty field of it reads as
 * a number (the decimal grammar of spec §0.10: sign, digits, point,
 * exponent, spaces around it allowed; no hexadecimal, no "inf" or "nan"
 * words, nothing too large for a double) and at least one field
 * is not empty; its empty (or blank) fields are NaN, a missing value. Every
 * other column stays CXM_TABLE_TEXT. Each distinct text of a column is
 * parsed once. A leading zero is not kept ("007" reads 7): give such
 * columns their type with cxm_csv_spec_add_column. On 0 (the default) every
 * column is TEXT. A spec with columns reads each as the type it was given,
 * whatever this says.
 * Errors: BAD_ARG (NULL spec; on not 0 or 1).
 * Ownership: nothing allocated. Thread safety: modifies spec.
 */
CXM_API cxm_status cxm_csv_spec_set_infer_numbers(cxm_csv_spec *spec, int on);

/**
 * Numbers with a decimal comma (spec §0.10): on 1, NUMBER columns and number
 * inference read "1,5" as 1.5 and "-1,5e3" as -1500, and "1.5" is not a
 * number (PARSE: a file mixes the two marks, or is not what the spec says);
 * there is no thousands separator ("1.234,5" is PARSE too). On 0 (the
 * default) the mark is '.'. The delimiter must then be another than ','
 * (';' is usual: set it first), and it cannot be set to ',' while this is on.
 * Errors: BAD_ARG (NULL spec; on not 0 or 1; on 1 with the delimiter ',').
 * Ownership: nothing allocated. Thread safety: modifies spec.
 */
CXM_API cxm_status cxm_csv_spec_set_decimal_comma(cxm_csv_spec *spec, int on);

/**
 * How CXM_TABLE_DAY columns are written: a strptime-style format
 * (cxm_date_parse_format, spec §0.12: "%m/%d/%Y %H:%M", "%d.%m.%Y"), or
 * NULL / "" for ISO 8601 (YYYY-MM-DD or YYYYMMDD, the default). The format
 * is checked here, once.
 * Errors: BAD_ARG (NULL spec; a bad format, as cxm_date_parse_format:
 *         the spec is then left as it was).
 * Ownership: the spec keeps the format, compiled; nothing is allocated.
 * Thread safety: modifies spec.
 */
CXM_API cxm_status cxm_csv_spec_set_date_format(cxm_csv_spec *spec, const char *format);

/** Flags of cxm_csv_spec_add_column (or them together). */
#define CXM_CSV_REQUIRED 1  /**< a file without the column is an error (else the table lacks it) */
#define CXM_CSV_NOT_EMPTY 2 /**< an empty TEXT field is an error (NUMBER and DAY fields never are empty) */

/**
 * Read the column with this header name (a header that gives a name twice
 * is refused when the file is opened) as a column of this type; the table's columns come in the
 * order they were added. How a field reads:
 *  - CXM_TABLE_NUMBER: a number (the decimal grammar of spec §0.10, spaces
 *    around it allowed; 1e999 is OUT_OF_RANGE); an empty field is an error;
 *  - CXM_TABLE_DAY: a date YYYY-MM-DD or YYYYMMDD (cxm_date_parse; a time
 *    after it is ignored), or as cxm_csv_spec_set_date_format says; an
 *    empty field is an error;
 *  - CXM_TABLE_TEXT: the field as it is (an empty one too, unless
 *    CXM_CSV_NOT_EMPTY); a NUL byte in it is an error.
 * @param name   the header name (exact, case-sensitive).
 * @param type   a cxm_table_type.
 * @param flags  CXM_CSV_REQUIRED and/or CXM_CSV_NOT_EMPTY, or 0: an optional
 *               column whose text may be empty.
 * Errors: BAD_ARG (NULL, empty name, a name added already, unknown type,
 *         unknown flags), NOMEM.
 * Ownership: the spec keeps a copy of name. Thread safety: modifies spec.
 */
CXM_API cxm_status cxm_csv_spec_add_column(cxm_csv_spec *spec, const char *name, int type, int flags);

/**
 * Read a CSV file (the RFC 4180 rules of cxm_csv_open, io.h) into a table:
 * the columns of the spec, every row. A file with a header but no rows gives
 * a table of 0 rows.
 * @param out   out: the table, or NULL on failure.
 * @param path  the file.
 * @param spec  the columns and the delimiter; NULL: every column as TEXT,
 *              delimiter ','; a spec without columns: every column as TEXT
 *              (or NUMBER, cxm_csv_spec_set_infer_numbers), the spec's delimiter.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out or path; a required column the file lacks: the
 *         message names the file and its columns), IO, EMPTY (no header
 *         line), PARSE (malformed CSV; a header name given twice; without a
 *         spec, an empty header name; a field that does not read as its column's
 *         type: "FILE:LINE:COLUMN 'name': 'abc' is not a number", "...:
 *         '2024-02-30' is not a date: ...", "...: the field is empty; a
 *         number is needed"; an empty CXM_CSV_NOT_EMPTY text),
 *         OUT_OF_RANGE (a NUMBER field too large for a double), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_table_free.
 * Thread safety: pure (spec is only read).
 */
CXM_API cxm_status cxm_table_read_csv(cxm_table **out, const char *path, const cxm_csv_spec *spec);

CXM_END_DECL

#endif /* CXM_EXPERIMENTAL */

#endif
