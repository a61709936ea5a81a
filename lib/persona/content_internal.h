/*
 * lib/persona/content_internal.h - what the persona content files (names.c,
 * rules.c) share: lists of strings read from JSON, ASCII case-insensitive
 * comparison.
 */
#ifndef CXM_PERSONA_CONTENT_INTERNAL_H
#define CXM_PERSONA_CONTENT_INTERNAL_H

#include <stddef.h>
#include "io/io_internal.h"

/* Strings owned through the allocator hook (cxm__malloc). */
typedef struct cxm__pstrings {
	char **v;
	size_t n;
} cxm__pstrings;

void cxm__pstrings_free(cxm__pstrings *s);

/**
 * A string or (array_ok) an array of strings from v into *out, each non-empty:
 * messages "<what>: <where>\"<key>\" must be ...". Errors: PARSE, NOMEM.
 */
int cxm__pstrings_read(cxm__pstrings *out, const cxm__jv *v, int array_ok, const char *what,
		       const char *where, const char *key);

/** ASCII case-insensitive equality. */
int cxm__ascii_eq(const char *a, const char *b);

/**
 * Fail with PARSE on a key of obj not in keys[0..n) or given twice: "<what>:
 * <where>unknown key \"k\" (the keys are a, b, c)".
 */
int cxm__known_keys(const cxm__jv *obj, const char *const *keys, size_t n, const char *what, const char *where);

#endif
