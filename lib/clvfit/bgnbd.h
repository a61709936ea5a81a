/*
 * lib/clvfit/bgnbd.h - what BG/NBD (bgnbd.c) and MBG/NBD (mbgnbd.c) share.
 *
 * The two models differ only in whether a customer can drop out before the
 * first repeat purchase: BG/NBD (Fader, Hardie & Lee 2005) only after a
 * purchase, MBG/NBD (Batislam et al. 2007, as lifetimes' ModifiedBetaGeoFitter)
 * also at time 0. In every formula that moves the beta part by one purchase:
 * `shift` is 0 for BG/NBD and 1 for MBG/NBD.
 */
#ifndef CXM_CLV_BGNBD_H
#define CXM_CLV_BGNBD_H

#include "models.h"

/** Starting point (r, alpha, a, b) for either model. */
void cxm__bgfam_start(double *params, const cxm__clv_data *d);
/** Total log-likelihood and its gradient in log-parameters (models.h). */
int cxm__bgfam_loglik(double *ll, double *grad_log, const double *params, const cxm__clv_data *d,
		      int shift);
/** E[X(T, T + t) | x, t_x, T]; with x = t_x = T = 0 the unconditional E[X(t)]. */
double cxm__bgfam_expected(const double *params, int shift, double t, double x, double t_x, double T);
/**
 * E[X(T, T + t) | x, t_x, T] / P(alive | x, t_x, T): the expected purchases
 * of a customer known to be alive, a function of (x, T) only (predict.c
 * caches it across customers).
 */
double cxm__bgfam_body(const double *params, int shift, double t, double x, double T);
/** P(alive | x, t_x, T). */
double cxm__bgfam_p_alive(const double *params, int shift, double x, double t_x, double T);
/** ln(a / (b + x + s - 1)), the part of P(alive)'s exponent that depends on x only. */
double cxm__bgfam_log_odds_x(const double *params, int shift, double x);
/** P(alive | x, t_x, T) given lx = cxm__bgfam_log_odds_x(params, shift, x): the
 * same bits as cxm__bgfam_p_alive, one logarithm fewer (predict.c tabulates lx). */
double cxm__bgfam_p_alive_lx(const double *params, int shift, double lx, double x, double t_x, double T);

#endif
