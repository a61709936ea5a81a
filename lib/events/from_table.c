/*
 * lib/events/from_table.c - cxm_events_from_table (spec §21.1): an event log
 * from a cxm_table (the bindings' DataFrames and Hashes of arrays).
 *
 * A TEXT column is read by its codes: each level is interned into the log
 * when its first KEPT row comes, so customers and events are numbered in the
 * order of first appearance among the rows kept, with one hash per distinct
 * text rather than per row. Rows are named 1-based in messages.
 */
#include <math.h>
#include <string.h>
#include "events_internal.h"
#include "io/io_internal.h"
#include "buf.h"

#define WHAT "cxm_events_from_table"
#define TEXT_BIT (1u << CXM_TABLE_TEXT)
#define DAY_BIT (1u << CXM_TABLE_DAY)
#define NUMBER_BIT (1u << CXM_TABLE_NUMBER)

/* A TEXT column by codes, its levels interned into `into` on first use. */
typedef struct coded {
	size_t col;
	uint32_t *code;        /* per row */
	uint32_t *map;         /* per level: code in `into`, UINT32_MAX until first used */
	size_t n_levels;
	cxm__texts *into;
} coded;

static void coded_free(coded *c)
{
	cxm__free(c->code);
	cxm__free(c->map);
	c->code = c->map = NULL;
}

static int coded_init(coded *c, const cxm_table *t, size_t col, cxm__texts *into)
{
	size_t n = cxm_table_rows(t), i;
	int rc;
	memset(c, 0, sizeof *c);
	c->col = col;
	c->into = into;
	c->n_levels = cxm_table_level_count(t, col);
	if ((rc = cxm__alloc_array(&c->code, n ? n : 1, sizeof *c->code, WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&c->map, c->n_levels ? c->n_levels : 1, sizeof *c->map, WHAT)) < 0 ||
	    (rc = cxm_table_copy_codes(c->code, n, t, col)) < 0) {
		coded_free(c);
		return rc;
	}
	for (i = 0; i < c->n_levels; i++)
		c->map[i] = UINT32_MAX;
	return CXM_OK;
}

/* Row i's code in the log's table. */
static int coded_get(coded *c, const cxm_table *t, size_t i, uint32_t *out)
{
	uint32_t lv = c->code[i];
	if (c->map[lv] == UINT32_MAX) {
		const char *s = cxm_table_level(t, c->col, lv);
		size_t g;
		int rc;
		if ((rc = cxm__texts_add(c->into, s, strlen(s), &g)) < 0)
			return rc;
		if (g >= UINT32_MAX)
			return cxm__fail(CXM_EBAD_ARG, "%s: more than %u distinct texts", WHAT, (unsigned)UINT32_MAX - 1);
		c->map[lv] = (uint32_t)g;
	}
	*out = c->map[lv];
	return CXM_OK;
}

/* A bad row: counted when skipping (returns 1), else the error already set (code). */
static int bad(cxm_events *e, const cxm_events_opts *o, int reason, int code)
{
	if (o->skip_bad_rows) {
		e->skipped[reason]++;
		return 1;
	}
	return code;
}

typedef struct columns {
	size_t cust, time, event;        /* event SIZE_MAX: none */
	int cust_type, time_type;
	size_t prop[CXM_EVENTS_MAX_PROPERTIES], value[CXM_EVENTS_MAX_VALUES];
} columns;

static int find_columns(columns *c, const cxm_table *t, const cxm_events_opts *o)
{
	size_t k;
	int rc;
	if ((rc = cxm__table_column_typed(&c->cust, t, o->customer, TEXT_BIT | NUMBER_BIT, 1, "event log")) < 0)
		return cxm__error_context("the customer column");
	if ((rc = cxm__table_column_typed(&c->time, t, o->time, TEXT_BIT | DAY_BIT | NUMBER_BIT, 1, "event log")) < 0)
		return cxm__error_context("the time column");
	c->event = SIZE_MAX;
	if (o->event && (rc = cxm__table_column_typed(&c->event, t, o->event, TEXT_BIT, 1, "event log")) < 0)
		return cxm__error_context("the event column");
	for (k = 0; k < o->n_props; k++)
		if ((rc = cxm__table_column_typed(&c->prop[k], t, o->prop[k], TEXT_BIT, 1, "event log")) < 0)
			return cxm__error_context("a property column");
	for (k = 0; k < o->n_values; k++)
		if ((rc = cxm__table_column_typed(&c->value[k], t, o->value[k], NUMBER_BIT, 1, "event log")) < 0)
			return cxm__error_context("a value column");
	if ((rc = cxm_table_column_type(&c->cust_type, t, c->cust)) < 0 ||
	    (rc = cxm_table_column_type(&c->time_type, t, c->time)) < 0)
		return rc;
	return CXM_OK;
}

/* The timestamp parser's message (it says why) after the row and column. */
static void time_context(size_t i, const char *column)
{
	char context[CXM__QUOTE_MAX + 64], quoted[CXM__QUOTE_MAX + 4];
	cxm__quote_text(quoted, sizeof quoted, column, strlen(column));
	cxm__snprintf_c(context, sizeof context, "row %zu, column '%s'", i + 1, quoted);
	cxm__error_context(context);
}

/* Row i's time in seconds, or a bad row (1 skipped, < 0 error). */
static int row_time(double *sec, cxm_events *e, const cxm_events_opts *o, const cxm_table *t, const columns *c,
		    size_t i)
{
	char text[CXM__QUOTE_MAX + 4];
	if (c->time_type == CXM_TABLE_TEXT) {
		const char *s = cxm_table_texts(t, c->time)[i];
		int is_date;
		if (cxm__timestamp_parse_n(s, strlen(s), sec, &is_date) < 0) {
			if (s[0] == '\0')
				cxm__fail(CXM_EPARSE, "row %zu, column '%s': the time is missing (an empty text)", i + 1,
					  o->time);
			else
				time_context(i, o->time);
			return bad(e, o, CXM_EVENTS_SKIP_BAD_TIMESTAMP, CXM_EPARSE);
		}
		return CXM_OK;
	}
	*sec = cxm_table_numbers(t, c->time)[i];
	if (c->time_type == CXM_TABLE_DAY) {
		*sec *= 86400.0; /* a date: its midnight UTC */
		return CXM_OK;
	}
	if (isnan(*sec)) {
		cxm__fail(CXM_ENAN, "row %zu, column '%s': the time is NaN (missing)", i + 1, o->time);
		return bad(e, o, CXM_EVENTS_SKIP_BAD_TIMESTAMP, CXM_ENAN);
	}
	if (isinf(*sec)) {
		cxm__snprintf_c(text, sizeof text, "%s", *sec > 0 ? "inf" : "-inf");
		cxm__fail(CXM_EOUT_OF_RANGE, "row %zu, column '%s': the time %s is infinite", i + 1, o->time, text);
		return bad(e, o, CXM_EVENTS_SKIP_BAD_TIMESTAMP, CXM_EOUT_OF_RANGE);
	}
	return CXM_OK;
}

cxm_status cxm_events_from_table(cxm_events **out, const cxm_table *t, const cxm_events_opts *o)
{
	cxm__events_builder b;
	columns c;
	coded cust, ev, prop[CXM_EVENTS_MAX_PROPERTIES];
	const double *cust_num = NULL, *vals[CXM_EVENTS_MAX_VALUES];
	size_t n, i, k;
	uint32_t event_const = 0;
	int rc, have_b = 0;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(t, "table")) < 0)
		return rc;
	if (o == NULL)
		o = cxm__events_default_opts();
	memset(&cust, 0, sizeof cust);
	memset(&ev, 0, sizeof ev);
	memset(prop, 0, sizeof prop);
	/* no rows first: an empty column has no type to check (a binding's empty list is NUMBER) */
	n = cxm_table_rows(t);
	if (n == 0)
		return cxm__fail(CXM_EEMPTY, "%s: the table has no rows", WHAT);
	if ((rc = find_columns(&c, t, o)) < 0)
		return rc;
	if ((rc = cxm__events_builder_init(&b, o, n, WHAT)) < 0)
		return rc;
	have_b = 1;
	if (c.cust_type == CXM_TABLE_TEXT) {
		if ((rc = coded_init(&cust, t, c.cust, &b.e->customers)) < 0)
			goto done;
	} else {
		cust_num = cxm_table_numbers(t, c.cust);
	}
	if (c.event != SIZE_MAX) {
		if ((rc = coded_init(&ev, t, c.event, &b.e->event_names)) < 0)
			goto done;
	} else if ((rc = cxm__events_intern_event(&b, CXM__EVENTS_CONSTANT_EVENT,
						   sizeof CXM__EVENTS_CONSTANT_EVENT - 1, &event_const)) < 0) {
		goto done;
	}
	for (k = 0; k < o->n_props; k++)
		if ((rc = coded_init(&prop[k], t, c.prop[k], &b.e->prop_names[k])) < 0)
			goto done;
	for (k = 0; k < o->n_values; k++)
		vals[k] = cxm_table_numbers(t, c.value[k]);
	b.e->rows_read = n;
	for (i = 0; i < n; i++) {
		size_t at = b.n;
		char idbuf[CXM__NUMBER_MAX];
		const char *id;
		double sec;
		/* check the whole row before interning anything: a skipped row leaves no customer */
		if (cust_num) {
			if (!isfinite(cust_num[i])) {
				cxm__fail(CXM_EBAD_ARG, "row %zu, column '%s': the customer id is missing (a number %s)",
					  i + 1, o->customer, isnan(cust_num[i]) ? "NaN" : "that is infinite");
				if ((rc = bad(b.e, o, CXM_EVENTS_SKIP_MISSING_ID, CXM_EBAD_ARG)) < 0)
					goto done;
				continue;
			}
			id = cxm__format_number(idbuf, cust_num[i] == 0 ? 0.0 : cust_num[i]); /* -0 is 0 */
		} else {
			id = cxm_table_level(t, c.cust, cust.code[i]);
			if (cxm__blank_field(id, strlen(id))) {
				cxm__fail(CXM_EBAD_ARG, "row %zu, column '%s': the customer id is missing (%s)", i + 1,
					  o->customer, id[0] ? "blanks only" : "an empty text");
				if ((rc = bad(b.e, o, CXM_EVENTS_SKIP_MISSING_ID, CXM_EBAD_ARG)) < 0)
					goto done;
				continue;
			}
		}
		if ((rc = row_time(&sec, b.e, o, t, &c, i)) != 0) {
			if (rc < 0)
				goto done;
			continue;
		}
		if (c.event != SIZE_MAX) {
			const char *name = cxm_table_level(t, c.event, ev.code[i]);
			if (cxm__blank_field(name, strlen(name))) {
				cxm__fail(CXM_EBAD_ARG, "row %zu, column '%s': the event name is missing (%s)", i + 1,
					  o->event, name[0] ? "blanks only" : "an empty text");
				if ((rc = bad(b.e, o, CXM_EVENTS_SKIP_MISSING_ID, CXM_EBAD_ARG)) < 0)
					goto done;
				continue;
			}
		}
		if ((rc = cxm__events_builder_reserve(&b, 1)) < 0)
			goto done;
		if (cust_num)
			rc = cxm__events_intern_customer(&b, id, strlen(id), &b.cust[at]);
		else
			rc = coded_get(&cust, t, i, &b.cust[at]);
		if (rc < 0)
			goto done;
		if (c.event != SIZE_MAX) {
			if ((rc = coded_get(&ev, t, i, &b.event[at])) < 0)
				goto done;
		} else {
			b.event[at] = event_const;
		}
		for (k = 0; k < o->n_props; k++)
			if ((rc = coded_get(&prop[k], t, i, &b.prop[k][at])) < 0)
				goto done;
		for (k = 0; k < o->n_values; k++)
			b.value[k][at] = vals[k][i];
		b.t[at] = sec;
		b.row[at] = i;
		b.n++;
	}
	have_b = 0;
	rc = cxm__events_builder_finish(&b, out, o->threads);
done:
	if (have_b)
		cxm__events_builder_free(&b);
	coded_free(&cust);
	coded_free(&ev);
	for (k = 0; k < CXM_EVENTS_MAX_PROPERTIES; k++)
		coded_free(&prop[k]);
	return rc;
}
