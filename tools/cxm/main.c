/*
 * tools/cxm/main.c - the `cxm` command: the top-level help and version, and
 * the dispatch to each command (survey.c, clv.c), which parses its own
 * arguments and leaves the work to the library.
 *
 * Exit status and error lines: cli.h.
 */
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
	"  cxm cluster FILE [options]  segment customers (rows of a CSV file) by\n"
	"                              k-means or k-prototypes, with quality and\n"
	"                              profiles\n"
	"  cxm rfm ORDERS [options]    RFM scores, segments, their summary and\n"
	"                              migration from a file of orders\n"
	"  cxm segment value FILE ...  value x price-sensitivity segments of an\n"
	"                              order log (cxm segment --validate RULES\n"
	"                              checks a segment rule table)\n"
	"  cxm txlog FILE [options]    clean a raw transaction export (missing ids,\n"
	"                              returns, quantity x price, date formats)\n"
	"  cxm themes FILE [options]   themes the comments of a survey mention, and\n"
	"                              the score of those who mention each\n"
	"  cxm personas FILE [options] persona records per segment of a customer\n"
	"                              table as JSON, Markdown or HTML cards (and\n"
	"                              personas from behaviour, their match, PPS)\n"
	"  cxm drivers FILE [options]  key drivers of a score: relative weights and\n"
	"                              Shapley values of R2, bootstrap intervals\n"
	"  cxm cohort FILE [options]   retention, revenue and churn by cohort\n"
	"  cxm pyramid FILE [options]  the CX Index and the CX pyramid (needs, ease,\n"
	"                              emotion) by group and period\n"
	"  cxm funnel EVENTS [options] conversion funnel of an event log: steps,\n"
	"                              drop-offs, where they go, groups compared\n"
	"  cxm paths EVENTS [options]  transitions between touchpoints, top paths\n"
	"                              from or to an event\n"
	"  cxm touchpoints EVENTS [options]  per touchpoint drop-off, NPS/CSAT/CES\n"
	"                              and friction, ranked\n"
	"  cxm COMMAND --help          help on a command\n"
	"  cxm --threads N COMMAND ... at most N threads for every function the\n"
	"                              command calls (0: the default, CXM_THREADS\n"
	"                              or every core; 1: none started); a\n"
	"                              command's own --threads takes precedence\n"
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

int cxm_cmd_funnel(int argc, char **argv); /* funnel.c */
int cxm_cmd_paths(int argc, char **argv);       /* paths.c (issue 13) */
int cxm_cmd_touchpoints(int argc, char **argv); /* paths.c (issue 13) */

/* The commands. */
int cxm_cmd_cohort(int argc, char **argv); /* cohort.c (issue 13) */
static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
} commands[] = {
	{ "survey", cxm_cmd_survey },
	{ "clv", cxm_cmd_clv },
	{ "cluster", cxm_cmd_cluster },
	{ "rfm", cxm_cmd_rfm },
	{ "segment", cxm_cmd_segment },
	{ "personas", cxm_cmd_personas },
	{ "txlog", cxm_cmd_txlog },
	{ "drivers", cxm_cmd_drivers },
	{ "themes", cxm_cmd_themes },
	{ "cohort", cxm_cmd_cohort }, /* issue 13: cohort.c */
	{ "pyramid", cxm_cmd_pyramid }, /* issue 13: pyramid.c */
	{ "funnel", cxm_cmd_funnel }, /* issue 13: funnel.c */
	{ "paths", cxm_cmd_paths },             /* issue 13: paths.c */
	{ "touchpoints", cxm_cmd_touchpoints } /* issue 13: paths.c */
};

/*
 * The global options before the command: "--threads N" or "--threads=N",
 * given to cxm_set_threads (threads.h), so that every command, with or
 * without a --threads of its own, can be held to N threads. Parse-only: the
 * library checks the range. Returns how many arguments were taken, or -1
 * after printing a usage error.
 */
static int global_options(int argc, char **argv)
{
	int i = 1;
	while (i < argc && strncmp(argv[i], "--threads", 9) == 0 && (argv[i][9] == '\0' || argv[i][9] == '=')) {
		const char *v = argv[i][9] == '=' ? argv[i] + 10 : (i + 1 < argc ? argv[i + 1] : NULL);
		char *end;
		unsigned long n;
		if (v == NULL)
			return cli_usage_error("--threads needs a value (a whole number 0..%d)", CXM_THREADS_MAX), -1;
		n = (*v >= '0' && *v <= '9') ? strtoul(v, &end, 10) : 0;
		if (!(*v >= '0' && *v <= '9') || *end != '\0' || n > CXM_THREADS_MAX)
			return cli_usage_error("--threads must be a whole number 0..%d (0: the default, "
					       "1: no thread started), not '%s'", CXM_THREADS_MAX, v), -1;
		if (cxm_set_threads((unsigned)n) < 0)
			return cli_usage_library_error("--threads: "), -1;
		i += argv[i][9] == '=' ? 1 : 2;
	}
	return i - 1;
}

int main(int argc, char **argv)
{
	size_t k;
	int taken = argc >= 2 ? global_options(argc, argv) : 0;
	if (taken < 0)
		return CLI_EXIT_USAGE;
	if (taken > 0) { /* the command sees its arguments as without the global options */
		argv[taken] = argv[0];
		argv += taken;
		argc -= taken;
	}
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
	{
		char names[128] = "";
		size_t used = 0;
		for (k = 0; k < sizeof commands / sizeof *commands && used < sizeof names; k++) {
			int n = snprintf(names + used, sizeof names - used, "%s%s", k ? ", " : "", commands[k].name);
			used += n > 0 ? (size_t)n : 0;
		}
		return cli_usage_error("unknown command '%s'; the commands are: %s (see cxm --help)", argv[1],
				       names);
	}
}
