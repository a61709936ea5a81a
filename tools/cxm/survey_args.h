/*
 * tools/cxm/survey_args.h - the grouped-report options of `cxm survey`
 * (--by, --time, --every, ..., -o): argument parsing only. Each value goes
 * to a setter of cxm_survey_opts (report.h), which owns every rule; the
 * words (--every, --adjust) are the library's names tables.
 */
#ifndef CXM_TOOL_SURVEY_ARGS_H
#define CXM_TOOL_SURVEY_ARGS_H

#include <stddef.h>
#include "cxmetrics.h"
#include "cli.h"

/* The grouped-report options, in the order they are applied. */
enum {
	SG_BY, SG_TIME, SG_EVERY, SG_UTC_OFFSET, SG_MIN_N, SG_ADJUST, SG_TIMES, SG_DRIVERS, SG_THEMES,
	SG_COMMENT_COLUMN, SG_CES_AGREE, SG_SKIP_BAD_ROWS, SG_THREADS, SG_OUT, SG_OUTPUT, SG_N
};

/* More --by options than this is a usage error (the library's own limit,
 * CXM_SURVEY_GROUPS_MAX, is lower and gives its own message first). */
#define SURVEY_BY_MAX 64

/* The grouped options as given: the last value of each, and every --by in order. */
typedef struct survey_grouped {
	const char *value[SG_N];
	const char *by[SURVEY_BY_MAX];
	size_t n_by;
} survey_grouped;

/* The cli_option entries of the grouped options (name, flag), SG_N of them. */
void survey_grouped_options(cli_option *opts);

/* cli_command.check for the grouped options: records each occurrence (every
 * --by, in order). `first` is the first grouped option in the command's array.
 * 0 or an exit code. */
int survey_grouped_collect(survey_grouped *g, const cli_option *first, const cli_option *o);

/* Apply the grouped options to *o (after the scales: --ces-agree must lie on
 * the CES scale); *themes gets the theme table read for --themes (the caller
 * frees it after the report). -1 to go on, else an exit code. */
int survey_grouped_apply(const survey_grouped *g, cxm_survey_opts *o, cxm_themes **themes);

/* Where the report goes: -o / --output, or NULL for standard output. */
const char *survey_grouped_output(const survey_grouped *g);

/* A progress bar on stderr while a large file is read, when stderr is a
 * terminal: installs the callback on *o. The state lives in *bar (kept
 * alive by the caller until survey_progress_end). */
typedef struct survey_progress {
	int on;          /* stderr is a terminal */
	int drawn;       /* something was drawn (cleared at the end) */
	int last_pct;
} survey_progress;
int survey_progress_install(survey_progress *bar, cxm_survey_opts *o);
void survey_progress_end(survey_progress *bar);

/* Shared with survey.c: a setter refused `value` of option `opt` (usage
 * error in the library's words; NOMEM: exit 1). */
int survey_refused(int code, const char *opt, const char *value);
/* A word of a names table; the message lists the table's words. 0 or an exit code. */
int survey_parse_word(int *out, int table, const char *opt, const char *v);
/* The next NAME of a comma-separated list at *p, read as a CSV record (see survey.c). */
int survey_next_name(char *buf, size_t cap, const char **p);
/* The library's last message without its "CODE: " prefix. */
const char *survey_library_message(int code);

#endif
