/* lib/core/dist.h - normal and Student t distributions (spec §0.6). */
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

#endif
