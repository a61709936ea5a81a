/*
 * lib/report/journey_text.c - numbers, durations and labels as the journey
 * page prints them (spec §26). Every number goes through the "C"-locale
 * helpers (cxm__snprintf_c), every text from the data through cxm__buf_html.
 */
#include <math.h>
#include <string.h>
#include "internal.h"
#include "io/io_internal.h"
#include "journey_internal.h"

void cxm__journey_duration(cxm__buf *b, double s)
{
	/* the unit that keeps the number between about 1 and 100: a time to the
	 * next step reads as "3.2 h", not "11520 s" */
	static const struct { double size; const char *unit; } units[] = {
		{ 86400.0, "d" }, { 3600.0, "h" }, { 60.0, "min" }, { 1.0, "s" }
	};
	size_t i;
	if (isnan(s)) {
		cxm__buf_puts(b, "n/a");
		return;
	}
	for (i = 0; i + 1 < sizeof units / sizeof *units && fabs(s) < 2.0 * units[i].size; i++)
		;
	cxm__buf_printf(b, "%.3g %s", s / units[i].size, units[i].unit);
}

void cxm__journey_label(cxm__buf *b, const cxm_table *t, size_t col, size_t row)
{
	int type = CXM_TABLE_TEXT;
	cxm_table_column_type(&type, t, col);
	if (type == CXM_TABLE_TEXT) {
		cxm__buf_html(b, cxm_table_texts(t, col)[row]);
	} else {
		double day = cxm_table_numbers(t, col)[row];
		long y;
		int m, d;
		if (!isfinite(day)) {
			cxm__buf_puts(b, "n/a");
			return;
		}
		cxm__civil_from_days((long)day, &y, &m, &d);
		cxm__buf_printf(b, "%04ld-%02d-%02d", y, m, d);
	}
}

void cxm__journey_short(cxm__buf *b, const char *s, size_t max_chars)
{
	/* a label in a chart has a fixed room left of the bars: a long name is cut
	 * at a character boundary (UTF-8 continuation bytes are not counted), with
	 * an ellipsis; the chart's <title> and the table keep it whole */
	size_t i, chars = 0, cut = SIZE_MAX;
	cxm__buf part;
	if (s == NULL)
		return;
	for (i = 0; s[i]; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80 && ++chars == max_chars)
			cut = i; /* the first byte of the last character that fits with the ellipsis */
	if (chars <= max_chars || cut == SIZE_MAX) {
		cxm__buf_html(b, s);
		return;
	}
	cxm__buf_init(&part);
	cxm__buf_append(&part, s, cut);
	if (part.rc == CXM_OK) {
		cxm__buf_putc(&part, '\0');
		cxm__buf_html(b, part.text);
	} else if (b->rc == CXM_OK) {
		b->rc = part.rc;
	}
	cxm__buf_free(&part);
	cxm__buf_puts(b, "&#8230;");
}
