/*
 * lib/events/opts.c - cxm_events_opts: which columns an event log is read
 * from and how bad rows are handled (spec §21.1), and the names table of the
 * skip reasons.
 */
#include <string.h>
#include "names.h"
#include "events_internal.h"

static const cxm__word skip_words[] = {
	{ "ragged", CXM_EVENTS_SKIP_RAGGED },
	{ "invalid_utf8", CXM_EVENTS_SKIP_INVALID_UTF8 },
	{ "bad_timestamp", CXM_EVENTS_SKIP_BAD_TIMESTAMP },
	{ "missing_id", CXM_EVENTS_SKIP_MISSING_ID },
	{ "not_a_number", CXM_EVENTS_SKIP_NOT_A_NUMBER }
};
const cxm__names cxm__events_skip_names = CXM__NAMES("events skip reason", skip_words, 0);

/* The defaults, for callers that pass NULL options (never modified). */
static char def_customer[] = "customer_id", def_time[] = "time", def_event[] = "event";
static const cxm_events_opts defaults = {
	.customer = def_customer, .time = def_time, .event = def_event, .delimiter = ','
};

const cxm_events_opts *cxm__events_default_opts(void)
{
	return &defaults;
}

/* A copy of a column name; NULL stays NULL; "" is refused naming its role. */
static int copy_name(char **copy, const char *name, const char *what)
{
	*copy = NULL;
	if (name == NULL)
		return CXM_OK;
	if (name[0] == '\0')
		return cxm__fail(CXM_EBAD_ARG, "the %s column name is empty; give a column name", what);
	if ((*copy = cxm__strdup(name)) == NULL)
		return cxm__fail(CXM_ENOMEM, "no memory for the %s column name", what);
	return CXM_OK;
}

cxm_status cxm_events_opts_new(cxm_events_opts **out)
{
	cxm_events_opts *o;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((o = cxm__malloc(sizeof *o)) == NULL)
		return cxm__fail(CXM_ENOMEM, "cxm_events_opts_new: no memory for the options");
	memset(o, 0, sizeof *o);
	o->delimiter = ',';
	if ((rc = copy_name(&o->customer, def_customer, "customer")) < 0 ||
	    (rc = copy_name(&o->time, def_time, "time")) < 0 || (rc = copy_name(&o->event, def_event, "event")) < 0) {
		cxm_events_opts_free(o);
		return rc;
	}
	*out = o;
	return CXM_OK;
}

void cxm_events_opts_free(cxm_events_opts *o)
{
	size_t i;
	if (o == NULL)
		return;
	cxm__free(o->customer);
	cxm__free(o->time);
	cxm__free(o->event);
	for (i = 0; i < o->n_props; i++)
		cxm__free(o->prop[i]);
	for (i = 0; i < o->n_values; i++)
		cxm__free(o->value[i]);
	cxm__free(o);
}

/* The role that already reads `name` (NULL: none), so that one column is never read twice. */
static const char *role_of(const cxm_events_opts *o, const char *name, const char *customer, const char *time,
			   const char *event)
{
	size_t i;
	if (customer && strcmp(customer, name) == 0)
		return "customer";
	if (time && strcmp(time, name) == 0)
		return "time";
	if (event && strcmp(event, name) == 0)
		return "event";
	for (i = 0; i < o->n_props; i++)
		if (strcmp(o->prop[i], name) == 0)
			return "property";
	for (i = 0; i < o->n_values; i++)
		if (strcmp(o->value[i], name) == 0)
			return "value";
	return NULL;
}

cxm_status cxm_events_opts_set_columns(cxm_events_opts *o, const char *customer, const char *time, const char *event)
{
	char *c = NULL, *t = NULL, *e = NULL;
	const char *names[3], *roles[3] = { "customer", "time", "event" };
	size_t i, j;
	int rc;
	if ((rc = cxm__check_ptr(o, "opts")) < 0 || (rc = cxm__check_ptr(customer, "customer")) < 0 ||
	    (rc = cxm__check_ptr(time, "time")) < 0)
		return rc;
	names[0] = customer;
	names[1] = time;
	names[2] = event;
	for (i = 0; i < 3; i++) {
		for (j = i + 1; j < 3; j++)
			if (names[i] && names[j] && strcmp(names[i], names[j]) == 0)
				return cxm__fail(CXM_EBAD_ARG, "the %s and %s columns are both '%s'; give each its own "
						 "column", roles[i], roles[j], names[i]);
		for (j = 0; names[i] && j < o->n_props; j++)
			if (strcmp(names[i], o->prop[j]) == 0)
				return cxm__fail(CXM_EBAD_ARG, "the %s column '%s' is already a property column",
						 roles[i], names[i]);
		for (j = 0; names[i] && j < o->n_values; j++)
			if (strcmp(names[i], o->value[j]) == 0)
				return cxm__fail(CXM_EBAD_ARG, "the %s column '%s' is already a value column",
						 roles[i], names[i]);
	}
	if ((rc = copy_name(&c, customer, "customer")) < 0 || (rc = copy_name(&t, time, "time")) < 0 ||
	    (rc = copy_name(&e, event, "event")) < 0) {
		cxm__free(c);
		cxm__free(t);
		return rc;
	}
	cxm__free(o->customer);
	cxm__free(o->time);
	cxm__free(o->event);
	o->customer = c;
	o->time = t;
	o->event = e;
	return CXM_OK;
}

/* Append column to list (n entries, room max), checked against every role. */
static int add_column(cxm_events_opts *o, char **list, size_t *n, size_t max, const char *column, const char *what)
{
	const char *role;
	char *copy;
	int rc;
	if ((rc = cxm__check_ptr(o, "opts")) < 0 || (rc = cxm__check_ptr(column, "column")) < 0)
		return rc;
	if (*n == max)
		return cxm__fail(CXM_EBAD_ARG, "too many %s columns: at most %zu ('%s' is one more)", what, max, column);
	if (column[0] != '\0' && (role = role_of(o, column, o->customer, o->time, o->event)) != NULL)
		return cxm__fail(CXM_EBAD_ARG, "the %s column '%s' is already the %s column", what, column, role);
	if ((rc = copy_name(&copy, column, what)) < 0)
		return rc;
	list[(*n)++] = copy;
	return CXM_OK;
}

cxm_status cxm_events_opts_add_property(cxm_events_opts *o, const char *column)
{
	return add_column(o, o ? o->prop : NULL, o ? &o->n_props : NULL, CXM_EVENTS_MAX_PROPERTIES, column, "property");
}

cxm_status cxm_events_opts_add_value(cxm_events_opts *o, const char *column)
{
	return add_column(o, o ? o->value : NULL, o ? &o->n_values : NULL, CXM_EVENTS_MAX_VALUES, column, "value");
}

cxm_status cxm_events_opts_set_utc_offset(cxm_events_opts *o, int minutes)
{
	int rc;
	if ((rc = cxm__check_ptr(o, "opts")) < 0)
		return rc;
	if (minutes < -840 || minutes > 840)
		return cxm__fail(CXM_EBAD_ARG, "utc_offset = %d minutes is outside -840..840 (UTC-14:00..UTC+14:00)",
				 minutes);
	o->utc_offset = minutes;
	return CXM_OK;
}

cxm_status cxm_events_opts_set_skip_bad_rows(cxm_events_opts *o, unsigned int on)
{
	int rc;
	if ((rc = cxm__check_ptr(o, "opts")) < 0)
		return rc;
	if (on > 1)
		return cxm__fail(CXM_EBAD_ARG, "skip_bad_rows must be 0 or 1, not %u", on);
	o->skip_bad_rows = on;
	return CXM_OK;
}

cxm_status cxm_events_opts_set_delimiter(cxm_events_opts *o, char delimiter)
{
	int rc;
	if ((rc = cxm__check_ptr(o, "opts")) < 0)
		return rc;
	if (delimiter == '"' || delimiter == '\n' || delimiter == '\r' || delimiter == '\0')
		return cxm__fail(CXM_EBAD_ARG, "the delimiter cannot be %s", delimiter == '"' ? "'\"'" :
				 delimiter == '\0' ? "NUL" : "a line break");
	o->delimiter = delimiter;
	return CXM_OK;
}

cxm_status cxm_events_opts_set_threads(cxm_events_opts *o, unsigned int threads)
{
	int rc;
	if ((rc = cxm__check_ptr(o, "opts")) < 0)
		return rc;
	if (threads > 1024)
		return cxm__fail(CXM_EBAD_ARG, "threads = %u is above 1024", threads);
	o->threads = threads;
	return CXM_OK;
}
