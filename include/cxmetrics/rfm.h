/*
 * cxmetrics/rfm.h - recency / frequency / monetary scoring and segments (spec §7).
 *
 * Scoring reproduces the R package `rfm` (rsquaredacademy) bit for bit:
 * breaks b_k = Q7(k / B) + 1, intervals [lower_i, upper_i), later bins
 * overwrite earlier ones, recency scored in reverse. Custom break points are
 * used as given. Segments come from rule tables (data, first match wins).
 *
 * Scores are unsigned 1..K. Every output array comes with its capacity
 * (caller-sized, as every array of the library): a function says how many
 * entries it writes and fails with BAD_ARG, naming both numbers, when a
 * capacity is smaller.
 *
 * Pure functions are thread-safe; a cxm_rfm_rules handle may be read from
 * many threads but modified by one.
 */
#ifndef CXMETRICS_RFM_H
#define CXMETRICS_RFM_H

#include <stdint.h>
#include "common.h"
#include "table.h"

CXM_BEGIN_DECL

/** The default number of bins per dimension. */
#define CXM_RFM_BINS_DEFAULT 5

/** The built-in rule set used when none is named (by `cxm` and both
 * bindings): the one R rfm 0.2.x passes to rfm_segment (set B). */
#define CXM_RFM_RULES_DEFAULT "r_02x"

/**
 * The package's interior break points Q7(k * (1/B)) + 1, k = 1..B-1, of B =
 * n_breaks + 1 bins (§7.2; B = CXM_RFM_BINS_DEFAULT gives 4 breaks).
 * @param breaks    receives n_breaks values, ascending (room for n_breaks).
 * @param n_breaks  the number of break points, >= 1.
 * @param x         the values of one dimension, n of them (n > 0).
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL, n_breaks = 0), NAN, OUT_OF_RANGE (+-inf), EMPTY, NOMEM.
 * Ownership: breaks is the caller's. Thread safety: pure.
 */
CXM_API cxm_status cxm_rfm_breaks(double *breaks, size_t n_breaks, const double *x, size_t n);

/**
 * Score one dimension against break points (computed or custom) (§7.2).
 * K = n_breaks + 1 bins: lower = (min x, b...), upper = (b..., max x + 1).
 * @param scores      receives n scores, 1..K (K + 1 - bin when descending,
 *                    as for recency); n_scores >= n.
 * @param lower       receives the K lower edges (n_lower >= K), or NULL with
 *                    n_lower = 0 when not wanted.
 * @param upper       receives the K upper edges (n_upper >= K), or NULL with
 *                    n_upper = 0 when not wanted.
 * @param x           the values of one dimension, n of them.
 * @param breaks      n_breaks finite break points, n_breaks >= 1.
 * @param descending  non-zero for recency (fewest days scores K).
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL, a capacity smaller than what is written, n_breaks ==
 *         0, non-finite break, a value in no bin), NAN, OUT_OF_RANGE (+-inf),
 *         EMPTY.
 * Ownership: the outputs are the caller's. Thread safety: pure.
 */
CXM_API cxm_status cxm_rfm_score(unsigned int *scores, size_t n_scores, double *lower, size_t n_lower,
			  double *upper, size_t n_upper, const double *x, size_t n, const double *breaks,
			  size_t n_breaks, int descending);

/**
 * The whole table: R, F and M scores and rfm_score = 100 R + 10 F + M, one
 * per customer (n = n_recency = n_frequency = n_monetary entries in each
 * output). Each dimension takes its own break points (from cxm_rfm_breaks
 * or custom).
 * @param recency_score    receives n scores 1..K; n_recency_score >= n.
 * @param frequency_score  receives n scores 1..K; n_frequency_score >= n.
 * @param monetary_score   receives n scores 1..K; n_monetary_score >= n.
 * @param rfm_score        receives n values 100 R + 10 F + M; n_rfm_score >= n.
 * @param recency_days      n days since the last order (n = n_recency).
 * @param frequency         n order counts (n_frequency = n).
 * @param monetary          n amounts (n_monetary = n).
 * @param recency_breaks    the break points of recency, n_recency_breaks >= 1
 *                          (as cxm_rfm_score takes them).
 * @param frequency_breaks  those of frequency, n_frequency_breaks >= 1.
 * @param monetary_breaks   those of monetary, n_monetary_breaks >= 1.
 * Errors: BAD_ARG (NULL, input lengths differ, an output capacity < n, a
 *         dimension without break points), NAN, OUT_OF_RANGE, EMPTY.
 * Ownership: the outputs are the caller's. Thread safety: pure.
 */
CXM_API cxm_status cxm_rfm_table(unsigned int *recency_score, size_t n_recency_score,
			  unsigned int *frequency_score, size_t n_frequency_score,
			  unsigned int *monetary_score, size_t n_monetary_score,
			  unsigned int *rfm_score, size_t n_rfm_score,
			  const double *recency_days, size_t n_recency,
			  const double *frequency, size_t n_frequency,
			  const double *monetary, size_t n_monetary,
			  const double *recency_breaks, size_t n_recency_breaks,
			  const double *frequency_breaks, size_t n_frequency_breaks,
			  const double *monetary_breaks, size_t n_monetary_breaks);

/**
 * Python `rfm` package mode (§7.4): equal-count bins of ranks, ties broken by
 * input order (pandas qcut(rank(method='first'))).
 * @param scores      receives n scores 1..n_bins; n_scores >= n.
 * @param x           the values of one dimension, n of them.
 * @param n_bins      the number of bins, >= 1.
 * @param descending  non-zero for recency (fewest days scores n_bins).
 * Errors: BAD_ARG (NULL, n_scores < n, n_bins = 0), NAN, OUT_OF_RANGE,
 *         EMPTY, TOO_FEW (n < 2, or duplicate bin edges), NOMEM.
 * Ownership: scores is the caller's. Thread safety: pure.
 */
CXM_API cxm_status cxm_rfm_rank_qcut(unsigned int *scores, size_t n_scores, const double *x, size_t n,
			      unsigned int n_bins, int descending);

/* ---- segments ------------------------------------------------------------ */

/** An ordered table of named segments with inclusive R/F/M ranges (§7.3). */
typedef struct cxm_rfm_rules cxm_rfm_rules;

/** Which rule wins when several match (CXM_NAMES_RFM_MATCH: "first", "last"). */
typedef enum cxm_rfm_match {
	CXM_RFM_FIRST_MATCH = 0, /**< rfm >= 0.2.2 (default) */
	CXM_RFM_LAST_MATCH = 1   /**< rfm <= 0.2.1 */
} cxm_rfm_match;

/** The name given to a customer no rule matches. */
#define CXM_RFM_NO_SEGMENT "Others"

/** Empty rule table. Errors: BAD_ARG, NOMEM. Ownership: free with cxm_rfm_rules_free.
 * *out is NULL on failure.
 * Thread safety: pure (the new table belongs to the caller).
 */
CXM_API cxm_status cxm_rfm_rules_new(cxm_rfm_rules **out);

/**
 * A built-in table, by its word in CXM_NAMES_RFM_RULES: "r_02x" (set B, the
 * default), "vignette_11" (set A), "r_030" (set C), "py_rfm" (the Python
 * package's) or "klaviyo_3" (scores 1-3). Each is a JSON file shipped with
 * the library (lib/rfm/presets/, installed to
 * <datadir>/cxmetrics/presets/rfm/) and embedded in it (spec §7.8).
 * Errors: BAD_ARG (unknown name: the message lists the words), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_rfm_rules_free. *out is NULL on failure.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_rfm_rules_builtin(cxm_rfm_rules **out, const char *name);

/** Free a table; NULL is a no-op.
 * Errors: none. Ownership: the names borrowed from it die with it.
 * Thread safety: not while the table is in use.
 */
CXM_API void cxm_rfm_rules_free(cxm_rfm_rules *rules);

/**
 * Append a rule (the name is copied). Ranges are inclusive, lo <= hi.
 * Errors: BAD_ARG (NULL, empty name, lo > hi), NOMEM.
 * Ownership: the table keeps a copy of name. Thread safety: modifies rules.
 */
CXM_API cxm_status cxm_rfm_rules_add(cxm_rfm_rules *rules, const char *name, unsigned int r_lo,
			      unsigned int r_hi, unsigned int f_lo, unsigned int f_hi,
			      unsigned int m_lo, unsigned int m_hi);

/** Number of rules.
 * Errors: none (0 for NULL). Ownership: nothing allocated. Thread safety: read-only.
 */
CXM_API size_t cxm_rfm_rules_count(const cxm_rfm_rules *rules);

/** Name of rule i, or NULL when i is out of range. Ownership: borrowed from the table.
 * Errors: none. Thread safety: read-only.
 */
CXM_API const char *cxm_rfm_rules_name(const cxm_rfm_rules *rules, size_t i);

/**
 * Segment of one customer.
 * @param segment  out: the rule's name or CXM_RFM_NO_SEGMENT (borrowed from the
 *                 table / static).
 * @param match    a cxm_rfm_match.
 * Errors: BAD_ARG.
 * Ownership: *segment is borrowed from rules (or static). *segment is unchanged on failure.
 * Thread safety: read-only on rules.
 */
CXM_API cxm_status cxm_rfm_segment(const char **segment, const cxm_rfm_rules *rules, unsigned int r,
			    unsigned int f, unsigned int m, int match);

/**
 * Segments of many customers as rule indices; cxm_rfm_rules_count() means
 * "no segment".
 * @param segment_index  receives n = n_r = n_f = n_m indices; n_index >= n.
 * @param r              the n recency scores.
 * @param f              the n frequency scores (n_f = n_r).
 * @param m              the n monetary scores (n_m = n_r).
 * @param match          a cxm_rfm_match.
 * Errors: BAD_ARG (NULL, lengths differ, n_index < n, match).
 * Ownership: segment_index is the caller's. Thread safety: pure.
 */
CXM_API cxm_status cxm_rfm_segment_many(size_t *segment_index, size_t n_index, const cxm_rfm_rules *rules,
				 const unsigned int *r, size_t n_r, const unsigned int *f, size_t n_f,
				 const unsigned int *m, size_t n_m, int match);

/* ---- rule tables as JSON, and the validator (spec §7.8) -------------------- */

/**
 * A rule table from JSON text (spec §7.8):
 * {"name": ..., "scores": K (2..100, default 5), "match": "first" | "last",
 *  "source": ..., "description": ..., "segments": [{"name": "Champions",
 *  "recency": [4, 5], "frequency": [4, 5], "monetary": [4, 5],
 *  "description": ...}, ...]}. A range is [lo, hi] (inclusive), a single
 * score k (k..k), or absent (1..K). Unknown keys are refused.
 * @param json  the text, json[0..len) (need not end in NUL).
 * Errors: BAD_ARG (NULL), PARSE (not JSON: the message gives the byte
 *         offset; a wrong shape or type, an unknown key: the message names
 *         the segment and the key), OUT_OF_RANGE (a score outside 1..K, lo >
 *         hi, scores outside 2..100: named likewise), INCONSISTENT (two
 *         segments with one name), NOMEM.
 * Ownership: *out is the caller's (cxm_rfm_rules_free); NULL on failure.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_rfm_rules_from_json(cxm_rfm_rules **out, const char *json, size_t len);

/**
 * cxm_rfm_rules_from_json on the contents of a file (messages start with its path).
 * Errors: as cxm_rfm_rules_from_json, IO (cannot open or read the file).
 * Ownership: *out is the caller's (cxm_rfm_rules_free). *out is NULL on failure.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_rfm_rules_from_file(cxm_rfm_rules **out, const char *path);

/**
 * A built-in set by its word (cxm_rfm_rules_builtin), else a JSON file
 * (cxm_rfm_rules_from_file): what --rules NAME|FILE and the bindings'
 * rules= accept. A word of the built-in sets wins over a file of that name.
 * Errors: as those two; IO names the built-in words too.
 * Ownership: *out is the caller's (cxm_rfm_rules_free). *out is NULL on failure.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_rfm_rules_load(cxm_rfm_rules **out, const char *name_or_path);

/**
 * The table as JSON in the shape cxm_rfm_rules_from_json reads (every range
 * written as [lo, hi]); reading it back gives the same table.
 * Errors: BAD_ARG (NULL), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_free. *out is NULL on failure.
 * Thread safety: read-only on rules.
 */
CXM_API cxm_status cxm_rfm_rules_to_json(char **out, const cxm_rfm_rules *rules);

/** K, the scores per dimension the table is written for (1..K; 5 for a
 * table from cxm_rfm_rules_new; 0 for NULL).
 * Errors: none. Ownership: nothing allocated. Thread safety: read-only.
 */
CXM_API unsigned int cxm_rfm_rules_scores(const cxm_rfm_rules *rules);

/**
 * Set K (2..100).
 * Errors: BAD_ARG (NULL, K outside 2..100, a rule with a range outside
 *         1..K: the message names it); the table is unchanged on failure.
 * Ownership: nothing allocated. Thread safety: modifies rules.
 */
CXM_API cxm_status cxm_rfm_rules_set_scores(cxm_rfm_rules *rules, unsigned int scores);

/** The cxm_rfm_match the table asks for ("match" of its JSON; first match
 * for a new table or NULL).
 * Errors: none. Ownership: nothing allocated. Thread safety: read-only.
 */
CXM_API int cxm_rfm_rules_match(const cxm_rfm_rules *rules);

/**
 * Set the match mode the table asks for.
 * Errors: BAD_ARG (NULL, not a cxm_rfm_match). Ownership: nothing allocated.
 * Thread safety: modifies rules.
 */
CXM_API cxm_status cxm_rfm_rules_set_match(cxm_rfm_rules *rules, int match);

/**
 * Check a rule table over the K^3 score cells (spec §7.8): which rules
 * overlap, which rules `match` makes unreachable (every cell taken by rules
 * matched before it), and which cells no rule covers.
 * @param out     the findings table, row name "findings": columns kind
 *                ("overlap", "unreachable", "uncovered"), rule, other (the
 *                second rule of an overlap; the rules that take an
 *                unreachable rule's cells, "A, B"; empty for uncovered)
 *                (TEXT); r_lo, r_hi, f_lo, f_hi, m_lo, m_hi (the box: the
 *                intersection, the rule, the uncovered block; inclusive),
 *                cells (score combinations in the box) (NUMBER); rows:
 *                overlaps in rule order, then unreachable rules, then
 *                uncovered blocks. Attributes overlaps, unreachable,
 *                shadowed (rules that keep some cells but lose others),
 *                uncovered_cells, scores.
 * @param scores  K, or 0 for the table's own (cxm_rfm_rules_scores).
 * @param match   a cxm_rfm_match.
 * Errors: BAD_ARG (NULL, scores outside 2..100, match), NOMEM.
 * Ownership: *out is the caller's (cxm_table_free). *out is NULL on failure.
 * Thread safety: read-only on rules.
 */
CXM_API cxm_status cxm_rfm_rules_validate(cxm_table **out, const cxm_rfm_rules *rules, unsigned int scores,
				   int match);

/* ---- transactions -> customers --------------------------------------------- */

/**
 * Aggregate order rows as rfm_prep_table_data does (§7.1), into a table
 * (table.h), one row per customer in ascending byte order of the ids, row
 * name "customers": columns customer_id (TEXT), recency_days (analysis day
 * - the last order day), transaction_count, amount (the exact sum of the
 * revenues) (NUMBER); attribute analysis_day (DAY).
 * @param customer_ids   one id per order row, n_ids of them; a NULL or empty
 *                       id is an error (spec §16.3).
 * @param order_days     one day number per row (see cxm_date_parse in io.h),
 *                       integral doubles; n_days = n_ids.
 * @param revenues       one amount per row; n_revenues = n_ids.
 * @param analysis_day   the analysis date as a day number (years 0001..9999).
 * Errors: BAD_ARG (NULL, lengths, a fractional day or one outside the years 0001..9999), EMPTY, NAN, OUT_OF_RANGE
 *         (infinite revenue, a sum that overflows), INCONSISTENT (an order
 *         after the analysis date), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_table_free. *out is NULL on failure.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_rfm_customers_aggregate(cxm_table **out,
					const char *const *customer_ids, size_t n_ids,
					const double *order_days, size_t n_days,
					const double *revenues, size_t n_revenues,
					double analysis_day);

/** How order rows that are returns or cancellations count
 * (CXM_NAMES_RFM_RETURNS: "keep", "net", "drop", "error"; spec §7.6). A row
 * is a return when its amount is < 0 or its cancelled flag is non-zero. */
typedef enum cxm_rfm_returns {
	CXM_RFM_RETURNS_KEEP = 0,  /**< as R rfm: every row is an order, negative amounts add */
	CXM_RFM_RETURNS_NET = 1,   /**< a return lowers the amount by |amount|; it is no order and sets no recency */
	CXM_RFM_RETURNS_DROP = 2,  /**< return rows are left out */
	CXM_RFM_RETURNS_ERROR = 3  /**< a return row is an error (INCONSISTENT) */
} cxm_rfm_returns;

/**
 * Order rows to the customer table of cxm_rfm_customers_aggregate, with
 * returns and cancellations handled by an explicit policy (spec §7.6). One
 * hash pass over the rows; only the distinct customers are sorted (ascending
 * byte order of the ids). Customers left with no order (every row of theirs
 * a return, under NET or DROP) are not in the table and are counted.
 * Attributes after analysis_day: returns (TEXT, the policy's word),
 * order_rows, return_rows, return_amount (the sum of |amount| over return
 * rows, exact) and customers_without_orders (NUMBER).
 * @param customer_ids one id per order row, n_ids of them (NULL or empty: an
 *                     error, as cxm_rfm_customers_aggregate).
 * @param order_days   one day number per row, whole; n_days = n_ids.
 * @param amounts      one amount per row (< 0: a return); n_amounts = n_ids.
 * @param cancelled    one flag per row (non-zero: a cancellation), or NULL
 *                     with n_cancelled = 0 (then only negative amounts are
 *                     returns).
 * @param returns      a cxm_rfm_returns.
 * Errors: as cxm_rfm_customers_aggregate; BAD_ARG (n_cancelled neither 0
 *         nor the rows, an unknown policy), INCONSISTENT (the error policy
 *         and a return row: the message names the row and the customer), EMPTY
 *         (no customer is left with an order).
 * Ownership: *out is the caller's; free it with cxm_table_free. *out is NULL on failure.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_rfm_orders_aggregate(cxm_table **out,
				     const char *const *customer_ids, size_t n_ids,
				     const double *order_days, size_t n_days,
				     const double *amounts, size_t n_amounts,
				     const uint8_t *cancelled, size_t n_cancelled,
				     double analysis_day, int returns);

/**
 * cxm_rfm_orders_aggregate for whole-number customer ids (int64 ids as
 * doubles, |id| <= 2^53): the customer_id column is NUMBER, customers in
 * ascending order of id (spec §7.6).
 * @param customer_ids  one whole-number id per order row, n_ids of them.
 * @param order_days    one day number per row, whole; n_days = n_ids.
 * @param amounts       one amount per row (< 0: a return); n_amounts = n_ids.
 * @param cancelled     one flag per row (n_cancelled = n_ids), or NULL with
 *                      n_cancelled = 0.
 * @param returns       a cxm_rfm_returns.
 * Errors: as cxm_rfm_orders_aggregate; BAD_ARG (an id that is NaN - a
 *         missing id, spec §16.3 -, infinite, fractional or beyond 2^53:
 *         the message names the row).
 * Ownership: *out is the caller's; free it with cxm_table_free. *out is NULL on failure.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_rfm_orders_aggregate_numeric(cxm_table **out,
					     const double *customer_ids, size_t n_ids,
					     const double *order_days, size_t n_days,
					     const double *amounts, size_t n_amounts,
					     const uint8_t *cancelled, size_t n_cancelled,
					     double analysis_day, int returns);

/**
 * Read order rows from a CSV file (spec §7.6) into a table with the columns
 * customer_id (TEXT), order_day (DAY), amount (NUMBER) and, when status_col
 * is given, cancelled (NUMBER: 1 when the status field equals one of
 * cancel_words exactly, else 0). Row name "orders".
 * @param customer_col  the header name of the customer ids (required).
 * @param date_col      the header name of the order dates (required).
 * @param amount_col    the header name of the amounts (required).
 * @param status_col    a header name, or NULL (no cancelled column).
 * @param cancel_words  the status values that mark a cancellation (NULL
 *                      with n_cancel_words = 0 when status_col is NULL).
 * Errors: BAD_ARG (NULL, a status column without words or words without
 *         one, a column the file lacks), IO, EMPTY (no header), PARSE (the
 *         file, line and column of a field that is not a date or a number),
 *         NOMEM.
 * Ownership: *out is the caller's; free it with cxm_table_free. *out is NULL on failure.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_rfm_orders_read_csv(cxm_table **out, const char *path, const char *customer_col,
				    const char *date_col, const char *amount_col,
				    const char *status_col, const char *const *cancel_words,
				    size_t n_cancel_words);

/**
 * cxm_rfm_orders_aggregate over an orders table: columns customer_id (TEXT
 * or NUMBER), order_day (DAY or NUMBER day numbers), amount (NUMBER) and,
 * optionally, cancelled (NUMBER, non-zero = cancelled), as
 * cxm_rfm_orders_read_csv gives them. Rows with order_day after
 * `until_day` are left out (not an error) when until_day is not NaN: the
 * migration's earlier snapshot (spec §7.10); pass NaN to keep every row.
 * Errors: as cxm_rfm_orders_aggregate; BAD_ARG (a missing column or one of
 *         the wrong type, a fractional until_day).
 * Ownership: *out is the caller's; free it with cxm_table_free. *out is NULL on failure.
 * Thread safety: read-only on orders.
 */
CXM_API cxm_status cxm_rfm_orders_aggregate_table(cxm_table **out, const cxm_table *orders,
					   double analysis_day, double until_day, int returns);

/* ---- binning and the scored table ------------------------------------------- */

/** How a dimension's bins are found (CXM_NAMES_RFM_BINNING; spec §7.7). */
typedef enum cxm_rfm_binning {
	CXM_RFM_BIN_QUANTILE = 0, /**< R rfm's breaks Q7(k/B) + 1 (§7.2, the default) */
	CXM_RFM_BIN_RANK = 1,     /**< equal-count bins of first-ranks (Python rfm, §7.4) */
	CXM_RFM_BIN_FIXED = 2,    /**< the break points the caller gives per dimension */
	CXM_RFM_BIN_JENKS = 3     /**< Fisher-Jenks natural breaks (exact optimum) */
} cxm_rfm_binning;

/** The three dimensions, as cxm_rfm_opts_set_breaks numbers them. */
typedef enum cxm_rfm_dimension {
	CXM_RFM_RECENCY = 0,
	CXM_RFM_FREQUENCY = 1,
	CXM_RFM_MONETARY = 2
} cxm_rfm_dimension;

/**
 * Fisher-Jenks natural breaks (spec §7.7): the partition of the sorted
 * values into K = n_breaks + 1 classes of consecutive distinct values that
 * minimises the within-class sum of squared deviations (exact optimum, by
 * dynamic programming over the distinct values with their multiplicities).
 * breaks[j] is the least value of class j + 2, so that the half-open bins
 * [b_j, b_{j+1}) of §7.2 give back the classes exactly.
 * @param breaks    receives n_breaks values, ascending.
 * @param n_breaks  K - 1 >= 1.
 * @param x         n finite values (any order).
 * Errors: BAD_ARG (NULL, n_breaks = 0), NAN, OUT_OF_RANGE (+-inf), EMPTY,
 *         TOO_FEW (fewer distinct values than classes), NOMEM.
 * Ownership: breaks is the caller's. Thread safety: pure.
 */
CXM_API cxm_status cxm_rfm_jenks_breaks(double *breaks, size_t n_breaks, const double *x, size_t n);

/** Scoring options (opaque): bins, binning, fixed break points, match. */
typedef struct cxm_rfm_opts cxm_rfm_opts;

/**
 * Options with the defaults: as many bins as the rules have scores
 * (cxm_rfm_rules_scores: 5 for the built-in sets of R rfm, 3 for
 * klaviyo_3), QUANTILE binning, no fixed breaks, the rules' match
 * (cxm_rfm_rules_match).
 * Errors: BAD_ARG (NULL out), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_rfm_opts_free. *out is NULL on failure.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_rfm_opts_new(cxm_rfm_opts **out);

/** Free options; NULL is a no-op.
 * Errors: none. Ownership: nothing borrowed outlives it. Thread safety: not while in use.
 */
CXM_API void cxm_rfm_opts_free(cxm_rfm_opts *opts);

/**
 * Bins per dimension for QUANTILE, RANK and JENKS, 2..9 (rfm_score reads as
 * three digits).
 * Errors: BAD_ARG (NULL, bins out of 2..9). Ownership: nothing allocated.
 * Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_rfm_opts_set_bins(cxm_rfm_opts *opts, unsigned int bins);

/**
 * The binning method, a cxm_rfm_binning.
 * Errors: BAD_ARG (NULL, unknown value: the message lists the words).
 * Ownership: nothing allocated. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_rfm_opts_set_binning(cxm_rfm_opts *opts, int binning);

/**
 * The break points of one dimension for FIXED binning (copied; used as
 * given, as R rfm's custom thresholds, §7.2): 1..8 finite values.
 * @param dimension  a cxm_rfm_dimension.
 * @param values     the n break points (1 <= n <= 8).
 * Errors: BAD_ARG (NULL, unknown dimension, n = 0 or > 8, a value that is
 *         not finite), NOMEM.
 * Ownership: opts keeps a copy. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_rfm_opts_set_breaks(cxm_rfm_opts *opts, int dimension, const double *values, size_t n);

/**
 * Which rule wins when several match, a cxm_rfm_match.
 * Errors: BAD_ARG (NULL, unknown value). Ownership: nothing allocated.
 * Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_rfm_opts_set_match(cxm_rfm_opts *opts, int match);

/**
 * Score a customer table (cxm_rfm_customers_aggregate's columns
 * recency_days, transaction_count, amount) and name each customer's
 * segment (spec §7.7).
 * scored: every column of customers, then recency_score, frequency_score,
 * monetary_score, rfm_score (NUMBER) and segment (TEXT); its attributes are
 * those of customers, then binning (TEXT) and bins (NUMBER). Row name
 * "customers".
 * breaks: one row per dimension and bin: dimension (TEXT recency, frequency,
 * monetary), score, lower, upper (NUMBER): the half-open interval [lower,
 * upper) of values given that score (RANK: the least and the greatest value
 * given it, both inclusive, NaN for a score no customer got). Row name
 * "breaks".
 * @param out        out: the scored table.
 * @param breaks     out: the break table, or NULL when not wanted.
 * @param rules      the segments; NULL: the built-in CXM_RFM_RULES_DEFAULT.
 * @param opts       NULL: the defaults.
 * Errors: BAD_ARG (NULL, a column missing or not NUMBER, fixed binning
 *         without the breaks of every dimension), NAN, OUT_OF_RANGE, EMPTY,
 *         TOO_FEW (rank or jenks binning on too few distinct values), NOMEM.
 * Ownership: *out and *breaks are the caller's; free them with
 * cxm_table_free. *out and *breaks are NULL on failure.
 * Thread safety: read-only on customers, rules and opts.
 */
CXM_API cxm_status cxm_rfm_score_customers(cxm_table **out, cxm_table **breaks, const cxm_table *customers,
				    const cxm_rfm_rules *rules, const cxm_rfm_opts *opts);

/**
 * Segment summary of a scored table (spec §7.9): one row per rule in rule
 * order, then "Others", rows with no customers kept (so unreachable rules
 * show). Columns: segment (TEXT), customers, share (% of customers),
 * orders (sum of transaction_count), revenue (exact sum of amount),
 * average_order_value (revenue / orders), recency_score_mean,
 * frequency_score_mean, monetary_score_mean, recency_days_mean, amount_mean
 * (NUMBER; NaN for an empty segment). A segment the rules do not name (a
 * table scored with other rules) is a row after "Others". Row name
 * "segments"; attribute customers (NUMBER).
 * @param rules  the rules the table was scored with; NULL: the built-in
 *               CXM_RFM_RULES_DEFAULT.
 * Errors: BAD_ARG (NULL, a column missing or of the wrong type), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_table_free. *out is NULL on failure.
 * Thread safety: read-only on scored and rules.
 */
CXM_API cxm_status cxm_rfm_segment_summary(cxm_table **out, const cxm_table *scored, const cxm_rfm_rules *rules);

/** The segment of customers that are only in the later table of a migration. */
#define CXM_RFM_MIGRATION_NEW "(new)"
/** The segment of customers that are only in the earlier table of a migration. */
#define CXM_RFM_MIGRATION_GONE "(gone)"

/**
 * Migration between two scored tables (spec §7.10), matched by
 * customer_id: a long table with one row per (from_segment, to_segment)
 * pair that has customers: from_segment, to_segment (TEXT), customers,
 * share (% of the from_segment's customers) (NUMBER). Customers only in
 * to_scored come from "(new)", those only in from_scored go to "(gone)".
 * Rows come in segment order: the rules' order, then "Others", then
 * segments the rules do not name in byte order; "(new)" first among the
 * from segments, "(gone)" last among the to segments. Row name
 * "migration"; attributes from_customers, to_customers, new_customers,
 * gone_customers (NUMBER).
 * @param rules  for the order; NULL: the built-in CXM_RFM_RULES_DEFAULT.
 * Errors: BAD_ARG (NULL, no customer_id or segment column, a customer_id
 *         twice in one table: the message names it), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_table_free. *out is NULL on failure.
 * Thread safety: read-only on the tables.
 */
CXM_API cxm_status cxm_rfm_migration(cxm_table **out, const cxm_table *from_scored, const cxm_table *to_scored,
			      const cxm_rfm_rules *rules);

CXM_END_DECL

#endif
