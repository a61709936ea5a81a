/*
 * lib/persona/build_internal.h - what the files of cxm_persona_build share
 * (roles.c, build.c, behaviour.c, autoseg.c): the roles of a table's
 * columns, the behaviour scores and the automatic segments (spec §15.1,
 * §15.2).
 */
#ifndef CXM_PERSONA_BUILD_INTERNAL_H
#define CXM_PERSONA_BUILD_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "persona_internal.h"

/* role_of[] of a column that is an attribute without a role, and of one not used */
#define CXM__ROLE_ATTRIBUTE (-1)
#define CXM__ROLE_UNUSED (-2)

/* The roles of a table's columns (cxm__persona_roles). */
typedef struct cxm__roles {
	size_t col[CXM__PERSONA_ONE_ROLES]; /* the column of each single-column role, SIZE_MAX: none */
	size_t *scores;                     /* SCORE columns, in the options' order */
	size_t n_scores;
	int *role_of;                       /* per column: a cxm_persona_role, CXM__ROLE_ATTRIBUTE or _UNUSED */
	size_t n_cols;
} cxm__roles;

/**
 * roles.c: the role of every column of t: the options' roles first (a
 * missing column: BAD_ARG naming the table's columns; a column of the wrong
 * type, or one column with two roles: BAD_ARG), then, when auto_roles, the
 * roles still unset recognised by name (spec §15.1; a recognised column of
 * the wrong type keeps no role), then every other column but a DAY column
 * is an attribute. NOMEM.
 */
int cxm__persona_roles(cxm__roles *r, const cxm_table *t, const cxm_persona_opts *opts);

void cxm__persona_roles_free(cxm__roles *r);

/** 1 when a column of this role (or CXM__ROLE_ATTRIBUTE) is an attribute of the demographics. */
int cxm__persona_role_is_attribute(int role);

/**
 * behaviour.c: check the answers of the NPS, CSAT, CES and SCORE columns
 * (whole numbers on their scales; NaN is no answer), the amounts (finite,
 * >= 0), the CLV (not infinite) and the ages (0..130, also reference_year -
 * birth year): OUT_OF_RANGE or NAN naming row (1-based), column and value.
 */
int cxm__persona_check_values(const cxm_table *t, const cxm__roles *r, int reference_year,
			      const cxm_persona_opts *opts);

/**
 * behaviour.c: each shown persona's scores (NPS with the adjusted Wald 95%
 * interval, CSAT % satisfied with Wilson's, CES and SCORE means with t
 * intervals; withheld under min_n answers) next to the population's, and its
 * CLV mean and median (NaN under min_n values). seg[row] is the persona of a
 * row or UINT32_MAX outside the population. NOMEM.
 */
int cxm__persona_behaviour(cxm_persona_set *set, const cxm_table *t, const cxm__roles *r, const uint32_t *seg,
			   size_t n_rows, const cxm_persona_opts *opts);

/**
 * autoseg.c: segments from k-prototypes (k-means without a categorical
 * attribute; k-modes without a numeric one) on the attributes, k = 2 ..
 * min(k_max, rows / min_n) by silhouette: labels[row] in 0 .. *k - 1,
 * *method "kprototypes" or "kmeans" (static), *quality the silhouette.
 * EMPTY (no attribute to cluster on), the clustering's errors, NOMEM.
 */
int cxm__persona_autoseg(uint32_t *labels, size_t *k, const char **method, double *quality, const cxm_table *t,
			 const cxm__roles *r, const cxm_persona_opts *opts);

#endif
