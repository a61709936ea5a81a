/* lib/core/signed_sum.c - exact sums of doubles of both signs (see signed_sum.h). */
#include "signed_sum.h"

void cxm__ssum_init(cxm__ssum *s)
{
	cxm__xsum_init(&s->pos);
	cxm__xsum_init(&s->neg);
}

void cxm__ssum_add(cxm__ssum *s, double x)
{
	if (x > 0.0)
		cxm__xsum_add(&s->pos, x);
	else if (x < 0.0)
		cxm__xsum_add(&s->neg, -x);
}

/* Propagate carries so that every digit is < 2^32 (value = sum digit[i] 2^(32 i - 1074)). */
static void carry(cxm__xsum *s)
{
	uint64_t c = 0;
	int i;
	for (i = 0; i < CXM__XSUM_DIGITS; i++) {
		uint64_t v = s->digit[i] + c;
		s->digit[i] = v & 0xffffffffu;
		c = v >> 32;
	}
	s->pending = 0;
}

/* -1, 0, 1 as a <, ==, > b (both carried). */
static int compare(const cxm__xsum *a, const cxm__xsum *b)
{
	int i;
	for (i = CXM__XSUM_DIGITS - 1; i >= 0; i--)
		if (a->digit[i] != b->digit[i])
			return a->digit[i] > b->digit[i] ? 1 : -1;
	return 0;
}

double cxm__ssum_round(const cxm__ssum *s)
{
	cxm__xsum a = s->pos, b = s->neg, d;
	const cxm__xsum *big, *small;
	uint64_t borrow = 0;
	int cmp, i;
	carry(&a);
	carry(&b);
	cmp = compare(&a, &b);
	if (cmp == 0)
		return 0.0; /* as fsum: an exact cancellation is +0 */
	big = cmp > 0 ? &a : &b;
	small = cmp > 0 ? &b : &a;
	/* big - small digit by digit; the difference is exact and non-negative,
	 * so the core's correctly rounding conversion applies to it unchanged. */
	for (i = 0; i < CXM__XSUM_DIGITS; i++) {
		uint64_t sub = small->digit[i] + borrow;
		if (big->digit[i] >= sub) {
			d.digit[i] = big->digit[i] - sub;
			borrow = 0;
		} else {
			d.digit[i] = big->digit[i] + (1ull << 32) - sub;
			borrow = 1;
		}
	}
	d.pending = 0;
	return cmp > 0 ? cxm__xsum_round(&d) : -cxm__xsum_round(&d);
}
