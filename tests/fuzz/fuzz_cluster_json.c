/*
 * tests/fuzz/fuzz_cluster_json.c - libFuzzer target for the clustering
 * model reader (lib/io/json.c, cxm_cluster_model_from_json in
 * cxmetrics/cluster.h, spec §14.3).
 *
 * The input is the text, not NUL-terminated. On failure *out must be NULL
 * and the code one the header lists; on success the model must be one the
 * library could have written (a known kind, k >= 1, finite centres, codes
 * below their level counts), it must label a row with cxm_cluster_assign,
 * and it must survive cxm_cluster_model_to_json and back to the same text.
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdlib.h>
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cxm_cluster_model *m = (cxm_cluster_model *)&m, *back = NULL;
	cxm_cluster_info info = CXM_CLUSTER_INFO_INIT;
	char *text = NULL, *again = NULL;
	double *centres = NULL, *row = NULL, cost;
	uint32_t *modes = NULL, *codes = NULL, label;
	size_t i, j;
	int rc;

	rc = cxm_cluster_model_from_json(&m, (const char *)data, size);
	if (rc < 0) {
		fuzz_check_error(rc, "cxm_cluster_model_from_json");
		FUZZ_ASSERT(rc == CXM_EPARSE || rc == CXM_EBAD_ARG || rc == CXM_EOUT_OF_RANGE || rc == CXM_ENAN ||
				    rc == CXM_EINCONSISTENT || rc == CXM_ENOMEM,
			    "cxm_cluster_model_from_json: unexpected code %d", rc);
		FUZZ_ASSERT(m == NULL, "*out not NULL on failure");
		return 0;
	}
	FUZZ_ASSERT(cxm_cluster_model_info(&info, m) == CXM_OK, "info: %s", cxm_error_last()->message);
	FUZZ_ASSERT(info.k >= 1 && info.n_cols + info.n_cat >= 1, "k %zu, %zu + %zu columns", info.k, info.n_cols,
		    info.n_cat);
	FUZZ_ASSERT(info.kind == CXM_CLUSTER_KMEANS ? info.n_cat == 0 && isnan(info.gamma)
						     : info.n_cat >= 1 && isfinite(info.gamma) && info.gamma >= 0.0,
		    "kind %d with n_cat %zu, gamma %g", info.kind, info.n_cat, info.gamma);
	/* small models only: the checks below allocate k x columns */
	if (info.k * (info.n_cols + info.n_cat + 1) <= 4096) {
		centres = malloc((info.k * info.n_cols + 1) * sizeof *centres);
		modes = malloc((info.k * info.n_cat + 1) * sizeof *modes);
		row = calloc(info.n_cols + 1, sizeof *row);
		codes = calloc(info.n_cat + 1, sizeof *codes);
		FUZZ_ASSERT(centres && modes && row && codes, "out of memory");
		FUZZ_ASSERT(cxm_cluster_model_centres(centres, info.k * info.n_cols + 1, m) == CXM_OK, "centres");
		for (i = 0; i < info.k * info.n_cols; i++)
			FUZZ_ASSERT(isfinite(centres[i]), "centre value %zu is %g", i, centres[i]);
		FUZZ_ASSERT(cxm_cluster_model_modes(modes, info.k * info.n_cat + 1, m) == CXM_OK, "modes");
		for (j = 0; j < info.n_cols; j++)
			row[j] = centres[j];
		for (j = 0; j < info.n_cat; j++)
			codes[j] = modes[j];
		rc = cxm_cluster_assign(&label, 1, &cost, 1, m, info.n_cols ? row : NULL, info.n_cols, info.n_cols,
					info.n_cat ? codes : NULL, info.n_cat, info.n_cat);
		if (rc < 0)
			fuzz_check_error(rc, "cxm_cluster_assign");
		FUZZ_ASSERT(rc == CXM_OK || rc == CXM_ENOMEM, "assign: %s", cxm_error_last()->message);
		FUZZ_ASSERT(rc != CXM_OK || (label < info.k && cost >= 0.0), "label %u, cost %g", label, cost);
		free(centres);
		free(modes);
		free(row);
		free(codes);
	}
	rc = cxm_cluster_model_to_json(&text, m);
	if (rc < 0)
		fuzz_check_error(rc, "cxm_cluster_model_to_json");
	FUZZ_ASSERT(rc == CXM_OK && text != NULL, "a model read from JSON cannot be written back: %s",
		    cxm_error_last()->message);
	rc = cxm_cluster_model_from_json(&back, text, strlen(text));
	if (rc < 0)
		fuzz_check_error(rc, "cxm_cluster_model_from_json");
	FUZZ_ASSERT(rc == CXM_OK, "the library's own JSON does not read back: %s\n%s", cxm_error_last()->message, text);
	rc = cxm_cluster_model_to_json(&again, back);
	FUZZ_ASSERT(rc == CXM_OK && strcmp(text, again) == 0, "the round trip changed the JSON:\n%s\n%s", text,
		    again ? again : "");
	cxm_free(text);
	cxm_free(again);
	cxm_cluster_model_free(back);
	cxm_cluster_model_free(m);
	return 0;
}
