/*
 * examples/c/score_answers.c - NPS with intervals, CSAT and CES from arrays,
 * and an accumulator merged across two batches.
 *
 *   cc score_answers.c $(pkg-config --cflags --libs cxmetrics) -o score_answers
 */
#include <stdio.h>
#include <cxmetrics.h>

static int fail(const char *what)
{
	fprintf(stderr, "%s: %s\n", what, cxm_error_last()->message);
	return 1;
}

int main(void)
{
	/* likelihood-to-recommend answers, 0..10 */
	const double nps_answers[] = { 10, 9, 9, 8, 7, 10, 6, 3, 9, 10, 8, 9 };
	/* satisfaction, 1..5 */
	const double csat_answers[] = { 5, 4, 4, 3, 5, 2, 5, 4 };
	/* "The company made it easy for me to handle my issue", 1..7 */
	const double ces_answers[] = { 7, 6, 5, 4, 7, 2, 6 };
	cxm_nps_result nps = CXM_NPS_RESULT_INIT;
	cxm_nps_ci ci = CXM_NPS_CI_INIT;
	cxm_csat_result csat = CXM_CSAT_RESULT_INIT;
	cxm_ces_result ces = CXM_CES_RESULT_INIT;
	cxm_score_acc *acc = NULL, *batch = NULL;
	const double bad[] = { 9, 11 };

	if (cxm_nps(&nps, nps_answers, 12, CXM_NPS_0_10, CXM_NAN_ERROR) < 0)
		return fail("nps");
	if (cxm_nps_adjusted_wald(&ci, (double)nps.promoters, (double)nps.passives,
				  (double)nps.detractors, 0.95, CXM_Z_FROM_CONF) < 0)
		return fail("nps interval");
	printf("NPS %.1f (%zu promoters, %zu passives, %zu detractors), 95%% CI %.1f .. %.1f\n",
	       nps.nps, nps.promoters, nps.passives, nps.detractors, ci.lower, ci.upper);

	if (cxm_csat(&csat, csat_answers, 8, 1, 5, CXM_CSAT_DEFAULT_THRESHOLD, CXM_NAN_ERROR, 0.95,
		     CXM_Z_FROM_CONF) < 0)
		return fail("csat");
	printf("CSAT %.1f%% satisfied (Wilson %.1f .. %.1f), mean %.2f\n", csat.pct_satisfied,
	       csat.wilson_lower, csat.wilson_upper, csat.mean);

	if (cxm_ces(&ces, ces_answers, 7, 7, CXM_NAN_ERROR, 0.95, CXM_Z_FROM_CONF) < 0)
		return fail("ces");
	printf("CES 2.0 mean %.2f, %.1f%% agree\n", ces.mean, ces.pct_agree);

	/* Accumulators: one per batch (or thread), merged; same answer as one pass. */
	if (cxm_score_acc_new(&acc, 0, 10) < 0 || cxm_score_acc_new(&batch, 0, 10) < 0)
		return fail("accumulator");
	cxm_score_acc_add(acc, nps_answers, 6, CXM_NAN_ERROR);
	cxm_score_acc_add(batch, nps_answers + 6, 6, CXM_NAN_ERROR);
	cxm_score_acc_merge(acc, batch);
	if (cxm_score_acc_nps(&nps, acc) < 0)
		return fail("merged nps");
	printf("merged NPS %.1f from %zu answers\n", nps.nps, nps.n);
	cxm_score_acc_free(batch);
	cxm_score_acc_free(acc);

	/* Bad input is an error with a message, never a wrong number. */
	if (cxm_nps(&nps, bad, 2, CXM_NPS_0_10, CXM_NAN_ERROR) == CXM_EOUT_OF_RANGE)
		printf("rejected: %s\n", cxm_error_last()->message);
	return 0;
}
