/* lib/core/parallel.c - thread-count-independent parallel sums (see parallel.h). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "internal.h"
#include "parallel.h"

/* Below this many rows, starting a thread costs more than it saves. */
#define MIN_ROWS_PER_THREAD (4 * CXM__CHUNK_ROWS)
#define MAX_THREADS 64

struct job {
	double *partial; /* k values per chunk */
	size_t k, n, chunks;
	cxm__chunk_fn fn;
	void *ctx;
	unsigned stride, first; /* this worker does chunks first, first + stride, ... */
};

static void *work(void *arg)
{
	const struct job *j = arg;
	size_t c;
	for (c = j->first; c < j->chunks; c += j->stride) {
		size_t begin = c * CXM__CHUNK_ROWS;
		size_t end = begin + CXM__CHUNK_ROWS < j->n ? begin + CXM__CHUNK_ROWS : j->n;
		j->fn(j->partial + c * j->k, begin, end, j->ctx);
	}
	return NULL;
}

unsigned cxm__default_threads(void)
{
	const char *env = getenv("CXM_THREADS");
	long cores;
	if (env && *env) {
		long t = strtol(env, NULL, 10);
		if (t >= 1)
			return t > MAX_THREADS ? MAX_THREADS : (unsigned)t;
	}
	cores = sysconf(_SC_NPROCESSORS_ONLN);
	return cores >= 1 ? (unsigned)(cores > MAX_THREADS ? MAX_THREADS : cores) : 1u;
}

int cxm__parallel_sum(double *out, size_t k, size_t n, cxm__chunk_fn fn, void *ctx,
		      unsigned threads)
{
	struct job jobs[MAX_THREADS];
	pthread_t tid[MAX_THREADS];
	int started[MAX_THREADS];
	size_t chunks = (n + CXM__CHUNK_ROWS - 1) / CXM__CHUNK_ROWS, c, i;
	double *partial;
	unsigned t, want;
	int rc;

	memset(out, 0, k * sizeof *out);
	if (chunks == 0)
		return CXM_OK;
	if ((rc = cxm__alloc_array(&partial, chunks * k, sizeof *partial, "parallel sum")) < 0)
		return rc;
	memset(partial, 0, chunks * k * sizeof *partial);
	want = threads ? threads : cxm__default_threads();
	if (want > MAX_THREADS)
		want = MAX_THREADS;
	if ((size_t)want > n / MIN_ROWS_PER_THREAD)
		want = (unsigned)(n / MIN_ROWS_PER_THREAD);
	if (want < 1)
		want = 1;
	for (t = 0; t < want; t++) {
		jobs[t] = (struct job){ partial, k, n, chunks, fn, ctx, want, t };
		/* worker 0 is the calling thread; a failed start is done here too */
		started[t] = t > 0 && pthread_create(&tid[t], NULL, work, &jobs[t]) == 0;
	}
	work(&jobs[0]);
	for (t = 1; t < want; t++) {
		if (started[t])
			pthread_join(tid[t], NULL);
		else
			work(&jobs[t]);
	}
	for (c = 0; c < chunks; c++) /* in chunk order: the same sum for any thread count */
		for (i = 0; i < k; i++)
			out[i] += partial[c * k + i];
	cxm__free(partial);
	return CXM_OK;
}
