/* lib/clv/margin.c - margin-based infinite-horizon CLV, Gupta & Lehmann (spec §6.2). */
#include <math.h>
#include "internal.h"

cxm_status cxm_clv_margin(double *out, double margin, double retention, double discount)
{
	double den;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	if (isnan(margin))
		return cxm__fail(CXM_ENAN, "margin is NaN");
	/* a loss-making customer (margin < 0) is allowed; only infinity is not */
	if (!isfinite(margin))
		return cxm__fail(CXM_EBAD_ARG, "margin must be finite, got %.17g", margin);
	if (isnan(retention))
		return cxm__fail(CXM_ENAN, "retention is NaN");
	if (isnan(discount))
		return cxm__fail(CXM_ENAN, "discount is NaN");
	if (!(retention >= 0.0 && retention <= 1.0))
		return cxm__fail(CXM_EBAD_ARG, "retention must be in [0, 1], got %.17g", retention);
	if (!(isfinite(discount) && discount >= 0.0))
		return cxm__fail(CXM_EBAD_ARG, "discount must be finite and >= 0, got %.17g", discount);
	den = 1.0 + discount - retention;
	if (!(den > 0.0))
		return cxm__fail(CXM_EDOMAIN,
				 "1 + discount - retention = %.17g <= 0: the margin stream never ends "
				 "(retention %.17g, discount %.17g)", den, retention, discount);
	*out = margin * retention / den;
	return CXM_OK;
}
