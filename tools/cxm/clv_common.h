/*
 * tools/cxm/clv_common.h - what the `cxm clv` commands share: their entry
 * points, option reading, growing arrays, reading a customer summary file and
 * writing numbers and CSV tables.
 *
 * The commands do argument parsing, file reading and output only; every
 * number comes from the library (clvmodel.h). Exit status and error lines:
 * cli.h.
 */
#ifndef CXM_TOOL_CLV_COMMON_H
#define CXM_TOOL_CLV_COMMON_H

#include <stddef.h>
#include <stdio.h>
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

/** The --delimiter option of `cmd`, when given, into *delimiter; 0 or the exit code of a usage error. */
int clv_delimiter_option(char *delimiter, const cli_option *opts, size_t n_opts, const char *cmd);

/**
 * The --format option of a command that writes one format only: 0 when it
 * is absent or names `format`, else the exit code of a usage error.
 */
int clv_only_format(const cli_option *opts, size_t n_opts, const char *cmd, const char *format);

/** A finite number taking the whole of s; 1 if valid. */
int clv_parse_number(double *out, const char *s);

/* ---- growing arrays ----------------------------------------------------------------------- */

/* Doubles appended one at a time. */
typedef struct dvec {
	double *v;
	size_t n, cap;
} dvec;

/** Append x; 0 when out of memory. */
int dvec_push(dvec *d, double x);

/* Strings appended one at a time, kept as offsets into one buffer (which moves as it grows). */
typedef struct svec {
	char *text;
	size_t len, cap;
	size_t *off;
	size_t n, cap_off;
} svec;

/** Append the len bytes of str as a string of its own; 0 when out of memory. */
int svec_push(svec *s, const char *str, size_t len);

void svec_free(svec *s);

/** "cxm: out of memory" on stderr; returns CLI_EXIT_DATA. */
int clv_out_of_memory(void);

/* ---- reading CSV files -------------------------------------------------------------------- */

/**
 * Open `file` and find the column of each of the n_names names (a NULL name
 * is not wanted) into idx. 0, or an exit code with nothing left open.
 */
int clv_csv_open(cxm_csv **csv, size_t *idx, const char *file, char delimiter, const char *const *names,
		 size_t n_names);

/** Step to the next record: 0 (*has_row says whether there was one) or an exit code. */
int clv_csv_next(cxm_csv *csv, int *has_row);

/** A numeric field of the current record: a number, never empty; 0 or an exit code. */
int clv_read_number(double *out, const cxm_csv *csv, size_t col);

/* ---- customer summary files (the output of cxm clv summary) --------------------------------- */

/* The columns fit and predict read from a summary file. */
enum clv_summary_column {
	COL_FREQUENCY,
	COL_RECENCY,
	COL_T,
	COL_MONETARY_VALUE,
	COL_PERIODS,
	COL_WEIGHTS,
	COL_SURVIVORS,
	N_SUMMARY_COLUMNS
};

typedef struct clv_summary_file {
	dvec col[N_SUMMARY_COLUMNS]; /* those read; the others are empty */
	svec ids;
	int has_ids;
	size_t n; /* rows */
} clv_summary_file;

/**
 * Read the columns flagged in `want` (and the id column when `ids` and it
 * exists) of a summary file; 0 or an exit code. Free f with
 * clv_summary_file_free whatever the result.
 */
int clv_read_summary_file(clv_summary_file *f, const char *file, char delimiter, const int *want, int ids);

void clv_summary_file_free(clv_summary_file *f);

/* ---- output ------------------------------------------------------------------------------- */

/** A number with 17 significant digits (exact round trip); `missing` when not finite. */
void clv_put_number(FILE *out, double x, const char *missing);

/** The header line of a CSV table: "id", then the n_cols names. */
void clv_put_csv_header(FILE *out, const char *const *names, size_t n_cols);

/**
 * Line i of a CSV table: the id, then row i of each of the n_cols columns of
 * `table` (n rows each, one column after the other); a number that is not
 * finite is an empty field.
 */
void clv_put_csv_row(FILE *out, const char *id, const double *table, size_t n, size_t i, size_t n_cols);

#endif
