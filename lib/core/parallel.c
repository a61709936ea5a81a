/* lib/core/parallel.c - thread-count-independent parallel sums (see parallel.h). */
#if defined(__linux__)
#  define _GNU_SOURCE /* sched_getcpu, pthread_attr_setaffinity_np */
#  include <sched.h>
#endif
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "internal.h"
#include "parallel.h"

/* Below this many rows, starting a thread costs more than it saves. */
#define MIN_ROWS_PER_THREAD (4 * CXM__CHUNK_ROWS)
#define MAX_THREADS 64

/*
 * The process-wide setting (cxm_set_threads; 0 = not set) and the count of
 * threads the library has started (read by the unit tests to check that
 * cxm_set_threads(1) starts none). Atomics: any thread may set or read them
 * while others compute; relaxed order is enough, nothing else is published
 * through them.
 */
static atomic_uint threads_setting;
static atomic_size_t threads_started;

/*
 * The workers take chunks in turn from a shared counter rather than a fixed
 * share each: a thread that starts late (a core woken from idle can take a
 * millisecond) then simply does fewer chunks, and the call never takes
 * longer than on one thread. Which thread does a chunk changes nothing.
 */
struct job {
	double *partial;    /* k values per chunk */
	size_t k, n, chunks;
	cxm__chunk_fn fn;
	void *ctx;
	atomic_size_t next; /* the next chunk to take */
};

static void *work(void *arg)
{
	struct job *j = arg;
	size_t c;
	while ((c = atomic_fetch_add_explicit(&j->next, 1, memory_order_relaxed)) < j->chunks) {
		size_t begin = c * CXM__CHUNK_ROWS;
		size_t end = begin + CXM__CHUNK_ROWS < j->n ? begin + CXM__CHUNK_ROWS : j->n;
		j->fn(j->partial + c * j->k, begin, end, j->ctx);
	}
	return NULL;
}

/*
 * Workers are kept off the calling thread's core where Linux lets us. A new
 * thread otherwise often starts on the caller's own core when the others are
 * idle - in a VM an idle vCPU counts as preempted and the scheduler avoids
 * it - and waits there 1-3 ms for a time slice: all of a short call.
 */
int cxm__thread_start(pthread_t *tid, void *(*fn)(void *), void *arg)
{
#if defined(__linux__)
	cpu_set_t others;
	int cpu = sched_getcpu(), ok;
	pthread_attr_t attr;
	if (cpu >= 0 && cpu < CPU_SETSIZE && sched_getaffinity(0, sizeof others, &others) == 0) {
		CPU_CLR(cpu, &others);
		if (CPU_COUNT(&others) > 0 && pthread_attr_init(&attr) == 0) {
			ok = pthread_attr_setaffinity_np(&attr, sizeof others, &others) == 0 &&
			     pthread_create(tid, &attr, fn, arg) == 0;
			pthread_attr_destroy(&attr);
			if (ok) {
				atomic_fetch_add_explicit(&threads_started, 1, memory_order_relaxed);
				return 1;
			}
		}
	}
#endif
	return cxm__thread_create(tid, fn, arg);
}

cxm_status cxm_set_threads(unsigned int n)
{
	if (n > CXM_THREADS_MAX)
		return cxm__fail(CXM_EBAD_ARG, "threads = %u is above %u (0 goes back to the default)", n,
				 (unsigned)CXM_THREADS_MAX);
	atomic_store_explicit(&threads_setting, n, memory_order_relaxed);
	return CXM_OK;
}

/* CXM_THREADS as a count 1..CXM_THREADS_MAX, or 0 when unset, empty or not
 * such a number (then it is ignored, as the header says: an exception from a
 * computation would be a worse answer to a typo in the environment). */
static unsigned env_threads(void)
{
	const char *env = getenv("CXM_THREADS"), *p;
	unsigned long t = 0;
	if (!env)
		return 0;
	for (p = env; *p == ' ' || *p == '\t'; p++)
		;
	if (*p < '0' || *p > '9')
		return 0;
	for (; *p >= '0' && *p <= '9'; p++)
		if ((t = t * 10 + (unsigned long)(*p - '0')) > CXM_THREADS_MAX)
			return 0;
	for (; *p == ' ' || *p == '\t' || *p == '\n'; p++)
		;
	return *p == '\0' ? (unsigned)t : 0;
}

unsigned int cxm_threads(void)
{
	unsigned set = atomic_load_explicit(&threads_setting, memory_order_relaxed), env;
	long cores;
	if (set)
		return set;
	if ((env = env_threads()) != 0)
		return env;
	cores = sysconf(_SC_NPROCESSORS_ONLN);
	return cores >= 1 ? (unsigned)(cores > CXM_THREADS_MAX ? CXM_THREADS_MAX : cores) : 1u;
}

unsigned cxm__default_threads(void)
{
	return cxm_threads();
}

int cxm__thread_create(pthread_t *tid, void *(*fn)(void *), void *arg)
{
	if (pthread_create(tid, NULL, fn, arg) != 0)
		return 0;
	atomic_fetch_add_explicit(&threads_started, 1, memory_order_relaxed);
	return 1;
}

size_t cxm__threads_started(void)
{
	return atomic_load_explicit(&threads_started, memory_order_relaxed);
}

int cxm__parallel_sum(double *out, size_t k, size_t n, cxm__chunk_fn fn, void *ctx,
		      unsigned threads)
{
	struct job job;
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
	job.partial = partial;
	job.k = k;
	job.n = n;
	job.chunks = chunks;
	job.fn = fn;
	job.ctx = ctx;
	atomic_init(&job.next, 0);
	/* the calling thread works too and takes whatever chunks the workers do
	 * not: a worker that fails to start, or starts late, is not missed */
	for (t = 1; t < want; t++)
		started[t] = cxm__thread_start(&tid[t], work, &job);
	work(&job);
	for (t = 1; t < want; t++)
		if (started[t])
			pthread_join(tid[t], NULL);
	for (c = 0; c < chunks; c++) /* in chunk order: the same sum for any thread count */
		for (i = 0; i < k; i++)
			out[i] += partial[c * k + i];
	cxm__free(partial);
	return CXM_OK;
}
