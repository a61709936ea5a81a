/*
 * lib/persona/autoseg.c - segments when the table has none (spec §15.1):
 * the numeric attributes standardised (a missing value takes its column's
 * mean first, so it sits at 0), the categorical ones as level codes;
 * k = 2 .. min(k_max, rows / min_n) fitted by cxm_cluster_choose_k, the k of
 * the best silhouette (seeded sample of CXM_CLUSTER_SILHOUETTE_SAMPLE_DEFAULT
 * rows) fitted again with the same options: k-prototypes, k-means without a
 * categorical attribute, k-modes without a numeric one.
 */
#include <math.h>
#include <string.h>
#include "internal.h"
#include "fsum.h"
#include "cxmetrics/cluster.h"
#include "build_internal.h"

int cxm__persona_autoseg(uint32_t *labels, size_t *k, const char **method, double *quality, const cxm_table *t,
			 const cxm__roles *r, const cxm_persona_opts *opts)
{
	size_t rows = cxm_table_rows(t), c, i, j, n_num = 0, n_cat = 0, k_max;
	double *x = NULL, *means = NULL, *scales = NULL, best;
	uint32_t *codes = NULL, *col_codes = NULL, *levels = NULL;
	size_t *num_cols = NULL, *cat_cols = NULL;
	cxm_cluster_opts *co = NULL;
	cxm_cluster_model *model = NULL;
	cxm_cluster_info info = CXM_CLUSTER_INFO_INIT;
	cxm_table *choice = NULL;
	int rc, type;
	if ((rc = cxm__alloc_array(&num_cols, r->n_cols ? r->n_cols : 1, sizeof *num_cols, "the attributes")) < 0 ||
	    (rc = cxm__alloc_array(&cat_cols, r->n_cols ? r->n_cols : 1, sizeof *cat_cols, "the attributes")) < 0)
		goto done;
	for (c = 0; c < r->n_cols; c++) {
		if (!cxm__persona_role_is_attribute(r->role_of[c]))
			continue;
		cxm_table_column_type(&type, t, c);
		if (type == CXM_TABLE_NUMBER) {
			const double *v = cxm_table_numbers(t, c);
			for (i = 0; i < rows && isnan(v[i]); i++)
				;
			if (i < rows) /* a column with no value says nothing */
				num_cols[n_num++] = c;
		} else if (type == CXM_TABLE_TEXT && cxm_table_level_count(t, c) >= 2) {
			cat_cols[n_cat++] = c; /* one level cannot separate anything */
		}
	}
	if (n_num + n_cat == 0) {
		rc = cxm__fail(CXM_EEMPTY, "the table has no segment column and no attribute to segment the customers on");
		goto done;
	}
	if (n_num > 0) {
		if ((rc = cxm__alloc_array(&x, rows * n_num, sizeof *x, "the standardised attributes")) < 0 ||
		    (rc = cxm__alloc_array(&means, n_num, sizeof *means, "the attributes' means")) < 0 ||
		    (rc = cxm__alloc_array(&scales, n_num, sizeof *scales, "the attributes' scales")) < 0)
			goto done;
		for (j = 0; j < n_num; j++) {
			const double *v = cxm_table_numbers(t, num_cols[j]);
			cxm__fsum s;
			double m, cnt = 0;
			cxm__fsum_init(&s);
			for (i = 0; i < rows; i++)
				if (!isnan(v[i])) {
					cxm__fsum_add(&s, v[i]);
					cnt++;
				}
			m = cxm__fsum_round(&s) / cnt;
			for (i = 0; i < rows; i++)
				x[i * n_num + j] = isnan(v[i]) ? m : v[i];
		}
		if ((rc = cxm_standardize_fit(means, n_num, scales, n_num, x, rows * n_num, n_num)) < 0 ||
		    (rc = cxm_standardize_apply(x, rows * n_num, x, rows * n_num, n_num, means, n_num, scales, n_num)) < 0)
			goto done;
	}
	if (n_cat > 0) {
		if ((rc = cxm__alloc_array(&codes, rows * n_cat, sizeof *codes, "the categorical attributes")) < 0 ||
		    (rc = cxm__alloc_array(&col_codes, rows, sizeof *col_codes, "a column's codes")) < 0 ||
		    (rc = cxm__alloc_array(&levels, n_cat, sizeof *levels, "the level counts")) < 0)
			goto done;
		for (j = 0; j < n_cat; j++) {
			if ((rc = cxm_table_copy_codes(col_codes, rows, t, cat_cols[j])) < 0)
				goto done;
			for (i = 0; i < rows; i++)
				codes[i * n_cat + j] = col_codes[i];
			levels[j] = (uint32_t)cxm_table_level_count(t, cat_cols[j]);
		}
	}
	k_max = rows / opts->min_n;
	if (k_max > opts->k_max)
		k_max = opts->k_max;
	if (k_max < 2)
		k_max = 2;
	if ((rc = cxm_cluster_opts_new(&co)) < 0 || (rc = cxm_cluster_opts_set_seed(co, opts->seed)) < 0 ||
	    (rc = cxm_cluster_opts_set_threads(co, opts->threads)) < 0 ||
	    (rc = cxm_cluster_opts_set_progress(co, opts->progress, opts->progress_user)) < 0)
		goto done;
	if ((rc = cxm_cluster_choose_k(&choice, x, rows * n_num, n_num, codes, rows * n_cat, n_cat, levels, n_cat, 2,
				       k_max, CXM_CLUSTER_SILHOUETTE_SAMPLE_DEFAULT, 0, co)) < 0 ||
	    (rc = cxm_table_get_attr_number(&best, choice, "best_silhouette")) < 0 ||
	    (rc = cxm_cluster_opts_set_k(co, (size_t)best)) < 0 ||
	    (rc = cxm_cluster_opts_set_progress(co, NULL, NULL)) < 0)
		goto done;
	if (n_cat == 0)
		rc = cxm_kmeans_fit(&model, labels, rows, x, rows * n_num, n_num, co);
	else
		rc = cxm_kprototypes_fit(&model, labels, rows, x, rows * n_num, n_num, codes, rows * n_cat, n_cat, levels,
					 n_cat, co);
	if (rc < 0 || (rc = cxm_cluster_model_info(&info, model)) < 0)
		goto done;
	if ((rc = cxm_cluster_silhouette(quality, x, rows * n_num, n_num, codes, rows * n_cat, n_cat,
					 n_cat ? info.gamma : 0.0, labels, rows, CXM_CLUSTER_SILHOUETTE_SAMPLE_DEFAULT,
					 opts->seed, opts->threads)) < 0)
		goto done;
	*k = info.k;
	*method = n_cat == 0 ? "kmeans" : "kprototypes";
	rc = CXM_OK;
done:
	cxm_table_free(choice);
	cxm_cluster_model_free(model);
	cxm_cluster_opts_free(co);
	cxm__free(x);
	cxm__free(means);
	cxm__free(scales);
	cxm__free(codes);
	cxm__free(col_codes);
	cxm__free(levels);
	cxm__free(num_cols);
	cxm__free(cat_cols);
	return rc;
}
