/* lib/rates/strset.c - open-addressing string set with linear probing (see strset.h). */
#include <string.h>
#include "internal.h"
#include "strset.h"

/* FNV-1a, 64 bits: ids are short and trusted enough that a simple hash will do. */
static uint64_t hash_str(const char *s)
{
	uint64_t h = 14695981039346656037ull;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		h ^= *p++;
		h *= 1099511628211ull;
	}
	return h;
}

int cxm__strset_init(cxm__strset *set, size_t max_keys, const char *what)
{
	size_t slots = 8;
	int rc;
	set->slots = NULL;
	set->mask = 0;
	set->count = 0;
	/* Load factor <= 1/2 keeps probe sequences short without ever resizing. */
	while (slots / 2 < max_keys) {
		if (slots > SIZE_MAX / 2)
			return cxm__fail(CXM_ENOMEM, "%s: %zu keys are too many for a hash table", what, max_keys);
		slots *= 2;
	}
	if ((rc = cxm__alloc_array(&set->slots, slots, sizeof *set->slots, what)) < 0)
		return rc;
	memset(set->slots, 0, slots * sizeof *set->slots);
	set->mask = slots - 1;
	return CXM_OK;
}

void cxm__strset_add(cxm__strset *set, const char *key)
{
	uint64_t h = hash_str(key);
	size_t i = (size_t)h & set->mask;
	for (;;) {
		cxm__strset_slot *s = &set->slots[i];
		if (s->key == NULL) {
			s->key = key;
			s->hash = h;
			set->count++;
			return;
		}
		if (s->hash == h && strcmp(s->key, key) == 0)
			return;
		i = (i + 1) & set->mask;
	}
}

void cxm__strset_free(cxm__strset *set)
{
	cxm__free(set->slots);
	set->slots = NULL;
	set->mask = 0;
	set->count = 0;
}
