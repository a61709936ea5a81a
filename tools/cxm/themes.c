/*
 * tools/cxm/themes.c - `cxm themes`: which themes the comments of a CSV file
 * mention and, with a score column, how the score of those who mention each
 * theme differs from the other commenters' (spec §20). Argument parsing and
 * reading the two columns only: cxm_themes_* does the work, cxm_table_write
 * and cli_print_table the writing.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "clv_common.h" /* clv_format_option, clv_parse_number, clv_write_table; cxmetrics.h, cli.h */

static const char themes_help[] =
	"Usage: cxm themes FILE --comment-column COL [--themes THEMES.json]\n"
	"           [--score-column COL [--metric nps|csat] [--scale LO-HI] [--threshold N]]\n"
	"           [--adjust holm|bh|none] [--conf C] [--delimiter CHAR] [--format text|json|csv]\n"
	"\n"
	"Count the comments that mention each theme (a list of words and phrases)\n"
	"and, with a score column, compare the score of the customers who mention it\n"
	"with the other commenters' (NPS: adjusted-Wald test; CSAT: two-proportion z\n"
	"test), p-values adjusted across the themes.\n"
	"\n"
	"A word matches where it stands in the comment as a word of its own (not\n"
	"inside a longer word: no letter or digit right before or after it), in any\n"
	"case (Latin, Greek and Cyrillic letters are case folded; 'straße' matches\n"
	"'STRASSE'); a space in a phrase matches any run of spaces, tabs or line\n"
	"breaks. An empty comment field is an empty comment; a missing score is left\n"
	"out of the comparison.\n"
	"\n"
	"Options:\n"
	"  --comment-column COL  the column of comments (required)\n"
	"  --themes FILE.json    a table {\"theme\": [\"word\", \"a phrase\"], ...};\n"
	"                        default: the built-in English table\n"
	"  --score-column COL    a column of scores to compare\n"
	"  --metric nps|csat     what the scores are (default nps: 0-10)\n"
	"  --scale LO-HI         the scale of the scores (nps: 0-10 or 1-10; csat:\n"
	"                        default 1-5)\n"
	"  --threshold N         csat: satisfied means score >= N (default: the top\n"
	"                        two boxes of a 5-point or longer scale)\n"
	"  --adjust WORD         p-value adjustment: holm (default), bh or none\n"
	"  --conf C              confidence of the intervals (default 0.95)\n"
	"  --delimiter CHAR      field separator: ',' (default), ';', '|' or 'tab'\n"
	"  --format WORD         text (default), json or csv\n"
	"  -h, --help            this help\n"
	"\n"
	"Example:\n"
	"  cxm themes examples/data/survey_responses.csv --comment-column comment \\\n"
	"      --score-column nps\n";

typedef struct rows {
	char **comment;
	double *score;
	size_t *line;
	size_t n, cap;
} rows;

static void rows_free(rows *r)
{
	size_t i;
	for (i = 0; i < r->n; i++)
		free(r->comment[i]);
	free(r->comment);
	free(r->score);
	free(r->line);
}

static int rows_grow(rows *r)
{
	size_t cap = r->cap ? r->cap * 2 : 1024;
	char **c = realloc(r->comment, cap * sizeof *c);
	double *s;
	size_t *l;
	if (!c)
		return cli_data_error("themes: out of memory after %zu rows", r->n);
	r->comment = c;
	if (!(s = realloc(r->score, cap * sizeof *s)))
		return cli_data_error("themes: out of memory after %zu rows", r->n);
	r->score = s;
	if (!(l = realloc(r->line, cap * sizeof *l)))
		return cli_data_error("themes: out of memory after %zu rows", r->n);
	r->line = l;
	r->cap = cap;
	return 0;
}

/* The comment column (and the score column) of every record of the file. */
static int read_rows(rows *r, const char *file, char delimiter, const char *comment_col, const char *score_col)
{
	cxm_csv *csv = NULL;
	size_t ci, si = 0, len;
	int has = 0, rc;
	if ((rc = cxm_csv_open(&csv, file, delimiter)) < 0)
		return cli_library_error(rc, NULL);
	if ((rc = cxm_csv_column_index(&ci, csv, comment_col)) < 0 ||
	    (score_col && (rc = cxm_csv_column_index(&si, csv, score_col)) < 0)) {
		cxm_csv_free(csv);
		return cli_library_error(rc, NULL);
	}
	for (;;) {
		const char *f;
		if ((rc = cxm_csv_next(&has, csv)) < 0)
			break;
		if (!has)
			break;
		if (r->n == r->cap && (rc = rows_grow(r)) != 0) {
			cxm_csv_free(csv);
			return rc;
		}
		r->score[r->n] = NAN;
		if (score_col && (rc = cxm_csv_field_double(&r->score[r->n], csv, si)) < 0)
			break;
		f = cxm_csv_field(&len, csv, ci);
		if (!(r->comment[r->n] = malloc(len + 1))) {
			cxm_csv_free(csv);
			return cli_data_error("themes: out of memory after %zu rows", r->n);
		}
		memcpy(r->comment[r->n], f, len + 1);
		r->line[r->n] = cxm_csv_line(csv);
		r->n++;
	}
	cxm_csv_free(csv);
	return rc < 0 ? cli_library_error(rc, NULL) : 0;
}

/* The library names comments[i] / scores[i]: say the file line too. */
static int summary_error(int rc, const char *file, const rows *r)
{
	const char *m = cxm_error_last()->message;
	const char *at = strstr(m, "scores[");
	char context[512];
	size_t i;
	if (!at)
		at = strstr(m, "comments[");
	if (at && sscanf(strchr(at, '[') + 1, "%zu", &i) == 1 && i < r->n)
		snprintf(context, sizeof context, "%s:%zu", file, r->line[i]);
	else
		snprintf(context, sizeof context, "%s", file);
	return cli_library_error(rc, context);
}

static int parse_scale(int *lo, int *hi, const char *v)
{
	char *end;
	long a = strtol(v, &end, 10), b;
	if (end == v || *end != '-')
		return 0;
	v = end + 1;
	b = strtol(v, &end, 10);
	if (end == v || *end || a < -1000000 || b > 1000000)
		return 0;
	*lo = (int)a;
	*hi = (int)b;
	return 1;
}

static void print_text(const cxm_table *t)
{
	double rows = NAN, missing = NAN, empty = NAN, comments = NAN;
	cli_print_table(t);
	cxm_table_get_attr_number(&rows, t, "rows");
	cxm_table_get_attr_number(&missing, t, "missing");
	cxm_table_get_attr_number(&empty, t, "empty");
	cxm_table_get_attr_number(&comments, t, "comments");
	printf("\n%.0f rows, %.0f comments (%.0f empty)\n", rows, comments, empty + missing);
}

int cxm_cmd_themes(int argc, char **argv)
{
	static const int formats[] = { CXM_FORMAT_TEXT, CXM_FORMAT_JSON, CXM_FORMAT_CSV };
	cli_option o[] = { { "--comment-column", 0, NULL }, { "--themes", 0, NULL }, { "--score-column", 0, NULL },
			   { "--metric", 0, NULL }, { "--scale", 0, NULL }, { "--threshold", 0, NULL },
			   { "--adjust", 0, NULL }, { "--conf", 0, NULL }, { "--delimiter", 0, NULL },
			   { "--format", 0, NULL } };
	const size_t n = sizeof o / sizeof *o;
	cli_command cmd = { "themes", themes_help, o, n, NULL, NULL };
	const char *file = NULL, *v, *score_col;
	cxm_themes *t = NULL;
	cxm_table *out = NULL;
	rows r = { NULL, NULL, NULL, 0, 0 };
	char delimiter = ',';
	int rc, format, metric = CXM_SURVEY_NPS, adjust = CXM_P_ADJUST_HOLM, lo, hi,
	    threshold = CXM_CSAT_DEFAULT_THRESHOLD;
	double conf = 0.95;

	if ((rc = cli_parse(&file, &cmd, argc, argv, 2)) >= 0)
		return rc;
	if (!file)
		return cli_usage_error("themes: no FILE given (see cxm themes --help)");
	if (!cli_opt(o, n, "--comment-column"))
		return cli_usage_error("themes: --comment-column COL is required: the column of comments");
	if ((rc = clv_format_option(&format, o, n, "themes", formats, 3)) != 0)
		return rc;
	score_col = cli_opt(o, n, "--score-column");
	if ((v = cli_opt(o, n, "--metric")) && cxm_names_parse(&metric, CXM_NAMES_SURVEY_METRIC, v) < 0)
		return cli_usage_library_error("themes: --");
	if ((v = cli_opt(o, n, "--adjust")) && cxm_names_parse(&adjust, CXM_NAMES_P_ADJUST, v) < 0)
		return cli_usage_library_error("themes: --");
	if ((v = cli_opt(o, n, "--delimiter")) && !cli_set_delimiter(&delimiter, v))
		return cli_usage_error("themes: --delimiter must be one character or 'tab', not '%s'", v);
	if ((v = cli_opt(o, n, "--conf")) && !clv_parse_number(&conf, v))
		return cli_usage_error("themes: --conf must be a number, not '%s'", v);
	if ((v = cli_opt(o, n, "--threshold"))) {
		double x;
		if (!clv_parse_number(&x, v) || x != floor(x) || fabs(x) > 1e6)
			return cli_usage_error("themes: --threshold must be a whole number, not '%s'", v);
		threshold = (int)x;
	}
	if (metric == CXM_SURVEY_NPS) {
		lo = 0;
		hi = 10;
	} else {
		lo = CXM_CSAT_SCALE_LO_DEFAULT;
		hi = CXM_CSAT_SCALE_HI_DEFAULT;
	}
	if ((v = cli_opt(o, n, "--scale")) && !parse_scale(&lo, &hi, v))
		return cli_usage_error("themes: --scale must be LO-HI (e.g. 1-5), not '%s'", v);
	if ((v = cli_opt(o, n, "--themes")) ? (rc = cxm_themes_read_json(&t, v)) < 0 : (rc = cxm_themes_default(&t)) < 0)
		return cli_library_error(rc, NULL);
	if ((rc = read_rows(&r, file, delimiter, cli_opt(o, n, "--comment-column"), score_col)) == 0) {
		rc = cxm_themes_summary(&out, t, (const char *const *)r.comment, r.n, r.score, score_col ? r.n : 0,
					metric, lo, hi, threshold, adjust, conf);
		if (rc < 0) {
			rc = summary_error(rc, file, &r);
		} else if (format == CXM_FORMAT_TEXT) {
			print_text(out);
			rc = cli_finish_output("output");
		} else {
			rc = clv_write_table(out, format);
		}
	}
	cxm_table_free(out);
	rows_free(&r);
	cxm_themes_free(t);
	return rc;
}
