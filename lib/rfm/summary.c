/*
 * lib/rfm/summary.c - the segment summary of a scored table (spec §7.9): per
 * segment, in rule order then "Others", its customers, share, orders,
 * revenue, average order value and mean scores.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "distinct.h"
#include "rfm_internal.h"
#include "io/io_internal.h"

/* Sums per segment: customers, then exact sums of the columns below. */
enum { S_ORDERS, S_REVENUE, S_R, S_F, S_M, S_DAYS, N_SUMS };
static const char *const sum_columns[N_SUMS] = {
	"transaction_count", "amount", "recency_score", "frequency_score", "monetary_score", "recency_days"
};

typedef struct seg {
	size_t customers;
	cxm__ssum sum[N_SUMS];
} seg;

static int cmp_text(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * The segment names in summary order into `set` (the rules' names, first
 * occurrence, then "Others", then the table's other segments in byte order).
 */
int cxm__rfm_segment_order(cxm__texts *set, const cxm_rfm_rules *rules, const cxm_table *const *tables,
			   const size_t *cols, size_t n_tables, const char *what)
{
	size_t i, j, k, before, n_extra = 0, cap = 0;
	const char **extra = NULL;
	int rc;
	if ((rc = cxm__texts_init(set, 16, what)) < 0)
		return rc;
	for (i = 0; i < cxm_rfm_rules_count(rules); i++) {
		const char *name = cxm_rfm_rules_name(rules, i);
		if ((rc = cxm__texts_add(set, name, strlen(name), &k)) < 0)
			goto fail;
	}
	if ((rc = cxm__texts_add(set, CXM_RFM_NO_SEGMENT, strlen(CXM_RFM_NO_SEGMENT), &k)) < 0)
		goto fail;
	before = set->count;
	for (j = 0; j < n_tables; j++)
		cap += cxm_table_level_count(tables[j], cols[j]);
	if ((rc = cxm__alloc_array(&extra, cap ? cap : 1, sizeof *extra, what)) < 0)
		goto fail;
	for (j = 0; j < n_tables; j++) {
		for (i = 0; i < cxm_table_level_count(tables[j], cols[j]); i++) {
			const char *name = cxm_table_level(tables[j], cols[j], i);
			size_t c = set->count;
			if ((rc = cxm__texts_add(set, name, strlen(name), &k)) < 0)
				goto fail;
			if (set->count > c)
				extra[n_extra++] = name;
		}
	}
	if (n_extra > 0) {
		/* rebuild the tail in byte order: a set keeps first-seen order */
		cxm__texts sorted;
		qsort(extra, n_extra, sizeof *extra, cmp_text);
		if ((rc = cxm__texts_init(&sorted, set->count, what)) < 0)
			goto fail;
		for (i = 0; i < before && rc == CXM_OK; i++)
			rc = cxm__texts_add(&sorted, set->str[i], set->len[i], &k);
		for (i = 0; i < n_extra && rc == CXM_OK; i++)
			rc = cxm__texts_add(&sorted, extra[i], strlen(extra[i]), &k);
		if (rc < 0) {
			cxm__texts_free(&sorted);
			goto fail;
		}
		cxm__texts_free(set);
		*set = sorted;
	}
	cxm__free((void *)extra);
	return CXM_OK;
fail:
	cxm__free((void *)extra);
	cxm__texts_free(set);
	return rc;
}

cxm_status cxm_rfm_segment_summary(cxm_table **out, const cxm_table *scored, const cxm_rfm_rules *rules)
{
	const double *x[N_SUMS];
	const char *const *segment;
	size_t col, i, j, k, n, m, *map = NULL;
	uint32_t *codes = NULL;
	cxm_rfm_rules *owned = NULL;
	cxm__texts order;
	int have_order = 0;
	seg *s = NULL;
	cxm_table *t = NULL;
	double *c[11];
	static const char *const out_columns[11] = {
		"customers", "share", "orders", "revenue", "average_order_value", "recency_score_mean",
		"frequency_score_mean", "monetary_score_mean", "recency_days_mean", "amount_mean", NULL
	};
	int rc;

	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(scored, "scored")) < 0 ||
	    (rc = cxm__rfm_text_column(&segment, &col, scored, "segment", "scored")) < 0)
		return rc;
	for (j = 0; j < N_SUMS; j++)
		if ((rc = cxm__rfm_number_column(&x[j], scored, sum_columns[j], "scored")) < 0)
			return rc;
	n = cxm_table_rows(scored);
	if ((rc = cxm__rfm_rules_or_default(&rules, &owned)) < 0)
		return rc;
	if ((rc = cxm__rfm_segment_order(&order, rules, &scored, &col, 1, "cxm_rfm_segment_summary")) < 0)
		goto done;
	have_order = 1;
	m = order.count;
	if ((rc = cxm__alloc_array(&s, m, sizeof *s, "cxm_rfm_segment_summary")) < 0 ||
	    (rc = cxm__alloc_array(&map, cxm_table_level_count(scored, col) + 1, sizeof *map,
				   "cxm_rfm_segment_summary")) < 0 ||
	    (rc = cxm__alloc_array(&codes, n ? n : 1, sizeof *codes, "cxm_rfm_segment_summary")) < 0)
		goto done;
	for (k = 0; k < m; k++) {
		s[k].customers = 0;
		for (j = 0; j < N_SUMS; j++)
			cxm__ssum_init(&s[k].sum[j]);
	}
	for (i = 0; i < cxm_table_level_count(scored, col); i++) {
		const char *name = cxm_table_level(scored, col, i);
		if ((rc = cxm__texts_add(&order, name, strlen(name), &map[i])) < 0)
			goto done;
	}
	if (n > 0 && (rc = cxm_table_copy_codes(codes, n, scored, col)) < 0)
		goto done;
	for (i = 0; i < n; i++) {
		seg *g = s + map[codes[i]];
		g->customers++;
		for (j = 0; j < N_SUMS; j++) {
			if (!isfinite(x[j][i])) {
				rc = cxm__fail(isnan(x[j][i]) ? CXM_ENAN : CXM_EOUT_OF_RANGE,
					       "%s[%zu] = %.17g is not finite", sum_columns[j], i, x[j][i]);
				goto done;
			}
			cxm__ssum_add(&g->sum[j], x[j][i]);
		}
	}
	if ((rc = cxm_table_new(&t)) < 0 || (rc = cxm_table_add_texts(t, "segment", order.str, m)) < 0)
		goto done;
	for (j = 0; out_columns[j]; j++)
		if ((rc = cxm__table_add_column(&c[j], t, out_columns[j], CXM_TABLE_NUMBER, m)) < 0)
			goto done;
	for (k = 0; k < m; k++) {
		double cu = (double)s[k].customers, orders = cxm__ssum_round(&s[k].sum[S_ORDERS]);
		double revenue = cxm__ssum_round(&s[k].sum[S_REVENUE]);
		c[0][k] = cu;
		c[1][k] = n ? 100.0 * cu / (double)n : NAN;
		c[2][k] = orders;
		c[3][k] = revenue;
		c[4][k] = orders > 0 ? revenue / orders : NAN;
		c[5][k] = cu > 0 ? cxm__ssum_round(&s[k].sum[S_R]) / cu : NAN;
		c[6][k] = cu > 0 ? cxm__ssum_round(&s[k].sum[S_F]) / cu : NAN;
		c[7][k] = cu > 0 ? cxm__ssum_round(&s[k].sum[S_M]) / cu : NAN;
		c[8][k] = cu > 0 ? cxm__ssum_round(&s[k].sum[S_DAYS]) / cu : NAN;
		c[9][k] = cu > 0 ? revenue / cu : NAN;
	}
	if ((rc = cxm_table_set_attr_number(t, "customers", (double)n)) < 0 ||
	    (rc = cxm_table_set_row_name(t, "segments")) < 0)
		goto done;
	*out = t;
	t = NULL;
	rc = CXM_OK;
done:
	cxm_table_free(t);
	cxm__free(codes);
	cxm__free(map);
	cxm__free(s);
	if (have_order)
		cxm__texts_free(&order);
	cxm_rfm_rules_free(owned);
	return rc;
}
