/*
 * lib/paths/transitions.c - cxm_paths_transitions: the transition matrix
 * (spec §23.1). Each pair of consecutive events of a customer, in the log's
 * sorted order (time, then input order), is one transition; pairs are
 * numbered through the library's one hash table (cxm__distinct), and the
 * seconds of each pair are grouped by a counting sort for their median.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "paths_internal.h"
#include "stats/stats_internal.h"

#define WHAT "cxm_paths_transitions"

typedef struct pair_row {
	uint32_t from, to;
	uint32_t from_rank, to_rank;
	size_t count;
	size_t index; /* the pair's number in the hash table */
} pair_row;

static int cmp_pair(const void *pa, const void *pb)
{
	const pair_row *a = pa, *b = pb;
	if (a->from_rank != b->from_rank)
		return a->from_rank < b->from_rank ? -1 : 1;
	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return a->to_rank < b->to_rank ? -1 : a->to_rank > b->to_rank;
}

typedef struct work {
	cxm__distinct pairs;
	int pairs_ready;
	uint32_t *pid;       /* per transition: its pair */
	double *dt;          /* per transition: seconds between the two events */
	double *grouped;     /* dt grouped by pair */
	size_t *offset;      /* per pair + 1: where its seconds start in grouped */
	size_t *out_total;   /* per event code: transitions out of it */
	uint32_t *rank;
	pair_row *rows;
	const char **from_names, **to_names;
	double *count, *prob, *median;
} work;

static void work_free(work *w)
{
	if (w->pairs_ready)
		cxm__distinct_free(&w->pairs);
	cxm__free(w->pid);
	cxm__free(w->dt);
	cxm__free(w->grouped);
	cxm__free(w->offset);
	cxm__free(w->out_total);
	cxm__free(w->rank);
	cxm__free(w->rows);
	cxm__free((void *)w->from_names);
	cxm__free((void *)w->to_names);
	cxm__free(w->count);
	cxm__free(w->prob);
	cxm__free(w->median);
}

/* Every transition's pair and seconds; *n_out = the number of transitions. */
static int collect(work *w, const cxm_events *e, size_t *n_out)
{
	size_t c, i, k, n = 0;
	int rc;
	for (c = 0; c < e->n_customers; c++)
		if (e->start[c + 1] > e->start[c])
			n += e->start[c + 1] - e->start[c] - 1;
	if ((rc = cxm__alloc_array(&w->pid, n + 1, sizeof *w->pid, WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&w->dt, n + 1, sizeof *w->dt, WHAT)) < 0 ||
	    (rc = cxm__distinct_init(&w->pairs, 2, 64, WHAT)) < 0)
		return rc;
	w->pairs_ready = 1;
	n = 0;
	for (c = 0; c < e->n_customers; c++) {
		for (i = e->start[c]; i + 1 < e->start[c + 1]; i++) {
			double key[2];
			key[0] = (double)e->event[i];
			key[1] = (double)e->event[i + 1];
			if ((rc = cxm__distinct_add_n(&w->pairs, key, 2, &k)) < 0)
				return rc;
			w->pid[n] = (uint32_t)k;
			w->dt[n] = e->t[i + 1] - e->t[i];
			n++;
		}
	}
	*n_out = n;
	return CXM_OK;
}

cxm_status cxm_paths_transitions(cxm_table **out, const cxm_events *e)
{
	work w;
	cxm_table *t = NULL;
	size_t n, m, i, p, n_events;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(e, "e")) < 0)
		return rc;
	memset(&w, 0, sizeof w);
	n_events = e->event_names.count;
	if ((rc = collect(&w, e, &n)) < 0 || (rc = cxm__paths_name_rank(&w.rank, e, WHAT)) < 0)
		goto done;
	m = w.pairs.count;
	if ((rc = cxm__alloc_array(&w.grouped, n + 1, sizeof *w.grouped, WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&w.offset, m + 1, sizeof *w.offset, WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&w.out_total, n_events + 1, sizeof *w.out_total, WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&w.rows, m + 1, sizeof *w.rows, WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&w.from_names, m + 1, sizeof *w.from_names, WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&w.to_names, m + 1, sizeof *w.to_names, WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&w.count, m + 1, sizeof *w.count, WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&w.prob, m + 1, sizeof *w.prob, WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&w.median, m + 1, sizeof *w.median, WHAT)) < 0)
		goto done;
	/* counting sort of the seconds by pair: offset[p] is where pair p's start */
	memset(w.offset, 0, (m + 1) * sizeof *w.offset);
	memset(w.out_total, 0, (n_events + 1) * sizeof *w.out_total);
	for (i = 0; i < n; i++)
		w.offset[w.pid[i] + 1]++;
	for (p = 0; p < m; p++) {
		const double *key = cxm__distinct_row(&w.pairs, p);
		pair_row *r = &w.rows[p];
		r->from = (uint32_t)key[0];
		r->to = (uint32_t)key[1];
		r->from_rank = w.rank[r->from];
		r->to_rank = w.rank[r->to];
		r->count = w.offset[p + 1];
		r->index = p;
		w.out_total[r->from] += r->count;
		w.offset[p + 1] += w.offset[p];
	}
	{
		/* each pair's slice, filled in transition order through a cursor per pair */
		size_t *cursor;
		if ((rc = cxm__alloc_array(&cursor, m + 1, sizeof *cursor, WHAT)) < 0)
			goto done;
		memcpy(cursor, w.offset, (m + 1) * sizeof *cursor);
		for (i = 0; i < n; i++)
			w.grouped[cursor[w.pid[i]]++] = w.dt[i];
		cxm__free(cursor);
	}
	if (m > 1)
		qsort(w.rows, m, sizeof *w.rows, cmp_pair);
	for (i = 0; i < m; i++) {
		const pair_row *r = &w.rows[i];
		double *xs = w.grouped + w.offset[r->index];
		cxm__sort_doubles(xs, r->count);
		w.from_names[i] = e->event_names.str[r->from];
		w.to_names[i] = e->event_names.str[r->to];
		w.count[i] = (double)r->count;
		w.prob[i] = 100.0 * (double)r->count / (double)w.out_total[r->from];
		w.median[i] = cxm__q7_sorted(xs, r->count, 0.5);
	}
	if ((rc = cxm_table_new(&t)) < 0 || (rc = cxm_table_add_texts(t, "from", w.from_names, m)) < 0 ||
	    (rc = cxm_table_add_texts(t, "to", w.to_names, m)) < 0 ||
	    (rc = cxm_table_add_numbers(t, "count", w.count, m)) < 0 ||
	    (rc = cxm_table_add_numbers(t, "probability", w.prob, m)) < 0 ||
	    (rc = cxm_table_add_numbers(t, "median_seconds", w.median, m)) < 0 ||
	    (rc = cxm_table_set_attr_text(t, "kind", "transitions")) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "customers", (double)e->n_customers)) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "events", (double)e->n)) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "transitions", (double)n)) < 0)
		goto done;
	*out = t;
	t = NULL;
done:
	cxm_table_free(t);
	work_free(&w);
	return rc;
}
