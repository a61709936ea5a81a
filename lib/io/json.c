/*
 * lib/io/json.c - the library's only cJSON user (conventions C10).
 *
 * cJSON allocates through its own process-global hooks, which we must never
 * change (cJSON_InitHooks would reconfigure every other cJSON user in a Python
 * or Ruby process), so cJSON's memory bypasses sys/alloc.h: every cJSON
 * failure is reported as CXM_ENOMEM, and the printed text is copied into our
 * own allocation, because callers free it with cxm_free.
 */
#include <math.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "io_internal.h"

/* cxm__json is never defined: a cxm__json * is a cJSON * under another name,
 * which keeps cJSON out of every header. */
static cJSON *node(cxm__json *v)
{
	return (cJSON *)(void *)v;
}

static cxm__json *wrap(cJSON *v)
{
	return (cxm__json *)(void *)v;
}

static int nomem(const char *what, const char *key)
{
	return cxm__fail(CXM_ENOMEM, "JSON: out of memory adding %s '%s'", what, key ? key : "");
}

int cxm__json_new_object(cxm__json **out)
{
	cJSON *obj = cJSON_CreateObject();
	*out = wrap(obj);
	if (obj == NULL)
		return cxm__fail(CXM_ENOMEM, "JSON: out of memory creating an object");
	return CXM_OK;
}

void cxm__json_free(cxm__json *value)
{
	cJSON_Delete(node(value));
}

int cxm__json_add_object(cxm__json **child, cxm__json *obj, const char *key)
{
	cJSON *c = cJSON_AddObjectToObject(node(obj), key);
	*child = wrap(c);
	return c ? CXM_OK : nomem("object", key);
}

int cxm__json_add_array(cxm__json **child, cxm__json *obj, const char *key)
{
	cJSON *c = cJSON_AddArrayToObject(node(obj), key);
	*child = wrap(c);
	return c ? CXM_OK : nomem("array", key);
}

int cxm__json_add_number(cxm__json *obj, const char *key, double x)
{
	/* cJSON would print a non-finite number as null anyway; saying so here
	 * keeps the output independent of that detail */
	if (!isfinite(x))
		return cxm__json_add_null(obj, key);
	return cJSON_AddNumberToObject(node(obj), key, x) ? CXM_OK : nomem("number", key);
}

int cxm__json_add_string(cxm__json *obj, const char *key, const char *s)
{
	if (s == NULL)
		return cxm__json_add_null(obj, key);
	return cJSON_AddStringToObject(node(obj), key, s) ? CXM_OK : nomem("string", key);
}

int cxm__json_add_null(cxm__json *obj, const char *key)
{
	return cJSON_AddNullToObject(node(obj), key) ? CXM_OK : nomem("null", key);
}

int cxm__json_append_string(cxm__json *array, const char *s)
{
	cJSON *item = cJSON_CreateString(s);
	if (item == NULL)
		return nomem("array string", s);
	if (!cJSON_AddItemToArray(node(array), item)) {
		cJSON_Delete(item);
		return nomem("array string", s);
	}
	return CXM_OK;
}

int cxm__json_print(char **out, cxm__json *value)
{
	char *text, *copy;
	size_t len;
	*out = NULL;
	text = cJSON_Print(node(value));
	if (text == NULL)
		return cxm__fail(CXM_ENOMEM, "JSON: out of memory printing");
	len = strlen(text);
	copy = cxm__malloc(len + 2);
	if (copy == NULL) {
		cJSON_free(text);
		return cxm__fail(CXM_ENOMEM, "JSON: out of memory copying %zu bytes", len + 2);
	}
	memcpy(copy, text, len);
	copy[len] = '\n';
	copy[len + 1] = '\0';
	cJSON_free(text);
	*out = copy;
	return CXM_OK;
}
