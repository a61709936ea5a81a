/*
 * lib/segment/assign.c - thresholds, segments and the summary of value
 * segments (spec §13.3, §13.5).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "segment_internal.h"
#include "names.h"
#include "signed_sum.h"

/* The NUMBER column of dimension `name` (BAD_ARG naming it), with no NaN (NAN naming row and column). */
static int dim_column(size_t *col, const cxm_table *t, const char *column)
{
	const double *x;
	size_t i, n = cxm_table_rows(t);
	char name[CXM__QUOTE_MAX + 4]; /* names come from rule files: quoted for messages */
	int type, rc;
	cxm__quote_text(name, sizeof name, column, strlen(column));
	if (cxm_table_column_index(col, t, column) < 0)
		return cxm__fail(CXM_EBAD_ARG, "the customers table has no column \"%s\", a dimension of the rules",
				 name);
	if ((rc = cxm_table_column_type(&type, t, *col)) < 0)
		return rc;
	if (type != CXM_TABLE_NUMBER)
		return cxm__fail(CXM_EBAD_ARG, "column \"%s\" of the customers table is %s; a dimension must be "
				 "a number column", name, cxm_names_word(CXM_NAMES_TABLE_TYPE, type));
	x = cxm_table_numbers(t, *col);
	for (i = 0; i < n; i++) {
		if (isnan(x[i]))
			return cxm__fail(CXM_ENAN, "customers row %zu, column \"%s\" is NaN", i + 1, name);
		if (isinf(x[i]))
			return cxm__fail(CXM_EOUT_OF_RANGE, "customers row %zu, column \"%s\" is infinite", i + 1, name);
	}
	return CXM_OK;
}

int cxm__seg_resolve(double **lim_out, size_t *cols, const cxm_segment_rules *rules, const cxm_table *customers)
{
	double *lim = NULL;
	size_t i, k, n = rules->count * 2 * rules->n_dims;
	int rc;
	*lim_out = NULL;
	if (customers) {
		if (cxm_table_rows(customers) == 0)
			return cxm__fail(CXM_EEMPTY, "the customers table has no rows");
		for (k = 0; k < rules->n_dims; k++)
			if ((rc = dim_column(&cols[k], customers, rules->dim[k].name)) < 0)
				return rc;
	}
	if ((rc = cxm__alloc_array(&lim, n + 1, sizeof *lim, "the rules' thresholds")) < 0)
		return rc;
	for (i = 0; i < rules->count; i++) {
		for (k = 0; k < 2 * rules->n_dims; k++) {
			const cxm__bound *b = &rules->rule[i].bound[k];
			double *v = &lim[i * 2 * rules->n_dims + k];
			if (b->kind == CXM__BOUND_NONE) {
				*v = k % 2 ? INFINITY : -INFINITY;
			} else if (b->kind == CXM__BOUND_NUMBER || !customers) {
				*v = b->x;
			} else {
				size_t c = cols[k / 2];
				if ((rc = cxm_quantile7(v, cxm_table_numbers(customers, c), cxm_table_rows(customers),
							b->x, CXM_NAN_ERROR)) < 0) {
					cxm__free(lim);
					return rc;
				}
			}
		}
	}
	*lim_out = lim;
	return CXM_OK;
}

/* Copy every column (but `skip`) and attribute of src into a new table. */
static int copy_table(cxm_table **out, const cxm_table *src, const char *skip)
{
	cxm_table *t = NULL;
	size_t c, n = cxm_table_rows(src);
	int rc, type;
	*out = NULL;
	if ((rc = cxm_table_new(&t)) < 0)
		return rc;
	if ((rc = cxm_table_set_row_name(t, cxm_table_row_name(src))) < 0)
		goto fail;
	for (c = 0; c < cxm_table_column_count(src); c++) {
		const char *name = cxm_table_column_name(src, c);
		if (strcmp(name, skip) == 0)
			continue;
		if ((rc = cxm_table_column_type(&type, src, c)) < 0)
			goto fail;
		if (type == CXM_TABLE_TEXT)
			rc = cxm_table_add_texts(t, name, cxm_table_texts(src, c), n);
		else if (type == CXM_TABLE_DAY)
			rc = cxm_table_add_days(t, name, cxm_table_numbers(src, c), n);
		else
			rc = cxm_table_add_numbers(t, name, cxm_table_numbers(src, c), n);
		if (rc < 0)
			goto fail;
	}
	for (c = 0; c < cxm_table_attr_count(src); c++) {
		const char *name = cxm_table_attr_name(src, c), *text;
		double x;
		if ((rc = cxm_table_attr_type(&type, src, c)) < 0)
			goto fail;
		if (type == CXM_TABLE_TEXT)
			rc = cxm_table_get_attr_text(&text, src, name) < 0 ? -1 : cxm_table_set_attr_text(t, name, text);
		else if ((rc = cxm_table_get_attr_number(&x, src, name)) >= 0)
			rc = type == CXM_TABLE_DAY ? cxm_table_set_attr_day(t, name, x) : cxm_table_set_attr_number(t, name, x);
		if (rc < 0)
			goto fail;
	}
	*out = t;
	return CXM_OK;
fail:
	cxm_table_free(t);
	return rc;
}

static int thresholds_table(cxm_table **out, const cxm_segment_rules *rules, const double *lim)
{
	size_t i, k, n = 0, at = 0;
	const char **rule = NULL, **dim = NULL, **bound = NULL;
	double *q = NULL, *v = NULL;
	cxm_table *t = NULL;
	int rc;
	for (i = 0; i < rules->count; i++)
		for (k = 0; k < 2 * rules->n_dims; k++)
			n += rules->rule[i].bound[k].kind != CXM__BOUND_NONE;
	if ((rc = cxm__alloc_array((void *)&rule, n + 1, sizeof *rule, "the thresholds")) < 0 ||
	    (rc = cxm__alloc_array((void *)&dim, n + 1, sizeof *dim, "the thresholds")) < 0 ||
	    (rc = cxm__alloc_array((void *)&bound, n + 1, sizeof *bound, "the thresholds")) < 0 ||
	    (rc = cxm__alloc_array(&q, n + 1, sizeof *q, "the thresholds")) < 0 ||
	    (rc = cxm__alloc_array(&v, n + 1, sizeof *v, "the thresholds")) < 0)
		goto done;
	for (i = 0; i < rules->count; i++) {
		for (k = 0; k < 2 * rules->n_dims; k++) {
			const cxm__bound *b = &rules->rule[i].bound[k];
			if (b->kind == CXM__BOUND_NONE)
				continue;
			rule[at] = rules->rule[i].name;
			dim[at] = rules->dim[k / 2].name;
			bound[at] = k % 2 ? "max" : "min";
			q[at] = b->kind == CXM__BOUND_QUANTILE ? b->x : NAN;
			v[at] = lim[i * 2 * rules->n_dims + k];
			at++;
		}
	}
	if ((rc = cxm_table_new(&t)) < 0)
		goto done;
	if ((rc = cxm_table_set_row_name(t, "thresholds")) < 0 || (rc = cxm_table_add_texts(t, "rule", rule, n)) < 0 ||
	    (rc = cxm_table_add_texts(t, "dimension", dim, n)) < 0 ||
	    (rc = cxm_table_add_texts(t, "bound", bound, n)) < 0 ||
	    (rc = cxm_table_add_numbers(t, "quantile", q, n)) < 0 || (rc = cxm_table_add_numbers(t, "value", v, n)) < 0)
		goto done;
	*out = t;
	t = NULL;
done:
	cxm_table_free(t);
	cxm__free((void *)rule);
	cxm__free((void *)dim);
	cxm__free((void *)bound);
	cxm__free(q);
	cxm__free(v);
	return rc;
}

cxm_status cxm_segment_assign(cxm_table **out, cxm_table **thresholds, const cxm_table *customers,
		       const cxm_segment_rules *rules, int match)
{
	size_t cols[CXM__SEG_MAX_DIMS], i, k, r, n;
	const double *x[CXM__SEG_MAX_DIMS];
	double v[CXM__SEG_MAX_DIMS], *lim = NULL;
	const char **seg = NULL;
	cxm_table *t = NULL, *th = NULL;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if (thresholds)
		*thresholds = NULL;
	if ((rc = cxm__check_ptr(customers, "customers")) < 0 || (rc = cxm__check_ptr(rules, "rules")) < 0 ||
	    (rc = cxm__names_check(&cxm__rfm_match_names, match)) < 0)
		return rc;
	if ((rc = cxm__seg_resolve(&lim, cols, rules, customers)) < 0)
		return rc;
	n = cxm_table_rows(customers);
	for (k = 0; k < rules->n_dims; k++)
		x[k] = cxm_table_numbers(customers, cols[k]);
	if ((rc = cxm__alloc_array((void *)&seg, n, sizeof *seg, "the segments")) < 0)
		goto done;
	for (i = 0; i < n; i++) {
		for (k = 0; k < rules->n_dims; k++)
			v[k] = x[k][i];
		seg[i] = CXM_SEGMENT_NO_SEGMENT;
		for (r = 0; r < rules->count; r++) {
			size_t j = match == CXM_RFM_LAST_MATCH ? rules->count - 1 - r : r;
			if (cxm__seg_holds(rules, j, v, &lim[j * 2 * rules->n_dims])) {
				seg[i] = rules->rule[j].name;
				break;
			}
		}
	}
	/* a segment column of an earlier assignment is replaced */
	if ((rc = copy_table(&t, customers, "segment")) < 0 || (rc = cxm_table_add_texts(t, "segment", seg, n)) < 0 ||
	    (rules->set_name && (rc = cxm_table_set_attr_text(t, "rules", rules->set_name)) < 0))
		goto done;
	if (thresholds && (rc = thresholds_table(&th, rules, lim)) < 0)
		goto done;
	*out = t;
	if (thresholds)
		*thresholds = th;
	t = th = NULL;
	rc = CXM_OK;
done:
	cxm_table_free(t);
	cxm_table_free(th);
	cxm__free(lim);
	cxm__free((void *)seg);
	return rc;
}

/* A NUMBER column by name, or NULL when absent (a TEXT column of that name is BAD_ARG); finite values. */
static int opt_numbers(const double **x, const cxm_table *t, const char *name)
{
	size_t c;
	int rc;
	*x = NULL;
	if (cxm_table_column_index(&c, t, name) < 0)
		return CXM_OK;
	if ((rc = dim_column(&c, t, name)) < 0)
		return rc;
	*x = cxm_table_numbers(t, c);
	return CXM_OK;
}

cxm_status cxm_segment_summary(cxm_table **out, const cxm_table *assigned, const cxm_segment_rules *rules)
{
	const double *spend, *orders, *dims[CXM__SEG_MAX_DIMS];
	const char *const *seg;
	size_t c, i, k, n, m, nd;
	const char **names = NULL;
	double *cnt = NULL, *share = NULL, *sp = NULL, *spsh = NULL, *ord = NULL, *aov = NULL, *mean = NULL;
	double total_spend = 0.0;
	cxm__ssum *acc = NULL, all; /* exact sums (spec §0.9): per segment spend, then dims */
	cxm_table *t = NULL;
	char colname[300];
	int rc, type;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(assigned, "assigned")) < 0 || (rc = cxm__check_ptr(rules, "rules")) < 0)
		return rc;
	if (cxm_table_column_index(&c, assigned, "segment") < 0 || cxm_table_column_type(&type, assigned, c) < 0 ||
	    type != CXM_TABLE_TEXT)
		return cxm__fail(CXM_EBAD_ARG, "the table has no text column \"segment\" (cxm_segment_assign adds it)");
	n = cxm_table_rows(assigned);
	if (n == 0)
		return cxm__fail(CXM_EEMPTY, "the table has no rows");
	seg = cxm_table_texts(assigned, c);
	if ((rc = opt_numbers(&spend, assigned, "spend")) < 0 || (rc = opt_numbers(&orders, assigned, "orders")) < 0)
		return rc;
	nd = rules->n_dims;
	for (k = 0; k < nd; k++)
		if ((rc = opt_numbers(&dims[k], assigned, rules->dim[k].name)) < 0)
			return rc;
	m = rules->count + 1;
	if ((rc = cxm__alloc_array((void *)&names, m, sizeof *names, "the summary")) < 0 ||
	    (rc = cxm__alloc_array(&cnt, m * 6, sizeof *cnt, "the summary")) < 0 ||
	    (rc = cxm__alloc_array(&mean, m * (nd + 1), sizeof *mean, "the summary")) < 0 ||
	    (rc = cxm__alloc_array(&acc, m * (nd + 1), sizeof *acc, "the summary")) < 0)
		goto done;
	for (i = 0; i < m * (nd + 1); i++)
		cxm__ssum_init(&acc[i]);
	cxm__ssum_init(&all);
	share = cnt + m;
	sp = cnt + 2 * m;
	spsh = cnt + 3 * m;
	ord = cnt + 4 * m;
	aov = cnt + 5 * m;
	memset(cnt, 0, m * 6 * sizeof *cnt);
	memset(mean, 0, m * (nd + 1) * sizeof *mean);
	for (i = 0; i < rules->count; i++)
		names[i] = rules->rule[i].name;
	names[rules->count] = CXM_SEGMENT_NO_SEGMENT;
	for (i = 0; i < n; i++) {
		size_t s;
		for (s = 0; s < rules->count; s++)
			if (strcmp(seg[i], names[s]) == 0)
				break;
		if (s == rules->count && strcmp(seg[i], CXM_SEGMENT_NO_SEGMENT) != 0) {
			char q[CXM__QUOTE_MAX + 4];
			cxm__quote_text(q, sizeof q, seg[i], strlen(seg[i]));
			rc = cxm__fail(CXM_EINCONSISTENT, "row %zu has segment \"%s\", which the rules do not name", i + 1, q);
			goto done;
		}
		cnt[s] += 1.0;
		if (spend) {
			cxm__ssum_add(&acc[nd * m + s], spend[i]);
			cxm__ssum_add(&all, spend[i]);
		}
		if (orders)
			ord[s] += orders[i]; /* whole numbers: exact */
		for (k = 0; k < nd; k++)
			if (dims[k])
				cxm__ssum_add(&acc[k * m + s], dims[k][i]);
	}
	total_spend = cxm__ssum_round(&all);
	for (i = 0; i < m; i++) {
		sp[i] = cxm__ssum_round(&acc[nd * m + i]);
		for (k = 0; k < nd; k++)
			mean[k * m + i] = cxm__ssum_round(&acc[k * m + i]);
	}
	for (i = 0; i < m; i++) {
		share[i] = 100.0 * cnt[i] / (double)n;
		if (!spend)
			sp[i] = NAN;
		spsh[i] = spend && total_spend != 0.0 ? 100.0 * sp[i] / total_spend : NAN;
		if (!orders)
			ord[i] = NAN;
		aov[i] = spend && orders && ord[i] > 0.0 ? sp[i] / ord[i] : NAN;
		for (k = 0; k < nd; k++)
			mean[k * m + i] = dims[k] && cnt[i] > 0.0 ? mean[k * m + i] / cnt[i] : NAN;
	}
	if ((rc = cxm_table_new(&t)) < 0)
		goto done;
	if ((rc = cxm_table_set_row_name(t, "segments")) < 0 || (rc = cxm_table_add_texts(t, "segment", names, m)) < 0 ||
	    (rc = cxm_table_add_numbers(t, "customers", cnt, m)) < 0 ||
	    (rc = cxm_table_add_numbers(t, "share", share, m)) < 0 || (rc = cxm_table_add_numbers(t, "spend", sp, m)) < 0 ||
	    (rc = cxm_table_add_numbers(t, "spend_share", spsh, m)) < 0 ||
	    (rc = cxm_table_add_numbers(t, "orders", ord, m)) < 0 ||
	    (rc = cxm_table_add_numbers(t, "average_order_value", aov, m)) < 0)
		goto done;
	for (k = 0; k < nd; k++) {
		cxm__snprintf_c(colname, sizeof colname, "%s_mean", rules->dim[k].name);
		if ((rc = cxm_table_add_numbers(t, colname, &mean[k * m], m)) < 0)
			goto done;
	}
	if (rules->set_name && (rc = cxm_table_set_attr_text(t, "rules", rules->set_name)) < 0)
		goto done;
	*out = t;
	t = NULL;
	rc = CXM_OK;
done:
	cxm_table_free(t);
	cxm__free((void *)names);
	cxm__free(cnt);
	cxm__free(mean);
	cxm__free(acc);
	return rc;
}
