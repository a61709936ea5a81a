/* lib/rates/task_success.c - task success rate with Wilson and adjusted-Wald intervals (§5.8). */
#include <math.h>
#include "internal.h"

cxm_status cxm_task_success_rate(cxm_task_success *out, const double *outcomes, size_t n, double conf,
			  double z)
{
	cxm_interval w = CXM_INTERVAL_INIT, a = CXM_INTERVAL_INIT;
	size_t i, x = 0;
	double zc;
	int rc;
	/* conf and z are parameters, so they are checked before the data (§0.2). */
	if ((rc = CXM__CHECK_OUT(out, CXM_TASK_SUCCESS_VERSION, "cxm_task_success")) < 0 ||
	    (rc = cxm__check_array(outcomes, n, "outcomes")) < 0 || (rc = cxm__crit(&zc, conf, z)) < 0)
		return rc;
	for (i = 0; i < n; i++)
		if (isnan(outcomes[i]))
			return cxm__fail(CXM_ENAN, "outcomes[%zu] is NaN", i);
	for (i = 0; i < n; i++)
		if (outcomes[i] != 0.0 && outcomes[i] != 1.0)
			return cxm__fail(CXM_EOUT_OF_RANGE, "outcomes[%zu] = %.17g; outcomes must be 0 or 1",
					 i, outcomes[i]);
	if (n == 0)
		return cxm__fail(CXM_EEMPTY, "no task attempts");
	for (i = 0; i < n; i++)
		x += outcomes[i] == 1.0;
	/* The interval functions recheck x <= n and conf; neither can fail here. */
	if ((rc = cxm_wilson(&w, (double)x, (double)n, conf, z)) < 0 ||
	    (rc = cxm_adjusted_wald(&a, (double)x, (double)n, conf, z)) < 0)
		return rc;
	out->n = n;
	out->successes = x;
	out->rate = 100.0 * (double)x / (double)n;
	out->wilson_lower = 100.0 * w.lower;
	out->wilson_upper = 100.0 * w.upper;
	out->adjwald_lower = 100.0 * a.lower;
	out->adjwald_upper = 100.0 * a.upper;
	return CXM_OK;
}
