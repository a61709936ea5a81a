/* lib/core/quote.c - text in messages: the caller's data made safe to quote on one line, and lists of names. */
#include <stdio.h>
#include <string.h>
#include "internal.h"

/* Length of the valid UTF-8 sequence at s (at most len bytes), or 0 when the
 * bytes there are not one (a stray continuation byte, an overlong form, a
 * surrogate, beyond U+10FFFF, cut short). */
static size_t utf8_len(const unsigned char *s, size_t len)
{
	size_t n, i;
	unsigned int cp;
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1fu;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0fu;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07u;
	else
		return 0;
	if (n > len)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3fu);
	}
	if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return n;
}

void cxm__quote_text(char *dst, size_t cap, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t limit = len < CXM__QUOTE_MAX ? len : CXM__QUOTE_MAX;
	size_t i = 0, n = 0, room;
	if (cap == 0)
		return;
	room = cap - 1;
	/* messages are one line of UTF-8 (they become Python and Ruby strings): a
	 * tab reads "\t", other control bytes and bytes that are not UTF-8 '?',
	 * and a character is never cut in half */
	while (i < limit) {
		size_t k = utf8_len(u + i, len - i);
		if (u[i] == '\t') {
			if (n + 2 > room)
				break;
			dst[n++] = '\\';
			dst[n++] = 't';
			i++;
		} else if (k == 0 || u[i] < 0x20 || u[i] == 0x7f) {
			if (n + 1 > room)
				break;
			dst[n++] = '?';
			i++;
		} else {
			if (n + k > room || i + k > limit)
				break;
			memcpy(dst + n, s + i, k);
			n += k;
			i += k;
		}
	}
	if (i < len && n + 3 <= room) {
		memcpy(dst + n, "...", 3);
		n += 3;
	}
	dst[n] = '\0';
}

void cxm__join_names(char *buf, size_t cap, size_t n, const char *(*name_at)(const void *ctx, size_t i),
		     const void *ctx, int quote, const char *last)
{
	char quoted[CXM__QUOTE_MAX + 4];
	size_t used = 0, i;
	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		const char *name = name_at(ctx, i), *sep = i == 0 ? "" : i + 1 == n && last ? last : ", ";
		int k;
		if (quote) {
			cxm__quote_text(quoted, sizeof quoted, name, strlen(name));
			name = quoted;
		}
		k = cxm__snprintf_c(buf + used, cap - used, "%s%s", sep, name);
		if (k < 0 || (size_t)k >= cap - used) {
			if (cap >= 4)
				memcpy(buf + cap - 4, "...", 4);
			return;
		}
		used += (size_t)k;
	}
}
