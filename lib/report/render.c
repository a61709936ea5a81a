/*
 * lib/report/render.c - a survey report as an aligned text table or as JSON.
 *
 * Both renderers walk the report's cells and, in each, the metric
 * descriptors (report_internal.h): what a metric prints, and how, is in its
 * descriptor; nothing here names a metric. Text rounds for reading (one
 * decimal); JSON carries every number at full precision (the one JSON
 * writer, lib/io/json_writer.c).
 *
 * A metric's columns (items) each get a block of their own; in JSON a metric
 * with one column keeps the shape it always had (an object), one with
 * several is an array of such objects. The no-answer counts and codes are
 * printed only when codes were set, so a report without them is the same
 * text and JSON as before they existed (spec §0.13).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "report_internal.h"
#include "buf.h"
#include "io/io_internal.h"
#include "names.h"
#include "html.h"

/* A number of a metric's results (or of its scale) as a double. */
static double num(const cxm__num *n, const cxm__cell_metric *cm, const cxm__metric_cfg *cfg)
{
	const unsigned char *p = cm->results.bytes + n->offset;
	switch (n->src) {
	case CXM__SRC_SIZE: {
		size_t v;
		memcpy(&v, p, sizeof v);
		return (double)v;
	}
	case CXM__SRC_DOUBLE: {
		double v;
		memcpy(&v, p, sizeof v);
		return v;
	}
	case CXM__SRC_INT: {
		int v;
		memcpy(&v, p, sizeof v);
		return v;
	}
	case CXM__SRC_CONST:
		return n->value;
	case CXM__SRC_LO:
		return cfg->lo;
	case CXM__SRC_HI:
		return cfg->hi;
	default:
		return NAN;
	}
}

/* The note of a metric left out because the file lacks its default column, or NULL. */
static const char *skipped(const cxm_survey_report *r, int k)
{
	return r->m[k].n_columns && !r->computed[k] ? r->m[k].columns[0] : NULL;
}

/* ---- text ------------------------------------------------------------------------ */

/* One table row: a label, a right-aligned value, and a comment (may be ""). */
static void row(cxm__buf *b, const char *label, const char *value, const char *comment)
{
	cxm__buf_printf(b, "  %-24s %15s%s%s\n", label, value, comment[0] ? "  " : "", comment);
}

/*
 * The formats of the descriptors are data, so the compiler cannot check them
 * against the arguments: each says in report_internal.h what it takes (up to
 * three doubles, or one int). A format that names fewer arguments than it is
 * given ignores the rest (C11 7.21.6.1p2).
 */
#if defined(__GNUC__)
#  pragma GCC diagnostic push
#  pragma GCC diagnostic ignored "-Wformat-nonliteral"
#endif
static void format_doubles(char *buf, size_t cap, const char *fmt, double a, double b, double c)
{
	cxm__snprintf_c(buf, cap, fmt, a, b, c);
}

static void format_int(char *buf, size_t cap, const char *fmt, int a)
{
	cxm__snprintf_c(buf, cap, fmt, a);
}
#if defined(__GNUC__)
#  pragma GCC diagnostic pop
#endif

static void comment_of(char *buf, size_t cap, const cxm__text_row *t, const cxm__cell_metric *cm,
		       const cxm__metric_cfg *cfg)
{
	double c0 = num(&t->c[0], cm, cfg);
	buf[0] = '\0';
	if (t->comment_nan && isnan(c0))
		cxm__snprintf_c(buf, cap, "%s", t->comment_nan);
	else if (t->comment_fmt)
		format_doubles(buf, cap, t->comment_fmt, c0, num(&t->c[1], cm, cfg), num(&t->c[2], cm, cfg));
}

/* "0, 99": the codes, as far as they fit. */
static void list_codes(char *buf, size_t cap, const cxm__metric_cfg *cfg)
{
	size_t i, used = 0;
	buf[0] = '\0';
	for (i = 0; i < cfg->n_na && used < cap; i++) {
		int n = cxm__snprintf_c(buf + used, cap - used, "%s%g", i ? ", " : "", cfg->na[i]);
		used += n > 0 ? (size_t)n : 0;
	}
}

static void text_row(cxm__buf *b, const cxm_survey_report *r, const cxm__text_row *t,
		     const cxm__cell_metric *cm, const cxm__metric_cfg *cfg, const char *conf)
{
	char label[96], value[64], comment[128], codes[64];
	double v0 = num(&t->v[0], cm, cfg), v1 = num(&t->v[1], cm, cfg);
	switch (t->kind) {
	case CXM__ROW_COUNT:
		cxm__snprintf_c(value, sizeof value, "%.0f", v0);
		row(b, t->label, value, "");
		break;
	case CXM__ROW_MISSING:
		cxm__snprintf_c(value, sizeof value, "%zu", cm->missing);
		row(b, "missing (empty)", value, r->nan_policy == CXM_NAN_OMIT ? "skipped" : "");
		if (cfg->n_na == 0)
			break;
		list_codes(codes, sizeof codes, cfg);
		cxm__snprintf_c(label, sizeof label, "no answer (%s)", codes);
		cxm__snprintf_c(value, sizeof value, "%zu", cm->no_answer);
		row(b, label, value, r->nan_policy == CXM_NAN_OMIT ? "skipped" : "");
		break;
	case CXM__ROW_SHARE: {
		int from = (int)num(&t->range[0], cm, cfg), to = (int)num(&t->range[1], cm, cfg);
		if (from == to)
			cxm__snprintf_c(label, sizeof label, "%s (%d)", t->label, from);
		else
			cxm__snprintf_c(label, sizeof label, "%s (%d-%d)", t->label, from, to);
		cxm__snprintf_c(value, sizeof value, "%.0f", v0);
		cxm__snprintf_c(comment, sizeof comment, "%5.1f%%", v1);
		row(b, label, value, comment);
		break;
	}
	case CXM__ROW_VALUE:
		format_doubles(value, sizeof value, t->value_fmt, v0, 0.0, 0.0);
		comment_of(comment, sizeof comment, t, cm, cfg);
		row(b, t->label, value, comment);
		break;
	case CXM__ROW_INTERVAL:
		cxm__snprintf_c(label, sizeof label, "%s CI, %s", conf, t->label);
		format_doubles(value, sizeof value, t->value_fmt, v0, v1, 0.0);
		comment_of(comment, sizeof comment, t, cm, cfg);
		row(b, label, value, comment);
		break;
	default:
		break;
	}
}

/* The block of one item (a metric's column) in one cell. */
static void text_metric(cxm__buf *b, const cxm_survey_report *r, const cxm__cell *cell, size_t item,
			const char *conf)
{
	const cxm__item *it = &r->items[item];
	const cxm__metric_desc *d = cxm__survey_metrics[it->metric];
	const cxm__metric_cfg *cfg = &r->m[it->metric];
	char note[64] = "";
	size_t i;
	if (d->heading_note)
		d->heading_note(note, sizeof note, cfg);
	else if (d->answers_note)
		format_int(note, sizeof note, d->answers_note, cfg->hi);
	cxm__buf_printf(b, "%s - %s (column '%s', answers %d-%d%s)\n", d->name, d->title, it->column, cfg->lo,
			cfg->hi, note);
	for (i = 0; i < d->n_text; i++)
		text_row(b, r, &d->text[i], &cell->m[item], cfg, conf);
}

static void render_text(cxm__buf *b, const cxm_survey_report *r)
{
	char conf[32];
	size_t c, i;
	int k;
	cxm__snprintf_c(conf, sizeof conf, "%g%%", 100.0 * r->conf);
	cxm__buf_printf(b, "Survey report: %s\n", r->path);
	cxm__buf_printf(b, "%zu data row%s; intervals at %s confidence\n", r->rows, r->rows == 1 ? "" : "s",
			conf);
	for (c = 0; c < r->n_cells; c++) {
		const cxm__cell *cell = &r->cells[c];
		if (cell->label)
			cxm__buf_printf(b, "\n%s (%zu row%s)\n", cell->label, cell->rows, cell->rows == 1 ? "" : "s");
		for (i = 0; i < r->n_items; i++) {
			cxm__buf_puts(b, "\n");
			text_metric(b, r, cell, i, conf);
		}
	}
	for (k = 0; k < CXM__SURVEY_METRICS; k++)
		if (skipped(r, k))
			cxm__buf_printf(b, "\nnote: %s skipped: there is no column '%s' in the file\n",
					cxm__survey_metrics[k]->name, skipped(r, k));
}

/* ---- JSON ---------------------------------------------------------------------- */

/* The object of one item, under `key` (NULL: an element of the metric's array). */
static void json_metric(cxm__jw *w, const cxm_survey_report *r, const cxm__cell *cell, size_t item,
			const char *key)
{
	const cxm__item *it = &r->items[item];
	const cxm__metric_desc *d = cxm__survey_metrics[it->metric];
	const cxm__metric_cfg *cfg = &r->m[it->metric];
	char scale[32];
	size_t i;
	cxm__jw_object(w, key, CXM__JSON_BLOCK);
	for (i = 0; i < d->n_json; i++) {
		const cxm__json_member *j = &d->json[i];
		switch (j->kind) {
		case CXM__J_NUMBER:
			cxm__jw_number(w, j->key, num(&j->num, &cell->m[item], cfg));
			break;
		case CXM__J_COLUMN:
			cxm__jw_string(w, j->key, it->column);
			break;
		case CXM__J_SCALE:
			cxm__snprintf_c(scale, sizeof scale, "%d-%d", cfg->lo, cfg->hi);
			cxm__jw_string(w, j->key, scale);
			break;
		case CXM__J_OBJECT:
			cxm__jw_object(w, j->key, CXM__JSON_INLINE);
			break;
		case CXM__J_END:
			cxm__jw_end(w);
			break;
		default:
			break;
		}
	}
	cxm__jw_end(w);
}

/* A count of each metric's columns, under `key`: {"nps": 5, "csat": [1, 0],
 * "ces": null} (a number for one column, an array for several, null for a
 * metric not computed); `no_answer` chooses the count. */
static void json_counts(cxm__jw *w, const cxm_survey_report *r, const cxm__cell *cell, const char *key,
			int no_answer)
{
	size_t i;
	int k;
	cxm__jw_object(w, key, CXM__JSON_INLINE);
	for (k = 0; k < CXM__SURVEY_METRICS; k++) {
		const char *word = cxm__survey_metric_key(k);
		size_t n = r->computed[k] ? r->m[k].n_columns : 0;
		if (n == 0) {
			cxm__jw_null(w, word);
			continue;
		}
		if (n > 1)
			cxm__jw_array(w, word, CXM__JSON_INLINE);
		for (i = 0; i < n; i++) {
			const cxm__cell_metric *cm = &cell->m[r->first[k] + i];
			cxm__jw_number(w, n > 1 ? NULL : word, (double)(no_answer ? cm->no_answer : cm->missing));
		}
		if (n > 1)
			cxm__jw_end(w);
	}
	cxm__jw_end(w);
}

/* The no-answer codes of each metric: {"nps": [99], "csat": [0, 99], "ces": null}. */
static void json_codes(cxm__jw *w, const cxm_survey_report *r)
{
	size_t i;
	int k;
	cxm__jw_object(w, "na_values", CXM__JSON_INLINE);
	for (k = 0; k < CXM__SURVEY_METRICS; k++) {
		if (!r->computed[k]) {
			cxm__jw_null(w, cxm__survey_metric_key(k));
			continue;
		}
		cxm__jw_array(w, cxm__survey_metric_key(k), CXM__JSON_INLINE);
		for (i = 0; i < r->m[k].n_na; i++)
			cxm__jw_number(w, NULL, r->m[k].na[i]);
		cxm__jw_end(w);
	}
	cxm__jw_end(w);
}

/* The members of one cell: a member per metric (null when not computed; an
 * array when it has several columns), the missing answers per metric, and
 * when codes were set the no-answer counts and the codes. */
static void json_cell(cxm__jw *w, const cxm_survey_report *r, const cxm__cell *cell)
{
	size_t i;
	int k;
	for (k = 0; k < CXM__SURVEY_METRICS; k++) {
		const char *word = cxm__survey_metric_key(k);
		if (!r->computed[k]) {
			cxm__jw_null(w, word);
		} else if (r->m[k].n_columns == 1) {
			json_metric(w, r, cell, r->first[k], word);
		} else {
			cxm__jw_array(w, word, CXM__JSON_BLOCK);
			for (i = 0; i < r->m[k].n_columns; i++)
				json_metric(w, r, cell, r->first[k] + i, NULL);
			cxm__jw_end(w);
		}
	}
	json_counts(w, r, cell, "missing", 0);
	if (r->any_na) {
		json_counts(w, r, cell, "no_answer", 1);
		json_codes(w, r);
	}
}

static void render_json(cxm__buf *b, const cxm_survey_report *r)
{
	char note[512];
	cxm__jw w;
	size_t c;
	int k;
	cxm__jw_init(&w, b);
	cxm__jw_object(&w, NULL, CXM__JSON_BLOCK);
	cxm__jw_string(&w, "file", r->path);
	cxm__jw_number(&w, "rows", (double)r->rows);
	cxm__jw_number(&w, "conf", r->conf);
	cxm__jw_string(&w, "nan_policy", cxm__names_word(&cxm__nan_policy_names, r->nan_policy));
	/* every row: the metrics at the top level */
	for (c = 0; c < r->n_cells; c++)
		if (r->cells[c].label == NULL)
			json_cell(&w, r, &r->cells[c]);
	cxm__jw_array(&w, "notes", CXM__JSON_BLOCK);
	for (k = 0; k < CXM__SURVEY_METRICS; k++) {
		if (!skipped(r, k))
			continue;
		cxm__snprintf_c(note, sizeof note, "%s skipped: there is no column '%s' in the file",
			 cxm__survey_metrics[k]->name, skipped(r, k));
		cxm__jw_string(&w, NULL, note);
	}
	cxm__jw_end(&w);
	cxm__jw_end(&w);
}

cxm_status cxm_survey_report_render(char **out, const cxm_survey_report *report, int format)
{
	cxm__buf b;
	int rc;
	if (out == NULL)
		return cxm__fail(CXM_EBAD_ARG, "char **out is NULL");
	*out = NULL;
	if ((rc = cxm__check_ptr(report, "report")) < 0 || (rc = cxm__names_check(&cxm__format_names, format)) < 0)
		return rc;
	if (report->grouped && (format == CXM_FORMAT_TEXT || format == CXM_FORMAT_JSON || format == CXM_FORMAT_CSV))
		return cxm__survey_render_grouped(out, report, format);
	if (format == CXM_FORMAT_HTML) /* any report: its tables (a plain report: its one cell) */
		return cxm__survey_render_html(out, report->cells_table, report->g.n_groups ? report->vs_rest_table : NULL,
					       report->drivers_table, report->themes_table);
	if (format != CXM_FORMAT_TEXT && format != CXM_FORMAT_JSON)
		return cxm__fail(CXM_EBAD_ARG, "the survey report is rendered as text or json, not %s",
				 cxm__names_word(&cxm__format_names, format));
	cxm__buf_init(&b);
	if (format == CXM_FORMAT_TEXT)
		render_text(&b, report);
	else
		render_json(&b, report);
	return cxm__buf_finish(&b, out);
}
