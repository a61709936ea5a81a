/*
 * tests/fuzz/fuzz_survey.c - libFuzzer target for the survey report
 * (lib/report/survey.c, cxm_survey_report_from_csv in cxmetrics/report.h):
 * the whole path from a CSV file to the rendered report.
 *
 * The input is the file, scored three times: with the defaults (columns nps,
 * csat, ces, ',', missing answers skipped), with the other settings (';',
 * NPS 1-10, CSAT 1-10, CES 1-7, a missing answer an error), and with
 * no-answer codes and several columns of one kind (spec §0.13: 99 for every
 * metric, 0 and -1 for CSAT, CSAT from the columns csat and ces). A report
 * must hold numbers within their scales, counts that add up per column
 * (answers + empty + no-answer codes <= rows), and both renderings must
 * succeed; the JSON one must parse.
 */
#define _GNU_SOURCE
#include <math.h>
#include <cjson/cJSON.h>
#include "fuzz_common.h"

static int in(double x, double lo, double hi)
{
	return x >= lo && x <= hi;
}

/* An interval in [lo, hi] terms: finite, ordered, around the estimate. */
static void check_interval(double lower, double est, double upper, const char *what)
{
	FUZZ_ASSERT(isfinite(lower) && isfinite(upper) && lower <= upper, "%s: [%.17g, %.17g]", what, lower,
		    upper);
	FUZZ_ASSERT(lower <= est + 1e-9 && est <= upper + 1e-9, "%s: %.17g outside [%.17g, %.17g]", what, est,
		    lower, upper);
}

/* What the options of a run set, for the checks. */
typedef struct setting {
	int csat_lo, csat_hi, ces_points;
} setting;

/* Every column of every metric: its counts add up to at most the rows, and
 * its results are those of a report of that one column (checked on the
 * ranges; column 0 is also what the one-column accessors give). */
static void check_items(const cxm_survey_report *r, const setting *o, size_t rows)
{
	size_t i, k = cxm_survey_report_columns(r, CXM_SURVEY_CSAT);
	cxm_csat_result c0 = CXM_CSAT_RESULT_INIT, c = CXM_CSAT_RESULT_INIT;
	cxm_nps_result n = CXM_NPS_RESULT_INIT;
	cxm_nps_ci ci = CXM_NPS_CI_INIT;
	cxm_ces_result e = CXM_CES_RESULT_INIT;
	int metric;
	for (metric = CXM_SURVEY_NPS; metric <= CXM_SURVEY_CES; metric++)
		for (i = 0; i < cxm_survey_report_columns(r, metric); i++) {
			size_t skipped = cxm_survey_report_missing_at(r, metric, i) +
					 cxm_survey_report_no_answer_at(r, metric, i), answered = 0;
			FUZZ_ASSERT(cxm_survey_report_column_at(r, metric, i) != NULL, "metric %d column %zu unnamed",
				    metric, i);
			if (metric == CXM_SURVEY_NPS) {
				FUZZ_ASSERT(cxm_survey_report_nps_at(&n, r, i) == CXM_OK &&
						    cxm_survey_report_nps_interval_at(&ci, r, i, CXM_NPS_WALD) == CXM_OK,
					    "NPS column %zu: %s", i, cxm_error_last()->message);
				FUZZ_ASSERT(in(n.nps, -100, 100) && ci.n == n.n, "NPS column %zu: %.17g", i, n.nps);
				answered = n.n;
			} else if (metric == CXM_SURVEY_CSAT) {
				FUZZ_ASSERT(cxm_survey_report_csat_at(&c, r, i) == CXM_OK, "CSAT column %zu: %s", i,
					    cxm_error_last()->message);
				FUZZ_ASSERT(c.n >= 1 && c.n_satisfied <= c.n && in(c.mean, o->csat_lo, o->csat_hi),
					    "CSAT column %zu: %zu of %zu, mean %.17g", i, c.n_satisfied, c.n, c.mean);
				answered = c.n;
			} else {
				FUZZ_ASSERT(cxm_survey_report_ces_at(&e, r, i) == CXM_OK, "CES column %zu: %s", i,
					    cxm_error_last()->message);
				FUZZ_ASSERT(e.n >= 1 && in(e.mean, 1, e.points), "CES column %zu: mean %.17g", i, e.mean);
				answered = e.n;
			}
			FUZZ_ASSERT(answered + skipped <= rows, "metric %d column %zu: %zu answers + %zu skipped of %zu rows",
				    metric, i, answered, skipped, rows);
		}
	if (k > 0) {
		FUZZ_ASSERT(cxm_survey_report_csat(&c0, r) == CXM_OK && cxm_survey_report_csat_at(&c, r, 0) == CXM_OK &&
				    c0.n == c.n && c0.n_satisfied == c.n_satisfied && c0.mean == c.mean,
			    "CSAT: column 0 is not what cxm_survey_report_csat gives");
		FUZZ_ASSERT(cxm_survey_report_csat_at(&c, r, k) == CXM_EBAD_ARG, "CSAT column %zu of %zu", k, k);
		fuzz_check_error(CXM_EBAD_ARG, "cxm_survey_report_csat_at");
	}
}

static void check_report(const cxm_survey_report *r, const setting *o, const char *path)
{
	size_t rows = cxm_survey_report_rows(r);
	int metric, rc;
	char *text = NULL;
	cJSON *js;

	FUZZ_ASSERT(rows >= 1, "a report of no rows");
	FUZZ_ASSERT(strcmp(cxm_survey_report_path(r), path) == 0, "the report's path changed");
	for (metric = CXM_SURVEY_NPS; metric <= CXM_SURVEY_CES; metric++) {
		FUZZ_ASSERT(cxm_survey_report_missing(r, metric) <= rows, "more missing answers than rows");
		if (cxm_survey_report_has(r, metric))
			FUZZ_ASSERT(cxm_survey_report_column(r, metric) != NULL, "metric %d without a column", metric);
		FUZZ_ASSERT(cxm_survey_report_has(r, metric) == (cxm_survey_report_columns(r, metric) > 0),
			    "metric %d: has and columns disagree", metric);
	}
	check_items(r, o, rows);

	if (cxm_survey_report_has(r, CXM_SURVEY_NPS)) {
		cxm_nps_result nps = CXM_NPS_RESULT_INIT;
		cxm_nps_ci ci = CXM_NPS_CI_INIT;
		int method;
		FUZZ_ASSERT(cxm_survey_report_nps(&nps, r) == CXM_OK, "NPS: %s", cxm_error_last()->message);
		FUZZ_ASSERT(nps.n >= 1 && nps.n == nps.promoters + nps.passives + nps.detractors &&
				    nps.n + cxm_survey_report_missing(r, CXM_SURVEY_NPS) <= rows,
			    "NPS: n %zu = %zu + %zu + %zu of %zu rows", nps.n, nps.promoters, nps.passives,
			    nps.detractors, rows);
		FUZZ_ASSERT(in(nps.nps, -100, 100) && in(nps.pct_promoters, 0, 100) && in(nps.pct_passives, 0, 100) &&
				    in(nps.pct_detractors, 0, 100),
			    "NPS %.17g off its scale", nps.nps);
		for (method = CXM_NPS_ADJUSTED_WALD; method <= CXM_NPS_WALD; method++) {
			rc = cxm_survey_report_nps_interval(&ci, r, method);
			FUZZ_ASSERT(rc == CXM_OK, "NPS interval %d: %s", method, cxm_error_last()->message);
			/* cxm_nps computes 100 (P - D) / n, the intervals 100 (P/n - D/n):
			 * the two may differ in the last bit */
			FUZZ_ASSERT(fabs(ci.nps - nps.nps) <= 1e-12 * 100 && ci.n == nps.n,
				    "the interval's NPS %.17g is not the report's %.17g", ci.nps, nps.nps);
			check_interval(ci.lower, ci.nps_adj, ci.upper, "NPS interval");
		}
	} else {
		cxm_nps_result nps = CXM_NPS_RESULT_INIT;
		rc = cxm_survey_report_nps(&nps, r);
		FUZZ_ASSERT(rc == CXM_EEMPTY, "NPS of a report without one: %d", rc);
		fuzz_check_error(rc, "cxm_survey_report_nps");
	}

	if (cxm_survey_report_has(r, CXM_SURVEY_CSAT)) {
		cxm_csat_result c = CXM_CSAT_RESULT_INIT;
		FUZZ_ASSERT(cxm_survey_report_csat(&c, r) == CXM_OK, "CSAT: %s", cxm_error_last()->message);
		FUZZ_ASSERT(c.n >= 1 && c.n_satisfied <= c.n && c.n <= rows, "CSAT: %zu of %zu", c.n_satisfied, c.n);
		FUZZ_ASSERT(in(c.pct_satisfied, 0, 100) && in(c.mean, o->csat_lo, o->csat_hi),
			    "CSAT %.17g %%, mean %.17g", c.pct_satisfied, c.mean);
		FUZZ_ASSERT(c.n < 2 ? isnan(c.sd) : c.sd >= 0.0, "CSAT SD %.17g of %zu answers", c.sd, c.n);
		check_interval(c.wilson_lower, c.pct_satisfied, c.wilson_upper, "CSAT Wilson");
		FUZZ_ASSERT(in(c.wilson_lower, 0, 100) && in(c.wilson_upper, 0, 100), "CSAT Wilson outside 0..100");
	} else {
		cxm_csat_result c = CXM_CSAT_RESULT_INIT;
		rc = cxm_survey_report_csat(&c, r);
		FUZZ_ASSERT(rc == CXM_EEMPTY, "CSAT of a report without one: %d", rc);
		fuzz_check_error(rc, "cxm_survey_report_csat");
	}

	if (cxm_survey_report_has(r, CXM_SURVEY_CES)) {
		cxm_ces_result c = CXM_CES_RESULT_INIT;
		FUZZ_ASSERT(cxm_survey_report_ces(&c, r) == CXM_OK, "CES: %s", cxm_error_last()->message);
		FUZZ_ASSERT(c.points == o->ces_points && c.n >= 1 && c.n_agree <= c.n && c.n <= rows,
			    "CES: %zu of %zu on %d points", c.n_agree, c.n, c.points);
		FUZZ_ASSERT(in(c.pct_agree, 0, 100) && in(c.mean, 1, c.points), "CES %.17g %%, mean %.17g",
			    c.pct_agree, c.mean);
		FUZZ_ASSERT(c.n_agree + c.n_disagree <= c.n && in(c.pct_disagree, 0, 100) &&
				    (c.n < 2 ? isnan(c.sd) : c.sd >= 0.0),
			    "CES: %zu agree, %zu disagree of %zu, SD %.17g", c.n_agree, c.n_disagree, c.n, c.sd);
		check_interval(c.wilson_lower, c.pct_agree, c.wilson_upper, "CES Wilson");
		FUZZ_ASSERT(in(c.wilson_lower, 0, 100) && in(c.wilson_upper, 0, 100), "CES Wilson outside 0..100");
	} else {
		cxm_ces_result c = CXM_CES_RESULT_INIT;
		rc = cxm_survey_report_ces(&c, r);
		FUZZ_ASSERT(rc == CXM_EEMPTY, "CES of a report without one: %d", rc);
		fuzz_check_error(rc, "cxm_survey_report_ces");
	}

	rc = cxm_survey_report_render(&text, r, CXM_FORMAT_TEXT);
	FUZZ_ASSERT(rc == CXM_OK && text != NULL && strlen(text) > 0 && text[strlen(text) - 1] == '\n',
		    "text rendering: %d %s", rc, cxm_error_last()->message);
	cxm_free(text);
	text = NULL;
	rc = cxm_survey_report_render(&text, r, CXM_FORMAT_JSON);
	FUZZ_ASSERT(rc == CXM_OK && text != NULL && strlen(text) > 0 && text[strlen(text) - 1] == '\n',
		    "JSON rendering: %d %s", rc, cxm_error_last()->message);
	js = cJSON_Parse(text);
	FUZZ_ASSERT(js != NULL && cJSON_IsObject(js), "the JSON rendering does not parse:\n%s", text);
	cJSON_Delete(js);
	cxm_free(text);
}

static void score(const char *path, const cxm_survey_opts *o, const setting *st)
{
	cxm_survey_report *r = (cxm_survey_report *)1;
	int rc = cxm_survey_report_from_csv(&r, path, o);
	if (rc < 0) {
		fuzz_check_error(rc, "cxm_survey_report_from_csv");
		FUZZ_ASSERT(r == NULL, "cxm_survey_report_from_csv failed but *out is not NULL");
		FUZZ_ASSERT(rc != CXM_EIO && rc != CXM_EVERSION, "cxm_survey_report_from_csv: %s",
			    cxm_error_last()->message);
		return;
	}
	FUZZ_ASSERT(r != NULL, "cxm_survey_report_from_csv succeeded with *out NULL");
	check_report(r, st, path);
	cxm_survey_report_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const setting defaults = { 1, 5, 5 }, other = { 1, 10, 7 };
	const char *path = fuzz_file_write(data, size);
	cxm_survey_opts *o = NULL;
	score(path, NULL, &defaults);
	FUZZ_ASSERT(cxm_survey_opts_new(&o) == CXM_OK && cxm_survey_opts_set_delimiter(o, ';') == CXM_OK &&
			    cxm_survey_opts_set_scale(o, CXM_SURVEY_NPS, 1, 10) == CXM_OK &&
			    cxm_survey_opts_set_scale(o, CXM_SURVEY_CSAT, other.csat_lo, other.csat_hi) == CXM_OK &&
			    cxm_survey_opts_set_scale(o, CXM_SURVEY_CES, 1, other.ces_points) == CXM_OK &&
			    cxm_survey_opts_set_nan_policy(o, CXM_NAN_ERROR) == CXM_OK,
		    "setting the options: %s", cxm_error_last()->message);
	score(path, o, &other);
	cxm_survey_opts_free(o);
	{
		static const double all[] = { 99 }, csat[] = { 0, -1 };
		o = NULL;
		FUZZ_ASSERT(cxm_survey_opts_new(&o) == CXM_OK &&
				    cxm_survey_opts_set_na_values(o, CXM_SURVEY_ALL, all, 1) == CXM_OK &&
				    cxm_survey_opts_set_na_values(o, CXM_SURVEY_CSAT, csat, 2) == CXM_OK &&
				    cxm_survey_opts_set_column(o, CXM_SURVEY_CSAT, "csat") == CXM_OK &&
				    cxm_survey_opts_add_column(o, CXM_SURVEY_CSAT, "ces") == CXM_OK,
			    "setting the codes and columns: %s", cxm_error_last()->message);
		score(path, o, &defaults);
		cxm_survey_opts_free(o);
	}
	return 0;
}
