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
	"           [--nan-policy error|omit] [--utc-offset +HH:MM] [--skip-bad-rows]\n"
	"           [--delimiter CHAR] [--format table|csv|json|html]\n"
	"\n"
	"Group customers by the calendar period of their first event (or first\n"
	"--first-event) and show, per cohort and period since entry, the active\n"
	"customers, retention %, revenue per customer and cumulative revenue per\n"
	"customer (with --amount), and the churn and retention rates (spec §5)\n"
	"between consecutive periods. Periods are calendar periods at the UTC offset\n"
	"(weeks are ISO weeks, from Monday); rows stop at the period of the file's\n"
	"last event. Without --event every row is one event (an orders file).\n"
	"\n"
	"Options:\n"
	"  --customer COL        the customer id column (default customer_id)\n"
	"  --time COL            the time column: ISO-8601 with Z or an offset, or a\n"
	"                        date (default time)\n"
	"  --event COL           the event name column (default: none, every row an event)\n"
	"  --amount COL          a number column summed as revenue (empty = no amount)\n"
	"  --every WORD          day, week, month (default), quarter or year\n"
	"  --first-event E       the event that enters a customer (default: any)\n"
	"  --active-event E      the event counted as activity and revenue (default: any)\n"
	"  --nan-policy WORD     a missing amount on an activity event: error (default)\n"
	"                        or omit (left out, counted)\n"
	"  --utc-offset +HH:MM   the time zone days are cut in (default +00:00)\n"
	"  --skip-bad-rows       leave out bad rows, counted by reason, instead of failing\n"
	"  --delimiter CHAR      field separator: ',' (default), ';', '|' or 'tab'\n"
	"  --format WORD         table (default), csv, json or html\n"
	"  -h, --help            this help\n"
	"\n"
	"Example:\n"
	"  cxm cohort orders.csv --customer customer_id --time time --amount amount \\\n"
	"      --every month --format csv\n";

/* After the table: the counts a reader needs to trust it. */
static void print_text(const cxm_table *t)
{
	double in_log = 0, not_entered = 0, omitted = 0;
	const char *every = "";
	cli_print_table(t);
	cxm_table_get_attr_number(&in_log, t, "customers_in_log");
	cxm_table_get_attr_number(&not_entered, t, "customers_not_entered");
	cxm_table_get_attr_number(&omitted, t, "amounts_omitted");
	cxm_table_get_attr_text(&every, t, "every");
	printf("\n%.0f customers in the log, %.0f in no cohort; cohorts by %s", in_log, not_entered, every);
	if (omitted > 0)
		printf("; %.0f missing amounts left out", omitted);
	printf("\n");
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

int cxm_cmd_cohort(int argc, char **argv)
{
	static const int formats[] = { CXM_FORMAT_TEXT, CXM_FORMAT_CSV, CXM_FORMAT_JSON, CXM_FORMAT_HTML };
	cli_option mine[] = { { "--amount", 0, NULL }, { "--every", 0, NULL }, { "--first-event", 0, NULL },
			      { "--active-event", 0, NULL }, { "--nan-policy", 0, NULL }, { "--format", 0, NULL } };
	const size_t n_mine = sizeof mine / sizeof *mine;
	cli_option o[EVENTS_ARGS_MAX_OPTIONS + sizeof mine / sizeof *mine];
	size_t n;
	cli_command cmd = { "cohort", cohort_help, o, 0, NULL, NULL };
	const char *file = NULL, *v;
	cxm_events_opts *eo = NULL;
	cxm_cohort_opts *co = NULL;
	cxm_events *e = NULL;
	cxm_table *t = NULL;
	int rc, format, value;

	n = events_args_options(o, EVENTS_ARGS_MAX_OPTIONS, EVENTS_ARGS_EVENT_OPTIONAL);
	memcpy(o + n, mine, sizeof mine);
	n += n_mine;
	cmd.n_opts = n;
	if ((rc = cli_parse(&file, &cmd, argc, argv, 2)) >= 0)
		return rc;
	if (!file)
		return cli_usage_error("cohort: no FILE given (see cxm cohort --help)");
	if ((rc = clv_format_option(&format, o, n, "cohort", formats, 4)) != 0)
		return rc;
	if ((rc = cxm_cohort_opts_new(&co)) < 0)
		return cli_library_error(rc, NULL);
	if ((v = cli_opt(o, n, "--every")) &&
	    ((rc = cxm_names_parse(&value, CXM_NAMES_PERIOD, v)) < 0 || (rc = cxm_cohort_opts_set_period(co, value)) < 0)) {
		rc = cli_usage_library_error("cohort: --");
		goto done;
	}
	if ((v = cli_opt(o, n, "--nan-policy")) &&
	    ((rc = cxm_names_parse(&value, CXM_NAMES_NAN_POLICY, v)) < 0 ||
	     (rc = cxm_cohort_opts_set_nan_policy(co, value)) < 0)) {
		rc = cli_usage_library_error("cohort: --");
		goto done;
	}
	if (((v = cli_opt(o, n, "--amount")) && (rc = cxm_cohort_opts_set_amount(co, v)) < 0) ||
	    ((v = cli_opt(o, n, "--first-event")) && (rc = cxm_cohort_opts_set_first_event(co, v)) < 0) ||
	    ((v = cli_opt(o, n, "--active-event")) && (rc = cxm_cohort_opts_set_active_event(co, v)) < 0)) {
		rc = cli_usage_library_error("cohort: --");
		goto done;
	}
	/* the amount is a value column of the log */
	if ((rc = events_args_opts(&eo, o, n, "cohort", EVENTS_ARGS_EVENT_OPTIONAL)) != 0)
		goto done;
	if ((v = cli_opt(o, n, "--amount")) && (rc = cxm_events_opts_add_value(eo, v)) < 0) {
		rc = cli_usage_library_error("cohort: --amount: ");
		goto done;
	}
	if ((rc = events_args_read(&e, file, eo)) != 0)
		goto done;
	if ((rc = cxm_cohort_table(&t, e, co)) < 0) {
		rc = cli_library_error(rc, file);
		goto done;
	}
	if (format == CXM_FORMAT_TEXT) {
		print_text(t);
		rc = cli_finish_output("output");
	} else if (format == CXM_FORMAT_HTML) {
		rc = write_html(t);
	} else {
		rc = clv_write_table(t, format);
	}
done:
	cxm_table_free(t);
	cxm_events_free(e);
	cxm_events_opts_free(eo);
	cxm_cohort_opts_free(co);
	return rc;
}
