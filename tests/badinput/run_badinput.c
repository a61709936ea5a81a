/*
 * tests/badinput/run_badinput.c - the bad-input catalogue through C
 * (tests/badinput/README.md), a check test with one loop iteration per case of
 * cases.json (read with cJSON): the call the case names must return the
 * manifest's status with cxm_error_last() = "STATUS: message", or succeed with
 * the manifest's values. A case or a call with a key this runner does not know
 * fails, so that no expectation of the manifest is silently left out.
 *
 * usage: run_badinput DIR   (DIR holds cases.json and data/)
 */
#define _POSIX_C_SOURCE 200809L
#define CXM_EXPERIMENTAL
#include <check.h>
#include <cjson/cJSON.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cxmetrics.h"
#include "cxmetrics/experimental.h"

static cJSON *cases;        /* its "cases" array */
static char data[2048];     /* DIR/data */

/* A call of the catalogue: its status, and on success the checks of "result". */
typedef int (*call_fn)(const char *path, const cJSON *call, const cJSON *result);

static const char *str(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* text with {FILE} -> path and {DATA} -> the data folder; the caller frees it. */
static char *fill(const char *text, const char *path)
{
	size_t cap = strlen(text) + 1, used = 0;
	char *out;
	const char *p;
	for (p = text; (p = strchr(p, '{')) != NULL; p++)
		cap += strlen(path) + strlen(data);
	out = malloc(cap);
	ck_assert_ptr_nonnull(out);
	for (p = text; *p;) {
		const char *with = strncmp(p, "{FILE}", 6) == 0 ? path : strncmp(p, "{DATA}", 6) == 0 ? data : NULL;
		if (with) {
			memcpy(out + used, with, strlen(with));
			used += strlen(with);
			p += 6;
		} else {
			out[used++] = *p++;
		}
	}
	out[used] = '\0';
	return out;
}

/* Every key of `want` is in `got` with an equal value (numbers exactly). */
static void subset(const cJSON *want, const cJSON *got, const char *where)
{
	char at[512];
	const cJSON *w;
	ck_assert_msg(got != NULL, "%s: missing", where);
	if (cJSON_IsObject(want)) {
		ck_assert_msg(cJSON_IsObject(got), "%s is not an object", where);
		cJSON_ArrayForEach(w, want) {
			snprintf(at, sizeof at, "%s.%s", where, w->string);
			subset(w, cJSON_GetObjectItemCaseSensitive(got, w->string), at);
		}
	} else if (cJSON_IsNumber(want)) {
		ck_assert_msg(cJSON_IsNumber(got) && got->valuedouble == want->valuedouble, "%s = %.17g, expected %.17g",
			      where, cJSON_IsNumber(got) ? got->valuedouble : NAN, want->valuedouble);
	} else if (cJSON_IsString(want)) {
		ck_assert_msg(cJSON_IsString(got) && strcmp(got->valuestring, want->valuestring) == 0,
			      "%s = '%s', expected '%s'", where, cJSON_IsString(got) ? got->valuestring : "?",
			      want->valuestring);
	} else {
		ck_assert_msg(cJSON_Compare(want, got, 1), "%s differs", where);
	}
}

/* "rows", "columns" {name: [values]} and "attrs" {name: number} of a table. */
static void check_table(const cxm_table *t, const cJSON *want)
{
	const cJSON *rows = cJSON_GetObjectItemCaseSensitive(want, "rows"), *c, *v;
	size_t col, r;
	int type;
	if (rows)
		ck_assert_uint_eq(cxm_table_rows(t), (size_t)rows->valuedouble);
	cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(want, "columns")) {
		ck_assert_msg(cxm_table_column_index(&col, t, c->string) == CXM_OK, "no column %s", c->string);
		ck_assert_int_eq(cxm_table_column_type(&type, t, col), CXM_OK);
		ck_assert_uint_eq(cxm_table_rows(t), (size_t)cJSON_GetArraySize(c));
		r = 0;
		cJSON_ArrayForEach(v, c) {
			if (type == CXM_TABLE_TEXT)
				ck_assert_str_eq(cxm_table_texts(t, col)[r], v->valuestring);
			else
				ck_assert_msg(cxm_table_numbers(t, col)[r] == v->valuedouble, "%s[%zu] = %.17g, expected %.17g",
					      c->string, r, cxm_table_numbers(t, col)[r], v->valuedouble);
			r++;
		}
	}
	cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(want, "attrs")) {
		double x = NAN;
		ck_assert_int_eq(cxm_table_get_attr_number(&x, t, c->string), CXM_OK);
		ck_assert_msg(x == c->valuedouble, "attr %s = %.17g, expected %.17g", c->string, x, c->valuedouble);
	}
}

/* A word of a names table (CXM_NAMES_*) as its value. */
static int word_value(int table, const char *word)
{
	int v = -1;
	ck_assert_msg(cxm_names_parse(&v, table, word) == CXM_OK, "%s", cxm_error_last()->message);
	return v;
}

/* {"fn": "table_read_csv", "columns": [[name, type word, "required,not_empty"], ...], "delimiter",
 *  "date_format", "decimal_comma"} */
static int call_table_read_csv(const char *path, const cJSON *call, const cJSON *result)
{
	const char *delim = str(call, "delimiter");
	const cJSON *c;
	cxm_csv_spec *spec = NULL;
	cxm_table *t = NULL;
	int rc;
	ck_assert_int_eq(cxm_csv_spec_new(&spec), CXM_OK);
	if (delim)
		ck_assert_int_eq(cxm_csv_spec_set_delimiter(spec, delim[0]), CXM_OK);
	if (str(call, "date_format"))
		ck_assert_int_eq(cxm_csv_spec_set_date_format(spec, str(call, "date_format")), CXM_OK);
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(call, "decimal_comma")))
		ck_assert_int_eq(cxm_csv_spec_set_decimal_comma(spec, 1), CXM_OK);
	cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(call, "columns")) {
		const char *flags = cJSON_GetArrayItem(c, 2)->valuestring;
		int type, f = (strstr(flags, "required") ? CXM_CSV_REQUIRED : 0) |
			      (strstr(flags, "not_empty") ? CXM_CSV_NOT_EMPTY : 0);
		ck_assert_int_eq(cxm_names_parse(&type, CXM_NAMES_TABLE_TYPE, cJSON_GetArrayItem(c, 1)->valuestring),
				 CXM_OK);
		ck_assert_int_eq(cxm_csv_spec_add_column(spec, cJSON_GetArrayItem(c, 0)->valuestring, type, f), CXM_OK);
	}
	rc = cxm_table_read_csv(&t, path, spec);
	if (rc == CXM_OK)
		check_table(t, result);
	cxm_table_free(t);
	cxm_csv_spec_free(spec);
	return rc;
}

/* {"fn": "survey", "delimiter", "na_values" (no-answer codes of every metric), "nps_na_values",
 *  "csat_na_values", "ces_na_values" (of one metric)}: the report's JSON holds "result"."json". */
static int call_survey(const char *path, const cJSON *call, const cJSON *result)
{
	const char *delim = str(call, "delimiter");
	static const struct { const char *key; int metric; } na_keys[] = {
		{ "na_values", CXM_SURVEY_ALL }, { "nps_na_values", CXM_SURVEY_NPS },
		{ "csat_na_values", CXM_SURVEY_CSAT }, { "ces_na_values", CXM_SURVEY_CES } };
	const cJSON *na, *c;
	size_t m;
	cxm_survey_opts *o = NULL;
	cxm_survey_report *report = NULL;
	char *text = NULL;
	cJSON *doc;
	int rc;
	ck_assert_int_eq(cxm_survey_opts_new(&o), CXM_OK);
	if (delim)
		ck_assert_int_eq(cxm_survey_opts_set_delimiter(o, delim[0]), CXM_OK);
	/* the codes of every metric first, then each metric's (as cxm survey sets them) */
	for (m = 0; m < sizeof na_keys / sizeof *na_keys; m++) {
		double codes[16];
		size_t n = 0;
		if ((na = cJSON_GetObjectItemCaseSensitive(call, na_keys[m].key)) == NULL)
			continue;
		cJSON_ArrayForEach(c, na) {
			ck_assert_uint_lt(n, sizeof codes / sizeof *codes);
			codes[n++] = c->valuedouble;
		}
		ck_assert_int_eq(cxm_survey_opts_set_na_values(o, na_keys[m].metric, codes, n), CXM_OK);
	}
	rc = cxm_survey_report_from_csv(&report, path, o);
	cxm_survey_opts_free(o);
	if (rc == CXM_OK) {
		ck_assert_int_eq(cxm_survey_report_render(&text, report, CXM_FORMAT_JSON), CXM_OK);
		ck_assert_ptr_nonnull(doc = cJSON_Parse(text));
		subset(cJSON_GetObjectItemCaseSensitive(result, "json"), doc, "json");
		cJSON_Delete(doc);
		cxm_free(text);
	}
	cxm_survey_report_free(report);
	return rc;
}

/* A list of texts of the call ("by", "times", "drivers"): *n of them, at most cap. */
static size_t texts(const char **out, size_t cap, const cJSON *call, const char *key)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(call, key), *c;
	size_t n = 0;
	cJSON_ArrayForEach(c, a) {
		ck_assert_uint_lt(n, cap);
		out[n++] = c->valuestring;
	}
	return n;
}

/* {"fn": "survey_grouped", "by" [columns], "time", "every" (a period word), "utc_offset"
 *  ("+HH:MM"), "min_n", "adjust" (a word), "times" [2 or 3 columns], "drivers" [columns],
 *  "comment_column", "themes" (a JSON file of data/), "ces_scale" [lo, hi], "ces_agree",
 *  "skip_bad_rows" (true)}: the report by group and period, the options set in the order
 *  `cxm survey` sets them; a word the names table refuses, or a setter's refusal, is the
 *  case's status. The report's JSON holds "result"."json". */
static int call_survey_grouped(const char *path, const cJSON *call, const cJSON *result)
{
	const char *list[16], *w;
	const cJSON *v;
	char file[4096];
	size_t n, k;
	int rc = CXM_OK, period = 0, method, minutes = 0;
	cxm_survey_opts *o = NULL;
	cxm_survey_report *report = NULL;
	cxm_themes *themes = NULL;
	char *text = NULL;
	cJSON *doc;
	ck_assert_int_eq(cxm_survey_opts_new(&o), CXM_OK);
	n = texts(list, 16, call, "by");
	for (k = 0; k < n && rc == CXM_OK; k++)
		rc = cxm_survey_opts_add_group(o, list[k]);
	if (rc == CXM_OK && (w = str(call, "time")) != NULL) {
		const char *off = str(call, "utc_offset");
		if (off) { /* "+HH:MM" */
			ck_assert_uint_eq(strlen(off), 6);
			minutes = ((off[1] - '0') * 10 + (off[2] - '0')) * 60 + (off[4] - '0') * 10 + (off[5] - '0');
			minutes = off[0] == '-' ? -minutes : minutes;
		}
		if ((rc = cxm_names_parse(&period, CXM_NAMES_PERIOD, str(call, "every"))) == CXM_OK)
			rc = cxm_survey_opts_set_time(o, w, period, minutes);
	}
	if (rc == CXM_OK && (v = cJSON_GetObjectItemCaseSensitive(call, "min_n")) != NULL)
		rc = cxm_survey_opts_set_min_n(o, (size_t)v->valuedouble);
	if (rc == CXM_OK && (w = str(call, "adjust")) != NULL &&
	    (rc = cxm_names_parse(&method, CXM_NAMES_P_ADJUST, w)) == CXM_OK)
		rc = cxm_survey_opts_set_adjust(o, method);
	if (rc == CXM_OK && (n = texts(list, 16, call, "times")) > 0)
		rc = cxm_survey_opts_set_times(o, list[0], list[1], n > 2 ? list[2] : NULL);
	if (rc == CXM_OK && (n = texts(list, 16, call, "drivers")) > 0)
		rc = cxm_survey_opts_set_drivers(o, NULL, list, n);
	if (rc == CXM_OK && (w = str(call, "comment_column")) != NULL) {
		if (str(call, "themes")) {
			snprintf(file, sizeof file, "%s/%s", data, str(call, "themes"));
			rc = cxm_themes_read_json(&themes, file);
		} else {
			rc = cxm_themes_default(&themes);
		}
		if (rc == CXM_OK)
			rc = cxm_survey_opts_set_themes(o, themes, w);
	}
	if (rc == CXM_OK && (v = cJSON_GetObjectItemCaseSensitive(call, "ces_scale")) != NULL)
		rc = cxm_survey_opts_set_scale(o, CXM_SURVEY_CES, cJSON_GetArrayItem(v, 0)->valueint,
					       cJSON_GetArrayItem(v, 1)->valueint);
	if (rc == CXM_OK && (v = cJSON_GetObjectItemCaseSensitive(call, "ces_agree")) != NULL)
		rc = cxm_survey_opts_set_threshold(o, CXM_SURVEY_CES, v->valueint);
	if (rc == CXM_OK && cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(call, "skip_bad_rows")))
		rc = cxm_survey_opts_set_skip_bad_rows(o, 1);
	if (rc == CXM_OK)
		rc = cxm_survey_report_from_csv(&report, path, o);
	cxm_survey_opts_free(o);
	if (rc == CXM_OK) {
		ck_assert_int_eq(cxm_survey_report_render(&text, report, CXM_FORMAT_JSON), CXM_OK);
		ck_assert_ptr_nonnull(doc = cJSON_Parse(text));
		subset(cJSON_GetObjectItemCaseSensitive(result, "json"), doc, "json");
		cJSON_Delete(doc);
		cxm_free(text);
	}
	cxm_survey_report_free(report);
	cxm_themes_free(themes);
	return rc;
}

/* {"fn": "pyramid", "needs", "ease", "emotion" (columns; default needs, ease, emotion),
 *  "by" [columns], "nan_policy" (a word)}: the survey report with the pyramid alone (issue 13,
 *  spec §25), as `cxm pyramid` sets it up; its PYRAMID table is "result"."rows" when given. */
static int call_pyramid(const char *path, const cJSON *call, const cJSON *result)
{
	const char *list[16], *w;
	size_t n, k;
	int rc = CXM_OK, m, policy;
	cxm_survey_opts *o = NULL;
	cxm_survey_report *report = NULL;
	cxm_table *t = NULL;
	ck_assert_int_eq(cxm_survey_opts_new(&o), CXM_OK);
	for (m = 0; m < 3; m++)
		ck_assert_int_eq(cxm_survey_opts_set_column(o, m, NULL), CXM_OK);
	rc = cxm_survey_opts_set_pyramid(o, str(call, "needs") ? str(call, "needs") : "needs",
					 str(call, "ease") ? str(call, "ease") : "ease",
					 str(call, "emotion") ? str(call, "emotion") : "emotion", 1, 5, CXM_CXI_DEFAULT_HIGH,
					 CXM_CXI_DEFAULT_LOW);
	n = texts(list, 16, call, "by");
	for (k = 0; k < n && rc == CXM_OK; k++)
		rc = cxm_survey_opts_add_group(o, list[k]);
	if (rc == CXM_OK && (w = str(call, "nan_policy")) != NULL &&
	    (rc = cxm_names_parse(&policy, CXM_NAMES_NAN_POLICY, w)) == CXM_OK)
		rc = cxm_survey_opts_set_nan_policy(o, policy);
	if (rc == CXM_OK)
		rc = cxm_survey_report_from_csv(&report, path, o);
	cxm_survey_opts_free(o);
	if (rc == CXM_OK) {
		ck_assert_int_eq(cxm_survey_report_pyramid(&t, report), CXM_OK);
		ck_assert_uint_eq(cxm_table_rows(t), (size_t)cJSON_GetObjectItemCaseSensitive(result, "rows")->valuedouble);
		cxm_table_free(t);
	}
	cxm_survey_report_free(report);
	return rc;
}

/* {"fn": "rfm_orders", "customer", "date", "amount", "analysis_date"}: read, then aggregate (returns: keep). */
static int call_rfm_orders(const char *path, const cJSON *call, const cJSON *result)
{
	cxm_table *orders = NULL, *customers = NULL;
	double day;
	int rc;
	ck_assert_int_eq(cxm_date_parse(&day, str(call, "analysis_date")), CXM_OK);
	rc = cxm_rfm_orders_read_csv(&orders, path, str(call, "customer"), str(call, "date"), str(call, "amount"),
				     NULL, NULL, 0);
	if (rc == CXM_OK && (rc = cxm_rfm_orders_aggregate_table(&customers, orders, day, NAN,
								 CXM_RFM_RETURNS_KEEP)) == CXM_OK)
		check_table(customers, result);
	cxm_table_free(customers);
	cxm_table_free(orders);
	return rc;
}

/* {"fn": "txlog_read_csv", "customer", "date", "amount", "quantity", "price", "missing_ids",
 *  "returns", "date_format", "delimiter", "decimal_comma"}: the clean log (its counts in "attrs"). */
static int call_txlog_read_csv(const char *path, const cJSON *call, const cJSON *result)
{
	cxm_txlog_opts *o = NULL;
	cxm_table *t = NULL;
	const char *w;
	int rc;
	ck_assert_int_eq(cxm_txlog_opts_new(&o), CXM_OK);
	ck_assert_int_eq(cxm_txlog_opts_set_columns(o, str(call, "customer"), str(call, "date"), str(call, "amount")),
			 CXM_OK);
	if (str(call, "quantity") || str(call, "price"))
		ck_assert_int_eq(cxm_txlog_opts_set_quantity_price(o, str(call, "quantity"), str(call, "price")), CXM_OK);
	if ((w = str(call, "missing_ids")) != NULL)
		ck_assert_int_eq(cxm_txlog_opts_set_missing_ids(o, word_value(CXM_NAMES_MISSING_IDS, w)), CXM_OK);
	if ((w = str(call, "returns")) != NULL)
		ck_assert_int_eq(cxm_txlog_opts_set_returns(o, word_value(CXM_NAMES_RFM_RETURNS, w)), CXM_OK);
	if ((w = str(call, "date_format")) != NULL)
		ck_assert_int_eq(cxm_txlog_opts_set_date_format(o, w), CXM_OK);
	if ((w = str(call, "delimiter")) != NULL)
		ck_assert_int_eq(cxm_txlog_opts_set_delimiter(o, w[0]), CXM_OK);
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(call, "decimal_comma")))
		ck_assert_int_eq(cxm_txlog_opts_set_decimal_comma(o, 1), CXM_OK);
	rc = cxm_txlog_read_csv(&t, path, o);
	if (rc == CXM_OK)
		check_table(t, result);
	cxm_table_free(t);
	cxm_txlog_opts_free(o);
	return rc;
}

/* {"fn": "funnel", "customer", "time", "event", "steps" [names], "window" (seconds, or a duration
 *  text through cxm_duration_parse), "mode" (a word)}: the log read, then the funnel (spec §22). */
static int call_funnel(const char *path, const cJSON *call, const cJSON *result)
{
	cxm_events_opts *eo = NULL;
	cxm_events *e = NULL;
	cxm_funnel_opts *fo = NULL;
	cxm_funnel *f = NULL;
	cxm_table *t = NULL;
	const cJSON *steps = cJSON_GetObjectItemCaseSensitive(call, "steps"), *w, *s;
	const char *names[32], *m;
	size_t n = 0;
	double window = 7 * 86400.0;
	int rc;
	cJSON_ArrayForEach(s, steps) {
		ck_assert_uint_lt(n, 32);
		names[n++] = s->valuestring;
	}
	ck_assert_int_eq(cxm_events_opts_new(&eo), CXM_OK);
	ck_assert_int_eq(cxm_events_opts_set_columns(eo, str(call, "customer"), str(call, "time"), str(call, "event")),
			 CXM_OK);
	ck_assert_int_eq(cxm_funnel_opts_new(&fo), CXM_OK);
	if ((m = str(call, "mode")) != NULL)
		ck_assert_int_eq(cxm_funnel_opts_set_mode(fo, word_value(CXM_NAMES_FUNNEL_MODE, m)), CXM_OK);
	w = cJSON_GetObjectItemCaseSensitive(call, "window");
	rc = CXM_OK;
	if (cJSON_IsNumber(w))
		window = w->valuedouble;
	else if (cJSON_IsString(w))
		rc = cxm_duration_parse(&window, w->valuestring);
	if (rc == CXM_OK && (rc = cxm_events_read_csv(&e, path, eo)) == CXM_OK &&
	    (rc = cxm_funnel_run(&f, e, names, n, window, fo)) == CXM_OK &&
	    (rc = cxm_funnel_steps(&t, f)) == CXM_OK)
		check_table(t, result);
	cxm_table_free(t);
	cxm_funnel_free(f);
	cxm_funnel_opts_free(fo);
	cxm_events_free(e);
	cxm_events_opts_free(eo);
	return rc;
}

/* {"fn": "clv_fit", "model"}: the model fitted (default options) to a summary file read with
 * number inference, as `cxm clv fit`; "result" holds "fit_status" (its word) and "warning"
 * (cxm_clv_fit_warning's sentence, "" for a fit that converged). */
static int call_clv_fit(const char *path, const cJSON *call, const cJSON *result)
{
	cxm_clv_fit_result fit = CXM_CLV_FIT_RESULT_INIT;
	cxm_csv_spec *spec = NULL;
	cxm_table *summary = NULL;
	char sentence[512];
	int rc;
	ck_assert_int_eq(cxm_csv_spec_new(&spec), CXM_OK);
	ck_assert_int_eq(cxm_csv_spec_set_infer_numbers(spec, 1), CXM_OK);
	if ((rc = cxm_table_read_csv(&summary, path, spec)) == CXM_OK &&
	    (rc = cxm_clv_fit_table(&fit, word_value(CXM_NAMES_CLV_MODEL, str(call, "model")), summary, NULL)) ==
		    CXM_OK) {
		ck_assert_str_eq(cxm_names_word(CXM_NAMES_CLV_FIT_STATUS, fit.status), str(result, "fit_status"));
		ck_assert_int_eq(cxm_clv_fit_warning(sentence, sizeof sentence, &fit), CXM_OK);
		ck_assert_str_eq(sentence, str(result, "warning"));
	}
	cxm_table_free(summary);
	cxm_csv_spec_free(spec);
	return rc;
}

/* A fit saved as JSON, data/NAME. */
static void read_fit(cxm_clv_fit_result *fit, const char *name)
{
	char path[4096], text[4096];
	size_t len;
	FILE *f;
	snprintf(path, sizeof path, "%s/%s", data, name);
	ck_assert_ptr_nonnull(f = fopen(path, "rb"));
	len = fread(text, 1, sizeof text, f);
	fclose(f);
	ck_assert_int_eq(cxm_clv_fit_result_from_json(fit, text, len), CXM_OK);
}

static double number_or(const cJSON *obj, const char *key, double otherwise)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	return cJSON_IsNumber(v) ? v->valuedouble : otherwise;
}

/* {"fn": "clv_predict", "fit", "t"[, "spend_fit", "period", "months", "discount"]}: the
 * predictions table of a summary file (read with number inference), as `cxm clv predict`. */
static int call_clv_predict(const char *path, const cJSON *call, const cJSON *result)
{
	cxm_clv_fit_result fit = CXM_CLV_FIT_RESULT_INIT, gg = CXM_CLV_FIT_RESULT_INIT;
	const char *spend = str(call, "spend_fit"), *period_word = str(call, "period");
	cxm_csv_spec *spec = NULL;
	cxm_table *summary = NULL, *out = NULL;
	double ppm = NAN;
	int rc, period;
	read_fit(&fit, str(call, "fit"));
	if (spend)
		read_fit(&gg, spend);
	if (period_word) {
		ck_assert_int_eq(cxm_names_parse(&period, CXM_NAMES_CLV_PERIOD, period_word), CXM_OK);
		ck_assert_int_eq(cxm_clv_periods_per_month(&ppm, period), CXM_OK);
	}
	ck_assert_int_eq(cxm_csv_spec_new(&spec), CXM_OK);
	ck_assert_int_eq(cxm_csv_spec_set_infer_numbers(spec, 1), CXM_OK);
	if ((rc = cxm_table_read_csv(&summary, path, spec)) == CXM_OK &&
	    (rc = cxm_clv_predict_table(&out, summary, &fit, spend ? &gg : NULL, number_or(call, "t", NAN),
					number_or(call, "months", CXM_CLV_MONTHS_DEFAULT),
					number_or(call, "discount", CXM_CLV_DISCOUNT_DEFAULT), ppm)) == CXM_OK)
		check_table(out, result);
	cxm_table_free(out);
	cxm_table_free(summary);
	cxm_csv_spec_free(spec);
	return rc;
}

/* Each call and the keys it reads: a key it does not know fails the case, so that no
 * option of the manifest is silently left out. */
static const struct { const char *name; call_fn fn; const char *keys; } calls[] = {
	{ "clv_predict", call_clv_predict, " fn fit t spend_fit period months discount " },
	{ "clv_fit", call_clv_fit, " fn model " },
	{ "table_read_csv", call_table_read_csv, " fn columns delimiter date_format decimal_comma " },
	{ "survey", call_survey, " fn delimiter na_values nps_na_values csat_na_values ces_na_values " },
	{ "survey_grouped", call_survey_grouped,
	  " fn by time every utc_offset min_n adjust times drivers comment_column themes ces_scale ces_agree "
	  "skip_bad_rows " },
	{ "txlog_read_csv", call_txlog_read_csv,
	  " fn customer date amount quantity price missing_ids returns date_format delimiter decimal_comma " },
	{ "rfm_orders", call_rfm_orders, " fn customer date amount analysis_date " },
	{ "pyramid", call_pyramid, " fn needs ease emotion by nan_policy " }, /* issue 13 */
	{ "funnel", call_funnel, " fn customer time event steps window mode " },
};

/* The keys of a case (README.md); "cli", "exit", "stdout" and "stderr" are the command line's. */
#define CASE_KEYS " name about file generate stdin call cli status exit python ruby message result stdout stderr "

/* The case's file: in data/, or written now (the caller removes it: *made = 1). */
static void case_path(char *path, size_t cap, const cJSON *kase, int *made)
{
	const cJSON *g = cJSON_GetObjectItemCaseSensitive(kase, "generate");
	const char *tmp = getenv("TMPDIR");
	const char *rep;
	char folder[512], *block;
	size_t k, n, len, count;
	FILE *f;
	*made = 0;
	if (g == NULL) {
		snprintf(path, cap, "%s/%s", data, str(kase, "file"));
		return;
	}
	snprintf(folder, sizeof folder, "%s/cxm_badinput_XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(folder));
	snprintf(path, cap, "%s/%s", folder, str(g, "name"));
	ck_assert_ptr_nonnull(f = fopen(path, "wb"));
	/* head, then repeat `count` times (in blocks of 4096), then tail */
	rep = str(g, "repeat");
	len = strlen(rep);
	ck_assert_ptr_nonnull(block = malloc(4096 * len));
	for (k = 0; k < 4096; k++)
		memcpy(block + k * len, rep, len);
	fputs(str(g, "head"), f);
	count = (size_t)cJSON_GetObjectItemCaseSensitive(g, "count")->valuedouble;
	for (k = 0; k < count; k += n) {
		n = count - k < 4096 ? count - k : 4096;
		ck_assert_uint_eq(fwrite(block, len, n, f), n);
	}
	free(block);
	fputs(str(g, "tail"), f);
	ck_assert_int_eq(fclose(f), 0);
	*made = 1;
}

START_TEST(run_case)
{
	const cJSON *kase = cJSON_GetArrayItem(cases, _i);
	const cJSON *call = cJSON_GetObjectItemCaseSensitive(kase, "call"), *key;
	const char *name = str(kase, "name"), *status = str(kase, "status"), *fn = str(call, "fn"), *shown;
	char path[4096], *want;
	size_t k;
	call_fn f = NULL;
	int rc, made, saved = -1, fd;
	cJSON_ArrayForEach(key, kase) {
		char word[256];
		snprintf(word, sizeof word, " %s ", key->string);
		ck_assert_msg(strstr(CASE_KEYS, word) != NULL, "%s: a case has no key '%s' (README.md)", name, key->string);
	}
	for (k = 0; k < sizeof calls / sizeof *calls; k++)
		if (strcmp(calls[k].name, fn) == 0)
			break;
	ck_assert_msg(k < sizeof calls / sizeof *calls, "%s: this runner has no call '%s' (README.md: adding a call)",
		      name, fn);
	f = calls[k].fn;
	cJSON_ArrayForEach(key, call) {
		char word[256];
		snprintf(word, sizeof word, " %s ", key->string);
		ck_assert_msg(strstr(calls[k].keys, word) != NULL, "%s: call '%s' has no key '%s' (README.md)", name, fn,
			      key->string);
	}
	case_path(path, sizeof path, kase, &made);
	shown = path;
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(kase, "stdin"))) {
		ck_assert_int_ge(saved = dup(0), 0);
		ck_assert_int_ge(fd = open(path, O_RDONLY), 0);
		ck_assert_int_eq(dup2(fd, 0), 0);
		close(fd);
		shown = "-";
	}
	rc = f(shown, call, cJSON_GetObjectItemCaseSensitive(kase, "result"));
	want = rc == CXM_OK || strcmp(status, "OK") == 0 ? NULL : fill(str(kase, "message"), shown);
	if (saved >= 0) {
		dup2(saved, 0);
		close(saved);
	}
	if (made) {
		remove(path);
		*strrchr(path, '/') = '\0';
		rmdir(path);
	}
	ck_assert_msg(strcmp(cxm_error_name(rc), status) == 0, "%s: status %s (%s), expected %s", name,
		      cxm_error_name(rc), cxm_error_last()->message, status);
	if (rc == CXM_OK)
		return;
	ck_assert_msg(strncmp(cxm_error_last()->message, status, strlen(status)) == 0 &&
			      strncmp(cxm_error_last()->message + strlen(status), ": ", 2) == 0 &&
			      strcmp(cxm_error_last()->message + strlen(status) + 2, want) == 0,
		      "%s: message\n  '%s', expected\n  '%s: %s'", name, cxm_error_last()->message, status, want);
	free(want);
}
END_TEST

int main(int argc, char **argv)
{
	char file[4200], *text;
	long size;
	FILE *f;
	cJSON *doc;
	Suite *s;
	TCase *tc;
	SRunner *sr;
	int failed;
	if (argc != 2) {
		fprintf(stderr, "usage: run_badinput DIR (the folder of cases.json)\n");
		return 2;
	}
	snprintf(data, sizeof data, "%s/data", argv[1]);
	snprintf(file, sizeof file, "%s/cases.json", argv[1]);
	if ((f = fopen(file, "rb")) == NULL || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0 || (text = malloc((size_t)size + 1)) == NULL ||
	    fread(text, 1, (size_t)size, f) != (size_t)size) {
		fprintf(stderr, "run_badinput: cannot read %s\n", file);
		return 2;
	}
	fclose(f);
	text[size] = '\0';
	if ((doc = cJSON_Parse(text)) == NULL || !cJSON_IsArray(cases = cJSON_GetObjectItemCaseSensitive(doc, "cases"))) {
		fprintf(stderr, "run_badinput: %s is not a manifest (no \"cases\" array)\n", file);
		return 2;
	}
	free(text);
	s = suite_create("badinput");
	tc = tcase_create("cases");
	tcase_set_timeout(tc, 300);
	tcase_add_loop_test(tc, run_case, 0, cJSON_GetArraySize(cases));
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	cJSON_Delete(doc);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
