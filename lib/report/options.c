/*
 * lib/report/options.c - cxm_survey_opts: the defaults come from the metric
 * descriptors, and each setter checks its value against the descriptor of
 * the metric it sets (scale rules, whether it has a threshold, no-answer
 * codes off the scale), so the options are valid at every moment.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
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

int cxm__survey_on_scale(double x, int lo, int hi)
{
	return x >= lo && x <= hi && x == floor(x);
}

void cxm__survey_cfg_clear_columns(cxm__metric_cfg *m)
{
	size_t i;
	for (i = 0; i < m->n_columns; i++)
		cxm__free(m->columns[i]);
	cxm__free(m->columns);
	m->columns = NULL;
	m->n_columns = 0;
}

void cxm_survey_opts_free(cxm_survey_opts *opts)
{
	int k;
	if (opts == NULL)
		return;
	for (k = 0; k < CXM__SURVEY_METRICS; k++)
		cxm__survey_cfg_clear_columns(&opts->m[k]);
	cxm__grouped_cfg_clear(&opts->g);
	cxm__free(opts);
}

/* A metric's columns become {column} (a copy), or none for NULL; on failure
 * they stay as they were. */
static int replace_columns(cxm__metric_cfg *m, const char *column, const char *who)
{
	char **list = NULL;
	if (column) {
		if (!(list = cxm__calloc(1, sizeof *list)) || !(list[0] = cxm__strdup(column))) {
			cxm__free(list);
			return cxm__fail(CXM_ENOMEM, "%s: out of memory", who);
		}
	}
	cxm__survey_cfg_clear_columns(m);
	m->columns = list;
	m->n_columns = column ? 1 : 0;
	return CXM_OK;
}

cxm_status cxm_survey_opts_new(cxm_survey_opts **out)
{
	cxm_survey_opts *o;
	int k, rc;
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
		if ((rc = replace_columns(m, d->default_column, "cxm_survey_opts_new")) < 0) {
			cxm_survey_opts_free(o);
			return rc;
		}
	}
	o->nan_policy = CXM_NAN_OMIT;
	o->conf = CXM_CONF_DEFAULT;
	o->delimiter = ',';
	cxm__grouped_cfg_init(&o->g);
	*out = o;
	return CXM_OK;
}

cxm_status cxm_survey_opts_set_column(cxm_survey_opts *opts, int metric, const char *column)
{
	const cxm__metric_desc *d;
	int rc;
	if ((rc = check_opts(opts)) < 0 || (rc = metric_desc(&d, metric)) < 0 ||
	    (rc = replace_columns(&opts->m[metric], column, "cxm_survey_opts_set_column")) < 0)
		return rc;
	opts->m[metric].required = column != NULL;
	return CXM_OK;
}

cxm_status cxm_survey_opts_add_column(cxm_survey_opts *opts, int metric, const char *column)
{
	const cxm__metric_desc *d;
	cxm__metric_cfg *m;
	char **list, *copy;
	size_t i;
	int rc;
	if ((rc = check_opts(opts)) < 0 || (rc = metric_desc(&d, metric)) < 0 ||
	    (rc = cxm__check_ptr(column, "column")) < 0)
		return rc;
	m = &opts->m[metric];
	if (!m->required) { /* the default column gives way to the caller's columns */
		if ((rc = replace_columns(m, column, "cxm_survey_opts_add_column")) < 0)
			return rc;
		m->required = 1;
		return CXM_OK;
	}
	for (i = 0; i < m->n_columns; i++)
		if (strcmp(m->columns[i], column) == 0)
			return cxm__fail(CXM_EBAD_ARG, "the %s column '%s' is given twice", d->name, column);
	if (m->n_columns == CXM_SURVEY_COLUMNS_MAX)
		return cxm__fail(CXM_EBAD_ARG, "%s has %d columns already, the most a metric scores; '%s' is one "
				 "too many", d->name, CXM_SURVEY_COLUMNS_MAX, column);
	if (!(copy = cxm__strdup(column)))
		return cxm__fail(CXM_ENOMEM, "cxm_survey_opts_add_column: out of memory");
	if (!(list = cxm__realloc(m->columns, (m->n_columns + 1) * sizeof *list))) {
		cxm__free(copy);
		return cxm__fail(CXM_ENOMEM, "cxm_survey_opts_add_column: out of memory");
	}
	list[m->n_columns++] = copy;
	m->columns = list;
	return CXM_OK;
}

/* The first of n codes on the scale lo..hi, or NULL. */
static const double *code_on_scale(const double *codes, size_t n, int lo, int hi)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (cxm__survey_on_scale(codes[i], lo, hi))
			return &codes[i];
	return NULL;
}

cxm_status cxm_survey_opts_set_na_values(cxm_survey_opts *opts, int metric, const double *codes, size_t n)
{
	const cxm__metric_desc *d = NULL;
	double kept[CXM_SURVEY_NA_VALUES_MAX];
	const double *on;
	size_t i, j, n_kept = 0;
	int rc;
	if ((rc = check_opts(opts)) < 0)
		return rc;
	if (metric != CXM_SURVEY_ALL && (rc = metric_desc(&d, metric)) < 0)
		return rc;
	if (codes == NULL && n > 0)
		return cxm__fail(CXM_EBAD_ARG, "na_values is NULL but n = %zu", n);
	if (n > CXM_SURVEY_NA_VALUES_MAX)
		return cxm__fail(CXM_EBAD_ARG, "%zu no-answer codes%s%s are more than the %d a metric takes", n,
				 d ? " for " : "", d ? d->name : "", CXM_SURVEY_NA_VALUES_MAX);
	for (i = 0; i < n; i++) {
		if (!isfinite(codes[i]))
			return cxm__fail(CXM_EBAD_ARG, "no-answer code %zu is %g: a code is a finite number (an "
					 "empty field is missing already)", i, codes[i]);
		for (j = 0; j < n_kept && kept[j] != codes[i]; j++)
			;
		if (j == n_kept)
			kept[n_kept++] = codes[i] == 0.0 ? 0.0 : codes[i]; /* -0 as 0 */
	}
	if (d && (on = code_on_scale(kept, n_kept, opts->m[metric].lo, opts->m[metric].hi)) != NULL)
		return cxm__fail(CXM_EBAD_ARG, "the no-answer code %g is a point of the %s scale %d..%d: it would "
				 "turn real answers into missing ones (set the scale first)", *on, d->name,
				 opts->m[metric].lo, opts->m[metric].hi);
	if (d) {
		memcpy(opts->m[metric].na, kept, n_kept * sizeof *kept);
		opts->m[metric].n_na = n_kept;
	} else {
		memcpy(opts->na_all, kept, n_kept * sizeof *kept);
		opts->n_na_all = n_kept;
	}
	return CXM_OK;
}

/* "0..10 or 1..10" */
static void list_scales(char *buf, size_t cap, const cxm__metric_desc *d)
{
	size_t used = 0, i;
	buf[0] = '\0';
	for (i = 0; i < d->n_scales && used < cap; i++) {
		int n = cxm__snprintf_c(buf + used, cap - used, "%s%d..%d",
				 i == 0 ? "" : i + 1 == d->n_scales ? " or " : ", ", d->scales[i][0], d->scales[i][1]);
		used += n > 0 ? (size_t)n : 0;
	}
}

cxm_status cxm_survey_opts_set_scale(cxm_survey_opts *opts, int metric, int lo, int hi)
{
	const cxm__metric_desc *d;
	cxm__metric_cfg *m;
	const double *on;
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
	if (d->check_threshold && m->threshold != CXM_CSAT_DEFAULT_THRESHOLD &&
	    (rc = d->check_threshold(lo, hi, m->threshold)) < 0)
		return cxm__error_context("the threshold set before the scale (set the scale first)");
	if ((on = code_on_scale(m->na, m->n_na, lo, hi)) != NULL)
		return cxm__fail(CXM_EBAD_ARG, "the %s scale %d..%d takes in the no-answer code %g set before it; "
				 "set the scale first", d->name, lo, hi, *on);
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
	if (threshold != CXM_CSAT_DEFAULT_THRESHOLD && d->check_threshold &&
	    (rc = d->check_threshold(m->lo, m->hi, threshold)) < 0)
		return rc;
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
