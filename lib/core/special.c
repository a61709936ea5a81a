/*
 * lib/core/special.c - log Gamma and digamma (special.h).
 *
 * Both shift x up to >= 10 by their recurrences and finish with the
 * asymptotic series (Abramowitz & Stegun 6.1.41 and 6.3.18); the first
 * omitted term is below 1e-17 there.
 */
#include <math.h>
#include "special.h"

#define PI 3.14159265358979323846
#define HALF_LOG_2PI 0.91893853320467274178

double cxm__lgamma(double x)
{
	double prod = 1.0, z = x, z2, s;
	if (!(x > 0.0))
		return NAN;
	if (isinf(x))
		return INFINITY;
	/* Gamma(x) = Gamma(x + k) / (x (x + 1) ... (x + k - 1)) */
	while (z < 10.0) {
		prod *= z;
		z += 1.0;
	}
	z2 = 1.0 / (z * z);
	s = (1.0 / 12.0 +
	     z2 * (-1.0 / 360.0 +
		   z2 * (1.0 / 1260.0 +
			 z2 * (-1.0 / 1680.0 + z2 * (1.0 / 1188.0 + z2 * (-691.0 / 360360.0 + z2 / 156.0)))))) /
	    z;
	return (z - 0.5) * log(z) - z + HALF_LOG_2PI + s - log(prod);
}

double cxm__digamma(double x)
{
	double acc = 0.0, z = x, z2;
	if (isnan(x) || x == -INFINITY)
		return NAN;
	if (x == INFINITY)
		return INFINITY;
	if (x <= 0.0) {
		/* reflection: psi(x) = psi(1 - x) - pi cot(pi x); cot has period 1,
		 * so use the exact fractional part for an accurate pi f */
		double f = x - floor(x);
		if (f == 0.0)
			return NAN; /* a pole */
		return cxm__digamma(1.0 - x) - PI * cos(PI * f) / sin(PI * f);
	}
	/* psi(x) = psi(x + 1) - 1 / x */
	while (z < 10.0) {
		acc -= 1.0 / z;
		z += 1.0;
	}
	z2 = 1.0 / (z * z);
	return acc + log(z) - 0.5 / z -
	       z2 * (1.0 / 12.0 -
		     z2 * (1.0 / 120.0 -
			   z2 * (1.0 / 252.0 -
				 z2 * (1.0 / 240.0 - z2 * (1.0 / 132.0 - z2 * (691.0 / 32760.0 - z2 / 12.0))))));
}
