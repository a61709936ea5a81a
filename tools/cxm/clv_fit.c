/*
 * tools/cxm/clv_fit.c - `cxm clv fit`: fit a model (BG/NBD, MBG/NBD,
 * Pareto/NBD, Gamma-Gamma, BG/BB or sBG) to a customer summary file by
 * maximum likelihood and print the fit as JSON, for cxm clv predict.
 * Argument parsing only: the columns come from the model's descriptor
 * (cxm_clv_model_describe), the fit from cxm_clv_fit_table.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include "clv_common.h"

static const char fit_help[] =
	"Usage: cxm clv fit SUMMARY.csv --model MODEL [--penalty C] [--threads N]\n"
	"           [--max-iterations N] [--strict] [--progress] [--format json]\n"
	"\n"
	"Fit a model by maximum likelihood to customer summaries (the output of\n"
	"cxm clv summary, or any CSV file with the columns below) and print the\n"
	"fit as JSON: model, params (by name), se (standard errors), loglik (total\n"
	"log-likelihood), iterations, converged, gradient_norm, n_customers,\n"
	"status (converged, iteration_limit, boundary or stalled; boundary_param\n"
	"names the parameter that ran off to 0 or infinity). Save it to a file for\n"
	"cxm clv predict. A fit that did not converge is printed with a warning on\n"
	"stderr (\"cxm: warning: bgnbd fit did not converge: ...\"); with --strict\n"
	"it is an error instead (exit status 1, nothing printed). Data that cannot\n"
	"identify the model at all (no repeat buyer; one for gg) is an error.\n"
	"\n"
	"MODEL and the columns it reads (by header name; other columns are ignored):\n"
	"  bgnbd, mbgnbd, pnbd  frequency, recency, T, and weights (customers with\n"
	"                       that row) when the file has them; parameters r,\n"
	"                       alpha and a, b (pnbd: r, alpha, s, beta)\n"
	"  gg                   frequency, monetary_value; only customers with\n"
	"                       frequency > 0 are used, and their monetary_value must\n"
	"                       be > 0; parameters p, q, v\n"
	"  bgbb                 frequency, recency, periods (opportunities), and\n"
	"                       weights (customers with that pattern) when the file\n"
	"                       has them, as lifetimes' donations.csv; parameters\n"
	"                       alpha, beta, gamma, delta\n"
	"  sbg                  survivors: customers still active at the start of\n"
	"                       period 0, 1, 2, ... (non-increasing); alpha, beta\n"
	"\n"
	"Options:\n"
	"  --model MODEL      bgnbd, mbgnbd, pnbd, gg, bgbb or sbg (see cxm clv --help)\n"
	"  --penalty C        L2 penalty C * sum(params^2) added to the mean negative\n"
	"                     log-likelihood, as lifetimes' penalizer_coef (default 0);\n"
	"                     a small value such as 0.001 helps on small data\n"
	"  --threads N        threads for large inputs: 0 all cores (default), 1 none,\n"
	"                     at most 1024; the result is the same\n"
	"  --max-iterations N the most iterations of the optimiser (default 500)\n"
	"  --strict           a fit that did not converge is an error (exit status 1)\n"
	"  --progress         print one line per iteration of the optimiser on stderr:\n"
	"                     \"iteration 3: loglik -9582.4256, gradient 1.2e-03\"\n"
	"                     (the total log-likelihood without the penalty and the\n"
	"                     largest gradient component so far)\n"
	"  --delimiter CHAR   field separator: ',' (default), ';', '|' or 'tab'\n"
	"  --format json      the only format (default)\n"
	"  -h, --help         this help\n"
	"\n"
	"Examples:\n"
	"  cxm clv fit tests/data/cdnow/cdnow_customers_summary.csv --model bgnbd\n"
	"  cxm clv fit tests/data/cdnow/donations.csv --model bgbb > bgbb.json\n";

/* --progress: one line per iteration on stderr; never stops the fit. */
static int print_progress(void *user, unsigned int iteration, double loglik, double gradient_norm)
{
	(void)user;
	fprintf(stderr, "iteration %u: loglik %.4f, gradient %.1e\n", iteration, loglik, gradient_norm);
	return 0;
}

/* A whole number taking the whole of s, at most UINT_MAX. */
static int parse_count(unsigned int *out, const char *s)
{
	char *end;
	unsigned long v;
	if (s[0] < '0' || s[0] > '9')
		return 0;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (*end != '\0' || errno == ERANGE || v > UINT_MAX)
		return 0;
	*out = (unsigned int)v;
	return 1;
}

/* The fit options from the command line; 0 or the exit code of a usage error. */
static int fit_options(cxm_clv_fit_opts *fo, const cli_option *opts, size_t n_opts)
{
	unsigned int threads = 0, iterations = 0;
	double penalty = 0.0;
	const char *v;
	if ((v = cli_opt(opts, n_opts, "--penalty")) &&
	    (!clv_parse_number(&penalty, v) || cxm_clv_fit_opts_set_l2_penalty(fo, penalty) < 0))
		return cli_usage_error("clv fit: --penalty must be a number >= 0, e.g. 0.001; got '%s'", v);
	if ((v = cli_opt(opts, n_opts, "--threads")) &&
	    (!parse_count(&threads, v) || cxm_clv_fit_opts_set_threads(fo, threads) < 0))
		return cli_usage_error("clv fit: --threads must be a whole number from 0 (all cores) to "
				       "1024; got '%s'", v);
	if ((v = cli_opt(opts, n_opts, "--max-iterations")) &&
	    (!parse_count(&iterations, v) || iterations == 0 || cxm_clv_fit_opts_set_max_iterations(fo, iterations) < 0))
		return cli_usage_error("clv fit: --max-iterations must be a whole number from 1 to 4294967295; "
				       "got '%s'", v);
	if (cli_opt(opts, n_opts, "--progress") && cxm_clv_fit_opts_set_progress(fo, print_progress, NULL) < 0)
		return cli_library_error(cxm_error_last()->code, NULL);
	return 0;
}

int clv_cmd_fit(int argc, char **argv)
{
	static const int formats[] = { CXM_FORMAT_JSON };
	cli_option opts[] = { { "--model", 0, NULL }, { "--penalty", 0, NULL }, { "--threads", 0, NULL },
			      { "--format", 0, NULL }, { "--delimiter", 0, NULL }, { "--progress", 1, NULL },
			      { "--max-iterations", 0, NULL }, { "--strict", 1, NULL } };
	const size_t n_opts = sizeof opts / sizeof *opts;
	cxm_clv_model_info info = CXM_CLV_MODEL_INFO_INIT;
	cxm_clv_fit_result fit = CXM_CLV_FIT_RESULT_INIT;
	cxm_clv_fit_opts *fo = NULL;
	cxm_csv_spec *spec = NULL;
	cxm_table *summary = NULL;
	const char *file, *v;
	char *json = NULL;
	int rc, model = 0, format, c;

	if ((rc = clv_parse_options(&file, opts, n_opts, argc, argv, "clv fit", fit_help)) >= 0)
		return rc;
	if ((v = cli_opt(opts, n_opts, "--model")) == NULL)
		return cli_usage_error("clv fit: --model is required: bgnbd, mbgnbd, pnbd, gg, bgbb or sbg "
				       "(see cxm clv --help)");
	/* the name is an argument: an unknown one is a usage error */
	if (cxm_names_parse(&model, CXM_NAMES_CLV_MODEL, v) < 0 || cxm_clv_model_describe(&info, model) < 0)
		return cli_usage_library_error("clv fit: --");
	if ((rc = clv_format_option(&format, opts, n_opts, "clv fit", formats, 1)) != 0)
		return rc;
	if ((rc = cxm_clv_fit_opts_new(&fo)) < 0)
		return cli_library_error(rc, NULL);
	if ((rc = fit_options(fo, opts, n_opts)) != 0 || (rc = clv_csv_spec(&spec, opts, n_opts, "clv fit")) != 0)
		goto done;

	/* the id ("id", or "ID" as Hardie's files write it), when there is one, for
	 * errors that name a customer; the columns the model reads
	 * (cxm_clv_model_describe), as numbers */
	if ((rc = cxm_csv_spec_add_column(spec, "id", CXM_TABLE_TEXT, 0)) < 0 ||
	    (rc = cxm_csv_spec_add_column(spec, "ID", CXM_TABLE_TEXT, 0)) < 0) {
		rc = cli_library_error(rc, NULL);
		goto done;
	}
	for (c = 0; c <= CXM_CLV_HOLDOUT_MONETARY_VALUE; c++) {
		if (!(info.columns & CXM_CLV_BIT(c)))
			continue;
		if ((rc = cxm_csv_spec_add_column(spec, cxm_names_word(CXM_NAMES_CLV_COLUMN, c), CXM_TABLE_NUMBER,
						  (info.optional & CXM_CLV_BIT(c)) ? 0 : CXM_CSV_REQUIRED)) < 0) {
			rc = cli_library_error(rc, NULL);
			goto done;
		}
	}
	if ((rc = clv_read_table(&summary, file, spec)) != 0)
		goto done;
	if ((rc = cxm_clv_fit_table(&fit, model, summary, fo)) < 0) {
		rc = cli_library_error(rc, file);
		goto done;
	}
	/* a fit that did not converge says so (spec §8.14) */
	if ((rc = clv_fit_status(&fit, NULL, cli_opt(opts, n_opts, "--strict") != NULL)) != 0)
		goto done;
	if ((rc = cxm_clv_fit_result_to_json(&json, &fit)) < 0) {
		rc = cli_library_error(rc, NULL);
		goto done;
	}
	fputs(json, stdout);
	rc = cli_finish_output("output");
done:
	cxm_free(json);
	cxm_table_free(summary);
	cxm_csv_spec_free(spec);
	cxm_clv_fit_opts_free(fo);
	return rc;
}
