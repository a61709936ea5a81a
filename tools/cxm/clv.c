/*
 * tools/cxm/clv.c - `cxm clv`: probabilistic customer lifetime value from
 * the command line. The overview help, and the dispatch to the commands:
 * summary (clv_summary.c), fit (clv_fit.c) and predict (clv_predict.c).
 * Exit status and error lines: cli.h.
 */
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "clv_common.h"

static const char clv_help[] =
	"Usage: cxm clv COMMAND [options]\n"
	"\n"
	"Customer lifetime value (CLV) with the probabilistic models of the\n"
	"marketing literature, as the Python package lifetimes has them. Three\n"
	"steps, each a command:\n"
	"\n"
	"  cxm clv summary TX.csv ...    turn a transaction log (one row per purchase:\n"
	"                                customer, date, amount) into one row per\n"
	"                                customer: frequency, recency, T, monetary_value\n"
	"  cxm clv fit SUMMARY.csv ...   fit a model to those summaries; prints the\n"
	"                                fitted parameters as JSON (save it to a file)\n"
	"  cxm clv predict SUMMARY.csv --fit FIT.json ...\n"
	"                                per customer: expected purchases in the next\n"
	"                                t periods, probability of being still active\n"
	"                                and, with a spend model, the CLV\n"
	"\n"
	"The words:\n"
	"  frequency       repeat purchases: days with a purchase after the first one\n"
	"                  (several purchases on one day count once)\n"
	"  recency         age of the customer at the last purchase (last - first)\n"
	"  T               age of the customer at the end of the calibration period\n"
	"  monetary_value  mean amount spent on the repeat purchase days\n"
	"Time is counted in days, weeks or months, as chosen with --period.\n"
	"\n"
	"The models (--model of cxm clv fit):\n"
	"  bgnbd   BG/NBD (Fader, Hardie & Lee 2005): purchases while active, may drop\n"
	"          out after each purchase. The usual first choice.\n"
	"  mbgnbd  modified BG/NBD (Batislam et al. 2007)\n"
	"  pnbd    Pareto/NBD (Schmittlein, Morrison & Colombo 1987)\n"
	"  gg      Gamma-Gamma: the amount spent per purchase (needed for CLV)\n"
	"  bgbb    BG/BB: discrete opportunities (yearly donations, events)\n"
	"  sbg     shifted-beta-geometric: subscriber retention\n"
	"\n"
	"A whole session on the CDNOW example data (weeks):\n"
	"  cxm clv summary tx.csv --customer id --date date --amount amount \\\n"
	"      --calibration-end 1997-09-30 --period week > summary.csv\n"
	"  cxm clv fit summary.csv --model bgnbd > bgnbd.json\n"
	"  cxm clv fit summary.csv --model gg > gg.json\n"
	"  cxm clv predict summary.csv --fit bgnbd.json --spend-fit gg.json --t 39 \\\n"
	"      --months 12 --discount 0.01 --periods-per-month 4.345\n"
	"\n"
	"'cxm clv COMMAND --help' describes every option of a command.\n"
	"\n"
	"Exit status: 0 on success; 1 when a file cannot be read or holds invalid\n"
	"data (the message names the file, line, column and value); 2 on a usage error.\n";

int cxm_cmd_clv(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(int argc, char **argv);
	} subs[] = { { "summary", clv_cmd_summary }, { "fit", clv_cmd_fit }, { "predict", clv_cmd_predict } };
	size_t k;
	if (argc < 3) {
		fputs(clv_help, stderr);
		return CLI_EXIT_USAGE;
	}
	if (strcmp(argv[2], "-h") == 0 || strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "help") == 0) {
		fputs(clv_help, stdout);
		return 0;
	}
	for (k = 0; k < sizeof subs / sizeof *subs; k++)
		if (strcmp(argv[2], subs[k].name) == 0)
			return subs[k].run(argc, argv);
	fprintf(stderr, "cxm: clv: unknown command '%s'; the clv commands are summary, fit and predict "
		"(see cxm clv --help)\n", argv[2]);
	return CLI_EXIT_USAGE;
}
