/*
 * lib/segment/rules.c - value-segment rule tables: JSON in and out, the
 * built-in tables (lib/segment/presets, embedded at build time), getters
 * (spec §13.2).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "segment_internal.h"
#include "names.h"
#include "io/io_internal.h"

#define COUNT(a) (sizeof(a) / sizeof *(a))

void cxm_segment_rules_free(cxm_segment_rules *rules)
{
	size_t i;
	if (!rules)
		return;
	for (i = 0; i < rules->n_dims; i++) {
		cxm__free(rules->dim[i].name);
		cxm__free(rules->dim[i].description);
	}
	for (i = 0; i < rules->count; i++) {
		cxm__free(rules->rule[i].name);
		cxm__free(rules->rule[i].description);
		cxm__free(rules->rule[i].bound);
	}
	cxm__free(rules->dim);
	cxm__free(rules->rule);
	cxm__free(rules->set_name);
	cxm__free(rules->source);
	cxm__free(rules->description);
	cxm__free(rules);
}

size_t cxm_segment_rules_count(const cxm_segment_rules *rules)
{
	return rules ? rules->count : 0;
}

const char *cxm_segment_rules_name(const cxm_segment_rules *rules, size_t i)
{
	return rules && i < rules->count ? rules->rule[i].name : NULL;
}

size_t cxm_segment_rules_dimension_count(const cxm_segment_rules *rules)
{
	return rules ? rules->n_dims : 0;
}

const char *cxm_segment_rules_dimension(const cxm_segment_rules *rules, size_t i)
{
	return rules && i < rules->n_dims ? rules->dim[i].name : NULL;
}

int cxm_segment_rules_match(const cxm_segment_rules *rules)
{
	return rules ? rules->match : CXM_RFM_FIRST_MATCH;
}

/* ---- reading ------------------------------------------------------------------- */

static const char *type_of(const cxm__jv *v)
{
	return cxm__jv_type_name(cxm__jv_type(v));
}

/* `where` quoted into messages: "segment 3 (\"Luxury\")". */
static void label(char *buf, size_t cap, const char *what, size_t i, const char *name)
{
	char q[CXM__QUOTE_MAX + 4];
	if (name) {
		cxm__quote_text(q, sizeof q, name, strlen(name));
		cxm__snprintf_c(buf, cap, "%s %zu (\"%s\")", what, i + 1, q);
	} else {
		cxm__snprintf_c(buf, cap, "%s %zu", what, i + 1);
	}
}

static int opt_string(char **out, const cxm__jv *obj, const char *key, const char *where)
{
	const cxm__jv *v = cxm__jv_get(obj, key);
	*out = NULL;
	if (v == NULL)
		return CXM_OK;
	if (cxm__jv_type(v) != CXM__JV_STRING)
		return cxm__fail(CXM_EPARSE, "segment JSON: %s\"%s\" must be a string, not %s", where, key, type_of(v));
	if (!(*out = cxm__strdup(cxm__jv_string(v))))
		return cxm__fail(CXM_ENOMEM, "segment JSON: no memory for \"%s\"", key);
	return CXM_OK;
}

/* An optional finite number (absent: *out unchanged). */
static int opt_number(double *out, const cxm__jv *obj, const char *key, const char *where)
{
	const cxm__jv *v = cxm__jv_get(obj, key);
	if (v == NULL)
		return CXM_OK;
	if (cxm__jv_type(v) != CXM__JV_NUMBER)
		return cxm__fail(CXM_EPARSE, "segment JSON: %s\"%s\" must be a number, not %s", where, key, type_of(v));
	*out = cxm__jv_number(v);
	if (!isfinite(*out))
		return cxm__fail(CXM_EOUT_OF_RANGE, "segment JSON: %s\"%s\" is not finite", where, key);
	return CXM_OK;
}

static int known_keys(const cxm__jv *obj, const char *const *keys, size_t n, const char *where,
		      const char *extra_what)
{
	const cxm__jv *m;
	char q[CXM__QUOTE_MAX + 4], list[300];
	size_t i, at = 0;
	for (m = cxm__jv_first(obj); m; m = cxm__jv_next(m)) {
		const char *key = cxm__jv_key(m);
		const cxm__jv *before;
		/* a key given twice: which one counts would be the parser's choice */
		for (before = cxm__jv_first(obj); before != m; before = cxm__jv_next(before)) {
			if (strcmp(cxm__jv_key(before), key) == 0) {
				cxm__quote_text(q, sizeof q, key, strlen(key));
				return cxm__fail(CXM_EPARSE, "segment JSON: %s\"%s\" is given twice", where, q);
			}
		}
		for (i = 0; i < n; i++)
			if (keys[i] && strcmp(key, keys[i]) == 0)
				break;
		if (i < n)
			continue;
		list[0] = '\0';
		for (i = 0; i < n && at + 50 < sizeof list; i++) {
			if (keys[i]) { /* dimension names come from the file: quoted */
				cxm__quote_text(q, sizeof q, keys[i], strlen(keys[i]));
				at += (size_t)cxm__snprintf_c(list + at, sizeof list - at, "%s%s", at ? ", " : "", q);
			}
		}
		cxm__quote_text(q, sizeof q, key, strlen(key));
		return cxm__fail(CXM_EPARSE, "segment JSON: %sunknown key \"%s\" (%s %s)", where, q,
				 extra_what ? extra_what : "the keys are", list);
	}
	return CXM_OK;
}

/* A bound: a number or {"quantile": q}. */
static int read_bound(cxm__bound *b, const cxm__jv *v, const char *where, const char *dim, const char *key)
{
	int type = cxm__jv_type(v);
	b->kind = CXM__BOUND_NONE;
	if (type == CXM__JV_ABSENT)
		return CXM_OK;
	if (type == CXM__JV_NUMBER) {
		b->kind = CXM__BOUND_NUMBER;
		b->x = cxm__jv_number(v);
		if (!isfinite(b->x))
			return cxm__fail(CXM_EOUT_OF_RANGE, "segment JSON: %s: \"%s\".\"%s\" is not finite", where, dim, key);
		return CXM_OK;
	}
	if (type == CXM__JV_OBJECT) {
		static const char *const qkeys[] = { "quantile" };
		const cxm__jv *q = cxm__jv_get(v, "quantile");
		char w[200];
		cxm__snprintf_c(w, sizeof w, "%s: \"%s\".\"%s\": ", where, dim, key);
		if (cxm__jv_size(v) != 1 || cxm__jv_type(q) != CXM__JV_NUMBER) {
			int rc = known_keys(v, qkeys, 1, w, NULL);
			if (rc < 0)
				return rc;
			return cxm__fail(CXM_EPARSE, "segment JSON: %s: \"%s\".\"%s\" must be a number or "
					 "{\"quantile\": q}", where, dim, key);
		}
		b->kind = CXM__BOUND_QUANTILE;
		b->x = cxm__jv_number(q);
		if (!(b->x >= 0.0 && b->x <= 1.0))
			return cxm__fail(CXM_EOUT_OF_RANGE, "segment JSON: %s: \"%s\".\"%s\" has quantile %.17g; it "
					 "must be in [0, 1]", where, dim, key, b->x);
		return CXM_OK;
	}
	return cxm__fail(CXM_EPARSE, "segment JSON: %s: \"%s\".\"%s\" must be a number or {\"quantile\": q}, not %s",
			 where, dim, key, cxm__jv_type_name(type));
}

static int read_dims(cxm_segment_rules *t, const cxm__jv *dims)
{
	static const char *const keys[] = { "name", "min", "max", "description" };
	const cxm__jv *d;
	char where[CXM__QUOTE_MAX + 40], where2[CXM__QUOTE_MAX + 48];
	size_t i, j, n = cxm__jv_size(dims);
	int rc;
	if (cxm__jv_type(dims) != CXM__JV_ARRAY || n == 0)
		return cxm__fail(CXM_EPARSE, "segment JSON: \"dimensions\" must be a non-empty array of "
				 "dimensions, not %s", cxm__jv_type(dims) == CXM__JV_ARRAY ? "an empty array" : type_of(dims));
	if (n > CXM__SEG_MAX_DIMS)
		return cxm__fail(CXM_EOUT_OF_RANGE, "segment JSON: %zu dimensions; at most %u", n,
				 (unsigned)CXM__SEG_MAX_DIMS);
	if (!(t->dim = cxm__calloc(n, sizeof *t->dim)))
		return cxm__fail(CXM_ENOMEM, "segment JSON: no memory for %zu dimensions", n);
	for (d = cxm__jv_first(dims), i = 0; d; d = cxm__jv_next(d), i++) {
		cxm__seg_dim *dim = &t->dim[i];
		const char *s = cxm__jv_type(d) == CXM__JV_STRING ? cxm__jv_string(d)
								 : cxm__jv_string(cxm__jv_get(d, "name"));
		label(where, sizeof where, "dimension", i, s);
		cxm__snprintf_c(where2, sizeof where2, "%s: ", where);
		dim->min = -INFINITY;
		dim->max = INFINITY;
		if (cxm__jv_type(d) != CXM__JV_STRING) {
			if (cxm__jv_type(d) != CXM__JV_OBJECT)
				return cxm__fail(CXM_EPARSE, "segment JSON: %s must be a name or an object, not %s",
						 where, type_of(d));
			if ((rc = known_keys(d, keys, COUNT(keys), where2, NULL)) < 0 ||
			    (rc = opt_number(&dim->min, d, "min", where2)) < 0 ||
			    (rc = opt_number(&dim->max, d, "max", where2)) < 0)
				return rc;
			if (!(dim->min <= dim->max))
				return cxm__fail(CXM_EOUT_OF_RANGE, "segment JSON: %s: min %.17g is above max %.17g",
						 where, dim->min, dim->max);
		}
		if (!s || !s[0])
			return cxm__fail(CXM_EPARSE, "segment JSON: %s has no \"name\" (a non-empty string)", where);
		for (j = 0; j < i; j++) {
			if (strcmp(t->dim[j].name, s) == 0) {
				char q[CXM__QUOTE_MAX + 4];
				cxm__quote_text(q, sizeof q, s, strlen(s));
				return cxm__fail(CXM_EINCONSISTENT, "segment JSON: dimensions %zu and %zu are both "
						 "named \"%s\"", j + 1, i + 1, q);
			}
		}
		if (!(dim->name = cxm__strdup(s)))
			return cxm__fail(CXM_ENOMEM, "segment JSON: no memory for a name");
		t->n_dims++;
		if (cxm__jv_type(d) == CXM__JV_OBJECT && (rc = opt_string(&dim->description, d, "description", where2)) < 0)
			return rc;
	}
	return CXM_OK;
}

static int read_segment(cxm_segment_rules *t, const cxm__jv *seg, size_t i)
{
	static const char *const bkeys[] = { "min", "max" };
	const char *keys[CXM__SEG_MAX_DIMS + 2];
	cxm__seg_rule *r = &t->rule[i];
	const char *s = cxm__jv_string(cxm__jv_get(seg, "name"));
	char where[CXM__QUOTE_MAX + 40], where2[CXM__QUOTE_MAX + 48], list[60];
	size_t k, j;
	int rc;
	label(where, sizeof where, "segment", i, s);
	cxm__snprintf_c(where2, sizeof where2, "%s: ", where);
	if (cxm__jv_type(seg) != CXM__JV_OBJECT)
		return cxm__fail(CXM_EPARSE, "segment JSON: %s must be an object, not %s", where, type_of(seg));
	if (!s || !s[0])
		return cxm__fail(CXM_EPARSE, "segment JSON: %s has no \"name\" (a non-empty string)", where);
	for (j = 0; j < i; j++) {
		if (strcmp(t->rule[j].name, s) == 0) {
			char q[CXM__QUOTE_MAX + 4];
			cxm__quote_text(q, sizeof q, s, strlen(s));
			return cxm__fail(CXM_EINCONSISTENT, "segment JSON: segments %zu and %zu are both named \"%s\"; "
					 "names must differ", j + 1, i + 1, q);
		}
	}
	keys[0] = "name";
	keys[1] = "description";
	for (k = 0; k < t->n_dims; k++)
		keys[k + 2] = t->dim[k].name;
	if ((rc = known_keys(seg, keys, t->n_dims + 2, where2, "the keys are name, description and the dimensions")) < 0)
		return rc;
	t->count++; /* from here the table owns (and frees) what the rule holds */
	if (!(r->name = cxm__strdup(s)) || !(r->bound = cxm__calloc(2 * t->n_dims, sizeof *r->bound)))
		return cxm__fail(CXM_ENOMEM, "segment JSON: no memory for segment %zu", i + 1);
	if ((rc = opt_string(&r->description, seg, "description", where2)) < 0)
		return rc;
	for (k = 0; k < t->n_dims; k++) {
		const cxm__jv *v = cxm__jv_get(seg, t->dim[k].name);
		cxm__bound *lo = &r->bound[2 * k], *hi = &r->bound[2 * k + 1];
		char dq[CXM__QUOTE_MAX + 4]; /* the dimension's name, quoted for messages */
		if (v == NULL)
			continue;
		cxm__quote_text(dq, sizeof dq, t->dim[k].name, strlen(t->dim[k].name));
		if (cxm__jv_type(v) != CXM__JV_OBJECT)
			return cxm__fail(CXM_EPARSE, "segment JSON: %s: \"%s\" must be {\"min\": ..., \"max\": ...}, "
					 "not %s", where, dq, type_of(v));
		cxm__snprintf_c(list, sizeof list, "\"%s\": ", dq);
		{
			char w[CXM__QUOTE_MAX + 120];
			cxm__snprintf_c(w, sizeof w, "%s%s", where2, list);
			if ((rc = known_keys(v, bkeys, 2, w, NULL)) < 0)
				return rc;
		}
		if ((rc = read_bound(lo, cxm__jv_get(v, "min"), where, dq, "min")) < 0 ||
		    (rc = read_bound(hi, cxm__jv_get(v, "max"), where, dq, "max")) < 0)
			return rc;
		/* both numbers, or both quantiles: min < max is known now */
		if (lo->kind != CXM__BOUND_NONE && lo->kind == hi->kind && !(lo->x < hi->x))
			return cxm__fail(CXM_EOUT_OF_RANGE, "segment JSON: %s: \"%s\" has min %s%.17g >= max %s%.17g; "
					 "no value would match", where, dq,
					 lo->kind == CXM__BOUND_QUANTILE ? "quantile " : "", lo->x,
					 hi->kind == CXM__BOUND_QUANTILE ? "quantile " : "", hi->x);
	}
	return CXM_OK;
}

static int read_rules(cxm_segment_rules *t, const cxm__jv *root)
{
	static const char *const top[] = { "name", "match", "source", "description", "dimensions", "segments" };
	const cxm__jv *v, *seg;
	size_t i, n;
	int rc;
	if (cxm__jv_type(root) != CXM__JV_OBJECT)
		return cxm__fail(CXM_EPARSE, "segment JSON: the text is %s, not an object", type_of(root));
	if ((rc = known_keys(root, top, COUNT(top), "", NULL)) < 0 ||
	    (rc = opt_string(&t->set_name, root, "name", "")) < 0 ||
	    (rc = opt_string(&t->source, root, "source", "")) < 0 ||
	    (rc = opt_string(&t->description, root, "description", "")) < 0)
		return rc;
	if ((v = cxm__jv_get(root, "match")) != NULL) {
		const char *w = cxm__jv_string(v);
		if (!w || cxm_names_parse(&t->match, CXM_NAMES_RFM_MATCH, w) < 0) {
			char list[64], q[CXM__QUOTE_MAX + 4];
			cxm_names_choices(list, sizeof list, CXM_NAMES_RFM_MATCH);
			cxm__quote_text(q, sizeof q, w ? w : "", w ? strlen(w) : 0);
			return cxm__fail(CXM_EPARSE, "segment JSON: \"match\" must be %s, not %s%s%s", list,
					 w ? "\"" : type_of(v), w ? q : "", w ? "\"" : "");
		}
	}
	if ((rc = read_dims(t, cxm__jv_get(root, "dimensions"))) < 0)
		return rc;
	v = cxm__jv_get(root, "segments");
	if (cxm__jv_type(v) != CXM__JV_ARRAY)
		return cxm__fail(CXM_EPARSE, "segment JSON: \"segments\" must be an array of segments, not %s",
				 type_of(v));
	n = cxm__jv_size(v);
	if (n && !(t->rule = cxm__calloc(n, sizeof *t->rule)))
		return cxm__fail(CXM_ENOMEM, "segment JSON: no memory for %zu segments", n);
	for (seg = cxm__jv_first(v), i = 0; seg; seg = cxm__jv_next(seg), i++)
		if ((rc = read_segment(t, seg, i)) < 0)
			return rc;
	return CXM_OK;
}

/* The table of a parsed JSON document (cxm__json_read's from_root: owns root). */
static int from_root(void *out_, cxm__jv *root)
{
	cxm_segment_rules **out = out_;
	cxm_segment_rules *t = cxm__calloc(1, sizeof *t);
	int rc;
	if (!t) {
		cxm__json_free(root);
		return cxm__fail(CXM_ENOMEM, "segment JSON: no memory for the table");
	}
	t->match = CXM_RFM_FIRST_MATCH;
	rc = read_rules(t, root);
	cxm__json_free(root);
	if (rc < 0) {
		cxm_segment_rules_free(t);
		return rc;
	}
	*out = t;
	return CXM_OK;
}

cxm_status cxm_segment_rules_from_json(cxm_segment_rules **out, const char *json, size_t len)
{
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	return cxm__json_read(out, json, len, NULL, "segment JSON", from_root);
}

cxm_status cxm_segment_rules_from_file(cxm_segment_rules **out, const char *path)
{
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(path, "path")) < 0)
		return rc;
	return cxm__json_read(out, NULL, 0, path, "segment file", from_root);
}

cxm_status cxm_segment_rules_builtin(cxm_segment_rules **out, const char *name)
{
	int rc, set;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(name, "name")) < 0 ||
	    (rc = cxm__names_parse(&set, &cxm__segment_rules_names, name, "the segment rule table")) < 0)
		return rc;
	if ((size_t)set >= cxm__segment_preset_count)
		return cxm__fail(CXM_EBAD_ARG, "segment rule table %d has no embedded preset", set);
	return cxm_segment_rules_from_json(out, (const char *)cxm__segment_preset_json[set],
					   cxm__segment_preset_len[set]);
}

/* One rule for every front end's --rules NAME|FILE: a word of the built-in
 * sets wins over a file of that name. */
cxm_status cxm_segment_rules_load(cxm_segment_rules **out, const char *name_or_path)
{
	char choices[256], context[320];
	int rc, set;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(name_or_path, "name_or_path")) < 0)
		return rc;
	if (cxm_names_parse(&set, CXM_NAMES_SEGMENT_RULES, name_or_path) == CXM_OK)
		return cxm_segment_rules_builtin(out, name_or_path);
	rc = cxm_segment_rules_from_file(out, name_or_path);
	if (rc == CXM_EIO && cxm_names_choices(choices, sizeof choices, CXM_NAMES_SEGMENT_RULES) == CXM_OK) {
		cxm__snprintf_c(context, sizeof context, "not one of the built-in segment rule sets (%s), nor a file",
			 choices);
		return cxm__error_context(context);
	}
	return rc;
}

/* ---- writing ------------------------------------------------------------------- */

static void put_bound(cxm__jw *w, const char *key, const cxm__bound *b)
{
	if (b->kind == CXM__BOUND_NUMBER) {
		cxm__jw_number(w, key, b->x);
	} else if (b->kind == CXM__BOUND_QUANTILE) {
		cxm__jw_object(w, key, CXM__JSON_INLINE);
		cxm__jw_number(w, "quantile", b->x);
		cxm__jw_end(w);
	}
}

cxm_status cxm_segment_rules_to_json(char **out, const cxm_segment_rules *rules)
{
	cxm__buf b;
	cxm__jw w;
	size_t i, k;
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
	cxm__jw_string(&w, "match", cxm_names_word(CXM_NAMES_RFM_MATCH, rules->match));
	if (rules->source)
		cxm__jw_string(&w, "source", rules->source);
	if (rules->description)
		cxm__jw_string(&w, "description", rules->description);
	cxm__jw_array(&w, "dimensions", CXM__JSON_BLOCK);
	for (k = 0; k < rules->n_dims; k++) {
		const cxm__seg_dim *d = &rules->dim[k];
		cxm__jw_object(&w, NULL, CXM__JSON_INLINE);
		cxm__jw_string(&w, "name", d->name);
		if (isfinite(d->min))
			cxm__jw_number(&w, "min", d->min);
		if (isfinite(d->max))
			cxm__jw_number(&w, "max", d->max);
		if (d->description)
			cxm__jw_string(&w, "description", d->description);
		cxm__jw_end(&w);
	}
	cxm__jw_end(&w);
	cxm__jw_array(&w, "segments", CXM__JSON_BLOCK);
	for (i = 0; i < rules->count; i++) {
		const cxm__seg_rule *r = &rules->rule[i];
		cxm__jw_object(&w, NULL, CXM__JSON_INLINE);
		cxm__jw_string(&w, "name", r->name);
		for (k = 0; k < rules->n_dims; k++) {
			if (r->bound[2 * k].kind == CXM__BOUND_NONE && r->bound[2 * k + 1].kind == CXM__BOUND_NONE)
				continue;
			cxm__jw_object(&w, rules->dim[k].name, CXM__JSON_INLINE);
			put_bound(&w, "min", &r->bound[2 * k]);
			put_bound(&w, "max", &r->bound[2 * k + 1]);
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
