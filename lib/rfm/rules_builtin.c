/* lib/rfm/rules_builtin.c - the published segment tables (spec §7.3, §7.4). */
#include <string.h>
#include "rfm_internal.h"
#include "names.h"

typedef struct builtin_rule {
	const char *name;
	unsigned int r_lo, r_hi, f_lo, f_hi, m_lo, m_hi;
} builtin_rule;

/* Set A: the 11-row table printed in the rfm vignettes until May 2023 (commit
 * 6d77021); "<= k" reads 1..k. Hibernating precedes Lost with the same ranges,
 * so under first match Lost is unreachable: kept, as the source has it. */
static const builtin_rule vignette_11[] = {
	{ "Champions", 4, 5, 4, 5, 4, 5 },
	{ "Loyal Customers", 2, 5, 3, 5, 3, 5 },
	{ "Potential Loyalist", 3, 5, 1, 3, 1, 3 },
	{ "New Customers", 4, 5, 1, 1, 1, 1 },
	{ "Promising", 3, 4, 1, 1, 1, 1 },
	{ "Need Attention", 2, 3, 2, 3, 2, 3 },
	{ "About To Sleep", 2, 3, 1, 2, 1, 2 },
	{ "At Risk", 1, 2, 2, 5, 2, 5 },
	{ "Can't Lose Them", 1, 1, 4, 5, 4, 5 },
	{ "Hibernating", 1, 2, 1, 2, 1, 2 },
	{ "Lost", 1, 2, 1, 2, 1, 2 },
	{ NULL, 0, 0, 0, 0, 0, 0 }
};

/* Set B (the default): the arrays the vignettes, the 0.2.x examples and
 * tests/test-rfm-segment.R actually pass to rfm_segment(): set A without
 * Hibernating. */
static const builtin_rule r_02x[] = {
	{ "Champions", 4, 5, 4, 5, 4, 5 },
	{ "Loyal Customers", 2, 5, 3, 5, 3, 5 },
	{ "Potential Loyalist", 3, 5, 1, 3, 1, 3 },
	{ "New Customers", 4, 5, 1, 1, 1, 1 },
	{ "Promising", 3, 4, 1, 1, 1, 1 },
	{ "Need Attention", 2, 3, 2, 3, 2, 3 },
	{ "About To Sleep", 2, 3, 1, 2, 1, 2 },
	{ "At Risk", 1, 2, 2, 5, 2, 5 },
	{ "Can't Lose Them", 1, 1, 4, 5, 4, 5 },
	{ "Lost", 1, 2, 1, 2, 1, 2 },
	{ NULL, 0, 0, 0, 0, 0, 0 }
};

/* Set C: the rfm 0.3.0 (CRAN 2023) rfm_segment() example. */
static const builtin_rule r_030[] = {
	{ "Champions", 5, 5, 5, 5, 5, 5 },
	{ "Potential Loyalist", 3, 5, 3, 5, 2, 5 },
	{ "Loyal Customers", 2, 4, 2, 4, 2, 4 },
	{ "Promising", 3, 4, 1, 3, 3, 5 },
	{ "New Customers", 4, 5, 1, 3, 1, 5 },
	{ "Can't Lose Them", 1, 2, 3, 4, 4, 5 },
	{ "At Risk", 1, 2, 2, 5, 4, 5 },
	{ "Need Attention", 1, 3, 3, 5, 3, 5 },
	{ "About To Sleep", 2, 3, 1, 3, 1, 4 },
	{ "Lost", 1, 1, 1, 5, 1, 5 },
	{ NULL, 0, 0, 0, 0, 0, 0 }
};

/* The Python rfm package (sonwanesuresh95/rfm, RFM.find_segments), first match;
 * an unconstrained dimension is 1..5. */
static const builtin_rule py_rfm[] = {
	{ "Champions", 4, 5, 4, 5, 4, 5 },
	{ "Promising", 4, 5, 1, 2, 3, 5 },
	{ "Loyal Accounts", 3, 5, 3, 5, 3, 5 },
	{ "Potential Loyalist", 3, 5, 2, 3, 2, 4 },
	{ "New Active Accounts", 5, 5, 1, 1, 1, 5 },
	{ "Low Spenders", 3, 5, 1, 5, 1, 2 },
	{ "Need Attention", 2, 3, 1, 2, 4, 5 },
	{ "About to Sleep", 2, 3, 1, 2, 1, 3 },
	{ "At Risk", 1, 2, 1, 5, 3, 5 },
	{ "Lost", 1, 2, 1, 5, 1, 2 },
	{ NULL, 0, 0, 0, 0, 0, 0 }
};

/* The sets by name; a set's value is its index in tables[]. */
static const cxm__word set_words[] = {
	{ "r_02x", 0 }, { "vignette_11", 1 }, { "r_030", 2 }, { "py_rfm", 3 }
};
const cxm__names cxm__rfm_rules_names = CXM__NAMES("rules", set_words, 0);
static const builtin_rule *const tables[] = { r_02x, vignette_11, r_030, py_rfm };

cxm_status cxm_rfm_rules_builtin(cxm_rfm_rules **out, const char *name)
{
	const builtin_rule *b;
	cxm_rfm_rules *t;
	int rc, set;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(name, "name")) < 0)
		return rc;
	if ((rc = cxm__names_parse(&set, &cxm__rfm_rules_names, name, "the rule table")) < 0)
		return rc;
	b = tables[set];
	if ((rc = cxm_rfm_rules_new(&t)) < 0)
		return rc;
	for (; b->name; b++) {
		if ((rc = cxm_rfm_rules_add(t, b->name, b->r_lo, b->r_hi, b->f_lo, b->f_hi, b->m_lo,
					    b->m_hi)) < 0) {
			cxm_rfm_rules_free(t);
			return rc;
		}
	}
	*out = t;
	return CXM_OK;
}
