/* lib/core/alloc.c - the allocator hook (sys/alloc.h), the library's one mutable global. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "cxmetrics/sys/alloc.h"

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
