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
	char *description; /* owned, or NULL (rule JSON, spec §7.8) */
} cxm__rfm_rule;

struct cxm_rfm_rules {
	cxm__rfm_rule *rule; /* rule[0..count-1], in match order */
	size_t count, cap;
	/* what the rule JSON carries besides the rules (spec §7.8) */
	unsigned int scores; /* K: scores run 1..K (CXM_RFM_BINS_DEFAULT for a new table) */
	int match;           /* cxm_rfm_match the table asks for */
	char *set_name, *source, *description; /* owned, or NULL */
};

/* The built-in sets, embedded from the JSON files of lib/rfm/presets at build time
 * (scripts/embed_presets.py writes rfm_presets.c), by their value in
 * cxm__rfm_rules_names. */
extern const unsigned char *const cxm__rfm_preset_json[];
extern const size_t cxm__rfm_preset_len[];
extern const size_t cxm__rfm_preset_count;

/* The most scores per dimension a rule table may have. */
#define CXM__RFM_SCORES_MAX 100u

/**
 * A caller-sized output: NULL only with n_out 0, and room for `need`
 * entries ("n_scores = 3 is smaller than the 5 customers").
 */
int cxm__rfm_check_out(const void *out, size_t n_out, size_t need, const char *what, const char *of);

/** Index of the matching rule (first or last per `match`, validated), or rules->count. */
size_t cxm__rfm_match(const cxm_rfm_rules *rules, unsigned int r, unsigned int f, unsigned int m,
		      int match);

/* ---- sorting (radix.c) ---- */

/** order = the permutation that sorts the n finite x ascending, stable (ties
 * in input order), by radix. Errors: NOMEM naming `what`. */
int cxm__rfm_radix_order(size_t *order, const double *x, size_t n, const char *what);

/** Sort n finite doubles ascending in place (radix; small inputs by insertion). Errors: NOMEM. */
int cxm__rfm_sort(double *x, size_t n, const char *what);

/* ---- the scored-table files (scored.c, summary.c, migration.c) ---- */

/** A NUMBER column of t by name; BAD_ARG names it and `table` ("customers"). */
int cxm__rfm_number_column(const double **values, const cxm_table *t, const char *name, const char *table);

/** A TEXT column of t by name (and its index). */
int cxm__rfm_text_column(const char *const **texts, size_t *col, const cxm_table *t, const char *name,
			 const char *table);

/** *rules, or the built-in CXM_RFM_RULES_DEFAULT when it is NULL (then *owned is it, to free). */
int cxm__rfm_rules_or_default(const cxm_rfm_rules **rules, cxm_rfm_rules **owned);

#endif
