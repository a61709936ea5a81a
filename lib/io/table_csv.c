/*
 * lib/io/table_csv.c - a CSV file into a table, once (experimental.h):
 * the streaming reader of csv.c underneath, each wanted column growing as
 * the rows come, numbers and dates converted as they are read, texts
 * interned (each distinct string kept once); with number inference, a
 * column read as text becomes NUMBER at the end when each of its distinct
 * texts reads as one (each distinct text parsed once).
 */
#define CXM_EXPERIMENTAL
#include <math.h>
#include <string.h>
#include "cxmetrics/experimental.h"
#include "io_internal.h"
#include "table_internal.h"
#include "names.h"

/* Rows the columns first have room for; they double from there. */
#define FIRST_ROWS ((size_t)1024)

typedef struct spec_column {
	char *name;
	int type;
	int flags; /* CXM_CSV_REQUIRED, CXM_CSV_NOT_EMPTY */
} spec_column;

struct cxm_csv_spec {
	char delimiter;
	int infer_numbers; /* cxm_csv_spec_set_infer_numbers */
	int decimal_comma; /* cxm_csv_spec_set_decimal_comma */
	int has_date_format; /* cxm_csv_spec_set_date_format: date_format holds it, compiled */
	cxm__date_fmt date_format;
	spec_column *col;
	size_t n, cap;
};

cxm_status cxm_csv_spec_new(cxm_csv_spec **out)
{
	cxm_csv_spec *s;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((s = cxm__calloc(1, sizeof *s)) == NULL)
		return cxm__fail(CXM_ENOMEM, "cxm_csv_spec_new: no memory for a spec");
	s->delimiter = ',';
	*out = s;
	return CXM_OK;
}

void cxm_csv_spec_free(cxm_csv_spec *spec)
{
	size_t i;
	if (spec == NULL)
		return;
	for (i = 0; i < spec->n; i++)
		cxm__free(spec->col[i].name);
	cxm__free(spec->col);
	cxm__free(spec);
}

cxm_status cxm_csv_spec_set_delimiter(cxm_csv_spec *spec, char delimiter)
{
	int rc;
	if ((rc = cxm__check_ptr(spec, "spec")) < 0 || (rc = cxm__csv_check_delimiter(delimiter)) < 0)
		return rc;
	if (delimiter == ',' && spec->decimal_comma)
		return cxm__fail(CXM_EBAD_ARG, "the delimiter cannot be ',' while numbers have a decimal comma "
				 "(cxm_csv_spec_set_decimal_comma): '1,5' would be two fields");
	spec->delimiter = delimiter;
	return CXM_OK;
}

cxm_status cxm_csv_spec_set_decimal_comma(cxm_csv_spec *spec, int on)
{
	int rc;
	if ((rc = cxm__check_ptr(spec, "spec")) < 0)
		return rc;
	if (on != 0 && on != 1)
		return cxm__fail(CXM_EBAD_ARG, "on is %d; use 1 (a decimal comma: 1,5) or 0 (a decimal point: 1.5)", on);
	if (on && spec->delimiter == ',')
		return cxm__fail(CXM_EBAD_ARG, "a decimal comma needs another delimiter than ',' (';' is the usual "
				 "one with decimal commas): set it first (cxm_csv_spec_set_delimiter)");
	spec->decimal_comma = on;
	return CXM_OK;
}

cxm_status cxm_csv_spec_set_infer_numbers(cxm_csv_spec *spec, int on)
{
	int rc;
	if ((rc = cxm__check_ptr(spec, "spec")) < 0)
		return rc;
	if (on != 0 && on != 1)
		return cxm__fail(CXM_EBAD_ARG, "on is %d; use 1 (infer numbers) or 0 (every column as text)", on);
	spec->infer_numbers = on;
	return CXM_OK;
}

cxm_status cxm_csv_spec_set_date_format(cxm_csv_spec *spec, const char *format)
{
	cxm__date_fmt f;
	int rc;
	if ((rc = cxm__check_ptr(spec, "spec")) < 0)
		return rc;
	if (format == NULL || format[0] == '\0') {
		spec->has_date_format = 0; /* ISO 8601 */
		return CXM_OK;
	}
	/* compiled into a copy first: a refused format leaves the spec as it was */
	if ((rc = cxm__date_fmt_compile(&f, format)) < 0)
		return rc;
	spec->date_format = f;
	spec->has_date_format = 1;
	return CXM_OK;
}

cxm_status cxm_csv_spec_add_column(cxm_csv_spec *spec, const char *name, int type, int flags)
{
	char quoted[CXM__QUOTE_MAX + 4];
	spec_column *c;
	size_t i;
	int rc;
	if ((rc = cxm__check_ptr(spec, "spec")) < 0 || (rc = cxm__check_ptr(name, "name")) < 0)
		return rc;
	if (name[0] == '\0')
		return cxm__fail(CXM_EBAD_ARG, "name is empty");
	if ((rc = cxm__names_check(&cxm__table_type_names, type)) < 0)
		return rc;
	if (flags & ~(CXM_CSV_REQUIRED | CXM_CSV_NOT_EMPTY))
		return cxm__fail(CXM_EBAD_ARG, "flags is %d; use CXM_CSV_REQUIRED (1), CXM_CSV_NOT_EMPTY (2), "
				 "both or 0", flags);
	cxm__quote_text(quoted, sizeof quoted, name, strlen(name));
	for (i = 0; i < spec->n; i++)
		if (strcmp(spec->col[i].name, name) == 0)
			return cxm__fail(CXM_EBAD_ARG, "the spec has a column '%s' already", quoted);
	if (spec->n == spec->cap) {
		size_t cap = spec->cap ? 2 * spec->cap : 8;
		spec_column *grown = cxm__realloc(spec->col, cap * sizeof *grown);
		if (grown == NULL)
			return cxm__fail(CXM_ENOMEM, "no memory for %zu spec columns", cap);
		spec->col = grown;
		spec->cap = cap;
	}
	c = &spec->col[spec->n];
	if ((c->name = cxm__strdup(name)) == NULL)
		return cxm__fail(CXM_ENOMEM, "no memory for the column name '%s'", quoted);
	c->type = type;
	c->flags = flags;
	spec->n++;
	return CXM_OK;
}

/* ---- reading ------------------------------------------------------------------------------ */

/* A column being read: where it is in the file, and what it holds so far. */
typedef struct reading {
	size_t src;       /* its index in the file */
	int not_empty;    /* CXM_CSV_NOT_EMPTY */
	cxm__column col;  /* name, type, values (num or code + levels) */
} reading;

typedef struct reader {
	cxm_csv *csv;
	const cxm__date_fmt *date_format; /* NULL: ISO 8601 */
	char mark;                        /* the decimal mark: '.' or ',' */
	reading *r;
	size_t n_r;
	size_t rows, cap; /* rows read, rows each column has room for */
} reader;

/* "FILE:LINE:COLUMN 'name'" of the current record, where messages about a field begin. */
static const char *where(char *buf, size_t cap, const reader *rd, const reading *r)
{
	char quoted[CXM__QUOTE_MAX + 4];
	const char *name = cxm_csv_column_name(rd->csv, r->src);
	cxm__quote_text(quoted, sizeof quoted, name, strlen(name));
	cxm__snprintf_c(buf, cap, "%s:%zu:%zu '%s'", cxm_csv_path(rd->csv), cxm_csv_line(rd->csv), r->src + 1, quoted);
	return buf;
}

/* Room for one more row in every column. */
static int grow(reader *rd)
{
	size_t cap = rd->cap ? 2 * rd->cap : FIRST_ROWS, i;
	if (rd->rows < rd->cap)
		return CXM_OK;
	for (i = 0; i < rd->n_r; i++) {
		cxm__column *c = &rd->r[i].col;
		void *p;
		if (c->type == CXM_TABLE_TEXT) {
			if (cap > (size_t)-1 / sizeof *c->code || (p = cxm__realloc(c->code, cap * sizeof *c->code)) == NULL)
				return cxm__fail(CXM_ENOMEM, "%s: no memory for %zu rows", cxm_csv_path(rd->csv), cap);
			c->code = p;
		} else {
			if (cap > (size_t)-1 / sizeof *c->num || (p = cxm__realloc(c->num, cap * sizeof *c->num)) == NULL)
				return cxm__fail(CXM_ENOMEM, "%s: no memory for %zu rows", cxm_csv_path(rd->csv), cap);
			c->num = p;
		}
	}
	rd->cap = cap;
	return CXM_OK;
}

/* Field r->src of the current record into row rd->rows of r's column. */
static int read_field(reader *rd, reading *r)
{
	char at[512];
	size_t len, i, level;
	const char *f = cxm_csv_field(&len, rd->csv, r->src);
	cxm__column *c = &r->col;
	int rc;
	if (c->type != CXM_TABLE_NUMBER && memchr(f, '\0', len) != NULL)
		return cxm__fail(CXM_EPARSE, "%s: the field holds a NUL byte", where(at, sizeof at, rd, r));
	switch (c->type) {
	case CXM_TABLE_TEXT:
		if (len == 0 && r->not_empty)
			return cxm__fail(CXM_EPARSE, "%s: the field is empty; a value is needed",
					 where(at, sizeof at, rd, r));
		if ((rc = cxm__texts_add(&c->levels, f, len, &level)) < 0)
			return rc;
		c->code[rd->rows] = (uint32_t)level;
		return CXM_OK;
	case CXM_TABLE_DAY:
		if (len == 0)
			return cxm__fail(CXM_EPARSE, "%s: the field is empty; a date is needed",
					 where(at, sizeof at, rd, r));
		rc = rd->date_format ? cxm__date_fmt_parse(rd->date_format, &c->num[rd->rows], f)
				     : cxm_date_parse(&c->num[rd->rows], f);
		if (rc < 0)
			return cxm__error_context(where(at, sizeof at, rd, r));
		return CXM_OK;
	default:
		for (i = 0; i < len && (f[i] == ' ' || f[i] == '\t'); i++)
			;
		if (i == len)
			return cxm__fail(CXM_EPARSE, "%s: the field is empty; a number is needed",
					 where(at, sizeof at, rd, r));
		return cxm__csv_field_number(&c->num[rd->rows], rd->csv, r->src, rd->mark);
	}
}

/* The columns to read: the spec's that the file has, or every column as TEXT. */
static int plan(reader *rd, const cxm_csv_spec *spec)
{
	size_t n = spec && spec->n ? spec->n : cxm_csv_column_count(rd->csv), k;
	int rc;
	if ((rc = cxm__alloc_array(&rd->r, n, sizeof *rd->r, "the columns of a CSV table")) < 0)
		return rc;
	memset(rd->r, 0, n * sizeof *rd->r);
	for (k = 0; k < n; k++) {
		reading *r = &rd->r[rd->n_r];
		const char *name;
		if (spec && spec->n) {
			name = spec->col[k].name;
			if ((rc = cxm_csv_column_index(&r->src, rd->csv, name)) < 0) {
				if (spec->col[k].flags & CXM_CSV_REQUIRED)
					return rc;
				continue; /* an optional column the file lacks */
			}
			r->col.type = spec->col[k].type;
			r->not_empty = (spec->col[k].flags & CXM_CSV_NOT_EMPTY) != 0;
		} else {
			r->src = k;
			name = cxm_csv_column_name(rd->csv, k);
			r->col.type = CXM_TABLE_TEXT;
			/* a table names every column (cxm_csv_open refused a name given twice) */
			if (name[0] == '\0')
				return cxm__fail(CXM_EPARSE, "%s: column %zu of the header has no name; a table needs "
						 "one for each column", cxm_csv_path(rd->csv), k + 1);
		}
		rd->n_r++; /* from here on freed with the others */
		if ((r->col.name = cxm__strdup(name)) == NULL)
			return cxm__fail(CXM_ENOMEM, "no memory for a column name");
		if (r->col.type == CXM_TABLE_TEXT &&
		    (rc = cxm__texts_init(&r->col.levels, 64, "the texts of a CSV column")) < 0)
			return rc;
	}
	return CXM_OK;
}

/* A text column whose every distinct non-blank text reads as a finite
 * decimal number (no hexadecimal, no "inf" or "nan" words), with at least
 * one such text, becomes NUMBER: blank texts are NaN. Else it stays as it is. */
static int infer_number(cxm__column *c, size_t rows, char mark)
{
	size_t n_levels = c->levels.count, k, i, values = 0;
	double *v = NULL, *num = NULL;
	int rc;
	if (rows == 0 || n_levels == 0)
		return CXM_OK;
	if ((rc = cxm__alloc_array(&v, n_levels, sizeof *v, "the numbers of a CSV column's texts")) < 0)
		return rc;
	for (k = 0; k < n_levels; k++) {
		const char *s = c->levels.str[k];
		size_t len = c->levels.len[k];
		/* not a number (a word, hexadecimal, "nan") or too large for a double: text */
		if ((rc = cxm__parse_decimal(&v[k], s, len, mark)) <= 0)
			break;
		if (!isnan(v[k])) /* NaN only for a blank text: a missing value */
			values++;
	}
	if (k < n_levels || values == 0) {
		cxm__free(v);
		if (k < n_levels && rc == -2)
			return cxm__fail(CXM_ENOMEM, "no memory to read a number of %zu bytes", c->levels.len[k]);
		return CXM_OK;
	}
	if ((rc = cxm__alloc_array(&num, rows, sizeof *num, "a CSV column of numbers")) < 0) {
		cxm__free(v);
		return rc;
	}
	for (i = 0; i < rows; i++)
		num[i] = v[c->code[i]];
	cxm__free(v);
	cxm__free(c->code);
	c->code = NULL;
	cxm__texts_free(&c->levels);
	c->num = num;
	c->type = CXM_TABLE_NUMBER;
	return CXM_OK;
}

/* The columns read into a new table. */
static int finish(cxm_table **out, reader *rd, int infer_numbers)
{
	cxm_table *t = NULL;
	size_t i;
	int rc;
	if ((rc = cxm_table_new(&t)) < 0)
		return rc;
	for (i = 0; i < rd->n_r; i++) {
		cxm__column *c = &rd->r[i].col;
		if (infer_numbers && c->type == CXM_TABLE_TEXT && (rc = infer_number(c, rd->rows, rd->mark)) < 0)
			break;
		if (c->type == CXM_TABLE_TEXT && (rc = cxm__column_texts(c, rd->rows)) < 0)
			break;
		if (c->type != CXM_TABLE_TEXT && c->num == NULL &&
		    (rc = cxm__alloc_array(&c->num, 1, sizeof *c->num, "an empty column")) < 0)
			break;
		if (c->type == CXM_TABLE_TEXT && c->code == NULL &&
		    (rc = cxm__alloc_array(&c->code, 1, sizeof *c->code, "an empty column")) < 0)
			break;
		if ((rc = cxm__table_push_column(t, c, rd->rows)) < 0)
			break;
	}
	if (rc < 0) {
		cxm_table_free(t);
		return rc;
	}
	*out = t;
	return CXM_OK;
}

cxm_status cxm_table_read_csv(cxm_table **out, const char *path, const cxm_csv_spec *spec)
{
	reader rd;
	size_t i;
	int rc, has_row = 0;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(path, "path")) < 0)
		return rc;
	memset(&rd, 0, sizeof rd);
	rd.date_format = spec && spec->has_date_format ? &spec->date_format : NULL;
	rd.mark = spec && spec->decimal_comma ? ',' : '.';
	if ((rc = cxm_csv_open(&rd.csv, path, spec ? spec->delimiter : ',')) < 0 || (rc = plan(&rd, spec)) < 0)
		goto done;
	while ((rc = cxm_csv_next(&has_row, rd.csv)) == CXM_OK && has_row) {
		if ((rc = grow(&rd)) < 0)
			goto done;
		for (i = 0; i < rd.n_r; i++)
			if ((rc = read_field(&rd, &rd.r[i])) < 0)
				goto done;
		rd.rows++;
	}
	if (rc == CXM_OK)
		rc = finish(out, &rd, spec && spec->n == 0 && spec->infer_numbers);
done:
	for (i = 0; i < rd.n_r; i++)
		cxm__column_free(&rd.r[i].col);
	cxm__free(rd.r);
	cxm_csv_free(rd.csv);
	return rc;
}
