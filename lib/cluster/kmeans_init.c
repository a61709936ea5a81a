/*
 * lib/cluster/kmeans_init.c - k-means++ seeding (Arthur & Vassilvitskii
 * 2007) in scikit-learn's greedy form (spec §14.1): the first centre is a
 * row drawn uniformly; each next one is the best of 2 + floor(ln k)
 * candidates drawn with probability proportional to the squared distance
 * to the nearest centre so far, "best" being the candidate that leaves the
 * smallest potential (sum of those distances). Random numbers come from
 * lib/core/rng.h (seed, stream), so the draws differ from scikit-learn's.
 *
 * The distances are kept per row (n doubles) and their sums per fixed chunk
 * of rows; a draw finds its chunk by the chunk sums, then its row inside the
 * chunk, so the rows drawn and the sums do not depend on the thread count.
 */
#include <math.h>
#include <string.h>
#include "internal.h"
#include "parallel.h"
#include "rng.h"
#include "cluster_internal.h"

#define MAX_TRIALS CXM__PP_MAX_TRIALS

struct pp {
	const double *x;
	size_t p;
	double *closest;     /* n: squared distance to the nearest centre so far */
	double *chunk_pot;   /* per chunk: the sum of closest over its rows */
	const double *cand;  /* t candidate rows (t x p), or the one new centre */
	size_t t;
	int update;          /* 1: closest = min(closest, d(new centre)) and chunk sums */
};

static void pp_chunk(double *acc, size_t begin, size_t end, void *ctx)
{
	const struct pp *s = ctx;
	size_t p = s->p;
	cxm__kmeans_pp_rows(acc, s->x + begin * p, end - begin, p, s->cand, s->t, s->closest + begin, s->update);
	if (s->update)
		s->chunk_pot[begin / CXM__CHUNK_ROWS] = acc[0];
}

/* The row of a draw r in [0, pot): the first row where the running sum of
 * closest passes r, found chunk by chunk. Rounding may leave r past the
 * last sum: then the last row with a positive distance. */
static size_t draw_row(const struct pp *s, size_t n, double r)
{
	size_t chunks = (n + CXM__CHUNK_ROWS - 1) / CXM__CHUNK_ROWS, c, i, last = n;
	double cum = 0.0;
	for (c = 0; c < chunks; c++) {
		size_t begin = c * CXM__CHUNK_ROWS, end = begin + CXM__CHUNK_ROWS < n ? begin + CXM__CHUNK_ROWS : n;
		if (s->chunk_pot[c] <= 0.0)
			continue;
		if (cum + s->chunk_pot[c] > r) {
			for (i = begin; i < end; i++) {
				if (s->closest[i] <= 0.0)
					continue;
				last = i;
				cum += s->closest[i];
				if (cum > r)
					return i;
			}
			return last;
		}
		cum += s->chunk_pot[c];
		for (i = end; i > begin; i--) {
			if (s->closest[i - 1] > 0.0) {
				last = i - 1;
				break;
			}
		}
	}
	return last;
}

int cxm__kmeans_plusplus(double *centres, const double *x, size_t n, size_t p, size_t k, uint64_t seed,
			 uint64_t stream, unsigned threads)
{
	struct pp s;
	cxm__rng rng;
	size_t chunks = (n + CXM__CHUNK_ROWS - 1) / CXM__CHUNK_ROWS, trials, c, j, i, first, ids[MAX_TRIALS];
	double *cand = NULL, pots[MAX_TRIALS], pot = 0.0;
	int rc;
	trials = 2 + (size_t)floor(log((double)k));
	if (trials > MAX_TRIALS)
		trials = MAX_TRIALS;
	s.x = x;
	s.p = p;
	s.closest = s.chunk_pot = NULL;
	if ((rc = cxm__alloc_array(&s.closest, n, sizeof *s.closest, "k-means++ distances")) < 0)
		return rc;
	if ((rc = cxm__alloc_array(&s.chunk_pot, chunks, sizeof *s.chunk_pot, "k-means++ sums")) < 0 ||
	    (rc = cxm__alloc_array(&cand, trials * p, sizeof *cand, "k-means++ candidates")) < 0)
		goto done;
	cxm__rng_init(&rng, seed, stream);
	first = (size_t)cxm__rng_below(&rng, n);
	memcpy(centres, x + first * p, p * sizeof *centres);
	for (i = 0; i < n; i++)
		s.closest[i] = INFINITY;
	s.cand = centres;
	s.t = 1;
	s.update = 1;
	if ((rc = cxm__parallel_sum(&pot, 1, n, pp_chunk, &s, threads)) < 0)
		goto done;
	for (c = 1; c < k; c++) {
		size_t bestj = 0;
		if (!(pot > 0.0)) {
			rc = cxm__fail(CXM_ETOO_FEW, "k is %zu but x has only %zu distinct rows", k, c);
			goto done;
		}
		for (j = 0; j < trials; j++) {
			ids[j] = draw_row(&s, n, cxm__rng_uniform(&rng) * pot);
			memcpy(cand + j * p, x + ids[j] * p, p * sizeof *cand);
		}
		s.cand = cand;
		s.t = trials;
		s.update = 0;
		if ((rc = cxm__parallel_sum(pots, trials, n, pp_chunk, &s, threads)) < 0)
			goto done;
		for (j = 1; j < trials; j++)
			if (pots[j] < pots[bestj])
				bestj = j;
		memcpy(centres + c * p, x + ids[bestj] * p, p * sizeof *centres);
		s.cand = centres + c * p;
		s.t = 1;
		s.update = 1;
		if ((rc = cxm__parallel_sum(&pot, 1, n, pp_chunk, &s, threads)) < 0)
			goto done;
	}
	rc = CXM_OK;
done:
	cxm__free(s.closest);
	cxm__free(s.chunk_pot);
	cxm__free(cand);
	return rc;
}
