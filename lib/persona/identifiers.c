/*
 * lib/persona/identifiers.c - the values that set a segment apart (spec
 * §15.2): per level the two-proportion z test of the segment against the
 * rest of the population and Austin's (2009) standardised difference, per
 * numeric attribute Welch's t test and the standardised difference of the
 * means, Benjamini and Hochberg's (1995) q-values over every test of the
 * set, and each persona's ranking.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "special.h"
#include "profile_internal.h"

/* ---- the t distribution for a real number of degrees of freedom ------------------------------ */

double cxm__t_two_sided(double t, double df)
{
	double t2;
	if (isnan(t) || isnan(df) || df <= 0.0)
		return NAN;
	if (isinf(t))
		return 0.0;
	t2 = t * t;
	/* P(|T| >= |t|) = I_{df / (df + t^2)}(df / 2, 1 / 2) */
	return cxm__betainc_xy(df / 2.0, 0.5, df / (df + t2), t2 / (df + t2));
}

/* ---- the tests -------------------------------------------------------------------------------- */

int cxm__ptests_push(cxm__ptests *tests, const cxm__ptest *t)
{
	if (tests->n == tests->cap) {
		size_t cap = tests->cap ? tests->cap * 2 : 256;
		cxm__ptest *nt = cap <= SIZE_MAX / sizeof *nt ? cxm__realloc(tests->t, cap * sizeof *nt) : NULL;
		if (!nt)
			return cxm__fail(CXM_ENOMEM, "out of memory for %zu identifier tests", cap);
		tests->t = nt;
		tests->cap = cap;
	}
	tests->t[tests->n++] = *t;
	return CXM_OK;
}

void cxm__ptests_free(cxm__ptests *tests)
{
	cxm__free(tests->t);
	tests->t = NULL;
	tests->n = tests->cap = 0;
}

int cxm__ptest_level(cxm__ptest *t, double c, double n_s, double pop, double n_pop)
{
	double n_r = n_pop - n_s, ps, pr, pooled, v, z;
	if (n_s <= 0.0 || n_r <= 0.0)
		return 0;
	ps = c / n_s;
	pr = (pop - c) / n_r;
	pooled = pop / n_pop;
	if (pooled <= 0.0 || pooled >= 1.0)
		return 0;
	t->numeric = 0;
	t->share = 100.0 * c / n_s;
	t->population_share = 100.0 * pop / n_pop;
	t->lift = t->share / t->population_share;
	t->difference = t->share - t->population_share;
	/* Austin (2009), binary variables: (p_s - p_r) / sqrt((p_s (1 - p_s) + p_r (1 - p_r)) / 2);
	   infinite when the level separates the segment from the rest exactly */
	v = (ps * (1.0 - ps) + pr * (1.0 - pr)) / 2.0;
	t->std_difference = v > 0.0 ? (ps - pr) / sqrt(v) : copysign(INFINITY, ps - pr);
	z = (ps - pr) / sqrt(pooled * (1.0 - pooled) * (1.0 / n_s + 1.0 / n_r));
	t->p_value = cxm_p_two_sided(z);
	t->q_value = NAN;
	return 1;
}

int cxm__ptest_numeric(cxm__ptest *t, double m_s, double v_s, double n_s, double m_r, double v_r, double n_r,
		       double m_pop)
{
	double se2, a, b, df;
	if (n_s < 2.0 || n_r < 2.0 || !isfinite(v_s) || !isfinite(v_r))
		return 0;
	a = v_s / n_s;
	b = v_r / n_r;
	se2 = a + b;
	if (se2 <= 0.0 && m_s == m_r)
		return 0;
	t->numeric = 1;
	t->value = m_s > m_r ? "higher" : "lower";
	t->share = m_s;
	t->population_share = m_pop;
	t->lift = m_pop != 0.0 ? m_s / m_pop : NAN;
	t->difference = m_s - m_pop;
	t->std_difference = v_s + v_r > 0.0 ? (m_s - m_r) / sqrt((v_s + v_r) / 2.0) : copysign(INFINITY, m_s - m_r);
	if (se2 <= 0.0) {
		t->p_value = 0.0;
	} else {
		/* Welch (1947), Satterthwaite's degrees of freedom */
		df = se2 * se2 / (a * a / (n_s - 1.0) + b * b / (n_r - 1.0));
		t->p_value = cxm__t_two_sided((m_s - m_r) / sqrt(se2), df);
	}
	t->q_value = NAN;
	return 1;
}

/* ---- Benjamini-Hochberg and the ranking -------------------------------------------------------- */

/* |std_difference| to 9 decimals: the two levels of a binary attribute mirror each other and
   differ only by rounding, so they tie and fall to attribute and level order. */
static double rank_key(double d)
{
	return isinf(d) ? INFINITY : nearbyint(fabs(d) * 1e9);
}

static int by_rank(const void *a, const void *b)
{
	const cxm__ptest *x = a, *y = b;
	double sx = rank_key(x->std_difference), sy = rank_key(y->std_difference);
	if (x->persona != y->persona)
		return x->persona < y->persona ? -1 : 1;
	if (sx != sy)
		return sx > sy ? -1 : 1;
	if (x->attribute != y->attribute)
		return x->attribute < y->attribute ? -1 : 1;
	return x->position < y->position ? -1 : x->position > y->position;
}

/* Indices by ascending p, ties in index order (a stable merge sort). */
static void sort_by_p(size_t *idx, size_t *tmp, size_t n, const cxm__ptest *t)
{
	size_t h, i, j, k;
	if (n < 2)
		return;
	h = n / 2;
	sort_by_p(idx, tmp, h, t);
	sort_by_p(idx + h, tmp, n - h, t);
	for (i = 0, j = h, k = 0; i < h && j < n;) {
		double pi = t[idx[i]].p_value, pj = t[idx[j]].p_value;
		tmp[k++] = (pj < pi) ? idx[j++] : idx[i++];
	}
	while (i < h)
		tmp[k++] = idx[i++];
	while (j < n)
		tmp[k++] = idx[j++];
	memcpy(idx, tmp, n * sizeof *idx);
}

int cxm__persona_identify(cxm_persona_set *set, cxm__ptests *tests, double fdr, size_t most)
{
	size_t m = tests->n, i, *idx = NULL, *tmp = NULL, kept = 0;
	cxm__ptest *t = tests->t;
	double run = 1.0;
	int st;
	if (m == 0)
		return CXM_OK;
	if ((st = cxm__alloc_array(&idx, m, sizeof *idx, "identifier order")) < 0 ||
	    (st = cxm__alloc_array(&tmp, m, sizeof *tmp, "identifier order")) < 0)
		goto done;
	for (i = 0; i < m; i++)
		idx[i] = i;
	sort_by_p(idx, tmp, m, t);
	/* q_(i) = min over j >= i of p_(j) m / j, at most 1 */
	for (i = m; i-- > 0;) {
		double q = t[idx[i]].p_value * (double)m / (double)(i + 1);
		if (q < run)
			run = q;
		t[idx[i]].q_value = run;
	}
	/* the kept tests to the front, then by persona and rank */
	for (i = 0; i < m; i++)
		if (t[i].q_value <= fdr)
			t[kept++] = t[i];
	qsort(t, kept, sizeof *t, by_rank);
	for (i = 0; i < kept;) {
		size_t j = i, n, r;
		cxm__persona *p = &set->personas[t[i].persona];
		while (j < kept && t[j].persona == t[i].persona)
			j++;
		n = j - i < most ? j - i : most;
		p->identifiers = CXM__PERSONA_NEW(set, cxm__identifier, n);
		if (!p->identifiers) {
			st = cxm__fail(CXM_ENOMEM, "out of memory for the identifiers of persona %s", p->id);
			goto done;
		}
		for (r = 0; r < n; r++) {
			const cxm__ptest *x = &t[i + r];
			cxm__identifier *d = &p->identifiers[r];
			d->attribute = cxm__persona_strdup(set, x->attribute_name);
			d->value = cxm__persona_strdup(set, x->value);
			if (!d->attribute || !d->value) {
				st = cxm__fail(CXM_ENOMEM, "out of memory for the identifiers of persona %s", p->id);
				goto done;
			}
			d->numeric = x->numeric;
			d->share = x->share;
			d->population_share = x->population_share;
			d->lift = x->lift;
			d->difference = x->difference;
			d->std_difference = x->std_difference;
			d->p_value = x->p_value;
			d->q_value = x->q_value;
		}
		p->n_identifiers = n;
		i = j;
	}
	st = CXM_OK;
done:
	cxm__free(idx);
	cxm__free(tmp);
	return st;
}
