/*
 * lib/report/journey_table.c - a journey table as an HTML table (spec §26):
 * every column of the table, in its order, so that the page never shows
 * fewer numbers than the CSV; numbers for people in the cells and exactly
 * (shortest round-trip) in data-v, which the page's few lines of script sort
 * by when a header is clicked. Without the script the table reads the same.
 */
#include <math.h>
#include <string.h>
#include "internal.h"
#include "journey_internal.h"

static int is_p(const char *name)
{
	return strcmp(name, "p_value") == 0 || strcmp(name, "p_adjusted") == 0;
}

/* One number cell: "–" for NaN ("suppressed" in a suppressed row). */
static void number_cell(cxm__buf *b, double x, const char *name, int suppressed_row)
{
	char num[CXM__NUMBER_MAX];
	if (isnan(x)) {
		cxm__buf_puts(b, suppressed_row ? "<td data-v=\"\" class=\"cxs-s\">suppressed</td>" : "<td data-v=\"\">&#8211;</td>");
		return;
	}
	cxm__buf_printf(b, "<td data-v=\"%s\">", isfinite(x) ? cxm__format_number(num, x) : x > 0 ? "1e999" : "-1e999");
	if (is_p(name) && x < 0.001)
		cxm__buf_puts(b, "&lt;0.001");
	else if (is_p(name))
		cxm__buf_printf(b, "%.3f", x);
	else
		cxm__page_value(b, x);
	cxm__buf_puts(b, "</td>");
}

void cxm__journey_table(cxm__buf *b, const cxm_table *t, size_t n_gcols)
{
	size_t cols = cxm_table_column_count(t), rows = cxm_table_rows(t), i, j, k, c_supp = SIZE_MAX;
	const double *supp = NULL;
	for (j = 0; j < cols; j++) {
		int type = -1;
		if (strcmp(cxm_table_column_name(t, j), "suppressed") == 0 &&
		    cxm_table_column_type(&type, t, j) == CXM_OK && type == CXM_TABLE_NUMBER) {
			c_supp = j;
			supp = cxm_table_numbers(t, j);
		}
	}
	if (rows == 0) {
		cxm__buf_puts(b, "<p class=\"cxs-note\">The table has no rows.</p>\n");
		return;
	}
	cxm__buf_puts(b, "<div class=\"cxs-wrap\"><table class=\"cxs-sort\"><thead><tr>");
	for (j = 0; j < cols; j++) {
		int type = CXM_TABLE_TEXT;
		if (j == c_supp)
			continue;
		cxm_table_column_type(&type, t, j);
		cxm__buf_printf(b, "<th scope=\"col\"%s title=\"click to sort\">",
				type == CXM_TABLE_NUMBER ? " data-num=\"1\"" : " class=\"cxs-t\"");
		cxm__buf_html(b, cxm_table_column_name(t, j));
		cxm__buf_puts(b, "</th>");
	}
	cxm__buf_puts(b, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < rows && b->rc == CXM_OK; i++) {
		int s = supp && supp[i] != 0.0 && !isnan(supp[i]), total = n_gcols > 0;
		for (k = 0; k < n_gcols; k++)
			total &= strcmp(cxm_table_texts(t, k)[i], "(all)") == 0;
		cxm__buf_printf(b, "<tr%s>", s ? " class=\"cxs-suppressed\"" : total ? " class=\"cxs-total\"" : "");
		for (j = 0; j < cols; j++) {
			int type = CXM_TABLE_TEXT;
			if (j == c_supp)
				continue;
			cxm_table_column_type(&type, t, j);
			if (type == CXM_TABLE_NUMBER) {
				number_cell(b, cxm_table_numbers(t, j)[i], cxm_table_column_name(t, j), s);
				continue;
			}
			cxm__buf_puts(b, "<td class=\"cxs-t\">");
			cxm__journey_label(b, t, j, i);
			cxm__buf_puts(b, "</td>");
		}
		cxm__buf_puts(b, "</tr>\n");
	}
	cxm__buf_puts(b, "</tbody></table></div>\n");
}
