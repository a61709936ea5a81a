/*
 * tools/cxm/clv_common.h - what the `cxm clv` commands share: their entry
 * points and the reading of their options. Each command parses its
 * arguments, reads its CSV file into a table (cxm_table_read_csv), calls the
 * library and writes the table it gets (cxm_table_write): every rule and
 * every number is the library's (clvmodel.h, table.h). Exit status and
 * error lines: cli.h.
 */
#ifndef CXM_TOOL_CLV_COMMON_H
#define CXM_TOOL_CLV_COMMON_H

#define CXM_EXPERIMENTAL /* cxm_table_read_csv */
#include <stddef.h>
#include "cxmetrics.h"
#include "cli.h"

/* ---- the commands, dispatched by cxm_cmd_clv (clv.c) ---------------------------------- */

/* argv is that of `cxm clv COMMAND ...`; each returns the exit code. */
int clv_cmd_summary(int argc, char **argv); /* clv_summary.c */
int clv_cmd_fit(int argc, char **argv);     /* clv_fit.c */
int clv_cmd_predict(int argc, char **argv); /* clv_predict.c */

/* ---- options ------------------------------------------------------------------------------ */

/**
 * Parse argv[3..] of `cxm <cmd>` ("clv fit") into one FILE and the values of
 * `opts`, which the command converts after parsing. Returns -1 to go on, 0
 * after printing the help, or the exit code of a usage error (no FILE is one).
 */
int clv_parse_options(const char **file, cli_option *opts, size_t n_opts, int argc, char **argv,
		      const char *cmd, const char *help);

/**
 * A new CSV spec with the --delimiter option of `cmd` when given; 0, or the
 * exit code of a usage error (a bad delimiter) or of a data error (memory).
 */
int clv_csv_spec(cxm_csv_spec **spec, const cli_option *opts, size_t n_opts, const char *cmd);

/**
 * --format of `cmd`: a word of the format table (CXM_NAMES_FORMAT) that is
 * one of the n_allowed formats (the first is the default when the option is
 * absent). 0, or the exit code of a usage error naming the allowed words.
 */
int clv_format_option(int *format, const cli_option *opts, size_t n_opts, const char *cmd, const int *allowed,
		      size_t n_allowed);

/** A finite number taking the whole of s; 1 if valid. */
int clv_parse_number(double *out, const char *s);

/** Read `file` into a table as the spec says; 0 or the exit code of a data error. */
int clv_read_table(cxm_table **t, const char *file, const cxm_csv_spec *spec);

/** A table on stdout in `format`; 0 or the exit code of a data error. */
int clv_write_table(const cxm_table *t, int format);

/**
 * A fit that did not converge (cxm_clv_fit_warning; spec §8.14): without
 * `strict`, "cxm: warning: [CONTEXT: ]SENTENCE" on stderr and 0; with it,
 * "cxm: [CONTEXT: ]SENTENCE (--strict)" and CLI_EXIT_DATA. 0 and nothing
 * printed for a converged fit or given parameters. context may be NULL.
 */
int clv_fit_status(const cxm_clv_fit_result *fit, const char *context, int strict);

#endif
