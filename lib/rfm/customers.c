/* lib/rfm/customers.c - order rows to per-customer RFM inputs, as rfm_prep_table_data (spec §7.1). */
#include <math.h>
#include <string.h>
#include "groupby.h"
#include "rfm_internal.h"
#include "io/io_internal.h"

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
	if ((rc = cxm__check_date_day(analysis_day, "analysis_day", 0, 0)) < 0)
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

cxm_status cxm_rfm_customers_aggregate(cxm_table **out, const char *const *customer_ids, size_t n_ids,
				const double *order_days, size_t n_days, const double *revenues,
				size_t n_revenues, double analysis_day)
{
	cxm_table *t = NULL;
	cxm__txrow *rows = NULL;
	const char **ids = NULL;
	double *recency = NULL, *count = NULL, *amount = NULL;
	size_t i, k, groups = 0;
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
	for (i = 0; i < n_ids; i = cxm__txrows_group_end(rows, n_ids, i))
		groups++;
	if ((rc = cxm__alloc_array(&ids, groups, sizeof *ids, "cxm_rfm_customers_aggregate ids")) < 0 ||
	    (rc = cxm_table_new(&t)) < 0)
		goto done;
	for (i = 0, k = 0; i < n_ids; i = cxm__txrows_group_end(rows, n_ids, i))
		ids[k++] = rows[i].id;
	if ((rc = cxm_table_add_texts(t, "customer_id", ids, groups)) < 0 ||
	    (rc = cxm__table_add_column(&recency, t, "recency_days", CXM_TABLE_NUMBER, groups)) < 0 ||
	    (rc = cxm__table_add_column(&count, t, "transaction_count", CXM_TABLE_NUMBER, groups)) < 0 ||
	    (rc = cxm__table_add_column(&amount, t, "amount", CXM_TABLE_NUMBER, groups)) < 0 ||
	    (rc = cxm_table_set_attr_day(t, "analysis_day", analysis_day)) < 0 ||
	    (rc = cxm_table_set_row_name(t, "customers")) < 0)
		goto done;
	for (i = 0, k = 0; i < n_ids; k++) {
		const char *id = rows[i].id;
		size_t first = i, end = cxm__txrows_group_end(rows, n_ids, i);
		double last = -INFINITY, total;
		cxm__ssum sum;
		cxm__ssum_init(&sum);
		for (; i < end; i++) {
			if (rows[i].day > last)
				last = rows[i].day;
			cxm__ssum_add(&sum, revenues[rows[i].i]);
		}
		/* exact and rounded once, as the reference's math.fsum; revenues may be
		 * negative (refunds), which the core xsum cannot take */
		total = cxm__ssum_round(&sum);
		if (isinf(total)) {
			char quoted[CXM__QUOTE_MAX + 4];
			cxm__quote_text(quoted, sizeof quoted, id, strlen(id));
			rc = cxm__fail(CXM_EOUT_OF_RANGE, "the amount of customer \"%s\" overflows a double", quoted);
			goto done;
		}
		recency[k] = analysis_day - last;
		count[k] = (double)(end - first);
		amount[k] = total;
	}
	*out = t;
	t = NULL;
	rc = CXM_OK;
done:
	cxm_table_free(t);
	cxm__free((void *)ids);
	cxm__free(rows);
	return rc;
}
