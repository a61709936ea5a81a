/*
 * tools/cxm/paths.c - `cxm paths` (the transition matrix, or the top paths
 * from / to an event) and `cxm touchpoints` (per touchpoint drop-off, scores
 * and friction), spec §23. Argument parsing only: the event-log options are
 * events_args.c's, every rule is the library's (cxm_paths_*,
 * cxm_touchpoints), the writing cxm_table_write's or cli_print_table's.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "events_args.h"

static const char paths_help[] =
	"Usage: cxm paths EVENTS.csv [event options] [--from EVENT | --to EVENT]\n"
	"           [--length 3] [--top 10] [--format table|csv|json|html]\n"
	"\n"
	"Without --from / --to: the transition matrix, every pair of consecutive\n"
	"events of a customer (by time; events at the same second in file order):\n"
	"from, to, count, probability (% of the transitions out of `from`),\n"
	"median_seconds. With --from E (--to E): the most frequent paths of\n"
	"--length events starting at (ending at) each customer's first E; a\n"
	"customer with fewer events counts with a path ending in (end) (beginning\n"
	"with (start)): rank, path, customers, share (% of the customers with E).\n"
	"\n"
	"Event options:\n"
	CLI_EVENTS_HELP
	"Options:\n"
	"  --from EVENT       paths starting at each customer's first EVENT\n"
	"  --to EVENT         paths ending at each customer's first EVENT\n"
	"  --length N         events per path, 2..10 [3]\n"
	"  --top N            paths shown, 1..1000 [10]\n"
	"  --format F         table (default), csv, json or html (the journey page)\n"
	"  -h, --help         this help\n"
	"\n"
	"Example:\n"
	"  cxm paths events.csv --customer user --time ts --event page --from home --length 4\n";

static const char touchpoints_help[] =
	"Usage: cxm touchpoints EVENTS.csv [event options] [--nps COL] [--csat COL] [--ces COL]\n"
	"           [--nps-scale 0-10] [--csat-scale 1-5] [--csat-threshold T]\n"
	"           [--ces-scale 1-7] [--ces-agree A] [--goals E,...] [--conf 0.95]\n"
	"           [--format table|csv|json|html]\n"
	"\n"
	"Per touchpoint (event name): events, customers, exits (customers whose last\n"
	"event it is), drop_off (% of its customers), the NPS / CSAT / CES answers\n"
	"given there (number columns of the file, empty = no answer) with their\n"
	"intervals, and friction: the mean of drop_off, not_satisfied (100 - csat)\n"
	"and not_easy (100 - ces), where they exist; ranked by friction.\n"
	"\n"
	"Event options:\n"
	CLI_EVENTS_HELP
	"Options:\n"
	"  --nps COL          column of NPS answers (0-10)\n"
	"  --csat COL         column of CSAT answers (1-5, satisfied from 4)\n"
	"  --ces COL          column of CES answers (1-7, agreeing from 5)\n"
	"  --nps-scale S      0-10 or 1-10\n"
	"  --csat-scale LO-HI, --csat-threshold T   the CSAT scale and satisfied-from answer\n"
	"  --ces-scale LO-HI, --ces-agree A         the CES scale and agree-from answer\n"
	"  --goals E,...      goal events (a purchase): ending there is finishing, not\n"
	"                     dropping off, so they have no drop_off\n"
	"  --conf C           confidence of the intervals, in (0, 1) [0.95]\n"
	"  --format F         table (default), csv, json or html (the journey page)\n"
	"  -h, --help         this help\n"
	"\n"
	"Example:\n"
	"  cxm touchpoints events.csv --customer user --time ts --event step --csat csat --ces effort\n";

/* The command's own options come first; the event options follow them. */
typedef struct parsed {
	cxm_cli_events ev;
	cli_option *events_first;
} parsed;

static int collect(void *ctx, const cli_option *o)
{
	parsed *p = ctx;
	return cxm_cli_events_collect(&p->ev, p->events_first, o);
}

/* --format: table (the default), csv, json or html. */
static int format_option(int *format, const char *v, const char *cmd)
{
	*format = CXM_FORMAT_TEXT;
	if (v == NULL)
		return 0;
	if (cxm_names_parse(format, CXM_NAMES_FORMAT, v) == CXM_OK)
		return 0;
	return cli_usage_error("%s: --format must be table, csv, json or html, not '%s'", cmd, v);
}

/* A whole number option (--length, --top); the library checks its range. */
static int size_option(size_t *out, const char *v, size_t dflt, const char *cmd, const char *name)
{
	char *end;
	unsigned long long x;
	*out = dflt;
	if (v == NULL)
		return 0;
	errno = 0;
	x = strtoull(v, &end, 10);
	if (v[0] == '\0' || v[0] == '-' || *end != '\0' || errno != 0)
		return cli_usage_error("%s: %s must be a whole number, not '%s'", cmd, name, v);
	*out = (size_t)x;
	return 0;
}

static int write_table(const cxm_table *t, int format, const char *title)
{
	int rc;
	if (format == CXM_FORMAT_HTML) {
		/* the journey page (spec §26) draws the table by its `kind` */
		char *page = NULL;
		if ((rc = cxm_journey_render_html(&page, &t, 1, title)) < 0)
			return cli_library_error(rc, NULL);
		fputs(page, stdout);
		cxm_free(page);
		return cli_finish_output("page");
	}
	if (format == CXM_FORMAT_TEXT) {
		cli_print_table(t);
		return cli_finish_output("output");
	}
	if ((rc = cxm_table_write(stdout, t, format)) < 0)
		return cli_library_error(rc, NULL);
	return cli_finish_output("output");
}

enum { P_FROM, P_TO, P_LENGTH, P_TOP, P_FORMAT, P_N };

int cxm_cmd_paths(int argc, char **argv)
{
	cli_option o[P_N + CLI_EVENTS_N] = { { "--from", 0, NULL }, { "--to", 0, NULL }, { "--length", 0, NULL },
					     { "--top", 0, NULL }, { "--format", 0, NULL } };
	parsed p;
	cli_command cmd = { "paths", paths_help, o, P_N + CLI_EVENTS_N, collect, &p };
	const char *file = NULL, *from, *to;
	cxm_events *log = NULL;
	cxm_table *t = NULL;
	size_t length, top;
	int rc, format;

	cxm_cli_events_init(&p.ev, "paths");
	cxm_cli_events_options(&o[P_N]);
	p.events_first = &o[P_N];
	if ((rc = cli_parse(&file, &cmd, argc, argv, 2)) >= 0)
		return rc;
	if (!file)
		return cli_usage_error("paths: no EVENTS.csv given (see cxm paths --help)");
	from = o[P_FROM].value;
	to = o[P_TO].value;
	if (from && to)
		return cli_usage_error("paths: give --from EVENT or --to EVENT, not both");
	if ((rc = format_option(&format, o[P_FORMAT].value, "paths")) != 0 ||
	    (rc = size_option(&length, o[P_LENGTH].value, 3, "paths", "--length")) != 0 ||
	    (rc = size_option(&top, o[P_TOP].value, 10, "paths", "--top")) != 0)
		return rc;
	if (!from && !to && (o[P_LENGTH].value || o[P_TOP].value))
		return cli_usage_error("paths: --length and --top go with --from EVENT or --to EVENT");
	if ((rc = cxm_cli_events_read(&log, file, &p.ev)) != 0)
		return rc;
	if (from || to)
		rc = cxm_paths_top(&t, log, from ? from : to, from ? CXM_PATHS_FROM : CXM_PATHS_TO, length, top);
	else
		rc = cxm_paths_transitions(&t, log);
	/* BAD_ARG here is about --from / --to / --length / --top: a usage error */
	rc = rc == CXM_EBAD_ARG ? cli_usage_library_error("paths: ")
	     : rc < 0	    ? cli_library_error(rc, "paths")
			    : write_table(t, format, from || to ? "Top paths" : "Transitions");
	cxm_table_free(t);
	cxm_events_free(log);
	return rc;
}

enum { T_NPS, T_CSAT, T_CES, T_NPS_SCALE, T_CSAT_SCALE, T_CES_SCALE, T_CSAT_THRESHOLD, T_CES_AGREE, T_CONF, T_FORMAT,
       T_GOALS, T_N };

/* "LO-HI" into two ints. */
static int scale_option(int *lo, int *hi, const char *v, const char *name)
{
	char tail;
	if (sscanf(v, "%d-%d%c", lo, hi, &tail) != 2)
		return cli_usage_error("touchpoints: %s must be LO-HI (e.g. 1-5), not '%s'", name, v);
	return 0;
}

static int int_option(int *out, const char *v, const char *name)
{
	char *end;
	long x;
	errno = 0;
	x = strtol(v, &end, 10);
	if (v[0] == '\0' || *end != '\0' || errno != 0 || x < -1000000 || x > 1000000)
		return cli_usage_error("touchpoints: %s must be a whole number, not '%s'", name, v);
	*out = (int)x;
	return 0;
}

/* The touchpoint options from the command line, every value through its setter. */
static int touchpoint_options(cxm_touchpoint_opts **out, const cli_option *o)
{
	static const int metric[3] = { CXM_SURVEY_NPS, CXM_SURVEY_CSAT, CXM_SURVEY_CES };
	static const char *const scale_name[3] = { "--nps-scale", "--csat-scale", "--ces-scale" };
	cxm_touchpoint_opts *to = NULL;
	int k, lo = 0, hi = 0, x = 0, rc;
	char prefix[64];
	if ((rc = cxm_touchpoint_opts_new(&to)) < 0)
		return cli_library_error(rc, "touchpoints");
	for (k = 0; k < 3; k++) {
		const char *s = o[T_NPS_SCALE + k].value, *col = o[T_NPS + k].value;
		snprintf(prefix, sizeof prefix, "touchpoints: %s: ", scale_name[k]);
		if (s && ((rc = scale_option(&lo, &hi, s, scale_name[k])) != 0 ||
			  (cxm_touchpoint_opts_set_scale(to, metric[k], lo, hi) < 0 &&
			   (rc = cli_usage_library_error(prefix)) != 0)))
			goto fail;
		if (col && cxm_touchpoint_opts_set_score(to, metric[k], col) < 0) {
			rc = cli_usage_library_error("touchpoints: ");
			goto fail;
		}
	}
	if (o[T_CSAT_THRESHOLD].value &&
	    ((rc = int_option(&x, o[T_CSAT_THRESHOLD].value, "--csat-threshold")) != 0 ||
	     (cxm_touchpoint_opts_set_threshold(to, CXM_SURVEY_CSAT, x) < 0 &&
	      (rc = cli_usage_library_error("touchpoints: --csat-threshold: ")) != 0)))
		goto fail;
	if (o[T_CES_AGREE].value && ((rc = int_option(&x, o[T_CES_AGREE].value, "--ces-agree")) != 0 ||
				     (cxm_touchpoint_opts_set_threshold(to, CXM_SURVEY_CES, x) < 0 &&
				      (rc = cli_usage_library_error("touchpoints: --ces-agree: ")) != 0)))
		goto fail;
	if (o[T_CONF].value) {
		char *end;
		double c = strtod(o[T_CONF].value, &end);
		if (*end != '\0' || end == o[T_CONF].value) {
			rc = cli_usage_error("touchpoints: --conf must be a number in (0, 1), not '%s'", o[T_CONF].value);
			goto fail;
		}
		if (cxm_touchpoint_opts_set_conf(to, c) < 0) {
			rc = cli_usage_library_error("touchpoints: --conf: ");
			goto fail;
		}
	}
	if (o[T_GOALS].value) {
		/* E1,E2,...: each name through the setter (it refuses empty and repeated names) */
		const char *s = o[T_GOALS].value;
		for (;;) {
			const char *comma = strchr(s, ',');
			size_t len = comma ? (size_t)(comma - s) : strlen(s);
			char name[1024];
			if (len >= sizeof name) {
				rc = cli_usage_error("touchpoints: --goals: a name longer than %zu bytes", sizeof name - 1);
				goto fail;
			}
			memcpy(name, s, len);
			name[len] = '\0';
			if (cxm_touchpoint_opts_add_goal(to, name) < 0) {
				rc = cli_usage_library_error("touchpoints: --goals: ");
				goto fail;
			}
			if (!comma)
				break;
			s = comma + 1;
		}
	}
	*out = to;
	return 0;
fail:
	cxm_touchpoint_opts_free(to);
	return rc;
}

int cxm_cmd_touchpoints(int argc, char **argv)
{
	cli_option o[T_N + CLI_EVENTS_N] = {
		{ "--nps", 0, NULL }, { "--csat", 0, NULL }, { "--ces", 0, NULL }, { "--nps-scale", 0, NULL },
		{ "--csat-scale", 0, NULL }, { "--ces-scale", 0, NULL }, { "--csat-threshold", 0, NULL },
		{ "--ces-agree", 0, NULL }, { "--conf", 0, NULL }, { "--format", 0, NULL }, { "--goals", 0, NULL }
	};
	parsed p;
	cli_command cmd = { "touchpoints", touchpoints_help, o, T_N + CLI_EVENTS_N, collect, &p };
	const char *file = NULL;
	cxm_touchpoint_opts *to = NULL;
	cxm_events *log = NULL;
	cxm_table *t = NULL;
	int rc, format, k;

	cxm_cli_events_init(&p.ev, "touchpoints");
	cxm_cli_events_options(&o[T_N]);
	p.events_first = &o[T_N];
	if ((rc = cli_parse(&file, &cmd, argc, argv, 2)) >= 0)
		return rc;
	if (!file)
		return cli_usage_error("touchpoints: no EVENTS.csv given (see cxm touchpoints --help)");
	if ((rc = format_option(&format, o[T_FORMAT].value, "touchpoints")) != 0 ||
	    (rc = touchpoint_options(&to, o)) != 0)
		return rc;
	/* the score columns are number columns of the log (unless --value named them already) */
	for (k = 0; k < 3; k++) {
		const char *col = o[T_NPS + k].value;
		size_t j;
		if (col == NULL)
			continue;
		for (j = 0; j < p.ev.n_values && strcmp(p.ev.values[j], col) != 0; j++)
			;
		if (j == p.ev.n_values && p.ev.n_values < CLI_EVENTS_LIST_MAX)
			p.ev.values[p.ev.n_values++] = col;
	}
	if ((rc = cxm_cli_events_read(&log, file, &p.ev)) == 0) {
		rc = cxm_touchpoints(&t, log, to);
		rc = rc < 0 ? cli_library_error(rc, "touchpoints") : write_table(t, format, "Touchpoints");
	}
	cxm_table_free(t);
	cxm_events_free(log);
	cxm_touchpoint_opts_free(to);
	return rc;
}
