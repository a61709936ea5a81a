/*
 * lib/persona/quotes.c - a persona's quotes (spec §15.6): the comments of
 * the customers closest to the segment's profile that pass the length
 * bounds, the blocklist and the checks for e-mail addresses and long runs of
 * digits, without repeats, and only when min_n or more of the segment's
 * customers commented.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "persona_internal.h"

/* Code points of a valid UTF-8 text s[0..len), or (size_t)-1 when it is not
 * valid (overlong forms, surrogates, code points above U+10FFFF, truncated). */
static size_t utf8_length(const unsigned char *s, size_t len)
{
	size_t i = 0, n = 0;
	while (i < len) {
		unsigned c = s[i];
		size_t k, extra;
		unsigned long cp;
		if (c < 0x80) {
			i++;
			n++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			extra = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			extra = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			extra = 3;
			cp = c & 0x07;
		} else {
			return (size_t)-1;
		}
		if (len - i <= extra)
			return (size_t)-1;
		for (k = 1; k <= extra; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return (size_t)-1;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((extra == 2 && cp < 0x800) || (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return (size_t)-1;
		i += extra + 1;
		n++;
	}
	return n;
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* A byte that belongs to a word: ASCII letters and digits, '_', and every
 * byte of a multi-byte UTF-8 character (so "café" is one word). */
static int word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

/* Whether `word` occurs in s[0..len) as a whole word, ASCII case-insensitively. */
static int has_word(const char *s, size_t len, const char *word)
{
	size_t w = strlen(word), i, k;
	if (w == 0 || w > len)
		return 0;
	for (i = 0; i + w <= len; i++) {
		for (k = 0; k < w && lower((unsigned char)s[i + k]) == lower((unsigned char)word[k]); k++)
			;
		if (k < w)
			continue;
		if ((i > 0 && word_byte((unsigned char)s[i - 1]) && word_byte((unsigned char)word[0])) ||
		    (i + w < len && word_byte((unsigned char)s[i + w]) && word_byte((unsigned char)word[w - 1])))
			continue;
		return 1;
	}
	return 0;
}

static int local_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
	       c == '%' || c == '+' || c == '-';
}

static int label_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

/* An e-mail address: an '@' with a local part before it and, after it, a
 * domain of two or more dot-separated labels ("x@y.z"). */
static int has_email(const char *s, size_t len)
{
	size_t i, j;
	for (i = 1; i + 1 < len; i++) {
		int labels = 0;
		if (s[i] != '@' || !local_byte((unsigned char)s[i - 1]))
			continue;
		for (j = i + 1;;) {
			size_t start = j;
			while (j < len && label_byte((unsigned char)s[j]))
				j++;
			if (j == start)
				break;
			labels++;
			if (j + 1 < len && s[j] == '.' && label_byte((unsigned char)s[j + 1]))
				j++;
			else
				break;
		}
		if (labels >= 2)
			return 1;
	}
	return 0;
}

static int separator(char c)
{
	return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/';
}

/* A run of 7 or more digits; up to two separators (space - . ( ) /) between
 * digits do not end it, so phone numbers written "020 7946 0958" count. */
static int has_digit_run(const char *s, size_t len)
{
	size_t i = 0, digits = 0, gap = 0;
	for (i = 0; i < len; i++) {
		if (s[i] >= '0' && s[i] <= '9') {
			if (++digits >= 7)
				return 1;
			gap = 0;
		} else if (digits > 0 && separator(s[i]) && gap < 2) {
			gap++;
		} else {
			digits = 0;
			gap = 0;
		}
	}
	return 0;
}

static int space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

int cxm__persona_pick_quotes(cxm_persona_set *set, cxm__persona *p, const char *const *comments, const size_t *rows,
			     const double *distance, size_t n_rows, const cxm_persona_opts *opts)
{
	size_t want = opts ? opts->quotes : CXM_PERSONA_QUOTES_DEFAULT;
	size_t lo = opts ? opts->quote_min : CXM_PERSONA_QUOTE_MIN_DEFAULT;
	size_t hi = opts ? opts->quote_max : CXM_PERSONA_QUOTE_MAX_DEFAULT;
	size_t min_n = opts ? opts->min_n : CXM_PERSONA_MIN_N_DEFAULT;
	size_t i, k, commented = 0, n = 0;
	cxm__quote *q;
	p->quotes = NULL;
	p->n_quotes = 0;
	if (p->suppressed || want == 0 || !comments)
		return CXM_OK;
	for (i = 0; i < n_rows; i++)
		if (comments[rows[i]] && comments[rows[i]][0])
			commented++;
	if (commented < min_n)
		return CXM_OK;
	if (!(q = CXM__PERSONA_NEW(set, cxm__quote, want)))
		return cxm__fail(CXM_ENOMEM, "no memory for a persona's quotes");
	for (i = 0; i < n_rows && n < want; i++) {
		const char *c = comments[rows[i]];
		size_t len, chars;
		if (!c)
			continue;
		/* surrounding white space is not part of the quote */
		while (space(*c))
			c++;
		len = strlen(c);
		while (len > 0 && space(c[len - 1]))
			len--;
		if (len == 0)
			continue;
		chars = utf8_length((const unsigned char *)c, len);
		if (chars == (size_t)-1 || chars < lo || chars > hi)
			continue;
		if (has_email(c, len) || has_digit_run(c, len))
			continue;
		if (opts) {
			for (k = 0; k < opts->n_blocklist; k++)
				if (has_word(c, len, opts->blocklist[k]))
					break;
			if (k < opts->n_blocklist)
				continue;
		}
		for (k = 0; k < n; k++)
			if (strlen(q[k].text) == len && memcmp(q[k].text, c, len) == 0)
				break;
		if (k < n)
			continue;
		if (!(q[n].text = cxm__persona_alloc(set, len + 1)))
			return cxm__fail(CXM_ENOMEM, "no memory for a persona's quotes");
		memcpy(q[n].text, c, len);
		q[n].text[len] = '\0';
		q[n].distance = distance ? distance[i] : NAN;
		n++;
	}
	p->quotes = n ? q : NULL;
	p->n_quotes = n;
	return CXM_OK;
}
