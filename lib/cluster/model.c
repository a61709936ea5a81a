/*
 * lib/cluster/model.c - the fitted model (cxm_cluster_model): allocation,
 * its facts, centres, modes, sizes, feature names and level texts.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "cluster_internal.h"

cxm_cluster_model *cxm__cluster_model_alloc(int kind, size_t k, size_t n_cols, size_t n_cat)
{
	cxm_cluster_model *m = cxm__calloc(1, sizeof *m);
	if (!m) {
		cxm__fail(CXM_ENOMEM, "out of memory for a clustering model");
		return NULL;
	}
	m->kind = kind;
	m->k = k;
	m->n_cols = n_cols;
	m->n_cat = n_cat;
	m->gamma = NAN;
	if ((k && n_cols && cxm__alloc_array(&m->centres, k * n_cols, sizeof *m->centres, "model centres") < 0) ||
	    (k && n_cat && cxm__alloc_array(&m->modes, k * n_cat, sizeof *m->modes, "model modes") < 0) ||
	    (n_cat && cxm__alloc_array(&m->levels, n_cat, sizeof *m->levels, "model levels") < 0) ||
	    (k && cxm__alloc_array(&m->sizes, k, sizeof *m->sizes, "model sizes") < 0)) {
		cxm_cluster_model_free(m);
		return NULL;
	}
	if (m->centres)
		memset(m->centres, 0, k * n_cols * sizeof *m->centres);
	if (m->modes)
		memset(m->modes, 0, k * n_cat * sizeof *m->modes);
	if (m->levels)
		memset(m->levels, 0, n_cat * sizeof *m->levels);
	if (m->sizes)
		memset(m->sizes, 0, k * sizeof *m->sizes);
	return m;
}

static void free_texts(char **t, size_t n)
{
	size_t i;
	if (!t)
		return;
	for (i = 0; i < n; i++)
		cxm__free(t[i]);
	cxm__free(t);
}

void cxm_cluster_model_free(cxm_cluster_model *model)
{
	size_t j;
	if (!model)
		return;
	cxm__free(model->centres);
	cxm__free(model->modes);
	cxm__free(model->sizes);
	free_texts(model->names, model->n_cols + model->n_cat);
	if (model->level_names) {
		for (j = 0; j < model->n_cat; j++)
			free_texts(model->level_names[j], model->levels ? model->levels[j] : 0);
		cxm__free(model->level_names);
	}
	cxm__free(model->levels);
	cxm__free(model);
}

cxm_status cxm_cluster_model_info(cxm_cluster_info *out, const cxm_cluster_model *model)
{
	int rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_CLUSTER_INFO_VERSION, "cxm_cluster_info")) < 0 ||
	    (rc = cxm__check_ptr(model, "model")) < 0)
		return rc;
	/* version 1 has every field */
	out->kind = model->kind;
	out->k = model->k;
	out->n_cols = model->n_cols;
	out->n_cat = model->n_cat;
	out->rows = model->rows;
	out->cost = model->cost;
	out->gamma = model->gamma;
	out->iterations = model->iterations;
	out->converged = model->converged;
	return CXM_OK;
}

/* BAD_ARG "n_out = 3 is smaller than the 16 centre values (k = 4 x n_cols = 4)" */
static int check_capacity(const void *out, size_t n_out, size_t need, const char *what, const cxm_cluster_model *m,
			  size_t cols, const char *cols_name)
{
	int rc;
	if ((rc = cxm__check_array(out, n_out, "out")) < 0)
		return rc;
	if (n_out < need)
		return cxm__fail(CXM_EBAD_ARG, "n_out = %zu is smaller than the %zu %s (k = %zu x %s = %zu)", n_out,
				 need, what, m->k, cols_name, cols);
	return CXM_OK;
}

cxm_status cxm_cluster_model_centres(double *out, size_t n_out, const cxm_cluster_model *model)
{
	int rc;
	if ((rc = cxm__check_ptr(model, "model")) < 0 ||
	    (rc = check_capacity(out, n_out, model->k * model->n_cols, "centre values", model, model->n_cols,
				 "n_cols")) < 0)
		return rc;
	if (model->n_cols)
		memcpy(out, model->centres, model->k * model->n_cols * sizeof *out);
	return CXM_OK;
}

cxm_status cxm_cluster_model_modes(uint32_t *out, size_t n_out, const cxm_cluster_model *model)
{
	int rc;
	if ((rc = cxm__check_ptr(model, "model")) < 0 ||
	    (rc = check_capacity(out, n_out, model->k * model->n_cat, "mode codes", model, model->n_cat, "n_cat")) < 0)
		return rc;
	if (model->n_cat)
		memcpy(out, model->modes, model->k * model->n_cat * sizeof *out);
	return CXM_OK;
}

cxm_status cxm_cluster_model_sizes(double *out, size_t n_out, const cxm_cluster_model *model)
{
	int rc;
	if ((rc = cxm__check_ptr(model, "model")) < 0 || (rc = cxm__check_array(out, n_out, "out")) < 0)
		return rc;
	if (n_out < model->k)
		return cxm__fail(CXM_EBAD_ARG, "n_out = %zu is smaller than the %zu clusters", n_out, model->k);
	memcpy(out, model->sizes, model->k * sizeof *out);
	return CXM_OK;
}

static int cmp_text(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Every text set and (unless allow_empty) non-empty, no text twice; `what`
 * names the array in messages. */
static int check_texts(const char *const *t, size_t n, const char *what, int allow_empty)
{
	const char **sorted;
	char quote[CXM__QUOTE_MAX + 4];
	size_t i;
	int rc;
	if ((rc = cxm__check_array(t, n, what)) < 0)
		return rc;
	for (i = 0; i < n; i++) {
		if (!t[i])
			return cxm__fail(CXM_EBAD_ARG, "%s[%zu] is NULL", what, i);
		if (!allow_empty && !t[i][0])
			return cxm__fail(CXM_EBAD_ARG, "%s[%zu] is empty", what, i);
	}
	if (n < 2)
		return CXM_OK;
	if ((rc = cxm__alloc_array(&sorted, n, sizeof *sorted, what)) < 0)
		return rc;
	memcpy(sorted, t, n * sizeof *sorted);
	qsort(sorted, n, sizeof *sorted, cmp_text);
	for (i = 1; i < n; i++) {
		if (strcmp(sorted[i - 1], sorted[i]) == 0) {
			cxm__quote_text(quote, sizeof quote, sorted[i], strlen(sorted[i]));
			cxm__free(sorted);
			return cxm__fail(CXM_EBAD_ARG, "%s has '%s' twice", what, quote);
		}
	}
	cxm__free(sorted);
	return CXM_OK;
}

static int copy_texts(char ***out, const char *const *t, size_t n)
{
	char **c;
	size_t i;
	int rc;
	*out = NULL;
	if ((rc = cxm__alloc_array(&c, n ? n : 1, sizeof *c, "names")) < 0)
		return rc;
	for (i = 0; i < n; i++) {
		if ((c[i] = cxm__strdup(t[i])) == NULL) {
			free_texts(c, i);
			return cxm__fail(CXM_ENOMEM, "out of memory for the names");
		}
	}
	*out = c;
	return CXM_OK;
}

cxm_status cxm_cluster_model_set_names(cxm_cluster_model *model, const char *const *names, size_t n_names)
{
	char **copy;
	int rc;
	if ((rc = cxm__check_ptr(model, "model")) < 0)
		return rc;
	if (n_names != model->n_cols + model->n_cat)
		return cxm__fail(CXM_EBAD_ARG, "n_names is %zu; the model has %zu features (%zu numeric + %zu "
				 "categorical)", n_names, model->n_cols + model->n_cat, model->n_cols, model->n_cat);
	if ((rc = check_texts(names, n_names, "names", 0)) < 0 || (rc = copy_texts(&copy, names, n_names)) < 0)
		return rc;
	free_texts(model->names, model->n_cols + model->n_cat);
	model->names = copy;
	return CXM_OK;
}

cxm_status cxm_cluster_model_set_levels(cxm_cluster_model *model, size_t cat, const char *const *levels,
					size_t n_levels)
{
	char **copy;
	int rc;
	if ((rc = cxm__check_ptr(model, "model")) < 0)
		return rc;
	if (cat >= model->n_cat)
		return cxm__fail(CXM_EBAD_ARG, "cat is %zu; the model has %zu categorical features", cat,
				 model->n_cat);
	if (n_levels != model->levels[cat])
		return cxm__fail(CXM_EBAD_ARG, "n_levels is %zu; categorical feature %zu has %u levels", n_levels,
				 cat, (unsigned)model->levels[cat]);
	if ((rc = check_texts(levels, n_levels, "levels", 1)) < 0)
		return rc;
	if (!model->level_names) {
		if ((rc = cxm__alloc_array(&model->level_names, model->n_cat, sizeof *model->level_names,
					   "level names")) < 0)
			return rc;
		memset(model->level_names, 0, model->n_cat * sizeof *model->level_names);
	}
	if ((rc = copy_texts(&copy, levels, n_levels)) < 0)
		return rc;
	free_texts(model->level_names[cat], n_levels);
	model->level_names[cat] = copy;
	return CXM_OK;
}

const char *cxm_cluster_model_name(const cxm_cluster_model *model, size_t i)
{
	if (!model || !model->names || i >= model->n_cols + model->n_cat)
		return NULL;
	return model->names[i];
}

size_t cxm_cluster_model_level_count(const cxm_cluster_model *model, size_t cat)
{
	return model && cat < model->n_cat ? model->levels[cat] : 0;
}

const char *cxm_cluster_model_level(const cxm_cluster_model *model, size_t cat, size_t i)
{
	if (!model || !model->level_names || cat >= model->n_cat || !model->level_names[cat] ||
	    i >= model->levels[cat])
		return NULL;
	return model->level_names[cat][i];
}
