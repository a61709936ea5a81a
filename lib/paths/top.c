/*
 * lib/paths/top.c - cxm_paths_top: the most frequent paths of k events from
 * or to each customer's first anchor event (spec §23.2). A path is the
 * sequence of event codes (with a marker for "(start)" / "(end)") as bytes,
 * counted through cxm__texts, the library's one table of distinct strings.
 */
#include <stdlib.h>
#include <string.h>
#include "paths_internal.h"

#define WHAT "cxm_paths_top"
#define MAX_LENGTH 10
#define MAX_TOP 1000
#define MARKER UINT32_MAX
static const char START[] = "(start)", END[] = "(end)";

typedef struct path_row {
	const char *text;
	size_t len;
	size_t customers;
} path_row;

static int cmp_path(const void *pa, const void *pb)
{
	const path_row *a = pa, *b = pb;
	if (a->customers != b->customers)
		return a->customers > b->customers ? -1 : 1;
	return cxm__paths_cmp_bytes(a->text, a->len, b->text, b->len);
}

typedef struct work {
	cxm__texts keys;
	int keys_ready;
	size_t *count; /* per key */
	size_t cap;
	path_row *rows;
	char *text; /* every path's text, NUL-terminated, one after another */
	const char **names;
	double *rank, *customers, *share;
} work;

static void work_free(work *w)
{
	if (w->keys_ready)
		cxm__texts_free(&w->keys);
	cxm__free(w->count);
	cxm__free(w->rows);
	cxm__free(w->text);
	cxm__free((void *)w->names);
	cxm__free(w->rank);
	cxm__free(w->customers);
	cxm__free(w->share);
}

/* The log may not name an event like a marker: the path text would be ambiguous. */
static int check_markers(const cxm_events *e)
{
	if (cxm__events_code(e, START) != UINT32_MAX || cxm__events_code(e, END) != UINT32_MAX)
		return cxm__fail(CXM_EBAD_ARG, "the log has an event named '%s', the name top paths give to a "
				 "path's %s; rename that event", cxm__events_code(e, START) != UINT32_MAX ? START : END,
				 cxm__events_code(e, START) != UINT32_MAX ? "beginning before the first event"
									  : "end after the last event");
	return CXM_OK;
}

/* Count the path of every customer with the anchor event; *anchored = those customers. */
static int count_paths(work *w, const cxm_events *e, uint32_t code, int anchor, size_t length, size_t *anchored)
{
	size_t c, i, k, j, idx, before;
	int rc;
	*anchored = 0;
	for (c = 0; c < e->n_customers; c++) {
		uint32_t seq[MAX_LENGTH + 1];
		size_t s = e->start[c], end = e->start[c + 1], m = 0;
		for (i = s; i < end && e->event[i] != code; i++)
			;
		if (i == end)
			continue;
		(*anchored)++;
		if (anchor == CXM_PATHS_FROM) {
			k = end - i < length ? end - i : length;
			for (j = 0; j < k; j++)
				seq[m++] = e->event[i + j];
			if (k < length)
				seq[m++] = MARKER;
		} else {
			k = i - s + 1 < length ? i - s + 1 : length;
			if (k < length)
				seq[m++] = MARKER;
			for (j = 0; j < k; j++)
				seq[m++] = e->event[i + 1 - k + j];
		}
		before = w->keys.count;
		if ((rc = cxm__texts_add(&w->keys, (const char *)seq, m * sizeof *seq, &idx)) < 0)
			return rc;
		if (idx == w->cap) {
			size_t cap = w->cap * 2, *grown;
			if ((grown = cxm__realloc(w->count, cap * sizeof *grown)) == NULL)
				return cxm__fail(CXM_ENOMEM, "%s: no memory for the path counts", WHAT);
			w->count = grown;
			w->cap = cap;
		}
		if (w->keys.count > before)
			w->count[idx] = 0;
		w->count[idx]++;
	}
	return CXM_OK;
}

/* A key's text: its events' names joined by " > ". */
static size_t path_text(char *dst, const cxm_events *e, const uint32_t *seq, size_t m, int anchor)
{
	size_t j, len = 0;
	for (j = 0; j < m; j++) {
		const char *name;
		size_t l;
		if (seq[j] == MARKER) {
			name = anchor == CXM_PATHS_FROM ? END : START;
			l = strlen(name);
		} else {
			name = e->event_names.str[seq[j]];
			l = e->event_names.len[seq[j]];
		}
		if (j > 0) {
			if (dst)
				memcpy(dst + len, " > ", 3);
			len += 3;
		}
		if (dst)
			memcpy(dst + len, name, l);
		len += l;
	}
	if (dst)
		dst[len] = '\0';
	return len;
}

cxm_status cxm_paths_top(cxm_table **out, const cxm_events *e, const char *anchor_event, int anchor,
			 size_t length, size_t top)
{
	work w;
	cxm_table *t = NULL;
	size_t anchored, n_keys, i, total, pos, rows;
	uint32_t code;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(e, "e")) < 0 || (rc = cxm__check_ptr(anchor_event, "anchor_event")) < 0)
		return rc;
	if (anchor != CXM_PATHS_FROM && anchor != CXM_PATHS_TO)
		return cxm__fail(CXM_EBAD_ARG, "anchor must be CXM_PATHS_FROM (0) or CXM_PATHS_TO (1), not %d", anchor);
	if (length < 2 || length > MAX_LENGTH)
		return cxm__fail(CXM_EBAD_ARG, "length must be 2..%d events, not %zu", MAX_LENGTH, length);
	if (top < 1 || top > MAX_TOP)
		return cxm__fail(CXM_EBAD_ARG, "top must be 1..%d rows, not %zu", MAX_TOP, top);
	if ((code = cxm__events_code(e, anchor_event)) == UINT32_MAX)
		return cxm__paths_unknown_event(e, anchor == CXM_PATHS_FROM ? "the start event" : "the end event",
						anchor_event);
	if ((rc = check_markers(e)) < 0)
		return rc;
	memset(&w, 0, sizeof w);
	w.cap = 64;
	if ((rc = cxm__alloc_array(&w.count, w.cap, sizeof *w.count, WHAT)) < 0 ||
	    (rc = cxm__texts_init(&w.keys, 64, WHAT)) < 0)
		goto done;
	w.keys_ready = 1;
	if ((rc = count_paths(&w, e, code, anchor, length, &anchored)) < 0)
		goto done;
	n_keys = w.keys.count;
	for (i = 0, total = 0; i < n_keys; i++) {
		uint32_t seq[MAX_LENGTH + 1];
		size_t m = w.keys.len[i] / sizeof(uint32_t);
		memcpy(seq, w.keys.str[i], m * sizeof *seq);
		total += path_text(NULL, e, seq, m, anchor) + 1;
	}
	if ((rc = cxm__alloc_array(&w.rows, n_keys + 1, sizeof *w.rows, WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&w.text, total + 1, 1, WHAT)) < 0)
		goto done;
	for (i = 0, pos = 0; i < n_keys; i++) {
		/* the key's bytes may sit anywhere in a text block: read them through memcpy */
		uint32_t seq[MAX_LENGTH + 1];
		size_t m = w.keys.len[i] / sizeof(uint32_t);
		memcpy(seq, w.keys.str[i], m * sizeof *seq);
		w.rows[i].text = w.text + pos;
		w.rows[i].len = path_text(w.text + pos, e, seq, m, anchor);
		w.rows[i].customers = w.count[i];
		pos += w.rows[i].len + 1;
	}
	if (n_keys > 1)
		qsort(w.rows, n_keys, sizeof *w.rows, cmp_path);
	rows = n_keys < top ? n_keys : top;
	if ((rc = cxm__alloc_array(&w.names, rows + 1, sizeof *w.names, WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&w.rank, rows + 1, sizeof *w.rank, WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&w.customers, rows + 1, sizeof *w.customers, WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&w.share, rows + 1, sizeof *w.share, WHAT)) < 0)
		goto done;
	for (i = 0; i < rows; i++) {
		w.names[i] = w.rows[i].text;
		w.rank[i] = (double)(i + 1);
		w.customers[i] = (double)w.rows[i].customers;
		w.share[i] = 100.0 * (double)w.rows[i].customers / (double)anchored;
	}
	if ((rc = cxm_table_new(&t)) < 0 || (rc = cxm_table_add_numbers(t, "rank", w.rank, rows)) < 0 ||
	    (rc = cxm_table_add_texts(t, "path", w.names, rows)) < 0 ||
	    (rc = cxm_table_add_numbers(t, "customers", w.customers, rows)) < 0 ||
	    (rc = cxm_table_add_numbers(t, "share", w.share, rows)) < 0 ||
	    (rc = cxm_table_set_attr_text(t, "kind", "paths")) < 0 ||
	    (rc = cxm_table_set_attr_text(t, "anchor", anchor == CXM_PATHS_FROM ? "from" : "to")) < 0 ||
	    (rc = cxm_table_set_attr_text(t, "event", anchor_event)) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "length", (double)length)) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "customers_with_anchor", (double)anchored)) < 0)
		goto done;
	*out = t;
	t = NULL;
done:
	cxm_table_free(t);
	work_free(&w);
	return rc;
}
