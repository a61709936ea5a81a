/*
 * tools/cxm/clv_summary.c - `cxm clv summary`: a transaction log (one row
 * per purchase) into one row per customer: frequency, recency, T and
 * monetary_value, as CSV or JSON. Argument parsing only: the log is read
 * and cleaned by the library (cxm_txlog_read_csv: missing ids, returns,
 * quantity x price, date formats), summarised by it
 * (cxm_clv_summary_from_log) and written by it (cxm_table_write).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "clv_common.h"
#include "txlog_cli.h"

static const char summary_help[] =
	"Usage: cxm clv summary TX.csv --customer COL --date COL\n"
	"           [--amount COL | --quantity COL --price COL] [--returns error|drop|net]\n"
	"           [--missing-ids error|drop] [--date-format FMT] [--decimal-comma]\n"
	"           [--calibration-end DATE] [--observation-end DATE]\n"
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
	"  --customer COL          column of customer ids (the output is sorted by\n"
	"                          id, byte by byte: \"10\" before \"9\")\n"
	"  --date COL              column of purchase dates: YYYY-MM-DD or YYYYMMDD\n"
	"                          (a time after the date is ignored)\n"
	"  --amount COL            column of amounts spent (optional: without it\n"
	"                          monetary_value is 0)\n"
	"  --quantity COL --price COL\n"
	"                          amount = quantity x price (not --amount)\n"
	"  --missing-ids WORD      rows without a customer id: error (default) or\n"
	"                          drop (left out, counted)\n"
	"  --date-format FMT       e.g. '%m/%d/%Y %H:%M' (default: ISO dates)\n"
	"  --returns WORD          rows with a negative amount or quantity (returns,\n"
	"                          cancellations): error (the default), drop (left\n"
	"                          out, counted) or net (taken off the customer's\n"
	"                          spend that day; a day of returns only is no\n"
	"                          purchase day)\n"
	"  --status COL            column of order statuses; with --cancelled\n"
	"                          WORD,.. the statuses that mark a cancellation\n"
	"  --calibration-end DATE  last day of the calibration period (YYYY-MM-DD or\n"
	"                          YYYYMMDD; default: the last purchase day of the log)\n"
	"  --observation-end DATE  last day of the holdout period (not before the\n"
	"                          calibration end)\n"
	"  --period day|week|month the time unit: a week is 7 days, a month\n"
	"                          365.25 / 12 = 30.4375 days (days, weeks, months\n"
	"                          and lifetimes' D, W, M are accepted too)\n"
	"  --delimiter CHAR        field separator of TX.csv: ',' (default), ';', '|'\n"
	"                          or 'tab'\n"
	"  --decimal-comma         numbers written 1,5 (with --delimiter ';')\n"
	"  --format csv|json       CSV (default): id,frequency,recency,T,monetary_value\n"
	"                          [,holdout_frequency,holdout_monetary_value]; JSON:\n"
	"                          the period, calibration_end, observation_end,\n"
	"                          holdout_duration, dropped, n_customers and the same\n"
	"                          per customer\n"
	"  -h, --help              this help\n"
	"\n"
	"Numbers are printed in the shortest form that reads back exactly.\n"
	"\n"
	"Rows left out (--missing-ids drop, --returns drop) are counted: a note on\n"
	"stderr, and rows, missing_id_rows, return_rows, dropped_return_rows in\n"
	"JSON.\n"
	"\n"
	"Example (the CDNOW sample, 39 weeks of calibration):\n"
	"  cxm clv summary tests/cli/data/cdnow_sample_tx.csv --customer customer \\\n"
	"      --date date --amount dollars --calibration-end 1997-09-30 --period week\n";

/* A --calibration-end or --observation-end DATE (NaN when absent); 0 or a usage error. */
static int date_option(double *day, const cli_option *opts, size_t n_opts, const char *name)
{
	const char *v = cli_opt(opts, n_opts, name);
	char prefix[64];
	*day = NAN;
	if (v == NULL || cxm_date_parse(day, v) == CXM_OK)
		return 0;
	snprintf(prefix, sizeof prefix, "clv summary: %s: ", name);
	return cli_usage_library_error(prefix);
}

int clv_cmd_summary(int argc, char **argv)
{
	static const int formats[] = { CXM_FORMAT_CSV, CXM_FORMAT_JSON };
	cli_option opts[] = { { "--customer", 0, NULL }, { "--date", 0, NULL }, { "--amount", 0, NULL },
			      { "--calibration-end", 0, NULL }, { "--observation-end", 0, NULL },
			      { "--period", 0, NULL }, { "--format", 0, NULL }, { "--delimiter", 0, NULL },
			      { "--quantity", 0, NULL }, { "--price", 0, NULL }, { "--returns", 0, NULL },
			      { "--missing-ids", 0, NULL }, { "--date-format", 0, NULL }, { "--status", 0, NULL },
			      { "--cancelled", 0, NULL },
			      { "--decimal-comma", 1, NULL } };
	const size_t n_opts = sizeof opts / sizeof *opts;
	const char *file, *v;
	cxm_txlog_opts *to = NULL;
	cxm_table *tx = NULL, *s = NULL;
	double cal, obs, dropped = 0.0;
	int rc, period, format;

	if ((rc = clv_parse_options(&file, opts, n_opts, argc, argv, "clv summary", summary_help)) >= 0)
		return rc;
	if (!cli_opt(opts, n_opts, "--customer") || !cli_opt(opts, n_opts, "--date"))
		return cli_usage_error("clv summary: --customer COL and --date COL are required: the "
				       "columns of customer ids and purchase dates "
				       "(see cxm clv summary --help)");
	if ((rc = date_option(&cal, opts, n_opts, "--calibration-end")) != 0 ||
	    (rc = date_option(&obs, opts, n_opts, "--observation-end")) != 0)
		return rc;
	if (obs < cal)
		return cli_usage_error("clv summary: --observation-end %s is before --calibration-end %s",
				       cli_opt(opts, n_opts, "--observation-end"),
				       cli_opt(opts, n_opts, "--calibration-end"));
	if ((v = cli_opt(opts, n_opts, "--period")) == NULL)
		return cli_usage_error("clv summary: --period day|week|month is required: the time unit of "
				       "recency and T");
	if (cxm_names_parse(&period, CXM_NAMES_CLV_PERIOD, v) < 0)
		return cli_usage_library_error("clv summary: --");
	if ((rc = clv_format_option(&format, opts, n_opts, "clv summary", formats, 2)) != 0 ||
	    (rc = txlog_cli_opts(&to, opts, n_opts, "clv summary", CXM_RFM_RETURNS_ERROR, 0)) != 0)
		return rc;

	/* the log, cleaned as the options say (its messages name file:line:column) */
	if ((rc = cxm_txlog_read_csv(&tx, file, to)) < 0) {
		rc = cli_library_error(rc, NULL);
		goto done;
	}
	if ((rc = cxm_clv_summary_from_log(&s, tx, cal, obs, period)) < 0) {
		rc = cli_library_error(rc, file);
		goto done;
	}
	if (format == CXM_FORMAT_CSV)
		txlog_cli_note(s);
	/* JSON carries the count itself ("dropped"); left out only after a
	 * --calibration-end, which the note then names as given */
	if (cxm_table_get_attr_number(&dropped, s, "dropped") == CXM_OK && dropped > 0 &&
	    format == CXM_FORMAT_CSV)
		fprintf(stderr, "cxm: note: %.0f customers whose first purchase is after %s were left out\n", dropped,
			(v = cli_opt(opts, n_opts, "--calibration-end")) ? v : "the calibration end");
	rc = clv_write_table(s, format);
done:
	cxm_table_free(s);
	cxm_table_free(tx);
	cxm_txlog_opts_free(to);
	return rc;
}
