/*
 * lib/persona/json_read.c - a persona set from its JSON (schema
 * cxmetrics.personas/1, spec §15.7), through lib/io's reader.
 *
 * The reader is as strict as the writer: every key of the schema must be
 * there (null where a value may be absent), no other key may be, each with
 * its type; a failure names the JSON path ("personas[2].identifiers[0].lift").
 * Text that is not JSON fails with its byte offset (lib/io). Each persona's
 * "provenance" must repeat the set's. So what is read is exactly what the
 * writer writes again: write -> read -> write gives the same bytes.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "render.h"

#define WHAT "persona JSON"
#define COUNT(a) (sizeof(a) / sizeof *(a))
#define TYPE(t) (1u << (t))
#define MAX_WHOLE 9007199254740992.0 /* 2^53 */

typedef struct rd {
	cxm_persona_set *set;
	char path[400]; /* where the reader is: "personas[2].identifiers[0]" ("" at the root) */
	size_t len;
} rd;

static size_t push_key(rd *r, const char *key)
{
	size_t old = r->len;
	int n = cxm__snprintf_c(r->path + old, sizeof r->path - old, "%s%s", old ? "." : "", key);
	r->len = n < 0 || (size_t)n >= sizeof r->path - old ? sizeof r->path - 1 : old + (size_t)n;
	return old;
}

static size_t push_index(rd *r, size_t i)
{
	size_t old = r->len;
	int n = cxm__snprintf_c(r->path + old, sizeof r->path - old, "[%zu]", i);
	r->len = n < 0 || (size_t)n >= sizeof r->path - old ? sizeof r->path - 1 : old + (size_t)n;
	return old;
}

static void pop(rd *r, size_t old)
{
	r->len = old;
	r->path[old] = '\0';
}

/* The path of a member of where the reader is, quoted for a message ("personas[2].lift"). */
static const char *at(char *buf, size_t cap, const rd *r, const char *key)
{
	char q[CXM__QUOTE_MAX + 4];
	if (key) {
		cxm__quote_text(q, sizeof q, key, strlen(key));
		cxm__snprintf_c(buf, cap, "%s%s%s", r->path, r->len ? "." : "", q);
	} else {
		cxm__snprintf_c(buf, cap, "%s", r->len ? r->path : "the top level");
	}
	return buf;
}

static int nomem(void)
{
	return cxm__fail(CXM_ENOMEM, WHAT ": out of memory for the persona set");
}

/* Every member of obj is one of keys[0..n), none twice. */
static int keys_known(const rd *r, const cxm__jv *obj, const char *const *keys, size_t n)
{
	const cxm__jv *m, *before;
	char where[sizeof r->path + 64];
	size_t i;
	for (m = cxm__jv_first(obj); m; m = cxm__jv_next(m)) {
		const char *key = cxm__jv_key(m);
		for (before = cxm__jv_first(obj); before != m; before = cxm__jv_next(before))
			if (strcmp(cxm__jv_key(before), key) == 0)
				return cxm__fail(CXM_EPARSE, WHAT ": %s is given twice", at(where, sizeof where, r, key));
		for (i = 0; i < n; i++)
			if (strcmp(key, keys[i]) == 0)
				break;
		if (i == n)
			return cxm__fail(CXM_EPARSE, WHAT ": %s is not a key of the schema %s", at(where, sizeof where, r, key),
					 CXM__PERSONA_SCHEMA);
	}
	return CXM_OK;
}

/* The member `key` of obj, which must be there with one of the types in mask. */
static int member(const cxm__jv **v, const rd *r, const cxm__jv *obj, const char *key, unsigned mask,
		  const char *expected)
{
	char where[sizeof r->path + 64];
	*v = cxm__jv_get(obj, key);
	if (*v == NULL)
		return cxm__fail(CXM_EPARSE, WHAT ": %s is missing", at(where, sizeof where, r, key));
	if (!(mask & TYPE(cxm__jv_type(*v))))
		return cxm__fail(CXM_EPARSE, WHAT ": %s must be %s, not %s", at(where, sizeof where, r, key), expected,
				 cxm__jv_type_name(cxm__jv_type(*v)));
	return CXM_OK;
}

/* A number or null (NaN); a number must be finite. */
static int number(double *out, const rd *r, const cxm__jv *obj, const char *key)
{
	const cxm__jv *v;
	char where[sizeof r->path + 64];
	int rc = member(&v, r, obj, key, TYPE(CXM__JV_NUMBER) | TYPE(CXM__JV_NULL), "a number or null");
	if (rc < 0)
		return rc;
	*out = cxm__jv_type(v) == CXM__JV_NULL ? NAN : cxm__jv_number(v);
	if (cxm__jv_type(v) == CXM__JV_NUMBER && !isfinite(*out))
		return cxm__fail(CXM_EPARSE, WHAT ": %s is not a finite number", at(where, sizeof where, r, key));
	return CXM_OK;
}

/* A whole number in [lo, 2^53]. */
static int whole(double *out, const rd *r, const cxm__jv *obj, const char *key, double lo)
{
	const cxm__jv *v;
	char where[sizeof r->path + 64];
	int rc = member(&v, r, obj, key, TYPE(CXM__JV_NUMBER), "a whole number");
	if (rc < 0)
		return rc;
	*out = cxm__jv_number(v);
	if (!(*out >= lo && *out <= MAX_WHOLE && *out == floor(*out)))
		return cxm__fail(CXM_EPARSE, WHAT ": %s must be a whole number from %.17g to 2^53, not %.17g",
				 at(where, sizeof where, r, key), lo, *out);
	return CXM_OK;
}

static int size(size_t *out, const rd *r, const cxm__jv *obj, const char *key)
{
	double x;
	int rc = whole(&x, r, obj, key, 0.0);
	if (rc < 0)
		return rc;
	if (x > (double)SIZE_MAX) {
		char where[sizeof r->path + 64];
		return cxm__fail(CXM_EPARSE, WHAT ": %s = %.17g does not fit a size", at(where, sizeof where, r, key), x);
	}
	*out = (size_t)x;
	return CXM_OK;
}

/* A string (a copy in the set's arena), or with nullable set also null (NULL). */
static int text(char **out, rd *r, const cxm__jv *obj, const char *key, int nullable)
{
	const cxm__jv *v;
	int rc = member(&v, r, obj, key, TYPE(CXM__JV_STRING) | (nullable ? TYPE(CXM__JV_NULL) : 0u),
			nullable ? "a string or null" : "a string");
	if (rc < 0)
		return rc;
	*out = NULL;
	if (cxm__jv_type(v) == CXM__JV_STRING && !(*out = cxm__persona_strdup(r->set, cxm__jv_string(v))))
		return nomem();
	return CXM_OK;
}

static int flag(int *out, const rd *r, const cxm__jv *obj, const char *key)
{
	const cxm__jv *v;
	int rc = member(&v, r, obj, key, TYPE(CXM__JV_BOOL), "true or false");
	if (rc < 0)
		return rc;
	*out = cxm__jv_true(v);
	return CXM_OK;
}

/* The member `key`, an array: its elements' count and a zeroed array of them from the arena. */
static int array(const cxm__jv **v, void **items, size_t *n, rd *r, const cxm__jv *obj, const char *key,
		 size_t item_size)
{
	int rc = member(v, r, obj, key, TYPE(CXM__JV_ARRAY), "an array");
	if (rc < 0)
		return rc;
	*n = cxm__jv_size(*v);
	*items = NULL;
	if (*n > 0 && !(*items = cxm__persona_alloc(r->set, item_size * *n)))
		return nomem();
	return CXM_OK;
}

/* An element of an array (the path already names it) must be an object with exactly these keys. */
static int element(const rd *r, const cxm__jv *e, const char *const *keys, size_t n)
{
	char where[sizeof r->path + 64];
	if (cxm__jv_type(e) != CXM__JV_OBJECT)
		return cxm__fail(CXM_EPARSE, WHAT ": %s must be an object, not %s", at(where, sizeof where, r, NULL),
				 cxm__jv_type_name(cxm__jv_type(e)));
	return keys_known(r, e, keys, n);
}

/* ---- the parts ------------------------------------------------------------------------------- */

static const char *const provenance_keys[] = {
	"method", "k", "seed", "quality_measure", "quality", "data_window", "min_n", "fdr",
	"reference_year", "customers", "excluded_customers", "suppressed_personas", "names_source",
	"rules", "segment_column"
};

static int seed(uint64_t *out, rd *r, const cxm__jv *obj)
{
	const cxm__jv *v;
	char where[sizeof r->path + 64];
	const char *s;
	char *end;
	double x;
	int rc = member(&v, r, obj, "seed", TYPE(CXM__JV_NUMBER) | TYPE(CXM__JV_STRING),
			"a whole number or a string of digits");
	if (rc < 0)
		return rc;
	if (cxm__jv_type(v) == CXM__JV_NUMBER) {
		if ((rc = whole(&x, r, obj, "seed", 0.0)) < 0)
			return rc;
		*out = (uint64_t)x;
		return CXM_OK;
	}
	s = cxm__jv_string(v);
	errno = 0;
	if (s[0] >= '0' && s[0] <= '9') {
		unsigned long long u = strtoull(s, &end, 10);
		if (errno == 0 && *end == '\0') {
			*out = (uint64_t)u;
			return CXM_OK;
		}
	}
	return cxm__fail(CXM_EPARSE, WHAT ": %s must be a whole number from 0 to 2^64 - 1",
			 at(where, sizeof where, r, "seed"));
}

static int provenance(cxm__provenance *pv, rd *r, const cxm__jv *obj)
{
	const cxm__jv *v;
	double x;
	char where[sizeof r->path + 64];
	size_t old;
	int rc;
	if (cxm__jv_type(obj) != CXM__JV_OBJECT)
		return cxm__fail(CXM_EPARSE, WHAT ": %s must be an object, not %s", at(where, sizeof where, r, NULL),
				 cxm__jv_type_name(cxm__jv_type(obj)));
	if ((rc = keys_known(r, obj, provenance_keys, COUNT(provenance_keys))) < 0 ||
	    (rc = text(&pv->method, r, obj, "method", 1)) < 0 || (rc = size(&pv->k, r, obj, "k")) < 0 ||
	    (rc = seed(&pv->seed, r, obj)) < 0 || (rc = text(&pv->quality_measure, r, obj, "quality_measure", 1)) < 0 ||
	    (rc = number(&pv->quality, r, obj, "quality")) < 0 ||
	    (rc = member(&v, r, obj, "data_window", TYPE(CXM__JV_OBJECT) | TYPE(CXM__JV_NULL), "an object or null")) < 0)
		return rc;
	pv->window_start = pv->window_end = NULL;
	if (cxm__jv_type(v) == CXM__JV_OBJECT) {
		static const char *const window_keys[] = { "start", "end" };
		old = push_key(r, "data_window");
		if ((rc = keys_known(r, v, window_keys, 2)) < 0 || (rc = text(&pv->window_start, r, v, "start", 1)) < 0 ||
		    (rc = text(&pv->window_end, r, v, "end", 1)) < 0)
			return rc;
		pop(r, old);
	}
	if ((rc = size(&pv->min_n, r, obj, "min_n")) < 0 || (rc = number(&pv->fdr, r, obj, "fdr")) < 0 ||
	    (rc = member(&v, r, obj, "reference_year", TYPE(CXM__JV_NUMBER), "a whole number")) < 0)
		return rc;
	x = cxm__jv_number(v);
	if (!(x >= -1e6 && x <= 1e6 && x == floor(x)))
		return cxm__fail(CXM_EPARSE, WHAT ": %s must be a year, not %.17g",
				 at(where, sizeof where, r, "reference_year"), x);
	pv->reference_year = (int)x;
	if ((rc = number(&pv->customers, r, obj, "customers")) < 0 ||
	    (rc = number(&pv->excluded_customers, r, obj, "excluded_customers")) < 0 ||
	    (rc = size(&pv->suppressed_personas, r, obj, "suppressed_personas")) < 0 ||
	    (rc = text(&pv->names_source, r, obj, "names_source", 1)) < 0 ||
	    (rc = text(&pv->rules_name, r, obj, "rules", 1)) < 0 ||
	    (rc = text(&pv->segment_column, r, obj, "segment_column", 1)) < 0)
		return rc;
	return CXM_OK;
}

static int same_text(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static int same_number(double a, double b)
{
	return (isnan(a) && isnan(b)) || a == b;
}

/* The key of the first field in which two provenances differ, or NULL. */
static const char *provenance_differs(const cxm__provenance *a, const cxm__provenance *b)
{
	if (!same_text(a->method, b->method)) return "method";
	if (a->k != b->k) return "k";
	if (a->seed != b->seed) return "seed";
	if (!same_text(a->quality_measure, b->quality_measure)) return "quality_measure";
	if (!same_number(a->quality, b->quality)) return "quality";
	if (!same_text(a->window_start, b->window_start) || !same_text(a->window_end, b->window_end))
		return "data_window";
	if (a->min_n != b->min_n) return "min_n";
	if (!same_number(a->fdr, b->fdr)) return "fdr";
	if (a->reference_year != b->reference_year) return "reference_year";
	if (!same_number(a->customers, b->customers)) return "customers";
	if (!same_number(a->excluded_customers, b->excluded_customers)) return "excluded_customers";
	if (a->suppressed_personas != b->suppressed_personas) return "suppressed_personas";
	if (!same_text(a->names_source, b->names_source)) return "names_source";
	if (!same_text(a->rules_name, b->rules_name)) return "rules";
	if (!same_text(a->segment_column, b->segment_column)) return "segment_column";
	return NULL;
}

static int cell(cxm__cell *c, rd *r, const cxm__jv *e)
{
	static const char *const keys[] = { "level", "count", "share", "population_count", "population_share",
					    "withheld" };
	const cxm__jv *v;
	char where[sizeof r->path + 64];
	int rc;
	if ((rc = element(r, e, keys, COUNT(keys))) < 0 || (rc = text(&c->level, r, e, "level", 0)) < 0 ||
	    (rc = number(&c->count, r, e, "count")) < 0 || (rc = number(&c->share, r, e, "share")) < 0 ||
	    (rc = number(&c->population_count, r, e, "population_count")) < 0 ||
	    (rc = number(&c->population_share, r, e, "population_share")) < 0 ||
	    (rc = member(&v, r, e, "withheld", TYPE(CXM__JV_STRING) | TYPE(CXM__JV_NULL),
			 "null, \"small\", \"secondary\" or \"population\"")) < 0)
		return rc;
	c->withheld = 0;
	if (cxm__jv_type(v) == CXM__JV_STRING) {
		const char *s = cxm__jv_string(v);
		if (strcmp(s, "small") == 0)
			c->withheld = CXM__WITHHELD_SMALL;
		else if (strcmp(s, "secondary") == 0)
			c->withheld = CXM__WITHHELD_SECONDARY;
		else if (strcmp(s, "population") == 0)
			c->withheld = CXM__WITHHELD_POPULATION;
		else {
			char q[CXM__QUOTE_MAX + 4];
			cxm__quote_text(q, sizeof q, s, strlen(s));
			return cxm__fail(CXM_EPARSE, WHAT ": %s must be null, \"small\", \"secondary\" or "
					 "\"population\", not \"%s\"", at(where, sizeof where, r, "withheld"), q);
		}
	}
	return CXM_OK;
}

static int attribute(cxm__attribute *a, rd *r, const cxm__jv *e)
{
	static const char *const numeric_keys[] = {
		"attribute", "role", "type", "n", "missing", "withheld", "mean", "sd", "median", "p25", "p75",
		"population_mean", "population_sd", "population_median"
	};
	static const char *const categorical_keys[] = {
		"attribute", "role", "type", "n", "missing", "withheld", "levels", "withheld_count"
	};
	const cxm__jv *v, *c;
	char where[sizeof r->path + 64], q[CXM__QUOTE_MAX + 4];
	const char *type;
	size_t i, old;
	int rc;
	if (cxm__jv_type(e) != CXM__JV_OBJECT)
		return cxm__fail(CXM_EPARSE, WHAT ": %s must be an object, not %s", at(where, sizeof where, r, NULL),
				 cxm__jv_type_name(cxm__jv_type(e)));
	if ((rc = member(&v, r, e, "type", TYPE(CXM__JV_STRING), "\"numeric\" or \"categorical\"")) < 0)
		return rc;
	type = cxm__jv_string(v);
	if (strcmp(type, "numeric") == 0) {
		a->categorical = 0;
	} else if (strcmp(type, "categorical") == 0) {
		a->categorical = 1;
	} else {
		cxm__quote_text(q, sizeof q, type, strlen(type));
		return cxm__fail(CXM_EPARSE, WHAT ": %s must be \"numeric\" or \"categorical\", not \"%s\"",
				 at(where, sizeof where, r, "type"), q);
	}
	if (a->categorical)
		rc = keys_known(r, e, categorical_keys, COUNT(categorical_keys));
	else
		rc = keys_known(r, e, numeric_keys, COUNT(numeric_keys));
	if (rc < 0 || (rc = text(&a->name, r, e, "attribute", 0)) < 0 || (rc = text(&a->role, r, e, "role", 0)) < 0 ||
	    (rc = number(&a->n, r, e, "n")) < 0 || (rc = number(&a->missing, r, e, "missing")) < 0 ||
	    (rc = flag(&a->withheld, r, e, "withheld")) < 0)
		return rc;
	a->mean = a->sd = a->median = a->p25 = a->p75 = NAN;
	a->population_mean = a->population_sd = a->population_median = NAN;
	a->withheld_count = NAN;
	a->levels = NULL;
	a->n_levels = 0;
	if (!a->categorical) {
		if ((rc = number(&a->mean, r, e, "mean")) < 0 || (rc = number(&a->sd, r, e, "sd")) < 0 ||
		    (rc = number(&a->median, r, e, "median")) < 0 || (rc = number(&a->p25, r, e, "p25")) < 0 ||
		    (rc = number(&a->p75, r, e, "p75")) < 0 ||
		    (rc = number(&a->population_mean, r, e, "population_mean")) < 0 ||
		    (rc = number(&a->population_sd, r, e, "population_sd")) < 0 ||
		    (rc = number(&a->population_median, r, e, "population_median")) < 0)
			return rc;
		return CXM_OK;
	}
	if ((rc = array(&v, (void **)&a->levels, &a->n_levels, r, e, "levels", sizeof *a->levels)) < 0)
		return rc;
	old = push_key(r, "levels");
	for (c = cxm__jv_first(v), i = 0; c; c = cxm__jv_next(c), i++) {
		size_t old2 = push_index(r, i);
		if ((rc = cell(&a->levels[i], r, c)) < 0)
			return rc;
		pop(r, old2);
	}
	pop(r, old);
	return number(&a->withheld_count, r, e, "withheld_count");
}

static int identifier(cxm__identifier *d, rd *r, const cxm__jv *e)
{
	static const char *const keys[] = { "attribute", "value", "type", "share", "population_share", "lift",
					    "difference", "std_difference", "p_value", "q_value" };
	const cxm__jv *v;
	char where[sizeof r->path + 64], q[CXM__QUOTE_MAX + 4];
	const char *type;
	int rc;
	if ((rc = element(r, e, keys, COUNT(keys))) < 0 || (rc = text(&d->attribute, r, e, "attribute", 0)) < 0 ||
	    (rc = text(&d->value, r, e, "value", 1)) < 0 ||
	    (rc = member(&v, r, e, "type", TYPE(CXM__JV_STRING), "\"numeric\" or \"categorical\"")) < 0)
		return rc;
	type = cxm__jv_string(v);
	if (strcmp(type, "numeric") != 0 && strcmp(type, "categorical") != 0) {
		cxm__quote_text(q, sizeof q, type, strlen(type));
		return cxm__fail(CXM_EPARSE, WHAT ": %s must be \"numeric\" or \"categorical\", not \"%s\"",
				 at(where, sizeof where, r, "type"), q);
	}
	d->numeric = strcmp(type, "numeric") == 0;
	if ((rc = number(&d->share, r, e, "share")) < 0 ||
	    (rc = number(&d->population_share, r, e, "population_share")) < 0 ||
	    (rc = number(&d->lift, r, e, "lift")) < 0 || (rc = number(&d->difference, r, e, "difference")) < 0 ||
	    (rc = number(&d->std_difference, r, e, "std_difference")) < 0 ||
	    (rc = number(&d->p_value, r, e, "p_value")) < 0 || (rc = number(&d->q_value, r, e, "q_value")) < 0)
		return rc;
	return CXM_OK;
}

static int score(cxm__score *s, rd *r, const cxm__jv *e)
{
	static const char *const keys[] = { "name", "kind", "n", "value", "lower", "upper", "population_value",
					    "scale_lo", "scale_hi", "withheld" };
	int rc;
	if ((rc = element(r, e, keys, COUNT(keys))) < 0 || (rc = text(&s->name, r, e, "name", 0)) < 0 ||
	    (rc = text(&s->kind, r, e, "kind", 0)) < 0 || (rc = number(&s->n, r, e, "n")) < 0 ||
	    (rc = number(&s->value, r, e, "value")) < 0 || (rc = number(&s->lower, r, e, "lower")) < 0 ||
	    (rc = number(&s->upper, r, e, "upper")) < 0 ||
	    (rc = number(&s->population_value, r, e, "population_value")) < 0 ||
	    (rc = number(&s->scale_lo, r, e, "scale_lo")) < 0 || (rc = number(&s->scale_hi, r, e, "scale_hi")) < 0 ||
	    (rc = flag(&s->withheld, r, e, "withheld")) < 0)
		return rc;
	return CXM_OK;
}

static int statements(cxm__statement **out, size_t *n, rd *r, const cxm__jv *obj, const char *key)
{
	static const char *const keys[] = { "text", "source" };
	const cxm__jv *v, *e;
	size_t i, old;
	int rc;
	if ((rc = array(&v, (void **)out, n, r, obj, key, sizeof **out)) < 0)
		return rc;
	old = push_key(r, key);
	for (e = cxm__jv_first(v), i = 0; e; e = cxm__jv_next(e), i++) {
		size_t old2 = push_index(r, i);
		if ((rc = element(r, e, keys, COUNT(keys))) < 0 || (rc = text(&(*out)[i].text, r, e, "text", 0)) < 0 ||
		    (rc = text(&(*out)[i].source, r, e, "source", 1)) < 0)
			return rc;
		pop(r, old2);
	}
	pop(r, old);
	return CXM_OK;
}

static int behaviour(cxm__persona *p, rd *r, const cxm__jv *obj)
{
	static const char *const keys[] = { "rfm_mix", "clv_mean", "clv_median", "scores" };
	const cxm__jv *b, *v, *e;
	size_t i, old;
	int rc;
	if ((rc = member(&b, r, obj, "behaviour", TYPE(CXM__JV_OBJECT), "an object")) < 0)
		return rc;
	old = push_key(r, "behaviour");
	if ((rc = keys_known(r, b, keys, COUNT(keys))) < 0 ||
	    (rc = member(&v, r, b, "rfm_mix", TYPE(CXM__JV_OBJECT) | TYPE(CXM__JV_NULL), "an object or null")) < 0)
		return rc;
	if (cxm__jv_type(v) == CXM__JV_OBJECT) {
		size_t old2 = push_key(r, "rfm_mix");
		if (!(p->rfm_mix = CXM__PERSONA_NEW(r->set, cxm__attribute, 1)))
			return nomem();
		if ((rc = attribute(p->rfm_mix, r, v)) < 0)
			return rc;
		pop(r, old2);
	}
	if ((rc = number(&p->clv_mean, r, b, "clv_mean")) < 0 || (rc = number(&p->clv_median, r, b, "clv_median")) < 0 ||
	    (rc = array(&v, (void **)&p->scores, &p->n_scores, r, b, "scores", sizeof *p->scores)) < 0)
		return rc;
	{
		size_t old2 = push_key(r, "scores");
		for (e = cxm__jv_first(v), i = 0; e; e = cxm__jv_next(e), i++) {
			size_t old3 = push_index(r, i);
			if ((rc = score(&p->scores[i], r, e)) < 0)
				return rc;
			pop(r, old3);
		}
		pop(r, old2);
	}
	pop(r, old);
	return CXM_OK;
}

/* A modal value's column and flag, from the demographics (the JSON holds only value and share). */
static void modal(cxm__persona *p, cxm__modal *m, const char *role)
{
	const cxm__attribute *a = cxm__persona_find_role(p, role);
	m->attribute = a ? a->name : NULL;
	m->withheld = a != NULL && m->value == NULL;
}

static const char *const persona_keys[] = {
	"id", "segment", "suppressed", "name", "name_key", "gender", "gender_share", "age", "age_band",
	"location", "location_share", "country", "country_share", "career", "career_share", "size", "share",
	"revenue", "revenue_share", "identifiers", "demographics", "behaviour", "goals", "problems",
	"solutions", "quotes", "interests", "group", "group_weight", "provenance"
};
static const char *const suppressed_keys[] = { "id", "segment", "suppressed", "provenance" };

static int persona(cxm__persona *p, rd *r, const cxm__jv *e)
{
	const cxm__jv *v, *x;
	cxm__provenance pv;
	const char *differs;
	char where[sizeof r->path + 64];
	size_t i, old;
	int rc;
	cxm__persona_init(p);
	if (cxm__jv_type(e) != CXM__JV_OBJECT)
		return cxm__fail(CXM_EPARSE, WHAT ": %s must be an object, not %s", at(where, sizeof where, r, NULL),
				 cxm__jv_type_name(cxm__jv_type(e)));
	if ((rc = flag(&p->suppressed, r, e, "suppressed")) < 0)
		return rc;
	if (p->suppressed)
		rc = keys_known(r, e, suppressed_keys, COUNT(suppressed_keys));
	else
		rc = keys_known(r, e, persona_keys, COUNT(persona_keys));
	if (rc < 0 || (rc = text(&p->id, r, e, "id", 0)) < 0 || (rc = text(&p->segment, r, e, "segment", 1)) < 0)
		return rc;
	if (!p->suppressed) {
		if ((rc = text(&p->name, r, e, "name", 1)) < 0 || (rc = text(&p->name_key, r, e, "name_key", 1)) < 0 ||
		    (rc = text(&p->gender.value, r, e, "gender", 1)) < 0 ||
		    (rc = number(&p->gender.share, r, e, "gender_share")) < 0 || (rc = number(&p->age, r, e, "age")) < 0 ||
		    (rc = text(&p->age_band, r, e, "age_band", 1)) < 0 ||
		    (rc = text(&p->location.value, r, e, "location", 1)) < 0 ||
		    (rc = number(&p->location.share, r, e, "location_share")) < 0 ||
		    (rc = text(&p->country.value, r, e, "country", 1)) < 0 ||
		    (rc = number(&p->country.share, r, e, "country_share")) < 0 ||
		    (rc = text(&p->career.value, r, e, "career", 1)) < 0 ||
		    (rc = number(&p->career.share, r, e, "career_share")) < 0 || (rc = number(&p->size, r, e, "size")) < 0 ||
		    (rc = number(&p->share, r, e, "share")) < 0 || (rc = number(&p->revenue, r, e, "revenue")) < 0 ||
		    (rc = number(&p->revenue_share, r, e, "revenue_share")) < 0)
			return rc;

		if ((rc = array(&v, (void **)&p->identifiers, &p->n_identifiers, r, e, "identifiers",
				sizeof *p->identifiers)) < 0)
			return rc;
		old = push_key(r, "identifiers");
		for (x = cxm__jv_first(v), i = 0; x; x = cxm__jv_next(x), i++) {
			size_t old2 = push_index(r, i);
			if ((rc = identifier(&p->identifiers[i], r, x)) < 0)
				return rc;
			pop(r, old2);
		}
		pop(r, old);

		if ((rc = array(&v, (void **)&p->demographics, &p->n_demographics, r, e, "demographics",
				sizeof *p->demographics)) < 0)
			return rc;
		old = push_key(r, "demographics");
		for (x = cxm__jv_first(v), i = 0; x; x = cxm__jv_next(x), i++) {
			size_t old2 = push_index(r, i);
			if ((rc = attribute(&p->demographics[i], r, x)) < 0)
				return rc;
			pop(r, old2);
		}
		pop(r, old);
		modal(p, &p->gender, "gender");
		modal(p, &p->location, "location");
		modal(p, &p->country, "country");
		modal(p, &p->career, "career");

		if ((rc = behaviour(p, r, e)) < 0 || (rc = statements(&p->goals, &p->n_goals, r, e, "goals")) < 0 ||
		    (rc = statements(&p->problems, &p->n_problems, r, e, "problems")) < 0 ||
		    (rc = statements(&p->solutions, &p->n_solutions, r, e, "solutions")) < 0)
			return rc;

		if ((rc = array(&v, (void **)&p->quotes, &p->n_quotes, r, e, "quotes", sizeof *p->quotes)) < 0)
			return rc;
		old = push_key(r, "quotes");
		for (x = cxm__jv_first(v), i = 0; x; x = cxm__jv_next(x), i++) {
			static const char *const keys[] = { "text", "distance" };
			size_t old2 = push_index(r, i);
			if ((rc = element(r, x, keys, COUNT(keys))) < 0 ||
			    (rc = text(&p->quotes[i].text, r, x, "text", 0)) < 0 ||
			    (rc = number(&p->quotes[i].distance, r, x, "distance")) < 0)
				return rc;
			pop(r, old2);
		}
		pop(r, old);

		if ((rc = array(&v, (void **)&p->interests, &p->n_interests, r, e, "interests", sizeof *p->interests)) < 0)
			return rc;
		old = push_key(r, "interests");
		for (x = cxm__jv_first(v), i = 0; x; x = cxm__jv_next(x), i++) {
			static const char *const keys[] = { "item", "weight" };
			size_t old2 = push_index(r, i);
			if ((rc = element(r, x, keys, COUNT(keys))) < 0 ||
			    (rc = text(&p->interests[i].item, r, x, "item", 0)) < 0 ||
			    (rc = number(&p->interests[i].weight, r, x, "weight")) < 0)
				return rc;
			pop(r, old2);
		}
		pop(r, old);
		if ((rc = text(&p->group, r, e, "group", 1)) < 0 || (rc = number(&p->group_weight, r, e, "group_weight")) < 0)
			return rc;
	}
	/* the set's provenance again: it must be the same */
	memset(&pv, 0, sizeof pv);
	if ((rc = member(&v, r, e, "provenance", TYPE(CXM__JV_OBJECT), "an object")) < 0)
		return rc;
	old = push_key(r, "provenance");
	if ((rc = provenance(&pv, r, v)) < 0)
		return rc;
	if ((differs = provenance_differs(&pv, &r->set->provenance)) != NULL)
		return cxm__fail(CXM_EPARSE, WHAT ": %s differs from the set's provenance.%s",
				 at(where, sizeof where, r, differs), differs);
	pop(r, old);
	return CXM_OK;
}

static int read_set(rd *r, const cxm__jv *root)
{
	static const char *const top_keys[] = { "schema", "provenance", "personas" };
	const cxm__jv *v, *e;
	char q[CXM__QUOTE_MAX + 4];
	const char *schema;
	size_t i, old;
	int rc;
	if (cxm__jv_type(root) != CXM__JV_OBJECT)
		return cxm__fail(CXM_EPARSE, WHAT ": the text is %s, not an object", cxm__jv_type_name(cxm__jv_type(root)));
	if ((rc = member(&v, r, root, "schema", TYPE(CXM__JV_STRING), "a string (\"" CXM__PERSONA_SCHEMA "\")")) < 0)
		return rc;
	schema = cxm__jv_string(v);
	if (strcmp(schema, CXM__PERSONA_SCHEMA) != 0) {
		cxm__quote_text(q, sizeof q, schema, strlen(schema));
		return cxm__fail(CXM_EVERSION, WHAT ": the schema is \"%s\"; this library reads \"%s\"", q,
				 CXM__PERSONA_SCHEMA);
	}
	if ((rc = keys_known(r, root, top_keys, COUNT(top_keys))) < 0 ||
	    (rc = member(&v, r, root, "provenance", TYPE(CXM__JV_OBJECT), "an object")) < 0)
		return rc;
	old = push_key(r, "provenance");
	if ((rc = provenance(&r->set->provenance, r, v)) < 0)
		return rc;
	pop(r, old);
	if ((rc = array(&v, (void **)&r->set->personas, &r->set->n_personas, r, root, "personas",
			sizeof *r->set->personas)) < 0)
		return rc;
	old = push_key(r, "personas");
	for (e = cxm__jv_first(v), i = 0; e; e = cxm__jv_next(e), i++) {
		size_t old2 = push_index(r, i);
		if ((rc = persona(&r->set->personas[i], r, e)) < 0)
			return rc;
		pop(r, old2);
	}
	pop(r, old);
	return CXM_OK;
}

/* cxm__json_read's from_root: owns root. */
static int from_root(void *out_, cxm__jv *root)
{
	cxm_persona_set **out = out_;
	rd r;
	int rc;
	memset(&r, 0, sizeof r);
	if ((rc = cxm__persona_set_new(&r.set)) < 0) {
		cxm__json_free(root);
		return rc;
	}
	rc = read_set(&r, root);
	cxm__json_free(root);
	if (rc < 0) {
		cxm_persona_set_free(r.set);
		return rc;
	}
	*out = r.set;
	return CXM_OK;
}

cxm_status cxm_persona_set_from_json(cxm_persona_set **out, const char *json, size_t len)
{
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	return cxm__json_read(out, json, len, NULL, WHAT, from_root);
}

cxm_status cxm_persona_set_from_file(cxm_persona_set **out, const char *path)
{
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(path, "path")) < 0)
		return rc;
	return cxm__json_read(out, NULL, 0, path, "persona file", from_root);
}
