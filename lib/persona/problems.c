/*
 * lib/persona/problems.c - problems from scores (spec §15.4): the touchpoints
 * (SCORE columns) a persona rates clearly below the population.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "internal.h"
#include "persona_internal.h"

#define MAX_SCORE_PROBLEMS 3

/* How far below the population a score is, in scale units (fractions of the
 * scale's range; raw points when the scale is unknown). */
static double gap(const cxm__score *s)
{
	double d = s->population_value - s->value;
	if (isfinite(s->scale_lo) && isfinite(s->scale_hi) && s->scale_hi > s->scale_lo)
		d /= s->scale_hi - s->scale_lo;
	return d;
}

int cxm__persona_score_problems(cxm_persona_set *set, cxm__persona *p)
{
	size_t pick[MAX_SCORE_PROBLEMS], n_pick = 0, i, j, m;
	cxm__statement *grown;
	if (p->suppressed)
		return CXM_OK;
	/* the (at most 3) largest gaps among the qualifying scores, ties by score order */
	for (i = 0; i < p->n_scores; i++) {
		const cxm__score *s = &p->scores[i];
		double g;
		if (s->withheld || !s->kind || strcmp(s->kind, "mean") != 0 || !isfinite(s->value) ||
		    !isfinite(s->upper) || !isfinite(s->population_value) || !(s->upper < s->population_value))
			continue;
		g = gap(s);
		for (j = n_pick; j > 0 && gap(&p->scores[pick[j - 1]]) < g; j--)
			if (j < MAX_SCORE_PROBLEMS)
				pick[j] = pick[j - 1];
		if (j < MAX_SCORE_PROBLEMS) {
			pick[j] = i;
			if (n_pick < MAX_SCORE_PROBLEMS)
				n_pick++;
		}
	}
	if (n_pick == 0)
		return CXM_OK;
	if (!(grown = CXM__PERSONA_NEW(set, cxm__statement, p->n_problems + n_pick)))
		return cxm__fail(CXM_ENOMEM, "no memory for a persona's problems");
	if (p->n_problems)
		memcpy(grown, p->problems, p->n_problems * sizeof *grown);
	m = p->n_problems;
	for (i = 0; i < n_pick; i++) {
		const cxm__score *s = &p->scores[pick[i]];
		char text[600], source[300], scale[80] = "";
		int len;
		if (isfinite(s->scale_lo) && isfinite(s->scale_hi))
			cxm__snprintf_c(scale, sizeof scale, " on a %g-%g scale", s->scale_lo, s->scale_hi);
		len = cxm__snprintf_c(text, sizeof text, "%s is rated low: %.2f (95%% interval %.2f to %.2f) against %.2f for "
			       "all customers%s", s->name, s->value, s->lower, s->upper, s->population_value, scale);
		cxm__snprintf_c(source, sizeof source, "score:%s", s->name);
		if (len < 0 || (size_t)len >= sizeof text || strlen(s->name) + 6 >= sizeof source)
			return cxm__fail(CXM_EBAD_ARG, "the score column name is too long (%zu bytes)", strlen(s->name));
		for (j = 0; j < m; j++)
			if (strcmp(grown[j].text, text) == 0)
				break;
		if (j < m)
			continue;
		if (!(grown[m].text = cxm__persona_strdup(set, text)) ||
		    !(grown[m].source = cxm__persona_strdup(set, source)))
			return cxm__fail(CXM_ENOMEM, "no memory for a persona's problems");
		m++;
	}
	p->problems = grown;
	p->n_problems = m;
	return CXM_OK;
}
