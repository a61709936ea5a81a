/*
 * lib/txlog/arrays.c - cxm_txlog_from_arrays: a raw log given as arrays (the
 * bindings' DataFrames and lists) into the clean log (spec §16.2). Rows are
 * named by their index, and by their 1-based row next to it.
 */
#include <math.h>
#include <string.h>
#include "txlog_internal.h"
#include "io/io_internal.h"

#define WHAT "cxm_txlog_from_arrays"

/* Each array with its own length: n rows, or (the optional ones) none. */
static int check_lengths(size_t n, size_t n_days, size_t n_amounts, size_t n_quantity, size_t n_price,
			 size_t n_cancelled)
{
	if (n_days != n)
		return cxm__fail(CXM_EBAD_ARG, "customer_ids and days have %zu and %zu entries; they must be equal", n,
				 n_days);
	if (n_amounts != 0 && n_amounts != n)
		return cxm__fail(CXM_EBAD_ARG, "amounts has %zu entries; give one per row (%zu) or none", n_amounts, n);
	if (n_quantity != n_price)
		return cxm__fail(CXM_EBAD_ARG, "quantity and price have %zu and %zu entries; they go together, one "
				 "per row (%zu) each, or none", n_quantity, n_price, n);
	if (n_quantity != 0 && n_quantity != n)
		return cxm__fail(CXM_EBAD_ARG, "quantity and price have %zu entries; give one per row (%zu) or none",
				 n_quantity, n);
	if (n_amounts != 0 && n_quantity != 0)
		return cxm__fail(CXM_EBAD_ARG, "both amounts and quantity x price given; the amount is one or the "
				 "other");
	if (n_cancelled != 0 && n_cancelled != n)
		return cxm__fail(CXM_EBAD_ARG, "cancelled has %zu entries; give one flag per row (%zu) or none",
				 n_cancelled, n);
	return CXM_OK;
}

/* A finite number, else NAN / OUT_OF_RANGE naming what[i]. */
static int check_value(double x, const char *what, size_t i)
{
	if (isnan(x))
		return cxm__fail(CXM_ENAN, "%s[%zu] is NaN", what, i);
	if (isinf(x))
		return cxm__fail(CXM_EOUT_OF_RANGE, "%s[%zu] = %.17g is infinite", what, i, x);
	return CXM_OK;
}

cxm_status cxm_txlog_from_arrays(cxm_table **out, const char *const *customer_ids, size_t n_ids, const double *days,
				 size_t n_days, const double *amounts, size_t n_amounts, const double *quantity,
				 size_t n_quantity, const double *price, size_t n_price, const uint8_t *cancelled,
				 size_t n_cancelled, const cxm_txlog_opts *opts)
{
	cxm__txlog_builder b;
	char quoted[CXM__QUOTE_MAX + 4];
	size_t i;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_array(customer_ids, n_ids, "customer_ids")) < 0 ||
	    (rc = cxm__check_array(days, n_days, "days")) < 0 ||
	    (rc = cxm__check_array(amounts, n_amounts, "amounts")) < 0 ||
	    (rc = cxm__check_array(quantity, n_quantity, "quantity")) < 0 ||
	    (rc = cxm__check_array(price, n_price, "price")) < 0 ||
	    (rc = cxm__check_array(cancelled, n_cancelled, "cancelled")) < 0 ||
	    (rc = check_lengths(n_ids, n_days, n_amounts, n_quantity, n_price, n_cancelled)) < 0)
		return rc;
	if ((rc = cxm__txlog_builder_init(&b, opts, n_ids, WHAT)) < 0)
		return rc;
	for (i = 0; i < n_ids; i++) {
		const char *id = customer_ids[i];
		double amount = 0.0, q = 0.0;
		uint8_t flag;
		int missing = id == NULL || id[0] == '\0';
		/* the row's numbers first: a NaN amount is an error whatever its id */
		if ((rc = cxm__check_date_day(days[i], "days", 1, i)) < 0)
			goto bad_value;
		if (n_amounts) {
			if ((rc = check_value(amounts[i], "amounts", i)) < 0)
				goto bad_value;
			amount = amounts[i];
		} else if (n_quantity) {
			if ((rc = check_value(quantity[i], "quantity", i)) < 0 ||
			    (rc = check_value(price[i], "price", i)) < 0)
				goto bad_value;
			q = quantity[i];
			amount = q * price[i];
			if ((rc = check_value(amount, "quantity x price", i)) < 0)
				goto bad_value;
		}
		switch (cxm__txlog_classify(&b, missing, amount < 0.0 || q < 0.0 || (n_cancelled && cancelled[i]),
					    &flag)) {
		case CXM__TXLOG_MISSING_ERROR:
			rc = cxm__missing_id_fail("customer_ids", i, id == NULL ? "NULL" : "an empty text");
			goto done;
		case CXM__TXLOG_RETURN_ERROR:
			cxm__quote_text(quoted, sizeof quoted, id, strlen(id));
			rc = cxm__fail(CXM_EINCONSISTENT,
				       "row %zu (customer_ids[%zu] = \"%s\") is a return (amount %.17g%s) and returns = "
				       "error; pass returns = drop, net or keep", i + 1, i, quoted, amount,
				       n_cancelled && cancelled[i] ? ", cancelled" : "");
			goto done;
		case CXM__TXLOG_SKIP:
			continue;
		default:
			if ((rc = cxm__txlog_push(&b, id, strlen(id), days[i], amount, flag, (double)i)) < 0)
				goto done;
		}
	}
	rc = cxm__txlog_finish(out, &b);
	goto done;
bad_value: /* named by the row's customer (or as a row without one) */
	rc = cxm__customer_context(customer_ids[i], i);
done:
	cxm__txlog_builder_free(&b);
	return rc;
}
