/* lib/core/groupby.c - a transaction log grouped by customer id (groupby.h). */
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "groupby.h"

static int cmp_row(const void *pa, const void *pb)
{
	const cxm__txrow *a = pa, *b = pb;
	/* a table's ids are interned: one customer's rows share one pointer */
	int c = a->id == b->id ? 0 : strcmp(a->id, b->id);
	if (c)
		return c;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	return (a->i > b->i) - (a->i < b->i);
}

int cxm__txrows_sort(cxm__txrow **out, const char *const *ids, const double *days, size_t n,
		     const char *what)
{
	cxm__txrow *rows;
	size_t i;
	int rc;
	if ((rc = cxm__alloc_array(&rows, n, sizeof *rows, what)) < 0)
		return rc;
	for (i = 0; i < n; i++) {
		rows[i].id = ids[i];
		rows[i].day = days[i];
		rows[i].i = i;
	}
	qsort(rows, n, sizeof *rows, cmp_row);
	*out = rows;
	return CXM_OK;
}

size_t cxm__txrows_group_end(const cxm__txrow *rows, size_t n, size_t i)
{
	size_t end = i + 1;
	while (end < n && (rows[end].id == rows[i].id || strcmp(rows[end].id, rows[i].id) == 0))
		end++;
	return end;
}

int cxm__idlist_alloc(cxm__idlist *l, size_t count, size_t bytes, const char *what)
{
	int rc;
	memset(l, 0, sizeof *l);
	if ((rc = cxm__alloc_array(&l->id, count, sizeof *l->id, what)) < 0 ||
	    (rc = cxm__alloc_array(&l->names, bytes, 1, what)) < 0) {
		cxm__idlist_free(l);
		return rc;
	}
	return CXM_OK;
}

void cxm__idlist_add(cxm__idlist *l, const char *id)
{
	size_t len = strlen(id) + 1;
	memcpy(l->names + l->used, id, len);
	l->id[l->count++] = l->names + l->used;
	l->used += len;
}

void cxm__idlist_free(cxm__idlist *l)
{
	cxm__free(l->id);
	cxm__free(l->names);
	l->id = NULL;
	l->names = NULL;
}
