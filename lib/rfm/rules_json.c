/*
 * lib/rfm/rules_json.c - rule tables as JSON, read and written, their score
 * count and match mode, and the validator over them (spec §7.8).
 *
 *   {"name": "r_02x", "scores": 5, "match": "first", "source": "...",
 *    "segments": [{"name": "Champions", "recency": [4, 5], "frequency": [4, 5],
 *                  "monetary": [4, 5]}, ...]}
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "rfm_internal.h"
#include "names.h"
#include "io/io_internal.h"
#include "segment/boxes.h"

#define COUNT(a) (sizeof(a) / sizeof *(a))

static const char *const dim_keys[3] = { "recency", "frequency", "monetary" };

/* "segment 3 (\"Promising\")" for messages; names from a file are quoted. */
static const char *rule_label(char *buf, size_t cap, size_t i, const char *name)
{
	char q[CXM__QUOTE_MAX + 4];
	if (name) {
		cxm__quote_text(q, sizeof q, name, strlen(name));
		cxm__snprintf_c(buf, cap, "segment %zu (\"%s\")", i + 1, q);
	} else {
		cxm__snprintf_c(buf, cap, "segment %zu", i + 1);
	}
	return buf;
}

/* A whole score 1..K. */
static int score_value(unsigned int *out, const cxm__jv *v, unsigned int K, const char *where, const char *key)
{
	double x;
	if (cxm__jv_type(v) != CXM__JV_NUMBER)
		return cxm__fail(CXM_EPARSE, "rule JSON: %s: \"%s\" must be a score, [lo, hi] or absent, not %s",
				 where, key, cxm__jv_type_name(cxm__jv_type(v)));
	x = cxm__jv_number(v);
	if (!(x >= 1.0 && x <= (double)K && x == floor(x)))
		return cxm__fail(CXM_EOUT_OF_RANGE, "rule JSON: %s: \"%s\" has %.17g; scores are whole numbers "
				 "1..%u", where, key, x, K);
	*out = (unsigned int)x;
	return CXM_OK;
}

/* absent: 1..K; k: k..k; [lo, hi] with lo <= hi. */
static int read_range(unsigned int *lo, unsigned int *hi, const cxm__jv *v, unsigned int K, const char *where,
		      const char *key)
{
	int rc, type = cxm__jv_type(v);
	if (type == CXM__JV_ABSENT) {
		*lo = 1;
		*hi = K;
		return CXM_OK;
	}
	if (type == CXM__JV_NUMBER) {
		if ((rc = score_value(lo, v, K, where, key)) < 0)
			return rc;
		*hi = *lo;
		return CXM_OK;
	}
	if (type != CXM__JV_ARRAY || cxm__jv_size(v) != 2)
		return cxm__fail(CXM_EPARSE, "rule JSON: %s: \"%s\" must be [lo, hi], a score or absent, not %s%s",
				 where, key, cxm__jv_type_name(type),
				 type == CXM__JV_ARRAY ? " of other than 2 elements" : "");
	if ((rc = score_value(lo, cxm__jv_first(v), K, where, key)) < 0 ||
	    (rc = score_value(hi, cxm__jv_next(cxm__jv_first(v)), K, where, key)) < 0)
		return rc;
	if (*lo > *hi)
		return cxm__fail(CXM_EOUT_OF_RANGE, "rule JSON: %s: \"%s\" is [%u, %u]; lo must not exceed hi",
				 where, key, *lo, *hi);
	return CXM_OK;
}

/* An optional string member: absent -> NULL (nothing allocated). */
static int opt_string(char **out, const cxm__jv *obj, const char *key, const char *where)
{
	const cxm__jv *v = cxm__jv_get(obj, key);
	*out = NULL;
	if (v == NULL)
		return CXM_OK;
	if (cxm__jv_type(v) != CXM__JV_STRING)
		return cxm__fail(CXM_EPARSE, "rule JSON: %s\"%s\" must be a string, not %s", where, key,
				 cxm__jv_type_name(cxm__jv_type(v)));
	if (!(*out = cxm__strdup(cxm__jv_string(v))))
		return cxm__fail(CXM_ENOMEM, "rule JSON: no memory for \"%s\"", key);
	return CXM_OK;
}

/* Every member of obj must be one of keys[]. */
static int known_keys(const cxm__jv *obj, const char *const *keys, size_t n, const char *where)
{
	const cxm__jv *m;
	char q[CXM__QUOTE_MAX + 4], list[200];
	size_t i, at = 0;
	for (m = cxm__jv_first(obj); m; m = cxm__jv_next(m)) {
		const char *key = cxm__jv_key(m);
		const cxm__jv *before;
		/* a key given twice: which one counts would be the parser's choice */
		for (before = cxm__jv_first(obj); before != m; before = cxm__jv_next(before)) {
			if (strcmp(cxm__jv_key(before), key) == 0) {
				cxm__quote_text(q, sizeof q, key, strlen(key));
				return cxm__fail(CXM_EPARSE, "rule JSON: %s\"%s\" is given twice", where, q);
			}
		}
		for (i = 0; i < n; i++)
			if (strcmp(key, keys[i]) == 0)
				break;
		if (i < n)
			continue;
		for (i = 0; i < n && at + strlen(keys[i]) + 3 < sizeof list; i++)
			at += (size_t)cxm__snprintf_c(list + at, sizeof list - at, "%s%s", i ? ", " : "", keys[i]);
		cxm__quote_text(q, sizeof q, key, strlen(key));
		return cxm__fail(CXM_EPARSE, "rule JSON: %sunknown key \"%s\" (the keys are %s)", where, q, list);
	}
	return CXM_OK;
}

static int read_rules(cxm_rfm_rules *t, const cxm__jv *root)
{
	static const char *const top_keys[] = { "name", "scores", "match", "source", "description", "segments" };
	static const char *const seg_keys[] = { "name", "recency", "frequency", "monetary", "description" };
	const cxm__jv *v, *seg;
	char where[CXM__QUOTE_MAX + 40], where2[CXM__QUOTE_MAX + 48];
	size_t i, j;
	int rc;
	if (cxm__jv_type(root) != CXM__JV_OBJECT)
		return cxm__fail(CXM_EPARSE, "rule JSON: the text is %s, not an object",
				 cxm__jv_type_name(cxm__jv_type(root)));
	if ((rc = known_keys(root, top_keys, COUNT(top_keys), "")) < 0)
		return rc;
	if ((rc = opt_string(&t->set_name, root, "name", "")) < 0 ||
	    (rc = opt_string(&t->source, root, "source", "")) < 0 ||
	    (rc = opt_string(&t->description, root, "description", "")) < 0)
		return rc;
	v = cxm__jv_get(root, "scores");
	if (v) {
		double k;
		if (cxm__jv_type(v) != CXM__JV_NUMBER)
			return cxm__fail(CXM_EPARSE, "rule JSON: \"scores\" must be a number, not %s",
					 cxm__jv_type_name(cxm__jv_type(v)));
		k = cxm__jv_number(v);
		if (!(k >= 2.0 && k <= (double)CXM__RFM_SCORES_MAX && k == floor(k)))
			return cxm__fail(CXM_EOUT_OF_RANGE, "rule JSON: \"scores\" is %.17g; it must be a whole "
					 "number from 2 to %u", k, CXM__RFM_SCORES_MAX);
		t->scores = (unsigned int)k;
	}
	v = cxm__jv_get(root, "match");
	if (v) {
		if (cxm__jv_type(v) != CXM__JV_STRING)
			return cxm__fail(CXM_EPARSE, "rule JSON: \"match\" must be \"first\" or \"last\", not %s",
					 cxm__jv_type_name(cxm__jv_type(v)));
		if (cxm__names_parse(&t->match, &cxm__rfm_match_names, cxm__jv_string(v), "match") < 0) {
			char list[64], q[CXM__QUOTE_MAX + 4];
			cxm_names_choices(list, sizeof list, CXM_NAMES_RFM_MATCH);
			cxm__quote_text(q, sizeof q, cxm__jv_string(v), strlen(cxm__jv_string(v)));
			return cxm__fail(CXM_EPARSE, "rule JSON: \"match\" must be %s, not \"%s\"", list, q);
		}
	}
	v = cxm__jv_get(root, "segments");
	if (cxm__jv_type(v) != CXM__JV_ARRAY)
		return cxm__fail(CXM_EPARSE, "rule JSON: \"segments\" must be an array of segments, not %s",
				 cxm__jv_type_name(cxm__jv_type(v)));
	for (seg = cxm__jv_first(v), i = 0; seg; seg = cxm__jv_next(seg), i++) {
		unsigned int lo[3], hi[3];
		const cxm__jv *name = cxm__jv_get(seg, "name");
		const char *s = cxm__jv_string(name);
		rule_label(where, sizeof where, i, s);
		if (cxm__jv_type(seg) != CXM__JV_OBJECT)
			return cxm__fail(CXM_EPARSE, "rule JSON: %s must be an object, not %s", where,
					 cxm__jv_type_name(cxm__jv_type(seg)));
		if (!s || !s[0])
			return cxm__fail(CXM_EPARSE, "rule JSON: %s has no \"name\" (a non-empty string)", where);
		cxm__snprintf_c(where2, sizeof where2, "%s: ", where);
		if ((rc = known_keys(seg, seg_keys, COUNT(seg_keys), where2)) < 0)
			return rc;
		for (j = 0; j < 3; j++)
			if ((rc = read_range(&lo[j], &hi[j], cxm__jv_get(seg, dim_keys[j]), t->scores, where,
					     dim_keys[j])) < 0)
				return rc;
		for (j = 0; j < t->count; j++) {
			char q[CXM__QUOTE_MAX + 4];
			if (strcmp(t->rule[j].name, s) == 0) {
				cxm__quote_text(q, sizeof q, s, strlen(s));
				return cxm__fail(CXM_EINCONSISTENT, "rule JSON: segments %zu and %zu are both named "
						 "\"%s\"; names must differ", j + 1, i + 1, q);
			}
		}
		if ((rc = cxm_rfm_rules_add(t, s, lo[0], hi[0], lo[1], hi[1], lo[2], hi[2])) < 0)
			return rc;
		if ((rc = opt_string(&t->rule[t->count - 1].description, seg, "description", where2)) < 0)
			return rc;
	}
	return CXM_OK;
}

/* The table of a parsed JSON document (cxm__json_read's from_root: owns root). */
static int from_root(void *out_, cxm__jv *root)
{
	cxm_rfm_rules **out = out_;
	cxm_rfm_rules *t = NULL;
	int rc;
	if ((rc = cxm_rfm_rules_new(&t)) < 0) {
		cxm__json_free(root);
		return rc;
	}
	rc = read_rules(t, root);
	cxm__json_free(root);
	if (rc < 0) {
		cxm_rfm_rules_free(t);
		return rc;
	}
	*out = t;
	return CXM_OK;
}

cxm_status cxm_rfm_rules_from_json(cxm_rfm_rules **out, const char *json, size_t len)
{
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	return cxm__json_read(out, json, len, NULL, "rule JSON", from_root);
}

cxm_status cxm_rfm_rules_from_file(cxm_rfm_rules **out, const char *path)
{
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(path, "path")) < 0)
		return rc;
	return cxm__json_read(out, NULL, 0, path, "rule file", from_root);
}

cxm_status cxm_rfm_rules_to_json(char **out, const cxm_rfm_rules *rules)
{
	cxm__buf b;
	cxm__jw w;
	size_t i, j;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(rules, "rules")) < 0)
		return rc;
	cxm__buf_init(&b);
	cxm__jw_init(&w, &b);
	cxm__jw_object(&w, NULL, CXM__JSON_BLOCK);
	if (rules->set_name)
		cxm__jw_string(&w, "name", rules->set_name);
	cxm__jw_number(&w, "scores", (double)rules->scores);
	cxm__jw_string(&w, "match", cxm__names_word(&cxm__rfm_match_names, rules->match));
	if (rules->source)
		cxm__jw_string(&w, "source", rules->source);
	if (rules->description)
		cxm__jw_string(&w, "description", rules->description);
	cxm__jw_array(&w, "segments", CXM__JSON_BLOCK);
	for (i = 0; i < rules->count; i++) {
		const cxm__rfm_rule *r = &rules->rule[i];
		cxm__jw_object(&w, NULL, CXM__JSON_INLINE);
		cxm__jw_string(&w, "name", r->name);
		for (j = 0; j < 3; j++) {
			cxm__jw_array(&w, dim_keys[j], CXM__JSON_INLINE);
			cxm__jw_number(&w, NULL, (double)r->lo[j]);
			cxm__jw_number(&w, NULL, (double)r->hi[j]);
			cxm__jw_end(&w);
		}
		if (r->description)
			cxm__jw_string(&w, "description", r->description);
		cxm__jw_end(&w);
	}
	cxm__jw_end(&w);
	cxm__jw_end(&w);
	return cxm__buf_finish(&b, out);
}

unsigned int cxm_rfm_rules_scores(const cxm_rfm_rules *rules)
{
	return rules ? rules->scores : 0;
}

cxm_status cxm_rfm_rules_set_scores(cxm_rfm_rules *rules, unsigned int scores)
{
	size_t i, j;
	int rc;
	if ((rc = cxm__check_ptr(rules, "rules")) < 0)
		return rc;
	if (scores < 2 || scores > CXM__RFM_SCORES_MAX)
		return cxm__fail(CXM_EBAD_ARG, "scores is %u; it must be from 2 to %u", scores, CXM__RFM_SCORES_MAX);
	for (i = 0; i < rules->count; i++)
		for (j = 0; j < 3; j++)
			if (rules->rule[i].lo[j] < 1 || rules->rule[i].hi[j] > scores) {
				char q[CXM__QUOTE_MAX + 4];
				cxm__quote_text(q, sizeof q, rules->rule[i].name, strlen(rules->rule[i].name));
				return cxm__fail(CXM_EBAD_ARG, "scores is %u, but rule \"%s\" has %s %u..%u",
						 scores, q, dim_keys[j], rules->rule[i].lo[j], rules->rule[i].hi[j]);
			}
	rules->scores = scores;
	return CXM_OK;
}

int cxm_rfm_rules_match(const cxm_rfm_rules *rules)
{
	return rules ? rules->match : CXM_RFM_FIRST_MATCH;
}

cxm_status cxm_rfm_rules_set_match(cxm_rfm_rules *rules, int match)
{
	int rc;
	if ((rc = cxm__check_ptr(rules, "rules")) < 0 || (rc = cxm__names_check(&cxm__rfm_match_names, match)) < 0)
		return rc;
	rules->match = match;
	return CXM_OK;
}

cxm_status cxm_rfm_rules_validate(cxm_table **out, const cxm_rfm_rules *rules, unsigned int scores, int match)
{
	static const char *const lo_col[3] = { "r_lo", "f_lo", "m_lo" };
	static const char *const hi_col[3] = { "r_hi", "f_hi", "m_hi" };
	static const unsigned char integer[3] = { 1, 1, 1 };
	double dom_lo[3], dom_hi[3], *lo = NULL, *hi = NULL;
	const char **names = NULL;
	cxm__box_set s;
	size_t i, j, n;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(rules, "rules")) < 0 || (rc = cxm__names_check(&cxm__rfm_match_names, match)) < 0)
		return rc;
	if (scores == 0)
		scores = rules->scores;
	if (scores < 2 || scores > CXM__RFM_SCORES_MAX)
		return cxm__fail(CXM_EBAD_ARG, "scores is %u; it must be 0 (the table's) or from 2 to %u", scores,
				 CXM__RFM_SCORES_MAX);
	n = rules->count;
	if ((rc = cxm__alloc_array(&lo, 3 * n + 1, sizeof *lo, "the rule validator")) < 0 ||
	    (rc = cxm__alloc_array(&hi, 3 * n + 1, sizeof *hi, "the rule validator")) < 0 ||
	    (rc = cxm__alloc_array((void *)&names, n + 1, sizeof *names, "the rule validator")) < 0)
		goto done;
	for (i = 0; i < n; i++) {
		names[i] = rules->rule[i].name;
		for (j = 0; j < 3; j++) { /* scores lo..hi are the cells [lo, hi + 1) */
			lo[i * 3 + j] = (double)rules->rule[i].lo[j];
			hi[i * 3 + j] = (double)rules->rule[i].hi[j] + 1.0;
		}
	}
	for (j = 0; j < 3; j++) {
		dom_lo[j] = 1.0;
		dom_hi[j] = (double)scores + 1.0;
	}
	memset(&s, 0, sizeof s);
	s.d = 3;
	s.n = n;
	s.lo = lo;
	s.hi = hi;
	s.dom_lo = dom_lo;
	s.dom_hi = dom_hi;
	s.integer = integer;
	s.names = names;
	s.lo_col = lo_col;
	s.hi_col = hi_col;
	s.last_match = match == CXM_RFM_LAST_MATCH;
	if ((rc = cxm__boxes_validate(out, &s)) >= 0)
		rc = cxm_table_set_attr_number(*out, "scores", (double)scores);
	if (rc < 0) {
		cxm_table_free(*out);
		*out = NULL;
	}
done:
	cxm__free(lo);
	cxm__free(hi);
	cxm__free((void *)names);
	return rc;
}
