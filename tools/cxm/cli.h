/*
 * tools/cxm/cli.h - what the commands of `cxm` share: exit codes, the
 * one-line error messages and the walk over a command's arguments.
 *
 * Exit status: 0 success, 1 the library or the data failed (file unreadable,
 * data invalid), 2 usage error. Every error is one line on stderr: "cxm: ...".
 */
#ifndef CXM_TOOL_CLI_H
#define CXM_TOOL_CLI_H

#include <stddef.h>

#define CLI_EXIT_DATA 1
#define CLI_EXIT_USAGE 2

#if defined(__GNUC__)
#  define CLI_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#  define CLI_PRINTF(a, b)
/** `cxm cluster ...` (cluster.c). */
int cxm_cmd_cluster(int argc, char **argv);

#endif

/** "cxm: <message>" on stderr; returns CLI_EXIT_USAGE. */
int cli_usage_error(const char *fmt, ...) CLI_PRINTF(1, 2);

/** "cxm: <message>" on stderr; returns CLI_EXIT_DATA. */
int cli_data_error(const char *fmt, ...) CLI_PRINTF(1, 2);

/**
 * The library's last error without its "CODE: " prefix (the code is for
 * programs), after "context: " when context is not NULL; returns CLI_EXIT_DATA.
 */
int cli_library_error(int code, const char *context);

/**
 * The library's last error as a usage error: "cxm: <prefix><message>"
 * (without the "CODE: "), e.g. prefix "clv fit: --" before "model must be
 * bgnbd, ..., not 'foo'"; returns CLI_EXIT_USAGE.
 */
int cli_usage_library_error(const char *prefix);

/** Flush stdout; on failure say that `what` could not be written and return CLI_EXIT_DATA, else 0. */
int cli_finish_output(const char *what);

/** A --delimiter value: one character other than a quote or a line break, or "tab". 1 if valid. */
int cli_set_delimiter(char *out, const char *v);

/* An option of a command: "--name VALUE" or "--name=VALUE", or a flag "--name". */
typedef struct cli_option {
	const char *name;  /* "--period" */
	int flag;          /* 1: takes no value */
	const char *value; /* set by cli_parse: the last value given (a flag: its name); NULL when absent */
} cli_option;

/* A command as cli_parse reads its arguments. */
typedef struct cli_command {
	const char *name; /* "survey", "clv fit": begins every message */
	const char *help; /* printed for -h and --help */
	cli_option *opts;
	size_t n_opts;
	/* NULL, or called on each option as it is read, in command-line order
	 * (for commands that check every occurrence): 0 or an exit code */
	int (*check)(void *ctx, const cli_option *o);
	void *ctx;
} cli_command;

/**
 * Read argv[first..]: one FILE ("-" is a file, and so is everything after
 * "--"), -h/--help and cmd's options. Returns -1 to go on (*file is NULL when
 * no FILE was given: the command words that message itself), 0 after printing
 * the help, or the exit code of a usage error.
 */
int cli_parse(const char **file, const cli_command *cmd, int argc, char **argv, int first);

/** The value of option `name` after cli_parse (NULL when not given). */
const char *cli_opt(const cli_option *opts, size_t n_opts, const char *name);

/** A table as aligned columns on stdout: text left, numbers right (whole
 * numbers as they are, others to 4 decimals, NaN as "-"); at most 64 columns. */
struct cxm_table;
void cli_print_table(const struct cxm_table *t);

/** `cxm survey ...` (survey.c). */
int cxm_cmd_survey(int argc, char **argv);

/** `cxm clv ...` (clv.c). */
int cxm_cmd_clv(int argc, char **argv);

/** `cxm cluster ...` (cluster.c). */
int cxm_cmd_cluster(int argc, char **argv);
/** `cxm rfm ...` (rfm.c). */
int cxm_cmd_rfm(int argc, char **argv);

/** `cxm segment ...` (segment.c). */
int cxm_cmd_segment(int argc, char **argv);

/** `cxm personas ...` (personas.c). */
int cxm_cmd_personas(int argc, char **argv);

/** `cxm txlog ...` (txlog.c). */
int cxm_cmd_txlog(int argc, char **argv);

/** `cxm drivers ...` (drivers.c). */
int cxm_cmd_drivers(int argc, char **argv);
/** `cxm themes ...` (themes.c). */
int cxm_cmd_themes(int argc, char **argv);

/** `cxm pyramid ...` (pyramid.c). */
int cxm_cmd_pyramid(int argc, char **argv);

#endif
