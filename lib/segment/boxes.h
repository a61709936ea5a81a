/*
 * lib/segment/boxes.h - the one rule-table validator (spec §7.8; value segments use it too).
 *
 * A rule table is an ordered list of axis-aligned boxes in d dimensions,
 * each half-open [lo, hi) per dimension, inside a domain [dom_lo, dom_hi)
 * (an inclusive upper end is passed as the next representable value, an
 * integer range a..b as [a, b + 1)). Under first match (or last match) a
 * point belongs to the first (last) box that holds it. The validator cuts
 * the domain at every bound of every box (coordinate compression), so that
 * each cell of the grid lies wholly inside or outside each box, and reports:
 *
 *   overlap      a pair of rules whose boxes meet (the intersection box);
 *   unreachable  a rule none of whose cells it gets: every one is taken by
 *                rules that match before it (listed), or its box misses the
 *                domain;
 *   uncovered    cells no rule holds, merged into boxes.
 *
 * A cell's size ("cells") multiplies, over the integer dimensions, the
 * number of whole values it spans (RFM: score combinations) and counts 1 for
 * each other dimension.
 */
#ifndef CXM_SEGMENT_BOXES_H
#define CXM_SEGMENT_BOXES_H

#include <stddef.h>
#include "cxmetrics.h"

typedef struct cxm__box_set {
	size_t d, n;              /* dimensions, rules */
	const double *lo, *hi;    /* n x d, rule-major: rule i, dimension k at [i * d + k] */
	const double *dom_lo, *dom_hi; /* d */
	const unsigned char *integer;  /* d flags: bounds are whole numbers, cells count values */
	const double *show_dom_hi;     /* d: what a non-integer dimension prints for dom_hi (NULL: dom_hi) */
	const char *const *names; /* n rule names */
	const char *const *lo_col, *const *hi_col; /* d column names of the findings table */
	int last_match;           /* 0 first match, 1 last match */
} cxm__box_set;

/* The most grid cells the validator walks (BAD_ARG past it, naming the count). */
#define CXM__BOX_MAX_CELLS ((size_t)1 << 24)

/**
 * The findings table: columns kind, rule, other (TEXT), per dimension
 * lo_col[k], hi_col[k] (NUMBER; an integer dimension prints its inclusive
 * upper value hi - 1; an infinite bound prints NaN), cells (NUMBER);
 * attributes overlaps, unreachable, shadowed (rules reachable but partly
 * taken by earlier ones), uncovered_cells; row name "findings". Rows: the
 * overlaps in rule order (i < j), then the unreachable rules, then the
 * uncovered boxes.
 * Errors: BAD_ARG (too many cells), NOMEM.
 */
int cxm__boxes_validate(cxm_table **out, const cxm__box_set *s);

#endif
