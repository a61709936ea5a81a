/* lib/rfm/rfm_internal.h - what the RFM files share: the rule table (and, from the core, the exact signed sum). */
#ifndef CXM_RFM_INTERNAL_H
#define CXM_RFM_INTERNAL_H

#include <stddef.h>
#include "internal.h"
#include "signed_sum.h"

/* One segment: a name and inclusive [lo, hi] ranges for R, F and M (index 0, 1, 2). */
typedef struct cxm__rfm_rule {
	char *name; /* owned copy */
	unsigned int lo[3], hi[3];
} cxm__rfm_rule;

struct cxm_rfm_rules {
	cxm__rfm_rule *rule; /* rule[0..count-1], in match order */
	size_t count, cap;
};

/**
 * A caller-sized output: NULL only with n_out 0, and room for `need`
 * entries ("n_scores = 3 is smaller than the 5 customers").
 */
int cxm__rfm_check_out(const void *out, size_t n_out, size_t need, const char *what, const char *of);

/** Index of the matching rule (first or last per `match`, validated), or rules->count. */
size_t cxm__rfm_match(const cxm_rfm_rules *rules, unsigned int r, unsigned int f, unsigned int m,
		      int match);

/* ---- the scored-table files (scored.c, summary.c, migration.c) ---- */

/** A NUMBER column of t by name; BAD_ARG names it and `table` ("customers"). */
int cxm__rfm_number_column(const double **values, const cxm_table *t, const char *name, const char *table);

/** A TEXT column of t by name (and its index). */
int cxm__rfm_text_column(const char *const **texts, size_t *col, const cxm_table *t, const char *name,
			 const char *table);

/** *rules, or the built-in CXM_RFM_RULES_DEFAULT when it is NULL (then *owned is it, to free). */
int cxm__rfm_rules_or_default(const cxm_rfm_rules **rules, cxm_rfm_rules **owned);

#endif
