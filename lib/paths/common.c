/*
 * lib/paths/common.c - the bytewise order of event names and the message for
 * an unknown event, shared by transitions.c, top.c and touchpoints.c.
 */
#include <stdlib.h>
#include <string.h>
#include "paths_internal.h"

int cxm__paths_cmp_bytes(const char *a, size_t la, const char *b, size_t lb)
{
	int c = memcmp(a, b, la < lb ? la : lb);
	if (c != 0)
		return c;
	return la < lb ? -1 : la > lb;
}

typedef struct name_ref {
	const char *s;
	size_t len;
	uint32_t code;
} name_ref;

static int cmp_ref(const void *pa, const void *pb)
{
	const name_ref *a = pa, *b = pb;
	return cxm__paths_cmp_bytes(a->s, a->len, b->s, b->len);
}

int cxm__paths_name_rank(uint32_t **rank, const cxm_events *e, const char *what)
{
	size_t n = e->event_names.count, i;
	name_ref *refs;
	uint32_t *r;
	int rc;
	*rank = NULL;
	/* one more than needed so that an empty log still allocates (and is tested under OOM) */
	if ((rc = cxm__alloc_array(&refs, n + 1, sizeof *refs, what)) < 0)
		return rc;
	if ((rc = cxm__alloc_array(&r, n + 1, sizeof *r, what)) < 0) {
		cxm__free(refs);
		return rc;
	}
	for (i = 0; i < n; i++) {
		refs[i].s = e->event_names.str[i];
		refs[i].len = e->event_names.len[i];
		refs[i].code = (uint32_t)i;
	}
	if (n > 1)
		qsort(refs, n, sizeof *refs, cmp_ref);
	for (i = 0; i < n; i++)
		r[refs[i].code] = (uint32_t)i;
	cxm__free(refs);
	*rank = r;
	return CXM_OK;
}

static const char *event_name_at(const void *ctx, size_t i)
{
	return ((const cxm_events *)ctx)->event_names.str[i];
}

int cxm__paths_unknown_event(const cxm_events *e, const char *what, const char *name)
{
	char quoted[CXM__QUOTE_MAX + 4], list[400];
	cxm__quote_text(quoted, sizeof quoted, name, strlen(name));
	if (e->event_names.count == 0)
		return cxm__fail(CXM_EBAD_ARG, "%s '%s' is not an event in the log (the log has no events)", what,
				 quoted);
	cxm__join_names(list, sizeof list, e->event_names.count, event_name_at, e, 1, ", ");
	return cxm__fail(CXM_EBAD_ARG, "%s '%s' is not an event in the log (events: %s)", what, quoted, list);
}
