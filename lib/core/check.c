/* lib/core/check.c - argument checks shared by every entry point. */
#include <math.h>
#include <stdio.h>
#include "internal.h"
#include "dist.h"
#include "names.h"

/* Listed as messages and help texts give them: omit is the common choice. */
static const cxm__word nan_policy_words[] = { { "omit", CXM_NAN_OMIT }, { "error", CXM_NAN_ERROR } };
const cxm__names cxm__nan_policy_names = CXM__NAMES("nan_policy", nan_policy_words, 0);

/* Counts travel as doubles; 2^53 is the largest integer they hold exactly. */
#define CXM__MAX_COUNT 9007199254740992.0

int cxm__check_out(const void *out, unsigned int version, unsigned int current, const char *type)
{
	if (out == NULL)
		return cxm__fail(CXM_EBAD_ARG, "%s *out is NULL", type);
	if (version == 0 || version > current)
		return cxm__fail(CXM_EVERSION,
				 "%s.version is %u; this library knows versions 1..%u "
				 "(initialise it with the type's _INIT macro)",
				 type, version, current);
	return CXM_OK;
}

int cxm__check_ptr(const void *p, const char *what)
{
	if (p == NULL)
		return cxm__fail(CXM_EBAD_ARG, "%s is NULL", what);
	return CXM_OK;
}

int cxm__check_array(const void *p, size_t n, const char *what)
{
	if (p == NULL && n > 0)
		return cxm__fail(CXM_EBAD_ARG, "%s is NULL but its length is %zu", what, n);
	return CXM_OK;
}

int cxm__check_nan_policy(int policy)
{
	return cxm__names_check(&cxm__nan_policy_names, policy);
}

int cxm__check_day(double day, const char *what, int indexed, size_t i)
{
	char name[64];
	if (isfinite(day) && day == floor(day))
		return CXM_OK;
	if (indexed)
		cxm__snprintf_c(name, sizeof name, "%s[%zu]", what, i);
	else
		cxm__snprintf_c(name, sizeof name, "%s", what);
	if (isnan(day))
		return cxm__fail(CXM_ENAN, "%s is NaN", name);
	return cxm__fail(CXM_EBAD_ARG, "%s = %.17g; day numbers must be whole numbers", name, day);
}

int cxm__check_weight(double w, size_t i)
{
	if (isfinite(w) && w >= 0.0 && w <= 0x1p256)
		return CXM_OK;
	return cxm__fail(CXM_EBAD_WEIGHTS, "weights[%zu] = %.17g; weights must be finite, >= 0 and at most 2^256",
			 i, w);
}

int cxm__count(uint64_t *out, double x, const char *what)
{
	if (!(x >= 0.0) || x > CXM__MAX_COUNT || x != floor(x))
		return cxm__fail(CXM_EBAD_ARG, "%s must be a non-negative integer, got %.17g", what, x);
	*out = (uint64_t)x;
	return CXM_OK;
}

int cxm__crit(double *out, double conf, double z)
{
	if (z != CXM_Z_FROM_CONF) {
		if (!(isfinite(z) && z > 0.0))
			return cxm__fail(CXM_EBAD_ARG, "z must be finite and > 0 (or 0 to use conf), got %.17g", z);
		*out = z;
		return CXM_OK;
	}
	if (!(conf > 0.0 && conf < 1.0))
		return cxm__fail(CXM_EBAD_ARG, "conf must be in (0, 1), got %.17g", conf);
	*out = cxm__norm_quantile((1.0 + conf) / 2.0);
	return CXM_OK;
}
