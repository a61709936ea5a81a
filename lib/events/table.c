/*
 * lib/events/table.c - cxm_events_table (spec §21.3): the log as a table in
 * its sorted order, what the bindings show and the tests compare.
 */
#include <string.h>
#include "events_internal.h"
#include "io/io_internal.h"
#include "names.h"

#define WHAT "cxm_events_table"

/* A coded TEXT column: row i is words[code[i]]. */
static int add_coded(cxm_table *t, const char *name, const cxm__texts *words, const uint32_t *code, size_t n,
		     size_t *index)
{
	size_t i;
	for (i = 0; i < n; i++)
		index[i] = code[i];
	return cxm__table_add_coded(t, name, words->str, words->count, index, n);
}

static int add_attrs(cxm_table *t, const cxm_events *e)
{
	char name[64];
	int k, rc;
	if ((rc = cxm_table_set_row_name(t, "events")) < 0 || (rc = cxm_table_set_attr_text(t, "kind", "events")) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "utc_offset", (double)e->utc_offset)) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "customers", (double)e->n_customers)) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "rows_read", (double)e->rows_read)) < 0)
		return rc;
	for (k = 0; k < 5; k++) {
		cxm__snprintf_c(name, sizeof name, "skipped_%s", cxm__names_word(&cxm__events_skip_names, k));
		if ((rc = cxm_table_set_attr_number(t, name, (double)e->skipped[k])) < 0)
			return rc;
	}
	return CXM_OK;
}

cxm_status cxm_events_table(cxm_table **out, const cxm_events *e)
{
	cxm_table *t = NULL;
	size_t *index = NULL, n, i, c, k;
	uint32_t *cust = NULL;
	double *col;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(e, "events")) < 0)
		return rc;
	n = e->n;
	if ((rc = cxm_table_new(&t)) < 0 || (rc = cxm__alloc_array(&index, n, sizeof *index, WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&cust, n, sizeof *cust, WHAT)) < 0)
		goto done;
	for (c = 0; c < e->n_customers; c++)
		for (i = e->start[c]; i < e->start[c + 1]; i++)
			cust[i] = (uint32_t)c;
	if ((rc = add_coded(t, e->customer_column, &e->customers, cust, n, index)) < 0 ||
	    (rc = cxm__table_add_column(&col, t, e->time_column, CXM_TABLE_NUMBER, n)) < 0)
		goto done;
	memcpy(col, e->t, n * sizeof *col);
	if ((rc = add_coded(t, e->event_column, &e->event_names, e->event, n, index)) < 0)
		goto done;
	for (k = 0; k < e->n_props; k++)
		if ((rc = add_coded(t, e->prop_column[k], &e->prop_names[k], e->prop[k], n, index)) < 0)
			goto done;
	for (k = 0; k < e->n_values; k++) {
		if ((rc = cxm__table_add_column(&col, t, e->value_column[k], CXM_TABLE_NUMBER, n)) < 0)
			goto done;
		memcpy(col, e->value[k], n * sizeof *col);
	}
	if ((rc = cxm__table_add_column(&col, t, "row", CXM_TABLE_NUMBER, n)) < 0)
		goto done;
	for (i = 0; i < n; i++)
		col[i] = (double)e->row[i] + 1.0;
	if ((rc = add_attrs(t, e)) < 0)
		goto done;
	*out = t;
	t = NULL;
done:
	cxm__free(index);
	cxm__free(cust);
	cxm_table_free(t);
	return rc;
}
