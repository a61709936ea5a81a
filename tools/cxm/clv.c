/*
 * tools/cxm/clv.c - `cxm clv summary|fit|predict`: probabilistic customer
 * lifetime value from the command line. Argument parsing, file reading and
 * output only; every number comes from the library (clvmodel.h). Exit
 * status and error lines: cli.h.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cxmetrics.h"
#include "cli.h"

/* The largest fit file we read: a fit is a few hundred bytes. */
#define MAX_FIT_JSON ((size_t)1 << 20)

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

static const char summary_help[] =
	"Usage: cxm clv summary TX.csv --customer COL --date COL [--amount COL]\n"
	"           --calibration-end DATE [--observation-end DATE]\n"
	"           --period day|week|month [--format csv|json]\n"
	"\n"
	"Summarise a transaction log, one row per purchase, into one row per\n"
	"customer, as lifetimes' summary_data_from_transaction_data does:\n"
	"  frequency       days with a purchase after the first purchase day, up to\n"
	"                  and including the calibration end (purchases on the same\n"
	"                  day count once, their amounts are added up)\n"
	"  recency         last purchase day - first purchase day\n"
	"  T               calibration end - first purchase day\n"
	"  monetary_value  mean amount of the repeat purchase days (0 when frequency\n"
	"                  is 0; the first day's amount is never part of it)\n"
	"recency and T are in the unit of --period. Customers whose first purchase\n"
	"comes after the calibration end are left out (a note on stderr, or\n"
	"\"dropped\" in JSON, says how many); purchases after the observation end\n"
	"are ignored.\n"
	"\n"
	"With --observation-end, the days after the calibration end up to that date\n"
	"are a holdout period, to check predictions against: two more columns,\n"
	"holdout_frequency (purchase days in the holdout) and\n"
	"holdout_monetary_value (their mean amount, 0 when none).\n"
	"\n"
	"Options:\n"
	"  --customer COL          column of customer ids (any text; the output is\n"
	"                          sorted by id, byte by byte: \"10\" before \"9\")\n"
	"  --date COL              column of purchase dates: YYYY-MM-DD or YYYYMMDD\n"
	"                          (a time after the date, \"2014-03-08 13:45:00\", is\n"
	"                          ignored)\n"
	"  --amount COL            column of amounts spent (optional: without it\n"
	"                          monetary_value is 0)\n"
	"  --calibration-end DATE  last day of the calibration period (YYYY-MM-DD or\n"
	"                          YYYYMMDD)\n"
	"  --observation-end DATE  last day of the holdout period (not before the\n"
	"                          calibration end)\n"
	"  --period day|week|month the time unit: a week is 7 days, a month\n"
	"                          365.25 / 12 = 30.4375 days\n"
	"  --delimiter CHAR        field separator of TX.csv: ',' (default), ';', '|'\n"
	"                          or 'tab'\n"
	"  --format csv|json       CSV (default): id,frequency,recency,T,monetary_value\n"
	"                          [,holdout_frequency,holdout_monetary_value]; JSON:\n"
	"                          the same per customer, with the period and counts\n"
	"  -h, --help              this help\n"
	"\n"
	"Numbers are printed with 17 significant digits (exact round trip).\n"
	"\n"
	"Example (the CDNOW sample, 39 weeks of calibration):\n"
	"  cxm clv summary tests/cli/data/cdnow_sample_tx.csv --customer customer \\\n"
	"      --date date --amount dollars --calibration-end 1997-09-30 --period week\n";

static const char fit_help[] =
	"Usage: cxm clv fit SUMMARY.csv --model MODEL [--penalty C] [--threads N]\n"
	"           [--format json]\n"
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
	"  --delimiter CHAR   field separator: ',' (default), ';', '|' or 'tab'\n"
	"  --format json      the only format (default)\n"
	"  -h, --help         this help\n"
	"\n"
	"Examples:\n"
	"  cxm clv fit tests/data/cdnow/cdnow_customers_summary.csv --model bgnbd\n"
	"  cxm clv fit tests/data/cdnow/donations.csv --model bgbb > bgbb.json\n";

static const char predict_help[] =
	"Usage: cxm clv predict SUMMARY.csv --fit FIT.json --t T\n"
	"           [--spend-fit GG.json --periods-per-month F [--months M]\n"
	"           [--discount D]] [--format csv]\n"
	"\n"
	"Per customer of SUMMARY.csv (columns id or ID, frequency, recency, T; and\n"
	"monetary_value with --spend-fit), from a fit saved by cxm clv fit:\n"
	"  expected_purchases  expected number of purchases in the next T periods\n"
	"                      (after the end of the calibration period)\n"
	"  p_alive             probability that the customer is still active\n"
	"and with a Gamma-Gamma spend fit (--spend-fit):\n"
	"  expected_profit     expected mean amount per purchase\n"
	"  clv                 discounted value of the next M months:\n"
	"                      sum over months i = 1..M of expected purchases in\n"
	"                      month i x expected_profit / (1 + D)^i\n"
	"Output: CSV with the columns id,expected_purchases,p_alive\n"
	"[,expected_profit,clv], one row per customer in file order. Without an id\n"
	"column (BG/BB patterns such as donations.csv) the id is the row number, 1\n"
	"for the first row. For a BG/BB fit the columns are frequency, recency and\n"
	"periods, and --t counts whole periods.\n"
	"\n"
	"Options:\n"
	"  --fit FIT.json         the purchase model: bgnbd, mbgnbd, pnbd or bgbb\n"
	"                         (JSON of cxm clv fit; a hand-written\n"
	"                         {\"model\": \"bgnbd\", \"params\": {\"r\": ..., ...}} works)\n"
	"  --t T                  horizon of expected_purchases, in the summary's\n"
	"                         time unit\n"
	"  --spend-fit GG.json    a Gamma-Gamma fit (cxm clv fit --model gg)\n"
	"  --periods-per-month F  time units in a month: 4.345 when the summary is\n"
	"                         in weeks, 30.4375 in days, 1 in months (required\n"
	"                         with --spend-fit: a wrong unit is the classic CLV\n"
	"                         mistake)\n"
	"  --months M             months of CLV (default 12)\n"
	"  --discount D           monthly discount rate, > -1 (default 0.01: 1% a\n"
	"                         month, about 12.7% a year)\n"
	"  --delimiter CHAR       field separator of SUMMARY.csv: ',' (default), ';',\n"
	"                         '|' or 'tab'\n"
	"  --format csv           the only format (default)\n"
	"  -h, --help             this help\n"
	"\n"
	"Numbers are printed with 17 significant digits; a value the model cannot\n"
	"give is an empty field.\n"
	"\n"
	"Example:\n"
	"  cxm clv predict summary.csv --fit bgnbd.json --spend-fit gg.json --t 39 \\\n"
	"      --periods-per-month 4.345\n";

/* ---- small parsers ---------------------------------------------------------------- */

/* A finite number taking the whole of s. */
static int parse_number(double *out, const char *s)
{
	char *end;
	double v;
	errno = 0;
	v = strtod(s, &end);
	if (end == s || *end != '\0' || !isfinite(v))
		return 0;
	*out = v;
	return 1;
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

/*
 * A date as the library reads it: "YYYYMMDD" (the CDNOW files) becomes
 * "YYYY-MM-DD" first, keeping what follows (a time part, which
 * cxm_date_parse ignores); anything else goes to cxm_date_parse as it is.
 */
static int parse_date(double *day, const char *s)
{
	char iso[64];
	size_t i;
	for (i = 0; i < 8 && s[i] >= '0' && s[i] <= '9'; i++)
		;
	if (i == 8 && (s[8] == '\0' || s[8] == 'T' || s[8] == ' ')) {
		snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s%.40s", s, s + 4, s + 6, s + 8);
		return cxm_date_parse(day, iso);
	}
	return cxm_date_parse(day, s);
}

/* ---- option parsing --------------------------------------------------------------- */

/*
 * Parse argv[3..] of `cxm <cmd>` ("clv fit") into one FILE and the values of
 * `opts`, which the command converts after parsing. Returns -1 to go on, 0
 * after printing the help, or the exit code of a usage error.
 */
static int parse_options(const char **file, cli_option *opts, size_t n_opts, int argc, char **argv,
			 const char *cmd, const char *help)
{
	cli_command c = { cmd, help, opts, n_opts, NULL, NULL };
	int rc = cli_parse(file, &c, argc, argv, 3);
	if (rc < 0 && *file == NULL)
		return cli_usage_error("%s: no input file given (see cxm %s --help)", cmd, cmd);
	return rc;
}

/* ---- output ------------------------------------------------------------------------ */

/* A number with 17 significant digits (exact round trip); `missing` when not finite. */
static void put_number(FILE *out, double x, const char *missing)
{
	if (isfinite(x))
		fprintf(out, "%.17g", x);
	else
		fputs(missing, out);
}

/* A CSV field, quoted (RFC 4180) when it holds the delimiter, a quote or a line break. */
static void put_csv_text(FILE *out, const char *s, char delimiter)
{
	const char *p;
	if (strchr(s, delimiter) == NULL && strpbrk(s, "\"\r\n") == NULL) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (p = s; *p; p++) {
		if (*p == '"')
			fputc('"', out);
		fputc(*p, out);
	}
	fputc('"', out);
}

/* A JSON string: quotes, backslashes and control bytes escaped; other bytes
 * (UTF-8) as they are. */
static void put_json_text(FILE *out, const char *s)
{
	const unsigned char *p;
	fputc('"', out);
	for (p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", out);
		else if (*p == '\r')
			fputs("\\r", out);
		else if (*p == '\t')
			fputs("\\t", out);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(out, "\\u%04x", *p);
		else
			fputc(*p, out);
	}
	fputc('"', out);
}

/* ---- growing arrays ------------------------------------------------------------------- */

/* Doubles appended one at a time. */
typedef struct dvec {
	double *v;
	size_t n, cap;
} dvec;

static int dvec_push(dvec *d, double x)
{
	if (d->n == d->cap) {
		size_t cap = d->cap ? 2 * d->cap : 1024;
		double *v = realloc(d->v, cap * sizeof *v);
		if (v == NULL)
			return 0;
		d->v = v;
		d->cap = cap;
	}
	d->v[d->n++] = x;
	return 1;
}

/* Strings appended one at a time, kept as offsets into one buffer (which moves as it grows). */
typedef struct svec {
	char *text;
	size_t len, cap;
	size_t *off;
	size_t n, cap_off;
} svec;

static int svec_push(svec *s, const char *str, size_t len)
{
	if (s->n == s->cap_off) {
		size_t cap = s->cap_off ? 2 * s->cap_off : 1024;
		size_t *off = realloc(s->off, cap * sizeof *off);
		if (off == NULL)
			return 0;
		s->off = off;
		s->cap_off = cap;
	}
	if (s->len + len + 1 > s->cap) {
		size_t cap = s->cap ? s->cap : 16384;
		char *text;
		while (cap < s->len + len + 1)
			cap *= 2;
		if ((text = realloc(s->text, cap)) == NULL)
			return 0;
		s->text = text;
		s->cap = cap;
	}
	memcpy(s->text + s->len, str, len);
	s->text[s->len + len] = '\0';
	s->off[s->n++] = s->len;
	s->len += len + 1;
	return 1;
}

static void svec_free(svec *s)
{
	free(s->text);
	free(s->off);
}

static int out_of_memory(void)
{
	fprintf(stderr, "cxm: out of memory\n");
	return CLI_EXIT_DATA;
}

/* A numeric field of the current record: a number, never empty. */
static int read_number(double *out, const cxm_csv *csv, size_t col)
{
	int rc;
	if ((rc = cxm_csv_field_double(out, csv, col)) < 0)
		return cli_library_error(rc, NULL);
	if (isnan(*out))
		return cli_data_error("%s:%zu: column '%s' is empty; a number is needed", cxm_csv_path(csv),
				      cxm_csv_line(csv), cxm_csv_column_name(csv, col));
	return 0;
}

/* ---- cxm clv summary --------------------------------------------------------------------- */

static const char *period_name(int period)
{
	return period == CXM_CLV_DAYS ? "day" : period == CXM_CLV_WEEKS ? "week" : "month";
}

static void print_summary(const cxm_clv_summary *s, const double *const *col, int holdout, int period,
			  const char *cal, const char *obs, int json)
{
	static const char *const names[] = { "frequency", "recency", "T", "monetary_value",
					     "holdout_frequency", "holdout_monetary_value" };
	size_t i, c, n = cxm_clv_summary_count(s), n_cols = holdout ? 6 : 4;
	if (!json) {
		fputs("id", stdout);
		for (c = 0; c < n_cols; c++)
			printf(",%s", names[c]);
		fputc('\n', stdout);
		for (i = 0; i < n; i++) {
			put_csv_text(stdout, cxm_clv_summary_id(s, i), ',');
			for (c = 0; c < n_cols; c++) {
				fputc(',', stdout);
				put_number(stdout, col[c][i], "");
			}
			fputc('\n', stdout);
		}
		return;
	}
	printf("{\n  \"period\": \"%s\",\n  \"calibration_end\": ", period_name(period));
	put_json_text(stdout, cal);
	fputs(",\n  \"observation_end\": ", stdout);
	put_json_text(stdout, obs);
	printf(",\n  \"holdout_duration\": ");
	put_number(stdout, cxm_clv_summary_holdout_duration(s), "null");
	printf(",\n  \"n_customers\": %zu,\n  \"dropped\": %zu,\n  \"customers\": [", n,
	       cxm_clv_summary_dropped(s));
	for (i = 0; i < n; i++) {
		fputs(i ? ",\n    {\"id\": " : "\n    {\"id\": ", stdout);
		put_json_text(stdout, cxm_clv_summary_id(s, i));
		for (c = 0; c < n_cols; c++) {
			printf(", \"%s\": ", names[c]);
			put_number(stdout, col[c][i], "null");
		}
		fputc('}', stdout);
	}
	fputs(n ? "\n  ]\n}\n" : "]\n}\n", stdout);
}

/* Read the transaction log; 0 or an exit code. */
static int read_transactions(svec *ids, dvec *days, dvec *amounts, const char *file, char delimiter,
			     const char *customer_col, const char *date_col, const char *amount_col)
{
	cxm_csv *csv = NULL;
	size_t ci, di, ai = 0;
	int rc, has_row = 0, status = 0;
	if ((rc = cxm_csv_open(&csv, file, delimiter)) < 0)
		return cli_library_error(rc, NULL);
	if ((rc = cxm_csv_column_index(&ci, csv, customer_col)) < 0 ||
	    (rc = cxm_csv_column_index(&di, csv, date_col)) < 0 ||
	    (amount_col && (rc = cxm_csv_column_index(&ai, csv, amount_col)) < 0)) {
		status = cli_library_error(rc, NULL);
		goto done;
	}
	for (;;) {
		const char *id, *date;
		size_t id_len;
		double day, amount;
		if ((rc = cxm_csv_next(csv, &has_row)) < 0) {
			status = cli_library_error(rc, NULL);
			goto done;
		}
		if (!has_row)
			break;
		id = cxm_csv_field(csv, ci, &id_len);
		date = cxm_csv_field(csv, di, NULL);
		if (id_len == 0) {
			status = cli_data_error("%s:%zu: column '%s' is empty; every purchase needs a "
						"customer id", file, cxm_csv_line(csv), customer_col);
			goto done;
		}
		if (memchr(id, '\0', id_len) != NULL) {
			status = cli_data_error("%s:%zu: column '%s' holds a NUL byte", file,
						cxm_csv_line(csv), customer_col);
			goto done;
		}
		if (parse_date(&day, date) < 0) {
			status = cli_data_error("%s:%zu: column '%s': '%.40s' is not a date (YYYY-MM-DD or "
						"YYYYMMDD)", file, cxm_csv_line(csv), date_col, date);
			goto done;
		}
		if (amount_col) {
			if ((status = read_number(&amount, csv, ai)) != 0)
				goto done;
			if (!dvec_push(amounts, amount)) {
				status = out_of_memory();
				goto done;
			}
		}
		if (!svec_push(ids, id, id_len) || !dvec_push(days, day)) {
			status = out_of_memory();
			goto done;
		}
	}
	if (days->n == 0)
		status = cli_data_error("%s: no transactions (the file has a header line only)", file);
done:
	cxm_csv_free(csv);
	return status;
}

static int cmd_summary(int argc, char **argv)
{
	cli_option opts[] = { { "--customer", 0, NULL }, { "--date", 0, NULL }, { "--amount", 0, NULL },
			      { "--calibration-end", 0, NULL }, { "--observation-end", 0, NULL },
			      { "--period", 0, NULL }, { "--format", 0, NULL }, { "--delimiter", 0, NULL } };
	const size_t n_opts = sizeof opts / sizeof *opts;
	const char *file, *v, *cal_text, *obs_text, *format;
	const char **id_ptr = NULL;
	svec ids = { NULL, 0, 0, NULL, 0, 0 };
	dvec days = { NULL, 0, 0 }, amounts = { NULL, 0, 0 };
	double cal, obs, *cols = NULL;
	const double *colp[6];
	cxm_clv_summary *s = NULL;
	char delimiter = ',';
	int rc, period, holdout, json;
	size_t i, n;

	if ((rc = parse_options(&file, opts, n_opts, argc, argv, "clv summary", summary_help)) >= 0)
		return rc;
	if (!cli_opt(opts, n_opts, "--customer") || !cli_opt(opts, n_opts, "--date"))
		return cli_usage_error("clv summary: --customer COL and --date COL are required: the "
				       "columns of customer ids and purchase dates "
				       "(see cxm clv summary --help)");
	if ((cal_text = cli_opt(opts, n_opts, "--calibration-end")) == NULL)
		return cli_usage_error("clv summary: --calibration-end DATE is required: the last day of "
				       "the calibration period");
	if (parse_date(&cal, cal_text) < 0)
		return cli_usage_error("clv summary: --calibration-end must be a date YYYY-MM-DD or "
				       "YYYYMMDD; got '%s'", cal_text);
	obs = cal;
	obs_text = cli_opt(opts, n_opts, "--observation-end");
	holdout = obs_text != NULL;
	if (obs_text && parse_date(&obs, obs_text) < 0)
		return cli_usage_error("clv summary: --observation-end must be a date YYYY-MM-DD or "
				       "YYYYMMDD; got '%s'", obs_text);
	if (obs < cal)
		return cli_usage_error("clv summary: --observation-end %s is before --calibration-end %s",
				       obs_text, cal_text);
	if ((v = cli_opt(opts, n_opts, "--period")) == NULL)
		return cli_usage_error("clv summary: --period day|week|month is required: the time unit of "
				       "recency and T");
	if (strcmp(v, "day") == 0 || strcmp(v, "days") == 0)
		period = CXM_CLV_DAYS;
	else if (strcmp(v, "week") == 0 || strcmp(v, "weeks") == 0)
		period = CXM_CLV_WEEKS;
	else if (strcmp(v, "month") == 0 || strcmp(v, "months") == 0)
		period = CXM_CLV_MONTHS;
	else
		return cli_usage_error("clv summary: --period must be day, week or month, not '%s'", v);
	format = cli_opt(opts, n_opts, "--format");
	if (format && strcmp(format, "csv") != 0 && strcmp(format, "json") != 0)
		return cli_usage_error("clv summary: --format must be csv or json, not '%s'", format);
	if ((v = cli_opt(opts, n_opts, "--delimiter")) && !cli_set_delimiter(&delimiter, v))
		return cli_usage_error("clv summary: --delimiter must be one character (or 'tab'), not a "
				       "quote or a line break; got '%s'", v);

	if ((rc = read_transactions(&ids, &days, &amounts, file, delimiter,
				    cli_opt(opts, n_opts, "--customer"), cli_opt(opts, n_opts, "--date"),
				    cli_opt(opts, n_opts, "--amount"))) != 0)
		goto done;
	if ((id_ptr = malloc(ids.n * sizeof *id_ptr)) == NULL) {
		rc = out_of_memory();
		goto done;
	}
	for (i = 0; i < ids.n; i++)
		id_ptr[i] = ids.text + ids.off[i];
	if ((rc = cxm_clv_summary_from_transactions(&s, id_ptr, ids.n, days.v, days.n, amounts.v, amounts.n,
						    cal, obs, period)) < 0) {
		/* the library speaks in day numbers; the user gave a date */
		if (rc == CXM_EEMPTY)
			rc = cli_data_error("%s: no customer has a purchase on or before the calibration "
					    "end %s", file, cal_text);
		else
			rc = cli_library_error(rc, file);
		goto done;
	}
	n = cxm_clv_summary_count(s);
	if ((cols = malloc(6 * n * sizeof *cols)) == NULL) {
		rc = out_of_memory();
		goto done;
	}
	for (i = 0; i < 6; i++)
		colp[i] = cols + i * n;
	if ((rc = cxm_clv_summary_columns(s, cols, cols + n, cols + 2 * n, cols + 3 * n, cols + 4 * n,
					  cols + 5 * n, n)) < 0) {
		rc = cli_library_error(rc, file);
		goto done;
	}
	/* JSON carries the count itself ("dropped") */
	json = format && strcmp(format, "json") == 0;
	if (cxm_clv_summary_dropped(s) > 0 && !json)
		fprintf(stderr, "cxm: note: %zu customers whose first purchase is after %s were left out\n",
			cxm_clv_summary_dropped(s), cal_text);
	print_summary(s, colp, holdout, period, cal_text, obs_text ? obs_text : cal_text, json);
	rc = cli_finish_output("output");
done:
	cxm_clv_summary_free(s);
	free(cols);
	free(id_ptr);
	svec_free(&ids);
	free(days.v);
	free(amounts.v);
	return rc;
}

/* ---- reading summaries --------------------------------------------------------------------- */

/* The columns a command reads from a summary file. */
enum { C_FREQ, C_REC, C_T, C_MON, C_PERIODS, C_WEIGHTS, C_SURV, N_SCOLS };
static const char *const scol_name[N_SCOLS] = { "frequency", "recency", "T", "monetary_value",
						"periods", "weights", "survivors" };

typedef struct summary_file {
	dvec col[N_SCOLS];
	svec ids;
	int has_ids;
	size_t n;
} summary_file;

static void summary_file_free(summary_file *f)
{
	size_t c;
	for (c = 0; c < N_SCOLS; c++)
		free(f->col[c].v);
	svec_free(&f->ids);
}

/* Read the columns flagged in `want` (and "id" when `ids` and it exists); 0 or an exit code. */
static int read_summary(summary_file *f, const char *file, char delimiter, const int *want, int ids)
{
	cxm_csv *csv = NULL;
	size_t idx[N_SCOLS], id_col = 0, c;
	int rc, has_row, status = 0;
	memset(f, 0, sizeof *f);
	if ((rc = cxm_csv_open(&csv, file, delimiter)) < 0)
		return cli_library_error(rc, NULL);
	for (c = 0; c < N_SCOLS; c++) {
		if (want[c] && (rc = cxm_csv_column_index(&idx[c], csv, scol_name[c])) < 0) {
			status = cli_library_error(rc, NULL);
			goto done;
		}
	}
	/* the id column is optional (BG/BB patterns have none) and may be "ID",
	 * as in Hardie's and lifetimes' CDNOW summaries */
	for (c = 0; ids && c < cxm_csv_column_count(csv); c++) {
		const char *name = cxm_csv_column_name(csv, c);
		if ((name[0] == 'i' || name[0] == 'I') && (name[1] == 'd' || name[1] == 'D') && name[2] == '\0') {
			id_col = c;
			f->has_ids = 1;
			break;
		}
	}
	for (;;) {
		if ((rc = cxm_csv_next(csv, &has_row)) < 0) {
			status = cli_library_error(rc, NULL);
			goto done;
		}
		if (!has_row)
			break;
		for (c = 0; c < N_SCOLS; c++) {
			double x;
			if (!want[c])
				continue;
			if ((status = read_number(&x, csv, idx[c])) != 0)
				goto done;
			if (!dvec_push(&f->col[c], x)) {
				status = out_of_memory();
				goto done;
			}
		}
		if (f->has_ids) {
			size_t len;
			const char *id = cxm_csv_field(csv, id_col, &len);
			if (!svec_push(&f->ids, id, len)) {
				status = out_of_memory();
				goto done;
			}
		}
		f->n++;
	}
	if (f->n == 0)
		status = cli_data_error("%s: no data rows (the file has a header line only)", file);
done:
	cxm_csv_free(csv);
	return status;
}

/* ---- cxm clv fit ------------------------------------------------------------------------------- */

static int cmd_fit(int argc, char **argv)
{
	cli_option opts[] = { { "--model", 0, NULL }, { "--penalty", 0, NULL }, { "--threads", 0, NULL },
			      { "--format", 0, NULL }, { "--delimiter", 0, NULL } };
	const size_t n_opts = sizeof opts / sizeof *opts;
	cxm_clv_fit_opts fo = CXM_CLV_FIT_OPTS_INIT;
	cxm_clv_fit_result fit = CXM_CLV_FIT_RESULT_INIT;
	int want[N_SCOLS] = { 0 };
	summary_file f;
	const char *file, *v;
	char delimiter = ',', *json = NULL;
	int rc, model = 0;

	if ((rc = parse_options(&file, opts, n_opts, argc, argv, "clv fit", fit_help)) >= 0)
		return rc;
	if ((v = cli_opt(opts, n_opts, "--model")) == NULL)
		return cli_usage_error("clv fit: --model is required: bgnbd, mbgnbd, pnbd, gg, bgbb or sbg "
				       "(see cxm clv --help)");
	/* the name is an argument: an unknown one is a usage error */
	if (cxm_clv_model_from_name(&model, v) < 0)
		return cli_usage_error("clv fit: unknown model '%s'; use bgnbd, mbgnbd, pnbd, gg, bgbb or "
				       "sbg", v);
	if ((v = cli_opt(opts, n_opts, "--penalty")) &&
	    (!parse_number(&fo.l2_penalty, v) || fo.l2_penalty < 0.0))
		return cli_usage_error("clv fit: --penalty must be a number >= 0, e.g. 0.001; got '%s'", v);
	if ((v = cli_opt(opts, n_opts, "--threads")) && !parse_count(&fo.threads, v, 1024))
		return cli_usage_error("clv fit: --threads must be a whole number from 0 (all cores) to "
				       "1024; got '%s'", v);
	if ((v = cli_opt(opts, n_opts, "--format")) && strcmp(v, "json") != 0)
		return cli_usage_error("clv fit: --format must be json, not '%s'", v);
	if ((v = cli_opt(opts, n_opts, "--delimiter")) && !cli_set_delimiter(&delimiter, v))
		return cli_usage_error("clv fit: --delimiter must be one character (or 'tab'), not a quote "
				       "or a line break; got '%s'", v);

	switch (model) {
	case CXM_CLV_GG: want[C_FREQ] = want[C_MON] = 1; break;
	case CXM_CLV_BGBB: want[C_FREQ] = want[C_REC] = want[C_PERIODS] = want[C_WEIGHTS] = 1; break;
	case CXM_CLV_SBG: want[C_SURV] = 1; break;
	default: want[C_FREQ] = want[C_REC] = want[C_T] = 1; break;
	}
	if ((rc = read_summary(&f, file, delimiter, want, 0)) != 0)
		goto done;
	switch (model) {
	case CXM_CLV_GG:
		rc = cxm_clv_fit_gamma_gamma(&fit, f.col[C_FREQ].v, f.n, f.col[C_MON].v, f.n, &fo);
		break;
	case CXM_CLV_BGBB:
		rc = cxm_clv_fit_bgbb(&fit, f.col[C_FREQ].v, f.n, f.col[C_REC].v, f.n, f.col[C_PERIODS].v, f.n,
				      f.col[C_WEIGHTS].v, f.n, &fo);
		break;
	case CXM_CLV_SBG:
		rc = cxm_clv_fit_sbg(&fit, f.col[C_SURV].v, f.n, &fo);
		break;
	default:
		rc = cxm_clv_fit(&fit, model, f.col[C_FREQ].v, f.n, f.col[C_REC].v, f.n, f.col[C_T].v, f.n, NULL,
				 0, &fo);
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
	summary_file_free(&f);
	return rc;
}

/* ---- cxm clv predict ----------------------------------------------------------------------------- */

/* Read a fit saved by cxm clv fit; 0 or an exit code. */
static int read_fit(cxm_clv_fit_result *fit, const char *path)
{
	FILE *in = fopen(path, "rb");
	char *text;
	size_t len;
	int rc;
	if (in == NULL)
		return cli_data_error("%s: cannot open the fit file: %s", path, strerror(errno));
	if ((text = malloc(MAX_FIT_JSON + 1)) == NULL) {
		fclose(in);
		return out_of_memory();
	}
	len = fread(text, 1, MAX_FIT_JSON + 1, in);
	if (ferror(in)) {
		rc = cli_data_error("%s: cannot read the fit file: %s", path, strerror(errno));
	} else if (len > MAX_FIT_JSON) {
		rc = cli_data_error("%s: more than %zu bytes; a fit file of cxm clv fit is a few hundred",
				    path, MAX_FIT_JSON);
	} else {
		rc = cxm_clv_fit_result_from_json(fit, text, len);
		rc = rc < 0 ? cli_library_error(rc, path) : 0;
	}
	free(text);
	fclose(in);
	return rc;
}

static int cmd_predict(int argc, char **argv)
{
	cli_option opts[] = { { "--fit", 0, NULL }, { "--spend-fit", 0, NULL }, { "--t", 0, NULL },
			      { "--months", 0, NULL }, { "--discount", 0, NULL },
			      { "--periods-per-month", 0, NULL }, { "--format", 0, NULL },
			      { "--delimiter", 0, NULL } };
	const size_t n_opts = sizeof opts / sizeof *opts;
	cxm_clv_fit_result fit = CXM_CLV_FIT_RESULT_INIT, gg = CXM_CLV_FIT_RESULT_INIT;
	int want[N_SCOLS] = { 0 };
	summary_file f;
	const char *file, *v, *spend;
	const double *T_col;
	double t = 0.0, months = 12.0, discount = 0.01, ppm = 0.0, *out = NULL;
	char delimiter = ',';
	int rc;
	size_t i, n;

	if ((rc = parse_options(&file, opts, n_opts, argc, argv, "clv predict", predict_help)) >= 0)
		return rc;
	if (cli_opt(opts, n_opts, "--fit") == NULL)
		return cli_usage_error("clv predict: --fit FIT.json is required: a fit saved by cxm clv fit");
	if ((v = cli_opt(opts, n_opts, "--t")) == NULL)
		return cli_usage_error("clv predict: --t T is required: the horizon of expected_purchases, "
				       "in the summary's time unit");
	if (!parse_number(&t, v) || t < 0.0)
		return cli_usage_error("clv predict: --t must be a number >= 0; got '%s'", v);
	spend = cli_opt(opts, n_opts, "--spend-fit");
	if (!spend && (cli_opt(opts, n_opts, "--months") || cli_opt(opts, n_opts, "--discount") ||
		       cli_opt(opts, n_opts, "--periods-per-month")))
		return cli_usage_error("clv predict: --months, --discount and --periods-per-month are for "
				       "the CLV, which needs --spend-fit GG.json");
	if ((v = cli_opt(opts, n_opts, "--months")) && (!parse_number(&months, v) || months < 0.0))
		return cli_usage_error("clv predict: --months must be a number >= 0, e.g. 12; got '%s'", v);
	if ((v = cli_opt(opts, n_opts, "--discount")) && (!parse_number(&discount, v) || discount <= -1.0))
		return cli_usage_error("clv predict: --discount must be a monthly rate > -1, e.g. 0.01; got "
				       "'%s'", v);
	if (spend) {
		if ((v = cli_opt(opts, n_opts, "--periods-per-month")) == NULL)
			return cli_usage_error("clv predict: --spend-fit needs --periods-per-month F: "
					       "4.345 for a summary in weeks, 30.4375 in days, 1 in months");
		if (!parse_number(&ppm, v) || ppm <= 0.0)
			return cli_usage_error("clv predict: --periods-per-month must be a number > 0, e.g. "
					       "4.345; got '%s'", v);
	}
	if ((v = cli_opt(opts, n_opts, "--format")) && strcmp(v, "csv") != 0)
		return cli_usage_error("clv predict: --format must be csv, not '%s'", v);
	if ((v = cli_opt(opts, n_opts, "--delimiter")) && !cli_set_delimiter(&delimiter, v))
		return cli_usage_error("clv predict: --delimiter must be one character (or 'tab'), not a "
				       "quote or a line break; got '%s'", v);

	if ((rc = read_fit(&fit, cli_opt(opts, n_opts, "--fit"))) != 0 ||
	    (spend && (rc = read_fit(&gg, spend)) != 0))
		return rc;
	if (fit.model == CXM_CLV_GG || fit.model == CXM_CLV_SBG)
		return cli_data_error("%s: a %s fit predicts no purchases; --fit takes a bgnbd, mbgnbd, "
				      "pnbd or bgbb fit (a gg fit goes to --spend-fit)",
				      cli_opt(opts, n_opts, "--fit"), cxm_clv_model_name(fit.model));
	if (spend && gg.model != CXM_CLV_GG)
		return cli_data_error("%s: --spend-fit takes a gg (Gamma-Gamma) fit, not %s", spend,
				      cxm_clv_model_name(gg.model));
	want[C_FREQ] = want[C_REC] = 1;
	want[fit.model == CXM_CLV_BGBB ? C_PERIODS : C_T] = 1;
	want[C_MON] = spend != NULL;
	if ((rc = read_summary(&f, file, delimiter, want, 1)) != 0)
		goto done;
	n = f.n;
	T_col = fit.model == CXM_CLV_BGBB ? f.col[C_PERIODS].v : f.col[C_T].v;
	if ((out = malloc(4 * n * sizeof *out)) == NULL) {
		rc = out_of_memory();
		goto done;
	}
	if ((rc = cxm_clv_expected_purchases(out, n, &fit, t, f.col[C_FREQ].v, n, f.col[C_REC].v, n, T_col,
					     n)) < 0 ||
	    (rc = cxm_clv_p_alive(out + n, n, &fit, f.col[C_FREQ].v, n, f.col[C_REC].v, n, T_col, n)) < 0 ||
	    (spend && (rc = cxm_clv_expected_profit(out + 2 * n, n, &gg, f.col[C_FREQ].v, n, f.col[C_MON].v,
						     n)) < 0) ||
	    (spend && (rc = cxm_clv_discounted(out + 3 * n, n, &fit, &gg, f.col[C_FREQ].v, n, f.col[C_REC].v,
						n, T_col, n, f.col[C_MON].v, n, months, &discount, 1,
						ppm)) < 0)) {
		rc = cli_library_error(rc, file);
		goto done;
	}
	fputs(spend ? "id,expected_purchases,p_alive,expected_profit,clv\n" : "id,expected_purchases,p_alive\n",
	      stdout);
	for (i = 0; i < n; i++) {
		size_t c;
		if (f.has_ids)
			put_csv_text(stdout, f.ids.text + f.ids.off[i], ',');
		else
			printf("%zu", i + 1);
		for (c = 0; c < (spend ? 4u : 2u); c++) {
			fputc(',', stdout);
			put_number(stdout, out[c * n + i], "");
		}
		fputc('\n', stdout);
	}
	rc = cli_finish_output("output");
done:
	free(out);
	summary_file_free(&f);
	return rc;
}

/* ---- dispatch ---------------------------------------------------------------------------------- */

int cxm_cmd_clv(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(int argc, char **argv);
	} subs[] = { { "summary", cmd_summary }, { "fit", cmd_fit }, { "predict", cmd_predict } };
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
