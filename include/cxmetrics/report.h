/*
 * cxmetrics/report.h - the survey report: NPS, CSAT and CES with intervals
 * from the columns of a CSV file, rendered as text or JSON (the `cxm` main job).
 *
 * The file is streamed through cxm_score_acc accumulators, so memory does not
 * grow with the number of rows.
 *
 * Thread safety: a report handle may be read from many threads; the functions
 * are otherwise pure.
 */
#ifndef CXMETRICS_REPORT_H
#define CXMETRICS_REPORT_H

#include "common.h"
#include "scores.h"

CXM_BEGIN_DECL

/** Which columns to score and how. NULL column names are skipped. */
typedef struct cxm_survey_opts {
	unsigned int version;    /**< CXM_SURVEY_OPTS_VERSION */
	const char *nps_column;  /**< 0-10 answers, or NULL */
	const char *csat_column; /**< answers on [csat_lo, csat_hi], or NULL */
	const char *ces_column;  /**< 1-5 (ces_points 5) or 1-7 (ces_points 7), or NULL */
	int nps_scale;           /**< a cxm_nps_scale */
	int csat_lo, csat_hi, csat_threshold; /**< threshold: CXM_CSAT_DEFAULT_THRESHOLD */
	int ces_points;          /**< 5 or 7 */
	int nan_policy;          /**< an empty field is NaN; CXM_NAN_OMIT skips and counts it */
	double conf;             /**< confidence level for every interval */
	char delimiter;          /**< ',' */
} cxm_survey_opts;
#define CXM_SURVEY_OPTS_VERSION 1
#define CXM_SURVEY_OPTS_INIT { CXM_SURVEY_OPTS_VERSION, "nps", "csat", "ces", CXM_NPS_0_10, \
	1, 5, CXM_CSAT_DEFAULT_THRESHOLD, 5, CXM_NAN_OMIT, 0.95, ',' }

/** A computed survey report. */
typedef struct cxm_survey_report cxm_survey_report;

/**
 * Score the columns of a CSV file.
 * @param opts  NULL for CXM_SURVEY_OPTS_INIT.
 * Errors: BAD_ARG (unknown column: names it and lists the header), IO, PARSE,
 *         EMPTY (no data rows, or every answer of a column missing), NAN,
 *         OUT_OF_RANGE / NON_INTEGER (name file, line, column and value), VERSION, NOMEM.
 * Ownership: *out is the caller's; free with cxm_survey_report_free.
 */
CXM_API int cxm_survey_report_from_csv(cxm_survey_report **out, const char *path,
				       const cxm_survey_opts *opts);

/** Free; NULL is a no-op. */
CXM_API void cxm_survey_report_free(cxm_survey_report *report);

/** Data rows read. */
CXM_API size_t cxm_survey_report_rows(const cxm_survey_report *report);

/**
 * Render as a readable text table (format "text") or JSON (format "json").
 * Errors: BAD_ARG (NULL, unknown format), NOMEM.
 * Ownership: *out is the caller's; free with cxm_free.
 */
CXM_API int cxm_survey_report_render(char **out, const cxm_survey_report *report,
				     const char *format);

CXM_END_DECL

#endif
