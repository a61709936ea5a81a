/* tools/cxm/cli.c - errors, output and argument walking shared by the cxm commands (cli.h). */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "cxmetrics.h"
#include "cli.h"

static int verror(int status, const char *fmt, va_list ap)
{
	fprintf(stderr, "cxm: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	return status;
}

int cli_usage_error(const char *fmt, ...)
{
	va_list ap;
	int status;
	va_start(ap, fmt);
	status = verror(CLI_EXIT_USAGE, fmt, ap);
	va_end(ap);
	return status;
}

int cli_data_error(const char *fmt, ...)
{
	va_list ap;
	int status;
	va_start(ap, fmt);
	status = verror(CLI_EXIT_DATA, fmt, ap);
	va_end(ap);
	return status;
}

/* The last error's message without its "CODE: " prefix (the code is for programs). */
static const char *last_message(int code)
{
	const char *msg = cxm_error_last()->message;
	const char *name = cxm_error_name(code);
	size_t len = strlen(name);
	if (strncmp(msg, name, len) == 0 && msg[len] == ':' && msg[len + 1] == ' ')
		msg += len + 2;
	return msg[0] ? msg : cxm_error_describe(code);
}

int cli_library_error(int code, const char *context)
{
	fprintf(stderr, "cxm: %s%s%s\n", context ? context : "", context ? ": " : "", last_message(code));
	return CLI_EXIT_DATA;
}

int cli_usage_library_error(const char *prefix)
{
	fprintf(stderr, "cxm: %s%s\n", prefix, last_message(cxm_error_last()->code));
	return CLI_EXIT_USAGE;
}

int cli_finish_output(const char *what)
{
	/* ferror: a failed write may have happened before this flush */
	if (fflush(stdout) == EOF || ferror(stdout)) {
		fprintf(stderr, "cxm: cannot write the %s: %s\n", what, strerror(errno));
		return CLI_EXIT_DATA;
	}
	return 0;
}

int cli_set_delimiter(char *out, const char *v)
{
	if (strcmp(v, "tab") == 0 || strcmp(v, "\\t") == 0 || strcmp(v, "\t") == 0) {
		*out = '\t';
		return 1;
	}
	if (strlen(v) != 1 || v[0] == '"' || v[0] == '\n' || v[0] == '\r')
		return 0;
	*out = v[0];
	return 1;
}

/* The option that `arg` names ("--name", or "--name=VALUE" for one with a value), or NULL. */
static cli_option *find_option(const cli_command *cmd, const char *arg)
{
	size_t k;
	for (k = 0; k < cmd->n_opts; k++) {
		cli_option *o = &cmd->opts[k];
		size_t len = strlen(o->name);
		if (strncmp(arg, o->name, len) == 0 && (arg[len] == '\0' || (!o->flag && arg[len] == '=')))
			return o;
	}
	return NULL;
}

int cli_parse(const char **file, const cli_command *cmd, int argc, char **argv, int first)
{
	int i, rc, only_files = 0;
	*file = NULL;
	for (i = first; i < argc; i++) {
		const char *arg = argv[i];
		cli_option *o;
		if (only_files || arg[0] != '-' || strcmp(arg, "-") == 0) {
			if (*file)
				return cli_usage_error("%s: one FILE only, but got '%s' and '%s'", cmd->name,
						       *file, arg);
			*file = arg;
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			only_files = 1;
			continue;
		}
		if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
			fputs(cmd->help, stdout);
			return 0;
		}
		if ((o = find_option(cmd, arg)) == NULL)
			return cli_usage_error("%s: unknown option '%s' (see cxm %s --help)", cmd->name, arg,
					       cmd->name);
		if (o->flag) {
			o->value = o->name;
		} else if (arg[strlen(o->name)] == '=') {
			o->value = arg + strlen(o->name) + 1;
		} else {
			if (i + 1 >= argc)
				return cli_usage_error("%s: %s needs a value (see cxm %s --help)", cmd->name,
						       o->name, cmd->name);
			o->value = argv[++i];
		}
		if (cmd->check && (rc = cmd->check(cmd->ctx, o)) != 0)
			return rc;
	}
	return -1;
}

const char *cli_opt(const cli_option *opts, size_t n_opts, const char *name)
{
	size_t k;
	for (k = 0; k < n_opts; k++)
		if (strcmp(opts[k].name, name) == 0)
			return opts[k].value;
	return NULL;
}

/* A number as the text table shows it: whole numbers as they are, others to 4 decimals. */
static void cell_text(char *buf, size_t cap, const cxm_table *t, size_t c, size_t row)
{
	int type = CXM_TABLE_NUMBER;
	double x;
	cxm_table_column_type(&type, t, c);
	if (type == CXM_TABLE_TEXT) {
		snprintf(buf, cap, "%s", cxm_table_texts(t, c)[row]);
		return;
	}
	x = cxm_table_numbers(t, c)[row];
	if (isnan(x))
		snprintf(buf, cap, "-");
	else if (x == floor(x) && fabs(x) < 1e15)
		snprintf(buf, cap, "%.0f", x);
	else
		snprintf(buf, cap, "%.4f", x);
}

/* A table as aligned columns: text left, numbers right. */
void cli_print_table(const cxm_table *t)
{
	size_t nc = cxm_table_column_count(t), nr = cxm_table_rows(t), c, r, width[64];
	char buf[256];
	if (nc > 64)
		nc = 64;
	for (c = 0; c < nc; c++) {
		width[c] = strlen(cxm_table_column_name(t, c));
		for (r = 0; r < nr; r++) {
			cell_text(buf, sizeof buf, t, c, r);
			if (strlen(buf) > width[c])
				width[c] = strlen(buf);
		}
	}
	for (c = 0; c < nc; c++) {
		int type = CXM_TABLE_NUMBER;
		cxm_table_column_type(&type, t, c);
		printf(type == CXM_TABLE_TEXT ? "%s%-*s" : "%s%*s", c ? "  " : "", (int)width[c], cxm_table_column_name(t, c));
	}
	putchar('\n');
	for (r = 0; r < nr; r++) {
		for (c = 0; c < nc; c++) {
			int type = CXM_TABLE_NUMBER;
			cxm_table_column_type(&type, t, c);
			cell_text(buf, sizeof buf, t, c, r);
			printf(type == CXM_TABLE_TEXT ? "%s%-*s" : "%s%*s", c ? "  " : "", (int)width[c], buf);
		}
		putchar('\n');
	}
}
