/*
 * lib/themes/fold.c - UTF-8 decoding, case folding and the letter, digit and
 * space classes of the theme matcher (spec §20.2, §20.3).
 *
 * Folding is Unicode full case folding (CaseFolding.txt C + F, as Python's
 * str.casefold()) for U+0000..U+052F: ASCII, Latin-1 Supplement, Latin
 * Extended-A/B, IPA, Greek and Coptic, Cyrillic and its supplement; a compact
 * table of the 421 code points there that fold (unicode_tables.c). Code
 * points above U+052F (Latin Extended Additional, Greek Extended, Armenian,
 * Georgian, Cherokee, fullwidth forms, ...) are compared as they are: they
 * are out of scope, a choice made to keep the table small (spec §20.2).
 * Letters and digits are every code point str.isalnum() accepts (all of
 * Unicode, 730 ranges), so boundaries agree with Python's \w less '_' in
 * every script.
 */
#include "themes_internal.h"

uint32_t cxm__themes_decode(const unsigned char *s, size_t *pos)
{
	const unsigned char *p = s + *pos;
	uint32_t c = p[0], min;
	int n, i;
	if (c < 0x80) {
		if (c == 0)
			return CXM__THEMES_END;
		*pos += 1;
		return c;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 1;
		c &= 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 2;
		c &= 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 3;
		c &= 0x07;
		min = 0x10000;
	} else {
		return CXM__THEMES_BAD;
	}
	for (i = 1; i <= n; i++) {
		if ((p[i] & 0xC0) != 0x80) /* also stops at the NUL */
			return CXM__THEMES_BAD;
		c = (c << 6) | (p[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return CXM__THEMES_BAD;
	*pos += (size_t)n + 1;
	return c;
}

size_t cxm__themes_invalid_at(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t pos = 0;
	uint32_t c;
	for (;;) {
		while (u[pos] && u[pos] < 0x80)
			pos++;
		if ((c = cxm__themes_decode(u, &pos)) == CXM__THEMES_END)
			return SIZE_MAX;
		if (c == CXM__THEMES_BAD)
			return pos;
	}
}

int cxm__themes_fold(uint32_t cp, uint32_t to[3])
{
	size_t lo = 0, hi = cxm__themes_n_folds, mid;
	if (cp < 0x80) {
		to[0] = cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
		return 1;
	}
	if (cp <= 0x52F) {
		while (lo < hi) {
			mid = (lo + hi) / 2;
			if (cxm__themes_folds[mid].cp < cp)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < cxm__themes_n_folds && cxm__themes_folds[lo].cp == cp) {
			const cxm__fold_entry *e = &cxm__themes_folds[lo];
			to[0] = e->to[0];
			to[1] = e->to[1];
			to[2] = e->to[2];
			return e->n;
		}
	}
	to[0] = cp;
	return 1;
}

int cxm__themes_is_alnum(uint32_t cp)
{
	size_t lo = 0, hi = cxm__themes_n_alnum, mid;
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || ((cp | 32) >= 'a' && (cp | 32) <= 'z');
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (cxm__themes_alnum[mid].hi < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < cxm__themes_n_alnum && cxm__themes_alnum[lo].lo <= cp;
}

int cxm__themes_is_space(uint32_t cp)
{
	/* str.isspace(): categories Zs, Zl, Zp and the bidi classes WS, B, S */
	if (cp < 0x80)
		return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F);
	switch (cp) {
	case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
		return 1;
	default:
		return cp >= 0x2000 && cp <= 0x200A;
	}
}
