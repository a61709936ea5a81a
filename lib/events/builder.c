/*
 * lib/events/builder.c - rows of an event log collected in input order, then
 * sorted into a cxm_events (spec §21.2): by customer in order of first
 * appearance, then time, then input row.
 *
 * The sort is a stable counting sort by customer code (codes are first-
 * appearance numbers, so counting gives the customer order directly, in
 * O(n)), then, within each customer, a stable merge sort by time. Stability
 * keeps input order among equal times without comparing rows. Most logs come
 * sorted by time within a customer, so a customer's run is first checked and
 * left as it is when already in order.
 */
#include <math.h>
#include <string.h>
#include "events_internal.h"

static void free_log_arrays(cxm_events *e)
{
	size_t k;
	cxm__free(e->start);
	cxm__free(e->t);
	cxm__free(e->event);
	cxm__free(e->row);
	for (k = 0; e->prop && k < e->n_props; k++)
		cxm__free(e->prop[k]);
	for (k = 0; e->value && k < e->n_values; k++)
		cxm__free(e->value[k]);
	cxm__free(e->prop);
	cxm__free(e->value);
	e->start = NULL;
	e->t = NULL;
	e->event = NULL;
	e->row = NULL;
	e->prop = NULL;
	e->value = NULL;
}

void cxm_events_free(cxm_events *e)
{
	size_t k;
	if (e == NULL)
		return;
	free_log_arrays(e);
	for (k = 0; e->prop_column && k < e->n_props; k++)
		cxm__free(e->prop_column[k]);
	for (k = 0; e->value_column && k < e->n_values; k++)
		cxm__free(e->value_column[k]);
	cxm__free(e->prop_column);
	cxm__free(e->value_column);
	for (k = 0; e->prop_names && k < e->n_props; k++)
		cxm__texts_free(&e->prop_names[k]);
	cxm__free(e->prop_names);
	cxm__texts_free(&e->customers);
	cxm__texts_free(&e->event_names);
	cxm__free(e->customer_column);
	cxm__free(e->time_column);
	cxm__free(e->event_column);
	cxm__free(e);
}

static int dup_into(char **dst, const char *s, const char *what)
{
	if ((*dst = cxm__strdup(s)) == NULL)
		return cxm__fail(CXM_ENOMEM, "%s: no memory for a column name", what);
	return CXM_OK;
}

/* The log's names and text tables (no rows yet). */
static int new_log(cxm_events **out, const cxm_events_opts *o, size_t expected, const char *what)
{
	cxm_events *e;
	size_t k, zero;
	int rc;
	*out = NULL;
	if ((e = cxm__calloc(1, sizeof *e)) == NULL)
		return cxm__fail(CXM_ENOMEM, "%s: no memory for the event log", what);
	e->utc_offset = o->utc_offset;
	/* the tables are sized for a few distinct texts; they grow by doubling */
	(void)expected;
	if ((rc = cxm__texts_init(&e->customers, 1024, "event log customers")) < 0 ||
	    (rc = cxm__texts_init(&e->event_names, 64, "event log event names")) < 0)
		goto fail;
	if ((rc = dup_into(&e->customer_column, o->customer, what)) < 0 ||
	    (rc = dup_into(&e->time_column, o->time, what)) < 0 ||
	    (rc = dup_into(&e->event_column, o->event ? o->event : CXM__EVENTS_CONSTANT_EVENT, what)) < 0)
		goto fail;
	if (o->n_props) {
		if ((rc = cxm__alloc_array(&e->prop_column, o->n_props, sizeof *e->prop_column, what)) < 0 ||
		    (rc = cxm__alloc_array(&e->prop_names, o->n_props, sizeof *e->prop_names, what)) < 0)
			goto fail;
		memset(e->prop_column, 0, o->n_props * sizeof *e->prop_column);
		memset(e->prop_names, 0, o->n_props * sizeof *e->prop_names);
		e->n_props = o->n_props;
		for (k = 0; k < o->n_props; k++) {
			if ((rc = dup_into(&e->prop_column[k], o->prop[k], what)) < 0 ||
			    (rc = cxm__texts_init(&e->prop_names[k], 16, "event log property texts")) < 0 ||
			    (rc = cxm__texts_add(&e->prop_names[k], "", 0, &zero)) < 0)
				goto fail;
		}
	}
	if (o->n_values) {
		if ((rc = cxm__alloc_array(&e->value_column, o->n_values, sizeof *e->value_column, what)) < 0)
			goto fail;
		memset(e->value_column, 0, o->n_values * sizeof *e->value_column);
		e->n_values = o->n_values;
		for (k = 0; k < o->n_values; k++)
			if ((rc = dup_into(&e->value_column[k], o->value[k], what)) < 0)
				goto fail;
	}
	*out = e;
	return CXM_OK;
fail:
	cxm_events_free(e);
	return rc;
}

int cxm__events_builder_init(cxm__events_builder *b, const cxm_events_opts *o, size_t expected, const char *what)
{
	int rc;
	memset(b, 0, sizeof *b);
	b->what = what;
	if (o == NULL)
		o = cxm__events_default_opts();
	if ((rc = new_log(&b->e, o, expected, what)) < 0)
		return rc;
	if ((rc = cxm__events_builder_reserve(b, expected < 64 ? 64 : expected)) < 0) {
		cxm__events_builder_free(b);
		return rc;
	}
	return CXM_OK;
}

void cxm__events_builder_free(cxm__events_builder *b)
{
	size_t k;
	cxm__free(b->cust);
	cxm__free(b->t);
	cxm__free(b->event);
	cxm__free(b->row);
	for (k = 0; k < CXM_EVENTS_MAX_PROPERTIES; k++)
		cxm__free(b->prop[k]);
	for (k = 0; k < CXM_EVENTS_MAX_VALUES; k++)
		cxm__free(b->value[k]);
	cxm_events_free(b->e);
	memset(b, 0, sizeof *b);
}

/* Grow one array to cap entries of size bytes (it keeps its contents; on failure it is unchanged). */
static int grow(void *pp, size_t cap, size_t size, const char *what)
{
	void **p = pp, *q;
	if (cap > SIZE_MAX / size)
		return cxm__fail(CXM_ENOMEM, "%s: %zu events do not fit in memory", what, cap);
	if ((q = cxm__realloc(*p, cap * size)) == NULL)
		return cxm__fail(CXM_ENOMEM, "%s: no memory for %zu events", what, cap);
	*p = q;
	return CXM_OK;
}

int cxm__events_builder_reserve(cxm__events_builder *b, size_t rows)
{
	size_t cap, k;
	int rc;
	if (rows <= b->cap - b->n)
		return CXM_OK;
	cap = b->cap ? b->cap : 64;
	while (cap - b->n < rows) {
		if (cap > SIZE_MAX / 2)
			return cxm__fail(CXM_ENOMEM, "%s: too many events", b->what);
		cap *= 2;
	}
	/* the customer and event codes are 32 bits, and so are the rows a table holds */
	if ((rc = grow(&b->cust, cap, sizeof *b->cust, b->what)) < 0 ||
	    (rc = grow(&b->t, cap, sizeof *b->t, b->what)) < 0 ||
	    (rc = grow(&b->event, cap, sizeof *b->event, b->what)) < 0 ||
	    (rc = grow(&b->row, cap, sizeof *b->row, b->what)) < 0)
		return rc;
	for (k = 0; k < b->e->n_props; k++)
		if ((rc = grow(&b->prop[k], cap, sizeof *b->prop[k], b->what)) < 0)
			return rc;
	for (k = 0; k < b->e->n_values; k++)
		if ((rc = grow(&b->value[k], cap, sizeof *b->value[k], b->what)) < 0)
			return rc;
	b->cap = cap;
	return CXM_OK;
}

static int intern(cxm__texts *t, const char *s, size_t len, uint32_t *code)
{
	size_t i;
	int rc;
	if ((rc = cxm__texts_add(t, s, len, &i)) < 0)
		return rc;
	if (i >= UINT32_MAX)
		return cxm__fail(CXM_EBAD_ARG, "%s: more than %u distinct texts", t->what, (unsigned)UINT32_MAX - 1);
	*code = (uint32_t)i;
	return CXM_OK;
}

int cxm__events_intern_customer(cxm__events_builder *b, const char *s, size_t len, uint32_t *code)
{
	return intern(&b->e->customers, s, len, code);
}

int cxm__events_intern_event(cxm__events_builder *b, const char *s, size_t len, uint32_t *code)
{
	return intern(&b->e->event_names, s, len, code);
}

int cxm__events_intern_prop(cxm__events_builder *b, size_t k, const char *s, size_t len, uint32_t *code)
{
	return intern(&b->e->prop_names[k], s, len, code);
}

/* Stable merge sort of idx[0..n) by t[idx[i]], tmp of n entries as scratch. */
static void sort_by_time(size_t *idx, size_t n, const double *t, size_t *tmp)
{
	size_t width, i;
	size_t *src = idx, *dst = tmp;
	/* runs of 8 by insertion sort (stable: only strictly greater entries move) */
	for (i = 0; i < n; i += 8) {
		size_t end = i + 8 < n ? i + 8 : n, j;
		for (j = i + 1; j < end; j++) {
			size_t v = idx[j], k = j;
			while (k > i && t[idx[k - 1]] > t[v]) {
				idx[k] = idx[k - 1];
				k--;
			}
			idx[k] = v;
		}
	}
	for (width = 8; width < n; width *= 2) {
		for (i = 0; i < n; i += 2 * width) {
			size_t mid = i + width < n ? i + width : n, end = i + 2 * width < n ? i + 2 * width : n;
			size_t a = i, b = mid, o = i;
			while (a < mid && b < end)
				dst[o++] = t[src[b]] < t[src[a]] ? src[b++] : src[a++]; /* ties: the left (earlier) one */
			while (a < mid)
				dst[o++] = src[a++];
			while (b < end)
				dst[o++] = src[b++];
		}
		{
			size_t *swap = src;
			src = dst;
			dst = swap;
		}
	}
	if (src != idx)
		memcpy(idx, src, n * sizeof *idx);
}

/* Reorder a[0..len) by idx (a[j] = old a[idx[j]]) through scratch. */
#define PERMUTE(a, idx, len, scratch)                       \
	do {                                                \
		size_t j_;                                  \
		for (j_ = 0; j_ < (len); j_++)              \
			(scratch)[j_] = (a)[(idx)[j_]];     \
		memcpy((a), (scratch), (len) * sizeof *(a)); \
	} while (0)

/* The log's arrays, n entries each (the caller frees what was allocated on failure). */
static int alloc_columns(cxm_events *e, size_t n, const char *what)
{
	size_t k;
	int rc;
	if ((rc = cxm__alloc_array(&e->t, n, sizeof *e->t, what)) < 0 ||
	    (rc = cxm__alloc_array(&e->event, n, sizeof *e->event, what)) < 0 ||
	    (rc = cxm__alloc_array(&e->row, n, sizeof *e->row, what)) < 0)
		return rc;
	if (e->n_props) {
		if ((rc = cxm__alloc_array(&e->prop, e->n_props, sizeof *e->prop, what)) < 0)
			return rc;
		memset(e->prop, 0, e->n_props * sizeof *e->prop);
		for (k = 0; k < e->n_props; k++)
			if ((rc = cxm__alloc_array(&e->prop[k], n, sizeof *e->prop[k], what)) < 0)
				return rc;
	}
	if (e->n_values) {
		if ((rc = cxm__alloc_array(&e->value, e->n_values, sizeof *e->value, what)) < 0)
			return rc;
		memset(e->value, 0, e->n_values * sizeof *e->value);
		for (k = 0; k < e->n_values; k++)
			if ((rc = cxm__alloc_array(&e->value[k], n, sizeof *e->value[k], what)) < 0)
				return rc;
	}
	return CXM_OK;
}

int cxm__events_layout_alloc(cxm_events *e, size_t n, const char *what)
{
	int rc;
	e->n = n;
	e->n_customers = e->customers.count;
	if ((rc = cxm__alloc_array(&e->start, e->n_customers + 1, sizeof *e->start, what)) < 0 ||
	    (rc = alloc_columns(e, n, what)) < 0)
		return rc;
	memset(e->start, 0, (e->n_customers + 1) * sizeof *e->start);
	return CXM_OK;
}

int cxm__events_layout_offsets(cxm_events *e, size_t **fill, const char *what)
{
	size_t c, nc = e->n_customers;
	int rc;
	if ((rc = cxm__alloc_array(fill, nc ? nc : 1, sizeof **fill, what)) < 0)
		return rc;
	for (c = 0; c < nc; c++)
		e->start[c + 1] += e->start[c];
	memcpy(*fill, e->start, nc * sizeof **fill);
	return CXM_OK;
}

/* The longest customer run: the scratch the time sort needs. */
static size_t longest_run(const cxm_events *e)
{
	size_t c, longest = 0;
	for (c = 0; c < e->n_customers; c++)
		if (e->start[c + 1] - e->start[c] > longest)
			longest = e->start[c + 1] - e->start[c];
	return longest;
}

/* Whether t[0..len) is ascending (ties allowed). */
static int in_order(const double *t, size_t len)
{
	size_t i;
	for (i = 1; i < len; i++)
		if (t[i] < t[i - 1])
			return 0;
	return 1;
}

/*
 * Within a customer: by time, input order among equal times (the runs are
 * in input order). Exports are usually sorted by time, so a run already in
 * order is left as it is, and the scratch is only allocated for the first
 * run that is not.
 */
int cxm__events_sort_runs(cxm_events *e, const char *what)
{
	size_t *idx = NULL, *tmp = NULL, *zs = NULL, c, i, k, longest = 0;
	double *zd = NULL;
	uint32_t *zu = NULL;
	int rc = CXM_OK;
	for (c = 0; c < e->n_customers; c++) {
		size_t s = e->start[c], len = e->start[c + 1] - s;
		if (in_order(e->t + s, len))
			continue;
		if (idx == NULL) {
			longest = longest_run(e);
			if ((rc = cxm__alloc_array(&idx, longest, sizeof *idx, what)) < 0 ||
			    (rc = cxm__alloc_array(&tmp, longest, sizeof *tmp, what)) < 0 ||
			    (rc = cxm__alloc_array(&zd, longest, sizeof *zd, what)) < 0 ||
			    (rc = cxm__alloc_array(&zu, longest, sizeof *zu, what)) < 0 ||
			    (rc = cxm__alloc_array(&zs, longest, sizeof *zs, what)) < 0)
				goto done;
		}
		for (i = 0; i < len; i++)
			idx[i] = i;
		sort_by_time(idx, len, e->t + s, tmp);
		PERMUTE(e->t + s, idx, len, zd);
		PERMUTE(e->event + s, idx, len, zu);
		PERMUTE(e->row + s, idx, len, zs);
		for (k = 0; k < e->n_props; k++)
			PERMUTE(e->prop[k] + s, idx, len, zu);
		for (k = 0; k < e->n_values; k++)
			PERMUTE(e->value[k] + s, idx, len, zd);
	}
done:
	cxm__free(idx);
	cxm__free(tmp);
	cxm__free(zd);
	cxm__free(zu);
	cxm__free(zs);
	return rc;
}

/* Move src[i] to dst[dest[i]] for every row, then free src (the peak holds one copy). */
#define SCATTER_FREE(dst, src, dest, n)                     \
	do {                                                \
		CXM__EVENTS_SCATTER(dst, src, dest, n);     \
		cxm__free(src);                             \
		(src) = NULL;                               \
	} while (0)

/*
 * The rows go to their customer's place in one scatter per column (reads in
 * input order, writes where they belong: no read waits on another), which
 * keeps input order within a customer. Then each customer's run, now
 * contiguous and small, is sorted by time where it is not in order yet.
 */
int cxm__events_builder_finish(cxm__events_builder *b, cxm_events **out, unsigned int threads)
{
	cxm_events *e = b->e;
	size_t n = b->n, i, k;
	size_t *dest = NULL, *fill = NULL;
	int rc;
	(void)threads;
	*out = NULL;
	if (n == 0) {
		rc = cxm__fail(CXM_EEMPTY, "%s: the log has no events%s", b->what,
			       b->e->rows_read ? " (every row was skipped)" : "");
		goto done;
	}
	if ((rc = cxm__events_layout_alloc(e, n, b->what)) < 0 ||
	    (rc = cxm__alloc_array(&dest, n, sizeof *dest, b->what)) < 0)
		goto done;
	/* counting sort by customer: start[c] = events of customers before c */
	for (i = 0; i < n; i++)
		e->start[b->cust[i] + 1]++;
	if ((rc = cxm__events_layout_offsets(e, &fill, b->what)) < 0)
		goto done;
	for (i = 0; i < n; i++)
		dest[i] = fill[b->cust[i]]++;
	cxm__free(b->cust);
	b->cust = NULL;
	SCATTER_FREE(e->t, b->t, dest, n);
	SCATTER_FREE(e->event, b->event, dest, n);
	SCATTER_FREE(e->row, b->row, dest, n);
	for (k = 0; k < e->n_props; k++)
		SCATTER_FREE(e->prop[k], b->prop[k], dest, n);
	for (k = 0; k < e->n_values; k++)
		SCATTER_FREE(e->value[k], b->value[k], dest, n);
	if ((rc = cxm__events_sort_runs(e, b->what)) < 0)
		goto done;
	*out = e;
	b->e = NULL;
	rc = CXM_OK;
done:
	cxm__free(dest);
	cxm__free(fill);
	cxm__events_builder_free(b);
	return rc;
}
