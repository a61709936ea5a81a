/*
 * lib/core/internal.h - what every module of the library shares: failing with
 * a message, argument checks, allocation. Never installed; cxm__ names are
 * never exported.
 */
#ifndef CXM_INTERNAL_H
#define CXM_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include "cxmetrics.h"

#if defined(__GNUC__)
#  define CXM__PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#  define CXM__PRINTF(a, b)
#endif

/*
 * Number text in the "C" locale whatever the caller's locale (locale.c):
 * every snprintf, vsnprintf and strtod of the library goes through these, so
 * that a host's setlocale(LC_ALL, "") never turns 0.5 into "0,5".
 */
int cxm__vsnprintf_c(char *dst, size_t cap, const char *fmt, va_list ap) CXM__PRINTF(3, 0);
int cxm__snprintf_c(char *dst, size_t cap, const char *fmt, ...) CXM__PRINTF(3, 4);
double cxm__strtod_c(const char *s, char **end);

/** Record `code` and a printf-style message as this thread's last error; return code. */
int cxm__fail(int code, const char *fmt, ...) CXM__PRINTF(2, 3);

/** Prefix the current last error's message with "context: "; return its code. */
int cxm__error_context(const char *context);

/**
 * Prefix the current last error's message with the customer of row `row`
 * (0-based) of the caller's arrays, "customer 'b' (row 2): ", so that a bad
 * value is named by the id the caller gave rather than by an index alone;
 * return its code. id NULL or "": "a row without a customer id (row 2): ".
 */
int cxm__customer_context(const char *id, size_t row);

/**
 * Check a result struct before writing it: non-NULL, and a version this
 * library knows (1..current). `type` names it in the message.
 */
int cxm__check_out(const void *out, unsigned int version, unsigned int current, const char *type);

/** cxm__check_out on a result pointer `out` that may be NULL. */
#define CXM__CHECK_OUT(out, current, type) \
	cxm__check_out((out), (out) ? (out)->version : 0u, (current), (type))

/** NULL check for a pointer argument that must be set. */
int cxm__check_ptr(const void *p, const char *what);

/** An array argument: NULL is allowed only when n == 0. */
int cxm__check_array(const void *p, size_t n, const char *what);

/** A nan_policy argument. */
int cxm__check_nan_policy(int policy);

/**
 * A day number: NaN is NAN, anything but a finite whole number BAD_ARG. The
 * message names `what`, or `what[i]` when `indexed` (formatted only on failure).
 */
int cxm__check_day(double day, const char *what, int indexed, size_t i);

/**
 * A weight: finite, >= 0 and at most 2^256, so that sums of weights and of
 * their squares stay finite for any number of rows (2^53 rows of 2^256 sum to
 * 2^309, their squares to 2^565). BAD_WEIGHTS names weights[i] and the value.
 */
int cxm__check_weight(double w, size_t i);

/** A count given as a double: an integer in [0, 2^53]. Writes it to *out. */
int cxm__count(uint64_t *out, double x, const char *what);

/**
 * The critical value: z itself when z != CXM_Z_FROM_CONF (finite, > 0), else
 * Phi^-1((1 + conf) / 2) with conf in (0, 1).
 */
int cxm__crit(double *out, double conf, double z);

/* How much of a bad value a message quotes. */
#define CXM__QUOTE_MAX 40

/**
 * Copy at most CXM__QUOTE_MAX bytes of s[0..len) into dst (capacity cap),
 * whole UTF-8 characters only, so that a message stays one line of UTF-8: a
 * tab becomes "\t", other control bytes and bytes that are not UTF-8 '?';
 * "..." appended when shortened. dst is always NUL-terminated (cap > 0).
 */
void cxm__quote_text(char *dst, size_t cap, const char *s, size_t len);

/**
 * The n names name_at(ctx, 0..n-1) as a message lists them, "a, b, c" (or
 * "a, b or c" with last = " or "), each through cxm__quote_text when quote is
 * set (names from a file), cut with "..." when they do not fit in buf (cap > 0).
 */
void cxm__join_names(char *buf, size_t cap, size_t n, const char *(*name_at)(const void *ctx, size_t i),
		     const void *ctx, int quote, const char *last);

/* Allocation through the hook of sys/alloc.h. */
void *cxm__malloc(size_t size);
void *cxm__calloc(size_t count, size_t size);
void *cxm__realloc(void *p, size_t size);
void cxm__free(void *p);
char *cxm__strdup(const char *s);
/** Allocate count * size bytes, failing with CXM_ENOMEM (and a message naming `what`) on overflow or exhaustion. */
int cxm__alloc_array(void *out_ptr, size_t count, size_t size, const char *what);
/**
 * cxm__alloc_array for a large array about to be written whole: where the OS
 * allows (Linux, transparent huge pages in "madvise" mode) it starts on a
 * 2 MiB boundary and is backed by 2 MiB pages, so that writing it faults once
 * per 2 MiB instead of once per 4 KiB. Faults are what fresh memory costs
 * (on a virtual machine a 4 KiB fault can take 15 us: 30 ms for a million
 * doubles, ten times the work done in them). *block is what to free, with
 * cxm__free_big; up to 4 MiB more address space is reserved, untouched.
 */
int cxm__alloc_big(void *out_ptr, void **block, size_t count, size_t size, const char *what);
/** Free a block of cxm__alloc_big (NULL: nothing). */
void cxm__free_big(void *block);

#endif
