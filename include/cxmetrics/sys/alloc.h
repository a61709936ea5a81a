/*
 * cxmetrics/sys/alloc.h - replace the allocator (weaker stability than the main API).
 *
 * Call cxm_set_allocator() once, before any other cxmetrics call and before
 * starting threads (it is process-global, as cJSON's hooks are; it is the only
 * mutable global in the library). Used by the tests to fail allocation N and
 * check that every entry point returns CXM_ENOMEM cleanly.
 */
#ifndef CXMETRICS_SYS_ALLOC_H
#define CXMETRICS_SYS_ALLOC_H

#include "../common.h"

CXM_BEGIN_DECL

typedef struct cxm_allocator {
	void *(*malloc_fn)(size_t size);
	void *(*realloc_fn)(void *ptr, size_t size);
	void (*free_fn)(void *ptr);
} cxm_allocator;

/**
 * Install an allocator; NULL restores malloc/realloc/free.
 * @param allocator  three functions, none NULL; the struct is copied.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (one of the three function pointers is NULL; the allocator
 *         in use stays as it was).
 * Ownership: *allocator is copied and need not outlive the call. Memory the
 *         library allocated before the call is freed later with the new
 *         free_fn, so install it before anything is allocated.
 * Thread safety: not thread-safe: it sets the process-global allocator; call
 *         it before any other cxmetrics call and before starting threads.
 */
CXM_API cxm_status cxm_set_allocator(const cxm_allocator *allocator);

CXM_END_DECL

#endif
