/*
 * tools/cxm/clv_summary.c - `cxm clv summary`: a transaction log (one row
 * per purchase) into one row per customer: frequency, recency, T and
 * monetary_value, as CSV or JSON. The summing up is the library's
 * (cxm_clv_summary_from_transactions); this file reads the log and prints.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cxmetrics.h"
#include "cli.h"
#include "clv_common.h"

static const char summary_help[] =
	"Usage: cxm clv summary TX.csv --customer COL --date COL [--amount COL]\n"
	"           --calibration-end DATE [--observation-end DATE]\n"
	"           --period day|week|month [--format csv|json]\n"
	"\n"
	"Summarise a transaction log, one row per purchase, into one row per\n"
	"customer, as lifetimes' summary_data_from_transaction_data does:\n"
	"  frequency       days with a purchase after the first purchase day, up to\n"
	"                  and including the calibration end (purchases on the same\n"
	"                  day count once, their amounts are added up)\n"
	"  recency         last purchase day - first purchase day\n"
	"  T               calibration end - first purchase day\n"
	"  monetary_value  mean amount of the repeat purchase days (0 when frequency\n"
	"                  is 0; the first day's amount is never part of it)\n"
	"recency and T are in the unit of --period. Customers whose first purchase\n"
	"comes after the calibration end are left out (a note on stderr, or\n"
	"\"dropped\" in JSON, says how many); purchases after the observation end\n"
	"are ignored.\n"
	"\n"
	"With --observation-end, the days after the calibration end up to that date\n"
	"are a holdout period, to check predictions against: two more columns,\n"
	"holdout_frequency (purchase days in the holdout) and\n"
	"holdout_monetary_value (their mean amount, 0 when none).\n"
	"\n"
	"Options:\n"
	"  --customer COL          column of customer ids (any text; the output is\n"
	"                          sorted by id, byte by byte: \"10\" before \"9\")\n"
	"  --date COL              column of purchase dates: YYYY-MM-DD or YYYYMMDD\n"
	"                          (a time after the date, \"2014-03-08 13:45:00\", is\n"
	"                          ignored)\n"
	"  --amount COL            column of amounts spent (optional: without it\n"
	"                          monetary_value is 0)\n"
	"  --calibration-end DATE  last day of the calibration period (YYYY-MM-DD or\n"
	"                          YYYYMMDD)\n"
	"  --observation-end DATE  last day of the holdout period (not before the\n"
	"                          calibration end)\n"
	"  --period day|week|month the time unit: a week is 7 days, a month\n"
	"                          365.25 / 12 = 30.4375 days\n"
	"  --delimiter CHAR        field separator of TX.csv: ',' (default), ';', '|'\n"
	"                          or 'tab'\n"
	"  --format csv|json       CSV (default): id,frequency,recency,T,monetary_value\n"
	"                          [,holdout_frequency,holdout_monetary_value]; JSON:\n"
	"                          the same per customer, with the period and counts\n"
	"  -h, --help              this help\n"
	"\n"
	"Numbers are printed with 17 significant digits (exact round trip).\n"
	"\n"
	"Example (the CDNOW sample, 39 weeks of calibration):\n"
	"  cxm clv summary tests/cli/data/cdnow_sample_tx.csv --customer customer \\\n"
	"      --date date --amount dollars --calibration-end 1997-09-30 --period week\n";

/* A JSON string: quotes, backslashes and control bytes escaped; other bytes
 * (UTF-8) as they are. */
static void put_json_text(FILE *out, const char *s)
{
	const unsigned char *p;
	fputc('"', out);
	for (p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", out);
		else if (*p == '\r')
			fputs("\\r", out);
		else if (*p == '\t')
			fputs("\\t", out);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(out, "\\u%04x", *p);
		else
			fputc(*p, out);
	}
	fputc('"', out);
}

static const char *period_name(int period)
{
	return period == CXM_CLV_DAYS ? "day" : period == CXM_CLV_WEEKS ? "week" : "month";
}

/*
 * The summaries of s on stdout; `table` holds their columns (n rows each,
 * one column after the other), the holdout two only when `holdout`.
 */
static void print_summary(const cxm_clv_summary *s, const double *table, int holdout, int period,
			  const char *cal, const char *obs, int json)
{
	static const char *const names[] = { "frequency", "recency", "T", "monetary_value",
					     "holdout_frequency", "holdout_monetary_value" };
	size_t i, c, n = cxm_clv_summary_count(s), n_cols = holdout ? 6 : 4;
	if (!json) {
		clv_put_csv_header(stdout, names, n_cols);
		for (i = 0; i < n; i++)
			clv_put_csv_row(stdout, cxm_clv_summary_id(s, i), table, n, i, n_cols);
		return;
	}
	printf("{\n  \"period\": \"%s\",\n  \"calibration_end\": ", period_name(period));
	put_json_text(stdout, cal);
	fputs(",\n  \"observation_end\": ", stdout);
	put_json_text(stdout, obs);
	printf(",\n  \"holdout_duration\": ");
	clv_put_number(stdout, cxm_clv_summary_holdout_duration(s), "null");
	printf(",\n  \"n_customers\": %zu,\n  \"dropped\": %zu,\n  \"customers\": [", n,
	       cxm_clv_summary_dropped(s));
	for (i = 0; i < n; i++) {
		fputs(i ? ",\n    {\"id\": " : "\n    {\"id\": ", stdout);
		put_json_text(stdout, cxm_clv_summary_id(s, i));
		for (c = 0; c < n_cols; c++) {
			printf(", \"%s\": ", names[c]);
			clv_put_number(stdout, table[c * n + i], "null");
		}
		fputc('}', stdout);
	}
	fputs(n ? "\n  ]\n}\n" : "]\n}\n", stdout);
}

/* Read the transaction log (amount_col may be NULL); 0 or an exit code. */
static int read_transactions(svec *ids, dvec *days, dvec *amounts, const char *file, char delimiter,
			     const char *customer_col, const char *date_col, const char *amount_col)
{
	enum { CUSTOMER, DATE, AMOUNT };
	const char *const names[] = { customer_col, date_col, amount_col };
	cxm_csv *csv = NULL;
	size_t idx[3] = { 0, 0, 0 };
	int has_row = 0, status;
	if ((status = clv_csv_open(&csv, idx, file, delimiter, names, 3)) != 0)
		return status;
	while ((status = clv_csv_next(csv, &has_row)) == 0 && has_row) {
		const char *id, *date;
		size_t id_len;
		double day, amount;
		id = cxm_csv_field(csv, idx[CUSTOMER], &id_len);
		date = cxm_csv_field(csv, idx[DATE], NULL);
		if (id_len == 0) {
			status = cli_data_error("%s:%zu: column '%s' is empty; every purchase needs a "
						"customer id", file, cxm_csv_line(csv), customer_col);
			goto done;
		}
		if (memchr(id, '\0', id_len) != NULL) {
			status = cli_data_error("%s:%zu: column '%s' holds a NUL byte", file,
						cxm_csv_line(csv), customer_col);
			goto done;
		}
		if (cxm_date_parse(&day, date) < 0) {
			status = cli_data_error("%s:%zu: column '%s': '%.40s' is not a date (YYYY-MM-DD or "
						"YYYYMMDD)", file, cxm_csv_line(csv), date_col, date);
			goto done;
		}
		if (amount_col) {
			if ((status = clv_read_number(&amount, csv, idx[AMOUNT])) != 0)
				goto done;
			if (!dvec_push(amounts, amount)) {
				status = clv_out_of_memory();
				goto done;
			}
		}
		if (!svec_push(ids, id, id_len) || !dvec_push(days, day)) {
			status = clv_out_of_memory();
			goto done;
		}
	}
	if (status == 0 && days->n == 0)
		status = cli_data_error("%s: no transactions (the file has a header line only)", file);
done:
	cxm_csv_free(csv);
	return status;
}

int clv_cmd_summary(int argc, char **argv)
{
	cli_option opts[] = { { "--customer", 0, NULL }, { "--date", 0, NULL }, { "--amount", 0, NULL },
			      { "--calibration-end", 0, NULL }, { "--observation-end", 0, NULL },
			      { "--period", 0, NULL }, { "--format", 0, NULL }, { "--delimiter", 0, NULL } };
	const size_t n_opts = sizeof opts / sizeof *opts;
	const char *file, *v, *cal_text, *obs_text, *format;
	const char **id_ptr = NULL;
	svec ids = { NULL, 0, 0, NULL, 0, 0 };
	dvec days = { NULL, 0, 0 }, amounts = { NULL, 0, 0 };
	double cal, obs, *cols = NULL;
	cxm_clv_summary *s = NULL;
	char delimiter = ',';
	int rc, period, holdout, json;
	size_t i, n;

	if ((rc = clv_parse_options(&file, opts, n_opts, argc, argv, "clv summary", summary_help)) >= 0)
		return rc;
	if (!cli_opt(opts, n_opts, "--customer") || !cli_opt(opts, n_opts, "--date"))
		return cli_usage_error("clv summary: --customer COL and --date COL are required: the "
				       "columns of customer ids and purchase dates "
				       "(see cxm clv summary --help)");
	if ((cal_text = cli_opt(opts, n_opts, "--calibration-end")) == NULL)
		return cli_usage_error("clv summary: --calibration-end DATE is required: the last day of "
				       "the calibration period");
	if (cxm_date_parse(&cal, cal_text) < 0)
		return cli_usage_error("clv summary: --calibration-end must be a date YYYY-MM-DD or "
				       "YYYYMMDD; got '%s'", cal_text);
	obs = cal;
	obs_text = cli_opt(opts, n_opts, "--observation-end");
	holdout = obs_text != NULL;
	if (obs_text && cxm_date_parse(&obs, obs_text) < 0)
		return cli_usage_error("clv summary: --observation-end must be a date YYYY-MM-DD or "
				       "YYYYMMDD; got '%s'", obs_text);
	if (obs < cal)
		return cli_usage_error("clv summary: --observation-end %s is before --calibration-end %s",
				       obs_text, cal_text);
	if ((v = cli_opt(opts, n_opts, "--period")) == NULL)
		return cli_usage_error("clv summary: --period day|week|month is required: the time unit of "
				       "recency and T");
	if (strcmp(v, "day") == 0 || strcmp(v, "days") == 0)
		period = CXM_CLV_DAYS;
	else if (strcmp(v, "week") == 0 || strcmp(v, "weeks") == 0)
		period = CXM_CLV_WEEKS;
	else if (strcmp(v, "month") == 0 || strcmp(v, "months") == 0)
		period = CXM_CLV_MONTHS;
	else
		return cli_usage_error("clv summary: --period must be day, week or month, not '%s'", v);
	format = cli_opt(opts, n_opts, "--format");
	if (format && strcmp(format, "csv") != 0 && strcmp(format, "json") != 0)
		return cli_usage_error("clv summary: --format must be csv or json, not '%s'", format);
	if ((rc = clv_delimiter_option(&delimiter, opts, n_opts, "clv summary")) != 0)
		return rc;

	if ((rc = read_transactions(&ids, &days, &amounts, file, delimiter,
				    cli_opt(opts, n_opts, "--customer"), cli_opt(opts, n_opts, "--date"),
				    cli_opt(opts, n_opts, "--amount"))) != 0)
		goto done;
	if ((id_ptr = malloc(ids.n * sizeof *id_ptr)) == NULL) {
		rc = clv_out_of_memory();
		goto done;
	}
	for (i = 0; i < ids.n; i++)
		id_ptr[i] = ids.text + ids.off[i];
	if ((rc = cxm_clv_summary_from_transactions(&s, id_ptr, ids.n, days.v, days.n, amounts.v, amounts.n,
						    cal, obs, period)) < 0) {
		/* the library speaks in day numbers; the user gave a date */
		if (rc == CXM_EEMPTY)
			rc = cli_data_error("%s: no customer has a purchase on or before the calibration "
					    "end %s", file, cal_text);
		else
			rc = cli_library_error(rc, file);
		goto done;
	}
	n = cxm_clv_summary_count(s);
	/* the six columns one after the other: print_summary's table */
	if ((cols = malloc(6 * n * sizeof *cols)) == NULL) {
		rc = clv_out_of_memory();
		goto done;
	}
	if ((rc = cxm_clv_summary_columns(s, cols, cols + n, cols + 2 * n, cols + 3 * n, cols + 4 * n,
					  cols + 5 * n, n)) < 0) {
		rc = cli_library_error(rc, file);
		goto done;
	}
	/* JSON carries the count itself ("dropped") */
	json = format && strcmp(format, "json") == 0;
	if (cxm_clv_summary_dropped(s) > 0 && !json)
		fprintf(stderr, "cxm: note: %zu customers whose first purchase is after %s were left out\n",
			cxm_clv_summary_dropped(s), cal_text);
	print_summary(s, cols, holdout, period, cal_text, obs_text ? obs_text : cal_text, json);
	rc = cli_finish_output("output");
done:
	cxm_clv_summary_free(s);
	free(cols);
	free(id_ptr);
	svec_free(&ids);
	free(days.v);
	free(amounts.v);
	return rc;
}
