/*
 * cxmetrics/threads.h - how many threads the library may start.
 *
 * Some functions split large inputs over threads (README "Threads" lists
 * them); their results never depend on the thread count. The count a call
 * uses is, first match wins:
 *   1. the per-call option, where the function has one and it is not 0
 *      (cxm_clv_fit_opts_set_threads, cxm_cluster_opts_set_threads,
 *      cxm_drivers_opts_set_threads, cxm_events_opts_set_threads,
 *      cxm_funnel_opts_set_threads, cxm_persona_opts_set_threads,
 *      cxm_survey_opts_set_threads, the threads argument of
 *      cxm_cluster_silhouette);
 *   2. the process-wide setting, cxm_set_threads(n) with n > 0;
 *   3. the environment variable CXM_THREADS, an integer 1..CXM_THREADS_MAX,
 *      read at each call that needs it (so a value set before the call is
 *      seen); unset, empty, 0 or anything else (text, a negative number,
 *      above the maximum) is ignored;
 *   4. the number of online cores (at least 1, at most CXM_THREADS_MAX).
 * Each function also caps the count at its own maximum (64 for most) and
 * uses one thread for inputs too small to be worth more. A count of 1 means
 * the calling thread only: no function starts a thread. A host with many
 * threads of its own (a web server's workers, a job queue) calls
 * cxm_set_threads(1) once at start-up.
 */
#ifndef CXMETRICS_THREADS_H
#define CXMETRICS_THREADS_H

#include "common.h"

CXM_BEGIN_DECL

/** The largest thread count cxm_set_threads and CXM_THREADS accept. */
#define CXM_THREADS_MAX 1024

/**
 * Set the process-wide thread count used by every call whose per-call
 * option is 0 or that has none (precedence: the top of this header). It
 * takes effect at the next call (one already running may see it in a later
 * phase; results never depend on the count).
 * @param n  1..CXM_THREADS_MAX threads, or 0 to go back to the default
 *           (CXM_THREADS, else the online cores).
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (n above CXM_THREADS_MAX; the setting is then unchanged).
 * Ownership: nothing allocated.
 * Thread safety: safe from any thread at any time (an atomic store); the
 * setting belongs to this copy of the library: process-wide for every thread
 * that calls it (the Python extension links its own copy, with its own setting).
 */
CXM_API cxm_status cxm_set_threads(unsigned int n);

/**
 * The thread count a call with a per-call option of 0 (or none) would use
 * now: the cxm_set_threads value if one is set, else CXM_THREADS if it is a
 * valid count, else the online cores; before any function's own cap.
 * @return 1..CXM_THREADS_MAX.
 * Errors: none. Ownership: nothing allocated.
 * Thread safety: safe from any thread (an atomic load and getenv; do not
 * change the environment while other threads call the library).
 */
CXM_API unsigned int cxm_threads(void);

CXM_END_DECL

#endif
