/* lib/core/alloc.c - the allocator hook (sys/alloc.h), the library's one mutable global. */
#if defined(__linux__) && !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE 1 /* madvise */
#endif
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "cxmetrics/sys/alloc.h"
#if defined(__linux__)
#include <sys/mman.h>
#endif

static cxm_allocator hooks = { malloc, realloc, free };

cxm_status cxm_set_allocator(const cxm_allocator *allocator)
{
	if (allocator == NULL) {
		hooks.malloc_fn = malloc;
		hooks.realloc_fn = realloc;
		hooks.free_fn = free;
		return CXM_OK;
	}
	if (!allocator->malloc_fn || !allocator->realloc_fn || !allocator->free_fn)
		return cxm__fail(CXM_EBAD_ARG, "cxm_set_allocator: every function pointer must be set");
	hooks = *allocator;
	return CXM_OK;
}

void *cxm__malloc(size_t size)
{
	return hooks.malloc_fn(size ? size : 1);
}

void *cxm__calloc(size_t count, size_t size)
{
	void *p;
	size_t bytes;
	if (size && count > SIZE_MAX / size)
		return NULL;
	bytes = count * size;
	p = cxm__malloc(bytes);
	if (p && bytes)
		memset(p, 0, bytes);
	return p;
}

void *cxm__realloc(void *p, size_t size)
{
	return hooks.realloc_fn(p, size ? size : 1);
}

void cxm__free(void *p)
{
	if (p)
		hooks.free_fn(p);
}

void cxm_free(void *p)
{
	cxm__free(p);
}

char *cxm__strdup(const char *s)
{
	size_t len = strlen(s) + 1;
	char *copy = cxm__malloc(len);
	if (copy)
		memcpy(copy, s, len);
	return copy;
}

int cxm__alloc_array(void *out_ptr, size_t count, size_t size, const char *what)
{
	void *p = NULL;
	if (size && count > SIZE_MAX / size)
		return cxm__fail(CXM_ENOMEM, "%s: %zu elements of %zu bytes overflow size_t", what, count, size);
	p = cxm__malloc(count * size);
	if (p == NULL)
		return cxm__fail(CXM_ENOMEM, "%s: cannot allocate %zu bytes", what, count * size);
	memcpy(out_ptr, &p, sizeof p);
	return CXM_OK;
}

/* 2 MiB: an x86-64 / arm64 huge page. */
#define HUGE_BYTES ((size_t)2 << 20)

/* What cxm__free_big needs, at the start of a block (the array follows it,
 * further on when aligned). */
typedef struct big_head {
	size_t mapped; /* bytes mapped with mmap (munmap them), or 0: the allocator's */
} big_head;
#define HEAD_BYTES 64 /* a cache line: the array's alignment when not 2 MiB */

int cxm__alloc_big(void *out_ptr, void **block, size_t count, size_t size, const char *what)
{
	size_t bytes, whole;
	unsigned char *base = NULL, *p;
	int rc;
	*block = NULL;
	if (size && count > SIZE_MAX / size)
		return cxm__fail(CXM_ENOMEM, "%s: %zu elements of %zu bytes overflow size_t", what, count, size);
	bytes = count * size;
	whole = (bytes + HUGE_BYTES - 1) & ~(HUGE_BYTES - 1);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
	/* Below a huge page the alignment would cost more than it saves. Else the
	 * huge pages must lie wholly inside the block (a page that reaches past
	 * it stays 4 KiB): room for the rounded size, the head and the alignment.
	 * With the default allocator the block is mapped here: malloc's heap can
	 * hand back 4 KiB pages (a block reused after a trim is not advised
	 * again), a fresh mapping cannot. */
	if (bytes >= HUGE_BYTES && whole <= SIZE_MAX - 2 * HUGE_BYTES) {
		size_t len = whole + HUGE_BYTES + HEAD_BYTES;
		if (hooks.malloc_fn == malloc) {
			void *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (m == MAP_FAILED)
				return cxm__fail(CXM_ENOMEM, "%s: cannot map %zu bytes", what, len);
			base = m;
			((big_head *)base)->mapped = len;
		} else {
			if ((rc = cxm__alloc_array(&base, len, 1, what)) < 0)
				return rc;
			((big_head *)base)->mapped = 0;
		}
		p = (unsigned char *)(((uintptr_t)base + HEAD_BYTES + HUGE_BYTES - 1) & ~(uintptr_t)(HUGE_BYTES - 1));
		(void)madvise(p, whole, MADV_HUGEPAGE); /* advice: refused, nothing changes */
		*block = base;
		memcpy(out_ptr, &p, sizeof p);
		return CXM_OK;
	}
#else
	(void)whole;
#endif
	if ((rc = cxm__alloc_array(&base, HEAD_BYTES + (bytes ? bytes : 1), 1, what)) < 0)
		return rc;
	((big_head *)base)->mapped = 0;
	p = base + HEAD_BYTES;
	*block = base;
	memcpy(out_ptr, &p, sizeof p);
	return CXM_OK;
}

void cxm__free_big(void *block)
{
	if (block == NULL)
		return;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
	if (((big_head *)block)->mapped) {
		(void)munmap(block, ((big_head *)block)->mapped);
		return;
	}
#endif
	cxm__free(block);
}
