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
 * The work is all pairs of rows. The rows scored are first copied grouped
 * by label (within a label in row order), so that the distances from a row
 * to one cluster are a contiguous run that is summed without scattering.
 * Tasks of RB rows take the other rows in blocks of CB: squared distances
 * by cxm__sqdist_block in the ||x||^2 - 2 x.y + ||y||^2 form that
 * scikit-learn's euclidean_distances uses (clipped at 0, the diagonal set
 * to 0), plus gamma x mismatches for codes, then square roots summed per
 * cluster run. Threads take tasks from a counter; each row's sums are
 * added in the same order whichever thread computes them, and the s(i) are
 * added in row order at the end: the result does not depend on the number
 * of threads.
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

#define RB 32  /* rows per task */
#define CB 256 /* other rows per distance block */
#define MAX_THREADS 64

struct job {
	const double *xs, *xn; /* m x p copied rows, grouped by label; their squared norms */
	size_t p;
	const uint32_t *cs;    /* m x n_cat codes in the same order, or NULL */
	size_t n_cat;
	double gamma;
	const uint32_t *lab;   /* m labels in that order */
	const size_t *off, *cnt; /* cluster c: rows off[c] .. off[c] + cnt[c] - 1 */
	size_t k, m;
	double *sil;           /* m values of s(i) */
	size_t tasks;
	atomic_size_t next;
};

struct worker {
	struct job *job;
	double *d; /* RB x CB distances */
	double *s; /* RB x k sums per cluster */
};

/* sum of sqrt(v[0..n-1]) in four lanes (j mod 4), combined (0 + 1) + (2 + 3):
 * the same order with and without SSE2 */
static double sum_sqrt(const double *v, size_t n)
{
	size_t j = 0;
#if defined(__SSE2__)
	__m128d a = _mm_setzero_pd(), b = _mm_setzero_pd();
	double la[2], lb[2];
	for (; j + 4 <= n; j += 4) {
		a = _mm_add_pd(a, _mm_sqrt_pd(_mm_loadu_pd(v + j)));
		b = _mm_add_pd(b, _mm_sqrt_pd(_mm_loadu_pd(v + j + 2)));
	}
	_mm_storeu_pd(la, a);
	_mm_storeu_pd(lb, b);
	double l0 = la[0], l1 = la[1], l2 = lb[0], l3 = lb[1];
#else
	double l0 = 0, l1 = 0, l2 = 0, l3 = 0;
	for (; j + 4 <= n; j += 4) {
		l0 += sqrt(v[j]);
		l1 += sqrt(v[j + 1]);
		l2 += sqrt(v[j + 2]);
		l3 += sqrt(v[j + 3]);
	}
#endif
	if (j < n)
		l0 += sqrt(v[j++]);
	if (j < n)
		l1 += sqrt(v[j++]);
	if (j < n)
		l2 += sqrt(v[j++]);
	return (l0 + l1) + (l2 + l3);
}

static void task(struct worker *w, size_t t)
{
	const struct job *jb_ = w->job;
	size_t p = jb_->p, k = jb_->k, m = jb_->m;
	size_t rb = t * RB, re = rb + RB < m ? rb + RB : m, nr = re - rb, r, jb, j;
	double *d = w->d, *s = w->s;

	memset(s, 0, nr * k * sizeof *s);
	for (jb = 0; jb < m; jb += CB) {
		size_t je = jb + CB < m ? jb + CB : m, nc = je - jb, a;
		if (p > 0)
			cxm__sqdist_block(d, jb_->xs + rb * p, nr, jb_->xs + jb * p, nc, p, jb_->xn + rb, jb_->xn + jb);
		else
			memset(d, 0, nr * nc * sizeof *d);
		if (jb_->n_cat > 0)
			for (r = 0; r < nr; r++)
				for (j = 0; j < nc; j++)
					d[r * nc + j] += cxm__mismatch(jb_->cs + (rb + r) * jb_->n_cat,
								       jb_->cs + (jb + j) * jb_->n_cat, jb_->n_cat,
								       jb_->gamma);
		for (r = 0; r < nr; r++) /* a row's distance to itself is 0, as scikit-learn sets it */
			if (rb + r >= jb && rb + r < je)
				d[r * nc + (rb + r - jb)] = 0.0;
		for (a = jb; a < je;) { /* runs of one cluster */
			uint32_t c = jb_->lab[a];
			size_t b = jb_->off[c] + jb_->cnt[c] < je ? jb_->off[c] + jb_->cnt[c] : je;
			for (r = 0; r < nr; r++)
				s[r * k + c] += sum_sqrt(d + r * nc + (a - jb), b - a);
			a = b;
		}
	}
	for (r = 0; r < nr; r++) {
		size_t i = rb + r, c2;
		uint32_t c = jb_->lab[i];
		double ai, bi = INFINITY, den;
		if (jb_->cnt[c] <= 1) {
			jb_->sil[i] = 0.0;
			continue;
		}
		ai = s[r * k + c] / (double)(jb_->cnt[c] - 1);
		for (c2 = 0; c2 < k; c2++)
			if (c2 != c && jb_->cnt[c2] > 0) {
				double v = s[r * k + c2] / (double)jb_->cnt[c2];
				if (v < bi)
					bi = v;
			}
		den = ai > bi ? ai : bi;
		jb_->sil[i] = den > 0 ? (bi - ai) / den : 0.0;
	}
}

static void *work(void *arg)
{
	struct worker *w = arg;
	size_t t;
	while ((t = atomic_fetch_add_explicit(&w->job->next, 1, memory_order_relaxed)) < w->job->tasks)
		task(w, t);
	return NULL;
}

/* s(i) of the m rows of job (its inputs set), on up to `threads` threads */
static int run(struct job *job, unsigned threads)
{
	struct worker w[MAX_THREADS];
	pthread_t tid[MAX_THREADS];
	int started[MAX_THREADS];
	unsigned want, t, made = 0;
	int st = CXM_OK;

	job->tasks = (job->m + RB - 1) / RB;
	atomic_init(&job->next, 0);
	want = threads ? threads : cxm__default_threads();
	if (want > MAX_THREADS)
		want = MAX_THREADS;
	if ((size_t)want > job->tasks)
		want = (unsigned)job->tasks;
	/* a few hundred thousand pairs are done before a thread starts */
	if ((double)job->m * (double)job->m * (double)(job->p + job->n_cat + 1) < 4e5)
		want = 1;
	if (want < 1)
		want = 1;
	for (t = 0; t < want; t++) {
		w[t].job = job;
		w[t].d = w[t].s = NULL;
		if ((st = cxm__alloc_array(&w[t].d, (size_t)RB * CB, sizeof *w[t].d, "silhouette distances")) < 0 ||
		    (st = cxm__alloc_array(&w[t].s, (size_t)RB * job->k, sizeof *w[t].s, "silhouette sums")) < 0) {
			cxm__free(w[t].d);
			break;
		}
		made++;
	}
	if (made == want) {
		for (t = 1; t < want; t++)
			started[t] = cxm__thread_start(&tid[t], work, &w[t]);
		work(&w[0]); /* the calling thread takes whatever tasks the others do not */
		for (t = 1; t < want; t++)
			if (started[t])
				pthread_join(tid[t], NULL);
	}
	for (t = 0; t < made; t++) {
		cxm__free(w[t].d);
		cxm__free(w[t].s);
	}
	return st;
}

cxm_status cxm_cluster_silhouette(double *out, const double *x, size_t n_x, size_t n_cols,
				  const uint32_t *codes, size_t n_codes, size_t n_cat, double gamma,
				  const uint32_t *labels, size_t n_labels, size_t sample, uint64_t seed,
				  unsigned int threads)
{
	cxm__qdata q;
	struct job job;
	size_t *idx = NULL, *off = NULL, *cnt = NULL, *pos = NULL, m, i, c, present = 0;
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
	if (sample > q.rows) {
		cxm__qdata_free(&q);
		return cxm__fail(CXM_EBAD_ARG, "sample = %zu is more than the %zu rows", sample, q.rows);
	}
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
	job.sil = sil;
	if ((st = run(&job, threads)) < 0)
		goto done;
	for (i = 0; i < m; i++)
		sum += sil[i];
	*out = sum / (double)m;
done:
	cxm__free(idx);
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
