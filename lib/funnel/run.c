/*
 * lib/funnel/run.c - cxm_funnel_run: each customer's best attempt (spec
 * §22.2), on threads over customers.
 *
 * An attempt starts at an event that can be step 1 and is matched greedily
 * within [t1, t1 + W]: ordered takes the earliest later event equal to the
 * next step, strict only the very next event, any consumes the listed steps
 * as a multiset. The best attempt is the one reaching the most steps, ties to
 * the earliest; one that reaches every step ends the search (no later one can
 * beat it). Each thread owns a contiguous range of customers and writes only
 * their entries, so the per-customer results, and everything summed from
 * them in customer order afterwards, do not depend on the thread count.
 */
#include <math.h>
#include <pthread.h>
#include <string.h>
#include "funnel_internal.h"
#include "parallel.h"
#include "events/events_internal.h"

#define WHAT "cxm_funnel_run"
#define NO_SLOT 0xFFu

typedef struct job {
	const cxm_events *e;
	const uint32_t *code;  /* k step codes */
	const uint8_t *slot;   /* any mode: event code -> distinct-step slot, NO_SLOT if not a step */
	const uint8_t *mult;   /* any mode: multiplicity of each slot */
	size_t n_slots;
	int mode;
	double window;
	cxm__funnel_per *per;
	size_t c0, c1;         /* customers [c0, c1) */
} job;

/* One attempt from event i (events [i, end) of the customer): the steps it
 * reaches, their events in pos[]. */
static size_t attempt(const job *J, size_t i, size_t end, size_t *pos)
{
	const cxm_events *e = J->e;
	const double *t = e->t;
	const uint32_t *ev = e->event;
	size_t k = J->per->k, m, p;
	double lim = t[i] + J->window;
	if (J->mode == CXM_FUNNEL_ANY) {
		uint8_t rem[CXM__FUNNEL_MAX_STEPS];
		memcpy(rem, J->mult, J->n_slots);
		for (m = 0, p = i; m < k && p < end && t[p] <= lim; p++) {
			uint8_t s = J->slot[ev[p]];
			if (s != NO_SLOT && rem[s] > 0) {
				rem[s]--;
				pos[m++] = p;
			}
		}
		return m;
	}
	pos[0] = i;
	m = 1;
	if (J->mode == CXM_FUNNEL_STRICT) {
		for (p = i + 1; m < k && p < end && t[p] <= lim && ev[p] == J->code[m]; p++)
			pos[m++] = p;
		return m;
	}
	for (p = i + 1; m < k && p < end && t[p] <= lim; p++)
		if (ev[p] == J->code[m])
			pos[m++] = p;
	return m;
}

static void one_customer(const job *J, size_t c)
{
	const cxm_events *e = J->e;
	cxm__funnel_per *P = J->per;
	size_t k = P->k, b = e->start[c], end = e->start[c + 1], i, j, best = 0;
	size_t pos[CXM__FUNNEL_MAX_STEPS], best_pos[CXM__FUNNEL_MAX_STEPS];
	for (i = b; i < end && best < k; i++) {
		size_t m;
		if (J->mode == CXM_FUNNEL_ANY ? J->slot[e->event[i]] == NO_SLOT : e->event[i] != J->code[0])
			continue;
		m = attempt(J, i, end, pos);
		if (m > best) {
			best = m;
			memcpy(best_pos, pos, m * sizeof *pos);
		}
	}
	P->reached[c] = (uint8_t)best;
	P->next[c] = UINT32_MAX;
	if (best == 0)
		return;
	P->first[c] = best_pos[0];
	for (j = 0; j + 1 < best; j++)
		P->dt[c * (k - 1) + j] = e->t[best_pos[j + 1]] - e->t[best_pos[j]];
	if (best < k && best_pos[best - 1] + 1 < end)
		P->next[c] = e->event[best_pos[best - 1] + 1];
}

static void *run_job(void *arg)
{
	const job *J = arg;
	size_t c;
	for (c = J->c0; c < J->c1; c++)
		one_customer(J, c);
	return NULL;
}

/* The customers cut into nt ranges of about equal events (the cut only
 * balances the work; each customer's result is the same whoever computes it). */
static void run_threads(job *jobs, unsigned nt, const cxm_events *e)
{
	pthread_t tid[CXM__FUNNEL_MAX_THREADS];
	int started[CXM__FUNNEL_MAX_THREADS];
	size_t c = 0;
	unsigned t;
	for (t = 0; t < nt; t++) {
		size_t goal = (size_t)((double)e->n * (t + 1) / nt);
		jobs[t].c0 = c;
		while (c < e->n_customers && (t + 1 == nt || e->start[c + 1] <= goal))
			c++;
		jobs[t].c1 = c;
	}
	for (t = 1; t < nt; t++)
		started[t] = cxm__thread_start(&tid[t], run_job, &jobs[t]);
	run_job(&jobs[0]);
	for (t = 1; t < nt; t++) {
		if (started[t])
			pthread_join(tid[t], NULL);
		else
			run_job(&jobs[t]);
	}
}

static const char *event_name_at(const void *ctx, size_t i)
{
	return ((const cxm_events *)ctx)->event_names.str[i];
}

/* The step codes, or BAD_ARG naming the first unknown step and the events. */
static int step_codes(uint32_t *code, const cxm_events *e, const char *const *steps, size_t k)
{
	size_t j;
	for (j = 0; j < k; j++) {
		char q[CXM__QUOTE_MAX * 4 + 8], list[512];
		if (steps[j] == NULL)
			return cxm__fail(CXM_EBAD_ARG, "steps[%zu] is NULL", j);
		if ((code[j] = cxm__events_code(e, steps[j])) != UINT32_MAX)
			continue;
		cxm__quote_text(q, sizeof q, steps[j], strlen(steps[j]));
		if (e->event_names.count == 0)
			cxm__snprintf_c(list, sizeof list, "(none)");
		else
			cxm__join_names(list, sizeof list, e->event_names.count, event_name_at, e, 1, NULL);
		return cxm__fail(CXM_EBAD_ARG, "step '%s' is not an event in the log (events: %s)", q, list);
	}
	return CXM_OK;
}

static void per_free(cxm__funnel_per *p)
{
	cxm__free(p->reached);
	cxm__free(p->first);
	cxm__free(p->next);
	cxm__free(p->dt);
}

void cxm_funnel_free(cxm_funnel *f)
{
	if (f == NULL)
		return;
	cxm__texts_free(&f->names);
	cxm__free(f->step_name);
	cxm__free(f->group_name);
	cxm__free(f->customers);
	cxm__free(f->mean);
	cxm__free(f->median);
	cxm__free(f->p90);
	cxm__free(f->next_step);
	cxm__free(f->next_name);
	cxm__free(f->next_customers);
	cxm__free(f->next_share);
	cxm__free(f->test_group);
	cxm__free(f->test_step);
	cxm__free(f->t_n);
	cxm__free(f->t_conv);
	cxm__free(f->t_rest_n);
	cxm__free(f->t_rest_conv);
	cxm__free(f->t_diff);
	cxm__free(f->t_p);
	cxm__free(f->t_padj);
	cxm__free(f);
}

cxm_status cxm_funnel_run(cxm_funnel **out, const cxm_events *events, const char *const *steps, size_t n_steps,
			  double window_seconds, const cxm_funnel_opts *opts)
{
	cxm_funnel_opts defaults;
	const cxm_funnel_opts *o = opts;
	uint32_t code[CXM__FUNNEL_MAX_STEPS];
	uint8_t mult[CXM__FUNNEL_MAX_STEPS], *slot = NULL;
	size_t n_slots = 0, by_k = SIZE_MAX, j, nc;
	cxm__funnel_per per;
	job jobs[CXM__FUNNEL_MAX_THREADS];
	cxm_funnel *f = NULL;
	unsigned nt, t;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(events, "events")) < 0 || (rc = cxm__check_ptr(steps, "steps")) < 0)
		return rc;
	if (n_steps < 2 || n_steps > CXM__FUNNEL_MAX_STEPS)
		return cxm__fail(CXM_EBAD_ARG, "n_steps is %zu; a funnel has 2..%d steps", n_steps,
				 CXM__FUNNEL_MAX_STEPS);
	if (isnan(window_seconds) || window_seconds < 0.0)
		return cxm__fail(CXM_EBAD_ARG, "the window is %g seconds; use a window >= 0 (+inf: no limit)",
				 window_seconds);
	if (o == NULL) {
		memset(&defaults, 0, sizeof defaults);
		defaults.mode = CXM_FUNNEL_ORDERED;
		defaults.conf = 0.95;
		defaults.adjust = CXM_P_ADJUST_HOLM;
		defaults.top_next = 5;
		o = &defaults;
	}
	if ((rc = step_codes(code, events, steps, n_steps)) < 0)
		return rc;
	if (o->by != NULL && (rc = cxm__events_prop_index(events, o->by, &by_k)) < 0)
		return rc;
	memset(&per, 0, sizeof per);
	nc = events->n_customers;
	per.n = nc;
	per.k = n_steps;
	if ((rc = cxm__alloc_array(&per.reached, nc ? nc : 1, sizeof *per.reached, WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&per.first, nc ? nc : 1, sizeof *per.first, WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&per.next, nc ? nc : 1, sizeof *per.next, WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&per.dt, nc ? nc * (n_steps - 1) : 1, sizeof *per.dt, WHAT)) < 0)
		goto done;
	if (o->mode == CXM_FUNNEL_ANY) {
		/* the distinct steps and how many times each is listed */
		size_t n_codes = events->event_names.count;
		if ((rc = cxm__alloc_array(&slot, n_codes ? n_codes : 1, 1, WHAT)) < 0)
			goto done;
		memset(slot, NO_SLOT, n_codes);
		for (j = 0; j < n_steps; j++) {
			if (slot[code[j]] == NO_SLOT) {
				slot[code[j]] = (uint8_t)n_slots;
				mult[n_slots++] = 0;
			}
			mult[slot[code[j]]]++;
		}
	}
	nt = o->threads ? o->threads : cxm__default_threads();
	if (nt > CXM__FUNNEL_MAX_THREADS)
		nt = CXM__FUNNEL_MAX_THREADS;
	/* a thread is worth starting for some thousands of events */
	if ((size_t)nt > events->n / 16384 + 1)
		nt = (unsigned)(events->n / 16384 + 1);
	for (t = 0; t < nt; t++) {
		jobs[t].e = events;
		jobs[t].code = code;
		jobs[t].slot = slot;
		jobs[t].mult = mult;
		jobs[t].n_slots = n_slots;
		jobs[t].mode = o->mode;
		jobs[t].window = window_seconds;
		jobs[t].per = &per;
	}
	run_threads(jobs, nt, events);
	if ((f = cxm__calloc(1, sizeof *f)) == NULL) {
		rc = cxm__fail(CXM_ENOMEM, "%s: no memory for the funnel", WHAT);
		goto done;
	}
	f->k = n_steps;
	f->mode = o->mode;
	f->adjust = o->adjust;
	f->window = window_seconds;
	f->conf = o->conf;
	f->customers_in_log = nc;
	f->by_name = SIZE_MAX;
	if ((rc = cxm__texts_init(&f->names, 64, WHAT)) < 0) {
		cxm__free(f);
		f = NULL;
		goto done;
	}
	if ((rc = cxm__alloc_array(&f->step_name, n_steps, sizeof *f->step_name, WHAT)) < 0)
		goto done;
	for (j = 0; j < n_steps; j++)
		if ((rc = cxm__texts_add(&f->names, steps[j], strlen(steps[j]), &f->step_name[j])) < 0)
			goto done;
	if (o->by != NULL && (rc = cxm__texts_add(&f->names, o->by, strlen(o->by), &f->by_name)) < 0)
		goto done;
	if ((rc = cxm__funnel_summarise(f, events, &per, by_k, o)) < 0)
		goto done;
	*out = f;
	f = NULL;
done:
	cxm_funnel_free(f);
	cxm__free(slot);
	per_free(&per);
	return rc;
}
