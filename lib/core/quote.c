/* lib/core/quote.c - text in messages: the caller's data made safe to quote on one line, and lists of names. */
#include <stdio.h>
#include <string.h>
#include "internal.h"

void cxm__quote_text(char *dst, size_t cap, const char *s, size_t len)
{
	size_t i, n = len < CXM__QUOTE_MAX ? len : CXM__QUOTE_MAX;
	size_t room;
	if (cap == 0)
		return;
	room = cap - 1;
	if (n > room)
		n = room;
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		/* messages are one line: no line breaks or other control bytes */
		dst[i] = (ch < 0x20 || ch == 0x7f) ? '?' : (char)ch;
	}
	if (len > n && n + 3 <= room) {
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
		k = snprintf(buf + used, cap - used, "%s%s", sep, name);
		if (k < 0 || (size_t)k >= cap - used) {
			if (cap >= 4)
				memcpy(buf + cap - 4, "...", 4);
			return;
		}
		used += (size_t)k;
	}
}
