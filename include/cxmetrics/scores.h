/*
 * cxmetrics/scores.h - NPS, CSAT and CES (spec §1-§3), one-shot and mergeable.
 *
 * Units: NPS in points [-100, 100]; CSAT %, CES % and every pct_* in [0, 100];
 * standard errors and bounds on the metric's own scale; bounds never clipped.
 * Score arrays are doubles (validated: NaN -> policy, off-scale or +-inf ->
 * CXM_EOUT_OF_RANGE, fractional -> CXM_ENON_INTEGER) or, on the fast paths,
 * uint8_t (range-checked only).
 *
 * Every function here is pure (thread-safe) except the cxm_score_acc methods:
 * one accumulator per thread, merge them at the end.
 */
#ifndef CXMETRICS_SCORES_H
#define CXMETRICS_SCORES_H

#include <stdint.h>
#include "common.h"

CXM_BEGIN_DECL

/** NPS answer scales (spec §1.2). Cut points never move: 0/1-6, 7-8, 9-10. */
typedef enum cxm_nps_scale {
	CXM_NPS_0_10 = 0, /**< 0..10, the standard question */
	CXM_NPS_1_10 = 1  /**< 1..10; 0 is out of range, no rescaling */
} cxm_nps_scale;

/** NPS with the promoter / passive / detractor split (spec §1.1). */
typedef struct cxm_nps_result {
	unsigned int version; /**< CXM_NPS_RESULT_VERSION */
	size_t n, promoters, passives, detractors;
	double pct_promoters, pct_passives, pct_detractors;
	double nps; /**< 100 (P - D) / n */
} cxm_nps_result;
#define CXM_NPS_RESULT_VERSION 1
#define CXM_NPS_RESULT_INIT { CXM_NPS_RESULT_VERSION, 0, 0, 0, 0, 0.0, 0.0, 0.0, 0.0 }

/**
 * Wald (spec §1.3) or adjusted-Wald (§1.4) interval. For Wald, nps_adj == nps
 * and n_adj == n; for adjusted-Wald, the interval is centred on nps_adj.
 */
typedef struct cxm_nps_ci {
	unsigned int version; /**< CXM_NPS_CI_VERSION */
	size_t n;
	double nps;      /**< raw NPS, the reported point estimate */
	double nps_adj;  /**< centre of the interval */
	double n_adj;    /**< n + 3 for adjusted-Wald, else n */
	double var_unit; /**< variance of one +1/0/-1 response, [0, 1] */
	double se, z, moe, lower, upper;
} cxm_nps_ci;
#define CXM_NPS_CI_VERSION 1
#define CXM_NPS_CI_INIT { CXM_NPS_CI_VERSION, 0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 }

/** "Trinomial means" t interval (spec §1.5). */
typedef struct cxm_nps_t_ci {
	unsigned int version; /**< CXM_NPS_T_CI_VERSION */
	size_t n;
	double nps, sd_unit, se;
	size_t df; /**< n - 1 */
	double t, moe, lower, upper;
} cxm_nps_t_ci;
#define CXM_NPS_T_CI_VERSION 1
#define CXM_NPS_T_CI_INIT { CXM_NPS_T_CI_VERSION, 0, 0.0, 0.0, 0.0, 0, 0.0, 0.0, 0.0, 0.0 }

/** Interval methods for cxm_nps_compare (spec §1.6). */
typedef enum cxm_nps_method {
	CXM_NPS_ADJUSTED_WALD = 0, /**< MeasuringU; the default */
	CXM_NPS_WALD = 1           /**< Rocks' nps_test default */
} cxm_nps_method;

/** Two-sample comparison a - b (spec §1.6); diff keeps its sign. */
typedef struct cxm_nps_comparison {
	unsigned int version; /**< CXM_NPS_COMPARISON_VERSION */
	int method;           /**< a cxm_nps_method */
	double nps_a, nps_b, center_a, center_b;
	double diff, se, z_stat, p_value, z, lower, upper;
} cxm_nps_comparison;
#define CXM_NPS_COMPARISON_VERSION 1
#define CXM_NPS_COMPARISON_INIT { CXM_NPS_COMPARISON_VERSION, 0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 }

/** Weighted NPS with Kish effective sample size (spec §1.7). */
typedef struct cxm_nps_weighted_result {
	unsigned int version; /**< CXM_NPS_WEIGHTED_RESULT_VERSION */
	size_t n;     /**< rows used (after NaN omission) */
	size_t n_pos; /**< rows with weight > 0 */
	double sum_w, sum_w2, n_eff, deff;
	double pct_promoters, pct_detractors, nps;
	double var_unit, se, z, moe, lower, upper;
} cxm_nps_weighted_result;
#define CXM_NPS_WEIGHTED_RESULT_VERSION 1
#define CXM_NPS_WEIGHTED_RESULT_INIT { CXM_NPS_WEIGHTED_RESULT_VERSION, 0, 0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 }

/** CSAT: % satisfied with a Wilson interval, mean and SD (spec §2). */
typedef struct cxm_csat_result {
	unsigned int version; /**< CXM_CSAT_RESULT_VERSION */
	size_t n;
	int threshold; /**< scores >= threshold count as satisfied */
	size_t n_satisfied;
	double pct_satisfied;
	double mean; /**< raw scale units */
	double sd;   /**< sample SD (n - 1); NaN when n < 2 */
	double wilson_lower, wilson_upper; /**< percent */
} cxm_csat_result;
#define CXM_CSAT_RESULT_VERSION 1
#define CXM_CSAT_RESULT_INIT { CXM_CSAT_RESULT_VERSION, 0, 0, 0, 0.0, 0.0, 0.0, 0.0, 0.0 }

/** Pass as `threshold` to cxm_csat for top-2-box (>= 5 points) or top-box. */
#define CXM_CSAT_DEFAULT_THRESHOLD (-2147483647 - 1)

/** The usual CSAT scale (1 = very unsatisfied .. 5 = very satisfied) and CES
 * scale (CES 1-5): the defaults of the survey report and of both bindings. */
#define CXM_CSAT_SCALE_LO_DEFAULT 1
#define CXM_CSAT_SCALE_HI_DEFAULT 5
#define CXM_CES_POINTS_DEFAULT 5

/**
 * CES, the Customer Effort Score (spec §3), on 1-5 (5 = easiest / strongly
 * agree, §3.1), on Gartner's CES 2.0 1-7 agreement scale (7 = strongly
 * agree it was easy, §3.2), or on any integer scale lo..hi with an "agree"
 * threshold (§3.4). One result for every scale:
 *  - agree: answers >= agree: 4-5 on 1-5 (Delighted), 5-7 on 1-7 (Zonka),
 *    8-10 on 1-10 by default;
 *  - disagree: answers <= lo + hi - agree, the mirror image: 1-2 on 1-5
 *    (Delighted: "Disagree 1-2, Neutral 3, Agree 4-5", spec §3.1), 1-3 on
 *    1-7 (Zonka, §3.2); the answers between are neutral;
 *  - "% agree" (pct_agree) is the CES of the source articles, with a Wilson
 *    interval on the agree proportion (§2.3), in percent.
 * Old CES 1.0 data (1 = least effort) must be turned round (6 - x) first.
 * Version 2 adds scale_lo, scale_hi and agree; a version-1 struct is written
 * as before (its fields only).
 */
typedef struct cxm_ces_result {
	unsigned int version; /**< CXM_CES_RESULT_VERSION */
	int points;           /**< number of scale points, hi - lo + 1 (5 on 1-5, 7 on 1-7) */
	size_t n;
	size_t n_agree;       /**< answers >= agree (4-5 on 1-5, 5-7 on 1-7) */
	double pct_agree;     /**< 100 n_agree / n */
	size_t n_disagree;    /**< answers <= lo + hi - agree (1-2 on 1-5, 1-3 on 1-7) */
	double pct_disagree;  /**< 100 n_disagree / n */
	double mean;          /**< raw scale units */
	double sd;            /**< sample SD (n - 1); NaN when n < 2 */
	double wilson_lower, wilson_upper; /**< Wilson interval of pct_agree, percent */
	/* version 2 */
	int scale_lo;         /**< the scale lo..hi */
	int scale_hi;
	int agree;            /**< the lowest answer that agrees */
} cxm_ces_result;
#define CXM_CES_RESULT_VERSION 2
#define CXM_CES_RESULT_INIT { CXM_CES_RESULT_VERSION, 0, 0, 0, 0.0, 0, 0.0, 0.0, 0.0, 0.0, 0.0, 0, 0, 0 }

/** Pass as `agree` to cxm_ces_scaled / cxm_score_acc_ces_scaled for the
 * scale's default threshold (cxm_ces_default_agree). */
#define CXM_CES_DEFAULT_AGREE (-2147483647 - 1)

/* ---- NPS ---------------------------------------------------------------- */

/**
 * The answers of an NPS scale: 0..10 or 1..10 (the words "0-10" and "1-10"
 * of the names table CXM_NAMES_NPS_SCALE).
 * @param lo     out: the lowest answer.
 * @param hi     out: the highest answer (10).
 * @param scale  a cxm_nps_scale.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL, unknown scale).
 * Ownership: nothing allocated. Thread safety: pure.
 */
CXM_API cxm_status cxm_nps_scale_range(int *lo, int *hi, int scale);

/**
 * NPS from raw likelihood-to-recommend answers (spec §1.1).
 * @param out        result; out->version must be set (CXM_NPS_RESULT_INIT).
 * @param scores     n answers; NULL allowed only when n == 0.
 * @param scale      a cxm_nps_scale.
 * @param nan_policy a cxm_nan_policy.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL, scale, policy), VERSION, NAN, OUT_OF_RANGE, NON_INTEGER, EMPTY.
 * Ownership: nothing allocated. Thread safety: pure.
 */
CXM_API cxm_status cxm_nps(cxm_nps_result *out, const double *scores, size_t n, int scale, int nan_policy);

/**
 * cxm_nps on bytes: the fast path (no NaN or fractions possible). Inputs of
 * 4 MiB and more may be counted by two threads, with the same result (one when
 * cxm_threads() is 1, threads.h).
 * @param out     result; out->version must be set (CXM_NPS_RESULT_INIT).
 * @param scores  n answers; NULL allowed only when n == 0.
 * @param scale   a cxm_nps_scale.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out; NULL scores with n > 0; scale), VERSION,
 *         OUT_OF_RANGE (a byte off the scale), EMPTY (n == 0).
 * Ownership: nothing allocated.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_nps_u8(cxm_nps_result *out, const uint8_t *scores, size_t n, int scale);

/**
 * NPS from category counts. Counts are doubles that must be integers >= 0.
 * @param out  result; out->version must be set (CXM_NPS_RESULT_INIT).
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out; a count negative, fractional, NaN, infinite or
 *         above 2^53), VERSION, EMPTY (all three counts 0).
 * Ownership: nothing allocated.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_nps_counts(cxm_nps_result *out, double promoters, double passives, double detractors);

/**
 * Wald interval from counts (spec §1.3).
 * @param out   result; out->version must be set (CXM_NPS_CI_INIT).
 * @param conf  confidence in (0, 1), used when z == CXM_Z_FROM_CONF.
 * @param z     explicit critical value (finite, > 0) or CXM_Z_FROM_CONF.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out; a count negative, fractional, NaN, infinite or
 *         above 2^53; conf, z), VERSION, EMPTY (all three counts 0).
 * Ownership: nothing allocated.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_nps_wald(cxm_nps_ci *out, double promoters, double passives, double detractors,
			 double conf, double z);

/**
 * Adjusted-Wald interval (spec §1.4): +3/4 promoters, +3/4 detractors, n + 3.
 * Arguments as cxm_nps_wald.
 * @param out   result; out->version must be set (CXM_NPS_CI_INIT).
 * @return CXM_OK or a negative code.
 * Errors: as cxm_nps_wald: BAD_ARG (NULL out; a count negative, fractional,
 *         NaN, infinite or above 2^53; conf, z), VERSION, EMPTY (all three
 *         counts 0).
 * Ownership: nothing allocated.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_nps_adjusted_wald(cxm_nps_ci *out, double promoters, double passives,
				  double detractors, double conf, double z);

/**
 * t interval on +1/0/-1 scores with n - 1 df (spec §1.5).
 * @param out   result; out->version must be set (CXM_NPS_T_CI_INIT).
 * @param conf  confidence in (0, 1).
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out; a count negative, fractional, NaN, infinite or
 *         above 2^53; conf not in (0, 1)), VERSION, EMPTY (n == 0),
 *         TOO_FEW (n == 1).
 * Ownership: nothing allocated.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_nps_trinomial_t(cxm_nps_t_ci *out, double promoters, double passives,
				double detractors, double conf);

/**
 * Two-sample z test of NPS_a - NPS_b from counts (spec §1.6).
 * @param out     result; out->version must be set (CXM_NPS_COMPARISON_INIT).
 * @param method  a cxm_nps_method.
 * @param conf    confidence in (0, 1), used when z == CXM_Z_FROM_CONF.
 * @param z       explicit critical value (finite, > 0) or CXM_Z_FROM_CONF.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out; method; a count of either sample negative,
 *         fractional, NaN, infinite or above 2^53; conf, z: the message
 *         names the sample), VERSION, EMPTY (either sample has no responses).
 * Ownership: nothing allocated.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_nps_compare(cxm_nps_comparison *out,
			    double promoters_a, double passives_a, double detractors_a,
			    double promoters_b, double passives_b, double detractors_b,
			    int method, double conf, double z);

/**
 * Weighted NPS with Kish n_eff and deff (spec §1.7). A NaN score under
 * CXM_NAN_OMIT drops its row, weight included; a NaN weight is BAD_WEIGHTS.
 * @param out      result; out->version must be set (CXM_NPS_WEIGHTED_RESULT_INIT).
 * @param scores   n_scores answers; NULL allowed only when n_scores == 0.
 * @param weights  n_weights weights (n_weights == n_scores), finite and >= 0.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out; NULL arrays with a length > 0; n_scores !=
 *         n_weights; scale, policy, conf, z), VERSION, NAN, OUT_OF_RANGE,
 *         NON_INTEGER, EMPTY (no row left), BAD_WEIGHTS (a weight NaN,
 *         infinite, negative or above 2^256, or the weights sum to zero), NOMEM (the
 *         accumulator the rows are counted in).
 * Ownership: nothing allocated for the caller (the accumulator is freed
 *         before return).
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_nps_weighted(cxm_nps_weighted_result *out, const double *scores, size_t n_scores,
			     const double *weights, size_t n_weights, int scale, int nan_policy,
			     double conf, double z);

/* ---- CSAT and CES ------------------------------------------------------- */

/**
 * CSAT on the integer scale [scale_lo, scale_hi] (spec §2).
 * @param out        result; out->version must be set (CXM_CSAT_RESULT_INIT).
 * @param scores     n answers; NULL allowed only when n == 0.
 * @param threshold  satisfied means score >= threshold; CXM_CSAT_DEFAULT_THRESHOLD
 *                   picks top-2-box on scales of >= 5 points, top-box otherwise.
 * @param conf       confidence of the Wilson interval, in (0, 1), used when z == CXM_Z_FROM_CONF.
 * @param z          explicit critical value (finite, > 0) or CXM_Z_FROM_CONF.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out; NULL scores with n > 0; scale_lo >= scale_hi or
 *         a scale of more than 1001 points; threshold off the scale; policy;
 *         conf, z), VERSION, NAN, OUT_OF_RANGE, NON_INTEGER, EMPTY, NOMEM
 *         (the per-point counts).
 * Ownership: nothing allocated for the caller (the counts are freed before
 *         return).
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_csat(cxm_csat_result *out, const double *scores, size_t n, int scale_lo,
		     int scale_hi, int threshold, int nan_policy, double conf, double z);

/**
 * cxm_csat on bytes (0 <= scale_lo < scale_hi <= 255). Inputs of 4 MiB and
 * more may be counted by two threads, with the same result (one when
 * cxm_threads() is 1, threads.h).
 * @param out        result; out->version must be set (CXM_CSAT_RESULT_INIT).
 * @param scores     n answers, bytes on the scale; NULL allowed only when n == 0.
 * @param threshold  as cxm_csat (CXM_CSAT_DEFAULT_THRESHOLD: top-2-box on
 *                   scales of >= 5 points, top-box otherwise).
 * @param conf       confidence of the Wilson interval, in (0, 1), used when z == CXM_Z_FROM_CONF.
 * @param z          explicit critical value (finite, > 0) or CXM_Z_FROM_CONF.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out; a scale outside 0 <= scale_lo < scale_hi <= 255;
 *         threshold off the scale; NULL scores with n > 0; conf, z), VERSION,
 *         OUT_OF_RANGE (a byte off the scale), EMPTY (n == 0).
 * Ownership: nothing allocated.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_csat_u8(cxm_csat_result *out, const uint8_t *scores, size_t n, int scale_lo,
			int scale_hi, int threshold, double conf, double z);

/**
 * CES on 1-5 or 1-7 (spec §3): % agree with its Wilson interval, % disagree,
 * mean and SD (cxm_ces_result says which answers agree and disagree).
 * @param out        result; out->version must be set (CXM_CES_RESULT_INIT).
 * @param scores     n answers; NULL allowed only when n == 0.
 * @param points     5 (answers 1-5) or 7 (answers 1-7, CES 2.0).
 * @param nan_policy a cxm_nan_policy.
 * @param conf       confidence of the Wilson interval, in (0, 1), used when z == CXM_Z_FROM_CONF.
 * @param z          explicit critical value (finite, > 0) or CXM_Z_FROM_CONF.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL, points, policy, conf, z), VERSION, NAN, OUT_OF_RANGE,
 *         NON_INTEGER, EMPTY.
 * Ownership: nothing allocated. Thread safety: pure.
 */
CXM_API cxm_status cxm_ces(cxm_ces_result *out, const double *scores, size_t n, int points, int nan_policy,
		    double conf, double z);
/**
 * cxm_ces on bytes. Inputs of 4 MiB and more may be counted by two threads,
 * with the same result (one when cxm_threads() is 1, threads.h).
 * @param out     result; out->version must be set (CXM_CES_RESULT_INIT).
 * @param scores  n answers, bytes 1..points; NULL allowed only when n == 0.
 * @param points  5 (answers 1-5) or 7 (answers 1-7, CES 2.0).
 * @param conf    confidence of the Wilson interval, in (0, 1), used when z == CXM_Z_FROM_CONF.
 * @param z       explicit critical value (finite, > 0) or CXM_Z_FROM_CONF.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out; points; NULL scores with n > 0; conf, z),
 *         VERSION, OUT_OF_RANGE (a byte off the scale), EMPTY (n == 0).
 * Ownership: nothing allocated.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_ces_u8(cxm_ces_result *out, const uint8_t *scores, size_t n, int points, double conf,
		       double z);

/**
 * The default "agree" threshold of a CES scale (spec §3.4): 4 on 1..5
 * (agree 4-5), 5 on 1..7 (5-7), 8 on 1..10 (8-10). Every other scale has no
 * default: its caller must name the threshold. The one owner of these defaults.
 * @param agree  out: the lowest answer that agrees.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL agree; a scale without a default, with a message
 *         saying to name the threshold).
 * Ownership: nothing allocated. Thread safety: pure.
 */
CXM_API cxm_status cxm_ces_default_agree(int *agree, int lo, int hi);

/**
 * CES on the integer scale lo..hi (spec §3.4): answers >= agree agree,
 * answers <= lo + hi - agree disagree; % agree with its Wilson interval,
 * % disagree, mean and SD. On 1..5 and 1..7 with the default threshold it is
 * cxm_ces, bit for bit.
 * @param out        result; out->version must be set (CXM_CES_RESULT_INIT);
 *                   version 2 also gets scale_lo, scale_hi and agree.
 * @param scores     n answers; NULL allowed only when n == 0.
 * @param lo         the lowest answer of the scale.
 * @param hi         the highest answer: lo < hi, at most 1001 points.
 * @param agree      the lowest answer that agrees, above the middle of the
 *                   scale (2 agree > lo + hi) and at most hi; or
 *                   CXM_CES_DEFAULT_AGREE (cxm_ces_default_agree).
 * @param nan_policy a cxm_nan_policy.
 * @param conf       confidence of the Wilson interval, in (0, 1), used when z == CXM_Z_FROM_CONF.
 * @param z          explicit critical value (finite, > 0) or CXM_Z_FROM_CONF.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out; NULL scores with n > 0; the scale; agree off
 *         the scale or not above its middle; no default for the scale;
 *         policy; conf, z), VERSION, NAN, OUT_OF_RANGE, NON_INTEGER, EMPTY,
 *         NOMEM (the per-point counts).
 * Ownership: nothing allocated for the caller (the counts are freed before
 *         return).
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_ces_scaled(cxm_ces_result *out, const double *scores, size_t n, int lo, int hi,
				  int agree, int nan_policy, double conf, double z);

/* ---- mergeable accumulators ---------------------------------------------- */

/**
 * Per-scale-point counts and exact weight sums for one integer rating scale.
 * Results computed from an accumulator are bit-identical to the one-shot
 * functions on the same rows, in any order and any split: counts are integers
 * and weight sums are kept exactly (rounded once, when a result is asked for).
 * Thread safety: not locked; one accumulator per thread, then cxm_score_acc_merge.
 */
typedef struct cxm_score_acc cxm_score_acc;

/**
 * New empty accumulator for scores in [scale_lo, scale_hi] (at most 1001 points).
 * Use 0..10 or 1..10 for NPS, 1..5 for CES, 1..7 for CES 2.0.
 * @param out  out: the accumulator, or NULL on failure.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out; scale_lo >= scale_hi or more than 1001 points),
 *         NOMEM.
 * Ownership: *out is the caller's; free with cxm_score_acc_free.
 * Thread safety: pure (the new accumulator belongs to the calling thread).
 */
CXM_API cxm_status cxm_score_acc_new(cxm_score_acc **out, int scale_lo, int scale_hi);
/**
 * Free an accumulator.
 * @param acc  NULL is a no-op.
 * Errors: none.
 * Ownership: frees acc and everything it holds.
 * Thread safety: no other thread may be using the accumulator.
 */
CXM_API void cxm_score_acc_free(cxm_score_acc *acc);
/**
 * Forget every row (keeps the scale).
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL acc).
 * Ownership: nothing allocated.
 * Thread safety: modifies the handle.
 */
CXM_API cxm_status cxm_score_acc_reset(cxm_score_acc *acc);

/**
 * Add answers (weight 1 each). On error nothing is added.
 * @param scores      n answers on the accumulator's scale; NULL allowed only
 *                    when n == 0.
 * @param nan_policy  a cxm_nan_policy: CXM_NAN_OMIT skips NaN answers.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL acc; NULL scores with n > 0; policy), NAN (under
 *         CXM_NAN_ERROR), OUT_OF_RANGE (off the scale or +-inf), NON_INTEGER.
 * Ownership: nothing allocated; the answers are counted, not kept.
 * Thread safety: modifies the handle.
 */
CXM_API cxm_status cxm_score_acc_add(cxm_score_acc *acc, const double *scores, size_t n, int nan_policy);
/**
 * Add byte answers (weight 1 each). On error nothing is added.
 * @param scores  n answers; NULL allowed only when n == 0.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL acc; an accumulator whose scale is not inside
 *         0..255; NULL scores with n > 0), OUT_OF_RANGE (a byte off the scale).
 * Ownership: nothing allocated; the answers are counted, not kept.
 * Thread safety: modifies the handle.
 */
CXM_API cxm_status cxm_score_acc_add_u8(cxm_score_acc *acc, const uint8_t *scores, size_t n);
/**
 * Add weighted answers. A NaN score under CXM_NAN_OMIT drops its row and weight.
 * On error nothing is added. The weights count in cxm_score_acc_nps_weighted;
 * cxm_score_acc_n, _count, _nps, _csat and _ces count each row once.
 * @param scores   n_scores answers; NULL allowed only when n_scores == 0.
 * @param weights  n_weights weights (n_weights == n_scores), finite and >= 0.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL acc; n_scores != n_weights; NULL arrays with a
 *         length > 0; policy), NAN, OUT_OF_RANGE, NON_INTEGER, BAD_WEIGHTS
 *         (the weight of a row kept NaN, inf, < 0 or > 2^256).
 * Ownership: nothing allocated; the rows are counted and summed, not kept.
 * Thread safety: modifies the handle.
 */
CXM_API cxm_status cxm_score_acc_add_weighted(cxm_score_acc *acc, const double *scores, size_t n_scores,
				       const double *weights, size_t n_weights, int nan_policy);
/**
 * acc += other: afterwards acc holds the rows of both.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL acc or other, different scales).
 * Ownership: nothing allocated; other is only read and stays the caller's.
 * Thread safety: modifies acc; other is read-only (no thread may be
 *         modifying it meanwhile).
 */
CXM_API cxm_status cxm_score_acc_merge(cxm_score_acc *acc, const cxm_score_acc *other);

/**
 * Rows added so far (weighted rows count once each).
 * @return the count; 0 for NULL.
 * Errors: none. Ownership: nothing allocated. Thread safety: read-only on the handle.
 */
CXM_API size_t cxm_score_acc_n(const cxm_score_acc *acc);
/**
 * Rows with this score (weighted rows count once each).
 * @return the count; 0 for a point off the scale or for NULL.
 * Errors: none. Ownership: nothing allocated. Thread safety: read-only on the handle.
 */
CXM_API size_t cxm_score_acc_count(const cxm_score_acc *acc, int score);

/**
 * NPS of the rows, each counting once (weights are ignored; see
 * cxm_score_acc_nps_weighted). The scale must be 0..10 or 1..10.
 * @param out  result; out->version must be set (CXM_NPS_RESULT_INIT).
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out or acc, another scale), VERSION, EMPTY (no rows).
 * Ownership: nothing allocated.
 * Thread safety: read-only on the handle.
 */
CXM_API cxm_status cxm_score_acc_nps(cxm_nps_result *out, const cxm_score_acc *acc);
/**
 * Weighted NPS of the rows (unweighted rows count with weight 1), as
 * cxm_nps_weighted. The scale must be 0..10 or 1..10.
 * @param out   result; out->version must be set (CXM_NPS_WEIGHTED_RESULT_INIT).
 * @param conf  confidence in (0, 1), used when z == CXM_Z_FROM_CONF.
 * @param z     explicit critical value (finite, > 0) or CXM_Z_FROM_CONF.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out or acc, another scale, conf, z), VERSION,
 *         EMPTY (no rows), BAD_WEIGHTS (the weights sum to zero).
 * Ownership: nothing allocated.
 * Thread safety: read-only on the handle.
 */
CXM_API cxm_status cxm_score_acc_nps_weighted(cxm_nps_weighted_result *out, const cxm_score_acc *acc,
				       double conf, double z);
/**
 * CSAT of the rows (cxm_csat), each counting once (weights are ignored).
 * @param out        result; out->version must be set (CXM_CSAT_RESULT_INIT).
 * @param threshold  a point of the scale, or CXM_CSAT_DEFAULT_THRESHOLD.
 * @param conf       confidence in (0, 1), used when z == CXM_Z_FROM_CONF.
 * @param z          explicit critical value (finite, > 0) or CXM_Z_FROM_CONF.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out or acc, threshold off the scale, conf, z),
 *         VERSION, EMPTY (no rows).
 * Ownership: nothing allocated.
 * Thread safety: read-only on the handle.
 */
CXM_API cxm_status cxm_score_acc_csat(cxm_csat_result *out, const cxm_score_acc *acc, int threshold,
			       double conf, double z);
/**
 * CES of the rows (cxm_ces), each counting once (weights are ignored); the
 * accumulator's scale, 1..5 or 1..7, gives the points.
 * @param out   result; out->version must be set (CXM_CES_RESULT_INIT).
 * @param conf  confidence in (0, 1), used when z == CXM_Z_FROM_CONF.
 * @param z     explicit critical value (finite, > 0) or CXM_Z_FROM_CONF.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out or acc, another scale, conf, z), VERSION,
 *         EMPTY (no rows).
 * Ownership: nothing allocated.
 * Thread safety: read-only on the handle.
 */
CXM_API cxm_status cxm_score_acc_ces(cxm_ces_result *out, const cxm_score_acc *acc, double conf, double z);

/**
 * CES of the rows on the accumulator's scale (cxm_ces_scaled), each counting
 * once (weights are ignored).
 * @param out    result; out->version must be set (CXM_CES_RESULT_INIT).
 * @param agree  the lowest answer that agrees (2 agree > lo + hi, agree <=
 *               hi) or CXM_CES_DEFAULT_AGREE.
 * @param conf   confidence in (0, 1), used when z == CXM_Z_FROM_CONF.
 * @param z      explicit critical value (finite, > 0) or CXM_Z_FROM_CONF.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out or acc; agree; no default for the scale; conf,
 *         z), VERSION, EMPTY (no rows).
 * Ownership: nothing allocated.
 * Thread safety: read-only on the handle.
 */
CXM_API cxm_status cxm_score_acc_ces_scaled(cxm_ces_result *out, const cxm_score_acc *acc, int agree,
					    double conf, double z);

/* ---- the CX Index and the CX pyramid (spec §25) --------------------------- */

/**
 * Forrester's CX Index as R marketr's cxi_calc computes it, with the CX
 * pyramid (spec §25). Each of the three questions (the experience meets my
 * needs, was easy, was enjoyable) scores % answers >= high minus % answers
 * <= low, of that question's answers; cxi is the mean of the three question
 * scores. Pyramid levels, of the complete respondents (all three answered):
 * level1 % with needs >= high, level2 % with needs and ease >= high, level3
 * % with all three >= high. Points and percentages in [-100, 100] / [0, 100].
 */
typedef struct cxm_cxi_result {
	unsigned int version; /**< CXM_CXI_RESULT_VERSION */
	size_t n;             /**< respondents given (marketr's survey_count) */
	double cxi;           /**< mean of the three question scores */
	double cxi_lower, cxi_upper; /**< t interval of the per-respondent score (spec §25.3) */
	double needs, needs_lower, needs_upper;       /**< question score, adjusted-Wald (spec §1.4) */
	double ease, ease_lower, ease_upper;
	double emotion, emotion_lower, emotion_upper;
	double level1, level2, level3;                /**< % of complete respondents */
	double level1_lower, level1_upper;            /**< Wilson (spec §5.8), in % */
	double level2_lower, level2_upper;
	double level3_lower, level3_upper;
	size_t n_complete;                   /**< respondents with all three answered */
	size_t n_needs, n_ease, n_emotion;   /**< answers per question */
} cxm_cxi_result;
#define CXM_CXI_RESULT_VERSION 1
#define CXM_CXI_RESULT_INIT                                                                                        \
	{ CXM_CXI_RESULT_VERSION, 0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,   \
	  0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0, 0, 0, 0 }

/** Defaults of marketr's cxi_calc on a 1-5 scale (cx_high, cx_low). */
#define CXM_CXI_DEFAULT_HIGH 4
#define CXM_CXI_DEFAULT_LOW 2

/**
 * CX Index, question scores and pyramid levels of n respondents (spec §25).
 * Row i of the three arrays is one respondent. marketr counts a missing
 * answer as "MID" (it stays in the denominator); here a missing (NaN) answer
 * is CXM_NAN_ERROR: an error naming the question and row, or CXM_NAN_OMIT:
 * it leaves that question's denominator, and the respondent leaves the
 * pyramid levels and the CXi interval (complete respondents only).
 * @param out        result; out->version must be set (CXM_CXI_RESULT_INIT).
 * @param needs      answers to "met my needs", n_needs of them.
 * @param ease       answers to "was easy", n_ease (== n_needs).
 * @param emotion    answers to "was enjoyable", n_emotion (== n_needs).
 * @param lo         the lowest answer of the scale lo..hi.
 * @param hi         the highest answer (lo < hi, at most 1001 points).
 * @param high       an answer >= high is HIGH (marketr cx_high; 4 on 1-5).
 * @param low        an answer <= low is LOW (marketr cx_low; 2 on 1-5);
 *                   lo <= low < high <= hi.
 * @param nan_policy a cxm_nan_policy.
 * @param conf       confidence of every interval, in (0, 1).
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out; NULL array with n > 0; lengths differ; scale,
 *         high, low, nan_policy or conf invalid), VERSION, NAN (a missing
 *         answer under CXM_NAN_ERROR: question and row named), OUT_OF_RANGE
 *         (an answer off lo..hi or infinite), NON_INTEGER (a fractional
 *         answer), EMPTY (no respondent, or a question with no answer).
 * Ownership: nothing allocated.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_cxi(cxm_cxi_result *out, const double *needs, size_t n_needs, const double *ease,
			   size_t n_ease, const double *emotion, size_t n_emotion, int lo, int hi, int high, int low,
			   int nan_policy, double conf);

CXM_END_DECL

#endif
