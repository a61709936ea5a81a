/*
 * cxmetrics/report.h - the survey report: NPS, CSAT and CES with intervals
 * from the columns of a CSV file, rendered as text or JSON (the `cxm` main job).
 *
 * The file is streamed through cxm_score_acc accumulators, so memory does not
 * grow with the number of rows. Every number equals what the one-shot
 * functions of scores.h and stats.h give on the same answers:
 *  - NPS (0-10 or 1-10): split, NPS, Wald (spec §1.3) and adjusted-Wald
 *    (§1.4) intervals;
 *  - CSAT on [csat_lo, csat_hi]: % satisfied with a Wilson interval, mean, SD (§2);
 *  - CES on 1-5 or 1-7 (§3): the cxm_ces_result of scores.h (% agree with a
 *    Wilson interval, % disagree, mean, SD).
 * An empty field is a missing answer: with CXM_NAN_OMIT it is skipped and
 * counted per column, with CXM_NAN_ERROR it is an error.
 *
 * Thread safety: a report handle may be read from many threads at once; it
 * is never modified after cxm_survey_report_from_csv returns.
 */
#ifndef CXMETRICS_REPORT_H
#define CXMETRICS_REPORT_H

#include "common.h"
#include "scores.h"

CXM_BEGIN_DECL

/** The metrics of a survey report; the bit (1 << metric) is used in masks. */
typedef enum cxm_survey_metric {
	CXM_SURVEY_NPS = 0,
	CXM_SURVEY_CSAT = 1,
	CXM_SURVEY_CES = 2
} cxm_survey_metric;

/** Mask bits for cxm_survey_opts.optional. */
#define CXM_SURVEY_NPS_BIT (1u << CXM_SURVEY_NPS)
#define CXM_SURVEY_CSAT_BIT (1u << CXM_SURVEY_CSAT)
#define CXM_SURVEY_CES_BIT (1u << CXM_SURVEY_CES)
#define CXM_SURVEY_ALL_BITS (CXM_SURVEY_NPS_BIT | CXM_SURVEY_CSAT_BIT | CXM_SURVEY_CES_BIT)

/** Which columns to score and how. NULL column names are skipped. */
typedef struct cxm_survey_opts {
	unsigned int version;    /**< CXM_SURVEY_OPTS_VERSION */
	const char *nps_column;  /**< 0-10 (or 1-10) answers, or NULL */
	const char *csat_column; /**< answers on [csat_lo, csat_hi], or NULL */
	const char *ces_column;  /**< 1-5 (ces_points 5) or 1-7 (ces_points 7), or NULL */
	int nps_scale;           /**< a cxm_nps_scale */
	int csat_lo, csat_hi;    /**< the CSAT scale, at most 1001 points */
	int csat_threshold;      /**< satisfied = answer >= threshold; CXM_CSAT_DEFAULT_THRESHOLD: top-2-box */
	int ces_points;          /**< 5 or 7 */
	int nan_policy;          /**< an empty field is NaN; CXM_NAN_OMIT skips and counts it */
	double conf;             /**< confidence level of every interval, in (0, 1) */
	char delimiter;          /**< ',' */
	/**
	 * Mask of CXM_SURVEY_*_BIT: a metric whose column is named but absent from
	 * the header is skipped (and noted in the report) instead of failing.
	 * The default makes the three default columns optional; clear a bit when
	 * the caller chose the column explicitly.
	 */
	unsigned int optional;
} cxm_survey_opts;
#define CXM_SURVEY_OPTS_VERSION 1
#define CXM_SURVEY_OPTS_INIT { CXM_SURVEY_OPTS_VERSION, "nps", "csat", "ces", CXM_NPS_0_10, \
	1, 5, CXM_CSAT_DEFAULT_THRESHOLD, 5, CXM_NAN_OMIT, 0.95, ',', CXM_SURVEY_ALL_BITS }

/**
 * Fill *opts with the defaults of CXM_SURVEY_OPTS_INIT (for bindings, which
 * cannot use the macro).
 * @param version  CXM_SURVEY_OPTS_VERSION.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL), VERSION (unknown version).
 * Ownership: nothing allocated; the default column names are static strings.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_survey_opts_init(cxm_survey_opts *opts, unsigned int version);

/** A computed survey report. */
typedef struct cxm_survey_report cxm_survey_report;

/**
 * Score the columns of a CSV file.
 * @param out   out: the report, or NULL on failure.
 * @param path  the CSV file (header line first).
 * @param opts  NULL for CXM_SURVEY_OPTS_INIT.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL, bad option, no column to score, a required column
 *         absent: names it and lists the header), IO, PARSE (malformed CSV,
 *         a score that is not a number), EMPTY (no data rows, or every answer
 *         of a column missing), NAN (an empty answer under CXM_NAN_ERROR),
 *         OUT_OF_RANGE / NON_INTEGER (name file, line, column and value),
 *         VERSION, NOMEM.
 * Ownership: *out is the caller's; free it with cxm_survey_report_free.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_survey_report_from_csv(cxm_survey_report **out, const char *path,
				       const cxm_survey_opts *opts);

/**
 * Free a report.
 * @param report  NULL is a no-op.
 * Errors: none.
 * Ownership: strings borrowed from the report die with it.
 * Thread safety: no other thread may be reading the report.
 */
CXM_API void cxm_survey_report_free(cxm_survey_report *report);

/**
 * Data rows read (every record after the header, answered or not).
 * @return the count; 0 for NULL.
 * Errors: none.
 * Ownership: nothing allocated.
 * Thread safety: read-only.
 */
CXM_API size_t cxm_survey_report_rows(const cxm_survey_report *report);

/**
 * The path the report was computed from.
 * @return the path; NULL for NULL.
 * Errors: none.
 * Ownership: borrowed; valid until cxm_survey_report_free.
 * Thread safety: read-only.
 */
CXM_API const char *cxm_survey_report_path(const cxm_survey_report *report);

/**
 * Whether a metric was computed.
 * @param metric  a cxm_survey_metric.
 * @return 1 when computed; 0 when its column was not configured, was optional
 *         and absent from the file, or for NULL / an unknown metric.
 * Errors: none.
 * Ownership: nothing allocated.
 * Thread safety: read-only.
 */
CXM_API unsigned int cxm_survey_report_has(const cxm_survey_report *report, int metric);

/**
 * The column configured for a metric (whether or not the file had it).
 * @param metric  a cxm_survey_metric.
 * @return the column name, or NULL when none was configured (or for NULL /
 *         an unknown metric).
 * Errors: none.
 * Ownership: borrowed; valid until cxm_survey_report_free.
 * Thread safety: read-only.
 */
CXM_API const char *cxm_survey_report_column(const cxm_survey_report *report, int metric);

/**
 * Empty (missing) answers skipped in a metric's column under CXM_NAN_OMIT.
 * @param metric  a cxm_survey_metric.
 * @return the count; 0 when the metric was not computed.
 * Errors: none.
 * Ownership: nothing allocated.
 * Thread safety: read-only.
 */
CXM_API size_t cxm_survey_report_missing(const cxm_survey_report *report, int metric);

/**
 * NPS and its promoter / passive / detractor split.
 * @param out  out->version must be set (CXM_NPS_RESULT_INIT).
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL), VERSION, EMPTY (the report has no NPS).
 * Ownership: nothing allocated.
 * Thread safety: read-only on the report.
 */
CXM_API cxm_status cxm_survey_report_nps(cxm_nps_result *out, const cxm_survey_report *report);

/**
 * An NPS interval at the report's confidence level.
 * @param out     out->version must be set (CXM_NPS_CI_INIT).
 * @param method  CXM_NPS_WALD or CXM_NPS_ADJUSTED_WALD.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL, method), VERSION, EMPTY (the report has no NPS).
 * Ownership: nothing allocated.
 * Thread safety: read-only on the report.
 */
CXM_API cxm_status cxm_survey_report_nps_interval(cxm_nps_ci *out, const cxm_survey_report *report,
					   int method);

/**
 * CSAT: % satisfied, Wilson interval, mean and SD.
 * @param out  out->version must be set (CXM_CSAT_RESULT_INIT).
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL), VERSION, EMPTY (the report has no CSAT).
 * Ownership: nothing allocated.
 * Thread safety: read-only on the report.
 */
CXM_API cxm_status cxm_survey_report_csat(cxm_csat_result *out, const cxm_survey_report *report);

/**
 * CES: % agree with a Wilson interval, % disagree, mean and SD (cxm_ces_result).
 * @param out  out->version must be set (CXM_CES_RESULT_INIT).
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL), VERSION, EMPTY (the report has no CES).
 * Ownership: nothing allocated.
 * Thread safety: read-only on the report.
 */
CXM_API cxm_status cxm_survey_report_ces(cxm_ces_result *out, const cxm_survey_report *report);

/**
 * Render as a readable text table (format "text") or JSON (format "json").
 * The JSON object has the keys file, rows, conf, columns, nps, csat, ces,
 * missing and notes; a metric not computed is null. Numbers are printed with
 * full precision; NaN (an SD of one answer) is null.
 * @param out     out: a NUL-terminated string ending in a newline, or NULL on failure.
 * @param format  "text" or "json".
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL, unknown format), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_free.
 * Thread safety: read-only on the report.
 */
CXM_API cxm_status cxm_survey_report_render(char **out, const cxm_survey_report *report,
				     const char *format);

CXM_END_DECL

#endif
