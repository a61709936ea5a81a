/*
 * cxmetrics/txlog.h - raw transaction logs (spec §16): a shop's export as it
 * comes (anonymous rows, returns and cancellations, quantity and unit price,
 * dates such as "12/1/2010 8:26") into the clean log the CLV summary and RFM
 * read, with every row left out counted by its reason.
 *
 * A missing customer id (a NULL or empty text, a NaN number, an empty field)
 * is never a customer: by default it is an error naming its row; with
 * missing_ids = drop the row is left out and counted. A return (a negative
 * amount or quantity, or a status the caller lists as a cancellation) is
 * handled by the returns policy of rfm.h (cxm_rfm_returns): error (the
 * default here), drop, or net / keep (the row is passed on, flagged, for the
 * summary to apply).
 *
 * Pure functions are thread-safe; a cxm_txlog_opts handle may be read from
 * many threads but modified by one.
 */
#ifndef CXMETRICS_TXLOG_H
#define CXMETRICS_TXLOG_H

#include <stdint.h>
#include "common.h"
#include "table.h"

CXM_BEGIN_DECL

/** What a missing customer id does (CXM_NAMES_MISSING_IDS: "error", "drop"). */
typedef enum cxm_missing_ids {
	CXM_MISSING_IDS_ERROR = 0, /**< the row is an error naming it (the default) */
	CXM_MISSING_IDS_DROP = 1   /**< the row is left out and counted (missing_id_rows) */
} cxm_missing_ids;

/** How a raw log is read (opaque): columns, policies, date format, delimiter. */
typedef struct cxm_txlog_opts cxm_txlog_opts;

/**
 * Options with the defaults: missing_ids error, returns error, the columns
 * customer_id, date and amount, ISO dates (cxm_date_parse), ',' between
 * fields, no status column.
 * Errors: BAD_ARG (NULL out), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_txlog_opts_free. *out is NULL on failure.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_txlog_opts_new(cxm_txlog_opts **out);

/** Free options; NULL is a no-op.
 * Errors: none. Ownership: nothing borrowed outlives it. Thread safety: not while in use.
 */
CXM_API void cxm_txlog_opts_free(cxm_txlog_opts *opts);

/**
 * The missing-id policy, a cxm_missing_ids.
 * Errors: BAD_ARG (NULL, unknown value: the message lists the words).
 * Ownership: nothing allocated. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_txlog_opts_set_missing_ids(cxm_txlog_opts *opts, int missing_ids);

/**
 * The returns policy, a cxm_rfm_returns (CXM_NAMES_RFM_RETURNS): error
 * (default), drop, net or keep.
 * Errors: BAD_ARG (NULL, unknown value). Ownership: nothing allocated.
 * Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_txlog_opts_set_returns(cxm_txlog_opts *opts, int returns);

/**
 * The header names cxm_txlog_read_csv reads: customer ids, dates and
 * amounts. amount NULL: no amount column (the amount is quantity x price
 * when cxm_txlog_opts_set_quantity_price named them, else 0).
 * Errors: BAD_ARG (NULL opts, customer or date; an empty name), NOMEM; the
 *         options are unchanged on failure.
 * Ownership: opts keeps copies. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_txlog_opts_set_columns(cxm_txlog_opts *opts, const char *customer, const char *date,
					       const char *amount);

/**
 * The amount as quantity x unit price, from these two columns (both, or
 * both NULL to go back to the amount column). A negative quantity is a
 * return.
 * Errors: BAD_ARG (NULL opts, one name without the other, an empty name),
 *         NOMEM; the options are unchanged on failure.
 * Ownership: opts keeps copies. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_txlog_opts_set_quantity_price(cxm_txlog_opts *opts, const char *quantity, const char *price);

/**
 * A status column whose listed values (exact) mark a cancellation, which
 * counts as a return whatever its amount; status NULL with n = 0: none.
 * @param status        the header name of the status column, or NULL.
 * @param cancel_words  the n_cancel_words status values that mark a
 *                      cancellation (copied); NULL with 0 when status is NULL.
 * Errors: BAD_ARG (NULL opts, a status without words or words without one,
 *         a NULL word), NOMEM; the options are unchanged on failure.
 * Ownership: opts keeps copies. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_txlog_opts_set_status(cxm_txlog_opts *opts, const char *status,
					      const char *const *cancel_words, size_t n_cancel_words);

/**
 * The format of the date column (cxm_date_parse_format, spec §0.12, e.g.
 * "%m/%d/%Y %H:%M"); NULL or "" for ISO dates (cxm_date_parse).
 * Errors: BAD_ARG (NULL opts, a format cxm_date_parse_format refuses), NOMEM.
 * Ownership: opts keeps a copy. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_txlog_opts_set_date_format(cxm_txlog_opts *opts, const char *format);

/**
 * The field separator of the file: ',' (default), ';', '|', a tab...
 * Errors: BAD_ARG (NULL, '"', a line break or NUL, ',' while the decimal
 *         comma is on). Ownership: nothing allocated.
 * Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_txlog_opts_set_delimiter(cxm_txlog_opts *opts, char delimiter);

/**
 * Numbers of the file with a decimal comma ("1,5" is 1.5, "1.5" is PARSE;
 * spec §0.10), on = 1, or a decimal point (0, the default). Needs another
 * delimiter than ',' (set it first).
 * Errors: BAD_ARG (NULL, on not 0 or 1, on while the delimiter is ',').
 * Ownership: nothing allocated. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_txlog_opts_set_decimal_comma(cxm_txlog_opts *opts, int on);

/**
 * A raw log given as arrays into the clean log (spec §16.2): a table, row
 * name "orders", of the rows kept, in input order: customer_id (TEXT),
 * order_day (DAY), amount (NUMBER: the amount, or quantity x price),
 * cancelled (NUMBER 0/1: a return passed on under net or keep), line
 * (NUMBER: the row's 0-based index). Attributes: missing_ids, returns (TEXT,
 * the policies' words), rows (rows read), kept_rows, missing_id_rows (left
 * out: no id), return_rows (returns among the rows with an id),
 * dropped_return_rows (left out under drop), dropped_rows (all left out)
 * (NUMBER). A row with no id is counted under missing_id_rows only.
 * @param customer_ids  n_ids ids; NULL or "" is a missing id.
 * @param days          day numbers (cxm_date_parse, cxm_dates_parse), whole.
 * @param amounts       one per row, or NULL with n_amounts = 0 (then
 *                      quantity and price, or none: amounts 0).
 * @param quantity      one per row, or NULL with n_quantity = 0 (and price
 *                      NULL too).
 * @param price         one per row, or NULL with n_price = 0 (and quantity
 *                      NULL too).
 * @param cancelled     one flag per row (non-zero: a cancellation), or NULL, 0.
 * @param opts          NULL: the defaults (its columns are not used here).
 * Errors: BAD_ARG (NULL, lengths differ, amounts and quantity both given,
 *         quantity without price, a missing id under error: "customer_ids[17]
 *         (row 18) is missing ..."; a day that is not whole or outside the
 *         years 0001..9999), NAN (an amount, quantity or price), OUT_OF_RANGE
 *         (infinite), INCONSISTENT (a return under error: the message names
 *         the row and the customer), EMPTY (no row left), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_table_free. *out is NULL on failure.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_txlog_from_arrays(cxm_table **out, const char *const *customer_ids, size_t n_ids,
					  const double *days, size_t n_days, const double *amounts, size_t n_amounts,
					  const double *quantity, size_t n_quantity, const double *price,
					  size_t n_price, const uint8_t *cancelled, size_t n_cancelled,
					  const cxm_txlog_opts *opts);

/**
 * cxm_txlog_from_arrays on a CSV file, read as it streams (cxm_csv_open: a
 * gzip file and "-" for standard input are read as they come), the columns
 * and format of opts. Other columns are not read. The line column holds the
 * file line of each kept row; an empty customer field (blanks only) is a
 * missing id.
 * Errors: as cxm_txlog_from_arrays, with the file, line, column and value in
 *         each message ("retail.csv:18:7 'CustomerID': the customer id is
 *         missing ..."); BAD_ARG (a column the file lacks), IO, PARSE (a date
 *         that does not match the format, a field that is not a number), EMPTY.
 * Ownership: *out is the caller's; free it with cxm_table_free. *out is NULL on failure.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_txlog_read_csv(cxm_table **out, const char *path, const cxm_txlog_opts *opts);

/**
 * cxm_clv_summary_from_transactions over a clean log (columns customer_id
 * TEXT, order_day DAY or NUMBER, amount NUMBER, optionally cancelled
 * NUMBER), spec §16.4. Under the log's returns policy net, a return is
 * netted into its customer's day: |amount| is taken off that day's spend;
 * a day with only returns is not a purchase day and its returns are taken
 * off nothing (counted: return_only_rows, and the sum of their |amount|,
 * return_only_amount). Under keep, returns are purchases as given. The
 * summary's columns and attributes are those of
 * cxm_clv_summary_from_transactions, then the log's attributes (the counts
 * and policies) and return_only_rows, return_only_amount.
 * Errors: as cxm_clv_summary_from_transactions; BAD_ARG (a missing column
 *         or one of the wrong type, a missing id: the row), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_table_free. *out is NULL on failure.
 * Thread safety: read-only on log.
 */
CXM_API cxm_status cxm_clv_summary_from_log(cxm_table **out, const cxm_table *log, double calibration_end,
					     double observation_end, int period);

CXM_END_DECL

#endif
