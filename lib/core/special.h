/*
 * lib/core/special.h - log Gamma and digamma, for the likelihoods (clvmodel/)
 * and the t distribution (dist.c); the regularised incomplete beta, for the F
 * distribution (dist.c: Feldt's interval of Cronbach's alpha, persona/pps.c).
 *
 * glibc's lgamma() writes the global signgam (POSIX marks it MT-unsafe), and
 * the likelihoods run on several threads, so the library evaluates these
 * itself. Both are thread-safe and accurate to a few units in the last place
 * (tests/unit/test_core.c checks them against scipy).
 */
#ifndef CXM_SPECIAL_H
#define CXM_SPECIAL_H

/** log Gamma(x) for x > 0 (+inf at +inf); NaN for x <= 0 and NaN. */
double cxm__lgamma(double x);

/** The digamma function psi(x) = d log Gamma(x) / dx; NaN at the poles 0, -1, -2, ... */
double cxm__digamma(double x);

/**
 * The regularised incomplete beta function I_x(a, b) for a, b > 0 and x in
 * [0, 1]: the continued fraction of DLMF 8.17.22 evaluated by the modified
 * Lentz method, on x when x < (a + 1) / (a + b + 2) and through
 * I_x(a, b) = 1 - I_{1-x}(b, a) otherwise. NaN outside the domain.
 */
double cxm__betainc(double a, double b, double x);

/**
 * I_x(a, b) with y = 1 - x given by the caller, exactly where 1 - x would
 * round (a t tail: x = df / (df + t^2), y = t^2 / (df + t^2)). The
 * prefactor x^a y^b / B(a, b) comes from Stirling's series when an argument
 * is 10 or more (both: in the form where no large logs cancel), so that
 * large degrees of freedom keep their digits (~1e-13 relative at a, b =
 * 5e5, where scipy 1.10's betainc is off by 2e-9). NaN outside the domain.
 */
double cxm__betainc_xy(double a, double b, double x, double y);

#endif
