/*
 * lib/cluster/silhouette.c - the mean silhouette (Rousseeuw 1987), exact or
 * over a seeded sample of rows, as scikit-learn's silhouette_score (spec
 * §14.4).
 *
 * For row i of cluster A, a(i) is the mean distance to the other rows of A,
 * b(i) the smallest mean distance to the rows of another cluster, and s(i) =
 * (b - a) / max(a, b) (0 when i is alone in A, or when a = b = 0). The
 * result is the mean of s over the rows scored.
 *
 * The work is all pairs of rows, each pair once. The rows scored are first
 * copied grouped by label (within a label in row order), so that the
 * distances from a row to one cluster are contiguous runs, summed without
 * scattering. The rows are cut into blocks of B; block row I (a task) forms
 * the distances of its rows to the rows of every block J >= I: squared
 * distances by cxm__sqdist_block in the ||x||^2 - 2 x.y + ||y||^2 form that
 * scikit-learn's euclidean_distances uses (clipped at 0, a row's distance to
 * itself set to 0), plus gamma x mismatches for codes, then square roots.
 * Each row of I adds, per run of J, its distances in its own sums (srow,
 * owned by the task). The rows of J > I get, per run of I, the column sums
 * of the block (pcol, one entry per run and row, written by this task
 * only); after the block rows of a panel are done, these are added to the
 * rows' sums (scol) in block order. Threads take block rows from a counter;
 * every sum is formed in an order fixed by the rows, not by the threads, and
 * the s(i) are added in row order at the end: the result does not depend on
 * the number of threads. A panel is as many block rows as keep pcol under
 * PANEL_DOUBLES, so memory stays O(rows x (k + 1)) plus a bounded buffer.
 */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#if defined(__SSE2__)
#  include <emmintrin.h>
#endif
#include "internal.h"
#include "parallel.h"
#include "quality.h"

#define B 128 /* rows per block: a block pair's distances, B x B, stay in L2 */
#define MAX_THREADS 64
#if defined(__x86_64__) && defined(__GNUC__)
#  include <immintrin.h>
#  define HAVE_AVX2_PATH 1
#else
#  define HAVE_AVX2_PATH 0
#endif
/* the column sums of a panel of block rows take at most this many doubles
 * (or one block row's worth): memory stays bounded for any number of rows */
#define PANEL_DOUBLES ((size_t)1 << 22)

struct job {
	const double *xs, *xn; /* m x p copied rows, grouped by label; their squared norms */
	size_t p;
	const uint32_t *cs;    /* m x n_cat codes in the same order, or NULL */
	size_t n_cat;
	double gamma;
	const uint32_t *lab;   /* m labels in that order */
	const size_t *off, *cnt; /* cluster c: rows off[c] .. off[c] + cnt[c] - 1 */
	size_t k, m, nb;       /* clusters, rows, blocks */
	const size_t *run0;    /* block I's runs (one cluster each) are runs run0[I] .. run0[I + 1] - 1 */
	const size_t *rbeg, *rend; /* rows of each run */
	double *srow;          /* m x k: sums from pairs (I, J >= I) of the row's own block I */
	double *pcol;          /* (runs of the panel) x m: column sums of pairs (I, J > I) */
	size_t panel_first, panel_end, panel_run0; /* block rows of the panel; its first run */
	int avx2;              /* the AVX2 build of the arithmetic */
	atomic_size_t next;
};

struct worker {
	struct job *job;
	double *d; /* B x B distances */
};

/*
 * The arithmetic after the distances, in two builds with the same results:
 * SSE2 (any x86-64) and AVX2 (chosen at run time). Square roots are exact
 * (IEEE), column sums add each column's values in row order, and a run's
 * row sum keeps four lanes (j mod 4) combined as (0 + 1) + (2 + 3), however
 * wide the vectors are.
 */

/* sqrt of v[0..n-1] in place */
static void sqrt_all(double *v, size_t n)
{
	size_t j = 0;
#if defined(__SSE2__)
	for (; j + 2 <= n; j += 2)
		_mm_storeu_pd(v + j, _mm_sqrt_pd(_mm_loadu_pd(v + j)));
#endif
	for (; j < n; j++)
		v[j] = sqrt(v[j]);
}

/* the four lanes' sum, with the last n - j values (fewer than 4) added to lanes 0, 1, 2 */
static double lanes_sum(double l0, double l1, double l2, double l3, const double *v, size_t j, size_t n)
{
	if (j < n)
		l0 += v[j++];
	if (j < n)
		l1 += v[j++];
	if (j < n)
		l2 += v[j];
	return (l0 + l1) + (l2 + l3);
}

/* v[0] + ... + v[n-1] in four lanes (j mod 4) */
static double sum4(const double *v, size_t n)
{
	double l0 = 0, l1 = 0, l2 = 0, l3 = 0;
	size_t j = 0;
	for (; j + 4 <= n; j += 4) {
		l0 += v[j];
		l1 += v[j + 1];
		l2 += v[j + 2];
		l3 += v[j + 3];
	}
	return lanes_sum(l0, l1, l2, l3, v, j, n);
}

/* a[j] += b[j] */
static void add_to(double *restrict a, const double *restrict b, size_t n)
{
	size_t j;
	for (j = 0; j < n; j++)
		a[j] += b[j];
}

#if HAVE_AVX2_PATH
__attribute__((target("avx2"))) static void sqrt_all_avx2(double *v, size_t n)
{
	size_t j = 0;
	for (; j + 4 <= n; j += 4)
		_mm256_storeu_pd(v + j, _mm256_sqrt_pd(_mm256_loadu_pd(v + j)));
	for (; j < n; j++)
		v[j] = sqrt(v[j]);
}

__attribute__((target("avx2"))) static double sum4_avx2(const double *v, size_t n)
{
	__m256d acc = _mm256_setzero_pd();
	double l[4];
	size_t j = 0;
	for (; j + 4 <= n; j += 4)
		acc = _mm256_add_pd(acc, _mm256_loadu_pd(v + j));
	_mm256_storeu_pd(l, acc);
	return lanes_sum(l[0], l[1], l[2], l[3], v, j, n);
}

__attribute__((target("avx2"))) static void add_to_avx2(double *restrict a, const double *restrict b, size_t n)
{
	size_t j = 0;
	for (; j + 4 <= n; j += 4)
		_mm256_storeu_pd(a + j, _mm256_add_pd(_mm256_loadu_pd(a + j), _mm256_loadu_pd(b + j)));
	for (; j < n; j++)
		a[j] += b[j];
}
#endif

/* block row I: pairs (I, J) for J >= I */
static void task(struct worker *w, size_t I)
{
	const struct job *jb = w->job;
	size_t p = jb->p, k = jb->k, m = jb->m, r0 = I * B, r1 = r0 + B < m ? r0 + B : m, nr = r1 - r0;
	size_t J, r, j, q;
	double *d = w->d;

	for (J = I; J < jb->nb; J++) {
		size_t c0 = J * B, c1 = c0 + B < m ? c0 + B : m, nc = c1 - c0;
		if (p > 0)
			cxm__sqdist_block(d, jb->xs + r0 * p, nr, jb->xs + c0 * p, nc, p, jb->xn + r0, jb->xn + c0);
		else
			memset(d, 0, nr * nc * sizeof *d);
		if (jb->n_cat > 0)
			for (r = 0; r < nr; r++)
				for (j = 0; j < nc; j++)
					d[r * nc + j] += cxm__mismatch(jb->cs + (r0 + r) * jb->n_cat,
								       jb->cs + (c0 + j) * jb->n_cat, jb->n_cat, jb->gamma);
		if (J == I) /* a row's distance to itself is 0, as scikit-learn sets it */
			for (r = 0; r < nr; r++)
				d[r * nc + r] = 0.0;
#if HAVE_AVX2_PATH
		if (jb->avx2)
			sqrt_all_avx2(d, nr * nc);
		else
#endif
			sqrt_all(d, nr * nc);
		/* the rows of I: sums over the runs of J */
		for (q = jb->run0[J]; q < jb->run0[J + 1]; q++) {
			uint32_t c = jb->lab[jb->rbeg[q]];
			for (r = 0; r < nr; r++) {
				const double *v = d + r * nc + (jb->rbeg[q] - c0);
				size_t n = jb->rend[q] - jb->rbeg[q];
#if HAVE_AVX2_PATH
				jb->srow[(r0 + r) * k + c] += jb->avx2 ? sum4_avx2(v, n) : sum4(v, n);
#else
				jb->srow[(r0 + r) * k + c] += sum4(v, n);
#endif
			}
		}
		/* the rows of J > I: sums over the runs of I, row by row of the run */
		if (J > I)
			for (q = jb->run0[I]; q < jb->run0[I + 1]; q++) {
				double *pc = jb->pcol + (q - jb->panel_run0) * m + c0;
				memset(pc, 0, nc * sizeof *pc);
				for (r = jb->rbeg[q] - r0; r < jb->rend[q] - r0; r++) {
#if HAVE_AVX2_PATH
					if (jb->avx2)
						add_to_avx2(pc, d + r * nc, nc);
					else
#endif
						add_to(pc, d + r * nc, nc);
				}
			}
	}
}

static void *work(void *arg)
{
	struct worker *w = arg;
	struct job *jb = w->job;
	size_t t;
	while ((t = atomic_fetch_add_explicit(&jb->next, 1, memory_order_relaxed)) < jb->panel_end - jb->panel_first)
		task(w, jb->panel_first + t);
	return NULL;
}

/* the block row after the panel that starts at block row I: its column
 * sums hold at most PANEL_DOUBLES (at least one block row) */
static size_t panel_end(const struct job *job, size_t I)
{
	size_t e = I + 1;
	while (e < job->nb && (job->run0[e + 1] - job->run0[I]) * job->m <= PANEL_DOUBLES)
		e++;
	return e;
}

/* s(i) of the m rows of job (its inputs set) into sil, on up to `threads` threads */
static int run(struct job *job, double *sil, unsigned threads)
{
	struct worker w[MAX_THREADS];
	pthread_t tid[MAX_THREADS];
	int started[MAX_THREADS];
	size_t m = job->m, k = job->k, I, q, j, i, runs_cap = 0, c2;
	double *scol = NULL;
	unsigned want, t, made = 0;
	int st = CXM_OK;

	want = threads ? threads : cxm__default_threads();
	if (want > MAX_THREADS)
		want = MAX_THREADS;
	if ((size_t)want > job->nb)
		want = (unsigned)job->nb;
	/* a few hundred thousand pairs are done before a thread starts */
	if ((double)m * (double)m * (double)(job->p + job->n_cat + 1) < 4e5)
		want = 1;
	if (want < 1)
		want = 1;
	/* panels: as many block rows as keep their column sums under PANEL_DOUBLES */
	for (I = 0; I < job->nb; I = panel_end(job, I))
		if (job->run0[panel_end(job, I)] - job->run0[I] > runs_cap)
			runs_cap = job->run0[panel_end(job, I)] - job->run0[I];
	job->pcol = job->srow = NULL;
	if ((st = cxm__alloc_array(&job->srow, m * k, sizeof *job->srow, "silhouette sums")) < 0 ||
	    (st = cxm__alloc_array(&scol, m * k, sizeof *scol, "silhouette sums")) < 0 ||
	    (st = cxm__alloc_array(&job->pcol, runs_cap * m, sizeof *job->pcol, "silhouette column sums")) < 0)
		goto done;
	memset(job->srow, 0, m * k * sizeof *job->srow);
	memset(scol, 0, m * k * sizeof *scol);
	for (t = 0; t < want; t++) {
		w[t].job = job;
		if ((st = cxm__alloc_array(&w[t].d, (size_t)B * B, sizeof *w[t].d, "silhouette distances")) < 0)
			goto done;
		made++;
	}
	for (I = 0; I < job->nb;) {
		size_t e = panel_end(job, I);
		job->panel_first = I;
		job->panel_end = e;
		job->panel_run0 = job->run0[I];
		atomic_init(&job->next, 0);
		for (t = 1; t < want; t++)
			started[t] = cxm__thread_start(&tid[t], work, &w[t]);
		work(&w[0]); /* the calling thread takes whatever block rows the others do not */
		for (t = 1; t < want; t++)
			if (started[t])
				pthread_join(tid[t], NULL);
		/* the panel's column sums into the rows after each block row, in block order */
		for (q = job->run0[I]; q < job->run0[e]; q++) {
			size_t blk_end = job->rbeg[q] / B * B + B; /* rows after the run's block */
			uint32_t c = job->lab[job->rbeg[q]];
			const double *pc = job->pcol + (q - job->panel_run0) * m;
			for (j = blk_end; j < m; j++)
				scol[j * k + c] += pc[j];
		}
		I = e;
	}
	for (i = 0; i < m; i++) {
		uint32_t c = job->lab[i];
		double ai, bi = INFINITY, den;
		if (job->cnt[c] <= 1) {
			sil[i] = 0.0;
			continue;
		}
		ai = (job->srow[i * k + c] + scol[i * k + c]) / (double)(job->cnt[c] - 1);
		for (c2 = 0; c2 < k; c2++)
			if (c2 != c && job->cnt[c2] > 0) {
				double v = (job->srow[i * k + c2] + scol[i * k + c2]) / (double)job->cnt[c2];
				if (v < bi)
					bi = v;
			}
		den = ai > bi ? ai : bi;
		sil[i] = den > 0 ? (bi - ai) / den : 0.0;
	}
done:
	for (t = 0; t < made; t++)
		cxm__free(w[t].d);
	cxm__free(job->srow);
	cxm__free(job->pcol);
	cxm__free(scol);
	return st;
}

cxm_status cxm_cluster_silhouette(double *out, const double *x, size_t n_x, size_t n_cols,
				  const uint32_t *codes, size_t n_codes, size_t n_cat, double gamma,
				  const uint32_t *labels, size_t n_labels, size_t sample, uint64_t seed,
				  unsigned int threads)
{
	cxm__qdata q;
	struct job job;
	size_t *idx = NULL, *off = NULL, *cnt = NULL, *pos = NULL, *run0 = NULL, *rbeg = NULL, *rend = NULL, m, i, c,
	       present = 0;
	double *xs = NULL, *xn = NULL, *sil = NULL, sum = 0.0;
	uint32_t *cs = NULL, *lab = NULL;
	int st;

	if ((st = cxm__check_ptr(out, "out")) < 0)
		return st;
	*out = NAN;
	if (threads > 1024)
		return cxm__fail(CXM_EBAD_ARG, "threads = %u is more than 1024", threads);
	if ((st = cxm__quality_check(&q, x, n_x, n_cols, codes, n_codes, n_cat, gamma, labels, n_labels)) < 0)
		return st;
	if (sample >= q.rows)
		sample = 0; /* a sample of every row is every row, in row order */
	m = sample ? sample : q.rows;
	if (sample) {
		if ((st = cxm__alloc_array(&idx, m, sizeof *idx, "silhouette sample")) < 0)
			goto done;
		cxm__sample_rows(idx, q.rows, m, seed);
	}
	if ((st = cxm__alloc_array(&off, q.k, sizeof *off, "silhouette clusters")) < 0 ||
	    (st = cxm__alloc_array(&cnt, q.k, sizeof *cnt, "silhouette clusters")) < 0 ||
	    (st = cxm__alloc_array(&pos, q.k, sizeof *pos, "silhouette clusters")) < 0 ||
	    (st = cxm__alloc_array(&lab, m, sizeof *lab, "silhouette labels")) < 0 ||
	    (st = cxm__alloc_array(&sil, m, sizeof *sil, "silhouette values")) < 0)
		goto done;
	if (q.p > 0 && ((st = cxm__alloc_array(&xs, m * q.p, sizeof *xs, "silhouette rows")) < 0 ||
			(st = cxm__alloc_array(&xn, m, sizeof *xn, "silhouette norms")) < 0))
		goto done;
	if (q.n_cat > 0 && (st = cxm__alloc_array(&cs, m * q.n_cat, sizeof *cs, "silhouette codes")) < 0)
		goto done;
	memset(cnt, 0, q.k * sizeof *cnt);
	for (i = 0; i < m; i++)
		cnt[q.labels[idx ? idx[i] : i]]++;
	for (c = 0; c < q.k; c++) {
		off[c] = c ? off[c - 1] + cnt[c - 1] : 0;
		pos[c] = off[c];
		present += cnt[c] > 0;
	}
	if (present < 2 || present >= m) {
		st = cxm__fail(CXM_ETOO_FEW, "the %zu rows scored hold %zu clusters: the silhouette needs 2 or more, "
					    "and fewer than the rows", m, present);
		goto done;
	}
	for (i = 0; i < m; i++) { /* grouped by label, row order within a label */
		size_t row = idx ? idx[i] : i;
		uint32_t l = q.labels[row];
		size_t to = pos[l]++;
		lab[to] = l;
		if (q.p > 0)
			memcpy(xs + to * q.p, q.x + row * q.p, q.p * sizeof *xs);
		if (q.n_cat > 0)
			memcpy(cs + to * q.n_cat, q.codes + row * q.n_cat, q.n_cat * sizeof *cs);
	}
	if (q.p > 0)
		cxm__row_norms(xn, xs, m, q.p);
	job.xs = xs;
	job.xn = xn;
	job.p = q.p;
	job.cs = cs;
	job.n_cat = q.n_cat;
	job.gamma = q.gamma;
	job.lab = lab;
	job.off = off;
	job.cnt = cnt;
	job.k = q.k;
	job.m = m;
	job.nb = (m + B - 1) / B;
#if HAVE_AVX2_PATH
	job.avx2 = __builtin_cpu_supports("avx2");
#else
	job.avx2 = 0;
#endif
	/* runs: the rows of one block and one cluster (at most nb + k - 1 of them) */
	if ((st = cxm__alloc_array(&run0, job.nb + 1, sizeof *run0, "silhouette runs")) < 0 ||
	    (st = cxm__alloc_array(&rbeg, job.nb + q.k, sizeof *rbeg, "silhouette runs")) < 0 ||
	    (st = cxm__alloc_array(&rend, job.nb + q.k, sizeof *rend, "silhouette runs")) < 0)
		goto done;
	{
		size_t I, nrun = 0;
		for (I = 0; I < job.nb; I++) {
			size_t a = I * B, e = a + B < m ? a + B : m;
			run0[I] = nrun;
			while (a < e) {
				size_t b = off[lab[a]] + cnt[lab[a]] < e ? off[lab[a]] + cnt[lab[a]] : e;
				rbeg[nrun] = a;
				rend[nrun++] = b;
				a = b;
			}
		}
		run0[job.nb] = nrun;
	}
	job.run0 = run0;
	job.rbeg = rbeg;
	job.rend = rend;
	if ((st = run(&job, sil, threads)) < 0)
		goto done;
	for (i = 0; i < m; i++)
		sum += sil[i];
	*out = sum / (double)m;
done:
	cxm__free(idx);
	cxm__free(run0);
	cxm__free(rbeg);
	cxm__free(rend);
	cxm__free(off);
	cxm__free(cnt);
	cxm__free(pos);
	cxm__free(lab);
	cxm__free(sil);
	cxm__free(xs);
	cxm__free(xn);
	cxm__free(cs);
	cxm__qdata_free(&q);
	return st;
}
