/*
 * lib/report/render_grouped.c - a grouped or trended report as text, JSON
 * or CSV, from its output tables only (tables.c; spec §18.7): what any
 * other consumer of the tables would see.
 *  - CSV: the cells table (cxm_table_render), tidy;
 *  - JSON: {file, rows, skipped: {reason: count}, settings: {by, time,
 *    every, utc_offset, min_n, adjust, conf}, cells: [...], vs_rest: [...]};
 *  - text: the cells, then the groups against the rest, as aligned tables.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "report_internal.h"
#include "buf.h"
#include "io/io_internal.h"

static const char *const period_words[] = { "day", "week", "month", "quarter", "year" };

/* The rows of a table as JSON objects, one a line, under `key`. */
static void json_rows(cxm__jw *w, const char *key, const cxm_table *t)
{
	size_t i, c, n = cxm_table_rows(t), nc = cxm_table_column_count(t);
	cxm__jw_array(w, key, CXM__JSON_BLOCK);
	for (i = 0; i < n; i++) {
		cxm__jw_object(w, NULL, CXM__JSON_INLINE);
		for (c = 0; c < nc; c++) {
			const char *name = cxm_table_column_name(t, c);
			int type;
			cxm_table_column_type(&type, t, c);
			if (type == CXM_TABLE_TEXT)
				cxm__jw_string(w, name, cxm_table_texts(t, c)[i]);
			else
				cxm__jw_number(w, name, cxm_table_numbers(t, c)[i]);
		}
		cxm__jw_end(w);
	}
	cxm__jw_end(w);
}

static void render_json(cxm__buf *b, const cxm_survey_report *r)
{
	char offset[16];
	cxm__jw w;
	size_t g;
	int k, off = r->g.utc_offset;
	cxm__jw_init(&w, b);
	cxm__jw_object(&w, NULL, CXM__JSON_BLOCK);
	cxm__jw_string(&w, "file", r->path);
	cxm__jw_number(&w, "rows", (double)r->rows);
	cxm__jw_object(&w, "skipped", CXM__JSON_INLINE);
	for (k = 0; k < CXM__SURVEY_SKIPS; k++)
		cxm__jw_number(&w, cxm__names_word(&cxm__survey_skip_names, k), (double)r->skipped[k]);
	cxm__jw_end(&w);
	cxm__jw_object(&w, "settings", CXM__JSON_INLINE);
	cxm__jw_array(&w, "by", CXM__JSON_INLINE);
	for (g = 0; g < r->g.n_groups; g++)
		cxm__jw_string(&w, NULL, r->g.group[g]);
	cxm__jw_end(&w);
	if (r->g.time) {
		cxm__jw_string(&w, "time", r->g.time);
		cxm__jw_string(&w, "every", period_words[r->g.period]);
		cxm__snprintf_c(offset, sizeof offset, "%c%02d:%02d", off < 0 ? '-' : '+', (off < 0 ? -off : off) / 60,
				(off < 0 ? -off : off) % 60);
		cxm__jw_string(&w, "utc_offset", offset);
	} else {
		cxm__jw_null(&w, "time");
		cxm__jw_null(&w, "every");
		cxm__jw_null(&w, "utc_offset");
	}
	cxm__jw_number(&w, "min_n", (double)r->g.min_n);
	cxm__jw_string(&w, "adjust", cxm__names_word(&cxm__p_adjust_names, r->g.adjust));
	cxm__jw_number(&w, "conf", r->conf);
	cxm__jw_end(&w);
	json_rows(&w, "cells", r->cells_table);
	if (r->g.n_groups)
		json_rows(&w, "vs_rest", r->vs_rest_table);
	else
		cxm__jw_null(&w, "vs_rest");
	if (r->drivers_table) {
		/* the drivers' model in one object: its attributes, then its rows */
		double x;
		const char *outcome = NULL;
		cxm__jw_object(&w, "drivers", CXM__JSON_BLOCK);
		cxm_table_get_attr_text(&outcome, r->drivers_table, "outcome");
		cxm__jw_string(&w, "outcome", outcome ? outcome : "");
		cxm__jw_number(&w, "r2", cxm_table_get_attr_number(&x, r->drivers_table, "r2") == CXM_OK ? x : NAN);
		cxm__jw_number(&w, "n", cxm_table_get_attr_number(&x, r->drivers_table, "n") == CXM_OK ? x : NAN);
		cxm__jw_number(&w, "rows_dropped",
			       cxm_table_get_attr_number(&x, r->drivers_table, "rows_dropped") == CXM_OK ? x : NAN);
		json_rows(&w, "drivers", r->drivers_table);
		cxm__jw_end(&w);
	} else {
		cxm__jw_null(&w, "drivers");
	}
	if (r->themes_table)
		json_rows(&w, "themes", r->themes_table);
	else
		cxm__jw_null(&w, "themes");
	cxm__jw_end(&w);
}

/* ---- text ------------------------------------------------------------------------- */

#define MAXCOLS 32
#define CELL 48

/* One number as the text table shows it: counts whole, p-values with 4
 * decimals, everything else with 1; NaN as "-". */
static void format_cell(char *buf, const char *column, double x)
{
	if (isnan(x))
		cxm__snprintf_c(buf, CELL, "-");
	else if (strcmp(column, "n") == 0 || strcmp(column, "rest_n") == 0)
		cxm__snprintf_c(buf, CELL, "%.0f", x);
	else if (strncmp(column, "p_", 2) == 0)
		cxm__snprintf_c(buf, CELL, "%.4f", x);
	else if (strcmp(column, "change") == 0 || strcmp(column, "diff") == 0)
		cxm__snprintf_c(buf, CELL, "%+.1f", x);
	else if (strcmp(column, "correlation") == 0 || strcmp(column, "relative_weight") == 0 ||
		 strcmp(column, "shapley") == 0)
		cxm__snprintf_c(buf, CELL, "%.3f", x);
	else if (strcmp(column, "comments") == 0 || strcmp(column, "mentions") == 0)
		cxm__snprintf_c(buf, CELL, "%.0f", x);
	else
		cxm__snprintf_c(buf, CELL, "%.1f", x);
}

/* The columns of a table a person reads, by name; the rest are in JSON/CSV. */
static int shown(const char *name, const char *const *hide, size_t n_hide)
{
	size_t i;
	for (i = 0; i < n_hide; i++)
		if (strcmp(name, hide[i]) == 0)
			return 0;
	return 1;
}

static void text_table(cxm__buf *b, const cxm_table *t, const char *const *hide, size_t n_hide)
{
	size_t n = cxm_table_rows(t), nc = cxm_table_column_count(t), i, c, cols[MAXCOLS], m = 0, width[MAXCOLS];
	int text[MAXCOLS];
	char cell[CELL];
	size_t sup = (size_t)-1;
	for (c = 0; c < nc && m < MAXCOLS; c++) {
		const char *name = cxm_table_column_name(t, c);
		if (strcmp(name, "suppressed") == 0)
			sup = c;
		if (!shown(name, hide, n_hide))
			continue;
		cxm_table_column_type(&text[m], t, c);
		text[m] = text[m] == CXM_TABLE_TEXT;
		cols[m] = c;
		width[m++] = strlen(name);
	}
	for (i = 0; i < n; i++)
		for (c = 0; c < m; c++) {
			const char *name = cxm_table_column_name(t, cols[c]);
			size_t len;
			if (text[c])
				len = strlen(cxm_table_texts(t, cols[c])[i]);
			else {
				format_cell(cell, name, cxm_table_numbers(t, cols[c])[i]);
				len = strlen(cell);
			}
			if (len > width[c])
				width[c] = len;
		}
	for (c = 0; c < m; c++)
		cxm__buf_printf(b, text[c] ? "%s%-*s" : "%s%*s", c ? "  " : "", (int)width[c],
				cxm_table_column_name(t, cols[c]));
	cxm__buf_puts(b, "\n");
	for (i = 0; i < n; i++) {
		int suppressed = sup != (size_t)-1 && cxm_table_numbers(t, sup)[i] == 1.0;
		for (c = 0; c < m; c++) {
			const char *name = cxm_table_column_name(t, cols[c]);
			if (text[c]) {
				cxm__buf_printf(b, "%s%-*s", c ? "  " : "", (int)width[c], cxm_table_texts(t, cols[c])[i]);
				continue;
			}
			format_cell(cell, name, cxm_table_numbers(t, cols[c])[i]);
			cxm__buf_printf(b, "%s%*s", c ? "  " : "", (int)width[c], cell);
		}
		cxm__buf_puts(b, suppressed ? "  suppressed\n" : "\n");
	}
}

static void render_text(cxm__buf *b, const cxm_survey_report *r)
{
	static const char *const hide_cells[] = { "suppressed", "missing", "promoters", "passives", "detractors",
						  "wald_lower", "wald_upper" };
	static const char *const hide_rest[] = { "suppressed" };
	char conf[32];
	size_t skipped = 0;
	int k;
	for (k = 0; k < CXM__SURVEY_SKIPS; k++)
		skipped += r->skipped[k];
	cxm__snprintf_c(conf, sizeof conf, "%g%%", 100.0 * r->conf);
	cxm__buf_printf(b, "Survey report: %s\n", r->path);
	cxm__buf_printf(b, "%zu data row%s", r->rows, r->rows == 1 ? "" : "s");
	if (skipped) {
		int first = 1;
		cxm__buf_printf(b, ", %zu skipped (", skipped);
		for (k = 0; k < CXM__SURVEY_SKIPS; k++)
			if (r->skipped[k]) {
				cxm__buf_printf(b, "%s%s %zu", first ? "" : ", ", cxm__names_word(&cxm__survey_skip_names, k),
						r->skipped[k]);
				first = 0;
			}
		cxm__buf_puts(b, ")");
	}
	cxm__buf_printf(b, "; intervals at %s confidence; cells under %zu answers suppressed; p adjusted by %s\n",
			conf, r->g.min_n, r->g.adjust == 0 ? "none" : r->g.adjust == 1 ? "Holm" : "Benjamini-Hochberg");
	cxm__buf_puts(b, "\nCells (score: NPS points, % for csat and ces_agree, mean answer, seconds for times;"
			 " change against the previous period)\n");
	text_table(b, r->cells_table, hide_cells, CXM__COUNT_OF(hide_cells));
	if (r->g.n_groups && cxm_table_rows(r->vs_rest_table)) {
		cxm__buf_puts(b, "\nEach group against the rest of its period\n");
		text_table(b, r->vs_rest_table, hide_rest, CXM__COUNT_OF(hide_rest));
	}
	if (r->drivers_table) {
		static const char *const hide_drivers[] = { "rw_lower", "rw_upper", "shapley_lower", "shapley_upper" };
		double r2 = NAN, n = NAN;
		const char *outcome = "";
		cxm_table_get_attr_number(&r2, r->drivers_table, "r2");
		cxm_table_get_attr_number(&n, r->drivers_table, "n");
		cxm_table_get_attr_text(&outcome, r->drivers_table, "outcome");
		cxm__buf_printf(b, "\nKey drivers of %s (R2 %.3f, %.0f rows; shares in %% of R2)\n", outcome, r2, n);
		text_table(b, r->drivers_table, hide_drivers, CXM__COUNT_OF(hide_drivers));
	}
	if (r->themes_table) {
		cxm__buf_puts(b, "\nThemes in comments (score of those who mention each against the other commenters)\n");
		text_table(b, r->themes_table, hide_rest, CXM__COUNT_OF(hide_rest));
	}
}

int cxm__survey_render_grouped(char **out, const cxm_survey_report *r, int format)
{
	cxm__buf b;
	if (format == CXM_FORMAT_CSV)
		return cxm_table_render(out, r->cells_table, CXM_FORMAT_CSV);
	cxm__buf_init(&b);
	if (format == CXM_FORMAT_TEXT)
		render_text(&b, r);
	else
		render_json(&b, r);
	return cxm__buf_finish(&b, out);
}
