/*
 * lib/report/metric_csat.c - CSAT in the survey report: the descriptor
 * (report_internal.h) and the typed accessor of report.h.
 *
 * Results: cxm_score_acc_csat at the threshold of the options (spec §2):
 * % satisfied with a Wilson interval, mean and SD.
 */
#include "report_internal.h"

_Static_assert(sizeof(cxm_csat_result) <= CXM__RESULTS_MAX, "CSAT results do not fit CXM__RESULTS_MAX");

static int compute(void *results, const cxm_score_acc *acc, const cxm__metric_cfg *cfg, double conf)
{
	cxm_csat_result *r = results;
	r->version = CXM_CSAT_RESULT_VERSION;
	return cxm_score_acc_csat(r, acc, cfg->threshold, conf, CXM_Z_FROM_CONF);
}

#define T cxm_csat_result
static const cxm__json_member json[] = {
	CXM__JCOLUMN("column"),
	CXM__JNUMBER("scale_lo", CXM__LO),
	CXM__JNUMBER("scale_hi", CXM__HI),
	CXM__JNUMBER("n", CXM__SIZE(T, n)),
	CXM__JNUMBER("threshold", CXM__INT(T, threshold)),
	CXM__JNUMBER("n_satisfied", CXM__SIZE(T, n_satisfied)),
	CXM__JNUMBER("pct_satisfied", CXM__DOUBLE(T, pct_satisfied)),
	CXM__JNUMBER("mean", CXM__DOUBLE(T, mean)),
	CXM__JNUMBER("sd", CXM__DOUBLE(T, sd)),
	CXM__JNUMBER("wilson_lower", CXM__DOUBLE(T, wilson_lower)),
	CXM__JNUMBER("wilson_upper", CXM__DOUBLE(T, wilson_upper))
};

static const cxm__text_row text[] = {
	{ .kind = CXM__ROW_COUNT, .label = "answers", .v = { CXM__SIZE(T, n) } },
	{ .kind = CXM__ROW_MISSING },
	{ .kind = CXM__ROW_SHARE, .label = "satisfied",
	  .v = { CXM__SIZE(T, n_satisfied), CXM__DOUBLE(T, pct_satisfied) },
	  .range = { CXM__INT(T, threshold), CXM__HI } },
	{ .kind = CXM__ROW_INTERVAL, .label = "Wilson", .value_fmt = "[%.1f%%, %.1f%%]",
	  .v = { CXM__DOUBLE(T, wilson_lower), CXM__DOUBLE(T, wilson_upper) } },
	{ .kind = CXM__ROW_VALUE, .label = "mean answer", .value_fmt = "%.2f", .v = { CXM__DOUBLE(T, mean) },
	  .comment_fmt = "sd %.2f", .c = { CXM__DOUBLE(T, sd) }, .comment_nan = "sd n/a (one answer)" }
};
#undef T

const cxm__metric_desc cxm__metric_csat = {
	.metric = CXM_SURVEY_CSAT,
	.name = "CSAT",
	.title = "Customer Satisfaction",
	.default_column = "csat",
	.lo = CXM_CSAT_SCALE_LO_DEFAULT,
	.hi = CXM_CSAT_SCALE_HI_DEFAULT,
	.scales = NULL, /* any integer scale */
	.has_threshold = 1,
	.results_size = sizeof(cxm_csat_result),
	.compute = compute,
	.json = json,
	.n_json = CXM__COUNT_OF(json),
	.text = text,
	.n_text = CXM__COUNT_OF(text)
};

cxm_status cxm_survey_report_csat_at(cxm_csat_result *out, const cxm_survey_report *report, size_t i)
{
	const void *res;
	int rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_CSAT_RESULT_VERSION, "cxm_csat_result")) < 0 ||
	    (rc = cxm__survey_results(&res, report, CXM_SURVEY_CSAT, i)) < 0)
		return rc;
	*out = *(const cxm_csat_result *)res;
	return CXM_OK;
}

cxm_status cxm_survey_report_csat(cxm_csat_result *out, const cxm_survey_report *report)
{
	return cxm_survey_report_csat_at(out, report, 0);
}
