/*
 * tools/cxm/txlog_cli.h - the raw-log options that `cxm txlog`, `cxm clv
 * summary` and `cxm rfm` share (spec §16): which columns, the amount as a
 * column or quantity x price, the missing-id and returns policies, the date
 * format, the delimiter; and the note that shows the rows left out.
 */
#ifndef CXM_TOOL_TXLOG_CLI_H
#define CXM_TOOL_TXLOG_CLI_H

#include <stddef.h>
#include "cxmetrics.h"
#include "cli.h"

/* Help lines of the options, for each command's help. */
#define TXLOG_CLI_HELP                                                                \
	"  --quantity COL --price COL  amount = quantity x price (not --amount)\n"    \
	"  --missing-ids WORD    rows without a customer id: error (default) or\n"    \
	"                        drop (left out, counted)\n"                          \
	"  --date-format FMT     e.g. '%m/%d/%Y %H:%M' (default: ISO dates)\n"

/**
 * The options of a raw log from the command's options (those it does not
 * have are absent): --customer, --date, --amount, --quantity, --price,
 * --status with --cancelled, --decimal-comma, --returns (default_returns when absent; keep
 * refused unless allow_keep), --missing-ids, --date-format, --delimiter.
 * 0, or the exit code of a usage error (printed, "cmd: ...").
 */
int txlog_cli_opts(cxm_txlog_opts **opts, const cli_option *o, size_t n, const char *cmd, int default_returns,
		   int allow_keep);

/** The returns policy the options chose (for the commands that apply it later). */
int txlog_cli_returns(const cli_option *o, size_t n, int default_returns);

/**
 * "cxm: note: of R rows, M without a customer id and D returns were left out"
 * on stderr, from a log's (or a table's copied) counts, when any was left out.
 */
void txlog_cli_note(const cxm_table *t);

/** The counts of a log as the members of a JSON object (`"rows": 10, ...`), for `cxm rfm`'s JSON. */
void txlog_cli_json_counts(const cxm_table *t);

#endif
