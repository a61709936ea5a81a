/*
 * cxmetrics/clv.h - simple customer lifetime value (spec §6).
 * Every function here is pure and thread-safe.
 */
#ifndef CXMETRICS_CLV_H
#define CXMETRICS_CLV_H

#include "common.h"

CXM_BEGIN_DECL

/**
 * Historic CLV = AOV x purchase frequency x lifespan x gross margin (§6.1).
 * @param out           out: the CLV.
 * @param gross_margin  in [0, 1]; pass 1 for revenue CLV.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out, a negative or infinite input, gross_margin > 1),
 *         NAN (any input NaN).
 * Ownership: nothing allocated.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_clv_historic(double *out, double aov, double purchase_frequency, double lifespan,
			     double gross_margin);

/** Historic CLV from period totals (§6.1). */
typedef struct cxm_clv_totals {
	unsigned int version; /**< CXM_CLV_TOTALS_VERSION */
	double aov;                /**< revenue / orders */
	double purchase_frequency; /**< orders / customers */
	double clv;                /**< aov x frequency x lifespan */
} cxm_clv_totals;
#define CXM_CLV_TOTALS_VERSION 1
#define CXM_CLV_TOTALS_INIT { CXM_CLV_TOTALS_VERSION, 0.0, 0.0, 0.0 }

/**
 * Historic CLV from totals: aov = total_revenue / n_orders, purchase_frequency
 * = n_orders / n_customers, clv = aov x purchase_frequency x lifespan.
 * @param out          out->version must be set (CXM_CLV_TOTALS_INIT).
 * @param n_orders     an integer >= 0 (a count given as a double).
 * @param n_customers  an integer >= 0.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out; total_revenue or lifespan negative or infinite;
 *         a count negative, fractional, NaN, infinite or above 2^53),
 *         VERSION, NAN (total_revenue or lifespan NaN),
 *         EMPTY (no orders or no customers).
 * Ownership: nothing allocated.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_clv_historic_from_totals(cxm_clv_totals *out, double total_revenue,
					 double n_orders, double n_customers, double lifespan);

/**
 * Margin CLV m r / (1 + d - r) (Gupta & Lehmann, §6.2), margins at period ends.
 * @param out        out: the CLV.
 * @param margin     per-period margin, any finite value (negative too).
 * @param retention  r in [0, 1].
 * @param discount   d >= 0, finite.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out, margin infinite, retention outside [0, 1],
 *         discount negative or infinite), NAN (any input NaN),
 *         DOMAIN (1 + d - r <= 0 as computed: retention 1 with discount 0,
 *         or one too small to change 1 + d).
 * Ownership: nothing allocated.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_clv_margin(double *out, double margin, double retention, double discount);

CXM_END_DECL

#endif
