/* tools/cxm/clv_common.c - what the `cxm clv` commands share (clv_common.h). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cxmetrics.h"
#include "cli.h"
#include "clv_common.h"

/* ---- options ------------------------------------------------------------------------------ */

int clv_parse_options(const char **file, cli_option *opts, size_t n_opts, int argc, char **argv,
		      const char *cmd, const char *help)
{
	cli_command c = { cmd, help, opts, n_opts, NULL, NULL };
	int rc = cli_parse(file, &c, argc, argv, 3);
	if (rc < 0 && *file == NULL)
		return cli_usage_error("%s: no input file given (see cxm %s --help)", cmd, cmd);
	return rc;
}

int clv_delimiter_option(char *delimiter, const cli_option *opts, size_t n_opts, const char *cmd)
{
	const char *v = cli_opt(opts, n_opts, "--delimiter");
	if (v && !cli_set_delimiter(delimiter, v))
		return cli_usage_error("%s: --delimiter must be one character (or 'tab'), not a quote or a "
				       "line break; got '%s'", cmd, v);
	return 0;
}

int clv_only_format(const cli_option *opts, size_t n_opts, const char *cmd, const char *format)
{
	const char *v = cli_opt(opts, n_opts, "--format");
	if (v && strcmp(v, format) != 0)
		return cli_usage_error("%s: --format must be %s, not '%s'", cmd, format, v);
	return 0;
}

int clv_parse_number(double *out, const char *s)
{
	char *end;
	double v;
	errno = 0;
	v = strtod(s, &end);
	if (end == s || *end != '\0' || !isfinite(v))
		return 0;
	*out = v;
	return 1;
}

/* ---- growing arrays ----------------------------------------------------------------------- */

/*
 * items (*cap of elem bytes) reallocated to twice as many, or to `first`
 * when empty: the new array, *cap updated; NULL when out of memory, with
 * items and *cap untouched.
 */
static void *grow_array(void *items, size_t *cap, size_t elem, size_t first)
{
	size_t n = *cap ? 2 * *cap : first;
	void *grown = realloc(items, n * elem);
	if (grown != NULL)
		*cap = n;
	return grown;
}

int dvec_push(dvec *d, double x)
{
	if (d->n == d->cap) {
		double *v = grow_array(d->v, &d->cap, sizeof *v, 1024);
		if (v == NULL)
			return 0;
		d->v = v;
	}
	d->v[d->n++] = x;
	return 1;
}

int svec_push(svec *s, const char *str, size_t len)
{
	if (s->n == s->cap_off) {
		size_t *off = grow_array(s->off, &s->cap_off, sizeof *off, 1024);
		if (off == NULL)
			return 0;
		s->off = off;
	}
	if (s->len + len + 1 > s->cap) {
		size_t cap = s->cap ? s->cap : 16384;
		char *text;
		while (cap < s->len + len + 1)
			cap *= 2;
		if ((text = realloc(s->text, cap)) == NULL)
			return 0;
		s->text = text;
		s->cap = cap;
	}
	memcpy(s->text + s->len, str, len);
	s->text[s->len + len] = '\0';
	s->off[s->n++] = s->len;
	s->len += len + 1;
	return 1;
}

void svec_free(svec *s)
{
	free(s->text);
	free(s->off);
}

int clv_out_of_memory(void)
{
	fprintf(stderr, "cxm: out of memory\n");
	return CLI_EXIT_DATA;
}

/* ---- reading CSV files -------------------------------------------------------------------- */

int clv_csv_open(cxm_csv **csv, size_t *idx, const char *file, char delimiter, const char *const *names,
		 size_t n_names)
{
	size_t c;
	int rc;
	if ((rc = cxm_csv_open(csv, file, delimiter)) < 0)
		return cli_library_error(rc, NULL);
	for (c = 0; c < n_names; c++) {
		if (names[c] && (rc = cxm_csv_column_index(&idx[c], *csv, names[c])) < 0) {
			/* the message first: it is the library's last error */
			rc = cli_library_error(rc, NULL);
			cxm_csv_free(*csv);
			*csv = NULL;
			return rc;
		}
	}
	return 0;
}

int clv_csv_next(cxm_csv *csv, int *has_row)
{
	int rc = cxm_csv_next(csv, has_row);
	return rc < 0 ? cli_library_error(rc, NULL) : 0;
}

int clv_read_number(double *out, const cxm_csv *csv, size_t col)
{
	int rc;
	if ((rc = cxm_csv_field_double(out, csv, col)) < 0)
		return cli_library_error(rc, NULL);
	if (isnan(*out))
		return cli_data_error("%s:%zu: column '%s' is empty; a number is needed", cxm_csv_path(csv),
				      cxm_csv_line(csv), cxm_csv_column_name(csv, col));
	return 0;
}

/* ---- customer summary files --------------------------------------------------------------- */

static const char *const summary_column_name[N_SUMMARY_COLUMNS] = {
	"frequency", "recency", "T", "monetary_value", "periods", "weights", "survivors"
};

/* "id" in either case: Hardie's and lifetimes' CDNOW summaries say "ID". */
static int is_id_column(const char *name)
{
	return (name[0] == 'i' || name[0] == 'I') && (name[1] == 'd' || name[1] == 'D') && name[2] == '\0';
}

int clv_read_summary_file(clv_summary_file *f, const char *file, char delimiter, const int *want, int ids)
{
	const char *names[N_SUMMARY_COLUMNS];
	cxm_csv *csv = NULL;
	size_t idx[N_SUMMARY_COLUMNS], id_col = 0, c;
	int has_row, status;
	memset(f, 0, sizeof *f);
	for (c = 0; c < N_SUMMARY_COLUMNS; c++)
		names[c] = want[c] ? summary_column_name[c] : NULL;
	if ((status = clv_csv_open(&csv, idx, file, delimiter, names, N_SUMMARY_COLUMNS)) != 0)
		return status;
	/* the id column is optional: BG/BB patterns have none */
	for (c = 0; ids && c < cxm_csv_column_count(csv); c++) {
		if (is_id_column(cxm_csv_column_name(csv, c))) {
			id_col = c;
			f->has_ids = 1;
			break;
		}
	}
	while ((status = clv_csv_next(csv, &has_row)) == 0 && has_row) {
		for (c = 0; c < N_SUMMARY_COLUMNS; c++) {
			double x;
			if (!want[c])
				continue;
			if ((status = clv_read_number(&x, csv, idx[c])) != 0)
				goto done;
			if (!dvec_push(&f->col[c], x)) {
				status = clv_out_of_memory();
				goto done;
			}
		}
		if (f->has_ids) {
			size_t len;
			const char *id = cxm_csv_field(csv, id_col, &len);
			if (!svec_push(&f->ids, id, len)) {
				status = clv_out_of_memory();
				goto done;
			}
		}
		f->n++;
	}
	if (status == 0 && f->n == 0)
		status = cli_data_error("%s: no data rows (the file has a header line only)", file);
done:
	cxm_csv_free(csv);
	return status;
}

void clv_summary_file_free(clv_summary_file *f)
{
	size_t c;
	for (c = 0; c < N_SUMMARY_COLUMNS; c++)
		free(f->col[c].v);
	svec_free(&f->ids);
}

/* ---- output ------------------------------------------------------------------------------- */

void clv_put_number(FILE *out, double x, const char *missing)
{
	if (isfinite(x))
		fprintf(out, "%.17g", x);
	else
		fputs(missing, out);
}

/* A CSV field, quoted (RFC 4180) when it holds the delimiter, a quote or a line break. */
static void put_csv_text(FILE *out, const char *s, char delimiter)
{
	const char *p;
	if (strchr(s, delimiter) == NULL && strpbrk(s, "\"\r\n") == NULL) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (p = s; *p; p++) {
		if (*p == '"')
			fputc('"', out);
		fputc(*p, out);
	}
	fputc('"', out);
}

void clv_put_csv_header(FILE *out, const char *const *names, size_t n_cols)
{
	size_t c;
	fputs("id", out);
	for (c = 0; c < n_cols; c++)
		fprintf(out, ",%s", names[c]);
	fputc('\n', out);
}

void clv_put_csv_row(FILE *out, const char *id, const double *table, size_t n, size_t i, size_t n_cols)
{
	size_t c;
	put_csv_text(out, id, ',');
	for (c = 0; c < n_cols; c++) {
		fputc(',', out);
		clv_put_number(out, table[c * n + i], "");
	}
	fputc('\n', out);
}
