/*
 * lib/cluster/kprototypes_init.c - the initial prototypes of k-prototypes:
 * Huang's frequency-based selection (Huang 1998, section 3.3, method 2),
 * with each drawn prototype replaced by the nearest distinct data row, and
 * the count of distinct rows a fit needs (spec §14.2).
 */
#include <float.h>
#include <string.h>
#include "internal.h"
#include "cluster_internal.h"
#include "kprototypes.h"

int cxm__kp_rows_equal(const cxm__kp_data *d, size_t i, size_t j)
{
	size_t l;
	const double *a = d->x + i * d->p, *b = d->x + j * d->p;
	const uint32_t *ca = d->codes + i * d->m, *cb = d->codes + j * d->m;
	for (l = 0; l < d->m; l++)
		if (ca[l] != cb[l])
			return 0;
	for (l = 0; l < d->p; l++)
		if (a[l] != b[l])
			return 0;
	return 1;
}

int cxm__kp_distinct_at_least(const cxm__kp_data *d, size_t k, size_t *distinct)
{
	size_t *found = NULL, n_found = 0, i, f;
	int rc;
	if (k == 0) {
		*distinct = 0;
		return 1;
	}
	if ((rc = cxm__alloc_array(&found, k, sizeof *found, "k-prototypes distinct rows")) != CXM_OK)
		return rc;
	for (i = 0; i < d->rows && n_found < k; i++) {
		for (f = 0; f < n_found; f++)
			if (cxm__kp_rows_equal(d, i, found[f]))
				break;
		if (f == n_found)
			found[n_found++] = i;
	}
	cxm__free(found);
	*distinct = n_found;
	return n_found >= k;
}

/* Row r equals one of the prototypes 0 .. n - 1. */
static int equals_prototype(const cxm__kp_data *d, size_t r, const double *centres, const uint32_t *modes, size_t n)
{
	size_t i, l;
	const double *x = d->x + r * d->p;
	const uint32_t *c = d->codes + r * d->m;
	for (i = 0; i < n; i++) {
		const double *ci = centres + i * d->p;
		const uint32_t *mi = modes + i * d->m;
		for (l = 0; l < d->m && c[l] == mi[l]; l++)
			;
		if (l < d->m)
			continue;
		for (l = 0; l < d->p && x[l] == ci[l]; l++)
			;
		if (l == d->p)
			return 1;
	}
	return 0;
}

void cxm__kp_init_huang(double *centres, uint32_t *modes, const cxm__kp_data *d, size_t k, cxm__rng *rng)
{
	size_t i, l, r;
	/* the draws: each value with its frequency among the rows */
	for (i = 0; i < k; i++) {
		for (l = 0; l < d->p; l++)
			centres[i * d->p + l] = d->x[(size_t)cxm__rng_below(rng, d->rows) * d->p + l];
		for (l = 0; l < d->m; l++)
			modes[i * d->m + l] = d->codes[(size_t)cxm__rng_below(rng, d->rows) * d->m + l];
	}
	/* each draw becomes the nearest row that is no earlier prototype */
	for (i = 0; i < k; i++) {
		double best = DBL_MAX, cost;
		size_t best_row = d->rows;
		for (r = 0; r < d->rows; r++) {
			cxm__kproto_dissim(&cost, d->x + r * d->p, d->codes + r * d->m, centres + i * d->p,
					   modes + i * d->m, 1, d->p, d->m, d->gamma);
			if ((cost < best || best_row == d->rows) && !equals_prototype(d, r, centres, modes, i)) {
				best = cost;
				best_row = r;
			}
		}
		/* at least k distinct rows (checked by the fit): best_row is a row */
		if (d->p)
			memcpy(centres + i * d->p, d->x + best_row * d->p, d->p * sizeof *centres);
		memcpy(modes + i * d->m, d->codes + best_row * d->m, d->m * sizeof *modes);
	}
}
