/*
 * lib/core/xsum.h - exact sums of non-negative doubles.
 *
 * Floating-point addition is not associative, so a sum of weights split
 * across chunks or threads would differ in the last bits from the one-shot
 * sum. This accumulator keeps the sum exactly, as a fixed-point number wide
 * enough for every finite double, and rounds once (to nearest, ties to even)
 * when asked: sums are independent of order and split, and equal to Python's
 * math.fsum, which the reference uses.
 */
#ifndef CXM_XSUM_H
#define CXM_XSUM_H

#include <stdint.h>

/* 32-bit digits from 2^-1074 upward: 2098 bits of finite doubles + carry room. */
#define CXM__XSUM_DIGITS 70

typedef struct cxm__xsum {
	uint64_t digit[CXM__XSUM_DIGITS]; /* value = sum digit[i] 2^(32 i - 1074) */
	uint32_t pending;                 /* adds since the last carry propagation */
} cxm__xsum;

void cxm__xsum_init(cxm__xsum *s);
/** Add a finite x >= 0 (callers validate). */
void cxm__xsum_add(cxm__xsum *s, double x);
/** s += t. */
void cxm__xsum_merge(cxm__xsum *s, const cxm__xsum *t);
/** The sum, correctly rounded. */
double cxm__xsum_round(const cxm__xsum *s);

#endif
