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
 * @param gross_margin  in [0, 1]; pass 1 for revenue CLV.
 * Errors: NAN, BAD_ARG (negative or infinite input, margin > 1).
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

/** Errors: NAN, BAD_ARG, VERSION, EMPTY (no orders or no customers). */
CXM_API cxm_status cxm_clv_historic_from_totals(cxm_clv_totals *out, double total_revenue,
					 double n_orders, double n_customers, double lifespan);

/**
 * Margin CLV m r / (1 + d - r) (Gupta & Lehmann, §6.2), margins at period ends.
 * @param margin     per-period margin, any finite value.
 * @param retention  r in [0, 1].   @param discount  d >= 0.
 * Errors: NAN, BAD_ARG, DOMAIN (1 + d - r <= 0).
 */
CXM_API cxm_status cxm_clv_margin(double *out, double margin, double retention, double discount);

CXM_END_DECL

#endif
