/*
 * cxmetrics/events.h - event logs (spec §21): the shared input of funnels,
 * paths, touchpoints and cohorts.
 *
 * An event log is rows of a customer (or session) id, a time, an event (or
 * touchpoint) name, optional TEXT properties (channel, segment) and optional
 * NUMBER values (a score answered at that touchpoint, an order amount; NaN =
 * none). A built log (cxm_events) is read-only: its events are sorted by
 * customer (customers numbered in the order they first appear in the input),
 * then time, then input order, so that events at the same second keep the
 * order they were given in.
 *
 * Memory: the input need not be sorted, so the whole log is held: per event
 * 8 bytes (time) + 4 (event) + 4 (customer, while building) + 8 (input row)
 * + 4 per property + 8 per value, plus each distinct id and name once; 10M
 * events with one property and one value take about 0.4 GB.
 *
 * Times are Unix seconds UTC (doubles). A UTC offset stored in the log is
 * used only to place times in calendar days and periods (cohorts).
 *
 * Thread safety: a built log may be read from many threads at once; a
 * cxm_events_opts may be read from many threads but modified by one.
 */
#ifndef CXMETRICS_EVENTS_H
#define CXMETRICS_EVENTS_H

#include <stddef.h>
#include "common.h"
#include "table.h"

CXM_BEGIN_DECL

/** A built event log (opaque, read-only). */
typedef struct cxm_events cxm_events;

/** How an event log is read (opaque): columns, skipping, delimiter, threads. */
typedef struct cxm_events_opts cxm_events_opts;

/** Why a row was skipped (names table CXM_NAMES_EVENTS_SKIP). */
typedef enum cxm_events_skip {
	CXM_EVENTS_SKIP_RAGGED = 0,        /**< a CSV row with another number of fields than the header */
	CXM_EVENTS_SKIP_INVALID_UTF8 = 1,  /**< a field that is not UTF-8 */
	CXM_EVENTS_SKIP_BAD_TIMESTAMP = 2, /**< a time that is not a timestamp (or NaN, infinite) */
	CXM_EVENTS_SKIP_MISSING_ID = 3,    /**< an empty customer id or event name */
	CXM_EVENTS_SKIP_NOT_A_NUMBER = 4   /**< a value field that is not a number */
} cxm_events_skip;

/** The most TEXT properties a log holds. */
#define CXM_EVENTS_MAX_PROPERTIES 8
/** The most NUMBER values a log holds. */
#define CXM_EVENTS_MAX_VALUES 16

/**
 * Options with the defaults: columns customer_id, time and event, no
 * properties or values, UTC offset 0, bad rows are errors, ',' between
 * fields, threads 0 (cxm_threads(), threads.h).
 * @param out  out: the options, or NULL on failure.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_events_opts_free.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_events_opts_new(cxm_events_opts **out);

/**
 * Free options; NULL is a no-op.
 * @param o  the options.
 * Errors: none. Ownership: nothing borrowed outlives it. Thread safety: not while in use.
 */
CXM_API void cxm_events_opts_free(cxm_events_opts *o);

/**
 * The three required columns: customer (or session) id, time and event
 * name. event NULL: the input has no event column and every row is the
 * event "event" (an orders file for cohorts).
 * @param o         the options.
 * @param customer  header name of the ids.
 * @param time      header name of the times.
 * @param event     header name of the event names, or NULL.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL o, customer or time; an empty name; two roles naming
 *         one column), NOMEM; the options are unchanged on failure.
 * Ownership: o keeps copies. Thread safety: modifies o.
 */
CXM_API cxm_status cxm_events_opts_set_columns(cxm_events_opts *o, const char *customer, const char *time,
					       const char *event);

/**
 * Add a TEXT property column (channel, segment), up to
 * CXM_EVENTS_MAX_PROPERTIES; an empty field is the property "".
 * @param o       the options.
 * @param column  its header name.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL, empty name, a column already named, more than 8),
 *         NOMEM; the options are unchanged on failure.
 * Ownership: o keeps a copy. Thread safety: modifies o.
 */
CXM_API cxm_status cxm_events_opts_add_property(cxm_events_opts *o, const char *column);

/**
 * Add a NUMBER value column (a score, an amount), up to
 * CXM_EVENTS_MAX_VALUES; an empty field is NaN (none).
 * @param o       the options.
 * @param column  its header name.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL, empty name, a column already named, more than 16),
 *         NOMEM; the options are unchanged on failure.
 * Ownership: o keeps a copy. Thread safety: modifies o.
 */
CXM_API cxm_status cxm_events_opts_add_value(cxm_events_opts *o, const char *column);

/**
 * The UTC offset (minutes) at which times are placed in calendar days and
 * periods (cohorts); stored in the log, it changes no time.
 * @param o        the options.
 * @param minutes  -840..840 (UTC-14:00..UTC+14:00); default 0.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL, out of range). Ownership: nothing allocated.
 * Thread safety: modifies o.
 */
CXM_API cxm_status cxm_events_opts_set_utc_offset(cxm_events_opts *o, int minutes);

/**
 * Skip bad rows (on = 1), counting each by its cxm_events_skip reason
 * (cxm_events_skipped), instead of failing on the first (0, the default).
 * @param o   the options.
 * @param on  0 or 1.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL, on not 0 or 1). Ownership: nothing allocated.
 * Thread safety: modifies o.
 */
CXM_API cxm_status cxm_events_opts_set_skip_bad_rows(cxm_events_opts *o, unsigned int on);

/**
 * The field separator of a CSV file: ',' (default), ';', '|', a tab...
 * @param o          the options.
 * @param delimiter  the separator.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL, '"', a line break or NUL). Ownership: nothing allocated.
 * Thread safety: modifies o.
 */
CXM_API cxm_status cxm_events_opts_set_delimiter(cxm_events_opts *o, char delimiter);

/**
 * Threads used to read and sort (0 = cxm_threads(), threads.h; 1 = none
 * started); results never depend on it.
 * @param o        the options.
 * @param threads  0..1024.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL, above 1024). Ownership: nothing allocated.
 * Thread safety: modifies o.
 */
CXM_API cxm_status cxm_events_opts_set_threads(cxm_events_opts *o, unsigned int threads);

/**
 * Read an event log from a CSV file with a header (cxm_csv_open: a gzip file,
 * "-" for standard input, the UTF-8 check). Times are ISO-8601 date-times
 * with "Z" or an offset, or dates (cxm_timestamp_parse, spec §0.15). Other
 * columns are not read.
 * @param out   out: the log, or NULL on failure.
 * @param path  the file.
 * @param o     NULL: the defaults.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out or path; a column the file lacks: the message
 *         names it and lists the header; an empty id or event), IO, PARSE
 *         (a time that is not a timestamp, a value that is not a number, a
 *         ragged row, invalid UTF-8), each message with the file, line,
 *         column and value ("log.csv:18:2 'time': ..."); without
 *         skip_bad_rows the first bad row fails, with it bad rows are
 *         counted; EMPTY (no event kept), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_events_free.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_events_read_csv(cxm_events **out, const char *path, const cxm_events_opts *o);

/**
 * Build an event log from a table: ids TEXT (or NUMBER, written as the
 * shortest text that reads back), times TEXT (ISO-8601 as
 * cxm_events_read_csv), DAY (midnight UTC) or NUMBER (Unix seconds UTC),
 * events TEXT, properties TEXT, values NUMBER.
 * @param out  out: the log, or NULL on failure.
 * @param t    the table.
 * @param o    NULL: the defaults (delimiter unused).
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL; a missing column, listing the table's; a column of
 *         the wrong type; an empty id or event: the row, 1-based), PARSE (a
 *         text time: the row and value), NAN / OUT_OF_RANGE (a NUMBER time
 *         NaN or infinite); with skip_bad_rows bad rows are counted instead;
 *         EMPTY (no event kept), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_events_free.
 * Thread safety: pure (read-only on t).
 */
CXM_API cxm_status cxm_events_from_table(cxm_events **out, const cxm_table *t, const cxm_events_opts *o);

/**
 * Build an event log from parallel arrays (no properties or values).
 * @param out          out: the log, or NULL on failure.
 * @param customers    n_customers ids (non-empty).
 * @param n_customers  rows.
 * @param seconds      times, Unix seconds UTC (finite).
 * @param n_seconds    must equal n_customers.
 * @param events       event names (non-empty).
 * @param n_events     must equal n_customers.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out, a NULL array with a length, lengths differ, a
 *         NULL or empty id or event: "customers[3] is empty"), NAN (a time
 *         NaN), OUT_OF_RANGE (a time infinite), EMPTY (no rows), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_events_free.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_events_from_arrays(cxm_events **out, const char *const *customers, size_t n_customers,
					  const double *seconds, size_t n_seconds, const char *const *events,
					  size_t n_events);

/**
 * Free a log; NULL is a no-op.
 * @param e  the log.
 * Errors: none. Ownership: everything borrowed from e dies with it.
 * Thread safety: not while in use.
 */
CXM_API void cxm_events_free(cxm_events *e);

/**
 * Events kept in the log (0 for NULL).
 * @param e  the log.
 * @return the count.
 * Errors: none. Ownership: nothing allocated. Thread safety: read-only.
 */
CXM_API size_t cxm_events_count(const cxm_events *e);

/**
 * Distinct customers (ids) of the log (0 for NULL).
 * @param e  the log.
 * @return the count.
 * Errors: none. Ownership: nothing allocated. Thread safety: read-only.
 */
CXM_API size_t cxm_events_customers(const cxm_events *e);

/**
 * Rows skipped for a reason (a cxm_events_skip); 0 when rows were not
 * skipped, for NULL and for an unknown reason.
 * @param e       the log.
 * @param reason  a cxm_events_skip.
 * @return the count.
 * Errors: none. Ownership: nothing allocated. Thread safety: read-only.
 */
CXM_API size_t cxm_events_skipped(const cxm_events *e, int reason);

/**
 * The events as a table in sorted order (what the bindings show and tests
 * compare): the customer column (TEXT, the id column's name), the time
 * column (NUMBER, Unix seconds UTC), the event column (TEXT; "event" when
 * the log had none), each property (TEXT), each value (NUMBER), `row`
 * (NUMBER: the 1-based input row). Row name "events"; attributes kind
 * "events", utc_offset (minutes), customers, and one number per skip reason
 * (skipped_ragged, ...).
 * @param out  out: the table, or NULL on failure.
 * @param e    the log.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_table_free.
 * Thread safety: read-only on e.
 */
CXM_API cxm_status cxm_events_table(cxm_table **out, const cxm_events *e);

CXM_END_DECL

#endif
