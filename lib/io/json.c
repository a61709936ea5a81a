/*
 * lib/io/json.c - the library's only cJSON user (conventions C10). cJSON
 * reads JSON here (fits); nothing is built with cJSON any more (the report
 * and the tables write through json_writer.c).
 *
 * cJSON allocates through its own process-global hooks, which we must never
 * change (cJSON_InitHooks would reconfigure every other cJSON user in a Python
 * or Ruby process), so cJSON's memory bypasses sys/alloc.h: every cJSON
 * failure is reported as CXM_ENOMEM.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "io_internal.h"

/* ---- fitted CLV models (clvmodel.h) --------------------------------------------- */

/* The model's name and parameter count, checked against fit->n_params. */
static int fit_model(const char **name, size_t *n_params, int model)
{
	size_t i;
	if (model < CXM_CLV_BGNBD || model > CXM_CLV_SBG || (*name = cxm_clv_model_name(model)) == NULL)
		return cxm__fail(CXM_EBAD_ARG, "fit->model is %d, which is not a model of this library", model);
	for (i = 0; cxm_clv_param_name(model, i) != NULL; i++)
		;
	*n_params = i;
	return CXM_OK;
}

/* Append to buf (capacity cap, used *len); the buffer is sized for the
 * longest fit, so running out is a bug, reported rather than truncated. */
static int put(char *buf, size_t cap, size_t *len, const char *fmt, ...) CXM__PRINTF(4, 5);

static int put(char *buf, size_t cap, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vsnprintf(buf + *len, cap - *len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= cap - *len)
		return cxm__fail(CXM_ENOMEM, "cxm_clv_fit_result_to_json: the text outgrew %zu bytes", cap);
	*len += (size_t)n;
	return CXM_OK;
}

/* A number in 17 significant digits (it reads back exactly), or null. */
static int put_number(char *buf, size_t cap, size_t *len, double x)
{
	if (!isfinite(x))
		return put(buf, cap, len, "null");
	return put(buf, cap, len, "%.17g", x);
}

/* {"r": ..., "alpha": ...} */
static int put_params(char *buf, size_t cap, size_t *len, int model, size_t n, const double *v)
{
	size_t i;
	int rc;
	if ((rc = put(buf, cap, len, "{")) < 0)
		return rc;
	for (i = 0; i < n; i++) {
		if ((rc = put(buf, cap, len, "%s\"%s\": ", i ? ", " : "", cxm_clv_param_name(model, i))) < 0 ||
		    (rc = put_number(buf, cap, len, v[i])) < 0)
			return rc;
	}
	return put(buf, cap, len, "}");
}

cxm_status cxm_clv_fit_result_to_json(char **out, const cxm_clv_fit_result *fit)
{
	/* keys and names are short ASCII constants (no escaping needed) and
	 * every number takes at most 24 characters: 1 KiB holds any fit */
	char buf[1024], *copy;
	const char *name = NULL;
	size_t len = 0, n_params = 0;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(fit, "fit")) < 0 ||
	    (rc = cxm__check_out(fit, fit->version, CXM_CLV_FIT_RESULT_VERSION, "cxm_clv_fit_result")) < 0 ||
	    (rc = fit_model(&name, &n_params, fit->model)) < 0)
		return rc;
	if (fit->n_params != n_params)
		return cxm__fail(CXM_EBAD_ARG, "fit->n_params is %zu, but model %s has %zu parameters",
				 fit->n_params, name, n_params);
	if ((rc = put(buf, sizeof buf, &len, "{\n  \"model\": \"%s\",\n  \"params\": ", name)) < 0 ||
	    (rc = put_params(buf, sizeof buf, &len, fit->model, n_params, fit->params)) < 0 ||
	    (rc = put(buf, sizeof buf, &len, ",\n  \"se\": ")) < 0 ||
	    (rc = put_params(buf, sizeof buf, &len, fit->model, n_params, fit->se)) < 0 ||
	    (rc = put(buf, sizeof buf, &len, ",\n  \"loglik\": ")) < 0 ||
	    (rc = put_number(buf, sizeof buf, &len, fit->loglik)) < 0 ||
	    (rc = put(buf, sizeof buf, &len, ",\n  \"iterations\": %u,\n  \"converged\": %s,\n  \"gradient_norm\": ",
		      fit->iterations, fit->converged ? "true" : "false")) < 0 ||
	    (rc = put_number(buf, sizeof buf, &len, fit->gradient_norm)) < 0 ||
	    (rc = put(buf, sizeof buf, &len, ",\n  \"n_customers\": %zu\n}\n", fit->n_customers)) < 0)
		return rc;
	if ((copy = cxm__malloc(len + 1)) == NULL)
		return cxm__fail(CXM_ENOMEM, "cxm_clv_fit_result_to_json: no memory for %zu bytes", len + 1);
	memcpy(copy, buf, len + 1);
	*out = copy;
	return CXM_OK;
}

/* A key of the object as a message quote (keys may hold anything). */
static const char *quoted_key(char *dst, size_t cap, const char *key)
{
	cxm__quote_text(dst, cap, key, strlen(key));
	return dst;
}

/* An optional number: absent or null -> NaN. */
static int opt_number(double *out, const cJSON *obj, const char *key, const char *where)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	*out = NAN;
	if (v == NULL || cJSON_IsNull(v))
		return CXM_OK;
	if (!cJSON_IsNumber(v))
		return cxm__fail(CXM_EPARSE, "fit JSON: %s\"%s\" must be a number or null", where, key);
	*out = v->valuedouble;
	return CXM_OK;
}

/* An optional whole number >= 0, at most `max`: absent or null -> 0. */
static int opt_count(double *out, const cJSON *obj, const char *key, double max)
{
	int rc;
	if ((rc = opt_number(out, obj, key, "")) < 0)
		return rc;
	if (isnan(*out)) {
		*out = 0.0;
		return CXM_OK;
	}
	if (!(*out >= 0.0 && *out <= max && *out == floor(*out)))
		return cxm__fail(CXM_EOUT_OF_RANGE, "fit JSON: \"%s\" is %.17g; it must be a whole number "
				 "from 0 to %.17g", key, *out, max);
	return CXM_OK;
}

/* params (required, finite > 0) or se (optional, NaN when absent or null). */
static int read_params(double *v, const cJSON *root, const char *key, int model, size_t n,
		       int required)
{
	const cJSON *obj = cJSON_GetObjectItemCaseSensitive(root, key), *item;
	char where[32], quote[64];
	size_t i;
	int rc;
	for (i = 0; i < n; i++)
		v[i] = NAN;
	if (obj == NULL || cJSON_IsNull(obj)) {
		if (required)
			return cxm__fail(CXM_EPARSE, "fit JSON: no \"%s\" object", key);
		return CXM_OK;
	}
	if (!cJSON_IsObject(obj))
		return cxm__fail(CXM_EPARSE, "fit JSON: \"%s\" must be an object of named numbers", key);
	/* a key the model lacks is most likely a misspelt parameter */
	cJSON_ArrayForEach(item, obj) {
		for (i = 0; i < n; i++)
			if (item->string && strcmp(item->string, cxm_clv_param_name(model, i)) == 0)
				break;
		if (i == n)
			return cxm__fail(CXM_EPARSE, "fit JSON: \"%s\" has \"%s\", which is not a parameter of %s",
					 key, item->string ? quoted_key(quote, sizeof quote, item->string) : "",
					 cxm_clv_model_name(model));
	}
	snprintf(where, sizeof where, "%s.", key);
	for (i = 0; i < n; i++) {
		const char *name = cxm_clv_param_name(model, i);
		if ((rc = opt_number(&v[i], obj, name, where)) < 0)
			return rc;
		if (!required)
			continue;
		if (isnan(v[i]))
			return cxm__fail(CXM_EPARSE, "fit JSON: %s\"%s\" is missing (model %s needs it)", where,
					 name, cxm_clv_model_name(model));
		if (!(isfinite(v[i]) && v[i] > 0.0))
			return cxm__fail(CXM_EOUT_OF_RANGE, "fit JSON: %s\"%s\" is %.17g; it must be a finite "
					 "number > 0", where, name, v[i]);
	}
	return CXM_OK;
}

/* BAD_ARG naming the models there are. The name comes from the file, so the
 * message quotes it through cxm__quote_text (one line, at most
 * CXM__QUOTE_MAX bytes) rather than as cxm_clv_model_from_name would. */
static int unknown_model(const char *text)
{
	char quote[CXM__QUOTE_MAX + 4], known[128];
	size_t used = 0;
	int m;
	known[0] = '\0';
	for (m = CXM_CLV_BGNBD; m <= CXM_CLV_SBG; m++) {
		const char *name = cxm_clv_model_name(m);
		int n;
		if (name == NULL)
			continue;
		n = snprintf(known + used, sizeof known - used, "%s%s", used ? (m == CXM_CLV_SBG ? " or " : ", ") : "",
			     name);
		if (n < 0 || (size_t)n >= sizeof known - used)
			break;
		used += (size_t)n;
	}
	cxm__quote_text(quote, sizeof quote, text, strlen(text));
	return cxm__fail(CXM_EBAD_ARG, "fit JSON: unknown model '%s'; use %s", quote, known);
}

static int read_fit(cxm_clv_fit_result *fit, const cJSON *root)
{
	const cJSON *model = cJSON_GetObjectItemCaseSensitive(root, "model");
	const cJSON *conv = cJSON_GetObjectItemCaseSensitive(root, "converged");
	const char *name = NULL;
	double iterations, n_customers;
	size_t n_params = 0;
	int rc;
	if (!cJSON_IsObject(root))
		return cxm__fail(CXM_EPARSE, "fit JSON: the text is not a JSON object");
	if (!cJSON_IsString(model))
		return cxm__fail(CXM_EPARSE, "fit JSON: \"model\" must be a string such as \"bgnbd\"");
	if (cxm_clv_model_from_name(&fit->model, model->valuestring) < 0)
		return unknown_model(model->valuestring);
	if ((rc = fit_model(&name, &n_params, fit->model)) < 0) {
		cxm__error_context("fit JSON");
		return rc;
	}
	fit->n_params = n_params;
	if ((rc = read_params(fit->params, root, "params", fit->model, n_params, 1)) < 0 ||
	    (rc = read_params(fit->se, root, "se", fit->model, n_params, 0)) < 0 ||
	    (rc = opt_number(&fit->loglik, root, "loglik", "")) < 0 ||
	    (rc = opt_number(&fit->gradient_norm, root, "gradient_norm", "")) < 0 ||
	    (rc = opt_count(&iterations, root, "iterations", 4294967295.0)) < 0 ||
	    (rc = opt_count(&n_customers, root, "n_customers", 9007199254740992.0)) < 0)
		return rc;
	fit->iterations = (unsigned int)iterations;
	fit->n_customers = (size_t)n_customers;
	if (conv == NULL || cJSON_IsNull(conv))
		fit->converged = 0;
	else if (cJSON_IsBool(conv))
		fit->converged = cJSON_IsTrue(conv) ? 1 : 0;
	else
		return cxm__fail(CXM_EPARSE, "fit JSON: \"converged\" must be true or false");
	return CXM_OK;
}

cxm_status cxm_clv_fit_result_from_json(cxm_clv_fit_result *out, const char *json, size_t len)
{
	cxm_clv_fit_result fit;
	const char *end = NULL;
	cJSON *root;
	int rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_CLV_FIT_RESULT_VERSION, "cxm_clv_fit_result")) < 0 ||
	    (rc = cxm__check_array(json, len, "json")) < 0)
		return rc;
	if (len == 0)
		return cxm__fail(CXM_EPARSE, "fit JSON: the text is empty");
	root = cJSON_ParseWithLengthOpts(json, len, &end, 0);
	if (root == NULL) {
		/* cJSON points `end` at the failure (never cJSON_GetErrorPtr: global) */
		size_t at = end && end >= json ? (size_t)(end - json) : 0;
		char quote[64];
		cxm__quote_text(quote, sizeof quote, json + at, len - (at < len ? at : len));
		return cxm__fail(CXM_EPARSE, "fit JSON: not valid JSON at byte %zu (near '%s')", at, quote);
	}
	/* with require_null_terminated = 0 cJSON stops after the value: anything
	 * but white space there is an error too */
	while (end < json + len && (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r'))
		end++;
	if (end < json + len) {
		cJSON_Delete(root);
		return cxm__fail(CXM_EPARSE, "fit JSON: unexpected text after the object at byte %zu",
				 (size_t)(end - json));
	}
	memset(&fit, 0, sizeof fit);
	fit.version = out->version;
	rc = read_fit(&fit, root);
	cJSON_Delete(root);
	if (rc < 0)
		return rc;
	*out = fit;
	return CXM_OK;
}
