/*
 * lib/clvmodel/mbgnbd.c - the MBG/NBD model (Batislam, Denizel & Filiztekin
 * 2007; Wagner & Hoppe 2008's erratum), as lifetimes' ModifiedBetaGeoFitter.
 *
 * As BG/NBD, but a customer may also drop out at time 0, before any repeat
 * purchase. The log-likelihood of x repeat purchases, the last at t_x, in (0, T]:
 *
 *   ln[Gamma(r + x) alpha^r / Gamma(r)] + ln[B(a, b + x + 1) / B(a, b)]
 *     - (r + x) ln(alpha + T)
 *     + ln[1 + a / (b + x) ((alpha + T) / (alpha + t_x))^(r + x)],
 *
 * the last term now for every x, including 0 (CDNOW: LL -9582.13268489992,
 * lifetimes). The formulas are those of bgnbd.c with shift = 1 (bgnbd.h).
 */
#include "bgnbd.h"

static int mbgnbd_loglik(double *ll, double *grad_log, const double *params, const cxm__clv_data *d)
{
	return cxm__bgfam_loglik(ll, grad_log, params, d, 1);
}

/* (a + b + x) / (a - 1) [1 - ((alpha + T) / (alpha + T + t))^(r + x)
 * 2F1(r + x, b + x + 1; a + b + x; t / (alpha + T + t))] / (1 + a / (b + x)
 * ((alpha + T) / (alpha + t_x))^(r + x)), lifetimes' conditional expectation. */
static double mbgnbd_expected(const double *params, double t, double x, double t_x, double T)
{
	return cxm__bgfam_expected(params, 1, t, x, t_x, T);
}

/* 1 / (1 + a / (b + x) ((alpha + T) / (alpha + t_x))^(r + x)): below 1 even
 * for x = 0, since the customer may have left right after the first purchase. */
static double mbgnbd_p_alive(const double *params, double x, double t_x, double T)
{
	return cxm__bgfam_p_alive(params, 1, x, t_x, T);
}

/* b / (a - 1) [1 - (alpha / (alpha + t))^r 2F1(r, b + 1; a + b; t / (alpha + t))]:
 * the conditional expectation at x = t_x = T = 0, where P(alive) = b / (a + b). */
static double mbgnbd_unconditional(const double *params, double t)
{
	return cxm__bgfam_expected(params, 1, t, 0.0, 0.0, 0.0);
}

const cxm__clv_ops cxm__mbgnbd_ops = {
	CXM_CLV_MBGNBD,       4, { "r", "alpha", "a", "b" }, cxm__bgfam_start, mbgnbd_loglik,
	mbgnbd_expected,      mbgnbd_p_alive, mbgnbd_unconditional
};
