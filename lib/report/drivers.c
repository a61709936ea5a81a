/*
 * lib/report/drivers.c - key drivers in the survey report (spec §18.7, §19):
 * the rows each worker kept (file line, outcome, each driver's text) are
 * put back in file order, turned into a cxm_table (a driver column whose
 * non-empty values are all numbers is NUMBER, else TEXT) and fitted by
 * cxm_drivers_fit (lib/drivers), the one owner of the model.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "cells.h"
#include "io/io_internal.h"

void cxm__driver_rows_free(cxm__driver_rows *d)
{
	cxm__free(d->line);
	cxm__free(d->outcome);
	cxm__free(d->off);
	cxm__free(d->arena);
	memset(d, 0, sizeof *d);
}

static int grow(void *p, size_t n, size_t size)
{
	void *q = cxm__realloc(*(void **)p, n * size);
	if (!q)
		return cxm__fail(CXM_ENOMEM, "survey report: out of memory keeping the rows for the drivers");
	*(void **)p = q;
	return CXM_OK;
}

int cxm__driver_rows_add(cxm__worker *w, size_t line, double outcome, const char *const *field, const size_t *len)
{
	const cxm_survey_report *r = w->r;
	cxm__driver_rows *d = &w->d;
	size_t j, k = r->g.n_drivers, need = 0;
	int rc;
	if (d->n == d->cap) {
		size_t cap = d->cap ? 2 * d->cap : 1024;
		if ((rc = grow(&d->line, cap, sizeof *d->line)) < 0 || (rc = grow(&d->outcome, cap, sizeof *d->outcome)) < 0 ||
		    (rc = grow(&d->off, cap * k, sizeof *d->off)) < 0)
			return rc;
		d->cap = cap;
	}
	for (j = 0; j < k; j++)
		need += len[r->driver_index[j]] + 1;
	if (d->used + need > d->room) {
		size_t room = 2 * (d->used + need) + 4096;
		if ((rc = grow(&d->arena, room, 1)) < 0)
			return rc;
		d->room = room;
	}
	for (j = 0; j < k; j++) {
		size_t i = r->driver_index[j];
		d->off[d->n * k + j] = d->used;
		memcpy(d->arena + d->used, field[i], len[i] + 1);
		d->used += len[i] + 1;
	}
	d->line[d->n] = line;
	d->outcome[d->n] = outcome;
	d->n++;
	return CXM_OK;
}

/* A row of some worker, for the sort into file order. */
typedef struct ref {
	size_t line;
	uint32_t worker;
	size_t row;
} ref;

static int by_line(const void *a, const void *b)
{
	const ref *x = a, *y = b;
	return (x->line > y->line) - (x->line < y->line);
}

static const char *text_of(const cxm__worker *w, const ref *f, size_t j, size_t k)
{
	const cxm__driver_rows *d = &w[f->worker].d;
	return d->arena + d->off[f->row * k + j];
}

/* Whether every non-empty text of driver j is a number. */
static int numeric(const cxm__worker *w, const ref *f, size_t n, size_t j, size_t k)
{
	size_t i;
	double x;
	for (i = 0; i < n; i++) {
		const char *s = text_of(w, &f[i], j, k);
		if (s[strspn(s, " \t")] && cxm__parse_decimal(&x, s, strlen(s), '.') <= 0)
			return 0;
	}
	return 1;
}

static int build_table(cxm_table **out, const cxm_survey_report *r, const cxm__worker *w, const ref *f, size_t n,
		       const char *outcome)
{
	size_t i, j, k = r->g.n_drivers;
	cxm_table *t = NULL;
	double *num = NULL;
	const char **text = NULL;
	int rc;
	if ((rc = cxm_table_new(&t)) < 0)
		return rc;
	if ((rc = cxm__alloc_array(&num, n + 1, sizeof *num, "survey report: drivers")) < 0 ||
	    (rc = cxm__alloc_array(&text, n + 1, sizeof *text, "survey report: drivers")) < 0)
		goto done;
	for (i = 0; i < n; i++)
		num[i] = w[f[i].worker].d.outcome[f[i].row];
	if ((rc = cxm_table_add_numbers(t, outcome, num, n)) < 0)
		goto done;
	for (j = 0; j < k; j++) {
		const char *name = r->g.driver[j];
		if (numeric(w, f, n, j, k)) {
			for (i = 0; i < n; i++) {
				const char *s = text_of(w, &f[i], j, k);
				if (cxm__parse_decimal(&num[i], s, strlen(s), '.') <= 0)
					num[i] = NAN;
			}
			rc = cxm_table_add_numbers(t, name, num, n);
		} else {
			for (i = 0; i < n; i++)
				text[i] = text_of(w, &f[i], j, k);
			rc = cxm_table_add_texts(t, name, text, n);
		}
		if (rc < 0)
			goto done;
	}
	*out = t;
	t = NULL;
done:
	cxm_table_free(t);
	cxm__free(num);
	cxm__free(text);
	return rc;
}

int cxm__survey_drivers(cxm_survey_report *r, cxm__worker *w, size_t n_workers)
{
	const char *outcome = r->g.outcome;
	cxm_drivers_opts *o = NULL;
	cxm_drivers_result *res = NULL;
	cxm_table *t = NULL;
	ref *f = NULL;
	size_t n = 0, i, j;
	int rc;
	if (!r->g.drivers)
		return CXM_OK;
	if (!outcome)
		outcome = r->items[r->outcome_item].column;
	for (i = 0; i < n_workers; i++)
		n += w[i].d.n;
	if ((rc = cxm__alloc_array(&f, n + 1, sizeof *f, "survey report: drivers")) < 0)
		return rc;
	for (i = 0, n = 0; i < n_workers; i++)
		for (j = 0; j < w[i].d.n; j++)
			f[n++] = (ref){ w[i].d.line[j], (uint32_t)i, j };
	if (n > 1) /* lines are unique: file order, whatever the threads */
		qsort(f, n, sizeof *f, by_line);
	if ((rc = build_table(&t, r, w, f, n, outcome)) < 0 || (rc = cxm_drivers_opts_new(&o)) < 0 ||
	    (rc = cxm_drivers_opts_set_nan_policy(o, CXM_NAN_OMIT)) < 0 || (rc = cxm_drivers_opts_set_conf(o, r->conf)) < 0 ||
	    (rc = cxm_drivers_opts_set_threads(o, r->g.threads)) < 0 ||
	    (rc = cxm_drivers_fit(&res, t, outcome, (const char *const *)r->g.driver, r->g.n_drivers, o)) < 0 ||
	    (rc = cxm_drivers_table(&r->drivers_table, res)) < 0)
		goto done;
done:
	cxm__free(f);
	cxm_table_free(t);
	cxm_drivers_opts_free(o);
	cxm_drivers_result_free(res);
	return rc;
}
