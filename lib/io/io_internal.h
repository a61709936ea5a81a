/*
 * lib/io/io_internal.h - what lib/io offers the rest of the library: a small
 * JSON writer that keeps cJSON inside lib/io/json.c (conventions C10), so no
 * other file includes <cjson/cJSON.h>.
 */
#ifndef CXM_IO_INTERNAL_H
#define CXM_IO_INTERNAL_H

#include <stddef.h>
#include "buf.h"
#include "internal.h"

/* ---- writing JSON ----------------------------------------------------------
 * The one JSON writer: the survey report, fitted models and tables all come
 * out through it, into a cxm__buf (a string, or chunks sent to a sink). It
 * writes as it goes, so a table of a million rows is never a tree in memory.
 * Numbers take the shortest text that reads back exactly (cxm__format_number);
 * NaN and infinities are null (JSON has no such numbers). Failures stick in
 * the buffer (cxm__buf_finish reports them).
 *
 * A container is laid out as a block (one member per line, indented by two
 * spaces) or inline ({"r": 0.24, "alpha": 4.4} on one line); whatever a
 * block holds starts on a line of its own.
 */
enum { CXM__JSON_BLOCK = 0, CXM__JSON_INLINE = 1 };
#define CXM__JSON_DEPTH 16

typedef struct cxm__jw {
	cxm__buf *out;
	int depth;
	/* per open container: its closing bracket, whether it is inline, and
	 * whether it has a member yet */
	char close[CXM__JSON_DEPTH];
	unsigned char inline_[CXM__JSON_DEPTH];
	unsigned char any[CXM__JSON_DEPTH];
} cxm__jw;

void cxm__jw_init(cxm__jw *w, cxm__buf *out);
/* Open an object or an array: a member of the current object under `key`,
 * or (key NULL) a top-level value or an array element. */
void cxm__jw_object(cxm__jw *w, const char *key, int layout);
void cxm__jw_array(cxm__jw *w, const char *key, int layout);
/* Close the innermost container; after the top level one, a newline. */
void cxm__jw_end(cxm__jw *w);
void cxm__jw_number(cxm__jw *w, const char *key, double x);
/* A string (escaped; UTF-8 passes as it is), or null for NULL. */
void cxm__jw_string(cxm__jw *w, const char *key, const char *s);
void cxm__jw_bool(cxm__jw *w, const char *key, int b);
void cxm__jw_null(cxm__jw *w, const char *key);

/* ---- CSV -------------------------------------------------------------------- */

/** A delimiter cxm_csv_open takes: not '"', a line break or NUL (BAD_ARG names it). */
int cxm__csv_check_delimiter(char d);

#endif
