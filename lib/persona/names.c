/*
 * lib/persona/names.c - names tables keyed by gender x birth decade x
 * country, and the seeded draw of a persona's name (spec §15.3). The
 * built-in table is lib/persona/data/names.json, embedded at build time.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "rng.h"
#include "persona_internal.h"
#include "content_internal.h"

#define COUNT(a) (sizeof(a) / sizeof *(a))
#define ANY_DECADE INT_MIN
#define WHAT "names JSON"
#define KEY_WORD_MAX 64 /* bytes of a gender or country word */

extern const unsigned char *const cxm__persona_names_preset_json[];
extern const size_t cxm__persona_names_preset_len[];
extern const size_t cxm__persona_names_preset_count;

typedef struct names_entry {
	cxm__pstrings gender;  /* aliases; n == 0: "*" */
	int decade;            /* ANY_DECADE: "*" */
	cxm__pstrings country; /* aliases; n == 0: "*" */
	cxm__pstrings names;
} names_entry;

struct cxm_persona_names {
	char *source;
	names_entry *entry;
	size_t count;
};

/* ---- shared helpers of the content files ------------------------------------------ */

void cxm__pstrings_free(cxm__pstrings *s)
{
	size_t i;
	for (i = 0; i < s->n; i++)
		cxm__free(s->v[i]);
	cxm__free(s->v);
	s->v = NULL;
	s->n = 0;
}

int cxm__pstrings_read(cxm__pstrings *out, const cxm__jv *v, int array_ok, const char *what,
		       const char *where, const char *key)
{
	const cxm__jv *it;
	size_t n, i;
	int type = cxm__jv_type(v);
	out->v = NULL;
	out->n = 0;
	if (type == CXM__JV_STRING) {
		n = 1;
	} else if (array_ok && type == CXM__JV_ARRAY && cxm__jv_size(v) > 0) {
		n = cxm__jv_size(v);
	} else {
		return cxm__fail(CXM_EPARSE, "%s: %s\"%s\" must be %s, not %s", what, where, key,
				 array_ok ? "a string or a non-empty array of strings" : "a string",
				 type == CXM__JV_ARRAY ? "an empty array" : cxm__jv_type_name(type));
	}
	if (!(out->v = cxm__calloc(n, sizeof *out->v)))
		return cxm__fail(CXM_ENOMEM, "%s: no memory for \"%s\"", what, key);
	for (i = 0, it = type == CXM__JV_STRING ? v : cxm__jv_first(v); i < n; i++, it = cxm__jv_next(it)) {
		const char *s = cxm__jv_string(it);
		if (!s || !*s) {
			cxm__pstrings_free(out);
			if (type == CXM__JV_STRING)
				return cxm__fail(CXM_EPARSE, "%s: %s\"%s\" is an empty string", what, where, key);
			return cxm__fail(CXM_EPARSE, "%s: %s\"%s\"[%zu] must be a non-empty string, not %s", what,
					 where, key, i, s ? "an empty string" : cxm__jv_type_name(cxm__jv_type(it)));
		}
		if (!(out->v[i] = cxm__strdup(s))) {
			cxm__pstrings_free(out);
			return cxm__fail(CXM_ENOMEM, "%s: no memory for \"%s\"", what, key);
		}
		out->n = i + 1;
	}
	return CXM_OK;
}

int cxm__ascii_eq(const char *a, const char *b)
{
	for (;; a++, b++) {
		unsigned char x = (unsigned char)*a, y = (unsigned char)*b;
		if (x >= 'A' && x <= 'Z')
			x = (unsigned char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (unsigned char)(y - 'A' + 'a');
		if (x != y)
			return 0;
		if (!x)
			return 1;
	}
}

int cxm__known_keys(const cxm__jv *obj, const char *const *keys, size_t n, const char *what, const char *where)
{
	const cxm__jv *m, *before;
	char q[CXM__QUOTE_MAX + 4], list[200];
	size_t i, at;
	for (m = cxm__jv_first(obj); m; m = cxm__jv_next(m)) {
		const char *key = cxm__jv_key(m);
		for (before = cxm__jv_first(obj); before != m; before = cxm__jv_next(before)) {
			if (strcmp(cxm__jv_key(before), key) == 0) {
				cxm__quote_text(q, sizeof q, key, strlen(key));
				return cxm__fail(CXM_EPARSE, "%s: %s\"%s\" is given twice", what, where, q);
			}
		}
		for (i = 0; i < n; i++)
			if (strcmp(key, keys[i]) == 0)
				break;
		if (i < n)
			continue;
		list[0] = '\0';
		for (i = 0, at = 0; i < n && at < sizeof list; i++)
			at += (size_t)cxm__snprintf_c(list + at, sizeof list - at, "%s%s", i ? ", " : "", keys[i]);
		cxm__quote_text(q, sizeof q, key, strlen(key));
		return cxm__fail(CXM_EPARSE, "%s: %sunknown key \"%s\" (the keys are %s)", what, where, q, list);
	}
	return CXM_OK;
}

/* ---- reading ------------------------------------------------------------------------ */

void cxm_persona_names_free(cxm_persona_names *names)
{
	size_t i;
	if (!names)
		return;
	for (i = 0; i < names->count; i++) {
		cxm__pstrings_free(&names->entry[i].gender);
		cxm__pstrings_free(&names->entry[i].country);
		cxm__pstrings_free(&names->entry[i].names);
	}
	cxm__free(names->entry);
	cxm__free(names->source);
	cxm__free(names);
}

size_t cxm_persona_names_count(const cxm_persona_names *names)
{
	return names ? names->count : 0;
}

const char *cxm__persona_names_source(const cxm_persona_names *names)
{
	return names ? names->source : NULL;
}

/* gender / country: "*" alone means any (n = 0), else a list of aliases without "*". */
static int read_key(cxm__pstrings *out, const cxm__jv *e, const char *key, const char *where)
{
	size_t i;
	int rc = cxm__pstrings_read(out, cxm__jv_get(e, key), 1, WHAT, where, key);
	if (rc < 0)
		return rc;
	if (out->n == 1 && strcmp(out->v[0], "*") == 0) {
		cxm__pstrings_free(out);
		return CXM_OK;
	}
	for (i = 0; i < out->n; i++) {
		if (strcmp(out->v[i], "*") == 0)
			return cxm__fail(CXM_EPARSE, "%s: %s\"%s\" lists \"*\" with other values; \"*\" (any) "
					 "stands alone", WHAT, where, key);
		if (strlen(out->v[i]) > KEY_WORD_MAX)
			return cxm__fail(CXM_EPARSE, "%s: %s\"%s\"[%zu] is longer than %d bytes", WHAT, where, key, i,
					 KEY_WORD_MAX);
	}
	return CXM_OK;
}

static int read_entry(names_entry *t, const cxm__jv *e, size_t i)
{
	static const char *const keys[] = { "gender", "decade", "country", "names" };
	char where[48];
	const cxm__jv *d;
	size_t k;
	int rc;
	cxm__snprintf_c(where, sizeof where, "entries[%zu]: ", i);
	if (cxm__jv_type(e) != CXM__JV_OBJECT)
		return cxm__fail(CXM_EPARSE, "%s: %smust be an object, not %s", WHAT, where,
				 cxm__jv_type_name(cxm__jv_type(e)));
	if ((rc = cxm__known_keys(e, keys, COUNT(keys), WHAT, where)) < 0)
		return rc;
	for (k = 0; k < COUNT(keys); k++)
		if (!cxm__jv_get(e, keys[k]))
			return cxm__fail(CXM_EPARSE, "%s: %s\"%s\" is missing", WHAT, where, keys[k]);
	d = cxm__jv_get(e, "decade");
	if (cxm__jv_type(d) == CXM__JV_STRING && strcmp(cxm__jv_string(d), "*") == 0) {
		t->decade = ANY_DECADE;
	} else if (cxm__jv_type(d) == CXM__JV_NUMBER) {
		double x = cxm__jv_number(d);
		if (!(x >= 1800 && x <= 2100 && fmod(x, 10.0) == 0.0))
			return cxm__fail(CXM_EOUT_OF_RANGE, "%s: %s\"decade\" is %.17g; it must be a multiple of "
					 "10 in 1800..2100 or \"*\"", WHAT, where, x);
		t->decade = (int)x;
	} else {
		return cxm__fail(CXM_EPARSE, "%s: %s\"decade\" must be a number or \"*\", not %s", WHAT, where,
				 cxm__jv_type(d) == CXM__JV_STRING ? "another string" : cxm__jv_type_name(cxm__jv_type(d)));
	}
	if ((rc = read_key(&t->gender, e, "gender", where)) < 0 ||
	    (rc = read_key(&t->country, e, "country", where)) < 0)
		return rc;
	return cxm__pstrings_read(&t->names, cxm__jv_get(e, "names"), 1, WHAT, where, "names");
}

static int read_names(cxm_persona_names *t, const cxm__jv *root)
{
	static const char *const top[] = { "schema", "name", "source", "description", "entries" };
	const cxm__jv *v, *e;
	size_t i, n;
	int rc;
	if (cxm__jv_type(root) != CXM__JV_OBJECT)
		return cxm__fail(CXM_EPARSE, "%s: the text is %s, not an object", WHAT,
				 cxm__jv_type_name(cxm__jv_type(root)));
	if ((rc = cxm__known_keys(root, top, COUNT(top), WHAT, "")) < 0)
		return rc;
	v = cxm__jv_get(root, "schema");
	if (!cxm__jv_string(v) || strcmp(cxm__jv_string(v), "cxmetrics.names/1") != 0) {
		char q[CXM__QUOTE_MAX + 4];
		const char *s = cxm__jv_string(v);
		if (s)
			cxm__quote_text(q, sizeof q, s, strlen(s));
		return cxm__fail(CXM_EPARSE, "%s: \"schema\" must be \"cxmetrics.names/1\", not %s%s%s", WHAT,
				 s ? "\"" : "", s ? q : cxm__jv_type(v) ? cxm__jv_type_name(cxm__jv_type(v)) : "missing",
				 s ? "\"" : "");
	}
	for (i = 1; i < 4; i++) {
		v = cxm__jv_get(root, top[i]);
		if (v && cxm__jv_type(v) != CXM__JV_STRING)
			return cxm__fail(CXM_EPARSE, "%s: \"%s\" must be a string, not %s", WHAT, top[i],
					 cxm__jv_type_name(cxm__jv_type(v)));
	}
	v = cxm__jv_get(root, "source");
	if (!v || !*cxm__jv_string(v))
		return cxm__fail(CXM_EPARSE, "%s: \"source\" is %s; say where the names come from", WHAT,
				 v ? "empty" : "missing");
	if (!(t->source = cxm__strdup(cxm__jv_string(v))))
		return cxm__fail(CXM_ENOMEM, "%s: no memory for the source", WHAT);
	v = cxm__jv_get(root, "entries");
	if (cxm__jv_type(v) != CXM__JV_ARRAY)
		return cxm__fail(CXM_EPARSE, "%s: \"entries\" must be an array, not %s", WHAT,
				 v ? cxm__jv_type_name(cxm__jv_type(v)) : "missing");
	if ((n = cxm__jv_size(v)) == 0)
		return cxm__fail(CXM_EEMPTY, "%s: \"entries\" is empty", WHAT);
	if (!(t->entry = cxm__calloc(n, sizeof *t->entry)))
		return cxm__fail(CXM_ENOMEM, "%s: no memory for %zu entries", WHAT, n);
	for (e = cxm__jv_first(v), i = 0; e; e = cxm__jv_next(e), i++) {
		t->count = i + 1;
		if ((rc = read_entry(&t->entry[i], e, i)) < 0)
			return rc;
	}
	return CXM_OK;
}

static int from_root(void *out_, cxm__jv *root)
{
	cxm_persona_names **out = out_;
	cxm_persona_names *t = cxm__calloc(1, sizeof *t);
	int rc;
	if (!t) {
		cxm__json_free(root);
		return cxm__fail(CXM_ENOMEM, "%s: no memory for the table", WHAT);
	}
	rc = read_names(t, root);
	cxm__json_free(root);
	if (rc < 0) {
		cxm_persona_names_free(t);
		return rc;
	}
	*out = t;
	return CXM_OK;
}

cxm_status cxm_persona_names_from_json(cxm_persona_names **out, const char *json, size_t len)
{
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	return cxm__json_read(out, json, len, NULL, WHAT, from_root);
}

cxm_status cxm_persona_names_from_file(cxm_persona_names **out, const char *path)
{
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(path, "path")) < 0)
		return rc;
	return cxm__json_read(out, NULL, 0, path, "names file", from_root);
}

cxm_status cxm_persona_names_builtin(cxm_persona_names **out)
{
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	return cxm_persona_names_from_json(out, (const char *)cxm__persona_names_preset_json[0],
					   cxm__persona_names_preset_len[0]);
}

/* ---- the draw ----------------------------------------------------------------------- */

/* How well a key field matches: 0 the value itself, 1 "*", 2 another value
 * (decade and country only), -1 never (gender). */
static int match_list(const cxm__pstrings *aliases, const char *want, int relax)
{
	size_t i;
	if (aliases->n == 0)
		return 1;
	if (want)
		for (i = 0; i < aliases->n; i++)
			if (cxm__ascii_eq(aliases->v[i], want))
				return 0;
	return relax ? 2 : -1;
}

cxm_status cxm_persona_names_draw(char *out, size_t cap, char *key, size_t key_cap, const cxm_persona_names *names,
			      const char *gender, double birth_year, const char *country, uint64_t seed,
			      uint64_t stream)
{
	const names_entry *best = NULL;
	int best_rank[4] = { 0, 0, 0, 0 }, decade = ANY_DECADE, rc;
	char key_buf[2 * KEY_WORD_MAX + 32], decade_word[16];
	size_t i, len;
	cxm__rng r;
	if ((rc = cxm__check_ptr(out, "out")) < 0 || (rc = cxm__check_ptr(names, "names")) < 0)
		return rc;
	if (key == NULL && key_cap != 0)
		return cxm__fail(CXM_EBAD_ARG, "key is NULL but key_cap = %zu", key_cap);
	if (isinf(birth_year))
		return cxm__fail(CXM_EBAD_ARG, "birth_year is infinite; give a year or NaN for unknown");
	if (gender && !*gender)
		gender = NULL;
	if (country && !*country)
		country = NULL;
	if (!isnan(birth_year)) {
		double d = floor(birth_year / 10.0) * 10.0;
		if (!(d >= -1e6 && d <= 1e6))
			return cxm__fail(CXM_EBAD_ARG, "birth_year %.17g is not a year", birth_year);
		decade = (int)d;
	}
	/* rank (gender, decade, distance of decades, country), then entry order */
	for (i = 0; i < names->count; i++) {
		const names_entry *e = &names->entry[i];
		int rank[4];
		rank[0] = match_list(&e->gender, gender, 0);
		if (rank[0] < 0)
			continue;
		if (e->decade == ANY_DECADE) {
			rank[1] = 1;
			rank[2] = 0;
		} else if (decade != ANY_DECADE && e->decade == decade) {
			rank[1] = rank[2] = 0;
		} else {
			rank[1] = 2;
			rank[2] = decade == ANY_DECADE ? 0 : abs(e->decade - decade);
		}
		rank[3] = match_list(&e->country, country, 1);
		if (best == NULL || memcmp(rank, best_rank, sizeof rank) != 0) {
			int k, better = best == NULL;
			for (k = 0; k < 4 && !better; k++) {
				if (rank[k] != best_rank[k]) {
					better = rank[k] < best_rank[k];
					break;
				}
			}
			if (better) {
				best = e;
				memcpy(best_rank, rank, sizeof rank);
			}
		}
	}
	if (decade == ANY_DECADE)
		cxm__snprintf_c(decade_word, sizeof decade_word, "unknown");
	else
		cxm__snprintf_c(decade_word, sizeof decade_word, "%d", decade);
	if (best == NULL) {
		char g[CXM__QUOTE_MAX + 4], c[CXM__QUOTE_MAX + 4];
		cxm__quote_text(g, sizeof g, gender ? gender : "unknown", strlen(gender ? gender : "unknown"));
		cxm__quote_text(c, sizeof c, country ? country : "unknown", strlen(country ? country : "unknown"));
		return cxm__fail(CXM_EEMPTY, "no entry of the names table fits gender %s, decade %s, country %s "
				 "(no entry has that gender or \"*\")", g, decade_word, c);
	}
	if (best->decade == ANY_DECADE)
		cxm__snprintf_c(decade_word, sizeof decade_word, "*");
	else
		cxm__snprintf_c(decade_word, sizeof decade_word, "%d", best->decade);
	cxm__snprintf_c(key_buf, sizeof key_buf, "%s/%s/%s", best->gender.n ? best->gender.v[0] : "*", decade_word,
		 best->country.n ? best->country.v[0] : "*");
	cxm__rng_init(&r, seed, stream);
	i = (size_t)cxm__rng_below(&r, best->names.n);
	len = strlen(best->names.v[i]);
	if (cap < len + 1)
		return cxm__fail(CXM_EBAD_ARG, "cap = %zu is smaller than the %zu bytes the name \"%s\" needs", cap,
				 len + 1, best->names.v[i]);
	if (key && key_cap < strlen(key_buf) + 1)
		return cxm__fail(CXM_EBAD_ARG, "key_cap = %zu is smaller than the %zu bytes the key \"%s\" needs",
				 key_cap, strlen(key_buf) + 1, key_buf);
	memcpy(out, best->names.v[i], len + 1);
	if (key)
		memcpy(key, key_buf, strlen(key_buf) + 1);
	return CXM_OK;
}
