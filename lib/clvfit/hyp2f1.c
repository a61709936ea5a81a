/*
 * lib/clvfit/hyp2f1.c - Gauss hypergeometric 2F1(a, b; c; z) for real z < 1.
 *
 * The plan (every branch keeps to arguments where a power series converges
 * at least geometrically with ratio 1/2):
 *   a or b a non-positive integer    the terminating sum;
 *   c - a or c - b one               Euler: (1 - z)^(c-a-b) 2F1(c-a, c-b; c; z),
 *                                    again a terminating sum;
 *   z < 0                            Pfaff: (1 - z)^-a 2F1(a, c-b; c; z / (z - 1))
 *                                    (or the one with a and b swapped), which
 *                                    lands in (0, 1);
 *   0 < z <= 1/2                     the defining series;
 *   1/2 < z < 1                      analytic continuation along [1/2, z]:
 *                                    Taylor series of the solution of the
 *                                    hypergeometric equation, each step going
 *                                    half-way to the singular point z = 1.
 * The continuation replaces the usual z -> 1 - z connection formulas, whose
 * gamma-function coefficients have poles when c - a - b is an integer (a
 * logarithmic case) and lose digits near one; the equation itself has no such
 * cases, so one code path covers every c - a - b. Steps are placed so that the
 * distances to z = 1 are exact binary fractions and the last one ends exactly
 * on the caller's 1 - z (cxm__hyp2f1_1mz), which matters as z -> 1 where the
 * function behaves like (1 - z)^(c - a - b).
 */
#include <math.h>
#include "hyp2f1.h"

#define EPS 0x1p-54             /* relative size of a negligible tail */
#define MAX_TERMS 400000
#ifndef CFAC
#define CFAC 1.0
#endif
#ifndef MFAC
#define MFAC 0.0
#endif
#ifndef STEP_K
#define STEP_K 0.25
#endif        /* beyond this the parameters are absurd for a CLV model */

static int nonpositive_integer(double x)
{
	return x <= 0.0 && x == floor(x);
}

/* The terminating sum when a = -m (m = 0, 1, ...); NaN if c + k hits 0 first. */
static double polynomial(double a, double b, double c, double z)
{
	double term = 1.0, sum = 1.0;
	int k;
	for (k = 0; (double)k < -a; k++) {
		if (c + k == 0.0)
			return NAN;
		term *= (a + k) * (b + k) / ((c + k) * (k + 1.0)) * z;
		sum += term;
	}
	return sum;
}

/*
 * The series and its derivative for 0 < z <= 1/2. Past k0 = 4 (|a| + |b| + |c| + 1)
 * the ratio of successive terms is at most 4/3 z <= 2/3, so the tail is at most
 * twice the last term: stopping there is safe even when early terms grow.
 */
static double series(double a, double b, double c, double z, double *deriv)
{
	double term = 1.0, sum = 1.0, dsum = 0.0;
	double k0 = 4.0 * (fabs(a) + fabs(b) + fabs(c) + 1.0);
	int k;
	for (k = 0; k < MAX_TERMS; k++) {
		term *= (a + k) * (b + k) / ((c + k) * (k + 1.0)) * z;
		sum += term;
		dsum += (k + 1.0) * term;
		if (!isfinite(sum) || !isfinite(dsum))
			break;
		if (term == 0.0 || ((double)k >= k0 && 2.0 * fabs(term) <= EPS * fabs(sum) &&
				    2.0 * (k + 2.0) * fabs(term) <= EPS * fabs(dsum)))
			break;
	}
	*deriv = dsum / z;
	if (k == MAX_TERMS)
		return NAN;
	return sum;
}

/*
 * One Taylor step of the hypergeometric equation
 *     z (1 - z) F'' + (c - (a + b + 1) z) F' - a b F = 0
 * from z0 = 1 - d to z0 + h (h <= d / 2). With F(z0 + x) = sum f_n x^n,
 *     z0 (1 - z0) (n + 1)(n + 2) f_{n+2}
 *         = (n + a)(n + b) f_n - (n + 1) ((1 - 2 z0) n + c - (a + b + 1) z0) f_{n+1};
 * g_n = f_n h^n is summed. Both solutions of the recurrence shrink like (1/2)^n
 * (ratios h / d and -h / (1 - d)), so once past the parameters' transient the
 * tail is at most twice the last two terms.
 */
static int taylor_step(double *f, double *df, double a, double b, double c, double d, double h)
{
	double z0 = 1.0 - d, q = z0 * d;
	double lin = c - (a + b + 1.0) * z0, slope = 1.0 - 2.0 * z0;
	double g0 = *f, g1 = *df * h, sum = g0 + g1, dsum = g1;
	double n0 = 2.0 * (fabs(a) + fabs(b) + fabs(c)) + 8.0;
	int n;
	for (n = 0; n < MAX_TERMS; n++) {
		double g2 = ((n + a) * (n + b) * g0 * h * h - (n + 1.0) * (slope * n + lin) * g1 * h) /
			    (q * (n + 1.0) * (n + 2.0));
		sum += g2;
		dsum += (n + 2.0) * g2;
		if (!isfinite(sum) || !isfinite(dsum))
			break;
		if ((double)n >= n0 && 2.0 * (fabs(g1) + fabs(g2)) <= EPS * fabs(sum) &&
		    2.0 * (n + 3.0) * (fabs(g1) + fabs(g2)) <= EPS * fabs(dsum))
			break;
		g0 = g1;
		g1 = g2;
	}
	*f = sum;
	*df = dsum / h;
	return n < MAX_TERMS && isfinite(sum) ? 0 : -1;
}

/* 1/2 < z < 1, given d_end = 1 - z: from 1/2 towards 1, halving the distance each step. */
static double continuation(double a, double b, double c, double d_end)
{
	double d = 0.5, f, df;
	f = series(a, b, c, 0.5, &df);
	if (!isfinite(f))
		return f;
	while (d > d_end) {
		/* d_next is in [d / 2, d): d - d_next is exact (Sterbenz), and the
		 * last step stops exactly at d_end */
		double step = fmin(0.5 * d, STEP_K * (1.0 - d) / fmax(1.0, CFAC * (c - 1.0)));
		step = fmin(step, 0.5 * d / fmax(1.0, MFAC * (c - a - b)));
		double d_next = d - step > d_end ? d - step : d_end;
		if (taylor_step(&f, &df, a, b, c, d, d - d_next) < 0)
			return isfinite(f) || isinf(f) ? f : NAN;
		d = d_next;
	}
	return f;
}

/* 0 < z < 1 with 1 - z = omz; a, b not non-positive integers. */
static double positive_z(double a, double b, double c, double z, double omz)
{
	double unused;
	if (z <= 0.5)
		return series(a, b, c, z, &unused);
	return continuation(a, b, c, omz);
}

/* Parameters with fewer negative values (then smaller magnitudes) keep the
 * series' terms of one sign: prefer that Pfaff variant. */
static double badness(double p, double q)
{
	return (p < 0.0) + (q < 0.0) + (fabs(p) + fabs(q)) / (1.0 + fabs(p) + fabs(q));
}

double cxm__hyp2f1_1mz(double a, double b, double c, double z, double omz)
{
	if (isnan(a) || isnan(b) || isnan(c) || isnan(z) || isnan(omz) || !(z < 1.0) || !(omz > 0.0))
		return NAN;
	if (z == 0.0)
		return 1.0;
	if (nonpositive_integer(a))
		return polynomial(a, b, c, z);
	if (nonpositive_integer(b))
		return polynomial(b, a, c, z);
	if (nonpositive_integer(c))
		return NAN;
	/* Euler's transformation turns these into terminating sums */
	if (nonpositive_integer(c - a))
		return pow(omz, c - a - b) * polynomial(c - a, c - b, c, z);
	if (nonpositive_integer(c - b))
		return pow(omz, c - a - b) * polynomial(c - b, c - a, c, z);
	if (z < 0.0) {
		/* Pfaff: z / (z - 1) = -z / (1 - z) in (0, 1), its complement 1 / (1 - z) */
		double zeta = -z / omz, omzeta = 1.0 / omz;
		if (badness(a, c - b) <= badness(c - a, b))
			return pow(omz, -a) * positive_z(a, c - b, c, zeta, omzeta);
		return pow(omz, -b) * positive_z(c - a, b, c, zeta, omzeta);
	}
	return positive_z(a, b, c, z, omz);
}

double cxm__hyp2f1(double a, double b, double c, double z)
{
	return cxm__hyp2f1_1mz(a, b, c, z, 1.0 - z);
}
