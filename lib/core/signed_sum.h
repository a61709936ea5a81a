/*
 * lib/core/signed_sum.h - exact sums of finite doubles of either sign,
 * correctly rounded once, which is what Python's math.fsum returns (the
 * references for RFM monetary values and CLV summaries, where refunds make
 * amounts negative). The core accumulator (xsum.h) takes only x >= 0, so
 * positive and negative parts are summed exactly apart and their exact
 * difference is rounded: no intermediate rounding at all.
 */
#ifndef CXM_SIGNED_SUM_H
#define CXM_SIGNED_SUM_H

#include "xsum.h"

typedef struct cxm__ssum {
	cxm__xsum pos, neg;
} cxm__ssum;

void cxm__ssum_init(cxm__ssum *s);
/** Add a finite x (callers validate). */
void cxm__ssum_add(cxm__ssum *s, double x);
/** The sum, correctly rounded to nearest even; +-inf when it overflows a double. */
double cxm__ssum_round(const cxm__ssum *s);

#endif
