/*
 * tools/cxm/survey_args.c - the grouped-report options of `cxm survey`:
 * argument parsing only (survey_args.h). Words come from the library's names
 * tables (CXM_NAMES_PERIOD for --every, CXM_NAMES_P_ADJUST for --adjust),
 * every value goes to a setter of cxm_survey_opts, which checks it: a value
 * the library refuses is a usage error (exit 2) in the library's words.
 * What the command line itself parses is only syntax: whole numbers, the
 * "+HH:MM" of --utc-offset, and comma-separated column lists.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__unix__) || defined(__APPLE__)
#  include <unistd.h>
#  define SURVEY_HAVE_ISATTY 1
#endif
#include "survey_args.h"

static const char *const names[SG_N] = { "--by", "--time", "--every", "--utc-offset", "--min-n", "--adjust",
					  "--times", "--drivers", "--themes", "--comment-column", "--ces-agree",
					  "--skip-bad-rows", "--threads", "-o", "--output" };

/* More columns in one list than this is a usage error (the library's limits,
 * lower, give their own messages first). */
#define LIST_MAX 64

void survey_grouped_options(cli_option *opts)
{
	size_t k;
	for (k = 0; k < SG_N; k++)
		opts[k] = (cli_option){ names[k], k == SG_SKIP_BAD_ROWS, NULL };
}

int survey_grouped_collect(survey_grouped *g, const cli_option *first, const cli_option *o)
{
	ptrdiff_t k = o - first;
	if (k < 0 || k >= SG_N)
		return 0;
	g->value[k] = o->value;
	if (k == SG_BY) {
		if (g->n_by == SURVEY_BY_MAX)
			return cli_usage_error("survey: at most %d --by options", SURVEY_BY_MAX);
		g->by[g->n_by++] = o->value;
	}
	return 0;
}

const char *survey_grouped_output(const survey_grouped *g)
{
	return g->value[SG_OUT] ? g->value[SG_OUT] : g->value[SG_OUTPUT];
}

/* A whole decimal number >= 0 (no sign), or 0. */
static int parse_count(unsigned long long *out, const char *s)
{
	char *end;
	if (*s < '0' || *s > '9')
		return 0;
	errno = 0;
	*out = strtoull(s, &end, 10);
	return *end == '\0' && errno != ERANGE;
}

/* "+HH:MM", "-HH:MM", "+HHMM" or "Z" as minutes east of UTC, or 0. Which
 * offsets exist (-14:00..+14:00) is the library's rule (cxm_survey_opts_set_time). */
static int parse_offset(int *minutes, const char *s)
{
	int sign, hh, mm;
	size_t len = strlen(s);
	if (strcmp(s, "Z") == 0) {
		*minutes = 0;
		return 1;
	}
	if ((s[0] != '+' && s[0] != '-') || (len != 6 && len != 5))
		return 0;
	sign = s[0] == '-' ? -1 : 1;
	if (len == 6 && s[3] != ':')
		return 0;
	for (size_t i = 1; i < len; i++)
		if (!(len == 6 && i == 3) && (s[i] < '0' || s[i] > '9'))
			return 0;
	hh = (s[1] - '0') * 10 + (s[2] - '0');
	mm = (s[len - 2] - '0') * 10 + (s[len - 1] - '0');
	if (mm > 59)
		return 0;
	*minutes = sign * (hh * 60 + mm);
	return 1;
}

/* A comma-separated list of column names into names[] (*n of them). */
static int parse_list(const char **out, char (*buf)[256], size_t *n, const char *opt, const char *list)
{
	const char *p = list;
	*n = 0;
	while (p) {
		if (*n == LIST_MAX)
			return cli_usage_error("survey: %s '%s': more than %d columns", opt, list, LIST_MAX);
		if (!survey_next_name(buf[*n], sizeof buf[*n], &p))
			return cli_usage_error("survey: %s '%s': an empty, too long or badly quoted column name (the "
					       "list is NAME,NAME,...; quote a name that holds a comma: \"a, b\")",
					       opt, list);
		out[*n] = buf[*n];
		(*n)++;
	}
	return 0;
}

/* --time, --every, --utc-offset: one setter. */
static int apply_time(const survey_grouped *g, cxm_survey_opts *o)
{
	const char *time = g->value[SG_TIME], *every = g->value[SG_EVERY], *offset = g->value[SG_UTC_OFFSET];
	char choices[256];
	int period, minutes = 0, rc;
	if (!time) {
		if (every || offset)
			return cli_usage_error("survey: %s needs --time COL (the column of the timestamps)",
					       every ? names[SG_EVERY] : names[SG_UTC_OFFSET]);
		return 0;
	}
	if (!every) {
		cxm_names_choices(choices, sizeof choices, CXM_NAMES_PERIOD);
		return cli_usage_error("survey: --time needs --every %s (the length of a period)", choices);
	}
	if ((rc = survey_parse_word(&period, CXM_NAMES_PERIOD, names[SG_EVERY], every)) != 0)
		return rc;
	if (offset && !parse_offset(&minutes, offset))
		return cli_usage_error("survey: --utc-offset must be +HH:MM or -HH:MM (or Z), e.g. +02:00 or "
				       "-05:00; got '%s'", offset);
	if ((rc = cxm_survey_opts_set_time(o, time, period, minutes)) < 0)
		return survey_refused(rc, offset ? names[SG_UTC_OFFSET] : names[SG_TIME], offset ? offset : time);
	return 0;
}

/* --times CREATED,FIRST_REPLY[,RESOLVED]. */
static int apply_times(const char *v, cxm_survey_opts *o)
{
	const char *cols[LIST_MAX];
	char buf[LIST_MAX][256];
	size_t n;
	int rc;
	if ((rc = parse_list(cols, buf, &n, names[SG_TIMES], v)) != 0)
		return rc;
	if (n != 2 && n != 3)
		return cli_usage_error("survey: --times must name 2 or 3 columns, CREATED,FIRST_REPLY[,RESOLVED] "
				       "(the ticket's creation, first reply and resolution times); got '%s'", v);
	if ((rc = cxm_survey_opts_set_times(o, cols[0], cols[1], n == 3 ? cols[2] : NULL)) < 0)
		return survey_refused(rc, names[SG_TIMES], v);
	return 0;
}

/* --drivers COL,COL,...: the outcome is the library's choice (the first NPS
 * column, else CSAT). */
static int apply_drivers(const char *v, cxm_survey_opts *o)
{
	const char *cols[LIST_MAX];
	char buf[LIST_MAX][256];
	size_t n;
	int rc;
	if ((rc = parse_list(cols, buf, &n, names[SG_DRIVERS], v)) != 0)
		return rc;
	if ((rc = cxm_survey_opts_set_drivers(o, NULL, cols, n)) < 0)
		return survey_refused(rc, names[SG_DRIVERS], v);
	return 0;
}

/* --themes FILE.json and --comment-column COL (without --themes: the
 * library's default table). A theme file that cannot be read is the data's
 * fault (exit 1, the library's message names the file). */
static int apply_themes(const survey_grouped *g, cxm_survey_opts *o, cxm_themes **themes)
{
	const char *file = g->value[SG_THEMES], *column = g->value[SG_COMMENT_COLUMN];
	int rc;
	if (!file && !column)
		return 0;
	if (!column)
		return cli_usage_error("survey: --themes needs --comment-column COL (the column of the comments)");
	rc = file ? cxm_themes_read_json(themes, file) : cxm_themes_default(themes);
	if (rc < 0)
		return cli_library_error(rc, NULL);
	if ((rc = cxm_survey_opts_set_themes(o, *themes, column)) < 0)
		return survey_refused(rc, names[SG_COMMENT_COLUMN], column);
	return 0;
}

int survey_grouped_apply(const survey_grouped *g, cxm_survey_opts *o, cxm_themes **themes)
{
	const char *v;
	unsigned long long count;
	size_t k;
	int method, agree, rc;
	char *end;
	long l;
	for (k = 0; k < g->n_by; k++)
		if ((rc = cxm_survey_opts_add_group(o, g->by[k])) < 0)
			return survey_refused(rc, names[SG_BY], g->by[k]);
	if ((rc = apply_time(g, o)) != 0)
		return rc;
	if ((v = g->value[SG_MIN_N]) != NULL) {
		if (!parse_count(&count, v) || count > (unsigned long long)SIZE_MAX)
			return cli_usage_error("survey: --min-n must be a whole number of answers, e.g. 10 (0 shows "
					       "every cell); got '%s'", v);
		if ((rc = cxm_survey_opts_set_min_n(o, (size_t)count)) < 0)
			return survey_refused(rc, names[SG_MIN_N], v);
	}
	if ((v = g->value[SG_ADJUST]) != NULL) {
		if ((rc = survey_parse_word(&method, CXM_NAMES_P_ADJUST, names[SG_ADJUST], v)) != 0)
			return rc;
		if ((rc = cxm_survey_opts_set_adjust(o, method)) < 0)
			return survey_refused(rc, names[SG_ADJUST], v);
	}
	if ((v = g->value[SG_TIMES]) != NULL && (rc = apply_times(v, o)) != 0)
		return rc;
	if ((v = g->value[SG_DRIVERS]) != NULL && (rc = apply_drivers(v, o)) != 0)
		return rc;
	if ((rc = apply_themes(g, o, themes)) != 0)
		return rc;
	if ((v = g->value[SG_CES_AGREE]) != NULL) {
		errno = 0;
		l = strtol(v, &end, 10);
		if (end == v || *end != '\0' || errno == ERANGE || l < INT_MIN || l > INT_MAX)
			return cli_usage_error("survey: --ces-agree must be a whole number, an answer of the CES "
					       "scale (agree = that answer or more), e.g. 5; got '%s'", v);
		agree = (int)l;
		if ((rc = cxm_survey_opts_set_threshold(o, CXM_SURVEY_CES, agree)) < 0)
			return survey_refused(rc, names[SG_CES_AGREE], v);
	}
	if (g->value[SG_SKIP_BAD_ROWS] && (rc = cxm_survey_opts_set_skip_bad_rows(o, 1)) < 0)
		return survey_refused(rc, names[SG_SKIP_BAD_ROWS], "");
	if ((v = g->value[SG_THREADS]) != NULL) {
		if (!parse_count(&count, v) || count > UINT_MAX)
			return cli_usage_error("survey: --threads must be a whole number, 0 for one per core; got '%s'",
					       v);
		if ((rc = cxm_survey_opts_set_threads(o, (unsigned int)count)) < 0)
			return survey_refused(rc, names[SG_THREADS], v);
	}
	return -1;
}

/* ---- the progress bar ------------------------------------------------------------------- */

/* A file smaller than this reads in a blink: no bar. */
#define LARGE_BYTES (64.0 * 1024 * 1024)
#define BAR_WIDTH 30

/* Called by the library on the main thread: done and total in bytes (total 0
 * when unknown: standard input, a gzip file). Redrawn on each new percent
 * (or each 64 MiB when the total is unknown). */
static void draw(void *user, double done, double total)
{
	survey_progress *bar = user;
	char line[BAR_WIDTH + 1];
	int pct, k, fill;
	if (total > 0 && total < LARGE_BYTES)
		return;
	if (total <= 0 && done < LARGE_BYTES)
		return;
	if (total > 0) {
		pct = done >= total ? 100 : (int)(100.0 * done / total);
		if (pct == bar->last_pct)
			return;
		fill = pct * BAR_WIDTH / 100;
		for (k = 0; k < BAR_WIDTH; k++)
			line[k] = k < fill ? '#' : '.';
		line[BAR_WIDTH] = '\0';
		fprintf(stderr, "\rreading [%s] %3d%% %.0f/%.0f MB", line, pct, done / 1e6, total / 1e6);
	} else {
		pct = (int)(done / LARGE_BYTES);
		if (pct == bar->last_pct)
			return;
		fprintf(stderr, "\rreading %.0f MB", done / 1e6);
	}
	bar->last_pct = pct;
	bar->drawn = 1;
	fflush(stderr);
}

int survey_progress_install(survey_progress *bar, cxm_survey_opts *o)
{
	int rc;
	memset(bar, 0, sizeof *bar);
	bar->last_pct = -1;
#ifdef SURVEY_HAVE_ISATTY
	bar->on = isatty(2);
#endif
	if (!bar->on)
		return 0;
	if ((rc = cxm_survey_opts_set_progress(o, draw, bar)) < 0)
		return cli_library_error(rc, NULL);
	return 0;
}

void survey_progress_end(survey_progress *bar)
{
	if (bar->drawn)
		fputs("\r\033[K", stderr); /* the bar's line cleared: the errors and notes stand alone */
	bar->drawn = 0;
}
