/*
 * lib/io/table_write.c - a table as CSV or JSON (table.h): the one CSV
 * writer and, through json_writer.c, the one JSON layout of tables. Both
 * write into a cxm__buf, which keeps the text (cxm_table_render) or hands it
 * to a stream in chunks (cxm_table_write).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "io_internal.h"
#include "names.h"
#include "table_internal.h"

/* ---- CSV ---------------------------------------------------------------------------------- */

/* A text field, quoted (RFC 4180) when it holds a comma, a quote or a line
 * break, or starts with a UTF-8 byte-order mark (which a reader would skip
 * at the start of the file); `alone`: the table's only column, where an
 * empty field would make an empty line, which readers skip, so it is
 * written as "". */
static void csv_text(cxm__buf *b, const char *s, int alone)
{
	const char *p;
	if (s[0] == '\0' && alone) {
		cxm__buf_puts(b, "\"\"");
		return;
	}
	if (strpbrk(s, ",\"\r\n") == NULL && strncmp(s, "\xEF\xBB\xBF", 3) != 0) {
		cxm__buf_puts(b, s);
		return;
	}
	cxm__buf_putc(b, '"');
	for (p = s; *p; p++) {
		if (*p == '"')
			cxm__buf_putc(b, '"');
		cxm__buf_putc(b, *p);
	}
	cxm__buf_putc(b, '"');
}

static void csv_cell(cxm__buf *b, const cxm__column *c, size_t row, int alone)
{
	char text[CXM__DATE_MAX];
	switch (c->type) {
	case CXM_TABLE_TEXT:
		csv_text(b, c->text[row], alone);
		break;
	case CXM_TABLE_DAY:
		cxm__buf_puts(b, cxm__date_format(text, c->num[row]));
		break;
	default:
		if (isfinite(c->num[row]))
			cxm__buf_number(b, c->num[row]);
		else if (alone)
			cxm__buf_puts(b, "\"\"");
		break;
	}
}

static void write_csv(cxm__buf *b, const cxm_table *t)
{
	size_t i, c;
	int alone = t->n_cols == 1;
	if (t->n_cols == 0)
		return;
	for (c = 0; c < t->n_cols; c++) {
		if (c)
			cxm__buf_putc(b, ',');
		csv_text(b, t->col[c].name, 0);
	}
	cxm__buf_putc(b, '\n');
	for (i = 0; i < t->rows && b->rc == CXM_OK; i++) {
		for (c = 0; c < t->n_cols; c++) {
			if (c)
				cxm__buf_putc(b, ',');
			csv_cell(b, &t->col[c], i, alone);
		}
		cxm__buf_putc(b, '\n');
	}
}

/* ---- JSON --------------------------------------------------------------------------------- */

static void json_value(cxm__jw *w, const char *key, int type, double num, const char *text)
{
	char day[CXM__DATE_MAX];
	if (type == CXM_TABLE_TEXT)
		cxm__jw_string(w, key, text);
	else if (type == CXM_TABLE_DAY)
		cxm__jw_string(w, key, cxm__date_format(day, num));
	else
		cxm__jw_number(w, key, num);
}

/* JSON keys must differ: the attributes against the rows and their count. */
static int check_json_keys(const cxm_table *t, const char *rows, const char *count)
{
	char quoted[CXM__QUOTE_MAX + 4];
	size_t i;
	for (i = 0; i < t->n_attrs; i++) {
		const char *name = t->attr[i].name;
		if (strcmp(name, rows) == 0 || strcmp(name, count) == 0) {
			cxm__quote_text(quoted, sizeof quoted, name, strlen(name));
			return cxm__fail(CXM_EBAD_ARG, "the attribute '%s' has the JSON key of the %s; rename it "
					 "or the rows (cxm_table_set_row_name)", quoted,
					 strcmp(name, rows) == 0 ? "rows" : "row count");
		}
	}
	return CXM_OK;
}

static void write_json(cxm__buf *b, const cxm_table *t, const char *rows, const char *count)
{
	cxm__jw w;
	size_t i, c;
	cxm__jw_init(&w, b);
	cxm__jw_object(&w, NULL, CXM__JSON_BLOCK);
	for (i = 0; i < t->n_attrs; i++)
		json_value(&w, t->attr[i].name, t->attr[i].type, t->attr[i].num, t->attr[i].text);
	cxm__jw_number(&w, count, (double)t->rows);
	cxm__jw_array(&w, rows, CXM__JSON_BLOCK);
	for (i = 0; i < t->rows && b->rc == CXM_OK; i++) {
		cxm__jw_object(&w, NULL, CXM__JSON_INLINE);
		for (c = 0; c < t->n_cols; c++) {
			const cxm__column *col = &t->col[c];
			json_value(&w, col->name, col->type, col->num ? col->num[i] : 0.0,
				   col->text ? col->text[i] : NULL);
		}
		cxm__jw_end(&w);
	}
	cxm__jw_end(&w);
	cxm__jw_end(&w);
}

/* ---- render and write --------------------------------------------------------------------- */

/* The table into b (with or without a sink), in `format`. */
static int render(cxm__buf *b, char **out, const cxm_table *t, int format)
{
	char count[CXM__QUOTE_MAX + 16];
	const char *rows;
	int rc;
	if ((rc = cxm__check_ptr(t, "t")) < 0 || (rc = cxm__names_check(&cxm__format_names, format)) < 0) {
		cxm__buf_free(b);
		return rc;
	}
	if (format != CXM_FORMAT_CSV && format != CXM_FORMAT_JSON) {
		cxm__buf_free(b);
		return cxm__fail(CXM_EBAD_ARG, "format is %s; a table is written as csv or json",
				 cxm__names_word(&cxm__format_names, format));
	}
	if (format == CXM_FORMAT_CSV) {
		write_csv(b, t);
	} else {
		rows = cxm_table_row_name(t);
		if (strlen(rows) > sizeof count - 3) {
			cxm__buf_free(b);
			return cxm__fail(CXM_EBAD_ARG, "the row name '%.40s...' is too long for JSON", rows);
		}
		cxm__snprintf_c(count, sizeof count, "n_%s", rows);
		if ((rc = check_json_keys(t, rows, count)) < 0) {
			cxm__buf_free(b);
			return rc;
		}
		write_json(b, t, rows, count);
	}
	return cxm__buf_finish(b, out);
}

cxm_status cxm_table_render(char **out, const cxm_table *t, int format)
{
	cxm__buf b;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	cxm__buf_init(&b);
	return render(&b, out, t, format);
}

static int file_sink(void *user, const char *text, size_t len)
{
	FILE *f = user;
	int err;
	errno = 0;
	if (fwrite(text, 1, len, f) == len)
		return CXM_OK;
	err = errno;
	return cxm__fail(CXM_EIO, "cannot write the table: %s", err ? strerror(err) : "write error");
}

cxm_status cxm_table_write(FILE *f, const cxm_table *t, int format)
{
	cxm__buf b;
	int rc;
	if ((rc = cxm__check_ptr(f, "f")) < 0)
		return rc;
	cxm__buf_init_sink(&b, file_sink, f);
	return render(&b, NULL, t, format);
}
