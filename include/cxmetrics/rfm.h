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
 * @param breaks    receives n_breaks values.
 * @param n_breaks  the number of break points, >= 1.
 * @param x         the values of one dimension (n > 0).
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
 * @param lower       receives the K lower edges, or NULL with n_lower = 0;
 *                    otherwise n_lower >= K.
 * @param upper       receives the K upper edges, or NULL with n_upper = 0.
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
 * Errors: BAD_ARG (NULL, input lengths differ, an output capacity < n), NAN,
 *         OUT_OF_RANGE, EMPTY.
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
 * @param scores  receives n scores 1..n_bins; n_scores >= n.
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
 * Ownership: *out is the caller's; free it with cxm_rfm_rules_free.
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
 * Ownership: *segment is borrowed from rules (or static). Thread safety: read-only on rules.
 */
CXM_API cxm_status cxm_rfm_segment(const char **segment, const cxm_rfm_rules *rules, unsigned int r,
			    unsigned int f, unsigned int m, int match);

/**
 * Segments of many customers as rule indices; cxm_rfm_rules_count() means
 * "no segment".
 * @param segment_index  receives n = n_r = n_f = n_m indices; n_index >= n.
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
 * Ownership: *out is the caller's (cxm_rfm_rules_free). Thread safety: pure.
 */
CXM_API cxm_status cxm_rfm_rules_from_file(cxm_rfm_rules **out, const char *path);

/**
 * The table as JSON in the shape cxm_rfm_rules_from_json reads (every range
 * written as [lo, hi]); reading it back gives the same table.
 * Errors: BAD_ARG (NULL), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_free. Thread safety: read-only on rules.
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
 * Ownership: *out is the caller's (cxm_table_free). Thread safety: read-only on rules.
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
 * @param order_days     day numbers (see cxm_date_parse in io.h); integral doubles.
 * @param analysis_day   the analysis date as a day number (years 0001..9999).
 * Errors: BAD_ARG (NULL, lengths, fractional day), EMPTY, NAN, OUT_OF_RANGE
 *         (infinite revenue, a sum that overflows), INCONSISTENT (an order
 *         after the analysis date), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_table_free.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_rfm_customers_aggregate(cxm_table **out,
					const char *const *customer_ids, size_t n_ids,
					const double *order_days, size_t n_days,
					const double *revenues, size_t n_revenues,
					double analysis_day);

CXM_END_DECL

#endif
