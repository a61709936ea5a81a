/*
 * lib/report/tables.c - the output tables of a report (spec §18.7): CELLS
 * (one row per group x period x metric) and VS_REST (each group cell
 * against the rest of its period), with changes against the previous
 * period, their tests, the p-values adjusted per table, and the privacy
 * rules (min_n, complementary suppression). Every renderer, the CLI and
 * the bindings read these tables, never the cells.
 */
#include <math.h>
#include <string.h>
#include "cells.h"
#include "xsum.h"
#include "io/io_internal.h"
#include "stats/stats_internal.h"
#include "scores/scores_internal.h"

/* The metric rows of a cell, in the order of the schema. */
enum kind {
	K_NPS, K_CSAT, K_CSAT_MEAN, K_CES, K_CES_AGREE,
	K_FR_MEAN, K_FR_MEDIAN, K_FR_P90, K_RES_MEAN, K_RES_MEDIAN, K_RES_P90, K_KINDS
};

static const char *const kind_word[K_KINDS] = {
	"nps", "csat", "csat_mean", "ces", "ces_agree",
	"first_response_mean", "first_response_median", "first_response_p90",
	"resolution_mean", "resolution_median", "resolution_p90"
};

/* The metric of a survey kind. */
static int kind_metric(int kind)
{
	return kind == K_NPS ? CXM_SURVEY_NPS : kind <= K_CSAT_MEAN ? CXM_SURVEY_CSAT : CXM_SURVEY_CES;
}

/* A t interval of a mean, NaN where there is none (n < 2: a mean of one
 * answer has no SD). */
static void t_interval(double *lower, double *upper, double mean, double sd, double n, double conf)
{
	cxm_interval ci = CXM_INTERVAL_INIT;
	*lower = *upper = NAN;
	if (n >= 2 && isfinite(sd) && cxm_mean_t_interval(&ci, mean, sd, n, conf) == CXM_OK) {
		*lower = ci.lower;
		*upper = ci.upper;
	}
}

/* One value of a metric in a cell (or a rest): what the tables print and
 * what the tests need. */
typedef struct val {
	double n, score, lower, upper, missing;
	double shares[3], wald[2]; /* nps */
	double x;                  /* successes (csat, ces_agree) */
	double mean, sd;           /* means */
	double counts[3];          /* nps: promoters, passives, detractors */
} val;

/* One row of CELLS. */
typedef struct trow {
	size_t cell;
	int kind;
	size_t item;   /* survey kinds: the item; times: unused */
	val v;
	double change, p, p_adj;
	int suppressed;
} trow;

static void nan_val(val *v)
{
	v->n = v->score = v->lower = v->upper = v->missing = v->x = v->mean = v->sd = NAN;
	v->shares[0] = v->shares[1] = v->shares[2] = v->wald[0] = v->wald[1] = NAN;
	v->counts[0] = v->counts[1] = v->counts[2] = NAN;
}

/* The value of a survey kind from an item's results. */
static void survey_val(val *v, const cxm_survey_report *r, int kind, const cxm__results *res, size_t n,
		       int computed)
{
	nan_val(v);
	v->n = (double)n;
	if (!computed)
		return;
	(void)r;
	switch (kind) {
	case K_NPS: {
		const cxm__nps_results *x = (const cxm__nps_results *)res->bytes;
		v->score = x->nps.nps;
		v->lower = x->adjusted_wald.lower;
		v->upper = x->adjusted_wald.upper;
		v->wald[0] = x->wald.lower;
		v->wald[1] = x->wald.upper;
		v->shares[0] = x->nps.pct_promoters;
		v->shares[1] = x->nps.pct_passives;
		v->shares[2] = x->nps.pct_detractors;
		v->counts[0] = (double)x->nps.promoters;
		v->counts[1] = (double)x->nps.passives;
		v->counts[2] = (double)x->nps.detractors;
		break;
	}
	case K_CSAT: {
		const cxm_csat_result *x = (const cxm_csat_result *)res->bytes;
		v->score = x->pct_satisfied;
		v->lower = x->wilson_lower;
		v->upper = x->wilson_upper;
		v->x = (double)x->n_satisfied;
		break;
	}
	case K_CSAT_MEAN: {
		const cxm_csat_result *x = (const cxm_csat_result *)res->bytes;
		v->score = v->mean = x->mean;
		v->sd = x->sd;
		t_interval(&v->lower, &v->upper, x->mean, x->sd, (double)n, r->conf);
		break;
	}
	case K_CES: {
		const cxm_ces_result *x = (const cxm_ces_result *)res->bytes; /* the first member of its results */
		v->score = v->mean = x->mean;
		v->sd = x->sd;
		t_interval(&v->lower, &v->upper, x->mean, x->sd, (double)n, r->conf);
		break;
	}
	case K_CES_AGREE: {
		const cxm_ces_result *x = (const cxm_ces_result *)res->bytes;
		v->score = x->pct_agree;
		v->lower = x->wilson_lower;
		v->upper = x->wilson_upper;
		v->x = (double)x->n_agree;
		break;
	}
	default:
		break;
	}
}

/* The value of a support-time kind from a cell's durations (sorted here). */
static void time_val(val *v, const cxm_survey_report *r, int kind, cxm__durations *d)
{
	int which = (kind - K_FR_MEAN) % 3; /* mean, median, p90 */
	nan_val(v);
	v->n = (double)d->n;
	v->missing = (double)d->open;
	if (d->n == 0)
		return;
	cxm__sort_doubles(d->v, d->n); /* the order the threads added them in is gone */
	if (which == 0) {
		cxm__xsum s;
		double mean, ss = 0.0;
		size_t i;
		cxm__xsum_init(&s);
		for (i = 0; i < d->n; i++)
			cxm__xsum_add(&s, d->v[i]);
		mean = cxm__xsum_round(&s) / (double)d->n;
		for (i = 0; i < d->n; i++)
			ss += (d->v[i] - mean) * (d->v[i] - mean);
		v->score = v->mean = mean;
		v->sd = d->n > 1 ? sqrt(ss / (double)(d->n - 1)) : NAN;
		t_interval(&v->lower, &v->upper, mean, v->sd, (double)d->n, r->conf);
	} else {
		v->score = cxm__q7_sorted(d->v, d->n, which == 1 ? 0.5 : 0.9);
	}
}

/* The test of a against b for a kind: diff (a - b) and two-sided p. */
static void test(double *diff, double *p, const cxm_survey_report *r, int kind, const val *a, const val *b)
{
	*diff = a->score - b->score;
	*p = NAN;
	if (isnan(a->score) || isnan(b->score))
		return;
	switch (kind) {
	case K_NPS: {
		cxm_nps_comparison c = CXM_NPS_COMPARISON_INIT;
		if (cxm_nps_compare(&c, a->counts[0], a->counts[1], a->counts[2], b->counts[0], b->counts[1],
				    b->counts[2], CXM_NPS_ADJUSTED_WALD, r->conf, CXM_Z_FROM_CONF) == CXM_OK)
			*p = c.p_value;
		else
			cxm_error_clear();
		break;
	}
	case K_CSAT:
	case K_CES_AGREE: {
		cxm_test_result t = CXM_TEST_RESULT_INIT;
		if (cxm_two_proportion_test(&t, a->x, a->n, b->x, b->n, r->conf) == CXM_OK)
			*p = t.p_value;
		else
			cxm_error_clear();
		break;
	}
	case K_CSAT_MEAN:
	case K_CES:
	case K_FR_MEAN:
	case K_RES_MEAN: {
		cxm_test_result t = CXM_TEST_RESULT_INIT;
		/* a side of one answer has no SD: no test (TOO_FEW), the change only */
		if (a->n >= 2 && b->n >= 2 &&
		    cxm_welch_t_test(&t, a->mean, a->sd, a->n, b->mean, b->sd, b->n, r->conf) == CXM_OK)
			*p = t.p_value;
		else
			cxm_error_clear();
		break;
	}
	default:
		break; /* medians and p90: the change only */
	}
}

/* ---- building the rows -------------------------------------------------------------- */

typedef struct rows {
	trow *row;
	size_t n, cap;
} rows;

static int push(rows *t, const trow *x)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 64;
		trow *row = cxm__realloc(t->row, cap * sizeof *row);
		if (!row)
			return cxm__fail(CXM_ENOMEM, "survey report: out of memory for the tables");
		t->row = row;
		t->cap = cap;
	}
	t->row[t->n++] = *x;
	return CXM_OK;
}

/* Whether a kind exists in the report, and for survey kinds, its items. */
static int kind_present(const cxm_survey_report *r, int kind)
{
	if (kind <= K_CES_AGREE)
		return r->computed[kind_metric(kind)];
	if (kind <= K_FR_P90)
		return r->g.created != NULL;
	return r->g.resolved != NULL;
}

static int cell_rows(rows *t, const cxm_survey_report *r, size_t c)
{
	cxm__cell *cell = &r->cells[c];
	size_t k;
	int kind, rc;
	for (kind = 0; kind < K_KINDS; kind++) {
		trow x;
		if (!kind_present(r, kind))
			continue;
		memset(&x, 0, sizeof x);
		x.cell = c;
		x.kind = kind;
		x.change = x.p = x.p_adj = NAN;
		if (kind >= K_FR_MEAN) {
			time_val(&x.v, r, kind, &cell->t[kind >= K_RES_MEAN]);
			if ((rc = push(t, &x)) < 0)
				return rc;
			continue;
		}
		for (k = 0; k < r->n_items; k++) {
			const cxm__cell_metric *cm = &cell->m[k];
			if (r->items[k].metric != kind_metric(kind))
				continue;
			x.item = k;
			survey_val(&x.v, r, kind, &cm->results, cm->n, cm->computed);
			x.v.missing = (double)(cm->missing + cm->no_answer);
			if ((rc = push(t, &x)) < 0)
				return rc;
		}
	}
	return CXM_OK;
}

/* Whether two cells are the same group (totals alike). */
static int same_group(const cxm_survey_report *r, const cxm__cell *a, const cxm__cell *b)
{
	size_t g;
	if (a->total != b->total)
		return 0;
	for (g = 0; g < r->g.n_groups; g++)
		if (strcmp(a->group[g], b->group[g]) != 0)
			return 0;
	return 1;
}

/* Withhold the numbers of a suppressed row. */
static void withhold(trow *x)
{
	double n = x->v.n;
	(void)n;
	nan_val(&x->v);
	x->change = x->p = x->p_adj = NAN;
	x->suppressed = 1;
}

/* Rows a and b are the same metric of one item. */
static int same_metric(const trow *a, const trow *b)
{
	return a->kind == b->kind && a->item == b->item;
}

/* Privacy (spec §18.5): n < min_n, then the complementary rule per period
 * and metric: one suppressed group cell beside a shown total would be the
 * total minus the others, so the smallest other group cell goes too. Any
 * table's rows through a view (the CELLS rows, the PYRAMID rows). */
void cxm__survey_suppress(const cxm_survey_report *r, const cxm__supp_view *v)
{
	size_t i, j;
	if (!r->grouped)
		return;
	for (i = 0; i < v->n; i++)
		if (v->n_of(v->rows, i) < (double)r->g.min_n)
			*v->flag(v->rows, i) = 1;
	if (r->g.n_groups == 0)
		return;
	for (i = 0; i < v->n; i++) {
		const cxm__cell *tc = &r->cells[v->cell(v->rows, i)];
		size_t n_sup = 0, smallest = (size_t)-1;
		if (!tc->total || *v->flag(v->rows, i))
			continue;
		for (j = 0; j < v->n; j++) {
			const cxm__cell *xc = &r->cells[v->cell(v->rows, j)];
			if (xc->total || !v->same(v->rows, j, i) ||
			    !((isnan(xc->period) && isnan(tc->period)) || xc->period == tc->period))
				continue;
			if (*v->flag(v->rows, j))
				n_sup++;
			else if (smallest == (size_t)-1 || v->n_of(v->rows, j) < v->n_of(v->rows, smallest))
				smallest = j;
		}
		if (n_sup == 1 && smallest != (size_t)-1)
			*v->flag(v->rows, smallest) = 1;
	}
}

static size_t trow_cell(const void *rows, size_t i)
{
	return ((const trow *)rows)[i].cell;
}

static double trow_n(const void *rows, size_t i)
{
	return ((const trow *)rows)[i].v.n;
}

static int *trow_flag(void *rows, size_t i)
{
	return &((trow *)rows)[i].suppressed;
}

static int trow_same(const void *rows, size_t i, size_t j)
{
	return same_metric(&((const trow *)rows)[i], &((const trow *)rows)[j]);
}

static void suppress(rows *t, const cxm_survey_report *r)
{
	cxm__supp_view v = { t->row, t->n, trow_cell, trow_n, trow_flag, trow_same };
	cxm__survey_suppress(r, &v);
}

/* Changes against the same group's cell of the previous calendar period. */
static void changes(rows *t, const cxm_survey_report *r)
{
	size_t i, j;
	if (!r->g.time)
		return;
	for (i = 0; i < t->n; i++) {
		trow *x = &t->row[i];
		const cxm__cell *xc = &r->cells[x->cell];
		double prev = cxm__period_start((long)xc->period - 1, r->g.period);
		if (x->suppressed)
			continue;
		for (j = 0; j < t->n; j++) {
			const trow *y = &t->row[j];
			const cxm__cell *yc = &r->cells[y->cell];
			if (yc->period != prev || !same_metric(x, y) || !same_group(r, xc, yc))
				continue;
			if (!y->suppressed)
				test(&x->change, &x->p, r, x->kind, &x->v, &y->v);
			break;
		}
	}
}

/* p_adjusted over every p of the rows (one family). */
static int adjust(double *p_adj, const double *p, size_t n, int method)
{
	return cxm_p_adjust(p_adj, n, p, n, method);
}

/* ---- the cxm_tables ------------------------------------------------------------------ */

/* A metric's word for a row: "csat", or "csat:<column>" for a metric's 2nd+ column. */
static void metric_word(char *buf, size_t cap, const cxm_survey_report *r, const trow *x)
{
	const cxm__item *it = &r->items[x->item];
	if (x->kind <= K_CES_AGREE && it->nth > 0)
		cxm__snprintf_c(buf, cap, "%s:%s", kind_word[x->kind], it->column);
	else
		cxm__snprintf_c(buf, cap, "%s", kind_word[x->kind]);
}

int cxm__survey_add_cell_keys(cxm_table *tab, const cxm_survey_report *r, const void *rows, size_t n,
			      size_t (*cell)(const void *rows, size_t i))
{
	const char **text = NULL;
	char *periods = NULL;
	size_t i, g;
	int rc;
	if ((rc = cxm__alloc_array(&text, n + 1, sizeof *text, "survey report: tables")) < 0)
		return rc;
	if ((rc = cxm__alloc_array(&periods, n + 1, CXM__DATE_MAX, "survey report: tables")) < 0)
		goto done;
	for (g = 0; g < r->g.n_groups; g++) {
		for (i = 0; i < n; i++)
			text[i] = r->cells[cell(rows, i)].group[g];
		if ((rc = cxm_table_add_texts(tab, r->g.group[g], text, n)) < 0)
			goto done;
	}
	for (i = 0; i < n; i++) {
		double p = r->cells[cell(rows, i)].period;
		char *s = periods + i * CXM__DATE_MAX;
		if (isnan(p))
			s[0] = '\0';
		else
			cxm__date_format(s, p);
		text[i] = s;
	}
	rc = cxm_table_add_texts(tab, "period", text, n);
done:
	cxm__free(text);
	cxm__free(periods);
	return rc;
}

/* The text columns shared by both tables: groups, period (the cell's keys), metric. */
static int add_keys(cxm_table *tab, const cxm_survey_report *r, const trow *row, size_t n)
{
	const char **text = NULL;
	char *words = NULL;
	size_t i;
	int rc;
	if ((rc = cxm__survey_add_cell_keys(tab, r, row, n, trow_cell)) < 0)
		return rc;
	if ((rc = cxm__alloc_array(&text, n + 1, sizeof *text, "survey report: tables")) < 0)
		return rc;
	if ((rc = cxm__alloc_array(&words, n + 1, 160, "survey report: tables")) < 0)
		goto done;
	for (i = 0; i < n; i++) {
		metric_word(words + i * 160, 160, r, &row[i]);
		text[i] = words + i * 160;
	}
	rc = cxm_table_add_texts(tab, "metric", text, n);
done:
	cxm__free(text);
	cxm__free(words);
	return rc;
}

/* A number column from a member of each row (by offset into trow). */
static int add_num(cxm_table *tab, const char *name, const trow *row, size_t n, size_t offset, double *scratch)
{
	size_t i;
	for (i = 0; i < n; i++)
		memcpy(&scratch[i], (const char *)&row[i] + offset, sizeof(double));
	return cxm_table_add_numbers(tab, name, scratch, n);
}

#define NUM(name, member) add_num(tab, (name), t->row, t->n, offsetof(trow, member), scratch)

static int set_attrs(cxm_table *tab, const cxm_survey_report *r)
{
	char name[64];
	size_t skipped = 0;
	int k, rc;
	for (k = 0; k < CXM__SURVEY_SKIPS; k++)
		skipped += r->skipped[k];
	if ((rc = cxm_table_set_attr_number(tab, "rows", (double)r->rows)) < 0 ||
	    (rc = cxm_table_set_attr_number(tab, "rows_skipped", (double)skipped)) < 0)
		return rc;
	for (k = 0; k < CXM__SURVEY_SKIPS; k++) {
		cxm__snprintf_c(name, sizeof name, "skipped_%s", cxm__names_word(&cxm__survey_skip_names, k));
		if ((rc = cxm_table_set_attr_number(tab, name, (double)r->skipped[k])) < 0)
			return rc;
	}
	if ((rc = cxm_table_set_attr_number(tab, "min_n", r->grouped ? (double)r->g.min_n : 0.0)) < 0 ||
	    (rc = cxm_table_set_attr_number(tab, "conf", r->conf)) < 0 ||
	    (rc = cxm_table_set_attr_text(tab, "adjust", cxm__names_word(&cxm__p_adjust_names, r->g.adjust))) <
		    0 ||
	    (rc = cxm_table_set_attr_text(tab, "file", r->path)) < 0)
		return rc;
	return CXM_OK;
}

static int cells_table(cxm_table **out, rows *t, const cxm_survey_report *r)
{
	cxm_table *tab = NULL;
	double *scratch = NULL, *p = NULL;
	size_t i;
	int rc;
	if ((rc = cxm_table_new(&tab)) < 0)
		return rc;
	if ((rc = cxm__alloc_array(&scratch, t->n + 1, sizeof *scratch, "survey report: tables")) < 0 ||
	    (rc = cxm__alloc_array(&p, t->n + 1, sizeof *p, "survey report: tables")) < 0)
		goto done;
	for (i = 0; i < t->n; i++)
		p[i] = t->row[i].p;
	if ((rc = adjust(scratch, p, t->n, r->g.adjust)) < 0)
		goto done;
	for (i = 0; i < t->n; i++) {
		t->row[i].p_adj = scratch[i];
		if (t->row[i].suppressed)
			withhold(&t->row[i]);
		t->row[i].v.missing = t->row[i].suppressed ? NAN : t->row[i].v.missing;
	}
	for (i = 0; i < t->n; i++)
		t->row[i].v.x = t->row[i].suppressed; /* the flag as a number, for the column */
	if ((rc = add_keys(tab, r, t->row, t->n)) < 0 || (rc = NUM("n", v.n)) < 0 || (rc = NUM("score", v.score)) < 0 ||
	    (rc = NUM("lower", v.lower)) < 0 || (rc = NUM("upper", v.upper)) < 0 || (rc = NUM("change", change)) < 0 ||
	    (rc = NUM("p_value", p)) < 0 || (rc = NUM("p_adjusted", p_adj)) < 0 || (rc = NUM("suppressed", v.x)) < 0 ||
	    (rc = NUM("missing", v.missing)) < 0 || (rc = NUM("promoters", v.shares[0])) < 0 ||
	    (rc = NUM("passives", v.shares[1])) < 0 || (rc = NUM("detractors", v.shares[2])) < 0 ||
	    (rc = NUM("wald_lower", v.wald[0])) < 0 || (rc = NUM("wald_upper", v.wald[1])) < 0 ||
	    (rc = set_attrs(tab, r)) < 0)
		goto done;
	*out = tab;
	tab = NULL;
done:
	cxm_table_free(tab);
	cxm__free(scratch);
	cxm__free(p);
	return rc;
}

/* ---- group vs rest ------------------------------------------------------------------- */

typedef struct vrow {
	size_t cell;
	int kind;
	size_t item;
	double n, score, rest_n, rest_score, diff, p, p_adj, suppressed;
} vrow;

/* Whether the cells table suppressed a cell's metric (any reason). */
static int cell_suppressed(const rows *t, size_t cell, int kind, size_t item)
{
	size_t i;
	for (i = 0; i < t->n; i++)
		if (t->row[i].cell == cell && t->row[i].kind == kind && t->row[i].item == item)
			return t->row[i].suppressed;
	return 1;
}

/* The durations (time `which`) of the group cells of cell c's period but c. */
static int rest_durations(cxm__durations *d, const cxm_survey_report *r, size_t c, int which)
{
	size_t u, i;
	int rc;
	d->n = 0;
	d->open = 0;
	for (u = 0; u < r->n_cells; u++) {
		const cxm__cell *o = &r->cells[u];
		if (u == c || o->total ||
		    !((isnan(o->period) && isnan(r->cells[c].period)) || o->period == r->cells[c].period))
			continue;
		d->open += o->t[which].open;
		for (i = 0; i < o->t[which].n; i++)
			if ((rc = cxm__durations_add(d, o->t[which].v[i])) < 0)
				return rc;
	}
	return CXM_OK;
}

/* Each group cell against the rest of its period (total - cell), survey
 * kinds by their histograms (which subtract exactly), support times by the
 * other groups' durations. A cell the cells table
 * withholds (under min_n or by the complementary rule) is withheld here
 * too, as is a rest under min_n. */
static int vs_rest_rows(vrow **out, size_t *n_out, const cxm_survey_report *r, const rows *t)
{
	vrow *v = NULL;
	cxm__durations rest_t;
	size_t n = 0, cap = 0, c, u, k, p;
	uint64_t *rest = NULL;
	int kind, rc = CXM_OK;
	*out = NULL;
	*n_out = 0;
	memset(&rest_t, 0, sizeof rest_t);
	if (r->g.n_groups == 0)
		return CXM_OK;
	if (!(rest = cxm__calloc(r->points + 1, sizeof *rest)))
		return cxm__fail(CXM_ENOMEM, "survey report: out of memory");
	for (c = 0; c < r->n_cells; c++) {
		const cxm__cell *cell = &r->cells[c], *tot = NULL;
		if (cell->total)
			continue;
		for (u = 0; u < r->n_cells && r->cells[u].total; u++)
			if ((isnan(r->cells[u].period) && isnan(cell->period)) || r->cells[u].period == cell->period)
				tot = &r->cells[u];
		if (!tot)
			continue;
		for (p = 0; p < r->points; p++)
			rest[p] = tot->counts[p] - cell->counts[p];
		for (kind = 0; kind < K_KINDS; kind++) {
			if (!kind_present(r, kind))
				continue;
			for (k = 0; k < r->n_items; k++) {
				val a, b;
				vrow x;
				if (kind <= K_CES_AGREE) {
					cxm__results res;
					size_t rn;
					int computed;
					if (r->items[k].metric != kind_metric(kind))
						continue;
					if ((rc = cxm__survey_item_results(r, k, rest + r->item_offset[k], &res, &rn,
									   &computed)) < 0)
						goto done;
					survey_val(&b, r, kind, &res, rn, computed);
					survey_val(&a, r, kind, &cell->m[k].results, cell->m[k].n, cell->m[k].computed);
				} else {
					/* support times: the rest's durations are the other groups' of the period */
					if (k > 0)
						break;
					if ((rc = rest_durations(&rest_t, r, c, kind >= K_RES_MEAN)) < 0)
						goto done;
					time_val(&b, r, kind, &rest_t);
					time_val(&a, r, kind, &r->cells[c].t[kind >= K_RES_MEAN]);
				}
				memset(&x, 0, sizeof x);
				x.cell = c;
				x.kind = kind;
				x.item = kind <= K_CES_AGREE ? k : 0;
				x.suppressed = cell_suppressed(t, c, kind, x.item) || b.n < (double)r->g.min_n;
				if (x.suppressed) {
					x.n = x.score = x.rest_n = x.rest_score = x.diff = x.p = NAN;
				} else {
					x.n = a.n;
					x.score = a.score;
					x.rest_n = b.n;
					x.rest_score = b.score;
					test(&x.diff, &x.p, r, kind, &a, &b);
				}
				if (n == cap) {
					vrow *nv;
					cap = cap ? 2 * cap : 64;
					if (!(nv = cxm__realloc(v, cap * sizeof *nv))) {
						rc = cxm__fail(CXM_ENOMEM, "survey report: out of memory");
						goto done;
					}
					v = nv;
				}
				v[n++] = x;
			}
		}
	}
done:
	cxm__free(rest);
	cxm__free(rest_t.v);
	if (rc < 0) {
		cxm__free(v);
		return rc;
	}
	*out = v;
	*n_out = n;
	return CXM_OK;
}

static int vs_rest_table(cxm_table **out, const cxm_survey_report *r, const rows *t)
{
	cxm_table *tab = NULL;
	vrow *v = NULL;
	trow *keys = NULL;
	double *col = NULL, *p = NULL;
	size_t n = 0, i, j;
	int rc;
	static const char *const names[] = { "n", "score", "rest_n", "rest_score", "diff", "p_value", "p_adjusted",
					     "suppressed" };
	if ((rc = vs_rest_rows(&v, &n, r, t)) < 0 || (rc = cxm_table_new(&tab)) < 0)
		goto done;
	if ((rc = cxm__alloc_array(&keys, n + 1, sizeof *keys, "survey report: tables")) < 0 ||
	    (rc = cxm__alloc_array(&col, n + 1, sizeof *col, "survey report: tables")) < 0 ||
	    (rc = cxm__alloc_array(&p, n + 1, sizeof *p, "survey report: tables")) < 0)
		goto done;
	for (i = 0; i < n; i++) {
		memset(&keys[i], 0, sizeof keys[i]);
		keys[i].cell = v[i].cell;
		keys[i].kind = v[i].kind;
		keys[i].item = v[i].item;
		p[i] = v[i].p;
	}
	if ((rc = adjust(col, p, n, r->g.adjust)) < 0)
		goto done;
	for (i = 0; i < n; i++)
		v[i].p_adj = col[i];
	if ((rc = add_keys(tab, r, keys, n)) < 0)
		goto done;
	for (j = 0; j < CXM__COUNT_OF(names); j++) {
		for (i = 0; i < n; i++) {
			const double *f = &v[i].n;
			col[i] = f[j]; /* n .. suppressed are consecutive doubles */
		}
		if ((rc = cxm_table_add_numbers(tab, names[j], col, n)) < 0)
			goto done;
	}
	if ((rc = set_attrs(tab, r)) < 0)
		goto done;
	*out = tab;
	tab = NULL;
done:
	cxm_table_free(tab);
	cxm__free(v);
	cxm__free(keys);
	cxm__free(col);
	cxm__free(p);
	return rc;
}

int cxm__survey_tables(cxm_survey_report *r)
{
	rows t;
	size_t c;
	int rc = CXM_OK;
	memset(&t, 0, sizeof t);
	for (c = 0; c < r->n_cells && rc == CXM_OK; c++)
		rc = cell_rows(&t, r, c);
	if (rc == CXM_OK) {
		suppress(&t, r);
		changes(&t, r);
		rc = cells_table(&r->cells_table, &t, r);
	}
	if (rc == CXM_OK)
		rc = vs_rest_table(&r->vs_rest_table, r, &t);
	if (rc == CXM_OK && r->n_themes) {
		unsigned char *sup = cxm__calloc(r->n_cells + 1, 1);
		int kind = r->items[r->theme_item].metric == CXM_SURVEY_NPS ? K_NPS : K_CSAT;
		if (!sup)
			rc = cxm__fail(CXM_ENOMEM, "survey report: out of memory");
		for (c = 0; sup && c < r->n_cells; c++)
			sup[c] = (unsigned char)cell_suppressed(&t, c, kind, r->theme_item);
		if (rc == CXM_OK)
			rc = cxm__survey_themes(r, sup);
		cxm__free(sup);
	}
	if (rc == CXM_OK && r->g.pyr[0])
		rc = cxm__survey_pyramid(r);
	cxm__free(t.row);
	return rc;
}

/* ---- the public accessors ------------------------------------------------------------- */

/* A copy of a table (the report keeps its own: the caller frees theirs). */
static int copy_table(cxm_table **out, const cxm_table *src)
{
	cxm_table *t = NULL;
	size_t c, n = cxm_table_rows(src);
	int rc, type;
	if ((rc = cxm_table_new(&t)) < 0)
		return rc;
	for (c = 0; c < cxm_table_column_count(src) && rc == CXM_OK; c++) {
		const char *name = cxm_table_column_name(src, c);
		cxm_table_column_type(&type, src, c);
		if (type == CXM_TABLE_TEXT)
			rc = cxm_table_add_texts(t, name, cxm_table_texts(src, c), n);
		else
			rc = cxm_table_add_numbers(t, name, cxm_table_numbers(src, c), n);
	}
	for (c = 0; c < cxm_table_attr_count(src) && rc == CXM_OK; c++)
		rc = cxm__table_copy_attr(t, src, c);
	if (rc < 0) {
		cxm_table_free(t);
		return rc;
	}
	*out = t;
	return CXM_OK;
}

static int table_of(cxm_table **out, const cxm_survey_report *r, const cxm_table *which)
{
	int rc;
	if (out == NULL)
		return cxm__fail(CXM_EBAD_ARG, "cxm_table **out is NULL");
	*out = NULL;
	if ((rc = cxm__check_ptr(r, "report")) < 0)
		return rc;
	return copy_table(out, which);
}

cxm_status cxm_survey_report_cells(cxm_table **out, const cxm_survey_report *report)
{
	return table_of(out, report, report ? report->cells_table : NULL);
}

cxm_status cxm_survey_report_vs_rest(cxm_table **out, const cxm_survey_report *report)
{
	return table_of(out, report, report ? report->vs_rest_table : NULL);
}

/* A part not asked for: an empty table. */
static int table_or_empty(cxm_table **out, const cxm_survey_report *r, const cxm_table *which)
{
	int rc;
	if (out == NULL)
		return cxm__fail(CXM_EBAD_ARG, "cxm_table **out is NULL");
	*out = NULL;
	if ((rc = cxm__check_ptr(r, "report")) < 0)
		return rc;
	return which ? copy_table(out, which) : cxm_table_new(out);
}

cxm_status cxm_survey_report_drivers(cxm_table **out, const cxm_survey_report *report)
{
	return table_or_empty(out, report, report ? report->drivers_table : NULL);
}

cxm_status cxm_survey_report_themes(cxm_table **out, const cxm_survey_report *report)
{
	return table_or_empty(out, report, report ? report->themes_table : NULL);
}

cxm_status cxm_survey_report_pyramid(cxm_table **out, const cxm_survey_report *report)
{
	return table_or_empty(out, report, report ? report->pyramid_table : NULL);
}
