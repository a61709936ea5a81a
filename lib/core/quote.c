/* lib/core/quote.c - text from the caller's data, made safe to quote in a one-line message. */
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
