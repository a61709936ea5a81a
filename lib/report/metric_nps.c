/*
 * lib/report/metric_nps.c - NPS in the survey report: the descriptor
 * (report_internal.h) and the typed accessors of report.h.
 *
 * Results: the split and NPS from the accumulator (cxm_score_acc_nps), the
 * Wald and adjusted-Wald intervals on its counts (spec §1.3, §1.4).
 */
#include "report_internal.h"
#include "scores/scores_internal.h"
#include "names.h"

typedef cxm__nps_results nps_results; /* report_internal.h: the tables read it too */

_Static_assert(sizeof(nps_results) <= CXM__RESULTS_MAX, "NPS results do not fit CXM__RESULTS_MAX");

static int compute(void *results, const cxm_score_acc *acc, const cxm__metric_cfg *cfg, double conf)
{
	nps_results *r = results;
	const cxm_nps_result *n = &r->nps;
	int rc;
	(void)cfg; /* the accumulator has the scale; the cut points never move */
	r->nps.version = CXM_NPS_RESULT_VERSION;
	r->wald.version = r->adjusted_wald.version = CXM_NPS_CI_VERSION;
	if ((rc = cxm_score_acc_nps(&r->nps, acc)) < 0 ||
	    (rc = cxm_nps_wald(&r->wald, (double)n->promoters, (double)n->passives, (double)n->detractors,
			       conf, CXM_Z_FROM_CONF)) < 0 ||
	    (rc = cxm_nps_adjusted_wald(&r->adjusted_wald, (double)n->promoters, (double)n->passives,
					(double)n->detractors, conf, CXM_Z_FROM_CONF)) < 0)
		return rc;
	return CXM_OK;
}

static const int scales[][2] = { { 0, 10 }, { 1, 10 } };

#define T nps_results
static const cxm__json_member json[] = {
	CXM__JCOLUMN("column"),
	CXM__JSCALE("scale"),
	CXM__JNUMBER("n", CXM__SIZE(T, nps.n)),
	CXM__JNUMBER("promoters", CXM__SIZE(T, nps.promoters)),
	CXM__JNUMBER("passives", CXM__SIZE(T, nps.passives)),
	CXM__JNUMBER("detractors", CXM__SIZE(T, nps.detractors)),
	CXM__JNUMBER("pct_promoters", CXM__DOUBLE(T, nps.pct_promoters)),
	CXM__JNUMBER("pct_passives", CXM__DOUBLE(T, nps.pct_passives)),
	CXM__JNUMBER("pct_detractors", CXM__DOUBLE(T, nps.pct_detractors)),
	CXM__JNUMBER("nps", CXM__DOUBLE(T, nps.nps)),
	CXM__JOBJECT("wald"),
	CXM__JNUMBER("lower", CXM__DOUBLE(T, wald.lower)),
	CXM__JNUMBER("upper", CXM__DOUBLE(T, wald.upper)),
	CXM__JNUMBER("se", CXM__DOUBLE(T, wald.se)),
	CXM__JNUMBER("moe", CXM__DOUBLE(T, wald.moe)),
	CXM__JNUMBER("z", CXM__DOUBLE(T, wald.z)),
	CXM__JEND,
	CXM__JOBJECT("adjusted_wald"),
	CXM__JNUMBER("nps_adj", CXM__DOUBLE(T, adjusted_wald.nps_adj)),
	CXM__JNUMBER("n_adj", CXM__DOUBLE(T, adjusted_wald.n_adj)),
	CXM__JNUMBER("lower", CXM__DOUBLE(T, adjusted_wald.lower)),
	CXM__JNUMBER("upper", CXM__DOUBLE(T, adjusted_wald.upper)),
	CXM__JNUMBER("se", CXM__DOUBLE(T, adjusted_wald.se)),
	CXM__JNUMBER("moe", CXM__DOUBLE(T, adjusted_wald.moe)),
	CXM__JNUMBER("z", CXM__DOUBLE(T, adjusted_wald.z)),
	CXM__JEND
};

static const cxm__text_row text[] = {
	{ .kind = CXM__ROW_COUNT, .label = "answers", .v = { CXM__SIZE(T, nps.n) } },
	{ .kind = CXM__ROW_MISSING },
	{ .kind = CXM__ROW_SHARE, .label = "promoters",
	  .v = { CXM__SIZE(T, nps.promoters), CXM__DOUBLE(T, nps.pct_promoters) },
	  .range = { CXM__CONST(CXM__NPS_PROMOTER_MIN), CXM__HI } },
	{ .kind = CXM__ROW_SHARE, .label = "passives",
	  .v = { CXM__SIZE(T, nps.passives), CXM__DOUBLE(T, nps.pct_passives) },
	  .range = { CXM__CONST(CXM__NPS_DETRACTOR_MAX + 1), CXM__CONST(CXM__NPS_PROMOTER_MIN - 1) } },
	{ .kind = CXM__ROW_SHARE, .label = "detractors",
	  .v = { CXM__SIZE(T, nps.detractors), CXM__DOUBLE(T, nps.pct_detractors) },
	  .range = { CXM__LO, CXM__CONST(CXM__NPS_DETRACTOR_MAX) } },
	{ .kind = CXM__ROW_VALUE, .label = "NPS", .value_fmt = "%+.1f", .v = { CXM__DOUBLE(T, nps.nps) },
	  .comment_fmt = "%% promoters - %% detractors, -100..+100" },
	{ .kind = CXM__ROW_INTERVAL, .label = "Wald", .value_fmt = "[%+.1f, %+.1f]",
	  .v = { CXM__DOUBLE(T, wald.lower), CXM__DOUBLE(T, wald.upper) },
	  .comment_fmt = "se %.2f, margin %.2f", .c = { CXM__DOUBLE(T, wald.se), CXM__DOUBLE(T, wald.moe) } },
	{ .kind = CXM__ROW_INTERVAL, .label = "adjusted-Wald", .value_fmt = "[%+.1f, %+.1f]",
	  .v = { CXM__DOUBLE(T, adjusted_wald.lower), CXM__DOUBLE(T, adjusted_wald.upper) },
	  .comment_fmt = "se %.2f, margin %.2f, centre %+.1f",
	  .c = { CXM__DOUBLE(T, adjusted_wald.se), CXM__DOUBLE(T, adjusted_wald.moe),
		 CXM__DOUBLE(T, adjusted_wald.nps_adj) } }
};
#undef T

const cxm__metric_desc cxm__metric_nps = {
	.metric = CXM_SURVEY_NPS,
	.name = "NPS",
	.title = "Net Promoter Score",
	.default_column = "nps",
	.lo = 0,
	.hi = 10,
	.scales = scales,
	.n_scales = CXM__COUNT_OF(scales),
	.results_size = sizeof(nps_results),
	.compute = compute,
	.json = json,
	.n_json = CXM__COUNT_OF(json),
	.text = text,
	.n_text = CXM__COUNT_OF(text)
};

cxm_status cxm_survey_report_nps_at(cxm_nps_result *out, const cxm_survey_report *report, size_t i)
{
	const void *res;
	int rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_NPS_RESULT_VERSION, "cxm_nps_result")) < 0 ||
	    (rc = cxm__survey_results(&res, report, CXM_SURVEY_NPS, i)) < 0)
		return rc;
	*out = ((const nps_results *)res)->nps;
	return CXM_OK;
}

cxm_status cxm_survey_report_nps(cxm_nps_result *out, const cxm_survey_report *report)
{
	return cxm_survey_report_nps_at(out, report, 0);
}

cxm_status cxm_survey_report_nps_interval_at(cxm_nps_ci *out, const cxm_survey_report *report, size_t i,
					     int method)
{
	const nps_results *r;
	const void *res;
	int rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_NPS_CI_VERSION, "cxm_nps_ci")) < 0)
		return rc;
	if ((rc = cxm__names_check(&cxm__nps_method_names, method)) < 0)
		return rc;
	if ((rc = cxm__survey_results(&res, report, CXM_SURVEY_NPS, i)) < 0)
		return rc;
	r = res;
	*out = method == CXM_NPS_WALD ? r->wald : r->adjusted_wald;
	return CXM_OK;
}

cxm_status cxm_survey_report_nps_interval(cxm_nps_ci *out, const cxm_survey_report *report, int method)
{
	return cxm_survey_report_nps_interval_at(out, report, 0, method);
}
