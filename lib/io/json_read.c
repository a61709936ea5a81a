/*
 * lib/io/json_read.c - reading JSON for the modules outside lib/io (rule
 * tables, conventions C10): cJSON stays here, the callers see an opaque node
 * (cxm__jv) with a few accessors. A text that is not JSON is PARSE with the
 * byte offset where cJSON stopped; text after the value is PARSE with its
 * offset too. cJSON's memory bypasses sys/alloc.h (see json.c).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "io_internal.h"

int cxm__json_parse(cxm__jv **root, const char *json, size_t len, const char *what)
{
	const char *end = NULL;
	char quote[CXM__QUOTE_MAX + 4];
	cJSON *doc;
	size_t at;
	int rc;
	if ((rc = cxm__check_ptr(root, "out")) < 0)
		return rc;
	*root = NULL;
	if ((rc = cxm__check_array(json, len, "json")) < 0)
		return rc;
	if (len == 0)
		return cxm__fail(CXM_EPARSE, "%s: the text is empty", what);
	doc = cJSON_ParseWithLengthOpts(json, len, &end, 0);
	if (doc == NULL) {
		/* cJSON points `end` at the failure (never cJSON_GetErrorPtr: global) */
		at = end && end >= json ? (size_t)(end - json) : 0;
		if (at > len)
			at = len;
		cxm__quote_text(quote, sizeof quote, json + at, len - at);
		if (at == len)
			return cxm__fail(CXM_EPARSE, "%s: not valid JSON at byte %zu (the text ends too early)",
					 what, at);
		return cxm__fail(CXM_EPARSE, "%s: not valid JSON at byte %zu (near '%s')", what, at, quote);
	}
	while (end < json + len && (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r'))
		end++;
	if (end < json + len) {
		cJSON_Delete(doc);
		return cxm__fail(CXM_EPARSE, "%s: unexpected text after the JSON value at byte %zu", what,
				 (size_t)(end - json));
	}
	*root = (cxm__jv *)doc;
	return CXM_OK;
}

int cxm__read_whole_file(char **text, size_t *len, const char *path)
{
	char *buf = NULL;
	size_t n = 0, cap = 0, got;
	FILE *f;
	int err;
	*text = NULL;
	*len = 0;
	errno = 0;
	if (!(f = fopen(path, "rb"))) {
		err = errno;
		return cxm__fail(CXM_EIO, "cannot open '%s': %s", path, err ? strerror(err) : "unknown error");
	}
	for (;;) {
		if (n == cap) {
			char *grown;
			cap = cap ? cap * 2 : 4096;
			if (!(grown = cxm__realloc(buf, cap))) {
				cxm__free(buf);
				fclose(f);
				return cxm__fail(CXM_ENOMEM, "no memory to read '%s' (%zu bytes)", path, cap);
			}
			buf = grown;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	err = ferror(f);
	fclose(f);
	if (err) {
		cxm__free(buf);
		return cxm__fail(CXM_EIO, "cannot read '%s'", path);
	}
	*text = buf;
	*len = n;
	return CXM_OK;
}

int cxm__json_parse_file(cxm__jv **root, const char *path, const char *what)
{
	char *text = NULL, prefix[300];
	size_t len = 0;
	int rc;
	if ((rc = cxm__check_ptr(root, "out")) < 0)
		return rc;
	*root = NULL;
	if ((rc = cxm__check_ptr(path, "path")) < 0 || (rc = cxm__read_whole_file(&text, &len, path)) < 0)
		return rc;
	cxm__snprintf_c(prefix, sizeof prefix, "%s %s", what, path);
	rc = cxm__json_parse(root, text ? text : "", len, prefix);
	cxm__free(text);
	return rc;
}

void cxm__json_free(cxm__jv *root)
{
	cJSON_Delete((cJSON *)root);
}

int cxm__jv_type(const cxm__jv *v)
{
	const cJSON *j = (const cJSON *)v;
	if (j == NULL)
		return CXM__JV_ABSENT;
	if (cJSON_IsNull(j))
		return CXM__JV_NULL;
	if (cJSON_IsBool(j))
		return CXM__JV_BOOL;
	if (cJSON_IsNumber(j))
		return CXM__JV_NUMBER;
	if (cJSON_IsString(j))
		return CXM__JV_STRING;
	if (cJSON_IsArray(j))
		return CXM__JV_ARRAY;
	return CXM__JV_OBJECT;
}

const char *cxm__jv_type_name(int type)
{
	static const char *const names[] = { "absent", "null", "a boolean", "a number", "a string",
					     "an array", "an object" };
	return type >= 0 && type <= CXM__JV_OBJECT ? names[type] : "?";
}

const cxm__jv *cxm__jv_get(const cxm__jv *obj, const char *key)
{
	const cJSON *j = (const cJSON *)obj;
	if (!cJSON_IsObject(j))
		return NULL;
	return (const cxm__jv *)cJSON_GetObjectItemCaseSensitive(j, key);
}

const cxm__jv *cxm__jv_first(const cxm__jv *container)
{
	const cJSON *j = (const cJSON *)container;
	return j && (cJSON_IsArray(j) || cJSON_IsObject(j)) ? (const cxm__jv *)j->child : NULL;
}

const cxm__jv *cxm__jv_next(const cxm__jv *item)
{
	return item ? (const cxm__jv *)((const cJSON *)item)->next : NULL;
}

size_t cxm__jv_size(const cxm__jv *container)
{
	const cxm__jv *it;
	size_t n = 0;
	for (it = cxm__jv_first(container); it; it = cxm__jv_next(it))
		n++;
	return n;
}

const char *cxm__jv_key(const cxm__jv *member)
{
	return member ? ((const cJSON *)member)->string : NULL;
}

double cxm__jv_number(const cxm__jv *v)
{
	return ((const cJSON *)v)->valuedouble;
}

const char *cxm__jv_string(const cxm__jv *v)
{
	const cJSON *j = (const cJSON *)v;
	return cJSON_IsString(j) ? j->valuestring : NULL;
}

int cxm__jv_true(const cxm__jv *v)
{
	return cJSON_IsTrue((const cJSON *)v) ? 1 : 0;
}

int cxm__json_read(void *out, const char *json, size_t len, const char *path, const char *what,
		   int (*from_root)(void *out, cxm__jv *root))
{
	cxm__jv *root = NULL;
	int rc = path ? cxm__json_parse_file(&root, path, what) : cxm__json_parse(&root, json, len, what);
	if (rc < 0)
		return rc;
	if ((rc = from_root(out, root)) < 0 && path)
		return cxm__error_context(path);
	return rc;
}
