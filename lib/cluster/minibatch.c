/*
 * lib/cluster/minibatch.c - mini-batch k-means (Sculley 2010) as
 * scikit-learn's MiniBatchKMeans updates centres (spec §14.1): each step
 * draws batch_size rows uniformly with replacement (seeded), labels them
 * with the nearest centre, and moves each centre to the running mean of
 * every row it has been given so far (c_j <- (c_j w_j + sum of its batch
 * rows) / (w_j + its batch count)). It stops when the squared centre shift
 * of a step is at most the tolerance, or when the exponentially weighted
 * mean of the batch inertia (weight 2 x batch / (rows + 1)) has not improved
 * for 10 steps (scikit-learn's max_no_improvement), or after max_iterations
 * passes' worth of batches (max_iterations x rows / batch_size steps). Then
 * every row is labelled once with the final centres (labels, sizes,
 * inertia). No low-count centre is reassigned (scikit-learn's
 * reassignment_ratio is not offered). The steps run on one thread (a batch
 * is small); the final labelling uses the threads of the options.
 */
#include <math.h>
#include <string.h>
#include "internal.h"
#include "rng.h"
#include "cluster_internal.h"

/* The streams of the batches (one per run): apart from the k-means++ streams (0, 1, ... per run). */
#define BATCH_STREAM 0x6d696e6962617463ULL
#define MAX_NO_IMPROVEMENT 10
#define BLOCK 256

int cxm__kmeans_minibatch(double *centres, uint32_t *labels, double *sizes, double *inertia,
			  unsigned int *iterations, unsigned int *converged, const double *x, size_t n, size_t p,
			  size_t k, double tol_abs, const cxm_cluster_opts *opts, unsigned threads, uint64_t run)
{
	size_t batch = opts->batch_size < n ? opts->batch_size : n, step, steps, i, j, f, report;
	double *weights = NULL, *sums = NULL, *counts, *rows_buf = NULL, ewa = NAN, ewa_min = INFINITY;
	double alpha = 2.0 * (double)batch / ((double)n + 1.0);
	uint32_t lab[BLOCK];
	double dist[BLOCK];
	unsigned no_improvement = 0;
	cxm__kcentres kc;
	cxm__rng rng;
	int rc;
	if (alpha > 1.0)
		alpha = 1.0;
	steps = (size_t)((double)opts->max_iterations * (double)n / (double)batch);
	if (steps < 1)
		steps = 1;
	report = n / batch ? n / batch : 1; /* progress once per pass's worth of batches */
	*converged = 0;
	if ((rc = cxm__alloc_array(&weights, k, sizeof *weights, "mini-batch weights")) < 0)
		return rc;
	if ((rc = cxm__alloc_array(&sums, k * p + k, sizeof *sums, "mini-batch sums")) < 0 ||
	    (rc = cxm__alloc_array(&rows_buf, BLOCK * p, sizeof *rows_buf, "mini-batch rows")) < 0 ||
	    (rc = cxm__kcentres_init(&kc, centres, k, p)) < 0) {
		cxm__free(weights);
		cxm__free(sums);
		cxm__free(rows_buf);
		return rc;
	}
	counts = sums + k * p;
	memset(weights, 0, k * sizeof *weights);
	cxm__rng_init(&rng, opts->seed, BATCH_STREAM + run);
	for (step = 0; step < steps; step++) {
		double batch_inertia = 0.0, shift = 0.0;
		size_t done;
		memset(sums, 0, (k * p + k) * sizeof *sums);
		for (done = 0; done < batch; done += BLOCK) {
			size_t m = batch - done < BLOCK ? batch - done : BLOCK;
			for (i = 0; i < m; i++)
				memcpy(rows_buf + i * p, x + (size_t)cxm__rng_below(&rng, n) * p, p * sizeof *rows_buf);
			cxm__kcentres_nearest(lab, dist, rows_buf, m, &kc);
			for (i = 0; i < m; i++) {
				const double *r = rows_buf + i * p;
				double *s = sums + (size_t)lab[i] * p;
				batch_inertia += dist[i];
				counts[lab[i]] += 1.0;
				for (f = 0; f < p; f++)
					s[f] += r[f];
			}
		}
		for (j = 0; j < k; j++) {
			double w;
			if (counts[j] == 0.0)
				continue;
			w = weights[j] + counts[j];
			for (f = 0; f < p; f++) {
				double old = centres[j * p + f], v = (old * weights[j] + sums[j * p + f]) / w, d = v - old;
				centres[j * p + f] = v;
				shift += d * d;
			}
			weights[j] = w;
		}
		cxm__kcentres_load(&kc, centres);
		batch_inertia /= (double)batch;
		if (opts->progress && ((step + 1) % report == 0 || step + 1 == steps) &&
		    opts->progress(opts->progress_user, step + 1, steps, batch_inertia * (double)n) != 0) {
			rc = cxm__fail(CXM_ECANCELLED, "mini-batch k-means cancelled by the progress callback at step %zu",
				       step + 1);
			goto done;
		}
		if (step == 0) { /* the first batch's centres are mostly the initial ones */
			ewa = batch_inertia;
			continue;
		}
		if (tol_abs > 0.0 && shift <= tol_abs) {
			*converged = 1;
			step++;
			break;
		}
		ewa = ewa * (1.0 - alpha) + batch_inertia * alpha;
		if (ewa < ewa_min) {
			no_improvement = 0;
			ewa_min = ewa;
		} else if (++no_improvement >= MAX_NO_IMPROVEMENT) {
			*converged = 1;
			step++;
			break;
		}
	}
	*iterations = (unsigned int)(step < 4294967295u ? step : 4294967295u);
	rc = cxm__kmeans_label_all(labels, sizes, inertia, x, n, &kc, centres, threads);
done:
	cxm__kcentres_free(&kc);
	cxm__free(weights);
	cxm__free(sums);
	cxm__free(rows_buf);
	return rc;
}
