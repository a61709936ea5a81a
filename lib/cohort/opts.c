/*
 * lib/cohort/opts.c - cxm_cohort_opts (spec §24): each setter checks its
 * value at once and leaves the options as they were when it fails.
 */
#include <string.h>
#include "internal.h"
#include "names.h"
#include "cohort_internal.h"

cxm_status cxm_cohort_opts_new(cxm_cohort_opts **out)
{
	cxm_cohort_opts *o;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((o = cxm__malloc(sizeof *o)) == NULL)
		return cxm__fail(CXM_ENOMEM, "cxm_cohort_opts_new: no memory for the options");
	memset(o, 0, sizeof *o);
	o->period = CXM_PERIOD_MONTH;
	o->nan_policy = CXM_NAN_ERROR;
	*out = o;
	return CXM_OK;
}

void cxm_cohort_opts_free(cxm_cohort_opts *o)
{
	if (o == NULL)
		return;
	cxm__free(o->amount);
	cxm__free(o->first_event);
	cxm__free(o->active_event);
	cxm__free(o);
}

cxm_status cxm_cohort_opts_set_period(cxm_cohort_opts *o, int period)
{
	int rc;
	if ((rc = cxm__check_ptr(o, "o")) < 0 || (rc = cxm__names_check(&cxm__period_names, period)) < 0)
		return rc;
	o->period = period;
	return CXM_OK;
}

cxm_status cxm_cohort_opts_set_nan_policy(cxm_cohort_opts *o, int nan_policy)
{
	int rc;
	if ((rc = cxm__check_ptr(o, "o")) < 0 || (rc = cxm__check_nan_policy(nan_policy)) < 0)
		return rc;
	o->nan_policy = nan_policy;
	return CXM_OK;
}

/* Replace *slot by a copy of name (NULL clears it); *slot is unchanged on failure. */
static int set_name(char **slot, const cxm_cohort_opts *o, const char *name, const char *what)
{
	char *copy = NULL;
	int rc;
	if ((rc = cxm__check_ptr(o, "o")) < 0)
		return rc;
	if (name != NULL) {
		if (name[0] == '\0')
			return cxm__fail(CXM_EBAD_ARG, "%s is empty; give a name or NULL for %s", what,
					 strcmp(what, "amount") == 0 ? "no amount" : "any event");
		if ((copy = cxm__strdup(name)) == NULL)
			return cxm__fail(CXM_ENOMEM, "no memory for the name of %s", what);
	}
	cxm__free(*slot);
	*slot = copy;
	return CXM_OK;
}

cxm_status cxm_cohort_opts_set_amount(cxm_cohort_opts *o, const char *column)
{
	return set_name(o ? &o->amount : NULL, o, column, "amount");
}

cxm_status cxm_cohort_opts_set_first_event(cxm_cohort_opts *o, const char *event)
{
	return set_name(o ? &o->first_event : NULL, o, event, "first_event");
}

cxm_status cxm_cohort_opts_set_active_event(cxm_cohort_opts *o, const char *event)
{
	return set_name(o ? &o->active_event : NULL, o, event, "active_event");
}
