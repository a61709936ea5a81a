/*
 * lib/io/json_writer.c - the library's one JSON writer (io_internal.h):
 * straight into a cxm__buf, member by member, with no tree in memory.
 */
#include <math.h>
#include <string.h>
#include "io_internal.h"

void cxm__jw_init(cxm__jw *w, cxm__buf *out)
{
	memset(w, 0, sizeof *w);
	w->out = out;
}

static void newline(cxm__jw *w)
{
	int i;
	cxm__buf_putc(w->out, '\n');
	for (i = 0; i < w->depth; i++)
		cxm__buf_puts(w->out, "  ");
}

static void string(cxm__buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	cxm__buf_putc(b, '"');
	for (; *p; p++) {
		switch (*p) {
		case '"': cxm__buf_puts(b, "\\\""); break;
		case '\\': cxm__buf_puts(b, "\\\\"); break;
		case '\n': cxm__buf_puts(b, "\\n"); break;
		case '\r': cxm__buf_puts(b, "\\r"); break;
		case '\t': cxm__buf_puts(b, "\\t"); break;
		case '\b': cxm__buf_puts(b, "\\b"); break;
		case '\f': cxm__buf_puts(b, "\\f"); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				cxm__buf_printf(b, "\\u%04x", *p);
			else
				cxm__buf_putc(b, (char)*p);
		}
	}
	cxm__buf_putc(b, '"');
}

/* The separator, the line break and the key before a value. */
static void member(cxm__jw *w, const char *key)
{
	if (w->depth > 0) {
		int d = w->depth - 1;
		if (w->any[d])
			cxm__buf_puts(w->out, w->inline_[d] ? ", " : ",");
		w->any[d] = 1;
		if (!w->inline_[d])
			newline(w);
	}
	if (key) {
		string(w->out, key);
		cxm__buf_puts(w->out, ": ");
	}
}

static void open_container(cxm__jw *w, const char *key, int layout, char open_bracket, char close_bracket)
{
	member(w, key);
	if (w->depth >= CXM__JSON_DEPTH) {
		if (w->out->rc == CXM_OK)
			w->out->rc = cxm__fail(CXM_EBAD_ARG, "JSON nested deeper than %d levels", CXM__JSON_DEPTH);
		return;
	}
	cxm__buf_putc(w->out, open_bracket);
	w->close[w->depth] = close_bracket;
	/* inside an inline container everything is inline */
	w->inline_[w->depth] = (unsigned char)(layout == CXM__JSON_INLINE ||
					       (w->depth > 0 && w->inline_[w->depth - 1]));
	w->any[w->depth] = 0;
	w->depth++;
}

void cxm__jw_object(cxm__jw *w, const char *key, int layout)
{
	open_container(w, key, layout, '{', '}');
}

void cxm__jw_array(cxm__jw *w, const char *key, int layout)
{
	open_container(w, key, layout, '[', ']');
}

void cxm__jw_end(cxm__jw *w)
{
	int d;
	if (w->depth == 0)
		return;
	d = --w->depth;
	if (w->any[d] && !w->inline_[d])
		newline(w);
	cxm__buf_putc(w->out, w->close[d]);
	if (w->depth == 0)
		cxm__buf_putc(w->out, '\n');
}

void cxm__jw_number(cxm__jw *w, const char *key, double x)
{
	member(w, key);
	if (isfinite(x))
		cxm__buf_number(w->out, x);
	else
		cxm__buf_puts(w->out, "null");
}

void cxm__jw_string(cxm__jw *w, const char *key, const char *s)
{
	member(w, key);
	if (s)
		string(w->out, s);
	else
		cxm__buf_puts(w->out, "null");
}

void cxm__jw_bool(cxm__jw *w, const char *key, int b)
{
	member(w, key);
	cxm__buf_puts(w->out, b ? "true" : "false");
}

void cxm__jw_null(cxm__jw *w, const char *key)
{
	member(w, key);
	cxm__buf_puts(w->out, "null");
}
