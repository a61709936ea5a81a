/*
 * cxmetrics/io.h - reading CSV files and dates; freeing library strings.
 *
 * The CSV reader streams: it holds one record at a time, whatever the file
 * size (a record is capped at CXM_CSV_MAX_RECORD bytes). It follows RFC 4180:
 *  - fields are separated by the delimiter given to cxm_csv_open;
 *  - a field that starts with '"' is quoted: it may contain the delimiter,
 *    line breaks and doubled quotes ("say ""hi""" reads as say "hi"); after
 *    its closing quote only the delimiter or the end of the line may follow;
 *  - a quote inside an unquoted field (5" screen) is kept as it is;
 *  - lines end with LF, CRLF or a lone CR; the last line may lack one;
 *  - a UTF-8 byte-order mark before the header is skipped;
 *  - empty lines are skipped (as pandas' skip_blank_lines does);
 *  - the first line is the header, and every record must have as many fields
 *    as the header; no two header names are the same (empty names aside).
 * Files that are not what they seem (spec §0.11):
 *  - a file that starts with gzip's magic bytes (1F 8B) is inflated as it is
 *    read (zlib; memory stays bounded); concatenated members are read in turn;
 *  - the path "-" is standard input (gzip too); messages name it "<stdin>";
 *  - the text must be UTF-8: a UTF-16 or UTF-32 byte-order mark, and any byte
 *    that is not UTF-8 in the header or a field, is PARSE saying how to
 *    convert the file (iconv).
 * Errors name the file, the line and, where one is at fault, the column.
 *
 * Thread safety: a cxm_csv handle belongs to one thread at a time; the other
 * functions are pure.
 */
#ifndef CXMETRICS_IO_H
#define CXMETRICS_IO_H

#include "common.h"

CXM_BEGIN_DECL

/**
 * Free memory the library allocated for the caller (rendered reports and
 * other strings), through the allocator of sys/alloc.h.
 * @param p  NULL is a no-op.
 * Errors: none.
 * Ownership: p must come from this library; never pass it to free().
 * Thread safety: safe on distinct pointers.
 */
CXM_API void cxm_free(void *p);

/**
 * Parse an ISO-8601 calendar date, "YYYY-MM-DD" or the basic form "YYYYMMDD",
 * into a day number: days since 1970-01-01 in the proleptic Gregorian
 * calendar, negative before (years 0001..9999, as Python's
 * date.fromisoformat). The month and the day are checked, leap years
 * included (2000-02-29 is a date, 1900-02-29 is not). A time part after 'T'
 * or ' ' ("2024-03-15T13:45:12Z", "20240315 13:45") is ignored, not checked.
 * Every front end (the CLI, the CSV table reader, the bindings) reads dates
 * through this one function.
 * @param day       out: the day number (an integral double).
 * @param iso_date  NUL-terminated text.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL), PARSE (not a valid date: the message quotes the text).
 * Ownership: nothing allocated.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_date_parse(double *day, const char *iso_date);

/**
 * Parse a date written as `format` says (spec §0.12), strptime-style, into a
 * day number (days since 1970-01-01, as cxm_date_parse). The directives:
 *  - %Y a year of 4 digits (0001..9999); %y of 2 digits (69..99 are 19xx,
 *    00..68 are 20xx, as POSIX says);
 *  - %m the month, %d the day (1 or 2 digits: "3" and "03"); %j the day of
 *    the year (1 to 3 digits), instead of a month and a day;
 *  - %b a month's English abbreviation (Jan..Dec), %B its name
 *    (January..December), %a / %A a weekday's (Mon, Monday; not checked
 *    against the date), any letter case;
 *  - %H (0..23), %I (1..12) with %p (AM or PM), %M (0..59), %S (0..60), %f
 *    (1 to 6 digits), %z (Z, +01:00, -0500): checked, then dropped: the
 *    result is the day as written;
 *  - %% a percent sign; a space (or tab) matches one or more blanks; any
 *    other character matches itself.
 * A number directly followed by another ("%Y%m%d") takes all its digits.
 * The whole text must match (trailing blanks allowed). The format must give
 * a year; without %d the day is 1, without a month January (as strptime).
 * @param day     out: the day number (an integral double); written only on success.
 * @param text    NUL-terminated text.
 * @param format  NULL or "": ISO 8601, exactly cxm_date_parse.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL day or text; a bad format: "the date format '%m/%q'
 *         has an unknown directive %q (the directives: ...)", no year, a field
 *         given twice, a lone % at its end), PARSE (the text does not match:
 *         "'13/45/2010 8:26' does not match %m/%d/%Y %H:%M: month 13 is not
 *         1..12"; the text, the format and what failed, with the character
 *         position where the text is not what the format says).
 * Ownership: nothing allocated.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_date_parse_format(double *day, const char *text, const char *format);

/**
 * Many dates in one format (cxm_date_parse_format, the format checked once):
 * out[i] is the day number of texts[i]; a NULL text is NaN, a missing date.
 * @param out     out: n_out >= n day numbers.
 * @param texts   n NUL-terminated texts (NULL entries allowed).
 * @param format  NULL or "": ISO 8601 (cxm_date_parse).
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL arrays with n > 0, n_out < n, a bad format), PARSE
 *         (the first text that does not match, its index first: "dates[17]:
 *         '2010-13-01' does not match ..."); on failure out is partly written.
 * Ownership: nothing allocated.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_dates_parse(double *out, size_t n_out, const char *const *texts, size_t n,
				   const char *format);

/**
 * A number written as the file readers take it (spec §0.10): [sign] digits
 * [. digits] [e [sign] digits], "." whatever the locale, spaces and tabs
 * around it allowed; not hexadecimal, "inf" or "nan". The command line reads
 * its number arguments through it, so `--months 0x10` is refused as a file's
 * 0x10 is.
 * @param out   out: the number.
 * @param text  NUL-terminated text.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL), PARSE (not a number, or an empty or blank text: the
 *         message quotes it), OUT_OF_RANGE (too large for a double: "1e999").
 * Ownership: nothing allocated.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_parse_number(double *out, const char *text);

/** A streaming CSV reader positioned after the header line. */
typedef struct cxm_csv cxm_csv;

/** The longest record (all its fields, after unquoting) the reader accepts: 64 MiB. */
#define CXM_CSV_MAX_RECORD ((size_t)64 * 1024 * 1024)

/**
 * Open a CSV file and read its header.
 * @param out        out: the reader, or NULL on failure.
 * @param delimiter  the field separator: ',' usually; ';', '|' and a tab work
 *                   too. '"', a carriage return, a line feed and NUL are refused.
 * @return CXM_OK or a negative code.
 * @param path       the file to read; "-" for standard input (which is not
 *                   closed afterwards).
 * Errors: BAD_ARG (NULL, bad delimiter), IO (cannot open or read: names the
 *         file and the OS reason), EMPTY (the file holds no header line),
 *         PARSE (malformed header: file:line; a name given twice; a UTF-16 or
 *         UTF-32 byte-order mark; a header that is not UTF-8 or holds a NUL
 *         byte (UTF-16 without a mark); damaged or
 *         truncated gzip data: the messages of spec §0.11), NOMEM.
 * Ownership: *out is the caller's; close it with cxm_csv_free.
 * Thread safety: pure (the new handle belongs to the calling thread).
 */
CXM_API cxm_status cxm_csv_open(cxm_csv **out, const char *path, char delimiter);

/**
 * Close the file and free the reader.
 * @param csv  NULL is a no-op.
 * Errors: none.
 * Ownership: every string borrowed from the reader dies with it.
 * Thread safety: the handle must not be in use by another thread.
 */
CXM_API void cxm_csv_free(cxm_csv *csv);

/**
 * Close the file now, before cxm_csv_free (a binding's close(), a `with`
 * block's end). Afterwards cxm_csv_next and cxm_csv_field_double fail with
 * BAD_ARG ("the reader is closed") and cxm_csv_field gives NULL; the header
 * (column names, cxm_csv_column_index) and the path stay readable. Closing
 * again does nothing.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL).
 * Ownership: the handle is still the caller's: free it with cxm_csv_free.
 * Thread safety: modifies the handle.
 */
CXM_API cxm_status cxm_csv_close(cxm_csv *csv);

/**
 * Whether the reader is closed.
 * @return 1 once cxm_csv_close has run (and for NULL), else 0.
 * Errors: none.
 * Ownership: nothing allocated.
 * Thread safety: read-only on the handle.
 */
CXM_API unsigned int cxm_csv_closed(const cxm_csv *csv);

/**
 * Number of header columns (every record has this many fields).
 * @return the count; 0 for NULL.
 * Errors: none.
 * Ownership: nothing allocated.
 * Thread safety: read-only on the handle.
 */
CXM_API size_t cxm_csv_column_count(const cxm_csv *csv);

/**
 * Header name of column i (0-based), quotes removed.
 * @return the name, or NULL when csv is NULL or i is out of range.
 * Errors: none.
 * Ownership: borrowed; valid until cxm_csv_free.
 * Thread safety: read-only on the handle.
 */
CXM_API const char *cxm_csv_column_name(const cxm_csv *csv, size_t i);

/**
 * Index of the column with this header name (exact, case-sensitive; a
 * header names each column once, cxm_csv_open checks it).
 * @param index  out: the 0-based index.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL, or no such column: the message names the file and
 *         lists the columns there are; when the header is one column whose
 *         name holds ';', a tab, '|' or ',', it adds "; the header has one
 *         column: is the delimiter ';'?").
 * Ownership: nothing allocated.
 * Thread safety: read-only on the handle.
 */
CXM_API cxm_status cxm_csv_column_index(size_t *index, const cxm_csv *csv, const char *name);

/**
 * Read the next record.
 * @param has_row  out: 1 when a record was read, 0 at the end of the file.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL; the reader is closed), PARSE (unterminated quote, a character after a
 *         closing quote, wrong number of fields, record too long: the message
 *         gives file:line and the column; a field that is not UTF-8, the
 *         byte and its offset in the field named; damaged gzip data: spec
 *         §0.11), IO, NOMEM.
 *         After an error the reader is at an unknown place: free it.
 * Ownership: the reader keeps one record buffer and reuses it.
 * Thread safety: modifies the handle.
 */
CXM_API cxm_status cxm_csv_next(int *has_row, cxm_csv *csv);

/**
 * Field `col` of the current record, NUL-terminated, quotes removed.
 * @param len  out (may be NULL): its length in bytes (a field may hold a NUL byte).
 * @return the field, or NULL when csv is NULL, no record was read or col is
 *         out of range.
 * Errors: none.
 * Ownership: borrowed; valid until the next cxm_csv_next or cxm_csv_free.
 * Thread safety: read-only on the handle.
 */
CXM_API const char *cxm_csv_field(size_t *len, const cxm_csv *csv, size_t col);

/**
 * Field `col` of the current record as a number: the decimal grammar of
 * spec §0.10 ([sign] digits [. digits] [e [sign] digits], "." whatever the
 * locale, spaces around it allowed; not hexadecimal, "inf" or "nan"). An
 * empty or all-blank field is NaN: a missing answer.
 * @param out  out: the number.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL, no current record, col out of range),
 *         PARSE ("file:line:column 'name': 'abc' is not a number (...)"),
 *         OUT_OF_RANGE (a number too large for a double: "'1e999' is too
 *         large for a number").
 * Ownership: nothing allocated.
 * Thread safety: read-only on the handle.
 */
CXM_API cxm_status cxm_csv_field_double(double *out, const cxm_csv *csv, size_t col);

/**
 * 1-based line number on which the current record starts (the header is
 * line 1; quoted line breaks and skipped empty lines count).
 * @return the line; 0 before the first record or for NULL.
 * Errors: none.
 * Ownership: nothing allocated.
 * Thread safety: read-only on the handle.
 */
CXM_API size_t cxm_csv_line(const cxm_csv *csv);

/**
 * The path the reader was opened with.
 * @return the path; NULL for NULL.
 * Errors: none.
 * Ownership: borrowed; valid until cxm_csv_free.
 * Thread safety: read-only on the handle.
 */
CXM_API const char *cxm_csv_path(const cxm_csv *csv);

/** Calendar periods of a trend (names table CXM_NAMES_PERIOD: day, week, month, quarter, year). */
typedef enum cxm_period {
	CXM_PERIOD_DAY = 0,     /**< the day itself */
	CXM_PERIOD_WEEK = 1,    /**< ISO week: Monday to Sunday */
	CXM_PERIOD_MONTH = 2,
	CXM_PERIOD_QUARTER = 3, /**< January, April, July, October */
	CXM_PERIOD_YEAR = 4
} cxm_period;

/**
 * Parse an ISO-8601 timestamp (spec §0.15): a calendar date "YYYY-MM-DD"
 * (*is_date = 1; its midnight UTC), or a date-time
 * "YYYY-MM-DDTHH:MM[:SS[.fff]]" ('t' or ' ' may replace 'T'; up to 9
 * fraction digits, '.' or ',') followed by its UTC offset: "Z", "+HH:MM",
 * "-HH:MM" or "+HHMM" (*is_date = 0). A date-time without an offset names
 * no instant and is refused. Years 0001..9999; month, day (leap years),
 * hour 00..23, minute and second 00..59 are checked.
 * @param seconds  out: Unix seconds UTC (seconds since 1970-01-01T00:00Z;
 *                 negative before), fraction kept.
 * @param is_date  out (may be NULL): 1 for a date alone, 0 for a date-time.
 * @param text     NUL-terminated text.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL seconds or text), PARSE ("'2024-03-15T25:00Z' is
 *         not a timestamp: hour 25 is not in 00..23"; a date-time without
 *         its offset; the text quoted, and what is wrong where).
 * Ownership: nothing allocated.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_timestamp_parse(double *seconds, int *is_date, const char *text);

/**
 * The first day of the period (a cxm_period) that holds `day` (spec
 * §0.15): the day itself; the Monday of its ISO week (a week that spans
 * New Year starts in the old year: the bucket is that Monday); the first
 * day of its month, quarter (January, April, July, October) or year.
 * @param out_day  out: a day number (days since 1970-01-01, as cxm_date_parse).
 * @param day      a day number of the years 0001..9999 (an integral double).
 * @param period   a cxm_period.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out_day; an unknown period, listing the words; day
 *         not a whole number of 0001..9999), NAN (day NaN).
 * Ownership: nothing allocated.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_period_start(double *out_day, double day, int period);

/**
 * The first day of the period holding a timestamp as seen at a UTC offset
 * (what a trend report buckets rows by): a date-time is shifted by
 * utc_offset_minutes, then its day taken (2024-03-31T23:30Z at +60 is April
 * 1); a date alone is its own day whatever the offset. Then cxm_period_start.
 * @param out_day             out: a day number.
 * @param text                a timestamp as cxm_timestamp_parse reads it.
 * @param period              a cxm_period.
 * @param utc_offset_minutes  -840..840 (UTC-14:00..UTC+14:00).
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL; an unknown period; the offset out of range),
 *         PARSE (as cxm_timestamp_parse), OUT_OF_RANGE (the shifted time
 *         leaves the years 0001..9999).
 * Ownership: nothing allocated.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_timestamp_period(double *out_day, const char *text, int period, int utc_offset_minutes);

/**
 * Parse a duration (spec §21.4): a number >= 0 (fractions allowed) and an
 * optional unit right after it: none or "s" seconds, "m" minutes, "h" hours,
 * "d" days (86400 s), "w" weeks ("90", "30s", "15m", "12h", "7d", "2w",
 * "1.5h"). A funnel's conversion window.
 * @param seconds  out: the duration in seconds.
 * @param text     NUL-terminated text.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL; not a number; negative; NaN; an unknown unit; too
 *         large: the message quotes the text).
 * Ownership: nothing allocated.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_duration_parse(double *seconds, const char *text);

CXM_END_DECL

#endif
