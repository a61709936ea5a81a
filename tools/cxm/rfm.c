/*
 * tools/cxm/rfm.c - `cxm rfm`: orders to RFM scores and segments, the
 * segment summary, the migration between two dates, and the rule-table
 * validator. Argument parsing only: reading (cxm_txlog_read_csv: missing
 * ids, quantity x price, date formats, returns),
 * aggregating, scoring, summarising and writing are the library's (rfm.h,
 * table.h); the text table is a layout of the summary's numbers.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "clv_common.h"
#include "txlog_cli.h"

static const char rfm_help[] =
	"Usage: cxm rfm ORDERS.csv --customer COL --date COL\n"
	"           (--amount COL | --quantity COL --price COL) [--missing-ids error|drop]\n"
	"           [--date-format FMT] [--delimiter CHAR [--decimal-comma]]\n"
	"           --analysis-date DATE [--bins N] [--binning quantile|rank|fixed|jenks]\n"
	"           [--breaks-recency A,B,..] [--breaks-frequency ..] [--breaks-monetary ..]\n"
	"           [--returns keep|net|drop|error] [--status COL --cancelled WORD,..]\n"
	"           [--rules NAME|FILE] [--match first|last] [--format table|csv|json]\n"
	"       cxm rfm ORDERS.csv ... --migration --from DATE --to DATE\n"
	"       cxm rfm --validate RULES.json [--scores K] [--format table|csv|json]\n"
	"\n"
	"Recency, frequency and monetary scores of each customer from a file of\n"
	"orders (one row per order), as the R package rfm computes them, and the\n"
	"customer's named segment (docs/spec.md section 7):\n"
	"  recency_days       analysis date - the customer's last order date\n"
	"  transaction_count  orders of the customer\n"
	"  amount             the exact sum of the customer's amounts\n"
	"Scores are 1..N per dimension (recency: fewest days scores N); rfm_score is\n"
	"100 R + 10 F + M.\n"
	"\n"
	"Options:\n"
	"  --customer COL        column of customer ids (sorted byte by byte)\n"
	"  --date COL            column of order dates (YYYY-MM-DD or YYYYMMDD)\n"
	"  --amount COL          column of order amounts\n"
	TXLOG_CLI_HELP
	"  --analysis-date DATE  the date recency is counted to (no order after it)\n"
	"  --bins N              bins per dimension, 2..9 (default 5)\n"
	"  --binning WORD        quantile (R rfm's breaks, default), rank (equal-count\n"
	"                        bins of ranks, as the Python rfm package), fixed (the\n"
	"                        --breaks-* given), jenks (natural breaks)\n"
	"  --breaks-recency A,B  break points for --binning fixed (also\n"
	"                        --breaks-frequency, --breaks-monetary), used as given\n"
	"  --returns WORD        rows with a negative amount or a cancelled status:\n"
	"                        keep (as R rfm: they count as orders, the default),\n"
	"                        net (they lower the amount, are not orders), drop\n"
	"                        (left out) or error\n"
	"  --status COL          column of order statuses; with --cancelled WORD,..\n"
	"                        the statuses that mark a cancelled order\n"
	"  --rules NAME|FILE     segments: a built-in set (r_02x, the default;\n"
	"                        vignette_11, r_030, py_rfm, ...) or a rules JSON file\n"
	"  --match first|last    which matching rule names a customer (default first)\n"
	"  --format WORD         table (default): the segment summary; csv: one row\n"
	"                        per customer (customer_id, recency_days,\n"
	"                        transaction_count, amount, recency_score,\n"
	"                        frequency_score, monetary_score, rfm_score, segment);\n"
	"                        json: {\"breaks\", \"summary\"} and, with\n"
	"                        --with-customers, \"customers\"\n"
	"  --with-customers      JSON: the scored customers too\n"
	"  --migration           customers moving between segments from --from DATE to\n"
	"                        --to DATE: each date's scores use the orders up to it\n"
	"                        (later orders are left out) and it as analysis date\n"
	"  --validate NAME|FILE  check a rule table (built-in or JSON file): overlapping\n"
	"                        rules, rules its match mode (or --match) never reaches,\n"
	"                        score cells no rule covers\n"
	"  --delimiter CHAR      field separator: ',' (default), ';', '|' or 'tab'\n"
	"  --decimal-comma       numbers written 1,5 (with --delimiter ';')\n"
	"  -h, --help            this help\n"
	"Rows left out are counted (stderr; \"log\" in JSON).\n"
	"\n"
	"Example:\n"
	"  cxm rfm tests/cli/data/rfm_orders.csv --customer customer --date date \\\n"
	"      --amount amount --analysis-date 2024-03-31\n";

enum { O_CUSTOMER, O_DATE, O_AMOUNT, O_ANALYSIS, O_BINS, O_BINNING, O_BR, O_BF, O_BM, O_RETURNS, O_STATUS,
       O_CANCELLED, O_RULES, O_MATCH, O_FORMAT, O_WITH, O_MIGRATION, O_FROM, O_TO, O_VALIDATE, O_SCORES,
       O_DELIM, O_QUANTITY, O_PRICE, O_MISSING, O_DATE_FORMAT, O_DECIMAL_COMMA, N_OPTS };

/* Split s in place at commas into at most cap pieces (empty pieces kept); the count, or cap + 1 when more. */
static size_t split_commas(char **w, size_t cap, char *s)
{
	size_t n = 0;
	for (;;) {
		char *comma = strchr(s, ',');
		if (n == cap)
			return cap + 1;
		w[n++] = s;
		if (!comma)
			return n;
		*comma = '\0';
		s = comma + 1;
	}
}

/* A comma-separated list of 1 to 8 numbers into v; 1 if valid. */
static int parse_list(double *v, size_t *n, const char *s)
{
	char buf[256], *w[8];
	size_t i;
	if (strlen(s) >= sizeof buf)
		return 0;
	strcpy(buf, s);
	if ((*n = split_commas(w, 8, buf)) > 8)
		return 0;
	for (i = 0; i < *n; i++)
		if (!clv_parse_number(&v[i], w[i]))
			return 0;
	return 1;
}

/* The rules of --rules: a built-in word, else a file (the default set without one). */
static int load_rules(cxm_rfm_rules **rules, const char *v)
{
	int rc = cxm_rfm_rules_load(rules, v ? v : CXM_RFM_RULES_DEFAULT);
	return rc < 0 ? cli_library_error(rc, "rfm: --rules") : 0;
}

/* A table of numbers and texts for people: each column as wide as its widest cell. */
static int write_text_table(const cxm_table *t, const char *title)
{
	size_t r, c, rows = cxm_table_rows(t), cols = cxm_table_column_count(t), w[32];
	char cell[64];
	if (cols > 32)
		cols = 32;
	printf("%s\n\n", title);
	for (c = 0; c < cols; c++)
		w[c] = strlen(cxm_table_column_name(t, c));
	for (r = 0; r < rows; r++)
		for (c = 0; c < cols; c++) {
			int type;
			cxm_table_column_type(&type, t, c);
			if (type == CXM_TABLE_TEXT)
				snprintf(cell, sizeof cell, "%s", cxm_table_texts(t, c)[r]);
			else
				snprintf(cell, sizeof cell, "%.2f", cxm_table_numbers(t, c)[r]);
			if (strlen(cell) > w[c])
				w[c] = strlen(cell);
		}
	for (c = 0; c < cols; c++)
		printf(c ? "  %*s" : "%-*s", (int)w[c], cxm_table_column_name(t, c));
	printf("\n");
	for (r = 0; r < rows; r++) {
		for (c = 0; c < cols; c++) {
			int type;
			double x;
			cxm_table_column_type(&type, t, c);
			if (type == CXM_TABLE_TEXT) {
				printf(c ? "  %*s" : "%-*s", (int)w[c], cxm_table_texts(t, c)[r]);
				continue;
			}
			x = cxm_table_numbers(t, c)[r];
			if (isnan(x))
				snprintf(cell, sizeof cell, "-");
			else if (x == floor(x) && fabs(x) < 1e15)
				snprintf(cell, sizeof cell, "%.0f", x);
			else
				snprintf(cell, sizeof cell, "%.2f", x);
			printf("  %*s", (int)w[c], cell);
		}
		printf("\n");
	}
	return 0;
}

/* {"breaks": ..., "summary": ..., "customers": ...}: the library's JSON of each
 * table; with a log, its counts first ("log"). */
static int write_json(const char *const *keys, const cxm_table *const *tables, size_t n, const cxm_table *log)
{
	size_t i;
	int rc;
	printf("{\n");
	if (log) {
		printf("\"log\": ");
		txlog_cli_json_counts(log);
		printf(",\n");
	}
	for (i = 0; i < n; i++) {
		char *text = NULL;
		size_t len;
		if ((rc = cxm_table_render(&text, tables[i], CXM_FORMAT_JSON)) < 0)
			return cli_library_error(rc, "rfm");
		len = strlen(text);
		while (len > 0 && text[len - 1] == '\n')
			len--;
		printf("\"%s\": %.*s%s\n", keys[i], (int)len, text, i + 1 < n ? "," : "");
		cxm_free(text);
	}
	printf("}\n");
	return 0;
}

static int validate(const cli_option *o, int format)
{
	cxm_rfm_rules *rules = NULL;
	cxm_table *t = NULL;
	double scores = 0;
	int rc, match = -1;
	if (o[O_SCORES].value && (!clv_parse_number(&scores, o[O_SCORES].value) || scores < 0 || scores > 9 ||
				  scores != floor(scores)))
		return cli_usage_error("rfm: --scores must be a whole number 2..9, not '%s'", o[O_SCORES].value);
	if (o[O_MATCH].value && cxm_names_parse(&match, CXM_NAMES_RFM_MATCH, o[O_MATCH].value) < 0)
		return cli_usage_library_error("rfm: --");
	if ((rc = cxm_rfm_rules_load(&rules, o[O_VALIDATE].value)) < 0)
		return cli_library_error(rc, NULL);
	/* the first or last match the table asks for, unless --match says */
	if ((rc = cxm_rfm_rules_validate(&t, rules, (unsigned int)scores,
					 match < 0 ? cxm_rfm_rules_match(rules) : match)) < 0) {
		rc = cli_library_error(rc, o[O_VALIDATE].value);
	} else if (format == CXM_FORMAT_TEXT) {
		rc = write_text_table(t, "Rule-table findings (kind, rule, other rule, the R/F/M box, cells):");
	} else {
		rc = clv_write_table(t, format);
	}
	cxm_table_free(t);
	cxm_rfm_rules_free(rules);
	return rc ? rc : cli_finish_output("the findings");
}

/* The orders' customers as of `day` (orders after it left out when until). */
static int customers_at(cxm_table **c, const cxm_table *orders, double day, int until, int returns,
			const char *file)
{
	int rc = cxm_rfm_orders_aggregate_table(c, orders, day, until ? day : NAN, returns);
	return rc < 0 ? cli_library_error(rc, file) : 0;
}

int cxm_cmd_rfm(int argc, char **argv)
{
	static const int formats[] = { CXM_FORMAT_TEXT, CXM_FORMAT_CSV, CXM_FORMAT_JSON };
	cli_option o[N_OPTS] = {
		{ "--customer", 0, NULL }, { "--date", 0, NULL }, { "--amount", 0, NULL },
		{ "--analysis-date", 0, NULL }, { "--bins", 0, NULL }, { "--binning", 0, NULL },
		{ "--breaks-recency", 0, NULL }, { "--breaks-frequency", 0, NULL }, { "--breaks-monetary", 0, NULL },
		{ "--returns", 0, NULL }, { "--status", 0, NULL }, { "--cancelled", 0, NULL },
		{ "--rules", 0, NULL }, { "--match", 0, NULL }, { "--format", 0, NULL },
		{ "--with-customers", 1, NULL }, { "--migration", 1, NULL }, { "--from", 0, NULL },
		{ "--to", 0, NULL }, { "--validate", 0, NULL }, { "--scores", 0, NULL }, { "--delimiter", 0, NULL },
		{ "--quantity", 0, NULL }, { "--price", 0, NULL }, { "--missing-ids", 0, NULL },
		{ "--date-format", 0, NULL }, { "--decimal-comma", 1, NULL }
	};
	cli_command cmd = { "rfm", rfm_help, o, N_OPTS, NULL, NULL };
	const char *file = NULL;
	size_t d;
	cxm_txlog_opts *tlo = NULL;
	cxm_rfm_rules *rules = NULL;
	cxm_rfm_opts *opts = NULL;
	cxm_table *orders = NULL, *c1 = NULL, *c2 = NULL, *s1 = NULL, *s2 = NULL, *b = NULL, *y = NULL, *m = NULL;
	double day = NAN, from = NAN, to = NAN, bins;
	int rc, format, returns = CXM_RFM_RETURNS_KEEP, binning, match;

	if ((rc = cli_parse(&file, &cmd, argc, argv, 2)) >= 0)
		return rc;
	if ((rc = clv_format_option(&format, o, N_OPTS, "rfm", formats, 3)) != 0)
		return rc;
	if (o[O_VALIDATE].value) {
		if (file)
			return cli_usage_error("rfm: --validate takes the rules file alone, not '%s'", file);
		return validate(o, format);
	}
	if (!file)
		return cli_usage_error("rfm: no ORDERS.csv given (see cxm rfm --help)");
	if (!o[O_CUSTOMER].value || !o[O_DATE].value || (!o[O_AMOUNT].value && !o[O_QUANTITY].value))
		return cli_usage_error("rfm: --customer COL, --date COL and --amount COL (or --quantity COL --price "
				       "COL) are required: the columns of customer ids, order dates and amounts");
	if (o[O_MIGRATION].value) {
		if (!o[O_FROM].value || !o[O_TO].value)
			return cli_usage_error("rfm: --migration needs --from DATE and --to DATE");
		if (cxm_date_parse(&from, o[O_FROM].value) < 0)
			return cli_usage_library_error("rfm: --from: ");
		if (cxm_date_parse(&to, o[O_TO].value) < 0)
			return cli_usage_library_error("rfm: --to: ");
		if (!(from < to))
			return cli_usage_error("rfm: --from %s must be before --to %s", o[O_FROM].value, o[O_TO].value);
	} else {
		if (!o[O_ANALYSIS].value)
			return cli_usage_error("rfm: --analysis-date DATE is required: recency counts days to it");
		if (cxm_date_parse(&day, o[O_ANALYSIS].value) < 0)
			return cli_usage_library_error("rfm: --analysis-date: ");
	}
	/* R rfm counts every row as an order: keep is the default here */
	if ((rc = txlog_cli_opts(&tlo, o, N_OPTS, "rfm", CXM_RFM_RETURNS_KEEP, 1)) != 0)
		return rc;
	returns = txlog_cli_returns(o, N_OPTS, CXM_RFM_RETURNS_KEEP);
	if (cxm_rfm_opts_new(&opts) < 0) {
		cxm_txlog_opts_free(tlo);
		return cli_library_error(CXM_ENOMEM, "rfm");
	}
	if (o[O_BINS].value && (!clv_parse_number(&bins, o[O_BINS].value) || bins != floor(bins) || bins < 0 ||
				bins > 1000 || cxm_rfm_opts_set_bins(opts, (unsigned int)bins) < 0)) {
		rc = cli_usage_error("rfm: --bins must be a whole number 2..9, not '%s'", o[O_BINS].value);
		goto done;
	}
	if (o[O_BINNING].value && (cxm_names_parse(&binning, CXM_NAMES_RFM_BINNING, o[O_BINNING].value) < 0 ||
				   cxm_rfm_opts_set_binning(opts, binning) < 0)) {
		rc = cli_usage_library_error("rfm: --");
		goto done;
	}
	if (o[O_MATCH].value && (cxm_names_parse(&match, CXM_NAMES_RFM_MATCH, o[O_MATCH].value) < 0 ||
				 cxm_rfm_opts_set_match(opts, match) < 0)) {
		rc = cli_usage_library_error("rfm: --");
		goto done;
	}
	for (d = 0; d < 3; d++) {
		const char *v = o[O_BR + d].value;
		double vals[8];
		size_t n;
		if (!v)
			continue;
		if (!parse_list(vals, &n, v)) {
			rc = cli_usage_error("rfm: %s must be 1 to 8 numbers separated by commas, not '%s'", o[O_BR + d].name,
					     v);
			goto done;
		}
		if (cxm_rfm_opts_set_breaks(opts, (int)d, vals, n) < 0) {
			rc = cli_usage_library_error("rfm: ");
			goto done;
		}
	}
	if ((rc = load_rules(&rules, o[O_RULES].value)) != 0)
		goto done;
	if ((rc = cxm_txlog_read_csv(&orders, file, tlo)) < 0) {
		rc = cli_library_error(rc, NULL);
		goto done;
	}
	if (format != CXM_FORMAT_JSON)
		txlog_cli_note(orders);
	if (o[O_MIGRATION].value) {
		static const char *const keys[] = { "migration" };
		if ((rc = customers_at(&c1, orders, from, 1, returns, file)) != 0 ||
		    (rc = customers_at(&c2, orders, to, 1, returns, file)) != 0)
			goto done;
		if ((rc = cxm_rfm_score_customers(&s1, NULL, c1, rules, opts)) < 0 ||
		    (rc = cxm_rfm_score_customers(&s2, NULL, c2, rules, opts)) < 0 ||
		    (rc = cxm_rfm_migration(&m, s1, s2, rules)) < 0) {
			rc = cli_library_error(rc, file);
			goto done;
		}
		if (format == CXM_FORMAT_TEXT) {
			char title[128];
			snprintf(title, sizeof title, "Segment migration from %s to %s (share: %% of the from segment):",
				 o[O_FROM].value, o[O_TO].value);
			rc = write_text_table(m, title);
		} else if (format == CXM_FORMAT_JSON) {
			const cxm_table *tabs[1];
			tabs[0] = m;
			rc = write_json(keys, tabs, 1, orders);
		} else {
			rc = clv_write_table(m, format);
		}
		goto done;
	}
	if ((rc = customers_at(&c1, orders, day, 0, returns, file)) != 0)
		goto done;
	if ((rc = cxm_rfm_score_customers(&s1, &b, c1, rules, opts)) < 0 ||
	    (rc = cxm_rfm_segment_summary(&y, s1, rules)) < 0) {
		rc = cli_library_error(rc, file);
		goto done;
	}
	if (format == CXM_FORMAT_CSV) {
		rc = clv_write_table(s1, format);
	} else if (format == CXM_FORMAT_JSON) {
		static const char *const keys[] = { "breaks", "summary", "customers" };
		const cxm_table *tabs[3];
		tabs[0] = b;
		tabs[1] = y;
		tabs[2] = s1;
		rc = write_json(keys, tabs, o[O_WITH].value ? 3 : 2, orders);
	} else {
		char title[160];
		snprintf(title, sizeof title, "RFM segments of %zu customers, analysis date %s "
			 "(share %%; revenue and means per segment):", cxm_table_rows(s1), o[O_ANALYSIS].value);
		rc = write_text_table(y, title);
	}
done:
	if (rc == 0)
		rc = cli_finish_output("the RFM results");
	cxm_table_free(m);
	cxm_table_free(y);
	cxm_table_free(b);
	cxm_table_free(s2);
	cxm_table_free(s1);
	cxm_table_free(c2);
	cxm_table_free(c1);
	cxm_table_free(orders);
	cxm_rfm_rules_free(rules);
	cxm_rfm_opts_free(opts);
	cxm_txlog_opts_free(tlo);
	return rc;
}
