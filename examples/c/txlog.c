/*
 * examples/c/txlog.c - a raw shop export (the UCI Online Retail layout:
 * anonymous rows, cancellations, quantity x unit price, "12/1/2010 8:26"
 * dates) cleaned by the library, then its CLV summary and RFM customers,
 * with the rows left out counted by reason.
 *
 *   cc txlog.c $(pkg-config --cflags --libs cxmetrics) -o txlog
 *   ./txlog tests/data/online-retail/online_retail_raw.csv.gz 2011-12-10
 *
 * Prints the CLV summary (CSV), a blank line, the RFM customers (CSV); the
 * counts go to stderr.
 */
#include <math.h>
#include <stdio.h>
#include <cxmetrics.h>

static int fail(const char *what)
{
	fprintf(stderr, "%s: %s\n", what, cxm_error_last()->message);
	return 1;
}

int main(int argc, char **argv)
{
	static const char *const counts[] = { "rows", "kept_rows", "missing_id_rows", "return_rows",
					      "dropped_return_rows" };
	cxm_txlog_opts *opts = NULL;
	cxm_table *log = NULL, *summary = NULL, *customers = NULL;
	double analysis_day, x;
	size_t i;
	int rc = 1;

	if (argc != 3) {
		fprintf(stderr, "usage: %s RAW.csv[.gz] ANALYSIS-DATE\n", argv[0]);
		return 2;
	}
	if (cxm_date_parse(&analysis_day, argv[2]) < 0)
		return fail("analysis date");
	/* anonymous rows and cancellations are left out, and counted */
	if (cxm_txlog_opts_new(&opts) < 0 || cxm_txlog_opts_set_columns(opts, "CustomerID", "InvoiceDate", NULL) < 0 ||
	    cxm_txlog_opts_set_quantity_price(opts, "Quantity", "UnitPrice") < 0 ||
	    cxm_txlog_opts_set_date_format(opts, "%m/%d/%Y %H:%M") < 0 ||
	    cxm_txlog_opts_set_missing_ids(opts, CXM_MISSING_IDS_DROP) < 0 ||
	    cxm_txlog_opts_set_returns(opts, CXM_RFM_RETURNS_DROP) < 0) {
		rc = fail("options");
		goto done;
	}
	if (cxm_txlog_read_csv(&log, argv[1], opts) < 0) {
		rc = fail("reading");
		goto done;
	}
	for (i = 0; i < sizeof counts / sizeof *counts; i++)
		if (cxm_table_get_attr_number(&x, log, counts[i]) == CXM_OK)
			fprintf(stderr, "%s %.0f\n", counts[i], x);
	/* lifetimes' summary, days, calibration up to the last purchase */
	if (cxm_clv_summary_from_log(&summary, log, NAN, NAN, CXM_CLV_DAYS) < 0) {
		rc = fail("CLV summary");
		goto done;
	}
	/* R rfm's customer table */
	if (cxm_rfm_orders_aggregate_table(&customers, log, analysis_day, NAN, CXM_RFM_RETURNS_DROP) < 0) {
		rc = fail("RFM customers");
		goto done;
	}
	if (cxm_table_write(stdout, summary, CXM_FORMAT_CSV) < 0 || printf("\n") < 0 ||
	    cxm_table_write(stdout, customers, CXM_FORMAT_CSV) < 0) {
		rc = fail("writing");
		goto done;
	}
	rc = 0;
done:
	cxm_table_free(customers);
	cxm_table_free(summary);
	cxm_table_free(log);
	cxm_txlog_opts_free(opts);
	return rc;
}
