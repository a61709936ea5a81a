/* lib/clvfit/hyp2f1.c - Gauss hypergeometric 2F1 for z < 1. */
#include <math.h>
#include "hyp2f1.h"

/* The defining series, for 0 <= z < 1 (terms eventually shrink like z^k). */
static double series(double a, double b, double c, double z)
{
	double term = 1.0, sum = 1.0;
	int k;
	for (k = 0; k < 100000; k++) {
		term *= (a + k) * (b + k) / ((c + k) * (k + 1.0)) * z;
		sum += term;
		if (fabs(term) <= 1e-17 * fabs(sum))
			return sum;
		if (!isfinite(sum))
			break;
	}
	return NAN;
}

double cxm__hyp2f1(double a, double b, double c, double z)
{
	if (!(z < 1.0) || isnan(a) || isnan(b) || isnan(c))
		return NAN;
	if (z == 0.0)
		return 1.0;
	/* Pfaff: 2F1(a, b; c; z) = (1 - z)^-a 2F1(a, c - b; c; z / (z - 1)),
	 * which maps z < 0 into [0, 1) where the series converges. */
	if (z < 0.0)
		return pow(1.0 - z, -a) * series(a, c - b, c, z / (z - 1.0));
	return series(a, b, c, z);
}
