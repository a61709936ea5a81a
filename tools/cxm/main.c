/*
 * tools/cxm/main.c - the `cxm` command: argument parsing only; the work is
 * done by the library (cxm_survey_report_from_csv, cxm_survey_report_render).
 *
 * Exit status: 0 success, 1 the library failed (file unreadable, data
 * invalid), 2 usage error. Every error is one line on stderr: "cxm: ...".
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cxmetrics.h"

#define EXIT_DATA 1
#define EXIT_USAGE 2

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

#if defined(__GNUC__)
static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#endif

static int usage_error(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "cxm: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	return EXIT_USAGE;
}

/* The library's message without its "CODE: " prefix: the code is for programs. */
static int library_error(int code)
{
	const char *msg = cxm_error_last()->message;
	const char *name = cxm_error_name(code);
	size_t len = strlen(name);
	if (strncmp(msg, name, len) == 0 && msg[len] == ':' && msg[len + 1] == ' ')
		msg += len + 2;
	fprintf(stderr, "cxm: %s\n", msg[0] ? msg : cxm_error_describe(code));
	return EXIT_DATA;
}

static int write_out(const char *text)
{
	if (fputs(text, stdout) == EOF || fflush(stdout) == EOF) {
		fprintf(stderr, "cxm: cannot write the report: %s\n", strerror(errno));
		return EXIT_DATA;
	}
	return 0;
}

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
	int no[3];
} survey_args;

/*
 * The value of an option given as "--name VALUE" or "--name=VALUE"; NULL when
 * arg is not this option. *i moves past a separate value.
 */
static const char *option_value(int argc, char **argv, int *i, const char *name, int *missing)
{
	const char *arg = argv[*i];
	size_t len = strlen(name);
	*missing = 0;
	if (strncmp(arg, name, len) != 0)
		return NULL;
	if (arg[len] == '=')
		return arg + len + 1;
	if (arg[len] != '\0')
		return NULL;
	if (*i + 1 >= argc) {
		*missing = 1;
		return NULL;
	}
	return argv[++*i];
}

static int set_delimiter(char *out, const char *v)
{
	if (strcmp(v, "tab") == 0 || strcmp(v, "\\t") == 0 || strcmp(v, "\t") == 0) {
		*out = '\t';
		return 1;
	}
	if (strlen(v) != 1 || v[0] == '"' || v[0] == '\n' || v[0] == '\r')
		return 0;
	*out = v[0];
	return 1;
}

/* Apply one option with a value: 0, or the exit code of a usage error. */
static int survey_option(survey_args *a, const char *opt, const char *v, int *explicit_col)
{
	cxm_survey_opts *o = &a->opts;
	double conf;
	char *end;
	if (strcmp(opt, "--nps-column") == 0) {
		o->nps_column = v;
		explicit_col[CXM_SURVEY_NPS] = 1;
	} else if (strcmp(opt, "--csat-column") == 0) {
		o->csat_column = v;
		explicit_col[CXM_SURVEY_CSAT] = 1;
	} else if (strcmp(opt, "--ces-column") == 0) {
		o->ces_column = v;
		explicit_col[CXM_SURVEY_CES] = 1;
	} else if (strcmp(opt, "--nps-scale") == 0) {
		if (strcmp(v, "0-10") == 0)
			o->nps_scale = CXM_NPS_0_10;
		else if (strcmp(v, "1-10") == 0)
			o->nps_scale = CXM_NPS_1_10;
		else
			return usage_error("survey: --nps-scale must be 0-10 or 1-10, not '%s'", v);
	} else if (strcmp(opt, "--csat-scale") == 0) {
		if (!parse_range(&o->csat_lo, &o->csat_hi, v) || o->csat_lo >= o->csat_hi ||
		    (long)o->csat_hi - (long)o->csat_lo > 1000)
			return usage_error("survey: --csat-scale must be LO-HI with whole numbers LO < HI "
					   "(at most 1001 points), e.g. 1-5 or 1-7; got '%s'", v);
	} else if (strcmp(opt, "--csat-threshold") == 0) {
		if (!parse_int(&o->csat_threshold, v) || o->csat_threshold == CXM_CSAT_DEFAULT_THRESHOLD)
			return usage_error("survey: --csat-threshold must be a whole number, e.g. 4; got '%s'",
					   v);
	} else if (strcmp(opt, "--ces-scale") == 0) {
		if (strcmp(v, "5") == 0 || strcmp(v, "1-5") == 0)
			o->ces_points = 5;
		else if (strcmp(v, "7") == 0 || strcmp(v, "1-7") == 0)
			o->ces_points = 7;
		else
			return usage_error("survey: --ces-scale must be 5 or 7, not '%s'", v);
	} else if (strcmp(opt, "--conf") == 0) {
		errno = 0;
		conf = strtod(v, &end);
		if (end == v || *end != '\0' || !(conf > 0.0 && conf < 1.0))
			return usage_error("survey: --conf must be a level between 0 and 1, e.g. 0.95 "
					   "for 95%%; got '%s'", v);
		o->conf = conf;
	} else if (strcmp(opt, "--nan") == 0) {
		if (strcmp(v, "omit") == 0)
			o->nan_policy = CXM_NAN_OMIT;
		else if (strcmp(v, "error") == 0)
			o->nan_policy = CXM_NAN_ERROR;
		else
			return usage_error("survey: --nan must be omit or error, not '%s'", v);
	} else if (strcmp(opt, "--delimiter") == 0) {
		if (!set_delimiter(&o->delimiter, v))
			return usage_error("survey: --delimiter must be one character (or 'tab'), "
					   "not a quote or a line break; got '%s'", v);
	} else if (strcmp(opt, "--format") == 0) {
		if (strcmp(v, "text") != 0 && strcmp(v, "json") != 0)
			return usage_error("survey: --format must be text or json, not '%s'", v);
		a->format = v;
	} else {
		return usage_error("survey: option %s is listed but not handled", opt); /* a bug */
	}
	return 0;
}

static const char *const value_options[] = {
	"--nps-column", "--csat-column", "--ces-column", "--nps-scale", "--csat-scale",
	"--csat-threshold", "--ces-scale", "--conf", "--nan", "--delimiter", "--format"
};

/* Parse `cxm survey ...`; returns -1 to go on, else an exit code. */
static int parse_survey(survey_args *a, int argc, char **argv)
{
	static const char *const no_flags[3] = { "--no-nps", "--no-csat", "--no-ces" };
	int explicit_col[3] = { 0, 0, 0 };
	int i, k, rc, only_files = 0;
	cxm_survey_opts_init(&a->opts, CXM_SURVEY_OPTS_VERSION);
	a->format = "text";
	for (i = 2; i < argc; i++) {
		const char *arg = argv[i];
		int handled = 0;
		if (only_files || arg[0] != '-' || strcmp(arg, "-") == 0) {
			if (a->file)
				return usage_error("survey: one FILE only, but got '%s' and '%s'", a->file, arg);
			a->file = arg;
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			only_files = 1;
			continue;
		}
		if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
			fputs(survey_help, stdout);
			return 0;
		}
		for (k = 0; k < 3; k++) {
			if (strcmp(arg, no_flags[k]) == 0) {
				a->no[k] = 1;
				handled = 1;
			}
		}
		for (k = 0; !handled && k < (int)(sizeof value_options / sizeof *value_options); k++) {
			int missing;
			const char *v = option_value(argc, argv, &i, value_options[k], &missing);
			if (missing)
				return usage_error("survey: %s needs a value (see cxm survey --help)",
						   value_options[k]);
			if (v == NULL)
				continue;
			if ((rc = survey_option(a, value_options[k], v, explicit_col)) != 0)
				return rc;
			handled = 1;
		}
		if (!handled)
			return usage_error("survey: unknown option '%s' (see cxm survey --help)", arg);
	}
	if (a->file == NULL)
		return usage_error("survey: no FILE given (usage: cxm survey FILE [options]; "
				   "see cxm survey --help)");
	for (k = 0; k < 3; k++) {
		if (a->no[k] && explicit_col[k])
			return usage_error("survey: %s contradicts the column option given for it",
					   no_flags[k]);
		if (explicit_col[k])
			a->opts.optional &= ~(1u << k);
	}
	if (a->no[0] && a->no[1] && a->no[2])
		return usage_error("survey: nothing to score: --no-nps, --no-csat and --no-ces");
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
		return usage_error("survey: --csat-threshold %s is off the CSAT scale %s", thr, scale);
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
		return library_error(rc);
	rc = cxm_survey_report_render(&text, report, a.format);
	cxm_survey_report_free(report);
	if (rc < 0)
		return library_error(rc);
	rc = write_out(text);
	cxm_free(text);
	return rc;
}

/* `cxm clv ...`, in clv.c */
int cxm_cmd_clv(int argc, char **argv);

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
		return EXIT_USAGE;
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
			return usage_error("unknown command '%s' (see cxm --help)", argv[2]);
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
		return usage_error("unknown option '%s' (see cxm --help)", argv[1]);
	return usage_error("unknown command '%s'; the commands are: survey, clv (see cxm --help)", argv[1]);
}
