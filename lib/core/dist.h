/* lib/core/dist.h - normal, Student t and F distributions (spec §0.6, §15.10). */
#ifndef CXM_DIST_H
#define CXM_DIST_H

/** Phi^-1(p) for p in (0, 1): Wichura's AS 241 (as R's qnorm), ~1e-16 relative. */
double cxm__norm_quantile(double p);

/** Phi(x), the standard normal CDF. */
double cxm__norm_cdf(double x);

/**
 * P(|T| < t) for Student t with an integer number of degrees of freedom,
 * t >= 0, from the exact finite series (Abramowitz & Stegun 26.7.3-4).
 */
double cxm__t_central_prob(double t, unsigned long df);

/** The t quantile t_{q, df}, q in (1/2, 1), df >= 1 integer, to ~1e-15 relative. */
double cxm__t_quantile(double q, unsigned long df);

/** P(F <= f) for the F distribution with d1, d2 > 0 degrees of freedom, f >= 0
 * (I_{d1 f / (d1 f + d2)}(d1 / 2, d2 / 2)); NaN outside the domain. */
double cxm__f_cdf(double f, double d1, double d2);

/**
 * The F quantile F_{q; d1, d2} for q in (0, 1): the incomplete beta inverted
 * by bisection to the last bit (on the side of the smaller tail, so that
 * both ends keep their relative precision). NaN outside the domain.
 */
double cxm__f_quantile(double q, double d1, double d2);

/**
 * The two-sided tail P(|T| >= |t|) of Student's t with real df > 0 (+inf:
 * the normal), from the incomplete beta (spec §17.2); NaN for NaN t or df <= 0.
 */
double cxm__t_two_tail(double t, double df);

/**
 * The two-sided critical value t_{(1 + conf)/2, df} for real df > 0 (+inf:
 * the normal); a whole df up to 2^32 - 1 is cxm__t_quantile's value. NaN
 * outside the domain.
 */
double cxm__t_crit_real(double conf, double df);

#endif
