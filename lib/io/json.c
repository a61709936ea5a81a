/*
 * lib/io/json.c - the library's only cJSON user (conventions C10). cJSON
 * reads JSON here (fits); nothing is built with cJSON any more (the report
 * and the tables write through json_writer.c).
 *
 * cJSON allocates through its own process-global hooks, which we must never
 * change (cJSON_InitHooks would reconfigure every other cJSON user in a Python
 * or Ruby process), so cJSON's memory bypasses sys/alloc.h. cJSON cannot
 * tell a malformed text from a failed allocation: a parse that fails is
 * reported as CXM_EPARSE with the byte offset where it stopped.
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "io_internal.h"
#include "names.h"
#include "cluster/cluster_internal.h"

/* ---- fitted CLV models (clvmodel.h) --------------------------------------------- */

/* The model's parameter count, checked against fit->n_params. */
static int fit_params(size_t *n_params, const cxm_clv_fit_result *fit)
{
	cxm_clv_model_info info = CXM_CLV_MODEL_INFO_INIT;
	int rc;
	if ((rc = cxm_clv_model_describe(&info, fit->model)) < 0)
		return cxm__error_context("fit->model");
	if (fit->n_params != info.n_params)
		return cxm__fail(CXM_EBAD_ARG, "fit->n_params is %zu, but model %s has %zu parameters",
				 fit->n_params, info.name, info.n_params);
	*n_params = info.n_params;
	return CXM_OK;
}

/* {"r": ..., "alpha": ...} on one line */
static void put_params(cxm__jw *w, const char *key, int model, size_t n, const double *v)
{
	size_t i;
	cxm__jw_object(w, key, CXM__JSON_INLINE);
	for (i = 0; i < n; i++)
		cxm__jw_number(w, cxm_clv_param_name(model, i), v[i]);
	cxm__jw_end(w);
}

/* Written by the one JSON writer (json_writer.c): numbers in the shortest
 * text that reads back exactly, NaN and infinities as null. */
cxm_status cxm_clv_fit_result_to_json(char **out, const cxm_clv_fit_result *fit)
{
	size_t n_params = 0;
	cxm__buf b;
	cxm__jw w;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(fit, "fit")) < 0 ||
	    (rc = cxm__check_out(fit, fit->version, CXM_CLV_FIT_RESULT_VERSION, "cxm_clv_fit_result")) < 0 ||
	    (rc = fit_params(&n_params, fit)) < 0)
		return rc;
	if (fit->version >= 2 && cxm_names_word(CXM_NAMES_CLV_FIT_STATUS, fit->status) == NULL)
		return cxm__fail(CXM_EBAD_ARG, "fit->status is %d, not a fit status (%s)", fit->status,
				 "converged, iteration_limit, boundary, stalled or given");
	cxm__buf_init(&b);
	cxm__jw_init(&w, &b);
	cxm__jw_object(&w, NULL, CXM__JSON_BLOCK);
	cxm__jw_string(&w, "model", cxm_names_word(CXM_NAMES_CLV_MODEL, fit->model));
	put_params(&w, "params", fit->model, n_params, fit->params);
	put_params(&w, "se", fit->model, n_params, fit->se);
	cxm__jw_number(&w, "loglik", fit->loglik);
	cxm__jw_number(&w, "iterations", (double)fit->iterations);
	cxm__jw_bool(&w, "converged", fit->converged);
	cxm__jw_number(&w, "gradient_norm", fit->gradient_norm);
	cxm__jw_number(&w, "n_customers", (double)fit->n_customers);
	/* version 2: how the fit ended (spec §8.14), and which parameter ran off */
	if (fit->version >= 2) {
		const char *status = cxm_names_word(CXM_NAMES_CLV_FIT_STATUS, fit->status);
		const char *param = fit->boundary_param >= 0 && (size_t)fit->boundary_param < n_params
					    ? cxm_clv_param_name(fit->model, (size_t)fit->boundary_param) : NULL;
		cxm__jw_string(&w, "status", status);
		if (fit->status == CXM_CLV_FIT_BOUNDARY && param)
			cxm__jw_string(&w, "boundary_param", param);
	}
	cxm__jw_end(&w);
	return cxm__buf_finish(&b, out);
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

/* params (required: each present; cxm_clv_fit_result_from_params checks the
 * values) or se (optional, NaN when absent or null). */
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
					 cxm_names_word(CXM_NAMES_CLV_MODEL, model));
	}
	cxm__snprintf_c(where, sizeof where, "%s.", key);
	for (i = 0; i < n; i++) {
		const char *name = cxm_clv_param_name(model, i);
		if ((rc = opt_number(&v[i], obj, name, where)) < 0)
			return rc;
		if (!required)
			continue;
		if (isnan(v[i]))
			return cxm__fail(CXM_EPARSE, "fit JSON: %s\"%s\" is missing (model %s needs it)", where,
					 name, cxm_names_word(CXM_NAMES_CLV_MODEL, model));
	}
	return CXM_OK;
}

/* "status" and "boundary_param" (spec §8.14): without a status (files of
 * version 1, fits written by hand) "converged": true reads as converged,
 * anything else as given parameters. converged follows the status. */
static int read_status(cxm_clv_fit_result *fit, const cJSON *root, const cxm_clv_model_info *info)
{
	const cJSON *status = cJSON_GetObjectItemCaseSensitive(root, "status");
	const cJSON *param = cJSON_GetObjectItemCaseSensitive(root, "boundary_param");
	int value = fit->converged ? CXM_CLV_FIT_CONVERGED : CXM_CLV_FIT_GIVEN, bp = -1;
	size_t i;
	if (status != NULL && !cJSON_IsNull(status)) {
		if (!cJSON_IsString(status))
			return cxm__fail(CXM_EPARSE, "fit JSON: \"status\" must be a string such as \"converged\"");
		if (cxm_names_parse(&value, CXM_NAMES_CLV_FIT_STATUS, status->valuestring) < 0) {
			/* the names table's message ("fit status must be converged, ...,
			 * not 'x'") is about the file's text: PARSE */
			char msg[256];
			const char *rest;
			cxm__snprintf_c(msg, sizeof msg, "%s", cxm_error_last()->message); /* cxm__fail reuses its buffer */
			rest = strstr(msg, ": ");
			return cxm__fail(CXM_EPARSE, "fit JSON: \"status\": %s", rest ? rest + 2 : msg);
		}
	}
	if (value == CXM_CLV_FIT_BOUNDARY) {
		if (!cJSON_IsString(param))
			return cxm__fail(CXM_EPARSE, "fit JSON: \"status\" is \"boundary\" but \"boundary_param\" "
					 "does not name a parameter of %s", info->name);
		for (i = 0; i < info->n_params && strcmp(param->valuestring, cxm_clv_param_name(info->model, i)); i++)
			;
		if (i == info->n_params)
			return cxm__fail(CXM_EPARSE, "fit JSON: \"boundary_param\" is not a parameter of %s",
					 info->name);
		bp = (int)i;
	}
	fit->converged = value == CXM_CLV_FIT_CONVERGED;
	if (fit->version >= 2) {
		fit->status = value;
		fit->boundary_param = bp;
	}
	return CXM_OK;
}

static int read_fit(cxm_clv_fit_result *fit, const cJSON *root)
{
	const cJSON *model = cJSON_GetObjectItemCaseSensitive(root, "model");
	const cJSON *conv = cJSON_GetObjectItemCaseSensitive(root, "converged");
	cxm_clv_model_info info = CXM_CLV_MODEL_INFO_INIT;
	double params[CXM_CLV_MAX_PARAMS], se[CXM_CLV_MAX_PARAMS], iterations, n_customers;
	int rc, m;
	size_t i;
	if (!cJSON_IsObject(root))
		return cxm__fail(CXM_EPARSE, "fit JSON: the text is not a JSON object");
	if (!cJSON_IsString(model))
		return cxm__fail(CXM_EPARSE, "fit JSON: \"model\" must be a string such as \"bgnbd\"");
	/* the word comes from the file: the names table quotes it on one line */
	if ((rc = cxm_names_parse(&m, CXM_NAMES_CLV_MODEL, model->valuestring)) < 0 ||
	    (rc = cxm_clv_model_describe(&info, m)) < 0)
		return cxm__error_context("fit JSON");
	/* the parameters present by name, then valid by the one rule */
	if ((rc = read_params(params, root, "params", m, info.n_params, 1)) < 0)
		return rc;
	if ((rc = cxm_clv_fit_result_from_params(fit, m, params, info.n_params)) < 0)
		return cxm__error_context("fit JSON");
	if ((rc = read_params(se, root, "se", m, info.n_params, 0)) < 0 ||
	    (rc = opt_number(&fit->loglik, root, "loglik", "")) < 0 ||
	    (rc = opt_number(&fit->gradient_norm, root, "gradient_norm", "")) < 0 ||
	    (rc = opt_count(&iterations, root, "iterations", 4294967295.0)) < 0 ||
	    (rc = opt_count(&n_customers, root, "n_customers", 9007199254740992.0)) < 0)
		return rc;
	for (i = 0; i < info.n_params; i++)
		fit->se[i] = se[i];
	fit->iterations = (unsigned int)iterations;
	fit->n_customers = (size_t)n_customers;
	if (conv == NULL || cJSON_IsNull(conv))
		fit->converged = 0;
	else if (cJSON_IsBool(conv))
		fit->converged = cJSON_IsTrue(conv) ? 1 : 0;
	else
		return cxm__fail(CXM_EPARSE, "fit JSON: \"converged\" must be true or false");
	return read_status(fit, root, &info);
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
	/* a caller of version 1 has room for the fields of version 1 only */
	memcpy(out, &fit, out->version >= 2 ? sizeof fit : offsetof(cxm_clv_fit_result, status));
	return CXM_OK;
}

/* ---- clustering models (cluster.h, spec §14.3) ---------------------------------- */

extern const cxm__names cxm__cluster_kind_names;

/* An optional number: absent or null -> NaN. */
static int model_opt(double *out, const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	*out = NAN;
	if (v == NULL || cJSON_IsNull(v))
		return CXM_OK;
	if (!cJSON_IsNumber(v))
		return cxm__fail(CXM_EPARSE, "cluster model JSON: \"%s\" must be a number or null", key);
	*out = v->valuedouble;
	return CXM_OK;
}

/* A required whole number from 0 to max. */
static int model_count(size_t *out, const cJSON *root, const char *key, double max)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, key);
	if (!cJSON_IsNumber(v))
		return cxm__fail(CXM_EPARSE, "cluster model JSON: \"%s\" must be a number", key);
	if (!(v->valuedouble >= 0.0 && v->valuedouble <= max && v->valuedouble == floor(v->valuedouble)))
		return cxm__fail(CXM_EOUT_OF_RANGE, "cluster model JSON: \"%s\" is %.17g; it must be a whole number "
				 "from 0 to %.17g", key, v->valuedouble, max);
	*out = (size_t)v->valuedouble;
	return CXM_OK;
}

/* An array of `n` items under key (n_expect = SIZE_MAX: any length, put in *n). */
static int model_array(const cJSON **arr, const cJSON *root, const char *key, size_t n_expect, const char *shape)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, key);
	size_t n;
	if (!cJSON_IsArray(v))
		return cxm__fail(CXM_EPARSE, "cluster model JSON: \"%s\" must be an array", key);
	n = (size_t)cJSON_GetArraySize(v);
	if (n != n_expect)
		return cxm__fail(CXM_EINCONSISTENT, "cluster model JSON: \"%s\" has %zu entries, but %s is %zu", key, n,
				 shape, n_expect);
	*arr = v;
	return CXM_OK;
}

/* One number: null is NaN (NAN), a number that overflowed OUT_OF_RANGE. */
static int model_value(double *out, const cJSON *v, const char *key, size_t i, size_t j, int two)
{
	char where[64];
	if (two)
		cxm__snprintf_c(where, sizeof where, "%s[%zu][%zu]", key, i, j);
	else
		cxm__snprintf_c(where, sizeof where, "%s[%zu]", key, i);
	if (cJSON_IsNull(v))
		return cxm__fail(CXM_ENAN, "cluster model JSON: %s is null (NaN)", where);
	if (!cJSON_IsNumber(v))
		return cxm__fail(CXM_EPARSE, "cluster model JSON: %s must be a number", where);
	if (!isfinite(v->valuedouble))
		return cxm__fail(CXM_EOUT_OF_RANGE, "cluster model JSON: %s is %g; it must be finite", where,
				 v->valuedouble);
	*out = v->valuedouble;
	return CXM_OK;
}

/* k rows of cols numbers (into d) or codes below levels[col] (into u). */
static int model_matrix(double *d, uint32_t *u, const uint32_t *levels, const cJSON *root, const char *key,
			size_t k, size_t cols)
{
	const cJSON *arr = NULL, *row, *v;
	size_t i = 0, j;
	int rc, numeric = strcmp(key, "centres") == 0;
	if (cols == 0) {
		const cJSON *a = cJSON_GetObjectItemCaseSensitive(root, key);
		if (a == NULL || cJSON_IsNull(a) || (cJSON_IsArray(a) && cJSON_GetArraySize(a) == 0))
			return CXM_OK;
		return cxm__fail(CXM_EINCONSISTENT, "cluster model JSON: \"%s\" must be empty: the model has no %s "
				 "columns", key, numeric ? "numeric" : "categorical");
	}
	if ((rc = model_array(&arr, root, key, k, "k")) < 0)
		return rc;
	cJSON_ArrayForEach(row, arr) {
		if (!cJSON_IsArray(row))
			return cxm__fail(CXM_EPARSE, "cluster model JSON: %s[%zu] must be an array", key, i);
		if ((size_t)cJSON_GetArraySize(row) != cols)
			return cxm__fail(CXM_EINCONSISTENT, "cluster model JSON: %s[%zu] has %d values, but n_%s is %zu",
					 key, i, cJSON_GetArraySize(row), numeric ? "cols" : "cat", cols);
		if (!d && !u) { /* the shape only */
			i++;
			continue;
		}
		j = 0;
		cJSON_ArrayForEach(v, row) {
			double x = 0.0;
			if ((rc = model_value(&x, v, key, i, j, 1)) < 0)
				return rc;
			if (d) {
				d[i * cols + j] = x;
			} else {
				if (!(x >= 0.0 && x == floor(x) && x < (double)levels[j]))
					return cxm__fail(CXM_EOUT_OF_RANGE, "cluster model JSON: %s[%zu][%zu] is %.17g; "
							 "it must be a level code from 0 to %u", key, i, j, x,
							 (unsigned)levels[j] - 1u);
				u[i * cols + j] = (uint32_t)x;
			}
			j++;
		}
		i++;
	}
	return CXM_OK;
}

/* An array of strings (names) of n entries, into a temporary vector. */
static int model_texts(const char ***out, const cJSON *arr, const char *key, size_t n)
{
	const cJSON *v;
	const char **t;
	size_t i = 0;
	int rc;
	*out = NULL;
	if ((size_t)cJSON_GetArraySize(arr) != n)
		return cxm__fail(CXM_EINCONSISTENT, "cluster model JSON: \"%s\" has %d entries, but the model needs %zu",
				 key, cJSON_GetArraySize(arr), n);
	if ((rc = cxm__alloc_array(&t, n ? n : 1, sizeof *t, key)) < 0)
		return rc;
	cJSON_ArrayForEach(v, arr) {
		if (!cJSON_IsString(v)) {
			cxm__free(t);
			return cxm__fail(CXM_EPARSE, "cluster model JSON: %s[%zu] must be a string", key, i);
		}
		t[i++] = v->valuestring;
	}
	*out = t;
	return CXM_OK;
}

static int read_model(cxm_cluster_model **out, const cJSON *root)
{
	const cJSON *kind = cJSON_GetObjectItemCaseSensitive(root, "kind"), *arr = NULL, *v;
	const cJSON *conv = cJSON_GetObjectItemCaseSensitive(root, "converged");
	cxm_cluster_model *m;
	size_t k = 0, p = 0, q = 0, rows = 0, iterations = 0, i;
	const char **texts = NULL;
	int rc, kd;
	double x = 0.0;
	if (!cJSON_IsObject(root))
		return cxm__fail(CXM_EPARSE, "cluster model JSON: the text is not a JSON object");
	if (!cJSON_IsString(kind))
		return cxm__fail(CXM_EPARSE, "cluster model JSON: \"kind\" must be a string such as \"kmeans\"");
	if ((rc = cxm__names_parse(&kd, &cxm__cluster_kind_names, kind->valuestring, "cluster model JSON \"kind\"")) < 0 ||
	    (rc = model_count(&k, root, "k", 2147483648.0)) < 0 ||
	    (rc = model_count(&p, root, "n_cols", 1e9)) < 0 || (rc = model_count(&q, root, "n_cat", 1e9)) < 0 ||
	    (rc = model_count(&rows, root, "rows", 9007199254740992.0)) < 0 ||
	    (rc = model_count(&iterations, root, "iterations", 4294967295.0)) < 0)
		return rc;
	if (k == 0)
		return cxm__fail(CXM_EOUT_OF_RANGE, "cluster model JSON: \"k\" is 0");
	if (p + q == 0)
		return cxm__fail(CXM_EINCONSISTENT, "cluster model JSON: the model has no columns (n_cols and n_cat 0)");
	if (kd == CXM_CLUSTER_KMEANS && (q != 0 || p == 0))
		return cxm__fail(CXM_EINCONSISTENT, "cluster model JSON: a kmeans model has numeric columns only "
				 "(n_cols %zu, n_cat %zu)", p, q);
	if (kd == CXM_CLUSTER_KPROTOTYPES && q == 0)
		return cxm__fail(CXM_EINCONSISTENT, "cluster model JSON: a kprototypes model has categorical columns "
				 "(n_cat is 0)");
	/* the shapes the header keys claim, against the arrays, before anything
	 * of that size is allocated: a claim of 10^9 columns costs nothing then */
	if ((rc = model_matrix(NULL, NULL, NULL, root, "centres", k, p)) < 0 ||
	    (rc = model_matrix(NULL, NULL, NULL, root, "modes", k, q)) < 0 ||
	    (q && (rc = model_array(&arr, root, "levels", q, "n_cat")) < 0))
		return rc;
	if ((m = cxm__cluster_model_alloc(kd, k, p, q)) == NULL)
		return CXM_ENOMEM;
	m->rows = rows;
	m->iterations = (unsigned int)iterations;
	/* levels before the modes: codes are checked against them */
	if (q) {
		if ((rc = model_array(&arr, root, "levels", q, "n_cat")) < 0)
			goto fail;
		i = 0;
		cJSON_ArrayForEach(v, arr) {
			if ((rc = model_value(&x, v, "levels", i, 0, 0)) < 0)
				goto fail;
			if (!(x >= 1.0 && x <= 4294967295.0 && x == floor(x))) {
				rc = cxm__fail(CXM_EOUT_OF_RANGE, "cluster model JSON: levels[%zu] is %.17g; it must be a "
					       "whole number >= 1", i, x);
				goto fail;
			}
			m->levels[i++] = (uint32_t)x;
		}
	} else {
		const cJSON *a = cJSON_GetObjectItemCaseSensitive(root, "levels");
		if (a && !cJSON_IsNull(a) && !(cJSON_IsArray(a) && cJSON_GetArraySize(a) == 0)) {
			rc = cxm__fail(CXM_EINCONSISTENT, "cluster model JSON: \"levels\" must be empty: n_cat is 0");
			goto fail;
		}
	}
	if ((rc = model_matrix(m->centres, NULL, NULL, root, "centres", k, p)) < 0 ||
	    (rc = model_matrix(NULL, m->modes, m->levels, root, "modes", k, q)) < 0)
		goto fail;
	v = cJSON_GetObjectItemCaseSensitive(root, "sizes");
	if (v && !cJSON_IsNull(v)) {
		const cJSON *s;
		if ((rc = model_array(&arr, root, "sizes", k, "k")) < 0)
			goto fail;
		i = 0;
		cJSON_ArrayForEach(s, arr) {
			if ((rc = model_value(&m->sizes[i], s, "sizes", i, 0, 0)) < 0)
				goto fail;
			if (m->sizes[i] < 0.0) {
				rc = cxm__fail(CXM_EOUT_OF_RANGE, "cluster model JSON: sizes[%zu] is %.17g", i, m->sizes[i]);
				goto fail;
			}
			i++;
		}
	}
	if ((rc = model_opt(&m->cost, root, "cost")) < 0 || (rc = model_opt(&m->gamma, root, "gamma")) < 0)
		goto fail;
	if (kd == CXM_CLUSTER_KMEANS)
		m->gamma = NAN;
	else if (!(m->gamma >= 0.0) || !isfinite(m->gamma)) {
		rc = cxm__fail(CXM_EOUT_OF_RANGE, "cluster model JSON: \"gamma\" is %g; a kprototypes model needs a "
			       "finite gamma >= 0", m->gamma);
		goto fail;
	}
	if (conv == NULL || cJSON_IsNull(conv))
		m->converged = 0;
	else if (cJSON_IsBool(conv))
		m->converged = cJSON_IsTrue(conv) ? 1 : 0;
	else {
		rc = cxm__fail(CXM_EPARSE, "cluster model JSON: \"converged\" must be true or false");
		goto fail;
	}
	v = cJSON_GetObjectItemCaseSensitive(root, "names");
	if (v && !cJSON_IsNull(v)) {
		if (!cJSON_IsArray(v)) {
			rc = cxm__fail(CXM_EPARSE, "cluster model JSON: \"names\" must be an array of strings or null");
			goto fail;
		}
		if ((rc = model_texts(&texts, v, "names", p + q)) < 0)
			goto fail;
		rc = cxm_cluster_model_set_names(m, texts, p + q);
		cxm__free(texts);
		if (rc < 0) {
			cxm__error_context("cluster model JSON");
			goto fail;
		}
	}
	v = cJSON_GetObjectItemCaseSensitive(root, "level_names");
	if (v && !cJSON_IsNull(v)) {
		const cJSON *lv;
		if (!cJSON_IsArray(v) || (size_t)cJSON_GetArraySize(v) != q) {
			rc = cxm__fail(cJSON_IsArray(v) ? CXM_EINCONSISTENT : CXM_EPARSE,
				       "cluster model JSON: \"level_names\" must be an array of n_cat = %zu entries", q);
			goto fail;
		}
		i = 0;
		cJSON_ArrayForEach(lv, v) {
			if (!cJSON_IsNull(lv)) {
				if (!cJSON_IsArray(lv)) {
					rc = cxm__fail(CXM_EPARSE, "cluster model JSON: level_names[%zu] must be an array "
						       "of strings or null", i);
					goto fail;
				}
				if ((rc = model_texts(&texts, lv, "level_names", m->levels[i])) < 0)
					goto fail;
				rc = cxm_cluster_model_set_levels(m, i, texts, m->levels[i]);
				cxm__free(texts);
				if (rc < 0) {
					cxm__error_context("cluster model JSON");
					goto fail;
				}
			}
			i++;
		}
	}
	*out = m;
	return CXM_OK;
fail:
	cxm_cluster_model_free(m);
	return rc;
}

cxm_status cxm_cluster_model_from_json(cxm_cluster_model **out, const char *json, size_t len)
{
	const char *end = NULL;
	cJSON *root;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_array(json, len, "json")) < 0)
		return rc;
	if (len == 0)
		return cxm__fail(CXM_EPARSE, "cluster model JSON: the text is empty");
	root = cJSON_ParseWithLengthOpts(json, len, &end, 0);
	if (root == NULL) {
		size_t at = end && end >= json ? (size_t)(end - json) : 0;
		char quote[64];
		cxm__quote_text(quote, sizeof quote, json + at, len - (at < len ? at : len));
		return cxm__fail(CXM_EPARSE, "cluster model JSON: not valid JSON at byte %zu (near '%s')", at, quote);
	}
	while (end < json + len && (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r'))
		end++;
	if (end < json + len) {
		cJSON_Delete(root);
		return cxm__fail(CXM_EPARSE, "cluster model JSON: unexpected text after the object at byte %zu",
				 (size_t)(end - json));
	}
	rc = read_model(out, root);
	cJSON_Delete(root);
	return rc;
}
