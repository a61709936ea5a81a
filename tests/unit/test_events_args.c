/*
 * tests/unit/test_events_args.c - check suite for the event-log options of
 * the journey commands (tools/cxm/events_args.c, spec §21.5): both ways in
 * (cli_parse with the collect callback, and cxm_cli_events_flag over argv),
 * every value through its setter, the exit codes (2: usage, 1: data).
 *
 * Expected values are the arguments themselves; the messages go to stderr
 * (not checked here: the library's messages are tested in test_events.c).
 */
#define _POSIX_C_SOURCE 200809L
#include <string.h>
#include "harness.h"
#define TMP_PREFIX "cxm_test_events_args_"
#include "tmpfile.h"
#include "events/events_internal.h"
#include "events_args.h"

/* cxm_cli_events_flag over argv, as a command without cli_parse would call it:
 * its own arguments (here none) are an error. */
static int parse_flags(cxm_cli_events *a, int argc, char **argv)
{
	int i, rc;
	for (i = 1; i < argc; i++) {
		rc = cxm_cli_events_flag(a, argc, argv, &i);
		if (rc < 0)
			return -rc;
		if (rc == 0)
			return 99; /* not an event-log option */
	}
	return 0;
}

START_TEST(test_flags_to_opts)
{
	char *argv[] = { "funnel", "--customer", "user", "--time=ts", "--event", "page", "--property", "channel",
			 "--property=segment", "--value", "csat", "--utc-offset", "-05:30", "--skip-bad-rows",
			 "--delimiter", "tab", "--threads", "3" };
	int argc = (int)(sizeof argv / sizeof *argv);
	cxm_cli_events a;
	cxm_events_opts *o = NULL;
	cxm_cli_events_init(&a, "funnel");
	ck_assert_int_eq(parse_flags(&a, argc, argv), 0);
	ck_assert_uint_eq(a.n_property, 2);
	ck_assert_int_eq(cxm_cli_events_opts(&o, &a), 0);
	ck_assert_str_eq(o->customer, "user");
	ck_assert_str_eq(o->time, "ts");
	ck_assert_str_eq(o->event, "page");
	ck_assert_uint_eq(o->n_props, 2);
	ck_assert_str_eq(o->prop[0], "channel");
	ck_assert_str_eq(o->prop[1], "segment");
	ck_assert_uint_eq(o->n_values, 1);
	ck_assert_str_eq(o->value[0], "csat");
	ck_assert_int_eq(o->utc_offset, -330); /* -(5 h 30 min) */
	ck_assert_uint_eq(o->skip_bad_rows, 1);
	ck_assert_int_eq(o->delimiter, '\t');
	ck_assert_uint_eq(o->threads, 3);
	cxm_events_opts_free(o);
}
END_TEST

START_TEST(test_defaults_and_no_event_column)
{
	char *argv[] = { "cohort", "--customer", "id" };
	cxm_cli_events a;
	cxm_events_opts *o = NULL;
	cxm_cli_events_init(&a, "cohort");
	ck_assert_int_eq(parse_flags(&a, 3, argv), 0);
	ck_assert_int_eq(cxm_cli_events_opts(&o, &a), 0);
	ck_assert_str_eq(o->time, "time");
	ck_assert_str_eq(o->event, "event");
	cxm_events_opts_free(o);
	a.no_event_column = 1; /* an orders file: no --event, no event column */
	ck_assert_int_eq(cxm_cli_events_opts(&o, &a), 0);
	ck_assert_ptr_null(o->event);
	cxm_events_opts_free(o);
}
END_TEST

START_TEST(test_usage_errors)
{
	char *missing[] = { "paths", "--time" };
	char *other[] = { "paths", "--steps", "a,b" };
	char *bad_offset[] = { "paths", "--utc-offset", "5" };
	char *far_offset[] = { "paths", "--utc-offset", "+15:00" };
	char *bad_threads[] = { "paths", "--threads", "-1" };
	char *bad_delim[] = { "paths", "--delimiter", "ab" };
	char *same[] = { "paths", "--customer", "x", "--time", "x" };
	char *nine[] = { "paths", "--property", "a", "--property", "b", "--property", "c", "--property", "d",
			 "--property", "e", "--property", "f", "--property", "g", "--property", "h", "--property", "i" };
	cxm_cli_events a;
	cxm_events_opts *o = NULL;
	cxm_cli_events_init(&a, "paths");
	ck_assert_int_eq(parse_flags(&a, 2, missing), CLI_EXIT_USAGE);
	cxm_cli_events_init(&a, "paths");
	ck_assert_int_eq(parse_flags(&a, 3, other), 99); /* not ours: the command's own */
	cxm_cli_events_init(&a, "paths");
	ck_assert_int_eq(parse_flags(&a, 3, bad_offset), 0);
	ck_assert_int_eq(cxm_cli_events_opts(&o, &a), CLI_EXIT_USAGE);
	ck_assert_ptr_null(o);
	cxm_cli_events_init(&a, "paths");
	ck_assert_int_eq(parse_flags(&a, 3, far_offset), 0);
	ck_assert_int_eq(cxm_cli_events_opts(&o, &a), CLI_EXIT_USAGE); /* the library's -840..840 */
	cxm_cli_events_init(&a, "paths");
	ck_assert_int_eq(parse_flags(&a, 3, bad_threads), 0);
	ck_assert_int_eq(cxm_cli_events_opts(&o, &a), CLI_EXIT_USAGE);
	cxm_cli_events_init(&a, "paths");
	ck_assert_int_eq(parse_flags(&a, 3, bad_delim), 0);
	ck_assert_int_eq(cxm_cli_events_opts(&o, &a), CLI_EXIT_USAGE);
	cxm_cli_events_init(&a, "paths");
	ck_assert_int_eq(parse_flags(&a, 5, same), 0);
	ck_assert_int_eq(cxm_cli_events_opts(&o, &a), CLI_EXIT_USAGE);
	cxm_cli_events_init(&a, "paths");
	ck_assert_int_eq(parse_flags(&a, 19, nine), 0);
	ck_assert_int_eq(cxm_cli_events_opts(&o, &a), CLI_EXIT_USAGE); /* the library's at most 8 */
	ck_assert_ptr_null(o);
}
END_TEST

/* The cli_parse route: a command's own options, then the shared ones. */
START_TEST(test_cli_parse_and_read)
{
	static const char text[] = "user,ts,page\nb,2024-01-01T00:00:02Z,x\na,2024-01-01,y\nb,2024-01-01,z\n";
	char path[TMP_PATH_SIZE];
	cli_option opts[1 + CLI_EVENTS_N];
	cxm_cli_events a;
	cxm_events *e = NULL;
	const char *file = NULL;
	char *argv[] = { "cxm", "funnel", "--steps", "x,y", NULL, "--customer", "user", "--time", "ts", "--event",
			 "page" };
	cli_command cmd;
	write_tmp(path, text, sizeof text - 1);
	argv[4] = path;
	opts[0] = (cli_option){ "--steps", 0, NULL };
	cxm_cli_events_options(&opts[1]);
	cxm_cli_events_init(&a, "funnel");
	cmd = (cli_command){ "funnel", "help\n", opts, 1 + CLI_EVENTS_N, NULL, NULL };
	ck_assert_int_eq(cli_parse(&file, &cmd, 11, argv, 2), -1);
	ck_assert_str_eq(file, path);
	ck_assert_str_eq(cli_opt(opts, 1 + CLI_EVENTS_N, "--steps"), "x,y");
	/* without the callback, the last value of each option is in opts: collect each */
	{
		size_t k;
		for (k = 0; k < CLI_EVENTS_N; k++)
			if (opts[1 + k].value)
				ck_assert_int_eq(cxm_cli_events_collect(&a, &opts[1], &opts[1 + k]), 0);
	}
	ck_assert_int_eq(cxm_cli_events_collect(&a, &opts[1], &opts[0]), 0); /* not ours: ignored */
	ck_assert_int_eq(cxm_cli_events_read(&e, file, &a), 0);
	ck_assert_uint_eq(cxm_events_count(e), 3);
	ck_assert_str_eq(e->customers.str[0], "b");
	ck_assert_uint_eq(e->row[0], 2); /* b's 2024-01-01 (midnight) before its 00:00:02 */
	cxm_events_free(e);
	ck_assert_int_eq(cxm_cli_events_read(&e, NULL, &a), CLI_EXIT_USAGE);
	remove(path);
	ck_assert_int_eq(cxm_cli_events_read(&e, path, &a), CLI_EXIT_DATA); /* gone: IO */
	ck_assert_ptr_null(e);
}
END_TEST

static Suite *events_args_suite(void)
{
	Suite *s = suite_create("events_args");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_flags_to_opts);
	tcase_add_test(tc, test_defaults_and_no_event_column);
	tcase_add_test(tc, test_usage_errors);
	tcase_add_test(tc, test_cli_parse_and_read);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(events_args_suite)
