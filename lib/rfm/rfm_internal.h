/* lib/rfm/rfm_internal.h - what the RFM files share: the rule table and an exact signed sum. */
#ifndef CXM_RFM_INTERNAL_H
#define CXM_RFM_INTERNAL_H

#include <stddef.h>
#include "internal.h"
#include "xsum.h"

/* One segment: a name and inclusive [lo, hi] ranges for R, F and M (index 0, 1, 2). */
typedef struct cxm__rfm_rule {
	char *name; /* owned copy */
	unsigned int lo[3], hi[3];
} cxm__rfm_rule;

struct cxm_rfm_rules {
	cxm__rfm_rule *rule; /* rule[0..count-1], in match order */
	size_t count, cap;
};

/** Index of the matching rule (first or last per `match`, validated), or rules->count. */
size_t cxm__rfm_match(const cxm_rfm_rules *rules, unsigned int r, unsigned int f, unsigned int m,
		      int match);

/*
 * Exact sum of finite doubles of either sign, correctly rounded once, which is
 * what Python's math.fsum returns. The core accumulator (xsum.h) takes only
 * x >= 0, so positive and negative parts are summed exactly apart and their
 * exact difference is rounded: no intermediate rounding at all.
 */
typedef struct cxm__ssum {
	cxm__xsum pos, neg;
} cxm__ssum;

void cxm__ssum_init(cxm__ssum *s);
/** Add a finite x (callers validate). */
void cxm__ssum_add(cxm__ssum *s, double x);
/** The sum, correctly rounded to nearest even; +-inf when it overflows a double. */
double cxm__ssum_round(const cxm__ssum *s);

#endif
