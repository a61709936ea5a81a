/*
 * lib/core/buf.h - a growing text buffer, what every renderer writes into
 * (the report's text, JSON, CSV).
 *
 * The first failure sticks: later appends do nothing, and the caller checks
 * once at the end (cxm__buf_finish). With a sink the text is handed on in
 * chunks as it grows, so that a table of a million rows need not sit in
 * memory as one string.
 */
#ifndef CXM_BUF_H
#define CXM_BUF_H

#include <stddef.h>
#include "internal.h"

/* Where a sink buffer sends its text: CXM_OK or a negative code (with a message). */
typedef int (*cxm__sink_fn)(void *user, const char *text, size_t len);

typedef struct cxm__buf {
	char *text;
	size_t len, cap;
	int rc;             /* CXM_OK, or the first failure */
	cxm__sink_fn sink;  /* NULL: keep everything */
	void *user;
} cxm__buf;

/* The longest text cxm__format_number writes, NUL included. */
#define CXM__NUMBER_MAX 32

/** An empty buffer that keeps its text (cxm__buf_finish hands it over). */
void cxm__buf_init(cxm__buf *b);

/** An empty buffer that sends its text to sink in chunks of some KiB. */
void cxm__buf_init_sink(cxm__buf *b, cxm__sink_fn sink, void *user);

void cxm__buf_append(cxm__buf *b, const char *s, size_t len);
void cxm__buf_puts(cxm__buf *b, const char *s);
void cxm__buf_putc(cxm__buf *b, char c);
void cxm__buf_printf(cxm__buf *b, const char *fmt, ...) CXM__PRINTF(2, 3);

/** x as cxm__format_number writes it. */
void cxm__buf_number(cxm__buf *b, double x);

/**
 * The end of the text. Without a sink: *out is the NUL-terminated text
 * (the caller frees it with cxm__free / cxm_free), or NULL on failure; with
 * a sink, out may be NULL and the rest is sent. Returns the first failure,
 * or CXM_OK; the buffer is empty afterwards either way.
 */
int cxm__buf_finish(cxm__buf *b, char **out);

/** Drop the text (after a failure elsewhere). */
void cxm__buf_free(cxm__buf *b);

/**
 * Decimal text that reads back (strtod) as exactly x: %.15g, %.16g or
 * %.17g, whichever is the first to round-trip ("2", "0.1",
 * "0.14285714285714285"). For every normal double this is the shortest such
 * text (a number with at most 15 significant digits round-trips, and %g
 * drops trailing zeros); a subnormal may get more digits than it needs.
 * x must be finite. buf holds CXM__NUMBER_MAX bytes. Returns buf.
 */
const char *cxm__format_number(char *buf, double x);

/* The length of the longest prefix of s[0..len) that is valid UTF-8
 * (RFC 3629: no overlong forms, no surrogates, at most U+10FFFF). */
size_t cxm__utf8_valid(const char *s, size_t len);

/* Append s to b with every invalid UTF-8 sequence replaced by U+FFFD. */
void cxm__buf_utf8(cxm__buf *b, const char *s);

/* Append text from the data escaped for HTML text and attributes (& < > " '),
 * invalid UTF-8 as U+FFFD and control characters as spaces: the one escaper of
 * the persona cards and the survey report's page. NULL appends nothing. */
void cxm__buf_html(cxm__buf *b, const char *s);

#endif
