/*
 * lib/drivers/opts.c - cxm_drivers_opts: how a key-driver analysis runs
 * (spec §19): bootstrap replicates, seed, interval level, NaN policy, threads.
 */
#include <math.h>
#include <string.h>
#include "drivers_internal.h"

void cxm__drivers_opts_defaults(cxm_drivers_opts *o)
{
	memset(o, 0, sizeof *o);
	o->replicates = 200; /* percentile bounds steady to about a point of share; 1000 on request */
	o->seed = 1;
	o->conf = 0.95;
	o->nan_policy = CXM_NAN_ERROR;
	o->threads = 0;
}

cxm_status cxm_drivers_opts_new(cxm_drivers_opts **out)
{
	cxm_drivers_opts *o;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((o = cxm__malloc(sizeof *o)) == NULL)
		return cxm__fail(CXM_ENOMEM, "cxm_drivers_opts_new: no memory for the options");
	cxm__drivers_opts_defaults(o);
	*out = o;
	return CXM_OK;
}

void cxm_drivers_opts_free(cxm_drivers_opts *opts)
{
	cxm__free(opts);
}

cxm_status cxm_drivers_opts_set_bootstrap(cxm_drivers_opts *opts, unsigned int replicates)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0)
		return rc;
	if (replicates > CXM_DRIVERS_MAX_REPLICATES)
		return cxm__fail(CXM_EBAD_ARG, "bootstrap is %u replicates; it must be from 0 (no intervals) to %u",
				 replicates, (unsigned)CXM_DRIVERS_MAX_REPLICATES);
	opts->replicates = replicates;
	return CXM_OK;
}

cxm_status cxm_drivers_opts_set_seed(cxm_drivers_opts *opts, uint64_t seed)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0)
		return rc;
	opts->seed = seed;
	return CXM_OK;
}

cxm_status cxm_drivers_opts_set_conf(cxm_drivers_opts *opts, double conf)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0)
		return rc;
	if (!(conf > 0.0 && conf < 1.0))
		return cxm__fail(CXM_EBAD_ARG, "conf is %g; it must be in (0, 1)", conf);
	opts->conf = conf;
	return CXM_OK;
}

cxm_status cxm_drivers_opts_set_nan_policy(cxm_drivers_opts *opts, int nan_policy)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0 || (rc = cxm__check_nan_policy(nan_policy)) < 0)
		return rc;
	opts->nan_policy = nan_policy;
	return CXM_OK;
}

cxm_status cxm_drivers_opts_set_threads(cxm_drivers_opts *opts, unsigned int threads)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0)
		return rc;
	if (threads > 1024)
		return cxm__fail(CXM_EBAD_ARG, "threads is %u; it must be from 0 (all cores) to 1024", threads);
	opts->threads = threads;
	return CXM_OK;
}
