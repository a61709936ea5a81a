/* lib/clvmodel/optim.c - damped Newton minimisation (see optim.h). */
#include <math.h>
#include <string.h>
#include "internal.h"
#include "optim.h"

/* Cholesky factor of a + lambda I (lower, in l); 0 on success, -1 if not positive definite. */
static int cholesky(double *l, const double *a, size_t n, double lambda)
{
	size_t i, j, k;
	for (i = 0; i < n; i++) {
		for (j = 0; j <= i; j++) {
			double s = a[i * n + j] + (i == j ? lambda : 0.0);
			for (k = 0; k < j; k++)
				s -= l[i * n + k] * l[j * n + k];
			if (i == j) {
				if (!(s > 0.0) || !isfinite(s))
					return -1;
				l[i * n + i] = sqrt(s);
			} else {
				l[i * n + j] = s / l[j * n + j];
			}
		}
	}
	return 0;
}

/* Solve L L^T x = b in place. */
static void cholesky_solve(double *b, const double *l, size_t n)
{
	size_t i, k;
	for (i = 0; i < n; i++) {
		for (k = 0; k < i; k++)
			b[i] -= l[i * n + k] * b[k];
		b[i] /= l[i * n + i];
	}
	for (i = n; i-- > 0;) {
		for (k = i + 1; k < n; k++)
			b[i] -= l[k * n + i] * b[k];
		b[i] /= l[i * n + i];
	}
}

int cxm__spd_inverse(double *a, size_t n)
{
	double l[CXM__OPTIM_MAX_N * CXM__OPTIM_MAX_N], col[CXM__OPTIM_MAX_N];
	double inv[CXM__OPTIM_MAX_N * CXM__OPTIM_MAX_N];
	size_t i, j;
	if (cholesky(l, a, n, 0.0) < 0)
		return -1;
	for (j = 0; j < n; j++) {
		for (i = 0; i < n; i++)
			col[i] = i == j ? 1.0 : 0.0;
		cholesky_solve(col, l, n);
		for (i = 0; i < n; i++)
			inv[i * n + j] = col[i];
	}
	memcpy(a, inv, n * n * sizeof *a);
	return 0;
}

static double max_abs(const double *g, size_t n)
{
	double m = 0.0;
	size_t i;
	for (i = 0; i < n; i++)
		m = fmax(m, fabs(g[i]));
	return m;
}

/* Hessian by central differences of the gradient, symmetrised. */
static int hessian(double *h, const double *x, size_t n, cxm__objective f, void *ctx)
{
	double xp[CXM__OPTIM_MAX_N], gp[CXM__OPTIM_MAX_N], gm[CXM__OPTIM_MAX_N], v;
	size_t i, j;
	int rc;
	for (j = 0; j < n; j++) {
		double step = 1e-5 * fmax(1.0, fabs(x[j]));
		memcpy(xp, x, n * sizeof *x);
		xp[j] = x[j] + step;
		if ((rc = f(&v, gp, xp, n, ctx)) < 0)
			return rc;
		xp[j] = x[j] - step;
		if ((rc = f(&v, gm, xp, n, ctx)) < 0)
			return rc;
		for (i = 0; i < n; i++)
			h[i * n + j] = (gp[i] - gm[i]) / (2.0 * step);
	}
	for (i = 0; i < n; i++)
		for (j = 0; j < i; j++)
			h[i * n + j] = h[j * n + i] = 0.5 * (h[i * n + j] + h[j * n + i]);
	return CXM_OK;
}

/* BFGS: h += y y^T / (y.s) - (h s)(h s)^T / (s.h s) for the step s and the
 * change y of the gradient; skipped (and a fresh Hessian asked for) when the
 * curvature condition fails, which keeps h positive definite. */
static void bfgs_update(double *h, const double *x, const double *xn, const double *g,
			const double *gn, size_t n, int *stale)
{
	double s[CXM__OPTIM_MAX_N], y[CXM__OPTIM_MAX_N], hs[CXM__OPTIM_MAX_N];
	double sy = 0.0, shs = 0.0, ss = 0.0, yy = 0.0;
	size_t i, j;
	for (i = 0; i < n; i++) {
		s[i] = xn[i] - x[i];
		y[i] = gn[i] - g[i];
		sy += s[i] * y[i];
		ss += s[i] * s[i];
		yy += y[i] * y[i];
	}
	for (i = 0; i < n; i++) {
		hs[i] = 0.0;
		for (j = 0; j < n; j++)
			hs[i] += h[i * n + j] * s[j];
		shs += s[i] * hs[i];
	}
	if (!(sy > 1e-10 * sqrt(ss * yy)) || !(shs > 0.0)) {
		*stale = 1;
		return;
	}
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			h[i * n + j] += y[i] * y[j] / sy - hs[i] * hs[j] / shs;
}

/* The caller's hook after iteration `it` (a stop keeps `it` in res). */
static int report(const cxm__optim_opts *opts, cxm__optim_result *res, unsigned it, const double *x, double fx,
		  const double *g, size_t n)
{
	int rc;
	if (opts == NULL || opts->hook == NULL)
		return CXM_OK;
	if ((rc = opts->hook(opts->hook_ctx, it, x, fx, g, n)) < 0) {
		res->iterations = it;
		res->converged = 0;
	}
	return rc;
}

int cxm__minimize(double *x, size_t n, cxm__objective f, void *ctx, const cxm__optim_opts *opts,
		  cxm__optim_result *res)
{
	unsigned max_it = opts && opts->max_iterations ? opts->max_iterations : 500;
	double tol = opts && opts->gradient_tol > 0 ? opts->gradient_tol : 1e-10;
	double fx, g[CXM__OPTIM_MAX_N], h[CXM__OPTIM_MAX_N * CXM__OPTIM_MAX_N];
	double l[CXM__OPTIM_MAX_N * CXM__OPTIM_MAX_N], d[CXM__OPTIM_MAX_N], xn[CXM__OPTIM_MAX_N];
	double gn[CXM__OPTIM_MAX_N], fn, lambda = 0.0;
	unsigned it;
	size_t i;
	int rc, h_fresh = 0; /* h is a finite-difference Hessian at x, not a BFGS estimate */
	int h_stale = 0;     /* the BFGS estimate failed: take a fresh one */

	memset(res, 0, sizeof *res);
	if ((rc = f(&fx, g, x, n, ctx)) < 0)
		return rc;
	if (!isfinite(fx))
		return cxm__fail(CXM_EDOMAIN, "the likelihood is not finite at the starting point");
	for (it = 0; it < max_it; it++) {
		double slope = 0.0, t = 1.0;
		if (max_abs(g, n) <= tol * (1.0 + fabs(fx))) {
			res->converged = 1;
			break;
		}
		/* The finite-difference Hessian costs 2n gradients; it is taken at the
		 * start and whenever the cheaper BFGS estimate stops helping. */
		if (it == 0 || (!h_fresh && h_stale)) {
			if ((rc = hessian(h, x, n, f, ctx)) < 0)
				return rc;
			h_fresh = 1;
			h_stale = 0;
		}
		/* Newton direction, damped until the system is positive definite */
		for (lambda = lambda > 0 ? lambda / 10.0 : 0.0;; lambda = lambda > 0 ? lambda * 10.0 : 1e-8) {
			double scale = 1e-300;
			for (i = 0; i < n; i++)
				scale = fmax(scale, fabs(h[i * n + i]));
			if (cholesky(l, h, n, lambda * scale) == 0)
				break;
			if (lambda > 1e12) { /* give up on curvature: steepest descent */
				for (i = 0; i < n * n; i++)
					l[i] = i % (n + 1) == 0 ? 1.0 : 0.0;
				break;
			}
		}
		for (i = 0; i < n; i++)
			d[i] = -g[i];
		cholesky_solve(d, l, n);
		for (i = 0; i < n; i++)
			slope += g[i] * d[i];
		if (!(slope < 0.0)) { /* not a descent direction: use the gradient */
			for (i = 0; i < n; i++)
				d[i] = -g[i];
			slope = -max_abs(g, n) * max_abs(g, n);
		}
		/* Armijo backtracking; steps in log-parameters are capped at e^±5 */
		{
			double big = max_abs(d, n);
			if (big > 5.0)
				t = 5.0 / big;
		}
		for (;;) {
			for (i = 0; i < n; i++)
				xn[i] = x[i] + t * d[i];
			if ((rc = f(&fn, gn, xn, n, ctx)) < 0)
				return rc;
			/* strict decrease: when 1e-4 t slope is below f's last bit, "<=" would
			 * accept steps that change nothing, forever */
			if (isfinite(fn) && fn <= fx + 1e-4 * t * slope && fn < fx)
				break;
			/* Near the optimum the decrease Newton promises (g H^-1 g / 2) is
			 * below f's rounding noise, so f cannot judge the step; a step that
			 * leaves f unchanged within that noise and halves the gradient is
			 * progress (this is what reaches the tight optimum). */
			if (isfinite(fn) && fn <= fx + 1e-12 * (1.0 + fabs(fx)) && max_abs(gn, n) <= 0.5 * max_abs(g, n))
				break;
			t *= 0.5;
			if (t < 1e-20)
				break;
		}
		if (t < 1e-20 || !isfinite(fn)) {
			if (!h_fresh) { /* the estimate may be to blame: retry with a fresh Hessian */
				h_stale = 1;
				if ((rc = report(opts, res, it + 1, x, fx, g, n)) < 0)
					return rc;
				continue;
			}
			/* no further decrease is possible at double precision */
			res->converged = max_abs(g, n) <= 1e3 * tol * (1.0 + fabs(fx));
			res->stop = res->converged ? CXM__OPTIM_CONVERGED : CXM__OPTIM_STALLED;
			break;
		}
		bfgs_update(h, x, xn, g, gn, n, &h_stale);
		h_fresh = 0;
		memcpy(x, xn, n * sizeof *x);
		memcpy(g, gn, n * sizeof *g);
		fx = fn;
		if ((rc = report(opts, res, it + 1, x, fx, g, n)) < 0)
			return rc;
	}
	if (!res->converged && res->stop != CXM__OPTIM_STALLED)
		res->stop = CXM__OPTIM_LIMIT; /* the loop ran out of iterations */
	res->value = fx;
	memcpy(res->gradient, g, n * sizeof *g);
	res->gradient_norm = max_abs(g, n);
	res->iterations = it;
	if ((rc = hessian(res->hessian, x, n, f, ctx)) < 0)
		return rc;
	return CXM_OK;
}
