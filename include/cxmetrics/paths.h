/*
 * cxmetrics/paths.h - paths and touchpoints of an event log (spec §23): the
 * transition matrix between touchpoints, the most frequent k-step paths from
 * a start or to an end touchpoint, and per touchpoint the drop-off after it,
 * the NPS / CSAT / CES answers given there (the score accumulators of
 * scores.h) and a friction score combining them, each component shown.
 *
 * Every function reads a cxm_events log (events.h) in its sorted order:
 * customer, then time, then input order (events at the same second follow
 * the input). Results are tables (table.h) with an attribute `kind`
 * ("transitions", "paths", "touchpoints") that cxm_journey_render_html reads.
 *
 * Pure functions are thread-safe; a cxm_touchpoint_opts handle may be read
 * from many threads but modified by one.
 */
#ifndef CXMETRICS_PATHS_H
#define CXMETRICS_PATHS_H

#include <stddef.h>
#include "common.h"
#include "table.h"
#include "events.h"

CXM_BEGIN_DECL

/** Where cxm_paths_top anchors its paths. */
typedef enum cxm_paths_anchor {
	CXM_PATHS_FROM = 0, /**< paths starting at each customer's first anchor event */
	CXM_PATHS_TO = 1    /**< paths ending at each customer's first anchor event */
} cxm_paths_anchor;

/**
 * The transition matrix (spec §23.1): every pair of consecutive events of a
 * customer (in the log's sorted order) is one transition from -> to.
 * Columns: `from`, `to` (TEXT), `count`, `probability` (count / all
 * transitions out of `from`, in %), `median_seconds` (quantile type 7 of the
 * seconds between the two events). Rows: `from` bytewise, then count
 * descending, then `to` bytewise. Attributes: kind "transitions",
 * `customers`, `events`, `transitions` (the totals).
 * @param out  out: the table (NULL on failure); a log whose customers have
 *             one event each gives a table with no rows.
 * @param e    the event log.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out or e), NOMEM.
 * Ownership: *out is the caller's (cxm_table_free); e is only read.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_paths_transitions(cxm_table **out, const cxm_events *e);

/**
 * The most frequent paths of `length` events (spec §23.2) starting at each
 * customer's FIRST `anchor_event` (anchor CXM_PATHS_FROM) or ending at it
 * (CXM_PATHS_TO). A customer with fewer events after (before) it is counted
 * with a shorter path ending in "(end)" (beginning with "(start)").
 * Customers without the anchor event are not in any path; the attribute
 * `customers_with_anchor` counts those who are.
 * Columns: `rank` (1..rows), `path` ("a > b > c"), `customers`, `share`
 * (% of the customers with the anchor event). Rows: customers descending,
 * then path bytewise; at most `top`. Attributes: kind "paths", `anchor`
 * ("from" or "to"), `event`, `length`, `customers_with_anchor`.
 * @param out           out: the table (NULL on failure).
 * @param e             the event log.
 * @param anchor_event  an event name of the log.
 * @param anchor        a cxm_paths_anchor.
 * @param length        events per path, 2..10 (the anchor included).
 * @param top           rows wanted, 1..1000.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out, e or anchor_event; anchor not 0 or 1; length
 *         or top out of range; anchor_event not an event of the log: the
 *         message names it and lists the log's events), NOMEM.
 * Ownership: *out is the caller's (cxm_table_free); e is only read.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_paths_top(cxm_table **out, const cxm_events *e, const char *anchor_event, int anchor,
				 size_t length, size_t top);

/** The touchpoint options (opaque): score columns, scales, thresholds, conf. */
typedef struct cxm_touchpoint_opts cxm_touchpoint_opts;

/**
 * Options with the defaults: no score columns, NPS on 0..10, CSAT on 1..5
 * satisfied at 4 and above, CES on 1..7 agreeing at 5 and above, conf 0.95.
 * @param out  out: the options, or NULL on failure.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_touchpoint_opts_free.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_touchpoint_opts_new(cxm_touchpoint_opts **out);

/** Free options; NULL is a no-op.
 * Errors: none. Ownership: frees everything the options hold. Thread safety: not while in use.
 */
CXM_API void cxm_touchpoint_opts_free(cxm_touchpoint_opts *o);

/**
 * Score a metric from a NUMBER value column of the log (an answer given at
 * the touchpoint of its event; NaN = no answer there).
 * @param o       the options.
 * @param metric  a cxm_survey_metric (CXM_SURVEY_NPS, _CSAT, _CES).
 * @param column  a value column of the log (checked when the table is
 *                made), or NULL to score the metric no more.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL o, unknown metric, empty column), NOMEM; the options
 *         are unchanged on failure.
 * Ownership: o keeps a copy of column. Thread safety: modifies o.
 */
CXM_API cxm_status cxm_touchpoint_opts_set_score(cxm_touchpoint_opts *o, int metric, const char *column);

/**
 * A metric's answer scale lo..hi: NPS 0..10 or 1..10; CSAT any lo < hi with
 * at most 1001 points; CES any such scale with a default agree threshold
 * (cxm_ces_default_agree) or a threshold set before that fits it.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL o, unknown metric, a scale the metric does not take,
 *         a threshold set before that the scale leaves out); the options
 *         are unchanged on failure.
 * Ownership: nothing allocated. Thread safety: modifies o.
 */
CXM_API cxm_status cxm_touchpoint_opts_set_scale(cxm_touchpoint_opts *o, int metric, int lo, int hi);

/**
 * CSAT: the lowest satisfied answer; CES: the lowest agreeing answer
 * (2 agree > lo + hi, agree <= hi). CXM_CSAT_DEFAULT_THRESHOLD /
 * CXM_CES_DEFAULT_AGREE go back to the scale's default. Set the scale first.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL o, unknown metric, NPS (no threshold), a threshold
 *         off the scale); the options are unchanged on failure.
 * Ownership: nothing allocated. Thread safety: modifies o.
 */
CXM_API cxm_status cxm_touchpoint_opts_set_threshold(cxm_touchpoint_opts *o, int metric, int threshold);

/**
 * The confidence of every interval, in (0, 1).
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL o, conf outside (0, 1) or NaN).
 * Ownership: nothing allocated. Thread safety: modifies o.
 */
CXM_API cxm_status cxm_touchpoint_opts_set_conf(cxm_touchpoint_opts *o, double conf);

/** The most goal events of one cxm_touchpoint_opts. */
#define CXM_TOUCHPOINT_GOALS_MAX 16

/**
 * Name a goal (conversion) event, such as "purchase" (spec §23.3): a
 * customer whose journey ends there finished it rather than dropped off, so
 * a goal touchpoint has no drop_off (NaN) and its friction is the mean of
 * its other components (NaN when it has none: ranked last). Up to
 * CXM_TOUCHPOINT_GOALS_MAX names; a name already given is refused.
 * cxm_touchpoints refuses a goal that is not an event of the log, naming it.
 * @param o      the options.
 * @param event  the event name (copied).
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL o or event, an empty name, a repeated name, more
 *         than CXM_TOUCHPOINT_GOALS_MAX), NOMEM; the options are unchanged
 *         on failure.
 * Ownership: the name is copied. Thread safety: modifies o.
 */
CXM_API cxm_status cxm_touchpoint_opts_add_goal(cxm_touchpoint_opts *o, const char *event);

/**
 * Touchpoint scores and friction (spec §23.3), one row per event name:
 * `rank` (by friction), `event`, `events`, `customers` (with the event),
 * `exits` (customers whose last event it is), `drop_off` (100 exits /
 * customers; NaN for a goal, cxm_touchpoint_opts_add_goal), `nps_n`, `nps`, `nps_lower`, `nps_upper` (adjusted Wald,
 * cxm_nps_adjusted_wald), `csat_n`, `csat` (% satisfied), `csat_lower`,
 * `csat_upper` (Wilson), `ces_n`, `ces` (% agree it was easy), `ces_lower`,
 * `ces_upper` (Wilson), `not_satisfied` (100 - csat), `not_easy`
 * (100 - ces), `friction_components`, `friction` (the mean of drop_off,
 * not_satisfied and not_easy where they exist; NaN where none does), `goal`
 * (1 or 0). A metric without a column, or a touchpoint without answers to
 * it, has n 0 and NaN values. Rows: friction descending (NaN last), then
 * event bytewise. Attributes: kind
 * "touchpoints", `conf`, `nps_column`, `csat_column`, `ces_column` ("" when
 * not scored).
 * @param out  out: the table (NULL on failure).
 * @param e    the event log.
 * @param o    options, or NULL for the defaults (no scores).
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out or e; a score column that is not a value column
 *         of the log: the message lists them; a goal that is not an event of
 *         the log: the message lists the events), OUT_OF_RANGE / NON_INTEGER
 *         (an answer off its scale: the message names the column, the
 *         customer, the input row (1-based) and the value), NOMEM.
 * Ownership: *out is the caller's (cxm_table_free); e and o are only read.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_touchpoints(cxm_table **out, const cxm_events *e, const cxm_touchpoint_opts *o);

CXM_END_DECL

#endif
