/*
 * lib/paths/touchpoints.c - cxm_touchpoints: per touchpoint (event name) its
 * customers, the exits after it (web analytics' exit rate), the NPS / CSAT /
 * CES answers given there and a friction score (spec §23.3). Every score and
 * interval comes from the score accumulators of scores.h (one accumulator
 * per touchpoint and metric, made only where an answer exists); nothing here
 * counts a scale or computes an interval of its own.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "paths_internal.h"

#define WHAT "cxm_touchpoints"
#define M CXM__TOUCHPOINT_METRICS

static const char *const metric_key[M] = { "nps", "csat", "ces" };

/* Per touchpoint. */
typedef struct point {
	uint32_t code, name_rank;
	size_t events, customers, exits;
	size_t last_customer; /* customer + 1 who last counted here */
	int goal;             /* a goal event: ending there is finishing, not dropping off */
	cxm_score_acc *acc[M];
	double n[M], score[M], lower[M], upper[M];
	double drop_off, not_satisfied, not_easy, friction, components;
} point;

typedef struct work {
	point *p;
	point **order;
	uint32_t *rank;
	size_t n_points;
	size_t value_col[M];
	int scored[M];
	int resolved_threshold[M];
	double *col[22]; /* the numeric columns (col_name below), then `goal` */
	size_t n_rows;   /* touchpoints with at least one event */
	const char **names;
} work;

static void work_free(work *w)
{
	size_t i;
	int k;
	if (w->p)
		for (i = 0; i < w->n_points; i++)
			for (k = 0; k < M; k++)
				cxm_score_acc_free(w->p[i].acc[k]);
	cxm__free(w->p);
	cxm__free(w->order);
	cxm__free(w->rank);
	for (i = 0; i < sizeof w->col / sizeof *w->col; i++)
		cxm__free(w->col[i]);
	cxm__free((void *)w->names);
}

static int cmp_point(const void *pa, const void *pb)
{
	const point *a = *(const point *const *)pa, *b = *(const point *const *)pb;
	/* a goal with no component has no friction: after every measured one */
	if (isnan(a->friction) != isnan(b->friction))
		return isnan(a->friction) ? 1 : -1;
	if (!isnan(a->friction) && a->friction != b->friction)
		return a->friction > b->friction ? -1 : 1;
	return a->name_rank < b->name_rank ? -1 : a->name_rank > b->name_rank;
}

/*
 * An answer the accumulator refused (it decides; its code is kept), named as
 * the log knows it: "column 'csat', customer 'b', input row 7 (event 'pay'):
 * the answer 9 is off the CSAT scale 1..5". The accumulator's own message
 * would name scores[0], the one answer it was given.
 */
static int answer_fail(int code, const cxm_events *e, const cxm_touchpoint_opts *o, int k, size_t c, size_t i,
		       double v)
{
	static const char *const name[M] = { "NPS", "CSAT", "CES" };
	char qc[CXM__QUOTE_MAX + 4], qid[CXM__QUOTE_MAX + 4], qev[CXM__QUOTE_MAX + 4], what[96];
	uint32_t ev = e->event[i];
	cxm__quote_text(qc, sizeof qc, o->column[k], strlen(o->column[k]));
	cxm__quote_text(qid, sizeof qid, e->customers.str[c], e->customers.len[c]);
	cxm__quote_text(qev, sizeof qev, e->event_names.str[ev], e->event_names.len[ev]);
	if (code == CXM_EOUT_OF_RANGE)
		cxm__snprintf_c(what, sizeof what, "the answer %.17g is off the %s scale %d..%d", v, name[k], o->lo[k],
				o->hi[k]);
	else if (code == CXM_ENON_INTEGER)
		cxm__snprintf_c(what, sizeof what, "the answer %.17g is not a whole number (the %s scale is %d..%d)", v,
				name[k], o->lo[k], o->hi[k]);
	else
		return code; /* NOMEM and the like: the accumulator's message stands */
	return cxm__fail(code, "column '%s', customer '%s', input row %zu (event '%s'): %s", qc, qid, e->row[i] + 1,
			 qev, what);
}

/* Counts per touchpoint, and every answer into its touchpoint's accumulator. */
static int tally(work *w, const cxm_events *e, const cxm_touchpoint_opts *o)
{
	size_t c, i;
	int k, rc;
	for (c = 0; c < e->n_customers; c++) {
		size_t s = e->start[c], end = e->start[c + 1];
		if (end == s)
			continue;
		for (i = s; i < end; i++) {
			point *p = &w->p[e->event[i]];
			p->events++;
			if (p->last_customer != c + 1) {
				p->last_customer = c + 1;
				p->customers++;
			}
			for (k = 0; k < M; k++) {
				double v;
				if (!w->scored[k])
					continue;
				v = e->value[w->value_col[k]][i];
				if (isnan(v)) /* no answer at this event: the log's NaN means none */
					continue;
				if (p->acc[k] == NULL && (rc = cxm_score_acc_new(&p->acc[k], o->lo[k], o->hi[k])) < 0)
					return rc;
				if ((rc = cxm_score_acc_add(p->acc[k], &v, 1, CXM_NAN_ERROR)) < 0)
					return answer_fail(rc, e, o, k, c, i, v);
			}
		}
		w->p[e->event[end - 1]].exits++;
	}
	return CXM_OK;
}

/* One touchpoint's scores from its accumulators, and its friction. */
static int score(point *p, const cxm_touchpoint_opts *o)
{
	double sum;
	int k, rc;
	for (k = 0; k < M; k++) {
		p->n[k] = p->acc[k] ? (double)cxm_score_acc_n(p->acc[k]) : 0.0;
		p->score[k] = p->lower[k] = p->upper[k] = NAN;
	}
	if (p->acc[CXM_SURVEY_NPS]) {
		cxm_nps_result r = CXM_NPS_RESULT_INIT;
		cxm_nps_ci ci = CXM_NPS_CI_INIT;
		if ((rc = cxm_score_acc_nps(&r, p->acc[CXM_SURVEY_NPS])) < 0 ||
		    (rc = cxm_nps_adjusted_wald(&ci, (double)r.promoters, (double)r.passives, (double)r.detractors,
						o->conf, CXM_Z_FROM_CONF)) < 0)
			return rc;
		p->score[CXM_SURVEY_NPS] = r.nps;
		p->lower[CXM_SURVEY_NPS] = ci.lower;
		p->upper[CXM_SURVEY_NPS] = ci.upper;
	}
	if (p->acc[CXM_SURVEY_CSAT]) {
		cxm_csat_result r = CXM_CSAT_RESULT_INIT;
		if ((rc = cxm_score_acc_csat(&r, p->acc[CXM_SURVEY_CSAT], o->threshold[CXM_SURVEY_CSAT], o->conf,
					     CXM_Z_FROM_CONF)) < 0)
			return rc;
		p->score[CXM_SURVEY_CSAT] = r.pct_satisfied;
		p->lower[CXM_SURVEY_CSAT] = r.wilson_lower;
		p->upper[CXM_SURVEY_CSAT] = r.wilson_upper;
	}
	if (p->acc[CXM_SURVEY_CES]) {
		cxm_ces_result r = CXM_CES_RESULT_INIT;
		if ((rc = cxm_score_acc_ces_scaled(&r, p->acc[CXM_SURVEY_CES], o->threshold[CXM_SURVEY_CES], o->conf,
						   CXM_Z_FROM_CONF)) < 0)
			return rc;
		p->score[CXM_SURVEY_CES] = r.pct_agree;
		p->lower[CXM_SURVEY_CES] = r.wilson_lower;
		p->upper[CXM_SURVEY_CES] = r.wilson_upper;
	}
	/* friction (§23.3): the mean of the shares of customers who had a bad
	 * time here, each in %: left after it, not satisfied, did not find it easy */
	p->drop_off = p->goal ? NAN : 100.0 * (double)p->exits / (double)p->customers;
	p->not_satisfied = 100.0 - p->score[CXM_SURVEY_CSAT];
	p->not_easy = 100.0 - p->score[CXM_SURVEY_CES];
	sum = 0.0;
	p->components = 0.0;
	if (!isnan(p->drop_off)) {
		sum += p->drop_off;
		p->components += 1.0;
	}
	if (!isnan(p->not_satisfied)) {
		sum += p->not_satisfied;
		p->components += 1.0;
	}
	if (!isnan(p->not_easy)) {
		sum += p->not_easy;
		p->components += 1.0;
	}
	p->friction = p->components > 0.0 ? sum / p->components : NAN;
	return CXM_OK;
}

/* The table's numeric columns, in order. */
enum {
	C_RANK, C_EVENTS, C_CUSTOMERS, C_EXITS, C_DROP_OFF,
	C_NPS_N, C_NPS, C_NPS_LO, C_NPS_HI, C_CSAT_N, C_CSAT, C_CSAT_LO, C_CSAT_HI,
	C_CES_N, C_CES, C_CES_LO, C_CES_HI, C_NOT_SATISFIED, C_NOT_EASY, C_COMPONENTS, C_FRICTION
};
static const char *const col_name[] = {
	"rank", "events", "customers", "exits", "drop_off",
	"nps_n", "nps", "nps_lower", "nps_upper", "csat_n", "csat", "csat_lower", "csat_upper",
	"ces_n", "ces", "ces_lower", "ces_upper", "not_satisfied", "not_easy", "friction_components", "friction"
};
#define N_NUMERIC (sizeof col_name / sizeof *col_name)
_Static_assert(sizeof col_name / sizeof *col_name == 21, "a work column for every numeric column, and goal's");

static int build_table(cxm_table **out, work *w, const cxm_touchpoint_opts *o)
{
	cxm_table *t = NULL;
	size_t i, j, n = w->n_rows;
	int k, rc;
	for (j = 0; j <= N_NUMERIC; j++)
		if ((rc = cxm__alloc_array(&w->col[j], n + 1, sizeof(double), WHAT)) < 0)
			return rc;
	for (i = 0; i < n; i++) {
		const point *p = w->order[i];
		w->col[C_RANK][i] = (double)(i + 1);
		w->col[C_EVENTS][i] = (double)p->events;
		w->col[C_CUSTOMERS][i] = (double)p->customers;
		w->col[C_EXITS][i] = (double)p->exits;
		w->col[C_DROP_OFF][i] = p->drop_off;
		for (k = 0; k < M; k++) {
			w->col[C_NPS_N + 4 * k][i] = p->n[k];
			w->col[C_NPS + 4 * k][i] = p->score[k];
			w->col[C_NPS_LO + 4 * k][i] = p->lower[k];
			w->col[C_NPS_HI + 4 * k][i] = p->upper[k];
		}
		w->col[C_NOT_SATISFIED][i] = p->not_satisfied;
		w->col[C_NOT_EASY][i] = p->not_easy;
		w->col[C_COMPONENTS][i] = p->components;
		w->col[C_FRICTION][i] = p->friction;
	}
	if ((rc = cxm_table_new(&t)) < 0 || (rc = cxm_table_add_numbers(t, col_name[C_RANK], w->col[C_RANK], n)) < 0 ||
	    (rc = cxm_table_add_texts(t, "event", w->names, n)) < 0)
		goto fail;
	for (j = 1; j < N_NUMERIC; j++)
		if ((rc = cxm_table_add_numbers(t, col_name[j], w->col[j], n)) < 0)
			goto fail;
	for (i = 0; i < n; i++)
		w->col[N_NUMERIC][i] = (double)w->order[i]->goal;
	if ((rc = cxm_table_add_numbers(t, "goal", w->col[N_NUMERIC], n)) < 0)
		goto fail;
	if ((rc = cxm_table_set_attr_text(t, "kind", "touchpoints")) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "conf", o->conf)) < 0)
		goto fail;
	for (k = 0; k < M; k++) {
		char name[32];
		cxm__snprintf_c(name, sizeof name, "%s_column", metric_key[k]);
		if ((rc = cxm_table_set_attr_text(t, name, o->column[k] ? o->column[k] : "")) < 0)
			goto fail;
	}
	*out = t;
	return CXM_OK;
fail:
	cxm_table_free(t);
	return rc;
}

cxm_status cxm_touchpoints(cxm_table **out, const cxm_events *e, const cxm_touchpoint_opts *o)
{
	cxm_touchpoint_opts defaults;
	work w;
	size_t i, n;
	int k, rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(e, "e")) < 0)
		return rc;
	if (o == NULL) {
		cxm__touchpoint_opts_defaults(&defaults);
		o = &defaults;
	}
	memset(&w, 0, sizeof w);
	for (k = 0; k < M; k++) {
		if (o->column[k] == NULL)
			continue;
		if ((rc = cxm__events_value_index(e, o->column[k], &w.value_col[k])) < 0)
			return cxm__error_context(k == CXM_SURVEY_NPS ? "the NPS column"
						  : k == CXM_SURVEY_CSAT ? "the CSAT column" : "the CES column");
		w.scored[k] = 1;
	}
	n = w.n_points = e->event_names.count;
	if ((rc = cxm__alloc_array(&w.p, n + 1, sizeof *w.p, WHAT)) < 0)
		goto done;
	memset(w.p, 0, (n + 1) * sizeof *w.p);
	if ((rc = cxm__alloc_array(&w.order, n + 1, sizeof *w.order, WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&w.names, n + 1, sizeof *w.names, WHAT)) < 0 ||
	    (rc = cxm__paths_name_rank(&w.rank, e, WHAT)) < 0 || (rc = tally(&w, e, o)) < 0)
		goto done;
	for (i = 0; i < o->n_goals; i++) {
		uint32_t code = cxm__events_code(e, o->goal[i]);
		if (code == UINT32_MAX) {
			rc = cxm__paths_unknown_event(e, "goal", o->goal[i]);
			goto done;
		}
		w.p[code].goal = 1;
	}
	for (i = 0; i < n; i++) {
		w.p[i].code = (uint32_t)i;
		w.p[i].name_rank = w.rank[i];
		/* a name only a skipped row had (skip_bad_rows) has no event: no touchpoint */
		if (w.p[i].customers == 0)
			continue;
		if ((rc = score(&w.p[i], o)) < 0)
			goto done;
		w.order[w.n_rows++] = &w.p[i];
	}
	if (w.n_rows > 1)
		qsort(w.order, w.n_rows, sizeof *w.order, cmp_point);
	for (i = 0; i < w.n_rows; i++)
		w.names[i] = e->event_names.str[w.order[i]->code];
	rc = build_table(out, &w, o);
done:
	work_free(&w);
	return rc;
}
