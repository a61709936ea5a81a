/*
 * lib/paths/touchpoint_opts.c - cxm_touchpoint_opts: which value columns
 * hold NPS / CSAT / CES answers, on which scales, with which thresholds
 * (spec §23.3). Each setter checks its value at once with the scores
 * module's own rules (cxm__csat_threshold, cxm__ces_agree), so the options
 * are always valid when cxm_touchpoints reads them.
 */
#include <math.h>
#include <string.h>
#include "names.h"
#include "paths_internal.h"
#include "scores/scores_internal.h"

#define MAX_POINTS 1001

void cxm__touchpoint_opts_defaults(cxm_touchpoint_opts *o)
{
	memset(o, 0, sizeof *o);
	o->lo[CXM_SURVEY_NPS] = 0;
	o->hi[CXM_SURVEY_NPS] = 10;
	o->lo[CXM_SURVEY_CSAT] = CXM_CSAT_SCALE_LO_DEFAULT;
	o->hi[CXM_SURVEY_CSAT] = CXM_CSAT_SCALE_HI_DEFAULT;
	o->threshold[CXM_SURVEY_CSAT] = CXM_CSAT_DEFAULT_THRESHOLD;
	/* Gartner's CES 2.0 scale (1-7, agree 5-7): the one the design names for touchpoints */
	o->lo[CXM_SURVEY_CES] = 1;
	o->hi[CXM_SURVEY_CES] = 7;
	o->threshold[CXM_SURVEY_CES] = CXM_CES_DEFAULT_AGREE;
	o->conf = 0.95;
}

cxm_status cxm_touchpoint_opts_new(cxm_touchpoint_opts **out)
{
	cxm_touchpoint_opts *o;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((o = cxm__malloc(sizeof *o)) == NULL)
		return cxm__fail(CXM_ENOMEM, "cxm_touchpoint_opts_new: no memory for the options");
	cxm__touchpoint_opts_defaults(o);
	*out = o;
	return CXM_OK;
}

void cxm_touchpoint_opts_free(cxm_touchpoint_opts *o)
{
	int k;
	if (o == NULL)
		return;
	size_t g;
	for (k = 0; k < CXM__TOUCHPOINT_METRICS; k++)
		cxm__free(o->column[k]);
	for (g = 0; g < o->n_goals; g++)
		cxm__free(o->goal[g]);
	cxm__free(o);
}

static int check_metric(const cxm_touchpoint_opts *o, int metric)
{
	int rc;
	if ((rc = cxm__check_ptr(o, "o")) < 0 || (rc = cxm__names_check(&cxm__survey_metric_names, metric)) < 0)
		return rc;
	if (metric < 0 || metric >= CXM__TOUCHPOINT_METRICS)
		return cxm__fail(CXM_EBAD_ARG, "metric must be CXM_SURVEY_NPS, _CSAT or _CES, not %d", metric);
	return CXM_OK;
}

static const char *metric_name(int metric)
{
	return metric == CXM_SURVEY_NPS ? "NPS" : metric == CXM_SURVEY_CSAT ? "CSAT" : "CES";
}

cxm_status cxm_touchpoint_opts_set_score(cxm_touchpoint_opts *o, int metric, const char *column)
{
	char *copy = NULL;
	int rc;
	if ((rc = check_metric(o, metric)) < 0)
		return rc;
	if (column != NULL) {
		if (column[0] == '\0')
			return cxm__fail(CXM_EBAD_ARG, "the %s column is empty; give a value column of the log, or "
					 "NULL for no %s", metric_name(metric), metric_name(metric));
		if ((copy = cxm__strdup(column)) == NULL)
			return cxm__fail(CXM_ENOMEM, "no memory for the %s column name", metric_name(metric));
	}
	cxm__free(o->column[metric]);
	o->column[metric] = copy;
	return CXM_OK;
}

/* A threshold (CSAT satisfied from / CES agree from) that the scale lo..hi takes. */
static int check_threshold(int metric, int lo, int hi, int threshold)
{
	int resolved;
	if (metric == CXM_SURVEY_CSAT)
		return cxm__csat_threshold(&resolved, lo, hi, threshold);
	return cxm__ces_agree(&resolved, lo, hi, threshold);
}

cxm_status cxm_touchpoint_opts_set_scale(cxm_touchpoint_opts *o, int metric, int lo, int hi)
{
	int rc;
	if ((rc = check_metric(o, metric)) < 0)
		return rc;
	if (metric == CXM_SURVEY_NPS) {
		if (!(hi == 10 && (lo == 0 || lo == 1)))
			return cxm__fail(CXM_EBAD_ARG, "the NPS scale must be 0..10 or 1..10, not %d..%d", lo, hi);
	} else {
		if (lo >= hi || (long)hi - (long)lo + 1 > MAX_POINTS)
			return cxm__fail(CXM_EBAD_ARG, "the %s scale must have lo < hi and at most %d points, not %d..%d",
					 metric_name(metric), MAX_POINTS, lo, hi);
		if ((rc = check_threshold(metric, lo, hi, o->threshold[metric])) < 0)
			return cxm__error_context(o->threshold[metric] == CXM_CSAT_DEFAULT_THRESHOLD
							  ? "the scale"
							  : "the scale with the threshold set before it (set the scale first)");
	}
	o->lo[metric] = lo;
	o->hi[metric] = hi;
	return CXM_OK;
}

cxm_status cxm_touchpoint_opts_set_threshold(cxm_touchpoint_opts *o, int metric, int threshold)
{
	int rc;
	if ((rc = check_metric(o, metric)) < 0)
		return rc;
	if (metric == CXM_SURVEY_NPS)
		return cxm__fail(CXM_EBAD_ARG, "NPS has no threshold to set (promoters are 9-10 and detractors 0-6 "
				 "on every scale)");
	/* CSAT or CES, said once more where it is used: gcc -O3 cannot see
	 * check_metric's range check and warns of an out-of-bounds index */
	if (metric != CXM_SURVEY_CSAT && metric != CXM_SURVEY_CES)
		return cxm__fail(CXM_EBAD_ARG, "metric must be CXM_SURVEY_CSAT or CXM_SURVEY_CES, not %d", metric);
	if ((rc = check_threshold(metric, o->lo[metric], o->hi[metric], threshold)) < 0)
		return rc;
	o->threshold[metric] = threshold;
	return CXM_OK;
}

cxm_status cxm_touchpoint_opts_set_conf(cxm_touchpoint_opts *o, double conf)
{
	int rc;
	if ((rc = cxm__check_ptr(o, "o")) < 0)
		return rc;
	if (!(conf > 0.0 && conf < 1.0))
		return cxm__fail(CXM_EBAD_ARG, "conf must be in (0, 1), e.g. 0.95 for 95%%; got %.17g", conf);
	o->conf = conf;
	return CXM_OK;
}

cxm_status cxm_touchpoint_opts_add_goal(cxm_touchpoint_opts *o, const char *event)
{
	size_t g, len;
	char *copy;
	int rc;
	if ((rc = cxm__check_ptr(o, "o")) < 0 || (rc = cxm__check_ptr(event, "event")) < 0)
		return rc;
	if (event[0] == '\0')
		return cxm__fail(CXM_EBAD_ARG, "cxm_touchpoint_opts_add_goal: the goal event's name is empty");
	for (g = 0; g < o->n_goals; g++)
		if (strcmp(o->goal[g], event) == 0) {
			char quoted[CXM__QUOTE_MAX + 4];
			cxm__quote_text(quoted, sizeof quoted, event, strlen(event));
			return cxm__fail(CXM_EBAD_ARG, "cxm_touchpoint_opts_add_goal: '%s' is already a goal", quoted);
		}
	if (o->n_goals == CXM_TOUCHPOINT_GOALS_MAX)
		return cxm__fail(CXM_EBAD_ARG, "cxm_touchpoint_opts_add_goal: at most %d goal events",
				 CXM_TOUCHPOINT_GOALS_MAX);
	len = strlen(event);
	if ((copy = cxm__malloc(len + 1)) == NULL)
		return cxm__fail(CXM_ENOMEM, "cxm_touchpoint_opts_add_goal: no memory for the name");
	memcpy(copy, event, len + 1);
	o->goal[o->n_goals++] = copy;
	return CXM_OK;
}
