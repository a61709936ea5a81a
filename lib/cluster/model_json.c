/*
 * lib/cluster/model_json.c - a model as JSON (spec §14.3), through the one
 * JSON writer (lib/io/json_writer.c): numbers in the shortest text that
 * reads back exactly, so cxm_cluster_model_from_json (lib/io/json.c) gives
 * back the same doubles.
 */
#include <math.h>
#include "internal.h"
#include "names.h"
#include "io/io_internal.h"
#include "cluster_internal.h"

extern const cxm__names cxm__cluster_kind_names;

/* a k x cols matrix, one inline array per row */
static void put_rows(cxm__jw *w, const char *key, const double *v, const uint32_t *u, size_t k, size_t cols)
{
	size_t j, f;
	cxm__jw_array(w, key, CXM__JSON_BLOCK);
	for (j = 0; j < k && cols; j++) {
		cxm__jw_array(w, NULL, CXM__JSON_INLINE);
		for (f = 0; f < cols; f++)
			cxm__jw_number(w, NULL, v ? v[j * cols + f] : (double)u[j * cols + f]);
		cxm__jw_end(w);
	}
	cxm__jw_end(w);
}

cxm_status cxm_cluster_model_to_json(char **out, const cxm_cluster_model *model)
{
	cxm__buf b;
	cxm__jw w;
	size_t i, j;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(model, "model")) < 0)
		return rc;
	cxm__buf_init(&b);
	cxm__jw_init(&w, &b);
	cxm__jw_object(&w, NULL, CXM__JSON_BLOCK);
	cxm__jw_string(&w, "kind", cxm__names_word(&cxm__cluster_kind_names, model->kind));
	cxm__jw_number(&w, "k", (double)model->k);
	cxm__jw_number(&w, "n_cols", (double)model->n_cols);
	cxm__jw_number(&w, "n_cat", (double)model->n_cat);
	cxm__jw_number(&w, "rows", (double)model->rows);
	if (model->names) {
		cxm__jw_array(&w, "names", CXM__JSON_INLINE);
		for (i = 0; i < model->n_cols + model->n_cat; i++)
			cxm__jw_string(&w, NULL, model->names[i]);
		cxm__jw_end(&w);
	} else {
		cxm__jw_null(&w, "names");
	}
	put_rows(&w, "centres", model->centres, NULL, model->k, model->n_cols);
	put_rows(&w, "modes", NULL, model->modes, model->k, model->n_cat);
	cxm__jw_array(&w, "levels", CXM__JSON_INLINE);
	for (j = 0; j < model->n_cat; j++)
		cxm__jw_number(&w, NULL, (double)model->levels[j]);
	cxm__jw_end(&w);
	if (model->level_names) {
		cxm__jw_array(&w, "level_names", CXM__JSON_BLOCK);
		for (j = 0; j < model->n_cat; j++) {
			if (!model->level_names[j]) {
				cxm__jw_null(&w, NULL);
				continue;
			}
			cxm__jw_array(&w, NULL, CXM__JSON_INLINE);
			for (i = 0; i < model->levels[j]; i++)
				cxm__jw_string(&w, NULL, model->level_names[j][i]);
			cxm__jw_end(&w);
		}
		cxm__jw_end(&w);
	} else {
		cxm__jw_null(&w, "level_names");
	}
	cxm__jw_number(&w, "gamma", model->gamma);
	cxm__jw_number(&w, "cost", model->cost);
	cxm__jw_number(&w, "iterations", (double)model->iterations);
	cxm__jw_bool(&w, "converged", model->converged != 0);
	cxm__jw_array(&w, "sizes", CXM__JSON_INLINE);
	for (j = 0; j < model->k; j++)
		cxm__jw_number(&w, NULL, model->sizes[j]);
	cxm__jw_end(&w);
	cxm__jw_end(&w);
	return cxm__buf_finish(&b, out);
}
