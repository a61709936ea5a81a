/* lib/clv/historic.c - historic (simple) customer lifetime value (spec §6.1). */
#include <math.h>
#include "internal.h"

/* A finite real >= 0; NaN is reported as NaN, the rest as a bad argument (§6.1). */
static int nonneg_real(double x, const char *what)
{
	if (isnan(x))
		return cxm__fail(CXM_ENAN, "%s is NaN", what);
	if (!(isfinite(x) && x >= 0.0))
		return cxm__fail(CXM_EBAD_ARG, "%s must be finite and >= 0, got %.17g", what, x);
	return CXM_OK;
}

cxm_status cxm_clv_historic(double *out, double aov, double purchase_frequency, double lifespan,
		     double gross_margin)
{
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0 || (rc = nonneg_real(aov, "aov")) < 0 ||
	    (rc = nonneg_real(purchase_frequency, "purchase_frequency")) < 0 ||
	    (rc = nonneg_real(lifespan, "lifespan")) < 0 ||
	    (rc = nonneg_real(gross_margin, "gross_margin")) < 0)
		return rc;
	if (gross_margin > 1.0)
		return cxm__fail(CXM_EBAD_ARG, "gross_margin must be in [0, 1] (pass 1 for revenue CLV), got %.17g",
				 gross_margin);
	/* left to right, as the reference: ((aov f) l) g */
	*out = aov * purchase_frequency * lifespan * gross_margin;
	return CXM_OK;
}

cxm_status cxm_clv_historic_from_totals(cxm_clv_totals *out, double total_revenue, double n_orders,
				 double n_customers, double lifespan)
{
	uint64_t orders, customers;
	double aov, freq;
	int rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_CLV_TOTALS_VERSION, "cxm_clv_totals")) < 0 ||
	    (rc = nonneg_real(total_revenue, "total_revenue")) < 0 ||
	    (rc = cxm__count(&orders, n_orders, "n_orders")) < 0 ||
	    (rc = cxm__count(&customers, n_customers, "n_customers")) < 0 ||
	    (rc = nonneg_real(lifespan, "lifespan")) < 0)
		return rc;
	if (orders == 0)
		return cxm__fail(CXM_EEMPTY, "n_orders = 0: the average order value is undefined");
	if (customers == 0)
		return cxm__fail(CXM_EEMPTY, "n_customers = 0: the purchase frequency is undefined");
	aov = total_revenue / (double)orders;
	freq = (double)orders / (double)customers;
	out->aov = aov;
	out->purchase_frequency = freq;
	out->clv = aov * freq * lifespan;
	return CXM_OK;
}
