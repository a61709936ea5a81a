/*
 * cxmetrics/report.h - the survey report: NPS, CSAT and CES with intervals
 * from the columns of a CSV file, rendered as text or JSON (the `cxm` main job).
 *
 * The file is streamed through cxm_score_acc accumulators, so memory does not
 * grow with the number of rows. Every number equals what the functions of
 * scores.h and stats.h give on the same answers:
 *  - NPS (0-10 or 1-10): split, NPS, Wald (spec §1.3) and adjusted-Wald
 *    (§1.4) intervals;
 *  - CSAT on any integer scale: % satisfied with a Wilson interval, mean, SD (§2);
 *  - CES on 1-5 or 1-7 (§3): the cxm_ces_result of scores.h (% agree with a
 *    Wilson interval, % disagree, mean, SD).
 * An empty field is a missing answer: with CXM_NAN_OMIT it is skipped and
 * counted per column, with CXM_NAN_ERROR it is an error. So is an answer
 * written as one of the no-answer codes the caller names (0 = "not
 * applicable", 99 = "no answer"; cxm_survey_opts_set_na_values), counted
 * apart from the empty fields (spec §0.13).
 * A metric may score several columns of its kind ("items": three CSAT
 * questions, cxm_survey_opts_add_column); each column is scored on its own
 * and reported in its own block.
 *
 * Thread safety: a report handle may be read from many threads at once; it
 * is never modified after cxm_survey_report_from_csv returns. An options
 * object is not locked: set it up in one thread, then share it read-only.
 */
#ifndef CXMETRICS_REPORT_H
#define CXMETRICS_REPORT_H

#include "common.h"
#include "scores.h"
#include "table.h"
#include "themes.h"

CXM_BEGIN_DECL

/**
 * The metrics of a survey report. Their words ("nps", "csat", "ces": the
 * JSON keys and default columns) are the names table CXM_NAMES_SURVEY_METRIC.
 */
typedef enum cxm_survey_metric {
	CXM_SURVEY_NPS = 0,
	CXM_SURVEY_CSAT = 1,
	CXM_SURVEY_CES = 2
} cxm_survey_metric;

/** The metric argument of cxm_survey_opts_set_na_values that means every metric. */
#define CXM_SURVEY_ALL (-1)
/** The most no-answer codes of a metric (and of CXM_SURVEY_ALL). */
#define CXM_SURVEY_NA_VALUES_MAX 32
/** The most columns a metric scores in one report. */
#define CXM_SURVEY_COLUMNS_MAX 64

/**
 * Which columns to score and how: an opaque object with one setter per
 * option. Each setter checks its value at once and leaves the options as
 * they were when it fails. The defaults (cxm_survey_opts_new, or NULL
 * options):
 *  - columns "nps", "csat" and "ces", each optional: a metric whose default
 *    column is not in the file is skipped, with a note in the report;
 *  - NPS on 0..10, CSAT on 1..5 with top-2-box (4-5) satisfied, CES on 1..5;
 *  - an empty answer is skipped and counted (CXM_NAN_OMIT); no code stands
 *    for "no answer" (every number is an answer, checked against the scale);
 *  - intervals at 95 % confidence; fields separated by ','.
 */
typedef struct cxm_survey_opts cxm_survey_opts;

/**
 * New options holding the defaults.
 * @param out  out: the options, or NULL on failure.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_survey_opts_free.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_survey_opts_new(cxm_survey_opts **out);

/**
 * Free options.
 * @param opts  NULL is a no-op.
 * Errors: none. Ownership: reports made with the options do not need them.
 * Thread safety: no other thread may be using the options.
 */
CXM_API void cxm_survey_opts_free(cxm_survey_opts *opts);

/**
 * The column holding a metric's answers, in place of the metric's columns so
 * far. A column set here must exist in the file (cxm_survey_report_from_csv
 * fails otherwise); only the defaults are optional.
 * @param metric  a cxm_survey_metric.
 * @param column  the column's name in the header line (copied), or NULL to
 *                leave the metric out.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL opts, unknown metric), NOMEM.
 * Ownership: column is copied. Thread safety: not locked (modifies opts).
 */
CXM_API cxm_status cxm_survey_opts_set_column(cxm_survey_opts *opts, int metric, const char *column);

/**
 * One more column of a metric's kind (an "item": several CSAT questions on
 * one scale), scored on its own and reported in a block of its own, in the
 * order added. The first column added replaces the metric's default column;
 * after cxm_survey_opts_set_column it comes after the one set. Every column
 * added must exist in the file. The scale, threshold and no-answer codes of
 * the metric apply to each of its columns.
 * @param metric  a cxm_survey_metric.
 * @param column  the column's name in the header line (copied).
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL opts or column, unknown metric, a column the metric
 *         has already, more than CXM_SURVEY_COLUMNS_MAX columns), NOMEM.
 * Ownership: column is copied. Thread safety: not locked (modifies opts).
 */
CXM_API cxm_status cxm_survey_opts_add_column(cxm_survey_opts *opts, int metric, const char *column);

/**
 * Codes that mean "no answer" (0 = not applicable, 99 = refused): an answer
 * equal to one of them (as a number: "99", "99.0" and " 99 " alike) is a
 * missing answer, skipped and counted per column apart from the empty fields
 * under CXM_NAN_OMIT, an error under CXM_NAN_ERROR (spec §0.13). An answer
 * off the scale that is no code is still OUT_OF_RANGE. The codes of a
 * column are those given for its metric and those given for CXM_SURVEY_ALL.
 * A code on a metric's scale would turn real answers into missing ones
 * (0 is a detractor on the 0..10 NPS scale), so it is refused: here for the
 * metric's own codes (set the scale first), by cxm_survey_opts_set_scale
 * for a scale that takes in a code set before, and by
 * cxm_survey_report_from_csv for a code of CXM_SURVEY_ALL on the scale of a
 * metric the file has.
 * @param metric  a cxm_survey_metric, or CXM_SURVEY_ALL for every metric.
 * @param codes   the codes (copied; duplicates count once), finite numbers;
 *                NULL with n = 0 clears them.
 * @param n       at most CXM_SURVEY_NA_VALUES_MAX.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL opts, NULL codes with n > 0, unknown metric, too
 *         many codes, a code that is not finite, a code on the metric's
 *         scale: the message names the code, the metric and its scale).
 * Ownership: codes are copied. Thread safety: not locked (modifies opts).
 */
CXM_API cxm_status cxm_survey_opts_set_na_values(cxm_survey_opts *opts, int metric, const double *codes,
						  size_t n);

/**
 * A metric's answer scale, lo..hi: NPS 0..10 or 1..10 (cxm_nps_scale_range
 * gives them), CSAT any integer scale of at most 1001 points, CES 1..5 or
 * 1..7.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL opts, unknown metric, a scale the metric does not
 *         take, a CSAT scale that leaves the threshold set before off it,
 *         or a scale that takes in a no-answer code of the metric set
 *         before: the message names the metric and the numbers).
 * Ownership: nothing allocated. Thread safety: not locked (modifies opts).
 */
CXM_API cxm_status cxm_survey_opts_set_scale(cxm_survey_opts *opts, int metric, int lo, int hi);

/**
 * The CSAT threshold: an answer >= threshold is satisfied. It must lie on
 * the scale set at the time (set the scale first).
 * @param metric     CXM_SURVEY_CSAT (the only metric with a threshold).
 * @param threshold  a point of the scale, or CXM_CSAT_DEFAULT_THRESHOLD for
 *                   the default: top-2-box on scales of 5 or more points,
 *                   else the top answer.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL opts, unknown metric, a metric without a threshold,
 *         a threshold off the scale).
 * Ownership: nothing allocated. Thread safety: not locked (modifies opts).
 */
CXM_API cxm_status cxm_survey_opts_set_threshold(cxm_survey_opts *opts, int metric, int threshold);

/**
 * What an empty answer is: CXM_NAN_OMIT skips and counts it, CXM_NAN_ERROR
 * stops at it.
 * @param nan_policy  a cxm_nan_policy.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL opts, unknown policy).
 * Ownership: nothing allocated. Thread safety: not locked (modifies opts).
 */
CXM_API cxm_status cxm_survey_opts_set_nan_policy(cxm_survey_opts *opts, int nan_policy);

/**
 * The confidence level of every interval.
 * @param conf  in (0, 1), e.g. 0.95.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL opts, conf outside (0, 1) or NaN).
 * Ownership: nothing allocated. Thread safety: not locked (modifies opts).
 */
CXM_API cxm_status cxm_survey_opts_set_conf(cxm_survey_opts *opts, double conf);

/**
 * The field separator of the CSV file.
 * @param delimiter  ',' (the default), ';', '|', a tab, ...; not '"', a line
 *                   break or NUL (cxm_csv_open's rule).
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL opts, a delimiter the CSV reader refuses).
 * Ownership: nothing allocated. Thread safety: not locked (modifies opts).
 */
CXM_API cxm_status cxm_survey_opts_set_delimiter(cxm_survey_opts *opts, char delimiter);

/** A computed survey report. */
typedef struct cxm_survey_report cxm_survey_report;

/**
 * Score the columns of a CSV file.
 * @param out   out: the report, or NULL on failure.
 * @param path  the CSV file (header line first).
 * @param opts  NULL for the defaults (cxm_survey_opts); read, not kept.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL, no column to score, a column set with
 *         cxm_survey_opts_set_column or _add_column absent: names it and
 *         lists the header, none of the columns in the file, or a no-answer
 *         code for every metric on the scale of a metric the file has),
 *         IO, PARSE (malformed CSV,
 *         a score that is not a number), EMPTY (no data rows, or every answer
 *         of a column missing), NAN (an empty answer or a no-answer code
 *         under CXM_NAN_ERROR),
 *         OUT_OF_RANGE / NON_INTEGER (the first bad answer in the file:
 *         its file, line, column and text), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_survey_report_free.
 * Thread safety: pure (opts is only read).
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
 * The path the report was computed from, as the CSV reader names it
 * ("<stdin>" for "-", standard input).
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
 * The column configured for a metric (whether or not the file had it); its
 * first column when it has several.
 * @param metric  a cxm_survey_metric.
 * @return the column name, or NULL when none was configured (or for NULL /
 *         an unknown metric).
 * Errors: none.
 * Ownership: borrowed; valid until cxm_survey_report_free.
 * Thread safety: read-only.
 */
CXM_API const char *cxm_survey_report_column(const cxm_survey_report *report, int metric);

/**
 * Empty (missing) answers skipped in a metric's (first) column under
 * CXM_NAN_OMIT; the no-answer codes are counted apart
 * (cxm_survey_report_no_answer_at).
 * @param metric  a cxm_survey_metric.
 * @return the count; 0 when the metric was not computed.
 * Errors: none.
 * Ownership: nothing allocated.
 * Thread safety: read-only.
 */
CXM_API size_t cxm_survey_report_missing(const cxm_survey_report *report, int metric);

/**
 * The number of columns a metric scored (cxm_survey_opts_add_column).
 * @param metric  a cxm_survey_metric.
 * @return the count; 0 when the metric was not computed, for NULL or an
 *         unknown metric.
 * Errors: none.
 * Ownership: nothing allocated.
 * Thread safety: read-only.
 */
CXM_API size_t cxm_survey_report_columns(const cxm_survey_report *report, int metric);

/**
 * The name of a metric's column i (0 .. cxm_survey_report_columns - 1).
 * @return the column name; NULL for NULL, an unknown metric or i out of range.
 * Errors: none.
 * Ownership: borrowed; valid until cxm_survey_report_free.
 * Thread safety: read-only.
 */
CXM_API const char *cxm_survey_report_column_at(const cxm_survey_report *report, int metric, size_t i);

/**
 * Empty (missing) answers skipped in a metric's column i under CXM_NAN_OMIT.
 * @return the count; 0 for NULL, an unknown metric or i out of range.
 * Errors: none.
 * Ownership: nothing allocated.
 * Thread safety: read-only.
 */
CXM_API size_t cxm_survey_report_missing_at(const cxm_survey_report *report, int metric, size_t i);

/**
 * Answers of a metric's column i that were a no-answer code
 * (cxm_survey_opts_set_na_values), skipped under CXM_NAN_OMIT.
 * @return the count; 0 for NULL, an unknown metric or i out of range.
 * Errors: none.
 * Ownership: nothing allocated.
 * Thread safety: read-only.
 */
CXM_API size_t cxm_survey_report_no_answer_at(const cxm_survey_report *report, int metric, size_t i);

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
 * NPS of the NPS column i (cxm_survey_report_nps is column 0).
 * @param out  out->version must be set (CXM_NPS_RESULT_INIT).
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL, i out of range: names i and the columns there are),
 *         VERSION, EMPTY (the report has no NPS).
 * Ownership: nothing allocated.
 * Thread safety: read-only on the report.
 */
CXM_API cxm_status cxm_survey_report_nps_at(cxm_nps_result *out, const cxm_survey_report *report, size_t i);

/**
 * An NPS interval of the NPS column i at the report's confidence level.
 * @param out     out->version must be set (CXM_NPS_CI_INIT).
 * @param method  CXM_NPS_WALD or CXM_NPS_ADJUSTED_WALD.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL, method, i out of range), VERSION, EMPTY (no NPS).
 * Ownership: nothing allocated.
 * Thread safety: read-only on the report.
 */
CXM_API cxm_status cxm_survey_report_nps_interval_at(cxm_nps_ci *out, const cxm_survey_report *report,
						      size_t i, int method);

/**
 * CSAT of the CSAT column i (cxm_survey_report_csat is column 0).
 * @param out  out->version must be set (CXM_CSAT_RESULT_INIT).
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL, i out of range), VERSION, EMPTY (no CSAT).
 * Ownership: nothing allocated.
 * Thread safety: read-only on the report.
 */
CXM_API cxm_status cxm_survey_report_csat_at(cxm_csat_result *out, const cxm_survey_report *report, size_t i);

/**
 * CES of the CES column i (cxm_survey_report_ces is column 0).
 * @param out  out->version must be set (CXM_CES_RESULT_INIT).
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL, i out of range), VERSION, EMPTY (no CES).
 * Ownership: nothing allocated.
 * Thread safety: read-only on the report.
 */
CXM_API cxm_status cxm_survey_report_ces_at(cxm_ces_result *out, const cxm_survey_report *report, size_t i);

/**
 * Render as a readable text table (CXM_FORMAT_TEXT) or as JSON
 * (CXM_FORMAT_JSON). The JSON object has the keys file, rows, conf,
 * nan_policy, one per metric (nps, csat, ces: an object, or null when the
 * metric was not computed), missing and notes. A metric with several
 * columns is an array of its objects instead, in the order of its columns,
 * and its member of missing an array of counts. When no-answer codes were
 * set, the keys no_answer (the counts, shaped as missing) and na_values
 * (each metric's codes, an array) follow missing (spec §0.13). The text has
 * a block per column, with a "no answer" row when codes were set. Numbers
 * are printed with full precision (the shortest text that reads back
 * exactly); NaN (an SD of one answer) is null.
 * A report with groups, a time column, support times, drivers or themes
 * (spec §18.7) is rendered from its tables instead: TEXT aligned tables,
 * JSON the §18.7 object, CSV the cells table. Any report renders as HTML
 * (CXM_FORMAT_HTML): one self-contained page from its tables (spec §18.9);
 * a plain report refuses CSV.
 * @param out     out: a NUL-terminated string ending in a newline, or NULL on failure.
 * @param format  a cxm_format (names.h): CXM_FORMAT_TEXT, CXM_FORMAT_JSON,
 *                CXM_FORMAT_CSV (grouped reports) or CXM_FORMAT_HTML.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL, a format the report is not rendered in), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_free.
 * Thread safety: read-only on the report.
 */
CXM_API cxm_status cxm_survey_report_render(char **out, const cxm_survey_report *report, int format);

/* ---- the grouped report (spec §18) ------------------------------------------ */

/** The most group columns of a report (cxm_survey_opts_add_group). */
#define CXM_SURVEY_GROUPS_MAX 8
/** The default privacy threshold of a grouped or trended report. */
#define CXM_SURVEY_MIN_N_DEFAULT 10

/**
 * Why a row was skipped under cxm_survey_opts_set_skip_bad_rows: the words
 * ("ragged", "invalid_utf8", "not_a_number", "off_scale", "bad_timestamp")
 * are the names table CXM_NAMES_SURVEY_SKIP.
 */
typedef enum cxm_survey_skip {
	CXM_SURVEY_SKIP_RAGGED = 0,        /**< a record with too few or too many fields */
	CXM_SURVEY_SKIP_INVALID_UTF8 = 1,  /**< a field that is not UTF-8 */
	CXM_SURVEY_SKIP_NOT_A_NUMBER = 2,  /**< an answer that is no number */
	CXM_SURVEY_SKIP_OFF_SCALE = 3,     /**< an answer off its scale or not a whole point */
	CXM_SURVEY_SKIP_BAD_TIMESTAMP = 4  /**< a time that is no ISO-8601 timestamp, or a
					       support time that runs backwards */
} cxm_survey_skip;

/**
 * One more column to break the report down by: each distinct value (as
 * text, compared bytewise) of each group column makes cells of its own,
 * and every period gets a total row whose group columns read "(all)".
 * @param column  the column's name (copied); it must exist in the input.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL, a column added twice, more than
 *         CXM_SURVEY_GROUPS_MAX groups), NOMEM.
 * Ownership: column is copied. Thread safety: not locked (modifies opts).
 */
CXM_API cxm_status cxm_survey_opts_add_group(cxm_survey_opts *opts, const char *column);

/**
 * The time column and the period the rows are bucketed by (spec §18.2):
 * each row goes to the period holding its timestamp seen at the UTC offset.
 * @param column              the column (copied), or NULL to clear the time.
 * @param period              a cxm_period: day 0, ISO week 1, month 2,
 *                            quarter 3, year 4.
 * @param utc_offset_minutes  -840..840: the local time of the buckets.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL opts, unknown period, offset out of range), NOMEM.
 * Ownership: column is copied. Thread safety: not locked (modifies opts).
 */
CXM_API cxm_status cxm_survey_opts_set_time(cxm_survey_opts *opts, const char *column, int period,
					 int utc_offset_minutes);

/**
 * The privacy threshold: in a report with groups or a time column, a cell
 * with fewer than min_n answers is suppressed (its numbers withheld; spec
 * §18.5). A plain report is never suppressed.
 * @param min_n  0 suppresses nothing; the default is CXM_SURVEY_MIN_N_DEFAULT.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL opts).
 * Ownership: nothing allocated. Thread safety: not locked (modifies opts).
 */
CXM_API cxm_status cxm_survey_opts_set_min_n(cxm_survey_opts *opts, size_t min_n);

/**
 * How p-values are adjusted across each output table (one family per table).
 * @param method  a cxm_p_adjust: none 0, Holm 1 (the default), Benjamini-Hochberg 2.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL opts, unknown method).
 * Ownership: nothing allocated. Thread safety: not locked (modifies opts).
 */
CXM_API cxm_status cxm_survey_opts_set_adjust(cxm_survey_opts *opts, int method);

/**
 * Support-time columns (spec §18.6): first-response time = first_reply -
 * created, resolution time = resolved - created, in seconds, each cell
 * giving their mean, median and p90. An empty first_reply (resolved) is an
 * unanswered (unresolved) ticket, counted apart. The durations are kept
 * until the report is computed: 8 bytes per ticket and time.
 * @param created      the creation time column (copied), or NULL to clear all three.
 * @param first_reply  the first reply column (copied); needed with created.
 * @param resolved     the resolution column (copied), or NULL.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL opts, created without first_reply), NOMEM.
 * Ownership: the names are copied. Thread safety: not locked (modifies opts).
 */
CXM_API cxm_status cxm_survey_opts_set_times(cxm_survey_opts *opts, const char *created,
					  const char *first_reply, const char *resolved);

/**
 * Skip bad rows instead of stopping at the first one: a row with an answer
 * that is no number or off its scale, or a bad timestamp, is left out and
 * counted by reason (cxm_survey_report_skipped). Without it the first bad
 * row stops the run with its file, line, column and value.
 * @param on  1 to skip, 0 to stop (the default).
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL opts).
 * Ownership: nothing allocated. Thread safety: not locked (modifies opts).
 */
CXM_API cxm_status cxm_survey_opts_set_skip_bad_rows(cxm_survey_opts *opts, unsigned int on);

/**
 * The threads that read and score the input. The results are the same
 * bytes whatever the count.
 * @param threads  0: the default (cxm_threads(): cxm_set_threads, else
 *                 CXM_THREADS, else every core; threads.h); 1: none started;
 *                 at most 64.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL opts, more than 64).
 * Ownership: nothing allocated. Thread safety: not locked (modifies opts).
 */
CXM_API cxm_status cxm_survey_opts_set_threads(cxm_survey_opts *opts, unsigned int threads);

/** A progress callback: done of total (bytes of a file; total 0 when unknown). */
typedef void (*cxm_survey_progress_fn)(void *user, double done, double total);

/**
 * A progress callback, called on the calling thread while the input is read.
 * @param fn    the callback, or NULL for none.
 * @param user  passed to fn.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL opts).
 * Ownership: user is the caller's. Thread safety: not locked (modifies opts).
 */
CXM_API cxm_status cxm_survey_opts_set_progress(cxm_survey_opts *opts, cxm_survey_progress_fn fn, void *user);

/**
 * Score the columns of a table: answers NUMBER (NaN = missing), group
 * columns TEXT (a NUMBER column's values as their shortest round-trip
 * text), the time column TEXT (ISO-8601, as in a CSV file), DAY or NUMBER
 * (Unix seconds UTC), support-time columns alike. Lines in messages are
 * row numbers counted from 1. Otherwise as cxm_survey_report_from_csv.
 * @param out   out: the report, or NULL on failure.
 * @param t     the table (read, not kept).
 * @param opts  NULL for the defaults.
 * @return CXM_OK or a negative code.
 * Errors: as cxm_survey_report_from_csv; BAD_ARG also for a column of a
 *         type the report cannot read.
 * Ownership: *out is the caller's; free it with cxm_survey_report_free.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_survey_report_from_table(cxm_survey_report **out, const cxm_table *t,
					     const cxm_survey_opts *opts);

/**
 * The cells table (spec §18.7): one row per group x period x metric, with
 * n, score, interval, change against the previous period, p-values and the
 * suppression flag; attributes rows, rows_skipped, skipped_<reason>, min_n,
 * conf, adjust and file. A plain report gives its one cell.
 * @param out  out: the table, or NULL on failure.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_table_free.
 * Thread safety: read-only on the report.
 */
CXM_API cxm_status cxm_survey_report_cells(cxm_table **out, const cxm_survey_report *report);

/**
 * The group-vs-rest table (spec §18.4): each group cell against the other
 * groups of its period; an empty table (its columns, no rows) without groups.
 * @param out  out: the table, or NULL on failure.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_table_free.
 * Thread safety: read-only on the report.
 */
CXM_API cxm_status cxm_survey_report_vs_rest(cxm_table **out, const cxm_survey_report *report);

/**
 * Rows skipped for a reason (cxm_survey_opts_set_skip_bad_rows).
 * @param reason  a cxm_survey_skip.
 * @return the count; 0 for NULL or an unknown reason.
 * Errors: none. Ownership: nothing allocated. Thread safety: read-only.
 */
CXM_API size_t cxm_survey_report_skipped(const cxm_survey_report *report, int reason);

/**
 * Key drivers in the report (spec §19, cxm_drivers_fit): the outcome and
 * driver columns of every row scored (bad rows skipped are left out), in
 * file order, are fitted once the input is read; a driver column whose
 * non-empty values are all numbers is numeric, else categorical. Rows with
 * a missing value are dropped and counted (the drivers table's attribute
 * rows_dropped). The rows are kept until then: the outcome and each
 * driver's text, per row.
 * @param outcome    the outcome column (copied), or NULL: the first NPS
 *                   column, else the first CSAT column.
 * @param columns    n_columns driver columns (copied); NULL with n_columns = 0
 *                   clears the drivers.
 * @param n_columns  at most CXM_DRIVERS_MAX_PLAYERS.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL opts, NULL columns with n > 0, a NULL name, too
 *         many drivers, a column given twice or as the outcome too), NOMEM.
 * Ownership: the names are copied. Thread safety: not locked (modifies opts).
 */
CXM_API cxm_status cxm_survey_opts_set_drivers(cxm_survey_opts *opts, const char *outcome,
					    const char *const *columns, size_t n_columns);

/**
 * Themes in comments (spec §20, cxm_themes_match): each non-empty comment is
 * tagged with the themes it mentions; per cell and theme the report gives
 * the comments, the mentions, their share, and the NPS (else % satisfied)
 * of the mentioners against the other commenters with its test (THEMES,
 * cxm_survey_report_themes).
 * @param themes          the theme table, or NULL to clear; referenced, not
 *                        copied: it must outlive every cxm_survey_report_from_*
 *                        call made with these options.
 * @param comment_column  the comment column (copied); needed with themes.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL opts, themes without a comment column), NOMEM.
 * Ownership: themes stays the caller's. Thread safety: not locked (modifies opts).
 */
CXM_API cxm_status cxm_survey_opts_set_themes(cxm_survey_opts *opts, const cxm_themes *themes,
					   const char *comment_column);

/**
 * The key drivers table (cxm_drivers_table's schema and attributes: r2, n,
 * outcome, rows_dropped, ...); an empty table (no columns) when no drivers
 * were asked for.
 * @param out  out: the table, or NULL on failure.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_table_free.
 * Thread safety: read-only on the report.
 */
CXM_API cxm_status cxm_survey_report_drivers(cxm_table **out, const cxm_survey_report *report);

/**
 * The themes table (spec §18.7): group columns, period, theme, comments,
 * mentions, share, metric, score_mentioned, score_other, diff, p_value,
 * p_adjusted, suppressed; an empty table (no columns) without themes.
 * @param out  out: the table, or NULL on failure.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_table_free.
 * Thread safety: read-only on the report.
 */
CXM_API cxm_status cxm_survey_report_themes(cxm_table **out, const cxm_survey_report *report);

/**
 * The CX pyramid and the CX Index in the report (spec §25, cxm_cxi): per
 * cell (each group value with the "(all)" total, each period, as the CELLS
 * table has them) the CXi, its three question scores and the pyramid levels
 * (PYRAMID, cxm_survey_report_pyramid), with the report's min_n and
 * complementary suppression. Answers are checked as the metrics' are (file,
 * line, column, value); a missing answer follows the options' nan_policy
 * (omit: it leaves its question's denominator and the respondent leaves the
 * levels). A report may score only the pyramid: leave every metric out
 * (cxm_survey_opts_set_column with NULL) or let the default columns be absent.
 * @param needs    the "met my needs" column (copied); NULL clears the
 *                 pyramid (ease and emotion are then ignored).
 * @param ease     the "was easy" column (copied).
 * @param emotion  the "was enjoyable" column (copied).
 * @param lo       the lowest answer of the scale (1: marketr's).
 * @param hi       the highest answer (5: marketr's).
 * @param high     an answer >= high is HIGH (CXM_CXI_DEFAULT_HIGH, 4 on 1-5).
 * @param low      an answer <= low is LOW (CXM_CXI_DEFAULT_LOW, 2 on 1-5);
 *                 lo <= low < high <= hi.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL opts; ease or emotion NULL with needs; a column
 *         given twice; scale or cut points invalid), NOMEM.
 * Ownership: the names are copied. Thread safety: not locked (modifies opts).
 */
CXM_API cxm_status cxm_survey_opts_set_pyramid(cxm_survey_opts *opts, const char *needs, const char *ease,
					    const char *emotion, int lo, int hi, int high, int low);

/**
 * The PYRAMID table (spec §25.4): each group column (with "(all)"), period,
 * n (complete respondents), cxi, cxi_lower, cxi_upper, needs, ease,
 * emotion, level1, level2, level3, suppressed, then needs_lower,
 * needs_upper, ease_lower, ease_upper, emotion_lower, emotion_upper,
 * level1_lower ... level3_upper, respondents, n_needs, n_ease, n_emotion;
 * attributes kind "pyramid", high, low, lo, hi, min_n, conf, nan_policy, the
 * three column names, rows_read, file.
 * An empty table (no columns) when no pyramid was asked for.
 * @param out  out: the table, or NULL on failure.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_table_free.
 * Thread safety: read-only on the report.
 */
CXM_API cxm_status cxm_survey_report_pyramid(cxm_table **out, const cxm_survey_report *report);

/* ---- issue 13: the journey page (spec §26) ---------------------------------------------------- */

/**
 * One self-contained HTML page (inline CSS and SVG, no URL, no script
 * needed) drawing the journey tables given, each recognised by its TEXT
 * attribute `kind` (spec §26):
 *  - "funnel" (cxm_funnel_steps): horizontal bars per step, length = overall
 *    % of step 1, with the conversion from the previous step, its Wilson
 *    whisker and the drop-off; one bar per group when the table has group
 *    columns (TEXT columns before `step`), the "(all)" total first;
 *  - "funnel_next" (cxm_funnel_next_events), "funnel_tests"
 *    (cxm_funnel_tests): tables under the funnel;
 *  - "cohort" (cxm_cohort_table): a retention heat-map, cohorts x periods,
 *    colour = retention %, the value printed in each cell, with a legend;
 *  - "pyramid" (cxm_survey_report_pyramid): the three levels stacked as a
 *    pyramid per group at the latest period, CXi and the question scores
 *    beside it, suppressed cells marked;
 *  - "transitions", "paths", "touchpoints": plain tables.
 * Each chart is followed by its table, every column shown. A table with no
 * columns and no `kind` draws nothing; a "funnel_tests" table without rows
 * (a funnel without a breakdown) says so in one line.
 * @param out       out: the page (UTF-8, NUL-terminated), or NULL on failure.
 * @param tables    n_tables tables, in the order the page shows them.
 * @param n_tables  at least 1.
 * @param title     the page's title (escaped), or NULL for "Customer journey".
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (out NULL; tables NULL or n_tables 0; tables[i] NULL; a
 *         table without a `kind`, or of a kind not listed above, naming it
 *         and the kinds; a column its schema needs missing or of another type,
 *         naming tables[i], the kind, the column and the columns it has),
 *         NOMEM.
 * Ownership: *out is the caller's; free it with cxm_free. The tables stay
 *            the caller's.
 * Thread safety: pure (reads the tables only).
 */
CXM_API cxm_status cxm_journey_render_html(char **out, const cxm_table *const *tables, size_t n_tables,
					   const char *title);

CXM_END_DECL

#endif
