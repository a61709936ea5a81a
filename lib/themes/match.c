/*
 * lib/themes/match.c - which themes a comment mentions (spec §20.3, §20.4).
 *
 * The comment is decoded and folded lazily by a small cursor (no copy, no
 * scratch: the function allocates nothing and any number of threads may
 * share one table). At each folded code point not preceded by a letter or
 * digit, the words starting with that code point and the next (two buckets
 * of the table: themes_internal.h) are compared from there; a word matches when the code point after it is
 * not a letter or digit either. A phrase's space matches a run of one or
 * more whitespace code points, taken greedily: the phrase's next code point
 * is never whitespace, so greedy is exact (as the regex \s+ before a literal).
 */
#include <string.h>
#include "internal.h"
#include "themes_internal.h"

/* The folded code points of a text, one at a time; a fold of 2 or 3 code points is handed out in turn. */
typedef struct cursor {
	const unsigned char *s;
	size_t pos;
	uint32_t pend[3];
	int n_pend, i_pend;
} cursor;

static uint32_t next_cp(cursor *c)
{
	uint32_t cp;
	if (c->i_pend < c->n_pend)
		return c->pend[c->i_pend++];
	cp = c->s[c->pos];
	if (cp < 0x80) { /* the ASCII fast path */
		if (cp == 0)
			return CXM__THEMES_END;
		c->pos++;
		return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
	}
	if ((cp = cxm__themes_decode(c->s, &c->pos)) == CXM__THEMES_BAD)
		return cp;
	c->n_pend = cxm__themes_fold(cp, c->pend);
	c->i_pend = 1;
	return c->pend[0];
}

static int is_alnum(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
	return cp < CXM__THEMES_BAD && cxm__themes_is_alnum(cp);
}

/* Does word w match at the cursor (a copy)? */
static int match_at(cursor c, const cxm__theme_word *w)
{
	size_t j;
	uint32_t cp;
	for (j = 0; j < w->len; j++) {
		cp = next_cp(&c);
		if (w->cp[j] == CXM__THEMES_SPACE) {
			cursor save;
			if (!cxm__themes_is_space(cp))
				return 0;
			for (;;) {
				save = c;
				cp = next_cp(&c);
				if (cp == CXM__THEMES_END || cp == CXM__THEMES_BAD || !cxm__themes_is_space(cp)) {
					c = save;
					break;
				}
			}
		} else if (cp != w->cp[j]) {
			return 0;
		}
	}
	cp = next_cp(&c);
	return !is_alnum(cp);
}

/* The words of bucket b that start with c0 (and c1, for words of two or more) matching at `at`; how many themes newly hit. */
static size_t try_bucket(unsigned char *hits, const cxm_themes *t, size_t b, uint32_t c0, uint32_t c1,
			 const cursor *at)
{
	size_t k, n = 0;
	for (k = t->start[b]; k < t->start[b + 1]; k++) {
		const cxm__theme_word *w = &t->words[k];
		if (hits[w->theme] || w->cp[0] != c0 || (w->len > 1 && w->cp[1] != c1))
			continue;
		if (match_at(*at, w)) {
			hits[w->theme] = 1;
			n++;
		}
	}
	return n;
}

cxm_status cxm_themes_match(unsigned char *hits, size_t n_hits, const cxm_themes *t, const char *text)
{
	cursor c, at;
	uint32_t cp;
	int prev_alnum = 0, rc;
	size_t b, left;
	if ((rc = cxm__check_ptr(hits, "hits")) < 0 || (rc = cxm__check_ptr(t, "themes")) < 0 ||
	    (rc = cxm__check_ptr(text, "text")) < 0)
		return rc;
	if (n_hits < t->n_themes)
		return cxm__fail(CXM_EBAD_ARG, "n_hits = %zu is smaller than the %zu themes", n_hits, t->n_themes);
	memset(hits, 0, t->n_themes);
	memset(&c, 0, sizeof c);
	c.s = (const unsigned char *)text;
	left = t->n_themes;
	for (;;) {
		if (!prev_alnum) /* only a word start needs where it began */
			at = c;
		cp = next_cp(&c);
		if (cp == CXM__THEMES_END)
			break;
		if (cp == CXM__THEMES_BAD) {
			memset(hits, 0, t->n_themes);
			return cxm__fail(CXM_EPARSE, "invalid UTF-8 at byte %zu of the comment", c.pos);
		}
		if (!prev_alnum && left) {
			/* the words of one code point starting with cp, then those whose first two are cp, next */
			cursor peek = c;
			uint32_t next = next_cp(&peek);
			if (next < CXM__THEMES_BAD && cxm__themes_is_space(next))
				next = CXM__THEMES_SPACE;
			b = CXM__THEMES_PAIRS + cp % CXM__THEMES_SINGLES;
			left -= try_bucket(hits, t, b, cp, CXM__THEMES_END, &at);
			if (left && next < CXM__THEMES_BAD)
				left -= try_bucket(hits, t, CXM__THEMES_PAIR(cp, next), cp, next, &at);
		}
		prev_alnum = is_alnum(cp);
	}
	return CXM_OK;
}
