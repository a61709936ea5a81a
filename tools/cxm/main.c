/*
 * tools/cxm/main.c - the `cxm` command: the top-level help and version, and
 * the dispatch to each command (survey.c, clv.c), which parses its own
 * arguments and leaves the work to the library.
 *
 * Exit status and error lines: cli.h.
 */
#include <stdio.h>
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
	"  cxm funnel EVENTS [options] conversion funnel of an event log: steps,\n"
	"                              drop-offs, where they go, groups compared\n"
	"  cxm cohort FILE [options]   retention, revenue and churn by cohort\n"
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

int cxm_cmd_funnel(int argc, char **argv); /* funnel.c */

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
	{ "funnel", cxm_cmd_funnel },
	{ "cohort", cxm_cmd_cohort } /* issue 13: cohort.c */
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
