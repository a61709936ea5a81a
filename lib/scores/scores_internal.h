/* lib/scores/scores_internal.h - what the score modules share. */
#ifndef CXM_SCORES_INTERNAL_H
#define CXM_SCORES_INTERNAL_H

#include <stdint.h>
#include "internal.h"

/**
 * Validate rating-scale answers (spec §0.3): NaN (per policy), then range
 * (+-inf is out of range), then integrality. The first offending index and
 * value are named in the message. *n_nan receives the number of NaNs (omitted
 * under CXM_NAN_OMIT).
 */
int cxm__check_scores(const double *s, size_t n, int lo, int hi, int nan_policy, size_t *n_nan,
		      const char *what);

/**
 * The same checks, but the answer named is the first bad one by position,
 * whatever its kind: *bad is its index (n when every answer is good), and
 * the code and message are that answer's.
 */
int cxm__check_scores_at(const double *s, size_t n, int lo, int hi, int nan_policy, size_t *bad,
			 const char *what);

/**
 * cxm_score_acc_add that says which answer was bad: on failure *bad is the
 * index of the first bad answer by position (cxm__check_scores_at) and
 * nothing is added. For callers that know more about each answer than the
 * accumulator does (the survey report names the file, line and column).
 */
int cxm__score_acc_add_at(cxm_score_acc *acc, const double *scores, size_t n, int nan_policy, size_t *bad);

/**
 * Add `count` answers equal to `score` with weight 1 to an accumulator of
 * the scale lo..hi (acc_counts.c): an accumulator rebuilt from a histogram.
 */
int cxm__score_acc_add_count(cxm_score_acc *acc, int lo, int hi, int score, uint64_t count);

/** A scale of answers lo..hi: lo < hi and at most CXM__MAX_POINTS points, else BAD_ARG. */
int cxm__check_scale(int lo, int hi);

/**
 * counts[k] += #(s[i] == lo + k) for validated double answers (NaN skipped).
 */
void cxm__tally_doubles(uint64_t *counts, const double *s, size_t n, int lo);

/**
 * counts[k] = #(s[i] == lo + k) for k = 0..hi-lo over bytes. Returns CXM_OK, or
 * fails with CXM_EOUT_OF_RANGE naming the first byte outside [lo, hi].
 */
int cxm__tally_u8(uint64_t *counts, const uint8_t *s, size_t n, int lo, int hi);

/** The CSAT default threshold (spec §2.1) or a check of an explicit one. */
int cxm__csat_threshold(int *out, int lo, int hi, int threshold);

/* NPS cut points (spec §1.2); they never move with the scale: 6 IS a detractor. */
#define CXM__NPS_PROMOTER_MIN 9  /* promoters 9..10 */
#define CXM__NPS_DETRACTOR_MAX 6 /* detractors 0..6 (1..6 on 1-10) */


/* Results from per-point counts (counts.c); every entry point funnels through
 * these, so the one-shot functions and the accumulators agree bit for bit.
 * counts.c calls nothing else in lib/scores: nps.c (weighted NPS) uses the
 * accumulators of acc.c, and acc.c only these kernels. */
int cxm__nps_from_counts(cxm_nps_result *out, uint64_t p, uint64_t pa, uint64_t d);
int cxm__nps_split(uint64_t *p, uint64_t *pa, uint64_t *d, const uint64_t *counts, int lo, int hi);
int cxm__csat_from_counts(cxm_csat_result *out, const uint64_t *counts, int lo, int hi,
			  int threshold, double conf, double z);
/* CES on lo..hi from its counts (counts[0] is answer lo): agree = answers
 * >= agree, disagree = answers <= lo + hi - agree (spec §3.4), with the
 * Wilson interval of % agree. agree must have passed cxm__ces_agree. */
int cxm__ces_from_counts(cxm_ces_result *out, const uint64_t *counts, int lo, int hi, int agree,
			 double conf, double z);
/* A CES points argument: 5 or 7, else BAD_ARG. */
int cxm__ces_points(int points);
/* The agree threshold of a CES scale lo..hi (a valid scale): agree itself
 * when it is above the middle (2 agree > lo + hi) and <= hi, the scale's
 * default for CXM_CES_DEFAULT_AGREE, else BAD_ARG. */
int cxm__ces_agree(int *out, int lo, int hi, int agree);

/** Mean and sample SD (NaN when n < 2) of a scale from its per-point counts. */
void cxm__counts_moments(double *mean, double *sd, const uint64_t *counts, int lo, int hi);

/** The largest scale an accumulator or tally supports. */
#define CXM__MAX_POINTS 1001

/**
 * cxm__tally_u8 splits inputs of at least this many bytes between two threads
 * (results are identical either way; tests should cover n on both sides).
 */
#define CXM__U8_THREADS_MIN ((size_t)1 << 22)

/* ---- the CX Index (cxi.c, spec §25) ---- */

/* What one answer of a CXi question is: a respondent's three answers make
 * the cell index needs * 16 + ease * 4 + emotion of a 64-count histogram. */
enum { CXM__CXI_NA = 0, CXM__CXI_LOW = 1, CXM__CXI_MID = 2, CXM__CXI_HIGH = 3 };
#define CXM__CXI_CELLS 64

/** The class of a checked answer v (NaN: CXM__CXI_NA). */
int cxm__cxi_class(double v, int high, int low);

/** The scale and cut points: lo < hi (cxm__check_scale), lo <= low < high <= hi; BAD_ARG naming them. */
int cxm__cxi_check(int lo, int hi, int high, int low);

/**
 * Every number of a cxm_cxi_result from the respondents' histogram (the
 * one-shot cxm_cxi and the survey report's pyramid cells): what cannot be
 * computed (no answer, fewer than 2 complete respondents for a t interval)
 * is NaN, never an error. out->version must be set.
 */
int cxm__cxi_from_counts(cxm_cxi_result *out, const uint64_t counts[CXM__CXI_CELLS], double conf);

#endif
