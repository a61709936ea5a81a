/*
 * lib/core/parallel.h - sums over many rows on several threads, with results
 * that do not depend on the number of threads.
 *
 * The rows are cut into fixed chunks (the cut does not depend on the thread
 * count); each chunk's partial sums are computed alone, then added in chunk
 * order. One thread or eight, the floating-point operations are the same.
 */
#ifndef CXM_PARALLEL_H
#define CXM_PARALLEL_H

#include <pthread.h>
#include <stddef.h>

/** Rows per chunk. */
#define CXM__CHUNK_ROWS 8192

/** Add the contributions of rows [begin, end) to acc[0..k-1] (acc starts at 0). */
typedef void (*cxm__chunk_fn)(double *acc, size_t begin, size_t end, void *ctx);

/**
 * out[0..k-1] = sum over chunks of fn's partial sums, chunks added in order.
 * threads: 0 = cxm__default_threads() (cxm_threads(): cxm_set_threads, else
 * CXM_THREADS, else every online core), 1 = the calling thread only; at most
 * 64 are used. Small inputs always run on
 * one thread.
 * Returns CXM_OK or CXM_ENOMEM; never fails for lack of threads (it falls back
 * to one). `fn` must be thread-safe for disjoint row ranges.
 */
int cxm__parallel_sum(double *out, size_t k, size_t n, cxm__chunk_fn fn, void *ctx,
		      unsigned threads);

/**
 * pthread_create(tid, NULL, fn, arg), with the thread kept off the calling
 * thread's CPU where the OS allows (Linux; see parallel.c). Returns 1 if the
 * thread runs, 0 if it could not be started. Counted (cxm__threads_started).
 */
int cxm__thread_start(pthread_t *tid, void *(*fn)(void *), void *arg);

/**
 * Plain pthread_create(tid, NULL, fn, arg), counted: for the threads that
 * must not be kept off the caller's core (csv_chunks.c says why). Every
 * thread the library starts goes through this or cxm__thread_start, so
 * that the count below is complete. Returns 1 if the thread runs, else 0.
 */
int cxm__thread_create(pthread_t *tid, void *(*fn)(void *), void *arg);

/**
 * The thread count to use for `threads` = 0: cxm_threads() (cxm_set_threads,
 * else CXM_THREADS, else online cores; 1..CXM_THREADS_MAX). Every function
 * that starts threads without a per-call count takes it from here, and 1
 * means that it starts none.
 */
unsigned cxm__default_threads(void);

/**
 * How many threads the library has started in this process so far (every
 * call of cxm__thread_start / cxm__thread_create that succeeded). For the
 * tests: a call under cxm_set_threads(1) must leave it unchanged.
 */
size_t cxm__threads_started(void);

#endif
