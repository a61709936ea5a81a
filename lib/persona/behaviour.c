/*
 * lib/persona/behaviour.c - the checks of the table's behaviour and age
 * columns, and each persona's behaviour (spec §15.2): NPS with its adjusted
 * Wald 95% interval, CSAT % satisfied (top-2-box) with Wilson's, CES and
 * SCORE means with t intervals, each next to the population's value and
 * withheld under min_n answers; mean and median CLV. Sums are exact
 * (fsum.h), so the numbers do not depend on row order.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "internal.h"
#include "fsum.h"
#include "build_internal.h"

/* A whole number from lo to hi, or NaN (no answer). */
static int check_answers(const cxm_table *t, size_t col, int lo, int hi)
{
	const double *x = cxm_table_numbers(t, col);
	size_t i, n = cxm_table_rows(t);
	for (i = 0; i < n; i++) {
		double v = x[i];
		if (isnan(v))
			continue;
		if (!(v >= lo && v <= hi && v == floor(v)))
			return cxm__fail(CXM_EOUT_OF_RANGE, "row %zu, column \"%s\": %.17g is not an answer on %d..%d",
					 i + 1, cxm_table_column_name(t, col), v, lo, hi);
	}
	return CXM_OK;
}

int cxm__persona_check_values(const cxm_table *t, const cxm__roles *r, int reference_year,
			      const cxm_persona_opts *opts)
{
	size_t i, j, n = cxm_table_rows(t), c;
	int rc;
	if ((c = r->col[CXM_PERSONA_ROLE_NPS]) != SIZE_MAX && (rc = check_answers(t, c, 0, 10)) < 0)
		return rc;
	if ((c = r->col[CXM_PERSONA_ROLE_CSAT]) != SIZE_MAX &&
	    (rc = check_answers(t, c, opts->csat_lo, opts->csat_hi)) < 0)
		return rc;
	if ((c = r->col[CXM_PERSONA_ROLE_CES]) != SIZE_MAX && (rc = check_answers(t, c, opts->ces_lo, opts->ces_hi)) < 0)
		return rc;
	for (j = 0; j < r->n_scores; j++)
		if ((rc = check_answers(t, r->scores[j], opts->score_lo, opts->score_hi)) < 0)
			return rc;
	if ((c = r->col[CXM_PERSONA_ROLE_AMOUNT]) != SIZE_MAX) {
		const double *x = cxm_table_numbers(t, c);
		for (i = 0; i < n; i++) {
			if (isnan(x[i]))
				return cxm__fail(CXM_ENAN, "row %zu, column \"%s\": the amount is NaN", i + 1,
						 cxm_table_column_name(t, c));
			if (!(x[i] >= 0.0 && x[i] < INFINITY))
				return cxm__fail(CXM_EOUT_OF_RANGE, "row %zu, column \"%s\": the amount %.17g is not "
						 "finite and >= 0", i + 1, cxm_table_column_name(t, c), x[i]);
		}
	}
	if ((c = r->col[CXM_PERSONA_ROLE_CLV]) != SIZE_MAX) {
		const double *x = cxm_table_numbers(t, c);
		for (i = 0; i < n; i++)
			if (isinf(x[i]))
				return cxm__fail(CXM_EOUT_OF_RANGE, "row %zu, column \"%s\": the CLV %g is not finite",
						 i + 1, cxm_table_column_name(t, c), x[i]);
	}
	if ((c = r->col[CXM_PERSONA_ROLE_AGE]) != SIZE_MAX) {
		const double *x = cxm_table_numbers(t, c);
		for (i = 0; i < n; i++)
			if (!isnan(x[i]) && !(x[i] >= 0.0 && x[i] <= 130.0))
				return cxm__fail(CXM_EOUT_OF_RANGE, "row %zu, column \"%s\": the age %.17g is outside "
						 "0..130", i + 1, cxm_table_column_name(t, c), x[i]);
	}
	if ((c = r->col[CXM_PERSONA_ROLE_BIRTH_YEAR]) != SIZE_MAX) {
		const double *x = cxm_table_numbers(t, c);
		for (i = 0; i < n; i++) {
			double age = reference_year - x[i];
			if (!isnan(x[i]) && !(age >= 0.0 && age <= 130.0))
				return cxm__fail(CXM_EOUT_OF_RANGE, "row %zu, column \"%s\": the birth year %.17g gives "
						 "the age %.17g in %d, outside 0..130 (a data set from another time needs the "
						 "reference year of its period)", i + 1,
						 cxm_table_column_name(t, c), x[i], age, reference_year);
		}
	}
	return CXM_OK;
}

/* The answers (not NaN) of x at rows[0..m): count, exact sum and the exact sum of squared deviations. */
typedef struct moments {
	double n, mean, sd;
} moments;

static moments moments_of(const double *x, const size_t *rows, size_t m)
{
	cxm__fsum s, q;
	moments o;
	size_t i, n = 0;
	cxm__fsum_init(&s);
	cxm__fsum_init(&q);
	for (i = 0; i < m; i++)
		if (!isnan(x[rows[i]])) {
			cxm__fsum_add(&s, x[rows[i]]);
			n++;
		}
	o.n = (double)n;
	o.mean = n ? cxm__fsum_round(&s) / (double)n : NAN;
	for (i = 0; i < m; i++)
		if (!isnan(x[rows[i]])) {
			double d = x[rows[i]] - o.mean;
			cxm__fsum_add(&q, d * d);
		}
	o.sd = n > 1 ? sqrt(cxm__fsum_round(&q) / (double)(n - 1)) : NAN;
	return o;
}

/* The value of one score kind over rows[0..m), with its 95% interval when `interval`. */
static int score_value(cxm__score *s, const double *x, const size_t *rows, size_t m, int interval)
{
	size_t i;
	int rc;
	s->value = s->lower = s->upper = NAN;
	if (strcmp(s->kind, "nps") == 0 || strcmp(s->kind, "csat") == 0) {
		double n = 0, a = 0, b = 0, c = 0, hi = s->scale_hi;
		int nps = s->kind[0] == 'n';
		for (i = 0; i < m; i++) {
			double v = x[rows[i]];
			if (isnan(v))
				continue;
			n++;
			if (nps) {
				a += v >= 9.0;
				b += v == 7.0 || v == 8.0;
				c += v <= 6.0;
			} else {
				a += v >= hi - 1.0; /* top-2-box */
			}
		}
		s->n = n;
		if (n == 0)
			return CXM_OK;
		if (nps) {
			s->value = 100.0 * (a - c) / n;
			if (interval) {
				cxm_nps_ci ci = CXM_NPS_CI_INIT;
				if ((rc = cxm_nps_adjusted_wald(&ci, a, b, c, 0.95, CXM_Z_FROM_CONF)) < 0)
					return rc;
				s->lower = ci.lower;
				s->upper = ci.upper;
			}
		} else {
			s->value = 100.0 * a / n;
			if (interval) {
				cxm_interval w = CXM_INTERVAL_INIT;
				if ((rc = cxm_wilson(&w, a, n, 0.95, CXM_Z_FROM_CONF)) < 0)
					return rc;
				s->lower = 100.0 * w.lower;
				s->upper = 100.0 * w.upper;
			}
		}
		return CXM_OK;
	}
	/* "ces" and "mean": the mean with a t interval */
	moments o = moments_of(x, rows, m);
	s->n = o.n;
	s->value = o.mean;
	if (interval && o.n >= 2) {
		double tc;
		if ((rc = cxm_t_crit(&tc, 0.95, o.n - 1.0)) < 0)
			return rc;
		s->lower = o.mean - tc * o.sd / sqrt(o.n);
		s->upper = o.mean + tc * o.sd / sqrt(o.n);
	}
	return CXM_OK;
}

/* The median of the values (not NaN) of x at rows[0..m), NaN under min_n values. */
static int median_of(double *out, const double *x, const size_t *rows, size_t m, size_t min_n)
{
	double *v;
	size_t i, n = 0;
	int rc;
	*out = NAN;
	for (i = 0; i < m; i++)
		n += !isnan(x[rows[i]]);
	if (n < min_n || n == 0)
		return CXM_OK;
	if ((rc = cxm__alloc_array(&v, n, sizeof *v, "a median's values")) < 0)
		return rc;
	for (i = 0, n = 0; i < m; i++)
		if (!isnan(x[rows[i]]))
			v[n++] = x[rows[i]];
	rc = cxm_quantile7(out, v, n, 0.5, CXM_NAN_ERROR);
	cxm__free(v);
	return rc;
}

typedef struct score_col {
	size_t col;
	const char *name, *kind;
	int lo, hi;
} score_col;

int cxm__persona_behaviour(cxm_persona_set *set, const cxm_table *t, const cxm__roles *r, const uint32_t *seg,
			   size_t n_rows, const cxm_persona_opts *opts)
{
	score_col sc[3 + 64];
	score_col *cols = sc;
	size_t n_sc = 0, i, j, p, k = set->n_personas, *start = NULL, *rows = NULL, *pop = NULL, n_pop = 0;
	int rc;
	if (r->col[CXM_PERSONA_ROLE_NPS] != SIZE_MAX)
		sc[n_sc++] = (score_col){ r->col[CXM_PERSONA_ROLE_NPS], "nps", "nps", 0, 10 };
	if (r->col[CXM_PERSONA_ROLE_CSAT] != SIZE_MAX)
		sc[n_sc++] = (score_col){ r->col[CXM_PERSONA_ROLE_CSAT], "csat", "csat", opts->csat_lo, opts->csat_hi };
	if (r->col[CXM_PERSONA_ROLE_CES] != SIZE_MAX)
		sc[n_sc++] = (score_col){ r->col[CXM_PERSONA_ROLE_CES], "ces", "ces", opts->ces_lo, opts->ces_hi };
	if (n_sc + r->n_scores > sizeof sc / sizeof *sc &&
	    (rc = cxm__alloc_array(&cols, n_sc + r->n_scores, sizeof *cols, "the score columns")) < 0)
		return rc;
	if (cols != sc)
		memcpy(cols, sc, n_sc * sizeof *cols);
	for (j = 0; j < r->n_scores; j++)
		cols[n_sc++] = (score_col){ r->scores[j], cxm_table_column_name(t, r->scores[j]), "mean", opts->score_lo,
					     opts->score_hi };
	/* rows bucketed by persona (row order within each), and the population's rows */
	if ((rc = cxm__alloc_array(&start, k + 1, sizeof *start, "the personas' rows")) < 0 ||
	    (rc = cxm__alloc_array(&rows, n_rows ? n_rows : 1, sizeof *rows, "the personas' rows")) < 0 ||
	    (rc = cxm__alloc_array(&pop, n_rows ? n_rows : 1, sizeof *pop, "the population's rows")) < 0)
		goto done;
	memset(start, 0, (k + 1) * sizeof *start);
	for (i = 0; i < n_rows; i++)
		if (seg[i] != UINT32_MAX) {
			start[seg[i] + 1]++;
			pop[n_pop++] = i;
		}
	for (p = 0; p < k; p++)
		start[p + 1] += start[p];
	{
		size_t *fill = NULL;
		if ((rc = cxm__alloc_array(&fill, k ? k : 1, sizeof *fill, "the personas' rows")) < 0)
			goto done;
		for (p = 0; p < k; p++)
			fill[p] = start[p];
		for (i = 0; i < n_rows; i++)
			if (seg[i] != UINT32_MAX)
				rows[fill[seg[i]]++] = i;
		cxm__free(fill);
	}
	for (p = 0; p < k; p++) {
		cxm__persona *ps = &set->personas[p];
		const size_t *pr = rows + start[p];
		size_t m = start[p + 1] - start[p];
		if (ps->suppressed)
			continue;
		if (n_sc > 0) {
			if ((ps->scores = CXM__PERSONA_NEW(set, cxm__score, n_sc)) == NULL) {
				rc = cxm__fail(CXM_ENOMEM, "out of memory for a persona's scores");
				goto done;
			}
			ps->n_scores = n_sc;
		}
		for (j = 0; j < n_sc; j++) {
			cxm__score *s = &ps->scores[j], pop_s;
			const double *x = cxm_table_numbers(t, cols[j].col);
			if ((s->name = cxm__persona_strdup(set, cols[j].name)) == NULL ||
			    (s->kind = cxm__persona_strdup(set, cols[j].kind)) == NULL) {
				rc = cxm__fail(CXM_ENOMEM, "out of memory for a persona's scores");
				goto done;
			}
			s->scale_lo = cols[j].lo;
			s->scale_hi = cols[j].hi;
			pop_s = *s;
			if ((rc = score_value(s, x, pr, m, 1)) < 0 || (rc = score_value(&pop_s, x, pop, n_pop, 0)) < 0)
				goto done;
			s->population_value = pop_s.n >= (double)opts->min_n ? pop_s.value : NAN;
			if (s->n < (double)opts->min_n) {
				s->withheld = 1;
				s->n = s->value = s->lower = s->upper = NAN;
			}
		}
		if (r->col[CXM_PERSONA_ROLE_CLV] != SIZE_MAX) {
			const double *x = cxm_table_numbers(t, r->col[CXM_PERSONA_ROLE_CLV]);
			moments o = moments_of(x, pr, m);
			ps->clv_mean = o.n >= (double)opts->min_n && o.n > 0 ? o.mean : NAN;
			if ((rc = median_of(&ps->clv_median, x, pr, m, opts->min_n)) < 0)
				goto done;
		}
	}
	rc = CXM_OK;
done:
	if (cols != sc)
		cxm__free(cols);
	cxm__free(start);
	cxm__free(rows);
	cxm__free(pop);
	return rc;
}
