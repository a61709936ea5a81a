/*
 * lib/persona/nmf.c - non-negative matrix factorisation X ~ W H (spec §15.8):
 * cxm_nmf_fit with multiplicative updates or hierarchical alternating least
 * squares.
 *
 * The updates are scikit-learn 1.2's for the Frobenius loss without
 * regularisation, so that the same starting W and H give the same factors
 * and iteration count:
 *  - MU (Lee & Seung 2001): W <- W * (X H') / (W H H'), then
 *    H <- H * (W' X) / (W' W H), a zero denominator replaced by the float32
 *    machine epsilon; the error ||X - W H||_F is taken at the start and every
 *    10 iterations, and the fit stops when (previous error - error) / error at
 *    the start < tol (never when tol is 0).
 *  - HALS (Cichocki & Phan 2009; scikit-learn's solver "cd" without shuffle):
 *    one pass of coordinate descent over the columns of W with H H' and X H',
 *    then over the rows of H with W' W and W' X; each coordinate's projected
 *    gradient adds to the iteration's violation, and the fit stops when
 *    violation / violation of the first iteration <= tol.
 *
 * One pass over X per iteration: a row's X H' gives its new W row at once
 * (the W update of a row needs nothing from the other rows), and the row,
 * still in cache, adds w_i' x_i to W' X and w_i' w_i to W' W. The rows go in
 * chunks whose bounds depend on the matrix's shape only; each chunk's sums
 * are kept apart and added in chunk order, so any number of threads gives
 * the same bits.
 */
#include <float.h>
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <string.h>
#include "internal.h"
#include "dist.h"
#include "names.h"
#include "parallel.h"
#include "rng.h"
#include "nmf.h"

/* scikit-learn's EPSILON: np.finfo(np.float32).eps */
#define EPS ((double)FLT_EPSILON)
/* At most this many chunks of rows (their sums are kept apart)... */
#define CHUNKS_MAX 64
/* ...each of at least this many entries of X (unless X is smaller). */
#define CHUNK_MIN_ENTRIES 32768
/* Rows taken together by the kernels (each load of H or of the sums serves them all). */
#define ROWS 4
#define MAX_THREADS 64

enum { PASS_MU, PASS_HALS, PASS_ERROR };

struct nmf;
struct team;
typedef void (*chunk_fn)(struct nmf *s, size_t c);

struct nmf {
	const double *x;
	size_t n, m, k;
	double *w;          /* n x k, updated in place by the MU and HALS passes */
	const double *h;    /* k x m, rows mp apart (a copy of the caller's H) */
	const double *hht;  /* k x k: H H' */
	int mode;
	size_t mp;          /* the stride of H's copy and of W'X: m rounded up to 8, so that their
	                       rows start on 64-byte boundaries */
	size_t chunk_rows, chunks, width, extra_at;
	double *partial;    /* per chunk, width values (a multiple of 8, 64-byte aligned): W'X
	                       (k x mp), W'W (k x k), then at extra_at the violation (HALS) or
	                       the squared error (PASS_ERROR) */
	chunk_fn fn;
	struct team *team;  /* NULL: the calling thread does every chunk */
	double *scratch;    /* per chunk, scratch_width doubles on a 64-byte boundary: a block's
	                       sums in lanes of 8, then its X H' */
	size_t scratch_width;
};

/* ---- the kernels ------------------------------------------------------------------------ */

typedef double v8d __attribute__((vector_size(64)));

#define AI static inline __attribute__((always_inline))

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC push_options
#pragma GCC optimize("fp-contract=fast")
#endif

/* Macros rather than functions: a 64-byte vector passed by value changes the ABI without
 * AVX-512 (-Wpsabi). */
#define LOAD8(v, p) memcpy(&(v), (p), sizeof(v8d))
#define STORE8(p, v) memcpy((p), &(v), sizeof(v8d))
#define HSUM8(v) (((v)[0] + (v)[4]) + ((v)[1] + (v)[5])) + (((v)[2] + (v)[6]) + ((v)[3] + (v)[7]))

/* Rows are taken GROUPS x ROWS at a time, and the columns JB at a time: the JB columns of
 * those rows, of H and of W'X then stay in the first-level cache while every factor is
 * done. Each lane of each sum still adds its terms in column order, so the results are the
 * same as one row and one column after the other in lanes of 8. */
#define GROUPS 4
#define JB 128

/* xh[q k + t] = x_q . h_t for the g x ROWS rows r[q] (rows past the block repeat its first) */
AI void block_xh(double *xh, v8d *a, const double *const *r, size_t g, const double *h, size_t m, size_t mp,
	      size_t k)
{
	size_t m8 = m - m % 8, j0, j, t, q, gi;
	for (q = 0; q < g * ROWS * k; q++)
		a[q] = (v8d){ 0 };
	for (j0 = 0; j0 < m8; j0 += JB) {
		size_t j1 = j0 + JB < m8 ? j0 + JB : m8;
		for (gi = 0; gi < g; gi++) {
			const double *r0 = r[gi * ROWS], *r1 = r[gi * ROWS + 1], *r2 = r[gi * ROWS + 2],
				     *r3 = r[gi * ROWS + 3];
			v8d *ag = a + gi * ROWS * k; /* ag[q k + t] */
			for (t = 0; t + 2 <= k; t += 2) {
				const double *ht = h + t * mp, *hu = ht + mp;
				v8d a0 = ag[t], a1 = ag[k + t], a2 = ag[2 * k + t], a3 = ag[3 * k + t];
				v8d b0 = ag[t + 1], b1 = ag[k + t + 1], b2 = ag[2 * k + t + 1], b3 = ag[3 * k + t + 1];
				for (j = j0; j < j1; j += 8) {
					v8d hv, gv, x0, x1, x2, x3;
					LOAD8(hv, ht + j);
					LOAD8(gv, hu + j);
					LOAD8(x0, r0 + j);
					LOAD8(x1, r1 + j);
					LOAD8(x2, r2 + j);
					LOAD8(x3, r3 + j);
					a0 += x0 * hv;
					a1 += x1 * hv;
					a2 += x2 * hv;
					a3 += x3 * hv;
					b0 += x0 * gv;
					b1 += x1 * gv;
					b2 += x2 * gv;
					b3 += x3 * gv;
				}
				ag[t] = a0;
				ag[k + t] = a1;
				ag[2 * k + t] = a2;
				ag[3 * k + t] = a3;
				ag[t + 1] = b0;
				ag[k + t + 1] = b1;
				ag[2 * k + t + 1] = b2;
				ag[3 * k + t + 1] = b3;
			}
			for (; t < k; t++) {
				const double *ht = h + t * mp;
				v8d a0 = ag[t], a1 = ag[k + t], a2 = ag[2 * k + t], a3 = ag[3 * k + t];
				for (j = j0; j < j1; j += 8) {
					v8d hv, x0, x1, x2, x3;
					LOAD8(hv, ht + j);
					LOAD8(x0, r0 + j);
					LOAD8(x1, r1 + j);
					LOAD8(x2, r2 + j);
					LOAD8(x3, r3 + j);
					a0 += x0 * hv;
					a1 += x1 * hv;
					a2 += x2 * hv;
					a3 += x3 * hv;
				}
				ag[t] = a0;
				ag[k + t] = a1;
				ag[2 * k + t] = a2;
				ag[3 * k + t] = a3;
			}
		}
	}
	for (q = 0; q < g * ROWS; q++) {
		const double *rq = r[q];
		for (t = 0; t < k; t++) {
			const double *ht = h + t * mp;
			double sum = HSUM8(a[q * k + t]);
			for (j = m8; j < m; j++)
				sum += rq[j] * ht[j];
			xh[q * k + t] = sum;
		}
	}
}

/* W'X += w_q' x_q and W'W += w_q' w_q over the g x ROWS rows, in row order (wq[q] the new W
 * rows; zero rows stand in for rows past the block and add nothing) */
AI void block_accumulate(double *acc, const double *const *r, const double *const *wq, size_t g, size_t m,
			 size_t mp, size_t k)
{
	size_t m8 = m - m % 8, j0, j, t, u, gi;
	double *wtw = acc + k * mp;
	for (j0 = 0; j0 < m8; j0 += JB) {
		size_t j1 = j0 + JB < m8 ? j0 + JB : m8;
		for (gi = 0; gi < g; gi++) {
			const double *r0 = r[gi * ROWS], *r1 = r[gi * ROWS + 1], *r2 = r[gi * ROWS + 2],
				     *r3 = r[gi * ROWS + 3];
			const double *const *w = wq + gi * ROWS;
			for (t = 0; t + 2 <= k; t += 2) {
				double *p = acc + t * mp, *o = p + mp;
				v8d b0 = (v8d){ 0 } + w[0][t], b1 = (v8d){ 0 } + w[1][t], b2 = (v8d){ 0 } + w[2][t],
				    b3 = (v8d){ 0 } + w[3][t];
				v8d e0 = (v8d){ 0 } + w[0][t + 1], e1 = (v8d){ 0 } + w[1][t + 1],
				    e2 = (v8d){ 0 } + w[2][t + 1], e3 = (v8d){ 0 } + w[3][t + 1];
				for (j = j0; j < j1; j += 8) {
					v8d pv, ov, x0, x1, x2, x3;
					LOAD8(pv, p + j);
					LOAD8(ov, o + j);
					LOAD8(x0, r0 + j);
					LOAD8(x1, r1 + j);
					LOAD8(x2, r2 + j);
					LOAD8(x3, r3 + j);
					pv = pv + b0 * x0 + b1 * x1 + b2 * x2 + b3 * x3;
					ov = ov + e0 * x0 + e1 * x1 + e2 * x2 + e3 * x3;
					STORE8(p + j, pv);
					STORE8(o + j, ov);
				}
			}
			for (; t < k; t++) {
				double *p = acc + t * mp;
				v8d b0 = (v8d){ 0 } + w[0][t], b1 = (v8d){ 0 } + w[1][t], b2 = (v8d){ 0 } + w[2][t],
				    b3 = (v8d){ 0 } + w[3][t];
				for (j = j0; j < j1; j += 8) {
					v8d pv, x0, x1, x2, x3;
					LOAD8(pv, p + j);
					LOAD8(x0, r0 + j);
					LOAD8(x1, r1 + j);
					LOAD8(x2, r2 + j);
					LOAD8(x3, r3 + j);
					pv = pv + b0 * x0 + b1 * x1 + b2 * x2 + b3 * x3;
					STORE8(p + j, pv);
				}
			}
		}
	}
	for (gi = 0; gi < g; gi++) {
		const double *r0 = r[gi * ROWS], *r1 = r[gi * ROWS + 1], *r2 = r[gi * ROWS + 2], *r3 = r[gi * ROWS + 3];
		const double *const *w = wq + gi * ROWS;
		for (t = 0; t < k; t++) {
			double *p = acc + t * mp, c0 = w[0][t], c1 = w[1][t], c2 = w[2][t], c3 = w[3][t];
			for (j = m8; j < m; j++)
				p[j] = p[j] + c0 * r0[j] + c1 * r1[j] + c2 * r2[j] + c3 * r3[j];
			for (u = 0; u < k; u++)
				wtw[t * k + u] = wtw[t * k + u] + c0 * w[0][u] + c1 * w[1][u] + c2 * w[2][u] +
						 c3 * w[3][u];
		}
	}
}

/* The squared error of the ROWS rows: sum over j of (x_qj - sum_t w_qt h_tj)^2 (rows
 * q >= nr stand in for nothing). */
AI double rows_error(const double *const *r, const double *const *wq, size_t nr, const double *h, size_t m,
		     size_t mp, size_t k)
{
	const double *r0 = r[0], *r1 = r[1], *r2 = r[2], *r3 = r[3];
	const double *w0 = wq[0], *w1 = wq[1], *w2 = wq[2], *w3 = wq[3];
	size_t t, j;
	v8d a0 = { 0 }, a1 = { 0 }, a2 = { 0 }, a3 = { 0 };
	double s[ROWS], total = 0.0;
	for (j = 0; j + 8 <= m; j += 8) {
		v8d y0 = { 0 }, y1 = { 0 }, y2 = { 0 }, y3 = { 0 }, x0, x1, x2, x3;
		for (t = 0; t < k; t++) {
			v8d hv;
			LOAD8(hv, h + t * mp + j);
			y0 += w0[t] * hv;
			y1 += w1[t] * hv;
			y2 += w2[t] * hv;
			y3 += w3[t] * hv;
		}
		LOAD8(x0, r0 + j);
		LOAD8(x1, r1 + j);
		LOAD8(x2, r2 + j);
		LOAD8(x3, r3 + j);
		x0 -= y0;
		x1 -= y1;
		x2 -= y2;
		x3 -= y3;
		a0 += x0 * x0;
		a1 += x1 * x1;
		a2 += x2 * x2;
		a3 += x3 * x3;
	}
	s[0] = HSUM8(a0);
	s[1] = HSUM8(a1);
	s[2] = HSUM8(a2);
	s[3] = HSUM8(a3);
	for (; j < m; j++) {
		size_t q;
		for (q = 0; q < ROWS; q++) {
			double y = 0.0, d;
			for (t = 0; t < k; t++)
				y += wq[q][t] * h[t * mp + j];
			d = r[q][j] - y;
			s[q] += d * d;
		}
	}
	for (j = 0; j < nr; j++)
		total += s[j];
	return total;
}

/* The W update of one row. MU: w_t <- w_t (x.h_t / (w H H')_t), all t from the old row.
 * HALS: coordinate descent over t in order; returns the row's violation. */
AI double row_update(double *wi, const double *xh, const double *hht, size_t k, int mode)
{
	size_t t, u;
	double viol = 0.0;
	if (mode == PASS_MU) {
		double d[64];
		/* d = w H H', each entry summed over u in order; t innermost, so the k sums
		 * advance together */
		for (t = 0; t < k; t++)
			d[t] = 0.0;
		for (u = 0; u < k; u++) {
			double c = wi[u];
			const double *row = hht + u * k;
			for (t = 0; t < k; t++)
				d[t] += c * row[t];
		}
		for (t = 0; t < k; t++)
			d[t] = d[t] == 0.0 ? EPS : d[t];
		for (t = 0; t < k; t++)
			wi[t] *= xh[t] / d[t];
		return 0.0;
	}
	for (t = 0; t < k; t++) {
		double grad = -xh[t], pg, hess = hht[t * k + t];
		for (u = 0; u < k; u++)
			grad += hht[t * k + u] * wi[u];
		pg = wi[t] == 0.0 ? (grad < 0.0 ? grad : 0.0) : grad;
		viol += fabs(pg);
		if (hess != 0.0) {
			double v = wi[t] - grad / hess;
			wi[t] = v > 0.0 ? v : 0.0;
		}
	}
	return viol;
}

static const double zero_row[64];

AI void chunk_body(struct nmf *s, size_t c)
{
	size_t n = s->n, m = s->m, k = s->k, begin = c * s->chunk_rows, i, q;
	size_t end = begin + s->chunk_rows < n ? begin + s->chunk_rows : n;
	size_t mp = s->mp;
	double *acc = s->partial + c * s->width, *extra = acc + s->extra_at;
	v8d *a = (v8d *)(void *)(s->scratch + c * s->scratch_width);
	double *xh = s->scratch + c * s->scratch_width + GROUPS * ROWS * k * 8;
	memset(acc, 0, (s->mode == PASS_ERROR ? 0 : k * mp + k * k) * sizeof *acc);
	*extra = 0.0;
	if (s->mode == PASS_ERROR) {
		for (i = begin; i < end; i += ROWS) {
			size_t nr = end - i < ROWS ? end - i : ROWS;
			const double *r[ROWS], *wq[ROWS];
			for (q = 0; q < ROWS; q++) {
				r[q] = s->x + (i + (q < nr ? q : 0)) * m;
				wq[q] = q < nr ? s->w + (i + q) * k : zero_row;
			}
			*extra += rows_error(r, wq, nr, s->h, m, mp, k);
		}
		return;
	}
	for (i = begin; i < end; i += GROUPS * ROWS) {
		size_t nr = end - i < GROUPS * ROWS ? end - i : GROUPS * ROWS, g = (nr + ROWS - 1) / ROWS;
		const double *r[GROUPS * ROWS], *wq[GROUPS * ROWS];
		for (q = 0; q < g * ROWS; q++) {
			r[q] = s->x + (i + (q < nr ? q : 0)) * m;
			wq[q] = q < nr ? s->w + (i + q) * k : zero_row;
		}
		block_xh(xh, a, r, g, s->h, m, mp, k);
		for (q = 0; q < nr; q++)
			*extra += row_update(s->w + (i + q) * k, xh + q * k, s->hht, k, s->mode);
		block_accumulate(acc, r, wq, g, m, mp, k);
	}
}

#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("avx512f,fma"))) static void chunk_avx512(struct nmf *s, size_t c)
{
	chunk_body(s, c);
}

__attribute__((target("avx2,fma"))) static void chunk_avx2(struct nmf *s, size_t c)
{
	chunk_body(s, c);
}
#endif

static void chunk_plain(struct nmf *s, size_t c)
{
	chunk_body(s, c);
}

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC pop_options
#endif

static chunk_fn pick_kernel(void)
{
#if defined(__x86_64__) && defined(__GNUC__)
	if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("fma"))
		return chunk_avx512;
	if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
		return chunk_avx2;
#endif
	return chunk_plain;
}

/* ---- passes over the rows --------------------------------------------------------------- */

/*
 * The fit keeps its worker threads from the first pass to the last (a fit
 * is hundreds of passes). Between passes they poll for the next one a
 * while, then sleep on a condition variable. A pass's chunks are handed out
 * by a ticket counter whose high half is the pass's number, so a worker
 * late for a pass takes nothing of the next; each chunk writes its own sums,
 * added in chunk order, so the result is the same for any number of threads
 * (as lib/cluster/kmeans.c's team).
 */
#define SPIN_POLLS 20000
/* Passes of fewer multiply-adds (rows x columns x k) than this run on the calling thread. */
#define TEAM_MIN_WORK (1u << 21)

struct team {
	pthread_mutex_t mu;
	pthread_cond_t go;
	atomic_uint gen;           /* the current pass's number */
	atomic_int quit;
	atomic_uint_fast64_t next; /* pass number << 32 | the next chunk */
	atomic_size_t done;        /* chunks of the current pass finished */
	struct nmf *s;
	unsigned workers;
	pthread_t tid[MAX_THREADS];
	int started[MAX_THREADS];
};

/* Take and run chunks of pass `gen` until none is left. */
static void team_chunks(struct team *t, unsigned gen)
{
	struct nmf *s = t->s;
	for (;;) {
		uint_fast64_t ticket = atomic_load(&t->next);
		size_t c;
		do {
			c = (size_t)(ticket & 0xffffffffu);
			if ((unsigned)(ticket >> 32) != gen || c >= s->chunks)
				return;
		} while (!atomic_compare_exchange_weak(&t->next, &ticket, ticket + 1));
		s->fn(s, c);
		atomic_fetch_add(&t->done, 1);
	}
}

static void *team_worker(void *arg)
{
	struct team *t = arg;
	unsigned seen = 0, g;
	for (;;) {
		unsigned polls = 0;
		while ((g = atomic_load(&t->gen)) == seen && !atomic_load(&t->quit) && polls < SPIN_POLLS) {
			polls++;
			if (polls % 64 == 0)
				sched_yield();
		}
		pthread_mutex_lock(&t->mu);
		while ((g = atomic_load(&t->gen)) == seen && !atomic_load(&t->quit))
			pthread_cond_wait(&t->go, &t->mu);
		pthread_mutex_unlock(&t->mu);
		if (atomic_load(&t->quit))
			return NULL;
		seen = g;
		team_chunks(t, g);
	}
}

/* A team of `threads` (the caller counted) for s, or *out NULL when one thread does. */
static int team_start(struct team **out, struct nmf *s, unsigned threads)
{
	struct team *t;
	unsigned w;
	*out = NULL;
	if (threads > s->chunks)
		threads = (unsigned)s->chunks;
	if (threads > MAX_THREADS)
		threads = MAX_THREADS;
	if (threads < 2 || (double)s->n * (double)s->m * (double)s->k < (double)TEAM_MIN_WORK)
		return CXM_OK;
	if ((t = cxm__calloc(1, sizeof *t)) == NULL)
		return cxm__fail(CXM_ENOMEM, "out of memory for the NMF's threads");
	if (pthread_mutex_init(&t->mu, NULL) != 0) {
		cxm__free(t);
		return CXM_OK; /* no team: one thread */
	}
	if (pthread_cond_init(&t->go, NULL) != 0) {
		pthread_mutex_destroy(&t->mu);
		cxm__free(t);
		return CXM_OK;
	}
	atomic_init(&t->gen, 0u);
	atomic_init(&t->quit, 0);
	atomic_init(&t->next, 0u);
	atomic_init(&t->done, 0u);
	t->s = s;
	t->workers = threads - 1;
	for (w = 0; w < t->workers; w++)
		t->started[w] = cxm__thread_start(&t->tid[w], team_worker, t);
	*out = t;
	return CXM_OK;
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
	cxm__free(t);
}

/* One pass in `mode`; out receives the chunks' sums added in chunk order (PASS_ERROR: only
 * the last value, the squared error). */
static void run_pass(struct nmf *s, int mode, double *out)
{
	struct team *t = s->team;
	size_t c, i, first = mode == PASS_ERROR ? s->extra_at : 0, last = mode == PASS_ERROR ? s->extra_at + 1 : s->width;
	s->mode = mode;
	if (t) {
		unsigned g;
		pthread_mutex_lock(&t->mu);
		g = atomic_load(&t->gen) + 1u;
		atomic_store(&t->done, 0u);
		atomic_store(&t->next, (uint_fast64_t)g << 32);
		atomic_store(&t->gen, g);
		pthread_cond_broadcast(&t->go);
		pthread_mutex_unlock(&t->mu);
		team_chunks(t, g);
		while (atomic_load(&t->done) < s->chunks)
			sched_yield();
	} else {
		for (c = 0; c < s->chunks; c++)
			s->fn(s, c);
	}
	for (i = first; i < last; i++)
		out[i] = 0.0;
	for (c = 0; c < s->chunks; c++) {
		const double *p = s->partial + c * s->width;
		for (i = first; i < last; i++)
			out[i] += p[i];
	}
}

/* ||X - W H||_F */
static double frobenius_error(struct nmf *s, double *acc)
{
	run_pass(s, PASS_ERROR, acc);
	return sqrt(acc[s->extra_at]);
}

/* H (k x m) into its copy with rows mp apart */
static void copy_h(double *hp, const double *h, size_t k, size_t m, size_t mp)
{
	size_t t;
	for (t = 0; t < k; t++)
		memcpy(hp + t * mp, h + t * m, m * sizeof *h);
}

/* hht = H H' (k x k) */
static void gram_rows(double *hht, const double *h, size_t k, size_t m)
{
	size_t t, u, j;
	for (t = 0; t < k; t++) {
		for (u = t; u < k; u++) {
			double sum = 0.0;
			for (j = 0; j < m; j++)
				sum += h[t * m + j] * h[u * m + j];
			hht[t * k + u] = hht[u * k + t] = sum;
		}
	}
}

/* MU's H update: H <- H * (W'X) / ((W'W) H), den (k x m) scratch. */
static void mu_update_h(double *h, double *den, const double *wtx, const double *wtw, size_t k, size_t m, size_t mp)
{
	size_t t, u, j;
	for (t = 0; t < k; t++) {
		double *d = den + t * m;
		for (j = 0; j < m; j++)
			d[j] = 0.0;
		for (u = 0; u < k; u++) {
			double c = wtw[t * k + u];
			const double *hu = h + u * m;
			for (j = 0; j < m; j++)
				d[j] += c * hu[j];
		}
	}
	for (t = 0; t < k; t++)
		for (j = 0; j < m; j++)
			h[t * m + j] *= wtx[t * mp + j] / (den[t * m + j] == 0.0 ? EPS : den[t * m + j]);
}

/* HALS's H update, coordinate descent on the rows of H' with W'W and X'W; returns the
 * violation. */
static double hals_update_h(double *h, const double *wtx, const double *wtw, size_t k, size_t m, size_t mp)
{
	size_t t, u, j;
	double viol = 0.0, col[64];
	for (j = 0; j < m; j++) {
		for (t = 0; t < k; t++)
			col[t] = h[t * m + j];
		for (t = 0; t < k; t++) {
			double grad = -wtx[t * mp + j], pg, hess = wtw[t * k + t];
			for (u = 0; u < k; u++)
				grad += wtw[t * k + u] * col[u];
			pg = col[t] == 0.0 ? (grad < 0.0 ? grad : 0.0) : grad;
			viol += fabs(pg);
			if (hess != 0.0) {
				double v = col[t] - grad / hess;
				col[t] = v > 0.0 ? v : 0.0;
			}
		}
		for (t = 0; t < k; t++)
			h[t * m + j] = col[t];
	}
	return viol;
}

/* ---- checks ------------------------------------------------------------------------------ */

/* Every entry finite and >= 0; sum and whether any is above 0. */
static int check_nonneg(const double *a, size_t n, size_t cols, const char *what, double *sum, double *ss)
{
	size_t i;
	double s = 0.0, s2 = 0.0;
	int any = 0;
	for (i = 0; i < n; i++) {
		double v = a[i];
		if (!(v >= 0.0 && v <= DBL_MAX)) {
			if (isnan(v))
				return cxm__fail(CXM_ENAN, "%s has NaN at row %zu, column %zu", what, i / cols,
						 i % cols);
			return cxm__fail(CXM_EOUT_OF_RANGE,
					 "%s has %g at row %zu, column %zu; entries must be finite and >= 0", what,
					 v, i / cols, i % cols);
		}
		s += v;
		s2 += v * v;
		any |= v > 0.0;
	}
	if (!any)
		return cxm__fail(CXM_EEMPTY, "%s is all zero", what);
	*sum = s;
	*ss = s2;
	return CXM_OK;
}

/* scikit-learn's init="random": sqrt(mean(X) / k) |N(0, 1)|, H first then W, from the
 * stream (seed, 0); the normal deviates by inversion of uniforms of 53 bits. */
void cxm__nmf_random_init(double *w, double *h, size_t n, size_t m, size_t k, double mean, uint64_t seed)
{
	cxm__rng r;
	size_t i;
	double avg = sqrt(mean / (double)k);
	cxm__rng_init(&r, seed, 0);
	for (i = 0; i < k * m; i++)
		h[i] = avg * cxm__norm_quantile(0.5 + 0.5 * cxm__rng_uniform(&r));
	for (i = 0; i < n * k; i++)
		w[i] = avg * cxm__norm_quantile(0.5 + 0.5 * cxm__rng_uniform(&r));
}

/* ---- the fit -------------------------------------------------------------------------------- */

int cxm__nmf_fit(double *w, size_t n_w, double *h, size_t n_h, cxm_nmf_info *info, const double *x, size_t n_x,
		 size_t n_cols, size_t k, int method, int init_given, uint64_t seed, unsigned int max_iterations,
		 double tol, unsigned threads)
{
	struct nmf s;
	size_t n, m = n_cols;
	double sum_x = 0.0, ss_x = 0.0, sum = 0.0, err, *acc = NULL, *hht = NULL, *den = NULL, *scratch = NULL;
	double *partial = NULL, *hcopy = NULL, *hp;
	unsigned int it, iterations, converged = 0;
	int rc;
	memset(&s, 0, sizeof s);
	if (info && (rc = CXM__CHECK_OUT(info, CXM_NMF_INFO_VERSION, "cxm_nmf_info")) < 0)
		return rc;
	if ((rc = cxm__check_array(x, n_x, "x")) < 0 || (rc = cxm__check_array(w, n_w, "w")) < 0 ||
	    (rc = cxm__check_array(h, n_h, "h")) < 0 || (rc = cxm__names_check(&cxm__nmf_method_names, method)) < 0)
		return rc;
	if (m == 0)
		return cxm__fail(CXM_EBAD_ARG, "n_cols is 0; x needs at least one column");
	if (n_x % m != 0)
		return cxm__fail(CXM_EBAD_ARG, "n_x = %zu is not a multiple of n_cols = %zu", n_x, m);
	if (n_x == 0)
		return cxm__fail(CXM_EEMPTY, "x has no rows");
	n = n_x / m;
	if (k == 0 || k > n || k > m)
		return cxm__fail(CXM_EBAD_ARG, "k = %zu must be 1 to min(rows, columns) = %zu (x is %zu x %zu)", k,
				 n < m ? n : m, n, m);
	if (k > 64)
		return cxm__fail(CXM_EBAD_ARG, "k = %zu is above 64, the most factors fitted", k);
	if (n_w < n * k)
		return cxm__fail(CXM_EBAD_ARG, "n_w = %zu is smaller than the %zu entries of W (%zu rows x k = %zu)",
				 n_w, n * k, n, k);
	if (n_h < k * m)
		return cxm__fail(CXM_EBAD_ARG,
				 "n_h = %zu is smaller than the %zu entries of H (k = %zu x %zu columns)", n_h, k * m, k,
				 m);
	if (max_iterations == 0)
		return cxm__fail(CXM_EBAD_ARG, "max_iterations is 0; at least one iteration is needed");
	if (!(tol >= 0.0 && tol <= DBL_MAX))
		return cxm__fail(CXM_EBAD_ARG, "tol = %g must be finite and >= 0", tol);
	if ((rc = check_nonneg(x, n_x, m, "x", &sum_x, &ss_x)) < 0)
		return rc;
	if (init_given) {
		if ((rc = check_nonneg(w, n * k, k, "w", &sum, &sum)) < 0 || (rc = check_nonneg(h, k * m, m, "h", &sum, &sum)) < 0)
			return rc;
	} else {
		cxm__nmf_random_init(w, h, n, m, k, sum_x / (double)n_x, seed);
	}

	s.x = x;
	s.n = n;
	s.m = m;
	s.k = k;
	s.w = w;
	s.mp = (m + 7) / 8 * 8;
	s.extra_at = k * s.mp + k * k;
	s.width = (s.extra_at + 1 + 7) / 8 * 8;
	s.chunk_rows = (n + CHUNKS_MAX - 1) / CHUNKS_MAX;
	if (s.chunk_rows * m < CHUNK_MIN_ENTRIES)
		s.chunk_rows = (CHUNK_MIN_ENTRIES + m - 1) / m;
	s.chunks = (n + s.chunk_rows - 1) / s.chunk_rows;
	s.fn = pick_kernel();
	s.scratch_width = GROUPS * ROWS * k * 9; /* a multiple of 8: each chunk's part stays aligned */
	if ((rc = cxm__alloc_array(&partial, s.chunks * s.width + 8, sizeof *partial, "NMF sums")) < 0 ||
	    (rc = cxm__alloc_array(&hcopy, k * s.mp + 8, sizeof *hcopy, "NMF H")) < 0 ||
	    (rc = cxm__alloc_array(&acc, s.width, sizeof *acc, "NMF sums")) < 0 ||
	    (rc = cxm__alloc_array(&hht, k * k, sizeof *hht, "NMF H H'")) < 0 ||
	    (rc = cxm__alloc_array(&den, k * m, sizeof *den, "NMF denominators")) < 0 ||
	    (rc = cxm__alloc_array(&scratch, s.chunks * s.scratch_width + 8, sizeof *scratch, "NMF blocks")) < 0 ||
	    (rc = team_start(&s.team, &s, threads ? threads : cxm__default_threads())) < 0)
		goto done;
	s.hht = hht;
	/* on 64-byte boundaries */
	s.scratch = scratch + (8 - ((uintptr_t)scratch / sizeof *scratch) % 8) % 8;
	s.partial = partial + (8 - ((uintptr_t)partial / sizeof *partial) % 8) % 8;
	hp = hcopy + (8 - ((uintptr_t)hcopy / sizeof *hcopy) % 8) % 8;
	memset(hp, 0, k * s.mp * sizeof *hp);
	copy_h(hp, h, k, m, s.mp);
	s.h = hp;

	if (method == CXM_NMF_MU) {
		double err0 = frobenius_error(&s, acc), prev = err0;
		unsigned int measured = 0; /* the iteration err belongs to */
		err = err0;
		for (it = 1; it <= max_iterations; it++) {
			gram_rows(hht, h, k, m);
			run_pass(&s, PASS_MU, acc);
			mu_update_h(h, den, acc, acc + k * s.mp, k, m, s.mp);
			copy_h(hp, h, k, m, s.mp);
			if (tol > 0.0 && it % 10 == 0) {
				err = frobenius_error(&s, acc);
				measured = it;
				if ((prev - err) / err0 < tol) {
					converged = 1;
					break;
				}
				prev = err;
			}
		}
		iterations = it <= max_iterations ? it : max_iterations;
		if (measured != iterations)
			err = frobenius_error(&s, acc);
	} else {
		double viol0 = 0.0;
		for (it = 1; it <= max_iterations; it++) {
			double viol;
			gram_rows(hht, h, k, m);
			run_pass(&s, PASS_HALS, acc);
			viol = acc[s.extra_at] + hals_update_h(h, acc, acc + k * s.mp, k, m, s.mp);
			copy_h(hp, h, k, m, s.mp);
			if (it == 1)
				viol0 = viol;
			if (viol0 == 0.0 || viol / viol0 <= tol) {
				converged = 1;
				break;
			}
		}
		iterations = it <= max_iterations ? it : max_iterations;
		err = frobenius_error(&s, acc);
	}
	if (info) {
		info->iterations = iterations;
		info->converged = converged;
		info->error = err;
		info->relative_error = err / sqrt(ss_x);
	}
	rc = CXM_OK;
done:
	team_stop(s.team);
	cxm__free(partial);
	cxm__free(hcopy);
	cxm__free(acc);
	cxm__free(hht);
	cxm__free(den);
	cxm__free(scratch);
	return rc;
}

cxm_status cxm_nmf_fit(double *w, size_t n_w, double *h, size_t n_h, cxm_nmf_info *info, const double *x, size_t n_x,
		       size_t n_cols, size_t k, int method, int init_given, uint64_t seed, unsigned int max_iterations,
		       double tol)
{
	return cxm__nmf_fit(w, n_w, h, n_h, info, x, n_x, n_cols, k, method, init_given, seed, max_iterations, tol,
			    0);
}
