/*
 * lib/report/journey_schema.c - the journey page's schema checks (spec §26):
 * a column the page draws from must be there with its type, and a table
 * that is not what its `kind` says fails with a message naming the table's
 * place in the caller's list, its kind, the column and the columns it has,
 * so that a hand-built or converted table is fixed at once.
 */
#include <math.h>
#include <string.h>
#include "internal.h"
#include "journey_internal.h"

static const char *type_word(int type)
{
	return type == CXM_TABLE_NUMBER ? "NUMBER" : type == CXM_TABLE_DAY ? "DAY" : type == CXM_TABLE_TEXT ? "TEXT"
		: "TEXT or DAY";
}

static const char *column_at(const void *t, size_t i)
{
	return cxm_table_column_name((const cxm_table *)t, i);
}

static int accepts(int want, int got)
{
	return want == CXM__JOURNEY_LABEL ? (got == CXM_TABLE_TEXT || got == CXM_TABLE_DAY) : want == got;
}

int cxm__journey_want(size_t *col, const cxm__jt *jt, const char *name, int type)
{
	size_t i, n = cxm_table_column_count(jt->t);
	int got = -1;
	*col = SIZE_MAX;
	for (i = 0; i < n; i++) {
		if (strcmp(cxm_table_column_name(jt->t, i), name) != 0)
			continue;
		if (cxm_table_column_type(&got, jt->t, i) < 0 || !accepts(type, got))
			return cxm__fail(CXM_EBAD_ARG, "tables[%zu] (kind '%s'): column '%s' is %s, not %s (spec %s schema)",
					 jt->index, jt->kind, name, type_word(got), type_word(type), jt->spec);
		*col = i;
		return CXM_OK;
	}
	return CXM_OK;
}

int cxm__journey_need(size_t *col, const cxm__jt *jt, const char *name, int type)
{
	char names[512];
	int rc;
	if ((rc = cxm__journey_want(col, jt, name, type)) < 0 || *col != SIZE_MAX)
		return rc;
	cxm__join_names(names, sizeof names, cxm_table_column_count(jt->t), column_at, jt->t, 1, ", ");
	return cxm__fail(CXM_EBAD_ARG, "tables[%zu] (kind '%s'): there is no %s column '%s' (spec %s schema); "
			 "its columns are: %s", jt->index, jt->kind, type_word(type), name, jt->spec,
			 cxm_table_column_count(jt->t) ? names : "(none)");
}

int cxm__journey_group_columns(size_t *n_gcols, const cxm__jt *jt, size_t before)
{
	size_t i;
	for (i = 0; i < before; i++) {
		int type = -1;
		if (cxm_table_column_type(&type, jt->t, i) < 0 || type != CXM_TABLE_TEXT)
			return cxm__fail(CXM_EBAD_ARG, "tables[%zu] (kind '%s'): group column '%s' (before '%s') is %s, "
					 "not TEXT (spec %s schema)", jt->index, jt->kind, cxm_table_column_name(jt->t, i),
					 cxm_table_column_name(jt->t, before), type_word(type), jt->spec);
	}
	*n_gcols = before;
	return CXM_OK;
}

/* The attribute named `name` of t, without touching the last error: its index
 * and type, or 0. */
static int find_attr(const cxm_table *t, const char *name, int *type)
{
	size_t i, n = cxm_table_attr_count(t);
	for (i = 0; i < n; i++)
		if (strcmp(cxm_table_attr_name(t, i), name) == 0 && cxm_table_attr_type(type, t, i) == CXM_OK)
			return 1;
	return 0;
}

const char *cxm__journey_attr_text(const cxm_table *t, const char *name)
{
	const char *s = NULL;
	int type;
	if (!find_attr(t, name, &type) || type != CXM_TABLE_TEXT || cxm_table_get_attr_text(&s, t, name) != CXM_OK)
		return NULL;
	return s;
}

double cxm__journey_attr_number(const cxm_table *t, const char *name)
{
	double x = NAN;
	int type;
	if (!find_attr(t, name, &type) || type == CXM_TABLE_TEXT || cxm_table_get_attr_number(&x, t, name) != CXM_OK)
		return NAN;
	return x;
}
