/*
 * lib/report/metric_ces.c - CES in the survey report: the descriptor
 * (report_internal.h) and the typed accessor of report.h.
 *
 * Results: cxm_score_acc_ces_scaled (spec §3, §3.4) on the options' scale
 * (any of at most 1001 points) at the options' agree threshold, or the
 * scale's default one: % agree with a Wilson interval, % disagree, mean,
 * SD. The report prints % agree, its interval and the mean, as it always
 * has; on 1..5 and 1..7 byte for byte as before.
 */
#include <string.h>
#include "report_internal.h"
#include "scores/scores_internal.h"

typedef struct ces_results {
	cxm_ces_result ces; /* first: the output tables read it there (tables.c) */
} ces_results;

_Static_assert(sizeof(ces_results) <= CXM__RESULTS_MAX, "CES results do not fit CXM__RESULTS_MAX");

/* The options keep "no threshold" as CXM_CSAT_DEFAULT_THRESHOLD (the
 * setters' word for it), which the scores spell CXM_CES_DEFAULT_AGREE. */
static int cfg_agree(const cxm__metric_cfg *cfg)
{
	return cfg->threshold == CXM_CSAT_DEFAULT_THRESHOLD ? CXM_CES_DEFAULT_AGREE : cfg->threshold;
}

/* A scale without a default agree threshold needs the caller's. */
static int check_cfg(const cxm__metric_cfg *cfg)
{
	int agree;
	if (cfg->threshold != CXM_CSAT_DEFAULT_THRESHOLD || cxm_ces_default_agree(&agree, cfg->lo, cfg->hi) == CXM_OK)
		return CXM_OK;
	return cxm__fail(CXM_EBAD_ARG,
			 "the CES scale %d..%d has no default agree threshold (1..5, 1..7 and 1..10 have one): "
			 "set a threshold, the lowest answer that agrees it was easy "
			 "(cxm_survey_opts_set_threshold; --ces-agree N on the command line)",
			 cfg->lo, cfg->hi);
}

static int compute(void *results, const cxm_score_acc *acc, const cxm__metric_cfg *cfg, double conf)
{
	ces_results *r = results;
	int rc;
	r->ces.version = CXM_CES_RESULT_VERSION;
	if ((rc = check_cfg(cfg)) < 0) /* the report checks it before reading; any other caller too */
		return rc;
	return cxm_score_acc_ces_scaled(&r->ces, acc, cfg_agree(cfg), conf, CXM_Z_FROM_CONF);
}

static int check_threshold(int lo, int hi, int threshold)
{
	int agree;
	return cxm__ces_agree(&agree, lo, hi, threshold);
}

/* ", 5 = easiest" on the two scales the report always took; on any other
 * the agree range too, which no reader can guess: ", 10 = easiest; agree 7-10" */
static void heading_note(char *buf, size_t cap, const cxm__metric_cfg *cfg)
{
	int agree;
	if (cfg->lo == 1 && (cfg->hi == 5 || cfg->hi == 7))
		cxm__snprintf_c(buf, cap, ", %d = easiest", cfg->hi);
	else if (cxm__ces_agree(&agree, cfg->lo, cfg->hi, cfg_agree(cfg)) == CXM_OK)
		cxm__snprintf_c(buf, cap, ", %d = easiest; agree %d-%d", cfg->hi, agree, cfg->hi);
	else
		cxm__snprintf_c(buf, cap, ", %d = easiest", cfg->hi);
}

#define T ces_results
static const cxm__json_member json[] = {
	CXM__JCOLUMN("column"),
	CXM__JNUMBER("points", CXM__INT(T, ces.points)),
	CXM__JNUMBER("n", CXM__SIZE(T, ces.n)),
	CXM__JNUMBER("n_agree", CXM__SIZE(T, ces.n_agree)),
	CXM__JNUMBER("pct_agree", CXM__DOUBLE(T, ces.pct_agree)),
	CXM__JNUMBER("mean", CXM__DOUBLE(T, ces.mean)),
	CXM__JNUMBER("wilson_lower", CXM__DOUBLE(T, ces.wilson_lower)),
	CXM__JNUMBER("wilson_upper", CXM__DOUBLE(T, ces.wilson_upper))
};

static const cxm__text_row text[] = {
	{ .kind = CXM__ROW_COUNT, .label = "answers", .v = { CXM__SIZE(T, ces.n) } },
	{ .kind = CXM__ROW_MISSING },
	{ .kind = CXM__ROW_SHARE, .label = "agree it was easy",
	  .v = { CXM__SIZE(T, ces.n_agree), CXM__DOUBLE(T, ces.pct_agree) },
	  .range = { CXM__INT(T, ces.agree), CXM__HI } },
	{ .kind = CXM__ROW_INTERVAL, .label = "Wilson", .value_fmt = "[%.1f%%, %.1f%%]",
	  .v = { CXM__DOUBLE(T, ces.wilson_lower), CXM__DOUBLE(T, ces.wilson_upper) } },
	{ .kind = CXM__ROW_VALUE, .label = "mean answer", .value_fmt = "%.2f", .v = { CXM__DOUBLE(T, ces.mean) } }
};
#undef T

const cxm__metric_desc cxm__metric_ces = {
	.metric = CXM_SURVEY_CES,
	.name = "CES",
	.title = "Customer Effort Score",
	.default_column = "ces",
	.lo = 1,
	.hi = CXM_CES_POINTS_DEFAULT,
	.scales = NULL, /* any integer scale; one without a default agree threshold needs one */
	.has_threshold = 1,
	.answers_note = ", %d = easiest",
	.results_size = sizeof(ces_results),
	.compute = compute,
	.json = json,
	.n_json = CXM__COUNT_OF(json),
	.text = text,
	.n_text = CXM__COUNT_OF(text),
	.check_threshold = check_threshold,
	.heading_note = heading_note,
	.check_cfg = check_cfg
};

cxm_status cxm_survey_report_ces_at(cxm_ces_result *out, const cxm_survey_report *report, size_t i)
{
	const cxm_ces_result *res;
	const void *p;
	unsigned int version;
	int rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_CES_RESULT_VERSION, "cxm_ces_result")) < 0 ||
	    (rc = cxm__survey_results(&p, report, CXM_SURVEY_CES, i)) < 0)
		return rc;
	/* the caller's version: a version-1 struct gets its fields only */
	res = &((const ces_results *)p)->ces;
	version = out->version;
	if (version >= 2)
		*out = *res;
	else
		memcpy(out, res, offsetof(cxm_ces_result, scale_lo));
	out->version = version;
	return CXM_OK;
}

cxm_status cxm_survey_report_ces(cxm_ces_result *out, const cxm_survey_report *report)
{
	return cxm_survey_report_ces_at(out, report, 0);
}
