/* lib/rates/per_entity.c - repeat purchase (§5.3) and bounce (§5.6) rates from
 * one count per customer or session. */
#include <math.h>
#include "internal.h"

/*
 * Validate per-entity counts in the reference's order: any NaN, then any value
 * below `min` or infinite (OUT_OF_RANGE), then any fraction (NON_INTEGER).
 * Each pass looks at the whole array, so the code does not depend on where
 * the faults sit.
 */
static int check_counts(const double *x, size_t n, double min, const char *what)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (isnan(x[i]))
			return cxm__fail(CXM_ENAN, "%s[%zu] is NaN", what, i);
	for (i = 0; i < n; i++)
		if (!(isfinite(x[i]) && x[i] >= min))
			return cxm__fail(CXM_EOUT_OF_RANGE, "%s[%zu] = %.17g; it must be finite and >= %g",
					 what, i, x[i], min);
	for (i = 0; i < n; i++)
		if (x[i] != floor(x[i]))
			return cxm__fail(CXM_ENON_INTEGER, "%s[%zu] = %.17g is not a whole number", what, i, x[i]);
	return CXM_OK;
}

cxm_status cxm_repeat_purchase_rate(cxm_repeat_purchase *out, const double *orders_per_customer, size_t n)
{
	size_t i, buyers = 0, repeat = 0;
	int rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_REPEAT_PURCHASE_VERSION, "cxm_repeat_purchase")) < 0 ||
	    (rc = cxm__check_array(orders_per_customer, n, "orders_per_customer")) < 0 ||
	    (rc = check_counts(orders_per_customer, n, 0.0, "orders_per_customer")) < 0)
		return rc;
	for (i = 0; i < n; i++) {
		buyers += orders_per_customer[i] >= 1.0;
		repeat += orders_per_customer[i] >= 2.0;
	}
	/* customers without an order are not in the denominator (§5.3) */
	if (buyers == 0)
		return cxm__fail(CXM_EEMPTY, "no customer with an order among %zu", n);
	out->customers = buyers;
	out->repeat_customers = repeat;
	out->rate = 100.0 * (double)repeat / (double)buyers;
	return CXM_OK;
}

cxm_status cxm_bounce_rate(cxm_bounce *out, const double *pageviews_per_session, size_t n)
{
	size_t i, bounces = 0;
	int rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_BOUNCE_VERSION, "cxm_bounce")) < 0 ||
	    (rc = cxm__check_array(pageviews_per_session, n, "pageviews_per_session")) < 0 ||
	    (rc = check_counts(pageviews_per_session, n, 1.0, "pageviews_per_session")) < 0)
		return rc;
	if (n == 0)
		return cxm__fail(CXM_EEMPTY, "no sessions");
	for (i = 0; i < n; i++)
		bounces += pageviews_per_session[i] == 1.0;
	out->sessions = n;
	out->bounces = bounces;
	out->rate = 100.0 * (double)bounces / (double)n;
	return CXM_OK;
}
