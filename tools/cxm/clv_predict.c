/*
 * tools/cxm/clv_predict.c - `cxm clv predict`: per customer of a summary
 * file, from fits saved by cxm clv fit, the expected purchases, the
 * probability of being alive and, with a Gamma-Gamma spend fit, the
 * expected profit and the discounted CLV, as CSV or JSON. Argument parsing
 * only: the summary is read into a table, the predictions are
 * cxm_clv_predict_table's.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "clv_common.h"

/* The largest fit file we read: a fit is a few hundred bytes. */
#define MAX_FIT_JSON ((size_t)1 << 20)

static const char predict_help[] =
	"Usage: cxm clv predict SUMMARY.csv --fit FIT.json --t T\n"
	"           [--spend-fit GG.json (--period day|week|month | --periods-per-month F)\n"
	"           [--months M] [--discount D]] [--format csv|json] [--strict]\n"
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
	"[,expected_profit,clv], one row per customer in file order (JSON: the\n"
	"same per customer, with the model, t and the CLV settings). Without an id\n"
	"column (BG/BB patterns such as donations.csv) the id is the row number, 1\n"
	"for the first row. For a BG/BB fit the columns are frequency, recency and\n"
	"periods, and --t counts whole periods.\n"
	"\n"
	"Options:\n"
	"  --fit FIT.json         the purchase model: bgnbd, mbgnbd, pnbd or bgbb\n"
	"                         (JSON of cxm clv fit; a hand-written\n"
	"                         {\"model\": \"bgnbd\", \"params\": {\"r\": ..., ...}} works)\n"
	"  --t T                  horizon of expected_purchases, in the summary's\n"
	"                         time unit, at most 1000000\n"
	"  --spend-fit GG.json    a Gamma-Gamma fit (cxm clv fit --model gg)\n"
	"  --period day|week|month\n"
	"                         the summary's time unit (as given to cxm clv\n"
	"                         summary; days, weeks, months, D, W, M too): a\n"
	"                         month is 4.345 weeks, 30.4375 days\n"
	"  --periods-per-month F  or the time units in a month as a number: one of\n"
	"                         the two is required with --spend-fit (a wrong unit\n"
	"                         is the classic CLV mistake)\n"
	"  --months M             months of CLV, 1 to 1200 (default 12)\n"
	"  --discount D           monthly discount rate, > -1 (default 0.01: 1% a\n"
	"                         month, about 12.7% a year)\n"
	"  --delimiter CHAR       field separator of SUMMARY.csv: ',' (default), ';',\n"
	"                         '|' or 'tab'\n"
	"  --format csv|json      CSV (default) or JSON\n"
	"  --strict               a fit (FIT.json or GG.json) that did not converge\n"
	"                         is an error (exit status 1), not a warning\n"
	"  -h, --help             this help\n"
	"\n"
	"Numbers are printed in the shortest form that reads back exactly; a value\n"
	"the model cannot give is an empty field (null in JSON).\n"
	"\n"
	"Example:\n"
	"  cxm clv predict summary.csv --fit bgnbd.json --spend-fit gg.json --t 39 \\\n"
	"      --period week\n";

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
		return cli_data_error("out of memory");
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

/* The CLV options: *months, *discount and *ppm (NaN: from the summary's
 * period, *period then its value or -1); 0 or the exit code of a usage error. */
static int clv_options(double *months, double *discount, double *ppm, int *period, const cli_option *opts,
		       size_t n_opts, int spend)
{
	const char *v;
	*period = -1;
	*ppm = NAN;
	if (!spend && (cli_opt(opts, n_opts, "--months") || cli_opt(opts, n_opts, "--discount") ||
		       cli_opt(opts, n_opts, "--periods-per-month") || cli_opt(opts, n_opts, "--period")))
		return cli_usage_error("clv predict: --months, --discount, --periods-per-month and --period are "
				       "for the CLV, which needs --spend-fit GG.json");
	/* the limits of spec §8.15, before any file is read */
	if ((v = cli_opt(opts, n_opts, "--months")) &&
	    (!clv_parse_number(months, v) || !(*months >= 1.0 && *months <= CXM_CLV_MAX_MONTHS) ||
	     *months != floor(*months)))
		return cli_usage_error("clv predict: --months must be a whole number from 1 to %d (the limit "
				       "CXM_CLV_MAX_MONTHS), e.g. 12; got '%s'", CXM_CLV_MAX_MONTHS, v);
	if ((v = cli_opt(opts, n_opts, "--discount")) && (!clv_parse_number(discount, v) || *discount <= -1.0))
		return cli_usage_error("clv predict: --discount must be a monthly rate > -1, e.g. 0.01; got "
				       "'%s'", v);
	if (!spend)
		return 0;
	if ((v = cli_opt(opts, n_opts, "--periods-per-month")) != NULL) {
		if (cli_opt(opts, n_opts, "--period"))
			return cli_usage_error("clv predict: give --periods-per-month or --period, not both");
		if (!clv_parse_number(ppm, v) || *ppm <= 0.0)
			return cli_usage_error("clv predict: --periods-per-month must be a number > 0, e.g. "
					       "4.345; got '%s'", v);
		return 0;
	}
	if ((v = cli_opt(opts, n_opts, "--period")) == NULL)
		return cli_usage_error("clv predict: --spend-fit needs the summary's time unit: --period "
				       "day|week|month, or --periods-per-month F (4.345 for a summary in weeks, "
				       "30.4375 in days, 1 in months)");
	if (cxm_names_parse(period, CXM_NAMES_CLV_PERIOD, v) < 0)
		return cli_usage_library_error("clv predict: --");
	return 0;
}

int clv_cmd_predict(int argc, char **argv)
{
	static const int formats[] = { CXM_FORMAT_CSV, CXM_FORMAT_JSON };
	cli_option opts[] = { { "--fit", 0, NULL }, { "--spend-fit", 0, NULL }, { "--t", 0, NULL },
			      { "--months", 0, NULL }, { "--discount", 0, NULL },
			      { "--periods-per-month", 0, NULL }, { "--period", 0, NULL },
			      { "--format", 0, NULL }, { "--delimiter", 0, NULL }, { "--strict", 1, NULL } };
	const size_t n_opts = sizeof opts / sizeof *opts;
	cxm_clv_fit_result fit = CXM_CLV_FIT_RESULT_INIT, gg = CXM_CLV_FIT_RESULT_INIT;
	cxm_clv_model_info info = CXM_CLV_MODEL_INFO_INIT, spend_info = CXM_CLV_MODEL_INFO_INIT;
	cxm_csv_spec *spec = NULL;
	cxm_table *summary = NULL, *pred = NULL;
	const char *file, *v, *fit_file, *spend;
	double t = 0.0, months = CXM_CLV_MONTHS_DEFAULT, discount = CXM_CLV_DISCOUNT_DEFAULT, ppm = NAN;
	unsigned int want;
	int rc, format, period, c;

	if ((rc = clv_parse_options(&file, opts, n_opts, argc, argv, "clv predict", predict_help)) >= 0)
		return rc;
	if ((fit_file = cli_opt(opts, n_opts, "--fit")) == NULL)
		return cli_usage_error("clv predict: --fit FIT.json is required: a fit saved by cxm clv fit");
	if ((v = cli_opt(opts, n_opts, "--t")) == NULL)
		return cli_usage_error("clv predict: --t T is required: the horizon of expected_purchases, "
				       "in the summary's time unit");
	if (!clv_parse_number(&t, v) || !(t >= 0.0 && t <= CXM_CLV_MAX_HORIZON))
		return cli_usage_error("clv predict: --t must be a number from 0 to %.17g (the limit "
				       "CXM_CLV_MAX_HORIZON, in the summary's time unit); got '%s'",
				       CXM_CLV_MAX_HORIZON, v);
	spend = cli_opt(opts, n_opts, "--spend-fit");
	if ((rc = clv_options(&months, &discount, &ppm, &period, opts, n_opts, spend != NULL)) != 0 ||
	    (rc = clv_format_option(&format, opts, n_opts, "clv predict", formats, 2)) != 0)
		return rc;

	/* the fits, and what their models predict (cxm_clv_model_describe) */
	if ((rc = read_fit(&fit, fit_file)) != 0 || (spend && (rc = read_fit(&gg, spend)) != 0))
		return rc;
	/* a saved fit that did not converge says so here too (spec §8.14) */
	if ((rc = clv_fit_status(&fit, fit_file, cli_opt(opts, n_opts, "--strict") != NULL)) != 0 ||
	    (spend && (rc = clv_fit_status(&gg, spend, cli_opt(opts, n_opts, "--strict") != NULL)) != 0))
		return rc;
	if (cxm_clv_model_describe(&info, fit.model) < 0 ||
	    !(info.predictions & CXM_CLV_BIT(CXM_CLV_PREDICT_EXPECTED_PURCHASES)))
		return cli_data_error("%s: a %s fit predicts no purchases; --fit takes a bgnbd, mbgnbd, "
				      "pnbd or bgbb fit (a gg fit goes to --spend-fit)", fit_file,
				      cxm_names_word(CXM_NAMES_CLV_MODEL, fit.model));
	if (spend && (cxm_clv_model_describe(&spend_info, gg.model) < 0 ||
		      !(spend_info.predictions & CXM_CLV_BIT(CXM_CLV_PREDICT_EXPECTED_PROFIT))))
		return cli_data_error("%s: --spend-fit takes a gg (Gamma-Gamma) fit, not %s", spend,
				      cxm_names_word(CXM_NAMES_CLV_MODEL, gg.model));

	/* the summary: the id ("id", or "ID" as Hardie's files write it), the
	 * columns of the model (but for the weights of a fit), monetary_value for the CLV */
	if ((rc = clv_csv_spec(&spec, opts, n_opts, "clv predict")) != 0)
		goto done;
	want = info.columns & ~info.optional;
	if (spend)
		want |= CXM_CLV_BIT(CXM_CLV_MONETARY_VALUE);
	if ((rc = cxm_csv_spec_add_column(spec, "id", CXM_TABLE_TEXT, 0)) < 0 ||
	    (rc = cxm_csv_spec_add_column(spec, "ID", CXM_TABLE_TEXT, 0)) < 0) {
		rc = cli_library_error(rc, NULL);
		goto done;
	}
	for (c = 0; c <= CXM_CLV_HOLDOUT_MONETARY_VALUE; c++) {
		if ((want & CXM_CLV_BIT(c)) &&
		    (rc = cxm_csv_spec_add_column(spec, cxm_names_word(CXM_NAMES_CLV_COLUMN, c), CXM_TABLE_NUMBER,
						  CXM_CSV_REQUIRED)) < 0) {
			rc = cli_library_error(rc, NULL);
			goto done;
		}
	}
	if ((rc = clv_read_table(&summary, file, spec)) != 0)
		goto done;
	/* --period: the summary's unit, from which the library takes periods per month */
	if (period >= 0 && (rc = cxm_table_set_attr_text(summary, "period",
							  cxm_names_word(CXM_NAMES_CLV_PERIOD, period))) < 0) {
		rc = cli_library_error(rc, NULL);
		goto done;
	}
	if ((rc = cxm_clv_predict_table(&pred, summary, &fit, spend ? &gg : NULL, t, months, discount, ppm)) < 0) {
		rc = cli_library_error(rc, file);
		goto done;
	}
	rc = clv_write_table(pred, format);
done:
	cxm_table_free(pred);
	cxm_table_free(summary);
	cxm_csv_spec_free(spec);
	return rc;
}
