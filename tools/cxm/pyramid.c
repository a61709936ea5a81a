/*
 * tools/cxm/pyramid.c - `cxm pyramid`: the CX pyramid and the CX Index of a
 * survey file, overall, by group and by period (spec §25). Argument parsing
 * only: the survey report's engine reads the file and computes the PYRAMID
 * table (cxm_survey_opts_set_pyramid, cxm_survey_report_pyramid); the
 * grouped options (--by, --time, --every, --min-n, ...) are `cxm survey`'s
 * (survey_args.h), and the table is written by the library's writers.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "clv_common.h" /* clv_write_table, clv_format_option; first: it asks for experimental.h */
#include "survey_args.h"

static const char pyramid_help[] =
	"Usage: cxm pyramid FILE [--needs COL] [--ease COL] [--emotion COL] [--scale LO-HI]\n"
	"           [--high N --low N] [--by COL]... [--time COL --every PERIOD [--utc-offset +HH:MM]]\n"
	"           [--min-n N] [--nan omit|error] [--conf C] [--skip-bad-rows] [--threads N]\n"
	"           [--delimiter CHAR] [--format table|csv|json|html] [-o OUT]\n"
	"\n"
	"The CX Index (Forrester's CXi as R marketr's cxi_calc computes it) and the CX\n"
	"pyramid of three answers per respondent: the experience met my needs, was\n"
	"easy, was enjoyable. Each question scores % answers >= high minus % answers\n"
	"<= low; cxi is the mean of the three. The pyramid: level1 = % with needs >=\n"
	"high, level2 = also ease >= high, level3 = also emotion >= high, of the\n"
	"respondents who answered all three. One row per group value (with an\n"
	"\"(all)\" total) and period; a cell of fewer than --min-n complete\n"
	"respondents is suppressed, with the complementary rule of `cxm survey`.\n"
	"\n"
	"Options:\n"
	"  --needs COL --ease COL --emotion COL\n"
	"                         the three question columns (default needs, ease,\n"
	"                         emotion: marketr's names)\n"
	"  --scale LO-HI          the answer scale (default 1-5)\n"
	"  --high N --low N       an answer >= high is HIGH, <= low is LOW (default 4\n"
	"                         and 2, marketr's cx_high and cx_low)\n"
	"  --by COL               a row per value of COL (repeat for several columns)\n"
	"  --time COL --every day|week|month|quarter|year\n"
	"                         a row per period of the timestamps in COL\n"
	"  --utc-offset +HH:MM    the time zone the periods are cut in (default +00:00)\n"
	"  --min-n N              suppress cells of fewer than N complete respondents\n"
	"                         (default 10; groups or periods only)\n"
	"  --nan omit|error       a missing answer: left out of its question and the\n"
	"                         respondent out of the levels (omit, the default), or\n"
	"                         an error naming its line (marketr counts it as MID)\n"
	"  --conf C               confidence of the intervals (default 0.95)\n"
	"  --skip-bad-rows        skip a malformed row or an off-scale answer, counted\n"
	"  --threads N            threads reading the file (default 0: one per core)\n"
	"  --delimiter CHAR       field separator: ',' (default), ';', '|' or 'tab'\n"
	"  --format WORD          table (default), csv, json or html (a self-contained\n"
	"                         page: the pyramid per group at the latest period)\n"
	"  -o, --output OUT       write there instead of standard output\n"
	"  -h, --help             this help\n"
	"\n"
	"Example:\n"
	"  cxm pyramid responses.csv --by channel --time timestamp --every month --format csv\n";

enum { P_NEEDS, P_EASE, P_EMOTION, P_SCALE, P_HIGH, P_LOW, P_NAN, P_CONF, P_DELIMITER, P_FORMAT, P_N };
static const char *const fixed_names[P_N] = { "--needs", "--ease", "--emotion", "--scale", "--high", "--low",
					       "--nan", "--conf", "--delimiter", "--format" };

/* The options of `cxm survey` that make no sense here: refused, not ignored. */
static const int survey_only[] = { SG_ADJUST, SG_TIMES, SG_DRIVERS, SG_THEMES, SG_COMMENT_COLUMN, SG_CES_AGREE };

typedef struct pyramid_cli {
	cli_option opts[P_N + SG_N];
	survey_grouped grouped;
} pyramid_cli;

static int collect(void *ctx, const cli_option *o)
{
	pyramid_cli *p = ctx;
	return survey_grouped_collect(&p->grouped, &p->opts[P_N], o);
}

/* A whole number that takes all of s; 1 if valid. */
static int parse_int(int *out, const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (end == s || *end != '\0' || v < INT_MIN || v > INT_MAX)
		return 0;
	*out = (int)v;
	return 1;
}

static int parse_scale(int *lo, int *hi, const char *v)
{
	char *end;
	long a = strtol(v, &end, 10), b;
	if (end == v || *end != '-')
		return 0;
	v = end + 1;
	b = strtol(v, &end, 10);
	if (end == v || *end || a < INT_MIN || a > INT_MAX || b < INT_MIN || b > INT_MAX)
		return 0;
	*lo = (int)a;
	*hi = (int)b;
	return 1;
}

/* The pyramid's own options onto *o; -1 to go on, else an exit code. */
static int apply(const pyramid_cli *p, cxm_survey_opts *o)
{
	const char *v, *col[3];
	int lo = 1, hi = 5, high = CXM_CXI_DEFAULT_HIGH, low = CXM_CXI_DEFAULT_LOW, policy, rc, m;
	double conf;
	char delim;
	static const char *const defaults[3] = { "needs", "ease", "emotion" };
	for (m = 0; m < 3; m++)
		col[m] = p->opts[P_NEEDS + m].value ? p->opts[P_NEEDS + m].value : defaults[m];
	if ((v = p->opts[P_SCALE].value) && !parse_scale(&lo, &hi, v))
		return cli_usage_error("pyramid: --scale must be LO-HI, e.g. 1-5 or 0-10; got '%s'", v);
	if ((v = p->opts[P_HIGH].value) && !parse_int(&high, v))
		return cli_usage_error("pyramid: --high must be a whole number, an answer of the scale; got '%s'", v);
	if ((v = p->opts[P_LOW].value) && !parse_int(&low, v))
		return cli_usage_error("pyramid: --low must be a whole number, an answer of the scale; got '%s'", v);
	/* the survey's metrics left out: the pyramid alone */
	for (m = 0; m < 3; m++)
		if ((rc = cxm_survey_opts_set_column(o, m, NULL)) < 0)
			return cli_library_error(rc, NULL);
	if ((rc = cxm_survey_opts_set_pyramid(o, col[0], col[1], col[2], lo, hi, high, low)) < 0)
		return rc == CXM_EBAD_ARG ? cli_usage_error("pyramid: %s", survey_library_message(rc))
					  : cli_library_error(rc, NULL);
	if ((v = p->opts[P_NAN].value) != NULL) {
		if ((rc = survey_parse_word(&policy, CXM_NAMES_NAN_POLICY, "--nan", v)) != 0)
			return rc;
		if ((rc = cxm_survey_opts_set_nan_policy(o, policy)) < 0)
			return survey_refused(rc, "--nan", v);
	}
	if ((v = p->opts[P_CONF].value) != NULL) {
		if (!clv_parse_number(&conf, v))
			return cli_usage_error("pyramid: --conf must be a number in (0, 1), e.g. 0.95; got '%s'", v);
		if ((rc = cxm_survey_opts_set_conf(o, conf)) < 0)
			return survey_refused(rc, "--conf", v);
	}
	if ((v = p->opts[P_DELIMITER].value) != NULL) {
		if (!cli_set_delimiter(&delim, v))
			return cli_usage_error("pyramid: --delimiter must be one character or 'tab'; got '%s'", v);
		if ((rc = cxm_survey_opts_set_delimiter(o, delim)) < 0)
			return survey_refused(rc, "--delimiter", v);
	}
	return -1;
}

int cxm_cmd_pyramid(int argc, char **argv)
{
	static const int formats[] = { CXM_FORMAT_TEXT, CXM_FORMAT_CSV, CXM_FORMAT_JSON, CXM_FORMAT_HTML };
	pyramid_cli p;
	cli_command cmd;
	cxm_survey_opts *o = NULL;
	cxm_survey_report *r = NULL;
	cxm_table *t = NULL;
	cxm_themes *themes = NULL;
	const char *file = NULL, *out;
	size_t k;
	int rc, format;
	memset(&p, 0, sizeof p);
	for (k = 0; k < P_N; k++)
		p.opts[k] = (cli_option){ fixed_names[k], 0, NULL };
	survey_grouped_options(&p.opts[P_N]);
	cmd = (cli_command){ "pyramid", pyramid_help, p.opts, P_N + SG_N, collect, &p };
	if ((rc = cli_parse(&file, &cmd, argc, argv, 2)) >= 0)
		return rc;
	if (!file)
		return cli_usage_error("pyramid: no FILE given (see cxm pyramid --help)");
	for (k = 0; k < sizeof survey_only / sizeof *survey_only; k++)
		if (p.grouped.value[survey_only[k]])
			return cli_usage_error("pyramid: %s is an option of cxm survey, not of cxm pyramid",
					       p.opts[P_N + (size_t)survey_only[k]].name);
	if ((rc = clv_format_option(&format, p.opts, P_N + SG_N, "pyramid", formats,
				    sizeof formats / sizeof *formats)) != 0)
		return rc;
	if ((rc = cxm_survey_opts_new(&o)) < 0)
		return cli_library_error(rc, NULL);
	if ((rc = apply(&p, o)) != -1 || (rc = survey_grouped_apply(&p.grouped, o, &themes)) != -1)
		goto done;
	if ((rc = cxm_survey_report_from_csv(&r, file, o)) < 0 || (rc = cxm_survey_report_pyramid(&t, r)) < 0) {
		rc = cli_library_error(rc, NULL);
		goto done;
	}
	out = survey_grouped_output(&p.grouped);
	if (out && !freopen(out, "w", stdout)) {
		rc = cli_data_error("pyramid: cannot write '%s'", out);
		goto done;
	}
	if (format == CXM_FORMAT_TEXT) {
		cli_print_table(t);
		rc = cli_finish_output("the pyramid");
	} else if (format == CXM_FORMAT_HTML) {
		/* the journey page draws the PYRAMID table by its kind (spec §26) */
		const cxm_table *tables[1];
		char *page = NULL;
		tables[0] = t;
		if ((rc = cxm_journey_render_html(&page, tables, 1, "The CX pyramid")) < 0) {
			rc = cli_library_error(rc, NULL);
			goto done;
		}
		fputs(page, stdout);
		cxm_free(page);
		rc = cli_finish_output("the pyramid");
	} else {
		rc = clv_write_table(t, format);
	}
done:
	cxm_table_free(t);
	cxm_survey_report_free(r);
	cxm_themes_free(themes);
	cxm_survey_opts_free(o);
	return rc;
}
