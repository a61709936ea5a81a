/*
 * tools/cxm/funnel.c - `cxm funnel`: a conversion funnel over an event log
 * (spec §22). Argument parsing only: the event-log flags go to the shared
 * parser (events_args.h), the steps, window and options to cxm_funnel_*, and
 * the tables to the library's writers (cxm_table_write, cli_print_table,
 * cxm_journey_render_html).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "clv_common.h" /* clv_format_option, clv_parse_number; cxmetrics.h, cli.h */
#include "events_args.h"

static const char funnel_help[] =
	"Usage: cxm funnel EVENTS.csv --steps A,B,C [--window 7d] [--mode ordered|strict|any]\n"
	"           [--by COL] [--top-next N] [--conf C] [--adjust holm|bh|none]\n"
	"           [--format table|csv|json|html] [-o OUT] [event-log options]\n"
	"\n"
	"How many customers reach each step, in order, within the window after\n"
	"their first step; the conversion from the previous step with its Wilson\n"
	"interval, the drop-off, the time to the next step (mean, median, p90),\n"
	"where the customers who stop go next, and with --by a breakdown with\n"
	"two-proportion tests between groups (spec §22).\n"
	"\n"
	"Modes (PostHog's): ordered, each step after the previous one with other\n"
	"events allowed between; strict, each step the very next event; any, the\n"
	"steps in any order. The window includes its end.\n"
	"\n"
	"Options:\n"
	"  --steps A,B,C      2 to 32 event names in order (required; a name may repeat)\n"
	"  --window D         the conversion window: 90 (seconds), 30s, 15m, 12h, 7d, 2w [7d]\n"
	"  --mode WORD        ordered (default), strict or any\n"
	"  --by COL           break down by this text column (the value at step 1)\n"
	"  --top-next N       the next events kept per step [5]\n"
	"  --conf C           confidence of the Wilson intervals [0.95]\n"
	"  --adjust WORD      p-value adjustment of the breakdown's tests: holm (default), bh, none\n"
	"  --format WORD      table (default: the three tables), csv (the steps), json, html\n"
	"  -o, --output OUT   write to OUT instead of standard output\n"
	"  -h, --help         this help\n"
	"\n"
	"Event-log options:\n" CLI_EVENTS_HELP
	"\n"
	"Example:\n"
	"  cxm funnel events.csv --customer customer_id --time time --event event \\\n"
	"      --steps visit,view,cart,checkout,purchase --window 7d --by channel\n";

enum { O_STEPS, O_WINDOW, O_MODE, O_BY, O_TOP, O_CONF, O_ADJUST, O_FORMAT, O_O, O_OUTPUT, O_N };

typedef struct ctx {
	cxm_cli_events ev;
	cli_option *events_first;
} ctx;

static int collect(void *c, const cli_option *o)
{
	ctx *x = c;
	if (o < x->events_first)
		return 0;
	return cxm_cli_events_collect(&x->ev, x->events_first, o);
}

/* The --steps list split at commas into steps (pointers into buf). */
static int split_steps(const char **steps, size_t *n, size_t cap, char *buf)
{
	char *p = buf;
	*n = 0;
	for (;;) {
		char *comma = strchr(p, ',');
		if (*n == cap)
			return cli_usage_error("funnel: --steps has more than %zu steps", cap - 1);
		if (comma)
			*comma = '\0';
		if (*p == '\0')
			return cli_usage_error("funnel: --steps has an empty step (write A,B,C)");
		steps[(*n)++] = p;
		if (!comma)
			return 0;
		p = comma + 1;
	}
}

/* In a table's JSON (cxm_table_render: one object, its attributes, then
 * "n_<rows>" and "<rows>": [...]), where the member `key` of the outer
 * object starts (its quote) and where its value starts and ends. 1 if found. */
static int json_member(const char *s, const char *key, const char **member, const char **value, const char **end)
{
	size_t klen = strlen(key);
	int depth = 0, in_str = 0;
	const char *p;
	for (p = s; *p; p++) {
		if (in_str) {
			if (*p == '\\' && p[1])
				p++;
			else if (*p == '"')
				in_str = 0;
			continue;
		}
		if (*p == '{' || *p == '[') {
			depth++;
		} else if (*p == '}' || *p == ']') {
			depth--;
		} else if (*p == '"') {
			if (depth == 1 && strncmp(p + 1, key, klen) == 0 && p[1 + klen] == '"') {
				const char *v = p + klen + 2, *q;
				int d = 0, str = 0;
				while (*v == ' ' || *v == ':')
					v++;
				for (q = v; *q; q++) {
					if (str) {
						if (*q == '\\' && q[1])
							q++;
						else if (*q == '"')
							str = 0;
					} else if (*q == '"') {
						str = 1;
					} else if (*q == '[' || *q == '{') {
						d++;
					} else if (*q == ']' || *q == '}') {
						if (--d == 0)
							break;
					} else if (d == 0 && (*q == ',' || *q == '\n')) {
						q--;
						break;
					}
				}
				*member = p;
				*value = v;
				*end = q + 1;
				return 1;
			}
			in_str = 1;
		}
	}
	return 0;
}

/* {"steps": [...], "next_events": [...], "tests": [...], the steps' attributes, "adjust": ...} */
static int write_json(FILE *out, cxm_table *const *t)
{
	static const char *const keys[] = { "steps", "next_events", "tests" };
	char *text[3] = { NULL, NULL, NULL };
	const char *member, *value, *end, *adjust = NULL;
	int rc = 0, i;
	for (i = 0; i < 3; i++)
		if ((rc = cxm_table_render(&text[i], t[i], CXM_FORMAT_JSON)) < 0) {
			rc = cli_library_error(rc, "funnel");
			goto done;
		}
	fputs("{\n", out);
	for (i = 0; i < 3; i++) {
		if (!json_member(text[i], keys[i], &member, &value, &end)) {
			rc = cli_data_error("funnel: no '%s' in the table's JSON", keys[i]);
			goto done;
		}
		fprintf(out, "  \"%s\": %.*s,\n", keys[i], (int)(end - value), value);
	}
	/* the attributes: what the steps' JSON has before its "n_steps" */
	if (!json_member(text[0], "n_steps", &member, &value, &end)) {
		rc = cli_data_error("funnel: no 'n_steps' in the table's JSON");
		goto done;
	}
	fprintf(out, "%.*s", (int)(member - (text[0] + 2)), text[0] + 2);
	cxm_table_get_attr_text(&adjust, t[2], "adjust");
	fprintf(out, "\"adjust\": \"%s\"\n}\n", adjust ? adjust : "");
done:
	for (i = 0; i < 3; i++)
		cxm_free(text[i]);
	return rc;
}

static int write_tables(FILE *out, cxm_table *const *t, int format)
{
	int rc;
	if (format == CXM_FORMAT_CSV)
		return (rc = cxm_table_write(out, t[0], CXM_FORMAT_CSV)) < 0 ? cli_library_error(rc, "funnel") : 0;
	if (format == CXM_FORMAT_JSON)
		return write_json(out, t);
	if (format == CXM_FORMAT_HTML) {
		char *page = NULL;
		if ((rc = cxm_journey_render_html(&page, (const cxm_table *const *)t, 3, "Funnel")) < 0)
			return cli_library_error(rc, "funnel");
		fputs(page, out);
		cxm_free(page);
		return 0;
	}
	/* cli_print_table writes to stdout */
	printf("Funnel steps\n");
	cli_print_table(t[0]);
	printf("\nWhere drop-offs go\n");
	cli_print_table(t[1]);
	if (cxm_table_rows(t[2]) > 0) {
		printf("\nGroup tests\n");
		cli_print_table(t[2]);
	}
	return 0;
}

int cxm_cmd_funnel(int argc, char **argv)
{
	cli_option opts[O_N + CLI_EVENTS_N] = {
		{ "--steps", 0, NULL }, { "--window", 0, NULL }, { "--mode", 0, NULL },   { "--by", 0, NULL },
		{ "--top-next", 0, NULL }, { "--conf", 0, NULL }, { "--adjust", 0, NULL }, { "--format", 0, NULL },
		{ "-o", 0, NULL },      { "--output", 0, NULL }
	};
	static const int formats[] = { CXM_FORMAT_TEXT, CXM_FORMAT_CSV, CXM_FORMAT_JSON, CXM_FORMAT_HTML };
	const size_t n_opts = O_N + CLI_EVENTS_N;
	const char *file = NULL, *steps[33], *v, *path;
	char *steps_buf = NULL;
	size_t n_steps = 0;
	double window = 7 * 86400.0, conf = 0.95, top = 5;
	int format = CXM_FORMAT_TEXT, mode = CXM_FUNNEL_ORDERED, adjust = CXM_P_ADJUST_HOLM, rc;
	cxm_events *log = NULL;
	cxm_funnel_opts *fo = NULL;
	cxm_funnel *f = NULL;
	cxm_table *t[3] = { NULL, NULL, NULL };
	FILE *out = stdout;
	ctx x;
	cli_command cmd = { "funnel", funnel_help, opts, O_N + CLI_EVENTS_N, collect, &x };
	cxm_cli_events_init(&x.ev, "funnel");
	cxm_cli_events_options(&opts[O_N]);
	x.events_first = &opts[O_N];
	if ((rc = cli_parse(&file, &cmd, argc, argv, 2)) >= 0)
		return rc;
	if (!file)
		return cli_usage_error("funnel: give an event file (see cxm funnel --help)");
	if (!(v = cli_opt(opts, n_opts, "--steps")))
		return cli_usage_error("funnel: --steps is required (event names in order: --steps view,cart,buy)");
	if ((rc = clv_format_option(&format, opts, n_opts, "funnel", formats, 4)) != 0)
		return rc;
	if ((steps_buf = malloc(strlen(v) + 1)) == NULL)
		return cli_data_error("funnel: out of memory");
	strcpy(steps_buf, v);
	if ((rc = split_steps(steps, &n_steps, 33, steps_buf)) != 0)
		goto done;
	/* every value through the library, which names it when it refuses it */
	if ((v = cli_opt(opts, n_opts, "--window")) && (rc = cxm_duration_parse(&window, v)) < 0) {
		rc = cli_usage_library_error("funnel: --window: ");
		goto done;
	}
	if ((v = cli_opt(opts, n_opts, "--mode")) && (rc = cxm_names_parse(&mode, CXM_NAMES_FUNNEL_MODE, v)) < 0) {
		rc = cli_usage_library_error("funnel: --");
		goto done;
	}
	if ((v = cli_opt(opts, n_opts, "--adjust")) && (rc = cxm_names_parse(&adjust, CXM_NAMES_P_ADJUST, v)) < 0) {
		rc = cli_usage_library_error("funnel: --");
		goto done;
	}
	if ((rc = cxm_funnel_opts_new(&fo)) < 0) {
		rc = cli_library_error(rc, "funnel");
		goto done;
	}
	if ((v = cli_opt(opts, n_opts, "--conf")) && !clv_parse_number(&conf, v)) {
		rc = cli_usage_error("funnel: --conf '%s' is not a number", v);
		goto done;
	}
	if ((v = cli_opt(opts, n_opts, "--top-next")) && (!clv_parse_number(&top, v) || top < 0 || top > 1e6)) {
		rc = cli_usage_error("funnel: --top-next '%s' is not a count", v);
		goto done;
	}
	if ((rc = cxm_funnel_opts_set_mode(fo, mode)) < 0 || (rc = cxm_funnel_opts_set_conf(fo, conf)) < 0 ||
	    (rc = cxm_funnel_opts_set_adjust(fo, adjust)) < 0 ||
	    (rc = cxm_funnel_opts_set_top_next(fo, (size_t)top)) < 0 ||
	    ((v = cli_opt(opts, n_opts, "--by")) && (rc = cxm_funnel_opts_set_by(fo, v)) < 0)) {
		rc = cli_usage_library_error("funnel: ");
		goto done;
	}
	/* the breakdown column is read as a property of the log */
	if ((v = cli_opt(opts, n_opts, "--by"))) {
		size_t i;
		int have = 0;
		for (i = 0; i < x.ev.n_property; i++)
			have |= strcmp(x.ev.property[i], v) == 0;
		if (!have && x.ev.n_property < CLI_EVENTS_LIST_MAX)
			x.ev.property[x.ev.n_property++] = v;
	}
	if ((rc = cxm_cli_events_read(&log, file, &x.ev)) != 0)
		goto done;
	if ((rc = cxm_funnel_run(&f, log, steps, n_steps, window, fo)) < 0) {
		rc = rc == CXM_EBAD_ARG ? cli_usage_library_error("funnel: ") : cli_library_error(rc, "funnel");
		goto done;
	}
	if ((rc = cxm_funnel_steps(&t[0], f)) < 0 || (rc = cxm_funnel_next_events(&t[1], f)) < 0 ||
	    (rc = cxm_funnel_tests(&t[2], f)) < 0) {
		rc = cli_library_error(rc, "funnel");
		goto done;
	}
	path = cli_opt(opts, n_opts, "-o");
	if (!path)
		path = cli_opt(opts, n_opts, "--output");
	if (path && strcmp(path, "-") != 0) {
		if (format == CXM_FORMAT_TEXT) {
			rc = cli_usage_error("funnel: -o needs --format csv, json or html (the table format is for "
					     "the terminal)");
			goto done;
		}
		if ((out = fopen(path, "wb")) == NULL) {
			rc = cli_data_error("funnel: cannot write '%s'", path);
			goto done;
		}
	}
	rc = write_tables(out, t, format);
	if (out != stdout) {
		if (fclose(out) != 0 && rc == 0)
			rc = cli_data_error("funnel: cannot write '%s'", path);
	} else if (rc == 0) {
		rc = cli_finish_output("the funnel");
	}
done:
	cxm_table_free(t[0]);
	cxm_table_free(t[1]);
	cxm_table_free(t[2]);
	cxm_funnel_free(f);
	cxm_funnel_opts_free(fo);
	cxm_events_free(log);
	free(steps_buf);
	return rc;
}
