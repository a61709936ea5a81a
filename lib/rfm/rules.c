/* lib/rfm/rules.c - the segment rule table: an ordered, growable list (spec §7.3). */
#include <stdint.h>
#include "rfm_internal.h"
#include "names.h"

static const cxm__word match_words[] = { { "first", CXM_RFM_FIRST_MATCH }, { "last", CXM_RFM_LAST_MATCH } };
const cxm__names cxm__rfm_match_names = CXM__NAMES("match", match_words, 0);

cxm_status cxm_rfm_rules_new(cxm_rfm_rules **out)
{
	cxm_rfm_rules *t;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if (!(t = cxm__calloc(1, sizeof *t)))
		return cxm__fail(CXM_ENOMEM, "cxm_rfm_rules_new: no memory for the table");
	t->scores = CXM_RFM_BINS_DEFAULT;
	t->match = CXM_RFM_FIRST_MATCH;
	*out = t;
	return CXM_OK;
}

void cxm_rfm_rules_free(cxm_rfm_rules *rules)
{
	size_t i;
	if (!rules)
		return;
	for (i = 0; i < rules->count; i++) {
		cxm__free(rules->rule[i].name);
		cxm__free(rules->rule[i].description);
	}
	cxm__free(rules->rule);
	cxm__free(rules->set_name);
	cxm__free(rules->source);
	cxm__free(rules->description);
	cxm__free(rules);
}

static int check_range(const char *name, const char *dim, unsigned int lo, unsigned int hi)
{
	if (lo > hi)
		return cxm__fail(CXM_EBAD_ARG, "rule \"%s\": %s range %u..%u has lo > hi", name, dim, lo, hi);
	return CXM_OK;
}

cxm_status cxm_rfm_rules_add(cxm_rfm_rules *rules, const char *name, unsigned int r_lo, unsigned int r_hi,
		      unsigned int f_lo, unsigned int f_hi, unsigned int m_lo, unsigned int m_hi)
{
	cxm__rfm_rule *rule;
	char *copy;
	int rc;
	if ((rc = cxm__check_ptr(rules, "rules")) < 0 || (rc = cxm__check_ptr(name, "name")) < 0)
		return rc;
	if (name[0] == '\0')
		return cxm__fail(CXM_EBAD_ARG, "name is empty; a segment needs a name");
	if ((rc = check_range(name, "recency", r_lo, r_hi)) < 0 ||
	    (rc = check_range(name, "frequency", f_lo, f_hi)) < 0 ||
	    (rc = check_range(name, "monetary", m_lo, m_hi)) < 0)
		return rc;
	if (rules->count == rules->cap) {
		/* doubling keeps appends amortised O(1); the table is unchanged on failure */
		size_t cap = rules->cap ? rules->cap * 2 : 8;
		cxm__rfm_rule *grown;
		if (cap > SIZE_MAX / sizeof *grown)
			return cxm__fail(CXM_ENOMEM, "cxm_rfm_rules_add: %zu rules are too many", cap);
		if (!(grown = cxm__realloc(rules->rule, cap * sizeof *grown)))
			return cxm__fail(CXM_ENOMEM, "cxm_rfm_rules_add: no memory for %zu rules", cap);
		rules->rule = grown;
		rules->cap = cap;
	}
	if (!(copy = cxm__strdup(name)))
		return cxm__fail(CXM_ENOMEM, "cxm_rfm_rules_add: no memory for the name \"%s\"", name);
	rule = &rules->rule[rules->count++];
	rule->name = copy;
	rule->description = NULL;
	rule->lo[0] = r_lo;
	rule->hi[0] = r_hi;
	rule->lo[1] = f_lo;
	rule->hi[1] = f_hi;
	rule->lo[2] = m_lo;
	rule->hi[2] = m_hi;
	return CXM_OK;
}

size_t cxm_rfm_rules_count(const cxm_rfm_rules *rules)
{
	return rules ? rules->count : 0;
}

const char *cxm_rfm_rules_name(const cxm_rfm_rules *rules, size_t i)
{
	return rules && i < rules->count ? rules->rule[i].name : NULL;
}
