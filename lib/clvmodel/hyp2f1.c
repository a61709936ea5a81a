/*
 * lib/clvmodel/hyp2f1.c - Gauss hypergeometric 2F1(a, b; c; z) for real z < 1.
 *
 * The plan (every branch keeps to arguments where a power series converges
 * at least geometrically, with ratio at most 3/4):
 *   a or b a non-positive integer    the terminating sum;
 *   c - a or c - b one               Euler: (1 - z)^(c-a-b) 2F1(c-a, c-b; c; z),
 *                                    again a terminating sum;
 *   z < 0                            Pfaff: (1 - z)^-a 2F1(a, c-b; c; z / (z - 1)),
 *                                    or the same with a and b swapped, which
 *                                    lands in (0, 1);
 *   0 < z <= 1/2                     the defining series;
 *   1/2 < z < 1                      analytic continuation along [1/2, z]:
 *                                    Taylor series of the solution of the
 *                                    hypergeometric equation, step by step.
 *
 * The continuation stands in for the usual z -> 1 - z connection formulas,
 * whose gamma-function coefficients have poles when c - a - b is an integer
 * (the logarithmic cases) and cancel digits near one; the differential
 * equation has no such cases, so one code path covers every c - a - b.
 * Step lengths: at most half the distance to z = 1 (so each Taylor series
 * converges like 2^-n); at most z0 / (c - 1), because the equation's other
 * solution near 0, z^(1-c), has Taylor terms that grow like (1 - h/z0)^(1-c)
 * and would swamp the rounding errors of a long step when c is large; and at
 * most 2 (1 - z0) / |c - a - b|, which bounds how much the (1 - z)^(c-a-b)
 * part changes within one step. Distances to z = 1 are kept exactly and the
 * last step ends exactly on the caller's 1 - z (cxm__hyp2f1_1mz), which
 * matters as z -> 1, where the function behaves like (1 - z)^(c - a - b).
 *
 * Values are carried as m 2^e: near z = 1 (or after a Pfaff transformation
 * of a very negative z) the continued function can leave the double range
 * while the result, multiplied by its prefactor, is representable.
 */
#include <float.h>
#include <math.h>
#include "hyp2f1.h"

#define EPS 0x1p-54       /* relative size of a negligible tail */
#define MAX_TERMS 400000  /* per series; never reached with a CLV model's parameters */
#define BIG_EXP 600       /* rescale sums beyond 2^600 */

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

/* x^y (x > 0) as m 2^e with 1/2 <= |m| < 1 when x^y itself is outside the
 * normal double range: x^y = (x^(y / 2^j))^(2^j), renormalising each square. */
static double pow_scaled(double x, double y, int *e)
{
	double p = pow(x, y), h = y;
	int j = 0, k;
	*e = 0;
	if (isfinite(p) && p >= DBL_MIN)
		return p;
	do {
		h *= 0.5;
		j++;
		p = pow(x, h);
	} while (!(isfinite(p) && p >= DBL_MIN) && j < 30);
	p = frexp(p, e);
	while (j-- > 0) {
		p = frexp(p * p, &k);
		*e = 2 * *e + k;
		if (*e > 100000 || *e < -100000)
			break; /* far beyond any representable result */
	}
	return p;
}

/* Keep f (and df with it) near 1 in magnitude, the scale going into *e. */
static void renormalise(double *f, double *df, int *e)
{
	int k;
	if (*f == 0.0 || !isfinite(*f))
		return;
	(void)frexp(*f, &k);
	if (k > 256 || k < -256) {
		*f = ldexp(*f, -k);
		*df = ldexp(*df, -k);
		*e += k;
	}
}

/*
 * The series and its derivative for 0 < z <= 1/2, as (sum, dsum) 2^e. It stops
 * when the next ratio of terms is at most 3/4 (so the tail is at most three
 * times the last term) past any pole-like dip of c + k, and the last term is
 * negligible for both sums.
 */
static double series(double a, double b, double c, double z, double *deriv, int *e)
{
	double term = 1.0, sum = 1.0, dsum = 0.0, ratio = a * b / c * z;
	int k;
	*e = 0;
	for (k = 0; k < MAX_TERMS; k++) {
		term *= ratio;
		sum += term;
		dsum += (k + 1.0) * term;
		if (!isfinite(sum) || !isfinite(dsum))
			return NAN;
		if (fabs(sum) > 0x1p600 || fabs(dsum) > 0x1p600) {
			term = ldexp(term, -BIG_EXP);
			sum = ldexp(sum, -BIG_EXP);
			dsum = ldexp(dsum, -BIG_EXP);
			*e += BIG_EXP;
		}
		if (term == 0.0)
			break;
		ratio = (a + k + 1.0) * (b + k + 1.0) / ((c + k + 1.0) * (k + 2.0)) * z;
		if (fabs(ratio) <= 0.75 && k + 1.0 > -c && 4.0 * (k + 2.0) * fabs(term) <= EPS * fabs(dsum) &&
		    4.0 * fabs(term) <= EPS * fabs(sum))
			break;
	}
	if (k == MAX_TERMS)
		return NAN;
	*deriv = dsum / z;
	return sum;
}

/*
 * One Taylor step of the hypergeometric equation
 *     z (1 - z) F'' + (c - (a + b + 1) z) F' - a b F = 0
 * from z0 = 1 - d to z0 + h. With F(z0 + x) = sum f_n x^n,
 *     z0 (1 - z0) (n + 1)(n + 2) f_{n+2}
 *         = (n + a)(n + b) f_n - (n + 1) ((1 - 2 z0) n + c - (a + b + 1) z0) f_{n+1};
 * g_n = f_n h^n is summed: g_{n+2} = ca g_n - cb g_{n+1}. Once |ca| + |cb| <= 0.8
 * (it tends to at most 3/4 for h <= d / 2) the tail is at most 5 times the last
 * two terms.
 */
static int taylor_step(double *f, double *df, double a, double b, double c, double d, double h)
{
	double z0 = 1.0 - d, q = z0 * d;
	double lin = c - (a + b + 1.0) * z0, slope = 1.0 - 2.0 * z0;
	double g0 = *f, g1 = *df * h, sum = g0 + g1, dsum = g1, h2 = h * h;
	int n;
	for (n = 0; n < MAX_TERMS; n++) {
		double inv = 1.0 / (q * (n + 1.0) * (n + 2.0));
		double ca = (n + a) * (n + b) * h2 * inv, cb = (slope * n + lin) * (n + 1.0) * h * inv;
		double g2 = ca * g0 - cb * g1, tail;
		sum += g2;
		dsum += (n + 2.0) * g2;
		if (!isfinite(sum) || !isfinite(dsum))
			return -1;
		tail = 5.0 * (fabs(g1) + fabs(g2));
		if (fabs(ca) + fabs(cb) <= 0.8 && tail <= EPS * fabs(sum) && (n + 3.0) * tail <= EPS * fabs(dsum))
			break;
		g0 = g1;
		g1 = g2;
	}
	*f = sum;
	*df = dsum / h;
	return n < MAX_TERMS ? 0 : -1;
}

/* 1/2 < z < 1 given d_end = 1 - z, as f 2^e: from 1/2 towards 1. */
static double continuation(double a, double b, double c, double d_end, int *e)
{
	double d = 0.5, f, df, m = c - a - b;
	f = series(a, b, c, 0.5, &df, e);
	if (!isfinite(f))
		return f;
	while (d > d_end) {
		double z0 = 1.0 - d, step, d_next;
		step = fmin(0.5 * d, z0 / fmax(1.0, c - 1.0));
		step = fmin(step, d / fmax(2.0, 0.5 * fabs(m)));
		/* d_next is in [d / 2, d), so d - d_next is exact (Sterbenz) and
		 * the last step stops exactly at d_end */
		d_next = d - step > d_end ? d - step : d_end;
		if (taylor_step(&f, &df, a, b, c, d, d - d_next) < 0)
			return NAN;
		renormalise(&f, &df, e);
		d = d_next;
	}
	return f;
}

/* 0 < z < 1 with 1 - z = omz, as f 2^e; a, b, c - a, c - b not non-positive integers. */
static double positive_z(double a, double b, double c, double z, double omz, int *e)
{
	double unused;
	if (z <= 0.5)
		return series(a, b, c, z, &unused, e);
	return continuation(a, b, c, omz, e);
}

/* Fewer negative parameters (then smaller ones) keep the series' terms of
 * one sign: the Pfaff variant to prefer has the lower badness. */
static double badness(double p, double q)
{
	return (p < 0.0) + (q < 0.0) + (fabs(p) + fabs(q)) / (1.0 + fabs(p) + fabs(q));
}

/* m 2^e (m a double, possibly large) times p 2^pe, rounded once at the end. */
static double combine(double m, int e, double p, int pe)
{
	if (isnan(m) || isnan(p))
		return NAN;
	return ldexp(m * p, e + pe);
}

double cxm__hyp2f1_1mz(double a, double b, double c, double z, double omz)
{
	double f, p;
	int e = 0, pe = 0;
	if (isnan(a) || isnan(b) || isnan(c) || !(z < 1.0) || !(omz > 0.0))
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
	if (nonpositive_integer(c - a) || nonpositive_integer(c - b)) {
		f = nonpositive_integer(c - a) ? polynomial(c - a, c - b, c, z) : polynomial(c - b, c - a, c, z);
		p = pow_scaled(omz, c - a - b, &pe);
		return combine(f, 0, p, pe);
	}
	if (z < 0.0) {
		/* Pfaff: z / (z - 1) = -z / (1 - z) in (0, 1), its complement 1 / (1 - z) */
		double zeta = -z / omz, omzeta = 1.0 / omz;
		if (badness(a, c - b) <= badness(c - a, b)) {
			f = positive_z(a, c - b, c, zeta, omzeta, &e);
			p = pow_scaled(omz, -a, &pe);
		} else {
			f = positive_z(c - a, b, c, zeta, omzeta, &e);
			p = pow_scaled(omz, -b, &pe);
		}
		return combine(f, e, p, pe);
	}
	f = positive_z(a, b, c, z, omz, &e);
	return combine(f, e, 1.0, 0);
}

double cxm__hyp2f1(double a, double b, double c, double z)
{
	return cxm__hyp2f1_1mz(a, b, c, z, 1.0 - z);
}
