/*
 * lib/report/from_table.c - cxm_survey_report_from_table: the rows of a
 * cxm_table through the same row handler as a CSV file's (rows.c), each
 * field written as the text a CSV file would hold, so that the checks and
 * the messages are the CSV ones, with the row number as the line.
 * NUMBER answers and groups: the shortest text that reads back (NaN: an
 * empty field); DAY: YYYY-MM-DD; a NUMBER time column: Unix seconds UTC
 * ("@<seconds>", which only a table's rows may hold).
 */
#include <math.h>
#include <string.h>
#include "cells.h"
#include "buf.h"
#include "io/io_internal.h"

/* Room for one field's text: a number, a date. */
#define FIELD_MAX (CXM__NUMBER_MAX + 2)

typedef struct table_reader {
	const cxm_table *t;
	size_t n_cols;
	unsigned char *used;  /* the columns the report reads */
	int *type;            /* by column */
	int *time;            /* a time column (NUMBER as Unix seconds) */
	const char **field;
	size_t *len;
	char (*text)[FIELD_MAX]; /* by column */
} table_reader;

static int table_index(size_t *index, const void *src, const char *name)
{
	const table_reader *tr = src;
	return cxm_table_column_index(index, tr->t, name);
}

static void table_list(char *buf, size_t cap, const void *src)
{
	const table_reader *tr = src;
	size_t c, used = 0;
	buf[0] = '\0';
	for (c = 0; c < tr->n_cols && used < cap; c++) {
		int n = cxm__snprintf_c(buf + used, cap - used, "%s%s", c ? ", " : "", cxm_table_column_name(tr->t, c));
		used += n > 0 ? (size_t)n : 0;
	}
}

/* The text of column c in row i. */
static void field_of(table_reader *tr, size_t c, size_t i)
{
	char *s = tr->text[c];
	s[0] = '\0';
	if (tr->type[c] == CXM_TABLE_TEXT) {
		const char *v = cxm_table_texts(tr->t, c)[i];
		tr->field[c] = v ? v : "";
		tr->len[c] = strlen(tr->field[c]);
		return;
	}
	{
		double x = cxm_table_numbers(tr->t, c)[i];
		if (isnan(x))
			;
		else if (tr->type[c] == CXM_TABLE_DAY)
			cxm__date_format(s, x);
		else if (!isfinite(x))
			cxm__snprintf_c(s, FIELD_MAX, "%s", x > 0 ? "inf" : "-inf");
		else if (tr->time[c]) {
			s[0] = '@';
			cxm__format_number(s + 1, x);
		} else
			cxm__format_number(s, x);
	}
	tr->field[c] = s;
	tr->len[c] = strlen(s);
}

static void free_reader(table_reader *tr)
{
	cxm__free(tr->used);
	cxm__free(tr->type);
	cxm__free(tr->time);
	cxm__free((void *)tr->field);
	cxm__free(tr->len);
	cxm__free(tr->text);
}

/* The columns the report reads, their types, which are times. */
static int mark_columns(table_reader *tr, const cxm_survey_report *r)
{
	size_t c, k;
	for (c = 0; c < tr->n_cols; c++)
		cxm_table_column_type(&tr->type[c], tr->t, c);
	for (k = 0; k < r->n_items; k++)
		tr->used[r->items[k].index] = 1;
	for (k = 0; k < r->g.n_groups; k++)
		tr->used[r->group_index[k]] = 1;
	if (r->g.time)
		tr->used[r->time_index] = tr->time[r->time_index] = 1;
	for (k = 0; r->g.pyr[0] && k < 3; k++)
		tr->used[r->pyr_index[k]] = 1;
	if (r->n_themes)
		tr->used[r->comment_index] = 1;
	if (r->g.drivers) {
		tr->used[r->outcome_index] = 1;
		for (k = 0; k < r->g.n_drivers; k++)
			tr->used[r->driver_index[k]] = 1;
	}
	for (k = 0; r->g.created && k < 3; k++)
		if (k < 2 || r->g.resolved)
			tr->used[r->times_index[k]] = tr->time[r->times_index[k]] = 1;
	for (k = 0; k < r->n_items; k++)
		if (tr->type[r->items[k].index] == CXM_TABLE_DAY)
			return cxm__fail(CXM_EBAD_ARG, "column '%s' of the table holds days, not answers (NUMBER or TEXT)",
					 r->items[k].column);
	for (k = 0; r->g.pyr[0] && k < 3; k++)
		if (tr->type[r->pyr_index[k]] == CXM_TABLE_DAY)
			return cxm__fail(CXM_EBAD_ARG, "column '%s' of the table holds days, not answers (NUMBER or TEXT)",
					 r->g.pyr[k]);
	return CXM_OK;
}

int cxm__survey_read_table(cxm_survey_report *r, const cxm_table *t, cxm__worker *w, size_t n_workers,
			   int (*find)(cxm_survey_report *, const void *, int (*)(size_t *, const void *, const char *),
				       void (*)(char *, size_t, const void *)),
			   char *msg, size_t cap)
{
	table_reader tr;
	size_t i, c, n = cxm_table_rows(t);
	int rc;
	memset(&tr, 0, sizeof tr);
	tr.t = t;
	tr.n_cols = cxm_table_column_count(t);
	if ((rc = find(r, &tr, table_index, table_list)) < 0)
		return rc;
	if (!(tr.used = cxm__calloc(tr.n_cols + 1, 1)) || !(tr.type = cxm__calloc(tr.n_cols + 1, sizeof *tr.type)) ||
	    !(tr.time = cxm__calloc(tr.n_cols + 1, sizeof *tr.time)) ||
	    !(tr.field = cxm__calloc(tr.n_cols + 1, sizeof *tr.field)) ||
	    !(tr.len = cxm__calloc(tr.n_cols + 1, sizeof *tr.len)) ||
	    !(tr.text = cxm__calloc(tr.n_cols + 1, sizeof *tr.text))) {
		free_reader(&tr);
		return cxm__fail(CXM_ENOMEM, "cxm_survey_report_from_table: out of memory");
	}
	if ((rc = mark_columns(&tr, r)) < 0)
		goto done;
	for (c = 0; c < tr.n_cols; c++) {
		tr.field[c] = "";
		tr.len[c] = 0;
	}
	for (i = 0; i < n_workers; i++)
		w[i].from_table = 1;
	for (i = 0; i < n; i++) {
		cxm__worker *wk = &w[(i / CXM__ROWS_PER_TURN) % n_workers];
		for (c = 0; c < tr.n_cols; c++)
			if (tr.used[c])
				field_of(&tr, c, i);
		if ((rc = cxm__survey_row(wk, tr.field, tr.len, i + 1, msg, cap)) < 0) {
			rc = cxm__fail(rc, "%s", msg);
			goto done;
		}
	}
	rc = CXM_OK;
done:
	free_reader(&tr);
	return rc;
}
