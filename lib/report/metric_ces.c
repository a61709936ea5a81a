/*
 * lib/report/metric_ces.c - CES in the survey report: the descriptor
 * (report_internal.h) and the typed accessor of report.h.
 *
 * Results: cxm_score_acc_ces (spec §3) on 1..5 or 1..7: % agree with a
 * Wilson interval, % disagree, mean, SD. The report prints % agree, its
 * interval and the mean, as it always has.
 */
#include "report_internal.h"
#include "scores/scores_internal.h"

typedef struct ces_results {
	cxm_ces_result ces;
	int agree_min; /* the lowest answer that agrees: the text row's label */
} ces_results;

_Static_assert(sizeof(ces_results) <= CXM__RESULTS_MAX, "CES results do not fit CXM__RESULTS_MAX");

static int compute(void *results, const cxm_score_acc *acc, const cxm__metric_cfg *cfg, double conf)
{
	ces_results *r = results;
	r->ces.version = CXM_CES_RESULT_VERSION;
	r->agree_min = CXM__CES_AGREE_MIN(cfg->hi);
	return cxm_score_acc_ces(&r->ces, acc, conf, CXM_Z_FROM_CONF);
}

static const int scales[][2] = { { 1, 5 }, { 1, 7 } };

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
	  .range = { CXM__INT(T, agree_min), CXM__HI } },
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
	.scales = scales,
	.n_scales = CXM__COUNT_OF(scales),
	.answers_note = ", %d = easiest",
	.results_size = sizeof(ces_results),
	.compute = compute,
	.json = json,
	.n_json = CXM__COUNT_OF(json),
	.text = text,
	.n_text = CXM__COUNT_OF(text)
};

cxm_status cxm_survey_report_ces_at(cxm_ces_result *out, const cxm_survey_report *report, size_t i)
{
	const void *res;
	int rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_CES_RESULT_VERSION, "cxm_ces_result")) < 0 ||
	    (rc = cxm__survey_results(&res, report, CXM_SURVEY_CES, i)) < 0)
		return rc;
	*out = ((const ces_results *)res)->ces;
	return CXM_OK;
}

cxm_status cxm_survey_report_ces(cxm_ces_result *out, const cxm_survey_report *report)
{
	return cxm_survey_report_ces_at(out, report, 0);
}
