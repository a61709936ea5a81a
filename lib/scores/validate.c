/* lib/scores/validate.c - checking and tallying rating-scale answers (spec §0.3). */
#include <math.h>
#include "scores_internal.h"

/* The first offender of each kind in s[0..n) (n when there is none) and the NaN count. */
typedef struct scan {
	size_t nans, first_nan, first_range, first_frac;
} scan;

static void scan_scores(scan *sc, const double *s, size_t n, int lo, int hi)
{
	size_t i;
	sc->nans = 0;
	sc->first_nan = sc->first_range = sc->first_frac = n;
	for (i = 0; i < n; i++) {
		double x = s[i];
		if (isnan(x)) {
			if (sc->nans++ == 0)
				sc->first_nan = i;
		} else if (!(x >= lo && x <= hi)) {
			if (sc->first_range == n)
				sc->first_range = i;
		} else if (x != floor(x) && sc->first_frac == n) {
			sc->first_frac = i;
		}
	}
}

/* The failure for answer i, which scan_scores found bad. */
static int fail_at(const double *s, size_t i, const scan *sc, int lo, int hi, const char *what)
{
	if (i == sc->first_nan)
		return cxm__fail(CXM_ENAN, "%s[%zu] is NaN (%zu NaN in all; pass nan_policy=omit to drop them)",
				 what, i, sc->nans);
	if (i == sc->first_range)
		return cxm__fail(CXM_EOUT_OF_RANGE, "%s[%zu] = %.17g is outside the scale %d..%d", what, i, s[i],
				 lo, hi);
	return cxm__fail(CXM_ENON_INTEGER, "%s[%zu] = %.17g is not an integer point of the scale %d..%d", what,
			 i, s[i], lo, hi);
}

static int start(const double *s, size_t n, int nan_policy, const char *what)
{
	int rc;
	if ((rc = cxm__check_array(s, n, what)) < 0 || (rc = cxm__check_nan_policy(nan_policy)) < 0)
		return rc;
	return CXM_OK;
}

int cxm__check_scores(const double *s, size_t n, int lo, int hi, int nan_policy, size_t *n_nan,
		      const char *what)
{
	scan sc;
	int rc;
	if ((rc = start(s, n, nan_policy, what)) < 0)
		return rc;
	scan_scores(&sc, s, n, lo, hi);
	/* the spec's order: NaN, then range, then integrality */
	if (sc.nans && nan_policy == CXM_NAN_ERROR)
		return fail_at(s, sc.first_nan, &sc, lo, hi, what);
	if (sc.first_range < n)
		return fail_at(s, sc.first_range, &sc, lo, hi, what);
	if (sc.first_frac < n)
		return fail_at(s, sc.first_frac, &sc, lo, hi, what);
	if (n_nan)
		*n_nan = sc.nans;
	return CXM_OK;
}

int cxm__check_scores_at(const double *s, size_t n, int lo, int hi, int nan_policy, size_t *bad,
			 const char *what)
{
	scan sc;
	size_t first;
	int rc;
	*bad = n;
	if ((rc = start(s, n, nan_policy, what)) < 0)
		return rc;
	scan_scores(&sc, s, n, lo, hi);
	first = nan_policy == CXM_NAN_ERROR ? sc.first_nan : n;
	if (sc.first_range < first)
		first = sc.first_range;
	if (sc.first_frac < first)
		first = sc.first_frac;
	if (first == n)
		return CXM_OK;
	*bad = first;
	return fail_at(s, first, &sc, lo, hi, what);
}

int cxm__check_scale(int lo, int hi)
{
	if (lo >= hi || (long)hi - (long)lo + 1 > CXM__MAX_POINTS)
		return cxm__fail(CXM_EBAD_ARG, "scale %d..%d must have scale_lo < scale_hi and at most %d points",
				 lo, hi, CXM__MAX_POINTS);
	return CXM_OK;
}

void cxm__tally_doubles(uint64_t *counts, const double *s, size_t n, int lo)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!isnan(s[i]))
			counts[(int)s[i] - lo]++;
}

int cxm__csat_threshold(int *out, int lo, int hi, int threshold)
{
	if (threshold == CXM_CSAT_DEFAULT_THRESHOLD) {
		/* top-2-box on scales of 5 or more points, top box on shorter ones */
		*out = hi - lo + 1 >= 5 ? hi - 1 : hi;
		return CXM_OK;
	}
	if (threshold < lo || threshold > hi)
		return cxm__fail(CXM_EBAD_ARG, "threshold %d is off the scale %d..%d", threshold, lo, hi);
	*out = threshold;
	return CXM_OK;
}
