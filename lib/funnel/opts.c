/*
 * lib/funnel/opts.c - cxm_funnel_opts (spec §22.1) and the names table of
 * the funnel modes.
 */
#include <math.h>
#include <string.h>
#include "names.h"
#include "funnel_internal.h"

static const cxm__word mode_words[] = { { "ordered", CXM_FUNNEL_ORDERED },
					{ "strict", CXM_FUNNEL_STRICT },
					{ "any", CXM_FUNNEL_ANY } };
const cxm__names cxm__funnel_mode_names = CXM__NAMES("mode", mode_words, 0);

cxm_status cxm_funnel_opts_new(cxm_funnel_opts **out)
{
	cxm_funnel_opts *o;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((o = cxm__malloc(sizeof *o)) == NULL)
		return cxm__fail(CXM_ENOMEM, "cxm_funnel_opts_new: no memory for the options");
	memset(o, 0, sizeof *o);
	o->mode = CXM_FUNNEL_ORDERED;
	o->conf = 0.95;
	o->adjust = CXM_P_ADJUST_HOLM;
	o->top_next = 5;
	o->threads = 0;
	*out = o;
	return CXM_OK;
}

void cxm_funnel_opts_free(cxm_funnel_opts *opts)
{
	if (opts == NULL)
		return;
	cxm__free(opts->by);
	cxm__free(opts);
}

cxm_status cxm_funnel_opts_set_mode(cxm_funnel_opts *opts, int mode)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0 || (rc = cxm__names_check(&cxm__funnel_mode_names, mode)) < 0)
		return rc;
	opts->mode = mode;
	return CXM_OK;
}

cxm_status cxm_funnel_opts_set_by(cxm_funnel_opts *opts, const char *column)
{
	char *copy = NULL;
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0)
		return rc;
	if (column != NULL) {
		if (column[0] == '\0')
			return cxm__fail(CXM_EBAD_ARG, "by is empty; give a property column name, or NULL for no "
					 "breakdown");
		if ((copy = cxm__strdup(column)) == NULL)
			return cxm__fail(CXM_ENOMEM, "no memory for the by column's name");
	}
	cxm__free(opts->by);
	opts->by = copy;
	return CXM_OK;
}

cxm_status cxm_funnel_opts_set_conf(cxm_funnel_opts *opts, double conf)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0)
		return rc;
	if (!(conf > 0.0 && conf < 1.0))
		return cxm__fail(CXM_EBAD_ARG, "conf is %g; use a confidence in (0, 1), such as 0.95", conf);
	opts->conf = conf;
	return CXM_OK;
}

cxm_status cxm_funnel_opts_set_adjust(cxm_funnel_opts *opts, int method)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0 || (rc = cxm__names_check(&cxm__p_adjust_names, method)) < 0)
		return rc;
	opts->adjust = method;
	return CXM_OK;
}

cxm_status cxm_funnel_opts_set_top_next(cxm_funnel_opts *opts, size_t top)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0)
		return rc;
	if (top < 1 || top > CXM__FUNNEL_MAX_TOP)
		return cxm__fail(CXM_EBAD_ARG, "top_next is %zu; use 1..%d next events per step", top,
				 CXM__FUNNEL_MAX_TOP);
	opts->top_next = top;
	return CXM_OK;
}

cxm_status cxm_funnel_opts_set_threads(cxm_funnel_opts *opts, unsigned int threads)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0)
		return rc;
	if (threads > CXM__FUNNEL_MAX_THREADS)
		return cxm__fail(CXM_EBAD_ARG, "threads is %u; use 0 (every core) to %d", threads,
				 CXM__FUNNEL_MAX_THREADS);
	opts->threads = threads;
	return CXM_OK;
}
