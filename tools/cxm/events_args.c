/*
 * tools/cxm/events_args.c - the event-log options of the journey commands
 * (events_args.h): argument parsing only. Every value goes to a setter of
 * cxm_events_opts, which checks it; a value the library refuses is a usage
 * error (exit 2) in the library's words. What the command line itself
 * parses is only syntax: the "+HH:MM" of --utc-offset, whole numbers, and
 * the --delimiter character (cli_set_delimiter).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "events_args.h"

static const char *const names[CLI_EVENTS_N] = { "--customer", "--time", "--event", "--property", "--value",
						  "--utc-offset", "--skip-bad-rows", "--delimiter", "--threads" };

void cxm_cli_events_init(cxm_cli_events *a, const char *cmd)
{
	memset(a, 0, sizeof *a);
	a->cmd = cmd;
}

void cxm_cli_events_options(cli_option *opts)
{
	size_t k;
	for (k = 0; k < CLI_EVENTS_N; k++)
		opts[k] = (cli_option){ names[k], k == CLI_EVENTS_SKIP_BAD_ROWS, NULL };
}

/* Record option k's value (every --property and --value in order). */
static int record(cxm_cli_events *a, size_t k, const char *value)
{
	a->value[k] = value;
	if (k == CLI_EVENTS_PROPERTY || k == CLI_EVENTS_VALUE) {
		const char **list = k == CLI_EVENTS_PROPERTY ? a->property : a->values;
		size_t *n = k == CLI_EVENTS_PROPERTY ? &a->n_property : &a->n_values;
		if (*n == CLI_EVENTS_LIST_MAX)
			return cli_usage_error("%s: at most %d %s options", a->cmd, CLI_EVENTS_LIST_MAX, names[k]);
		list[(*n)++] = value;
	}
	return 0;
}

int cxm_cli_events_collect(cxm_cli_events *a, const cli_option *first, const cli_option *o)
{
	ptrdiff_t k = o - first;
	if (k < 0 || k >= CLI_EVENTS_N)
		return 0;
	return record(a, (size_t)k, o->value);
}

int cxm_cli_events_flag(cxm_cli_events *a, int argc, char **argv, int *i)
{
	const char *arg = argv[*i];
	size_t k;
	for (k = 0; k < CLI_EVENTS_N; k++) {
		size_t len = strlen(names[k]);
		int rc;
		if (strncmp(arg, names[k], len) != 0)
			continue;
		if (k == CLI_EVENTS_SKIP_BAD_ROWS) {
			if (arg[len] != '\0')
				continue;
			rc = record(a, k, names[k]);
		} else if (arg[len] == '=') {
			rc = record(a, k, arg + len + 1);
		} else if (arg[len] == '\0') {
			if (*i + 1 >= argc)
				return -cli_usage_error("%s: %s needs a value (see cxm %s --help)", a->cmd, names[k], a->cmd);
			rc = record(a, k, argv[++*i]);
		} else {
			continue;
		}
		return rc ? -rc : 1;
	}
	return 0;
}

/* The library's last message without its "CODE: " prefix. */
static const char *library_message(int code)
{
	const char *msg = cxm_error_last()->message, *name = cxm_error_name(code);
	size_t len = strlen(name);
	if (strncmp(msg, name, len) == 0 && msg[len] == ':' && msg[len + 1] == ' ')
		msg += len + 2;
	return msg;
}

/* A setter refused `value` of option `opt`: a usage error in the library's
 * words (running out of memory is not the user's fault: exit 1). */
static int refused(const cxm_cli_events *a, int code, const char *opt, const char *value)
{
	if (code != CXM_EBAD_ARG)
		return cli_library_error(code, NULL);
	return cli_usage_error("%s: %s '%s': %s", a->cmd, opt, value, library_message(code));
}

/* "+HH:MM", "-HH:MM", "+HHMM" or "Z" as minutes east of UTC, or 0. Which
 * offsets exist (-14:00..+14:00) is the library's rule. */
static int parse_offset(int *minutes, const char *s)
{
	int sign, hh, mm;
	size_t len = strlen(s), i;
	if (strcmp(s, "Z") == 0) {
		*minutes = 0;
		return 1;
	}
	if ((s[0] != '+' && s[0] != '-') || (len != 6 && len != 5))
		return 0;
	sign = s[0] == '-' ? -1 : 1;
	if (len == 6 && s[3] != ':')
		return 0;
	for (i = 1; i < len; i++)
		if (!(len == 6 && i == 3) && (s[i] < '0' || s[i] > '9'))
			return 0;
	hh = (s[1] - '0') * 10 + (s[2] - '0');
	mm = (s[len - 2] - '0') * 10 + (s[len - 1] - '0');
	if (mm > 59)
		return 0;
	*minutes = sign * (hh * 60 + mm);
	return 1;
}

/* A whole decimal number >= 0 (no sign), or 0. */
static int parse_count(unsigned long long *out, const char *s)
{
	char *end;
	if (*s < '0' || *s > '9')
		return 0;
	errno = 0;
	*out = strtoull(s, &end, 10);
	return *end == '\0' && errno != ERANGE;
}

static int apply(cxm_events_opts *o, const cxm_cli_events *a)
{
	const char *const *v = a->value;
	const char *customer = v[CLI_EVENTS_CUSTOMER] ? v[CLI_EVENTS_CUSTOMER] : "customer_id";
	const char *time = v[CLI_EVENTS_TIME] ? v[CLI_EVENTS_TIME] : "time";
	const char *event = v[CLI_EVENTS_EVENT] ? v[CLI_EVENTS_EVENT] : a->no_event_column ? NULL : "event";
	unsigned long long count;
	int minutes, rc;
	char d;
	size_t k;
	if ((rc = cxm_events_opts_set_columns(o, customer, time, event)) < 0)
		return refused(a, rc, v[CLI_EVENTS_EVENT] ? "--event" : v[CLI_EVENTS_TIME] ? "--time" : "--customer",
			       v[CLI_EVENTS_EVENT] ? event : v[CLI_EVENTS_TIME] ? time : customer);
	for (k = 0; k < a->n_property; k++)
		if ((rc = cxm_events_opts_add_property(o, a->property[k])) < 0)
			return refused(a, rc, "--property", a->property[k]);
	for (k = 0; k < a->n_values; k++)
		if ((rc = cxm_events_opts_add_value(o, a->values[k])) < 0)
			return refused(a, rc, "--value", a->values[k]);
	if (v[CLI_EVENTS_UTC_OFFSET]) {
		if (!parse_offset(&minutes, v[CLI_EVENTS_UTC_OFFSET]))
			return cli_usage_error("%s: --utc-offset must be +HH:MM or -HH:MM (or Z), e.g. +02:00 or -05:00; "
					       "got '%s'", a->cmd, v[CLI_EVENTS_UTC_OFFSET]);
		if ((rc = cxm_events_opts_set_utc_offset(o, minutes)) < 0)
			return refused(a, rc, "--utc-offset", v[CLI_EVENTS_UTC_OFFSET]);
	}
	if (v[CLI_EVENTS_SKIP_BAD_ROWS] && (rc = cxm_events_opts_set_skip_bad_rows(o, 1)) < 0)
		return refused(a, rc, "--skip-bad-rows", "");
	if (v[CLI_EVENTS_DELIMITER]) {
		if (!cli_set_delimiter(&d, v[CLI_EVENTS_DELIMITER]))
			return cli_usage_error("%s: --delimiter must be one character other than a quote or a line "
					       "break, or 'tab'; got '%s'", a->cmd, v[CLI_EVENTS_DELIMITER]);
		if ((rc = cxm_events_opts_set_delimiter(o, d)) < 0)
			return refused(a, rc, "--delimiter", v[CLI_EVENTS_DELIMITER]);
	}
	if (v[CLI_EVENTS_THREADS]) {
		if (!parse_count(&count, v[CLI_EVENTS_THREADS]) || count > 1024)
			return cli_usage_error("%s: --threads must be a whole number 0..1024, 0 for one per core; got "
					       "'%s'", a->cmd, v[CLI_EVENTS_THREADS]);
		if ((rc = cxm_events_opts_set_threads(o, (unsigned int)count)) < 0)
			return refused(a, rc, "--threads", v[CLI_EVENTS_THREADS]);
	}
	return 0;
}

int cxm_cli_events_opts(cxm_events_opts **out, const cxm_cli_events *a)
{
	int rc;
	*out = NULL;
	if ((rc = cxm_events_opts_new(out)) < 0)
		return cli_library_error(rc, NULL);
	if ((rc = apply(*out, a)) != 0) {
		cxm_events_opts_free(*out);
		*out = NULL;
	}
	return rc;
}

/* "3 rows skipped: 2 bad_timestamp, 1 ragged" on stderr, when any were. */
static void report_skipped(const cxm_cli_events *a, const cxm_events *e)
{
	size_t total = 0, k, n = (size_t)cxm_names_count(CXM_NAMES_EVENTS_SKIP);
	int first = 1;
	for (k = 0; k < n; k++)
		total += cxm_events_skipped(e, (int)k);
	if (total == 0)
		return;
	fprintf(stderr, "cxm: %s: %zu row%s skipped:", a->cmd, total, total == 1 ? "" : "s");
	for (k = 0; k < n; k++) {
		size_t c = cxm_events_skipped(e, (int)k);
		if (c) {
			fprintf(stderr, "%s %zu %s", first ? "" : ",", c, cxm_names_word(CXM_NAMES_EVENTS_SKIP, (int)k));
			first = 0;
		}
	}
	fputc('\n', stderr);
}

int cxm_cli_events_read(cxm_events **out, const char *path, const cxm_cli_events *a)
{
	cxm_events_opts *o = NULL;
	int rc;
	*out = NULL;
	if (path == NULL)
		return cli_usage_error("%s: no FILE given (the event log, a CSV file; '-' for standard input; see "
				       "cxm %s --help)", a->cmd, a->cmd);
	if ((rc = cxm_cli_events_opts(&o, a)) != 0)
		return rc;
	rc = cxm_events_read_csv(out, path, o);
	cxm_events_opts_free(o);
	if (rc < 0)
		return cli_library_error(rc, a->cmd);
	report_skipped(a, *out);
	return 0;
}
