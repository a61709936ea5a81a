/*
 * lib/persona/match_internal.h - what the matching and the Persona
 * Perception Scale files (assignment.c, match.c, pps.c) give their tests.
 */
#ifndef CXM_PERSONA_MATCH_INTERNAL_H
#define CXM_PERSONA_MATCH_INTERNAL_H

#include <stddef.h>

/**
 * pps.c: Feldt's (1965) interval of Cronbach's alpha at level conf in (0, 1)
 * from n respondents and k items (spec §15.10): (1 - alpha) / (1 - A) is
 * taken as F with n - 1 and (n - 1)(k - 1) degrees of freedom, so
 *   lower = 1 - (1 - alpha) F_{(1 + conf) / 2},  upper = 1 - (1 - alpha) F_{(1 - conf) / 2}
 * (Feldt, Woodruff & Salih 1987, formulas 6 and 7). Both NaN when alpha is
 * NaN, n < 2 or k < 2.
 */
void cxm__feldt_interval(double *lower, double *upper, double alpha, size_t n, size_t k, double conf);

#endif
