/* lib/core/xsum.c - exact sums of non-negative doubles (see xsum.h). */
#include <math.h>
#include <string.h>
#include "xsum.h"

#define DIGIT_MASK 0xffffffffu
/* Each add puts < 2^32 into a digit, so 2^31 adds fit in 63 bits; normalise well before. */
#define PENDING_MAX (1u << 30)

static void normalise(cxm__xsum *s)
{
	uint64_t carry = 0;
	int i;
	for (i = 0; i < CXM__XSUM_DIGITS; i++) {
		uint64_t v = s->digit[i] + carry;
		s->digit[i] = v & DIGIT_MASK;
		carry = v >> 32;
	}
	s->pending = 0;
}

void cxm__xsum_init(cxm__xsum *s)
{
	memset(s, 0, sizeof *s);
}

void cxm__xsum_add(cxm__xsum *s, double x)
{
	int exp;
	double frac;
	uint64_t mant, lo, hi;
	int pos, i, shift;

	if (x == 0.0)
		return;
	/* x = mant * 2^(exp - 53) with a 53-bit integer mant (subnormals: fewer bits). */
	frac = frexp(x, &exp);
	mant = (uint64_t)ldexp(frac, 53);
	pos = exp - 53 + 1074; /* bit position of mant's lowest bit */
	if (pos < 0) {         /* subnormal: mant has trailing zero bits to spare */
		mant >>= -pos;
		pos = 0;
	}
	i = pos / 32;
	shift = pos % 32;
	lo = (mant & DIGIT_MASK) << shift; /* < 2^63 */
	hi = (mant >> 32) << shift;        /* < 2^52 */
	s->digit[i] += lo & DIGIT_MASK;
	s->digit[i + 1] += (lo >> 32) + (hi & DIGIT_MASK);
	s->digit[i + 2] += hi >> 32;
	if (++s->pending >= PENDING_MAX)
		normalise(s);
}

void cxm__xsum_merge(cxm__xsum *s, const cxm__xsum *t)
{
	cxm__xsum u = *t;
	int i;
	normalise(s);
	normalise(&u);
	for (i = 0; i < CXM__XSUM_DIGITS; i++)
		s->digit[i] += u.digit[i];
	normalise(s);
}

double cxm__xsum_round(const cxm__xsum *in)
{
	cxm__xsum s = *in;
	int top, topbit, low, i, sh, j;
	uint64_t window;

	normalise(&s);
	for (top = CXM__XSUM_DIGITS - 1; top >= 0 && s.digit[top] == 0; top--)
		;
	if (top < 0)
		return 0.0;
	topbit = top * 32 + 63 - __builtin_clzll(s.digit[top]);
	if (topbit < 64) /* fits in 64 bits: the conversion rounds correctly */
		return ldexp((double)(s.digit[0] | (s.digit[1] << 32)), -1074);
	/* The 64 bits [low, topbit]; the hardware conversion rounds them to 53
	 * bits correctly, provided a non-zero remainder below `low` is folded into
	 * the lowest bit (it sits under the rounding position, so it only breaks
	 * exact ties, which is what the remainder means). */
	low = topbit - 63;
	i = low / 32;
	sh = low % 32;
	if (sh == 0)
		window = s.digit[i] | (s.digit[i + 1] << 32);
	else
		window = (s.digit[i] >> sh) | (s.digit[i + 1] << (32 - sh)) |
			 (s.digit[i + 2] << (64 - sh));
	if (sh && (s.digit[i] & ((1ull << sh) - 1)))
		window |= 1;
	for (j = 0; j < i; j++)
		if (s.digit[j])
			window |= 1;
	return ldexp((double)window, low - 1074);
}
