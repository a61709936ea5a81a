/*
 * lib/funnel/summarise.c - from each customer's best attempt to the numbers
 * of the funnel's tables (spec §22.3-§22.5): customers per group and step,
 * the times to the next step, where drop-offs go, and the group tests.
 * Everything here runs in customer order on one thread, so the sums are the
 * same whatever the thread count of run.c.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "funnel_internal.h"
#include "xsum.h"
#include "events/events_internal.h"

#define WHAT "cxm_funnel_run"

/* A text's bytes for sorting: the texts may hold NUL bytes. */
typedef struct named {
	const char *s;
	size_t len;
	size_t id;      /* a code */
	double count;
} named;

static int bytes_cmp(const named *a, const named *b)
{
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->s, b->s, n);
	if (c != 0)
		return c;
	return a->len < b->len ? -1 : a->len > b->len;
}

static int by_name(const void *x, const void *y)
{
	return bytes_cmp(x, y);
}

static int by_count_then_name(const void *x, const void *y)
{
	const named *a = x, *b = y;
	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return bytes_cmp(a, b);
}

/* The groups: the values of the by property at the customers' step-1
 * events, bytewise, after "(all)"; gi[c] = the customer's group (0: none,
 * the customer reached no step). */
static int make_groups(cxm_funnel *f, uint32_t *gi, const cxm_events *e, const cxm__funnel_per *p, size_t by_k)
{
	const cxm__texts *vals = NULL;
	uint32_t *gof = NULL;      /* property code -> group index, 0 = unused */
	named *used = NULL;
	size_t c, n_vals = 0, n_used = 0, g, idx;
	int rc;
	if (by_k == SIZE_MAX) {
		f->n_groups = 1;
		for (c = 0; c < p->n; c++)
			gi[c] = 0;
	} else {
		vals = &e->prop_names[by_k];
		n_vals = vals->count;
		if ((rc = cxm__alloc_array(&gof, n_vals ? n_vals : 1, sizeof *gof, WHAT)) < 0)
			return rc;
		memset(gof, 0, (n_vals ? n_vals : 1) * sizeof *gof);
		for (c = 0; c < p->n; c++) {
			uint32_t v;
			if (p->reached[c] == 0)
				continue;
			v = e->prop[by_k][p->first[c]];
			if (gof[v] == 0) {
				if (vals->len[v] == strlen(CXM__FUNNEL_ALL) &&
				    memcmp(vals->str[v], CXM__FUNNEL_ALL, vals->len[v]) == 0) {
					char q[CXM__QUOTE_MAX * 4 + 8];
					const char *id = e->customers.str[c];
					cxm__quote_text(q, sizeof q, id, e->customers.len[c]);
					rc = cxm__fail(CXM_EBAD_ARG,
						       "customer '%s' (row %zu): the by column '%s' holds '" CXM__FUNNEL_ALL
						       "', the name of the funnel's total group; rename that value",
						       q, e->row[p->first[c]] + 1, e->prop_column[by_k]);
					goto done;
				}
				gof[v] = 1;
				n_used++;
			}
		}
		if ((rc = cxm__alloc_array(&used, n_used ? n_used : 1, sizeof *used, WHAT)) < 0)
			goto done;
		for (n_used = 0, c = 0; c < n_vals; c++)
			if (gof[c]) {
				used[n_used].s = vals->str[c];
				used[n_used].len = vals->len[c];
				used[n_used].id = c;
				n_used++;
			}
		qsort(used, n_used, sizeof *used, by_name);
		for (g = 0; g < n_used; g++)
			gof[used[g].id] = (uint32_t)(g + 1);
		f->n_groups = n_used + 1;
		for (c = 0; c < p->n; c++)
			gi[c] = p->reached[c] ? gof[e->prop[by_k][p->first[c]]] : 0;
	}
	if ((rc = cxm__alloc_array(&f->group_name, f->n_groups, sizeof *f->group_name, WHAT)) < 0 ||
	    (rc = cxm__texts_add(&f->names, CXM__FUNNEL_ALL, strlen(CXM__FUNNEL_ALL), &f->group_name[0])) < 0)
		goto done;
	for (g = 1; g < f->n_groups; g++) {
		if ((rc = cxm__texts_add(&f->names, used[g - 1].s, used[g - 1].len, &idx)) < 0)
			goto done;
		f->group_name[g] = idx;
	}
	rc = CXM_OK;
done:
	cxm__free(gof);
	cxm__free(used);
	return rc;
}

/* customers, mean, median and p90 per group and step. */
static int step_numbers(cxm_funnel *f, const uint32_t *gi, const cxm__funnel_per *p)
{
	size_t G = f->n_groups, k = f->k, c, g, j, cells = G * k;
	size_t *off = NULL, *fill = NULL;
	double *buf = NULL;
	int rc;
	if ((rc = cxm__alloc_array(&f->customers, cells, sizeof(double), WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&f->mean, cells, sizeof(double), WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&f->median, cells, sizeof(double), WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&f->p90, cells, sizeof(double), WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&off, G + 1, sizeof *off, WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&fill, G, sizeof *fill, WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&buf, p->n ? 2 * p->n : 1, sizeof *buf, WHAT)) < 0)
		goto done;
	for (g = 0; g < cells; g++) {
		f->customers[g] = 0.0;
		f->mean[g] = f->median[g] = f->p90[g] = NAN;
	}
	for (c = 0; c < p->n; c++)
		for (j = 0; j < p->reached[c]; j++) {
			f->customers[j] += 1.0;
			if (gi[c])
				f->customers[gi[c] * k + j] += 1.0;
		}
	for (j = 0; j + 1 < k; j++) {
		/* the converters' times, "(all)" in buf[0..], each group after it (counting sort) */
		size_t n_all = (size_t)f->customers[j + 1];
		off[0] = 0;
		off[1] = n_all;
		for (g = 1; g < G; g++)
			off[g + 1] = off[g] + (size_t)f->customers[g * k + j + 1];
		for (g = 0; g < G; g++)
			fill[g] = off[g];
		for (c = 0; c < p->n; c++)
			if (p->reached[c] > j + 1) {
				double d = p->dt[c * (k - 1) + j];
				buf[fill[0]++] = d;
				if (gi[c])
					buf[fill[gi[c]]++] = d;
			}
		for (g = 0; g < G; g++) {
			size_t n = off[g + 1] - off[g], i;
			cxm__xsum s;
			if (n == 0)
				continue;
			cxm__xsum_init(&s);
			for (i = off[g]; i < off[g + 1]; i++)
				cxm__xsum_add(&s, buf[i]);
			f->mean[g * k + j] = cxm__xsum_round(&s) / (double)n;
			if ((rc = cxm_quantile7(&f->median[g * k + j], buf + off[g], n, 0.5, CXM_NAN_ERROR)) < 0 ||
			    (rc = cxm_quantile7(&f->p90[g * k + j], buf + off[g], n, 0.9, CXM_NAN_ERROR)) < 0)
				goto done;
		}
	}
	rc = CXM_OK;
done:
	cxm__free(off);
	cxm__free(fill);
	cxm__free(buf);
	return rc;
}

/* The most frequent next events of each step's drop-offs (over all customers). */
static int next_events(cxm_funnel *f, const cxm_events *e, const cxm__funnel_per *p, size_t top)
{
	size_t k = f->k, n_codes = e->event_names.count, width = n_codes + 1, c, j, i, rows = 0, idx;
	double *counts = NULL;
	named *list = NULL;
	int rc;
	if ((rc = cxm__alloc_array(&counts, (k - 1) * width, sizeof *counts, WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&list, width, sizeof *list, WHAT)) < 0)
		goto done;
	memset(counts, 0, (k - 1) * width * sizeof *counts);
	for (c = 0; c < p->n; c++)
		if (p->reached[c] > 0 && p->reached[c] < k)
			counts[(p->reached[c] - 1) * width + (p->next[c] == UINT32_MAX ? n_codes : p->next[c])] += 1.0;
	for (j = 0; j + 1 < k; j++) {
		size_t n = 0;
		for (i = 0; i < width; i++)
			if (counts[j * width + i] > 0.0)
				n++;
		rows += n < top ? n : top;
	}
	if ((rc = cxm__alloc_array(&f->next_step, rows ? rows : 1, sizeof(size_t), WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&f->next_name, rows ? rows : 1, sizeof(size_t), WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&f->next_customers, rows ? rows : 1, sizeof(double), WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&f->next_share, rows ? rows : 1, sizeof(double), WHAT)) < 0)
		goto done;
	for (j = 0; j + 1 < k; j++) {
		size_t n = 0;
		double drops = f->customers[j] - f->customers[j + 1];
		for (i = 0; i < width; i++)
			if (counts[j * width + i] > 0.0) {
				list[n].s = i == n_codes ? CXM__FUNNEL_END : e->event_names.str[i];
				list[n].len = i == n_codes ? strlen(CXM__FUNNEL_END) : e->event_names.len[i];
				list[n].id = i;
				list[n].count = counts[j * width + i];
				n++;
			}
		qsort(list, n, sizeof *list, by_count_then_name);
		for (i = 0; i < n && i < top; i++) {
			if ((rc = cxm__texts_add(&f->names, list[i].s, list[i].len, &idx)) < 0)
				goto done;
			f->next_step[f->n_next] = j;
			f->next_name[f->n_next] = idx;
			f->next_customers[f->n_next] = list[i].count;
			f->next_share[f->n_next] = 100.0 * list[i].count / drops;
			f->n_next++;
		}
	}
	rc = CXM_OK;
done:
	cxm__free(counts);
	cxm__free(list);
	return rc;
}

/* Each group's conversion at each step j >= 2 against the other groups pooled. */
static int group_tests(cxm_funnel *f)
{
	size_t G = f->n_groups, k = f->k, g, j, r = 0, rows = G > 1 ? (G - 1) * (k - 1) : 0;
	int rc;
	if (rows == 0)
		return CXM_OK;
	if ((rc = cxm__alloc_array(&f->test_group, rows, sizeof(size_t), WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&f->test_step, rows, sizeof(size_t), WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&f->t_n, rows, sizeof(double), WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&f->t_conv, rows, sizeof(double), WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&f->t_rest_n, rows, sizeof(double), WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&f->t_rest_conv, rows, sizeof(double), WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&f->t_diff, rows, sizeof(double), WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&f->t_p, rows, sizeof(double), WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&f->t_padj, rows, sizeof(double), WHAT)) < 0)
		return rc;
	for (g = 1; g < G; g++)
		for (j = 1; j < k; j++, r++) {
			double na = f->customers[g * k + j - 1], xa = f->customers[g * k + j];
			double nb = f->customers[j - 1] - na, xb = f->customers[j] - xa;
			f->test_group[r] = g;
			f->test_step[r] = j;
			f->t_n[r] = na;
			f->t_rest_n[r] = nb;
			f->t_conv[r] = na > 0 ? 100.0 * xa / na : NAN;
			f->t_rest_conv[r] = nb > 0 ? 100.0 * xb / nb : NAN;
			f->t_diff[r] = f->t_p[r] = NAN;
			if (na > 0 && nb > 0) {
				cxm_test_result tr = CXM_TEST_RESULT_INIT;
				if ((rc = cxm_two_proportion_test(&tr, xa, na, xb, nb, f->conf)) < 0)
					return rc;
				f->t_diff[r] = tr.diff;
				f->t_p[r] = tr.p_value;
			}
		}
	f->n_tests = rows;
	return cxm_p_adjust(f->t_padj, rows, f->t_p, rows, f->adjust);
}

int cxm__funnel_summarise(cxm_funnel *f, const cxm_events *e, const cxm__funnel_per *p, size_t by_k,
			  const cxm_funnel_opts *o)
{
	uint32_t *gi = NULL;
	int rc;
	if ((rc = cxm__alloc_array(&gi, p->n ? p->n : 1, sizeof *gi, WHAT)) < 0)
		return rc;
	if ((rc = make_groups(f, gi, e, p, by_k)) < 0 || (rc = step_numbers(f, gi, p)) < 0 ||
	    (rc = next_events(f, e, p, o->top_next)) < 0 || (rc = group_tests(f)) < 0)
		goto done;
done:
	cxm__free(gi);
	return rc;
}
