/*
 * cxmetrics/cohort.h - cohorts of an event log (spec §24): customers grouped
 * by the calendar period of their first event (or first purchase), and per
 * cohort x period since entry the active customers, retention, revenue per
 * customer, cumulative revenue per customer (LTV by cohort), and the §5
 * churn and retention rates between consecutive periods.
 *
 * A time is placed in a calendar day at the log's UTC offset
 * (cxm_events_opts_set_utc_offset), then in its period by cxm_period_start
 * (names table CXM_NAMES_PERIOD: day, week (ISO, Monday), month, quarter,
 * year). Periods since entry are counted as calendar periods: a customer
 * entering on January 31 and back on February 1 is active in period 1 of a
 * monthly table. The work is linear in the events plus the days the log
 * spans plus the rows of the table.
 *
 * Pure functions are thread-safe; a cxm_cohort_opts handle may be read from
 * many threads but modified by one.
 */
#ifndef CXMETRICS_COHORT_H
#define CXMETRICS_COHORT_H

#include "common.h"
#include "table.h"
#include "events.h"

CXM_BEGIN_DECL

/** How a cohort table is built (opaque): period, amount column, NaN policy, entry and activity events. */
typedef struct cxm_cohort_opts cxm_cohort_opts;

/**
 * Options with the defaults: monthly periods, no amount column (the
 * revenue columns are NaN), nan_policy error, any event enters a customer
 * and any event counts as activity.
 * @param out  out: the options.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_cohort_opts_free. *out is NULL on failure.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_cohort_opts_new(cxm_cohort_opts **out);

/**
 * Free options; NULL is a no-op.
 * @param o  the options.
 * Errors: none. Ownership: frees o and the names it copied. Thread safety: not while o is in use.
 */
CXM_API void cxm_cohort_opts_free(cxm_cohort_opts *o);

/**
 * The calendar period of cohorts and of the periods since entry.
 * @param o       the options.
 * @param period  a cxm_period (CXM_NAMES_PERIOD): day, week, month (default), quarter, year.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL o; an unknown period, listing the words); o is unchanged on failure.
 * Ownership: nothing allocated. Thread safety: modifies o.
 */
CXM_API cxm_status cxm_cohort_opts_set_period(cxm_cohort_opts *o, int period);

/**
 * The value column of the log (cxm_events_opts_add_value) summed as
 * revenue, or NULL for none (the revenue columns are then NaN).
 * @param o       the options.
 * @param column  a value column name (copied), or NULL.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL o; an empty name), NOMEM; o is unchanged on failure.
 *         A name the log lacks fails in cxm_cohort_table.
 * Ownership: o keeps a copy. Thread safety: modifies o.
 */
CXM_API cxm_status cxm_cohort_opts_set_amount(cxm_cohort_opts *o, const char *column);

/**
 * What a NaN amount on an activity event does: error (default; the message
 * names the customer, the input row and the event) or omit (the amount is
 * left out of the revenue, the event still counts as activity, and the
 * table's attr `amounts_omitted` counts it).
 * @param o           the options.
 * @param nan_policy  a cxm_nan_policy (CXM_NAMES_NAN_POLICY).
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL o; an unknown policy); o is unchanged on failure.
 * Ownership: nothing allocated. Thread safety: modifies o.
 */
CXM_API cxm_status cxm_cohort_opts_set_nan_policy(cxm_cohort_opts *o, int nan_policy);

/**
 * The event that makes a customer enter (its first occurrence defines the
 * cohort; e.g. "purchase"), or NULL for the customer's first event of any
 * name. Customers who never have it are in no cohort (attr
 * `customers_not_entered`); their events and the events before entry are
 * not counted.
 * @param o      the options.
 * @param event  an event name (copied), or NULL.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL o; an empty name), NOMEM; o is unchanged on failure.
 *         A name the log lacks fails in cxm_cohort_table.
 * Ownership: o keeps a copy. Thread safety: modifies o.
 */
CXM_API cxm_status cxm_cohort_opts_set_first_event(cxm_cohort_opts *o, const char *event);

/**
 * The event counted as activity (and whose amounts are revenue), or NULL
 * for any event. With an activity event other than the entry event, period
 * 0 counts the customers who did it in their entry period, so its retention
 * may be below 100.
 * @param o      the options.
 * @param event  an event name (copied), or NULL.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL o; an empty name), NOMEM; o is unchanged on failure.
 *         A name the log lacks fails in cxm_cohort_table.
 * Ownership: o keeps a copy. Thread safety: modifies o.
 */
CXM_API cxm_status cxm_cohort_opts_set_active_event(cxm_cohort_opts *o, const char *event);

/**
 * The cohort table of an event log (spec §24). A customer enters at their
 * first entry event; cohort = the period holding its day. From the entry
 * event on (in the log's sorted order), each activity event makes the
 * customer active in its period p (whole calendar periods since the
 * cohort's). One row per cohort with customers and p = 0, 1, ... up to the
 * period holding the log's last event (the triangle), cohorts ascending,
 * then p. Columns: `cohort` (DAY: first day of the period), `period`,
 * `customers` (cohort size), `active`, `retention` (100 active /
 * customers), `revenue` (the exact sum of the amounts of the activity
 * events in the period, rounded once), `revenue_per_customer` (revenue /
 * customers), `cumulative_revenue_per_customer` (the exact sum over periods
 * 0..p, / customers), `churn` (cxm_churn_rate with S = active in p - 1 and
 * L = active in p - 1 but not in p) and `period_retention`
 * (cxm_retention_rate with S = active in p - 1, E = active in p, N =
 * active in p but not in p - 1); both NaN at p = 0 or when S = 0. Revenue
 * columns are NaN without an amount. Attrs: kind "cohort", every (the
 * period's word), amount (column or ""), first_event and active_event
 * (names or ""), utc_offset_minutes, customers_in_log,
 * customers_not_entered, amounts_omitted.
 * @param out  out: the table.
 * @param e    the event log.
 * @param o    options, or NULL for the defaults.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out or e; an amount column, first or active event
 *         the log lacks, naming it and listing what the log has; an
 *         infinite amount, naming the customer and row), NAN (a NaN amount
 *         of an activity event under nan_policy error, naming the customer,
 *         row and event), EMPTY (no customer enters), OUT_OF_RANGE (a time
 *         whose day leaves the years 0001..9999), NOMEM.
 * Ownership: *out is the caller's (cxm_table_free); NULL on failure.
 * Thread safety: pure (e and o are only read).
 */
CXM_API cxm_status cxm_cohort_table(cxm_table **out, const cxm_events *e, const cxm_cohort_opts *o);

CXM_END_DECL

#endif
