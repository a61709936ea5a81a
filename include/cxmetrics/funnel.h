/*
 * cxmetrics/funnel.h - conversion funnels over an event log (spec §22): how
 * many customers reach each of an ordered list of steps within a window,
 * with PostHog's three modes (ordered, strict, any order), Wilson intervals,
 * the time to the next step, where the customers who stop go next, and a
 * breakdown by a property with two-proportion tests between groups.
 *
 * Each customer's result is the attempt (a start at a step-1 event) that
 * reaches the most steps, ties going to the earliest attempt; the rules are
 * in spec §22. Customers are independent, so the work is spread over threads
 * by customer, and the results do not depend on the thread count.
 *
 * Pure functions are thread-safe; a cxm_funnel_opts handle may be read from
 * many threads but modified by one; a cxm_funnel result is read-only.
 */
#ifndef CXMETRICS_FUNNEL_H
#define CXMETRICS_FUNNEL_H

#include "common.h"
#include "table.h"
#include "events.h"

CXM_BEGIN_DECL

/** How one step follows another (CXM_NAMES_FUNNEL_MODE: "ordered", "strict", "any"). */
typedef enum cxm_funnel_mode {
	CXM_FUNNEL_ORDERED = 0, /**< each step after the previous one, other events allowed between */
	CXM_FUNNEL_STRICT = 1,  /**< each step the very next event of the customer */
	CXM_FUNNEL_ANY = 2      /**< the steps in any order (as a multiset) within the window */
} cxm_funnel_mode;

/** How a funnel is computed (opaque): mode, breakdown, confidence, adjustment, threads. */
typedef struct cxm_funnel_opts cxm_funnel_opts;

/** A computed funnel (opaque, read-only); its tables come from the getters below. */
typedef struct cxm_funnel cxm_funnel;

/**
 * Options with the defaults: mode ordered, no breakdown, conf 0.95, adjust
 * holm, the 5 most frequent next events per step, threads 0 (cxm_threads(), threads.h).
 * @param out  out: the options.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_funnel_opts_free. *out is NULL on failure.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_funnel_opts_new(cxm_funnel_opts **out);

/** Free options; NULL is a no-op.
 * Errors: none. Ownership: nothing borrowed outlives it. Thread safety: not while in use.
 */
CXM_API void cxm_funnel_opts_free(cxm_funnel_opts *opts);

/**
 * The mode, a cxm_funnel_mode.
 * @param mode  CXM_FUNNEL_ORDERED, CXM_FUNNEL_STRICT or CXM_FUNNEL_ANY.
 * @return CXM_OK or a negative code; opts unchanged on failure.
 * Errors: BAD_ARG (NULL opts; an unknown value: the message lists the words).
 * Ownership: nothing allocated. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_funnel_opts_set_mode(cxm_funnel_opts *opts, int mode);

/**
 * Break the funnel down by a property column of the log (a TEXT property
 * the log was built with, cxm_events_opts_add_property): a customer's group
 * is the value at the step-1 event of their attempt. NULL: no breakdown.
 * The column is looked up when the funnel runs.
 * @param column  a property column name (not empty), or NULL.
 * @return CXM_OK or a negative code; opts unchanged on failure.
 * Errors: BAD_ARG (NULL opts, an empty name), NOMEM.
 * Ownership: opts keeps a copy. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_funnel_opts_set_by(cxm_funnel_opts *opts, const char *column);

/**
 * The confidence of the Wilson intervals (and the tests' intervals).
 * @param conf  in (0, 1); 0.95 by default.
 * @return CXM_OK or a negative code; opts unchanged on failure.
 * Errors: BAD_ARG (NULL opts, conf NaN or outside (0, 1)).
 * Ownership: nothing allocated. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_funnel_opts_set_conf(cxm_funnel_opts *opts, double conf);

/**
 * How the breakdown's p-values are adjusted, a cxm_p_adjust_method (holm by
 * default, bh, none).
 * @param method  a cxm_p_adjust_method.
 * @return CXM_OK or a negative code; opts unchanged on failure.
 * Errors: BAD_ARG (NULL opts; an unknown value: the message lists the words).
 * Ownership: nothing allocated. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_funnel_opts_set_adjust(cxm_funnel_opts *opts, int method);

/**
 * How many of the most frequent next events of the customers who stop at a
 * step the next-events table keeps per step.
 * @param top  1..1000; 5 by default.
 * @return CXM_OK or a negative code; opts unchanged on failure.
 * Errors: BAD_ARG (NULL opts, top 0 or above 1000).
 * Ownership: nothing allocated. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_funnel_opts_set_top_next(cxm_funnel_opts *opts, size_t top);

/**
 * Threads over customers: 0 = cxm_threads() (threads.h: cxm_set_threads,
 * else CXM_THREADS, else the online cores), 1 = the calling thread only,
 * at most 64. The results do not depend on it.
 * @param threads  0..64.
 * @return CXM_OK or a negative code; opts unchanged on failure.
 * Errors: BAD_ARG (NULL opts, threads above 64).
 * Ownership: nothing allocated. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_funnel_opts_set_threads(cxm_funnel_opts *opts, unsigned int threads);

/**
 * Compute a funnel (spec §22) over the customers of an event log.
 * @param out             out: the funnel.
 * @param events          the log (cxm_events_read_csv, _from_table, _from_arrays).
 * @param steps           n_steps event names, each one the log has; a name may
 *                        repeat (a repeated step needs a later, distinct event).
 * @param n_steps         2..32.
 * @param window_seconds  the conversion window W in seconds, >= 0 (+inf: no
 *                        limit): every step within [t1, t1 + W] of the
 *                        attempt's step-1 time t1, both ends included.
 * @param opts            NULL: the defaults.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out, events or steps; n_steps outside 2..32; a NULL
 *         step; "step 'x' is not an event in the log (events: a, b, ...)";
 *         the window NaN or negative; the by column not a property of the
 *         log (the message lists them); a group value "(all)", which is the
 *         name of the total), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_funnel_free. The funnel
 *         keeps no pointer into events. *out is NULL on failure.
 * Thread safety: read-only on events and opts.
 */
CXM_API cxm_status cxm_funnel_run(cxm_funnel **out, const cxm_events *events, const char *const *steps,
				  size_t n_steps, double window_seconds, const cxm_funnel_opts *opts);

/**
 * The steps table (spec §22.3): the by column (only with a breakdown: the
 * total "(all)" first, then each group bytewise), step (1-based), event,
 * customers, conversion (% of the previous step's customers; 100 at step 1),
 * lower, upper (Wilson, %; NaN at step 1), drop_off (100 - the next step's
 * conversion; NaN at the last step), overall (% of step 1), and
 * mean/median/p90_seconds_to_next (type-7 quantiles over the customers who
 * reach the next step; NaN at the last step or with none). Attributes kind
 * "funnel", mode, window_seconds, conf, customers_in_log, by (with a
 * breakdown).
 * @param out  out: the table.
 * @param f    the funnel.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out or f), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_table_free. *out is NULL on failure.
 * Thread safety: read-only on f.
 */
CXM_API cxm_status cxm_funnel_steps(cxm_table **out, const cxm_funnel *f);

/**
 * Where drop-offs go (spec §22.4): for the customers whose furthest step is
 * j < k, the event right after their step-j event in their attempt ("(end)"
 * when none), the most frequent per step (by customers desc, then the name
 * bytewise). Columns step, event, next_event, customers, share (% of the
 * step's drop-offs); attribute kind "funnel_next".
 * @param out  out: the table.
 * @param f    the funnel.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out or f), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_table_free. *out is NULL on failure.
 * Thread safety: read-only on f.
 */
CXM_API cxm_status cxm_funnel_next_events(cxm_table **out, const cxm_funnel *f);

/**
 * The breakdown's tests (spec §22.5): per group and step j >= 2, the
 * group's conversion from step j - 1 against that of the other groups
 * pooled (cxm_two_proportion_test), p adjusted across the table
 * (cxm_p_adjust). Columns: the by column, step, event, customers (the
 * group's customers at step j - 1), conversion, rest_customers,
 * rest_conversion, diff (points), p_value, p_adjusted (NaN where a side has
 * no customer). Attributes kind "funnel_tests", adjust. Without a breakdown:
 * a table of these columns (without the by column) and no rows.
 * @param out  out: the table.
 * @param f    the funnel.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out or f), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_table_free. *out is NULL on failure.
 * Thread safety: read-only on f.
 */
CXM_API cxm_status cxm_funnel_tests(cxm_table **out, const cxm_funnel *f);

/** Free a funnel; NULL is a no-op.
 * Errors: none. Ownership: tables taken from it are the caller's and stay valid.
 * Thread safety: not while in use.
 */
CXM_API void cxm_funnel_free(cxm_funnel *f);

CXM_END_DECL

#endif
