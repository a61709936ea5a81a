/*
 * tools/cxm/txlog.c - `cxm txlog`: a raw transaction export cleaned as the
 * CLV summary and RFM clean it (spec §16), printed: the log (customer_id,
 * order_day, amount, cancelled, line) and the rows left out by reason.
 * Argument parsing only: cxm_txlog_read_csv does the work, cxm_table_write
 * the writing.
 */
#include <stdio.h>
#include "clv_common.h"
#include "txlog_cli.h"

static const char txlog_help[] =
	"Usage: cxm txlog TX.csv --customer COL --date COL\n"
	"           [--amount COL | --quantity COL --price COL] [--status COL --cancelled WORD,..]\n"
	"           [--returns error|drop|net|keep] [--missing-ids error|drop]\n"
	"           [--date-format FMT] [--delimiter CHAR [--decimal-comma]] [--format csv|json]\n"
	"\n"
	"Clean a raw transaction export (one row per line item) as `cxm clv summary`\n"
	"and `cxm rfm` do, and print the rows kept: customer_id, order_day,\n"
	"amount (the amount column, or quantity x price), cancelled (1: a return\n"
	"kept under net or keep) and line (the row's line in TX.csv). A row without\n"
	"a customer id is checked first, then whether it is a return (a negative\n"
	"amount or quantity, or a --cancelled status); each row left out counts\n"
	"under one reason.\n"
	"\n"
	"Options:\n"
	"  --customer COL        column of customer ids\n"
	"  --date COL            column of dates (ISO, or as --date-format says)\n"
	"  --amount COL          column of amounts (without it or --quantity: 0)\n"
	TXLOG_CLI_HELP
	"  --returns WORD        returns: error (the default), drop (left out,\n"
	"                        counted), net or keep (kept, cancelled = 1)\n"
	"  --status COL          column of order statuses; with --cancelled WORD,..\n"
	"                        the statuses that mark a cancellation\n"
	"  --delimiter CHAR      field separator: ',' (default), ';', '|' or 'tab'\n"
	"  --decimal-comma       numbers written 1,5 (with another --delimiter)\n"
	"  --format csv|json     CSV (default; the counts in a note on stderr) or\n"
	"                        JSON (the policies and counts, then the rows)\n"
	"  -h, --help            this help\n"
	"\n"
	"Example (the UCI Online Retail layout):\n"
	"  cxm txlog examples/data/online_retail_raw.csv.gz --customer CustomerID \\\n"
	"      --date InvoiceDate --date-format '%m/%d/%Y %H:%M' --quantity Quantity \\\n"
	"      --price UnitPrice --missing-ids drop --returns drop\n";

int cxm_cmd_txlog(int argc, char **argv)
{
	static const int formats[] = { CXM_FORMAT_CSV, CXM_FORMAT_JSON };
	cli_option o[] = { { "--customer", 0, NULL }, { "--date", 0, NULL }, { "--amount", 0, NULL },
			   { "--quantity", 0, NULL }, { "--price", 0, NULL }, { "--status", 0, NULL },
			   { "--cancelled", 0, NULL }, { "--returns", 0, NULL }, { "--missing-ids", 0, NULL },
			   { "--date-format", 0, NULL }, { "--delimiter", 0, NULL }, { "--format", 0, NULL },
			   { "--decimal-comma", 1, NULL } };
	const size_t n = sizeof o / sizeof *o;
	cli_command cmd = { "txlog", txlog_help, o, n, NULL, NULL };
	const char *file = NULL;
	cxm_txlog_opts *to = NULL;
	cxm_table *log = NULL;
	int rc, format;

	if ((rc = cli_parse(&file, &cmd, argc, argv, 2)) >= 0)
		return rc;
	if (!file)
		return cli_usage_error("txlog: no TX.csv given (see cxm txlog --help)");
	if (!cli_opt(o, n, "--customer") || !cli_opt(o, n, "--date"))
		return cli_usage_error("txlog: --customer COL and --date COL are required: the columns of customer "
				       "ids and dates");
	if ((rc = clv_format_option(&format, o, n, "txlog", formats, 2)) != 0 ||
	    (rc = txlog_cli_opts(&to, o, n, "txlog", CXM_RFM_RETURNS_ERROR, 1)) != 0)
		return rc;
	if ((rc = cxm_txlog_read_csv(&log, file, to)) < 0) {
		rc = cli_library_error(rc, NULL);
	} else {
		if (format == CXM_FORMAT_CSV)
			txlog_cli_note(log);
		rc = clv_write_table(log, format);
	}
	cxm_table_free(log);
	cxm_txlog_opts_free(to);
	return rc;
}
