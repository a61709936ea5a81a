/*
 * lib/core/fsum.h - the exact sum of a few finite doubles, rounded once, as
 * Python's math.fsum computes it (spec §0.9): Shewchuk's non-overlapping
 * partials, then CPython's rounding of them (with its half-way correction).
 * For the many small sums of a per-customer aggregation, where the xsum
 * accumulator (xsum.h, signed_sum.h; ~1 KiB to clear per sum) costs more
 * than the rows: nothing to clear, no allocation. Non-overlapping partials
 * of doubles number at most ~40 (2098 bits of exponent range over 53-bit
 * mantissas), so a fixed array holds them.
 */
#ifndef CXM_FSUM_H
#define CXM_FSUM_H

#include <math.h>
#include <stddef.h>

#define CXM__FSUM_PARTIALS 64

typedef struct cxm__fsum {
	double p[CXM__FSUM_PARTIALS];
	size_t n;
	int overflow; /* a partial sum overflowed: the sum is not finite */
} cxm__fsum;

static inline void cxm__fsum_init(cxm__fsum *s)
{
	s->n = 0;
	s->overflow = 0;
}

/** Add a finite x (callers validate). */
static inline void cxm__fsum_add(cxm__fsum *s, double x)
{
	size_t i = 0, j;
	for (j = 0; j < s->n; j++) {
		double y = s->p[j], hi, lo;
		if (fabs(x) < fabs(y)) {
			double t = x;
			x = y;
			y = t;
		}
		hi = x + y;
		lo = y - (hi - x);
		if (lo != 0.0)
			s->p[i++] = lo;
		x = hi;
	}
	if (!isfinite(x))
		s->overflow = 1;
	if (i < CXM__FSUM_PARTIALS) /* always: see the head of the file */
		s->p[i++] = x;
	s->n = i;
}

/** The sum rounded once to nearest even (math.fsum); +-inf after an overflow. */
static inline double cxm__fsum_round(const cxm__fsum *s)
{
	size_t n = s->n;
	double hi = 0.0, lo = 0.0, x, y, yr;
	if (s->overflow)
		return s->p[s->n - 1] < 0 ? -INFINITY : INFINITY;
	if (n == 0)
		return 0.0;
	hi = s->p[--n];
	while (n > 0) { /* add the partials from the top until one is inexact */
		x = hi;
		y = s->p[--n];
		hi = x + y;
		yr = hi - x;
		lo = y - yr;
		if (lo != 0.0)
			break;
	}
	/* half-way case: the rest of the partials decides the rounding */
	if (n > 0 && ((lo < 0.0 && s->p[n - 1] < 0.0) || (lo > 0.0 && s->p[n - 1] > 0.0))) {
		y = lo * 2.0;
		x = hi + y;
		yr = x - hi;
		if (y == yr)
			hi = x;
	}
	return hi;
}

#endif
