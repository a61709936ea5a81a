/*
 * lib/persona/profile_internal.h - what profile.c, identifiers.c and
 * privacy.c share (spec §15.2 demographics and identifiers, §15.5 privacy).
 * Never installed.
 */
#ifndef CXM_PROFILE_INTERNAL_H
#define CXM_PROFILE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "persona_internal.h"

/* ---- privacy.c ----------------------------------------------------------------------------- */

/**
 * Withhold the cells of one categorical attribute over the whole set
 * (spec §15.5): count[s * n_levels + l] is segment s's count of level l
 * (n_seg segments), pop[l] the population's (the column sums). flags
 * (n_seg x n_levels) and pop_flags (n_levels) receive CXM__WITHHELD_* bits
 * (they start at 0). Levels with skip[l] set (missing values, or no
 * customer at all) take no part and stay 0. The rules, to a fixed point: a
 * cell under min_n is withheld (SMALL), in the population as in a segment;
 * a level with a withheld segment cell of more than 0 customers is
 * withheld in the population (SECONDARY); while the population's withheld
 * cells add up to more than 0 and less than min_n, its smallest shown cell
 * (ties: the last) is withheld (SECONDARY); every segment cell of a level
 * withheld in the population is withheld (POPULATION); while a segment's
 * withheld cells add up to more than 0 and less than min_n, its smallest
 * shown cell (ties: the last) is withheld (SECONDARY). So a level is shown
 * in the population and every segment or withheld in all of them (cells of
 * 0 customers apart), and what the shown numbers determine of the withheld
 * cells is sums of whole segments' withheld cells.
 */
void cxm__persona_withhold_table(int *flags, int *pop_flags, const double *count, const double *pop,
				 const unsigned char *skip, size_t n_seg, size_t n_levels, size_t min_n);

/**
 * The numeric counterpart (spec §15.5): n[s] the segment's non-missing
 * values; withheld[s] (start 0) is set where n[s] < min_n, then while the
 * withheld segments' values add up to more than 0 and less than min_n, or
 * one segment alone of more than 0 values is withheld, the shown segment of
 * fewest values (ties: the last) is withheld too.
 */
void cxm__persona_withhold_numeric(unsigned char *withheld, const double *n, size_t n_seg, size_t min_n);

/* ---- identifiers.c ------------------------------------------------------------------------- */

/* One test of a segment against the rest (a level or a numeric attribute). */
typedef struct cxm__ptest {
	uint32_t persona;         /* index in the set */
	uint32_t attribute;       /* position among the set's attributes (cols order) */
	uint32_t position;        /* the level's place in the demographics' levels (0 numeric) */
	int numeric;
	const char *attribute_name, *value; /* borrowed: the set's arena or static */
	double share, population_share, lift, difference, std_difference, p_value, q_value;
} cxm__ptest;

typedef struct cxm__ptests {
	cxm__ptest *t;
	size_t n, cap;
} cxm__ptests;

/** Append a copy of *t. NOMEM. */
int cxm__ptests_push(cxm__ptests *tests, const cxm__ptest *t);
void cxm__ptests_free(cxm__ptests *tests);

/**
 * Fill t's numbers for a level: c of the segment's n_s non-missing values
 * have it, pop of the population's n_pop. Returns 0 when no test is
 * defined (the rest is empty, every value the same), 1 otherwise.
 */
int cxm__ptest_level(cxm__ptest *t, double c, double n_s, double pop, double n_pop);

/**
 * Fill t's numbers for a numeric attribute: the segment's mean, variance
 * and n; the rest's (the population without the segment); the
 * population's mean. Returns 0 when no test is defined (n < 2 on a side,
 * both variances 0), 1 otherwise.
 */
int cxm__ptest_numeric(cxm__ptest *t, double m_s, double v_s, double n_s, double m_r, double v_r, double n_r,
		       double m_pop);

/** Benjamini-Hochberg q-values of every test (over all of them), then each persona's
 * identifiers: q <= fdr, by |std_difference| desc (ties: attribute, position), at most
 * `most`. NOMEM. */
int cxm__persona_identify(cxm_persona_set *set, cxm__ptests *tests, double fdr, size_t most);

/** P(|T| >= |t|) for Student t with real df > 0. */
double cxm__t_two_sided(double t, double df);

#endif
