/*
 * cxmetrics/stats.h - the statistics the metrics share (spec §0.4-§0.6, §2.3, §5.8),
 * and the comparisons of two cells and many tests (spec §17).
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
 * @param out   result; out->version must be set (CXM_INTERVAL_INIT).
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

/**
 * Methods of cxm_p_adjust (spec §17.4, §17.5); words none, holm, bh
 * (CXM_NAMES_P_ADJUST). The type is cxm_p_adjust_method because the function
 * has the name cxm_p_adjust (C++ and SWIG would not tell them apart).
 */
typedef enum cxm_p_adjust_method {
	CXM_P_ADJUST_NONE = 0, /**< p-values unchanged */
	CXM_P_ADJUST_HOLM = 1, /**< Holm (1979), R's p.adjust "holm" */
	CXM_P_ADJUST_BH = 2    /**< Benjamini & Hochberg (1995), R's p.adjust "BH" */
} cxm_p_adjust_method;

/**
 * A test of a difference between two samples a and b (spec §17). The units of
 * diff, se, lower and upper are those of the function that fills it.
 */
typedef struct cxm_test_result {
	unsigned int version; /**< CXM_TEST_RESULT_VERSION */
	double diff;          /**< a - b, the sign kept (as spec §1.6) */
	double se;            /**< standard error of diff used for the interval */
	double stat;          /**< the test statistic: z, or Welch's t */
	double df;            /**< Welch-Satterthwaite degrees of freedom; +inf for a z test */
	double p_value;       /**< two-sided */
	double lower;         /**< interval of diff at conf */
	double upper;
} cxm_test_result;
#define CXM_TEST_RESULT_VERSION 1
#define CXM_TEST_RESULT_INIT { CXM_TEST_RESULT_VERSION, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 }

/**
 * Two-proportion z test of x_a successes of n_a against x_b of n_b (spec
 * §17.1): stat is the z of the pooled standard error and p_value its
 * two-sided normal p (as statsmodels' proportions_ztest); se, lower and upper
 * are the unpooled Wald interval of the difference. diff, se, lower and upper
 * are in percentage points (100 x proportion, the report's CSAT % unit); df
 * is +inf. Both samples all successes or all failures (pooled SE 0, diff 0):
 * stat 0, p_value 1.
 * x_a, n_a, x_b, n_b are doubles that must be integers >= 0.
 * @param out   out->version must be set (CXM_TEST_RESULT_INIT).
 * @param conf  confidence of the interval, in (0, 1).
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out; a count negative, fractional, NaN, infinite or
 *         above 2^53; conf not in (0, 1)), VERSION, EMPTY (n_a or n_b = 0:
 *         the message names the sample), INCONSISTENT (x > n).
 * Ownership: nothing allocated.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_two_proportion_test(cxm_test_result *out, double x_a, double n_a, double x_b,
					   double n_b, double conf);

/**
 * Welch's t test from summary statistics (spec §17.2), as scipy's
 * ttest_ind_from_stats(equal_var=False): se = sqrt(sd_a^2/n_a + sd_b^2/n_b),
 * stat = (mean_a - mean_b) / se, df by Welch-Satterthwaite, p_value two-sided
 * from Student's t with that (fractional) df, interval diff -+ t_{(1+conf)/2,
 * df} se. Units are the means'. Both SDs 0: diff 0 gives stat 0 and p_value
 * 1, any other diff stat +-inf and p_value 0 (as spec §1.6); df is then NaN
 * and the interval [diff, diff].
 * @param out   result; out->version must be set (CXM_TEST_RESULT_INIT).
 * @param sd_a  sample standard deviation (n - 1 denominator), finite, >= 0.
 * @param n_a   a count (an integer in [0, 2^53]).
 * @param conf  confidence of the interval, in (0, 1).
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out; a mean not finite; an SD negative or not
 *         finite; a count not an integer in [0, 2^53]; conf not in (0, 1)),
 *         VERSION, EMPTY (n = 0, naming the sample), TOO_FEW (n = 1: no SD).
 * Ownership: nothing allocated.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_welch_t_test(cxm_test_result *out, double mean_a, double sd_a, double n_a,
				    double mean_b, double sd_b, double n_b, double conf);

/**
 * Student t interval of a mean (spec §17.3): mean -+ t_{(1+conf)/2, n-1}
 * sd / sqrt(n); sd 0 gives [mean, mean].
 * @param out   out->version must be set (CXM_INTERVAL_INIT).
 * @param mean  finite.
 * @param sd    sample standard deviation (n - 1 denominator), finite, >= 0.
 * @param n     a count (an integer in [0, 2^53]).
 * @param conf  in (0, 1).
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out; mean or sd not finite; sd < 0; n not an
 *         integer in [0, 2^53]; conf not in (0, 1)), VERSION, EMPTY (n = 0),
 *         TOO_FEW (n = 1).
 * Ownership: nothing allocated.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_mean_t_interval(cxm_interval *out, double mean, double sd, double n, double conf);

/**
 * Adjusted p-values for multiple testing (spec §17.4-§17.5), as R's
 * p.adjust with method "holm" or "BH": out[i] is the adjusted p[i]. NaN
 * entries are not tests: they stay NaN and do not count in m, the number of
 * tests. No test at all (n = 0, or every entry NaN) is not an error.
 * @param out     n_out >= n entries; out[0..n-1] written. May be p itself.
 * @param p       n p-values, each in [0, 1] or NaN; NULL only when n == 0.
 * @param method  a cxm_p_adjust_method.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out or p with a length > 0; n_out < n; a p-value
 *         outside [0, 1] (the message names its index); method), NOMEM (the
 *         sort order, n indices).
 * Ownership: nothing allocated for the caller; the scratch is freed before
 *         return.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_p_adjust(double *out, size_t n_out, const double *p, size_t n, int method);

CXM_END_DECL

#endif
