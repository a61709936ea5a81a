/*
 * lib/cluster/profiles.c - what distinguishes each cluster: per cluster and
 * column, the mean (numbers) or the modal level (texts) beside the whole
 * population's, and their ratio, the lift (spec §14.7).
 */
#include <math.h>
#include <string.h>
#include "internal.h"
#include "quality.h"

/* the result's columns, k x n_columns rows, cluster-major */
struct prof {
	double *cluster, *size, *share, *value, *level_share, *population, *lift;
	const char **attribute, **statistic, **level;
};

static int prof_alloc(struct prof *p, size_t n)
{
	int st;
	memset(p, 0, sizeof *p);
	if ((st = cxm__alloc_array(&p->cluster, n, sizeof *p->cluster, "profiles")) < 0 ||
	    (st = cxm__alloc_array(&p->size, n, sizeof *p->size, "profiles")) < 0 ||
	    (st = cxm__alloc_array(&p->share, n, sizeof *p->share, "profiles")) < 0 ||
	    (st = cxm__alloc_array(&p->value, n, sizeof *p->value, "profiles")) < 0 ||
	    (st = cxm__alloc_array(&p->level_share, n, sizeof *p->level_share, "profiles")) < 0 ||
	    (st = cxm__alloc_array(&p->population, n, sizeof *p->population, "profiles")) < 0 ||
	    (st = cxm__alloc_array(&p->lift, n, sizeof *p->lift, "profiles")) < 0 ||
	    (st = cxm__alloc_array(&p->attribute, n, sizeof *p->attribute, "profiles")) < 0 ||
	    (st = cxm__alloc_array(&p->statistic, n, sizeof *p->statistic, "profiles")) < 0 ||
	    (st = cxm__alloc_array(&p->level, n, sizeof *p->level, "profiles")) < 0)
		return st;
	return CXM_OK;
}

static void prof_free(struct prof *p)
{
	cxm__free(p->cluster);
	cxm__free(p->size);
	cxm__free(p->share);
	cxm__free(p->value);
	cxm__free(p->level_share);
	cxm__free(p->population);
	cxm__free(p->lift);
	cxm__free((void *)p->attribute);
	cxm__free((void *)p->statistic);
	cxm__free((void *)p->level);
}

/* column `col` (a NUMBER column) into rows col_i of each cluster */
static int numbers(struct prof *p, const cxm_table *t, size_t col, const char *name, size_t ci, size_t nc,
		   const uint32_t *labels, size_t rows, size_t k, double *sums)
{
	const double *v = cxm_table_numbers(t, col);
	double all = 0.0, pop;
	size_t i, c;
	memset(sums, 0, k * sizeof *sums);
	for (i = 0; i < rows; i++) {
		if (isnan(v[i]))
			return cxm__fail(CXM_ENAN, "row %zu, column '%s': NaN", i, name);
		sums[labels[i]] += v[i];
		all += v[i];
	}
	pop = all / (double)rows;
	for (c = 0; c < k; c++) {
		size_t r = c * nc + ci;
		p->statistic[r] = "mean";
		p->value[r] = sums[c] / p->size[r];
		p->level[r] = "";
		p->level_share[r] = NAN;
		p->population[r] = pop;
		p->lift[r] = pop != 0.0 ? p->value[r] / pop : NAN;
	}
	return CXM_OK;
}

/* column `col` (a TEXT column): each cluster's modal level (ties to the level seen first) */
static int texts(struct prof *p, const cxm_table *t, size_t col, size_t ci, size_t nc, const uint32_t *labels,
		 size_t rows, size_t k)
{
	size_t levels = cxm_table_level_count(t, col), i, c, v;
	uint32_t *codes = NULL;
	double *count = NULL;
	int st;
	if ((st = cxm__alloc_array(&codes, rows, sizeof *codes, "profile codes")) < 0 ||
	    (st = cxm__alloc_array(&count, (k + 1) * levels, sizeof *count, "profile counts")) < 0 ||
	    (st = cxm_table_copy_codes(codes, rows, t, col)) < 0)
		goto done;
	memset(count, 0, (k + 1) * levels * sizeof *count);
	for (i = 0; i < rows; i++) {
		count[(size_t)labels[i] * levels + codes[i]] += 1.0;
		count[k * levels + codes[i]] += 1.0;
	}
	for (c = 0; c < k; c++) {
		const double *cc = count + c * levels;
		size_t r = c * nc + ci, best = 0;
		for (v = 1; v < levels; v++)
			if (cc[v] > cc[best])
				best = v;
		p->statistic[r] = "mode";
		p->value[r] = NAN;
		p->level[r] = cxm_table_level(t, col, best);
		p->level_share[r] = 100.0 * cc[best] / p->size[r];
		p->population[r] = 100.0 * count[k * levels + best] / (double)rows;
		p->lift[r] = p->level_share[r] / p->population[r];
	}
done:
	cxm__free(codes);
	cxm__free(count);
	return st;
}

cxm_status cxm_cluster_profiles(cxm_table **out, const cxm_table *data, const char *const *columns,
				size_t n_columns, const uint32_t *labels, size_t n_labels)
{
	struct prof p;
	cxm_table *t = NULL;
	size_t rows, k = 0, *sizes = NULL, *col = NULL, j, c, n;
	double *sums = NULL;
	int st, type;

	if ((st = cxm__check_ptr(out, "out")) < 0)
		return st;
	*out = NULL;
	if ((st = cxm__check_ptr(data, "data")) < 0 || (st = cxm__check_array(columns, n_columns, "columns")) < 0)
		return st;
	if (n_columns == 0)
		return cxm__fail(CXM_EBAD_ARG, "no columns to profile");
	rows = cxm_table_rows(data);
	if ((st = cxm__check_array(labels, n_labels, "labels")) < 0)
		return st;
	if (n_labels != rows)
		return cxm__fail(CXM_EBAD_ARG, "n_labels = %zu labels for a table of %zu rows", n_labels, rows);
	if (rows == 0)
		return cxm__fail(CXM_EEMPTY, "the table has no rows");
	if ((st = cxm__alloc_array(&col, n_columns, sizeof *col, "profile columns")) < 0)
		return st;
	for (j = 0; j < n_columns; j++) {
		if (!columns[j]) {
			st = cxm__fail(CXM_EBAD_ARG, "columns[%zu] is NULL", j);
			goto done;
		}
		if ((st = cxm_table_column_index(&col[j], data, columns[j])) < 0 ||
		    (st = cxm_table_column_type(&type, data, col[j])) < 0)
			goto done;
		if (type == CXM_TABLE_DAY) {
			st = cxm__fail(CXM_EBAD_ARG, "column '%s' holds days: profiles take numbers and texts",
				       columns[j]);
			goto done;
		}
	}
	if ((st = cxm__quality_labels(&k, &sizes, labels, n_labels, rows)) < 0)
		goto done;
	n = k * n_columns;
	if ((st = prof_alloc(&p, n)) < 0 || (st = cxm__alloc_array(&sums, k, sizeof *sums, "profile sums")) < 0)
		goto free_prof;
	for (c = 0; c < k; c++)
		for (j = 0; j < n_columns; j++) {
			size_t r = c * n_columns + j;
			p.cluster[r] = (double)c;
			p.size[r] = (double)sizes[c];
			p.share[r] = 100.0 * (double)sizes[c] / (double)rows;
			p.attribute[r] = columns[j];
		}
	for (j = 0; j < n_columns; j++) {
		cxm_table_column_type(&type, data, col[j]);
		st = type == CXM_TABLE_NUMBER ? numbers(&p, data, col[j], columns[j], j, n_columns, labels, rows, k, sums)
					      : texts(&p, data, col[j], j, n_columns, labels, rows, k);
		if (st < 0)
			goto free_prof;
	}
	if ((st = cxm_table_new(&t)) < 0 || (st = cxm_table_set_row_name(t, "profiles")) < 0 ||
	    (st = cxm_table_add_numbers(t, "cluster", p.cluster, n)) < 0 ||
	    (st = cxm_table_add_numbers(t, "size", p.size, n)) < 0 ||
	    (st = cxm_table_add_numbers(t, "share", p.share, n)) < 0 ||
	    (st = cxm_table_add_texts(t, "attribute", p.attribute, n)) < 0 ||
	    (st = cxm_table_add_texts(t, "statistic", p.statistic, n)) < 0 ||
	    (st = cxm_table_add_numbers(t, "value", p.value, n)) < 0 ||
	    (st = cxm_table_add_texts(t, "level", p.level, n)) < 0 ||
	    (st = cxm_table_add_numbers(t, "level_share", p.level_share, n)) < 0 ||
	    (st = cxm_table_add_numbers(t, "population", p.population, n)) < 0 ||
	    (st = cxm_table_add_numbers(t, "lift", p.lift, n)) < 0) {
		cxm_table_free(t);
		goto free_prof;
	}
	*out = t;
free_prof:
	prof_free(&p);
done:
	cxm__free(sums);
	cxm__free(sizes);
	cxm__free(col);
	return st;
}
