/* lib/segment/segment_internal.h - what the files of lib/segment share: the value-segment rule table (spec §13). */
#ifndef CXM_SEGMENT_INTERNAL_H
#define CXM_SEGMENT_INTERNAL_H

#include <stddef.h>
#include "internal.h"

/* The most dimensions a rule table may have. */
#define CXM__SEG_MAX_DIMS 16

/* One bound of a rule: absent, a number, or a population quantile. */
enum { CXM__BOUND_NONE = 0, CXM__BOUND_NUMBER = 1, CXM__BOUND_QUANTILE = 2 };
typedef struct cxm__bound {
	int kind;
	double x; /* the number, or the quantile level in [0, 1] */
} cxm__bound;

/* A dimension: a column of the customers table, and the range its values can
 * take (inclusive; +-inf when open), which the validator calls the domain. */
typedef struct cxm__seg_dim {
	char *name, *description;
	double min, max;
} cxm__seg_dim;

/* A rule: value >= min (inclusive) and value < max (exclusive) in every
 * dimension that has the bound; bound[2 k] is dimension k's min, bound[2 k + 1] its max. */
typedef struct cxm__seg_rule {
	char *name, *description;
	cxm__bound *bound; /* 2 x n_dims */
} cxm__seg_rule;

struct cxm_segment_rules {
	cxm__seg_dim *dim;
	size_t n_dims;
	cxm__seg_rule *rule;
	size_t count;
	int match; /* cxm_rfm_match words: first, last */
	char *set_name, *source, *description;
};

/* The built-in sets (lib/segment/presets, embedded by scripts/embed_presets.py). */
extern const unsigned char *const cxm__segment_preset_json[];
extern const size_t cxm__segment_preset_len[];
extern const size_t cxm__segment_preset_count;

/** Does rule r hold the customer whose dimension values are v[0..n_dims) (bounds resolved in lim: 2 x n_dims)? */
static inline int cxm__seg_holds(const cxm_segment_rules *rules, size_t r, const double *v, const double *lim)
{
	size_t k;
	const cxm__bound *b = rules->rule[r].bound;
	for (k = 0; k < rules->n_dims; k++) {
		if (b[2 * k].kind != CXM__BOUND_NONE && !(v[k] >= lim[2 * k]))
			return 0;
		if (b[2 * k + 1].kind != CXM__BOUND_NONE && !(v[k] < lim[2 * k + 1]))
			return 0;
	}
	return 1;
}

/**
 * The bounds of every rule as values (rule-major, 2 x n_dims per rule):
 * numbers as given, quantiles as Q7(level) of the dimension's column of
 * `customers` (NULL: quantiles stay levels), absent bounds -inf / +inf.
 * cols[k] is the column index of dimension k in customers (checked: NUMBER,
 * no NaN, at least one row). Errors: BAD_ARG (a missing or non-number
 * column), NAN (naming row and column), EMPTY, NOMEM.
 */
int cxm__seg_resolve(double **lim, size_t *cols, const cxm_segment_rules *rules, const cxm_table *customers);

#endif
