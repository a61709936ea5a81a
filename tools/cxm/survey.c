/*
 * tools/cxm/survey.c - `cxm survey FILE [options]`: argument parsing only.
 *
 * The work is the library's (cxm_survey_report_from_csv, then
 * cxm_survey_report_render). Words (--nan, --nps-scale, --format) are looked
 * up in the library's names tables, which also list the choices for the
 * messages; every option goes to a setter of cxm_survey_opts, which checks
 * its value: a value the library refuses is a usage error (exit 2) whose
 * message is the library's, after the option and the value given. The
 * per-metric options --<metric>-column, --<metric>-na-values and
 * --no-<metric> come from the metric words (CXM_NAMES_SURVEY_METRIC). A
 * column option takes a comma-separated list (several items of one kind),
 * read as a CSV record: a name that holds a comma is written in double
 * quotes; the no-answer codes are numbers, comma-separated, each read by the
 * library's number grammar (cxm_parse_number).
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
#include "survey_args.h"

static const char survey_help[] =
	"Usage: cxm survey FILE [options]\n"
	"       cxm survey FILE [--by COL]... [--time COL --every PERIOD [--utc-offset +HH:MM]]\n"
	"                  [--min-n N] [--adjust holm|bh|none] [--drivers COL,...]\n"
	"                  [--themes FILE.json] [--comment-column COL]\n"
	"                  [--times CREATED,FIRST_REPLY[,RESOLVED]] [--ces-scale LO-HI --ces-agree N]\n"
	"                  [--skip-bad-rows] [--threads N] [--format text|json|csv|html] [-o OUT]\n"
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
	"So is an answer written as a code that means \"no answer\" (0 = not\n"
	"applicable, 99 = refused), when --na-values names it: counted apart, as\n"
	"\"no answer\". Any other answer off the scale is an error.\n"
	"\n";

static const char survey_help_options[] =
	"Options:\n"
	"  --nps-column NAME[,NAME...]\n"
	"                         column(s) of NPS answers (default: nps); several\n"
	"                         get a block each; quote a name with a comma: '\"a, b\",c'\n"
	"  --csat-column NAME[,NAME...], --ces-column NAME[,NAME...]\n"
	"                         the same for CSAT (default: csat) and CES (ces)\n"
	"  --no-nps, --no-csat, --no-ces\n"
	"                         leave that metric out\n"
	"  --na-values CODE[,CODE...]\n"
	"                         answers that mean \"no answer\" in every column,\n"
	"                         e.g. 0,99; refused when a code is an answer of a\n"
	"                         scored metric (0 on NPS 0-10): give it per metric\n"
	"  --nps-na-values, --csat-na-values, --ces-na-values CODE[,CODE...]\n"
	"                         codes of one metric (added to --na-values)\n"
	"  --nps-scale 0-10|1-10  the NPS answer scale (default: 0-10)\n"
	"  --csat-scale LO-HI     the CSAT answer scale (default: 1-5)\n"
	"  --csat-threshold N     satisfied = an answer of N or more (default: the\n"
	"                         top two answers on scales of 5 or more points,\n"
	"                         else the top answer only)\n"
	"  --ces-scale N|LO-HI    the CES answer scale: 5 or 1-5 (default), 7 or 1-7,\n"
	"                         1-10, any LO-HI; a scale other than 1-5, 1-7 and\n"
	"                         1-10 needs --ces-agree\n"
	"  --ces-agree N          agree = an answer of N or more (default: 4 on 1-5,\n"
	"                         5 on 1-7, 8 on 1-10)\n"
	"  --conf LEVEL           confidence level of every interval, between 0 and 1\n"
	"                         (default: 0.95)\n"
	"  --nan omit|error       omit: skip and count empty answers (default);\n"
	"                         error: stop at the first empty answer\n"
	"  --delimiter CHAR       field separator: ',' (default), ';', '|' or 'tab'\n"
	"  --format text|json|csv|html\n"
	"                         a readable table (default), JSON with every number\n"
	"                         at full precision; a report by group or period\n"
	"                         also as CSV (one row per group x period x metric)\n"
	"                         or as one self-contained HTML page with charts\n"
	"  -o, --output OUT       write the report to OUT instead of standard output\n"
	"  -h, --help             this help\n";

/* The rest of the help: C11 compilers need only take string literals of
 * 4095 characters, so the help is three, joined once (survey_help_text). */
static const char survey_help_grouped[] =
	"\n"
	"By group and over time (any of these makes the report a table of cells):\n"
	"  --by COL               a cell per value of COL (repeat for several columns:\n"
	"                         a cell per combination); each period also has a total\n"
	"                         row, whose group columns read (all)\n"
	"  --time COL --every day|week|month|quarter|year\n"
	"                         a cell per period of the ISO-8601 timestamps of COL\n"
	"                         (2024-03-05T14:00:00+01:00, ...Z, or a date); weeks\n"
	"                         start on Monday\n"
	"  --utc-offset +HH:MM    the time zone the periods are cut in (default +00:00)\n"
	"  --min-n N              a cell of fewer than N answers is suppressed: its\n"
	"                         numbers are withheld, and never leak through a total\n"
	"                         or a change (default: 10)\n"
	"  --adjust holm|bh|none  how the p-values of each table are adjusted for the\n"
	"                         number of tests (default: holm)\n"
	"  --drivers COL,...      key drivers of the NPS (else CSAT): relative weights\n"
	"                         and Shapley values of these columns\n"
	"  --comment-column COL   the comments: mentions of each theme and the score of\n"
	"                         those who mention it against the others\n"
	"  --themes FILE.json     the themes, {\"theme\": [\"word\", \"a phrase\"], ...}\n"
	"                         (default: the small English table of the library)\n"
	"  --times CREATED,FIRST_REPLY[,RESOLVED]\n"
	"                         support times per cell: mean, median and 90th\n"
	"                         percentile of first response and resolution\n"
	"  --skip-bad-rows        skip a malformed row, an off-scale answer or a bad\n"
	"                         timestamp, count it by reason (a note on stderr and\n"
	"                         in the report), instead of stopping at the first\n"
	"  --threads N            threads reading the file (default 0: one per core)\n"
	"FILE '-' is standard input. A large file shows a progress bar on stderr when\n"
	"stderr is a terminal.\n"
	"\n"
	"The CSV file: RFC 4180 quoting (a quoted field may hold the delimiter, line\n"
	"breaks and doubled quotes \"\"), LF or CRLF line ends, an optional UTF-8\n"
	"byte-order mark; every line has as many fields as the header.\n"
	"\n"
	"Examples:\n"
	"  cxm survey examples/data/survey_responses.csv\n"
	"  cxm survey responses.csv --ces-scale 7 --conf 0.90\n"
	"  cxm survey export.csv --nps-column recommend --no-csat --no-ces --format json\n"
	"  cxm survey answers.csv --csat-column q1,q2,q3 --csat-na-values 0 --nps-na-values 99\n"
	"  cxm survey responses.csv --by channel --time timestamp --every month --format csv\n"
	"  cxm survey responses.csv --by channel --time timestamp --every week --utc-offset +02:00 \\\n"
	"      --comment-column comment --format html -o report.html\n"
	"\n"
	"Exit status: 0 on success; 1 when the file cannot be read or holds invalid\n"
	"data (the message names the file, line, column and value); 2 on a usage error.\n";

/* The whole help: survey_help, survey_help_options, survey_help_grouped. */
static char survey_help_text[sizeof survey_help + sizeof survey_help_options + sizeof survey_help_grouped];

/* Room for the per-metric options of this many metrics. */
#define MAX_METRICS 16

/* The options after the per-metric ones, in the order they are applied. */
enum { NPS_SCALE, CSAT_SCALE, CES_SCALE, CSAT_THRESHOLD, NA_VALUES, CONF, NAN_POLICY, DELIMITER, FORMAT,
       N_FIXED };
static const char *const fixed_names[N_FIXED] = { "--nps-scale", "--csat-scale", "--ces-scale",
						  "--csat-threshold", "--na-values", "--conf", "--nan",
						  "--delimiter", "--format" };

/* The options of each metric: --no-<metric>, --<metric>-column, --<metric>-na-values. */
enum { NO_METRIC, COLUMN, METRIC_NA_VALUES, PER_METRIC };

/* The formats `cxm survey` writes (words from CXM_NAMES_FORMAT); which
 * formats a report has (csv and html: a grouped or trended one) is the
 * library's rule (cxm_survey_report_render). */
static const int survey_formats[] = { CXM_FORMAT_TEXT, CXM_FORMAT_JSON, CXM_FORMAT_CSV, CXM_FORMAT_HTML };

/* The command line as cli_parse sees it: opts[PER_METRIC m + j] is option j
 * of metric m (NO_METRIC, COLUMN, METRIC_NA_VALUES), then the fixed options. */
typedef struct survey_cli {
	cli_option opts[PER_METRIC * MAX_METRICS + N_FIXED + SG_N];
	char names[MAX_METRICS][PER_METRIC][48];
	int metric[MAX_METRICS]; /* the cxm_survey_metric of each word */
	size_t n_metrics, n_opts;
	survey_grouped grouped; /* the grouped-report options (survey_args.c), after the fixed ones */
} survey_cli;

static void build_options(survey_cli *s)
{
	size_t m, k;
	memset(s, 0, sizeof *s);
	s->n_metrics = cxm_names_count(CXM_NAMES_SURVEY_METRIC);
	if (s->n_metrics > MAX_METRICS)
		s->n_metrics = MAX_METRICS;
	for (m = 0; m < s->n_metrics; m++) {
		const char *word = cxm_names_at(CXM_NAMES_SURVEY_METRIC, m);
		cxm_names_parse(&s->metric[m], CXM_NAMES_SURVEY_METRIC, word);
		snprintf(s->names[m][NO_METRIC], sizeof s->names[m][0], "--no-%s", word);
		snprintf(s->names[m][COLUMN], sizeof s->names[m][0], "--%s-column", word);
		snprintf(s->names[m][METRIC_NA_VALUES], sizeof s->names[m][0], "--%s-na-values", word);
		s->opts[s->n_opts++] = (cli_option){ s->names[m][NO_METRIC], 1, NULL };
		s->opts[s->n_opts++] = (cli_option){ s->names[m][COLUMN], 0, NULL };
		s->opts[s->n_opts++] = (cli_option){ s->names[m][METRIC_NA_VALUES], 0, NULL };
	}
	for (k = 0; k < N_FIXED; k++)
		s->opts[s->n_opts++] = (cli_option){ fixed_names[k], 0, NULL };
	survey_grouped_options(&s->opts[s->n_opts]);
	s->n_opts += SG_N;
}

/* cli_command.check: every --by in command-line order. */
static int collect(void *ctx, const cli_option *o)
{
	survey_cli *s = ctx;
	return survey_grouped_collect(&s->grouped, &s->opts[PER_METRIC * s->n_metrics + N_FIXED], o);
}

static const char *fixed(const survey_cli *s, int which)
{
	return s->opts[PER_METRIC * s->n_metrics + (size_t)which].value;
}

static const char *per_metric(const survey_cli *s, size_t m, int which)
{
	return s->opts[PER_METRIC * m + (size_t)which].value;
}

/* The library's last message without its "CODE: " prefix. */
const char *survey_library_message(int code)
{
	const char *msg = cxm_error_last()->message, *name = cxm_error_name(code);
	size_t len = strlen(name);
	if (strncmp(msg, name, len) == 0 && msg[len] == ':' && msg[len + 1] == ' ')
		msg += len + 2;
	return msg;
}

/* A setter refused `value` of option `opt`: a usage error in the library's
 * words (running out of memory is not the user's fault: exit 1). */
int survey_refused(int code, const char *opt, const char *value)
{
	if (code != CXM_EBAD_ARG)
		return cli_library_error(code, NULL);
	return cli_usage_error("survey: %s '%s': %s", opt, value, survey_library_message(code));
}

/* A word of a names table; the message lists the table's words. */
int survey_parse_word(int *out, int table, const char *opt, const char *v)
{
	char choices[256];
	if (cxm_names_parse(out, table, v) == CXM_OK)
		return 0;
	cxm_names_choices(choices, sizeof choices, table);
	return cli_usage_error("survey: %s must be %s, not '%s'", opt, choices, v);
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
	if (end2 == end + 1 || *end2 != '\0' || errno == ERANGE || a < INT_MIN || a > INT_MAX ||
	    b < INT_MIN || b > INT_MAX)
		return 0;
	*lo = (int)a;
	*hi = (int)b;
	return 1;
}

/*
 * The next name of a --<metric>-column list at *p: the list is read as a CSV
 * record ("a,b,c"; a name that holds a comma or a quote is written in double
 * quotes with its quotes doubled, as in the file's header: "\"Overall, how
 * satisfied?\",q2"). Returns 1 with the name in buf and *p after its comma
 * (NULL after the last name), 0 for an empty or unterminated name.
 */
int survey_next_name(char *buf, size_t cap, const char **p)
{
	const char *s = *p;
	size_t len = 0;
	int quoted = *s == '"';
	if (quoted)
		s++;
	for (; *s; s++) {
		if (quoted && *s == '"' && s[1] == '"') {
			s++; /* a doubled quote: one quote of the name */
		} else if (quoted && *s == '"') {
			quoted = 0;
			if (s[1] != ',' && s[1] != '\0')
				return 0; /* text after the closing quote */
			continue;
		} else if (!quoted && *s == ',') {
			break;
		}
		if (len + 1 < cap)
			buf[len++] = *s;
	}
	buf[len] = '\0';
	*p = *s == ',' ? s + 1 : NULL;
	return !quoted && len > 0 && len + 1 < cap;
}

/* The columns of a --<metric>-column list: the first set, the others added
 * (each a column of its own, scored in its own block). *split_name is set
 * when a name ended at a comma followed by a space: perhaps one name. */
static int apply_column_list(const survey_cli *s, size_t m, cxm_survey_opts *o, const char *list,
			     int *split_name)
{
	char name[1024];
	const char *p = list;
	int rc, first = 1;
	while (p) {
		if (!survey_next_name(name, sizeof name, &p))
			return cli_usage_error("survey: %s '%s': an empty, too long or badly quoted column name (the "
					       "list is NAME,NAME,...; quote a name that holds a comma: \"a, b\")",
					       s->names[m][COLUMN], list);
		rc = first ? cxm_survey_opts_set_column(o, s->metric[m], name)
			   : cxm_survey_opts_add_column(o, s->metric[m], name);
		if (rc < 0)
			return survey_refused(rc, s->names[m][COLUMN], list);
		*split_name |= p != NULL && *p == ' ';
		first = 0;
	}
	return 0;
}

/* --<metric>-column and --no-<metric>: which metrics, from which columns. */
static int apply_columns(const survey_cli *s, cxm_survey_opts *o, int *split_name)
{
	char list[256];
	size_t m, n_no = 0, used = 0;
	int rc;
	list[0] = '\0';
	for (m = 0; m < s->n_metrics; m++) {
		const char *no = per_metric(s, m, NO_METRIC), *column = per_metric(s, m, COLUMN);
		int n = snprintf(list + used, sizeof list - used, "%s%s",
				 m == 0 ? "" : m + 1 == s->n_metrics ? " and " : ", ", s->names[m][NO_METRIC]);
		used += n > 0 && (size_t)n < sizeof list - used ? (size_t)n : 0;
		if (no && column)
			return cli_usage_error("survey: %s contradicts the column option given for it", no);
		if (no) {
			n_no++;
			if ((rc = cxm_survey_opts_set_column(o, s->metric[m], NULL)) < 0)
				return survey_refused(rc, no, "");
		} else if (column && (rc = apply_column_list(s, m, o, column, split_name)) != 0) {
			return rc;
		}
	}
	if (n_no == s->n_metrics)
		return cli_usage_error("survey: nothing to score: %s", list);
	return 0;
}

/* A list of no-answer codes "0,99" to the options, for one metric or (metric
 * CXM_SURVEY_ALL) every metric. */
static int apply_codes(cxm_survey_opts *o, int metric, const char *opt, const char *list)
{
	double codes[CXM_SURVEY_NA_VALUES_MAX + 1];
	char item[64];
	const char *p = list, *end;
	size_t n = 0;
	int rc;
	for (;; p = end + 1) {
		size_t len;
		end = strchr(p, ',');
		len = end ? (size_t)(end - p) : strlen(p);
		if (n == CXM_SURVEY_NA_VALUES_MAX + 1)
			return cli_usage_error("survey: %s '%s': more than %d codes", opt, list,
					       CXM_SURVEY_NA_VALUES_MAX);
		if (len >= sizeof item)
			len = sizeof item - 1; /* then not a number: refused below, quoted short */
		memcpy(item, p, len);
		item[len] = '\0';
		if (cxm_parse_number(&codes[n], item) < 0)
			return cli_usage_error("survey: %s must be numbers separated by commas, e.g. 0,99; '%s' in "
					       "'%s' is not a number", opt, item, list);
		n++;
		if (!end)
			break;
	}
	if ((rc = cxm_survey_opts_set_na_values(o, metric, codes, n)) < 0)
		return survey_refused(rc, opt, list);
	return 0;
}

/* --na-values and --<metric>-na-values (after the scales: a metric's codes
 * must lie off its scale). */
static int apply_na_values(const survey_cli *s, cxm_survey_opts *o)
{
	const char *v;
	size_t m;
	int rc;
	if ((v = fixed(s, NA_VALUES)) != NULL && (rc = apply_codes(o, CXM_SURVEY_ALL, fixed_names[NA_VALUES], v)) != 0)
		return rc;
	for (m = 0; m < s->n_metrics; m++)
		if ((v = per_metric(s, m, METRIC_NA_VALUES)) != NULL &&
		    (rc = apply_codes(o, s->metric[m], s->names[m][METRIC_NA_VALUES], v)) != 0)
			return rc;
	return 0;
}

/* The scales, then the threshold (it must lie on the CSAT scale). */
static int apply_scales(const survey_cli *s, cxm_survey_opts *o)
{
	const char *v;
	int lo, hi, scale, t, rc;
	if ((v = fixed(s, NPS_SCALE)) != NULL) {
		if ((rc = survey_parse_word(&scale, CXM_NAMES_NPS_SCALE, fixed_names[NPS_SCALE], v)) != 0)
			return rc;
		if ((rc = cxm_nps_scale_range(&lo, &hi, scale)) < 0 ||
		    (rc = cxm_survey_opts_set_scale(o, CXM_SURVEY_NPS, lo, hi)) < 0)
			return survey_refused(rc, fixed_names[NPS_SCALE], v);
	}
	if ((v = fixed(s, CSAT_SCALE)) != NULL) {
		if (!parse_range(&lo, &hi, v))
			return cli_usage_error("survey: --csat-scale must be LO-HI with whole numbers, e.g. 1-5 or "
					       "1-7; got '%s'", v);
		if ((rc = cxm_survey_opts_set_scale(o, CXM_SURVEY_CSAT, lo, hi)) < 0)
			return survey_refused(rc, fixed_names[CSAT_SCALE], v);
	}
	if ((v = fixed(s, CES_SCALE)) != NULL) {
		lo = 1; /* N: the answers 1..N */
		if (!parse_range(&lo, &hi, v) && !parse_int(&hi, v))
			return cli_usage_error("survey: --ces-scale must be the number of points (answers 1 to it) "
					       "or LO-HI, e.g. 7 or 1-7; got '%s'", v);
		if ((rc = cxm_survey_opts_set_scale(o, CXM_SURVEY_CES, lo, hi)) < 0)
			return survey_refused(rc, fixed_names[CES_SCALE], v);
	}
	if ((v = fixed(s, CSAT_THRESHOLD)) != NULL) {
		if (!parse_int(&t, v) || t == CXM_CSAT_DEFAULT_THRESHOLD)
			return cli_usage_error("survey: --csat-threshold must be a whole number, e.g. 4; got '%s'", v);
		if ((rc = cxm_survey_opts_set_threshold(o, CXM_SURVEY_CSAT, t)) < 0)
			return survey_refused(rc, fixed_names[CSAT_THRESHOLD], v);
	}
	return 0;
}

/* --conf, --nan, --delimiter; --format chooses the rendering. */
static int apply_others(const survey_cli *s, cxm_survey_opts *o, int *format)
{
	const char *v;
	char delimiter;
	double conf;
	size_t k;
	int policy, rc;
	if ((v = fixed(s, CONF)) != NULL) {
		if (cxm_parse_number(&conf, v) < 0)
			return cli_usage_error("survey: --conf must be a number between 0 and 1, e.g. 0.95 for 95%%; "
					       "got '%s'", v);
		if ((rc = cxm_survey_opts_set_conf(o, conf)) < 0)
			return survey_refused(rc, fixed_names[CONF], v);
	}
	if ((v = fixed(s, NAN_POLICY)) != NULL) {
		if ((rc = survey_parse_word(&policy, CXM_NAMES_NAN_POLICY, fixed_names[NAN_POLICY], v)) != 0)
			return rc;
		if ((rc = cxm_survey_opts_set_nan_policy(o, policy)) < 0)
			return survey_refused(rc, fixed_names[NAN_POLICY], v);
	}
	if ((v = fixed(s, DELIMITER)) != NULL) {
		if (!cli_set_delimiter(&delimiter, v))
			return cli_usage_error("survey: --delimiter must be one character (or 'tab'), not a quote or "
					       "a line break; got '%s'", v);
		if ((rc = cxm_survey_opts_set_delimiter(o, delimiter)) < 0)
			return survey_refused(rc, fixed_names[DELIMITER], v);
	}
	*format = CXM_FORMAT_TEXT;
	if ((v = fixed(s, FORMAT)) != NULL) {
		int known = cxm_names_parse(format, CXM_NAMES_FORMAT, v) == CXM_OK;
		for (k = 0; known && k < sizeof survey_formats / sizeof *survey_formats; k++)
			if (*format == survey_formats[k])
				return 0;
		return cli_usage_error("survey: --format must be %s, %s, %s or %s, not '%s'",
				       cxm_names_word(CXM_NAMES_FORMAT, survey_formats[0]),
				       cxm_names_word(CXM_NAMES_FORMAT, survey_formats[1]),
				       cxm_names_word(CXM_NAMES_FORMAT, survey_formats[2]),
				       cxm_names_word(CXM_NAMES_FORMAT, survey_formats[3]), v);
	}
	return 0;
}

/* What the command line asked for, beyond the options object. */
typedef struct survey_run {
	const char *file, *out;
	int format, split_name;
	cxm_themes *themes; /* --themes / --comment-column: must outlive the report's computation */
} survey_run;

/* Parse `cxm survey ...` into *o and *run (run->split_name: a column list
 * had a comma before a space, as a name holding a comma would); returns -1
 * to go on, else an exit code. */
static int parse_survey(survey_run *run, cxm_survey_opts **o, int argc, char **argv)
{
	survey_cli *s = calloc(1, sizeof *s); /* large: off the stack */
	cli_command cmd;
	int rc = -1;
	if (!s)
		return cli_data_error("survey: out of memory");
	build_options(s);
	memcpy(survey_help_text, survey_help, sizeof survey_help - 1);
	memcpy(survey_help_text + sizeof survey_help - 1, survey_help_options, sizeof survey_help_options - 1);
	memcpy(survey_help_text + sizeof survey_help + sizeof survey_help_options - 2, survey_help_grouped,
	       sizeof survey_help_grouped);
	cmd = (cli_command){ "survey", survey_help_text, s->opts, s->n_opts, collect, s };
	if ((rc = cli_parse(&run->file, &cmd, argc, argv, 2)) >= 0)
		goto done;
	if (run->file == NULL) {
		rc = cli_usage_error("survey: no FILE given (usage: cxm survey FILE [options]; "
				     "see cxm survey --help)");
		goto done;
	}
	if ((rc = cxm_survey_opts_new(o)) < 0) {
		rc = cli_library_error(rc, NULL);
		goto done;
	}
	run->out = survey_grouped_output(&s->grouped);
	if ((rc = apply_columns(s, *o, &run->split_name)) != 0 || (rc = apply_scales(s, *o)) != 0 ||
	    (rc = apply_na_values(s, *o)) != 0 || (rc = apply_others(s, *o, &run->format)) != 0 ||
	    (rc = survey_grouped_apply(&s->grouped, *o, &run->themes)) != -1)
		goto done;
	rc = -1;
done:
	free(s);
	return rc;
}

/* Where the text goes: OUT, or standard output. 0 or an exit code. */
static int put_text(const char *text, const char *path)
{
	FILE *f = stdout;
	if (path && !(f = fopen(path, "w")))
		return cli_data_error("%s: cannot write: %s", path, strerror(errno));
	fputs(text, f);
	if (path)
		return ferror(f) | fclose(f) ? cli_data_error("%s: cannot write the report", path) : 0;
	return cli_finish_output("report");
}

/* Rows skipped under --skip-bad-rows: one note on stderr, by reason (the
 * words of CXM_NAMES_SURVEY_SKIP), so that nothing is dropped unseen. */
static void note_skipped(const cxm_survey_report *r)
{
	char line[512];
	size_t k, n = cxm_names_count(CXM_NAMES_SURVEY_SKIP), total = 0, used = 0;
	for (k = 0; k < n; k++) {
		int reason;
		size_t c;
		cxm_names_parse(&reason, CXM_NAMES_SURVEY_SKIP, cxm_names_at(CXM_NAMES_SURVEY_SKIP, k));
		if ((c = cxm_survey_report_skipped(r, reason)) == 0)
			continue;
		int w = snprintf(line + used, sizeof line - used, "%s%s %zu", total ? ", " : "",
				 cxm_names_at(CXM_NAMES_SURVEY_SKIP, k), c);
		used += w > 0 && (size_t)w < sizeof line - used ? (size_t)w : 0;
		total += c;
	}
	if (total)
		fprintf(stderr, "cxm: note: %zu bad row%s skipped (%s)\n", total, total == 1 ? "" : "s", line);
}

int cxm_cmd_survey(int argc, char **argv)
{
	survey_run run = { NULL, NULL, CXM_FORMAT_TEXT, 0, NULL };
	survey_progress bar;
	cxm_survey_opts *opts = NULL;
	cxm_survey_report *report = NULL;
	char *text = NULL;
	int rc;
	if ((rc = parse_survey(&run, &opts, argc, argv)) >= 0 || (rc = survey_progress_install(&bar, opts)) != 0) {
		cxm_survey_opts_free(opts);
		cxm_themes_free(run.themes);
		return rc;
	}
	rc = cxm_survey_report_from_csv(&report, run.file, opts);
	survey_progress_end(&bar);
	cxm_survey_opts_free(opts);
	cxm_themes_free(run.themes);
	if (rc < 0) {
		/* a header name with a comma, given unquoted, was split in two: say
		 * how to quote it, on the one line of the error */
		if (run.split_name && rc == CXM_EBAD_ARG && strstr(cxm_error_last()->message, "no column '")) {
			fprintf(stderr, "cxm: %s (a column option is a comma-separated list: write a name that holds "
				"a comma in double quotes, '\"Overall, how satisfied?\"')\n", survey_library_message(rc));
			return CLI_EXIT_DATA;
		}
		return cli_library_error(rc, NULL);
	}
	rc = cxm_survey_report_render(&text, report, run.format);
	if (rc >= 0)
		note_skipped(report);
	cxm_survey_report_free(report);
	if (rc < 0)
		return cli_library_error(rc, NULL);
	rc = put_text(text, run.out);
	cxm_free(text);
	return rc;
}
