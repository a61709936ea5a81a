/*
 * lib/themes/themes_internal.h - the theme table's layout and the Unicode
 * helpers the matcher shares with the table reader (spec §20).
 */
#ifndef CXM_THEMES_INTERNAL_H
#define CXM_THEMES_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "cxmetrics/themes.h"

/* A code point that folds to 1..3 code points (gen_unicode.py). */
typedef struct cxm__fold_entry {
	uint16_t cp;
	uint8_t n;
	uint16_t to[3];
} cxm__fold_entry;
typedef struct cxm__cp_range {
	uint32_t lo, hi;
} cxm__cp_range;
extern const cxm__fold_entry cxm__themes_folds[];
extern const size_t cxm__themes_n_folds;
extern const cxm__cp_range cxm__themes_alnum[];
extern const size_t cxm__themes_n_alnum;

/* The code point the pattern uses for "a run of whitespace" (a phrase's space). */
#define CXM__THEMES_SPACE 0x20u
/* The end of the text, as a code point no text holds. */
#define CXM__THEMES_END 0xFFFFFFFFu

/**
 * Decode one UTF-8 code point of s (NUL-terminated) at s[*pos], strictly as
 * Python's "strict" decoder: no overlong form, no surrogate, nothing above
 * U+10FFFF. Returns the code point and advances *pos; CXM__THEMES_END at the
 * NUL (pos unchanged); CXM__THEMES_BAD (pos unchanged) for invalid bytes.
 */
#define CXM__THEMES_BAD 0xFFFFFFFEu
uint32_t cxm__themes_decode(const unsigned char *s, size_t *pos);
/** The full case folding of cp into to[0..n) (n = 1..3), as str.casefold() for cp <= U+052F. */
int cxm__themes_fold(uint32_t cp, uint32_t to[3]);
/** 1 when cp is a letter or digit (str.isalnum()), else 0. */
int cxm__themes_is_alnum(uint32_t cp);
/** 1 when cp is whitespace (str.isspace()), else 0. */
int cxm__themes_is_space(uint32_t cp);
/** The byte offset of the first invalid UTF-8 sequence of s, or SIZE_MAX when valid. */
size_t cxm__themes_invalid_at(const char *s);

/* One word or phrase: its folded code points, a phrase's spaces as CXM__THEMES_SPACE. */
typedef struct cxm__theme_word {
	const uint32_t *cp;
	size_t len;
	size_t theme;
} cxm__theme_word;

/*
 * Words are grouped by their first two folded code points (a phrase's space
 * as CXM__THEMES_SPACE): bucket CXM__THEMES_PAIR(c0, c1) for words of two or
 * more code points, CXM__THEMES_PAIRS + c0 % CXM__THEMES_SINGLES for words of
 * one. At a word start the matcher looks at two buckets only.
 */
#define CXM__THEMES_PAIRS 2048u
#define CXM__THEMES_SINGLES 64u
#define CXM__THEMES_BUCKETS (CXM__THEMES_PAIRS + CXM__THEMES_SINGLES)
#define CXM__THEMES_PAIR(c0, c1) ((((c0) * 2654435761u) ^ ((c1) * 40503u)) % CXM__THEMES_PAIRS)

struct cxm_themes {
	size_t n_themes;
	char **names;                 /* n_themes, NUL-terminated, as in the JSON */
	size_t n_words;
	cxm__theme_word *words;       /* grouped by bucket: bucket b is words[start[b]..start[b+1]) */
	size_t start[CXM__THEMES_BUCKETS + 1];
	uint32_t *cps;                /* the code points of every word, one block */
};

/** Parse JSON text[0..len) and build a table; `what` starts the messages ("themes table FILE"). */
int cxm__themes_from_text(cxm_themes **out, const char *text, size_t len, const char *what);

/* The built-in English table (data/themes_en.json, embedded at build time). */
extern const unsigned char cxm__themes_default_json[];
extern const size_t cxm__themes_default_len;

#endif
