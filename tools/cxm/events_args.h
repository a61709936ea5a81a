/*
 * tools/cxm/events_args.h - the event-log options every journey command
 * (`cxm funnel`, `cxm paths`, `cxm touchpoints`, `cxm cohort`) shares:
 *
 *   --customer COL --time COL --event COL [--property COL]... [--value COL]...
 *   [--utc-offset +HH:MM] [--skip-bad-rows] [--delimiter C] [--threads N]
 *
 * Argument parsing only: each value goes to a setter of cxm_events_opts
 * (events.h), which owns every rule; a value it refuses is a usage error
 * (exit 2) in the library's words, a file it cannot read a data error (exit 1).
 *
 * Two ways in. With cli_parse (cli.h), as the other commands parse:
 *
 *   cli_option opts[MY_N + CLI_EVENTS_N];      ... my options, then:
 *   cxm_cli_events_options(&opts[MY_N]);
 *   check callback: cxm_cli_events_collect(&ev, &opts[MY_N], o);
 *   after cli_parse: cxm_cli_events_read(&log, file, &ev);
 *
 * Or over argv by hand: cxm_cli_events_flag(&ev, argc, argv, &i) at each
 * argument, before the command's own flags.
 */
#ifndef CXM_TOOL_EVENTS_ARGS_H
#define CXM_TOOL_EVENTS_ARGS_H

#include <stddef.h>
#include "cxmetrics.h"
#include "cli.h"

/* The options, in the order they are applied. */
enum {
	CLI_EVENTS_CUSTOMER, CLI_EVENTS_TIME, CLI_EVENTS_EVENT, CLI_EVENTS_PROPERTY, CLI_EVENTS_VALUE,
	CLI_EVENTS_UTC_OFFSET, CLI_EVENTS_SKIP_BAD_ROWS, CLI_EVENTS_DELIMITER, CLI_EVENTS_THREADS, CLI_EVENTS_N
};

/* More --property / --value options than this is a usage error (the
 * library's limits, 8 and 16, are lower and give their own messages first). */
#define CLI_EVENTS_LIST_MAX 32

/* The help lines of the options, for a command's --help text. */
#define CLI_EVENTS_HELP                                                                          \
	"  --customer COL     the customer (or session) id column [customer_id]\n"                 \
	"  --time COL         the time column: ISO-8601 with Z or an offset, or a date [time]\n"   \
	"  --event COL        the event (touchpoint) name column [event]\n"                        \
	"  --property COL     a text column kept with each event (channel, segment); repeatable\n" \
	"  --value COL        a number column kept with each event (a score, an amount); repeatable\n" \
	"  --utc-offset +HH:MM  the offset at which times fall in calendar days [+00:00]\n"        \
	"  --skip-bad-rows    skip and count bad rows instead of stopping at the first\n"          \
	"  --delimiter C      the field separator (one character, or 'tab') [,]\n"                \
	"  --threads N        threads to read with (0: all cores) [0]\n"

/* The event-log options as given: the last value of each, every --property
 * and --value in order. */
typedef struct cxm_cli_events {
	const char *cmd;              /* the command's name, which begins every message ("funnel") */
	int no_event_column;          /* set by the command: without --event, the file has no event
				       * column and every row is the event "event" (cxm cohort) */
	const char *value[CLI_EVENTS_N];
	const char *property[CLI_EVENTS_LIST_MAX];
	size_t n_property;
	const char *values[CLI_EVENTS_LIST_MAX];
	size_t n_values;
} cxm_cli_events;

/* An empty set of options for command `cmd` (kept, not copied). */
void cxm_cli_events_init(cxm_cli_events *a, const char *cmd);

/* The cli_option entries of the options (name, flag), CLI_EVENTS_N of them. */
void cxm_cli_events_options(cli_option *opts);

/* cli_command.check for them: records each occurrence (every --property and
 * --value, in order). `first` is the first of them in the command's array.
 * 0 or an exit code. */
int cxm_cli_events_collect(cxm_cli_events *a, const cli_option *first, const cli_option *o);

/*
 * Without cli_parse: argv[*i] when it is one of the options ("--time COL",
 * "--time=COL" or the flag --skip-bad-rows): recorded, *i moved past its
 * value, and 1 returned; 0 when argv[*i] is not one of them; -CLI_EXIT_USAGE
 * (a message printed) when its value is missing or there are too many.
 */
int cxm_cli_events_flag(cxm_cli_events *a, int argc, char **argv, int *i);

/*
 * The options as a cxm_events_opts (*out, the caller frees it), every value
 * through its setter. 0, or an exit code (the message printed).
 */
int cxm_cli_events_opts(cxm_events_opts **out, const cxm_cli_events *a);

/*
 * Read the log of `path` ("-": standard input) with the options: 0 and
 * *out (the caller frees it with cxm_events_free), or an exit code with the
 * message printed: 2 for an option the library refuses or no FILE, 1 when
 * the file cannot be read or holds bad data (the library's message: file,
 * line, column, value). With --skip-bad-rows, a line on stderr says how many
 * rows were skipped and why.
 */
int cxm_cli_events_read(cxm_events **out, const char *path, const cxm_cli_events *a);

#endif
