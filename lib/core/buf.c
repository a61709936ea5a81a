/* lib/core/buf.c - a growing text buffer with an optional sink (buf.h). */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"

/* A sink buffer hands its text on once it holds this much. */
#define SINK_CHUNK ((size_t)64 * 1024)

void cxm__buf_init(cxm__buf *b)
{
	memset(b, 0, sizeof *b);
}

void cxm__buf_init_sink(cxm__buf *b, cxm__sink_fn sink, void *user)
{
	cxm__buf_init(b);
	b->sink = sink;
	b->user = user;
}

static void flush(cxm__buf *b)
{
	if (b->rc == CXM_OK && b->len > 0)
		b->rc = b->sink(b->user, b->text, b->len);
	b->len = 0;
}

/* Room for `more` bytes and a NUL after what is there. */
static int reserve(cxm__buf *b, size_t more)
{
	size_t cap;
	char *p;
	if (b->rc < 0)
		return 0;
	if (b->sink && b->len > 0 && b->len + more >= SINK_CHUNK) {
		flush(b);
		if (b->rc < 0)
			return 0;
	}
	if (more < b->cap - b->len)
		return 1;
	if (more > (size_t)-1 / 2 - b->len) {
		b->rc = cxm__fail(CXM_ENOMEM, "text of more than %zu bytes", (size_t)-1 / 2);
		return 0;
	}
	cap = b->cap ? b->cap : 1024;
	while (cap - b->len <= more)
		cap *= 2;
	if ((p = cxm__realloc(b->text, cap)) == NULL) {
		b->rc = cxm__fail(CXM_ENOMEM, "out of memory for %zu bytes of text", cap);
		return 0;
	}
	b->text = p;
	b->cap = cap;
	return 1;
}

void cxm__buf_append(cxm__buf *b, const char *s, size_t len)
{
	if (!reserve(b, len))
		return;
	memcpy(b->text + b->len, s, len);
	b->len += len;
	b->text[b->len] = '\0';
}

void cxm__buf_puts(cxm__buf *b, const char *s)
{
	cxm__buf_append(b, s, strlen(s));
}

void cxm__buf_putc(cxm__buf *b, char c)
{
	cxm__buf_append(b, &c, 1);
}

void cxm__buf_printf(cxm__buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;
	if (b->rc < 0)
		return;
	va_start(ap, fmt);
	n = cxm__vsnprintf_c(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->rc = cxm__fail(CXM_EBAD_ARG, "cannot format text ('%.40s')", fmt);
		return;
	}
	if (!reserve(b, (size_t)n))
		return;
	va_start(ap, fmt);
	cxm__vsnprintf_c(b->text + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

const char *cxm__format_number(char *buf, double x)
{
	int digits;
	/* 17 significant digits always read back; fewer often do, and read better */
	for (digits = 15; digits < 17; digits++) {
		cxm__snprintf_c(buf, CXM__NUMBER_MAX, "%.*g", digits, x);
		if (cxm__strtod_c(buf, NULL) == x)
			return buf;
	}
	cxm__snprintf_c(buf, CXM__NUMBER_MAX, "%.17g", x);
	return buf;
}

void cxm__buf_number(cxm__buf *b, double x)
{
	char text[CXM__NUMBER_MAX];
	cxm__buf_puts(b, cxm__format_number(text, x));
}

int cxm__buf_finish(cxm__buf *b, char **out)
{
	int rc;
	if (out)
		*out = NULL;
	if (b->sink) {
		flush(b);
	} else if (b->rc == CXM_OK) {
		if (!reserve(b, 0)) /* an empty text is still a string */
			goto done;
		b->text[b->len] = '\0';
		if (out) {
			*out = b->text;
			b->text = NULL;
		}
	}
done:
	rc = b->rc;
	cxm__buf_free(b);
	return rc;
}

void cxm__buf_free(cxm__buf *b)
{
	cxm__free(b->text);
	b->text = NULL;
	b->len = b->cap = 0;
}

/* ---- text from data: UTF-8 and HTML --------------------------------------------------- */

size_t cxm__utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		unsigned c = p[i];
		size_t n, k;
		uint32_t cp;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			n = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			cp = c & 0x07;
		} else {
			return i;
		}
		if (len - i <= n)
			return i;
		for (k = 1; k <= n; k++) {
			if ((p[i + k] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (p[i + k] & 0x3F);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += n + 1;
	}
	return len;
}

void cxm__buf_utf8(cxm__buf *b, const char *s)
{
	size_t len = strlen(s), ok;
	while (len > 0) {
		ok = cxm__utf8_valid(s, len);
		cxm__buf_append(b, s, ok);
		if (ok == len)
			break;
		cxm__buf_puts(b, "\xEF\xBF\xBD"); /* U+FFFD for the one bad byte */
		s += ok + 1;
		len -= ok + 1;
	}
}

void cxm__buf_html(cxm__buf *b, const char *s)
{
	size_t len, ok, i;
	if (!s)
		return;
	len = strlen(s);
	while (len > 0) {
		ok = cxm__utf8_valid(s, len);
		for (i = 0; i < ok; i++) {
			unsigned char c = (unsigned char)s[i];
			switch (c) {
			case '&': cxm__buf_puts(b, "&amp;"); break;
			case '<': cxm__buf_puts(b, "&lt;"); break;
			case '>': cxm__buf_puts(b, "&gt;"); break;
			case '"': cxm__buf_puts(b, "&quot;"); break;
			case '\'': cxm__buf_puts(b, "&#39;"); break;
			default: cxm__buf_putc(b, c < 0x20 || c == 0x7f ? ' ' : (char)c);
			}
		}
		if (ok == len)
			break;
		cxm__buf_puts(b, "\xEF\xBF\xBD"); /* U+FFFD for the one bad byte */
		s += ok + 1;
		len -= ok + 1;
	}
}
