/*
 * tools/cxm/main.c - the `cxm` command: argument parsing only; the work is
 * done by the library (cxm_survey_report_from_csv, cxm_survey_report_render).
 *
 * Exit status and error lines: cli.h.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cxmetrics.h"
#include "cli.h"

static const char main_help[] =
	"cxm - customer-experience metrics from the command line\n"
	"\n"
	"Usage:\n"
	"  cxm survey FILE [options]   NPS, CSAT and CES of a survey CSV file,\n"
	"                              with confidence intervals\n"
	"  cxm clv COMMAND [options]   customer lifetime value: summaries of a\n"
	"                              transaction log, model fits, predictions\n"
	"  cxm COMMAND --help          help on a command\n"
	"  cxm --version               print the version\n"
	"  cxm --help                  this help\n"
	"\n"
	"NPS (Net Promoter Score) = % promoters - % detractors on the 0-10\n"
	"\"would you recommend us?\" question; CSAT = % satisfied customers;\n"
	"CES (Customer Effort Score) = % who found it easy. 'cxm survey --help'\n"
	"explains each metric, its scale and every option.\n"
	"\n"
	"Example:\n"
	"  cxm survey examples/data/survey_responses.csv\n";

static const char survey_help[] =
	"Usage: cxm survey FILE [options]\n"
	"\n"
	"Score the answers of a customer survey kept in a CSV file: Net Promoter\n"
	"Score (NPS), Customer Satisfaction (CSAT) and Customer Effort Score (CES),\n"
	"each with a confidence interval. The file's first line names its columns.\n"
	"The answers are read from the columns 'nps', 'csat' and 'ces' unless told\n"
	"otherwise; a metric whose default column is not in the file is skipped\n"
	"with a note (a column named with an option must exist).\n"
	"\n"
	"The metrics:\n"
	"  NPS   \"How likely are you to recommend us to a friend?\", answered 0-10.\n"
	"        Promoters answer 9-10, passives 7-8, detractors 0-6.\n"
	"        NPS = % promoters - % detractors, from -100 to +100. Shown with a\n"
	"        Wald interval and the adjusted-Wald interval (better for small\n"
	"        samples: it adds 3/4 of a promoter and of a detractor, and n + 3).\n"
	"  CSAT  \"How satisfied were you?\", 1-5 unless --csat-scale says otherwise.\n"
	"        CSAT = % satisfied: the top two answers (4-5 on 1-5), with a Wilson\n"
	"        interval; also the mean answer and its standard deviation.\n"
	"  CES   \"The company made it easy to handle my issue\", 1-5 (5 = strongly\n"
	"        agree, easiest) or 1-7 (CES 2.0). CES = % who agree (4-5 on 1-5,\n"
	"        5-7 on 1-7), with a Wilson interval, and the mean answer. Old data\n"
	"        where 5 means the MOST effort must be turned round (6 - x) first.\n"
	"An empty field is a missing answer: it is skipped and counted (see --nan).\n"
	"\n"
	"Options:\n"
	"  --nps-column NAME      column of NPS answers (default: nps)\n"
	"  --csat-column NAME     column of CSAT answers (default: csat)\n"
	"  --ces-column NAME      column of CES answers (default: ces)\n"
	"  --no-nps, --no-csat, --no-ces\n"
	"                         leave that metric out\n"
	"  --nps-scale 0-10|1-10  the NPS answer scale (default: 0-10)\n"
	"  --csat-scale LO-HI     the CSAT answer scale (default: 1-5)\n"
	"  --csat-threshold N     satisfied = an answer of N or more (default: the\n"
	"                         top two answers on scales of 5 or more points,\n"
	"                         else the top answer only)\n"
	"  --ces-scale 5|7        CES on 1-5 or on 1-7 (default: 5)\n"
	"  --conf LEVEL           confidence level of every interval, between 0 and 1\n"
	"                         (default: 0.95)\n"
	"  --nan omit|error       omit: skip and count empty answers (default);\n"
	"                         error: stop at the first empty answer\n"
	"  --delimiter CHAR       field separator: ',' (default), ';', '|' or 'tab'\n"
	"  --format text|json     a readable table (default), or JSON with every\n"
	"                         number at full precision\n"
	"  -h, --help             this help\n"
	"\n"
	"The CSV file: RFC 4180 quoting (a quoted field may hold the delimiter, line\n"
	"breaks and doubled quotes \"\"), LF or CRLF line ends, an optional UTF-8\n"
	"byte-order mark; every line has as many fields as the header.\n"
	"\n"
	"Examples:\n"
	"  cxm survey examples/data/survey_responses.csv\n"
	"  cxm survey responses.csv --ces-scale 7 --conf 0.90\n"
	"  cxm survey export.csv --nps-column recommend --no-csat --no-ces --format json\n"
	"\n"
	"Exit status: 0 on success; 1 when the file cannot be read or holds invalid\n"
	"data (the message names the file, line, column and value); 2 on a usage error.\n";

/* A whole decimal integer, or 0. */
static int parse_int(int *out, const char *s)
{
	char *end;
	long v;
	errno = 0;
	v = strtol(s, &end, 10);
	if (end == s || *end != '\0' || errno == ERANGE || v < INT_MIN || v > INT_MAX)
		return 0;
	*out = (int)v;
	return 1;
}

/* "LO-HI" with integers (LO may be negative). */
static int parse_range(int *lo, int *hi, const char *s)
{
	char *end, *end2;
	long a, b;
	errno = 0;
	a = strtol(s, &end, 10);
	if (end == s || *end != '-')
		return 0;
	b = strtol(end + 1, &end2, 10);
	if (end2 == end + 1 || *end2 != '\0' || errno == ERANGE || a < INT_MIN || b > INT_MAX)
		return 0;
	*lo = (int)a;
	*hi = (int)b;
	return 1;
}

/* Parsed `cxm survey` arguments. */
typedef struct survey_args {
	cxm_survey_opts opts;
	const char *file;
	const char *format;
	int no[3];           /* --no-nps, --no-csat, --no-ces */
	int explicit_col[3]; /* a column option was given */
} survey_args;

/* Apply one option with a value: 0, or the exit code of a usage error. */
static int survey_option(survey_args *a, const char *opt, const char *v)
{
	cxm_survey_opts *o = &a->opts;
	double conf;
	char *end;
	if (strcmp(opt, "--nps-column") == 0) {
		o->nps_column = v;
		a->explicit_col[CXM_SURVEY_NPS] = 1;
	} else if (strcmp(opt, "--csat-column") == 0) {
		o->csat_column = v;
		a->explicit_col[CXM_SURVEY_CSAT] = 1;
	} else if (strcmp(opt, "--ces-column") == 0) {
		o->ces_column = v;
		a->explicit_col[CXM_SURVEY_CES] = 1;
	} else if (strcmp(opt, "--nps-scale") == 0) {
		if (strcmp(v, "0-10") == 0)
			o->nps_scale = CXM_NPS_0_10;
		else if (strcmp(v, "1-10") == 0)
			o->nps_scale = CXM_NPS_1_10;
		else
			return cli_usage_error("survey: --nps-scale must be 0-10 or 1-10, not '%s'", v);
	} else if (strcmp(opt, "--csat-scale") == 0) {
		if (!parse_range(&o->csat_lo, &o->csat_hi, v) || o->csat_lo >= o->csat_hi ||
		    (long)o->csat_hi - (long)o->csat_lo > 1000)
			return cli_usage_error("survey: --csat-scale must be LO-HI with whole numbers LO < "
					       "HI (at most 1001 points), e.g. 1-5 or 1-7; got '%s'", v);
	} else if (strcmp(opt, "--csat-threshold") == 0) {
		if (!parse_int(&o->csat_threshold, v) || o->csat_threshold == CXM_CSAT_DEFAULT_THRESHOLD)
			return cli_usage_error("survey: --csat-threshold must be a whole number, e.g. 4; "
					       "got '%s'", v);
	} else if (strcmp(opt, "--ces-scale") == 0) {
		if (strcmp(v, "5") == 0 || strcmp(v, "1-5") == 0)
			o->ces_points = 5;
		else if (strcmp(v, "7") == 0 || strcmp(v, "1-7") == 0)
			o->ces_points = 7;
		else
			return cli_usage_error("survey: --ces-scale must be 5 or 7, not '%s'", v);
	} else if (strcmp(opt, "--conf") == 0) {
		errno = 0;
		conf = strtod(v, &end);
		if (end == v || *end != '\0' || !(conf > 0.0 && conf < 1.0))
			return cli_usage_error("survey: --conf must be a level between 0 and 1, e.g. 0.95 "
					       "for 95%%; got '%s'", v);
		o->conf = conf;
	} else if (strcmp(opt, "--nan") == 0) {
		if (strcmp(v, "omit") == 0)
			o->nan_policy = CXM_NAN_OMIT;
		else if (strcmp(v, "error") == 0)
			o->nan_policy = CXM_NAN_ERROR;
		else
			return cli_usage_error("survey: --nan must be omit or error, not '%s'", v);
	} else if (strcmp(opt, "--delimiter") == 0) {
		if (!cli_set_delimiter(&o->delimiter, v))
			return cli_usage_error("survey: --delimiter must be one character (or 'tab'), not a "
					       "quote or a line break; got '%s'", v);
	} else if (strcmp(opt, "--format") == 0) {
		if (strcmp(v, "text") != 0 && strcmp(v, "json") != 0)
			return cli_usage_error("survey: --format must be text or json, not '%s'", v);
		a->format = v;
	} else {
		return cli_usage_error("survey: option %s is listed but not handled", opt); /* a bug */
	}
	return 0;
}

static const char *const no_flags[3] = { "--no-nps", "--no-csat", "--no-ces" };

/* cli_parse's check: each option is applied as it comes, so that the first
 * bad value on the command line is the one reported. */
static int survey_check(void *ctx, const cli_option *o)
{
	survey_args *a = ctx;
	int k;
	for (k = 0; k < 3; k++) {
		if (strcmp(o->name, no_flags[k]) == 0) {
			a->no[k] = 1;
			return 0;
		}
	}
	return survey_option(a, o->name, o->value);
}

/* Parse `cxm survey ...`; returns -1 to go on, else an exit code. */
static int parse_survey(survey_args *a, int argc, char **argv)
{
	cli_option opts[] = { { "--no-nps", 1, NULL }, { "--no-csat", 1, NULL }, { "--no-ces", 1, NULL },
			      { "--nps-column", 0, NULL }, { "--csat-column", 0, NULL },
			      { "--ces-column", 0, NULL }, { "--nps-scale", 0, NULL },
			      { "--csat-scale", 0, NULL }, { "--csat-threshold", 0, NULL },
			      { "--ces-scale", 0, NULL }, { "--conf", 0, NULL }, { "--nan", 0, NULL },
			      { "--delimiter", 0, NULL }, { "--format", 0, NULL } };
	cli_command cmd = { "survey", survey_help, opts, sizeof opts / sizeof *opts, survey_check, a };
	int k, rc;
	cxm_survey_opts_init(&a->opts, CXM_SURVEY_OPTS_VERSION);
	a->format = "text";
	if ((rc = cli_parse(&a->file, &cmd, argc, argv, 2)) >= 0)
		return rc;
	if (a->file == NULL)
		return cli_usage_error("survey: no FILE given (usage: cxm survey FILE [options]; "
				       "see cxm survey --help)");
	for (k = 0; k < 3; k++) {
		if (a->no[k] && a->explicit_col[k])
			return cli_usage_error("survey: %s contradicts the column option given for it",
					       no_flags[k]);
		if (a->explicit_col[k])
			a->opts.optional &= ~(1u << k);
	}
	if (a->no[0] && a->no[1] && a->no[2])
		return cli_usage_error("survey: nothing to score: --no-nps, --no-csat and --no-ces");
	if (a->no[CXM_SURVEY_NPS])
		a->opts.nps_column = NULL;
	if (a->no[CXM_SURVEY_CSAT])
		a->opts.csat_column = NULL;
	if (a->no[CXM_SURVEY_CES])
		a->opts.ces_column = NULL;
	if (a->opts.csat_threshold != CXM_CSAT_DEFAULT_THRESHOLD &&
	    (a->opts.csat_threshold < a->opts.csat_lo || a->opts.csat_threshold > a->opts.csat_hi)) {
		char thr[32], scale[64];
		snprintf(thr, sizeof thr, "%d", a->opts.csat_threshold);
		snprintf(scale, sizeof scale, "%d-%d", a->opts.csat_lo, a->opts.csat_hi);
		return cli_usage_error("survey: --csat-threshold %s is off the CSAT scale %s", thr, scale);
	}
	return -1;
}

static int cmd_survey(int argc, char **argv)
{
	survey_args a;
	cxm_survey_report *report = NULL;
	char *text = NULL;
	int rc;
	memset(&a, 0, sizeof a);
	if ((rc = parse_survey(&a, argc, argv)) >= 0)
		return rc;
	if ((rc = cxm_survey_report_from_csv(&report, a.file, &a.opts)) < 0)
		return cli_library_error(rc, NULL);
	rc = cxm_survey_report_render(&text, report, a.format);
	cxm_survey_report_free(report);
	if (rc < 0)
		return cli_library_error(rc, NULL);
	fputs(text, stdout);
	cxm_free(text);
	return cli_finish_output("report");
}

/* The commands; `cxm rfm` will join this table. */
static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
} commands[] = {
	{ "survey", cmd_survey },
	{ "clv", cxm_cmd_clv }
};

int main(int argc, char **argv)
{
	size_t k;
	if (argc < 2) {
		fputs(main_help, stderr);
		return CLI_EXIT_USAGE;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0) {
		if (strcmp(argv[1], "help") == 0 && argc > 2) {
			for (k = 0; k < sizeof commands / sizeof *commands; k++)
				if (strcmp(argv[2], commands[k].name) == 0) {
					char *args[3];
					args[0] = argv[0];
					args[1] = argv[2];
					args[2] = (char *)"--help";
					return commands[k].run(3, args);
				}
			return cli_usage_error("unknown command '%s' (see cxm --help)", argv[2]);
		}
		fputs(main_help, stdout);
		return 0;
	}
	if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
		printf("cxm %s\n", cxm_version_string());
		return 0;
	}
	for (k = 0; k < sizeof commands / sizeof *commands; k++)
		if (strcmp(argv[1], commands[k].name) == 0)
			return commands[k].run(argc, argv);
	if (argv[1][0] == '-')
		return cli_usage_error("unknown option '%s' (see cxm --help)", argv[1]);
	return cli_usage_error("unknown command '%s'; the commands are: survey, clv (see cxm --help)",
			       argv[1]);
}
