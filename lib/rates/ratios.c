/* lib/rates/ratios.c - rates from aggregate counts (spec §5.1, 5.2, 5.3, 5.4, 5.6, 5.7). */
#include "internal.h"

/* 100 num / den with the checks every counts form shares: both counts valid,
 * den > 0 (EMPTY), num <= den (INCONSISTENT). */
static int ratio_pct(double *out, double num, double den, const char *num_name, const char *den_name)
{
	uint64_t a, b;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0 || (rc = cxm__count(&a, num, num_name)) < 0 ||
	    (rc = cxm__count(&b, den, den_name)) < 0)
		return rc;
	if (b == 0)
		return cxm__fail(CXM_EEMPTY, "%s = 0: the rate has no denominator", den_name);
	if (a > b)
		return cxm__fail(CXM_EINCONSISTENT, "%s = %llu exceeds %s = %llu", num_name,
				 (unsigned long long)a, den_name, (unsigned long long)b);
	/* (100 a) / b, as the reference's 100.0 * a / b */
	*out = 100.0 * (double)a / (double)b;
	return CXM_OK;
}

cxm_status cxm_churn_rate(double *out, double customers_start, double customers_lost)
{
	return ratio_pct(out, customers_lost, customers_start, "customers_lost", "customers_start");
}

cxm_status cxm_retention_rate(double *out, double customers_start, double customers_end, double customers_new)
{
	uint64_t s, e, n;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0 || (rc = cxm__count(&s, customers_start, "customers_start")) < 0 ||
	    (rc = cxm__count(&e, customers_end, "customers_end")) < 0 ||
	    (rc = cxm__count(&n, customers_new, "customers_new")) < 0)
		return rc;
	if (s == 0)
		return cxm__fail(CXM_EEMPTY, "customers_start = 0: retention has no denominator");
	if (n > e)
		return cxm__fail(CXM_EINCONSISTENT, "customers_new = %llu exceeds customers_end = %llu",
				 (unsigned long long)n, (unsigned long long)e);
	if (e - n > s)
		return cxm__fail(CXM_EINCONSISTENT,
				 "retained customers (end %llu - new %llu = %llu) exceed customers_start = %llu",
				 (unsigned long long)e, (unsigned long long)n, (unsigned long long)(e - n),
				 (unsigned long long)s);
	*out = 100.0 * (double)(e - n) / (double)s;
	return CXM_OK;
}

cxm_status cxm_repeat_purchase_rate_counts(double *out, double repeat_customers, double total_customers)
{
	return ratio_pct(out, repeat_customers, total_customers, "repeat_customers", "total_customers");
}

cxm_status cxm_referral_rate(double *out, double referred_customers, double total_customers)
{
	return ratio_pct(out, referred_customers, total_customers, "referred_customers", "total_customers");
}

cxm_status cxm_error_rate(double *out, double errors, double opportunities)
{
	return ratio_pct(out, errors, opportunities, "errors", "opportunities");
}

cxm_status cxm_bounce_rate_counts(double *out, double single_page_sessions, double sessions)
{
	return ratio_pct(out, single_page_sessions, sessions, "single_page_sessions", "sessions");
}
