/*
 * tools/cxm/clv_predict.c - `cxm clv predict`: per customer of a summary
 * file, from fits saved by cxm clv fit, the expected purchases, the
 * probability of being alive and, with a Gamma-Gamma spend fit, the
 * expected profit and the discounted CLV, as CSV.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cxmetrics.h"
#include "cli.h"
#include "clv_common.h"

/* The largest fit file we read: a fit is a few hundred bytes. */
#define MAX_FIT_JSON ((size_t)1 << 20)

static const char predict_help[] =
	"Usage: cxm clv predict SUMMARY.csv --fit FIT.json --t T\n"
	"           [--spend-fit GG.json --periods-per-month F [--months M]\n"
	"           [--discount D]] [--format csv]\n"
	"\n"
	"Per customer of SUMMARY.csv (columns id or ID, frequency, recency, T; and\n"
	"monetary_value with --spend-fit), from a fit saved by cxm clv fit:\n"
	"  expected_purchases  expected number of purchases in the next T periods\n"
	"                      (after the end of the calibration period)\n"
	"  p_alive             probability that the customer is still active\n"
	"and with a Gamma-Gamma spend fit (--spend-fit):\n"
	"  expected_profit     expected mean amount per purchase\n"
	"  clv                 discounted value of the next M months:\n"
	"                      sum over months i = 1..M of expected purchases in\n"
	"                      month i x expected_profit / (1 + D)^i\n"
	"Output: CSV with the columns id,expected_purchases,p_alive\n"
	"[,expected_profit,clv], one row per customer in file order. Without an id\n"
	"column (BG/BB patterns such as donations.csv) the id is the row number, 1\n"
	"for the first row. For a BG/BB fit the columns are frequency, recency and\n"
	"periods, and --t counts whole periods.\n"
	"\n"
	"Options:\n"
	"  --fit FIT.json         the purchase model: bgnbd, mbgnbd, pnbd or bgbb\n"
	"                         (JSON of cxm clv fit; a hand-written\n"
	"                         {\"model\": \"bgnbd\", \"params\": {\"r\": ..., ...}} works)\n"
	"  --t T                  horizon of expected_purchases, in the summary's\n"
	"                         time unit\n"
	"  --spend-fit GG.json    a Gamma-Gamma fit (cxm clv fit --model gg)\n"
	"  --periods-per-month F  time units in a month: 4.345 when the summary is\n"
	"                         in weeks, 30.4375 in days, 1 in months (required\n"
	"                         with --spend-fit: a wrong unit is the classic CLV\n"
	"                         mistake)\n"
	"  --months M             months of CLV (default 12)\n"
	"  --discount D           monthly discount rate, > -1 (default 0.01: 1% a\n"
	"                         month, about 12.7% a year)\n"
	"  --delimiter CHAR       field separator of SUMMARY.csv: ',' (default), ';',\n"
	"                         '|' or 'tab'\n"
	"  --format csv           the only format (default)\n"
	"  -h, --help             this help\n"
	"\n"
	"Numbers are printed with 17 significant digits; a value the model cannot\n"
	"give is an empty field.\n"
	"\n"
	"Example:\n"
	"  cxm clv predict summary.csv --fit bgnbd.json --spend-fit gg.json --t 39 \\\n"
	"      --periods-per-month 4.345\n";

/* Read a fit saved by cxm clv fit; 0 or an exit code. */
static int read_fit(cxm_clv_fit_result *fit, const char *path)
{
	FILE *in = fopen(path, "rb");
	char *text;
	size_t len;
	int rc;
	if (in == NULL)
		return cli_data_error("%s: cannot open the fit file: %s", path, strerror(errno));
	if ((text = malloc(MAX_FIT_JSON + 1)) == NULL) {
		fclose(in);
		return clv_out_of_memory();
	}
	len = fread(text, 1, MAX_FIT_JSON + 1, in);
	if (ferror(in)) {
		rc = cli_data_error("%s: cannot read the fit file: %s", path, strerror(errno));
	} else if (len > MAX_FIT_JSON) {
		rc = cli_data_error("%s: more than %zu bytes; a fit file of cxm clv fit is a few hundred",
				    path, MAX_FIT_JSON);
	} else {
		rc = cxm_clv_fit_result_from_json(fit, text, len);
		rc = rc < 0 ? cli_library_error(rc, path) : 0;
	}
	free(text);
	fclose(in);
	return rc;
}

int clv_cmd_predict(int argc, char **argv)
{
	cli_option opts[] = { { "--fit", 0, NULL }, { "--spend-fit", 0, NULL }, { "--t", 0, NULL },
			      { "--months", 0, NULL }, { "--discount", 0, NULL },
			      { "--periods-per-month", 0, NULL }, { "--format", 0, NULL },
			      { "--delimiter", 0, NULL } };
	const size_t n_opts = sizeof opts / sizeof *opts;
	cxm_clv_fit_result fit = CXM_CLV_FIT_RESULT_INIT, gg = CXM_CLV_FIT_RESULT_INIT;
	int want[N_SUMMARY_COLUMNS] = { 0 };
	clv_summary_file f;
	const char *file, *v, *spend;
	static const char *const out_names[] = { "expected_purchases", "p_alive", "expected_profit", "clv" };
	const double *freq, *rec, *mon, *T_col;
	double t = 0.0, months = 12.0, discount = 0.01, ppm = 0.0, *out = NULL;
	char delimiter = ',';
	int rc;
	size_t i, n, n_cols;

	if ((rc = clv_parse_options(&file, opts, n_opts, argc, argv, "clv predict", predict_help)) >= 0)
		return rc;
	if (cli_opt(opts, n_opts, "--fit") == NULL)
		return cli_usage_error("clv predict: --fit FIT.json is required: a fit saved by cxm clv fit");
	if ((v = cli_opt(opts, n_opts, "--t")) == NULL)
		return cli_usage_error("clv predict: --t T is required: the horizon of expected_purchases, "
				       "in the summary's time unit");
	if (!clv_parse_number(&t, v) || t < 0.0)
		return cli_usage_error("clv predict: --t must be a number >= 0; got '%s'", v);
	spend = cli_opt(opts, n_opts, "--spend-fit");
	if (!spend && (cli_opt(opts, n_opts, "--months") || cli_opt(opts, n_opts, "--discount") ||
		       cli_opt(opts, n_opts, "--periods-per-month")))
		return cli_usage_error("clv predict: --months, --discount and --periods-per-month are for "
				       "the CLV, which needs --spend-fit GG.json");
	if ((v = cli_opt(opts, n_opts, "--months")) && (!clv_parse_number(&months, v) || months < 0.0))
		return cli_usage_error("clv predict: --months must be a number >= 0, e.g. 12; got '%s'", v);
	if ((v = cli_opt(opts, n_opts, "--discount")) &&
	    (!clv_parse_number(&discount, v) || discount <= -1.0))
		return cli_usage_error("clv predict: --discount must be a monthly rate > -1, e.g. 0.01; got "
				       "'%s'", v);
	if (spend) {
		if ((v = cli_opt(opts, n_opts, "--periods-per-month")) == NULL)
			return cli_usage_error("clv predict: --spend-fit needs --periods-per-month F: "
					       "4.345 for a summary in weeks, 30.4375 in days, 1 in months");
		if (!clv_parse_number(&ppm, v) || ppm <= 0.0)
			return cli_usage_error("clv predict: --periods-per-month must be a number > 0, e.g. "
					       "4.345; got '%s'", v);
	}
	if ((rc = clv_only_format(opts, n_opts, "clv predict", "csv")) != 0)
		return rc;
	if ((rc = clv_delimiter_option(&delimiter, opts, n_opts, "clv predict")) != 0)
		return rc;

	if ((rc = read_fit(&fit, cli_opt(opts, n_opts, "--fit"))) != 0 ||
	    (spend && (rc = read_fit(&gg, spend)) != 0))
		return rc;
	if (fit.model == CXM_CLV_GG || fit.model == CXM_CLV_SBG)
		return cli_data_error("%s: a %s fit predicts no purchases; --fit takes a bgnbd, mbgnbd, "
				      "pnbd or bgbb fit (a gg fit goes to --spend-fit)",
				      cli_opt(opts, n_opts, "--fit"), cxm_clv_model_name(fit.model));
	if (spend && gg.model != CXM_CLV_GG)
		return cli_data_error("%s: --spend-fit takes a gg (Gamma-Gamma) fit, not %s", spend,
				      cxm_clv_model_name(gg.model));
	want[COL_FREQUENCY] = want[COL_RECENCY] = 1;
	want[fit.model == CXM_CLV_BGBB ? COL_PERIODS : COL_T] = 1;
	want[COL_MONETARY_VALUE] = spend != NULL;
	if ((rc = clv_read_summary_file(&f, file, delimiter, want, 1)) != 0)
		goto done;
	n = f.n;
	freq = f.col[COL_FREQUENCY].v;
	rec = f.col[COL_RECENCY].v;
	mon = f.col[COL_MONETARY_VALUE].v;
	/* BG/BB's third column is its number of opportunities, where the others have T */
	T_col = fit.model == CXM_CLV_BGBB ? f.col[COL_PERIODS].v : f.col[COL_T].v;
	/* the output columns, n rows each, one after the other */
	if ((out = malloc(4 * n * sizeof *out)) == NULL) {
		rc = clv_out_of_memory();
		goto done;
	}
	if ((rc = cxm_clv_expected_purchases(out, n, &fit, t, freq, n, rec, n, T_col, n)) < 0 ||
	    (rc = cxm_clv_p_alive(out + n, n, &fit, freq, n, rec, n, T_col, n)) < 0 ||
	    (spend && (rc = cxm_clv_expected_profit(out + 2 * n, n, &gg, freq, n, mon, n)) < 0) ||
	    (spend && (rc = cxm_clv_discounted(out + 3 * n, n, &fit, &gg, freq, n, rec, n, T_col, n, mon, n,
						months, &discount, 1, ppm)) < 0)) {
		rc = cli_library_error(rc, file);
		goto done;
	}
	n_cols = spend ? 4 : 2;
	clv_put_csv_header(stdout, out_names, n_cols);
	for (i = 0; i < n; i++) {
		/* without an id column (BG/BB patterns) the id is the row number */
		char row[24];
		const char *id = row;
		if (f.has_ids)
			id = f.ids.text + f.ids.off[i];
		else
			snprintf(row, sizeof row, "%zu", i + 1);
		clv_put_csv_row(stdout, id, out, n, i, n_cols);
	}
	rc = cli_finish_output("output");
done:
	free(out);
	clv_summary_file_free(&f);
	return rc;
}
