/*
 * lib/persona/rules.c - goal / problem / solution rule tables (spec §15.4):
 * reading them from JSON, and applying them to a built persona (conditions
 * on its demographics and RFM mix).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "persona_internal.h"
#include "content_internal.h"

#define COUNT(a) (sizeof(a) / sizeof *(a))
#define WHAT "persona rules JSON"

enum { STAT_MEAN, STAT_MEDIAN, STAT_SHARE, STAT_LIFT, STAT_MODE };
enum { OP_LT, OP_LE, OP_GT, OP_GE, OP_EQ, OP_NE };
static const char *const stat_words[] = { "mean", "median", "share", "lift", "mode" };
static const char *const op_words[] = { "<", "<=", ">", ">=", "==", "!=" };

/* The statement lists of a rule, in the persona's order. */
enum { LIST_GOALS, LIST_PROBLEMS, LIST_SOLUTIONS, N_LISTS };
static const char *const list_keys[N_LISTS] = { "goals", "problems", "solutions" };

typedef struct rule_cond {
	char *attribute;
	char *level;   /* share, lift: the level; mode: the value compared */
	int stat, op;
	double value;  /* NaN for mode */
} rule_cond;

typedef struct rule {
	char *name;
	rule_cond *when;
	size_t n_when;
	cxm__pstrings list[N_LISTS];
} rule;

struct cxm_persona_rules {
	char *name;
	rule *rule;
	size_t count;
};

void cxm_persona_rules_free(cxm_persona_rules *rules)
{
	size_t i, k;
	if (!rules)
		return;
	for (i = 0; i < rules->count; i++) {
		rule *r = &rules->rule[i];
		for (k = 0; k < r->n_when; k++) {
			cxm__free(r->when[k].attribute);
			cxm__free(r->when[k].level);
		}
		cxm__free(r->when);
		for (k = 0; k < N_LISTS; k++)
			cxm__pstrings_free(&r->list[k]);
		cxm__free(r->name);
	}
	cxm__free(rules->rule);
	cxm__free(rules->name);
	cxm__free(rules);
}

size_t cxm_persona_rules_count(const cxm_persona_rules *rules)
{
	return rules ? rules->count : 0;
}

const char *cxm__persona_rules_name(const cxm_persona_rules *rules)
{
	return rules ? rules->name : NULL;
}

/* ---- reading ------------------------------------------------------------------------ */

static int word_of(const char *const *words, size_t n, const char *s)
{
	size_t i;
	for (i = 0; s && i < n; i++)
		if (strcmp(words[i], s) == 0)
			return (int)i;
	return -1;
}

static int read_cond(rule_cond *c, const cxm__jv *v, const char *where)
{
	static const char *const keys[] = { "attribute", "level", "stat", "op", "value" };
	char q[CXM__QUOTE_MAX + 4];
	const cxm__jv *x;
	const char *s;
	int rc;
	c->value = NAN;
	if (cxm__jv_type(v) != CXM__JV_OBJECT)
		return cxm__fail(CXM_EPARSE, "%s: %smust be an object, not %s", WHAT, where,
				 cxm__jv_type_name(cxm__jv_type(v)));
	if ((rc = cxm__known_keys(v, keys, COUNT(keys), WHAT, where)) < 0)
		return rc;
	x = cxm__jv_get(v, "attribute");
	if (!(s = cxm__jv_string(x)) || !*s)
		return cxm__fail(CXM_EPARSE, "%s: %s\"attribute\" must be a non-empty string, not %s", WHAT, where,
				 s ? "an empty string" : x ? cxm__jv_type_name(cxm__jv_type(x)) : "missing");
	if (!(c->attribute = cxm__strdup(s)))
		return cxm__fail(CXM_ENOMEM, "%s: no memory for an attribute", WHAT);
	x = cxm__jv_get(v, "stat");
	if ((c->stat = word_of(stat_words, COUNT(stat_words), cxm__jv_string(x))) < 0) {
		s = cxm__jv_string(x);
		cxm__quote_text(q, sizeof q, s ? s : "", s ? strlen(s) : 0);
		return cxm__fail(CXM_EPARSE, "%s: %s\"stat\" must be mean, median, share, lift or mode, not %s%s%s",
				 WHAT, where, s ? "\"" : "", s ? q : x ? cxm__jv_type_name(cxm__jv_type(x)) : "missing",
				 s ? "\"" : "");
	}
	x = cxm__jv_get(v, "op");
	if ((c->op = word_of(op_words, COUNT(op_words), cxm__jv_string(x))) < 0) {
		s = cxm__jv_string(x);
		cxm__quote_text(q, sizeof q, s ? s : "", s ? strlen(s) : 0);
		return cxm__fail(CXM_EPARSE, "%s: %s\"op\" must be <, <=, >, >=, == or !=, not %s%s%s", WHAT, where,
				 s ? "\"" : "", s ? q : x ? cxm__jv_type_name(cxm__jv_type(x)) : "missing", s ? "\"" : "");
	}
	x = cxm__jv_get(v, "level");
	if (c->stat == STAT_SHARE || c->stat == STAT_LIFT) {
		if (!(s = cxm__jv_string(x)))
			return cxm__fail(CXM_EPARSE, "%s: %s\"level\" must be a string for stat %s, not %s", WHAT,
					 where, stat_words[c->stat], x ? cxm__jv_type_name(cxm__jv_type(x)) : "missing");
		if (!(c->level = cxm__strdup(s)))
			return cxm__fail(CXM_ENOMEM, "%s: no memory for a level", WHAT);
	} else if (x) {
		return cxm__fail(CXM_EPARSE, "%s: %s\"level\" is for stat share or lift, not %s", WHAT, where,
				 stat_words[c->stat]);
	}
	x = cxm__jv_get(v, "value");
	if (c->stat == STAT_MODE) {
		if (c->op != OP_EQ && c->op != OP_NE)
			return cxm__fail(CXM_EPARSE, "%s: %s\"op\" of stat mode must be == or !=, not %s", WHAT, where,
					 op_words[c->op]);
		if (!(s = cxm__jv_string(x)))
			return cxm__fail(CXM_EPARSE, "%s: %s\"value\" of stat mode must be a string, not %s", WHAT,
					 where, x ? cxm__jv_type_name(cxm__jv_type(x)) : "missing");
		if (!(c->level = cxm__strdup(s)))
			return cxm__fail(CXM_ENOMEM, "%s: no memory for a level", WHAT);
		return CXM_OK;
	}
	if (cxm__jv_type(x) != CXM__JV_NUMBER)
		return cxm__fail(CXM_EPARSE, "%s: %s\"value\" of stat %s must be a number, not %s", WHAT, where,
				 stat_words[c->stat], x ? cxm__jv_type_name(cxm__jv_type(x)) : "missing");
	c->value = cxm__jv_number(x);
	if (!isfinite(c->value))
		return cxm__fail(CXM_EPARSE, "%s: %s\"value\" is not finite", WHAT, where);
	return CXM_OK;
}

static int read_rule(rule *r, const cxm__jv *v, size_t i)
{
	static const char *const keys[] = { "name", "description", "when", "goals", "problems", "solutions" };
	char where[CXM__QUOTE_MAX + 64], where2[CXM__QUOTE_MAX + 96], q[CXM__QUOTE_MAX + 4];
	const cxm__jv *x, *c;
	const char *s;
	size_t k, n_statements = 0;
	int rc;
	cxm__snprintf_c(where, sizeof where, "rules[%zu]: ", i);
	if (cxm__jv_type(v) != CXM__JV_OBJECT)
		return cxm__fail(CXM_EPARSE, "%s: %smust be an object, not %s", WHAT, where,
				 cxm__jv_type_name(cxm__jv_type(v)));
	x = cxm__jv_get(v, "name");
	if ((s = cxm__jv_string(x)) != NULL && *s) {
		cxm__quote_text(q, sizeof q, s, strlen(s));
		cxm__snprintf_c(where, sizeof where, "rules[%zu] (\"%s\"): ", i, q);
	}
	if ((rc = cxm__known_keys(v, keys, COUNT(keys), WHAT, where)) < 0)
		return rc;
	if (!s || !*s)
		return cxm__fail(CXM_EPARSE, "%s: %s\"name\" must be a non-empty string, not %s", WHAT, where,
				 s ? "an empty string" : x ? cxm__jv_type_name(cxm__jv_type(x)) : "missing");
	if (!(r->name = cxm__strdup(s)))
		return cxm__fail(CXM_ENOMEM, "%s: no memory for a rule's name", WHAT);
	x = cxm__jv_get(v, "description");
	if (x && cxm__jv_type(x) != CXM__JV_STRING)
		return cxm__fail(CXM_EPARSE, "%s: %s\"description\" must be a string, not %s", WHAT, where,
				 cxm__jv_type_name(cxm__jv_type(x)));
	x = cxm__jv_get(v, "when");
	if (cxm__jv_type(x) != CXM__JV_ARRAY)
		return cxm__fail(CXM_EPARSE, "%s: %s\"when\" must be an array of conditions, not %s", WHAT, where,
				 x ? cxm__jv_type_name(cxm__jv_type(x)) : "missing");
	if ((r->n_when = cxm__jv_size(x)) > 0 && !(r->when = cxm__calloc(r->n_when, sizeof *r->when))) {
		r->n_when = 0;
		return cxm__fail(CXM_ENOMEM, "%s: no memory for conditions", WHAT);
	}
	for (c = cxm__jv_first(x), k = 0; c; c = cxm__jv_next(c), k++) {
		cxm__snprintf_c(where2, sizeof where2, "%swhen[%zu]: ", where, k);
		if ((rc = read_cond(&r->when[k], c, where2)) < 0)
			return rc;
	}
	for (k = 0; k < N_LISTS; k++) {
		if (!(x = cxm__jv_get(v, list_keys[k])))
			continue;
		if ((rc = cxm__pstrings_read(&r->list[k], x, 1, WHAT, where, list_keys[k])) < 0)
			return rc;
		n_statements += r->list[k].n;
	}
	if (n_statements == 0)
		return cxm__fail(CXM_EPARSE, "%s: %shas no goals, problems or solutions", WHAT, where);
	return CXM_OK;
}

static int read_rules(cxm_persona_rules *t, const cxm__jv *root)
{
	static const char *const top[] = { "schema", "name", "source", "description", "rules" };
	const cxm__jv *v, *e;
	const char *s;
	size_t i, n;
	int rc;
	if (cxm__jv_type(root) != CXM__JV_OBJECT)
		return cxm__fail(CXM_EPARSE, "%s: the text is %s, not an object", WHAT,
				 cxm__jv_type_name(cxm__jv_type(root)));
	if ((rc = cxm__known_keys(root, top, COUNT(top), WHAT, "")) < 0)
		return rc;
	v = cxm__jv_get(root, "schema");
	if (!(s = cxm__jv_string(v)) || strcmp(s, "cxmetrics.persona_rules/1") != 0) {
		char q[CXM__QUOTE_MAX + 4];
		if (s)
			cxm__quote_text(q, sizeof q, s, strlen(s));
		return cxm__fail(CXM_EPARSE, "%s: \"schema\" must be \"cxmetrics.persona_rules/1\", not %s%s%s", WHAT,
				 s ? "\"" : "", s ? q : v ? cxm__jv_type_name(cxm__jv_type(v)) : "missing", s ? "\"" : "");
	}
	for (i = 1; i < 4; i++) {
		v = cxm__jv_get(root, top[i]);
		if (v && cxm__jv_type(v) != CXM__JV_STRING)
			return cxm__fail(CXM_EPARSE, "%s: \"%s\" must be a string, not %s", WHAT, top[i],
					 cxm__jv_type_name(cxm__jv_type(v)));
	}
	if ((s = cxm__jv_string(cxm__jv_get(root, "name"))) && !(t->name = cxm__strdup(s)))
		return cxm__fail(CXM_ENOMEM, "%s: no memory for the name", WHAT);
	v = cxm__jv_get(root, "rules");
	if (cxm__jv_type(v) != CXM__JV_ARRAY)
		return cxm__fail(CXM_EPARSE, "%s: \"rules\" must be an array, not %s", WHAT,
				 v ? cxm__jv_type_name(cxm__jv_type(v)) : "missing");
	if ((n = cxm__jv_size(v)) == 0)
		return cxm__fail(CXM_EEMPTY, "%s: \"rules\" is empty", WHAT);
	if (!(t->rule = cxm__calloc(n, sizeof *t->rule)))
		return cxm__fail(CXM_ENOMEM, "%s: no memory for %zu rules", WHAT, n);
	for (e = cxm__jv_first(v), i = 0; e; e = cxm__jv_next(e), i++) {
		t->count = i + 1;
		if ((rc = read_rule(&t->rule[i], e, i)) < 0)
			return rc;
	}
	return CXM_OK;
}

static int from_root(void *out_, cxm__jv *root)
{
	cxm_persona_rules **out = out_;
	cxm_persona_rules *t = cxm__calloc(1, sizeof *t);
	int rc;
	if (!t) {
		cxm__json_free(root);
		return cxm__fail(CXM_ENOMEM, "%s: no memory for the table", WHAT);
	}
	rc = read_rules(t, root);
	cxm__json_free(root);
	if (rc < 0) {
		cxm_persona_rules_free(t);
		return rc;
	}
	*out = t;
	return CXM_OK;
}

cxm_status cxm_persona_rules_from_json(cxm_persona_rules **out, const char *json, size_t len)
{
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	return cxm__json_read(out, json, len, NULL, WHAT, from_root);
}

cxm_status cxm_persona_rules_from_file(cxm_persona_rules **out, const char *path)
{
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(path, "path")) < 0)
		return rc;
	return cxm__json_read(out, NULL, 0, path, "persona rules file", from_root);
}

/* ---- applying ----------------------------------------------------------------------- */

static const cxm__attribute *find_attribute(const cxm__persona *p, const char *name)
{
	size_t i;
	for (i = 0; i < p->n_demographics; i++)
		if (p->demographics[i].name && strcmp(p->demographics[i].name, name) == 0)
			return &p->demographics[i];
	if (p->rfm_mix && p->rfm_mix->name && strcmp(p->rfm_mix->name, name) == 0)
		return p->rfm_mix;
	return NULL;
}

static const cxm__cell *find_level(const cxm__attribute *a, const char *level)
{
	size_t i;
	for (i = 0; i < a->n_levels; i++)
		if (a->levels[i].level && strcmp(a->levels[i].level, level) == 0)
			return &a->levels[i];
	return NULL;
}

static int compare(double x, int op, double v)
{
	switch (op) {
	case OP_LT: return x < v;
	case OP_LE: return x <= v;
	case OP_GT: return x > v;
	case OP_GE: return x >= v;
	case OP_EQ: return x == v;
	default: return x != v;
	}
}

/* Whether a condition holds on a persona: a withheld or absent statistic never does. */
static int holds(const rule_cond *c, const cxm__persona *p)
{
	const cxm__attribute *a = find_attribute(p, c->attribute);
	const cxm__cell *cell;
	double x = NAN;
	if (!a || a->withheld)
		return 0;
	switch (c->stat) {
	case STAT_MEAN:
	case STAT_MEDIAN:
		if (a->categorical)
			return 0;
		x = c->stat == STAT_MEAN ? a->mean : a->median;
		break;
	case STAT_SHARE:
	case STAT_LIFT:
		if (!a->categorical || !(cell = find_level(a, c->level)) || cell->withheld)
			return 0;
		x = c->stat == STAT_SHARE ? cell->share
		  : cell->population_share > 0 ? cell->share / cell->population_share : NAN;
		break;
	default: /* mode: the first level (levels come by descending count), when shown */
		if (!a->categorical || a->n_levels == 0 || a->levels[0].withheld || !a->levels[0].level)
			return 0;
		return (strcmp(a->levels[0].level, c->level) == 0) == (c->op == OP_EQ);
	}
	return isfinite(x) && compare(x, c->op, c->value);
}

/* Append texts[0..n) with source to a statement list, skipping texts already there. */
static int append(cxm_persona_set *set, cxm__statement **list, size_t *n_list, char *const *texts, size_t n,
		  char *source)
{
	cxm__statement *grown;
	size_t i, j, m = *n_list;
	if (n == 0)
		return CXM_OK;
	if (!(grown = CXM__PERSONA_NEW(set, cxm__statement, *n_list + n)))
		return cxm__fail(CXM_ENOMEM, "no memory for a persona's statements");
	if (*n_list)
		memcpy(grown, *list, *n_list * sizeof *grown);
	for (i = 0; i < n; i++) {
		for (j = 0; j < m; j++)
			if (strcmp(grown[j].text, texts[i]) == 0)
				break;
		if (j < m)
			continue;
		if (!(grown[m].text = cxm__persona_strdup(set, texts[i])))
			return cxm__fail(CXM_ENOMEM, "no memory for a persona's statements");
		grown[m].source = source; /* one string of the set's arena, shared */
		m++;
	}
	*list = grown;
	*n_list = m;
	return CXM_OK;
}

int cxm__persona_apply_rules(cxm_persona_set *set, cxm__persona *p, const cxm_persona_rules *rules)
{
	size_t i, k;
	int rc;
	if (!rules || p->suppressed)
		return CXM_OK;
	for (i = 0; i < rules->count; i++) {
		const rule *r = &rules->rule[i];
		char *source;
		for (k = 0; k < r->n_when; k++)
			if (!holds(&r->when[k], p))
				break;
		if (k < r->n_when)
			continue;
		if (!(source = cxm__persona_alloc(set, strlen(r->name) + 6)))
			return cxm__fail(CXM_ENOMEM, "no memory for a persona's statements");
		memcpy(source, "rule:", 5);
		memcpy(source + 5, r->name, strlen(r->name) + 1);
		if ((rc = append(set, &p->goals, &p->n_goals, r->list[LIST_GOALS].v, r->list[LIST_GOALS].n, source)) < 0 ||
		    (rc = append(set, &p->problems, &p->n_problems, r->list[LIST_PROBLEMS].v, r->list[LIST_PROBLEMS].n,
				 source)) < 0 ||
		    (rc = append(set, &p->solutions, &p->n_solutions, r->list[LIST_SOLUTIONS].v,
				 r->list[LIST_SOLUTIONS].n, source)) < 0)
			return rc;
	}
	return CXM_OK;
}
