/*
 * lib/report/options_grouped.c - the setters of the grouped report's
 * options (groups, time, privacy, adjustment, support times, bad rows,
 * threads, progress; report.h). Kept apart from options.c, which holds the
 * metrics' own settings (columns, scales, thresholds, codes).
 */
#include <string.h>
#include "report_internal.h"
#include "io/io_internal.h"

#define THREADS_MAX 64

void cxm__grouped_cfg_init(cxm__grouped_cfg *g)
{
	memset(g, 0, sizeof *g);
	g->min_n = CXM_SURVEY_MIN_N_DEFAULT;
	g->adjust = CXM_P_ADJUST_HOLM; /* Holm: controls the family-wise error whatever the tests' dependence */
}

static void free_drivers(cxm__grouped_cfg *g)
{
	size_t i;
	for (i = 0; i < g->n_drivers; i++)
		cxm__free(g->driver[i]);
	cxm__free(g->driver);
	cxm__free(g->outcome);
	g->driver = NULL;
	g->outcome = NULL;
	g->n_drivers = 0;
	g->drivers = 0;
}

void cxm__grouped_cfg_clear(cxm__grouped_cfg *g)
{
	size_t i;
	free_drivers(g);
	cxm__free(g->comment);
	for (i = 0; i < g->n_groups; i++)
		cxm__free(g->group[i]);
	cxm__free(g->time);
	cxm__free(g->created);
	cxm__free(g->first_reply);
	cxm__free(g->resolved);
	for (i = 0; i < 3; i++)
		cxm__free(g->pyr[i]);
	cxm__grouped_cfg_init(g);
}

/* A copy of s (NULL stays NULL); 0 on failure. */
static int dup_or_null(char **dst, const char *s)
{
	*dst = NULL;
	return s == NULL || (*dst = cxm__strdup(s)) != NULL;
}

int cxm__grouped_cfg_copy(cxm__grouped_cfg *dst, const cxm__grouped_cfg *src)
{
	size_t i;
	int ok = 1;
	*dst = *src;
	dst->n_groups = 0;
	dst->n_drivers = 0;
	dst->time = dst->created = dst->first_reply = dst->resolved = dst->outcome = dst->comment = NULL;
	dst->driver = NULL;
	dst->pyr[0] = dst->pyr[1] = dst->pyr[2] = NULL;
	for (i = 0; i < 3 && ok; i++)
		ok = dup_or_null(&dst->pyr[i], src->pyr[i]);
	for (i = 0; i < src->n_groups && ok; i++)
		if ((ok = dup_or_null(&dst->group[i], src->group[i])) != 0)
			dst->n_groups++;
	ok = ok && dup_or_null(&dst->time, src->time) && dup_or_null(&dst->created, src->created) &&
	     dup_or_null(&dst->first_reply, src->first_reply) && dup_or_null(&dst->resolved, src->resolved) &&
	     dup_or_null(&dst->outcome, src->outcome) && dup_or_null(&dst->comment, src->comment);
	if (ok && src->n_drivers && !(dst->driver = cxm__calloc(src->n_drivers, sizeof *dst->driver)))
		ok = 0;
	for (i = 0; i < src->n_drivers && ok; i++)
		if ((ok = dup_or_null(&dst->driver[i], src->driver[i])) != 0)
			dst->n_drivers++;
	return ok ? CXM_OK : cxm__fail(CXM_ENOMEM, "cxm_survey_report: out of memory copying the options");
}

int cxm__grouped_cfg_grouped(const cxm__grouped_cfg *g)
{
	return g->n_groups > 0 || g->time != NULL || g->created != NULL || g->drivers || g->themes != NULL;
}

static int check_opts(const cxm_survey_opts *o)
{
	return cxm__check_ptr(o, "cxm_survey_opts *opts");
}

cxm_status cxm_survey_opts_add_group(cxm_survey_opts *opts, const char *column)
{
	char *copy;
	size_t i;
	int rc;
	if ((rc = check_opts(opts)) < 0 || (rc = cxm__check_ptr(column, "column")) < 0)
		return rc;
	for (i = 0; i < opts->g.n_groups; i++)
		if (strcmp(opts->g.group[i], column) == 0)
			return cxm__fail(CXM_EBAD_ARG, "the group column '%s' is given twice", column);
	if (opts->g.n_groups == CXM_SURVEY_GROUPS_MAX)
		return cxm__fail(CXM_EBAD_ARG, "the report groups by %d columns already, the most it takes; '%s' is "
				 "one too many", CXM_SURVEY_GROUPS_MAX, column);
	if (!(copy = cxm__strdup(column)))
		return cxm__fail(CXM_ENOMEM, "cxm_survey_opts_add_group: out of memory");
	opts->g.group[opts->g.n_groups++] = copy;
	return CXM_OK;
}

cxm_status cxm_survey_opts_set_time(cxm_survey_opts *opts, const char *column, int period, int utc_offset_minutes)
{
	char *copy = NULL;
	int rc;
	if ((rc = check_opts(opts)) < 0)
		return rc;
	if (column != NULL) {
		if ((rc = cxm__names_check(&cxm__period_names, period)) < 0 ||
		    (rc = cxm__check_utc_offset(utc_offset_minutes)) < 0)
			return rc;
		if (!(copy = cxm__strdup(column)))
			return cxm__fail(CXM_ENOMEM, "cxm_survey_opts_set_time: out of memory");
	}
	cxm__free(opts->g.time);
	opts->g.time = copy;
	opts->g.period = column ? period : 0;
	opts->g.utc_offset = column ? utc_offset_minutes : 0;
	return CXM_OK;
}

cxm_status cxm_survey_opts_set_min_n(cxm_survey_opts *opts, size_t min_n)
{
	int rc;
	if ((rc = check_opts(opts)) < 0)
		return rc;
	opts->g.min_n = min_n;
	return CXM_OK;
}

cxm_status cxm_survey_opts_set_adjust(cxm_survey_opts *opts, int method)
{
	int rc;
	if ((rc = check_opts(opts)) < 0)
		return rc;
	if ((rc = cxm__names_check(&cxm__p_adjust_names, method)) < 0)
		return rc;
	opts->g.adjust = method;
	return CXM_OK;
}

cxm_status cxm_survey_opts_set_times(cxm_survey_opts *opts, const char *created, const char *first_reply,
				     const char *resolved)
{
	char *c = NULL, *f = NULL, *r = NULL;
	int rc;
	if ((rc = check_opts(opts)) < 0)
		return rc;
	if (created != NULL && first_reply == NULL)
		return cxm__fail(CXM_EBAD_ARG, "support times need the first reply column with the created column '%s'",
				 created);
	if (created != NULL &&
	    (!dup_or_null(&c, created) || !dup_or_null(&f, first_reply) || !dup_or_null(&r, resolved))) {
		cxm__free(c);
		cxm__free(f);
		cxm__free(r);
		return cxm__fail(CXM_ENOMEM, "cxm_survey_opts_set_times: out of memory");
	}
	cxm__free(opts->g.created);
	cxm__free(opts->g.first_reply);
	cxm__free(opts->g.resolved);
	opts->g.created = c;
	opts->g.first_reply = f;
	opts->g.resolved = r;
	return CXM_OK;
}

cxm_status cxm_survey_opts_set_skip_bad_rows(cxm_survey_opts *opts, unsigned int on)
{
	int rc;
	if ((rc = check_opts(opts)) < 0)
		return rc;
	opts->g.skip_bad = on ? 1u : 0u;
	return CXM_OK;
}

cxm_status cxm_survey_opts_set_threads(cxm_survey_opts *opts, unsigned int threads)
{
	int rc;
	if ((rc = check_opts(opts)) < 0)
		return rc;
	if (threads > THREADS_MAX)
		return cxm__fail(CXM_EBAD_ARG, "threads is %u; at most %d", threads, THREADS_MAX);
	opts->g.threads = threads;
	return CXM_OK;
}

cxm_status cxm_survey_opts_set_progress(cxm_survey_opts *opts, cxm_survey_progress_fn fn, void *user)
{
	int rc;
	if ((rc = check_opts(opts)) < 0)
		return rc;
	opts->g.progress = fn;
	opts->g.progress_user = user;
	return CXM_OK;
}

cxm_status cxm_survey_opts_set_drivers(cxm_survey_opts *opts, const char *outcome, const char *const *columns,
				       size_t n_columns)
{
	size_t n = n_columns;
	cxm__grouped_cfg g;
	size_t i, j;
	int rc;
	if ((rc = check_opts(opts)) < 0)
		return rc;
	if (columns == NULL && n > 0)
		return cxm__fail(CXM_EBAD_ARG, "the driver columns are NULL but n = %zu", n);
	if (n > CXM_DRIVERS_MAX_PLAYERS)
		return cxm__fail(CXM_EBAD_ARG, "%zu drivers are more than the %d the report fits", n,
				 CXM_DRIVERS_MAX_PLAYERS);
	for (i = 0; i < n; i++) {
		if (columns[i] == NULL)
			return cxm__fail(CXM_EBAD_ARG, "driver column %zu is NULL", i);
		if (outcome && strcmp(columns[i], outcome) == 0)
			return cxm__fail(CXM_EBAD_ARG, "'%s' is the outcome and a driver", outcome);
		for (j = 0; j < i; j++)
			if (strcmp(columns[i], columns[j]) == 0)
				return cxm__fail(CXM_EBAD_ARG, "the driver column '%s' is given twice", columns[i]);
	}
	memset(&g, 0, sizeof g);
	if (n > 0) {
		int ok = (g.driver = cxm__calloc(n, sizeof *g.driver)) != NULL && dup_or_null(&g.outcome, outcome);
		for (i = 0; ok && i < n; i++)
			if ((ok = dup_or_null(&g.driver[i], columns[i])) != 0)
				g.n_drivers++;
		if (!ok) {
			free_drivers(&g);
			return cxm__fail(CXM_ENOMEM, "cxm_survey_opts_set_drivers: out of memory");
		}
		g.drivers = 1;
	}
	free_drivers(&opts->g);
	opts->g.drivers = g.drivers;
	opts->g.outcome = g.outcome;
	opts->g.driver = g.driver;
	opts->g.n_drivers = g.n_drivers;
	return CXM_OK;
}

cxm_status cxm_survey_opts_set_themes(cxm_survey_opts *opts, const cxm_themes *themes, const char *comment_column)
{
	char *copy = NULL;
	int rc;
	if ((rc = check_opts(opts)) < 0)
		return rc;
	if (themes != NULL && comment_column == NULL)
		return cxm__fail(CXM_EBAD_ARG, "themes need the comment column they read");
	if (themes != NULL && !(copy = cxm__strdup(comment_column)))
		return cxm__fail(CXM_ENOMEM, "cxm_survey_opts_set_themes: out of memory");
	cxm__free(opts->g.comment);
	opts->g.comment = copy;
	opts->g.themes = themes;
	return CXM_OK;
}
