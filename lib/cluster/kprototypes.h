/*
 * lib/cluster/kprototypes.h - what kprototypes.c and kprototypes_init.c share
 * (spec §14.2). The dissimilarity itself, which assign.c also uses, is in
 * cluster_internal.h.
 */
#ifndef CXM_KPROTOTYPES_H
#define CXM_KPROTOTYPES_H

#include <stddef.h>
#include <stdint.h>
#include "rng.h"

/** Mixed data as a fit reads it: rows x p doubles and rows x m codes, row-major. */
typedef struct cxm__kp_data {
	const double *x;        /* NULL when p = 0 */
	const uint32_t *codes;
	size_t rows, p, m;
	double gamma;
} cxm__kp_data;

/** 1 when rows i and j of d are equal in every column (numbers by ==). */
int cxm__kp_rows_equal(const cxm__kp_data *d, size_t i, size_t j);

/**
 * 1 when d has at least k distinct rows, 0 when it has fewer (their number
 * into *distinct). Greedy: each row is compared with the distinct rows found
 * so far, and the scan stops at the k-th; at most rows x k row comparisons.
 * CXM_ENOMEM (negative) when the list cannot be allocated.
 */
int cxm__kp_distinct_at_least(const cxm__kp_data *d, size_t k, size_t *distinct);

/**
 * Huang's frequency-based initial prototypes, made data rows (spec §14.2):
 * for prototype i = 0 .. k - 1 and each column (numeric first), the value of
 * a row drawn uniformly from rng (so each value with its frequency); then
 * prototype i becomes the row nearest that draw under the k-prototypes
 * dissimilarity (lowest row on ties) among the rows equal to no earlier
 * prototype. d must have at least k distinct rows. centres: k x p, modes:
 * k x m.
 */
void cxm__kp_init_huang(double *centres, uint32_t *modes, const cxm__kp_data *d, size_t k, cxm__rng *rng);

#endif
