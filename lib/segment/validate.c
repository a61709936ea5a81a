/*
 * lib/segment/validate.c - value-segment rule tables through the one box
 * validator (spec §13.4, §7.8). Each dimension is checked in the units of
 * its bounds: values, or quantile levels when every bound on it is a
 * quantile; with a customers table, quantiles become values first.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "segment_internal.h"
#include "names.h"
#include "boxes.h"

cxm_status cxm_segment_rules_validate(cxm_table **out, const cxm_segment_rules *rules, const cxm_table *customers,
			       int match)
{
	size_t cols[CXM__SEG_MAX_DIMS], i, k, d, n;
	double dom_lo[CXM__SEG_MAX_DIMS], dom_hi[CXM__SEG_MAX_DIMS], show[CXM__SEG_MAX_DIMS];
	unsigned char integer[CXM__SEG_MAX_DIMS], level[CXM__SEG_MAX_DIMS];
	char lo_buf[CXM__SEG_MAX_DIMS][80], hi_buf[CXM__SEG_MAX_DIMS][80], qdims[400];
	const char *lo_col[CXM__SEG_MAX_DIMS], *hi_col[CXM__SEG_MAX_DIMS];
	double *lim = NULL, *lo = NULL, *hi = NULL;
	const char **names = NULL;
	cxm__box_set s;
	size_t at = 0;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(rules, "rules")) < 0 || (rc = cxm__names_check(&cxm__rfm_match_names, match)) < 0)
		return rc;
	d = rules->n_dims;
	n = rules->count;
	qdims[0] = '\0';
	for (k = 0; k < d; k++) {
		int nums = 0, quants = 0;
		for (i = 0; i < n; i++) {
			nums += rules->rule[i].bound[2 * k].kind == CXM__BOUND_NUMBER ||
				rules->rule[i].bound[2 * k + 1].kind == CXM__BOUND_NUMBER;
			quants += rules->rule[i].bound[2 * k].kind == CXM__BOUND_QUANTILE ||
				  rules->rule[i].bound[2 * k + 1].kind == CXM__BOUND_QUANTILE;
		}
		if (!customers && nums && quants) {
			char q[CXM__QUOTE_MAX + 4];
			cxm__quote_text(q, sizeof q, rules->dim[k].name, strlen(rules->dim[k].name));
			return cxm__fail(CXM_EINCONSISTENT, "dimension \"%s\" has bounds that are numbers and bounds "
					 "that are quantiles, which cannot be ordered without the data; pass a customers "
					 "table", q);
		}
		level[k] = !customers && quants;
		integer[k] = 0;
		if (level[k]) { /* quantile levels: [0, 1], 1 included */
			dom_lo[k] = 0.0;
			dom_hi[k] = nextafter(1.0, 2.0);
			show[k] = 1.0;
			at += (size_t)cxm__snprintf_c(qdims + at, at < sizeof qdims ? sizeof qdims - at : 0, "%s%s",
					       at ? ", " : "", rules->dim[k].name);
			if (at >= sizeof qdims)
				at = sizeof qdims - 1;
		} else { /* the dimension's range, its max included */
			dom_lo[k] = rules->dim[k].min;
			dom_hi[k] = isinf(rules->dim[k].max) ? INFINITY : nextafter(rules->dim[k].max, INFINITY);
			show[k] = rules->dim[k].max;
		}
		cxm__snprintf_c(lo_buf[k], sizeof lo_buf[k], "%s_min", rules->dim[k].name);
		cxm__snprintf_c(hi_buf[k], sizeof hi_buf[k], "%s_max", rules->dim[k].name);
		lo_col[k] = lo_buf[k];
		hi_col[k] = hi_buf[k];
	}
	if ((rc = cxm__seg_resolve(&lim, cols, rules, customers)) < 0)
		return rc;
	if ((rc = cxm__alloc_array(&lo, n * d + 1, sizeof *lo, "the validator")) < 0 ||
	    (rc = cxm__alloc_array(&hi, n * d + 1, sizeof *hi, "the validator")) < 0 ||
	    (rc = cxm__alloc_array((void *)&names, n + 1, sizeof *names, "the validator")) < 0)
		goto done;
	for (i = 0; i < n; i++) {
		names[i] = rules->rule[i].name;
		for (k = 0; k < d; k++) {
			lo[i * d + k] = lim[i * 2 * d + 2 * k];
			hi[i * d + k] = lim[i * 2 * d + 2 * k + 1];
		}
	}
	memset(&s, 0, sizeof s);
	s.d = d;
	s.n = n;
	s.lo = lo;
	s.hi = hi;
	s.dom_lo = dom_lo;
	s.dom_hi = dom_hi;
	s.integer = integer;
	s.show_dom_hi = show;
	s.names = names;
	s.lo_col = lo_col;
	s.hi_col = hi_col;
	s.last_match = match == CXM_RFM_LAST_MATCH;
	if ((rc = cxm__boxes_validate(out, &s)) >= 0)
		rc = cxm_table_set_attr_text(*out, "quantile_dimensions", qdims);
	if (rc < 0) {
		cxm_table_free(*out);
		*out = NULL;
	}
done:
	cxm__free(lim);
	cxm__free(lo);
	cxm__free(hi);
	cxm__free((void *)names);
	return rc;
}
