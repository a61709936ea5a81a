/*
 * cxmetrics/segment.h - value x price-sensitivity segments (spec §13).
 *
 * Customers are described by what they spend and how they buy: spend,
 * orders, the share of list value they got as discount and the share of
 * their orders bought at full price (cxm_segment_value_customers). A rule
 * table names segments by bounds on those columns - each bound a number or
 * a population quantile ({"quantile": 0.8}) - and the first matching rule
 * (or the last) gives a customer's segment (cxm_segment_assign), with the
 * thresholds used reported back. Rule tables are JSON (the built-in
 * "value_price" is one, shipped with the library), checked by the same
 * validator as the RFM tables (overlaps, unreachable rules, uncovered cells).
 *
 * Pure functions are thread-safe; a cxm_segment_rules handle may be read
 * from many threads at once.
 */
#ifndef CXMETRICS_SEGMENT_H
#define CXMETRICS_SEGMENT_H

#include "common.h"
#include "table.h"

CXM_BEGIN_DECL

/** The built-in value-segment table used when none is named. */
#define CXM_SEGMENT_RULES_DEFAULT "value_price"

/** The segment of a customer no rule matches. */
#define CXM_SEGMENT_NO_SEGMENT "Others"

/**
 * Per-customer value and price-sensitivity inputs from order rows (spec
 * §13.1), one hash pass over the rows: a table, row name "customers", one
 * row per customer in ascending byte order of the ids, columns customer_id
 * (TEXT), spend (the exact sum of the amounts paid), orders (rows),
 * discount_share (sum of discounts / sum of (amount + discount); 0 when
 * that is 0), full_price_share (orders with discount 0 / orders),
 * average_order_value (spend / orders) (NUMBER).
 * @param customer_ids  one id per order row, n_ids of them; a NULL or empty id
 *                   is an error (spec §16.3).
 * @param amounts    what each order paid, finite and >= 0 (n_amounts = n_ids).
 * @param discounts  the discount each order got (list price - amount),
 *                   finite and >= 0.
 * Errors: BAD_ARG (NULL, lengths differ, a NULL id), EMPTY (no rows), NAN
 *         and OUT_OF_RANGE (negative or infinite: the message names the row
 *         and the customer), NOMEM.
 * Ownership: *out is the caller's (cxm_table_free). *out is NULL on failure. Thread safety: pure.
 */
CXM_API cxm_status cxm_segment_value_customers(cxm_table **out, const char *const *customer_ids, size_t n_ids,
					const double *amounts, size_t n_amounts, const double *discounts,
					size_t n_discounts);

/** An ordered table of named segments over named dimensions (spec §13.2). */
typedef struct cxm_segment_rules cxm_segment_rules;

/**
 * A built-in table by its word in CXM_NAMES_SEGMENT_RULES ("value_price",
 * spec §13.3); each is a JSON file shipped with the library
 * (lib/segment/presets/, installed to <datadir>/cxmetrics/presets/segment/)
 * and embedded in it.
 * Errors: BAD_ARG (NULL, an unknown name: the message lists the words), NOMEM.
 * Ownership: *out is the caller's (cxm_segment_rules_free). *out is NULL on failure.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_segment_rules_builtin(cxm_segment_rules **out, const char *name);

/**
 * A table from JSON (spec §13.2): {"name", "match", "source",
 * "description", "dimensions": [{"name": "spend", "min": 0, "max": ...,
 * "description"}, ...], "segments": [{"name": "Luxury", "spend": {"min":
 * {"quantile": 0.6}}, "full_price_share": {"min": 0.75}}, ...]}. A bound
 * "min" is inclusive, "max" exclusive; each is a number or {"quantile": q},
 * q in [0, 1].
 * @param json  the text, json[0..len) (need not end in NUL).
 * Errors: BAD_ARG (NULL), PARSE (not JSON: with the byte offset; a wrong
 *         shape, an unknown key or dimension: naming the segment and key),
 *         OUT_OF_RANGE (a quantile outside [0, 1], a non-finite number, min
 *         >= max: naming segment and key), INCONSISTENT (two segments or
 *         dimensions with one name), NOMEM.
 * Ownership: *out is the caller's (cxm_segment_rules_free). *out is NULL on failure.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_segment_rules_from_json(cxm_segment_rules **out, const char *json, size_t len);

/** cxm_segment_rules_from_json on a file (messages start with its path).
 * Errors: as cxm_segment_rules_from_json, IO.
 * Ownership: *out is the caller's (cxm_segment_rules_free). *out is NULL on failure.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_segment_rules_from_file(cxm_segment_rules **out, const char *path);

/**
 * A built-in set by its word (cxm_segment_rules_builtin), else a JSON file
 * (cxm_segment_rules_from_file): what --rules NAME|FILE and the bindings'
 * rules= accept. A word of the built-in sets wins over a file of that name.
 * Errors: as those two; IO names the built-in words too.
 * Ownership: *out is the caller's (cxm_segment_rules_free). *out is NULL on failure.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_segment_rules_load(cxm_segment_rules **out, const char *name_or_path);

/** The table as JSON that cxm_segment_rules_from_json reads back to the same table.
 * Errors: BAD_ARG (NULL), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_free. *out is NULL on failure.
 * Thread safety: read-only on rules.
 */
CXM_API cxm_status cxm_segment_rules_to_json(char **out, const cxm_segment_rules *rules);

/** Free a table; NULL is a no-op.
 * Errors: none. Ownership: names borrowed from it die with it. Thread safety: not while in use.
 */
CXM_API void cxm_segment_rules_free(cxm_segment_rules *rules);

/** Number of rules (0 for NULL).
 * Errors: none. Ownership: nothing allocated. Thread safety: read-only.
 */
CXM_API size_t cxm_segment_rules_count(const cxm_segment_rules *rules);

/** Name of rule i, or NULL when out of range.
 * Errors: none. Ownership: borrowed from the table. Thread safety: read-only.
 */
CXM_API const char *cxm_segment_rules_name(const cxm_segment_rules *rules, size_t i);

/** Number of dimensions (0 for NULL).
 * Errors: none. Ownership: nothing allocated. Thread safety: read-only.
 */
CXM_API size_t cxm_segment_rules_dimension_count(const cxm_segment_rules *rules);

/** Name of dimension i (a column of the customers table), or NULL.
 * Errors: none. Ownership: borrowed from the table. Thread safety: read-only.
 */
CXM_API const char *cxm_segment_rules_dimension(const cxm_segment_rules *rules, size_t i);

/** The cxm_rfm_match the table asks for (its "match"; first match for NULL).
 * Errors: none. Ownership: nothing allocated. Thread safety: read-only.
 */
CXM_API int cxm_segment_rules_match(const cxm_segment_rules *rules);

/**
 * Check a table (spec §13.4) with the validator of spec §7.8: the findings
 * table, row name "findings": kind, rule, other (TEXT); per dimension
 * <dim>_min and <dim>_max (the box; NaN for an open end; max exclusive),
 * cells (grid cells) (NUMBER); attributes overlaps, unreachable, shadowed,
 * uncovered_cells, and quantile_dimensions (TEXT: the dimensions checked in
 * quantile levels, "" when none).
 * @param customers  NULL: each dimension is checked in the units of its
 *                   bounds (quantile levels 0..1 when all its bounds are
 *                   quantiles, else values in the dimension's min..max);
 *                   or a customers table: quantiles become the values they
 *                   take there (cxm_segment_assign's thresholds) and every
 *                   dimension is checked in values.
 * @param match      a cxm_rfm_match (CXM_NAMES_RFM_MATCH words).
 * Errors: BAD_ARG (NULL rules, match, a customers table without a dimension's
 *         NUMBER column), INCONSISTENT (without customers: a dimension whose
 *         bounds mix numbers and quantiles), NAN, EMPTY, NOMEM.
 * Ownership: *out is the caller's (cxm_table_free). *out is NULL on failure.
 * Thread safety: read-only.
 */
CXM_API cxm_status cxm_segment_rules_validate(cxm_table **out, const cxm_segment_rules *rules,
				       const cxm_table *customers, int match);

/**
 * Assign each customer its segment (spec §13.3).
 * @param out         customers' columns and attributes, then segment (TEXT:
 *                    the rule's name, or CXM_SEGMENT_NO_SEGMENT; a segment
 *                    column of the input is replaced); attribute rules (the
 *                    table's name, when it has one).
 * @param thresholds  NULL, or receives a table, row name "thresholds", one
 *                    row per bound of every rule in rule order: rule,
 *                    dimension, bound ("min" / "max") (TEXT), quantile (the
 *                    level; NaN for a number), value (what was compared)
 *                    (NUMBER).
 * @param customers   a table with a NUMBER column per dimension (e.g. from
 *                    cxm_segment_value_customers), at least one row.
 * @param match       a cxm_rfm_match.
 * Errors: BAD_ARG (NULL, match, a dimension's column missing or not NUMBER:
 *         named), EMPTY, NAN (row and column named), NOMEM.
 * Ownership: the tables are the caller's (cxm_table_free); NULL on failure.
 * Thread safety: read-only on its inputs.
 */
CXM_API cxm_status cxm_segment_assign(cxm_table **out, cxm_table **thresholds, const cxm_table *customers,
			       const cxm_segment_rules *rules, int match);

/**
 * Summary per segment (spec §13.5): one row per rule in rule order, then
 * CXM_SEGMENT_NO_SEGMENT (rows with no customer kept): segment (TEXT),
 * customers, share (% of customers), spend (sum), spend_share (% of all
 * spend), orders (sum), average_order_value (spend / orders; NaN with no
 * orders), then the mean of each dimension column, <dim>_mean (NaN for
 * an empty segment). Row name "segments".
 * @param assigned  a table from cxm_segment_assign (column segment; spend,
 *                  orders and the dimensions' columns when present, else
 *                  their summary columns are NaN).
 * Errors: BAD_ARG (NULL, no TEXT column segment, a text column where
 *         numbers are read), EMPTY, NAN and OUT_OF_RANGE (a non-finite value:
 *         row and column named), INCONSISTENT (a segment the rules do not
 *         name), NOMEM.
 * Ownership: *out is the caller's (cxm_table_free). *out is NULL on failure. Thread safety: pure.
 */
CXM_API cxm_status cxm_segment_summary(cxm_table **out, const cxm_table *assigned, const cxm_segment_rules *rules);

CXM_END_DECL

#endif
