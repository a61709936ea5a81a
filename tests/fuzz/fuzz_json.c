/*
 * tests/fuzz/fuzz_json.c - libFuzzer target for the JSON fit reader
 * (lib/io/json.c, cxm_clv_fit_result_from_json in cxmetrics/clvmodel.h).
 *
 * The input is the text, not NUL-terminated (libFuzzer's buffer has exactly
 * `size` bytes, so ASan catches any read past it). On failure *out must be
 * untouched; on success the fit must be one the library could have written
 * (a known model, its parameter count, parameters finite and > 0, whole
 * counts), and it must survive cxm_clv_fit_result_to_json and back: every
 * finite number bit for bit, every other one as NaN (JSON has no inf/NaN).
 */
#define _GNU_SOURCE
#include <math.h>
#include "fuzz_common.h"

static int same(double a, double b)
{
	return isfinite(a) ? a == b && signbit(a) == signbit(b) : isnan(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cxm_clv_fit_result fit, before, back = CXM_CLV_FIT_RESULT_INIT;
	const char *name;
	char *text = NULL;
	size_t i, n_params;
	int rc;

	memset(&fit, 0xA5, sizeof fit);
	fit.version = CXM_CLV_FIT_RESULT_VERSION;
	before = fit;
	rc = cxm_clv_fit_result_from_json(&fit, (const char *)data, size);
	if (rc < 0) {
		fuzz_check_error(rc, "cxm_clv_fit_result_from_json");
		FUZZ_ASSERT(rc == CXM_EPARSE || rc == CXM_EBAD_ARG || rc == CXM_EOUT_OF_RANGE || rc == CXM_ENOMEM,
			    "cxm_clv_fit_result_from_json: unexpected code %d", rc);
		FUZZ_ASSERT(memcmp(&fit, &before, sizeof fit) == 0, "*out written on failure");
		return 0;
	}

	name = cxm_names_word(CXM_NAMES_CLV_MODEL, fit.model);
	FUZZ_ASSERT(name != NULL, "model %d has no name", fit.model);
	for (n_params = 0; cxm_clv_param_name(fit.model, n_params) != NULL; n_params++)
		;
	FUZZ_ASSERT(fit.version == CXM_CLV_FIT_RESULT_VERSION, "version changed to %u", fit.version);
	FUZZ_ASSERT(fit.n_params == n_params && n_params <= CXM_CLV_MAX_PARAMS,
		    "%s: n_params %zu, the model has %zu", name, fit.n_params, n_params);
	for (i = 0; i < n_params; i++)
		FUZZ_ASSERT(isfinite(fit.params[i]) && fit.params[i] > 0.0, "%s: %s = %.17g", name,
			    cxm_clv_param_name(fit.model, i), fit.params[i]);
	FUZZ_ASSERT(fit.converged == 0 || fit.converged == 1, "converged is %d", fit.converged);
	FUZZ_ASSERT(fit.n_customers <= ((size_t)1 << 53), "n_customers is %zu", fit.n_customers);

	rc = cxm_clv_fit_result_to_json(&text, &fit);
	if (rc < 0)
		fuzz_check_error(rc, "cxm_clv_fit_result_to_json");
	FUZZ_ASSERT(rc == CXM_OK && text != NULL, "a fit read from JSON cannot be written back: %s",
		    cxm_error_last()->message);
	FUZZ_ASSERT(strlen(text) > 0 && text[strlen(text) - 1] == '\n', "the JSON does not end in a newline");
	rc = cxm_clv_fit_result_from_json(&back, text, strlen(text));
	if (rc < 0)
		fuzz_check_error(rc, "cxm_clv_fit_result_from_json");
	FUZZ_ASSERT(rc == CXM_OK, "the library's own JSON does not read back: %s\n%s",
		    cxm_error_last()->message, text);
	FUZZ_ASSERT(back.model == fit.model && back.n_params == fit.n_params, "model changed in the round trip");
	for (i = 0; i < n_params; i++) {
		FUZZ_ASSERT(back.params[i] == fit.params[i], "%s: %.17g became %.17g", cxm_clv_param_name(fit.model, i),
			    fit.params[i], back.params[i]);
		FUZZ_ASSERT(same(fit.se[i], back.se[i]), "se %s: %.17g became %.17g",
			    cxm_clv_param_name(fit.model, i), fit.se[i], back.se[i]);
	}
	FUZZ_ASSERT(same(fit.loglik, back.loglik), "loglik %.17g became %.17g", fit.loglik, back.loglik);
	FUZZ_ASSERT(same(fit.gradient_norm, back.gradient_norm), "gradient_norm %.17g became %.17g",
		    fit.gradient_norm, back.gradient_norm);
	FUZZ_ASSERT(back.iterations == fit.iterations && back.converged == fit.converged &&
			    back.n_customers == fit.n_customers,
		    "counts changed in the round trip");
	cxm_free(text);
	return 0;
}
