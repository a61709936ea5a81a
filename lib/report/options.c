/*
 * lib/report/options.c - cxm_survey_opts: the defaults come from the metric
 * descriptors, and each setter checks its value against the descriptor of
 * the metric it sets (scale rules, whether it has a threshold), so the
 * options are valid at every moment.
 */
#include <stdio.h>
#include "report_internal.h"
#include "io/io_internal.h"
#include "names.h"
#include "scores/scores_internal.h"

static int check_opts(const cxm_survey_opts *o)
{
	return cxm__check_ptr(o, "cxm_survey_opts *opts");
}

/* The descriptor of a metric argument, or BAD_ARG naming the metric words. */
static int metric_desc(const cxm__metric_desc **d, int metric)
{
	int rc;
	if ((rc = cxm__names_check(&cxm__survey_metric_names, metric)) < 0)
		return rc;
	*d = cxm__survey_metrics[metric];
	return CXM_OK;
}

void cxm_survey_opts_free(cxm_survey_opts *opts)
{
	int k;
	if (opts == NULL)
		return;
	for (k = 0; k < CXM__SURVEY_METRICS; k++)
		cxm__free(opts->m[k].column);
	cxm__free(opts);
}

cxm_status cxm_survey_opts_new(cxm_survey_opts **out)
{
	cxm_survey_opts *o;
	int k;
	if (out == NULL)
		return cxm__fail(CXM_EBAD_ARG, "cxm_survey_opts **out is NULL");
	*out = NULL;
	if (!(o = cxm__calloc(1, sizeof *o)))
		return cxm__fail(CXM_ENOMEM, "cxm_survey_opts_new: out of memory");
	for (k = 0; k < CXM__SURVEY_METRICS; k++) {
		const cxm__metric_desc *d = cxm__survey_metrics[k];
		cxm__metric_cfg *m = &o->m[k];
		m->lo = d->lo;
		m->hi = d->hi;
		m->threshold = CXM_CSAT_DEFAULT_THRESHOLD;
		m->required = 0; /* a default column may be absent */
		if (!(m->column = cxm__strdup(d->default_column))) {
			cxm_survey_opts_free(o);
			return cxm__fail(CXM_ENOMEM, "cxm_survey_opts_new: out of memory");
		}
	}
	o->nan_policy = CXM_NAN_OMIT;
	o->conf = CXM_CONF_DEFAULT;
	o->delimiter = ',';
	*out = o;
	return CXM_OK;
}

cxm_status cxm_survey_opts_set_column(cxm_survey_opts *opts, int metric, const char *column)
{
	const cxm__metric_desc *d;
	char *copy = NULL;
	int rc;
	if ((rc = check_opts(opts)) < 0 || (rc = metric_desc(&d, metric)) < 0)
		return rc;
	if (column && !(copy = cxm__strdup(column)))
		return cxm__fail(CXM_ENOMEM, "cxm_survey_opts_set_column: out of memory for the %s column",
				 d->name);
	cxm__free(opts->m[metric].column);
	opts->m[metric].column = copy;
	opts->m[metric].required = copy != NULL;
	return CXM_OK;
}

/* "0..10 or 1..10" */
static void list_scales(char *buf, size_t cap, const cxm__metric_desc *d)
{
	size_t used = 0, i;
	buf[0] = '\0';
	for (i = 0; i < d->n_scales && used < cap; i++) {
		int n = snprintf(buf + used, cap - used, "%s%d..%d",
				 i == 0 ? "" : i + 1 == d->n_scales ? " or " : ", ", d->scales[i][0], d->scales[i][1]);
		used += n > 0 ? (size_t)n : 0;
	}
}

cxm_status cxm_survey_opts_set_scale(cxm_survey_opts *opts, int metric, int lo, int hi)
{
	const cxm__metric_desc *d;
	cxm__metric_cfg *m;
	char list[128];
	size_t i;
	int rc;
	if ((rc = check_opts(opts)) < 0 || (rc = metric_desc(&d, metric)) < 0)
		return rc;
	m = &opts->m[metric];
	if (d->scales) {
		for (i = 0; i < d->n_scales && !(d->scales[i][0] == lo && d->scales[i][1] == hi); i++)
			;
		if (i == d->n_scales) {
			list_scales(list, sizeof list, d);
			return cxm__fail(CXM_EBAD_ARG, "the %s scale must be %s, not %d..%d", d->name, list, lo, hi);
		}
	} else if (lo >= hi || (long)hi - (long)lo + 1 > CXM__MAX_POINTS) {
		return cxm__fail(CXM_EBAD_ARG, "the %s scale must have lo < hi and at most %d points, not %d..%d",
				 d->name, CXM__MAX_POINTS, lo, hi);
	}
	if (d->has_threshold && m->threshold != CXM_CSAT_DEFAULT_THRESHOLD &&
	    (m->threshold < lo || m->threshold > hi))
		return cxm__fail(CXM_EBAD_ARG, "the %s scale %d..%d leaves out the threshold %d set before it; "
				 "set the scale first", d->name, lo, hi, m->threshold);
	m->lo = lo;
	m->hi = hi;
	return CXM_OK;
}

cxm_status cxm_survey_opts_set_threshold(cxm_survey_opts *opts, int metric, int threshold)
{
	const cxm__metric_desc *d;
	cxm__metric_cfg *m;
	int rc;
	if ((rc = check_opts(opts)) < 0 || (rc = metric_desc(&d, metric)) < 0)
		return rc;
	m = &opts->m[metric];
	if (!d->has_threshold)
		return cxm__fail(CXM_EBAD_ARG, "%s has no threshold to set (its answers are counted at fixed points)",
				 d->name);
	if (threshold != CXM_CSAT_DEFAULT_THRESHOLD && (threshold < m->lo || threshold > m->hi))
		return cxm__fail(CXM_EBAD_ARG, "the %s threshold %d is off the %s scale %d..%d", d->name, threshold,
				 d->name, m->lo, m->hi);
	m->threshold = threshold;
	return CXM_OK;
}

cxm_status cxm_survey_opts_set_nan_policy(cxm_survey_opts *opts, int nan_policy)
{
	int rc;
	if ((rc = check_opts(opts)) < 0 || (rc = cxm__names_check(&cxm__nan_policy_names, nan_policy)) < 0)
		return rc;
	opts->nan_policy = nan_policy;
	return CXM_OK;
}

cxm_status cxm_survey_opts_set_conf(cxm_survey_opts *opts, double conf)
{
	int rc;
	if ((rc = check_opts(opts)) < 0)
		return rc;
	if (!(conf > 0.0 && conf < 1.0))
		return cxm__fail(CXM_EBAD_ARG, "conf must be in (0, 1), e.g. 0.95 for 95%%; got %.17g", conf);
	opts->conf = conf;
	return CXM_OK;
}

cxm_status cxm_survey_opts_set_delimiter(cxm_survey_opts *opts, char delimiter)
{
	int rc;
	if ((rc = check_opts(opts)) < 0 || (rc = cxm__csv_check_delimiter(delimiter)) < 0)
		return rc;
	opts->delimiter = delimiter;
	return CXM_OK;
}
