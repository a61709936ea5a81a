/*
 * tools/cxm/txlog_cli.c - the raw-log options of the commands (txlog_cli.h):
 * words through the names tables, every check the library's setters'.
 */
#include <stdio.h>
#include <string.h>
#include "txlog_cli.h"

/* The counts a note and JSON show, in the log's order. */
static const char *const counts[] = { "rows", "kept_rows", "missing_id_rows", "return_rows", "dropped_return_rows",
				      "dropped_rows" };

int txlog_cli_returns(const cli_option *o, size_t n, int default_returns)
{
	const char *v = cli_opt(o, n, "--returns");
	int returns = default_returns;
	if (v)
		cxm_names_parse(&returns, CXM_NAMES_RFM_RETURNS, v);
	return returns;
}

/* Split s in place at commas into at most cap pieces; the count, or cap + 1 when more. */
static size_t split_commas(char **w, size_t cap, char *s)
{
	size_t k = 0;
	for (;;) {
		char *comma = strchr(s, ',');
		if (k == cap)
			return cap + 1;
		w[k++] = s;
		if (!comma)
			return k;
		*comma = '\0';
		s = comma + 1;
	}
}

static int fail(cxm_txlog_opts **opts, int rc)
{
	cxm_txlog_opts_free(*opts);
	*opts = NULL;
	return rc;
}

int txlog_cli_opts(cxm_txlog_opts **opts, const cli_option *o, size_t n, const char *cmd, int default_returns,
		   int allow_keep)
{
	const char *amount = cli_opt(o, n, "--amount"), *q = cli_opt(o, n, "--quantity"), *p = cli_opt(o, n, "--price");
	const char *v, *status = cli_opt(o, n, "--status"), *cancelled = cli_opt(o, n, "--cancelled");
	char prefix[64], words[1024], *w[64], delimiter = ',';
	int value, rc;
	snprintf(prefix, sizeof prefix, "%s: --", cmd);
	*opts = NULL;
	if ((q == NULL) != (p == NULL))
		return cli_usage_error("%s: --quantity COL and --price COL go together", cmd);
	if (q && amount)
		return cli_usage_error("%s: give --amount COL or --quantity COL --price COL, not both", cmd);
	if ((status == NULL) != (cancelled == NULL))
		return cli_usage_error("%s: --status COL and --cancelled WORD,... go together", cmd);
	if ((rc = cxm_txlog_opts_new(opts)) < 0)
		return cli_library_error(rc, cmd);
	if (cxm_txlog_opts_set_columns(*opts, cli_opt(o, n, "--customer"), cli_opt(o, n, "--date"), amount) < 0 ||
	    cxm_txlog_opts_set_quantity_price(*opts, q, p) < 0)
		return fail(opts, cli_usage_library_error(prefix));
	if ((v = cli_opt(o, n, "--returns")) != NULL) {
		if (cxm_names_parse(&value, CXM_NAMES_RFM_RETURNS, v) < 0)
			return fail(opts, cli_usage_library_error(prefix));
		if (value == CXM_RFM_RETURNS_KEEP && !allow_keep)
			return fail(opts, cli_usage_error("%s: --returns must be error, drop or net, not 'keep' (a "
							  "return is no purchase)", cmd));
	} else {
		value = default_returns;
	}
	if (cxm_txlog_opts_set_returns(*opts, value) < 0)
		return fail(opts, cli_usage_library_error(prefix));
	if ((v = cli_opt(o, n, "--missing-ids")) != NULL &&
	    (cxm_names_parse(&value, CXM_NAMES_MISSING_IDS, v) < 0 || cxm_txlog_opts_set_missing_ids(*opts, value) < 0))
		return fail(opts, cli_usage_library_error(prefix));
	if ((v = cli_opt(o, n, "--date-format")) != NULL && cxm_txlog_opts_set_date_format(*opts, v) < 0) {
		snprintf(prefix, sizeof prefix, "%s: --date-format: ", cmd);
		return fail(opts, cli_usage_library_error(prefix));
	}
	if ((v = cli_opt(o, n, "--delimiter")) != NULL &&
	    (!cli_set_delimiter(&delimiter, v) || cxm_txlog_opts_set_delimiter(*opts, delimiter) < 0))
		return fail(opts, cli_usage_error("%s: --delimiter must be one character (or 'tab'), not a quote or "
						  "a line break; got '%s'", cmd, v));
	if (cli_opt(o, n, "--decimal-comma") && cxm_txlog_opts_set_decimal_comma(*opts, 1) < 0) {
		snprintf(prefix, sizeof prefix, "%s: --decimal-comma: ", cmd);
		return fail(opts, cli_usage_library_error(prefix));
	}
	if (cancelled) {
		size_t k;
		if (strlen(cancelled) >= sizeof words)
			return fail(opts, cli_usage_error("%s: --cancelled is too long", cmd));
		strcpy(words, cancelled);
		if ((k = split_commas(w, 64, words)) > 64)
			return fail(opts, cli_usage_error("%s: --cancelled takes at most 64 words", cmd));
		if (cxm_txlog_opts_set_status(*opts, status, (const char *const *)w, k) < 0)
			return fail(opts, cli_usage_library_error(prefix));
	}
	return 0;
}

/* A count of t, 0 when t does not have it. */
static double count(const cxm_table *t, const char *name)
{
	size_t i, k = cxm_table_attr_count(t);
	double x = 0.0;
	for (i = 0; i < k; i++)
		if (strcmp(cxm_table_attr_name(t, i), name) == 0)
			cxm_table_get_attr_number(&x, t, name);
	return x;
}

void txlog_cli_note(const cxm_table *t)
{
	double rows = count(t, "rows"), missing = count(t, "missing_id_rows"), dropped = count(t, "dropped_return_rows");
	if (missing + dropped == 0)
		return;
	/* only the reasons that left rows out, each in its number */
	fprintf(stderr, "cxm: note: of %.0f rows, ", rows);
	if (missing > 0)
		fprintf(stderr, "%.0f without a customer id%s", missing, dropped > 0 ? " and " : "");
	if (dropped > 0)
		fprintf(stderr, "%.0f %s", dropped, dropped == 1 ? "return" : "returns");
	fprintf(stderr, " %s left out\n", missing + dropped == 1 ? "was" : "were");
}

void txlog_cli_json_counts(const cxm_table *t)
{
	const char *missing_ids = "", *returns = "";
	size_t i;
	cxm_table_get_attr_text(&missing_ids, t, "missing_ids");
	cxm_table_get_attr_text(&returns, t, "returns");
	printf("{\"missing_ids\": \"%s\", \"returns\": \"%s\"", missing_ids, returns);
	for (i = 0; i < sizeof counts / sizeof *counts; i++)
		printf(", \"%s\": %.0f", counts[i], count(t, counts[i]));
	printf("}");
}
