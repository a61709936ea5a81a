/*
 * tools/cxm/segment.c - `cxm segment`: value x price-sensitivity segments of
 * an order log (`cxm segment value`) and the check of a segment rule table
 * (`cxm segment --validate`). Argument parsing and printing only: the orders
 * are read into a table (cxm_table_read_csv), the customers, segments,
 * thresholds, summary and findings come from the library (segment.h).
 */
#define CXM_EXPERIMENTAL /* cxm_table_read_csv */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cxmetrics.h"
#include "cli.h"

static const char segment_help[] =
	"Usage: cxm segment value ORDERS.csv --customer COL --amount COL [--discount COL]\n"
	"           [--rules NAME|FILE] [--match first|last] [--format table|csv|json]\n"
	"       cxm segment --validate RULES.json|NAME [--match first|last] [--format table|csv|json]\n"
	"\n"
	"Value x price-sensitivity segments (spec 13). From an order log, one row\n"
	"per order, each customer gets:\n"
	"  spend             the sum of the amounts paid\n"
	"  orders            the number of orders\n"
	"  discount_share    the sum of discounts / the sum of (amount + discount)\n"
	"  full_price_share  orders with no discount / orders\n"
	"  average_order_value  spend / orders\n"
	"and the first rule of the rule table that holds (or the last, --match last)\n"
	"names its segment; \"Others\" when none does. A rule bounds dimensions by\n"
	"numbers or by quantiles of the customers (type 7): the values used are\n"
	"printed as thresholds.\n"
	"\n"
	"The built-in table, value_price: Luxury / Aspirational (top 40% by spend,\n"
	"3 orders in 4 at full price), Discount-Driven High Value (top 20%, a quarter\n"
	"of list value as discount), Bargain Hunters (a quarter as discount),\n"
	"Mainstream Backbone (repeat buyers above the bottom fifth), One-Time Buyers,\n"
	"Low-Value Regulars. Its JSON is installed with the library (presets/segment)\n"
	"as a start for tables of your own.\n"
	"\n"
	"Options:\n"
	"  --customer COL      column of customer ids (not empty)\n"
	"  --amount COL        column of the amount each order paid (>= 0)\n"
	"  --discount COL      column of the discount each order got, in money (>= 0;\n"
	"                      without it every order is at full price)\n"
	"  --rules NAME|FILE   a built-in table (value_price, the default) or a JSON file\n"
	"  --match first|last  which rule wins when several hold (default: the table's)\n"
	"  --delimiter CHAR    field separator of ORDERS.csv: ',' (default), ';', '|', 'tab'\n"
	"  --format table|csv|json\n"
	"                      table (default): the summary per segment and the\n"
	"                      thresholds; csv: one row per customer with its segment;\n"
	"                      json: {\"summary\", \"thresholds\", \"customers\"}\n"
	"  --validate RULES    check a rule table instead: rules that overlap, rules\n"
	"                      earlier ones make unreachable, and value ranges no rule\n"
	"                      covers (spec 7.8), each dimension in the units of its\n"
	"                      bounds (quantile levels 0..1 when they are quantiles)\n"
	"  -h, --help          this help\n"
	"\n"
	"Example:\n"
	"  cxm segment value orders.csv --customer customer_id --amount paid --discount discount\n";

/* A rule table: a built-in word, else a JSON file. 0 or an exit code. */
static int load_rules(cxm_segment_rules **r, const char *v)
{
	int rc = cxm_segment_rules_load(r, v);
	return rc < 0 ? cli_library_error(rc, NULL) : 0;
}

/* One table as a member of a JSON object: its text indented by two spaces. */
static int put_json_member(const char *key, const cxm_table *t, int last)
{
	char *s = NULL, *p;
	size_t len;
	int rc = cxm_table_render(&s, t, CXM_FORMAT_JSON);
	if (rc < 0)
		return cli_library_error(rc, NULL);
	len = strlen(s);
	while (len && s[len - 1] == '\n') /* the writer ends the object with a newline */
		s[--len] = '\0';
	printf("  \"%s\": ", key);
	for (p = s; *p; p++) {
		putchar(*p);
		if (*p == '\n')
			fputs("  ", stdout);
	}
	fputs(last ? "\n" : ",\n", stdout);
	cxm_free(s);
	return 0;
}

static int format_option(int *format, const char *v)
{
	*format = CXM_FORMAT_TEXT;
	if (v && (cxm_names_parse(format, CXM_NAMES_FORMAT, v) < 0 || *format == CXM_FORMAT_HTML)) /* html: the survey report's only */
		return cli_usage_error("segment: --format must be table, csv or json, not '%s'", v);
	return 0;
}

static int match_option(int *match, const char *v, int table_match)
{
	*match = table_match;
	if (v && cxm_names_parse(match, CXM_NAMES_RFM_MATCH, v) < 0)
		return cli_usage_library_error("segment: --");
	return 0;
}

static int validate(const char *path, int format, const char *match_word)
{
	cxm_segment_rules *r = NULL;
	cxm_table *f = NULL;
	double ov = 0, un = 0, sh = 0, cells = 0;
	const char *q = "";
	int rc, match;
	if ((rc = load_rules(&r, path)) != 0)
		return rc;
	if ((rc = match_option(&match, match_word, cxm_segment_rules_match(r))) != 0)
		goto done;
	if ((rc = cxm_segment_rules_validate(&f, r, NULL, match)) < 0) {
		rc = cli_library_error(rc, path);
		goto done;
	}
	if (format != CXM_FORMAT_TEXT) {
		if ((rc = cxm_table_write(stdout, f, format)) < 0)
			rc = cli_library_error(rc, NULL);
		else
			rc = cli_finish_output("findings");
		goto done;
	}
	cxm_table_get_attr_number(&ov, f, "overlaps");
	cxm_table_get_attr_number(&un, f, "unreachable");
	cxm_table_get_attr_number(&sh, f, "shadowed");
	cxm_table_get_attr_number(&cells, f, "uncovered_cells");
	cxm_table_get_attr_text(&q, f, "quantile_dimensions");
	printf("%s: %zu rules over %zu dimensions, %s match\n", path, cxm_segment_rules_count(r),
	       cxm_segment_rules_dimension_count(r), cxm_names_word(CXM_NAMES_RFM_MATCH, match));
	if (q[0])
		printf("checked in quantile levels (0..1): %s\n", q);
	printf("%.0f overlapping pairs, %.0f unreachable rules, %.0f partly shadowed, %.0f uncovered cells\n\n", ov,
	       un, sh, cells);
	if (cxm_table_rows(f))
		cli_print_table(f);
	rc = cli_finish_output("findings");
done:
	cxm_table_free(f);
	cxm_segment_rules_free(r);
	return rc;
}

static int value(int argc, char **argv)
{
	cli_option opts[] = { { "--customer", 0, NULL }, { "--amount", 0, NULL }, { "--discount", 0, NULL },
			      { "--rules", 0, NULL },    { "--match", 0, NULL },  { "--format", 0, NULL },
			      { "--delimiter", 0, NULL } };
	const size_t n_opts = sizeof opts / sizeof *opts;
	cli_command cmd = { "segment value", segment_help, opts, n_opts, NULL, NULL };
	const char *file, *v, *disc;
	cxm_csv_spec *spec = NULL;
	cxm_segment_rules *r = NULL;
	cxm_table *orders = NULL, *cust = NULL, *seg = NULL, *th = NULL, *sum = NULL;
	double *zeros = NULL;
	char delimiter = ',';
	int rc, format, match;
	size_t n;

	if ((rc = cli_parse(&file, &cmd, argc, argv, 3)) >= 0)
		return rc;
	if (!file)
		return cli_usage_error("segment value: no input file given (see cxm segment --help)");
	if (!cli_opt(opts, n_opts, "--customer") || !cli_opt(opts, n_opts, "--amount"))
		return cli_usage_error("segment value: --customer COL and --amount COL are required: the columns "
				       "of customer ids and amounts paid (see cxm segment --help)");
	if ((rc = format_option(&format, cli_opt(opts, n_opts, "--format"))) != 0)
		return rc;
	if ((v = cli_opt(opts, n_opts, "--delimiter")) && !cli_set_delimiter(&delimiter, v))
		return cli_usage_error("segment value: --delimiter must be one character (or 'tab'), not a quote "
				       "or a line break; got '%s'", v);
	if ((rc = load_rules(&r, (v = cli_opt(opts, n_opts, "--rules")) ? v : CXM_SEGMENT_RULES_DEFAULT)) != 0)
		return rc;
	if ((rc = match_option(&match, cli_opt(opts, n_opts, "--match"), cxm_segment_rules_match(r))) != 0)
		goto done;
	disc = cli_opt(opts, n_opts, "--discount");
	if ((rc = cxm_csv_spec_new(&spec)) < 0 || (rc = cxm_csv_spec_set_delimiter(spec, delimiter)) < 0) {
		rc = cli_library_error(rc, NULL);
		goto done;
	}
	if (cxm_csv_spec_add_column(spec, cli_opt(opts, n_opts, "--customer"), CXM_TABLE_TEXT,
				    CXM_CSV_REQUIRED | CXM_CSV_NOT_EMPTY) < 0 ||
	    cxm_csv_spec_add_column(spec, cli_opt(opts, n_opts, "--amount"), CXM_TABLE_NUMBER, CXM_CSV_REQUIRED) < 0 ||
	    (disc && cxm_csv_spec_add_column(spec, disc, CXM_TABLE_NUMBER, CXM_CSV_REQUIRED) < 0)) {
		rc = cli_usage_library_error("segment value: ");
		goto done;
	}
	if ((rc = cxm_table_read_csv(&orders, file, spec)) < 0) {
		rc = cli_library_error(rc, NULL);
		goto done;
	}
	n = cxm_table_rows(orders);
	if (!disc && n && !(zeros = calloc(n, sizeof *zeros))) {
		rc = cli_data_error("out of memory");
		goto done;
	}
	if ((rc = cxm_segment_value_customers(&cust, cxm_table_texts(orders, 0), n, cxm_table_numbers(orders, 1), n,
					      disc ? cxm_table_numbers(orders, 2) : zeros, n)) < 0 ||
	    (rc = cxm_segment_assign(&seg, &th, cust, r, match)) < 0 || (rc = cxm_segment_summary(&sum, seg, r)) < 0) {
		rc = cli_library_error(rc, file);
		goto done;
	}
	if (format == CXM_FORMAT_CSV) {
		rc = cxm_table_write(stdout, seg, CXM_FORMAT_CSV);
	} else if (format == CXM_FORMAT_JSON) {
		fputs("{\n", stdout);
		if ((rc = put_json_member("summary", sum, 0)) == 0 && (rc = put_json_member("thresholds", th, 0)) == 0)
			rc = put_json_member("customers", seg, 1);
		fputs("}\n", stdout);
	} else {
		printf("%zu customers, %zu orders; rules %s, %s match\n\n", cxm_table_rows(seg), n,
		       (v = cli_opt(opts, n_opts, "--rules")) ? v : CXM_SEGMENT_RULES_DEFAULT,
		       cxm_names_word(CXM_NAMES_RFM_MATCH, match));
		cli_print_table(sum);
		printf("\nthresholds\n");
		cli_print_table(th);
		rc = 0;
	}
	if (rc < 0)
		rc = cli_library_error(rc, NULL);
	else if (rc == 0)
		rc = cli_finish_output("segments");
done:
	free(zeros);
	cxm_table_free(sum);
	cxm_table_free(th);
	cxm_table_free(seg);
	cxm_table_free(cust);
	cxm_table_free(orders);
	cxm_csv_spec_free(spec);
	cxm_segment_rules_free(r);
	return rc;
}

int cxm_cmd_segment(int argc, char **argv)
{
	cli_option opts[] = { { "--validate", 0, NULL }, { "--match", 0, NULL }, { "--format", 0, NULL } };
	const size_t n_opts = sizeof opts / sizeof *opts;
	cli_command cmd = { "segment", segment_help, opts, n_opts, NULL, NULL };
	const char *file;
	int rc, format;
	if (argc >= 3 && strcmp(argv[2], "value") == 0)
		return value(argc, argv);
	if ((rc = cli_parse(&file, &cmd, argc, argv, 2)) >= 0)
		return rc;
	if (file)
		return cli_usage_error("segment: unknown command '%s'; use 'cxm segment value FILE ...' or 'cxm "
				       "segment --validate RULES' (see cxm segment --help)", file);
	if (!cli_opt(opts, n_opts, "--validate"))
		return cli_usage_error("segment: a command is needed: value FILE ... or --validate RULES (see cxm "
				       "segment --help)");
	if ((rc = format_option(&format, cli_opt(opts, n_opts, "--format"))) != 0)
		return rc;
	return validate(cli_opt(opts, n_opts, "--validate"), format, cli_opt(opts, n_opts, "--match"));
}
