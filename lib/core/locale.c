/*
 * lib/core/locale.c - number text that never depends on the caller's locale.
 *
 * A host may call setlocale(LC_ALL, "") (Python's locale module, a Ruby
 * gem, a GUI toolkit): in de_DE the C library's printf then writes "6,25"
 * and strtod stops at the '.' of "0.5". The library's files (CSV, JSON,
 * reports) are defined with '.', so every number it prints or parses goes
 * through these helpers, which use one process-wide "C" locale object.
 * Printing switches only the calling thread (uselocale), never the process
 * (setlocale is not thread-safe and would change the host's own output).
 * Parsing uses strtod_l, which takes the locale as an argument and costs
 * the same as strtod. If newlocale fails (out of memory at the first call),
 * the helpers fall back to the caller's locale: the output is then what it
 * was before this file existed, never a crash.
 */
#define _GNU_SOURCE /* strtod_l (glibc); newlocale and uselocale are POSIX 2008 */
#include <locale.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "internal.h"

static pthread_once_t c_once = PTHREAD_ONCE_INIT;
static locale_t c_locale = (locale_t)0;

static void make_c_locale(void)
{
	c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

/* The "C" locale object, or (locale_t)0 when it could not be made. */
static locale_t c_loc(void)
{
	pthread_once(&c_once, make_c_locale);
	return c_locale;
}

int cxm__vsnprintf_c(char *dst, size_t cap, const char *fmt, va_list ap)
{
	locale_t c = c_loc();
	locale_t old;
	int n;
	if (c == (locale_t)0)
		return vsnprintf(dst, cap, fmt, ap);
	old = uselocale(c);
	n = vsnprintf(dst, cap, fmt, ap);
	uselocale(old);
	return n;
}

int cxm__snprintf_c(char *dst, size_t cap, const char *fmt, ...)
{
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = cxm__vsnprintf_c(dst, cap, fmt, ap);
	va_end(ap);
	return n;
}

double cxm__strtod_c(const char *s, char **end)
{
	locale_t c = c_loc();
	if (c == (locale_t)0)
		return strtod(s, end);
	return strtod_l(s, end, c);
}
