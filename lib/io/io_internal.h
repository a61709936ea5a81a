/*
 * lib/io/io_internal.h - what lib/io offers the rest of the library: a small
 * JSON writer that keeps cJSON inside lib/io/json.c (conventions C10), so no
 * other file includes <cjson/cJSON.h>.
 */
#ifndef CXM_IO_INTERNAL_H
#define CXM_IO_INTERNAL_H

#include <stddef.h>
#include "internal.h"

/* A JSON value under construction (a cJSON node behind an opaque type). */
typedef struct cxm__json cxm__json;

/** A new empty object. Errors: NOMEM. */
int cxm__json_new_object(cxm__json **out);

/** Free a value and everything under it; NULL is a no-op. */
void cxm__json_free(cxm__json *value);

/** obj[key] = a new empty object (or array), returned borrowed in *child. Errors: NOMEM. */
int cxm__json_add_object(cxm__json **child, cxm__json *obj, const char *key);
int cxm__json_add_array(cxm__json **child, cxm__json *obj, const char *key);

/** obj[key] = x; NaN and +-inf become null (JSON has no such numbers). Errors: NOMEM. */
int cxm__json_add_number(cxm__json *obj, const char *key, double x);

/** obj[key] = s (copied), or null when s is NULL. Errors: NOMEM. */
int cxm__json_add_string(cxm__json *obj, const char *key, const char *s);

/** obj[key] = null. Errors: NOMEM. */
int cxm__json_add_null(cxm__json *obj, const char *key);

/** Append a copy of s to an array. Errors: NOMEM. */
int cxm__json_append_string(cxm__json *array, const char *s);

/**
 * Print a value, indented, with a final newline, into a string from
 * cxm__malloc (the caller frees it with cxm_free). Errors: NOMEM.
 */
int cxm__json_print(char **out, cxm__json *value);

/* How much of a bad value a message quotes. */
#define CXM__QUOTE_MAX 40

/**
 * Copy at most CXM__QUOTE_MAX bytes of s[0..len) into dst (capacity cap),
 * control bytes replaced by '?' so that a message stays on one line, and
 * "..." appended when shortened. dst is always NUL-terminated (cap > 0).
 */
void cxm__quote_text(char *dst, size_t cap, const char *s, size_t len);

#endif
