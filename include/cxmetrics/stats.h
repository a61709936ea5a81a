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
 * @param p  in [0, 1].
 * Errors: BAD_ARG (NULL, p, policy), NAN, OUT_OF_RANGE (+-inf), EMPTY.
 * Ownership: x is not modified (a sorted copy is made). Errors also: NOMEM.
 */
CXM_API cxm_status cxm_quantile7(double *out, const double *x, size_t n, double p, int nan_policy);

/**
 * Two-sided normal critical value z = Phi^-1((1 + conf) / 2), to ~1e-16.
 * Errors: BAD_ARG (conf not in (0, 1)).
 */
CXM_API cxm_status cxm_z_crit(double *out, double conf);

/**
 * Student t quantile t_{(1 + conf)/2, df} for integer df >= 1, to ~1e-15
 * relative (as R qt). Errors: BAD_ARG.
 */
CXM_API cxm_status cxm_t_crit(double *out, double conf, double df);

/** Two-sided normal p-value 2 Phi(-|z|); +-inf gives 0, NaN gives NaN. */
CXM_API double cxm_p_two_sided(double z);

/**
 * Round half away from zero, for display (spec §0.5): 12.5 -> 13, -12.5 -> -13.
 * NaN and +-inf come back unchanged.
 */
CXM_API double cxm_round_half_away(double x);

/**
 * Wilson score interval for x successes of n, in [0, 1] (spec §2.3); lower is
 * exactly 0 when x == 0 and upper exactly 1 when x == n.
 * x and n are doubles that must be integers >= 0.
 * Errors: BAD_ARG (counts, conf, z), VERSION, EMPTY (n == 0), INCONSISTENT (x > n).
 */
CXM_API cxm_status cxm_wilson(cxm_interval *out, double x, double n, double conf, double z);

/**
 * Adjusted-Wald (Agresti-Coull) interval for a proportion, [0, 1] units, not
 * clipped (spec §5.8). Errors: as cxm_wilson.
 */
CXM_API cxm_status cxm_adjusted_wald(cxm_interval *out, double x, double n, double conf, double z);

/**
 * Kish effective sample size (sum w)^2 / sum w^2 (spec §1.7).
 * Errors: BAD_ARG (NULL), EMPTY, BAD_WEIGHTS.
 */
CXM_API cxm_status cxm_kish_n_eff(double *out, const double *weights, size_t n);

CXM_END_DECL

#endif
