/*
 * lib/scores/acc_counts.c - an accumulator filled from per-point counts (the
 * survey report's histograms, merged across threads), so that its results
 * come through the same kernels as every other entry point.
 *
 * The accumulator's counts are private to acc.c; this file reaches them
 * through the public merge: `count` copies of one answer are built by
 * doubling (binary powers of a one-answer accumulator), O(log count) merges
 * instead of count additions.
 */
#include "scores_internal.h"

int cxm__score_acc_add_count(cxm_score_acc *acc, int lo, int hi, int score, uint64_t count)
{
	cxm_score_acc *power = NULL, *copy = NULL;
	double one = (double)score;
	int rc;
	if (count == 0)
		return CXM_OK;
	if (count == 1)
		return cxm_score_acc_add(acc, &one, 1, CXM_NAN_ERROR);
	/* the powers are on acc's scale (merge refuses another; the add checks the answer) */
	if ((rc = cxm_score_acc_new(&power, lo, hi)) < 0 ||
	    (rc = cxm_score_acc_new(&copy, lo, hi)) < 0 || (rc = cxm_score_acc_add(power, &one, 1, CXM_NAN_ERROR)) < 0)
		goto done;
	for (;;) {
		if ((count & 1) && (rc = cxm_score_acc_merge(acc, power)) < 0)
			goto done;
		count >>= 1;
		if (count == 0)
			break;
		/* power += power, through a copy: merge never reads what it writes */
		if ((rc = cxm_score_acc_reset(copy)) < 0 || (rc = cxm_score_acc_merge(copy, power)) < 0 ||
		    (rc = cxm_score_acc_merge(power, copy)) < 0)
			goto done;
	}
done:
	cxm_score_acc_free(power);
	cxm_score_acc_free(copy);
	return rc;
}
