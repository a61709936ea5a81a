/*
 * cxmetrics/stats.h - the statistics the metrics share (spec §0.4-§0.6, §2.3, §5.8).
 *
 * Every function here is pure and thread-safe.
 */
#ifndef CXMETRICS_STATS_H
#define CXMETRICS_STATS_H

#include "common.h"

CXM_BEGIN_DECL

/**
 * Hyndman & Fan type-7 quantile with R's arithmetic (spec §0.4).
 * @param out         out: the quantile.
 * @param x           n values; NULL allowed only when n == 0.
 * @param p           in [0, 1].
 * @param nan_policy  a cxm_nan_policy.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out; NULL x with n > 0; p outside [0, 1] or NaN;
 *         policy), NAN (a NaN under CXM_NAN_ERROR), OUT_OF_RANGE (+-inf),
 *         EMPTY (n == 0, or every value NaN under CXM_NAN_OMIT), NOMEM (the
 *         sorted copy).
 * Ownership: x is not modified (a sorted copy is made, and freed before
 *         return); nothing allocated for the caller.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_quantile7(double *out, const double *x, size_t n, double p, int nan_policy);

/**
 * Two-sided normal critical value z = Phi^-1((1 + conf) / 2), to ~1e-16.
 * @param out  out: z.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out, conf not in (0, 1) or NaN).
 * Ownership: nothing allocated.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_z_crit(double *out, double conf);

/**
 * Student t quantile t_{(1 + conf)/2, df} for integer df >= 1, to ~1e-15
 * relative (as R qt).
 * @param out  out: t.
 * @param df   degrees of freedom, an integer in [1, 2^32 - 1].
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out, conf not in (0, 1) or NaN, df not an integer
 *         in [1, 2^32 - 1]).
 * Ownership: nothing allocated.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_t_crit(double *out, double conf, double df);

/**
 * Two-sided normal p-value 2 Phi(-|z|); +-inf gives 0, NaN gives NaN.
 * Errors: none (no status: every double has an answer).
 * Ownership: nothing allocated. Thread safety: pure.
 */
CXM_API double cxm_p_two_sided(double z);

/**
 * Round half away from zero, for display (spec §0.5): 12.5 -> 13, -12.5 -> -13.
 * NaN and +-inf come back unchanged.
 * Errors: none (no status). Ownership: nothing allocated. Thread safety: pure.
 */
CXM_API double cxm_round_half_away(double x);

/**
 * Wilson score interval for x successes of n, in [0, 1] (spec §2.3); lower is
 * exactly 0 when x == 0 and upper exactly 1 when x == n.
 * x and n are doubles that must be integers >= 0.
 * @param out   out->version must be set (CXM_INTERVAL_INIT).
 * @param conf  confidence in (0, 1), used (and checked) only when z == CXM_Z_FROM_CONF.
 * @param z     explicit critical value (finite, > 0) or CXM_Z_FROM_CONF.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out; a count negative, fractional, NaN, infinite or
 *         above 2^53; conf, z), VERSION, EMPTY (n == 0), INCONSISTENT (x > n).
 * Ownership: nothing allocated.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_wilson(cxm_interval *out, double x, double n, double conf, double z);

/**
 * Adjusted-Wald (Agresti-Coull) interval for a proportion, [0, 1] units, not
 * clipped (spec §5.8). Arguments as cxm_wilson.
 * @return CXM_OK or a negative code.
 * Errors: as cxm_wilson: BAD_ARG (NULL out, counts, conf, z), VERSION,
 *         EMPTY (n == 0), INCONSISTENT (x > n).
 * Ownership: nothing allocated.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_adjusted_wald(cxm_interval *out, double x, double n, double conf, double z);

/**
 * Kish effective sample size (sum w)^2 / sum w^2 (spec §1.7).
 * @param out      out: n_eff.
 * @param weights  n weights, finite and >= 0; NULL allowed only when n == 0.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out; NULL weights with n > 0), EMPTY (n == 0),
 *         BAD_WEIGHTS (a weight NaN, infinite, negative or above 2^256, or the weights
 *         sum to zero).
 * Ownership: nothing allocated.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_kish_n_eff(double *out, const double *weights, size_t n);

CXM_END_DECL

#endif
