/*
 * lib/cohort/table.c - cxm_cohort_table (spec §24): the cohort x period
 * table of an event log.
 *
 * Linear work: one pass over the events finds the days the log spans; the
 * calendar periods between its first and last day come from
 * cxm__period_start (the one rule of periods, spec §0.15) and a day -> period
 * index table; one pass over the customers finds each one's entry event and
 * cohort; customers are then counted into cohort order and each cohort's
 * customers scanned once, with one exact sum (fsum.h) per period of the
 * cohort, so revenues do not depend on the order of the rows. Churn and
 * period retention are cxm_churn_rate and cxm_retention_rate (§5), fed with
 * the counts of consecutive periods.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "internal.h"
#include "names.h"
#include "fsum.h"
#include "io/io_internal.h"
#include "events/events_internal.h"
#include "cxmetrics/rates.h"
#include "cohort_internal.h"

#define NO_ENTRY UINT32_MAX

/* What the options resolve to against one log. */
typedef struct plan {
	int period, nan_policy, utc_offset;
	uint32_t first, active;  /* event codes; UINT32_MAX with any_* = any event */
	int any_first, any_active;
	const double *amount;    /* the value column, or NULL */
	const char *amount_name; /* "" when none */
	const char *first_name, *active_name;
} plan;

/* The calendar periods from the log's first day to its last. */
typedef struct periods {
	double day0;          /* first day of the log */
	size_t n_days;
	uint32_t *of_day;     /* n_days: the period index of day0 + i */
	double *start;        /* n: first day of each period */
	size_t n;
} periods;

static const char *event_name_at(const void *ctx, size_t i)
{
	return ((const cxm__texts *)ctx)->str[i];
}

/* An event option: its code, or BAD_ARG naming it and listing the log's events. */
static int event_code(uint32_t *code, int *any, const cxm_events *e, const char *name, const char *what)
{
	char list[512], quoted[CXM__QUOTE_MAX + 4];
	*any = name == NULL;
	*code = UINT32_MAX;
	if (name == NULL)
		return CXM_OK;
	if ((*code = cxm__events_code(e, name)) != UINT32_MAX)
		return CXM_OK;
	cxm__quote_text(quoted, sizeof quoted, name, strlen(name));
	cxm__join_names(list, sizeof list, e->event_names.count, event_name_at, &e->event_names, 1, NULL);
	return cxm__fail(CXM_EBAD_ARG, "%s '%s' is not an event in the log (events: %s)", what, quoted, list);
}

static int make_plan(plan *p, const cxm_events *e, const cxm_cohort_opts *o)
{
	int rc;
	size_t k;
	memset(p, 0, sizeof *p);
	p->period = o ? o->period : CXM_PERIOD_MONTH;
	p->nan_policy = o ? o->nan_policy : CXM_NAN_ERROR;
	p->utc_offset = e->utc_offset;
	p->amount_name = "";
	p->first_name = o && o->first_event ? o->first_event : "";
	p->active_name = o && o->active_event ? o->active_event : "";
	if ((rc = event_code(&p->first, &p->any_first, e, o ? o->first_event : NULL, "first_event")) < 0 ||
	    (rc = event_code(&p->active, &p->any_active, e, o ? o->active_event : NULL, "active_event")) < 0)
		return rc;
	if (o && o->amount) {
		if ((rc = cxm__events_value_index(e, o->amount, &k)) < 0)
			return rc;
		p->amount = e->value[k];
		p->amount_name = o->amount;
	}
	return CXM_OK;
}

/* "customer 'b' (row 7)": who an event belongs to, for messages. */
static void who(char *buf, size_t cap, const cxm_events *e, size_t c, size_t i)
{
	char quoted[CXM__QUOTE_MAX + 4];
	const char *id = e->customers.str[c];
	cxm__quote_text(quoted, sizeof quoted, id, e->customers.len[c]);
	cxm__snprintf_c(buf, cap, "customer '%s' (row %zu, event '%s')", quoted, e->row[i] + 1,
			e->event_names.str[e->event[i]]);
}

static double event_day(const cxm_events *e, size_t i)
{
	return cxm__timestamp_day(e->t[i], 0, e->utc_offset);
}

static void periods_free(periods *ps)
{
	cxm__free(ps->of_day);
	cxm__free(ps->start);
}

/* The days the log spans and their periods, each period's first day from cxm__period_start. */
static int make_periods(periods *ps, const cxm_events *e, int period)
{
	double lo = INFINITY, hi = -INFINITY, s;
	size_t c, i, j, cap;
	int rc;
	memset(ps, 0, sizeof *ps);
	for (c = 0; c < e->n_customers; c++)
		for (i = e->start[c]; i < e->start[c + 1]; i++) {
			double d = event_day(e, i);
			if (!(d >= CXM__FIRST_DAY && d <= CXM__LAST_DAY)) {
				char w[160];
				who(w, sizeof w, e, c, i);
				return cxm__fail(CXM_EOUT_OF_RANGE,
						 "the time %.17g s of %s at UTC offset %+d minutes falls outside the years "
						 "0001..9999", e->t[i], w, e->utc_offset);
			}
			if (d < lo)
				lo = d;
			if (d > hi)
				hi = d;
		}
	if (lo > hi)
		return CXM_OK; /* no events */
	ps->day0 = lo;
	ps->n_days = (size_t)(hi - lo) + 1;
	if ((rc = cxm__alloc_array(&ps->of_day, ps->n_days, sizeof *ps->of_day, "the periods of the log's days")) < 0)
		return rc;
	/* next period's first day: period_start(start + L) with L longer than
	 * the period and shorter than it plus the next (1, 7, 31, 92, 366) */
	{
		static const double step[] = { 1, 7, 31, 92, 366 };
		size_t n = 0;
		cap = 16;
		if ((rc = cxm__alloc_array(&ps->start, cap, sizeof *ps->start, "the periods")) < 0)
			return rc;
		for (s = cxm__period_start((long)lo, period); s <= hi; s = cxm__period_start((long)(s + step[period]), period)) {
			if (n == cap) {
				double *grown;
				if ((rc = cxm__alloc_array(&grown, cap * 2, sizeof *grown, "the periods")) < 0)
					return rc;
				memcpy(grown, ps->start, n * sizeof *grown);
				cxm__free(ps->start);
				ps->start = grown;
				cap *= 2;
			}
			ps->start[n++] = s;
		}
		ps->n = n;
	}
	for (i = 0, j = 0; i < ps->n_days; i++) {
		while (j + 1 < ps->n && ps->start[j + 1] <= lo + (double)i)
			j++;
		ps->of_day[i] = (uint32_t)j;
	}
	return CXM_OK;
}

static uint32_t period_of(const periods *ps, const cxm_events *e, size_t i)
{
	return ps->of_day[(size_t)(event_day(e, i) - ps->day0)];
}

/* The output columns, one row per cohort x period of the triangle. */
enum { COL_PERIOD, COL_CUSTOMERS, COL_ACTIVE, COL_RETENTION, COL_REVENUE, COL_RPC, COL_CRPC, COL_CHURN,
       COL_PRET, N_NUM };
static const char *const num_names[N_NUM] = { "period", "customers", "active", "retention", "revenue",
					      "revenue_per_customer", "cumulative_revenue_per_customer",
					      "churn", "period_retention" };

typedef struct work {
	size_t *entry;       /* n_customers: the entry event */
	uint32_t *cohort;    /* n_customers: the cohort's period, NO_ENTRY when none */
	size_t *size;        /* n_periods + 1: customers per cohort, then the start of each in `order` */
	size_t *order;       /* customers by cohort */
	size_t *active, *cont;   /* per period of one cohort: active, and active in p - 1 too */
	cxm__fsum *rev;          /* per period of one cohort */
	double *cohort_day, *col[N_NUM];
	size_t rows;
	size_t not_entered, omitted;
} work;

static void work_free(work *w)
{
	size_t k;
	cxm__free(w->entry);
	cxm__free(w->cohort);
	cxm__free(w->size);
	cxm__free(w->order);
	cxm__free(w->active);
	cxm__free(w->cont);
	cxm__free(w->rev);
	cxm__free(w->cohort_day);
	for (k = 0; k < N_NUM; k++)
		cxm__free(w->col[k]);
}

/* Each customer's entry event and cohort; customers counted into cohort order. */
static int find_cohorts(work *w, const cxm_events *e, const plan *pl, const periods *ps)
{
	size_t c, i, q, n = e->n_customers;
	int rc;
	if ((rc = cxm__alloc_array(&w->entry, n ? n : 1, sizeof *w->entry, "the customers' entries")) < 0 ||
	    (rc = cxm__alloc_array(&w->cohort, n ? n : 1, sizeof *w->cohort, "the customers' cohorts")) < 0 ||
	    (rc = cxm__alloc_array(&w->order, n ? n : 1, sizeof *w->order, "the customers by cohort")) < 0)
		return rc;
	if ((w->size = cxm__calloc(ps->n + 1, sizeof *w->size)) == NULL)
		return cxm__fail(CXM_ENOMEM, "no memory for the cohort sizes");
	for (c = 0; c < n; c++) {
		w->cohort[c] = NO_ENTRY;
		for (i = e->start[c]; i < e->start[c + 1]; i++)
			if (pl->any_first || e->event[i] == pl->first) {
				w->entry[c] = i;
				w->cohort[c] = period_of(ps, e, i);
				w->size[w->cohort[c]]++;
				break;
			}
		if (w->cohort[c] == NO_ENTRY)
			w->not_entered++;
	}
	if (w->not_entered == n) {
		if (n == 0)
			return cxm__fail(CXM_EEMPTY, "the event log has no events: no cohort");
		return cxm__fail(CXM_EEMPTY, "none of the %zu customers has the first_event '%s': no cohort", n,
				 pl->first_name);
	}
	/* size[q] becomes the start of cohort q in order; then each customer placed */
	for (q = 0, i = 0; q <= ps->n; q++) {
		size_t k = w->size[q];
		w->size[q] = i;
		i += k;
	}
	for (c = 0; c < n; c++)
		if (w->cohort[c] != NO_ENTRY)
			w->order[w->size[w->cohort[c]]++] = c;
	/* now size[q] is the end of cohort q: shift back so [size[q], size[q + 1]) */
	memmove(w->size + 1, w->size, ps->n * sizeof *w->size);
	w->size[0] = 0;
	for (q = 0; q < ps->n; q++)
		if (w->size[q + 1] > w->size[q])
			w->rows += ps->n - q;
	return CXM_OK;
}

/* One customer's activity from the entry event on, into the periods of its cohort. */
static int scan_customer(work *w, const cxm_events *e, const plan *pl, const periods *ps, size_t c, uint32_t q0)
{
	size_t i;
	uint32_t last = NO_ENTRY;
	for (i = w->entry[c]; i < e->start[c + 1]; i++) {
		uint32_t q;
		if (!pl->any_active && e->event[i] != pl->active)
			continue;
		q = period_of(ps, e, i);
		if (q != last) {
			w->active[q - q0]++;
			if (last != NO_ENTRY && q == last + 1)
				w->cont[q - q0]++;
			last = q;
		}
		if (pl->amount) {
			double v = pl->amount[i];
			if (isnan(v)) {
				if (pl->nan_policy == CXM_NAN_OMIT) {
					w->omitted++;
					continue;
				} else {
					char wh[160];
					who(wh, sizeof wh, e, c, i);
					return cxm__fail(CXM_ENAN, "the amount '%s' of %s is NaN (missing); nan_policy omit "
						"leaves it out of the revenue", pl->amount_name, wh);
				}
			}
			if (!isfinite(v)) {
				char wh[160];
				who(wh, sizeof wh, e, c, i);
				return cxm__fail(CXM_EBAD_ARG, "the amount '%s' of %s is %s; amounts must be finite",
						 pl->amount_name, wh, v > 0 ? "inf" : "-inf");
			}
			cxm__fsum_add(&w->rev[q - q0], v);
		}
	}
	return CXM_OK;
}

/* The rows of cohort q0 (its customers scanned), appended at row r. */
static int cohort_rows(work *w, const cxm_events *e, const plan *pl, const periods *ps, uint32_t q0, size_t *r)
{
	size_t k, n_p = ps->n - q0, size = w->size[q0 + 1] - w->size[q0], p;
	cxm__fsum cum;
	int rc;
	memset(w->active, 0, n_p * sizeof *w->active);
	memset(w->cont, 0, n_p * sizeof *w->cont);
	for (p = 0; p < n_p; p++)
		cxm__fsum_init(&w->rev[p]);
	for (k = w->size[q0]; k < w->size[q0 + 1]; k++)
		if ((rc = scan_customer(w, e, pl, ps, w->order[k], q0)) < 0)
			return rc;
	cxm__fsum_init(&cum);
	for (p = 0; p < n_p; p++) {
		size_t row = (*r)++, j;
		double revenue = NAN, cumulative = NAN, churn = NAN, pret = NAN;
		if (pl->amount) {
			for (j = 0; j < w->rev[p].n; j++) /* the partials sum exactly to the period's revenue */
				cxm__fsum_add(&cum, w->rev[p].p[j]);
			revenue = cxm__fsum_round(&w->rev[p]);
			cumulative = cxm__fsum_round(&cum);
		}
		if (p > 0 && w->active[p - 1] > 0) {
			double s = (double)w->active[p - 1], both = (double)w->cont[p], act = (double)w->active[p];
			if ((rc = cxm_churn_rate(&churn, s, s - both)) < 0 ||
			    (rc = cxm_retention_rate(&pret, s, act, act - both)) < 0)
				return rc;
		}
		w->cohort_day[row] = ps->start[q0];
		w->col[COL_PERIOD][row] = (double)p;
		w->col[COL_CUSTOMERS][row] = (double)size;
		w->col[COL_ACTIVE][row] = (double)w->active[p];
		w->col[COL_RETENTION][row] = 100.0 * (double)w->active[p] / (double)size;
		w->col[COL_REVENUE][row] = revenue;
		w->col[COL_RPC][row] = revenue / (double)size;
		w->col[COL_CRPC][row] = cumulative / (double)size;
		w->col[COL_CHURN][row] = churn;
		w->col[COL_PRET][row] = pret;
	}
	return CXM_OK;
}

static int make_table(cxm_table **out, const work *w, const plan *pl, const cxm_events *e)
{
	cxm_table *t = NULL;
	size_t k;
	int rc;
	if ((rc = cxm_table_new(&t)) < 0)
		return rc;
	if ((rc = cxm_table_add_days(t, "cohort", w->cohort_day, w->rows)) < 0)
		goto fail;
	for (k = 0; k < N_NUM; k++)
		if ((rc = cxm_table_add_numbers(t, num_names[k], w->col[k], w->rows)) < 0)
			goto fail;
	if ((rc = cxm_table_set_attr_text(t, "kind", "cohort")) < 0 ||
	    (rc = cxm_table_set_attr_text(t, "every", cxm__names_word(&cxm__period_names, pl->period))) < 0 ||
	    (rc = cxm_table_set_attr_text(t, "amount", pl->amount_name)) < 0 ||
	    (rc = cxm_table_set_attr_text(t, "first_event", pl->first_name)) < 0 ||
	    (rc = cxm_table_set_attr_text(t, "active_event", pl->active_name)) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "utc_offset_minutes", (double)pl->utc_offset)) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "customers_in_log", (double)e->n_customers)) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "customers_not_entered", (double)w->not_entered)) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "amounts_omitted", (double)w->omitted)) < 0)
		goto fail;
	*out = t;
	return CXM_OK;
fail:
	cxm_table_free(t);
	return rc;
}

cxm_status cxm_cohort_table(cxm_table **out, const cxm_events *e, const cxm_cohort_opts *o)
{
	plan pl;
	periods ps;
	work w;
	size_t k, r = 0;
	uint32_t q;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(e, "e")) < 0 || (rc = make_plan(&pl, e, o)) < 0)
		return rc;
	memset(&w, 0, sizeof w);
	if ((rc = make_periods(&ps, e, pl.period)) < 0 || (rc = find_cohorts(&w, e, &pl, &ps)) < 0)
		goto done;
	if ((rc = cxm__alloc_array(&w.active, ps.n, sizeof *w.active, "the active customers per period")) < 0 ||
	    (rc = cxm__alloc_array(&w.cont, ps.n, sizeof *w.cont, "the retained customers per period")) < 0 ||
	    (rc = cxm__alloc_array(&w.rev, ps.n, sizeof *w.rev, "the revenue per period")) < 0 ||
	    (rc = cxm__alloc_array(&w.cohort_day, w.rows, sizeof *w.cohort_day, "the cohort table")) < 0)
		goto done;
	for (k = 0; k < N_NUM; k++)
		if ((rc = cxm__alloc_array(&w.col[k], w.rows, sizeof *w.col[k], "the cohort table")) < 0)
			goto done;
	for (q = 0; q < ps.n; q++)
		if (w.size[q + 1] > w.size[q] && (rc = cohort_rows(&w, e, &pl, &ps, q, &r)) < 0)
			goto done;
	rc = make_table(out, &w, &pl, e);
done:
	work_free(&w);
	periods_free(&ps);
	return rc;
}
