/*
 * tests/unit/oom.h - out-of-memory loops through the allocator hook.
 *
 * Fail allocation k = 0, 1, 2, ... of a call until the call no longer reaches
 * the failure (SQLite-style): every run that hits it must return CXM_ENOMEM
 * and leave nothing allocated, and the last run must succeed.
 *
 *   for (k = 0;; k++) {
 *           oom_arm(k);
 *           rc = call(&out, ...);
 *           if (!oom_failed()) {
 *                   ck_assert_status(rc, CXM_OK);
 *                   ... check and free out ...
 *                   oom_assert_no_leak(k);
 *                   break;
 *           }
 *           oom_assert_enomem(rc, k);
 *           oom_assert_no_leak(k);
 *   }
 *   oom_disarm();
 *
 * Only the k-th allocation fails; the ones after it succeed again, so a call
 * that ignores a failure and carries on is caught (it would succeed with
 * oom_failed() set). The loop ends on oom_failed() rather than on CXM_OK for
 * the same reason: success is only accepted when nothing was refused. Ask
 * oom_failed() straight after the call: allocations the test makes through
 * the library before the next oom_arm or oom_disarm count on too.
 *
 * State is static: each test program includes this from its one .c file.
 */
#ifndef CXM_TEST_OOM_H
#define CXM_TEST_OOM_H

#include <stdlib.h>
#include "harness.h"
#include "cxmetrics/sys/alloc.h"

static struct {
	long fail_at; /* index of the allocation to refuse; < 0 = none */
	long calls;   /* allocations (malloc and realloc) since oom_arm */
	long live;    /* blocks allocated through the hook and not yet freed */
	int failed;   /* the refusal happened */
} oom_state = { -1, 0, 0, 0 };

/* One counter for malloc and realloc: the library may grow a buffer with
 * either, and each is a point where it must cope with NULL. */
static inline int oom_hook_refuse(void)
{
	if (oom_state.calls++ != oom_state.fail_at)
		return 0;
	oom_state.failed = 1;
	return 1;
}

static inline void *oom_hook_malloc(size_t size)
{
	void *p;
	if (oom_hook_refuse())
		return NULL;
	if ((p = malloc(size)) != NULL)
		oom_state.live++;
	return p;
}

static inline void *oom_hook_realloc(void *p, size_t size)
{
	void *q;
	if (oom_hook_refuse())
		return NULL;
	/* only realloc(NULL, n) makes a new block; resizing keeps the count */
	if ((q = realloc(p, size)) != NULL && p == NULL)
		oom_state.live++;
	return q;
}

static inline void oom_hook_free(void *p)
{
	if (p)
		oom_state.live--;
	free(p);
}

/* Install the counting allocator and refuse the k-th allocation from now on
 * (k = 0 is the next one); k < 0 counts without ever refusing. The counters
 * start again at zero, so each run of a loop is judged on its own. */
static inline void oom_arm(long k)
{
	static const cxm_allocator counting = { oom_hook_malloc, oom_hook_realloc, oom_hook_free };
	oom_state.fail_at = k;
	oom_state.calls = 0;
	oom_state.live = 0;
	oom_state.failed = 0;
	ck_assert_status(cxm_set_allocator(&counting), CXM_OK);
}

/* Whether the armed allocation was refused: if not, the call ran to the end. */
static inline int oom_failed(void)
{
	return oom_state.failed;
}

/* Blocks allocated through the hook since oom_arm and not yet freed. */
static inline long oom_live(void)
{
	return oom_state.live;
}

/* Back to malloc/realloc/free, so the rest of the test runs unhindered. */
static inline void oom_disarm(void)
{
	ck_assert_status(cxm_set_allocator(NULL), CXM_OK);
}

/* A run that hit the failure: CXM_ENOMEM, returned and recorded as the last
 * error. Macros, so that check reports the caller's line. */
#define oom_assert_enomem(rc, k)                                                           \
	do {                                                                               \
		int orc_ = (rc);                                                           \
		ck_assert_msg(orc_ == CXM_ENOMEM, "k = %ld: got %d (%s), expected NOMEM: %s", \
			      (long)(k), orc_, cxm_error_name(orc_), cxm_error_last()->message); \
		ck_assert_int_eq(cxm_error_last()->code, CXM_ENOMEM);                      \
	} while (0)

/* Everything allocated in the run has been freed (call after freeing results). */
#define oom_assert_no_leak(k)                                                              \
	ck_assert_msg(oom_live() == 0, "k = %ld: %ld blocks leaked", (long)(k), oom_live())

#endif
