/*
 * lib/clvmodel/bgnbd.c - the BG/NBD model (Fader, Hardie & Lee 2005, "Counting
 * Your Customers the Easy Way") and what it shares with MBG/NBD (bgnbd.h).
 *
 * A customer buys as a Poisson process of rate lambda ~ Gamma(r, alpha) and,
 * after each purchase, drops out with probability p ~ Beta(a, b). With x
 * repeat purchases, the last at t_x, in (0, T] the log-likelihood is
 *
 *   ln[Gamma(r + x) alpha^r / Gamma(r)] + ln[B(a, b + x) / B(a, b)]
 *     - (r + x) ln(alpha + T)
 *     + ln[1 + [x > 0] a / (b + x - 1) ((alpha + T) / (alpha + t_x))^(r + x)]   (FHL eq. 6)
 *
 * MBG/NBD (mbgnbd.c) replaces b + x by b + x + 1 and keeps the last term for
 * x = 0 as well (shift = 1 below).
 */
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "internal.h"
#include "parallel.h"
#include "special.h"
#include "bgnbd.h"

/* Per-x terms are tabulated once per likelihood evaluation for x below this;
 * larger (rare) frequencies compute the same terms row by row. */
#define XTAB_MAX 1024

/* Entries of bg_chunk's cache of ln(alpha + T). */
#define T_CACHE_BITS 8
#define T_CACHE (1u << T_CACHE_BITS)

/* The parts of a row's log-likelihood and gradient that depend on x only. */
struct xterm {
	double ll;  /* ln Gamma(r+x) - ln Gamma(r) + ln B(a, b+x+s) - ln B(a, b) */
	double dr;  /* psi(r+x) - psi(r) */
	double da;  /* psi(a+b) - psi(a+b+x+s) */
	double db;  /* psi(b+x+s) - psi(b) + psi(a+b) - psi(a+b+x+s) */
	double c4;  /* ln a - ln(b+x+s-1): the last term's constant */
	double inv; /* 1 / (b+x+s-1) */
};

struct bg_ctx {
	const cxm__clv_data *d;
	double r, alpha, a, b;
	int shift;
	double lg_r, lg_b, lg_ab, dg_r, dg_b, dg_ab, log_a, inv_a;
	const struct xterm *tab;
	size_t ntab;
	/* ln(alpha + t) and 1 / (alpha + t) of d->times[k] at [2k], [2k + 1];
	 * NULL when d has no time indices */
	const double *ttab;
};

static void xterm_of(struct xterm *t, const struct bg_ctx *c, double x)
{
	double bx = c->b + x + c->shift, abx = c->a + bx, da = c->dg_ab - cxm__digamma(abx);
	t->ll = cxm__lgamma(c->r + x) - c->lg_r + cxm__lgamma(bx) - c->lg_b + c->lg_ab -
		cxm__lgamma(abx);
	t->dr = cxm__digamma(c->r + x) - c->dg_r;
	t->da = da;
	t->db = cxm__digamma(bx) - c->dg_b + da;
	/* BG/NBD at x = 0 has no last term (and b - 1 may be <= 0) */
	if (x > 0.0 || c->shift) {
		t->c4 = c->log_a - log(bx - 1.0);
		t->inv = 1.0 / (bx - 1.0);
	} else {
		t->c4 = -INFINITY;
		t->inv = 0.0;
	}
}

/*
 * acc[0..5]: the row parts of LL, dLL/dr, dLL/dalpha, dLL/da, dLL/db and the
 * weight. The terms r ln(alpha) (and their derivatives) are the same for
 * every customer; loglik adds them once, times the weight.
 */
static void bg_chunk(double *acc, size_t begin, size_t end, void *vctx)
{
	const struct bg_ctx *c = vctx;
	const cxm__clv_data *d = c->d;
	double ll = 0.0, gr = 0.0, gal = 0.0, ga = 0.0, gb = 0.0, wsum = 0.0;
	/* Without time indices (c->ttab NULL): ln(alpha + T) and 1 / (alpha + T)
	 * of recent T values, direct-mapped on T's bits: summaries built from
	 * dates hold few distinct T (one per cohort day; 84 in the synthetic
	 * sets), and the log is a third of a row's cost. A hit returns the very
	 * values computed before, and so does the table ttab, so the sums depend
	 * on neither. */
	double key[T_CACHE], log_aT[T_CACHE], inv_aT[T_CACHE];
	size_t i;
	for (i = 0; i < T_CACHE; i++)
		key[i] = NAN; /* equal to nothing */
	for (i = begin; i < end; i++) {
		double w = d->w ? d->w[i] : 1.0, x = d->x[i], T = d->T[i], rx = c->r + x, aT = c->alpha + T;
		double lT, iT, l, dr, dal, da, db;
		struct xterm own;
		const struct xterm *t = &own;
		uint64_t bits;
		size_t h;
		if (w == 0.0)
			continue;
		if (c->ttab) {
			lT = c->ttab[2 * (size_t)d->T_id[i]];
			iT = c->ttab[2 * (size_t)d->T_id[i] + 1];
		} else {
			memcpy(&bits, &T, sizeof bits);
			h = (size_t)((bits * 0x9e3779b97f4a7c15u) >> (64 - T_CACHE_BITS));
			if (key[h] != T) {
				key[h] = T;
				log_aT[h] = log(aT);
				inv_aT[h] = 1.0 / aT;
			}
			lT = log_aT[h];
			iT = inv_aT[h];
		}
		if (x < (double)c->ntab)
			t = &c->tab[(size_t)x];
		else
			xterm_of(&own, c, x);
		l = t->ll - rx * lT;
		dr = t->dr - lT;
		dal = -rx * iT;
		da = t->da;
		db = t->db;
		if (x > 0.0 || c->shift) {
			/* ln[1 + e^A], A = c4 + (r + x) ln((alpha + T) / (alpha + t_x)),
			 * and its derivative sigma = e^A / (1 + e^A), without overflow.
			 * log() rather than log1p(): the sum needs these terms to an
			 * absolute 1e-15 or so, which log(1 + e) and the difference of
			 * the two logs give, and glibc's log1p is four times slower
			 * (half the fit's time). The logs of times come from ttab when
			 * there is one: the row's only transcendentals are then exp and
			 * one log. */
			double ltx, itx, dl, A, e, sigma;
			if (c->ttab) {
				ltx = c->ttab[2 * (size_t)d->t_x_id[i]];
				itx = c->ttab[2 * (size_t)d->t_x_id[i] + 1];
			} else {
				double atx = c->alpha + d->t_x[i];
				ltx = log(atx);
				itx = 1.0 / atx;
			}
			dl = lT - ltx;
			A = t->c4 + rx * dl;
			if (A > 0.0) {
				e = exp(-A);
				l += A + log(1.0 + e);
				sigma = 1.0 / (1.0 + e);
			} else {
				e = exp(A);
				l += log(1.0 + e);
				sigma = e / (1.0 + e);
			}
			dr += sigma * dl;
			/* sigma (r+x) (1/(alpha+T) - 1/(alpha+t_x)), without the
			 * cancellation: T - t_x is exact when the two are close */
			dal -= sigma * rx * iT * ((T - d->t_x[i]) * itx);
			da += sigma * c->inv_a;
			db -= sigma * t->inv;
		}
		ll += w * l;
		gr += w * dr;
		gal += w * dal;
		ga += w * da;
		gb += w * db;
		wsum += w;
	}
	acc[0] += ll;
	acc[1] += gr;
	acc[2] += gal;
	acc[3] += ga;
	acc[4] += gb;
	acc[5] += wsum;
}

/* The per-evaluation constants of the likelihood at params. */
static void init_ctx(struct bg_ctx *c, const double *params, const cxm__clv_data *d, int shift)
{
	c->d = d;
	c->r = params[0];
	c->alpha = params[1];
	c->a = params[2];
	c->b = params[3];
	c->shift = shift;
	c->lg_r = cxm__lgamma(c->r);
	c->lg_b = cxm__lgamma(c->b);
	c->lg_ab = cxm__lgamma(c->a + c->b);
	c->dg_r = cxm__digamma(c->r);
	c->dg_b = cxm__digamma(c->b);
	c->dg_ab = cxm__digamma(c->a + c->b);
	c->log_a = log(c->a);
	c->inv_a = 1.0 / c->a;
	c->tab = NULL;
	c->ntab = 0;
	c->ttab = NULL;
}

/* Tabulate the terms of x = 0 .. ntab - 1 into tab (owned by the caller). */
static void fill_tab(struct bg_ctx *c, struct xterm *tab, size_t ntab)
{
	size_t i;
	for (i = 0; i < ntab; i++)
		xterm_of(&tab[i], c, (double)i);
	c->tab = tab;
	c->ntab = ntab;
}

/* Add the terms common to every customer to bg_chunk's sums. */
static void finish(double *ll, double *grad_log, const struct bg_ctx *c, const double *acc)
{
	double la = log(c->alpha);
	*ll = acc[0] + acc[5] * c->r * la;
	grad_log[0] = c->r * (acc[1] + acc[5] * la);
	grad_log[1] = c->alpha * acc[2] + acc[5] * c->r;
	grad_log[2] = c->a * acc[3];
	grad_log[3] = c->b * acc[4];
}

int cxm__bgfam_loglik(double *ll, double *grad_log, const double *params, const cxm__clv_data *d,
		      int shift)
{
	struct bg_ctx c;
	struct xterm *tab;
	double acc[6], xmax = 0.0, *ttab;
	size_t i, ntab, nt = d->t_x_id && d->T_id ? d->n_times : 0;
	int rc;
	init_ctx(&c, params, d, shift);
	/* Frequencies repeat (CDNOW: 0..29 over 2,357 customers): tabulate the
	 * six special-function terms per x instead of per row. */
	for (i = 0; i < d->n; i++)
		if (d->x[i] > xmax)
			xmax = d->x[i];
	ntab = xmax + 1.0 < XTAB_MAX ? (size_t)xmax + 1 : XTAB_MAX;
	/* one block: the x terms, then two doubles per distinct time */
	if (nt > (SIZE_MAX - ntab * sizeof *tab) / (2 * sizeof *ttab))
		nt = 0;
	if ((rc = cxm__alloc_array(&tab, 1, ntab * sizeof *tab + nt * 2 * sizeof *ttab, "BG/NBD likelihood")) < 0)
		return rc;
	fill_tab(&c, tab, ntab);
	/* The times' logs, once per distinct time rather than per row (the
	 * synthetic 1M set: 3,966 times for 321,400 rows), as bg_chunk would
	 * compute them. */
	if (nt > 0) {
		ttab = (double *)(tab + ntab);
		for (i = 0; i < nt; i++) {
			double at = c.alpha + d->times[i];
			ttab[2 * i] = log(at);
			ttab[2 * i + 1] = 1.0 / at;
		}
		c.ttab = ttab;
	}
	rc = cxm__parallel_sum(acc, 6, d->n, bg_chunk, &c, d->threads);
	cxm__free(tab);
	if (rc < 0)
		return rc;
	finish(ll, grad_log, &c, acc);
	return CXM_OK;
}

/*
 * Starting point. lifetimes starts every parameter at 1 with time scaled so
 * that the largest T is 10; the likelihood is invariant to the time unit
 * when alpha scales with it, so alpha = max(T) / 10, r = a = b = 1 is the
 * same start in our units. Newton's method in log-parameters goes from
 * there to the optimum in 7 steps on CDNOW and on the synthetic sets.
 */
void cxm__bgfam_start(double *params, const cxm__clv_data *d)
{
	double tmax = 0.0;
	size_t i;
	for (i = 0; i < d->n; i++)
		if (d->T[i] > tmax)
			tmax = d->T[i];
	params[0] = 1.0;
	params[1] = tmax > 0.0 && isfinite(tmax) ? tmax / 10.0 : 1.0;
	params[2] = 1.0;
	params[3] = 1.0;
}

/* The series below stops by then at the latest; it needs about
 * 40 / (1 - z) terms, so this allows t up to ~2e5 times alpha + T. */
#define SERIES_MAX 10000000L

/*
 * E[X(T, T + t) | x, t_x, T] = P(alive) (c / (a - 1))
 *     [1 - ((alpha + T) / (alpha + T + t))^(r + x) 2F1(r + x, b + x + s; c; z)],
 * c = a + b + x + s - 1, z = t / (alpha + T + t) (FHL eq. 10; lifetimes'
 * MBG/NBD for s = 1). Euler's transformation 2F1(A, B; C; z) =
 * (1 - z)^(C - A - B) 2F1(C - A, C - B; C; z) turns the bracket into
 *     1 - (1 - z)^e F,  F = 2F1(p, e; c; z),  e = a - 1,  p = a + b + s - 1 - r,
 * whose parameters do not grow with x: the series neither overflows (the
 * untransformed one does for large x, where lifetimes switches formulas) nor
 * needs more terms for heavy buyers. With F = 1 + e G,
 *     (c / e) [1 - (1 - z)^e F] = c (1 - (1 - z)^e) / e - (1 - z)^e c G,
 * which stays finite as a -> 1 (the first part tends to -c ln(1 - z)) and as
 * c -> 0 (H = c G is summed directly: h_1 = p z, h_{k+1} = h_k (p + k)
 * (e + k) z / ((c + k) (k + 1))). cxm__bgfam_body is that without the
 * factor P(alive), so it depends on (x, T) only, not on t_x; it is NaN if the
 * series does not settle.
 */
double cxm__bgfam_body(const double *params, int shift, double t, double x, double T)
{
	double r = params[0], alpha = params[1], a = params[2], b = params[3];
	double e = a - 1.0, c = a + b + x + shift - 1.0, p = a + b + shift - 1.0 - r;
	double z, L, q, term, sum;
	long k;
	if (t == 0.0)
		return 0.0;
	z = t / (alpha + T + t);
	L = -log1p(t / (alpha + T)); /* ln(1 - z) */
	q = e == 0.0 ? -L : -expm1(e * L) / e;
	term = p * z;
	sum = term;
	for (k = 1; term != 0.0; k++) {
		if (k > SERIES_MAX)
			return NAN;
		term *= (p + k) * (e + k) / ((c + k) * (k + 1.0)) * z;
		sum += term;
		/* From k > -p on the terms keep one sign and shrink at least by
		 * rho = z max(1, (e + k) / (k + 1)) each step: the rest of the series
		 * is below |term| rho / (1 - rho). (The first test is the cheap one.) */
		if (fabs(term) <= 1e-17 * fabs(sum) && p + k > 0.0) {
			double rho = z * fmax(1.0, (e + k) / (k + 1.0));
			if (rho < 1.0 && fabs(term) * rho <= 1e-17 * (1.0 - rho) * fabs(sum))
				break;
		}
	}
	return c * q - exp(e * L) * sum;
}

double cxm__bgfam_expected(const double *params, int shift, double t, double x, double t_x, double T)
{
	return cxm__bgfam_body(params, shift, t, x, T) * cxm__bgfam_p_alive(params, shift, x, t_x, T);
}

static int bgnbd_loglik(double *ll, double *grad_log, const double *params, const cxm__clv_data *d)
{
	return cxm__bgfam_loglik(ll, grad_log, params, d, 0);
}

static double bgnbd_expected(const double *params, double t, double x, double t_x, double T)
{
	return cxm__bgfam_expected(params, 0, t, x, t_x, T);
}

static double bgnbd_p_alive(const double *params, double x, double t_x, double T)
{
	return cxm__bgfam_p_alive(params, 0, x, t_x, T);
}

/* E[X(t)] of a new customer: the conditional expectation at x = t_x = T = 0
 * is FHL's eq. 9, (a + b - 1) / (a - 1) [1 - (alpha / (alpha + t))^r 2F1(r, b; a + b - 1; t / (alpha + t))]. */
static double bgnbd_unconditional(const double *params, double t)
{
	return cxm__bgfam_expected(params, 0, t, 0.0, 0.0, 0.0);
}

const cxm__clv_ops cxm__bgnbd_ops = {
	CXM_CLV_BGNBD,       4, { "r", "alpha", "a", "b" }, cxm__bgfam_start, bgnbd_loglik,
	bgnbd_expected,      bgnbd_p_alive, bgnbd_unconditional
};
