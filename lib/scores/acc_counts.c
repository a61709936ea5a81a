/*
 * lib/scores/acc_counts.c - an accumulator filled from per-point counts (the
 * survey report's histograms, merged across threads), so that its results
 * come through the same kernels as every other entry point.
 */
#include "scores_internal.h"

#define REPEAT 1024

int cxm__score_acc_add_count(cxm_score_acc *acc, int score, uint64_t count)
{
	double batch[REPEAT];
	size_t i;
	int rc;
	for (i = 0; i < REPEAT; i++)
		batch[i] = (double)score;
	while (count > 0) {
		size_t n = count > REPEAT ? REPEAT : (size_t)count;
		if ((rc = cxm_score_acc_add(acc, batch, n, CXM_NAN_ERROR)) < 0)
			return rc;
		count -= n;
	}
	return CXM_OK;
}
