/*
 * lib/io/io_internal.h - what lib/io offers the rest of the library: a small
 * JSON writer that keeps cJSON inside lib/io/json.c (conventions C10), so no
 * other file includes <cjson/cJSON.h>.
 */
#ifndef CXM_IO_INTERNAL_H
#define CXM_IO_INTERNAL_H

#include <stddef.h>
#include "buf.h"
#include "internal.h"

/* ---- dates -------------------------------------------------------------------
 * Day numbers (days since 1970-01-01, cxm_date_parse) of the dates the
 * library reads and writes: 0001-01-01 .. 9999-12-31. */
#define CXM__FIRST_DAY (-719162.0)
#define CXM__LAST_DAY 2932896.0
/* The longest text cxm__date_format writes, NUL included. */
#define CXM__DATE_MAX 16

/** A day number that can be written as a date: cxm__check_day, then
 * CXM__FIRST_DAY..CXM__LAST_DAY (BAD_ARG naming `what` or `what[i]`). */
int cxm__check_date_day(double day, const char *what, int indexed, size_t i);

/** Days from 1970-01-01 to y-m-d, proleptic Gregorian (no checks: m 1..12, d 1..31). */
long cxm__days_from_civil(long y, int m, int d);

/*
 * A strptime-style date format (cxm_date_parse_format, spec §0.12), compiled
 * once and then applied to many texts (a CSV column, cxm_dates_parse). It
 * holds no pointer: copy it, keep it on the stack, nothing to free.
 */
#define CXM__DATE_FMT_STEPS 64
typedef struct cxm__date_fmt {
	unsigned char op[CXM__DATE_FMT_STEPS];  /* what each step matches */
	unsigned char arg[CXM__DATE_FMT_STEPS]; /* a literal's byte; for a number, 1: all its digits */
	size_t n;
	char quoted[CXM__QUOTE_MAX + 4];        /* the format as messages quote it */
} cxm__date_fmt;

/** Check and compile a format (not NULL, not ""). Errors: BAD_ARG naming the directive or what is missing. */
int cxm__date_fmt_compile(cxm__date_fmt *f, const char *format);

/** text (NUL-terminated) through a compiled format into *day (written only
 * on success). Errors: PARSE "'TEXT' does not match FORMAT: why". */
int cxm__date_fmt_parse(const cxm__date_fmt *f, double *day, const char *text);

/** "YYYY-MM-DD" of a day number into buf (CXM__DATE_MAX bytes); "?" for a
 * day cxm__check_date_day refuses. Returns buf. */
const char *cxm__date_format(char *buf, double day);

/* ---- CSV -------------------------------------------------------------------- */

/** A delimiter cxm_csv_open takes: not '"', a line break or NUL (BAD_ARG names it). */
int cxm__csv_check_delimiter(char d);

/* The len bytes at s as a number (spec §0.10: [+-] digits [. digits] [e [+-]
 * digits], spaces and tabs around it allowed, "C" locale; an empty or blank
 * text is NaN): 1, 0 when they are not a number (hexadecimal, inf and nan
 * words included), -1 when the number is too large for a double (csv.c). */
int cxm__parse_number(double *out, const char *s, size_t len);

/* 1 when the len bytes at s are empty or only spaces and tabs: the one rule
 * of a customer id (or event name) that is not there, in every reader. */
int cxm__blank_field(const char *s, size_t len);

/* cxm__parse_number with the decimal mark `mark` ('.' or ',': "1,5" is 1.5
 * and "1.5" is not a number); also -2 when out of memory (a number of more
 * than 255 bytes with mark ','). */
int cxm__parse_decimal(double *out, const char *s, size_t len, char mark);

/* cxm_csv_field_double with the decimal mark `mark` (the table reader's
 * decimal-comma mode); the messages of a ',' mark say so. Errors as
 * cxm_csv_field_double, and NOMEM. */
int cxm__csv_field_number(double *out, const cxm_csv *csv, size_t col, char mark);

/** "a, b, c": the header's column names, quoted for a message, cut with "..." to fit buf. */
void cxm__csv_list_columns(char *buf, size_t cap, const cxm_csv *csv);

/* ---- tables (table.h) -------------------------------------------------------
 * How the library's producers (the CLV summary, the RFM customers, the CLV
 * predictions) fill a table without a copy of each column. */

/**
 * Append a NUMBER or DAY column of n rows, zeroed, and hand back its values
 * for the caller to fill (days must then be checked by the caller:
 * cxm__check_date_day). Errors as cxm_table_add_numbers; *values is NULL on
 * failure.
 */
int cxm__table_add_column(double **values, cxm_table *t, const char *name, int type, size_t n);

/**
 * Append a TEXT column of n rows whose row i is words[index[i]] (index[i] <
 * n_words): what cxm_table_add_texts makes of those strings, levels numbered
 * alike, without hashing a string per row (a segment name per customer).
 * Errors as cxm_table_add_texts.
 */
int cxm__table_add_coded(cxm_table *t, const char *name, const char *const *words, size_t n_words,
			  const size_t *index, size_t n);

/** Rename column col (a reader's header name to the name a producer gives
 * it). Errors: BAD_ARG (col out of range, empty name, a name taken), NOMEM. */
int cxm__table_rename_column(cxm_table *t, size_t col, const char *name);

/* ---- writing JSON ----------------------------------------------------------
 * The one JSON writer: the survey report, fitted models and tables all come
 * out through it, into a cxm__buf (a string, or chunks sent to a sink). It
 * writes as it goes, so a table of a million rows is never a tree in memory.
 * Numbers take the shortest text that reads back exactly (cxm__format_number);
 * NaN and infinities are null (JSON has no such numbers). Failures stick in
 * the buffer (cxm__buf_finish reports them).
 *
 * A container is laid out as a block (one member per line, indented by two
 * spaces) or inline ({"r": 0.24, "alpha": 4.4} on one line); whatever a
 * block holds starts on a line of its own.
 */
enum { CXM__JSON_BLOCK = 0, CXM__JSON_INLINE = 1 };
#define CXM__JSON_DEPTH 16

typedef struct cxm__jw {
	cxm__buf *out;
	int depth;
	/* per open container: its closing bracket, whether it is inline, and
	 * whether it has a member yet */
	char close[CXM__JSON_DEPTH];
	unsigned char inline_[CXM__JSON_DEPTH];
	unsigned char any[CXM__JSON_DEPTH];
} cxm__jw;

void cxm__jw_init(cxm__jw *w, cxm__buf *out);
/* Open an object or an array: a member of the current object under `key`,
 * or (key NULL) a top-level value or an array element. */
void cxm__jw_object(cxm__jw *w, const char *key, int layout);
void cxm__jw_array(cxm__jw *w, const char *key, int layout);
/* Close the innermost container; after the top level one, a newline. */
void cxm__jw_end(cxm__jw *w);
void cxm__jw_number(cxm__jw *w, const char *key, double x);
/* A string (escaped; UTF-8 passes as it is), or null for NULL. */
void cxm__jw_string(cxm__jw *w, const char *key, const char *s);
void cxm__jw_bool(cxm__jw *w, const char *key, int b);
void cxm__jw_null(cxm__jw *w, const char *key);

/* ---- reading JSON (json_read.c) ---------------------------------------------
 * The modules outside lib/io read JSON through these (cJSON stays in lib/io):
 * an opaque node, its type and a few accessors. Not valid JSON is PARSE with
 * the byte offset ("<what>: not valid JSON at byte 41 (near '...')"). */
typedef struct cxm__jv cxm__jv;
enum { CXM__JV_ABSENT = 0, CXM__JV_NULL, CXM__JV_BOOL, CXM__JV_NUMBER, CXM__JV_STRING,
       CXM__JV_ARRAY, CXM__JV_OBJECT };
/** Parse json[0..len) (not NUL-terminated); `what` starts the messages. Errors: BAD_ARG, PARSE. */
int cxm__json_parse(cxm__jv **root, const char *json, size_t len, const char *what);
/** A whole file into *text (the caller's, cxm__free; NULL for an empty file) and its length *len.
 * Errors: IO (cannot open / read: names the path and the system's reason), NOMEM. */
int cxm__read_whole_file(char **text, size_t *len, const char *path);
/** Read and parse a file ("<what> <path>: ..."). Errors: BAD_ARG, IO, NOMEM, PARSE. */
int cxm__json_parse_file(cxm__jv **root, const char *path, const char *what);
void cxm__json_free(cxm__jv *root);
/**
 * A handle from JSON text (path NULL) or from a file: parse, then
 * from_root(out, root), which owns root (frees it) and fills *out; a file's
 * failures start with its path. The one shape of every *_from_json /
 * *_from_file pair. Errors: those of parsing and of from_root.
 */
int cxm__json_read(void *out, const char *json, size_t len, const char *path, const char *what,
		   int (*from_root)(void *out, cxm__jv *root));
/** CXM__JV_*; CXM__JV_ABSENT for NULL. */
int cxm__jv_type(const cxm__jv *v);
/** "a number", "an object", ... for messages. */
const char *cxm__jv_type_name(int type);
/** A member of an object by key (case-sensitive; the first of duplicates), or NULL. */
const cxm__jv *cxm__jv_get(const cxm__jv *obj, const char *key);
/** The first element / member of an array / object, and the one after; NULL at the end. */
const cxm__jv *cxm__jv_first(const cxm__jv *container);
const cxm__jv *cxm__jv_next(const cxm__jv *item);
size_t cxm__jv_size(const cxm__jv *container);
/** An object member's key. */
const char *cxm__jv_key(const cxm__jv *member);
double cxm__jv_number(const cxm__jv *v);
/** The string of a string node, else NULL. */
const char *cxm__jv_string(const cxm__jv *v);
int cxm__jv_true(const cxm__jv *v);

/* ---- tables read by name (lib/io/table.c) -------------------------------------- */

/**
 * Column `name` of t, of one of the types in `types` (a mask of 1 << cxm_table_type):
 * its index in *col. Absent: SIZE_MAX when not required, else BAD_ARG listing the
 * table's columns; of another type: BAD_ARG "column 'x' of the <what> has type day; it
 * must be text or number". The one lookup of the tables other modules hand in (RFM
 * orders, txlog logs).
 */
int cxm__table_column_typed(size_t *col, const cxm_table *t, const char *name, unsigned types, int required,
			    const char *what);

/** Attribute i of src set on dst with its type (TEXT, DAY, NUMBER). Errors: NOMEM. */
int cxm__table_copy_attr(cxm_table *dst, const cxm_table *src, size_t i);

/* ---- timestamps and periods (timestamp.c, spec §0.15) --------------------------- */

/** The calendar date of a day number (H. Hinnant's civil_from_days; date.c). */
void cxm__civil_from_days(long z, long *y, int *m, int *d);

/**
 * The ISO-8601 timestamp s[0..len) (not NUL-terminated; any bytes) as
 * cxm_timestamp_parse reads it: Unix seconds UTC into *seconds and 1 into
 * *is_date for a calendar date (its midnight UTC), 0 for a date-time. No
 * allocation, no locale: the report's hot path (one call per row).
 * Errors: PARSE "'text' is not a timestamp: why" (thread-local message).
 */
int cxm__timestamp_parse_n(const char *s, size_t len, double *seconds, int *is_date);

/** The day (days since 1970-01-01) a parsed timestamp falls on, seen at
 * UTC offset utc_offset_minutes: a date is its own day whatever the offset. */
double cxm__timestamp_day(double seconds, int is_date, int utc_offset_minutes);

/** The first day of the cxm_period holding `day` (no checks: a day of
 * 0001..9999, a valid period). */
double cxm__period_start(long day, int period);

/** utc_offset_minutes in -840..840, else BAD_ARG naming it. */
int cxm__check_utc_offset(int minutes);

/* ---- the CSV reader's parts the parallel reader shares (csv.c) ------------------ */

/* The messages of a malformed record, word for word those of cxm_csv_next
 * (both readers call these: the same bytes fail alike). col is 0-based; the
 * record's line, or for after_quote the line of the offending byte. Each
 * returns CXM_EPARSE. Read-only on c: safe from worker threads. */
int cxm__csv_fail_too_long(const cxm_csv *c, size_t rec_line, size_t col);
int cxm__csv_fail_unterminated(const cxm_csv *c, size_t rec_line, size_t col, size_t quote_line);
int cxm__csv_fail_after_quote(const cxm_csv *c, size_t line, size_t col, unsigned char ch);
int cxm__csv_fail_ragged(const cxm_csv *c, size_t rec_line, size_t n_fields);
int cxm__csv_fail_utf8(const cxm_csv *c, size_t rec_line, size_t col, unsigned char byte, size_t offset);

/** Where the first byte of s[0..n) that is not UTF-8 is (RFC 3629), or n. */
size_t cxm__utf8_invalid_at(const unsigned char *s, size_t n);

/**
 * The rest of an opened reader's text (after the header or the last record
 * read), as it is, up to cap bytes into dst: *got < cap only at its end.
 * Inflates gzip and reads standard input like cxm_csv_next; the LF of a CRLF
 * whose CR ended the last record is dropped. After it, cxm_csv_next must not
 * be called. Errors: BAD_ARG (closed), IO, PARSE (damaged gzip), NOMEM.
 */
int cxm__csv_read_rest(cxm_csv *c, char *dst, size_t cap, size_t *got);
/** The line of the next unread byte (1-based). */
size_t cxm__csv_next_line(const cxm_csv *c);
char cxm__csv_delimiter(const cxm_csv *c);
/** Bytes of the file read so far (compressed ones for gzip), and its size
 * (0 when unknown: standard input, a pipe). */
void cxm__csv_progress(const cxm_csv *c, double *done, double *total);

/* ---- reading a CSV file on several threads (csv_chunks.c, spec §0.16) ------------ */

/** One record as the workers see it: fields point into the block. */
typedef struct cxm__csv_row {
	const char *const *field;   /* n_cols fields, each NUL-terminated (unescaped in place) */
	const size_t *len;
	size_t n_cols;
	size_t line;                /* the file line the record starts on (as cxm_csv_line) */
	size_t chunk;               /* chunk index, in file order */
	size_t row_in_chunk;        /* 0-based, records delivered and skipped alike */
} cxm__csv_row;

/*
 * Consumer callback, called on worker threads: worker = that thread's state
 * (workers[i]). Returns 0 to go on, a positive value to count the row as
 * skipped by the consumer (the consumer counts it itself), or a negative
 * cxm_status with the COMPLETE message written to msg (cap bytes): the
 * reader stops (the earliest chunk's error in file order wins; earlier
 * chunks always finish) and fails with it.
 */
typedef int (*cxm__csv_row_fn)(void *worker, const cxm__csv_row *row, char *msg, size_t cap);

typedef struct cxm__csv_chunks_opts {
	unsigned threads;           /* 0: cxm__default_threads() */
	int skip_malformed;         /* skip ragged rows and rows with invalid UTF-8, counting them */
	void (*progress)(void *user, double bytes_done, double bytes_total); /* main thread; total 0 if unknown */
	void *progress_user;
	size_t block_size;          /* 0: CXM__CSV_BLOCK (4 MiB); tests and fuzzing use a few bytes */
} cxm__csv_chunks_opts;

typedef struct cxm__csv_chunks_stats {
	size_t rows;                /* records handed to the callback (its skips included) */
	size_t ragged, invalid_utf8; /* records skipped by skip_malformed */
	size_t workers;             /* worker states used: workers[0..workers) */
	size_t chunks;              /* chunks read */
} cxm__csv_chunks_stats;

/*
 * Read the rest of csv (opened with cxm_csv_open: header read, no row read
 * yet) on several threads: the calling thread reads blocks and cuts them at
 * record ends, workers split the records in place and call fn for each, in
 * file order within a chunk. workers: one state per thread (n_workers >= 1;
 * at most min(threads, n_workers) are used, stats->workers says how many).
 * Errors: the same messages, word for word, as cxm_csv_next gives for the same
 * bytes (unterminated quote, text after a closing quote, ragged row, invalid
 * UTF-8, a record too long), with file and line; IO; NOMEM; BAD_ARG; the
 * consumer's. Returns CXM_OK or a negative cxm_status. stats may be NULL.
 */
int cxm__csv_chunks_read(cxm_csv *csv, const cxm__csv_chunks_opts *o, void **workers, size_t n_workers,
			 cxm__csv_row_fn fn, cxm__csv_chunks_stats *stats);

#endif
