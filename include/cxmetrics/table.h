/*
 * cxmetrics/table.h - tables of named columns: what the library's table
 * producers return (the CLV customer summary, the RFM customer table, CLV
 * predictions) and what it writes as CSV or JSON.
 *
 * A table has columns of one of three types, every column with the same
 * number of rows:
 *  - NUMBER: doubles (NaN and infinities allowed; written as an empty CSV
 *    field and as JSON null);
 *  - DAY: day numbers as cxm_date_parse gives them (whole numbers in the
 *    years 0001..9999), written as dates YYYY-MM-DD;
 *  - TEXT: strings, each distinct string stored once (a column of customer
 *    ids repeats few strings many times); C callers get the column as an
 *    array of row pointers, the bindings as codes into the column's levels
 *    (its distinct strings in first-seen order), as a pandas Categorical or
 *    an R factor holds them.
 * A table also has attributes: named texts, numbers and days, in the order
 * they were first set (the CLV summary's period, calibration_end, ...), and
 * a row name for JSON ("customers").
 *
 * Columns are appended whole; the first column sets the number of rows.
 * Reading a table from a CSV file is in experimental.h (cxm_table_read_csv).
 *
 * Thread safety: a table may be read (and written out) from many threads at
 * once; changing it needs the caller's lock.
 */
#ifndef CXMETRICS_TABLE_H
#define CXMETRICS_TABLE_H

#include <stdint.h>
#include <stdio.h>
#include "common.h"

CXM_BEGIN_DECL

/** A table of named columns with attributes (opaque). */
typedef struct cxm_table cxm_table;

/** The types of columns and attributes. */
typedef enum cxm_table_type {
	CXM_TABLE_NUMBER = 0, /**< a double */
	CXM_TABLE_DAY = 1,    /**< a day number, written YYYY-MM-DD */
	CXM_TABLE_TEXT = 2    /**< a string */
} cxm_table_type;

/**
 * A new empty table: no columns, no rows, no attributes, row name "rows".
 * @param out  out: the table, or NULL on failure.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_table_free.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_table_new(cxm_table **out);

/**
 * Free a table and everything borrowed from it.
 * @param t  NULL is a no-op.
 * Errors: none. Ownership: every pointer borrowed from t dies with it.
 * Thread safety: t must not be in use elsewhere.
 */
CXM_API void cxm_table_free(cxm_table *t);

/**
 * Number of rows (0 for NULL or a table without columns).
 * Errors: none. Ownership: nothing allocated. Thread safety: read-only.
 */
CXM_API size_t cxm_table_rows(const cxm_table *t);

/**
 * Number of columns (0 for NULL).
 * Errors: none. Ownership: nothing allocated. Thread safety: read-only.
 */
CXM_API size_t cxm_table_column_count(const cxm_table *t);

/**
 * Name of column `col` (0-based).
 * @return the name, or NULL when t is NULL or col is out of range.
 * Errors: none. Ownership: borrowed; valid until cxm_table_free.
 * Thread safety: read-only.
 */
CXM_API const char *cxm_table_column_name(const cxm_table *t, size_t col);

/**
 * Type of column `col`.
 * @param type  out: a cxm_table_type.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL, col out of range: the message gives the count).
 * Ownership: nothing allocated. Thread safety: read-only.
 */
CXM_API cxm_status cxm_table_column_type(int *type, const cxm_table *t, size_t col);

/**
 * Index of the column with this name (exact, case-sensitive).
 * @param index  out: the 0-based index.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL, or no such column: "no column 'x' in the table;
 *         its columns are: id, frequency, ...").
 * Ownership: nothing allocated. Thread safety: read-only.
 */
CXM_API cxm_status cxm_table_column_index(size_t *index, const cxm_table *t, const char *name);

/**
 * Append a column of numbers (copied). The table's first column sets the
 * number of rows; every later one must have that many.
 * @param t       the table.
 * @param name    the column's name: not empty, not a name the table has.
 * @param values  n numbers (NaN and infinities allowed), or NULL with n = 0.
 * @param n       the number of rows.
 * @return CXM_OK or a negative code; on failure t is unchanged.
 * Errors: BAD_ARG (NULL t or name, empty or duplicate name, values NULL
 *         with n > 0, n not the table's row count), NOMEM.
 * Ownership: the table keeps a copy. Thread safety: modifies t.
 */
CXM_API cxm_status cxm_table_add_numbers(cxm_table *t, const char *name, const double *values, size_t n);

/**
 * Append a column of day numbers (copied), written as dates YYYY-MM-DD.
 * @param days  n whole numbers from -719162 (0001-01-01) to 2932896
 *              (9999-12-31), or NULL with n = 0.
 * @return CXM_OK or a negative code; on failure t is unchanged.
 * Errors: as cxm_table_add_numbers; NAN (a NaN day), BAD_ARG (a day that is
 *         not a whole number in that range: the message names the row).
 * Ownership: the table keeps a copy. Thread safety: modifies t.
 */
CXM_API cxm_status cxm_table_add_days(cxm_table *t, const char *name, const double *days, size_t n);

/**
 * Append a column of strings (each distinct string is copied once).
 * @param texts  n NUL-terminated strings (none NULL), or NULL with n = 0.
 * @return CXM_OK or a negative code; on failure t is unchanged.
 * Errors: as cxm_table_add_numbers; BAD_ARG (texts[i] NULL: the message
 *         names i), NOMEM.
 * Ownership: the table keeps copies. Thread safety: modifies t.
 */
CXM_API cxm_status cxm_table_add_texts(cxm_table *t, const char *name, const char *const *texts, size_t n);

/**
 * The values of a NUMBER or DAY column, in row order.
 * @return the array (cxm_table_rows entries), or NULL when t is NULL, col is
 *         out of range, the column is TEXT or the table has no rows.
 * Errors: none. Ownership: borrowed; valid until the table is changed or freed.
 * Thread safety: read-only.
 */
CXM_API const double *cxm_table_numbers(const cxm_table *t, size_t col);

/**
 * The strings of a TEXT column, in row order (rows with the same string
 * share one pointer).
 * @return the array (cxm_table_rows entries), or NULL when t is NULL, col is
 *         out of range, the column is not TEXT or the table has no rows.
 * Errors: none. Ownership: borrowed; valid until the table is changed or freed.
 * Thread safety: read-only.
 */
CXM_API const char *const *cxm_table_texts(const cxm_table *t, size_t col);

/**
 * Copy a NUMBER or DAY column into a caller buffer.
 * @param out    receives cxm_table_rows(t) values.
 * @param n_out  capacity of out.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL t; out NULL with n_out > 0; col out of range; a
 *         TEXT column; n_out smaller than the rows: "n_out = 3 is smaller
 *         than the 5 rows").
 * Ownership: out is the caller's. Thread safety: read-only on t.
 */
CXM_API cxm_status cxm_table_copy_numbers(double *out, size_t n_out, const cxm_table *t, size_t col);

/**
 * Copy the codes of a TEXT column into a caller buffer: row i holds
 * cxm_table_level(t, col, out[i]).
 * @param out    receives cxm_table_rows(t) codes.
 * @param n_out  capacity of out.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (as cxm_table_copy_numbers; a column that is not TEXT).
 * Ownership: out is the caller's. Thread safety: read-only on t.
 */
CXM_API cxm_status cxm_table_copy_codes(uint32_t *out, size_t n_out, const cxm_table *t, size_t col);

/**
 * Number of distinct strings (levels) of a TEXT column; 0 for NULL, a column
 * out of range or not TEXT.
 * Errors: none. Ownership: nothing allocated. Thread safety: read-only.
 */
CXM_API size_t cxm_table_level_count(const cxm_table *t, size_t col);

/**
 * Level `i` of a TEXT column: its distinct strings in the order of their
 * first row.
 * @return the string, or NULL when out of range.
 * Errors: none. Ownership: borrowed; valid until the table is freed.
 * Thread safety: read-only.
 */
CXM_API const char *cxm_table_level(const cxm_table *t, size_t col, size_t i);

/* ---- attributes ------------------------------------------------------------------------- */

/**
 * Set a text attribute (copied). A new name goes after the attributes there
 * are; setting a name again replaces its value (and type) in place.
 * @param name  not empty.
 * @param text  NUL-terminated.
 * @return CXM_OK or a negative code; on failure t is unchanged.
 * Errors: BAD_ARG (NULL, empty name), NOMEM.
 * Ownership: the table keeps copies. Thread safety: modifies t.
 */
CXM_API cxm_status cxm_table_set_attr_text(cxm_table *t, const char *name, const char *text);

/**
 * Set a number attribute (NaN and infinities allowed: JSON null), as
 * cxm_table_set_attr_text.
 * Errors: BAD_ARG (NULL, empty name), NOMEM.
 * Ownership: the table keeps a copy of the name. Thread safety: modifies t.
 */
CXM_API cxm_status cxm_table_set_attr_number(cxm_table *t, const char *name, double x);

/**
 * Set a day attribute (written YYYY-MM-DD), as cxm_table_set_attr_text.
 * Errors: BAD_ARG (NULL, empty name; a day that is not a whole number in
 *         0001-01-01..9999-12-31), NAN (a NaN day), NOMEM.
 * Ownership: the table keeps a copy of the name. Thread safety: modifies t.
 */
CXM_API cxm_status cxm_table_set_attr_day(cxm_table *t, const char *name, double day);

/**
 * Number of attributes (0 for NULL).
 * Errors: none. Ownership: nothing allocated. Thread safety: read-only.
 */
CXM_API size_t cxm_table_attr_count(const cxm_table *t);

/**
 * Name of attribute i (in the order first set), or NULL when out of range.
 * Errors: none. Ownership: borrowed; valid until the attribute is set again
 * or the table is freed. Thread safety: read-only.
 */
CXM_API const char *cxm_table_attr_name(const cxm_table *t, size_t i);

/**
 * Type of attribute i.
 * @param type  out: a cxm_table_type.
 * Errors: BAD_ARG (NULL, i out of range).
 * Ownership: nothing allocated. Thread safety: read-only.
 */
CXM_API cxm_status cxm_table_attr_type(int *type, const cxm_table *t, size_t i);

/**
 * The value of a NUMBER or DAY attribute.
 * @param out   out: the value (a day number for DAY).
 * @param name  the attribute.
 * Errors: BAD_ARG (NULL; no such attribute, or a TEXT one: the message
 *         names the attributes there are).
 * Ownership: nothing allocated. Thread safety: read-only.
 */
CXM_API cxm_status cxm_table_get_attr_number(double *out, const cxm_table *t, const char *name);

/**
 * The value of a TEXT attribute.
 * @param out   out: the text, borrowed (valid until the attribute is set
 *              again or the table is freed).
 * Errors: BAD_ARG (NULL; no such attribute, or not a TEXT one).
 * Ownership: borrowed. *out is unchanged on failure. Thread safety: read-only.
 */
CXM_API cxm_status cxm_table_get_attr_text(const char **out, const cxm_table *t, const char *name);

/**
 * Name the rows for JSON: the key of the array of rows ("customers"), and of
 * their count, "n_" + name. The default is "rows".
 * Errors: BAD_ARG (NULL, empty name), NOMEM.
 * Ownership: the table keeps a copy. Thread safety: modifies t.
 */
CXM_API cxm_status cxm_table_set_row_name(cxm_table *t, const char *name);

/**
 * The row name ("rows" unless set); NULL for NULL.
 * Errors: none. Ownership: borrowed. Thread safety: read-only.
 */
CXM_API const char *cxm_table_row_name(const cxm_table *t);

/* ---- writing ------------------------------------------------------------------------------ */

/**
 * The table as text, in one of two formats (cxm_format of names.h):
 *  - CXM_FORMAT_CSV (RFC 4180): a header line of the column names, then one
 *    line per row; numbers in the shortest text that reads back exactly
 *    ("2", "0.1", "30.428571428571427"), NaN and infinities as an empty
 *    field, days as YYYY-MM-DD, texts quoted ("b,2" -> "\"b,2\"") when they
 *    hold a comma, a quote or a line break. Attributes are not written.
 *  - CXM_FORMAT_JSON: one object: the attributes in order (texts as
 *    strings, numbers, days as "YYYY-MM-DD"), then "n_<row name>": the row
 *    count, then "<row name>": an array of one object per row, each on a
 *    line of its own ({"id": "0001", "frequency": 2, ...}); NaN and
 *    infinities are null.
 * Lines end with a line feed (LF); the text ends with one.
 * @param out     out: the text, or NULL on failure.
 * @param format  CXM_FORMAT_CSV or CXM_FORMAT_JSON.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL; another format; an attribute named as the rows or
 *         their count in JSON), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_free (io.h).
 * Thread safety: read-only on t.
 */
CXM_API cxm_status cxm_table_render(char **out, const cxm_table *t, int format);

/**
 * Write the table to a stream, as cxm_table_render would give it, in chunks
 * of some KiB: a table of a million rows never sits in memory as one text.
 * @param f       an open stream (not flushed or closed here).
 * @param format  CXM_FORMAT_CSV or CXM_FORMAT_JSON.
 * @return CXM_OK or a negative code.
 * Errors: as cxm_table_render; IO (a write failed: the OS reason).
 * Ownership: nothing allocated for the caller. Thread safety: read-only on
 * t; the stream is the caller's to share.
 */
CXM_API cxm_status cxm_table_write(FILE *f, const cxm_table *t, int format);

CXM_END_DECL

#endif
