/*
 * lib/clvmodel/pnbd.c - the Pareto/NBD model (Schmittlein, Morrison & Colombo
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
 * (1 - e^u)^(p - 1), smooth and, for p >= 1, log-concave: 10-point panels
 * sized by its log-slope, and a tail bound to stop early, keep it accurate to
 * about 1e-15.
 *
 * Everything is carried as e^K v with K the log of Phi's prefactor, so that
 * nothing under- or overflows for large x, and the derivatives with respect to
 * (e_big, e_small, big, small) come out of the same sums: d/d e of the
 * exponents, and d/dw of S term by term. Per-customer log Gamma(r + x) -
 * log Gamma(r) and digamma differences come from per-call tables (x is a
 * whole number: cxm_clv_fit checks), so the likelihood needs no special
 * function per customer (glibc's lgamma is not thread-safe either: it
 * writes signgam).
 *
 * Speed (the 1M-customer fit is a benchmark): reciprocal tables take the
 * divisions out of the series, a per-call table shares Phi(T) between
 * customers with the same (x, T), and start() runs pilot fits on samples.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "internal.h"
#include "distinct.h"
#include "models.h"
#include "optim.h"
#include "parallel.h"
#include "special.h"

#define W_MAX 0.7     /* series for w <= W_MAX (at most ~110 terms), quadrature beyond */
#define XTAB 256      /* per-call tables for x = 0..XTAB; larger x use cxm__lgamma/digamma */
#define KTAB 256      /* reciprocal tables reach x + k <= XTAB + KTAB (the series needs < 120) */
#define NTAB (XTAB + KTAB + 1)
#define SERIES_EPS 0x1p-54
#define QUAD_SLOPE 3.0 /* panel width times the integrand's log-slope */
#define TCACHE_MAX 8192 /* (x, T) pairs whose Phi(T) a likelihood call keeps: 512 KiB */

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
 * The series part: Phi at a point with w = c / (big + y) <= W_MAX. With
 * t_k = u_k w^k, u_k = (e_big)_k / (p + 1)_k:
 *   dS/de_big = sum t_k (H_k - G_k), dS/de_small = -sum t_k G_k,
 *   H_k = sum_{j<k} 1 / (e_big + j), G_k = sum_{j=1..k} 1 / (p + j),
 *   S'(w) = sum k t_k / w (= u_1 = e_big / (p + 1) at w = 0).
 * The ratio of terms is below w, so the tail after t_k is below t_k w / (1 - w).
 * The loop stops once t_k w (k + 64) <= 2^-48 (1 - w) S: S's tail is then
 * below 2^-54 S, and the tails of the k-weighted sums (K, and H_k, G_k grow
 * like log k) below about 2^-48 S, plenty for a gradient. This loop is most
 * of the likelihood's time: it has no division (recips), no int-to-double
 * conversion, and few enough live values to stay in registers.
 */
static void phi_series(struct phi *ph, const struct point *pt, const struct shape *sh,
		       const struct recips *tb, int grad)
{
	double w = sh->c / pt->by, eb = sh->eb, p = sh->p, em1 = eb - 1.0;
	double stop = 64.0 * SERIES_EPS * (1.0 - w), t = 1.0, S = 1.0, K = 0.0, AB = 0.0, B = 0.0;
	double HG = 0.0, G = 0.0, kd = 0.0, sw, by = pt->by, sy = pt->sy;
	size_t k, ktab = tb != NULL && sh->xi < NTAB ? NTAB - 1 - sh->xi : 0;
	const double *rden = ktab ? tb->rrs + sh->xi : NULL;
	/* 1 / (e_big + k - 1): 1 / (r + x + k - 1) or 1 / (s + k) */
	const double *rnum = ktab ? (sh->alpha_big ? tb->rr + sh->xi : tb->rs + 1) : NULL;
	for (k = 1; k < 100000; k++) {
		double iden, num;
		kd += 1.0;
		num = em1 + kd;
		iden = k <= ktab ? rden[k] : 1.0 / (p + kd);
		t *= num * iden * w;
		S += t;
		K += kd * t;
		if (grad) {
			HG += (k <= ktab ? rnum[k - 1] : 1.0 / num) - iden;
			G += iden;
			AB += t * HG;
			B += t * G;
		}
		if (t * w * (kd + 64.0) <= stop * S)
			break;
	}
	ph->K = phi_K(sh, pt);
	ph->v = S;
	if (!grad)
		return;
	sw = w > 0.0 ? K / w : eb / (p + 1.0);
	ph->d[D_EBIG] = S * (-pt->l_by - 1.0 / p) + AB;
	ph->d[D_ESMALL] = S * (-pt->l_sy - 1.0 / p) - B;
	ph->d[D_BIG] = -eb / by * S + sw * sy / (by * by);
	ph->d[D_SMALL] = (1.0 - sh->es) / sy * S - sw / by;
}

/* The point tau* where w = W_MAX: big + tau* = c / W_MAX, small + tau* = c (1 - W_MAX) / W_MAX. */
static void star_point(struct point *pt, const struct shape *sh)
{
	pt->by = sh->c / W_MAX;
	pt->sy = sh->c * (1.0 - W_MAX) / W_MAX;
	pt->l_by = sh->log_c - log(W_MAX);
	pt->l_sy = sh->log_c + log((1.0 - W_MAX) / W_MAX);
}

/* log of the quadrature integrand in u (before dividing by e^K), its slope,
 * v = e^u and log(1 - v). */
static double quad_log(const struct shape *sh, double u, double *slope, double *v, double *l1v)
{
	*v = exp(u);
	*l1v = log1p(-*v);
	*slope = (1.0 - sh->es) - (sh->p - 1.0) * *v / (1.0 - *v);
	return -sh->p * sh->log_c + (1.0 - sh->es) * u + (sh->p - 1.0) * *l1v;
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
		double s0, s1, h, mid, half, tail, v, l1v;
		(void)quad_log(sh, u, &s0, &v, &l1v);
		h = fmin(fmin(u_hi - u, h_max), QUAD_SLOPE / fmax(fabs(s0), 1e-300));
		(void)quad_log(sh, u + h, &s1, &v, &l1v);
		if (fabs(s1) * h > QUAD_SLOPE)
			h = QUAD_SLOPE / fabs(s1);
		half = 0.5 * h;
		mid = u + half;
		for (i = 0; i < 10; i++) {
			double node = i < 5 ? mid - half * gl_x[i] : mid + half * gl_x[i - 5];
			double wt = half * gl_w[i < 5 ? i : i - 5], sl, f;
			f = wt * exp(quad_log(sh, node, &sl, &v, &l1v) - ph->K);
			acc[0] += f;
			if (!grad)
				continue;
			acc[1] -= f * (sh->log_c - l1v);
			acc[2] -= f * (sh->log_c + node - l1v);
			acc[3] -= f * sh->eb * (1.0 - v) / sh->c;
			acc[4] -= f * sh->es * (1.0 - v) / (sh->c * v);
		}
		u += h;
		/* log-concave and falling: what is left is below f(u) / |slope| */
		tail = exp(quad_log(sh, u, &s1, &v, &l1v) - ph->K);
		if (sh->p >= 1.0 && s1 < 0.0 && tail <= 1e-18 * fabs(s1) * acc[0])
			break;
	}
	scale = exp(star->K - ph->K);
	ph->v = acc[0] + scale * star->v;
	if (grad)
		for (j = 0; j < 4; j++)
			ph->d[j] = acc[j + 1] + scale * star->d[j];
}

/* Phi at a point y: the series, or the quadrature down to tau* and the series
 * there (star: that series if already known, else NULL). */
static void phi_point(struct phi *ph, const struct point *pt, const struct shape *sh, const struct recips *tb,
		      const struct phi *star, int grad)
{
	struct point sp;
	struct phi ps;
	if (sh->c <= W_MAX * pt->by) {
		phi_series(ph, pt, sh, tb, grad);
		return;
	}
	if (star == NULL) {
		star_point(&sp, sh);
		phi_series(&ps, &sp, sh, tb, grad);
		star = &ps;
	}
	phi_quad(ph, pt, sh, star, grad);
}

/*
 * A per-call table of Phi(T) by (x, T), filled on the calling thread before
 * the parallel pass and then only read: in real data T takes few values
 * (whole days since the first purchase) and x is small, so the T half of
 * most customers' terms repeats (2,498 pairs among the 1M synthetic
 * customers). It holds the first TCACHE_MAX distinct pairs in row order,
 * each with its Phi(T); pairs beyond are computed as they come. Either way
 * the value is the same, so results do not depend on the table or on the
 * thread count.
 */
_Static_assert(sizeof(struct phi) == 6 * sizeof(double), "a struct phi is the 6 values of a table row");

struct tcache {
	cxm__distinct t; /* keys (x, T), each with its Phi(T) as 6 values: K, v, d[4] */
	/* Phi(tau*) by x = 0..XTAB, which every quadrature of that x needs */
	struct phi star[XTAB + 1];
	unsigned char has_star[XTAB + 1];
};

/* Per-call state shared (read-only) by the threads. */
struct ll_ctx {
	const cxm__clv_data *d;
	size_t stride;                 /* 1, or the pilot's sampling step (ll_chunk) */
	double params[4];
	struct phi phi0;               /* Phi(0) with x = 0: every x = 0 customer's t_x term */
	struct shape shape0;
	double lg[XTAB + 1];           /* log Gamma(r + x) - log Gamma(r) */
	double dg[XTAB + 1];           /* psi(r + x) - psi(r) */
	struct recips tb;
	struct tcache *tc;             /* NULL: no table (the pilot, which must not allocate) */
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

/* Phi(T) of (x, T) (the row's values after the key), or NULL when the table does not hold it. */
static const struct phi *tcache_find(const struct tcache *tc, double x, double T)
{
	double key[2];
	size_t k;
	key[0] = x;
	key[1] = T;
	k = cxm__distinct_find_n(&tc->t, key, 2);
	return k == SIZE_MAX ? NULL : (const struct phi *)(const void *)(cxm__distinct_row(&tc->t, k) + 2);
}

/* Whether tc holds Phi(tau*) for this x. */
static int sh_has_star(const struct tcache *tc, double x)
{
	return x <= XTAB && tc->has_star[(size_t)x];
}

/* The shape and the point T of a customer (x, T). */
static void customer_T(struct shape *sh, struct point *pT, const double *params, double x, double T, double l_at,
		       double l_bt)
{
	shape_init(sh, params, x);
	point_init(pT, sh, T, l_at, l_bt);
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
		lgx += cxm__lgamma(a) - cxm__lgamma(r + XTAB);
		dgx += cxm__digamma(a) - cxm__digamma(r + XTAB);
	}
	if (!(t_x < T)) { /* I = 0 */
		ll = log_e1;
		g[0] = -l_at;
		g[1] = -a / (alpha + T);
		g[2] = -l_bt;
		g[3] = -s / (beta + T);
	} else {
		struct shape sh;
		struct point px, pT;
		struct phi p1, p2;
		const struct phi *ph1 = &p1, *ph2 = &p2;
		const struct phi *known = c->tc ? tcache_find(c->tc, x, T) : NULL;
		double mx, e1, f1, f2, ip, den, di[4], dp[4];
		int i;
		const struct phi *star = c->tc && sh_has_star(c->tc, x) ? &c->tc->star[(size_t)x] : NULL;
		customer_T(&sh, &pT, pr, x, T, l_at, l_bt);
		if (known)
			ph2 = known;
		else
			phi_point(&p2, &pT, &sh, &c->tb, star, 1);
		if (x == 0.0 && t_x == 0.0) {
			ph1 = &c->phi0;
		} else {
			point_init(&px, &sh, t_x, log(alpha + t_x), log(beta + t_x));
			phi_point(&p1, &px, &sh, &c->tb, star, 1);
		}
		mx = fmax(log_e1, ph1->K);
		e1 = exp(log_e1 - mx);
		f1 = exp(ph1->K - mx);
		/* e^K at T is E1 / p (alpha >= beta) or E1 (alpha + T) / ((beta + T) p):
		 * no third exponential */
		f2 = e1 / sh.p * (sh.alpha_big ? 1.0 : (alpha + T) / (beta + T));
		ip = fmax(f1 * ph1->v - f2 * ph2->v, 0.0);
		den = e1 + s * ip;
		ll = mx + log(den);
		for (i = 0; i < 4; i++)
			dp[i] = f1 * ph1->d[i] - f2 * ph2->d[i];
		to_params(di, dp, sh.alpha_big);
		g[0] = (-l_at * e1 + s * di[0]) / den;
		g[1] = (-a / (alpha + T) * e1 + s * di[1]) / den;
		g[2] = (-l_bt * e1 + ip + s * di[2]) / den;
		g[3] = (-s / (beta + T) * e1 + s * di[3]) / den;
	}
	g[0] += dgx;
	return ll + lgx;
}

/* Fill the (empty) table with Phi(T) of each (x, T) with t_x < T, in row order,
 * up to TCACHE_MAX pairs. */
static void tcache_fill(const struct ll_ctx *c)
{
	const cxm__clv_data *d = c->d;
	struct tcache *tc = c->tc;
	size_t i, k, seen;
	double key[2];
	memset(tc->has_star, 0, sizeof tc->has_star);
	for (i = 0; i < d->n; i++) {
		double x = d->x[i], T = d->T[i], l_at, l_bt;
		struct shape sh;
		struct point pT, sp;
		if (!(d->t_x[i] < T) || (d->w && d->w[i] == 0.0))
			continue;
		if (x <= XTAB && !tc->has_star[(size_t)x] && (c->params[1] != c->params[3])) {
			shape_init(&sh, c->params, x);
			star_point(&sp, &sh);
			phi_series(&tc->star[(size_t)x], &sp, &sh, &c->tb, 1);
			tc->has_star[(size_t)x] = 1;
		}
		if ((seen = tc->t.count) == TCACHE_MAX)
			continue;
		key[0] = x;
		key[1] = T;
		/* room for TCACHE_MAX pairs: adding one cannot fail */
		if (cxm__distinct_add_n(&tc->t, key, 2, &k) < 0 || k != seen)
			continue;
		l_at = log(c->params[1] + T);
		l_bt = log(c->params[3] + T);
		customer_T(&sh, &pT, c->params, x, T, l_at, l_bt);
		phi_point((struct phi *)(void *)(cxm__distinct_row(&tc->t, k) + 2), &pT, &sh, &c->tb,
			  sh_has_star(tc, x) ? &tc->star[(size_t)x] : NULL, 1);
	}
}

/*
 * acc: weighted log-likelihood (without r log alpha + s log beta), its
 * gradient in (r, alpha, s, beta), the total weight. With stride > 1 (the
 * pilot fit) only a sample of the rows counts, chosen so that the weighted
 * sums stay unbiased for the whole: rows of weight >= stride (patterns
 * shared by many customers, as cxm_clv_fit merges them) always, with their
 * weight, and every stride-th other row with stride times its weight.
 */
static void ll_chunk(double *acc, size_t begin, size_t end, void *vctx)
{
	const struct ll_ctx *c = vctx;
	const cxm__clv_data *d = c->d;
	double stride = (double)c->stride;
	size_t i;
	for (i = begin; i < end; i++) {
		double w = d->w ? d->w[i] : 1.0, g[4], ll;
		if (c->stride > 1 && w < stride) {
			if (i % c->stride != 0)
				continue;
			w *= stride;
		}
		if (w == 0.0)
			continue;
		ll = customer(g, c, d->x[i], d->t_x[i], d->T[i]);
		acc[0] += w * ll;
		acc[1] += w * g[0];
		acc[2] += w * g[1];
		acc[3] += w * g[2];
		acc[4] += w * g[3];
		acc[5] += w;
	}
}

static void ctx_init(struct ll_ctx *c, const double *params, const cxm__clv_data *d, size_t stride,
		     struct tcache *tc)
{
	struct point p0;
	c->d = d;
	c->stride = stride;
	c->tc = tc;
	memcpy(c->params, params, sizeof c->params);
	fill_tables(c);
	recips_init(&c->tb, params[0], params[2]);
	shape_init(&c->shape0, params, 0.0);
	point_init(&p0, &c->shape0, 0.0, log(params[1]), log(params[3]));
	phi_point(&c->phi0, &p0, &c->shape0, &c->tb, NULL, 1);
	if (tc)
		tcache_fill(c);
}

/* Fold the sums of ll_chunk into the log-likelihood and its gradient in log-parameters. */
static double finish(double *grad_log, const double *acc, const double *params)
{
	double r = params[0], alpha = params[1], s = params[2], beta = params[3], w = acc[5];
	grad_log[0] = r * (acc[1] + w * log(alpha));
	grad_log[1] = alpha * (acc[2] + w * r / alpha);
	grad_log[2] = s * (acc[3] + w * log(beta));
	grad_log[3] = beta * (acc[4] + w * s / beta);
	return acc[0] + w * (r * log(alpha) + s * log(beta));
}

/* The context and the table of Phi(T) (whose keys the table allocates apart). */
struct ll_alloc {
	struct ll_ctx c;
	struct tcache tc;
};

static int pnbd_loglik(double *ll, double *grad_log, const double *params, const cxm__clv_data *d)
{
	struct ll_alloc *m;
	double acc[6];
	int rc;
	if ((rc = cxm__alloc_array(&m, 1, sizeof *m, "Pareto/NBD likelihood")) < 0)
		return rc;
	if ((rc = cxm__distinct_init_values(&m->tc.t, 2, 6, TCACHE_MAX, "Pareto/NBD likelihood")) < 0) {
		cxm__free(m);
		return rc;
	}
	ctx_init(&m->c, params, d, 1, &m->tc);
	rc = cxm__parallel_sum(acc, 6, d->n, ll_chunk, &m->c, d->threads);
	cxm__distinct_free(&m->tc.t);
	cxm__free(m);
	if (rc < 0)
		return rc;
	*ll = finish(grad_log, acc, params);
	return CXM_OK;
}

/* -LL / W over log-parameters on a sample of the rows (ll_chunk), for the pilot fit
 * (fit.c's objective without the penalty). start() cannot report a failure,
 * so this allocates nothing: the state lives in struct pilot, the sum runs on
 * the calling thread, chunk by chunk as cxm__parallel_sum would. */
struct pilot {
	const cxm__clv_data *d;
	struct ll_ctx c;
};

static int pilot_objective(double *value, double *grad, const double *x, size_t n, void *vctx)
{
	struct pilot *p = vctx;
	double params[4], acc[6] = { 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 }, part[6], g[4], ll;
	size_t i, k, rows = p->d->n;
	for (i = 0; i < n; i++) {
		params[i] = exp(x[i]);
		if (!(params[i] > 0.0 && isfinite(params[i]))) {
			*value = INFINITY;
			return CXM_OK;
		}
	}
	ctx_init(&p->c, params, p->d, p->c.stride, NULL);
	for (i = 0; i < rows; i += CXM__CHUNK_ROWS) {
		memset(part, 0, sizeof part);
		ll_chunk(part, i, i + CXM__CHUNK_ROWS < rows ? i + CXM__CHUNK_ROWS : rows, &p->c);
		for (k = 0; k < 6; k++)
			acc[k] += part[k];
	}
	ll = finish(g, acc, params);
	*value = isfinite(ll) && acc[5] > 0.0 ? -ll / acc[5] : INFINITY;
	for (i = 0; i < n; i++)
		grad[i] = acc[5] > 0.0 ? -g[i] / acc[5] : 0.0;
	return CXM_OK;
}

/*
 * Starting point. Moments first: r = s = 1, alpha = r mean(T) / mean(x) (a
 * purchase rate of mean(x) / mean(T) for a customer alive throughout) and
 * beta = mean(T). On a large input, Newton's method from there would spend
 * many full passes getting near the optimum (the likelihood has a long,
 * flat ridge along s / beta); pilot fits on samples of about 2,048 and then
 * 16,384 rows (ll_chunk) get within sampling error of it (a few per cent)
 * for the cost of a few full passes, after which the full fit needs only the
 * quadratically convergent last iterations.
 */
static void pnbd_start(double *params, const cxm__clv_data *d)
{
	static const size_t pilot_rows[2] = { 2048, 16384 };
	static const double pilot_tol[2] = { 1e-6, 1e-7 };
	double sw = 0.0, sx = 0.0, st = 0.0, mx, mt;
	size_t i, stage;
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
	for (stage = 0; stage < 2; stage++) {
		struct pilot p;
		cxm__optim_opts o = { 200, 0.0, NULL, NULL };
		cxm__optim_result res;
		double x[4];
		int ok = 1;
		if (d->n < 4 * pilot_rows[stage])
			break;
		o.gradient_tol = pilot_tol[stage];
		p.d = d;
		p.c.stride = d->n / pilot_rows[stage];
		for (i = 0; i < 4; i++)
			x[i] = log(params[i]);
		if (cxm__minimize(x, 4, pilot_objective, &p, &o, &res) != CXM_OK)
			break;
		for (i = 0; i < 4; i++)
			ok = ok && isfinite(x[i]) && fabs(x[i]) < 300.0;
		if (!ok)
			break;
		for (i = 0; i < 4; i++)
			params[i] = exp(x[i]);
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
	phi_point(&p1, &px, &sh, NULL, NULL, 0);
	phi_point(&p2, &pT, &sh, NULL, NULL, 0);
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
	{ "r", "alpha", "s", "beta" },
	pnbd_start,
	pnbd_loglik,
	pnbd_expected,
	pnbd_p_alive,
	pnbd_unconditional,
};
