/* tools/cxm/clv_common.c - what the `cxm clv` commands share (clv_common.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "clv_common.h"

int clv_parse_options(const char **file, cli_option *opts, size_t n_opts, int argc, char **argv,
		      const char *cmd, const char *help)
{
	cli_command c = { cmd, help, opts, n_opts, NULL, NULL };
	int rc = cli_parse(file, &c, argc, argv, 3);
	if (rc < 0 && *file == NULL)
		return cli_usage_error("%s: no input file given (see cxm %s --help)", cmd, cmd);
	return rc;
}

int clv_csv_spec(cxm_csv_spec **spec, const cli_option *opts, size_t n_opts, const char *cmd)
{
	const char *v = cli_opt(opts, n_opts, "--delimiter");
	char delimiter = ',';
	int rc;
	*spec = NULL;
	if (v && !cli_set_delimiter(&delimiter, v))
		return cli_usage_error("%s: --delimiter must be one character (or 'tab'), not a quote or a "
				       "line break; got '%s'", cmd, v);
	if ((rc = cxm_csv_spec_new(spec)) < 0)
		return cli_library_error(rc, NULL);
	if (cxm_csv_spec_set_delimiter(*spec, delimiter) < 0) {
		char prefix[64];
		snprintf(prefix, sizeof prefix, "%s: --delimiter: ", cmd);
		cxm_csv_spec_free(*spec);
		*spec = NULL;
		return cli_usage_library_error(prefix);
	}
	return 0;
}

int clv_format_option(int *format, const cli_option *opts, size_t n_opts, const char *cmd, const int *allowed,
		      size_t n_allowed)
{
	const char *v = cli_opt(opts, n_opts, "--format");
	char words[128];
	size_t k, used = 0;
	int value;
	*format = allowed[0];
	if (v == NULL)
		return 0;
	if (cxm_names_parse(&value, CXM_NAMES_FORMAT, v) == CXM_OK) {
		for (k = 0; k < n_allowed; k++) {
			if (allowed[k] == value) {
				*format = value;
				return 0;
			}
		}
	}
	/* the words this command writes: "csv or json", "json" */
	words[0] = '\0';
	for (k = 0; k < n_allowed; k++)
		used += (size_t)snprintf(words + used, sizeof words - used, "%s%s",
					 k == 0 ? "" : k + 1 == n_allowed ? " or " : ", ",
					 cxm_names_word(CXM_NAMES_FORMAT, allowed[k]));
	return cli_usage_error("%s: --format must be %s, not '%s'", cmd, words, v);
}

int clv_parse_number(double *out, const char *s)
{
	double v;
	if (cxm_parse_number(&v, s) < 0) /* the library's decimal grammar (spec §0.10) */
		return 0;
	*out = v;
	return 1;
}

int clv_read_table(cxm_table **t, const char *file, const cxm_csv_spec *spec)
{
	int rc = cxm_table_read_csv(t, file, spec);
	/* the library's messages name the file, line, column and value */
	return rc < 0 ? cli_library_error(rc, NULL) : 0;
}

int clv_write_table(const cxm_table *t, int format)
{
	int rc = cxm_table_write(stdout, t, format);
	if (rc < 0)
		return cli_library_error(rc, NULL);
	return cli_finish_output("output");
}

int clv_fit_status(const cxm_clv_fit_result *fit, const char *context, int strict)
{
	char sentence[512];
	int rc = cxm_clv_fit_warning(sentence, sizeof sentence, fit);
	if (rc < 0)
		return cli_library_error(rc, context);
	if (sentence[0] == '\0')
		return 0;
	if (strict)
		return cli_data_error("%s%s%s (--strict)", context ? context : "", context ? ": " : "", sentence);
	fprintf(stderr, "cxm: warning: %s%s%s\n", context ? context : "", context ? ": " : "", sentence);
	return 0;
}
