/* lib/rfm/segments.c - segment lookup, first or last match (spec §7.3). */
#include "rfm_internal.h"
#include "names.h"

int cxm__rfm_check_out(const void *out, size_t n_out, size_t need, const char *what, const char *of)
{
	int rc;
	if ((rc = cxm__check_array(out, n_out, what)) < 0)
		return rc;
	if (n_out < need)
		return cxm__fail(CXM_EBAD_ARG, "n_%s = %zu is smaller than the %zu %s", what, n_out, need, of);
	return CXM_OK;
}

static int rule_holds(const cxm__rfm_rule *rule, unsigned int r, unsigned int f, unsigned int m)
{
	/* inclusive on both ends, as dplyr::between */
	return rule->lo[0] <= r && r <= rule->hi[0] && rule->lo[1] <= f && f <= rule->hi[1] &&
	       rule->lo[2] <= m && m <= rule->hi[2];
}

size_t cxm__rfm_match(const cxm_rfm_rules *rules, unsigned int r, unsigned int f, unsigned int m,
		      int match)
{
	size_t i;
	if (match == CXM_RFM_FIRST_MATCH) { /* rfm >= 0.2.2 */
		for (i = 0; i < rules->count; i++)
			if (rule_holds(&rules->rule[i], r, f, m))
				return i;
	} else { /* rfm <= 0.2.1: later assignments overwrote earlier ones */
		for (i = rules->count; i-- > 0;)
			if (rule_holds(&rules->rule[i], r, f, m))
				return i;
	}
	return rules->count;
}

static int check_match(int match)
{
	return cxm__names_check(&cxm__rfm_match_names, match);
}

cxm_status cxm_rfm_segment(const char **segment, const cxm_rfm_rules *rules, unsigned int r, unsigned int f,
		    unsigned int m, int match)
{
	size_t i;
	int rc;
	if ((rc = cxm__check_ptr(segment, "segment")) < 0 || (rc = cxm__check_ptr(rules, "rules")) < 0 ||
	    (rc = check_match(match)) < 0)
		return rc;
	i = cxm__rfm_match(rules, r, f, m, match);
	*segment = i < rules->count ? rules->rule[i].name : CXM_RFM_NO_SEGMENT;
	return CXM_OK;
}

cxm_status cxm_rfm_segment_many(size_t *segment_index, size_t n_index, const cxm_rfm_rules *rules,
				const unsigned int *r, size_t n_r, const unsigned int *f, size_t n_f,
				const unsigned int *m, size_t n_m, int match)
{
	size_t i;
	int rc;
	if ((rc = cxm__check_ptr(rules, "rules")) < 0 || (rc = cxm__check_array(r, n_r, "r")) < 0 ||
	    (rc = cxm__check_array(f, n_f, "f")) < 0 || (rc = cxm__check_array(m, n_m, "m")) < 0 ||
	    (rc = check_match(match)) < 0)
		return rc;
	if (n_f != n_r || n_m != n_r)
		return cxm__fail(CXM_EBAD_ARG, "r, f and m have %zu, %zu and %zu entries; they must be equal",
				 n_r, n_f, n_m);
	if ((rc = cxm__rfm_check_out(segment_index, n_index, n_r, "index", "customers")) < 0)
		return rc;
	for (i = 0; i < n_r; i++)
		segment_index[i] = cxm__rfm_match(rules, r[i], f[i], m[i], match);
	return CXM_OK;
}
