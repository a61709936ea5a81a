/*
 * tools/cxm/cohort.c - `cxm cohort`: the cohort table of an orders or event
 * file (spec §24). Argument parsing only: the log is read by the events
 * module (the shared event flags), the table made by cxm_cohort_table,
 * written by cxm_table_write / cli_print_table, or drawn by
 * cxm_journey_render_html.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "clv_common.h" /* clv_format_option, clv_write_table; cxmetrics.h, cli.h */
#include "events_args.h"

int cxm_cmd_cohort(int argc, char **argv);

static const char cohort_help[] =
	"Usage: cxm cohort FILE --customer COL --time COL [--event COL] [--amount COL]\n"
	"           [--every day|week|month|quarter|year] [--first-event E] [--active-event E]\n"
	"           [--nan-policy error|omit] [event-log options] [--format table|csv|json|html]\n"
	"\n"
	"Group customers by the calendar period of their first event (or first\n"
	"--first-event) and show, per cohort and period since entry, the active\n"
	"customers, retention %, revenue per customer and cumulative revenue per\n"
	"customer (with --amount), and the churn and retention rates (spec §5)\n"
	"between consecutive periods. Periods are calendar periods at the UTC offset\n"
	"(weeks are ISO weeks, from Monday); rows stop at the period of the file's\n"
	"last event. Without --event every row is one event (an orders file).\n"
	"\n"
	"Options of the event log (without --event, every row is one event):\n"
	CLI_EVENTS_HELP
	"\n"
	"Options of the table:\n"
	"  --amount COL          a number column summed as revenue\n"
	"  --every WORD          day, week, month (default), quarter or year\n"
	"  --first-event E       the event that enters a customer (default: any)\n"
	"  --active-event E      the event counted as activity and revenue (default: any)\n"
	"  --nan-policy WORD     a missing amount on an activity event: error (default)\n"
	"                        or omit (left out, counted)\n"
	"  --format WORD         table (default), csv, json or html\n"
	"  -h, --help            this help\n"
	"\n"
	"Example:\n"
	"  cxm cohort orders.csv --customer customer_id --time time --amount amount \\\n"
	"      --every month --format csv\n";

/*
 * The table for people: cli_print_table shows a DAY column as its day number,
 * so the cohort column is shown as the dates the library's CSV writer prints
 * (the first field of each line); the other columns as they are.
 */
static int display_table(cxm_table **out, const cxm_table *t)
{
	size_t rows = cxm_table_rows(t), r, c, nc = cxm_table_column_count(t);
	char *csv = NULL, *p, **dates = NULL;
	int rc;
	*out = NULL;
	if ((rc = cxm_table_render(&csv, t, CXM_FORMAT_CSV)) < 0)
		return rc;
	if ((dates = calloc(rows ? rows : 1, sizeof *dates)) == NULL) {
		cxm_free(csv);
		return CXM_ENOMEM;
	}
	p = strchr(csv, '\n'); /* after the header */
	for (r = 0; r < rows && p; r++) {
		dates[r] = ++p;
		p += strcspn(p, ",\n");
		if (*p == ',') {
			*p++ = '\0';
			p = strchr(p, '\n');
		}
	}
	if ((rc = cxm_table_new(out)) >= 0)
		rc = cxm_table_add_texts(*out, "cohort", (const char *const *)dates, rows);
	for (c = 1; rc >= 0 && c < nc; c++)
		rc = cxm_table_add_numbers(*out, cxm_table_column_name(t, c), cxm_table_numbers(t, c), rows);
	free(dates);
	cxm_free(csv);
	if (rc < 0) {
		cxm_table_free(*out);
		*out = NULL;
	}
	return rc;
}

/* The table, then the counts a reader needs to trust it. */
static int print_text(const cxm_table *t)
{
	double in_log = 0, not_entered = 0, omitted = 0;
	const char *every = "";
	cxm_table *shown = NULL;
	int rc;
	if ((rc = display_table(&shown, t)) < 0)
		return cli_library_error(rc, NULL);
	cli_print_table(shown);
	cxm_table_free(shown);
	cxm_table_get_attr_number(&in_log, t, "customers_in_log");
	cxm_table_get_attr_number(&not_entered, t, "customers_not_entered");
	cxm_table_get_attr_number(&omitted, t, "amounts_omitted");
	cxm_table_get_attr_text(&every, t, "every");
	printf("\n%.0f customers in the log, %.0f in no cohort; cohorts by %s", in_log, not_entered, every);
	if (omitted > 0)
		printf("; %.0f missing amounts left out", omitted);
	printf("\n");
	return cli_finish_output("output");
}

static int write_html(const cxm_table *t)
{
	char *page = NULL;
	int rc = cxm_journey_render_html(&page, &t, 1, "Cohorts");
	if (rc < 0)
		return cli_library_error(rc, NULL);
	fputs(page, stdout);
	cxm_free(page);
	return cli_finish_output("output");
}

/* cli_command.check: the event-log options go to the shared parser. */
typedef struct cohort_ctx {
	cxm_cli_events ev;
	const cli_option *first_event_opt; /* the first of its options in the array */
} cohort_ctx;

enum { OPT_AMOUNT, OPT_EVERY, OPT_FIRST, OPT_ACTIVE, OPT_NAN, OPT_FORMAT, N_MINE };

static int collect(void *ctx, const cli_option *o)
{
	cohort_ctx *c = ctx;
	return cxm_cli_events_collect(&c->ev, c->first_event_opt, o);
}

/* The cohort options through their setters; a refused word is a usage error. */
static int cohort_options(cxm_cohort_opts *co, const cli_option *o)
{
	const char *v;
	int value;
	if ((v = o[OPT_EVERY].value) &&
	    (cxm_names_parse(&value, CXM_NAMES_PERIOD, v) < 0 || cxm_cohort_opts_set_period(co, value) < 0))
		return cli_usage_library_error("cohort: --every: ");
	if ((v = o[OPT_NAN].value) &&
	    (cxm_names_parse(&value, CXM_NAMES_NAN_POLICY, v) < 0 || cxm_cohort_opts_set_nan_policy(co, value) < 0))
		return cli_usage_library_error("cohort: --nan-policy: ");
	if ((v = o[OPT_AMOUNT].value) && cxm_cohort_opts_set_amount(co, v) < 0)
		return cli_usage_library_error("cohort: --amount: ");
	if ((v = o[OPT_FIRST].value) && cxm_cohort_opts_set_first_event(co, v) < 0)
		return cli_usage_library_error("cohort: --first-event: ");
	if ((v = o[OPT_ACTIVE].value) && cxm_cohort_opts_set_active_event(co, v) < 0)
		return cli_usage_library_error("cohort: --active-event: ");
	return 0;
}

int cxm_cmd_cohort(int argc, char **argv)
{
	static const int formats[] = { CXM_FORMAT_TEXT, CXM_FORMAT_CSV, CXM_FORMAT_JSON, CXM_FORMAT_HTML };
	cli_option o[N_MINE + CLI_EVENTS_N] = { { "--amount", 0, NULL }, { "--every", 0, NULL },
						{ "--first-event", 0, NULL }, { "--active-event", 0, NULL },
						{ "--nan-policy", 0, NULL }, { "--format", 0, NULL } };
	const size_t n = N_MINE + CLI_EVENTS_N;
	cohort_ctx ctx;
	cli_command cmd = { "cohort", cohort_help, o, n, collect, &ctx };
	const char *file = NULL;
	cxm_cohort_opts *co = NULL;
	cxm_events *e = NULL;
	cxm_table *t = NULL;
	int rc, format;

	cxm_cli_events_init(&ctx.ev, "cohort");
	ctx.ev.no_event_column = 1; /* an orders file: without --event every row is one event */
	cxm_cli_events_options(&o[N_MINE]);
	ctx.first_event_opt = &o[N_MINE];
	if ((rc = cli_parse(&file, &cmd, argc, argv, 2)) >= 0)
		return rc;
	if (!file)
		return cli_usage_error("cohort: no FILE given (see cxm cohort --help)");
	if ((rc = clv_format_option(&format, o, n, "cohort", formats, 4)) != 0)
		return rc;
	if ((rc = cxm_cohort_opts_new(&co)) < 0)
		return cli_library_error(rc, NULL);
	if ((rc = cohort_options(co, o)) != 0)
		goto done;
	/* the amount is a value column of the log */
	if (o[OPT_AMOUNT].value && ctx.ev.n_values < CLI_EVENTS_LIST_MAX)
		ctx.ev.values[ctx.ev.n_values++] = o[OPT_AMOUNT].value;
	if ((rc = cxm_cli_events_read(&e, file, &ctx.ev)) != 0)
		goto done;
	if ((rc = cxm_cohort_table(&t, e, co)) < 0) {
		rc = cli_library_error(rc, file);
		goto done;
	}
	if (format == CXM_FORMAT_TEXT) {
		rc = print_text(t);
	} else if (format == CXM_FORMAT_HTML) {
		rc = write_html(t);
	} else {
		rc = clv_write_table(t, format);
	}
done:
	cxm_table_free(t);
	cxm_events_free(e);
	cxm_cohort_opts_free(co);
	return rc;
}
