/*
 * lib/events/events.c - an event log from parallel arrays, its counts, and
 * the lookups the journey modules use (spec §21).
 */
#include <math.h>
#include <string.h>
#include "events_internal.h"

#define WHAT "cxm_events_from_arrays"

/* A customer id or event name: NULL and "" are missing (never a customer or an event). */
static int check_text(const char *s, const char *what, size_t i)
{
	if (s == NULL)
		return cxm__fail(CXM_EBAD_ARG, "%s[%zu] (row %zu) is NULL; every event needs a %s", what, i, i + 1,
				 strcmp(what, "customers") == 0 ? "customer id" : "name");
	if (s[0] == '\0')
		return cxm__fail(CXM_EBAD_ARG, "%s[%zu] (row %zu) is empty; every event needs a %s", what, i, i + 1,
				 strcmp(what, "customers") == 0 ? "customer id" : "name");
	return CXM_OK;
}

cxm_status cxm_events_from_arrays(cxm_events **out, const char *const *customers, size_t n_customers,
				  const double *seconds, size_t n_seconds, const char *const *events, size_t n_events)
{
	cxm__events_builder b;
	size_t i;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_array(customers, n_customers, "customers")) < 0 ||
	    (rc = cxm__check_array(seconds, n_seconds, "seconds")) < 0 ||
	    (rc = cxm__check_array(events, n_events, "events")) < 0)
		return rc;
	if (n_seconds != n_customers || n_events != n_customers)
		return cxm__fail(CXM_EBAD_ARG, "customers, seconds and events have %zu, %zu and %zu entries; they "
				 "must be equal (one per event)", n_customers, n_seconds, n_events);
	if (n_customers == 0)
		return cxm__fail(CXM_EEMPTY, "%s: no events (the arrays are empty)", WHAT);
	/* every row is checked before anything is allocated */
	for (i = 0; i < n_customers; i++) {
		if ((rc = check_text(customers[i], "customers", i)) < 0 || (rc = check_text(events[i], "events", i)) < 0)
			return rc;
		if (isnan(seconds[i]))
			return cxm__fail(CXM_ENAN, "seconds[%zu] (row %zu, customer '%.40s') is NaN", i, i + 1,
					 customers[i]);
		if (isinf(seconds[i]))
			return cxm__fail(CXM_EOUT_OF_RANGE, "seconds[%zu] (row %zu, customer '%.40s') is infinite", i,
					 i + 1, customers[i]);
	}
	if ((rc = cxm__events_builder_init(&b, NULL, n_customers, WHAT)) < 0)
		return rc;
	for (i = 0; i < n_customers; i++) {
		if ((rc = cxm__events_intern_customer(&b, customers[i], strlen(customers[i]), &b.cust[i])) < 0 ||
		    (rc = cxm__events_intern_event(&b, events[i], strlen(events[i]), &b.event[i])) < 0) {
			cxm__events_builder_free(&b);
			return rc;
		}
		b.t[i] = seconds[i];
		b.row[i] = i;
	}
	b.n = n_customers;
	b.e->rows_read = n_customers;
	return cxm__events_builder_finish(&b, out, 0);
}

size_t cxm_events_count(const cxm_events *e)
{
	return e ? e->n : 0;
}

size_t cxm_events_customers(const cxm_events *e)
{
	return e ? e->n_customers : 0;
}

size_t cxm_events_skipped(const cxm_events *e, int reason)
{
	if (e == NULL || reason < 0 || reason >= (int)(sizeof e->skipped / sizeof *e->skipped))
		return 0;
	return e->skipped[reason];
}

uint32_t cxm__events_code(const cxm_events *e, const char *name)
{
	size_t i, len;
	if (e == NULL || name == NULL)
		return UINT32_MAX;
	len = strlen(name);
	/* a log has few event names: a scan, no second hash table */
	for (i = 0; i < e->event_names.count; i++)
		if (e->event_names.len[i] == len && memcmp(e->event_names.str[i], name, len) == 0)
			return (uint32_t)i;
	return UINT32_MAX;
}

static const char *column_at(const void *ctx, size_t i)
{
	return ((const char *const *)ctx)[i];
}

/* The index of column among names[0..n), else BAD_ARG naming it and listing the log's columns of that kind. */
static int column_index(char *const *names, size_t n, const char *column, size_t *k, const char *kind)
{
	char list[512], quoted[CXM__QUOTE_MAX + 4];
	size_t i;
	int rc;
	if ((rc = cxm__check_ptr(column, "column")) < 0 || (rc = cxm__check_ptr(k, "k")) < 0)
		return rc;
	for (i = 0; i < n; i++) {
		if (strcmp(names[i], column) == 0) {
			*k = i;
			return CXM_OK;
		}
	}
	cxm__quote_text(quoted, sizeof quoted, column, strlen(column));
	if (n == 0)
		return cxm__fail(CXM_EBAD_ARG, "'%s' is not a %s column of the event log (it has none; name it when "
				 "the log is read)", quoted, kind);
	cxm__join_names(list, sizeof list, n, column_at, names, 1, NULL);
	return cxm__fail(CXM_EBAD_ARG, "'%s' is not a %s column of the event log (its %s columns: %s)", quoted, kind,
			 kind, list);
}

int cxm__events_prop_index(const cxm_events *e, const char *column, size_t *k)
{
	int rc;
	if ((rc = cxm__check_ptr(e, "events")) < 0)
		return rc;
	return column_index(e->prop_column, e->n_props, column, k, "property");
}

int cxm__events_value_index(const cxm_events *e, const char *column, size_t *k)
{
	int rc;
	if ((rc = cxm__check_ptr(e, "events")) < 0)
		return rc;
	return column_index(e->value_column, e->n_values, column, k, "value");
}
