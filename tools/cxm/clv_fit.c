/*
 * tools/cxm/clv_fit.c - `cxm clv fit`: fit a model (BG/NBD, MBG/NBD,
 * Pareto/NBD, Gamma-Gamma, BG/BB or sBG) to a customer summary file by
 * maximum likelihood and print the fit as JSON, for cxm clv predict.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include "cxmetrics.h"
#include "cli.h"
#include "clv_common.h"

static const char fit_help[] =
	"Usage: cxm clv fit SUMMARY.csv --model MODEL [--penalty C] [--threads N]\n"
	"           [--progress] [--format json]\n"
	"\n"
	"Fit a model by maximum likelihood to customer summaries (the output of\n"
	"cxm clv summary, or any CSV file with the columns below) and print the\n"
	"fit as JSON: model, params (by name), se (standard errors), loglik (total\n"
	"log-likelihood), iterations, converged, gradient_norm, n_customers. Save\n"
	"it to a file for cxm clv predict.\n"
	"\n"
	"MODEL and the columns it reads (by header name; other columns are ignored):\n"
	"  bgnbd, mbgnbd, pnbd  frequency, recency, T; parameters r, alpha and a, b\n"
	"                       (pnbd: r, alpha, s, beta)\n"
	"  gg                   frequency, monetary_value; only customers with\n"
	"                       frequency > 0 are used, and their monetary_value must\n"
	"                       be > 0; parameters p, q, v\n"
	"  bgbb                 frequency, recency, periods (opportunities), weights\n"
	"                       (customers with that pattern), as lifetimes'\n"
	"                       donations.csv; parameters alpha, beta, gamma, delta\n"
	"  sbg                  survivors: customers still active at the start of\n"
	"                       period 0, 1, 2, ... (non-increasing); alpha, beta\n"
	"\n"
	"Options:\n"
	"  --model MODEL      bgnbd, mbgnbd, pnbd, gg, bgbb or sbg (see cxm clv --help)\n"
	"  --penalty C        L2 penalty C * sum(params^2) added to the mean negative\n"
	"                     log-likelihood, as lifetimes' penalizer_coef (default 0);\n"
	"                     a small value such as 0.001 helps on small data\n"
	"  --threads N        threads for large inputs: 0 all cores (default), 1 none;\n"
	"                     the result is the same\n"
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

/* A whole number 0..max taking the whole of s. */
static int parse_count(unsigned int *out, const char *s, unsigned long max)
{
	char *end;
	unsigned long v;
	if (s[0] < '0' || s[0] > '9')
		return 0;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (*end != '\0' || errno == ERANGE || v > max)
		return 0;
	*out = (unsigned int)v;
	return 1;
}

int clv_cmd_fit(int argc, char **argv)
{
	cli_option opts[] = { { "--model", 0, NULL }, { "--penalty", 0, NULL }, { "--threads", 0, NULL },
			      { "--format", 0, NULL }, { "--delimiter", 0, NULL }, { "--progress", 1, NULL } };
	const size_t n_opts = sizeof opts / sizeof *opts;
	cxm_clv_fit_opts fo = CXM_CLV_FIT_OPTS_INIT;
	cxm_clv_fit_result fit = CXM_CLV_FIT_RESULT_INIT;
	int want[N_SUMMARY_COLUMNS] = { 0 };
	clv_summary_file f;
	const char *file, *v;
	char delimiter = ',', *json = NULL;
	int rc, model = 0;

	if ((rc = clv_parse_options(&file, opts, n_opts, argc, argv, "clv fit", fit_help)) >= 0)
		return rc;
	if ((v = cli_opt(opts, n_opts, "--model")) == NULL)
		return cli_usage_error("clv fit: --model is required: bgnbd, mbgnbd, pnbd, gg, bgbb or sbg "
				       "(see cxm clv --help)");
	/* the name is an argument: an unknown one is a usage error */
	if (cxm_clv_model_from_name(&model, v) < 0)
		return cli_usage_error("clv fit: unknown model '%s'; use bgnbd, mbgnbd, pnbd, gg, bgbb or "
				       "sbg", v);
	if ((v = cli_opt(opts, n_opts, "--penalty")) &&
	    (!clv_parse_number(&fo.l2_penalty, v) || fo.l2_penalty < 0.0))
		return cli_usage_error("clv fit: --penalty must be a number >= 0, e.g. 0.001; got '%s'", v);
	if ((v = cli_opt(opts, n_opts, "--threads")) && !parse_count(&fo.threads, v, 1024))
		return cli_usage_error("clv fit: --threads must be a whole number from 0 (all cores) to "
				       "1024; got '%s'", v);
	if (cli_opt(opts, n_opts, "--progress"))
		fo.progress = print_progress;
	if ((rc = clv_only_format(opts, n_opts, "clv fit", "json")) != 0)
		return rc;
	if ((rc = clv_delimiter_option(&delimiter, opts, n_opts, "clv fit")) != 0)
		return rc;

	/* the columns each model reads (fit_help) */
	switch (model) {
	case CXM_CLV_GG:
		want[COL_FREQUENCY] = want[COL_MONETARY_VALUE] = 1;
		break;
	case CXM_CLV_BGBB:
		want[COL_FREQUENCY] = want[COL_RECENCY] = want[COL_PERIODS] = want[COL_WEIGHTS] = 1;
		break;
	case CXM_CLV_SBG:
		want[COL_SURVIVORS] = 1;
		break;
	default:
		want[COL_FREQUENCY] = want[COL_RECENCY] = want[COL_T] = 1;
		break;
	}
	if ((rc = clv_read_summary_file(&f, file, delimiter, want, 0)) != 0)
		goto done;
	switch (model) {
	case CXM_CLV_GG:
		rc = cxm_clv_fit_gamma_gamma(&fit, f.col[COL_FREQUENCY].v, f.n, f.col[COL_MONETARY_VALUE].v,
					     f.n, &fo);
		break;
	case CXM_CLV_BGBB:
		rc = cxm_clv_fit_bgbb(&fit, f.col[COL_FREQUENCY].v, f.n, f.col[COL_RECENCY].v, f.n,
				      f.col[COL_PERIODS].v, f.n, f.col[COL_WEIGHTS].v, f.n, &fo);
		break;
	case CXM_CLV_SBG:
		rc = cxm_clv_fit_sbg(&fit, f.col[COL_SURVIVORS].v, f.n, &fo);
		break;
	default:
		rc = cxm_clv_fit(&fit, model, f.col[COL_FREQUENCY].v, f.n, f.col[COL_RECENCY].v, f.n,
				 f.col[COL_T].v, f.n, NULL, 0, &fo);
		break;
	}
	if (rc < 0) {
		rc = cli_library_error(rc, file);
		goto done;
	}
	if ((rc = cxm_clv_fit_result_to_json(&json, &fit)) < 0) {
		rc = cli_library_error(rc, NULL);
		goto done;
	}
	fputs(json, stdout);
	rc = cli_finish_output("output");
done:
	cxm_free(json);
	clv_summary_file_free(&f);
	return rc;
}
