/*
 * lib/segment/customers.c - order rows to per-customer value and
 * price-sensitivity inputs (spec §13.1): one hash pass over the rows
 * (cxm__texts numbers the customers), the rows bucketed by customer
 * (counting sort: no sort of all orders), exact sums per customer, the
 * distinct customers alone sorted by id. The sums are exact, rounded once
 * (fsum.h: cheap for the few orders of a customer).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "segment_internal.h"
#include "distinct.h"
#include "fsum.h"
#include "io/io_internal.h"
#include "txlog/txlog_internal.h"

static int check_inputs(const char *const *ids, size_t n_ids, const double *amounts, size_t n_amounts,
			const double *discounts, size_t n_discounts)
{
	size_t i;
	int rc;
	if ((rc = cxm__check_array(ids, n_ids, "customer_ids")) < 0 ||
	    (rc = cxm__check_array(amounts, n_amounts, "amounts")) < 0 ||
	    (rc = cxm__check_array(discounts, n_discounts, "discounts")) < 0)
		return rc;
	if (n_amounts != n_ids || n_discounts != n_ids)
		return cxm__fail(CXM_EBAD_ARG, "customer_ids, amounts and discounts have %zu, %zu and %zu entries; "
				 "they must be equal", n_ids, n_amounts, n_discounts);
	if (n_ids == 0)
		return cxm__fail(CXM_EEMPTY, "no order rows");
	for (i = 0; i < n_ids; i++) {
		const char *what = "amounts";
		double x = amounts[i];
		if (ids[i] == NULL || ids[i][0] == '\0') /* a missing id is no customer (spec §16.3) */
			return cxm__missing_id_fail("customer_ids", i, ids[i] ? "an empty text" : "NULL");
		if (!(x >= 0.0 && x < INFINITY) || !(discounts[i] >= 0.0 && discounts[i] < INFINITY)) {
			char q[CXM__QUOTE_MAX + 4];
			if (x >= 0.0 && x < INFINITY) {
				what = "discounts";
				x = discounts[i];
			}
			cxm__quote_text(q, sizeof q, ids[i], strlen(ids[i]));
			if (isnan(x))
				return cxm__fail(CXM_ENAN, "%s[%zu] (customer \"%s\") is NaN", what, i, q);
			return cxm__fail(CXM_EOUT_OF_RANGE, "%s[%zu] (customer \"%s\") is %.17g; it must be finite "
					 "and >= 0", what, i, q, x);
		}
	}
	return CXM_OK;
}

/* rows between hashing an id and adding it (its slot is prefetched meanwhile) */
#define AHEAD 8

typedef struct by_id {
	const char *id;
	size_t k;
} by_id;

static int cmp_id(const void *a, const void *b)
{
	return strcmp(((const by_id *)a)->id, ((const by_id *)b)->id);
}

cxm_status cxm_segment_value_customers(cxm_table **out, const char *const *customer_ids, size_t n_ids,
				const double *amounts, size_t n_amounts, const double *discounts,
				size_t n_discounts)
{
	cxm__texts set;
	cxm_table *t = NULL;
	size_t *cust = NULL, *start = NULL, *rows = NULL, i, k, m, len[AHEAD];
	uint64_t hash[AHEAD];
	by_id *order = NULL;
	const char **ids = NULL;
	double *spend = NULL, *orders = NULL, *dshare = NULL, *fshare = NULL, *aov = NULL;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = check_inputs(customer_ids, n_ids, amounts, n_amounts, discounts, n_discounts)) < 0)
		return rc;
	if ((rc = cxm__texts_init_borrowed(&set, 1024, "the customers")) < 0)
		return rc;
	if ((rc = cxm__alloc_array(&cust, n_ids, sizeof *cust, "the customer of each row")) < 0)
		goto done;
	/* row i's id is asked for 2 AHEAD rows, and its slot AHEAD rows, before it
	 * is added (as rates/mau.c): a large set's slots and the ids miss the cache */
	for (i = 0; i < n_ids + AHEAD; i++) {
		size_t j = i - AHEAD, r = i % AHEAD;
		if (i >= AHEAD && (rc = cxm__texts_add_hashed(&set, customer_ids[j], len[r], hash[r], &cust[j])) < 0)
			goto done;
		if (i + AHEAD < n_ids)
			cxm__prefetch(customer_ids[i + AHEAD]);
		if (i < n_ids) {
			len[r] = strlen(customer_ids[i]);
			hash[r] = cxm__texts_hash(customer_ids[i], len[r]);
			cxm__texts_prefetch(&set, hash[r]);
		}
	}
	m = set.count;
	/* rows bucketed by customer, in row order within each */
	if ((rc = cxm__alloc_array(&start, m + 1, sizeof *start, "the customers' rows")) < 0 ||
	    (rc = cxm__alloc_array(&rows, n_ids, sizeof *rows, "the customers' rows")) < 0 ||
	    (rc = cxm__alloc_array(&order, m, sizeof *order, "the customers' order")) < 0 ||
	    (rc = cxm__alloc_array((void *)&ids, m, sizeof *ids, "the customers' ids")) < 0)
		goto done;
	memset(start, 0, (m + 1) * sizeof *start);
	for (i = 0; i < n_ids; i++)
		start[cust[i] + 1]++;
	for (k = 0; k < m; k++)
		start[k + 1] += start[k];
	for (i = 0; i < n_ids; i++)
		rows[start[cust[i]]++] = i;
	for (k = m; k > 0; k--) /* start[k] was advanced to the end of bucket k: shift back */
		start[k] = start[k - 1];
	start[0] = 0;
	for (k = 0; k < m; k++) {
		order[k].id = set.str[k];
		order[k].k = k;
	}
	qsort(order, m, sizeof *order, cmp_id);
	for (k = 0; k < m; k++)
		ids[k] = order[k].id;
	if ((rc = cxm_table_new(&t)) < 0 || (rc = cxm_table_set_row_name(t, "customers")) < 0 ||
	    (rc = cxm_table_add_texts(t, "customer_id", ids, m)) < 0 ||
	    (rc = cxm__table_add_column(&spend, t, "spend", CXM_TABLE_NUMBER, m)) < 0 ||
	    (rc = cxm__table_add_column(&orders, t, "orders", CXM_TABLE_NUMBER, m)) < 0 ||
	    (rc = cxm__table_add_column(&dshare, t, "discount_share", CXM_TABLE_NUMBER, m)) < 0 ||
	    (rc = cxm__table_add_column(&fshare, t, "full_price_share", CXM_TABLE_NUMBER, m)) < 0 ||
	    (rc = cxm__table_add_column(&aov, t, "average_order_value", CXM_TABLE_NUMBER, m)) < 0)
		goto done;
	for (k = 0; k < m; k++) {
		size_t c = order[k].k, r, full = 0, n = start[c + 1] - start[c];
		cxm__fsum paid, off, list;
		double s, d, l;
		cxm__fsum_init(&paid);
		cxm__fsum_init(&off);
		cxm__fsum_init(&list);
		for (r = start[c]; r < start[c + 1]; r++) {
			double x = amounts[rows[r]], y = discounts[rows[r]];
			cxm__fsum_add(&paid, x);
			cxm__fsum_add(&off, y);
			cxm__fsum_add(&list, x);
			cxm__fsum_add(&list, y);
			full += y == 0.0;
		}
		s = cxm__fsum_round(&paid);
		d = cxm__fsum_round(&off);
		l = cxm__fsum_round(&list);
		if (isinf(s) || isinf(l)) {
			char q[CXM__QUOTE_MAX + 4];
			cxm__quote_text(q, sizeof q, ids[k], strlen(ids[k]));
			rc = cxm__fail(CXM_EOUT_OF_RANGE, "the spend of customer \"%s\" overflows a double", q);
			goto done;
		}
		spend[k] = s;
		orders[k] = (double)n;
		dshare[k] = l > 0.0 ? d / l : 0.0;
		fshare[k] = (double)full / (double)n;
		aov[k] = s / (double)n;
	}
	*out = t;
	t = NULL;
	rc = CXM_OK;
done:
	cxm_table_free(t);
	cxm__texts_free(&set);
	cxm__free(cust);
	cxm__free(start);
	cxm__free(rows);
	cxm__free(order);
	cxm__free((void *)ids);
	return rc;
}
