/*
 * lib/drivers/bootstrap.c - the seeded bootstrap of the Shapley values and
 * relative weights (spec §19.4).
 *
 * Replicate b draws n rows with replacement from the sequence (seed, b) of
 * lib/core/rng.h (the rows become counts: a row drawn twice weighs 2), and
 * recomputes the correlation matrix, every subset's R² and the relative
 * weights. A resample in which a design column has (almost) no variance (a
 * rare level not drawn) or R_xx is singular has no model: it is drawn again
 * from the same sequence, and counted. Replicates are spread over threads by
 * index (thread t takes b = t, t + T, ...) and write only their own rows of
 * the output, so 1 thread or 64 give the same bytes.
 */
#include <pthread.h>
#include <math.h>
#include <string.h>
#include "drivers_internal.h"
#include "parallel.h"
#include "rng.h"

/* A resample whose column variance falls below this share of the full
 * data's has no usable column (it could only be a rare level drawn 0 or 1 times). */
#define VAR_FLOOR 1e-8
#define MAX_REDRAWS 100

typedef struct worker {
	const cxm__drv_design *d;
	const double *var;   /* the full data's column variances */
	cxm__drv_boot *out;
	size_t B, first, step;
	uint64_t seed;
	uint32_t *w;         /* n counts */
	double *R, *v, *work, *r2;
	size_t redrawn;
	size_t failed;       /* 1 + the replicate that stayed degenerate, or 0 */
} worker;

/* One resample's statistics; 0, or -1 when it is degenerate. */
static int replicate(worker *k, cxm__rng *rng, double *sh, double *rw)
{
	const cxm__drv_design *d = k->d;
	size_t i, bad, c;
	memset(k->w, 0, d->n * sizeof *k->w);
	for (i = 0; i < d->n; i++)
		k->w[cxm__rng_below(rng, d->n)]++;
	if (cxm__drv_corr(k->R, k->v, d, k->w, k->work) != 0)
		return -1;
	for (c = 0; c < d->m; c++)
		if (k->v[c] <= VAR_FLOOR * k->var[c])
			return -1;
	cxm__drv_check_rank(&bad, k->work, k->R, d, k->work + d->q);
	if (bad)
		return -1;
	if (cxm__drv_subsets_r2(k->r2, k->R, d, k->work) < 0 || cxm__drv_relweights(rw, k->R, d, k->work) < 0)
		return -1;
	cxm__drv_shapley(sh, k->r2, d->p);
	return 0;
}

static void *run(void *arg)
{
	worker *k = arg;
	size_t b;
	for (b = k->first; b < k->B && !k->failed; b += k->step) {
		cxm__rng rng;
		int tries;
		cxm__rng_init(&rng, k->seed, (uint64_t)b);
		for (tries = 0; replicate(k, &rng, k->out->shapley + b * k->d->p, k->out->rw + b * k->d->p) < 0; tries++) {
			if (tries == MAX_REDRAWS) {
				k->failed = b + 1;
				break;
			}
			k->redrawn++;
		}
	}
	return NULL;
}

static void worker_free(worker *k)
{
	cxm__free(k->w);
	cxm__free(k->R);
}

static int worker_alloc(worker *k, const cxm__drv_design *d)
{
	size_t m = d->m, need = cxm__drv_corr_work(d), s = cxm__drv_subsets_work(d), r = cxm__drv_relweights_work(d);
	double *block;
	int rc;
	if (s > need)
		need = s;
	if (r > need)
		need = r;
	if (d->q + d->q * d->q > need)
		need = d->q + d->q * d->q; /* the rank check's coefficients and factor */
	if ((rc = cxm__alloc_array(&k->w, d->n, sizeof *k->w, "the bootstrap counts")) < 0)
		return rc;
	if ((rc = cxm__alloc_array(&block, m * m + m + need + ((size_t)1 << d->p), sizeof *block,
				   "the bootstrap work space")) < 0) {
		cxm__free(k->w);
		k->w = NULL;
		return rc;
	}
	k->R = block;
	k->v = block + m * m;
	k->work = k->v + m;
	k->r2 = k->work + need;
	return CXM_OK;
}

void cxm__drv_boot_free(cxm__drv_boot *b)
{
	cxm__free(b->shapley);
	cxm__free(b->rw);
	b->shapley = b->rw = NULL;
}

int cxm__drv_bootstrap(cxm__drv_boot *out, const cxm__drv_design *d, const double *var, size_t B, uint64_t seed,
		       unsigned int threads)
{
	worker k[64];
	pthread_t tid[64];
	int started[64];
	size_t T, t, failed = 0;
	int rc = CXM_OK;
	memset(out, 0, sizeof *out);
	memset(k, 0, sizeof k);
	if (B == 0)
		return CXM_OK;
	T = threads ? threads : cxm__default_threads();
	if (T > 64)
		T = 64;
	if (T > B)
		T = B;
	if ((rc = cxm__alloc_array(&out->shapley, B, d->p * sizeof(double), "the bootstrap Shapley values")) < 0 ||
	    (rc = cxm__alloc_array(&out->rw, B, d->p * sizeof(double), "the bootstrap relative weights")) < 0) {
		cxm__drv_boot_free(out);
		return rc;
	}
	for (t = 0; t < T; t++) {
		if ((rc = worker_alloc(&k[t], d)) < 0)
			break;
		k[t].d = d;
		k[t].var = var;
		k[t].out = out;
		k[t].B = B;
		k[t].first = t;
		k[t].step = T;
		k[t].seed = seed;
	}
	if (rc == CXM_OK) {
		/* worker 0 runs on the calling thread, the others on their own */
		for (t = 1; t < T; t++)
			started[t] = cxm__thread_start(&tid[t], run, &k[t]);
		run(&k[0]);
		for (t = 1; t < T; t++) {
			if (started[t])
				pthread_join(tid[t], NULL);
			else
				run(&k[t]); /* no thread: its replicates here, the same numbers */
		}
		for (t = 0; t < T; t++) {
			out->redrawn += k[t].redrawn;
			if (k[t].failed && (failed == 0 || k[t].failed < failed))
				failed = k[t].failed;
		}
		if (failed)
			rc = cxm__fail(CXM_EINCONSISTENT,
				       "bootstrap replicate %zu: %d resamples in a row had a driver without variation or "
				       "collinear drivers (a rare level?); group rare levels or use more rows",
				       failed - 1, MAX_REDRAWS + 1);
	}
	for (t = 0; t < T; t++)
		worker_free(&k[t]);
	if (rc < 0)
		cxm__drv_boot_free(out);
	return rc;
}

double cxm__drv_quantile(const double *x, size_t n, double prob)
{
	double h, lo;
	size_t i;
	if (n == 0)
		return NAN;
	h = (double)(n - 1) * prob;
	lo = floor(h);
	i = (size_t)lo;
	if (i + 1 >= n)
		return x[n - 1];
	return x[i] + (h - lo) * (x[i + 1] - x[i]);
}
