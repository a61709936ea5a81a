/*
 * lib/clvmodel/optim.h - minimising a smooth function of a few parameters
 * (the negative log-likelihoods of the CLV models, over log-parameters).
 *
 * Newton's method with the Hessian taken by central differences of the
 * analytic gradient, Levenberg-Marquardt damping when the Hessian is not
 * positive definite, and a backtracking (Armijo) line search. It converges
 * quadratically near the optimum, which is what reaching the "tight optimum"
 * of the published fits needs, and the final Hessian gives standard errors.
 */
#ifndef CXM_OPTIM_H
#define CXM_OPTIM_H

#include <stddef.h>

#define CXM__OPTIM_MAX_N 8

/**
 * f(x) into *value and its gradient into grad[0..n-1]. Returns CXM_OK, or a
 * negative code to abort; a non-finite value means "outside the domain" and
 * makes the line search step back.
 */
typedef int (*cxm__objective)(double *value, double *grad, const double *x, size_t n, void *ctx);

/**
 * Called after every iteration (it = 1, 2, ...) with the current point, f and
 * gradient there (x is where f was last evaluated when a step was taken).
 * Returns CXM_OK to go on, or a negative code (with the error set) to stop:
 * cxm__minimize then returns that code.
 */
typedef int (*cxm__optim_hook)(void *hook_ctx, unsigned int it, const double *x, double fx, const double *g,
			       size_t n);

typedef struct cxm__optim_opts {
	unsigned int max_iterations; /* 0: 500 */
	double gradient_tol;         /* converged when max_i |g_i| <= tol (1 + |f|) ; 0: 1e-10 */
	cxm__optim_hook hook;        /* NULL: none */
	void *hook_ctx;
} cxm__optim_opts;

/* Why cxm__minimize stopped (cxm__optim_result.stop). */
enum cxm__optim_stop {
	CXM__OPTIM_CONVERGED = 0, /* the gradient test was met */
	CXM__OPTIM_LIMIT = 1,     /* max_iterations were taken first */
	CXM__OPTIM_STALLED = 2    /* no step lowered f (with a fresh Hessian) and the test failed */
};

typedef struct cxm__optim_result {
	double value;                                     /* f at the minimum */
	double gradient[CXM__OPTIM_MAX_N];
	double gradient_norm;                             /* max_i |g_i| */
	double hessian[CXM__OPTIM_MAX_N * CXM__OPTIM_MAX_N]; /* at the minimum, row-major */
	unsigned int iterations;
	int converged;
	int stop;                                         /* an enum cxm__optim_stop */
} cxm__optim_result;

/**
 * Minimise f from x (n <= CXM__OPTIM_MAX_N), in place.
 * Errors: whatever f or opts->hook returns; CXM_EDOMAIN when f is not finite at the start.
 * After a hook's error, res->iterations is the iteration it stopped at.
 * Not converging within max_iterations is not an error: res->converged = 0.
 */
int cxm__minimize(double *x, size_t n, cxm__objective f, void *ctx, const cxm__optim_opts *opts,
		  cxm__optim_result *res);

/**
 * Invert a symmetric positive definite n x n matrix (row-major) in place.
 * Returns 0 on success, -1 when it is not positive definite.
 */
int cxm__spd_inverse(double *a, size_t n);

#endif
