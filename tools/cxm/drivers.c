/*
 * tools/cxm/drivers.c - `cxm drivers`: key drivers of a score (spec §19).
 * Argument parsing and printing only: the file is read into a table
 * (cxm_table_read_csv, numbers inferred), the fit, its checks and the result
 * table come from the library (drivers.h).
 */
#define CXM_EXPERIMENTAL /* cxm_table_read_csv */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cxmetrics.h"
#include "cli.h"

static const char drivers_help[] =
	"Usage: cxm drivers FILE --outcome COL --drivers COL,COL,... [--bootstrap N]\n"
	"           [--seed S] [--conf C] [--nan-policy error|omit] [--threads N]\n"
	"           [--delimiter CHAR] [--format text|csv|json]\n"
	"\n"
	"Key drivers (spec 19): which rating items or attributes move a score. The\n"
	"outcome column is regressed on the driver columns (least squares with an\n"
	"intercept) and the model's R2 is shared out two ways:\n"
	"  relative_weight  Johnson's (2000) relative weights\n"
	"  shapley          the Shapley value of R2 (LMG): each driver's gain in R2\n"
	"                   averaged over every order the drivers could enter in,\n"
	"                   exact over all 2^p subsets (at most 15 drivers)\n"
	"both summing to R2 (rw_share, shapley_share: % of R2), with seeded bootstrap\n"
	"percentile intervals (_lower, _upper) and each driver's correlation with the\n"
	"outcome. A column of numbers is a numeric driver; any other a categorical\n"
	"one: its levels become dummies (the most frequent level the reference), one\n"
	"player in the Shapley value (correlation: the multiple R on its dummies).\n"
	"\n"
	"Options:\n"
	"  --outcome COL         the score to explain (a column of numbers)\n"
	"  --drivers A,B,C       the driver columns, 1 to 15, in the order printed\n"
	"  --bootstrap N         bootstrap replicates (default 200; 0: no intervals)\n"
	"  --seed S              the bootstrap's seed (default 1): the same seed, the\n"
	"                        same intervals, whatever the thread count\n"
	"  --conf C              level of the intervals, in (0, 1) (default 0.95)\n"
	"  --nan-policy WORD     an empty field: error (default: the first stops the\n"
	"                        run, naming its column and row) or omit (the row is\n"
	"                        left out and counted in rows_dropped)\n"
	"  --threads N           threads of the bootstrap (default: all cores)\n"
	"  --delimiter CHAR      field separator: ',' (default), ';', '|', 'tab'\n"
	"  --format text|csv|json\n"
	"                        text (default): R2 and an aligned table; csv: the\n"
	"                        table; json: {\"outcome\", \"r2\", ..., \"drivers\": [...]}\n"
	"  -h, --help            this help\n"
	"\n"
	"Example:\n"
	"  cxm drivers examples/data/survey_responses.csv --outcome nps \\\n"
	"      --drivers csat,ces,channel --nan-policy omit\n";

/* A whole number option up to max: 0 when absent or valid, else a usage error. */
static int count_option(uint64_t *out, const char *v, const char *name, uint64_t max)
{
	char *end;
	unsigned long long x;
	if (!v)
		return 0;
	errno = 0;
	x = strtoull(v, &end, 10);
	if (end == v || *end != '\0' || v[0] == '-' || errno == ERANGE || x > max)
		return cli_usage_error("drivers: %s must be a whole number 0 .. %llu, not '%s'", name,
				       (unsigned long long)max, v);
	*out = (uint64_t)x;
	return 0;
}

/* "a,b,c" -> names (pointers into the copy *buf); 0 or an exit code. */
static int split_names(char **buf, const char ***names, size_t *n, const char *v)
{
	size_t k = 1, i;
	char *p;
	for (p = (char *)v; *p; p++)
		k += *p == ',';
	if (!(*buf = malloc(strlen(v) + 1)) || !(*names = malloc(k * sizeof **names)))
		return cli_data_error("out of memory");
	strcpy(*buf, v);
	(*names)[0] = *buf;
	for (p = *buf, i = 1; *p; p++)
		if (*p == ',') {
			*p = '\0';
			(*names)[i++] = p + 1;
		}
	for (i = 0; i < k; i++)
		if ((*names)[i][0] == '\0')
			return cli_usage_error("drivers: --drivers has an empty name in '%s'; give COL,COL,...", v);
	*n = k;
	return 0;
}

/* The options into o; 0 or an exit code. */
static int set_options(cxm_drivers_opts *o, const cli_option *opts, size_t n_opts)
{
	uint64_t boot = 200, seed = 1, threads = 0;
	const char *v;
	double conf;
	int policy;
	if (count_option(&boot, cli_opt(opts, n_opts, "--bootstrap"), "--bootstrap", CXM_DRIVERS_MAX_REPLICATES) ||
	    count_option(&seed, cli_opt(opts, n_opts, "--seed"), "--seed", UINT64_MAX) ||
	    count_option(&threads, cli_opt(opts, n_opts, "--threads"), "--threads", 1024))
		return CLI_EXIT_USAGE;
	cxm_drivers_opts_set_bootstrap(o, (unsigned)boot);
	cxm_drivers_opts_set_seed(o, seed);
	cxm_drivers_opts_set_threads(o, (unsigned)threads);
	if ((v = cli_opt(opts, n_opts, "--conf"))) {
		if (cxm_parse_number(&conf, v) < 0)
			return cli_usage_error("drivers: --conf must be a number in (0, 1), not '%s'", v);
		if (cxm_drivers_opts_set_conf(o, conf) < 0)
			return cli_usage_library_error("drivers: --");
	}
	if ((v = cli_opt(opts, n_opts, "--nan-policy"))) {
		if (cxm_names_parse(&policy, CXM_NAMES_NAN_POLICY, v) < 0)
			return cli_usage_library_error("drivers: --");
		cxm_drivers_opts_set_nan_policy(o, policy);
	}
	return 0;
}

/* The JSON object: the table's attributes, then its rows under "drivers". */
static int print_json(const cxm_table *t)
{
	char *s = NULL;
	int rc = cxm_table_render(&s, t, CXM_FORMAT_JSON);
	if (rc < 0)
		return cli_library_error(rc, NULL);
	fputs(s, stdout);
	cxm_free(s);
	return 0;
}

static void print_text(const cxm_table *t, const char *file)
{
	double r2 = 0, n = 0, dropped = 0, boot = 0, conf = 0, seed = 0;
	const char *outcome = "";
	cxm_table_get_attr_text(&outcome, t, "outcome");
	cxm_table_get_attr_number(&r2, t, "r2");
	cxm_table_get_attr_number(&n, t, "n");
	cxm_table_get_attr_number(&dropped, t, "rows_dropped");
	cxm_table_get_attr_number(&boot, t, "bootstrap");
	cxm_table_get_attr_number(&conf, t, "conf");
	cxm_table_get_attr_number(&seed, t, "seed");
	printf("Key drivers of %s (%s): R2 = %.4f on %.0f rows", outcome, file, r2, n);
	if (dropped > 0)
		printf(" (%.0f left out for a missing value)", dropped);
	if (boot > 0)
		printf("; %.0f%% bootstrap intervals, %.0f replicates, seed %.0f\n\n", 100 * conf, boot, seed);
	else
		printf("; no intervals (--bootstrap 0)\n\n");
	cli_print_table(t);
}

int cxm_cmd_drivers(int argc, char **argv)
{
	cli_option opts[] = { { "--outcome", 0, NULL },   { "--drivers", 0, NULL },    { "--bootstrap", 0, NULL },
			      { "--seed", 0, NULL },      { "--conf", 0, NULL },       { "--nan-policy", 0, NULL },
			      { "--threads", 0, NULL },   { "--delimiter", 0, NULL },  { "--format", 0, NULL } };
	const size_t n_opts = sizeof opts / sizeof *opts;
	cli_command cmd = { "drivers", drivers_help, opts, n_opts, NULL, NULL };
	const char *file, *v, **names = NULL;
	char *buf = NULL, delimiter = ',';
	cxm_csv_spec *spec = NULL;
	cxm_drivers_opts *o = NULL;
	cxm_drivers_result *r = NULL;
	cxm_table *data = NULL, *t = NULL;
	size_t n = 0;
	int rc, format = CXM_FORMAT_TEXT;

	if ((rc = cli_parse(&file, &cmd, argc, argv, 2)) >= 0)
		return rc;
	if (!file)
		return cli_usage_error("drivers: no input file given (see cxm drivers --help)");
	if (!cli_opt(opts, n_opts, "--outcome") || !cli_opt(opts, n_opts, "--drivers"))
		return cli_usage_error("drivers: --outcome COL and --drivers COL,COL,... are required (see cxm drivers "
				       "--help)");
	if ((v = cli_opt(opts, n_opts, "--format")) && cxm_names_parse(&format, CXM_NAMES_FORMAT, v) < 0)
		return cli_usage_library_error("drivers: --");
	if ((v = cli_opt(opts, n_opts, "--delimiter")) && !cli_set_delimiter(&delimiter, v))
		return cli_usage_error("drivers: --delimiter must be one character (or 'tab'), not a quote or a line "
				       "break; got '%s'", v);
	if (cxm_drivers_opts_new(&o) < 0)
		return cli_library_error(CXM_ENOMEM, NULL);
	if ((rc = set_options(o, opts, n_opts)) != 0 ||
	    (rc = split_names(&buf, &names, &n, cli_opt(opts, n_opts, "--drivers"))) != 0)
		goto done;
	if ((rc = cxm_csv_spec_new(&spec)) < 0 || (rc = cxm_csv_spec_set_delimiter(spec, delimiter)) < 0 ||
	    (rc = cxm_csv_spec_set_infer_numbers(spec, 1)) < 0 || (rc = cxm_table_read_csv(&data, file, spec)) < 0) {
		rc = cli_library_error(rc, NULL);
		goto done;
	}
	if ((rc = cxm_drivers_fit(&r, data, cli_opt(opts, n_opts, "--outcome"), names, n, o)) < 0 ||
	    (rc = cxm_drivers_table(&t, r)) < 0) {
		rc = cli_library_error(rc, file);
		goto done;
	}
	if (format == CXM_FORMAT_CSV)
		rc = cxm_table_write(stdout, t, CXM_FORMAT_CSV) < 0 ? cli_library_error(CXM_EIO, NULL) : 0;
	else if (format == CXM_FORMAT_JSON)
		rc = print_json(t);
	else
		print_text(t, file);
	if (rc == 0)
		rc = cli_finish_output("drivers");
done:
	cxm_table_free(t);
	cxm_drivers_result_free(r);
	cxm_table_free(data);
	cxm_csv_spec_free(spec);
	cxm_drivers_opts_free(o);
	free(names);
	free(buf);
	return rc;
}
