/*
 * lib/clvfit/pnbd.c - the Pareto/NBD model (Schmittlein, Morrison & Colombo
 * 1987): purchases at Poisson rate lambda ~ Gamma(r, alpha) while alive, an
 * exponential lifetime of rate mu ~ Gamma(s, beta).
 *
 * Likelihood of (x, t_x, T), after Fader & Hardie's notes 008/009:
 *     L = Gamma(r + x) alpha^r beta^s / Gamma(r)
 *         [ (alpha + T)^-(r+x) (beta + T)^-s + s I ],
 *     I = integral from t_x to T of (alpha + tau)^-(r+x) (beta + tau)^-(s+1) dtau
 * (s I is their s / (r + s + x) A0). With big/small the larger/smaller of
 * alpha and beta and e_big/e_small the exponents on their side (alpha carries
 * r + x, beta carries s + 1), the tail integral from y to infinity is
 *     Phi(y) = (big + y)^-e_big (small + y)^(1 - e_small) / p  S(w),
 *     S(w) = 2F1(1, e_big; p + 1; w) = sum_k (e_big)_k / (p + 1)_k w^k,
 *     p = r + s + x,  w = |alpha - beta| / (big + y),
 * and I = Phi(t_x) - Phi(T). This is the note's A0 with 2F1(r+s+x, s+1;
 * r+s+x+1; (alpha-beta)/(alpha+t)) for alpha >= beta and 2F1(r+s+x, r+x; ...;
 * (beta-alpha)/(beta+t)) otherwise, after Euler's transformation, which
 * makes every term positive and the ratio of terms smaller than w. Splitting
 * by the larger rate keeps w in [0, 1) and away from the branch point.
 *
 * When w is close to 1 (the two rates differ by a large factor and t is short)
 * the series slows down; there Phi(y) is the integral from y to the point tau*
 * where w = W_MAX, by Gauss-Legendre quadrature in u = log((small + tau) /
 * (big + tau)), plus the series at tau*. The integrand is e^((1 - e_small) u)
 * (1 - e^u)^(p - 1), smooth and, for p >= 1, log-concave, so panels sized by
 * its log-slope and a tail bound make this exact to rounding.
 *
 * Everything is carried as e^K v with K the log of Phi's prefactor, so that
 * nothing under- or overflows for large x, and the derivatives with respect to
 * (e_big, e_small, big, small) come out of the same sums: d/d e of the
 * exponents, and d/dw of S term by term. Per-customer log Gamma(r + x) -
 * log Gamma(r) and digamma differences come from per-call tables (x is a
 * whole number), so the likelihood needs no special function per customer
 * (glibc's lgamma is not thread-safe either: it writes signgam).
 */
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "internal.h"
#include "models.h"
#include "optim.h"
#include "parallel.h"

#define W_MAX 0.6     /* series for w <= W_MAX, quadrature beyond */
#define XTAB 512      /* per-call tables for x = 0..XTAB; larger x use asymptotic series */
#define KTAB 256      /* reciprocal tables reach x + k <= XTAB + KTAB */
#define NTAB (XTAB + KTAB + 1)
#define SERIES_EPS 0x1p-54
#define QUAD_SLOPE 3.0 /* panel width times the integrand's log-slope */
#define PILOT_ROWS 16384
#define CACHE_SLOTS 256

/* Gauss-Legendre, 10 nodes on [-1, 1]: the positive half (nodes, weights). */
static const double gl_x[5] = { 0.14887433898163122, 0.4333953941292472, 0.6794095682990244,
				0.8650633666889845, 0.9739065285171717 };
static const double gl_w[5] = { 0.295524224714753, 0.2692667193099965, 0.219086362515982,
				0.14945134915058036, 0.06667134430868807 };

enum { D_EBIG, D_ESMALL, D_BIG, D_SMALL };

/* Phi = e^K v, and dPhi / d theta_i = e^K d[i], theta = (e_big, e_small, big, small). */
struct phi {
	double K, v, d[4];
};

/* What Phi depends on besides y: the rates and a customer's exponents. */
struct shape {
	double big, small, c, log_c; /* c = big - small >= 0 */
	double eb, es, p, log_p;     /* e_big, e_small, p = e_big + e_small - 1 */
	int alpha_big;
	size_t xi;                   /* x as a table index, or NTAB when beyond the tables */
};

/* A point y: big + y, small + y and their logs. */
struct point {
	double by, sy, l_by, l_sy;
};

/*
 * Reciprocals 1 / (r + j), 1 / (s + j), 1 / (r + s + j) for j < NTAB: every
 * division of the series (1 / (e_big + k - 1) and 1 / (p + k)) is one of
 * them, since x is a whole number, which takes the divisions out of the
 * likelihood's inner loop.
 */
struct recips {
	double rr[NTAB], rs[NTAB], rrs[NTAB];
};

static void recips_init(struct recips *t, double r, double s)
{
	int j;
	for (j = 0; j < NTAB; j++) {
		t->rr[j] = 1.0 / (r + j);
		t->rs[j] = 1.0 / (s + j);
		t->rrs[j] = 1.0 / (r + s + j);
	}
}

static void shape_init(struct shape *sh, const double *params, double x)
{
	double r = params[0], alpha = params[1], s = params[2], beta = params[3];
	sh->alpha_big = alpha >= beta;
	if (sh->alpha_big) {
		sh->big = alpha;
		sh->small = beta;
		sh->eb = r + x;
		sh->es = s + 1.0;
	} else {
		sh->big = beta;
		sh->small = alpha;
		sh->eb = s + 1.0;
		sh->es = r + x;
	}
	sh->c = sh->big - sh->small;
	sh->log_c = sh->c > 0.0 ? log(sh->c) : -INFINITY;
	sh->p = r + s + x;
	sh->log_p = log(sh->p);
	sh->xi = x <= XTAB ? (size_t)x : NTAB;
}

/* The point y, given log(alpha + y) and log(beta + y). */
static void point_init(struct point *pt, const struct shape *sh, double y, double l_ay, double l_by)
{
	pt->by = sh->big + y;
	pt->sy = sh->small + y;
	pt->l_by = sh->alpha_big ? l_ay : l_by;
	pt->l_sy = sh->alpha_big ? l_by : l_ay;
}

/* log of Phi's prefactor (big + y)^-e_big (small + y)^(1 - e_small) / p */
static double phi_K(const struct shape *sh, const struct point *pt)
{
	return -sh->eb * pt->l_by + (1.0 - sh->es) * pt->l_sy - sh->log_p;
}

/*
 * The series part: Phi at n (1 or 2) points with w = c / (big + y) <= W_MAX,
 * sharing the coefficients (two lanes always run; with n = 1 the second is a
 * copy of the first). With t_k = u_k w^k, u_k = (e_big)_k / (p + 1)_k:
 *   dS/de_big = sum t_k (H_k - G_k), dS/de_small = -sum t_k G_k,
 *   H_k = sum_{j<k} 1 / (e_big + j), G_k = sum_{j=1..k} 1 / (p + j),
 *   S'(w) = sum k t_k / w (= u_1 = e_big / (p + 1) at w = 0).
 * The ratio of terms is below w, so the tail after t_k is below t_k w / (1 - w);
 * (k + 1) t_k also bounds the tail of the k-weighted sum. This loop is most
 * of the likelihood's time: no divisions (recips), no int-to-double
 * conversions, and the two lanes are independent chains.
 */
static void phi_series(struct phi *ph, const struct point *pt, int n, const struct shape *sh,
		       const struct recips *tb, int grad)
{
	const struct point *q1 = n > 1 ? &pt[1] : &pt[0];
	double w0 = sh->c / pt[0].by, w1 = sh->c / q1->by, eb = sh->eb, p = sh->p;
	double stop0 = SERIES_EPS * (1.0 - w0), stop1 = SERIES_EPS * (1.0 - w1);
	double pw0 = 1.0, pw1 = 1.0, S0 = 1.0, S1 = 1.0, K0 = 0.0, K1 = 0.0;
	double AB0 = 0.0, AB1 = 0.0, B0 = 0.0, B1 = 0.0, u = 1.0, HG = 0.0, G = 0.0, kd = 0.0, num = eb;
	size_t k, ktab = tb != NULL && sh->xi < NTAB ? NTAB - 1 - sh->xi : 0;
	const double *rden = ktab ? tb->rrs + sh->xi : NULL;
	/* 1 / (e_big + k - 1): 1 / (r + x + k - 1) or 1 / (s + k) */
	const double *rnum = ktab ? (sh->alpha_big ? tb->rr + sh->xi : tb->rs + 1) : NULL;
	double sw[2], s_[2], ab[2], b_[2];
	int i;
	for (k = 1; k < 100000; k++) {
		double iden, t0, t1;
		kd += 1.0;
		iden = k <= ktab ? rden[k] : 1.0 / (p + kd);
		u *= num * iden;
		if (grad) {
			double inum = k <= ktab ? rnum[k - 1] : 1.0 / num;
			HG += inum - iden;
			G += iden;
		}
		num += 1.0;
		pw0 *= w0;
		pw1 *= w1;
		t0 = u * pw0;
		t1 = u * pw1;
		S0 += t0;
		S1 += t1;
		K0 += kd * t0;
		K1 += kd * t1;
		AB0 += t0 * HG;
		AB1 += t1 * HG;
		B0 += t0 * G;
		B1 += t1 * G;
		if ((kd + 1.0) * t0 <= stop0 * S0 && (kd + 1.0) * t1 <= stop1 * S1)
			break;
	}
	s_[0] = S0;
	s_[1] = S1;
	ab[0] = AB0;
	ab[1] = AB1;
	b_[0] = B0;
	b_[1] = B1;
	sw[0] = w0 > 0.0 ? K0 / w0 : eb / (p + 1.0);
	sw[1] = w1 > 0.0 ? K1 / w1 : eb / (p + 1.0);
	for (i = 0; i < n; i++) {
		double by = pt[i].by, sy = pt[i].sy;
		ph[i].K = phi_K(sh, &pt[i]);
		ph[i].v = s_[i];
		if (!grad)
			continue;
		ph[i].d[D_EBIG] = s_[i] * (-pt[i].l_by - 1.0 / p) + ab[i];
		ph[i].d[D_ESMALL] = s_[i] * (-pt[i].l_sy - 1.0 / p) - b_[i];
		ph[i].d[D_BIG] = -eb / by * s_[i] + sw[i] * sy / (by * by);
		ph[i].d[D_SMALL] = (1.0 - sh->es) / sy * s_[i] - sw[i] / by;
	}
}

/* The point tau* where w = W_MAX: big + tau* = c / W_MAX, small + tau* = c (1 - W_MAX) / W_MAX. */
static void star_point(struct point *pt, const struct shape *sh)
{
	pt->by = sh->c / W_MAX;
	pt->sy = sh->c * (1.0 - W_MAX) / W_MAX;
	pt->l_by = sh->log_c - log(W_MAX);
	pt->l_sy = sh->log_c + log((1.0 - W_MAX) / W_MAX);
}

/* log of the quadrature integrand in u (before dividing by e^K), and its slope. */
static double quad_log(const struct shape *sh, double u, double *slope)
{
	double v = exp(u), l1v = log1p(-v);
	*slope = (1.0 - sh->es) - (sh->p - 1.0) * v / (1.0 - v);
	return -sh->p * sh->log_c + (1.0 - sh->es) * u + (sh->p - 1.0) * l1v;
}

/*
 * Phi(y) for w(y) > W_MAX: the integral over [y, tau*] plus star = Phi(tau*).
 * Over [y, tau*], big + tau = c / (1 - v) and small + tau = c v / (1 - v),
 * v = e^u; the derivative integrands are the integrand times -log(big + tau),
 * -log(small + tau), -e_big / (big + tau), -e_small / (small + tau). The
 * limit tau* moves with the parameters, but its contributions to the two
 * parts cancel, so the parts' partial derivatives add.
 */
static void phi_quad(struct phi *ph, const struct point *pt, const struct shape *sh, const struct phi *star,
		     int grad)
{
	double u = log(pt->sy / pt->by), u_hi = log1p(-W_MAX), h_max = -0.5 * u_hi;
	double acc[5] = { 0.0, 0.0, 0.0, 0.0, 0.0 }, scale;
	int i, j;
	ph->K = phi_K(sh, pt);
	while (u < u_hi) {
		double s0, s1, h, mid, half, tail;
		(void)quad_log(sh, u, &s0);
		h = fmin(fmin(u_hi - u, h_max), QUAD_SLOPE / fmax(fabs(s0), 1e-300));
		(void)quad_log(sh, u + h, &s1);
		if (fabs(s1) * h > QUAD_SLOPE)
			h = QUAD_SLOPE / fabs(s1);
		half = 0.5 * h;
		mid = u + half;
		for (i = 0; i < 10; i++) {
			double node = i < 5 ? mid - half * gl_x[i] : mid + half * gl_x[i - 5];
			double wt = half * gl_w[i < 5 ? i : i - 5], sl, f, v, omv, l1v;
			f = wt * exp(quad_log(sh, node, &sl) - ph->K);
			acc[0] += f;
			if (!grad)
				continue;
			v = exp(node);
			omv = 1.0 - v;
			l1v = log1p(-v);
			acc[1] -= f * (sh->log_c - l1v);
			acc[2] -= f * (sh->log_c + node - l1v);
			acc[3] -= f * sh->eb * omv / sh->c;
			acc[4] -= f * sh->es * omv / (sh->c * v);
		}
		u += h;
		/* log-concave and falling: what is left is below f(u) / |slope| */
		tail = exp(quad_log(sh, u, &s1) - ph->K);
		if (sh->p >= 1.0 && s1 < 0.0 && tail <= 1e-18 * fabs(s1) * acc[0])
			break;
	}
	scale = exp(star->K - ph->K);
	ph->v = acc[0] + scale * star->v;
	if (grad)
		for (j = 0; j < 4; j++)
			ph->d[j] = acc[j + 1] + scale * star->d[j];
}

/*
 * Phi at t_x (into *p1, unless p1 is NULL) and at T (into *p2), for one
 * customer's shape. The two series share their coefficients; when t_x needs
 * the quadrature, the series at tau* rides along with the one at T.
 */
static void phi_pair(struct phi *p1, struct phi *p2, const struct point *px, const struct point *pT,
		     const struct shape *sh, const struct recips *tb, int grad)
{
	struct point pts[2];
	struct phi out[2];
	if (p1 == NULL) {
		phi_series(p2, pT, 1, sh, tb, grad);
		return;
	}
	if (sh->c <= W_MAX * px->by) {
		pts[0] = *px;
		pts[1] = *pT;
		phi_series(out, pts, 2, sh, tb, grad);
		*p1 = out[0];
		*p2 = out[1];
		return;
	}
	star_point(&pts[0], sh);
	pts[1] = *pT;
	if (sh->c <= W_MAX * pT->by) {
		phi_series(out, pts, 2, sh, tb, grad);
		*p2 = out[1];
	} else {
		phi_series(out, pts, 1, sh, tb, grad);
		phi_quad(p2, pT, sh, &out[0], grad);
	}
	phi_quad(p1, px, sh, &out[0], grad);
}

/* Phi at one point y (the x = 0, t_x = 0 term). */
static void phi_one(struct phi *ph, const struct point *pt, const struct shape *sh, const struct recips *tb,
		    int grad)
{
	struct point star;
	struct phi out;
	if (sh->c <= W_MAX * pt->by) {
		phi_series(ph, pt, 1, sh, tb, grad);
		return;
	}
	star_point(&star, sh);
	phi_series(&out, &star, 1, sh, tb, grad);
	phi_quad(ph, pt, sh, &out, grad);
}

/* log Gamma and digamma for z >= 256 by their asymptotic series (error < 1e-20). */
static double lgamma_big(double z)
{
	double iz = 1.0 / z, iz2 = iz * iz;
	return (z - 0.5) * log(z) - z + 0.91893853320467274178 +
	       iz * (1.0 / 12.0 - iz2 * (1.0 / 360.0 - iz2 / 1260.0));
}

static double digamma_big(double z)
{
	double iz = 1.0 / z, iz2 = iz * iz;
	return log(z) - 0.5 * iz - iz2 * (1.0 / 12.0 - iz2 * (1.0 / 120.0 - iz2 / 252.0));
}

/* Per-call state shared (read-only) by the threads. */
struct ll_ctx {
	const cxm__clv_data *d;
	size_t stride;                 /* rows 0, stride, 2 stride, ... */
	double params[4];
	struct phi phi0;               /* Phi(0) with x = 0: every x = 0 customer's t_x term */
	struct shape shape0;
	double lg[XTAB + 1];           /* log Gamma(r + x) - log Gamma(r) */
	double dg[XTAB + 1];           /* psi(r + x) - psi(r) */
	struct recips tb;
};

/* sum_{j<x} f(r + j) for x = 0..XTAB, compensated (Neumaier) so that the
 * tables are as exact as the logs themselves. */
static void fill_tables(struct ll_ctx *c)
{
	double r = c->params[0], s1 = 0.0, c1 = 0.0, s2 = 0.0, c2 = 0.0;
	int j;
	c->lg[0] = c->dg[0] = 0.0;
	for (j = 0; j < XTAB; j++) {
		double a = log(r + j), b = 1.0 / (r + j), t;
		t = s1 + a;
		c1 += fabs(s1) >= fabs(a) ? (s1 - t) + a : (a - t) + s1;
		s1 = t;
		t = s2 + b;
		c2 += fabs(s2) >= fabs(b) ? (s2 - t) + b : (b - t) + s2;
		s2 = t;
		c->lg[j + 1] = s1 + c1;
		c->dg[j + 1] = s2 + c2;
	}
}

/* Map derivatives in (e_big, e_small, big, small) to (r, alpha, s, beta). */
static void to_params(double *g, const double *dt, int alpha_big)
{
	if (alpha_big) {
		g[0] = dt[D_EBIG];
		g[1] = dt[D_BIG];
		g[2] = dt[D_ESMALL];
		g[3] = dt[D_SMALL];
	} else {
		g[0] = dt[D_ESMALL];
		g[1] = dt[D_SMALL];
		g[2] = dt[D_EBIG];
		g[3] = dt[D_BIG];
	}
}

/*
 * One customer: log L minus the parameter-only part r log alpha + s log beta,
 * and its gradient in (r, alpha, s, beta) into g.
 */
static double customer(double *g, const struct ll_ctx *c, double x, double t_x, double T)
{
	const double *pr = c->params;
	double r = pr[0], alpha = pr[1], s = pr[2], beta = pr[3];
	double a = r + x, l_at = log(alpha + T), l_bt = log(beta + T), log_e1 = -a * l_at - s * l_bt;
	double ll, lgx, dgx;
	size_t xi = x <= XTAB ? (size_t)x : XTAB;

	lgx = c->lg[xi];
	dgx = c->dg[xi];
	if (x > XTAB) {
		lgx += lgamma_big(a) - lgamma_big(r + XTAB);
		dgx += digamma_big(a) - digamma_big(r + XTAB);
	}
	if (!(t_x < T)) { /* I = 0 */
		ll = log_e1;
		g[0] = -l_at;
		g[1] = -a / (alpha + T);
		g[2] = -l_bt;
		g[3] = -s / (beta + T);
	} else {
		struct shape shx;
		struct point px, pT;
		struct phi p1, p2;
		const struct shape *sh = &c->shape0;
		const struct phi *ph1 = &p1;
		double m, e1, f1, f2, ip, den, di[4], dp[4];
		int i;
		if (x != 0.0) {
			shape_init(&shx, pr, x);
			sh = &shx;
		}
		point_init(&pT, sh, T, l_at, l_bt);
		if (x == 0.0 && t_x == 0.0) {
			ph1 = &c->phi0;
			phi_pair(NULL, &p2, NULL, &pT, sh, &c->tb, 1);
		} else {
			point_init(&px, sh, t_x, log(alpha + t_x), log(beta + t_x));
			phi_pair(&p1, &p2, &px, &pT, sh, &c->tb, 1);
		}
		m = fmax(log_e1, ph1->K);
		e1 = exp(log_e1 - m);
		f1 = exp(ph1->K - m);
		f2 = exp(p2.K - m);
		ip = fmax(f1 * ph1->v - f2 * p2.v, 0.0);
		den = e1 + s * ip;
		ll = m + log(den);
		for (i = 0; i < 4; i++)
			dp[i] = f1 * ph1->d[i] - f2 * p2.d[i];
		to_params(di, dp, sh->alpha_big);
		g[0] = (-l_at * e1 + s * di[0]) / den;
		g[1] = (-a / (alpha + T) * e1 + s * di[1]) / den;
		g[2] = (-l_bt * e1 + ip + s * di[2]) / den;
		g[3] = (-s / (beta + T) * e1 + s * di[3]) / den;
	}
	g[0] += dgx;
	return ll + lgx;
}

/* A small per-chunk memo of customers with x = 0 (so t_x = 0), whose terms
 * depend on T alone: in real data T takes few values (whole days of first
 * purchase), so most of these rows, often the majority, cost one lookup. The
 * memo returns exactly what customer() would, whatever the thread count. */
struct memo {
	double T, ll, g[4];
};

static size_t memo_slot(double T)
{
	uint64_t b;
	memcpy(&b, &T, sizeof b);
	b ^= b >> 29;
	b *= UINT64_C(0x9E3779B97F4A7C15);
	return (size_t)(b >> 56) % CACHE_SLOTS;
}

/* acc: weighted log-likelihood (without r log alpha + s log beta), its
 * gradient in (r, alpha, s, beta), the total weight. */
static void ll_chunk(double *acc, size_t begin, size_t end, void *vctx)
{
	const struct ll_ctx *c = vctx;
	const cxm__clv_data *d = c->d;
	struct memo memo[CACHE_SLOTS];
	size_t j;
	for (j = 0; j < CACHE_SLOTS; j++)
		memo[j].T = NAN;
	for (j = begin; j < end; j++) {
		size_t i = j * c->stride;
		double w = d->w ? d->w[i] : 1.0, gb[4], ll, x = d->x[i], T = d->T[i];
		const double *g = gb;
		if (w == 0.0)
			continue;
		if (x == 0.0 && d->t_x[i] == 0.0) {
			struct memo *mm = &memo[memo_slot(T)];
			if (mm->T != T) {
				mm->ll = customer(mm->g, c, 0.0, 0.0, T);
				mm->T = T;
			}
			ll = mm->ll;
			g = mm->g;
		} else {
			ll = customer(gb, c, x, d->t_x[i], T);
		}
		acc[0] += w * ll;
		acc[1] += w * g[0];
		acc[2] += w * g[1];
		acc[3] += w * g[2];
		acc[4] += w * g[3];
		acc[5] += w;
	}
}

static void ctx_init(struct ll_ctx *c, const double *params, const cxm__clv_data *d, size_t stride)
{
	struct point p0;
	c->d = d;
	c->stride = stride;
	memcpy(c->params, params, sizeof c->params);
	fill_tables(c);
	recips_init(&c->tb, params[0], params[2]);
	shape_init(&c->shape0, params, 0.0);
	point_init(&p0, &c->shape0, 0.0, log(params[1]), log(params[3]));
	phi_one(&c->phi0, &p0, &c->shape0, &c->tb, 1);
}

static int loglik_rows(double *ll, double *grad_log, const double *params, const cxm__clv_data *d,
		       size_t stride, double *weight)
{
	struct ll_ctx *c;
	double acc[6], r = params[0], alpha = params[1], s = params[2], beta = params[3], w;
	size_t rows = (d->n + stride - 1) / stride;
	int rc;
	/* the tables are too large for a worker's comfort on the stack */
	if ((rc = cxm__alloc_array(&c, 1, sizeof *c, "Pareto/NBD likelihood")) < 0)
		return rc;
	ctx_init(c, params, d, stride);
	rc = cxm__parallel_sum(acc, 6, rows, ll_chunk, c, d->threads);
	cxm__free(c);
	if (rc < 0)
		return rc;
	w = acc[5];
	if (weight)
		*weight = w;
	*ll = acc[0] + w * (r * log(alpha) + s * log(beta));
	grad_log[0] = r * (acc[1] + w * log(alpha));
	grad_log[1] = alpha * (acc[2] + w * r / alpha);
	grad_log[2] = s * (acc[3] + w * log(beta));
	grad_log[3] = beta * (acc[4] + w * s / beta);
	return CXM_OK;
}

static int pnbd_loglik(double *ll, double *grad_log, const double *params, const cxm__clv_data *d)
{
	return loglik_rows(ll, grad_log, params, d, 1, NULL);
}

/* -LL / W over log-parameters, for the pilot fit (fit.c's objective without the penalty). */
struct pilot {
	const cxm__clv_data *d;
	size_t stride;
};

static int pilot_objective(double *value, double *grad, const double *x, size_t n, void *vctx)
{
	const struct pilot *p = vctx;
	double params[4], ll, g[4], w = 0.0;
	size_t i;
	int rc;
	for (i = 0; i < n; i++) {
		params[i] = exp(x[i]);
		if (!(params[i] > 0.0 && isfinite(params[i]))) {
			*value = INFINITY;
			return CXM_OK;
		}
	}
	if ((rc = loglik_rows(&ll, g, params, p->d, p->stride, &w)) < 0)
		return rc;
	*value = isfinite(ll) && w > 0.0 ? -ll / w : INFINITY;
	for (i = 0; i < n; i++)
		grad[i] = w > 0.0 ? -g[i] / w : 0.0;
	return CXM_OK;
}

/*
 * Starting point. Moments first: r = s = 1, alpha = r mean(T) / mean(x) (a
 * purchase rate of mean(x) / mean(T) for a customer alive throughout) and
 * beta = mean(T). On a large input, Newton's method from there would spend
 * many full passes getting near the optimum; a pilot fit on an evenly spaced
 * subsample of about PILOT_ROWS rows gets within sampling error of it (about
 * 1 %) for a few per cent of the cost, after which the full fit needs only
 * the quadratically convergent last iterations.
 */
static void pnbd_start(double *params, const cxm__clv_data *d)
{
	double sw = 0.0, sx = 0.0, st = 0.0, mx, mt;
	size_t i;
	for (i = 0; i < d->n; i++) {
		double w = d->w ? d->w[i] : 1.0;
		sw += w;
		sx += w * d->x[i];
		st += w * d->T[i];
	}
	mt = sw > 0.0 && st > 0.0 ? st / sw : 1.0;
	mx = sw > 0.0 ? fmax(sx / sw, 0.01) : 1.0;
	params[0] = 1.0;
	params[1] = mt / mx;
	params[2] = 1.0;
	params[3] = mt;
	if (d->n >= 4 * PILOT_ROWS) {
		struct pilot p;
		cxm__optim_opts o = { 200, 1e-8 };
		cxm__optim_result res;
		double x[4];
		p.d = d;
		p.stride = d->n / PILOT_ROWS;
		for (i = 0; i < 4; i++)
			x[i] = log(params[i]);
		if (cxm__minimize(x, 4, pilot_objective, &p, &o, &res) == CXM_OK) {
			int ok = 1;
			for (i = 0; i < 4; i++)
				ok = ok && isfinite(x[i]) && fabs(x[i]) < 300.0;
			if (ok)
				for (i = 0; i < 4; i++)
					params[i] = exp(x[i]);
		}
	}
}

/* s I / E1 for one customer (0 when t_x = T): P(alive) = 1 / (1 + s I / E1). */
static double dead_over_alive(const double *params, double x, double t_x, double T)
{
	double r = params[0], alpha = params[1], s = params[2], beta = params[3];
	double l_at = log(alpha + T), l_bt = log(beta + T), log_e1, ip;
	struct shape sh;
	struct point px, pT;
	struct phi p1, p2;
	if (!(t_x < T))
		return 0.0;
	shape_init(&sh, params, x);
	point_init(&px, &sh, t_x, log(alpha + t_x), log(beta + t_x));
	point_init(&pT, &sh, T, l_at, l_bt);
	phi_pair(&p1, &p2, &px, &pT, &sh, NULL, 0);
	log_e1 = -(r + x) * l_at - s * l_bt;
	ip = p1.v - exp(p2.K - p1.K) * p2.v;
	if (!(ip > 0.0))
		return 0.0;
	return s * exp(p1.K - log_e1) * ip;
}

static double pnbd_p_alive(const double *params, double x, double t_x, double T)
{
	return 1.0 / (1.0 + dead_over_alive(params, x, t_x, T));
}

/* [1 - (b / (b + t))^(s - 1)] / (s - 1), continuous through s = 1 (log(1 + t / b)). */
static double lifetime_factor(double s, double b, double t)
{
	double l = log1p(t / b);
	return s == 1.0 ? l : -expm1(-(s - 1.0) * l) / (s - 1.0);
}

/* E[X(T, T + t) | x, t_x, T] = (r + x)(beta + T) / (alpha + T) lifetime_factor P(alive) (note 009, eq. 41). */
static double pnbd_expected(const double *params, double t, double x, double t_x, double T)
{
	double r = params[0], alpha = params[1], s = params[2], beta = params[3];
	return (r + x) * (beta + T) / (alpha + T) * lifetime_factor(s, beta + T, t) *
	       pnbd_p_alive(params, x, t_x, T);
}

/* E[X(t)] = r beta / alpha lifetime_factor (note 009, eq. 27). */
static double pnbd_unconditional(const double *params, double t)
{
	double r = params[0], alpha = params[1], s = params[2], beta = params[3];
	return r * beta / alpha * lifetime_factor(s, beta, t);
}

const cxm__clv_ops cxm__pnbd_ops = {
	CXM_CLV_PNBD,
	4,
	"pnbd",
	{ "r", "alpha", "s", "beta" },
	pnbd_start,
	pnbd_loglik,
	pnbd_expected,
	pnbd_p_alive,
	pnbd_unconditional,
};
