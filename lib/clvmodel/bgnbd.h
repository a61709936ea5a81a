/*
 * lib/clvmodel/bgnbd.h - what BG/NBD (bgnbd.c) and MBG/NBD (mbgnbd.c) share.
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
/** P(alive | x, t_x, T) (palive.c). */
double cxm__bgfam_p_alive(const double *params, int shift, double x, double t_x, double T);

/** Many customers' P(alive): rows [begin, end) of x, t_x and T. */
struct cxm__bgfam_rows {
	const double *params;
	int shift;
	const double *x, *t_x, *T;
	const double *scale; /* NULL, or a factor per row (may be out itself) */
	double *out;         /* P(alive) (times scale) of each valid row */
};

/**
 * Validate and evaluate rows [begin, end) of `rows` (thread-safe for disjoint
 * ranges), with the widest vector code the CPU has. Returns the number of
 * invalid rows (customers.h names the first), whose out is undefined.
 */
size_t cxm__bgfam_p_alive_rows(const struct cxm__bgfam_rows *rows, size_t begin, size_t end);
/** The same with vectors of `width` doubles (8: AVX-512, 4: AVX2, 1: scalar
 * code), for the tests; SIZE_MAX if this CPU or build has no such path. */
size_t cxm__bgfam_p_alive_rows_width(const struct cxm__bgfam_rows *rows, size_t begin, size_t end, int width);

#endif
