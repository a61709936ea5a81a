/* lib/rfm/customers.c - order rows to per-customer RFM inputs, as rfm_prep_table_data (spec §7.1). */
#include <math.h>
#include <string.h>
#include "groupby.h"
#include "rfm_internal.h"

struct cxm_rfm_customers {
	size_t count;
	cxm__idlist ids;
	double *columns; /* recency_days, transaction_count, amount: count each */
};

void cxm_rfm_customers_free(cxm_rfm_customers *c)
{
	if (!c)
		return;
	cxm__idlist_free(&c->ids);
	cxm__free(c->columns);
	cxm__free(c);
}

/* Validate in the reference's order: shapes, emptiness, the analysis day,
 * revenues (NaN, then infinite), then row by row the order day. */
static int check_inputs(const char *const *ids, size_t n_ids, const double *days, size_t n_days,
			const double *revenues, size_t n_revenues, double analysis_day)
{
	size_t i;
	int rc;
	if ((rc = cxm__check_array(ids, n_ids, "customer_ids")) < 0 ||
	    (rc = cxm__check_array(days, n_days, "order_days")) < 0 ||
	    (rc = cxm__check_array(revenues, n_revenues, "revenues")) < 0)
		return rc;
	if (n_days != n_ids || n_revenues != n_ids)
		return cxm__fail(CXM_EBAD_ARG,
				 "customer_ids, order_days and revenues have %zu, %zu and %zu entries; "
				 "they must be equal", n_ids, n_days, n_revenues);
	for (i = 0; i < n_ids; i++)
		if (ids[i] == NULL)
			return cxm__fail(CXM_EBAD_ARG, "customer_ids[%zu] is NULL", i);
	if (n_ids == 0)
		return cxm__fail(CXM_EEMPTY, "no order rows");
	if ((rc = cxm__check_day(analysis_day, "analysis_day", 0, 0)) < 0)
		return rc;
	for (i = 0; i < n_ids; i++)
		if (isnan(revenues[i]))
			return cxm__fail(CXM_ENAN, "revenues[%zu] is NaN", i);
	for (i = 0; i < n_ids; i++)
		if (isinf(revenues[i]))
			return cxm__fail(CXM_EOUT_OF_RANGE, "revenues[%zu] = %.17g is infinite", i, revenues[i]);
	for (i = 0; i < n_ids; i++) {
		if ((rc = cxm__check_day(days[i], "order_days", 1, i)) < 0)
			return rc;
		if (days[i] > analysis_day)
			return cxm__fail(CXM_EINCONSISTENT,
					 "order_days[%zu] = %.17g (customer \"%s\") is after analysis_day = %.17g",
					 i, days[i], ids[i], analysis_day);
	}
	return CXM_OK;
}

cxm_status cxm_rfm_customers_aggregate(cxm_rfm_customers **out, const char *const *customer_ids, size_t n_ids,
				const double *order_days, size_t n_days, const double *revenues,
				size_t n_revenues, double analysis_day)
{
	cxm_rfm_customers *c = NULL;
	cxm__txrow *rows = NULL;
	size_t i, k, groups = 0, bytes = 0;
	int rc;

	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = check_inputs(customer_ids, n_ids, order_days, n_days, revenues, n_revenues,
			       analysis_day)) < 0)
		return rc;
	/* Sorting rows by id groups each customer's rows together and yields the
	 * customers already in output order. */
	if ((rc = cxm__txrows_sort(&rows, customer_ids, order_days, n_ids, "cxm_rfm_customers_aggregate")) < 0)
		return rc;
	for (i = 0; i < n_ids; i = cxm__txrows_group_end(rows, n_ids, i)) {
		groups++;
		bytes += strlen(rows[i].id) + 1;
	}
	if (!(c = cxm__calloc(1, sizeof *c))) {
		rc = cxm__fail(CXM_ENOMEM, "cxm_rfm_customers_aggregate: no memory for the result");
		goto done;
	}
	if ((rc = cxm__idlist_alloc(&c->ids, groups, bytes, "cxm_rfm_customers_aggregate ids")) < 0 ||
	    (rc = cxm__alloc_array(&c->columns, groups, 3 * sizeof *c->columns,
				   "cxm_rfm_customers_aggregate columns")) < 0)
		goto done;
	c->count = groups;
	for (i = 0, k = 0; i < n_ids; k++) {
		const char *id = rows[i].id;
		size_t first = i, end = cxm__txrows_group_end(rows, n_ids, i);
		double last = -INFINITY, amount;
		cxm__ssum sum;
		cxm__ssum_init(&sum);
		for (; i < end; i++) {
			if (rows[i].day > last)
				last = rows[i].day;
			cxm__ssum_add(&sum, revenues[rows[i].i]);
		}
		/* exact and rounded once, as the reference's math.fsum; revenues may be
		 * negative (refunds), which the core xsum cannot take */
		amount = cxm__ssum_round(&sum);
		if (isinf(amount)) {
			rc = cxm__fail(CXM_EOUT_OF_RANGE, "the amount of customer \"%s\" overflows a double", id);
			goto done;
		}
		cxm__idlist_add(&c->ids, id);
		c->columns[k] = analysis_day - last;
		c->columns[groups + k] = (double)(end - first);
		c->columns[2 * groups + k] = amount;
	}
	*out = c;
	c = NULL;
	rc = CXM_OK;
done:
	cxm_rfm_customers_free(c);
	cxm__free(rows);
	return rc;
}

size_t cxm_rfm_customers_count(const cxm_rfm_customers *c)
{
	return c ? c->count : 0;
}

const char *cxm_rfm_customers_id(const cxm_rfm_customers *c, size_t i)
{
	return c && i < c->count ? c->ids.id[i] : NULL;
}

cxm_status cxm_rfm_customers_columns(const cxm_rfm_customers *c, double *recency_days,
			      double *transaction_count, double *amount, size_t cap)
{
	int rc;
	if ((rc = cxm__check_ptr(c, "c")) < 0)
		return rc;
	if (cap < c->count)
		return cxm__fail(CXM_EBAD_ARG, "cap = %zu is smaller than the %zu customers", cap, c->count);
	if (recency_days)
		memcpy(recency_days, c->columns, c->count * sizeof *recency_days);
	if (transaction_count)
		memcpy(transaction_count, c->columns + c->count, c->count * sizeof *transaction_count);
	if (amount)
		memcpy(amount, c->columns + 2 * c->count, c->count * sizeof *amount);
	return CXM_OK;
}
