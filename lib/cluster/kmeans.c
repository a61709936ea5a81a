/*
 * lib/cluster/kmeans.c - k-means (spec §14.1): the nearest-centre kernel,
 * Lloyd iterations over fixed chunks of rows on the threads of the options,
 * and cxm_kmeans_fit.
 *
 * Lloyd as scikit-learn's KMeans(algorithm="lloyd") does it, so that the
 * same initial centres give the same labels and inertia: each iteration
 * labels every row with the centre of least ||c||^2 - 2 x.c (ties to the
 * lowest label), moves each centre to the mean of its rows (a centre left
 * without rows takes the row farthest from its own centre, as
 * scikit-learn's _relocate_empty_clusters), and stops when no label changed
 * or the squared centre shift summed over centres is at most tol x the mean
 * column variance; after a stop by the shift the rows are labelled once more
 * with the final centres. Inertia is sum ||x - c_label||^2, each term formed
 * directly (not by the expansion).
 *
 * Threads: rows go in chunks of CXM__CHUNK_ROWS (lib/core/parallel.h);
 * each chunk sums its rows per centre alone, and the chunk sums are added
 * in chunk order, so one thread or many give the same bits. The data are
 * read in place, never copied.
 */
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <string.h>
#include "internal.h"
#include "parallel.h"
#include "rng.h"
#include "cluster_internal.h"

/* ---- the kernel ------------------------------------------------------------- */

int cxm__kcentres_init(cxm__kcentres *kc, const double *c, size_t k, size_t p)
{
	int rc;
	kc->k = k;
	kc->p = p;
	kc->groups = (k + 7) / 8;
	kc->pw = p <= 4 ? 4 : p <= 8 ? 8 : p <= 16 ? 16 : p;
	kc->ct = kc->cn = kc->c2 = NULL;
	if ((rc = cxm__alloc_array(&kc->ct, kc->groups * p * 8, sizeof *kc->ct, "centres")) < 0)
		return rc;
	if ((rc = cxm__alloc_array(&kc->cn, kc->groups * 8, sizeof *kc->cn, "centre norms")) < 0 ||
	    (rc = cxm__alloc_array(&kc->c2, k * kc->pw, sizeof *kc->c2, "centres")) < 0) {
		cxm__kcentres_free(kc);
		return rc;
	}
	cxm__kcentres_load(kc, c);
	return CXM_OK;
}

void cxm__kcentres_load(cxm__kcentres *kc, const double *c)
{
	size_t g, f, t, p = kc->p;
	for (g = 0; g < kc->groups; g++) {
		for (t = 0; t < 8; t++) {
			size_t j = g * 8 + t;
			if (j < kc->k) {
				double s = 0.0;
				for (f = 0; f < p; f++) {
					s += c[j * p + f] * c[j * p + f];
					kc->ct[(g * p + f) * 8 + t] = -2.0 * c[j * p + f];
					kc->c2[j * kc->pw + f] = -2.0 * c[j * p + f];
				}
				for (f = p; f < kc->pw; f++)
					kc->c2[j * kc->pw + f] = 0.0;
				kc->cn[g * 8 + t] = s;
			} else {
				for (f = 0; f < p; f++)
					kc->ct[(g * p + f) * 8 + t] = 0.0;
				kc->cn[g * 8 + t] = INFINITY;
			}
		}
	}
}

void cxm__kcentres_free(cxm__kcentres *kc)
{
	cxm__free(kc->ct);
	cxm__free(kc->cn);
	cxm__free(kc->c2);
	kc->ct = kc->cn = kc->c2 = NULL;
}

/* Eight doubles (and eight 64-bit masks); GCC's vector extension, so that
 * one body compiles to AVX-512, AVX2 (both with FMA) or SSE2: ||c_j||^2 +
 * x_0 (-2 c_j0) + x_1 (-2 c_j1) + ... in column order. The FMA paths give
 * the same bits as each other; the SSE2 path (no FMA) may differ in the
 * last bits. The thread count never changes a result. */
typedef double cxm__v8d __attribute__((vector_size(64)));

/* The kernels may fuse multiply and add (FMA where the instruction set has
 * it): c - 2 x.c is then rounded once per column instead of twice (clang
 * contracts a * b + c within an expression by default). */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC push_options
#pragma GCC optimize("fp-contract=fast")
#endif
typedef long long cxm__v8l __attribute__((vector_size(64)));

/* Rows of at most this many columns take the row-parallel kernel. */
#define ROWWISE_MAX_P 64

/*
 * Row-parallel: eight rows at once, one lane each, against one centre at a
 * time; the running minimum and its label are kept per lane with a
 * compare and blend (ties keep the earlier, lower label). P is the padded
 * width of the centres (kc->pw: 4, 8 or 16, a constant of each inlined
 * copy so that the column loops unroll and the rows stay in registers; 0
 * for the exact width): the padding adds x 0 = +0 to each sum, which
 * changes no value.
 */
/* A two-vector shuffle with constant lane indices (0-7 the first vector, 8-15
 * the second), in GCC's or clang's spelling. */
#if defined(__clang__)
#define SHUF8(a, b, i0, i1, i2, i3, i4, i5, i6, i7) __builtin_shufflevector(a, b, i0, i1, i2, i3, i4, i5, i6, i7)
#else
#define SHUF8(a, b, i0, i1, i2, i3, i4, i5, i6, i7) \
	__builtin_shuffle(a, b, (cxm__v8l){ i0, i1, i2, i3, i4, i5, i6, i7 })
#endif

/* out[c] = column c of the 8 x 8 tile whose row t starts at r + t p: three
 * rounds of two-vector shuffles (unpack pairs, pairs of pairs, halves). */
static inline __attribute__((always_inline)) void transpose8(cxm__v8d *out, const double *r, size_t p)
{
	cxm__v8d v[8], t[8], u[8];
	int i;
	for (i = 0; i < 8; i++)
		memcpy(&v[i], r + (size_t)i * p, sizeof v[i]);
	for (i = 0; i < 8; i += 2) {
		t[i] = SHUF8(v[i], v[i + 1], 0, 8, 2, 10, 4, 12, 6, 14);
		t[i + 1] = SHUF8(v[i], v[i + 1], 1, 9, 3, 11, 5, 13, 7, 15);
	}
	/* t0 = r0 r1 even columns, t1 = odd; t2/t3 the same of r2 r3; ... */
	u[0] = SHUF8(t[0], t[2], 0, 1, 8, 9, 4, 5, 12, 13); /* columns 0, 4 of rows 0-3 */
	u[2] = SHUF8(t[0], t[2], 2, 3, 10, 11, 6, 7, 14, 15); /* 2, 6 */
	u[1] = SHUF8(t[1], t[3], 0, 1, 8, 9, 4, 5, 12, 13); /* 1, 5 */
	u[3] = SHUF8(t[1], t[3], 2, 3, 10, 11, 6, 7, 14, 15); /* 3, 7 */
	u[4] = SHUF8(t[4], t[6], 0, 1, 8, 9, 4, 5, 12, 13); /* the same of rows 4-7 */
	u[6] = SHUF8(t[4], t[6], 2, 3, 10, 11, 6, 7, 14, 15);
	u[5] = SHUF8(t[5], t[7], 0, 1, 8, 9, 4, 5, 12, 13);
	u[7] = SHUF8(t[5], t[7], 2, 3, 10, 11, 6, 7, 14, 15);
	for (i = 0; i < 4; i++) {
		out[i] = SHUF8(u[i], u[i + 4], 0, 1, 2, 3, 8, 9, 10, 11);
		out[i + 4] = SHUF8(u[i], u[i + 4], 4, 5, 6, 7, 12, 13, 14, 15);
	}
}

/* best, lab: the least sum so far per lane and its label; jv: this centre's label */
#define KEEP_LEAST(acc)                                                                   \
	do {                                                                              \
		cxm__v8l lt_ = (acc) < best;                                              \
		best = (cxm__v8d)(((cxm__v8l)(acc) & lt_) | ((cxm__v8l)best & ~lt_));     \
		lab = (jv & lt_) | (lab & ~lt_);                                          \
		jv += one;                                                                \
	} while (0)

static inline __attribute__((always_inline)) void nearest_rows(uint32_t *labels, double *dist, const double *x,
							     size_t m, const cxm__kcentres *kc, const size_t P)
{
	size_t i, j, f, t, p = kc->p, k = kc->k, pw = P ? P : p;
	const cxm__v8d zero = { 0 };
	const cxm__v8l one = { 1, 1, 1, 1, 1, 1, 1, 1 };
	cxm__v8d xt[ROWWISE_MAX_P];
	for (i = 0; i < m; i += 8) {
		size_t mm = m - i < 8 ? m - i : 8;
		cxm__v8d best = zero + INFINITY, xn = zero, d;
		cxm__v8l lab = { 0 }, jv = { 0 };
		const double *r = x + i * p;
		if (mm == 8 && p % 8 == 0) {
			/* whole 8 x 8 tiles: eight vector loads, transposed in registers */
			for (f = 0; f < p; f += 8) {
				transpose8(xt + f, r + f, p);
				for (t = 0; t < 8; t++)
					xn += xt[f + t] * xt[f + t];
			}
		} else if (mm == 8) {
			/* built in registers from eight loads (element stores into
			 * xt would stall the vector load that follows) */
#pragma GCC unroll 16
			for (f = 0; f < pw; f++) {
				if (f < p) {
					cxm__v8d v = { r[f], r[p + f], r[2 * p + f], r[3 * p + f], r[4 * p + f],
						       r[5 * p + f], r[6 * p + f], r[7 * p + f] };
					xt[f] = v;
					xn += v * v;
				} else {
					xt[f] = zero;
				}
			}
		} else {
			for (f = 0; f < pw; f++) {
				cxm__v8d v = zero;
				for (t = 0; t < mm && f < p; t++)
					v[t] = r[t * p + f];
				xt[f] = v;
				xn += v * v;
			}
		}
		/* four centres at a time: four independent sums per column step
		 * (each still added in column order) */
		for (j = 0; j + 4 <= k; j += 4) {
			const double *c0 = kc->c2 + j * pw, *c1 = c0 + pw, *c2 = c1 + pw, *c3 = c2 + pw;
			cxm__v8d a0 = zero + kc->cn[j], a1 = zero + kc->cn[j + 1], a2 = zero + kc->cn[j + 2],
				 a3 = zero + kc->cn[j + 3];
#pragma GCC unroll 16
			for (f = 0; f < pw; f++) {
				a0 += xt[f] * c0[f];
				a1 += xt[f] * c1[f];
				a2 += xt[f] * c2[f];
				a3 += xt[f] * c3[f];
			}
			KEEP_LEAST(a0);
			KEEP_LEAST(a1);
			KEEP_LEAST(a2);
			KEEP_LEAST(a3);
		}
		for (; j < k; j++) {
			const double *cj = kc->c2 + j * pw;
			cxm__v8d acc = zero + kc->cn[j];
#pragma GCC unroll 16
			for (f = 0; f < pw; f++)
				acc += xt[f] * cj[f];
			KEEP_LEAST(acc);
		}
		for (t = 0; t < mm; t++)
			labels[i + t] = (uint32_t)lab[t];
		if (dist) {
			d = best + xn;
			d = (cxm__v8d)((cxm__v8l)d & (d > zero));
			memcpy(dist + i, &d, mm * sizeof *dist);
		}
	}
}

/* Centre-parallel, for wide rows: one row against eight centres at a time. */
static inline __attribute__((always_inline)) void nearest_centres(uint32_t *labels, double *dist, const double *x,
								size_t m, const cxm__kcentres *kc)
{
	size_t i, g, f, t, p = kc->p, groups = kc->groups;
	for (i = 0; i < m; i++) {
		const double *r = x + i * p;
		double best = INFINITY, xn = 0.0;
		uint32_t lab = 0;
		for (g = 0; g < groups; g++) {
			const double *ct = kc->ct + g * p * 8;
			cxm__v8d acc, cv;
			memcpy(&acc, kc->cn + g * 8, sizeof acc);
			for (f = 0; f < p; f++) {
				memcpy(&cv, ct + f * 8, sizeof cv);
				acc += r[f] * cv;
			}
			for (t = 0; t < 8; t++) {
				if (acc[t] < best) {
					best = acc[t];
					lab = (uint32_t)(g * 8 + t);
				}
			}
		}
		labels[i] = lab;
		if (dist) {
			for (f = 0; f < p; f++)
				xn += r[f] * r[f];
			dist[i] = best + xn > 0.0 ? best + xn : 0.0;
		}
	}
}

static inline __attribute__((always_inline)) void nearest_body(uint32_t *labels, double *dist, const double *x,
							     size_t m, const cxm__kcentres *kc)
{
	if (kc->pw == 4)
		nearest_rows(labels, dist, x, m, kc, 4);
	else if (kc->pw == 8)
		nearest_rows(labels, dist, x, m, kc, 8);
	else if (kc->pw == 16)
		nearest_rows(labels, dist, x, m, kc, 16);
	else if (kc->p <= ROWWISE_MAX_P)
		nearest_rows(labels, dist, x, m, kc, 0);
	else
		nearest_centres(labels, dist, x, m, kc);
}

#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("avx512f,fma"))) static void nearest_avx512(uint32_t *labels, double *dist, const double *x,
							       size_t m, const cxm__kcentres *kc)
{
	nearest_body(labels, dist, x, m, kc);
}

__attribute__((target("avx2,fma"))) static void nearest_avx2(uint32_t *labels, double *dist, const double *x, size_t m,
							  const cxm__kcentres *kc)
{
	nearest_body(labels, dist, x, m, kc);
}
#endif

static void nearest_plain(uint32_t *labels, double *dist, const double *x, size_t m, const cxm__kcentres *kc)
{
	nearest_body(labels, dist, x, m, kc);
}

void cxm__kcentres_nearest(uint32_t *labels, double *dist, const double *x, size_t m, const cxm__kcentres *kc)
{
#if defined(__x86_64__) && defined(__GNUC__)
	if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("fma"))
		nearest_avx512(labels, dist, x, m, kc);
	else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
		nearest_avx2(labels, dist, x, m, kc);
	else
#endif
		nearest_plain(labels, dist, x, m, kc);
}

/* ---- passes over the rows ----------------------------------------------------- */

/* Rows labelled at a time inside a chunk (their labels stay on the stack). */
#define BLOCK 256

enum { PASS_LLOYD, PASS_LABEL, PASS_FIXED };

/* The partial sums of a chunk: [sums k x p (PASS_LLOYD only)] [rows per
 * centre k] [labels changed] [inertia]. */
struct pass {
	int mode;
	const double *x, *c;
	size_t p, k;
	const cxm__kcentres *kc;
	uint32_t *labels;
	double *cost; /* NULL, or each row's squared distance */
	int iteration_cost; /* PASS_LLOYD: sum the rows' costs (for the progress callback) */
};

static size_t pass_width(const struct pass *ps)
{
	return (ps->mode == PASS_LLOYD ? ps->k * ps->p : 0) + ps->k + 2;
}

static inline __attribute__((always_inline)) void pass_body(double *acc, size_t begin, size_t end, void *ctx)
{
	const struct pass *ps = ctx;
	size_t p = ps->p, k = ps->k, b, i, f;
	double *sums = acc, *counts = acc + (ps->mode == PASS_LLOYD ? k * p : 0);
	double changed = 0.0, inertia = 0.0, dist[BLOCK];
	uint32_t lab[BLOCK];
	for (b = begin; b < end; b += BLOCK) {
		size_t m = end - b < BLOCK ? end - b : BLOCK;
		const double *xb = ps->x + b * p;
		if (ps->mode == PASS_FIXED)
			memcpy(lab, ps->labels + b, m * sizeof *lab);
		else
			nearest_body(lab, ps->mode == PASS_LLOYD && ps->iteration_cost ? dist : NULL, xb, m, ps->kc);
		if (ps->mode == PASS_LLOYD) {
			/* the iteration's cost by the expansion; the fit's inertia
			 * comes from a direct pass at the end */
			for (i = 0; i < m; i++) {
				const double *r = xb + i * p;
				uint32_t l = lab[i];
				double *s = sums + (size_t)l * p;
				if (ps->iteration_cost)
					inertia += dist[i];
				counts[l] += 1.0;
				changed += ps->labels[b + i] != l;
				ps->labels[b + i] = l;
				for (f = 0; f + 8 <= p; f += 8) {
					cxm__v8d sv, rv;
					memcpy(&sv, s + f, sizeof sv);
					memcpy(&rv, r + f, sizeof rv);
					sv += rv;
					memcpy(s + f, &sv, sizeof sv);
				}
				for (; f < p; f++)
					s[f] += r[f];
			}
			continue;
		}
		for (i = 0; i < m; i++) {
			uint32_t l = lab[i];
			double d = cxm__sqdist(xb + i * p, ps->c + (size_t)l * p, p);
			inertia += d;
			if (ps->cost)
				ps->cost[b + i] = d;
			counts[l] += 1.0;
			ps->labels[b + i] = l;
		}
	}
	counts[k] = changed;
	counts[k + 1] = inertia;
}

/* The pass compiled for each instruction set, like the kernel it inlines. */
#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("avx512f,fma"))) static void pass_avx512(double *acc, size_t begin, size_t end, void *ctx)
{
	pass_body(acc, begin, end, ctx);
}

__attribute__((target("avx2,fma"))) static void pass_avx2(double *acc, size_t begin, size_t end, void *ctx)
{
	pass_body(acc, begin, end, ctx);
}
#endif

static void pass_plain(double *acc, size_t begin, size_t end, void *ctx)
{
	pass_body(acc, begin, end, ctx);
}

/*
 * k-means++ over rows [0, m) of x (kmeans_init.c): eight rows per vector as
 * in the Lloyd kernel, squared distances formed directly (sum of (x - c)^2
 * in column order). update = 0: acc[j] += sum_i min(closest_i, d(x_i,
 * cand_j)) for the t candidates; update = 1 (t = 1): closest_i = min(closest_i,
 * d(x_i, cand_0)) and acc[0] += the new sum. The per-lane sums are added
 * lane by lane at the end, so a chunk's result is fixed.
 */
static inline __attribute__((always_inline)) void pp_body(double *acc, const double *x, size_t m, size_t p,
							const double *cand, size_t t, double *closest, int update)
{
	const cxm__v8d zero = { 0 };
	cxm__v8d xt[ROWWISE_MAX_P], sums[CXM__PP_MAX_TRIALS];
	size_t i, j, f, l;
	for (j = 0; j < t; j++)
		sums[j] = zero;
	for (i = 0; i < m; i += 8) {
		size_t mm = m - i < 8 ? m - i : 8;
		const double *r = x + i * p;
		cxm__v8d cl = zero;
		if (mm == 8 && p % 8 == 0) {
			for (f = 0; f < p; f += 8)
				transpose8(xt + f, r + f, p);
		} else {
			for (f = 0; f < p; f++) {
				cxm__v8d v = zero;
				for (l = 0; l < mm; l++)
					v[l] = r[l * p + f];
				xt[f] = v;
			}
		}
		memcpy(&cl, closest + i, mm * sizeof *closest); /* lanes past m: 0, adding nothing */
		for (j = 0; j < t; j++) {
			const double *cj = cand + j * p;
			cxm__v8d d = zero;
			for (f = 0; f < p; f++) {
				cxm__v8d e = xt[f] - cj[f];
				d += e * e;
			}
			d = (cxm__v8d)(((cxm__v8l)d & (d < cl)) | ((cxm__v8l)cl & ~(d < cl)));
			sums[j] += d;
			if (update)
				memcpy(closest + i, &d, mm * sizeof *closest);
		}
	}
	for (j = 0; j < t; j++)
		for (l = 0; l < 8; l++)
			acc[j] += sums[j][l];
}

#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("avx512f,fma"))) static void pp_avx512(double *acc, const double *x, size_t m, size_t p,
							      const double *cand, size_t t, double *closest,
							      int update)
{
	pp_body(acc, x, m, p, cand, t, closest, update);
}

__attribute__((target("avx2,fma"))) static void pp_avx2(double *acc, const double *x, size_t m, size_t p,
							 const double *cand, size_t t, double *closest, int update)
{
	pp_body(acc, x, m, p, cand, t, closest, update);
}
#endif

static void pp_plain(double *acc, const double *x, size_t m, size_t p, const double *cand, size_t t,
		     double *closest, int update)
{
	pp_body(acc, x, m, p, cand, t, closest, update);
}

void cxm__kmeans_pp_rows(double *acc, const double *x, size_t m, size_t p, const double *cand, size_t t,
			 double *closest, int update)
{
	if (p > ROWWISE_MAX_P || t > CXM__PP_MAX_TRIALS) { /* wide rows: one at a time */
		size_t i, j;
		for (i = 0; i < m; i++) {
			for (j = 0; j < t; j++) {
				double d = cxm__sqdist(x + i * p, cand + j * p, p);
				if (update) {
					if (d < closest[i])
						closest[i] = d;
					acc[0] += closest[i];
				} else {
					acc[j] += d < closest[i] ? d : closest[i];
				}
			}
		}
		return;
	}
#if defined(__x86_64__) && defined(__GNUC__)
	if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("fma"))
		pp_avx512(acc, x, m, p, cand, t, closest, update);
	else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
		pp_avx2(acc, x, m, p, cand, t, closest, update);
	else
#endif
		pp_plain(acc, x, m, p, cand, t, closest, update);
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC pop_options
#endif

/* ---- a team of threads kept for the iterations of one fit -------------------------
 * Starting threads for each pass costs more than a small pass takes, so
 * Lloyd keeps its workers: between passes they poll for the next job (a
 * while, then sleep on a condition variable). A job is the fixed chunks of
 * cxm__parallel_sum, handed out by a ticket counter whose high half is the
 * job's number (a worker that comes late to a job takes nothing from the
 * next); each chunk writes its own partial sums, added in chunk order, so
 * the result is the same for any number of threads. */
#define TEAM_MAX 64
#define MIN_ROWS_PER_THREAD (4 * CXM__CHUNK_ROWS)
#define SPIN_POLLS 20000

struct team {
	pthread_mutex_t mu;
	pthread_cond_t go;
	atomic_uint gen;          /* the current job's number */
	atomic_int quit;
	atomic_uint_fast64_t next; /* job number << 32 | the next chunk */
	atomic_size_t done;       /* chunks of the current job finished */
	/* the job, written under mu */
	cxm__chunk_fn fn;
	void *ctx;
	double *partial;
	size_t width, n, chunks;
	unsigned workers;
	pthread_t tid[TEAM_MAX];
	int started[TEAM_MAX];
};

struct job {
	unsigned gen;
	cxm__chunk_fn fn;
	void *ctx;
	double *partial;
	size_t width, n, chunks;
};

static void team_chunks(struct team *t, const struct job *j)
{
	for (;;) {
		/* take a ticket only of this job: a worker late for its job must
		 * not use up a chunk of the next one */
		uint_fast64_t ticket = atomic_load(&t->next);
		size_t c, begin, end;
		double *acc;
		do {
			c = (size_t)(ticket & 0xffffffffu);
			if ((unsigned)(ticket >> 32) != j->gen || c >= j->chunks)
				return;
		} while (!atomic_compare_exchange_weak(&t->next, &ticket, ticket + 1));
		begin = c * CXM__CHUNK_ROWS;
		end = begin + CXM__CHUNK_ROWS < j->n ? begin + CXM__CHUNK_ROWS : j->n;
		acc = j->partial + c * j->width;
		memset(acc, 0, j->width * sizeof *acc);
		j->fn(acc, begin, end, j->ctx);
		atomic_fetch_add(&t->done, 1);
	}
}

static void job_of(struct job *j, const struct team *t, unsigned gen)
{
	j->gen = gen;
	j->fn = t->fn;
	j->ctx = t->ctx;
	j->partial = t->partial;
	j->width = t->width;
	j->n = t->n;
	j->chunks = t->chunks;
}

static void *team_worker(void *arg)
{
	struct team *t = arg;
	unsigned seen = 0;
	for (;;) {
		struct job j;
		unsigned polls = 0, g;
		while ((g = atomic_load(&t->gen)) == seen && !atomic_load(&t->quit) && polls < SPIN_POLLS) {
			polls++;
			if (polls % 64 == 0)
				sched_yield();
		}
		pthread_mutex_lock(&t->mu);
		while ((g = atomic_load(&t->gen)) == seen && !atomic_load(&t->quit))
			pthread_cond_wait(&t->go, &t->mu);
		if (atomic_load(&t->quit)) {
			pthread_mutex_unlock(&t->mu);
			return NULL;
		}
		job_of(&j, t, g);
		pthread_mutex_unlock(&t->mu);
		seen = g;
		team_chunks(t, &j);
	}
}

/* A team for passes over n rows on `threads` threads; NULL (and no error)
 * when one thread does: then passes go through cxm__parallel_sum. */
static struct team *team_start(size_t n, unsigned threads, size_t max_width)
{
	struct team *t;
	size_t chunks = (n + CXM__CHUNK_ROWS - 1) / CXM__CHUNK_ROWS;
	unsigned want = threads, w;
	if (want > TEAM_MAX)
		want = TEAM_MAX;
	if ((size_t)want > n / MIN_ROWS_PER_THREAD)
		want = (unsigned)(n / MIN_ROWS_PER_THREAD);
	if (want < 2 || (t = cxm__calloc(1, sizeof *t)) == NULL)
		return NULL;
	if (cxm__alloc_array(&t->partial, chunks * max_width, sizeof *t->partial, "k-means partial sums") < 0) {
		cxm__free(t);
		return NULL;
	}
	if (pthread_mutex_init(&t->mu, NULL) != 0) {
		cxm__free(t->partial);
		cxm__free(t);
		return NULL;
	}
	if (pthread_cond_init(&t->go, NULL) != 0) {
		pthread_mutex_destroy(&t->mu);
		cxm__free(t->partial);
		cxm__free(t);
		return NULL;
	}
	atomic_init(&t->gen, 0u);
	atomic_init(&t->quit, 0);
	atomic_init(&t->next, 0u);
	atomic_init(&t->done, 0u);
	t->workers = want - 1;
	for (w = 0; w < t->workers; w++)
		t->started[w] = cxm__thread_start(&t->tid[w], team_worker, t);
	return t;
}

static void team_stop(struct team *t)
{
	unsigned w;
	if (!t)
		return;
	pthread_mutex_lock(&t->mu);
	atomic_store(&t->quit, 1);
	pthread_cond_broadcast(&t->go);
	pthread_mutex_unlock(&t->mu);
	for (w = 0; w < t->workers; w++)
		if (t->started[w])
			pthread_join(t->tid[w], NULL);
	pthread_cond_destroy(&t->go);
	pthread_mutex_destroy(&t->mu);
	cxm__free(t->partial);
	cxm__free(t);
}

/* out[0..width-1] = the chunk sums of fn over n rows, added in chunk order. */
static void team_run(struct team *t, double *out, size_t width, size_t n, cxm__chunk_fn fn, void *ctx)
{
	struct job j;
	size_t c, i, chunks = (n + CXM__CHUNK_ROWS - 1) / CXM__CHUNK_ROWS;
	unsigned g;
	pthread_mutex_lock(&t->mu);
	g = atomic_load(&t->gen) + 1u;
	t->fn = fn;
	t->ctx = ctx;
	t->width = width;
	t->n = n;
	t->chunks = chunks;
	atomic_store(&t->done, 0u);
	atomic_store(&t->next, (uint_fast64_t)g << 32);
	atomic_store(&t->gen, g);
	job_of(&j, t, g);
	pthread_cond_broadcast(&t->go);
	pthread_mutex_unlock(&t->mu);
	team_chunks(t, &j);
	while (atomic_load(&t->done) < chunks)
		sched_yield();
	memset(out, 0, width * sizeof *out);
	for (c = 0; c < chunks; c++)
		for (i = 0; i < width; i++)
			out[i] += t->partial[c * width + i];
}

static int run_pass_team(double *acc, struct pass *ps, size_t n, unsigned threads, struct team *team)
{
	cxm__chunk_fn fn = pass_plain;
#if defined(__x86_64__) && defined(__GNUC__)
	if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("fma"))
		fn = pass_avx512;
	else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
		fn = pass_avx2;
#endif
	if (team) {
		team_run(team, acc, pass_width(ps), n, fn, ps);
		return CXM_OK;
	}
	return cxm__parallel_sum(acc, pass_width(ps), n, fn, ps, threads);
}

static int run_pass(double *acc, struct pass *ps, size_t n, unsigned threads)
{
	return run_pass_team(acc, ps, n, threads, NULL);
}

int cxm__kmeans_label_all(uint32_t *labels, double *sizes, double *inertia, const double *x, size_t n,
			  const cxm__kcentres *kc, const double *c, unsigned threads)
{
	struct pass ps = { PASS_LABEL, x, c, kc->p, kc->k, kc, labels, NULL, 0 };
	double *acc;
	int rc;
	if ((rc = cxm__alloc_array(&acc, pass_width(&ps), sizeof *acc, "k-means sums")) < 0)
		return rc;
	if ((rc = run_pass(acc, &ps, n, threads)) == CXM_OK) {
		if (sizes)
			memcpy(sizes, acc, kc->k * sizeof *sizes);
		*inertia = acc[kc->k + 1];
	}
	cxm__free(acc);
	return rc;
}

/* Each row's labels and squared distance, for cxm_cluster_assign. */
int cxm__kmeans_assign(uint32_t *labels, double *cost, const double *x, size_t n, const cxm__kcentres *kc,
		       const double *c, unsigned threads)
{
	struct pass ps = { PASS_LABEL, x, c, kc->p, kc->k, kc, labels, cost, 0 };
	double *acc;
	int rc;
	if ((rc = cxm__alloc_array(&acc, pass_width(&ps), sizeof *acc, "k-means sums")) < 0)
		return rc;
	rc = run_pass(acc, &ps, n, threads);
	cxm__free(acc);
	return rc;
}

unsigned cxm__cluster_threads(const cxm_cluster_opts *opts)
{
	return opts->threads ? opts->threads : cxm__default_threads();
}

/* ---- the data's check and the tolerance, in one parallel pass --------------- */

/*
 * Each chunk of rows gives its column sums and its sums of squares about
 * its own mean (the second loop reads the chunk again from cache); the
 * chunks are merged in chunk order (Chan, Golub & LeVeque 1979):
 * M2 = sum M2_c + n_c (mean_c - mean)^2. A sum that is not finite means a
 * NaN or an infinity (or an overflow), which the row-by-row check then
 * names.
 */
struct stats {
	const double *x;
	size_t p;
	double *chunk; /* per chunk: p sums, then p sums of squares */
};

static void stats_chunk(double *acc, size_t begin, size_t end, void *ctx)
{
	const struct stats *st = ctx;
	size_t i, f, p = st->p;
	double *sum = st->chunk + (begin / CXM__CHUNK_ROWS) * 2 * p, *m2 = sum + p, rows = (double)(end - begin);
	for (f = 0; f < p; f++)
		sum[f] = m2[f] = 0.0;
	for (i = begin; i < end; i++)
		for (f = 0; f < p; f++)
			sum[f] += st->x[i * p + f];
	for (i = begin; i < end; i++) {
		for (f = 0; f < p; f++) {
			double d = st->x[i * p + f] - sum[f] / rows;
			m2[f] += d * d;
		}
	}
	acc[0] = 0.0;
}

int cxm__cluster_scan_x(size_t *rows, double *tol_abs, const double *x, size_t n_x, size_t p, double tol,
			unsigned threads, const char *what)
{
	struct stats st = { x, p, NULL };
	size_t n, chunks, c, f;
	double dummy, total = 0.0;
	int rc;
	*rows = 0;
	*tol_abs = 0.0;
	if ((rc = cxm__check_array(x, n_x, what)) < 0)
		return rc;
	if (p == 0)
		return cxm__fail(CXM_EBAD_ARG, "n_cols is 0; %s needs at least one column", what);
	if (n_x % p != 0)
		return cxm__fail(CXM_EBAD_ARG, "n_%s = %zu is not a multiple of n_cols = %zu", what, n_x, p);
	if (n_x == 0)
		return cxm__fail(CXM_EEMPTY, "%s has no rows", what);
	n = n_x / p;
	chunks = (n + CXM__CHUNK_ROWS - 1) / CXM__CHUNK_ROWS;
	if ((rc = cxm__alloc_array(&st.chunk, chunks * 2 * p, sizeof *st.chunk, "column sums")) < 0)
		return rc;
	if ((rc = cxm__parallel_sum(&dummy, 1, n, stats_chunk, &st, threads)) < 0)
		goto done;
	for (f = 0; f < p; f++) {
		double sum = 0.0, mean, m2 = 0.0;
		for (c = 0; c < chunks; c++)
			sum += st.chunk[c * 2 * p + f];
		if (!isfinite(sum)) {
			size_t ignored;
			if ((rc = cxm__cluster_check_x(&ignored, x, n_x, p, what)) == CXM_OK)
				rc = cxm__fail(CXM_EOUT_OF_RANGE, "column %zu of %s sums to %g; its values are too large",
					       f, what, sum);
			goto done;
		}
		mean = sum / (double)n;
		for (c = 0; c < chunks; c++) {
			double nc = (double)((c + 1) * CXM__CHUNK_ROWS < n ? CXM__CHUNK_ROWS : n - c * CXM__CHUNK_ROWS);
			double d = st.chunk[c * 2 * p + f] / nc - mean;
			m2 += st.chunk[c * 2 * p + p + f] + nc * d * d;
		}
		total += m2 / (double)n;
	}
	*tol_abs = total / (double)p * tol;
	*rows = n;
	rc = CXM_OK;
done:
	cxm__free(st.chunk);
	return rc;
}

/* ---- Lloyd ------------------------------------------------------------------ */

/*
 * Centres left without rows take, in turn, the rows farthest from their own
 * centre (old centres c; ties to the lower row): the row moves its weight
 * from its cluster's sums to the empty one (scikit-learn's
 * _relocate_empty_clusters_dense; labels stay as they are). Returns 1 if it
 * relocated any, 0 if none was empty, CXM_ENOMEM.
 */
static int relocate_empty(double *sums, double *counts, const double *x, size_t n, size_t p, size_t k,
			  const double *c, const uint32_t *labels)
{
	size_t n_empty = 0, j, i, e, f, *far = NULL;
	double *fd = NULL;
	for (j = 0; j < k; j++)
		n_empty += counts[j] == 0.0;
	if (n_empty == 0)
		return 0;
	if (n_empty > n)
		n_empty = n;
	if (cxm__alloc_array(&far, n_empty, sizeof *far, "empty clusters") < 0 ||
	    cxm__alloc_array(&fd, n_empty, sizeof *fd, "empty clusters") < 0) {
		cxm__free(far);
		return CXM_ENOMEM;
	}
	/* the n_empty largest distances, descending (insertion into a short list) */
	for (e = 0; e < n_empty; e++)
		fd[e] = -1.0;
	for (i = 0; i < n; i++) {
		double d = cxm__sqdist(x + i * p, c + (size_t)labels[i] * p, p);
		if (d <= fd[n_empty - 1])
			continue;
		for (e = n_empty - 1; e > 0 && fd[e - 1] < d; e--) {
			fd[e] = fd[e - 1];
			far[e] = far[e - 1];
		}
		fd[e] = d;
		far[e] = i;
	}
	e = 0;
	for (j = 0; j < k && e < n_empty; j++) {
		const double *r;
		size_t old;
		if (counts[j] != 0.0)
			continue;
		r = x + far[e] * p;
		old = labels[far[e]];
		for (f = 0; f < p; f++) {
			sums[old * p + f] -= r[f];
			sums[j * p + f] = r[f];
		}
		counts[j] = 1.0;
		counts[old] -= 1.0;
		e++;
	}
	cxm__free(far);
	cxm__free(fd);
	return 1;
}

struct run {
	double inertia;
	unsigned int iterations, converged;
};

/* Lloyd from the centres c (k x p, replaced by the final ones); labels n,
 * sizes k. */
static int lloyd(struct run *out, double *c, uint32_t *labels, double *sizes, const double *x, size_t n, size_t p,
		 size_t k, double tol_abs, const cxm_cluster_opts *o, unsigned threads)
{
	struct pass ps = { PASS_LLOYD, x, c, p, k, NULL, labels, NULL, o->progress != NULL };
	cxm__kcentres kc;
	struct team *team = NULL;
	double *acc = NULL, *cnew = NULL, *counts, inertia = 0.0, shift = 0.0;
	size_t width = pass_width(&ps), i, j, f;
	unsigned int it, strict = 0;
	int rc;
	if ((rc = cxm__alloc_array(&acc, width, sizeof *acc, "k-means sums")) < 0)
		return rc;
	if ((rc = cxm__alloc_array(&cnew, k * p, sizeof *cnew, "k-means centres")) < 0 ||
	    (rc = cxm__kcentres_init(&kc, c, k, p)) < 0) {
		cxm__free(acc);
		cxm__free(cnew);
		return rc;
	}
	ps.kc = &kc;
	team = team_start(n, threads, width);
	counts = acc + k * p;
	for (i = 0; i < n; i++)
		labels[i] = UINT32_MAX; /* no label yet: the first pass changes every one */
	out->converged = 0;
	for (it = 0; it < o->max_iterations; it++) {
		cxm__kcentres_load(&kc, c);
		if ((rc = run_pass_team(acc, &ps, n, threads, team)) < 0)
			goto done;
		inertia = counts[k + 1];
		memcpy(sizes, counts, k * sizeof *sizes);
		if (o->progress && o->progress(o->progress_user, it + 1, o->max_iterations, inertia) != 0) {
			rc = cxm__fail(CXM_ECANCELLED, "k-means cancelled by the progress callback at iteration %u",
				       it + 1);
			goto done;
		}
		if ((rc = relocate_empty(acc, counts, x, n, p, k, c, labels)) < 0)
			goto done;
		shift = 0.0;
		for (j = 0; j < k; j++) {
			double alpha = counts[j] > 0.0 ? 1.0 / counts[j] : 1.0;
			for (f = 0; f < p; f++) {
				double v = acc[j * p + f] * alpha, d = v - c[j * p + f];
				cnew[j * p + f] = v;
				shift += d * d;
			}
		}
		memcpy(c, cnew, k * p * sizeof *c);
		if (counts[k] == 0.0) {
			strict = 1;
			break;
		}
		if (shift <= tol_abs) {
			out->converged = 1;
			break;
		}
	}
	out->iterations = it < o->max_iterations ? it + 1 : o->max_iterations;
	if (strict) {
		/* the labels stay (with a relocation in the last iteration the
		 * centres moved after all, as in scikit-learn); the inertia of
		 * these labels, each term formed directly */
		out->converged = 1;
		ps.mode = PASS_FIXED;
		if ((rc = run_pass_team(acc, &ps, n, threads, team)) < 0)
			goto done;
		inertia = acc[k + 1];
	} else {
		/* the labels of the final centres */
		cxm__kcentres_load(&kc, c);
		ps.mode = PASS_LABEL;
		if ((rc = run_pass_team(acc, &ps, n, threads, team)) < 0)
			goto done;
		memcpy(sizes, acc, k * sizeof *sizes);
		inertia = acc[k + 1];
	}
	out->inertia = inertia;
	rc = CXM_OK;
done:
	team_stop(team);
	cxm__kcentres_free(&kc);
	cxm__free(acc);
	cxm__free(cnew);
	return rc;
}

/* ---- the fit ------------------------------------------------------------------- */

cxm_status cxm_kmeans_fit(cxm_cluster_model **out, uint32_t *labels, size_t n_labels, const double *x, size_t n_x,
			  size_t n_cols, const cxm_cluster_opts *opts)
{
	const cxm_cluster_opts *o = opts ? opts : &cxm__cluster_opts_default;
	cxm_cluster_model *m = NULL;
	size_t rows = 0, k = 0, p = n_cols;
	uint32_t *work = NULL, *best_labels = NULL;
	double *c = NULL, *sizes = NULL, tol_abs = 0.0, best = INFINITY;
	unsigned threads, runs, r;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	threads = cxm__cluster_threads(o);
	if ((rc = cxm__check_array(labels, n_labels, "labels")) < 0 ||
	    (rc = cxm__cluster_scan_x(&rows, &tol_abs, x, n_x, n_cols, o->tol, threads, "x")) < 0 ||
	    (rc = cxm__cluster_resolve_k(&k, o, n_cols, 0)) < 0)
		return rc;
	if (labels && n_labels < rows)
		return cxm__fail(CXM_EBAD_ARG, "n_labels = %zu is smaller than the %zu rows of x", n_labels, rows);
	if (rows < k)
		return cxm__fail(CXM_ETOO_FEW, "k is %zu but x has only %zu rows", k, rows);
	runs = o->init ? 1u : o->n_init;
	if ((m = cxm__cluster_model_alloc(CXM_CLUSTER_KMEANS, k, p, 0)) == NULL)
		return CXM_ENOMEM;
	if ((rc = cxm__alloc_array(&c, k * p, sizeof *c, "k-means centres")) < 0 ||
	    (rc = cxm__alloc_array(&sizes, k, sizeof *sizes, "k-means sizes")) < 0)
		goto fail;
	/* labels of the run (the caller's array when one run fills it), and of the best run */
	best_labels = labels;
	if (runs == 1 && labels) {
		work = labels;
	} else if ((rc = cxm__alloc_array(&work, rows, sizeof *work, "k-means labels")) < 0) {
		goto fail;
	}
	for (r = 0; r < runs; r++) {
		struct run run = { 0.0, 0u, 0u };
		if (o->init)
			memcpy(c, o->init, k * p * sizeof *c);
		else if ((rc = cxm__kmeans_plusplus(c, x, rows, p, k, o->seed, r, threads)) < 0)
			goto fail;
		if (o->batch_size)
			rc = cxm__kmeans_minibatch(c, work, sizes, &run.inertia, &run.iterations, &run.converged, x,
						   rows, p, k, tol_abs, o, threads, r);
		else
			rc = lloyd(&run, c, work, sizes, x, rows, p, k, tol_abs, o, threads);
		if (rc < 0)
			goto fail;
		if (r == 0 || run.inertia < best) { /* the first of equal runs stays */
			best = run.inertia;
			memcpy(m->centres, c, k * p * sizeof *c);
			memcpy(m->sizes, sizes, k * sizeof *sizes);
			m->cost = run.inertia;
			m->iterations = run.iterations;
			m->converged = run.converged;
			if (best_labels && best_labels != work)
				memcpy(best_labels, work, rows * sizeof *work);
		}
	}
	m->rows = rows;
	if (work != labels)
		cxm__free(work);
	cxm__free(c);
	cxm__free(sizes);
	*out = m;
	return CXM_OK;
fail:
	if (work != labels)
		cxm__free(work);
	cxm__free(c);
	cxm__free(sizes);
	cxm_cluster_model_free(m);
	return rc;
}
